//! Tests of the time-limit reading: the fast paths against the general one, forms seen.

use super::parse::{IMMEDIATE, compact, parse_compact, plain_amount};
use super::*;
use crate::model::text::to_halfwidth;

#[test]
fn immediate_words_hold_a_key_character() {
    for w in IMMEDIATE {
        assert!(w.contains(['即', '当', '现']), "{w}");
    }
}

proptest::proptest! {
    #[test]
    fn plain_amount_is_the_general_reading(
        head in proptest::sample::select(vec!["", "", "", "约", "二", "即", "无"]),
        digits in proptest::sample::select(vec!["", "0", "1", "5", "10", "007", "365", "1234567", "5.5"]),
        ge in proptest::sample::select(vec!["", "个", "个个", "(", ")"]),
        unit in proptest::sample::select(vec![
            "工作日", "日", "天", "自然日", "小时", "时", "月", "年", "工作", "周", "分钟", "",
        ]),
        tail in proptest::sample::select(vec!["", "", "", "内", "(", "5", "工作日"]),
        unit_field in proptest::sample::select(vec!["", "1", "2", "工作日", "天"]),
    ) {
        let t = [head, digits, ge, unit, tail].concat();
        if let Some(limit) = plain_amount(&t) {
            proptest::prop_assert_eq!(
                ParsedLimit::Limit(limit),
                parse_compact(&t, unit_field),
                "{:?}",
                t
            );
        }
    }
}

#[test]
fn plain_amount_reads_the_usual_forms() {
    for (t, amount, unit) in [
        ("20个工作日", 20.0, LimitUnit::WorkingDay),
        ("5天", 5.0, LimitUnit::Day),
        ("30日", 30.0, LimitUnit::Day),
        ("2小时", 2.0, LimitUnit::Hour),
        ("3个月", 3.0, LimitUnit::Month),
    ] {
        assert_eq!(
            plain_amount(t),
            Some(TimeLimit::Amount { amount, unit }),
            "{t}"
        );
    }
    for t in [
        "即办",
        "5.5个工作日",
        "二十个工作日",
        "20个工作日内",
        "1234567天",
        "工作日",
    ] {
        assert_eq!(plain_amount(t), None, "{t}");
    }
}

#[test]
fn compact_is_the_plain_chain() {
    for text in [
        "",
        " ",
        "２０个工作日",
        "\u{3000}20 个\u{a0}工作日\u{3000}",
        "20个工作日",
        " 即办 ",
        "、。20日",
        "\u{2003}5天\u{2003}",
    ] {
        let plain = to_halfwidth(text).trim().replace([' ', '\u{a0}'], "");
        assert_eq!(compact(text), plain, "{text:?}");
    }
}

/// `a` working days.
fn wd(a: f64) -> TimeLimit {
    TimeLimit::Amount {
        amount: a,
        unit: LimitUnit::WorkingDay,
    }
}

/// `a` calendar days.
fn d(a: f64) -> TimeLimit {
    TimeLimit::Amount {
        amount: a,
        unit: LimitUnit::Day,
    }
}

fn limit(text: &str, unit: &str) -> TimeLimit {
    match parse_time_limit(text, unit) {
        ParsedLimit::Limit(l) => l,
        other => panic!("{text}: {other:?}"),
    }
}

#[test]
fn forms_seen_on_platforms() {
    assert_eq!(
        limit("20个工作日", ""),
        TimeLimit::Amount {
            amount: 20.0,
            unit: LimitUnit::WorkingDay
        }
    );
    assert_eq!(
        limit("30日", ""),
        TimeLimit::Amount {
            amount: 30.0,
            unit: LimitUnit::Day
        }
    );
    assert_eq!(
        limit("3个月", ""),
        TimeLimit::Amount {
            amount: 3.0,
            unit: LimitUnit::Month
        }
    );
    assert_eq!(limit("即时办结", ""), TimeLimit::Immediate);
    assert_eq!(limit("即办", ""), TimeLimit::Immediate);
    assert_eq!(limit("当场办结", ""), TimeLimit::Immediate);
    assert_eq!(
        limit("１５", "工作日"),
        TimeLimit::Amount {
            amount: 15.0,
            unit: LimitUnit::WorkingDay
        }
    );
    assert_eq!(
        limit("5", "1"),
        TimeLimit::Amount {
            amount: 5.0,
            unit: LimitUnit::WorkingDay
        }
    );
    assert_eq!(
        limit("十五个工作日", ""),
        TimeLimit::Amount {
            amount: 15.0,
            unit: LimitUnit::WorkingDay
        }
    );
    assert_eq!(
        limit("2小时", ""),
        TimeLimit::Amount {
            amount: 2.0,
            unit: LimitUnit::Hour
        }
    );
    assert_eq!(limit("无法定时限", ""), TimeLimit::NoLimit);
    assert_eq!(parse_time_limit("", ""), ParsedLimit::Empty);
    assert_eq!(parse_time_limit("按规定办理", ""), ParsedLimit::Unreadable);
    assert_eq!(parse_time_limit("20", ""), ParsedLimit::Unreadable);
}

#[test]
fn chinese_numerals_and_unit_fields() {
    assert_eq!(limit("一百二十日", ""), d(120.0));
    assert_eq!(limit("一百零五日", ""), d(105.0));
    assert_eq!(limit("二十五个工作日", ""), wd(25.0));
    assert_eq!(limit("自受理之日起二十个工作日", ""), wd(20.0));
    assert_eq!(limit("３", "１"), wd(3.0));
    assert_eq!(limit("二", "工作日"), wd(2.0));
    assert_eq!(limit("15（工作日）", ""), wd(15.0));
    assert_eq!(limit("当场", ""), TimeLimit::Immediate);
    assert_eq!(limit("即时", ""), TimeLimit::Immediate);
    assert_eq!(
        limit("半个月", ""),
        TimeLimit::Amount {
            amount: 0.5,
            unit: LimitUnit::Month
        }
    );
    assert_eq!(parse_time_limit("第一百条", ""), ParsedLimit::Unreadable);
}

#[test]
fn a_line_break_inside_a_limit_is_no_separator() {
    assert_eq!(limit("20\n个工作日", ""), wd(20.0));
    assert_eq!(limit("2\r\n0个工作日", ""), wd(20.0));
    assert_eq!(limit("自受理之日起\n二十个工作日", ""), wd(20.0));
    assert_eq!(parse_time_limit("按\n规定", ""), ParsedLimit::Unreadable);
}
