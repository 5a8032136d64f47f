//! I01 中介服务 — a required intermediary service has a legal basis and a way to find agencies.

use super::fees::yes_no;
use super::general_text::{check_url, find_urls, is_referral, names_law};
use super::{CheckContext, Reads, Rule, RuleMeta, Verdict, Violation, declare_rule};
use crate::model::phone::parse_phones;
use crate::model::text::{display_url, is_blank_or_placeholder, quote};
use crate::model::{Agency, Intermediary, Item, ItemField};

declare_rule! {
    /// ## 检查内容 (What it checks)
    /// 「是否涉及中介服务」为是，或列出了中介服务时，每项中介服务都必须：
    /// 有明确的法律依据（设定依据写明法律法规或文件名称：《》内的名称、完整法规名或文号；
    /// `按上级规定第三条` 这样的泛称加条款不算）；
    /// 并且提供中介机构查询网址（格式正确的公网 http/https 链接），或者至少 3 家中介机构，每家都有
    /// 名称、办公地址和联系电话。网址格式错误、机构不足 3 家或有机构缺项的，列出具体缺什么。
    /// 机构的办公地址只写到市、区县（`池州市`）的，或只写「见官网」「详见中介服务网」之类转引的，不算有地址。
    /// 涉及中介服务却没有列出任何中介服务的不通过；标注「否」却列出了中介服务的，自相矛盾，
    /// 也不通过（同 F01 对收费的要求）。不涉及中介服务的事项不涉及（n/a）。
    ///
    /// ## 依据 (Why it matters)
    /// 附录「中介服务」：要有明确的法律依据；需提供中介服务机构查询网站链接，或提供3家以上中介服务
    /// 机构名称、办公地址、联系方式。
    ///
    /// ## 示例 (Example)
    /// 不通过：中介服务「施工图审查」的设定依据为空；没有查询网址且只列出 2 家机构；
    /// 查询网址为 `www.czzjcs.gov.cn`（缺协议头）且机构不足 3 家。
    /// 通过：设定依据 `《建设工程质量管理条例》第十一条`，查询网址 `https://zjcs.ahzwfw.gov.cn/`。
    ///
    /// ## 整改方法 (How to fix)
    /// 写明中介服务的设定依据（法律法规名称和条款），并提供中介超市等查询网址，或列出不少于 3 家
    /// 中介机构的名称、办公地址和联系电话。
    pub struct IntermediaryService {
        id: "I01",
        name: "intermediary-service",
        element: "中介服务",
        category: Intermediary,
        severity: Error,
        fix: "写明中介服务的法律依据，并提供中介机构查询网址或不少于3家机构的名称、地址、电话",
    }
}

fn is_empty_service(s: &Intermediary) -> bool {
    s.name.trim().is_empty()
        && s.basis.trim().is_empty()
        && s.query_url.trim().is_empty()
        && s.agencies.is_empty()
}

/// What an agency lacks, as Chinese words.
fn agency_gaps(a: &Agency) -> Vec<&'static str> {
    let mut gaps = Vec::new();
    if is_blank_or_placeholder(&a.name) {
        gaps.push("名称");
    }
    let address = a.address.trim();
    if is_blank_or_placeholder(address) {
        gaps.push("办公地址");
    } else if crate::reference::is_division_names(address) || refers_to_a_site(address) {
        // No more than a region (`池州市`, `池州市贵池区`), or a website in its place (`见官网`):
        // no office to go to.
        gaps.push("具体办公地址");
    }
    if parse_phones(&a.contact).is_empty() {
        gaps.push("联系电话");
    }
    gaps
}

/// Whether an agency's address only sends the reader elsewhere: a referral (`详见附件`,
/// [`is_referral`]) or a short pointer to a website (`见官网`, `详见中介服务网`, `登录中介超市查询`).
fn refers_to_a_site(address: &str) -> bool {
    const POINTERS: &[&str] = &[
        "见",
        "详见",
        "参见",
        "请见",
        "请登录",
        "登录",
        "查看",
        "请查看",
    ];
    const SITES: &[&str] = &["官网", "网站", "网", "平台", "超市"];
    is_referral(address)
        || (address.chars().count() <= 15
            && POINTERS.iter().any(|p| address.starts_with(p))
            && SITES.iter().any(|s| address.contains(s)))
}

/// The problems of one service, each with the text it is about (empty when there is none).
fn check_service(s: &Intermediary) -> Vec<(String, String)> {
    let mut problems = Vec::new();
    let basis = s.basis.trim();
    if basis.is_empty() {
        problems.push(("没有设定依据".to_owned(), String::new()));
    } else if is_blank_or_placeholder(basis) || !names_law(basis) {
        problems.push((
            format!("设定依据没有写明法律法规名称: \"{}\"", quote(basis, 40)),
            basis.to_owned(),
        ));
    }
    let url_text = s.query_url.trim();
    let urls = find_urls(url_text);
    let url_ok = urls.iter().any(|u| check_url(u).is_ok());
    if url_ok {
        return problems;
    }
    let complete = s
        .agencies
        .iter()
        .filter(|a| agency_gaps(a).is_empty())
        .count();
    if complete >= 3 {
        return problems;
    }
    let no_url = url_text.is_empty() || is_blank_or_placeholder(url_text);
    let url_problem = if no_url {
        "没有中介机构查询网址".to_owned()
    } else if let Some(Err(p)) = urls.first().map(|u| check_url(u)) {
        format!(
            "中介机构查询网址{}: \"{}\"",
            p.describe_zh(),
            quote(&display_url(url_text), 60)
        )
    } else {
        format!("中介机构查询网址不是网址: \"{}\"", quote(url_text, 60))
    };
    let mut agencies = if s.agencies.is_empty() {
        "未列出中介机构（至少 3 家）".to_owned()
    } else {
        format!("列出的中介机构中信息完整的只有 {complete} 家（至少 3 家）")
    };
    let incomplete: Vec<String> = s
        .agencies
        .iter()
        .filter_map(|a| {
            let gaps = agency_gaps(a);
            (!gaps.is_empty()).then(|| {
                let name = if a.name.trim().is_empty() {
                    "(未命名)"
                } else {
                    a.name.trim()
                };
                format!("「{name}」缺少{}", gaps.join("、"))
            })
        })
        .collect();
    if !incomplete.is_empty() {
        agencies.push('，');
        agencies.push_str(&incomplete.join("，"));
    }
    // Without a link, the offending text is the agencies as listed (the link's own text is
    // quoted in its problem).
    let evidence = if no_url {
        let names: Vec<&str> = s
            .agencies
            .iter()
            .map(|a| a.name.trim())
            .filter(|n| !n.is_empty())
            .collect();
        if !names.is_empty() {
            agencies.push_str(": \"");
            agencies.push_str(&quote(&names.join("、"), 60));
            agencies.push('"');
        }
        names.join("、")
    } else {
        url_text.to_owned()
    };
    problems.push((format!("{url_problem}，且{agencies}"), evidence));
    problems
}

impl Rule for IntermediaryService {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn reads(&self) -> Option<Reads> {
        Some(Reads::fields(&[ItemField::Intermediary]).and(Reads::INTERMEDIARIES))
    }

    fn check(&self, item: &Item, _ctx: &CheckContext) -> Verdict {
        let services: Vec<&Intermediary> = item
            .intermediaries
            .iter()
            .filter(|s| !is_empty_service(s))
            .collect();
        let flag = item.intermediary.trim();
        let said = yes_no(flag);
        let required = said.unwrap_or(false) || !services.is_empty();
        if !required {
            return Verdict::NotApplicable;
        }
        let mut out = Vec::new();
        if said == Some(false) {
            // As F01 for fees: 否 and a list of services contradict each other.
            let names: Vec<&str> = services
                .iter()
                .map(|s| s.name.trim())
                .filter(|n| !n.is_empty())
                .collect();
            out.push(Violation::new(
                format!(
                    "是否涉及中介服务标注为\"{flag}\"，但列出了中介服务: \"{}\"",
                    quote(&names.join("、"), 40)
                ),
                flag,
            ));
        }
        if services.is_empty() {
            return Verdict::Checked(vec![Violation::new(
                format!("事项涉及中介服务但未列出中介服务: \"{flag}\""),
                flag,
            )]);
        }
        for (i, s) in services.iter().enumerate() {
            let problems = check_service(s);
            if problems.is_empty() {
                continue;
            }
            let name = s.name.trim();
            let label = if name.is_empty() {
                format!("第{}项中介服务", i + 1)
            } else {
                name.to_owned()
            };
            // The first problem's text (the basis, or the link or agencies), else the service.
            let evidence = problems
                .iter()
                .map(|(_, e)| e.as_str())
                .find(|e| !e.is_empty())
                .unwrap_or(&label)
                .to_owned();
            let problems: Vec<&str> = problems.iter().map(|(p, _)| p.as_str()).collect();
            let message = format!("中介服务「{label}」{}", problems.join("；"));
            let message = if message.contains('"') {
                message
            } else {
                format!("{message}: \"{}\"", quote(&evidence, 40))
            };
            out.push(
                Violation::new(message, evidence)
                    .target(format!("中介服务「{label}」"))
                    .at(&s.provenance),
            );
        }
        Verdict::Checked(out)
    }
}
