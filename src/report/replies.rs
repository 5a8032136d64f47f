//! 单位回复 — the units' answers, gathered from the fix lists they return.
//!
//! A unit's fix list (`整改清单-<单位>.xlsx`) comes back with 整改情况, 是否有异议 and 异议理由
//! filled in. `zwfw-audit report report.json --replies 回复/` reads every returned list, matches
//! each row to its finding by 指纹 (never by position: a clerk may sort, filter or delete rows) and
//! keeps the answers in the report, so that the all-units workbook rendered from it shows every
//! unit's answers beside its findings for the assessor's 复核.
//!
//! Bad rows (no 指纹, a 指纹 not in the report, 是否有异议 neither 有 nor 无, one finding answered
//! differently in two files) and unreadable files are reported with their place and skipped; the
//! other answers are kept.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::fixlist::{DISPUTE_HEADER, FINGERPRINT_HEADER, unguard};
use super::{Reply, Report};
use crate::model::text::to_halfwidth;
use crate::score::review::SHEET;
use crate::score::table::{FileIssue, cell, read_table};

/// What [`gather`] found.
#[derive(Debug, Default)]
pub struct Gathered {
    /// One answer per finding that has one, in the report's finding order.
    pub replies: Vec<Reply>,
    /// Bad rows and unreadable files.
    pub issues: Vec<FileIssue>,
    /// Files read.
    pub files: usize,
}

/// Reads the returned fix lists in `paths` (a folder stands for its `.xlsx`/`.csv` files, not
/// recursively; Excel's `~$` lock files are left out) and matches their answers to `report`'s
/// findings.
pub fn gather(paths: &[PathBuf], report: &Report) -> Gathered {
    let mut out = Gathered::default();
    let fingerprints: HashMap<String, usize> = report
        .findings
        .iter()
        .enumerate()
        .map(|(i, f)| (crate::history::fingerprint(f), i))
        .collect();
    let mut found: HashMap<usize, Reply> = HashMap::new();
    for path in expand(paths, &mut out.issues) {
        let table = match read_table(&path, Some(SHEET), &[FINGERPRINT_HEADER]) {
            Ok(t) => t,
            Err(e) => {
                out.issues.push(FileIssue {
                    place: crate::model::Provenance::file(path.display().to_string()),
                    message: format!("{e}，这个文件的回复未读取"),
                });
                continue;
            }
        };
        out.files += 1;
        let Some(fp_col) = table.column(&[FINGERPRINT_HEADER]) else {
            continue;
        };
        let (fix_col, dispute_col, reason_col) = (
            table.column(&["整改情况"]),
            table.column(&[DISPUTE_HEADER]),
            table.column(&["异议理由"]),
        );
        for (row, cells) in &table.rows {
            let text = |col| unguard(cell(cells, col)).trim().to_owned();
            let (fix, reason) = (text(fix_col), text(reason_col));
            let disputed = match parse_dispute(cell(cells, dispute_col)) {
                Ok(d) => d,
                Err(msg) => {
                    out.issues.push(table.issue(*row, msg));
                    continue;
                }
            };
            if fix.is_empty() && reason.is_empty() && !disputed {
                continue;
            }
            let fingerprint = cell(cells, Some(fp_col)).trim().to_owned();
            let Some(&index) = fingerprints.get(&fingerprint) else {
                let why = if fingerprint.is_empty() {
                    "指纹为空".to_owned()
                } else {
                    format!("指纹 {fingerprint} 不在这份报告中（可能是另一次运行的清单）")
                };
                out.issues
                    .push(table.issue(*row, format!("{why}，这一行的回复未读取")));
                continue;
            };
            let reply = Reply {
                fingerprint,
                fix,
                disputed,
                reason,
                source: table.place(*row).to_string(),
            };
            match found.get(&index) {
                Some(first) if same_answer(first, &reply) => {}
                Some(first) => out.issues.push(table.issue(
                    *row,
                    format!(
                        "这条问题在 {} 已有不同的回复，采用先读到的那一份",
                        first.source
                    ),
                )),
                None => {
                    found.insert(index, reply);
                }
            }
        }
    }
    let mut replies: Vec<(usize, Reply)> = found.into_iter().collect();
    replies.sort_by_key(|(i, _)| *i);
    out.replies = replies.into_iter().map(|(_, r)| r).collect();
    out
}

fn same_answer(a: &Reply, b: &Reply) -> bool {
    (a.fix.as_str(), a.disputed, a.reason.as_str())
        == (b.fix.as_str(), b.disputed, b.reason.as_str())
}

/// Parses a 是否有异议 cell: 有 (是, 有异议) or 无 (否, 没有, empty).
pub fn parse_dispute(s: &str) -> Result<bool, String> {
    let t: String = to_halfwidth(s).split_whitespace().collect();
    match t.as_str() {
        "有" | "是" | "有异议" => Ok(true),
        "" | "无" | "否" | "没有" | "无异议" => Ok(false),
        _ => Err(format!(
            "是否有异议 \"{t}\" 无法识别，请填写「有」或「无」，这一行的回复未读取"
        )),
    }
}

/// The files of `paths`, a folder standing for its fix lists.
fn expand(paths: &[PathBuf], issues: &mut Vec<FileIssue>) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for path in paths {
        if !path.is_dir() {
            out.push(path.clone());
            continue;
        }
        match std::fs::read_dir(path) {
            Ok(entries) => {
                let mut files: Vec<PathBuf> = entries
                    .filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.is_file() && is_fix_list(p))
                    .collect();
                files.sort();
                out.extend(files);
            }
            Err(e) => issues.push(FileIssue {
                place: crate::model::Provenance::file(path.display().to_string()),
                message: format!("无法读取文件夹: {}", crate::io_reason(&e)),
            }),
        }
    }
    out
}

/// A returned fix list in a folder: a workbook or CSV, not Excel's `~$` lock file.
fn is_fix_list(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    !name.starts_with("~$") && matches!(ext.as_str(), "xlsx" | "xlsm" | "csv")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dispute_cells_are_yes_or_no() {
        assert_eq!(parse_dispute("有"), Ok(true));
        assert_eq!(parse_dispute(" 有异议 "), Ok(true));
        assert_eq!(parse_dispute(""), Ok(false));
        assert_eq!(parse_dispute("无"), Ok(false));
        assert!(
            parse_dispute("驳回")
                .unwrap_err()
                .contains("请填写「有」或「无」")
        );
    }

    #[test]
    fn lock_files_are_not_fix_lists() {
        assert!(is_fix_list(Path::new("回复/整改清单-东至县.xlsx")));
        assert!(is_fix_list(Path::new("回复/findings.CSV")));
        assert!(!is_fix_list(Path::new("回复/~$整改清单-东至县.xlsx")));
        assert!(!is_fix_list(Path::new("回复/说明.docx")));
    }
}
