//! Reading a time-limit field: immediate words, ASCII and Chinese amounts, a separate unit field.

use std::borrow::Cow;

use super::served::{SERVED_AT_ONCE, served_at_once_wins};
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
    "即到即办",
    "当即办结",
    "现场办结",
    "当日办结",
    "当天办结",
    "即时",
    "当场",
];

/// 实时 (实时办结, 实时到账) as the whole value is 即时: a system answers at once (住房公积金提取).
/// Not in [`IMMEDIATE`]: inside a longer text it describes a check or a payment, not the limit
/// (`3个工作日（含实时核验）`, `3个工作日（实时结算）`, `非实时结算的，5个工作日`), and after 非 it
/// says the opposite; nor as the end of another word (`核实时间另行通知`).
const SHISHI: &[&str] = &["实时", "实时办结", "实时办理", "实时到账"];

/// Whether `t` is one of [`SHISHI`], maybe with punctuation around it (`实时。`, `（实时）`).
fn bare_shishi(t: &str) -> bool {
    let core = t.trim_matches(|c: char| c.is_ascii_punctuation() || "。、，；：【】".contains(c));
    SHISHI.contains(&core)
}

fn unit_from(text: &str) -> Option<LimitUnit> {
    let t = text.trim();
    if t.contains("工作日") {
        Some(LimitUnit::WorkingDay)
    } else if t.contains("分钟") {
        Some(LimitUnit::Minute)
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

/// Chinese numerals, the common forms and the formal ones (大写 `壹` `贰` … `拾` `佰`) some
/// platforms use in limits (`壹个工作日`).
const CN_NUMERALS: &str = "零一二三四五六七八九十百两半壹贰叁肆伍陆柒捌玖拾佰";

/// A Chinese numeral up to 999: `五`, `十五`, `二十`, `一百二十`, `一百零五`, `两`, `半`, and the
/// same in formal numerals (`贰`, `壹拾伍`).
fn chinese_number(s: &str) -> Option<f64> {
    if s == "半" {
        return Some(0.5);
    }
    let (mut total, mut cur, mut any) = (0u32, 0u32, false);
    for c in s.chars() {
        match c {
            '零' => any = true,
            '两' => (cur, any) = (2, true),
            '十' | '百' | '拾' | '佰' => {
                let scale = if matches!(c, '十' | '拾') { 10 } else { 100 };
                total += if cur == 0 { 1 } else { cur } * scale;
                (cur, any) = (0, true);
            }
            _ => {
                let d = "一二三四五六七八九"
                    .chars()
                    .position(|d| d == c)
                    .or_else(|| "壹贰叁肆伍陆柒捌玖".chars().position(|d| d == c))?;
                (cur, any) = (d as u32 + 1, true);
            }
        }
    }
    any.then(|| f64::from(total + cur))
}

/// The first run of Chinese numerals that a unit follows (`自受理之日起二十个工作日`), with the
/// byte where it starts and the text after it.
fn first_chinese_amount(t: &str) -> Option<(f64, usize, &str)> {
    let mut i = 0;
    while i < t.len() {
        let Some(start) = t[i..].find(|c| CN_NUMERALS.contains(c)).map(|p| i + p) else {
            break;
        };
        let end = t[start..]
            .find(|c| !CN_NUMERALS.contains(c))
            .map_or(t.len(), |p| start + p);
        let rest = &t[end..];
        if starts_range(rest) {
            return None;
        }
        if let Some(v) = chinese_number(&t[start..end]) {
            let head = rest.trim_start_matches(['个', '(', ')']);
            let head = head
                .get(..head.char_indices().nth(4).map_or(head.len(), |(i, _)| i))
                .unwrap_or(head);
            if unit_from(head).is_some() || rest.is_empty() {
                return Some((v, start, rest));
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

/// The form almost every time limit takes, `20个工作日`, `5天`, `2小时`, `30分钟`: one to six ASCII digits,
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
        "分钟" => LimitUnit::Minute,
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

/// A character every word of [`IMMEDIATE`] and [`SERVED_AT_ONCE`] holds: a text without one has none of them.
pub(super) const KEY_CHARACTERS: [char; 5] = ['即', '当', '现', '随', '立'];

/// Where an immediate word stands in `t`: `(finishing, any)`. An immediate word counts only when
/// nothing else can be read (`any`) when it stands
/// - right before 受理 (`当场受理`, `即时受理`): the application is accepted at once, not the case
///   finished (`3个工作日（当场受理）`);
/// - as a word of [`SERVED_AT_ONCE`], which yields to a plain day figure (`5个工作日（立等可取）`)
///   but not to a conditional one or to minutes and hours ([`served_at_once_wins`]);
/// - in a clause that makes it conditional, 「…的，当场…」 (the 行政许可法 formula
///   `20个工作日（能当场作出决定的，当场作出）`, `1个工作日，符合条件的即时办结`): at once only for
///   some cases, so the amount beside it is the limit ([`conditional_clause`]).
///
/// An unconditional one elsewhere finishes the case at once, the amount notwithstanding
/// (`1个工作日（即办）`, `即办（1个工作日内）`).
fn immediate_words(t: &str) -> (bool, bool) {
    // Every immediate word holds 即, 当, 现, 随 or 立 (`immediate_words_hold_a_key_character`).
    if !t.contains(KEY_CHARACTERS) {
        return (false, false);
    }
    let mut any = false;
    for w in IMMEDIATE {
        for (i, _) in t.match_indices(w) {
            if !t[i + w.len()..].starts_with("受理") && !conditional_clause(t, i) {
                return (true, true);
            }
            any = true;
        }
    }
    (false, any || SERVED_AT_ONCE.iter().any(|w| t.contains(w)))
}

/// What bounds a clause of a limit's text, after half-width folding: brackets, semicolons and
/// full stops. A comma does not: 「能当场作出决定的，当场作出」 is one clause.
pub(super) const CLAUSE_BOUNDS: &[char] = &['(', ')', '[', ']', '【', '】', ';', '。'];

/// Words that may stand between 「的」 and the immediate word (`…的，应当当场作出`).
const MODALS: &[&str] = &["应当", "应", "可以", "可", "予以", "均", "一律"];

/// Whether the clause of `t` around byte `at` is a condition and what is done under it:
/// 「的」, an optional comma and modal ([`MODALS`]), then an immediate word (`能当场作出决定的，
/// 当场作出`, `符合条件的即时办结`, `对材料齐全的，可以当场办结`). Every immediate word of such a
/// clause is conditional, the one inside the condition (`能当场…的`) too.
pub(super) fn conditional_clause(t: &str, at: usize) -> bool {
    // A bound may be 3 bytes (。【】): start after the whole character.
    let start = t[..at]
        .rfind(CLAUSE_BOUNDS)
        .map_or(0, |p| p + t[p..].chars().next().map_or(1, char::len_utf8));
    let end = t[at..].find(CLAUSE_BOUNDS).map_or(t.len(), |p| at + p);
    let clause = &t[start..end];
    clause.match_indices('的').any(|(j, d)| {
        let after = clause[j + d.len()..].trim_start_matches([',', '、']);
        std::iter::once(after)
            .chain(MODALS.iter().filter_map(|m| after.strip_prefix(m)))
            .any(|a| {
                IMMEDIATE
                    .iter()
                    .chain(SERVED_AT_ONCE)
                    .any(|w| a.starts_with(w))
            })
    })
}

/// Words that say the law sets no limit, in a text that holds no amount: `法律法规未规定`,
/// `无明确规定`. 「无规定」 is one of them, and without a reason B06 still fails it.
const NOT_SET: &[&str] = &[
    "未规定",
    "没有规定",
    "无规定",
    "无明确规定",
    "未明确规定",
    "未作规定",
    "无具体规定",
];

/// Whether a text that holds no amount says there is no statutory limit: 「无」 with its note in
/// the same cell (`无（法律法规未规定）`, `无，法律法规未规定办理时限`), or the words of [`NOT_SET`].
fn says_no_limit(t: &str) -> bool {
    t.strip_prefix('无').is_some_and(|rest| {
        // Compacted: `（` `，` `；` `：` are folded to their ASCII forms already.
        rest.starts_with(['(', '[', ',', ';', ':', '、', '。'])
    }) || NOT_SET.iter().any(|w| t.contains(w))
}

/// [`parse_time_limit`] of a text already compacted and not empty.
pub(super) fn parse_compact(t: &str, unit_field: &str) -> ParsedLimit {
    let (finishing, immediate) = immediate_words(t);
    // 「立即」 alone is 即时; not in [`IMMEDIATE`], where it would make `5个工作日（立即告知补正）`
    // 即办 (立即办理 and 立即办结 are there, or hold 即办). So is 「当日」 (「当天」) alone, a step's
    // limit as township clerks write it: inside a longer text it dates something else
    // (`受理当日转交`, `自受理当日起5个工作日`).
    if finishing || matches!(t, "立即" | "当日" | "当天" | "当日内" | "当天内") || bare_shishi(t)
    {
        return ParsedLimit::Limit(TimeLimit::Immediate);
    }
    if t.contains("无法定") || t == "无" || t.starts_with("无时限") || t.contains("没有法定")
    {
        return ParsedLimit::Limit(TimeLimit::NoLimit);
    }
    if unit_range(t).is_some() {
        return ParsedLimit::Unreadable;
    }
    match amount_at(t, unit_field) {
        Some((limit, at)) if served_at_once_wins(t, limit, at) => {
            ParsedLimit::Limit(TimeLimit::Immediate)
        }
        Some((limit, _)) => ParsedLimit::Limit(limit),
        None if immediate => ParsedLimit::Limit(TimeLimit::Immediate),
        None if says_no_limit(t) => ParsedLimit::Limit(TimeLimit::NoLimit),
        None => ParsedLimit::Unreadable,
    }
}

/// The first number, Arabic or Chinese, and the unit after it (or in `unit_field` when nothing
/// follows the number).
fn amount(t: &str, unit_field: &str) -> Option<TimeLimit> {
    amount_at(t, unit_field).map(|(limit, _)| limit)
}

/// [`amount`], with the byte where its number starts.
fn amount_at(t: &str, unit_field: &str) -> Option<(TimeLimit, usize)> {
    let start = t.find(|c: char| c.is_ascii_digit());
    let (amount, at, rest) = if let Some(s) = start {
        let end = t[s..]
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .map_or(t.len(), |e| s + e);
        let (number, end) = match thousands_end(t, s, end) {
            Some(grouped) => (Cow::Owned(t[s..grouped].replace(',', "")), grouped),
            None => (Cow::Borrowed(&t[s..end]), end),
        };
        match number.parse::<f64>() {
            Ok(v) if v.is_finite() && !starts_range(&t[end..]) => (v, s, &t[end..]),
            _ => return None,
        }
    } else {
        first_chinese_amount(t)?
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
    })?;
    Some((TimeLimit::Amount { amount, unit }, at))
}

/// Where a number written with thousands separators ends (`2,400分钟`, `1,440分钟`, and
/// `2，400分钟` folded to the same): `t[s..end]` holds one to three digits, and each comma after
/// them is followed by exactly three digits, the last group by a unit (`个`, then a unit word) or
/// by nothing (the unit in its own field). `None` when the number has no such groups: `2,4天`,
/// `5,10,15个工作日` and `2,400元` are lists or no limits, read as before.
fn thousands_end(t: &str, s: usize, end: usize) -> Option<usize> {
    if !(1..=3).contains(&(end - s)) || !t[s..end].bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut at = end;
    while let Some(group) = t[at..].strip_prefix(',') {
        let digits = group.bytes().take_while(u8::is_ascii_digit).count();
        if digits != 3 || group[3..].starts_with('.') {
            break;
        }
        at += 4;
    }
    let rest = t[at..].trim_start_matches('个');
    let unit = rest.is_empty()
        || [
            "工作日",
            "日",
            "天",
            "自然日",
            "小时",
            "时",
            "分钟",
            "月",
            "年",
        ]
        .iter()
        .any(|w| rest.starts_with(w));
    (at > end && unit).then_some(at)
}

/// Range separators between two amounts (`3-5个工作日`, `3至5个工作日`), after half-width folding.
const RANGE_SEPARATORS: &[&str] = &["-", "—", "–", "~", "至", "到"];

/// Whether `rest`, the text right after a number, goes on to a second one (`-5天`, `至五个工作日`):
/// the number is then the lower bound of a range, and no limit on its own. Every range is read
/// so, whatever its unit (`3-5天` as `3-5个工作日`), and [`range_upper`] names its upper bound.
fn starts_range(rest: &str) -> bool {
    RANGE_SEPARATORS.iter().any(|sep| {
        rest.strip_prefix(sep)
            .and_then(|r| r.chars().next())
            .is_some_and(|c| c.is_ascii_digit() || CN_NUMERALS.contains(c))
    })
}

/// The upper bound of a range whose two ends both have their unit (`1个工作日-3个工作日`,
/// `3日至5日`, `二十个工作日至三十个工作日`, `3个工作日（含）至5个工作日`), as text: the end of
/// `t` after the separator. The lower end is an amount whose unit ends it, and the upper end
/// starts with a number; so `5个工作日(不含公示期7-10天)` and `15个工作日(特殊情况可延长至三十个工作日)` are no ranges.
fn unit_range(t: &str) -> Option<&str> {
    if !t.contains(['-', '—', '–', '~', '至', '到']) {
        return None;
    }
    RANGE_SEPARATORS.iter().find_map(|sep| {
        let (head, tail) = t.split_once(sep)?;
        // `3个工作日（含）至5个工作日`: the lower end said to be included.
        let head = ["(含)", "(不含)"]
            .iter()
            .find_map(|n| head.strip_suffix(n))
            .unwrap_or(head);
        let numeral = |c: char| c.is_ascii_digit() || CN_NUMERALS.contains(c);
        // The lower end is one amount, not a note's date or hour (`5个工作日(不含公示期7日至
        // 10日)`, `20个工作日(1月1日至3月31日除外)`): no bracket or comma, at most two runs of
        // numerals.
        let runs = head
            .chars()
            .zip(std::iter::once(' ').chain(head.chars()))
            .filter(|&(c, prev)| numeral(c) && !numeral(prev))
            .count();
        // `1个月10日至2个月`: a compound amount is one amount too.
        (runs <= 2
            && !head.contains(CLAUSE_BOUNDS)
            && !head.contains([',', '、'])
            && head.ends_with(['日', '天', '月', '年', '时', '钟'])
            && tail.starts_with(numeral)
            && amount(head, "").is_some()
            && amount(tail, "").is_some())
        .then_some(tail)
    })
}

/// The upper bound of a limit written as a range, `3-5个工作日`, `10至20个工作日`, `30-60分钟`:
/// `None` when the text is no such range. A range is readable but not a
/// definite limit; B06 and B07 name its upper bound in their message. Only for a text that
/// [`parse_time_limit`] could not read (it reads `20个工作日（自受理至决定）` itself).
pub fn range_upper(text: &str, unit_field: &str) -> Option<TimeLimit> {
    let t = compact(text);
    let t = t.as_ref();
    RANGE_SEPARATORS
        .iter()
        .find_map(|sep| {
            let (head, tail) = t.split_once(sep)?;
            let numeral = |c: char| c.is_ascii_digit() || CN_NUMERALS.contains(c);
            // The lower bound ends in a number (`3-`, `自受理之日起3至`).
            if !(head.ends_with(numeral) && tail.starts_with(numeral)) {
                return None;
            }
            amount(tail, unit_field)
        })
        .or_else(|| unit_range(t).and_then(|tail| amount(tail, unit_field)))
}
