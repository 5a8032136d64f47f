//! 办结时限 — time limits as published: `20个工作日`, `30日`, `3个月`, `即时办结`, `即办`,
//! `当场办结`, `2小时`, a number with its unit in a separate field, full-width digits, and
//! `无法定时限`. [`parse_time_limit`] never panics; what it cannot read is `Unreadable`.
//!
//! Limits in different units are compared through the range of calendar days they can span
//! ([`TimeLimit::calendar_days`]): 20 working days span 20 to 37 calendar days (weekends plus a
//! week of public holidays). One limit is *surely* longer than another only when its shortest span
//! exceeds the other's longest; otherwise the comparison says it cannot tell.

mod parse;
#[cfg(test)]
mod tests;

use std::cmp::Ordering;

use serde::Serialize;

pub use parse::parse_time_limit;

/// The unit of a time limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum LimitUnit {
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
    /// The range of calendar days this limit can span (see the module docs).
    pub fn calendar_days(self) -> (f64, f64) {
        match self {
            TimeLimit::Immediate => (0.0, 0.0),
            TimeLimit::NoLimit => (f64::INFINITY, f64::INFINITY),
            TimeLimit::Amount { amount: a, unit } => match unit {
                LimitUnit::Hour => (a / 24.0, (a / 8.0).ceil() * 7.0 / 5.0 + 9.0),
                LimitUnit::WorkingDay => (a, a * 7.0 / 5.0 + 9.0),
                LimitUnit::Day => (a, a),
                LimitUnit::Month => (a * 28.0, a * 31.0),
                LimitUnit::Year => (a * 365.0, a * 366.0),
            },
        }
    }

    /// The limit in working days, when it is stated in working days or is immediate.
    pub fn working_days(self) -> Option<f64> {
        match self {
            TimeLimit::Immediate => Some(0.0),
            TimeLimit::Amount {
                amount,
                unit: LimitUnit::WorkingDay,
            } => Some(amount),
            TimeLimit::Amount {
                amount,
                unit: LimitUnit::Hour,
            } if amount <= 8.0 => Some(amount / 8.0),
            _ => None,
        }
    }

    /// Compares two limits: `Some(Greater)` only when `self` is surely longer, `Some(Less)` only
    /// when surely shorter, `Some(Equal)` when the same amount of the same unit, `None` when the
    /// units do not allow a sure answer.
    pub fn compare(self, other: TimeLimit) -> Option<Ordering> {
        if let (TimeLimit::Amount { amount: a, unit: u }, TimeLimit::Amount { amount: b, unit: v }) =
            (self, other)
            && u == v
        {
            return a.partial_cmp(&b);
        }
        if self == other {
            return Some(Ordering::Equal);
        }
        let (lo_a, hi_a) = self.calendar_days();
        let (lo_b, hi_b) = other.calendar_days();
        if lo_a > hi_b {
            Some(Ordering::Greater)
        } else if hi_a < lo_b {
            Some(Ordering::Less)
        } else {
            None
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
