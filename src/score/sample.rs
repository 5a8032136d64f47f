//! 抽查 — drawing the sample of each unit, reproducibly from a seed.
//!
//! Per unit, the lot is its checked items sorted by (实施编码, report order). The sample size comes
//! from the method (`count:N`, `fraction:F` = ⌈F × lot⌉, `all`, or the GB/T 2828.1 level-II table),
//! never more than the lot. The draw is the first `n` positions of a Fisher–Yates shuffle driven by
//! SplitMix64 seeded with `seed XOR FNV-1a(unit name)` — one stream per unit, so adding or removing
//! a unit never changes another unit's sample, and nothing depends on hash order or crate versions.
//!
//! Stratified by 事项类型 (`--stratify item_type`): the unit's sample size is split over the
//! strata (事项类型 code 01–10, 20; labels mapped to codes; others as written) in proportion to
//! their size by largest remainder (ties to the stratum with the smaller code), and each stratum is
//! drawn with its own stream, `seed XOR FNV-1a(unit + U+001F + stratum)`.

use std::fmt;
use std::str::FromStr;

use super::compute::lots;
use super::formula::gb2828_sample_size;
use super::prng::{SplitMix64, fnv1a, partial_shuffle};
use super::units::UnitMapping;
use crate::report::Report;
use crate::unit::UnitKind;

/// How many items to sample from a lot.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum SampleMethod {
    /// A fixed number of items (at most the lot).
    Count(usize),
    /// A fraction of the lot, rounded up: `⌈F × lot⌉`.
    Fraction(f64),
    /// Every item.
    All,
    /// GB/T 2828.1 general inspection level II.
    Gb2828,
}

impl SampleMethod {
    /// The sample size for a lot.
    pub fn size(self, lot: usize) -> usize {
        match self {
            SampleMethod::Count(n) => n.min(lot),
            SampleMethod::Fraction(f) => {
                ((f * lot as f64 - 1e-9).ceil().max(0.0) as usize).min(lot)
            }
            SampleMethod::All => lot,
            SampleMethod::Gb2828 => gb2828_sample_size(lot),
        }
    }
}

impl fmt::Display for SampleMethod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SampleMethod::Count(n) => write!(f, "count:{n}"),
            SampleMethod::Fraction(x) => write!(f, "fraction:{x}"),
            SampleMethod::All => f.write_str("all"),
            SampleMethod::Gb2828 => f.write_str("gb2828"),
        }
    }
}

impl FromStr for SampleMethod {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim().to_ascii_lowercase();
        let bad = || {
            format!(
                "抽样方法 \"{s}\" 无效（可用: count:数量（至少 1）、fraction:比例(0–1]、all、gb2828）"
            )
        };
        if let Some(n) = t.strip_prefix("count:") {
            // A sample of nothing scores nothing: every unit would go unscored.
            return match n.trim().parse() {
                Ok(0) | Err(_) => Err(bad()),
                Ok(n) => Ok(SampleMethod::Count(n)),
            };
        }
        if let Some(x) = t.strip_prefix("fraction:") {
            let x: f64 = x.trim().parse().map_err(|_| bad())?;
            return if x > 0.0 && x <= 1.0 {
                Ok(SampleMethod::Fraction(x))
            } else {
                Err(bad())
            };
        }
        match t.as_str() {
            "all" => Ok(SampleMethod::All),
            "gb2828" | "gb/t2828.1" | "gb2828.1" => Ok(SampleMethod::Gb2828),
            _ => Err(bad()),
        }
    }
}

/// What to draw.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SampleSpec {
    /// Sample size per unit.
    pub method: SampleMethod,
    /// The seed.
    pub seed: u64,
    /// Stratify by 事项类型.
    pub stratify: bool,
}

impl SampleSpec {
    /// The method as written in the sample file's 方法 column by `zwfw-audit sample` ([`draw`]),
    /// e.g. `gb2828+stratify:item_type`.
    pub fn label(&self) -> String {
        if self.stratify {
            format!("{}+stratify:item_type", self.method)
        } else {
            self.method.to_string()
        }
    }

    /// The method as written by `check --sample` (the streaming draw,
    /// [`Reservoir`](super::reservoir::Reservoir)): the label with [`STREAMING_MARK`], since the
    /// same seed and method draw other items there, and a list must say which draw made it.
    pub fn streaming_label(&self) -> String {
        format!("{}{STREAMING_MARK}", self.label())
    }
}

/// The record of a streaming draw (`check --sample`) that the report keeps, so that a later
/// `score` of that report scores the same items; `source` is the list written beside it.
pub fn streaming_record(
    rows: &[SampleRow],
    spec: &SampleSpec,
    source: &std::path::Path,
) -> crate::report::SampleRecord {
    crate::report::SampleRecord {
        source: source.display().to_string(),
        seed: spec.seed.to_string(),
        method: spec.streaming_label(),
        items: rows
            .iter()
            .map(|r| crate::report::SampledItem {
                unit: r.unit.clone(),
                code: r.code.trim().to_owned(),
                name: r.name.trim().to_owned(),
            })
            .collect(),
    }
}

/// What follows the method in the 方法 cell of a list drawn by `check --sample`.
pub const STREAMING_MARK: &str = "（边检查边抽样）";

/// Which of the two draws made a sample list: they pick different items from the same seed and
/// method, and only the same draw reproduces a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Draw {
    /// `zwfw-audit sample` over a finished report ([`draw`]).
    Report,
    /// `check --sample`, drawn while checking ([`Reservoir`](super::reservoir::Reservoir)).
    Streaming,
}

/// Reads a 方法 cell back: the method, whether stratified, and which draw wrote it — `gb2828`,
/// `count:3+stratify:item_type`, `gb2828（边检查边抽样）` (half-width brackets and spaces, as
/// retyped in Excel, are accepted too).
pub fn parse_label(text: &str) -> Result<(SampleMethod, bool, Draw), String> {
    let t = text.trim();
    let mark = ["（边检查边抽样）", "(边检查边抽样)"]
        .iter()
        .find_map(|m| t.strip_suffix(m));
    let (t, draw) = match mark {
        Some(rest) => (rest.trim(), Draw::Streaming),
        None => (t, Draw::Report),
    };
    let (method, stratify) = match t.strip_suffix("+stratify:item_type") {
        Some(rest) => (rest, true),
        None => (t, false),
    };
    Ok((method.parse()?, stratify, draw))
}

/// One sampled item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SampleRow {
    /// 考核单位.
    pub unit: String,
    /// 单位类型.
    pub kind: UnitKind,
    /// 实施主体: whom the assessor asks about the item (a county's items come from many bodies).
    pub subject: String,
    /// 实施编码.
    pub code: String,
    /// 事项名称.
    pub name: String,
    /// 事项类型.
    pub item_type: String,
    /// 抽样序号: 1-based draw order within the unit.
    pub seq: usize,
    /// 种子.
    pub seed: u64,
    /// 方法.
    pub method: String,
    /// Index of the item in `report.items`.
    pub index: usize,
}

const TYPE_CODES: &[(&str, &str)] = &[
    ("01", "行政许可"),
    ("02", "行政处罚"),
    ("03", "行政强制"),
    ("04", "行政征收"),
    ("05", "行政给付"),
    ("06", "行政检查"),
    ("07", "行政确认"),
    ("08", "行政奖励"),
    ("09", "行政裁决"),
    ("10", "其他行政权力"),
    ("20", "公共服务"),
];

/// The stratum of a 事项类型: its two-digit code when recognisable (code or label), else the text.
pub fn type_stratum(item_type: &str) -> String {
    let t = item_type.trim();
    for (code, _) in TYPE_CODES {
        if t == *code || t.trim_start_matches('0') == code.trim_start_matches('0') {
            return (*code).to_owned();
        }
    }
    for (code, label) in TYPE_CODES {
        if t.contains(label) {
            return (*code).to_owned();
        }
    }
    if t.is_empty() {
        "(未注明)".to_owned()
    } else {
        t.to_owned()
    }
}

/// Splits `n` over strata of sizes `sizes` in proportion, by largest remainder; ties go to the
/// earlier stratum. Each share is at most its stratum size, and the shares sum to `min(n, Σ)`.
pub fn allocate(n: usize, sizes: &[usize]) -> Vec<usize> {
    let total: usize = sizes.iter().sum();
    if total == 0 {
        return vec![0; sizes.len()];
    }
    let n = n.min(total);
    let mut shares: Vec<usize> = sizes.iter().map(|&s| n * s / total).collect();
    let mut left = n - shares.iter().sum::<usize>();
    let mut order: Vec<usize> = (0..sizes.len()).collect();
    order.sort_by(|&a, &b| {
        ((n * sizes[b]) % total)
            .cmp(&((n * sizes[a]) % total))
            .then(a.cmp(&b))
    });
    for &i in &order {
        if left == 0 {
            break;
        }
        if shares[i] < sizes[i] {
            shares[i] += 1;
            left -= 1;
        }
    }
    shares
}

/// Draws the sample of every unit. Rows are ordered by unit, then 抽样序号.
pub fn draw(report: &Report, mapping: &UnitMapping, spec: &SampleSpec) -> Vec<SampleRow> {
    let mut rows = Vec::new();
    let label = spec.label();
    for (unit, (kind, lot)) in lots(report, mapping) {
        let n = spec.method.size(lot.len());
        let mut picked: Vec<usize> = Vec::with_capacity(n);
        if spec.stratify {
            let mut strata: std::collections::BTreeMap<String, Vec<usize>> =
                std::collections::BTreeMap::new();
            for &i in &lot {
                strata
                    .entry(type_stratum(&report.items[i].item_type))
                    .or_default()
                    .push(i);
            }
            let sizes: Vec<usize> = strata.values().map(Vec::len).collect();
            let shares = allocate(n, &sizes);
            for ((stratum, members), k) in strata.iter().zip(shares) {
                let mut rng = SplitMix64::new(spec.seed ^ fnv1a(&format!("{unit}\u{1f}{stratum}")));
                picked.extend(
                    partial_shuffle(&mut rng, members.len(), k)
                        .into_iter()
                        .map(|j| members[j]),
                );
            }
        } else {
            let mut rng = SplitMix64::new(spec.seed ^ fnv1a(&unit));
            picked.extend(
                partial_shuffle(&mut rng, lot.len(), n)
                    .into_iter()
                    .map(|j| lot[j]),
            );
        }
        for (seq, i) in picked.into_iter().enumerate() {
            let item = &report.items[i];
            rows.push(SampleRow {
                unit: unit.clone(),
                kind,
                subject: item.subject.trim().to_owned(),
                code: item.code.clone(),
                name: item.name.clone(),
                item_type: item.item_type.clone(),
                seq: seq + 1,
                seed: spec.seed,
                method: label.clone(),
                index: i,
            });
        }
    }
    rows
}
