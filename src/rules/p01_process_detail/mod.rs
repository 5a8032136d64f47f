//! P01 流程内容详实性 — every step names its handler, duties and time limit, and the step limits
//! from 受理 to 办结 add up to the committed limit.
//!
//! The rule and its check of each step live here; `applicant` tells the applicant's steps before
//! acceptance from the body's, `sum` compares the steps' sum with the promise, and `not_counted`
//! reads a step's note that its time is outside the promise (`10个工作日（不计入承诺办结时限）`).

mod applicant;
mod not_counted;
mod sum;
#[cfg(test)]
mod tests;

use std::borrow::Cow;

use self::applicant::{first_official, unrecognised_applicant};
use self::not_counted::{left_out_of_promise, names_the_step, not_counted};
use self::sum::sum_mismatch;
use super::general_text::is_referral;
use super::{CheckContext, Reads, Rule, RuleMeta, Verdict, Violation, declare_rule};
use crate::model::text::{is_blank_or_placeholder, quote};
use crate::model::time_limit::{
    ParsedLimit, TimeLimit, is_bare_number, parse_time_limit, range_upper,
};
use crate::model::{Item, ItemField, Step};

declare_rule! {
    /// ## 检查内容 (What it checks)
    /// 办理流程不得为空。从「受理」环节起（没有名为受理的环节时，从第一个不是申请人自己申请、
    /// 申报、预约、提交、报名、填报的环节起；办理人写申请人、申请单位或事项里申请人的角色（参保人、
    /// 缴存职工、建设单位，整栏只写本人、企业、个人、驾驶人等）的是申请人的环节，名为「申请」
    /// 「代办提交」而由代办员等岗位办理、有自己时限的，是受理方的环节，计入合计）的每个环节都必须有环节名称、办理人（人员或岗位）、岗位职责或审查
    /// 标准、办理时限，占位符（无、/、暂无）算缺失；岗位职责只重复环节名称（环节「受理」的职责写
    /// 「受理」）或只写转引（`详见办事指南`、`见办事指南`）的不算写明，不通过；受理之前的申请类
    /// 环节是申请人的动作，只要求名称。环节时限是数字、单位另写一栏（`1` ＋ 时限单位 `工作日`）或
    /// 写在表头（`环节时限（工作日）`）的，按该单位读；只有数字、哪里都没有单位的，不通过并提示
    /// 缺少单位；环节时限无法识别的不通过；写成区间的（`1-2个工作日`、
    /// `3-5天`）不是明确的期限，也不通过，提示写上限。没有受理环节、第一个环节缺少时限而写了办理人
    /// 的，提示办理人未识别为申请人。
    /// 从受理到办结（名为「办结」的最后一个环节；没有时到最后一个环节）的环节时限合计必须等于承诺
    /// 办结时限：即办、即时办结、当场办结、立即、实时的环节计 0（「实时」只在整栏就是`实时`、
    /// `实时办结`、`实时到账`时算；`3个工作日（实时结算）`、`非实时，3个工作日`按 3 个工作日算），
    /// 分钟和小时换算后相加，大写数字（`贰个工作日`）照读；承诺以工作日计、环节以分钟或小时计而
    /// 超过一个工作日的（`受理 2400分钟`，带千位分隔符的 `2,400分钟` 照读），按每个工作日 8 小时（480 分钟）折算（24 小时的整数倍，如 `24小时`、`48小时`、`4320分钟`，按天计），折算只是约数，
    /// 合计超过承诺办结时限时才不通过（`共7200分钟（约15个工作日）`，承诺 5 个工作日）；括号里只对部分情形当场办理的说明（`2个工作日（能当场作出决定的，
    /// 当场作出）`、`1个工作日（符合条件的即时受理）`）不改变环节时限，按 2 个、1 个工作日算；
    /// 承诺即办的，各环节以分钟、小时计、合计不超过一个工作日（8 小时）也算一致（`受理 10分钟 + 办结
    /// 20分钟`）；承诺以分钟、小时计、不超过一个工作日（`10分钟`、`2小时`）而有环节以工作日计的，
    /// 按工作日相加比较（承诺 `10分钟`、环节合计 5 个工作日，不一致）；`随到随办`、`随来随办`、
    /// `立等可取` 旁边只写分钟、小时或只对部分情形的天数（`立等可取（复杂情形5个工作日）`）时读作即办，
    /// 旁边写明天数的按天数读（`3个工作日（立等可取）`）；时限单位不同（工作日与自然日混用）无法相加时不判合计；承诺办结时限为空或无法识别时不判合计
    /// （由 B07 报告），合计不一致时也说明受理前哪些申请人的环节不计入。环节时限注明本环节不计入
    /// 承诺办结时限的（《行政许可法》第四十五条不计入期限的听证、检验、检测、鉴定、专家评审等，以及
    /// 公示、告知承诺的事后核查：`10个工作日（不计入承诺办结时限）`、`不计入办理时限（一般不超过
    /// 10日）`、公示环节 `5个工作日（公示期不计入办理时限）`、`另计`）不计入合计，合计不一致时写明
    /// （连同这些环节一起合计等于承诺办结时限的，也算一致）；
    /// 注明的可以是本环节的简称（残疾评定环节 `10个工作日（评残时间不计入）`），「不计入」的
    /// 也可以按种类称呼时限（`5日（体检时间不计入认定时限）`、不计入审批时限、审核期限）；
    /// 承诺办结时限本身注明不含某项工作的（`15个工作日（残疾评定时间除外）`、`3个工作日（不含评残
    /// 时间）`），名为该项工作的环节同样不计入合计；
    /// 这样的环节仍要写明时长，只写 `专家评审时间不计入承诺时限` 的不通过，提示写上时长。只说环节中
    /// 另一部分工作或节假日不计入的（技术审查 `15个工作日（专家评审时间不计入）`、`1个工作日（法定
    /// 节假日不计算在内）`），环节照常计入；承诺办结时限里的说明（`20个工作日（专家评审时间不
    /// 计入）`）按 20 个工作日读。各环节合计等于法定办结时限、只是承诺办结时限长于法定时限的，错的只是承诺时限
    /// 一栏，由 B07 报告，这里不再重复扣分。不一致时写明各环节时限和合计。
    ///
    /// ## 依据 (Why it matters)
    /// 附录「流程内容详实性」：事项提供的办理流程中各环节要素中内容及要点是否准确明晰。内容应包含
    /// 办理时限（从受理到办结环节的办理时限合计与承诺办结时限一致）、办理人、岗位职责等信息内容。
    ///
    /// ## 示例 (Example)
    /// 不通过：环节「审查」没有办理人；岗位职责 `详见办事指南`；环节时限 `按规定`；承诺 10 个工作日
    /// 而受理 1 + 审查 5 + 决定 2 + 办结 1 = 9 个工作日。
    /// 通过：受理（窗口受理岗，即办）+ 审查（审核岗，3个工作日）+ 决定（分管局长，1个工作日）+
    /// 办结（窗口发证岗，1个工作日），承诺 5 个工作日。
    ///
    /// ## 整改方法 (How to fix)
    /// 为每个环节填写办理人或岗位、岗位职责（审查标准）和环节时限，并使受理到办结各环节时限之和
    /// 等于承诺办结时限。
    pub struct ProcessDetail {
        id: "P01",
        name: "process-detail",
        element: "流程内容详实性",
        category: Process,
        severity: Error,
        fix: "为每个环节写明办理人（岗位）、岗位职责和环节时限，受理至办结时限之和等于承诺办结时限",
    }
}

/// Whether a step's duties only repeat its name (`受理` for the step 受理): they say nothing of
/// what the handler does. A trailing full stop is not a difference.
fn repeats_name(s: &Step) -> bool {
    let duties = s.duties.trim().trim_end_matches(['。', '.']);
    !duties.is_empty() && duties == s.name.trim()
}

/// Whether a step's duties only send the reader elsewhere (`详见办事指南`, `见办事指南`, `参见附件`,
/// [`is_referral`]). Duties that begin 参照/参考 (in accordance with) are left alone: they begin
/// real duties as often (`参照审查细则审核申请材料`, `参照相关规定审查`), and a thin duty is no
/// missing one.
fn only_refers(duties: &str) -> bool {
    const ACCORDING: &[&str] = &["参照", "参考", "请参照"];
    let d = duties.trim();
    is_referral(d) && !ACCORDING.iter().any(|w| d.starts_with(w))
}

/// What a step's duties say instead of its duties, for the finding: only a referral
/// ([`only_refers`]) or only the step's name again ([`repeats_name`]).
fn thin_duties(s: &Step) -> Option<&'static str> {
    if only_refers(&s.duties) {
        Some("只写了转引")
    } else if repeats_name(s) {
        Some("只重复了环节名称")
    } else {
        None
    }
}

fn step_label(i: usize, s: &Step) -> Cow<'_, str> {
    let name = s.name.trim();
    if name.is_empty() {
        Cow::Owned(format!("第{}个环节", i + 1))
    } else {
        Cow::Borrowed(name)
    }
}

/// The finding on a step's time limit that gives no definite amount: a range (`1-2个工作日`,
/// `3-5天`: readable, but no definite limit), a step left out of the sum that does not say how long
/// it takes (`专家评审时间不计入承诺时限`: the applicant still needs to know), or no limit at all.
fn limit_finding(label: &str, s: &Step, left_out: bool) -> Violation {
    let (why, suggestion) = match range_upper(&s.time_limit, &s.time_limit_unit) {
        Some(upper) => (
            format!("写成了区间，不是明确的期限（应写上限，如「{upper}」）"),
            None,
        ),
        None if left_out => (
            "只注明不计入承诺办结时限，没有写明这一环节需要多长时间".to_owned(),
            Some(
                "不计入承诺办结时限的环节也写明一般需要的时间，如「10个工作日（不计入承诺办结时限）」",
            ),
        ),
        // `1` with no unit in a column or the header: a number of what.
        None if is_bare_number(s.time_limit.trim()) => {
            ("只有数字，缺少单位（工作日/日）".to_owned(), None)
        }
        None => ("无法识别".to_owned(), None),
    };
    let v = Violation::new(
        format!(
            "环节「{label}」的办理时限{why}: \"{}{}\"",
            quote(&s.time_limit, 30),
            s.time_limit_unit.trim()
        ),
        s.time_limit.trim(),
    )
    .target(format!("环节「{label}」"))
    .at(&s.provenance);
    match suggestion {
        Some(fix) => v.suggest(fix),
        None => v,
    }
}

impl Rule for ProcessDetail {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn reads(&self) -> Option<Reads> {
        Some(
            Reads::fields(&[
                ItemField::PromisedLimit,
                ItemField::PromisedLimitUnit,
                ItemField::LegalLimit,
                ItemField::LegalLimitUnit,
            ])
            .and(Reads::STEPS),
        )
    }

    fn check(&self, item: &Item, _ctx: &CheckContext) -> Verdict {
        let steps = &item.steps;
        if steps.is_empty() {
            return Verdict::Checked(vec![Violation::new("未提供办理流程（办理环节）", "")]);
        }
        let start = first_official(steps);
        let end = steps
            .iter()
            .rposition(|s| s.name.contains("办结"))
            .filter(|&e| e >= start)
            .unwrap_or(steps.len().saturating_sub(1));
        let mut out = Vec::new();
        let mut limits = Vec::new();
        let mut not_in_sum = Vec::new();
        let mut all_readable = true;
        // `15个工作日（残疾评定时间除外）`: the promise leaves the step 残疾评定 out.
        let out_of_promise = left_out_of_promise(&item.promised_limit);
        for (i, s) in steps.iter().enumerate() {
            let label = step_label(i, s);
            let mut missing = Vec::new();
            if is_blank_or_placeholder(&s.name) {
                missing.push("环节名称");
            }
            if i >= start {
                if is_blank_or_placeholder(&s.handler) {
                    missing.push("办理人（岗位）");
                }
                if is_blank_or_placeholder(&s.duties) {
                    missing.push("岗位职责");
                } else if let Some(only) = thin_duties(s) {
                    out.push(
                        Violation::new(
                            format!(
                                "环节「{label}」的岗位职责{only}，没有写明职责内容: \"{}\"",
                                quote(&s.duties, 30)
                            ),
                            s.duties.trim(),
                        )
                        .target(format!("环节「{label}」岗位职责"))
                        .at(&s.provenance),
                    );
                }
                let parsed = if is_blank_or_placeholder(&s.time_limit) {
                    ParsedLimit::Empty
                } else {
                    parse_time_limit(&s.time_limit, &s.time_limit_unit)
                };
                // `10个工作日（不计入承诺办结时限）`: the step's time is outside the promise.
                let left_out = parsed != ParsedLimit::Empty && not_counted(&s.name, &s.time_limit);
                match parsed {
                    ParsedLimit::Limit(l) if l != TimeLimit::NoLimit => {
                        let by_promise = out_of_promise.iter().any(|w| names_the_step(&s.name, w));
                        if i <= end && (left_out || by_promise) {
                            not_in_sum.push((step_label(i, s), l));
                        } else if i <= end {
                            limits.push((step_label(i, s), l));
                        }
                    }
                    ParsedLimit::Empty => {
                        missing.push("办理时限");
                        all_readable = false;
                    }
                    ParsedLimit::Limit(_) | ParsedLimit::Unreadable => {
                        // A step left out of the sum does not keep the others from adding up.
                        all_readable &= left_out;
                        out.push(limit_finding(&label, s, left_out));
                    }
                }
            }
            if !missing.is_empty() {
                let hint = unrecognised_applicant(steps, i, start, &missing);
                out.push(
                    Violation::new(
                        format!("环节缺少{}: \"{label}\"{hint}", missing.join("、")),
                        label.as_ref(),
                    )
                    .target(format!("环节「{label}」"))
                    .at(&s.provenance),
                );
            }
        }
        if all_readable
            && !limits.is_empty()
            && let Some((message, evidence)) =
                sum_mismatch(item, &limits, &steps[..start], &not_in_sum)
        {
            out.push(Violation::new(message, evidence));
        }
        Verdict::Checked(out)
    }
}
