//! P02: whether a step of a 四级 item requires the applicant to come on site, once negations,
//! choices, staff and things sent there are set aside.

use super::super::general_text::mask_phrases;
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
const REMOTE_WAYS: &[&str] = &[
    "邮寄",
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
const REQUIREMENTS: &[&str] = &["必须", "应当", "需要", "须", "需", "应"];

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
const PERMISSION_BREAKS: &[&str] = &["后", "并", "再", "然后", "日起", "时起"];

/// Words between a `可` and a visit that make the `可` about who comes, not whether anyone does
/// (`不能到窗口领取的，可委托他人到窗口领取`, `可由代理人到窗口领取`).
const PROXY_WORDS: &[&str] = &["委托", "代"];

/// How many characters may stand between `不可`/`不能` and the visit it forbids (`不可到窗口办理`);
/// further off it forbids something else (`不可委托他人到窗口领取`).
const FORBIDDING_REACH: usize = 2;

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
        // `不可`/`不能` right before a visit forbids it (`本事项不可到窗口办理`).
        if let Some(n) = ["不可", "不能"].iter().find(|n| rest.starts_with(**n)) {
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
const DELIVERY_WAYS: &[&str] = &["邮寄", "EMS", "速递", "快递", "寄递", "寄送"];

/// The first of `words` (in list order) that a clause of `text` requires, once the `negations`
/// are masked, or else the first going to a hall, centre or window ([`visits_to_place`]): a clause
/// that offers the visit as a choice ([`offers_choice`], or a `，或…` alternative with a way
/// needing no visit in the clause before or after it: `结果免费EMS寄递，或申请人到窗口自取`)
/// requires nothing, nor does staff going there ([`by_staff`]).
/// Only called for a text that holds a visit word or a going to a place (the way to a finding).
pub(super) fn required_visit(text: &str, words: &[String], negations: &[String]) -> Option<String> {
    let masked = mask_phrases(text, negations);
    // `纸质证照不可邮寄，可到窗口领取`: the window is then the only way.
    let denied = masked.contains(['不', '无', '未', '停']) && denies_remote_way(&masked);
    // `可委托他人到窗口领取，也可邮寄送达`: someone comes unless the result can be posted.
    let delivered = || !denied && DELIVERY_WAYS.iter().any(|w| masked.contains(w));
    // `…，或申请人到窗口自取` / `申请人到窗口领取，或选择邮寄送达`.
    let remote_alternative = |clause: &str| {
        !denied
            && clause.trim_start().starts_with('或')
            && REMOTE_WAYS.iter().any(|w| has_remote_way(clause, w))
    };
    let remote_before =
        |clause: &str| !denied && REMOTE_WAYS.iter().any(|w| has_remote_way(clause, w));
    // A clause after a condition (`如需纸质证照，可到窗口领取`) is a choice too.
    let mut after_condition = false;
    let mut prev = "";
    let mut clauses = masked.split(is_clause_end).peekable();
    while let Some(clause) = clauses.next() {
        let next = clauses.peek().copied().unwrap_or("");
        let optional = after_condition
            || offers_choice(clause)
            || (clause.trim_start().starts_with('或') && remote_before(prev))
            || remote_alternative(next);
        after_condition = CONDITION_WORDS.iter().any(|w| clause.contains(w));
        prev = clause;
        let required_at = |at: usize, going: bool| {
            let before = &clause[..at];
            !(going && by_staff(before))
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
                    && clause
                        .match_indices(w.as_str())
                        .any(|(at, _)| required_at(at, w.starts_with('到')))
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

/// Staff who may go to a site or a hall themselves (`工作人员到场指导`,
/// `工作人员到便民服务中心送达证照`): not the applicant's visit.
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
    "专家",
    "部门",
];

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

/// Whether the one going, in `before` (the clause before a going word), is the staff: a staff
/// word with no applicant named after it.
fn by_staff(before: &str) -> bool {
    VISITING_STAFF
        .iter()
        .filter_map(|w| before.rfind(w).map(|k| k + w.len()))
        .max()
        .is_some_and(|end| !APPLICANT_WORDS.iter().any(|a| before[end..].contains(a)))
}

/// Places the applicant comes to: `到` or `前往` one of them is a visit (`到政务服务大厅领取`,
/// `前往政务大厅领取`, `到便民服务中心领取`, `到不动产登记中心领证`, `到发证窗口领证`).
const VISIT_PLACES: &[&str] = &["大厅", "服务中心", "登记中心", "窗口"];

/// How many characters may stand between `到`/`前往` and the place (`到所在地社区服务中心`).
const PLACE_REACH: usize = 10;

/// Characters before `到` that make it part of another word, something else going there, or no
/// going (`收到`, `达到`, `流转到`, `邮寄到`, `推送到`, `不到政务服务中心即可办理`).
const NOT_GOING_BEFORE: &[char] = &[
    '收', '得', '达', '直', '送', '转', '交', '报', '递', '寄', '推', '传', '移', '发', '提', '受',
    '用', '找', '派', '退', '还', '调', '分', '抄', '归', '流', '回', '遇', '看', '做', '签', '迟',
    '等', '想', '说', '不', '未', '没',
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
