//! A worksheet's cells as rows of the text a person sees, read cell by cell.
//!
//! calamine's `worksheet_range` builds the sheet three times over before a row can be read: a
//! list of its cells, a dense range of them and a copy with every shared string cloned. For a
//! province's workbook that was 1.1 GB to read its 事项 sheet. An `.xlsx` sheet is read here from
//! calamine's cell reader straight into rows instead; `.xls` and `.ods` still go through the
//! range, which their readers build anyway.

use std::io::{Read, Seek};

use calamine::{Data, DataRef, Range, Reader as _, Sheets, Xlsx, XlsxError};

use super::{cell_text, is_long_number};
use crate::source::sheet::column_letters;

/// A sheet's cells: `rows[0]` is spreadsheet row `first_row` (1-based); columns are absolute
/// (column A is index 0). A row read cell by cell ends at its last cell (a stray value far to
/// the right widens its own row only); one from calamine's range is as wide as the widest.
#[derive(Debug)]
pub(super) struct Cells {
    pub first_row: u64,
    pub rows: Vec<Vec<String>>,
    /// (index into `rows`, column) of whole numbers of nine digits or more.
    pub long_numbers: Vec<(usize, usize)>,
    /// Cells whose value could not be read, read as empty.
    pub lost: Vec<LostCell>,
    /// Formulas saved without their result, read as empty (`.xlsx` only).
    pub uncomputed: Uncomputed,
}

/// The formulas of a sheet saved without their result (`<f>` and no `<v>`): what a program that
/// writes workbooks without computing them (Apache POI, openpyxl, a platform's export) or a tool
/// that does not compute formulas leaves. Excel and WPS show the result once the file is opened;
/// calamine, which computes nothing, has no value to give, and the cell reads as empty.
#[derive(Debug, Default)]
pub(super) struct Uncomputed {
    /// How many.
    pub count: usize,
    /// The first few, in the order the sheet holds them (0-based row and column).
    pub first: Vec<(usize, usize)>,
}

/// Formulas without a result whose place is kept for the notice, at most.
pub(super) const UNCOMPUTED_SHOWN: usize = 5;

/// A cell whose value could not be read (a shared-string index past the end of the workbook's
/// text table, a number that is not one): calamine says so without saying where, so its place
/// is told by the cells read just before and after it (0-based row and column).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct LostCell {
    pub after: Option<(usize, usize)>,
    pub before: Option<(usize, usize)>,
}

impl LostCell {
    /// Where the cell is, as Excel names cells: `B5` when the cells around it leave one place,
    /// else `A5 后面的那个`.
    pub(super) fn place(&self) -> String {
        let name = |(r, c): (usize, usize)| format!("{}{}", column_letters(c), r + 1);
        match (self.after, self.before) {
            (Some((r, c)), Some((r2, c2))) if r == r2 && c2 == c + 2 => name((r, c + 1)),
            (Some(after), _) => format!("{} 后面的那个", name(after)),
            (None, Some(before)) => format!("{} 前面的那个", name(before)),
            (None, None) => "位置不明".to_owned(),
        }
    }

    /// The 1-based spreadsheet row the cell is in, or next to.
    pub(super) fn row(&self) -> Option<u64> {
        self.after.or(self.before).map(|(r, _)| r as u64 + 1)
    }
}

/// A sheet the workbook cannot give back: why, in Chinese, and the cells read before the damage
/// (its header, most often, which tells what the sheet held).
#[derive(Debug)]
pub(super) struct Damaged {
    pub why: &'static str,
    pub partial: Option<Box<Cells>>,
}

/// The most lost cells read past before the sheet is taken for damaged as a whole.
const MAX_LOST_CELLS: usize = 1000;

impl Cells {
    /// A sheet without cells; its first row is row 1, as for an empty range.
    fn empty() -> Self {
        Self {
            first_row: 1,
            rows: Vec::new(),
            long_numbers: Vec::new(),
            lost: Vec::new(),
            uncomputed: Uncomputed::default(),
        }
    }
}

/// Reads sheet `name` of `workbook`.
pub(super) fn read<RS: Read + Seek>(
    workbook: &mut Sheets<RS>,
    name: &str,
) -> Result<Cells, Damaged> {
    match workbook {
        Sheets::Xlsx(xlsx) => stream(xlsx, name),
        other => other
            .worksheet_range(name)
            .map(|range| from_range(&range))
            .map_err(|_| Damaged {
                why: "数据格式错误",
                partial: None,
            }),
    }
}

/// Whether calamine stops at the value of one cell, having read the cell's XML to its end: the
/// next cell can still be read.
fn is_cell_value_error(e: &XlsxError) -> bool {
    matches!(
        e,
        XlsxError::Unexpected(_)
            | XlsxError::ParseFloat(_)
            | XlsxError::ParseInt(_)
            | XlsxError::CellTAttribute(_)
            | XlsxError::CellError(_)
            | XlsxError::Unrecognized { .. }
    )
}

/// Why a sheet cannot be read, in Chinese, for a damage calamine reports in English.
fn why_damaged(e: &XlsxError) -> &'static str {
    match e {
        XlsxError::Xml(_)
        | XlsxError::XmlEof(_)
        | XlsxError::XmlAttr(_)
        | XlsxError::Encoding(_)
        | XlsxError::UnexpectedNode(_) => "XML 不完整或格式错误",
        XlsxError::Io(_) | XlsxError::Zip(_) => "压缩数据损坏",
        XlsxError::FileNotFound(_)
        | XlsxError::RelationshipNotFound
        | XlsxError::WorksheetNotFound(_) => "工作簿中缺少这张表的数据",
        _ => "数据格式错误",
    }
}

/// An `.xlsx` sheet, cell by cell. Cells without a value (only a style) are not cells here, as
/// they are not in calamine's range: they neither start the sheet nor widen it.
///
/// A cell whose value cannot be read is read as empty and listed in [`Cells::lost`]; a formula
/// saved without its result is read as empty and counted in [`Cells::uncomputed`] (the cells are
/// read with their formulas' metadata for that: a formula's text is not expanded, and a cell
/// without one costs what it did); a sheet whose XML breaks is [`Damaged`], with the cells read
/// before the break.
fn stream<RS: Read + Seek>(xlsx: &mut Xlsx<RS>, name: &str) -> Result<Cells, Damaged> {
    let mut reader = match xlsx.worksheet_cells_reader(name) {
        Ok(reader) => reader,
        // A chart sheet: no cells, as `worksheet_range` gives it.
        Err(XlsxError::NotAWorksheet(_)) => return Ok(Cells::empty()),
        Err(e) => {
            return Err(Damaged {
                why: why_damaged(&e),
                partial: None,
            });
        }
    };
    // Rows by their 0-based spreadsheet row; the ones above the first cell are dropped at the end.
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut long_numbers = Vec::new();
    let mut first = usize::MAX;
    // How long the last row begun turned out: the next row is given that room at once.
    let mut last: Option<usize> = None;
    let mut lost: Vec<LostCell> = Vec::new();
    let mut uncomputed = Uncomputed::default();
    // The place of the last cell read, and whether a lost cell waits for the next one's.
    let mut previous: Option<(usize, usize)> = None;
    let mut waiting = false;
    let mut damage: Option<&'static str> = None;
    loop {
        let cell = match reader.next_cell_with_formula_metadata() {
            Ok(Some(cell)) => cell,
            Ok(None) => break,
            Err(e) if is_cell_value_error(&e) && lost.len() < MAX_LOST_CELLS => {
                lost.push(LostCell {
                    after: previous,
                    before: None,
                });
                waiting = true;
                continue;
            }
            Err(e) => {
                damage = Some(why_damaged(&e));
                break;
            }
        };
        let (r, c) = (cell.pos.0 as usize, cell.pos.1 as usize);
        if std::mem::take(&mut waiting)
            && let Some(l) = lost.last_mut()
        {
            l.before = Some((r, c));
        }
        previous = Some((r, c));
        let text = match &cell.value {
            DataRef::Empty => {
                if cell.formula.is_some() {
                    uncomputed.count += 1;
                    if uncomputed.first.len() < UNCOMPUTED_SHOWN {
                        uncomputed.first.push((r, c));
                    }
                }
                continue;
            }
            DataRef::SharedString(s) => s.trim().to_owned(),
            DataRef::String(s) => s.trim().to_owned(),
            other => {
                let data = Data::from(other.clone());
                if is_long_number(&data) {
                    long_numbers.push((r, c));
                }
                cell_text(&data)
            }
        };
        first = first.min(r);
        if rows.len() <= r {
            rows.resize_with(r + 1, Vec::new);
        }
        if rows[r].is_empty() {
            // As long as the row before: one allocation a row, not one a doubling.
            let room = last.map_or(0, |l| rows[l].len());
            rows[r].reserve_exact(room);
            last = Some(r);
        }
        let row = &mut rows[r];
        if row.len() <= c {
            row.resize(c + 1, String::new());
        }
        row[c] = text;
    }
    let cells = if rows.is_empty() {
        Cells {
            lost,
            uncomputed,
            ..Cells::empty()
        }
    } else {
        rows.drain(..first);
        // Cells may come out of order; the range gave them by row, then column.
        for (r, _) in &mut long_numbers {
            *r -= first;
        }
        long_numbers.sort_unstable();
        Cells {
            first_row: first as u64 + 1,
            rows,
            long_numbers,
            lost,
            uncomputed,
        }
    };
    match damage {
        None => Ok(cells),
        Some(why) => Err(Damaged {
            why,
            partial: Some(Box::new(cells)),
        }),
    }
}

/// An `.xls` or `.ods` sheet from calamine's range.
fn from_range(range: &Range<Data>) -> Cells {
    let first_row = range.start().map_or(1, |(r, _)| u64::from(r) + 1);
    let first_col = range.start().map_or(0, |(_, c)| c as usize);
    let mut long_numbers = Vec::new();
    let rows = range
        .rows()
        .enumerate()
        .map(|(i, r)| {
            let mut cells = vec![String::new(); first_col];
            for (c, data) in r.iter().enumerate() {
                if is_long_number(data) {
                    long_numbers.push((i, first_col + c));
                }
                cells.push(cell_text(data));
            }
            cells
        })
        .collect();
    Cells {
        first_row,
        rows,
        long_numbers,
        lost: Vec::new(),
        uncomputed: Uncomputed::default(),
    }
}

#[cfg(test)]
mod tests {
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
        assert_eq!(streamed.uncomputed.count, 6);
        assert_eq!(
            streamed.uncomputed.first,
            [(1, 1), (1, 2), (1, 3), (2, 1), (3, 1)]
        );
        let notice =
            super::super::damage::uncomputed_notice("系统生成.xlsx", "事项", &streamed.uncomputed);
        assert!(
            notice.message.contains("有 6 个单元格是公式")
                && notice
                    .message
                    .contains("第2行 B列、第2行 C列、第2行 D列、第3行 B列、第4行 B列、…"),
            "{}",
            notice.message
        );
    }
}
