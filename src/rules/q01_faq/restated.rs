//! An FAQ that asks for one of the item's short elements — its 承诺办结时限, its 咨询电话 or
//! 监督电话 — and answers with nothing but that element's value (「办理时限是多久？」 —
//! 「3个工作日。」 where the item promises 3个工作日; 「咨询电话是多少？」 — 「0566-2118062」
//! where that is the item's 咨询电话): the FAQ only repeats the element, as an answer that copies
//! the 办理地点 does. Those elements are too short for the copy test of `elements`, which
//! takes an answer of ten characters or more for a copy whatever the question.
//!
//! Decided by the question: the same 「3个工作日」 answers 「补正材料后多久重新受理？」, which
//! asks about something the element does not say, and a number to call answers
//! 「如何查询办理进度？」. Only a question that asks for the element itself is taken for one that
//! repeats it.
//!
//! Not here: which answers are fine so far, and what their questions ask (`faqs`); the finding
//! (`mod.rs`).

use crate::model::phone::parse_phones;
use crate::model::text::to_halfwidth;
use crate::model::{Item, ItemField};
use crate::rules::general_text::asks_for_contact;

/// An element a question asks for by itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Asked {
    /// How long the handling takes (`办理时限是多久？`, `办理需要多长时间？`, `多长时间可以办结？`).
    TimeLimit,
    /// A phone or another way to reach someone (`咨询电话是多少？`, `如何咨询？`).
    Contact,
}

/// The cores ([`question_key`](super::questions::question_key)) of a question that asks for the
/// handling's time limit and nothing else: `办理时限是多久？`, `办理要多久？`, `需要多长时间？`,
/// `多长时间可以办结？` are `时限#`; `承诺办结时限是多久？` is `承诺时限#`.
const TIME_LIMIT_CORES: &[&[char]] = &[&['时', '限', '#'], &['承', '诺', '时', '限', '#']];

/// What element `question` (with its core) asks for by itself, if any.
pub(super) fn asked(question: &str, core: &[char]) -> Option<Asked> {
    if TIME_LIMIT_CORES.contains(&core) {
        Some(Asked::TimeLimit)
    } else if asks_for_contact(question) {
        Some(Asked::Contact)
    } else {
        None
    }
}

/// Words that only frame a time limit in an answer (`承诺时限为3个工作日`, `自受理之日起3个工作日内
/// 办结`), taken out before it is compared, longest first. `个` goes too (`3工作日` is
/// `3个工作日`).
const LIMIT_FRAMES: &[&str] = &[
    "自受理之日起",
    "受理之日起",
    "自受理后",
    "受理后",
    "承诺办结时限",
    "承诺办理时限",
    "法定办结时限",
    "办结时限",
    "办理时限",
    "承诺时限",
    "时限",
    "承诺",
    "一般",
    "需要",
    "办结",
    "办完",
    "完成",
    "个",
    "需",
    "为",
    "是",
    "在",
    "内",
];

/// Words that only frame a phone number in an answer (`咨询电话：0566-2118062`,
/// `请致电0566-2118062`), taken out with the number, longest first.
const PHONE_FRAMES: &[&str] = &[
    "咨询电话",
    "联系电话",
    "监督电话",
    "投诉电话",
    "电话号码",
    "联系方式",
    "电话咨询",
    "请拨打",
    "请致电",
    "拨打",
    "致电",
    "电话",
    "号码",
    "咨询",
    "联系",
    "可以",
    "请",
    "可",
    "为",
    "是",
];

/// `text` normalised (half-width, lower case, letters and digits only), without the `frames`,
/// and with its Chinese numerals as digits ([`numerals_as_digits`]): `三个工作日` is
/// `3个工作日`.
fn unframed(text: &str, frames: &[&str]) -> String {
    // Not `normalize_for_compare`, which takes a leading `一、` for a list label: all of the
    // text is compared.
    let mut t: String = to_halfwidth(text)
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect();
    for f in frames {
        if t.contains(f) {
            t = t.replace(f, "");
        }
    }
    // After the frames, which hold numerals that count nothing (`一般`).
    numerals_as_digits(&t)
}

/// Chinese numerals that count, for [`numerals_as_digits`].
const NUMERALS: &str = "零〇一二三四五六七八九十两百";

/// `text` with each run of Chinese numerals that reads as a number written in digits: `三` is
/// `3`, `两` is `2`, `十五` is `15`, `二十` is `20`, `一百二十` is `120`. A run of several digit
/// numerals without 十 or 百 (`一五`) is no number written so, and stays.
pub(super) fn numerals_as_digits(text: &str) -> String {
    if !text.chars().any(|c| NUMERALS.contains(c)) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut run = Vec::new();
    let flush = |run: &mut Vec<char>, out: &mut String| {
        match numeral_value(run) {
            Some(v) => out.push_str(&v.to_string()),
            None => out.extend(run.iter()),
        }
        run.clear();
    };
    for c in text.chars() {
        if NUMERALS.contains(c) {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
            out.push(c);
        }
    }
    flush(&mut run, &mut out);
    out
}

/// The value of a run of Chinese numerals, if it is one number.
fn numeral_value(run: &[char]) -> Option<u32> {
    let digit = |c: char| match c {
        '零' | '〇' => Some(0),
        '一' => Some(1),
        '二' | '两' => Some(2),
        '三' => Some(3),
        '四' => Some(4),
        '五' => Some(5),
        '六' => Some(6),
        '七' => Some(7),
        '八' => Some(8),
        '九' => Some(9),
        _ => None,
    };
    match run {
        [] => None,
        [c] if *c != '十' && *c != '百' => digit(*c),
        _ => {
            let (mut total, mut pending, mut last_unit) = (0, None::<u32>, u32::MAX);
            for &c in run {
                let unit = match c {
                    '十' => 10,
                    '百' => 100,
                    _ => {
                        // Two digits in a row (`一五`), but a 零 may stand before one (`一百零五`).
                        if pending.is_some_and(|p| p != 0) {
                            return None;
                        }
                        pending = Some(digit(c)?);
                        continue;
                    }
                };
                // Units only go down (`一百二十`), and 十 or 百 once each.
                if unit >= last_unit {
                    return None;
                }
                total += pending.take().unwrap_or(1) * unit;
                last_unit = unit;
            }
            Some(total + pending.unwrap_or(0))
        }
    }
}

/// The label of the element `answer` is nothing but, for a question that asks for `asked`: the
/// item's 承诺办结时限 (with its unit), or its 咨询电话 or 监督电话 (every number of the answer one
/// of the element's, nothing else besides words that frame a number).
pub(super) fn restated(item: &Item, answer: &str, asked: Asked) -> Option<&'static str> {
    match asked {
        Asked::TimeLimit => {
            let promised = format!(
                "{}{}",
                item.promised_limit.trim(),
                item.promised_limit_unit.trim()
            );
            let limit = unframed(&promised, LIMIT_FRAMES);
            (!limit.is_empty() && unframed(answer, LIMIT_FRAMES) == limit)
                .then(|| ItemField::PromisedLimit.label())
        }
        Asked::Contact => [ItemField::ConsultPhone, ItemField::SupervisePhone]
            .into_iter()
            .find(|&field| only_phone_of(answer, item.get(field)))
            .map(ItemField::label),
    }
}

/// Whether `answer` holds one phone number or more, each one of `element`'s (the same local
/// number, and the same area code where both write one), and nothing else but [`PHONE_FRAMES`].
fn only_phone_of(answer: &str, element: &str) -> bool {
    let own = parse_phones(element);
    let phones = parse_phones(answer);
    if own.is_empty() || phones.is_empty() {
        return false;
    }
    let known = phones.iter().all(|p| {
        own.iter().any(|o| {
            o.number == p.number
                && o.extension == p.extension
                && (o.area_code.is_none() || p.area_code.is_none() || o.area_code == p.area_code)
        })
    });
    if !known {
        return false;
    }
    // What is left once the numbers as written are out (half-width, as parse_phones keeps them).
    let mut rest = to_halfwidth(answer);
    for p in &phones {
        rest = rest.replacen(&p.raw, "", 1);
    }
    unframed(&rest, PHONE_FRAMES).is_empty()
}
