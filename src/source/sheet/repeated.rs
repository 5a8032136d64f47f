//! A header that names one element twice (`受理地点` in two columns, one of them left empty by the
//! template): the second column was kept as other information and the first read, so an item
//! whose address was filled in the second column was reported with none (B09 办理地点为空). The
//! column with more cells filled is read as the element, and a warning names both.

use super::columns::{Col, Kind, Tables};
use super::notices::column_letters;
use super::{Sheet, cell};
use crate::source::{Notice, NoticeLevel};

/// Makes the fuller of two columns that name the same element of a sheet of `kind` (header row
/// `header`) the one read as the element, the other kept as other information, and says so
/// once per element whose second column holds anything.
pub(super) fn prefer_filled(
    sheet: &Sheet,
    header: usize,
    cols: &mut [Col],
    tables: &Tables,
    kind: Kind,
) -> Vec<Notice> {
    let filled = |c: usize| {
        sheet.rows[header + 1..]
            .iter()
            .filter(|row| !cell(row, c).is_empty())
            .count()
    };
    let mut notices = Vec::new();
    for second in 0..cols.len() {
        let Col::Extra(name) = &cols[second] else {
            continue;
        };
        let named = tables.column(kind, name);
        // Context columns (an item's 实施主体 or 区划 beside a child sheet's rows) are many
        // different headers under one name.
        if matches!(named, Col::Extra(_) | Col::Skip | Col::Context) {
            continue;
        }
        let Some(first) = cols[..second].iter().position(|c| *c == named) else {
            continue;
        };
        let (a, b) = (filled(first), filled(second));
        if b == 0 {
            continue;
        }
        let read = if b > a {
            let first_name = cell(&sheet.rows[header], first).trim().to_owned();
            cols[first] = Col::Extra(first_name);
            cols[second] = named;
            second
        } else {
            first
        };
        let other = if read == first { second } else { first };
        notices.push(Notice {
            level: NoticeLevel::Warning,
            provenance: sheet.provenance(header),
            message: format!(
                "{}的表头「{}」出现了两次（{} 列和 {} 列）：按填写较多的 {} 列读取（{} 个单元格有内容，另一列 {} 个），{} 列的内容作为其他信息保留。请删去多余的一列，或给它改一个表头",
                sheet.label(),
                cell(&sheet.rows[header], second).trim(),
                column_letters(first),
                column_letters(second),
                column_letters(read),
                a.max(b),
                a.min(b),
                column_letters(other),
            ),
        });
    }
    notices
}
