//! The default word lists of P02 (办理流程与网办深度关联度): online submission, online platforms,
//! on-site visits and what is no visit, each the default of the [`RuleParams`](super::RuleParams)
//! field of the same name. The struct, its documentation and the other defaults are in `super`.

use super::words;

/// The default of `RuleParams::online_submission_words`.
pub(super) fn online_submission_words() -> Vec<String> {
    words(&[
        "网上申请",
        "网上提交",
        "网上申报",
        "网上受理",
        "网上预审",
        "在线申请",
        "在线提交",
        "在线申报",
        "在线填报",
        "线上申请",
        "线上提交",
        "网上填报",
        "网上办理",
        "全程网办",
        // Registration items (参保登记, 就业登记, 养犬登记): the application is the
        // registration itself.
        "在线登记",
        "网上登记",
        "线上登记",
        "在线参保",
        "网上参保",
        "在线备案",
        "网上备案",
        // Exam-based qualifications (网约车驾驶员证, 教师资格): the application is the sign-up.
        "在线报名",
        "网上报名",
        // The applicant's own verbs of applying in some sectors: 线上申报 (不动产登记 by a
        // bank), 网上报检 (植物检疫), 在线报验, 网上申领 (失业保险金), 在线报送.
        "线上申报",
        "网上报检",
        "在线报检",
        "线上报检",
        "网上报验",
        "在线报验",
        "线上报验",
        "网上申领",
        "在线申领",
        "线上申领",
        "网上报送",
        "在线报送",
        "线上报送",
    ])
}

/// The default of `RuleParams::online_platform_words`.
pub(super) fn online_platform_words() -> Vec<String> {
    words(&[
        // Also 安徽政务服务网, 池州政务服务网 ….
        "政务服务网",
        "政务服务平台",
        "皖事通",
        "网上办事大厅",
        "网上服务大厅",
        "互联网",
        "一网通办",
        "小程序",
        "公众号",
        "APP",
        "App",
        "app",
        // Sector systems: 电子税务局, 社会保险公共服务平台, 企业登记全程电子化平台,
        // 工程建设项目审批管理系统, 国家企业信用信息公示系统 ….
        "电子税务局",
        "公共服务平台",
        "网上服务平台",
        "网上平台",
        "网厅",
        "全程电子化",
        "审批管理系统",
        "审批监管平台",
        "信用信息公示系统",
        "皖企通",
        // A platform named in quotes (`通过“银行+登记”平台代为提交申请`).
        "”平台",
        "」平台",
        "\"平台",
        // A web address (`登录www.ahzwfw.gov.cn提交申请`), and logging in to any system.
        "www.",
        "http",
        "登录",
        "登陆",
    ])
}

/// The default of `RuleParams::onsite_visit_words`.
pub(super) fn onsite_visit_words() -> Vec<String> {
    words(&[
        "到现场",
        "现场提交",
        "现场办理",
        "现场领取",
        "现场签字",
        "到窗口",
        "窗口提交",
        "窗口领取",
        "递交纸质",
        "提交纸质",
        "携带",
        "现场核验原件",
        "现场核对原件",
        // The applicant's identity is checked on site: the applicant is there.
        "现场核验身份",
        // `本人到场`, `到场面签`.
        "到场",
        // A self-service machine in the hall is a visit too.
        "到大厅",
        "自助机",
        "自助终端",
        "自助一体机",
    ])
}

/// The default of `RuleParams::onsite_negation_words`.
pub(super) fn onsite_negation_words() -> Vec<String> {
    words(&[
        "无需到现场",
        "无须到现场",
        "不需到现场",
        "不需要到现场",
        "不用到现场",
        "免于到现场",
        "无需到窗口",
        "无须到窗口",
        "不需到窗口",
        "不需要到窗口",
        "无需携带",
        "无需前往",
        "无需提交纸质",
        "无须提交纸质",
        "到现场核查",
        "到现场勘查",
        "到现场检查",
        "到现场踏勘",
        "到现场勘验",
        // Staff going to the premises (`工作人员到场所核查`), and no visit (`不到场`).
        "到场所",
        "到场地",
        "到场核查",
        "到场勘查",
        "到场检查",
        "到场踏勘",
        "到场勘验",
        // Staff inspecting with no subject written (`对经营场所到场勘察`).
        "到场勘察",
        "到现场勘察",
        "到场调查",
        "到场测量",
        "不到场",
        "零到场",
        "不到现场",
    ])
}
