//! What `check` says on the terminal when it is done: the counts, notices, the first unreadable
//! items and findings, and the per-unit scores.

use std::path::Path;

use crate::model::{Finding, Provenance};
use crate::report::{ItemStatus, Report, Summary};
use crate::score::UnitScore;
use crate::source::{Notice, NoticeLevel};

/// What the terminal says when a check has written its reports: counts, notices, the first
/// unreadable items and findings, and the scores.
pub(super) fn print_summary(report: &Report, dir: &Path, decimals: u32) {
    let unreadable: Vec<(&Provenance, &str)> = report
        .items
        .iter()
        .filter(|i| i.status == ItemStatus::Unreadable)
        .take(10)
        .map(|i| (&i.provenance, i.reason.as_deref().unwrap_or_default()))
        .collect();
    print_done(
        &Done {
            summary: &report.summary,
            notices: &report.notices,
            unreadable: &unreadable,
            first_findings: &report.findings[..report.findings.len().min(10)],
            findings: report.findings.len(),
            scores: &report.scores,
        },
        dir,
        decimals,
    );
}

/// With `-q` (只显示错误), what still needs someone's attention: the inputs, or parts of them, that
/// could not be read (a file missing or broken, a sheet lost). A quiet run from cron that exits 1
/// as if there were only findings must not hide that a county's export was never read.
pub(super) fn print_errors(notices: &[Notice], rest_in: &Path) {
    let errors = notices.iter().filter(|n| n.level == NoticeLevel::Error);
    for line in super::super::notice_lines(errors, rest_in) {
        say!("{line}");
    }
}

/// A finished check as the terminal tells it, from the report in memory or from what the
/// streaming check kept of it.
pub(super) struct Done<'a> {
    pub summary: &'a Summary,
    pub notices: &'a [Notice],
    /// The first unreadable items: place and reason.
    pub unreadable: &'a [(&'a Provenance, &'a str)],
    pub first_findings: &'a [Finding],
    /// Findings in all.
    pub findings: usize,
    pub scores: &'a [UnitScore],
}

/// Counts, notices, the first unreadable items and findings, the scores, and where the reports are.
pub(super) fn print_done(done: &Done<'_>, dir: &Path, decimals: u32) {
    let s = done.summary;
    say!(
        "已检查 {} 个事项（无法读取 {} 个），发现错误 {} 条、提示 {} 条，{} 个事项有错误。",
        s.checked,
        s.unreadable,
        s.errors,
        s.warnings,
        s.items_with_errors
    );
    for line in super::super::notice_lines(done.notices, dir) {
        say!("  {line}");
    }
    print_unreadable(done.unreadable.iter().copied(), s.unreadable);
    for f in done.first_findings {
        say!(
            "  [{}] {} {} — {}",
            f.rule,
            f.item_code,
            f.item_name,
            f.message
        );
    }
    if done.findings > done.first_findings.len() {
        say!(
            "  …… 其余 {} 条见报告",
            done.findings - done.first_findings.len()
        );
    }
    let incomplete = done.notices.iter().any(|n| n.level == NoticeLevel::Error);
    print_scores(done.scores, decimals, incomplete);
    say!("报告已写入 {}", dir.display());
}

/// The first unreadable items with their place and reason, and how many more the report lists.
fn print_unreadable<'a>(first: impl Iterator<Item = (&'a Provenance, &'a str)>, total: usize) {
    let mut shown = 0;
    for (place, reason) in first {
        say!("  无法读取: {place} — {reason}");
        shown += 1;
    }
    if total > shown {
        say!("  …… 其余 {} 个无法读取的事项见报告", total - shown);
    }
}

/// The per-unit score table on the terminal.
fn print_scores(scores: &[crate::score::UnitScore], decimals: u32, incomplete: bool) {
    if let Some(first) = scores.first() {
        // Best effort: the summary goes to the terminal; a closed stderr is no reason to fail.
        let _ = super::super::score::print_table(
            &mut crate::cli::SafeOut(std::io::stderr().lock()),
            scores,
            first.rate_kind,
            decimals,
            incomplete,
        );
    }
}
