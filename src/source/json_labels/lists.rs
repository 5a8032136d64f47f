//! The keys that hold an item's child lists in a JSON record read by its labels: the tool's own
//! keys (`materials`, `steps` …, as real interfaces name them too), the section names of a guide
//! page (`申请材料`, `办理流程` …), other Chinese names platforms use (`材料清单`, `办事流程`), and
//! the names the configuration's `[labels.lists]` gives (`materials = ["CLXX"]`).
//!
//! Not here: the columns of the records in a list (`[labels.material]` …, `sheet::columns`).

use std::collections::{BTreeMap, HashMap};

use crate::model::UnreadLists;
use crate::model::text::normalize_label;
use crate::source::crawl::labels::{Section, section_of};

/// The child lists, each by its key in `[labels.lists]` (the tool's own JSON key) and its
/// standard Chinese name, which `[labels.lists]` also takes.
pub(crate) const LISTS: [(&str, &str, Section); 5] = [
    ("materials", "申请材料", Section::Materials),
    ("steps", "办理流程", Section::Steps),
    ("fees", "收费项目", Section::Fees),
    ("intermediaries", "中介服务", Section::Intermediaries),
    ("faqs", "常见问题", Section::Faqs),
];

/// Chinese list names platforms use besides a guide page's section headings (which
/// [`section_of`] knows: `申请材料`, `办理流程`, `常见问题` …), matched as whole names.
const OTHER_NAMES: [(&str, Section); 9] = [
    ("材料清单", Section::Materials),
    ("材料列表", Section::Materials),
    ("所需材料", Section::Materials),
    ("办事流程", Section::Steps),
    ("审批流程", Section::Steps),
    ("流程环节", Section::Steps),
    ("收费清单", Section::Fees),
    ("问题解答", Section::Faqs),
    ("常见问答", Section::Faqs),
];

/// The list a `[labels.lists]` key names (`materials` or `申请材料`): its key, Chinese name and
/// section.
pub(crate) fn list_by_name(name: &str) -> Option<(&'static str, &'static str, Section)> {
    let n = name.trim();
    LISTS
        .iter()
        .find(|(key, label, _)| *key == n || normalize_label(label) == normalize_label(n))
        .copied()
}

/// The child list of `section` alone, as [`UnreadLists`] marks lists.
pub(crate) fn flag(section: Section) -> UnreadLists {
    let mut lists = UnreadLists::default();
    match section {
        Section::Materials => lists.materials = true,
        Section::Steps => lists.steps = true,
        Section::Fees => lists.fees = true,
        Section::Intermediaries => lists.intermediaries = true,
        Section::Faqs => lists.faqs = true,
    }
    lists
}

/// The keys of the child lists: built in, and the configuration's.
#[derive(Debug, Clone, Default)]
pub(crate) struct ListNames {
    /// Normalised (`normalize_label`, ASCII lower case) key → list, from `[labels.lists]`.
    configured: HashMap<String, Section>,
}

fn normalized(key: &str) -> String {
    normalize_label(key).to_ascii_lowercase()
}

impl ListNames {
    /// The names `[labels.lists]` gives; a key that names no list is the configuration
    /// check's to report (`config::checks`), and skipped here.
    pub(crate) fn new(lists: &BTreeMap<String, Vec<String>>) -> Self {
        let mut configured = HashMap::new();
        for (list, names) in lists {
            let Some((.., section)) = list_by_name(list) else {
                continue;
            };
            for name in names {
                configured.insert(normalized(name), section);
            }
        }
        Self { configured }
    }

    /// The child list a key names, if any: the configuration's names first.
    pub(crate) fn section(&self, key: &str) -> Option<Section> {
        let n = normalized(key);
        if let Some(&s) = self.configured.get(&n) {
            return Some(s);
        }
        LISTS
            .iter()
            .find(|(own, ..)| *own == n)
            .map(|&(.., s)| s)
            .or_else(|| {
                OTHER_NAMES
                    .iter()
                    .find(|(name, _)| *name == n)
                    .map(|&(_, s)| s)
            })
            .or_else(|| section_of(key))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_keys_are_told_by_own_chinese_and_configured_names() {
        let lists = ListNames::new(&BTreeMap::from([
            ("materials".to_owned(), vec!["CLXX".to_owned()]),
            ("办理流程".to_owned(), vec!["BLLC".to_owned()]),
            ("faqs".to_owned(), vec!["questions".to_owned()]),
        ]));
        for (key, want) in [
            ("CLXX", Some(Section::Materials)),
            ("clxx", Some(Section::Materials)),
            ("BLLC", Some(Section::Steps)),
            ("questions", Some(Section::Faqs)),
            ("materials", Some(Section::Materials)),
            ("Steps", Some(Section::Steps)),
            ("材料清单", Some(Section::Materials)),
            ("办事流程", Some(Section::Steps)),
            ("办理流程", Some(Section::Steps)),
            ("常见问题解答", Some(Section::Faqs)),
            ("收费标准", Some(Section::Fees)),
            ("CJWT", None),
            ("事项名称", None),
        ] {
            assert_eq!(lists.section(key), want, "{key}");
        }
        assert_eq!(ListNames::default().section("CLXX"), None);
        assert_eq!(
            list_by_name("常见问题"),
            Some(("faqs", "常见问题", Section::Faqs))
        );
        assert_eq!(list_by_name("material"), None);
    }
}
