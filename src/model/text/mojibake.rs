//! Garbled text (乱码): [`find_mojibake`] on one text, [`line_may_hold_mojibake`] on a whole JSON
//! line before its texts are parsed.
//!
//! Not here: the byte-pair windows the pre-check runs on (`byte_pairs`), the tests
//! (`mojibake_tests`).

use super::byte_pairs::any_inner_byte_pair;

/// Finds garbled text (乱码) and returns the first garbled run, quoted as found:
/// `锟斤拷`/`烫烫烫` (GBK bytes of U+FFFD or uninitialised memory shown as text), the replacement
/// character `�`, UTF-8 read as Latin-1 or Windows-1252 (`Ã¥`, `æ–‡`, `å…¬`), and UTF-8 read as
/// GBK (`钀ヤ笟鎵х収` for 营业执照, `鍙戝竷` for 发布).
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
    if any_inner_byte_pair(s.as_bytes(), gbk_garble_pair) {
        return find_utf8_read_as_gbk(s);
    }
    None
}

/// The pairs of bytes that begin the characters most typical of UTF-8 text read as GBK, and
/// rare in clean text: each Chinese character of the UTF-8 text gives GBK a pair of its first two
/// bytes (E4–E9, 80–BF), which GBK reads as a rare character such as 鍙 (E9 8D 99), 鐢
/// (E9 90 A2), 鎵 (E9 8E B5). Clean text seldom holds these (a place name such as 濉溪 does;
/// [`find_utf8_read_as_gbk`] then tells). Their blocks were chosen on generated and published
/// text: found in 79 % of garbled three-character texts, 95 % of six-character ones, and in no
/// clean text of the sample; blocks of common characters (安, 电, 钟) are left out, and so are
/// rarer pairs (E6 BE, E5 B5 …) that would add a few points for more work per byte. E5 A8 (娅,
/// 娆) and E6 BF (濮, 濡) begin 6 % of the garbled characters and no line of 10,000 generated
/// items: with them, 84 % of garbled names of 3–6 characters get through (77 % before).
pub(super) const GBK_GARBLE_PAIRS: [[u8; 2]; 13] = [
    [0xE9, 0x8D],
    [0xE9, 0x8E],
    [0xE9, 0x8F],
    [0xE9, 0x90],
    [0xE9, 0x91],
    [0xE9, 0x96],
    [0xE7, 0x80],
    [0xE7, 0x81],
    [0xE7, 0x91],
    [0xE7, 0x92],
    [0xE7, 0x93],
    [0xE5, 0xA8],
    [0xE6, 0xBF],
];

/// Whether `x y` is one of [`GBK_GARBLE_PAIRS`], branch-free (see `any_byte_pair`).
#[inline]
#[allow(clippy::needless_bitwise_bool)]
pub(super) fn gbk_garble_pair(x: u8, y: u8) -> bool {
    ((x == 0xE9) & ((y.wrapping_sub(0x8D) < 5) | (y == 0x96)))
        | ((x == 0xE7) & (((y & 0xFE) == 0x80) | (y.wrapping_sub(0x91) < 3)))
        | ((x == 0xE5) & (y == 0xA8))
        | ((x == 0xE6) & (y == 0xBF))
}

/// UTF-8 text read as GBK: the text written back in GBK holds UTF-8 for at least two common
/// Chinese characters (GB2312 level 1, the 3,755 most used), as `钀ヤ笟鎵х収` gives 营业执照.
/// Clean text written in GBK is GBK, which makes no such UTF-8 (亳州, 歙县, 濉溪 stay clean).
/// Returns the garbled stretch with some context.
///
/// A reader that met bytes GBK has no character for either showed `?` or dropped them, so in
/// short names the common characters are seldom next to each other: `鐢宠?疯〃` (申请表) is 申,
/// then `E8 ? B7` (the lost 请), then 表. So two common characters may be apart by what is left
/// of one lost character ([`lost_char_end`]), and a cut-off last character (`鎴夸骇璇?`, 房产证)
/// belongs to the stretch.
#[cold]
pub(super) fn find_utf8_read_as_gbk(s: &str) -> Option<String> {
    // The text in GBK, and for each byte the character of `s` it comes from.
    let mut gbk = Vec::with_capacity(s.len());
    let mut from = Vec::with_capacity(s.len());
    let mut buf = [0u8; 4];
    for (i, c) in s.char_indices() {
        if c.is_ascii() {
            gbk.push(c as u8);
            from.push(i);
            continue;
        }
        let (bytes, _, unmappable) = encoding_rs::GBK.encode(c.encode_utf8(&mut buf));
        if unmappable {
            // Nothing GBK could have read: breaks a stretch.
            gbk.push(0);
            from.push(i);
        } else {
            for &b in bytes.iter() {
                gbk.push(b);
                from.push(i);
            }
        }
    }
    let mut k = 0;
    while k + 6 <= gbk.len() {
        let mut end = k;
        let mut chars = 0;
        loop {
            if is_common_han_utf8(&gbk[end..]) {
                chars += 1;
                end += 3;
            } else if let Some(next) = lost_char_end(&gbk, end).filter(|_| chars > 0) {
                end = next;
            } else {
                break;
            }
        }
        if chars >= 2 {
            // A cut-off last character at the end of the text or before plain ASCII.
            let tail = gbk[end..]
                .iter()
                .take(3)
                .take_while(|&&b| is_lost_char_byte(b))
                .count();
            if gbk.get(end + tail).is_none_or(|&b| b < 0x80 && b != b'?') {
                end += tail;
            }
            let start = from[k];
            let last = from[end - 1];
            let last_len = s[last..].chars().next().map_or(1, char::len_utf8);
            // Garbling shows rare characters (鍙, 戝, 竷; kana and Cyrillic letters; `?` for a
            // lost one): a stretch of common ones with one rare name among them (王璐电话 gives
            // 贵绰) is clean text.
            if s[start..last + last_len]
                .chars()
                .filter(|&c| !is_common_han(c))
                .count()
                >= 2
            {
                return Some(context_around(s, start, last + last_len - start));
            }
        }
        k += 1;
    }
    None
}

/// A byte that can be left of a lost character of UTF-8 Chinese: a lead (E4–E9), a continuation
/// (80–BF), or the `?` shown for bytes GBK could not read.
fn is_lost_char_byte(b: u8) -> bool {
    (0xE4..=0xE9).contains(&b) || (0x80..=0xBF).contains(&b) || b == b'?'
}

/// Where the next common character begins after what is left of one lost character at `at`:
/// one to four bytes of [`is_lost_char_byte`], then the UTF-8 of a common character.
fn lost_char_end(gbk: &[u8], at: usize) -> Option<usize> {
    (at + 1..=at + 4)
        .take_while(|&j| j <= gbk.len() && is_lost_char_byte(gbk[j - 1]))
        .find(|&j| is_common_han_utf8(&gbk[j..]))
}

/// Whether `b` begins with the UTF-8 of a common Chinese character (GB2312 level 1).
fn is_common_han_utf8(b: &[u8]) -> bool {
    let [x, y, z, ..] = *b else { return false };
    if !(0xE4..=0xE9).contains(&x) || !(0x80..=0xBF).contains(&y) || !(0x80..=0xBF).contains(&z) {
        return false;
    }
    char::from_u32((u32::from(x & 0x0F) << 12) | (u32::from(y & 0x3F) << 6) | u32::from(z & 0x3F))
        .is_some_and(is_common_han)
}

/// Whether `c` is a common Chinese character (GB2312 level 1, the 3,755 most used).
fn is_common_han(c: char) -> bool {
    if !('\u{4e00}'..='\u{9fa5}').contains(&c) {
        return false;
    }
    let mut buf = [0u8; 4];
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(c.encode_utf8(&mut buf));
    !unmappable && bytes.len() == 2 && (0xB0..=0xD7).contains(&bytes[0]) && bytes[1] >= 0xA1
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
            | gbk_garble_pair(x, y)
    })
}

/// Whether a text parsed from this JSON line may hold garbling ([`find_mojibake`]), searched on
/// the whole line at once. Garbling is a marker (`锟斤拷`, `烫烫烫`, `屯屯屯`, `�`), holds the byte
/// `C3` (a Latin-1 letter) or one of `GBK_GARBLE_PAIRS` (UTF-8 read as GBK). JSON text reaches a
/// string unchanged except for escapes, which make ASCII characters, and `\uXXXX`, which can make
/// anything: so a line without `\u`, `C3`, the markers and the pairs yields only texts without
/// garbling (`mojibake_tests::line_precheck_covers_its_texts`).
pub fn line_may_hold_mojibake(line: &[u8]) -> bool {
    /// The markers, the pairs and `\u` in one packed (Teddy, SIMD) search: one pass over the
    /// line where a search for the markers, a pass for `C3` and `\` and a byte-pair pass for the
    /// pairs each read the whole line (clean lines, nearly all, are read to the end; the three
    /// passes cost as much as parsing half the line). Without SIMD support the packed searcher is
    /// not built and each marker is searched alone, the pairs tested a window at a time.
    enum Search {
        Packed(aho_corasick::packed::Searcher),
        Each(Box<[memchr::memmem::Finder<'static>; 4]>),
    }
    static SEARCH: std::sync::LazyLock<Search> = std::sync::LazyLock::new(|| {
        let mut packed = aho_corasick::packed::Config::new().builder();
        packed.extend(MARKERS).extend(GBK_GARBLE_PAIRS).add(b"\\u");
        packed.build().map_or_else(
            || Search::Each(Box::new(MARKERS.map(memchr::memmem::Finder::new))),
            Search::Packed,
        )
    });
    // `C3` alone: not a pattern of the packed search, whose fingerprint is as long as its
    // shortest pattern (a byte of Chinese text would match the other patterns' first bytes).
    memchr::memchr(0xC3, line).is_some()
        || match &*SEARCH {
            Search::Packed(s) => s.find(line).is_some(),
            Search::Each(finders) => {
                memchr::memmem::find(line, b"\\u").is_some()
                    || finders.iter().any(|f| f.find(line).is_some())
                    || any_inner_byte_pair(line, gbk_garble_pair)
            }
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
