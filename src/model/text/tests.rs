//! Tests of folding, labels, placeholders, `trim`, quoting and URLs shown readable. Not here: the
//! garbled-text tests (`mojibake_tests`).

use super::*;

#[test]
fn a_header_note_is_the_text_in_its_first_brackets() {
    assert_eq!(
        label_note("承诺办结时限（工作日）").as_deref(),
        Some("工作日")
    );
    assert_eq!(label_note("法定时限 ( 天 )").as_deref(), Some("天"));
    assert_eq!(
        label_note("承诺办结时限【个工作日】").as_deref(),
        Some("个工作日")
    );
    assert_eq!(label_note("承诺办结时限"), None);
    assert_eq!(label_note("承诺办结时限（）"), None);
    assert_eq!(label_note("承诺办结时限（工作日"), None);
}

/// Platforms write a header's unit as `（单位：工作日）` or after a slash as often as `（工作日）`.
#[test]
fn a_header_unit_may_follow_a_slash_or_the_word_unit() {
    assert_eq!(
        label_note("承诺办结时限（单位：工作日）").as_deref(),
        Some("工作日")
    );
    assert_eq!(
        label_note("法定时限(单位为个工作日)").as_deref(),
        Some("个工作日")
    );
    assert_eq!(label_note("承诺时限/工作日").as_deref(), Some("工作日"));
    assert_eq!(label_note("承诺时限／天").as_deref(), Some("天"));
    assert_eq!(
        label_note("承诺时限 / 单位：工作日").as_deref(),
        Some("工作日")
    );
    // A slash before anything but a unit is no note.
    assert_eq!(label_note("原件/复印件"), None);
    assert_eq!(label_note("/工作日"), None);
    assert_eq!(normalize_label("承诺时限/工作日"), "承诺时限");
    assert_eq!(normalize_label("法定办结时限／个工作日"), "法定办结时限");
    assert_eq!(
        normalize_label("承诺办结时限（单位：工作日）"),
        "承诺办结时限"
    );
    assert_eq!(normalize_label("承诺时限/(工作日)"), "承诺时限");
    assert_eq!(normalize_label("原件/复印件"), "原件/复印件");
    assert_eq!(normalize_label("咨询/投诉电话"), "咨询/投诉电话");
}

/// h32: a 即办 template's step limits are in minutes (`办理时限（分钟）`, `办理时限/分钟`), an
/// item's sometimes in weeks; the header names the unit as it names 工作日.
#[test]
fn a_header_unit_may_be_minutes_hours_or_weeks() {
    for unit in ["分钟", "小时", "周", "个月", "自然日"] {
        assert!(is_label_time_unit(unit), "{unit}");
    }
    assert!(!is_label_time_unit("分"));
    assert!(!is_label_time_unit("元"));
    assert_eq!(label_note("办理时限/分钟").as_deref(), Some("分钟"));
    assert_eq!(normalize_label("办理时限/分钟"), "办理时限");
    assert_eq!(normalize_label("环节时限（分钟）"), "环节时限");
    assert_eq!(normalize_label("收费标准/元"), "收费标准/元");
}

#[test]
fn scientific_notation_is_recognised() {
    assert!(looks_scientific("1.13417E+30"));
    assert!(looks_scientific("5.66202E+09"));
    assert!(looks_scientific("1E+11"));
    assert!(!looks_scientific("0566-2021156"));
    assert!(!looks_scientific("E+30"));
    assert!(!looks_scientific("11341700003125415130001170350E0X"));
    assert!(!looks_scientific("EPYC"));
}

#[test]
fn halfwidth_folds_digits_and_punctuation() {
    assert_eq!(to_halfwidth("０５６６－１２３４５６７"), "0566-1234567");
    assert_eq!(to_halfwidth("Ａ区１２号窗口"), "A区12号窗口");
}

#[test]
fn labels_normalise_for_matching() {
    assert_eq!(normalize_label(" 承诺办结时限（工作日）："), "承诺办结时限");
    assert_eq!(normalize_label("*材料 名称"), "材料名称");
    assert_eq!(normalize_label("\u{feff}实施编码"), "实施编码");
    // Templates mark required columns with stars as often as with asterisks.
    assert_eq!(normalize_label("★实施编码"), "实施编码");
    assert_eq!(normalize_label("☆事项名称（必填）"), "事项名称");
    assert_eq!(normalize_label("※承诺办结时限"), "承诺办结时限");
}

#[test]
fn placeholder_match_is_the_list() {
    for p in PLACEHOLDERS {
        assert!(is_placeholder(p), "{p}");
    }
    // Near misses of every entry: one character more or less, other case, spaces.
    for p in PLACEHOLDERS {
        let mut shorter = p.chars();
        shorter.next_back();
        for t in [
            format!("{p} "),
            format!("{p}{p}"),
            shorter.as_str().to_owned(),
            p.to_uppercase(),
            p.to_lowercase(),
        ] {
            assert_eq!(
                is_placeholder(&t),
                PLACEHOLDERS.contains(&t.as_str()),
                "{t}"
            );
        }
    }
}

#[test]
fn space_ends_are_exact() {
    for c in (0..=0x0010_FFFF).filter_map(char::from_u32) {
        let mut buf = [0u8; 4];
        let bytes = c.encode_utf8(&mut buf).as_bytes();
        let space = c.is_whitespace();
        assert_eq!(starts_with_space(bytes), space, "{c:?}");
        assert_eq!(ends_with_space(bytes), space, "{c:?}");
        // Beside other characters, whose bytes must not be mistaken for a lead byte.
        for other in ['a', '申', '\u{80}', '\u{E000}', '\u{1F600}'] {
            let mut pair = [0u8; 8];
            let o = other.encode_utf8(&mut pair[4..]).len();
            pair[..bytes.len()].copy_from_slice(bytes);
            pair.copy_within(4..4 + o, bytes.len());
            assert_eq!(starts_with_space(&pair[..bytes.len() + o]), space, "{c:?}");
            let mut pair = [0u8; 8];
            other.encode_utf8(&mut pair);
            pair[o..o + bytes.len()].copy_from_slice(bytes);
            assert_eq!(ends_with_space(&pair[..o + bytes.len()]), space, "{c:?}");
        }
    }
    for s in [
        "",
        " ",
        "a",
        " a ",
        "\u{3000}申请\u{3000}",
        "申请 ",
        "\u{a0}x",
        "x\u{2029}",
        "见上",
    ] {
        assert_eq!(trim(s), s.trim(), "{s:?}");
    }
}

#[test]
fn placeholders_are_blank() {
    assert!(is_blank_or_placeholder(" 无 "));
    assert!(is_blank_or_placeholder("/"));
    assert!(!is_blank_or_placeholder("0566-1234567"));
    // A full stop or semicolon after the placeholder, and an ellipsis, are placeholders too.
    for t in [
        "无。",
        "无；",
        // Every mark the last-byte gate lets through.
        "无．",
        "无;",
        "无，",
        "无,",
        "无！",
        "无!",
        "暂无.",
        "/；",
        "同上。",
        "……",
        "...",
        "（空）",
    ] {
        assert!(is_blank_or_placeholder(t), "{t}");
    }
    for t in ["无犯罪记录。", "。", "；", "0566-1234567。", "无，不限"] {
        assert!(!is_blank_or_placeholder(t), "{t}");
    }
}

#[test]
fn quote_cuts_by_chars() {
    assert_eq!(quote("池州市长江中路1号", 4), "池州市长…");
}

#[test]
fn a_value_may_end_with_a_note_in_brackets() {
    assert_eq!(value_and_note("1次（领取证件）"), Some(("1次", "领取证件")));
    assert_eq!(
        value_and_note("1（如邮寄则0次）"),
        Some(("1", "如邮寄则0次"))
    );
    assert_eq!(
        value_and_note(" 法定本级行使(市级)。"),
        Some(("法定本级行使", "市级"))
    );
    assert_eq!(
        value_and_note("承诺件（需审核（含现场核查））"),
        Some(("承诺件", "需审核（含现场核查）"))
    );
    assert_eq!(
        value_and_note("自然人【含个体工商户】"),
        Some(("自然人", "含个体工商户"))
    );
    // Nothing before the brackets, no note at the end, or brackets that do not close.
    assert_eq!(value_and_note("（1次）"), None);
    assert_eq!(value_and_note("承诺件"), None);
    assert_eq!(value_and_note("全程网办（Ⅳ级）网上办理"), None);
    assert_eq!(value_and_note("承诺件）"), None);
    assert_eq!(value_and_note(""), None);
}

#[test]
fn urls_are_shown_readable() {
    assert_eq!(
        display_url("http://zwfw.chizhou.gov.cn/f/%E7%94%B3%E8%AF%B7%E8%A1%A8%20(1).docx?a=%2F"),
        "http://zwfw.chizhou.gov.cn/f/申请表%20(1).docx?a=%2F"
    );
    // GBK bytes are not UTF-8: left encoded, still the same link.
    assert_eq!(
        display_url("http://a.gov.cn/%C9%EA%C7%EB.doc"),
        "http://a.gov.cn/%C9%EA%C7%EB.doc"
    );
    assert_eq!(
        display_url("http://a.gov.cn/%E7%94"),
        "http://a.gov.cn/%E7%94"
    );
}

#[test]
fn percent_escapes_decode_to_bytes() {
    assert_eq!(percent_decode(b"%E7%94%B3.doc"), "申.doc".as_bytes());
    // GBK stays bytes: the caller decides how to read them.
    assert_eq!(percent_decode(b"%C9%EA"), [0xC9, 0xEA]);
    // Not an escape: kept as written, at the end too.
    for kept in ["100%", "%+1", "%-1a", "%G1", "a%2", "%%41"] {
        let want = if kept == "%%41" { "%A" } else { kept };
        assert_eq!(percent_decode(kept.as_bytes()), want.as_bytes(), "{kept}");
    }
    assert_eq!(percent_decode(b"%41%2"), b"A%2");
}
