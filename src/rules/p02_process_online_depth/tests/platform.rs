//! P02 unit tests: an online submission is one made through a platform (`登录…提交`, sector
//! systems, web addresses, a 资格认证 done online); a platform only named, a login to look
//! something up, or staff working in it is none.

use super::{certifying_through_platform, through_platform};

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
