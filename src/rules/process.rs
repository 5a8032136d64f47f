//! What the process rules (P01–P02) share: reading 网办深度 (online handling depth).

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use crate::model::text::to_halfwidth;

/// Words that name the applicant as who acts (`申请人`, `申请单位`, `考生`, `办事群众`), also by
/// the role the item gives them (`参保人`, `缴存职工`, `建设单位`, `买卖双方`): P01 reads them in a
/// step's 办理人 (the applicant's own step), P02 before an online registration (the applicant
/// registers, not the staff). They are found anywhere in the text, so none is part of a staff
/// post's name: not `企业` (企业登记科), `驾驶人` (驾驶人管理科), `办事人` (办事人员), `经办人` (a
/// clerk as often as the applicant's agent); P01 reads such roles only as the whole 办理人.
pub const APPLICANT_WORDS: &[&str] = &[
    "申请人",
    "申请单位",
    "申请企业",
    "申请者",
    "申报人",
    "申报单位",
    "当事人",
    "参保人",
    "缴存职工",
    "缴存人",
    "权利人",
    "继承人",
    "监护人",
    "建设单位",
    "买卖双方",
    "考生",
    "群众",
];

/// Reads 网办深度 as published (`四级`, `Ⅳ级`, `IV级`, `4级`, `全程网办`, `三星`) into 1–4.
/// A bare code (`4`) is not read: platforms number depths differently (one uses 1 for 全程网办),
/// and the label wins over the code.
pub fn online_depth(text: &str) -> Option<u8> {
    let t = to_halfwidth(text).trim().to_uppercase();
    if t.is_empty() {
        return None;
    }
    // Which forms occur, found in one pass; then read in the order of `DEPTH_FORMS`.
    let mut found = 0u32;
    for m in DEPTH_MATCHER.find_overlapping_iter(t.as_str()) {
        found |= 1 << m.pattern().as_u32();
    }
    let mut id = 0;
    for (level, forms) in DEPTH_FORMS {
        let all = (1u32 << forms.len()) - 1;
        if found >> id & all != 0 {
            return Some(*level);
        }
        id += forms.len();
    }
    bare_roman(&t)
}

/// A depth written as a bare Roman numeral (`IV`), upper-cased.
fn bare_roman(t: &str) -> Option<u8> {
    match t {
        "IV" => Some(4),
        "III" => Some(3),
        "II" => Some(2),
        "I" => Some(1),
        _ => None,
    }
}

/// The forms of each depth, checked in this order: 全程网办 first, then the levels from high to
/// low, so a text holding forms of two levels reads as the higher (`II级` also holds `I级`).
const DEPTH_FORMS: &[(u8, &[&str])] = &[
    (4, &["全程网办", "全流程网办"]),
    (4, &["四级", "Ⅳ", "IV级", "4级", "四星", "第四级"]),
    (3, &["三级", "Ⅲ", "III级", "3级", "三星", "第三级"]),
    (2, &["二级", "Ⅱ", "II级", "2级", "二星", "第二级"]),
    (1, &["一级", "Ⅰ", "I级", "1级", "一星", "第一级"]),
];

/// Every form of [`DEPTH_FORMS`], pattern ids in that order.
static DEPTH_MATCHER: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::new(DEPTH_FORMS.iter().flat_map(|(_, forms)| forms.iter()))
        .expect("depth forms compile")
});

#[cfg(test)]
mod tests {
    use super::online_depth;

    #[test]
    fn depths() {
        assert_eq!(online_depth("四级"), Some(4));
        assert_eq!(online_depth("Ⅳ级（全程网办）"), Some(4));
        assert_eq!(online_depth("IV级"), Some(4));
        assert_eq!(online_depth("III级"), Some(3));
        assert_eq!(online_depth("３级"), Some(3));
        assert_eq!(online_depth("1"), None);
        assert_eq!(online_depth("二级"), Some(2));
        assert_eq!(online_depth("I级"), Some(1));
        assert_eq!(online_depth(""), None);
        assert_eq!(online_depth("网上办理"), None);
    }

    /// The definition the one-pass version replaces: one search per form.
    fn reference(text: &str) -> Option<u8> {
        let t = crate::model::text::to_halfwidth(text).trim().to_uppercase();
        if t.is_empty() {
            return None;
        }
        for (level, forms) in super::DEPTH_FORMS {
            if forms.iter().any(|f| t.contains(f)) {
                return Some(*level);
            }
        }
        super::bare_roman(&t)
    }

    #[test]
    fn one_pass_agrees_with_searching_each_form() {
        for t in [
            "四级",
            "Ⅳ级（全程网办）",
            "IV级",
            "iv级",
            "ⅳ",
            "III级",
            "３级",
            "1",
            "二级",
            "I级",
            "",
            "网上办理",
            "II级 I级",
            "一级至三级",
            "全流程网办",
            "第一级",
            "三星",
            " ii ",
            "IIII级",
            "Ⅱ Ⅲ",
            "4",
            "一星级",
            "V级",
        ] {
            assert_eq!(online_depth(t), reference(t), "{t}");
        }
    }
}
