//! Unit tests of reading tables: CSV encodings and row numbers, finding the header and the
//! sheet, workbooks under other names or damaged, cells as the export reader shows them, and a
//! 实施编码 Excel turned into a number named as such.

use std::path::Path;

use super::*;

#[test]
fn a_code_excel_turned_into_a_number_is_named_as_such() {
    assert!(unknown_code("1.13417E+30").contains("已被 Excel 转成科学计数法"));
    assert!(unknown_code("1.1341700003125E+30").contains("科学计数法"));
    assert_eq!(
        unknown_code("11341700MB1234567E3000104002000"),
        "实施编码 \"11341700MB1234567E3000104002000\" 不在报告中，已跳过"
    );
    assert!(!unknown_code("9999").contains("科学计数法"));
}

#[test]
fn csv_with_bom_or_gbk_reads_the_same() {
    let utf8 = "\u{feff}实施编码,复核结果\n11341700MB1234567X3000104002000,驳回\n";
    let t = parse_csv("a.csv", utf8.as_bytes(), CODE).unwrap();
    assert_eq!(t.column(&["实施编码"]), Some(0));
    assert_eq!(
        t.rows,
        vec![(
            2,
            vec!["11341700MB1234567X3000104002000".into(), "驳回".into()]
        )]
    );
    let (gbk, _, _) = encoding_rs::GBK.encode(&utf8[3..]);
    let t2 = parse_csv("a.csv", &gbk, CODE).unwrap();
    assert_eq!(t2.rows, t.rows);
    assert_eq!(t2.issue(2, "x").place.to_string(), "a.csv 第2行");
}

/// Rows are numbered as Excel and WPS show them, whatever the line ends (they save CRLF on
/// Windows): a blank line is a row, a cell over two lines is one.
#[test]
fn csv_rows_are_numbered_as_excel_shows_them() {
    let rows = |text: &str| -> Vec<u64> {
        let t = parse_csv("复核.csv", text.as_bytes(), CODE).unwrap();
        t.rows.iter().map(|r| r.0).collect()
    };
    let lf = "实施编码,复核结果\n1134,确认\n1135,驳回\n";
    assert_eq!(rows(lf), [2, 3]);
    assert_eq!(rows(&lf.replace('\n', "\r\n")), [2, 3]);
    let gaps = "实施编码,复核结果\r\n\r\n1134,确认\r\n1135,\"驳回\r\n（重复）\"\r\n1136,确认\r\n";
    assert_eq!(rows(gaps), [3, 4, 5]);
}

/// A title above the header (as assessors add to a printed list) is skipped: the header is
/// the first row with the key column. Without one, the first row is the header, and the
/// missing column is reported with where it was looked for.
#[test]
fn the_header_is_the_first_row_with_the_key_column() {
    let text = "池州市2026年实施清单复核表\n复核人：张三,日期：2026-11-27\n实施编码,规则,复核结果\n1134,B09,确认\n";
    let t = parse_csv("复核.csv", text.as_bytes(), CODE).unwrap();
    assert_eq!(t.headers, ["实施编码", "规则", "复核结果"]);
    assert_eq!(
        t.rows,
        [(4, vec!["1134".into(), "B09".into(), "确认".into()])]
    );
    let t = parse_csv(
        "复核.csv",
        "事项名称,复核结果\n食品经营许可,确认\n".as_bytes(),
        CODE,
    )
    .unwrap();
    assert_eq!(t.headers, ["事项名称", "复核结果"]);
    assert_eq!(
        t.require(CODE).unwrap_err().to_string(),
        "复核.csv 缺少「实施编码」列（表头在前 10 行中查找）"
    );
}

/// The named sheet when there is one; otherwise the first sheet with the key column (the
/// fix list's 问题清单 renamed by the assessor), not the 汇总 sheet before it.
#[test]
fn a_renamed_sheet_is_found_by_its_key_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("整改清单-全部.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let summary = wb.add_worksheet().set_name("汇总").unwrap();
    summary.write(0, 0, "考核单位").unwrap();
    summary.write(1, 0, "贵池区").unwrap();
    let list = wb.add_worksheet().set_name("问题清单（复核）").unwrap();
    list.write(0, 0, "贵池区整改清单").unwrap();
    for (c, h) in ["实施编码", "规则", "复核结果"].iter().enumerate() {
        list.write(2, c as u16, *h).unwrap();
    }
    for (c, v) in ["1134", "B09", "驳回"].iter().enumerate() {
        list.write(3, c as u16, *v).unwrap();
    }
    wb.save(&path).unwrap();

    let t = read_table(&path, Some("问题清单"), CODE).unwrap();
    assert_eq!(t.sheet.as_deref(), Some("问题清单（复核）"));
    assert_eq!(
        t.rows,
        [(4, vec!["1134".into(), "B09".into(), "驳回".into()])]
    );
    let err = read_table(&path, None, &["考核单位类型"])
        .unwrap()
        .require(&["考核单位类型"])
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "{} 表「汇总」缺少「考核单位类型」列（表头在前 10 行中查找）",
            path.display()
        )
    );
}

/// A review list as the fix list writes it, saved to `path` whatever its name.
fn write_review_xlsx(path: &Path) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet().set_name("问题清单").unwrap();
    for (c, h) in ["实施编码", "规则", "复核结果"].iter().enumerate() {
        ws.write(0, c as u16, *h).unwrap();
    }
    for (c, v) in ["11341721MB1234567X4000117035000", "M01", "驳回"]
        .iter()
        .enumerate()
    {
        ws.write(1, c as u16, *v).unwrap();
    }
    wb.save(path).unwrap();
}

/// Files are opened by what they hold, as `check` opens exports: an .xlsx saved under an
/// `.xls` name (WPS 另存为, mail gateways) or a `.csv` name, and an HTML table saved as `.xls`.
#[test]
fn a_workbook_under_another_name_is_read_by_its_content() {
    let dir = tempfile::tempdir().unwrap();
    let expected = [(
        2,
        vec![
            "11341721MB1234567X4000117035000".to_owned(),
            "M01".to_owned(),
            "驳回".to_owned(),
        ],
    )];
    for name in ["复核（WPS另存）.xls", "复核.et", "复核.csv"] {
        let path = dir.path().join(name);
        write_review_xlsx(&path);
        let t = read_table(&path, Some("问题清单"), CODE).unwrap();
        assert_eq!(t.sheet.as_deref(), Some("问题清单"), "{name}");
        assert_eq!(t.rows, expected, "{name}");
    }
    let html = dir.path().join("对照表.xls");
    std::fs::write(
        &html,
        "<html><meta charset=\"utf-8\"><table><tr><td>实施主体</td><td>考核单位</td><td>类型</td></tr>\
         <tr><td>东至县市场监督管理局</td><td>东至县</td><td>县区</td></tr></table></html>",
    )
    .unwrap();
    let t = read_table(&html, None, &["实施主体"]).unwrap();
    assert_eq!(t.headers, ["实施主体", "考核单位", "类型"]);
    assert_eq!(t.rows[0].1[0], "东至县市场监督管理局");
    assert_eq!(
        t.place(2).to_string(),
        format!("{} 表「表1」第2行", html.display())
    );
}

/// A file that is no table at all, a damaged workbook and a cut-off one are refused in Chinese
/// with what to do, never with the library's English.
#[test]
fn an_unreadable_workbook_is_refused_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("抽样清单.xlsx");
    write_review_xlsx(&good);
    let bytes = std::fs::read(&good).unwrap();
    let mut ole = crate::source::disguised::OLE_MAGIC.to_vec();
    ole.extend_from_slice(&[0u8; 600]);
    let cases: [(&str, Vec<u8>, &str); 3] = [
        (
            "抽样清单.xls",
            ole,
            "文件损坏或不是 Excel/WPS 表格，请在 Excel/WPS 中打开后另存为 .xlsx 再试",
        ),
        (
            "抽样清单（不完整）.xlsx",
            bytes[..bytes.len() / 2].to_vec(),
            "文件不完整或已损坏",
        ),
        (
            "图片.xls",
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec(),
            "文件损坏或不是 Excel/WPS 表格",
        ),
    ];
    for (name, content, expected) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, content).unwrap();
        let message = read_table(&path, None, CODE).unwrap_err().to_string();
        assert!(message.contains(expected), "{name}: {message}");
        assert!(
            !["error", "Error", "OLE", "Cfb", "Zip", "invalid"]
                .iter()
                .any(|w| message.contains(w)),
            "English library text in: {message}"
        );
    }
}

#[test]
fn workbook_cells_read_as_the_export_reader_shows_them_and_checkboxes_as_yes_no() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("复核.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["实施编码", "是否确认", "复核日期", "扣分"]
        .iter()
        .enumerate()
    {
        ws.write(0, c as u16, *h).unwrap();
    }
    ws.write(1, 0, " 11341700MB1234567X3000104002000 ").unwrap();
    ws.write(1, 1, true).unwrap();
    let date = rust_xlsxwriter::ExcelDateTime::from_ymd(2026, 11, 27).unwrap();
    let format = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
    ws.write_datetime_with_format(1, 2, &date, &format).unwrap();
    ws.write(1, 3, 0.1 + 0.2).unwrap();
    ws.write(2, 0, 3_000_104_002_000_f64).unwrap();
    ws.write(2, 1, false).unwrap();
    wb.save(&path).unwrap();

    let t = read_table(&path, None, CODE).unwrap();
    assert_eq!(t.headers, ["实施编码", "是否确认", "复核日期", "扣分"]);
    assert_eq!(
        t.rows[0],
        (
            2,
            vec![
                "11341700MB1234567X3000104002000".to_owned(),
                "是".to_owned(),
                "2026-11-27".to_owned(),
                "0.3".to_owned(),
            ]
        )
    );
    assert_eq!(t.rows[1].1[..2], ["3000104002000", "否"]);
}
