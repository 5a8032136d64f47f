//! The `runs` and `prune` subcommands: the runs kept in the history store, and clearing the
//! details and report folders of old ones.

use std::io::Write;
use std::path::Path;

use anyhow::Result;

use super::{StoreArgs, open_store};
use crate::cli::ignore_broken_pipe;
use crate::history;

pub(super) fn list(args: &StoreArgs) -> Result<i32> {
    let (store, _) = open_store(args)?;
    let mut out = std::io::stdout().lock();
    writeln!(out, "运行编号\t开始时间\t状态\t输入文件").or_else(ignore_broken_pipe)?;
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
        .or_else(ignore_broken_pipe)?;
    }
    Ok(0)
}

pub(super) fn prune(args: &StoreArgs, keep: usize, reports: bool) -> Result<i32> {
    let (mut store, config) = open_store(args)?;
    // The report folders first: deleting them only reads the store, and on a full disk
    // they free the space that pruning the store (which writes) needs.
    if reports {
        let removed = remove_old_reports(&store.runs()?, &config.output.dir, keep);
        println!(
            "已删除 {removed} 个旧报告目录（{}）",
            config.output.dir.display()
        );
    }
    let n = store.prune(keep)?;
    println!(
        "已清理 {n} 次运行的明细（保留最近 {} 次输入完整的已完成运行及其后的运行；趋势数据全部保留）",
        keep.max(1)
    );
    Ok(0)
}

/// Removes the report folders of the runs older than the `keep` latest that can be a baseline
/// (complete, input whole: as [`history::Store::prune`] counts them): `<id>/`
/// and the `<id>.partial/` a failed run leaves. Only folders named by a run id of the store (a
/// plain name, never a path) are touched, and never a running run's. Returns how many went.
fn remove_old_reports(runs: &[history::RunRecord], dir: &Path, keep: usize) -> usize {
    let complete: Vec<usize> = runs
        .iter()
        .enumerate()
        .filter(|(_, r)| r.status == history::RunStatus::Complete && r.input_problems.is_none())
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
