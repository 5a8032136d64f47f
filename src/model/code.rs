//! 事项编码 — item codes as published, and the check digits inside them.
//!
//! - [`check_uscc`]: 统一社会信用代码 (USCC, GB 32100): 18 characters from
//!   `0123456789ABCDEFGHJKLMNPQRTUWXY`, weights 3^(i−1) mod 31, check = 31 − (Σ mod 31) (31 → 0),
//!   and the embedded 9-character 组织机构代码 (GB 11714, characters 9–17) with its own check digit.
//! - [`parse_item_code`]: the national 31-character 实施编码 (USCC ‖ 行使层级 ‖ 基本编码, optionally
//!   followed by a 2-digit 业务办理项 sequence) and the hyphenated Sichuan form
//!   `511A0138000000-511602000000-000-115113010833722043-1-00`.
//! - [`check_basic_code`]: the shape of a 12-digit 基本编码.
//!
//! Real data is dirty (17-character truncations, 9-character organisation codes, placeholders):
//! everything here reports what is wrong and never panics. Region checks against the division table
//! live in [`crate::reference`]; this module knows no tables.

use thiserror::Error;

use super::text::to_halfwidth;

/// The 31 characters a USCC may use, in value order.
pub const USCC_ALPHABET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/// What is wrong with a 统一社会信用代码. The texts complete "统一社会信用代码…".
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum UsccError {
    /// Not 18 characters.
    #[error("长度为{0}位（应为18位）")]
    Length(usize),
    /// A 9-character 组织机构代码 (old organisation code) instead of a USCC.
    #[error("是9位组织机构代码，不是18位统一社会信用代码")]
    OrgCodeOnly,
    /// A character outside the USCC alphabet (I, O, S, V, Z, lower case, punctuation …).
    #[error("含有不允许的字符「{0}」")]
    Charset(char),
    /// The 18th character is not the check digit of the first 17.
    #[error("校验位错误（按 GB 32100 应为 {expected}，实为 {found}）")]
    CheckDigit {
        /// The check character computed from the first 17.
        expected: char,
        /// The 18th character as written.
        found: char,
    },
    /// The embedded 组织机构代码 fails its own check digit (GB 11714).
    #[error("中的组织机构代码校验位错误（按 GB 11714 应为 {expected}，实为 {found}）")]
    OrgCodeCheck {
        /// The check character computed from the organisation code's first 8.
        expected: char,
        /// The 9th character of the organisation code as written.
        found: char,
    },
}

/// Each ASCII byte's value in [`USCC_ALPHABET`], 255 for a byte outside it: a table, because
/// `str::find` per character cost more than the rest of B04 together.
const USCC_VALUES: [u8; 128] = {
    let mut t = [255u8; 128];
    let a = USCC_ALPHABET.as_bytes();
    let mut i = 0;
    while i < a.len() {
        t[a[i] as usize] = i as u8;
        i += 1;
    }
    t
};

fn uscc_value(c: char) -> Option<u32> {
    match USCC_VALUES.get(c as usize) {
        Some(&v) if v != 255 => Some(u32::from(v)),
        _ => None,
    }
}

/// The USCC check character for the first 17 characters, `None` when they are not 17 valid ones.
pub fn uscc_check_char(first17: &str) -> Option<char> {
    if first17.chars().count() != 17 {
        return None;
    }
    let mut sum = 0u32;
    let mut weight = 1u32;
    for c in first17.chars() {
        sum += uscc_value(c)? * weight;
        weight = weight * 3 % 31;
    }
    let check = (31 - sum % 31) % 31;
    USCC_ALPHABET
        .as_bytes()
        .get(check as usize)
        .map(|&b| char::from(b))
}

/// The 组织机构代码 check character (GB 11714) for its first 8 characters (digits or capitals).
pub fn org_code_check_char(first8: &str) -> Option<char> {
    const W: [u32; 8] = [3, 7, 9, 10, 5, 8, 4, 2];
    if first8.chars().count() != 8 {
        return None;
    }
    let mut sum = 0;
    for (c, w) in first8.chars().zip(W) {
        let v = match c {
            '0'..='9' => c as u32 - '0' as u32,
            'A'..='Z' => c as u32 - 'A' as u32 + 10,
            _ => return None,
        };
        sum += v * w;
    }
    Some(match 11 - sum % 11 {
        10 => 'X',
        11 => '0',
        n => char::from_digit(n, 10).unwrap_or('?'),
    })
}

/// 3^i mod 31: the weight of each of a USCC's first 17 characters.
const USCC_WEIGHTS: [u32; 17] = {
    let mut w = [1u32; 17];
    let mut i = 1;
    while i < 17 {
        w[i] = w[i - 1] * 3 % 31;
        i += 1;
    }
    w
};

/// Checks a 统一社会信用代码 as written (no trimming, no case folding: `u` is not `U`).
pub fn check_uscc(code: &str) -> Result<(), UsccError> {
    // The usual code, 18 bytes of the alphabet, read as bytes with the weights in a table; any
    // other text as written below.
    let b = code.as_bytes();
    if b.len() != 18 {
        return check_uscc_chars(code);
    }
    let mut sum = 0u32;
    for (&x, w) in b.iter().zip(USCC_WEIGHTS) {
        match USCC_VALUES.get(usize::from(x)) {
            Some(&v) if v != 255 => sum += u32::from(v) * w,
            _ => return check_uscc_chars(code),
        }
    }
    if USCC_VALUES
        .get(usize::from(b[17]))
        .is_none_or(|&v| v == 255)
    {
        return check_uscc_chars(code);
    }
    let found = char::from(b[17]);
    let expected = char::from(USCC_ALPHABET.as_bytes()[((31 - sum % 31) % 31) as usize]);
    if expected != found {
        return Err(UsccError::CheckDigit { expected, found });
    }
    // Characters 9–16 of the alphabet are digits and capitals: the check character is defined.
    let org = &code[8..17];
    if let Some(expected) = org_code_check_char(&org[..8]) {
        let found = char::from(b[16]);
        if expected != found {
            return Err(UsccError::OrgCodeCheck { expected, found });
        }
    }
    Ok(())
}

/// [`check_uscc`] character by character, as first written.
fn check_uscc_chars(code: &str) -> Result<(), UsccError> {
    let n = code.chars().count();
    if n != 18 {
        let bare: String = code.chars().filter(|&c| c != '-').collect();
        if bare.chars().count() == 9 && bare.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err(UsccError::OrgCodeOnly);
        }
        return Err(UsccError::Length(n));
    }
    if let Some(bad) = code.chars().find(|&c| uscc_value(c).is_none()) {
        return Err(UsccError::Charset(bad));
    }
    // 18 characters from the alphabet are 18 ASCII bytes.
    let found = char::from(code.as_bytes()[17]);
    let expected = uscc_check_char(&code[..17]).unwrap_or('?');
    if expected != found {
        return Err(UsccError::CheckDigit { expected, found });
    }
    let org = &code[8..17];
    if let Some(expected) = org_code_check_char(&org[..8]) {
        let found = org.chars().nth(8).unwrap_or('?');
        if expected != found {
            return Err(UsccError::OrgCodeCheck { expected, found });
        }
    }
    Ok(())
}

/// Whether `code` is a valid 统一社会信用代码 (check digit and embedded organisation code).
pub fn is_valid_uscc(code: &str) -> bool {
    check_uscc(code).is_ok()
}

/// The 6-digit 登记管理机关行政区划码 inside a USCC (characters 3–8), when they are digits.
pub fn uscc_region(code: &str) -> Option<&str> {
    let r = code.get(2..8)?;
    r.bytes().all(|b| b.is_ascii_digit()).then_some(r)
}

/// A parsed 实施编码.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ItemCode {
    /// The national form: USCC (18) ‖ 行使层级 (1) ‖ 基本编码 (12) [‖ 业务办理项 (2)].
    National {
        /// 实施主体统一社会信用代码 segment (not yet validated).
        subject: String,
        /// 行使层级 digit as written.
        level: char,
        /// 基本编码 segment (not yet validated).
        basic: String,
        /// 业务办理项 sequence (2 digits), empty for the 31-character form.
        suffix: String,
    },
    /// The hyphenated provincial form (Sichuan):
    /// 基本编码 - 12-digit 区划 - `000` - 实施主体 - flag - `00`.
    Hyphenated {
        /// The basic-code part (may itself contain hyphens, e.g. `G-000007-001`).
        basic: String,
        /// The 12-digit region code.
        region: String,
        /// The 3-digit segment after the region (`000`).
        middle: String,
        /// The implementing body's code (a USCC when well formed; may contain a hyphen when an old
        /// organisation code `00877868-5` was used).
        subject: String,
        /// The 1-digit flag segment.
        flag: String,
        /// The final 2-digit segment.
        tail: String,
    },
}

impl ItemCode {
    /// The implementing-body segment.
    pub fn subject(&self) -> &str {
        match self {
            ItemCode::National { subject, .. } | ItemCode::Hyphenated { subject, .. } => subject,
        }
    }

    /// The basic-code segment.
    pub fn basic(&self) -> &str {
        match self {
            ItemCode::National { basic, .. } | ItemCode::Hyphenated { basic, .. } => basic,
        }
    }
}

/// Why a text is not an item code in either known form. The texts complete "事项编码…".
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CodeShapeError {
    /// Nothing published.
    #[error("为空")]
    Empty,
    /// A character that no code form uses.
    #[error("含有不允许的字符「{0}」")]
    Charset(char),
    /// No hyphens, but not 31 (or 33) characters.
    #[error("长度为{0}位（全国统一实施编码应为31位）")]
    Length(usize),
    /// Hyphens, but not the segments of the provincial form.
    #[error("分段不符合编码规则（应为 基本编码-12位区划代码-000-实施主体代码-标志位-00）")]
    Segments,
}

/// Parses an 实施编码 (half-width folded, surrounding spaces removed).
pub fn parse_item_code(text: &str) -> Result<ItemCode, CodeShapeError> {
    // The usual code: ASCII letters, digits and hyphens between the spaces around it, which
    // [`to_halfwidth`] leaves as they are and which hold no space to drop: read as it is.
    let trimmed = text.trim();
    if !trimmed.is_empty()
        && trimmed
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
    {
        return parse_clean_item_code(trimmed);
    }
    parse_item_code_folded(text)
}

/// The segments of a national 实施编码 as [`parse_item_code`] reads them — subject, level,
/// basic code, sequence — borrowed from `text`, when it is the usual code: 31 or 33 ASCII letters
/// and digits between the spaces around it. `None` for anything else (which may still parse).
pub fn national_segments(text: &str) -> Option<(&str, char, &str, &str)> {
    let t = text.trim();
    (matches!(t.len(), 31 | 33) && t.bytes().all(|b| b.is_ascii_alphanumeric()))
        .then(|| (&t[..18], char::from(t.as_bytes()[18]), &t[19..31], &t[31..]))
}

/// What [`parse_item_code`] is defined as: half-width, every space dropped, then read.
fn parse_item_code_folded(text: &str) -> Result<ItemCode, CodeShapeError> {
    let t = to_halfwidth(text);
    let t: String = t.trim().chars().filter(|c| !c.is_whitespace()).collect();
    if t.is_empty() {
        return Err(CodeShapeError::Empty);
    }
    if let Some(bad) = t
        .chars()
        .find(|&c| !(c.is_ascii_alphanumeric() || c == '-'))
    {
        return Err(CodeShapeError::Charset(bad));
    }
    parse_clean_item_code(&t)
}

/// [`parse_item_code`] of a code of ASCII letters, digits and hyphens only, not empty.
fn parse_clean_item_code(t: &str) -> Result<ItemCode, CodeShapeError> {
    if !t.contains('-') {
        let n = t.len();
        if n != 31 && n != 33 {
            return Err(CodeShapeError::Length(n));
        }
        return Ok(ItemCode::National {
            subject: t[..18].to_owned(),
            level: t.as_bytes()[18] as char,
            basic: t[19..31].to_owned(),
            suffix: t[31..].to_owned(),
        });
    }
    let segs: Vec<&str> = t.split('-').collect();
    let n = segs.len();
    let digits = |s: &str, len: usize| s.len() == len && s.bytes().all(|b| b.is_ascii_digit());
    if n < 6 || !digits(segs[n - 1], 2) || !digits(segs[n - 2], 1) {
        return Err(CodeShapeError::Segments);
    }
    let Some(i) = (1..n.saturating_sub(3))
        .find(|&i| digits(segs[i], 12) && digits(segs[i + 1], 3) && i + 2 <= n - 3)
    else {
        return Err(CodeShapeError::Segments);
    };
    Ok(ItemCode::Hyphenated {
        basic: segs[..i].join("-"),
        region: segs[i].to_owned(),
        middle: segs[i + 1].to_owned(),
        subject: segs[i + 2..n - 2].join("-"),
        flag: segs[n - 2].to_owned(),
        tail: segs[n - 1].to_owned(),
    })
}

/// What is wrong with a 12-digit 基本编码. The texts complete "基本编码…".
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum BasicCodeError {
    /// Not 12 digits.
    #[error("应为12位数字")]
    Shape,
    /// Digits 3–4 are not a 事项类型 code (01–10, 20).
    #[error("第3–4位「{0}」不是事项类型代码（01–10、20）")]
    ItemType(String),
}

/// Checks the shape of a 12-digit 基本编码: digits only, and digits 3–4 a 事项类型 code. Whether
/// the first two digits are `00` or a real province is for the caller (it needs the division table).
pub fn check_basic_code(code: &str) -> Result<(), BasicCodeError> {
    if code.len() != 12 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return Err(BasicCodeError::Shape);
    }
    let t = &code[2..4];
    match t.parse::<u8>() {
        Ok(1..=10 | 20) => Ok(()),
        _ => Err(BasicCodeError::ItemType(t.to_owned())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Reading a plain ASCII code as it is gives the same answer as the plain reading.
        #[test]
        fn parse_item_code_as_defined(pieces in proptest::collection::vec(
            proptest::sample::select(vec![
                "11340825007865293H", "4", "000111301009", "000", "-", "340825", "1", "01",
                " ", "\u{3000}", "\t", "１", "Ａ", "－", "a", "码", "00",
            ]),
            0..9,
        )) {
            let text = pieces.concat();
            proptest::prop_assert_eq!(parse_item_code(&text), parse_item_code_folded(&text), "{}", text);
            // The borrowed segments are those of the national form whenever given.
            if let Some((subject, level, basic, suffix)) = national_segments(&text) {
                proptest::prop_assert_eq!(
                    parse_item_code(&text),
                    Ok(ItemCode::National {
                        subject: subject.to_owned(),
                        level,
                        basic: basic.to_owned(),
                        suffix: suffix.to_owned(),
                    })
                );
            }
        }
    }

    proptest::proptest! {
        /// The byte reading of the usual code answers as the character reading.
        #[test]
        fn check_uscc_as_defined(
            chars in proptest::collection::vec(
                proptest::sample::select(
                    "0123456789ABCDEFGHJKLMNPQRTUWXYIOSVZa-码１".chars().collect::<Vec<_>>(),
                ),
                15..20,
            ),
            first17 in proptest::collection::vec(
                proptest::sample::select(USCC_ALPHABET.chars().collect::<Vec<_>>()),
                17,
            ),
            last in proptest::sample::select("0123456789AXYZa码".chars().collect::<Vec<_>>()),
            shape in 0..3,
        ) {
            let first17: String = first17.into_iter().collect();
            let code = match shape {
                // Anything near the length.
                0 => chars.into_iter().collect(),
                // Seventeen characters of the alphabet and their check character: the
                // organisation code is reached.
                1 => format!("{first17}{}", uscc_check_char(&first17).unwrap()),
                // … or some other last character.
                _ => format!("{first17}{last}"),
            };
            proptest::prop_assert_eq!(check_uscc(&code), check_uscc_chars(&code), "{}", code);
        }
    }

    #[test]
    fn national_segments_are_borrowed_from_the_usual_code() {
        for text in [
            " 11340825007865293H4000111301009 ",
            "11340825007865293H400011130100901",
        ] {
            let (subject, level, basic, suffix) = national_segments(text).unwrap();
            assert_eq!(
                parse_item_code(text),
                Ok(ItemCode::National {
                    subject: subject.to_owned(),
                    level,
                    basic: basic.to_owned(),
                    suffix: suffix.to_owned(),
                })
            );
        }
        for text in [
            "11340825007865293H400011130100",
            "１1340825007865293H4000111301009",
        ] {
            assert_eq!(national_segments(text), None, "{text}");
        }
    }

    #[test]
    fn uscc_check_digits() {
        assert_eq!(check_uscc("91110000101623741K"), Ok(()));
        assert_eq!(check_uscc("11450721MB15580811"), Ok(()));
        assert_eq!(
            check_uscc("91350211M0000XUF46"),
            Err(UsccError::CheckDigit {
                expected: 'R',
                found: '6'
            })
        );
        assert!(matches!(
            check_uscc("11340100003121637X"),
            Err(UsccError::CheckDigit { expected: 'C', .. })
        ));
        assert_eq!(check_uscc("083372204"), Err(UsccError::OrgCodeOnly));
        assert_eq!(check_uscc("00877868-5"), Err(UsccError::OrgCodeOnly));
        assert_eq!(check_uscc("1151130000877869M"), Err(UsccError::Length(17)));
        assert_eq!(
            check_uscc("11511301452259996u"),
            Err(UsccError::Charset('u'))
        );
        assert_eq!(org_code_check_char("00312163"), Some('3'));
        assert_eq!(uscc_region("11340100003121637X"), Some("340100"));
    }

    #[test]
    fn uscc_value_table_is_the_alphabet() {
        // The plain definition the table replaces: a character's position in the alphabet.
        for c in (0..=0x3100)
            .filter_map(char::from_u32)
            .chain(['Ｏ', '０', '\u{ff21}'])
        {
            assert_eq!(
                uscc_value(c),
                USCC_ALPHABET.find(c).map(|i| i as u32),
                "{c:?}"
            );
        }
        assert_eq!(uscc_check_char("9111000010162374"), None);
        assert_eq!(uscc_check_char("91110000101623741"), Some('K'));
    }

    #[test]
    fn national_and_hyphenated_codes() {
        let c = parse_item_code("11450721MB155808114000104002000").unwrap();
        assert_eq!(
            c,
            ItemCode::National {
                subject: "11450721MB15580811".into(),
                level: '4',
                basic: "000104002000".into(),
                suffix: String::new()
            }
        );
        let long = parse_item_code("11450721348531435D400103300200001").unwrap();
        assert!(matches!(long, ItemCode::National { ref suffix, .. } if suffix == "01"));
        let h = parse_item_code("G-000007-001-511602000000-000-115113010833722043-1-00").unwrap();
        assert_eq!(h.basic(), "G-000007-001");
        assert_eq!(h.subject(), "115113010833722043");
        let o = parse_item_code("511A0081000002-511602000000-000-00877868-5-1-00").unwrap();
        assert_eq!(o.subject(), "00877868-5");
        assert_eq!(
            parse_item_code("E-000021-001-1111111111111111"),
            Err(CodeShapeError::Segments)
        );
        assert_eq!(
            parse_item_code("1145072100811537184452004"),
            Err(CodeShapeError::Length(25))
        );
        assert_eq!(parse_item_code("  "), Err(CodeShapeError::Empty));
        assert_eq!(
            parse_item_code("事项123"),
            Err(CodeShapeError::Charset('事'))
        );
    }

    #[test]
    fn basic_code_shape() {
        assert_eq!(check_basic_code("000104002000"), Ok(()));
        assert_eq!(check_basic_code("452004020000"), Ok(()));
        assert_eq!(
            check_basic_code("003004002000"),
            Err(BasicCodeError::ItemType("30".into()))
        );
        assert_eq!(check_basic_code("00010400200"), Err(BasicCodeError::Shape));
    }
}
