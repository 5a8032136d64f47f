//! `zwfw-audit audit` from the command line, as cron runs it: exit codes, the summary, the JSON
//! report's history, a process aborted mid-way, a second process while one runs, and waivers.
//! Run times are passed with `--at`; nothing depends on the wall clock.

use std::path::Path;

use assert_cmd::Command;
use predicates::str::contains;
use zwfw_audit::history::{RunStatus, RunTime, Store};

mod nightly_support;
use nightly_support::fixture;

fn workdir() -> tempfile::TempDir {
    nightly_support::workdir("trend_runs = 5\n")
}

/// `zwfw-audit audit` for night `n` (input overridden for nights 2 and 3).
fn audit(dir: &Path, night: u32, id: &str, at: &str) -> Command {
    let mut cmd = Command::cargo_bin("zwfw-audit").unwrap();
    cmd.current_dir(dir).args([
        "audit",
        "--config",
        "zwfw-audit.toml",
        "--run-id",
        id,
        "--at",
        at,
    ]);
    if night != 1 {
        cmd.arg("--input")
            .arg(fixture(&format!("night{night}.json")));
    }
    cmd
}

fn report(dir: &Path, id: &str) -> serde_json::Value {
    let text = std::fs::read_to_string(dir.join("reports").join(id).join("report.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

#[test]
fn nightly_runs_print_a_summary_and_exit_by_the_new_findings_threshold() {
    let dir = workdir();
    let d = dir.path();
    // The first night: everything is new, so --fail-on-new error exits 1.
    audit(d, 1, "n1", "2026-11-20T02:00:00+08:00")
        .args(["--fail-on-new", "error"])
        .assert()
        .code(1)
        .stdout(contains("运行 n1 完成：7 个事项"))
        .stdout(contains("首次运行，没有对比基准：新增 7 条"));
    // Night 2 without a threshold: findings are normal, exit 0.
    audit(d, 2, "n2", "2026-11-21T02:00:00+08:00")
        .assert()
        .code(0)
        .stdout(contains("沿用上次结果 4 个"))
        .stdout(contains("对比运行 n1（2026-11-20T02:00:00+08:00）：新增 2 条、已整改 1 条、未整改 5 条、已移除 1 条"))
        .stdout(contains("  池州市人力资源和社会保障局\t2\t2\t1\t0\t1\t0"));
    let r = report(d, "n2");
    assert_eq!(r["history"]["baseline"]["id"], "n1");
    let statuses: Vec<&str> = r["history"]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses.iter().filter(|s| **s == "new").count(), 2);
    assert_eq!(statuses.len(), 9);
    // The same export again the next night: nothing new, so even the threshold exits 0.
    audit(d, 2, "n2b", "2026-11-22T02:00:00+08:00")
        .args(["--fail-on-new", "error"])
        .assert()
        .code(0)
        .stdout(contains("沿用上次结果 7 个"))
        .stdout(contains("新增 0 条、已整改 0 条、未整改 7 条"));
    // The report read back by the JSON reader keeps the history.
    let text = std::fs::read_to_string(d.join("reports/n2b/report.json")).unwrap();
    let back = zwfw_audit::report::json::read(&text).unwrap();
    assert_eq!(back.history.unwrap().totals().persisting, 7);
}

#[test]
fn an_aborted_run_is_incomplete_and_the_next_run_compares_with_the_last_complete_one() {
    let dir = workdir();
    let d = dir.path();
    audit(d, 1, "n1", "2026-11-20T02:00:00+08:00")
        .assert()
        .code(0);
    let out = audit(d, 2, "n2", "2026-11-21T02:00:00+08:00")
        .arg("--debug-abort-before-commit")
        .output()
        .unwrap();
    assert!(
        out.status.code().is_none() || !out.status.success(),
        "{out:?}"
    );
    let store = Store::open(&d.join("reports/history.sqlite")).unwrap();
    let runs = store.runs().unwrap();
    assert_eq!(
        runs.iter()
            .map(|r| (r.id.as_str(), r.status))
            .collect::<Vec<_>>(),
        [("n1", RunStatus::Complete), ("n2", RunStatus::Incomplete)]
    );
    drop(store);
    Command::cargo_bin("zwfw-audit")
        .unwrap()
        .current_dir(d)
        .args(["audit", "runs"])
        .assert()
        .success()
        .stdout(contains("n2\t2026-11-21T02:00:00+08:00\t未完成"));
    audit(d, 3, "n3", "2026-11-24T02:00:00+08:00")
        .assert()
        .code(0)
        .stdout(contains(
            "未完成的运行 n2（2026-11-21T02:00:00+08:00）未计入对比",
        ))
        .stdout(contains("对比运行 n1"));
    let r = report(d, "n3");
    assert_eq!(r["history"]["baseline"]["id"], "n1");
    assert_eq!(r["history"]["skipped_runs"][0]["id"], "n2");
    // The aborted run's report never took its final name.
    assert!(d.join("reports/n2.partial/report.json").exists());
    assert!(!d.join("reports/n2").exists());
}

#[test]
fn a_second_process_gets_a_clear_message_and_exit_2() {
    let dir = workdir();
    let d = dir.path();
    let mut store = Store::open(&d.join("reports/history.sqlite")).unwrap();
    let time = RunTime::parse("2026-11-20T02:00:00+08:00").unwrap();
    let guard = store.begin_run("n1", time, &[], "h").unwrap();
    audit(d, 1, "n1b", "2026-11-20T02:10:00+08:00")
        .assert()
        .code(2)
        .stderr(contains("另一个审核运行正在使用历史库"))
        .stderr(contains("运行 n1，开始于 2026-11-20T02:00:00+08:00"));
    drop(guard);
    audit(d, 1, "n1c", "2026-11-20T02:20:00+08:00")
        .assert()
        .code(0);
}

#[test]
fn a_run_that_cannot_read_anything_fails_with_exit_2_and_is_marked_incomplete() {
    let dir = workdir();
    let d = dir.path();
    let mut cmd = Command::cargo_bin("zwfw-audit").unwrap();
    cmd.current_dir(d)
        .args([
            "audit",
            "--run-id",
            "bad",
            "--at",
            "2026-11-20T02:00:00+08:00",
        ])
        .args(["--input", "缺失的导出.json"])
        .assert()
        .code(2)
        .stderr(contains("没有读到任何事项"))
        .stderr(contains("缺失的导出.json"));
    let store = Store::open(&d.join("reports/history.sqlite")).unwrap();
    assert_eq!(store.runs().unwrap()[0].status, RunStatus::Incomplete);
}

#[test]
fn waivers_from_the_command_line() {
    let dir = workdir();
    let d = dir.path();
    audit(d, 1, "n1", "2026-11-20T02:00:00+08:00")
        .assert()
        .code(0);
    let r = report(d, "n1");
    let fp_of = |item: &str| {
        r["history"]["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|h| h["item_name"] == item)
            .unwrap()["fingerprint"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let b1 = fp_of("失业保险金申领");
    let c1 = fp_of("小餐饮经营许可");
    let waive = |fp: &str, until: &str| {
        let mut cmd = Command::cargo_bin("zwfw-audit").unwrap();
        cmd.current_dir(d).args([
            "audit",
            "waive",
            fp,
            "--reason",
            "省平台统一配置，已报省数据资源局",
            "--until",
            until,
        ]);
        cmd
    };
    waive(&b1, "2099-12-31")
        .assert()
        .success()
        .stdout(contains("已豁免至 2099-12-31: 池州市人力资源和社会保障局"));
    waive(&c1, "2026-11-20").assert().success();
    waive("ffffffffffffffff", "2099-12-31")
        .assert()
        .success()
        .stderr(contains("最近的运行中没有指纹为 ffffffffffffffff 的问题"));
    waive(&b1, "明年")
        .assert()
        .code(2)
        .stderr(contains("无法识别"));
    Command::cargo_bin("zwfw-audit")
        .unwrap()
        .current_dir(d)
        .args(["audit", "waivers"])
        .assert()
        .success()
        .stdout(contains(format!("{b1}\t至 2099-12-31\t有效")));
    audit(d, 2, "n2", "2026-11-21T02:00:00+08:00")
        .assert()
        .code(0)
        .stdout(contains("已豁免 1 条"))
        .stdout(contains(format!("豁免已过期（2026-11-20 到期）: {c1}")))
        .stdout(contains(
            "豁免未匹配任何问题（可能已整改或内容已变）: ffffffffffffffff",
        ))
        .stdout(contains("  池州市人力资源和社会保障局\t2\t1\t1\t0\t1\t0"));
    let r = report(d, "n2");
    assert_eq!(r["summary"]["errors"], 5);
    Command::cargo_bin("zwfw-audit")
        .unwrap()
        .current_dir(d)
        .args(["audit", "unwaive", &b1])
        .assert()
        .success();
}

/// `audit prune --reports` removes the report folders of the runs whose details it drops (and a
/// failed run's `.partial` folder), keeps the latest ones and touches nothing else in the folder.
#[test]
fn prune_with_reports_removes_old_report_folders_only() {
    let dir = workdir();
    let d = dir.path();
    audit(d, 1, "n1", "2026-11-20T02:00:00+08:00")
        .assert()
        .code(0);
    audit(d, 2, "n2", "2026-11-21T02:00:00+08:00")
        .assert()
        .code(0);
    audit(d, 3, "n3", "2026-11-22T02:00:00+08:00")
        .assert()
        .code(0);
    let reports = d.join("reports");
    // What a killed run of night 1's time leaves, and a folder of the user's own.
    std::fs::create_dir_all(reports.join("n1.partial")).unwrap();
    std::fs::create_dir_all(reports.join("整改通知-存档")).unwrap();
    let prune = |extra: &[&str]| {
        let mut cmd = Command::cargo_bin("zwfw-audit").unwrap();
        cmd.current_dir(d)
            .args([
                "audit",
                "prune",
                "--keep",
                "2",
                "--config",
                "zwfw-audit.toml",
            ])
            .args(extra);
        cmd
    };
    // Without --reports the folders stay.
    prune(&[]).assert().success();
    assert!(reports.join("n1").is_dir());
    prune(&["--reports"])
        .assert()
        .success()
        .stdout(contains("已删除 2 个旧报告目录"));
    assert!(!reports.join("n1").exists() && !reports.join("n1.partial").exists());
    for kept in ["n2", "n3", "整改通知-存档", "history.sqlite"] {
        assert!(reports.join(kept).exists(), "{kept} removed");
    }
}
