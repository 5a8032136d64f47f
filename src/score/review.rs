//! 复核 — applying an assessor's review of the findings.
//!
//! The review file is either the all-units fix list (`整改清单-全部.xlsx`, sheet 问题清单, or
//! `findings.csv`: the columns of [`crate::report::fixlist::HEADERS`]) or a CSV/XLSX with the
//! columns 实施编码, 规则, 原文 (optional), 复核结果, 备注. Columns are found by header, in any
//! order. A unit's fix list has no 复核结果 (its clerk fills 是否有异议 instead) and is refused
//! with a message that says which file to review in.
//!
//! - 规则: a rule id (`B13`), a rule name (`consult-phone`), or text starting with the id
//!   (`B13 咨询电话`).
//! - 复核结果: **confirmed** = 确认, 属实, 成立, 维持, 有效, 确定, 是; **rejected** = 驳回, 不属实,
//!   不成立, 无效, 误报, 撤销, 否; empty = not reviewed (the finding stands); a decision may be
//!   followed by punctuation and a reason (`驳回（名称可接受）`). 通过 / 不通过 are **not**
//!   accepted: in a review column they can mean either "the finding is upheld" or "the item
//!   passes"; nor are 同意 / 不同意, which beside a unit's objection may be about the objection.
//!   Such a row is reported and left unapplied.
//! - A row selects the findings of its (实施编码, 规则) whose 原文 equals the cell (or, when the cell
//!   ends in `…`, starts with it); with no 原文 all findings of that (实施编码, 规则). When several
//!   rows have the same (实施编码, 规则, 原文), as in a fix list with one row per finding, the k-th
//!   row reviews the k-th such finding; a row beyond the number of findings is a duplicate.
//! - A row with a known 指纹 reviews that finding wherever it sits. Findings of items that share
//!   an 实施编码 (a placeholder, an empty code) share a 指纹: among them the row's 事项名称 says
//!   which, failing that the order (the n-th row with a 指纹 reviews the n-th finding with it);
//!   a row is a duplicate only when it repeats a finding an earlier row already took
//!   ([`crate::report::twins`]). A row without 指纹 with a 事项名称 likewise selects only that
//!   item's findings of its (实施编码, 规则).
//! - Rows whose 状态 (the column nightly `audit` fix lists add) is 已整改 or 已移除 are skipped:
//!   they list last night's findings that are gone, for the clerk's information.
//! - Bad rows (unknown 实施编码, unknown 规则, no such finding, unrecognised 复核结果, duplicate)
//!   are reported with their row; the other rows are applied. When every row's 实施编码 (and
//!   指纹) is unknown, the file is another run's: [`TableError::ForeignList`], nothing applied.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::Path;

use super::table::{CODE, FileIssue, Table, TableError, cell, read_table, unknown_code};
use crate::model::text::to_halfwidth;
use crate::report::fixlist::unguard;
use crate::report::twins::{Claim, Twins, claim};
use crate::report::{ItemStatus, Report};

/// Name of the fix-list sheet.
pub const SHEET: &str = "问题清单";

/// An assessor's decision on a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Decision {
    /// 确认 — the finding stands.
    Confirmed,
    /// 驳回 — the finding is removed.
    Rejected,
}

impl Decision {
    /// 确认 or 驳回, as the 复核结果 column takes it.
    pub fn label_zh(self) -> &'static str {
        match self {
            Decision::Confirmed => "确认",
            Decision::Rejected => "驳回",
        }
    }
}

/// Parses a 复核结果 cell. `Ok(None)`: empty (not reviewed). A decision followed by punctuation
/// and a reason (`驳回（复印件属规格要求）`, `确认。`) is that decision: assessors note why in the
/// same cell.
pub fn parse_decision(s: &str) -> Result<Option<Decision>, String> {
    let t: String = to_halfwidth(s).split_whitespace().collect();
    let word = t
        .split(|c: char| "，,。.；;：:、(（[【-—!！".contains(c))
        .next()
        .unwrap_or_default();
    if word != t
        && !word.is_empty()
        && let Ok(Some(d)) = parse_word(word)
    {
        return Ok(Some(d));
    }
    parse_word(&t)
}

fn parse_word(t: &str) -> Result<Option<Decision>, String> {
    match t {
        "" => Ok(None),
        "确认" | "属实" | "成立" | "维持" | "有效" | "是" | "确定" | "确认问题" | "问题成立" => {
            Ok(Some(Decision::Confirmed))
        }
        "驳回" | "不属实" | "不成立" | "无效" | "误报" | "撤销" | "否" | "问题不成立" => {
            Ok(Some(Decision::Rejected))
        }
        "通过" | "不通过" | "复核通过" | "复核不通过" => Err(format!(
            "复核结果 \"{t}\" 含义不明确（可能指问题成立，也可能指事项通过），请填写「确认」（问题成立）或「驳回」（问题不成立）"
        )),
        // Beside a unit's objection these can be about the objection, not the finding.
        "同意" | "不同意" | "驳回异议" | "异议不成立" | "异议成立" | "同意异议" => {
            Err(format!(
                "复核结果 \"{t}\" 含义不明确（可能指单位的异议，而不是问题本身），请填写「确认」（问题成立）或「驳回」（问题不成立）"
            ))
        }
        _ => Err(format!(
            "复核结果 \"{t}\" 无法识别，请填写「确认」或「驳回」（可在后面加括号写理由，如「驳回（名称可接受）」）"
        )),
    }
}

/// The outcome of applying a review.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReviewOutcome {
    /// Per finding of the report: whether it still stands.
    pub kept: Vec<bool>,
    /// Per finding of the report: the assessor's decision, if the review has one.
    pub decisions: Vec<Option<Decision>>,
    /// Findings confirmed.
    pub confirmed: usize,
    /// Findings rejected.
    pub rejected: usize,
    /// Bad rows.
    pub issues: Vec<FileIssue>,
}

/// Reads and applies a review file (see the module docs).
pub fn read(path: &Path, report: &Report) -> Result<ReviewOutcome, TableError> {
    let table = read_table(path, Some(SHEET), CODE)?;
    apply(&table, report)
}

/// Resolves a 规则 cell to a rule id of the report.
fn resolve_rule<'a>(report: &'a Report, text: &str) -> Option<&'a str> {
    let t = to_halfwidth(text);
    let t = t.trim();
    let lead: String = t.chars().take_while(char::is_ascii_alphanumeric).collect();
    report
        .rules
        .iter()
        .find(|r| r.id.eq_ignore_ascii_case(t) || r.name == t || r.id.eq_ignore_ascii_case(&lead))
        .map(|r| r.id.as_str())
}

/// Whether a finding's evidence is what a 原文 cell shows.
pub(super) fn evidence_matches(evidence: &str, shown: &str) -> bool {
    // A link is shown readable in the cell (`shown_evidence`); either form matches.
    let shown_form = crate::report::fixlist::shown_evidence(evidence);
    if shown_form != evidence && evidence_matches(&shown_form, shown) {
        return true;
    }
    let e = evidence.trim();
    // Undo what the fix-list writer did to the cell: the formula guard and the length cap.
    let shown = crate::report::fixlist::unguard(shown.trim());
    let prefix = shown
        .strip_suffix(crate::report::fixlist::CUT)
        .or_else(|| shown.strip_suffix('…'));
    e == shown || prefix.is_some_and(|p| !p.is_empty() && e.starts_with(p.trim_end()))
}

/// A review row that names existing findings.
struct ValidRow<'t> {
    line: u64,
    decision: Option<Decision>,
    candidates: Vec<usize>,
    /// `None` when the row's 指纹 named its finding: the row is that finding's, wherever it sits.
    /// Else (实施编码, 规则, 原文, 事项名称).
    key: Option<(String, &'t str, String, String)>,
    /// A row whose 指纹 repeats a finding an earlier row already took (`candidates` are those it
    /// might have been): a duplicate.
    repeats: bool,
}

/// A review row with a known 指纹, before the rows that share it are told apart.
struct FingerprintRow<'w> {
    line: u64,
    decision: Result<Option<Decision>, ()>,
    claim: Claim<'w>,
}

/// The findings of rows with a known 指纹: each row's own, told apart among findings that share
/// the fingerprint by 事项名称, then by order ([`claim`]). A row left without one (it repeats a
/// finding already taken) that has a decision takes the finding it names (by 事项名称, or the
/// only one with its 指纹) when that finding's row has no decision (an assessor filled in a copy
/// of the row); else it is a duplicate.
fn fingerprint_rows<'t>(rows: Vec<FingerprintRow<'_>>) -> Vec<ValidRow<'t>> {
    let mut given = claim(
        &rows.iter().map(|r| r.claim.clone()).collect::<Vec<_>>(),
        &mut HashSet::new(),
    );
    let undecided = |r: &FingerprintRow<'_>| matches!(r.decision, Ok(None));
    let mut by_finding: HashMap<usize, usize> = given
        .iter()
        .enumerate()
        .filter_map(|(k, g)| g.map(|f| (f, k)))
        .collect();
    for k in 0..rows.len() {
        // Without a name among several findings, which one the copy was of is not known.
        let claim = &rows[k].claim;
        if given[k].is_some()
            || !matches!(rows[k].decision, Ok(Some(_)))
            || (claim.named.is_empty() && claim.all.len() > 1)
        {
            continue;
        }
        let pool = rows[k].claim.pool();
        let free = pool.iter().copied().find(|f| {
            by_finding
                .get(f)
                .is_some_and(|&other| undecided(&rows[other]))
        });
        if let Some(f) = free {
            given[by_finding[&f]] = None;
            given[k] = Some(f);
            by_finding.insert(f, k);
        }
    }
    rows.into_iter()
        .zip(given)
        .filter_map(|(r, g)| {
            let decision = r.decision.ok()?;
            Some(ValidRow {
                line: r.line,
                decision,
                candidates: g.map_or_else(|| r.claim.pool().to_vec(), |f| vec![f]),
                key: None,
                repeats: g.is_none(),
            })
        })
        .collect()
}

/// Applies a review table to a report's findings.
pub fn apply(table: &Table, report: &Report) -> Result<ReviewOutcome, TableError> {
    let code_col = table.require(CODE)?;
    // The list `sample` wrote sits beside the fix lists and is easily given for them.
    if table.column(&["抽样序号"]).is_some() && table.column(&["种子"]).is_some() {
        return Err(TableError::SampleAsReview {
            path: table.source.clone(),
        });
    }
    let rule_col = table.require(&["规则", "规则编号", "规则ID"])?;
    let verdicts = ["复核结果", "复核意见", "是否确认"];
    // Our fix lists carry 是否有异议; the assessors' (all units, and findings.csv) carry 考核单位
    // as well. A unit's list lacks it — even one rendered from a scored report, whose 复核结果
    // shows the decisions and must not be edited into a review of the unit by itself.
    let ours = table
        .column(&[crate::report::fixlist::DISPUTE_HEADER])
        .is_some();
    let all_units = table.column(&[crate::report::csv::UNIT_HEADER]).is_some();
    if ours && (!all_units || table.column(&verdicts).is_none()) {
        return Err(TableError::UnitFixList {
            path: table.source.clone(),
            shows_decisions: table.column(&verdicts).is_some(),
        });
    }
    let verdict_col = table.require(&verdicts)?;
    let evidence_col = table.column(&["原文", "问题原文"]);
    let status_col = table.column(&[crate::report::fixlist::STATUS_HEADER]);
    // Our lists name each finding by its 指纹: a row found by it reviews that finding wherever
    // the sheet was sorted to, and even when Excel turned its 实施编码 into `1.13417E+30`.
    // Findings of items that share an 实施编码 (a placeholder, an empty code) share a 指纹: the
    // row's 事项名称 tells them apart, then the order of the rows.
    let fingerprint_col = table.column(&[crate::report::fixlist::FINGERPRINT_HEADER]);
    let name_col = table.column(&["事项名称"]);
    let twins = fingerprint_col.map(|_| Twins::of(&report.findings));
    let mut fp_rows: Vec<FingerprintRow> = Vec::new();
    let codes: BTreeSet<&str> = report
        .items
        .iter()
        .filter(|i| i.status == ItemStatus::Checked)
        .map(|i| i.code.trim())
        .collect();
    let mut out = ReviewOutcome {
        kept: vec![true; report.findings.len()],
        decisions: vec![None; report.findings.len()],
        ..ReviewOutcome::default()
    };
    // First pass: validate rows and group them by key.
    let mut rows: Vec<ValidRow> = Vec::new();
    // Rows with a known 指纹 or a 实施编码, and those whose code is no item of the report: when
    // every row is such, the file is another run's.
    let (mut looked_at, mut foreign): (usize, Vec<(u64, &str)>) = (0, Vec::new());
    for (row, cells) in &table.rows {
        let code = cell(cells, Some(code_col));
        let rule_text = cell(cells, Some(rule_col));
        let shown = cell(cells, evidence_col);
        if ["已整改", "已移除"].contains(&cell(cells, status_col)) {
            continue;
        }
        let name = unguard(cell(cells, name_col)).trim();
        let same_name =
            |&i: &usize| !name.is_empty() && report.findings[i].item_name.trim() == name;
        if let Some(all) = twins
            .as_ref()
            .map(|t| t.with(cell(cells, fingerprint_col)))
            .filter(|all| !all.is_empty())
        {
            looked_at += 1;
            let decision = parse_decision(cell(cells, Some(verdict_col))).map_err(|msg| {
                out.issues.push(table.issue(*row, format!("{msg}，已跳过")));
            });
            fp_rows.push(FingerprintRow {
                line: *row,
                decision,
                claim: Claim {
                    named: all.iter().copied().filter(same_name).collect(),
                    all,
                },
            });
            continue;
        }
        if code.is_empty() {
            out.issues.push(table.issue(*row, "实施编码为空，已跳过"));
            continue;
        }
        looked_at += 1;
        if !codes.contains(code) {
            out.issues.push(table.issue(*row, unknown_code(code)));
            foreign.push((*row, code));
            continue;
        }
        let Some(rule) = resolve_rule(report, rule_text) else {
            out.issues
                .push(table.issue(*row, format!("规则 \"{rule_text}\" 无法识别，已跳过")));
            continue;
        };
        let decision = match parse_decision(cell(cells, Some(verdict_col))) {
            Ok(d) => d,
            Err(msg) => {
                out.issues.push(table.issue(*row, format!("{msg}，已跳过")));
                continue;
            }
        };
        let of_rule: Vec<usize> = report
            .findings
            .iter()
            .enumerate()
            .filter(|(_, f)| f.item_code.trim() == code && f.rule == rule)
            .map(|(i, _)| i)
            .collect();
        if of_rule.is_empty() {
            out.issues.push(table.issue(
                *row,
                format!("报告中事项 \"{code}\" 没有规则 {rule} 的问题，已跳过"),
            ));
            continue;
        }
        let mut candidates: Vec<usize> = if shown.is_empty() {
            of_rule
        } else {
            of_rule
                .into_iter()
                .filter(|&i| evidence_matches(&report.findings[i].evidence, shown))
                .collect()
        };
        // Items that share the code: the row's 事项名称 says which, when it names one.
        if candidates.iter().any(same_name) {
            candidates.retain(same_name);
        }
        if candidates.is_empty() {
            out.issues.push(table.issue(
                *row,
                format!("原文 \"{shown}\" 与报告中事项 \"{code}\" 规则 {rule} 的问题不符，已跳过"),
            ));
            continue;
        }
        rows.push(ValidRow {
            line: *row,
            decision,
            candidates,
            key: Some((code.to_owned(), rule, shown.to_owned(), name.to_owned())),
            repeats: false,
        });
    }
    rows.extend(fingerprint_rows(fp_rows));
    rows.sort_by_key(|r| r.line);
    if let Some(&(first_row, first_code)) = foreign.first()
        && foreign.len() == looked_at
    {
        return Err(TableError::ForeignList {
            path: table.source.clone(),
            kind: super::table::ListKind::Review,
            rows: looked_at,
            first_row,
            first_code: first_code.to_owned(),
        });
    }
    let mut per_key: BTreeMap<&(String, &str, String, String), usize> = BTreeMap::new();
    for key in rows.iter().filter_map(|r| r.key.as_ref()) {
        *per_key.entry(key).or_default() += 1;
    }
    // Findings a row's 指纹 named: a row without one does not take them by position.
    let named: BTreeSet<usize> = rows
        .iter()
        .filter(|r| r.key.is_none() && !r.repeats)
        .flat_map(|r| r.candidates.iter().copied())
        .collect();
    let mut decided = BTreeSet::new();
    let mut seen: BTreeMap<&(String, &str, String, String), usize> = BTreeMap::new();
    for r in &rows {
        if r.repeats {
            if r.decision.is_some() {
                out.issues
                    .push(table.issue(r.line, "这条问题在前面的行已经复核过，这一行已跳过"));
            }
            continue;
        }
        let targets: Vec<usize> = match &r.key {
            None => r.candidates.clone(),
            Some(key) => {
                let k = seen.entry(key).or_default();
                *k += 1;
                let free: Vec<usize> = r
                    .candidates
                    .iter()
                    .copied()
                    .filter(|f| !named.contains(f))
                    .collect();
                if per_key[key] == 1 && !free.is_empty() {
                    free
                } else if let Some(&f) = free.get(*k - 1) {
                    vec![f]
                } else {
                    out.issues.push(table.issue(
                        r.line,
                        format!(
                            "重复的复核行（实施编码 \"{}\"、规则 {}），已跳过",
                            key.0, key.1
                        ),
                    ));
                    continue;
                }
            }
        };
        if r.decision.is_some() && targets.iter().any(|f| !decided.insert(*f)) {
            out.issues
                .push(table.issue(r.line, "这条问题在前面的行已经复核过，这一行已跳过"));
            continue;
        }
        match r.decision {
            Some(Decision::Confirmed) => out.confirmed += targets.len(),
            Some(Decision::Rejected) => {
                out.rejected += targets.len();
                for &f in &targets {
                    out.kept[f] = false;
                }
            }
            None => {}
        }
        for f in targets {
            out.decisions[f] = r.decision;
        }
    }
    out.issues.sort_by_key(|i| i.place.row);
    Ok(out)
}

impl ReviewOutcome {
    /// The review as the scored report keeps it: each decided finding by its fingerprint (and the
    /// place of its item, when findings share the fingerprint), so that fix lists rendered from
    /// the scored report show 复核结果.
    pub fn record(&self, source: &str, report: &Report) -> crate::report::Review {
        let twins = Twins::of(&report.findings);
        crate::report::Review {
            source: source.to_owned(),
            findings: self
                .decisions
                .iter()
                .enumerate()
                .filter_map(|(i, d)| {
                    d.map(|decision| crate::report::Reviewed {
                        fingerprint: twins.fingerprint(i).to_owned(),
                        place: twins.place(&report.findings, i),
                        decision,
                    })
                })
                .collect(),
        }
    }
}
