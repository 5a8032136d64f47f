//! The command line: the only place that knows about clap. Each subcommand parses its arguments,
//! calls the library, prints, and returns an [`ExitCode`]-like number.

use std::path::Path;

use anyhow::Result;
use clap::{Parser, Subcommand};

use crate::config::Config;

/// `eprintln!` that cannot fail the run: what a command tells the terminal is best effort. A
/// closed pipe (`zwfw-audit check … 2>&1 | head`) made `eprintln!` panic, and a finished run
/// exited 101 instead of its own code.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr().lock(), $($arg)*);
    }};
}

mod audit;
mod check;
mod crawl;
mod r#gen;
mod links;
mod report;
mod rules;
mod sample;
mod score;

/// 政务服务事项实施清单质量审核工具 — audits the implementation lists of government service items.
#[derive(Debug, Parser)]
#[command(name = "zwfw-audit", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// 检查事项并生成报告 (check items and write a report)
    Check(check::CheckArgs),
    /// 检查附件和链接 (check attachments and links): forms, samples, query sites
    Links(links::LinksArgs),
    /// 按站点配置抓取事项 (crawl a platform's guide pages into items for check)
    ///
    /// Exit code 0 when the crawl finished and every page was read, 1 when it paused (a limit or
    /// budget; run again to resume) or some pages failed or were skipped, 2 on error.
    Crawl(crawl::CrawlArgs),
    /// 从已保存的 JSON 报告生成 Excel/HTML/CSV (re-render a saved report)
    Report(report::ReportArgs),
    /// 列出全部规则 (list every rule)
    Rules,
    /// 按单位抽取样本 (draw a reproducible per-unit sample of a report)
    Sample(sample::SampleArgs),
    /// 计算准确度得分 (score a report per unit, optionally a sample and a review)
    Score(score::ScoreArgs),
    /// 夜间审核: 检查、对比上次运行、写入历史 (nightly audit with history), e.g. `audit --config zwfw-audit.toml`
    Audit(audit::AuditArgs),
    /// 生成模拟事项 (write synthetic items for benchmarks)
    Gen(r#gen::GenArgs),
    /// 显示一条规则的说明 (explain a rule), e.g. `explain B09`
    Explain {
        /// Rule id or name.
        rule: String,
    },
}

/// Runs the CLI; returns the process exit code (0 clean, 1 findings, 2 error).
pub fn run(cli: Cli) -> Result<i32> {
    match cli.command {
        Command::Check(args) => check::run(&args),
        Command::Audit(args) => audit::run(&args),
        Command::Links(args) => links::run(&args),
        Command::Crawl(args) => crawl::run(&args),
        Command::Report(args) => report::run(&args),
        Command::Rules => {
            rules::print_rules()?;
            Ok(0)
        }
        Command::Explain { rule } => rules::explain(&rule),
        Command::Sample(args) => sample::run(&args),
        Command::Score(args) => score::run(&args),
        Command::Gen(args) => r#gen::run(&args),
    }
}

pub(crate) fn load_config(path: Option<&Path>) -> Result<Config> {
    match path {
        Some(p) => Ok(Config::load(p)?),
        None if Path::new("zwfw-audit.toml").exists() => {
            Ok(Config::load(Path::new("zwfw-audit.toml"))?)
        }
        None => Ok(Config::default()),
    }
}

pub(crate) fn now_run_id() -> (String, String) {
    let now = jiff::ZonedDateTime::now();
    (
        now.strftime("%Y%m%d-%H%M%S").to_string(),
        now.timestamp().to_string(),
    )
}

/// An error that stops a run, as the terminal shows it: the message, then each cause it does not
/// already quote, an I/O cause in Chinese (`无法读取报告 a.json: 文件或文件夹不存在`).
pub fn describe(e: &anyhow::Error) -> String {
    let mut text = String::new();
    for cause in e.chain() {
        let own = cause.to_string();
        let part = cause
            .downcast_ref::<std::io::Error>()
            .map_or_else(|| own.clone(), crate::io_reason);
        if text.contains(&own) || text.contains(&part) {
            continue;
        }
        if !text.is_empty() {
            text.push_str(": ");
        }
        text.push_str(&part);
    }
    text
}

/// A closed pipe (`zwfw-audit rules | head`) is not an error.
pub(crate) fn ignore_broken_pipe(e: std::io::Error) -> std::io::Result<()> {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        Ok(())
    } else {
        Err(e)
    }
}

#[cfg(test)]
mod tests {
    use std::io::{Error, ErrorKind};

    use super::describe;
    use crate::score::table::TableError;

    /// Scores keep their configured decimals on the terminal, as in the Excel (7.70, not 7.7).
    #[test]
    fn the_score_table_shows_the_configured_decimals() {
        use crate::score::RateKind;
        use crate::score::compute::{ScoreOptions, UnitSums, score_from_sums};
        use crate::unit::UnitKind;

        let sums = UnitSums {
            lot_items: 10,
            lot_checks: 80,
            sampled: 10,
            checks: 80,
            failed_checks: 3,
            ..UnitSums::default()
        };
        let opts = ScoreOptions {
            rate_kind: RateKind::Element,
            decimals: 2,
        };
        let s = score_from_sums("贵池区".into(), UnitKind::County, &sums, opts);
        assert!((s.score - 7.7).abs() < 1e-9);
        let mut out = Vec::new();
        super::score::print_table(&mut out, &[s], RateKind::Element, 2).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.contains("7.70/8") && text.contains("7.70–7.70"),
            "{text}"
        );
    }

    #[test]
    fn a_run_stopping_error_is_chinese_and_says_each_cause_once() {
        let missing = || Error::from(ErrorKind::NotFound);
        let e = anyhow::Error::new(missing()).context("无法读取报告 a.json");
        assert_eq!(describe(&e), "无法读取报告 a.json: 文件或文件夹不存在");
        // The table error quotes its I/O cause already: it is not repeated after it.
        let e = anyhow::Error::new(TableError::Io {
            path: "复核.csv".into(),
            source: missing(),
        })
        .context("无法使用复核文件 复核.csv");
        assert_eq!(
            describe(&e),
            "无法使用复核文件 复核.csv: 无法读取 复核.csv: 文件或文件夹不存在"
        );
        let e = anyhow::Error::new(Error::other("磁盘控制器错误"));
        assert_eq!(describe(&e), "磁盘控制器错误");
    }
}
