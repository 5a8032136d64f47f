//! 办理时间 — opening hours as published: a day scope (工作日, 周一至周五 …) and time ranges
//! (`09:00-12:00`, `9:00—12:00`, `上午9时至12时`, `下午1:30-5:30`), often per season
//! (`夏季（5月1日-9月30日）…；冬季…`). [`parse_hours`] never panics.

/// One time range, in minutes after midnight.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeRange {
    /// The range as written.
    pub raw: String,
    /// Start, minutes after 00:00 (afternoon words applied).
    pub start: u32,
    /// End, minutes after 00:00.
    pub end: u32,
}

impl TimeRange {
    /// Start before end, minutes below 60, hours within a day.
    pub fn is_valid(&self) -> bool {
        self.start < self.end && self.end <= 24 * 60
    }
}

/// What an opening-hours text says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Hours {
    /// Whether it names the days (工作日, 周一至周五, 每天 …).
    pub day_scope: bool,
    /// Every time range found, valid or not.
    pub ranges: Vec<TimeRange>,
    /// Whether it says the service is open around the clock (24小时).
    pub all_day: bool,
}

const DAY_WORDS: &[&str] = &[
    "工作日",
    "周一",
    "周二",
    "周三",
    "周四",
    "周五",
    "周六",
    "周日",
    "周末",
    "星期",
    "礼拜",
    "每天",
    "每日",
    "全天",
    "全年",
    "节假日",
    "双休日",
    "7×24",
    "7*24",
    "7x24",
];

/// Byte spans of what the pattern below (kept in the tests as `RANGE`, the definition) captures
/// in one time range: 0 the whole range; 1–7 the start (prefix 上午/下午…, hour, ':', minute,
/// 时/点, minute, 半); 8–14 the end. Written as a pattern:
/// `{time}\s*(?:-|—|–|~|至|到)+\s*{time}` with `{time}` =
/// `(上午|下午|中午|晚上|早上)?[:\s]*([0-9]{1,2})\s*(?:(:)\s*([0-9]{1,2})|([时点])\s*(?:([0-9]{1,2})\s*分?|(半))?)?`,
/// searched leftmost-first after half-width folding. [`next_range`] finds it without a regex:
/// the regex's bounded backtracker cost about 3,400 instructions per range.
type Spans = [Option<(usize, usize)>; 15];

fn minutes(prefix: Option<&str>, h: u32, m: u32) -> u32 {
    let h = match prefix {
        Some("下午" | "晚上") if h < 12 => h + 12,
        Some("中午") if h < 6 => h + 12,
        _ => h,
    };
    h * 60 + m
}

/// [`to_halfwidth`](super::text::to_halfwidth) byte-wise: the folded characters (U+3000,
/// U+FF01–U+FF5E) are the only ones whose UTF-8 starts `E3 80 80`, `EF BC` or `EF BD`, and the
/// runs between them are copied whole (a character at a time cost about 2,000 instructions on
/// a usual text).
#[allow(clippy::needless_bitwise_bool)] // branch-free, see `find_byte`
fn halfwidth(text: &str) -> String {
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
fn find_byte(b: &[u8], from: usize, pred: impl Fn(u8) -> bool) -> Option<usize> {
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

const PREFIXES: &[&str] = &["上午", "下午", "中午", "晚上", "早上"];
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
fn next_range(t: &str, from: usize) -> Option<Spans> {
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

/// The range captured in `s` over `t`, or `None` when it holds no clock time.
fn to_range(t: &str, s: &Spans) -> Option<TimeRange> {
    let g = |i: usize| s[i].map(|(a, b)| &t[a..b]);
    // Number groups hold one or two ASCII digits.
    let num = |i: usize| {
        g(i).map(|s| {
            s.bytes()
                .fold(0, |n, d| n * 10 + u32::from(d.wrapping_sub(b'0')))
        })
    };
    // Groups 1–7: start (prefix, hour, ':', minute, 时/点, minute, 半); 8–14: end.
    let start_unit = g(3).is_some() || g(5).is_some();
    let end_unit = g(10).is_some() || g(12).is_some();
    if !(start_unit || end_unit) {
        return None; // `5月1日-9月30日`, `2023-2024`: no clock time.
    }
    let (Some(h1), Some(h2)) = (num(2), num(9)) else {
        return None;
    };
    let m1 = num(4)
        .or(num(6))
        .unwrap_or(if g(7).is_some() { 30 } else { 0 });
    let m2 = num(11)
        .or(num(13))
        .unwrap_or(if g(14).is_some() { 30 } else { 0 });
    let p1 = g(1);
    let p2 = g(8).or(p1);
    let bad_minutes = m1 > 59 || m2 > 59 || h1 > 24 || h2 > 24;
    let (start, end) = (minutes(p1, h1, m1), minutes(p2, h2, m2));
    Some(TimeRange {
        raw: g(0).unwrap_or("").trim().to_owned(),
        start: if bad_minutes { u32::MAX } else { start },
        end: if bad_minutes { 0 } else { end },
    })
}

/// Parses an opening-hours text.
pub fn parse_hours(text: &str) -> Hours {
    let t = halfwidth(text);
    let mut out = Hours {
        day_scope: DAY_WORDS.iter().any(|w| t.contains(w)),
        ranges: Vec::new(),
        all_day: t.contains("24小时"),
    };
    let mut at = 0;
    while let Some(s) = next_range(&t, at) {
        at = s[0].map_or(t.len(), |(_, end)| end);
        out.ranges.extend(to_range(&t, &s));
    }
    out
}

#[cfg(test)]
mod tests {
    use std::sync::LazyLock;

    use regex::Regex;

    use super::*;

    /// The definition of a time range that [`next_range`] follows.
    static RANGE: LazyLock<Regex> = LazyLock::new(|| {
        let time = r"(上午|下午|中午|晚上|早上)?[:\s]*([0-9]{1,2})\s*(?:(:)\s*([0-9]{1,2})|([时点])\s*(?:([0-9]{1,2})\s*分?|(半))?)?";
        Regex::new(&format!(r"{time}\s*(?:-|—|–|~|至|到)+\s*{time}")).expect("static regex")
    });

    /// Every range [`RANGE`] finds, as spans.
    fn regex_spans(t: &str) -> Vec<Spans> {
        RANGE
            .captures_iter(t)
            .map(|c| std::array::from_fn(|i| c.get(i).map(|m| (m.start(), m.end()))))
            .collect()
    }

    /// Every range [`next_range`] finds, as spans.
    fn scanner_spans(t: &str) -> Vec<Spans> {
        let mut out = Vec::new();
        let mut at = 0;
        while let Some(s) = next_range(t, at) {
            at = s[0].unwrap().1;
            out.push(s);
        }
        out
    }

    /// [`parse_hours`] as it was with the regex.
    fn parse_hours_regex(text: &str) -> Hours {
        let t = halfwidth(text);
        let mut out = Hours {
            day_scope: DAY_WORDS.iter().any(|w| t.contains(w)),
            ranges: Vec::new(),
            all_day: t.contains("24小时"),
        };
        for s in regex_spans(&t) {
            out.ranges.extend(to_range(&t, &s));
        }
        out
    }

    fn same_as_regex(text: &str) {
        let t = halfwidth(text);
        assert_eq!(scanner_spans(&t), regex_spans(&t), "{text:?}");
        assert_eq!(parse_hours(text), parse_hours_regex(text), "{text:?}");
    }

    /// Every `hours` text of the fixtures.
    fn fixture_hours(v: &serde_json::Value, out: &mut Vec<String>) {
        match v {
            serde_json::Value::Object(m) => {
                for (k, v) in m {
                    match v {
                        serde_json::Value::String(s) if k == "hours" || k == "办理时间" => {
                            out.push(s.clone());
                        }
                        _ => fixture_hours(v, out),
                    }
                }
            }
            serde_json::Value::Array(a) => a.iter().for_each(|v| fixture_hours(v, out)),
            _ => {}
        }
    }

    #[test]
    fn scanner_matches_regex_on_fixtures() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
        let mut texts = Vec::new();
        let mut dirs = vec![root];
        while let Some(dir) = dirs.pop() {
            for e in std::fs::read_dir(dir).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    dirs.push(p);
                } else if p.extension().is_some_and(|x| x == "json") {
                    let v: serde_json::Value =
                        serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
                    fixture_hours(&v, &mut texts);
                }
            }
        }
        assert!(texts.len() > 50, "{}", texts.len());
        texts.extend(
            [
                "工作日（周一至周五）上午09:00-12:00，下午14:30-17:30（法定节假日除外）",
                "工作日：上午09:00-12:00，下午13:00-17:00",
                "上午9时至12时，下午1时30分至5时",
                "夏季（5月1日-9月30日）：8:30-12:00，15:00-18:00",
                "上午9-12时",
                "12:00-9:00",
                "9:75-12:00",
                "123-456",
                "上午1 9-10点半",
                "  : 9 : 00 -- 至 下午 : 5点 30 分 ",
                "9:-10:",
                "9时 半到 10时 5",
                "下午上午9-10:00",
                "1:2-3:4-5:6",
                "9\u{3000}:\u{3000}00\u{a0}-\u{2003}12\u{85}:\u{202f}00",
                "７×２４小时",
                "早上8点-晚上8点",
            ]
            .map(str::to_owned),
        );
        for t in &texts {
            same_as_regex(t);
        }
    }

    proptest::proptest! {
        #[test]
        fn find_byte_as_position(b in proptest::collection::vec(0u8..=255, 0..70), from in 0usize..70) {
            let from = from.min(b.len());
            let digit = |x: u8| x.wrapping_sub(b'0') < 10;
            proptest::prop_assert_eq!(
                find_byte(&b, from, digit),
                b[from..].iter().position(|&x| digit(x)).map(|k| from + k)
            );
        }

        #[test]
        fn halfwidth_as_defined(text in "[\u{0}-\u{7f}\u{a0}\u{2000}-\u{2010}\u{3000}-\u{3010}\u{4e00}-\u{4e10}\u{feff}-\u{ff70}\u{1f600}]{0,24}") {
            proptest::prop_assert_eq!(halfwidth(&text), super::super::text::to_halfwidth(&text));
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4096))]
        #[test]
        fn scanner_matches_regex(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "0", "1", "2", "5", "9", "09", "12", "30", "59", "75", "123", "０", "１", "９",
                    ":", "：", "-", "—", "–", "~", "～", "－", "至", "到", "时", "点", "分", "半",
                    "上午", "下午", "中午", "晚上", "早上", "上", "午", "周一", "至周五", "工作日",
                    "月", "日", "，", "、", "（", "）", "(", " ", "  ", "\t", "\n", "\u{3000}",
                    "\u{a0}", "\u{85}", "\u{2003}", "\u{202f}", "\u{2028}", "\u{1680}",
                    "\u{e2}", "\u{200b}", "\u{180e}", "x", "24小时", "é",
                ]),
                0..16,
            ),
        ) {
            let text = pieces.concat();
            let t = halfwidth(&text);
            proptest::prop_assert_eq!(scanner_spans(&t), regex_spans(&t), "{:?}", text);
            proptest::prop_assert_eq!(parse_hours(&text), parse_hours_regex(&text), "{:?}", text);
        }
    }

    fn ranges(t: &str) -> Vec<(u32, u32, bool)> {
        parse_hours(t)
            .ranges
            .iter()
            .map(|r| (r.start, r.end, r.is_valid()))
            .collect()
    }

    #[test]
    fn forms_seen_on_platforms() {
        let h = parse_hours("工作日：上午09:00-12:00，下午13:00-17:00");
        assert!(h.day_scope);
        assert_eq!(
            ranges("工作日：上午09:00-12:00，下午13:00-17:00"),
            [(540, 720, true), (780, 1020, true)]
        );
        assert_eq!(ranges("周一至周五 9:00—12:00"), [(540, 720, true)]);
        assert_eq!(
            ranges("上午9时至12时，下午1时30分至5时"),
            [(540, 720, true), (810, 1020, true)]
        );
        assert_eq!(ranges("下午2:30-5:30"), [(870, 1050, true)]);
        assert_eq!(
            ranges("夏季（5月1日-9月30日）：8:30-12:00，15:00-18:00"),
            [(510, 720, true), (900, 1080, true)]
        );
        assert_eq!(ranges("上午9-12时"), [(540, 720, true)]);
        assert_eq!(ranges("12:00-9:00"), [(720, 540, false)]);
        assert!(!ranges("9:75-12:00")[0].2);
        assert!(ranges("5月1日-9月30日").is_empty());
        assert!(!parse_hours("上午9:00-12:00").day_scope);
        let mixed = "工作日（周一至周五）　上午０９:００－１２:００";
        assert_eq!(halfwidth(mixed), super::super::text::to_halfwidth(mixed));
    }
}
