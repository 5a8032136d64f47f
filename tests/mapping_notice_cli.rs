//! `score` and `sample` without a unit mapping: what grouping the items met in the export (one
//! 实施主体 code split over two units) is said as the export's, not as a 单位对照表's.

use assert_cmd::Command;
use predicates::prelude::PredicateBooleanExt;
use predicates::str::contains;

#[test]
fn a_split_found_in_the_export_is_not_called_a_mapping_file() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let item = |code: &str, subject: &str| {
        serde_json::json!({
            "code": code, "name": "食品经营许可", "subject": subject, "region_code": "341700",
            "region": "池州市", "consult_phone": "0566-2021234"
        })
    };
    let items = serde_json::json!({"items": [
        item("1134170000312541513000117001000", "池州市市场监督管理局"),
        item("1134170000312541513000117002000", "池州市市场监督管理局"),
        item("1134170000312541513000117003000", "池州市知识产权局"),
    ]});
    std::fs::write(d.join("items.json"), items.to_string()).unwrap();
    Command::cargo_bin("zwfw-audit")
        .unwrap()
        .current_dir(d)
        .args(["check", "items.json", "--format", "json", "-q", "-o", "out"])
        .assert()
        .code(predicates::ord::le(1));
    Command::cargo_bin("zwfw-audit")
        .unwrap()
        .current_dir(d)
        .args(["score", "out/report.json", "-q", "-o", "scored"])
        .assert()
        .success()
        .stderr(contains("注意: 导出文件 items.json"))
        .stderr(contains("同为 113417000031254151"))
        .stderr(contains("注意: 单位对照表").not());
    Command::cargo_bin("zwfw-audit")
        .unwrap()
        .current_dir(d)
        .args(["sample", "out/report.json", "--seed", "1", "-q"])
        .assert()
        .stderr(contains("注意: 导出文件 items.json"))
        .stderr(contains("注意: 单位对照表").not());
}
