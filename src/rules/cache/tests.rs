//! The cache changes no verdict: every rule's declared reads are all it reads, and checking with
//! the cache gives the results checking without it gives, on items that repeat elements.

use super::{Reads, held, set_budget};
use crate::r#gen::{GenOptions, generate};
use crate::model::list::sharing_parsed;
use crate::model::{Item, Material};
use crate::rules::{
    CheckContext, REGISTRY, RuleParams, RuleSet, b04_item_code, g01_required_placeholder,
    g03_malformed_url, q01_faq,
};

/// Every item of the rule fixtures (`fixtures/rules/*.json`, passing and failing cases) and 240
/// generated items, more than half of them with defects.
fn corpus() -> Vec<Item> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/rules");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    let mut items = Vec::new();
    for path in paths {
        let text = std::fs::read_to_string(&path).unwrap();
        let file: serde_json::Value = serde_json::from_str(&text).unwrap();
        for case in ["pass", "fail"]
            .iter()
            .flat_map(|k| file[k].as_array().unwrap())
        {
            items.push(serde_json::from_value(case["item"].clone()).unwrap());
        }
    }
    assert!(items.len() > 300, "{} fixture items", items.len());
    let opts = GenOptions {
        seed: 11,
        defect_rate: 0.6,
        ..GenOptions::default()
    };
    items.extend((0..240).map(|i| generate(opts, i).item));
    items
}

/// Three other items of the corpus for item `i`, spread over it.
fn partners(i: usize, n: usize) -> [usize; 3] {
    [(i + 1) % n, (i * 7 + 3) % n, (i * 13 + n / 2) % n]
}

/// Everything a cached result is keyed by: each rule's reads and the reads of the partial results
/// ([`super::memo`]) of G01, G03, Q01 and B04.
fn all_reads() -> Vec<(&'static str, Reads)> {
    REGISTRY
        .iter()
        .filter_map(|r| r.reads().map(|reads| (r.meta().id, reads)))
        .chain([
            ("Q01 shared", q01_faq::SHARED_READS),
            ("Q01 FAQs", q01_faq::FAQ_READS),
            ("Q01 catalogue", q01_faq::CATALOGUE_READS),
            ("Q01 fees", q01_faq::FEE_READS),
            ("B04 body", b04_item_code::BODY_READS),
            ("G03 shared", g03_malformed_url::SHARED_READS),
            ("G03 body", g03_malformed_url::BODY_READS),
            ("G01 shared", g01_required_placeholder::SHARED_READS),
        ])
        .collect()
}

#[test]
fn a_rule_reads_nothing_but_what_it_declares() {
    // Item `b` with `a`'s declared elements gets `a`'s verdict: whatever else `b` holds does not
    // count. A rule that read an undeclared element would differ on some pair (the fixtures vary
    // the elements each rule reads, the generated items every element).
    let items = corpus();
    let ctx = CheckContext::default();
    let mut declared = 0;
    for rule in REGISTRY {
        let Some(reads) = rule.reads() else { continue };
        declared += 1;
        for (i, a) in items.iter().enumerate() {
            let want = rule.check(a, &ctx);
            for j in partners(i, items.len()) {
                let mut mixed = items[j].clone();
                reads.copy(a, &mut mixed);
                assert_eq!(
                    rule.check(&mixed, &ctx),
                    want,
                    "{}: item {i} with item {j}'s other elements",
                    rule.meta().id
                );
            }
        }
    }
    // G02, G03 and B04 read elements unique to each item (every text, links, 实施编码); G01, G03
    // and Q01 share a part only (see `all_reads`): all others declare.
    assert_eq!(declared, REGISTRY.len() - 5);
}

/// Each item, then for every key of the cache an item that repeats exactly those elements of it
/// (the others from another item): a sequence with as much sharing as the keys allow.
fn sequence() -> Vec<Item> {
    let items = corpus();
    let mut sequence = Vec::new();
    for (i, a) in items.iter().enumerate() {
        sequence.push(a.clone());
        for (k, (_, reads)) in all_reads().into_iter().enumerate() {
            let mut mixed = items[partners(i, items.len())[k % 3]].clone();
            reads.copy(a, &mut mixed);
            sequence.push(mixed);
        }
    }
    sequence
}

#[test]
fn checking_with_the_cache_gives_the_same_results() {
    let sequence = sequence();
    let ctx = CheckContext::default();
    let plain = RuleSet::default().sharing_verdicts(false);
    let cached = RuleSet::default();
    let (.., hits_before) = held();
    // Checked in batches of several sizes (rule by rule over a batch, as `check` does): an item
    // and those that repeat its elements fall in one batch (a result kept for one item of the
    // batch is found by a later one) or in different ones. Each item's results are those of the
    // item checked alone without the cache, with the cache and without.
    let mut at = 0;
    for size in [1, 16, 7, 3, 41].into_iter().cycle() {
        if at >= sequence.len() {
            break;
        }
        let batch = &sequence[at..(at + size).min(sequence.len())];
        let items: Vec<(&Item, &str)> = batch.iter().map(|item| (item, "单位")).collect();
        let (shared, unshared) = (
            cached.check_items(&items, &ctx),
            plain.check_items(&items, &ctx),
        );
        assert_eq!(shared.len(), batch.len());
        for (k, ((item, a), b)) in batch.iter().zip(shared).zip(unshared).enumerate() {
            let alone = plain.check_item(item, "单位", &ctx);
            assert_eq!(a, alone, "item {} of the sequence: {}", at + k, item.name);
            assert_eq!(b, alone, "item {} of the sequence: {}", at + k, item.name);
        }
        at += size;
    }
    let (.., hits) = held();
    // Most lookups of the mixed items share a result; without sharing the test proves nothing.
    assert!(
        hits - hits_before > sequence.len() as u64,
        "{} results shared over {} items",
        hits - hits_before,
        sequence.len()
    );
}

#[test]
fn lists_shared_when_parsed_give_the_same_results() {
    // The sequence as NDJSON lines, parsed as the streaming check parses them: a list repeated
    // from an earlier line comes with its key, which the cache takes for the list's id.
    let lines: Vec<String> = sequence()
        .iter()
        .map(|item| serde_json::to_string(item).unwrap())
        .collect();
    let ctx = CheckContext::default();
    let plain = RuleSet::default().sharing_verdicts(false);
    let cached = RuleSet::default();
    let (.., hits_before) = held();
    // Only a line that lists materials can share them: fixtures for other rules list none, so
    // the share is counted among the lines that do.
    let (mut keyed, mut listing) = (0, 0);
    for (n, line) in lines.iter().enumerate() {
        let shared: Item = sharing_parsed(true, || serde_json::from_str(line)).unwrap();
        let unshared: Item = serde_json::from_str(line).unwrap();
        keyed += usize::from(shared.materials.key().is_some());
        listing += usize::from(!shared.materials.is_empty());
        assert_eq!(
            cached.check_item(&shared, "单位", &ctx),
            plain.check_item(&unshared, "单位", &ctx),
            "line {n} of the sequence: {}",
            shared.name
        );
    }
    let (.., hits) = held();
    assert!(
        keyed * 2 > listing,
        "{keyed} of {listing} lines that list materials keyed"
    );
    assert!(
        hits - hits_before > lines.len() as u64,
        "{} results shared over {} items",
        hits - hits_before,
        lines.len()
    );
}

/// An item whose Q01 and M06 verdicts depend on the parameters: three FAQs, a PDF blank form.
fn item_for_params() -> Item {
    let mut item = generate(
        GenOptions {
            seed: 3,
            defect_rate: 0.0,
            ..GenOptions::default()
        },
        0,
    )
    .item;
    item.faqs.truncate(3);
    item.materials = vec![Material {
        name: "食品经营许可申请书".to_owned(),
        blank_form: "https://www.ahzwfw.gov.cn/files/form/申请书.pdf".to_owned(),
        ..Material::default()
    }]
    .into();
    item
}

#[test]
fn a_context_with_other_parameters_does_not_reuse_results() {
    let item = item_for_params();
    let rules = RuleSet::only(&["Q01", "M06"]);
    let default = CheckContext::default();
    let strict = CheckContext::new(RuleParams {
        faq_min_count: 4,
        non_editable_form_extensions: Vec::new(),
        ..RuleParams::default()
    });
    for _ in 0..2 {
        let a = rules.check_item(&item, "单位", &default);
        let b = rules.check_item(&item, "单位", &strict);
        let q01 = |r: &crate::rules::ItemResult| r.findings.iter().any(|f| f.rule == "Q01");
        let m06 = |r: &crate::rules::ItemResult| r.findings.iter().any(|f| f.rule == "M06");
        assert!(
            !q01(&a) && q01(&b),
            "Q01 counts FAQs by each context's minimum"
        );
        assert!(m06(&a) && !m06(&b), "M06 reads each context's extensions");
    }
}

#[test]
fn memory_stays_within_the_budget() {
    // A budget of 256 KB: distinct items fill it many times over; it is emptied each time.
    let budget = 256 << 10;
    set_budget(budget);
    let rules = RuleSet::default();
    let ctx = CheckContext::default();
    let opts = GenOptions {
        seed: 5,
        defect_rate: 0.3,
        ..GenOptions::default()
    };
    let mut most = 0;
    let mut emptied = 0;
    let mut last = 0;
    for i in 0..400 {
        let mut item = generate(opts, i).item;
        // Every element distinct: the worst case for memory.
        let version = format!("（第{i}版）");
        item.conditions.push_str(&version);
        if let Some(faq) = item.faqs.first_mut() {
            faq.answer.push_str(&version);
        }
        rules.check_item(&item, "单位", &ctx);
        let (bytes, ..) = held();
        emptied += usize::from(bytes < last);
        last = bytes;
        most = most.max(bytes);
    }
    set_budget(super::BUDGET);
    assert!(most <= budget, "held {most} bytes, budget {budget}");
    assert!(emptied >= 3, "emptied {emptied} times");
}

#[test]
fn materials_rewritten_by_every_claim_stop_being_stored_and_verdicts_stay() {
    use super::{CACHE, MATERIALS};
    use crate::model::list::WINDOW;
    use std::fmt::Write;
    let cached = RuleSet::only(&["M01", "M08"]);
    let plain = RuleSet::only(&["M01", "M08"]).sharing_verdicts(false);
    let ctx = CheckContext::default();
    let opts = GenOptions {
        seed: 3,
        defect_rate: 0.3,
        ..GenOptions::default()
    };
    let stored = || CACHE.with_borrow(|c| c.slots[MATERIALS as usize].values.len());
    let n = u64::from(WINDOW) + 200;
    let mut stored_at_window = 0;
    for i in 0..n {
        let mut item = generate(opts, i).item;
        // Every claim's own wording of the first material's notes: no list comes back.
        if let Some(m) = item.materials.first_mut() {
            write!(m.notes, "（第{i}版）").unwrap();
        }
        assert_eq!(
            cached.check_item(&item, "单位", &ctx),
            plain.check_item(&item, "单位", &ctx),
            "item {i}"
        );
        if i + 1 == u64::from(WINDOW) {
            stored_at_window = stored();
        }
    }
    assert!(stored_at_window > 0);
    assert_eq!(
        stored(),
        stored_at_window,
        "no list stored after a window without repeats"
    );
}
