//! I01 中介服务 — a required intermediary service has a legal basis and a way to find agencies.
//!
//! This file holds the rule and what it asks of a service and of each agency listed. Not here:
//! whether an agency's name names one (a description such as `具备CMA资质的检测机构`, a place
//! and a kind such as `池州市检测机构`, a placeholder such as `池州市某检测有限公司`), in `names`;
//! the tests of those, in `tests`.

use super::fees::yes_no;
use super::general_text::{check_url, find_urls, is_referral, names_law, says_no};
use super::{CheckContext, Reads, Rule, RuleMeta, RuleParams, Verdict, Violation, declare_rule};
use crate::model::phone::parse_phones;
use crate::model::text::{display_url, is_blank_or_placeholder, quote};
use crate::model::{Agency, Intermediary, Item, ItemField};

mod names;
#[cfg(test)]
mod tests;

use names::{describes_an_agency, placeholder_in_name};

declare_rule! {
    /// ## 检查内容 (What it checks)
    /// 「是否涉及中介服务」为是，或列出了中介服务时，每项中介服务都必须：
    /// 有明确的法律依据（设定依据写明法律法规或文件名称：《》内的名称、完整法规名或文号；
    /// `按上级规定第三条` 这样的泛称加条款不算）；
    /// 并且提供中介机构查询网址（格式正确的公网 http/https 链接），或者至少 3 家中介机构，每家都有
    /// 名称、办公地址和联系电话。网址格式错误、机构不足 3 家或有机构缺项的，列出具体缺什么。
    /// 机构的办公地址只写到市、区县（`池州市`）的，或只写「见官网」「详见中介服务网」之类转引的，不算有地址。
    /// 机构名称只是对机构的描述、不是哪一家机构的（`具备CMA资质的检测机构`、`有资质的测绘单位`、
    /// `依法设立的评估机构`、`相关检测机构`，或只有业务类别的 `检测公司`、`评估机构`，或地名加
    /// 「检测机构」「测绘单位」这类统称的 `池州市检测机构`），或名称用「某」「XX」「××」占位的
    /// （`池州市某检测有限公司`、`安徽XX检测技术有限公司`），不算有名称；
    /// `池州市建设工程质量检测中心有限公司`、`池州市测绘院` 这样的名称才算。联系电话只有 12345 等政务服务热线的
    /// （配置 `hotline_only_numbers`，同 B13），不是机构的联系电话，不算有电话。
    /// 涉及中介服务却没有列出任何中介服务的不通过；标注「否」却列出了中介服务的，自相矛盾，
    /// 也不通过（同 F01 对收费的要求）。不涉及中介服务的事项不涉及（n/a）。
    ///
    /// ## 依据 (Why it matters)
    /// 附录「中介服务」：要有明确的法律依据；需提供中介服务机构查询网站链接，或提供3家以上中介服务
    /// 机构名称、办公地址、联系方式。
    ///
    /// ## 示例 (Example)
    /// 不通过：中介服务「施工图审查」的设定依据为空；没有查询网址且只列出 2 家机构；
    /// 3 家机构中一家名为「具备CMA资质的检测机构」，或一家联系电话为 `12345`；
    /// 查询网址为 `www.czzjcs.gov.cn`（缺协议头）且机构不足 3 家。
    /// 通过：设定依据 `《建设工程质量管理条例》第十一条`，查询网址 `https://zjcs.ahzwfw.gov.cn/`。
    ///
    /// ## 整改方法 (How to fix)
    /// 写明中介服务的设定依据（法律法规名称和条款），并提供中介超市等查询网址，或列出不少于 3 家
    /// 中介机构的名称（营业执照上的全称）、办公地址和机构自己的联系电话。不便列出具体机构的，提供查询网址。
    pub struct IntermediaryService {
        id: "I01",
        name: "intermediary-service",
        element: "中介服务",
        category: Intermediary,
        severity: Error,
        fix: "写明中介服务的法律依据，并提供中介机构查询网址或不少于3家机构的名称、地址、电话",
    }
}

/// Whether a row of the intermediary table lists no service: every cell empty or saying there
/// is none ([`says_none`]).
fn is_empty_service(s: &Intermediary) -> bool {
    says_none(&s.name)
        && says_none(&s.basis)
        && says_none(&s.query_url)
        && s.agencies
            .iter()
            .all(|a| says_none(&a.name) && says_none(&a.address) && says_none(&a.contact))
}

/// Whether a cell of the intermediary table is empty or says there is none (`无`, `/`, `不涉及`,
/// `无中介服务`): a table with one such row, as templates leave it, lists no service.
fn says_none(text: &str) -> bool {
    let t = text.trim();
    t.is_empty() || is_blank_or_placeholder(t) || says_no(t, &["中介服务", "中介", "中介机构"])
}

/// What is wrong with an agency as listed: what it lacks, as Chinese words, and whether its name
/// only describes an agency or its contact is only a government hotline.
#[derive(Default)]
struct AgencyGaps {
    missing: Vec<&'static str>,
    /// The name describes which agencies qualify instead of naming one ([`describes_an_agency`]).
    described: bool,
    /// The placeholder the name has where the agency's own name goes (`某`, `XX`:
    /// [`placeholder_in_name`]).
    placeholder: Option<String>,
    /// The contact is only a hotline of `hotline_only_numbers` (`12345`), as written.
    hotline: Option<String>,
}

impl AgencyGaps {
    fn is_empty(&self) -> bool {
        self.missing.is_empty()
            && !self.described
            && self.placeholder.is_none()
            && self.hotline.is_none()
    }

    /// What is wrong, after the agency's name in a message: `缺少办公地址`,
    /// `只是对机构的描述，不是机构名称`, `名称中的「某」是占位，不是机构的实际名称`,
    /// `的联系电话「12345」是政务服务热线，不是机构的电话`.
    fn describe(&self) -> String {
        let mut parts = Vec::new();
        if let Some(mark) = &self.placeholder {
            parts.push(format!("名称中的「{mark}」是占位，不是机构的实际名称"));
        } else if self.described {
            parts.push("只是对机构的描述，不是机构名称".to_owned());
        }
        if !self.missing.is_empty() {
            parts.push(format!("缺少{}", self.missing.join("、")));
        }
        if let Some(contact) = &self.hotline {
            parts.push(format!(
                "的联系电话「{}」是政务服务热线，不是机构的电话",
                quote(contact, 20)
            ));
        }
        parts.join("，")
    }
}

/// What an agency lacks or gets wrong.
fn agency_gaps(a: &Agency, params: &RuleParams) -> AgencyGaps {
    let mut gaps = AgencyGaps::default();
    if is_blank_or_placeholder(&a.name) {
        gaps.missing.push("名称");
    } else if let Some(mark) = placeholder_in_name(&a.name) {
        gaps.placeholder = Some(mark.to_owned());
    } else if describes_an_agency(&a.name) {
        gaps.described = true;
    }
    let address = a.address.trim();
    if is_blank_or_placeholder(address) {
        gaps.missing.push("办公地址");
    } else if crate::reference::is_division_names(address) || refers_to_a_site(address) {
        // No more than a region (`池州市`, `池州市贵池区`), or a website in its place (`见官网`):
        // no office to go to.
        gaps.missing.push("具体办公地址");
    }
    let phones = parse_phones(&a.contact);
    if phones.is_empty() {
        gaps.missing.push("联系电话");
    } else if params.only_hotlines(&phones) {
        // 12345 reaches the government's service line, not the agency (as B13 for a department).
        gaps.hotline = Some(a.contact.trim().to_owned());
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

/// The problems of one service, each with the text it is about (empty when there is none), and
/// a fix specific to them if the agencies need one.
fn check_service(s: &Intermediary, params: &RuleParams) -> (Vec<(String, String)>, Option<String>) {
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
        return (problems, None);
    }
    let gaps: Vec<AgencyGaps> = s.agencies.iter().map(|a| agency_gaps(a, params)).collect();
    let complete = gaps.iter().filter(|g| g.is_empty()).count();
    if complete >= 3 {
        return (problems, None);
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
        .zip(&gaps)
        .filter(|(_, g)| !g.is_empty())
        .map(|(a, g)| {
            let name = if a.name.trim().is_empty() {
                "(未命名)"
            } else {
                a.name.trim()
            };
            format!("「{name}」{}", g.describe())
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
    let mut fix = Vec::new();
    let described = gaps.iter().any(|g| g.described);
    let placeholder = gaps.iter().any(|g| g.placeholder.is_some());
    if described || placeholder {
        let not = match (described, placeholder) {
            (true, false) => "不要只写「具备资质的检测机构」这样的描述",
            (false, _) => "不要用「某」「XX」代替机构名称",
            (true, true) => {
                "不要只写「具备资质的检测机构」这样的描述，也不要用「某」「XX」代替机构名称"
            }
        };
        fix.push(format!(
            "中介机构写营业执照上的全称（如「池州市建设工程质量检测中心有限公司」），\
             {not}；不便列出具体机构的，提供中介服务网上超市等查询网址"
        ));
    }
    if gaps.iter().any(|g| g.hotline.is_some()) {
        fix.push(
            "中介机构的联系电话写机构自己的座机或手机，12345 是政务服务热线，不是机构的电话"
                .to_owned(),
        );
    }
    if !fix.is_empty() && problems.len() > 1 {
        // The basis has a problem too: its fix first.
        fix.insert(0, "写明中介服务的设定依据（法律法规名称和条款）".to_owned());
    }
    (problems, (!fix.is_empty()).then(|| fix.join("；")))
}

impl Rule for IntermediaryService {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn reads(&self) -> Option<Reads> {
        Some(Reads::fields(&[ItemField::Intermediary]).and(Reads::INTERMEDIARIES))
    }

    fn check(&self, item: &Item, ctx: &CheckContext) -> Verdict {
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
            let (problems, fix) = check_service(s, &ctx.params);
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
            let mut v = Violation::new(message, evidence)
                .target(format!("中介服务「{label}」"))
                .at(&s.provenance);
            if let Some(fix) = fix {
                v = v.suggest(fix);
            }
            out.push(v);
        }
        Verdict::Checked(out)
    }
}
