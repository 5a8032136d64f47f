//! Tests of the calendar bounds: they hold on the real 调休 calendars, and limits in different
//! units are compared only when the answer is sure.

#![allow(clippy::float_cmp)] // whole numbers of days, exact in f64

use jiff::civil::{Date, Weekday, date};

use super::*;

/// The State Council's holiday notices (国办发明电) for 2022–2024: weekdays rested, and weekend
/// days worked (调休). 2022 and 2023 hold the longest runs of working days ever scheduled (7).
const RESTED: &[(i16, i8, i8)] = &[
    // 2022
    (2022, 1, 3),
    (2022, 1, 31),
    (2022, 2, 1),
    (2022, 2, 2),
    (2022, 2, 3),
    (2022, 2, 4),
    (2022, 4, 4),
    (2022, 4, 5),
    (2022, 5, 2),
    (2022, 5, 3),
    (2022, 5, 4),
    (2022, 6, 3),
    (2022, 9, 12),
    (2022, 10, 3),
    (2022, 10, 4),
    (2022, 10, 5),
    (2022, 10, 6),
    (2022, 10, 7),
    // 2023
    (2023, 1, 2),
    (2023, 1, 23),
    (2023, 1, 24),
    (2023, 1, 25),
    (2023, 1, 26),
    (2023, 1, 27),
    (2023, 4, 5),
    (2023, 5, 1),
    (2023, 5, 2),
    (2023, 5, 3),
    (2023, 6, 22),
    (2023, 6, 23),
    (2023, 9, 29),
    (2023, 10, 2),
    (2023, 10, 3),
    (2023, 10, 4),
    (2023, 10, 5),
    (2023, 10, 6),
    // 2024
    (2024, 1, 1),
    (2024, 2, 12),
    (2024, 2, 13),
    (2024, 2, 14),
    (2024, 2, 15),
    (2024, 2, 16),
    (2024, 4, 4),
    (2024, 4, 5),
    (2024, 5, 1),
    (2024, 5, 2),
    (2024, 5, 3),
    (2024, 6, 10),
    (2024, 9, 16),
    (2024, 9, 17),
    (2024, 10, 1),
    (2024, 10, 2),
    (2024, 10, 3),
    (2024, 10, 4),
    (2024, 10, 7),
];

const WORKED_WEEKENDS: &[(i16, i8, i8)] = &[
    (2022, 1, 29),
    (2022, 1, 30),
    (2022, 4, 2),
    (2022, 4, 24),
    (2022, 5, 7),
    (2022, 10, 8),
    (2022, 10, 9),
    (2023, 1, 28),
    (2023, 1, 29),
    (2023, 4, 23),
    (2023, 5, 6),
    (2023, 6, 25),
    (2023, 10, 7),
    (2023, 10, 8),
    (2024, 2, 4),
    (2024, 2, 18),
    (2024, 4, 7),
    (2024, 4, 28),
    (2024, 5, 11),
    (2024, 9, 14),
    (2024, 9, 29),
    (2024, 10, 12),
];

/// Whether each day of 2022–2024 is a working day.
fn working_calendar() -> Vec<bool> {
    let is = |list: &[(i16, i8, i8)], d: Date| list.iter().any(|&(y, m, dd)| date(y, m, dd) == d);
    let mut out = Vec::new();
    let mut d = date(2022, 1, 1);
    while d <= date(2024, 12, 31) {
        let weekend = matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday);
        assert!(
            !(weekend && is(RESTED, d)),
            "{d} is a weekend day, not a rested weekday"
        );
        assert!(weekend || !is(WORKED_WEEKENDS, d), "{d} is no weekend day");
        out.push(if weekend {
            is(WORKED_WEEKENDS, d)
        } else {
            !is(RESTED, d)
        });
        d = d.tomorrow().unwrap();
    }
    out
}

#[test]
fn the_bound_holds_on_the_real_calendars() {
    let cal = working_calendar();
    for len in 1..=400_usize {
        let most = cal
            .windows(len)
            .map(|w| w.iter().filter(|&&x| x).count())
            .max()
            .unwrap();
        #[allow(clippy::cast_precision_loss)]
        let (most, len_f) = (most as f64, len as f64);
        assert!(
            most <= max_working_days(len_f),
            "{len} days held {most} working days, bound {}",
            max_working_days(len_f)
        );
        if len == 7 {
            assert_eq!(most, 7.0, "the data holds the 7-day runs");
        }
    }
}

#[test]
fn the_bound_grows_and_the_shortest_span_is_its_inverse() {
    let mut last = 0.0;
    for d in 0..800 {
        let m = max_working_days(f64::from(d));
        assert!(m >= last && m <= f64::from(d), "{d}: {m}");
        last = m;
    }
    for n in 0..500 {
        let n = f64::from(n);
        let shortest = (0..800)
            .map(f64::from)
            .find(|&d| max_working_days(d) >= n)
            .unwrap();
        assert_eq!(min_calendar_days(n), shortest, "{n} working days");
    }
    // A week can be all working days (调休); 30 working days never fit in 30 days.
    assert_eq!(min_calendar_days(7.0), 7.0);
    assert_eq!(max_working_days(29.0), 24.0);
    assert_eq!(
        TimeLimit::Amount {
            amount: 20.0,
            unit: LimitUnit::WorkingDay
        }
        .calendar_days(),
        (23.0, 37.0)
    );
}

/// `a` of `unit`.
fn l(a: f64, unit: LimitUnit) -> TimeLimit {
    TimeLimit::Amount { amount: a, unit }
}

#[test]
fn working_days_surely_longer_than_a_calendar_period() {
    use LimitUnit::{Day, Month, WorkingDay};
    for (wd, cal, unit) in [
        (30.0, 30.0, Day),
        (26.0, 30.0, Day),
        (30.0, 1.0, Month),
        (27.0, 1.0, Month),
        (60.0, 2.0, Month),
        (70.0, 3.0, Month),
        (9.0, 9.0, Day),
        (15.0, 15.0, Day),
        (31.0, 30.0, Day),
    ] {
        assert_eq!(
            l(wd, WorkingDay).exceeds(l(cal, unit)),
            Some(true),
            "{wd} against {cal}{unit:?}"
        );
    }
}

#[test]
fn working_days_that_may_fit_are_undecided() {
    use LimitUnit::{Day, Month, WorkingDay};
    for (wd, cal, unit) in [
        // 7 working days in a row happen (2022-01-24…30); 8日 runs on past a rest day.
        (7.0, 7.0, Day),
        (8.0, 8.0, Day),
        (20.0, 30.0, Day),
        (25.0, 30.0, Day),
        (26.0, 1.0, Month),
        (69.0, 3.0, Month),
    ] {
        assert_eq!(
            l(wd, WorkingDay).exceeds(l(cal, unit)),
            None,
            "{wd} against {cal}{unit:?}"
        );
    }
    assert_eq!(l(5.0, WorkingDay).exceeds(l(30.0, Day)), Some(false));
}

#[test]
fn a_calendar_period_is_never_longer_than_as_many_working_days() {
    use LimitUnit::{Day, Month, WorkingDay};
    for n in 1..=400 {
        let n = f64::from(n);
        assert_eq!(l(n, Day).exceeds(l(n, WorkingDay)), Some(false), "{n}");
    }
    assert_eq!(l(1.0, Month).exceeds(l(30.0, WorkingDay)), Some(false));
    assert_eq!(l(1.0, Month).exceeds(l(20.0, WorkingDay)), None);
    assert_eq!(l(20.0, Day).exceeds(l(15.0, WorkingDay)), None);
    assert_eq!(l(2.0, Month).exceeds(l(30.0, WorkingDay)), Some(true));
}

#[test]
fn other_units_compare_by_their_spans() {
    use LimitUnit::{Day, Month, WorkingDay};
    assert_eq!(l(20.0, WorkingDay).exceeds(l(15.0, WorkingDay)), Some(true));
    assert_eq!(
        l(15.0, WorkingDay).exceeds(l(15.0, WorkingDay)),
        Some(false)
    );
    assert_eq!(
        TimeLimit::Immediate.exceeds(l(1.0, WorkingDay)),
        Some(false)
    );
    assert_eq!(l(1.0, WorkingDay).exceeds(TimeLimit::Immediate), Some(true));
    assert_eq!(l(100.0, Day).exceeds(l(3.0, Month)), Some(true));
    assert_eq!(l(92.0, Day).exceeds(l(3.0, Month)), None);
    assert_eq!(l(30.0, Day).exceeds(l(1.0, Month)), None);
    assert_eq!(l(28.0, Day).exceeds(l(1.0, Month)), Some(false));
    // Months are at least their shortest run (二至七月 181 days): 180日 never exceeds 6个月 (h9).
    assert_eq!(l(180.0, Day).exceeds(l(6.0, Month)), Some(false));
    assert_eq!(l(182.0, Day).exceeds(l(6.0, Month)), None);
    assert_eq!(l(185.0, Day).exceeds(l(6.0, Month)), Some(true));
    assert_eq!(l(89.0, Day).exceeds(l(3.0, Month)), Some(false));
    assert_eq!(l(90.0, Day).exceeds(l(3.0, Month)), None);
    assert_eq!(l(6.0, Month).calendar_days(), (181.0, 184.0));
}

/// Minutes and hours are one scale; an 8-hour working day bounds them against working days
/// (h3 问题3, 问题12).
#[test]
fn minutes_hours_and_working_days() {
    use LimitUnit::{Day, Hour, Minute, Month, WorkingDay};
    assert_eq!(l(30.0, Minute).exceeds(l(1.0, Hour)), Some(false));
    assert_eq!(l(90.0, Minute).exceeds(l(1.0, Hour)), Some(true));
    assert_eq!(l(60.0, Minute).exceeds(l(1.0, Hour)), Some(false));
    assert_eq!(l(2.0, Hour).exceeds(l(60.0, Minute)), Some(true));
    assert_eq!(TimeLimit::Immediate.exceeds(l(30.0, Minute)), Some(false));
    // 即办 is done within the working day: hours within its 8 are not longer (h33 补领婚姻登记证).
    assert_eq!(l(30.0, Minute).exceeds(TimeLimit::Immediate), Some(false));
    assert_eq!(l(10.0, Minute).exceeds(TimeLimit::Immediate), Some(false));
    assert_eq!(l(1.0, Hour).exceeds(TimeLimit::Immediate), Some(false));
    assert_eq!(l(8.0, Hour).exceeds(TimeLimit::Immediate), Some(false));
    assert_eq!(l(9.0, Hour).exceeds(TimeLimit::Immediate), Some(true));
    assert_eq!(l(481.0, Minute).exceeds(TimeLimit::Immediate), Some(true));
    assert_eq!(l(1.0, WorkingDay).exceeds(TimeLimit::Immediate), Some(true));
    assert_eq!(l(3.0, Day).exceeds(TimeLimit::Immediate), Some(true));
    // Within the working day's 8 hours: never longer.
    assert_eq!(l(8.0, Hour).exceeds(l(1.0, WorkingDay)), Some(false));
    assert_eq!(l(480.0, Minute).exceeds(l(1.0, WorkingDay)), Some(false));
    assert_eq!(l(30.0, Minute).exceeds(l(1.0, WorkingDay)), Some(false));
    assert_eq!(l(16.0, Hour).exceeds(l(2.0, WorkingDay)), Some(false));
    // Past it: as clock hours they may still fit.
    assert_eq!(l(9.0, Hour).exceeds(l(1.0, WorkingDay)), None);
    assert_eq!(l(481.0, Minute).exceeds(l(1.0, WorkingDay)), None);
    // Working days a whole day more than the hours fill are longer; closer is undecided.
    assert_eq!(l(5.0, WorkingDay).exceeds(l(30.0, Minute)), Some(true));
    assert_eq!(l(2.0, WorkingDay).exceeds(l(8.0, Hour)), Some(true));
    assert_eq!(l(1.0, WorkingDay).exceeds(l(8.0, Hour)), None);
    assert_eq!(l(1.0, WorkingDay).exceeds(l(30.0, Minute)), None);
    assert_eq!(l(3.0, WorkingDay).exceeds(l(48.0, Hour)), None);
    // Minutes span what the same hours span.
    assert_eq!(
        l(90.0, Minute).calendar_days(),
        l(1.5, Hour).calendar_days()
    );
    assert_eq!(l(30.0, Minute).exceeds(l(1.0, Day)), None);
    assert_eq!(l(30.0, Minute).exceeds(l(1.0, Month)), Some(false));
}

/// 半个月 is at most 15 days (a period counts whole days), at least 14 (h3 问题12).
#[test]
fn half_a_month_is_at_most_fifteen_days() {
    use LimitUnit::{Day, Month};
    assert_eq!(l(0.5, Month).calendar_days(), (14.0, 15.0));
    assert_eq!(l(0.5, Month).exceeds(l(15.0, Day)), Some(false));
    assert_eq!(l(0.5, Month).exceeds(l(14.0, Day)), None);
    assert_eq!(l(16.0, Day).exceeds(l(0.5, Month)), Some(true));
    assert_eq!(l(15.0, Day).exceeds(l(0.5, Month)), None);
    assert_eq!(l(1.5, Month).calendar_days(), (42.0, 46.0));
}
