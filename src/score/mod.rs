//! Sampling and scoring: from per-element outcomes to the 14-point (市直部门, 附件1 row 11) and
//! 8-point (县区, 附件2 row 14) accuracy scores with their uncertainty. Pure functions; the
//! formulas are written out in the docs of the functions that compute them.

use serde::{Deserialize, Serialize};

use crate::unit::UnitKind;

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
    /// Units whose score interval overlaps this one's: their ranking is within sampling luck.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub overlaps_with: Vec<String>,
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
