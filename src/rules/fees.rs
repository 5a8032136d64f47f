//! What the fee rules (F01–F03) and the intermediary rule (I01) share: reading a yes/no flag such as
//! 是否收费 or 是否涉及中介服务, and telling whether a 收费标准 states an amount or an algorithm.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::Item;
use crate::model::text::to_halfwidth;

/// Reads a published yes/no flag: `Some(true)` for 是/有/收费/涉及/需要/1, `Some(false)` for
/// 否/无/不收费/免费/不涉及/0, `None` when it says neither (empty, `/`, `暂无`, other text). A flag
/// followed by a note in brackets or after a comma is the flag (`是（小微企业免收）` is 是,
/// `否（按规定免收）` is 否).
pub fn yes_no(text: &str) -> Option<bool> {
    const NO: &[&str] = &[
        "否",
        "无",
        "不",
        "免",
        "0",
        "n",
        "no",
        "false",
        "不收费",
        "免费",
        "免收",
        "不涉及",
        "不需要",
        "没有",
        "未涉及",
    ];
    const YES: &[&str] = &[
        "是",
        "有",
        "收",
        "需",
        "1",
        "y",
        "yes",
        "true",
        "收费",
        "涉及",
        "需要",
        "需要收费",
    ];
    let t = to_halfwidth(text).trim().to_lowercase();
    let t = t.trim_end_matches(['。', '.']);
    if NO.contains(&t) {
        return Some(false);
    }
    if YES.contains(&t) {
        return Some(true);
    }
    // A flag followed by a note (`是（小微企业免收）`, `收费，残疾人免费`, `否（…）`): the flag
    // answers, the note only qualifies it; an exemption in the note does not turn 是 into 否.
    let head = t
        .split(['(', '[', '【', ',', ';', '、'])
        .next()
        .unwrap_or(t)
        .trim();
    if head.len() < t.len() {
        if NO.contains(&head) {
            return Some(false);
        }
        if YES.contains(&head) {
            return Some(true);
        }
    }
    // Longer statements: a negation first, then an affirmation.
    for neg in [
        "不收费",
        "免费",
        "免收",
        "不涉及",
        "不需要",
        "无需",
        "否",
        "不收取",
        "无中介",
    ] {
        if t.contains(neg) {
            return Some(false);
        }
    }
    if t.starts_with('是') || t.starts_with("收费") || t.starts_with("涉及") || t.starts_with('有')
    {
        return Some(true);
    }
    None
}

/// Whether the item charges a fee: its 是否收费 flag, or — when the flag says nothing — whether it
/// lists a fee with any content.
pub fn is_charged(item: &Item) -> bool {
    yes_no(&item.charged).unwrap_or_else(|| {
        item.fees
            .iter()
            .any(|f| !(f.name.trim().is_empty() && f.standard.trim().is_empty()))
    })
}

static AMOUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"\d+(?:\.\d+)?\s*(?:元|万元|角|分/)",
        r"|[零一二三四五六七八九十百千万壹贰叁肆伍陆柒捌玖拾佰仟两]+\s*(?:元|万元)",
        r"|\d+(?:\.\d+)?\s*[%‰]|百分之|千分之",
    ))
    .expect("amount pattern")
});

static ALGORITHM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"按照?[^，。；,;]{0,20}?",
        r"(?:面积|标的|金额|造价|价款|价格|件|次|宗|平方米|亩|吨|人次|比例|档次|累进|收入|数量|台|辆|户|本)",
        r"[^，。；,;]{0,20}?(?:计收|收取|计算|计征|收费|核收)",
    ))
    .expect("algorithm pattern")
});

/// Whether a 收费标准 states an amount (`10元/件`, `伍拾元`, `0.5%`) or an algorithm
/// (`按建筑面积每平方米…计收`).
pub fn states_amount_or_algorithm(text: &str) -> bool {
    let t = to_halfwidth(text);
    AMOUNT.is_match(&t) || ALGORITHM.is_match(&t)
}

static ZERO_AMOUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:0+(?:\.0+)?|零|〇)\s*(?:元|圆)?\s*(?:/\s*\S{0,4})?$")
        .expect("zero amount pattern")
});

/// Whether a 收费标准 charges something: it states an amount or an algorithm, and the amount is
/// not zero (`0元`, `0.00元/件`, `零元` is how platforms fill the fee row of a free item).
pub fn states_charge(text: &str) -> bool {
    states_amount_or_algorithm(text) && !ZERO_AMOUNT.is_match(to_halfwidth(text).trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags() {
        assert_eq!(yes_no("是"), Some(true));
        assert_eq!(yes_no("否"), Some(false));
        assert_eq!(yes_no("不收费"), Some(false));
        assert_eq!(yes_no("免费办理"), Some(false));
        assert_eq!(yes_no("是（详见收费标准）"), Some(true));
        assert_eq!(yes_no("无"), Some(false));
        assert_eq!(yes_no(""), None);
        assert_eq!(yes_no("/"), None);
        assert_eq!(yes_no("暂无"), None);
        assert_eq!(yes_no("按规定"), None);
    }

    /// h1 problem 5: an exemption note after 是/收费 does not make the flag 否.
    #[test]
    fn a_flag_with_a_note_is_the_flag() {
        for t in [
            "是（小微企业免收）",
            "收费（符合条件的免收）",
            "是，对困难群众免收",
            "收费，残疾人免费",
            "是（不收取证书工本费）",
            "是(减半收取)。",
            "有（详见收费标准）",
        ] {
            assert_eq!(yes_no(t), Some(true), "{t}");
        }
        for t in [
            "否（依法免收）",
            "否，不收取任何费用",
            "不收费（按财税〔2019〕45号免收）",
            "免费（工本费除外）",
            "无（本事项不收费）",
        ] {
            assert_eq!(yes_no(t), Some(false), "{t}");
        }
        // No flag before the note: still unclear.
        for t in [
            "按规定（视情况）",
            "视情况而定，部分收费",
            "部分收费",
            "（是）",
        ] {
            assert_eq!(yes_no(t), None, "{t}");
        }
    }

    #[test]
    fn amounts_and_algorithms() {
        assert!(states_amount_or_algorithm("10元/件"));
        assert!(states_amount_or_algorithm("每证 ５ 元"));
        assert!(states_amount_or_algorithm(
            "住宅类 80 元/件，非住宅类 550 元/件"
        ));
        assert!(states_amount_or_algorithm("伍拾元"));
        assert!(states_amount_or_algorithm("按标的额的0.5%收取"));
        assert!(states_amount_or_algorithm("按建筑面积每平方米计收"));
        assert!(!states_amount_or_algorithm("按国家规定收取"));
        assert!(!states_amount_or_algorithm("详见收费文件"));
        assert!(!states_amount_or_algorithm(""));
    }

    #[test]
    fn zero_amounts_charge_nothing() {
        for t in ["0元", "0", "０元", "0.00元/件", "零元", " 0 元 "] {
            assert!(!states_charge(t), "{t}");
        }
        for t in [
            "10元/件",
            "0.5%",
            "100元",
            "按标的额的0.5%收取",
            "住宅类 0 元，非住宅类 550 元/件",
        ] {
            assert!(states_charge(t), "{t}");
        }
    }
}
