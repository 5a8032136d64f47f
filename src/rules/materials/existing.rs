//! Materials whose names hold a fill-in word but name a document that already exists, handed in
//! or copied rather than filled in for this item: a 申报表 of a period already past or already
//! filed (`上一年度企业所得税年度纳税申报表`), unless the name or the notes say it is filled in
//! for this application; and a receipt or proof issued for a form (`…登记表备案回执`). The
//! test that joins this with the fill-in words is [`is_fill_in`](super::is_fill_in).

/// Words that date a name to a period already past (`上一年度…`, `近三个月…`) or say it was
/// filed (`已申报…`): a 申报表 so named is a return filed then, with the tax system or another
/// body (`上一年度企业所得税年度纳税申报表`), not a form filled in for this item (h35).
const PAST_OR_FILED: &[&str] = &[
    "上年度",
    "上一年",
    "前一年",
    "前两年",
    "前三年",
    "近一年",
    "近两年",
    "近二年",
    "近三年",
    "近1年",
    "近2年",
    "近3年",
    "最近一年",
    "最近两年",
    "最近三年",
    "最近一期",
    "上季度",
    "上一季度",
    "上个季度",
    "上月",
    "上一月",
    "上个月",
    "上一个月",
    "近三个月",
    "近六个月",
    "近3个月",
    "近6个月",
    "近半年",
    "已申报",
    "已报送",
    "已备案",
];

/// Words in a name that date the 申报表 to this application (h36): `上年度工作总结及本年度计划申报表`
/// reports on last year and plans this one, `近三年科研项目申报表（本次申报用）` is filled in
/// for this call. Not when the word is joined to a past one (`上年度及本年度…纳税申报表`: the
/// returns of both periods, see [`JOINERS`]).
const THIS_APPLICATION: &[&str] = &["本年度", "本次", "本期", "今年"];

/// What joins two periods of one kind of return (`上年度及本年度`, `上年度、本期`).
const JOINERS: &[&str] = &["及", "和", "与", "、", "至", "/", "或"];

/// Who fills a 申报表 in for this application, as its name or notes say (h36:
/// `上一年度补贴申报表（新申请人填写）`, notes `由申请单位如实填报`, `本人填写并签字`).
const FILLERS: &[&str] = &["申请人", "申报人", "本人", "单位", "申請人", "單位"];

/// Words that may come between the one who fills the form in and the filling
/// (`申请单位如实填报`, `本人自行填写`).
const FILLING_MANNER: &[&str] = &["如实", "据实", "自行", "负责", "按要求", "认真", "亲自"];

/// The filling itself.
const FILLING: &[&str] = &["填写", "填报", "填寫"];

/// What a name ends in when it names a receipt or a proof issued for a form, not the form
/// (`建设项目环境影响登记表备案回执`, `…登记表备案证明`) (h35). A 回执联 is apart: see
/// [`ISSUED_SLIP`].
const RECEIPTS: &[&str] = &[
    "回执",
    "回执单",
    "回单",
    "备案证明",
    "备案凭证",
    "受理通知书",
    "回執",
    "回執單",
];

/// The words before a 回执联 that make it a slip a body issues (`…登记表备案回执联`,
/// `受理回执联`, also with the form's 表 or 登记表 between: `备案登记表回执联`, `年度报告备案表回执联`,
/// h36 回归); otherwise a 回执联 is the tear-off part of the applicant's own form
/// (`申请书回执联`, `备案申请表回执联`), filled in with it (h36).
const ISSUED_SLIP: &[&str] = &["备案", "受理", "備案"];

/// Words that say no one need fill a form in when they come right before the filler
/// (`不需要单位填写`, `无需申请人填写`: the return is handed in as filed, h36 回归).
const NOT_NEEDED: &[&str] = &[
    "不需要",
    "不需",
    "无需",
    "无须",
    "毋需",
    "毋须",
    "不用",
    "不必",
    "免",
    "無需",
    "無須",
];

/// Whether a name with a fill-in word names a document that already exists, not a form to fill
/// in for this item: a 申报表 of a period already past or already filed (see `PAST_OR_FILED`:
/// `上一年度企业所得税年度纳税申报表`, `上年度企业所得税年度纳税申报表（A类）`), unless the name
/// or the notes (`notes`) say it is filled in for this application ([`for_this_application`]);
/// or a receipt or proof issued for a form (see `RECEIPTS`: `建设项目环境影响登记表备案回执`;
/// not `申请表及回执`, the form with its slip, nor `申请书回执联`, its tear-off part). A 申报表
/// of this item (`企业所得税年度纳税申报表` for the item that takes it, `2024年度科技项目申报表`
/// for this year's call) stays the applicant's form.
pub(super) fn names_an_existing_document(name: &str, notes: &str) -> bool {
    let filed_return = (name.contains("申报表") || name.contains("申報表"))
        && past_words(name).next().is_some()
        && !for_this_application(name, notes);
    filed_return || ends_in_receipt(name)
}

/// Where the words of `PAST_OR_FILED` end in `name`, except after 以 (`以上月度…`, `以上年龄…`).
fn past_words(name: &str) -> impl Iterator<Item = usize> + '_ {
    PAST_OR_FILED.iter().flat_map(move |w| {
        name.match_indices(w)
            .filter(|&(at, _)| !name[..at].ends_with('以'))
            .map(|(at, w)| at + w.len())
    })
}

/// Whether a 申报表 whose name has a past-period word is still filled in for this application
/// (h36): the name dates it to this application too (`THIS_APPLICATION`: `本年度`, `本次`, `本期`,
/// `今年`, not joined to the past word as in `上年度及本年度…`); the name or the notes have the
/// applicant fill it in (`FILLERS`: `（新申请人填写）`, `由申请单位如实填报`; not `单位填报的…`,
/// the one it filed); or it is a 情况申报表 (`近三年企业经营情况申报表`), where the period is
/// what the applicant reports on, not when it was filed.
fn for_this_application(name: &str, notes: &str) -> bool {
    let dated_now = THIS_APPLICATION.iter().any(|w| {
        name.match_indices(w).any(|(at, _)| {
            let before = &name[..at];
            let before = JOINERS
                .iter()
                .find_map(|j| before.strip_suffix(j))
                .unwrap_or(before);
            // The past word ends right before, 度 allowed after it (`上一年度及本年度`).
            !past_words(before).any(|end| matches!(&before[end..], "" | "度"))
        })
    });
    dated_now
        || applicant_fills(name)
        || applicant_fills(notes)
        || name.contains("情况申报表")
        || name.contains("情況申報表")
}

/// Whether `text` has the applicant fill the form in: one of `FILLERS` right before one of
/// `FILLING`, at most a word of `FILLING_MANNER` between them (`申请人填写`, `申请单位如实填报`),
/// and no 的 after (`申请单位填报的纳税申报表` is the return it filed), nor a word of `NOT_NEEDED`
/// before (`不需要单位填写`).
fn applicant_fills(text: &str) -> bool {
    FILLING.iter().any(|f| {
        text.match_indices(f).any(|(at, _)| {
            let before = &text[..at];
            let before = FILLING_MANNER
                .iter()
                .find_map(|m| before.strip_suffix(m))
                .unwrap_or(before);
            FILLERS
                .iter()
                .filter_map(|w| before.strip_suffix(w))
                .any(|rest| !NOT_NEEDED.iter().any(|n| rest.ends_with(n)))
                && !text[at + f.len()..].starts_with('的')
        })
    })
}

/// Whether `name` says who fills it in (`申请人填写的备案登记表回执联`: the applicant's part, h36
/// 回归), 的 after or not.
fn names_its_filler(name: &str) -> bool {
    FILLING.iter().any(|f| {
        name.match_indices(f)
            .any(|(at, _)| FILLERS.iter().any(|w| name[..at].ends_with(w)))
    })
}

/// Whether the name, without a full stop or a bracketed remark at its end (`（复印件）`), ends in
/// one of `RECEIPTS`, the word not joined to a form before it by 及, 和, 与, 、 or 并; or in a
/// 回执联 a body issues (`ISSUED_SLIP`).
fn ends_in_receipt(name: &str) -> bool {
    let mut name = name.trim_end_matches(['。', '.', ' ']);
    if name.ends_with(['）', ')'])
        && let Some(open) = name.rfind(['（', '('])
    {
        name = name[..open].trim_end();
    }
    let issued_slip = ["回执联", "回執聯"].iter().any(|w| {
        name.strip_suffix(w).is_some_and(|before| {
            let before = ["登记表", "表"]
                .iter()
                .find_map(|t| before.strip_suffix(t))
                .unwrap_or(before);
            ISSUED_SLIP.iter().any(|s| before.ends_with(s))
        })
    }) && !names_its_filler(name);
    issued_slip
        || RECEIPTS.iter().any(|w| {
            name.strip_suffix(w).is_some_and(|before| {
                !before.is_empty() && !before.ends_with(['及', '和', '与', '、', '并', '+', '/'])
            })
        })
}
