//! I01 中介服务 — a required intermediary service has a legal basis and a way to find agencies.

use super::fees::yes_no;
use super::general_text::{check_url, find_urls, is_referral, names_law};
use super::{CheckContext, Reads, Rule, RuleMeta, RuleParams, Verdict, Violation, declare_rule};
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
    /// 机构名称只是对机构的描述、不是哪一家机构的（`具备CMA资质的检测机构`、`有资质的测绘单位`、
    /// `依法设立的评估机构`、`相关检测机构`，或只有业务类别的 `检测公司`、`评估机构`），不算有名称；
    /// `池州市建设工程质量检测中心有限公司` 这样的名称才算。联系电话只有 12345 等政务服务热线的
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

fn is_empty_service(s: &Intermediary) -> bool {
    s.name.trim().is_empty()
        && s.basis.trim().is_empty()
        && s.query_url.trim().is_empty()
        && s.agencies.is_empty()
}

/// What is wrong with an agency as listed: what it lacks, as Chinese words, and whether its name
/// only describes an agency or its contact is only a government hotline.
#[derive(Default)]
struct AgencyGaps {
    missing: Vec<&'static str>,
    /// The name describes which agencies qualify instead of naming one ([`describes_an_agency`]).
    described: bool,
    /// The contact is only a hotline of `hotline_only_numbers` (`12345`), as written.
    hotline: Option<String>,
}

impl AgencyGaps {
    fn is_empty(&self) -> bool {
        self.missing.is_empty() && !self.described && self.hotline.is_none()
    }

    /// What is wrong, after the agency's name in a message: `缺少办公地址`,
    /// `只是对机构的描述，不是机构名称`, `的联系电话「12345」是政务服务热线，不是机构的电话`.
    fn describe(&self) -> String {
        let mut parts = Vec::new();
        if self.described {
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

/// The kinds of agency a description ends with (`…的检测机构`, `有资质的测绘单位`).
const AGENCY_KINDS: &[&str] = &[
    "机构",
    "单位",
    "部门",
    "组织",
    "企业",
    "公司",
    "中介",
    "服务商",
    "事务所",
    "中心",
];

/// The kinds of [`AGENCY_KINDS`] no agency's own name ends with: `…资质…机构` describes one.
const GENERIC_KINDS: &[&str] = &["机构", "单位", "部门", "组织", "中介", "服务商"];

/// Words that open a description of which agencies qualify (`具备资质检测机构`, `相关检测机构`,
/// `第三方检测机构`).
const DESCRIPTION_LEADS: &[&str] = &[
    "具备",
    "具有",
    "有资质",
    "有相应",
    "持有",
    "取得",
    "依法",
    "相应",
    "相关",
    "符合",
    "第三方",
    "任一",
    "任意",
    "其他",
    "其它",
    "各类",
    "正规",
    "合法",
    "经认定",
    "经备案",
];

/// Lines of business an agency's kind may follow with no name before them (`检测公司`,
/// `测绘单位`, `资产评估机构`).
const BUSINESS_WORDS: &[&str] = &[
    "检测",
    "检验",
    "测绘",
    "测量",
    "评估",
    "评价",
    "鉴定",
    "设计",
    "勘察",
    "勘测",
    "监理",
    "审查",
    "咨询",
    "代理",
    "造价",
    "审计",
    "会计",
    "估价",
    "环评",
    "安评",
    "图审",
    "技术",
    "服务",
    "工程",
    "质量",
    "环境",
    "安全",
    "资产",
    "土地",
    "房地产",
    "施工图",
    "节能",
    "水土保持",
    "防雷",
    "消防",
    "地质",
    "规划",
    "专业",
    "中介",
    "建设",
    "科技",
    "师",
];

/// Whether an agency's name describes which agencies qualify instead of naming one: a kind of
/// agency ([`AGENCY_KINDS`]) after `的` (`具备CMA资质的检测机构`, `有资质的测绘单位`,
/// `依法设立的评估机构`), after a word of [`DESCRIPTION_LEADS`] (`相关检测机构`), after 资质 or 资格
/// with a kind no name ends with (`CMA资质检测机构`), or after nothing but lines of business
/// (`检测公司`, `资产评估机构`). A name such as `池州市建设工程质量检测中心有限公司` or
/// `安徽华测检测技术有限公司` names one. A note in brackets at the end is left out
/// (`有资质的检测机构（申请人自主选择）`).
fn describes_an_agency(name: &str) -> bool {
    let mut n = name.trim();
    for (open, close) in [('（', '）'), ('(', ')')] {
        if n.ends_with(close)
            && let Some(at) = n.rfind(open)
        {
            n = n[..at].trim_end();
        }
    }
    // `有资质的检测机构：池州市建设工程质量检测中心`: the name after its label.
    if let Some((_, named)) = n.rsplit_once(['：', ':'])
        && !named.trim().is_empty()
    {
        n = named.trim();
    }
    let Some(kind) = AGENCY_KINDS.iter().find(|k| n.ends_with(**k)) else {
        return false;
    };
    // What stands before the kind once the lines of business are left out: empty for `检测机构`.
    let own_name = |s: &str| {
        let mut rest = &s[..s.len() - kind.len()];
        while let Some(w) = BUSINESS_WORDS.iter().find(|w| rest.starts_with(**w)) {
            rest = &rest[w.len()..];
        }
        !rest.is_empty()
    };
    // `的` that is not the taxi's `的士`: what follows the last one is the agency, described
    // (`具备CMA资质的检测机构`) or named (`具备CMA资质的池州市环科检测有限公司`).
    if let Some(at) = n
        .match_indices('的')
        .filter(|(at, _)| !n[*at..].starts_with("的士"))
        .map(|(at, _)| at)
        .next_back()
    {
        let after = &n[at + '的'.len_utf8()..];
        // A name there has its place or its company form (`房产测绘单位` has neither).
        let registered = ["省", "市", "县", "区", "有限公司", "有限责任公司"]
            .iter()
            .any(|w| after.contains(w));
        if !(after.ends_with(kind) && own_name(after) && registered) {
            return true;
        }
        n = after;
    } else if DESCRIPTION_LEADS.iter().any(|l| n.starts_with(l)) {
        return true;
    }
    // `池州市相关检测机构`, `某检测机构`: a place does not make a description a name.
    if ["相关", "有关", "某"]
        .iter()
        .any(|w| n.find(w).is_some_and(|at| !own_name(&n[at + w.len()..])))
    {
        return true;
    }
    if (n.contains("资质") || n.contains("资格")) && GENERIC_KINDS.contains(kind) {
        return true;
    }
    !own_name(n)
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
    if gaps.iter().any(|g| g.described) {
        fix.push(
            "中介机构写营业执照上的全称（如「池州市建设工程质量检测中心有限公司」），\
             不要只写「具备资质的检测机构」这样的描述；不便列出具体机构的，提供中介服务网上超市等查询网址",
        );
    }
    if gaps.iter().any(|g| g.hotline.is_some()) {
        fix.push("中介机构的联系电话写机构自己的座机或手机，12345 是政务服务热线，不是机构的电话");
    }
    if !fix.is_empty() && problems.len() > 1 {
        // The basis has a problem too: its fix first.
        fix.insert(0, "写明中介服务的设定依据（法律法规名称和条款）");
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

#[cfg(test)]
mod tests {
    use super::describes_an_agency;

    #[test]
    fn a_description_is_no_agency_name() {
        for described in [
            // h13 problem 7.
            "具备CMA资质的检测机构",
            "有资质的测绘单位",
            "依法设立的评估机构",
            "具有相应资质的房产测绘单位",
            "相关检测机构",
            "第三方检测机构",
            "CMA资质检测机构",
            "检测公司",
            "资产评估机构",
            "有资质的检测机构（申请人自主选择）",
            "中介机构",
            // A place or a label does not make a description a name (h15).
            "池州市相关检测机构",
            "某检测机构",
            "检测单位：有资质的检测机构",
        ] {
            assert!(describes_an_agency(described), "{described}");
        }
        for named in [
            "池州市建设工程质量检测中心有限公司",
            "安徽华测检测技术有限公司",
            "安徽XX检测技术有限公司",
            "池州市防雷中心",
            "池州市环境科学研究所",
            "安徽省地质测绘技术院",
            "安徽华普天健会计师事务所（特殊普通合伙）",
            "池州市规划设计研究院有限公司",
            "安徽省城乡规划设计研究院有限公司池州分公司",
            "池州市的士服务有限公司",
            "青阳县建设工程质量检测站",
            // A description before a full name, or a label before it (h15).
            "具备CMA资质的池州市环科检测有限公司",
            "有资质的检测机构：池州市建设工程质量检测中心",
        ] {
            assert!(!describes_an_agency(named), "{named}");
        }
    }
}
