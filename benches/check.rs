//! Per-item cost of the check, single-threaded: the parse-only floor (serde_json into the model),
//! parse + every registered rule, and each rule alone. Items come from the seeded generator
//! (`zwfw_audit::gen`, defect rate 0.3), so runs are comparable. Rules are taken from the
//! registry at run time: new rules are measured without touching this file.
//!
//! Run: `cargo bench --bench check`. Whole-process figures (2 threads, peak RSS) are in
//! BENCHMARKS.md.

use std::sync::LazyLock;

use divan::counter::{BytesCount, ItemsCount};
use divan::{Bencher, black_box};
use zwfw_audit::r#gen::{GenOptions, generate};
use zwfw_audit::model::Item;
use zwfw_audit::rules::{CheckContext, REGISTRY, RuleSet};
use zwfw_audit::unit::default_unit;

const ITEMS: usize = 1000;

/// `ITEMS` generated items as NDJSON lines.
static LINES: LazyLock<Vec<String>> = LazyLock::new(|| {
    let opts = GenOptions {
        seed: 20_261_129,
        defect_rate: 0.3,
    };
    (0..ITEMS as u64)
        .map(|i| serde_json::to_string(&generate(opts, i).item).expect("serialise"))
        .collect()
});

static PARSED: LazyLock<Vec<Item>> = LazyLock::new(|| {
    LINES
        .iter()
        .map(|l| serde_json::from_str(l).expect("parse"))
        .collect()
});

fn bytes() -> usize {
    LINES.iter().map(|l| l.len() + 1).sum()
}

fn main() {
    let ids: Vec<&str> = REGISTRY.iter().map(|r| r.meta().id).collect();
    eprintln!(
        "{} generated items, {:.0} bytes/item; registered rules ({}): {}",
        ITEMS,
        bytes() as f64 / ITEMS as f64,
        ids.len(),
        ids.join(" ")
    );
    divan::main();
}

/// The floor: serde_json from the NDJSON line into the model, nothing else.
#[divan::bench(sample_count = 30)]
fn parse_only(b: Bencher) {
    let lines = &*LINES;
    b.counter(ItemsCount::new(ITEMS))
        .counter(BytesCount::new(bytes()))
        .bench(|| {
            for l in lines {
                black_box(serde_json::from_str::<Item>(black_box(l)).expect("parse"));
            }
        });
}

/// What the check does per item: parse, find the unit, run every registered rule.
#[divan::bench(sample_count = 30)]
fn parse_and_rules(b: Bencher) {
    let lines = &*LINES;
    let rules = RuleSet::default();
    let ctx = CheckContext::default();
    b.counter(ItemsCount::new(ITEMS))
        .counter(BytesCount::new(bytes()))
        .bench(|| {
            for l in lines {
                let item: Item = serde_json::from_str(black_box(l)).expect("parse");
                let unit = default_unit(&item);
                black_box(rules.check_item(&item, &unit.name, &ctx));
            }
        });
}

/// Every registered rule alone, on parsed items: where the time goes when the ratio is high.
#[divan::bench(sample_count = 20, args = REGISTRY.iter().map(|r| r.meta().id))]
fn one_rule(b: Bencher, id: &str) {
    let items = &*PARSED;
    let rules = RuleSet::only(&[id]);
    let ctx = CheckContext::default();
    b.counter(ItemsCount::new(ITEMS)).bench(|| {
        for item in items {
            black_box(rules.check_item(item, "单位", &ctx));
        }
    });
}
