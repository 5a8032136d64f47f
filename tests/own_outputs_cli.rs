//! The tool's own files left among the exports — fix lists (as written and as a unit sends one
//! back), findings.csv, a sample list, a JSON report — are skipped with a warning that names each,
//! not read as items: a fix list read as an export adds one bogus item per finding, each failing
//! nearly every rule. A nightly run with one in its folder still counts as having read its input.

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::PredicateBooleanExt;
use predicates::str::contains;
use zwfw_audit::report::{self, Report};
use zwfw_audit::source::NoticeLevel;

fn bin(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("zwfw-audit").unwrap();
    cmd.current_dir(dir);
    cmd
}

fn read_report(path: &Path) -> Report {
    report::json::read(&std::fs::read_to_string(path).unwrap()).unwrap()
}

const EXPORT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/exports/sample.xlsx");

/// The files of the tool's own that go into the exports folder, with the export itself.
const OWN: [&str; 6] = [
    "整改清单-全部.xlsx",
    "整改清单-贵池区.xlsx",
    "findings.csv",
    "report.json",
    "抽样清单.xlsx",
    "抽样清单.csv",
];

#[test]
fn the_tools_own_files_among_the_exports_are_skipped_and_named() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    bin(d)
        .args(["check", EXPORT, "-o", "first", "--run-id", "r1", "-q"])
        .assert()
        .code(1);
    bin(d)
        .args(["sample", "first/report.json", "--seed", "20261128", "-q"])
        .args(["-o", "first/抽样清单"])
        .assert()
        .success();
    let exports = d.join("导出");
    std::fs::create_dir(&exports).unwrap();
    std::fs::copy(EXPORT, exports.join("sample.xlsx")).unwrap();
    for name in OWN {
        std::fs::copy(d.join("first").join(name), exports.join(name)).unwrap();
    }

    bin(d)
        .args(["check", "导出", "-o", "again", "--run-id", "r2", "-q"])
        .args(["--format", "json"])
        .assert()
        .code(1);
    let first = read_report(&d.join("first/report.json"));
    let again = read_report(&d.join("again/report.json"));
    assert_eq!(again.items.len(), first.items.len());
    assert_eq!(again.findings.len(), first.findings.len());
    for name in OWN {
        let skipped = again
            .notices
            .iter()
            .find(|n| n.provenance.source.ends_with(name))
            .unwrap_or_else(|| panic!("no notice for {name}: {:#?}", again.notices));
        assert_eq!(skipped.level, NoticeLevel::Warning, "{name}");
        assert!(
            skipped.message.contains("zwfw-audit 生成的") && skipped.message.contains("已跳过"),
            "{name}: {}",
            skipped.message
        );
    }

    // Given nothing but the tool's files, the check stops and says why.
    bin(d)
        .args([
            "check",
            "first/整改清单-全部.xlsx",
            "first/report.json",
            "-o",
            "x",
        ])
        .assert()
        .code(2)
        .stderr(contains("没有读到任何事项"))
        .stderr(contains(
            "整改清单-全部.xlsx — 这是 zwfw-audit 生成的整改清单",
        ))
        .stderr(contains("report.json — 这是 zwfw-audit 生成的检查报告"));

    // A night with a fix list in its folder read all of its input: it is a baseline.
    let audit = |id: &str, at: &str| {
        bin(d)
            .args(["audit", "--input", "导出", "--run-id", id, "--at", at])
            .assert()
            .success()
    };
    audit("n1", "2026-11-20T02:00:00+08:00");
    audit("n2", "2026-11-21T02:00:00+08:00")
        .stdout(contains("输入不完整").not())
        .stdout(contains("对比运行 n1"));
}
