//! Reading inputs into items, unreadable records and notices, for the reader tests.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use zwfw_audit::check::{RunInfo, check_records};
use zwfw_audit::config::Labels;
use zwfw_audit::model::{Finding, Item, Provenance};
use zwfw_audit::rules::{CheckContext, RuleSet};
use zwfw_audit::source::{Notice, NoticeLevel, Record, Unreadable, read_inputs, read_inputs_with};

pub fn exports() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/exports")
}

/// The findings of `rules` alone on the items of the export at `path`, read and checked as
/// `check` does.
pub fn findings_of(path: &Path, rules: &[&str]) -> Vec<Finding> {
    let mut records = Vec::new();
    read_inputs(&[path.to_path_buf()], &mut |r| records.push(r));
    check_records(
        records,
        &RuleSet::only(rules),
        &CheckContext::default(),
        RunInfo::default(),
    )
    .findings
}

pub struct Read {
    pub items: Vec<Item>,
    pub unreadable: Vec<Unreadable>,
    pub notices: Vec<Notice>,
}

impl Read {
    /// The notice whose message holds `words`, of `level`, with its message holding each of
    /// `also`; panics naming what is missing.
    pub fn notice(&self, words: &str, level: NoticeLevel, also: &[&str]) -> &Notice {
        let n = self
            .notices
            .iter()
            .find(|n| n.message.contains(words))
            .unwrap_or_else(|| panic!("no notice says 「{words}」: {:#?}", self.notices));
        assert_eq!(n.level, level, "{}", n.message);
        for w in also {
            assert!(n.message.contains(w), "「{w}」 not in: {}", n.message);
        }
        n
    }

    /// Each item's material names, in order.
    pub fn material_names(&self) -> Vec<Vec<&str>> {
        self.items
            .iter()
            .map(|i| i.materials.iter().map(|m| m.name.as_str()).collect())
            .collect()
    }
}

pub fn read_with(paths: &[PathBuf], labels: &Labels) -> Read {
    let mut out = Read {
        items: Vec::new(),
        unreadable: Vec::new(),
        notices: Vec::new(),
    };
    read_inputs_with(paths, labels, &mut |r| match r {
        Record::Item(i) => out.items.push(*i),
        Record::Unreadable(u) => out.unreadable.push(u),
        Record::Notice(n) => out.notices.push(n),
    });
    out
}

pub fn read(paths: &[PathBuf]) -> Read {
    read_with(paths, &Labels::default())
}

/// The item without any provenance, for comparing items read from different formats.
pub fn strip(mut item: Item) -> Item {
    item.provenance = Provenance::default();
    item.materials
        .iter_mut()
        .for_each(|m| m.provenance = Provenance::default());
    item.steps
        .iter_mut()
        .for_each(|s| s.provenance = Provenance::default());
    item.fees
        .iter_mut()
        .for_each(|f| f.provenance = Provenance::default());
    item.intermediaries
        .iter_mut()
        .for_each(|i| i.provenance = Provenance::default());
    item.faqs
        .iter_mut()
        .for_each(|q| q.provenance = Provenance::default());
    item
}
