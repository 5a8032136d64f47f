//! What the diff reads of past runs: their findings and first_seen, skipped runs, a unit's trend.

use std::collections::{BTreeMap, HashMap};

use rusqlite::params;

use crate::history::view::{RunRef, TrendPoint};
use crate::history::{HistoryError, RunGuard, RunTime, Store};
use crate::model::Severity;

pub(super) struct BaseFinding {
    pub(super) unit: String,
    pub(super) item_code: String,
    pub(super) item_name: String,
    pub(super) subject: String,
    pub(super) rule: String,
    pub(super) element: String,
    pub(super) severity: Severity,
    pub(super) message: String,
    pub(super) first_seen: String,
    /// The field or list entry (`材料「身份证明」`, empty for none); `None` for runs stored
    /// before the store kept it (schema v5).
    pub(super) target: Option<String>,
    /// The offending text; `None` for runs stored before schema v5.
    pub(super) evidence: Option<String>,
}

impl Store {
    /// first_seen of each finding of the latest complete run before `time` (the streak carried
    /// forward).
    pub(in crate::history) fn first_seen_map(
        &self,
        time: &RunTime,
    ) -> Result<HashMap<String, String>, HistoryError> {
        let Some(prev) = self.previous_complete(time)? else {
            return Ok(HashMap::new());
        };
        let mut st = self
            .conn
            .prepare("SELECT fingerprint, first_seen FROM findings WHERE run_id = ?1")
            .map_err(|e| self.err(e))?;
        st.query_map([&prev.id], |r| Ok((r.get(0)?, r.get(1)?)))
            .and_then(Iterator::collect)
            .map_err(|e| self.err(e))
    }

    pub(super) fn base_findings(
        &self,
        run_id: &str,
    ) -> Result<BTreeMap<String, BaseFinding>, HistoryError> {
        let mut st = self
            .conn
            .prepare(
                "SELECT fingerprint, unit, item_code, item_name, rule, element, severity, message,
                        first_seen, subject, target, evidence
                 FROM findings WHERE run_id = ?1",
            )
            .map_err(|e| self.err(e))?;
        st.query_map([run_id], |r| {
            let severity: String = r.get(6)?;
            Ok((
                r.get(0)?,
                BaseFinding {
                    unit: r.get(1)?,
                    item_code: r.get(2)?,
                    item_name: r.get(3)?,
                    rule: r.get(4)?,
                    element: r.get(5)?,
                    severity: severity.parse().unwrap_or(Severity::Error),
                    message: r.get(7)?,
                    first_seen: r.get(8)?,
                    subject: r.get(9)?,
                    target: r.get(10)?,
                    evidence: r.get(11)?,
                },
            ))
        })
        .and_then(Iterator::collect)
        .map_err(|e| self.err(e))
    }

    /// Runs that did not complete, started after `after` (epoch) and before this run.
    pub(super) fn skipped_runs(
        &self,
        after: Option<i64>,
        run: &RunGuard,
        partial: bool,
    ) -> Result<Vec<RunRef>, HistoryError> {
        // Runs that did not complete, or (`partial`) completed without reading all their input.
        let which = if partial {
            "status = 'complete' AND input_problems IS NOT NULL"
        } else {
            "status <> 'complete'"
        };
        let mut st = self
            .conn
            .prepare(&format!(
                "SELECT id, started_at FROM runs
                 WHERE {which} AND id <> ?1 AND started_epoch > ?2 AND started_epoch < ?3
                 ORDER BY started_epoch"
            ))
            .map_err(|e| self.err(e))?;
        st.query_map(
            params![run.id(), after.unwrap_or(i64::MIN), run.time().epoch],
            |r| {
                Ok(RunRef {
                    id: r.get(0)?,
                    started_at: r.get(1)?,
                })
            },
        )
        .and_then(Iterator::collect)
        .map_err(|e| self.err(e))
    }

    pub(super) fn epoch_of(&self, run_id: &str) -> Result<i64, HistoryError> {
        self.conn
            .query_row(
                "SELECT started_epoch FROM runs WHERE id = ?1",
                [run_id],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))
    }

    /// The last `n` complete runs of a unit before `time`, oldest first.
    pub(super) fn trend(
        &self,
        unit: &str,
        time: &RunTime,
        n: usize,
    ) -> Result<Vec<TrendPoint>, HistoryError> {
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT r.id, r.started_at, u.items, u.errors, u.score
                 FROM unit_runs u JOIN runs r ON r.id = u.run_id
                 WHERE u.unit = ?1 AND r.status = 'complete' AND r.input_problems IS NULL
                   AND r.started_epoch < ?2
                 ORDER BY r.started_epoch DESC LIMIT ?3",
            )
            .map_err(|e| self.err(e))?;
        let mut points: Vec<TrendPoint> = st
            .query_map(
                params![unit, time.epoch, crate::history::sql_count(n)],
                |r| {
                    Ok(TrendPoint {
                        run_id: r.get(0)?,
                        started_at: r.get(1)?,
                        items: r.get::<_, i64>(2)?.try_into().unwrap_or_default(),
                        errors: r.get::<_, i64>(3)?.try_into().unwrap_or_default(),
                        score: r.get(4)?,
                    })
                },
            )
            .and_then(Iterator::collect)
            .map_err(|e| self.err(e))?;
        points.reverse();
        Ok(points)
    }
}
