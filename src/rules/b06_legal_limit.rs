//! B06 法定办结时限 — the statutory time limit must be stated and readable.

use super::{CheckContext, Reads, Rule, RuleMeta, Verdict, Violation, declare_rule};
use crate::model::text::{is_blank_or_placeholder, quote, to_halfwidth};
use crate::model::time_limit::{ParsedLimit, TimeLimit, parse_time_limit, range_upper};
use crate::model::{Item, ItemField};

declare_rule! {
    /// ## 检查内容 (What it checks)
    /// 法定办结时限不得为空，必须是可读的时限：`20个工作日`、`30日`、`3个月`、`2小时`、`30分钟`、
    /// `即时办结`/`即办`/`当场办结`/`实时办结`（整栏只写实时、实时办结、实时到账的即即时；括号里或带数字的长文本中的「实时」、「非实时」不算），数字与单位分两栏发布（`20` ＋ `工作日`）、全角数字、大写数字
    /// （`贰拾个工作日`）也认。括号里只对部分情形当场办理的说明不改变时限：`20个工作日（能够当场
    /// 作出决定的，应当当场作出）` 是 20 个工作日。
    /// 法律法规没有规定时限的，写「无法定时限」并说明原因（写在本栏括号里或「法定办结时限说明」中）；
    /// 写「不涉及」「不涉及法定时限」的与「无法定时限」同样读，也要说明原因，且须写明没有时限的
    /// 缘由（`法律法规未规定`、`相关规定未设定法定办结时限`、引用法规名称）；说明只重复「不涉及」
    /// 「不适用」「无法定时限」或只写「详见办事指南」「见设定依据」的，不算说明原因；
    /// 「无」后在本栏写明原因的（`无（法律法规未规定）`、`无，法律法规未规定办理时限`）和
    /// 直接写原因的（`法律法规未规定办理时限`）同样认。
    /// 判定口径：只写「无」或「无法定时限」而不说明原因的不通过（看不出是没有规定还是没有填写）；
    /// 只有数字没有单位的不通过；写成区间的（`3-5个工作日`、`3-5天`、`三至五个工作日`）不是明确的期限，不通过，提示写上限。
    ///
    /// ## 依据 (Why it matters)
    /// 附录「法定办结时限」：明确标注该事项的法定办结期限。
    ///
    /// ## 示例 (Example)
    /// 不通过：空、`/`、`按规定时限`、`20`（无单位）、`无`（未说明原因）、`10-20个工作日`（区间）。
    /// 通过：`20个工作日`、`３０日`、`30分钟`、`无法定时限（《xx条例》未规定办理期限）`、
    /// `无（法律法规未规定）`。
    ///
    /// ## 整改方法 (How to fix)
    /// 按设定依据写明法定期限及单位，如「20个工作日」；没有法定期限的写「无法定时限」并注明原因。
    pub struct LegalLimit {
        id: "B06",
        name: "legal-limit",
        element: "法定办结时限",
        category: Basic,
        severity: Error,
        fix: "按设定依据写明法定期限和单位（如 20个工作日）；无法定期限的写明「无法定时限」及原因",
    }
}

/// The phrases that say there is no statutory limit, longest first: what is left of a cell
/// without them may be its reason.
const NO_LIMIT_PHRASES: &[&str] = &[
    "不涉及法定办结时限",
    "不涉及法定时限",
    "不涉及法定期限",
    "不涉及",
    "无法定办结时限",
    "无法定时限",
    "无法定期限",
    "没有法定时限",
    "无",
];

/// `text` in half-width forms without spaces and the punctuation around a note.
fn compact(text: &str) -> String {
    to_halfwidth(text)
        .chars()
        .filter(|c| !c.is_whitespace() && !"()（）,，。;；:：、".contains(*c))
        .collect()
}

/// Whether a compacted text only restates that there is none or points elsewhere, so gives no
/// reason: `不涉及`, `不适用`, `否`, `无法定时限`, `详见办事指南`, `见设定依据`.
fn restates(t: &str) -> bool {
    let rest = NO_LIMIT_PHRASES
        .iter()
        .fold(t.to_owned(), |acc, w| acc.replacen(w, "", 1));
    rest.is_empty()
        || matches!(
            rest.as_str(),
            "不适用" | "无此项" | "否" | "即办" | "按规定" | "同上"
        )
        || ["详见", "见", "参见", "参照", "按照", "依据"]
            .iter()
            .any(|w| rest.starts_with(w) && !rest.contains('未') && !rest.contains('《'))
}

/// Whether a text names why there is no statutory limit: what the law leaves unset
/// (`法律法规未规定`, `相关规定未设定法定办结时限`, `没有明确规定`), or a law by name.
fn names_reason(t: &str) -> bool {
    t.contains('《')
        || [
            "未规定",
            "未设定",
            "未明确",
            "未作规定",
            "未作出规定",
            "未对",
            "未设",
            "没有规定",
            "没有明确",
            "无规定",
            "无明确",
            "不设",
        ]
        .iter()
        .any(|w| t.contains(w))
}

/// Whether a 无法定时限 text carries its own reason (more than the bare phrase, and more than a
/// pointer elsewhere), or its note does. A 不涉及 must name the reason ([`names_reason`]): the
/// word says nothing of why by itself.
fn has_reason(text: &str, note: &str, not_applicable: bool) -> bool {
    let (t, n) = (compact(text), compact(note));
    if not_applicable {
        return names_reason(&t) || names_reason(&n);
    }
    let stripped = NO_LIMIT_PHRASES
        .iter()
        .fold(t.clone(), |acc, w| acc.replacen(w, "", 1));
    (stripped.chars().count() >= 4 && !restates(&t))
        || (!is_blank_or_placeholder(note) && !restates(&n))
}

/// Whether the cell says 「不涉及」 of the statutory limit, as some platforms write 无法定时限:
/// `不涉及`, `不涉及法定时限`, `不涉及（法律法规未规定）`. Read like 无法定时限: it needs its reason.
fn not_applicable(text: &str) -> bool {
    let t: String = to_halfwidth(text)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    t.strip_prefix("不涉及").is_some_and(|rest| {
        let rest = ["法定办结时限", "法定时限", "法定期限"]
            .iter()
            .find_map(|w| rest.strip_prefix(w))
            .unwrap_or(rest);
        rest.is_empty() || rest.starts_with(['(', ',', ';', ':', '、', '。', '，', '；', '：'])
    })
}

impl Rule for LegalLimit {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn reads(&self) -> Option<Reads> {
        Some(Reads::fields(&[
            ItemField::LegalLimit,
            ItemField::LegalLimitUnit,
            ItemField::LegalLimitNote,
        ]))
    }

    fn check(&self, item: &Item, _ctx: &CheckContext) -> Verdict {
        let text = item.legal_limit.trim();
        let shown = format!("{text}{}", item.legal_limit_unit.trim());
        let fail = |m: String| Verdict::Checked(vec![Violation::new(m, text)]);
        if text.is_empty() {
            return fail("法定办结时限为空".to_owned());
        }
        // 「不涉及（即办）」 is 即办: only a text that reads as no limit at all is 不涉及.
        let mut parsed = parse_time_limit(text, &item.legal_limit_unit);
        let not_applicable =
            matches!(parsed, ParsedLimit::Empty | ParsedLimit::Unreadable) && not_applicable(text);
        if not_applicable {
            parsed = ParsedLimit::Limit(TimeLimit::NoLimit);
        }
        match parsed {
            ParsedLimit::Limit(TimeLimit::NoLimit) => {
                if has_reason(text, &item.legal_limit_note, not_applicable) {
                    Verdict::pass()
                } else {
                    fail(format!(
                        "法定办结时限写为无法定时限，但未说明原因: \"{}\"",
                        quote(text, 40)
                    ))
                }
            }
            ParsedLimit::Limit(_) => Verdict::pass(),
            ParsedLimit::Empty | ParsedLimit::Unreadable => {
                if is_blank_or_placeholder(text) {
                    fail(format!("法定办结时限未填写实际期限: \"{text}\""))
                } else if let Some(upper) = range_upper(text, &item.legal_limit_unit) {
                    Verdict::Checked(vec![
                        Violation::new(
                            format!(
                                "法定办结时限写成了区间，不是明确的期限（应按设定依据写上限，如「{upper}」）: \"{}\"",
                                quote(&shown, 40)
                            ),
                            text,
                        )
                        .suggest(format!(
                            "区间不是明确的期限：按设定依据写明一个期限，写区间的改写为上限（如「{upper}」）"
                        )),
                    ])
                } else {
                    fail(format!(
                        "法定办结时限不是可识别的时限（应如 20个工作日、30日、即办）: \"{}\"",
                        quote(&shown, 40)
                    ))
                }
            }
        }
    }
}
