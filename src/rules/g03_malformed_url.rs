//! G03 网址格式 — links in the item that cannot work as written.

use super::general_text::{check_url, for_each_url};
use super::{CheckContext, Reads, Rule, RuleMeta, Verdict, Violation, cache, declare_rule};
use crate::model::text::{display_url, is_blank_or_placeholder, quote, trim};
use crate::model::{Item, ItemField};

declare_rule! {
    /// ## 检查内容 (What it checks)
    /// 附录之外的通用检查，不联网。「在线办理地址」「办事指南地址」必须是网址；事项各要素中出现的
    /// 所有链接（如结果样本、咨询方式中的网址）都必须格式正确：以 `http://` 或 `https://` 开头
    /// （`htp://`、`http//`、缺协议头的 `www.…` 都不对），没有全角字符，能被解析，指向公网（本机路径
    /// `C:\…`、`file://`、内网地址 `10.…`/`192.168.…`/`localhost`、不带点的主机名都打不开）。
    /// 全角字符包括协议头和域名中的全角字符、参数前的全角问号（`…/guide？id=1`）和参数中的全角
    /// `＝`、`＆`；域名中用逗号或全角句号代替点的（`https://www.ahzwfw,gov.cn`、
    /// `https://www.ahzwfw。gov。cn`）也提示：网页上的链接在逗号、句号处就断了。链接后面接着的
    /// 句子（`https://www.ahzwfw.gov.cn，或到窗口办理`）或另一个网址不算。文件名中的全角括号
    /// （`申请表（样表）.docx`）不提示。
    /// 每个有问题的链接出一条提示（warning）。
    /// 申请材料的空白表格、示例样表和中介机构查询网址由 M06、M07、I01 判定，这里不重复；链接能否
    /// 打开由链接检查（`--links`）判定。
    ///
    /// ## 依据 (Why it matters)
    /// 附录注：考核范围包括但不限于附录列明的要素指标；格式错误的链接对办事群众就是死链。
    ///
    /// ## 示例 (Example)
    /// 提示：在线办理地址 `www.ahzwfw.gov.cn`；`http：//www.ahzwfw.gov.cn`；
    /// 结果样本 `http://192.168.10.5/upload/sample.jpg`；在线办理地址 `网上办理`；
    /// `https://www.ahzwfw.gov.cn/guide？id=1`；`https://www.ahzwfw,gov.cn/guide`。
    /// 通过：`https://www.ahzwfw.gov.cn/bog-bsdt/static/workProcess/applyDetail.html?id=…`。
    ///
    /// ## 整改方法 (How to fix)
    /// 填写完整的公网地址（含 https://），用半角字符，不要填写本机路径或内网地址。
    pub struct MalformedUrl {
        id: "G03",
        name: "malformed-url",
        element: "网址格式",
        category: General,
        severity: Warning,
        fix: "填写以 https:// 或 http:// 开头、公网可访问的完整网址",
    }
}

/// Elements that must hold a link.
const URL_FIELDS: &[ItemField] = &[ItemField::OnlineUrl, ItemField::GuideUrl];

/// Elements each implementing body writes for itself, the same on all its items: checked once
/// per body ([`cache::memo`]).
const BODY: &[ItemField] = &[
    ItemField::Subject,
    ItemField::SubjectCode,
    ItemField::RegionCode,
    ItemField::Region,
    ItemField::Level,
    ItemField::Unit,
    ItemField::UnitKind,
    ItemField::Address,
    ItemField::Hours,
    ItemField::ConsultPhone,
    ItemField::SupervisePhone,
];

/// Elements of each item of its own (the code and the links are unique to it, the promised
/// time limit is set per item): checked on every item.
const ITEM: &[ItemField] = &[
    ItemField::Code,
    ItemField::PromisedLimit,
    ItemField::PromisedLimitUnit,
    ItemField::OnlineUrl,
    ItemField::GuideUrl,
];

/// What the body's part reads.
pub(super) const BODY_READS: Reads = Reads::fields(BODY);

/// What the shared part reads: every other element, the master's, shared by its claims
/// ([`cache::memo`]).
pub(super) const SHARED_READS: Reads = Reads::fields(ItemField::ALL)
    .without(BODY_READS)
    .without(Reads::fields(ITEM));

impl Rule for MalformedUrl {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, item: &Item, _ctx: &CheckContext) -> Verdict {
        let (body, own) = (mask(BODY), mask(ITEM));
        let shared = cache::memo(
            item,
            "G03 目录要素",
            SHARED_READS,
            |list: &Vec<_>| cache::positioned_size(list),
            || check_fields(item, mask(ItemField::ALL) & !body & !own),
        );
        let local = cache::memo(
            item,
            "G03 实施主体要素",
            BODY_READS,
            |list: &Vec<_>| cache::positioned_size(list),
            || check_fields(item, body),
        );
        let own = check_fields(item, own);
        if shared.is_empty() && local.is_empty() && own.is_empty() {
            return Verdict::Checked(Vec::new());
        }
        let mut all: Vec<(usize, Violation)> = shared.iter().chain(local.iter()).cloned().collect();
        all.extend(own);
        Verdict::Checked(cache::in_element_order(all))
    }
}

/// Bit `i` for each element `ItemField::ALL[i]` of `fields` (an element's position is its
/// discriminant).
const fn mask(fields: &[ItemField]) -> u64 {
    let mut bits = 0;
    let mut i = 0;
    while i < fields.len() {
        bits |= 1 << fields[i] as u32;
        i += 1;
    }
    bits
}

const _: () = assert!(ItemField::ALL.len() <= 64);

/// The violations of the elements in `fields` (bit `i` for `ItemField::ALL[i]`), each with its
/// element's position in [`ItemField::ALL`], in that order.
fn check_fields(item: &Item, mut fields: u64) -> Vec<(usize, Violation)> {
    let mut out = Vec::new();
    // Lowest bit first: element order.
    while fields != 0 {
        let index = fields.trailing_zeros() as usize;
        fields &= fields - 1;
        check_field(item, index, &mut out);
    }
    out
}

/// The violations of element `ItemField::ALL[index]`.
fn check_field(item: &Item, index: usize, out: &mut Vec<(usize, Violation)>) {
    let field = ItemField::ALL[index];
    let value = trim(item.get(field));
    let mut any = false;
    for_each_url(value, |u| {
        any = true;
        let start = u.as_ptr().addr() - value.as_ptr().addr();
        if let Some((what, link)) = link_problem(value, start, start + u.len()) {
            out.push((
                index,
                Violation::new(
                    format!(
                        "「{}」中的网址{what}: \"{}\"",
                        field.label(),
                        quote(&display_url(link), 80)
                    ),
                    link,
                )
                .target(field.label()),
            ));
        }
    });
    if !any && URL_FIELDS.contains(&field) && !is_blank_or_placeholder(value) {
        out.push((
            index,
            Violation::new(
                format!("「{}」不是网址: \"{}\"", field.label(), quote(value, 60)),
                value,
            )
            .target(field.label()),
        ));
    }
}

/// What is wrong with the link found at `value[start..end]`, and the link to quote: a typo
/// inside it ([`typo_inside`]), else what [`check_url`] finds; `None` when it is well formed.
fn link_problem(value: &str, start: usize, end: usize) -> Option<(String, &str)> {
    if let Some((end, what)) = typo_inside(value, start, end) {
        return Some((what.to_owned(), &value[start..end]));
    }
    let link = &value[start..end];
    if let Some(query) = link.find(['?', '？']).map(|q| &link[q..])
        && let Some(c) = query.chars().find(|c| matches!(c, '＝' | '＆'))
    {
        let half = if c == '＝' { '=' } else { '&' };
        return Some((format!("参数中有全角字符「{c}」（应为半角 {half}）"), link));
    }
    check_url(link).err().map(|p| (p.describe_zh(), link))
}

/// A typo where the search for links ended the link at `value[start..end]`, and where the link
/// really ends. The search ends a link at `？`, `,`, `，` and `。`, which a sentence puts after it;
/// inside a link they break it: `…/guide？id=1` (a full-width question mark before the
/// parameters), `https://www.ahzwfw,gov.cn/guide` and `https://www.ahzwfw。gov。cn` (a comma or
/// 。 for the dot of the host name, which then lacks its top-level domain: a page's link ends
/// there too). Not a link followed by a sentence (`…/guide？`, `https://www.ahzwfw.gov.cn，
/// 或到窗口办理`) or by another address (`http://a.gov.cn，www.b.gov.cn`).
fn typo_inside(value: &str, start: usize, end: usize) -> Option<(usize, &'static str)> {
    let rest = &value[end..];
    // Nearly every link ends at white space, a bracket or the end of the text: no typo to look
    // for (this runs for every link of every item).
    if !rest.starts_with(['？', ',', '，', '。']) {
        return None;
    }
    if let Some(query) = rest.strip_prefix('？') {
        let name = query
            .bytes()
            .take_while(|&b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
            .count();
        return (name > 0 && query[name..].starts_with(['=', '＝'])).then(|| {
            (
                end + '？'.len_utf8() + link_rest(query),
                "用了全角问号「？」（应为半角 ?）",
            )
        });
    }
    let link = &value[start..end];
    let host = &link[link.find("//").map_or(0, |i| i + 2)..];
    if host.is_empty() || host.contains(['/', '?', '#', '@']) || is_tld(host.rsplit('.').next()?) {
        return None;
    }
    // The labels after the typo, parted by dots or more typos, up to the last one.
    let b = value.as_bytes();
    let (mut at, mut labels, mut last, mut first) = (end, 0, "", "");
    let mut comma = false;
    loop {
        let sep = value[at..]
            .chars()
            .next()
            .filter(|c| matches!(c, '.' | ',' | '，' | '。'));
        let Some(sep) = sep.filter(|&c| labels > 0 || c != '.') else {
            break;
        };
        let from = at + sep.len_utf8();
        let len = b[from..]
            .iter()
            .take_while(|&&c| c.is_ascii_alphanumeric() || c == b'-')
            .count();
        if len == 0 {
            break;
        }
        comma |= matches!(sep, ',' | '，');
        last = &value[from..from + len];
        if labels == 0 {
            first = last;
        }
        labels += 1;
        at = from + len;
    }
    if labels == 0 || first.eq_ignore_ascii_case("www") || !is_tld(last) {
        return None;
    }
    let what = if comma {
        "域名用逗号代替了点「.」"
    } else {
        "域名用全角句号「。」代替了点「.」"
    };
    let end = if value[at..].starts_with(['/', ':']) {
        at + link_rest(&value[at..])
    } else {
        at
    };
    Some((end, what))
}

/// How much of `rest` goes on with a link: up to white space or punctuation that ends it.
fn link_rest(rest: &str) -> usize {
    rest.find(|c: char| {
        c.is_whitespace() || "，；、。！？“”‘’（）【】《》,;\"'<>()[]{}".contains(c)
    })
    .unwrap_or(rest.len())
}

/// Whether a host name's last label is a top-level domain that government pages use.
fn is_tld(label: &str) -> bool {
    ["cn", "com", "gov", "net", "org", "edu"]
        .iter()
        .any(|t| label.eq_ignore_ascii_case(t))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::general_text::find_urls;

    /// [`check_fields`] as first written: every element in order, its links through
    /// [`find_urls`].
    fn check_fields_plain(item: &Item, fields: &[ItemField]) -> Vec<(usize, Violation)> {
        let mut out = Vec::new();
        for (index, &field) in ItemField::ALL.iter().enumerate() {
            if !fields.contains(&field) {
                continue;
            }
            let value = trim(item.get(field));
            let urls = find_urls(value);
            if urls.is_empty() {
                if URL_FIELDS.contains(&field) && !is_blank_or_placeholder(value) {
                    out.push((
                        index,
                        Violation::new(
                            format!("「{}」不是网址: \"{}\"", field.label(), quote(value, 60)),
                            value,
                        )
                        .target(field.label()),
                    ));
                }
                continue;
            }
            // Each link where it stands: the links come in order, each after the one before.
            let mut from = 0;
            for u in urls {
                let start = from + value[from..].find(&u).expect("a link found in the text");
                from = start + u.len();
                if let Some((what, link)) = link_problem(value, start, from) {
                    out.push((
                        index,
                        Violation::new(
                            format!(
                                "「{}」中的网址{what}: \"{}\"",
                                field.label(),
                                quote(&display_url(link), 80)
                            ),
                            link,
                        )
                        .target(field.label()),
                    ));
                }
            }
        }
        out
    }

    /// The G03 messages on an item whose 在线办理地址 is `url`.
    fn online_url_messages(url: &str) -> Vec<String> {
        let item = Item {
            online_url: url.into(),
            ..Item::default()
        };
        match MalformedUrl.check(&item, &CheckContext::default()) {
            Verdict::Checked(v) => v.into_iter().map(|v| v.message).collect(),
            Verdict::NotApplicable => Vec::new(),
        }
    }

    #[test]
    fn a_full_width_mark_or_a_comma_inside_a_link_is_warned() {
        for (url, what, shown) in [
            (
                "https://www.ahzwfw.gov.cn/guide？id=1",
                "全角问号「？」（应为半角 ?）",
                "https://www.ahzwfw.gov.cn/guide？id=1",
            ),
            (
                "https://www.ahzwfw.gov.cn/bsdt/applyDetail.html？taskCode=11341700MB1812334P",
                "全角问号「？」（应为半角 ?）",
                "applyDetail.html？taskCode=",
            ),
            (
                "https://www.ahzwfw.gov.cn/guide?id＝1",
                "全角字符「＝」",
                "guide?id＝1",
            ),
            (
                "https://www.ahzwfw.gov.cn/guide?id=1＆area=341700",
                "全角字符「＆」",
                "id=1＆area",
            ),
            (
                "https://www.ahzwfw,gov.cn/guide",
                "逗号",
                "https://www.ahzwfw,gov.cn/guide",
            ),
            (
                "https://www.ahzwfw，gov.cn",
                "逗号",
                "https://www.ahzwfw，gov.cn",
            ),
            (
                "https://www.ahzwfw。gov。cn/guide",
                "全角句号「。」",
                "https://www.ahzwfw。gov。cn/guide",
            ),
            (
                "https://www。ahzwfw.gov.cn",
                "全角句号「。」",
                "https://www。ahzwfw.gov.cn",
            ),
            (
                "请登录https://czzwfw.chizhou,gov.cn办理",
                "逗号",
                "chizhou,gov.cn\"",
            ),
        ] {
            let m = online_url_messages(url);
            assert!(
                m.len() == 1 && m[0].contains(what) && m[0].contains(shown),
                "{url}: {m:?}"
            );
        }
    }

    #[test]
    fn a_link_followed_by_a_sentence_or_another_link_is_no_typo() {
        for url in [
            "https://www.ahzwfw.gov.cn/guide?id=1",
            "https://www.ahzwfw.gov.cn/guide？",
            "请登录https://www.ahzwfw.gov.cn？如有疑问请咨询窗口",
            "https://www.ahzwfw.gov.cn，或到政务服务中心窗口办理",
            "https://www.ahzwfw.gov.cn。",
            "https://www.ahzwfw.gov.cn,https://czzwfw.chizhou.gov.cn",
            "https://www.ahzwfw.gov.cn；https://czzwfw.gov.cn",
            "https://czzwfw.chizhou.gov.cn/，www.ahzwfw.gov.cn/guide",
            "https://www.ahzwfw.gov.cn/search?name=食品经营",
            "https://www.ahzwfw.gov.cn/bog-bsdt/static/workProcess/applyDetail.html?id=1234&areaCode=341700",
            "https://www.ahzwfw.gov.cn/upload/申请表（样表）.docx",
        ] {
            let m = online_url_messages(url);
            // The address without a scheme after the comma is its own finding.
            assert!(
                m.iter().all(|m| !m.contains("全角") && !m.contains("逗号")),
                "{url}: {m:?}"
            );
        }
        assert!(online_url_messages("https://www.ahzwfw.gov.cn/guide?id=1").is_empty());
        assert!(online_url_messages("https://www.ahzwfw.gov.cn，或到窗口办理").is_empty());
    }

    #[test]
    fn an_elements_position_is_its_discriminant() {
        for (i, &f) in ItemField::ALL.iter().enumerate() {
            assert_eq!(f as usize, i, "{f:?}");
        }
    }

    proptest::proptest! {
        /// The elements are checked as first written, in the same order.
        #[test]
        fn fields_are_checked_as_first_written(
            texts in proptest::collection::vec(
                proptest::collection::vec(proptest::sample::select(vec![
                    "https://www.ahzwfw.gov.cn/a?b=1", "http：//x.cn", "www.x.cn", "htp://a.cn",
                    "网上办理", "无", " ", "，", "C:\\a\\b.doc", "http://192.168.1.1/x", "见",
                    "https://a/（b）", "\\\\srv\\x", "http://localhost",
                    "https://www.ahzwfw", "？id＝1", "，gov.cn", "。cn/a", ",www.x.cn",
                ]), 0..4),
                ItemField::ALL.len(),
            ),
        ) {
            let mut item = Item::default();
            for (&field, pieces) in ItemField::ALL.iter().zip(&texts) {
                *item.get_mut(field) = pieces.concat();
            }
            let rest: Vec<ItemField> = ItemField::ALL
                .iter()
                .copied()
                .filter(|f| !BODY.contains(f) && !ITEM.contains(f))
                .collect();
            for fields in [&rest[..], BODY, ITEM, ItemField::ALL] {
                proptest::prop_assert_eq!(
                    check_fields(&item, mask(fields)),
                    check_fields_plain(&item, fields)
                );
            }
            // The three parts in element order are the whole.
            let whole = check_fields_plain(&item, ItemField::ALL);
            let verdict = MalformedUrl.check(&item, &CheckContext::default());
            proptest::prop_assert_eq!(
                verdict,
                Verdict::Checked(whole.into_iter().map(|(_, v)| v).collect())
            );
        }
    }
}
