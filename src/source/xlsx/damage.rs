//! A workbook that opens but is damaged inside: a sheet whose XML breaks off, a cell whose value
//! points at text the workbook does not have. calamine says so in English (`Xlsx error: Xml
//! error: syntax error …`); here it is said in Chinese with the sheet or cell and what to do.
//!
//! A damaged child sheet is told by the header read before the damage, else by its name; the
//! items of the workbook then have that list marked unread ([`UnreadLists`]), so that its rules
//! do not apply to them: a unit is not charged (「常见问题少于3个」) for a sheet the tool could
//! not read. Not here: reading the cells (`cells.rs`); formulas saved without their result,
//! where nothing is damaged (`sheet/formulas.rs`).

use std::sync::Arc;

use super::cells::{Cells, LostCell};
use crate::model::{Provenance, UnreadLists};
use crate::source::sheet::Sheet;
use crate::source::sheet::columns::Kind;
use crate::source::{Notice, NoticeLevel};

/// What to do about a damaged workbook, at the end of each message.
const RESAVE: &str = "请在 Excel/WPS 中打开这个文件，核对后另存为 .xlsx 再检查";

/// Lost cells named in a notice, at most.
const CELLS_SHOWN: usize = 5;

/// A sheet of the workbook that could not be read: its name, why, and what it held.
pub(super) struct DamagedSheet {
    pub name: String,
    pub why: &'static str,
    pub kind: Option<Kind>,
}

impl DamagedSheet {
    /// A damaged sheet, its kind told by the header among `partial`'s rows when there is one,
    /// else by its name.
    pub(super) fn new(
        name: String,
        why: &'static str,
        partial: Option<Box<Cells>>,
        labels: &crate::config::Labels,
    ) -> Self {
        let by_header = partial.and_then(|cells| {
            let sheet = Sheet {
                name: Some(name.as_str().into()),
                first_row: cells.first_row,
                rows: cells.rows,
                ..Sheet::default()
            };
            crate::source::sheet::kind_of(&sheet, labels)
        });
        let kind = by_header.or_else(|| kind_by_name(&name));
        Self { name, why, kind }
    }

    /// The child lists the workbook's items lose with this sheet.
    pub(super) fn unread(&self) -> UnreadLists {
        self.kind.map(Kind::unread).unwrap_or_default()
    }

    /// The error notice: the sheet, why, what it means for the check, what to do.
    pub(super) fn notice(&self, source: &str) -> Notice {
        let effect = match self.kind {
            Some(Kind::Item) => "其中的事项都没有读到，也没有检查".to_owned(),
            Some(kind) => {
                let list = list_name(kind);
                format!(
                    "本工作簿事项的{list}都没有读到，按“未读取”处理：{list}的检查对这些事项不适用，不扣分"
                )
            }
            None => {
                "看不出它是哪张表；如果它是申请材料、办理流程等子表，事项会被当作没有这些内容检查"
                    .to_owned()
            }
        };
        Notice {
            level: NoticeLevel::Error,
            provenance: Provenance {
                sheet: Some(self.name.as_str().into()),
                ..Provenance::file(source)
            },
            message: format!(
                "表「{}」已损坏，无法读取（{}）：{effect}。{RESAVE}",
                self.name, self.why
            ),
        }
    }
}

/// What a sheet holds by its name, for a sheet whose header could not be read.
fn kind_by_name(name: &str) -> Option<Kind> {
    let has = |words: &[&str]| words.iter().any(|w| name.contains(w));
    if has(&["常见问题", "问答", "问题解答"]) {
        Some(Kind::Faq)
    } else if has(&["中介"]) {
        Some(Kind::Intermediary)
    } else if has(&["收费"]) {
        Some(Kind::Fee)
    } else if has(&["流程", "环节"]) {
        Some(Kind::Step)
    } else if has(&["材料"]) {
        Some(Kind::Material)
    } else if has(&["事项", "基本信息", "实施清单"]) {
        Some(Kind::Item)
    } else {
        None
    }
}

/// A child list's name in messages.
fn list_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Material => "申请材料",
        Kind::Step => "办理流程",
        Kind::Fee => "收费项目",
        Kind::Intermediary => "中介服务",
        Kind::Faq => "常见问题",
        Kind::Item => "事项",
    }
}

/// The error notice for cells of sheet `name` whose value could not be read (read as empty).
pub(super) fn lost_cells_notice(source: &str, name: &str, lost: &[LostCell]) -> Notice {
    let mut places: Vec<String> = lost.iter().take(CELLS_SHOWN).map(LostCell::place).collect();
    if lost.len() > CELLS_SHOWN {
        places.push("…".to_owned());
    }
    let sheet: Arc<str> = name.into();
    let provenance = match lost[0].row() {
        Some(row) => Provenance::sheet_row(source, sheet, row),
        None => Provenance {
            sheet: Some(sheet),
            ..Provenance::file(source)
        },
    };
    Notice {
        level: NoticeLevel::Error,
        provenance,
        message: format!(
            "表「{name}」有 {} 个单元格已损坏（{}），其内容无法读取（指向工作簿中不存在的文字，或不是有效的值），按空白读取，相应要素可能被报为缺失。{RESAVE}",
            lost.len(),
            places.join("、")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lost_cell_is_named_as_excel_names_it() {
        let between = LostCell {
            after: Some((4, 0)),
            before: Some((4, 2)),
        };
        assert_eq!(between.place(), "B5");
        let gap = LostCell {
            after: Some((4, 0)),
            before: Some((4, 5)),
        };
        assert_eq!(gap.place(), "A5 后面的那个");
        let first = LostCell {
            after: None,
            before: Some((0, 1)),
        };
        assert_eq!(first.place(), "B1 前面的那个");
    }

    #[test]
    fn a_sheet_without_a_readable_header_is_told_by_its_name() {
        assert_eq!(kind_by_name("常见问题"), Some(Kind::Faq));
        assert_eq!(kind_by_name("申请材料"), Some(Kind::Material));
        assert_eq!(kind_by_name("事项基本信息"), Some(Kind::Item));
        assert_eq!(kind_by_name("Sheet3"), None);
    }
}
