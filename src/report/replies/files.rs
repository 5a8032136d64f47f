//! Which files are read as replies, and a unit's list that answers another unit's findings.

use std::path::{Path, PathBuf};

use crate::report::Report;
use crate::score::table::FileIssue;

/// A file named after one unit (`整改清单-贵池区.xlsx`) whose answers are all to another unit's
/// findings: a clerk filled in the wrong unit's list, or a list was renamed. The answers stand
/// (they are matched by 指纹, to the unit the findings belong to), but the assessor is told, so
/// that a unit is not counted as 未交回 while its answers sit in a file under another's name.
pub(super) fn other_units_list(path: &Path, answered: &[usize], report: &Report) -> Option<String> {
    let stem = path.file_stem()?.to_str()?;
    let units: std::collections::BTreeSet<&str> =
        report.items.iter().map(|i| i.unit.as_str()).collect();
    // The one unit the name names: 池州市东至县 rather than 东至县 inside it; none when it names
    // two (`整改清单-东至县（贵池区代填）`).
    let names: Vec<(&str, String)> = units
        .iter()
        .filter(|u| !u.is_empty())
        .map(|u| (*u, crate::report::output::unit_file_stem(u)))
        .filter(|(_, file)| stem.contains(file.as_str()))
        .collect();
    let mut named = names
        .iter()
        .filter(|(_, file)| {
            !names
                .iter()
                .any(|(_, other)| other != file && other.contains(file.as_str()))
        })
        .map(|(u, _)| *u);
    let (Some(named), None) = (named.next(), named.next()) else {
        return None;
    };
    let mut whose: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for &i in answered {
        *whose.entry(report.findings[i].unit.as_str()).or_default() += 1;
    }
    if whose.is_empty() || whose.contains_key(named) {
        return None;
    }
    let list = whose
        .iter()
        .map(|(u, n)| format!("{u} {n} 条"))
        .collect::<Vec<_>>()
        .join("、");
    Some(format!(
        "文件名是「{named}」的清单，但其中的回复都是其他单位的问题（{list}）：可能交错了清单或改错了文件名。回复已按指纹记在问题所属的单位名下，{named} 的问题仍算未回复，请核对"
    ))
}

/// Why a file given as a reply is not read as one, if it is not.
pub(super) fn not_a_reply(path: &Path) -> Option<String> {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if name.starts_with("~$") {
        return Some("Excel 打开文件时生成的临时文件，不是回复，已跳过".into());
    }
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    // WPS saves as .et, 另存为 Excel 97-2003 gives .xls: both are read like .xlsx.
    (!matches!(ext.as_str(), "xlsx" | "xlsm" | "xls" | "et" | "ods" | "csv")).then(|| {
        "不是整改清单（单位交回的应是 Excel/WPS 表格 .xlsx、.xls、.et 或 .csv 文件），已跳过".into()
    })
}

/// The files of `paths`, a folder standing for the files in it. A path that does not exist is an
/// issue.
pub(super) fn expand(paths: &[PathBuf], issues: &mut Vec<FileIssue>) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for path in paths {
        let place = || crate::model::Provenance::file(path.display().to_string());
        if !path.exists() {
            issues.push(FileIssue {
                place: place(),
                message: "找不到这个文件或文件夹".into(),
            });
        } else if !path.is_dir() {
            out.push(path.clone());
        } else {
            match std::fs::read_dir(path) {
                Ok(entries) => {
                    let mut files: Vec<PathBuf> = entries
                        .filter_map(|e| e.ok().map(|e| e.path()))
                        .filter(|p| p.is_file())
                        .collect();
                    files.sort();
                    out.extend(files);
                }
                Err(e) => issues.push(FileIssue {
                    place: place(),
                    message: format!("无法读取文件夹: {}", crate::io_reason(&e)),
                }),
            }
        }
    }
    out
}
