//! From link checks to findings on the report: M06 (空白表格 — blank form), M07 (示例样表 — sample),
//! B12 (结果样本 — result sample), I01 (中介机构查询网址 — intermediary query site) and L01
//! (在线办理地址 — online handling URL, beyond the appendix).
//!
//! Rule names, elements and severities come from the registry when the rule is registered (and a
//! rule switched off in the configuration gets no link findings); otherwise from the rulebook.
//! `broken` links and content defects are errors; `unverifiable` links are warnings.

use std::collections::HashMap;

use super::collect::{LinkKind, LinkUse, display_url};
use super::content::{self, FileType};
use super::probe::{LinkCheck, LinkRun, LinkVerdict};
use crate::model::text::{find_mojibake, quote};
use crate::model::{Finding, Outcome, Severity};
use crate::report::{Report, RuleInfo};
use crate::rules::{self, Category, RuleSet};

/// Rule identity used for a link finding.
#[derive(Debug, Clone)]
struct RuleRef {
    id: &'static str,
    name: &'static str,
    element: &'static str,
    category: Category,
    severity: Severity,
    registered: bool,
}

/// What L01 checks, for 规则说明 and `explain L01`: the one id of the link check that no offline
/// rule has (the others — M06, M07, B12, I01 — add to a rule's offline part).
pub const ONLINE_URL_DOCS: &str = "\
## 检查内容 (What it checks)
联网的链接检查（`check --links`、`links` 命令）打开每个事项的「在线办理地址」：链接失效（404、域名无法解析、
连接被拒绝）、打开的是提示“页面不存在”的网页、跳转到 `[links] allowed_hosts` 以外的网站，都报告。
地址的写法本身（协议头错误、内网地址、本机路径）由 G03 不联网检查。

不计入准确度得分（与 G 类规则一样，只供整改）。

## 依据 (Why it matters)
办事群众从办事指南点「在线办理」进入网上申报：地址打不开，网上办理就无从谈起，事项的网办深度也名不副实。

## 示例 (Example)
不通过：`http://www.ahzwfw.gov.cn/old/apply.html`（返回 404）。
通过：`https://www.ahzwfw.gov.cn/bog-bsdt/static/workProcess/applyIndex.html?id=3401…`（能正常打开）。

## 整改方法 (How to fix)
在平台上把「在线办理地址」改为能打开的网上申报页面地址；事项不能网上办理的，不要填写失效的地址。
";

/// The documentation of a rule id that only the link check uses (L01), `None` for any other.
pub fn link_only_rule_docs(id: &str) -> Option<&'static str> {
    (id == LinkKind::OnlineUrl.rule_id()).then_some(ONLINE_URL_DOCS)
}

/// The rule of a link kind as configured: `None` when it is registered but switched off.
fn rule_ref(kind: LinkKind, rules: &RuleSet) -> Option<RuleRef> {
    let id = kind.rule_id();
    if let Some(rule) = rules::find(id) {
        let m = rule.meta();
        let (_, severity) = rules.iter().find(|(r, _)| r.meta().id == m.id)?;
        return Some(RuleRef {
            id: m.id,
            name: m.name,
            element: m.element,
            category: m.category,
            severity,
            registered: true,
        });
    }
    let (name, element, category) = match kind {
        LinkKind::BlankForm => ("blank-form-accuracy", "电子表单准确性", Category::Materials),
        LinkKind::Sample => ("sample-accuracy", "材料样本准确性", Category::Materials),
        LinkKind::ResultSample => ("result-sample", "结果样本", Category::Basic),
        LinkKind::IntermediaryQuery => ("intermediary", "中介服务", Category::Intermediary),
        LinkKind::OnlineUrl => ("online-url", "在线办理地址", Category::General),
    };
    Some(RuleRef {
        id,
        name,
        element,
        category,
        severity: Severity::Error,
        registered: false,
    })
}

/// One problem found through a link, before the item's identity is added.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkProblem {
    /// What is wrong, in Chinese, quoting the evidence.
    pub message: String,
    /// The evidence (URL, file name, masked number or garbled run).
    pub evidence: String,
    /// Error, or warning for what does not fail the rule.
    pub severity: Severity,
    /// How to fix it.
    pub suggestion: String,
    /// What of the link it is about (链接, 文件格式, 文件名, 内容, 个人信息, 宏代码): with the link's
    /// place, the finding's target. Two problems of one link, or a link problem and the rule's own
    /// finding on the same value, are then different problems to the history.
    pub aspect: &'static str,
}

fn problem(
    aspect: &'static str,
    message: String,
    evidence: &str,
    severity: Severity,
    suggestion: &str,
) -> LinkProblem {
    LinkProblem {
        message,
        evidence: evidence.to_owned(),
        severity,
        suggestion: suggestion.to_owned(),
        aspect,
    }
}

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

/// What one link use says about its item.
pub fn problems(u: &LinkUse, check: &LinkCheck) -> Vec<LinkProblem> {
    use Severity::{Error, Warning};
    let label = u.kind.label_zh();
    // Messages show the URL readable (Chinese, not %E7%94%B3…); the evidence keeps it as checked,
    // so the finding's fingerprint does not change.
    let shown_url = display_url(&u.url);
    let fix_link = format!("重新上传{label}并更新链接，确保公众可以正常打开和下载");
    match check.verdict {
        LinkVerdict::Broken => {
            return vec![problem(
                "链接",
                format!("{label}链接失效（{}）: \"{shown_url}\"", check.reason),
                &u.url,
                Error,
                &fix_link,
            )];
        }
        LinkVerdict::Unverifiable => {
            // A host outside the configuration stays outside on the next run.
            let retry = if check.reason.contains("allowed_hosts") {
                ""
            } else {
                "，下次检查将重试"
            };
            return vec![problem(
                "链接",
                format!(
                    "{label}链接暂时无法核实（{}）{retry}: \"{shown_url}\"",
                    check.reason
                ),
                &u.url,
                Warning,
                "请人工打开链接确认；如确实无法访问，请重新上传并更新链接",
            )];
        }
        LinkVerdict::Ok => {}
    }
    let mut out = Vec::new();
    let Some(ins) = check.inspection.as_ref().filter(|_| u.kind.expects_file()) else {
        return out;
    };
    let name = check.file_name.clone().unwrap_or_else(|| u.url.clone());
    let shown = quote(&display_url(&name), 60);
    let ext = content::extension(&name);
    let form = u.kind == LinkKind::BlankForm;
    let strict = if form { Error } else { Warning };
    // A file cut at the download limit shows how it starts, not what it is: a zip container (as
    // every .docx and .xlsx is) or nothing recognised is not judged.
    let real_type = ins
        .real_type
        .filter(|r| !(check.partial && matches!(r, FileType::Zip | FileType::Unknown)));
    if check.partial && real_type.is_none() {
        out.push(problem(
            "文件格式",
            format!("{label}超过下载大小上限，只检查了开头部分，文件格式未能核实: \"{shown}\""),
            &name,
            Warning,
            "请人工下载核对；表格和样表一般不超过几 MB，过大的请压缩其中的图片后重新上传",
        ));
    }
    // What the file really is; a page with its title, so a login or error page shows as one.
    let type_label = |real: FileType| match ins.title.as_deref().filter(|_| real == FileType::Html)
    {
        Some(t) => format!("网页（HTML，网页标题「{}」）", quote(t, 30)),
        None => real.label_zh().to_owned(),
    };
    if let Some(real) = real_type {
        let mut type_reported = false;
        // A page saved by Word or Excel under an old Office/WPS name (or none): Word, Excel and
        // WPS open and edit it as a document, so it is not a format error; better re-saved.
        let office_name = ext
            .as_deref()
            .is_none_or(|e| matches!(e, "doc" | "xls" | "wps" | "et" | "htm" | "html"));
        if real == FileType::Html
            && office_name
            && let Some(app) = ins.office_html.as_deref()
        {
            if form {
                let (what, better) = if app == "excel" {
                    ("Excel", ".xlsx")
                } else {
                    ("Word", ".docx")
                };
                out.push(problem(
                    "文件格式",
                    format!(
                        "空白表格是网页格式的 {what} 文件，Word、Excel、WPS 能打开编辑，建议另存为 {better}: \"{shown}\""
                    ),
                    &name,
                    Warning,
                    &format!("用 {what} 或 WPS 打开后另存为 {better} 格式，重新上传"),
                ));
            }
            type_reported = true;
        }
        if form && matches!(real, FileType::Pdf | FileType::Image) {
            out.push(problem(
                "文件格式",
                format!(
                    "空白表格不是可编辑格式（实际为{}）: \"{shown}\"",
                    real.label_zh()
                ),
                &name,
                Error,
                "上传可编辑的空白表格（.doc/.docx/.xls/.xlsx/.wps/.et），不要上传 PDF 或图片",
            ));
            type_reported = true;
        }
        if let Some(ext) = ext.as_deref().filter(|e| !real.fits_extension(e))
            && !type_reported
        {
            out.push(problem(
                "文件格式",
                format!(
                    "{label}扩展名为 .{ext}，实际内容是{}: \"{shown}\"",
                    type_label(real)
                ),
                &name,
                strict,
                "上传真正的表格文件，文件内容应与扩展名一致",
            ));
            type_reported = true;
        }
        if let Some(ct) = check.content_type.as_deref()
            && !type_reported
            && content::fits_content_type(real, ct) == Some(false)
        {
            out.push(problem(
                "文件格式",
                format!(
                    "{label}的服务器声明类型为 {}，实际内容是{}: \"{shown}\"",
                    quote(ct, 60),
                    type_label(real)
                ),
                &name,
                strict,
                "上传真正的文件，并让服务器返回与文件一致的类型",
            ));
            type_reported = true;
        }
        if form && !type_reported && !check.partial {
            match real {
                FileType::Html => out.push(problem(
                    "链接",
                    format!("空白表格链接打开的是网页，不是可下载的表格: \"{shown_url}\""),
                    &u.url,
                    Error,
                    "链接到可下载的空白表格文件（.doc/.docx/.xls/.xlsx）",
                )),
                FileType::Zip => out.push(problem(
                    "文件格式",
                    format!("空白表格是压缩包，不能直接编辑: \"{shown}\""),
                    &name,
                    Warning,
                    "直接上传可编辑的空白表格文件",
                )),
                FileType::Unknown => out.push(problem(
                    "文件格式",
                    format!("空白表格的文件类型无法识别: \"{shown}\""),
                    &name,
                    Error,
                    "上传可编辑的空白表格（.doc/.docx/.xls/.xlsx/.wps/.et）",
                )),
                _ => {}
            }
        }
    }
    if let Some(garbled) = find_mojibake(&name) {
        out.push(problem(
            "文件名",
            format!("{label}文件名有乱码: \"{garbled}\""),
            &name,
            strict,
            "用正确的中文文件名重新上传",
        ));
    }
    if let Some(garbled) = &ins.mojibake {
        // The run may span lines of the file: one line in a message and a spreadsheet cell.
        let garbled = &garbled.split_whitespace().collect::<Vec<_>>().join(" ");
        out.push(problem(
            "内容",
            format!("{label}内容有乱码: \"{garbled}\""),
            garbled,
            strict,
            "检查文件编码，重新制作并上传没有乱码的文件",
        ));
    }
    if form {
        let stem = name.rsplit_once('.').map_or(name.as_str(), |(s, _)| s);
        let wanted: Vec<&str> = u
            .owner
            .iter()
            .map(String::as_str)
            .chain([u.item_name.as_str()])
            .collect();
        let candidates: Vec<&str> = [Some(stem), ins.title.as_deref(), ins.heading.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        if content::relates(&wanted, &candidates) == Some(false) {
            out.push(problem(
                "内容",
                format!(
                    "空白表格与材料「{}」不符: \"{shown}\"",
                    u.owner.as_deref().unwrap_or_default().trim()
                ),
                &name,
                Error,
                "上传与该材料对应的空白表格",
            ));
        }
    }
    if matches!(u.kind, LinkKind::Sample | LinkKind::ResultSample) {
        for hit in &ins.personal {
            out.push(problem(
                "个人信息",
                format!("{label}中有未打码的{}: \"{}\"", hit.kind.label_zh(), hit.masked),
                &hit.masked,
                Error,
                "对样本中的身份证号码、手机号码等个人信息打码（如 3417**********1234、139****1234）后重新上传",
            ));
        }
        // A scanned or encrypted PDF opened, or a picture, but its text could not be checked:
        // a hint for whoever reviews it, not a fault of the file.
        let by_type = match real_type {
            Some(FileType::Image) => Some(content::NoText::Image),
            Some(FileType::Rtf) => Some(content::NoText::Rtf),
            _ => None,
        };
        if let Some(why) = ins.no_text.or(by_type) {
            out.push(problem(
                "个人信息",
                format!(
                    "{label}{}，未能自动检查其中的个人信息: \"{shown}\"",
                    why.label_zh()
                ),
                &name,
                Warning,
                "请人工打开核对：样本中的身份证号码、手机号码等个人信息应已打码",
            ));
        }
    }
    if ins.macros {
        out.push(problem(
            "宏代码",
            format!("{label}含有宏代码（未运行），可能被安全软件拦截: \"{shown}\""),
            &name,
            Warning,
            "另存为不含宏的 .docx/.xlsx 后重新上传",
        ));
    }
    out
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

/// The hash of a file that opened and was read whole.
fn whole_file_hash(check: &LinkCheck) -> Option<&str> {
    (check.verdict == LinkVerdict::Ok && !check.partial)
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
            rule_name: rule.name.to_owned(),
            element: rule.element.to_owned(),
            severity,
            item_code: entry.code.clone(),
            item_name: entry.name.clone(),
            unit: entry.unit.clone(),
            target: Some(up.target),
            message: p.message,
            evidence: p.evidence,
            suggestion: p.suggestion,
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
