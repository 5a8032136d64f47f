//! Tests of the generator: reproducible, readable back, clean items pass, defects are caught.

use std::collections::BTreeSet;

use super::*;
use crate::model::Provenance;
use crate::model::Severity;
use crate::rules::{CheckContext, REGISTRY, RuleSet};
use crate::source::{Record, json::parse_item_line};

fn ndjson(seed: u64, count: u64, defect_rate: f64) -> Vec<u8> {
    let mut out = Vec::new();
    write_ndjson(
        GenOptions {
            seed,
            defect_rate,
            ..GenOptions::default()
        },
        count,
        &mut out,
    )
    .unwrap();
    out
}

#[test]
fn same_seed_same_bytes_other_seed_other_bytes() {
    let a = ndjson(7, 200, 0.3);
    assert_eq!(a, ndjson(7, 200, 0.3));
    assert_ne!(a, ndjson(8, 200, 0.3));
    // Item i does not depend on the count: a shorter run is a prefix.
    let short = ndjson(7, 50, 0.3);
    assert!(a.starts_with(&short));
    assert_eq!(String::from_utf8(a).unwrap().lines().count(), 200);
}

#[test]
fn items_read_back_through_the_json_reader() {
    let opts = GenOptions {
        seed: 3,
        defect_rate: 0.5,
        ..GenOptions::default()
    };
    let text = String::from_utf8(ndjson(3, 300, 0.5)).unwrap();
    for (i, line) in text.lines().enumerate() {
        let Record::Item(item) = parse_item_line(line, Provenance::row("g.ndjson", i as u64 + 1))
        else {
            panic!("line {} not read back: {line}", i + 1);
        };
        let mut want = generate(opts, i as u64).item;
        want.provenance = Provenance::row("g.ndjson", i as u64 + 1);
        assert_eq!(*item, want, "line {}", i + 1);
    }
}

#[test]
fn items_are_varied_and_well_formed() {
    let opts = GenOptions {
        seed: 5,
        defect_rate: 0.0,
        ..GenOptions::default()
    };
    let (mut units, mut counts, mut charged, mut inter) = (BTreeSet::new(), BTreeSet::new(), 0, 0);
    for i in 0..2000 {
        let item = generate(opts, i).item;
        units.insert(item.subject.clone());
        counts.insert(item.materials.len());
        charged += usize::from(!item.fees.is_empty());
        inter += usize::from(!item.intermediaries.is_empty());
        assert_eq!(item.code.len(), 31, "{}", item.code);
        assert!(item.code.starts_with(&item.subject_code));
        assert_eq!(
            crate::model::code::check_uscc(&item.subject_code),
            Ok(()),
            "{}",
            item.subject_code
        );
        assert!(item.code.ends_with(&item.basic_code));
        assert!(item.region.ends_with(['市', '县', '区']), "{}", item.region);
        let area = crate::reference::area_codes_for_region(&item.region_code);
        assert!(
            item.consult_phone.starts_with(area[0]),
            "{}",
            item.consult_phone
        );
        assert!(item.name.chars().count() >= 4);
    }
    assert!(units.len() > 100, "only {} units", units.len());
    assert_eq!(counts, (1..=15).collect(), "material counts 1–15");
    assert!(charged > 50 && charged < 1000, "charged {charged}");
    assert!(inter > 50 && inter < 1000, "intermediaries {inter}");
}

#[test]
fn item_codes_are_unique() {
    let opts = GenOptions::default();
    let mut seen = std::collections::HashSet::new();
    for i in 0..30_000 {
        let code = generate(opts, i).item.code;
        assert!(seen.insert(code.clone()), "item {i}: code {code} repeats");
    }
}

#[test]
fn defect_rate_is_honoured() {
    let with = (0..4000)
        .filter(|&i| !generate(GenOptions::default(), i).defects.is_empty())
        .count();
    assert!(
        (1000..1400).contains(&with),
        "{with} of 4000 items with defects"
    );
    let none = GenOptions {
        seed: 1,
        defect_rate: 0.0,
        ..GenOptions::default()
    };
    assert!((0..500).all(|i| generate(none, i).defects.is_empty()));
}

#[test]
fn clean_items_pass_every_registered_rule() {
    let rules = RuleSet::default();
    let ctx = CheckContext::default();
    let opts = GenOptions {
        seed: 11,
        defect_rate: 0.0,
        ..GenOptions::default()
    };
    // Per rule: how many findings on clean items, and the first message (empty when all pass).
    let mut by_rule = std::collections::BTreeMap::<String, (usize, String)>::new();
    for i in 0..1000 {
        let item = generate(opts, i).item;
        let r = rules.check_item(&item, "单位", &ctx);
        for f in &r.findings {
            let e = by_rule
                .entry(f.rule.clone())
                .or_insert((0, f.message.clone()));
            e.0 += 1;
        }
    }
    assert!(by_rule.is_empty(), "{by_rule:#?}");
}

#[test]
fn every_defect_kind_is_caught_by_its_rule() {
    let registered: BTreeSet<&str> = REGISTRY.iter().map(|r| r.meta().id).collect();
    for d in Defect::ALL {
        assert!(
            registered.contains(d.rule()),
            "{d:?} is meant for {}, which is not registered",
            d.rule()
        );
    }
    let rules = RuleSet::default();
    let ctx = CheckContext::default();
    let mut seen = std::collections::HashSet::new();
    for i in 0..3000 {
        let g = generate(GenOptions::default(), i);
        let r = rules.check_item(&g.item, "单位", &ctx);
        for d in &g.defects {
            seen.insert(*d);
            let wanted = if *d == Defect::SamePhones {
                Severity::Warning
            } else {
                Severity::Error
            };
            assert!(
                r.findings
                    .iter()
                    .any(|f| f.rule == d.rule() && f.severity == wanted),
                "item {i}: {d:?} not caught by {}: {:?}",
                d.rule(),
                r.findings.iter().map(|f| &f.message).collect::<Vec<_>>()
            );
        }
    }
    let missing: Vec<_> = Defect::ALL.iter().filter(|d| !seen.contains(d)).collect();
    assert!(missing.is_empty(), "never injected: {missing:?}");
}
