//! G01 必填项占位 — a required element holds a placeholder (无, /, 暂无, 详见附件) instead of a value.

use super::general_text::is_referral;
use super::{CheckContext, Reads, Rule, RuleMeta, Verdict, Violation, cache, declare_rule};
use crate::model::text::{is_blank_or_placeholder, trim};
use crate::model::{Item, ItemField};

declare_rule! {
    /// ## 检查内容 (What it checks)
    /// 附录之外的通用检查（附录注明「考核范围包括但不限于附录列明的要素指标」）。
    /// 必填要素中没有附录规则检查的几项——事项名称、事项类型、实施主体、设定依据、受理条件——
    /// 不得只填占位符（无、/、-、暂无、详见附件、见附件、见上、同上、略、待定、……，后面带句号分号的
    /// `无。`、`无；` 也算）或只写转引（`参见设定依据`、`参照办事指南`、`请参阅附件`）：占位符掩盖了
    /// 必填的值，按错误（error）报告；转引到具体法规的（`参照《食品安全法》执行`）不算。说明类要素
    /// （数量限制说明、法定办结时限说明、必须现场办理原因说明）填「无」是正常回答，但填「详见附件」
    /// 「见上」「同上」「参见办事指南」这类转引时，读者看不到内容，按提示（warning）报告，建议写出具体
    /// 说明，没有需要说明的填「无」。附录要素（办理地点、结果名称、电话等）的占位符由各自的规则报告，这里不重复。
    /// 要素为空不在此报告（导出文件可能没有这一列；编制完整性另有计分）。
    ///
    /// ## 依据 (Why it matters)
    /// 附录注：考核范围包括但不限于附录列明的要素指标。实施清单各要素应填写实际内容，占位符等于缺项。
    ///
    /// ## 示例 (Example)
    /// 错误：受理条件 `详见附件`、`无。`、`参见设定依据`；设定依据 `无`；实施主体 `/`。
    /// 提示：必须现场办理原因说明 `同上`、`参见办事指南`。
    /// 通过：受理条件写明具体条件；必须现场办理原因说明 `无`。
    ///
    /// ## 整改方法 (How to fix)
    /// 在要素中填写实际内容；不要用「无」「/」「详见附件」代替必填的值。说明类要素写出具体说明，
    /// 没有需要说明的填「无」。
    pub struct RequiredPlaceholder {
        id: "G01",
        name: "required-placeholder",
        element: "必填项占位",
        category: General,
        severity: Error,
        fix: "在必填要素中填写实际内容，不要用「无」「/」「详见附件」代替",
    }
}

/// Required elements no appendix rule checks.
const REQUIRED: &[ItemField] = &[
    ItemField::Name,
    ItemField::ItemType,
    ItemField::Subject,
    ItemField::LegalBasis,
    ItemField::Conditions,
];

/// Descriptive elements where `无` is an answer but a referral hides the content.
const DESCRIPTIVE: &[ItemField] = &[
    ItemField::QuantityLimitDesc,
    ItemField::LegalLimitNote,
    ItemField::OnsiteReason,
];

/// The fix for a referral in a descriptive element: there 「无」 is a proper answer, so the rule's
/// own fix (「不要用「无」…代替」) would contradict it.
const NOTE_FIX: &str = "写出具体说明，不要只写「详见附件」「同上」等转引；没有需要说明的填「无」";

/// The element each claim fills in itself (实施主体): checked on every item, the others once per
/// master ([`cache::memo`]).
const LOCAL: ItemField = ItemField::Subject;

/// What the part shared by the claims of a master reads.
pub(super) const SHARED_READS: Reads = Reads::fields(REQUIRED)
    .and(Reads::fields(DESCRIPTIVE))
    .without(Reads::fields(&[LOCAL]));

impl Rule for RequiredPlaceholder {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, item: &Item, _ctx: &CheckContext) -> Verdict {
        let shared = cache::memo(
            item,
            "G01 目录要素",
            SHARED_READS,
            |list: &Vec<_>| cache::positioned_size(list),
            || check_fields(item, false),
        );
        let mut all = shared.to_vec();
        all.extend(check_fields(item, true));
        Verdict::Checked(cache::in_element_order(all))
    }
}

/// The violations of [`LOCAL`] (`local`) or of the other elements, each with its element's
/// position among them.
fn check_fields(item: &Item, local: bool) -> Vec<(usize, Violation)> {
    let mut out = Vec::new();
    for (i, &field) in REQUIRED.iter().enumerate() {
        if (field == LOCAL) != local {
            continue;
        }
        let value = trim(item.get(field));
        if !value.is_empty() && (is_blank_or_placeholder(value) || is_referral(value)) {
            out.push((
                i,
                Violation::new(
                    format!("必填要素「{}」只填了占位符: \"{value}\"", field.label()),
                    value,
                )
                .target(field.label()),
            ));
        }
    }
    if !local {
        for (i, &field) in DESCRIPTIVE.iter().enumerate() {
            let value = trim(item.get(field));
            if is_referral(value) {
                out.push((
                    REQUIRED.len() + i,
                    Violation::new(
                        format!("「{}」只写了转引，看不到内容: \"{value}\"", field.label()),
                        value,
                    )
                    .target(field.label())
                    .warning()
                    .suggest(NOTE_FIX),
                ));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The warning on a descriptive element must not tell the clerk to avoid 「无」, which is a
    /// proper answer there (h3 "Message quality").
    #[test]
    fn a_referral_in_a_note_is_told_that_no_is_an_answer() {
        let item = Item {
            onsite_reason: "同上".to_owned(),
            ..Item::default()
        };
        let v = check_fields(&item, false);
        assert_eq!(v.len(), 1);
        let s = v[0].1.suggestion.as_deref().unwrap_or_default();
        assert!(s.contains("没有需要说明的填「无」"), "{s}");
        assert!(!s.contains("不要用「无」"), "{s}");
    }
}
