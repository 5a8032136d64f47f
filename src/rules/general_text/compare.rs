//! Normalising short texts for comparing: half-width, lower case, letters, digits and Han only,
//! as strings or as characters.

#[allow(clippy::wildcard_imports)]
use super::*;

/// Normalises a short text for comparing: half-width, lower case, letters, digits and Han
/// characters only, without a leading list label or `问`/`Q` label (`1、`, `（1）`, `①`, `一、`,
/// `问题2：`, `Q3.`). A leading number that no label mark follows is content and stays
/// (`3个工作日`).
pub fn normalize_for_compare(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_compare_chars(s, &mut out);
    let label = label_len(&out, s);
    out.drain(..label);
    out
}

/// Appends the letters, digits and Han characters of `s` to `out`, half-width and lower case:
/// `to_halfwidth(s).to_lowercase()` filtered by `char::is_alphanumeric`, in one pass and without
/// allocating. ASCII and CJK characters (nearly all of a published text) skip the Unicode case
/// tables: no character from U+2E80 to U+9FFF has a lower case, and Han ideographs are letters
/// (both checked by `similarity_tests::cjk_fast_path_matches_unicode`).
pub(super) fn push_compare_chars(s: &str, out: &mut String) {
    let start = out.len();
    // Characters kept as they are (lower-case ASCII letters, digits, Han) are copied a run at a
    // time, not pushed one by one.
    let mut run = 0;
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // Kept characters are recognised by their bytes, without decoding: lower-case ASCII
        // letters and digits, and U+4E00..=U+9FFF, whose UTF-8 form is three bytes led by
        // E5..=E9, or by E4 with a second byte of B8 or more.
        let b = bytes[i];
        if b.is_ascii_lowercase() || b.is_ascii_digit() {
            i += 1;
            continue;
        }
        if (0xE5..=0xE9).contains(&b) || b == 0xE4 && bytes[i + 1] >= 0xB8 {
            i += 3;
            continue;
        }
        let c = s[i..].chars().next().expect("a character starts here");
        out.push_str(&s[run..i]);
        i += c.len_utf8();
        run = i;
        // to_halfwidth: U+3000 becomes a space, which is dropped like U+3000 itself.
        let c = match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        };
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                out.push(c.to_ascii_lowercase());
            }
        } else if c == 'Σ' {
            // `str::to_lowercase` lowers a final sigma by its context, which one character
            // cannot see: take the slow road for the whole text (Greek is rare here).
            out.truncate(start);
            out.extend(
                to_halfwidth(s)
                    .to_lowercase()
                    .chars()
                    .filter(|c| c.is_alphanumeric()),
            );
            return;
        } else {
            match compare_class(c) {
                CompareClass::Kept => out.push(c),
                CompareClass::Dropped => {}
                CompareClass::Lowered => {
                    out.extend(c.to_lowercase().filter(|l| l.is_alphanumeric()));
                }
            }
        }
    }
    out.push_str(&s[run..]);
}

/// What comparing does with a character other than ASCII and the Han characters
/// `push_compare_chars` recognises by their bytes (and other than `Σ`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum CompareClass {
    /// It is its own lower case and a letter or digit: kept as it is.
    Kept,
    /// It is its own lower case and neither letter nor digit: dropped.
    Dropped,
    /// Anything else: lowered through the Unicode tables, and its letters and digits kept.
    Lowered,
}

/// The [`CompareClass`] of a character: what `c.to_lowercase().filter(char::is_alphanumeric)`
/// yields, answered for the Basic Multilingual Plane from a table filled in as characters are
/// met (punctuation such as `。` and `“` would otherwise go through the Unicode tables on every
/// occurrence). Racing threads store the same value.
pub(super) fn compare_class(c: char) -> CompareClass {
    const UNKNOWN: u8 = 0;
    static CLASSES: [AtomicU8; 0x10000] = [const { AtomicU8::new(UNKNOWN) }; 0x10000];
    let decide = || {
        if !c.to_lowercase().eq(std::iter::once(c)) {
            CompareClass::Lowered
        } else if c.is_alphanumeric() {
            CompareClass::Kept
        } else {
            CompareClass::Dropped
        }
    };
    let Some(slot) = CLASSES.get(c as usize) else {
        return decide();
    };
    match slot.load(Ordering::Relaxed) {
        1 => CompareClass::Kept,
        2 => CompareClass::Dropped,
        3 => CompareClass::Lowered,
        _ => {
            let class = decide();
            slot.store(class as u8 + 1, Ordering::Relaxed);
            class
        }
    }
}

/// The length in bytes of the leading list label or `问`/`Q` label of a text kept by
/// [`push_compare_chars`] from `raw`: `问题2：`, `Q3.` (a question label and its number), or a
/// number that [`list_label`] reads as a list label in `raw`.
pub(super) fn label_len(kept: &str, raw: &str) -> usize {
    for prefix in ["问题", "问", "q"] {
        if let Some(r) = kept.strip_prefix(prefix) {
            if r.starts_with(|c: char| c.is_ascii_digit()) {
                return kept.len() - r.trim_start_matches(|c: char| c.is_ascii_digit()).len();
            }
            break;
        }
    }
    kept.chars().take(list_label(raw)).map(char::len_utf8).sum()
}

/// Circled and parenthesised numbers, each a list label by itself: `①`…`⑳`, `⑴`…`⒇`, `⒈`…`⒛`.
fn is_enclosed_number(c: char) -> bool {
    ('\u{2460}'..='\u{249B}').contains(&c)
}

/// How many characters of the number a list label of `raw` begins with, as normalising keeps
/// them: `1.`, `1、`, `1）`, `（1）`, `【1】`, `1.2 `, `①`, `一、`, `（三）`, followed by text;
/// also `1，`, `1,`, `1-`, `1—` and a dotted number (`1.1`) when text that is no number and no
/// unit follows ([`LABEL_SEPARATORS`], [`UNITS`]: `1，需要哪些材料？`, `1.1需要哪些材料？`).
/// A number followed by anything else is content (`3个工作日`, `1.5个工作日`, `0566-2118062`,
/// `1-2个工作日`, `2024年`, `一次性告知`): 0.
pub(super) fn list_label(raw: &str) -> usize {
    let t = raw.trim_start();
    let mut chars = t.chars().peekable();
    let close = match chars.peek() {
        Some('(') => Some(')'),
        Some('（') => Some('）'),
        Some('[') => Some(']'),
        Some('【') => Some('】'),
        Some('〔') => Some('〕'),
        _ => None,
    };
    if close.is_some() {
        chars.next();
    }
    let digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    let numeral = |c: char| "一二三四五六七八九十".contains(c);
    let Some(&first) = chars.peek() else {
        return 0;
    };
    if is_enclosed_number(first) {
        chars.next();
        // `①申请书`, `（①）` (rare) alike.
        return usize::from(close.is_none_or(|c| chars.next() == Some(c)));
    }
    let mut count = 0;
    let mut dotted = false;
    if numeral(first) {
        while chars.peek().is_some_and(|&c| numeral(c)) {
            chars.next();
            count += 1;
        }
    } else if digit(first) {
        // Digits, and dotted numbers (`1.2`): a dot followed by a digit goes on.
        loop {
            while chars.peek().is_some_and(|&c| digit(c)) {
                chars.next();
                count += 1;
            }
            let mut ahead = chars.clone();
            if matches!(ahead.next(), Some('.' | '．')) && ahead.peek().is_some_and(|&c| digit(c))
            {
                chars.next();
                dotted = true;
            } else {
                break;
            }
        }
    }
    if count == 0 || count > 3 {
        return 0;
    }
    // What follows the label starts a text, not a number or a measure: `1，需要…`, not
    // `1-2个工作日`, `1.5个工作日`.
    let text_follows = |mut rest: std::iter::Peekable<std::str::Chars>| {
        rest.peek().is_some_and(|&c| {
            is_han(c) && !numeral(c) && !UNITS.contains(c) && !"两几半第".contains(c)
        })
    };
    let ends = match (close, chars.peek().copied()) {
        (Some(c), Some(n)) => n == c,
        // `1.`, `1、`, `1）`, `一、`, `1 ` — and then something.
        (None, Some('.' | '．' | '、' | ':' | '：' | ')' | '）' | ' ' | '\u{3000}')) => true,
        // `1，需要…`, `1-需要…`, `1——需要…`.
        (None, Some(c)) if LABEL_SEPARATORS.contains(c) => {
            while chars
                .peek()
                .is_some_and(|&c| LABEL_SEPARATORS.contains(c) || c.is_whitespace())
            {
                chars.next();
            }
            text_follows(chars)
        }
        // `1.1需要…` (an outline number), not `1.5个工作日`.
        (None, Some(_)) => dotted && text_follows(chars),
        _ => false,
    };
    if ends { count } else { 0 }
}

/// Marks that end a list label when text follows them, not a number or unit (see
/// [`list_label`]): `1，`, `1,`, `1-`, `1—`, `1——`.
const LABEL_SEPARATORS: &str = "，,-－—–";

/// Characters that, right after a number, make it a measure (`1.5个工作日`, `2.0版`, `1.2万元`,
/// `3，5年`): the number is content, not a list label.
const UNITS: &str = "个年月日天号时小分秒周星元角万亿千百米公克斤吨平亩岁次倍人名份件页张本套户家项条层楼栋幢室版期届级类种批部台辆座间度折成升毫厘里寸英码位路";

/// Whether `c` is a Han character (the CJK Unified Ideographs block).
fn is_han(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// [`normalize_for_compare`] as characters, into `out` (cleared first): the same text decoded
/// once, for the comparisons that then go character by character without decoding again (see
/// `similarity_tests::char_versions_agree_with_the_strings`). Han characters are decoded by hand
/// from their three bytes, like `push_compare_chars` recognises them; every other character
/// goes through the same mapping as there.
pub fn normalize_chars_into(s: &str, out: &mut Vec<char>) {
    // Written by index into a slice as long as `s` has bytes: no character lowers to more
    // characters than it has bytes (`similarity_tests::lowering_never_outgrows_the_bytes`), so
    // the slice is long enough; should it not be, the plain definition answers.
    out.clear();
    out.resize(s.len(), '\0');
    let buf = &mut out[..];
    let mut n = 0;
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b >= 0xE4 {
            if b <= 0xE9 && (b != 0xE4 || bytes[i + 1] >= 0xB8) {
                // The whole run of Han characters that starts here (never none: this one is).
                let run = decode_han_run(&bytes[i..], &mut buf[n..]);
                if run > 0 {
                    n += run;
                    i += 3 * run;
                    continue;
                }
            }
        } else if b.is_ascii_lowercase() || b.is_ascii_digit() {
            buf[n] = char::from(b);
            n += 1;
            i += 1;
            continue;
        }
        let c = s[i..].chars().next().expect("a character starts here");
        i += c.len_utf8();
        let c = match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        };
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                buf[n] = c.to_ascii_lowercase();
                n += 1;
            }
        } else if c == 'Σ' {
            // As in `push_compare_chars`: the whole text through the Unicode definition.
            n = usize::MAX;
            break;
        } else {
            match compare_class(c) {
                CompareClass::Kept => {
                    buf[n] = c;
                    n += 1;
                }
                CompareClass::Dropped => {}
                CompareClass::Lowered => {
                    for l in c.to_lowercase().filter(|l| l.is_alphanumeric()) {
                        if n == buf.len() {
                            n = usize::MAX;
                            break;
                        }
                        buf[n] = l;
                        n += 1;
                    }
                    if n == usize::MAX {
                        break;
                    }
                }
            }
        }
    }
    if n == usize::MAX {
        out.clear();
        out.extend(normalize_for_compare(s).chars());
        return;
    }
    out.truncate(n);
    let label = label_len_chars(out, s);
    if label > 0 {
        out.drain(..label);
    }
}

/// Decodes the Han characters (U+4E00..=U+9FFF, three bytes led by `E5`..=`E9`, or by `E4` with
/// a second byte of `B8` or more) at the start of `bytes` into `out`, up to the first other
/// character or the end of `out`: how many. Three bytes at a time, without a bounds check per
/// byte (most of an answer or an element is such a run).
#[inline]
pub(super) fn decode_han_run(bytes: &[u8], out: &mut [char]) -> usize {
    let mut run = 0;
    for (chunk, slot) in bytes.chunks_exact(3).zip(out.iter_mut()) {
        let (b0, b1, b2) = (chunk[0], chunk[1], chunk[2]);
        if !(matches!(b0, 0xE5..=0xE9) || b0 == 0xE4 && b1 >= 0xB8) {
            break;
        }
        let c = u32::from(b0 & 0x0F) << 12 | u32::from(b1 & 0x3F) << 6 | u32::from(b2 & 0x3F);
        // Always a character (U+4000..=U+9FFF); should it not be, the caller decodes it.
        let Some(c) = char::from_u32(c) else {
            break;
        };
        *slot = c;
        run += 1;
    }
    run
}

/// [`label_len`] in characters, for a text kept by [`normalize_chars_into`] from `raw`.
pub(super) fn label_len_chars(kept: &[char], raw: &str) -> usize {
    for prefix in [&['问', '题'][..], &['问'], &['q']] {
        if let Some(r) = kept.strip_prefix(prefix) {
            if r.first().is_some_and(char::is_ascii_digit) {
                let digits = r.iter().take_while(|c| c.is_ascii_digit()).count();
                return prefix.len() + digits;
            }
            break;
        }
    }
    list_label(raw).min(kept.len())
}

/// Where `needle` first occurs in `haystack`, as characters: [`find_text`] for texts decoded
/// into characters (UTF-8 matches only at character boundaries, so the two agree).
pub fn find_chars(haystack: &[char], needle: &[char]) -> Option<usize> {
    let Some(&first) = needle.first() else {
        return Some(0);
    };
    if needle.len() > haystack.len() {
        return None;
    }
    let last_start = haystack.len() - needle.len();
    let mut from = 0;
    while let Some(at) = haystack[from..=last_start].iter().position(|&c| c == first) {
        let i = from + at;
        if same_chars(&haystack[i + 1..i + needle.len()], &needle[1..]) {
            return Some(i);
        }
        from = i + 1;
    }
    None
}

/// Whether two equally long runs of characters are the same, compared one by one (short runs:
/// cheaper than a call to `memcmp`).
pub(super) fn same_chars(a: &[char], b: &[char]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x == y)
}

/// `text.starts_with(prefix)`, compared one by one.
pub(super) fn starts_with_chars(text: &[char], prefix: &[char]) -> bool {
    text.len() >= prefix.len() && same_chars(&text[..prefix.len()], prefix)
}

/// `s = s.replace(word, "")` on characters, in place: every occurrence, left to right, without
/// overlaps.
pub(super) fn remove_all_chars(s: &mut Vec<char>, word: &[char]) {
    let Some(&first) = word.first() else {
        return;
    };
    let Some(start) = find_chars(s, word) else {
        return;
    };
    let (mut read, mut write) = (start + word.len(), start);
    while read < s.len() {
        if s[read] == first && starts_with_chars(&s[read..], word) {
            read += word.len();
        } else {
            s[write] = s[read];
            write += 1;
            read += 1;
        }
    }
    s.truncate(write);
}
