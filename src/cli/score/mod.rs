//! `zwfw-audit score`: score a checked report per unit (optionally only a sample's items, and
//! after an assessor's review), print the table and write the scores into the JSON report.
//!
//! This file holds the command's arguments (and the unit options `sample` shares), loading the
//! report and the unit mapping, and printing a file's bad rows. Not here: the run itself (`run`,
//! with what the review left open), which items are scored (`chosen`), the per-unit table
//! (`print`). The scoring is `crate::score`'s; nothing here computes a score.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clap::{Args, ValueEnum};

use crate::config::Config;
use crate::report::{self, Report};
use crate::score::table::FileIssue;
use crate::score::{UnitMapping, UnitMode};
use crate::source::Notice;

mod chosen;
mod print;
mod run;

pub(crate) use print::print_table;
pub use run::run;

/// Error rate choice on the command line.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum RateArg {
    /// 要素出错率: failing ÷ applicable element checks
    #[value(aliases = ["要素", "要素出错率"])]
    Element,
    /// 事项出错率: items with an error ÷ sampled items
    #[value(aliases = ["事项", "事项出错率"])]
    Item,
}

/// Unit grouping on the command line.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum UnitsArg {
    /// As recorded at check time
    #[value(aliases = ["默认"])]
    Default,
    /// One unit per 实施主体
    #[value(aliases = ["实施主体", "主体"])]
    Subject,
    /// One unit per 行政区划代码
    #[value(aliases = ["区划", "行政区划"])]
    Region,
}

/// Unit options shared by `sample` and `score`.
#[derive(Debug, Args)]
pub(crate) struct UnitArgs {
    /// 怎样划分考核单位: default（或 默认）按检查时的划分，subject（或
    /// 实施主体）每个实施主体一个单位，region（或 区划）每个行政区划代码
    /// 一个单位（默认: [score] units，没有设则 default）
    #[arg(long, value_enum, value_name = "划分", verbatim_doc_comment)]
    units: Option<UnitsArg>,
    /// 单位对照表（CSV 或 XLSX，列: 实施主体或区划、考核单位、类型）
    /// （默认: [score] mapping）
    #[arg(long, value_name = "对照表", verbatim_doc_comment)]
    mapping: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ScoreArgs {
    /// zwfw-audit check 生成的 JSON 报告（report.json），或计过分的报告
    #[arg(value_name = "报告")]
    report: PathBuf,
    /// 只给抽样清单中的事项计分（zwfw-audit sample 写出的 CSV 或 XLSX）。
    /// 计过分的报告（*.scored.json）记有抽样，不加本项时沿用
    #[arg(long, value_name = "抽样清单", verbatim_doc_comment)]
    sample: Option<PathBuf>,
    /// 给全部事项计分，不用报告中记录的抽样
    #[arg(long, conflicts_with = "sample")]
    census: bool,
    /// 按复核结果重算得分: 整改清单-全部.xlsx（“问题清单”表）、
    /// findings.csv，或 CSV（列: 实施编码、规则、原文、复核结果、备注）；
    /// 各单位的清单不行。报告中记有复核结果时，不加本项就沿用
    #[arg(long, value_name = "复核文件", verbatim_doc_comment)]
    review: Option<PathBuf>,
    /// 不用报告中记录的复核结果，按检查结果计分
    #[arg(long, conflicts_with = "review")]
    no_review: bool,
    /// 出错率口径: element（或 要素）要素出错率（出错的要素检查 ÷ 适用的
    /// 要素检查），item（或 事项）事项出错率（有错误的事项 ÷ 抽查的事项）
    /// （默认: 计过分的报告沿用原口径，否则 [score] rate，
    /// 没有设则 element）
    #[arg(long, value_enum, value_name = "口径", verbatim_doc_comment)]
    rate: Option<RateArg>,
    /// 得分保留几位小数（默认: [score] decimals，没有设则 2）
    #[arg(long, value_name = "位数")]
    decimals: Option<u32>,
    #[command(flatten)]
    units: UnitArgs,
    /// 写出的 JSON 报告，含得分（默认: 输入报告旁边的 <报告名>.scored.json）
    #[arg(short, long, value_name = "文件")]
    output: Option<PathBuf>,
    /// 配置文件（默认: 当前文件夹的 zwfw-audit.toml，没有就用内置设置）
    #[arg(long, value_name = "配置文件")]
    config: Option<PathBuf>,
    /// 不显示得分表和复核摘要，只显示错误和文件中的问题行
    #[arg(short, long)]
    quiet: bool,
}

/// Reads a JSON report written by `zwfw-audit check`.
pub(crate) fn load_report(path: &Path) -> Result<Report> {
    let file =
        std::fs::File::open(path).with_context(|| format!("无法读取报告 {}", path.display()))?;
    report::json::read_from(file)
        .map_err(anyhow::Error::msg)
        .with_context(|| format!("报告 {} 无法使用", path.display()))
}

/// The unit mapping from flags, then `[score]`, then the default; mapping-file issues are printed.
pub(crate) fn load_mapping(
    args: &UnitArgs,
    config: &Config,
) -> Result<(UnitMapping, Vec<FileIssue>)> {
    let mode = match args.units {
        Some(UnitsArg::Default) => UnitMode::Default,
        Some(UnitsArg::Subject) => UnitMode::Subject,
        Some(UnitsArg::Region) => UnitMode::Region,
        None => config.score.units,
    };
    match args.mapping.as_ref().or(config.score.mapping.as_ref()) {
        Some(path) => Ok(UnitMapping::load(path, mode)?),
        None => Ok((
            UnitMapping {
                mode,
                ..UnitMapping::default()
            },
            Vec::new(),
        )),
    }
}

/// Prints bad rows of a handed-back file.
/// The problems an earlier scoring met in the file `source` (its sample list or review file),
/// which still stand when that scoring's sample or review is reused.
fn problems_of<'a>(earlier: &'a [Notice], source: &'a str) -> impl Iterator<Item = FileIssue> + 'a {
    earlier
        .iter()
        .filter(move |n| *n.provenance.source == *source)
        .map(|n| FileIssue {
            place: n.provenance.clone(),
            message: n.message.clone(),
        })
}

pub(crate) fn print_issues(what: &str, issues: &[FileIssue]) {
    for i in issues {
        say!("  注意: {what} {} — {}", i.place, i.message);
    }
}

/// Prints what grouping the items into units met: rows of the mapping file (`source`) as the
/// 单位对照表's, the rest (a 实施主体 split over several units, found in the items) as the
/// export's, where they were read, even when no mapping was used.
pub(crate) fn print_mapping_issues(source: Option<&str>, issues: &[FileIssue]) {
    for i in issues {
        let what = if source == Some(&*i.place.source) {
            "单位对照表"
        } else {
            "导出文件"
        };
        say!("  注意: {what} {} — {}", i.place, i.message);
    }
}
