//! Telephone numbers as published in 咨询电话 / 监督电话: one field often holds several numbers
//! (`0566-1234567、0566-7654321`), extensions (`转801`), mobiles, 400/800 numbers and the 12345
//! hotline, with or without an area code (区号). [`parse_phones`] finds them all; it never panics.
//!
//! Shorthand: a bare local number of the same length right after a landline, separated by
//! `/ 、 , ; 和 或` or white space, shares that landline's area code (`0566-2021234/2021235`,
//! also in two groups: `0566-2021234、202-1235`); a
//! hyphen and up to five digits right after a landline is its extension (`0566-2021234-801`).
//! A local number may be written in two groups (`0566-202 1156`, `202 1156`, `0566-202-1156`,
//! `202-1156`; a hyphenated pair without area code only when it stands alone, not a year range
//! `2021-2023`, a range of rooms, extensions or times (`1201-1203室`, `900-1700`) nor part of a
//! code), an area code after
//! the country code without its 0 (`+86-566-2021156`), and a line break may fall anywhere
//! between the parts (a wrapped cell).

use serde::Serialize;

use super::text::to_halfwidth;

/// What kind of number was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum PhoneKind {
    /// 固定电话 — a landline (with or without area code).
    Landline,
    /// 手机 — an 11-digit mobile number.
    Mobile,
    /// 400/800 全国服务号码.
    National,
    /// 服务热线 — a short hotline such as 12345, 12315, 12366 (with or without area code).
    Hotline,
}

/// One number found in a phone field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Phone {
    /// The number as written (half-width).
    pub raw: String,
    /// What kind of number it is.
    pub kind: PhoneKind,
    /// 区号 with its leading 0 (`0566`), when written.
    pub area_code: Option<String>,
    /// The local number or the mobile/400 number, digits only.
    pub number: String,
    /// 分机号 — extension.
    pub extension: Option<String>,
}

impl Phone {
    /// The number with its area code, digits and one hyphen, for comparing two fields.
    pub fn canonical(&self) -> String {
        match &self.area_code {
            Some(a) => format!("{a}-{}", self.number),
            None => self.number.clone(),
        }
    }
}

/// Three-digit area codes (010 and 020–029); every other area code has four digits.
fn area_code_len(digits: &str) -> usize {
    if digits.starts_with("010") || digits.starts_with("02") {
        3
    } else {
        4
    }
}

/// What follows a hotline's digits in its name (`12345政务服务便民热线`, `12315投诉举报热线`).
const HOTLINE_NAMES: &[&str] = &[
    "政务服务",
    "便民",
    "热线",
    "服务热线",
    "投诉",
    "举报",
    "服务平台",
    "平台",
];

fn is_hotline(d: &str) -> bool {
    d.len() == 5 && (d.starts_with("12") || d.starts_with("96") || d.starts_with("95"))
}

/// Finds every telephone number in a field. Text that is no number (a URL, an e-mail, words) yields
/// nothing; a number too short or too long to dial is left out.
pub fn parse_phones(text: &str) -> Vec<Phone> {
    let half = to_halfwidth(text);
    // Digit groups with the text that precedes each one.
    let mut groups: Vec<(usize, usize)> = Vec::new();
    let bytes = half.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() {
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            groups.push((start, i));
        } else {
            i += 1;
        }
    }
    let mut phones: Vec<Phone> = Vec::new();
    // Byte offset where the last number found ends, to tell an extension or a shorthand sibling
    // (`0566-2021234-801`, `0566-2021234/2021235`) from a number of its own.
    let mut last_end: Option<usize> = None;
    // Whether the group before was the country code (`+86-566-2021156`, `0086 566 …`): an area
    // code right after it is written without its 0.
    let mut after_country_code = false;
    let mut g = 0;
    while g < groups.len() {
        let country_code = std::mem::take(&mut after_country_code);
        let (s, e) = groups[g];
        let d = &half[s..e];
        let between_next = groups.get(g + 1).map(|&(ns, _)| &half[e..ns]);
        let next = groups.get(g + 1).map(|&(ns, ne)| &half[ns..ne]);
        let before = if g == 0 {
            &half[..s]
        } else {
            &half[groups[g - 1].1..s]
        };
        // Inside a URL or e-mail address: not a phone.
        let in_link = word_before(&half[..s]).contains("http")
            || word_before(&half[..s]).contains('@')
            || half[e..].starts_with('@')
            || in_web_address(&half, s, e);
        if in_link {
            g += 1;
            continue;
        }
        // `池州市12345政务服务便民热线：0566-12345`: the hotline's name, its number written after
        // it. (`12345热线` alone is the number.)
        // `0566-12345（池州市12345政务服务便民热线）`: its name after the number, in a note.
        if is_hotline(d)
            && HOTLINE_NAMES.iter().any(|w| half[e..].starts_with(w))
            && (groups[g + 1..].iter().any(|&(ns, ne)| half[ns..ne] == *d)
                || phones
                    .iter()
                    .any(|p| p.number == d && p.area_code.is_some()))
        {
            g += 1;
            continue;
        }
        // `+86`, `0086`: the country code, not a number; the group after it is read as an area
        // code without its 0.
        if (d == "86" && before.trim_end().ends_with('+')) || d == "0086" {
            after_country_code = true;
            g += 1;
            continue;
        }
        let follows_last = g > 0 && last_end == Some(groups[g - 1].1);
        // `0566-2021234-801`: a hyphen and a short group right after a landline is its extension.
        if follows_last
            && before == "-"
            && (1..=5).contains(&d.len())
            && let Some(last) = phones.last_mut()
            && last.kind == PhoneKind::Landline
            && last.extension.is_none()
        {
            last.extension = Some(d.to_owned());
            last_end = Some(e);
            g += 1;
            continue;
        }
        // `0566-2021234/2021235`, `0566-2021234、2021235`: a bare local number of the same length
        // right after a landline shares its area code (the usual shorthand), also when written in
        // two groups (`0566-2021234、202-1235`).
        if follows_last
            && is_list_separator(before)
            && !d.starts_with('0')
            && let Some(last) = phones.last()
            && last.kind == PhoneKind::Landline
            && last.area_code.is_some()
        {
            let shorthand = if last.number.len() == d.len() {
                Some((e, d.to_owned()))
            } else if (3..=4).contains(&d.len()) {
                split_local(&half, &groups, g, Joined::Listed)
                    .filter(|(_, number)| number.len() == last.number.len())
            } else {
                None
            };
            if let Some((ne, number)) = shorthand {
                let area_code = last.area_code.clone();
                phones.push(Phone {
                    raw: half[s..ne].to_owned(),
                    kind: PhoneKind::Landline,
                    area_code,
                    number,
                    extension: None,
                });
                last_end = Some(ne);
                g += if ne == e { 1 } else { 2 };
                continue;
            }
        }
        // `139-0566-1234`, `139 0566 1234`: a mobile written in groups.
        if d.len() == 3
            && d.starts_with('1')
            && d.as_bytes()[1] >= b'3'
            && let (Some(&(s1, e1)), Some(&(s2, e2))) = (groups.get(g + 1), groups.get(g + 2))
        {
            let seps_ok = [&half[e..s1], &half[e1..s2]]
                .iter()
                .all(|sep| matches!(*sep, "-" | " " | "—" | "－"));
            if seps_ok && e1 - s1 == 4 && e2 - s2 == 4 {
                phones.push(Phone {
                    raw: half[s..e2].to_owned(),
                    kind: PhoneKind::Mobile,
                    area_code: None,
                    number: format!("{d}{}{}", &half[s1..e1], &half[s2..e2]),
                    extension: None,
                });
                last_end = Some(e2);
                g += 3;
                continue;
            }
        }
        // Extension of the previous number.
        if is_extension_marker(before)
            && d.len() <= 5
            && let Some(last) = phones.last_mut()
            && last.extension.is_none()
        {
            last.extension = Some(d.to_owned());
            last_end = Some(e);
            g += 1;
            continue;
        }
        // White space includes a line break: a wrapped cell (`0566-⏎2021156`).
        let joins = |sep: &str| {
            sep.chars()
                .all(|c| matches!(c, '-' | '—' | '–' | ')' | '(' | '－' | '~') || c.is_whitespace())
        };
        // Area code followed by the local number; written without its 0 after the country code.
        let area_code = if d.starts_with('0') {
            ((d.len() == 3 || d.len() == 4) && area_code_len(d) == d.len()).then(|| d.to_owned())
        } else if country_code && (d.len() == 2 || d.len() == 3) {
            let a = format!("0{d}");
            (area_code_len(&a) == a.len()).then_some(a)
        } else {
            None
        };
        if let Some(area_code) = area_code
            && let (Some(sep), Some(n)) = (between_next, next)
            && joins(sep)
            && sep.chars().count() <= 3
        {
            // `0566-202 1156`: the local number in two groups.
            let split = split_local(&half, &groups, g + 1, Joined::AfterAreaCode);
            if (n.len() == 7 || n.len() == 8) || is_hotline(n) || split.is_some() {
                let (ne, kind, number) = match split {
                    Some((ne, number)) => (ne, PhoneKind::Landline, number),
                    None if is_hotline(n) => (groups[g + 1].1, PhoneKind::Hotline, n.to_owned()),
                    None => (groups[g + 1].1, PhoneKind::Landline, n.to_owned()),
                };
                phones.push(Phone {
                    raw: half[s..ne].to_owned(),
                    kind,
                    area_code: Some(area_code),
                    number,
                    extension: None,
                });
                last_end = Some(ne);
                g = if ne == groups[g + 1].1 { g + 2 } else { g + 3 };
                continue;
            }
        }
        // `202 1156`, `202-1156`: a local number in two groups (no area code).
        if !d.starts_with('0')
            && let Some((ne, number)) = split_local(&half, &groups, g, Joined::Alone)
        {
            phones.push(Phone {
                raw: half[s..ne].to_owned(),
                kind: PhoneKind::Landline,
                area_code: None,
                number,
                extension: None,
            });
            last_end = Some(ne);
            g += 2;
            continue;
        }
        let found = if d.len() == 11 && d.starts_with('1') && d.as_bytes()[1] >= b'3' {
            Some((PhoneKind::Mobile, None, d.to_owned()))
        } else if d.len() == 10 && (d.starts_with("400") || d.starts_with("800")) {
            Some((PhoneKind::National, None, d.to_owned()))
        } else if d.starts_with('0')
            && d.len() == area_code_len(d) + 5
            && is_hotline(&d[area_code_len(d)..])
        {
            // `056612345`: the city's hotline with its area code run together.
            let a = area_code_len(d);
            Some((
                PhoneKind::Hotline,
                Some(d[..a].to_owned()),
                d[a..].to_owned(),
            ))
        } else if d.starts_with('0') && (10..=12).contains(&d.len()) {
            let a = area_code_len(d);
            let rest = &d[a..];
            ((7..=8).contains(&rest.len())).then(|| {
                (
                    PhoneKind::Landline,
                    Some(d[..a].to_owned()),
                    rest.to_owned(),
                )
            })
        } else if d.len() == 7 || d.len() == 8 {
            Some((PhoneKind::Landline, None, d.to_owned()))
        } else if is_hotline(d) {
            Some((PhoneKind::Hotline, None, d.to_owned()))
        } else {
            None
        };
        // 400-xxx-xxxx written with hyphens.
        if found.is_none()
            && (d == "400" || d == "800")
            && let (Some(n1), Some(&(_, _))) = (next, groups.get(g + 2))
        {
            let n2 = &half[groups[g + 2].0..groups[g + 2].1];
            if n1.len() + n2.len() == 7 && (3..=4).contains(&n1.len()) {
                phones.push(Phone {
                    raw: half[s..groups[g + 2].1].to_owned(),
                    kind: PhoneKind::National,
                    area_code: None,
                    number: format!("{d}{n1}{n2}"),
                    extension: None,
                });
                last_end = Some(groups[g + 2].1);
                g += 3;
                continue;
            }
        }
        if let Some((kind, area_code, number)) = found {
            last_end = Some(e);
            phones.push(Phone {
                raw: d.to_owned(),
                kind,
                area_code,
                number,
                extension: None,
            });
        }
        g += 1;
    }
    phones
}

/// What stands before a local number written in two groups, for [`split_local`].
#[derive(Clone, Copy, PartialEq, Eq)]
enum Joined {
    /// Right after an area code (`0566-202-1156`): the pair is the number.
    AfterAreaCode,
    /// After a landline and a list separator (`0566-2021156、202-1157`): what comes before is
    /// known, but the pair may still be a range (`0566-2021156，1156-1158分机`).
    Listed,
    /// On its own: a hyphenated pair must stand alone to be read as a number.
    Alone,
}

/// A local number written in two groups (three or four digits, then three to five), seven or
/// eight digits in all, starting at group `g`: its end and its digits. A group of a whole number
/// (seven digits and more) is not a part.
///
/// The groups are parted by white space (`202 1156`, `2021 156`) or by one hyphen (`202-1156`,
/// `0566-202-1156`). A hyphen also joins dates, ranges and codes, so without an area code
/// before the hyphenated pair must not be a year first (`2021-2023`, `2021-156`), a range of
/// rooms or extensions (`1201-1203室`, `1156-1158分机`: a near, larger second group, or a
/// room, floor or extension word after it), a range of clock times written without a colon
/// (`900-1700`, `830-1200`), nor a number of something (`202-1156号`). Standing alone
/// ([`Joined::Alone`]), it must also not be joined to a group, letter or mark before or after
/// (`341702-202-1156`, `No.202-1156`, `202-1156-789`).
fn split_local(
    half: &str,
    groups: &[(usize, usize)],
    g: usize,
    joined: Joined,
) -> Option<(usize, String)> {
    let after_area_code = joined == Joined::AfterAreaCode;
    let (&(s1, e1), &(s2, e2)) = (groups.get(g)?, groups.get(g + 1)?);
    let (a, b) = (e1 - s1, e2 - s2);
    let between = &half[e1..s2];
    if !((3..=4).contains(&a) && (3..=5).contains(&b) && (7..=8).contains(&(a + b))) {
        return None;
    }
    if half.as_bytes()[s1] == b'0' || between.is_empty() {
        return None;
    }
    let spaced = between.chars().all(char::is_whitespace);
    let hyphenated = is_hyphen(between.trim()) && b <= 4;
    if !(spaced || hyphenated) {
        return None;
    }
    let first = &half[s1..e1];
    // Not when the second group runs on into a third (`202 1156 789`); after an area code, a
    // hyphen and a short group is the extension (`0566-202-1156-801`).
    if let Some(&(s3, _)) = groups.get(g + 2) {
        let sep = &half[e2..s3];
        if sep.chars().all(char::is_whitespace) || (!after_area_code && is_hyphen(sep.trim())) {
            return None;
        }
    }
    if hyphenated && !after_area_code {
        let year = a == 4 && (first.starts_with("19") || first.starts_with("20"));
        // A colon joins only after a digit (`12:300-…`); after a label it is `电话：202-1156`.
        let mut head = half[..s1].chars().rev();
        let joined_before = joined == Joined::Alone
            && head.next().is_some_and(|c| {
                c.is_ascii_alphanumeric()
                    || is_hyphen(c.encode_utf8(&mut [0; 4]))
                    || "./_#第".contains(c)
                    || (matches!(c, ':' | '：') && head.next().is_some_and(|d| d.is_ascii_digit()))
            });
        let after = &half[e2..];
        // In a list a slash parts the next number (`0566-2021156/202-1157/202-1158`).
        let joined_after = after.chars().next().is_some_and(|c| {
            (c == '/' && joined == Joined::Alone)
                || c.is_ascii_alphanumeric()
                || is_hyphen(c.encode_utf8(&mut [0; 4]))
                || ".:：_%号年月日期届条款页元室层楼栋幢座房".contains(c)
        }) || after.starts_with("分机");
        let second = &half[s2..e2];
        if year
            || joined_before
            || joined_after
            || matches!(first, "400" | "800")
            || is_range(first, second)
            || is_clock_range(first, second)
        {
            return None;
        }
    }
    Some((e2, format!("{first}{}", &half[s2..e2])))
}

/// `1201-1203`, `1156-1158`: two groups of one length, the second a little larger than the first,
/// are a range of rooms or extensions. The two halves of one number seldom are.
fn is_range(first: &str, second: &str) -> bool {
    first.len() == second.len()
        && matches!(
            (first.parse::<u32>(), second.parse::<u32>()),
            (Ok(a), Ok(b)) if a < b && b - a < 100
        )
}

/// `900-1700`, `830-1200`, `1430-1730`: office hours written without a colon. Both groups are a
/// time of day on the quarter hour or five minutes (`HMM`, `HHMM`) and the second is later. The
/// halves of a number seldom both end in such minutes (`202-1156` does not).
fn is_clock_range(first: &str, second: &str) -> bool {
    let minutes = |t: &str| -> Option<u32> {
        let v: u32 = t.parse().ok()?;
        let (h, m) = (v / 100, v % 100);
        (h <= 24 && m < 60 && m % 5 == 0).then_some(h * 60 + m)
    };
    matches!((minutes(first), minutes(second)), (Some(a), Some(b)) if a < b)
}

/// A hyphen as written between the groups of a number (`-`, `—`, `－`, `–`).
fn is_hyphen(t: &str) -> bool {
    matches!(t, "-" | "—" | "－" | "–")
}

/// Whether the digit group `half[s..e]` is part of a web address written without `http://`: in
/// its host name (`12345.chizhou.gov.cn`, `www.12388.gov.cn`) or in its path
/// (`www.ahzwfw.gov.cn/zx/2021156`). Read on the ASCII run around the group: before it, the
/// characters of a link back to the first that is none (`登录`, a space, `，`); after it, the rest
/// of a host name. A number beside a web address (`0566-2021156（网址 www.ahzwfw.gov.cn）`,
/// `www.ahzwfw.gov.cn 0566-2021156`) is not in it.
fn in_web_address(half: &str, s: usize, e: usize) -> bool {
    let b = half.as_bytes();
    let mut start = s;
    while start > 0
        && (b[start - 1].is_ascii_alphanumeric()
            || matches!(
                b[start - 1],
                b'.' | b'-' | b'_' | b'/' | b'?' | b'=' | b'&' | b'%' | b'#'
            ))
    {
        start -= 1;
    }
    let before = &b[start..s];
    if before.windows(4).any(|w| w.eq_ignore_ascii_case(b"www.")) || ends_a_domain(before) {
        return true;
    }
    // `12345.chizhou.gov.cn`: the host name goes on after the digits.
    let mut end = e;
    while end < b.len() && (b[end].is_ascii_alphanumeric() || matches!(b[end], b'.' | b'-')) {
        end += 1;
    }
    b.get(e) == Some(&b'.') && ends_a_domain(&b[e..end])
}

/// Whether `t` holds a top-level domain as its own label (`.cn`, `.com`, `.gov`, `.net`, `.org`,
/// `.edu`, followed by `.`, `/`, `:` or the end): the rest of a host name, not a decimal or an
/// abbreviation (`No.`).
fn ends_a_domain(t: &[u8]) -> bool {
    const TLDS: [&[u8]; 6] = [b"cn", b"com", b"gov", b"net", b"org", b"edu"];
    t.iter().enumerate().any(|(i, &c)| {
        c == b'.'
            && TLDS.iter().any(|tld| {
                t.get(i + 1..i + 1 + tld.len())
                    .is_some_and(|w| w.eq_ignore_ascii_case(tld))
                    && matches!(t.get(i + 1 + tld.len()), None | Some(b'.' | b'/' | b':'))
            })
    })
}

/// The run of non-space, non-separator characters that ends at the end of `s`.
fn word_before(s: &str) -> &str {
    let start = s
        .char_indices()
        .rev()
        .find(|&(_, c)| c.is_whitespace() || matches!(c, '、' | ',' | ';' | '，' | '；'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    &s[start..]
}

/// Text between two numbers of a list: `/`, `、`, `,`, `;`, `和`, `或` (spaces around allowed).
fn is_list_separator(between: &str) -> bool {
    let t = between.trim();
    // White space alone separates too (`0566-2021156 2021157`).
    (t.is_empty() && !between.is_empty())
        || matches!(t, "/" | "、" | "," | "，" | ";" | "；" | "和" | "或" | "及")
}

fn is_extension_marker(between: &str) -> bool {
    let t = between.trim();
    t.ends_with('转')
        || t.ends_with("分机")
        || t.ends_with("分机号")
        || t.ends_with("转分机")
        || t.eq_ignore_ascii_case("ext")
        || t.ends_with("ext.")
}

#[cfg(test)]
mod tests;
