//! Export readers on the bundled sample and on small bad inputs: XLSX and JSON of the sample give
//! the same items, CSV (GBK and UTF-8 BOM) too; header synonyms (built-in and from the
//! configuration), coded values and extra columns survive; every bad input is reported with its
//! place while the run goes on.

mod common {
    pub mod sample_sheets;
}

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use common::sample_sheets::{SheetData, sample_sheets};
use rust_xlsxwriter::Workbook;
use zwfw_audit::check::{RunInfo, check_records};
use zwfw_audit::config::{Config, Labels};
use zwfw_audit::model::{Item, Provenance};
use zwfw_audit::report::ItemStatus;
use zwfw_audit::rules::{CheckContext, RuleSet};
use zwfw_audit::source::{Notice, NoticeLevel, Record, Unreadable, read_inputs, read_inputs_with};
use zwfw_audit::unit::default_unit;

fn exports() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/exports")
}

struct Read {
    items: Vec<Item>,
    unreadable: Vec<Unreadable>,
    notices: Vec<Notice>,
}

fn read_with(paths: &[PathBuf], labels: &Labels) -> Read {
    let mut out = Read {
        items: Vec::new(),
        unreadable: Vec::new(),
        notices: Vec::new(),
    };
    read_inputs_with(paths, labels, &mut |r| match r {
        Record::Item(i) => out.items.push(*i),
        Record::Unreadable(u) => out.unreadable.push(u),
        Record::Notice(n) => out.notices.push(n),
    });
    out
}

fn read(paths: &[PathBuf]) -> Read {
    read_with(paths, &Labels::default())
}

/// The item without any provenance, for comparing items read from different formats.
fn strip(mut item: Item) -> Item {
    item.provenance = Provenance::default();
    item.materials
        .iter_mut()
        .for_each(|m| m.provenance = Provenance::default());
    item.steps
        .iter_mut()
        .for_each(|s| s.provenance = Provenance::default());
    item.fees
        .iter_mut()
        .for_each(|f| f.provenance = Provenance::default());
    item.intermediaries
        .iter_mut()
        .for_each(|i| i.provenance = Provenance::default());
    item.faqs
        .iter_mut()
        .for_each(|q| q.provenance = Provenance::default());
    item
}

fn sample_json() -> Vec<Item> {
    let r = read(&[exports().join("sample.json")]);
    assert!(
        r.unreadable.is_empty() && r.notices.is_empty(),
        "{:?}",
        r.notices
    );
    r.items
}

fn assert_same_items(got: Vec<Item>, want: Vec<Item>) {
    assert_eq!(got.len(), want.len());
    for (g, w) in got.into_iter().zip(want) {
        let code = w.code.clone();
        assert_eq!(strip(g), strip(w), "item {code} differs");
    }
}

/// Writes the sample's sheets as CSV files (one per sheet) in `dir`, encoded by `encode`.
fn write_csv_sheets(dir: &Path, encode: impl Fn(&str) -> Vec<u8>) -> Vec<PathBuf> {
    let items = sample_json();
    let mut paths = Vec::new();
    for sheet in sample_sheets(&items) {
        let path = dir.join(format!("{}.csv", sheet.name));
        std::fs::write(&path, encode(&csv_text(&sheet))).unwrap();
        paths.push(path);
    }
    paths
}

fn csv_text(sheet: &SheetData) -> String {
    let mut w = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(Vec::new());
    if let Some(t) = sheet.title {
        w.write_record([t]).unwrap();
    }
    w.write_record(&sheet.header).unwrap();
    for r in &sheet.rows {
        w.write_record(r).unwrap();
    }
    String::from_utf8(w.into_inner().unwrap()).unwrap()
}

#[test]
fn xlsx_and_json_of_the_sample_give_the_same_items() {
    let json = sample_json();
    let xlsx = read(&[exports().join("sample.xlsx")]);
    assert!(xlsx.unreadable.is_empty());
    // The only notice: the instructions sheet is not an item or child sheet.
    assert_eq!(xlsx.notices.len(), 1, "{:?}", xlsx.notices);
    assert_eq!(xlsx.notices[0].level, NoticeLevel::Info);
    assert!(xlsx.notices[0].message.contains("填表说明"));
    assert!(json.len() >= 36);
    let units: BTreeSet<String> = json.iter().map(|i| default_unit(i).name).collect();
    assert!(units.len() >= 4, "{units:?}");
    // Provenance: file + sheet + 1-based row on items and children (title row 1, header row 2).
    let first = &xlsx.items[0];
    assert_eq!(first.provenance.sheet.as_deref(), Some("事项基本信息"));
    assert_eq!(first.provenance.row, Some(3));
    assert!(first.provenance.source.ends_with("sample.xlsx"));
    assert_eq!(
        first.materials[0].provenance.sheet.as_deref(),
        Some("申请材料")
    );
    assert_eq!(first.materials[0].provenance.row, Some(2));
    assert_eq!(first.steps[0].provenance.sheet.as_deref(), Some("办理流程"));
    assert_eq!(first.faqs[2].provenance.sheet.as_deref(), Some("常见问题"));
    assert_same_items(xlsx.items, json);
}

#[test]
fn intermediary_rows_group_into_services_with_agencies() {
    let xlsx = read(&[exports().join("sample.xlsx")]).items;
    let plan = xlsx
        .iter()
        .find(|i| i.name == "建设工程规划许可证核发")
        .unwrap();
    assert_eq!(plan.intermediaries.len(), 1);
    assert_eq!(plan.intermediaries[0].name, "建设工程设计方案编制");
    assert_eq!(plan.intermediaries[0].agencies.len(), 3);
    assert_eq!(plan.intermediaries[0].agencies[2].contact, "0566-2022137");
}

#[test]
fn coded_values_and_extra_columns_are_kept() {
    let xlsx = read(&[exports().join("sample.xlsx")]).items;
    let food = &xlsx[0];
    // 权力来源 `1` and 事项类型 `01` stay as published; the rules decode them.
    assert_eq!(food.power_source, "1");
    assert_eq!(food.item_type, "01");
    assert_eq!(food.level, "3");
    // Extra columns: 备注 on the item sheet, 材料编码 on the material sheet.
    assert_eq!(
        food.extra.get("备注").map(String::as_str),
        Some("2023年按《食品经营许可和备案管理办法》更新")
    );
    assert_eq!(
        food.materials[0].extra.get("材料编码").map(String::as_str),
        Some("1134170000312541513000117035000001")
    );
    // Leading zeros of codes written as text survive.
    assert_eq!(food.basic_code, "000117035000");
}

#[test]
fn gbk_csv_files_form_one_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let paths = write_csv_sheets(dir.path(), |s| {
        let (bytes, _, had_errors) = encoding_rs::GBK.encode(s);
        assert!(!had_errors, "sample text must be encodable in GBK");
        bytes.into_owned()
    });
    assert!(
        std::str::from_utf8(&std::fs::read(&paths[2]).unwrap()).is_err(),
        "not GBK bytes"
    );
    let r = read(&paths);
    assert!(r.unreadable.is_empty());
    let messages: Vec<&str> = r
        .notices
        .iter()
        .take(3)
        .map(|n| n.message.as_str())
        .collect();
    assert_eq!(r.notices.len(), 1, "{messages:?}");
    assert!(r.notices[0].message.contains("填表说明.csv"));
    let item_csv = dir.path().join("事项基本信息.csv").display().to_string();
    assert_eq!(r.items[0].provenance, Provenance::row(&item_csv, 3));
    assert_same_items(r.items, sample_json());
}

#[test]
fn utf8_bom_csv_files_read_from_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    write_csv_sheets(dir.path(), |s| {
        let mut b = b"\xEF\xBB\xBF".to_vec();
        b.extend_from_slice(s.as_bytes());
        b
    });
    let r = read(&[dir.path().to_owned()]);
    assert!(r.unreadable.is_empty());
    // The BOM does not leak into the first header (实施编码 / 材料…): codes are read.
    assert!(r.items.iter().all(|i| i.code.len() == 31));
    assert_same_items(r.items, sample_json());
}

#[test]
fn header_synonyms_normalise_and_users_extend_them() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("事项.csv");
    std::fs::write(
        &path,
        "实施编码,事项名称：,承诺期限（工作日）,办事者到办事现场次数,投诉电话,具体地址,承诺天数,联系人电话\n\
         1134170000312541513000117035000,食品经营许可（新办）,10个工作日,1,0566-12345,池州市长江中路89号8号窗口,7,0566-2021156\n",
    )
    .unwrap();
    let plain = read(std::slice::from_ref(&path));
    let item = &plain.items[0];
    assert_eq!(item.name, "食品经营许可（新办）");
    assert_eq!(item.promised_limit, "10个工作日");
    assert_eq!(item.visits, "1");
    assert_eq!(item.supervise_phone, "0566-12345");
    assert_eq!(item.address, "池州市长江中路89号8号窗口");
    // Not known without configuration: kept as extra columns by their original header.
    assert_eq!(item.extra.get("承诺天数").map(String::as_str), Some("7"));
    assert_eq!(item.consult_phone, "");

    // With the user's synonyms, keyed by element key or by standard label.
    let custom = dir.path().join("custom.csv");
    std::fs::write(
        &custom,
        "实施编码,事项名称,实施主体,办理地点,行使层级,承诺天数,联系人电话\n\
         1134170000312541513000117035000,食品经营许可（新办）,池州市市场监督管理局,池州市长江中路89号8号窗口,3,7个工作日,0566-2021156\n",
    )
    .unwrap();
    let without = &read(std::slice::from_ref(&custom)).items[0];
    assert_eq!(without.promised_limit, "");
    assert_eq!(
        without.extra.get("承诺天数").map(String::as_str),
        Some("7个工作日")
    );
    assert_eq!(
        without.extra.get("联系人电话").map(String::as_str),
        Some("0566-2021156")
    );
    let config = Config::parse(
        "[labels.item]\npromised_limit = [\"承诺天数\"]\n\"咨询电话\" = [\"联系人电话\"]\n",
    )
    .unwrap();
    let with = &read_with(&[custom], &config.labels).items[0];
    assert_eq!(with.promised_limit, "7个工作日");
    assert_eq!(with.consult_phone, "0566-2021156");
    assert!(with.extra.is_empty(), "{:?}", with.extra);
}

#[test]
fn unknown_label_keys_in_the_configuration_are_reported() {
    let config = Config::parse("[labels.material]\n\"材料名\" = [\"文件名称\"]\n").unwrap();
    let r = read_with(&[exports().join("sample.xlsx")], &config.labels);
    assert!(
        r.notices.iter().any(|n| n.level == NoticeLevel::Warning
            && n.message.contains("[labels.material]")
            && n.message.contains("材料名")),
        "{:?}",
        r.notices
    );
}

#[test]
fn excel_numbers_read_as_people_see_them() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("numbers.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in [
        "实施编码",
        "事项名称",
        "基本编码",
        "到现场次数",
        "承诺时限",
        "行使层级",
        "权力来源",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    ws.write_string(1, 0, "1134170000312541513000104002000")
        .unwrap();
    ws.write_string(1, 1, "食品经营许可（新办）").unwrap();
    ws.write_number(1, 2, 340_117_010_000.0).unwrap();
    ws.write_number(1, 3, 1.0).unwrap();
    ws.write_number(1, 4, 15.0).unwrap();
    ws.write_number(1, 5, 3.0).unwrap();
    ws.write_number(1, 6, 1.0).unwrap();
    ws.write_string(2, 0, "1134170000312541513000104003000")
        .unwrap();
    ws.write_string(2, 2, "000104003000").unwrap();
    ws.write_number(2, 4, 2.5).unwrap();
    wb.save(&path).unwrap();
    let r = read(&[path]);
    assert_eq!(r.items.len(), 2);
    let (a, b) = (&r.items[0], &r.items[1]);
    assert_eq!(a.basic_code, "340117010000");
    assert_eq!(a.visits, "1");
    assert_eq!(a.promised_limit, "15");
    assert_eq!(a.level, "3");
    assert_eq!(a.power_source, "1");
    assert_eq!(b.basic_code, "000104003000");
    assert_eq!(b.promised_limit, "2.5");
}

// ---------------------------------------------------------------- bad input

/// Writes a workbook of named sheets given as rows of cells.
fn workbook(path: &Path, sheets: &[(&str, Vec<Vec<&str>>)]) {
    let mut wb = Workbook::new();
    for (name, rows) in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(*name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                if !v.is_empty() {
                    ws.write_string(r as u32, c as u16, *v).unwrap();
                }
            }
        }
    }
    wb.save(path).unwrap();
}

const CODE_A: &str = "1134170000312541513000117035000";
const CODE_B: &str = "1134170000312541513000117034000";

fn item_header() -> Vec<&'static str> {
    vec![
        "实施编码",
        "事项名称",
        "实施主体",
        "承诺时限",
        "受理地点",
        "咨询电话",
    ]
}

#[test]
fn malformed_json_line_is_reported_with_its_line_and_the_others_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("items.ndjson");
    std::fs::write(
        &path,
        format!(
            "{{\"code\":\"{CODE_A}\",\"name\":\"食品经营许可（新办）\"}}\n\
             {{\"code\":\"{CODE_B}\",\"name\":\"食品生产许可（新办）\",\n\
             {{\"code\":\"1134170000312541513000117022000\",\"name\":\"特种设备使用登记\"}}\n"
        ),
    )
    .unwrap();
    let mut records = Vec::new();
    read_inputs(std::slice::from_ref(&path), &mut |r| records.push(r));
    let report = check_records(
        records,
        &RuleSet::only(&["B13"]),
        &CheckContext::default(),
        RunInfo::default(),
    );
    assert_eq!(
        report.items.len(),
        3,
        "every input line appears in the report"
    );
    let bad = &report.items[1];
    assert_eq!(bad.status, ItemStatus::Unreadable);
    assert_eq!(
        bad.provenance,
        Provenance::row(path.display().to_string(), 2)
    );
    assert!(bad.provenance.to_string().ends_with("items.ndjson 第2行"));
    assert!(bad.reason.as_deref().unwrap().contains("JSON 语法错误"));
    assert_eq!(report.items[2].name, "特种设备使用登记");
}

#[test]
fn json_array_record_of_the_wrong_shape_is_reported_with_its_position() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("items.json");
    std::fs::write(
        &path,
        format!(
            "[{{\"code\":\"{CODE_A}\",\"name\":\"食品经营许可（新办）\"}},\n\
             {{\"code\":\"{CODE_B}\",\"name\":\"食品生产许可（新办）\",\"materials\":\"营业执照\"}},\n\
             {{\"code\":\"1134170000312541513000117022000\",\"name\":\"特种设备使用登记\"}}]"
        ),
    )
    .unwrap();
    let r = read(std::slice::from_ref(&path));
    assert_eq!(r.items.len(), 2);
    let bad = &r.unreadable[0];
    assert_eq!(
        bad.provenance,
        Provenance::record(path.display().to_string(), 2)
    );
    assert_eq!(
        bad.code.as_deref(),
        Some(CODE_B),
        "the code is salvaged for the report"
    );
    assert!(bad.reason.contains("字段类型错误"), "{}", bad.reason);
}

#[test]
fn item_sheet_without_code_column_is_reported_and_its_items_still_checked() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("export.xlsx");
    workbook(
        &path,
        &[(
            "事项清单",
            vec![
                vec!["事项名称", "实施主体", "承诺时限", "受理地点", "咨询电话"],
                vec![
                    "食品经营许可（新办）",
                    "池州市市场监督管理局",
                    "10个工作日",
                    "池州市长江中路89号8号窗口",
                    "0566-2021156",
                ],
                vec![
                    "食品生产许可（新办）",
                    "池州市市场监督管理局",
                    "10个工作日",
                    "池州市长江中路89号9号窗口",
                    "0566-2021163",
                ],
            ],
        )],
    );
    let r = read(&[path]);
    assert_eq!(r.items.len(), 2);
    let n = r
        .notices
        .iter()
        .find(|n| n.level == NoticeLevel::Error)
        .expect("an error notice");
    assert_eq!(n.provenance.sheet.as_deref(), Some("事项清单"));
    assert_eq!(n.provenance.row, Some(1));
    assert!(
        n.message.contains("表「事项清单」") && n.message.contains("「实施编码」"),
        "{}",
        n.message
    );
}

#[test]
fn item_sheet_without_name_column_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("export.xlsx");
    workbook(
        &path,
        &[(
            "基本信息",
            vec![
                vec![
                    "事项编码",
                    "实施主体",
                    "承诺办结时限",
                    "办理地点",
                    "联系电话",
                ],
                vec![
                    CODE_A,
                    "池州市市场监督管理局",
                    "10个工作日",
                    "池州市长江中路89号8号窗口",
                    "0566-2021156",
                ],
            ],
        )],
    );
    let r = read(&[path]);
    assert_eq!(r.items.len(), 1);
    assert_eq!(r.items[0].code, CODE_A);
    let n = &r.notices[0];
    assert_eq!(n.level, NoticeLevel::Error);
    assert!(
        n.message.contains("表「基本信息」") && n.message.contains("「事项名称」"),
        "{}",
        n.message
    );
}

#[test]
fn child_rows_without_matching_item_are_orphans_with_their_place() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("export.xlsx");
    workbook(
        &path,
        &[
            (
                "事项",
                vec![
                    item_header(),
                    vec![
                        CODE_A,
                        "食品经营许可（新办）",
                        "池州市市场监督管理局",
                        "10个工作日",
                        "池州市长江中路89号8号窗口",
                        "0566-2021156",
                    ],
                ],
            ),
            (
                "材料",
                vec![
                    vec!["实施编码", "材料名称", "来源渠道", "份数"],
                    vec![CODE_A, "食品经营许可申请书", "申请人自备", "1"],
                    vec![CODE_B, "食品生产许可申请书", "申请人自备", "1"],
                    vec![CODE_B, "营业执照", "政府部门核发", "1"],
                ],
            ),
            (
                "步骤",
                vec![
                    vec!["办理环节", "办理人", "办理时限"],
                    vec!["受理", "窗口受理人员", "1个工作日"],
                ],
            ),
        ],
    );
    let r = read(&[path]);
    assert_eq!(r.items.len(), 1);
    assert_eq!(r.items[0].materials.len(), 1);
    let orphan = r
        .notices
        .iter()
        .find(|n| n.level == NoticeLevel::Warning)
        .expect("orphan notice");
    assert_eq!(orphan.provenance.sheet.as_deref(), Some("材料"));
    assert_eq!(orphan.provenance.row, Some(3));
    // One notice per sheet and code, listing its rows.
    assert!(
        orphan.message.contains("表「材料」第3、4行") && orphan.message.contains(CODE_B),
        "{}",
        orphan.message
    );
    assert_eq!(
        r.notices
            .iter()
            .filter(|n| n.level == NoticeLevel::Warning)
            .count(),
        1
    );
    // A child sheet without any 实施编码 column cannot be linked: an error naming sheet and column.
    let missing = r
        .notices
        .iter()
        .find(|n| n.level == NoticeLevel::Error)
        .expect("missing column notice");
    assert_eq!(missing.provenance.sheet.as_deref(), Some("步骤"));
    assert!(missing.message.contains("表「步骤」") && missing.message.contains("「实施编码」"));
}

#[test]
fn corrupt_and_missing_files_are_reported_and_the_run_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let corrupt = dir.path().join("导出.xlsx");
    std::fs::write(&corrupt, b"PK\x03\x04 this is not really a workbook").unwrap();
    let missing = dir.path().join("不存在.csv");
    let r = read(&[
        corrupt.clone(),
        missing.clone(),
        exports().join("sample.json"),
    ]);
    assert_eq!(r.items.len(), 36, "the good input is still read");
    let errors: Vec<&Notice> = r
        .notices
        .iter()
        .filter(|n| n.level == NoticeLevel::Error)
        .collect();
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert_eq!(
        errors[0].provenance,
        Provenance::file(corrupt.display().to_string())
    );
    assert!(errors[0].message.contains("导出.xlsx"));
    assert!(errors.iter().any(|n| n.message.contains("不存在.csv")));
}

#[test]
fn duplicate_item_codes_are_reported_with_both_places() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("事项.csv");
    std::fs::write(
        &path,
        format!(
            "实施编码,事项名称,实施主体,承诺时限,办理地点\n\
             {CODE_A},食品经营许可（新办）,池州市市场监督管理局,10个工作日,池州市长江中路89号8号窗口\n\
             {CODE_B},食品生产许可（新办）,池州市市场监督管理局,10个工作日,池州市长江中路89号9号窗口\n\
             {CODE_A},食品经营许可（新办）,池州市市场监督管理局,10个工作日,池州市长江中路89号8号窗口\n"
        ),
    )
    .unwrap();
    let r = read(std::slice::from_ref(&path));
    assert_eq!(r.items.len(), 3, "both duplicates are kept and checked");
    let n = r
        .notices
        .iter()
        .find(|n| n.message.contains("重复"))
        .expect("duplicate notice");
    assert_eq!(n.level, NoticeLevel::Warning);
    assert_eq!(n.provenance.row, Some(4));
    assert!(
        n.message.contains(CODE_A) && n.message.contains("第2行") && n.message.contains("第4行"),
        "{}",
        n.message
    );
}
