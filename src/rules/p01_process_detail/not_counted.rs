//! A step whose time the step's own 办理时限 says is not counted in the promised limit
//! (`10个工作日（不计入承诺办结时限）`): 《行政许可法》第四十五条 leaves 听证、招标、拍卖、检验、检测、
//! 检疫、鉴定和专家评审 out of the statutory period, and lists do the same for 公示 and a 告知承诺
//! item's 事后核查. What is not here: reading the amount (`crate::model::time_limit`).

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
    if !after.is_empty() && !OF_A_LIMIT.iter().any(|w| limit.starts_with(w)) {
        // `10个工作日（不计入补正时间）`: the step's time, less what it names.
        let what = time_of(after);
        return !what.is_empty() && name.contains(what);
    }
    let subject = before.rsplit(is_boundary).next().unwrap_or_default();
    // `依法不计入许可期限`: by law, the step.
    let subject = ["依法", "依规", "按规定", "根据规定"]
        .iter()
        .find_map(|w| subject.strip_suffix(w))
        .unwrap_or(subject);
    let what = time_of(subject);
    what.is_empty() || THIS_STEP.contains(&what) || name.contains(what) || is_amount(subject)
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
        ] {
            assert!(!not_counted(name, limit), "{name}: {limit}");
        }
    }
}
