//! A 实施主体 split over several units (one 统一社会信用代码, two 实施主体 names) is no reading
//! problem: a quiet night says it when it first appears or changes, not every night, so that
//! cron mails nothing on a night with nothing new. 汇总 still lists it.

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::PredicateBooleanExt;
use predicates::str::contains;

mod nightly_support;

/// `audit` with `-q`, as cron runs it.
fn audit(dir: &Path, id: &str, at: &str) -> Command {
    let mut cmd = nightly_support::audit(dir, id, at);
    cmd.arg("-q");
    cmd
}

/// Items of one 统一社会信用代码 under the 实施主体 names given.
fn export(path: &Path, subjects: &[&str]) {
    let items: Vec<serde_json::Value> = subjects
        .iter()
        .enumerate()
        .map(|(i, subject)| {
            serde_json::json!({
                "code": format!("11341700003125415130001170{:02}000", i + 1),
                "name": format!("事项{}", i + 1),
                "subject": subject,
                "region_code": "341700",
                "region": "池州市",
                "consult_phone": "0566-2021234",
            })
        })
        .collect();
    std::fs::write(path, serde_json::json!({ "items": items }).to_string()).unwrap();
}

#[test]
fn a_quiet_night_says_a_split_when_it_appears_or_changes() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("zwfw-audit.toml"),
        "[audit]\ninputs = [\"night.json\"]\n",
    )
    .unwrap();
    let file = d.join("night.json");
    let two = [
        "池州市市场监督管理局",
        "池州市市场监督管理局",
        "池州市知识产权局",
    ];
    export(&file, &two);
    let split = "同为 113417000031254151 的事项";
    audit(d, "n1", "2026-11-20T02:00:00+08:00")
        .assert()
        .stdout(contains(split));
    audit(d, "n2", "2026-11-21T02:00:00+08:00")
        .assert()
        .stdout(contains(split).not());
    let rows = std::fs::read(d.join("reports/n2/整改清单-全部.xlsx")).unwrap();
    assert!(!rows.is_empty());
    // A third name under the same code: said again.
    export(
        &file,
        &[
            "池州市市场监督管理局",
            "池州市知识产权局",
            "池州市市场监管局",
        ],
    );
    audit(d, "n3", "2026-11-22T02:00:00+08:00")
        .assert()
        .stdout(contains(split));
}
