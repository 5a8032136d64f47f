//! [`HistoryView`]: what the history adds to a report — each finding's status (新增 / 未整改 /
//! 已整改 / 已移除) and age by fingerprint (and, for a problem found again under another
//! fingerprint, what it was: [`Carried`]), per-unit counts and trend, and the waiver report.
//! Plain data for the report writers; built by [`super::Store::diff`].

use serde::{Deserialize, Serialize};

use super::Waiver;
use crate::model::{Finding, Severity};

/// The history part of a report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HistoryView {
    /// This run.
    pub run: RunRef,
    /// The complete run compared against; `None` for the first run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<RunRef>,
    /// Runs between the baseline and this one that did not complete (failed or killed): not
    /// compared against, not counted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skipped_runs: Vec<RunRef>,
    /// Runs between the baseline and this one that completed without reading all their input
    /// (a file missing, unreadable or cut short): shown, but not compared against.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub partial_runs: Vec<RunRef>,
    /// What of this run's input could not be read (`place — reason`); when any, this run's
    /// 已移除 may only be unread, and later runs do not compare against it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub input_problems: Vec<String>,
    /// Whether the check's settings (rules, severities, `[check]` values, tool version) differ
    /// from the baseline's: then 已整改 may be the settings' doing.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub settings_changed: bool,
    /// Items whose results were reused from an earlier run (content and configuration unchanged).
    pub reused_items: usize,
    /// Every finding of this run (新增/未整改) and every baseline finding no longer found
    /// (已整改/已移除), sorted by fingerprint.
    pub findings: Vec<FindingHistory>,
    /// Per unit, sorted by unit name.
    pub units: Vec<UnitHistory>,
    /// Waivers applied, expired, or matching nothing.
    pub waivers: WaiverReport,
}

impl HistoryView {
    /// The history of a finding of this run (by its fingerprint).
    pub fn status_of(&self, finding: &Finding) -> Option<&FindingHistory> {
        self.by_fingerprint(&super::fingerprint(finding))
    }

    /// The history entry for a fingerprint.
    pub fn by_fingerprint(&self, fingerprint: &str) -> Option<&FindingHistory> {
        self.findings
            .binary_search_by(|h| h.fingerprint.as_str().cmp(fingerprint))
            .ok()
            .map(|i| &self.findings[i])
    }

    /// The finding of this run that the compared run's finding `fingerprint` was found again as
    /// (see [`Carried`]).
    pub fn carried_from(&self, fingerprint: &str) -> Option<&FindingHistory> {
        self.findings.iter().find(|h| {
            h.carried
                .as_ref()
                .is_some_and(|c| c.fingerprint == fingerprint)
        })
    }

    /// Problems found again under another 考核单位, by old and new unit (a unit renamed shows as
    /// all its problems moving to one new name).
    pub fn moved(&self) -> Vec<Moved> {
        let mut moved: std::collections::BTreeMap<(&str, &str), Moved> =
            std::collections::BTreeMap::new();
        for h in &self.findings {
            let Some(c) = &h.carried else { continue };
            let Some(from) = &c.unit else { continue };
            let m = moved
                .entry((from.as_str(), h.unit.as_str()))
                .or_insert_with(|| Moved {
                    from: from.clone(),
                    to: h.unit.clone(),
                    findings: 0,
                    reworded: 0,
                    new_unit: true,
                });
            m.findings += 1;
            if c.evidence.is_some() || c.target.is_some() {
                m.reworded += 1;
            }
        }
        let mut moved: Vec<Moved> = moved.into_values().collect();
        for m in &mut moved {
            // A unit that had runs before this one keeps its trend.
            m.new_unit = self.unit(&m.to).is_none_or(|u| u.trend.len() <= 1);
        }
        moved
    }

    /// One unit's figures.
    pub fn unit(&self, name: &str) -> Option<&UnitHistory> {
        self.units.iter().find(|u| u.unit == name)
    }

    /// Whether a new, not waived finding at or above `threshold` appeared.
    pub fn has_new_at(&self, threshold: Severity) -> bool {
        self.new_at(threshold) > 0
    }

    /// How many new, not waived findings are at or above `threshold`, as the units count them
    /// (a row each: an item listed twice counts twice, as in the fix lists).
    pub fn new_at(&self, threshold: Severity) -> usize {
        let t = self.totals();
        match threshold {
            Severity::Error => t.new_errors,
            Severity::Warning => t.new,
        }
    }

    /// Counts over all units.
    pub fn totals(&self) -> UnitHistory {
        let mut t = UnitHistory {
            unit: "合计".to_owned(),
            ..UnitHistory::default()
        };
        for u in &self.units {
            t.items += u.items;
            t.errors += u.errors;
            t.warnings += u.warnings;
            t.waived += u.waived;
            t.new += u.new;
            t.new_errors += u.new_errors;
            t.persisting += u.persisting;
            t.fixed += u.fixed;
            t.gone += u.gone;
        }
        t
    }
}

/// A run, by id and start time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunRef {
    /// Run id.
    pub id: String,
    /// Start time (RFC 3339, the run's local offset).
    pub started_at: String,
}

/// Where a finding stands against the baseline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FindingStatus {
    /// 新增 — not in the baseline.
    New,
    /// 未整改 — in the baseline and in this run.
    Persisting,
    /// 已整改 — in the baseline; the item is still checked and the rule still runs, the problem is gone.
    Fixed,
    /// 已移除 — in the baseline; the item is gone or unreadable, or the rule no longer runs, or
    /// the list its rule judges was not read tonight (a sheet left out of the export).
    Gone,
}

impl FindingStatus {
    /// The Chinese label used in reports.
    pub fn label_zh(self) -> &'static str {
        match self {
            FindingStatus::New => "新增",
            FindingStatus::Persisting => "未整改",
            FindingStatus::Fixed => "已整改",
            FindingStatus::Gone => "已移除",
        }
    }
}

/// One finding's history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FindingHistory {
    /// [`super::fingerprint`].
    pub fingerprint: String,
    /// 新增 / 未整改 / 已整改 / 已移除.
    pub status: FindingStatus,
    /// 考核单位.
    pub unit: String,
    /// 实施编码.
    pub item_code: String,
    /// 事项名称.
    pub item_name: String,
    /// 实施主体 (this run's; the baseline's for 已整改/已移除, empty for runs stored before the
    /// store kept it).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub subject: String,
    /// Rule id.
    pub rule: String,
    /// Appendix element.
    pub element: String,
    /// Severity (in this run; in the baseline for 已整改/已移除).
    pub severity: Severity,
    /// The message with its target (`材料「X」: …`, as 问题描述 shows it; this run's, the
    /// baseline's for 已整改/已移除). Runs stored before 2026-11-30 kept the message alone.
    pub message: String,
    /// Start of the finding's unbroken streak (RFC 3339).
    pub first_seen: String,
    /// Calendar days from `first_seen` to this run.
    pub age_days: i64,
    /// The waiver that applies to it in this run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub waiver: Option<Waiver>,
    /// For a 未整改 finding found again under another 指纹: what it was in the compared run
    /// (its text reworded but still failing, or its item moved to another 考核单位).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub carried: Option<Carried>,
}

/// A problem of the compared run found again tonight under another 指纹, so 未整改 with its age
/// rather than 已整改 (or 已移除) and 新增: the same item (实施编码), rule and element (the same
/// field, or the same material or other list entry where it can tell) still fail, with other text
/// (原文已改), or with the same text under another 考核单位 (a unit renamed, an item handed over).
/// Only what differs is set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Carried {
    /// Its 指纹 in the compared run (a waiver given to it does not follow: it was given for that
    /// text, under that unit).
    pub fingerprint: String,
    /// 考核单位 in the compared run, when the item has moved since.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// The field or list entry in the compared run, when it changed (a material renamed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// 原文 in the compared run, when it changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
}

impl Carried {
    /// What changed, in words (`原文已改`, `考核单位由「A」改为「B」`) for the finding now under
    /// `unit`.
    pub fn what_changed(&self, unit: &str) -> String {
        let mut parts = Vec::new();
        if let Some(from) = &self.unit {
            parts.push(format!("考核单位由「{from}」改为「{unit}」"));
        }
        if self.evidence.is_some() {
            parts.push("原文已改".to_owned());
        } else if let Some(target) = &self.target {
            parts.push(format!("{target}已改名"));
        }
        parts.join("、")
    }
}

/// Problems whose item moved from one 考核单位 to another since the compared run and that were
/// found again there ([`HistoryView::moved`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Moved {
    /// 考核单位 in the compared run.
    pub from: String,
    /// 考核单位 now.
    pub to: String,
    /// Problems found again, each once (as many as 指纹).
    pub findings: usize,
    /// Of those, the ones whose text changed too.
    pub reworded: usize,
    /// Whether `to` is new tonight (a unit renamed), its trend starting now; not so for items
    /// handed to a unit that was there before.
    pub new_unit: bool,
}

impl Moved {
    /// The notice of the run: a unit renamed (or items handed over), what the run did about it,
    /// and what it means for waivers.
    pub fn notice(&self) -> String {
        let Moved {
            from,
            to,
            findings,
            reworded,
            new_unit,
        } = self;
        let trend = if *new_unit {
            format!("「{to}」的趋势从本次开始；")
        } else {
            String::new()
        };
        let same = if *reworded == 0 {
            "实施编码、规则、原文与上次相同".to_owned()
        } else {
            format!("实施编码、规则与上次相同（其中 {reworded} 条原文也改了）")
        };
        format!(
            "{findings} 条问题的{same}，只是考核单位由「{from}」变为「{to}」：可能是单位改名或事项划转（若都不是，请核对导出中的实施主体或考核单位）。\
             这些问题按未整改计入「{to}」，问题年龄接着上次算；{trend}旧名下问题的豁免不再适用，需要时按新指纹重新豁免"
        )
    }
}

/// One unit's figures in this run, against the baseline, and over recent runs.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct UnitHistory {
    /// 考核单位.
    pub unit: String,
    /// Items in this run.
    pub items: usize,
    /// Error findings that count (waived ones excluded).
    pub errors: usize,
    /// Warning findings (waived ones excluded).
    pub warnings: usize,
    /// Findings waived in this run.
    pub waived: usize,
    /// 新增 findings.
    pub new: usize,
    /// 新增 findings of severity error that are not waived.
    pub new_errors: usize,
    /// 未整改 findings.
    pub persisting: usize,
    /// 已整改 findings.
    pub fixed: usize,
    /// 已移除 findings.
    pub gone: usize,
    /// The last complete runs and this one, oldest first.
    pub trend: Vec<TrendPoint>,
}

/// A unit in one run, for the trend chart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrendPoint {
    /// Run id.
    pub run_id: String,
    /// Start time (RFC 3339).
    pub started_at: String,
    /// Items of the unit.
    pub items: usize,
    /// Error findings that counted.
    pub errors: usize,
    /// The unit's score, when scoring ran.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<f64>,
}

/// Waivers in this run.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WaiverReport {
    /// Active waivers that matched a finding of this run.
    pub applied: Vec<Waiver>,
    /// Waivers whose date has passed: their findings count again.
    pub expired: Vec<Waiver>,
    /// Active waivers that matched no finding (fixed, or the finding changed).
    pub unmatched: Vec<Waiver>,
}
