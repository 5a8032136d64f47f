//! The stable fingerprint of a finding: the key that says "the same problem as last night".

use crate::model::Finding;
use crate::model::text::to_halfwidth;

/// Evidence as compared between runs: full-width folded to half-width, whitespace runs collapsed
/// to one space, trimmed. `０５６６－２０２１２３４ ` and `0566-2021234` are the same evidence.
pub fn normalize_evidence(s: &str) -> String {
    to_halfwidth(s)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// 问题指纹 — 16 hex digits of SHA-256 over (考核单位, 实施编码, element, rule id, target,
/// normalised evidence), each part normalised like the evidence.
///
/// The target (e.g. `咨询电话` / `监督电话`) is included besides the parts the issue lists because
/// one rule can find the same text wrong in two places of one item (B15: both numbers `2021234`
/// lack an area code); without it those two findings would share a fingerprint. Message wording,
/// severity, suggestion and provenance are left out on purpose: rewording a message, changing a
/// severity in configuration or moving a row in the export does not make a problem new.
pub fn fingerprint(f: &Finding) -> String {
    fingerprint_in(f, &f.unit)
}

/// The [`fingerprint`] `f` would have under the 考核单位 `unit`: the history finds a problem of an
/// item that moved to another unit (a unit renamed) by it.
pub(crate) fn fingerprint_in(f: &Finding, unit: &str) -> String {
    let target = f.target.as_deref().unwrap_or_default();
    let parts = [
        unit,
        f.item_code.as_str(),
        f.element.as_ref(),
        f.rule.as_str(),
        target,
        f.evidence.as_str(),
    ];
    let mut text = String::new();
    for p in parts {
        text.push_str(&normalize_evidence(p));
        text.push('\u{1f}');
    }
    super::hex_sha256(text.as_bytes(), 16)
}

/// Whether `s` has the form of a fingerprint: 16 lower-case hex digits.
pub(crate) fn is_fingerprint(s: &str) -> bool {
    s.len() == 16 && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Provenance, Severity};

    fn finding(evidence: &str) -> Finding {
        Finding {
            rule: "B15".into(),
            rule_name: "phone-accuracy".into(),
            element: "电话准确性".into(),
            severity: Severity::Error,
            item_code: "11341700MB1234567X3000101001000".into(),
            item_name: "食品经营许可".into(),
            unit: "池州市市场监督管理局".into(),
            target: Some("咨询电话".into()),
            message: format!("咨询电话缺少区号: \"{evidence}\""),
            evidence: evidence.into(),
            suggestion: "".into(),
            provenance: Provenance::record("night1.json", 1),
        }
    }

    #[test]
    fn full_width_and_spaces_do_not_change_the_fingerprint() {
        let a = fingerprint(&finding("2021234"));
        assert!(is_fingerprint(&a), "{a}");
        assert!(!is_fingerprint("3F9C0A1B2C3D4E5F"));
        assert!(!is_fingerprint("3f9c0a1b"));
        assert_eq!(a, fingerprint(&finding("２０２１２３４")));
        assert_eq!(a, fingerprint(&finding("  2021234 ")));
        assert_eq!(
            normalize_evidence("0566 －\u{3000} 2021234"),
            "0566 - 2021234"
        );
    }

    #[test]
    fn wording_severity_and_place_do_not_matter_but_identity_does() {
        let base = finding("2021234");
        let a = fingerprint(&base);
        let mut moved = base.clone();
        moved.provenance = Provenance::record("night2.json", 7);
        moved.message = "咨询电话没有区号".into();
        moved.severity = Severity::Warning;
        assert_eq!(a, fingerprint(&moved));
        for change in [
            |f: &mut Finding| f.unit = "贵池区".into(),
            |f: &mut Finding| f.item_code = "11341700MB1234567X3000101002000".into(),
            |f: &mut Finding| f.rule = "B13".into(),
            |f: &mut Finding| f.target = Some("监督电话".into()),
            |f: &mut Finding| f.evidence = "2021235".into(),
        ] {
            let mut other = base.clone();
            change(&mut other);
            assert_ne!(a, fingerprint(&other), "{other:?}");
        }
    }

    /// Every finding of a run has its own fingerprint: two checks of one rule that quote the same
    /// text (B08's depth conflict and missing reason both quote the count "1") tell their problems
    /// apart by target. Were two the same, the history would merge them: one fixed and the other
    /// not would count as nothing fixed. Checked over generated items with many defects.
    #[test]
    fn no_two_findings_of_a_run_share_a_fingerprint() {
        use std::collections::HashMap;

        use crate::r#gen::{GenOptions, generate};
        use crate::rules::{CheckContext, RuleSet};

        let opts = GenOptions {
            seed: 13,
            defect_rate: 0.8,
            ..GenOptions::default()
        };
        let rules = RuleSet::default();
        let ctx = CheckContext::default();
        let mut seen: HashMap<String, Finding> = HashMap::new();
        let mut findings = 0;
        for i in 0..3000 {
            let item = generate(opts, i).item;
            for f in rules.check_item(&item, "贵池区", &ctx).findings {
                findings += 1;
                if let Some(first) = seen.insert(fingerprint(&f), f.clone()) {
                    panic!("two findings share a fingerprint:\n{first:#?}\n{f:#?}");
                }
            }
        }
        assert!(findings > 3000, "{findings} findings");
    }
}
