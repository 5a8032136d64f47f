//! P02 unit tests: the platform and visit readings on single texts, and the fix suggestions.
//! The item-level cases are the fixtures (`fixtures/rules/P02.json`).

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
fn a_bracketed_aside_or_a_later_clause_after_a_login_keeps_the_submission() {
    for t in [
        // A bracketed web address, branch or kind of app does not end the clause.
        "申请人通过安徽政务服务网（www.ahzwfw.gov.cn）提交申请",
        "申请人通过安徽政务服务网(www.ahzwfw.gov.cn)提交申请",
        "申请人登录安徽政务服务网（池州分厅）提交申请",
        "通过皖事通（手机APP）上传申请材料",
        // After a login, the applicant's submitting verb may follow in the next clauses.
        "申请人登录安徽政务服务网，填写申请表并上传材料",
        "登录安徽政务服务网：提交申请材料",
        "申请人登录“安徽政务服务网”，选择“食品经营许可”事项，填报并提交",
        "申请人登录安徽政务服务网池州分厅个人中心，选择事项，上传申请材料",
        "申请人登录电子税务局，填写申报表并提交",
        // A platform and a window joined as alternatives before one verb.
        "申请人可通过安徽政务服务网、窗口提交申请材料",
    ] {
        assert!(through_platform(t), "{t}");
    }
}

#[test]
fn sector_systems_and_web_addresses_are_platforms() {
    for t in [
        "申请人通过电子税务局提交申请",
        "申请人通过安徽省社会保险公共服务平台申报",
        "申请人通过人社公共服务平台提交",
        "申请人通过企业登记全程电子化平台提交申请",
        "申请人通过全程电子化登记系统提交",
        "申请人通过“安徽省工程建设项目审批管理系统”提交",
        "申请人登录国家企业信用信息公示系统填报",
        "申请人通过“皖企通”平台提交申请",
        "通过网上服务平台提交",
        "申请人通过网上平台提交",
        "网厅申报",
        "申请人登录www.ahzwfw.gov.cn提交申请",
        "申请人登录https://www.ahzwfw.gov.cn/上传材料",
    ] {
        assert!(through_platform(t), "{t}");
    }
}

#[test]
fn a_login_followed_by_looking_up_staff_work_or_a_visit_is_no_submission() {
    for t in [
        "申请人登录安徽政务服务网，查询办理进度",
        "申请人登录安徽政务服务网，下载申请表，填写后到窗口提交",
        "窗口工作人员登录安徽政务服务网，录入申请信息",
        "窗口工作人员登录安徽政务服务网，填写受理意见",
        "登录审批系统，对申请材料进行审查",
        "工作人员登录审批系统，填写审查意见",
        "申请人登录皖事通APP预约，到窗口提交材料",
        "登录安徽政务服务网预约，携带材料到窗口提交",
        "申请人登录后在窗口提交",
        "本事项暂不支持通过安徽政务服务网提交申请。申请人到窗口提交",
        // Booking an appointment is no submission: 办理时间 is a noun.
        "申请人通过皖事通预约办理时间",
        "申请人通过皖事通预约后到窗口提交申请材料",
        // Looking up on a sector system or a web address.
        "申请人通过电子税务局查询",
        "审批结果在国家企业信用信息公示系统公示",
        "申请人可在安徽政务服务网（www.ahzwfw.gov.cn）查询办理进度",
        "申请人在www.ahzwfw.gov.cn下载申请表后到窗口提交",
        "受理人员登录电子税务局，办理受理",
    ] {
        assert!(!through_platform(t), "{t}");
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
        // The verb is in another clause, after a visit.
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
    let p = RuleParams::default();
    required_visit(text, &p.onsite_visit_words, &p.onsite_negation_words)
        .map(|w| &*Box::leak(w.into_boxed_str()))
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
fn a_choice_with_ems_or_in_the_next_clause_is_not_required() {
    for t in [
        "结果通过EMS送达或申请人自行到窗口领取",
        "选择EMS送达或到窗口领取",
        "结果免费EMS寄递，或申请人到窗口自取",
        "结果EMS寄递，或到窗口领取",
        "申请人到窗口领取，或选择邮寄送达",
        "申请人到窗口领取，或通过皖事通下载电子证照",
    ] {
        assert_eq!(required(t), None, "{t}");
    }
    // `或` with no way that needs no visit is no choice; a denied one neither.
    for t in [
        "申请人须到窗口领取，或委托他人到窗口领取",
        "结果不提供EMS寄递，申请人到窗口领取",
    ] {
        assert_eq!(required(t), Some("到窗口"), "{t}");
    }
}

#[test]
fn coming_in_person_or_to_a_hall_centre_or_window_is_a_visit() {
    for (t, w) in [
        ("领证时需本人到场", "到场"),
        ("申请人本人到场签字确认", "到场"),
        ("双方当事人到场面签", "到场"),
        ("申请人须到场签字", "到场"),
        ("现场核验身份后发放证照", "现场核验身份"),
        ("申请人到政务服务大厅领取证照", "到政务服务大厅"),
        ("申请人前往政务大厅领取", "前往政务大厅"),
        ("申请人到服务大厅签字", "到服务大厅"),
        ("申请人到便民服务中心领取", "到便民服务中心"),
        ("申请人到所在地社区服务中心提交材料", "到所在地社区服务中心"),
        ("申请人到就近的便民服务中心领取", "到就近的便民服务中心"),
        ("申请人须到不动产登记中心领证", "到不动产登记中心"),
        ("申请人到发证窗口领证", "到发证窗口"),
        ("申请人到综合窗口核验原件", "到综合窗口"),
        ("申请人到受理窗口签字", "到受理窗口"),
        ("申请人收到短信后到政务服务中心领取证照", "到政务服务中心"),
        ("工作人员通知申请人到便民服务中心领取", "到便民服务中心"),
    ] {
        assert_eq!(required(t), Some(w), "{t}");
    }
}

#[test]
fn no_one_coming_or_staff_or_things_going_there_is_no_visit() {
    for t in [
        // Negated.
        "无需到场，全程网上办理",
        "申请人无需本人到场",
        "申请人不需要到场，电子证照推送至皖事通",
        "申请人不到场即可办理",
        "全程网办，不到政务服务中心即可办理",
        "申请人无需到政务服务大厅",
        "全程网办，申请人不到窗口",
        "申请人不到窗口、不见面即可办结",
        "全程网上办理，不前往政务服务大厅",
        // Staff, or a place that is not the applicant's visit.
        "工作人员到场所进行核查",
        "工作人员到场地进行现场检查",
        "组织有关部门到场踏勘",
        "邀请专家到场评审",
        "工作人员到便民服务中心送达证照",
        // Things sent there, or 到 in another word.
        "电子证照由政务服务中心推送至申请人账户",
        "申请人收到政务服务中心短信通知后下载电子证照",
        "材料流转到不动产登记中心审核",
        "证照制作完成后统一寄到乡镇便民服务中心",
        "申请材料递交到综合窗口后，网上流转审批",
        "受理到办结全程在政务服务中心完成",
        "证照到期后在线申请延续",
        // Online services named after a place.
        "申请人登录到政务服务中心网站下载电子证照",
        "申请人通过网上办事大厅提交申请，审批结果推送到网上办事大厅",
        // A choice.
        "申请人可到政务服务中心领取证照，也可选择免费邮寄",
        "申请人可通过政务服务大厅自助终端打印或选择邮寄送达",
    ] {
        assert_eq!(required(t), None, "{t}");
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

#[test]
fn a_pickup_for_those_who_choose_it_beside_a_remote_way_is_not_required() {
    for t in [
        // A condition of choice or need (…的) beside mail, EMS, 邮政 or an e-licence.
        "结果免费邮寄；申请人选择自取的，到政务服务中心领取",
        "结果邮寄送达，需自取的到政务服务大厅领取",
        "申请人在线下载电子证照，需要纸质证照的到不动产登记中心领取",
        "通过EMS寄递；要求自取的，到市政务服务中心领取",
        "结果通过邮政寄递，不愿邮寄的到服务中心领取",
        "结果通过EMS寄递（自取的到市政务服务中心二楼领取）",
        "电子证照推送皖事通；纸质证书邮寄，申请人自取的到政务服务中心",
        "申请人选择邮寄的免费寄递，选择自取的到政务服务中心领取",
        "EMS寄递，申请人要求自取的到大厅领取",
        // The same at a window.
        "结果免费邮寄，需自取的到窗口领取",
        "申请人在线下载电子证照，需要纸质证照的到窗口领取",
        "通过EMS寄递给申请人；申请人要求自取的，到窗口领取",
        "结果送达：免费邮寄（申请人选择到窗口领取的，到窗口领取）",
        "申请人选择窗口领取的，到政务服务中心窗口领取",
        // The applicant's own choice needs no remote way written beside it.
        "申请人选择自取的，凭短信通知到窗口领取",
        // A numbered list of ways, and one of two.
        "送达方式：1.邮寄送达；2.到政务服务中心自取",
        "申请人自行选择：1.邮寄送达；2.到窗口领取",
        "领取方式：①EMS免费寄递；②到政务服务大厅领取",
        "EMS寄递、窗口领取二选一",
    ] {
        assert_eq!(required(t), None, "{t}");
    }
}

#[test]
fn a_condition_that_is_no_choice_keeps_the_visit_required() {
    for (t, w) in [
        ("领证时需本人到场", "到场"),
        ("申请人到发证窗口领证", "到发证窗口"),
        ("申请人须到政务服务大厅核验原件后领取", "到政务服务大厅"),
        // A condition of need with no remote way: the window is the way.
        ("需要纸质证照的到窗口领取", "到窗口"),
        // A condition that is not the applicant's choice or need.
        ("审批通过的，申请人到窗口领取证照", "到窗口"),
        (
            "结果邮寄送达；符合要求的到政务服务中心领取",
            "到政务服务中心",
        ),
        // 的 of a noun, not of a condition.
        ("结果可邮寄，申请人需携带本人的身份证到窗口签字", "到窗口"),
        // A need that is a case of the matter, not a way of getting the result.
        ("申请人在线提交申请；需补正材料的，到窗口提交", "到窗口"),
        // A requirement after the condition still requires.
        ("结果邮寄送达，需自取的，须到窗口领取", "到窗口"),
        // A numbered list of steps, not of ways.
        ("办理流程：1.网上提交申请；2.到窗口核验原件", "到窗口"),
        // A denied remote way leaves the need a requirement.
        ("纸质证照不提供邮寄服务，需要纸质证照的到窗口领取", "到窗口"),
        // 二选一 of documents, with no remote way in its clause.
        ("身份证、户口簿二选一，申请人到窗口核验", "到窗口"),
    ] {
        assert_eq!(required(t), Some(w), "{t}");
    }
}

#[test]
fn staff_and_things_going_to_a_centre_are_no_visit() {
    for t in [
        // Things sent there.
        "审批结果反馈到市政务服务中心综合窗口",
        "审批结果汇总到市政务服务中心综合窗口",
        "结果汇总到市政务服务中心",
        "审批结果同步到市政务服务中心综合窗口",
        "审批结果归档到市政务服务中心综合窗口",
        "审批结果转办到市政务服务中心综合窗口",
        "材料由乡镇便民服务中心报送到县政务服务中心",
        "材料移送到市政务服务中心审批窗口",
        "申请材料上传到政务服务中心",
        "审批结果反馈到综合窗口",
        // Staff named by their office, or a 经办人 doing staff work.
        "承办人员到不动产登记中心调取档案",
        "审批科人员到服务中心窗口取件后审查",
        "业务科室人员到政务服务大厅窗口取件",
        "经办人到服务中心档案室调档",
        "局领导到场审定",
        "局长到场审批",
        "科室工作人员前往服务中心窗口领取纸质材料",
        // An inspection of a place with no one named.
        "对经营场所到场勘察",
    ] {
        assert_eq!(required(t), None, "{t}");
    }
    // The applicant, or the applicant's 经办人, going there still is a visit.
    for (t, w) in [
        ("申请人员到政务服务中心提交材料", "到政务服务中心"),
        ("申请单位经办人到服务中心窗口领取证照", "窗口领取"),
        ("经办人到不动产登记中心领证", "到不动产登记中心"),
        ("申请人将纸质材料送到窗口", "到窗口"),
        (
            "工作人员审查后，通知申请人到政务服务中心领取",
            "到政务服务中心",
        ),
    ] {
        assert_eq!(required(t), Some(w), "{t}");
    }
}

#[test]
fn an_identity_check_by_video_or_with_no_one_coming_is_no_visit() {
    for t in [
        "通过视频连线现场核验身份，申请人无需到场",
        "通过远程视频方式现场核验身份",
        "现场核验身份通过视频进行，无需本人到场",
    ] {
        assert_eq!(required(t), None, "{t}");
    }
    for t in [
        "现场核验身份后发放证照",
        "受理时现场核验身份，无需预约",
        "无需到场提交材料，但须现场核验身份",
    ] {
        assert_eq!(required(t), Some("现场核验身份"), "{t}");
    }
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

/// A visit the step says is not offered (「不支持现场办理」, 「不提供现场领取」, 「现场领取不再
/// 提供」) is no visit; a denial of something else, or further off, leaves the visit required.
#[test]
fn a_visit_the_step_says_is_not_offered_is_no_visit() {
    for t in [
        "本事项不支持现场办理，全程网办，结果通过EMS邮寄送达",
        "本事项不支持现场办理。结果通过电子证照发放",
        "不提供现场领取，EMS邮寄送达",
        "本事项不提供现场办理服务，全流程网上办理",
        "不支持到窗口领取，结果邮寄送达",
        "现场领取不再提供，结果EMS邮寄",
        "窗口领取方式已取消，结果统一EMS寄递",
        "无现场领取，结果统一邮寄",
    ] {
        assert_eq!(required(t), None, "{t}");
    }
    for (t, visit) in [
        ("不支持邮寄，申请人须到窗口领取", "到窗口"),
        ("不提供邮寄的到窗口领取", "到窗口"),
        ("不支持代办，申请人须本人到现场核验", "到现场"),
        ("申请人到窗口领取（不提供邮寄）", "到窗口"),
        ("申请人到窗口领取不提供邮寄服务", "到窗口"),
        ("取消邮寄后申请人须到窗口领取", "到窗口"),
        ("无邮寄服务的到窗口领取", "到窗口"),
        ("申请人无现场领取意愿的，不予发证", "现场领取"),
    ] {
        assert_eq!(required(t), Some(visit), "{t}");
    }
}

/// A 资格认证 service's application is the authentication itself (h13): 「通过皖事通APP刷脸在线
/// 认证」 is online; an account's 实名认证, or one before going to the window, is not.
#[test]
fn authenticating_through_a_platform_is_the_application_of_a_certification() {
    for t in [
        "本人到社区党群服务中心代办点或通过“安徽人社”APP、皖事通APP刷脸在线认证",
        "领取待遇人员通过皖事通APP进行人脸识别认证",
    ] {
        assert!(certifying_through_platform(t), "{t}");
        // In an item that certifies nothing, 认证 is the applicant's identity check (h15).
        assert!(!through_platform(t), "{t}");
    }
    for t in [
        "通过皖事通APP实名认证",
        "登录安徽政务服务网注册认证",
        "通过皖事通APP认证后到窗口提交材料",
        // Booked online, certified on site (h15).
        "通过皖事通APP预约认证",
        "通过皖事通APP预约认证时间后到社区认证",
        "通过皖事通APP预约后到社区服务站认证",
        "通过皖事通APP完成实名认证后到社区服务站认证",
    ] {
        assert!(!certifying_through_platform(t), "{t}");
    }
    for t in [
        "申请人登录安徽政务服务网人脸识别认证，到窗口提交材料",
        "申请人通过皖事通APP刷脸认证",
    ] {
        assert!(!through_platform(t), "{t}");
    }
}

mod alternatives;
mod denied_lists;
mod going;

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
