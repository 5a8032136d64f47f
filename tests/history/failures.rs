//! Runs that do not finish: killed before or during the final transaction, a second run while
//! one works, a reused run id, a store from a newer version.

use super::*;

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
            &phone_rules(Severity::Error),
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
    assert_eq!(runs[1].status, RunStatus::Interrupted);
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
        &phone_rules(Severity::Error),
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
            RunStatus::Interrupted,
            RunStatus::Interrupted,
            RunStatus::Complete
        ]
    );
}

/// A run whose process is gone (killed by SIGTERM or `kill -9`, a power cut) leaves its row
/// `running`; once no process holds the run lock, `audit runs` says 未完成（进程已结束）, not
/// 进行中 — and still so after the next run has marked it incomplete. A run that failed and said
/// so is plain 未完成.
#[test]
fn a_run_whose_process_is_gone_is_not_shown_as_running() {
    let (dir, mut first) = temp_store();
    let path = dir.path().join("reports/history.sqlite");
    let observer = Store::open(&path).unwrap();
    let status = |id: &str| {
        observer
            .runs()
            .unwrap()
            .into_iter()
            .find(|r| r.id == id)
            .unwrap()
            .status
    };
    let guard = first
        .begin_run(
            "20261120-020000",
            RunTime::parse("2026-11-20T02:00:00+08:00").unwrap(),
            &["exports/".into()],
            "h",
        )
        .unwrap();
    assert_eq!(status("20261120-020000"), RunStatus::Running);
    assert_eq!(RunStatus::Running.label_zh(), "进行中");
    // The process ends: the system releases the run lock, the row stays `running`.
    drop(guard);
    assert_eq!(status("20261120-020000"), RunStatus::Interrupted);
    assert_eq!(RunStatus::Interrupted.label_zh(), "未完成（进程已结束）");
    // A row left `running` by a process of another computer's past (a restored store) alike.
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute(
            "INSERT INTO runs (id, started_at, started_epoch, status, inputs, config_hash, tool_version)
             VALUES ('20261119-020000', '2026-11-19T02:00:00+08:00', 1795024800, 'running', '[]', 'h', '0.1.0')",
            [],
        )
        .unwrap();
    assert_eq!(status("20261119-020000"), RunStatus::Interrupted);
    // The next run marks both incomplete; they are still told apart from a run that failed.
    let failed = RunTime::parse("2026-11-21T02:00:00+08:00").unwrap();
    let guard = first
        .begin_run("20261121-020000", failed.clone(), &[], "h")
        .unwrap();
    drop(guard);
    first.abandon("20261121-020000", &failed).unwrap();
    assert_eq!(status("20261120-020000"), RunStatus::Interrupted);
    assert_eq!(status("20261119-020000"), RunStatus::Interrupted);
    assert_eq!(status("20261121-020000"), RunStatus::Incomplete);
    assert_eq!(RunStatus::Incomplete.label_zh(), "未完成");
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
