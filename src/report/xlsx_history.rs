//! The history part of the 汇总 sheet (reports of `audit` runs only): per unit the 新增 / 未整改 /
//! 已整改 / 已移除 / 已豁免 counts against the baseline run, and the trend (run date, score,
//! errors) over the last runs as a small table.

use rust_xlsxwriter::{Format, Worksheet, XlsxError};

use super::fixlist;
use super::view::UnitTotals;
use crate::history::HistoryView;

/// Headers of the 与上次运行对比 table.
pub const DIFF_HEADERS: [&str; 8] = [
    "单位",
    "事项数",
    "错误",
    "新增",
    "其中新增错误",
    "未整改",
    "已整改",
    "已移除",
];

/// Header of the 已豁免 column after [`DIFF_HEADERS`].
const WAIVED_HEADER: &str = "已豁免";

/// Headers of the 趋势 table.
pub const TREND_HEADERS: [&str; 6] = ["单位", "运行编号", "运行日期", "事项数", "错误", "得分"];

/// Writes the history tables below `row` (the last row written); returns the last row written.
pub(super) fn summary(
    sheet: &mut Worksheet,
    mut row: u32,
    history: &HistoryView,
    (units, all): (&[UnitTotals], bool),
    section: &Format,
    header: &Format,
    points: &Format,
) -> Result<u32, XlsxError> {
    row += 2;
    let baseline = history.baseline.as_ref().map_or_else(
        || "首次运行，没有对比基准：全部问题记为新增".to_owned(),
        |b| format!("对比运行 {}（{}）", b.id, b.started_at),
    );
    sheet.write_string_with_format(row, 0, "与上次运行对比", section)?;
    sheet.write_string(row, 1, fixlist::cell(&baseline))?;
    // A unit's workbook: of the problems moved between units, only its own.
    let others = history
        .moved()
        .into_iter()
        .filter(|m| !all && !units.iter().any(|u| u.name == m.from || u.name == m.to));
    let others: Vec<String> = others.map(|m| m.notice()).collect();
    for note in run_notes(history) {
        if others.contains(&note) {
            continue;
        }
        row += 1;
        sheet.write_string(row, 1, fixlist::cell(&note))?;
    }
    row += 1;
    for (col, h) in DIFF_HEADERS.iter().chain([&WAIVED_HEADER]).enumerate() {
        sheet.write_string_with_format(row, col as u16, *h, header)?;
    }
    for unit in units {
        row += 1;
        sheet.write_string(row, 0, fixlist::cell(&unit.name))?;
        let Some(u) = history.unit(&unit.name) else {
            sheet.write_string(row, 1, "（无历史）")?;
            continue;
        };
        let counts = [
            u.items,
            u.errors,
            u.new,
            u.new_errors,
            u.persisting,
            u.fixed,
            u.gone,
            u.waived,
        ];
        for (i, n) in counts.iter().enumerate() {
            sheet.write_number(row, 1 + i as u16, *n as f64)?;
        }
    }
    row += 2;
    sheet.write_string_with_format(row, 0, "趋势（最近几次已完成的运行及本次）", section)?;
    row += 1;
    for (col, h) in TREND_HEADERS.iter().enumerate() {
        sheet.write_string_with_format(row, col as u16, *h, header)?;
    }
    for unit in units {
        let Some(u) = history.unit(&unit.name) else {
            continue;
        };
        for p in &u.trend {
            row += 1;
            sheet.write_string(row, 0, fixlist::cell(&unit.name))?;
            sheet.write_string(row, 1, fixlist::cell(&p.run_id))?;
            sheet.write_string(row, 2, fixlist::cell(run_date(&p.started_at)))?;
            sheet.write_number(row, 3, p.items as f64)?;
            sheet.write_number(row, 4, p.errors as f64)?;
            match p.score {
                Some(score) => sheet.write_number_with_format(row, 5, score, points)?,
                None => sheet.write_string(row, 5, "未评分")?,
            };
        }
    }
    Ok(row)
}

/// The date part of an RFC 3339 time (`2026-11-20T02:00:00+08:00` → `2026-11-20`); other text
/// unchanged.
pub(super) fn run_date(started_at: &str) -> &str {
    match started_at.get(..10) {
        Some(d) if d.as_bytes().get(4) == Some(&b'-') && d.as_bytes().get(7) == Some(&b'-') => d,
        _ => started_at,
    }
}

/// Problems shown under the comparison's heading: this run's input could not be read whole,
/// problems that moved to another unit (a unit renamed), settings changed, and runs left out of
/// the comparison.
pub(super) fn run_notes(history: &HistoryView) -> Vec<String> {
    let mut notes = Vec::new();
    if !history.input_problems.is_empty() {
        notes.push(format!(
            "本次输入不完整，下列内容没有读到：「已移除」的问题可能只是没有读到，以后的运行不与本次对比。{}",
            history.input_problems.join("；")
        ));
    }
    notes.extend(history.moved().iter().map(crate::history::Moved::notice));
    if history.settings_changed {
        notes.push(
            "本次检查设置（规则开关、严重程度、检查参数或工具版本）与对比运行不同：「已整改」的问题可能是设置改变所致，不一定是单位整改了。"
                .to_owned(),
        );
    }
    let runs = |runs: &[crate::history::RunRef]| {
        runs.iter()
            .map(|r| format!("{}（{}）", r.id, r.started_at))
            .collect::<Vec<_>>()
            .join("、")
    };
    if !history.skipped_runs.is_empty() {
        notes.push(format!(
            "未完成的运行未计入对比：{}",
            runs(&history.skipped_runs)
        ));
    }
    if !history.partial_runs.is_empty() {
        notes.push(format!(
            "输入不完整的运行未作为对比基准：{}",
            runs(&history.partial_runs)
        ));
    }
    notes
}
