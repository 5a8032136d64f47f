//! 办结时限 — time limits as published: `20个工作日`, `30日`, `3个月`, `即时办结`, `即办`,
//! `当场办结`, `立即`, `实时` (as the whole value), `2小时`, `30分钟`, a number with its unit in a separate field, full-width
//! digits, thousands separators (`2,400分钟`, `2，400分钟`), Chinese numerals (`二十`, formal `贰`),
//! and `无法定时限` (also `无（法律法规未规定）`).
//! An immediate word that applies only under a condition (`2个工作日（能当场作出决定的，当场作出）`)
//! or only to acceptance (`3个工作日（当场受理）`) leaves the amount as the limit; so does 随到随办,
//! 随来随办 or 立等可取 beside a plain day figure (`5个工作日（窗口立等可取）`), not beside a
//! conditional one (`立等可取（复杂情形5个工作日）`) or minutes and hours (`立等可取（10分钟）`).
//! [`parse_time_limit`] never panics; what it cannot read is `Unreadable`, and [`range_upper`]
//! says whether such a text is a range (`3-5个工作日`).
//!
//! Minutes and hours are one scale ([`TimeLimit::hours`]): every comparison reads `30分钟` as
//! half an hour, and a working day as 8 hours (《国务院关于职工工作时间的规定》: 每日工作8小时).
//!
//! Limits in different units are compared through the calendar days they can span
//! ([`TimeLimit::calendar_days`], [`TimeLimit::exceeds`]; the bounds and their reasons, 调休
//! included, are in `span.rs`): 20 working days span 23 to 37 calendar days. One limit is
//! *surely* longer than another only when it is longer however the weekends, holidays and make-up
//! working days fall; otherwise the comparison says it cannot tell.

mod parse;
mod served;
mod span;
#[cfg(test)]
mod tests;

use serde::Serialize;

pub use parse::{parse_time_limit, range_upper};

/// A number with nothing after it (`20`, `0.5`): a time limit whose unit is elsewhere (a unit
/// column, the header `承诺办结时限（工作日）`), or nowhere.
pub fn is_bare_number(value: &str) -> bool {
    value.bytes().next().is_some_and(|b| b.is_ascii_digit())
        && value.bytes().all(|b| b.is_ascii_digit() || b == b'.')
}

/// The unit of a time limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum LimitUnit {
    /// 分钟
    Minute,
    /// 小时
    Hour,
    /// 工作日
    WorkingDay,
    /// 日 / 天 / 自然日
    Day,
    /// 月
    Month,
    /// 年
    Year,
}

impl LimitUnit {
    /// The Chinese unit word.
    pub fn label_zh(self) -> &'static str {
        match self {
            LimitUnit::Minute => "分钟",
            LimitUnit::Hour => "小时",
            LimitUnit::WorkingDay => "个工作日",
            LimitUnit::Day => "日",
            LimitUnit::Month => "个月",
            LimitUnit::Year => "年",
        }
    }
}

/// A parsed time limit.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub enum TimeLimit {
    /// 即办 / 即时办结 / 当场办结: zero time.
    Immediate,
    /// An amount of a unit.
    Amount {
        /// How many.
        amount: f64,
        /// Of what.
        unit: LimitUnit,
    },
    /// 无法定时限 / 无 (statutory limit only): there is no limit by law.
    NoLimit,
}

/// The result of parsing a time-limit field.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum ParsedLimit {
    /// Nothing published.
    Empty,
    /// A readable limit.
    Limit(TimeLimit),
    /// Text that is not a time limit.
    Unreadable,
}

impl TimeLimit {
    /// The limit in hours, when it is stated in hours or minutes or is immediate.
    pub fn hours(self) -> Option<f64> {
        match self {
            TimeLimit::Immediate => Some(0.0),
            TimeLimit::Amount {
                amount,
                unit: LimitUnit::Hour,
            } => Some(amount),
            TimeLimit::Amount {
                amount,
                unit: LimitUnit::Minute,
            } => Some(amount / 60.0),
            _ => None,
        }
    }

    /// The limit in working days, when it is stated in working days or is immediate, or is at
    /// most 8 hours (a working day's hours, in hours or minutes).
    pub fn working_days(self) -> Option<f64> {
        match self {
            TimeLimit::Amount {
                amount,
                unit: LimitUnit::WorkingDay,
            } => Some(amount),
            _ => self.hours().filter(|&h| h <= 8.0).map(|h| h / 8.0),
        }
    }
}

impl std::fmt::Display for TimeLimit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TimeLimit::Immediate => f.write_str("即办"),
            TimeLimit::NoLimit => f.write_str("无法定时限"),
            TimeLimit::Amount { amount, unit } => write!(f, "{amount}{}", unit.label_zh()),
        }
    }
}
