//! From a report's per-element outcomes to [`UnitScore`]s: per-item tallies (applicable, failing
//! and missing appendix elements), per-unit aggregation over the lot and the sample, intervals,
//! completeness and the overlap flags. See the parent module docs for the formulas.

use std::collections::{BTreeMap, BTreeSet};

use super::formula::{completeness_points, rate, score, wilson};
use super::units::UnitMapping;
use super::{Completeness, RateKind, UnitScore};
use crate::model::text::is_blank_or_placeholder;
use crate::model::{Outcome, Severity};
use crate::report::{ItemStatus, Report};
use crate::unit::UnitKind;

/// How to score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScoreOptions {
    /// Element or item rate.
    pub rate_kind: RateKind,
    /// Decimals of the rounded scores.
    pub decimals: u32,
}

impl Default for ScoreOptions {
    fn default() -> Self {
        Self {
            rate_kind: RateKind::Element,
            decimals: 2,
        }
    }
}

/// One item's appendix element checks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ItemTally {
    /// Applicable appendix element checks (pass + fail; n/a excluded).
    pub applicable: usize,
    /// Failing appendix element checks.
    pub failed: usize,
    /// Failing appendix elements found empty (缺项): an error finding whose 原文 is blank or a
    /// placeholder such as `无`, `/`, `暂无` (but not `0`, which is a value).
    pub missing: usize,
}

/// Whether a finding's evidence means "the element was not filled in".
pub fn is_missing_evidence(evidence: &str) -> bool {
    let t = evidence.trim();
    t != "0" && is_blank_or_placeholder(t)
}

/// The ids of the rules that count: appendix rules of the report.
pub fn appendix_rules(report: &Report) -> BTreeSet<&str> {
    report
        .rules
        .iter()
        .filter(|r| r.appendix)
        .map(|r| r.id.as_str())
        .collect()
}

/// Tallies every item of the report. `kept[f]` says whether finding `f` still stands (all `true`
/// for the automatic score; rejected findings `false` after review). An element that failed is
/// recomputed as passing when every error finding it had was rejected.
pub fn tally_items(report: &Report, kept: &[bool]) -> Vec<ItemTally> {
    let appendix = appendix_rules(report);
    // (code, name, rule) → (error findings, kept error findings, kept missing-evidence findings)
    let mut errs: BTreeMap<(&str, &str, &str), (usize, usize, usize)> = BTreeMap::new();
    for (i, f) in report.findings.iter().enumerate() {
        if f.severity != Severity::Error {
            continue;
        }
        let e = errs
            .entry((f.item_code.as_str(), f.item_name.as_str(), f.rule.as_str()))
            .or_default();
        e.0 += 1;
        if kept.get(i).copied().unwrap_or(true) {
            e.1 += 1;
            if is_missing_evidence(&f.evidence) {
                e.2 += 1;
            }
        }
    }
    report
        .items
        .iter()
        .map(|item| {
            let mut t = ItemTally::default();
            if item.status != ItemStatus::Checked {
                return t;
            }
            for (rule, outcome) in &item.outcomes {
                if !appendix.contains(rule.as_ref()) {
                    continue;
                }
                match outcome {
                    Outcome::NotApplicable => {}
                    Outcome::Pass => t.applicable += 1,
                    Outcome::Fail => {
                        t.applicable += 1;
                        let key = (item.code.as_str(), item.name.as_str(), rule.as_ref());
                        let (all, still, missing) = errs.get(&key).copied().unwrap_or_default();
                        let overturned = all > 0 && still == 0;
                        if !overturned {
                            t.failed += 1;
                            if missing > 0 {
                                t.missing += 1;
                            }
                        }
                    }
                }
            }
            t
        })
        .collect()
}

/// Whether a 事项类型 (code or label) is 公共服务 (code 20); everything else, including an empty
/// type, counts as 权力事项.
pub fn is_public_service(item_type: &str) -> bool {
    let t = item_type.trim();
    t == "20" || t.contains("公共服务")
}

/// The checked items of each unit (the lots), by unit name, with the unit's kind (the kind most
/// of its items have; 市直部门 on a tie). Item indices are sorted by (实施编码, index).
pub fn lots(report: &Report, mapping: &UnitMapping) -> BTreeMap<String, (UnitKind, Vec<usize>)> {
    let mut by_unit: BTreeMap<String, (usize, usize, Vec<usize>)> = BTreeMap::new();
    for (i, item) in report.items.iter().enumerate() {
        if item.status != ItemStatus::Checked {
            continue;
        }
        let (name, kind) = mapping.assign(item);
        let e = by_unit.entry(name).or_default();
        match kind {
            UnitKind::Department => e.0 += 1,
            UnitKind::County => e.1 += 1,
        }
        e.2.push(i);
    }
    by_unit
        .into_iter()
        .map(|(name, (dept, county, mut idx))| {
            idx.sort_by(|&a, &b| {
                report.items[a]
                    .code
                    .cmp(&report.items[b].code)
                    .then(a.cmp(&b))
            });
            (name, (majority_kind(dept, county), idx))
        })
        .collect()
}

/// A unit's kind: the kind most of its items have (by count of 市直部门 and 县区 items), 市直部门
/// on a tie.
pub fn majority_kind(dept: usize, county: usize) -> UnitKind {
    if county > dept {
        UnitKind::County
    } else {
        UnitKind::Department
    }
}

/// Scores every unit. `sample` is the set of report item indices scored (`None`: every checked
/// item, a census); units with no sampled item are left out (not assessed). `reviewed` is the
/// tallies after review, when a review was applied: the reviewed rate gets its own interval (by
/// the same formula), while overlaps are those of the automatic score.
pub fn score_units(
    report: &Report,
    mapping: &UnitMapping,
    sample: Option<&BTreeSet<usize>>,
    reviewed: Option<&[ItemTally]>,
    opts: ScoreOptions,
) -> Vec<UnitScore> {
    let auto = tally_items(report, &vec![true; report.findings.len()]);
    let mut scores: Vec<UnitScore> = lots(report, mapping)
        .into_iter()
        .filter_map(|(unit, (kind, lot))| {
            let chosen: Vec<usize> = lot
                .iter()
                .copied()
                .filter(|i| sample.is_none_or(|s| s.contains(i)))
                .collect();
            // A unit none of whose items was sampled was not assessed: it gets no score.
            if chosen.is_empty() && !lot.is_empty() {
                return None;
            }
            let mut s = unit_score(unit, kind, &lot, &chosen, &auto, report, opts);
            if let Some(rev) = reviewed {
                let r = unit_score(s.unit.clone(), kind, &lot, &chosen, rev, report, opts);
                s.reviewed_score = Some(r.score);
                s.reviewed_rate = Some(r.rate);
                s.reviewed_completeness = r.completeness;
                s.reviewed_failed_checks = Some(r.failed_checks);
                s.reviewed_items_with_errors = Some(r.items_with_errors);
                s.reviewed_rate_low = Some(r.rate_low);
                s.reviewed_rate_high = Some(r.rate_high);
                s.reviewed_score_low = Some(r.score_low);
                s.reviewed_score_high = Some(r.score_high);
            }
            Some(s)
        })
        .collect();
    flag_overlaps(&mut scores);
    scores
}

fn unit_score(
    unit: String,
    kind: UnitKind,
    lot: &[usize],
    chosen: &[usize],
    tally: &[ItemTally],
    report: &Report,
    opts: ScoreOptions,
) -> UnitScore {
    let sum = |idx: &[usize], f: fn(&ItemTally) -> usize| -> usize {
        idx.iter().map(|&i| f(&tally[i])).sum()
    };
    let (mut power_missing, mut public_missing) = (0, 0);
    for &i in lot {
        if is_public_service(&report.items[i].item_type) {
            public_missing += tally[i].missing;
        } else {
            power_missing += tally[i].missing;
        }
    }
    let sums = UnitSums {
        lot_items: lot.len(),
        lot_checks: sum(lot, |t| t.applicable),
        sampled: chosen.len(),
        items_with_errors: chosen.iter().filter(|&&i| tally[i].failed > 0).count(),
        checks: sum(chosen, |t| t.applicable),
        failed_checks: sum(chosen, |t| t.failed),
        power_missing,
        public_missing,
    };
    score_from_sums(unit, kind, &sums, opts)
}

/// What a unit's score is computed from: sums over its lot and its sample.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct UnitSums {
    /// Checked items of the unit (the lot).
    pub lot_items: usize,
    /// Applicable appendix element checks over the lot.
    pub lot_checks: usize,
    /// Items sampled.
    pub sampled: usize,
    /// Sampled items with at least one failing element.
    pub items_with_errors: usize,
    /// Applicable element checks over the sample.
    pub checks: usize,
    /// Failing element checks over the sample.
    pub failed_checks: usize,
    /// Missing elements over the lot's 权力事项.
    pub power_missing: usize,
    /// Missing elements over the lot's 公共服务事项.
    pub public_missing: usize,
}

/// The score from a unit's sums (the formulas of the module docs; overlaps not yet flagged).
pub fn score_from_sums(
    unit: String,
    kind: UnitKind,
    sums: &UnitSums,
    opts: ScoreOptions,
) -> UnitScore {
    let (x, n, big_n) = match opts.rate_kind {
        RateKind::Element => (sums.failed_checks, sums.checks, sums.lot_checks),
        RateKind::Item => (sums.items_with_errors, sums.sampled, sums.lot_items),
    };
    let r = rate(x, n);
    let (rate_low, rate_high) = wilson(x, n, Some(big_n));
    let full_marks = match kind {
        UnitKind::Department => 14.0,
        UnitKind::County => 8.0,
    };
    let completeness = (kind == UnitKind::County).then(|| Completeness {
        power_missing: sums.power_missing,
        power_points: completeness_points(sums.power_missing),
        public_missing: sums.public_missing,
        public_points: completeness_points(sums.public_missing),
    });
    UnitScore {
        unit,
        kind,
        items: sums.lot_items,
        sampled: sums.sampled,
        items_with_errors: sums.items_with_errors,
        checks: sums.checks,
        failed_checks: sums.failed_checks,
        rate_kind: opts.rate_kind,
        rate: r,
        rate_low,
        rate_high,
        full_marks,
        score: score(full_marks, r, opts.decimals),
        score_low: score(full_marks, rate_high, opts.decimals),
        score_high: score(full_marks, rate_low, opts.decimals),
        completeness,
        reviewed_score: None,
        reviewed_rate: None,
        reviewed_completeness: None,
        reviewed_failed_checks: None,
        reviewed_items_with_errors: None,
        reviewed_rate_low: None,
        reviewed_rate_high: None,
        reviewed_score_low: None,
        reviewed_score_high: None,
        overlaps_with: Vec::new(),
    }
}

/// Fills `overlaps_with`: units of the same kind (ranked together) whose score intervals
/// `[score_low, score_high]` intersect. Two points (a census, or intervals narrower than the
/// rounding) are never flagged: equal points are a tie in the table, not sampling luck.
pub fn flag_overlaps(scores: &mut [UnitScore]) {
    let spans: Vec<(String, UnitKind, f64, f64)> = scores
        .iter()
        .map(|s| (s.unit.clone(), s.kind, s.score_low, s.score_high))
        .collect();
    for s in scores.iter_mut() {
        s.overlaps_with = spans
            .iter()
            .filter(|(u, k, lo, hi)| {
                *u != s.unit
                    && *k == s.kind
                    && *lo <= s.score_high
                    && s.score_low <= *hi
                    && (lo < hi || s.score_low < s.score_high)
            })
            .map(|(u, ..)| u.clone())
            .collect();
    }
}
