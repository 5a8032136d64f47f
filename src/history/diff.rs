//! The diff of a run against its baseline: each finding's status and age, per-unit counts and the
//! trend. See the module docs of `history` for the definitions.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rusqlite::{OptionalExtension, params};

use super::incremental::Checked;
use super::view::{FindingHistory, FindingStatus, HistoryView, RunRef, TrendPoint, UnitHistory};
use super::{HistoryError, RunGuard, RunTime, Store, days_between, parse_date};
use crate::model::Severity;
use crate::report::ItemStatus;

/// Per-unit figures of this run (items, counted errors and warnings, waived findings), by unit.
pub(crate) fn unit_figures(checked: &Checked) -> BTreeMap<String, UnitHistory> {
    let mut units: BTreeMap<String, UnitHistory> = BTreeMap::new();
    let unit = |units: &mut BTreeMap<String, UnitHistory>, name: &str| {
        units.entry(name.to_owned()).or_insert_with(|| UnitHistory {
            unit: name.to_owned(),
            ..UnitHistory::default()
        });
    };
    for item in &checked.report.items {
        unit(&mut units, &item.unit);
        units.get_mut(&item.unit).expect("inserted").items += 1;
    }
    for (k, f) in checked.report.findings.iter().enumerate() {
        unit(&mut units, &f.unit);
        let u = units.get_mut(&f.unit).expect("inserted");
        if checked.is_waived(k) {
            u.waived += 1;
        } else {
            match f.severity {
                Severity::Error => u.errors += 1,
                Severity::Warning => u.warnings += 1,
            }
        }
    }
    units
}

/// The files a baseline run read items from ([`Store::baseline_files`]), each as a
/// [`super::source_key`] with its count of items.
#[derive(Debug, Clone, Default)]
pub struct BaselineFiles {
    /// The baseline run.
    pub run_id: String,
    files: Vec<(i64, String, usize)>,
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
        }
    }

    /// Whether the baseline read items from the file with this [`super::source_key`].
    pub fn contains(&self, key: &str) -> bool {
        self.files.iter().any(|(_, s, n)| s == key && *n > 0)
    }

    /// The files, with their counts of items.
    pub fn files(&self) -> impl Iterator<Item = (&str, usize)> {
        self.files.iter().map(|(_, s, n)| (s.as_str(), *n))
    }
}

struct BaseFinding {
    unit: String,
    item_code: String,
    item_name: String,
    subject: String,
    rule: String,
    element: String,
    severity: Severity,
    message: String,
    first_seen: String,
}

impl Store {
    /// The latest complete run that started before `time`.
    pub fn previous_complete(&self, time: &RunTime) -> Result<Option<RunRef>, HistoryError> {
        self.conn
            .query_row(
                "SELECT id, started_at FROM runs
                 WHERE status = 'complete' AND input_problems IS NULL AND started_epoch < ?1
                 ORDER BY started_epoch DESC LIMIT 1",
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
        Ok((!files.is_empty()).then_some(BaselineFiles {
            run_id: baseline.id,
            files,
        }))
    }

    /// How many runs since the baseline, before `time`, were left incomplete by `problem` (an
    /// input problem's text up to its reason, e.g. `/srv/exports/县区.json — 对比运行`).
    pub fn runs_since_baseline_with(
        &self,
        baseline: &BaselineFiles,
        problem: &str,
        time: &RunTime,
    ) -> Result<usize, HistoryError> {
        let after = self.epoch_of(&baseline.run_id)?;
        let n: i64 = self
            .conn
            .query_row(
                "SELECT COUNT(*) FROM runs
                 WHERE status = 'complete' AND instr(input_problems, ?1) > 0
                   AND started_epoch > ?2 AND started_epoch < ?3",
                params![problem, after, time.epoch],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))?;
        Ok(usize::try_from(n).unwrap_or_default())
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

    /// first_seen of each finding of the latest complete run before `time` (the streak carried
    /// forward).
    pub(super) fn first_seen_map(
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

    fn base_findings(&self, run_id: &str) -> Result<BTreeMap<String, BaseFinding>, HistoryError> {
        let mut st = self
            .conn
            .prepare(
                "SELECT fingerprint, unit, item_code, item_name, rule, element, severity, message,
                        first_seen, subject
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
                },
            ))
        })
        .and_then(Iterator::collect)
        .map_err(|e| self.err(e))
    }

    /// Runs that did not complete, started after `after` (epoch) and before this run.
    fn skipped_runs(
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

    fn epoch_of(&self, run_id: &str) -> Result<i64, HistoryError> {
        self.conn
            .query_row(
                "SELECT started_epoch FROM runs WHERE id = ?1",
                [run_id],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))
    }

    /// The last `n` complete runs of a unit before `time`, oldest first.
    fn trend(&self, unit: &str, time: &RunTime, n: usize) -> Result<Vec<TrendPoint>, HistoryError> {
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
            .query_map(params![unit, time.epoch, super::sql_count(n)], |r| {
                Ok(TrendPoint {
                    run_id: r.get(0)?,
                    started_at: r.get(1)?,
                    items: r.get::<_, i64>(2)?.try_into().unwrap_or_default(),
                    errors: r.get::<_, i64>(3)?.try_into().unwrap_or_default(),
                    score: r.get(4)?,
                })
            })
            .and_then(Iterator::collect)
            .map_err(|e| self.err(e))?;
        points.reverse();
        Ok(points)
    }

    /// Compares a checked run with its baseline (`since`, or the previous complete run) and
    /// builds the [`HistoryView`] for the report. Reads only; [`Store::stage`] writes.
    pub fn diff(
        &self,
        run: &RunGuard,
        checked: &Checked,
        since: Option<&str>,
        trend_runs: usize,
    ) -> Result<HistoryView, HistoryError> {
        let time = run.time();
        let baseline = match since {
            Some(s) => Some(self.resolve_since(s, time)?),
            None => self.previous_complete(time)?,
        };
        let base = match &baseline {
            Some(b) => self.base_findings(&b.id)?,
            None => BTreeMap::new(),
        };
        let after = baseline
            .as_ref()
            .map(|b| self.epoch_of(&b.id))
            .transpose()?;
        // Settings changed since the baseline (rules on or off, severities, [check] values, the
        // tool's version): a finding no longer found may be the settings' doing, not a fix.
        let settings_changed = match &baseline {
            Some(b) => {
                let hash: String = self
                    .conn
                    .query_row("SELECT config_hash FROM runs WHERE id = ?1", [&b.id], |r| {
                        r.get(0)
                    })
                    .map_err(|e| self.err(e))?;
                hash != run.config_hash()
            }
            None => false,
        };
        let skipped_runs = self.skipped_runs(after, run, false)?;
        let partial_runs = self.skipped_runs(after, run, true)?;
        let first_seen = self.first_seen_map(time)?;
        let age = |seen: &str| RunTime::parse(seen).map_or(0, |t| days_between(t.date, time.date));
        let report = &checked.report;
        let subjects = report.subjects_by_code();
        let mut findings: BTreeMap<String, FindingHistory> = BTreeMap::new();
        for (f, fp) in report.findings.iter().zip(&checked.fingerprints) {
            if findings.contains_key(fp) {
                continue;
            }
            let seen = first_seen.get(fp).unwrap_or(&time.text).clone();
            let waiver = checked
                .waived
                .contains(fp)
                .then(|| {
                    checked
                        .waiver_report
                        .applied
                        .iter()
                        .find(|w| &w.fingerprint == fp)
                })
                .flatten()
                .cloned();
            findings.insert(
                fp.clone(),
                FindingHistory {
                    fingerprint: fp.clone(),
                    status: if base.contains_key(fp) {
                        FindingStatus::Persisting
                    } else {
                        FindingStatus::New
                    },
                    unit: f.unit.clone(),
                    item_code: f.item_code.clone(),
                    item_name: f.item_name.clone(),
                    subject: subjects
                        .get(f.item_code.as_str())
                        .copied()
                        .unwrap_or_default()
                        .to_owned(),
                    rule: f.rule.clone(),
                    element: f.element.clone(),
                    severity: f.severity,
                    message: crate::report::fixlist::description(f),
                    age_days: age(&seen),
                    first_seen: seen,
                    waiver,
                },
            );
        }
        let checked_items: BTreeSet<(&str, &str)> = report
            .items
            .iter()
            .filter(|i| i.status == ItemStatus::Checked)
            .map(|i| (i.unit.as_str(), i.code.as_str()))
            .collect();
        let rules_run: BTreeSet<&str> = report.rules.iter().map(|r| r.id.as_str()).collect();
        for (fp, b) in base {
            if findings.contains_key(&fp) {
                continue;
            }
            let status = if checked_items.contains(&(b.unit.as_str(), b.item_code.as_str()))
                && rules_run.contains(b.rule.as_str())
            {
                FindingStatus::Fixed
            } else {
                FindingStatus::Gone
            };
            findings.insert(
                fp.clone(),
                FindingHistory {
                    fingerprint: fp,
                    status,
                    age_days: age(&b.first_seen),
                    unit: b.unit,
                    item_code: b.item_code,
                    item_name: b.item_name,
                    subject: b.subject,
                    rule: b.rule,
                    element: b.element,
                    severity: b.severity,
                    message: b.message,
                    first_seen: b.first_seen,
                    waiver: None,
                },
            );
        }
        let mut units = unit_figures(checked);
        for h in findings.values() {
            let u = units.entry(h.unit.clone()).or_insert_with(|| UnitHistory {
                unit: h.unit.clone(),
                ..UnitHistory::default()
            });
            match h.status {
                FindingStatus::New => {
                    u.new += 1;
                    if h.severity == Severity::Error && h.waiver.is_none() {
                        u.new_errors += 1;
                    }
                }
                FindingStatus::Persisting => u.persisting += 1,
                FindingStatus::Fixed => u.fixed += 1,
                FindingStatus::Gone => u.gone += 1,
            }
        }
        for u in units.values_mut() {
            let mut trend = self.trend(&u.unit, time, trend_runs.saturating_sub(1))?;
            trend.push(TrendPoint {
                run_id: run.id().to_owned(),
                started_at: time.text.clone(),
                items: u.items,
                errors: u.errors,
                score: report
                    .scores
                    .iter()
                    .find(|s| s.unit == u.unit)
                    .map(|s| s.score),
            });
            u.trend = trend;
        }
        Ok(HistoryView {
            run: RunRef {
                id: run.id().to_owned(),
                started_at: time.text.clone(),
            },
            baseline,
            skipped_runs,
            partial_runs,
            input_problems: Vec::new(),
            settings_changed,
            reused_items: checked.reused,
            findings: findings.into_values().collect(),
            units: units.into_values().collect(),
            waivers: checked.waiver_report.clone(),
        })
    }
}
