//! P02: whether a step of a 四级 item requires the applicant to come on site, once negations,
//! choices, staff and things sent there are set aside.

use super::super::general_text::mask_phrases;
use super::denied_lists::{forbidden_in_list, withdrawn};
use super::{DENIALS, clause_head, clause_tail, is_clause_end};

/// Words that make the clause holding a visit an option the applicant may take, not a
/// requirement (`也可到窗口领取`, `申请人可选择窗口领取…`, `如需纸质证照…`).
const CHOICE_WORDS: &[&str] = &[
    "也可",
    "亦可",
    "也能",
    "可选择",
    "可自行选择",
    "自主选择",
    "任选",
    "自愿",
    "如需",
    "如有需要",
    "必要时",
];

/// Words of a condition that makes the clause after it a choice (`如需纸质证照，可到窗口领取`).
const CONDITION_WORDS: &[&str] = &["如需", "如有需要", "若需", "需要纸质", "必要时"];

/// Ways that need no visit: a visit joined to one of them by `或` is a choice
/// (`在线提交申请材料或到窗口提交`, `窗口领取或免费邮寄送达`).
pub(super) const REMOTE_WAYS: &[&str] = &[
    "邮寄",
    "邮政",
    "EMS",
    "速递",
    "快递",
    "寄递",
    "寄送",
    "在线",
    "网上",
    "线上",
    "网络",
    "电子证照",
    "自助",
    "APP",
    "App",
    "app",
    "小程序",
    "皖事通",
];

/// Whether a clause holding a visit offers it as one choice among others.
fn offers_choice(clause: &str) -> bool {
    CHOICE_WORDS.iter().any(|w| clause.contains(w))
        || (clause.contains('或') && REMOTE_WAYS.iter().any(|w| has_remote_way(clause, w)))
}

/// Whether `clause` lets the applicant download the document (`申请人自行下载打印`,
/// `自行下载打印电子许可证`) and says nothing against it (`暂不支持下载`, `无法下载打印`): a way
/// needing no visit only for a visit joined to it by `，或` (`申请人自行下载打印，或凭营业执照到
/// 市政务服务中心窗口领取纸质备案登记表`), not one that makes a visit elsewhere in the step a
/// choice (`下载申请表，到窗口提交` is a later step).
fn offers_download(clause: &str) -> bool {
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
fn has_remote_way(clause: &str, way: &str) -> bool {
    clause.match_indices(way).any(|(at, _)| {
        way != "自助"
            || !["机", "终端", "一体机", "设备", "区"]
                .iter()
                .any(|m| clause[at + way.len()..].starts_with(m))
    })
}

/// Negations that, before a visit in the same clause, say there is none (`无需申请人现场核验原件`,
/// `不再现场核验原件`, `免于现场核对原件`); longest first, so `不需要` is not read as `不需`.
const NEGATIONS: &[&str] = &[
    "不需要",
    "无需",
    "无须",
    "毋需",
    "不需",
    "不再",
    "免于",
    "不用",
    "不必",
    "免",
];

/// Words that require what follows (`提交后须到现场核验原件`): right before a visit, they make it
/// required even when the clause offers a choice elsewhere.
pub(super) const REQUIREMENTS: &[&str] = &["必须", "应当", "需要", "须", "需", "应"];

/// How many characters may stand between a requirement word and the visit it requires
/// (`须本人到现场`).
const REQUIREMENT_REACH: usize = 4;

/// How the words before a visit in its clause bear on it: the last negation or requirement word
/// (whichever is later) decides; `None` when there is neither.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lead {
    /// A negation comes last: no visit.
    Negated,
    /// A requirement word comes last, within [`REQUIREMENT_REACH`] characters of the visit.
    Required,
    /// A bare `可` (the applicant may) comes last, within [`PERMISSION_REACH`] characters of the
    /// visit and with no step in between ([`PERMISSION_BREAKS`]): the visit is an option.
    Permitted,
    /// A bare `可` that lets someone else come ([`PROXY_WORDS`]): someone still has to visit,
    /// unless the text offers the result by post ([`DELIVERY_WAYS`]).
    Proxy,
}

/// How many characters may stand between a `可` and the visit it permits
/// (`可到政务服务中心3号窗口领取`).
const PERMISSION_REACH: usize = 16;

/// Words between a `可` and a visit that end what the `可` is about: the visit is a later step or
/// time, not the option (`可在网上预约后到窗口领取`, `可在线提交并携带原件到窗口核验`,
/// `可自收到短信通知之日起到窗口领取`, `可于审批完成次日起到窗口领取`).
pub(super) const PERMISSION_BREAKS: &[&str] = &["后", "并", "再", "然后", "日起", "时起"];

/// Words between a `可` and a visit that make the `可` about who comes, not whether anyone does
/// (`不能到窗口领取的，可委托他人到窗口领取`, `可由代理人到窗口领取`).
const PROXY_WORDS: &[&str] = &["委托", "代"];

/// How many characters may stand between `不可`/`不能` and the visit it forbids (`不可到窗口办理`);
/// further off it forbids something else (`不可委托他人到窗口领取`).
pub(super) const FORBIDDING_REACH: usize = 2;

/// Words that, at most [`FORBIDDING_REACH`] characters before a visit, forbid it or say it is not
/// offered (`不可到窗口办理`, `本事项不支持现场办理`, `不提供现场领取`, `不支持到窗口领取`,
/// `不接受现场申请`); further off they deny something else (`不提供邮寄的到窗口领取`).
pub(super) const FORBIDDINGS: &[&str] = &[
    "不可",
    "不能",
    "不支持",
    "不提供",
    "不接受",
    "不设",
    "不开通",
    "未开通",
    "不办理",
    "取消",
];

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
fn lead(before: &str) -> Option<Lead> {
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

/// How many characters may stand between a denial and the way it denies
/// (`不提供纸质证照邮寄服务`).
const DENIAL_REACH: usize = 6;

/// A single `不`, `无` or `未` right before a way denies it too (`不邮寄`, `暂不邮寄`, `无邮寄服务`);
/// further off it is mostly about something else (`无需到现场，在线…`).
const SHORT_DENIALS: &[char] = &['不', '无', '未'];

/// Words after a way that say it is not offered (`邮寄服务暂未开通`, `快递送达暂停`), at most
/// [`DENIAL_REACH`] characters after it, in its clause.
const DENIALS_AFTER: &[&str] = &[
    "未开通",
    "不开通",
    "未开放",
    "不开放",
    "暂停",
    "停止",
    "不提供",
    "不支持",
];

/// Whether `text` says a way needing no visit ([`REMOTE_WAYS`]) is not offered: a denial before
/// it ([`DENIALS`], [`SHORT_DENIALS`]) or after it ([`DENIALS_AFTER`]).
fn denies_remote_way(text: &str) -> bool {
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

/// Ways the result reaches the applicant without a visit: when a text offers one (not denied),
/// letting someone else come ([`Lead::Proxy`]) is no requirement (`可委托他人到窗口领取，也可邮寄送达`).
const DELIVERY_WAYS: &[&str] = &["邮寄", "邮政", "EMS", "速递", "快递", "寄递", "寄送"];

/// Words of a condition ending in `的` that name the applicant's own choice (`申请人选择自取的`,
/// `自取的`, `愿意自取的`): the visit the condition leads to is one way among others.
const CHOSEN_CONDITIONS: &[&str] = &["选择", "自取", "愿意", "自愿"];

/// Words of a condition ending in `的` that name a need (`需自取的`, `需要纸质证照的`,
/// `要求自取的`, `不愿邮寄的`): the visit is a choice when the step offers a way needing no visit
/// (`结果邮寄送达，需自取的到政务服务大厅领取`).
const NEEDED_CONDITIONS: &[&str] = &["需", "要求", "不愿"];

/// What may stand between the `的` ending a condition and the visit in its clause
/// (`需自取的到窗口领取`, `需要纸质证照的可到窗口领取`, `自取的申请人到…`; the going of a visit word
/// `窗口领取`); anything else makes the `的` part of a noun (`需携带本人的身份证到窗口签字` is no
/// condition).
const AFTER_CONDITION: &[&str] = &["可", "请", "申请人", "自行", "直接", "凭", "到", "前往"];

/// What a condition of need is about when it is a way of getting the result (`需自取的`,
/// `需要纸质证照的`, `不愿邮寄的`), not a case of the matter (`需补正材料的` is no choice).
const NEEDED_WAYS: &[&str] = &[
    "自取", "纸质", "邮寄", "寄递", "快递", "领取", "窗口", "证照", "证书",
];

/// Which condition `phrase` (the words before its `的`) states: `Some(true)` for the applicant's
/// choice ([`CHOSEN_CONDITIONS`]), `Some(false)` for a need of a way ([`NEEDED_CONDITIONS`] with
/// [`NEEDED_WAYS`]; not `所需`, `符合要求`, `按要求`), `None` for none (`审批通过的`,
/// `本人不能到窗口领取的`, `需补正材料的`).
fn condition_kind(phrase: &str) -> Option<bool> {
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
fn condition_before(before: &str) -> Option<(usize, bool)> {
    let k = before.rfind('的')?;
    let rest = &before[k + '的'.len_utf8()..];
    if !(rest.is_empty() || AFTER_CONDITION.iter().any(|a| rest.starts_with(a))) {
        return None;
    }
    condition_kind(&before[..k]).map(|kind| (k + '的'.len_utf8(), kind))
}

/// Words saying one of several ways is taken (`EMS寄递、窗口领取二选一`): with a way needing no
/// visit in the same clause, the visit is a choice.
const ONE_OF: &[&str] = &["二选一", "三选一", "择一", "选其一"];

/// Words before a numbered list that make it a list of ways to choose from
/// (`送达方式：1.邮寄送达；2.到政务服务中心自取`, `申请人自行选择：1.邮寄送达；2.到窗口领取`), not
/// a list of steps (`办理流程：1.网上申请；2.到窗口核验原件`).
const LIST_OF_WAYS: &[&str] = &["方式", "选择", "途径", "送达", "领取", "选一", "择一"];

/// Whether `clause` is an item of a numbered list (`1.邮寄送达`, `2、到窗口领取`, `②到窗口领取`).
fn is_list_item(clause: &str) -> bool {
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
fn numbered_ways(text: &str) -> bool {
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

/// Words before `现场核验身份` in its clause that make it done at a distance
/// (`通过视频连线现场核验身份`).
const AT_A_DISTANCE: &[&str] = &["视频", "远程"];

/// Whether `text` says the applicant need not come (`申请人无需到场`, `无需本人到场`, `不到场`):
/// then `现场核验身份` in the same step is done at a distance
/// (`通过视频连线现场核验身份，申请人无需到场`).
fn says_no_presence(text: &str) -> bool {
    ["到场", "到现场"].iter().any(|w| {
        text.match_indices(w).any(|(at, _)| {
            let before = clause_tail(&text[..at], 8);
            before.ends_with(['不', '零']) || lead(before) == Some(Lead::Negated)
        })
    })
}

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
            let sent = rest.starts_with('到') && before.ends_with(SENT_BEFORE);
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

/// Characters right before `到` that make it something sent there, not someone going
/// (`审批结果反馈到综合窗口`, `结果汇总到窗口`, `同步到`, `归档到`, `转办到`, `流转到`, `推送到`,
/// `上传到`, `分派到`, `抄送到`); `送到`, `递交到` stay visits for a visit word
/// (`申请人将材料送到窗口`).
const SENT_BEFORE: &[char] = &['馈', '总', '步', '档', '办', '流', '推', '传', '派', '抄'];

/// Staff who may go to a site or a hall themselves (`工作人员到场指导`,
/// `工作人员到便民服务中心送达证照`, `承办人员到不动产登记中心调取档案`, `业务科室到场核查`,
/// `局领导到场审定`): not the applicant's visit. Not `submission::STAFF_WORDS`: its 经办人 is
/// the staff who enters an application, but one who goes somewhere is as often the applicant's
/// (`申请单位经办人到窗口领证`).
const VISITING_STAFF: &[&str] = &[
    "工作人",
    "受理人员",
    "审核人员",
    "审查人员",
    "审批人员",
    "窗口人员",
    "业务人员",
    "核查人员",
    "检查人员",
    "执法人员",
    "踏勘人员",
    "承办人",
    "科室",
    "股室",
    "领导",
    "局长",
    "专家",
    "部门",
];

/// The last character of an office before `人员` that makes them staff (`审批科人员`,
/// `业务股人员`, `中心人员`, `核查组人员`); `申请人员`, `经办人员` are not staff by their name.
const STAFF_UNITS: &[char] = &['科', '室', '股', '心', '局', '站', '组', '队'];

/// The applicant's side (`通知申请人到窗口领取`): named after the staff, they are the ones who go.
const APPLICANT_WORDS: &[&str] = &[
    "申请人",
    "当事人",
    "本人",
    "申报人",
    "办事人",
    "群众",
    "代理人",
    "受托人",
    "经办人",
    "双方",
];

/// What only staff do where they go (`经办人到服务中心档案室调档`, `经办人到窗口取件后审查`): a
/// `经办人` doing it is the department's, not the applicant's (who may be called 经办人 too).
const STAFF_TASKS: &[&str] = &["调档", "调取档案", "调阅档案", "取件后审查", "取件后审核"];

/// Whether the one going, in `before` (the clause before a going word), is the staff: a staff
/// word with no applicant named after it, or a `经办人` doing staff work ([`STAFF_TASKS`]) in
/// `rest` (the clause from the going word on).
fn by_staff(before: &str, rest: &str) -> bool {
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

/// Places the applicant comes to: `到` or `前往` one of them is a visit (`到政务服务大厅领取`,
/// `前往政务大厅领取`, `到便民服务中心领取`, `到不动产登记中心领证`, `到发证窗口领证`).
const VISIT_PLACES: &[&str] = &["大厅", "服务中心", "登记中心", "窗口"];

/// How many characters may stand between `到`/`前往` and the place (`到所在地社区服务中心`).
const PLACE_REACH: usize = 10;

/// Characters before `到` that make it part of another word, something else going there, or no
/// going (`收到`, `达到`, `流转到`, `邮寄到`, `推送到`, `反馈到`, `汇总到`, `同步到`, `归档到`,
/// `转办到`, `不到政务服务中心即可办理`).
const NOT_GOING_BEFORE: &[char] = &[
    '收', '得', '达', '直', '送', '转', '交', '报', '递', '寄', '推', '传', '移', '发', '提', '受',
    '用', '找', '派', '退', '还', '调', '分', '抄', '归', '流', '回', '遇', '看', '做', '签', '迟',
    '等', '想', '说', '不', '未', '没', '馈', '总', '步', '档', '办',
];

/// Characters between `到`/`前往` and a place that show the two are not one going there
/// (`到期后在政务服务中心…`, `到网上办事大厅`, `到达便民服务中心后`); `在` is one only outside
/// `所在` (`到所在地社区服务中心`).
const NOT_A_PLACE_NAME: &[char] = &[
    '后', '时', '期', '并', '再', '或', '和', '与', '及', '把', '将', '对', '向', '由', '达', '网',
    '掌', '线', '云',
];

/// Words right after a place that make it an online service, not a place to go
/// (`登录到政务服务中心网站`, `关注到便民服务中心公众号`).
const NOT_A_PLACE_AFTER: &[&str] = &[
    "网",
    "公众号",
    "微信",
    "平台",
    "系统",
    "小程序",
    "APP",
    "App",
    "app",
    "热线",
    "电话",
];

/// Each going to a place in `text` ([`VISIT_PLACES`]): where `到`/`前往` starts and where the place
/// ends, in bytes.
pub(super) fn visits_to_place(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    VISIT_PLACES.iter().flat_map(move |p| {
        text.match_indices(p).filter_map(move |(j, _)| {
            let window = &text[..j];
            let go = ["到", "前往"]
                .iter()
                .filter_map(|g| window.rfind(g).map(|k| (k, k + g.len())))
                .max()?;
            let between = &window[go.1..];
            let end = j + p.len();
            let near = between.chars().count() <= PLACE_REACH;
            let broken = between
                .chars()
                .any(|c| is_clause_end(c) || NOT_A_PLACE_NAME.contains(&c))
                || between
                    .match_indices('在')
                    .any(|(k, _)| !between[..k].ends_with('所'));
            let other_word =
                text[go.0..].starts_with('到') && window[..go.0].ends_with(NOT_GOING_BEFORE);
            let online = NOT_A_PLACE_AFTER.iter().any(|a| text[end..].starts_with(a));
            let going = near && !(broken || other_word || online);
            going.then_some((go.0, end))
        })
    })
}
