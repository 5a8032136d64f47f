//! B05 服务对象 — who the item serves, from the recognised values.

use super::{CheckContext, Reads, Rule, RuleMeta, Verdict, Violation, declare_rule};
use crate::model::domain::{Domain, parse_domain};
use crate::model::text::{is_blank_or_placeholder, quote};
use crate::model::{Item, ItemField};

declare_rule! {
    /// ## 检查内容 (What it checks)
    /// 服务对象不得为空，每个值都必须是规定的取值：自然人、企业法人、事业法人、社会组织法人、非法人企业、
    /// 行政机关、其他组织（代码 1–6、9 或名称；可多选，用 `,`、`、`、`;` 等分隔，也可用「或者」「或」
    /// 「及」「以及」「和」「与」连接，如《行政许可法》第二条的「公民、法人或者其他组织」；列举末尾的
    /// 「等」不算取值；「企事业单位」按企业和事业单位认）。值后面加括号注明的（`自然人（含个体工商户）`）
    /// 按该值认；描述一类人、括号里写明规定取值的（`参保人员（自然人）`、`医疗保健机构（事业法人、
    /// 企业法人）`）按括号里的取值认，已明确标注；括号里没有规定取值的描述（`参保人员`、`医疗机构`）不通过；括号前不是描述一类人的
    /// （`无（自然人）`、`其他（自然人）`、`不限（自然人）`、`群众（自然人）`、`所有人（自然人）`）也不通过。
    /// 判定口径：附录原文举例「如法人、自然人」，所以笼统的「法人」（及「企业」）也认；
    /// 「个人」「公民」「中国公民」「内地居民」按自然人认；「个体工商户」（「个体户」）「农村承包经营户」
    /// 在民法典中属于自然人（第二章第四节），也按自然人认；「国家机关」按行政机关（机关）认。
    /// 其余写法（如「群众」「全体」「所有人」）不通过。
    ///
    /// ## 依据 (Why it matters)
    /// 附录「服务对象」：明确标注服务对象（如法人、自然人）。
    ///
    /// ## 示例 (Example)
    /// 不通过：空、`/`、`群众`、`自然人、相关单位`、`参保人员`。
    /// 通过：`自然人`、`企业法人,事业法人,社会组织法人`、`1,2`、`公民、法人或者其他组织`、
    /// `机关、企事业单位`、`国家机关、企事业单位、社会团体`、`参保人员（自然人）`。
    ///
    /// ## 整改方法 (How to fix)
    /// 从 自然人、企业法人、事业法人、社会组织法人、非法人企业、行政机关、其他组织 中选择，可多选。
    pub struct ServiceObject {
        id: "B05",
        name: "service-object",
        element: "服务对象",
        category: Basic,
        severity: Error,
        fix: "从 自然人、企业法人、事业法人、社会组织法人、非法人企业、行政机关、其他组织 中选择（可多选）",
    }
}

impl Rule for ServiceObject {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn reads(&self) -> Option<Reads> {
        Some(Reads::fields(&[ItemField::ServiceObject]))
    }

    fn check(&self, item: &Item, _ctx: &CheckContext) -> Verdict {
        let text = item.service_object.trim();
        if is_blank_or_placeholder(text) {
            return Verdict::Checked(vec![Violation::new(
                if text.is_empty() {
                    "服务对象为空".to_owned()
                } else {
                    format!("服务对象未填写实际内容: \"{text}\"")
                },
                text,
            )]);
        }
        let parsed = parse_domain(Domain::ServiceObject, text);
        if parsed.unknown.is_empty() && !parsed.values.is_empty() {
            return Verdict::pass();
        }
        Verdict::Checked(vec![Violation::new(
            format!(
                "服务对象含有不是规定取值的「{}」（应为自然人、企业法人、事业法人、社会组织法人、非法人企业、行政机关、其他组织）: \"{}\"",
                parsed.unknown.join("、"),
                quote(text, 40)
            ),
            text,
        )])
    }
}
