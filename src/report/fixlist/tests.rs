//! Tests of the cell guards (the formula guard and its undoing, the length bound, the width) and
//! of what the 原文 cell shows.

use super::*;

#[test]
fn guard_prefixes_formula_starts_only() {
    for bad in [
        "=HYPERLINK(\"http://x\")",
        "+1",
        "-2+3",
        "@SUM(A1)",
        "\tx",
        "\r=1",
        "\n=1+2名称",
    ] {
        assert_eq!(guard(bad), format!("'{bad}"), "{bad:?}");
    }
    for ok in ["000104002000", "池州市长江中路1号", "a=b", "", " =1"] {
        assert_eq!(guard(ok), ok, "{ok:?}");
    }
}

/// What Excel turns into a number, date or time when it opens a CSV is written `="…"`; what it
/// shows as written is left alone.
#[test]
fn csv_text_wraps_what_excel_would_change() {
    for changed in [
        "1134170000312541513000117034000", // a 31-digit 实施编码: scientific, digits lost
        "113417000031",                    // 12 digits: shown as 1.13417E+11
        "05662021234",                     // the area code's 0 lost
        "000104002000",                    // a 基本编码's leading zeros lost
        "8412e34567890123",                // a fingerprint read as 8412 × 10^34567890123
        "1E+05",
        "1.50",
        ".5",
        "3-5",        // 5月3日
        "2026/12/1",  // a date
        "2026-12-01", // a date
        "9:00",       // a time
        "08:30:00",
    ] {
        assert_eq!(csv_text(changed), format!("=\"{changed}\""), "{changed:?}");
    }
    for kept in [
        "2021234",
        "12345",
        "0",
        "0566-2021234",
        "1134170000312541513000117034000X",
        "3f9c0a1b2c3d4e5f",
        "e5",
        "1.2.3",
        "3-5个工作日",
        "9:00-12:00",
        "池州市长江中路1号",
        "'=1+2",
        "",
    ] {
        assert_eq!(csv_text(kept), kept, "{kept:?}");
    }
}

#[test]
fn unguard_reverses_guard_only() {
    for text in [
        "=1+2",
        "-12345",
        "'quoted",
        "'",
        "000104002000",
        "@x",
        "\n=1+2",
    ] {
        assert_eq!(unguard(&guard(text)), text, "{text:?}");
    }
    assert_eq!(unguard("'abc"), "'abc");
}

#[test]
fn bound_cuts_by_characters_and_marks_the_cut() {
    let long = "办".repeat(20);
    let cut = bound(&long, 10);
    assert_eq!(cut.chars().count(), 10);
    assert!(cut.ends_with(CUT));
    assert_eq!(bound("短文本", 10), "短文本");
}

#[test]
fn width_counts_cjk_double() {
    assert_eq!(display_width("abc"), 3);
    assert_eq!(display_width("事项名称"), 8);
    assert_eq!(display_width("（A）"), 5);
}

/// A link finding's 原文 shows the link as the platform lists it, with its Chinese file name;
/// text that only holds a percent sign, and links with encoded ASCII, stay as they are.
#[test]
fn links_in_原文_read_as_the_platform_shows_them() {
    use crate::model::{Finding, Provenance, Severity};
    let f = Finding {
        rule: "M05".into(),
        rule_name: "blank-form".into(),
        element: "空白表格".into(),
        severity: Severity::Error,
        item_code: "11341700MB1234567X3000101001000".into(),
        item_name: "食品经营许可".into(),
        unit: "池州市市场监督管理局".into(),
        target: Some("材料「食品经营许可申请书」的空白表格链接".into()),
        message: "空白表格链接失效（HTTP 404）".into(),
        evidence: "http://zwfw.chizhou.gov.cn/files/%E7%94%B3%E8%AF%B7%E8%A1%A8.docx".into(),
        suggestion: "重新上传空白表格并更新链接".into(),
        provenance: Provenance::record("items.json", 3),
    };
    let cells = row(1, &f, "池州市市场监督管理局");
    assert_eq!(cells[7], "http://zwfw.chizhou.gov.cn/files/申请表.docx");
    for same in [
        "收费标准上浮 10%",
        "http://zwfw.chizhou.gov.cn/a%20b.pdf",
        "http://zwfw.chizhou.gov.cn/申请表.docx",
    ] {
        assert_eq!(shown_evidence(same), same);
    }
}

/// The 严重程度 cell says which errors the score does not count: those of the checks beyond the
/// appendix (G01, the links' L01), so a clerk does not read 「错误」 as points lost.
#[test]
fn errors_beyond_the_appendix_are_marked_unscored() {
    use crate::model::Severity;
    assert_eq!(severity_cell("B09", Severity::Error), "错误");
    assert_eq!(severity_cell("M06", Severity::Error), "错误");
    assert_eq!(severity_cell("G01", Severity::Error), "错误（不计分）");
    assert_eq!(severity_cell("L01", Severity::Error), "错误（不计分）");
    assert_eq!(severity_cell("G02", Severity::Warning), "提示");
    assert_eq!(severity_cell("B07", Severity::Warning), "提示");
}
