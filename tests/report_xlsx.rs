//! The Excel fix lists read back with calamine (values, types) and opened as a zip (raw sheet
//! XML: no formulas, frozen header, autofilter, the 复核结果 dropdown).

mod report_fixture;

use std::io::{Cursor, Read};

use calamine::{Data, Range, Reader, Xlsx, open_workbook_from_rs};
use report_fixture::{CODE, COUNTY, FORMULA_NAME, MARKET, NUMERIC_EVIDENCE, report};
use zwfw_audit::report::fixlist::HEADERS;
use zwfw_audit::report::output::{ALL_UNITS_XLSX, Format, write_dir};
use zwfw_audit::report::view::Views;
use zwfw_audit::report::xlsx::{self, SHEETS, Scope};

fn all_units_bytes() -> Vec<u8> {
    let report = report();
    let views = Views::of(&report);
    let scope = Scope {
        title: "全部单位".into(),
        units: views.units.iter().collect(),
        unreadable: views.unreadable.clone(),
        all: true,
    };
    xlsx::to_bytes(&report, &scope).unwrap()
}

fn open(bytes: &[u8]) -> Xlsx<Cursor<Vec<u8>>> {
    open_workbook_from_rs(Cursor::new(bytes.to_vec())).unwrap()
}

fn sheet(book: &mut Xlsx<Cursor<Vec<u8>>>, name: &str) -> Range<Data> {
    book.worksheet_range(name).unwrap()
}

fn row_strings(range: &Range<Data>, row: usize) -> Vec<String> {
    (0..range.width())
        .map(|c| {
            range
                .get((row, c))
                .map(ToString::to_string)
                .unwrap_or_default()
        })
        .collect()
}

/// The column of 问题清单 with this header.
fn col(header: &str) -> usize {
    HEADERS.iter().position(|h| *h == header).unwrap()
}

/// The row of 问题清单 whose 原文 is `evidence`.
fn finding_row(range: &Range<Data>, evidence: &str) -> usize {
    (1..range.height())
        .find(|&r| range.get((r, col("原文"))) == Some(&Data::String(evidence.into())))
        .unwrap_or_else(|| panic!("no row with 原文 {evidence:?}"))
}

/// The row of 事项 whose 实施编码 (column 4) is `code`.
fn item_row(range: &Range<Data>, code: &str) -> usize {
    (1..range.height())
        .find(|&r| range.get((r, 3)) == Some(&Data::String(code.into())))
        .unwrap_or_else(|| panic!("no item {code}"))
}

fn raw_parts(bytes: &[u8]) -> Vec<(String, String)> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes.to_vec())).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut text = String::new();
            f.read_to_string(&mut text).unwrap();
            (f.name().unwrap().into_owned(), text)
        })
        .collect()
}

#[test]
fn sheets_and_headers_are_the_fix_list() {
    let mut book = open(&all_units_bytes());
    assert_eq!(book.sheet_names(), SHEETS);
    let findings = sheet(&mut book, "问题清单");
    // The all-units list names each row's unit after the fixed columns; the fingerprint ends it.
    let mut headers = HEADERS.to_vec();
    headers.extend(["考核单位", "指纹"]);
    assert_eq!(row_strings(&findings, 0), headers);
    assert_eq!(findings.height(), 1 + report().findings.len());
    let items = sheet(&mut book, "事项");
    // Six checked items and the unreadable one.
    assert_eq!(items.height(), 1 + 7);
}

#[test]
fn a_finding_row_has_every_column_and_empty_review_cells() {
    let mut book = open(&all_units_bytes());
    let findings = sheet(&mut book, "问题清单");
    let r = finding_row(&findings, "12345");
    let row = row_strings(&findings, r);
    let cell = |h: &str| row[col(h)].as_str();
    assert_eq!(cell("事项名称"), "食品经营许可");
    assert_eq!(cell("实施编码"), CODE);
    assert_eq!(cell("实施主体"), MARKET);
    assert_eq!(cell("要素"), "咨询电话");
    assert_eq!(cell("规则"), "B13");
    assert!(
        cell("问题描述").starts_with("咨询电话只有政务服务热线"),
        "{row:?}"
    );
    assert_eq!(
        cell("整改建议"),
        "填写受理部门有人接听的咨询电话（带区号），如 0566-2021234"
    );
    assert_eq!(cell("严重程度"), "错误");
    for fill_in in ["整改情况", "是否有异议", "异议理由", "复核结果"] {
        assert_eq!(cell(fill_in), "", "{fill_in} is left empty");
    }
    assert_eq!(row[HEADERS.len()], MARKET, "考核单位");
    let fingerprint = &row[HEADERS.len() + 1];
    assert_eq!(fingerprint.len(), 16, "{row:?}");
    assert!(fingerprint.bytes().all(|b| b.is_ascii_hexdigit()));
}

#[test]
fn codes_stay_text() {
    let mut book = open(&all_units_bytes());
    let findings = sheet(&mut book, "问题清单");
    let r = finding_row(&findings, NUMERIC_EVIDENCE);
    assert_eq!(
        findings.get((r, col("实施编码"))),
        Some(&Data::String(CODE.into()))
    );
    assert_eq!(
        findings.get((r, col("原文"))),
        Some(&Data::String(NUMERIC_EVIDENCE.into()))
    );
    let items = sheet(&mut book, "事项");
    let r = item_row(&items, CODE);
    assert_eq!(items.get((r, 3)), Some(&Data::String(CODE.into())));
}

#[test]
fn formula_like_values_are_guarded_strings_not_formulas() {
    let bytes = all_units_bytes();
    let mut book = open(&bytes);
    let findings = sheet(&mut book, "问题清单");
    let r = finding_row(&findings, "'=1+2");
    assert_eq!(
        findings.get((r, 1)),
        Some(&Data::String(format!("'{FORMULA_NAME}")))
    );
    let r = finding_row(&findings, "'@SUM(A1:A9)");
    assert_eq!(
        findings.get((r, col("严重程度"))),
        Some(&Data::String("提示".into()))
    );
    finding_row(&findings, "'-12345");
    finding_row(&findings, report_fixture::CONTROL_EVIDENCE);
    finding_row(&findings, "'+0566 7021234");
    let formulas = book.worksheet_formula("问题清单").unwrap();
    assert!(
        formulas.cells().all(|(_, _, f)| f.is_empty()),
        "calamine found a formula"
    );
    for (name, xml) in raw_parts(&bytes) {
        if name.starts_with("xl/worksheets/") {
            assert!(
                !xml.contains("<f>") && !xml.contains("<f "),
                "{name} has a formula element"
            );
        }
    }
}

#[test]
fn header_is_frozen_filtered_and_review_has_a_dropdown() {
    let parts = raw_parts(&all_units_bytes());
    let xml = &parts
        .iter()
        .find(|(n, _)| n == "xl/worksheets/sheet2.xml")
        .expect("问题清单 is the second sheet")
        .1;
    assert!(
        xml.contains(r#"<pane ySplit="1" topLeftCell="A2""#),
        "{xml}"
    );
    // Printed on A4 landscape, the header repeated on every page.
    assert!(
        xml.contains(r#"<pageSetup paperSize="9""#) && xml.contains(r#"orientation="landscape""#),
        "{xml}"
    );
    let workbook_xml = &parts
        .iter()
        .find(|(n, _)| n == "xl/workbook.xml")
        .unwrap()
        .1;
    assert!(
        workbook_xml.contains("_xlnm.Print_Titles"),
        "{workbook_xml}"
    );
    let last = 1 + report().findings.len();
    // 14 columns, 考核单位 and 指纹: A to P.
    assert!(
        xml.contains(&format!(r#"<autoFilter ref="A1:P{last}"/>"#)),
        "{xml}"
    );
    // 是否有异议 (L) and 复核结果 (N) are dropdowns.
    assert_eq!(col("是否有异议"), 11);
    assert_eq!(col("复核结果"), 13);
    assert!(xml.contains(&format!(r#"sqref="L2:L{last}""#)), "{xml}");
    assert!(xml.contains("<formula1>\"无,有\"</formula1>"), "{xml}");
    assert!(xml.contains(&format!(r#"sqref="N2:N{last}""#)), "{xml}");
    assert!(xml.contains("<formula1>\"确认,驳回\"</formula1>"), "{xml}");
    // Columns are sized for CJK text: 事项名称 (B) is wider than its 4-character header.
    let width_b = xml
        .split("<col ")
        .find(|c| c.starts_with(r#"min="2" max="2""#))
        .expect("column B has a width");
    let w: f64 = width_b
        .split("width=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!(w > 20.0, "column B width {w}");
}

#[test]
fn summary_shows_scores_or_unscored() {
    let mut book = open(&all_units_bytes());
    let summary = sheet(&mut book, "汇总");
    let rows: Vec<Vec<String>> = (0..summary.height())
        .map(|r| row_strings(&summary, r))
        .collect();
    let unit_row = |name: &str| {
        rows.iter()
            .find(|r| r[0] == name)
            .unwrap_or_else(|| panic!("no row for {name}"))
    };
    let market = unit_row(MARKET);
    assert_eq!(market[1], "市直部门");
    assert_eq!(market[7], "要素出错率");
    assert_eq!(market[10], "14");
    let score: f64 = market[11].parse().unwrap();
    assert!(
        (score - 14.0 * (1.0 - 3.0 / 9.0)).abs() < 1e-9,
        "{market:?}"
    );
    assert_eq!(unit_row(COUNTY)[10], "8");
    let hostile = rows.iter().find(|r| r[0].starts_with("东至县")).unwrap();
    assert_eq!(hostile[11], "未评分");
    assert!(rows.iter().any(|r| r[0].contains("另有 1 个事项无法读取")));
    // Counts by element: B15 failed on three items, B14 on one.
    let b15 = rows.iter().find(|r| r[0] == "B15").unwrap();
    assert_eq!(&b15[1..7], ["电话准确性", "基本信息", "5", "2", "3", "1"]);
}

#[test]
fn item_sheet_lists_unreadable_items_with_reason() {
    let mut book = open(&all_units_bytes());
    let items = sheet(&mut book, "事项");
    let last = row_strings(&items, items.height() - 1);
    assert_eq!(last[2], "医疗器械经营许可");
    assert_eq!(last[5], "无法读取");
    assert!(last[6].starts_with("字段类型错误"), "{last:?}");
    let first = row_strings(&items, item_row(&items, CODE));
    assert_eq!(first[2], "食品经营许可");
    assert_eq!(
        &first[7..12],
        ["1", "2", "0", "2", "0"],
        "pass, fail, n/a, errors, warnings"
    );
}

#[test]
fn output_folder_has_one_workbook_per_unit_and_one_for_all() {
    let dir = tempfile::tempdir().unwrap();
    let report = report();
    let written = write_dir(&report, dir.path(), &[Format::Xlsx]).unwrap();
    let mut names: Vec<String> = written
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "整改清单-东至县__script__script_alert(3)__script_.xlsx",
            "整改清单-全部.xlsx",
            "整改清单-池州市市场监督管理局.xlsx",
            "整改清单-贵池区.xlsx",
        ]
    );
    assert!(dir.path().join(ALL_UNITS_XLSX).exists());
    let bytes = std::fs::read(dir.path().join("整改清单-贵池区.xlsx")).unwrap();
    let mut book = open(&bytes);
    let findings = sheet(&mut book, "问题清单");
    assert_eq!(findings.height(), 1 + 2, "only 贵池区's two findings");
    assert!((1..3).all(|r| row_strings(&findings, r)[2].starts_with("11341702")));
    let items = sheet(&mut book, "事项");
    assert_eq!(
        items.height(),
        1 + 2,
        "only 贵池区's items, no unreadable ones"
    );
}

#[test]
fn the_same_report_gives_the_same_workbook() {
    let bytes = all_units_bytes();
    assert_eq!(bytes, all_units_bytes());
    let core = raw_parts(&bytes)
        .into_iter()
        .find(|(n, _)| n == "docProps/core.xml")
        .unwrap()
        .1;
    // The report's own time, not the time of writing.
    assert!(
        core.contains(">2026-11-28T15:59:59Z</dcterms:created>"),
        "{core}"
    );
    assert!(
        core.contains("<dc:title>实施清单整改清单 — 全部单位</dc:title>"),
        "{core}"
    );
}

/// A unit's workbook is the clerk's: 整改情况, 是否有异议 (a 有/无 dropdown) and 异议理由 to fill,
/// each header with a note saying who fills it, and no 复核结果 to pick 驳回 in by mistake. Its
/// 汇总 shows the problems met reading the export, which explain findings that are not the
/// platform's.
#[test]
fn a_units_workbook_has_the_clerks_columns_and_the_export_problems() {
    let dir = tempfile::tempdir().unwrap();
    let mut report = report();
    report.notices.push(zwfw_audit::source::Notice {
        level: zwfw_audit::source::NoticeLevel::Warning,
        provenance: zwfw_audit::model::Provenance::sheet_row(
            "/srv/zwfw/exports/2026-11-29/池州市事项导出.xlsx",
            "基本信息",
            2,
        ),
        message: "表「基本信息」的「咨询电话」列有 3 个单元格是数字格式：数字不能以 0 开头，区号的 0 已被 Excel 去掉".into(),
    });
    write_dir(&report, dir.path(), &[Format::Xlsx]).unwrap();
    let bytes = std::fs::read(dir.path().join("整改清单-贵池区.xlsx")).unwrap();
    let mut book = open(&bytes);
    let findings = sheet(&mut book, "问题清单");
    let mut headers = HEADERS[..col("复核结果")].to_vec();
    headers.push("指纹");
    assert_eq!(row_strings(&findings, 0), headers);
    assert_eq!(
        row_strings(&findings, 1)[col("实施主体")],
        "贵池区市场监督管理局"
    );

    let parts = raw_parts(&bytes);
    let xml = &parts
        .iter()
        .find(|(n, _)| n == "xl/worksheets/sheet2.xml")
        .unwrap()
        .1;
    assert!(xml.contains("<formula1>\"无,有\"</formula1>"), "{xml}");
    assert!(!xml.contains("确认,驳回"), "no assessor's dropdown: {xml}");
    let notes: String = parts
        .iter()
        .filter(|(n, _)| n.starts_with("xl/comments"))
        .map(|(_, x)| x.as_str())
        .collect();
    assert!(
        notes.contains("责任单位填写：认为这条问题不成立时选「有」"),
        "{notes}"
    );
    assert!(!notes.contains("考核人员填写"), "{notes}");

    let summary = sheet(&mut book, "汇总");
    let text: Vec<String> = (0..summary.height())
        .flat_map(|r| row_strings(&summary, r))
        .collect();
    assert!(
        text.iter()
            .any(|t| t.contains("在「是否有异议」中选「有」"))
    );
    assert!(
        text.iter().any(|t| t == "读取导出文件时发现的问题"),
        "{text:?}"
    );
    assert!(text.iter().any(|t| t.contains("区号的 0 已被 Excel 去掉")));
    // The clerk sees the file, not the server's folders; the assessor's workbook keeps them.
    assert!(
        text.iter()
            .any(|t| t.starts_with("池州市事项导出.xlsx 表「基本信息」第2行 — ")),
        "{text:?}"
    );
    assert!(!text.iter().any(|t| t.contains("/srv/")), "{text:?}");
    let mut all = open(&std::fs::read(dir.path().join("整改清单-全部.xlsx")).unwrap());
    let summary = sheet(&mut all, "汇总");
    assert!(
        (0..summary.height())
            .flat_map(|r| row_strings(&summary, r))
            .any(|t| t.starts_with("/srv/zwfw/exports/2026-11-29/池州市事项导出.xlsx 表")),
        "the assessor's workbook names the file in full"
    );
}

/// 规则说明 explains every rule the 问题清单 cites, and no other, in plain Chinese.
#[test]
fn rules_sheet_explains_the_cited_rules() {
    let mut book = open(&all_units_bytes());
    let rules = sheet(&mut book, "规则说明");
    assert_eq!(
        row_strings(&rules, 0),
        [
            "规则",
            "要素",
            "严重程度",
            "检查内容",
            "依据",
            "示例",
            "整改方法"
        ]
    );
    let mut cited: Vec<String> = report().findings.iter().map(|f| f.rule.clone()).collect();
    cited.sort();
    cited.dedup();
    let mut listed: Vec<String> = (1..rules.height())
        .map(|r| row_strings(&rules, r)[0].clone())
        .collect();
    listed.sort();
    assert_eq!(listed, cited);
    let b13 = (1..rules.height())
        .map(|r| row_strings(&rules, r))
        .find(|r| r[0] == "B13")
        .unwrap();
    assert_eq!(b13[1], "咨询电话");
    assert!(b13[4].starts_with("附录"), "{b13:?}");
    assert!(
        !b13.iter()
            .any(|c| c.contains('`') || c.contains("What it checks"))
    );
}

/// The `s` (style index) of cell `r` (e.g. `K1`) in a sheet's XML.
fn style_of(xml: &str, r: &str) -> String {
    let at = xml
        .find(&format!(r#"<c r="{r}""#))
        .unwrap_or_else(|| panic!("no cell {r}"));
    let tag = &xml[at..at + xml[at..].find('>').unwrap()];
    tag.split(r#" s=""#)
        .nth(1)
        .map_or_else(String::new, |s| s.split('"').next().unwrap().to_owned())
}

/// A clerk prints the list to work from it: on A4 landscape the 问题清单 is fitted two pages
/// wide (one page would shrink 14 columns to unreadable type), the two halves of a band of rows
/// print one after the other, 序号 and the header row repeat, cell lines print (the cells have no
/// borders), and every page says whose list it is and which page of how many.
#[test]
fn the_fix_list_prints_readably_on_a4() {
    let parts = raw_parts(&all_units_bytes());
    let part = |name: &str| {
        &parts
            .iter()
            .find(|(n, _)| n == name)
            .unwrap_or_else(|| panic!("no part {name}"))
            .1
    };
    for sheet in 1..=4 {
        let xml = part(&format!("xl/worksheets/sheet{sheet}.xml"));
        for wanted in [
            r#"<pageSetUpPr fitToPage="1"/>"#,
            r#"<printOptions gridLines="1"/>"#,
            r#"paperSize="9""#,
            r#"orientation="landscape""#,
            r#"fitToHeight="0""#,
            r#"pageOrder="overThenDown""#,
            "<oddHeader>&amp;L实施清单整改清单 — 全部单位&amp;R运行 ",
            "<oddFooter>&amp;L&amp;A&amp;C第 &amp;P 页，共 &amp;N 页</oddFooter>",
        ] {
            assert!(xml.contains(wanted), "sheet{sheet} lacks {wanted}: {xml}");
        }
    }
    assert!(part("xl/worksheets/sheet2.xml").contains(r#"fitToWidth="2""#));
    // 序号 (column A) and the header row on every printed page.
    assert!(
        part("xl/workbook.xml").contains("问题清单!$A:$A,问题清单!$1:$1"),
        "{}",
        part("xl/workbook.xml")
    );
    // 问题描述, 原文 and 整改建议 wrap within 40 characters, so two pages hold the row.
    let xml = part("xl/worksheets/sheet2.xml");
    for c in ["7", "8", "9"] {
        let def = xml
            .split("<col ")
            .find(|d| d.starts_with(&format!(r#"min="{c}""#)))
            .unwrap_or_else(|| panic!("column {c} has a width: {xml}"));
        let w: f64 = def
            .split("width=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        assert!(w <= 41.0, "column {c} is {w} wide");
    }
}

/// Which columns are the reader's to fill is seen at a glance, not only in the header notes: the
/// headers of 整改情况, 是否有异议, 异议理由 — and 复核结果 in the assessor's workbook — are
/// yellow, and so are their cells; in a unit's list 复核结果 is absent and nothing else is yellow.
#[test]
fn the_columns_to_fill_in_are_yellow() {
    let parts = raw_parts(&all_units_bytes());
    let sheet = &parts
        .iter()
        .find(|(n, _)| n == "xl/worksheets/sheet2.xml")
        .unwrap()
        .1;
    let styles = &parts.iter().find(|(n, _)| n == "xl/styles.xml").unwrap().1;
    assert!(
        styles.contains("FFFFD966") && styles.contains("FFFFF2CC"),
        "{styles}"
    );
    let header = style_of(sheet, "B1");
    let fill = style_of(sheet, "K1");
    assert_ne!(header, fill, "整改情况's header differs from 事项名称's");
    for c in ["L1", "M1", "N1"] {
        assert_eq!(style_of(sheet, c), fill, "{c}");
    }
    assert_ne!(style_of(sheet, "O1"), fill, "考核单位 is not filled in");
    let cell = style_of(sheet, "L2");
    assert_ne!(cell, style_of(sheet, "B2"), "是否有异议's cells are marked");
    assert_eq!(
        style_of(sheet, "N2"),
        cell,
        "复核结果's cells are the assessor's to fill"
    );

    // A unit's list: the three columns of the clerk, nothing of the assessor.
    let dir = tempfile::tempdir().unwrap();
    write_dir(&report(), dir.path(), &[Format::Xlsx]).unwrap();
    let bytes = std::fs::read(dir.path().join(format!("整改清单-{COUNTY}.xlsx"))).unwrap();
    let parts = raw_parts(&bytes);
    let sheet = &parts
        .iter()
        .find(|(n, _)| n == "xl/worksheets/sheet2.xml")
        .unwrap()
        .1;
    let fill = style_of(sheet, "K1");
    assert_ne!(style_of(sheet, "J1"), fill);
    assert_eq!(style_of(sheet, "M1"), fill);
    assert_ne!(style_of(sheet, "N1"), fill, "指纹 is not to be filled in");
}
