//! Tests of the report's JSON: the writers print what serde_json prints, and reading gives back
//! what was written.

use proptest::prelude::*;

use std::borrow::Cow;

use super::*;
use crate::report::ItemStatus;
use crate::unit::UnitKind;

/// The plain way: the whole pretty text, then four spaces before every line.
fn reindented<T: serde::Serialize>(value: &T) -> String {
    let text = serde_json::to_string_pretty(value).expect("serialise");
    text.split('\n')
        .map(|line| format!("    {line}"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn element<T: serde::Serialize>(value: &T) -> String {
    let mut out = Vec::new();
    write_array_element(value, &mut out);
    String::from_utf8(out).expect("UTF-8")
}

fn entry(text: &str, outcomes: &[(&str, Outcome)], status: ItemStatus) -> ItemEntry {
    ItemEntry {
        code: text.into(),
        name: format!("{text}\n事项"),
        unit: "贵池区".into(),
        unit_kind: UnitKind::County,
        item_type: String::new(),
        subject: text.into(),
        region_code: "341702".into(),
        provenance: Provenance::row("a \"b\".ndjson", 3),
        status,
        reason: (status == ItemStatus::Unreadable).then(|| format!("{text}\t坏")),
        outcomes: outcomes
            .iter()
            .map(|(k, v)| ((*k).to_owned().into(), *v))
            .collect(),
        errors: 1,
        warnings: 0,
        waived: 0,
    }
}

fn finding(text: &str, target: Option<String>) -> Finding {
    Finding {
        rule: "B09".into(),
        rule_name: "handling-address".into(),
        element: "办理地点".into(),
        severity: Severity::Warning,
        item_code: text.into(),
        item_name: "事项".into(),
        unit: "单位".into(),
        target,
        message: format!("「{text}」\u{1}"),
        evidence: text.into(),
        suggestion: "".into(),
        provenance: Provenance::sheet_row("x.xlsx", "申请材料", 12),
    }
}

#[test]
fn empty_collections_and_nesting_print_as_the_pretty_printer_does() {
    let e = entry("", &[], ItemStatus::Unreadable);
    assert!(element(&e).contains("\"outcomes\": {},"), "{}", element(&e));
    assert_eq!(element(&e), reindented(&e));
    let nested = serde_json::json!([[], {}, [1, [2, {"a": []}]], {"b": {"c": [3]}}]);
    assert_eq!(element(&nested), reindented(&nested));
    // Deeper than the indentation written in one piece.
    let nested = serde_json::json!([[[[[[[[[[{"deep": [[[1]]]}]]]]]]]]]]);
    assert_eq!(element(&nested), reindented(&nested));
    assert_eq!(element(&7), "    7");
}

fn direct(e: &ItemEntry, lines: &OutcomeLines) -> String {
    let mut out = Vec::new();
    write_item_entry(e, lines, &mut out);
    String::from_utf8(out).expect("UTF-8")
}

fn direct_finding(f: &Finding) -> String {
    let mut out = Vec::new();
    write_finding(f, &mut out);
    String::from_utf8(out).expect("UTF-8")
}

/// Text that needs escaping, non-ASCII text, or any text.
const TEXT: &str = "\\PC{0,12}|[\"\\\\\n\t\u{0}-\u{1f}\u{7f}a-z点「」é]{0,12}";

fn provenances() -> impl Strategy<Value = Provenance> {
    (
        TEXT,
        proptest::option::of(TEXT),
        proptest::option::of(any::<u64>()),
        proptest::option::of(any::<u64>()),
    )
        .prop_map(|(source, sheet, row, record)| Provenance {
            source: source.into(),
            sheet: sheet.map(Into::into),
            row,
            record,
        })
}

#[test]
fn a_file_that_is_no_report_of_this_version_is_said_so() {
    let err = |text: &str| read(text).expect_err(text);
    assert!(err("").starts_with("文件不完整"));
    assert!(err("[1, 2]").starts_with("不是本工具的报告"));
    assert!(err("{\"schema_version\": 1,").starts_with("文件不完整"));
    assert!(err("{\"schema_version\": 1, \"items\": [{\"code\":").starts_with("文件不完整"));
    assert!(
        err("[audit]\ninputs = []")
            .starts_with("不是本工具的报告：第 1 行第 2 列处不符合 JSON 格式")
    );
    assert!(err("{\"a\": 1}\n{\"a\": 2}").starts_with("不是本工具的报告：第 2 行"));
    assert!(err("{\"items\": []}").starts_with("不是本工具的报告：文件中没有报告版本"));
    assert!(err("{\"a\": 1}").starts_with("不是本工具的报告：文件中没有报告版本"));
    assert!(err("{\"schema_version\": \"1\"}").starts_with("不是本工具的报告"));
    assert!(err("{\"schema_version\": 99, \"items\": 3}").starts_with("报告版本 99 与"));
    assert!(err("{\"schema_version\": 1}").contains("（缺少「"));
    for text in ["", "[1, 2]", "{\"a\": 1}", "{\"schema_version\": 1}", "x"] {
        let e = err(text);
        assert!(
            !e.contains("None") && !e.contains("line") && !e.contains("expected"),
            "{e}"
        );
    }
    // A whole report reads back as it was written.
    let report = crate::score::tests::fixture();
    let mut text = Vec::new();
    write(&report, &mut text).unwrap();
    assert_eq!(
        read(std::str::from_utf8(&text).unwrap()).as_ref(),
        Ok(&report)
    );
    assert_eq!(read_from(std::io::Cursor::new(&text)), Ok(report));
    // A whole report of another version is said to be one.
    let other = String::from_utf8(text).unwrap().replacen(
        "\"schema_version\": 1",
        "\"schema_version\": 2",
        1,
    );
    assert_eq!(
        read_from(std::io::Cursor::new(other)).unwrap_err(),
        format!(
            "报告版本 2 与本工具支持的版本 {} 不同：请用写出它的 zwfw-audit 读取，或用本工具重新运行 check 生成报告",
            crate::report::SCHEMA_VERSION
        )
    );
}

#[test]
fn outcome_lines_are_used_when_the_ids_match_and_skipped_when_not() {
    let lines = OutcomeLines::new(["B09", "A01", "A01", "a_long_rule_id"]);
    assert_eq!(lines.ids, ["A01", "B09", "a_long_rule_id"]);
    let text = |line: Option<&Line>| line.map(|(l, len)| l[..*len].to_vec());
    assert_eq!(
        text(lines.get(1, "B09", Outcome::NotApplicable)).as_deref(),
        Some(b",\n        \"B09\": \"n/a\"".as_slice())
    );
    // Equal text at another address.
    let owned = String::from("A01");
    assert_eq!(
        text(lines.get(0, &owned, Outcome::Fail)).as_deref(),
        Some(b",\n        \"A01\": \"fail\"".as_slice())
    );
    assert_eq!(lines.get(0, "B09", Outcome::Pass), None);
    assert_eq!(lines.get(3, "C01", Outcome::Pass), None);
    // Too long for a line of `LINE` bytes: written as it comes.
    assert_eq!(lines.get(2, "a_long_rule_id", Outcome::Pass), None);
}

proptest! {
    #[test]
    fn an_entry_is_written_as_the_pretty_printer_writes_it(
        text in TEXT,
        ids in proptest::collection::btree_set("[A-Z][0-9]{2}|[a-z\" é]{0,14}", 0..40),
        known in proptest::collection::vec(any::<bool>(), 40),
        outcomes in proptest::collection::vec(
            proptest::sample::select(OUTCOMES.to_vec()), 40),
        unreadable in any::<bool>(),
        empties in any::<(bool, bool, bool)>(),
        provenance in provenances(),
        counts in any::<(usize, usize, u8)>(),
    ) {
        let ids: Vec<&'static str> =
            ids.into_iter().map(|id| &*Box::leak(id.into_boxed_str())).collect();
        let outcomes: Vec<(&'static str, Outcome)> =
            ids.iter().zip(&outcomes).map(|(k, o)| (*k, *o)).collect();
        let status = if unreadable { ItemStatus::Unreadable } else { ItemStatus::Checked };
        let mut e = entry(&text, &outcomes, status);
        if known[39] {
            // Borrowed ids, as a checked entry has them (the same slices as the lines').
            e.outcomes = outcomes.iter().map(|&(k, o)| (Cow::Borrowed(k), o)).collect();
        }
        if empties.0 { e.item_type = text.clone(); }
        if empties.1 { e.subject.clear(); }
        if empties.2 { e.region_code.clear(); e.unit_kind = UnitKind::Department; }
        e.provenance = provenance;
        (e.errors, e.warnings, e.waived) = (counts.0, counts.1, usize::from(counts.2 % 3));
        let want = element(&e);
        // No precomputed lines, lines for every id, and lines for some ids (the others are
        // written as they come and shift the positions of the rest).
        let all = OutcomeLines::new(ids.iter().copied());
        let some = OutcomeLines::new(
            ids.iter().zip(&known).filter(|(_, k)| **k).map(|(id, _)| *id),
        );
        for lines in [&OutcomeLines::default(), &all, &some] {
            prop_assert_eq!(direct(&e, lines), want.clone());
        }
    }

    #[test]
    fn a_finding_is_written_as_the_pretty_printer_writes_it(
        texts in proptest::collection::vec(TEXT, 10),
        target in proptest::option::of(TEXT),
        suggest in any::<bool>(),
        error in any::<bool>(),
        provenance in provenances(),
    ) {
        let t = |i: usize| texts[i].clone();
        let f = Finding {
            rule: t(0),
            rule_name: t(1).into(),
            element: t(2).into(),
            severity: if error { Severity::Error } else { Severity::Warning },
            item_code: t(3),
            item_name: t(4),
            unit: t(5),
            target,
            message: t(6),
            evidence: t(7),
            // Empty or not (a generated text may be empty as well).
            suggestion: if suggest { t(8).into() } else { "".into() },
            provenance,
        };
        prop_assert_eq!(direct_finding(&f), element(&f));
    }

    #[test]
    fn an_element_is_the_reindented_pretty_text(
        text in TEXT,
        n in 0usize..40,
        fail in any::<bool>(),
        unreadable in any::<bool>(),
        target in proptest::option::of("[a-z「」]{0,6}"),
    ) {
        let ids: Vec<String> = (0..n).map(|i| format!("R{i:02}")).collect();
        let outcome = if fail { Outcome::Fail } else { Outcome::NotApplicable };
        let outcomes: Vec<(&str, Outcome)> = ids.iter().map(|k| (k.as_str(), outcome)).collect();
        let status = if unreadable { ItemStatus::Unreadable } else { ItemStatus::Checked };
        let e = entry(&text, &outcomes, status);
        prop_assert_eq!(element(&e), reindented(&e));
        let f = finding(&text, target);
        prop_assert_eq!(element(&f), reindented(&f));
    }
}
