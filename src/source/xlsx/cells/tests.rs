//! Tests of reading a sheet cell by cell: the same cells as calamine's range, stray and
//! out-of-order cells, formulas saved without their results.

use std::io::Write as _;
use std::path::Path;

use calamine::{Reader as _, open_workbook_auto};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

use super::*;

/// Every sheet of the workbook at `path`, read cell by cell and through calamine's range.
fn both_ways(path: &Path) -> Vec<(String, Cells, Cells)> {
    let mut workbook = open_workbook_auto(path).unwrap();
    let Sheets::Xlsx(xlsx) = &mut workbook else {
        panic!("{} is not an .xlsx workbook", path.display());
    };
    xlsx.sheet_names()
        .into_iter()
        .map(|name| {
            let streamed = stream(xlsx, &name).expect("the sheet reads");
            let ranged = from_range(&xlsx.worksheet_range(&name).unwrap());
            (name, streamed, ranged)
        })
        .collect()
}

/// The same cells both ways; a row read cell by cell ends at its last cell, where the range
/// pads it with empty ones.
fn assert_same(path: &Path) {
    let trimmed = |rows: &[Vec<String>]| -> Vec<Vec<String>> {
        rows.iter()
            .map(|r| {
                let end = r.iter().rposition(|c| !c.is_empty()).map_or(0, |i| i + 1);
                r[..end].to_vec()
            })
            .collect()
    };
    for (name, streamed, ranged) in both_ways(path) {
        assert_eq!(streamed.first_row, ranged.first_row, "{name}");
        assert_eq!(trimmed(&streamed.rows), trimmed(&ranged.rows), "{name}");
        assert_eq!(streamed.long_numbers, ranged.long_numbers, "{name}");
    }
}

/// The bundled sample export and a workbook with what exports hold besides text: a title
/// above the table, data from column B, numbers, dates, a phone typed as a number, a blank
/// row, a styled empty cell past the data, and an empty sheet.
#[test]
fn a_sheet_read_cell_by_cell_is_the_one_calamine_builds() {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/exports/sample.xlsx");
    assert_same(&sample);

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("事项导出.xlsx");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("事项基本信息").unwrap();
    sheet.write(1, 1, "池州市政务服务事项实施清单").unwrap();
    for (c, h) in [
        "实施编码",
        "事项名称",
        "咨询电话",
        "法定办结时限",
        "更新日期",
    ]
    .into_iter()
    .enumerate()
    {
        sheet.write(2, 1 + c as u16, h).unwrap();
    }
    sheet
        .write(3, 1, "11341700MB1234567X3000101001000")
        .unwrap();
    sheet.write(3, 2, "  食品经营许可  ").unwrap();
    sheet.write(3, 3, 5_662_021_234.0).unwrap();
    sheet.write(3, 4, 20).unwrap();
    let date = ExcelDateTime::parse_from_str("2026-11-28").unwrap();
    let date_format = Format::new().set_num_format("yyyy-mm-dd");
    sheet.write_with_format(3, 5, &date, &date_format).unwrap();
    sheet.write(5, 2, "药品零售企业许可").unwrap();
    sheet.write(5, 4, 2.5).unwrap();
    sheet.write(5, 6, true).unwrap();
    sheet.write_blank(9, 9, &Format::new().set_bold()).unwrap();
    book.add_worksheet().set_name("空表").unwrap();
    book.save(&path).unwrap();
    assert_same(&path);

    let sheets = both_ways(&path);
    let streamed = &sheets[0].1;
    assert_eq!(streamed.first_row, 2, "the title row starts the sheet");
    assert_eq!(streamed.rows.len(), 5, "the styled empty cell adds no row");
    let widths: Vec<usize> = streamed.rows.iter().map(Vec::len).collect();
    assert_eq!(widths, [2, 6, 6, 0, 7], "rows end at their last cell");
    assert_eq!(streamed.rows[2][2], "食品经营许可");
    assert_eq!(streamed.rows[2][3], "5662021234");
    assert_eq!(streamed.rows[2][5], "2026-11-28");
    assert_eq!(streamed.long_numbers, vec![(2, 3)]);
    assert!(sheets[1].1.rows.is_empty());
}

/// Should warn (a column without a header): a note typed far to the right of the table, in
/// column XFD, widens its own row only. Each row padded to the widest was 16,384 cells, a
/// workbook of a few hundred thousand rows more memory than the machine has; now the table
/// reads as it is and the note's column is named.
#[test]
fn a_stray_cell_far_to_the_right_widens_its_own_row_only() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("事项导出.xlsx");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("事项基本信息").unwrap();
    let header = [
        "实施编码",
        "事项名称",
        "实施主体",
        "办理地点",
        "承诺办结时限",
        "咨询电话",
    ];
    for (c, h) in header.into_iter().enumerate() {
        sheet.write(0, c as u16, h).unwrap();
    }
    for r in 1..=300u32 {
        let row = [
            format!("11341700MB1234567X30001010{r:05}"),
            "食品经营许可".to_owned(),
            "池州市市场监督管理局".to_owned(),
            "池州市政务服务中心二楼12号窗口".to_owned(),
            "10个工作日".to_owned(),
            "0566-2021234".to_owned(),
        ];
        for (c, v) in row.iter().enumerate() {
            sheet.write(r, c as u16, v).unwrap();
        }
    }
    sheet.write(150, 16_383, "核对人：张三").unwrap();
    book.save(&path).unwrap();
    let (_, streamed, _) = both_ways(&path).remove(0);
    assert_eq!(streamed.rows[150].len(), 16_384);
    let narrow = |(i, r): (usize, &Vec<String>)| i == 150 || r.len() == 6;
    assert!(streamed.rows.iter().enumerate().all(narrow));

    let mut items = 0;
    let mut notices = Vec::new();
    let reader = crate::source::xlsx::XlsxReader::default();
    crate::source::Reader::read(&reader, &path, &mut |r| match r {
        crate::source::Record::Item(_) => items += 1,
        crate::source::Record::Notice(n) => notices.push(n.message),
        crate::source::Record::Unreadable(_) => {}
    })
    .unwrap();
    assert_eq!(items, 300);
    assert!(
        notices
            .iter()
            .any(|m| m.contains("第 XFD 列没有表头") && m.contains("核对人：张三")),
        "{notices:?}"
    );
}

/// Some generators write a sheet's cells out of order; each still lands in its place, as in
/// calamine's range.
#[test]
fn cells_written_out_of_order_land_in_their_places() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("乱序.xlsx");
    let sheet_xml = concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
        r#"<row r="4"><c r="C4" t="inlineStr"><is><t>0566-2021234</t></is></c>"#,
        r#"<c r="A4" t="inlineStr"><is><t>食品经营许可</t></is></c></row>"#,
        r#"<row r="2"><c r="B2" t="inlineStr"><is><t>事项名称</t></is></c>"#,
        r#"<c r="A2" t="inlineStr"><is><t>实施编码</t></is></c></row>"#,
        r#"<row r="3"><c r="D3"><v>5662021234</v></c></row>"#,
        r#"</sheetData></worksheet>"#
    );
    one_sheet_workbook(&path, sheet_xml);

    assert_same(&path);
    let (_, streamed, _) = both_ways(&path).remove(0);
    assert_eq!(streamed.first_row, 2);
    assert_eq!(
        streamed.rows,
        vec![
            vec!["实施编码", "事项名称"],
            vec!["", "", "", "5662021234"],
            vec!["食品经营许可", "", "0566-2021234"],
        ]
    );
    assert_eq!(streamed.long_numbers, vec![(1, 3)]);
}

/// Writes a workbook at `path` whose one sheet, 事项, is `sheet_xml`, as a program writes it.
fn one_sheet_workbook(path: &Path, sheet_xml: &str) {
    let parts = [
        (
            "[Content_Types].xml",
            concat!(
                r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#,
                r#"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#,
                r#"<Default Extension="xml" ContentType="application/xml"/>"#,
                r#"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#,
                r#"<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#
            ),
        ),
        (
            "_rels/.rels",
            concat!(
                r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
                r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
            ),
        ),
        (
            "xl/workbook.xml",
            concat!(
                r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#,
                r#"<sheets><sheet name="事项" sheetId="1" r:id="rId1"/></sheets></workbook>"#
            ),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            concat!(
                r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
                r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#
            ),
        ),
        ("xl/worksheets/sheet1.xml", sheet_xml),
    ];
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    for (name, text) in parts {
        zip.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
}

/// Formulas saved without their results (`<f>` and no `<v>`, or an empty `<v>`, and a shared
/// formula's cells) are read as empty and counted, with their places; a formula whose result
/// is saved, even an empty text, is read as its result and not counted.
#[test]
fn formulas_without_their_results_are_counted_where_they_are() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("系统生成.xlsx");
    let sheet_xml = concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
        r#"<row r="1"><c r="A1" t="inlineStr"><is><t>受理地点</t></is></c></row>"#,
        r#"<row r="2"><c r="A2" t="inlineStr"><is><t>东至县尧渡镇建设路8号</t></is></c>"#,
        r#"<c r="B2"><f>A2</f></c><c r="C2"><f>A2</f><v></v></c><c r="D2"><f>A2</f><v/></c>"#,
        r#"<c r="E2" t="str"><f>A2</f><v>东至县尧渡镇建设路8号</v></c>"#,
        r#"<c r="F2" t="str"><f>""</f><v></v></c></row>"#,
        r#"<row r="3"><c r="B3"><f t="shared" ref="B3:B5" si="0">A2</f></c>"#,
        r#"<c r="C3" t="inlineStr"><is><t>3号窗口</t></is></c></row>"#,
        r#"<row r="4"><c r="B4"><f t="shared" si="0"/></c></row>"#,
        r#"<row r="5"><c r="B5"><f t="shared" si="0"/></c></row>"#,
        r#"</sheetData></worksheet>"#
    );
    one_sheet_workbook(&path, sheet_xml);

    let (_, streamed, _) = both_ways(&path).remove(0);
    assert_eq!(
        streamed.rows[..3],
        [
            vec!["受理地点"],
            vec![
                "东至县尧渡镇建设路8号",
                "",
                "",
                "",
                "东至县尧渡镇建设路8号",
                ""
            ],
            vec!["", "", "3号窗口"],
        ]
    );
    assert_eq!(streamed.uncomputed.count(), 6);
    assert_eq!(streamed.uncomputed.rows_of(1), [1, 2, 3]);
    assert_eq!(streamed.uncomputed.rows_of(2), [1]);
    assert_eq!(streamed.uncomputed.rows_of(3), [1]);
    assert!(streamed.uncomputed.rows_of(4).is_empty());
}
