//! Child lists an export does not carry at all: a flat CSV of one row an item, or materials
//! joined to items, has no 办理流程 or 常见问题 table and no such columns. A table the export
//! format leaves out is no evidence that the platform lacks it, so those lists are unread for
//! every item of the file ([`crate::model::UnreadLists`]): P01, P02 and Q01 do not apply, and one
//! warning per file says which rules were not checked. The same for 收费项目 (F02, F03; F01
//! judges 是否收费 all the same) when there is no fee table, no fee columns beside the item and
//! no 收费标准 on its row, and for 中介服务 (I01). The fee and intermediary rules are named only
//! when an item says it charges or needs an intermediary; for the others they never apply.
//!
//! Not here: 申请材料 (`mod.rs`, `notices.rs`). A workbook of separate child sheets without its
//! 申请材料 sheet leaves the materials unread too, said by its own warning; an item table alone
//! without a 申请材料 table is said once and each item reported as listing none; a one-cell
//! 申请材料 column is read as materials (`material_list.rs`).

use super::columns::Kind;
use crate::model::{Item, Provenance};
use crate::rules::fees::yes_no;
use crate::source::{Notice, NoticeLevel};

/// What the warning of lists a file does not carry says after their names.
pub(super) const NOT_CARRIED: &str = "的表或列：";

/// The child lists this module marks unread when absent, with the rules that judge them.
const LISTS: [(Kind, &str); 4] = [
    (Kind::Step, "P01、P02"),
    (Kind::Fee, "F02、F03"),
    (Kind::Intermediary, "I01"),
    (Kind::Faq, "Q01"),
];

/// Marks the lists of `items` whose kind is not among `carried` (the kinds the file has a table
/// or columns of, or has said it could not read) unread, and gives the warning naming them and
/// their rules (`None` when every list is carried). `sources` are the files the items were read
/// from.
pub(super) fn mark_absent(
    carried: &[Kind],
    items: &mut [Item],
    sources: &[&str],
) -> Option<Notice> {
    if items.is_empty() {
        return None;
    }
    let absent: Vec<(Kind, &str)> = LISTS
        .into_iter()
        .filter(|(kind, _)| !carried.contains(kind))
        .collect();
    for item in items.iter_mut() {
        for (kind, _) in &absent {
            item.unread = item.unread.or(kind.unread());
        }
    }
    // Fee and intermediary rules apply only to an item that says it charges, or needs one.
    let says = |flag: fn(&Item) -> &str| items.iter().any(|i| yes_no(flag(i)) == Some(true));
    let named: Vec<(Kind, &str)> = absent
        .into_iter()
        .filter(|(kind, _)| match kind {
            Kind::Fee => says(|i| &i.charged),
            Kind::Intermediary => says(|i| &i.intermediary),
            _ => true,
        })
        .collect();
    if named.is_empty() {
        return None;
    }
    let lists: Vec<&str> = named.iter().map(|(kind, _)| kind.label()).collect();
    let rules: Vec<&str> = named.iter().map(|(_, rules)| *rules).collect();
    let file = if sources.len() > 1 {
        "这些文件"
    } else {
        "本文件"
    };
    let lists = lists.join("、");
    Some(Notice {
        level: NoticeLevel::Warning,
        provenance: Provenance::file(sources.join("、")),
        message: format!(
            "{file}没有{lists}{NOT_CARRIED}{} 未检查（按未读取处理，不扣分）；要检查这些要素，请导出含{lists}的完整清单",
            rules.join("、"),
        ),
    })
}
