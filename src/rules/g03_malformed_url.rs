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
    /// 每个有问题的链接出一条提示（warning）。
    /// 申请材料的空白表格、示例样表和中介机构查询网址由 M06、M07、I01 判定，这里不重复；链接能否
    /// 打开由链接检查（`--links`）判定。
    ///
    /// ## 依据 (Why it matters)
    /// 附录注：考核范围包括但不限于附录列明的要素指标；格式错误的链接对办事群众就是死链。
    ///
    /// ## 示例 (Example)
    /// 提示：在线办理地址 `www.ahzwfw.gov.cn`；`http：//www.ahzwfw.gov.cn`；
    /// 结果样本 `http://192.168.10.5/upload/sample.jpg`；在线办理地址 `网上办理`。
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
        if let Err(p) = check_url(u) {
            out.push((
                index,
                Violation::new(
                    format!(
                        "「{}」中的网址{}: \"{}\"",
                        field.label(),
                        p.describe_zh(),
                        quote(&display_url(u), 80)
                    ),
                    u,
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
            for u in urls {
                if let Err(p) = check_url(&u) {
                    out.push((
                        index,
                        Violation::new(
                            format!(
                                "「{}」中的网址{}: \"{}\"",
                                field.label(),
                                p.describe_zh(),
                                quote(&display_url(&u), 80)
                            ),
                            u,
                        )
                        .target(field.label()),
                    ));
                }
            }
        }
        out
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
