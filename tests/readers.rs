//! Export readers on the bundled sample: XLSX, JSON and CSV (GBK and UTF-8 BOM) of the sample give
//! the same items; header synonyms (built-in and from the configuration), coded values, extra
//! columns and Excel numbers survive. Bad input is in `bad_input.rs`.

mod common {
    pub mod read;
}

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use common::read::{exports, read, read_with, strip};
use rust_xlsxwriter::Workbook;
use zwfw_audit::config::Config;
use zwfw_audit::r#gen::sheets::{SheetData, export_sheets};
use zwfw_audit::model::{Item, Provenance, UnreadLists};
use zwfw_audit::source::NoticeLevel;
use zwfw_audit::unit::default_unit;

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
    for sheet in export_sheets(&items) {
        let path = dir.join(format!("{}.csv", sheet.name));
        std::fs::write(&path, encode(&csv_text(&sheet))).unwrap();
        paths.push(path);
    }
    paths
}

fn csv_text(sheet: &SheetData) -> String {
    delimited_text(sheet, b',')
}

/// A sheet as delimited text: its title line, if any, the header, then the rows.
fn delimited_text(sheet: &SheetData, delimiter: u8) -> String {
    let mut w = csv::WriterBuilder::new()
        .flexible(true)
        .delimiter(delimiter)
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
    // It says where the header was looked for: a header further down is not found.
    assert!(xlsx.notices[0].message.contains("前 10 行中没有"));
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

/// An item as another system's JSON would have it: every key a Chinese label, the child lists
/// under their section names (`申请材料`, `办理流程`, `收费项目`, `中介服务`, `常见问题`), a
/// service's agencies under `中介机构`, and the extra columns under their own headers.
fn labelled_json(item: &Item) -> serde_json::Value {
    use serde_json::{Map, Value};
    use zwfw_audit::model::{
        AgencyField, FaqField, FeeField, IntermediaryField, ItemField, MaterialField, StepField,
    };
    fn object<F: Copy>(
        fields: &[F],
        label: fn(F) -> &'static str,
        text: impl Fn(F) -> String,
        extra: &std::collections::BTreeMap<String, String>,
    ) -> Map<String, Value> {
        let mut obj: Map<String, Value> = fields
            .iter()
            .map(|&f| (label(f).to_owned(), Value::String(text(f))))
            .filter(|(_, v)| v.as_str() != Some(""))
            .collect();
        for (k, v) in extra {
            obj.insert(k.clone(), Value::String(v.clone()));
        }
        obj
    }
    let none = std::collections::BTreeMap::new();
    let mut obj = object(
        ItemField::ALL,
        ItemField::label,
        |f| item.get(f).to_owned(),
        &item.extra,
    );
    let lists: [(&str, Vec<Map<String, Value>>); 5] = [
        (
            "申请材料",
            item.materials
                .iter()
                .map(|m| {
                    object(
                        MaterialField::ALL,
                        MaterialField::label,
                        |f| m.get(f).into(),
                        &m.extra,
                    )
                })
                .collect(),
        ),
        (
            "办理流程",
            item.steps
                .iter()
                .map(|s| {
                    object(
                        StepField::ALL,
                        StepField::label,
                        |f| s.get(f).into(),
                        &s.extra,
                    )
                })
                .collect(),
        ),
        (
            "收费项目",
            item.fees
                .iter()
                .map(|x| {
                    object(
                        FeeField::ALL,
                        FeeField::label,
                        |f| x.get(f).into(),
                        &x.extra,
                    )
                })
                .collect(),
        ),
        (
            "中介服务",
            item.intermediaries
                .iter()
                .map(|i| {
                    let mut o = object(
                        IntermediaryField::ALL,
                        IntermediaryField::label,
                        |f| i.get(f).into(),
                        &none,
                    );
                    let agencies = i
                        .agencies
                        .iter()
                        .map(|a| {
                            Value::Object(object(
                                AgencyField::ALL,
                                AgencyField::label,
                                |f| a.get(f).into(),
                                &none,
                            ))
                        })
                        .collect();
                    o.insert("中介机构".into(), Value::Array(agencies));
                    o
                })
                .collect(),
        ),
        (
            "常见问题",
            item.faqs
                .iter()
                .map(|q| object(FaqField::ALL, FaqField::label, |f| q.get(f).into(), &none))
                .collect(),
        ),
    ];
    for (key, records) in lists {
        if !records.is_empty() {
            obj.insert(key.into(), records.into_iter().map(Value::Object).collect());
        }
    }
    Value::Object(obj)
}

#[test]
fn json_keyed_by_chinese_labels_gives_the_same_items() {
    let want = sample_json();
    let dir = tempfile::tempdir().unwrap();
    let records: Vec<serde_json::Value> = want.iter().map(labelled_json).collect();
    let array = dir.path().join("事项导出.json");
    std::fs::write(&array, serde_json::to_string_pretty(&records).unwrap()).unwrap();
    let ndjson = dir.path().join("事项导出.ndjson");
    let lines: Vec<String> = records.iter().map(ToString::to_string).collect();
    std::fs::write(&ndjson, lines.join("\n")).unwrap();
    for path in [&array, &ndjson] {
        let r = read(std::slice::from_ref(path));
        assert!(r.unreadable.is_empty(), "{:?}", r.unreadable);
        // One notice for the file: its records were read by their labels, and the extra
        // columns (备注, a material's 材料编码) are no element.
        assert_eq!(r.notices.len(), 1, "{:?}", r.notices);
        let n = &r.notices[0];
        assert_eq!(n.level, NoticeLevel::Warning);
        assert!(
            n.message
                .contains(&format!("已按表头识别读取 {} 条事项", want.len()))
                && n.message.contains("「备注」")
                && n.message.contains("「申请材料.材料编码」"),
            "{}",
            n.message
        );
        assert_same_items(r.items, want.clone());
    }
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
    // Other items publish labels instead; both are kept as published.
    assert_eq!(xlsx[1].power_source, "法定本级行使");
    assert_eq!(xlsx[1].item_type, "行政许可");
    assert_eq!(xlsx[8].level, "市级");
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
    assert_eq!(r.items[0].provenance, Provenance::row(item_csv.as_str(), 3));
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

/// Excel's and WPS's "Unicode 文本" (`.txt`): UTF-16 little-endian with a BOM, tab-separated, one
/// file per sheet. Read from a folder, the files form one workbook and give the sample's items.
#[test]
fn unicode_text_files_saved_from_excel_read_like_csv() {
    let dir = tempfile::tempdir().unwrap();
    for sheet in export_sheets(&sample_json()) {
        let text = delimited_text(&sheet, b'\t').replace('\n', "\r\n");
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        std::fs::write(dir.path().join(format!("{}.txt", sheet.name)), bytes).unwrap();
    }
    let r = read(&[dir.path().to_owned()]);
    assert!(r.unreadable.is_empty());
    assert!(
        r.notices.iter().all(|n| n.level == NoticeLevel::Info),
        "{:?}",
        r.notices
    );
    assert!(r.items.iter().all(|i| i.code.len() == 31));
    assert_same_items(r.items, sample_json());
}

/// A workbook saved by WPS under `.et` that holds an Excel workbook is read as one.
#[test]
fn an_et_file_holding_a_workbook_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("事项导出.et");
    std::fs::copy(exports().join("sample.xlsx"), &path).unwrap();
    let r = read(&[path]);
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

    // The same synonyms read JSON keyed by Chinese labels, as they read the sheet's headers.
    let json = dir.path().join("custom.json");
    std::fs::write(
        &json,
        r#"[{"实施编码":"1134170000312541513000117035000","事项名称":"食品经营许可（新办）","承诺天数":"7个工作日","联系人电话":"0566-2021156"}]"#,
    )
    .unwrap();
    let without = &read(std::slice::from_ref(&json)).items[0];
    assert_eq!(without.promised_limit, "");
    assert_eq!(
        without.extra.get("联系人电话").map(String::as_str),
        Some("0566-2021156")
    );
    let with = read_with(&[json], &config.labels);
    assert_eq!(with.items[0].promised_limit, "7个工作日");
    assert_eq!(with.items[0].consult_phone, "0566-2021156");
    assert!(with.items[0].extra.is_empty(), "{:?}", with.items[0].extra);
    assert_eq!(
        with.notices[0].level,
        NoticeLevel::Info,
        "nothing left unread"
    );

    // Another system's keys (拼音 initials) are read once the configuration names them.
    let other = dir.path().join("other.json");
    std::fs::write(
        &other,
        r#"[{"SSBM":"1134170000312541513000117035000","SXMC":"食品经营许可（新办）","ZXDH":"0566-2021156"}]"#,
    )
    .unwrap();
    let refused = read(std::slice::from_ref(&other));
    assert!(
        refused.unreadable[0].reason.contains("配置 [labels]"),
        "{}",
        refused.unreadable[0].reason
    );
    let config = Config::parse(
        "[labels.item]\ncode = [\"SSBM\"]\nname = [\"SXMC\"]\nconsult_phone = [\"ZXDH\"]\n",
    )
    .unwrap();
    let mapped = read_with(&[other], &config.labels);
    assert!(mapped.unreadable.is_empty(), "{:?}", mapped.unreadable);
    assert_eq!(mapped.items[0].code, "1134170000312541513000117035000");
    assert_eq!(mapped.items[0].consult_phone, "0566-2021156");
}

/// An unknown element key in `[labels.*]` stops the configuration from loading, with its line
/// and the likely key; labels made in code (not loaded from a file) still get the reader's notice.
#[test]
fn unknown_label_keys_in_the_configuration_are_reported() {
    let e = Config::parse("[labels.material]\n\"材料名\" = [\"文件名称\"]\n").unwrap_err();
    assert!(
        e.starts_with(
            "第 2 行第 1 列，[labels.material] 中没有要素「材料名」（是不是 材料名称？）"
        ),
        "{e}"
    );
    let mut labels = zwfw_audit::config::Labels::default();
    labels
        .material
        .insert("材料名".into(), vec!["文件名称".into()]);
    let r = read_with(&[exports().join("sample.xlsx")], &labels);
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

#[test]
fn an_html_table_saved_as_xls_is_read_with_a_notice() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("事项导出.xls");
    let html = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"></head><body>\
        <table border=\"1\"><tr><td colspan=\"5\">池州市政务服务事项清单</td></tr>\
        <tr><th>实施编码</th><th>事项名称</th><th>实施主体</th><th>承诺时限</th><th>受理地点</th></tr>\
        <tr><td>1134170000312541513000117035000</td><td>食品经营许可（新办）</td><td>池州市市场监督管理局</td>\
        <td>10个工作日</td><td>池州市长江中路89号池州市政务服务中心二楼8号窗口</td></tr></table>\
        <table><tr><th>实施编码</th><th>材料名称</th><th>来源渠道</th><th>份数</th></tr>\
        <tr><td>1134170000312541513000117035000</td><td>食品经营许可申请书</td><td>申请人自备</td><td>1</td></tr></table>\
        </body></html>";
    let (gbk, _, had_errors) = encoding_rs::GBK.encode(html);
    assert!(!had_errors);
    std::fs::write(&path, gbk).unwrap();
    let r = read(std::slice::from_ref(&path));
    assert_eq!(r.items.len(), 1, "{:?}", r.notices);
    let item = &r.items[0];
    assert_eq!(item.promised_limit, "10个工作日");
    assert_eq!(item.materials[0].name, "食品经营许可申请书");
    assert_eq!(item.provenance.sheet.as_deref(), Some("表1"));
    assert_eq!(item.provenance.row, Some(3));
    assert!(
        r.notices
            .iter()
            .any(|n| n.level == NoticeLevel::Info && n.message.contains("网页表格"))
    );
}

/// A workbook as clerks pass it on: 实施主体 merged over the rows of each body's items (the file
/// keeps the value in the top cell only), an old copy of the item sheet hidden, and the whole
/// saved under an `.xls` name. The items are the sample's; the hidden sheet is left out with a
/// notice.
#[test]
fn merged_cells_hidden_sheets_and_a_renamed_xlsx_read_as_excel_shows_them() {
    let items = sample_json();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("事项导出.xls");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let plain = rust_xlsxwriter::Format::new();
    let sheets = export_sheets(&items);
    for sheet in &sheets {
        let ws = wb.add_worksheet().set_name(sheet.name).unwrap();
        for (c, h) in sheet.header.iter().enumerate() {
            ws.write(0, c as u16, h.as_str()).unwrap();
        }
        let body = sheet.header.iter().position(|h| h == "实施主体");
        for (r, row) in sheet.rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                ws.write(r as u32 + 1, c as u16, v.as_str()).unwrap();
            }
        }
        // Merge each run of equal 实施主体 cells, as a clerk formats the list.
        if let Some(col) = body {
            let mut start = 0;
            for r in 1..=sheet.rows.len() {
                let same = r < sheet.rows.len() && sheet.rows[r][col] == sheet.rows[start][col];
                if !same {
                    if r - start > 1 {
                        let (first, last) = (start as u32 + 1, r as u32);
                        ws.merge_range(
                            first,
                            col as u16,
                            last,
                            col as u16,
                            &sheet.rows[start][col],
                            &plain,
                        )
                        .unwrap();
                    }
                    start = r;
                }
            }
        }
    }
    let first = &sheets[0];
    let old = wb.add_worksheet().set_name("事项基本信息(旧版)").unwrap();
    for (c, h) in first.header.iter().enumerate() {
        old.write(0, c as u16, h.as_str()).unwrap();
    }
    for (r, row) in first.rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            old.write(r as u32 + 1, c as u16, v.as_str()).unwrap();
        }
    }
    old.set_hidden(true);
    wb.save(&path).unwrap();

    let got = read(std::slice::from_ref(&path));
    assert!(got.unreadable.is_empty());
    assert!(
        got.notices.iter().any(|n| n
            .message
            .contains("表「事项基本信息(旧版)」是隐藏的工作表，未读取")),
        "{:?}",
        got.notices
    );
    assert_same_items(got.items, items);
}

/// A list as a clerk keeps it in Excel: the phones and codes typed into number cells, the unit of
/// the time limits in their headers, and a total and sign-off under the table. The footer rows are
/// not items; the bare time limits take their header's unit; each damaged column gets one warning
/// naming its rows, and a mobile number (which Excel keeps whole) is not counted.
#[test]
fn a_clerks_workbook_numbers_header_units_and_footer_rows() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("事项清单（手工整理）.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("事项").unwrap();
    let header = [
        "序号",
        "实施编码",
        "事项名称",
        "基本编码",
        "实施主体",
        "承诺办结时限（工作日）",
        "法定办结时限(日)",
        "咨询电话",
        "监督电话",
    ];
    for (c, h) in header.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    // Row 2: the code is text, the 基本编码 `000104002000` and the phone `0566-2021156` are
    // numbers and have lost their leading zeros.
    ws.write_number(1, 0, 1.0).unwrap();
    ws.write_string(1, 1, "1134170000312541513000104002000")
        .unwrap();
    ws.write_string(1, 2, "食品经营许可（新办）").unwrap();
    ws.write_number(1, 3, 104_002_000.0).unwrap();
    ws.write_string(1, 4, "池州市市场监督管理局").unwrap();
    ws.write_number(1, 5, 10.0).unwrap();
    ws.write_number(1, 6, 20.0).unwrap();
    ws.write_number(1, 7, 5_662_021_156.0).unwrap();
    ws.write_string(1, 8, "0566-12345").unwrap();
    // Row 3: the 31-digit code is a number (15 digits kept); the phone is a mobile number.
    ws.write_number(2, 0, 2.0).unwrap();
    ws.write_number(2, 1, 1_134_170_000_312_541_513_000_104_003_000.0)
        .unwrap();
    ws.write_string(2, 2, "食品经营许可（变更）").unwrap();
    ws.write_string(2, 3, "000104003000").unwrap();
    ws.write_string(2, 4, "池州市市场监督管理局").unwrap();
    ws.write_string(2, 5, "5个工作日").unwrap();
    ws.write_number(2, 6, 20.0).unwrap();
    ws.write_number(2, 7, 13_905_661_234.0).unwrap();
    ws.write_string(2, 8, "0566-12345").unwrap();
    ws.write_string(4, 0, "合计：2项").unwrap();
    ws.write_string(5, 0, "制表人：张晓明").unwrap();
    ws.write_string(5, 4, "审核人：李卫东").unwrap();
    wb.save(&path).unwrap();

    let r = read(std::slice::from_ref(&path));
    assert_eq!(r.items.len(), 2, "{:?}", r.notices);
    let (a, b) = (&r.items[0], &r.items[1]);
    assert_eq!(
        (a.promised_limit.as_str(), a.promised_limit_unit.as_str()),
        ("10", "工作日")
    );
    assert_eq!(
        (a.legal_limit.as_str(), a.legal_limit_unit.as_str()),
        ("20", "日")
    );
    // A limit that says its unit keeps it as written.
    assert_eq!(
        (b.promised_limit.as_str(), b.promised_limit_unit.as_str()),
        ("5个工作日", "")
    );

    let notice = |column: &str| {
        let found: Vec<_> = r
            .notices
            .iter()
            .filter(|n| n.message.contains(&format!("「{column}」列")))
            .collect();
        assert!(found.len() <= 1, "{found:?}");
        found.first().map(|n| (n.level, n.message.clone()))
    };
    let (level, phone) = notice("咨询电话").expect("a warning on the consult phones");
    assert_eq!(level, NoticeLevel::Warning);
    assert!(phone.contains("有 1 个单元格"), "{phone}");
    assert!(phone.contains("区号的 0 已被 Excel 去掉"), "{phone}");
    assert!(phone.contains("已补回开头的 0 再检查"), "{phone}");
    // The landline is checked as the platform publishes it; the mobile number is kept.
    assert_eq!(a.consult_phone, "05662021156");
    assert_eq!(b.consult_phone, "13905661234");
    assert!(
        phone.contains("第 2 行") && phone.contains("「5662021156」"),
        "{phone}"
    );
    let (_, code) = notice("实施编码").expect("a warning on the codes");
    assert!(
        code.contains("15 位有效数字") && code.contains("第 3 行"),
        "{code}"
    );
    let (_, basic) = notice("基本编码").expect("a warning on the basic codes");
    assert!(
        basic.contains("开头的 0") && basic.contains("「104002000」"),
        "{basic}"
    );
    // A 基本编码 is always 12 digits: its zeros come back, and it is checked as published
    // (B04 compares it with the 实施编码's).
    assert!(basic.contains("按「000104002000」检查"), "{basic}");
    assert_eq!(a.basic_code, "000104002000");
    assert_eq!(notice("监督电话"), None);
    assert_eq!(notice("序号"), None);

    let footer: Vec<_> = r
        .notices
        .iter()
        .filter(|n| n.message.contains("表尾"))
        .collect();
    assert_eq!(footer.len(), 1, "{:?}", r.notices);
    assert_eq!(footer[0].level, NoticeLevel::Info);
    assert!(
        footer[0].message.contains("第 5、6 行") && footer[0].message.contains("「合计：2项」"),
        "{}",
        footer[0].message
    );
}

/// An export whose template lost the 申请材料 sheet still gives its items, with one warning that
/// names the loss: otherwise every item is reported as listing no material, and a nightly run
/// would credit the units with fixing their materials.
#[test]
fn an_export_without_a_materials_sheet_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let paths: Vec<PathBuf> = write_csv_sheets(dir.path(), |s| s.as_bytes().to_vec())
        .into_iter()
        .filter(|p| !p.ends_with("申请材料.csv"))
        .collect();
    assert!(paths.iter().any(|p| p.ends_with("办理流程.csv")));
    let r = read(&paths);
    assert_eq!(r.items.len(), sample_json().len());
    let warned: Vec<&str> = r
        .notices
        .iter()
        .filter(|n| n.level == NoticeLevel::Warning)
        .map(|n| n.message.as_str())
        .collect();
    assert_eq!(warned.len(), 1, "{warned:?}");
    assert!(
        warned[0].starts_with("没有找到「申请材料」表"),
        "{warned:?}"
    );
    // h35: the export has its other child files (办理流程 …), so it left this one out: the
    // materials are unread, and M01–M08 not checked, not charged on every item.
    assert!(warned[0].contains("M01–M08 未检查"), "{warned:?}");
    assert!(r.items.iter().all(|i| i.unread.materials), "{:?}", r.items);
    // With the sheet, no such warning (the other tests hold the sample's notices exactly).
    let whole = read(&write_csv_sheets(dir.path(), |s| s.as_bytes().to_vec()));
    assert!(whole.notices.iter().all(|n| n.level == NoticeLevel::Info));
}

/// Two items of a 池州 export whose 申请材料 are one text each, as a platform that keeps them in
/// one field exports them, and a third that lists none (`无`).
const TEXT_MATERIALS: [&str; 3] = [
    r#"{"code":"11341700MB1526185H4000117035000","name":"食品经营许可（新办）","subject":"池州市市场监督管理局","region_code":"341700","consult_phone":"0566-2021156","materials":"1.食品经营许可申请书；2.营业执照复印件；3.法定代表人身份证明"}"#,
    r#"{"code":"11341700MB1526185H4000117036000","name":"食品经营许可（变更）","subject":"池州市市场监督管理局","region_code":"341700","consult_phone":"0566-2021156","materials":"（1）食品经营许可变更申请书\n（2）食品经营许可证正副本"}"#,
    r#"{"code":"11341700MB1526185H4000117037000","name":"食品经营许可（注销）","subject":"池州市市场监督管理局","region_code":"341700","consult_phone":"0566-2021156","materials":"无"}"#,
];

/// An export listing each item's 申请材料 by name only (`"materials":["申请书","营业执照复印件"]`),
/// some beside material objects, made every such item unreadable (a text where an object is
/// expected). The names are read as materials, and the file's notice says they have nothing
/// but a name (M02/M03 then report what is missing, as for a list in one text).
#[test]
fn materials_listed_by_name_only_are_read_as_materials() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("东至县事项.ndjson");
    std::fs::write(
        &path,
        [
            r#"{"code":"11341721MB1528406Q4000117035000","name":"食品经营许可（新办）","subject":"东至县市场监督管理局","region_code":"341721","materials":["食品经营许可申请书","营业执照复印件"]}"#,
            r#"{"code":"11341721MB1528406Q4000117036000","name":"食品经营许可（变更）","subject":"东至县市场监督管理局","region_code":"341721","materials":[{"name":"食品经营许可变更申请书","source_channel":"申请人自备","copies":"1"},"食品经营许可证正副本"]}"#,
            r#"{"code":"11341721MB1528406Q4000117037000","name":"食品经营许可（注销）","subject":"东至县市场监督管理局","region_code":"341721","materials":[{"name":"食品经营许可注销申请书","source_channel":"申请人自备","copies":"1"}]}"#,
        ]
        .join("\n"),
    )
    .unwrap();
    let r = read(std::slice::from_ref(&path));
    assert!(r.unreadable.is_empty(), "{:?}", r.unreadable);
    let got: Vec<Vec<(&str, &str)>> = r
        .items
        .iter()
        .map(|i| {
            i.materials
                .iter()
                .map(|m| (m.name.as_str(), m.source_channel.as_str()))
                .collect()
        })
        .collect();
    assert_eq!(
        got,
        [
            vec![("食品经营许可申请书", ""), ("营业执照复印件", "")],
            vec![
                ("食品经营许可变更申请书", "申请人自备"),
                ("食品经营许可证正副本", "")
            ],
            vec![("食品经营许可注销申请书", "申请人自备")],
        ]
    );
    r.notice(
        "申请材料只写了材料名称",
        NoticeLevel::Info,
        &["有 2 条事项", "第 1、2 行", "已按名称读取 3 条材料"],
    );
}

/// Should read every item, its materials one an entry, and say so once a file with the items'
/// places: an export writing each item's 申请材料 as one text (`"materials":"1.申请书；2.营业执照…"`)
/// made every such item unreadable (「字段「materials」应为列表，实为文本」), in every layout of a
/// JSON file, though a spreadsheet's cell of the same text is read as the list it is.
#[test]
fn materials_written_as_one_text_are_read_as_their_list_in_every_json_layout() {
    let dir = tempfile::tempdir().unwrap();
    let joined = TEXT_MATERIALS.join(",\n  ");
    let layouts = [
        (
            "池州市事项导出.ndjson",
            TEXT_MATERIALS.join("\n"),
            "第 1、2、3 行",
        ),
        (
            "池州市事项导出.json",
            format!("[\n  {joined}\n]\n"),
            "第 1、2、3 条",
        ),
        (
            "池州市事项（items）.json",
            format!("{{\"items\": [\n  {joined}\n]}}\n"),
            "第 1、2、3 条",
        ),
        (
            "池州市接口返回.json",
            format!(
                "{{\"code\": 200, \"msg\": \"成功\", \"data\": {{\"total\": 3, \"rows\": [\n  {joined}\n]}}}}\n"
            ),
            "第 1、2、3 条",
        ),
    ];
    for (name, text, places) in layouts {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        let r = read(std::slice::from_ref(&path));
        assert!(r.unreadable.is_empty(), "{name}: {:?}", r.unreadable);
        let got = r.material_names();
        assert_eq!(
            got,
            [
                vec!["食品经营许可申请书", "营业执照复印件", "法定代表人身份证明"],
                vec!["食品经营许可变更申请书", "食品经营许可证正副本"],
                vec![],
            ],
            "{name}"
        );
        let n = r.notice(
            "申请材料是一段文字",
            NoticeLevel::Info,
            &[
                name,
                "有 3 条事项",
                places,
                "拆成 5 条材料",
                "其中 1 条是空白或「无」",
            ],
        );
        assert_eq!(n.provenance, Provenance::file(path.display().to_string()));
    }

    // One item alone in its file, and one keyed by Chinese labels (申请材料 as one text).
    let one = dir.path().join("食品经营许可（新办）.json");
    std::fs::write(&one, TEXT_MATERIALS[0]).unwrap();
    let labelled = dir.path().join("事项表转换.ndjson");
    std::fs::write(
        &labelled,
        r#"{"实施编码":"11341700MB1526185H4000117035000","事项名称":"食品经营许可（新办）","实施主体":"池州市市场监督管理局","申请材料":"1、食品经营许可申请书，2、营业执照"}"#,
    )
    .unwrap();
    for path in [one, labelled] {
        let r = read(std::slice::from_ref(&path));
        assert!(r.unreadable.is_empty(), "{:?}", r.unreadable);
        assert_eq!(r.items.len(), 1);
        assert_eq!(r.items[0].materials[0].name, "食品经营许可申请书");
        assert!(r.items[0].extra.is_empty(), "{:?}", r.items[0].extra);
        r.notice("申请材料是一段文字", NoticeLevel::Info, &["有 1 条事项"]);
        // The labelled record's key is read, not listed as unread.
        assert!(
            r.notices
                .iter()
                .all(|n| !n.message.contains("「申请材料」")),
            "{:?}",
            r.notices
        );
    }
}

/// An interface's answer with its own field names (`taskName`, `taskCode` …) and a `materials`
/// list, as real APIs name it. `materials` alone made the record "the tool's own format": every
/// other field was dropped and an item with no name and no code was checked (20 rules failed on
/// each, its unit `(未知部门)` scored 0). It is unreadable with its keys, or, once `[labels]`
/// names them, read by them, its materials too.
#[test]
fn an_interface_record_with_a_materials_key_is_read_by_its_labels_or_is_unreadable() {
    let dir = tempfile::tempdir().unwrap();
    let record = r#"{"taskName":"食品经营许可（新办）","taskCode":"1134170000312541513000117035000","deptName":"池州市市场监督管理局","legalTimeLimit":20,"legalTimeLimitUnit":"工作日","promiseTimeLimit":10,"promiseTimeLimitUnit":"工作日","linkPhone":"0566-2021156","transactAddr":"池州市长江中路89号池州市政务服务中心二楼8号窗口","rowguid":null,"materials":[{"materialName":"食品经营许可申请书","sourceType":"申请人自备","pageNum":1},{"materialName":"营业执照","sourceType":"政府部门核发","pageNum":1}]}"#;
    let answer = dir.path().join("接口返回.json");
    std::fs::write(
        &answer,
        format!(r#"{{"code":200,"msg":"操作成功","data":{{"total":1,"rows":[{record}]}}}}"#),
    )
    .unwrap();
    let lines = dir.path().join("事项.ndjson");
    std::fs::write(&lines, format!("{record}\n")).unwrap();
    for path in [&answer, &lines] {
        let r = read(std::slice::from_ref(path));
        assert!(r.items.is_empty(), "{:?}", r.items);
        assert_eq!(r.unreadable.len(), 1);
        let reason = &r.unreadable[0].reason;
        assert!(
            reason.contains("没有可识别的事项字段") && reason.contains("deptName"),
            "{reason}"
        );
        assert!(reason.contains("配置 [labels]"), "{reason}");
    }
    let config = Config::parse(
        "[labels.item]\nname = [\"taskName\"]\ncode = [\"taskCode\"]\nsubject = [\"deptName\"]\n\
         legal_limit = [\"legalTimeLimit\"]\nlegal_limit_unit = [\"legalTimeLimitUnit\"]\n\
         promised_limit = [\"promiseTimeLimit\"]\npromised_limit_unit = [\"promiseTimeLimitUnit\"]\n\
         consult_phone = [\"linkPhone\"]\naddress = [\"transactAddr\"]\n\
         [labels.material]\nname = [\"materialName\"]\nsource_channel = [\"sourceType\"]\ncopies = [\"pageNum\"]\n",
    )
    .unwrap();
    for path in [&answer, &lines] {
        let r = read_with(std::slice::from_ref(path), &config.labels);
        assert!(r.unreadable.is_empty(), "{:?}", r.unreadable);
        let item = &r.items[0];
        assert_eq!(item.name, "食品经营许可（新办）");
        assert_eq!(item.code, "1134170000312541513000117035000");
        assert_eq!(item.subject, "池州市市场监督管理局");
        assert_eq!(
            (item.legal_limit.as_str(), item.legal_limit_unit.as_str()),
            ("20", "工作日")
        );
        assert_eq!(item.consult_phone, "0566-2021156");
        let materials: Vec<(&str, &str, &str)> = item
            .materials
            .iter()
            .map(|m| {
                (
                    m.name.as_str(),
                    m.source_channel.as_str(),
                    m.copies.as_str(),
                )
            })
            .collect();
        assert_eq!(
            materials,
            [
                ("食品经营许可申请书", "申请人自备", "1"),
                ("营业执照", "政府部门核发", "1")
            ]
        );
        r.notice(
            "已按表头识别读取 1 条事项",
            NoticeLevel::Warning,
            &["rowguid"],
        );
    }
}

/// Child lists under other names: Chinese `材料清单`/`办事流程` are read by default; another
/// system's (`CLXX`, `BLLC`, `CJWT`) once `[labels.lists]` names them. Before, no key could name
/// a list, every item got M01/P01/Q01 "未列出", and the notice advised `[labels]` anyway.
#[test]
fn child_lists_under_other_names_are_read_by_default_or_by_labels_lists() {
    let dir = tempfile::tempdir().unwrap();
    let chinese = dir.path().join("详情.json");
    std::fs::write(
        &chinese,
        r#"[{"事项名称":"计量标准器具核准","实施编码":"1134170000312541513000117007000","实施主体":"池州市市场监督管理局",
             "材料清单":[{"材料名称":"计量标准考核（复查）申请书","来源渠道":"申请人自备","份数":"2"},{"材料名称":"计量标准技术报告","份数":"1"}],
             "办事流程":[{"环节名称":"受理","办理人":"窗口受理人员","办理时限":"1个工作日"},{"环节名称":"审查","办理人":"业务科室审核人员","办理时限":"9个工作日"}],
             "常见问题解答":[{"问题":"计量标准考核证书有效期多久？","解答":"计量标准考核证书有效期为5年。"}]}]"#,
    )
    .unwrap();
    let r = read(std::slice::from_ref(&chinese));
    let item = &r.items[0];
    assert_eq!(item.materials.len(), 2, "{:?}", item.extra);
    assert_eq!(item.materials[0].name, "计量标准考核（复查）申请书");
    assert_eq!(item.steps[1].handler, "业务科室审核人员");
    assert_eq!(item.faqs.len(), 1);
    assert!(item.extra.is_empty(), "{:?}", item.extra);

    let pinyin = dir.path().join("拼音.json");
    std::fs::write(
        &pinyin,
        r#"[{"SXMC":"食品经营许可（新办）","SSBM":"1134170000312541513000117035000","SSZT":"池州市市场监督管理局",
             "CLXX":[{"CLMC":"食品经营许可申请书","LYQD":"申请人自备","FS":1}],
             "BLLC":[{"HJMC":"受理","BLR":"窗口受理人员","BLSX":"1个工作日"}],
             "CJWT":[{"WT":"食品经营许可证有效期是多久？","JD":"食品经营许可证有效期为5年。"}]}]"#,
    )
    .unwrap();
    let items_only = Config::parse(
        "[labels.item]\nname = [\"SXMC\"]\ncode = [\"SSBM\"]\nsubject = [\"SSZT\"]\n\
         [labels.material]\nname = [\"CLMC\"]\nsource_channel = [\"LYQD\"]\ncopies = [\"FS\"]\n\
         [labels.step]\nname = [\"HJMC\"]\nhandler = [\"BLR\"]\ntime_limit = [\"BLSX\"]\n\
         [labels.faq]\nquestion = [\"WT\"]\nanswer = [\"JD\"]\n",
    )
    .unwrap();
    let r = read_with(std::slice::from_ref(&pinyin), &items_only.labels);
    assert!(r.items[0].materials.is_empty());
    // Unmapped, the lists may be any the record lacks: unread, so M01, P01 and Q01 do not
    // charge the unit "未列出" for lists it published.
    assert_eq!(
        r.items[0].unread,
        UnreadLists {
            materials: true,
            steps: true,
            fees: true,
            intermediaries: true,
            faqs: true,
            ..UnreadLists::default()
        }
    );
    // The notice points at the table that names lists, with the file's own key.
    r.notice(
        "以下字段是记录列表，但不是可识别的子表",
        NoticeLevel::Warning,
        &[
            "「BLLC」「CJWT」「CLXX」",
            "没有列出的申请材料、办理流程、收费项目、中介服务、常见问题按“未读取”处理，不扣分",
            "[labels.lists]",
            "materials = [\"CLXX\"]、steps = [\"BLLC\"]",
        ],
    );
    let with_lists = Config::parse(&format!(
        "{}[labels.lists]\nmaterials = [\"CLXX\"]\n\"办理流程\" = [\"BLLC\"]\nfaqs = [\"CJWT\"]\n",
        "[labels.item]\nname = [\"SXMC\"]\ncode = [\"SSBM\"]\nsubject = [\"SSZT\"]\n\
         [labels.material]\nname = [\"CLMC\"]\nsource_channel = [\"LYQD\"]\ncopies = [\"FS\"]\n\
         [labels.step]\nname = [\"HJMC\"]\nhandler = [\"BLR\"]\ntime_limit = [\"BLSX\"]\n\
         [labels.faq]\nquestion = [\"WT\"]\nanswer = [\"JD\"]\n"
    ))
    .unwrap();
    let r = read_with(std::slice::from_ref(&pinyin), &with_lists.labels);
    let item = &r.items[0];
    assert_eq!(
        (
            item.materials[0].name.as_str(),
            item.materials[0].copies.as_str()
        ),
        ("食品经营许可申请书", "1")
    );
    assert_eq!(item.steps[0].time_limit, "1个工作日");
    assert_eq!(item.faqs[0].answer, "食品经营许可证有效期为5年。");
    assert!(item.extra.is_empty(), "{:?}", item.extra);
    r.notice("已按表头识别读取 1 条事项", NoticeLevel::Info, &[]);
    assert!(item.unread.is_empty(), "{:?}", item.unread);

    // A list the record carries, even empty, is still charged beside an unmapped one.
    let with_faqs = dir.path().join("有常见问题.json");
    std::fs::write(
        &with_faqs,
        r#"[{"SXMC":"食品经营许可（延续）","SSBM":"1134170000312541513000117036000","SSZT":"池州市市场监督管理局",
             "CLXX":[{"CLMC":"食品经营许可延续申请书"}],"常见问题":[]}]"#,
    )
    .unwrap();
    let r = read_with(std::slice::from_ref(&with_faqs), &items_only.labels);
    let unread = r.items[0].unread;
    assert!(
        unread.materials && unread.steps && !unread.faqs,
        "{unread:?}"
    );

    // A list's name under a child table named a column, silently: now it says where to write it.
    let e = Config::parse("[labels.material]\n\"申请材料\" = [\"材料清单\"]\n").unwrap_err();
    assert!(
        e.contains("不是申请材料列表") && e.contains("[labels.lists] 中：materials = [...]"),
        "{e}"
    );
    let e = Config::parse("[labels.lists]\nmaterial = [\"CLXX\"]\n").unwrap_err();
    assert!(
        e.contains("[labels.lists] 中没有列表「material」（是不是 materials？）"),
        "{e}"
    );
}

/// Should read a 中介服务's agencies written as one text as agencies named by its entries (no
/// address or phone, so I01 reports what is missing) and say so once a file: the text made the
/// whole item unreadable, its reason naming `intermediaries`, which is a list. A nested field of
/// the wrong shape that cannot be read is named down to itself.
#[test]
fn agencies_written_as_one_text_are_read_as_agencies_and_a_nested_wrong_shape_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let record = |agencies: &str, materials: &str| {
        format!(
            r#"{{"code":"11341700MB1812334P3000101700000","name":"建设工程设计方案审查","subject":"池州市自然资源和规划局","intermediary":"是","materials":{materials},"intermediaries":[{{"name":"建设工程设计方案编制","basis":"《建设工程勘察设计管理条例》第八条","agencies":{agencies}}}]}}"#
        )
    };
    let lines = dir.path().join("中介服务.ndjson");
    std::fs::write(
        &lines,
        [
            record(
                r#""池州市规划设计院；安徽某某工程咨询有限公司、池州某测绘公司""#,
                r#"[{"name":"建设工程设计方案"}]"#,
            ),
            record(
                r#""1.池州市规划设计院\n2.安徽某某工程咨询有限公司""#,
                r#""1.申请书；2.设计方案""#,
            ),
            record(r#"[{"name":"池州市规划设计院","address":"池州市长江中路1号","contact":"0566-2021156"}]"#, "[]"),
        ]
        .join("\n"),
    )
    .unwrap();
    let r = read(std::slice::from_ref(&lines));
    assert!(r.unreadable.is_empty(), "{:?}", r.unreadable);
    let agencies: Vec<Vec<&str>> = r
        .items
        .iter()
        .map(|i| {
            i.intermediaries[0]
                .agencies
                .iter()
                .map(|a| a.name.as_str())
                .collect()
        })
        .collect();
    assert_eq!(
        agencies,
        [
            vec![
                "池州市规划设计院",
                "安徽某某工程咨询有限公司",
                "池州某测绘公司"
            ],
            vec!["池州市规划设计院", "安徽某某工程咨询有限公司"],
            vec!["池州市规划设计院"],
        ]
    );
    assert!(r.items[0].intermediaries[0].agencies[0].address.is_empty());
    assert_eq!(r.items[1].materials[1].name, "设计方案");
    r.notice(
        "中介服务机构（agencies）是一段文字",
        NoticeLevel::Info,
        &[
            "有 2 条事项",
            "第 1、2 行",
            "拆成 5 家机构",
            "I01 会按缺项报告",
        ],
    );
    r.notice(
        "申请材料是一段文字",
        NoticeLevel::Info,
        &["有 1 条事项", "第 2 行"],
    );

    let nested = dir.path().join("中介机构写成对象.ndjson");
    std::fs::write(&nested, record(r#"{"name":"池州市规划设计院"}"#, "[]")).unwrap();
    let r = read(std::slice::from_ref(&nested));
    assert_eq!(r.unreadable.len(), 1);
    assert_eq!(
        r.unreadable[0].reason,
        "字段「intermediaries[0].agencies」应为列表，实为对象 {…}"
    );
}
