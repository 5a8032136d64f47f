//! Beginning a run, staging its rows in one transaction, and abandoning a run that failed.

use rusqlite::{OptionalExtension, TransactionBehavior, params};

use super::{RunGuard, StagedRun, Store, sql_err};
use crate::history::incremental::Checked;
use crate::history::{HistoryError, RunTime};

impl Store {
    /// Begins a run: takes the run lock, marks runs left `running` by a killed process as
    /// incomplete, and records this run as `running`.
    pub fn begin_run(
        &mut self,
        id: &str,
        time: RunTime,
        inputs: &[String],
        config_hash: &str,
    ) -> Result<RunGuard, HistoryError> {
        let Some(lock) = self.try_lock(super::LOCK_WAIT)? else {
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

    /// Records the settings hash ([`crate::history::settings_hash`]) of the run begun as `run`,
    /// so that a later run of another build with the same settings is not told they changed.
    pub fn record_settings(&self, run: &RunGuard, settings_hash: &str) -> Result<(), HistoryError> {
        self.conn
            .execute(
                "UPDATE runs SET settings_hash = ?2 WHERE id = ?1",
                params![run.id, settings_hash],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// Whether the settings of run `run_id` differ from those of `baseline`: never when their
    /// configuration hashes match; by the settings hashes when both runs recorded one; else
    /// (the baseline stored before the store kept them, schema v7) only when the tool's version
    /// changed, as a new build with the same settings re-checks every item but changed no setting.
    pub fn settings_differ(&self, baseline: &str, run_id: &str) -> Result<bool, HistoryError> {
        let row = |id: &str| {
            self.conn
                .query_row(
                    "SELECT config_hash, settings_hash, tool_version FROM runs WHERE id = ?1",
                    [id],
                    |r| {
                        Ok((
                            r.get::<_, String>(0)?,
                            r.get::<_, Option<String>>(1)?,
                            r.get::<_, String>(2)?,
                        ))
                    },
                )
                .map_err(|e| self.err(e))
        };
        let (before, now) = (row(baseline)?, row(run_id)?);
        Ok(if before.0 == now.0 {
            false
        } else if let (Some(b), Some(n)) = (&before.1, &now.1) {
            b != n
        } else {
            before.2 != now.2
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
        // first_seen as the diff gave it (a problem reworded or moved to another unit keeps
        // its streak under its new 指纹); from the store when the report has no history.
        let first_seen = self.first_seen_map(run.time())?;
        let view = checked.report.history.as_deref();
        let units = crate::history::diff::unit_figures(checked);
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
                "INSERT INTO items (run_id, seq, code, unit, content_hash, status, file_no, parts)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?;
            for (seq, (item, hash)) in report.items.iter().zip(&checked.hashes).enumerate() {
                let status = match item.status {
                    crate::report::ItemStatus::Checked => "checked",
                    crate::report::ItemStatus::Unreadable => "unreadable",
                };
                let no = *file_no.entry(&*item.provenance.source).or_insert_with(|| {
                    files.push((crate::history::source_key(&item.provenance.source), 0));
                    files.len() - 1
                });
                files[no].1 += 1;
                st.execute(params![
                    run.id,
                    crate::history::sql_count(seq),
                    item.code,
                    item.unit,
                    hash,
                    status,
                    crate::history::sql_count(no),
                    checked.item_parts.get(seq).copied().flatten()
                ])?;
            }
            let mut st = tx.prepare(
                "INSERT INTO run_files (run_id, file_no, source, items, parts)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            for (no, (source, items)) in files.iter().enumerate() {
                let parts = checked
                    .file_parts
                    .iter()
                    .find(|(s, _)| s == source)
                    .map(|(_, p)| p);
                st.execute(params![
                    run.id,
                    crate::history::sql_count(no),
                    source,
                    crate::history::sql_count(*items),
                    parts
                ])?;
            }
            let mut st = tx.prepare(
                "INSERT OR IGNORE INTO findings (run_id, fingerprint, unit, item_code, item_name,
                   rule, element, severity, message, first_seen, waived, subject, target, evidence)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
            )?;
            let subjects = report.subjects_by_code();
            for (f, fp) in report.findings.iter().zip(&checked.fingerprints) {
                let seen = view
                    .and_then(|v| v.by_fingerprint(fp))
                    .map(|h| &h.first_seen)
                    .or_else(|| first_seen.get(fp))
                    .unwrap_or(&run.time.text);
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
                    f.target.as_deref().unwrap_or_default(),
                    f.evidence,
                ])?;
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
                    crate::history::sql_count(u.items),
                    crate::history::sql_count(u.errors),
                    crate::history::sql_count(u.warnings),
                    crate::history::sql_count(u.waived),
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
        // The results checked anew, read back from their temporary file.
        let mut st = tx
            .prepare(
                "INSERT OR IGNORE INTO results (content_hash, config_hash, entry, findings)
                 VALUES (?1, ?2, ?3, ?4)",
            )
            .map_err(|e| sql_err(&path, e))?;
        checked.fresh.each(&mut |hash, entry, findings| {
            st.execute(params![hash, run.config_hash, entry, findings])
                .map(drop)
                .map_err(|e| sql_err(&path, e))
        })?;
        drop(st);
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
}
