//! P02: visits that a denial after them withdraws (`现场领取不再提供`) or that one denial governs
//! with others joined to them (`不提供现场领取和到窗口核验`, `现场领取和到窗口核验均不再提供`);
//! how a denial before a lone visit bears on it is [`super::visit`]'s.

use super::clause_head;
use super::visit_words::{
    FORBIDDING_REACH, FORBIDDINGS, PERMISSION_BREAKS, REMOTE_WAYS, REQUIREMENTS,
};

/// Words that, right after a visit and ending its clause, say it is not offered
/// (`现场领取不再提供`, `窗口领取方式已取消`; not `到窗口领取不提供邮寄服务`); they start at most
/// [`WITHDRAWN_REACH`] characters after the visit's start.
const WITHDRAWN: &[&str] = &[
    "不再提供",
    "不提供",
    "已取消",
    "不再办理",
    "暂停办理",
    "已停止",
];

/// See [`WITHDRAWN`].
const WITHDRAWN_REACH: usize = 8;

/// Words that join the things one denial denies (`不提供现场领取和到窗口核验`,
/// `现场提交、窗口领取方式已取消`).
const JOINERS: &[char] = &['和', '及', '与', '、', '或'];

/// The length of each of [`JOINERS`] in bytes (all are one CJK character or mark).
const JOINER_LEN: usize = '和'.len_utf8();

/// How many characters the things joined before (or after) a visit may hold, for a denial to
/// govern them and the visit together.
const LIST_REACH: usize = 16;

/// Whether `list`, the things joined to a visit that one denial governs with it (from the denial
/// to the visit, or from the visit to the denial), is a list of visits: short
/// ([`LIST_REACH`] characters, [`JOINERS`] aside), with no way needing no visit
/// (`不提供邮寄、到窗口领取` denies the post and then sends to the window) and no condition,
/// requirement or permission (`的`, `须`, `可`) in it.
fn is_denied_list(list: &str) -> bool {
    !list.is_empty()
        && list.chars().count() <= LIST_REACH + 2
        && !REMOTE_WAYS.iter().any(|w| list.contains(w))
        && !list.contains(['的', '可'])
        && !REQUIREMENTS.iter().any(|r| list.contains(r))
}

/// Words that make the things a denial governs before a joiner a visit too
/// (`不提供现场领取和…`, `不接受纸质材料和…`): without one, the denial is of something else
/// (`取消证明材料、到窗口提交申请` still goes to the window).
const VISIT_MARKERS: &[&str] = &[
    "现场",
    "窗口",
    "到场",
    "大厅",
    "服务中心",
    "登记中心",
    "纸质",
    "当面",
    "面签",
];

/// Words that open a visit right after a joiner (`或到窗口提交纸质材料`, `和现场领取`): the list
/// item they open may hold several visit words.
const ITEM_OPENINGS: &[&str] = &["到", "前往", "现场", "窗口"];

/// Whether the visit after `before` (its clause up to the visit) is in the last of the things one
/// [`FORBIDDINGS`] word denies, joined by [`JOINERS`] (`不提供现场领取和到窗口核验`,
/// `不支持现场提交、现场领取及到窗口核验`, `不接受现场申请或到窗口提交纸质材料`): the joiner stands
/// at most [`FORBIDDING_REACH`] characters before the visit, or opens a visit
/// ([`ITEM_OPENINGS`]) that holds it; the things are a list of visits ([`is_denied_list`],
/// [`VISIT_MARKERS`] before the joiner); and the last leads to no later step
/// (`不提供现场领取、到窗口核验身份后发证` goes to the window; `rest` is the clause from the visit
/// on). A denial in an earlier clause governs nothing here
/// (`不提供邮寄，须到窗口领取`, `不提供现场领取，到窗口核验身份后发证`), nor does one before a
/// new subject (`不提供现场领取、申请人到窗口核验`).
pub(super) fn forbidden_in_list(before: &str, rest: &str) -> bool {
    let Some(j) = before.rfind(JOINERS) else {
        return false;
    };
    let gap = &before[j + JOINER_LEN..];
    let Some(start) = FORBIDDINGS
        .iter()
        .filter_map(|f| before[..j].rfind(f).map(|k| k + f.len()))
        .max()
    else {
        return false;
    };
    let item = format!("{gap}{}", clause_head(rest, usize::MAX));
    start < j
        && VISIT_MARKERS.iter().any(|m| before[start..j].contains(m))
        && (gap.chars().count() <= FORBIDDING_REACH
            || ITEM_OPENINGS.iter().any(|o| gap.starts_with(o)))
        && is_denied_list(&before[start..])
        && !PERMISSION_BREAKS.iter().any(|b| item.contains(b))
}

/// Whether `rest` (the clause from a visit on) ends in a [`WITHDRAWN`] word that withdraws the
/// visit: starting at most [`WITHDRAWN_REACH`] characters after the visit or after the last
/// [`JOINERS`] of a list of visits the visit opens (`现场领取不再提供`,
/// `现场领取和到窗口核验均不再提供`, `现场提交、窗口领取方式已取消`), with at most 2 characters after
/// it and none a way needing no visit (not `到窗口领取不提供邮寄服务`, `到窗口领取不提供邮寄`: the
/// post is withdrawn).
pub(super) fn withdrawn(rest: &str) -> bool {
    let head = clause_head(rest, usize::MAX);
    WITHDRAWN.iter().any(|w| {
        head.find(w).is_some_and(|k| {
            let span = &head[..k];
            let last = span.rfind(JOINERS).map(|j| j + JOINER_LEN);
            let near = |s: &str| s.chars().count() <= WITHDRAWN_REACH;
            let after = &head[k + w.len()..];
            after.chars().count() <= 2
                && !REMOTE_WAYS.iter().any(|r| after.contains(r))
                && (near(span) || last.is_some_and(|j| near(&span[j..]) && is_denied_list(span)))
        })
    })
}
