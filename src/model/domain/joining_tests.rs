//! Tests of what joins a field's values: separators, joining words (或者, 及, 和 …), `+` and a
//! lone 加. The other domain tests are in `tests.rs` and `service_object_tests.rs`.

use super::{Domain, parse_domain};

fn labels(d: Domain, t: &str) -> (Vec<&'static str>, Vec<String>) {
    let v = parse_domain(d, t);
    (v.values.iter().map(|v| v.label).collect(), v.unknown)
}

/// 服务对象 as clerks and laws write it: joined by 或者/或/及/以及/和/与, ending in 等, and
/// 企事业单位 for 企业 and 事业单位 (h1 problem 2).
#[test]
fn joining_words_split_values() {
    for (t, want) in [
        // 《行政许可法》第二条.
        (
            "公民、法人或者其他组织",
            &["自然人", "法人", "其他组织"][..],
        ),
        ("法人或其他组织", &["法人", "其他组织"]),
        ("自然人及法人", &["自然人", "法人"]),
        ("自然人以及社会组织", &["自然人", "社会组织法人"]),
        ("自然人与企业法人", &["自然人", "企业法人"]),
        ("自然人、企业法人等", &["自然人", "企业法人"]),
        ("自然人、企业法人等。", &["自然人", "企业法人"]),
        ("机关、企事业单位", &["行政机关", "法人", "事业法人"]),
        ("机关、企、事业单位", &["行政机关", "法人", "事业法人"]),
        // The 民法典's kinds of person (h32: 对外贸易经营者备案, 使用林地审核, 林木采伐).
        ("自然人、法人、非法人组织", &["自然人", "法人", "其他组织"]),
        (
            "企业法人、事业法人、行政机关、农民专业合作社",
            &["企业法人", "事业法人", "行政机关", "法人"],
        ),
        ("自然人、农村集体经济组织", &["自然人", "法人"]),
        ("农户", &["自然人"]),
        ("村民委员会、居民委员会", &["法人"]),
        ("村（居）民委员会", &["法人"]),
        ("民办非企业单位、基金会", &["社会组织法人"]),
        ("个人独资企业、合伙企业", &["非法人企业"]),
        ("营利法人、非营利法人、特别法人", &["企业法人", "法人"]),
    ] {
        assert_eq!(
            labels(Domain::ServiceObject, t),
            (want.to_vec(), Vec::new()),
            "{t:?}"
        );
    }
    assert_eq!(
        labels(Domain::HandlingType, "承诺件或即办件"),
        (vec!["承诺件", "即办件"], Vec::new())
    );
}

/// `+`, `＋` and a lone 加 join values as `/` and `；` do (h25 问题4: `承诺件+上报件`); 加 inside
/// a word is no joiner, and the word is reported whole.
#[test]
fn plus_and_jia_join_values() {
    for t in [
        "承诺件+上报件",
        "承诺件＋上报件",
        "承诺件 + 上报件",
        "承诺件加上报件",
        "承诺件/上报件",
        "承诺件；上报件",
    ] {
        assert_eq!(
            labels(Domain::HandlingType, t),
            (vec!["承诺件", "上报件"], Vec::new()),
            "{t:?}"
        );
    }
    for t in ["承诺件+即办件", "承诺件加即办件", "即办件＋承诺件"] {
        let (mut values, unknown) = labels(Domain::HandlingType, t);
        values.sort_unstable();
        assert_eq!(
            (values, unknown),
            (vec!["即办件", "承诺件"], Vec::new()),
            "{t:?}"
        );
    }
    assert_eq!(
        labels(Domain::HandlingType, "即办件+联办件+上报件"),
        (vec!["即办件", "联办件", "上报件"], Vec::new())
    );
    assert_eq!(
        labels(Domain::ServiceObject, "自然人+企业法人"),
        (vec!["自然人", "企业法人"], Vec::new())
    );
    // Not a joiner: 加 in a word, at an end, or beside no value.
    assert_eq!(
        parse_domain(Domain::ServiceObject, "自然人、加工企业").unknown,
        vec!["加工企业".to_owned()]
    );
    assert_eq!(
        parse_domain(Domain::HandlingType, "承诺件加急").unknown,
        vec!["承诺件加急".to_owned()]
    );
    assert_eq!(
        parse_domain(Domain::HandlingType, "普通件+上报件").unknown,
        vec!["普通件".to_owned()]
    );
}
