//! P02: whether a step of a 四级 item requires the applicant to come on site, once negations,
//! choices, staff and things sent there are set aside.
//!
//! Not here: the word tables (`visit_words`) and what a clause says about a visit in it
//! (`visit_clauses`).

use super::super::general_text::mask_phrases;
use super::denied_lists::{forbidden_in_list, withdrawn};
use super::going::visits_to_place;
use super::is_clause_end;
use super::visit_clauses::{
    Lead, by_staff, condition_before, condition_kind, denies_remote_way, has_remote_way,
    is_list_item, lead, numbered_ways, offers_choice, offers_download, says_no_presence,
};
use super::visit_words::{
    AT_A_DISTANCE, CONDITION_WORDS, DELIVERY_WAYS, ONE_OF, REMOTE_WAYS, SENT_BEFORE,
};

/// The first of `words` (in list order) that a clause of `text` requires, once the `negations`
/// are masked, or else the first going to a hall, centre or window ([`visits_to_place`]): a clause
/// that offers the visit as a choice ([`offers_choice`], or a `，或…` alternative with a way
/// needing no visit in the clause before or after it: `结果免费EMS寄递，或申请人到窗口自取`)
/// requires nothing, nor does a visit after or inside a condition of choice or need
/// ([`condition_kind`]: `结果免费邮寄；申请人选择自取的，到政务服务中心领取`), an item of a numbered
/// list of ways ([`numbered_ways`]), a `二选一` beside a way needing no visit, staff going there
/// ([`by_staff`]) or things sent there ([`SENT_BEFORE`]); `现场核验身份` in a step that says the
/// applicant need not come, or by video, is no visit either.
/// Only called for a text that holds a visit word or a going to a place (the way to a finding).
pub(super) fn required_visit(text: &str, words: &[String], negations: &[String]) -> Option<String> {
    let masked = mask_phrases(text, negations);
    // `纸质证照不可邮寄，可到窗口领取`: the window is then the only way.
    let denied = masked.contains(['不', '无', '未', '停']) && denies_remote_way(&masked);
    // A way needing no visit is offered somewhere in the step (`结果免费邮寄`, `在线下载电子证照`).
    let remote_offered = !denied && REMOTE_WAYS.iter().any(|w| has_remote_way(&masked, w));
    // `可委托他人到窗口领取，也可邮寄送达`: someone comes unless the result can be posted.
    let delivered = || !denied && DELIVERY_WAYS.iter().any(|w| masked.contains(w));
    // `…，或申请人到窗口自取` / `申请人到窗口领取，或选择邮寄送达`.
    // A download offered is a way needing no visit whatever the text denies of the post
    // (`电子证照不提供邮寄，申请人自行下载打印，或到窗口领取`).
    let remote_alternative = |clause: &str| {
        clause.trim_start().starts_with('或')
            && ((!denied && REMOTE_WAYS.iter().any(|w| has_remote_way(clause, w)))
                || offers_download(clause))
    };
    // `申请人自行下载打印，或凭营业执照到…窗口领取`.
    let remote_before = |clause: &str| {
        (!denied && REMOTE_WAYS.iter().any(|w| has_remote_way(clause, w)))
            || offers_download(clause)
    };
    // A condition of the applicant's choice, or of a need beside a way needing no visit.
    let choosing = |kind: bool| kind || remote_offered;
    // `送达方式：1.邮寄送达；2.到政务服务中心自取`.
    let listed = remote_offered && numbered_ways(&masked);
    // `通过视频连线现场核验身份，申请人无需到场`.
    let no_presence = std::cell::OnceCell::new();
    // A clause after a condition (`如需纸质证照，可到窗口领取`, `申请人选择自取的，到…`) is a choice too.
    let mut after_condition = false;
    let mut prev = "";
    let mut clauses = masked.split(is_clause_end).peekable();
    while let Some(clause) = clauses.next() {
        let next = clauses.peek().copied().unwrap_or("");
        let optional = after_condition
            || offers_choice(clause)
            || (clause.trim_start().starts_with('或') && remote_before(prev))
            || remote_alternative(next)
            || (listed && is_list_item(clause))
            || (!denied
                && ONE_OF.iter().any(|w| clause.contains(w))
                && REMOTE_WAYS.iter().any(|w| has_remote_way(clause, w)));
        let trimmed = clause.trim_end();
        after_condition = CONDITION_WORDS.iter().any(|w| clause.contains(w))
            || (trimmed.ends_with('的') && condition_kind(trimmed).is_some_and(choosing));
        prev = clause;
        let required_at = |at: usize, going: bool| {
            let before = &clause[..at];
            let rest = &clause[at..];
            // `全程网办，申请人不到窗口`: a bare `不` right before the visit says there is none,
            // unless the clause is its condition and what follows is no way needing no visit
            // (`申请人不到窗口核验的，不予受理` requires it; `申请人不到窗口领取的，证照邮寄送达`
            // does not).
            // `无现场领取，结果统一邮寄`: a bare `无` right before it says the same.
            let not_going =
                before.ends_with('不') || before.ends_with("不到") || before.ends_with('无');
            if not_going
                && (!trimmed.ends_with('的') || REMOTE_WAYS.iter().any(|w| has_remote_way(next, w)))
            {
                return false;
            }
            // `现场领取不再提供，结果EMS邮寄`: the visit is withdrawn.
            if withdrawn(rest) {
                return false;
            }
            // `不提供现场领取和到窗口核验`: the denial governs the visits joined after it.
            if forbidden_in_list(before, rest) {
                return false;
            }
            // `申请人选择到窗口领取的，…`: the visit is the condition itself.
            if trimmed.ends_with('的') && condition_kind(before).is_some_and(choosing) {
                return false;
            }
            // `需自取的到窗口领取`: the `需` is the condition's, not a requirement of the visit.
            let (before, optional) = match condition_before(before) {
                Some((end, kind)) if choosing(kind) => (&before[end..], true),
                _ => (before, optional),
            };
            let sent = rest.starts_with(['到', '至']) && before.ends_with(SENT_BEFORE);
            !(going && (by_staff(before, rest) || sent))
                && match lead(before) {
                    Some(Lead::Negated) => false,
                    Some(Lead::Required) => true,
                    Some(Lead::Permitted) => denied && !optional,
                    Some(Lead::Proxy) => !optional && !delivered(),
                    None => !optional,
                }
        };
        let found = words
            .iter()
            .find(|w| {
                !w.is_empty()
                    && clause.match_indices(w.as_str()).any(|(at, _)| {
                        // `前往服务中心窗口领取`: the word is part of a going to a place.
                        let going = w.starts_with('到')
                            || visits_to_place(clause).any(|(g, end)| g < at && at < end);
                        required_at(at, going)
                            && !(w.contains("核验身份")
                                && lead(&clause[..at]) != Some(Lead::Required)
                                && (AT_A_DISTANCE.iter().any(|d| clause[..at].contains(d))
                                    || *no_presence.get_or_init(|| says_no_presence(text))))
                    })
            })
            .cloned()
            .or_else(|| {
                visits_to_place(clause)
                    .find(|&(at, _)| required_at(at, true))
                    .map(|(at, end)| clause[at..end].to_owned())
            });
        if found.is_some() {
            return found;
        }
    }
    None
}
