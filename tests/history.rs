//! The history store end to end through the library: three nights over `fixtures/history/`
//! (new / fixed / persisting / gone with exact ages), incremental reuse, a run killed mid-way,
//! migration of the checked-in v1 store, concurrent runs, and waivers. Run times are passed in;
//! nothing depends on the wall clock. The command line is tested in `history_cli.rs`.

use std::path::{Path, PathBuf};

use zwfw_audit::check::{RunInfo, check_records};
use zwfw_audit::history::{
    self, Checked, FindingHistory, FindingStatus, HistoryError, HistoryView, RunStatus, RunTime,
    Store, Waiver,
};
use zwfw_audit::model::{Outcome, Severity};
use zwfw_audit::rules::{CheckContext, RuleSet};
use zwfw_audit::source::{self, Record};

const SJ: &str = "池州市市场监督管理局";
const RS: &str = "池州市人力资源和社会保障局";
const GC: &str = "贵池区";

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/history")
        .join(name)
}

fn read(night: u32) -> Vec<Record> {
    let mut records = Vec::new();
    source::read_inputs(&[fixture(&format!("night{night}.json"))], &mut |r| {
        records.push(r);
    });
    records
}

/// The steps of `zwfw-audit audit` up to the commit, with a given time and rule set.
fn check_night(
    store: &mut Store,
    night: u32,
    id: &str,
    at: &str,
    rules: &RuleSet,
) -> (history::RunGuard, Checked) {
    let ctx = CheckContext::default();
    let time = RunTime::parse(at).unwrap();
    let hash = history::config_hash(rules, &ctx.params);
    let input = format!("night{night}.json");
    let run = store
        .begin_run(id, time.clone(), std::slice::from_ref(&input), &hash)
        .unwrap();
    let info = RunInfo {
        run_id: id.into(),
        generated_at: at.into(),
        inputs: vec![input],
    };
    let mut checked = history::check_incremental(read(night), rules, &ctx, info, &mut |h| {
        store.cached(&hash, h)
    })
    .unwrap();
    checked.apply_waivers(&store.waivers().unwrap(), time.date);
    (run, checked)
}

/// One whole night, committed; returns the report's history.
fn night(store: &mut Store, night: u32, id: &str, at: &str) -> (Checked, HistoryView) {
    let (run, mut checked) = check_night(store, night, id, at, &RuleSet::default());
    let view = store.diff(&run, &checked, None, 12).unwrap();
    checked.report.history = Some(view.clone());
    let done = RunTime::parse(at).unwrap();
    store.stage(run, &checked, &done).unwrap().commit().unwrap();
    (checked, view)
}

fn find<'a>(view: &'a HistoryView, item: &str, rule: &str) -> &'a FindingHistory {
    let hits: Vec<_> = view
        .findings
        .iter()
        .filter(|h| h.item_name == item && h.rule == rule)
        .collect();
    assert_eq!(hits.len(), 1, "{item} {rule}: {hits:#?}");
    hits[0]
}

/// (new, fixed, persisting, gone) of a unit.
fn counts(view: &HistoryView, unit: &str) -> (usize, usize, usize, usize) {
    let u = view.unit(unit).unwrap_or_else(|| panic!("no unit {unit}"));
    (u.new, u.fixed, u.persisting, u.gone)
}

fn temp_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("reports/history.sqlite")).unwrap();
    (dir, store)
}

#[test]
fn three_nights_new_fixed_persisting_and_ages() {
    let (_dir, mut store) = temp_store();

    let (_, v1) = night(&mut store, 1, "n1", "2026-11-20T02:00:00+08:00");
    assert_eq!(v1.baseline, None);
    assert_eq!(counts(&v1, SJ), (4, 0, 0, 0));
    assert_eq!(counts(&v1, RS), (1, 0, 0, 0));
    assert_eq!(counts(&v1, GC), (2, 0, 0, 0));
    assert!(v1.findings.iter().all(|h| h.age_days == 0));
    assert_eq!(
        v1.totals().new_errors,
        6,
        "A2's identical numbers are a warning"
    );

    let (_, v2) = night(&mut store, 2, "n2", "2026-11-21T02:00:00+08:00");
    assert_eq!(v2.baseline.as_ref().unwrap().id, "n1");
    assert_eq!(counts(&v2, SJ), (0, 1, 3, 0));
    assert_eq!(counts(&v2, RS), (1, 0, 1, 0));
    assert_eq!(counts(&v2, GC), (1, 0, 1, 1));
    assert_eq!(
        find(&v2, "食品经营许可（新办）", "B15").status,
        FindingStatus::Fixed
    );
    let gone = find(&v2, "小餐饮经营许可", "B13");
    assert_eq!(
        gone.status,
        FindingStatus::Gone,
        "C1 was deleted, not fixed"
    );
    let b2 = find(&v2, "职业资格证书补发", "B14");
    assert_eq!((b2.status, b2.age_days), (FindingStatus::New, 0));
    let b1 = find(&v2, "失业保险金申领", "B14");
    assert_eq!((b1.status, b1.age_days), (FindingStatus::Persisting, 1));
    assert_eq!(b1.first_seen, "2026-11-20T02:00:00+08:00");
    assert_eq!(v2.reused_items, 4, "A2, A3, B1, C2 are unchanged");

    let (_, v3) = night(&mut store, 3, "n3", "2026-11-24T02:00:00+08:00");
    assert_eq!(v3.baseline.as_ref().unwrap().id, "n2");
    assert_eq!(counts(&v3, SJ), (1, 1, 2, 0));
    assert_eq!(counts(&v3, RS), (1, 0, 2, 0));
    assert_eq!(counts(&v3, GC), (0, 0, 1, 1));
    // A1 broke again: its streak was broken on night 2, so it is new with age 0.
    let a1 = find(&v3, "食品经营许可（新办）", "B15");
    assert_eq!((a1.status, a1.age_days), (FindingStatus::New, 0));
    assert_eq!(a1.first_seen, "2026-11-24T02:00:00+08:00");
    // A3 was rewritten in full-width digits: same problem, still persisting since night 1.
    for rule in ["B13", "B15"] {
        let a3 = find(&v3, "个体工商户设立登记", rule);
        assert_eq!(
            (a3.status, a3.age_days),
            (FindingStatus::Persisting, 4),
            "{rule}"
        );
    }
    assert_eq!(find(&v3, "职业资格证书补发", "B14").age_days, 3);
    assert_eq!(find(&v3, "食品摊贩登记", "B15").age_days, 3);
    let a2 = find(&v3, "食品经营许可（变更）", "B15");
    assert_eq!(
        (a2.status, a2.severity),
        (FindingStatus::Fixed, Severity::Warning)
    );
    assert_eq!(
        find(&v3, "食品小作坊登记", "B15").status,
        FindingStatus::Gone
    );
    assert_eq!(
        v3.reused_items, 4,
        "B1, B2, C3 are unchanged and A1 is back to its night-1 content"
    );

    // The trend: errors per night, oldest first, this run last.
    let trend: Vec<(String, usize)> = v3
        .unit(RS)
        .unwrap()
        .trend
        .iter()
        .map(|p| (p.run_id.clone(), p.errors))
        .collect();
    assert_eq!(
        trend,
        [("n1".into(), 1), ("n2".into(), 2), ("n3".into(), 3)]
    );
    let sj: Vec<usize> = v3
        .unit(SJ)
        .unwrap()
        .trend
        .iter()
        .map(|p| p.errors)
        .collect();
    assert_eq!(sj, [3, 2, 3], "warnings are not errors");
    assert!(v3.unit(SJ).unwrap().trend.iter().all(|p| p.score.is_none()));

    // The report carries the view, and a finding can be looked up by its fingerprint.
    let runs = store.runs().unwrap();
    assert!(runs.iter().all(|r| r.status == RunStatus::Complete));
    assert_eq!(runs.len(), 3);
}

#[test]
fn reused_results_equal_a_full_check_and_configuration_changes_disable_reuse() {
    let (_dir, mut store) = temp_store();
    night(&mut store, 1, "n1", "2026-11-20T02:00:00+08:00");
    let (checked, view) = night(&mut store, 2, "n2", "2026-11-21T02:00:00+08:00");
    assert_eq!(view.reused_items, 4);
    let full = check_records(
        read(2),
        &RuleSet::default(),
        &CheckContext::default(),
        RunInfo {
            run_id: "n2".into(),
            generated_at: "2026-11-21T02:00:00+08:00".into(),
            inputs: vec!["night2.json".into()],
        },
    );
    assert_eq!(
        checked.report.items, full.items,
        "provenance points at night2.json"
    );
    assert_eq!(checked.report.findings, full.findings);
    assert_eq!(checked.report.summary, full.summary);
    for (f, h) in full.findings.iter().zip(&checked.report.findings) {
        assert_eq!(
            view.status_of(f).unwrap().fingerprint,
            history::fingerprint(h)
        );
    }

    // B15 downgraded to a warning: a different configuration hash, nothing reused.
    let mut settings = std::collections::BTreeMap::new();
    settings.insert("B15", zwfw_audit::rules::RuleSetting::On(Severity::Warning));
    let rules = RuleSet::from_settings(&settings);
    let (run, checked) = check_night(&mut store, 2, "n2b", "2026-11-22T02:00:00+08:00", &rules);
    assert_eq!(checked.reused, 0);
    let view = store.diff(&run, &checked, None, 12).unwrap();
    // Same fingerprints whatever the severity: nothing new, nothing fixed.
    assert_eq!(view.totals().new, 0);
    assert_eq!(view.totals().persisting, 7);
}

#[test]
fn a_run_killed_mid_way_is_incomplete_and_never_counted() {
    let (dir, mut store) = temp_store();
    night(&mut store, 1, "n1", "2026-11-20T02:00:00+08:00");

    // Night 2 writes all its rows in the final transaction, then dies before the commit.
    {
        let (run, checked) = check_night(
            &mut store,
            2,
            "n2",
            "2026-11-21T02:00:00+08:00",
            &RuleSet::default(),
        );
        let staged = store
            .stage(
                run,
                &checked,
                &RunTime::parse("2026-11-21T02:05:00+08:00").unwrap(),
            )
            .unwrap();
        drop(staged);
    }
    let runs = store.runs().unwrap();
    assert_eq!(runs[1].id, "n2");
    assert_eq!(runs[1].status, RunStatus::Incomplete);
    let db = rusqlite::Connection::open(dir.path().join("reports/history.sqlite")).unwrap();
    for table in ["items", "findings", "unit_runs"] {
        let n: i64 = db
            .query_row(
                &format!("SELECT COUNT(*) FROM {table} WHERE run_id = 'n2'"),
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(n, 0, "{table} has rows of the killed run");
    }
    // Night 2 again, killed before the final transaction (the guard simply goes away).
    drop(check_night(
        &mut store,
        2,
        "n2-retry",
        "2026-11-21T03:00:00+08:00",
        &RuleSet::default(),
    ));

    // Night 3 compares with night 1, the last complete run, and says what it skipped.
    let (_, v3) = night(&mut store, 3, "n3", "2026-11-24T02:00:00+08:00");
    assert_eq!(v3.baseline.as_ref().unwrap().id, "n1");
    let skipped: Vec<&str> = v3.skipped_runs.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(skipped, ["n2", "n2-retry"]);
    // A1 was in night 1 and night 3; the killed night 2 does not break its streak.
    let a1 = find(&v3, "食品经营许可（新办）", "B15");
    assert_eq!((a1.status, a1.age_days), (FindingStatus::Persisting, 4));
    assert_eq!(counts(&v3, RS), (2, 0, 1, 0));
    let statuses: Vec<RunStatus> = store.runs().unwrap().iter().map(|r| r.status).collect();
    assert_eq!(
        statuses,
        [
            RunStatus::Complete,
            RunStatus::Incomplete,
            RunStatus::Incomplete,
            RunStatus::Complete
        ]
    );
}

#[test]
fn a_second_run_gets_a_clear_message_while_the_first_works() {
    let (dir, mut first) = temp_store();
    let path = dir.path().join("reports/history.sqlite");
    let mut second = Store::open(&path).unwrap();
    let time = RunTime::parse("2026-11-20T02:00:00+08:00").unwrap();
    let guard = first.begin_run("n1", time.clone(), &[], "h").unwrap();
    let err = second
        .begin_run("n1-again", time.clone(), &[], "h")
        .unwrap_err();
    assert!(matches!(err, HistoryError::Busy { .. }), "{err:?}");
    let message = err.to_string();
    assert!(
        message.contains("另一个审核运行正在使用历史库"),
        "{message}"
    );
    assert!(message.contains("运行 n1"), "{message}");
    assert_eq!(second.runs().unwrap()[0].status, RunStatus::Running);
    drop(guard);
    // Once the first run is gone (here: dropped without finishing) the second can start.
    let later = RunTime::parse("2026-11-20T03:00:00+08:00").unwrap();
    let _second_run = second.begin_run("n1-again", later, &[], "h").unwrap();
    let err = first.begin_run("n1-third", time, &[], "h").unwrap_err();
    assert!(matches!(err, HistoryError::Busy { .. }));
}

#[test]
fn duplicate_run_ids_are_refused() {
    let (_dir, mut store) = temp_store();
    night(&mut store, 1, "n1", "2026-11-20T02:00:00+08:00");
    let time = RunTime::parse("2026-11-21T02:00:00+08:00").unwrap();
    let err = store.begin_run("n1", time, &[], "h").unwrap_err();
    assert!(err.to_string().contains("运行编号 n1 已存在"), "{err}");
}

#[test]
fn waivers_stop_counting_and_expired_or_unmatched_ones_are_reported() {
    let (_dir, mut store) = temp_store();
    let (c1, v1) = night(&mut store, 1, "n1", "2026-11-20T02:00:00+08:00");
    let b1 = find(&v1, "失业保险金申领", "B14").fingerprint.clone();
    let a1 = find(&v1, "食品经营许可（新办）", "B15").fingerprint.clone();
    let waiver = |fp: &str, until: &str| Waiver {
        fingerprint: fp.into(),
        reason: "监督电话由省级系统统一配置，已报省平台修改".into(),
        until: until.into(),
        created_at: "2026-11-20T09:30:00+08:00".into(),
    };
    store.add_waiver(&waiver(&b1, "2026-11-21")).unwrap();
    store.add_waiver(&waiver(&a1, "2026-12-31")).unwrap();
    assert!(
        store
            .add_waiver(&waiver("0123456789abcdef", "下个月"))
            .is_err()
    );

    // Night 2 (2026-11-21): B1's waiver applies (last day); A1 was fixed, its waiver matches nothing.
    let (c2, v2) = night(&mut store, 2, "n2", "2026-11-21T02:00:00+08:00");
    let h = find(&v2, "失业保险金申领", "B14");
    assert_eq!(h.status, FindingStatus::Persisting);
    assert_eq!(h.waiver.as_ref().unwrap().until, "2026-11-21");
    assert_eq!(v2.waivers.applied.len(), 1);
    assert_eq!(v2.waivers.unmatched[0].fingerprint, a1);
    assert!(v2.waivers.expired.is_empty());
    let rs = v2.unit(RS).unwrap();
    assert_eq!(
        (rs.errors, rs.waived),
        (1, 1),
        "B2's new error counts, B1's does not"
    );
    assert_eq!(c2.report.summary.errors, 5);
    assert_eq!(c1.report.summary.errors, 6);
    // B1's item: the element check counts as passed and the item has no counted error.
    let item = c2
        .report
        .items
        .iter()
        .find(|i| i.name == "失业保险金申领")
        .unwrap();
    assert_eq!((item.errors, item.outcomes["B14"]), (0, Outcome::Pass));
    // The finding itself stays in the list with its severity.
    assert!(
        c2.report
            .findings
            .iter()
            .any(|f| f.item_name == "失业保险金申领" && f.severity == Severity::Error)
    );
    assert_eq!(rs.trend.last().unwrap().errors, 1);

    // Night 3 (2026-11-24): B1's waiver has expired, its finding counts again.
    let (c3, v3) = night(&mut store, 3, "n3", "2026-11-24T02:00:00+08:00");
    assert_eq!(v3.waivers.expired[0].fingerprint, b1);
    assert!(find(&v3, "失业保险金申领", "B14").waiver.is_none());
    assert_eq!(v3.unit(RS).unwrap().errors, 3);
    assert_eq!(c3.report.summary.errors, 6, "7 errors, A1's waived");
    // A1 broke again: the still-active waiver applies to it again.
    assert!(find(&v3, "食品经营许可（新办）", "B15").waiver.is_some());
    assert_eq!(
        v3.unit(SJ).unwrap().new_errors,
        0,
        "a waived new error does not count"
    );
    assert!(store.remove_waiver(&a1).unwrap());
    assert!(!store.remove_waiver(&a1).unwrap());
}

#[test]
fn since_picks_a_baseline_by_date_or_run_id() {
    let (_dir, mut store) = temp_store();
    night(&mut store, 1, "n1", "2026-11-20T02:00:00+08:00");
    night(&mut store, 2, "n2", "2026-11-21T02:00:00+08:00");
    let (run, checked) = check_night(
        &mut store,
        3,
        "n3",
        "2026-11-24T02:00:00+08:00",
        &RuleSet::default(),
    );
    for since in ["2026-11-20", "n1"] {
        let view = store.diff(&run, &checked, Some(since), 12).unwrap();
        assert_eq!(view.baseline.as_ref().unwrap().id, "n1", "{since}");
        // Against night 1: A1 was there too, B2 broke on night 2.
        assert_eq!(
            find(&view, "食品经营许可（新办）", "B15").status,
            FindingStatus::Persisting
        );
        assert_eq!(
            find(&view, "职业资格证书补发", "B14").status,
            FindingStatus::New
        );
    }
    for bad in ["2026-11-19", "n9"] {
        let err = store.diff(&run, &checked, Some(bad), 12).unwrap_err();
        assert!(
            matches!(err, HistoryError::NoSuchBaseline(_)),
            "{bad}: {err}"
        );
    }
}

#[test]
fn pruning_keeps_trends_and_ages_but_drops_old_details() {
    let (dir, mut store) = temp_store();
    night(&mut store, 1, "n1", "2026-11-20T02:00:00+08:00");
    night(&mut store, 2, "n2", "2026-11-21T02:00:00+08:00");
    night(&mut store, 3, "n3", "2026-11-24T02:00:00+08:00");
    assert_eq!(store.prune(1).unwrap(), 2);
    assert_eq!(store.prune(1).unwrap(), 0, "nothing left to prune");
    let db = rusqlite::Connection::open(dir.path().join("reports/history.sqlite")).unwrap();
    let rows: i64 = db
        .query_row(
            "SELECT COUNT(*) FROM findings WHERE run_id IN ('n1', 'n2')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(rows, 0);
    assert_eq!(store.runs().unwrap().len(), 3);

    let (_, v4) = night(&mut store, 3, "n4", "2026-11-25T02:00:00+08:00");
    assert_eq!(v4.reused_items, 7, "night 3's results are kept");
    let b1 = find(&v4, "失业保险金申领", "B14");
    assert_eq!((b1.status, b1.age_days), (FindingStatus::Persisting, 5));
    let trend: Vec<usize> = v4
        .unit(RS)
        .unwrap()
        .trend
        .iter()
        .map(|p| p.errors)
        .collect();
    assert_eq!(trend, [1, 2, 3, 3]);
    let (run, checked) = check_night(
        &mut store,
        3,
        "n5",
        "2026-11-26T02:00:00+08:00",
        &RuleSet::default(),
    );
    let err = store.diff(&run, &checked, Some("n1"), 12).unwrap_err();
    assert!(matches!(err, HistoryError::Pruned(_)), "{err}");
}

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
            ("20261118-020000", RunStatus::Incomplete),
            ("20261119-020000", RunStatus::Complete)
        ]
    );

    // Night 1 after the upgrade compares with the v1 run: only A1 is new.
    let (_, v) = night(&mut store, 1, "n1", "2026-11-20T02:00:00+08:00");
    assert_eq!(v.baseline.as_ref().unwrap().id, "20261119-020000");
    assert_eq!(counts(&v, SJ), (1, 0, 3, 0));
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
        [("20261119-020000".into(), 2, 2), ("n1".into(), 3, 3)]
    );
    assert_eq!(v.reused_items, 0, "v1 stores kept no results to reuse");
}

#[test]
fn a_store_from_a_newer_version_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("history.sqlite");
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute_batch("PRAGMA user_version = 99;")
        .unwrap();
    let err = Store::open(&path).unwrap_err();
    assert!(err.to_string().contains("请升级 zwfw-audit"), "{err}");
}
