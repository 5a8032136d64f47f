//! Pruning: dropping the item and finding rows of old runs while keeping their per-unit figures
//! (trends) and the first_seen carried by current findings (ages).

use rusqlite::{OptionalExtension, TransactionBehavior};

use super::{HistoryError, Store};

impl Store {
    /// Deletes the item and finding rows of all but the last `keep` runs that can be a baseline
    /// (complete, with all their input read; the runs after the oldest of them are kept too,
    /// whatever they are), and the cached results no kept run uses. A run whose input was
    /// incomplete never counts among the `keep`: kept in place of the last whole night, it would
    /// leave the next night a baseline without details, every finding 新增 at 0 days; the runs
    /// themselves and their per-unit figures stay, so trends still reach back to the first
    /// run. Ages are unaffected: each finding row carries its first_seen. Returns how many runs
    /// lost their details. Must not run while a run is active (it takes the run lock).
    pub fn prune(&mut self, keep: usize) -> Result<usize, HistoryError> {
        let Some(_lock) = self.try_lock(super::store::LOCK_WAIT)? else {
            return Err(HistoryError::Busy {
                path: self.path.clone(),
                holder: String::new(),
            });
        };
        let path = self.path.clone();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| super::store::sql_err(&path, e))?;
        let pruned = (|| -> rusqlite::Result<usize> {
            let oldest_kept: Option<i64> = tx
                .query_row(
                    "SELECT started_epoch FROM runs
                     WHERE status = 'complete' AND input_problems IS NULL
                     ORDER BY started_epoch DESC LIMIT 1 OFFSET ?1",
                    [super::sql_count(keep.max(1) - 1)],
                    |r| r.get(0),
                )
                .optional()?;
            let Some(oldest_kept) = oldest_kept else {
                return Ok(0);
            };
            tx.execute_batch(&format!(
                "CREATE TEMP TABLE pruned AS SELECT id FROM runs WHERE started_epoch < {oldest_kept}
                   AND (EXISTS (SELECT 1 FROM items i WHERE i.run_id = runs.id)
                        OR EXISTS (SELECT 1 FROM findings f WHERE f.run_id = runs.id));
                 DELETE FROM items WHERE run_id IN (SELECT id FROM pruned);
                 DELETE FROM findings WHERE run_id IN (SELECT id FROM pruned);
                 DELETE FROM run_files WHERE run_id IN (SELECT id FROM pruned);
                 DELETE FROM results WHERE content_hash NOT IN (SELECT content_hash FROM items);"
            ))?;
            let n: i64 = tx.query_row("SELECT COUNT(*) FROM pruned", [], |r| r.get(0))?;
            tx.execute_batch("DROP TABLE pruned;")?;
            Ok(usize::try_from(n).unwrap_or_default())
        })()
        .map_err(|e| super::store::sql_err(&path, e))?;
        tx.commit().map_err(|e| super::store::sql_err(&path, e))?;
        self.conn
            .execute_batch("VACUUM;")
            .map_err(|e| super::store::sql_err(&path, e))?;
        Ok(pruned)
    }

    /// Whether a run still has its item rows (not pruned).
    pub(super) fn has_details(&self, run_id: &str) -> Result<bool, HistoryError> {
        self.conn
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM items WHERE run_id = ?1)",
                [run_id],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))
    }
}
