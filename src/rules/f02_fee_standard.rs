//! F02 收费标准 — a charged item lists each fee's name with an amount or algorithm.

use super::fees::{is_charged, states_amount_or_algorithm};
use super::{CheckContext, Reads, Rule, RuleMeta, Verdict, Violation, declare_rule};
use crate::model::text::{is_blank_or_placeholder, quote};
use crate::model::{Item, ItemField};

declare_rule! {
    /// ## 检查内容 (What it checks)
    /// 收费的事项（「是否收费」为是；该栏看不出时，以列出了收费项目为准）必须列出收费项目，每个
    /// 项目都要有名称，收费标准要有金额（`80元/件`、`伍拾元`、`￥80/件`）或算法（`按标的额的0.5%收取`、
    /// `按建筑面积每平方米…计收`）；只写「按国家规定收取」「详见文件」的不通过，只写按哪个文件收取的
    /// （`按照文件规定收取`、`按发改价格规〔2016〕2559号收取`）也不通过：文号、文件名里的「件」「价格」
    /// 不是计费依据。
    /// 不收费的事项不涉及（n/a）。
    ///
    /// ## 依据 (Why it matters)
    /// 附录「收费标准」：收费的事项，要明确列出收费的项目名称、收费标准或算法。
    ///
    /// ## 示例 (Example)
    /// 不通过：是否收费为「是」但没有收费项目；收费标准 `按国家规定收取`、`按照文件规定收取`、
    /// `按发改价格规〔2016〕2559号收取`；收费项目名称为空。
    /// 通过：`不动产登记费`，`住宅类 80 元/件，非住宅类 550 元/件`。
    ///
    /// ## 整改方法 (How to fix)
    /// 逐项列出收费项目名称和收费标准（具体金额或计算方法），如「不动产登记费：住宅 80 元/件」。
    pub struct FeeStandard {
        id: "F02",
        name: "fee-standard",
        element: "收费标准",
        category: Fees,
        severity: Error,
        fix: "逐项列出收费项目名称和收费标准（金额或计算方法）",
    }
}

impl Rule for FeeStandard {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn reads(&self) -> Option<Reads> {
        Some(Reads::fields(&[ItemField::Charged]).and(Reads::FEES))
    }

    fn check(&self, item: &Item, _ctx: &CheckContext) -> Verdict {
        if !is_charged(item) {
            return Verdict::NotApplicable;
        }
        if item.fees.is_empty() {
            return Verdict::Checked(vec![Violation::new(
                format!(
                    "事项收费但未列出收费项目和收费标准: \"{}\"",
                    item.charged.trim()
                ),
                item.charged.trim(),
            )]);
        }
        let mut out = Vec::new();
        for (i, f) in item.fees.iter().enumerate() {
            let name = f.name.trim();
            let target = if name.is_empty() {
                format!("收费项目「第{}项」", i + 1)
            } else {
                format!("收费项目「{name}」")
            };
            let standard = f.standard.trim();
            let v = if is_blank_or_placeholder(name) {
                Some(Violation::new(
                    format!("收费项目缺少名称: \"{}\"", quote(standard, 40)),
                    standard,
                ))
            } else if standard.is_empty() {
                // The amount is sometimes written into the name (`工本费10元`).
                (!states_amount_or_algorithm(name))
                    .then(|| Violation::new(format!("收费项目缺少收费标准: \"{name}\""), name))
            } else if !states_amount_or_algorithm(standard) {
                Some(Violation::new(
                    format!("收费标准没有金额或计算方法: \"{}\"", quote(standard, 40)),
                    standard,
                ))
            } else {
                None
            };
            if let Some(v) = v {
                out.push(v.target(target).at(&f.provenance));
            }
        }
        Verdict::Checked(out)
    }
}
