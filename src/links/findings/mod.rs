//! From link checks to findings on the report: M06 (空白表格 — blank form), M07 (示例样表 — sample),
//! B12 (结果样本 — result sample), I01 (中介机构查询网址 — intermediary query site) and L01
//! (在线办理地址 — online handling URL, beyond the appendix).
//!
//! Rule names, elements and severities come from the registry when the rule is registered (and a
//! rule switched off in the configuration gets no link findings); otherwise from the rulebook.
//! `broken` links and content defects are errors; `unverifiable` links are warnings.

mod link_problems;
mod rule;

use std::collections::HashMap;

use super::collect::{LinkKind, LinkUse};
use super::probe::{LinkCheck, LinkRun, LinkVerdict};
use crate::model::text::display_url;
use crate::model::text::quote;
use crate::model::{Finding, Outcome, Severity};
use crate::report::{Report, RuleInfo};
use crate::rules::{Category, RuleSet};
use link_problems::problem;
use rule::{RuleRef, rule_ref};

pub use link_problems::{LinkProblem, problems};
pub use rule::{ONLINE_URL_DOCS, link_only_rule_docs};

/// The target of a link finding: the link's place, its kind and what of it is wrong, e.g.
/// `材料「食品经营许可申请书」的空白表格链接`, `结果样本个人信息`.
fn link_target(u: &LinkUse, aspect: &str) -> String {
    let label = u.kind.label_zh();
    if u.target == label {
        format!("{label}{aspect}")
    } else {
        format!("{}的{label}{aspect}", u.target)
    }
}

/// One problem of one link use, with its rule and severity as configured: what the `links`
/// command lists (the same problems `check --links` adds to the report).
#[derive(Debug, Clone)]
pub struct UseProblem<'a> {
    /// The link use.
    pub link: &'a LinkUse,
    /// The check of its URL.
    pub check: &'a LinkCheck,
    /// The rule id (M06, M07, B12, I01, L01).
    pub rule: &'static str,
    /// The severity, after the rule's configured severity.
    pub severity: Severity,
    /// Where in the item (`材料「…」的空白表格链接`), as a finding's target.
    pub target: String,
    /// What is wrong.
    pub problem: LinkProblem,
}

/// Every problem of every link use of a run, in use order; rules switched off give none.
pub fn use_problems<'a>(run: &'a LinkRun, rules: &RuleSet) -> Vec<UseProblem<'a>> {
    // The content of each material's blank form, to tell a sample that is the same file.
    let mut forms: HashMap<(usize, &str), Vec<(&str, &str)>> = HashMap::new();
    for u in run.uses.iter().filter(|u| u.kind == LinkKind::BlankForm) {
        if let Some(hash) = run.checks.get(&u.url).and_then(whole_file_hash) {
            forms
                .entry((u.item, u.target.as_str()))
                .or_default()
                .push((hash, u.url.as_str()));
        }
    }
    let mut out = Vec::new();
    for u in &run.uses {
        let (Some(check), Some(rule)) = (run.checks.get(&u.url), rule_ref(u.kind, rules)) else {
            continue;
        };
        let mut found = problems(u, check);
        if u.kind == LinkKind::Sample
            && let Some(hash) = whole_file_hash(check)
            && forms
                .get(&(u.item, u.target.as_str()))
                .is_some_and(|f| f.iter().any(|&(h, url)| h == hash && url != u.url))
        {
            found.push(sample_is_blank_form(u, check));
        }
        for p in found {
            out.push(UseProblem {
                link: u,
                check,
                rule: rule.id,
                severity: p.severity.min(rule.severity),
                target: link_target(u, p.aspect),
                problem: p,
            });
        }
    }
    out
}

/// The hash of a file that opened and was read whole. Not of a web page: two links that lead to
/// the same page (a sign-in page, the portal's home page) are not one file uploaded twice.
fn whole_file_hash(check: &LinkCheck) -> Option<&str> {
    let page = check
        .inspection
        .as_ref()
        .is_some_and(|i| i.real_type == Some(crate::links::content::FileType::Html));
    (check.verdict == LinkVerdict::Ok && !check.partial && !page)
        .then_some(check.content_hash.as_deref())
        .flatten()
}

/// A sample that is byte for byte its material's blank form (under another link): nothing is
/// filled in, so it is no example (附录: 样本不完整). The same link for both is the pure rule's.
fn sample_is_blank_form(u: &LinkUse, check: &LinkCheck) -> LinkProblem {
    let name = check.file_name.clone().unwrap_or_else(|| u.url.clone());
    problem(
        "内容",
        format!(
            "示例样表与空白表格是同一个文件，没有填写示例内容: \"{}\"",
            quote(&display_url(&name), 60)
        ),
        &name,
        Severity::Error,
        "上传按要求填写完整的示例样表（个人信息打码），不要把空白表格当作样表上传",
    )
}

/// Adds the findings of a link run to the report: each item's after its own (the report's findings
/// are in item order, `errors + warnings` of each item, as the check writes them and before any
/// waiver), the item's outcome of the rule turned to fail on an error, counts and summary
/// recomputed.
pub fn apply_to_report(report: &mut Report, run: &LinkRun, rules: &RuleSet) {
    let own: Vec<usize> = report
        .items
        .iter()
        .map(|it| it.errors + it.warnings)
        .collect();
    let mut added: Vec<Vec<Finding>> = vec![Vec::new(); report.items.len()];
    let mut added_rules: Vec<RuleRef> = Vec::new();
    for up in use_problems(run, rules) {
        let u = up.link;
        let Some(rule) = rule_ref(u.kind, rules) else {
            continue;
        };
        let Some(entry) = report.items.get_mut(u.item) else {
            continue;
        };
        let severity = up.severity;
        if severity == Severity::Error {
            entry.errors += 1;
            entry.outcomes.insert(rule.id.into(), Outcome::Fail);
        } else {
            entry.warnings += 1;
        }
        let p = up.problem;
        added[u.item].push(Finding {
            rule: rule.id.to_owned(),
            rule_name: rule.name.into(),
            element: rule.element.into(),
            severity,
            item_code: entry.code.clone(),
            item_name: entry.name.clone(),
            unit: entry.unit.clone(),
            target: Some(up.target),
            message: p.message,
            evidence: p.evidence,
            suggestion: p.suggestion.into(),
            provenance: u.provenance.clone(),
        });
        if !rule.registered && !added_rules.iter().any(|r| r.id == rule.id) {
            added_rules.push(rule.clone());
        }
    }
    for r in added_rules {
        if !report.rules.iter().any(|i| i.id == r.id) {
            report.rules.push(RuleInfo {
                id: r.id.to_owned(),
                name: r.name.to_owned(),
                element: r.element.to_owned(),
                category: r.category.label_zh().to_owned(),
                appendix: r.category != Category::General,
                severity: r.severity,
            });
        }
    }
    // Each item's findings, then its link findings. Were the counts not those of the findings
    // (a report edited by hand), the link findings go last, still in item order.
    let mut old = std::mem::take(&mut report.findings).into_iter();
    let in_step = own.iter().sum::<usize>() == old.len();
    let mut findings = Vec::with_capacity(old.len() + added.iter().map(Vec::len).sum::<usize>());
    let mut last = Vec::new();
    for (n, extra) in own.into_iter().zip(added) {
        if in_step {
            findings.extend(old.by_ref().take(n));
            findings.extend(extra);
        } else {
            last.extend(extra);
        }
    }
    findings.extend(old);
    findings.extend(last);
    report.findings = findings;
    report.summarize();
}

#[cfg(test)]
mod tests;
