//! Tests of the generator: reproducible, readable back, claims copy their 母版 (but for local
//! elements and edits at the set rate), clean items pass, defects are caught.

use std::collections::BTreeSet;

use super::pools::DEPTS;
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
        // 实施主体 is the region's full name and the department's: 池州市 + 市场监督管理局.
        assert!(
            DEPTS
                .iter()
                .any(|d| item.subject == format!("{}{}", item.region, d.name)),
            "{} (region {})",
            item.subject,
            item.region
        );
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
    // Per rule and local edit rate: how many findings on clean items, and the first message
    // (empty when all pass). Rewritten elements (rate 1: all of them) must pass as the masters do.
    let mut by_rule = std::collections::BTreeMap::<String, (usize, String)>::new();
    for local_edit_rate in [0.0, 0.1, 1.0] {
        let opts = GenOptions {
            seed: 11,
            defect_rate: 0.0,
            local_edit_rate,
        };
        for i in 0..1000 {
            let item = generate(opts, i).item;
            let r = rules.check_item(&item, "单位", &ctx);
            for f in &r.findings {
                let e = by_rule
                    .entry(format!("{} (local_edit_rate {local_edit_rate})", f.rule))
                    .or_insert((0, f.message.clone()));
                e.0 += 1;
            }
        }
    }
    assert!(by_rule.is_empty(), "{by_rule:#?}");
}

#[test]
fn every_hours_variant_passes_b10() {
    let rules = RuleSet::default();
    let ctx = CheckContext::default();
    let b10 = |hours: &str| {
        let mut item = generate(GenOptions::default(), 0).item;
        hours.clone_into(&mut item.hours);
        let r = rules.check_item(&item, "单位", &ctx);
        r.findings
            .iter()
            .filter(|f| f.rule == "B10")
            .map(|f| f.message.clone())
            .collect::<Vec<_>>()
    };
    // The rule is live: hours without a time range are caught.
    assert!(!b10("工作日（法定节假日除外）").is_empty());
    assert!(pools::HOURS.len() >= 3);
    for hours in pools::HOURS {
        assert_eq!(b10(hours), Vec::<String>::new(), "{hours}");
    }
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

/// What every claim of a catalogue item shares when it edits nothing: the item without its local
/// elements (实施主体, codes, 区划, 层级, hall, window, hours, phones, URLs) and without the city's
/// agencies.
fn master_view(item: &Item) -> Item {
    let mut m = item.clone();
    for s in [
        &mut m.subject,
        &mut m.subject_code,
        &mut m.code,
        &mut m.region_code,
        &mut m.region,
        &mut m.level,
        &mut m.address,
        &mut m.hours,
        &mut m.consult_phone,
        &mut m.supervise_phone,
        &mut m.online_url,
        &mut m.guide_url,
    ] {
        s.clear();
    }
    for inter in &mut m.intermediaries {
        inter.agencies.clear();
    }
    m
}

/// Items `0..count` grouped by 基本编码 (the catalogue item claimed).
fn claims(opts: GenOptions, count: u64) -> std::collections::BTreeMap<String, Vec<Item>> {
    let mut by_key = std::collections::BTreeMap::<String, Vec<Item>>::new();
    for i in 0..count {
        let item = generate(opts, i).item;
        by_key
            .entry(item.basic_code.clone())
            .or_default()
            .push(item);
    }
    by_key
}

/// The city of a generated region: its first four digits (`3408` for 安庆市 and its counties).
fn city_of(item: &Item) -> &str {
    &item.region_code[..4]
}

#[test]
fn claims_without_local_edits_copy_the_master() {
    let opts = GenOptions {
        seed: 13,
        defect_rate: 0.0,
        local_edit_rate: 0.0,
    };
    // Three whole rows of 364 items: every catalogue item with all its 26 claims.
    let by_key = claims(opts, 3 * COMBOS.len() as u64);
    assert_eq!(by_key.len(), 3 * TEMPLATES.len());
    let (mut same_city, mut other_city) = (0, 0);
    for (key, group) in &by_key {
        assert_eq!(group.len(), 26, "{key}");
        let first = &group[0];
        let regions: BTreeSet<&str> = group.iter().map(|c| c.region_code.as_str()).collect();
        assert_eq!(regions.len(), 26, "{key}: one claim per region");
        for c in &group[1..] {
            assert_eq!(master_view(c), master_view(first), "{key}: {}", c.subject);
            assert_ne!(c.subject, first.subject, "{key}");
            assert_ne!(c.subject_code, first.subject_code, "{key}");
            assert_ne!(c.address, first.address, "{key}");
            let agencies = |x: &Item| {
                x.intermediaries
                    .iter()
                    .map(|i| i.agencies.clone())
                    .collect::<Vec<_>>()
            };
            if first.intermediaries.is_empty() {
                continue;
            }
            if city_of(c) == city_of(first) {
                same_city += 1;
                assert_eq!(agencies(c), agencies(first), "{key}: the city's agencies");
            } else {
                other_city += 1;
                assert_ne!(
                    agencies(c),
                    agencies(first),
                    "{key}: another city's agencies"
                );
            }
        }
    }
    assert!(same_city > 0 && other_city > 0, "{same_city} {other_city}");
    // Different catalogue items have different masters (the master is not one constant).
    let masters: BTreeSet<String> = by_key
        .values()
        .map(|g| serde_json::to_string(&master_view(&g[0])).unwrap())
        .collect();
    assert_eq!(masters.len(), by_key.len());
}

#[test]
fn a_department_keeps_its_window_and_a_region_its_hours() {
    let opts = GenOptions {
        seed: 19,
        defect_rate: 0.0,
        ..GenOptions::default()
    };
    let mut windows = std::collections::BTreeMap::<(String, String), (String, String)>::new();
    let mut halls = std::collections::BTreeMap::<String, (String, String)>::new();
    for i in 0..5000 {
        let item = generate(opts, i).item;
        let window = (item.address.clone(), item.consult_phone.clone());
        let w = windows
            .entry((item.region_code.clone(), item.subject.clone()))
            .or_insert_with(|| window.clone());
        assert_eq!(*w, window, "item {i}: {}", item.subject);
        let hall = (item.hours.clone(), item.supervise_phone.clone());
        let h = halls
            .entry(item.region_code.clone())
            .or_insert_with(|| hall.clone());
        assert_eq!(*h, hall, "item {i}: {}", item.region);
    }
    // 26 regions × 10 departments, each with its own window and phone.
    assert_eq!(windows.len(), 260);
    let distinct: BTreeSet<_> = windows.values().collect();
    assert_eq!(distinct.len(), 260);
    let phones: BTreeSet<_> = windows.values().map(|w| &w.1).collect();
    assert_eq!(phones.len(), 260);
    assert_eq!(halls.len(), 26);
    let hours: BTreeSet<_> = halls.values().map(|h| &h.0).collect();
    assert!(hours.len() >= 3, "{hours:?}");
}

#[test]
fn full_local_edits_leave_claims_of_a_catalogue_item_different() {
    let opts = GenOptions {
        seed: 13,
        defect_rate: 0.0,
        local_edit_rate: 1.0,
    };
    let (mut pairs, mut differ) = (0, 0);
    for group in claims(opts, 2 * COMBOS.len() as u64).values() {
        for (k, a) in group.iter().enumerate() {
            for b in &group[k + 1..] {
                pairs += 1;
                differ += usize::from(a.materials != b.materials || a.conditions != b.conditions);
            }
        }
    }
    assert_eq!(pairs, 2 * TEMPLATES.len() * 26 * 25 / 2);
    assert!(differ * 10 >= pairs * 9, "{differ} of {pairs} pairs differ");
}

/// The element groups a claim may rewrite: 受理条件, 申请材料, 办理流程 with 承诺办结时限, 常见问题.
fn edited_groups(claim: &Item, master: &Item) -> [bool; 4] {
    [
        claim.conditions != master.conditions,
        claim.materials != master.materials,
        claim.steps != master.steps || claim.promised_limit != master.promised_limit,
        claim.faqs != master.faqs,
    ]
}

#[test]
fn local_edit_rate_is_the_share_of_rewritten_elements() {
    let base = GenOptions {
        seed: 17,
        defect_rate: 0.0,
        local_edit_rate: 0.0,
    };
    let days = |t: &str| -> usize { t.trim_end_matches("个工作日").parse().unwrap() };
    let n = 10 * COMBOS.len() as u64;
    for rate in [0.1, 0.3, 1.0] {
        let opts = GenOptions {
            local_edit_rate: rate,
            ..base
        };
        let mut per_group = [0usize; 4];
        for i in 0..n {
            let claim = generate(opts, i).item;
            let master = generate(base, i).item;
            let edited = edited_groups(&claim, &master);
            for (count, e) in per_group.iter_mut().zip(edited) {
                *count += usize::from(e);
            }
            // A claim promises no more than the master; nothing outside the four groups changes.
            assert!(days(&claim.promised_limit) <= days(&master.promised_limit));
            let mut rest = claim.clone();
            rest.conditions.clone_from(&master.conditions);
            rest.materials.clone_from(&master.materials);
            rest.steps.clone_from(&master.steps);
            rest.promised_limit.clone_from(&master.promised_limit);
            rest.faqs.clone_from(&master.faqs);
            assert_eq!(rest, master, "item {i}");
        }
        let share = per_group.iter().sum::<usize>() as f64 / (4 * n) as f64;
        assert!((share - rate).abs() <= 0.03, "rate {rate}: share {share}");
        for (g, count) in per_group.iter().enumerate() {
            let s = *count as f64 / n as f64;
            assert!((s - rate).abs() <= 0.03, "rate {rate}: group {g} share {s}");
        }
    }
}

#[test]
fn region_order_writes_the_same_items_region_by_region() {
    let opts = GenOptions {
        seed: 5,
        ..GenOptions::default()
    };
    let run = |order: Order, count: u64| -> Vec<Item> {
        (0..count)
            .map(|p| generate(opts, order.index(opts.seed, count, p)).item)
            .collect()
    };
    let runs_of_regions = |items: &[Item]| -> Vec<usize> {
        items
            .chunk_by(|a, b| a.region_code == b.region_code)
            .map(<[Item]>::len)
            .collect()
    };
    let by_code = |mut items: Vec<Item>| {
        items.sort_by(|a, b| a.code.cmp(&b.code));
        items
    };
    // Two whole rows of 364: the same items as in catalogue order, each region's 28 together.
    let by_region = run(Order::Region, 728);
    assert_eq!(runs_of_regions(&by_region), vec![28; 26]);
    assert_eq!(by_code(by_region), by_code(run(Order::Catalogue, 728)));
    // Catalogue order is every region in turn.
    assert!(runs_of_regions(&run(Order::Catalogue, 728)).len() > 26);
    // Any other count: every item once, regions together, 100 / 26 rounded up in each.
    let odd = run(Order::Region, 100);
    assert_eq!(runs_of_regions(&odd), vec![4; 25]);
    let codes: BTreeSet<&str> = odd.iter().map(|i| i.code.as_str()).collect();
    assert_eq!(codes.len(), 100);
    // The NDJSON writer follows the order.
    let mut out = Vec::new();
    write_ndjson_in(opts, 100, Order::Region, &mut out).unwrap();
    let first = String::from_utf8(out)
        .unwrap()
        .lines()
        .next()
        .unwrap()
        .to_owned();
    assert_eq!(first, serde_json::to_string(&odd[0]).unwrap());
}

/// The array holds the NDJSON's items in order, and is valid JSON for any count, none included.
#[test]
fn the_json_array_holds_the_ndjson_items() {
    for count in [0, 1, 7] {
        let opts = GenOptions {
            seed: 5,
            ..GenOptions::default()
        };
        let mut array = Vec::new();
        write_json_array_in(opts, count, Order::Region, &mut array).unwrap();
        let mut lines = Vec::new();
        write_ndjson_in(opts, count, Order::Region, &mut lines).unwrap();
        let elements: Vec<serde_json::Value> = serde_json::from_slice(&array).unwrap();
        let items: Vec<serde_json::Value> = lines
            .split(|&b| b == b'\n')
            .filter(|l| !l.is_empty())
            .map(|l| serde_json::from_slice(l).unwrap())
            .collect();
        assert_eq!(elements, items, "{count} items");
        assert_eq!(elements.len() as u64, count);
    }
}
