//! P02 unit tests: when a step requires the applicant to visit (only at the window, a later
//! visit, one by a proxy) and when a visit is a choice, a may, staff or things going there, or
//! a visit the step says is not offered.

use super::required;

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
