//! `zwfw-audit sample`: draw the per-unit sample of a checked report, reproducibly from a seed,
//! and write it as CSV (UTF-8 with BOM) and XLSX for the assessors.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow};
use clap::{Args, ValueEnum};

use super::load_config;
use super::score::{UnitArgs, load_report, print_mapping_issues};
use crate::config::Config;
use crate::score::compute::lots;
use crate::score::sample::{SampleRow, draw};
use crate::score::table::CODE;
use crate::score::{SampleMethod, SampleSpec, sample_file};

/// What to stratify by.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum Stratify {
    /// 事项类型
    #[value(name = "item_type", aliases = ["事项类型"])]
    ItemType,
}

#[derive(Debug, Args)]
pub struct SampleArgs {
    /// zwfw-audit check 生成的 JSON 报告（report.json）
    #[arg(value_name = "报告")]
    report: PathBuf,
    /// 抽样种子，同一种子抽出同一样本；可写日期，如 2026-11-28 即 20261128
    /// （默认: [score] seed；两处都没有时报错）
    #[arg(long, value_parser = parse_seed, value_name = "种子", verbatim_doc_comment)]
    seed: Option<u64>,
    /// 抽样方法: count:数量（每个单位抽几个）、fraction:比例（0–1，每个单位
    /// 按比例抽）、all（全部）、gb2828（按 GB/T 2828.1 一般检验水平 II）
    /// （默认: [score] method，没有设则 gb2828）
    #[arg(long, value_name = "方法", verbatim_doc_comment)]
    method: Option<String>,
    /// 按事项类型分层抽样，写 item_type 或 事项类型
    /// （[score] stratify = true 时也分层）
    #[arg(long, value_enum, value_name = "分层", verbatim_doc_comment)]
    stratify: Option<Stratify>,
    #[command(flatten)]
    units: UnitArgs,
    /// 抽样清单的文件名，可不写扩展名；写出 .csv 和 .xlsx 两个文件
    /// （默认: 报告旁边的 sample.csv 和 sample.xlsx）。已有的清单抽法
    /// 不同时不覆盖，改名为「sample（旧-修改时间）.xlsx」保留
    #[arg(short, long, value_name = "文件名", verbatim_doc_comment)]
    output: Option<PathBuf>,
    /// 配置文件（默认: 当前文件夹的 zwfw-audit.toml，没有就用内置设置）
    #[arg(long, value_name = "配置文件")]
    config: Option<PathBuf>,
    /// 不显示抽样摘要，只显示错误和文件中的问题行
    #[arg(short, long)]
    quiet: bool,
}

pub fn run(args: &SampleArgs) -> Result<i32> {
    let config = load_config(args.config.as_deref())?;
    // A missing seed or a mistyped method is said before a province's report is read.
    let spec = resolve_spec(
        args.method.as_deref(),
        args.seed,
        args.stratify.is_some(),
        &config,
    )?;
    let report = load_report(&args.report)?;
    let (mapping, issues) = super::mapping_for(&args.units, &config, &report)?;
    print_mapping_issues(mapping.source.as_deref(), &issues);
    let rows = draw(&report, &mapping, &spec);
    let base = args
        .output
        .clone()
        .unwrap_or_else(|| args.report.with_file_name("sample"));
    // The list is the assessment's evidence: another draw already there is kept, not replaced.
    let (csv_path, xlsx_path) = list_paths(&base);
    let kept = keep_other_draws(&[csv_path, xlsx_path], &rows)?;
    if !kept.is_empty() {
        let names = |f: fn(&(PathBuf, PathBuf)) -> &PathBuf| {
            kept.iter()
                .map(|k| f(k).display().to_string())
                .collect::<Vec<_>>()
                .join("、")
        };
        say!(
            "注意: 已有的抽样清单 {} 与本次抽样不同（种子、方法或事项不同，或有人加了列），已改名保留为 {}",
            names(|k| &k.0),
            names(|k| &k.1)
        );
    }
    let (csv_path, xlsx_path) = write_files(&rows, &base)?;
    if !args.quiet {
        let lot_sizes: BTreeMap<String, usize> = lots(&report, &mapping)
            .into_iter()
            .map(|(unit, (_, lot))| (unit, lot.len()))
            .collect();
        print_summary(
            &rows,
            &spec.label(),
            spec.seed,
            &csv_path,
            &xlsx_path,
            Some(&lot_sizes),
        );
    }
    Ok(0)
}

/// A seed as typed: a whole number, or a date like the one the examples use (`2026-11-28` is
/// `20261128`), with a Chinese message otherwise.
pub(crate) fn parse_seed(text: &str) -> Result<u64, String> {
    let t = text.trim();
    let digits: String = if t.len() == 10 && t.as_bytes()[4] == b'-' && t.as_bytes()[7] == b'-' {
        t.replace('-', "")
    } else {
        t.to_owned()
    };
    digits.parse().map_err(|_| {
        format!("种子应为非负整数，如 20261128（也可写日期 2026-11-28），实为 \"{text}\"")
    })
}

/// The sampling spec from the command line, then `[score]`: the seed is required (a sample that
/// cannot be drawn again is no use to an assessment); the method defaults to `[score] method`.
pub(crate) fn resolve_spec(
    method: Option<&str>,
    seed: Option<u64>,
    stratify: bool,
    config: &Config,
) -> Result<SampleSpec> {
    let seed = seed.or(config.score.seed).ok_or_else(|| {
        anyhow!(
            "请用 --seed 指定抽样种子（或在配置文件 [score] 中写 seed），同一种子可重现同一样本"
        )
    })?;
    let method: SampleMethod = method
        .filter(|m| !m.trim().is_empty())
        .unwrap_or(&config.score.method)
        .parse()
        .map_err(anyhow::Error::msg)?;
    Ok(SampleSpec {
        method,
        seed,
        stratify: stratify || config.score.stratify,
    })
}

/// The CSV and XLSX list of a name given with or without an extension: `抽样.xlsx` and `抽样`
/// are `抽样.csv` and `抽样.xlsx`; any other dot belongs to the name (`抽样 2026.11.28` is
/// `抽样 2026.11.28.csv`, where `with_extension` would write `抽样 2026.11.csv`).
pub(crate) fn list_paths(base: &Path) -> (PathBuf, PathBuf) {
    let ours = base
        .extension()
        .is_some_and(|e| ["csv", "xlsx"].iter().any(|x| e.eq_ignore_ascii_case(x)));
    let stem = if ours {
        base.with_extension("")
    } else {
        base.to_path_buf()
    };
    let with = |ext: &str| {
        let mut name = stem.clone().into_os_string();
        name.push(".");
        name.push(ext);
        PathBuf::from(name)
    };
    (with("csv"), with("xlsx"))
}

/// Writes the list as CSV and XLSX (named by [`list_paths`]); returns their paths.
pub(crate) fn write_files(rows: &[SampleRow], base: &Path) -> Result<(PathBuf, PathBuf)> {
    let (csv_path, xlsx_path) = list_paths(base);
    write(&csv_path, &sample_file::to_csv(rows))?;
    let xlsx = sample_file::to_xlsx(rows).context("无法生成 XLSX 抽样清单")?;
    write(&xlsx_path, &xlsx)?;
    Ok((csv_path, xlsx_path))
}

/// Prints how many items each unit had drawn with `method` (as the 方法 column says it) and
/// `seed`, and where the lists are. With the units' item counts (`lot_sizes`), a unit that has
/// no more items than the method asks for is said to be drawn whole: its score then has no
/// sampling error, which an assessor asking for `count:10` would not expect of a unit of 7.
pub(crate) fn print_summary(
    rows: &[SampleRow],
    method: &str,
    seed: u64,
    csv: &Path,
    xlsx: &Path,
    lot_sizes: Option<&BTreeMap<String, usize>>,
) {
    let mut units: Vec<(&str, usize)> = Vec::new();
    for r in rows {
        match units.last_mut() {
            Some((u, n)) if *u == r.unit => *n += 1,
            _ => units.push((&r.unit, 1)),
        }
    }
    say!(
        "抽样: 方法 {method}，种子 {seed}，{} 个单位共抽取 {} 个事项",
        units.len(),
        rows.len()
    );
    let whole = !method.starts_with("all");
    for (u, n) in units {
        match lot_sizes.and_then(|l| l.get(u)) {
            Some(&lot) if whole && lot == n => {
                say!("  {u}: {n}（只有 {lot} 个事项，全部抽取，没有抽样误差）");
            }
            _ => say!("  {u}: {n}"),
        }
    }
    say!("抽样清单已写入 {} 和 {}", csv.display(), xlsx.display());
}

/// Of `paths` (a list's CSV and XLSX), those holding a sample list other than the draw of
/// `rows` (see [`sample_file::same_draw`]; a file that cannot be read as a list counts as other),
/// set aside by [`set_aside`], with the new names. Files not there, or of the same draw, are
/// written over.
fn keep_other_draws(paths: &[PathBuf], rows: &[SampleRow]) -> Result<Vec<(PathBuf, PathBuf)>> {
    let others: Vec<&PathBuf> = paths
        .iter()
        .filter(|path| {
            path.exists()
                && !crate::score::table::read_table(path, Some(sample_file::SHEET), CODE)
                    .is_ok_and(|table| sample_file::same_draw(&table, rows))
        })
        .collect();
    set_aside(&others, |old, new| {
        format!(
            "已有的抽样清单 {} 与本次抽样不同，无法改名保留为 {}，未写入新的抽样清单",
            old.display(),
            new.display()
        )
    })
}

/// Renames `paths` (files of an earlier run) to `名（旧-YYYYMMDD-HHMMSS）.扩展名`; returns the old
/// and new names. Files renamed together get one stamp, the earliest modification time among
/// them, and one suffix (`-2`, …, when a name is taken): the CSV and the XLSX of one draw are
/// written a moment apart, and were kept as `抽样（旧-…-115450-3）.csv` beside
/// `抽样（旧-…-115451）.xlsx`, no longer seen as a pair. `failed(old, new)` says what a failed
/// rename means.
pub(crate) fn set_aside(
    paths: &[&PathBuf],
    failed: impl Fn(&Path, &Path) -> String,
) -> Result<Vec<(PathBuf, PathBuf)>> {
    let Some(modified) = paths
        .iter()
        .filter_map(|path| {
            std::fs::metadata(path)
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| jiff::Timestamp::try_from(t).ok())
        })
        .min()
        .or_else(|| (!paths.is_empty()).then(jiff::Timestamp::now))
    else {
        return Ok(Vec::new());
    };
    let stamp = modified
        .to_zoned_datetime(jiff::tz::TimeZone::system())
        .strftime("%Y%m%d-%H%M%S")
        .to_string();
    let renamed = |path: &Path, n: usize| {
        let part = |p: Option<&std::ffi::OsStr>| {
            p.map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default()
        };
        let suffix = if n == 1 {
            String::new()
        } else {
            format!("-{n}")
        };
        path.with_file_name(format!(
            "{}（旧-{stamp}{suffix}）.{}",
            part(path.file_stem()),
            part(path.extension())
        ))
    };
    let mut n = 1;
    while paths.iter().any(|p| renamed(p, n).exists()) {
        n += 1;
    }
    paths
        .iter()
        .map(|path| {
            let target = renamed(path, n);
            std::fs::rename(path, &target).with_context(|| failed(path, &target))?;
            Ok(((*path).clone(), target))
        })
        .collect()
}

fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    std::fs::write(path, bytes).with_context(|| format!("无法写入 {}", path.display()))
}
