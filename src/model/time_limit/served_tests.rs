//! Tests of 随到随办, 随来随办 and 立等可取 beside an amount: alone, beside a conditional day figure
//! and beside minutes or hours they are 即办; beside a plain day figure the figure is the limit.

use crate::model::time_limit::{LimitUnit, ParsedLimit, TimeLimit, parse_time_limit};

fn limit(text: &str) -> TimeLimit {
    match parse_time_limit(text, "") {
        ParsedLimit::Limit(l) => l,
        other => panic!("{text}: {other:?}"),
    }
}

fn amount(a: f64, unit: LimitUnit) -> TimeLimit {
    TimeLimit::Amount { amount: a, unit }
}

fn wd(a: f64) -> TimeLimit {
    amount(a, LimitUnit::WorkingDay)
}

/// 随到随办, 随来随办, 即到即办 and 立等可取 are 即办 as the whole value (h25 问题3); 随时, 及时办理
/// and 尽快 say no time.
#[test]
fn come_and_done_words_are_immediate() {
    for t in [
        "随到随办",
        "随来随办",
        "即到即办",
        "立等可取",
        "当场办理",
        "随到随办。",
        "（随到随办）",
        "随到随办随结",
        "受理后立等可取",
        "当场办结（随到随办）",
        "即办（立等可取）",
    ] {
        assert_eq!(limit(t), TimeLimit::Immediate, "{t}");
    }
    for t in [
        "随时",
        "随时办理",
        "及时办理",
        "尽快",
        "尽快办结",
        "随到",
        "立等",
    ] {
        assert_eq!(parse_time_limit(t, ""), ParsedLimit::Unreadable, "{t}");
    }
}

/// Beside a plain day figure they say how the counter serves or what is handed out at once, as
/// 当场受理 does: the figure is the limit (h35 regression).
#[test]
fn a_plain_day_figure_beside_them_is_the_limit() {
    for (t, days) in [
        ("5个工作日（证件立等可取）", 5.0),
        ("5个工作日（窗口立等可取）", 5.0),
        ("5个工作日，证照立等可取", 5.0),
        ("5个工作日（其中领证立等可取）", 5.0),
        ("5个工作日（受理随到随办）", 5.0),
        ("随来随办（5个工作日内办结）", 5.0),
        ("随到随办，5个工作日内办结", 5.0),
        ("随到随办（窗口受理后1个工作日内出证）", 1.0),
        ("随到随办（现场核查后5个工作日内办结）", 5.0),
        ("随到随办（1个工作日内受理）", 1.0),
        ("立等可取（自受理之日起3个工作日）", 3.0),
        ("随到随办（需5个工作日）", 5.0),
        ("随到随办（二个工作日）", 2.0),
        ("5个工作日（随到随办）", 5.0),
        ("5个工作日（立等可取）", 5.0),
        ("3个工作日（立等可取）", 3.0),
        ("１个工作日（随到随办）", 1.0),
        // h36 回归: a plain 的, 网上 and 需 + a step are no condition.
        ("收到申请的5个工作日内（随到随办）", 5.0),
        ("随到随办，收到申请的5个工作日内办结", 5.0),
        ("受理的5个工作日内（立等可取）", 5.0),
        ("接件后的5个工作日（随到随办）", 5.0),
        ("随到随办（受理后的5个工作日内办结）", 5.0),
        ("随到随办（申请材料齐全的5个工作日内办结）", 5.0),
        ("符合条件的5个工作日内办结（立等可取）", 5.0),
        ("网上办理5个工作日（窗口立等可取）", 5.0),
        ("随到随办（网上申请5个工作日）", 5.0),
        ("立等可取（网上申请的1个工作日）", 1.0),
        ("立等可取（需审核5个工作日）", 5.0),
        ("立等可取（需核查5个工作日）", 5.0),
        ("随到随办（审核需要的5个工作日）", 5.0),
    ] {
        assert_eq!(limit(t), wd(days), "{t}");
    }
    assert_eq!(limit("立等可取（3日）"), amount(3.0, LimitUnit::Day));
    // Hours past a working day are a day figure, not the same day.
    assert_eq!(
        limit("随到随办（24小时内办结）"),
        amount(24.0, LimitUnit::Hour)
    );
    // A conditional word leaves any amount the limit.
    assert_eq!(limit("3个工作日（材料齐全的，随到随办）"), wd(3.0));
    assert_eq!(limit("2个工作日（符合条件的立等可取）"), wd(2.0));
    assert_eq!(
        limit("30分钟（符合条件的立等可取）"),
        amount(30.0, LimitUnit::Minute)
    );
}

/// A day figure under a condition (需…的, 如需, 复杂情形, 特殊情况, 邮寄, 顺延, 涉及…的) covers some
/// cases only, as in the rulebook's `2个工作日（能当场作出决定的，当场作出）` the other way round:
/// the word is the limit, as 即办 is beside the same figure (h36 regression).
#[test]
fn a_conditional_day_figure_leaves_them_immediate() {
    for t in [
        "立等可取（需现场核查的5个工作日）",
        "随到随办（需实地核查的3个工作日）",
        "随到随办（材料需补正的5个工作日内）",
        "立等可取（复杂情形5个工作日）",
        "立等可取（复杂情形3个工作日）",
        "随来随办（特殊情况3个工作日）",
        "立等可取（邮寄的另加3个工作日）",
        "随到随办（邮寄送达需2个工作日）",
        "立等可取（节假日顺延1个工作日）",
        "立等可取，如需核查则5个工作日",
        "随到随办，需要核查的5个工作日",
        "随到随办，需实地核查的5个工作日",
        "随到随办（需现场核查的3个工作日）",
        "随到随办（需现场核查的5个工作日）",
        "随到随办（涉及外地核查的10个工作日）",
        "随来随办（需上报的20个工作日）",
        "随到随办（复杂的3个工作日）",
        "立等可取（若需调查，十个工作日）",
        "随到随办【特殊情况3个工作日】",
        // 即办 and its kin beside the same figures, as before.
        "即办（需现场核查的5个工作日）",
        "当场办结（需现场核查的5个工作日）",
        "即时办结（需现场核查的5个工作日）",
        "立等可取（不能当场办结的3个工作日）",
    ] {
        assert_eq!(limit(t), TimeLimit::Immediate, "{t}");
    }
}

/// Minutes or hours within a working day beside them are the same day, 即办 anyway: the word is
/// the limit (h36 regression; the h35 change was for day figures).
#[test]
fn minutes_or_hours_beside_them_are_immediate() {
    for t in [
        "立等可取（10分钟）",
        "随到随办（30分钟内）",
        "立等可取（2小时）",
        "10分钟（立等可取）",
        "随到随办（2小时内）",
        "2小时（随到随办）",
        "随来随办（40分钟）",
        "立等可取（半小时）",
        "随到随办（8小时内）",
    ] {
        assert_eq!(limit(t), TimeLimit::Immediate, "{t}");
    }
    // Alone they are amounts as before.
    assert_eq!(limit("10分钟"), amount(10.0, LimitUnit::Minute));
    assert_eq!(limit("2小时"), amount(2.0, LimitUnit::Hour));
}
