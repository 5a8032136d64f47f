//! The incremental check: items whose content hash and configuration hash match an earlier
//! complete run reuse its result; the others go through [`check_records`]. Also applies waivers
//! to the checked report, because that needs to know which findings belong to which item.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use super::view::WaiverReport;
use super::{HistoryError, Waiver, fingerprint, hex_sha256, waiver};
use crate::check::{RunInfo, check_records};
use crate::model::{Finding, Item, Outcome, Provenance, Severity};
use crate::report::{ItemEntry, ItemStatus, Report};
use crate::rules::{CheckContext, RuleSet};
use crate::source::Record;

/// A result kept from an earlier run.
#[derive(Debug, Clone, PartialEq)]
pub struct CachedResult {
    /// The item's report entry (outcomes, counts) as it was.
    pub entry: ItemEntry,
    /// Its findings, in rule order.
    pub findings: Vec<Finding>,
}

/// A checked run, ready for waivers, scoring, the diff and the store.
#[derive(Debug, Clone)]
pub struct Checked {
    /// The report.
    pub report: Report,
    /// Content hash of each report item, in the same order.
    pub hashes: Vec<String>,
    /// Fingerprint of each report finding, in the same order.
    pub fingerprints: Vec<String>,
    /// How many items reused an earlier result.
    pub reused: usize,
    /// Fingerprints of the findings waived in this run.
    pub waived: BTreeSet<String>,
    /// Waivers applied, expired, unmatched.
    pub waiver_report: WaiverReport,
    /// The report findings of each item.
    spans: Vec<Range<usize>>,
    /// Results computed in this run: (content hash, entry JSON, findings JSON), before waivers.
    pub(crate) fresh: Vec<(String, String, String)>,
}

/// The content hash of an item: SHA-256 of its JSON without its top-level provenance, so the same
/// item read from tonight's file or at another position has the same hash.
pub fn item_hash(item: &Item) -> String {
    let mut bare = item.clone();
    bare.provenance = Provenance::default();
    let json = serde_json::to_vec(&bare).expect("an item serialises");
    hex_sha256(&json, 64)
}

enum Slot {
    Fresh(String),
    Reused(String, Box<CachedResult>),
}

/// Checks the records, reusing earlier results: `lookup(content_hash)` returns the cached result
/// for the current configuration (the store's [`super::Store::cached`]), or `None` to check.
pub fn check_incremental(
    records: Vec<Record>,
    rules: &RuleSet,
    ctx: &CheckContext,
    run: RunInfo,
    lookup: &mut dyn FnMut(&str) -> Result<Option<CachedResult>, HistoryError>,
) -> Result<Checked, HistoryError> {
    let mut slots = Vec::with_capacity(records.len());
    let mut fresh_records = Vec::with_capacity(records.len());
    for record in records {
        match record {
            Record::Item(item) => {
                let hash = item_hash(&item);
                if let Some(mut cached) = lookup(&hash)? {
                    relocate(&mut cached, &item.provenance);
                    slots.push(Slot::Reused(hash, Box::new(cached)));
                } else {
                    slots.push(Slot::Fresh(hash));
                    fresh_records.push(Record::Item(item));
                }
            }
            Record::Unreadable(u) => {
                let json = serde_json::to_vec(&u).expect("a record serialises");
                slots.push(Slot::Fresh(hex_sha256(&json, 64)));
                fresh_records.push(Record::Unreadable(u));
            }
            notice @ Record::Notice(_) => fresh_records.push(notice),
        }
    }
    let mut report = check_records(fresh_records, rules, ctx, run);
    let mut fresh_items = std::mem::take(&mut report.items).into_iter();
    let mut fresh_findings = std::mem::take(&mut report.findings).into_iter();
    let mut checked = Checked {
        hashes: Vec::with_capacity(slots.len()),
        spans: Vec::with_capacity(slots.len()),
        fingerprints: Vec::new(),
        reused: 0,
        waived: BTreeSet::new(),
        waiver_report: WaiverReport::default(),
        fresh: Vec::new(),
        report,
    };
    for slot in slots {
        let start = checked.report.findings.len();
        let (hash, entry, findings) = match slot {
            Slot::Fresh(hash) => {
                let entry = fresh_items.next().expect("one entry per fresh slot");
                let findings: Vec<Finding> = fresh_findings
                    .by_ref()
                    .take(entry.errors + entry.warnings)
                    .collect();
                if entry.status == ItemStatus::Checked {
                    checked.fresh.push((
                        hash.clone(),
                        serde_json::to_string(&entry).expect("an entry serialises"),
                        serde_json::to_string(&findings).expect("findings serialise"),
                    ));
                }
                (hash, entry, findings)
            }
            Slot::Reused(hash, cached) => {
                checked.reused += 1;
                (hash, cached.entry, cached.findings)
            }
        };
        checked.hashes.push(hash);
        checked.report.items.push(entry);
        checked.report.findings.extend(findings);
        checked.spans.push(start..checked.report.findings.len());
    }
    checked.fingerprints = checked.report.findings.iter().map(fingerprint).collect();
    checked.report.summarize();
    Ok(checked)
}

/// Points a reused result at where the item was read tonight.
fn relocate(cached: &mut CachedResult, now: &Provenance) {
    let old = std::mem::replace(&mut cached.entry.provenance, now.clone());
    for f in &mut cached.findings {
        if f.provenance == old {
            f.provenance = now.clone();
        }
    }
}

impl Checked {
    /// After findings were added to the report's items (link checks, before any waiver): each
    /// item's findings and every fingerprint again, from the items' counts.
    pub fn findings_changed(&mut self) {
        let mut start = 0;
        self.spans = self
            .report
            .items
            .iter()
            .map(|entry| {
                let span = start..start + entry.errors + entry.warnings;
                start = span.end;
                span
            })
            .collect();
        assert_eq!(
            start,
            self.report.findings.len(),
            "the findings are the items' own, in item order"
        );
        self.fingerprints = self.report.findings.iter().map(fingerprint).collect();
    }

    /// Applies the waivers active on `date`: waived findings stay in the list but no longer count
    /// in the item's and the summary's error/warning counts, and an element check whose error
    /// findings are all waived counts as passed. Returns nothing; see [`Checked::waived`] and
    /// [`Checked::waiver_report`].
    pub fn apply_waivers(&mut self, waivers: &[Waiver], date: jiff::civil::Date) {
        let present: BTreeSet<String> = self.fingerprints.iter().cloned().collect();
        let (report, applied) = waiver::classify(waivers, &present, date);
        self.waiver_report = report;
        self.waived = applied;
        if self.waived.is_empty() {
            return;
        }
        let (mut waived_errors, mut waived_warnings) = (0, 0);
        for (i, span) in self.spans.iter().enumerate() {
            let entry = &mut self.report.items[i];
            // Per rule: does any error finding still count?
            let mut counting: BTreeMap<&str, bool> = BTreeMap::new();
            for k in span.clone() {
                let f = &self.report.findings[k];
                let waived = self.waived.contains(&self.fingerprints[k]);
                if f.severity == Severity::Error {
                    *counting.entry(f.rule.as_str()).or_default() |= !waived;
                }
                if waived {
                    match f.severity {
                        Severity::Error => {
                            entry.errors -= 1;
                            waived_errors += 1;
                        }
                        Severity::Warning => {
                            entry.warnings -= 1;
                            waived_warnings += 1;
                        }
                    }
                }
            }
            for (rule, still_fails) in counting {
                if !still_fails && entry.outcomes.get(rule) == Some(&Outcome::Fail) {
                    entry.outcomes.insert(rule.to_owned().into(), Outcome::Pass);
                }
            }
        }
        self.report.summarize();
        self.report.summary.errors -= waived_errors;
        self.report.summary.warnings -= waived_warnings;
    }

    /// Whether the finding at `index` of the report is waived.
    pub fn is_waived(&self, index: usize) -> bool {
        self.waived.contains(&self.fingerprints[index])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One item whose B15 check fails twice: both numbers lack an area code.
    fn checked() -> Checked {
        let item = Item {
            name: "食品经营许可".into(),
            code: "11341700MB1528406Q3000117001000".into(),
            subject: "池州市市场监督管理局".into(),
            region_code: "341700".into(),
            consult_phone: "2021234".into(),
            supervise_phone: "12345".into(),
            ..Item::default()
        };
        check_incremental(
            vec![Record::Item(Box::new(item))],
            &RuleSet::only(&["B15"]),
            &CheckContext::default(),
            RunInfo::default(),
            &mut |_| Ok(None),
        )
        .unwrap()
    }

    fn waiver(fp: &str) -> Waiver {
        Waiver {
            fingerprint: fp.into(),
            reason: "测试".into(),
            until: "2026-12-31".into(),
            created_at: "2026-11-20T10:00:00+08:00".into(),
        }
    }

    #[test]
    fn an_element_passes_only_when_all_its_errors_are_waived() {
        let day = "2026-11-20".parse().unwrap();
        let mut one = checked();
        assert_eq!(one.report.findings.len(), 2);
        assert_eq!(one.fresh.len(), 1);
        let first = one.fingerprints[0].clone();
        one.apply_waivers(&[waiver(&first)], day);
        let item = &one.report.items[0];
        assert_eq!((item.errors, item.outcomes["B15"]), (1, Outcome::Fail));
        assert_eq!(one.report.summary.errors, 1);
        assert!(one.is_waived(0) && !one.is_waived(1));

        let mut both = checked();
        let all: Vec<Waiver> = both.fingerprints.iter().map(|f| waiver(f)).collect();
        both.apply_waivers(&all, day);
        let item = &both.report.items[0];
        assert_eq!((item.errors, item.outcomes["B15"]), (0, Outcome::Pass));
        assert_eq!(both.report.summary.errors, 0);
        assert_eq!(both.report.summary.items_with_errors, 0);
        assert_eq!(both.report.findings.len(), 2, "waived findings stay listed");
    }

    #[test]
    fn a_reused_result_points_at_tonight_s_file() {
        let first = checked();
        let (hash, entry, findings) = first.fresh[0].clone();
        let cached = CachedResult {
            entry: serde_json::from_str(&entry).unwrap(),
            findings: serde_json::from_str(&findings).unwrap(),
        };
        let mut item: Item = Item {
            name: "食品经营许可".into(),
            code: "11341700MB1528406Q3000117001000".into(),
            subject: "池州市市场监督管理局".into(),
            region_code: "341700".into(),
            consult_phone: "2021234".into(),
            supervise_phone: "12345".into(),
            ..Item::default()
        };
        item.provenance = Provenance::record("night2.json", 5);
        assert_eq!(item_hash(&item), hash, "provenance is not content");
        let again = check_incremental(
            vec![Record::Item(Box::new(item))],
            &RuleSet::only(&["B15"]),
            &CheckContext::default(),
            RunInfo::default(),
            &mut |h| Ok((h == hash).then(|| cached.clone())),
        )
        .unwrap();
        assert_eq!(again.reused, 1);
        assert!(again.fresh.is_empty());
        assert_eq!(
            again.report.items[0].provenance.to_string(),
            "night2.json 第5条"
        );
        assert!(
            again
                .report
                .findings
                .iter()
                .all(|f| f.provenance.source == "night2.json")
        );
        assert_eq!(again.fingerprints, first.fingerprints);
    }
}
