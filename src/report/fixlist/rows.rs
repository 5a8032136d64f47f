//! The 问题清单 rows of this run's and of closed baseline findings, and what a report's rows share.

use super::{
    DISPUTE_COLUMN, FIX_COLUMN, FIXED_NOTE, FIXED_SETTINGS_NOTE, GONE_NOTE, LIST_NOT_READ_NOTE,
    NOT_READ_NOTE, REVIEW_COLUMN, RULE_OFF_NOTE, SUGGESTION_COLUMN, UNREADABLE_NOTE, bound, cell,
    moved_note,
};
use std::borrow::Cow;

use crate::history::{FindingHistory, FindingStatus, HistoryView};
use crate::model::{Finding, Severity};

/// One 问题清单 row for a finding (`seq` is 1-based) of an item of `subject` (实施主体), every
/// cell guarded and bounded.
///
/// 问题描述 is prefixed with the finding's target (`材料「身份证明」: …`) when it has one. The
/// fill-in columns are empty: they are for the clerk and the assessor.
pub fn row(seq: usize, f: &Finding, subject: &str) -> [String; 14] {
    let message = description(f);
    [
        seq.to_string(),
        cell(&f.item_name),
        cell(&f.item_code),
        cell(subject),
        cell(&f.element),
        cell(&f.rule),
        cell(&message),
        cell(&shown_evidence(&f.evidence)),
        cell(&f.suggestion),
        severity_cell(&f.rule, f.severity).to_owned(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
    ]
}

/// The 严重程度 cell of a finding of `rule`: `错误`, `提示`, or `错误（不计分）` for an error of a
/// check beyond the appendix (G01, the links' L01), which the score does not count — the
/// summary's legend says only the appendix elements' errors are scored.
pub fn severity_cell(rule: &str, severity: Severity) -> &'static str {
    let scored = || crate::rules::find(rule).is_some_and(|r| r.meta().is_appendix());
    if severity == Severity::Error && !scored() {
        UNSCORED_ERROR
    } else {
        severity.label_zh()
    }
}

/// The 严重程度 of an error the score does not count (see [`severity_cell`]).
const UNSCORED_ERROR: &str = "错误（不计分）";

/// A finding's evidence as its 原文 cell shows it: a link as a browser's address bar shows it
/// (`…/申请表.docx`, not `…/%E7%94%B3%E8%AF%B7%E8%A1%A8.docx`), so the clerk reads and finds
/// the file the platform lists. Only the display changes: the evidence in report.json, and the
/// 指纹 hashed from it, stay as checked.
pub fn shown_evidence(evidence: &str) -> Cow<'_, str> {
    if evidence.contains("://") && evidence.contains('%') {
        Cow::Owned(crate::model::text::display_url(evidence))
    } else {
        Cow::Borrowed(evidence)
    }
}

/// The 是否抽中 cell of an item or finding of the item with this 实施编码 and 事项名称 (see
/// [`SAMPLED_HEADER`]).
///
/// [`SAMPLED_HEADER`]: super::SAMPLED_HEADER
pub fn sampled_cell(sampled: &crate::report::Sampled<'_>, code: &str, name: &str) -> &'static str {
    if sampled.contains(code, name) {
        "是"
    } else {
        "否"
    }
}

/// The 状态 cell of a finding of this run or of a closed baseline finding; empty without history.
pub fn status_label(h: Option<&FindingHistory>) -> String {
    let Some(h) = h else {
        return String::new();
    };
    if let Some(w) = &h.waiver {
        return format!("已豁免（至 {}）", w.until);
    }
    match h.status {
        FindingStatus::Persisting => format!("未整改（{}天）", h.age_days),
        s => s.label_zh().to_owned(),
    }
}

/// Longest earlier or present text quoted in a [`carried_note`], in characters.
const NOTE_TEXT_CHARS: usize = 200;

/// What a 未整改 finding found again under another 指纹 was ([`crate::history::Carried`]), said
/// before its 整改建议: `原文已改，但仍不符合要求：上次「…」，本次「…」`, a material renamed, or
/// the 考核单位 it was under. `None` for any other finding (or without history).
pub fn carried_note(h: Option<&FindingHistory>, f: &Finding) -> Option<String> {
    let c = h?.carried.as_ref()?;
    let text = |t: &str| {
        if t.trim().is_empty() {
            "（空）".to_owned()
        } else {
            format!("「{}」", bound(&shown_evidence(t), NOTE_TEXT_CHARS))
        }
    };
    let mut parts = Vec::new();
    if let Some(unit) = &c.unit {
        parts.push(format!(
            "上次记在「{unit}」名下，考核单位已改（可能是单位改名或事项划转），问题仍在，按未整改计"
        ));
    }
    if let Some(before) = &c.evidence {
        parts.push(format!(
            "原文已改，但仍不符合要求：上次{}，本次{}",
            text(before),
            text(&f.evidence)
        ));
    } else if let Some(before) = &c.target {
        parts.push(format!(
            "{before}已改为{}，但问题仍在",
            f.target.as_deref().unwrap_or_default()
        ));
    }
    Some(parts.join("；"))
}

/// Whether a history entry is a baseline finding that is no longer found (已整改 / 已移除).
pub fn is_closed(h: &FindingHistory) -> bool {
    matches!(h.status, FindingStatus::Fixed | FindingStatus::Gone)
}

/// One 问题清单 row for a closed baseline finding (已整改 / 已移除), from its history entry:
/// 原文 is empty (the history keeps only the message), 整改建议 says why the finding closed
/// (`note`, from [`RowContext::closed_note`]).
pub fn closed_row(seq: usize, h: &FindingHistory, subject: &str, note: &str) -> [String; 14] {
    [
        seq.to_string(),
        cell(&h.item_name),
        cell(&h.item_code),
        cell(subject),
        cell(&h.element),
        cell(&h.rule),
        cell(&h.message),
        String::new(),
        note.to_owned(),
        severity_cell(&h.rule, h.severity).to_owned(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
    ]
}

/// The closed baseline findings (已整改 / 已移除) of one unit, in fingerprint order.
pub fn closed_of<'h>(history: &'h HistoryView, unit: &str) -> Vec<&'h FindingHistory> {
    history
        .findings
        .iter()
        .filter(|h| h.unit == unit && is_closed(h))
        .collect()
}

/// What a report keeps for some of its findings (the assessor's decisions, the units' answers),
/// found again from a finding: by its fingerprint, and — among findings that share one (items
/// that share an 实施编码) — by its item's place and 事项名称 ([`crate::report::twins`]).
pub struct PerFinding<T> {
    by_fingerprint: std::collections::HashMap<String, Vec<(String, T)>>,
    shared: std::collections::HashSet<String>,
}

impl<T> Default for PerFinding<T> {
    fn default() -> Self {
        PerFinding {
            by_fingerprint: std::collections::HashMap::new(),
            shared: std::collections::HashSet::new(),
        }
    }
}

impl<T> PerFinding<T> {
    /// `values[i]` for each finding `i` of `findings` that has one.
    fn of(
        findings: &[Finding],
        twins: &crate::report::twins::Twins,
        values: Vec<Option<T>>,
    ) -> Self {
        let mut out = PerFinding::default();
        for (i, v) in values.into_iter().enumerate() {
            let Some(v) = v else { continue };
            let fp = twins.fingerprint(i);
            if twins.with(fp).len() > 1 {
                out.shared.insert(fp.to_owned());
            }
            out.by_fingerprint
                .entry(fp.to_owned())
                .or_default()
                .push((twin_key(&findings[i]), v));
        }
        out
    }

    /// The value kept for `f`, whose fingerprint is `fp`.
    pub fn get(&self, f: &Finding, fp: &str) -> Option<&T> {
        let kept = self.by_fingerprint.get(fp)?;
        if !self.shared.contains(fp) {
            return kept.first().map(|(_, v)| v);
        }
        let key = twin_key(f);
        kept.iter().find(|(k, _)| *k == key).map(|(_, v)| v)
    }

    /// Whether nothing is kept.
    pub fn is_empty(&self) -> bool {
        self.by_fingerprint.is_empty()
    }
}

/// What tells apart findings that share a fingerprint in one report: their item's place and name.
fn twin_key(f: &Finding) -> String {
    format!("{}\u{1f}{}", crate::report::twins::place(f), f.item_name)
}

/// What the rows of one report share: its history, its review and each item's 实施主体.
pub struct RowContext<'a> {
    /// The report's history (`audit` runs).
    pub history: Option<&'a HistoryView>,
    /// The assessor's decisions of a scored report.
    review: PerFinding<crate::score::review::Decision>,
    /// Whether the report was rescored with a review: then a unit's workbook shows 复核结果 too.
    pub reviewed: bool,
    /// 实施主体 by 实施编码 (the first item of a repeated code).
    subjects: std::collections::HashMap<&'a str, &'a str>,
    /// (考核单位, 实施编码) of the records that could not be read.
    unreadable: std::collections::HashSet<(&'a str, &'a str)>,
    /// The 考核单位 of the items checked in this run, by 实施编码, for the codes of the closed
    /// baseline findings (an item moved to another unit).
    checked: std::collections::HashMap<&'a str, Vec<&'a str>>,
    /// The rules that ran.
    rules: std::collections::HashSet<&'a str>,
    /// The units' answers (`report --replies`).
    replies: PerFinding<&'a crate::report::Reply>,
}

impl<'a> RowContext<'a> {
    /// The context of `report`'s rows.
    pub fn of(report: &'a crate::report::Report) -> Self {
        let subjects = report.subjects_by_code();
        let unreadable = report
            .items
            .iter()
            .filter(|item| item.status == crate::report::ItemStatus::Unreadable)
            .map(|item| (item.unit.as_str(), item.code.as_str()))
            .collect();
        let mut checked: std::collections::HashMap<&str, Vec<&str>> = report
            .history
            .iter()
            .flat_map(|h| &h.findings)
            .filter(|h| h.status == FindingStatus::Gone)
            .map(|h| (h.item_code.as_str(), Vec::new()))
            .collect();
        if !checked.is_empty() {
            for item in &report.items {
                if item.status == crate::report::ItemStatus::Checked
                    && let Some(units) = checked.get_mut(item.code.as_str())
                    && !units.contains(&item.unit.as_str())
                {
                    units.push(item.unit.as_str());
                }
            }
        }
        // Each decision and answer found its finding once, here: the rows look them up by the
        // finding.
        let (review, replies) = if report.review.is_none() && report.replies.is_empty() {
            (PerFinding::default(), PerFinding::default())
        } else {
            let twins = crate::report::twins::Twins::of(&report.findings);
            let decisions = report.review.as_ref().map_or_else(
                || vec![None; report.findings.len()],
                |r| r.decisions_with(&report.findings, &twins),
            );
            (
                PerFinding::of(&report.findings, &twins, decisions),
                PerFinding::of(&report.findings, &twins, report.replies_with(&twins)),
            )
        };
        RowContext {
            history: report.history.as_deref(),
            review,
            reviewed: report.review.is_some(),
            subjects,
            unreadable,
            checked,
            rules: report.rules.iter().map(|r| r.id.as_str()).collect(),
            replies,
        }
    }

    /// Why a baseline finding closed, for its 整改建议: fixed, or gone because its item could not
    /// be read, its rule did not run, its item is now another unit's, its list was not read
    /// (the item checked without it), or its item is not in the input.
    pub fn closed_note(&self, h: &FindingHistory) -> Cow<'static, str> {
        if h.status == FindingStatus::Fixed {
            if self.history.is_some_and(|v| v.settings_changed) {
                FIXED_SETTINGS_NOTE.into()
            } else {
                FIXED_NOTE.into()
            }
        } else if self
            .unreadable
            .contains(&(h.unit.as_str(), h.item_code.as_str()))
        {
            UNREADABLE_NOTE.into()
        } else if !self.rules.contains(h.rule.as_str()) {
            RULE_OFF_NOTE.into()
        } else if let Some(units) = self
            .checked
            .get(h.item_code.as_str())
            .filter(|units| !units.is_empty() && !units.contains(&h.unit.as_str()))
        {
            moved_note(units).into()
        } else if self
            .checked
            .get(h.item_code.as_str())
            .is_some_and(|units| units.contains(&h.unit.as_str()))
        {
            // Checked under its unit, its rule ran: only its list was not read.
            LIST_NOT_READ_NOTE.into()
        } else if self.history.is_some_and(|v| !v.input_problems.is_empty()) {
            NOT_READ_NOTE.into()
        } else {
            GONE_NOTE.into()
        }
    }

    /// The unit's answer to `f` (whose fingerprint is `fingerprint`), if it returned one.
    pub fn reply(&self, f: &Finding, fingerprint: &str) -> Option<&'a crate::report::Reply> {
        self.replies.get(f, fingerprint).copied()
    }

    /// The assessor's decision on `f` (whose fingerprint is `fingerprint`) in a scored report.
    pub fn decision(
        &self,
        f: &Finding,
        fingerprint: &str,
    ) -> Option<crate::score::review::Decision> {
        self.review.get(f, fingerprint).copied()
    }

    /// How a unit answered its findings, once replies were gathered (`None` before): none (a list
    /// not returned, or returned with nothing filled in, look the same),
    /// or `N 条有回复，有异议 M 条`.
    pub fn reply_summary(&self, findings: &[&Finding]) -> Option<String> {
        if self.replies.is_empty() {
            return None;
        }
        let answers: Vec<&crate::report::Reply> = findings
            .iter()
            .filter_map(|f| self.reply(f, &crate::history::fingerprint(f)))
            .collect();
        let disputed = answers.iter().filter(|r| r.disputed == Some(true)).count();
        Some(if answers.is_empty() {
            "未回复（未交回或未填写）".to_owned()
        } else {
            format!("{} 条有回复，有异议 {disputed} 条", answers.len())
        })
    }

    /// 实施主体 of the item with this code (empty when unknown: an item since removed).
    pub fn subject(&self, code: &str) -> &'a str {
        self.subjects.get(code).copied().unwrap_or_default()
    }

    /// 实施主体 of a closed finding: its item's in this run, or for an item since removed the one
    /// the history kept (empty for findings stored before it kept them).
    pub fn closed_subject<'h>(&self, h: &'h FindingHistory) -> &'h str
    where
        'a: 'h,
    {
        match self.subject(&h.item_code) {
            "" => &h.subject,
            s => s,
        }
    }
}

/// A 问题清单 row: a finding of this run, or (with history) a closed baseline finding.
#[derive(Debug, Clone, Copy)]
pub enum FixRow<'a> {
    /// A finding of this run.
    Finding(&'a Finding),
    /// A baseline finding no longer found (已整改 / 已移除).
    Closed(&'a FindingHistory),
}

impl FixRow<'_> {
    /// The row's cells: [`HEADERS`] (复核结果 filled from the scored report's decision on the
    /// finding), [`STATUS_HEADER`] when the report has a history, and [`FINGERPRINT_HEADER`].
    ///
    /// [`HEADERS`]: super::HEADERS
    /// [`STATUS_HEADER`]: super::STATUS_HEADER
    /// [`FINGERPRINT_HEADER`]: super::FINGERPRINT_HEADER
    pub fn cells(&self, seq: usize, ctx: &RowContext<'_>) -> Vec<String> {
        let (cells, status, fp) = match self {
            FixRow::Finding(f) => {
                // Hashed once for the history's status, the 指纹 cell and the review.
                let fp = crate::history::fingerprint(f);
                let mut cells = row(seq, f, ctx.subject(&f.item_code));
                if let Some(d) = ctx.decision(f, &fp) {
                    d.label_zh().clone_into(&mut cells[REVIEW_COLUMN]);
                }
                if let Some(r) = ctx.reply(f, &fp) {
                    cells[FIX_COLUMN] = cell(&r.fix);
                    match r.disputed {
                        Some(true) => "有",
                        Some(false) => "无",
                        None => "",
                    }
                    .clone_into(&mut cells[DISPUTE_COLUMN]);
                    cells[DISPUTE_COLUMN + 1] = cell(&r.reason);
                }
                let h = ctx.history.map(|h| h.by_fingerprint(&fp));
                if let Some(note) = carried_note(h.flatten(), f) {
                    cells[SUGGESTION_COLUMN] = cell(&format!("{note}。{}", f.suggestion));
                }
                (cells, h.map(status_label), fp)
            }
            FixRow::Closed(h) => (
                closed_row(seq, h, ctx.closed_subject(h), &ctx.closed_note(h)),
                Some(status_label(Some(h))),
                h.fingerprint.clone(),
            ),
        };
        let mut cells = cells.to_vec();
        cells.extend(status);
        cells.push(fp);
        cells
    }

    /// 实施编码 of the row.
    pub fn code(&self) -> &str {
        match self {
            FixRow::Finding(f) => &f.item_code,
            FixRow::Closed(h) => &h.item_code,
        }
    }

    /// 事项名称 of the row.
    pub fn name(&self) -> &str {
        match self {
            FixRow::Finding(f) => &f.item_name,
            FixRow::Closed(h) => &h.item_name,
        }
    }

    /// 考核单位 of the row.
    pub fn unit(&self) -> &str {
        match self {
            FixRow::Finding(f) => &f.unit,
            FixRow::Closed(h) => &h.unit,
        }
    }
}

/// One unit's rows: its findings, then — with a history — its closed baseline findings.
pub fn unit_rows<'a>(
    findings: &[&'a Finding],
    unit: &str,
    history: Option<&'a HistoryView>,
) -> Vec<FixRow<'a>> {
    let mut rows: Vec<FixRow<'a>> = findings.iter().map(|f| FixRow::Finding(f)).collect();
    if let Some(h) = history {
        rows.extend(closed_of(h, unit).into_iter().map(FixRow::Closed));
    }
    rows
}

/// 问题描述: the message, prefixed with the target (`材料「身份证明」: …`) unless it names it.
pub fn description(f: &Finding) -> String {
    match &f.target {
        Some(t) if !t.is_empty() && !f.message.contains(t.as_str()) => {
            format!("{t}: {}", f.message)
        }
        _ => f.message.clone(),
    }
}
