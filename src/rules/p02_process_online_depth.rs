//! P02 办理流程与网办深度关联度 — the process text agrees with the declared online depth.

use super::general_text::first_listed_word;
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
    /// （「窗口受理岗」是岗位名，不是到现场的要求）。
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
    /// 通过：网办深度 `三级`，第一个环节「网上申请：申请人登录安徽政务服务网在线提交申请材料」。
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
                if let Some(w) =
                    first_listed_word(&text, &p.onsite_visit_words, &p.onsite_negation_words)
                {
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
