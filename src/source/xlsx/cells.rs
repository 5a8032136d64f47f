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

mod shown;
use crate::source::sheet::{Uncomputed, column_letters};

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
/// before the break. A long number whose cell is formatted to show its leading zeros
/// (`0000-0000000`) is the text the format shows (`shown`).
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
                    uncomputed.add(r, c);
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
    drop(reader);
    if damage.is_none() {
        shown::read_as_shown(xlsx, name, &mut rows, &mut long_numbers);
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
mod tests;
