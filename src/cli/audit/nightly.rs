//! The nightly run itself: source → check (reusing unchanged items) → links → waivers → score →
//! diff → reports → history, with the checks made before a run is begun and the report folders.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use super::input::{
    FIRST_RUN_NO_BASELINE, NO_BASELINE_ITEMS, Sketch, Sketches, counts_for_baseline,
    files_without_items, gone_files, input_problems, some_input_exists,
};
use super::summary::print_summary;
use super::{AuditArgs, FailOnNew, store_of};
use crate::check::RunInfo;
use crate::cli::{load_config, run_time_at};
use crate::config::Config;
use crate::history::{self, HistoryView, RunGuard, RunTime, Store};
use crate::model::Severity;
use crate::report;
use crate::rules::CheckContext;
use crate::source::{self, NoticeLevel, Record};

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

pub(super) fn nightly(args: &AuditArgs) -> Result<i32> {
    // Stopped by SIGTERM or Ctrl+C, the run says so: cron mails only what it prints.
    let progress = super::stopped::say_when_stopped();
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
        Some(t) => run_time_at(t)?,
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
    store.record_settings(&run, &history::settings_hash(&rules, &ctx.params))?;
    progress.working(&run_id, config.output.dir.join(format!("{run_id}.partial")));
    let steps = Steps {
        args,
        config: &config,
        inputs: &inputs,
        rules: &rules,
        ctx: &ctx,
        progress: &progress,
    };
    nightly_steps(&steps, &mut store, run).inspect_err(|_| {
        // Keep the original error; a failure to mark the run is secondary (an unmarked run
        // counts as incomplete anyway once its lock is gone).
        if let Err(mark) = store.abandon(&run_id, &RunTime::now()) {
            say!("注意: 无法把运行 {run_id} 标记为未完成: {mark}");
        }
    })
}

/// What the steps of a run read.
struct Steps<'a> {
    args: &'a AuditArgs,
    config: &'a Config,
    inputs: &'a [PathBuf],
    rules: &'a crate::rules::RuleSet,
    ctx: &'a CheckContext,
    /// Told when the run is complete, for the line said if it is stopped.
    progress: &'a super::stopped::Progress,
}

/// The run after `begin_run`. The guard (run lock) is released when this returns, however it returns.
fn nightly_steps(steps: &Steps<'_>, store: &mut Store, run: RunGuard) -> Result<i32> {
    let Steps {
        args,
        config,
        inputs,
        rules,
        ctx,
        progress: stopped,
    } = *steps;
    // 1. Source, and 2. check reusing unchanged items, a run of records at a time as they are
    //    read: the run holds the report, not every item. What the input checks need of the
    //    records is kept in sketches.
    let info = RunInfo {
        run_id: run.id().to_owned(),
        generated_at: run.time().text.clone(),
        inputs: inputs.iter().map(|p| p.display().to_string()).collect(),
    };
    let config_hash = run.config_hash().to_owned();
    let mut sketches = Sketches::default();
    // The results checked anew wait in the store's folder, not in memory, until they are stored.
    let store_dir = store
        .path()
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_owned();
    let mut check = history::Incremental::new(rules, ctx).keep_fresh_in(&store_dir);
    let mut link_uses = config.audit.links.then(Vec::new);
    let mut failed: Option<history::HistoryError> = None;
    // A province's night runs for minutes: a spinner with the items checked on a terminal, a
    // line every 30 s in cron's log, as `check` gives.
    let (bar, progress) = crate::cli::check::check_progress(args.quiet)?;
    {
        let shared: &Store = store;
        let mut lookup = |hash: &str| {
            if args.full {
                Ok(None)
            } else {
                shared.cached(&config_hash, hash)
            }
        };
        let mut pending: Vec<Record> = Vec::with_capacity(crate::check::RUN);
        let mut flush = |pending: &mut Vec<Record>, check: &mut history::Incremental<'_>| {
            let records = std::mem::take(pending);
            if failed.is_some() {
                return;
            }
            if let Some(uses) = link_uses.as_mut() {
                uses.extend(crate::links::collect_records_from(
                    &records,
                    check.entries(),
                ));
            }
            if let Err(e) = check.add(records, &mut lookup) {
                failed = Some(e);
            }
            progress.report(check.entries());
        };
        source::read_inputs_with(inputs, &config.labels, &mut |r| {
            sketches.add(&r);
            pending.push(r);
            if pending.len() >= crate::check::RUN {
                flush(&mut pending, &mut check);
            }
        });
        flush(&mut pending, &mut check);
    }
    bar.finish_and_clear();
    if let Some(e) = failed {
        return Err(e.into());
    }
    let records = &sketches.all;
    if !records
        .iter()
        .any(|r| matches!(r, Sketch::Item { .. } | Sketch::Unreadable { .. }))
    {
        // Errors, and warnings such as a folder without an export file in it.
        let why: Vec<String> = records
            .iter()
            .filter_map(|r| match r {
                Sketch::Notice(n) if n.level >= NoticeLevel::Warning => {
                    Some(format!("{} — {}", n.provenance, n.message))
                }
                _ => None,
            })
            .collect();
        bail!("没有读到任何事项: {}", why.join("；"));
    }
    let baseline_files = store.baseline_files(args.since.as_deref(), run.time())?;
    let mut input_problems = input_problems(records, &|source| {
        counts_for_baseline(source, baseline_files.as_ref())
    });
    let mut accepted_gone = Vec::new();
    if let Some(baseline) = &baseline_files {
        input_problems.extend(files_without_items(baseline, records));
        let (problems, accepted) = gone_files(store, baseline, records, run.time())?;
        input_problems.extend(problems);
        accepted_gone = accepted;
    }
    // Sheets and columns lost since the baseline.
    let file_parts = super::parts::file_parts(records);
    let mut lost_lists = Vec::new();
    if let Some(baseline) = &baseline_files {
        let (problems, accepted, lost) =
            super::parts::lost_parts(store, baseline, &file_parts, records, run.time())?;
        input_problems.extend(problems);
        accepted_gone.extend(accepted);
        lost_lists = lost;
    }
    let mut checked = check.finish(info)?;
    super::parts::mark_lost_unread(&mut checked, &lost_lists);
    checked.file_parts = super::parts::stored(&file_parts);
    // One per report item (items and unreadable records, in the order read).
    checked.item_parts = records
        .iter()
        .filter_map(|r| match r {
            Sketch::Item { parts, .. } => Some(Some(super::parts::stored_bits(*parts))),
            Sketch::Unreadable { .. } => Some(None),
            Sketch::Notice(_) => None,
        })
        .collect();
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
        crate::cli::links::check_report(&mut checked.report, uses, config, rules, args.quiet)?;
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
    checked.report.history = Some(std::sync::Arc::new(HistoryView {
        input_problems,
        ..view
    }));
    // The units' answers from their returned lists, carried into tonight's fix lists by 指纹.
    if !config.audit.replies.is_empty() {
        let gathered = crate::report::replies::gather(&config.audit.replies, &checked.report);
        if !args.quiet {
            crate::cli::report::print_replies(&gathered, &checked.report, 5);
        }
        checked.report.replies = gathered.replies;
    }
    // 7. Reports (JSON, Excel fix lists, HTML, CSV — the writers `check` uses, with the history
    //    columns), into `<run>.partial/` until the run is complete.
    let dir = config.output.dir.join(run.id());
    let partial = config.output.dir.join(format!("{}.partial", run.id()));
    if partial.exists() {
        std::fs::remove_dir_all(&partial)
            .with_context(|| format!("无法清理上次残留的 {}", partial.display()))?;
    }
    write_partial(&partial, &config.output.dir, |dir| {
        crate::cli::report::write_to(&checked.report, dir, &report::output::Format::ALL).map(drop)
    })?;
    // 8. History: one transaction writes everything and marks the run complete.
    let staged = store.stage(run, &checked, &RunTime::now())?;
    if args.debug_abort_before_commit {
        std::process::abort();
    }
    staged.commit()?;
    stopped.complete(dir.clone());
    // The run is complete; its reports take their final name.
    if let Err(e) = std::fs::rename(&partial, &dir) {
        say!(
            "注意: 运行已完成，但无法把 {} 改名为 {}: {e}",
            partial.display(),
            dir.display()
        );
    }
    let view = checked.report.history.as_deref().expect("set above");
    let threshold = match args.fail_on_new {
        FailOnNew::Error => Some(Severity::Error),
        FailOnNew::Warning => Some(Severity::Warning),
        FailOnNew::None => None,
    };
    let reached = threshold.filter(|&t| view.has_new_at(t));
    let said = if args.quiet {
        super::summary::splits_said_before(store, view, &checked.report.notices)?
    } else {
        Vec::new()
    };
    print_summary(&checked, view, &dir, (args.quiet, &said), reached);
    Ok(i32::from(reached.is_some()))
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
pub(super) fn write_partial(
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
