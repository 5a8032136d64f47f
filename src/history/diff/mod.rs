//! The diff of a run against its baseline: each finding's status and age, per-unit counts and the
//! trend. See the module docs of `history` for the definitions.

mod baseline;
mod carry;
mod past;

use std::collections::{BTreeMap, BTreeSet};

use super::incremental::Checked;
use super::view::{FindingHistory, FindingStatus, HistoryView, RunRef, TrendPoint, UnitHistory};
use super::{HistoryError, RunGuard, RunTime, Store, days_between};
use crate::model::Severity;
use crate::report::ItemStatus;

pub use baseline::BaselineFiles;

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

impl Store {
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
        // tool's version; not a new build alone): a finding no longer found may be the settings'
        // doing, not a fix.
        let settings_changed = match &baseline {
            Some(b) => self.settings_differ(&b.id, run.id())?,
            None => false,
        };
        let skipped_runs = self.skipped_runs(after, run, false)?;
        let partial_runs = self.skipped_runs(after, run, true)?;
        let first_seen = self.first_seen_map(time)?;
        let age = |seen: &str| RunTime::parse(seen).map_or(0, |t| days_between(t.date, time.date));
        let report = &checked.report;
        let subjects = report.subjects_by_code();
        let checked_items: BTreeSet<(&str, &str)> = report
            .items
            .iter()
            .filter(|i| i.status == ItemStatus::Checked)
            .map(|i| (i.unit.as_str(), i.code.as_str()))
            .collect();
        // Problems reworded, or moved to another unit, but still there: 未整改 with their age.
        let mut carried = carry::pair(
            &base,
            &report.findings,
            &checked.fingerprints,
            &checked_items,
        );
        let mut findings: BTreeMap<String, FindingHistory> = BTreeMap::new();
        for (f, fp) in report.findings.iter().zip(&checked.fingerprints) {
            if findings.contains_key(fp) {
                continue;
            }
            let carried = carried.remove(fp);
            let seen = first_seen
                .get(fp)
                .or_else(|| first_seen.get(&carried.as_ref()?.fingerprint))
                .unwrap_or(&time.text)
                .clone();
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
                    status: if base.contains_key(fp) || carried.is_some() {
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
                    element: f.element.to_string(),
                    severity: f.severity,
                    message: crate::report::fixlist::description(f),
                    age_days: age(&seen),
                    first_seen: seen,
                    waiver,
                    carried,
                },
            );
        }
        let found_again: BTreeSet<String> = findings
            .values()
            .filter_map(|h| Some(h.carried.as_ref()?.fingerprint.clone()))
            .collect();
        let rules_run: BTreeSet<&str> = report.rules.iter().map(|r| r.id.as_str()).collect();
        // A rule's section, to tell a problem not found because its list was not read tonight
        // (已移除, not checked) from one fixed.
        let section: BTreeMap<&str, &str> = report
            .rules
            .iter()
            .map(|r| (r.id.as_str(), r.category.as_str()))
            .collect();
        let not_read = |unit: &str, code: &str, rule: &str| {
            section.get(rule).is_some_and(|s| {
                checked.unread_sections.contains(&(
                    unit.to_owned(),
                    code.to_owned(),
                    (*s).to_owned(),
                ))
            })
        };
        for (fp, b) in base {
            if findings.contains_key(&fp) || found_again.contains(&fp) {
                continue;
            }
            let status = if checked_items.contains(&(b.unit.as_str(), b.item_code.as_str()))
                && rules_run.contains(b.rule.as_str())
                && !not_read(&b.unit, &b.item_code, &b.rule)
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
                    carried: None,
                },
            );
        }
        // This run's findings are counted as their rows are listed (two rows of an item listed
        // twice count twice, as a clerk counts them in Excel), a waived one as 已豁免 only;
        // those no longer found once per baseline finding.
        let mut units = unit_figures(checked);
        for (k, (f, fp)) in report
            .findings
            .iter()
            .zip(&checked.fingerprints)
            .enumerate()
        {
            let (Some(h), Some(u)) = (findings.get(fp), units.get_mut(&f.unit)) else {
                continue;
            };
            if checked.is_waived(k) {
                continue;
            }
            match h.status {
                FindingStatus::New => {
                    u.new += 1;
                    if f.severity == Severity::Error {
                        u.new_errors += 1;
                    }
                }
                FindingStatus::Persisting => u.persisting += 1,
                FindingStatus::Fixed | FindingStatus::Gone => {}
            }
        }
        for h in findings.values() {
            let u = units.entry(h.unit.clone()).or_insert_with(|| UnitHistory {
                unit: h.unit.clone(),
                ..UnitHistory::default()
            });
            match h.status {
                FindingStatus::Fixed => u.fixed += 1,
                FindingStatus::Gone => u.gone += 1,
                FindingStatus::New | FindingStatus::Persisting => {}
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
