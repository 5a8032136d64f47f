//! P02: whether a step says the applicant submits through an online platform
//! (`申请人登录安徽政务服务网，填写申请表并上传材料`), not only names one.

use super::{DENIALS, clause_head, clause_tail, is_clause_end};

/// Verbs of submitting that, after a platform's name in its clause, make a step an online
/// submission (`通过安徽政务服务网提交申请`, `登录皖事通APP上传申请材料`, `通过网上办事大厅申报`).
/// `申请` followed by `人` is the applicant, and `办理` followed by `时间`, `进度`… a noun
/// ([`NOUNS_AFTER_VERB`]), not the verb. `认证` is the application of a 资格认证 service only
/// (`通过皖事通APP刷脸在线认证`), and not an account's (`实名认证`, `注册认证`), one booked
/// (`预约认证`, `认证时间`) nor one before a later step (`认证后到窗口提交`).
const SUBMIT_VERBS: &[&str] = &[
    "提交", "上传", "填报", "填写", "申报", "申请", "递交", "办理", "认证",
];

/// The verbs of [`SUBMIT_VERBS`] that still say the applicant submits when they stand in a later
/// clause than the login (`申请人登录安徽政务服务网，填写申请表并上传材料`): `申请` and `办理`
/// there are mostly the staff's (`登录系统，对申请材料进行审查`).
const LATER_CLAUSE_VERBS: &[&str] = &["提交", "上传", "填报", "填写", "申报", "递交"];

/// Words before a platform's name in its clause that make the platform the place the applicant
/// logs in to: the submitting verb may then stand in the clauses after it, up to the end of the
/// sentence (`登录安徽政务服务网，填写申请表并上传材料`, `登录安徽政务服务网：提交申请材料`).
const LOGIN_WORDS: &[&str] = &["登录", "登陆", "进入", "打开"];

/// Words between a platform's name and a submitting verb that make the platform a place to look
/// something up, or the staff's tool, not where the applicant submits
/// (`可在安徽政务服务网查询办理进度`, `通过政务服务网推送办理结果`, `在政务服务网下载申请表`,
/// `登录审批系统审核申请材料`).
const NOT_SUBMITTING: &[&str] = &[
    "查询", "查看", "查阅", "浏览", "了解", "下载", "打印", "公示", "公开", "公布", "获取", "领取",
    "接收", "推送", "反馈", "告知", "通知", "录入", "流转", "审核", "审查", "核查", "预审",
];

/// Words between a platform's name and a submitting verb that make the verb a later step at the
/// window (`通过皖事通预约后到窗口提交申请材料`, `登录后在窗口提交`), unless the two are
/// alternatives (`通过安徽政务服务网或到窗口提交申请`, `通过安徽政务服务网、窗口提交`:
/// [`ALTERNATIVES`]).
const OFFLINE_BETWEEN: &[&str] = &[
    "窗口",
    "现场",
    "大厅",
    "携带",
    "前往",
    "线下",
    "到社区",
    "服务站",
];

/// What joins alternatives: a platform and a window before one verb are both ways to submit.
const ALTERNATIVES: &[char] = &['或', '、', '和', '及'];

/// Words right after `申请`/`办理` that make it a noun, not the verb (`申请人`,
/// `通过皖事通预约办理时间`).
const NOUNS_AFTER_VERB: &[&str] = &["人", "时间", "进度", "结果", "情况", "地点", "指南", "须知"];

/// Words before a platform's name in its clause that make it the staff's tool, not the
/// applicant's (`工作人员通过政务服务网录入办理`, `受理人员在政务服务网办理受理`).
const STAFF_WORDS: &[&str] = &[
    "工作人",
    "受理人员",
    "审核人员",
    "审查人员",
    "审批人员",
    "窗口人员",
    "经办人",
    "承办人",
    "业务人员",
];

/// Whether `before` (the clause before an online word) names staff ([`STAFF_WORDS`]).
pub(super) fn is_staff(before: &str) -> bool {
    STAFF_WORDS.iter().any(|w| before.contains(w))
}

/// Whether `text` (a step's name or duties) says the application is submitted through an online
/// platform: a name of `platforms` followed by a submitting verb ([`SUBMIT_VERBS`]) in its clause
/// — a bracketed aside (`安徽政务服务网（www.ahzwfw.gov.cn）提交`, `皖事通（手机APP）上传`) does
/// not end it — or, after a login ([`LOGIN_WORDS`]), in the later clauses of the sentence
/// ([`LATER_CLAUSE_VERBS`]); with no look-up, staff work ([`NOT_SUBMITTING`]), staff, denial or
/// visit ([`OFFLINE_BETWEEN`]) in between, no staff before the name in its clause
/// ([`STAFF_WORDS`]) and no denial (`不支持`, `不能`, `无法`… [`DENIALS`]).
///
/// `certification`: the item is a 资格认证 service, whose application is the `认证` itself.
pub(super) fn submits_through_platform(
    text: &str,
    platforms: &[String],
    certification: bool,
) -> bool {
    platforms.iter().filter(|w| !w.is_empty()).any(|w| {
        text.match_indices(w.as_str()).any(|(at, _)| {
            let inner = clause_tail(&text[..at], usize::MAX);
            // `申请人可线上（皖事通）或线下（窗口）提交`: the bracket names the online way's
            // platform, and the clause goes on after it.
            let outer = glossed_online_way(&text[..at - inner.len()]);
            let before = |d: &str| inner.contains(d) || outer.is_some_and(|o| o.contains(d));
            if STAFF_WORDS.iter().chain(DENIALS).any(|d| before(d)) {
                return false;
            }
            let after = &text[at + w.len()..];
            let open = usize::from(outer.is_some());
            let clause = platform_clause(after, false, open);
            if let Some(k) = submit_verb(clause, SUBMIT_VERBS, certification) {
                return submits_between(&clause[..k]);
            }
            if !LOGIN_WORDS.iter().any(|l| before(l) || w.contains(l)) {
                return false;
            }
            let sentence = platform_clause(after, true, open);
            submit_verb(&sentence[clause.len()..], LATER_CLAUSE_VERBS, false)
                .is_some_and(|k| submits_between(&sentence[..clause.len() + k]))
        })
    })
}

/// The online ways ([`ONLINE_WAYS`]) that, named as one way of submitting beside another
/// (`线上或线下（窗口）提交`), say the applicant submits online with no platform named.
const ONLINE_WAYS_OFFERED: &[&str] = &["线上", "网上", "在线"];

/// Whether `text` offers the online way as one of the ways of submitting (`申请人可线上或线下
/// （窗口）提交申请材料`, `网上、窗口均可提交`): an online way ([`ONLINE_WAYS_OFFERED`]) right
/// before an alternative ([`ALTERNATIVES`]), then a submitting verb in its clause, read as after a
/// platform's name (no staff or denial before it, no look-up, later visit or step before it
/// ([`STEP_BEFORE`]) between). An online
/// way on its own before another verb is not (`线上咨询，线下提交`), nor one denied
/// (`不支持线上或邮寄提交`); one right before its verb (`线上提交`) is an online submission word.
pub(super) fn submits_by_online_way(text: &str, certification: bool) -> bool {
    ONLINE_WAYS_OFFERED.iter().any(|w| {
        text.match_indices(w).any(|(at, _)| {
            let after = &text[at + w.len()..];
            if !after.trim_start().starts_with(ALTERNATIVES) {
                return false;
            }
            let before = clause_tail(&text[..at], usize::MAX);
            if STAFF_WORDS
                .iter()
                .chain(DENIALS)
                .any(|d| before.contains(d))
            {
                return false;
            }
            let clause = platform_clause(after, false, 0);
            // `线上或电话咨询后到窗口提交`: the online way is the step before.
            submit_verb(clause, SUBMIT_VERBS, certification).is_some_and(|k| {
                let between = &clause[..k];
                submits_between(between) && !STEP_BEFORE.iter().any(|b| between.contains(b))
            })
        })
    })
}

/// Words between an offered online way and the submitting verb that make the online way a step
/// before the submission (`线上或电话咨询后到窗口提交`, `网上或电话预约，…`).
const STEP_BEFORE: &[&str] = &["后", "咨询", "预约"];

/// Words of the online way that a bracket after them may gloss with the platform
/// (`线上（皖事通）`, `网上（安徽政务服务网）`, `在线（皖事通APP）`).
const ONLINE_WAYS: &[&str] = &["线上", "网上", "在线", "网络"];

/// When `s` (the text before a platform's name, up to where its clause starts) ends in an opening
/// bracket right after an online way ([`ONLINE_WAYS`]: `申请人可线上（`), the clause before the
/// bracket (`申请人可线上`): the platform in the bracket glosses that way, and the verb after the
/// bracket is its own (`申请人可线上（皖事通）或线下（窗口）提交申请材料`).
fn glossed_online_way(s: &str) -> Option<&str> {
    let s = s.strip_suffix(['（', '('])?;
    let outer = clause_tail(s, usize::MAX);
    ONLINE_WAYS
        .iter()
        .any(|w| outer.trim_end().ends_with(w))
        .then_some(outer)
}

/// Where in `s` the first of `verbs` stands as a verb (not `申请人`, `办理时间`, nor
/// `填写审查意见`, the staff's), in bytes.
fn submit_verb(s: &str, verbs: &[&str], certification: bool) -> Option<usize> {
    verbs
        .iter()
        .filter_map(|v| {
            s.match_indices(v)
                .find(|&(k, _)| {
                    let rest = &s[k + v.len()..];
                    let noun = matches!(*v, "申请" | "办理")
                        && NOUNS_AFTER_VERB.iter().any(|n| rest.starts_with(n));
                    let staff_opinion = clause_head(rest, 8).contains("意见");
                    let account = *v == "认证"
                        && (!certification
                            || s[..k].ends_with("实名")
                            || s[..k].ends_with("注册")
                            || s[..k].contains("预约")
                            || rest.starts_with(['后', '时']));
                    !(noun || staff_opinion || account)
                })
                .map(|(k, _)| k)
        })
        .min()
}

/// Whether the words between a platform's name and its submitting verb leave the submission on
/// the platform (see [`submits_through_platform`]).
fn submits_between(between: &str) -> bool {
    let not_on_platform = NOT_SUBMITTING
        .iter()
        .chain(STAFF_WORDS)
        .chain(DENIALS)
        .any(|n| between.contains(n));
    let later_visit =
        OFFLINE_BETWEEN.iter().any(|n| between.contains(n)) && !between.contains(ALTERNATIVES);
    !(not_on_platform || later_visit)
}

/// The start of `s` (the text after a platform's name) that its submitting verb may stand in: its
/// clause, read through bracketed asides (`（池州分厅）`, `（www.ahzwfw.gov.cn）`) and the `:` of
/// a web address; with `sentence`, through commas and colons too, up to the end of the sentence.
/// `open`: how many brackets the name stands in (`线上（皖事通）提交`), read through as well.
fn platform_clause(s: &str, sentence: bool, open: usize) -> &str {
    let mut depth = open;
    for (k, c) in s.char_indices() {
        match c {
            '（' | '(' => depth += 1,
            '）' | ')' if depth > 0 => depth -= 1,
            ':' if s[k + 1..].starts_with("//") => {}
            '，' | ',' | '：' | ':' if sentence => {}
            _ if depth == 0 && is_clause_end(c) => return &s[..k],
            '\n' | '\r' | '。' | '；' | ';' => return &s[..k],
            _ => {}
        }
    }
    s
}
