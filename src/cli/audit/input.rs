//! What of the input a run could not read: inputs that are not there at all, files that break
//! off, baseline files gone tonight, and whether such a problem can hide baseline items.

use std::path::{Path, PathBuf};

use anyhow::{Result, bail};

use crate::history::{self, Store};
use crate::model::Provenance;
use crate::source::{self, NoticeLevel, Record};

/// What the input checks need of a record, kept while the items themselves are checked and
/// dropped a run at a time: its 实施编码 and file, where an unreadable record breaks off a file,
/// and the notices whole.
pub(super) enum Sketch {
    Item {
        code: String,
        source: std::rc::Rc<str>,
        /// The lists and fields it gives values for, and of the lists those not read and those
        /// it says it has none of ([`super::parts::item_parts`]).
        parts: super::parts::ItemParts,
    },
    Unreadable {
        code: Option<String>,
        source: std::rc::Rc<str>,
        /// Where the file breaks off, when this record is where it does.
        cut: Option<Provenance>,
    },
    Notice(source::Notice),
}

/// Sketches of records, the file names shared by the records of one file.
#[derive(Default)]
pub(super) struct Sketches {
    pub(super) all: Vec<Sketch>,
    last: Option<std::rc::Rc<str>>,
}

impl Sketches {
    /// Keeps what the input checks need of `r`.
    pub(super) fn add(&mut self, r: &Record) {
        let mut source = |s: &str| match &self.last {
            Some(last) if &**last == s => last.clone(),
            _ => {
                let rc: std::rc::Rc<str> = s.into();
                self.last = Some(rc.clone());
                rc
            }
        };
        let sketch = match r {
            Record::Item(item) => Sketch::Item {
                code: item.code.trim().to_owned(),
                source: source(&item.provenance.source),
                parts: super::parts::item_parts(item),
            },
            Record::Unreadable(u) => Sketch::Unreadable {
                code: u.code.as_ref().map(|c| c.trim().to_owned()),
                source: source(&u.provenance.source),
                cut: u
                    .reason
                    .contains(source::json_error::CUT_SHORT)
                    .then(|| u.provenance.clone()),
            },
            Record::Notice(n) => Sketch::Notice(n.clone()),
        };
        self.all.push(sketch);
    }
}

/// Fails when not one input exists, before a store is made. Run from the wrong folder (a crontab
/// line without `cd`), relative paths find nothing, and the message says where they were looked
/// for. Run from the configuration's folder, the export is simply not there tonight (not yet
/// made, or saved elsewhere): telling the operator to `cd` would send them after the wrong thing.
pub(super) fn some_input_exists(inputs: &[PathBuf], config: Option<&Path>) -> Result<()> {
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

/// Whether a reading problem in `source` (a file, a folder, a page's URL; CSV files read
/// together are joined with 、) can hide items the baseline had, so that the run must not become
/// a baseline. A file that is there tonight but gave the baseline no item cannot: a stray
/// workbook someone saved into the exports folder, a county's first export. A path that is not
/// there (or is a folder) might have held anything, and counts. With no record of the baseline's
/// files (`None`: stored before the store kept them), everything counts.
pub(super) fn counts_for_baseline(
    source: &str,
    baseline_files: Option<&history::BaselineFiles>,
) -> bool {
    let Some(files) = baseline_files else {
        return true;
    };
    source.split('、').any(|s| {
        files.contains(&history::source_key(s)) || !s.contains("://") && !Path::new(s).is_file()
    })
}

/// Added to a reading error that hides no baseline item ([`counts_for_baseline`]).
pub(super) const NO_BASELINE_ITEMS: &str =
    "（对比基准中没有来自这里的事项，不影响对比；不是导出文件的，请移出导出文件夹）";

/// [`NO_BASELINE_ITEMS`] on the first run, which has no baseline.
pub(super) const FIRST_RUN_NO_BASELINE: &str =
    "（第一次运行，还没有对比基准，不影响对比；不是导出文件的，请移出导出文件夹）";

/// Days in a row a baseline file may be gone before it is taken as removed on purpose (runs on
/// one day, a night's run and its retries, are one).
pub(super) const GONE_DAYS: usize = 3;

/// Files the baseline read items from that were not read tonight (deleted from a folder input,
/// moved, not yet exported, left behind in a working folder copied elsewhere), when most of their items were not read from anywhere else either:
/// a folder that lost a county's export says nothing while it is read, and the county's
/// findings would all turn 已移除. A file renamed (exports named by date) whose items come back
/// under the new name is not one. Files the run could not open are left to their own notice.
///
/// A file gone on [`GONE_DAYS`] days in a row is taken as removed on purpose (a county no longer
/// assessed): its items count as 已移除 and a warning says so, rather than every later night
/// staying incomplete. Returns the input problems and those warnings.
pub(super) fn gone_files(
    store: &Store,
    baseline: &history::BaselineFiles,
    records: &[Sketch],
    time: &history::RunTime,
) -> Result<(Vec<String>, Vec<source::Notice>)> {
    let mut tonight: std::collections::HashSet<&str> = std::collections::HashSet::new();
    // The files read tonight and the places a notice was given for, as `source_key`s.
    let mut read: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut said: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut last: Option<&str> = None;
    for r in records {
        let (code, source) = match r {
            Sketch::Item { code, source, .. } => (Some(code), source),
            Sketch::Unreadable { code, source, .. } => (code.as_ref(), source),
            Sketch::Notice(n) => {
                said.insert(history::source_key(&n.provenance.source));
                continue;
            }
        };
        if let Some(code) = code {
            tonight.insert(code);
        }
        if last != Some(&**source) {
            read.insert(history::source_key(source));
            last = Some(source);
        }
    }
    let (mut problems, mut accepted) = (Vec::new(), Vec::new());
    for (source, items) in baseline.files() {
        // Read tonight, or not and said why. A file of the baseline's path that exists but was
        // not read is gone all the same: the working folder copied elsewhere, the inputs now
        // naming the copy's exports while the old folder still holds the old ones.
        if source.contains("://") || read.contains(source) || said.contains(source) {
            continue;
        }
        let codes = store.baseline_codes(baseline, source)?;
        let unread = codes.iter().filter(|c| !tonight.contains(c.trim())).count();
        if unread * 2 <= items {
            continue;
        }
        let place = format!("{source} — 对比运行 {}", baseline.run_id);
        if store.days_since_baseline_with(baseline, &place, time)? + 1 >= GONE_DAYS {
            accepted.push(source::Notice {
                level: NoticeLevel::Warning,
                provenance: crate::model::Provenance::file(source),
                message: format!(
                    "连续 {GONE_DAYS} 天的运行都没有这个文件，按有意移除处理：对比运行 {} 从它读到的 {items} 个事项中，本次没有读到的 {unread} 个算作「已移除」",
                    baseline.run_id
                ),
            });
        } else {
            problems.push(format!(
                "{place} 从这个文件读到 {items} 个事项，本次没有这个文件，其中 {unread} 个事项本次也没有读到（文件被删除、移走，或还没导出；连续 {GONE_DAYS} 天都没有的，按有意移除处理）"
            ));
        }
    }
    Ok((problems, accepted))
}

/// Files the baseline read items from that were read tonight without giving one: every record
/// unreadable. An export that failed is often saved all the same: the platform's error page
/// (`502 Bad Gateway`), its interface's error answer (`{"code":500,"msg":"服务器繁忙"}`) or a
/// half-written file. Read as a few unreadable records, its county's findings would all turn
/// 已移除 tonight and come back 新增 at 0 days tomorrow, with no word on the night it went
/// wrong. Such a file is an input problem, as a missing one is.
pub(super) fn files_without_items(
    baseline: &history::BaselineFiles,
    records: &[Sketch],
) -> Vec<String> {
    let mut tonight: Vec<(&str, usize, usize)> = Vec::new();
    for r in records {
        let (source, item) = match r {
            Sketch::Item { source, .. } => (&**source, true),
            Sketch::Unreadable { source, .. } => (&**source, false),
            Sketch::Notice(_) => continue,
        };
        match tonight.iter_mut().find(|(s, ..)| *s == source) {
            Some(t) => {
                t.1 += usize::from(item);
                t.2 += usize::from(!item);
            }
            None => tonight.push((source, usize::from(item), usize::from(!item))),
        }
    }
    tonight
        .iter()
        .filter(|&&(_, items, _)| items == 0)
        .filter_map(|&(source, _, unreadable)| {
            let key = history::source_key(source);
            let (_, before) = baseline.files().find(|&(s, n)| s == key && n > 0)?;
            Some(format!(
                "{source} — 对比运行 {} 从这个文件读到 {before} 个事项，本次一个也没有读到（只有 {unreadable} 条无法读取的记录）：\
                 可能是导出失败时保存下来的错误页面或接口的报错，请检查文件内容后重新导出",
                baseline.run_id
            ))
        })
        .collect()
}

/// What of the input could not be read, as `place — reason`: the errors met reading (a file
/// missing or holding no item table, a sheet or a key column lost), and a file whose last record
/// breaks off (cut short while it was written or copied: what followed is lost). A run with any
/// is kept and shown, but is no baseline: what it did not read would count as 已移除 tonight and
/// as 新增 again tomorrow, with its age reset. Problems of sources for which `counts` says no
/// ([`counts_for_baseline`]) are left out: they are still among the run's notices.
pub(super) fn input_problems(records: &[Sketch], counts: &dyn Fn(&str) -> bool) -> Vec<String> {
    let mut problems = Vec::new();
    // Per file, where it breaks off when its last record is an unreadable one that does.
    let mut last: Vec<(&str, Option<&Provenance>)> = Vec::new();
    for r in records {
        let (file, cut) = match r {
            Sketch::Notice(n) => {
                if n.level == NoticeLevel::Error && counts(&n.provenance.source) {
                    problems.push(format!("{} — {}", n.provenance, n.message));
                }
                continue;
            }
            Sketch::Item { source, .. } => (&**source, None),
            Sketch::Unreadable { source, cut, .. } => (&**source, cut.as_ref()),
        };
        match last.iter_mut().find(|(f, _)| *f == file) {
            Some(entry) => entry.1 = cut,
            None => last.push((file, cut)),
        }
    }
    problems.extend(last.iter().filter_map(|(file, cut)| {
        cut.filter(|_| counts(file)).map(|place| {
            format!(
                "{place} — 文件在这里中途结束，后面的事项没有读到（导出可能还没写完，或没有复制完整），请重新导出"
            )
        })
    }));
    problems
}
