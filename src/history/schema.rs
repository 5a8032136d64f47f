//! The store's schema and its versioned migrations (`PRAGMA user_version`).
//!
//! Every version's SQL stays here forever so that any older store can be brought up to date, and
//! so that the checked-in v1 fixture (`fixtures/history/v1.sqlite`) can be rebuilt from [`V1_SQL`].
//!
//! - **v1**: runs, items (content hash), findings (fingerprint, first_seen).
//! - **v2**: waivers; per-unit figures of every run (`unit_runs`: items, counted errors, score) for
//!   the trend, backfilled from v1 data; cached item results for incremental runs (`results`);
//!   item status (checked/unreadable); findings marked waived.
//! - **v3**: what of a run's input could not be read (`runs.input_problems`, NULL when it was read
//!   whole): such a run is kept and shown, but is no baseline for later runs.
//! - **v4**: each finding's 实施主体 (`findings.subject`, empty for runs stored before): a 已移除
//!   row, whose item is gone from the input, still says whose it was. The files each run read
//!   items from (`run_files`, and each item's `file_no` among them): a file that gave the
//!   baseline no item cannot make tonight's findings look 已移除, so its problems do not make
//!   tonight's input incomplete; a file of the baseline that is gone tonight, with most of its
//!   items, does.
//! - **v5**: each finding's target (`findings.target`: the field or list entry, `材料「身份证明」`)
//!   and offending text (`findings.evidence`), NULL for runs stored before: a problem whose text
//!   was reworded but still fails is recognised the next night as the same problem (未整改 with
//!   its age, 原文已改), not as one fixed and one new.
//! - **v6**: what each file gave values for (`run_files.parts`: per list and field, how many of
//!   its items had one, as JSON; NULL for runs stored before): a sheet or a column the baseline
//!   read values from and that is gone tonight makes tonight's input incomplete.
//! - **v7**: what each item gave values for (`items.parts`, bits in the order of
//!   `cli::audit::parts`; NULL for runs stored before): a list is lost only when the baseline's
//!   items that had it and are read tonight from the same file all lack it, not when those items
//!   moved to another file or say they have none (是否收费 否). And the run's settings without the
//!   build (`runs.settings_hash`: rules, severities, parameters, version; NULL before): a new
//!   build of the same version with the same settings re-checks every item but is no settings
//!   change.

use rusqlite::Connection;

/// The schema version this tool writes.
pub const SCHEMA_VERSION: u32 = 7;

/// The v1 schema, exactly as the first release created it.
pub const V1_SQL: &str = "
CREATE TABLE runs (
    id           TEXT PRIMARY KEY,
    started_at   TEXT NOT NULL,
    started_epoch INTEGER NOT NULL,
    finished_at  TEXT,
    status       TEXT NOT NULL CHECK (status IN ('running', 'complete', 'incomplete')),
    inputs       TEXT NOT NULL,
    config_hash  TEXT NOT NULL,
    tool_version TEXT NOT NULL
);
CREATE INDEX runs_by_start ON runs (status, started_epoch);
CREATE TABLE items (
    run_id       TEXT NOT NULL REFERENCES runs (id),
    seq          INTEGER NOT NULL,
    code         TEXT NOT NULL,
    unit         TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    PRIMARY KEY (run_id, seq)
);
CREATE TABLE findings (
    run_id      TEXT NOT NULL REFERENCES runs (id),
    fingerprint TEXT NOT NULL,
    unit        TEXT NOT NULL,
    item_code   TEXT NOT NULL,
    item_name   TEXT NOT NULL,
    rule        TEXT NOT NULL,
    element     TEXT NOT NULL,
    severity    TEXT NOT NULL,
    message     TEXT NOT NULL,
    first_seen  TEXT NOT NULL,
    PRIMARY KEY (run_id, fingerprint)
);
CREATE INDEX findings_by_fingerprint ON findings (fingerprint);
PRAGMA user_version = 1;
";

/// v1 → v2.
const V2_SQL: &str = "
ALTER TABLE items ADD COLUMN status TEXT NOT NULL DEFAULT 'checked';
ALTER TABLE findings ADD COLUMN waived INTEGER NOT NULL DEFAULT 0;
CREATE TABLE waivers (
    fingerprint TEXT PRIMARY KEY,
    reason      TEXT NOT NULL,
    until       TEXT NOT NULL,
    created_at  TEXT NOT NULL
);
CREATE TABLE results (
    content_hash TEXT NOT NULL,
    config_hash  TEXT NOT NULL,
    entry        TEXT NOT NULL,
    findings     TEXT NOT NULL,
    PRIMARY KEY (content_hash, config_hash)
);
CREATE TABLE unit_runs (
    run_id     TEXT NOT NULL REFERENCES runs (id),
    unit       TEXT NOT NULL,
    items      INTEGER NOT NULL,
    errors     INTEGER NOT NULL,
    warnings   INTEGER NOT NULL,
    waived     INTEGER NOT NULL,
    score      REAL,
    full_marks REAL,
    PRIMARY KEY (run_id, unit)
);
INSERT INTO unit_runs (run_id, unit, items, errors, warnings, waived)
SELECT i.run_id, i.unit, COUNT(*),
       (SELECT COUNT(*) FROM findings f
         WHERE f.run_id = i.run_id AND f.unit = i.unit AND f.severity = 'error'),
       (SELECT COUNT(*) FROM findings f
         WHERE f.run_id = i.run_id AND f.unit = i.unit AND f.severity = 'warning'),
       0
  FROM items i GROUP BY i.run_id, i.unit;
PRAGMA user_version = 2;
";

/// v2 → v3.
const V3_SQL: &str = "
ALTER TABLE runs ADD COLUMN input_problems TEXT;
PRAGMA user_version = 3;
";

/// v3 → v4.
const V4_SQL: &str = "
ALTER TABLE findings ADD COLUMN subject TEXT NOT NULL DEFAULT '';
ALTER TABLE items ADD COLUMN file_no INTEGER;
CREATE TABLE run_files (
    run_id  TEXT NOT NULL REFERENCES runs (id),
    file_no INTEGER NOT NULL,
    source  TEXT NOT NULL,
    items   INTEGER NOT NULL,
    PRIMARY KEY (run_id, file_no)
);
PRAGMA user_version = 4;
";

/// v4 → v5.
const V5_SQL: &str = "
ALTER TABLE findings ADD COLUMN target TEXT;
ALTER TABLE findings ADD COLUMN evidence TEXT;
PRAGMA user_version = 5;
";

/// v5 → v6.
const V6_SQL: &str = "
ALTER TABLE run_files ADD COLUMN parts TEXT;
PRAGMA user_version = 6;
";

/// v6 → v7.
const V7_SQL: &str = "
ALTER TABLE items ADD COLUMN parts INTEGER;
ALTER TABLE runs ADD COLUMN settings_hash TEXT;
PRAGMA user_version = 7;
";

/// The migration from version `n - 1` to `n` is `MIGRATIONS[n - 1]`.
const MIGRATIONS: &[&str] = &[V1_SQL, V2_SQL, V3_SQL, V4_SQL, V5_SQL, V6_SQL, V7_SQL];

/// The store's `user_version`.
pub(crate) fn version(conn: &Connection) -> rusqlite::Result<u32> {
    conn.pragma_query_value(None, "user_version", |r| r.get(0))
}

/// Brings the store to [`SCHEMA_VERSION`], each step in its own transaction. Returns the version
/// found; a version above [`SCHEMA_VERSION`] is left alone (the caller refuses it).
pub(crate) fn migrate(conn: &mut Connection) -> rusqlite::Result<u32> {
    let found = version(conn)?;
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        // Another process may have migrated while we waited for the write lock.
        if version(&tx)? as usize > i {
            continue;
        }
        tx.execute_batch(sql)?;
        tx.commit()?;
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_store_gets_the_current_version_and_migrating_again_is_a_no_op() {
        let mut conn = Connection::open_in_memory().unwrap();
        assert_eq!(migrate(&mut conn).unwrap(), 0);
        assert_eq!(version(&conn).unwrap(), SCHEMA_VERSION);
        assert_eq!(migrate(&mut conn).unwrap(), SCHEMA_VERSION);
        let tables: i64 = conn
            .query_row(
                "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN
                 ('runs', 'items', 'findings', 'waivers', 'results', 'unit_runs')",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(tables, 6);
    }

    #[test]
    fn v2_backfills_unit_figures_from_v1_data() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(V1_SQL).unwrap();
        conn.execute_batch(
            "INSERT INTO runs VALUES ('r1', '2026-11-01T02:00:00+08:00', 1, NULL, 'complete', '[]', 'h', '0.0.9');
             INSERT INTO items VALUES ('r1', 0, 'A', '贵池区', 'x'), ('r1', 1, 'B', '贵池区', 'y');
             INSERT INTO findings VALUES
               ('r1', 'f1', '贵池区', 'A', '甲', 'B13', '咨询电话', 'error', 'm', '2026-11-01T02:00:00+08:00'),
               ('r1', 'f2', '贵池区', 'A', '甲', 'B15', '电话准确性', 'warning', 'm', '2026-11-01T02:00:00+08:00');",
        )
        .unwrap();
        assert_eq!(migrate(&mut conn).unwrap(), 1);
        let row: (i64, i64, i64) = conn
            .query_row(
                "SELECT items, errors, warnings FROM unit_runs WHERE run_id = 'r1' AND unit = '贵池区'",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .unwrap();
        assert_eq!(row, (2, 1, 1));
    }
}
