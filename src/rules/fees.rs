//! What the fee rules (F01–F03) and the intermediary rule (I01) share: reading a yes/no flag such as
//! 是否收费 or 是否涉及中介服务, and telling whether a 收费标准 states an amount or an algorithm.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::Item;
use crate::model::text::{check_mark, ticked_one, to_halfwidth};

/// Reads a published yes/no flag: `Some(true)` for 是/有/收费/涉及/需要/1, `Some(false)` for
/// 否/无/不收费/免费/不涉及/0, `None` when it says neither (empty, `/`, `暂无`, other text). A flag
/// followed by a note in brackets or after a comma is the flag (`是（小微企业免收）` is 是,
/// `否（按规定免收）` is 否). Tick boxes (`☑是 □否`) are the choice ticked; a mark alone (`√` is
/// 是, `×` is 否, as Excel templates tick the rows that apply) is read by [`check_mark`], shared
/// with `parse_yes_no` in the model.
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
        "无收费",
        "零收费",
        "0元",
        "零元",
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
        "收取",
        "缴费",
        "需缴费",
        "需要缴费",
        "需收费",
    ];
    if let Some(chosen) = ticked_one(text) {
        return yes_no(&chosen);
    }
    if let Some(marked) = check_mark(text) {
        return Some(marked);
    }
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
        "无收费",
        "零收费",
        "不收任何",
        "不需缴费",
        "无任何费用",
        "无费用",
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
        // `￥80/件`, `每件¥80.00`: the yuan sign before the amount (full-width ￥ is left so by
        // the half-width folding).
        r"|[￥¥]\s*\d",
        r"|[零一二三四五六七八九十百千万壹贰叁肆伍陆柒捌玖拾佰仟两]+\s*(?:元|万元)",
        r"|\d+(?:\.\d+)?\s*[%‰]|百分之|千分之",
    ))
    .expect("amount pattern")
});

/// What a fee is charged by (`面积`, `件`, `比例` …): the basis of an algorithm.
const BASES: &[&str] = &[
    "面积",
    "标的",
    "金额",
    "造价",
    "价款",
    "价格",
    "件",
    "次",
    "宗",
    "平方米",
    "亩",
    "吨",
    "人次",
    "比例",
    "档次",
    "累进",
    "收入",
    "数量",
    "台",
    "辆",
    "户",
    "本",
];

/// `按…<basis>…收取`: a charge by some basis. [`states_algorithm`] also asks that the basis be
/// no part of a document's name or number.
static ALGORITHM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        "按照?[^，。；,;]{{0,20}}?(?:{})[^，。；,;]{{0,20}}?(?:计收|收取|计算|计征|收费|核收)",
        BASES.join("|")
    ))
    .expect("algorithm pattern")
});

/// Whether a 收费标准 states an amount (`10元/件`, `伍拾元`, `0.5%`) or an algorithm
/// (`按建筑面积每平方米…计收`). Charging by a document (`按照文件规定收取`,
/// `按发改价格规〔2016〕2559号收取`) is neither: the 件 of 文件 and the 价格 of a document
/// number or of 价格主管部门 are no basis.
pub fn states_amount_or_algorithm(text: &str) -> bool {
    let t = to_halfwidth(text);
    AMOUNT.is_match(&t) || states_algorithm(&t)
}

/// Whether some `按…收取` of `t` charges by a basis that is not part of a document's name or
/// number ([`names_a_document`]).
fn states_algorithm(t: &str) -> bool {
    ALGORITHM.find_iter(t).any(|m| {
        let span = m.as_str();
        BASES.iter().any(|b| {
            span.match_indices(b)
                .any(|(at, b)| !names_a_document(span, at, at + b.len()))
        })
    })
}

/// Whether the basis word at `start..end` of `span` belongs to a document, not to a way of
/// charging: the 件 of 文件; a word in a title (`《…》`); a word of an issuer's abbreviation
/// before a document number (`发改价格规〔2016〕2559号`, `皖价费[2017]130号`); the 价格 of a
/// price authority (`价格主管部门`, `价格部门`); the 本 of `本办法`, `本文件`.
fn names_a_document(span: &str, start: usize, end: usize) -> bool {
    let before = &span[..start];
    let after = &span[end..];
    if span[start..end] == *"件" && before.ends_with('文') {
        return true;
    }
    if before
        .rfind('《')
        .is_some_and(|open| !before[open..].contains('》'))
    {
        return true;
    }
    match &span[start..end] {
        "价格" if after.starts_with("主管") || after.starts_with("部门") => return true,
        "本" if DOCUMENT_AFTER_BEN.iter().any(|w| after.starts_with(w)) => return true,
        _ => {}
    }
    // A document number follows the issuer's abbreviation with no break: `…规〔2016〕`.
    let rest = after.trim_start_matches(|c: char| ('\u{4e00}'..='\u{9fa5}').contains(&c));
    let mut chars = rest.chars();
    matches!(chars.next(), Some('〔' | '[' | '【' | '(' | '（'))
        && chars.by_ref().take(4).filter(char::is_ascii_digit).count() == 4
        && matches!(chars.next(), Some('〕' | ']' | '】' | ')' | '）'))
}

/// What 本 stands before as 'this' (`按本办法规定收取`, `按照本文件收取`), not as a book.
const DOCUMENT_AFTER_BEN: &[&str] = &["文件", "办法", "规定", "通知", "条例", "细则", "标准", "级"];

static ZERO_AMOUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[￥¥]?\s*(?:0+(?:\.0+)?|零|〇)\s*(?:元|圆)?\s*(?:/\s*\S{0,4})?$")
        .expect("zero amount pattern")
});

/// Whether a 收费标准 charges something: it states an amount, or charges `按…收取` by any basis
/// (a document's too: `按照文件规定收取` still says a fee is charged, though not how much), and
/// the amount is not zero (`0元`, `0.00元/件`, `零元` is how platforms fill the fee row of a free
/// item).
pub fn states_charge(text: &str) -> bool {
    let t = to_halfwidth(text);
    (AMOUNT.is_match(&t) || ALGORITHM.is_match(&t)) && !ZERO_AMOUNT.is_match(t.trim())
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

    /// h4 problem 10: free-text flags a clerk writes for 是否收费 say yes or no plainly.
    #[test]
    fn plain_free_text_flags_say_yes_or_no() {
        for t in [
            "无收费",
            "零收费",
            "不收任何费用",
            "不需缴费",
            "无任何费用",
            "0元",
            "零元",
            "无收费。",
        ] {
            assert_eq!(yes_no(t), Some(false), "{t}");
        }
        for t in ["收取", "需缴费", "缴费", "需要缴费"] {
            assert_eq!(yes_no(t), Some(true), "{t}");
        }
        // Still unclear: no flag, only how.
        for t in ["按规定收取", "视情况缴费", "部分收取"] {
            assert_eq!(yes_no(t), None, "{t}");
        }
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
        // h4 problem 8: the yuan sign before the amount.
        for t in [
            "住宅：￥80/件；非住宅：￥550/件",
            "￥80",
            "¥80/件",
            "每件￥80.00",
            "¥ 5",
        ] {
            assert!(states_amount_or_algorithm(t), "{t}");
            assert!(states_charge(t), "{t}");
        }
        assert!(!states_amount_or_algorithm("￥"));
        assert!(!states_amount_or_algorithm("按国家规定收取"));
        assert!(!states_amount_or_algorithm("详见收费文件"));
        assert!(!states_amount_or_algorithm(""));
    }

    /// Charging 按 a document names no amount and no method, however the document is cited; a
    /// basis next to one still does.
    #[test]
    fn charging_by_a_document_is_no_algorithm() {
        for t in [
            "按照文件规定收取",
            "按相关文件规定收取",
            "按照文件收取",
            "按发改价格规〔2016〕2559号收取",
            "按发改价格规[2016]2559号文件规定收取",
            "按《国家发展改革委 财政部关于不动产登记收费标准等有关问题的通知》规定收取",
            "按价格主管部门核定的标准收取",
            "按照本办法规定收取",
            "按国家规定收取",
            "按皖价费〔2017〕130号规定执行",
        ] {
            assert!(!states_amount_or_algorithm(t), "{t}");
        }
        // Still a fee charged, for F01's 否 with a fee listed, as before.
        for t in [
            "按照文件规定收取",
            "按相关文件规定收取",
            "按照文件收取",
            "按发改价格规〔2016〕2559号收取",
        ] {
            assert!(states_charge(t), "{t}");
        }
        for t in [
            "每件80元",
            "按房屋建筑面积每平方米3元收取",
            "按标的额的1%收取",
            "工本费10元/本",
            "按件收取",
            "按照文件规定按建筑面积计收",
            "按文件规定的建筑面积计收",
            "按发改价格规〔2016〕2559号文件按件收取",
            "按宗地面积分档计收",
            "按证书本数收取",
        ] {
            assert!(states_amount_or_algorithm(t), "{t}");
        }
    }

    #[test]
    fn zero_amounts_charge_nothing() {
        for t in [
            "0元",
            "0",
            "０元",
            "0.00元/件",
            "零元",
            " 0 元 ",
            "￥0",
            "¥0.00/件",
        ] {
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
