//! 单位回复 — the units' answers, gathered from the fix lists they return.
//!
//! A unit's fix list (`整改清单-<单位>.xlsx`) comes back with 整改情况, 是否有异议 and 异议理由
//! filled in. `zwfw-audit report report.json --replies 回复/` reads every returned list, matches
//! each row to its finding by 指纹 (never by position: a clerk may sort, filter or delete rows; a
//! row whose 指纹 was edited is matched by 实施编码, 规则 and 问题描述 when they name one finding)
//! and keeps the answers in the report, so that the all-units workbook rendered from it shows
//! every unit's answers beside its findings for the assessor's 复核.
//!
//! Nothing is dropped without a word: a row that matches no finding, a 是否有异议 that says neither
//! 有 nor 无 (the row is kept, its reason decides), a formula cell, one finding answered differently
//! in two files, and every file not read (a lock file, a document, the assessor's own all-units
//! list, a file of another run) are reported with their place.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::fixlist::{DISPUTE_HEADER, FINGERPRINT_HEADER, description, unguard};
use super::{Reply, Report};
use crate::model::text::to_halfwidth;
use crate::score::review::SHEET;
use crate::score::table::{CODE, FileIssue, Table, cell, read_table};

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

/// The values Excel shows for a formula it cannot work out: a clerk typed `=没有问题`.
const EXCEL_ERRORS: &[&str] = &[
    "#NAME?", "#VALUE!", "#REF!", "#DIV/0!", "#N/A", "#NUM!", "#NULL!", "#SPILL!", "#CALC!",
];

/// The findings of a report, to match answers to: by fingerprint, and — for a row whose 指纹 was
/// edited or deleted — by 实施编码, 规则 and 问题描述 when those name exactly one finding.
struct Findings {
    by_fingerprint: HashMap<String, usize>,
    by_content: HashMap<(String, String, String), Vec<usize>>,
    fingerprints: Vec<String>,
    /// The baseline findings no longer found (已整改 / 已移除): the nightly fix list shows them, in
    /// green, and needs no answer to them.
    closed: std::collections::HashSet<String>,
}

impl Findings {
    fn of(report: &Report) -> Self {
        let mut by_content: HashMap<(String, String, String), Vec<usize>> = HashMap::new();
        let mut fingerprints = Vec::with_capacity(report.findings.len());
        for (i, f) in report.findings.iter().enumerate() {
            fingerprints.push(crate::history::fingerprint(f));
            by_content
                .entry((f.item_code.clone(), f.rule.clone(), description(f)))
                .or_default()
                .push(i);
        }
        let by_fingerprint = fingerprints
            .iter()
            .enumerate()
            .map(|(i, fp)| (fp.clone(), i))
            .collect();
        let closed = report
            .history
            .iter()
            .flat_map(|h| &h.findings)
            .filter(|h| {
                matches!(
                    h.status,
                    crate::history::FindingStatus::Fixed | crate::history::FindingStatus::Gone
                )
            })
            .map(|h| h.fingerprint.clone())
            .collect();
        Findings {
            by_fingerprint,
            by_content,
            fingerprints,
            closed,
        }
    }

    /// The finding a row answers: by its 指纹, else by its content when that is unique.
    fn find(&self, fingerprint: &str, code: &str, rule: &str, text: &str) -> Option<usize> {
        if let Some(&i) = self.by_fingerprint.get(fingerprint) {
            return Some(i);
        }
        let key = (code.to_owned(), rule.to_owned(), unguard(text).to_owned());
        match self.by_content.get(&key).map(Vec::as_slice) {
            Some(&[i]) => Some(i),
            _ => None,
        }
    }
}

/// The columns of a returned fix list that [`gather`] reads.
struct Columns {
    fingerprint: Option<usize>,
    code: Option<usize>,
    rule: Option<usize>,
    text: Option<usize>,
    fix: Option<usize>,
    dispute: Option<usize>,
    reason: Option<usize>,
}

impl Columns {
    fn of(table: &Table) -> Self {
        Columns {
            fingerprint: table.column(&[FINGERPRINT_HEADER]),
            code: table.column(CODE),
            rule: table.column(&["规则"]),
            text: table.column(&["问题描述"]),
            fix: table.column(&["整改情况"]),
            dispute: table.column(&[DISPUTE_HEADER]),
            reason: table.column(&["异议理由"]),
        }
    }
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

/// An answer gathered so far, and when its file was saved.
struct Found {
    reply: Reply,
    saved: Option<SystemTime>,
}

/// What a superseded answer said, with its place, for the assessor.
fn answer_text(r: &Reply) -> String {
    let mut parts = vec![format!("整改情况「{}」", r.fix)];
    if let Some(d) = r.disputed {
        parts.push(format!("是否有异议「{}」", if d { "有" } else { "无" }));
    }
    if !r.reason.is_empty() {
        parts.push(format!("异议理由「{}」", r.reason));
    }
    format!("{}：{}", r.source, parts.join("，"))
}

/// The answers of one returned fix list; returns the findings its rows answered. When no answered
/// row matches a finding, the file is from another run: one issue says so, instead of one per row.
fn read_rows(
    table: &Table,
    cols: &Columns,
    findings: &Findings,
    saved: Option<SystemTime>,
    found: &mut HashMap<usize, Found>,
    issues: &mut Vec<FileIssue>,
) -> Vec<usize> {
    let mut matched = Vec::new();
    let mut row_issues = Vec::new();
    let (mut answered, mut unmatched) = (0, 0);
    for (row, cells) in &table.rows {
        let mut text = |col: Option<usize>, what: &str| {
            let t = unguard(cell(cells, col)).trim().to_owned();
            if EXCEL_ERRORS.contains(&t.as_str()) {
                row_issues.push(table.issue(
                    *row,
                    format!(
                        "「{what}」是公式，Excel 显示为 {t}，内容读不出来，按空白处理（请单位在文字前加英文单引号 ' 后重填）"
                    ),
                ));
                String::new()
            } else {
                t
            }
        };
        let (fix, reason) = (text(cols.fix, "整改情况"), text(cols.reason, "异议理由"));
        let typed = cell(cells, cols.dispute);
        let disputed = parse_dispute(typed).unwrap_or_else(|Unclear| {
            // Kept, not dropped: a reason says what the clerk meant.
            let guess = !reason.is_empty();
            row_issues.push(table.issue(
                *row,
                format!(
                    "「是否有异议」填的是「{typed}」，不是「有」或「无」；{}，整改情况和异议理由照常读取",
                    if guess {
                        "写了异议理由，按「有」计"
                    } else {
                        "没有异议理由，按「无」计"
                    }
                ),
            ));
            Some(guess)
        });
        // The line a list without findings holds in place of rows is not an answer.
        let placeholder = cells.iter().any(|c| c.trim() == super::xlsx::NO_FINDINGS);
        if placeholder || (fix.is_empty() && reason.is_empty() && disputed.is_none()) {
            continue;
        }
        let fingerprint = cell(cells, cols.fingerprint);
        if findings.closed.contains(fingerprint) {
            row_issues.push(table.issue(
                *row,
                "这一行是上次运行的问题，本次已整改或已移除，不需要回复，未读取",
            ));
            continue;
        }
        answered += 1;
        let Some(index) = findings.find(
            fingerprint,
            cell(cells, cols.code),
            cell(cells, cols.rule),
            cell(cells, cols.text),
        ) else {
            unmatched += 1;
            let why = if fingerprint.is_empty() {
                "指纹为空".to_owned()
            } else {
                format!("指纹 {fingerprint} 不在这份报告中")
            };
            row_issues.push(table.issue(
                *row,
                format!(
                    "{why}，实施编码、规则和问题描述也对不上唯一的一条问题，这一行的回复未读取"
                ),
            ));
            continue;
        };
        matched.push(index);
        if disputed == Some(true) && reason.is_empty() {
            row_issues.push(table.issue(*row, "选了「有」异议，但没有写异议理由"));
        }
        let reply = Reply {
            fingerprint: findings.fingerprints[index].clone(),
            fix,
            disputed,
            reason,
            source: table.place(*row).to_string(),
            superseded: Vec::new(),
        };
        match found.get_mut(&index) {
            Some(first) if same_answer(&first.reply, &reply) => {}
            // A clerk who corrects a list sends it again: the file saved later holds the answer
            // that stands, whatever its name; on a tie the one read first stays.
            Some(first) => {
                let later = matches!((first.saved, saved), (Some(a), Some(b)) if b > a);
                let (kept, dropped) = if later {
                    let mut reply = reply;
                    reply.superseded = std::mem::take(&mut first.reply.superseded);
                    let old = std::mem::replace(&mut first.reply, reply);
                    first.saved = saved;
                    (&mut first.reply, old)
                } else {
                    (&mut first.reply, reply)
                };
                let message = if later {
                    format!(
                        "这条问题在 {} 有不同的回复；这个文件保存得较晚，采用这一行，另一份写在全部单位清单「整改情况」的批注里",
                        dropped.source
                    )
                } else {
                    format!(
                        "这条问题在 {} 已有不同的回复；那个文件{}，采用那一份，这一行写在全部单位清单「整改情况」的批注里",
                        kept.source,
                        if matches!((first.saved, saved), (Some(a), Some(b)) if a > b) {
                            "保存得较晚"
                        } else {
                            "先读到"
                        }
                    )
                };
                row_issues.push(table.issue(*row, message));
                kept.superseded.push(answer_text(&dropped));
            }
            None => {
                found.insert(index, Found { reply, saved });
            }
        }
    }
    if answered > 0 && unmatched == answered {
        issues.push(FileIssue {
            place: crate::model::Provenance::file(&table.source),
            message: format!(
                "这个文件有 {answered} 行回复，但都对不上本报告的问题：可能是另一次运行的清单（请核对汇总表的运行编号），未读取"
            ),
        });
    } else {
        issues.extend(row_issues);
    }
    matched
}

/// A file named after one unit (`整改清单-贵池区.xlsx`) whose answers are all to another unit's
/// findings: a clerk filled in the wrong unit's list, or a list was renamed. The answers stand
/// (they are matched by 指纹, to the unit the findings belong to), but the assessor is told, so
/// that a unit is not counted as 未交回 while its answers sit in a file under another's name.
fn other_units_list(path: &Path, answered: &[usize], report: &Report) -> Option<String> {
    let stem = path.file_stem()?.to_str()?;
    let units: std::collections::BTreeSet<&str> =
        report.items.iter().map(|i| i.unit.as_str()).collect();
    // The one unit the name names: 池州市东至县 rather than 东至县 inside it; none when it names
    // two (`整改清单-东至县（贵池区代填）`).
    let names: Vec<(&str, String)> = units
        .iter()
        .filter(|u| !u.is_empty())
        .map(|u| (*u, super::output::unit_file_stem(u)))
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

fn same_answer(a: &Reply, b: &Reply) -> bool {
    (a.fix.as_str(), a.disputed, a.reason.as_str())
        == (b.fix.as_str(), b.disputed, b.reason.as_str())
}

/// A 是否有异议 cell that says neither 有 nor 无.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unclear;

/// Parses a 是否有异议 cell as clerks write it: `Some(true)` for 有 (有异议, 是, 不同意, a tick
/// `√`, `Y`…), `Some(false)` for 无 (没有, 无异议, 否, 同意, a cross `×`, `N`…), `None` when
/// empty.
pub fn parse_dispute(s: &str) -> Result<Option<bool>, Unclear> {
    let t: String = to_halfwidth(s).split_whitespace().collect();
    if t.is_empty() {
        return Ok(None);
    }
    // The longer words first: 不同意 before 同意, 没有 before 有.
    if ["不同意", "不认可", "不成立"]
        .iter()
        .any(|w| t.starts_with(w))
    {
        return Ok(Some(true));
    }
    if ["无", "没有", "否", "不是", "同意"]
        .iter()
        .any(|w| t.starts_with(w))
    {
        return Ok(Some(false));
    }
    if ["有", "是", "异议"].iter().any(|w| t.starts_with(w)) {
        return Ok(Some(true));
    }
    // A tick or a cross, as on paper forms (是否… ✓ = 是), and Y / N.
    let latin = t.to_ascii_lowercase();
    if ["√", "✓", "✔", "☑"].iter().any(|w| t.starts_with(w))
        || ["y", "yes"].contains(&latin.as_str())
    {
        return Ok(Some(true));
    }
    if ["×", "✗", "✘", "☒"].iter().any(|w| t.starts_with(w))
        || ["n", "no"].contains(&latin.as_str())
    {
        return Ok(Some(false));
    }
    Err(Unclear)
}

/// Why a file given as a reply is not read as one, if it is not.
fn not_a_reply(path: &Path) -> Option<String> {
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
fn expand(paths: &[PathBuf], issues: &mut Vec<FileIssue>) -> Vec<PathBuf> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dispute_cells_read_as_clerks_write_them() {
        for yes in [
            "有",
            " 有异议 ",
            "是",
            "是的",
            "有（理由见附件）",
            "不同意",
            "不认可",
        ] {
            assert_eq!(parse_dispute(yes), Ok(Some(true)), "{yes}");
        }
        for no in ["无", "没有", "没有异议", "无异议", "否", "同意"] {
            assert_eq!(parse_dispute(no), Ok(Some(false)), "{no}");
        }
        // Ticks, crosses and Y / N, as clerks mark a 是否 column.
        for yes in ["√", "✓", "✔", "Y", "y", "Yes", "Ｙ"] {
            assert_eq!(parse_dispute(yes), Ok(Some(true)), "{yes}");
        }
        for no in ["×", "✗", "N", "no", "ＮＯ"] {
            assert_eq!(parse_dispute(no), Ok(Some(false)), "{no}");
        }
        assert_eq!(parse_dispute("Yellow"), Err(Unclear));
        assert_eq!(parse_dispute(" "), Ok(None));
        assert_eq!(parse_dispute("驳回"), Err(Unclear));
        assert_eq!(parse_dispute("待定"), Err(Unclear));
    }

    /// A returned list: the placeholder line of a list without findings is no answer (its 无
    /// is not reported as a row without 指纹); a real answer is read.
    #[test]
    fn the_no_findings_line_is_not_an_answer() {
        let report = crate::score::tests::fixture();
        let fp = crate::history::fingerprint(&report.findings[0]);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("整改清单-东至县.csv");
        let csv = format!(
            "序号,事项名称,实施编码,整改情况,是否有异议,异议理由,指纹\n\
             ,{},,,无,,\n\
             1,事项C1,C1,已于12月1日更正,,,{fp}\n",
            crate::report::xlsx::NO_FINDINGS
        );
        std::fs::write(&path, csv).unwrap();
        let got = gather(&[path], &report);
        assert!(got.issues.is_empty(), "{:?}", got.issues);
        assert_eq!(got.replies.len(), 1);
        assert_eq!(got.replies[0].fix, "已于12月1日更正");
    }

    #[test]
    fn lock_files_and_documents_are_not_replies() {
        assert_eq!(not_a_reply(Path::new("回复/整改清单-东至县.xlsx")), None);
        assert_eq!(not_a_reply(Path::new("回复/findings.CSV")), None);
        // Saved by WPS, or as Excel 97-2003: still a fix list.
        assert_eq!(not_a_reply(Path::new("回复/整改清单-东至县.et")), None);
        assert_eq!(not_a_reply(Path::new("回复/整改清单-东至县.XLS")), None);
        assert!(
            not_a_reply(Path::new("回复/~$整改清单-东至县.xlsx"))
                .unwrap()
                .contains("临时文件")
        );
        assert!(
            not_a_reply(Path::new("回复/说明.docx"))
                .unwrap()
                .contains("不是整改清单")
        );
    }
}
