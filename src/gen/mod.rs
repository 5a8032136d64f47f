//! 模拟数据 — a generator of realistic synthetic 实施清单 for benchmarks and load tests.
//!
//! [`generate`] builds item `index` of a run from `(seed, index)` alone, so a run is reproducible
//! byte for byte, item `i` is the same whatever `count` is, and items can be streamed one at a
//! time ([`write_ndjson`] holds one item in memory). Units are city departments and counties of
//! four Anhui cities; names and 区号 come from the embedded reference tables
//! ([`crate::reference`]). 实施编码 = USCC of the 实施主体 (valid GB 32100 check character) ‖
//! 行使层级 ‖ 基本编码; item `i` is spread over (city, region, template) by `i mod 364` (rotated by
//! the seed) and numbered within it by `i div 364`, so codes are unique up to ≈ 2.5 million items
//! and the duplicate-code notice of the readers does not fire on generated data. [`Order`] writes
//! the same items region by region instead (按区划), as a province's export by region lists them.
//!
//! ## 母版 and 认领: how a province's items repeat
//!
//! The items repeat the way a province's 实施清单 do. A provincial department issues a master
//! (母版) for each catalogue item, and every implementing body claims it and fills in its local
//! elements (个性要素): the 《2019年“互联网+政务服务”工作考核方案》 (the seed document of our
//! assessment scheme, `seed/000_*.txt`) scores counties on 「常态化认领省直部门下发或变更的政务服务
//! 事项实施清单“母版”」 (实施清单应领俱领) and on 「编制…实施清单个性要素」.
//! Here the catalogue item of item `i` is `key = (i div 364) × |templates| + template`; its 26
//! claims (the four cities' departments and 22 counties) lie within 364 consecutive items.
//!
//! - **Master elements** come from a stream of the catalogue item (`key`), so every claim carries
//!   the same text: 事项类型, 权力来源, 数量限制, 办件类型, 服务对象, 法定/承诺办结时限, 到现场次数
//!   and 必须现场办理原因, 物流快递, 网办深度, 结果名称/样本, 设定依据, 受理条件, 申请材料, 办理流程,
//!   收费, 中介服务 (its agencies are the city's: one stream per (city, key)) and 常见问题.
//! - **Local elements** belong to the claim: 实施主体 and its code, 实施编码, 区划, 层级, the
//!   online and guide URLs; 办理地点 and 咨询电话 come from a stream of (region, department) — a
//!   department's window in a hall is fixed — the hall's street and 办理时间 (one of a few
//!   realistic variants) from a stream of the region, and 监督电话 is the region's 12345.
//! - **Local edits**: with probability [`GenOptions::local_edit_rate`] a claim rewrites a master
//!   element, separately for 受理条件, 申请材料, 办理流程 (with 承诺办结时限: a claim may promise
//!   fewer days, the steps still add up) and 常见问题: it draws that element from its own stream,
//!   redrawing until it differs from the master (a rewrite that repeats the master is none). So
//!   the rate is the share of these elements that differ from the master; `1` leaves no shared
//!   text beyond the templates, `0` gives exact copies.
//!
//! With probability `defect_rate` an item then gets 1–3 [`Defect`]s of the kinds clerks really
//! make, applied to the claim alone; a defect-free item passes every registered rule (see the
//! tests). Randomness is [`crate::score::prng::SplitMix64`], which depends on no crate version.
//!
//! This file holds the options, the random streams, the run ([`generate`], [`write_ndjson`]) and
//! the orders. Not here: an item built as a claim of its master (`claim`), the master's element
//! lists drawn from the pools (`elements`), the pools (`pools`), the defects (`defects`), the
//! Excel export ([`sheets`]), the tests (`tests`).

use std::io::Write;

use crate::model::Item;
use crate::score::prng::SplitMix64;

mod claim;
mod defects;
mod elements;
mod pools;
pub mod sheets;

use claim::clean_item;
pub use defects::Defect;
use pools::{CITIES, TEMPLATES};

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GenOptions {
    /// Seed of the run.
    pub seed: u64,
    /// Probability (0–1) that an item carries defects.
    pub defect_rate: f64,
    /// Probability (0–1) that a claim rewrites a master element, drawn for each of 受理条件,
    /// 申请材料, 办理流程 (with 承诺办结时限) and 常见问题: `0` copies the 母版 exactly, `1` leaves
    /// no shared text beyond the templates.
    pub local_edit_rate: f64,
}

impl Default for GenOptions {
    fn default() -> Self {
        Self {
            seed: 0,
            defect_rate: 0.3,
            local_edit_rate: 0.1,
        }
    }
}

/// One generated item and the defects injected into it (empty: a clean item).
#[derive(Debug, Clone, PartialEq)]
pub struct Generated {
    /// The item.
    pub item: Item,
    /// The defects injected, in the order applied.
    pub defects: Vec<Defect>,
}

/// Random helpers over SplitMix64.
pub(crate) struct Rng(SplitMix64);

impl Rng {
    fn new(seed: u64, index: u64) -> Self {
        // One independent stream per item: mix the index in through one SplitMix64 step.
        let mut mix = SplitMix64::new(seed ^ index.wrapping_mul(0xD1B5_4A32_D192_ED03));
        Self(SplitMix64::new(mix.next_u64()))
    }

    /// The stream of `key` in `domain` (what is shared: a catalogue item, a region …), apart
    /// from every item's stream and from the other domains'.
    fn shared(seed: u64, domain: u64, key: u64) -> Self {
        Self::new(seed ^ domain, key)
    }

    pub(crate) fn below(&mut self, n: usize) -> usize {
        self.0.below(n as u64) as usize
    }

    pub(crate) fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    pub(crate) fn chance(&mut self, p: f64) -> bool {
        ((self.0.next_u64() >> 11) as f64 / (1u64 << 53) as f64) < p
    }

    pub(crate) fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn digits(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| char::from(b'0' + self.below(10) as u8))
            .collect()
    }
}

/// Domains of the shared streams ([`Rng::shared`]).
const MASTER: u64 = 0x4D41_5354_4552_0001; // the 母版 of a catalogue item
const AGENCIES: u64 = 0x4147_454E_4359_0002; // a city's 中介机构 for a catalogue item
const HALL: u64 = 0x4841_4C4C_0000_0003; // a region's 政务服务中心
const WINDOW: u64 = 0x5749_4E44_4F57_0004; // a department's window in that hall

/// Builds item `index` of the run.
pub fn generate(opts: GenOptions, index: u64) -> Generated {
    let mut rng = Rng::new(opts.seed, index);
    let mut item = clean_item(&mut rng, opts, index);
    let mut defects = Vec::new();
    if rng.chance(opts.defect_rate) {
        let n = rng.range(1, 3);
        while defects.len() < n {
            let d = *rng.pick(Defect::ALL);
            // One defect per element, so that two defects never undo each other.
            if defects.iter().all(|x: &Defect| x.element() != d.element()) {
                defects.push(d);
            }
        }
        for d in &defects {
            d.apply(&mut item, &mut rng);
        }
    }
    Generated { item, defects }
}

/// Writes items `0..count` as NDJSON, one at a time (constant memory).
pub fn write_ndjson(opts: GenOptions, count: u64, out: &mut dyn Write) -> std::io::Result<()> {
    write_ndjson_in(opts, count, Order::Catalogue, out)
}

/// Writes `count` items as NDJSON in `order`, one at a time (constant memory).
pub fn write_ndjson_in(
    opts: GenOptions,
    count: u64,
    order: Order,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    for position in 0..count {
        let g = generate(opts, order.index(opts.seed, count, position));
        serde_json::to_writer(&mut *out, &g.item)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// [`write_ndjson_in`] as one JSON array, a record a line and indented, as platforms export
/// JSON; written as generated, so any count takes little memory.
pub fn write_json_array_in(
    opts: GenOptions,
    count: u64,
    order: Order,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    out.write_all(b"[")?;
    for position in 0..count {
        out.write_all(if position == 0 { b"\n  " } else { b",\n  " })?;
        let g = generate(opts, order.index(opts.seed, count, position));
        serde_json::to_writer(&mut *out, &g.item)?;
    }
    out.write_all(b"\n]\n")
}

/// The order a run's items are written in. How close together a master's claims come decides
/// how much the verdict cache shares (BENCHMARKS.md), so a benchmark should try both.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Order {
    /// Item `i` at position `i`: a catalogue item's 26 claims lie within 364 consecutive items,
    /// as in an export that lists each department's items for every region in turn.
    #[default]
    Catalogue,
    /// Region by region (按区划): every item of a region before the next region's, as in a
    /// province's export by 区划, so a catalogue item's claims are a region's share of the run
    /// apart. With `count` a multiple of 364 these are the items of [`Order::Catalogue`],
    /// reordered; otherwise each region has `count / 26` of them, rounded up (the last fewer).
    Region,
}

impl Order {
    /// The index ([`generate`]) of the item at `position` of a run of `count` items.
    pub fn index(self, seed: u64, count: u64, position: u64) -> u64 {
        match self {
            Order::Catalogue => position,
            Order::Region => {
                let n = COMBOS.len() as u64;
                let templates = TEMPLATES.len() as u64;
                let regions = n / templates;
                let per_region = count.div_ceil(regions).max(1);
                let (region, j) = (position / per_region, position % per_region);
                let combo = region * templates + j % templates;
                // `clean_item` rotates the combination by the seed: undo it.
                (j / templates) * n + (combo + n - rotation(seed)) % n
            }
        }
    }
}

/// How far the seed rotates the (city, region, template) combination of an item.
fn rotation(seed: u64) -> u64 {
    SplitMix64::new(seed).next_u64() % COMBOS.len() as u64
}

/// Every (city index, region code, template index): the city's departments and each county.
static COMBOS: std::sync::LazyLock<Vec<(usize, &'static str, usize)>> =
    std::sync::LazyLock::new(|| {
        let mut v = Vec::new();
        for (ci, city) in CITIES.iter().enumerate() {
            for region in std::iter::once(city.code).chain(city.counties.iter().copied()) {
                v.extend((0..TEMPLATES.len()).map(|ti| (ci, region, ti)));
            }
        }
        v
    });

#[cfg(test)]
mod tests;
