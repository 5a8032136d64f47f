//! 统一社会信用代码 (USCC, GB 32100-2015) for synthetic 实施主体: the check character only.
//!
//! Temporary: the model helper's `src/model/code.rs` validates USCCs; when it is merged this
//! function should be replaced by (or checked against) that one. Kept here, short and documented,
//! so the generator can emit codes that pass a GB 32100 check today.

/// The 31 characters of GB 32100 (no I, O, S, V, Z), in value order.
const ALPHABET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";

/// The check character for the first 17 characters of a USCC: weights `3^(i−1) mod 31`,
/// `c = 31 − (Σ vᵢ·wᵢ mod 31)`, `31 → 0`. `None` when `body` is not 17 characters of the alphabet.
pub fn check_char(body: &str) -> Option<char> {
    if body.len() != 17 {
        return None;
    }
    let mut sum = 0u32;
    let mut weight = 1u32;
    for b in body.bytes() {
        let v = ALPHABET.iter().position(|&a| a == b)? as u32;
        sum += v * weight;
        weight = weight * 3 % 31;
    }
    let c = (31 - sum % 31) % 31;
    Some(char::from(ALPHABET[c as usize]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_examples_check() {
        // Examples from the rulebook and from published 实施编码.
        assert_eq!(check_char("91110000101623741"), Some('K'));
        assert_eq!(check_char("11450721MB1558081"), Some('1'));
        assert_eq!(check_char("1145072"), None);
        assert_eq!(check_char("11450721MB155808I"), None);
    }
}
