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

/// A 异议理由 that gives no reason, as clerks fill the column of a row they do not object to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum NoReason {
    /// A placeholder: `/`, `-`, `——`, `…`.
    Blank,
    /// A word for none: 无, 没有, 无异议, 否, 暂无, 同意…
    Nothing,
    /// What the row's 整改情况 says (or would say): 已整改, 已按要求修改.
    Fixed,
}

/// Words for none in a 异议理由, whole (`无法提供…` is a reason).
const NONE_WORDS: &[&str] = &[
    "无",
    "没有",
    "否",
    "不是",
    "暂无",
    "空",
    "略",
    "同意",
    "认可",
    "无异议",
    "无异义",
    "没有异议",
    "暂无异议",
    "无意见",
    "没意见",
    "没有意见",
    "无理由",
    "没有理由",
    "不存在异议",
    "同意整改",
    "认可整改",
    "na",
    "n/a",
    "none",
    "nil",
    "null",
    "no",
];

/// Whether `reason`, in a row whose 是否有异议 is empty or unclear, gives no reason: a
/// placeholder, a word for none, a statement that the row was fixed (`已整改`), the row's own
/// 整改情况 `fix` again, or several of these (`无异议，已整改`). A real reason
/// (`填报须知已在申请书背面写明`) gives one.
pub(super) fn no_reason(reason: &str, fix: &str) -> Option<NoReason> {
    let bare = |s: &str| -> String {
        to_halfwidth(s)
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_lowercase()
    };
    let t = bare(reason);
    if t.is_empty() {
        return None;
    }
    let stop = |c: char| "，,、；;。.！!".contains(c);
    let f = bare(fix);
    if t.chars()
        .all(|c| c.is_ascii_punctuation() || "—–…～·、。，／－＿\\".contains(c))
    {
        return Some(NoReason::Blank);
    }
    if t.trim_end_matches(stop) == f.trim_end_matches(stop) {
        return Some(NoReason::Fixed);
    }
    let mut said = NoReason::Nothing;
    for piece in t.split(stop).filter(|p| !p.is_empty()) {
        if fixed(piece) {
            said = NoReason::Fixed;
        } else if !NONE_WORDS.contains(&piece) {
            return None;
        }
    }
    Some(said)
}

/// `已整改`, `已按要求修改`, `已更正完毕`: a row said fixed.
fn fixed(s: &str) -> bool {
    let Some(rest) = s.strip_prefix('已') else {
        return false;
    };
    let rest = ["按照要求", "按要求", "全部", "及时"]
        .iter()
        .find_map(|p| rest.strip_prefix(p))
        .unwrap_or(rest);
    let rest = ["完毕", "完成", "到位"]
        .iter()
        .find_map(|p| rest.strip_suffix(p))
        .unwrap_or(rest);
    [
        "整改",
        "修改",
        "更正",
        "改正",
        "修正",
        "完成整改",
        "落实整改",
        "处理",
        "补充",
        "补正",
        "调整",
        "改",
        "",
    ]
    .contains(&rest)
}
