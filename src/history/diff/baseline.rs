//! The baseline a run is compared with: which run, the files and items it read, runs since it.

use rusqlite::{OptionalExtension, params};

use crate::history::view::RunRef;
use crate::history::{HistoryError, RunTime, Store, parse_date};

/// The files a baseline run read items from ([`Store::baseline_files`]), each as a
/// [`crate::history::source_key`] with its count of items.
#[derive(Debug, Clone, Default)]
pub struct BaselineFiles {
    /// The baseline run.
    pub run_id: String,
    files: Vec<(i64, String, usize)>,
    /// Per file (`source_key`), what its items gave values for: a list or field and how many
    /// items had one. Files stored before the store kept this (schema v6) are not here.
    parts: Vec<(String, std::collections::BTreeMap<String, usize>)>,
}

impl BaselineFiles {
    /// A baseline that read these files (`source_key`, items), for tests.
    pub fn new(run_id: &str, files: impl IntoIterator<Item = (String, usize)>) -> Self {
        BaselineFiles {
            run_id: run_id.to_owned(),
            files: files
                .into_iter()
                .enumerate()
                .map(|(i, (s, n))| (i64::try_from(i).unwrap_or_default(), s, n))
                .collect(),
            parts: Vec::new(),
        }
    }

    /// The same baseline, its file `key` having given values for `parts` (list or field, items
    /// with one), for tests.
    #[must_use]
    pub fn with_parts(mut self, key: &str, parts: &[(&str, usize)]) -> Self {
        self.parts.push((
            key.to_owned(),
            parts.iter().map(|&(p, n)| (p.to_owned(), n)).collect(),
        ));
        self
    }

    /// What the baseline's file `key` gave values for (list or field, how many items had one);
    /// `None` when the store did not keep it.
    pub fn parts_of(&self, key: &str) -> Option<&std::collections::BTreeMap<String, usize>> {
        self.parts.iter().find(|(s, _)| s == key).map(|(_, p)| p)
    }

    /// Whether the baseline read items from the file with this [`crate::history::source_key`].
    pub fn contains(&self, key: &str) -> bool {
        self.files.iter().any(|(_, s, n)| s == key && *n > 0)
    }

    /// The files, with their counts of items.
    pub fn files(&self) -> impl Iterator<Item = (&str, usize)> {
        self.files.iter().map(|(_, s, n)| (s.as_str(), *n))
    }
}

impl Store {
    /// The latest complete run that started before `time`, or in the same second and was
    /// recorded before (times are kept to the second; the run asking is not complete yet).
    pub fn previous_complete(&self, time: &RunTime) -> Result<Option<RunRef>, HistoryError> {
        self.conn
            .query_row(
                "SELECT id, started_at FROM runs
                 WHERE status = 'complete' AND input_problems IS NULL AND started_epoch <= ?1
                 ORDER BY started_epoch DESC, rowid DESC LIMIT 1",
                [time.epoch],
                |r| {
                    Ok(RunRef {
                        id: r.get(0)?,
                        started_at: r.get(1)?,
                    })
                },
            )
            .optional()
            .map_err(|e| self.err(e))
    }

    /// The files the baseline run (named by `since`, else the latest complete run before `time`)
    /// read items from; empty without a baseline, `None` when the baseline was stored before the
    /// store kept its files (every file then counts).
    pub fn baseline_files(
        &self,
        since: Option<&str>,
        time: &RunTime,
    ) -> Result<Option<BaselineFiles>, HistoryError> {
        let baseline = match since {
            Some(s) => Some(self.resolve_since(s, time)?),
            None => self.previous_complete(time)?,
        };
        let Some(baseline) = baseline else {
            return Ok(Some(BaselineFiles::default()));
        };
        let mut st = self
            .conn
            .prepare(
                "SELECT file_no, source, items FROM run_files WHERE run_id = ?1 ORDER BY file_no",
            )
            .map_err(|e| self.err(e))?;
        let files: Vec<(i64, String, usize)> = st
            .query_map([&baseline.id], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get::<_, i64>(2)?.try_into().unwrap_or_default(),
                ))
            })
            .and_then(Iterator::collect)
            .map_err(|e| self.err(e))?;
        let mut st = self
            .conn
            .prepare("SELECT source, parts FROM run_files WHERE run_id = ?1 AND parts IS NOT NULL")
            .map_err(|e| self.err(e))?;
        let parts: Vec<(String, String)> = st
            .query_map([&baseline.id], |r| Ok((r.get(0)?, r.get(1)?)))
            .and_then(Iterator::collect)
            .map_err(|e| self.err(e))?;
        let parts = parts
            .into_iter()
            .filter_map(|(source, json)| Some((source, serde_json::from_str(&json).ok()?)))
            .collect();
        Ok((!files.is_empty()).then_some(BaselineFiles {
            run_id: baseline.id,
            files,
            parts,
        }))
    }

    /// On how many days since the baseline, before `time`'s day, a run was left incomplete by
    /// `problem` (an input problem's text up to its reason, e.g. `/srv/exports/县区.json — 对比运行`).
    /// Days, not runs: a night's run tried again by hand after the warning came is the same
    /// night. A day is a run's own local date, as its start time is written.
    pub fn days_since_baseline_with(
        &self,
        baseline: &BaselineFiles,
        problem: &str,
        time: &RunTime,
    ) -> Result<usize, HistoryError> {
        let after = self.epoch_of(&baseline.run_id)?;
        let n: i64 = self
            .conn
            .query_row(
                "SELECT COUNT(DISTINCT substr(started_at, 1, 10)) FROM runs
                 WHERE status = 'complete' AND instr(input_problems, ?1) > 0
                   AND started_epoch > ?2 AND started_epoch < ?3
                   AND substr(started_at, 1, 10) <> ?4",
                params![problem, after, time.epoch, time.date.to_string()],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))?;
        Ok(usize::try_from(n).unwrap_or_default())
    }

    /// The 考核单位 of run `run_id`'s items whose 实施编码 begins with `prefix` (a 实施主体's
    /// 统一社会信用代码, its first 18 characters).
    pub fn units_with_code_prefix(
        &self,
        run_id: &str,
        prefix: &str,
    ) -> Result<Vec<String>, HistoryError> {
        let mut st = self
            .conn
            .prepare(
                "SELECT DISTINCT unit FROM items
                 WHERE run_id = ?1 AND substr(trim(code), 1, ?3) = ?2",
            )
            .map_err(|e| self.err(e))?;
        st.query_map(
            params![
                run_id,
                prefix,
                crate::history::sql_count(prefix.chars().count())
            ],
            |r| r.get(0),
        )
        .and_then(Iterator::collect)
        .map_err(|e| self.err(e))
    }

    /// The 实施编码 of the items the baseline read from its file `source` (as
    /// [`BaselineFiles::files`] names it).
    pub fn baseline_codes(
        &self,
        baseline: &BaselineFiles,
        source: &str,
    ) -> Result<Vec<String>, HistoryError> {
        let Some((no, _, _)) = baseline.files.iter().find(|(_, s, _)| s == source) else {
            return Ok(Vec::new());
        };
        let mut st = self
            .conn
            .prepare("SELECT code FROM items WHERE run_id = ?1 AND file_no = ?2")
            .map_err(|e| self.err(e))?;
        st.query_map(params![baseline.run_id, no], |r| r.get(0))
            .and_then(Iterator::collect)
            .map_err(|e| self.err(e))
    }

    /// The 实施编码 of the items the baseline read from its file `source` (as
    /// [`BaselineFiles::files`] names it), each with the parts it gave values for (bits, as the
    /// audit command stores them; `None` for a run stored before the store kept them, schema v7).
    pub fn baseline_item_parts(
        &self,
        baseline: &BaselineFiles,
        source: &str,
    ) -> Result<Vec<(String, Option<u64>)>, HistoryError> {
        let Some((no, _, _)) = baseline.files.iter().find(|(_, s, _)| s == source) else {
            return Ok(Vec::new());
        };
        let mut st = self
            .conn
            .prepare("SELECT code, parts FROM items WHERE run_id = ?1 AND file_no = ?2")
            .map_err(|e| self.err(e))?;
        st.query_map(params![baseline.run_id, no], |r| {
            Ok((
                r.get(0)?,
                r.get::<_, Option<i64>>(1)?
                    .map(|b| u64::try_from(b).unwrap_or_default()),
            ))
        })
        .and_then(Iterator::collect)
        .map_err(|e| self.err(e))
    }

    /// The baseline named by `--since`: a complete run's id, or a date (the latest complete run
    /// started on or before that date, in its own local time), before `time`.
    pub fn resolve_since(&self, since: &str, time: &RunTime) -> Result<RunRef, HistoryError> {
        let row = |r: &rusqlite::Row<'_>| {
            Ok(RunRef {
                id: r.get(0)?,
                started_at: r.get(1)?,
            })
        };
        let found = if let Ok(date) = parse_date(since) {
            self.conn
                .query_row(
                    "SELECT id, started_at FROM runs WHERE status = 'complete'
                       AND input_problems IS NULL
                       AND substr(started_at, 1, 10) <= ?1 AND started_epoch < ?2
                     ORDER BY started_epoch DESC LIMIT 1",
                    params![date.to_string(), time.epoch],
                    row,
                )
                .optional()
        } else {
            self.conn
                .query_row(
                    "SELECT id, started_at FROM runs
                     WHERE status = 'complete' AND input_problems IS NULL AND id = ?1",
                    [since.trim()],
                    row,
                )
                .optional()
        };
        let found = found
            .map_err(|e| self.err(e))?
            .ok_or_else(|| HistoryError::NoSuchBaseline(since.trim().to_owned()))?;
        if !self.has_details(&found.id)? {
            return Err(HistoryError::Pruned(found.id));
        }
        Ok(found)
    }
}
