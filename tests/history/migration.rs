//! The checked-in v1 store: reproducible from its SQL, and migrated so its runs continue.

use super::*;

/// Builds a v1 store from [`history::V1_SQL`] and `fixtures/history/v1.sql`.
fn build_v1(path: &Path) {
    let db = rusqlite::Connection::open(path).unwrap();
    db.execute_batch(history::V1_SQL).unwrap();
    db.execute_batch(&std::fs::read_to_string(fixture("v1.sql")).unwrap())
        .unwrap();
}

/// Every row of every table, sorted, as text.
fn dump(path: &Path) -> Vec<String> {
    let db = rusqlite::Connection::open(path).unwrap();
    let mut out = vec![format!(
        "user_version={}",
        db.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0))
            .unwrap()
    )];
    let mut tables = db
        .prepare("SELECT name, sql FROM sqlite_master ORDER BY name")
        .unwrap();
    let tables: Vec<(String, Option<String>)> = tables
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for (name, sql) in tables {
        out.push(format!("{name}: {sql:?}"));
        if sql
            .as_deref()
            .is_some_and(|s| s.starts_with("CREATE TABLE"))
        {
            let mut st = db.prepare(&format!("SELECT * FROM {name}")).unwrap();
            let n = st.column_count();
            let mut rows: Vec<String> = st
                .query_map([], |r| {
                    Ok((0..n)
                        .map(|i| format!("{:?}", r.get::<_, rusqlite::types::Value>(i).unwrap()))
                        .collect::<Vec<_>>()
                        .join("|"))
                })
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            rows.sort();
            out.extend(rows.into_iter().map(|r| format!("  {r}")));
        }
    }
    out
}

#[test]
fn the_checked_in_v1_store_is_reproducible_from_its_sql() {
    let dir = tempfile::tempdir().unwrap();
    let rebuilt = dir.path().join("v1.sqlite");
    build_v1(&rebuilt);
    let checked_in = fixture("v1.sqlite");
    if std::env::var_os("ZWFW_REGENERATE_FIXTURES").is_some() {
        std::fs::copy(&rebuilt, &checked_in).unwrap();
    }
    assert_eq!(
        dump(&checked_in),
        dump(&rebuilt),
        "fixtures/history/v1.sqlite differs from V1_SQL + v1.sql; \
         regenerate with ZWFW_REGENERATE_FIXTURES=1 cargo test --test history"
    );
}

#[test]
fn a_v1_store_is_migrated_and_its_runs_continue() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("history.sqlite");
    std::fs::copy(fixture("v1.sqlite"), &path).unwrap();
    let before = rusqlite::Connection::open(&path).unwrap();
    let version: u32 = before
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, 1, "the fixture must be a v1 store");
    drop(before);

    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), history::SCHEMA_VERSION);
    let runs = store.runs().unwrap();
    let statuses: Vec<(&str, RunStatus)> = runs.iter().map(|r| (r.id.as_str(), r.status)).collect();
    assert_eq!(
        statuses,
        [
            ("20261118-020000", RunStatus::Interrupted),
            ("20261119-020000", RunStatus::Complete)
        ]
    );

    // Night 1 after the upgrade compares with the v1 run: only A1 is new. The v1 run charged A3's
    // bare 12345 twice (B13, and B15 for its area code); B15 now leaves it to B13, so that one
    // is no longer found.
    let (_, v) = night(&mut store, 1, "n1", "2026-11-20T02:00:00+08:00");
    assert_eq!(v.baseline.as_ref().unwrap().id, "20261119-020000");
    assert_eq!(counts(&v, SJ), (1, 1, 2, 0));
    assert_eq!(counts(&v, RS), (0, 0, 1, 0));
    assert_eq!(counts(&v, GC), (0, 0, 2, 0));
    let a3 = find(&v, "个体工商户设立登记", "B13");
    assert_eq!(a3.first_seen, "2026-11-19T02:00:00+08:00");
    assert_eq!(a3.age_days, 1);
    // The trend includes the v1 run, with its figures backfilled by the migration.
    let trend: Vec<(String, usize, usize)> = v
        .unit(SJ)
        .unwrap()
        .trend
        .iter()
        .map(|p| (p.run_id.clone(), p.items, p.errors))
        .collect();
    assert_eq!(
        trend,
        [("20261119-020000".into(), 2, 2), ("n1".into(), 3, 2)]
    );
    assert_eq!(v.reused_items, 0, "v1 stores kept no results to reuse");
}
