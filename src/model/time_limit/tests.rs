//! Tests of the time-limit reading: the fast paths against the general one, forms seen.

use super::parse::{IMMEDIATE, KEY_CHARACTERS, compact, parse_compact, plain_amount};
use super::served::SERVED_AT_ONCE;
use super::*;
use crate::model::text::to_halfwidth;

#[test]
fn immediate_words_hold_a_key_character() {
    for w in IMMEDIATE.iter().chain(SERVED_AT_ONCE) {
        assert!(w.contains(KEY_CHARACTERS), "{w}");
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

/// `a` of `unit`.
fn amount(a: f64, unit: LimitUnit) -> TimeLimit {
    TimeLimit::Amount { amount: a, unit }
}

/// 即办件 in 户政, 社保 and 不动产查询 promise minutes (`承诺时限：30分钟`): a time limit like
/// 半小时 (h3 问题3).
#[test]
fn minutes_are_a_time_limit() {
    assert_eq!(limit("30分钟", ""), amount(30.0, LimitUnit::Minute));
    assert_eq!(limit("20分钟", ""), amount(20.0, LimitUnit::Minute));
    assert_eq!(limit("十五分钟", ""), amount(15.0, LimitUnit::Minute));
    assert_eq!(limit("30分钟内", ""), amount(30.0, LimitUnit::Minute));
    assert_eq!(limit("６０分钟", ""), amount(60.0, LimitUnit::Minute));
    assert_eq!(limit("30", "分钟"), amount(30.0, LimitUnit::Minute));
    assert_eq!(
        plain_amount("30分钟"),
        Some(amount(30.0, LimitUnit::Minute))
    );
    // One scale with hours: 60分钟 is an hour, 30分钟 half of one, in working days 1/16.
    assert_eq!(limit("60分钟", "").hours(), Some(1.0));
    assert_eq!(limit("半小时", "").hours(), limit("30分钟", "").hours());
    assert_eq!(limit("30分钟", "").working_days(), Some(0.0625));
    assert_eq!(limit("480分钟", "").working_days(), Some(1.0));
    assert_eq!(limit("481分钟", "").working_days(), None);
    assert_eq!(limit("30分钟", "").to_string(), "30分钟");
    // An immediate word still wins; a bare 分 is no unit.
    assert_eq!(limit("即时办结（30分钟）", ""), TimeLimit::Immediate);
    assert_eq!(parse_time_limit("30分", ""), ParsedLimit::Unreadable);
}

/// 「无」 with its reason in the same cell says there is no statutory limit (h3 问题4); B06
/// decides whether the reason is enough.
#[test]
fn no_limit_with_its_reason_in_the_cell() {
    for t in [
        "无（法律法规未规定）",
        "无（法律法规未规定办理时限）",
        "无，法律法规未规定办理时限",
        "无、法律法规未作规定",
        "法律法规未规定",
        "法律、法规未规定办理时限",
        "法律法规无明确规定",
        "无（见说明）",
        "无规定",
    ] {
        assert_eq!(limit(t, ""), TimeLimit::NoLimit, "{t}");
    }
    // An amount or an immediate word in the note is still read.
    assert_eq!(limit("无（即时办理）", ""), TimeLimit::Immediate);
    assert_eq!(limit("无(20个工作日)", ""), wd(20.0));
    assert_eq!(limit("未规定的按20个工作日", ""), wd(20.0));
    // 无 that begins another word is not 「无」.
    assert_eq!(parse_time_limit("无限期", ""), ParsedLimit::Unreadable);
    assert_eq!(parse_time_limit("按规定办理", ""), ParsedLimit::Unreadable);
}

/// 当场受理 says the application is accepted at once, not that the case is finished: the
/// amount beside it is the limit (h3 问题11). Without an amount it still reads as 即办.
#[test]
fn accepted_at_once_is_not_finished_at_once() {
    assert_eq!(limit("3个工作日（当场受理）", ""), wd(3.0));
    assert_eq!(limit("5个工作日（资料齐全当场受理）", ""), wd(5.0));
    assert_eq!(limit("当场受理，5个工作日内办结", ""), wd(5.0));
    assert_eq!(limit("即时受理，十个工作日", ""), wd(10.0));
    assert_eq!(limit("当场受理、当场办结", ""), TimeLimit::Immediate);
    assert_eq!(limit("当场受理", ""), TimeLimit::Immediate);
    assert_eq!(limit("1个工作日（即办）", ""), TimeLimit::Immediate);
    assert_eq!(limit("当场办结（1个工作日）", ""), TimeLimit::Immediate);
}

/// A range is not read as a limit, whatever its unit and numerals; [`range_upper`] names its
/// upper bound for the message.
#[test]
fn ranges_are_unreadable_and_name_their_upper_bound() {
    for (t, unit, upper) in [
        ("3-5个工作日", "", wd(5.0)),
        ("3-5天", "", amount(5.0, LimitUnit::Day)),
        ("1-2小时", "", amount(2.0, LimitUnit::Hour)),
        ("三至五个工作日", "", wd(5.0)),
        ("十至二十日", "", amount(20.0, LimitUnit::Day)),
        ("3到5个工作日", "", wd(5.0)),
        ("自受理之日起3-5个工作日", "", wd(5.0)),
        // Both ends with their unit (h8).
        ("1个工作日-3个工作日", "", wd(3.0)),
        ("3个工作日至5个工作日", "", wd(5.0)),
        ("3个工作日（含）至5个工作日", "", wd(5.0)),
        ("10日(不含)-15日", "", amount(15.0, LimitUnit::Day)),
        ("3日-5日", "", amount(5.0, LimitUnit::Day)),
        ("二十个工作日至三十个工作日", "", wd(30.0)),
        ("1个月10日至2个月", "", amount(2.0, LimitUnit::Month)),
        ("10-20个工作日", "", wd(20.0)),
        ("3至5个工作日", "", wd(5.0)),
        ("３～５个工作日", "", wd(5.0)),
        ("30-60分钟", "", amount(60.0, LimitUnit::Minute)),
        ("3-5", "工作日", wd(5.0)),
    ] {
        assert_eq!(parse_time_limit(t, unit), ParsedLimit::Unreadable, "{t}");
        assert_eq!(range_upper(t, unit), Some(upper), "{t}");
    }
    for t in [
        "按规定办理",
        "2023-2024",
        "尽快办结",
        "一般-5个工作日",
        "第1-3条规定的时限",
    ] {
        assert_eq!(range_upper(t, ""), None, "{t}");
    }
}

/// An immediate word in a clause that makes it conditional, 「…的，当场…」, is at once only for
/// some cases: the amount beside it is the limit (h4 问题3). The 行政许可法 formula stands in
/// 法定办结时限 and in step limits alike.
#[test]
fn a_conditional_immediate_word_leaves_the_amount() {
    for (t, limit_) in [
        ("2个工作日（能当场作出决定的，当场作出）", wd(2.0)),
        ("2个工作日（能当场作出决定的当场作出）", wd(2.0)),
        ("1个工作日（符合条件的即时受理）", wd(1.0)),
        ("1个工作日（材料齐全的当场受理）", wd(1.0)),
        ("1个工作日（符合条件的即时办结）", wd(1.0)),
        ("1个工作日，符合条件的当场办结", wd(1.0)),
        (
            "3个工作日（对材料齐全、符合法定形式的，可以当场办结）",
            wd(3.0),
        ),
        (
            "20个工作日（行政机关能够当场作出决定的，应当当场作出书面的行政许可决定）",
            wd(20.0),
        ),
        ("5个工作日（材料不齐全的，当场一次性告知）", wd(5.0)),
        (
            "自受理之日起二十个工作日（能够当场作出决定的，应当场作出）",
            wd(20.0),
        ),
    ] {
        assert_eq!(limit(t, ""), limit_, "{t}");
    }
}

/// The other side: an immediate word that is the limit, whatever amount stands beside it, and
/// a conditional one with no amount, are 即办 as before.
#[test]
fn an_unconditional_immediate_word_is_still_the_limit() {
    for t in [
        "1个工作日（即办）",
        "即办（1个工作日内）",
        "当场办结",
        "当场办结（1个工作日）",
        "即时（材料不全的1个工作日内一次性告知）",
        "即时办结（不能当场办结的，3个工作日内办结）",
        "符合条件的当场办结",
        "对材料齐全、符合法定形式的，当场办结",
        "即时办结（30分钟）",
        "当场受理、当场办结",
        "立即",
        "立即办理",
        "立即办结",
        // A step's limit as township clerks write it (h32: 高龄津贴申领, 应急预案备案).
        "当日",
        "当天",
        "当日内",
    ] {
        assert_eq!(limit(t, ""), TimeLimit::Immediate, "{t}");
    }
    // Inside a longer text 当日 dates something else.
    assert_eq!(limit("自受理当日起5个工作日", ""), wd(5.0));
    assert!(matches!(
        parse_time_limit("受理当日转交审批", ""),
        ParsedLimit::Unreadable
    ));
    // 的 that is no condition of the immediate word: the clause bounds keep them apart.
    assert_eq!(
        limit("当场办结（申请人提交的材料齐全）", ""),
        TimeLimit::Immediate
    );
    // 立即 inside a note is no limit of its own.
    assert_eq!(limit("5个工作日（立即告知补正）", ""), wd(5.0));
}

/// 实时 as the whole value is 即时: a system answers at once (h33 租赁住房提取住房公积金); 实
/// that ends another word (核实, 如实) is no immediate word, and 实时 inside a longer text or after
/// 非 leaves the reading alone (h33 regression).
#[test]
fn shishi_is_immediate() {
    for t in [
        "实时",
        "实时办结",
        "实时办理",
        "实时到账",
        "实时。",
        "（实时）",
        " 实时到账 ",
    ] {
        assert_eq!(limit(t, ""), TimeLimit::Immediate, "{t}");
    }
    for (t, n) in [
        ("3个工作日（实时结算）", 3.0),
        ("3个工作日（含实时核验）", 3.0),
        ("3个工作日（系统实时比对）", 3.0),
        ("3个工作日（非实时审核）", 3.0),
        ("非实时，3个工作日", 3.0),
        ("5个工作日（非实时结算）", 5.0),
        ("非实时结算的，5个工作日", 5.0),
        ("实时办结（3个工作日）", 3.0),
    ] {
        assert_eq!(limit(t, ""), wd(n), "{t}");
    }
    for t in ["非实时结算", "非实时", "系统实时审核"] {
        assert!(
            matches!(parse_time_limit(t, ""), ParsedLimit::Unreadable),
            "{t}"
        );
    }
    assert_eq!(limit("10个工作日（现场核实时间不计入）", ""), wd(10.0));
    assert_eq!(limit("5个工作日（如实时告知的除外）", ""), wd(5.0));
    assert_eq!(limit("3个工作日（落实时间另计）", ""), wd(3.0));
    assert_eq!(limit("3个工作日（实时受理）", ""), wd(3.0));
    assert!(matches!(
        parse_time_limit("核实时间另行通知", ""),
        ParsedLimit::Unreadable
    ));
}

/// Formal numerals (大写) are numerals (h4 问题15).
#[test]
fn formal_numerals() {
    assert_eq!(limit("壹个工作日", ""), wd(1.0));
    assert_eq!(limit("贰个工作日", ""), wd(2.0));
    assert_eq!(limit("叁日", ""), d(3.0));
    assert_eq!(limit("壹拾伍个工作日", ""), wd(15.0));
    assert_eq!(limit("贰拾个工作日", ""), wd(20.0));
    assert_eq!(limit("壹佰贰拾日", ""), d(120.0));
    assert_eq!(limit("伍", "工作日"), wd(5.0));
    assert_eq!(range_upper("叁至伍个工作日", ""), Some(wd(5.0)));
    assert_eq!(parse_time_limit("壹号窗口", ""), ParsedLimit::Unreadable);
}

/// A dash or 至 inside a note is no range: the limit before it stands (h8).
#[test]
fn a_dash_or_zhi_in_a_note_is_no_range() {
    for (t, l) in [
        ("5个工作日（不含公示期7-10天）", wd(5.0)),
        ("15个工作日（特殊情况可延长至三十个工作日）", wd(15.0)),
        ("20个工作日（依据第3-5条）", wd(20.0)),
        ("自受理之日起至作出决定20个工作日", wd(20.0)),
        // Dates and hours in a note are no range either (h10).
        ("5个工作日（不含公示期7日至10日）", wd(5.0)),
        ("20个工作日（1月1日至3月31日除外）", wd(20.0)),
        ("5个工作日（受理时间8时至12时）", wd(5.0)),
    ] {
        assert_eq!(parse_time_limit(t, ""), ParsedLimit::Limit(l), "{t}");
    }
}

/// A clause bound of three bytes (。【】) before an immediate word is no panic (proptest h33).
#[test]
fn a_wide_clause_bound_before_an_immediate_word() {
    assert_eq!(limit("办理。1即办", ""), TimeLimit::Immediate);
    assert_eq!(limit("5个工作日【符合条件的即办】", ""), wd(5.0));
}

/// A number with thousands separators (`2,400分钟`, `1,440分钟`; the full-width `2，400分钟` folds
/// to the same) is one number when three digits follow each comma and a unit the last group;
/// otherwise the comma separates a list, and the text is read as before (h35).
#[test]
fn thousands_separators_join_a_number() {
    assert_eq!(limit("2,400分钟", ""), amount(2400.0, LimitUnit::Minute));
    assert_eq!(limit("1,440分钟", ""), amount(1440.0, LimitUnit::Minute));
    assert_eq!(limit("2，400分钟", ""), amount(2400.0, LimitUnit::Minute));
    assert_eq!(
        limit("２，４００分钟", ""),
        amount(2400.0, LimitUnit::Minute)
    );
    assert_eq!(limit("1,440个小时", ""), amount(1440.0, LimitUnit::Hour));
    assert_eq!(
        limit("1,000,000分钟", ""),
        amount(1_000_000.0, LimitUnit::Minute)
    );
    assert_eq!(limit("2,400分钟内", ""), amount(2400.0, LimitUnit::Minute));
    assert_eq!(limit("2,400", "分钟"), amount(2400.0, LimitUnit::Minute));
    for t in [
        "2,4000分钟",
        "5,10,15个工作日",
        "2，40分钟",
        "2,400元",
        "1,440,5分钟",
        "1234,567分钟",
    ] {
        assert_eq!(parse_time_limit(t, ""), ParsedLimit::Unreadable, "{t}");
    }
    assert_eq!(
        range_upper("1,440-2,880分钟", ""),
        Some(amount(2880.0, LimitUnit::Minute))
    );
}
