//! Tests of the 服务对象 readings that platforms write beside the standard labels: synonyms
//! (中国公民, 个体户, 国家机关) and a group described in words with its values in brackets
//! (`参保人员（自然人）`). The other domain tests are in `tests.rs`.

use super::{Domain, parse_domain};

fn labels(d: Domain, t: &str) -> (Vec<&'static str>, Vec<String>) {
    let v = parse_domain(d, t);
    (v.values.iter().map(|v| v.label).collect(), v.unknown)
}

/// Synonyms seen on platforms (h33): 中国公民, 内地居民 and 个体户 are 自然人, 国家机关 is 行政机关.
#[test]
fn service_object_synonyms() {
    for (t, want) in [
        ("中国公民", vec!["自然人"]),
        ("内地居民", vec!["自然人"]),
        ("个体户", vec!["自然人"]),
        (
            "企业法人、非法人企业、个体户",
            vec!["企业法人", "非法人企业", "自然人"],
        ),
        ("国家机关", vec!["行政机关"]),
        (
            "国家机关、企事业单位、社会团体",
            vec!["行政机关", "法人", "事业法人", "社会组织法人"],
        ),
    ] {
        let (got, unknown) = labels(Domain::ServiceObject, t);
        assert!(unknown.is_empty(), "{t:?}: {unknown:?}");
        for w in want {
            assert!(got.contains(&w), "{t:?}: {got:?} lacks {w}");
        }
    }
}

/// A 服务对象 group described in words with its values in brackets is those values; without
/// values in brackets it stays unknown (h33).
#[test]
fn a_described_group_with_values_in_brackets() {
    for (t, want) in [
        ("参保人员（自然人）", vec!["自然人"]),
        (
            "医疗保健机构（事业法人、企业法人）",
            vec!["事业法人", "企业法人"],
        ),
        (
            "参保人员（自然人）、参保单位（企业法人、事业法人）",
            vec!["自然人", "企业法人", "事业法人"],
        ),
        (
            "自然人（含个体工商户）、用人单位（企业法人）",
            vec!["自然人", "企业法人"],
        ),
    ] {
        assert_eq!(
            labels(Domain::ServiceObject, t),
            (want, Vec::new()),
            "{t:?}"
        );
    }
    for t in [
        "参保人员",
        "医疗机构",
        "医疗机构（含门诊部）",
        "医疗机构（3）",
        "参保人员（自然人）、群众",
        "参保人员、自然人",
        // h33 regression: a placeholder, catch-all or everyone before the brackets is no group.
        "无（自然人）",
        "暂无（自然人）",
        "其他（自然人）",
        "不限（自然人）",
        "群众（自然人）",
        "所有人（自然人）",
        "全体（企业法人、自然人）",
        "参保人员（自然人）、无（企业法人）",
    ] {
        assert!(
            !parse_domain(Domain::ServiceObject, t).unknown.is_empty(),
            "{t:?} should stay unknown"
        );
    }
    // Only 服务对象: a one-value field is the value.
    assert!(
        !parse_domain(Domain::HandlingType, "普通件（承诺件）")
            .unknown
            .is_empty()
    );
}
