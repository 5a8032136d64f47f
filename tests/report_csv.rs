//! The findings CSV: UTF-8 with BOM, the 问题清单 columns in the all-units workbook's order,
//! formulas neutralised.

mod report_fixture;

use std::io::Cursor;

use calamine::{Reader, Xlsx, open_workbook_from_rs};
use report_fixture::{CODE, FORMULA_NAME, report};
use zwfw_audit::report::csv::{BOM, UNIT_HEADER, write};
use zwfw_audit::report::fixlist::{FINGERPRINT_HEADER, HEADERS};
use zwfw_audit::report::view::Views;
use zwfw_audit::report::xlsx::{self, Scope};

fn rows() -> (Vec<u8>, Vec<Vec<String>>) {
    let mut out = Vec::new();
    write(&report(), &mut out).unwrap();
    let body = out
        .strip_prefix(BOM)
        .expect("starts with the UTF-8 BOM")
        .to_vec();
    let rows = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(body.as_slice())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    (out, rows)
}

#[test]
fn starts_with_bom_and_has_the_fix_list_columns() {
    let (bytes, rows) = rows();
    assert_eq!(&bytes[..3], b"\xEF\xBB\xBF");
    let mut expected: Vec<&str> = HEADERS.to_vec();
    expected.extend([UNIT_HEADER, FINGERPRINT_HEADER]);
    assert_eq!(rows[0], expected);
    assert_eq!(rows.len(), 1 + report().findings.len());
    let col = |h: &str| HEADERS.iter().position(|x| *x == h).unwrap();
    let market = rows
        .iter()
        .find(|r| r[col("实施编码")] == CODE && r[col("原文")] == "12345")
        .expect("the hotline finding");
    assert_eq!(market[col("严重程度")], "错误");
    assert_eq!(market[col("实施主体")], "池州市市场监督管理局");
    assert_eq!(market[HEADERS.len()], "池州市市场监督管理局");
}

/// 序号 and 指纹 name the same finding in the CSV and in the all-units workbook: the rows are in
/// the same order, unit by unit (before, the CSV kept the report's order and every 序号 differed).
#[test]
fn rows_are_in_the_all_units_workbooks_order() {
    let (_, rows) = rows();
    let report = report();
    let views = Views::of(&report);
    let scope = Scope {
        title: "全部单位".into(),
        units: views.units.iter().collect(),
        unreadable: Vec::new(),
        all: true,
    };
    let bytes = xlsx::to_bytes(&report, &scope).unwrap();
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).unwrap();
    let list = book.worksheet_range("问题清单").unwrap();
    let fingerprint = HEADERS.len() + 1;
    let in_xlsx: Vec<(String, String)> = (1..list.height())
        .map(|r| {
            (
                list.get((r, 0)).unwrap().to_string(),
                list.get((r, fingerprint)).unwrap().to_string(),
            )
        })
        .collect();
    let in_csv: Vec<(String, String)> = rows[1..]
        .iter()
        .map(|r| (r[0].clone(), r[fingerprint].clone()))
        .collect();
    assert_eq!(in_csv, in_xlsx);
    let units: Vec<&str> = rows[1..]
        .iter()
        .map(|r| r[HEADERS.len()].as_str())
        .collect();
    let mut grouped = units.clone();
    grouped.dedup();
    let mut distinct = grouped.clone();
    distinct.sort_unstable();
    distinct.dedup();
    assert_eq!(grouped.len(), distinct.len(), "unit by unit: {units:?}");
}

#[test]
fn formulas_are_neutralised() {
    let (_, rows) = rows();
    let cells: Vec<&str> = rows.iter().flatten().map(String::as_str).collect();
    let guarded = format!("'{FORMULA_NAME}");
    for expected in [
        guarded.as_str(),
        "'=1+2",
        "'@SUM(A1:A9)",
        "'-12345",
        "'+0566 7021234",
    ] {
        assert!(cells.contains(&expected), "{expected:?} not found");
    }
    for &cell in &cells {
        // The one formula written is the tool's own `="000104002000"`, which shows a code Excel
        // would turn into a number as its text: digits and the like, no function, no reference.
        let text_of_number = cell
            .strip_prefix("=\"")
            .and_then(|c| c.strip_suffix('"'))
            .is_some_and(|c| {
                !c.is_empty()
                    && c.chars()
                        .all(|ch| ch.is_ascii_digit() || ".eE+-/:".contains(ch))
            });
        assert!(
            text_of_number
                || !matches!(
                    cell.chars().next(),
                    Some('=' | '+' | '-' | '@' | '\t' | '\r')
                ),
            "{cell:?}"
        );
    }
    assert!(
        cells.contains(&"=\"000104002000\""),
        "the 基本编码 in 原文 keeps its leading zeros"
    );
}
