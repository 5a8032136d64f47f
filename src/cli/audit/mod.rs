//! `zwfw-audit audit`: the nightly run for cron — source → check (reusing unchanged items) →
//! links (with `[audit] links`) → waivers → score → diff → reports → history — plus the
//! `waive`, `unwaive`, `waivers` and `runs` subcommands over the history store.
//!
//! Exit codes: 0 done (findings are normal), 1 `--fail-on-new` threshold reached, 2 the run failed.
//! See `docs/NIGHTLY.md`.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use clap::{Args, Subcommand, ValueEnum};

use super::load_config;
use crate::check::RunInfo;
use crate::config::Config;
use crate::history::{self, HistoryView, RunGuard, RunTime, Store, Waiver};
use crate::model::Severity;
use crate::report;
use crate::rules::CheckContext;
use crate::source::{self, NoticeLevel, Record};

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
        /// 保留最近几次已完成运行的明细（默认: 90）
        #[arg(long, default_value_t = 90, value_name = "次数")]
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
        None => nightly(args),
        Some(Action::Waive {
            fingerprint,
            reason,
            until,
            store,
        }) => waive(store, fingerprint, reason, until),
        Some(Action::Unwaive { fingerprint, store }) => {
            let (store, _) = open_store(store)?;
            let fingerprint = fingerprint.trim().to_ascii_lowercase();
            if store.remove_waiver(&fingerprint)? {
                println!("已取消豁免 {fingerprint}");
                Ok(0)
            } else {
                bail!("没有指纹为 {fingerprint} 的豁免");
            }
        }
        Some(Action::Waivers { store }) => {
            let (store, _) = open_store(store)?;
            let today = RunTime::now().date;
            let mut out = std::io::stdout().lock();
            writeln!(out, "指纹\t有效期\t状态\t理由").or_else(super::ignore_broken_pipe)?;
            for w in store.waivers()? {
                let state = if w.is_active(today) {
                    "有效"
                } else {
                    "已过期"
                };
                writeln!(
                    out,
                    "{}\t至 {}\t{state}\t{}",
                    w.fingerprint, w.until, w.reason
                )
                .or_else(super::ignore_broken_pipe)?;
            }
            Ok(0)
        }
        Some(Action::Prune {
            keep,
            reports,
            store,
        }) => {
            let (mut store, config) = open_store(store)?;
            // The report folders first: deleting them only reads the store, and on a full disk
            // they free the space that pruning the store (which writes) needs.
            if *reports {
                let removed = remove_old_reports(&store.runs()?, &config.output.dir, *keep);
                println!(
                    "已删除 {removed} 个旧报告目录（{}）",
                    config.output.dir.display()
                );
            }
            let n = store.prune(*keep)?;
            println!("已清理 {n} 次运行的明细（保留最近 {keep} 次已完成运行；趋势数据全部保留）");
            Ok(0)
        }
        Some(Action::Runs { store }) => {
            let (store, _) = open_store(store)?;
            let mut out = std::io::stdout().lock();
            writeln!(out, "运行编号\t开始时间\t状态\t输入文件")
                .or_else(super::ignore_broken_pipe)?;
            for r in store.runs()? {
                let partial = if r.input_problems.is_some() {
                    "（输入不完整）"
                } else {
                    ""
                };
                writeln!(
                    out,
                    "{}\t{}\t{}{partial}\t{}",
                    r.id,
                    r.started_at,
                    r.status.label_zh(),
                    r.inputs.join(", ")
                )
                .or_else(super::ignore_broken_pipe)?;
            }
            Ok(0)
        }
    }
}

/// Removes the report folders of the runs older than the `keep` latest complete ones: `<id>/`
/// and the `<id>.partial/` a failed run leaves. Only folders named by a run id of the store (a
/// plain name, never a path) are touched, and never a running run's. Returns how many went.
fn remove_old_reports(runs: &[history::RunRecord], dir: &Path, keep: usize) -> usize {
    let complete: Vec<usize> = runs
        .iter()
        .enumerate()
        .filter(|(_, r)| r.status == history::RunStatus::Complete)
        .map(|(i, _)| i)
        .collect();
    let Some(&oldest_kept) = complete.iter().rev().nth(keep.max(1) - 1) else {
        return 0;
    };
    let mut removed = 0;
    for run in &runs[..oldest_kept] {
        let plain = Path::new(&run.id).file_name() == Some(std::ffi::OsStr::new(&run.id));
        if run.status == history::RunStatus::Running || !plain {
            continue;
        }
        for name in [run.id.clone(), format!("{}.partial", run.id)] {
            let path = dir.join(name);
            if !path.is_dir() {
                continue;
            }
            match std::fs::remove_dir_all(&path) {
                Ok(()) => removed += 1,
                Err(e) => say!(
                    "注意: 无法删除 {}: {}",
                    path.display(),
                    crate::io_reason(&e)
                ),
            }
        }
    }
    removed
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

/// Fails, before a run is begun, when the computer's clock is earlier than the start of a run in
/// the store: the clock was set back (a reset, a wrong time zone, a virtual machine restored from
/// a snapshot). Such a run would be named and dated wrongly for good, compared with an older run
/// or with none ("首次运行", every problem 新增), and would sort among the old runs in the trends.
/// A time given with `--at` is the operator's own and is not checked.
fn clock_not_behind(store: &Store, now: &RunTime) -> Result<()> {
    let latest = store
        .runs()?
        .into_iter()
        .filter_map(|r| RunTime::parse(&r.started_at).ok().map(|t| (t.epoch, r)))
        .max_by_key(|(epoch, _)| *epoch);
    if let Some((epoch, run)) = latest
        && epoch > now.epoch
    {
        bail!(
            "本机时间 {} 早于历史库中运行 {} 的开始时间 {}：本机时钟可能被调回了过去，请校正系统时钟（如 timedatectl、ntpdate）后再运行。\
             这次没有运行，历史库没有改动。确认本机时间无误（那次运行是用 --at 指定了将来的时间）的，可用 --at 写明这次运行的时间",
            now.text,
            run.id,
            run.started_at
        );
    }
    Ok(())
}

/// Fails when not one input exists, before a store is made. Run from the wrong folder (a crontab
/// line without `cd`), relative paths find nothing, and the message says where they were looked
/// for. Run from the configuration's folder, the export is simply not there tonight (not yet
/// made, or saved elsewhere): telling the operator to `cd` would send them after the wrong thing.
fn some_input_exists(inputs: &[PathBuf], config: Option<&Path>) -> Result<()> {
    if inputs.iter().any(|p| p.exists()) {
        return Ok(());
    }
    let names: Vec<String> = inputs.iter().map(|p| p.display().to_string()).collect();
    let cwd = std::env::current_dir().ok();
    let here = cwd
        .as_ref()
        .map_or_else(|| "?".to_owned(), |d| d.display().to_string());
    // Whether the tool runs in the folder of its configuration, where relative inputs are meant.
    let in_config_folder = match config {
        Some(c) => c.parent().is_some_and(|dir| {
            dir.as_os_str().is_empty()
                || dir
                    .canonicalize()
                    .ok()
                    .is_some_and(|d| cwd.as_ref() == Some(&d))
        }),
        None => Path::new("zwfw-audit.toml").exists(),
    };
    let relative = inputs.iter().any(|p| p.is_relative());
    if relative && !in_config_folder {
        bail!(
            "找不到输入文件 {}；相对路径是按当前文件夹 {here} 查找的，在 crontab 中请先 cd 到配置文件所在的文件夹",
            names.join("、")
        );
    }
    let place = if relative {
        format!("（在文件夹 {here} 中查找）")
    } else {
        String::new()
    };
    bail!(
        "找不到输入文件 {}{place}：导出文件还没有生成，或放到了别处、改了名字。请确认导出已放到这里\
         （或改配置 [audit] inputs）；这次没有运行，历史库没有改动，下一次运行照常与上一次已完成的运行对比",
        names.join("、")
    );
}

fn waive(args: &StoreArgs, fingerprint: &str, reason: &str, until: &str) -> Result<i32> {
    let (store, _) = open_store(args)?;
    let fingerprint = fingerprint.trim().to_ascii_lowercase();
    let fingerprint = fingerprint.as_str();
    if reason.trim().is_empty() {
        bail!("请用 --reason 写明豁免理由");
    }
    let now = RunTime::now();
    let waiver = Waiver {
        fingerprint: fingerprint.to_owned(),
        reason: reason.trim().to_owned(),
        until: until.trim().to_owned(),
        created_at: now.text.clone(),
    };
    let earlier = store
        .waivers()?
        .into_iter()
        .find(|w| w.fingerprint == waiver.fingerprint);
    store.add_waiver(&waiver)?;
    if let Some(w) = earlier {
        say!(
            "注意: 这个问题原来已豁免至 {}（理由：{}），已改为新的有效期和理由",
            w.until,
            w.reason
        );
    }
    if !waiver.is_active(now.date) {
        say!("注意: 有效期 {} 已过，这条豁免不会生效", waiver.until);
    }
    if let Some((unit, code, message)) = store.latest_finding(fingerprint)? {
        println!("已豁免至 {}: {unit} {code} — {message}", waiver.until);
    } else {
        say!(
            "注意: 最近的运行中没有指纹为 {fingerprint} 的问题；豁免已记录，下次运行会报告它是否匹配"
        );
    }
    Ok(0)
}

fn nightly(args: &AuditArgs) -> Result<i32> {
    let config = load_config(args.store.config.as_deref())?;
    let inputs = if args.inputs.is_empty() {
        config.audit.inputs.clone()
    } else {
        args.inputs.clone()
    };
    if inputs.is_empty() {
        bail!("没有输入文件: 在配置文件的 [audit] inputs 中列出导出文件，或用 --input 指定");
    }
    some_input_exists(&inputs, args.store.config.as_deref())?;
    let mut store = store_of(&args.store, &config)?;
    let rules = config.rule_set()?;
    let ctx = CheckContext::new(config.check.clone());
    let time = match &args.at {
        Some(t) => super::run_time_at(t)?,
        None => RunTime::now(),
    };
    if args.at.is_none() {
        clock_not_behind(&store, &time)?;
    }
    // A --since that names no run is a typing mistake: said before a run is begun, so that it
    // does not leave an incomplete run to be reported every night after.
    if let Some(since) = &args.since {
        store.resolve_since(since, &time)?;
    }
    let input_names: Vec<String> = inputs.iter().map(|p| p.display().to_string()).collect();
    let config_hash = history::config_hash(&rules, &ctx.params);
    let run = if let Some(id) = &args.run_id {
        store.begin_run(id, time.clone(), &input_names, &config_hash)?
    } else {
        // Named by the time: a run started again within the same second (by hand right after
        // cron, or by a retry) takes the next free name, `20261120-020000-2`.
        let base = time.run_id();
        let mut n = 1;
        loop {
            let id = if n == 1 {
                base.clone()
            } else {
                format!("{base}-{n}")
            };
            match store.begin_run(&id, time.clone(), &input_names, &config_hash) {
                Err(history::HistoryError::DuplicateRun(_)) if n < 100 => n += 1,
                started => break started?,
            }
        }
    };
    let run_id = run.id().to_owned();
    nightly_steps(args, &mut store, &config, run, &inputs, &rules, &ctx).inspect_err(|_| {
        // Keep the original error; a failure to mark the run is secondary (an unmarked run
        // counts as incomplete anyway once its lock is gone).
        if let Err(mark) = store.abandon(&run_id, &RunTime::now()) {
            say!("注意: 无法把运行 {run_id} 标记为未完成: {mark}");
        }
    })
}

/// The run after `begin_run`. The guard (run lock) is released when this returns, however it returns.
fn nightly_steps(
    args: &AuditArgs,
    store: &mut Store,
    config: &Config,
    run: RunGuard,
    inputs: &[PathBuf],
    rules: &crate::rules::RuleSet,
    ctx: &CheckContext,
) -> Result<i32> {
    // 1. Source.
    let mut records: Vec<Record> = Vec::new();
    source::read_inputs_with(inputs, &config.labels, &mut |r| records.push(r));
    if !records
        .iter()
        .any(|r| matches!(r, Record::Item(_) | Record::Unreadable(_)))
    {
        // Errors, and warnings such as a folder without an export file in it.
        let why: Vec<String> = records
            .iter()
            .filter_map(|r| match r {
                Record::Notice(n) if n.level >= NoticeLevel::Warning => {
                    Some(format!("{} — {}", n.provenance, n.message))
                }
                _ => None,
            })
            .collect();
        bail!("没有读到任何事项: {}", why.join("；"));
    }
    let baseline_files = store.baseline_files(args.since.as_deref(), run.time())?;
    let mut input_problems = input_problems(&records, &|source| {
        counts_for_baseline(source, baseline_files.as_ref())
    });
    let mut accepted_gone = Vec::new();
    if let Some(baseline) = &baseline_files {
        let (problems, accepted) = gone_files(store, baseline, &records, run.time())?;
        input_problems.extend(problems);
        accepted_gone = accepted;
    }
    // 2. Check, reusing unchanged items.
    let info = RunInfo {
        run_id: run.id().to_owned(),
        generated_at: run.time().text.clone(),
        inputs: inputs.iter().map(|p| p.display().to_string()).collect(),
    };
    let config_hash = run.config_hash().to_owned();
    let link_uses = config
        .audit
        .links
        .then(|| crate::links::collect_records(&records));
    let mut checked = history::check_incremental(records, rules, ctx, info, &mut |hash| {
        if args.full {
            Ok(None)
        } else {
            store.cached(&config_hash, hash)
        }
    })?;
    checked.report.notices.extend(accepted_gone);
    // Errors met reading that hide no baseline item say so where they are shown; on the first
    // run there is no baseline to speak of.
    let suffix = if baseline_files.as_ref().is_some_and(|b| b.run_id.is_empty()) {
        FIRST_RUN_NO_BASELINE
    } else {
        NO_BASELINE_ITEMS
    };
    for n in &mut checked.report.notices {
        if n.level == NoticeLevel::Error
            && !input_problems.contains(&format!("{} — {}", n.provenance, n.message))
        {
            n.message.push_str(suffix);
        }
    }
    // 3. Links: their findings join each item's before waivers, so they can be waived and
    //    compared like the others.
    if let Some(uses) = link_uses {
        super::links::check_report(&mut checked.report, uses, config, rules, args.quiet)?;
        checked.findings_changed();
    }
    // 4. Waivers.
    let waivers = store.waivers()?;
    checked.apply_waivers(&waivers, run.time().date);
    // 5. Score (a census of every checked item).
    let (scores, issues) = crate::score::score_census(&checked.report, &config.score)
        .context("无法使用 [score] 中的单位对照表")?;
    checked
        .report
        .notices
        .extend(issues.iter().map(crate::score::table::FileIssue::to_notice));
    checked.report.scores = scores;
    // 6. Diff against the baseline.
    let view = store.diff(
        &run,
        &checked,
        args.since.as_deref(),
        config.audit.trend_runs,
    )?;
    if view.baseline.is_none() && args.since.is_none() {
        checked
            .report
            .notices
            .extend(reports_without_history(store, &config.output.dir)?);
    }
    checked.report.history = Some(HistoryView {
        input_problems,
        ..view
    });
    // 7. Reports (JSON, Excel fix lists, HTML, CSV — the writers `check` uses, with the history
    //    columns), into `<run>.partial/` until the run is complete.
    let dir = config.output.dir.join(run.id());
    let partial = config.output.dir.join(format!("{}.partial", run.id()));
    if partial.exists() {
        std::fs::remove_dir_all(&partial)
            .with_context(|| format!("无法清理上次残留的 {}", partial.display()))?;
    }
    write_partial(&partial, &config.output.dir, |dir| {
        super::report::write_to(&checked.report, dir, &report::output::Format::ALL).map(drop)
    })?;
    // 8. History: one transaction writes everything and marks the run complete.
    let staged = store.stage(run, &checked, &RunTime::now())?;
    if args.debug_abort_before_commit {
        std::process::abort();
    }
    staged.commit()?;
    // The run is complete; its reports take their final name.
    if let Err(e) = std::fs::rename(&partial, &dir) {
        say!(
            "注意: 运行已完成，但无法把 {} 改名为 {}: {e}",
            partial.display(),
            dir.display()
        );
    }
    let view = checked.report.history.as_ref().expect("set above");
    let threshold = match args.fail_on_new {
        FailOnNew::Error => Some(Severity::Error),
        FailOnNew::Warning => Some(Severity::Warning),
        FailOnNew::None => None,
    };
    let reached = threshold.filter(|&t| view.has_new_at(t));
    print_summary(&checked, view, &dir, args.quiet, reached);
    Ok(i32::from(reached.is_some()))
}

/// The line that says why the run exits 1: the new findings at or above `--fail-on-new`. Printed
/// with `-q` too: a quiet night that exits 1 and says nothing leaves cron's mail empty and the
/// new errors unseen.
fn new_findings_line(view: &HistoryView, threshold: Severity, dir: &Path) -> String {
    let n = view.new_at(threshold);
    let (what, flag) = match threshold {
        Severity::Error => ("错误", "error"),
        Severity::Warning => ("问题（错误和提示）", "warning"),
    };
    format!(
        "注意: 出现新增{what} {n} 条（--fail-on-new {flag}，退出码 1）：请看 {} 中状态为「新增」的问题，通知相关单位",
        dir.join("report.html").display()
    )
}

/// On a run with no baseline: report folders of earlier audits (a `findings.csv` with the 状态
/// column only `audit` writes) that the store knows nothing of. The store was deleted, emptied
/// (SQLite takes a file of 0 bytes for a new database) or moved, and without this the night
/// passes for a first run: every problem 新增 at 0 days, silently, even with `-q`.
fn reports_without_history(store: &Store, dir: &Path) -> Result<Option<source::Notice>> {
    let known: std::collections::HashSet<String> =
        store.runs()?.into_iter().map(|r| r.id).collect();
    let mut earlier: Vec<String> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            let csv = e.path().join("findings.csv");
            let header =
                std::io::BufRead::lines(std::io::BufReader::new(std::fs::File::open(csv).ok()?))
                    .next()?
                    .ok()?;
            (!known.contains(&name) && header.split(',').any(|c| c == "状态")).then_some(name)
        })
        .collect();
    earlier.sort();
    let Some(latest) = earlier.last() else {
        return Ok(None);
    };
    Ok(Some(source::Notice {
        level: NoticeLevel::Warning,
        provenance: crate::model::Provenance::file(store.path().display().to_string()),
        message: format!(
            "历史库中没有以前的运行，但 {} 中有 {} 次以前运行的报告（最近的是 {latest}）：历史库可能被删除、清空或换了位置。\
             本次没有对比基准，所有问题都记为新增，问题年龄从 0 天算起。如果不是有意重新开始，请从备份恢复历史库\
             （或把配置 [audit] store 改回原来的位置），以后的运行会与恢复的历史对比",
            dir.display(),
            earlier.len()
        ),
    }))
}

/// Writes a run's reports into `partial` with `write`. When that fails, the folder is removed: its
/// reports are cut short, of no use to anyone, and on a full disk every failed night would leave
/// one more of them, holding the space the next night needs. A full disk says what to clear.
fn write_partial(
    partial: &Path,
    output_dir: &Path,
    write: impl FnOnce(&Path) -> Result<()>,
) -> Result<()> {
    let Err(e) = write(partial) else {
        return Ok(());
    };
    let _ = std::fs::remove_dir_all(partial);
    let full = e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::StorageFull)
    });
    if full {
        return Err(e.context(format!(
            "磁盘已满，报告写不出（写了一半的 {} 已删除）：请清理 {} 所在磁盘的空间，\
             如用 zwfw-audit audit prune --keep 90 --reports 删除较早运行的报告文件夹",
            partial.display(),
            output_dir.display()
        )));
    }
    Err(e.context(format!(
        "报告写不出（写了一半的 {} 已删除）",
        partial.display()
    )))
}

/// Whether a reading problem in `source` (a file, a folder, a page's URL; CSV files read
/// together are joined with 、) can hide items the baseline had, so that the run must not become
/// a baseline. A file that is there tonight but gave the baseline no item cannot: a stray
/// workbook someone saved into the exports folder, a county's first export. A path that is not
/// there (or is a folder) might have held anything, and counts. With no record of the baseline's
/// files (`None`: stored before the store kept them), everything counts.
fn counts_for_baseline(source: &str, baseline_files: Option<&history::BaselineFiles>) -> bool {
    let Some(files) = baseline_files else {
        return true;
    };
    source.split('、').any(|s| {
        files.contains(&history::source_key(s)) || !s.contains("://") && !Path::new(s).is_file()
    })
}

/// Added to a reading error that hides no baseline item ([`counts_for_baseline`]).
const NO_BASELINE_ITEMS: &str =
    "（对比基准中没有来自这里的事项，不影响对比；不是导出文件的，请移出导出文件夹）";

/// [`NO_BASELINE_ITEMS`] on the first run, which has no baseline.
const FIRST_RUN_NO_BASELINE: &str =
    "（第一次运行，还没有对比基准，不影响对比；不是导出文件的，请移出导出文件夹）";

/// Runs in a row a baseline file may be gone before it is taken as removed on purpose.
const GONE_RUNS: usize = 3;

/// Files the baseline read items from that are not there tonight (deleted from a folder input,
/// moved, not yet exported), when most of their items were not read from anywhere else either:
/// a folder that lost a county's export says nothing while it is read, and the county's
/// findings would all turn 已移除. A file renamed (exports named by date) whose items come back
/// under the new name is not one. Files the run could not open are left to their own notice.
///
/// A file gone for [`GONE_RUNS`] runs in a row is taken as removed on purpose (a county no longer
/// assessed): its items count as 已移除 and a warning says so, rather than every later night
/// staying incomplete. Returns the input problems and those warnings.
fn gone_files(
    store: &Store,
    baseline: &history::BaselineFiles,
    records: &[Record],
    time: &history::RunTime,
) -> Result<(Vec<String>, Vec<source::Notice>)> {
    let mut tonight: std::collections::HashSet<&str> = std::collections::HashSet::new();
    let mut said: std::collections::HashSet<String> = std::collections::HashSet::new();
    for r in records {
        match r {
            Record::Item(item) => {
                tonight.insert(item.code.trim());
            }
            Record::Unreadable(u) => {
                if let Some(code) = &u.code {
                    tonight.insert(code.trim());
                }
            }
            Record::Notice(n) => {
                said.insert(history::source_key(&n.provenance.source));
            }
        }
    }
    let (mut problems, mut accepted) = (Vec::new(), Vec::new());
    for (source, items) in baseline.files() {
        if source.contains("://") || Path::new(source).exists() || said.contains(source) {
            continue;
        }
        let codes = store.baseline_codes(baseline, source)?;
        let unread = codes.iter().filter(|c| !tonight.contains(c.trim())).count();
        if unread * 2 <= items {
            continue;
        }
        let place = format!("{source} — 对比运行 {}", baseline.run_id);
        if store.runs_since_baseline_with(baseline, &place, time)? + 1 >= GONE_RUNS {
            accepted.push(source::Notice {
                level: NoticeLevel::Warning,
                provenance: crate::model::Provenance::file(source),
                message: format!(
                    "连续 {GONE_RUNS} 次运行都没有这个文件，按有意移除处理：对比运行 {} 从它读到的 {items} 个事项中，本次没有读到的 {unread} 个算作「已移除」",
                    baseline.run_id
                ),
            });
        } else {
            problems.push(format!(
                "{place} 从这个文件读到 {items} 个事项，本次没有这个文件，其中 {unread} 个事项本次也没有读到（文件被删除、移走，或还没导出；连续 {GONE_RUNS} 次都没有的，按有意移除处理）"
            ));
        }
    }
    Ok((problems, accepted))
}

/// What of the input could not be read, as `place — reason`: the errors met reading (a file
/// missing or holding no item table, a sheet or a key column lost), and a file whose last record
/// breaks off (cut short while it was written or copied: what followed is lost). A run with any
/// is kept and shown, but is no baseline: what it did not read would count as 已移除 tonight and
/// as 新增 again tomorrow, with its age reset. Problems of sources for which `counts` says no
/// ([`counts_for_baseline`]) are left out: they are still among the run's notices.
fn input_problems(records: &[Record], counts: &dyn Fn(&str) -> bool) -> Vec<String> {
    let mut problems = Vec::new();
    // Per file, the last record when it is an unreadable one that breaks off.
    let mut last: Vec<(&str, Option<&source::Unreadable>)> = Vec::new();
    for r in records {
        let (file, cut) = match r {
            Record::Notice(n) => {
                if n.level == NoticeLevel::Error && counts(&n.provenance.source) {
                    problems.push(format!("{} — {}", n.provenance, n.message));
                }
                continue;
            }
            Record::Item(item) => (item.provenance.source.as_str(), None),
            Record::Unreadable(u) => (
                u.provenance.source.as_str(),
                u.reason
                    .contains(source::json_error::CUT_SHORT)
                    .then_some(u),
            ),
        };
        match last.iter_mut().find(|(f, _)| *f == file) {
            Some(entry) => entry.1 = cut,
            None => last.push((file, cut)),
        }
    }
    problems.extend(last.iter().filter_map(|(file, cut)| {
        cut.filter(|_| counts(file)).map(|u| {
            format!(
                "{} — 文件在这里中途结束，后面的事项没有读到（导出可能还没写完，或没有复制完整），请重新导出",
                u.provenance
            )
        })
    }));
    problems
}

/// The summary; with `quiet`, only what needs someone's attention: input that could not be read,
/// runs left out of the comparison, waivers that expired or match nothing, and reading problems.
fn print_summary(
    checked: &history::Checked,
    view: &HistoryView,
    dir: &Path,
    quiet: bool,
    reached: Option<Severity>,
) {
    let mut out = std::io::stdout().lock();
    let _ = write_summary(&mut out, checked, view, dir, quiet)
        .and_then(|()| match reached {
            Some(t) => writeln!(out, "{}", new_findings_line(view, t, dir)),
            None => Ok(()),
        })
        .or_else(super::ignore_broken_pipe);
}

fn write_summary(
    out: &mut dyn Write,
    checked: &history::Checked,
    view: &HistoryView,
    dir: &Path,
    quiet: bool,
) -> std::io::Result<()> {
    // Incomplete input first: it explains the 已移除 count of the totals.
    if !view.input_problems.is_empty() {
        writeln!(
            out,
            "注意: 运行 {} 的输入不完整，下列内容没有读到；本次的「已移除」可能只是没有读到，以后的运行不与本次对比：",
            view.run.id
        )?;
        for p in &view.input_problems {
            writeln!(out, "  {p}")?;
        }
    }
    if !quiet {
        write_totals(out, checked, view)?;
    }
    if view.settings_changed && view.totals().fixed > 0 {
        writeln!(
            out,
            "注意: 检查设置与对比运行不同（规则、参数或工具版本），「已整改」的问题可能是设置改变所致"
        )?;
    }
    for r in &view.skipped_runs {
        writeln!(out, "  未完成的运行 {}（{}）未计入对比", r.id, r.started_at)?;
    }
    for r in &view.partial_runs {
        writeln!(
            out,
            "  输入不完整的运行 {}（{}）未作为对比基准",
            r.id, r.started_at
        )?;
    }
    // Said every night until someone acts, so each line says how to act.
    for w in &view.waivers.expired {
        writeln!(
            out,
            "  豁免已过期（{} 到期）: {} — {}；问题重新计入。延期用 zwfw-audit audit waive {1} --reason 理由 --until 新日期，\
             不再豁免的用 zwfw-audit audit unwaive {1} 删除（删除后不再提示）",
            w.until, w.fingerprint, w.reason
        )?;
    }
    for w in &view.waivers.unmatched {
        writeln!(
            out,
            "  豁免未匹配任何问题（可能已整改或内容已变）: {} — {}；核实后用 zwfw-audit audit unwaive {0} 删除（删除后不再提示）",
            w.fingerprint, w.reason
        )?;
    }
    // Errors met reading that could hide baseline items are the input problems listed above
    // (the others say they do not: `NO_BASELINE_ITEMS`); quiet leaves out the merely informative
    // notices (an instructions sheet skipped).
    let notices = checked
        .report
        .notices
        .iter()
        .filter(|n| !quiet || n.level >= NoticeLevel::Warning)
        .filter(|n| {
            n.level != NoticeLevel::Error
                || n.message.ends_with(NO_BASELINE_ITEMS)
                || n.message.ends_with(FIRST_RUN_NO_BASELINE)
        });
    for line in super::notice_lines(notices, &dir.join("report.html")) {
        writeln!(out, "  {line}")?;
    }
    if quiet {
        return Ok(());
    }
    writeln!(
        out,
        "报告已写入 {}（report.json、report.html、findings.csv、整改清单-*.xlsx）",
        dir.display()
    )
}

/// The run's counts and each unit's line.
fn write_totals(
    out: &mut dyn Write,
    checked: &history::Checked,
    view: &HistoryView,
) -> std::io::Result<()> {
    let s = &checked.report.summary;
    let t = view.totals();
    let baseline = view.baseline.as_ref().map_or_else(
        || "首次运行，没有对比基准".to_owned(),
        |b| format!("对比运行 {}（{}）", b.id, b.started_at),
    );
    writeln!(
        out,
        "运行 {} 完成：{} 个事项（沿用上次结果 {} 个，无法读取 {} 个），错误 {} 条、提示 {} 条（已豁免 {} 条）；{baseline}：新增 {} 条、已整改 {} 条、未整改 {} 条、已移除 {} 条。",
        view.run.id,
        s.items,
        view.reused_items,
        s.unreadable,
        s.errors,
        s.warnings,
        t.waived,
        t.new,
        t.fixed,
        t.persisting,
        t.gone
    )?;
    // City departments first, then counties, as the scheme ranks them; by name within each.
    let kind = |unit: &str| {
        checked
            .report
            .scores
            .iter()
            .find(|s| s.unit == unit)
            .map(|s| s.kind)
    };
    let mut units: Vec<_> = view.units.iter().collect();
    units.sort_by_key(|u| (kind(&u.unit), &u.unit));
    let rows: Vec<Vec<String>> = units
        .iter()
        .map(|u| {
            let mut row = vec![u.unit.clone()];
            row.extend(
                [
                    u.items,
                    u.errors,
                    u.warnings,
                    u.new,
                    u.fixed,
                    u.persisting,
                    u.gone,
                ]
                .map(|n| n.to_string()),
            );
            row
        })
        .collect();
    let header = [
        "单位",
        "事项",
        "错误",
        "提示",
        "新增",
        "已整改",
        "未整改",
        "已移除",
    ];
    for line in super::aligned(&header, &rows) {
        writeln!(out, "  {line}")?;
    }
    writeln!(
        out,
        "  （新增、已整改、未整改、已移除都含错误和提示；已豁免的问题不计入错误和提示）"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Item, Provenance};

    fn item(file: &str, row: u64) -> Record {
        Record::Item(Box::new(Item {
            provenance: Provenance::row(file, row),
            ..Item::default()
        }))
    }

    fn broken(file: &str, row: u64, reason: &str) -> Record {
        Record::Unreadable(source::Unreadable {
            provenance: Provenance::row(file, row),
            reason: reason.to_owned(),
            code: None,
            name: None,
            partial: None,
        })
    }

    /// Reports that could not be written whole are removed, and a full disk says what to clear.
    #[test]
    fn reports_cut_short_are_removed_and_a_full_disk_says_what_to_clear() {
        let dir = tempfile::tempdir().unwrap();
        let partial = dir.path().join("20261120-020000.partial");
        let half_written = |dir: &Path, kind: std::io::ErrorKind| -> Result<()> {
            std::fs::create_dir_all(dir).unwrap();
            std::fs::write(dir.join("report.json"), "{").unwrap();
            Err(anyhow::Error::from(std::io::Error::from(kind))
                .context(format!("无法写入 {}", dir.join("report.html").display())))
        };
        let e = write_partial(&partial, dir.path(), |d| {
            half_written(d, std::io::ErrorKind::StorageFull)
        })
        .unwrap_err();
        assert!(!partial.exists());
        let said = super::super::describe(&e);
        assert!(said.starts_with("磁盘已满，报告写不出"), "{said}");
        assert!(said.contains("audit prune --keep 90 --reports"), "{said}");
        assert!(said.ends_with("report.html"), "{said}");
        let e = write_partial(&partial, dir.path(), |d| {
            half_written(d, std::io::ErrorKind::PermissionDenied)
        })
        .unwrap_err();
        assert!(!partial.exists());
        assert!(super::super::describe(&e).starts_with("报告写不出"));
        write_partial(&partial, dir.path(), |d| Ok(std::fs::create_dir_all(d)?)).unwrap();
        assert!(partial.exists());
    }

    /// A line that breaks off ends a file cut short only when nothing follows it in that file;
    /// one bad line in the middle is the item's problem, not the run's.
    #[test]
    fn a_file_whose_last_record_breaks_off_is_incomplete_input() {
        let cut = format!("JSON 语法错误：第 833 列{}", source::json_error::CUT_SHORT);
        let records = [
            item("县区.ndjson", 1),
            broken("县区.ndjson", 2, &cut),
            item("市直.ndjson", 1),
            broken("市直.ndjson", 2, &cut),
            item("市直.ndjson", 3),
            broken("市直.ndjson", 4, "缺少字段「实施编码」"),
        ];
        let every = |_: &str| true;
        assert_eq!(
            input_problems(&records, &every),
            [
                "县区.ndjson 第2行 — 文件在这里中途结束，后面的事项没有读到（导出可能还没写完，或没有复制完整），请重新导出"
            ]
        );
        assert!(input_problems(&records[2..], &every).is_empty());
        // A file the baseline read nothing from loses no baseline item.
        assert!(input_problems(&records, &|f| f != "县区.ndjson").is_empty());
    }

    /// A file there tonight counts only if the baseline read items from it; a path that is not
    /// there, or a folder, always counts; without a record of the baseline's files, all count.
    #[test]
    fn problems_count_when_they_can_hide_baseline_items() {
        let dir = tempfile::tempdir().unwrap();
        let file = |name: &str| {
            let p = dir.path().join(name);
            std::fs::write(&p, "x").unwrap();
            p.display().to_string()
        };
        let (export, stray) = (file("东至县.xlsx"), file("统计表.xlsx"));
        let missing = dir.path().join("贵池区.xlsx").display().to_string();
        let folder = dir.path().display().to_string();
        let baseline = history::BaselineFiles::new("n1", [(history::source_key(&export), 3)]);
        let counts = |s: &str| counts_for_baseline(s, Some(&baseline));
        assert!(counts(&export));
        assert!(!counts(&stray));
        assert!(counts(&missing));
        assert!(counts(&folder));
        assert!(counts(&format!("{stray}、{export}")));
        assert!(!counts("https://zwfw.example.gov.cn/guide/1.html"));
        assert!(counts_for_baseline(&stray, None));
    }
}
