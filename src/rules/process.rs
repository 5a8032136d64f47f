//! What the process rules (P01–P02) share: reading 网办深度 (online handling depth).

use crate::model::text::to_halfwidth;

/// Reads 网办深度 as published (`四级`, `Ⅳ级`, `IV级`, `4级`, `全程网办`, `三星`) into 1–4.
/// A bare code (`4`) is not read: platforms number depths differently (one uses 1 for 全程网办),
/// and the label wins over the code.
pub fn online_depth(text: &str) -> Option<u8> {
    const FORMS: &[(u8, &[&str])] = &[
        (4, &["四级", "Ⅳ", "IV级", "4级", "四星", "第四级"]),
        (3, &["三级", "Ⅲ", "III级", "3级", "三星", "第三级"]),
        (2, &["二级", "Ⅱ", "II级", "2级", "二星", "第二级"]),
        (1, &["一级", "Ⅰ", "I级", "1级", "一星", "第一级"]),
    ];
    let t = to_halfwidth(text).trim().to_uppercase();
    if t.is_empty() {
        return None;
    }
    if t.contains("全程网办") || t.contains("全流程网办") {
        return Some(4);
    }
    for (level, forms) in FORMS {
        if forms.iter().any(|f| t.contains(f)) {
            return Some(*level);
        }
    }
    match t.as_str() {
        "IV" => Some(4),
        "III" => Some(3),
        "II" => Some(2),
        "I" => Some(1),
        _ => None,
    }
}

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
}
