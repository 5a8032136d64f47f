//! Census scores accumulated item by item, for the streaming check: per unit only the
//! [`UnitSums`] are kept, and the scores come from the same [`score_from_sums`] as
//! [`score_units`](super::score_units) with no sample (every checked item scored).
//!
//! One difference from [`tally_items`](super::compute::tally_items): an item's missing elements
//! are judged from its own findings, where the report-wide tally pools the findings of items that
//! share 实施编码 and 事项名称.

use std::collections::{BTreeMap, BTreeSet};

use super::UnitScore;
use super::compute::{
    ScoreOptions, UnitSums, flag_overlaps, is_missing_evidence, is_public_service, score_from_sums,
};
use super::units::UnitMapping;
use crate::model::{Finding, Outcome, Severity};
use crate::report::{ItemEntry, ItemStatus, RuleInfo};
use crate::unit::UnitKind;

/// Per-unit sums over the items seen so far.
#[derive(Debug, Clone, Default)]
pub struct CensusTally {
    appendix: BTreeSet<String>,
    /// unit → (department items, county items, sums)
    units: BTreeMap<String, (usize, usize, UnitSums)>,
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
            units: BTreeMap::new(),
        }
    }

    /// Adds one report entry and its findings.
    pub fn add(&mut self, entry: &ItemEntry, findings: &[Finding], mapping: &UnitMapping) {
        if entry.status != ItemStatus::Checked {
            return;
        }
        let (mut applicable, mut failed, mut missing) = (0, 0, 0);
        for (rule, outcome) in &entry.outcomes {
            if !self.appendix.contains(rule) {
                continue;
            }
            match outcome {
                Outcome::NotApplicable => {}
                Outcome::Pass => applicable += 1,
                Outcome::Fail => {
                    applicable += 1;
                    failed += 1;
                    if findings.iter().any(|f| {
                        f.severity == Severity::Error
                            && &f.rule == rule
                            && is_missing_evidence(&f.evidence)
                    }) {
                        missing += 1;
                    }
                }
            }
        }
        let (name, kind) = mapping.assign(entry);
        let (dept, county, s) = self.units.entry(name).or_default();
        match kind {
            UnitKind::Department => *dept += 1,
            UnitKind::County => *county += 1,
        }
        s.lot_items += 1;
        s.sampled += 1;
        s.lot_checks += applicable;
        s.checks += applicable;
        s.failed_checks += failed;
        s.items_with_errors += usize::from(failed > 0);
        if is_public_service(&entry.item_type) {
            s.public_missing += missing;
        } else {
            s.power_missing += missing;
        }
    }

    /// The census scores, by unit name, with overlaps flagged.
    pub fn scores(&self, opts: ScoreOptions) -> Vec<UnitScore> {
        let mut scores: Vec<UnitScore> = self
            .units
            .iter()
            .map(|(name, (dept, county, sums))| {
                let kind = if county > dept {
                    UnitKind::County
                } else {
                    UnitKind::Department
                };
                score_from_sums(name.clone(), kind, sums, opts)
            })
            .collect();
        flag_overlaps(&mut scores);
        scores
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::check_records;
    use crate::r#gen::{GenOptions, generate};
    use crate::rules::{CheckContext, RuleSet};
    use crate::score::{RateKind, score_units};
    use crate::source::Record;

    #[test]
    fn census_tally_scores_like_score_units() {
        let records = (0..3000)
            .map(|i| {
                let opts = GenOptions {
                    seed: 4,
                    defect_rate: 0.5,
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
}
