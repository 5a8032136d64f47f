//! `zwfw-audit audit` from the command line, as cron runs it: exit codes, the summary, the JSON
//! report's history, a process aborted mid-way, a second process while one runs, and waivers.
//! Run times are passed with `--at`; nothing depends on the wall clock.

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::PredicateBooleanExt;
use predicates::str::contains;
use zwfw_audit::history::{RunStatus, RunTime, Store};

mod nightly_support;
use nightly_support::fixture;

mod common {
    pub mod workbook;
}
use common::workbook::{col, save_sheet, sheet_rows};

fn workdir() -> tempfile::TempDir {
    nightly_support::workdir("trend_runs = 5\n")
}

/// `audit runs` in `dir`, succeeding.
fn audit_runs(dir: &Path) -> assert_cmd::assert::Assert {
    Command::cargo_bin("zwfw-audit")
        .unwrap()
        .current_dir(dir)
        .args(["audit", "runs"])
        .assert()
        .success()
}

/// `zwfw-audit audit` for night `n` (input overridden for nights 2 and 3).
fn audit(dir: &Path, night: u32, id: &str, at: &str) -> Command {
    let mut cmd = nightly_support::audit(dir, id, at);
    if night != 1 {
        cmd.arg("--input")
            .arg(fixture(&format!("night{night}.json")));
    }
    cmd
}

/// The cells after the first of the summary's line for `unit` (or the header, `单位`).
fn unit_row(out: &str, unit: &str) -> Vec<String> {
    let line = out
        .lines()
        .find(|l| l.split_whitespace().next() == Some(unit))
        .unwrap_or_else(|| panic!("no line for {unit} in {out}"));
    line.split_whitespace().skip(1).map(str::to_owned).collect()
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
        .stdout(contains("首次运行，没有对比基准：新增 6 条"));
    // Night 2 without a threshold: findings are normal, exit 0.
    let night2 = audit(d, 2, "n2", "2026-11-21T02:00:00+08:00")
        .assert()
        .code(0)
        .stdout(contains("沿用上次结果 4 个"))
        .stdout(contains("对比运行 n1（2026-11-20T02:00:00+08:00）：新增 2 条、已整改 1 条、未整改 4 条、已移除 1 条"));
    let said = String::from_utf8(night2.get_output().stdout.clone()).unwrap();
    assert_eq!(
        unit_row(&said, "单位"),
        ["事项", "错误", "提示", "新增", "已整改", "未整改", "已移除"]
    );
    assert_eq!(
        unit_row(&said, "池州市人力资源和社会保障局"),
        ["2", "2", "0", "1", "0", "1", "0"]
    );
    // Departments before counties, each line as wide as the header (aligned, not tabbed).
    let lines: Vec<&str> = said.lines().filter(|l| l.starts_with("  ")).collect();
    let county = lines.iter().position(|l| l.contains("贵池区")).unwrap();
    let department = lines
        .iter()
        .position(|l| l.contains("市场监督管理局"))
        .unwrap();
    assert!(department < county, "{said}");
    assert!(!said.contains('\t'), "{said}");
    let r = nightly_support::report(d, "n2");
    assert_eq!(r["history"]["baseline"]["id"], "n1");
    let statuses: Vec<&str> = r["history"]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses.iter().filter(|s| **s == "new").count(), 2);
    assert_eq!(statuses.len(), 8);
    // The removed item's finding still says whose it was: the 实施主体 it had on night 1, in the
    // history and on its unit's fix list.
    let gone = r["history"]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["status"] == "gone")
        .unwrap();
    let night1 = nightly_support::report(d, "n1");
    let subject = night1["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["code"] == gone["item_code"])
        .unwrap()["subject"]
        .as_str()
        .unwrap();
    assert!(!subject.is_empty());
    assert_eq!(gone["subject"], subject);
    let unit = gone["unit"].as_str().unwrap();
    let rows = sheet_rows(
        &d.join(format!("reports/n2/整改清单-{unit}.xlsx")),
        "问题清单",
    );
    let h = &rows[0];
    let row = rows[1..]
        .iter()
        .find(|row| row[col(h, "状态")] == "已移除")
        .unwrap();
    assert_eq!(row[col(h, "实施主体")], subject, "{row:?}");
    // The same export again the next night: nothing new, so even the threshold exits 0.
    audit(d, 2, "n2b", "2026-11-22T02:00:00+08:00")
        .args(["--fail-on-new", "error"])
        .assert()
        .code(0)
        .stdout(contains("沿用上次结果 7 个"))
        .stdout(contains("新增 0 条、已整改 0 条、未整改 6 条"));
    // The report read back by the JSON reader keeps the history.
    let text = std::fs::read_to_string(d.join("reports/n2b/report.json")).unwrap();
    let back = zwfw_audit::report::json::read(&text).unwrap();
    assert_eq!(back.history.unwrap().totals().persisting, 6);
}

/// With `-q`, a night that exits 1 says why: cron mails only what is printed, and a quiet exit 1
/// left the new errors unseen. A night with nothing new above the threshold stays silent.
#[test]
fn a_quiet_night_that_exits_1_names_the_new_errors() {
    let dir = workdir();
    let d = dir.path();
    audit(d, 1, "n1", "2026-11-20T02:00:00+08:00")
        .assert()
        .code(0);
    audit(d, 2, "n2", "2026-11-21T02:00:00+08:00")
        .args(["-q", "--fail-on-new", "error"])
        .assert()
        .code(1)
        .stdout(contains(
            "注意: 出现新增错误 2 条（--fail-on-new error，退出码 1）",
        ))
        .stdout(contains(
            Path::new("reports/n2/report.html").display().to_string(),
        ));
    audit(d, 2, "n2b", "2026-11-22T02:00:00+08:00")
        .args(["-q", "--fail-on-new", "error"])
        .assert()
        .code(0)
        .stdout("");
}

/// A history store deleted or emptied between nights (SQLite opens a file of 0 bytes as a new
/// database) while the earlier nights' reports are still there: the night says so, even with
/// `-q`, instead of passing for a first run with every problem 新增 at 0 days. A real first run,
/// beside a `check` report in the same folder, says nothing of the kind.
#[test]
fn a_store_lost_between_nights_is_said_not_taken_for_a_first_run() {
    let dir = workdir();
    let d = dir.path();
    Command::cargo_bin("zwfw-audit")
        .unwrap()
        .current_dir(d)
        .arg("check")
        .arg(fixture("night1.json"))
        .args(["-o", "reports/手工检查"])
        .assert()
        .code(1);
    audit(d, 1, "n1", "2026-11-20T02:00:00+08:00")
        .arg("-q")
        .assert()
        .code(0)
        .stdout("");
    let store = d.join("reports/history.sqlite");
    std::fs::remove_file(&store).unwrap();
    let lost = "历史库中没有以前的运行，但 reports 中有 1 次以前运行的报告（最近的是 n1）";
    audit(d, 2, "n2", "2026-11-21T02:00:00+08:00")
        .arg("-q")
        .assert()
        .code(0)
        .stdout(contains(format!(
            "注意: {} — {lost}",
            store.strip_prefix(d).unwrap().display()
        )))
        .stdout(contains("请从备份恢复历史库"));
    assert!(
        nightly_support::report(d, "n2")["notices"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n["message"]
                .as_str()
                .unwrap()
                .starts_with("历史库中没有以前的运行")),
    );
    // Emptied: the same, now with both earlier nights' reports.
    std::fs::write(&store, "").unwrap();
    for ext in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(d.join(format!("reports/history.sqlite{ext}")));
    }
    audit(d, 2, "n3", "2026-11-22T02:00:00+08:00")
        .arg("-q")
        .assert()
        .code(0)
        .stdout(contains("reports 中有 2 次以前运行的报告（最近的是 n2）"));
    // The next night has a baseline again and says nothing.
    audit(d, 2, "n4", "2026-11-23T02:00:00+08:00")
        .arg("-q")
        .assert()
        .code(0)
        .stdout("");
}

/// A clock set back (a reset, a snapshot restored) is refused before a run begins: the night
/// would be dated wrongly for good and compared with an older run or none at all, every problem
/// 新增. A time given with `--at` is the operator's and goes on.
#[test]
fn a_clock_behind_the_last_run_is_refused_and_changes_nothing() {
    let dir = workdir();
    let d = dir.path();
    audit(d, 1, "n1", "2099-11-20T02:00:00+08:00")
        .assert()
        .code(0);
    Command::cargo_bin("zwfw-audit")
        .unwrap()
        .current_dir(d)
        .args(["audit", "--config", "zwfw-audit.toml", "-q"])
        .assert()
        .code(2)
        .stderr(contains(
            "早于历史库中运行 n1 的开始时间 2099-11-20T02:00:00+08:00",
        ))
        .stderr(contains("请校正系统时钟"));
    let store = Store::open(&d.join("reports/history.sqlite")).unwrap();
    assert_eq!(store.runs().unwrap().len(), 1);
    drop(store);
    audit(d, 2, "n0", "2099-11-19T02:00:00+08:00")
        .assert()
        .code(0);
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
        [("n1", RunStatus::Complete), ("n2", RunStatus::Interrupted)]
    );
    drop(store);
    audit_runs(d).stdout(contains(
        "n2\t2026-11-21T02:00:00+08:00\t未完成（进程已结束）",
    ));
    audit(d, 3, "n3", "2026-11-24T02:00:00+08:00")
        .assert()
        .code(0)
        .stdout(contains(
            "未完成的运行 n2（2026-11-21T02:00:00+08:00）未计入对比",
        ))
        .stdout(contains("对比运行 n1"));
    let r = nightly_support::report(d, "n3");
    assert_eq!(r["history"]["baseline"]["id"], "n1");
    assert_eq!(r["history"]["skipped_runs"][0]["id"], "n2");
    // The aborted run's report never took its final name.
    assert!(d.join("reports/n2.partial/report.json").exists());
    assert!(!d.join("reports/n2").exists());
}

/// A run stopped by SIGTERM (a shutdown, `kill`) says so in one line before it ends — cron mails
/// only what the tool prints — and exits 143 as the signal would; `audit runs` then shows it as
/// 未完成（进程已结束）, not 进行中.
#[cfg(unix)]
#[test]
fn a_run_stopped_by_sigterm_says_so_and_is_shown_as_ended() {
    let dir = workdir();
    let d = dir.path();
    // Enough items that the run is still checking when the signal comes.
    std::fs::create_dir(d.join("exports")).unwrap();
    Command::cargo_bin("zwfw-audit")
        .unwrap()
        .current_dir(d)
        .args([
            "gen",
            "--count",
            "3000",
            "--seed",
            "7",
            "-o",
            "exports/池州市.ndjson",
        ])
        .assert()
        .success();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("zwfw-audit"))
        .current_dir(d)
        .args(["audit", "--config", "zwfw-audit.toml", "--run-id", "n1"])
        .args([
            "--at",
            "2026-11-20T02:00:00+08:00",
            "--input",
            "exports/池州市.ndjson",
        ])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Wait until the run has begun (its row is `running`), reading the store without its lock.
    let store = d.join("reports/history.sqlite");
    let begun = || {
        let db = rusqlite::Connection::open_with_flags(
            &store,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
        )
        .ok()?;
        db.query_row(
            "SELECT COUNT(*) FROM runs WHERE id = 'n1' AND status = 'running'",
            [],
            |r| r.get::<_, i64>(0),
        )
        .ok()
        .filter(|&n| n == 1)
    };
    let start = std::time::Instant::now();
    while begun().is_none() {
        assert!(
            start.elapsed() < std::time::Duration::from_secs(60),
            "the run never began"
        );
        assert!(child.try_wait().unwrap().is_none(), "the run ended at once");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let killed = std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let out = child.wait_with_output().unwrap();
    let said = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(143), "{said}");
    assert!(
        said.contains("注意: 收到 SIGTERM，运行 n1 已中止：这次的结果没有写入历史库"),
        "{said}"
    );
    assert!(said.contains("n1.partial"), "{said}");
    audit_runs(d).stdout(contains(
        "n1\t2026-11-20T02:00:00+08:00\t未完成（进程已结束）",
    ));
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
    // One object cut off after a few bytes, as a copy interrupted at once leaves it: nothing in
    // it can be read (an array cut so is one unreadable record, as an NDJSON line is).
    std::fs::write(d.join("损坏的导出.json"), "{\"code\": \"1134").unwrap();
    let mut cmd = Command::cargo_bin("zwfw-audit").unwrap();
    cmd.current_dir(d)
        .args([
            "audit",
            "--run-id",
            "bad",
            "--at",
            "2026-11-20T02:00:00+08:00",
        ])
        .args(["--input", "损坏的导出.json"])
        .assert()
        .code(2)
        .stderr(contains("没有读到任何事项"))
        .stderr(contains("损坏的导出.json"));
    let store = Store::open(&d.join("reports/history.sqlite")).unwrap();
    assert_eq!(store.runs().unwrap()[0].status, RunStatus::Incomplete);
}

/// A crontab line without `cd`: relative inputs find nothing. The message names the folder they
/// were looked for in, and no history store is left behind there.
#[test]
fn inputs_not_found_name_the_folder_and_leave_no_store() {
    let dir = workdir();
    let elsewhere = tempfile::tempdir().unwrap();
    Command::cargo_bin("zwfw-audit")
        .unwrap()
        .current_dir(elsewhere.path())
        .arg("audit")
        .arg("--config")
        .arg(dir.path().join("zwfw-audit.toml"))
        .args(["--input", "exports/事项.json"])
        .assert()
        .code(2)
        .stderr(contains("找不到输入文件 exports/事项.json"))
        .stderr(contains(format!(
            "相对路径是按当前文件夹 {} 查找的",
            elsewhere.path().display()
        )));
    assert!(!elsewhere.path().join("reports").exists());
}

/// Run from the configuration's folder, as the crontab line does, an export that is not there
/// tonight is said as such: not made yet or saved elsewhere, nothing run, the next night compares
/// as usual. The advice to `cd` belongs only to a run from another folder.
#[test]
fn an_export_missing_tonight_is_not_blamed_on_the_folder() {
    let dir = workdir();
    let d = dir.path();
    Command::cargo_bin("zwfw-audit")
        .unwrap()
        .current_dir(d)
        .args(["audit", "--config", "zwfw-audit.toml", "-q"])
        .args(["--input", "exports/池州市-事项导出.xlsx"])
        .assert()
        .code(2)
        .stderr(contains(format!(
            "找不到输入文件 exports/池州市-事项导出.xlsx（在文件夹 {} 中查找）：导出文件还没有生成",
            d.canonicalize().unwrap().display()
        )))
        .stderr(contains("这次没有运行，历史库没有改动").and(contains("cd").not()));
    assert!(!d.join("reports").exists());
}

#[test]
fn waivers_from_the_command_line() {
    let dir = workdir();
    let d = dir.path();
    audit(d, 1, "n1", "2026-11-20T02:00:00+08:00")
        .assert()
        .code(0);
    let r = nightly_support::report(d, "n1");
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
    // Waiving again replaces the waiver, and says what it replaced.
    waive(&c1, "2026-11-20")
        .assert()
        .success()
        .stderr(contains(
            "这个问题原来已豁免至 2026-11-20（理由：省平台统一配置，已报省数据资源局），已改为新的有效期和理由",
        ));
    Command::cargo_bin("zwfw-audit")
        .unwrap()
        .current_dir(d)
        .args(["audit", "waivers"])
        .assert()
        .success()
        .stdout(contains("指纹\t有效期\t状态\t理由\n"))
        .stdout(contains(format!("{b1}\t至 2099-12-31\t有效")));
    audit(d, 2, "n2", "2026-11-21T02:00:00+08:00")
        .assert()
        .code(0)
        .stdout(contains("已豁免 1 条"))
        .stdout(contains(format!("豁免已过期（2026-11-20 到期）: {c1}")))
        .stdout(contains(format!(
            "问题重新计入。延期用 zwfw-audit audit waive {c1} --reason 理由 --until 新日期，不再豁免的用 zwfw-audit audit unwaive {c1} 删除"
        )))
        .stdout(contains(
            "豁免未匹配任何问题（可能已整改或内容已变）: ffffffffffffffff",
        ))
        .stdout(contains(
            "核实后用 zwfw-audit audit unwaive ffffffffffffffff 删除（删除后不再提示）",
        ))
        // The waived finding is 已豁免 only: not among the errors, nor the 未整改.
        .stdout(predicates::function::function(|out: &str| {
            unit_row(out, "池州市人力资源和社会保障局") == ["2", "1", "0", "1", "0", "0", "0"]
        }));
    let r = nightly_support::report(d, "n2");
    assert_eq!(r["summary"]["errors"], 4);
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

/// Nights whose input was incomplete are never the runs `prune --keep` keeps: with two of them
/// after the last whole night, `--keep 1` keeps that night's details and report folder (and
/// theirs), so the night the export comes back still compares with it and the county's findings
/// persist, instead of a baseline without details making every finding 新增.
#[test]
fn prune_keeps_the_last_whole_night_past_incomplete_ones() {
    let dir = workdir();
    let d = dir.path();
    let (city, county) = split_night1(d);
    let night = |id: &str, at: &str| split_night(d, (&city, &county), id, at, &["-q"]);
    night("n1", "2026-11-20T02:00:00+08:00").assert().code(1);
    night("n2", "2026-11-21T02:00:00+08:00").assert().code(0);
    let county_text = std::fs::read(&county).unwrap();
    std::fs::remove_file(&county).unwrap();
    for (id, at) in [
        ("n3", "2026-11-22T02:00:00+08:00"),
        ("n4", "2026-11-23T02:00:00+08:00"),
    ] {
        night(id, at)
            .assert()
            .stdout(contains(format!("注意: 运行 {id} 的输入不完整")));
    }
    Command::cargo_bin("zwfw-audit")
        .unwrap()
        .current_dir(d)
        .args([
            "audit",
            "prune",
            "--keep",
            "1",
            "--reports",
            "--config",
            "zwfw-audit.toml",
        ])
        .assert()
        .success()
        .stdout(contains("已删除 1 个旧报告目录"))
        .stdout(contains("已清理 1 次运行的明细"));
    let reports = d.join("reports");
    assert!(!reports.join("n1").exists());
    for kept in ["n2", "n3", "n4"] {
        assert!(reports.join(kept).is_dir(), "{kept} removed");
    }
    std::fs::write(&county, &county_text).unwrap();
    night("n5", "2026-11-24T02:00:00+08:00")
        .assert()
        .code(0)
        .stdout(contains("新增错误").not());
    let r5 = nightly_support::report(d, "n5");
    assert_eq!(r5["history"]["baseline"]["id"], "n2");
    let county = county_findings(&r5);
    assert!(!county.is_empty());
    assert!(
        county
            .iter()
            .all(|(_, s, age)| s == "persisting" && *age == 4),
        "{county:?}"
    );
}

/// The units' counts are the rows their fix lists show: an item listed in two files has its
/// findings twice, as two rows each, and a waived finding is 已豁免, not 未整改 as well. The
/// summary's line, the exit message and findings.csv agree.
#[test]
fn the_units_counts_are_the_rows_of_their_lists() {
    let dir = workdir();
    let d = dir.path();
    let (city, county) = split_night1(d);
    let copy = d.join("exports/县区-补报.json");
    std::fs::copy(&county, &copy).unwrap();
    let night = |id: &str, at: &str, inputs: &[&Path]| {
        let mut cmd = nightly_support::audit(d, id, at);
        for i in inputs {
            cmd.arg("--input").arg(i);
        }
        cmd.args(["--fail-on-new", "error"]);
        let out = cmd.assert().get_output().stdout.clone();
        String::from_utf8(out).unwrap()
    };
    // Rows of 贵池区 in findings.csv by 状态 (`未整改（1天）`).
    let rows = |id: &str, status: &str| {
        let text =
            std::fs::read_to_string(d.join("reports").join(id).join("findings.csv")).unwrap();
        let mut r = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
        let header = r.headers().unwrap().clone();
        let at = |name: &str| header.iter().position(|h| h == name).unwrap();
        let (unit, state) = (at("考核单位"), at("状态"));
        r.records()
            .map(Result::unwrap)
            .filter(|row| &row[unit] == "贵池区" && row[state].starts_with(status))
            .count()
    };
    night("n1", "2026-11-20T02:00:00+08:00", &[&city, &county]);
    let said = night("n2", "2026-11-21T02:00:00+08:00", &[&city, &county, &copy]);
    let line: Vec<usize> = unit_row(&said, "贵池区")
        .iter()
        .map(|c| c.parse().unwrap())
        .collect();
    let [_, errors, warnings, new, _, persisting, _] = line[..] else {
        panic!("{line:?}")
    };
    assert!(persisting > 0, "{said}");

    assert_eq!(errors + warnings, new + persisting, "{said}");
    assert_eq!(
        (rows("n2", "新增"), rows("n2", "未整改")),
        (new, persisting),
        "{said}"
    );
    // Night 3: one persisting finding of the county waived.
    let r2 = nightly_support::report(d, "n2");
    let fingerprint = r2["history"]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["unit"] == "贵池区" && h["status"] == "persisting")
        .unwrap()["fingerprint"]
        .as_str()
        .unwrap()
        .to_owned();
    Command::cargo_bin("zwfw-audit")
        .unwrap()
        .current_dir(d)
        .args([
            "audit",
            "waive",
            &fingerprint,
            "--reason",
            "平台字段限制，已报省厅",
            "--until",
            "2026-12-31",
        ])
        .args(["--config", "zwfw-audit.toml"])
        .assert()
        .success();
    let said = night("n3", "2026-11-22T02:00:00+08:00", &[&city, &county, &copy]);
    let line: Vec<usize> = unit_row(&said, "贵池区")
        .iter()
        .map(|c| c.parse().unwrap())
        .collect();
    let [_, errors, warnings, new, _, persisting, _] = line[..] else {
        panic!("{line:?}")
    };
    let waived = rows("n3", "已豁免");
    assert_eq!(waived, 2, "both rows of the item listed twice: {said}");
    assert_eq!(errors + warnings, new + persisting, "{said}");
    assert_eq!(
        (rows("n3", "新增"), rows("n3", "未整改")),
        (new, persisting),
        "{said}"
    );
}

/// `prune --reports` deletes the old report folders before it prunes the store: on a full disk
/// the store cannot be written until they are gone, and the advice the full disk gives is this
/// very command. Here the store is busy instead (a run holds it); the folders go all the same.
#[test]
fn prune_deletes_report_folders_even_when_the_store_cannot_be_pruned() {
    let dir = workdir();
    let d = dir.path();
    for (night, id, at) in [
        (1, "n1", "2026-11-20T02:00:00+08:00"),
        (2, "n2", "2026-11-21T02:00:00+08:00"),
        (3, "n3", "2026-11-22T02:00:00+08:00"),
    ] {
        audit(d, night, id, at).assert().code(0);
    }
    let mut store = Store::open(&d.join("reports/history.sqlite")).unwrap();
    let time = RunTime::parse("2026-11-23T02:00:00+08:00").unwrap();
    let guard = store.begin_run("n4", time, &[], "h").unwrap();
    Command::cargo_bin("zwfw-audit")
        .unwrap()
        .current_dir(d)
        .args(["audit", "prune", "--keep", "2", "--reports"])
        .assert()
        .code(2)
        .stdout(contains("已删除 1 个旧报告目录"))
        .stderr(contains("另一个审核运行正在使用历史库"));
    drop(guard);
    assert!(!d.join("reports/n1").exists());
    assert!(d.join("reports/n2").is_dir() && d.join("reports/n3").is_dir());
}

/// Splits night 1's export as a city exports it to two files: the city departments' items
/// (`市直.json`) and the county's (`县区.json`, 贵池区's two items, one finding: C1 and C2…).
fn split_night1(dir: &Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let text = std::fs::read_to_string(fixture("night1.json")).unwrap();
    let night: serde_json::Value = serde_json::from_str(&text).unwrap();
    let (county, city): (Vec<_>, Vec<_>) = night["items"]
        .as_array()
        .unwrap()
        .iter()
        .cloned()
        .partition(|i| i["region"] == "贵池区");
    assert!(!county.is_empty() && !city.is_empty());
    let exports = dir.join("exports");
    std::fs::create_dir_all(&exports).unwrap();
    let (city_path, county_path) = (exports.join("市直.json"), exports.join("县区.json"));
    std::fs::write(&city_path, serde_json::to_string(&city).unwrap()).unwrap();
    std::fs::write(&county_path, serde_json::to_string(&county).unwrap()).unwrap();
    (city_path, county_path)
}

/// A night of the split export: run `id` at `at` over the city's file and the county's, with
/// `--fail-on-new error` and `extra`.
fn split_night(
    d: &Path,
    (city, county): (&Path, &Path),
    id: &str,
    at: &str,
    extra: &[&str],
) -> Command {
    let mut cmd = nightly_support::audit(d, id, at);
    cmd.arg("--input")
        .arg(city)
        .arg("--input")
        .arg(county)
        .args(["--fail-on-new", "error"])
        .args(extra);
    cmd
}

/// The county's findings in a report's history: fingerprint, status and age.
fn county_findings(r: &serde_json::Value) -> Vec<(String, String, u64)> {
    r["history"]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|h| h["unit"] == "贵池区")
        .map(|h| {
            (
                h["fingerprint"].as_str().unwrap().to_owned(),
                h["status"].as_str().unwrap().to_owned(),
                h["age_days"].as_u64().unwrap(),
            )
        })
        .collect()
}

/// One night the county's export is missing (or cut short while it was written): the run goes on
/// for the city's items, but says — even with `-q` — that its input is incomplete, its 已移除 rows
/// say the items may only be unread, and the next night compares with the last night that read
/// everything, so the county's findings persist with their age instead of coming back as 新增.
#[test]
fn a_night_with_an_export_missing_or_cut_short_is_no_baseline() {
    let dir = workdir();
    let d = dir.path();
    let (city, county) = split_night1(d);
    let night = |id: &str, at: &str| split_night(d, (&city, &county), id, at, &[]);
    night("n1", "2026-11-20T02:00:00+08:00").assert().code(1);
    let county_text = std::fs::read(&county).unwrap();
    let before = county_findings(&nightly_support::report(d, "n1"));
    assert!(!before.is_empty(), "the county has findings");

    // Night 2: the county's file is missing. Quiet, as cron runs it — and still told.
    std::fs::remove_file(&county).unwrap();
    night("n2", "2026-11-21T02:00:00+08:00")
        .arg("-q")
        .assert()
        .code(0)
        .stdout(contains("注意: 运行 n2 的输入不完整"))
        .stdout(contains("县区.json"));
    let r2 = nightly_support::report(d, "n2");
    assert!(
        r2["history"]["input_problems"][0]
            .as_str()
            .unwrap()
            .contains("县区.json"),
        "{}",
        r2["history"]
    );
    assert!(
        county_findings(&r2).iter().all(|(_, s, _)| s == "gone"),
        "unread items' findings are 已移除 tonight"
    );
    let rows = zwfw_audit_rows(&d.join("reports/n2/整改清单-贵池区.xlsx"));
    assert!(
        rows.iter()
            .any(|r| r.iter().any(|c| c.contains("这个事项可能只是没有读到"))),
        "{rows:?}"
    );
    let page = std::fs::read_to_string(d.join("reports/n2/report.html")).unwrap();
    assert!(page.contains("本次输入不完整，下列内容没有读到"));

    // Night 3: the file is back, but cut short while it was being written.
    std::fs::write(&county, &county_text[..county_text.len() - 40]).unwrap();
    night("n3", "2026-11-22T02:00:00+08:00")
        .assert()
        .stdout(contains("注意: 运行 n3 的输入不完整"))
        .stdout(contains(
            "输入不完整的运行 n2（2026-11-21T02:00:00+08:00）未作为对比基准",
        ))
        .stdout(contains("对比运行 n1"));

    // Night 4: whole again. Compared with night 1, the last night that read everything: the
    // county's findings persist, three days old, and nothing is new, so the threshold stays quiet.
    std::fs::write(&county, &county_text).unwrap();
    night("n4", "2026-11-23T02:00:00+08:00")
        .assert()
        .code(0)
        .stdout(contains("对比运行 n1"))
        .stdout(contains("新增 0 条"));
    let after = county_findings(&nightly_support::report(d, "n4"));
    assert_eq!(
        after,
        before
            .iter()
            .map(|(fp, _, _)| (fp.clone(), "persisting".to_owned(), 3))
            .collect::<Vec<_>>()
    );
    let store = Store::open(&d.join("reports/history.sqlite")).unwrap();
    let partial: Vec<_> = store
        .runs()
        .unwrap()
        .into_iter()
        .filter(|r| r.input_problems.is_some())
        .map(|r| r.id)
        .collect();
    assert_eq!(partial, ["n2", "n3"]);
    drop(store);
    audit_runs(d)
        .stdout(contains("运行编号\t开始时间\t状态\t输入文件\n"))
        .stdout(contains(
            "n2\t2026-11-21T02:00:00+08:00\t已完成（输入不完整）\t",
        ))
        .stdout(contains("n4\t2026-11-23T02:00:00+08:00\t已完成\t"));
}

/// The county's export fails and what is saved in its place is the platform's error page, or
/// its interface's error answer: the file is there but gives no item. That night is incomplete
/// as a missing file makes it (said even with `-q`), and the night after compares with the last
/// whole one, so the county's findings keep their age instead of coming back 新增.
#[test]
fn an_export_saved_as_an_error_page_is_incomplete_input() {
    let dir = workdir();
    let d = dir.path();
    let (city, county) = split_night1(d);
    let night = |id: &str, at: &str| split_night(d, (&city, &county), id, at, &["-q"]);
    night("n1", "2026-11-20T02:00:00+08:00").assert().code(1);
    let county_text = std::fs::read(&county).unwrap();
    for (id, at, saved) in [
        (
            "n2",
            "2026-11-21T02:00:00+08:00",
            "<html><head><title>502 Bad Gateway</title></head><body><center>nginx</center></body></html>\n",
        ),
        (
            "n3",
            "2026-11-22T02:00:00+08:00",
            "{\"code\":500,\"msg\":\"服务器繁忙，请稍后再试\",\"data\":null}",
        ),
        // Without `data`, it was read as one item with 实施编码 500, and the night was a
        // baseline in which every finding of the county was 已移除.
        (
            "n3a",
            "2026-11-22T02:30:00+08:00",
            "{\"code\":500,\"msg\":\"系统繁忙\"}",
        ),
    ] {
        std::fs::write(&county, saved).unwrap();
        night(id, at)
            .assert()
            .code(0)
            .stdout(contains(format!("注意: 运行 {id} 的输入不完整")))
            .stdout(contains("县区.json — "));
    }
    // The error answer is JSON, read as one record that is no item: said as such.
    night("n3b", "2026-11-22T03:00:00+08:00")
        .assert()
        .stdout(contains(
            "县区.json — 对比运行 n1 从这个文件读到 2 个事项，本次一个也没有读到（只有 1 条无法读取的记录）",
        ));
    std::fs::write(&county, &county_text).unwrap();
    night("n4", "2026-11-23T02:00:00+08:00")
        .assert()
        .code(0)
        .stdout(contains("注意").not());
    let r4 = nightly_support::report(d, "n4");
    assert_eq!(
        r4["history"]["baseline"]["id"], "n1",
        "{}",
        r4["history"]["baseline"]
    );
    let county = county_findings(&r4);
    assert!(!county.is_empty());
    assert!(
        county
            .iter()
            .all(|(_, s, age)| s == "persisting" && *age == 3),
        "{county:?}"
    );
}

/// The 问题清单 sheet of a workbook, as strings.
fn zwfw_audit_rows(path: &Path) -> Vec<Vec<String>> {
    sheet_rows(path, "问题清单")
}

/// Run again within the same second (by hand right after cron, or by a retry): the second run
/// takes the next free name instead of failing; a run id given with --run-id is never changed.
#[test]
fn a_run_started_in_the_same_second_takes_the_next_name() {
    let dir = workdir();
    let d = dir.path();
    let at = "2026-11-20T02:00:00+08:00";
    let again = || {
        let mut cmd = Command::cargo_bin("zwfw-audit").unwrap();
        cmd.current_dir(d).args(["audit", "-q", "--at", at]);
        cmd
    };
    again().assert().code(0);
    again().assert().code(0);
    assert!(d.join("reports/20261120-020000/report.json").exists());
    let r = nightly_support::report(d, "20261120-020000-2");
    assert_eq!(r["history"]["run"]["id"], "20261120-020000-2");
    again()
        .args(["--run-id", "20261120-020000"])
        .assert()
        .code(2)
        .stderr(contains("运行编号 20261120-020000 已存在于历史库中"));
}

/// A clerk writes 整改情况 on a green 已整改 row of the nightly fix list too: that row needs no
/// answer, and is skipped with a word instead of being called a changed 指纹.
#[test]
fn a_reply_on_a_closed_row_is_skipped_with_a_word() {
    let dir = workdir();
    let d = dir.path();
    audit(d, 1, "n1", "2026-11-20T02:00:00+08:00")
        .assert()
        .code(0);
    audit(d, 2, "n2", "2026-11-21T02:00:00+08:00")
        .assert()
        .code(0);
    let lists: Vec<std::path::PathBuf> = std::fs::read_dir(d.join("reports/n2"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            name.starts_with("整改清单-") && !name.contains("全部")
        })
        .collect();
    let (list, mut rows, row) = lists
        .iter()
        .find_map(|p| {
            let rows = zwfw_audit_rows(p);
            let status = rows[0].iter().position(|h| h == "状态")?;
            let row = rows.iter().position(|r| r[status] == "已整改")?;
            Some((p.clone(), rows, row))
        })
        .expect("night 2 has a 已整改 row");
    let fix = rows[0].iter().position(|h| h == "整改情况").unwrap();
    rows[row][fix] = "已整改".into();
    let replies = d.join("回复");
    std::fs::create_dir(&replies).unwrap();
    save_sheet(&replies.join(list.file_name().unwrap()), "问题清单", &rows);
    let run = Command::cargo_bin("zwfw-audit")
        .unwrap()
        .current_dir(d)
        .args([
            "report",
            "reports/n2/report.json",
            "--replies",
            "回复",
            "-o",
            "已回复",
        ])
        .assert();
    let said = String::from_utf8(run.get_output().stderr.clone()).unwrap();
    assert!(
        said.contains(&format!(
            "第{}行 — 这一行是上次运行的问题，本次已整改或已移除，不需要回复，未读取",
            row + 1
        )),
        "{said}"
    );
    assert!(!said.contains("不在这份报告中"), "{said}");
}

/// The operator loosens a setting (12345 no longer counts as a hotline-only number): the finding
/// it raised is gone the next night, but nobody fixed anything. The run says the settings changed,
/// and the 已整改 row says it may be the settings' doing.
#[test]
fn a_finding_gone_after_a_settings_change_is_not_simply_fixed() {
    let dir = workdir();
    let d = dir.path();
    audit(d, 1, "n1", "2026-11-20T02:00:00+08:00")
        .assert()
        .code(0);
    let config = d.join("zwfw-audit.toml");
    let mut text = std::fs::read_to_string(&config).unwrap();
    text.push_str("\n[check]\nhotline_only_numbers = []\n");
    std::fs::write(&config, text).unwrap();
    audit(d, 1, "n2", "2026-11-21T02:00:00+08:00")
        .assert()
        .code(0)
        .stdout(contains("已整改 1 条"))
        .stdout(contains(
            "注意: 检查设置与对比运行不同（规则、参数或工具版本），「已整改」的问题可能是设置改变所致",
        ));
    let r = nightly_support::report(d, "n2");
    assert_eq!(r["history"]["settings_changed"], true);
    let fixed: Vec<&serde_json::Value> = r["history"]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|h| h["status"] == "fixed")
        .collect();
    assert_eq!(fixed.len(), 1);
    assert_eq!(fixed[0]["rule"], "B13");
    let unit = fixed[0]["unit"].as_str().unwrap();
    let rows = zwfw_audit_rows(&d.join(format!("reports/n2/整改清单-{unit}.xlsx")));
    assert!(
        rows.iter()
            .any(|r| r.iter().any(|c| c.contains("可能是设置改变所致，请核对"))),
        "{rows:?}"
    );
    // Unchanged settings the next night: a plain comparison again.
    audit(d, 1, "n3", "2026-11-22T02:00:00+08:00")
        .assert()
        .code(0)
        .stdout(contains("检查设置与对比运行不同").not());
    assert!(
        nightly_support::report(d, "n3")["history"]
            .get("settings_changed")
            .is_none()
    );
}

/// `--at` takes a bare date as 0:00 of that day, and a time it cannot read is explained with an
/// example of a full time (the message used to ask for a date, which is what had been typed).
#[test]
fn at_takes_a_date_or_a_full_time_and_explains_what_it_cannot_read() {
    let dir = workdir();
    let d = dir.path();
    let run = |at: &str| {
        let mut cmd = Command::cargo_bin("zwfw-audit").unwrap();
        cmd.current_dir(d)
            .args(["audit", "--config", "zwfw-audit.toml", "-q", "--at", at]);
        cmd.assert()
    };
    run("2026-11-20").code(0);
    run("2026-11-21T02:30:00").code(0);
    let store = Store::open(&d.join("reports/history.sqlite")).unwrap();
    let runs = store.runs().unwrap();
    let ids: Vec<&str> = runs.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["20261120-000000", "20261121-023000"], "{runs:?}");
    assert!(
        runs[0].started_at.starts_with("2026-11-20T00:00:00"),
        "{runs:?}"
    );
    for bad in ["2026/11/20", "2026-11-31", "明天凌晨"] {
        run(bad)
            .code(2)
            .stderr(contains(format!("--at 的时间「{bad}」无法识别")))
            .stderr(contains("2026-11-20T02:00:00+08:00"))
            .stderr(contains("日期要写成").not());
    }
}

/// A store that is not a database, or that cannot be created, is said in Chinese with what to do,
/// and SQLite's English (`file is not a database: Error code 26: …`) is not shown.
#[test]
fn a_store_that_cannot_be_used_is_said_in_chinese() {
    let dir = workdir();
    let d = dir.path();
    std::fs::write(d.join("历史.sqlite"), "这不是历史库，是一份说明。\n").unwrap();
    let mut stores = vec![("历史.sqlite", "文件不是 zwfw-audit 的历史库，或已损坏")];
    if cfg!(target_os = "linux") {
        stores.push((
            "/proc/历史.sqlite",
            "无法打开历史库文件：文件夹不存在或没有写权限",
        ));
    }
    for (store, words) in stores {
        Command::cargo_bin("zwfw-audit")
            .unwrap()
            .current_dir(d)
            .args(["audit", "--config", "zwfw-audit.toml", "--store", store])
            .args(["--at", "2026-11-20T02:00:00+08:00"])
            .assert()
            .code(2)
            .stderr(contains(format!("错误: 历史库 {store} 出错: {words}")))
            .stderr(contains("Error code").not())
            .stderr(contains("database").not());
    }
}

/// A --since that names no run (a date before the first run, a mistyped id) is refused before a
/// run begins: it leaves no incomplete run for the following nights to report.
#[test]
fn a_since_naming_no_run_leaves_no_incomplete_run() {
    let dir = workdir();
    let d = dir.path();
    audit(d, 1, "n1", "2026-11-20T02:00:00+08:00")
        .assert()
        .code(0);
    for since in ["2026-11-19", "n0"] {
        audit(d, 2, "n2", "2026-11-21T02:00:00+08:00")
            .args(["--since", since])
            .assert()
            .code(2)
            .stderr(contains("找不到对比基准"));
    }
    let store = Store::open(&d.join("reports/history.sqlite")).unwrap();
    let ids: Vec<String> = store.runs().unwrap().into_iter().map(|r| r.id).collect();
    assert_eq!(ids, ["n1"]);
    drop(store);
    audit(d, 2, "n2", "2026-11-21T02:00:00+08:00")
        .args(["--since", "2026-11-20"])
        .assert()
        .code(0)
        .stdout(contains("对比运行 n1"))
        .stdout(contains("未完成的运行").not());
}

/// 统计表.xlsx in the exports folder: a monthly statistics sheet, nothing like an export (no item
/// table).
fn save_stray_workbook(d: &Path) {
    save_sheet(
        &d.join("exports/统计表.xlsx"),
        "11月",
        &[
            vec!["单位".into(), "办件量".into(), "好评率".into()],
            vec!["贵池区".into(), "1532".into(), "99.8%".into()],
        ],
    );
}

/// On the first night there is no baseline: a workbook that is no export is said to affect no
/// comparison because there is none yet, not because "the baseline has no item from it".
#[test]
fn a_stray_workbook_on_the_first_night_is_said_without_a_baseline() {
    let dir = workdir();
    let d = dir.path();
    split_night1(d);
    save_stray_workbook(d);
    let mut first = nightly_support::audit(d, "n1", "2026-11-20T02:00:00+08:00");
    first.args(["-q", "--input", "exports"]);
    let out = first.assert().code(0);
    let said = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(
        said.contains("统计表.xlsx") && said.contains("第一次运行，还没有对比基准"),
        "{said}"
    );
    assert!(!said.contains("对比基准中没有来自这里的事项"), "{said}");
}

/// A workbook that is no export (someone's 统计表 saved into the exports folder) is reported every
/// night, but gave the baseline no item, so it hides none: the nights stay baselines and compare
/// with each other, as they do when an export named by date is replaced by tonight's. The
/// county's export gone from the folder makes a night incomplete, though reading the folder
/// meets no error, until it has been gone three runs in a row and is taken as removed on purpose.
#[test]
fn a_stray_workbook_in_the_exports_folder_does_not_stop_the_comparison() {
    let dir = workdir();
    let d = dir.path();
    let (city, county) = split_night1(d);
    let night = |id: &str, at: &str| {
        let mut cmd = nightly_support::audit(d, id, at);
        cmd.args(["-q", "--input", "exports"]);
        cmd
    };
    night("n1", "2026-11-20T02:00:00+08:00").assert().code(0);
    save_stray_workbook(d);
    for (id, at, base) in [
        ("n2", "2026-11-21T02:00:00+08:00", "n1"),
        ("n3", "2026-11-22T02:00:00+08:00", "n2"),
    ] {
        let out = night(id, at).assert().code(0);
        let said = String::from_utf8(out.get_output().stdout.clone()).unwrap();
        assert!(!said.contains("输入不完整"), "{said}");
        assert!(
            said.contains("统计表.xlsx")
                && said.contains("没有找到事项表")
                && said.contains("对比基准中没有来自这里的事项，不影响对比"),
            "{said}"
        );
        let r = nightly_support::report(d, id);
        assert_eq!(r["history"]["baseline"]["id"], base, "{}", r["history"]);
        assert!(
            r["history"]["input_problems"].is_null()
                || r["history"]["input_problems"] == serde_json::json!([])
        );
    }
    // Exports named by date: yesterday's file gone, its items back under tonight's name.
    std::fs::rename(&city, d.join("exports/市直_20261123.json")).unwrap();
    night("n4", "2026-11-23T02:00:00+08:00")
        .assert()
        .code(0)
        .stdout(contains("输入不完整").not());
    // The county's export gone from the folder: nothing to read says so, the baseline does.
    std::fs::remove_file(&county).unwrap();
    night("n5", "2026-11-24T02:00:00+08:00")
        .assert()
        .code(0)
        .stdout(contains("注意: 运行 n5 的输入不完整"))
        .stdout(contains("县区.json — 对比运行 n4 从这个文件读到"))
        .stdout(contains("本次没有这个文件"));
    assert_eq!(
        nightly_support::report(d, "n5")["history"]["baseline"]["id"],
        "n4"
    );
    // Run again the same morning after the warning came (twice): the same night, still
    // incomplete; runs on one day count once.
    for (id, at) in [
        ("n5b", "2026-11-24T04:00:00+08:00"),
        ("n5c", "2026-11-24T09:30:00+08:00"),
    ] {
        night(id, at)
            .assert()
            .code(0)
            .stdout(contains(format!("注意: 运行 {id} 的输入不完整")));
    }
    // Gone on three days in a row, it is taken as removed on purpose (a county no longer
    // assessed): its findings are 已移除 and the nights are compared again.
    // Not quiet, the warning comes before the totals whose 已移除 it explains.
    let n6 = nightly_support::audit(d, "n6", "2026-11-25T02:00:00+08:00")
        .args(["--input", "exports"])
        .assert()
        .code(0);
    let said = String::from_utf8(n6.get_output().stdout.clone()).unwrap();
    let (warning, totals) = (
        said.find("注意: 运行 n6 的输入不完整").unwrap(),
        said.find("运行 n6 完成").unwrap(),
    );
    assert!(warning < totals, "{said}");
    night("n7", "2026-11-26T02:00:00+08:00")
        .assert()
        .code(0)
        .stdout(contains("注意: 运行 n7 的输入不完整").not())
        .stdout(contains("连续 3 天的运行都没有这个文件，按有意移除处理"));
    let r7 = nightly_support::report(d, "n7");
    assert_eq!(r7["history"]["baseline"]["id"], "n4");
    assert!(
        r7["history"]["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|h| h["unit"] == "贵池区" && h["status"] == "gone"),
        "{}",
        r7["history"]
    );
    night("n8", "2026-11-27T02:00:00+08:00")
        .assert()
        .stdout(contains("输入不完整").not())
        .stdout(contains("按有意移除处理").not());
    assert_eq!(
        nightly_support::report(d, "n8")["history"]["baseline"]["id"],
        "n7"
    );
}

/// A clerk answers a finding on night 1's list and returns it into the configured replies folder:
/// night 2's lists, the unit's own and the assessors', carry the answer beside the finding that
/// still stands, instead of an empty 整改情况 the clerk would have to fill in again.
#[test]
fn answers_returned_on_an_earlier_night_carry_into_the_next_nights_lists() {
    let dir = nightly_support::workdir("replies = [\"回复\"]\n");
    let d = dir.path();
    nightly_support::audit(d, "n1", "2026-11-20T02:00:00+08:00")
        .assert()
        .code(0);
    let (list, mut rows) = std::fs::read_dir(d.join("reports/n1"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            name.starts_with("整改清单-") && !name.contains("全部")
        })
        .map(|p| {
            let rows = zwfw_audit_rows(&p);
            (p, rows)
        })
        .find(|(_, rows)| rows.len() > 1)
        .expect("night 1 has a unit with findings");
    let (fp, fix) = (col(&rows[0], "指纹"), col(&rows[0], "整改情况"));
    let answered = rows[1][fp].clone();
    let answer = "已通知窗口补充区号，待平台同步后更新";
    rows[1][fix] = answer.into();
    let replies = d.join("回复");
    std::fs::create_dir(&replies).unwrap();
    save_sheet(&replies.join(list.file_name().unwrap()), "问题清单", &rows);

    // Night 2 reads the same export: the finding stands, and its answer is carried.
    let night2 = nightly_support::audit(d, "n2", "2026-11-21T02:00:00+08:00")
        .assert()
        .code(0);
    let said = String::from_utf8(night2.get_output().stderr.clone()).unwrap();
    assert!(
        said.contains("已读取 1 个回复文件：1 条问题有回复"),
        "{said}"
    );
    for name in [
        list.file_name().unwrap().to_string_lossy().into_owned(),
        "整改清单-全部.xlsx".to_owned(),
    ] {
        let rows = zwfw_audit_rows(&d.join("reports/n2").join(&name));
        let (fp, fix) = (col(&rows[0], "指纹"), col(&rows[0], "整改情况"));
        let row = rows
            .iter()
            .find(|r| r[fp] == answered)
            .unwrap_or_else(|| panic!("{name} lists {answered}"));
        assert_eq!(row[fix], answer, "{name}");
        // Only the answered finding has an answer.
        assert_eq!(
            rows[1..].iter().filter(|r| !r[fix].is_empty()).count(),
            1,
            "{name}"
        );
    }
}

/// Copies the folder `from` into `to`, files and subfolders.
fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The working folder copied to a new place (a new server, a renamed folder) with its store,
/// the county's export missing from the copy: the first night there makes the night incomplete,
/// though the old folder still holds a file of the baseline's path. What counts is what was
/// read tonight, not what exists somewhere. With every export copied, the items come back under
/// the new paths and the night compares with the last one in the old place.
#[test]
fn a_copied_working_folder_notices_an_export_missing_from_the_copy() {
    let old = workdir();
    split_night1(old.path());
    let night = |d: &Path, id: &str, at: &str| {
        let mut cmd = nightly_support::audit(d, id, at);
        cmd.args(["-q", "--input", "exports"]);
        cmd
    };
    night(old.path(), "n1", "2026-11-20T02:00:00+08:00")
        .assert()
        .code(0);
    let (whole, partial) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    copy_tree(old.path(), whole.path());
    copy_tree(old.path(), partial.path());
    std::fs::remove_file(partial.path().join("exports/县区.json")).unwrap();

    night(whole.path(), "n2", "2026-11-21T02:00:00+08:00")
        .assert()
        .code(0)
        .stdout(contains("输入不完整").not());
    assert_eq!(
        nightly_support::report(whole.path(), "n2")["history"]["baseline"]["id"],
        "n1"
    );

    night(partial.path(), "n2", "2026-11-21T02:00:00+08:00")
        .assert()
        .code(0)
        .stdout(contains("注意: 运行 n2 的输入不完整"))
        .stdout(contains("县区.json — 对比运行 n1 从这个文件读到"));
    assert!(old.path().join("exports/县区.json").exists());
}
