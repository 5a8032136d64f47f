//! Personal data (个人信息) in published samples: 18-digit resident ID numbers (居民身份证号码,
//! GB 11643) and 11-digit mobile numbers that are shown in full, and how to quote them masked.
//!
//! A number counts only when it stands alone (no digit, letter or `*` right before or after it), so
//! that masked numbers (`3417**********1234`, `139****1234`), credit codes and long serial numbers are
//! not taken for personal data. An ID number must pass the GB 11643 check digit and carry a plausible
//! birth date; a mobile number must start with `13`–`19`, and may be written in groups of 3, 4 and 4
//! (`138-0566-1234`). Findings quote numbers masked, never in full.

use std::sync::LazyLock;

use regex::Regex;

/// What kind of personal number was found.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum PersonalKind {
    /// 居民身份证号码 — 18-digit resident ID number.
    IdNumber,
    /// 手机号码 — 11-digit mobile number.
    Mobile,
}

impl PersonalKind {
    /// The Chinese name used in messages.
    pub fn label_zh(self) -> &'static str {
        match self {
            PersonalKind::IdNumber => "身份证号码",
            PersonalKind::Mobile => "手机号码",
        }
    }
}

/// One unmasked personal number, already masked for quoting.
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct PersonalHit {
    /// ID number or mobile number.
    pub kind: PersonalKind,
    /// The number masked (`1101**********002X`, `139****1234`); the full number is never kept.
    pub masked: String,
}

static CANDIDATE: LazyLock<Regex> = LazyLock::new(|| {
    // Runs of 11 to 18 digits (an ID may end in X); the boundaries are checked by hand because the
    // regex crate has no look-around.
    Regex::new(r"[0-9]{17}[0-9Xx]|[0-9]{11}").expect("valid regex")
});

/// GB 11643 weights for the first 17 digits.
const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/// Check character by Σ mod 11.
const CHECK: [u8; 11] = *b"10X98765432";

/// Whether an 18-character ID number has the right GB 11643 check character.
pub fn id_check_digit_ok(id: &str) -> bool {
    let b = id.as_bytes();
    if b.len() != 18 || !b[..17].iter().all(u8::is_ascii_digit) {
        return false;
    }
    let sum: u32 = b[..17]
        .iter()
        .zip(WEIGHTS)
        .map(|(d, w)| u32::from(d - b'0') * w)
        .sum();
    CHECK[(sum % 11) as usize] == b[17].to_ascii_uppercase()
}

/// Whether positions 7–14 of an ID number are a real date from 1900 up to this year and
/// the region part starts with a province digit (1–8).
fn id_plausible(id: &str) -> bool {
    let b = id.as_bytes();
    if !(b'1'..=b'8').contains(&b[0]) {
        return false;
    }
    let num = |r: std::ops::Range<usize>| id[r].parse::<i16>().ok();
    let (Some(year), Some(month), Some(day)) = (num(6..10), num(10..12), num(12..14)) else {
        return false;
    };
    if !(1900..=jiff::ZonedDateTime::now().year()).contains(&year) {
        return false;
    }
    let Ok(month) = i8::try_from(month) else {
        return false;
    };
    let Ok(day) = i8::try_from(day) else {
        return false;
    };
    jiff::civil::Date::new(year, month, day).is_ok()
}

/// Whether an 11-digit number looks like a mainland mobile number (13x–19x).
fn mobile_plausible(n: &str) -> bool {
    let b = n.as_bytes();
    b.len() == 11 && b[0] == b'1' && (b'3'..=b'9').contains(&b[1])
}

/// Masks a number for quoting: an ID keeps its first and last 4 characters
/// (`1101**********002X`), a mobile its first 3 and last 4 (`139****1234`).
pub fn mask(kind: PersonalKind, number: &str) -> String {
    let (head, tail) = match kind {
        PersonalKind::IdNumber => (4, 4),
        PersonalKind::Mobile => (3, 4),
    };
    let chars: Vec<char> = number.chars().collect();
    if chars.len() <= head + tail {
        return "*".repeat(chars.len());
    }
    let mut out: String = chars[..head].iter().collect();
    out.push_str(&"*".repeat(chars.len() - head - tail));
    out.extend(&chars[chars.len() - tail..]);
    out
}

fn is_joined(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, '*' | '＊' | '×' | '-' | '_'))
}

/// Whether the characters nearest a number, `near` outward from it, join it to something else. A
/// hyphen or underscore joins only what it stands between: `No-…` and `…-1` are joined, but in a
/// file name `张某某-342901198803151219（示例）.pdf` the hyphen only separates a name.
fn joined(mut near: impl Iterator<Item = char>) -> bool {
    match near.next() {
        Some('-' | '_') => is_joined(near.next()),
        c => is_joined(c),
    }
}

/// Labels of a number that is a record's, not a person's: `受理编号：341700202501010016` (a
/// region, a date and a serial can pass an ID number's check digit by chance), `登记号：13417020012`.
const SERIAL_LABELS: &[&str] = &[
    "编号",
    "受理号",
    "登记号",
    "流水号",
    "业务号",
    "案卷号",
    "档案号",
    "注册号",
    "备案号",
    "许可证号",
    "证书号",
    "文号",
    "订单号",
    "批次号",
    "序列号",
    "条码",
    "编码",
];

/// Labels of a person's number: nearer the number than a [`SERIAL_LABELS`] word, the number is
/// personal (`证书编号及持证人身份证号：…`).
const PERSONAL_LABELS: &[&str] = &["身份证", "证件号", "身份号码", "手机", "电话", "联系方式"];

/// Whether the number at `start` is labelled as a record's serial number in its clause (up to 16
/// characters before it): the nearest label is a [`SERIAL_LABELS`] word.
fn labelled_serial(text: &str, start: usize) -> bool {
    let before = &text[..start];
    let from = before
        .char_indices()
        .rev()
        .take(16)
        .take_while(|&(_, c)| !matches!(c, '，' | '。' | '；' | ',' | ';' | '、' | '\n'))
        .last()
        .map_or(start, |(i, _)| i);
    let clause = &before[from..];
    let last = |labels: &[&str]| labels.iter().filter_map(|l| clause.rfind(l)).max();
    match (last(SERIAL_LABELS), last(PERSONAL_LABELS)) {
        (Some(serial), Some(personal)) => serial > personal,
        (serial, _) => serial.is_some(),
    }
}

/// A mobile number written in groups of 3, 4 and 4 digits, as people write it on forms
/// (`138-0566-1234`, `138 0566 1234`): the same separator twice.
static GROUPED_MOBILE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"1[3-9][0-9]([- ])[0-9]{4}[- ][0-9]{4}").expect("valid regex"));

/// Every unmasked personal number in a text, masked, in order of appearance, without repeats.
pub fn find_personal_data(text: &str) -> Vec<PersonalHit> {
    let mut hits: Vec<PersonalHit> = Vec::new();
    for (_, h) in find_all(text) {
        if !hits.contains(&h) {
            hits.push(h);
        }
    }
    hits
}

/// `text` with every unmasked personal number in it masked (`身份证号3429**********1219`), for
/// quoting a published text whole; `None` when it holds none.
pub fn mask_personal_data(text: &str) -> Option<String> {
    let found = find_all(text);
    if found.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (range, hit) in found {
        // A grouped mobile number inside a run already masked: keep the first.
        if range.start < at {
            continue;
        }
        out.push_str(&text[at..range.start]);
        out.push_str(&hit.masked);
        at = range.end;
    }
    out.push_str(&text[at..]);
    Some(out)
}

/// What a finding says of a published text that shows personal numbers in full: the kinds found
/// (`身份证号码、手机号码`) and the text with them masked; `None` when it shows none.
pub fn unmasked_in_text(text: &str) -> Option<(String, String)> {
    let masked = mask_personal_data(text)?;
    let mut kinds: Vec<&str> = Vec::new();
    for hit in find_personal_data(text) {
        if !kinds.contains(&hit.kind.label_zh()) {
            kinds.push(hit.kind.label_zh());
        }
    }
    Some((kinds.join("、"), masked))
}

/// Every unmasked personal number in a text with where it lies, in order of appearance.
fn find_all(text: &str) -> Vec<(std::ops::Range<usize>, PersonalHit)> {
    let mut found = find_runs(text);
    for m in GROUPED_MOBILE.find_iter(text) {
        let s = m.as_str();
        // Both separators the same: `138-0566-1234`, not a date range or a list.
        if s.as_bytes()[3] != s.as_bytes()[8] {
            continue;
        }
        if joined(text[..m.start()].chars().rev())
            || joined(text[m.end()..].chars())
            || labelled_serial(text, m.start())
        {
            continue;
        }
        let digits: String = s.chars().filter(char::is_ascii_digit).collect();
        found.push((
            m.range(),
            PersonalHit {
                kind: PersonalKind::Mobile,
                masked: mask(PersonalKind::Mobile, &digits),
            },
        ));
    }
    found.sort_by_key(|(at, _)| at.start);
    found
}

/// The unmasked ID and mobile numbers written as one run of digits, with where each lies.
fn find_runs(text: &str) -> Vec<(std::ops::Range<usize>, PersonalHit)> {
    let mut hits: Vec<(std::ops::Range<usize>, PersonalHit)> = Vec::new();
    let mut pos = 0;
    while let Some(m) = CANDIDATE.find_at(text, pos) {
        pos = m.end();
        // A run that continues into more digits, letters or mask characters is something else
        // (credit code, serial number, a masked number).
        if joined(text[..m.start()].chars().rev()) || joined(text[m.end()..].chars()) {
            // Skip the whole joined run so that its tail is not matched on its own.
            let rest = &text[m.end()..];
            let skip = rest
                .char_indices()
                .find(|&(_, c)| !is_joined(Some(c)))
                .map_or(rest.len(), |(i, _)| i);
            pos = m.end() + skip;
            continue;
        }
        if labelled_serial(text, m.start()) {
            continue;
        }
        let s = m.as_str();
        let hit = if s.len() == 18 && id_check_digit_ok(s) && id_plausible(s) {
            Some(PersonalHit {
                kind: PersonalKind::IdNumber,
                masked: mask(PersonalKind::IdNumber, &s.to_ascii_uppercase()),
            })
        } else if s.len() == 11 && mobile_plausible(s) {
            Some(PersonalHit {
                kind: PersonalKind::Mobile,
                masked: mask(PersonalKind::Mobile, s),
            })
        } else {
            None
        };
        if let Some(h) = hit {
            hits.push((m.range(), h));
        }
    }
    hits
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gb11643_check_digit() {
        assert!(id_check_digit_ok("11010519491231002X"));
        assert!(id_check_digit_ok("11010519491231002x"));
        assert!(!id_check_digit_ok("110105194912310021"));
        // One digit changed breaks the check.
        assert!(!id_check_digit_ok("11010519491231003X"));
        assert!(!id_check_digit_ok("1101051949123100"));
    }

    #[test]
    fn a_text_is_quoted_with_its_numbers_masked() {
        assert_eq!(
            mask_personal_data("经营者：张某某，身份证号11010519491231002X，联系电话138-0566-1234")
                .as_deref(),
            Some("经营者：张某某，身份证号1101**********002X，联系电话138****1234")
        );
        assert_eq!(
            mask_personal_data("身份证号1101**********002X，电话0566-2021156"),
            None
        );
        // A hyphen between a name and the number separates them; between letters or digits and
        // the number it joins them into a serial number.
        assert_eq!(
            mask_personal_data("张某某-11010519491231002X（示例）.pdf").as_deref(),
            Some("张某某-1101**********002X（示例）.pdf")
        );
        assert_eq!(mask_personal_data("No-11010519491231002X.pdf"), None);
        assert_eq!(mask_personal_data("13905661234-1"), None);
        // A record's serial number, labelled as such, is no person's (h34 regression: 341700 +
        // a date + a serial passes the check digit by chance).
        for t in [
            "样本.jpg 受理编号：341700202501010016",
            "样本.jpg（证书编号341700202501010024）",
            "样本.jpg 登记号：皖-13417020012",
            "样本.jpg 证书编号：皖(2026)第13417020012号",
        ] {
            assert_eq!(mask_personal_data(t), None, "{t}");
        }
        assert_eq!(
            mask_personal_data("证书编号：A001，持证人身份证号：11010519491231002X").as_deref(),
            Some("证书编号：A001，持证人身份证号：1101**********002X")
        );
    }

    #[test]
    fn finds_unmasked_id_and_mobile_and_quotes_them_masked() {
        let text = "申请人：张三  身份证号：11010519491231002X  联系电话：13905661234";
        let hits = find_personal_data(text);
        assert_eq!(
            hits,
            vec![
                PersonalHit {
                    kind: PersonalKind::IdNumber,
                    masked: "1101**********002X".into()
                },
                PersonalHit {
                    kind: PersonalKind::Mobile,
                    masked: "139****1234".into()
                },
            ]
        );
        for h in &hits {
            assert!(!h.masked.contains("19491231"));
            assert!(!h.masked.contains("0566"));
        }
    }

    #[test]
    fn masked_numbers_are_not_personal_data() {
        let text = "身份证号：3417**********1234 手机：139****1234 另：1101051949****002X";
        assert!(find_personal_data(text).is_empty());
    }

    #[test]
    fn implausible_numbers_are_ignored() {
        // Check digit fine but month 13.
        let mut bad_date = String::from("11010519491331002");
        let sum: u32 = bad_date
            .bytes()
            .zip(WEIGHTS)
            .map(|(d, w)| u32::from(d - b'0') * w)
            .sum();
        bad_date.push(CHECK[(sum % 11) as usize] as char);
        assert!(id_check_digit_ok(&bad_date));
        assert!(find_personal_data(&bad_date).is_empty());
        // A credit code, a longer serial number and a landline are not personal data.
        assert!(find_personal_data("统一社会信用代码：91110000101623741K").is_empty());
        assert!(find_personal_data("流水号 2023010113905661234567").is_empty());
        assert!(find_personal_data("咨询电话：0566-2021234").is_empty());
        assert!(find_personal_data("编号 12905661234").is_empty());
    }

    #[test]
    fn birth_dates_in_the_future_are_not_plausible() {
        let mut future = String::from("11010520991231002");
        let sum: u32 = future
            .bytes()
            .zip(WEIGHTS)
            .map(|(d, w)| u32::from(d - b'0') * w)
            .sum();
        future.push(CHECK[(sum % 11) as usize] as char);
        assert!(id_check_digit_ok(&future));
        assert!(find_personal_data(&future).is_empty());
    }

    #[test]
    fn full_width_digits_are_read() {
        let hits = find_personal_data(&crate::model::text::to_halfwidth(
            "手机：１３９０５６６１２３４",
        ));
        assert_eq!(hits.len(), 1);
    }

    #[test]
    fn mobiles_written_in_groups_are_found() {
        let hits =
            find_personal_data("联系人：李四 手机：138-0566-1234，身份证号：11010519491231002X");
        assert_eq!(
            hits,
            vec![
                PersonalHit {
                    kind: PersonalKind::Mobile,
                    masked: "138****1234".into()
                },
                PersonalHit {
                    kind: PersonalKind::IdNumber,
                    masked: "1101**********002X".into()
                },
            ]
        );
        assert_eq!(find_personal_data("电话 139 0566 1234").len(), 1);
        // The same number in both spellings is one.
        assert_eq!(find_personal_data("13805661234（138-0566-1234）").len(), 1);
        // Mixed separators, a masked group, a landline and a longer number are not mobiles.
        assert!(find_personal_data("138-0566 1234").is_empty());
        assert!(find_personal_data("138-****-1234").is_empty());
        assert!(find_personal_data("0566-2021-2345").is_empty());
        assert!(find_personal_data("138-0566-1234-5").is_empty());
    }

    #[test]
    fn repeated_numbers_are_reported_once() {
        let hits = find_personal_data("13905661234；13905661234；13805661234");
        assert_eq!(hits.len(), 2);
        assert_eq!(mask(PersonalKind::Mobile, "13805661234"), "138****1234");
    }
}
