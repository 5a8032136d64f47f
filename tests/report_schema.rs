//! `schema/report.schema.json` describes `report.json`: reports written by `check` (sample export,
//! with an unreadable record and notices) and by `score` (sample + review) validate, and the schema
//! rejects what it should — it is not vacuous.

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn load(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn errors(report: &Value) -> Vec<String> {
    let schema = load(&root().join("schema/report.schema.json"));
    let v = jsonschema::validator_for(&schema).unwrap();
    v.iter_errors(report)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect()
}

fn check(inputs: &[&Path], dir: &Path) -> Value {
    let mut cmd = Command::cargo_bin("zwfw-audit").unwrap();
    cmd.arg("check")
        .args(inputs)
        .args(["--format", "json", "-q", "--run-id", "schema-test", "-o"])
        .arg(dir);
    let out = cmd.output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    load(&dir.join("report.json"))
}

#[test]
fn check_reports_validate() {
    let dir = tempfile::tempdir().unwrap();
    // The sample export plus an NDJSON file with one good and one malformed line.
    let ndjson = dir.path().join("extra.ndjson");
    std::fs::write(
        &ndjson,
        "{\"code\":\"X1\",\"name\":\"失业登记\",\"consult_phone\":\"2021234\"}\n{\"code\": 5\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    let report = check(
        &[&root().join("fixtures/exports/sample.xlsx"), &ndjson],
        &out,
    );
    assert!(
        report["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["status"] == "unreadable")
    );
    assert!(!report["scores"].as_array().unwrap().is_empty());
    let errs = errors(&report);
    assert!(errs.is_empty(), "{errs:#?}");
}

#[test]
fn scored_and_reviewed_reports_validate() {
    let dir = tempfile::tempdir().unwrap();
    let report = check(&[&root().join("fixtures/exports/sample.json")], dir.path());
    // Reject the first finding in a review CSV, then score with the review.
    let f = &report["findings"][0];
    let review = dir.path().join("复核.csv");
    std::fs::write(
        &review,
        format!(
            "实施编码,规则,原文,复核结果,备注\n{},{},{},驳回,误报\n",
            f["item_code"].as_str().unwrap(),
            f["rule"].as_str().unwrap(),
            f["evidence"].as_str().unwrap().replace(',', "，")
        ),
    )
    .unwrap();
    let scored = dir.path().join("scored.json");
    Command::cargo_bin("zwfw-audit")
        .unwrap()
        .arg("score")
        .arg(dir.path().join("report.json"))
        .arg("--review")
        .arg(&review)
        .args(["-q", "-o"])
        .arg(&scored)
        .assert()
        .success();
    let scored = load(&scored);
    assert!(
        scored["scores"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s.get("reviewed_score").is_some())
    );
    let errs = errors(&scored);
    assert!(errs.is_empty(), "{errs:#?}");
}

#[test]
fn the_schema_rejects_broken_reports() {
    let dir = tempfile::tempdir().unwrap();
    let good = check(&[&root().join("fixtures/exports/sample.json")], dir.path());
    let broken = |path: &[&str], value: Value| {
        let mut r = good.clone();
        let mut at = &mut r;
        for p in &path[..path.len() - 1] {
            at = match p.parse::<usize>() {
                Ok(i) => &mut at[i],
                Err(_) => &mut at[*p],
            };
        }
        at[path[path.len() - 1]] = value;
        r
    };
    for (what, r) in [
        ("wrong version", broken(&["schema_version"], Value::from(2))),
        (
            "unknown severity",
            broken(&["findings", "0", "severity"], Value::from("fatal")),
        ),
        (
            "outcome not pass/fail/n/a",
            broken(&["items", "0", "outcomes", "B01"], Value::from("ok")),
        ),
        (
            "unknown unit kind",
            broken(&["scores", "0", "kind"], Value::from("province")),
        ),
        ("unknown top-level key", broken(&["extra"], Value::from(1))),
    ] {
        assert!(!errors(&r).is_empty(), "{what} should not validate");
    }
}
