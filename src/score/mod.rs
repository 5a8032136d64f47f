//! Sampling and scoring: from per-element outcomes to the 14-point (市直部门, 附件1 row 11) and
//! 8-point (县区, 附件2 row 14) accuracy scores with their uncertainty. Pure functions over a
//! [`Report`]; files handed to and back from assessors (sample lists,
//! review lists, unit mappings) are read and written in [`sample_file`], [`review`] and [`units`].
//!
//! # Formulas
//!
//! Only element checks of appendix rules (`rules[].appendix = true`) count; `n/a` is never counted;
//! a check fails only with a finding of severity error (warnings never count).
//!
//! - **要素出错率 (element rate)** = failing element checks ÷ applicable element checks, over the
//!   unit's sampled items. **事项出错率 (item rate)** = sampled items with ≥ 1 failing element ÷
//!   sampled items. Nothing applicable ⇒ rate 0.
//! - **Score** = `max(0, F × (1 − rate))` with `F = 14` (市直部门, 附件1 row 11 "抽查不符合的按比例扣减")
//!   or `F = 8` (县区/管委会, 附件2 row 14 "按抽查出错率扣减"), rounded half away from zero to
//!   `[score] decimals` places (default 2).
//! - **Interval**: the 95% Wilson interval of the rate with finite-population correction
//!   ([`formula::wilson`]) over the items drawn (`m` of the unit's `N` checked items). For the item
//!   rate that is Wilson's over the sampled items. For the element rate, whose checks are drawn
//!   together with their item and whose errors cluster in items, it is Wilson's over `n / D`
//!   effective checks, `D` the design effect pooled over the run's sampled units
//!   ([`compute::design_effect`]); treating the checks as independent covered the lot's rate only
//!   83–87 % of the time on generated exports, the widened interval 95–97 % (`score::tests::intervals`
//!   simulates it). The score interval is `[score(rate_high), score(rate_low)]`. Scoring every item
//!   is a census: the interval is the point.
//! - **overlaps_with**: the units of the same kind whose score intervals intersect this one's —
//!   their order in a ranking is within sampling luck. Two point intervals (a census, or intervals
//!   narrower than the rounding) are never flagged: equal points are a tie, not luck.
//! - **编制完整 (completeness, 附件2 rows 11–12)**, for 县区 units only, over all checked items of
//!   the unit (the platform check is of the whole list, not the sample):
//!   `max(0, 0.5 − 0.1 × missing)`, once for 权力事项 (事项类型 other than 20/公共服务, including
//!   an empty type) and once for 公共服务事项. A **missing element** (缺项) is an (item, appendix
//!   element) whose check failed with an error finding whose 原文 is empty or a placeholder
//!   (`无`, `/`, `暂无`, …; see [`compute::is_missing_evidence`]).
//! - **Review (复核)**: rejected findings are removed; an element that failed passes again when no
//!   error finding of that item and rule remains; the report keeps the automatic score and adds
//!   `reviewed_score` (and `reviewed_rate`, `reviewed_completeness`, and the reviewed `x` —
//!   `reviewed_failed_checks` / `reviewed_items_with_errors`, over the same `n` — with the
//!   reviewed rate's and score's intervals, by the same formulas).
//!
//! Sampling ([`sample`]): per unit, reproducible from a seed, by count, fraction, all, or the
//! GB/T 2828.1 level-II table, optionally stratified by 事项类型.

pub mod census;
pub mod compute;
pub mod formula;
pub mod prng;
pub mod reservoir;
pub mod review;
pub mod sample;
pub mod sample_file;
pub mod table;
#[cfg(test)]
pub(crate) mod tests;
pub mod units;

pub use compute::{ScoreOptions, score_units};
pub use sample::{SampleMethod, SampleSpec};
pub use units::{UnitMapping, UnitMode};

use serde::{Deserialize, Serialize};

use crate::report::Report;
use crate::unit::UnitKind;

/// Scores every checked item of a report (a census: no sample, no review) as `[score]` says:
/// what `check` and `audit` put into the report. Bad rows of the mapping file come back as issues,
/// and so do its rows that named no item and the 实施主体 no row covered.
pub fn score_census(
    report: &Report,
    config: &ScoreConfig,
) -> Result<(Vec<UnitScore>, Vec<table::FileIssue>), table::TableError> {
    let (mapping, opts, mut issues) = census_setup(config)?;
    issues.extend(mapping.coverage(&report.items));
    Ok((score_units(report, &mapping, None, None, opts), issues))
}

/// The unit mapping and options `[score]` asks for, with the mapping file's bad rows.
pub fn census_setup(
    config: &ScoreConfig,
) -> Result<(UnitMapping, ScoreOptions, Vec<table::FileIssue>), table::TableError> {
    let (mapping, issues) = match &config.mapping {
        Some(path) => UnitMapping::load(path, config.units)?,
        None => (
            UnitMapping {
                mode: config.units,
                ..UnitMapping::default()
            },
            Vec::new(),
        ),
    };
    let opts = ScoreOptions {
        rate_kind: config.rate,
        decimals: config.decimals,
    };
    Ok((mapping, opts, issues))
}

/// Which error rate a score is computed from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RateKind {
    /// 要素出错率 — failing element checks ÷ applicable element checks (errors only, n/a excluded).
    #[default]
    Element,
    /// 事项出错率 — sampled items with at least one error ÷ sampled items.
    Item,
}

impl RateKind {
    /// The Chinese name used in reports.
    pub fn label_zh(self) -> &'static str {
        match self {
            RateKind::Element => "要素出错率",
            RateKind::Item => "事项出错率",
        }
    }
}

/// One unit's accuracy score, as reports show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnitScore {
    /// 被考核单位.
    pub unit: String,
    /// Department (14 points) or county (8 points).
    pub kind: UnitKind,
    /// Items of the unit in the input (the lot).
    pub items: usize,
    /// Items sampled and scored.
    pub sampled: usize,
    /// Sampled items with at least one error.
    pub items_with_errors: usize,
    /// Applicable element checks over the sample (appendix elements only).
    pub checks: usize,
    /// Failing element checks over the sample.
    pub failed_checks: usize,
    /// Which rate the score uses.
    pub rate_kind: RateKind,
    /// The error rate (0–1).
    pub rate: f64,
    /// 95% interval of the rate (Wilson, finite-population corrected when sampled from a known lot).
    pub rate_low: f64,
    /// Upper end of the rate interval.
    pub rate_high: f64,
    /// Full marks: 14 or 8.
    pub full_marks: f64,
    /// `full_marks × (1 − rate)`, rounded.
    pub score: f64,
    /// Score at the upper end of the rate interval.
    pub score_low: f64,
    /// Score at the lower end of the rate interval.
    pub score_high: f64,
    /// 编制完整 points for 权力事项 and 公共服务事项 (附件2 rows 11–12), when computed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completeness: Option<Completeness>,
    /// The score after assessor review (复核), when a review file was applied.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewed_score: Option<f64>,
    /// The error rate after assessor review, when a review file was applied.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewed_rate: Option<f64>,
    /// Completeness after assessor review, when a review file was applied (县区 only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewed_completeness: Option<Completeness>,
    /// Failing element checks over the sample after review (what the reviewed element rate is
    /// computed from, over the same [`UnitScore::checks`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewed_failed_checks: Option<usize>,
    /// Sampled items with an error after review (the reviewed item rate's numerator).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewed_items_with_errors: Option<usize>,
    /// Lower end of the reviewed rate's 95% interval (same formula as the automatic one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewed_rate_low: Option<f64>,
    /// Upper end of the reviewed rate's 95% interval.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewed_rate_high: Option<f64>,
    /// Reviewed score at the upper end of the reviewed rate interval.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewed_score_low: Option<f64>,
    /// Reviewed score at the lower end of the reviewed rate interval.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewed_score_high: Option<f64>,
    /// Units whose score interval overlaps this one's: their ranking is within sampling luck.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub overlaps_with: Vec<String>,
    /// How much wider than independent checks the element rate's interval was made, because an
    /// item's checks are drawn together ([`compute::design_effect`]); absent when not widened.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub design_effect: Option<f64>,
}

/// 实施清单编制完整 points (附件2 rows 11–12): `max(0, 0.5 − 0.1 × missing)` each.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Completeness {
    /// Elements missing across the unit's 权力事项.
    pub power_missing: usize,
    /// Points for 权力事项 (0–0.5).
    pub power_points: f64,
    /// Elements missing across the unit's 公共服务事项.
    pub public_missing: usize,
    /// Points for 公共服务事项 (0–0.5).
    pub public_points: f64,
}

/// The `[score]` section of the configuration file. CLI flags override it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ScoreConfig {
    /// `element` (要素出错率, default) or `item` (事项出错率).
    pub rate: RateKind,
    /// Decimals of the rounded scores (default 2).
    pub decimals: u32,
    /// Sampling method: `count:N`, `fraction:F`, `all` or `gb2828` (default).
    pub method: String,
    /// Sampling seed; required (here or with `--seed`) to draw a sample.
    pub seed: Option<u64>,
    /// Stratify the sample by 事项类型.
    pub stratify: bool,
    /// Unit grouping: `default`, `subject` (实施主体) or `region` (行政区划代码).
    pub units: UnitMode,
    /// A unit mapping file (CSV or XLSX: 实施主体/区划, 考核单位, 类型).
    pub mapping: Option<std::path::PathBuf>,
}

impl Default for ScoreConfig {
    fn default() -> Self {
        Self {
            rate: RateKind::Element,
            decimals: 2,
            method: "gb2828".to_owned(),
            seed: None,
            stratify: false,
            units: UnitMode::Default,
            mapping: None,
        }
    }
}
