//! Headers that name one element in more than one column. Two kinds are met:
//!
//! - the same header twice (`受理地点` in two columns, one of them left empty by the template):
//!   the column with more cells filled is read, so an item whose address was filled in the
//!   second column is not reported with none (B09 办理地点为空);
//! - two headers that are synonyms of one element but are different published elements on the
//!   platform (`实施编码` and `事项编码`, `实施编码` and `业务办理项编码`, `咨询电话` and
//!   `联系电话`): the column headed with the element's standard label is read, whatever the
//!   order of the columns, unless it is filled less than half as much as the other. The left
//!   column used to win: an item took its 业务办理项编码 for its 实施编码, and then no row of a
//!   child sheet (keyed by 实施编码) found its item.
//!
//! Before that, a column under a synonym of 实施编码 (`事项编码`) whose every value is 12 digits
//! beside another 实施编码 column holds the 基本编码: it is read as the 基本编码 (as no key in a
//! child sheet). The other columns are kept as other information, and a notice names each
//! column by its own header and letter (none when the left one is read and the others are
//! empty). A platform's export is not the clerk's to edit: the notice does not ask to delete a
//! column.

use std::cmp::Reverse;

use super::columns::{Col, Kind, Tables};
use super::notices::column_letters;
use super::{Sheet, cell};
use crate::model::ItemField;
use crate::model::text::normalize_label;
use crate::source::{Notice, NoticeLevel};

/// Decides, for each element of a sheet of `kind` (header row `header`) named by more than one
/// column, which column is read as the element; the others are kept as other information. Says
/// so once per element unless its left column is read and the others are empty, and once per
/// column read as the 基本编码 for its values.
pub(super) fn prefer_filled(
    sheet: &Sheet,
    header: usize,
    cols: &mut [Col],
    tables: &Tables,
    kind: Kind,
) -> Vec<Notice> {
    let head = &sheet.rows[header];
    let filled: Vec<usize> = (0..cols.len())
        .map(|c| {
            sheet.rows[header + 1..]
                .iter()
                .filter(|row| !cell(row, c).is_empty())
                .count()
        })
        .collect();
    // What each column's header names, the second of a pair included.
    let mut named: Vec<Col> = cols
        .iter()
        .map(|col| match col {
            Col::Extra(name) => tables.column(kind, name),
            other => other.clone(),
        })
        .collect();
    let mut notices = basic_codes(sheet, header, &mut named, kind, &filled);
    for (col, named) in cols.iter_mut().zip(&named) {
        if *named == Col::Context {
            col.clone_from(named);
        }
    }
    let mut grouped = vec![false; named.len()];
    for first in 0..named.len() {
        if grouped[first] || matches!(named[first], Col::Extra(_) | Col::Skip | Col::Context) {
            continue;
        }
        let group: Vec<usize> = (first..named.len())
            .filter(|&c| named[c] == named[first])
            .collect();
        for &c in &group {
            grouped[c] = true;
        }
        let read = chosen(head, &group, &named[first], &filled);
        for &c in &group {
            cols[c] = if c == read {
                named[c].clone()
            } else {
                Col::Extra(cell(head, c).to_owned())
            };
        }
        // Said unless the left column is read and the others are empty.
        if read != first || group.iter().any(|&c| c != read && filled[c] > 0) {
            notices.push(both_notice(
                sheet,
                header,
                (&group, read),
                &named[first],
                &filled,
            ));
        }
    }
    notices
}

/// Whether column `c`'s header is the standard label of the element `col` is read as.
fn is_standard(head: &[String], c: usize, col: &Col) -> bool {
    col.element_label()
        .is_some_and(|label| normalize_label(cell(head, c)) == label)
}

/// The column of `group` (all naming `col`) that is read: the one under the standard label
/// when it is filled at least half as much as the fullest, else the fullest, else the left one.
fn chosen(head: &[String], group: &[usize], col: &Col, filled: &[usize]) -> usize {
    let most = group.iter().map(|&c| filled[c]).max().unwrap_or(0);
    group
        .iter()
        .copied()
        .max_by_key(|&c| {
            let standard = is_standard(head, c, col) && filled[c] > 0 && 2 * filled[c] >= most;
            (standard, filled[c], Reverse(c))
        })
        .unwrap_or(group[0])
}

/// Whether every filled value of column `c` below the header is a 12-digit 基本编码, and there
/// is one.
fn holds_basic_codes(sheet: &Sheet, header: usize, c: usize) -> bool {
    let mut values = sheet.rows[header + 1..]
        .iter()
        .map(|row| cell(row, c))
        .filter(|v| !v.is_empty())
        .peekable();
    values.peek().is_some()
        && values.all(|v| v.len() == 12 && v.bytes().all(|b| b.is_ascii_digit()))
}

/// Columns under a synonym of 实施编码 (`事项编码`) that hold 12-digit 基本编码 beside another
/// filled 实施编码 column: read as the 基本编码 in an item table, as no key in a child table
/// (`named` changed), each with an info notice.
fn basic_codes(
    sheet: &Sheet,
    header: usize,
    named: &mut [Col],
    kind: Kind,
    filled: &[usize],
) -> Vec<Notice> {
    let head = &sheet.rows[header];
    let codes: Vec<usize> = (0..named.len())
        .filter(|&c| matches!(named[c], Col::Item(ItemField::Code) | Col::LinkCode))
        .collect();
    let basic: Vec<usize> = codes
        .iter()
        .copied()
        .filter(|&c| !is_standard(head, c, &named[c]) && holds_basic_codes(sheet, header, c))
        .collect();
    let Some(&code) = codes
        .iter()
        .find(|&&c| !basic.contains(&c) && filled[c] > 0)
    else {
        return Vec::new();
    };
    basic
        .into_iter()
        .map(|c| {
            let (read_as, effect) = if kind == Kind::Item {
                (Col::Item(ItemField::BasicCode), "已作为基本编码读取")
            } else {
                (Col::Context, "不用它关联事项")
            };
            named[c] = read_as;
            Notice {
                level: NoticeLevel::Info,
                provenance: sheet.provenance(header),
                message: format!(
                    "{}的「{}」（{} 列）填的是 12 位基本编码，{effect}；实施编码按「{}」（{} 列）读取",
                    sheet.label(),
                    cell(head, c),
                    column_letters(c),
                    cell(head, code),
                    column_letters(code),
                ),
            }
        })
        .collect()
}

/// The notice of the columns `group` that all name element `col`, column `read` read.
fn both_notice(
    sheet: &Sheet,
    header: usize,
    (group, read): (&[usize], usize),
    col: &Col,
    filled: &[usize],
) -> Notice {
    let head = &sheet.rows[header];
    let others: Vec<usize> = group.iter().copied().filter(|&c| c != read).collect();
    let letters = |cs: &[usize]| {
        cs.iter()
            .map(|&c| column_letters(c))
            .collect::<Vec<_>>()
            .join("、")
    };
    let most_of_others = others.iter().map(|&c| filled[c]).max().unwrap_or(0);
    // Which column was read, and why.
    let (who, detail) = if filled[read] > most_of_others {
        (
            format!("填写较多的 {} 列", column_letters(read)),
            format!(
                "{} 个单元格有内容，另{} {most_of_others} 个",
                filled[read],
                if others.len() == 1 {
                    "一列"
                } else {
                    "外各列至多"
                },
            ),
        )
    } else {
        (
            format!("左边的 {} 列", column_letters(read)),
            "各列填写一样多".to_owned(),
        )
    };
    let same_header = group
        .iter()
        .all(|&c| normalize_label(cell(head, c)) == normalize_label(cell(head, read)));
    let (level, message) = if same_header {
        let times = if group.len() == 2 {
            "两次".to_owned()
        } else {
            format!("{} 次", group.len())
        };
        (
            NoticeLevel::Warning,
            format!(
                "{}的表头「{}」出现了{times}（{} 列）：按{who}读取（{detail}），{} 列的内容作为其他信息保留，不按要素检查",
                sheet.label(),
                cell(head, read),
                letters(group).replacen('、', " 列和 ", usize::from(group.len() == 2)),
                letters(&others),
            ),
        )
    } else {
        let names: Vec<String> = group
            .iter()
            .map(|&c| format!("「{}」（{} 列）", cell(head, c), column_letters(c)))
            .collect();
        let names = match names.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{}和{last}", rest.join("、")),
            _ => names.concat(),
        };
        let standard = is_standard(head, read, col);
        let level = if standard {
            NoticeLevel::Info
        } else {
            NoticeLevel::Warning
        };
        let why = if standard {
            "（标准表头）".to_owned()
        } else {
            format!("（{who}，{detail}）")
        };
        let other_names: Vec<String> = others
            .iter()
            .map(|&c| format!("「{}」", cell(head, c)))
            .collect();
        (
            level,
            format!(
                "{}的{names}都可作{}，已按「{}」读取{why}，{}列的内容作为其他信息保留，不按要素检查",
                sheet.label(),
                col.element_label().unwrap_or_default(),
                cell(head, read),
                other_names.concat(),
            ),
        )
    };
    Notice {
        level,
        provenance: sheet.provenance(header),
        message,
    }
}
