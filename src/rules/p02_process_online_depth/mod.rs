//! P02 办理流程与网办深度关联度 — the process text agrees with the declared online depth.
//!
//! The rule, its check and its fix suggestions live here, with the clause helpers both halves
//! share; `submission` finds an online submission through a platform, `visit` a required visit
//! (with `going` a going to a hall, centre or window, `visit_clauses` what a clause says about
//! it and `visit_words` the word tables;
//! `denied_lists` the visits a denial after them or over a list of them sets aside).

mod denied_lists;
mod going;
mod submission;
#[cfg(test)]
mod tests;
mod visit;
mod visit_clauses;
mod visit_words;

use self::going::visits_to_place;
use self::submission::{submits_by_online_way, submits_through_platform};
use self::visit::required_visit;
use super::prepared_faq::FaqProcess;
use super::process::{APPLICANT_WORDS, online_depth};
use super::{CheckContext, Reads, Rule, RuleMeta, Verdict, Violation, declare_rule};
use crate::model::text::quote;
use crate::model::{Item, ItemField};

declare_rule! {
    /// ## 检查内容 (What it checks)
    /// 网办深度为三级或四级（Ⅲ级、Ⅳ级、全程网办）时，办理流程中必须有网上提交申请的环节
    /// （环节名称或岗位职责含网上申请、在线提交、网上申报、线上申报、网上预审、在线登记、网上备案、在线报名，
    /// 一些行业申请人自己的说法网上报检、在线报验、网上申领、在线报送等，词表见配置
    /// `[check] online_submission_words`；同一分句前面有不支持、未开通、不接受、不提供等（说的是
    /// 不提供这种办理方式）的，紧挨在前面（隔不超过 3 个字、中间没有「的」）有无法、不能、暂不等的，
    /// 或后面紧跟着暂未开通、暂停、暂不可用的不算，如「本事项暂不支持网上办理，申请人到窗口提交」
    /// 「暂未开通本事项的网上申请」「网上申请功能暂未开通」「网上办理：暂不支持」；但无法、不能否定的
    /// 是别的事的（「无法到窗口的申请人可网上申请」「材料暂不齐全的申请人可先网上申请预审」）照算，
    /// 「无法网上申请的，到窗口提交」这样的条件也不影响别处的网上申请；在线登记、在线备案、在线报名、
    /// 网上报送、在线申领这类工作人员也常用（或说的是领取结果）的说法，在受理、审查、决定、办结、发证等
    /// 环节里，或同一分句前面有工作人员的，是工作人员录入，不算（「窗口人员在线登记申请信息」「作出决定并
    /// 在线备案」「初审后网上报送市林业局」；在线申领在这些环节里有申请人也是领取结果：「办结：申请人
    /// 可在线申领电子证照」）；
    /// 线上、网上、在线作为几种提交方式之一用或、顿号等并列的，没写平台也算（「申请人可线上或线下（窗口）
    /// 提交申请材料」；「线上咨询，线下提交」「线上或电话咨询后到窗口提交」不算）；
    /// 或写明经网上平台提交：平台名称——安徽政务服务网、
    /// 皖事通、网上办事大厅、互联网、小程序、APP，电子税务局、社会保险公共服务平台、企业登记全程
    /// 电子化平台、工程建设项目审批管理系统、国家企业信用信息公示系统、皖企通、网厅等行业系统，
    /// 网址（www.…、http…），引号里的平台名称（「通过“银行+登记”平台代为提交申请」），以及「登录」某个系统，词表 `online_platform_words`——之后在同一
    /// 分句中（线上、网上、在线后面用括号注明平台的，括号后接着读：「申请人可线上（皖事通）或线下
    /// （窗口）提交申请材料」）有提交、上传、填报、填写、申报、申请、递交、办理（事项名称含认证的资格认证类还有认证，不含实名认证、预约认证），如「申请人通过安徽政务服务网提交申请」
    /// 「通过皖事通APP上传申请材料」「申请人可通过安徽政务服务网、皖事通APP或窗口提交申请材料」；
    /// 平台名称后的括号不打断分句（「通过安徽政务服务网（www.ahzwfw.gov.cn）提交申请」
    /// 「通过皖事通（手机APP）上传」）；「登录」平台之后，申请人提交、上传、填报、填写、申报、递交
    /// 也可以写在同一句的后面分句里（「申请人登录安徽政务服务网，填写申请表并上传材料」
    /// 「登录安徽政务服务网：提交申请材料」）；
    /// 平台名称与动词之间有查询、查看、下载、公示、推送、录入、审核、审查等的只是在平台上查看或
    /// 工作人员操作，不算（「可在安徽政务服务网查询办理进度」「登录系统，对申请材料进行审查」），
    /// 之间有到窗口、现场、携带等的是之后到窗口提交，也不算（「通过皖事通预约后到窗口提交」「登录
    /// 安徽政务服务网，到窗口提交申请材料」；用「或」「、」并列的除外）；「办理时间」「办理进度」
    /// 「填写审查意见」不是申请人提交（「通过皖事通预约办理时间」不算）；平台名称前同一分句有
    /// 工作人员、受理人员等的，或有不支持、不能、无法等的，也不算）；网办深度为四级时，任何环节
    /// 都不得要求申请人到现场
    /// （到现场、到窗口、窗口提交、现场领取、携带材料、到大厅、自助机、自助终端、本人到场、
    /// 现场核验身份…，词表 `onsite_visit_words`；还有「到」「前往」「来」某个大厅、服务中心、登记中心、
    /// 窗口：「到政务服务大厅领取」「前往政务大厅领取」「到不动产登记中心领证」「到发证窗口领证」
    /// 「申请人携退休证原件来中心服务大厅核验」；申请人「至」「在」那里（「申请人至服务大厅核验」
    /// 「申请人凭退休证原件在5号窗口核验」；没有写谁、凭、持、携着原件等去的也是申请人：「网上提交后，
    /// 凭原件在5号窗口核验」；「申请人提交的材料在窗口受理」说的是材料，「工作人员在窗口
    /// 核验」是工作人员，都不算），申请人把东西「送至」「报送至」「递交至」那里（「申请人将退休证原件
    /// 送至服务大厅5号窗口核验」「申请人须将纸质材料报送至中心5号窗口」；邮寄至、推送至、流转至、
    /// 发放至的不算），
    /// 但收到、流转到、邮寄到、推送到、反馈到、汇总到、同步到、归档到、转办到、报送到、不到的不算
    /// （「审批结果反馈到市政务服务中心综合窗口」是结果送过去），工作人员、专家、有关部门、承办人员、
    /// 科室或某科、股、中心的人员、领导到场或到中心的也不算（「承办人员到不动产登记中心调取档案」
    /// 「审批科人员到服务中心窗口取件后审查」），经办人到中心调档、调取档案、取件后审查的是工作人员，
    /// 经办人到中心领证等仍是申请人一方到现场；没有写谁的「对经营场所到场勘察」是工作人员勘察；
    /// 同一环节写明申请人无需到场、不到场的，或经视频、远程进行的，「现场核验身份」不算（「通过视频
    /// 连线现场核验身份，申请人无需到场」；紧挨着「须」的除外）；
    /// 「无需到现场」「无需本人到场」「不到场」「申请人不到窗口」（「申请人不到窗口核验的，不予受理」是条件，仍是要求到现场；「申请人不到窗口领取的，证照邮寄送达」后面给了邮寄，不是）
    /// 「不支持现场办理」「不提供现场领取」「不支持到窗口领取」「现场领取不再提供」（说的是不提供到现场
    /// 这种方式；「不提供邮寄的到窗口领取」说的是邮寄，仍要到现场）；否定词管到同一分句中用和、及、与、
    /// 顿号、或并列的几种到现场方式（「不提供现场领取和到窗口核验」「不接受现场申请或到窗口提交纸质材料」
    /// 「现场领取和到窗口核验均不再提供」），但管不到下一分句、邮寄等不到现场的方式之后、换了主语或
    /// 后面接着办下一步的（「不提供邮寄，须到窗口领取」「不提供邮寄、到窗口领取」「不提供现场领取，
    /// 到窗口核验身份后发证」「不提供现场领取、申请人到窗口核验」仍要到现场）
    /// 等否定说法和「到现场核查」「到现场踏勘」「到场所核查」等工作人员到现场的说法先排除，见
    /// `onsite_negation_words`）。只看环节名称和岗位职责，不看办理人
    /// （「窗口受理岗」是岗位名，不是到现场的要求）。只有「要求」到现场才不通过：到现场的说法所在
    /// 分句（以逗号、句号、分号、冒号、括号分隔）给了申请人选择的不算——含「也可」「亦可」「可选择」
    /// 「自愿」「如需」等，或用「或」「或者」与邮寄、EMS、快递、在线、网上等不到现场的方式并列
    /// （「申请人可选择窗口领取或免费邮寄送达」「在线提交申请材料或到窗口提交」「结果可邮寄，也可
    /// 自行到窗口领取」「结果通过EMS送达或申请人自行到窗口领取」；「或」在下一分句开头也算：
    /// 「结果免费EMS寄递，或申请人到窗口自取」「申请人到窗口领取，或选择邮寄送达」；这样用「，或」
    /// 与前后分句并列时，申请人自行下载（没有说不支持、无法下载）也算不到现场的方式（「申请人自行
    /// 下载打印，或凭营业执照到市政务服务中心窗口领取纸质备案登记表」；「自行下载打印，并到窗口领取
    /// 纸质证书」是下一步，「下载申请表，到窗口提交」不是并列，仍不通过）；「或」后紧挨着「须」「需」
    /// 的是特定情形下的要求，不是申请人的选择（「网上申请，或因特殊情况需到窗口提交纸质材料」仍不通过）；
    /// 「必要时现场核验原件」同「如需」）；申请人选择、自取、愿意的条件（「…的」）之后的到现场是选择
    /// （「申请人选择自取的，到政务服务中心领取」「自取的到市政务服务中心二楼领取」）；需、需要、
    /// 要求、不愿的条件说的是自取、纸质证照、邮寄、领取等取得结果的方式，且同一环节有邮寄、EMS、
    /// 邮政、在线、电子证照等不到现场的方式（没有说不提供）时，也是选择（「结果邮寄送达，需自取的到
    /// 政务服务大厅领取」「申请人在线下载电子证照，需要纸质证照的到不动产登记中心领取」「结果通过
    /// 邮政寄递，不愿邮寄的到服务中心领取」）；列出方式供选择的编号列表（前面写了送达方式、领取方式、
    /// 选择等，且有一项是不到现场的方式：「送达方式：1.邮寄送达；2.到政务服务中心自取」）和同一分句
    /// 与邮寄等并列的「二选一」「择一」（「EMS寄递、窗口领取二选一」）也是选择；「审批通过的」
    /// 「符合要求的」「需补正材料的」不是选择，只写「需要纸质证照的到窗口领取」而没有邮寄、电子证照
    /// 等方式的，和「办理流程：1.网上提交申请；2.到窗口核验原件」这样的步骤列表，都仍不通过；
    /// 「申请人须到窗口领取」仍不通过，到现场的说法前紧挨着
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
    /// 按实际网办深度描述流程：三级、四级写明申请人经哪个网上平台在线提交（如「申请人登录安徽
    /// 政务服务网在线填写申请表并上传申请材料」）；四级（全程网办）删除到现场的要求，改为在线
    /// 提交、电子证照或快递送达；确需到现场的，如实降低网办深度。整改建议随问题给出：没有平台的
    /// 说在哪个环节写，提到平台却没有提交的引用该环节，到现场的说出环节和到现场的说法。
    pub struct ProcessOnlineDepth {
        id: "P02",
        name: "process-online-depth",
        element: "办理流程与网办深度关联度",
        category: Process,
        severity: Error,
        fix: "三级/四级网办深度的流程写明申请人经哪个网上平台在线提交申请，四级流程不得要求申请人到现场",
    }
}

impl Rule for ProcessOnlineDepth {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn reads(&self) -> Option<Reads> {
        Some(Reads::fields(&[ItemField::OnlineDepth, ItemField::Name]).and(Reads::STEPS))
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
        // `待遇资格认证`: the application is the 认证 itself.
        let certification = item.name.contains("认证");
        if !item.steps.iter().any(|s| {
            step_text(s, &mut text);
            prepared.online_submission.is_match(&text)
                && prepared
                    .online_submission
                    .is_match_at(&text, |at, end| submits_online(&text, at, end, &s.name))
        }) && !item.steps.iter().any(|s| {
            let through = |t: &str| {
                prepared.online_platform.is_match(t)
                    && submits_through_platform(t, &p.online_platform_words, certification)
            };
            let offered = |t: &str| submits_by_online_way(t, certification);
            through(&s.name) || through(&s.duties) || offered(&s.name) || offered(&s.duties)
        }) {
            let names: Vec<&str> = item.steps.iter().map(|s| s.name.trim()).collect();
            out.push(
                Violation::new(
                    format!(
                        "网办深度为「{depth_text}」，但办理流程中没有网上申请（在线提交）环节: \"{}\"",
                        quote(&names.join("→"), 60)
                    ),
                    depth_text,
                )
                .suggest(submission_suggestion(item, prepared)),
            );
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
                    && visits_to_place(&text).next().is_none()
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
                        .suggest(format!(
                            "四级（全程网办）事项不得要求申请人到现场：把环节「{name}」中「{w}」的要求改为\
                             在线办理、电子证照或免费邮寄送达，到现场只能是申请人自选的方式（如「也可到窗口\
                             领取」）；确需到现场的，如实降低网办深度"
                        ))
                        .at(&s.provenance),
                    );
                }
            }
        }
        Verdict::Checked(out)
    }
}

/// The fix for a process without an online submission, saying what is missing: the step that
/// names a platform without the applicant submitting there (`登录安徽政务服务网查询办理进度`),
/// or else where to write the submission.
fn submission_suggestion(item: &Item, prepared: &FaqProcess) -> String {
    const EXAMPLE: &str = "「申请人登录安徽政务服务网（或皖事通APP）在线填写申请表并上传申请材料」";
    const OTHERWISE: &str = "；确实不能网上提交的，如实降低网办深度";
    let named = item.steps.iter().find_map(|s| {
        [&s.duties, &s.name]
            .into_iter()
            .find(|t| prepared.online_platform.is_match(t))
            .map(|t| (s.name.trim(), t.trim()))
    });
    if let Some((name, t)) = named {
        return format!(
            "环节「{name}」的「{}」提到了网上平台，但没有写明申请人在平台上提交申请（查询、下载、\
             预约、工作人员录入都不算）：写明平台名称和「提交」「上传」「填报」等，如{EXAMPLE}{OTHERWISE}",
            quote(t, 40)
        );
    }
    let first = item.steps.first().map_or("", |s| s.name.trim());
    let place = if ["申请", "申报", "提交"].iter().any(|w| first.contains(w)) {
        format!("在「{first}」环节写明")
    } else {
        format!("在「{first}」之前增加「网上申请」环节，写明")
    };
    format!("{place}申请人通过哪个网上平台在线提交，如{EXAMPLE}{OTHERWISE}")
}

/// Characters that end a clause (分句): a choice is read within the clause of the visit.
pub(super) fn is_clause_end(c: char) -> bool {
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

/// Words that say a way needing no visit is not offered (`纸质证照不可邮寄`, `不支持快递送达`,
/// `不提供纸质证照邮寄服务`): then a bare `可` before a visit elsewhere in the text is the only
/// way, not an option. The way starts at most [`DENIAL_REACH`] characters after the word, in its
/// clause.
pub(super) const DENIALS: &[&str] = &[
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

/// Words that deny that a service is offered (`暂不支持网上办理`, `暂未开通本事项的网上申请`,
/// `暂不支持纸质申请和网上申请`): anywhere before an online submission word in its clause, they
/// deny it. They are seldom about anything but a way of applying.
const OFFER_DENIALS: &[&str] = &[
    "不支持",
    "未开通",
    "不开通",
    "不提供",
    "不接受",
    "不实行",
    "不适用",
    "不具备",
    "未实现",
    "不办理",
];

/// Other ways of applying: an [`OFFER_DENIALS`] word before one of them denies that way.
const OTHER_WAYS: &[&str] = &[
    "邮寄", "纸质", "现场", "窗口", "线下", "快递", "信函", "传真",
];

/// Words that deny what the applicant can do (`无法到窗口的申请人可网上申请`, `材料暂不齐全的…`):
/// they deny an online word only right before it ([`DENIAL_GAP`] characters at most, no 的
/// between: `暂不网上受理`, `不能网上申请`).
const ABILITY_DENIALS: &[&str] = &["不可", "不能", "不予", "无法", "暂不"];

/// How many characters may stand between an [`ABILITY_DENIALS`] word and the online word.
const DENIAL_GAP: usize = 3;

/// Words right after an online submission word, in its clause, that say it is not offered
/// (`网上申请功能暂未开通`, `网上办理：暂不支持`, `网上申请暂不可用`).
const DENIALS_AFTER: &[&str] = &[
    "未开通",
    "不开通",
    "不支持",
    "暂停",
    "未上线",
    "不开放",
    "关闭",
    "不可用",
];

/// How far after an online submission word [`DENIALS_AFTER`] are looked for, in characters.
const DENIAL_AFTER_REACH: usize = 8;

/// Online words that staff use as often as applicants (`窗口人员在线登记申请信息`, `作出决定并
/// 在线备案`, `初审后网上报送市局`, `办结后在线申领电子证照`): they do not count in a step of the
/// body ([`BODY_STEPS`]), unless the applicant is named before it (not for `申领`, the result
/// claimed there), nor after staff in their clause.
const REGISTRATION_ENDS: &[&str] = &["登记", "参保", "备案", "报名", "报送", "申领"];

/// Names of the body's own steps: a registration there is the staff's record.
const BODY_STEPS: &[&str] = &[
    "受理", "审", "决定", "办结", "发证", "送达", "制证", "核准", "批准", "出证", "归档",
];

/// Whether the online submission word at bytes `at..end` of the text of a step named `step`
/// says the applicant submits online: not denied — by a denial of the service before it in its
/// clause ([`OFFER_DENIALS`]), of the applicant's ability right before it ([`ABILITY_DENIALS`]:
/// not `无法到窗口的申请人可网上申请`), or after it ([`DENIALS_AFTER`]) — and, for a registration
/// word, not the staff's ([`REGISTRATION_ENDS`]).
fn submits_online(text: &str, at: usize, end: usize, step: &str) -> bool {
    let before = clause_tail(&text[..at], usize::MAX);
    // `不接受邮寄申请申请人在线提交`: the denial is the other way's, unless the two are joined
    // (`暂不支持纸质申请和网上申请`).
    let denies_offer = |d: &&str| {
        before.rfind(*d).is_some_and(|k| {
            let between = &before[k + d.len()..];
            // `未开通法人账号的申请人先注册后网上申请`: a condition's 的; `暂未开通本事项的网上
            // 申请` is the online word's own.
            let condition = between.trim_end_matches('的').contains('的');
            !condition
                && (!OTHER_WAYS.iter().any(|w| between.contains(w))
                    || between.contains(['和', '及', '与', '、', '或']))
        })
    };
    let denied_before = OFFER_DENIALS.iter().any(denies_offer)
        || ABILITY_DENIALS.iter().any(|d| {
            before.rfind(d).is_some_and(|k| {
                let gap = &before[k + d.len()..];
                gap.chars().count() <= DENIAL_GAP && !gap.contains('的')
            })
        });
    let after = text[end..].trim_start_matches(['：', ':', ' ']);
    let denied_after = DENIALS_AFTER
        .iter()
        .any(|d| clause_head(after, DENIAL_AFTER_REACH).contains(d));
    // `无法网上申请的，到窗口提交` leaves the online way to the others.
    let condition = clause_head(&text[at..], usize::MAX)
        .trim_end()
        .ends_with('的');
    if (denied_before || denied_after) && !condition {
        return false;
    }
    let word = &text[at..end];
    // `申请与受理：申请人在线登记并上传申请材料` is the applicant's, in a body's step too; but
    // `办结：申请人可在线申领电子证照` claims the result.
    let by_applicant =
        APPLICANT_WORDS.iter().any(|w| before.contains(w)) && !word.ends_with("申领");
    !REGISTRATION_ENDS.iter().any(|e| word.ends_with(e))
        || !((BODY_STEPS.iter().any(|w| step.contains(w)) && !by_applicant)
            || submission::is_staff(before))
}

/// The end of `s` within its clause, at most `n` characters.
pub(super) fn clause_tail(s: &str, n: usize) -> &str {
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
pub(super) fn clause_head(s: &str, n: usize) -> &str {
    let end = s
        .char_indices()
        .take_while(|&(_, c)| !is_clause_end(c))
        .take(n)
        .last()
        .map_or(0, |(k, c)| k + c.len_utf8());
    &s[..end]
}
