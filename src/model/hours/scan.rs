//! Finding time ranges without a regex: half-width folding and the scanner that follows `RANGE`.

/// Byte spans of what the pattern below (kept in the tests as `RANGE`, the definition) captures
/// in one time range: 0 the whole range; 1–7 the start (prefix 上午/下午…, hour, ':', minute,
/// 时/点, minute, 半); 8–14 the end. Written as a pattern:
/// `{time}\s*(?:-|—|–|~|至|到)+\s*{time}` with `{time}` =
/// `(上午|下午|中午|晚上|早上|晚|早)?[:\s]*([0-9]{1,2})\s*(?:(:)\s*([0-9]{1,2})|([时点])\s*(?:([0-9]{1,2})\s*分?|(半))?)?`,
/// searched leftmost-first after half-width folding. [`next_range`] finds it without a regex:
/// the regex's bounded backtracker cost about 3,400 instructions per range.
pub(super) type Spans = [Option<(usize, usize)>; 15];

/// [`to_halfwidth`](crate::model::text::to_halfwidth) byte-wise: the folded characters (U+3000,
/// U+FF01–U+FF5E) are the only ones whose UTF-8 starts `E3 80 80`, `EF BC` or `EF BD`, and the
/// runs between them are copied whole (a character at a time cost about 2,000 instructions on
/// a usual text).
#[allow(clippy::needless_bitwise_bool)] // branch-free, see `find_byte`
pub(super) fn halfwidth(text: &str) -> String {
    let b = text.as_bytes();
    let mut t = String::with_capacity(text.len());
    let (mut copied, mut i) = (0, 0);
    while let Some(k) = find_byte(b, i, |x| (x == 0xE3) | (x == 0xEF)) {
        i = k;
        let folded = match b[i..] {
            [0xE3, 0x80, 0x80, ..] => b' ',
            // U+FF01–U+FF3F → 0x21–0x5F, U+FF40–U+FF5E → 0x60–0x7E.
            [0xEF, 0xBC, x @ 0x81..=0xBF, ..] => x - 0x60,
            [0xEF, 0xBD, x @ 0x80..=0x9E, ..] => x - 0x20,
            _ => {
                i += 1;
                continue;
            }
        };
        t.push_str(&text[copied..i]);
        t.push(char::from(folded));
        i += 3;
        copied = i;
    }
    t.push_str(&text[copied..]);
    t
}

/// The first byte of `b` at or after `from` for which `pred` holds. Whole 16-byte chunks are
/// tested first without early exit (what the compiler vectorises): a byte at a time cost about
/// five instructions, and both searches here pass over most of the text.
#[allow(clippy::needless_bitwise_bool)] // branch-free
pub(super) fn find_byte(b: &[u8], from: usize, pred: impl Fn(u8) -> bool) -> Option<usize> {
    let mut i = from;
    while let Some(chunk) = b.get(i..i + 16) {
        if chunk.iter().fold(false, |hit, &x| hit | pred(x)) {
            break;
        }
        i += 16;
    }
    b[i..].iter().position(|&x| pred(x)).map(|k| i + k)
}

/// The length of the character at `i` if it is white space (`\s` of the regex: Unicode
/// White_Space, the same property as [`char::is_whitespace`]), else 0.
fn space_len(t: &str, i: usize) -> usize {
    match t.as_bytes().get(i) {
        Some(b' ' | b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r') => 1,
        // Lead bytes of every non-ASCII white space (U+0085, U+00A0, U+1680, U+2000–U+205F,
        // U+3000): other characters are not decoded.
        Some(0xC2 | 0xE1 | 0xE2 | 0xE3) => t[i..]
            .chars()
            .next()
            .filter(|c| c.is_whitespace())
            .map_or(0, char::len_utf8),
        _ => 0,
    }
}

/// `\s*` from `i`.
fn skip_space(t: &str, mut i: usize) -> usize {
    loop {
        match space_len(t, i) {
            0 => return i,
            n => i += n,
        }
    }
}

/// `[0-9]{1,2}` from `i` (greedy): its end, `i` when there is no digit.
fn digits(b: &[u8], i: usize) -> usize {
    let n = b.get(i..).unwrap_or_default();
    match n {
        [a, b, ..] if a.is_ascii_digit() && b.is_ascii_digit() => i + 2,
        [a, ..] if a.is_ascii_digit() => i + 1,
        _ => i,
    }
}

/// Whether one of `words` starts at `i`: its length.
fn word_at(t: &str, i: usize, words: &[&str]) -> usize {
    let rest = &t.as_bytes()[i..];
    words
        .iter()
        .find(|w| rest.starts_with(w.as_bytes()))
        .map_or(0, |w| w.len())
}

/// `晚` and `早` alone (`早8:30-晚5:30`) come after `晚上` and `早上`, which they begin.
const PREFIXES: &[&str] = &["上午", "下午", "中午", "晚上", "早上", "晚", "早"];
const SEPARATORS: &[&str] = &["-", "—", "–", "~", "至", "到"];

/// One time of the regex from its hour at `h` (a digit) on, greedy as the regex is once the
/// hour is found (what follows the hour is optional): `[0-9]{1,2}\s*(?:(:)\s*([0-9]{1,2})|
/// ([时点])\s*(?:([0-9]{1,2})\s*分?|(半))?)?`, groups `g` (hour) to `g + 5` (半). Its end.
fn time_from_hour(t: &str, h: usize, s: &mut Spans, g: usize) -> usize {
    let b = t.as_bytes();
    let e = digits(b, h);
    s[g] = Some((h, e));
    let i = skip_space(t, e);
    if b.get(i) == Some(&b':') {
        let j = skip_space(t, i + 1);
        let k = digits(b, j);
        if k > j {
            s[g + 1] = Some((i, i + 1));
            s[g + 2] = Some((j, k));
            return k;
        }
        // `(:)` without minutes: the group is not taken, the time ends before the ':'.
        return i;
    }
    let unit = word_at(t, i, &["时", "点"]);
    if unit == 0 {
        return i;
    }
    s[g + 3] = Some((i, i + unit));
    let j = skip_space(t, i + unit);
    let k = digits(b, j);
    if k > j {
        s[g + 4] = Some((j, k));
        let m = skip_space(t, k);
        return m + word_at(t, m, &["分"]);
    }
    let half = word_at(t, j, &["半"]);
    if half > 0 {
        s[g + 5] = Some((j, j + half));
    }
    j + half
}

/// The range whose first hour starts at the digit `d`, as the regex matches it once its match
/// has reached that digit: every step of the pattern is then forced (a shorter hour, space or
/// separator run, or a skipped optional part leaves a character that the next step cannot
/// take), so greedy steps without backtracking find the regex's match. Its end, or `None`.
fn range_from_hour(t: &str, d: usize, s: &mut Spans) -> Option<usize> {
    let b = t.as_bytes();
    let e1 = time_from_hour(t, d, s, 2);
    let mut i = skip_space(t, e1);
    let sep_start = i;
    loop {
        match word_at(t, i, SEPARATORS) {
            0 => break,
            n => i += n,
        }
    }
    if i == sep_start {
        return None;
    }
    let i = skip_space(t, i);
    let p = word_at(t, i, PREFIXES);
    let mut h = i + p;
    loop {
        match b.get(h) {
            Some(b':') => h += 1,
            Some(c) if c.is_ascii_digit() => break,
            _ => match space_len(t, h) {
                0 => return None,
                n => h += n,
            },
        }
    }
    if p > 0 {
        s[8] = Some((i, i + p));
    }
    Some(time_from_hour(t, h, s, 9))
}

/// The next time range at or after `from`, as `RANGE.captures_at(t, from)` would: the
/// leftmost start wins, and every start leads through its `(prefix)?[:\s]*` to the first digit
/// after it, so the digits are tried in order and the first one that completes a range gives
/// the match, starting where its run of ':' and spaces (and a prefix just before it) begins.
pub(super) fn next_range(t: &str, from: usize) -> Option<Spans> {
    let b = t.as_bytes();
    let mut d = from;
    while let Some(k) = find_byte(b, d, |x| x.wrapping_sub(b'0') < 10) {
        d = k;
        let mut s: Spans = [None; 15];
        if let Some(end) = range_from_hour(t, d, &mut s) {
            let mut start = d;
            if d == from || !b[d - 1].is_ascii_digit() {
                while let Some(c) = t[from..start].chars().next_back() {
                    if c == ':' || c.is_whitespace() {
                        start -= c.len_utf8();
                    } else {
                        break;
                    }
                }
                if let Some(w) = PREFIXES.iter().find(|w| t[from..start].ends_with(**w)) {
                    s[1] = Some((start - w.len(), start));
                    start -= w.len();
                }
            }
            s[0] = Some((start, end));
            return Some(s);
        }
        d += 1;
    }
    None
}
