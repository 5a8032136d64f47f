//! `zwfw-audit check`: read inputs, run the rules, write reports.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use clap::{Args, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};

mod summary;

use super::sample::{Stratify, resolve_spec};
use super::{ignore_broken_pipe, load_config, now_run_id};
use crate::check::{Builder, Progress, RunInfo, stream};
use crate::config::Config;
use crate::model::{Provenance, Severity};
use crate::report::output::Format;
use crate::report::{self, Report};
use crate::rules::CheckContext;
use crate::score::SampleSpec;
use crate::score::reservoir::draw_report;
use crate::score::sample::SampleRow;
use crate::score::table::FileIssue;
use crate::source::{self, Record};
use summary::{Done, print_done, print_errors, print_summary};

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
#[command(after_help = "退出码: 0 没有达到 --fail-on 级别的问题\n\
                        \x20       1 有达到 --fail-on 级别的问题\n\
                        \x20       2 无法完成检查")]
pub struct CheckArgs {
    /// 导出文件（.json .ndjson .jsonl、Excel 或 WPS 工作簿、.csv 等文本
    /// 表格）或文件夹；文件夹读其中能读的文件（不含子文件夹），也可以是
    /// crawl 的输出目录；不用 --profile 时必须写
    #[arg(
        required_unless_present = "profile",
        value_name = "输入文件",
        verbatim_doc_comment
    )]
    inputs: Vec<PathBuf>,
    /// 先按站点配置抓取平台，再连同输入文件一起检查；抓取结果存在
    /// reports/crawl-<名称>/，下次接着抓；抓取没完成时报错，不检查
    #[arg(long, value_name = "站点配置", verbatim_doc_comment)]
    profile: Option<PathBuf>,
    /// 配置文件（默认: 当前文件夹的 zwfw-audit.toml，没有就用内置设置）
    #[arg(long, value_name = "配置文件")]
    config: Option<PathBuf>,
    /// 报告格式，多个用逗号隔开: json、xlsx、html、csv
    /// （默认: 四种都写；-o - 时只写 json）
    #[arg(long, value_delimiter = ',', value_name = "格式", verbatim_doc_comment)]
    format: Option<Vec<String>>,
    /// 报告写入的文件夹；写 - 则把 JSON 报告输出到标准输出
    /// （默认: reports/<运行编号>/，reports 可由 [output] dir 改）
    #[arg(short, long, value_name = "文件夹", verbatim_doc_comment)]
    output: Option<PathBuf>,
    /// 什么情况下退出码为 1: error 有错误时，warning 有错误或提示时，
    /// none 从不（默认: error）
    #[arg(
        long,
        value_enum,
        default_value = "error",
        value_name = "级别",
        verbatim_doc_comment
    )]
    fail_on: FailOn,
    /// 运行编号，也是报告文件夹的名字（默认: 当前时间，如 20261128-235959）
    #[arg(long, value_name = "运行编号")]
    run_id: Option<String>,
    /// 不显示进度和检查摘要，只显示错误
    #[arg(short, long)]
    quiet: bool,
    /// 同时检查附件和链接（要联网，只访问 [links] allowed_hosts 中的主机）
    #[arg(long)]
    links: bool,
    /// 允许访问的主机，如 zwfw.chizhou.gov.cn，可写多次；加在
    /// [links] allowed_hosts 之后（与 --links 同用）
    #[arg(
        long = "allow-host",
        requires = "links",
        value_name = "主机",
        verbatim_doc_comment
    )]
    allow_hosts: Vec<String>,
    /// 先把全部事项读入内存再检查。默认在输入都是 .ndjson/.jsonl（或每行
    /// 一个事项、或是一个事项数组的 .json，或只有这些文件的文件夹）、输出
    /// 到文件夹、不用 --links 和 --profile 时边读边查（多核并行，Excel、
    /// 网页、CSV 报告按单位逐个写出，占内存少）；两种方式结果相同
    #[arg(long, verbatim_doc_comment)]
    no_stream: bool,
    /// 边检查边按单位抽样，并给样本计分；抽样清单 sample.csv、sample.xlsx
    /// 写在报告旁边。方法: count:数量（每个单位抽几个）、fraction:比例
    /// （0–1，每个单位按比例抽）、all（全部）、gb2828（按 GB/T 2828.1）；
    /// 要有抽样种子（--seed 或 [score] seed），不能与 -o - 同用。
    /// 与 zwfw-audit sample 抽法不同（同一种子抽中的事项不同），清单的
    /// 方法列写作「gb2828（边检查边抽样）」
    #[arg(long, value_name = "方法", verbatim_doc_comment)]
    sample: Option<String>,
    /// 抽样种子，同一种子抽出同一样本；可写日期，如 2026-11-28 即 20261128
    /// （默认: [score] seed）；要与 --sample 同用
    #[arg(
        long,
        requires = "sample",
        value_parser = super::sample::parse_seed,
        value_name = "种子",
        verbatim_doc_comment
    )]
    seed: Option<u64>,
    /// 按事项类型分层抽样，写 item_type 或 事项类型；要与 --sample 同用
    /// （[score] stratify = true 时也分层）
    #[arg(
        long,
        value_enum,
        requires = "sample",
        value_name = "分层",
        verbatim_doc_comment
    )]
    stratify: Option<Stratify>,
    /// 不复用判定: 文字相同的要素和清单也逐个重新检查
    /// （结果相同，但更慢；用于性能测试）
    #[arg(long, verbatim_doc_comment)]
    no_verdict_cache: bool,
}

impl CheckArgs {
    /// The formats asked for: all four by default, JSON alone when writing to stdout.
    fn formats(&self) -> Vec<String> {
        match &self.format {
            Some(f) => f.clone(),
            None if self.output.as_deref() == Some(Path::new("-")) => vec!["json".into()],
            None => ["json", "xlsx", "html", "csv"].map(String::from).to_vec(),
        }
    }
}

pub fn run(args: &CheckArgs) -> Result<i32> {
    let mut config = load_config(args.config.as_deref())?;
    config.links.allowed_hosts.extend(args.allow_hosts.clone());
    let rules = config.rule_set()?.sharing_verdicts(!args.no_verdict_cache);
    super::report::parse_formats(&args.formats())?;
    let spec = match &args.sample {
        Some(method) => Some(resolve_spec(
            Some(method),
            args.seed,
            args.stratify.is_some(),
            &config,
        )?),
        None => None,
    };
    if spec.is_some() && args.output.as_deref() == Some(Path::new("-")) {
        bail!("--sample 要把抽样清单写入输出目录，不能与 -o - 同用");
    }
    if let Some(dir) = args.output.as_deref().filter(|d| *d != Path::new("-")) {
        super::refuse_file_as_folder(dir)?;
    }
    let ctx = CheckContext::new(config.check.clone());
    if let Some(code) = run_streaming(args, &config, &rules, &ctx, spec)? {
        return Ok(code);
    }
    let mut inputs = args.inputs.clone();
    if let Some(profile) = &args.profile {
        inputs.push(super::crawl::crawl_for_check(profile, args.quiet)?);
    }
    // Records are checked a run at a time as they are read, so that only the report is held
    // (and a run's links, with --links), not every item of the input.
    let mut builder = Builder::new(&rules, &ctx);
    let mut link_uses = args.links.then(Vec::new);
    let mut pending: Vec<Record> = Vec::with_capacity(crate::check::RUN);
    let (bar, progress) = check_progress(args.quiet)?;
    let mut flush = |pending: &mut Vec<Record>, builder: &mut Builder<'_>| {
        if let Some(uses) = link_uses.as_mut() {
            uses.extend(crate::links::collect_records_from(
                pending,
                builder.entries(),
            ));
        }
        builder.add(std::mem::take(pending));
        progress.report(builder.entries());
    };
    source::read_inputs_with(&inputs, &config.labels, &mut |r| {
        pending.push(r);
        if pending.len() >= crate::check::RUN {
            flush(&mut pending, &mut builder);
        }
    });
    flush(&mut pending, &mut builder);
    // Links are checked with a bar of their own; a run that read nothing says why at once.
    if args.links || builder.entries() == 0 {
        bar.finish_and_clear();
    }
    let (default_id, generated_at) = now_run_id();
    let run_id = args.run_id.clone().unwrap_or(default_id);
    let run = RunInfo {
        run_id: run_id.clone(),
        generated_at,
        inputs: inputs.iter().map(|p| p.display().to_string()).collect(),
    };
    let mut report = builder.finish(run);
    if let Some(uses) = link_uses {
        super::links::check_report(&mut report, uses, &config, &rules, args.quiet)?;
    }
    let (mapping, score_opts, mut issues) =
        crate::score::census_setup(&config.score).context("无法使用 [score] 中的单位对照表")?;
    issues.extend(mapping.coverage(&report.items));
    report
        .notices
        .extend(issues.iter().map(FileIssue::to_notice));
    // The sample is drawn as the streaming check draws it, and scored as `score --sample` would.
    let sample = spec.map(|spec| (draw_report(&report, &mapping, spec), spec));
    let chosen: Option<BTreeSet<usize>> = sample
        .as_ref()
        .map(|(rows, _)| rows.iter().map(|r| r.index).collect());
    report.scores = crate::score::score_units(&report, &mapping, chosen.as_ref(), None, score_opts);
    report.scoring_settings = Some(crate::report::ScoringSettings::of(&mapping, score_opts));
    // Kept, so that `score` of this report scores the drawn items again.
    report.sample = sample.as_ref().map(|(rows, spec)| {
        let dir = args
            .output
            .clone()
            .unwrap_or_else(|| config.output.dir.join(&run_id));
        crate::score::sample::streaming_record(rows, spec, &dir.join("sample.xlsx"))
    });
    // Nothing read is a failed run, whatever was said about it: an empty report would pass for
    // an export without problems.
    if report.summary.items == 0 {
        for n in &report.notices {
            let level = if n.level == source::NoticeLevel::Error {
                "错误"
            } else {
                "注意"
            };
            say!("{level}: {} — {}", n.provenance, n.message);
        }
        bail!("没有读到任何事项");
    }
    if !bar.is_finished() {
        bar.set_message("，正在写入报告…");
    }
    write_outputs(&report, args, &config, &run_id, sample.as_ref(), &bar)?;
    nothing_checked(report.summary.checked, report.summary.unreadable)?;
    let threshold = match args.fail_on {
        FailOn::Error => Some(Severity::Error),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::None => None,
    };
    Ok(i32::from(
        threshold.is_some_and(|t| report.has_findings_at(t)),
    ))
}

/// A run that read items but could check none of them (every one unreadable: a `null` where an
/// object was expected once made all of a file's) failed, as a run that read nothing does (exit
/// code 2: no input could be read): its report, written all the same, lists every record with
/// the reason, but a clean exit would pass for an export without problems.
fn nothing_checked(checked: usize, unreadable: usize) -> Result<()> {
    if checked == 0 && unreadable > 0 {
        bail!(
            "没有一条事项能检查：读到的 {unreadable} 条记录都无法读取（原因见报告的“无法读取”部分）"
        );
    }
    Ok(())
}

fn write_outputs(
    report: &Report,
    args: &CheckArgs,
    config: &Config,
    run_id: &str,
    sample: Option<&(Vec<SampleRow>, SampleSpec)>,
    bar: &ProgressBar,
) -> Result<()> {
    if args.output.as_deref() == Some(Path::new("-")) {
        if args.formats().iter().any(|f| f != "json") {
            bail!("输出到标准输出 (-o -) 时只支持 --format json");
        }
        let mut out = std::io::stdout().lock();
        report::json::write(report, &mut out).or_else(ignore_broken_pipe)?;
        // No summary follows the JSON: what could not be read is said on stderr all the same.
        print_errors(&report.notices, Path::new("JSON 报告的 notices"));
        return Ok(());
    }
    let dir = args
        .output
        .clone()
        .unwrap_or_else(|| config.output.dir.join(run_id));
    let formats = super::report::parse_formats(&args.formats())?;
    let written = super::report::write_to(report, &dir, &formats);
    bar.finish_and_clear();
    super::report::set_aside_stale_fix_lists(&dir, &written?);
    if args.quiet {
        print_errors(&report.notices, &dir);
    } else {
        print_summary(report, &dir, config.score.decimals);
    }
    if let Some((rows, spec)) = sample {
        write_sample(rows, spec, &report.scores, &dir, args.quiet)?;
    }
    Ok(())
}

/// `dir/sample.csv` and `dir/sample.xlsx`, and the per-unit counts on the terminal (a unit drawn
/// whole said so, by its item count in `scores`, as `sample` says it).
fn write_sample(
    rows: &[SampleRow],
    spec: &SampleSpec,
    scores: &[crate::score::UnitScore],
    dir: &Path,
    quiet: bool,
) -> Result<()> {
    let (csv, xlsx) = super::sample::write_files(rows, &dir.join("sample"))?;
    if !quiet {
        let lot_sizes: std::collections::BTreeMap<String, usize> =
            scores.iter().map(|s| (s.unit.clone(), s.items)).collect();
        let label = spec.streaming_label();
        super::sample::print_summary(rows, &label, spec.seed, &csv, &xlsx, Some(&lot_sizes));
    }
    Ok(())
}

/// Where no bar is drawn (a log file, as under cron), how often a line says how far the check is.
const LOG_EVERY: std::time::Duration = std::time::Duration::from_secs(30);

/// A spinner on a terminal with the items checked so far (hidden with `-q`), or a line in the log
/// every [`LOG_EVERY`]: a province's check runs for minutes.
pub(super) fn check_progress(quiet: bool) -> Result<(ProgressBar, Progress)> {
    let bar = if quiet {
        ProgressBar::hidden()
    } else {
        ProgressBar::new_spinner()
    };
    bar.set_style(ProgressStyle::with_template(
        "{spinner} 检查中 [{elapsed}] 已检查 {pos} 个事项{msg}",
    )?);
    bar.enable_steady_tick(std::time::Duration::from_millis(200));
    let log = super::LogLines::new(quiet, LOG_EVERY);
    let started = std::time::Instant::now();
    let shown = bar.clone();
    let progress = Progress::new(move |done| {
        shown.set_position(done as u64);
        if log.due() {
            say!(
                "检查中: 已检查 {done} 个事项，用时 {} 秒",
                started.elapsed().as_secs()
            );
        }
    });
    Ok((bar, progress))
}

/// The streaming check (see [`crate::check::stream`]) when every input is NDJSON or JSON holding
/// an array of items (or a folder of them) and the output is a folder; `None` when the in-memory path must run.
/// With formats besides JSON it keeps the report on disk and writes them from it a unit at a time.
fn run_streaming(
    args: &CheckArgs,
    config: &Config,
    rules: &crate::rules::RuleSet,
    ctx: &CheckContext,
    sample: Option<SampleSpec>,
) -> Result<Option<i32>> {
    let to_stdout = args.output.as_deref() == Some(Path::new("-"));
    if args.no_stream || to_stdout || args.links || args.profile.is_some() {
        return Ok(None);
    }
    // A `.json` that is one object is read once to find its items' array before the check (a
    // province's wrapped export: seconds, more on a slow disk): a spinner says so on a terminal.
    let looking = if args.quiet {
        ProgressBar::hidden()
    } else {
        ProgressBar::new_spinner()
    };
    looking.set_message("正在查看输入文件…");
    looking.enable_steady_tick(std::time::Duration::from_millis(200));
    let plan = stream::StreamPlan::of(&args.inputs);
    looking.finish_and_clear();
    let Some(plan) = plan else {
        return Ok(None);
    };
    // report.json is assembled from what was written as the records were checked (when asked
    // for); the other formats are written from the report kept on disk, a unit at a time.
    let formats = super::report::parse_formats(&args.formats())?;
    let json_asked = formats.contains(&Format::Json);
    let others: Vec<Format> = formats.into_iter().filter(|&f| f != Format::Json).collect();
    let (default_id, generated_at) = now_run_id();
    let run_id = args.run_id.clone().unwrap_or(default_id);
    let dir = args
        .output
        .clone()
        .unwrap_or_else(|| config.output.dir.join(&run_id));
    super::create_output_dir(&dir)?;
    let run = RunInfo {
        run_id,
        generated_at,
        inputs: args
            .inputs
            .iter()
            .map(|p| p.display().to_string())
            .collect(),
    };
    let (mapping, score_opts, issues) =
        crate::score::census_setup(&config.score).context("无法使用 [score] 中的单位对照表")?;
    for i in &issues {
        say!("  注意: 单位对照表 {} — {}", i.place, i.message);
    }
    let (bar, progress) = check_progress(args.quiet)?;
    let opts = stream::StreamOptions {
        scores: Some((mapping, score_opts)),
        sample,
        labels: config.labels.clone(),
        progress: Some(progress),
        keep: !others.is_empty(),
        json: json_asked,
        ..stream::StreamOptions::default()
    };
    let out = stream::check_stream(&plan, rules, ctx, run, &dir, &opts);
    let written = out.as_ref().ok().and_then(|out| {
        let shards = out
            .shards
            .as_ref()
            .filter(|s| s.header().summary.items > 0)?;
        let mut done = |k: usize, n: usize| {
            bar.set_message(format!("，正在写入报告（{k}/{n} 个单位）…"));
        };
        Some(super::report::write_by_unit(
            shards, &dir, &others, &mut done,
        ))
    });
    bar.finish_and_clear();
    let out = out?;
    if let Some(written) = written.transpose()? {
        super::report::set_aside_stale_fix_lists(&dir, &written);
    }
    let s = &out.summary;
    // Nothing read is a failed run, whatever was said about it: an empty report would pass for
    // an export without problems.
    if s.items == 0 {
        for n in &out.notices {
            let level = if n.level == source::NoticeLevel::Error {
                "错误"
            } else {
                "注意"
            };
            say!("{level}: {} — {}", n.provenance, n.message);
        }
        bail!("没有读到任何事项");
    }
    if args.quiet {
        print_errors(&out.notices, &dir);
    } else {
        let unreadable: Vec<(&Provenance, &str)> = out
            .first_unreadable
            .iter()
            .map(|(p, r)| (p, r.as_str()))
            .collect();
        print_done(
            &Done {
                summary: s,
                notices: &out.notices,
                unreadable: &unreadable,
                first_findings: &out.first_findings,
                findings: s.errors + s.warnings,
                scores: &out.scores,
            },
            &dir,
            config.score.decimals,
        );
    }
    if let Some(spec) = &sample {
        write_sample(&out.sample, spec, &out.scores, &dir, args.quiet)?;
    }
    nothing_checked(s.checked, s.unreadable)?;
    let failing = match args.fail_on {
        FailOn::Error => s.errors > 0,
        FailOn::Warning => s.errors + s.warnings > 0,
        FailOn::None => false,
    };
    Ok(Some(i32::from(failing)))
}
