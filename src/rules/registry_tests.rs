//! Registry tests: every rule is well formed, documented, and has fixtures that behave.
//!
//! Fixtures live in `fixtures/rules/<ID>.json`: `{"rule": "B13", "pass": [case…], "fail": [case…]}`
//! where a case is `{"note": "why", "expect": "substring of a message", "item": {…}}`.

use std::collections::BTreeSet;
use std::path::PathBuf;

use serde::Deserialize;

use super::{CheckContext, REGISTRY, Verdict};
use crate::model::{Item, Severity};

const SECTIONS: [&str; 4] = [
    "## 检查内容 (What it checks)",
    "## 依据 (Why it matters)",
    "## 示例 (Example)",
    "## 整改方法 (How to fix)",
];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FixtureFile {
    rule: String,
    pass: Vec<Case>,
    fail: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    note: String,
    #[serde(default)]
    expect: Option<String>,
    item: Item,
}

fn fixture_path(id: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/rules")
        .join(format!("{id}.json"))
}

#[test]
fn ids_and_names_are_unique_and_well_formed() {
    let mut ids = BTreeSet::new();
    let mut names = BTreeSet::new();
    for r in REGISTRY {
        let m = r.meta();
        assert!(
            ids.insert(m.id),
            "rule id {} is registered twice: give the new rule an unused id",
            m.id
        );
        assert!(
            names.insert(m.name),
            "rule name {} is used twice: rename one of them",
            m.name
        );
        let b = m.id.as_bytes();
        assert!(
            b.len() == 3 && b[0].is_ascii_uppercase() && b[1..].iter().all(u8::is_ascii_digit),
            "rule id {} must be a capital letter and two digits, like B09",
            m.id
        );
        assert!(
            m.name
                .bytes()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-'),
            "rule name {} must be kebab-case",
            m.name
        );
        assert!(
            !m.element.is_empty() && !m.fix.is_empty(),
            "rule {} needs an element and a fix suggestion",
            m.id
        );
    }
}

#[test]
fn every_rule_documents_the_four_sections() {
    for r in REGISTRY {
        let m = r.meta();
        for s in SECTIONS {
            assert!(
                m.docs.contains(s),
                "rule {} lacks the docs section \"{s}\": add it to its doc comment",
                m.id
            );
        }
    }
}

#[test]
fn every_rule_has_fixtures_that_behave() {
    let ctx = CheckContext::default();
    for r in REGISTRY {
        let m = r.meta();
        let path = fixture_path(m.id);
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!(
                "rule {} has no fixtures: create {} ({e})",
                m.id,
                path.display()
            )
        });
        let file: FixtureFile = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("{} is not a valid fixture file: {e}", path.display()));
        assert_eq!(file.rule, m.id, "{} names the wrong rule", path.display());
        assert!(
            file.fail.len() >= 4,
            "rule {} needs at least 4 failing fixtures, has {}",
            m.id,
            file.fail.len()
        );
        assert!(
            file.pass.len() >= 2,
            "rule {} needs at least 2 passing fixtures, has {}",
            m.id,
            file.pass.len()
        );
        for case in &file.pass {
            if let Verdict::Checked(v) = r.check(&case.item, &ctx) {
                let errors: Vec<_> = v
                    .iter()
                    .filter(|v| v.severity != Some(Severity::Warning))
                    .collect();
                assert!(
                    errors.is_empty(),
                    "rule {} fixture \"{}\" should pass but got {errors:?}",
                    m.id,
                    case.note
                );
            }
        }
        for case in &file.fail {
            let Verdict::Checked(v) = r.check(&case.item, &ctx) else {
                panic!(
                    "rule {} fixture \"{}\" should fail but was n/a",
                    m.id, case.note
                )
            };
            assert!(
                !v.is_empty(),
                "rule {} fixture \"{}\" should fail but passed",
                m.id,
                case.note
            );
            if let Some(expect) = &case.expect {
                assert!(
                    v.iter().any(|v| v.message.contains(expect.as_str())),
                    "rule {} fixture \"{}\": no message contains \"{expect}\"; got {:?}",
                    m.id,
                    case.note,
                    v.iter().map(|v| &v.message).collect::<Vec<_>>()
                );
            }
            for v in &v {
                check_message_style(m.id, v);
            }
            check_distinct(m.id, &case.note, &v);
        }
    }
}

/// Two violations of one rule on one item must differ in target or evidence: the nightly history
/// tells problems apart by (unit, item, element, rule, target, evidence), so two problems with the
/// same key would be counted as one.
fn check_distinct(id: &str, note: &str, v: &[super::Violation]) {
    let mut seen = BTreeSet::new();
    for v in v {
        assert!(
            seen.insert((v.target.clone(), v.evidence.clone())),
            "rule {id} fixture \"{note}\": two violations share target {:?} and evidence \"{}\"; set a target naming the part each one is about",
            v.target,
            v.evidence
        );
    }
}

/// A finding is Chinese, quotes its evidence, and does not end with a full stop.
fn check_message_style(id: &str, v: &super::Violation) {
    assert!(
        v.message
            .chars()
            .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
        "rule {id}: message \"{}\" must say in Chinese what is wrong",
        v.message
    );
    if !v.evidence.trim().is_empty() {
        assert!(
            v.message.contains('"'),
            "rule {id}: message \"{}\" must quote the offending text in \"…\"",
            v.message
        );
    }
    assert!(
        !v.message.ends_with('。'),
        "rule {id}: message \"{}\" must not end with 。",
        v.message
    );
}

#[test]
fn outcomes_come_sorted_by_rule_id_whatever_rules_run() {
    // The report and `ItemResult::outcome` rely on the order; the rules run in registry order.
    let item = crate::r#gen::generate(crate::r#gen::GenOptions::default(), 0).item;
    let ctx = CheckContext::default();
    for rules in [
        super::RuleSet::default(),
        super::RuleSet::only(&["Q01", "B13", "M06", "G02", "B04"]),
        super::RuleSet::only(&["P01"]),
    ] {
        let result = rules.check_item(&item, "单位", &ctx);
        let ids: Vec<&str> = result.outcomes.iter().map(|&(id, _)| id).collect();
        let mut want: Vec<&str> = rules.iter().map(|(r, _)| r.meta().id).collect();
        want.sort_unstable();
        assert_eq!(ids, want);
        assert!(want.iter().all(|id| result.outcome(id).is_some()));
    }
}

/// Should not trip Q01 (「未提供常见问题」) or the material rules on an item whose 常见问题 and
/// 申请材料 lists its source could not read (a damaged sheet): those sections do not apply; the
/// same item with the lists read empty fails them. Whether verdicts are shared or not.
#[test]
fn the_rules_of_an_unread_list_do_not_apply() {
    use crate::model::Outcome;
    let mut item = crate::r#gen::generate(crate::r#gen::GenOptions::default(), 0).item;
    item.faqs.clear();
    item.materials.clear();
    let ctx = CheckContext::default();
    for rules in [
        super::RuleSet::only(&["Q01", "M01", "B13"]),
        super::RuleSet::only(&["Q01", "M01", "B13"]).sharing_verdicts(false),
    ] {
        let empty = rules.check_item(&item, "单位", &ctx);
        assert_eq!(empty.outcome("Q01"), Some(Outcome::Fail));
        assert_eq!(empty.outcome("M01"), Some(Outcome::Fail));
        let mut unread = item.clone();
        unread.unread.faqs = true;
        unread.unread.materials = true;
        let result = rules.check_item(&unread, "单位", &ctx);
        assert_eq!(result.outcome("Q01"), Some(Outcome::NotApplicable));
        assert_eq!(result.outcome("M01"), Some(Outcome::NotApplicable));
        assert_eq!(result.outcome("B13"), empty.outcome("B13"));
        assert!(
            result
                .findings
                .iter()
                .all(|f| f.rule != "Q01" && f.rule != "M01")
        );
    }
}

/// Should trip F01 (「未标注是否收费」) on an item whose fee list was not read (an export with no
/// fee table): 是否收费 is the item's own element, read whatever became of the list; F02 and F03,
/// which judge the list, do not apply.
#[test]
fn the_fee_flag_is_checked_when_the_fee_list_is_unread() {
    use crate::model::Outcome;
    let mut item = crate::r#gen::generate(crate::r#gen::GenOptions::default(), 0).item;
    item.fees.clear();
    item.unread.fees = true;
    let ctx = CheckContext::default();
    let rules = super::RuleSet::only(&["F01", "F02", "F03"]);
    item.charged = String::new();
    assert_eq!(
        rules.check_item(&item, "单位", &ctx).outcome("F01"),
        Some(Outcome::Fail)
    );
    item.charged = "是".into();
    let result = rules.check_item(&item, "单位", &ctx);
    assert_eq!(result.outcome("F01"), Some(Outcome::Pass));
    assert_eq!(result.outcome("F02"), Some(Outcome::NotApplicable));
    assert_eq!(result.outcome("F03"), Some(Outcome::NotApplicable));
}
