//! The fix list (整改清单) as rows of text: the 问题清单 columns shared by the XLSX sheet and the
//! findings CSV, and the guards every untrusted cell goes through.
//!
//! **Formula guard.** A cell whose text starts with `=`, `+`, `-`, `@`, a tab or a carriage return
//! is written with a leading apostrophe `'` (the OWASP advice for CSV injection). The XLSX writer
//! already stores every cell as a string, which Excel never evaluates; the apostrophe is for the
//! moment a clerk edits such a cell and presses Enter (Excel would then read `=…` as a formula) and
//! for the CSV, where Excel and WPS do evaluate `=…`. A visible apostrophe was chosen over a
//! zero-width character so that nobody is misled about what was published: the original text is
//! the cell without its first character.
//!
//! **Length bound.** Cells are cut to [`MAX_CELL_CHARS`] characters (Excel's cell limit is 32,767),
//! ending in `…（已截断）`.

use std::borrow::Cow;

use crate::history::{FindingHistory, FindingStatus, HistoryView};
use crate::model::Finding;

/// The 问题清单 headers, in order. The clerk fills 整改情况, 是否有异议 and 异议理由; the
/// assessor fills 复核结果, which only the all-units workbook and the CSV have (it is the last
/// column, so a unit's workbook stops before it). `score --review` reads 复核结果 back by header.
pub const HEADERS: [&str; 14] = [
    "序号",
    "事项名称",
    "实施编码",
    "实施主体",
    "要素",
    "规则",
    "问题描述",
    "原文",
    "整改建议",
    "严重程度",
    "整改情况",
    DISPUTE_HEADER,
    "异议理由",
    REVIEW_HEADER,
];

/// Header of the column where a clerk says whether the unit disputes the finding.
pub const DISPUTE_HEADER: &str = "是否有异议";

/// Header of the assessor's decision.
pub const REVIEW_HEADER: &str = "复核结果";

/// Index of 整改情况 in [`HEADERS`].
pub const FIX_COLUMN: usize = 10;

/// Index of 是否有异议 in [`HEADERS`].
pub const DISPUTE_COLUMN: usize = 11;

/// Index of 复核结果 in [`HEADERS`]: the last, left out of a unit's workbook.
pub const REVIEW_COLUMN: usize = 13;

/// Columns whose text wraps: 问题描述, 原文, 整改建议, 整改情况, 异议理由.
pub const WRAP_COLUMNS: [usize; 5] = [6, 7, 8, 10, 12];

/// The values a clerk may enter in 是否有异议.
pub const DISPUTE_CHOICES: [&str; 2] = ["无", "有"];

/// The values an assessor may enter in 复核结果.
pub const REVIEW_CHOICES: [&str; 2] = ["确认", "驳回"];

/// What each fill-in column (and 指纹) is for, shown as a note on its header.
pub const FILL_IN_NOTES: [(&str, &str); 5] = [
    ("整改情况", "责任单位填写：怎样整改的、何时整改完成"),
    (
        DISPUTE_HEADER,
        "责任单位填写：认为这条问题不成立时选「有」，并在「异议理由」中说明",
    ),
    (
        "异议理由",
        "责任单位填写：为什么不成立，最好附依据或平台截图",
    ),
    (
        REVIEW_HEADER,
        "考核人员填写（单位请勿填写）：「确认」= 问题成立，计入扣分；「驳回」= 问题不成立，不扣分（不是驳回单位的异议）",
    ),
    (
        FINGERPRINT_HEADER,
        "每条问题的固定标识，交回后按它把回复对到问题上：请勿修改",
    ),
];

/// Longest cell text written, in characters.
pub const MAX_CELL_CHARS: usize = 8000;

/// What [`bound`] puts at the end of a cut cell.
pub const CUT: &str = "…（已截断）";

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
        cell(&f.evidence),
        cell(&f.suggestion),
        f.severity.label_zh().to_owned(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
    ]
}

/// Header of the column added after [`HEADERS`] when the report has a history (`audit` runs):
/// 新增 / 未整改（N天） / 已豁免（至 …） / 已整改 / 已移除.
pub const STATUS_HEADER: &str = "状态";

/// Header of the last column: the finding's fingerprint, the same in every format and every run
/// while the finding stands, so "指纹 3f2a…" names one finding wherever it is read
/// (`zwfw-audit audit waive` takes it too).
pub const FINGERPRINT_HEADER: &str = "指纹";

/// Header of the column a report scored on a sample adds before 指纹: 是 when the finding's
/// item was sampled (its errors count in the score), 否 otherwise.
pub const SAMPLED_HEADER: &str = "是否抽中";

/// The note on [`SAMPLED_HEADER`].
pub const SAMPLED_NOTE: &str =
    "「是」：事项被抽中，其中的错误计入得分；「否」：事项未被抽中，不计分，但仍需整改";

/// The 是否抽中 cell of an item or finding with this 实施编码 (see [`SAMPLED_HEADER`]).
pub fn sampled_cell<S: std::hash::BuildHasher>(
    codes: &std::collections::HashSet<&str, S>,
    code: &str,
) -> &'static str {
    if codes.contains(code.trim()) {
        "是"
    } else {
        "否"
    }
}

/// 整改建议 shown on a 已整改 row (a baseline finding no longer found).
pub const FIXED_NOTE: &str = "上次运行的问题本次未再发现，无需处理";

/// 整改建议 shown on a 已移除 row whose item is not in this run's input.
pub const GONE_NOTE: &str = "事项不在本次导出中（已删除或实施编码已改），问题不再检查";

/// 整改建议 shown on a 已整改 row when the check's settings changed since the compared run.
pub const FIXED_SETTINGS_NOTE: &str = "上次运行的问题本次未再发现；但本次检查设置（规则、参数或工具版本）与上次不同，可能是设置改变所致，请核对";

/// 整改建议 shown on a 已移除 row whose item is not in the input of a run that could not read all
/// of it (a file missing or cut short): the item may well be there.
pub const NOT_READ_NOTE: &str =
    "本次输入不完整（见汇总表），这个事项可能只是没有读到；问题未能检查，不表示已处理";

/// 整改建议 shown on a 已移除 row whose item is in the input but could not be read.
pub const UNREADABLE_NOTE: &str =
    "事项本次无法读取（原因见「事项」表），问题未能检查；请先修正事项数据";

/// 整改建议 shown on a 已移除 row whose rule did not run this time.
pub const RULE_OFF_NOTE: &str = "本次未运行这条规则（已停用），问题不再检查";

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
        h.severity.label_zh().to_owned(),
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

/// The assessor's decisions of a scored report by fingerprint (empty without a review).
pub type Decisions<'a> = std::collections::HashMap<&'a str, crate::score::review::Decision>;

/// The decisions of `report`'s review, for [`FixRow::cells`].
pub fn decisions(report: &crate::report::Report) -> Decisions<'_> {
    report
        .review
        .as_ref()
        .map(crate::report::Review::by_fingerprint)
        .unwrap_or_default()
}

/// What the rows of one report share: its history, its review and each item's 实施主体.
pub struct RowContext<'a> {
    /// The report's history (`audit` runs).
    pub history: Option<&'a HistoryView>,
    /// The assessor's decisions of a scored report.
    pub review: Decisions<'a>,
    /// Whether the report was rescored with a review: then a unit's workbook shows 复核结果 too.
    pub reviewed: bool,
    /// 实施主体 by 实施编码 (the first item of a repeated code).
    subjects: std::collections::HashMap<&'a str, &'a str>,
    /// (考核单位, 实施编码) of the records that could not be read.
    unreadable: std::collections::HashSet<(&'a str, &'a str)>,
    /// The rules that ran.
    rules: std::collections::HashSet<&'a str>,
    /// The units' answers by fingerprint (`report --replies`).
    replies: std::collections::HashMap<&'a str, &'a crate::report::Reply>,
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
        RowContext {
            history: report.history.as_ref(),
            review: decisions(report),
            reviewed: report.review.is_some(),
            subjects,
            unreadable,
            rules: report.rules.iter().map(|r| r.id.as_str()).collect(),
            replies: report
                .replies
                .iter()
                .map(|r| (r.fingerprint.as_str(), r))
                .collect(),
        }
    }

    /// Why a baseline finding closed, for its 整改建议: fixed, or gone because its item could not
    /// be read, its rule did not run, or its item is not in the input.
    pub fn closed_note(&self, h: &FindingHistory) -> &'static str {
        if h.status == FindingStatus::Fixed {
            if self.history.is_some_and(|v| v.settings_changed) {
                FIXED_SETTINGS_NOTE
            } else {
                FIXED_NOTE
            }
        } else if self
            .unreadable
            .contains(&(h.unit.as_str(), h.item_code.as_str()))
        {
            UNREADABLE_NOTE
        } else if !self.rules.contains(h.rule.as_str()) {
            RULE_OFF_NOTE
        } else if self.history.is_some_and(|v| !v.input_problems.is_empty()) {
            NOT_READ_NOTE
        } else {
            GONE_NOTE
        }
    }

    /// The unit's answer to the finding with this fingerprint, if it returned one.
    pub fn reply(&self, fingerprint: &str) -> Option<&'a crate::report::Reply> {
        self.replies.get(fingerprint).copied()
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
            .filter_map(|f| self.reply(&crate::history::fingerprint(f)))
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
    /// The row's cells: [`HEADERS`] (复核结果 filled from the scored report's decisions by
    /// fingerprint), [`STATUS_HEADER`] when the report has a history, and [`FINGERPRINT_HEADER`].
    pub fn cells(&self, seq: usize, ctx: &RowContext<'_>) -> Vec<String> {
        let (cells, status, fp) = match self {
            FixRow::Finding(f) => {
                // Hashed once for the history's status, the 指纹 cell and the review.
                let fp = crate::history::fingerprint(f);
                let mut cells = row(seq, f, ctx.subject(&f.item_code));
                if let Some(d) = ctx.review.get(fp.as_str()) {
                    d.label_zh().clone_into(&mut cells[REVIEW_COLUMN]);
                }
                if let Some(r) = ctx.replies.get(fp.as_str()) {
                    cells[FIX_COLUMN] = cell(&r.fix);
                    match r.disputed {
                        Some(true) => "有",
                        Some(false) => "无",
                        None => "",
                    }
                    .clone_into(&mut cells[DISPUTE_COLUMN]);
                    cells[DISPUTE_COLUMN + 1] = cell(&r.reason);
                }
                let status = ctx.history.map(|h| status_label(h.by_fingerprint(&fp)));
                (cells, status, fp)
            }
            FixRow::Closed(h) => (
                closed_row(seq, h, ctx.closed_subject(h), ctx.closed_note(h)),
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

/// Guards and bounds one untrusted cell value.
pub fn cell(text: &str) -> String {
    let text = bound(text, MAX_CELL_CHARS);
    guard(&text).into_owned()
}

/// Neutralises text a spreadsheet would read as a formula by prefixing `'` (see module docs).
pub fn guard(text: &str) -> Cow<'_, str> {
    if needs_guard(text) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// Undoes [`guard`] for readers of a returned fix list (e.g. the 复核 read-back): drops a leading
/// `'` only when what follows is something [`guard`] would have guarded.
pub fn unguard(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if needs_guard(rest) => rest,
        _ => cell,
    }
}

/// Whether a spreadsheet could read `text` as a formula (or a DDE payload).
pub fn needs_guard(text: &str) -> bool {
    matches!(
        text.chars().next(),
        Some('=' | '+' | '-' | '@' | '\t' | '\r')
    )
}

/// Cuts `text` to at most `max` characters, marking the cut.
pub fn bound(text: &str, max: usize) -> Cow<'_, str> {
    if text.char_indices().nth(max).is_none() {
        return Cow::Borrowed(text);
    }
    let keep = max.saturating_sub(CUT.chars().count());
    let end = text.char_indices().nth(keep).map_or(text.len(), |(i, _)| i);
    Cow::Owned(format!("{}{CUT}", &text[..end]))
}

/// Display width in spreadsheet columns: CJK and full-width characters count double.
pub fn display_width(text: &str) -> usize {
    text.chars().map(|c| if is_wide(c) { 2 } else { 1 }).sum()
}

fn is_wide(c: char) -> bool {
    matches!(u32::from(c),
        0x1100..=0x115F
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x2_0000..=0x3_FFFD)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guard_prefixes_formula_starts_only() {
        for bad in [
            "=HYPERLINK(\"http://x\")",
            "+1",
            "-2+3",
            "@SUM(A1)",
            "\tx",
            "\r=1",
        ] {
            assert_eq!(guard(bad), format!("'{bad}"), "{bad:?}");
        }
        for ok in ["000104002000", "池州市长江中路1号", "a=b", "", " =1"] {
            assert_eq!(guard(ok), ok, "{ok:?}");
        }
    }

    #[test]
    fn unguard_reverses_guard_only() {
        for text in ["=1+2", "-12345", "'quoted", "'", "000104002000", "@x"] {
            assert_eq!(unguard(&guard(text)), text, "{text:?}");
        }
        assert_eq!(unguard("'abc"), "'abc");
    }

    #[test]
    fn bound_cuts_by_characters_and_marks_the_cut() {
        let long = "办".repeat(20);
        let cut = bound(&long, 10);
        assert_eq!(cut.chars().count(), 10);
        assert!(cut.ends_with(CUT));
        assert_eq!(bound("短文本", 10), "短文本");
    }

    #[test]
    fn width_counts_cjk_double() {
        assert_eq!(display_width("abc"), 3);
        assert_eq!(display_width("事项名称"), 8);
        assert_eq!(display_width("（A）"), 5);
    }
}
