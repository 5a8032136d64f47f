//! 办结时限 — time limits as published: `20个工作日`, `30日`, `3个月`, `即时办结`, `即办`,
//! `当场办结`, `2小时`, a number with its unit in a separate field, full-width digits, and
//! `无法定时限`. [`parse_time_limit`] never panics; what it cannot read is `Unreadable`.
//!
//! Limits in different units are compared through the range of calendar days they can span
//! ([`TimeLimit::calendar_days`]): 20 working days span 20 to 37 calendar days (weekends plus a
//! week of public holidays). One limit is *surely* longer than another only when its shortest span
//! exceeds the other's longest; otherwise the comparison says it cannot tell.

use std::borrow::Cow;
use std::cmp::Ordering;

use serde::Serialize;

use super::text::to_halfwidth;

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

const IMMEDIATE: &[&str] = &[
    "即时办结",
    "即办",
    "即时办理",
    "当场办结",
    "当场办理",
    "立即办理",
    "即来即办",
    "当即办结",
    "现场办结",
    "当日办结",
    "当天办结",
    "即时",
    "当场",
];

fn unit_from(text: &str) -> Option<LimitUnit> {
    let t = text.trim();
    if t.contains("工作日") {
        Some(LimitUnit::WorkingDay)
    } else if t.contains("小时") || t.contains("时") && !t.contains("日") {
        Some(LimitUnit::Hour)
    } else if t.contains("自然日") || t.contains('日') || t.contains('天') {
        Some(LimitUnit::Day)
    } else if t.contains('月') {
        Some(LimitUnit::Month)
    } else if t.contains('年') {
        Some(LimitUnit::Year)
    } else {
        match t {
            "1" => Some(LimitUnit::WorkingDay), // the common code 1 = 工作日 (see data/zwfw_value_domains.csv)
            "2" => Some(LimitUnit::Day),
            _ => None,
        }
    }
}

const CN_NUMERALS: &str = "零一二三四五六七八九十百两半";

/// A Chinese numeral up to 999: `五`, `十五`, `二十`, `一百二十`, `一百零五`, `两`, `半`.
fn chinese_number(s: &str) -> Option<f64> {
    if s == "半" {
        return Some(0.5);
    }
    let (mut total, mut cur, mut any) = (0u32, 0u32, false);
    for c in s.chars() {
        match c {
            '零' => any = true,
            '两' => (cur, any) = (2, true),
            '十' | '百' => {
                let scale = if c == '十' { 10 } else { 100 };
                total += if cur == 0 { 1 } else { cur } * scale;
                (cur, any) = (0, true);
            }
            _ => {
                let d = "一二三四五六七八九".chars().position(|d| d == c)?;
                (cur, any) = (d as u32 + 1, true);
            }
        }
    }
    any.then(|| f64::from(total + cur))
}

/// The first run of Chinese numerals that a unit follows (`自受理之日起二十个工作日`), with the
/// text after it.
fn first_chinese_amount(t: &str) -> Option<(f64, &str)> {
    let mut i = 0;
    while i < t.len() {
        let Some(start) = t[i..].find(|c| CN_NUMERALS.contains(c)).map(|p| i + p) else {
            break;
        };
        let end = t[start..]
            .find(|c| !CN_NUMERALS.contains(c))
            .map_or(t.len(), |p| start + p);
        let rest = &t[end..];
        if let Some(v) = chinese_number(&t[start..end]) {
            let head = rest.trim_start_matches(['个', '(', ')']);
            let head = head
                .get(..head.char_indices().nth(4).map_or(head.len(), |(i, _)| i))
                .unwrap_or(head);
            if unit_from(head).is_some() || rest.is_empty() {
                return Some((v, rest));
            }
        }
        i = end;
    }
    None
}

/// `to_halfwidth(text).trim().replace([' ', '\u{a0}'], "")`, copying only when something changes:
/// a full-width character needs a lead byte `E3` (U+3000) or `EF` (U+FF01–U+FF5E), and the spaces
/// are looked for before they are replaced.
fn compact(text: &str) -> Cow<'_, str> {
    let half = if text.bytes().any(|b| b == 0xE3 || b == 0xEF) {
        Cow::Owned(to_halfwidth(text))
    } else {
        Cow::Borrowed(text)
    };
    let trimmed = half.trim();
    if trimmed.contains([' ', '\u{a0}']) {
        Cow::Owned(trimmed.replace([' ', '\u{a0}'], ""))
    } else if trimmed.len() == half.len() {
        half
    } else {
        Cow::Owned(trimmed.to_owned())
    }
}

/// Parses a time-limit field; `unit_field` is the separate unit column when the platform has one.
pub fn parse_time_limit(text: &str, unit_field: &str) -> ParsedLimit {
    let t = compact(text);
    let t = t.as_ref();
    if t.is_empty() {
        return ParsedLimit::Empty;
    }
    if let Some(limit) = plain_amount(t) {
        return ParsedLimit::Limit(limit);
    }
    parse_compact(t, unit_field)
}

/// The form almost every time limit takes, `20个工作日`, `5天`, `2小时`: one to six ASCII digits,
/// an optional `个` and a unit word, nothing else. Read directly because [`parse_compact`] reads
/// it the same way (`tests::plain_amount_is_the_general_reading`) through a dozen searches.
fn plain_amount(t: &str) -> Option<TimeLimit> {
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 6 {
        return None;
    }
    let rest = &t[digits..];
    let rest = rest.strip_prefix('个').unwrap_or(rest);
    let unit = match rest {
        "工作日" => LimitUnit::WorkingDay,
        "日" | "天" | "自然日" => LimitUnit::Day,
        "小时" => LimitUnit::Hour,
        "月" => LimitUnit::Month,
        "年" => LimitUnit::Year,
        _ => return None,
    };
    let amount = t[..digits]
        .bytes()
        .fold(0u32, |n, d| n * 10 + u32::from(d - b'0'));
    Some(TimeLimit::Amount {
        amount: f64::from(amount),
        unit,
    })
}

/// [`parse_time_limit`] of a text already compacted and not empty.
fn parse_compact(t: &str, unit_field: &str) -> ParsedLimit {
    // Every immediate word holds 即, 当 or 现 (`immediate_words_hold_a_key_character`).
    if t.contains(['即', '当', '现']) && IMMEDIATE.iter().any(|w| t.contains(w)) {
        return ParsedLimit::Limit(TimeLimit::Immediate);
    }
    if t.contains("无法定") || t == "无" || t.starts_with("无时限") || t.contains("没有法定")
    {
        return ParsedLimit::Limit(TimeLimit::NoLimit);
    }
    // The first number, Arabic or Chinese, with the text after it.
    let start = t.find(|c: char| c.is_ascii_digit());
    let (amount, rest) = if let Some(s) = start {
        let end = t[s..]
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .map_or(t.len(), |e| s + e);
        match t[s..end].parse::<f64>() {
            Ok(v) if v.is_finite() => (v, &t[end..]),
            _ => return ParsedLimit::Unreadable,
        }
    } else {
        match first_chinese_amount(t) {
            Some(found) => found,
            None => return ParsedLimit::Unreadable,
        }
    };
    let rest = rest.trim_start_matches(['个', '(', ')']);
    let unit = unit_from(
        rest.get(..rest.char_indices().nth(4).map_or(rest.len(), |(i, _)| i))
            .unwrap_or(rest),
    )
    .or_else(|| {
        if rest.is_empty() {
            unit_from(&to_halfwidth(unit_field))
        } else {
            None
        }
    });
    match unit {
        Some(unit) => ParsedLimit::Limit(TimeLimit::Amount { amount, unit }),
        None => ParsedLimit::Unreadable,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let wd = |a| TimeLimit::Amount {
            amount: a,
            unit: LimitUnit::WorkingDay,
        };
        let d = |a| TimeLimit::Amount {
            amount: a,
            unit: LimitUnit::Day,
        };
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
    fn comparisons_are_sure_or_none() {
        let wd = |a| TimeLimit::Amount {
            amount: a,
            unit: LimitUnit::WorkingDay,
        };
        let d = |a| TimeLimit::Amount {
            amount: a,
            unit: LimitUnit::Day,
        };
        assert_eq!(wd(20.0).compare(wd(15.0)), Some(Ordering::Greater));
        assert_eq!(wd(31.0).compare(d(30.0)), Some(Ordering::Greater));
        assert_eq!(wd(20.0).compare(d(30.0)), None);
        assert_eq!(TimeLimit::Immediate.compare(wd(1.0)), Some(Ordering::Less));
        assert_eq!(
            d(100.0).compare(TimeLimit::Amount {
                amount: 3.0,
                unit: LimitUnit::Month
            }),
            Some(Ordering::Greater)
        );
    }
}
