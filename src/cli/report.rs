//! `zwfw-audit report`: re-render a saved `report.json` as Excel fix lists, HTML and CSV.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clap::Args;

use crate::report::json;
use crate::report::output::{self, Format};

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// 保存的 JSON 报告（report.json）
    #[arg(value_name = "报告")]
    report: PathBuf,
    /// 要生成的格式，多个用逗号隔开: xlsx、html、csv、json
    /// （默认: xlsx,html,csv）
    #[arg(
        long,
        default_value = "xlsx,html,csv",
        value_delimiter = ',',
        value_name = "格式",
        verbatim_doc_comment
    )]
    format: Vec<String>,
    /// 输出目录（默认: 报告所在的文件夹）
    #[arg(short, long, value_name = "文件夹")]
    output: Option<PathBuf>,
    /// 各单位交回的整改清单（文件或文件夹）：按指纹读取其中的整改情况、
    /// 是否有异议、异议理由，写进重新生成的整改清单-全部.xlsx，供考核人员复核
    #[arg(long, value_name = "回复", num_args = 1.., verbatim_doc_comment)]
    replies: Vec<PathBuf>,
    /// 不列出写入的文件，只显示错误
    #[arg(short, long)]
    quiet: bool,
}

pub fn run(args: &ReportArgs) -> Result<i32> {
    let formats = parse_formats(&args.format)?;
    let text = std::fs::read_to_string(&args.report)
        .with_context(|| format!("无法读取报告 {}", args.report.display()))?;
    let mut report = json::read(&text)
        .map_err(anyhow::Error::msg)
        .with_context(|| format!("无法使用报告 {}", args.report.display()))?;
    if !args.replies.is_empty() {
        let gathered = crate::report::replies::gather(&args.replies, &report);
        print_replies(&gathered, &report);
        report.replies = gathered.replies;
    }
    let dir = args.output.clone().unwrap_or_else(|| {
        args.report
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
    });
    let written = write_to(&report, &dir, &formats)?;
    if !args.quiet {
        print_written(&written);
    }
    Ok(0)
}

/// Parses `--format` values (already split on commas).
pub(crate) fn parse_formats(values: &[String]) -> Result<Vec<Format>> {
    values
        .iter()
        .filter(|v| !v.trim().is_empty())
        .map(|v| v.parse::<Format>().map_err(anyhow::Error::msg))
        .collect()
}

/// Creates `dir` and writes the formats into it.
pub(crate) fn write_to(
    report: &crate::report::Report,
    dir: &Path,
    formats: &[Format],
) -> Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir).with_context(|| format!("无法创建输出目录 {}", dir.display()))?;
    Ok(output::write_dir(report, dir, formats)?)
}

/// What was gathered from the units' returned fix lists, and the rows that could not be used.
fn print_replies(g: &crate::report::replies::Gathered, report: &crate::report::Report) {
    let units: std::collections::HashMap<String, &str> = report
        .findings
        .iter()
        .map(|f| (crate::history::fingerprint(f), f.unit.as_str()))
        .collect();
    let mut disputed: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for r in g.replies.iter().filter(|r| r.disputed) {
        *disputed
            .entry(units.get(&r.fingerprint).copied().unwrap_or_default())
            .or_default() += 1;
    }
    let by_unit: Vec<String> = disputed
        .iter()
        .map(|(u, n)| format!("{u} {n} 条"))
        .collect();
    say!(
        "已读取 {} 个回复文件：{} 条问题有回复，其中有异议 {} 条{}",
        g.files,
        g.replies.len(),
        disputed.values().sum::<usize>(),
        if by_unit.is_empty() {
            String::new()
        } else {
            format!("（{}）", by_unit.join("、"))
        }
    );
    for issue in &g.issues {
        say!("  注意: {} — {}", issue.place, issue.message);
    }
}

/// Lists the files written.
pub(crate) fn print_written(written: &[PathBuf]) {
    for path in written {
        say!("已写入 {}", path.display());
    }
}
