//! 实施编码 in its national and hyphenated forms, and the shape of its 12-digit 基本编码.

use thiserror::Error;

use crate::model::text::to_halfwidth;

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
pub(super) fn parse_item_code_folded(text: &str) -> Result<ItemCode, CodeShapeError> {
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
