//! 统一社会信用代码 (USCC) and the 组织机构代码 inside it: alphabet, check characters, region.

use thiserror::Error;

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

pub(super) fn uscc_value(c: char) -> Option<u32> {
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
pub(super) fn check_uscc_chars(code: &str) -> Result<(), UsccError> {
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
