//! A step whose time the step's own 办理时限 says is not counted in the promised limit
//! (`10个工作日（不计入承诺办结时限）`): 《行政许可法》第四十五条 leaves 听证、招标、拍卖、检验、检测、
//! 检疫、鉴定和专家评审 out of the statutory period, and lists do the same for 公示 and a 告知承诺
//! item's 事后核查. A promise's own note may leave a part out too (`15个工作日（残疾评定时间除外）`):
//! a step of that part is outside the promise. What is not here: reading the amount
//! (`crate::model::time_limit`).

use crate::model::text::SENTENCE_ENDS;
use crate::model::time_limit::{ParsedLimit, parse_time_limit};

/// Words that say a time is left out of a limit: `不计入承诺办结时限`, `不计算在办理期限内`,
/// `（不计时）`, `时间另计`, `不纳入办理时限`, `不含在承诺时限内`. A bare `不含` is not one: `10个工作日
/// （不含现场核查时间）` leaves a part out of the step's own 10 days, which still count.
const LEFT_OUT: &[&str] = &[
    "不计入",
    "不计算",
    "不计在",
    "不计时",
    "另计",
    "不纳入",
    "不列入",
    "不占用",
    "不含在",
    "不包含在",
    "不包括在",
];

/// How what the time is left out of starts, after the word: a limit, the promise, or nothing
/// (`不计时`, `另计`, `不计算在内`). Anything else names what is left out of the step
/// (`不计入公示期`, `不计入补正时间`, `不计入节假日`), and the step counts unless that is the
/// step itself (`不计入公示期` in 公示).
const OF_A_LIMIT: &[&str] = &[
    "承诺",
    "办结",
    "办理",
    "审批",
    "时限",
    "期限",
    "法定时限",
    "法定期限",
    "法定办结",
    "总",
    "整体",
    "内",
    "许可",
    "行政许可",
    "审查期限",
    "审核期限",
];

/// Ends of what a time is left out of that name a limit: `认定时限`, `审核期限`.
const LIMIT_ENDINGS: &[&str] = &["时限", "期限"];

/// The kinds of the item's limit, by the act it ends in (`不计入认定时限`, `不计入教师资格认定期限`,
/// `不计入登记办理时限内`): the deciding body's acts, not a part of the work or the applicant's time
/// (`不计入现场核查时限`, `不计入补正期限` leave that out of the step, which counts).
const LIMIT_KINDS: &[&str] = &[
    "认定", "审核", "审查", "审批", "审定", "许可", "登记", "核准", "备案", "办理", "办结", "承诺",
    "法定", "决定", "确认", "核发", "发证", "给付",
];

/// Whether what a time is left out of (after the word, up to a boundary) is a limit of the item
/// named by its kind ([`LIMIT_KINDS`]): `认定时限`, `审核期限`, `登记办理时限内`.
fn names_a_limit(of: &str) -> bool {
    let of = of
        .strip_suffix("之内")
        .or_else(|| of.strip_suffix('内'))
        .unwrap_or(of);
    LIMIT_ENDINGS.iter().any(|e| {
        of.strip_suffix(e)
            .is_some_and(|kind| LIMIT_KINDS.iter().any(|k| kind.ends_with(k)))
    })
}

/// Whether the part `what` a note names is the step named `name`: the name holds it (`专家评审`
/// in 组织专家评审), or it is the name's short form, every character of it in the name (`评残` for
/// 残疾评定, `体检` for 体格检查).
pub(super) fn names_the_step(name: &str, what: &str) -> bool {
    !what.is_empty()
        && (name.contains(what)
            || (what.chars().count() >= 2 && what.chars().all(|c| name.contains(c))))
}

/// Who a note names as left out that is the step itself (`本环节时间不计入承诺时限`).
const THIS_STEP: &[&str] = &[
    "本环节",
    "该环节",
    "此环节",
    "本步骤",
    "该步骤",
    "本项",
    "该项",
    "此项",
    "以上",
    "上述",
];

/// Endings of the thing left out that name its time, not the thing (`专家评审时间`, `公示期`).
const TIME_ENDINGS: &[&str] = &[
    "所需时间",
    "所用时间",
    "时间",
    "时限",
    "期间",
    "用时",
    "期",
    "的",
];

fn is_boundary(c: char) -> bool {
    SENTENCE_ENDS.contains(&c)
        || matches!(
            c,
            '（' | '(' | '）' | ')' | '、' | '：' | ':' | '【' | '】' | ' ' | '\u{3000}'
        )
}

/// Whether the step's time limit says that the step's own time is not counted in the promise:
/// a note that leaves out a limit's time (`不计入承诺办结时限`, `另计`, [`LEFT_OUT`], [`OF_A_LIMIT`])
/// and names no other part of the work as what is left out — nothing (`10个工作日（不计入承诺
/// 办结时限）`, `不计入办理时限（一般不超过10日）`), the step's own amount (`10个工作日不计入…`), the
/// step itself (`本环节…`) or what the step's name says (`公示期不计入办理时限` in 公示,
/// `专家评审时间不计算在办理期限内` in 专家评审). A part of the work (`15个工作日（专家评审时间
/// 不计入）` in 技术审查) or the holidays (`法定节假日不计算在内`) leave the step counted.
pub(super) fn not_counted(step_name: &str, limit: &str) -> bool {
    if !limit.contains(['不', '另']) {
        return false;
    }
    let name = step_name.trim();
    LEFT_OUT.iter().any(|word| {
        limit
            .match_indices(word)
            .any(|(at, w)| leaves_out_the_step(name, &limit[..at], &limit[at + w.len()..]))
    })
}

/// Whether a note's word, with `before` and `after` it, leaves out the step named `name`.
fn leaves_out_the_step(name: &str, before: &str, after: &str) -> bool {
    let after = after.split(is_boundary).next().unwrap_or_default();
    // `不计算在办理期限内`, `不计算在内`; not `不计入在途时间`.
    let limit = after.strip_prefix('在').unwrap_or(after);
    if !after.is_empty()
        && !OF_A_LIMIT.iter().any(|w| limit.starts_with(w))
        && !names_a_limit(limit)
    {
        // `10个工作日（不计入补正时间）`: the step's time, less what it names.
        return names_the_step(name, time_of(after));
    }
    let subject = before.rsplit(is_boundary).next().unwrap_or_default();
    // `依法不计入许可期限`: by law, the step.
    let subject = ["依法", "依规", "按规定", "根据规定"]
        .iter()
        .find_map(|w| subject.strip_suffix(w))
        .unwrap_or(subject);
    let what = time_of(subject);
    what.is_empty() || THIS_STEP.contains(&what) || names_the_step(name, what) || is_amount(subject)
}

/// Words after which a promise's note names what its time leaves out: `3个工作日（不含评残时间）`.
const LEAVES_OUT_WHAT_FOLLOWS: &[&str] = &["不含", "不包含", "不包括", "扣除"];

/// Words before which a promise's note names what its time leaves out: `15个工作日（残疾评定时间
/// 除外）`, `20个工作日（专家评审时间不计入）`.
const LEAVES_OUT_WHAT_PRECEDES: &[&str] = &["除外", "不计入", "不计算", "不计在", "另计"];

/// The parts of the work a promised limit's note leaves out of the promise, without their time
/// ending: `15个工作日（残疾评定时间除外）` → 残疾评定, `3个工作日（不含评残时间）` → 评残,
/// `20个工作日（专家评审时间不计入）` → 专家评审. A step that [`names_the_step`] of one of them is
/// outside the promise as a step noted `不计入承诺办结时限` is. Only parts of two characters or more:
/// `（节假日除外）` names no step, and a step with such a name is a rare accident the sum's second
/// reading (every step) still covers.
pub(super) fn left_out_of_promise<'a>(promise: &'a str) -> Vec<&'a str> {
    let mut out = Vec::new();
    if !promise.contains(['不', '除', '另', '扣']) {
        return out;
    }
    // A list of parts is one note: `不含现场勘验、专家评审时间`.
    let ends_note = |c: char| is_boundary(c) && c != '、';
    let mut keep = |note: &'a str| {
        for what in note.split('、') {
            let what = what.trim_end_matches("在内");
            let what = time_of(what.strip_prefix("其中").unwrap_or(what));
            if what.chars().count() >= 2 && !is_amount(what) && !out.contains(&what) {
                out.push(what);
            }
        }
    };
    for word in LEAVES_OUT_WHAT_FOLLOWS {
        for (at, w) in promise.match_indices(word) {
            keep(
                promise[at + w.len()..]
                    .split(ends_note)
                    .next()
                    .unwrap_or_default(),
            );
        }
    }
    for word in LEAVES_OUT_WHAT_PRECEDES {
        for (at, _) in promise.match_indices(word) {
            keep(promise[..at].rsplit(ends_note).next().unwrap_or_default());
        }
    }
    out
}

/// What `s` names the time of: `s` without its [`TIME_ENDINGS`] (`专家评审时间` → `专家评审`).
fn time_of(s: &str) -> &str {
    let mut what = s;
    while let Some(rest) = TIME_ENDINGS.iter().find_map(|e| what.strip_suffix(e)) {
        what = rest;
    }
    what
}

/// Whether `s` is only an amount of time (`10个工作日`), not a part of the work with its amount
/// (`其中专家评审10个工作日`).
fn is_amount(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_digit() || "一二三四五六七八九十两半".contains(c))
        && matches!(parse_time_limit(s, ""), ParsedLimit::Limit(_))
}

#[cfg(test)]
mod tests {
    use super::not_counted;

    #[test]
    fn the_step_itself_left_out() {
        for (name, limit) in [
            ("专家评审", "10个工作日（不计入承诺办结时限）"),
            ("专家评审", "10个工作日(不计入承诺办结时限)"),
            ("专家面谈", "不计入办理时限（一般不超过10日）"),
            ("专家评审", "不计入承诺时限，一般10个工作日"),
            ("专家评审", "（不计时）10个工作日"),
            ("专家评审", "10个工作日（专家评审时间不计算在办理期限内）"),
            ("组织听证", "15个工作日（听证时间不计入办理时限）"),
            ("公示", "5个工作日（公示期不计入办理时限）"),
            ("公示", "7日（不计入办理时限）"),
            ("公示", "7日（不计入公示期）"),
            ("专家评审", "10个工作日（依法不计入许可期限）"),
            ("鉴定", "30日（不计算在办理期限内）"),
            ("事后核查", "2个月（不计入承诺办结时限）"),
            ("检验检测", "检测时间另计"),
            ("专家评审", "专家评审时间不计入承诺时限"),
            ("现场勘验", "10个工作日不计入承诺时限"),
            ("现场勘验", "本环节时间不纳入承诺办结时限（一般5个工作日）"),
            ("鉴定", "30日（不计算在内）"),
            ("听证", "20个工作日，不含在承诺时限内"),
            // h33: the limit named by its kind, and a step named by its short form.
            ("体检", "5日（体检时间不计入认定时限）"),
            ("体检", "5日（不计入认定时限）"),
            ("专家评审", "10个工作日（不计入审核期限）"),
            ("专家评审", "10个工作日（不计入登记办理时限内）"),
            ("审核", "5个工作日（审核时间不计入审批时限）"),
            ("专家评审", "10个工作日（不计入审批时限）"),
            ("专家评审", "10个工作日（不计入法定时限）"),
            ("体检", "5日（不计入教师资格认定期限）"),
            ("残疾评定", "评残时间不计入承诺时限（一般10个工作日）"),
            ("残疾评定", "10个工作日（评残时间不计入）"),
            ("体格检查", "5日（体检时间不计入认定时限）"),
        ] {
            assert!(not_counted(name, limit), "{name}: {limit}");
        }
    }

    #[test]
    fn a_part_of_the_work_or_the_holidays_left_out_the_step_counts() {
        for (name, limit) in [
            ("技术审查", "15个工作日（专家评审时间不计入承诺办结时限）"),
            ("审查", "15个工作日（专家评审时间不计入）"),
            ("受理", "1个工作日（法定节假日不计算在内）"),
            ("受理", "1个工作日（补正材料时间不计入办理时限）"),
            // What follows the word names the part (h15).
            ("技术审查", "10个工作日（不计入公示期）"),
            ("技术审查", "10个工作日（不计入补正时间）"),
            ("审查", "10个工作日（不计入申请人整改时间）"),
            ("受理", "1个工作日（不计入节假日）"),
            ("审查", "10个工作日（不计入法定节假日）"),
            ("审查", "10个工作日（不计入法定休息日）"),
            ("审查", "10个工作日（不计入在途时间）"),
            ("审查", "5个工作日（申请人整改时间另计）"),
            ("审查", "10个工作日（不含现场核查时间）"),
            ("审查", "10个工作日（不计入节假日）"),
            ("审核", "2个工作日"),
            ("决定", "即办"),
            ("审查", "不超过5个工作日"),
            ("审查", "15个工作日（其中专家评审10个工作日不计入承诺时限）"),
            // h33: a period of another part that ends in 期限 or 时限, and a short form of
            // another part.
            ("审查", "10个工作日（不计入补正期限）"),
            ("审查", "10个工作日（不计入申请人整改时限）"),
            ("审查", "10个工作日（不计入公示期限）"),
            ("审查", "15个工作日（不计入现场核查时限）"),
            ("技术审查", "15个工作日（专家评审时间不计入审查时限）"),
            ("审核", "10个工作日（评残时间不计入）"),
            ("审查", "5日（体检时间不计入认定时限）"),
            ("技术审查", "15个工作日（专家评审时间不计入）"),
        ] {
            assert!(!not_counted(name, limit), "{name}: {limit}");
        }
    }

    #[test]
    fn what_a_promise_leaves_out() {
        use super::left_out_of_promise;
        for (promise, parts) in [
            ("15个工作日（残疾评定时间除外）", &["残疾评定"][..]),
            ("3个工作日（不含评残时间）", &["评残"]),
            ("20个工作日（专家评审时间不计入）", &["专家评审"]),
            ("20个工作日（不包括现场核查时间）", &["现场核查"]),
            ("20个工作日（其中公示期另计）", &["公示"]),
            ("20个工作日", &[]),
            ("20个工作日（节假日除外）", &["节假日"]),
            (
                "20个工作日（不含现场勘验、专家评审时间）",
                &["现场勘验", "专家评审"],
            ),
            (
                "20个工作日（现场勘验、专家评审时间除外）",
                &["现场勘验", "专家评审"],
            ),
            ("20个工作日（不计入节假日）", &[]),
            ("即办", &[]),
        ] {
            assert_eq!(left_out_of_promise(promise), parts, "{promise}");
        }
    }
}
