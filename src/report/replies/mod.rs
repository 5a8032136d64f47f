//! 单位回复 — the units' answers, gathered from the fix lists they return.
//!
//! A unit's fix list (`整改清单-<单位>.xlsx`) comes back with 整改情况, 是否有异议 and 异议理由
//! filled in. `zwfw-audit report report.json --replies 回复/` reads every returned list, matches
//! each row to its finding by 指纹 (never by position: a clerk may sort, filter or delete rows; a
//! row whose 指纹 was edited is matched by 实施编码, 规则 and 问题描述 when they name one finding;
//! among findings that share a 指纹 — items that share an 实施编码 — by 事项名称, then by order:
//! [`crate::report::twins`])
//! and keeps the answers in the report, so that the all-units workbook rendered from it shows
//! every unit's answers beside its findings for the assessor's 复核.
//!
//! Nothing is dropped without a word: a row that matches no finding, a 是否有异议 that says neither
//! 有 nor 无 (the row is kept, its reason decides), a formula cell, one finding answered differently
//! in two files, and every file not read (a lock file, a document, the assessor's own all-units
//! list, a file of another run) are reported with their place.

mod dispute;
mod files;
mod over;
mod rows;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_cells;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::fixlist::FINGERPRINT_HEADER;
use super::{Reply, Report};
use crate::score::review::SHEET;
use crate::score::table::{FileIssue, read_table};
use files::{expand, not_a_reply, other_units_list};
use rows::{Columns, Findings, Found, read_rows};

pub use dispute::{Unclear, parse_dispute};

/// What [`gather`] found.
#[derive(Debug, Default)]
pub struct Gathered {
    /// One answer per finding that has one, in the report's finding order.
    pub replies: Vec<Reply>,
    /// Bad rows, and files that were not read, with the reason.
    pub issues: Vec<FileIssue>,
    /// Returned fix lists read.
    pub files: usize,
}

/// Reads the returned fix lists in `paths` (a folder stands for its files, not recursively) and
/// matches their answers to `report`'s findings.
pub fn gather(paths: &[PathBuf], report: &Report) -> Gathered {
    gather_files(paths, report, false)
}

/// The units' answers an assessor's review file carries (the all-units list re-rendered by
/// `report --replies`), for `score --review` to keep them in the scored report.
pub fn from_review(path: &Path, report: &Report) -> Vec<Reply> {
    gather_files(&[path.to_path_buf()], report, true).replies
}

fn gather_files(paths: &[PathBuf], report: &Report, all_units_ok: bool) -> Gathered {
    let mut out = Gathered::default();
    let findings = Findings::of(report);
    let mut found: HashMap<usize, Found> = HashMap::new();
    for path in expand(paths, &mut out.issues) {
        let file_issue = |message: String| FileIssue {
            place: crate::model::Provenance::file(path.display().to_string()),
            message,
        };
        if let Some(why) = not_a_reply(&path) {
            out.issues.push(file_issue(why));
            continue;
        }
        let table = match read_table(&path, Some(SHEET), &[FINGERPRINT_HEADER]) {
            Ok(t) => t,
            Err(e) => {
                out.issues
                    .push(file_issue(format!("{e}；这个文件的回复未读取")));
                continue;
            }
        };
        if !all_units_ok && table.column(&[super::csv::UNIT_HEADER]).is_some() {
            out.issues.push(file_issue(
                "这是全部单位的清单（整改清单-全部.xlsx 或 findings.csv，考核人员用），不是单位的回复，未读取".into(),
            ));
            continue;
        }
        let cols = Columns::of(&table);
        if cols.fingerprint.is_none() && (cols.code.is_none() || cols.text.is_none()) {
            out.issues.push(file_issue(
                "没有「指纹」列，也没有实施编码、规则和问题描述，不是单位交回的整改清单，未读取"
                    .into(),
            ));
            continue;
        }
        out.files += 1;
        let saved = std::fs::metadata(&path).and_then(|m| m.modified()).ok();
        let answered = read_rows(&table, &cols, &findings, saved, &mut found, &mut out.issues);
        if let Some(message) = other_units_list(&path, &answered, report) {
            out.issues.push(file_issue(message));
        }
    }
    let mut replies: Vec<(usize, Found)> = found.into_iter().collect();
    replies.sort_by_key(|(i, _)| *i);
    out.replies = replies.into_iter().map(|(_, f)| f.reply).collect();
    out
}
