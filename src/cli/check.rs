//! `zwfw-audit check`: read inputs, run the rules, write reports.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use clap::{Args, ValueEnum};

use super::{ignore_broken_pipe, load_config, now_run_id};
use crate::check::{RunInfo, check_records, stream};
use crate::config::Config;
use crate::model::Severity;
use crate::report::{self, Report};
use crate::rules::CheckContext;
use crate::source::{self, Record};

/// The threshold for exit code 1.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum FailOn {
    /// Exit 1 when there is any error finding.
    Error,
    /// Exit 1 when there is any finding.
    Warning,
    /// Never exit 1 for findings.
    None,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// 输入文件: .json .ndjson .jsonl .xlsx .csv
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// 配置文件 (default: ./zwfw-audit.toml when present)
    #[arg(long)]
    config: Option<PathBuf>,
    /// 报告格式, comma-separated
    #[arg(long, default_value = "json", value_delimiter = ',')]
    format: Vec<String>,
    /// 输出: a folder, or `-` for stdout (JSON only); default reports/<run-id>/
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Exit 1 when findings at or above this severity exist
    #[arg(long, value_enum, default_value = "error")]
    fail_on: FailOn,
    /// Run id (default: the local time, e.g. 20261128-235959)
    #[arg(long)]
    run_id: Option<String>,
    /// Print nothing but errors
    #[arg(short, long)]
    quiet: bool,
    /// Read all items into memory even when every input is .ndjson/.jsonl (streamed by default)
    #[arg(long)]
    no_stream: bool,
}

pub fn run(args: &CheckArgs) -> Result<i32> {
    let config = load_config(args.config.as_deref())?;
    let rules = config.rule_set()?;
    let ctx = CheckContext {
        params: config.check.clone(),
    };
    if let Some(code) = run_streaming(args, &config, &rules, &ctx)? {
        return Ok(code);
    }
    let mut records: Vec<Record> = Vec::new();
    source::read_inputs(&args.inputs, &mut |r| records.push(r));
    let (default_id, generated_at) = now_run_id();
    let run_id = args.run_id.clone().unwrap_or(default_id);
    let run = RunInfo {
        run_id: run_id.clone(),
        generated_at,
        inputs: args
            .inputs
            .iter()
            .map(|p| p.display().to_string())
            .collect(),
    };
    let report = check_records(records, &rules, &ctx, run);
    if report.summary.items == 0
        && report
            .notices
            .iter()
            .any(|n| n.level == source::NoticeLevel::Error)
    {
        for n in &report.notices {
            eprintln!("错误: {} — {}", n.provenance, n.message);
        }
        bail!("没有读到任何事项");
    }
    write_outputs(&report, args, &config, &run_id)?;
    let threshold = match args.fail_on {
        FailOn::Error => Some(Severity::Error),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::None => None,
    };
    Ok(i32::from(
        threshold.is_some_and(|t| report.has_findings_at(t)),
    ))
}

fn write_outputs(report: &Report, args: &CheckArgs, config: &Config, run_id: &str) -> Result<()> {
    if args.output.as_deref() == Some(Path::new("-")) {
        if args.format.iter().any(|f| f != "json") {
            bail!("输出到标准输出 (-o -) 时只支持 --format json");
        }
        let mut out = std::io::stdout().lock();
        report::json::write(report, &mut out).or_else(ignore_broken_pipe)?;
        return Ok(());
    }
    let dir = args
        .output
        .clone()
        .unwrap_or_else(|| config.output.dir.join(run_id));
    std::fs::create_dir_all(&dir).with_context(|| format!("无法创建输出目录 {}", dir.display()))?;
    for format in &args.format {
        match format.trim() {
            "json" => {
                let path = dir.join("report.json");
                let mut file = std::io::BufWriter::new(
                    std::fs::File::create(&path)
                        .with_context(|| format!("无法写入 {}", path.display()))?,
                );
                report::json::write(report, &mut file)?;
                file.flush()?;
            }
            other => bail!("不支持的报告格式 \"{other}\"（可用: json）"),
        }
    }
    if !args.quiet {
        print_summary(report, &dir);
    }
    Ok(())
}

fn print_summary(report: &Report, dir: &Path) {
    let s = &report.summary;
    eprintln!(
        "已检查 {} 个事项（无法读取 {} 个），发现错误 {} 条、提示 {} 条，{} 个事项有错误。",
        s.checked, s.unreadable, s.errors, s.warnings, s.items_with_errors
    );
    for n in &report.notices {
        eprintln!("  注意: {} — {}", n.provenance, n.message);
    }
    for f in report.findings.iter().take(10) {
        eprintln!(
            "  [{}] {} {} — {}",
            f.rule, f.item_code, f.item_name, f.message
        );
    }
    if report.findings.len() > 10 {
        eprintln!("  …… 其余 {} 条见报告", report.findings.len() - 10);
    }
    eprintln!("报告已写入 {}", dir.display());
}

/// The streaming check (see [`crate::check::stream`]) when every input is NDJSON, the only report
/// format is JSON and the output is a folder; `None` when the in-memory path must run.
fn run_streaming(
    args: &CheckArgs,
    config: &Config,
    rules: &crate::rules::RuleSet,
    ctx: &CheckContext,
) -> Result<Option<i32>> {
    let to_stdout = args.output.as_deref() == Some(Path::new("-"));
    if args.no_stream
        || to_stdout
        || !stream::all_ndjson(&args.inputs)
        || args.format.iter().any(|f| f.trim() != "json")
    {
        return Ok(None);
    }
    let (default_id, generated_at) = now_run_id();
    let run_id = args.run_id.clone().unwrap_or(default_id);
    let dir = args
        .output
        .clone()
        .unwrap_or_else(|| config.output.dir.join(&run_id));
    std::fs::create_dir_all(&dir).with_context(|| format!("无法创建输出目录 {}", dir.display()))?;
    let run = RunInfo {
        run_id,
        generated_at,
        inputs: args
            .inputs
            .iter()
            .map(|p| p.display().to_string())
            .collect(),
    };
    // No scores: the in-memory path of this version does not score either.
    let out = stream::check_ndjson(
        &args.inputs,
        rules,
        ctx,
        run,
        &dir,
        &stream::StreamOptions::default(),
    )?;
    let s = &out.summary;
    if s.items == 0
        && out
            .notices
            .iter()
            .any(|n| n.level == source::NoticeLevel::Error)
    {
        for n in &out.notices {
            eprintln!("错误: {} — {}", n.provenance, n.message);
        }
        bail!("没有读到任何事项");
    }
    if !args.quiet {
        eprintln!(
            "已检查 {} 个事项（无法读取 {} 个），发现错误 {} 条、提示 {} 条，{} 个事项有错误。",
            s.checked, s.unreadable, s.errors, s.warnings, s.items_with_errors
        );
        for n in &out.notices {
            eprintln!("  注意: {} — {}", n.provenance, n.message);
        }
        for f in &out.first_findings {
            eprintln!(
                "  [{}] {} {} — {}",
                f.rule, f.item_code, f.item_name, f.message
            );
        }
        let total = s.errors + s.warnings;
        if total > out.first_findings.len() {
            eprintln!("  …… 其余 {} 条见报告", total - out.first_findings.len());
        }
        eprintln!("报告已写入 {}", dir.display());
    }
    let failing = match args.fail_on {
        FailOn::Error => s.errors > 0,
        FailOn::Warning => s.errors + s.warnings > 0,
        FailOn::None => false,
    };
    Ok(Some(i32::from(failing)))
}
