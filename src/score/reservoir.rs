//! 抽查 over a stream: the sample of each unit drawn while the items go by, for `check --sample`,
//! keeping per unit only as many candidates as the sample can need (a bottom-k reservoir).
//!
//! Every item gets a key, `SplitMix64(salt(unit) XOR FNV-1a(实施编码))`, where `salt(unit)` is the
//! first output of `SplitMix64(seed XOR FNV-1a(unit))`. A unit's sample is its `n` items with the
//! smallest keys (ties: the earlier item in the input first), drawn in key order; `n` comes from
//! the method and the unit's lot, which is known only at the end. So per unit (and per stratum
//! with `--stratify item_type`) a max-heap keeps the candidates with the smallest keys seen so far:
//!
//! - `count:N`: at most `N` candidates;
//! - `gb2828`: at most 1,250 (the largest GB/T 2828.1 level-II sample size, for lots above 500,000);
//! - `fraction:F` and `all`: every item, as the method asks (a few hundred bytes each).
//!
//! Because the key depends only on the seed, the unit and the code, the draw does not depend on
//! the input order (except between items that share a code), on the number of threads, or on
//! whether `check` streamed: the in-memory path draws with the same keys. Items that share a
//! code in a unit share a key, so the earlier of them is always drawn first — which is what
//! reading the sample file back (`score --sample`) assumes: the k-th row with a code is the k-th
//! item with that code.
//!
//! This draw is not the one of [`draw`](super::sample::draw) (`zwfw-audit sample` shuffles the
//! finished report's lots); both are reproducible from the seed, and a sample file from either
//! scores the same way with `score --sample`. So that a list says which draw made it, its 方法
//! cell carries [`STREAMING_MARK`](super::sample::STREAMING_MARK): `gb2828（边检查边抽样）`.

use std::collections::{BTreeMap, BinaryHeap};

use super::compute::{ItemTally, lots};
use super::formula::gb2828_sample_size;
use super::prng::{SplitMix64, fnv1a};
use super::sample::{SampleMethod, SampleRow, SampleSpec, allocate, type_stratum};
use super::units::UnitMapping;
use crate::report::{ItemEntry, ItemStatus, Report};
use crate::unit::UnitKind;

/// One item offered to the reservoir.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    key: u64,
    /// Position of the item in the report (`report.items` index).
    pub index: usize,
    /// 实施编码.
    pub code: String,
    /// 事项名称.
    pub name: String,
    /// 事项类型.
    pub item_type: String,
    /// 实施主体.
    pub subject: String,
    /// The item's appendix element checks, for scoring the sample.
    pub tally: ItemTally,
}

impl Ord for Candidate {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.key, self.index).cmp(&(other.key, other.index))
    }
}

impl PartialOrd for Candidate {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// The candidates of one unit and stratum.
#[derive(Debug, Default)]
struct Stratum {
    /// Items offered (the stratum's share of the lot).
    seen: usize,
    /// The `cap` smallest so far (a max-heap: the largest is dropped first).
    kept: BinaryHeap<Candidate>,
}

/// A drawn item: its sample row and its tally.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Drawn {
    /// The row of the sample file.
    pub row: SampleRow,
    /// The item's appendix element checks.
    pub tally: ItemTally,
}

/// The per-unit reservoirs of a run.
#[derive(Debug)]
pub struct Reservoir {
    spec: SampleSpec,
    /// Most candidates a stratum can need; `None`: all of them.
    cap: Option<usize>,
    /// unit → (its key salt, stratum → candidates)
    units: BTreeMap<String, (u64, BTreeMap<String, Stratum>)>,
}

/// The largest sample size of the GB/T 2828.1 level-II table.
fn gb2828_max() -> usize {
    gb2828_sample_size(usize::MAX)
}

impl Reservoir {
    /// An empty reservoir for a sampling spec.
    pub fn new(spec: SampleSpec) -> Self {
        let cap = match spec.method {
            SampleMethod::Count(n) => Some(n),
            SampleMethod::Gb2828 => Some(gb2828_max()),
            SampleMethod::Fraction(_) | SampleMethod::All => None,
        };
        Self {
            spec,
            cap,
            units: BTreeMap::new(),
        }
    }

    /// How many candidates are held (for tests and progress).
    pub fn held(&self) -> usize {
        self.units
            .values()
            .flat_map(|(_, s)| s.values())
            .map(|s| s.kept.len())
            .sum()
    }

    /// Offers a checked item of `unit`. `index` is its position in the report.
    pub fn offer(&mut self, unit: &str, index: usize, item: &ItemEntry, tally: ItemTally) {
        let seed = self.spec.seed;
        if !self.units.contains_key(unit) {
            let salt = SplitMix64::new(seed ^ fnv1a(unit)).next_u64();
            self.units.insert(unit.to_owned(), (salt, BTreeMap::new()));
        }
        let Some((salt, strata)) = self.units.get_mut(unit) else {
            return;
        };
        let key = SplitMix64::new(*salt ^ fnv1a(item.code.trim())).next_u64();
        let stratum_name = if self.spec.stratify {
            type_stratum(&item.item_type)
        } else {
            String::new()
        };
        let stratum = strata.entry(stratum_name).or_default();
        stratum.seen += 1;
        let full = self.cap.is_some_and(|cap| stratum.kept.len() >= cap);
        if full {
            // Only a smaller key than the largest kept gets in.
            match stratum.kept.peek() {
                Some(top) if (key, index) < (top.key, top.index) => {
                    stratum.kept.pop();
                }
                _ => return,
            }
        }
        stratum.kept.push(Candidate {
            key,
            index,
            code: item.code.clone(),
            name: item.name.clone(),
            item_type: item.item_type.clone(),
            subject: item.subject.trim().to_owned(),
            tally,
        });
    }

    /// The sample of every unit, ordered by unit, then 抽样序号; `kind` gives each unit's kind.
    /// Units with no item drawn (a lot of 0, or `count:0`) have no rows.
    pub fn finish(self, kind: impl Fn(&str) -> UnitKind) -> Vec<Drawn> {
        let label = self.spec.streaming_label();
        let mut out = Vec::new();
        for (unit, (_, strata)) in self.units {
            let lot: usize = strata.values().map(|s| s.seen).sum();
            let n = self.spec.method.size(lot);
            let sizes: Vec<usize> = strata.values().map(|s| s.seen).collect();
            let shares = if self.spec.stratify {
                allocate(n, &sizes)
            } else {
                vec![n]
            };
            let unit_kind = kind(&unit);
            let mut seq = 0;
            for (stratum, share) in strata.into_values().zip(shares) {
                let mut kept = stratum.kept.into_sorted_vec();
                kept.truncate(share);
                for c in kept {
                    seq += 1;
                    out.push(Drawn {
                        row: SampleRow {
                            unit: unit.clone(),
                            kind: unit_kind,
                            subject: c.subject,
                            code: c.code,
                            name: c.name,
                            item_type: c.item_type,
                            seq,
                            seed: self.spec.seed,
                            method: label.clone(),
                            index: c.index,
                        },
                        tally: c.tally,
                    });
                }
            }
        }
        out
    }
}

/// The same draw over a finished report (the in-memory `check --sample`): every checked item
/// offered in report order, units as `mapping` assigns them.
pub fn draw_report(report: &Report, mapping: &UnitMapping, spec: SampleSpec) -> Vec<SampleRow> {
    let lots = lots(report, mapping);
    let mut reservoir = Reservoir::new(spec);
    for (index, item) in report.items.iter().enumerate() {
        if item.status != ItemStatus::Checked {
            continue;
        }
        let (unit, _) = mapping.assign(item);
        reservoir.offer(&unit, index, item, ItemTally::default());
    }
    reservoir
        .finish(|u| lots.get(u).map_or(UnitKind::Department, |(kind, _)| *kind))
        .into_iter()
        .map(|d| d.row)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(method: SampleMethod, seed: u64, stratify: bool) -> SampleSpec {
        SampleSpec {
            method,
            seed,
            stratify,
        }
    }

    /// A checked item of 邻水县市场监督管理局 as the report has it.
    fn entry(code: &str, name: &str, item_type: &str) -> ItemEntry {
        ItemEntry {
            code: code.into(),
            name: name.into(),
            unit: "邻水县".into(),
            unit_kind: UnitKind::County,
            item_type: item_type.into(),
            subject: " 邻水县市场监督管理局 ".into(),
            region_code: "511623".into(),
            provenance: crate::model::Provenance::record("items.ndjson", 1),
            status: ItemStatus::Checked,
            reason: None,
            outcomes: crate::report::Outcomes::new(),
            errors: 0,
            warnings: 0,
            waived: 0,
        }
    }

    /// `n` items spread over three units, with 事项类型 行政许可 / 公共服务 alternating.
    fn offer_all(r: &mut Reservoir, order: &[usize]) {
        for &i in order {
            let unit = ["广安市市场监督管理局", "广安区", "岳池县"][i % 3];
            let item_type = if i % 4 == 0 {
                "公共服务"
            } else {
                "行政许可"
            };
            r.offer(
                unit,
                i,
                &entry(
                    &format!("11511600MB1{i:06}XK00{:03}", i % 100),
                    &format!("事项{i}"),
                    item_type,
                ),
                ItemTally {
                    applicable: 20,
                    failed: i % 3,
                    missing: 0,
                },
            );
        }
    }

    fn draw_of(method: SampleMethod, seed: u64, stratify: bool, order: &[usize]) -> Vec<Drawn> {
        let mut r = Reservoir::new(spec(method, seed, stratify));
        offer_all(&mut r, order);
        r.finish(|u| {
            if u.ends_with("局") {
                UnitKind::Department
            } else {
                UnitKind::County
            }
        })
    }

    /// The plain definition: per unit, sort every item by (key, index) and take the first n.
    fn plain(method: SampleMethod, seed: u64, n_items: usize) -> Vec<(String, usize)> {
        let mut by_unit: BTreeMap<&str, Vec<(u64, usize)>> = BTreeMap::new();
        for i in 0..n_items {
            let unit = ["广安市市场监督管理局", "广安区", "岳池县"][i % 3];
            let salt = SplitMix64::new(seed ^ fnv1a(unit)).next_u64();
            let code = format!("11511600MB1{i:06}XK00{:03}", i % 100);
            let key = SplitMix64::new(salt ^ fnv1a(&code)).next_u64();
            by_unit.entry(unit).or_default().push((key, i));
        }
        let mut out = Vec::new();
        for (unit, mut items) in by_unit {
            items.sort_unstable();
            let n = method.size(items.len());
            out.extend(items[..n].iter().map(|&(_, i)| (unit.to_owned(), i)));
        }
        out
    }

    #[test]
    fn bottom_k_equals_sorting_everything() {
        for method in [
            SampleMethod::Count(7),
            SampleMethod::Gb2828,
            SampleMethod::Fraction(0.1),
        ] {
            let order: Vec<usize> = (0..3000).collect();
            let got: Vec<(String, usize)> = draw_of(method, 2026, false, &order)
                .into_iter()
                .map(|d| (d.row.unit, d.row.index))
                .collect();
            assert_eq!(got, plain(method, 2026, 3000), "{method}");
        }
    }

    #[test]
    fn sizes_follow_the_method_and_memory_stays_bounded() {
        let mut r = Reservoir::new(spec(SampleMethod::Count(5), 1, false));
        offer_all(&mut r, &(0..30_000).collect::<Vec<_>>());
        // Three units, five candidates each, however many items went by.
        assert_eq!(r.held(), 15);
        let mut r = Reservoir::new(spec(SampleMethod::Gb2828, 1, false));
        offer_all(&mut r, &(0..30_000).collect::<Vec<_>>());
        assert_eq!(
            r.held(),
            3 * 1250,
            "at most the largest GB/T 2828.1 sample per unit"
        );
        let drawn = r.finish(|_| UnitKind::County);
        // GB/T 2828.1 level II: a lot of 10,000 → 200.
        assert_eq!(drawn.len(), 3 * 200);
        let seqs: Vec<usize> = drawn
            .iter()
            .filter(|d| d.row.unit == "广安区")
            .map(|d| d.row.seq)
            .collect();
        assert_eq!(seqs, (1..=200).collect::<Vec<_>>());
    }

    #[test]
    fn the_draw_does_not_depend_on_input_order_but_on_the_seed() {
        let forward: Vec<usize> = (0..900).collect();
        let mut shuffled = forward.clone();
        let mut rng = SplitMix64::new(99);
        for i in (1..shuffled.len()).rev() {
            shuffled.swap(i, rng.below(i as u64 + 1) as usize);
        }
        let a = draw_of(SampleMethod::Count(10), 5, true, &forward);
        let b = draw_of(SampleMethod::Count(10), 5, true, &shuffled);
        assert_eq!(a, b);
        let c = draw_of(SampleMethod::Count(10), 6, true, &forward);
        assert_ne!(
            a.iter().map(|d| d.row.index).collect::<Vec<_>>(),
            c.iter().map(|d| d.row.index).collect::<Vec<_>>()
        );
    }

    #[test]
    fn stratified_shares_are_proportional() {
        // 300 items per unit, a quarter of them 公共服务 (i % 4 == 0) and the rest 行政许可.
        let drawn = draw_of(
            SampleMethod::Count(20),
            3,
            true,
            &(0..900).collect::<Vec<_>>(),
        );
        for unit in ["广安区", "岳池县", "广安市市场监督管理局"] {
            let rows: Vec<&Drawn> = drawn.iter().filter(|d| d.row.unit == unit).collect();
            assert_eq!(rows.len(), 20, "{unit}");
            let public = rows
                .iter()
                .filter(|d| d.row.item_type == "公共服务")
                .count();
            assert_eq!(public, 5, "{unit}: a quarter of the lot is 公共服务");
            assert!(
                rows.iter()
                    .all(|d| d.row.method == "count:20+stratify:item_type（边检查边抽样）")
            );
        }
    }

    #[test]
    fn items_sharing_a_code_are_drawn_earliest_first() {
        let mut r = Reservoir::new(spec(SampleMethod::Count(1), 8, false));
        for index in 0..4 {
            r.offer(
                "邻水县",
                index,
                &entry("11511623MB0000000X4000112001", "个体工商户登记", "行政许可"),
                ItemTally::default(),
            );
        }
        let drawn = r.finish(|_| UnitKind::County);
        assert_eq!(drawn.len(), 1);
        assert_eq!(drawn[0].row.index, 0);
        assert_eq!(drawn[0].row.subject, "邻水县市场监督管理局");
    }

    #[test]
    fn count_zero_draws_nothing() {
        let drawn = draw_of(
            SampleMethod::Count(0),
            1,
            false,
            &(0..30).collect::<Vec<_>>(),
        );
        assert!(drawn.is_empty());
    }
}
