//! Matching a returned list's rows to the report's findings, and keeping one answer per finding.

use std::collections::HashMap;
use std::time::SystemTime;

use super::dispute::{NoReason, Unclear, no_reason, parse_dispute};
use super::over::typed_over;
use crate::report::fixlist::{DISPUTE_HEADER, FINGERPRINT_HEADER, description, unguard};
use crate::report::twins::{Claim, Twins, claim};
use crate::report::{Reply, Report};
use crate::score::table::{CODE, FileIssue, Table, cell};

/// The values Excel shows for a formula it cannot work out: a clerk typed `=没有问题`.
const EXCEL_ERRORS: &[&str] = &[
    "#NAME?", "#VALUE!", "#REF!", "#DIV/0!", "#N/A", "#NUM!", "#NULL!", "#SPILL!", "#CALC!",
];

/// The findings of a report, to match answers to: by fingerprint (told apart by 事项名称, then by
/// order, among findings that share one: [`crate::report::twins`]), and — for a row whose 指纹
/// was edited or deleted — by 实施编码, 规则 and 问题描述 when those (and its 事项名称) name
/// exactly one finding.
pub(super) struct Findings<'r> {
    all: &'r [crate::model::Finding],
    twins: Twins,
    by_content: HashMap<(String, String, String), Vec<usize>>,
    /// The baseline findings no longer found (已整改 / 已移除): the nightly fix list shows them, in
    /// green, and needs no answer to them.
    closed: std::collections::HashSet<String>,
    /// The fingerprint a finding of the compared run is found again under (its text reworded,
    /// or its unit renamed: [`crate::history::Carried`]), by its old one: an answer given to it
    /// stays with it.
    carried: HashMap<String, String>,
}

/// The finding a row may answer.
enum Target<'f> {
    /// Found by its 指纹: one of the findings with it.
    Fingerprint(Claim<'f>),
    /// Found by its content.
    Content(usize),
    /// Not found.
    None,
}

impl<'r> Findings<'r> {
    pub(super) fn of(report: &'r Report) -> Self {
        let mut by_content: HashMap<(String, String, String), Vec<usize>> = HashMap::new();
        for (i, f) in report.findings.iter().enumerate() {
            by_content
                .entry((f.item_code.clone(), f.rule.clone(), description(f)))
                .or_default()
                .push(i);
        }
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
        let carried = report
            .history
            .iter()
            .flat_map(|h| &h.findings)
            .filter_map(|h| {
                Some((
                    h.carried.as_ref()?.fingerprint.clone(),
                    h.fingerprint.clone(),
                ))
            })
            .collect();
        Findings {
            all: &report.findings,
            twins: Twins::of(&report.findings),
            by_content,
            closed,
            carried,
        }
    }

    /// The finding a row answers: by its 指纹 (among those with it, the ones of its 事项名称),
    /// else by its content when that names one finding.
    fn find(
        &self,
        fingerprint: &str,
        code: &str,
        rule: &str,
        text: &str,
        name: &str,
    ) -> Target<'_> {
        let same_name = |&i: &usize| !name.is_empty() && self.all[i].item_name.trim() == name;
        let mut all = self.twins.with(fingerprint);
        if all.is_empty()
            && let Some(now) = self.carried.get(fingerprint)
        {
            all = self.twins.with(now);
        }
        if !all.is_empty() {
            return Target::Fingerprint(Claim {
                named: all.iter().copied().filter(same_name).collect(),
                all,
            });
        }
        let key = (code.to_owned(), rule.to_owned(), unguard(text).to_owned());
        let mut found = self.by_content.get(&key).cloned().unwrap_or_default();
        if found.iter().any(same_name) {
            found.retain(same_name);
        }
        match found.as_slice() {
            &[i] => Target::Content(i),
            _ => Target::None,
        }
    }
}

/// The columns of a returned fix list that [`gather`] reads.
///
/// [`gather`]: super::gather
pub(super) struct Columns {
    pub(super) fingerprint: Option<usize>,
    pub(super) code: Option<usize>,
    rule: Option<usize>,
    pub(super) text: Option<usize>,
    name: Option<usize>,
    fix: Option<usize>,
    dispute: Option<usize>,
    reason: Option<usize>,
    pub(super) evidence: Option<usize>,
    pub(super) status: Option<usize>,
}

impl Columns {
    pub(super) fn of(table: &Table) -> Self {
        Columns {
            fingerprint: table.column(&[FINGERPRINT_HEADER]),
            code: table.column(CODE),
            rule: table.column(&["规则"]),
            text: table.column(&["问题描述"]),
            name: table.column(&["事项名称"]),
            fix: table.column(&["整改情况"]),
            dispute: table.column(&[DISPUTE_HEADER]),
            reason: table.column(&["异议理由"]),
            evidence: table.column(&["原文"]),
            status: table.column(&["状态"]),
        }
    }
}

/// An answer gathered so far, and when its file was saved.
pub(super) struct Found {
    pub(super) reply: Reply,
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
pub(super) fn read_rows(
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
    // Each row's finding. Rows whose 指纹 more than one finding has (items that share an
    // 实施编码) are told apart by 事项名称, then by order — rows left empty count for the order too.
    let targets: Vec<Target> = table
        .rows
        .iter()
        .map(|(_, cells)| {
            findings.find(
                cell(cells, cols.fingerprint),
                cell(cells, cols.code),
                cell(cells, cols.rule),
                cell(cells, cols.text),
                unguard(cell(cells, cols.name)).trim(),
            )
        })
        .collect();
    let mut taken: std::collections::HashSet<usize> = targets
        .iter()
        .filter_map(|t| match t {
            Target::Content(i) => Some(*i),
            _ => None,
        })
        .collect();
    let claims: Vec<Claim> = targets
        .iter()
        .filter_map(|t| match t {
            Target::Fingerprint(c) => Some(c.clone()),
            _ => None,
        })
        .collect();
    let mut given = claim(&claims, &mut taken).into_iter();
    let indices: Vec<Option<usize>> = targets
        .iter()
        .map(|t| match t {
            Target::Content(i) => Some(*i),
            // A row that repeats a finding an earlier row took answers that finding again: the
            // same answer is no news, a different one is told below.
            Target::Fingerprint(c) => given.next().flatten().or_else(|| c.pool().first().copied()),
            Target::None => None,
        })
        .collect();
    for ((row, cells), index) in table.rows.iter().zip(indices) {
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
        let (mut fix, mut reason) = (text(cols.fix, "整改情况"), text(cols.reason, "异议理由"));
        // Written in the wrong column: kept as the answer when 整改情况 is empty, and said.
        let over = index.map_or_else(Vec::new, |i| {
            let same = findings.twins.fingerprint(i) == cell(cells, cols.fingerprint).trim();
            typed_over(cells, cols, &findings.all[i], same)
        });
        if !over.is_empty() {
            let said: Vec<String> = over
                .iter()
                .map(|(what, t)| {
                    format!("「{what}」改成了「{}」", crate::model::text::quote(t, 40))
                })
                .collect();
            let then = if fix.is_empty() {
                fix = over
                    .iter()
                    .map(|(what, t)| format!("{t}（写在「{what}」列）"))
                    .collect::<Vec<_>>()
                    .join("；");
                "整改情况是空的，按整改情况读取"
            } else {
                "整改情况已填写，这些内容未读取"
            };
            row_issues.push(table.issue(
                *row,
                format!(
                    "{}，与清单原来的内容不同，像是把回复写错了列：{then}（请单位以后写在「整改情况」列）",
                    said.join("，")
                ),
            ));
        }
        let typed = cell(cells, cols.dispute);
        let mut parsed = parse_dispute(typed);
        // A 异议理由 of 无, `/` or 已整改 with 是否有异议 not filled in is no objection.
        if matches!(parsed, Ok(None) | Err(Unclear))
            && let Some(none) = no_reason(&reason, &fix)
        {
            if fix.is_empty() && none == NoReason::Fixed {
                fix = format!("{reason}（写在「异议理由」列）");
            }
            reason.clear();
            if parsed.is_ok() && none != NoReason::Blank {
                parsed = Ok(Some(false));
            }
        }
        let parsed = match parsed {
            // A reason with 是否有异议 left empty: the clerk objects.
            Ok(None) if !reason.is_empty() => {
                row_issues
                    .push(table.issue(*row, "「是否有异议」没有填，但写了异议理由，按「有」计"));
                Ok(Some(true))
            }
            other => other,
        };
        let disputed = parsed.unwrap_or_else(|Unclear| {
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
        let placeholder = cells
            .iter()
            .any(|c| c.trim() == crate::report::xlsx::NO_FINDINGS);
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
        let Some(index) = index else {
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
            fingerprint: findings.twins.fingerprint(index).to_owned(),
            place: findings.twins.place(findings.all, index),
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
            place: crate::model::Provenance::file(table.source.as_str()),
            message: format!(
                "这个文件有 {answered} 行回复，但都对不上本报告的问题：可能是另一次运行的清单（请核对汇总表的运行编号），未读取"
            ),
        });
    } else {
        issues.extend(row_issues);
    }
    matched
}

fn same_answer(a: &Reply, b: &Reply) -> bool {
    (a.fix.as_str(), a.disputed, a.reason.as_str())
        == (b.fix.as_str(), b.disputed, b.reason.as_str())
}
