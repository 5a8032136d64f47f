//! B13 咨询电话 — the consultation phone must be a number a person answers.

use super::{CheckContext, Reads, Rule, RuleMeta, Verdict, Violation, declare_rule};
use crate::model::phone::parse_phones;
use crate::model::text::{is_blank_or_placeholder, quote};
use crate::model::{Item, ItemField};

declare_rule! {
    /// ## 检查内容 (What it checks)
    /// 咨询电话不得为空，且必须含有可以人工接听的电话号码：固定电话、手机或 400/800 号码。
    /// 只有网址、电子邮箱、文字说明，或只有 12345 热线而没有本单位号码的，不通过。
    /// 一栏多个号码（用 `、，;/ 和` 分隔）、分机号（`转801`、`-801`）、分组书写的手机（`139-0566-1234`）
    /// 和 400/800 号码（`400-6789-123`）、分两组书写的本地号码（`0566-202 1156`、`0566-202-1156`、
    /// `202-1156`）都能识别，有一个人工号码即通过。年份范围（`2021-2023`）、时间（`8:30-12:00`、
    /// `900-1700`）、房间号和分机号的范围（`1201-1203室`、`1156-1158分机`）和编号中用连字符连着的
    /// 数字不算号码；网址中的数字（不带 `http://` 的也算，如 `www.ahzwfw.gov.cn/zx/2021156`）也不是号码，
    /// 号码旁边括注网址的（`0566-2021156（网址 www.ahzwfw.gov.cn）`）照常识别号码。
    ///
    /// ## 依据 (Why it matters)
    /// 附录「咨询电话」：明确标注该事项受理部门的咨询电话，必须要有人工咨询电话。
    ///
    /// ## 示例 (Example)
    /// 不通过：`12345`、`请登录 http://www.ahzwfw.gov.cn 咨询`、`无`。
    /// 通过：`0566-2021234`、`0566-2021234、13905661234`。
    ///
    /// ## 整改方法 (How to fix)
    /// 填写受理部门有人值守的咨询电话，带区号，如 `0566-2021234`；多个号码用「、」分隔。
    pub struct ConsultPhone {
        id: "B13",
        name: "consult-phone",
        element: "咨询电话",
        category: Basic,
        severity: Error,
        fix: "填写受理部门有人接听的咨询电话（带区号），如 0566-2021234",
    }
}

impl Rule for ConsultPhone {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn reads(&self) -> Option<Reads> {
        Some(Reads::fields(&[ItemField::ConsultPhone]))
    }

    fn check(&self, item: &Item, ctx: &CheckContext) -> Verdict {
        let text = item.consult_phone.trim();
        if is_blank_or_placeholder(text) {
            return Verdict::Checked(vec![Violation::new(
                if text.is_empty() {
                    "咨询电话为空".to_owned()
                } else {
                    format!("咨询电话未填写实际号码: \"{text}\"")
                },
                text,
            )]);
        }
        let phones = parse_phones(text);
        if phones.is_empty() {
            return Verdict::Checked(vec![Violation::new(
                format!("咨询电话中没有可拨打的电话号码: \"{}\"", quote(text, 60)),
                text,
            )]);
        }
        if ctx.params.only_hotlines(&phones) {
            return Verdict::Checked(vec![Violation::new(
                format!(
                    "咨询电话只有政务服务热线，缺少受理部门的人工咨询电话: \"{}\"",
                    quote(text, 60)
                ),
                text,
            )]);
        }
        Verdict::pass()
    }
}
