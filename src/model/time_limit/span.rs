//! How many calendar days a limit can span, and whether one limit is surely longer than another
//! when their units differ (工作日 against 日/月/年).
//!
//! # Working days in a run of calendar days
//! [`max_working_days`] bounds the working days any run of `d` consecutive calendar days can hold
//! in China, 调休 included. It is a *safe* bound (never below the truth), from two facts:
//!
//! 1. **Never more than 7 working days in a row.** The longest runs ever scheduled were 7 days
//!    (2022-01-24…30 before 春节, 2022-10-08…14 and 2023-10-07…13 after 国庆); since the 2024
//!    revision of 《全国年节及纪念日放假办法》 the State Council keeps them to 6. So every 8
//!    consecutive days hold a rest day: at most `d − ⌊d/8⌋` working days.
//! 2. **Weekends are worked only as 调休, and at most 3 without their swap.** `d` days hold
//!    `⌊d/7⌋` whole weeks, each with 5 weekdays, and the `d mod 7` days left hold at most 5
//!    more. A Saturday or Sunday is worked only as a make-up day (调休), which swaps it with a
//!    weekday of the nearby holiday that is rested instead; a run holding both the make-up day
//!    and its holiday gains no working day from the swap. Only make-up days cut off from their
//!    holiday by an end of the run count: just after its start for a holiday before it, just
//!    before its end for a holiday after it. No holiday has had more than 2 make-up days on one
//!    side (春节 2022-01-29/30, 国庆 2023-10-07/08), and only 春节 and 国庆 have had 2; a run
//!    with 2 at both ends would stretch from 国庆 to 春节 (or the other way) and hold a whole
//!    holiday between them (元旦; 清明, 劳动节, 端午), whose statutory day off is a weekday rest
//!    (补假 when it falls on a weekend). So at most `5⌊d/7⌋ + min(d mod 7, 5) + 3`.
//!
//! Both bounds grow with `d`, so their minimum does too. 30 working days never fit in 30 days:
//! 29 days hold at most 24.
//!
//! # Counting a statutory period in calendar units
//! Under 《民法典》第二百零一至二百零三条 a period in 日/月/年 starts the day after, ends on the
//! corresponding day (a month is 28–31 days, three months 89–92, six 181–184), and when its last day is a
//! rest day it runs on to the next working day. So the period of `h` calendar days ends at the
//! first working day on or after day `h`, and `n` working days from the same start end later
//! for sure only when the `h − 1` days before day `h` hold fewer than `n − 1` working days. That
//! costs at most one working day against a plain count, and keeps 8日 against 8个工作日
//! undecided (7 working days, then a weekend day that the period runs past). A period counts
//! whole days, so a part of a month is at most its whole days: 半个月 at most 15 days (half of a
//! 31-day month is no 15.5 days), at least 14 (half of February).
//!
//! # Hours and minutes
//! Hours and minutes are one scale ([`TimeLimit::hours`]) and compare directly. Against working
//! days they compare by the 8-hour working day (《国务院关于职工工作时间的规定》): `h` hours are
//! never longer than `n` working days when `h ≤ 8n`, whether they are read as working hours
//! (at most `n` working days) or as clock hours (less than `n` calendar days, and `n` working days
//! span at least `n`). 8小时 against 1个工作日 passes without a warning. The other way, `n` working
//! days are surely longer than `h` hours when `n > ⌈h/8⌉`: a whole working day more than the
//! hours can fill, and at least `n` calendar days, more than `8n` clock hours (5个工作日 against
//! 30分钟). Closer than that (1个工作日 against 8小时, 3个工作日 against 48小时) stays undecided.
//!
//! # 即办 and the working day
//! 即办 (当场办结, 即时办结) is done within the working day, as B03 and P01 bound it: minutes or
//! hours within its 8 hours are never longer than 即办 (a promised `30分钟` against a statutory
//! `当场办结`). More hours, and any working day or calendar day, are longer: the applicant comes
//! back another day.

use super::{LimitUnit, TimeLimit};

#[cfg(test)]
#[path = "span_tests.rs"]
mod tests;

/// The fewest calendar days `months` consecutive months can hold: 28, 59 (一二月), 89 (二至四月),
/// …, 181 for six (二至七月), 365.
const MONTHS_MIN_DAYS: [f64; 13] = [
    0.0, 28.0, 59.0, 89.0, 120.0, 150.0, 181.0, 212.0, 242.0, 273.0, 303.0, 334.0, 365.0,
];

/// The most calendar days `months` consecutive months can hold: 31, 62 (七八月), 92, …, 366.
const MONTHS_MAX_DAYS: [f64; 13] = [
    0.0, 31.0, 62.0, 92.0, 123.0, 153.0, 184.0, 215.0, 245.0, 276.0, 306.0, 337.0, 366.0,
];

/// The most working days any `d` consecutive calendar days can hold (see the module docs).
pub(super) fn max_working_days(d: f64) -> f64 {
    if d <= 0.0 {
        return 0.0;
    }
    let d = d.ceil();
    let no_long_runs = d - (d / 8.0).floor();
    let weeks = (d / 7.0).floor();
    let weekdays = 5.0 * weeks + (d - 7.0 * weeks).min(5.0);
    no_long_runs.min(weekdays + 3.0)
}

/// The fewest calendar days `n` working days can span: the shortest run that
/// [`max_working_days`] lets hold `n` of them.
fn min_calendar_days(n: f64) -> f64 {
    let n = n.ceil();
    if n <= 0.0 {
        return 0.0;
    }
    // d − ⌊d/8⌋ ≥ n: a rest day after every 7.
    let no_long_runs = n + ((n - 1.0) / 7.0).floor();
    // 5⌊d/7⌋ + min(d mod 7, 5) + 3 ≥ n: whole weeks of 5, then the weekdays of the next.
    let weekdays = n - 3.0;
    let by_weeks = if weekdays <= 0.0 {
        0.0
    } else {
        let weeks = ((weekdays - 1.0) / 5.0).floor();
        7.0 * weeks + (weekdays - 5.0 * weeks)
    };
    no_long_runs.max(by_weeks)
}

/// The fewest calendar days `months` months can hold: 180日 is never longer than 6个月.
fn months_min_days(months: f64) -> f64 {
    if months.fract() == 0.0 && (0.0..=12.0).contains(&months) {
        // Whole months up to a year: exact, and at most 12 entries.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        return MONTHS_MIN_DAYS[months as usize];
    }
    // 半个月 is at least 14 days (half of February).
    (months * 28.0).floor()
}

/// The most calendar days `months` months can hold.
fn months_max_days(months: f64) -> f64 {
    if months.fract() == 0.0 && (0.0..=12.0).contains(&months) {
        // Whole months up to a year: exact, and at most 12 entries.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        return MONTHS_MAX_DAYS[months as usize];
    }
    // A period counts whole days: 半个月 is at most 15 days.
    (months * 31.0).floor()
}

impl LimitUnit {
    /// 日, 月, 年: counted on the calendar, rest days included.
    fn is_calendar(self) -> bool {
        matches!(self, LimitUnit::Day | LimitUnit::Month | LimitUnit::Year)
    }
}

impl TimeLimit {
    /// The range of calendar days this limit can span (see the module docs).
    pub fn calendar_days(self) -> (f64, f64) {
        match self {
            TimeLimit::Immediate => (0.0, 0.0),
            TimeLimit::NoLimit => (f64::INFINITY, f64::INFINITY),
            TimeLimit::Amount { amount: a, unit } => match unit {
                LimitUnit::Minute | LimitUnit::Hour => {
                    let h = self.hours().unwrap_or(a);
                    (h / 24.0, (h / 8.0).ceil() * 7.0 / 5.0 + 9.0)
                }
                LimitUnit::WorkingDay => (min_calendar_days(a), a * 7.0 / 5.0 + 9.0),
                LimitUnit::Day => (a, a),
                LimitUnit::Month => (months_min_days(a), months_max_days(a)),
                LimitUnit::Year => (a * 365.0, a * 366.0),
            },
        }
    }

    /// Whether this limit is longer than `other` from the same start: `Some(true)` only when
    /// surely longer, `Some(false)` only when it can never be longer, `None` when the units do
    /// not allow a sure answer (20个工作日 against 30日).
    pub fn exceeds(self, other: TimeLimit) -> Option<bool> {
        if self == other {
            return Some(false);
        }
        // 即办 is done within the working day, as B03 and P01 bound it: minutes or hours within
        // its 8 hours are never longer (当场办结 against a promised 30分钟).
        if other == TimeLimit::Immediate && self.hours().is_some_and(|h| h <= 8.0) {
            return Some(false);
        }
        // Minutes against hours (and 即办 against either): one scale.
        if let (Some(a), Some(b)) = (self.hours(), other.hours()) {
            return Some(a > b);
        }
        let (lo_a, hi_a) = self.calendar_days();
        let (lo_b, hi_b) = other.calendar_days();
        let (longer, never_longer) = match (self, other) {
            (Self::Amount { amount: a, unit: u }, Self::Amount { amount: b, unit: v })
                if u == v =>
            {
                return Some(a > b);
            }
            // Hours within n 8-hour working days are never longer (see the module docs).
            (
                Self::Amount {
                    unit: LimitUnit::Minute | LimitUnit::Hour,
                    ..
                },
                Self::Amount {
                    amount: n,
                    unit: LimitUnit::WorkingDay,
                },
            ) if self.hours().is_some_and(|h| h <= 8.0 * n) => (false, true),
            // n working days hold a whole working day more than the hours rounded up to working
            // days: longer read as working hours, and as clock hours (n days > 8n hours).
            (
                Self::Amount {
                    amount: n,
                    unit: LimitUnit::WorkingDay,
                },
                Self::Amount {
                    unit: LimitUnit::Minute | LimitUnit::Hour,
                    ..
                },
            ) if other.hours().is_some_and(|h| n > (h / 8.0).ceil()) => (true, false),
            // N working days end after a calendar period that may run on to a working day.
            (
                Self::Amount {
                    amount: n,
                    unit: LimitUnit::WorkingDay,
                },
                Self::Amount { unit, .. },
            ) if unit.is_calendar() => (max_working_days(hi_b - 1.0) + 1.0 < n, hi_a <= lo_b),
            // A calendar period ends (or runs on to) a working day no later than the N-th.
            (
                Self::Amount { unit, .. },
                Self::Amount {
                    amount: n,
                    unit: LimitUnit::WorkingDay,
                },
            ) if unit.is_calendar() => (lo_a > hi_b, max_working_days(hi_a - 1.0) < n.floor()),
            _ => (lo_a > hi_b, hi_a <= lo_b),
        };
        if longer {
            Some(true)
        } else if never_longer {
            Some(false)
        } else {
            None
        }
    }
}
