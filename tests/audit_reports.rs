//! `zwfw-audit audit` writes every report format next to `report.json` (JSON, the Excel fix
//! lists, HTML, CSV) with the history columns, over the three fixture nights.

use std::io::Cursor;
use std::path::Path;

use assert_cmd::Command;
use calamine::{Reader, Xlsx, open_workbook_from_rs};
use zwfw_audit::report::fixlist::{FINGERPRINT_HEADER, HEADERS, REVIEW_COLUMN, STATUS_HEADER};

mod nightly_support;
use nightly_support::fixture;

fn workdir() -> tempfile::TempDir {
    nightly_support::workdir("")
}

fn audit(dir: &Path, night: u32, id: &str, at: &str) {
    Command::cargo_bin("zwfw-audit")
        .unwrap()
        .current_dir(dir)
        .args([
            "audit",
            "--config",
            "zwfw-audit.toml",
            "--run-id",
            id,
            "--at",
            at,
        ])
        .arg("--input")
        .arg(fixture(&format!("night{night}.json")))
        .assert()
        .code(0)
        .stdout(predicates::str::contains("report.html"));
}

#[test]
fn audit_writes_all_formats_with_the_history() {
    let dir = workdir();
    let d = dir.path();
    audit(d, 1, "n1", "2026-11-20T02:00:00+08:00");
    audit(d, 2, "n2", "2026-11-21T02:00:00+08:00");
    audit(d, 3, "n3", "2026-11-24T02:00:00+08:00");
    let run = d.join("reports/n3");
    for name in [
        "report.json",
        "report.html",
        "findings.csv",
        "整改清单-全部.xlsx",
        "整改清单-池州市市场监督管理局.xlsx",
        "整改清单-池州市人力资源和社会保障局.xlsx",
        "整改清单-贵池区.xlsx",
    ] {
        assert!(run.join(name).is_file(), "{name} missing");
    }
    assert!(!d.join("reports/n3.partial").exists());

    let page = std::fs::read_to_string(run.join("report.html")).unwrap();
    assert_eq!(page.matches("<figure class=\"trend\">").count(), 3);
    assert_eq!(page.matches("<circle class=\"pt-err\"").count(), 3 * 3);
    assert!(page.contains("<section id=\"closed\">"));

    let bytes = std::fs::read(run.join("整改清单-池州市市场监督管理局.xlsx")).unwrap();
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).unwrap();
    let list = book.worksheet_range("问题清单").unwrap();
    let header: Vec<String> = (0..list.width())
        .map(|c| list.get((0, c)).unwrap().to_string())
        .collect();
    let mut expect = HEADERS[..REVIEW_COLUMN].to_vec();
    expect.extend([STATUS_HEADER, FINGERPRINT_HEADER]);
    assert_eq!(header, expect);
    let last = list.height() - 1;
    assert_eq!(
        list.get((last, REVIEW_COLUMN)).unwrap().to_string(),
        "已整改",
        "状态 follows the unit's columns"
    );

    // The 指纹 column holds the fingerprints of the report's history, which `audit waive` takes
    // (the clerk copies one from the fix list).
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(run.join("report.json")).unwrap()).unwrap();
    let known: Vec<&str> = report["history"]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["fingerprint"].as_str().unwrap())
        .collect();
    let shown: Vec<String> = (1..list.height())
        .map(|r| list.get((r, REVIEW_COLUMN + 1)).unwrap().to_string())
        .collect();
    assert!(!shown.is_empty());
    assert!(
        shown.iter().all(|f| known.contains(&f.as_str())),
        "{shown:?}"
    );
    Command::cargo_bin("zwfw-audit")
        .unwrap()
        .current_dir(d)
        .args(["audit", "waive", &shown[0], "--reason", "省平台统一配置"])
        .args(["--until", "2099-12-31"])
        .assert()
        .success()
        .stdout(predicates::str::contains("已豁免至 2099-12-31"));

    let csv = std::fs::read_to_string(run.join("findings.csv")).unwrap();
    assert!(csv.lines().next().unwrap().ends_with(",考核单位,状态,指纹"));
    assert!(page.contains(&format!("指纹 <code>{}</code>", shown[0])));
}
