//! The store's errors in Chinese.

use rusqlite::ffi;

use super::*;

fn open_err(path: &Path) -> String {
    Store::open(path).unwrap_err().to_string()
}

/// A store that cannot be used is said in Chinese with what to do, and without SQLite's
/// English.
#[test]
fn a_store_that_cannot_be_opened_is_said_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let e = open_err(dir.path());
    assert!(
        e.contains("出错: 这个路径是文件夹，不是文件：[audit] store 要写成文件名"),
        "{e}"
    );
    let text = dir.path().join("历史.sqlite");
    std::fs::write(
        &text,
        "实施编码,事项名称\n11341700003201234A3000111301009,食品经营许可\n",
    )
    .unwrap();
    let e = open_err(&text);
    assert!(e.contains("文件不是 zwfw-audit 的历史库，或已损坏"), "{e}");
    for english in ["unable to open", "not a database", "Error code"] {
        assert!(!e.contains(english), "{e}");
    }
    // The file was left as it was.
    assert!(
        std::fs::read_to_string(&text)
            .unwrap()
            .starts_with("实施编码")
    );
    #[cfg(target_os = "linux")]
    {
        // /proc takes no new files, even from root.
        let e = open_err(Path::new("/proc/历史.sqlite"));
        assert!(
            e.contains("无法打开历史库文件：文件夹不存在或没有写权限"),
            "{e}"
        );
    }
}

#[test]
fn the_usual_sqlite_failures_say_what_to_do() {
    let said = |code: i32| {
        let e = rusqlite::Error::SqliteFailure(ffi::Error::new(code), None);
        sql_err(Path::new("reports/history.sqlite"), e).to_string()
    };
    let cases = [
        (ffi::SQLITE_READONLY, "只读"),
        (ffi::SQLITE_FULL, "磁盘已满"),
        (ffi::SQLITE_BUSY, "正被其他程序占用"),
        (ffi::SQLITE_LOCKED, "正被其他程序占用"),
        (ffi::SQLITE_CORRUPT, "已损坏"),
        (ffi::SQLITE_PERM, "没有权限"),
        (ffi::SQLITE_IOERR, "读写历史库文件时出错"),
    ];
    for (code, words) in cases {
        let e = said(code);
        assert!(
            e.starts_with("历史库 reports/history.sqlite 出错: ") && e.contains(words),
            "{code}: {e}"
        );
    }
    // Another failure keeps SQLite's words, marked as quoted, and its code.
    let e = said(ffi::SQLITE_CONSTRAINT);
    assert!(
        e.contains("SQLite 出错（原文：") && e.contains("Error code 19"),
        "{e}"
    );
    // The code is kept, so that a busy store is still recognised as busy.
    let busy = sql_err(
        Path::new("h.sqlite"),
        rusqlite::Error::SqliteFailure(ffi::Error::new(ffi::SQLITE_BUSY), None),
    );
    let HistoryError::Sqlite { source, .. } = busy else {
        panic!("{busy}");
    };
    assert!(is_busy(&source));
}

/// Should begin: `audit runs`, typed while cron starts the night's run, takes the free run lock
/// for a moment to see whether a run holds it; the run begun in that moment was refused as if
/// another run were working.
#[test]
fn a_run_begun_while_the_lock_is_probed_waits_for_the_probe() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("history.sqlite");
    let probe = Store::open(&path).unwrap();
    let mut store = Store::open(&path).unwrap();
    // A probe that holds the lock longer than any does, but less than the wait.
    let held = probe
        .try_lock(Duration::ZERO)
        .unwrap()
        .expect("the lock is free");
    let release = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(200));
        drop(held);
    });
    let time = RunTime::parse("2026-11-20T02:00:00+08:00").unwrap();
    let guard = store.begin_run("n1", time, &[], "h").unwrap();
    release.join().unwrap();
    assert!(probe.is_locked().unwrap(), "the run holds the lock");
    drop(guard);
    assert!(!probe.is_locked().unwrap());
}
