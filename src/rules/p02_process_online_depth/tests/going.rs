//! P02 unit tests: the applicant coming (`来`), going (`至`), being (`在`) at a hall or window, or
//! handing something in there (`将…送至`), is a visit; staff there, things sent or posted there,
//! and choices are not (h33). And an online way glossed with its platform in a bracket
//! (`线上（皖事通）…提交`) is an online submission.

use super::{required, through_platform};

/// The applicant brings the originals or the papers to a window, comes to the hall, or checks
/// them at a window (h33: 离休、退休提取住房公积金 at 四级).
#[test]
fn the_applicant_at_a_window_or_handing_in_there_is_a_visit() {
    for (t, w) in [
        (
            "网上提交后3个工作日内，申请人将退休证原件送至服务大厅5号窗口核验",
            "送至服务大厅",
        ),
        ("申请人携退休证原件来中心服务大厅核验", "来中心服务大厅"),
        ("申请人凭退休证原件在5号窗口核验后办理", "在5号窗口"),
        (
            "申请人须在3个工作日内将纸质材料报送至中心5号窗口",
            "报送至中心5号窗口",
        ),
        ("申请人将纸质材料报送到政务服务中心", "报送到政务服务中心"),
        ("申请人至服务大厅5号窗口核验原件", "至服务大厅"),
        ("申请人将本人的退休证原件送至5号窗口", "送至5号窗口"),
        ("申请人在政务服务中心一楼窗口签字确认", "在政务服务中心"),
        ("申请人到5号至8号窗口办理", "到5号至8号窗口"),
        ("申请人前来服务大厅核验", "来服务大厅"),
    ] {
        assert_eq!(required(t), Some(w), "{t}");
    }
}

/// Staff at a window, things sent or posted there, what the applicant handed in being handled
/// there, other words of `来`/`至`/`在`, online halls and choices are no visit (h33).
#[test]
fn staff_things_sent_and_choices_at_a_window_are_no_visit() {
    for t in [
        "工作人员在窗口核验申请人信息",
        "窗口工作人员在5号窗口核验",
        "申请人提交后由工作人员在窗口核验原件",
        "申请人提交的材料在窗口受理后流转审批",
        "受理到办结全程在政务服务中心完成",
        "材料由乡镇便民服务中心报送至县政务服务中心",
        "证照发放至便民服务中心",
        "审批结果推送至综合窗口",
        "材料流转至审批窗口",
        "申请人将材料邮寄至中心5号窗口",
        "申请人可将材料邮寄或送至5号窗口",
        "申请人可在政务服务中心窗口领取，也可选择免费邮寄",
        "申请人可在政务服务中心5号窗口领取证照",
        "申请人在皖事通APP办事大厅提交申请",
        "申请人在网上办事大厅提交申请",
        "申请人在线提交后，结果推送至服务大厅窗口",
        "申请人信息来源于政务服务中心数据库",
        "申请人无需来服务大厅",
        "工作人员至现场核查后在服务中心出具意见",
    ] {
        assert_eq!(required(t), None, "{t}");
    }
}

/// 「申请人可线上（皖事通）或线下（窗口）提交申请材料」: the bracket names the online way's
/// platform; the window is the other way (h33).
#[test]
fn an_online_way_glossed_with_its_platform_is_a_submission() {
    for t in [
        "申请人可线上（皖事通）或线下（窗口）提交申请材料",
        "申请人可线上（皖事通APP）提交申请材料",
        "申请人线上（安徽政务服务网）提交申请材料",
        "申请人可网上（安徽政务服务网、皖事通APP）或到窗口提交申请",
        "申请人可在线（通过皖事通）上传申请材料",
    ] {
        assert!(through_platform(t), "{t}");
    }
    for t in [
        // The bracket after something else, a later step at the window, a look-up, staff.
        "申请人到窗口（可先通过皖事通预约）提交申请材料",
        "申请人可线上（皖事通）预约后到窗口提交申请材料",
        "申请人可线上（皖事通）查询办理进度",
        "工作人员线上（皖事通）提交审核意见",
        "本事项不支持线上（皖事通）提交申请",
    ] {
        assert!(!through_platform(t), "{t}");
    }
}

/// With no one named, the one who brings the originals to a window to have them checked is the
/// applicant (h34: 「网上提交后，凭原件在5号窗口核验」); staff checking there, checks with no
/// going and no visit stay clean.
#[test]
fn bringing_the_originals_to_a_window_is_the_applicants_visit() {
    for (t, w) in [
        ("网上提交后，凭原件到5号窗口核验", "到5号窗口"),
        ("网上提交后，凭原件在5号窗口核验", "在5号窗口"),
        (
            "申请人网上提交申请，审核通过后凭原件在5号窗口核验",
            "在5号窗口",
        ),
        ("审核通过后持身份证原件至服务大厅核验", "至服务大厅"),
        (
            "网上提交后，持身份证原件在政务服务中心窗口签字确认",
            "在政务服务中心",
        ),
        // A step's name and duties joined by a space: 持 two bytes after a Han character, where
        // a look-behind for 支持 would start inside 请 (h34 regression: a panic).
        ("网上申请 持原件至窗口核验", "至窗口"),
        ("申请 凭原件在窗口核验", "在窗口"),
        ("a 携原件在约定时间至窗口核验", "至窗口"),
    ] {
        assert_eq!(required(t), Some(w), "{t}");
    }
    for t in [
        "工作人员在5号窗口核验原件",
        "窗口人员核验电子材料",
        "后台核验",
        "无需到窗口核验",
        "网上提交后，无需凭原件到5号窗口核验",
        "工作人员凭申请人上传的原件照片在窗口核验",
        "网上提交后，缴费凭证在窗口系统自动生成",
        "支持在政务服务中心窗口打印",
        "网上提交后，可凭原件在5号窗口核验，也可邮寄原件核验",
    ] {
        assert_eq!(required(t), None, "{t}");
    }
}
