//! B02 数量限制 — the item must say whether the number of approvals is limited, and how.

use super::general_text::{NonAnswers, is_referral, says_no, starts_with_pointer};
use super::{CheckContext, Reads, Rule, RuleMeta, Verdict, Violation, declare_rule};
use crate::model::text::{PLACEHOLDERS, quote, to_halfwidth};
use crate::model::{Item, ItemField};

declare_rule! {
    /// ## 检查内容 (What it checks)
    /// 数量限制必须写明「有」或「无」。写「有」的，必须在数量限制或数量限制说明中写出具体限制
    /// （如「每年新增出租汽车经营权不超过50个」）。
    /// 判定口径：`无`、`否`、`没有`、`无数量限制`、`无限额`、`不限`、`不涉及` 及是否代码 `0` 都算写明了「无」
    /// （这里「无」是答案，不是占位符），代码 `1` 算「有」；「无」「否」后面括号里或逗号后的说明
    /// 不改变回答（`无（不限）`、`否（不限）`、`无，不限`、`无（符合条件均可申请）` 都是「无」）；
    /// 没写有/无但直接描述了限制（含「不超过」「限…」「名额」「最多」等）视为「有」并已说明；
    /// `/`、`详见附件`、`暂无` 等占位符和只写「有」而没有说明的都不通过；只指向别处的短语
    /// （`有（详见说明）`、说明栏写 `见附件`、`见上`、`见《…》第…条`、`参见相关文件`、`按照相关规定执行`）
    /// 不是说明，同样不通过；「见」是词头的（`见习岗位每年不超过50个`）是说明，不是指向别处。
    ///
    /// ## 依据 (Why it matters)
    /// 附录「数量限制」：明确标注该事项有无数量限制。
    ///
    /// ## 示例 (Example)
    /// 不通过：空、`/`、`有`（无说明）、`有（详见说明）`（说明栏为空）、`有`＋说明`按照相关规定执行`、
    /// `详见相关规定`。
    /// 通过：`无`、`无（不限）`、`有`＋说明`本市出租汽车经营权总量不超过1200辆`。
    ///
    /// ## 整改方法 (How to fix)
    /// 无数量限制的填「无」；有数量限制的填「有」，并在数量限制说明中写出限制的具体内容和依据。
    pub struct QuantityLimit {
        id: "B02",
        name: "quantity-limit",
        element: "数量限制",
        category: Basic,
        severity: Error,
        fix: "无数量限制的填「无」；有数量限制的填「有」并写明具体限制内容",
    }
}

const NONE_WORDS: &[&str] = &[
    "无",
    "否",
    "没有",
    "不限",
    "无限制",
    "无数量限制",
    "不限制",
    "不限量",
    "不涉及",
    "0",
];
/// What a limit is called in a "no" (`无数量限制`, `无限额`, `没有人数限制`, [`says_no`]).
const LIMIT_NOUNS: &[&str] = &["限制", "限额", "限量"];
const YES_WORDS: &[&str] = &["有", "是", "有数量限制", "有限制", "存在数量限制", "1"];
const LIMIT_HINTS: &[&str] = &[
    "不超过",
    "不得超过",
    "名额",
    "最多",
    "限",
    "每年",
    "每人",
    "总量",
    "额度",
    "指标",
];

fn bare(s: &str) -> String {
    to_halfwidth(s)
        .chars()
        .filter(|c| !c.is_whitespace() && !"。.,，;；:：、()（）【】[]".contains(*c))
        .collect()
}

/// How a short note points elsewhere instead of describing (`参见文件`, `请见说明`); a bare 见 only
/// before where to look (`见附件`, [`starts_with_pointer`]), not in 见习 or 见义勇为.
const POINTERS: &[&str] = &["参见", "具体见", "详情见", "请见", "请参见"];

/// A description that says something: not empty, not a placeholder, not only 有/无, not a
/// pointer to somewhere else (`详见说明`), and not only a referral to the rules
/// (`按照相关规定执行`, `以实际情况为准`: the configured non-answer phrases, as Q01 reads them) unless
/// it also holds a number or a word of a limit (`按相关规定，每户限申请一套`).
fn describes(s: &str, non_answers: &NonAnswers) -> bool {
    let b = bare(s);
    let chars = b.chars().count();
    !b.is_empty()
        && !PLACEHOLDERS.contains(&b.as_str())
        && !YES_WORDS.contains(&b.as_str())
        && !NONE_WORDS.contains(&b.as_str())
        && chars >= 4
        && !is_referral(&b)
        && !(chars <= 12 && (POINTERS.iter().any(|p| b.starts_with(p)) || starts_with_pointer(&b)))
        && !(non_answers.matches(&b)
            && !b.chars().any(|c| c.is_ascii_digit())
            && !LIMIT_HINTS.iter().any(|w| b.contains(w)))
}

impl Rule for QuantityLimit {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn reads(&self) -> Option<Reads> {
        Some(Reads::fields(&[
            ItemField::QuantityLimit,
            ItemField::QuantityLimitDesc,
        ]))
    }

    fn check(&self, item: &Item, ctx: &CheckContext) -> Verdict {
        let text = item.quantity_limit.trim();
        let desc = item.quantity_limit_desc.trim();
        let b = bare(text);
        let fail = |m: String| Verdict::Checked(vec![Violation::new(m, text)]);
        let non_answers = &ctx.prepared().faq_process.non_answers;
        let describes = |s: &str| describes(s, non_answers);
        if b.is_empty() {
            if describes(desc) {
                // Only the description column is filled: it states the limit itself.
                return Verdict::pass();
            }
            return fail("数量限制为空，未说明有无数量限制".to_owned());
        }
        // `无（不限）`, `否，不限`: the answer comes first, a note after it does not change it.
        if says_no(text, LIMIT_NOUNS)
            || NONE_WORDS.contains(&b.as_str())
            || b.starts_with("无数量限制")
            || b.starts_with("不限")
        {
            return Verdict::pass();
        }
        let says_yes =
            YES_WORDS.iter().any(|w| b.starts_with(w)) || LIMIT_HINTS.iter().any(|w| b.contains(w));
        if !says_yes {
            return fail(format!(
                "数量限制未说明有无数量限制: \"{}\"",
                quote(text, 40)
            ));
        }
        let own_desc = YES_WORDS
            .iter()
            .filter(|w| b.starts_with(*w))
            .map(|w| &b[w.len()..])
            .min_by_key(|r| r.len())
            .unwrap_or(&b);
        if describes(own_desc) || describes(desc) {
            Verdict::pass()
        } else {
            let shown = if desc.is_empty() {
                format!("\"{}\"", quote(text, 40))
            } else {
                format!("\"{}\"（说明: \"{}\"）", quote(text, 40), quote(desc, 40))
            };
            Verdict::Checked(vec![Violation::new(
                format!("数量限制标注为有，但缺少限制的具体说明: {shown}"),
                text,
            )])
        }
    }
}
