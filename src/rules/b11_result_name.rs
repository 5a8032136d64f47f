//! B11 结果名称 — whether there is a result, and if so its proper name.

use super::general_text::{says_no, starts_with_pointer};
use super::{CheckContext, Reads, Rule, RuleMeta, Verdict, Violation, declare_rule};
use crate::model::text::{PLACEHOLDERS, quote};
use crate::model::{Item, ItemField};

declare_rule! {
    /// ## 检查内容 (What it checks)
    /// 结果名称要写明有没有办理结果；有的，要写出结果的法定规范化名称（如「食品经营许可证」
    /// 「准予行政许可决定书」）。为空、`/`、`见附件`、`详见…`、`参见…`、`暂无`，或只写了笼统的
    /// 「办理结果」「审批结果」「批文」「批复文件」「审批文件」「结果文书」「证书」「相关证明」「出具相关证明」
    /// 「相关批复」，或只写了「审核意见」「审批意见」「审查意见」「处理意见」（同「审核结果」，说的是哪个
    /// 环节的意见，不是结果文书的名称）的不通过；写出文书全称的意见（「建设工程消防设计审查意见书」
    /// 「建设项目环境影响报告表审批意见」「出具审查意见书」）通过；只写了「有」「是」的不通过；只写了决定或通知（「同意」「准予」「准予许可」
    /// 「不予许可」「予以登记」「同意备案」「核准」「备案」「受理」「许可」「审核通过」「办结」「通知书」，
    /// 「登记成功」「参保成功」，给付事项只写「发放」「给付」「按月发放」）而不是结果文书
    /// 名称的，也不通过。以决定命名的文书（「准予行政许可决定书」「不予许可决定书」「核准通知书」
    /// 「备案通知书」「关于…的批复」）通过；「办结通知」「办结通知书」是公共服务常见的结果文书，通过。
    /// 判定口径：`无`、`无结果`、`无审批结果`、`不涉及` 是明确写了没有结果，通过（此时 B12 不考核）；
    /// 后面带括号或逗号的说明不改变回答（`无（备案后不出具结果文书）`、`无，办结后系统更新状态`、
    /// `无结果（查阅类服务）` 都是「无」）。
    /// 「许可证」「批准文件」是《行政许可法》第三十九条所列证件种类的名称，「登记证明」「许可决定」
    /// 可能是规范名称的简写，从宽通过。以「见」开头的，只有「见」后面指向别处（`见附件`、`见上`、
    /// `见下表`、`见办事指南`、`见《…》第…条`、`见官网`）才算占位内容；「见」是词头的
    /// （`见义勇为人员奖励决定书`、`见习证明`）是结果名称，照常检查。
    ///
    /// ## 依据 (Why it matters)
    /// 附录「结果名称」：明确有无结果名称。如有，需明确办理结果的法定规范化名称。
    ///
    /// ## 示例 (Example)
    /// 不通过：空、`/`、`详见办事指南`、`审批结果`、`审核意见`、`相关证件`、`准予许可`、`核准`、`出具相关证明`。
    /// 通过：`食品经营许可证`、`准予行政许可决定书`、`核准通知书`、`见义勇为人员奖励决定书`、`无`。
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
    // An opinion by its stage, as generic as 审核结果: which document records it? (h33)
    "意见",
    "审核意见",
    "审批意见",
    "审查意见",
    "处理意见",
    "办理意见",
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
    "是",
    // Generic names of a document: which 批复, which 文件?
    "文件",
    "相关文件",
    "批复文件",
    "审批文件",
    "结果文书",
    "审批文书",
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
    // A 给付 item's act, not what the applicant receives (城乡居民养老保险待遇, 补助金).
    "发放",
    "给付",
];

/// Words that only qualify a decision or a generic name (「准予」许可, 「出具相关」证明): with
/// [`DECISION_ACTS`] or a [`GENERIC`] name after them and nothing else, the text names no document.
const QUALIFIERS: &[&str] = &[
    "准予",
    "不予",
    "予以",
    "同意",
    "不同意",
    "已",
    "行政",
    "出具",
    "相关",
    "有关",
    // How often or when a 给付 is paid (「按月」发放): the act still, not what is received.
    "按月",
    "按季",
    "按季度",
    "按年",
    "每月",
    "按时",
    "定期",
    "一次性",
];

/// Acts a decision grants or refuses (准予「许可」, 同意「备案」): a text made only of these and
/// [`QUALIFIERS`] is a decision, not the name of the document that records it (准予许可 fails,
/// 准予行政许可决定书 and 备案通知书 pass).
const DECISION_ACTS: &[&str] = &[
    "许可", "登记", "备案", "核准", "受理", "批准", "审批", "审核", "变更", "注销", "延续",
    // 审核「通过」: the decision, as 准予 is; 登记「成功」, 「参保」成功, 「办理」成功: the state
    // the application ends in.
    "通过", "成功", "参保", "办理",
];

/// What may join two decisions in one cell (准予许可「或」不予许可).
const JOINERS: &[&str] = &["、", "/", "或者", "或", "和", "及", "与"];

/// Whether `b` (a [`bare`] text) is only a decision (准予许可, 同意备案, 核准, 准予许可或不予许可),
/// or a generic name behind qualifiers (出具相关证明, 相关批复); a document name (…书, …证,
/// 《关于…的批复》) always has a word outside these lists and passes.
fn only_decision_or_generic(b: &str) -> bool {
    let mut rest = b;
    let mut acts = false;
    while !rest.is_empty() {
        if let Some(r) = strip_any(rest, QUALIFIERS) {
            // 出具「相关证明」: a generic name after the qualifiers ends the text.
            if GENERIC.contains(&r) {
                return true;
            }
            rest = r;
        } else if let Some(r) = strip_any(rest, DECISION_ACTS) {
            acts = true;
            rest = r;
        } else if let Some(r) = strip_any(rest, JOINERS).filter(|_| acts) {
            rest = r;
        } else {
            return false;
        }
    }
    acts
}

/// `s` without the first word of `words` it starts with (the longest, so 不同意 is not 不予…).
fn strip_any<'a>(s: &'a str, words: &[&str]) -> Option<&'a str> {
    words
        .iter()
        .filter(|w| s.starts_with(**w))
        .max_by_key(|w| w.len())
        .map(|w| &s[w.len()..])
}

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

/// What a result is called in a "no" (`无结果`, `无审批结果`, `无结果文书`, [`says_no`]).
const RESULT_NOUNS: &[&str] = &["结果", "结果文书", "结果名称"];

/// Whether a result-name text says there is no result: one of [`NO_RESULT`] (`无`, `无结果`), or
/// a "no" with a note after it, which does not change the answer (`无（备案后不出具结果文书）`,
/// `无，办结后系统更新状态`, `无结果（查阅类服务）`, [`says_no`]). B12 reads it too: no result, no
/// sample to ask for.
pub(super) fn says_no_result(text: &str) -> bool {
    says_no(text, RESULT_NOUNS) || NO_RESULT.contains(&bare(text).as_str())
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
        if says_no(text, RESULT_NOUNS) || NO_RESULT.contains(&b.as_str()) {
            return Verdict::pass();
        }
        // 无 already passed above: what is left of the placeholders hides the name.
        if PLACEHOLDERS.contains(&b.as_str())
            || b.starts_with("详见")
            || b.starts_with("参见")
            || starts_with_pointer(&b)
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
        if only_decision_or_generic(&b) {
            return fail(format!(
                "结果名称只写了审批决定或笼统说法，不是办理结果文书的法定规范化名称: \"{}\"",
                quote(text, 40)
            ));
        }
        Verdict::pass()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn messages(result_name: &str) -> Vec<String> {
        let item = Item {
            name: "食品经营许可".into(),
            result_name: result_name.into(),
            ..Item::default()
        };
        match ResultName.check(&item, &CheckContext::default()) {
            Verdict::Checked(v) => v.into_iter().map(|v| v.message).collect(),
            Verdict::NotApplicable => Vec::new(),
        }
    }

    #[test]
    fn a_bare_decision_or_generic_name_is_not_a_result_name() {
        for text in [
            "准予许可",
            "不予许可",
            "予以登记",
            "核准",
            "备案",
            "受理",
            "许可",
            "同意备案",
            // h32: the act of paying, or the state the application ends in.
            "按月发放",
            "一次性给付",
            "参保成功",
            "登记成功",
            "办理成功",
            "不予受理",
            "准予变更登记",
            "行政许可",
            "准予许可/不予许可",
            "准予许可或者不予许可",
            "准予许可、不予许可",
            "出具相关证明",
            "出具证明",
            "相关批复",
            "有关批复",
            // h5
            "审核通过",
            "审批通过",
            // h33
            "出具审核意见",
            "相关意见",
        ] {
            let m = messages(text);
            assert!(
                m.iter().any(|m| m.contains("只写了审批决定或笼统说法")
                    && m.contains(&format!("\"{text}\""))),
                "B11 should fail {text:?} as a decision or generic name, got {m:?}"
            );
        }
        for text in [
            "是",
            "批复文件",
            "审批文件",
            "结果文书",
            "文件",
            "发放",
            "给付",
            // h33: an opinion by its stage names no document.
            "审核意见",
            "审批意见",
            "审查意见",
            "处理意见",
            "意见",
            "审核意见。",
        ] {
            let m = messages(text);
            assert!(
                m.iter().any(|m| m.contains("过于笼统")),
                "B11 should fail {text:?} as too generic, got {m:?}"
            );
        }
    }

    #[test]
    fn a_document_named_after_its_decision_still_passes() {
        for text in [
            "准予行政许可决定书",
            "不予许可决定书",
            "准予行政许可决定书或不予行政许可决定书",
            "核准通知书",
            "备案通知书",
            "准予登记通知书",
            "准予变更登记通知书",
            "受理通知书",
            "中华人民共和国食品经营许可证",
            "食品经营许可证/不予许可决定书",
            "关于同意池州市某某项目的批复",
            "池州市发展和改革委员会关于某某项目核准的批复",
            "使用林地审核同意书",
            "审核通过通知书",
            "发放补助金",
            "城乡居民养老保险待遇给付",
            "高龄津贴按月发放",
            "办理结果通知书",
            "参保登记成功通知书",
            "办结通知单",
            "登记证书",
            "《烟草专卖零售许可证》",
            "无（备案类事项）",
            // Kept passing on purpose: 许可证 and 批准文件 are the 行政许可法 (第三十九条) names
            // of the kinds of licence; 登记证明 and 许可决定 may be the shortened real name.
            "许可证",
            "批准文件",
            "登记证明",
            "许可决定",
            "审批表",
            "结果通知",
            // h33: opinions named in full are result names.
            "建设工程消防设计审查意见书",
            "特殊建设工程消防设计审查意见书",
            "建设项目环境影响报告表审批意见",
            "关于某某项目环境影响报告书的审批意见",
            "审查意见书",
            "出具审查意见书",
            "审核意见表",
            "初步设计审查意见",
        ] {
            let m = messages(text);
            assert!(m.is_empty(), "B11 should pass {text:?}, got {m:?}");
        }
    }
}
