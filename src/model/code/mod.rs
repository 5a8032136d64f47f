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

mod item_code;
#[cfg(test)]
mod tests;
mod uscc;

pub use item_code::{
    BasicCodeError, CodeShapeError, ItemCode, check_basic_code, national_segments, parse_item_code,
};
pub use uscc::{
    USCC_ALPHABET, UsccError, check_uscc, is_valid_uscc, org_code_check_char, uscc_check_char,
    uscc_region,
};
