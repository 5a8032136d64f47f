//! Reading a time-limit field: immediate words, ASCII and Chinese amounts, a separate unit field.

use std::borrow::Cow;

use super::{LimitUnit, ParsedLimit, TimeLimit};
use crate::model::text::to_halfwidth;

pub(super) const IMMEDIATE: &[&str] = &[
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
pub(super) fn compact(text: &str) -> Cow<'_, str> {
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
    match parse_compact(t, unit_field) {
        // A line break or tab inside the limit (`20⏎个工作日`, a wrapped cell) is no separator:
        // read again without them, only for a text that failed.
        ParsedLimit::Unreadable if t.contains(['\n', '\r', '\t']) => {
            let joined: String = t.chars().filter(|c| !c.is_whitespace()).collect();
            match plain_amount(&joined) {
                Some(limit) => ParsedLimit::Limit(limit),
                None => parse_compact(&joined, unit_field),
            }
        }
        parsed => parsed,
    }
}

/// The form almost every time limit takes, `20个工作日`, `5天`, `2小时`: one to six ASCII digits,
/// an optional `个` and a unit word, nothing else. Read directly because [`parse_compact`] reads
/// it the same way (`tests::plain_amount_is_the_general_reading`) through a dozen searches.
pub(super) fn plain_amount(t: &str) -> Option<TimeLimit> {
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
pub(super) fn parse_compact(t: &str, unit_field: &str) -> ParsedLimit {
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
