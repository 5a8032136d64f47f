//! Text normalisation shared by readers, the crawler and the rules: full-width to half-width,
//! label normalisation for header matching, placeholder detection, and garbled text.
//!
//! This file holds folding, labels, quoting and URLs as a clerk reads them. Not here: empty and
//! placeholder values and [`trim`] (`blank`), garbled text (`mojibake`), the byte-pair
//! pre-checks (`byte_pairs`), traditional characters (`traditional`), tick boxes (`ticks`), the
//! tests (`tests`, `mojibake_tests`).

mod blank;
mod byte_pairs;
mod mojibake;
#[cfg(test)]
mod mojibake_tests;
#[cfg(test)]
mod tests;
mod ticks;
mod traditional;

pub use blank::{PLACEHOLDERS, SENTENCE_ENDS, is_blank_or_placeholder, trim};
#[cfg(test)]
use blank::{ends_with_space, is_placeholder, starts_with_space};
pub(crate) use byte_pairs::{any_byte_pair, zero_padded};
#[cfg(test)]
pub(crate) use mojibake::ascii_escaped;
#[cfg(test)]
use mojibake::{MARKERS, find_marker, find_mojibake_exactly, may_hold_mojibake};
pub use mojibake::{find_mojibake, line_may_hold_mojibake};
pub use ticks::{check_mark, ticked, ticked_one};
pub use traditional::fold_traditional;

/// Whether `c` is a format character (Unicode category Cf, the soft hyphen U+00AD among them):
/// invisible in most fonts — zero-width space, joiners, word joiner, the BOM U+FEFF, bidi
/// embeddings and overrides such as U+202E — and common in text copied from web pages.
pub fn is_format_char(c: char) -> bool {
    matches!(c,
        '\u{00AD}'
        | '\u{0600}'..='\u{0605}'
        | '\u{061C}'
        | '\u{06DD}'
        | '\u{070F}'
        | '\u{0890}'..='\u{0891}'
        | '\u{08E2}'
        | '\u{180E}'
        | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{206F}'
        | '\u{FEFF}'
        | '\u{FFF9}'..='\u{FFFB}'
        | '\u{110BD}'
        | '\u{110CD}'
        | '\u{13430}'..='\u{1343F}'
        | '\u{1BCA0}'..='\u{1BCA3}'
        | '\u{1D173}'..='\u{1D17A}'
        | '\u{E0001}'
        | '\u{E0020}'..='\u{E007F}')
}

/// Folds full-width ASCII (`０-９`, `Ａ-Ｚ`, `：`, `（`…) and the ideographic space to half-width.
pub fn to_halfwidth(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{3000}' => ' ',
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// The time units a header names after its element (`（工作日）`, `/天`, `（分钟）`), with or
/// without `个`: those [`crate::model::time_limit`] reads after a bare number.
const LABEL_TIME_UNITS: [&str; 9] = [
    "工作日",
    "日",
    "天",
    "自然日",
    "小时",
    "分钟",
    "周",
    "月",
    "年",
];

/// Whether `text` is a time unit as a header names it (`工作日`, `个工作日`, `天`, `分钟` …).
pub(crate) fn is_label_time_unit(text: &str) -> bool {
    LABEL_TIME_UNITS.contains(&text.strip_prefix('个').unwrap_or(text))
}

/// A note with its `单位` word dropped: `单位：工作日` and `单位为工作日` are `工作日`.
fn without_unit_word(note: &str) -> &str {
    note.strip_prefix("单位")
        .map(|rest| rest.trim_start_matches([':', '为', '是']))
        .filter(|rest| !rest.is_empty())
        .unwrap_or(note)
}

/// Normalises a header or label for matching: half-width, no spaces, no colons, no brackets, no
/// marks of required columns (`*`, `★`, `☆`, `※`), no trailing unit notes like `(工作日)` or
/// `/工作日` (`承诺时限/工作日` is `承诺时限`; a slash before anything else stays, `原件/复印件`).
pub fn normalize_label(s: &str) -> String {
    let half = to_halfwidth(s);
    let mut out = String::with_capacity(half.len());
    let mut depth = 0u32;
    for c in half.chars() {
        match c {
            '(' | '[' | '【' | '〔' | '<' | '《' => depth += 1,
            ')' | ']' | '】' | '〕' | '>' | '》' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            c if c.is_whitespace()
                || matches!(
                    c,
                    ':' | '*' | '★' | '☆' | '※' | '、' | '\u{feff}' | '\u{200b}'
                ) => {}
            c => out.push(c),
        }
    }
    if let Some((name, unit)) = out.rsplit_once('/')
        && !name.is_empty()
        && (unit.is_empty() || is_label_time_unit(without_unit_word(unit)))
    {
        out.truncate(name.len());
    }
    out
}

/// The note after a header's name, `工作日` in `承诺办结时限（工作日）`: the unit its bare numbers
/// are in. The note is the text in the first brackets, without a leading `单位：`
/// (`承诺办结时限（单位：工作日）`), or else a time unit after a slash (`承诺时限/工作日`). `None`
/// when the header has no such note.
pub fn label_note(label: &str) -> Option<String> {
    let half: String = to_halfwidth(label)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let bracketed = || {
        let open = half.find(['(', '[', '【', '〔'])?;
        let rest = &half[open + half[open..].chars().next()?.len_utf8()..];
        let close = rest.find([')', ']', '】', '〕'])?;
        Some(without_unit_word(&rest[..close]))
    };
    let slashed = || {
        let (name, unit) = half.rsplit_once('/')?;
        let unit = without_unit_word(unit);
        (!name.is_empty() && is_label_time_unit(unit)).then_some(unit)
    };
    let note = bracketed().or_else(slashed)?;
    (!note.is_empty()).then(|| note.to_owned())
}

/// Whether a cell holds a number in Excel's scientific notation (`1.13417E+30`, `5.66202E+09`):
/// a long code or phone that Excel turned into a number, after which its digits are lost.
pub fn looks_scientific(s: &str) -> bool {
    let Some((mantissa, exponent)) = s.trim().split_once(['E', 'e']) else {
        return false;
    };
    let exponent = exponent.strip_prefix('+').unwrap_or(exponent);
    (1..=3).contains(&exponent.len())
        && exponent.bytes().all(|b| b.is_ascii_digit())
        && mantissa.bytes().any(|b| b.is_ascii_digit())
        && mantissa.parse::<f64>().is_ok()
}

/// A value followed by a note in brackets at its end, as clerks qualify a value:
/// `1次（领取证件）` is `("1次", "领取证件")`, `法定本级行使（市级）` is `("法定本级行使", "市级")`.
/// Full- and half-width brackets (`（）`, `()`, `【】`, `[]`) count, nested ones too, and a full stop
/// after the closing bracket is ignored. `None` when the text does not end with a bracketed note or
/// nothing stands before it (`（1次）`). Whether the note qualifies or contradicts the value is for
/// the caller to decide.
pub fn value_and_note(text: &str) -> Option<(&str, &str)> {
    let t = text.trim().trim_end_matches(['。', '.']).trim_end();
    let close = t.chars().next_back()?;
    if !matches!(close, ')' | '）' | ']' | '】') {
        return None;
    }
    let end = t.len() - close.len_utf8();
    let mut depth = 0u32;
    for (i, c) in t[..end].char_indices().rev() {
        match c {
            ')' | '）' | ']' | '】' => depth += 1,
            '(' | '（' | '[' | '【' if depth == 0 => {
                let head = t[..i].trim();
                return (!head.is_empty()).then(|| (head, t[i + c.len_utf8()..end].trim()));
            }
            '(' | '（' | '[' | '【' => depth -= 1,
            _ => {}
        }
    }
    None
}

/// Cuts a long text for quoting in a message (by characters, never inside a character).
pub fn quote(s: &str, max_chars: usize) -> String {
    let t = s.trim();
    if t.chars().count() <= max_chars {
        t.to_owned()
    } else {
        let mut cut: String = t.chars().take(max_chars).collect();
        cut.push('…');
        cut
    }
}

/// A URL as a clerk reads it: percent-encoded UTF-8 shown as the characters it stands for
/// (`…/%E7%94%B3%E8%AF%B7%E8%A1%A8.docx` → `…/申请表.docx`), as a browser's address bar shows it.
/// Encoded ASCII (`%20`, `%2F`) and bytes that are not UTF-8 (a GBK-encoded name) stay encoded, so
/// the text still leads to the same file.
pub fn display_url(url: &str) -> String {
    fn hex_byte(b: &[u8]) -> Option<u8> {
        let s = std::str::from_utf8(b).ok()?;
        u8::from_str_radix(s, 16).ok()
    }
    let bytes = url.as_bytes();
    let mut out = String::with_capacity(url.len());
    let mut i = 0;
    while i < bytes.len() {
        // A run of encoded bytes ≥ 0x80: the UTF-8 of non-ASCII characters.
        let mut run = Vec::new();
        let mut j = i;
        while j + 3 <= bytes.len() && bytes[j] == b'%' {
            match hex_byte(&bytes[j + 1..j + 3]) {
                Some(b) if b >= 0x80 => run.push(b),
                _ => break,
            }
            j += 3;
        }
        if run.is_empty() {
            let c = url[i..].chars().next().unwrap_or_default();
            out.push(c);
            i += c.len_utf8().max(1);
            continue;
        }
        match std::str::from_utf8(&run) {
            Ok(s) if !s.chars().any(char::is_control) => out.push_str(s),
            _ => out.push_str(&url[i..j]),
        }
        i = j;
    }
    out
}

/// Percent-decodes bytes (`%E7%94%B3` → the raw bytes `E7 94 B3`), leaving alone every other
/// byte and a `%` not followed by two hex digits (`100%`, `%+1`).
pub fn percent_decode(v: &[u8]) -> Vec<u8> {
    let hex = |b: u8| (b as char).to_digit(16);
    let mut out = Vec::with_capacity(v.len());
    let mut i = 0;
    while i < v.len() {
        if v[i] == b'%'
            && let Some((h, l)) = v
                .get(i + 1)
                .and_then(|&h| Some((hex(h)?, hex(*v.get(i + 2)?)?)))
        {
            out.push((h * 16 + l) as u8);
            i += 3;
            continue;
        }
        out.push(v[i]);
        i += 1;
    }
    out
}
