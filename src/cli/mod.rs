//! The command line: the only place that knows about clap. Each subcommand parses its arguments,
//! calls the library, prints, and returns an [`ExitCode`](std::process::ExitCode)-like number.
//!
//! This file holds the commands and the `say!` macro; what they share to set up a run is in
//! `setup`, what they write on the terminal besides their results in `terminal`.

use anyhow::Result;
use clap::{Parser, Subcommand};

/// `eprintln!` that cannot fail the run: what a command tells the terminal is best effort. A
/// closed pipe (`zwfw-audit check … 2>&1 | head`) made `eprintln!` panic, and a finished run
/// exited 101 instead of its own code.
///
/// Control characters in what it says (published text quotes them: an ESC that clears the
/// screen, a CR that writes over the line) are shown as `�` ([`terminal_safe`]).
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let line = format!($($arg)*);
        let _ = writeln!(std::io::stderr().lock(), "{}", $crate::cli::terminal_safe(&line));
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
mod setup;
mod terminal;
mod zh;

pub(crate) use setup::{
    create_output_dir, load_config, mapping_for, now_run_id, refuse_file_as_folder, run_time_at,
};
pub use terminal::describe;
pub(crate) use terminal::{
    LogLines, SafeOut, aligned, ignore_broken_pipe, notice_lines, terminal_safe,
};
pub use zh::parse_args;

/// The command line. Its help is Chinese throughout (see the `zh` module): the doc comments of the
/// subcommands and options below are what a clerk reads under `--help`.
#[derive(Debug, Parser)]
#[command(
    name = "zwfw-audit",
    version,
    about = "政务服务事项实施清单质量审核工具",
    long_about = None,
    after_help = "每个命令的用法和选项: zwfw-audit <命令> --help"
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// 检查事项，生成报告
    Check(check::CheckArgs),
    /// 只检查附件和链接（空白表格、样表、查询网址等）
    Links(links::LinksArgs),
    /// 按站点配置抓取平台上的事项，供 check 检查
    Crawl(crawl::CrawlArgs),
    /// 用保存的 JSON 报告重新生成 Excel、HTML、CSV 报告
    Report(report::ReportArgs),
    /// 列出全部规则
    Rules,
    /// 按考核单位抽取样本，写出抽样清单
    Sample(sample::SampleArgs),
    /// 按考核单位计算准确度得分
    Score(score::ScoreArgs),
    /// 夜间审核：检查、计分、与上次对比、写入历史库
    Audit(audit::AuditArgs),
    /// 生成模拟事项（用于测试）
    Gen(r#gen::GenArgs),
    /// 显示一条规则的说明，如 explain B09
    Explain {
        /// 规则编号或名称，如 B09、B9、handling-address；
        /// 也可写要素，如 办理地点
        #[arg(value_name = "规则", verbatim_doc_comment)]
        rule: String,
    },
    /// 显示帮助，如 help check
    Help {
        /// 要看哪个命令的帮助，如 check 或 audit waive
        #[arg(value_name = "命令")]
        command: Vec<String>,
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
        Command::Help { command } => Ok(zh::help(&command)),
    }
}
