//! Workbooks as government templates and damaged files give them: a header in two rows, a sheet
//! the workbook cannot give back, a cell pointing at text that is not there, an Excel 2003 XML
//! file under an `.xls` name. Every item of the input appears in the output, and what went wrong
//! is said in Chinese with its place.

mod common {
    pub mod read;
}

use std::path::{Path, PathBuf};

use common::read::read;
use rust_xlsxwriter::{Format, Workbook};
use zwfw_audit::check::{RunInfo, check_records};
use zwfw_audit::rules::{CheckContext, RuleSet};
use zwfw_audit::source::{NoticeLevel, read_inputs};

const CODE_A: &str = "11341721MB1234567X4000117035000";
const CODE_B: &str = "11341721MB1234567X4000117036000";

/// Writes `cells` into row `r` of `ws`, from column A.
fn write_row(ws: &mut rust_xlsxwriter::Worksheet, r: u32, cells: &[&str]) {
    for (c, text) in cells.iter().enumerate() {
        ws.write_string(r, c as u16, *text).unwrap();
    }
}

/// The item columns of the 东至县 export, the header cell of each and the two items' values.
const ITEM_COLUMNS: &[(&str, &str, &str)] = &[
    ("实施编码", CODE_A, CODE_B),
    ("*事项名称", "食品经营许可（新办）", "食品经营许可（变更）"),
    ("实施主体", "东至县市场监督管理局", "东至县市场监督管理局"),
    ("区划代码", "341721", "341721"),
    ("行使层级", "4", "4"),
    ("办件类型", "承诺件", "承诺件"),
    (
        "受理地点",
        "东至县尧渡镇建设路8号政务服务中心3号窗口",
        "东至县尧渡镇建设路8号政务服务中心3号窗口",
    ),
    ("承诺时限", "10个工作日", "5个工作日"),
    ("咨询方式", "0566-7021234", "0566-7021234"),
];

/// Writes the 东至县 export with its header in rows 2–3 under a title: the item columns merged
/// down over both rows, 「咨询方式」 over the sub-heading 「电话」, and the group 「监督投诉」
/// merged across two columns over 「电话」 and 「地址」; and a 申请材料 sheet.
fn grouped_header_workbook(path: &Path) {
    let mut wb = Workbook::new();
    let plain = Format::new();
    let ws = wb.add_worksheet().set_name("事项基本信息").unwrap();
    ws.write_string(0, 0, "东至县政务服务事项实施清单").unwrap();
    let consult = ITEM_COLUMNS.len() as u16 - 1;
    for (c, (header, a, b)) in ITEM_COLUMNS.iter().enumerate() {
        let c = c as u16;
        if c == consult {
            ws.write_string(1, c, *header).unwrap();
            ws.write_string(2, c, "电话").unwrap();
        } else {
            ws.merge_range(1, c, 2, c, header, &plain).unwrap();
        }
        ws.write_string(3, c, *a).unwrap();
        ws.write_string(4, c, *b).unwrap();
    }
    let supervise = consult + 1;
    ws.merge_range(1, supervise, 1, supervise + 1, "监督投诉", &plain)
        .unwrap();
    ws.write_string(2, supervise, "电话").unwrap();
    ws.write_string(2, supervise + 1, "地址").unwrap();
    for r in [3, 4] {
        ws.write_string(r, supervise, "0566-12345").unwrap();
        ws.write_string(r, supervise + 1, "东至县尧渡镇建设路8号")
            .unwrap();
    }
    let ws = wb.add_worksheet().set_name("申请材料").unwrap();
    write_row(ws, 0, &["实施编码", "材料名称", "材料来源"]);
    for (r, code) in [CODE_A, CODE_B].into_iter().enumerate() {
        let r = r as u32 + 1;
        write_row(ws, r, &[code, "营业执照", "申请人自备"]);
    }
    wb.save(path).unwrap();
}

/// Should not check the header's second row as an item: with the item columns merged down, it
/// was an item 「实施编码 *事项名称」 tripping every basic rule, under a unit 「实施主体」 in the
/// scores. Both items are checked under 东至县, and the sub-headings name their columns.
#[test]
fn a_grouped_header_in_two_rows_makes_no_fake_item_or_unit() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("东至县事项清单.xlsx");
    grouped_header_workbook(&path);

    let r = read(std::slice::from_ref(&path));
    let names: Vec<&str> = r.items.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(names, ["食品经营许可（新办）", "食品经营许可（变更）"]);
    assert_eq!(r.items[0].consult_phone, "0566-7021234");
    assert_eq!(r.items[0].supervise_phone, "0566-12345");
    assert_eq!(
        r.items[0].extra.get("监督投诉地址").map(String::as_str),
        Some("东至县尧渡镇建设路8号")
    );
    r.notice(
        "表头占两行",
        NoticeLevel::Info,
        &["表「事项基本信息」", "第 2、3 行"],
    );

    let mut records = Vec::new();
    read_inputs(std::slice::from_ref(&path), &mut |r| records.push(r));
    let report = check_records(
        records,
        &RuleSet::default(),
        &CheckContext::default(),
        RunInfo::default(),
    );
    let units: Vec<&str> = report.items.iter().map(|i| i.unit.as_str()).collect();
    assert_eq!(units, ["东至县", "东至县"]);
}

/// Writes the 东至县 export with a one-row header: the items, their materials and three FAQs each.
fn export_workbook(path: &Path) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("事项基本信息").unwrap();
    for (c, (header, a, b)) in ITEM_COLUMNS.iter().enumerate() {
        let c = c as u16;
        ws.write_string(0, c, *header).unwrap();
        ws.write_string(1, c, *a).unwrap();
        ws.write_string(2, c, *b).unwrap();
    }
    let ws = wb.add_worksheet().set_name("申请材料").unwrap();
    write_row(ws, 0, &["实施编码", "材料名称", "材料来源"]);
    for (r, code) in [CODE_A, CODE_B].into_iter().enumerate() {
        let r = r as u32 + 1;
        write_row(ws, r, &[code, "营业执照", "申请人自备"]);
    }
    let ws = wb.add_worksheet().set_name("常见问题").unwrap();
    write_row(ws, 0, &["实施编码", "问题", "解答"]);
    let faqs = [
        (
            "食品经营许可证有效期是多久？",
            "食品经营许可证有效期为5年。",
        ),
        (
            "可以委托他人代为办理吗？",
            "可以，受托人须携带授权委托书和本人身份证原件。",
        ),
        (
            "经营场所地址变更需要重新申请吗？",
            "经营场所地址变更的，应当重新申请食品经营许可。",
        ),
    ];
    let mut r = 1;
    for code in [CODE_A, CODE_B] {
        for (q, a) in faqs {
            write_row(ws, r, &[code, q, a]);
            r += 1;
        }
    }
    wb.save(path).unwrap();
}

/// The 东至县 export ([`export_workbook`]) written into `dir` with its part `part` changed by
/// `change`, as a damaged copy; its path.
fn damaged_export(dir: &Path, part: &str, change: impl Fn(&str) -> String) -> PathBuf {
    let path = dir.join("东至县事项清单.xlsx");
    export_workbook(&path);
    rewrite_part(&path, part, change);
    path
}

/// Rewrites the part `part` of the workbook at `path` (`xl/worksheets/sheet1.xml`) by `change`.
fn rewrite_part(path: &Path, part: &str, change: impl Fn(&str) -> String) {
    use std::io::{Read as _, Write as _};
    let bytes = std::fs::read(path).unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let mut found = false;
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let name = entry.name().unwrap().into_owned();
        let mut text = Vec::new();
        entry.read_to_end(&mut text).unwrap();
        if name == part {
            text = change(std::str::from_utf8(&text).unwrap()).into_bytes();
            found = true;
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&text).unwrap();
    }
    out.finish().unwrap();
    assert!(found, "no part {part}");
}

/// Checks `path` with every rule.
/// The findings of `rule` when `path` is checked: each item's code and the text quoted.
fn findings_of(path: &Path, rule: &str) -> Vec<(String, String)> {
    check_all(path)
        .findings
        .into_iter()
        .filter(|f| f.rule == rule)
        .map(|f| (f.item_code, f.evidence))
        .collect()
}

fn check_all(path: &Path) -> zwfw_audit::report::Report {
    let mut records = Vec::new();
    read_inputs(std::slice::from_ref(&path.to_owned()), &mut |r| {
        records.push(r);
    });
    check_records(
        records,
        &RuleSet::default(),
        &CheckContext::default(),
        RunInfo::default(),
    )
}

/// Should not trip Q01 (「未提供常见问题」) on every item: the 常见问题 sheet's XML is cut in half,
/// so its FAQs are not read; that is said in Chinese (not calamine's `Xlsx error: Xml error`),
/// and the FAQ check does not apply to the items instead of charging them for the damage.
#[test]
fn a_damaged_faq_sheet_is_said_in_chinese_and_charges_no_item() {
    let dir = tempfile::tempdir().unwrap();
    let path = damaged_export(dir.path(), "xl/worksheets/sheet3.xml", |xml| {
        xml[..xml.len() / 2].to_owned()
    });

    let report = check_all(&path);
    assert_eq!(report.items.len(), 2);
    let damaged = report
        .notices
        .iter()
        .find(|n| n.provenance.sheet.as_deref() == Some("常见问题"))
        .expect("a notice names the damaged sheet");
    assert_eq!(damaged.level, NoticeLevel::Error);
    assert!(
        damaged.message.contains("表「常见问题」已损坏")
            && damaged.message.contains("不扣分")
            && damaged.message.contains("另存"),
        "{}",
        damaged.message
    );
    assert!(
        report
            .notices
            .iter()
            .all(|n| !n.message.contains("error") && !n.message.contains("Xml")),
        "{:?}",
        report.notices
    );
    let q01: Vec<_> = report.findings.iter().filter(|f| f.rule == "Q01").collect();
    assert!(q01.is_empty(), "{q01:?}");
    for item in &report.items {
        assert_eq!(
            item.outcomes.get("Q01"),
            Some(&zwfw_audit::model::Outcome::NotApplicable),
            "{}",
            item.name
        );
    }
}

/// A damaged item sheet says its items are not read, in Chinese.
#[test]
fn a_damaged_item_sheet_says_its_items_are_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = damaged_export(dir.path(), "xl/worksheets/sheet1.xml", |xml| {
        xml.replace("</sheetData>", "")
    });
    let r = read(std::slice::from_ref(&path));
    assert!(r.items.is_empty());
    assert!(
        r.notices.iter().any(|n| n.level == NoticeLevel::Error
            && n.message.contains("表「事项基本信息」已损坏")
            && n.message.contains("其中的事项都没有读到")),
        "{:?}",
        r.notices
    );
}

/// Should read both items, the second without its name: its 事项名称 cell points at shared text
/// 99999 the workbook does not have. calamine refused the whole item sheet (`Cell string index
/// not found in shared strings table`) and the run checked nothing; now only that cell is lost,
/// and an error notice names it.
#[test]
fn a_cell_pointing_at_missing_text_loses_only_itself() {
    let dir = tempfile::tempdir().unwrap();
    let path = damaged_export(dir.path(), "xl/worksheets/sheet1.xml", |xml| {
        let at = xml.find(r#"<c r="B3""#).expect("the cell B3");
        let v = at + xml[at..].find("<v>").unwrap() + 3;
        let end = v + xml[v..].find("</v>").unwrap();
        format!("{}99999{}", &xml[..v], &xml[end..])
    });

    let r = read(std::slice::from_ref(&path));
    let codes: Vec<&str> = r.items.iter().map(|i| i.code.as_str()).collect();
    assert_eq!(codes, [CODE_A, CODE_B]);
    assert_eq!(r.items[1].name, "");
    assert_eq!(r.items[1].subject, "东至县市场监督管理局");
    let lost = r.notice(
        "损坏",
        NoticeLevel::Error,
        &["表「事项基本信息」有 1 个单元格已损坏（B3）"],
    );
    assert_eq!(lost.provenance.row, Some(3));
    assert!(
        r.notices.iter().all(|n| !n.message.contains("Xlsx error")),
        "{:?}",
        r.notices
    );
}

/// Should warn, naming the cells: the 东至县 export written by a program (as Apache POI writes
/// one) with the second item's 受理地点 and 咨询方式 as formulas taking the first item's
/// (`=G2`, `=I2`), saved without their results (`<f>G2</f>` and no `<v>`). calamine computes
/// nothing, so the cells read as empty, and the item was charged for a blank address and phone
/// the clerk had filled in, without a word. Both items are still read; the cells stay blank for
/// the rules, and the warning says why a blank there may not be the department's. A 序号
/// numbered by `=ROW()-1`, which no rule reads, is not named.
#[test]
fn formulas_saved_without_their_results_are_named_in_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("东至县事项清单（系统生成）.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("事项基本信息").unwrap();
    for (c, (header, a, b)) in ITEM_COLUMNS.iter().enumerate() {
        let c = c as u16;
        ws.write_string(0, c, *header).unwrap();
        ws.write_string(1, c, *a).unwrap();
        match *header {
            "受理地点" => ws.write_formula(2, c, "=G2").unwrap(),
            "咨询方式" => ws.write_formula(2, c, "=I2").unwrap(),
            _ => ws.write_string(2, c, *b).unwrap(),
        };
    }
    // A computed formula keeps its result: no warning for it.
    ws.write_string(0, 9, "备注").unwrap();
    ws.write_formula(1, 9, r#"="2026年更新""#).unwrap();
    ws.set_formula_result(1, 9, "2026年更新");
    // Rows numbered by formulas no rule reads: not named.
    ws.write_string(0, 10, "序号").unwrap();
    ws.write_formula(1, 10, "=ROW()-1").unwrap();
    ws.write_formula(2, 10, "=ROW()-1").unwrap();
    wb.save(&path).unwrap();
    rewrite_part(&path, "xl/worksheets/sheet1.xml", |xml| {
        xml.replace("</f><v>0</v>", "</f>")
    });

    let r = read(std::slice::from_ref(&path));
    let codes: Vec<&str> = r.items.iter().map(|i| i.code.as_str()).collect();
    assert_eq!(codes, [CODE_A, CODE_B]);
    assert_eq!(r.items[1].address, "");
    assert_eq!(r.items[1].consult_phone, "");
    assert_eq!(
        r.items[0].extra.get("备注").map(String::as_str),
        Some("2026年更新")
    );
    let warning = r.notice(
        "没有保存公式的计算结果",
        NoticeLevel::Warning,
        &[
            "表「事项基本信息」有 2 个单元格是公式",
            "（G列「受理地点」第3行，共 1 个；I列「咨询方式」第3行，共 1 个）",
            "按空白读取",
            "并非漏填",
            "Excel/WPS 中打开",
        ],
    );
    assert_eq!(warning.provenance.sheet.as_deref(), Some("事项基本信息"));
    assert_eq!(warning.provenance.row, Some(3));
}

/// Should be refused with what the file is and what to do, not as damaged: an "XML 电子表格"
/// (Excel 2003 XML) saved under an `.xls` name, as Java platforms export.
#[test]
fn an_excel_2003_xml_file_says_to_save_it_as_xlsx() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("东至县事项清单.xls");
    std::fs::write(
        &path,
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8"?>"#,
            "\n",
            r#"<?mso-application progid="Excel.Sheet"?>"#,
            "\n",
            r#"<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">"#,
            r#"<Worksheet ss:Name="事项基本信息"><Table>"#,
            r#"<Row><Cell><Data ss:Type="String">实施编码</Data></Cell><Cell><Data ss:Type="String">事项名称</Data></Cell></Row>"#,
            r#"<Row><Cell><Data ss:Type="String">11341721MB1234567X4000117035000</Data></Cell><Cell><Data ss:Type="String">食品经营许可（新办）</Data></Cell></Row>"#,
            "</Table></Worksheet></Workbook>\n"
        ),
    )
    .unwrap();
    let r = read(std::slice::from_ref(&path));
    let refused = r
        .notices
        .iter()
        .find(|n| n.level == NoticeLevel::Error && n.message.contains("东至县事项清单.xls"))
        .expect("the file is refused with its name");
    assert!(
        refused.message.contains("Excel 2003 XML 表格")
            && refused.message.contains("另存为 .xlsx")
            && !refused.message.contains("损坏"),
        "{}",
        refused.message
    );
}

/// A template that names 受理地点 twice, the first column left empty and the addresses in the
/// second: the fuller column is read, so B09 (办理地点为空) is not charged on items that give
/// their address, and a warning names both columns. A column filled as much as the first, or
/// less, leaves the first read.
#[test]
fn of_two_columns_named_alike_the_fuller_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("东至县事项.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("事项基本信息").unwrap();
    let mut header: Vec<&str> = vec!["受理地点"];
    header.extend(ITEM_COLUMNS.iter().map(|(h, ..)| *h));
    for (c, h) in header.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (c, (_, a, b)) in ITEM_COLUMNS.iter().enumerate() {
        let c = c as u16 + 1;
        ws.write_string(1, c, *a).unwrap();
        ws.write_string(2, c, *b).unwrap();
    }
    wb.save(&path).unwrap();
    let r = read(std::slice::from_ref(&path));
    assert_eq!(r.items.len(), 2, "{:?}", r.notices);
    for item in &r.items {
        assert_eq!(item.address, "东至县尧渡镇建设路8号政务服务中心3号窗口");
    }
    let said: Vec<&str> = r
        .notices
        .iter()
        .filter(|n| n.message.contains("出现了两次"))
        .map(|n| n.message.as_str())
        .collect();
    assert_eq!(said.len(), 1, "{:?}", r.notices);
    assert!(
        said[0].contains("表头「受理地点」出现了两次（A 列和 H 列）：按填写较多的 H 列读取"),
        "{}",
        said[0]
    );
    let mut records = Vec::new();
    read_inputs(std::slice::from_ref(&path), &mut |rec| records.push(rec));
    let report = check_records(
        records,
        &RuleSet::only(&["B09"]),
        &CheckContext::default(),
        RunInfo::default(),
    );
    assert!(
        report.findings.iter().all(|f| !f.message.contains("为空")),
        "{:?}",
        report.findings
    );
}

/// A material of [`HAND_MADE`]: its name, 来源渠道 and 份数.
type HandMadeMaterial = (&'static str, &'static str, &'static str);

/// A 实施清单 made by hand: one table, one row a material, the item's cells merged down over its
/// materials' rows. The 东至县 items' codes and names, and each item's materials.
const HAND_MADE: &[(&str, &str, &[HandMadeMaterial])] = &[
    (
        CODE_A,
        "食品经营许可（新办）",
        &[
            ("食品经营许可申请书", "申请人自备", "1份"),
            // Should trip M01: the name asks for the 原件 (a medium, not a material).
            ("营业执照原件", "市场监督管理部门核发", "1份"),
            ("食品安全管理制度文本", "申请人自备", "1份"),
        ],
    ),
    (
        CODE_B,
        "食品经营许可（变更）",
        &[
            ("食品经营许可变更申请书", "申请人自备", "1份"),
            ("食品经营许可证正副本", "市场监督管理部门核发", "1份"),
        ],
    ),
];

/// The header of [`HAND_MADE`]'s table: five item columns, then three material columns.
const HAND_MADE_HEADER: [&str; 9] = [
    "序号",
    "实施编码",
    "事项名称",
    "实施主体",
    "办理地点",
    "咨询电话",
    "申请材料名称",
    "来源渠道",
    "份数",
];

/// The item cells of [`HAND_MADE_HEADER`] for item `i` (序号 first).
fn hand_made_item_cells(i: usize) -> [String; 6] {
    let (code, name, _) = HAND_MADE[i];
    [
        (i + 1).to_string(),
        code.to_owned(),
        name.to_owned(),
        "东至县市场监督管理局".to_owned(),
        "东至县尧渡镇建设路8号政务服务中心3号窗口".to_owned(),
        "0566-7021234".to_owned(),
    ]
}

/// Should read two items with three and two materials (not five items, three of them empty),
/// the title row as no item, and M01 only on 「营业执照原件」.
fn assert_hand_made_read(path: &Path) {
    let r = read(std::slice::from_ref(&path.to_owned()));
    let got: Vec<(&str, Vec<&str>)> = r
        .items
        .iter()
        .map(|i| {
            let materials = i.materials.iter().map(|m| m.name.as_str()).collect();
            (i.name.as_str(), materials)
        })
        .collect();
    let want: Vec<(&str, Vec<&str>)> = HAND_MADE
        .iter()
        .map(|(_, name, materials)| (*name, materials.iter().map(|m| m.0).collect()))
        .collect();
    assert_eq!(got, want);
    let m = &r.items[0].materials[1];
    assert_eq!(
        (m.source_channel.as_str(), m.copies.as_str()),
        ("市场监督管理部门核发", "1份")
    );
    // The material columns are the materials', not the item's unrecognised columns.
    assert!(
        !r.items[0].extra.contains_key("申请材料名称"),
        "{:?}",
        r.items[0].extra
    );
    r.notice(
        "写在同一张表里",
        NoticeLevel::Info,
        &["3 行", "共读出 2 个事项"],
    );
    assert!(
        !r.notices.iter().any(|n| n.message.contains("申请材料表")),
        "the materials are in the table: {:?}",
        r.notices
    );

    assert_eq!(
        findings_of(path, "M01"),
        [(CODE_A.to_owned(), "营业执照原件".to_owned())]
    );
}

#[test]
fn a_hand_made_list_with_merged_item_cells_reads_one_item_per_merge() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("东至县实施清单（手工填报）.xlsx");
    let mut wb = Workbook::new();
    let plain = Format::new();
    let ws = wb.add_worksheet().set_name("Sheet1").unwrap();
    ws.merge_range(
        0,
        0,
        0,
        8,
        "东至县市场监督管理局政务服务事项实施清单",
        &plain,
    )
    .unwrap();
    for (c, h) in HAND_MADE_HEADER.iter().enumerate() {
        ws.write_string(1, c as u16, *h).unwrap();
    }
    let mut row = 2;
    for (i, (_, _, materials)) in HAND_MADE.iter().enumerate() {
        let last = row + materials.len() as u32 - 1;
        for (c, text) in hand_made_item_cells(i).iter().enumerate() {
            ws.merge_range(row, c as u16, last, c as u16, text, &plain)
                .unwrap();
        }
        for (name, source, copies) in *materials {
            for (c, text) in [name, source, copies].into_iter().enumerate() {
                ws.write_string(row, 6 + c as u16, *text).unwrap();
            }
            row += 1;
        }
    }
    wb.save(&path).unwrap();
    assert_hand_made_read(&path);
}

/// The same list saved as CSV: a merged cell's value is in its first row only.
#[test]
fn a_hand_made_list_saved_as_csv_reads_blank_item_cells_as_the_item_above() {
    use std::fmt::Write as _;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("东至县实施清单（手工填报）.csv");
    let mut csv = String::from("东至县市场监督管理局政务服务事项实施清单,,,,,,,,\n");
    csv += &HAND_MADE_HEADER.join(",");
    csv.push('\n');
    for (i, (_, _, materials)) in HAND_MADE.iter().enumerate() {
        for (k, (name, source, copies)) in materials.iter().enumerate() {
            let item = if k == 0 {
                hand_made_item_cells(i).join(",")
            } else {
                ",".repeat(5)
            };
            writeln!(csv, "{item},{name},{source},{copies}").unwrap();
        }
    }
    std::fs::write(&path, csv).unwrap();
    assert_hand_made_read(&path);
}

/// Writes a clerk's 东至县 workbook: a title over each sheet, a 序号 column, the items under a
/// department heading, and under each table a note and a sign-off spread over several cells;
/// the 常见问题 sheet has lost its 实施编码 column (the clerk deleted it).
fn clerk_workbook(path: &Path) {
    let mut wb = Workbook::new();
    let sign_off = |ws: &mut rust_xlsxwriter::Worksheet, r: u32| {
        ws.write_string(r, 0, "注：本表一式两份，材料需加盖公章。")
            .unwrap();
        ws.write_string(r + 1, 0, "填报人：李四").unwrap();
        ws.write_string(r + 1, 3, "审核人：王五").unwrap();
        ws.write_string(r + 1, 5, "联系电话：0566-7021888").unwrap();
        ws.write_string(r + 2, 0, "东至县数据资源管理局 2024年11月20日")
            .unwrap();
    };
    let ws = wb.add_worksheet().set_name("事项基本信息").unwrap();
    ws.write_string(0, 0, "东至县政务服务事项实施清单").unwrap();
    ws.write_string(1, 0, "序号").unwrap();
    ws.write_string(2, 0, "一、东至县市场监督管理局（2项）")
        .unwrap();
    for (c, (header, a, b)) in ITEM_COLUMNS.iter().enumerate() {
        let c = c as u16 + 1;
        ws.write_string(1, c, *header).unwrap();
        ws.write_string(3, c, *a).unwrap();
        ws.write_string(4, c, *b).unwrap();
    }
    ws.write_number(3, 0, 1).unwrap();
    ws.write_number(4, 0, 2).unwrap();
    sign_off(ws, 6);
    let ws = wb.add_worksheet().set_name("申请材料").unwrap();
    for (c, h) in ["序号", "实施编码", "材料名称", "材料来源", "纸质材料份数"]
        .into_iter()
        .enumerate()
    {
        ws.write_string(0, c as u16, h).unwrap();
    }
    for (r, code) in [CODE_A, CODE_B].into_iter().enumerate() {
        let r = r as u32 + 1;
        ws.write_number(r, 0, f64::from(r)).unwrap();
        ws.write_string(r, 1, code).unwrap();
        ws.write_string(r, 2, "营业执照").unwrap();
        ws.write_string(r, 3, "申请人自备").unwrap();
        ws.write_string(r, 4, "1").unwrap();
    }
    sign_off(ws, 4);
    let ws = wb.add_worksheet().set_name("常见问题").unwrap();
    write_row(ws, 0, &["事项名称", "问题", "解答"]);
    let mut r = 1;
    for name in ["食品经营许可（新办）", "食品经营许可（变更）"] {
        for (q, a) in [
            ("许可证有效期是多久？", "食品经营许可证有效期为5年。"),
            ("可以委托他人代为办理吗？", "可以，受托人须携带授权委托书。"),
            ("需要到现场几次？", "全程网办的无需到现场。"),
        ] {
            write_row(ws, r, &[name, q, a]);
            r += 1;
        }
    }
    sign_off(ws, r + 1);
    wb.save(path).unwrap();
}

/// Should trip neither M01/M02/M08 on the last item (a sign-off read as its material) nor Q01 on
/// any (FAQs linked by name), and make no fake item or unit of a heading or a sign-off.
#[test]
fn a_clerks_workbook_reads_its_items_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("东至县事项清单.xlsx");
    clerk_workbook(&path);

    let report = check_all(&path);
    let read: Vec<(&str, &str)> = report
        .items
        .iter()
        .map(|i| (i.code.as_str(), i.unit.as_str()))
        .collect();
    assert_eq!(read, [(CODE_A, "东至县"), (CODE_B, "东至县")]);
    let charged: Vec<(&str, &str)> = report
        .findings
        .iter()
        .filter(|f| matches!(f.rule.as_str(), "M01" | "M02" | "Q01"))
        .map(|f| (f.rule.as_str(), f.message.as_str()))
        .collect();
    assert!(charged.is_empty(), "{charged:?}");
    // Both items list the same material and FAQs: the last is charged with nothing more.
    let rules = |code: &str| {
        let mut rules: Vec<&str> = report
            .findings
            .iter()
            .filter(|f| f.item_code == code)
            .map(|f| f.rule.as_str())
            .collect();
        rules.sort_unstable();
        rules
    };
    assert_eq!(rules(CODE_A), rules(CODE_B));
    let said: Vec<&str> = report.notices.iter().map(|n| n.message.as_str()).collect();
    for expected in [
        "表「事项基本信息」第 3 行是分组标题",
        "表「事项基本信息」第 7、8、9 行是表尾",
        "表「申请材料」第 5、6、7 行是表尾",
        "表「常见问题」没有「实施编码」列，已按事项名称",
    ] {
        assert!(
            said.iter().any(|m| m.contains(expected)),
            "{expected}: {said:?}"
        );
    }
}

/// A hand-made list whose 申请材料 column lists each item's materials in one cell, numbered and on
/// lines of their own, with no 申请材料 sheet. Should trip M01 on 「营业执照复印件」 (a medium in
/// the name) only, not 「事项未列出申请材料」 on every item as before.
#[test]
fn a_materials_column_listing_them_in_one_cell_gives_one_material_an_entry() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("东至县实施清单（手工填报）.csv");
    let mut wtr = csv::Writer::from_path(&path).unwrap();
    wtr.write_record([
        "实施编码",
        "事项名称",
        "实施主体",
        "办理地点",
        "咨询电话",
        "申请材料",
    ])
    .unwrap();
    wtr.write_record([
        CODE_A,
        "食品经营许可（新办）",
        "东至县市场监督管理局",
        "东至县尧渡镇建设路8号政务服务中心3号窗口",
        "0566-7021234",
        "1.食品经营许可申请书；\n2.营业执照复印件；\n3.法定代表人身份证明",
    ])
    .unwrap();
    wtr.write_record([
        CODE_B,
        "食品经营许可（变更）",
        "东至县市场监督管理局",
        "东至县尧渡镇建设路8号政务服务中心3号窗口",
        "0566-7021234",
        "（1）食品经营许可变更申请书 （2）食品经营许可证正副本",
    ])
    .unwrap();
    wtr.flush().unwrap();

    let r = read(std::slice::from_ref(&path));
    let got = r.material_names();
    assert_eq!(
        got,
        [
            vec!["食品经营许可申请书", "营业执照复印件", "法定代表人身份证明"],
            vec!["食品经营许可变更申请书", "食品经营许可证正副本"],
        ]
    );
    r.notice("拆成 5 条材料", NoticeLevel::Info, &[]);
    assert_eq!(
        findings_of(&path, "M01"),
        [(CODE_A.to_owned(), "营业执照复印件".to_owned())]
    );
}

/// Should not trip M01 「事项未列出申请材料」 on every item of one file, nor call its 申请材料
/// column unrecognised: two CSV exports in one run (one UTF-8 with BOM, one GBK), each listing
/// an item's materials in one cell. All CSV files of a run are one workbook, and the column was
/// looked for only until the first file's was read (h27's iso2 and iso3).
#[test]
fn two_csv_exports_each_have_their_materials_column_read() {
    let dir = tempfile::tempdir().unwrap();
    let header = "实施编码,事项名称,实施主体,办理地点,咨询电话,申请材料\n";
    let row = |code: &str, name: &str, materials: &str| {
        format!(
            "{code},{name},东至县市场监督管理局,东至县尧渡镇建设路8号政务服务中心3号窗口,0566-7021234,\"{materials}\"\n"
        )
    };
    let a = dir.path().join("导出-utf8bom.csv");
    let text = format!(
        "\u{feff}{header}{}",
        row(
            CODE_A,
            "食品经营许可（新办）",
            "1.食品经营许可申请书；2.营业执照"
        )
    );
    std::fs::write(&a, text).unwrap();
    let b = dir.path().join("导出-gbk.csv");
    let text = format!(
        "{header}{}",
        row(
            CODE_B,
            "食品经营许可（变更）",
            "1.食品经营许可变更申请书；2.食品经营许可证正副本；3.营业执照"
        )
    );
    std::fs::write(&b, encoding_rs::GBK.encode(&text).0).unwrap();

    let paths = [a, b];
    let r = read(&paths);
    assert_eq!(
        r.material_names(),
        [
            vec!["食品经营许可申请书", "营业执照"],
            vec!["食品经营许可变更申请书", "食品经营许可证正副本", "营业执照"],
        ]
    );
    let split = r
        .notices
        .iter()
        .filter(|n| n.message.contains("在一格中列出"))
        .count();
    assert_eq!(split, 2, "{:#?}", r.notices);
    assert!(
        r.notices
            .iter()
            .all(|n| !n.message.contains("不是可识别的要素")),
        "{:#?}",
        r.notices
    );
    let mut records = Vec::new();
    read_inputs(&paths, &mut |r| records.push(r));
    let report = check_records(
        records,
        &RuleSet::default(),
        &CheckContext::default(),
        RunInfo::default(),
    );
    let m01: Vec<&str> = report
        .findings
        .iter()
        .filter(|f| f.rule == "M01")
        .map(|f| f.message.as_str())
        .collect();
    assert!(m01.iter().all(|m| !m.contains("事项未列出")), "{m01:?}");
}
