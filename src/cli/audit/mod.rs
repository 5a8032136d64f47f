//! `zwfw-audit audit`: the nightly run for cron — source → check (reusing unchanged items) →
//! links (with `[audit] links`) → waivers → score → diff → reports → history — plus the
//! `waive`, `unwaive`, `waivers` and `runs` subcommands over the history store.
//!
//! Exit codes: 0 done (findings are normal), 1 `--fail-on-new` threshold reached, 2 the run failed.
//! See `docs/NIGHTLY.md`.
//!
//! This file holds the command's arguments, the dispatch and opening the store; the run is in
//! `nightly` (its input checks in `input`, what it prints in `summary`), the subcommands in
//! `waivers` and `runs`.

mod input;
mod nightly;
mod parts;
mod runs;
mod stopped;
mod summary;
#[cfg(test)]
mod tests;
mod waivers;

use std::path::PathBuf;

use anyhow::Result;
use clap::{Args, Subcommand, ValueEnum};

use super::load_config;
use crate::config::Config;
use crate::history::Store;

/// The threshold for exit code 1 on new findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FailOnNew {
    /// Exit 1 when a new (not waived) error appeared.
    Error,
    /// Exit 1 when any new (not waived) finding appeared.
    Warning,
    /// Never exit 1 for findings.
    None,
}

#[derive(Debug, Args)]
#[command(
    args_conflicts_with_subcommands = true,
    after_help = "不写命令时执行夜间审核；命令用来管理豁免和历次运行。\n\n\
                  退出码: 0 审核完成（有问题也是 0）\n\
                  \x20       1 出现达到 --fail-on-new 级别的新问题\n\
                  \x20       2 审核失败（这次运行在历史库中记为未完成）"
)]
pub struct AuditArgs {
    #[command(subcommand)]
    action: Option<Action>,
    #[command(flatten)]
    store: StoreArgs,
    /// 要审核的导出文件，可写多次（代替配置文件中的 [audit] inputs）
    #[arg(long = "input", value_name = "文件")]
    inputs: Vec<PathBuf>,
    /// 对比基准: 一次已完成运行的编号，或一个日期（取这一天或之前最后一次
    /// 已完成的运行）（默认: 上一次已完成的运行）
    #[arg(long, value_name = "日期|运行编号", verbatim_doc_comment)]
    since: Option<String>,
    /// 什么情况下退出码为 1: error 有新的错误时，warning 有新的错误或提示时，
    /// none 从不；已豁免的不算（默认: none）
    #[arg(
        long,
        value_enum,
        default_value = "none",
        value_name = "级别",
        verbatim_doc_comment
    )]
    fail_on_new: FailOnNew,
    /// 运行编号，也是报告文件夹的名字
    /// （默认: 由运行时间生成，如 20261120-020000）
    #[arg(long, value_name = "运行编号", verbatim_doc_comment)]
    run_id: Option<String>,
    /// 运行时间，如 2026-11-20T02:00:00+08:00（+08:00 为北京时间）；
    /// 不写时区即本机时区，只写日期（如 2026-11-20）即当天 0 点（默认: 现在）
    #[arg(long, value_name = "时间", verbatim_doc_comment)]
    at: Option<String>,
    /// 所有事项都重新检查（默认: 没有变化的事项沿用上次的结果）
    #[arg(long)]
    full: bool,
    /// 不显示运行摘要，只显示错误和注意事项
    #[arg(short, long)]
    quiet: bool,
    /// For tests: abort the process after writing the run's rows, before the final commit.
    #[arg(long, hide = true)]
    debug_abort_before_commit: bool,
}

/// Where the store is.
#[derive(Debug, Args)]
struct StoreArgs {
    /// 配置文件（默认: 当前文件夹的 zwfw-audit.toml，没有就用内置设置）
    #[arg(long, value_name = "配置文件")]
    config: Option<PathBuf>,
    /// 历史库（默认: [audit] store，没有设则 reports/history.sqlite，
    /// reports 可由 [output] dir 改）
    #[arg(long, value_name = "文件", verbatim_doc_comment)]
    store: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
enum Action {
    /// 豁免一个问题，到某一天为止
    Waive {
        /// 问题的指纹（报告中的“指纹”一列）
        #[arg(value_name = "指纹")]
        fingerprint: String,
        /// 豁免理由（必填）
        #[arg(long, value_name = "理由")]
        reason: String,
        /// 有效期到这一天为止（含这一天），如 2026-12-31
        #[arg(long, value_name = "日期")]
        until: String,
        #[command(flatten)]
        store: StoreArgs,
    },
    /// 取消一个问题的豁免
    Unwaive {
        /// 问题的指纹（报告中的“指纹”一列）
        #[arg(value_name = "指纹")]
        fingerprint: String,
        #[command(flatten)]
        store: StoreArgs,
    },
    /// 列出全部豁免
    Waivers {
        #[command(flatten)]
        store: StoreArgs,
    },
    /// 清理旧运行的明细（趋势数据保留）
    Prune {
        /// 保留最近几次输入完整的已完成运行的明细，其后的运行也保留
        /// （默认: 90）
        #[arg(long, default_value_t = 90, value_name = "次数", verbatim_doc_comment)]
        keep: usize,
        /// 同时删除更早运行的报告文件夹 reports/<运行编号>/，以及未完成
        /// 运行留下的 reports/<运行编号>.partial/（reports 可由 [output] dir 改）
        #[arg(long, verbatim_doc_comment)]
        reports: bool,
        #[command(flatten)]
        store: StoreArgs,
    },
    /// 列出历次运行
    Runs {
        #[command(flatten)]
        store: StoreArgs,
    },
}

pub fn run(args: &AuditArgs) -> Result<i32> {
    match &args.action {
        None => nightly::nightly(args),
        Some(Action::Waive {
            fingerprint,
            reason,
            until,
            store,
        }) => waivers::waive(store, fingerprint, reason, until),
        Some(Action::Unwaive { fingerprint, store }) => waivers::unwaive(store, fingerprint),
        Some(Action::Waivers { store }) => waivers::list(store),
        Some(Action::Prune {
            keep,
            reports,
            store,
        }) => runs::prune(store, *keep, *reports),
        Some(Action::Runs { store }) => runs::list(store),
    }
}

fn open_store(args: &StoreArgs) -> Result<(Store, Config)> {
    let config = load_config(args.config.as_deref())?;
    Ok((store_of(args, &config)?, config))
}

fn store_of(args: &StoreArgs, config: &Config) -> Result<Store> {
    let path = args
        .store
        .clone()
        .or_else(|| config.audit.store.clone())
        .unwrap_or_else(|| config.output.dir.join("history.sqlite"));
    Ok(Store::open(&path)?)
}
