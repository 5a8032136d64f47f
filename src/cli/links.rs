//! `zwfw-audit links`: check every link of the inputs (blank forms, samples, result samples,
//! intermediary query sites, online handling URLs) and write `links.json`; also the link step of
//! `check --links`.

use std::io::Write;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::{Context, Result};
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};

use super::{load_config, now_run_id};
use crate::config::Config;
use crate::links::{self, LinkRun, LinkUse, LinkVerdict};
use crate::report::Report;
use crate::rules::RuleSet;
use crate::source::{self, Record};

#[derive(Debug, Args)]
#[command(after_help = "退出码: 0 没有失效的链接\n\
                        \x20       1 有失效的链接\n\
                        \x20       2 无法完成检查")]
pub struct LinksArgs {
    /// 导出文件或文件夹，与 check 相同
    #[arg(required = true, value_name = "输入文件")]
    inputs: Vec<PathBuf>,
    /// 配置文件（默认: 当前文件夹的 zwfw-audit.toml，没有就用内置设置）
    #[arg(long, value_name = "配置文件")]
    config: Option<PathBuf>,
    /// 允许访问的主机，如 zwfw.chizhou.gov.cn，可写多次；加在
    /// [links] allowed_hosts 之后。不在其中的链接不访问，记为“无法核实”
    #[arg(long = "allow-host", value_name = "主机", verbatim_doc_comment)]
    allow_hosts: Vec<String>,
    /// 结果文件
    /// （默认: reports/<运行编号>/links.json，reports 可由 [output] dir 改）
    #[arg(short, long, value_name = "文件", verbatim_doc_comment)]
    output: Option<PathBuf>,
    /// 不显示进度、注意事项和摘要，只显示错误
    #[arg(short, long)]
    quiet: bool,
}

pub fn run(args: &LinksArgs) -> Result<i32> {
    let mut config = load_config(args.config.as_deref())?;
    config.links.allowed_hosts.extend(args.allow_hosts.clone());
    let mut records: Vec<Record> = Vec::new();
    source::read_inputs(&args.inputs, &mut |r| records.push(r));
    for r in &records {
        if let Record::Notice(n) = r
            && !args.quiet
        {
            say!("注意: {} — {}", n.provenance, n.message);
        }
    }
    let uses = links::collect_records(&records);
    let run = check(uses, &config, args.quiet)?;
    let (run_id, _) = now_run_id();
    let path = args
        .output
        .clone()
        .unwrap_or_else(|| config.output.dir.join(&run_id).join("links.json"));
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("无法创建输出目录 {}", dir.display()))?;
    }
    let mut used_by: std::collections::HashMap<&str, Vec<serde_json::Value>> =
        std::collections::HashMap::new();
    for u in &run.uses {
        used_by
            .entry(u.url.as_str())
            .or_default()
            .push(serde_json::json!({
                "item": u.item, "kind": u.kind, "target": u.target, "provenance": u.provenance
            }));
    }
    let json = serde_json::json!({
        "stats": run.stats,
        "links": run
            .checks
            .values()
            .map(|c| serde_json::json!({"check": c, "used_by": used_by.get(c.url.as_str())}))
            .collect::<Vec<_>>(),
    });
    let mut file = std::io::BufWriter::new(
        std::fs::File::create(&path).with_context(|| format!("无法写入 {}", path.display()))?,
    );
    serde_json::to_writer_pretty(&mut file, &json)?;
    file.flush()?;
    if !args.quiet {
        for c in run.checks.values().filter(|c| c.verdict != LinkVerdict::Ok) {
            say!("  [{}] {} — {}", c.verdict.label_zh(), c.url, c.reason);
        }
        say!("结果已写入 {}", path.display());
    }
    Ok(i32::from(run.stats.broken > 0))
}

/// Checks the links (cache in `[links] cache_dir`) and prints a one-line summary.
pub(crate) fn check(uses: Vec<LinkUse>, config: &Config, quiet: bool) -> Result<LinkRun> {
    if config.links.allowed_hosts.is_empty() && !uses.is_empty() && !quiet {
        say!("注意: 配置 [links] allowed_hosts 为空，所有链接都不会被访问（结果为“无法核实”）");
    }
    // A bar on a terminal (indicatif draws nothing when stderr is a log file, as under cron).
    let bar = if quiet {
        ProgressBar::hidden()
    } else {
        ProgressBar::new(0)
    };
    bar.set_style(ProgressStyle::with_template(
        "{spinner} 检查链接 [{elapsed}] {pos}/{len} 个网址",
    )?);
    bar.enable_steady_tick(Duration::from_millis(200));
    let progress = |done: usize, total: usize| {
        bar.set_length(total as u64);
        bar.set_position(done as u64);
    };
    let run = links::check_links_blocking(uses, &config.links, jiff::Timestamp::now(), &progress);
    bar.finish_and_clear();
    let run = run.context("链接检查无法进行")?;
    if !quiet {
        for n in &run.notes {
            say!("注意: {n}");
        }
        let s = &run.stats;
        say!(
            "已检查链接 {} 个（引用 {} 处）：可用 {}、失效 {}、无法核实 {}；缓存直接使用 {}、条件请求确认未变 {}；请求 {} 次，用时 {:.1} 秒",
            s.urls,
            s.uses,
            s.ok,
            s.broken,
            s.unverifiable,
            s.fresh_from_cache,
            s.revalidated,
            s.requests,
            s.elapsed_secs
        );
    }
    Ok(run)
}

/// The link step of `check --links`: check, then add the findings to the report.
pub(crate) fn check_report(
    report: &mut Report,
    uses: Vec<LinkUse>,
    config: &Config,
    rules: &RuleSet,
    quiet: bool,
) -> Result<()> {
    let run = check(uses, config, quiet)?;
    links::apply_to_report(report, &run, rules);
    Ok(())
}
