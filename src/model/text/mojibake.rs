//! Garbled text (乱码): [`find_mojibake`] on one text, [`line_may_hold_mojibake`] on a whole JSON
//! line before its texts are parsed.
//!
//! Not here: the byte-pair windows the pre-check runs on (`byte_pairs`), the tests
//! (`mojibake_tests`).

use super::byte_pairs::any_inner_byte_pair;

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
pub(super) const MARKERS: [&str; 4] = ["锟斤拷", "烫烫烫", "屯屯屯", "\u{fffd}"];

/// [`find_mojibake`] without the pre-check.
#[inline(never)]
#[cold]
pub(super) fn find_mojibake_exactly(s: &str) -> Option<String> {
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
pub(super) fn may_hold_mojibake(s: &str) -> bool {
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
/// markers yields only texts without garbling (`mojibake_tests::line_precheck_covers_its_texts`).
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

/// `s.find(marker)` by looking for the marker's first character (a `memchr`) and comparing
/// there: the texts that reach this search are short and usually clean (a place name such as
/// 屯溪区 passes the byte pre-check), and setting up `str::find`'s two-way searcher for each of
/// four markers cost more than the pre-check saved on them.
pub(super) fn find_marker(s: &str, marker: &str) -> Option<usize> {
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
