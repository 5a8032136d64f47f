//! What a file's records told: numbers that damaged phones (codes: `json/codes.rs`), unread keys,
//! materials written as one text, and the notices.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use super::LabelledFile;
use crate::model::{ItemField, Provenance};
use crate::source::sheet::numbers::restored_phone;
use crate::source::{Notice, NoticeLevel};

/// Unread keys a notice names, at most.
const UNREAD_SHOWN: usize = 12;

impl LabelledFile<'_> {
    /// A phone written as a JSON number, as Excel keeps them: a landline that lost only its
    /// leading 0 gets it back (no Chinese area code starts without one). Codes written as
    /// numbers are read by [`super::json::codes`].
    pub(super) fn restore_phone(&mut self, field: ItemField, key: &str, text: &mut String) {
        if matches!(field, ItemField::ConsultPhone | ItemField::SupervisePhone)
            && let Some(phone) = restored_phone(text)
        {
            *text = phone;
            self.phones_restored.insert(key.to_owned());
        }
    }

    /// An agency's 联系电话 written as a number (`"联系电话": 5662028811` under `中介机构`): its
    /// 0 back as [`Self::restore_phone`] gives it; `key` names it in the notice (`中介机构.联系电话`).
    pub(super) fn restore_contact(&mut self, key: String, text: &mut String) {
        if let Some(phone) = restored_phone(text) {
            *text = phone;
            self.phones_restored.insert(key);
        }
    }

    /// Adds another part's count (a batch of the streaming check's lines).
    pub(crate) fn merge(&mut self, other: LabelledFile<'_>) {
        self.items += other.items;
        self.unread.extend(other.unread);
        self.unread_lists.extend(other.unread_lists);
        self.phones_restored.extend(other.phones_restored);
        self.codes.merge(other.codes);
        self.phones.merge(other.phones);
        self.listed.merge(other.listed);
    }

    /// Whether the records read so far told nothing for a notice: none read by its labels,
    /// none with its materials as one text, none with a code or a phone written as a number.
    pub(crate) fn is_empty(&self) -> bool {
        self.items == 0 && self.listed.is_empty() && self.codes.is_empty() && self.phones.is_empty()
    }

    /// The notices for file `name`: records read by their labels ([`Self::notice`]), codes and
    /// phones written as numbers, and materials or 中介服务机构 written as one text.
    pub(crate) fn notices(&self, name: &str) -> Vec<Notice> {
        self.notice(name)
            .into_iter()
            .chain(self.codes.notices(name))
            .chain(self.phones.notices(name))
            .chain(self.listed.notice(name))
            .chain(self.listed.agency_notice(name))
            .collect()
    }

    /// The notice for a file with records read by their labels: a warning when some keys were
    /// no element (their text is not checked), else a note.
    pub(super) fn notice(&self, name: &str) -> Option<Notice> {
        if self.items == 0 {
            return None;
        }
        let mut read = format!(
            "字段名不是本工具的格式（name、code 等），已按表头识别读取 {} 条事项（中文表头及配置 [labels] 中的名称，与读取 Excel 导出相同）",
            self.items
        );
        let mut warn = false;
        let named = |keys: &BTreeSet<String>| {
            keys.iter()
                .map(String::as_str)
                .collect::<Vec<_>>()
                .join("」「")
        };
        if !self.phones_restored.is_empty() {
            warn = true;
            let _ = write!(
                read,
                "。「{}」中有电话存成了数字，丢了区号开头的 0，已补回再检查（请在导出前把该列设为文本）",
                named(&self.phones_restored)
            );
        }
        let (level, message) = if self.unread.is_empty() {
            let level = if warn {
                NoticeLevel::Warning
            } else {
                NoticeLevel::Info
            };
            (level, read)
        } else {
            // Lists are told apart: an element's key would not read them.
            let fields: Vec<&str> = self
                .unread
                .iter()
                .filter(|k| !self.unread_lists.contains(*k))
                .map(String::as_str)
                .collect();
            if !fields.is_empty() {
                let more = if fields.len() > UNREAD_SHOWN {
                    format!("等 {} 个", fields.len())
                } else {
                    String::new()
                };
                let _ = write!(
                    read,
                    "。以下字段不是可识别的要素，其内容未按要素检查：「{}」{more}。如果其中有应检查的要素，请改用标准表头，或在配置 [labels] 中为它指定要素（如 [labels.item] name = [\"SXMC\"]）",
                    fields[..fields.len().min(UNREAD_SHOWN)].join("」「")
                );
            }
            if !self.unread_lists.is_empty() {
                let _ = write!(
                    read,
                    "。以下字段是记录列表，但不是可识别的子表，未读取：「{}」；有这些字段的记录，没有列出的申请材料、办理流程、收费项目、中介服务、常见问题按“未读取”处理，不扣分。\
                     如果其中有这些子表，请在配置 [labels.lists] 中写明是哪一种（如 materials = [\"CLXX\"]、steps = [\"BLLC\"]），列表里的字段名在 [labels.material]、[labels.step] 等中指定",
                    named(&self.unread_lists)
                );
            }
            (NoticeLevel::Warning, read)
        };
        Some(Notice {
            level,
            provenance: Provenance::file(name),
            message,
        })
    }
}
