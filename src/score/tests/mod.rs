//! Scoring tests over reports built in code: hand-computed rates, scores and completeness, the
//! n/a and appendix rules (here); reproducible samples and their file round trip (`sampling`);
//! review, mapping and configuration files (`files`).

use std::collections::BTreeSet;

use super::compute::{ScoreOptions, score_units, tally_items};
use super::units::UnitMapping;
use super::{RateKind, UnitScore};
use crate::model::{Finding, Outcome, Provenance, Severity};
use crate::report::{ItemEntry, ItemStatus, Report, RuleInfo, SCHEMA_VERSION, Summary};
use crate::unit::UnitKind;

mod files;
mod intervals;
mod review;
mod sampling;

use Outcome::{Fail, NotApplicable as Na, Pass};

pub(super) const DEPT: &str = "池州市市场监督管理局";
pub(super) const COUNTY: &str = "贵池区";

/// A placeholder 实施编码 that real exports give several items, and the names of three items of a
/// department that share it: told apart only by name.
pub(super) const PLACEHOLDER: &str = "1111111111111111";
pub(super) const NAMESAKES: [&str; 3] = [
    "食品经营许可（新办）",
    "食品经营许可（变更）",
    "食品经营许可（延续）",
];

pub(super) fn rule(id: &str, appendix: bool) -> RuleInfo {
    RuleInfo {
        id: id.into(),
        name: format!("rule-{id}"),
        element: "咨询电话".into(),
        category: if appendix {
            "基本信息"
        } else {
            "通用检查"
        }
        .into(),
        appendix,
        severity: Severity::Error,
    }
}

pub(super) fn item(
    unit: &str,
    kind: UnitKind,
    code: &str,
    item_type: &str,
    out: &[(&str, Outcome)],
) -> ItemEntry {
    ItemEntry {
        code: code.into(),
        name: format!("事项{code}"),
        unit: unit.into(),
        unit_kind: kind,
        item_type: item_type.into(),
        subject: unit.into(),
        region_code: String::new(),
        provenance: Provenance::record("items.json", 1),
        status: ItemStatus::Checked,
        reason: None,
        outcomes: out.iter().map(|&(r, o)| (r.to_owned().into(), o)).collect(),
        errors: 0,
        warnings: 0,
        waived: 0,
    }
}

pub(super) fn finding(it: &ItemEntry, rule: &str, evidence: &str, severity: Severity) -> Finding {
    Finding {
        rule: rule.into(),
        rule_name: format!("rule-{rule}").into(),
        element: "咨询电话".into(),
        severity,
        item_code: it.code.clone(),
        item_name: it.name.clone(),
        unit: it.unit.clone(),
        target: None,
        message: format!("问题: \"{evidence}\""),
        evidence: evidence.into(),
        suggestion: "".into(),
        provenance: it.provenance.clone(),
    }
}

pub(super) fn report(items: Vec<ItemEntry>, findings: Vec<Finding>) -> Report {
    let mut r = Report {
        schema_version: SCHEMA_VERSION,
        tool_version: "test".into(),
        run_id: "t".into(),
        generated_at: "2026-11-28T00:00:00Z".into(),
        inputs: vec!["items.json".into()],
        rules: vec![
            rule("B13", true),
            rule("B14", true),
            rule("B15", true),
            rule("G01", false),
        ],
        summary: Summary::default(),
        items,
        findings,
        notices: Vec::new(),
        scores: Vec::new(),
        history: None,
        review: None,
        replies: Vec::new(),
        sample: None,
        scoring_notices: Vec::new(),
        scoring_settings: None,
    };
    r.summarize();
    r
}

/// The hand-computed fixture (see `rates_scores_and_completeness_by_hand`).
pub(crate) fn fixture() -> Report {
    use UnitKind::{County, Department};
    let d = |code, out: &[(&str, Outcome)]| item(DEPT, Department, code, "行政许可", out);
    let i1 = d(
        "D1",
        &[("B13", Pass), ("B14", Fail), ("B15", Na), ("G01", Fail)],
    );
    let i2 = d("D2", &[("B13", Fail), ("B14", Fail), ("B15", Fail)]);
    let i3 = d("D3", &[("B13", Pass), ("B14", Pass), ("B15", Pass)]);
    let i4 = d(
        "D4",
        &[("B13", Na), ("B14", Na), ("B15", Na), ("G01", Fail)],
    );
    let i5 = d("D5", &[("B13", Pass), ("B14", Pass), ("B15", Pass)]);
    let c1 = item(
        COUNTY,
        County,
        "C1",
        "01",
        &[("B13", Fail), ("B14", Fail), ("B15", Pass)],
    );
    let c2 = item(
        COUNTY,
        County,
        "C2",
        "公共服务",
        &[("B13", Fail), ("B14", Pass), ("B15", Na)],
    );
    let e = Severity::Error;
    let findings = vec![
        finding(&i1, "B14", "", e),
        finding(&i1, "G01", "乱码", e),
        finding(&i2, "B13", "12345", e),
        finding(&i2, "B14", "无", e),
        finding(&i2, "B15", "2021234", e),
        finding(&i3, "B15", "0566-2021234", Severity::Warning),
        finding(&i4, "G01", "锟斤拷", e),
        finding(&c1, "B13", "", e),
        finding(&c1, "B14", "暂无", e),
        finding(&c2, "B13", "请登录网站咨询", e),
    ];
    report(vec![i1, i2, i3, i4, i5, c1, c2], findings)
}

pub(super) fn by_unit<'a>(scores: &'a [UnitScore], unit: &str) -> &'a UnitScore {
    scores.iter().find(|s| s.unit == unit).unwrap()
}

pub(super) fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

pub(super) fn opts(rate_kind: RateKind) -> ScoreOptions {
    ScoreOptions {
        rate_kind,
        decimals: 2,
    }
}

#[test]
fn rates_scores_and_completeness_by_hand() {
    let r = fixture();
    let m = UnitMapping::default();
    let el = score_units(&r, &m, None, None, opts(RateKind::Element));
    let d = by_unit(&el, DEPT);
    // appendix checks: D1 2 (B15 n/a, G01 not appendix), D2 3, D3 3, D4 0, D5 3 = 11; failing 1+3 = 4
    assert_eq!(
        (d.items, d.sampled, d.checks, d.failed_checks),
        (5, 5, 11, 4)
    );
    assert_eq!(d.items_with_errors, 2); // D4's G01 error is not an appendix element
    assert!(close(d.rate, 4.0 / 11.0));
    assert!(close(d.score, 8.91)); // 14 × 7/11 = 8.9090…
    assert!(close(d.full_marks, 14.0));
    assert_eq!(d.completeness, None); // 附件2 rows 11–12 are for 县区 only
    // a census has no sampling error
    assert!(close(d.rate_low, d.rate) && close(d.rate_high, d.rate));
    let c = by_unit(&el, COUNTY);
    assert_eq!((c.checks, c.failed_checks, c.items_with_errors), (5, 3, 2));
    assert!(close(c.score, 3.2)); // 8 × (1 − 3/5)
    let comp = c.completeness.as_ref().unwrap();
    // C1 (权力事项) misses B13 ("") and B14 ("暂无"); C2's B13 has text, so nothing missing
    assert_eq!((comp.power_missing, comp.public_missing), (2, 0));
    assert!(close(comp.power_points, 0.3) && close(comp.public_points, 0.5));

    let it = score_units(&r, &m, None, None, opts(RateKind::Item));
    let d = by_unit(&it, DEPT);
    assert!(close(d.rate, 0.4) && close(d.score, 8.4)); // 2 of 5 items; 14 × 0.6
    let c = by_unit(&it, COUNTY);
    assert!(close(c.rate, 1.0) && close(c.score, 0.0)); // never below 0
    assert_eq!(c.rate_kind, RateKind::Item);
}

#[test]
fn rounding_follows_the_configured_decimals() {
    let r = fixture();
    let m = UnitMapping::default();
    let zero = ScoreOptions {
        rate_kind: RateKind::Element,
        decimals: 0,
    };
    assert!(close(
        by_unit(&score_units(&r, &m, None, None, zero), DEPT).score,
        9.0
    ));
    let three = ScoreOptions {
        decimals: 3,
        ..zero
    };
    assert!(close(
        by_unit(&score_units(&r, &m, None, None, three), DEPT).score,
        8.909
    ));
}

#[test]
fn not_applicable_and_warnings_never_count() {
    let r = fixture();
    let t = tally_items(&r, &vec![true; r.findings.len()]);
    // D3: warning on B15 but outcome pass → 3 applicable, 0 failed
    assert_eq!((t[2].applicable, t[2].failed), (3, 0));
    // D4: all n/a → nothing applicable
    assert_eq!((t[3].applicable, t[3].failed), (0, 0));
}

#[test]
fn units_without_sampled_items_are_not_scored() {
    let r = fixture();
    let only_c1 = BTreeSet::from([5]);
    let s = score_units(
        &r,
        &UnitMapping::default(),
        Some(&only_c1),
        None,
        opts(RateKind::Item),
    );
    assert_eq!(s.len(), 1);
    assert_eq!(
        (s[0].unit.as_str(), s[0].sampled, s[0].items),
        (COUNTY, 1, 2)
    );
}
