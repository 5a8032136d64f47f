//! A child sheet without its 实施编码 column (a clerk deleted it) but with 事项名称: its rows go to
//! the item of that name, and of that 实施主体 when both sheets have one. A name that several
//! items share (the same service in two counties) links no row; those items' list is marked
//! unread ([`crate::model::UnreadLists`]), so its rules do not apply to them, and so is every
//! item's when no row links: a unit is not charged (「未列出申请材料」) for a sheet the tool could
//! not link. Not here: reading the rows (`children.rs`).

use std::collections::HashMap;

use super::Sheet;
use super::children::{ChildRow, Layout, attach, orphan_notice};
use crate::model::{Item, UnreadLists};
use crate::source::{Notice, NoticeLevel};

/// Adds the rows of a child sheet linked by name to their items. Returns the lists every item of
/// the workbook has unread: this sheet's when it has rows and none of them could be linked. A
/// sheet with only its header (a 收费 sheet where no item is charged) links nothing and fails
/// nothing: it says nothing, and its list is read as empty, as a sheet linked by code.
pub(super) fn attach_by_name(
    (layout, sheet): (Layout<'_>, &mut Sheet),
    rows: Vec<ChildRow>,
    items: &mut [Item],
    with_subject: bool,
    notices: &mut Vec<Notice>,
) -> UnreadLists {
    let kind = layout.kind;
    if rows.is_empty() {
        return UnreadLists::default();
    }
    let list = kind.label();
    let by = if with_subject {
        "事项名称和实施主体"
    } else {
        "事项名称"
    };
    notices.push(Notice {
        level: NoticeLevel::Warning,
        provenance: sheet.provenance(rows[0].index),
        message: format!(
            "{}没有「实施编码」列，已按{by}把各行关联到事项；请在该表加上「实施编码」列，按编码关联更可靠",
            sheet.label()
        ),
    });
    let mut index: HashMap<(&str, &str), Vec<usize>> = HashMap::new();
    for (i, item) in items.iter().enumerate() {
        if !item.name.is_empty() {
            let subject = if with_subject {
                item.subject.as_str()
            } else {
                ""
            };
            index
                .entry((item.name.as_str(), subject))
                .or_default()
                .push(i);
        }
    }
    // Item indices each row goes to (one, or several for a shared name, or none).
    let targets: Vec<Vec<usize>> = rows
        .iter()
        .map(|r| {
            index
                .get(&(r.key.as_str(), r.subject.as_str()))
                .cloned()
                .unwrap_or_default()
        })
        .collect();
    drop(index);
    let mut linked = 0;
    let mut orphans: Vec<Vec<ChildRow>> = Vec::new();
    let mut ambiguous: Vec<(Vec<usize>, Vec<ChildRow>)> = Vec::new();
    for (row, target) in rows.into_iter().zip(targets) {
        match target.as_slice() {
            [i] => {
                attach(&mut items[*i], layout, sheet, row.index);
                linked += 1;
            }
            [] => match orphans.iter_mut().find(|o| o[0].key == row.key) {
                Some(o) => o.push(row),
                None => orphans.push(vec![row]),
            },
            _ => match ambiguous.iter_mut().find(|(t, _)| *t == target) {
                Some((_, rows)) => rows.push(row),
                None => ambiguous.push((target, vec![row])),
            },
        }
    }
    let mut all_unread = UnreadLists::default();
    if linked == 0 {
        all_unread = kind.unread();
        notices.push(Notice {
            level: NoticeLevel::Error,
            provenance: sheet.provenance(0),
            message: format!(
                "{}没有一行能按{by}关联到事项：本工作簿事项的{list}按“未读取”处理，{list}的检查对这些事项不适用，不扣分。请在该表加上「实施编码」列",
                sheet.label()
            ),
        });
    }
    notices.extend(orphans.iter().map(|rows| orphan_notice(sheet, rows, by)));
    for (targets, rows) in &ambiguous {
        for &i in targets {
            items[i].unread = items[i].unread.or(kind.unread());
        }
        let (numbers, more) = super::children::first_rows(sheet, rows);
        let places = super::children::listed_items(items, targets, |item| item.subject.clone());
        notices.push(Notice {
            level: NoticeLevel::Warning,
            provenance: sheet.provenance(rows[0].index),
            message: format!(
                "{}第{}行{more}的事项名称 \"{}\" 在事项表中有 {} 个事项（{}），无法确定属于哪一个，未归入：这些事项的{list}按“未读取”处理，不扣分。请在该表加上「实施编码」列",
                sheet.label(),
                numbers,
                rows[0].key,
                targets.len(),
                places.join("、"),
            ),
        });
    }
    all_unread
}
