//! The SQLite store: opening (WAL, busy timeout, migrations), the run lock, beginning, finishing
//! and abandoning runs, cached results, and waivers. The diff lives in `diff.rs`.
//!
//! Concurrency: the main file is in WAL mode with a busy timeout, so short transactions from
//! several processes wait for each other instead of failing. A run additionally holds the *run
//! lock* for its whole duration: an exclusive SQLite lock on the side file `<store>.lock`. The
//! operating system releases it when the process ends, however it ends, so a killed run never
//! blocks the next one; a second run started while the first works gets
//! [`HistoryError::Busy`] at once. While holding the lock, a new run marks any row still
//! `running` (a killed run) as `incomplete`.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior, params};

use super::incremental::{CachedResult, Checked};
use super::{HistoryError, RunTime, SCHEMA_VERSION, schema};

/// The history store.
#[derive(Debug)]
pub struct Store {
    pub(super) conn: Connection,
    pub(super) path: PathBuf,
}

/// A run's status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunStatus {
    /// Working now (it holds the run lock).
    Running,
    /// Finished; its items and findings are in the store.
    Complete,
    /// Failed or killed; nothing of it is counted.
    Incomplete,
}

impl RunStatus {
    /// The Chinese label.
    pub fn label_zh(self) -> &'static str {
        match self {
            RunStatus::Running => "进行中",
            RunStatus::Complete => "已完成",
            RunStatus::Incomplete => "未完成",
        }
    }
}

/// A run as the store lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunRecord {
    /// Run id.
    pub id: String,
    /// Start time (RFC 3339).
    pub started_at: String,
    /// End time, when it ended normally.
    pub finished_at: Option<String>,
    /// Status; a `running` row whose run lock is free is reported as incomplete.
    pub status: RunStatus,
    /// The inputs.
    pub inputs: Vec<String>,
    /// Configuration hash.
    pub config_hash: String,
    /// Tool version.
    pub tool_version: String,
    /// What of a complete run's input could not be read (one problem a line); such a run is no
    /// baseline.
    pub input_problems: Option<String>,
}

/// A run in progress: holds the run lock until it is committed, abandoned or dropped (dropping
/// leaves the run `running` in the store, which later counts as incomplete).
#[derive(Debug)]
pub struct RunGuard {
    id: String,
    time: RunTime,
    config_hash: String,
    _lock: Connection,
}

impl RunGuard {
    /// Run id.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// Start time.
    pub fn time(&self) -> &RunTime {
        &self.time
    }

    /// Configuration hash.
    pub fn config_hash(&self) -> &str {
        &self.config_hash
    }
}

/// A run whose items and findings are written in an open transaction; [`StagedRun::commit`]
/// marks it complete in the same transaction. Dropped without commit, nothing is written.
#[derive(Debug)]
pub struct StagedRun<'a> {
    tx: Transaction<'a>,
    path: PathBuf,
    _guard: RunGuard,
}

impl StagedRun<'_> {
    /// Commits: the run becomes complete with all its rows at once.
    pub fn commit(self) -> Result<(), HistoryError> {
        let path = self.path;
        self.tx.commit().map_err(|source| sql_err(&path, source))
    }
}

impl Store {
    /// Opens (creating when absent) and migrates the store.
    pub fn open(path: &Path) -> Result<Self, HistoryError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| HistoryError::Io {
                path: dir.to_owned(),
                source,
            })?;
        }
        let sql = |source| sql_err(path, source);
        let mut conn = Connection::open(path).map_err(sql)?;
        conn.busy_timeout(Duration::from_secs(30)).map_err(sql)?;
        let mode: String = conn
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
            .map_err(sql)?;
        debug_assert!(mode.eq_ignore_ascii_case("wal"), "journal mode {mode}");
        conn.execute_batch("PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;")
            .map_err(sql)?;
        let found = schema::version(&conn).map_err(sql)?;
        if found > SCHEMA_VERSION {
            return Err(HistoryError::TooNew {
                path: path.to_owned(),
                found,
                supported: SCHEMA_VERSION,
            });
        }
        schema::migrate(&mut conn).map_err(sql)?;
        Ok(Self {
            conn,
            path: path.to_owned(),
        })
    }

    /// The store file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema version of the open store (always [`SCHEMA_VERSION`] after [`Store::open`]).
    pub fn schema_version(&self) -> Result<u32, HistoryError> {
        schema::version(&self.conn).map_err(|e| self.err(e))
    }

    pub(super) fn err(&self, source: rusqlite::Error) -> HistoryError {
        sql_err(&self.path, source)
    }

    fn lock_path(&self) -> PathBuf {
        let mut name = self.path.as_os_str().to_owned();
        name.push(".lock");
        PathBuf::from(name)
    }

    /// Takes the run lock, or `None` when another connection holds it.
    pub(super) fn try_lock(&self) -> Result<Option<Connection>, HistoryError> {
        let path = self.lock_path();
        let sql = |source| sql_err(&path, source);
        let lock = Connection::open(&path).map_err(sql)?;
        lock.busy_timeout(Duration::ZERO).map_err(sql)?;
        let taken = lock
            .execute_batch("CREATE TABLE IF NOT EXISTS run_lock (x); BEGIN EXCLUSIVE;")
            .and_then(|()| lock.execute("INSERT INTO run_lock VALUES (1)", []));
        match taken {
            Ok(_) => Ok(Some(lock)),
            Err(e) if is_busy(&e) => Ok(None),
            Err(e) => Err(sql(e)),
        }
    }

    /// Whether a run holds the run lock now.
    pub fn is_locked(&self) -> Result<bool, HistoryError> {
        Ok(self.try_lock()?.is_none())
    }

    /// Begins a run: takes the run lock, marks runs left `running` by a killed process as
    /// incomplete, and records this run as `running`.
    pub fn begin_run(
        &mut self,
        id: &str,
        time: RunTime,
        inputs: &[String],
        config_hash: &str,
    ) -> Result<RunGuard, HistoryError> {
        let Some(lock) = self.try_lock()? else {
            let holder = self
                .conn
                .query_row(
                    "SELECT id, started_at FROM runs WHERE status = 'running'
                     ORDER BY started_epoch DESC LIMIT 1",
                    [],
                    |r| {
                        Ok(format!(
                            "（运行 {}，开始于 {}）",
                            r.get::<_, String>(0)?,
                            r.get::<_, String>(1)?
                        ))
                    },
                )
                .optional()
                .map_err(|e| self.err(e))?
                .unwrap_or_default();
            return Err(HistoryError::Busy {
                path: self.path.clone(),
                holder,
            });
        };
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| sql_err(&self.path, e))?;
        let write = || -> rusqlite::Result<bool> {
            tx.execute(
                "UPDATE runs SET status = 'incomplete' WHERE status = 'running'",
                [],
            )?;
            let exists: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM runs WHERE id = ?1)",
                [id],
                |r| r.get(0),
            )?;
            if exists {
                return Ok(false);
            }
            tx.execute(
                "INSERT INTO runs (id, started_at, started_epoch, status, inputs, config_hash, tool_version)
                 VALUES (?1, ?2, ?3, 'running', ?4, ?5, ?6)",
                params![
                    id,
                    time.text,
                    time.epoch,
                    serde_json::to_string(inputs).expect("strings serialise"),
                    config_hash,
                    env!("CARGO_PKG_VERSION"),
                ],
            )?;
            Ok(true)
        };
        let inserted = write().map_err(|e| sql_err(&self.path, e))?;
        tx.commit().map_err(|e| sql_err(&self.path, e))?;
        if !inserted {
            return Err(HistoryError::DuplicateRun(id.to_owned()));
        }
        Ok(RunGuard {
            id: id.to_owned(),
            time,
            config_hash: config_hash.to_owned(),
            _lock: lock,
        })
    }

    /// Marks a run that failed as incomplete (a complete run is left alone).
    pub fn abandon(&mut self, run_id: &str, finished_at: &RunTime) -> Result<(), HistoryError> {
        self.conn
            .execute(
                "UPDATE runs SET status = 'incomplete', finished_at = ?2
                 WHERE id = ?1 AND status <> 'complete'",
                params![run_id, finished_at.text],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// Writes the run's items, findings (with first_seen and waived marks), per-unit figures and
    /// fresh results in one transaction that also marks the run complete; nothing is visible
    /// until [`StagedRun::commit`].
    pub fn stage(
        &mut self,
        run: RunGuard,
        checked: &Checked,
        finished_at: &RunTime,
    ) -> Result<StagedRun<'_>, HistoryError> {
        let first_seen = self.first_seen_map(run.time())?;
        let units = super::diff::unit_figures(checked);
        let path = self.path.clone();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| sql_err(&path, e))?;
        let write = || -> rusqlite::Result<usize> {
            let report = &checked.report;
            // Each file the items came from, numbered in the order first met.
            let mut files: Vec<(String, usize)> = Vec::new();
            let mut file_no: std::collections::HashMap<&str, usize> =
                std::collections::HashMap::new();
            let mut st = tx.prepare(
                "INSERT INTO items (run_id, seq, code, unit, content_hash, status, file_no)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?;
            for (seq, (item, hash)) in report.items.iter().zip(&checked.hashes).enumerate() {
                let status = match item.status {
                    crate::report::ItemStatus::Checked => "checked",
                    crate::report::ItemStatus::Unreadable => "unreadable",
                };
                let no = *file_no
                    .entry(item.provenance.source.as_str())
                    .or_insert_with(|| {
                        files.push((super::source_key(&item.provenance.source), 0));
                        files.len() - 1
                    });
                files[no].1 += 1;
                st.execute(params![
                    run.id,
                    super::sql_count(seq),
                    item.code,
                    item.unit,
                    hash,
                    status,
                    super::sql_count(no)
                ])?;
            }
            let mut st = tx.prepare(
                "INSERT INTO run_files (run_id, file_no, source, items) VALUES (?1, ?2, ?3, ?4)",
            )?;
            for (no, (source, items)) in files.iter().enumerate() {
                st.execute(params![
                    run.id,
                    super::sql_count(no),
                    source,
                    super::sql_count(*items)
                ])?;
            }
            let mut st = tx.prepare(
                "INSERT OR IGNORE INTO findings (run_id, fingerprint, unit, item_code, item_name,
                   rule, element, severity, message, first_seen, waived, subject)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            )?;
            let subjects = report.subjects_by_code();
            for (f, fp) in report.findings.iter().zip(&checked.fingerprints) {
                let seen = first_seen.get(fp).unwrap_or(&run.time.text);
                st.execute(params![
                    run.id,
                    fp,
                    f.unit,
                    f.item_code,
                    f.item_name,
                    f.rule,
                    f.element,
                    f.severity.to_string(),
                    // With its target (`材料「X」: …`): a closed finding is shown from this text.
                    crate::report::fixlist::description(f),
                    seen,
                    checked.waived.contains(fp),
                    subjects
                        .get(f.item_code.as_str())
                        .copied()
                        .unwrap_or_default(),
                ])?;
            }
            let mut st = tx.prepare(
                "INSERT OR IGNORE INTO results (content_hash, config_hash, entry, findings)
                 VALUES (?1, ?2, ?3, ?4)",
            )?;
            for (hash, entry, findings) in &checked.fresh {
                st.execute(params![hash, run.config_hash, entry, findings])?;
            }
            let mut st = tx.prepare(
                "INSERT INTO unit_runs (run_id, unit, items, errors, warnings, waived, score, full_marks)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?;
            for (unit, u) in &units {
                let score = report.scores.iter().find(|s| &s.unit == unit);
                st.execute(params![
                    run.id,
                    unit,
                    super::sql_count(u.items),
                    super::sql_count(u.errors),
                    super::sql_count(u.warnings),
                    super::sql_count(u.waived),
                    score.map(|s| s.score),
                    score.map(|s| s.full_marks),
                ])?;
            }
            let problems = report
                .history
                .as_ref()
                .map(|h| h.input_problems.join("\n"))
                .filter(|p| !p.is_empty());
            tx.execute(
                "UPDATE runs SET status = 'complete', finished_at = ?2, input_problems = ?3
                 WHERE id = ?1 AND status = 'running'",
                params![run.id, finished_at.text, problems],
            )
        };
        let updated = write().map_err(|e| sql_err(&path, e))?;
        if updated != 1 {
            return Err(HistoryError::Corrupt {
                path,
                reason: format!("运行 {} 不再处于进行中状态，无法完成", run.id),
            });
        }
        Ok(StagedRun {
            tx,
            path,
            _guard: run,
        })
    }

    /// Every run, oldest first, with its effective status.
    pub fn runs(&self) -> Result<Vec<RunRecord>, HistoryError> {
        let locked = self.is_locked()?;
        let mut st = self
            .conn
            .prepare(
                "SELECT id, started_at, finished_at, status, inputs, config_hash, tool_version,
                        input_problems
                 FROM runs ORDER BY started_epoch, id",
            )
            .map_err(|e| self.err(e))?;
        let rows = st
            .query_map([], |r| {
                let status: String = r.get(3)?;
                let inputs: String = r.get(4)?;
                Ok(RunRecord {
                    id: r.get(0)?,
                    started_at: r.get(1)?,
                    finished_at: r.get(2)?,
                    status: match status.as_str() {
                        "complete" => RunStatus::Complete,
                        "running" if locked => RunStatus::Running,
                        _ => RunStatus::Incomplete,
                    },
                    inputs: serde_json::from_str(&inputs).unwrap_or_default(),
                    config_hash: r.get(5)?,
                    tool_version: r.get(6)?,
                    input_problems: r.get(7)?,
                })
            })
            .and_then(Iterator::collect)
            .map_err(|e| self.err(e))?;
        Ok(rows)
    }

    /// The result kept for an item with this content under this configuration, if any.
    pub fn cached(
        &self,
        config_hash: &str,
        content_hash: &str,
    ) -> Result<Option<CachedResult>, HistoryError> {
        let row: Option<(String, String)> = self
            .conn
            .prepare_cached(
                "SELECT entry, findings FROM results WHERE content_hash = ?1 AND config_hash = ?2",
            )
            .and_then(|mut st| {
                st.query_row([content_hash, config_hash], |r| Ok((r.get(0)?, r.get(1)?)))
                    .optional()
            })
            .map_err(|e| self.err(e))?;
        row.map(|(entry, findings)| {
            let corrupt = |e: serde_json::Error| HistoryError::Corrupt {
                path: self.path.clone(),
                reason: format!("事项结果 {content_hash}: {e}"),
            };
            Ok(CachedResult {
                entry: serde_json::from_str(&entry).map_err(corrupt)?,
                findings: serde_json::from_str(&findings).map_err(corrupt)?,
            })
        })
        .transpose()
    }
}

/// A SQLite error on the store (or its lock file `path`), its cause said in Chinese.
pub(super) fn sql_err(path: &Path, source: rusqlite::Error) -> HistoryError {
    HistoryError::Sqlite {
        path: path.to_owned(),
        source: in_chinese(path, source),
    }
}

/// The usual SQLite failures of a store file (cannot open, read-only, disk full, locked, not a
/// database) with a Chinese message that says what to do, keeping SQLite's code; any other keeps
/// SQLite's English, marked as quoted. The message is all that is shown: `cli::describe` leaves
/// out SQLite's `Error code N: …` below it.
fn in_chinese(path: &Path, source: rusqlite::Error) -> rusqlite::Error {
    use rusqlite::ErrorCode as Code;
    let rusqlite::Error::SqliteFailure(error, _) = &source else {
        return source;
    };
    let error = *error;
    let reason = match error.code {
        Code::CannotOpen if path.is_dir() => {
            "这个路径是文件夹，不是文件：[audit] store 要写成文件名，如 reports/history.sqlite"
                .to_owned()
        }
        Code::CannotOpen => {
            "无法打开历史库文件：文件夹不存在或没有写权限（请检查 [audit] store 或 --store 的路径，或换一个可写的文件夹）"
                .to_owned()
        }
        Code::ReadOnly => {
            "历史库文件是只读的，无法写入：请检查文件和所在文件夹的写权限（不要放在只读的磁盘或共享文件夹上）"
                .to_owned()
        }
        Code::DiskFull => {
            "磁盘已满，无法写入历史库：请清理磁盘空间，或用 zwfw-audit audit prune 清理旧的运行"
                .to_owned()
        }
        Code::DatabaseBusy | Code::DatabaseLocked => {
            "历史库正被其他程序占用（可能是另一个 zwfw-audit，或同步盘、杀毒软件锁住了文件），请稍后再试"
                .to_owned()
        }
        Code::NotADatabase | Code::DatabaseCorrupt => {
            "文件不是 zwfw-audit 的历史库，或已损坏：请确认 [audit] store 指向的文件；已损坏时可把它改名留存，再运行会新建历史库（之前的运行不再用于对比）"
                .to_owned()
        }
        Code::PermissionDenied => {
            "没有权限访问历史库文件（请检查文件和所在文件夹的读写权限）".to_owned()
        }
        Code::SystemIoFailure => {
            "读写历史库文件时出错（磁盘故障，或历史库放在网络共享文件夹上；请放在本机磁盘上）"
                .to_owned()
        }
        _ => format!("SQLite 出错（原文：{source}；{error}）"),
    };
    rusqlite::Error::SqliteFailure(error, Some(reason))
}

fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
}

#[cfg(test)]
mod tests;
