//! Per-item cost of the check, single-threaded: the parse-only floor (serde_json into the model),
//! parse + every registered rule, and each rule alone. Items come from the seeded generator
//! (`zwfw_audit::gen`, defect rate 0.3, local edit rate 0.1, catalogue order), so runs are
//! comparable. Rules are taken from the registry at run time: new rules are measured without
//! touching this file.
//!
//! `parse_only` and `parse_and_rules` take the next 1,000 items of a pool of 20,000 at every
//! iteration, as a run meets each item once: an iteration over the same 1,000 items again would
//! find every verdict and list already shared by the one before, which no real run does. The
//! caches hold a few thousand items' worth, so nothing is left of a slice when the pool wraps.
//!
//! Also the XLSX read throughput (`xlsx_read`: the same items as an export workbook).
//!
//! Run: `cargo bench --bench check`. Whole-process figures (2 threads, peak RSS) are in
//! BENCHMARKS.md.

use std::sync::LazyLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use divan::counter::{BytesCount, ItemsCount};
use divan::{Bencher, black_box};
use zwfw_audit::check::BATCH;
use zwfw_audit::r#gen::sheets::write_xlsx;
use zwfw_audit::r#gen::{GenOptions, generate};
use zwfw_audit::model::Item;
use zwfw_audit::model::list::sharing_parsed;
use zwfw_audit::rules::{CheckContext, REGISTRY, RuleSet};
use zwfw_audit::source::{Record, read_inputs};
use zwfw_audit::unit::default_unit;

/// Items per iteration.
const ITEMS: usize = 1000;
/// Items generated for `parse_only` and `parse_and_rules` to go through.
const POOL: usize = 20 * ITEMS;

/// `POOL` generated items as NDJSON lines.
static POOL_LINES: LazyLock<Vec<String>> = LazyLock::new(|| {
    let opts = GenOptions {
        seed: 20_261_129,
        defect_rate: 0.3,
        ..GenOptions::default()
    };
    (0..POOL as u64)
        .map(|i| serde_json::to_string(&generate(opts, i).item).expect("serialise"))
        .collect()
});

/// The first `ITEMS` lines of the pool (for `xlsx_read` and `one_rule`).
fn first_lines() -> &'static [String] {
    &POOL_LINES[..ITEMS]
}

/// The next `ITEMS` lines of the pool, going round: each bench keeps its own place.
fn next_lines(place: &AtomicUsize) -> &'static [String] {
    let start = place.fetch_add(ITEMS, Ordering::Relaxed) % POOL;
    &POOL_LINES[start..start + ITEMS]
}

static PARSED: LazyLock<Vec<Item>> = LazyLock::new(|| {
    first_lines()
        .iter()
        .map(|l| serde_json::from_str(l).expect("parse"))
        .collect()
});

/// Bytes of NDJSON the lines are, newlines included.
fn bytes(lines: &[String]) -> usize {
    lines.iter().map(|l| l.len() + 1).sum()
}

fn main() {
    let ids: Vec<&str> = REGISTRY.iter().map(|r| r.meta().id).collect();
    eprintln!(
        "{} generated items, {:.0} bytes/item; registered rules ({}): {}",
        ITEMS,
        bytes(first_lines()) as f64 / ITEMS as f64,
        ids.len(),
        ids.join(" ")
    );
    divan::main();
}

/// The floor: serde_json from the NDJSON line into the model, nothing else.
#[divan::bench(sample_count = 30)]
fn parse_only(b: Bencher) {
    static PLACE: AtomicUsize = AtomicUsize::new(0);
    b.counter(ItemsCount::new(ITEMS))
        .with_inputs(|| next_lines(&PLACE))
        .input_counter(|lines| BytesCount::new(bytes(lines)))
        .bench_values(|lines| {
            for l in lines {
                black_box(serde_json::from_str::<Item>(black_box(l)).expect("parse"));
            }
        });
}

/// What the check does per item: parse (lists shared with earlier items, as `check` parses
/// them), find the unit, and run every registered rule over batches of `BATCH` items with the
/// verdict cache.
#[divan::bench(sample_count = 30)]
fn parse_and_rules(b: Bencher) {
    static PLACE: AtomicUsize = AtomicUsize::new(0);
    let rules = RuleSet::default();
    let ctx = CheckContext::default();
    b.counter(ItemsCount::new(ITEMS))
        .with_inputs(|| next_lines(&PLACE))
        .input_counter(|lines| BytesCount::new(bytes(lines)))
        .bench_values(|lines| {
            for batch in lines.chunks(BATCH) {
                let items: Vec<(Item, String)> = batch
                    .iter()
                    .map(|l| {
                        let item: Item =
                            sharing_parsed(true, || serde_json::from_str(black_box(l)))
                                .expect("parse");
                        let unit = default_unit(&item).name;
                        (item, unit)
                    })
                    .collect();
                let refs: Vec<(&Item, &str)> = items.iter().map(|(i, u)| (i, u.as_str())).collect();
                black_box(rules.check_items(&refs, &ctx));
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

/// Every registered rule alone, on parsed items, without the verdict cache: what the rule costs on
/// an item that shares nothing with earlier ones (with the cache, the same 1,000 items at every
/// iteration would find all their verdicts shared and time the look-ups instead).
#[divan::bench(sample_count = 20, args = REGISTRY.iter().map(|r| r.meta().id))]
fn one_rule(b: Bencher, id: &str) {
    let items = &*PARSED;
    let rules = RuleSet::only(&[id]).sharing_verdicts(false);
    let ctx = CheckContext::default();
    b.counter(ItemsCount::new(ITEMS)).bench(|| {
        for item in items {
            black_box(rules.check_item(item, "单位", &ctx));
        }
    });
}
