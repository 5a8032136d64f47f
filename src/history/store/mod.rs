//! The SQLite store: opening (WAL, busy timeout, migrations), the run lock, beginning, finishing
//! and abandoning runs, cached results, and waivers. The diff lives in `diff.rs`.
//!
//! Concurrency: the main file is in WAL mode with a busy timeout, so short transactions from
//! several processes wait for each other instead of failing. A run additionally holds the *run
//! lock* for its whole duration: an exclusive SQLite lock on the side file `<store>.lock`. The
//! operating system releases it when the process ends, however it ends, so a killed run never
//! blocks the next one; a second run started while the first works gets
//! [`HistoryError::Busy`] at once. While holding the lock, a new run marks any row still
//! `running` (a killed run) as `incomplete`, leaving its end time empty: [`Store::runs`] tells it
//! from a run that failed (and said so) by that.

mod error;
mod run;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OptionalExtension, Transaction};

use super::incremental::CachedResult;
use super::{HistoryError, RunTime, SCHEMA_VERSION, schema};

use error::is_busy;
pub(super) use error::sql_err;

/// How long a run or prune waits for the run lock before saying another run holds it: long
/// enough for `audit runs`, which takes the free lock for a moment to see whether a run holds it,
/// begun by hand as cron starts the night's run.
pub(super) const LOCK_WAIT: Duration = Duration::from_secs(1);

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
    /// Failed (the run said why, and marked itself so); nothing of it is counted.
    Incomplete,
    /// Killed, or the computer stopped: its process ended without finishing (the row is still
    /// `running` while no process holds the run lock, or was marked incomplete by the next run
    /// without an end time). Nothing of it is counted, as for [`RunStatus::Incomplete`].
    Interrupted,
}

impl RunStatus {
    /// The Chinese label.
    pub fn label_zh(self) -> &'static str {
        match self {
            RunStatus::Running => "进行中",
            RunStatus::Complete => "已完成",
            RunStatus::Incomplete => "未完成",
            RunStatus::Interrupted => "未完成（进程已结束）",
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
    /// Status; a `running` row whose run lock is free is reported as
    /// [`RunStatus::Interrupted`]: its process is gone.
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
        // WAL lets `history` read while a nightly run writes. Where the filesystem cannot hold it
        // (some network shares), SQLite keeps its rollback journal: as safe, only a reader then
        // waits for the writer (up to the busy timeout). So the answer is not an error.
        let _mode: String = conn
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
            .map_err(sql)?;
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

    /// Takes the run lock, or `None` when another connection holds it after waiting up to
    /// `wait` for it.
    pub(super) fn try_lock(&self, wait: Duration) -> Result<Option<Connection>, HistoryError> {
        let path = self.lock_path();
        let sql = |source| sql_err(&path, source);
        let lock = Connection::open(&path).map_err(sql)?;
        lock.busy_timeout(wait).map_err(sql)?;
        let taken = lock
            .execute_batch("CREATE TABLE IF NOT EXISTS run_lock (x); BEGIN EXCLUSIVE;")
            .and_then(|()| lock.execute("INSERT INTO run_lock VALUES (1)", []));
        match taken {
            Ok(_) => Ok(Some(lock)),
            Err(e) if is_busy(&e) => Ok(None),
            Err(e) => Err(sql(e)),
        }
    }

    /// Whether a run holds the run lock now. The probe takes the lock for a moment when it is
    /// free; a run or prune begun at that moment waits for it (`LOCK_WAIT`, a second).
    pub fn is_locked(&self) -> Result<bool, HistoryError> {
        Ok(self.try_lock(Duration::ZERO)?.is_none())
    }

    /// Every run, oldest first, with its effective status: a run left `running` is
    /// [`RunStatus::Running`] only while a process holds the run lock (the system releases it
    /// when the process ends, however it ends), else [`RunStatus::Interrupted`]; so is a run the
    /// next run marked incomplete without an end time.
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
                let finished_at: Option<String> = r.get(2)?;
                Ok(RunRecord {
                    id: r.get(0)?,
                    started_at: r.get(1)?,
                    status: match status.as_str() {
                        "complete" => RunStatus::Complete,
                        "running" if locked => RunStatus::Running,
                        "running" => RunStatus::Interrupted,
                        _ if finished_at.is_none() => RunStatus::Interrupted,
                        _ => RunStatus::Incomplete,
                    },
                    finished_at,
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

#[cfg(test)]
mod tests;
