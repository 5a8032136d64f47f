//! `zwfw-audit check` end to end on the bundled sample export: exit code 1 because the sample
//! has findings, the JSON report lists every item of the workbook with its place, and a corrupt
//! input next to a good one is reported while the run goes on.

use std::collections::BTreeSet;
use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn sample_codes() -> BTreeSet<String> {
    let v: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("fixtures/exports/sample.json")).unwrap(),
    )
    .unwrap();
    v.as_array()
        .unwrap()
        .iter()
        .map(|i| i["code"].as_str().unwrap().to_owned())
        .collect()
}

fn zwfw() -> Command {
    let mut cmd = Command::cargo_bin("zwfw-audit").unwrap();
    cmd.current_dir(root());
    cmd
}

#[test]
fn check_on_the_sample_xlsx_lists_every_item_and_exits_1() {
    let out = tempfile::tempdir().unwrap();
    zwfw()
        .args([
            "check",
            "fixtures/exports/sample.xlsx",
            "--run-id",
            "sample",
            "-o",
        ])
        .arg(out.path())
        .assert()
        .code(1);
    let report: Value =
        serde_json::from_str(&std::fs::read_to_string(out.path().join("report.json")).unwrap())
            .unwrap();
    let items = report["items"].as_array().unwrap();
    let codes: BTreeSet<String> = items
        .iter()
        .map(|i| i["code"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(items.len(), 36);
    assert_eq!(codes, sample_codes());
    for item in items {
        assert_eq!(item["status"], "checked");
        assert_eq!(item["provenance"]["sheet"], "事项基本信息");
        assert!(item["provenance"]["row"].as_u64().unwrap() >= 3);
    }
    let units: BTreeSet<&str> = items.iter().map(|i| i["unit"].as_str().unwrap()).collect();
    assert!(
        units.contains("池州市市场监督管理局")
            && units.contains("贵池区")
            && units.contains("东至县"),
        "{units:?}"
    );
    // The first rules find the planted defects and quote the offending text.
    let findings = report["findings"].as_array().unwrap();
    assert!(findings.iter().any(|f| f["rule"] == "B15"
        && f["message"].as_str().unwrap().contains("\"2021356\"")
        && f["provenance"]["sheet"] == "事项基本信息"));
    assert!(findings.iter().any(|f| f["rule"] == "B14"));
    // The instructions sheet is ignored with a notice naming it.
    assert!(
        report["notices"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n["level"] == "info" && n["provenance"]["sheet"] == "填表说明")
    );
}

#[test]
fn a_corrupt_input_is_reported_and_the_good_one_still_checked() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("损坏.xlsx");
    std::fs::write(&bad, b"PK\x03\x04 not a workbook").unwrap();
    let output = zwfw()
        .arg("check")
        .arg(&bad)
        .args([
            "fixtures/exports/sample.json",
            "--format",
            "json",
            "-o",
            "-",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["items"].as_array().unwrap().len(), 36);
    let notice = report["notices"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["level"] == "error")
        .expect("an error notice for the corrupt file");
    assert!(
        notice["provenance"]["source"]
            .as_str()
            .unwrap()
            .ends_with("损坏.xlsx")
    );
    assert!(notice["message"].as_str().unwrap().contains("损坏.xlsx"));

    // Nothing readable at all: the run cannot be done (exit 2).
    zwfw()
        .arg("check")
        .arg(&bad)
        .args(["-o", "-"])
        .assert()
        .code(2);
}
