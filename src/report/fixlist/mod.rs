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

mod guard;
mod rows;
#[cfg(test)]
mod tests;

pub use guard::{
    CUT, MAX_CELL_CHARS, bound, cell, csv_text, display_width, guard, is_stray_control,
    needs_guard, unguard, visible_controls,
};
pub use rows::{
    FixRow, PerFinding, RowContext, carried_note, closed_of, closed_row, description, is_closed,
    row, sampled_cell, severity_cell, shown_evidence, status_label, unit_rows,
};

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

/// Index of 整改建议 in [`HEADERS`].
pub const SUGGESTION_COLUMN: usize = 8;

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

/// 整改建议 shown on a 已移除 row whose item was checked, but without the list its rule judges
/// (a 申请材料 or 办理流程 sheet left out of the export, a damaged sheet): not checked tonight.
pub const LIST_NOT_READ_NOTE: &str = "本次没有读到这个事项的这部分内容（如导出时少了申请材料、办理流程等表，原因见提示），问题未能检查，不表示已处理";

/// 整改建议 shown on a 已移除 row whose item is in the input but could not be read.
pub const UNREADABLE_NOTE: &str =
    "事项本次无法读取（原因见「事项」表），问题未能检查；请先修正事项数据";

/// 整改建议 shown on a 已移除 row whose rule did not run this time.
pub const RULE_OFF_NOTE: &str = "本次未运行这条规则（已停用），问题不再检查";

/// 整改建议 shown on a 已移除 row whose item (its 实施编码) is in this run under another
/// 考核单位 (`{}`: that unit), and whose problem was not found there again.
pub fn moved_note(units: &[&str]) -> String {
    let units = units
        .iter()
        .map(|u| format!("「{u}」"))
        .collect::<Vec<_>>()
        .join("、");
    format!(
        "事项仍在本次导出中，但考核单位已改为{units}（可能是单位改名或事项划转）；这条问题在{units}下没有再发现，以{units}的清单为准"
    )
}
