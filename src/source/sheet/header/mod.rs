//! Two-row (grouped) headers, common in government templates: a group heading in the top row
//! (「监督投诉」, often merged across its columns) over sub-headings in the row below (「电话」
//! 「地址」), the other header cells alone in the top row or merged down over both rows (and then
//! copied into the second row by the workbook reader, `xlsx::fill_merged_down`).
//!
//! The row right under a header row is the header's second row when it holds no 实施编码 or
//! 事项名称 of its own and each of its cells repeats the header text above it or is a short label
//! (two to eight characters, no digit) — and, for short labels, the header names 实施编码 or
//! 事项名称, so that a table without them cannot lose a row of short values. A first item with
//! a name, or with a code, is never header.
//!
//! Where every column sits under a group (「基本信息」 over 「实施编码」「事项名称」) or the
//! ungrouped header cells are blank in the top row, 实施编码 or 事项名称 is named in the second
//! row only. The row under a top row that names neither is then its second row when it names one
//! of them in a column whose top cell says something else (a group heading or a blank), and the
//! two rows together name more of the sheet's elements than the second row alone
//! ([`SecondRow::IfItNamesMore`]): a title row or a group row over complete headers
//! (「时限」 over 「法定办结时限」｜「承诺办结时限」) adds nothing, and the header is the row
//! under it alone.
//!
//! A sub-heading names its column with its parent (the header text above, or the group heading
//! to its left that the merge left in its first column): the column is the first of parent +
//! sub-heading (「监督投诉电话」), the parent alone, a short sub-heading completed by part of its
//! parent (「办理时限」 over 「法定」｜「承诺」 → 「法定时限」「承诺时限」; 「办理地点及时间」 over
//! 「地点」｜「时间」 → 「办理地点」「办理时间」; 「联系电话」 over 「咨询」｜「监督投诉」 →
//! 「联系电话」「监督投诉电话」), the sub-heading alone that is a known header; otherwise an
//! unrecognised column named parent + sub-heading.

use super::columns::{Col, Kind, Tables};
use super::{Sheet, cell};
use crate::model::ItemField;
use crate::source::{Notice, NoticeLevel};

/// The most characters a sub-heading has (「电话」「网址」「办理地点」「窗口号」).
const MAX_SUB_HEADING_CHARS: usize = 8;

/// Whether row `header + 1` of a sheet is the second row of the header in row `header`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum SecondRow {
    /// It is not: a one-row header, or no header.
    No,
    /// It is: its cells repeat the header above or are sub-headings of one that names 实施编码 or
    /// 事项名称.
    Yes,
    /// It names 实施编码 or 事项名称 itself, under a top row that names neither: it is the
    /// header's second row if the two rows together name more of the sheet's elements than it
    /// alone (the top row holds group headings, not a title).
    IfItNamesMore,
}

/// Whether row `header + 1` of `sheet` is the second row of the header in row `header`.
pub(super) fn second_row(sheet: &Sheet, header: usize, tables: &Tables) -> SecondRow {
    let (Some(top), Some(below)) = (sheet.rows.get(header), sheet.rows.get(header + 1)) else {
        return SecondRow::No;
    };
    let names_key = |text: &str| {
        matches!(
            tables.column(Kind::Item, text),
            Col::Item(ItemField::Code | ItemField::Name)
        )
    };
    let keys: Vec<usize> = (0..top.len())
        .filter(|&c| names_key(cell(top, c)))
        .collect();
    if keys.is_empty() && !top.iter().all(|c| c.trim().is_empty()) {
        let key_below = below
            .iter()
            .enumerate()
            .any(|(c, text)| text.trim() != cell(top, c) && names_key(text));
        if key_below {
            return SecondRow::IfItNamesMore;
        }
    }
    let mut filled = 0;
    let mut labels = 0;
    for (c, text) in below.iter().enumerate() {
        let text = text.trim();
        if text.is_empty() {
            continue;
        }
        filled += 1;
        if text == cell(top, c) {
            continue;
        }
        if keys.contains(&c) || !is_short_label(text) {
            return SecondRow::No;
        }
        labels += 1;
    }
    if filled > 0 && (labels == 0 || !keys.is_empty()) {
        SecondRow::Yes
    } else {
        SecondRow::No
    }
}

/// A text that can be a sub-heading: two to eight characters, no digit.
fn is_short_label(text: &str) -> bool {
    let chars = text.chars().count();
    (2..=MAX_SUB_HEADING_CHARS).contains(&chars)
        && !text
            .chars()
            .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
}

/// The header texts of the two rows `header` and `header + 1` as one row, each column named as
/// the module docs say for a sheet of `kind`.
pub(super) fn merged(sheet: &Sheet, header: usize, kind: Kind, tables: &Tables) -> Vec<String> {
    let top = &sheet.rows[header];
    let below = &sheet.rows[header + 1];
    let sub_of = |c: usize| {
        let s = cell(below, c);
        (!s.is_empty() && s != cell(top, c)).then_some(s)
    };
    let known = |text: &str| !matches!(tables.column(kind, text), Col::Extra(_) | Col::Skip);
    // An element of the sheet's own kind, not an item's repeated beside a child record.
    let own_element = |text: &str| {
        !matches!(
            tables.column(kind, text),
            Col::Extra(_) | Col::Skip | Col::Context
        )
    };
    (0..top.len().max(below.len()))
        .map(|c| {
            let own = cell(top, c);
            let Some(sub) = sub_of(c) else {
                return own.to_owned();
            };
            // A group heading merged across columns stays in its first one, whose own
            // sub-heading shows it is a group.
            let parent = if own.is_empty() {
                (0..c)
                    .rev()
                    .find(|&k| !cell(top, k).is_empty())
                    .filter(|&k| sub_of(k).is_some())
                    .map_or("", |k| cell(top, k))
            } else {
                own
            };
            let joined = format!("{parent}{sub}");
            if known(&joined) {
                joined
            } else if !own.is_empty() && known(own) {
                own.to_owned()
            } else if let Some(made) = short_sub_heading(parent, sub, &own_element) {
                made
            } else if known(sub) {
                sub.to_owned()
            } else {
                joined
            }
        })
        .collect()
}

/// The name a short sub-heading makes with a part of its group heading, when it is one of the
/// sheet kind's own elements (`own_element`): the sub-heading before the heading's end
/// (「法定」 under 「办理时限」 → 「法定时限」, 「监督投诉」 under 「联系电话」 → 「监督投诉电话」),
/// or after its beginning (「时间」 under 「办理地点及时间」 → 「办理时间」). Each part has two
/// characters or more; the longest part that makes a name wins.
fn short_sub_heading(
    parent: &str,
    sub: &str,
    own_element: &dyn Fn(&str) -> bool,
) -> Option<String> {
    let chars: Vec<(usize, char)> = parent.char_indices().collect();
    let n = chars.len();
    let suffixes = (0..n.saturating_sub(1)).map(|k| format!("{sub}{}", &parent[chars[k].0..]));
    let prefixes = (2..n)
        .rev()
        .map(|k| format!("{}{sub}", &parent[..chars[k].0]));
    (sub.chars().count() >= 2)
        .then(|| suffixes.chain(prefixes).find(|name| own_element(name)))
        .flatten()
}

/// The info notice of a header in two rows (`header` and the one below, its texts `merged`):
/// the second row is not an item, and the names the sub-headings made with a heading above
/// (not those that are the sub-heading alone).
pub(super) fn two_rows_notice(sheet: &Sheet, header: usize, merged: &[String]) -> Notice {
    let top = &sheet.rows[header];
    let below = &sheet.rows[header + 1];
    let made: Vec<String> = merged
        .iter()
        .enumerate()
        .filter(|&(c, m)| !m.is_empty() && m != cell(top, c) && m != cell(below, c))
        .take(5)
        .map(|(_, m)| format!("「{m}」"))
        .collect();
    let named = if made.is_empty() {
        String::new()
    } else {
        format!("，小标题已和上面的表头合起来作列名：{}", made.join(""))
    };
    Notice {
        level: NoticeLevel::Info,
        provenance: sheet.provenance(header),
        message: format!(
            "{}的表头占两行（第 {}、{} 行），第 {} 行按表头读取，不是事项{named}",
            sheet.label(),
            sheet.row_number(header),
            sheet.row_number(header + 1),
            sheet.row_number(header + 1),
        ),
    }
}

#[cfg(test)]
mod tests;
