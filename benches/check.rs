//! Per-item cost of the check, single-threaded: the parse-only floor (serde_json into the model),
//! parse + every registered rule, and each rule alone. Items come from the seeded generator
//! (`zwfw_audit::gen`, defect rate 0.3), so runs are comparable. Rules are taken from the
//! registry at run time: new rules are measured without touching this file.
//!
//! Also the XLSX read throughput (`xlsx_read`: the same items as an export workbook).
//!
//! Run: `cargo bench --bench check`. Whole-process figures (2 threads, peak RSS) are in
//! BENCHMARKS.md.

use std::sync::LazyLock;

use divan::counter::{BytesCount, ItemsCount};
use divan::{Bencher, black_box};
use zwfw_audit::r#gen::sheets::write_xlsx;
use zwfw_audit::r#gen::{GenOptions, generate};
use zwfw_audit::model::Item;
use zwfw_audit::rules::{CheckContext, REGISTRY, RuleSet};
use zwfw_audit::source::{Record, read_inputs};
use zwfw_audit::unit::default_unit;

const ITEMS: usize = 1000;

/// `ITEMS` generated items as NDJSON lines.
static LINES: LazyLock<Vec<String>> = LazyLock::new(|| {
    let opts = GenOptions {
        seed: 20_261_129,
        defect_rate: 0.3,
        ..GenOptions::default()
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

/// The same items as a platform-style export workbook (`gen --format xlsx`), written once.
static XLSX: LazyLock<(tempfile::TempDir, std::path::PathBuf, u64)> = LazyLock::new(|| {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("items.xlsx");
    let items: Vec<Item> = PARSED.clone();
    write_xlsx(&items, "bench", &path).expect("write xlsx");
    let size = std::fs::metadata(&path).expect("size").len();
    (dir, path, size)
});

/// XLSX read throughput: the workbook into items (calamine, header matching, sub-tables joined
/// by 实施编码), no rules. Bytes are the compressed file's.
#[divan::bench(sample_count = 10)]
fn xlsx_read(b: Bencher) {
    let (_, path, size) = &*XLSX;
    let paths = vec![path.clone()];
    b.counter(ItemsCount::new(ITEMS))
        .counter(BytesCount::new(
            usize::try_from(*size).unwrap_or(usize::MAX),
        ))
        .bench(|| {
            let mut items = 0usize;
            read_inputs(black_box(&paths), &mut |r| {
                items += usize::from(matches!(r, Record::Item(_)));
            });
            assert_eq!(items, ITEMS);
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
