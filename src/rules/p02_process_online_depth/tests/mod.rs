//! P02 unit tests: the fix suggestions and the readings of whole steps, and the helpers the
//! test modules share; the platform readings on single texts are in `platform`, the visit
//! readings in `visits`. The item-level cases are the fixtures (`fixtures/rules/P02.json`).

use super::ProcessOnlineDepth;
use super::submission::submits_through_platform;
use super::visit::required_visit;
use crate::model::{Item, Step};
use crate::rules::{CheckContext, Rule, RuleParams, Verdict};

/// The fix suggestions P02 gives an item of `depth` with these steps (名称, 岗位职责).
fn suggestions(depth: &str, steps: &[(&str, &str)]) -> Vec<String> {
    let item = Item {
        online_depth: depth.into(),
        steps: steps
            .iter()
            .map(|&(name, duties)| Step {
                name: name.into(),
                duties: duties.into(),
                ..Step::default()
            })
            .collect::<Vec<_>>()
            .into(),
        ..Item::default()
    };
    let Verdict::Checked(v) = ProcessOnlineDepth.check(&item, &CheckContext::default()) else {
        panic!("P02 should apply to {depth}");
    };
    v.into_iter().filter_map(|v| v.suggestion).collect()
}

#[test]
fn the_suggestion_says_what_is_missing() {
    // No step names a platform: where to write the submission, with an example.
    let s = suggestions(
        "三级",
        &[
            ("申请", "申请人到窗口提交申请材料"),
            ("受理", "查验申请材料"),
        ],
    );
    assert_eq!(s.len(), 1);
    assert!(
        s[0].starts_with("在「申请」环节写明申请人通过哪个网上平台在线提交"),
        "{s:?}"
    );
    assert!(s[0].contains("如实降低网办深度"), "{s:?}");
    // The first step is not an application step: add one before it.
    let s = suggestions("三级", &[("受理", "查验申请材料"), ("办结", "送达结果")]);
    assert!(
        s[0].starts_with("在「受理」之前增加「网上申请」环节"),
        "{s:?}"
    );
    // A step names a platform without submitting there: it is quoted.
    let s = suggestions(
        "三级",
        &[
            ("申请", "申请人通过皖事通预约办理时间"),
            ("受理", "查验申请材料"),
        ],
    );
    assert!(
        s[0].starts_with("环节「申请」的「申请人通过皖事通预约办理时间」提到了网上平台，但没有写明申请人在平台上提交申请"),
        "{s:?}"
    );
    // A 四级 visit: the step and the visit are named.
    let s = suggestions(
        "四级",
        &[
            ("网上申请", "在线提交申请"),
            ("办结", "申请人到政务服务大厅领取证照"),
        ],
    );
    assert_eq!(s.len(), 1);
    assert!(
        s[0].starts_with(
            "四级（全程网办）事项不得要求申请人到现场：把环节「办结」中「到政务服务大厅」的要求改为"
        ),
        "{s:?}"
    );
}

fn through_platform(text: &str) -> bool {
    submits_through_platform(text, &RuleParams::default().online_platform_words, false)
}

/// [`through_platform`] in a 资格认证 item.
fn certifying_through_platform(text: &str) -> bool {
    submits_through_platform(text, &RuleParams::default().online_platform_words, true)
}

fn required(text: &str) -> Option<&'static str> {
    let p = RuleParams::default();
    required_visit(text, &p.onsite_visit_words, &p.onsite_negation_words)
        .map(|w| &*Box::leak(w.into_boxed_str()))
}

#[test]
fn an_online_submission_the_step_denies_is_none() {
    // The denied online word is no online submission: the step is at the window.
    for duties in [
        "本事项暂不支持网上办理，申请人到窗口提交申请材料",
        "暂未开通网上申请，请申请人到窗口提交",
        "本事项不接受网上申请，申请人到市政务服务中心窗口提交",
    ] {
        let s = suggestions("三级", &[("申请", duties), ("受理", "查验申请材料")]);
        assert_eq!(s.len(), 1, "{duties}: {s:?}");
    }
    // An online way offered, with the window for those who cannot use it, is online.
    for duties in [
        "申请人网上申请；无法网上申请的，到窗口提交",
        "申请人可在线提交申请材料，不能在线提交的到窗口提交",
    ] {
        let s = suggestions("三级", &[("申请", duties), ("受理", "查验申请材料")]);
        assert!(s.is_empty(), "{duties}: {s:?}");
    }
    let s = suggestions("四级", &[("申请", "全程网办，申请人不到窗口")]);
    assert!(s.is_empty(), "{s:?}");
}

#[test]
fn registering_online_is_online_submission() {
    // h6 c13 (城乡居民基本养老保险参保登记, 三级): the application is the registration.
    for duties in [
        "申请人到镇便民服务中心提出参保申请，也可通过皖事通APP在线登记",
        "登录安徽政务服务网进行网上登记",
        "通过皖事通APP“社保服务”模块在线参保",
        "申请人通过安徽政务服务网在线备案",
    ] {
        let s = suggestions("三级", &[("申请", duties), ("受理", "查验申请材料")]);
        assert!(s.is_empty(), "{duties}: {s:?}");
    }
    // Registering by the staff, or a denied one, is not.
    for duties in [
        "本事项暂不支持在线登记，申请人到窗口登记",
        "到窗口办理参保登记",
    ] {
        let s = suggestions("三级", &[("申请", duties), ("受理", "查验申请材料")]);
        assert_eq!(s.len(), 1, "{duties}: {s:?}");
    }
}

/// h8: a denial that denies something else (the window, originals, post) leaves the online word;
/// staff registering online is no applicant's submission; 「不到窗口…的」 is a condition.
#[test]
fn denials_registrations_and_conditions_are_read_where_they_stand() {
    for duties in [
        "无法到窗口的申请人可网上申请",
        "不能到场的在线提交申请材料",
        "材料暂不齐全的申请人可先网上申请预审",
        "不能提供原件的申请人在线提交扫描件",
        "不接受邮寄申请，申请人在线提交申请材料",
        "不接受邮寄申请申请人在线提交申请材料",
        "不支持现场提交，申请人网上申请",
        "暂不收费申请人网上申请",
        // The applicant's registration, in the applicant's step (h10).
        "企业在线备案",
        "用人单位在线参保",
        "考生在线报名",
        "权利人在线登记",
        "可在线登记",
        // A denial inside a condition is the condition's (h11).
        "未开通法人账号的申请人先注册后网上申请",
        "不具备电子签章的申请人可在线申请后补交签字页",
        "不办理变更的申请人直接网上申请",
    ] {
        let s = suggestions("三级", &[("申请", duties), ("受理", "查验申请材料")]);
        assert!(s.is_empty(), "{duties}: {s:?}");
    }
    for (name, duties) in [
        ("申请", "网上申请功能暂未开通，申请人到窗口提交"),
        ("申请", "网上办理：暂不支持，申请人到窗口提交"),
        ("申请", "网上申请暂不可用，请到窗口提交"),
        ("申请", "暂不支持申请人通过网上申请"),
        ("申请", "暂未开通本事项的网上申请"),
        ("申请", "暂不支持纸质申请和网上申请"),
        ("受理", "通过系统在线登记受理信息"),
        ("受理", "窗口人员在线登记申请信息，出具受理通知书"),
        ("受理", "查验材料，在线登记受理信息"),
        ("决定", "作出准予许可决定并在线备案"),
        ("办结", "在系统中网上登记发证信息"),
    ] {
        let s = suggestions(
            "三级",
            &[("申请", "申请人携带申请材料到窗口提交申请"), (name, duties)],
        );
        assert_eq!(s.len(), 1, "{duties}: {s:?}");
    }
    for duties in [
        "申请人不到窗口核验身份的，不予受理",
        "申请人不到窗口签字的，不予发证",
    ] {
        let s = suggestions("四级", &[("网上申请", "在线提交申请"), ("办结", duties)]);
        assert_eq!(s.len(), 1, "{duties}: {s:?}");
    }
}

/// 「申请人不到窗口领取的，证照邮寄送达」: the condition is followed by a way needing no visit,
/// so nobody is required to come (h10).
#[test]
fn not_coming_followed_by_delivery_is_no_visit() {
    for duties in [
        "申请人不到窗口的，结果通过EMS寄递",
        "申请人不到窗口领取的，证照邮寄送达",
    ] {
        let s = suggestions("四级", &[("网上申请", "在线提交申请"), ("办结", duties)]);
        assert!(s.is_empty(), "{duties}: {s:?}");
    }
}

/// 「申请人在线登记」 in a step named 受理 is still the applicant's (h11).
#[test]
fn the_applicant_registering_in_an_acceptance_step_is_online() {
    let s = suggestions(
        "三级",
        &[("申请与受理", "申请人在线登记并上传申请材料，窗口审核")],
    );
    assert!(s.is_empty(), "{s:?}");
}

mod alternatives;
mod denied_lists;
mod going;
mod platform;
mod visits;

/// h34 (h23): 线上申报, and the applicant's sector verbs after 网上/在线/线上 (报检, 报验, 申领,
/// 报送), are online submission words, as is submitting through a platform named in quotes; the
/// offline ones, staff reporting upwards, claiming the result and looking up on the platform are
/// not.
#[test]
fn sector_verbs_and_quoted_platforms_are_online_submissions() {
    for (name, duties) in [
        ("线上申报", "银行网点通过“银行+登记”平台代为提交申请"),
        ("线上申报", "建设单位提交抵押合同等申请材料"),
        ("申请", "银行网点通过“银行+登记”平台代为提交申请"),
        ("申请", "申请人通过「皖事通办」平台上传申请材料"),
        ("网上报检", "在全国林业植物检疫管理信息系统在线报检"),
        ("报检", "调运单位或个人网上报检"),
        ("申请", "申请人线上报检，上传调运检疫申请材料"),
        ("申请", "申请人在线报验"),
        ("申请", "失业人员网上申领失业保险金"),
        ("申请", "参保人可在线申领社会保障卡"),
        ("报送", "企业在线报送年度报告"),
        ("申报", "申请人在线申报"),
        ("申报", "申请人网上申报"),
        // A step named for the online word is no body's step (`网上报名` holds `上报`).
        ("网上报名", "考生登录平台报名"),
        ("网上报送", "企业报送年度报告"),
        ("网上申领", "失业人员提交申领材料"),
    ] {
        let s = suggestions("四级", &[(name, duties), ("受理", "审查申请材料")]);
        assert!(s.is_empty(), "{name} {duties}: {s:?}");
    }
    for (name, duties) in [
        ("线下申报", "到不动产登记中心窗口提交申请材料"),
        ("窗口报检", "到检疫站窗口报检"),
        ("申请", "申请人线下报检"),
        ("初审", "审查后网上报送市林业局"),
        ("县级审查", "审查后在线报送市级"),
        ("受理", "县级林业局在线报送市级"),
        ("办结", "签发证书，申请人可在线申领电子证照"),
        ("受理", "工作人员在线报送受理信息"),
        ("受理", "可通过“银行+登记”平台查询办理进度"),
        ("受理", "工作人员通过“不动产登记”平台录入申请信息"),
        ("申请", "本事项暂不支持网上申领，到窗口提交"),
    ] {
        let s = suggestions(
            "三级",
            &[("申请", "申请人到窗口提交申请材料"), (name, duties)],
        );
        assert_eq!(s.len(), 1, "{name} {duties}: {s:?}");
    }
}
