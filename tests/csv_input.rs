//! CSV input as clerks and platforms write it: a quote typed by hand and never closed loses no row
//! (the row is read with the quote as a character and a warning names its place), and a cell a
//! platform writes as `="000117035000"` so that Excel keeps its leading zeros is read as Excel
//! shows it; a byte damaged in a UTF-8 file loses its encoding to no other row. Other bad input
//! is in `bad_input.rs`.

mod common {
    pub mod read;
}

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use common::read::read;
use zwfw_audit::check::{RunInfo, check_records};
use zwfw_audit::model::Provenance;
use zwfw_audit::rules::{CheckContext, RuleSet};
use zwfw_audit::source::{Notice, NoticeLevel, read_inputs};

const HEADER: &str = "实施编码,事项名称,基本编码,实施主体,服务对象,办理地点,承诺办结时限,审批结果名称,咨询电话,监督投诉电话";

/// Five items of 池州市 as a platform exports them, one line each, and the 服务对象 of two of them
/// quoted since it holds a comma. `{result}` stands for the 审批结果名称 of the second item.
const ROWS: [&str; 5] = [
    "1134170000312541513000117035000,食品经营许可（新办）,000117035000,池州市市场监督管理局,企业法人,池州市长江中路89号池州市政务服务中心二楼8号窗口,10个工作日,食品经营许可证,0566-2021156,0566-12345",
    "1134170000312541513000117034000,食品生产许可（新办）,000117034000,池州市市场监督管理局,企业法人,池州市长江中路89号池州市政务服务中心二楼9号窗口,10个工作日,{result},0566-2021163,0566-12345",
    "1134170000312541513000117022000,特种设备使用登记,000117022000,池州市市场监督管理局,\"企业法人,事业法人\",池州市长江中路89号池州市政务服务中心二楼11号窗口,5个工作日,特种设备使用登记证,0566-2021177,0566-12345",
    "1134170000312541513000117007000,计量标准器具核准,000117007000,池州市市场监督管理局,\"企业法人,事业法人\",池州市长江中路89号池州市政务服务中心二楼11号窗口,15个工作日,计量标准考核证书,0566-2021177,0566-12345",
    "11341700003128771H3000112008000,人力资源服务许可（设立）,000112008000,池州市人力资源和社会保障局,企业法人,池州市长江中路89号池州市政务服务中心三楼15号窗口,10个工作日,人力资源服务许可证,0566-2021205,0566-12345",
];

/// The export with the second item's 审批结果名称 written as `result`, quoted lines as `quoted`
/// (a line of `ROWS` maps to itself when it is not changed).
fn export(result: &str, quoted: impl Fn(&str) -> String) -> String {
    let mut text = format!("{HEADER}\n");
    for row in ROWS {
        text.push_str(&quoted(&row.replace("{result}", result)));
        text.push('\n');
    }
    text
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// The warnings about unpaired quotes.
fn quote_warnings(notices: &[Notice]) -> Vec<&Notice> {
    notices
        .iter()
        .filter(|n| n.message.contains("引号没有配对"))
        .collect()
}

/// Trips the stray-quote rule (a quote that opens a cell and never closes): the clerk typed a
/// quote before 食品生产许可证 in Notepad. Read as a quote, it ran to the end of the file: the
/// items of lines 4 to 6 vanished without a word, and the second item lost its phones.
#[test]
fn a_quote_that_never_closes_loses_no_row() {
    let dir = tempfile::tempdir().unwrap();
    // Without the quoted 服务对象 cells below it, the quote has nothing to pair with.
    let text = export("\"食品生产许可证", |l| {
        l.replace("\"企业法人,事业法人\"", "企业法人")
    });
    let path = write(dir.path(), "事项清单.csv", &text);
    let r = read(std::slice::from_ref(&path));
    let names: Vec<&str> = r.items.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "食品经营许可（新办）",
            "食品生产许可（新办）",
            "特种设备使用登记",
            "计量标准器具核准",
            "人力资源服务许可（设立）"
        ]
    );
    let source = path.display().to_string();
    let rows: Vec<Option<u64>> = r.items.iter().map(|i| i.provenance.row).collect();
    assert_eq!(rows, [2, 3, 4, 5, 6].map(Some), "rows are the file's lines");
    let second = &r.items[1];
    assert_eq!(second.result_name, "\"食品生产许可证", "read as typed");
    assert_eq!(second.consult_phone, "0566-2021163");
    assert_eq!(second.supervise_phone, "0566-12345");
    assert_eq!(r.items[2].code, "1134170000312541513000117022000");
    let warnings = quote_warnings(&r.notices);
    assert_eq!(warnings.len(), 1, "{:?}", r.notices);
    let w = warnings[0];
    assert_eq!(w.level, NoticeLevel::Warning);
    assert_eq!(w.provenance, Provenance::row(source.clone(), 3));
    // The place gives the folder; the message names the file alone (a unit's workbook shows it).
    assert!(!w.message.contains(&source), "{}", w.message);
    for part in [
        "文件「事项清单.csv」第 3 行",
        "H 列",
        "「\"食品生产许可证」",
        "后面 3 行",
    ] {
        assert!(w.message.contains(part), "{part:?} not in {}", w.message);
    }
}

/// Trips the stray-quote rule where the quote does close, wrongly: at the opening quote of the
/// next line's `"企业法人,事业法人"`, so that line was read into the second item's cell and the
/// rest of it became more cells of that item.
#[test]
fn a_quote_closed_by_the_next_lines_quote_loses_no_row() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "事项清单.csv",
        &export("\"食品生产许可证", str::to_owned),
    );
    let r = read(std::slice::from_ref(&path));
    assert_eq!(r.items.len(), 5, "{:?}", r.notices);
    assert_eq!(r.items[1].result_name, "\"食品生产许可证");
    assert_eq!(r.items[1].consult_phone, "0566-2021163");
    let third = &r.items[2];
    assert_eq!(third.name, "特种设备使用登记");
    assert_eq!(third.service_object, "企业法人,事业法人");
    assert_eq!(third.provenance.row, Some(4));
    assert_eq!(quote_warnings(&r.notices).len(), 1, "{:?}", r.notices);
}

/// Trips the stray-quote rule on the last line, without a line end after it: the cells after the
/// quote were read as one (`食品生产许可证,0566-2021163,0566-12345`), the phones as empty.
#[test]
fn a_quote_on_the_last_line_keeps_the_cells_after_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = format!("{HEADER}\n{}\n", ROWS[0]);
    text.push_str(&ROWS[1].replace("{result}", "\"食品生产许可证"));
    let path = write(dir.path(), "事项清单.csv", &text);
    let r = read(std::slice::from_ref(&path));
    assert_eq!(r.items.len(), 2);
    assert_eq!(r.items[1].result_name, "\"食品生产许可证");
    assert_eq!(r.items[1].consult_phone, "0566-2021163");
    assert_eq!(r.items[1].supervise_phone, "0566-12345");
    let warnings = quote_warnings(&r.notices);
    assert_eq!(warnings.len(), 1, "{:?}", r.notices);
    assert_eq!(warnings[0].provenance.row, Some(3));
}

/// What the stray quote did to the checks: false "empty" findings on the item whose cells were
/// eaten, and none at all for the items that vanished. Every item is checked, none is wrongly
/// empty.
#[test]
fn every_item_after_a_stray_quote_is_checked() {
    let dir = tempfile::tempdir().unwrap();
    let text = export("\"食品生产许可证", |l| {
        l.replace("\"企业法人,事业法人\"", "企业法人")
    });
    let path = write(dir.path(), "事项清单.csv", &text);
    let mut records = Vec::new();
    read_inputs(std::slice::from_ref(&path), &mut |r| records.push(r));
    let report = check_records(
        records,
        &RuleSet::only(&["B11", "B13", "B14"]),
        &CheckContext::default(),
        RunInfo::default(),
    );
    assert_eq!(report.items.len(), 5);
    let findings: Vec<&str> = report.findings.iter().map(|f| f.message.as_str()).collect();
    assert!(findings.is_empty(), "{findings:?}");
}

/// Quoted cells over several lines (Alt+Enter in Excel), with commas and doubled quotes in them,
/// are not stray quotes: each item is one row, nothing is said.
#[test]
fn quoted_cells_over_lines_are_still_one_cell() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!(
        "{HEADER}\n{}\n{}\n{}\n",
        ROWS[0].replace(
            "池州市长江中路89号池州市政务服务中心二楼8号窗口",
            "\"池州市长江中路89号池州市政务服务中心\n二楼8号窗口\""
        ),
        ROWS[1].replace("{result}", "\"食品生产许可证\n（正本,副本）\""),
        // The last cell over three lines, a quoted word inside it.
        ROWS[2].replace(
            ",0566-12345",
            ",\"0566-12345\n0566-2021100（工作日）\n\"\"12345\"\"热线\""
        ),
    );
    let path = write(dir.path(), "事项清单.csv", &text);
    let r = read(std::slice::from_ref(&path));
    assert!(quote_warnings(&r.notices).is_empty(), "{:?}", r.notices);
    assert_eq!(r.items.len(), 3);
    assert_eq!(
        r.items[0].address,
        "池州市长江中路89号池州市政务服务中心\n二楼8号窗口"
    );
    assert_eq!(r.items[1].result_name, "食品生产许可证\n（正本,副本）");
    assert_eq!(r.items[1].consult_phone, "0566-2021163");
    assert_eq!(
        r.items[2].supervise_phone,
        "0566-12345\n0566-2021100（工作日）\n\"12345\"热线"
    );
    // Rows as Excel shows them: a cell over lines is one row.
    let rows: Vec<Option<u64>> = r.items.iter().map(|i| i.provenance.row).collect();
    assert_eq!(rows, [2, 3, 4].map(Some));
}

/// Trips the Excel-text rule: platforms write codes and phones as `="000117035000"` so that Excel
/// keeps the leading zeros. Read literally, the 基本编码 disagreed with the 实施编码 (false B04).
#[test]
fn a_cell_written_as_an_excel_text_formula_is_read_as_its_text() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!(
        "{HEADER}\n{}\n{}\n",
        // As Excel and most platforms quote it, and bare.
        ROWS[0]
            .replace(",000117035000,", ",\"=\"\"000117035000\"\"\",")
            .replace(",0566-2021156,", ",\"=\"\"0566-2021156\"\"\","),
        ROWS[1]
            .replace("{result}", "食品生产许可证")
            .replace(",000117034000,", ",=\"000117034000\","),
    );
    let path = write(dir.path(), "事项清单.csv", &text);
    let r = read(std::slice::from_ref(&path));
    assert_eq!(r.items.len(), 2);
    assert_eq!(r.items[0].basic_code, "000117035000");
    assert_eq!(r.items[0].consult_phone, "0566-2021156");
    assert_eq!(r.items[1].basic_code, "000117034000");
    let mut records = Vec::new();
    read_inputs(std::slice::from_ref(&path), &mut |r| records.push(r));
    let report = check_records(
        records,
        &RuleSet::only(&["B04"]),
        &CheckContext::default(),
        RunInfo::default(),
    );
    let findings: Vec<&str> = report.findings.iter().map(|f| f.message.as_str()).collect();
    assert!(findings.is_empty(), "{findings:?}");
}

/// The findings of `rules` on the items of `path`: (实施编码, rule, message).
fn findings_of(path: &Path, rules: &[&str]) -> Vec<(String, String, String)> {
    common::read::findings_of(path, rules)
        .into_iter()
        .map(|f| (f.item_code, f.rule, f.message))
        .collect()
}

/// Should not trip B04 (「事项编码中的基本编码「000117035000」与事项的基本编码「117035000」不一致」)
/// nor B15 (「监督电话缺少区号: "56612345"」): the clerk opened the platform's CSV in Excel and
/// saved it; Excel took the 基本编码 `000117035000` and the hotline `0566-12345` written
/// `056612345` for numbers and dropped their leading zeros. A 基本编码 always has 12 digits and
/// `0566` + `12345` is the city's hotline: both come back, with a warning per column. A 基本编码 that
/// kept its zeros, and a short number that is no code, are left as written.
#[test]
fn basic_codes_and_the_hotline_excel_shortened_in_a_csv_come_back() {
    let dir = tempfile::tempdir().unwrap();
    let rows: Vec<String> = ROWS
        .iter()
        .map(|r| r.replace("{result}", "食品生产许可证"))
        .enumerate()
        .map(|(i, r)| match i {
            0 => r.replace(",000117035000,", ",117035000,"),
            1 => r
                .replace(",000117034000,", ",117034000,")
                .replace(",0566-12345", ",56612345"),
            2 => r.replace(",0566-12345", ",56612345"),
            // Left as written: 8 digits are no 基本编码 Excel shortened (trips B04).
            3 => r.replace(",000117007000,", ",17007000,"),
            _ => r,
        })
        .collect();
    let text = format!("{HEADER}\n{}\n", rows.join("\n"));
    let path = write(dir.path(), "事项清单（Excel另存）.csv", &text);
    let r = read(std::slice::from_ref(&path));
    let got: Vec<(&str, &str)> = r
        .items
        .iter()
        .map(|i| (i.basic_code.as_str(), i.supervise_phone.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("000117035000", "0566-12345"),
            ("000117034000", "056612345"),
            ("000117022000", "056612345"),
            ("17007000", "0566-12345"),
            ("000112008000", "0566-12345"),
        ]
    );
    r.notice(
        "「基本编码」列",
        NoticeLevel::Warning,
        &[
            "有 2 个单元格是不足 12 位的纯数字",
            "第 2、3 行",
            "「117035000」按「000117035000」检查",
            "不要用 Excel 打开后保存",
        ],
    );
    r.notice(
        "「监督投诉电话」列",
        NoticeLevel::Warning,
        &[
            "有 2 个单元格",
            "第 3、4 行",
            "「56612345」按「056612345」检查",
        ],
    );
    let found = findings_of(&path, &["B04", "B15"]);
    let codes: Vec<&str> = found.iter().map(|(code, ..)| code.as_str()).collect();
    assert_eq!(
        codes,
        ["1134170000312541513000117007000"],
        "only the 8-digit 基本编码 fails: {found:?}"
    );
    assert!(found[0].2.contains("「17007000」不一致"), "{found:?}");
}

/// Should not trip B04 (「事项编码含有不允许的字符「'」」): a system wrote the codes `'11341700…`,
/// the apostrophe that tells Excel to keep them as text. It is no part of a code; before other
/// text (审批结果名称 `'食品生产许可证'`) it is kept.
#[test]
fn codes_written_after_an_apostrophe_are_the_codes() {
    let dir = tempfile::tempdir().unwrap();
    let rows: Vec<String> = ROWS
        .iter()
        .map(|r| {
            let r = r.replace("{result}", "'食品生产许可证'");
            let (code, rest) = r.split_once(',').unwrap();
            let (name, rest) = rest.split_once(',').unwrap();
            let (basic, rest) = rest.split_once(',').unwrap();
            format!("'{code},{name},'{basic},{rest}")
        })
        .collect();
    let text = format!("{HEADER}\n{}\n", rows.join("\n"));
    let path = write(dir.path(), "事项清单.csv", &text);
    let r = read(std::slice::from_ref(&path));
    let codes: Vec<(&str, &str)> = r
        .items
        .iter()
        .map(|i| (i.code.as_str(), i.basic_code.as_str()))
        .collect();
    assert_eq!(
        codes[0],
        ("1134170000312541513000117035000", "000117035000")
    );
    assert_eq!(
        codes[4],
        ("11341700003128771H3000112008000", "000112008000")
    );
    assert_eq!(r.items[1].result_name, "'食品生产许可证'");
    let found = findings_of(&path, &["B04"]);
    assert!(found.is_empty(), "{found:?}");
    assert!(
        r.notices
            .iter()
            .all(|n| !n.message.contains("「实施编码」列"))
    );
}

/// The clerk's view of a stray quote: `check` counts every item and says, in Chinese, where the
/// quote is.
#[test]
fn check_names_the_stray_quote_and_counts_every_item() {
    let dir = tempfile::tempdir().unwrap();
    let text = export("\"食品生产许可证", |l| {
        l.replace("\"企业法人,事业法人\"", "企业法人")
    });
    write(dir.path(), "事项清单.csv", &text);
    let out = Command::cargo_bin("zwfw-audit")
        .unwrap()
        .current_dir(dir.path())
        .args(["check", "事项清单.csv", "-o", "out", "--format", "json"])
        .output()
        .unwrap();
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(all.contains("已检查 5 个事项（无法读取 0 个）"), "{all}");
    assert!(all.contains("第 3 行 H 列"), "{all}");
    assert!(all.contains("引号没有配对"), "{all}");
}

/// Should make no fake item (a unit 「(未知部门)」 scored 0): a clerk's table saved by WPS as CSV,
/// a title padded with commas over the header and, under the items, a note and a sign-off spread
/// over several cells.
#[test]
fn a_sign_off_under_a_saved_table_is_no_item() {
    let dir = tempfile::tempdir().unwrap();
    let commas = ",".repeat(9);
    let items = export("食品生产许可证", ToOwned::to_owned).replace('\n', "\r\n");
    let text = format!(
        "池州市政务服务事项实施清单{commas}\r\n{commas}\r\n{items}{commas}\r\n注：本表由各单位填报，请勿修改表头。{commas}\r\n填报人：李四,,审核人：王五,,联系电话：0566-2021888,,,,,\r\n"
    );
    let path = write(dir.path(), "事项清单.csv", &text);

    let r = read(std::slice::from_ref(&path));
    assert_eq!(r.items.len(), 5, "{:?}", r.notices);
    r.notice("是表尾", NoticeLevel::Info, &["第 10、11 行"]);
}

/// Should not trip B15 (「缺少区号」) on the landlines: a platform exports them as digits
/// (`05662021156`), and the clerk opened the CSV in Excel and saved it, which took them for
/// numbers and dropped the area code's 0 (`5662021156`). The 0 comes back, with a warning per
/// column naming the rows; a mobile number, a number with its dash, and digits whose 0 would make
/// no real area code (`0640…`) are kept as written.
#[test]
fn phones_whose_0_excel_dropped_from_a_csv_get_it_back_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let phones = [
        ("5662021156", "0566-12345"),
        ("13905661234", "5662021234"),
        ("566-2021177", "0566-12345"),
        ("5662021177", "0566-12345"),
        ("6402021205", "0566-12345"),
    ];
    let mut lines = vec![HEADER.to_owned()];
    for (row, (consult, supervise)) in ROWS.iter().zip(phones) {
        let cells: Vec<&str> = row.rsplitn(3, ',').collect();
        let head = cells[2].replace("{result}", "食品生产许可证");
        lines.push(format!("{head},{consult},{supervise}"));
    }
    let text = lines.join("\n") + "\n";
    let path = write(dir.path(), "事项清单（Excel另存）.csv", &text);

    let r = read(std::slice::from_ref(&path));
    assert_eq!(r.items.len(), 5, "{:?}", r.notices);
    let got: Vec<(&str, &str)> = r
        .items
        .iter()
        .map(|i| (i.consult_phone.as_str(), i.supervise_phone.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("05662021156", "0566-12345"),
            ("13905661234", "05662021234"),
            ("566-2021177", "0566-12345"),
            ("05662021177", "0566-12345"),
            ("6402021205", "0566-12345"),
        ]
    );
    let consult = r.notice(
        "「咨询电话」列",
        NoticeLevel::Warning,
        &[
            "有 2 个单元格",
            "第 2、5 行",
            "「5662021156」按「05662021156」检查",
            "Excel 打开再保存",
            "不要用 Excel 打开后保存",
        ],
    );
    assert_eq!(consult.provenance.row, Some(2));
    r.notice(
        "「监督投诉电话」列",
        NoticeLevel::Warning,
        &["有 1 个单元格", "第 3 行", "已补回开头的 0"],
    );

    let mut records = Vec::new();
    read_inputs(std::slice::from_ref(&path), &mut |r| records.push(r));
    let report = check_records(
        records,
        &RuleSet::only(&["B15"]),
        &CheckContext::default(),
        RunInfo::default(),
    );
    let b15: Vec<(&str, &str)> = report
        .findings
        .iter()
        .filter(|f| f.message.contains("区号"))
        .map(|f| (f.item_code.as_str(), f.evidence.as_str()))
        .collect();
    // The items whose landlines got their 0 back are not said to lack an area code.
    for restored in [
        "1134170000312541513000117035000",
        "1134170000312541513000117034000",
        "1134170000312541513000117007000",
    ] {
        assert!(b15.iter().all(|(code, _)| *code != restored), "{b15:?}");
    }
}

/// Should not trip B06/B07 (「承诺办结时限为空」, 「不是可识别的时限」): platforms write a time
/// limit's unit after a slash (`承诺时限/工作日`) or as `（单位：工作日）` as often as `（工作日）`,
/// and put bare numbers under it. The slash hid the column; the word 单位 hid the unit.
#[test]
fn a_time_limit_header_with_its_unit_after_a_slash_or_unit_word_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let header =
        "实施编码,事项名称,实施主体,法定办结时限（单位：工作日）,承诺时限/工作日,办理地点,咨询电话";
    let text = format!(
        "{header}\n\
         1134170000312541513000117035000,食品经营许可（新办）,池州市市场监督管理局,20,10,池州市长江中路89号池州市政务服务中心二楼8号窗口,0566-2021156\n\
         1134170000312541513000117022000,特种设备使用登记,池州市市场监督管理局,15,5,池州市长江中路89号池州市政务服务中心二楼11号窗口,0566-2021177\n"
    );
    let path = write(dir.path(), "事项清单.csv", &text);
    let r = read(std::slice::from_ref(&path));
    assert_eq!(r.items.len(), 2, "{:?}", r.notices);
    let limits: Vec<[&str; 4]> = r
        .items
        .iter()
        .map(|i| {
            [
                i.legal_limit.as_str(),
                i.legal_limit_unit.as_str(),
                i.promised_limit.as_str(),
                i.promised_limit_unit.as_str(),
            ]
        })
        .collect();
    assert_eq!(
        limits,
        [
            ["20", "工作日", "10", "工作日"],
            ["15", "工作日", "5", "工作日"]
        ]
    );
    let mut records = Vec::new();
    read_inputs(std::slice::from_ref(&path), &mut |r| records.push(r));
    let report = check_records(
        records,
        &RuleSet::only(&["B06", "B07"]),
        &CheckContext::default(),
        RunInfo::default(),
    );
    let findings: Vec<&str> = report.findings.iter().map(|f| f.message.as_str()).collect();
    assert!(findings.is_empty(), "{findings:?}");
}

/// Should read every row as UTF-8 and name the damaged row: one byte changed in the last line of
/// a UTF-8 export (no BOM) made the file GBK, its header unrecognisable, and the run exit 2
/// with no report and a message about the header.
#[test]
fn a_damaged_byte_in_a_utf8_file_is_named_and_the_rest_read() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = export("食品生产许可证", str::to_owned).into_bytes();
    let last = bytes.len() - "0566-12345\n".len() - 2;
    bytes.insert(last, 0x80);
    let path = dir.path().join("事项导出.csv");
    std::fs::write(&path, bytes).unwrap();
    let r = read(std::slice::from_ref(&path));
    assert_eq!(r.items.len(), 5);
    assert_eq!(r.items[0].name, "食品经营许可（新办）");
    assert!(
        r.items[4].supervise_phone.contains('\u{FFFD}')
            || r.items[4].consult_phone.contains('\u{FFFD}')
    );
    let warning = r.notice(
        "不是有效的 UTF-8 文字",
        NoticeLevel::Warning,
        &["（第6行）", "已显示为“�”", "请重新导出"],
    );
    assert_eq!(warning.provenance.row, Some(6));
}

/// A unit's workbook shows the notices about its input with the file's name only: the stray-quote
/// and unknown-column notices put the server's folder (`/srv/导出/2026-11-29/事项导出.csv`) into
/// the 汇总 sheet a unit receives, though its 来源 column gave the name alone. The assessor's
/// all-units workbook keeps the full place.
#[test]
fn a_unit_workbook_names_the_input_file_without_its_folder() {
    use calamine::{Reader, Xlsx, open_workbook};
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("导出").join("2026-11-29");
    std::fs::create_dir_all(&folder).unwrap();
    // 经办人 is no element, and a quote typed before 食品生产许可证 never closes.
    let text = export("\"食品生产许可证", |l| {
        format!("{},张三", l.replace("\"企业法人,事业法人\"", "企业法人"))
    })
    .replacen(HEADER, &format!("{HEADER},经办人"), 1);
    let path = write(&folder, "事项导出.csv", &text);
    let out = dir.path().join("out");
    Command::cargo_bin("zwfw-audit")
        .unwrap()
        .arg("check")
        .arg(&path)
        .arg("-q")
        .arg("-o")
        .arg(&out)
        .assert()
        .code(1);
    let summary = |name: &str| -> Vec<String> {
        let mut book: Xlsx<_> = open_workbook(out.join(name)).unwrap();
        let range = book.worksheet_range("汇总").unwrap();
        range
            .rows()
            .flat_map(|r| r.iter().map(ToString::to_string))
            .filter(|c| c.contains("事项导出.csv"))
            .collect()
    };
    let folder = folder.display().to_string();
    let unit = summary("整改清单-池州市市场监督管理局.xlsx");
    for needle in ["引号没有配对", "不是可识别的要素"] {
        assert!(
            unit.iter()
                .any(|c| c.contains(needle) && c.contains("文件「事项导出.csv」")),
            "{needle}: {unit:?}"
        );
    }
    assert!(unit.iter().all(|c| !c.contains(&folder)), "{unit:?}");
    let all = summary("整改清单-全部.xlsx");
    assert!(all.iter().any(|c| c.starts_with(&folder)), "{all:?}");
}
