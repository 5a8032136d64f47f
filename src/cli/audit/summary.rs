//! What a nightly run prints: the summary (totals, each unit's line, what needs attention) and
//! the line that says why the run exits 1.

use std::io::Write;
use std::path::Path;

use super::input::{FIRST_RUN_NO_BASELINE, NO_BASELINE_ITEMS};
use crate::cli::{aligned, ignore_broken_pipe, notice_lines};
use crate::history::{self, HistoryView};
use crate::model::Severity;
use crate::source::NoticeLevel;

/// The line that says why the run exits 1: the new findings at or above `--fail-on-new`. Printed
/// with `-q` too: a quiet night that exits 1 and says nothing leaves cron's mail empty and the
/// new errors unseen.
fn new_findings_line(view: &HistoryView, threshold: Severity, dir: &Path) -> String {
    let n = view.new_at(threshold);
    let (what, flag) = match threshold {
        Severity::Error => ("错误", "error"),
        Severity::Warning => ("问题（错误和提示）", "warning"),
    };
    format!(
        "注意: 出现新增{what} {n} 条（--fail-on-new {flag}，退出码 1）：请看 {} 中状态为「新增」的问题，通知相关单位",
        dir.join("report.html").display()
    )
}

/// The summary; with `quiet`, only what needs someone's attention: input that could not be read,
/// problems that moved to another unit (a unit renamed), runs left out of the comparison, waivers
/// that expired or match nothing, and reading problems.
///
/// `said` are notices a quiet night leaves out: said on the compared night already
/// ([`splits_said_before`]).
pub(super) fn print_summary(
    checked: &history::Checked,
    view: &HistoryView,
    dir: &Path,
    (quiet, said): (bool, &[String]),
    reached: Option<Severity>,
) {
    let mut out = crate::cli::SafeOut(std::io::stdout().lock());
    let _ = write_summary(&mut out, checked, view, dir, (quiet, said))
        .and_then(|()| match reached {
            Some(t) => writeln!(out, "{}", new_findings_line(view, t, dir)),
            None => Ok(()),
        })
        .or_else(ignore_broken_pipe);
}

fn write_summary(
    out: &mut dyn Write,
    checked: &history::Checked,
    view: &HistoryView,
    dir: &Path,
    (quiet, said): (bool, &[String]),
) -> std::io::Result<()> {
    // Incomplete input first: it explains the 已移除 count of the totals.
    if !view.input_problems.is_empty() {
        writeln!(
            out,
            "注意: 运行 {} 的输入不完整，下列内容没有读到；本次的「已移除」可能只是没有读到，以后的运行不与本次对比：",
            view.run.id
        )?;
        for p in &view.input_problems {
            writeln!(out, "  {p}")?;
        }
    }
    if !quiet {
        write_totals(out, checked, view)?;
    }
    // A unit renamed: said even with -q, on the one night it happens (its waivers need a look).
    for m in view.moved() {
        writeln!(out, "注意: {}", m.notice())?;
    }
    if view.settings_changed && view.totals().fixed > 0 {
        writeln!(
            out,
            "注意: 检查设置与对比运行不同（规则、参数或工具版本），「已整改」的问题可能是设置改变所致"
        )?;
    }
    for r in &view.skipped_runs {
        writeln!(out, "  未完成的运行 {}（{}）未计入对比", r.id, r.started_at)?;
    }
    for r in &view.partial_runs {
        writeln!(
            out,
            "  输入不完整的运行 {}（{}）未作为对比基准",
            r.id, r.started_at
        )?;
    }
    // Said every night until someone acts, so each line says how to act.
    for w in &view.waivers.expired {
        writeln!(
            out,
            "  豁免已过期（{} 到期）: {} — {}；问题重新计入。延期用 zwfw-audit audit waive {1} --reason 理由 --until 新日期，\
             不再豁免的用 zwfw-audit audit unwaive {1} 删除（删除后不再提示）",
            w.until, w.fingerprint, w.reason
        )?;
    }
    for w in &view.waivers.unmatched {
        if let Some(h) = view.carried_from(&w.fingerprint) {
            // Found again under another 指纹: the waiver was given for the old text (or unit).
            let what = h
                .carried
                .as_ref()
                .map(|c| c.what_changed(&h.unit))
                .unwrap_or_default();
            writeln!(
                out,
                "  豁免未匹配任何问题: {} — {}；这条问题{what}，仍未整改，现在的指纹是 {}。豁免是给原来那条问题的，不会自动转到新指纹：\
                 仍应豁免的，用 zwfw-audit audit waive {2} --reason 理由 --until 日期 重新豁免；再用 zwfw-audit audit unwaive {0} 删除旧的（删除后不再提示）",
                w.fingerprint, w.reason, h.fingerprint
            )?;
            continue;
        }
        writeln!(
            out,
            "  豁免未匹配任何问题（可能已整改或内容已变）: {} — {}；核实后用 zwfw-audit audit unwaive {0} 删除（删除后不再提示）",
            w.fingerprint, w.reason
        )?;
    }
    // Errors met reading that could hide baseline items are the input problems listed above
    // (the others say they do not: `NO_BASELINE_ITEMS`); quiet leaves out the merely informative
    // notices (an instructions sheet skipped).
    let notices = checked
        .report
        .notices
        .iter()
        .filter(|n| !quiet || n.level >= NoticeLevel::Warning && !said.contains(&n.message))
        .filter(|n| {
            n.level != NoticeLevel::Error
                || n.message.ends_with(NO_BASELINE_ITEMS)
                || n.message.ends_with(FIRST_RUN_NO_BASELINE)
        });
    for line in notice_lines(notices, &dir.join("report.html")) {
        writeln!(out, "  {line}")?;
    }
    if quiet {
        return Ok(());
    }
    writeln!(
        out,
        "报告已写入 {}（report.json、report.html、findings.csv、整改清单-*.xlsx）",
        dir.display()
    )
}

/// The run's counts and each unit's line.
fn write_totals(
    out: &mut dyn Write,
    checked: &history::Checked,
    view: &HistoryView,
) -> std::io::Result<()> {
    let s = &checked.report.summary;
    let t = view.totals();
    let baseline = view.baseline.as_ref().map_or_else(
        || "首次运行，没有对比基准".to_owned(),
        |b| format!("对比运行 {}（{}）", b.id, b.started_at),
    );
    writeln!(
        out,
        "运行 {} 完成：{} 个事项（沿用上次结果 {} 个，无法读取 {} 个），错误 {} 条、提示 {} 条（已豁免 {} 条）；{baseline}：新增 {} 条、已整改 {} 条、未整改 {} 条、已移除 {} 条。",
        view.run.id,
        s.items,
        view.reused_items,
        s.unreadable,
        s.errors,
        s.warnings,
        t.waived,
        t.new,
        t.fixed,
        t.persisting,
        t.gone
    )?;
    // City departments first, then counties, as the scheme ranks them; by name within each.
    let kind = |unit: &str| {
        checked
            .report
            .scores
            .iter()
            .find(|s| s.unit == unit)
            .map(|s| s.kind)
    };
    let mut units: Vec<_> = view.units.iter().collect();
    units.sort_by_key(|u| (kind(&u.unit), &u.unit));
    let rows: Vec<Vec<String>> = units
        .iter()
        .map(|u| {
            let mut row = vec![u.unit.clone()];
            row.extend(
                [
                    u.items,
                    u.errors,
                    u.warnings,
                    u.new,
                    u.fixed,
                    u.persisting,
                    u.gone,
                ]
                .map(|n| n.to_string()),
            );
            row
        })
        .collect();
    let header = [
        "单位",
        "事项",
        "错误",
        "提示",
        "新增",
        "已整改",
        "未整改",
        "已移除",
    ];
    for line in aligned(&header, &rows) {
        writeln!(out, "  {line}")?;
    }
    writeln!(
        out,
        "  （新增、已整改、未整改、已移除都含错误和提示；已豁免的问题不计入错误和提示，也不计入新增和未整改）"
    )
}

/// How the notice of a 实施主体 split over several units begins (`score::units`), before its
/// 统一社会信用代码.
const SPLIT: &str = "实施编码前 18 位（实施主体统一社会信用代码）同为 ";

/// The notices of a 实施主体 split over several units that the compared run had already: the
/// same units under the same 统一社会信用代码. Such a split is no reading problem and often
/// meant (`本来就应分开计分的，可不理会本提示`): a quiet night says it when it appears or changes,
/// not every night (cron would mail every night). 汇总 and the HTML still show it.
pub(super) fn splits_said_before(
    store: &history::Store,
    view: &HistoryView,
    notices: &[crate::source::Notice],
) -> anyhow::Result<Vec<String>> {
    let Some(baseline) = &view.baseline else {
        return Ok(Vec::new());
    };
    let mut said = Vec::new();
    for n in notices {
        let Some(rest) = n.message.strip_prefix(SPLIT) else {
            continue;
        };
        let Some(uscc) = rest.split(' ').next().filter(|u| u.chars().count() == 18) else {
            continue;
        };
        // The units it names: 「池州市市场监督管理局」6 个事项、「…」1 个事项.
        let named: Vec<&str> = rest
            .split('「')
            .skip(1)
            .filter_map(|s| s.split('」').next())
            .collect();
        let before = store.units_with_code_prefix(&baseline.id, uscc)?;
        if named.len() > 1 && named.iter().all(|u| before.iter().any(|b| b == u)) {
            said.push(n.message.clone());
        }
    }
    Ok(said)
}
