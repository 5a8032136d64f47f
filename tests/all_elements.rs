//! One item that violates every appendix element at once and one that satisfies all of them, read
//! from `fixtures/items/` through the JSON reader and checked by the full pipeline: exactly the
//! appendix rules fail on the first (general rules only warn), and the second has no finding at all.
//!
//! The expected set is computed from `REGISTRY`, so rules registered later (B01–B12) are covered as
//! soon as they are merged; the violating item breaks each of them as the rulebook describes.

use std::collections::BTreeSet;
use std::path::PathBuf;

use zwfw_audit::check::{RunInfo, check_records};
use zwfw_audit::model::{Outcome, Severity};
use zwfw_audit::report::{ItemEntry, Report};
use zwfw_audit::rules::{Category, CheckContext, REGISTRY, RuleSet};
use zwfw_audit::source::{Record, read_inputs};

fn check_fixture(name: &str) -> Report {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/items")
        .join(name);
    let mut records = Vec::new();
    read_inputs(&[path], &mut |r| records.push(r));
    assert!(
        records.iter().all(|r| matches!(r, Record::Item(_))),
        "{name} must read as one item"
    );
    check_records(
        records,
        &RuleSet::default(),
        &CheckContext::default(),
        RunInfo::default(),
    )
}

fn only_item(report: &Report) -> &ItemEntry {
    assert_eq!(report.items.len(), 1, "one item per fixture");
    &report.items[0]
}

fn ids_with(entry: &ItemEntry, outcome: Outcome) -> BTreeSet<String> {
    entry
        .outcomes
        .iter()
        .filter(|(_, o)| **o == outcome)
        .map(|(id, _)| id.to_string())
        .collect()
}

fn appendix_ids() -> BTreeSet<String> {
    REGISTRY
        .iter()
        .map(|r| r.meta())
        .filter(|m| m.is_appendix())
        .map(|m| m.id.to_owned())
        .collect()
}

/// Appendix rules that cannot fail on an item that fails every other element: B15 (电话准确性)
/// checks the area codes of the numbers B13 and B14 leave, and a consultation field of only the
/// 12345 hotline is B13's alone (one defect, one charge: its area code would not make it a
/// consultation number). With both phones failing, B15 has no number to check and does not apply.
const NOT_WITH_ALL_OTHERS: &[&str] = &["B15"];

#[test]
fn the_violating_item_fails_exactly_every_appendix_element() {
    let report = check_fixture("all_violations.json");
    let entry = only_item(&report);
    let failed = ids_with(entry, Outcome::Fail);
    let mut expected = appendix_ids();
    for id in NOT_WITH_ALL_OTHERS {
        assert!(expected.remove(*id), "{id} is no appendix rule");
        assert_eq!(
            entry.outcomes.get(id),
            Some(&Outcome::NotApplicable),
            "{id} on the violating item"
        );
    }
    let missing: Vec<_> = expected.difference(&failed).collect();
    let extra: Vec<_> = failed.difference(&expected).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "appendix rules that did not fail: {missing:?}; rules that failed but are not appendix rules: {extra:?}\nfindings: {:#?}",
        report
            .findings
            .iter()
            .map(|f| format!("{} {:?} {}", f.rule, f.severity, f.message))
            .collect::<Vec<_>>()
    );
    // Every failing element names what is wrong with a finding of severity error.
    for id in &expected {
        assert!(
            report
                .findings
                .iter()
                .any(|f| &f.rule == id && f.severity == Severity::Error),
            "{id} failed without an error finding"
        );
    }
}

#[test]
fn the_violating_item_trips_every_general_rule_as_a_warning() {
    let report = check_fixture("all_violations.json");
    let entry = only_item(&report);
    for meta in REGISTRY
        .iter()
        .map(|r| r.meta())
        .filter(|m| m.category == Category::General)
    {
        let findings: Vec<_> = report
            .findings
            .iter()
            .filter(|f| f.rule == meta.id)
            .collect();
        assert!(
            !findings.is_empty(),
            "general rule {} found nothing on the violating item",
            meta.id
        );
        assert!(
            findings.iter().all(|f| f.severity == Severity::Warning),
            "general rule {} must only warn here: {findings:?}",
            meta.id
        );
        assert_eq!(entry.outcomes.get(meta.id), Some(&Outcome::Pass));
    }
}

#[test]
fn the_violating_item_names_each_failing_material() {
    let report = check_fixture("all_violations.json");
    let targets = |rule: &str| -> BTreeSet<String> {
        report
            .findings
            .iter()
            .filter(|f| f.rule == rule)
            .filter_map(|f| f.target.clone())
            .collect()
    };
    assert_eq!(
        targets("M01"),
        BTreeSet::from(["材料「身份证复印件」".to_owned()])
    );
    assert_eq!(
        targets("M02"),
        BTreeSet::from(["材料「国有建设用地使用权出让合同」".to_owned()])
    );
    assert_eq!(
        targets("M04"),
        BTreeSet::from(["材料「不动产登记申请书」".to_owned()])
    );
    assert_eq!(
        targets("M05"),
        BTreeSet::from(["材料「授权委托书」".to_owned()])
    );
}

#[test]
fn the_clean_item_has_no_finding_and_every_element_applies() {
    let report = check_fixture("clean.json");
    let entry = only_item(&report);
    assert!(
        report.findings.is_empty(),
        "the clean item must have no finding (errors or warnings): {:#?}",
        report
            .findings
            .iter()
            .map(|f| format!("{} {:?} {}", f.rule, f.severity, f.message))
            .collect::<Vec<_>>()
    );
    assert!(ids_with(entry, Outcome::Fail).is_empty());
    // The clean item charges a fee, requires an intermediary and has forms to fill in, so every
    // element of this issue applies and passes (n/a would hide a rule that never ran).
    for meta in REGISTRY.iter().map(|r| r.meta()) {
        let outcome = entry.outcomes.get(meta.id);
        if meta.category == Category::Basic {
            assert_ne!(outcome, Some(&Outcome::Fail), "{}", meta.id);
        } else {
            assert_eq!(
                outcome,
                Some(&Outcome::Pass),
                "{} on the clean item",
                meta.id
            );
        }
    }
    // The report carries an outcome for every registered rule.
    assert_eq!(entry.outcomes.len(), REGISTRY.len());
}

#[test]
fn elements_that_do_not_apply_are_recorded_as_na() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/items/clean.json");
    let mut item: zwfw_audit::model::Item =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    // The same item, free of charge, without intermediary, and with only certificates as
    // materials (nothing for the applicant to fill in, so no blank forms or samples either).
    item.charged = "否".into();
    item.fees.clear();
    item.intermediary = "否".into();
    item.intermediaries.clear();
    item.materials.retain(|m| !m.name.ends_with('书'));
    for m in &mut item.materials {
        m.blank_form.clear();
        m.sample.clear();
    }
    let result =
        RuleSet::default().check_item(&item, "池州市自然资源和规划局", &CheckContext::default());
    for id in ["F02", "F03", "I01", "M04", "M05", "M06", "M07"] {
        assert_eq!(
            result.outcome(id),
            Some(Outcome::NotApplicable),
            "{id} should be n/a"
        );
    }
    for id in ["F01", "M01", "M02", "M03", "M08", "P01", "P02", "Q01"] {
        assert_eq!(result.outcome(id), Some(Outcome::Pass), "{id}");
    }
    assert!(
        result.findings.is_empty(),
        "{:?}",
        result
            .findings
            .iter()
            .map(|f| &f.message)
            .collect::<Vec<_>>()
    );
}
