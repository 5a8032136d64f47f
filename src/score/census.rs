//! Census scores accumulated item by item, for the streaming check: per unit only the
//! [`UnitSums`] are kept, and the scores come from the same [`score_from_sums`] as
//! [`score_units`](super::score_units) with no sample (every checked item scored).
//!
//! With a sample (`check --sample`), every checked item is also offered to a [`Reservoir`] with
//! its tally; the scores then count the drawn items, over the lots counted here, as
//! `score_units` does for a sample.
//!
//! An item's missing elements are judged from its own findings, as
//! [`tally_items`](super::compute::tally_items) judges them from the findings it finds to be the
//! item's (also of items that share 实施编码 and 事项名称).

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use super::UnitScore;
use super::compute::{
    ItemTally, ScoreOptions, UnitSums, design_effect, flag_overlaps, is_missing_evidence,
    is_public_service, majority_kind, score_from_sums,
};
use super::reservoir::{Drawn, Reservoir};
use super::sample::SampleSpec;
use super::table::FileIssue;
use super::units::{MappingUse, UnitMapping};
use crate::model::{Finding, Outcome, Severity};
use crate::report::{ItemEntry, ItemStatus, RuleInfo};
use crate::unit::UnitKind;

/// Per-unit sums over the items seen so far.
#[derive(Debug, Default)]
pub struct CensusTally {
    appendix: BTreeSet<String>,
    /// Whether the rule at each outcome position is an appendix rule, as last seen: the entries
    /// of a run have the same rules in the same order (their ids borrowed from the rules), so
    /// that the `i`-th outcome's rule is nearly always the one here, found without a lookup.
    positions: Vec<Option<(Cow<'static, str>, bool)>>,
    /// unit → (department items, county items, sums)
    units: BTreeMap<String, (usize, usize, UnitSums)>,
    /// The sample being drawn, when one is asked for.
    sample: Option<Reservoir>,
    /// Items added so far (checked or not): the next item's index in the report.
    next_index: usize,
    /// How the mapping file was used, for its notices ([`CensusTally::mapping_issues`]).
    mapping_use: MappingUse,
}

impl CensusTally {
    /// A tally counting the appendix rules among `rules`.
    pub fn new(rules: &[RuleInfo]) -> Self {
        Self {
            appendix: rules
                .iter()
                .filter(|r| r.appendix)
                .map(|r| r.id.clone())
                .collect(),
            positions: Vec::new(),
            units: BTreeMap::new(),
            sample: None,
            next_index: 0,
            mapping_use: MappingUse::default(),
        }
    }

    /// Whether `rule`, the `i`-th outcome of an entry, is an appendix rule.
    #[expect(
        clippy::ptr_arg,
        reason = "the `Cow` is cloned: a borrowed id without copying its text"
    )]
    fn is_appendix(&mut self, i: usize, rule: &Cow<'static, str>) -> bool {
        if let Some(Some((known, appendix))) = self.positions.get(i) {
            // The same slice (ids borrowed from the rules), or equal text.
            let (a, b): (&str, &str) = (known, rule);
            if (a.as_ptr() == b.as_ptr() && a.len() == b.len()) || a == b {
                return *appendix;
            }
        }
        let appendix = self.appendix.contains(&**rule);
        if self.positions.len() <= i {
            self.positions.resize_with(i + 1, || None);
        }
        self.positions[i] = Some((rule.clone(), appendix));
        appendix
    }

    /// The same tally, also drawing a sample as `spec` says (see [`Reservoir`]).
    #[must_use]
    pub fn with_sample(mut self, spec: SampleSpec) -> Self {
        self.sample = Some(Reservoir::new(spec));
        self
    }

    /// Adds the next report entry (entries must come in report order) and its findings.
    pub fn add(&mut self, entry: &ItemEntry, findings: &[Finding], mapping: &UnitMapping) {
        let index = self.next_index;
        self.next_index += 1;
        if entry.status != ItemStatus::Checked {
            return;
        }
        self.mapping_use.note(mapping, entry);
        let tally = self.item_tally(entry, findings);
        let (name, kind) = mapping.assign(entry);
        let ItemTally {
            applicable,
            missing,
            ..
        } = tally;
        if let Some(sample) = &mut self.sample {
            sample.offer(&name, index, entry, tally);
        }
        let (dept, county, s) = self.units.entry(name).or_default();
        match kind {
            UnitKind::Department => *dept += 1,
            UnitKind::County => *county += 1,
        }
        s.lot_items += 1;
        s.lot_checks += applicable;
        s.add_sampled(&tally);
        if is_public_service(&entry.item_type) {
            s.public_missing += missing;
        } else {
            s.power_missing += missing;
        }
    }

    /// The entry's appendix element checks, judged from its own findings.
    fn item_tally(&mut self, entry: &ItemEntry, findings: &[Finding]) -> ItemTally {
        let mut t = ItemTally::default();
        for (i, (rule, outcome)) in entry.outcomes.iter().enumerate() {
            if *outcome == Outcome::NotApplicable || !self.is_appendix(i, rule) {
                continue;
            }
            t.applicable += 1;
            if *outcome == Outcome::Fail {
                t.failed += 1;
                let rule: &str = rule;
                if findings.iter().any(|f| {
                    f.severity == Severity::Error
                        && f.rule == rule
                        && is_missing_evidence(&f.evidence)
                }) {
                    t.missing += 1;
                }
            }
        }
        t
    }

    /// The census scores, by unit name, with overlaps flagged.
    pub fn scores(&self, opts: ScoreOptions) -> Vec<UnitScore> {
        let mut scores: Vec<UnitScore> = self
            .units
            .iter()
            // A census has no sampling error: no design effect to weigh.
            .map(|(name, (dept, county, sums))| {
                score_from_sums(name.clone(), majority_kind(*dept, *county), sums, opts, 1.0)
            })
            .collect();
        flag_overlaps(&mut scores);
        scores
    }

    /// What `mapping` (the one given to [`CensusTally::add`]) did not do for the items added:
    /// see [`MappingUse`].
    pub fn mapping_issues(&self, mapping: &UnitMapping) -> Vec<FileIssue> {
        self.mapping_use.issues(mapping)
    }

    /// The scores and the drawn sample: census scores and no rows without a sample; with one,
    /// the scores of the drawn items (units with nothing drawn are left out, as in
    /// [`score_units`](super::score_units)).
    pub fn finish(self, opts: ScoreOptions) -> (Vec<UnitScore>, Vec<Drawn>) {
        let Some(sample) = self.sample else {
            let scores = self.scores(opts);
            return (scores, Vec::new());
        };
        let kinds: BTreeMap<&str, UnitKind> = self
            .units
            .iter()
            .map(|(name, (dept, county, _))| (name.as_str(), majority_kind(*dept, *county)))
            .collect();
        let drawn = sample.finish(|u| kinds.get(u).copied().unwrap_or(UnitKind::Department));
        let mut sampled: BTreeMap<&str, UnitSums> = BTreeMap::new();
        for d in &drawn {
            sampled
                .entry(d.row.unit.as_str())
                .or_default()
                .add_sampled(&d.tally);
        }
        let design = design_effect(sampled.values());
        let mut scores: Vec<UnitScore> = self
            .units
            .iter()
            .filter_map(|(name, (dept, county, lot))| {
                let s = sampled.get(name.as_str())?;
                let sums = UnitSums {
                    lot_items: lot.lot_items,
                    lot_checks: lot.lot_checks,
                    power_missing: lot.power_missing,
                    public_missing: lot.public_missing,
                    ..*s
                };
                Some(score_from_sums(
                    name.clone(),
                    majority_kind(*dept, *county),
                    &sums,
                    opts,
                    design,
                ))
            })
            .collect();
        flag_overlaps(&mut scores);
        (scores, drawn)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::check_records;
    use crate::r#gen::{GenOptions, generate};
    use crate::report::Outcomes;
    use crate::rules::{CheckContext, RuleSet};
    use crate::score::{RateKind, score_units};
    use crate::source::Record;
    use proptest::prelude::*;

    /// The plain way: a set lookup per outcome, and the findings scanned per failed outcome.
    fn plain_tally(
        appendix: &BTreeSet<String>,
        entry: &ItemEntry,
        findings: &[Finding],
    ) -> ItemTally {
        let mut t = ItemTally::default();
        for (rule, outcome) in &entry.outcomes {
            if !appendix.contains(&**rule) {
                continue;
            }
            match outcome {
                Outcome::NotApplicable => {}
                Outcome::Pass => t.applicable += 1,
                Outcome::Fail => {
                    t.applicable += 1;
                    t.failed += 1;
                    if findings.iter().any(|f| {
                        f.severity == Severity::Error
                            && f.rule == **rule
                            && is_missing_evidence(&f.evidence)
                    }) {
                        t.missing += 1;
                    }
                }
            }
        }
        t
    }

    /// Rule ids of the entries below; the first eight are appendix rules.
    const IDS: [&str; 12] = [
        "A01", "A02", "B01", "B09", "C03", "D01", "E02", "G03", "Q01", "Q02", "X1", "Z9",
    ];

    proptest! {
        /// Entries with any subset of the rules, ids borrowed or owned, outcomes and findings
        /// of any kind, one after another through the same tally (so that the remembered
        /// positions are right, shifted or stale).
        #[test]
        fn item_tallies_are_the_plain_tallies(
            items in proptest::collection::vec(
                (
                    proptest::collection::vec(
                        (any::<bool>(), any::<bool>(), 0..3usize),
                        IDS.len(),
                    ),
                    proptest::collection::vec(
                        (0..IDS.len(), any::<bool>(), proptest::sample::select(vec!["", "无", "0", "x"])),
                        0..6,
                    ),
                ),
                1..12,
            ),
        ) {
            let infos: Vec<RuleInfo> = IDS
                .iter()
                .enumerate()
                .map(|(i, id)| RuleInfo {
                    id: (*id).to_owned(),
                    name: String::new(),
                    element: String::new(),
                    category: String::new(),
                    appendix: i < 8,
                    severity: Severity::Error,
                })
                .collect();
            let mut tally = CensusTally::new(&infos);
            for (rules, found) in &items {
                let mut entry = report_entry();
                for (&id, &(present, owned, outcome)) in IDS.iter().zip(rules) {
                    if !present {
                        continue;
                    }
                    let id: Cow<'static, str> =
                        if owned { Cow::Owned(id.to_owned()) } else { Cow::Borrowed(id) };
                    let outcome = [Outcome::Pass, Outcome::Fail, Outcome::NotApplicable][outcome];
                    entry.outcomes.insert(id, outcome);
                }
                let findings: Vec<Finding> = found
                    .iter()
                    .map(|(rule, error, evidence)| Finding {
                        severity: if *error { Severity::Error } else { Severity::Warning },
                        evidence: (*evidence).to_owned(),
                        ..finding(IDS[*rule])
                    })
                    .collect();
                prop_assert_eq!(
                    tally.item_tally(&entry, &findings),
                    plain_tally(&tally.appendix, &entry, &findings)
                );
            }
        }
    }

    fn report_entry() -> ItemEntry {
        ItemEntry {
            code: "c".into(),
            name: "n".into(),
            unit: "u".into(),
            unit_kind: UnitKind::County,
            item_type: String::new(),
            subject: String::new(),
            region_code: String::new(),
            provenance: crate::model::Provenance::default(),
            status: ItemStatus::Checked,
            reason: None,
            outcomes: Outcomes::new(),
            errors: 0,
            warnings: 0,
            waived: 0,
        }
    }

    fn finding(rule: &str) -> Finding {
        Finding {
            rule: rule.to_owned(),
            rule_name: "".into(),
            element: "".into(),
            severity: Severity::Error,
            item_code: String::new(),
            item_name: String::new(),
            unit: String::new(),
            target: None,
            message: String::new(),
            evidence: String::new(),
            suggestion: "".into(),
            provenance: crate::model::Provenance::default(),
        }
    }

    #[test]
    fn census_tally_scores_like_score_units() {
        let records = (0..3000)
            .map(|i| {
                let opts = GenOptions {
                    seed: 4,
                    defect_rate: 0.5,
                    ..GenOptions::default()
                };
                Record::Item(Box::new(generate(opts, i).item))
            })
            .collect();
        let report = check_records(
            records,
            &RuleSet::default(),
            &CheckContext::default(),
            crate::check::RunInfo::default(),
        );
        assert!(report.summary.errors > 100);
        let mapping = UnitMapping::default();
        let mut tally = CensusTally::new(&report.rules);
        // Findings are grouped by item in the report, in item order.
        let mut rest = report.findings.as_slice();
        for entry in &report.items {
            let n = rest
                .iter()
                .take_while(|f| f.item_code == entry.code && f.item_name == entry.name)
                .count();
            tally.add(entry, &rest[..n], &mapping);
            rest = &rest[n..];
        }
        assert!(rest.is_empty());
        for rate_kind in [RateKind::Element, RateKind::Item] {
            let opts = ScoreOptions {
                rate_kind,
                decimals: 2,
            };
            let want = score_units(&report, &mapping, None, None, opts);
            assert!(want.len() > 50, "{} units", want.len());
            assert!(want.iter().any(|s| s.failed_checks > 0));
            assert_eq!(tally.scores(opts), want);
        }
    }

    /// Items that share 实施编码 and 事项名称 (listed twice: apart, and one right after another)
    /// count their own findings in a report read back, as the census counts them: the first and
    /// the last left 办理时间 empty (缺项), the middle one wrote it wrongly. Pooled by code and
    /// name, all three counted a missing element.
    #[test]
    fn items_sharing_code_and_name_count_their_own_findings() {
        let mut report = check_records(
            Vec::new(),
            &RuleSet::default(),
            &CheckContext::default(),
            crate::check::RunInfo::default(),
        );
        let entry = |code: &str, row: u64, outcome: Outcome, errors: usize| {
            let mut e = report_entry();
            e.code = code.into();
            e.name = "食品经营许可".into();
            e.provenance = crate::model::Provenance::row("池州市.xlsx", row);
            e.outcomes.insert("B10".into(), outcome);
            e.errors = errors;
            e
        };
        let code = "11341700MB1528406Q3000117001000";
        report.items = vec![
            entry(code, 2, Outcome::Fail, 1),
            entry("11341700MB1528406Q3000117002000", 3, Outcome::Pass, 0),
            entry(code, 9, Outcome::Fail, 1),
            entry(code, 10, Outcome::Fail, 1),
        ];
        let hours = |evidence: &str| Finding {
            item_code: code.into(),
            item_name: "食品经营许可".into(),
            evidence: evidence.into(),
            ..finding("B10")
        };
        report.findings = vec![hours(""), hours("周一至周五"), hours("无")];
        let plain = crate::score::compute::tally_items(&report, &[]);
        assert_eq!(
            plain
                .iter()
                .map(|t| (t.failed, t.missing))
                .collect::<Vec<_>>(),
            [(1, 1), (0, 0), (1, 0), (1, 1)]
        );
        let mut census = CensusTally::new(&report.rules);
        let own = [0..1, 1..1, 1..2, 2..3];
        for ((entry, span), want) in report.items.iter().zip(own).zip(&plain) {
            assert_eq!(&census.item_tally(entry, &report.findings[span]), want);
        }
    }
}
