//! B14 监督电话 — the supervision (complaint) phone must be given and be a telephone number.

use super::{CheckContext, Reads, Rule, RuleMeta, Verdict, Violation, declare_rule};
use crate::model::phone::parse_phones;
use crate::model::text::{is_blank_or_placeholder, quote};
use crate::model::{Item, ItemField};

declare_rule! {
    /// ## 检查内容 (What it checks)
    /// 监督电话不得为空，且必须含有电话号码。本市 12345 热线带区号（如 `0566-12345`）是有效的监督电话；
    /// 区号是否齐全由 B15 检查。只有网址的不通过，不带 `http://` 的网址中的数字（`12345.chizhou.gov.cn`、
    /// `www.12388.gov.cn`）不是号码；`0566-12345或登录12345.chizhou.gov.cn` 有号码，通过。
    ///
    /// ## 依据 (Why it matters)
    /// 附录「监督电话」：明确标注该事项监督部门的监督电话。
    ///
    /// ## 示例 (Example)
    /// 不通过：空、`暂无`、`向市政务服务管理局投诉`、`jubao@chizhou.gov.cn`、`12345.chizhou.gov.cn`。
    /// 通过：`0566-2025678`、`0566-12345`。
    ///
    /// ## 整改方法 (How to fix)
    /// 填写监督部门的投诉电话，带区号，如 `0566-2025678` 或 `0566-12345`。
    pub struct SupervisePhone {
        id: "B14",
        name: "supervise-phone",
        element: "监督电话",
        category: Basic,
        severity: Error,
        fix: "填写监督部门的监督投诉电话（带区号），如 0566-2025678 或 0566-12345",
    }
}

impl Rule for SupervisePhone {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn reads(&self) -> Option<Reads> {
        Some(Reads::fields(&[ItemField::SupervisePhone]))
    }

    fn check(&self, item: &Item, _ctx: &CheckContext) -> Verdict {
        let text = item.supervise_phone.trim();
        if is_blank_or_placeholder(text) {
            return Verdict::Checked(vec![Violation::new(
                if text.is_empty() {
                    "监督电话为空".to_owned()
                } else {
                    format!("监督电话未填写实际号码: \"{text}\"")
                },
                text,
            )]);
        }
        if parse_phones(text).is_empty() {
            return Verdict::Checked(vec![Violation::new(
                format!("监督电话中没有可拨打的电话号码: \"{}\"", quote(text, 60)),
                text,
            )]);
        }
        Verdict::pass()
    }
}
