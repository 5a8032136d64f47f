//! The sum check of P01: the step limits from 受理 to 办结, in one unit, against the committed
//! limit (承诺办结时限), with the message that lists each step when they do not agree; minutes or
//! hours past a working day against working days are counted in days of 8 hours. What is not
//! here: reading each step's limit and which steps count (`super`).

use std::borrow::Cow;
use std::fmt::Write as _;

use super::step_label;
use crate::model::time_limit::{LimitUnit, ParsedLimit, TimeLimit, parse_time_limit};
use crate::model::{Item, Step};

/// Formats an amount without a useless `.0`.
fn num(v: f64) -> String {
    if (v - v.round()).abs() < 1e-9 {
        format!("{}", v.round() as i64)
    } else {
        format!("{}", (v * 100.0).round() / 100.0)
    }
}

/// The amount of a limit in the common unit, when every limit can be expressed in it.
fn in_unit(limit: TimeLimit, unit: LimitUnit) -> Option<f64> {
    match (limit, unit) {
        (TimeLimit::Immediate, _) => Some(0.0),
        (_, LimitUnit::WorkingDay) => limit.working_days(),
        // Minutes and hours are one scale.
        (_, LimitUnit::Hour) => limit.hours(),
        (_, LimitUnit::Minute) => limit.hours().map(|h| h * 60.0),
        (TimeLimit::Amount { amount, unit: u }, _) if u == unit => Some(amount),
        _ => None,
    }
}

/// The sum check: `Some(message)` when the step limits do not add up to the committed limit.
/// The parts of the message are only written when they do not.
pub(super) fn sum_mismatch(
    item: &Item,
    steps: &[(Cow<'_, str>, TimeLimit)],
    before: &[Step],
    not_in_sum: &[(Cow<'_, str>, TimeLimit)],
) -> Option<(String, String)> {
    let ParsedLimit::Limit(promised) =
        parse_time_limit(&item.promised_limit, &item.promised_limit_unit)
    else {
        return None;
    };
    let unit = match promised {
        TimeLimit::NoLimit => return None,
        TimeLimit::Immediate => steps
            .iter()
            .find_map(|(_, l)| match l {
                TimeLimit::Amount { unit, .. } => Some(*unit),
                _ => None,
            })
            .unwrap_or(LimitUnit::WorkingDay),
        // Minutes or hours within the day promised (`10分钟`, `2小时`) against a step in working
        // days: summed in working days, as 即办 against them is (h36; in minutes they could not be
        // summed, and `10分钟` against 5 working days of steps passed).
        TimeLimit::Amount {
            unit: LimitUnit::Minute | LimitUnit::Hour,
            ..
        } if promised.working_days().is_some()
            && steps.iter().any(|(_, l)| {
                matches!(
                    l,
                    TimeLimit::Amount {
                        unit: LimitUnit::WorkingDay,
                        ..
                    }
                )
            }) =>
        {
            LimitUnit::WorkingDay
        }
        TimeLimit::Amount { unit, .. } => unit,
    };
    // Steps in minutes against hours promised are summed in minutes (`合计 30 分钟`, not 0.5小时).
    let unit = if unit == LimitUnit::Hour
        && steps.iter().any(|(_, l)| {
            matches!(
                l,
                TimeLimit::Amount {
                    unit: LimitUnit::Minute,
                    ..
                }
            )
        }) {
        LimitUnit::Minute
    } else {
        unit
    };
    let target = in_unit(promised, unit)?;
    let Some(sum) = steps
        .iter()
        .try_fold(0.0, |sum, (_, l)| Some(sum + in_unit(*l, unit)?))
    else {
        // A step of minutes or hours past a working day (`2400分钟`) against working days.
        return if unit == LimitUnit::WorkingDay {
            past_the_promise(item, steps, before, not_in_sum, target)
        } else {
            None
        };
    };
    if (sum - target).abs() < 1e-6 {
        return None;
    }
    // The steps marked not counted are in the promise after all (`不计入` on a step the clerk
    // added in): every step adds up to the promise, as the appendix reads literally.
    if !not_in_sum.is_empty()
        && not_in_sum
            .iter()
            .try_fold(sum, |all, (_, l)| Some(all + in_unit(*l, unit)?))
            .is_some_and(|all| (all - target).abs() < 1e-6)
    {
        return None;
    }
    // 即办 promised, steps of minutes or hours within the day (`受理 10分钟 + 办结 20分钟`): done on
    // the spot, as B03 bounds an 即办件 by one working day (8 hours).
    let within_the_day = match unit {
        LimitUnit::Minute => sum <= 8.0 * 60.0,
        LimitUnit::Hour => sum <= 8.0,
        _ => false,
    };
    if promised == TimeLimit::Immediate && within_the_day {
        return None;
    }
    // The steps add up to the statutory limit and the promise is longer than it: the promise is
    // the one wrong cell, which B07 reports (「长于法定办结时限」); P01 failing too would charge
    // one cell twice. Shortening the promise below the steps' sum makes P01 fail then.
    if let ParsedLimit::Limit(legal) = parse_time_limit(&item.legal_limit, &item.legal_limit_unit)
        && legal != TimeLimit::NoLimit
        && promised.exceeds(legal) == Some(true)
        && in_unit(legal, unit).is_some_and(|l| (sum - l).abs() < 1e-6)
    {
        return None;
    }
    let parts: Vec<String> = steps
        .iter()
        .map(|(name, l)| {
            if *l == TimeLimit::Immediate {
                format!("{name} 即办=0")
            } else {
                // Every step converted above.
                format!("{name} {}", num(in_unit(*l, unit).unwrap_or_default()))
            }
        })
        .collect();
    let left_out = left_out_note(before, not_in_sum);
    let promised_text = item.promised_limit.trim();
    Some((
        format!(
            "受理至办结各环节时限合计 {} {}（{}{left_out}），与承诺办结时限不一致: \"{}{}\"",
            num(sum),
            unit.label_zh(),
            parts.join(" + "),
            promised_text,
            item.promised_limit_unit.trim()
        ),
        promised_text.to_owned(),
    ))
}

/// The steps not summed, so that 合计 2 against 5 is understood: the applicant's steps before
/// acceptance and the steps marked not counted in the promise. Empty when there are none.
fn left_out_note(before: &[Step], not_in_sum: &[(Cow<'_, str>, TimeLimit)]) -> String {
    let mut left_out = if before.is_empty() {
        String::new()
    } else {
        let names: Vec<Cow<'_, str>> = before
            .iter()
            .enumerate()
            .map(|(i, s)| step_label(i, s))
            .collect();
        format!("；受理前申请人的环节「{}」不计入", names.join("、"))
    };
    if !not_in_sum.is_empty() {
        let _ = write!(
            left_out,
            "；注明不计入承诺办结时限的环节「{}」未计入",
            not_in_sum
                .iter()
                .map(|(name, _)| name.as_ref())
                .collect::<Vec<_>>()
                .join("、")
        );
    }
    left_out
}

/// A limit in working days of 8 hours (480 minutes), as B03 bounds a working day: `2400分钟` is
/// 5 working days, `40小时` 5; but a whole multiple of 24 hours is that many days (`48小时` 2).
fn in_working_days(limit: TimeLimit) -> Option<f64> {
    limit.working_days().or_else(|| {
        limit.hours().map(|h| {
            // 24, 48, 72 hours (1,440 minutes …) are days as clerks write them, not three
            // working days each (h34 regression: 24小时 against 1个工作日).
            if h >= 24.0 && (h / 24.0).fract().abs() < 1e-9 {
                h / 24.0
            } else {
                h / 8.0
            }
        })
    })
}

/// The sum check when a step's minutes or hours go past a working day and the promise is in
/// working days (`受理 2400分钟 + 审核 2400分钟 + 决定 2400分钟` against `5个工作日`): the steps are
/// counted in working days of 8 hours, whole multiples of 24 hours as days ([`in_working_days`]),
/// and only a sum past the promise
/// (`target` working days) is reported, as the count is near (a clerk's 2,400 minutes may be five
/// days of 24 hours or five of 8). Steps the common unit cannot hold (自然日) are not summed.
fn past_the_promise(
    item: &Item,
    steps: &[(Cow<'_, str>, TimeLimit)],
    before: &[Step],
    not_in_sum: &[(Cow<'_, str>, TimeLimit)],
    target: f64,
) -> Option<(String, String)> {
    let sum = steps
        .iter()
        .try_fold(0.0, |sum, (_, l)| Some(sum + in_working_days(*l)?))?;
    if sum <= target + 1e-6 {
        return None;
    }
    let parts: Vec<String> = steps
        .iter()
        .map(|(name, l)| match l {
            TimeLimit::Amount { amount, unit } => {
                format!("{name} {}{}", num(*amount), unit.label_zh())
            }
            _ => format!("{name} 即办=0"),
        })
        .collect();
    // Every step in minutes or hours: their total as written beside the working days
    // (`共7200分钟（约15个工作日）`).
    let unit_of = |l: &TimeLimit| match l {
        TimeLimit::Amount { unit, .. } => Some(*unit),
        _ => None,
    };
    let in_hours = steps
        .iter()
        .all(|(_, l)| matches!(unit_of(l), None | Some(LimitUnit::Minute | LimitUnit::Hour)));
    let hours: f64 = steps.iter().filter_map(|(_, l)| l.hours()).sum();
    let total = if !in_hours {
        String::new()
    } else if steps
        .iter()
        .any(|(_, l)| unit_of(l) == Some(LimitUnit::Minute))
    {
        format!("，共{}分钟（约{}个工作日）", num(hours * 60.0), num(sum))
    } else {
        format!("，共{}小时（约{}个工作日）", num(hours), num(sum))
    };
    let left_out = left_out_note(before, not_in_sum);
    let promised_text = item.promised_limit.trim();
    Some((
        format!(
            "受理至办结各环节时限合计约 {} 个工作日（{}{total}，按每个工作日8小时折算，24小时的整数倍按天计{left_out}），\
             超过承诺办结时限: \"{}{}\"",
            num(sum),
            parts.join(" + "),
            promised_text,
            item.promised_limit_unit.trim()
        ),
        promised_text.to_owned(),
    ))
}
