//! The one [`Report`] value every output format is written from, and the writers (one per format).
//!
//! The JSON form is the report's schema (`schema/report.schema.json`), versioned by
//! [`SCHEMA_VERSION`]; the other formats are views of it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::model::{Finding, Provenance, Severity};
use crate::rules::RuleSet;
use crate::score::UnitScore;
use crate::source::Notice;
use crate::unit::UnitKind;

pub mod csv;
pub mod fixlist;
pub mod html;
mod html_history;
pub mod json;
pub mod markdown;
pub mod outcomes;
pub mod output;
pub mod replies;
pub mod shards;
pub mod twins;
pub mod view;
pub mod xlsx;
mod xlsx_history;

pub use outcomes::Outcomes;

/// Version of the JSON report schema; bumped on any incompatible change.
pub const SCHEMA_VERSION: u32 = 1;

/// One audit run's results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// [`SCHEMA_VERSION`] of this report.
    pub schema_version: u32,
    /// Version of zwfw-audit that wrote it.
    pub tool_version: String,
    /// Run id (passed in, so snapshots do not churn).
    pub run_id: String,
    /// When the run was made (RFC 3339, passed in).
    pub generated_at: String,
    /// The inputs read.
    pub inputs: Vec<String>,
    /// The rules that ran.
    pub rules: Vec<RuleInfo>,
    /// Counts.
    pub summary: Summary,
    /// Every input item: checked or unreadable.
    pub items: Vec<ItemEntry>,
    /// Every finding, by item then rule.
    pub findings: Vec<Finding>,
    /// Messages about the input (unreadable files, ignored sheets, orphan rows).
    pub notices: Vec<Notice>,
    /// Per-unit accuracy scores, when scoring ran.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scores: Vec<UnitScore>,
    /// What changed since the previous complete run (新增/已整改/未整改, trends, waivers), when the
    /// run was made by `zwfw-audit audit` with a history store.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub history: Option<std::sync::Arc<crate::history::HistoryView>>,
    /// The assessor's review (复核) the report was rescored with by `zwfw-audit score --review`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review: Option<Review>,
    /// The units' answers gathered from their returned fix lists by `zwfw-audit report
    /// --replies`: the all-units workbook rendered from the report shows them, for the review.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub replies: Vec<Reply>,
    /// The sample the scores were computed on (`score --sample`): kept so that scoring the
    /// scored report again scores the same items without the file, and so that the fix lists
    /// say which items and findings were 抽中.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sample: Option<SampleRecord>,
    /// Problems met reading the files the assessor gave `score` (sample list, review file, unit
    /// mapping), apart from [`Report::notices`] (the problems of the export): the assessors'
    /// workbook and the HTML show them, a unit's workbook does not.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scoring_notices: Vec<Notice>,
    /// How the scores grouped the items into units and rounded: scoring the report again reuses
    /// them unless a flag says otherwise, so that forgetting `--mapping` on the rescore with the
    /// review does not regroup the units.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scoring_settings: Option<ScoringSettings>,
}

/// How a report was scored, beyond the rate each score names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScoringSettings {
    /// The unit grouping and the mapping file's rows.
    pub grouping: crate::score::units::Grouping,
    /// Decimals of the rounded scores.
    pub decimals: u32,
}

impl ScoringSettings {
    /// The settings of scores computed with `mapping` and `opts`.
    pub fn of(mapping: &crate::score::UnitMapping, opts: crate::score::ScoreOptions) -> Self {
        ScoringSettings {
            grouping: mapping.grouping(),
            decimals: opts.decimals,
        }
    }
}

/// The sample a scored report was scored on: the file it came from, the seed and method the file
/// gives, and each sampled item by 考核单位, 实施编码 and 事项名称 (in the order the lots are sorted), so
/// that `score` can select the same items again as it selects them from the file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SampleRecord {
    /// The sample file read (抽样清单).
    pub source: String,
    /// 种子 as the file gives it (several, joined with 、, when its rows differ; empty if none).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub seed: String,
    /// 方法 as the file gives it, e.g. `gb2828` (joined like the seed).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub method: String,
    /// The sampled items.
    pub items: Vec<SampledItem>,
}

/// One sampled item of a [`SampleRecord`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SampledItem {
    /// 考核单位 the item was scored under.
    pub unit: String,
    /// 实施编码.
    pub code: String,
    /// 事项名称: tells apart items that share a 实施编码 (absent in reports scored before it was
    /// kept; those items are then told apart by order).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
}

/// The items of a sample, as the 是否抽中 columns tell them: by 实施编码 and 事项名称 (a placeholder
/// code shared by several items marks only the one drawn), or by code alone for a sample recorded
/// before names were kept.
#[derive(Debug, Default)]
pub struct Sampled<'r> {
    named: std::collections::HashSet<(&'r str, &'r str)>,
    codes: std::collections::HashSet<&'r str>,
}

impl Sampled<'_> {
    /// Whether the item with this code and name was drawn.
    pub fn contains(&self, code: &str, name: &str) -> bool {
        let code = code.trim();
        self.codes.contains(code) || self.named.contains(&(code, name.trim()))
    }
}

impl SampleRecord {
    /// The sampled items, for the 是否抽中 columns ([`Sampled`]).
    pub fn sampled(&self) -> Sampled<'_> {
        let mut sampled = Sampled::default();
        for i in &self.items {
            if i.name.trim().is_empty() {
                sampled.codes.insert(i.code.trim());
            } else {
                sampled.named.insert((i.code.trim(), i.name.trim()));
            }
        }
        sampled
    }

    /// How the sample was drawn, as the reports say it: `种子 20261128，方法 gb2828`.
    pub fn describe(&self) -> String {
        let or_unknown = |s: &str| {
            if s.is_empty() {
                "（清单未写明）".to_owned()
            } else {
                s.to_owned()
            }
        };
        format!(
            "种子 {}，方法 {}",
            or_unknown(&self.seed),
            or_unknown(&self.method)
        )
    }
}

impl Report {
    /// The sampled items when the report was scored on a sample (see [`SampleRecord::sampled`]).
    pub fn sampled_items(&self) -> Option<Sampled<'_>> {
        self.sample.as_ref().map(SampleRecord::sampled)
    }

    /// Each 实施编码's 实施主体, from the items (the first item with the code): what the fix lists
    /// and the history show beside a finding, which names only its item's code.
    pub fn subjects_by_code(&self) -> std::collections::HashMap<&str, &str> {
        let mut subjects = std::collections::HashMap::with_capacity(self.items.len());
        for item in &self.items {
            subjects
                .entry(item.code.as_str())
                .or_insert(item.subject.as_str());
        }
        subjects
    }

    /// The problems met reading the export ([`Report::notices`]) — without those of a review
    /// file that an older `score` put among them.
    pub fn input_notices(&self) -> impl Iterator<Item = &Notice> {
        let review = self.review.as_ref().map(|r| r.source.as_str());
        self.notices
            .iter()
            .filter(move |n| review.is_none_or(|r| *n.provenance.source != *r))
    }

    /// The problems met reading the assessor's files when scoring: [`Report::scoring_notices`],
    /// and those an older `score` put among [`Report::notices`].
    pub fn assessor_notices(&self) -> impl Iterator<Item = &Notice> {
        let review = self.review.as_ref().map(|r| r.source.as_str());
        self.notices
            .iter()
            .filter(move |n| review.is_some_and(|r| *n.provenance.source == *r))
            .chain(&self.scoring_notices)
    }
}

/// A unit's answer to one finding, from its returned fix list (整改情况, 是否有异议, 异议理由).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reply {
    /// The finding's fingerprint.
    pub fingerprint: String,
    /// Where the finding's item was read, when another finding has the fingerprint (items that
    /// share an 实施编码): tells them apart ([`twins`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// 整改情况.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub fix: String,
    /// 是否有异议: 有 (`true`) or 无 (`false`); absent when left empty.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disputed: Option<bool>,
    /// 异议理由.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason: String,
    /// The file the answer was read from.
    pub source: String,
    /// Different answers to the same finding in other returned files (their place and what they
    /// say), which this one superseded as the later saved: the assessor sees them beside it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub superseded: Vec<String>,
}

/// A unit's rate or score interval as the reports show it (`of_rate` picks the rate's ends, else
/// the score's): a census (every item checked) has no sampling error, so it says so instead of
/// an interval of one point such as `4.2%–4.2%`.
pub fn interval_text(
    s: &crate::score::UnitScore,
    show: impl Fn(f64) -> String,
    of_rate: bool,
) -> String {
    let (low, high) = if of_rate {
        (s.rate_low, s.rate_high)
    } else {
        (s.score_low, s.score_high)
    };
    span_text(low, high, show)
}

/// An interval from `low` to `high` as [`interval_text`] shows it.
pub fn span_text(low: f64, high: f64, show: impl Fn(f64) -> String) -> String {
    if show(low) == show(high) {
        "全部检查，无抽样误差".to_owned()
    } else {
        format!("{} – {}", show(low), show(high))
    }
}

/// How `score` follows from the scored items' counts, for a reader to redo by hand:
/// `14 ×（1 − 5/52）= 12.65`, with the rate's `x/n` (出错要素数/适用要素数 for the element rate,
/// 有错误的事项/抽查事项数 for the item rate); `x` replaces the score's own (a reviewed score's).
pub fn score_working(s: &crate::score::UnitScore, score: f64, x: Option<usize>) -> String {
    let (own, n) = match s.rate_kind {
        crate::score::RateKind::Element => (s.failed_checks, s.checks),
        crate::score::RateKind::Item => (s.items_with_errors, s.sampled),
    };
    let x = x.unwrap_or(own);
    if n == 0 {
        return format!("没有适用的要素，出错率按 0 计：{score:.2}");
    }
    // The working's own result, to two places as a clerk redoing it gets it; a score kept to
    // fewer places (`--decimals`, `[score] decimals`) says so rather than pass for the result.
    let exact = crate::score::formula::score(s.full_marks, crate::score::formula::rate(x, n), 2);
    let working = format!("{} ×（1 − {x}/{n}）= {exact:.2}", s.full_marks);
    if (exact - score).abs() < 1e-9 {
        working
    } else {
        format!("{working}，按设定的小数位数取 {score}")
    }
}

/// 编制完整 points of a county as the reports show them: `权力 0.3（缺 2 项）；公共服务 0.5`.
pub fn completeness_text(c: &crate::score::Completeness) -> String {
    let part = |label: &str, points: f64, missing: usize| {
        if missing == 0 {
            format!("{label} {points:.1}")
        } else {
            format!("{label} {points:.1}（缺 {missing} 项）")
        }
    };
    format!(
        "{}；{}",
        part("权力", c.power_points, c.power_missing),
        part("公共服务", c.public_points, c.public_missing)
    )
}

/// An assessor's review kept in a scored report: fix lists rendered from it show each decision in
/// 复核结果, so a unit sees which findings were 驳回.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Review {
    /// The review file.
    pub source: String,
    /// The decided findings, in report order.
    pub findings: Vec<Reviewed>,
}

/// One decided finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reviewed {
    /// The finding's fingerprint ([`crate::history::fingerprint`]).
    pub fingerprint: String,
    /// Where the finding's item was read, when another finding has the fingerprint (items that
    /// share an 实施编码): tells them apart ([`twins`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// 确认 or 驳回.
    pub decision: crate::score::review::Decision,
}

impl Review {
    /// The decision on each of `findings`, `None` where none was made: each decision goes to the
    /// finding with its fingerprint (at its place, when findings share the fingerprint:
    /// [`twins::Twins::assign`]).
    pub fn decisions_for(
        &self,
        findings: &[Finding],
    ) -> Vec<Option<crate::score::review::Decision>> {
        self.decisions_with(findings, &twins::Twins::of(findings))
    }

    /// [`Review::decisions_for`] with the findings' fingerprints at hand.
    pub fn decisions_with(
        &self,
        findings: &[Finding],
        twins: &twins::Twins,
    ) -> Vec<Option<crate::score::review::Decision>> {
        let mut out = vec![None; findings.len()];
        let kept = self
            .findings
            .iter()
            .map(|r| (r.fingerprint.as_str(), r.place.as_deref()));
        for (r, i) in self.findings.iter().zip(twins.assign(findings, kept)) {
            if let Some(i) = i {
                out[i] = Some(r.decision);
            }
        }
        out
    }
}

impl Report {
    /// The units' answer to each finding (`report --replies`), `None` where none was given:
    /// each answer goes to the finding with its fingerprint (at its place, when findings share
    /// the fingerprint: [`twins::Twins::assign`]).
    pub fn replies_with(&self, twins: &twins::Twins) -> Vec<Option<&Reply>> {
        let mut out = vec![None; self.findings.len()];
        let kept = self
            .replies
            .iter()
            .map(|r| (r.fingerprint.as_str(), r.place.as_deref()));
        for (r, i) in self.replies.iter().zip(twins.assign(&self.findings, kept)) {
            if let Some(i) = i {
                out[i] = Some(r);
            }
        }
        out
    }
}

/// A rule that ran.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleInfo {
    /// Rule id.
    pub id: String,
    /// Rule name.
    pub name: String,
    /// Appendix element.
    pub element: String,
    /// Appendix section in Chinese.
    pub category: String,
    /// Whether the rule implements an appendix element (counted in scores).
    pub appendix: bool,
    /// Effective severity.
    pub severity: Severity,
}

impl RuleInfo {
    /// The rules of a rule set, in registry order.
    pub fn list(rules: &RuleSet) -> Vec<RuleInfo> {
        rules
            .iter()
            .map(|(r, severity)| {
                let m = r.meta();
                RuleInfo {
                    id: m.id.into(),
                    name: m.name.into(),
                    element: m.element.into(),
                    category: m.category.label_zh().into(),
                    appendix: m.is_appendix(),
                    severity,
                }
            })
            .collect()
    }
}

/// Whether an input item could be checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ItemStatus {
    /// Read and checked.
    Checked,
    /// Could not be read; `reason` says why.
    Unreadable,
}

/// One input item in the report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemEntry {
    /// 实施编码 (may be empty for an unreadable record).
    pub code: String,
    /// 事项名称.
    pub name: String,
    /// 考核单位.
    pub unit: String,
    /// Unit kind.
    pub unit_kind: UnitKind,
    /// 事项类型 as published.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub item_type: String,
    /// 实施主体 as published (for re-mapping units when scoring).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub subject: String,
    /// 行政区划代码 as published (for re-mapping units when scoring).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub region_code: String,
    /// Where the item was read.
    pub provenance: Provenance,
    /// Checked or unreadable.
    pub status: ItemStatus,
    /// Why the item could not be read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// pass / fail / n/a per rule id, in id order. The ids are borrowed from the rules when the
    /// item was checked in this run (no allocation per rule per item), owned when read back from
    /// a report.
    #[serde(default)]
    pub outcomes: Outcomes,
    /// Findings of severity error.
    pub errors: usize,
    /// Findings of severity warning.
    pub warnings: usize,
    /// Findings waived in this run (`audit`'s 豁免): listed with the item's findings, counted in
    /// neither `errors` nor `warnings`.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub waived: usize,
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's `skip_serializing_if` passes a reference
fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// Counts over the whole run.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    /// Input items (checked + unreadable).
    pub items: usize,
    /// Items checked.
    pub checked: usize,
    /// Items that could not be read.
    pub unreadable: usize,
    /// Checked items with at least one error.
    pub items_with_errors: usize,
    /// Findings of severity error.
    pub errors: usize,
    /// Findings of severity warning.
    pub warnings: usize,
    /// Findings by rule id.
    pub by_rule: BTreeMap<String, usize>,
}

impl Report {
    /// Recomputes [`Summary`] from items and findings.
    pub fn summarize(&mut self) {
        let mut s = Summary {
            items: self.items.len(),
            ..Summary::default()
        };
        for item in &self.items {
            match item.status {
                ItemStatus::Checked => s.checked += 1,
                ItemStatus::Unreadable => s.unreadable += 1,
            }
            if item.errors > 0 {
                s.items_with_errors += 1;
            }
        }
        for f in &self.findings {
            match f.severity {
                Severity::Error => s.errors += 1,
                Severity::Warning => s.warnings += 1,
            }
            *s.by_rule.entry(f.rule.clone()).or_default() += 1;
        }
        self.summary = s;
    }

    /// Whether any finding is at or above `threshold`.
    pub fn has_findings_at(&self, threshold: Severity) -> bool {
        self.findings.iter().any(|f| f.severity >= threshold)
    }
}

/// A report's time as people read it, to the second, with the offset, e.g.
/// `2026-11-29 07:58:07 +08:00`: in the offset it was written with (`audit --at
/// 2026-11-21T02:00:00+08:00`, whose run id is `20261121-020000`), or, written in UTC (`Z`), in
/// this machine's time zone. Converted to the machine's zone, a night run on a server kept in
/// UTC showed 2026-11-20 18:00 beside the run id 20261121. The JSON keeps the instant as written.
pub fn display_time(rfc3339: &str) -> String {
    let t = rfc3339.trim();
    let own = t
        .len()
        .checked_sub(6)
        .and_then(|at| t.get(at..))
        .filter(|tail| tail.starts_with(['+', '-']))
        .and_then(|tail| {
            let hours: i8 = tail.get(1..3)?.parse().ok()?;
            let minutes: i8 = tail.get(4..6)?.parse().ok()?;
            let seconds = (i32::from(hours) * 3600 + i32::from(minutes) * 60)
                * if tail.starts_with('-') { -1 } else { 1 };
            jiff::tz::Offset::from_seconds(seconds).ok()
        });
    match own {
        Some(offset) => display_time_in(t, &jiff::tz::TimeZone::fixed(offset)),
        None => display_time_in(t, &jiff::tz::TimeZone::system()),
    }
}

/// [`display_time`] in the zone `tz`; text that is not a time unchanged.
pub fn display_time_in(rfc3339: &str, tz: &jiff::tz::TimeZone) -> String {
    rfc3339.parse::<jiff::Timestamp>().map_or_else(
        |_| rfc3339.to_owned(),
        |t| {
            t.to_zoned_datetime(tz.clone())
                .strftime("%Y-%m-%d %H:%M:%S %:z")
                .to_string()
        },
    )
}

/// A cited rule's documentation (its `## 检查内容` … sections): an offline rule's, or that of
/// an id only the link check uses (L01).
pub(crate) fn rule_docs(id: &str) -> Option<&'static str> {
    crate::rules::find(id)
        .map(|rule| rule.meta().docs)
        .or_else(|| crate::links::findings::link_only_rule_docs(id))
}
