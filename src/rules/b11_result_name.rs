//! B11 结果名称 — whether there is a result, and if so its proper name.

use super::{CheckContext, Reads, Rule, RuleMeta, Verdict, Violation, declare_rule};
use crate::model::text::{PLACEHOLDERS, quote};
use crate::model::{Item, ItemField};

declare_rule! {
    /// ## 检查内容 (What it checks)
    /// 结果名称要写明有没有办理结果；有的，要写出结果的法定规范化名称（如「食品经营许可证」
    /// 「准予行政许可决定书」）。为空、`/`、`见附件`、`详见…`、`暂无`，或只写了笼统的
    /// 「办理结果」「审批结果」「批文」「证书」「相关证明」的不通过；只写了决定或通知（「同意」「准予」
    /// 「办结」「通知书」）而不是结果文书名称的，也不通过；「办结通知」「办结通知书」是公共服务常见的结果文书，通过。
    /// 判定口径：`无`、`无结果`、`无审批结果` 是明确写了没有结果，通过（此时 B12 不考核）。
    ///
    /// ## 依据 (Why it matters)
    /// 附录「结果名称」：明确有无结果名称。如有，需明确办理结果的法定规范化名称。
    ///
    /// ## 示例 (Example)
    /// 不通过：空、`/`、`详见办事指南`、`审批结果`、`相关证件`。
    /// 通过：`食品经营许可证`、`无`。
    ///
    /// ## 整改方法 (How to fix)
    /// 写出办理结果的法定名称（证照、批文、决定书的全称）；没有办理结果的填「无」。
    pub struct ResultName {
        id: "B11",
        name: "result-name",
        element: "结果名称",
        category: Basic,
        severity: Error,
        fix: "写出办理结果的法定规范化名称（如 食品经营许可证），没有结果的填「无」",
    }
}

/// Texts that say there is no result.
pub(super) const NO_RESULT: &[&str] = &[
    "无",
    "无结果",
    "无审批结果",
    "无办理结果",
    "无结果名称",
    "不涉及",
];

const GENERIC: &[&str] = &[
    "结果",
    "办理结果",
    "审批结果",
    "审核结果",
    "处理结果",
    "批文",
    "批复",
    "证书",
    "证照",
    "证件",
    "证明",
    "相关证件",
    "相关证明",
    "有关证明",
    "相关证照",
    "相关材料",
    "决定书",
    "文书",
    "有",
    // A decision or a notice is not the name of the result document.
    "同意",
    "不同意",
    "准予",
    "不予",
    "批准",
    "通过",
    "办结",
    "已办结",
    "通知",
    "通知书",
];

/// The text half-width, without white space and the punctuation `。.,;:` (full-width ones
/// folded first), in one pass.
fn bare(s: &str) -> String {
    s.chars()
        .map(halfwidth_char)
        .filter(|&c| !c.is_whitespace() && !matches!(c, '。' | '.' | ',' | ';' | ':'))
        .collect()
}

/// One character as [`to_halfwidth`](crate::model::text::to_halfwidth) folds it.
pub(super) fn halfwidth_char(c: char) -> char {
    match c {
        '\u{3000}' => ' ',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

/// Whether a result-name text says there is no result.
pub(super) fn says_no_result(text: &str) -> bool {
    NO_RESULT.contains(&bare(text).as_str())
}

impl Rule for ResultName {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn reads(&self) -> Option<Reads> {
        Some(Reads::fields(&[ItemField::ResultName]))
    }

    fn check(&self, item: &Item, _ctx: &CheckContext) -> Verdict {
        let text = item.result_name.trim();
        let b = bare(text);
        let fail = |m: String| Verdict::Checked(vec![Violation::new(m, text)]);
        if b.is_empty() {
            return fail("结果名称为空，未说明有无办理结果".to_owned());
        }
        // `says_no_result(text)`: `b` is already its bare form.
        if NO_RESULT.contains(&b.as_str()) {
            return Verdict::pass();
        }
        // 无 already passed above: what is left of the placeholders hides the name.
        if PLACEHOLDERS.contains(&b.as_str())
            || b.starts_with("详见")
            || b.starts_with("参见")
            || b.starts_with("见")
        {
            return fail(format!(
                "结果名称用占位内容代替了结果的规范名称: \"{}\"",
                quote(text, 40)
            ));
        }
        if GENERIC.contains(&b.as_str()) {
            return fail(format!(
                "结果名称过于笼统，缺少办理结果的法定规范化名称: \"{}\"",
                quote(text, 40)
            ));
        }
        Verdict::pass()
    }
}
