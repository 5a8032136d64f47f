//! `zwfw-audit audit` run by a new build of the same version with the same settings (a store
//! made by the build before, upgraded tonight): every item is checked anew, as the rules' code may
//! have changed, but the settings did not change, and the run does not say they did (h36: the
//! first night after the store's upgrade said 「检查设置与对比运行不同」 with nothing changed).
//! A store whose baseline was made by another version still says so.

use std::path::Path;

use predicates::prelude::PredicateBooleanExt;
use predicates::str::contains;

mod nightly_support;

/// Makes run `id` of the store in `d` look like one made by another build (`config_hash`
/// different; the results cached for this build gone), with `settings` as its settings hash and `version`
/// as its tool's version.
fn another_build(d: &Path, id: &str, settings: Option<&str>, version: Option<&str>) {
    let db = rusqlite::Connection::open(d.join("reports/history.sqlite")).unwrap();
    db.execute(
        "UPDATE runs SET config_hash = 'build-before', settings_hash = ?2,
           tool_version = coalesce(?3, tool_version) WHERE id = ?1",
        rusqlite::params![id, settings, version],
    )
    .unwrap();
    db.execute("DELETE FROM results", []).unwrap();
}

/// The settings hash run `id` recorded.
fn settings_of(d: &Path, id: &str) -> Option<String> {
    let db = rusqlite::Connection::open(d.join("reports/history.sqlite")).unwrap();
    db.query_row("SELECT settings_hash FROM runs WHERE id = ?1", [id], |r| {
        r.get(0)
    })
    .unwrap()
}

#[test]
fn a_new_build_with_the_same_settings_is_no_settings_change() {
    // The baseline stored before runs kept their settings (NULL), same version.
    let dir = nightly_support::workdir("");
    let d = dir.path();
    nightly_support::audit(d, "n1", "2026-11-20T02:00:00+08:00")
        .assert()
        .success();
    assert!(settings_of(d, "n1").is_some());
    another_build(d, "n1", None, None);
    nightly_support::audit(d, "n2", "2026-11-21T02:00:00+08:00")
        .assert()
        .success()
        .stdout(contains("沿用上次结果 0 个"))
        .stdout(contains("检查设置与对比运行不同").not());
    assert!(
        nightly_support::report(d, "n2")["history"]
            .get("settings_changed")
            .is_none()
    );
    // The baseline's settings kept and the same: the same.
    let settings = settings_of(d, "n2");
    another_build(d, "n2", settings.as_deref(), None);
    nightly_support::audit(d, "n3", "2026-11-22T02:00:00+08:00")
        .assert()
        .success()
        .stdout(contains("沿用上次结果 0 个"))
        .stdout(contains("检查设置与对比运行不同").not());
    // Kept and different (a rule turned off with the new build): said.
    another_build(d, "n3", Some("other-settings"), None);
    nightly_support::audit(d, "n4", "2026-11-23T02:00:00+08:00")
        .assert()
        .success()
        .stdout(contains("沿用上次结果 0 个"));
    assert_eq!(
        nightly_support::report(d, "n4")["history"]["settings_changed"],
        true
    );
    // Not kept, made by another version: said, as the version is among the settings.
    another_build(d, "n4", None, Some("0.0.9"));
    nightly_support::audit(d, "n5", "2026-11-24T02:00:00+08:00")
        .assert()
        .success();
    assert_eq!(
        nightly_support::report(d, "n5")["history"]["settings_changed"],
        true
    );
}
