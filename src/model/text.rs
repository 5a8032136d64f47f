//! Text normalisation shared by readers, the crawler and the rules: full-width to half-width,
//! label normalisation for header matching, and placeholder detection.

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

/// Normalises a header or label for matching: half-width, no spaces, no colons, no brackets, no
/// asterisks marking required columns, no trailing unit notes like `(工作日)`.
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
                || matches!(c, ':' | '*' | '※' | '、' | '\u{feff}' | '\u{200b}') => {}
            c => out.push(c),
        }
    }
    out
}

/// The note in brackets after a header's name, `工作日` in `承诺办结时限（工作日）`: the unit its
/// bare numbers are in. `None` when the header has no bracketed note.
pub fn label_note(label: &str) -> Option<String> {
    let half = to_halfwidth(label);
    let open = half.find(['(', '[', '【', '〔'])?;
    let rest = &half[open + half[open..].chars().next()?.len_utf8()..];
    let close = rest.find([')', ']', '】', '〕'])?;
    let note: String = rest[..close]
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    (!note.is_empty()).then_some(note)
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

/// The values that stand in for a missing value on real platforms.
pub const PLACEHOLDERS: &[&str] = &[
    "无",
    "/",
    "／",
    "-",
    "--",
    "—",
    "——",
    "暂无",
    "空",
    "null",
    "NULL",
    "none",
    "None",
    "N/A",
    "n/a",
    "详见附件",
    "见附件",
    "见上",
    "同上",
    "略",
    "待定",
    "待补充",
    "0",
];

/// Whether a trimmed value is empty or only a placeholder such as `无`, `/` or `暂无`.
pub fn is_blank_or_placeholder(s: &str) -> bool {
    let t = trim(s);
    t.is_empty() || is_placeholder(t)
}

/// `PLACEHOLDERS.contains(&t)` as one `match` (by length, then bytes) instead of a comparison
/// with each entry; `tests::placeholder_match_is_the_list` keeps the two in step.
fn is_placeholder(t: &str) -> bool {
    matches!(
        t,
        "无" | "/"
            | "／"
            | "-"
            | "--"
            | "—"
            | "——"
            | "暂无"
            | "空"
            | "null"
            | "NULL"
            | "none"
            | "None"
            | "N/A"
            | "n/a"
            | "详见附件"
            | "见附件"
            | "见上"
            | "同上"
            | "略"
            | "待定"
            | "待补充"
            | "0"
    )
}

/// `s.trim()`, without decoding either end when neither is whitespace (the usual case): the
/// first and last characters are matched as bytes against the UTF-8 encodings of the 25
/// whitespace characters (`char::is_whitespace`), and only a text that starts or ends with one
/// goes to `str::trim`. `tests::space_ends_are_exact` checks the byte patterns against
/// `char::is_whitespace` for every character.
#[inline]
pub fn trim(s: &str) -> &str {
    let b = s.as_bytes();
    if starts_with_space(b) || ends_with_space(b) {
        s.trim()
    } else {
        s
    }
}

/// Whether the UTF-8 text `b` starts with a whitespace character.
#[inline]
fn starts_with_space(b: &[u8]) -> bool {
    match b {
        [x, ..] if *x < 0x80 => matches!(x, 0x09..=0x0D | 0x20),
        [0xC2, 0x85 | 0xA0, ..]
        | [0xE1, 0x9A, 0x80, ..]
        | [0xE2, 0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF, ..]
        | [0xE2, 0x81, 0x9F, ..]
        | [0xE3, 0x80, 0x80, ..] => true,
        _ => false,
    }
}

/// Whether the UTF-8 text `b` ends with a whitespace character. A lead byte (`C2`, `E1`–`E3`)
/// two or three bytes from the end can only start the last character.
#[inline]
fn ends_with_space(b: &[u8]) -> bool {
    match b {
        [.., x] if *x < 0x80 => matches!(x, 0x09..=0x0D | 0x20),
        [.., 0xC2, 0x85 | 0xA0]
        | [.., 0xE1, 0x9A, 0x80]
        | [.., 0xE2, 0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF]
        | [.., 0xE2, 0x81, 0x9F]
        | [.., 0xE3, 0x80, 0x80] => true,
        _ => false,
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_header_note_is_the_text_in_its_first_brackets() {
        assert_eq!(
            label_note("承诺办结时限（工作日）").as_deref(),
            Some("工作日")
        );
        assert_eq!(label_note("法定时限 ( 天 )").as_deref(), Some("天"));
        assert_eq!(
            label_note("承诺办结时限【个工作日】").as_deref(),
            Some("个工作日")
        );
        assert_eq!(label_note("承诺办结时限"), None);
        assert_eq!(label_note("承诺办结时限（）"), None);
        assert_eq!(label_note("承诺办结时限（工作日"), None);
    }

    #[test]
    fn scientific_notation_is_recognised() {
        assert!(looks_scientific("1.13417E+30"));
        assert!(looks_scientific("5.66202E+09"));
        assert!(looks_scientific("1E+11"));
        assert!(!looks_scientific("0566-2021156"));
        assert!(!looks_scientific("E+30"));
        assert!(!looks_scientific("11341700003125415130001170350E0X"));
        assert!(!looks_scientific("EPYC"));
    }

    #[test]
    fn halfwidth_folds_digits_and_punctuation() {
        assert_eq!(to_halfwidth("０５６６－１２３４５６７"), "0566-1234567");
        assert_eq!(to_halfwidth("Ａ区１２号窗口"), "A区12号窗口");
    }

    #[test]
    fn labels_normalise_for_matching() {
        assert_eq!(normalize_label(" 承诺办结时限（工作日）："), "承诺办结时限");
        assert_eq!(normalize_label("*材料 名称"), "材料名称");
        assert_eq!(normalize_label("\u{feff}实施编码"), "实施编码");
    }

    #[test]
    fn placeholder_match_is_the_list() {
        for p in PLACEHOLDERS {
            assert!(is_placeholder(p), "{p}");
        }
        // Near misses of every entry: one character more or less, other case, spaces.
        for p in PLACEHOLDERS {
            let mut shorter = p.chars();
            shorter.next_back();
            for t in [
                format!("{p} "),
                format!("{p}{p}"),
                shorter.as_str().to_owned(),
                p.to_uppercase(),
                p.to_lowercase(),
            ] {
                assert_eq!(
                    is_placeholder(&t),
                    PLACEHOLDERS.contains(&t.as_str()),
                    "{t}"
                );
            }
        }
    }

    #[test]
    fn space_ends_are_exact() {
        for c in (0..=0x0010_FFFF).filter_map(char::from_u32) {
            let mut buf = [0u8; 4];
            let bytes = c.encode_utf8(&mut buf).as_bytes();
            let space = c.is_whitespace();
            assert_eq!(starts_with_space(bytes), space, "{c:?}");
            assert_eq!(ends_with_space(bytes), space, "{c:?}");
            // Beside other characters, whose bytes must not be mistaken for a lead byte.
            for other in ['a', '申', '\u{80}', '\u{E000}', '\u{1F600}'] {
                let mut pair = [0u8; 8];
                let o = other.encode_utf8(&mut pair[4..]).len();
                pair[..bytes.len()].copy_from_slice(bytes);
                pair.copy_within(4..4 + o, bytes.len());
                assert_eq!(starts_with_space(&pair[..bytes.len() + o]), space, "{c:?}");
                let mut pair = [0u8; 8];
                other.encode_utf8(&mut pair);
                pair[o..o + bytes.len()].copy_from_slice(bytes);
                assert_eq!(ends_with_space(&pair[..o + bytes.len()]), space, "{c:?}");
            }
        }
        for s in [
            "",
            " ",
            "a",
            " a ",
            "\u{3000}申请\u{3000}",
            "申请 ",
            "\u{a0}x",
            "x\u{2029}",
            "见上",
        ] {
            assert_eq!(trim(s), s.trim(), "{s:?}");
        }
    }

    #[test]
    fn placeholders_are_blank() {
        assert!(is_blank_or_placeholder(" 无 "));
        assert!(is_blank_or_placeholder("/"));
        assert!(!is_blank_or_placeholder("0566-1234567"));
    }

    #[test]
    fn quote_cuts_by_chars() {
        assert_eq!(quote("池州市长江中路1号", 4), "池州市长…");
    }
}

/// Finds garbled text (乱码) and returns the first garbled run, quoted as found:
/// `锟斤拷`/`烫烫烫` (GBK bytes of U+FFFD or uninitialised memory shown as text), the replacement
/// character `�`, and UTF-8 read as Latin-1 or Windows-1252 (`Ã¥`, `æ–‡`, `å…¬`).
#[inline]
pub fn find_mojibake(s: &str) -> Option<String> {
    // The byte pre-check inlined into the caller (G02 calls this for every field of every
    // record), the rare exact search out of line. Many fields are empty, and garbling takes
    // at least three bytes (a marker character; a Latin-1 pair takes four): no call for those.
    if s.len() >= 3 && may_hold_mojibake(s) {
        find_mojibake_exactly(s)
    } else {
        None
    }
}

/// The garbling runs [`find_mojibake`] looks for besides Latin-1 letters.
const MARKERS: [&str; 4] = ["锟斤拷", "烫烫烫", "屯屯屯", "\u{fffd}"];

/// [`find_mojibake`] without the pre-check.
#[inline(never)]
#[cold]
fn find_mojibake_exactly(s: &str) -> Option<String> {
    for marker in MARKERS {
        if let Some(i) = find_marker(s, marker) {
            return Some(context_around(s, i, marker.len()));
        }
    }
    // UTF-8 lead byte (U+00C2–U+00EF as Latin-1) followed by a continuation byte shown as
    // Latin-1 (U+0080–U+00BF) or as the Windows-1252 glyphs of 0x80–0x9F.
    let is_cont =
        |c: char| ('\u{80}'..='\u{bf}').contains(&c) || "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ".contains(c);
    let mut run = 0;
    let mut prev: Option<(usize, char)> = None;
    for (i, b) in s.char_indices() {
        if let Some((at, a)) = prev
            && ('\u{c2}'..='\u{ef}').contains(&a)
            && is_cont(b)
        {
            run += 1;
            if run >= 2 || a >= '\u{e0}' {
                return Some(context_around(s, at, a.len_utf8() + b.len_utf8()));
            }
        }
        prev = Some((i, b));
    }
    None
}

/// A necessary condition for [`find_mojibake`], tested on the bytes: nearly every text is clean,
/// and decoding it char by char was the whole cost of G02. Garbling needs a marker character —
/// `锟` (E9 94 9F), `烫` (E7 83 AB), `屯` (E5 B1 AF), `�` (EF BF BD), each recognised by its last
/// two bytes — or a Latin-1 letter U+00C2–U+00EF, whose UTF-8 lead byte is C3. A hit only sends
/// the text on to the exact search.
#[allow(clippy::needless_bitwise_bool)] // branch-free, see `any_byte_pair`
fn may_hold_mojibake(s: &str) -> bool {
    // Pairs within the text suffice: the last byte paired with 0 only matters for `x == 0xC3`,
    // and a UTF-8 lead byte never ends a `str`.
    any_inner_byte_pair(s.as_bytes(), |x, y| {
        (x == 0xC3)
            | ((x == 0x94) & (y == 0x9F))
            | ((x == 0x83) & (y == 0xAB))
            | ((x == 0xB1) & (y == 0xAF))
            | ((x == 0xBF) & (y == 0xBD))
    })
}

/// Whether a text parsed from this JSON line may hold garbling ([`find_mojibake`]), searched on
/// the whole line at once. Garbling is a marker (`锟斤拷`, `烫烫烫`, `屯屯屯`, `�`) or holds the byte
/// `C3` (a Latin-1 letter). JSON text reaches a string unchanged except for escapes, which make
/// ASCII characters, and `\uXXXX`, which can make anything: so a line without `\u`, `C3` and the
/// markers yields only texts without garbling (`tests::line_precheck_covers_its_texts`).
pub fn line_may_hold_mojibake(line: &[u8]) -> bool {
    /// The four markers in one packed (Teddy, SIMD) search, which matches their first three bytes
    /// at once; a one-pattern-at-a-time search keys on two bytes that Chinese text is full of.
    /// Without SIMD support the packed searcher is not built and each marker is searched alone.
    enum Markers {
        Packed(aho_corasick::packed::Searcher),
        Each(Box<[memchr::memmem::Finder<'static>; 4]>),
    }
    static MARKER_SEARCH: std::sync::LazyLock<Markers> = std::sync::LazyLock::new(|| {
        aho_corasick::packed::Config::new()
            .builder()
            .extend(MARKERS)
            .build()
            .map_or_else(
                || Markers::Each(Box::new(MARKERS.map(memchr::memmem::Finder::new))),
                Markers::Packed,
            )
    });
    // `C3` and `\u` in one pass: a backslash that starts another escape (`\"`, `\n`) is passed.
    let latin1_or_escape = memchr::memchr2_iter(0xC3, b'\\', line)
        .any(|i| line[i] == 0xC3 || line.get(i + 1) == Some(&b'u'));
    latin1_or_escape
        || match &*MARKER_SEARCH {
            Markers::Packed(s) => s.find(line).is_some(),
            Markers::Each(finders) => finders.iter().any(|f| f.find(line).is_some()),
        }
}

/// Adjacent byte pairs tested at a time by [`any_byte_pair`] and [`any_inner_byte_pair`]: the 16
/// pairs of a 17-byte window.
const PAIR_WINDOW: usize = 16;

/// Whether `pred` holds for one of the 16 adjacent pairs of `w`, every pair tested (a fixed-size
/// window without early exit is what the compiler vectorises).
#[inline]
fn window_has_pair(w: &[u8; PAIR_WINDOW + 1], pred: &impl Fn(u8, u8) -> bool) -> bool {
    w[..PAIR_WINDOW]
        .iter()
        .zip(&w[1..])
        .fold(false, |hit, (&x, &y)| hit | pred(x, y))
}

/// Whether `pred` holds for a pair of one of the whole windows from the start of `b` that end
/// before its last byte (the rest is left to the caller).
#[inline]
fn leading_windows_have_pair(b: &[u8], pred: &impl Fn(u8, u8) -> bool) -> bool {
    let mut at = 0;
    while at + PAIR_WINDOW < b.len() {
        if window_has_pair(b[at..=at + PAIR_WINDOW].try_into().expect("window"), pred) {
            return true;
        }
        at += PAIR_WINDOW;
    }
    false
}

/// Whether `pred(byte, next byte)` holds for some byte of `s` (the last byte is paired with 0):
/// a fast way to rule a text out before a costly search. `pred` should combine its tests with
/// `&` and `|`, not `&&` and `||`: the bytes are then tested 16 at a time (fixed-size windows
/// without early exit are what the compiler vectorises).
#[inline]
pub(crate) fn any_byte_pair(s: &str, pred: impl Fn(u8, u8) -> bool) -> bool {
    let b = s.as_bytes();
    let n = b.len();
    let mut padded = [0u8; PAIR_WINDOW + 1];
    if n <= PAIR_WINDOW {
        padded[..n].copy_from_slice(b);
        return window_has_pair(&padded, &pred);
    }
    if leading_windows_have_pair(b, &pred) {
        return true;
    }
    // The last bytes, overlapping the window before, the last one paired with 0.
    padded[..PAIR_WINDOW].copy_from_slice(&b[n - PAIR_WINDOW..]);
    window_has_pair(&padded, &pred)
}

/// Whether `pred(byte, next byte)` holds for two adjacent bytes of `b`, tested 16 pairs at a time
/// like [`any_byte_pair`] but without copying long texts: their last window is the last 17 bytes.
/// Short texts are placed into a zeroed window by two fixed-size overlapping copies (no
/// `memcpy` call), so `pred(x, 0)` must be false for every byte `x` that may end the text.
#[inline]
fn any_inner_byte_pair(b: &[u8], pred: impl Fn(u8, u8) -> bool) -> bool {
    let n = b.len();
    if n > PAIR_WINDOW {
        // The last pairs overlap the window before.
        return leading_windows_have_pair(b, &pred)
            || window_has_pair(b[n - PAIR_WINDOW - 1..].try_into().expect("window"), &pred);
    }
    if n < 2 {
        // One byte or none: no pair.
        return false;
    }
    window_has_pair(&zero_padded(b), &pred)
}

/// `b` (at most 16 bytes) followed by zeros, placed by fixed-size overlapping copies instead of a
/// `memcpy` call: how a short text is tested a window of byte pairs at a time.
#[inline]
pub(crate) fn zero_padded<const N: usize>(b: &[u8]) -> [u8; N] {
    let n = b.len();
    assert!(n <= 16 && n <= N, "{n} bytes do not fit");
    let mut padded = [0u8; N];
    if n >= 8 {
        padded[..8].copy_from_slice(&b[..8]);
        padded[n - 8..n].copy_from_slice(&b[n - 8..]);
    } else if n >= 4 {
        padded[..4].copy_from_slice(&b[..4]);
        padded[n - 4..n].copy_from_slice(&b[n - 4..]);
    } else if n >= 2 {
        padded[..2].copy_from_slice(&b[..2]);
        padded[n - 2..n].copy_from_slice(&b[n - 2..]);
    } else if n == 1 {
        padded[0] = b[0];
    }
    padded
}

/// `s.find(marker)` by looking for the marker's first character (a `memchr`) and comparing
/// there: the texts that reach this search are short and usually clean (a place name such as
/// 屯溪区 passes the byte pre-check), and setting up `str::find`'s two-way searcher for each of
/// four markers cost more than the pre-check saved on them.
fn find_marker(s: &str, marker: &str) -> Option<usize> {
    let first = marker.chars().next()?;
    s.match_indices(first)
        .map(|(i, _)| i)
        .find(|&i| s[i..].starts_with(marker))
}

fn context_around(s: &str, at: usize, len: usize) -> String {
    let start = s[..at].char_indices().rev().nth(5).map_or(0, |(i, _)| i);
    let end = s[at + len..]
        .char_indices()
        .nth(6)
        .map_or(s.len(), |(i, _)| at + len + i);
    s[start..end].to_owned()
}

/// JSON text with every non-ASCII character escaped as `\uXXXX`, as some exporters write it.
#[cfg(test)]
pub(crate) fn ascii_escaped(json: &str) -> String {
    use std::fmt::Write as _;
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            for unit in c.encode_utf16(&mut [0; 2]) {
                let _ = write!(out, "\\u{unit:04x}");
            }
        }
    }
    out
}

#[cfg(test)]
mod mojibake_tests {
    use super::{find_mojibake, line_may_hold_mojibake};

    #[test]
    fn finds_common_garbling() {
        assert!(find_mojibake("申请表锟斤拷锟斤拷").is_some());
        assert!(find_mojibake("营业执照�副本").is_some());
        // "申请表" encoded as UTF-8 and decoded as Windows-1252.
        assert!(find_mojibake("ç”³è¯·è¡¨.docx").is_some());
        assert!(find_mojibake("Ã¥Â\u{8f}Â\u{b0}").is_some());
    }

    #[test]
    fn byte_precheck_lets_every_garbling_through() {
        for c in ['\u{fffd}', '锟', '烫', '屯'] {
            assert!(super::may_hold_mojibake(&format!("申请{c}")), "{c}");
        }
        for c in '\u{c2}'..='\u{ef}' {
            assert!(super::may_hold_mojibake(&format!("申请{c}表")), "{c}");
        }
        assert!(!super::may_hold_mojibake(
            "食品经营许可申请表（2023版）.docx"
        ));
        // Every length and position: short texts are padded, long ones end in an overlapping
        // window.
        for len in 0..70 {
            for at in 0..len {
                let mut t: Vec<char> = std::iter::repeat_n('a', len).collect();
                t[at] = '\u{fffd}';
                let t: String = t.into_iter().collect();
                assert!(super::may_hold_mojibake(&t), "{len} {at}");
                assert!(!super::may_hold_mojibake(&t.replace('\u{fffd}', "申")));
            }
        }
    }

    /// The plain pre-check: some adjacent pair of bytes satisfies the predicate.
    fn plain_may_hold(s: &str) -> bool {
        s.as_bytes().windows(2).any(|w| {
            w[0] == 0xC3
                || (w[0] == 0x94 && w[1] == 0x9F)
                || (w[0] == 0x83 && w[1] == 0xAB)
                || (w[0] == 0xB1 && w[1] == 0xAF)
                || (w[0] == 0xBF && w[1] == 0xBD)
        })
    }

    proptest::proptest! {
        #[test]
        fn byte_precheck_is_the_plain_pair_test(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "a", "申", "锟", "烫", "屯", "\u{fffd}", "é", "Ã", "”", "\u{94}", "\u{9f}",
                    "斤", "拷", "溪", "¯", "½", "«",
                ]),
                0..40,
            )
        ) {
            let s: String = parts.concat();
            proptest::prop_assert_eq!(super::may_hold_mojibake(&s), plain_may_hold(&s), "{:?}", s);
            // Every prefix and suffix, so every length and alignment is covered.
            for (i, _) in s.char_indices() {
                proptest::prop_assert_eq!(
                    super::may_hold_mojibake(&s[i..]),
                    plain_may_hold(&s[i..])
                );
                proptest::prop_assert_eq!(
                    super::may_hold_mojibake(&s[..i]),
                    plain_may_hold(&s[..i])
                );
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn trim_is_str_trim(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "a", "申", "。", " ", "\t", "\n", "\u{3000}", "\u{a0}", "\u{85}", "\u{2028}",
                    "\u{200b}", "\u{feff}", "\u{3001}", "\u{2000}", "\u{1680}", "\u{205f}", "\u{2082}",
                ]),
                0..12,
            )
        ) {
            let s: String = parts.concat();
            proptest::prop_assert_eq!(super::trim(&s), s.trim(), "{:?}", s);
        }
    }

    /// `s` as a JSON string with every non-ASCII character escaped as `\uXXXX`.
    fn ascii_json(s: &str) -> String {
        super::ascii_escaped(&serde_json::to_string(s).unwrap())
    }

    proptest::proptest! {
        #[test]
        fn line_precheck_covers_its_texts(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "申请", "屯溪区", "屯屯屯", "屯屯", "锟斤拷", "锟", "烫烫烫", "\u{fffd}", "Ã¥", "æ–‡",
                    "é", "\"", "\\", "\n", "\\u", "u", "a", "。", "\u{94}", "\u{1F600}",
                ]),
                0..12,
            )
        ) {
            let s: String = parts.concat();
            for value in [serde_json::to_string(&s).unwrap(), ascii_json(&s)] {
                let line = format!("{{\"name\":{value},\"faqs\":[]}}");
                // The packed search finds what a plain search finds.
                let plain = line.bytes().any(|b| b == 0xC3)
                    || line.contains("\\u")
                    || super::MARKERS.iter().any(|m| line.contains(m));
                proptest::prop_assert_eq!(line_may_hold_mojibake(line.as_bytes()), plain, "{}", line);
                if !line_may_hold_mojibake(line.as_bytes()) {
                    proptest::prop_assert_eq!(find_mojibake(&s), None, "{}", line);
                }
            }
            // The escaped form of garbling is always sent on.
            if find_mojibake(&s).is_some() {
                proptest::prop_assert!(line_may_hold_mojibake(ascii_json(&s).as_bytes()));
                proptest::prop_assert!(line_may_hold_mojibake(serde_json::to_string(&s).unwrap().as_bytes()));
            }
        }
    }

    #[test]
    fn marker_search_is_str_find() {
        for s in [
            "",
            "屯溪区",
            "屯屯屯",
            "屯溪屯屯屯",
            "锟斤锟斤拷",
            "a\u{fffd}",
            "烫烫烫烫",
        ] {
            for marker in super::MARKERS {
                assert_eq!(
                    super::find_marker(s, marker),
                    s.find(marker),
                    "{s} {marker}"
                );
            }
        }
    }

    #[test]
    fn texts_below_three_bytes_are_clean() {
        // The length test in `find_mojibake` skips them; the exact search agrees.
        for s in ["", "a", "é", "ab", "\u{c3}"] {
            assert_eq!(super::find_mojibake_exactly(s), None, "{s}");
        }
        assert!(find_mojibake("\u{fffd}").is_some());
    }

    #[test]
    fn clean_text_passes() {
        assert_eq!(find_mojibake("食品经营许可申请表（2023版）.docx"), None);
        assert_eq!(find_mojibake("Café résumé naïve"), None);
        assert_eq!(find_mojibake("第三条　收费标准：100元/件"), None);
    }
}
