//! Bad input, each reported with its place while the run goes on: a malformed JSON line, a JSON
//! record of the wrong shape, an item sheet without its key column, child rows that match no item,
//! a corrupt or missing file, duplicate item codes. Every input item appears in the output.

mod common {
    pub mod read;
}

use std::path::Path;

use common::read::{exports, read};
use rust_xlsxwriter::Workbook;
use zwfw_audit::check::{RunInfo, check_records};
use zwfw_audit::model::Provenance;
use zwfw_audit::report::ItemStatus;
use zwfw_audit::rules::{CheckContext, RuleSet};
use zwfw_audit::source::{Notice, NoticeLevel, read_inputs};

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

/// A record of a JSON array that should be unreadable on its own (a comma missing between two of
/// its fields), the records around it read.
const BROKEN_RECORD: &str = r#"{"code":"11341700MB1234567X3000104002000","name":"特种设备使用登记" "subject":"池州市市场监督管理局"}"#;

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

/// `items.json` in `dir` holding `records` as a JSON array, one a line, and what reading it gives.
fn read_json_records(dir: &Path, records: &[String]) -> (std::path::PathBuf, common::read::Read) {
    let path = dir.join("items.json");
    std::fs::write(&path, format!("[{}]", records.join(",\n"))).unwrap();
    let r = read(std::slice::from_ref(&path));
    (path, r)
}

#[test]
fn json_array_record_of_the_wrong_shape_is_reported_with_its_position() {
    let dir = tempfile::tempdir().unwrap();
    let (path, r) = read_json_records(
        dir.path(),
        &[
            format!(r#"{{"code":"{CODE_A}","name":"食品经营许可（新办）"}}"#),
            format!(r#"{{"code":"{CODE_B}","name":"食品生产许可（新办）","fees":"不收费"}}"#),
            r#"{"code":"1134170000312541513000117022000","name":"特种设备使用登记"}"#.to_owned(),
        ],
    );
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
    assert_eq!(bad.reason, "字段「fees」应为列表，实为文本「不收费」");
}

/// Should trip the reader's "no item field" reason: records whose keys are none of an item's
/// (Chinese column labels as a spreadsheet has them, another system's codes, `{}`) were read as
/// items with every element missing, each failing some 30 rules. They are unreadable, saying
/// what their keys are; the good records around them are read.
#[test]
fn json_records_with_no_item_field_are_unreadable_not_empty_items() {
    let dir = tempfile::tempdir().unwrap();
    let (path, r) = read_json_records(
        dir.path(),
        &[
            format!(r#"{{"code":"{CODE_A}","name":"食品经营许可（新办）"}}"#),
            // Chinese labels, as an Excel sheet turned JSON: read by them (json_labels).
            format!(
                r#"{{"事项名称":"食品生产许可（新办）","实施编码":"{CODE_B}","实施主体":"池州市市场监督管理局"}}"#
            ),
            r#"{"SXMC":"特种设备使用登记","SSBM":"1134170000312541513000117022000"}"#.to_owned(),
            "{}".to_owned(),
            // One label and a key no element has: too little to call it an item.
            r#"{"咨询电话":"0566-2021156","备注":"池州市市场监督管理局"}"#.to_owned(),
        ],
    );
    let names: Vec<&str> = r.items.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(names, ["食品经营许可（新办）", "食品生产许可（新办）"]);
    let labelled = &r.items[1];
    assert_eq!(labelled.code, CODE_B);
    assert_eq!(labelled.subject, "池州市市场监督管理局");
    assert_eq!(
        labelled.provenance,
        Provenance::record(path.display().to_string(), 2)
    );
    let reasons: Vec<&str> = r.unreadable.iter().map(|u| u.reason.as_str()).collect();
    assert_eq!(reasons.len(), 3, "{reasons:?}");
    assert!(
        reasons[0].starts_with("没有可识别的事项字段（有的是 SSBM、SXMC）"),
        "{}",
        reasons[0]
    );
    assert_eq!(reasons[1], "空对象，没有任何事项字段");
    assert!(
        reasons[2].starts_with("按中文表头只认出 咨询电话，不足以确定是一条事项"),
        "{}",
        reasons[2]
    );
    assert_eq!(r.unreadable[0].code, None);
    assert_eq!(
        r.unreadable[2].provenance,
        Provenance::record(path.display().to_string(), 5)
    );
    // The file says that one record was read by its labels, and nothing of it left unread.
    let note = r
        .notices
        .iter()
        .find(|n| n.message.contains("已按表头识别读取 1 条事项"))
        .expect("the labelled-record notice");
    assert_eq!(note.level, NoticeLevel::Info, "{}", note.message);
}

/// A file that is one item keyed by labels as a page writes them (`事项名称：`) is that item, not
/// "no item fields": labels are matched as spreadsheet headers are, whatever their colons.
#[test]
fn a_json_file_of_one_item_keyed_by_labels_with_colons_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("一个事项.json");
    std::fs::write(
        &path,
        format!(
            r#"{{"事项名称：":"食品生产许可（新办）","实施编码：":"{CODE_B}","咨询电话：":"0566-2021163"}}"#
        ),
    )
    .unwrap();
    let r = read(std::slice::from_ref(&path));
    assert!(r.unreadable.is_empty(), "{:?}", r.unreadable);
    assert_eq!(r.items.len(), 1, "{:?}", r.notices);
    assert_eq!(r.items[0].code, CODE_B);
    assert_eq!(r.items[0].consult_phone, "0566-2021163");
    assert_eq!(
        r.items[0].provenance,
        Provenance::file(path.display().to_string())
    );
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
    // Every item is still read and checked: a warning, which does not make a nightly run's input
    // incomplete (a missing 实施编码, which loses the sub-tables' links, is an error).
    assert_eq!(n.level, NoticeLevel::Warning);
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
    // (The other warning: the workbook has no 常见问题 table; tests/unread_lists.rs.)
    assert_eq!(
        r.notices
            .iter()
            .filter(|n| n.level == NoticeLevel::Warning && !n.message.contains("常见问题的表或列"))
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
    // A missing input is said as the inputs are listed, before any is read (as a folder that
    // cannot be listed is), whichever way the check reads the rest.
    assert_eq!(
        errors[0].provenance,
        Provenance::file(missing.display().to_string())
    );
    assert!(errors[0].message.contains("不存在.csv: 文件或文件夹不存在"));
    assert_eq!(
        errors[1].provenance,
        Provenance::file(corrupt.display().to_string())
    );
    assert!(errors[1].message.contains("导出.xlsx"));
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

/// A zip bomb named .xlsx (20,000 parts: a bomb by entry count, cheap to build in a test; the
/// size and ratio limits share the code path, tested on downloaded files in tests/links.rs) is
/// refused from its zip directory before anything is inflated, and the file beside it is still read.
#[test]
fn a_zip_bomb_named_xlsx_is_refused_and_the_run_goes_on() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let bomb = dir.path().join("事项导出.xlsx");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&bomb).unwrap());
    let opts =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for i in 0..20_000 {
        zip.start_file(format!("xl/worksheets/sheet{i}.xml"), opts)
            .unwrap();
        zip.write_all(b"<x/>").unwrap();
    }
    zip.finish().unwrap();
    let good = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/exports/sample.json");
    let out = read(&[bomb.clone(), good]);
    let refused: Vec<&Notice> = out
        .notices
        .iter()
        .filter(|n| n.level == NoticeLevel::Error)
        .collect();
    assert_eq!(refused.len(), 1, "{refused:?}");
    assert!(
        refused[0].message.contains("压缩炸弹"),
        "{}",
        refused[0].message
    );
    assert!(refused[0].provenance.source.ends_with("事项导出.xlsx"));
    assert_eq!(
        out.items.len(),
        36,
        "the sample beside the bomb is still read"
    );
}

/// `text` written to `dir/name`.
fn write_in(dir: &Path, name: &str, text: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// A 食品经营许可 item as a JSON record, of `code`, for `kind` of application (新办, 变更).
fn licence(code: &str, kind: &str) -> String {
    format!(r#"{{"code":"{code}","name":"食品经营许可（{kind}）"}}"#)
}

/// Every top-level shape of a JSON export: an array, an object with `items`, one item object,
/// and anything else; an array element that is not an object is reported with its position.
#[test]
fn json_exports_of_every_shape_are_read_record_by_record() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| write_in(dir.path(), name, text);
    let one = licence(CODE_A, "新办");
    let array = write("array.json", &format!("\u{feff}[{one},\n 5,\n {one}]"));
    let r = read(std::slice::from_ref(&array));
    assert_eq!(r.items.len(), 2);
    assert_eq!(r.unreadable.len(), 1);
    assert_eq!(r.unreadable[0].reason, "不是事项对象");
    assert_eq!(
        r.unreadable[0].provenance,
        Provenance::record(array.display().to_string(), 2)
    );
    let wrapped = write(
        "wrapped.json",
        &format!(r#"{{"total": 2, "items": [{one}, {one}]}}"#),
    );
    assert_eq!(read(&[wrapped]).items.len(), 2);
    let single = write("single.json", &one);
    let r = read(std::slice::from_ref(&single));
    assert_eq!(r.items.len(), 1);
    assert_eq!(
        r.items[0].provenance,
        Provenance::file(single.display().to_string())
    );
    for (name, text, reason) in [
        ("number.json", "42", "顶层应为事项对象或事项数组"),
        // One object cut short is nothing but a syntax error of the file.
        (
            "cut-object.json",
            &format!("{{\"code\": \"{CODE_A}\",\n \"name\": "),
            "JSON 语法错误：第 2 行",
        ),
    ] {
        let r = read(&[write(name, text)]);
        assert!(r.items.is_empty(), "{name}");
        assert!(
            r.notices.iter().any(|n| n.message.contains(reason)),
            "{name}: {:?}",
            r.notices
        );
    }
}

/// An array is read record by record: a record that breaks (here the second, a comma missing
/// inside it) is one unreadable record saying where in the file, and the records after it are
/// read; an array cut short keeps what came before and says it was cut.
#[test]
fn a_broken_record_of_a_json_array_loses_only_itself() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| write_in(dir.path(), name, text);
    let one = licence(CODE_A, "新办");
    let broken = BROKEN_RECORD;
    let other = licence(CODE_B, "变更");
    let path = write(
        "broken.json",
        &format!("[\n  {one},\n  {broken},\n  {other}\n]\n"),
    );
    let r = read(std::slice::from_ref(&path));
    assert_eq!(r.items.len(), 2, "the records around the broken one");
    assert_eq!(r.unreadable.len(), 1);
    assert_eq!(
        r.unreadable[0].provenance,
        Provenance::record(path.display().to_string(), 2)
    );
    // Line 3 of the file; the column counts the two spaces before the record and the characters up to the quote of "subject".
    assert_eq!(
        r.unreadable[0].reason,
        "JSON 语法错误：第 3 行第 63 列缺少逗号或右花括号 }"
    );
    assert!(r.notices.is_empty(), "{:?}", r.notices);

    let cut = write("cut.json", &format!("[{one},\n {{\"code\": "));
    let r = read(std::slice::from_ref(&cut));
    assert_eq!(r.items.len(), 1, "the record before the cut");
    assert_eq!(r.unreadable.len(), 1);
    assert!(
        r.unreadable[0]
            .reason
            .starts_with("JSON 语法错误：第 2 行第 10 列意外结束"),
        "{}",
        r.unreadable[0].reason
    );
    assert_eq!(r.notices.len(), 1, "{:?}", r.notices);
    assert!(
        r.notices[0]
            .message
            .starts_with("文件在第 2 行第 10 列意外结束"),
        "{}",
        r.notices[0].message
    );
    assert_eq!(r.notices[0].level, NoticeLevel::Error);
}

/// An export cut at any byte (in the middle of a Chinese character too) is read up to the cut:
/// every whole record before it is an item, the record it cuts is unreadable as cut short, and a
/// notice says the file ended early.
#[test]
fn a_json_array_cut_at_any_byte_is_read_up_to_the_cut() {
    let dir = tempfile::tempdir().unwrap();
    let records = [
        format!(
            r#"{{"code":"{CODE_A}","name":"食品经营许可（新办）","address":"池州市长江中路89号市政务服务中心二楼8号窗口"}}"#
        ),
        format!(r#"{{"code":"{CODE_B}","name":"食品经营许可（变更）"}}"#),
    ];
    let text = format!("[\n  {}\n]", records.join(",\n  "));
    let path = dir.path().join("cut.json");
    for cut in 1..text.len() {
        std::fs::write(&path, &text.as_bytes()[..cut]).unwrap();
        let r = read(std::slice::from_ref(&path));
        let whole = records
            .iter()
            .filter(|rec| text.find(rec.as_str()).unwrap() + rec.len() <= cut)
            .count();
        assert_eq!(r.items.len(), whole, "cut at {cut}");
        assert!(r.unreadable.len() <= 1, "cut at {cut}");
        for u in &r.unreadable {
            assert!(u.reason.contains("意外结束"), "cut at {cut}: {}", u.reason);
        }
        assert!(
            r.notices.iter().any(|n| n.message.contains("意外结束")),
            "cut at {cut}: {:?}",
            r.notices
        );
    }
}

/// The items of a `.json` that is one object (under `items`, or in an interface's answer saved as
/// it came) are read as an array file's are, a record at a time: a broken record loses only
/// itself, with its line and column in the file; a file cut inside the array keeps the records
/// before the cut and says where it ended; an empty array says where the items should have been.
#[test]
fn the_array_inside_a_wrapping_object_is_read_as_an_array_file_is() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| write_in(dir.path(), name, text);
    let one = licence(CODE_A, "新办");
    let broken = BROKEN_RECORD;
    let other = licence(CODE_B, "变更");
    let records = format!("[\n    {one},\n    {broken},\n    {other}\n  ]");
    // Each file, the line its broken record is on, and where its items are said to be.
    for (name, text, line, place) in [
        (
            "items.json",
            format!("{{\"total\": 3,\n  \"items\": {records}}}"),
            4,
            None,
        ),
        (
            "接口返回.json",
            format!("{{\"code\": 200, \"msg\": \"查询成功 [ok]\",\n  \"data\": {records}}}"),
            4,
            Some("data"),
        ),
        (
            "分页返回.json",
            format!(
                "{{\"code\": \"0\",\n \"data\": {{\"total\": 3, \"page\": {{\"rows\": 10}},\n  \"rows\": {records}, \"pageNo\": 1}}}}"
            ),
            5,
            Some("data.rows"),
        ),
    ] {
        let path = write(name, &text);
        let file = path.display().to_string();
        let r = read(std::slice::from_ref(&path));
        let items: Vec<_> = r.items.iter().map(|i| (&i.code, &i.provenance)).collect();
        assert_eq!(
            items,
            [
                (&CODE_A.to_owned(), &Provenance::record(file.clone(), 1)),
                (&CODE_B.to_owned(), &Provenance::record(file.clone(), 3)),
            ],
            "{name}"
        );
        assert_eq!(r.unreadable.len(), 1, "{name}");
        assert_eq!(
            r.unreadable[0].provenance,
            Provenance::record(file.clone(), 2)
        );
        // The column counts the four spaces before the record and its characters up to the
        // quote of "subject".
        assert_eq!(
            r.unreadable[0].reason,
            format!("JSON 语法错误：第 {line} 行第 65 列缺少逗号或右花括号 }}"),
            "{name}"
        );
        let said: Vec<&str> = r.notices.iter().map(|n| n.message.as_str()).collect();
        match place {
            None => assert!(said.is_empty(), "{name}: {said:?}"),
            Some(place) => {
                assert_eq!(said.len(), 1, "{name}: {said:?}");
                assert!(
                    said[0].contains(&format!("事项在「{place}」里")),
                    "{said:?}"
                );
                assert_eq!(r.notices[0].level, NoticeLevel::Info);
            }
        }

        // Cut in the middle of the last record: the two before are read.
        let cut_at = text.find(CODE_B).unwrap();
        let cut = write(&format!("cut-{name}"), &text[..cut_at]);
        let r = read(std::slice::from_ref(&cut));
        assert_eq!(r.items.len(), 1, "{name}");
        assert_eq!(
            r.unreadable.len(),
            2,
            "the broken record and the cut one: {name}"
        );
        assert!(
            r.notices.iter().any(|n| n.level == NoticeLevel::Error
                && n.message.starts_with(&format!("文件在第 {} 行", line + 1))
                && n.message.contains("意外结束")),
            "{name}: {:?}",
            r.notices
        );

        let empty = write(&format!("empty-{name}"), &text.replace(&records, "[ ]"));
        let r = read(std::slice::from_ref(&empty));
        assert!(r.items.is_empty() && r.unreadable.is_empty(), "{name}");
        let want = if place.is_some() {
            "接口返回数据里的事项数组是空的"
        } else {
            "\"items\" 数组是空的"
        };
        assert!(
            r.notices.iter().any(|n| n.message.contains(want)),
            "{name}: {:?}",
            r.notices
        );
    }
}

/// An interface's answer whose status code is a string (`"code":"0"`) is not an item with
/// 实施编码 0 (which failed nearly every rule). Holding one object under `data`, as a detail
/// endpoint answers, it was unreadable with advice to "导出为事项数组", which a clerk cannot do
/// from a platform: the object is now read as the item, with a note that it was unwrapped,
/// whatever the status code's type.
#[test]
fn an_answer_with_a_string_status_code_is_not_an_item() {
    let dir = tempfile::tempdir().unwrap();
    let one = licence(CODE_A, "新办");
    for code in ["\"0\"", "200"] {
        let path = write_in(
            dir.path(),
            "接口返回-单个.json",
            &format!(r#"{{"code": {code}, "msg": "成功", "data": {one}}}"#),
        );
        let r = read(std::slice::from_ref(&path));
        assert!(r.unreadable.is_empty(), "code {code}: {:?}", r.unreadable);
        assert_eq!(r.items.len(), 1, "code {code}");
        assert_eq!(r.items[0].code, CODE_A, "code {code}");
        assert_eq!(r.items[0].name, "食品经营许可（新办）");
        r.notice(
            "事项在「data」里：已按其中的一个事项读取",
            NoticeLevel::Info,
            &[],
        );
    }
}

/// A detail page of a list+detail export, saved as the endpoint answered: one item under
/// `data` with Chinese keys and its 申请材料/办理流程/常见问题 arrays. It was unreadable
/// ("只读到 code（"0"）…请导出为事项数组"); the same object unwrapped was read perfectly. The list
/// page's summaries (four fields each) stay unreadable, said to be a list page's.
#[test]
fn a_detail_endpoints_answer_is_read_as_its_item() {
    let dir = tempfile::tempdir().unwrap();
    let detail = write_in(
        dir.path(),
        "detail_1134170000312541513000117007000.json",
        r#"{"code":"0","msg":"成功","data":{"事项名称":"计量标准器具核准","实施编码":"1134170000312541513000117007000",
            "实施主体":"池州市市场监督管理局","法定办结时限":"20个工作日","承诺办结时限":"15个工作日",
            "咨询电话":"0566-2021177","监督电话":"0566-12345",
            "申请材料":[{"材料名称":"计量标准考核（复查）申请书","来源渠道":"申请人自备","份数":"2"}],
            "办理流程":[{"环节名称":"受理","办理人":"窗口受理人员","办理时限":"1个工作日"}],
            "常见问题":[{"问题":"计量标准考核证书有效期多久？","解答":"计量标准考核证书有效期为5年，有效期满前6个月应当申请复查考核。"}]}}"#,
    );
    let r = read(std::slice::from_ref(&detail));
    assert!(r.unreadable.is_empty(), "{:?}", r.unreadable);
    let item = &r.items[0];
    assert_eq!(item.code, "1134170000312541513000117007000");
    assert_eq!(item.promised_limit, "15个工作日");
    assert_eq!(item.materials[0].copies, "2");
    assert_eq!(item.steps[0].handler, "窗口受理人员");
    assert_eq!(item.faqs.len(), 1);
    assert_eq!(
        item.provenance,
        Provenance::file(detail.display().to_string())
    );
    r.notice(
        "事项在「data」里",
        NoticeLevel::Info,
        &["已按其中的一个事项读取"],
    );

    // An object under data that is no item is said to be there, with why it is not one.
    let other = write_in(
        dir.path(),
        "detail_pinyin.json",
        r#"{"code":"0","data":{"SXMC":"计量标准器具核准","SSBM":"1134170000312541513000117007000","CLXX":[]}}"#,
    );
    let r = read(std::slice::from_ref(&other));
    assert!(r.items.is_empty());
    let reason = &r.unreadable[0].reason;
    assert!(
        reason.contains("「data」里的对象不是可读取的事项") && reason.contains("SXMC"),
        "{reason}"
    );

    let list = write_in(
        dir.path(),
        "list_page1.json",
        r#"{"code":"0","data":{"pageNo":1,"pageSize":20,"total":2,"list":[
            {"taskName":"食品经营许可（新办）","taskCode":"1134170000312541513000117035000","deptName":"池州市市场监督管理局","taskType":"01"},
            {"taskName":"计量标准器具核准","taskCode":"1134170000312541513000117007000","deptName":"池州市市场监督管理局","taskType":"01"}]}}"#,
    );
    let r = read(std::slice::from_ref(&list));
    assert!(r.items.is_empty());
    assert_eq!(r.unreadable.len(), 2);
    assert!(
        r.unreadable[0].reason.contains("像是事项列表页的摘要"),
        "{}",
        r.unreadable[0].reason
    );
}

/// An interface's error answer saved in place of the export, with no `data` at all, was read as
/// one item with 实施编码 `500` (or `401`, `E0001`) failing 17 rules; in the nightly run it then
/// stood for the county's whole export, every real finding 已移除. It is unreadable, said to be
/// the interface's error with its message. A one-object item whose only element is a real
/// 实施编码 is still an item.
#[test]
fn an_interfaces_error_answer_is_not_an_item() {
    let dir = tempfile::tempdir().unwrap();
    for (text, said) in [
        (r#"{"code":500,"msg":"系统繁忙"}"#, "code 500：系统繁忙"),
        (
            r#"{"code":401,"msg":"登录已过期，请重新登录"}"#,
            "code 401：登录已过期，请重新登录",
        ),
        (
            r#"{"code":"500","message":"Internal Server Error"}"#,
            "code 500：Internal Server Error",
        ),
        (
            r#"{"success":false,"code":"E0001","message":"token失效"}"#,
            "code E0001：token失效",
        ),
        (r#"{"code":"-1"}"#, "code -1）"),
        (
            r#"{"code":500,"msg":"系统繁忙","data":null}"#,
            "code 500：系统繁忙",
        ),
        (
            r#"{"code":500,"msg":"系统繁忙","data":{}}"#,
            "code 500：系统繁忙",
        ),
    ] {
        let path = write_in(dir.path(), "东至县.json", text);
        let r = read(std::slice::from_ref(&path));
        assert!(r.items.is_empty(), "{text}: {:?}", r.items);
        assert_eq!(r.unreadable.len(), 1, "{text}");
        let reason = &r.unreadable[0].reason;
        assert!(
            reason.contains("接口返回的错误信息") && reason.contains(said),
            "{text}: {reason}"
        );
    }
    // Among an array's records, and an NDJSON file's lines, too: only the error answer is
    // unreadable, said as a record's.
    let item = licence(CODE_A, "新办");
    for (name, text) in [
        (
            "池州市.json",
            format!(r#"[{{"code":500,"msg":"系统繁忙"}}, {item}]"#),
        ),
        (
            "池州市.ndjson",
            format!("{{\"code\":500,\"msg\":\"系统繁忙\"}}\n{item}\n"),
        ),
    ] {
        let path = write_in(dir.path(), name, &text);
        let r = read(std::slice::from_ref(&path));
        assert_eq!(r.items.len(), 1, "{name}: {:?}", r.items);
        assert_eq!(r.unreadable.len(), 1, "{name}");
        assert!(
            r.unreadable[0]
                .reason
                .starts_with("这条记录是接口返回的错误信息（code 500：系统繁忙）"),
            "{name}: {}",
            r.unreadable[0].reason
        );
    }
    // A success answer with no data is said to be one, not an error.
    let path = write_in(
        dir.path(),
        "贵池区.json",
        r#"{"code":200,"msg":"success","data":null}"#,
    );
    let r = read(std::slice::from_ref(&path));
    let reason = &r.unreadable[0].reason;
    assert!(
        reason.contains("接口返回的应答（code 200：success），里面没有事项数据"),
        "{reason}"
    );
    // A real 实施编码 is no status, with or without a message beside it.
    for text in [
        format!(r#"{{"code":"{CODE_A}"}}"#),
        format!(r#"{{"code":"{CODE_A}","msg":"成功"}}"#),
    ] {
        let path = write_in(dir.path(), "只有编码.json", &text);
        let r = read(std::slice::from_ref(&path));
        assert_eq!(r.items.len(), 1, "{text}: {:?}", r.unreadable);
    }
}

/// What the outline cannot place is read whole: a key written with escapes, and a syntax error
/// outside the array (the whole file is one syntax error, said with its place). Keys written with
/// escapes are read (Python's `json.dumps` writes 事项名称 as `"\u4e8b\u9879…"`): they made
/// the whole file a syntax error, "expected a borrowed string".
#[test]
fn a_wrapping_object_the_outline_cannot_place_is_read_whole() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| write_in(dir.path(), name, text);
    let one = licence(CODE_A, "新办");
    let escaped = write(
        "escaped.json",
        &format!(r#"{{"it\u0065ms": [{one}, {one}]}}"#),
    );
    assert_eq!(read(&[escaped]).items.len(), 2);
    let python = write(
        "python.json",
        &format!(
            r#"{{"\u4e8b\u9879\u540d\u79f0": "\u98df\u54c1\u7ecf\u8425\u8bb8\u53ef", "\u5b9e\u65bd\u7f16\u7801": "{CODE_A}"}}"#
        ),
    );
    let r = read(std::slice::from_ref(&python));
    assert_eq!(r.items.len(), 1, "{:?}", r.notices);
    assert_eq!(
        (r.items[0].name.as_str(), r.items[0].code.as_str()),
        ("食品经营许可", CODE_A)
    );
    let broken = write(
        "broken-outside.json",
        &format!("{{\"items\": [{one}],\n \"total\": }}"),
    );
    let r = read(std::slice::from_ref(&broken));
    assert!(r.items.is_empty());
    assert!(
        r.notices
            .iter()
            .any(|n| n.level == NoticeLevel::Error && n.message.contains("JSON 语法错误：第 2 行")),
        "{:?}",
        r.notices
    );
}

/// A `.json` file of NDJSON whose first line is longer than a reader's usual buffer (8 KB: an
/// item with many materials) is still NDJSON, not one object followed by "多余的内容"; a
/// platform's answer saved on one line (with its line break) is still read as a wrapper.
#[test]
fn a_json_file_of_long_lines_is_ndjson_and_one_line_is_one_object() {
    let dir = tempfile::tempdir().unwrap();
    let long = format!(
        r#"{{"code":"{CODE_A}","name":"食品经营许可（新办）","onsite_reason":"{}"}}"#,
        "办理须知。".repeat(2000)
    );
    assert!(long.len() > 16 * 1024);
    let path = dir.path().join("事项.json");
    let second = long.replace(CODE_A, CODE_B);
    std::fs::write(&path, format!("{long}\n{second}\n")).unwrap();
    let r = read(std::slice::from_ref(&path));
    assert!(r.notices.is_empty(), "{:?}", r.notices);
    assert_eq!(r.items.len(), 2);
    assert_eq!(
        r.items[1].provenance,
        Provenance::row(path.display().to_string(), 2)
    );

    let one = licence(CODE_A, "新办");
    let answer = dir.path().join("接口返回.json");
    let other = one.replace(CODE_A, CODE_B);
    std::fs::write(
        &answer,
        format!("{{\"code\":200,\"data\":[{one},{other}]}}\n"),
    )
    .unwrap();
    let r = read(std::slice::from_ref(&answer));
    assert_eq!(r.items.len(), 2, "{:?}", r.notices);
    assert!(r.notices[0].message.contains("接口返回的数据包装"));
}

/// A workbook cut short (a download or copy that did not finish) is said to be incomplete, in
/// Chinese, and the run goes on with the other input.
#[test]
fn a_truncated_workbook_is_said_to_be_incomplete() {
    let dir = tempfile::tempdir().unwrap();
    let whole = std::fs::read(exports().join("sample.xlsx")).unwrap();
    let cut = dir.path().join("事项导出.xlsx");
    std::fs::write(&cut, &whole[..whole.len() / 2]).unwrap();
    refused_beside_sample(cut, &["文件不完整"]);
}

/// Reads `bad` with the sample JSON: the sample's items are still read, and an error notice
/// holds every one of `words`.
fn refused_beside_sample(bad: std::path::PathBuf, words: &[&str]) {
    let r = read(&[bad, exports().join("sample.json")]);
    assert!(r.items.len() >= 36, "the other input is still read");
    assert!(
        r.notices
            .iter()
            .any(|n| n.level == NoticeLevel::Error && words.iter().all(|w| n.message.contains(w))),
        "{:?}",
        r.notices
    );
}

/// A WPS `.et` file that calamine cannot read says to save it as `.xlsx` in WPS; the run goes on.
#[test]
fn an_unreadable_et_file_says_to_save_it_as_xlsx() {
    let dir = tempfile::tempdir().unwrap();
    let et = dir.path().join("东至县事项清单.et");
    // The compound-file signature and header of an OLE file, with no streams after it.
    let mut bytes = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    bytes.resize(1536, 0);
    std::fs::write(&et, bytes).unwrap();
    refused_beside_sample(et, &["东至县事项清单.et", "另存为” Excel 工作簿（.xlsx）"]);
}

/// A compound file (MS-CFB, version 3) holding the two streams Excel and WPS write for a workbook
/// with a password to open (MS-OFFCRYPTO): `EncryptionInfo` and `EncryptedPackage`. The streams
/// are empty: what a reader meets first is the container, and that is what is built here.
/// (Checked once by hand: Python's `olefile` lists the two streams, and `msoffcrypto-tool` takes
/// the file for an encrypted OOXML document before failing on the empty `EncryptionInfo`.)
fn password_protected_container() -> Vec<u8> {
    const FREE: u32 = 0xFFFF_FFFF;
    const END: u32 = 0xFFFF_FFFE;
    const FAT: u32 = 0xFFFF_FFFD;
    let mut file = vec![0u8; 512 * 3];
    let put32 = |b: &mut [u8], at: usize, v: u32| b[at..at + 4].copy_from_slice(&v.to_le_bytes());
    file[..8].copy_from_slice(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    for (at, v) in [(24, 0x003E_u16), (26, 3), (28, 0xFFFE), (30, 9), (32, 6)] {
        file[at..at + 2].copy_from_slice(&v.to_le_bytes());
    }
    put32(&mut file, 44, 1); // one FAT sector
    put32(&mut file, 48, 1); // the directory in sector 1
    put32(&mut file, 56, 0x1000); // mini stream cut-off
    put32(&mut file, 60, END); // no mini FAT
    put32(&mut file, 68, END); // no DIFAT sectors
    put32(&mut file, 76, 0); // the FAT in sector 0
    for i in 1..109 {
        put32(&mut file, 76 + 4 * i, FREE);
    }
    // Sector 0, the FAT: itself, then the directory's one-sector chain.
    let fat = 512;
    put32(&mut file, fat, FAT);
    put32(&mut file, fat + 4, END);
    for i in 2..128 {
        put32(&mut file, fat + 4 * i, FREE);
    }
    // Sector 1, the directory: the root and its two streams (a red-black tree ordered by name
    // length: EncryptionInfo, then EncryptedPackage on its right), and one unused entry.
    let dir = 1024;
    let entries: [(&str, u8, u32, u32); 4] = [
        ("Root Entry", 5, FREE, 1),
        ("EncryptionInfo", 2, 2, FREE),
        ("EncryptedPackage", 2, FREE, FREE),
        ("", 0, FREE, FREE),
    ];
    for (i, (name, kind, right, child)) in entries.into_iter().enumerate() {
        let e = dir + 128 * i;
        let utf16: Vec<u8> = name.encode_utf16().flat_map(u16::to_le_bytes).collect();
        file[e..e + utf16.len()].copy_from_slice(&utf16);
        if !name.is_empty() {
            let len = (utf16.len() + 2) as u16;
            file[e + 64..e + 66].copy_from_slice(&len.to_le_bytes());
        }
        file[e + 66] = kind;
        file[e + 67] = 1; // black
        put32(&mut file, e + 68, FREE); // left sibling
        put32(&mut file, e + 72, right);
        put32(&mut file, e + 76, child);
        put32(&mut file, e + 116, if kind == 0 { 0 } else { END });
    }
    file
}

/// A workbook with a password to open says so in Chinese and names itself; the run goes on.
#[test]
fn a_password_protected_workbook_says_to_remove_the_password() {
    let dir = tempfile::tempdir().unwrap();
    let locked = dir.path().join("市场监管局事项（加密）.xlsx");
    std::fs::write(&locked, password_protected_container()).unwrap();
    refused_beside_sample(
        locked,
        &["市场监管局事项（加密）.xlsx", "文件设置了打开密码"],
    );
}

/// A record of the wrong shape is listed under its unit, made out from what could be read of it
/// (its 行使层级 and 行政区划代码 say 东至县), so 东至县's own fix list names the item it must
/// correct; a line that is not JSON has no unit to name and stays under (无法读取).
#[test]
fn an_unreadable_record_is_listed_in_its_units_fix_list() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("items.ndjson");
    std::fs::write(
        &path,
        "{\"code\":\"11341721MB1234567X4000117035000\",\"name\":\"食品经营许可（新办）\",\"level\":\"4\",\"region_code\":\"341721\",\"subject\":\"东至县市场监督管理局\",\"consult_phone\":\"0566-7021234\",\"address\":\"东至县尧渡镇建设路8号政务服务中心3号窗口\"}\n\
         {\"code\":\"11341721MB1234567X4000117036000\",\"name\":\"食品经营许可（变更）\",\"level\":\"4\",\"region_code\":\"341721\",\"subject\":\"东至县市场监督管理局\",\"fees\":\"不收费\"}\n\
         {\"code\":\"11341721MB1234567X4000117037000\",\n",
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
    let units: Vec<(&str, ItemStatus)> = report
        .items
        .iter()
        .map(|i| (i.unit.as_str(), i.status))
        .collect();
    assert_eq!(
        units,
        [
            ("东至县", ItemStatus::Checked),
            ("东至县", ItemStatus::Unreadable),
            ("(无法读取)", ItemStatus::Unreadable)
        ]
    );
    assert_eq!(report.items[1].subject, "东至县市场监督管理局");

    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    zwfw_audit::report::output::write_dir(
        &report,
        &out,
        &[zwfw_audit::report::output::Format::Xlsx],
    )
    .unwrap();
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook(out.join("整改清单-东至县.xlsx")).unwrap();
    let items = calamine::Reader::worksheet_range(&mut book, "事项").unwrap();
    let text: Vec<String> = items.cells().map(|(_, _, c)| c.to_string()).collect();
    assert!(text.iter().any(|t| t == "食品经营许可（变更）"), "{text:?}");
    assert!(
        text.iter().any(|t| t.contains("fees")),
        "the reason: {text:?}"
    );
}

/// An export in the tool's own field names writes `null` for "no value", a number for a count or
/// a limit and `true`/`false` for a yes-or-no element. Each is read as text (`null` as nothing,
/// `false` as 否), so the item is checked: the empty 监督电话 trips B14 and the missing FAQs
/// Q01, where one `null` made the whole item unreadable and its other elements went unchecked.
#[test]
fn null_numbers_and_booleans_in_an_element_are_read_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("事项.json");
    std::fs::write(
        &path,
        r#"[{"name": "农药经营许可", "code": "11340825002288458Y4000111801010",
            "subject": "太湖县农业农村局", "region_code": "340825",
            "consult_phone": "0556-4121234", "supervise_phone": null,
            "visits": 1, "promised_limit": 10, "charged": false, "faqs": null}]"#,
    )
    .unwrap();
    let mut records = Vec::new();
    zwfw_audit::source::read_inputs(std::slice::from_ref(&path), &mut |r| records.push(r));
    let [zwfw_audit::source::Record::Item(item)] = &records[..] else {
        panic!("{records:?}")
    };
    assert_eq!(
        (
            item.supervise_phone.as_str(),
            item.visits.as_str(),
            item.promised_limit.as_str(),
            item.charged.as_str(),
            item.faqs.len()
        ),
        ("", "1", "10", "否", 0)
    );
    let report = zwfw_audit::check::check_records(
        records,
        &zwfw_audit::rules::RuleSet::default(),
        &zwfw_audit::rules::CheckContext::default(),
        zwfw_audit::check::RunInfo::default(),
    );
    let rules: Vec<&str> = report.findings.iter().map(|f| f.rule.as_str()).collect();
    assert!(
        rules.contains(&"B14") && rules.contains(&"Q01"),
        "{rules:?}"
    );
}

/// Should not be unreadable (h34, j03_nulls.json: every item 「字段「extra」应为对象，实为空值
/// null」, the run checking nothing and exiting 0): an export writing `null` for an optional
/// object or list (`extra`, a material's `extra`, `agencies`, `faqs`) has them read as empty,
/// and the items are checked.
#[test]
fn a_null_extra_or_list_reads_as_empty_and_the_item_is_checked() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("事项.json");
    std::fs::write(
        &path,
        r#"[
 {
  "name": "食品经营许可（新办）",
  "code": "1134170000312541513000117035000",
  "subject": "池州市市场监督管理局",
  "region_code": "341700",
  "consult_phone": "0566-2021156",
  "supervise_phone": null,
  "materials": [
   {"name": "食品经营许可申请书", "blank_form": null, "sample": null, "extra": null}
  ],
  "intermediaries": [{"name": "建设工程消防设计审查", "agencies": null}],
  "faqs": null,
  "extra": null
 },
 {
  "name": "特种设备使用登记",
  "code": "1134170000312541513000117022000",
  "subject": "池州市市场监督管理局",
  "extra": {"备注": null}
 }
]"#,
    )
    .unwrap();
    let r = read(std::slice::from_ref(&path));
    assert!(r.unreadable.is_empty(), "{:?}", r.unreadable);
    let names: Vec<&str> = r.items.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(names, ["食品经营许可（新办）", "特种设备使用登记"]);
    assert!(r.items.iter().all(|i| i.extra.is_empty()));
    assert_eq!(r.items[0].materials[0].name, "食品经营许可申请书");
}

/// JSON saved in UTF-16 (Windows PowerShell's `Out-File`, Notepad's "Unicode"), with or without
/// its BOM, or in GBK (a Chinese Windows program): each is decoded and its items read as from
/// UTF-8, with a warning naming the encoding. Read as UTF-8 it was a file error in English
/// (`stream did not contain valid UTF-8`), or every record unreadable and nothing checked.
#[test]
fn json_in_utf16_or_gbk_is_decoded_and_said() {
    use encoding_rs::GBK;
    let dir = tempfile::tempdir().unwrap();
    let items = r#"[{"name": "农药经营许可", "code": "11340825002288458Y4000111801010", "subject": "太湖县农业农村局"},
 {"name": "旅行社设立许可", "code": "11340825004770766J4000112001011", "subject": "太湖县文化旅游体育局"}]"#;
    let lines = items.trim_matches(['[', ']']).replace("},\n {", "}\n{");
    let utf16 = |text: &str, bom: bool| -> Vec<u8> {
        let mut bytes = if bom { vec![0xFF, 0xFE] } else { Vec::new() };
        bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        bytes
    };
    let files = [
        ("事项-utf16.json", utf16(items, true), "UTF-16"),
        ("事项-utf16-无BOM.json", utf16(items, false), "UTF-16"),
        ("事项-utf16.ndjson", utf16(&lines, true), "UTF-16"),
        ("事项-gbk.json", GBK.encode(items).0.into_owned(), "GBK"),
    ];
    for (name, bytes, encoding) in files {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let r = read(std::slice::from_ref(&path));
        let names: Vec<&str> = r.items.iter().map(|i| i.name.as_str()).collect();
        assert_eq!(
            names,
            ["农药经营许可", "旅行社设立许可"],
            "{name}: {:?}",
            r.notices
        );
        assert!(r.unreadable.is_empty(), "{name}");
        assert_eq!(r.notices.len(), 1, "{name}: {:?}", r.notices);
        assert_eq!(r.notices[0].level, NoticeLevel::Warning);
        assert!(
            r.notices[0].message.contains(&format!("是 {encoding}")),
            "{}",
            r.notices[0].message
        );
    }
}

/// An NDJSON line that is a list, a number, a text or `null` is no item: with elements read from
/// any value, `[1, 2]` would otherwise be an item named 1 with the code 2.
#[test]
fn a_line_that_is_no_object_is_no_item() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("事项.ndjson");
    std::fs::write(
        &path,
        "{\"name\": \"农药经营许可\", \"code\": \"11340825002288458Y4000111801010\"}\n[1, 2]\n42\n\"农药经营许可\"\nnull\n",
    )
    .unwrap();
    let r = read(std::slice::from_ref(&path));
    assert_eq!(r.items.len(), 1, "{:?}", r.items);
    let reasons: Vec<&str> = r.unreadable.iter().map(|u| u.reason.as_str()).collect();
    assert_eq!(reasons, ["不是事项对象"; 4]);
}
