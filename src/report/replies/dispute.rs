//! Reading a 是否有异议 cell as clerks write it.

use crate::model::text::to_halfwidth;

/// A 是否有异议 cell that says neither 有 nor 无.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unclear;

/// Parses a 是否有异议 cell as clerks write it: `Some(true)` for 有 (有异议, 是, 不同意, a tick
/// `√`, `Y`…), `Some(false)` for 无 (没有, 无异议, 否, 同意, a cross `×`, `N`…), `None` when
/// empty.
pub fn parse_dispute(s: &str) -> Result<Option<bool>, Unclear> {
    let t: String = to_halfwidth(s).split_whitespace().collect();
    if t.is_empty() {
        return Ok(None);
    }
    // The longer words first: 不同意 before 同意, 没有 before 有.
    if ["不同意", "不认可", "不成立"]
        .iter()
        .any(|w| t.starts_with(w))
    {
        return Ok(Some(true));
    }
    if ["无", "没有", "否", "不是", "同意"]
        .iter()
        .any(|w| t.starts_with(w))
    {
        return Ok(Some(false));
    }
    if ["有", "是", "异议"].iter().any(|w| t.starts_with(w)) {
        return Ok(Some(true));
    }
    // A tick or a cross, as on paper forms (是否… ✓ = 是), and Y / N.
    let latin = t.to_ascii_lowercase();
    if ["√", "✓", "✔", "☑"].iter().any(|w| t.starts_with(w))
        || ["y", "yes"].contains(&latin.as_str())
    {
        return Ok(Some(true));
    }
    if ["×", "✗", "✘", "☒"].iter().any(|w| t.starts_with(w))
        || ["n", "no"].contains(&latin.as_str())
    {
        return Ok(Some(false));
    }
    Err(Unclear)
}
