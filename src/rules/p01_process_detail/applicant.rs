//! Whose a step is: the applicant's own steps before acceptance (`网上申请` by 申请人) need only a
//! name, and the body's steps from the first official one on are checked in full and summed. What
//! is not here: the checks on each step and the sum (`super`, `super::sum`).

use crate::model::Step;
use crate::model::text::{is_blank_or_placeholder, quote};
use crate::rules::process::APPLICANT_WORDS;

/// Words of steps the applicant performs before acceptance (`网上申请`, `网上报名`, `在线填报`).
const APPLICANT_STEP_WORDS: &[&str] = &["申请", "申报", "预约", "提交", "报名", "填报"];

/// Whether a step before acceptance is the applicant's own: its handler is the applicant
/// ([`APPLICANT_WORDS`]: `网上报名`, 办理人 申请人), or its name is an applicant's step
/// ([`APPLICANT_STEP_WORDS`]) and no post of the body handles it with a time limit of its own — `申请` by a village's
/// 代办员 in 1个工作日 is the body's first step, counted in the sum.
fn is_applicant_step(s: &Step) -> bool {
    if s.name.contains('审') || s.name.contains("受理") {
        return false;
    }
    let handler = s.handler.trim();
    let by_applicant =
        APPLICANT_WORDS.iter().any(|h| handler.contains(h)) || is_applicant_role(handler);
    if by_applicant {
        return true;
    }
    APPLICANT_STEP_WORDS.iter().any(|w| s.name.contains(w))
        && (is_blank_or_placeholder(handler) || is_blank_or_placeholder(&s.time_limit))
}

/// The applicant's roles that a post's name may hold, read only as the whole 办理人
/// ([`APPLICANT_WORDS`] are found anywhere in it): `企业登记科`, `个人业务窗口`, `驾驶人管理科`,
/// `纳税人服务中心` are posts. Not `单位` or `法人`: the body's own 法定代表人 signs as 法人.
const APPLICANT_ROLES: &[&str] = &[
    "本人",
    "企业",
    "个人",
    "自然人",
    "用人单位",
    "参保单位",
    "缴存单位",
    "纳税人",
    "驾驶人",
    "机动车所有人",
    "排水户",
    "经营者",
    "业主",
    "家长",
];

/// Whether the 办理人 is only applicant roles ([`APPLICANT_ROLES`]), before any note in brackets:
/// `本人`, `企业`, `企业或个人`, `本人（或委托代理人）`.
fn is_applicant_role(handler: &str) -> bool {
    let head = handler.split(['（', '(']).next().unwrap_or_default().trim();
    !head.is_empty()
        && head
            .split(['、', '/', '或', '和', '及'])
            .all(|part| APPLICANT_ROLES.contains(&part.trim()))
}

/// The index of the first step the implementing body performs.
pub(super) fn first_official(steps: &[Step]) -> usize {
    steps
        .iter()
        .position(|s| s.name.contains("受理"))
        .unwrap_or_else(|| {
            steps
                .iter()
                .position(|s| !is_applicant_step(s))
                .unwrap_or(steps.len())
        })
}

/// The note for a first step that lacks its time limit, has no 受理 step before it and names a
/// 办理人 not read as the applicant (`在线查询` by `排水管理员`): the clerk may have meant the
/// applicant, whose steps need no time limit. Empty otherwise.
pub(super) fn unrecognised_applicant(
    steps: &[Step],
    i: usize,
    start: usize,
    missing: &[&str],
) -> String {
    let handler = steps[i].handler.trim();
    if i != start
        || !missing.contains(&"办理时限")
        || is_blank_or_placeholder(handler)
        || steps[..=i].iter().any(|s| s.name.contains("受理"))
    {
        return String::new();
    }
    format!(
        "（办理人「{}」未识别为申请人；如这是申请人自己办理的环节，办理人请写「申请人」）",
        quote(handler, 20)
    )
}
