//! Tests of the cell guards: the formula guard and its undoing, the length bound, the width.

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
    ] {
        assert_eq!(guard(bad), format!("'{bad}"), "{bad:?}");
    }
    for ok in ["000104002000", "池州市长江中路1号", "a=b", "", " =1"] {
        assert_eq!(guard(ok), ok, "{ok:?}");
    }
}

#[test]
fn unguard_reverses_guard_only() {
    for text in ["=1+2", "-12345", "'quoted", "'", "000104002000", "@x"] {
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
