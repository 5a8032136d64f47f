//! P02: what a clause says about a visit in it — a choice it offers, the lead word before the
//! visit (negation, requirement, permission), a denied way needing no visit, a condition of
//! choice or need, a numbered list of ways, staff who go there. Kept apart from the word tables
//! (`visit_words`) and from `visit`, which puts these together to decide a step.

use super::visit_words::{
    AFTER_CONDITION, APPLICANT_WORDS, CHOICE_WORDS, CHOSEN_CONDITIONS, DENIAL_REACH, DENIALS_AFTER,
    FORBIDDING_REACH, FORBIDDINGS, LIST_OF_WAYS, NEEDED_CONDITIONS, NEEDED_WAYS, NEGATIONS,
    PERMISSION_BREAKS, PERMISSION_REACH, PROXY_WORDS, REMOTE_WAYS, REQUIREMENT_REACH, REQUIREMENTS,
    SHORT_DENIALS, STAFF_TASKS, STAFF_UNITS, VISITING_STAFF,
};
use super::{DENIALS, clause_head, clause_tail, is_clause_end};

/// Whether a clause holding a visit offers it as one choice among others.
pub(super) fn offers_choice(clause: &str) -> bool {
    CHOICE_WORDS.iter().any(|w| clause.contains(w))
        || (clause.contains('或') && REMOTE_WAYS.iter().any(|w| has_remote_way(clause, w)))
}

/// Whether `clause` lets the applicant download the document (`申请人自行下载打印`,
/// `自行下载打印电子许可证`) and says nothing against it (`暂不支持下载`, `无法下载打印`): a way
/// needing no visit only for a visit joined to it by `，或` (`申请人自行下载打印，或凭营业执照到
/// 市政务服务中心窗口领取纸质备案登记表`), not one that makes a visit elsewhere in the step a
/// choice (`下载申请表，到窗口提交` is a later step).
pub(super) fn offers_download(clause: &str) -> bool {
    clause.match_indices("下载").any(|(at, _)| {
        let before = &clause[..at];
        !before.ends_with(SHORT_DENIALS)
            && !DENIALS
                .iter()
                .chain(FORBIDDINGS)
                .chain(&["暂不", "不再"])
                .any(|d| before.contains(d))
    })
}

/// Whether `clause` holds the remote way `way`: a self-service machine in the hall
/// (`自助机`, `自助终端`) is a visit, not a way that avoids one.
pub(super) fn has_remote_way(clause: &str, way: &str) -> bool {
    clause.match_indices(way).any(|(at, _)| {
        way != "自助"
            || !["机", "终端", "一体机", "设备", "区"]
                .iter()
                .any(|m| clause[at + way.len()..].starts_with(m))
    })
}

/// How the words before a visit in its clause bear on it: the last negation or requirement word
/// (whichever is later) decides; `None` when there is neither.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Lead {
    /// A negation comes last: no visit.
    Negated,
    /// A requirement word comes last, within [`REQUIREMENT_REACH`] characters of the visit.
    Required,
    /// A bare `可` (the applicant may) comes last, within [`PERMISSION_REACH`] characters of the
    /// visit and with no step in between ([`PERMISSION_BREAKS`]): the visit is an option.
    Permitted,
    /// A bare `可` that lets someone else come ([`PROXY_WORDS`]): someone still has to visit,
    /// unless the text offers the result by post
    /// ([`DELIVERY_WAYS`](super::visit_words::DELIVERY_WAYS)).
    Proxy,
}

/// Whether the `可` at `chars[i]` is the applicant's permission: not part of a word (`许可`,
/// `认可`, `可能`, `可行`) nor a forbidding, a condition or a restriction (`不可`, `即可`, `方可`,
/// `才可`; `仅可`, `只可`, `只可以` say the visit is the only way).
fn is_permission(chars: &[(usize, char)], i: usize) -> bool {
    chars[i].1 == '可'
        && !(i > 0
            && matches!(
                chars[i - 1].1,
                '许' | '认'
                    | '不'
                    | '无'
                    | '即'
                    | '方'
                    | '才'
                    | '仅'
                    | '只'
                    | '宁'
                    | '尚'
                    | '未'
                    | '便'
            ))
        && !chars.get(i + 1).is_some_and(|&(_, c)| {
            matches!(c, '能' | '靠' | '行' | '疑' | '控' | '变' | '调' | '观')
        })
}

/// The [`Lead`] of `before`, the part of a clause before a visit word.
pub(super) fn lead(before: &str) -> Option<Lead> {
    let chars: Vec<(usize, char)> = before.char_indices().collect();
    // (what, where it ends in characters, how far it reaches).
    let mut last: Option<(Lead, usize, usize)> = None;
    let mut i = 0;
    while i < chars.len() {
        let rest = &before[chars[i].0..];
        // `不可`/`不能`/`不支持` right before a visit forbids it (`本事项不可到窗口办理`).
        if let Some(n) = FORBIDDINGS.iter().find(|n| rest.starts_with(**n)) {
            i += n.chars().count();
            last = Some((Lead::Negated, i, FORBIDDING_REACH));
            continue;
        }
        if let Some(n) = NEGATIONS
            .iter()
            .find(|n| rest.starts_with(**n) && !(**n == "免" && rest[3..].starts_with('费')))
        {
            i += n.chars().count();
            last = Some((Lead::Negated, i, usize::MAX));
            continue;
        }
        // `如需`, `若需` are conditions, read as choices ([`CONDITION_WORDS`]), not requirements;
        // `所需`, `相应`, `对应` … are no requirement at all.
        let conditional = i > 0
            && matches!(
                chars[i - 1].1,
                '如' | '若' | '所' | '相' | '对' | '供' | '适' | '反' | '回' | '响'
            );
        if let Some(r) = REQUIREMENTS.iter().find(|r| rest.starts_with(**r))
            && !conditional
        {
            i += r.chars().count();
            last = Some((Lead::Required, i, REQUIREMENT_REACH));
            continue;
        }
        if is_permission(&chars, i) {
            i += 1;
            last = Some((Lead::Permitted, i, PERMISSION_REACH));
            continue;
        }
        i += 1;
    }
    let (l, end, reach) = last?;
    if chars.len() - end > reach {
        return None;
    }
    // `可在网上预约后到窗口领取`: the `可` is about the step before the visit.
    let between = chars.get(end).map_or("", |&(at, _)| &before[at..]);
    if l == Lead::Permitted && PERMISSION_BREAKS.iter().any(|b| between.contains(b)) {
        return None;
    }
    if l == Lead::Permitted && PROXY_WORDS.iter().any(|b| between.contains(b)) {
        return Some(Lead::Proxy);
    }
    Some(l)
}

/// Whether `text` says a way needing no visit ([`REMOTE_WAYS`]) is not offered: a denial before
/// it ([`DENIALS`], [`SHORT_DENIALS`]) or after it ([`DENIALS_AFTER`]).
pub(super) fn denies_remote_way(text: &str) -> bool {
    REMOTE_WAYS.iter().any(|w| {
        text.match_indices(w).any(|(at, _)| {
            let before = &text[..at];
            let head = clause_tail(before, DENIAL_REACH + 3);
            let rest = &text[at + w.len()..];
            // `不邮寄的，可到窗口领取`, `无法在线提交的，…`: a clause ending in 的 is a condition
            // (those who do not), not a statement that the way is not offered.
            if clause_head(rest, usize::MAX).ends_with('的') {
                return false;
            }
            let after = clause_head(rest, DENIAL_REACH + 3);
            before.ends_with(SHORT_DENIALS)
                || DENIALS.iter().any(|d| {
                    head.match_indices(d)
                        .any(|(k, _)| head[k + d.len()..].chars().count() <= DENIAL_REACH)
                })
                || DENIALS_AFTER.iter().any(|d| {
                    after
                        .find(d)
                        .is_some_and(|k| after[..k].chars().count() <= DENIAL_REACH)
                })
        })
    })
}

/// Which condition `phrase` (the words before its `的`) states: `Some(true)` for the applicant's
/// choice ([`CHOSEN_CONDITIONS`]), `Some(false)` for a need of a way ([`NEEDED_CONDITIONS`] with
/// [`NEEDED_WAYS`]; not `所需`, `符合要求`, `按要求`), `None` for none (`审批通过的`,
/// `本人不能到窗口领取的`, `需补正材料的`).
pub(super) fn condition_kind(phrase: &str) -> Option<bool> {
    if CHOSEN_CONDITIONS.iter().any(|w| phrase.contains(w)) {
        return Some(true);
    }
    (NEEDED_WAYS.iter().any(|w| phrase.contains(w))
        && NEEDED_CONDITIONS.iter().any(|w| {
            phrase
                .match_indices(w)
                .any(|(k, _)| !phrase[..k].ends_with(['所', '合', '按', '照', '定', '关', '的']))
        }))
    .then_some(false)
}

/// Where the condition ending right before a visit in its clause ends (`需自取的到窗口领取`: after
/// `的`), and its kind ([`condition_kind`]); `before` is the clause before the visit.
pub(super) fn condition_before(before: &str) -> Option<(usize, bool)> {
    let k = before.rfind('的')?;
    let rest = &before[k + '的'.len_utf8()..];
    if !(rest.is_empty() || AFTER_CONDITION.iter().any(|a| rest.starts_with(a))) {
        return None;
    }
    condition_kind(&before[..k]).map(|kind| (k + '的'.len_utf8(), kind))
}

/// Whether `clause` is an item of a numbered list (`1.邮寄送达`, `2、到窗口领取`, `②到窗口领取`).
pub(super) fn is_list_item(clause: &str) -> bool {
    let t = clause.trim_start();
    let mut chars = t.chars();
    match chars.next() {
        Some('①'..='⑩') => true,
        Some(c) if c.is_ascii_digit() || ('０'..='９').contains(&c) => {
            let rest = chars
                .as_str()
                .trim_start_matches(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c));
            let mut rest = rest.chars();
            matches!(rest.next(), Some('.' | '、' | '．'))
                && !rest.next().is_some_and(|c| c.is_ascii_digit())
        }
        _ => false,
    }
}

/// Whether `text` offers its numbered items as ways to choose from: the words before the first
/// item name ways or a choice ([`LIST_OF_WAYS`]) and an item is a way needing no visit.
pub(super) fn numbered_ways(text: &str) -> bool {
    let mut label_end = None;
    let mut remote_item = false;
    let mut at = 0;
    for clause in text.split(is_clause_end) {
        if is_list_item(clause) {
            label_end.get_or_insert(at);
            remote_item |= REMOTE_WAYS.iter().any(|w| has_remote_way(clause, w));
        }
        at += clause.len();
        at += text[at..].chars().next().map_or(0, char::len_utf8);
    }
    remote_item && label_end.is_some_and(|end| LIST_OF_WAYS.iter().any(|w| text[..end].contains(w)))
}

/// Whether `text` says the applicant need not come (`申请人无需到场`, `无需本人到场`, `不到场`):
/// then `现场核验身份` in the same step is done at a distance
/// (`通过视频连线现场核验身份，申请人无需到场`).
pub(super) fn says_no_presence(text: &str) -> bool {
    ["到场", "到现场"].iter().any(|w| {
        text.match_indices(w).any(|(at, _)| {
            let before = clause_tail(&text[..at], 8);
            before.ends_with(['不', '零']) || lead(before) == Some(Lead::Negated)
        })
    })
}

/// Whether the one going, in `before` (the clause before a going word), is the staff: a staff
/// word with no applicant named after it, or a `经办人` doing staff work ([`STAFF_TASKS`]) in
/// `rest` (the clause from the going word on).
pub(super) fn by_staff(before: &str, rest: &str) -> bool {
    let unit_staff = before
        .match_indices("人员")
        .filter(|&(k, _)| before[..k].ends_with(STAFF_UNITS))
        .map(|(k, w)| k + w.len());
    let named = VISITING_STAFF
        .iter()
        .filter_map(|w| before.rfind(w).map(|k| k + w.len()))
        .chain(unit_staff)
        .max()
        .is_some_and(|end| !APPLICANT_WORDS.iter().any(|a| before[end..].contains(a)));
    named
        || (before.contains("经办人")
            && !APPLICANT_WORDS
                .iter()
                .any(|a| *a != "经办人" && before.contains(a))
            && STAFF_TASKS.iter().any(|t| rest.contains(t)))
}
