//! B01 权力来源 — the source of power must be stated and be a recognised value.

use super::{CheckContext, Reads, Rule, RuleMeta, Verdict, Violation, declare_rule};
use crate::model::domain::{Domain, parse_domain};
use crate::model::text::{is_blank_or_placeholder, quote};
use crate::model::{Item, ItemField};

declare_rule! {
    /// ## 检查内容 (What it checks)
    /// 权力来源不得为空，且必须是规定的值之一：法定本级行使、上级下放、上级授权、同级授权、上级委托、
    /// 同级委托（填代码 1–6 或名称均可；代码和名称同时出现时以名称为准）。只能填一个值。
    /// 规定的值后面加括号注明的（`法定本级行使（市级）`、`上级下放（省级下放）`）按该值认；
    /// 括号里写的是另一个权力来源的（`法定本级行使（上级委托）`），算填了多个值，不通过。
    /// 判定口径：公共服务事项（事项类型为 20/公共服务）不属于行政权力，权力来源为空时不考核（n/a），
    /// 填了则同样检查取值。
    ///
    /// ## 依据 (Why it matters)
    /// 附录「权力来源」：明确标注权力来源及权力来源是否正确。
    ///
    /// ## 示例 (Example)
    /// 不通过：空、`/`、`上级交办`、`法定本级行使、上级委托`、`法定本级行使（上级委托）`。
    /// 通过：`法定本级行使`、`5`（上级委托）、`法定本级行使（市级）`。
    ///
    /// ## 整改方法 (How to fix)
    /// 从 法定本级行使、上级下放、上级授权、同级授权、上级委托、同级委托 中选一个填写。
    pub struct PowerSource {
        id: "B01",
        name: "power-source",
        element: "权力来源",
        category: Basic,
        severity: Error,
        fix: "从 法定本级行使、上级下放、上级授权、同级授权、上级委托、同级委托 中选一个填写",
    }
}

/// Whether the item is a 公共服务 item (事项类型 20).
pub(super) fn is_public_service(item: &Item) -> bool {
    parse_domain(Domain::ItemType, &item.item_type).has("公共服务")
}

impl Rule for PowerSource {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn reads(&self) -> Option<Reads> {
        Some(Reads::fields(&[
            ItemField::ItemType,
            ItemField::PowerSource,
        ]))
    }

    fn check(&self, item: &Item, _ctx: &CheckContext) -> Verdict {
        let text = item.power_source.trim();
        if is_blank_or_placeholder(text) {
            if is_public_service(item) {
                return Verdict::NotApplicable;
            }
            return Verdict::Checked(vec![Violation::new(
                if text.is_empty() {
                    "权力来源为空".to_owned()
                } else {
                    format!("权力来源未填写实际内容: \"{text}\"")
                },
                text,
            )]);
        }
        let parsed = parse_domain(Domain::PowerSource, text);
        let mut out = Vec::new();
        if !parsed.unknown.is_empty() || parsed.values.is_empty() {
            out.push(Violation::new(
                format!(
                    "权力来源不是规定的取值（应为{}之一）: \"{}\"",
                    Domain::PowerSource.labels_joined(),
                    quote(text, 40)
                ),
                text,
            ));
        } else if parsed.values.len() > 1 {
            out.push(Violation::new(
                format!("权力来源填写了多个值，只能选一个: \"{}\"", quote(text, 40)),
                text,
            ));
        }
        Verdict::Checked(out)
    }
}
