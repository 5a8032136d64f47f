//! P02 unit tests: a window after `，或` is an alternative to a way needing no visit before it,
//! downloading included (h32); the online way offered beside the window is an online submission
//! with no platform named (h34).

use super::super::submission::submits_by_online_way;
use super::required;

/// 「申请人自行下载打印，或凭营业执照到…窗口领取纸质备案登记表」: the window is the applicant's
/// other way, after the download (h32).
#[test]
fn a_window_after_a_download_and_or_is_a_choice() {
    for t in [
        "办理备案登记，系统生成电子备案登记表，申请人自行下载打印，或凭营业执照到市政务服务中心商务窗口领取纸质备案登记表",
        "作出许可决定，申请人自行下载打印电子许可证，或凭身份证到县林业局窗口免费打印",
        "申请人在线下载电子证照，或到窗口领取纸质证照",
        "申请人自行下载打印，或到政务服务大厅窗口领取",
        "申请人到窗口领取纸质备案登记表，或自行下载打印电子备案登记表",
        "电子证照不提供邮寄，申请人自行下载打印，或到窗口领取",
    ] {
        assert_eq!(required(t), None, "{t}");
    }
}

/// A visit joined after the download by 并, one required by 须/需 after the 或 (a case the
/// applicant does not choose: 「或因特殊情况需到窗口提交纸质材料」), a download that is denied,
/// and a visit after an online step in the same clause stay required (h32).
#[test]
fn a_visit_that_is_no_alternative_stays_required() {
    for (t, visit) in [
        ("申请人自行下载打印，并到窗口领取纸质证书", "到窗口"),
        ("网上申请，或因特殊情况需到窗口提交纸质材料", "到窗口"),
        ("在线提交后到窗口核验原件", "到窗口"),
        ("申请人自行下载打印，或须到窗口领取纸质证书", "到窗口"),
        ("电子证照暂不支持下载，或到窗口领取纸质证照", "到窗口"),
        ("无法下载打印，或到政务服务中心窗口领取", "窗口领取"),
        ("下载申请表，到窗口提交申请材料", "到窗口"),
    ] {
        assert_eq!(required(t), Some(visit), "{t}");
    }
}

/// 「线上或线下（窗口）提交」: the online way, offered as one of the ways of submitting, is an
/// online submission with no platform named; a look-up online, a denial, staff or a later visit
/// are not (h34).
#[test]
fn the_online_way_offered_beside_the_window_is_a_submission() {
    for t in [
        "申请人可线上或线下（窗口）提交申请材料",
        "线上或线下（窗口）提交",
        "申请人可网上或到窗口提交申请材料",
        "网上、窗口均可提交申请",
        "申请人可在线或现场递交申请材料",
    ] {
        assert!(submits_by_online_way(t, false), "{t}");
    }
    for t in [
        "线上咨询，线下提交",
        "不支持线上提交",
        "本事项不支持线上或邮寄提交",
        "申请人可线上或电话咨询后到窗口提交",
        "工作人员网上或现场核查后提交审查意见",
        "申请人可线上或线下查询办理进度",
        "线上预约，线下提交",
    ] {
        assert!(!submits_by_online_way(t, false), "{t}");
    }
}
