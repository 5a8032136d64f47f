//! The findings CSV: UTF-8 with BOM, the 问题清单 columns, formulas neutralised.

mod report_fixture;

use report_fixture::{CODE, FORMULA_NAME, report};
use zwfw_audit::report::csv::{BOM, UNIT_HEADER, write};
use zwfw_audit::report::fixlist::HEADERS;

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
    expected.push(UNIT_HEADER);
    assert_eq!(rows[0], expected);
    assert_eq!(rows.len(), 1 + report().findings.len());
    let first = &rows[1];
    assert_eq!(first[0], "1");
    assert_eq!(first[2], CODE);
    assert_eq!(first[8], "错误");
    assert_eq!(first[11], "池州市市场监督管理局");
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
    for cell in cells {
        assert!(
            !matches!(
                cell.chars().next(),
                Some('=' | '+' | '-' | '@' | '\t' | '\r')
            ),
            "{cell:?}"
        );
    }
}
