//! P02 办理流程与网办深度关联度 — the process text agrees with the declared online depth.

use super::general_text::mask_phrases;
use super::process::online_depth;
use super::{CheckContext, Reads, Rule, RuleMeta, Verdict, Violation, declare_rule};
use crate::model::text::quote;
use crate::model::{Item, ItemField};

declare_rule! {
    /// ## 检查内容 (What it checks)
    /// 网办深度为三级或四级（Ⅲ级、Ⅳ级、全程网办）时，办理流程中必须有网上提交申请的环节
    /// （环节名称或岗位职责含网上申请、在线提交、网上申报、网上预审等，词表见配置
    /// `[check] online_submission_words`；或写明经网上平台提交：平台名称——安徽政务服务网、
    /// 皖事通、网上办事大厅、互联网、小程序、APP 等，词表 `online_platform_words`——之后在同一
    /// 分句中有提交、上传、填报、填写、申报、申请、递交、办理，如「申请人通过安徽政务服务网提交申请」
    /// 「通过皖事通APP上传申请材料」「申请人可通过安徽政务服务网、皖事通APP或窗口提交申请材料」；
    /// 平台名称与动词之间有查询、查看、下载、公示、推送、录入等的只是在平台上查看或工作人员操作，
    /// 不算（「可在安徽政务服务网查询办理进度」），平台名称前同一分句有工作人员、受理人员等的，
    /// 或有不支持、不能、无法等的，也不算）；网办深度为四级时，任何环节都不得要求申请人到现场
    /// （到现场、到窗口、窗口提交、现场领取、携带材料、到大厅、自助机、自助终端…，词表
    /// `onsite_visit_words`；「无需到现场」
    /// 等否定说法和「到现场核查」「到现场踏勘」等工作人员到现场的说法先排除，见
    /// `onsite_negation_words`）。只看环节名称和岗位职责，不看办理人
    /// （「窗口受理岗」是岗位名，不是到现场的要求）。只有「要求」到现场才不通过：到现场的说法所在
    /// 分句（以逗号、句号、分号、冒号、括号分隔）给了申请人选择的不算——含「也可」「亦可」「可选择」
    /// 「自愿」「如需」等，或用「或」「或者」与邮寄、快递、在线、网上等不到现场的方式并列
    /// （「申请人可选择窗口领取或免费邮寄送达」「在线提交申请材料或到窗口提交」「结果可邮寄，也可
    /// 自行到窗口领取」；「必要时现场核验原件」同「如需」）；「申请人须到窗口领取」仍不通过，到现场的说法前紧挨着
    /// 「须」「必须」「应当」的，分句别处有选择也不通过（「网上或窗口提交申请材料后须到现场核验原件」）；
    /// 窗口旁的自助机、自助终端也是到现场（「纸质证照由申请人到大厅自助机打印」不通过，
    /// 「可自行通过自助终端打印或选择邮寄送达」是选择）。同一分句中到现场的说法前有「无需」「不需」「不再」「免于」
    /// 「不用」等否定的不算（「无需申请人现场核验原件」），紧挨着「不可」的也不算（「本事项不可到窗口办理」）。
    /// 到现场的说法前有单独的「可」「可以」（申请人可以，不是必须）的也是选择（「审批结果可到窗口领取」
    /// 「可到政务服务中心3号窗口领取证照」）；但「可」与到现场之间隔着「…后」「并」「…之日起」「…次日起」
    /// 的，「可」说的是前一步或时间，到现场仍是办理的方式（「可在收到短信通知后到窗口领取」
    /// 「可自收到短信通知之日起到窗口领取」）；「可委托他人到窗口领取」说的是由谁来，仍要有人到现场
    /// （同一环节另说可以邮寄、快递的除外）；同一环节说了不可邮寄、不邮寄、暂不邮寄、无邮寄服务、
    /// 不提供纸质证照邮寄服务、邮寄服务暂未开通、不支持快递等的，「可到窗口领取」就是唯一的方式
    /// （「纸质证照不可邮寄，可到窗口领取」；以「的」结尾的「不邮寄的」「无法在线提交的」是条件，不算），
    /// 都仍不通过；「许可」「即可」「方可」「才可」中的「可」不算，「仅可」「只可」「只可以」是只能
    /// 到现场，也不通过。
    /// 网办深度为一级、二级或无法识别时不涉及（n/a，网办深度本身的取值由 B08 检查；只有数字代码的不猜，
    /// 因为各平台编号不同，有的 1 表示全程网办）；没有办理
    /// 环节时不涉及（由 P01 报告）。
    ///
    /// ## 依据 (Why it matters)
    /// 附录「办理流程与网办深度关联度」：事项提供的办理流程文字描述是否与网办深度关联。
    ///
    /// ## 示例 (Example)
    /// 不通过：网办深度 `四级`，环节为 受理、审查、决定，没有网上申请；网办深度 `四级`，受理环节写
    /// 「申请人携带材料到窗口提交」。
    /// 通过：网办深度 `三级`，第一个环节「网上申请：申请人登录安徽政务服务网在线提交申请材料」
    /// 或「申请：通过皖事通APP上传申请材料」；
    /// 网办深度 `四级`，办结环节「制作电子证照，申请人可选择窗口领取或免费邮寄送达」。
    ///
    /// ## 整改方法 (How to fix)
    /// 按实际网办深度描述流程：三级、四级写明网上申请环节；四级（全程网办）删除到现场的要求，
    /// 改为在线提交、电子证照或快递送达；确需到现场的，如实降低网办深度。
    pub struct ProcessOnlineDepth {
        id: "P02",
        name: "process-online-depth",
        element: "办理流程与网办深度关联度",
        category: Process,
        severity: Error,
        fix: "三级/四级网办深度的流程写明网上申请环节，四级流程不得要求到现场",
    }
}

impl Rule for ProcessOnlineDepth {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn reads(&self) -> Option<Reads> {
        Some(Reads::fields(&[ItemField::OnlineDepth]).and(Reads::STEPS))
    }

    fn check(&self, item: &Item, ctx: &CheckContext) -> Verdict {
        let Some(depth) = online_depth(&item.online_depth).filter(|&d| d >= 3) else {
            return Verdict::NotApplicable;
        };
        if item.steps.is_empty() {
            return Verdict::NotApplicable;
        }
        let p = &ctx.params;
        let prepared = &ctx.prepared().faq_process;
        let depth_text = item.online_depth.trim();
        let mut out = Vec::new();
        // `名称 岗位职责` of each step, written into one buffer (not one string per step).
        let mut text = String::new();
        let step_text = |s: &crate::model::Step, text: &mut String| {
            text.clear();
            text.push_str(s.name.trim());
            text.push(' ');
            text.push_str(s.duties.trim());
        };
        if !item.steps.iter().any(|s| {
            step_text(s, &mut text);
            prepared.online_submission.is_match(&text)
        }) && !item.steps.iter().any(|s| {
            let through = |t: &str| {
                prepared.online_platform.is_match(t)
                    && submits_through_platform(t, &p.online_platform_words)
            };
            through(&s.name) || through(&s.duties)
        }) {
            let names: Vec<&str> = item.steps.iter().map(|s| s.name.trim()).collect();
            out.push(Violation::new(
                format!(
                    "网办深度为「{depth_text}」，但办理流程中没有网上申请（在线提交）环节: \"{}\"",
                    quote(&names.join("→"), 60)
                ),
                depth_text,
            ));
        }
        if depth == 4 {
            for s in &item.steps {
                step_text(s, &mut text);
                // Most steps name no visit at all: only those are searched with the negations
                // masked.
                if prepared
                    .onsite_visit
                    .as_ref()
                    .is_some_and(|m| !m.is_match(&text))
                {
                    continue;
                }
                let required = |t: &str| {
                    required_visit(t.trim(), &p.onsite_visit_words, &p.onsite_negation_words)
                };
                if let Some(w) = required(&s.name).or_else(|| required(&s.duties)) {
                    let name = s.name.trim();
                    out.push(
                        Violation::new(
                            format!(
                                "网办深度为「{depth_text}」，但环节「{name}」要求到现场（{w}）: \"{}\"",
                                quote(&text, 60)
                            ),
                            text.clone(),
                        )
                        .target(format!("环节「{name}」"))
                        .at(&s.provenance),
                    );
                }
            }
        }
        Verdict::Checked(out)
    }
}

/// Verbs of submitting that, after a platform's name in its clause, make a step an online
/// submission (`通过安徽政务服务网提交申请`, `登录皖事通APP上传申请材料`, `通过网上办事大厅申报`).
/// `申请` followed by `人` is the applicant, not the verb.
const SUBMIT_VERBS: &[&str] = &[
    "提交", "上传", "填报", "填写", "申报", "申请", "递交", "办理",
];

/// Words between a platform's name and a submitting verb that make the platform a place to look
/// something up, or the staff's tool, not where the applicant submits
/// (`可在安徽政务服务网查询办理进度`, `通过政务服务网推送办理结果`, `在政务服务网下载申请表`).
const NOT_SUBMITTING: &[&str] = &[
    "查询", "查看", "查阅", "浏览", "了解", "下载", "打印", "公示", "公开", "公布", "获取", "领取",
    "接收", "推送", "反馈", "告知", "通知", "录入", "流转",
];

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

/// Whether `text` (a step's name or duties) says the application is submitted through an online
/// platform: a name of `platforms` followed in its clause by a submitting verb ([`SUBMIT_VERBS`]),
/// with no look-up or hand-over ([`NOT_SUBMITTING`]) in between, no staff before it in the
/// clause ([`STAFF_WORDS`]) and no denial (`不支持`, `不能`, `无法`… [`DENIALS`]).
fn submits_through_platform(text: &str, platforms: &[String]) -> bool {
    platforms.iter().filter(|w| !w.is_empty()).any(|w| {
        text.match_indices(w.as_str()).any(|(at, _)| {
            let before = clause_tail(&text[..at], usize::MAX);
            if STAFF_WORDS
                .iter()
                .chain(DENIALS)
                .any(|d| before.contains(d))
            {
                return false;
            }
            let after = clause_head(&text[at + w.len()..], usize::MAX);
            let verb = SUBMIT_VERBS
                .iter()
                .filter_map(|v| {
                    after
                        .match_indices(v)
                        .find(|&(k, _)| !(*v == "申请" && after[k + v.len()..].starts_with('人')))
                        .map(|(k, _)| k)
                })
                .min();
            verb.is_some_and(|k| !NOT_SUBMITTING.iter().any(|n| after[..k].contains(n)))
        })
    })
}

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

/// Characters that end a clause (分句): a choice is read within the clause of the visit.
fn is_clause_end(c: char) -> bool {
    matches!(
        c,
        '，' | ','
            | '。'
            | '；'
            | ';'
            | '：'
            | ':'
            | '（'
            | '）'
            | '('
            | ')'
            | '！'
            | '!'
            | '？'
            | '?'
            | '\n'
            | '\r'
    )
}

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

/// Words that say a way needing no visit is not offered (`纸质证照不可邮寄`, `不支持快递送达`,
/// `不提供纸质证照邮寄服务`): then a bare `可` before a visit elsewhere in the text is the only
/// way, not an option. The way starts at most [`DENIAL_REACH`] characters after the word, in its
/// clause.
const DENIALS: &[&str] = &[
    "不可",
    "不能",
    "不予",
    "不提供",
    "不支持",
    "无法",
    "不办理",
    "不开通",
    "未开通",
];

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

/// The end of `s` within its clause, at most `n` characters.
fn clause_tail(s: &str, n: usize) -> &str {
    let start = s
        .char_indices()
        .rev()
        .take_while(|&(_, c)| !is_clause_end(c))
        .take(n)
        .last()
        .map_or(s.len(), |(k, _)| k);
    &s[start..]
}

/// The start of `s` within its clause, at most `n` characters.
fn clause_head(s: &str, n: usize) -> &str {
    let end = s
        .char_indices()
        .take_while(|&(_, c)| !is_clause_end(c))
        .take(n)
        .last()
        .map_or(0, |(k, c)| k + c.len_utf8());
    &s[..end]
}

/// Ways the result reaches the applicant without a visit: when a text offers one (not denied),
/// letting someone else come ([`Lead::Proxy`]) is no requirement (`可委托他人到窗口领取，也可邮寄送达`).
const DELIVERY_WAYS: &[&str] = &["邮寄", "快递", "寄递", "寄送"];

/// The first of `words` (in list order) that a clause of `text` requires, once the `negations`
/// are masked: a clause that offers the visit as a choice ([`offers_choice`]) requires nothing.
/// Only called for a text that holds a visit word (the way to a finding).
fn required_visit<'w>(text: &str, words: &'w [String], negations: &[String]) -> Option<&'w str> {
    let masked = mask_phrases(text, negations);
    // `纸质证照不可邮寄，可到窗口领取`: the window is then the only way.
    let denied = masked.contains(['不', '无', '未', '停']) && denies_remote_way(&masked);
    // `可委托他人到窗口领取，也可邮寄送达`: someone comes unless the result can be posted.
    let delivered = || !denied && DELIVERY_WAYS.iter().any(|w| masked.contains(w));
    // A clause after a condition (`如需纸质证照，可到窗口领取`) is a choice too.
    let mut after_condition = false;
    masked.split(is_clause_end).find_map(|clause| {
        let optional = after_condition || offers_choice(clause);
        after_condition = CONDITION_WORDS.iter().any(|w| clause.contains(w));
        words
            .iter()
            .find(|w| {
                !w.is_empty()
                    && clause
                        .match_indices(w.as_str())
                        .any(|(at, _)| match lead(&clause[..at]) {
                            Some(Lead::Negated) => false,
                            Some(Lead::Required) => true,
                            Some(Lead::Permitted) => denied && !optional,
                            Some(Lead::Proxy) => !optional && !delivered(),
                            None => !optional,
                        })
            })
            .map(String::as_str)
    })
}

#[cfg(test)]
mod tests {
    use super::{required_visit, submits_through_platform};
    use crate::rules::RuleParams;

    fn through_platform(text: &str) -> bool {
        submits_through_platform(text, &RuleParams::default().online_platform_words)
    }

    #[test]
    fn submitting_through_a_platform_is_online_submission() {
        for t in [
            "申请人通过安徽政务服务网提交申请",
            "通过皖事通APP上传申请材料",
            "登录安徽政务服务网填报申请信息",
            "申请人可通过安徽政务服务网、皖事通APP或窗口提交申请材料",
            "申请人可到窗口或通过安徽政务服务网提交申请材料",
            "通过网上办事大厅提交",
            "申请人登录皖事通APP提交申请",
            "申请人通过“皖事通”办理",
            "通过互联网提交申请材料",
            "申请人员通过池州政务服务网申报",
        ] {
            assert!(through_platform(t), "{t}");
        }
    }

    #[test]
    fn a_platform_only_named_is_no_submission() {
        for t in [
            // Looking something up, or receiving, on the platform.
            "可在安徽政务服务网查询办理进度",
            "申请人到窗口提交申请材料，提交后可在安徽政务服务网查询办理进度",
            "申请人可在安徽政务服务网下载申请表",
            "通过政务服务网推送办理结果",
            "审批结果在安徽政务服务网公示",
            "登录皖事通APP查看审批结果",
            // The staff's tool.
            "窗口工作人员通过政务服务网录入办理",
            "受理人员在政务服务网办理受理",
            // Not offered.
            "本事项暂不支持通过安徽政务服务网提交申请",
            "申请人无法通过互联网提交的，到窗口提交",
            // The verb is in another clause.
            "登录安徽政务服务网，到窗口提交申请材料",
        ] {
            assert!(!through_platform(t), "{t}");
        }
    }

    #[test]
    fn a_self_service_machine_in_the_hall_is_a_visit() {
        assert_eq!(required("纸质证照由申请人到大厅自助机打印"), Some("到大厅"));
        assert_eq!(
            required("申请人须在政务服务中心自助终端打印证照"),
            Some("自助终端")
        );
        for t in [
            "纸质证照申请人可自行通过自助终端打印或选择邮寄送达",
            "电子证照推送至皖事通，申请人可在政务服务中心自助终端自行打印纸质证照",
            "无需到大厅自助机打印，电子证照与纸质证照具有同等效力",
        ] {
            assert_eq!(required(t), None, "{t}");
        }
    }

    fn required(text: &str) -> Option<&'static str> {
        let p = Box::leak(Box::new(RuleParams::default()));
        required_visit(text, &p.onsite_visit_words, &p.onsite_negation_words)
    }

    #[test]
    fn a_visit_offered_as_a_choice_is_not_required() {
        for t in [
            "制作电子证照，申请人可选择窗口领取或免费邮寄送达",
            "申请人通过网上提交申请（也可到政务服务中心窗口现场提交）",
            "结果可邮寄，也可自行到窗口领取",
            "申请人通过安徽政务服务网池州分厅在线提交申请材料或到窗口提交，受理人员对材料进行预审",
            "如需纸质证照，可到窗口领取",
            "申请人自愿到现场办理的，当场受理",
            "无需到现场，全程网上办理",
            // A negation before the visit in its clause: no visit.
            "通过电子证照库调取营业执照，无需现场核验原件，对申请材料进行审核",
            "受理人员通过数据共享核验，无需申请人现场核验原件",
            "申请人在线提交申请材料，系统自动核验身份信息，不再现场核验原件",
            "申请人通过皖事通APP在线提交申请，已共享的证照免于现场核对原件",
            "申请人在线提交申请，受理人员在线预审，不需现场核验原件",
            // A visit only when needed is a condition, like 如需.
            "工作人员对申请材料进行审查，必要时现场核验原件",
        ] {
            assert_eq!(required(t), None, "{t}");
        }
    }

    #[test]
    fn a_visit_the_applicant_may_make_is_not_required() {
        for t in [
            "审批结果可到窗口领取",
            "制作电子证照，申请人可到政务服务中心3号窗口领取证照",
            "审批通过后，申请人可以到窗口领取纸质证照",
            "电子证照推送至申请人账户，纸质证照申请人均可到窗口领取",
            // `不可` right before a visit forbids it.
            "本事项不可到窗口办理，仅支持网上办理",
            // Someone else may come, but the result can also be posted.
            "申请人可委托他人到窗口领取，也可选择邮寄送达",
            // A negation of the visit is no denial of the remote way after it.
            "无需到现场，在线提交申请后，纸质证照可到窗口领取",
            "电子证照免费邮寄，不收取费用；纸质证照申请人可到窗口领取",
            // A denial that is a condition (those who do not) leaves the remote way offered.
            "申请人可选择邮寄送达，选择不邮寄的，可到窗口领取",
            "无法在线提交的，可到窗口提交",
        ] {
            assert_eq!(required(t), None, "{t}");
        }
    }

    #[test]
    fn a_required_visit_is_found() {
        for (t, w) in [
            ("申请人须到窗口领取", "到窗口"),
            ("结果可邮寄，但申请人须携带身份证到窗口签字", "到窗口"),
            ("申请人携带身份证或营业执照到窗口提交", "到窗口"),
            ("网上提交后，申请人到窗口现场核验原件", "到窗口"),
            ("申请人可选择邮寄送达；领取时须现场签字", "现场签字"),
            ("网上提交申请，受理时现场核验原件", "现场核验原件"),
            // 须 right before the visit wins over the choice earlier in the clause.
            (
                "申请人通过网上或窗口提交申请材料后须到现场核验原件，受理人员予以受理",
                "到现场",
            ),
            // A self-service machine in the hall is a visit too.
            ("申请人持身份证原件到窗口或通过自助机领取证书", "到窗口"),
            // A negation followed by a requirement: the requirement is nearer the visit.
            ("无需预约，免费办理但须本人到现场签字", "到现场"),
            // 需/须/应当 are requirements, 可 only is a permission.
            ("审批结果需本人到窗口领取", "到窗口"),
            ("申请人须到现场签字确认", "到现场"),
            ("申请人应当到窗口领取证照", "到窗口"),
            // The 可 is about the step before (…后, 并): the visit after it is the way.
            ("申请人可在收到短信通知后到窗口领取证照", "到窗口"),
            ("申请人可在线提交并携带原件到窗口核验", "到窗口"),
            // 许可 is no permission.
            ("许可决定作出后申请人到窗口领取许可证", "到窗口"),
            // No remote way is offered: the window is the only way, not an option.
            ("纸质证照不可邮寄，申请人可到窗口领取", "到窗口"),
            // 不可 about something else than the visit forbids nothing of it.
            ("申请人不可委托他人到窗口领取", "到窗口"),
        ] {
            assert_eq!(required(t), Some(w), "{t}");
        }
    }

    #[test]
    fn only_at_the_window_is_required() {
        for t in [
            "纸质证照仅可到窗口领取",
            "审批结果只可以到窗口领取",
            "审批结果只可到窗口领取",
            "审核通过后才可到窗口领取证照",
            "审核通过后方可到窗口领取证照",
        ] {
            assert_eq!(required(t), Some("到窗口"), "{t}");
        }
        assert_eq!(
            required("纸质证照仅可到政务服务中心3号窗口领取"),
            Some("窗口领取")
        );
    }

    #[test]
    fn a_window_left_as_the_only_way_is_required() {
        for t in [
            "纸质证照不邮寄，申请人可到窗口领取",
            "证照暂不邮寄，申请人可到窗口领取",
            "本事项无邮寄服务，申请人可到窗口领取证照",
            "审批结果可到窗口领取，邮寄服务暂未开通",
            "不提供纸质证照邮寄服务，申请人可到窗口领取",
            "本事项暂不提供快递服务，申请人可到窗口领取",
        ] {
            assert_eq!(required(t), Some("到窗口"), "{t}");
        }
    }

    #[test]
    fn a_visit_from_a_later_time_or_by_a_proxy_is_required() {
        for (t, w) in [
            ("申请人可自收到短信通知之日起到窗口领取证照", "到窗口"),
            ("申请人可于审批完成次日起到窗口领取证照", "到窗口"),
            ("申请人本人不能到窗口领取的，可委托他人到窗口领取", "到窗口"),
            ("申请人可由代理人到窗口领取证照", "到窗口"),
        ] {
            assert_eq!(required(t), Some(w), "{t}");
        }
    }
}
