//! B03 办件类型 — exactly one of 承诺件/即办件, optionally 上报件/联办件; an 即办件 is done at once.

use super::{CheckContext, Reads, Rule, RuleMeta, Verdict, Violation, declare_rule};
use crate::model::domain::{Domain, parse_domain};
use crate::model::text::{is_blank_or_placeholder, quote};
use crate::model::time_limit::{LimitUnit, ParsedLimit, TimeLimit, parse_time_limit};
use crate::model::{Item, ItemField};

declare_rule! {
    /// ## 检查内容 (What it checks)
    /// 办件类型必须在「承诺件」「即办件」中选且只选一个，可另选「上报件」「联办件」；不认识的值不通过。
    /// 几个值之间用顿号、逗号、分号、斜杠、加号或「和」「或」「加」连接都可（`承诺件/上报件`、
    /// `承诺件+上报件`、`承诺件＋上报件`、`承诺件加上报件` 都是承诺件和上报件）。
    /// 代码和名称都认（国家代码 1 即办件、2 承诺件）；同时写了代码和名称的以名称为准
    /// （有的地方系统把 1/2 对调）。上报件、联办件没有统一代码，只认名称。
    /// 值后面加括号注明的（`承诺件（需审核）`）按该值认；括号里写的是另一种办件类型的
    /// （`即办件（承诺件）`），两个值都算，同时选了承诺件和即办件，不通过。
    /// 即办件的承诺办结时限超过 1 个工作日的给出提示（warning）：判定口径为「工作日」多于 1、
    /// 「日/天」多于 1、「小时」多于 8（「分钟」多于 480），或以月、年计；时限为空或读不出时不提示
    /// （由 B07 检查）。时限后括号里的「当场受理」说的是受理，不是办结：`3个工作日（当场受理）`
    /// 按 3 个工作日算；只对部分情形当场办结的（`5个工作日（能当场办结的，当场办结）`）按 5 个
    /// 工作日算；无条件写即办的（`1个工作日（即办）`）按即办算。
    ///
    /// ## 依据 (Why it matters)
    /// 附录「办件类型」：明确标注事项的办件类型；此为多选项，承诺件和即办件两者必选其一，上报件、联办件可多选。
    ///
    /// ## 示例 (Example)
    /// 不通过：空、`上报件`（缺承诺件/即办件）、`承诺件,即办件`、`承诺件+即办件`、`即办件（承诺件）`、`普通件`。
    /// 提示：`即办件`，承诺办结时限 `5个工作日` 或 `3个工作日（当场受理）`。
    /// 通过：`承诺件`、`承诺件,联办件`、`承诺件+上报件`、`1`（即办件）、`承诺件（需审核）`。
    ///
    /// ## 整改方法 (How to fix)
    /// 当场能办结的选「即办件」，否则选「承诺件」；需要报上级或多部门联办的再加选「上报件」「联办件」。
    pub struct HandlingType {
        id: "B03",
        name: "handling-type",
        element: "办件类型",
        category: Basic,
        severity: Error,
        fix: "在承诺件、即办件中选且只选一个，需要时再加选上报件、联办件",
    }
}

/// Whether a committed limit is surely more than one working day.
fn more_than_one_working_day(limit: TimeLimit) -> bool {
    match limit {
        TimeLimit::Immediate => false,
        TimeLimit::NoLimit => true,
        TimeLimit::Amount { amount, unit } => match unit {
            LimitUnit::Minute | LimitUnit::Hour => limit.hours().is_some_and(|h| h > 8.0),
            LimitUnit::WorkingDay | LimitUnit::Day => amount > 1.0,
            LimitUnit::Month | LimitUnit::Year => amount > 0.0,
        },
    }
}

impl Rule for HandlingType {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn reads(&self) -> Option<Reads> {
        Some(Reads::fields(&[
            ItemField::HandlingType,
            ItemField::PromisedLimit,
            ItemField::PromisedLimitUnit,
        ]))
    }

    fn check(&self, item: &Item, _ctx: &CheckContext) -> Verdict {
        let text = item.handling_type.trim();
        if is_blank_or_placeholder(text) {
            return Verdict::Checked(vec![Violation::new(
                if text.is_empty() {
                    "办件类型为空".to_owned()
                } else {
                    format!("办件类型未填写实际内容: \"{text}\"")
                },
                text,
            )]);
        }
        let parsed = parse_domain(Domain::HandlingType, text);
        let mut out = Vec::new();
        if !parsed.unknown.is_empty() {
            out.push(Violation::new(
                format!(
                    "办件类型含有不认识的值「{}」（应为承诺件、即办件，可加选上报件、联办件）: \"{}\"",
                    parsed.unknown.join("、"),
                    quote(text, 40)
                ),
                text,
            ));
        }
        let promise = parsed.has("承诺件");
        let immediate = parsed.has("即办件");
        if promise && immediate {
            out.push(Violation::new(
                format!(
                    "办件类型同时选了承诺件和即办件，只能选其一: \"{}\"",
                    quote(text, 40)
                ),
                text,
            ));
        } else if !promise && !immediate && parsed.unknown.is_empty() {
            out.push(Violation::new(
                format!(
                    "办件类型缺少承诺件或即办件（二者必选其一）: \"{}\"",
                    quote(text, 40)
                ),
                text,
            ));
        }
        if immediate
            && !promise
            && let ParsedLimit::Limit(limit) =
                parse_time_limit(&item.promised_limit, &item.promised_limit_unit)
            && more_than_one_working_day(limit)
        {
            out.push(
                Violation::new(
                    format!(
                        "办件类型为即办件，但承诺办结时限超过1个工作日: \"{}{}\"",
                        quote(&item.promised_limit, 30),
                        item.promised_limit_unit.trim()
                    ),
                    item.promised_limit.trim(),
                )
                .warning()
                .suggest("即办件应当场或1个工作日内办结：先核对承诺办结时限是否写错（承诺时限不得长于法定办结时限，法定即办的承诺也应即办）；确实需要更长时间的，改标为承诺件"),
            );
        }
        Verdict::Checked(out)
    }
}
