//! Rows of a CSV file that are not whole rows. Every row of an export has the header's cells; a
//! row with fewer is one of two things:
//! - **A row split in two** by a line break typed into a cell without quotes: the row before the
//!   break has too few cells, the line after it the rest, and the two together, less the cell the
//!   break cut in two, are exactly as wide as the table. The two lines are read as one row, the
//!   break kept in that cell, and a warning names both rows. Read as two rows, the second became
//!   an item named with a fragment of the cell (a 设定依据) and the first lost its last columns.
//!   A line that starts like a record (a code or a number first) is a row of its own.
//! - **A row without its empty cells at the end**: exports that leave out trailing commas write
//!   them; the cells there are in their columns, and the row is read as it is.
//! - **A cut row**: a file that ends inside a quoted cell, or — when every other row is whole —
//!   in a short row without a line end, was cut off in the middle. An item in that row is listed
//!   as unreadable with its file, its row and why, and is not checked.
//!
//! Rows before the first row as wide as the table (titles over the header) are not looked at.
//! Short rows that make no item (a material or step of a child file, a sign-off) are left as
//! read, with a warning where they hold more than one text.

use std::collections::HashMap;
use std::sync::Arc;

use super::scan::Table;
use crate::model::Provenance;
use crate::model::provenance::file_name;
use crate::model::text::quote;
use crate::source::sheet::column_letters;
use crate::source::{Notice, NoticeLevel, Record, Unreadable};

/// The rows of CSV files that are not whole rows, by file and row (the row Excel shows), with
/// why each cannot be read: an item read from one is listed as unreadable
/// ([`CutRows::unreadable`]).
#[derive(Debug, Default)]
pub struct CutRows {
    rows: HashMap<(Arc<str>, u64), CutRow>,
}

/// One row that is not whole.
#[derive(Debug)]
struct CutRow {
    /// What is wrong with it, in Chinese, without what becomes of it.
    what: String,
    /// Whether a warning should say it when it makes no item: it holds more than one text.
    worth_saying: bool,
    /// It was read as an item, and listed as unreadable.
    listed: bool,
}

impl CutRows {
    /// Adds the cut rows of another file.
    pub fn extend(&mut self, other: CutRows) {
        self.rows.extend(other.rows);
    }

    /// `record`, or, for an item read from a cut row, the unreadable record that lists it (its
    /// cells as read kept as the partial item, so that it is listed under its unit).
    pub fn unreadable(&mut self, record: Record) -> Record {
        let Record::Item(item) = record else {
            return record;
        };
        let key = item
            .provenance
            .row
            .filter(|_| item.provenance.sheet.is_none())
            .map(|row| (Arc::clone(&item.provenance.source), row));
        let Some(cut) = key.and_then(|k| self.rows.get_mut(&k)) else {
            return Record::Item(item);
        };
        cut.listed = true;
        let text = |t: &str| Some(t.trim().to_owned()).filter(|t| !t.is_empty());
        Record::Unreadable(Unreadable {
            provenance: item.provenance.clone(),
            reason: format!("{}，这一行无法读取；请重新导出完整的文件", cut.what),
            code: text(&item.code),
            name: text(&item.name),
            partial: Some(item),
        })
    }

    /// Warnings for the cut rows that made no item, in the order of the files and rows.
    pub fn unlisted_notices(&self) -> Vec<Notice> {
        let mut left: Vec<(&(Arc<str>, u64), &CutRow)> = self
            .rows
            .iter()
            .filter(|(_, cut)| !cut.listed && cut.worth_saying)
            .collect();
        left.sort_by(|a, b| a.0.cmp(b.0));
        left.into_iter()
            .map(|((source, row), cut)| Notice {
                level: NoticeLevel::Warning,
                provenance: Provenance::row(Arc::clone(source), *row),
                message: format!(
                    "文件「{}」{}；这一行已按列照读，请核对，必要时重新导出完整的文件",
                    file_name(source),
                    cut.what
                ),
            })
            .collect()
    }
}

/// Joins the rows of `table` split in two by a line break without quotes, and finds the rows
/// cut short, of the file `source`: the warnings for the joins, and the cut rows.
pub fn mend(table: &mut Table, source: &Arc<str>) -> (Vec<Notice>, CutRows) {
    let mut notices = Vec::new();
    let mut cut = CutRows::default();
    let Some(width) = table.width else {
        return (notices, cut);
    };
    let rows = &mut table.rows;
    let Some(header) = rows.iter().position(|r| r.len() == width) else {
        return (notices, cut);
    };
    let last = rows.len() - 1;
    // An export that leaves out a row's empty cells at its end (no trailing commas) writes short
    // rows that are whole: the cells there are in their columns. Only the last row of a file that
    // writes every other row whole, ending without a line end, was cut off.
    let mut trims = false;
    let mut i = header + 1;
    while i < rows.len() {
        let len = rows[i].len();
        let next = rows.get(i + 1).map_or(0, Vec::len);
        let joins = len > 0
            && len < width
            && next > 0
            && next < width
            && len + next - 1 == width
            && !starts_a_record(&rows[i + 1][0]);
        if joins {
            let (before, after) = (len, next);
            let mut rest = std::mem::take(&mut rows[i + 1]).into_iter();
            let tail = rest.next().unwrap_or_default();
            let broken = rows[i].last_mut().expect("a row with cells");
            let first = broken.clone();
            if !tail.is_empty() {
                broken.push('\n');
                broken.push_str(&tail);
            }
            rows[i].extend(rest);
            notices.push(joined_notice(source, i, (before, after, width), &first));
            i += 2;
            continue;
        }
        let open_quote = i == last && table.open_quote_at_end;
        let cut_off = i == last && table.no_line_end && len < width && !trims;
        if len > 0 && len < width && i < last {
            trims = true;
        }
        if len > 0 && (open_quote || cut_off) {
            let row = i as u64 + 1;
            let what = if open_quote {
                format!(
                    "文件在第{row}行的引号内结束：{} 列「{}」开头的引号没有闭合，后面的内容都不在文件里（文件可能在导出或传输中被截断）",
                    column_letters(len - 1),
                    quote(&rows[i][len - 1], 20),
                )
            } else {
                format!(
                    "文件在第{row}行中途结束：这一行只有{len}列，其他各行都有{width}列（文件可能在导出或传输中被截断）"
                )
            };
            let texts = rows[i].iter().filter(|c| !c.is_empty()).count();
            // A sign-off of one cell under the items (`制表单位：…`) is no cut row to warn about.
            cut.rows.insert(
                (Arc::clone(source), row),
                CutRow {
                    what,
                    worth_saying: texts > 1,
                    listed: false,
                },
            );
        }
        i += 1;
    }
    (notices, cut)
}

/// Whether a line's first cell starts a record as rows do, not the rest of a broken cell: a
/// code (实施编码, 基本编码) or a number (序号), ASCII letters and digits only. A row of the same
/// item after a short one (a step without its time limit) is no second half of it (h34).
fn starts_a_record(first: &str) -> bool {
    let t = first.trim();
    !t.is_empty() && t.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

/// The warning for two lines read as one row: the line break in the last cell of the first was
/// not quoted.
fn joined_notice(
    source: &Arc<str>,
    index: usize,
    (before, after, width): (usize, usize, usize),
    cell: &str,
) -> Notice {
    let (row, next) = (index as u64 + 1, index as u64 + 2);
    Notice {
        level: NoticeLevel::Warning,
        provenance: Provenance::row(Arc::clone(source), row),
        message: format!(
            "文件「{}」第{row}行只有{before}列、第{next}行只有{after}列，合起来正好是表头的{width}列：第{row}行 {} 列「{}」里有一个没有加引号的换行，把这一行断成了两行；已把两行合成第{row}行读取，各行照常检查。请给含换行的单元格加上引号后重新导出",
            file_name(source),
            column_letters(before - 1),
            quote(cell, 20),
        ),
    }
}
