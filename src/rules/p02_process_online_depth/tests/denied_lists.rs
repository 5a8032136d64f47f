//! P02 unit tests: a denial governs the visits joined to it in its clause (h32), and no further.

use super::required;

/// 「不提供现场领取和到窗口核验」: the 不提供 denies both things joined by 和/及/与/、/或, and a
/// withdrawal after a list withdraws them all (h32).
#[test]
fn a_denial_governs_the_visits_joined_to_it() {
    for t in [
        "不提供现场领取和到窗口核验",
        "本事项全程网办，不提供现场领取和到窗口核验，结果EMS免费邮寄送达",
        "不支持现场提交、现场领取及到窗口核验，全程网上办理",
        "不接受现场申请或到窗口提交纸质材料",
        "不提供现场核验原件与到窗口领取服务，电子证照推送至皖事通",
        "本事项不提供现场领取和到政务服务大厅领取，证照免费邮寄",
        "不接受纸质材料和到窗口提交，申请人在线上传电子材料",
        "现场领取和到窗口核验均不再提供，结果EMS邮寄",
        "现场提交、窗口领取方式已取消，全程网办",
    ] {
        assert_eq!(required(t), None, "{t}");
    }
}

/// A denial in an earlier clause, of a way needing no visit, or followed by a later step, leaves
/// the visit required (h32).
#[test]
fn a_denial_reaches_no_further_than_its_list() {
    for (t, visit) in [
        ("不提供邮寄，须到窗口领取", "到窗口"),
        ("不提供现场领取，到窗口核验身份后发证", "到窗口"),
        ("不提供现场领取；申请人到窗口核验身份", "到窗口"),
        ("不提供现场领取、到窗口核验身份后发证", "到窗口"),
        ("不提供邮寄、到窗口领取", "到窗口"),
        ("不提供邮寄和快递，申请人须到窗口领取", "到窗口"),
        ("不提供现场领取和邮寄服务，申请人到窗口核验", "到窗口"),
        ("不提供现场领取和代办，申请人须本人到现场核验", "到现场"),
        ("取消证明材料、到窗口提交申请", "到窗口"),
        ("申请人到窗口领取和核验，邮寄不再提供", "到窗口"),
        ("申请人到窗口领取和邮寄服务均不提供", "到窗口"),
        // What is withdrawn after the visit is the post.
        ("申请人到窗口领取不提供邮寄", "到窗口"),
        ("申请人现场提交和到窗口领取，不提供邮寄", "现场提交"),
        ("现场提交和窗口领取不提供邮寄", "现场提交"),
    ] {
        assert_eq!(required(t), Some(visit), "{t}");
    }
}
