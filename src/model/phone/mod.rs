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

mod groups;
mod surroundings;

use groups::{Joined, split_local};
use surroundings::{in_web_address, is_extension_marker, is_list_separator, word_before};

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

#[cfg(test)]
mod tests;
