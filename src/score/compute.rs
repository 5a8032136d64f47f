//! From a report's per-element outcomes to [`UnitScore`]s: per-item tallies (applicable, failing
//! and missing appendix elements), per-unit aggregation over the lot and the sample, intervals,
//! completeness and the overlap flags. See the parent module docs for the formulas.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::formula::{completeness_points, fpc, rate, score, wilson, wilson_effective};
use super::units::UnitMapping;
use super::{Completeness, RateKind, UnitScore};
use crate::model::text::is_blank_or_placeholder;
use crate::model::{Outcome, Provenance, Severity};
use crate::report::{ItemEntry, ItemStatus, Report};
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
    let checks = ElementChecks::new(report, kept);
    report.items.iter().map(|item| checks.tally(item)).collect()
}

/// What the scores count of each item of one report: its applicable appendix element checks and
/// which of them fail (and were found empty), after a review when `kept` says so. Built once per
/// report; [`tally_items`] counts with it, and the 事项 sheet lists the failing elements with it so
/// that an assessor can recount a unit's score item by item.
pub struct ElementChecks<'r> {
    appendix: BTreeSet<&'r str>,
    /// (item, rule) → (error findings, kept error findings, kept missing-evidence findings); an
    /// item by its place, 实施编码 and 事项名称 ([`ItemKey`]).
    errors: HashMap<(ItemKey<'r>, &'r str), (usize, usize, usize)>,
}

/// One failing appendix element check of an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FailedCheck<'r> {
    /// The rule that checks the element.
    pub rule: &'r str,
    /// Whether the element was found empty (缺项, counted by 编制完整).
    pub missing: bool,
}

/// An item of a report, as its findings are told apart: by where it was read as well as by its
/// 实施编码 and 事项名称, since an item may be listed twice (in two files, or twice in one).
type ItemKey<'r> = (&'r Provenance, &'r str, &'r str);

fn key_of(item: &ItemEntry) -> ItemKey<'_> {
    (&item.provenance, &item.code, &item.name)
}

/// The item each finding of `report` is of, by index (`None` for a finding of no item).
///
/// Findings are listed item by item, in item order, as every report is written; each goes to the
/// first item with its 实施编码 and 事项名称 from the one the finding before went to on (to the
/// first such item anywhere when there is none after: a report not in order). An item followed by
/// another with the same code and name gets as many as it counts (errors, warnings and the
/// waived findings `audit` lists with them) before the next one gets any. Keyed by code and name
/// alone, two such items each counted the other's findings, and the scores of a report read back differed from those the streaming check counts
/// item by item.
pub(crate) fn owners(report: &Report) -> Vec<Option<usize>> {
    let mut by_key: HashMap<(&str, &str), Vec<usize>> = HashMap::new();
    for (j, item) in report.items.iter().enumerate() {
        by_key
            .entry((item.code.as_str(), item.name.as_str()))
            .or_default()
            .push(j);
    }
    let mut at = 0;
    let mut given = 0;
    report
        .findings
        .iter()
        .map(|f| {
            let list = by_key.get(&(f.item_code.as_str(), f.item_name.as_str()))?;
            let k = list.partition_point(|&j| j < at);
            let Some(&(mut owner)) = list.get(k) else {
                return Some(list[0]);
            };
            if owner == at {
                let entry = &report.items[owner];
                let full = entry.errors + entry.warnings + entry.waived;
                if given >= full
                    && let Some(&next) = list.get(k + 1)
                {
                    owner = next;
                }
            }
            if owner != at {
                (at, given) = (owner, 0);
            }
            given += 1;
            Some(owner)
        })
        .collect()
}

impl<'r> ElementChecks<'r> {
    /// The checks of `report`, with findings `f` where `kept[f]` is `false` rejected (a finding
    /// past the end of `kept` stands).
    pub fn new(report: &'r Report, kept: &[bool]) -> Self {
        let mut errors: HashMap<_, (usize, usize, usize)> = HashMap::new();
        for ((i, f), owner) in report.findings.iter().enumerate().zip(owners(report)) {
            if f.severity != Severity::Error {
                continue;
            }
            let Some(owner) = owner else {
                continue;
            };
            let e = errors
                .entry((key_of(&report.items[owner]), f.rule.as_str()))
                .or_default();
            e.0 += 1;
            if kept.get(i).copied().unwrap_or(true) {
                e.1 += 1;
                if is_missing_evidence(&f.evidence) {
                    e.2 += 1;
                }
            }
        }
        ElementChecks {
            appendix: appendix_rules(report),
            errors,
        }
    }

    /// The item's applicable appendix element checks and the failing ones, in outcome order
    /// (none for an item that could not be read).
    pub fn of<'i>(&self, item: &'i ItemEntry) -> (usize, Vec<FailedCheck<'i>>) {
        let mut applicable = 0;
        let mut failed = Vec::new();
        if item.status != ItemStatus::Checked {
            return (applicable, failed);
        }
        for (rule, outcome) in &item.outcomes {
            if !self.appendix.contains(rule.as_ref()) {
                continue;
            }
            match outcome {
                Outcome::NotApplicable => {}
                Outcome::Pass => applicable += 1,
                Outcome::Fail => {
                    applicable += 1;
                    let (all, still, missing) = self
                        .errors
                        .get(&(key_of(item), rule.as_ref()))
                        .copied()
                        .unwrap_or_default();
                    let overturned = all > 0 && still == 0;
                    if !overturned {
                        failed.push(FailedCheck {
                            rule: rule.as_ref(),
                            missing: missing > 0,
                        });
                    }
                }
            }
        }
        (applicable, failed)
    }

    /// The item's counts.
    pub fn tally(&self, item: &ItemEntry) -> ItemTally {
        let (applicable, failed) = self.of(item);
        ItemTally {
            applicable,
            failed: failed.len(),
            missing: failed.iter().filter(|c| c.missing).count(),
        }
    }
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
    let units: Vec<(String, UnitKind, UnitSums, Option<UnitSums>)> = lots(report, mapping)
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
            let sums = unit_sums(&lot, &chosen, &auto, report);
            let after_review = reviewed.map(|rev| unit_sums(&lot, &chosen, rev, report));
            Some((unit, kind, sums, after_review))
        })
        .collect();
    let design = design_effect(units.iter().map(|(_, _, sums, _)| sums));
    let mut scores: Vec<UnitScore> = units
        .into_iter()
        .map(|(unit, kind, sums, after_review)| {
            let mut s = score_from_sums(unit, kind, &sums, opts, design);
            if let Some(rev) = after_review {
                let r = score_from_sums(s.unit.clone(), kind, &rev, opts, design);
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
            s
        })
        .collect();
    flag_overlaps(&mut scores);
    scores
}

/// A unit's sums over its lot and its sampled (`chosen`) items, by `tally`.
fn unit_sums(lot: &[usize], chosen: &[usize], tally: &[ItemTally], report: &Report) -> UnitSums {
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
    let mut sums = UnitSums {
        lot_items: lot.len(),
        lot_checks: sum(lot, |t| t.applicable),
        power_missing,
        public_missing,
        ..UnitSums::default()
    };
    for &i in chosen {
        sums.add_sampled(&tally[i]);
    }
    sums
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
    /// Over the sampled items, with `x` an item's failing and `n` its applicable checks: Σx²,
    /// Σx·n and Σn², for how much the errors cluster in items ([`design_effect`]).
    pub sum_xx: usize,
    /// Σx·n over the sampled items.
    pub sum_xn: usize,
    /// Σn² over the sampled items.
    pub sum_nn: usize,
}

impl UnitSums {
    /// Counts a sampled item with this tally.
    pub fn add_sampled(&mut self, t: &ItemTally) {
        self.sampled += 1;
        self.items_with_errors += usize::from(t.failed > 0);
        self.checks += t.applicable;
        self.failed_checks += t.failed;
        self.sum_xx += t.failed * t.failed;
        self.sum_xn += t.failed * t.applicable;
        self.sum_nn += t.applicable * t.applicable;
    }

    /// Σ(x − r·n)² over the sampled items, with `r` the unit's element rate: how far the items'
    /// failing checks stray from what the rate predicts for them.
    fn squared_residuals(&self) -> f64 {
        let r = rate(self.failed_checks, self.checks);
        (self.sum_xx as f64 - 2.0 * r * self.sum_xn as f64 + r * r * self.sum_nn as f64).max(0.0)
    }
}

/// How many times wider than independent checks the element rate's uncertainty is, pooled over
/// the units' samples (at least 1).
///
/// The sample is drawn by item, not by check, and an item's checks are not independent: a clerk
/// who filled one element carelessly filled others so. The ratio estimator's variance of a unit's
/// rate, `m/(m − 1) · Σ(x − r·n)² / n_total²` over its `m` sampled items, against the binomial
/// `r(1 − r)/n_total`, is that unit's design effect; a unit of two sampled items says little about
/// it, so the units' are pooled: `D = Σ m/(m − 1)·Σ(x − r·n)² ÷ Σ n_total·r(1 − r)`, over units with
/// at least two items and a rate strictly between 0 and 1. With no such unit, 1. The element
/// rate's interval is then Wilson's over `n_total / D` effective checks (a unit with no error
/// gets a wider interval than its checks alone would give), corrected over items (`m` of `M`).
pub fn design_effect<'a>(units: impl IntoIterator<Item = &'a UnitSums>) -> f64 {
    let (mut spread, mut binomial) = (0.0, 0.0);
    for u in units {
        let r = rate(u.failed_checks, u.checks);
        if u.sampled < 2 || r <= 0.0 || r >= 1.0 {
            continue;
        }
        let m = u.sampled as f64;
        spread += m / (m - 1.0) * u.squared_residuals();
        binomial += u.checks as f64 * r * (1.0 - r);
    }
    if binomial > 0.0 {
        (spread / binomial).max(1.0)
    } else {
        1.0
    }
}

/// The score from a unit's sums (the formulas of the module docs; overlaps not yet flagged);
/// `design_effect` widens the element rate's interval ([`design_effect`]).
pub fn score_from_sums(
    unit: String,
    kind: UnitKind,
    sums: &UnitSums,
    opts: ScoreOptions,
    design_effect: f64,
) -> UnitScore {
    let (x, n) = match opts.rate_kind {
        RateKind::Element => (sums.failed_checks, sums.checks),
        RateKind::Item => (sums.items_with_errors, sums.sampled),
    };
    let r = rate(x, n);
    let (rate_low, rate_high) = match opts.rate_kind {
        RateKind::Item => wilson(x, n, Some(sums.lot_items)),
        // Checks cluster in items, and items were drawn: the correction is over items.
        RateKind::Element if n == 0 => wilson(0, 0, Some(sums.lot_checks)),
        RateKind::Element => wilson_effective(
            r,
            n as f64 / design_effect.max(1.0),
            fpc(sums.sampled, Some(sums.lot_items)),
        ),
    };
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
        design_effect: (opts.rate_kind == RateKind::Element
            && design_effect > 1.0
            && rate_low < rate_high)
            .then_some(design_effect),
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
