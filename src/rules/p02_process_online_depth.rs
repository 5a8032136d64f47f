//! P02 办理流程与网办深度关联度 — the process text agrees with the declared online depth.

use super::general_text::mask_phrases;
use super::process::online_depth;
use super::{CheckContext, Reads, Rule, RuleMeta, Verdict, Violation, declare_rule};
use crate::model::text::quote;
use crate::model::{Item, ItemField};

declare_rule! {
    /// ## 检查内容 (What it checks)
    /// 网办深度为三级或四级（Ⅲ级、Ⅳ级、全程网办）时，办理流程中必须有网上提交申请的环节
    /// （环节名称或岗位职责含网上申请、在线提交、网上申报、网上预审等，词表见配置
    /// `[check] online_submission_words`）；网办深度为四级时，任何环节都不得要求申请人到现场
    /// （到现场、到窗口、窗口提交、现场领取、携带材料…，词表 `onsite_visit_words`；「无需到现场」
    /// 等否定说法和「到现场核查」「到现场踏勘」等工作人员到现场的说法先排除，见
    /// `onsite_negation_words`）。只看环节名称和岗位职责，不看办理人
    /// （「窗口受理岗」是岗位名，不是到现场的要求）。只有「要求」到现场才不通过：到现场的说法所在
    /// 分句（以逗号、句号、分号、冒号、括号分隔）给了申请人选择的不算——含「也可」「亦可」「可选择」
    /// 「自愿」「如需」等，或用「或」「或者」与邮寄、快递、在线、网上等不到现场的方式并列
    /// （「申请人可选择窗口领取或免费邮寄送达」「在线提交申请材料或到窗口提交」「结果可邮寄，也可
    /// 自行到窗口领取」）；「申请人须到窗口领取」仍不通过。
    /// 网办深度为一级、二级或无法识别时不涉及（n/a，网办深度本身的取值由 B08 检查；只有数字代码的不猜，
    /// 因为各平台编号不同，有的 1 表示全程网办）；没有办理
    /// 环节时不涉及（由 P01 报告）。
    ///
    /// ## 依据 (Why it matters)
    /// 附录「办理流程与网办深度关联度」：事项提供的办理流程文字描述是否与网办深度关联。
    ///
    /// ## 示例 (Example)
    /// 不通过：网办深度 `四级`，环节为 受理、审查、决定，没有网上申请；网办深度 `四级`，受理环节写
    /// 「申请人携带材料到窗口提交」。
    /// 通过：网办深度 `三级`，第一个环节「网上申请：申请人登录安徽政务服务网在线提交申请材料」；
    /// 网办深度 `四级`，办结环节「制作电子证照，申请人可选择窗口领取或免费邮寄送达」。
    ///
    /// ## 整改方法 (How to fix)
    /// 按实际网办深度描述流程：三级、四级写明网上申请环节；四级（全程网办）删除到现场的要求，
    /// 改为在线提交、电子证照或快递送达；确需到现场的，如实降低网办深度。
    pub struct ProcessOnlineDepth {
        id: "P02",
        name: "process-online-depth",
        element: "办理流程与网办深度关联度",
        category: Process,
        severity: Error,
        fix: "三级/四级网办深度的流程写明网上申请环节，四级流程不得要求到现场",
    }
}

impl Rule for ProcessOnlineDepth {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn reads(&self) -> Option<Reads> {
        Some(Reads::fields(&[ItemField::OnlineDepth]).and(Reads::STEPS))
    }

    fn check(&self, item: &Item, ctx: &CheckContext) -> Verdict {
        let Some(depth) = online_depth(&item.online_depth).filter(|&d| d >= 3) else {
            return Verdict::NotApplicable;
        };
        if item.steps.is_empty() {
            return Verdict::NotApplicable;
        }
        let p = &ctx.params;
        let prepared = &ctx.prepared().faq_process;
        let depth_text = item.online_depth.trim();
        let mut out = Vec::new();
        // `名称 岗位职责` of each step, written into one buffer (not one string per step).
        let mut text = String::new();
        let step_text = |s: &crate::model::Step, text: &mut String| {
            text.clear();
            text.push_str(s.name.trim());
            text.push(' ');
            text.push_str(s.duties.trim());
        };
        if !item.steps.iter().any(|s| {
            step_text(s, &mut text);
            prepared.online_submission.is_match(&text)
        }) {
            let names: Vec<&str> = item.steps.iter().map(|s| s.name.trim()).collect();
            out.push(Violation::new(
                format!(
                    "网办深度为「{depth_text}」，但办理流程中没有网上申请（在线提交）环节: \"{}\"",
                    quote(&names.join("→"), 60)
                ),
                depth_text,
            ));
        }
        if depth == 4 {
            for s in &item.steps {
                step_text(s, &mut text);
                // Most steps name no visit at all: only those are searched with the negations
                // masked.
                if prepared
                    .onsite_visit
                    .as_ref()
                    .is_some_and(|m| !m.is_match(&text))
                {
                    continue;
                }
                let required = |t: &str| {
                    required_visit(t.trim(), &p.onsite_visit_words, &p.onsite_negation_words)
                };
                if let Some(w) = required(&s.name).or_else(|| required(&s.duties)) {
                    let name = s.name.trim();
                    out.push(
                        Violation::new(
                            format!(
                                "网办深度为「{depth_text}」，但环节「{name}」要求到现场（{w}）: \"{}\"",
                                quote(&text, 60)
                            ),
                            text.clone(),
                        )
                        .target(format!("环节「{name}」"))
                        .at(&s.provenance),
                    );
                }
            }
        }
        Verdict::Checked(out)
    }
}

/// Words that make the clause holding a visit an option the applicant may take, not a
/// requirement (`也可到窗口领取`, `申请人可选择窗口领取…`, `如需纸质证照…`).
const CHOICE_WORDS: &[&str] = &[
    "也可",
    "亦可",
    "也能",
    "可选择",
    "可自行选择",
    "自主选择",
    "任选",
    "自愿",
    "如需",
    "如有需要",
];

/// Words of a condition that makes the clause after it a choice (`如需纸质证照，可到窗口领取`).
const CONDITION_WORDS: &[&str] = &["如需", "如有需要", "若需", "需要纸质"];

/// Ways that need no visit: a visit joined to one of them by `或` is a choice
/// (`在线提交申请材料或到窗口提交`, `窗口领取或免费邮寄送达`).
const REMOTE_WAYS: &[&str] = &[
    "邮寄",
    "快递",
    "寄递",
    "寄送",
    "在线",
    "网上",
    "线上",
    "网络",
    "电子证照",
    "自助",
    "APP",
    "App",
    "app",
    "小程序",
    "皖事通",
];

/// Characters that end a clause (分句): a choice is read within the clause of the visit.
fn is_clause_end(c: char) -> bool {
    matches!(
        c,
        '，' | ','
            | '。'
            | '；'
            | ';'
            | '：'
            | ':'
            | '（'
            | '）'
            | '('
            | ')'
            | '！'
            | '!'
            | '？'
            | '?'
            | '\n'
            | '\r'
    )
}

/// Whether a clause holding a visit offers it as one choice among others.
fn offers_choice(clause: &str) -> bool {
    CHOICE_WORDS.iter().any(|w| clause.contains(w))
        || (clause.contains('或') && REMOTE_WAYS.iter().any(|w| clause.contains(w)))
}

/// The first of `words` (in list order) that a clause of `text` requires, once the `negations`
/// are masked: a clause that offers the visit as a choice ([`offers_choice`]) requires nothing.
/// Only called for a text that holds a visit word (the way to a finding).
fn required_visit<'w>(text: &str, words: &'w [String], negations: &[String]) -> Option<&'w str> {
    let masked = mask_phrases(text, negations);
    // A clause after a condition (`如需纸质证照，可到窗口领取`) is a choice too.
    let mut after_condition = false;
    masked
        .split(is_clause_end)
        .filter(|clause| {
            let optional = after_condition || offers_choice(clause);
            after_condition = CONDITION_WORDS.iter().any(|w| clause.contains(w));
            !optional
        })
        .find_map(|clause| {
            words
                .iter()
                .find(|w| !w.is_empty() && clause.contains(w.as_str()))
                .map(String::as_str)
        })
}

#[cfg(test)]
mod tests {
    use super::required_visit;
    use crate::rules::RuleParams;

    fn required(text: &str) -> Option<&'static str> {
        let p = Box::leak(Box::new(RuleParams::default()));
        required_visit(text, &p.onsite_visit_words, &p.onsite_negation_words)
    }

    #[test]
    fn a_visit_offered_as_a_choice_is_not_required() {
        for t in [
            "制作电子证照，申请人可选择窗口领取或免费邮寄送达",
            "申请人通过网上提交申请（也可到政务服务中心窗口现场提交）",
            "结果可邮寄，也可自行到窗口领取",
            "申请人通过安徽政务服务网池州分厅在线提交申请材料或到窗口提交，受理人员对材料进行预审",
            "如需纸质证照，可到窗口领取",
            "申请人自愿到现场办理的，当场受理",
            "无需到现场，全程网上办理",
        ] {
            assert_eq!(required(t), None, "{t}");
        }
    }

    #[test]
    fn a_required_visit_is_found() {
        for (t, w) in [
            ("申请人须到窗口领取", "到窗口"),
            ("结果可邮寄，但申请人须携带身份证到窗口签字", "到窗口"),
            ("申请人携带身份证或营业执照到窗口提交", "到窗口"),
            ("网上提交后，申请人到窗口现场核验原件", "到窗口"),
            ("申请人可选择邮寄送达；领取时须现场签字", "现场签字"),
            ("网上提交申请，受理时现场核验原件", "现场核验原件"),
        ] {
            assert_eq!(required(t), Some(w), "{t}");
        }
    }
}
