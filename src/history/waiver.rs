//! 豁免 — waivers: an assessor's decision that a finding does not count until a date; how they
//! are kept in the store and sorted against a run.

use std::collections::BTreeSet;

use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::view::WaiverReport;
use super::{HistoryError, Store};

/// One waiver.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Waiver {
    /// The finding's fingerprint.
    pub fingerprint: String,
    /// Why, in the assessor's words.
    pub reason: String,
    /// Last day the waiver applies (inclusive), `YYYY-MM-DD`.
    pub until: String,
    /// When it was recorded (RFC 3339).
    pub created_at: String,
}

impl Waiver {
    /// Whether the waiver applies on `date`.
    pub fn is_active(&self, date: jiff::civil::Date) -> bool {
        self.until
            .parse::<jiff::civil::Date>()
            .is_ok_and(|until| date <= until)
    }
}

impl Store {
    /// Records (or replaces) a waiver.
    pub fn add_waiver(&self, waiver: &Waiver) -> Result<(), HistoryError> {
        super::parse_date(&waiver.until)?;
        if !super::fingerprint::is_fingerprint(&waiver.fingerprint) {
            return Err(HistoryError::BadFingerprint(waiver.fingerprint.clone()));
        }
        self.conn
            .execute(
                "INSERT OR REPLACE INTO waivers (fingerprint, reason, until, created_at)
                 VALUES (?1, ?2, ?3, ?4)",
                params![
                    waiver.fingerprint,
                    waiver.reason,
                    waiver.until,
                    waiver.created_at
                ],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// Removes a waiver; whether there was one.
    pub fn remove_waiver(&self, fingerprint: &str) -> Result<bool, HistoryError> {
        let n = self
            .conn
            .execute("DELETE FROM waivers WHERE fingerprint = ?1", [fingerprint])
            .map_err(|e| self.err(e))?;
        Ok(n > 0)
    }

    /// Every waiver, by fingerprint.
    pub fn waivers(&self) -> Result<Vec<Waiver>, HistoryError> {
        let mut st = self
            .conn
            .prepare(
                "SELECT fingerprint, reason, until, created_at FROM waivers ORDER BY fingerprint",
            )
            .map_err(|e| self.err(e))?;
        st.query_map([], |r| {
            Ok(Waiver {
                fingerprint: r.get(0)?,
                reason: r.get(1)?,
                until: r.get(2)?,
                created_at: r.get(3)?,
            })
        })
        .and_then(Iterator::collect)
        .map_err(|e| self.err(e))
    }

    /// The latest complete run's finding with this fingerprint: (考核单位, 实施编码, message).
    pub fn latest_finding(
        &self,
        fingerprint: &str,
    ) -> Result<Option<(String, String, String)>, HistoryError> {
        self.conn
            .query_row(
                "SELECT f.unit, f.item_code, f.message FROM findings f JOIN runs r ON r.id = f.run_id
                 WHERE f.fingerprint = ?1 AND r.status = 'complete'
                 ORDER BY r.started_epoch DESC LIMIT 1",
                [fingerprint],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()
            .map_err(|e| self.err(e))
    }
}

/// Sorts waivers against the fingerprints of a run on `date`: the ones that apply (returned as a
/// set too), the expired ones, and the active ones that match nothing.
pub(crate) fn classify(
    waivers: &[Waiver],
    fingerprints: &BTreeSet<String>,
    date: jiff::civil::Date,
) -> (WaiverReport, BTreeSet<String>) {
    let mut report = WaiverReport::default();
    let mut applied = BTreeSet::new();
    for w in waivers {
        if !w.is_active(date) {
            report.expired.push(w.clone());
        } else if fingerprints.contains(&w.fingerprint) {
            applied.insert(w.fingerprint.clone());
            report.applied.push(w.clone());
        } else {
            report.unmatched.push(w.clone());
        }
    }
    (report, applied)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn waiver(fp: &str, until: &str) -> Waiver {
        Waiver {
            fingerprint: fp.into(),
            reason: "省级系统字段锁定，待省平台修改".into(),
            until: until.into(),
            created_at: "2026-11-01T10:00:00+08:00".into(),
        }
    }

    #[test]
    fn waivers_are_applied_expired_or_unmatched() {
        let fps: BTreeSet<String> = ["a".to_owned(), "b".to_owned()].into();
        let day = "2026-11-20".parse().unwrap();
        let (report, applied) = classify(
            &[
                waiver("a", "2026-11-20"),
                waiver("b", "2026-11-19"),
                waiver("c", "2026-12-31"),
            ],
            &fps,
            day,
        );
        assert_eq!(applied, ["a".to_owned()].into());
        assert_eq!(report.applied.len(), 1);
        assert_eq!(report.expired[0].fingerprint, "b");
        assert_eq!(report.unmatched[0].fingerprint, "c");
    }
}
