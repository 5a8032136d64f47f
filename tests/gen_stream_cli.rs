//! End to end: `zwfw-audit gen` is reproducible, and `zwfw-audit check` on NDJSON (streamed by
//! default) writes the same report as the in-memory path (`--no-stream`).

use assert_cmd::Command;
use predicates::str::contains;

fn bin() -> Command {
    Command::cargo_bin("zwfw-audit").unwrap()
}

#[test]
fn gen_is_reproducible_and_check_streams_the_same_report() {
    let tmp = tempfile::tempdir().unwrap();
    let a = tmp.path().join("a.ndjson");
    let b = tmp.path().join("b.ndjson");
    for path in [&a, &b] {
        bin()
            .args(["gen", "--count", "400", "--seed", "9", "-o"])
            .arg(path)
            .assert()
            .success();
    }
    let bytes = std::fs::read(&a).unwrap();
    assert_eq!(bytes, std::fs::read(&b).unwrap());
    assert_eq!(String::from_utf8_lossy(&bytes).lines().count(), 400);

    let streamed = tmp.path().join("streamed");
    let in_memory = tmp.path().join("in-memory");
    for (out, extra) in [(&streamed, None), (&in_memory, Some("--no-stream"))] {
        let mut cmd = bin();
        cmd.arg("check")
            .arg(&a)
            .args(["--run-id", "r1", "-o"])
            .arg(out)
            .args(extra);
        // Seed 9 at the default defect rate has phone defects: exit 1 (errors found).
        cmd.assert().code(1).stderr(contains("已检查 400 个事项"));
    }
    let read = |dir: &std::path::Path| {
        let text = std::fs::read_to_string(dir.join("report.json")).unwrap();
        let mut report = zwfw_audit::report::json::read(&text).unwrap();
        report.generated_at.clear(); // the run time differs between the two runs
        report
    };
    let (s, m) = (read(&streamed), read(&in_memory));
    assert_eq!(s.summary.checked, 400);
    assert!(s.summary.errors > 0);
    assert_eq!(s, m);
}

#[test]
fn gen_rejects_a_defect_rate_outside_0_to_1() {
    let tmp = tempfile::tempdir().unwrap();
    bin()
        .args([
            "gen",
            "--count",
            "1",
            "--seed",
            "1",
            "--defect-rate",
            "1.5",
            "-o",
        ])
        .arg(tmp.path().join("x.ndjson"))
        .assert()
        .code(2)
        .stderr(contains("--defect-rate"));
}
