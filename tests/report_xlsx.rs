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

/// The row of 问题清单 whose 原文 (column 7) is `evidence`.
fn finding_row(range: &Range<Data>, evidence: &str) -> usize {
    (1..range.height())
        .find(|&r| range.get((r, 6)) == Some(&Data::String(evidence.into())))
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
    // The all-units list names each row's unit after the fixed columns.
    let mut headers = HEADERS.to_vec();
    headers.push("考核单位");
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
    assert_eq!(row[1], "食品经营许可");
    assert_eq!(row[2], CODE);
    assert_eq!(row[3], "咨询电话");
    assert_eq!(row[4], "B13");
    assert!(row[5].starts_with("咨询电话只有政务服务热线"), "{row:?}");
    assert_eq!(
        row[7],
        "填写受理部门有人接听的咨询电话（带区号），如 0566-2021234"
    );
    assert_eq!(row[8], "错误");
    assert_eq!(row[9], "", "复核结果 is left for the assessor");
    assert_eq!(row[10], "", "整改情况 is left for the clerk");
}

#[test]
fn codes_stay_text() {
    let mut book = open(&all_units_bytes());
    let findings = sheet(&mut book, "问题清单");
    let r = finding_row(&findings, NUMERIC_EVIDENCE);
    assert_eq!(findings.get((r, 2)), Some(&Data::String(CODE.into())));
    assert_eq!(
        findings.get((r, 6)),
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
    assert_eq!(findings.get((r, 8)), Some(&Data::String("提示".into())));
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
    let last = 1 + report().findings.len();
    assert!(
        xml.contains(&format!(r#"<autoFilter ref="A1:L{last}"/>"#)),
        "{xml}"
    );
    assert!(xml.contains(&format!(r#"sqref="J2:J{last}""#)), "{xml}");
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
