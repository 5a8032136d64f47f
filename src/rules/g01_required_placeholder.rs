//! G01 必填项占位 — a required element holds a placeholder (无, /, 暂无, 详见附件) instead of a value.

use super::general_text::is_referral;
use super::{CheckContext, Reads, Rule, RuleMeta, Verdict, Violation, cache, declare_rule};
use crate::model::text::{is_blank_or_placeholder, trim};
use crate::model::{Item, ItemField};

declare_rule! {
    /// ## 检查内容 (What it checks)
    /// 附录之外的通用检查（附录注明「考核范围包括但不限于附录列明的要素指标」）。
    /// 必填要素中没有附录规则检查的几项——事项名称、事项类型、实施主体、设定依据、受理条件——
    /// 不得只填占位符（无、/、-、暂无、详见附件、见附件、见上、同上、略、待定……）：占位符掩盖了
    /// 必填的值，按错误（error）报告。说明类要素（数量限制说明、法定办结时限说明、必须现场办理原因
    /// 说明）填「无」是正常回答，但填「详见附件」「见上」「同上」这类转引时，读者看不到内容，按提示
    /// （warning）报告。附录要素（办理地点、结果名称、电话等）的占位符由各自的规则报告，这里不重复。
    /// 要素为空不在此报告（导出文件可能没有这一列；编制完整性另有计分）。
    ///
    /// ## 依据 (Why it matters)
    /// 附录注：考核范围包括但不限于附录列明的要素指标。实施清单各要素应填写实际内容，占位符等于缺项。
    ///
    /// ## 示例 (Example)
    /// 错误：受理条件 `详见附件`；设定依据 `无`；实施主体 `/`。
    /// 提示：必须现场办理原因说明 `同上`。
    /// 通过：受理条件写明具体条件；必须现场办理原因说明 `无`。
    ///
    /// ## 整改方法 (How to fix)
    /// 在要素中填写实际内容；不要用「无」「/」「详见附件」代替必填的值。
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
                    .warning(),
                ));
            }
        }
    }
    out
}
