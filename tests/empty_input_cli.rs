//! Exports that hold no item at all — a file of 0 bytes, an empty JSON array, an NDJSON file of
//! blank lines, a table with its header and nothing under it — stop `check` and `audit` with exit
//! 2 and a Chinese message that names the file, says what is missing and what to do (export
//! again), whether the check streams or reads into memory.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use assert_cmd::Command;
use predicates::prelude::PredicateBooleanExt;
use predicates::str::contains;
use rust_xlsxwriter::Workbook;

fn bin(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("zwfw-audit").unwrap();
    cmd.current_dir(dir);
    cmd
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// Each failed audit stays in the history store as incomplete: every run needs its own id.
static RUNS: AtomicUsize = AtomicUsize::new(0);

/// `check FILE` and `audit --input FILE` both fail with exit 2, and their stderr holds each of
/// `words` and none of `not`. Returns `check`'s stderr.
fn both_refuse(dir: &Path, name: &str, words: &[&str], not: &[&str]) -> String {
    let check = bin(dir)
        .args(["check", name, "--run-id", "c1", "--format", "json"])
        .assert()
        .code(2);
    let run_id = format!("a{}", RUNS.fetch_add(1, Ordering::Relaxed));
    let audit = bin(dir)
        .args(["audit", "--input", name, "--run-id", &run_id])
        .args(["--at", "2026-11-20T02:00:00+08:00"])
        .assert()
        .code(2);
    let mut check_err = String::new();
    for (cmd, out) in [("check", check), ("audit", audit)] {
        let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
        for w in words {
            assert!(err.contains(w), "{cmd} {name}: missing {w:?} in\n{err}");
        }
        for w in not {
            assert!(!err.contains(w), "{cmd} {name}: unexpected {w:?} in\n{err}");
        }
        // Never a message that stops at a colon with nothing after it.
        assert!(
            err.lines().all(|l| !l.trim_end().ends_with(':')),
            "{cmd} {name}: {err}"
        );
        if cmd == "check" {
            check_err = err;
        }
    }
    check_err
}

#[test]
fn an_empty_json_array_names_the_file_and_says_the_array_is_empty() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "池州市事项.json", b"[]\n");
    both_refuse(
        d,
        "池州市事项.json",
        &[
            "池州市事项.json 中没有事项（JSON 数组是空的）",
            "导出还没完成",
        ],
        &[],
    );
    // The documented wrapper, written on one line as platforms do, is not read as one blank item.
    write(d, "包装.json", b"{\"total\": 0, \"items\": []}\n");
    both_refuse(
        d,
        "包装.json",
        &["包装.json 中没有事项（\"items\" 数组是空的）"],
        &["B01"],
    );
}

#[test]
fn an_ndjson_file_without_records_is_said_to_be_empty_when_streamed() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // `check` streams .ndjson inputs; `audit` reads them into memory: both say the same.
    write(d, "空行.ndjson", b"\n\r\n  \n");
    both_refuse(
        d,
        "空行.ndjson",
        &["空行.ndjson 中没有事项（文件里只有空行，没有一行记录）"],
        &[],
    );
    write(d, "零字节.ndjson", b"");
    both_refuse(
        d,
        "零字节.ndjson",
        &["文件 零字节.ndjson 是空的（0 字节），可能导出还没完成，请重新导出"],
        &[],
    );
}

#[test]
fn a_file_of_zero_bytes_is_said_to_be_empty_whatever_its_kind() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for name in [
        "事项导出.xlsx",
        "事项导出.xls",
        "事项导出.csv",
        "事项导出.json",
    ] {
        write(d, name, b"");
        both_refuse(
            d,
            name,
            &[&format!(
                "文件 {name} 是空的（0 字节），可能导出还没完成，请重新导出"
            )],
            &["已损坏", "格式错误", "表头应含", "JSON 语法错误"],
        );
    }
}

#[test]
fn a_table_with_a_header_and_no_rows_says_so_with_the_header_row() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "清单.csv", "实施编码,事项名称,实施主体\r\n".as_bytes());
    both_refuse(
        d,
        "清单.csv",
        &[
            "文件「清单.csv」只有表头（第 1 行：实施编码、事项名称、实施主体），下面没有事项数据行",
            "导出还没完成",
        ],
        &["表头应含"],
    );
    // A title row above the header, and a header wide enough to be an item table.
    write(
        d,
        "带标题.csv",
        "池州市贵池区政务服务事项实施清单\n实施编码,事项名称,实施主体,办理地点,承诺办结时限\n,,,,\n"
            .as_bytes(),
    );
    both_refuse(
        d,
        "带标题.csv",
        &[
            "文件「带标题.csv」只有表头（第 2 行：实施编码、事项名称、实施主体、办理地点、承诺办结时限）",
        ],
        &["表头应含"],
    );
    // In a workbook the sheet is named.
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("事项").unwrap();
    for (c, h) in ["实施编码", "事项名称", "实施主体", "办理地点"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    wb.save(d.join("导出.xlsx")).unwrap();
    both_refuse(
        d,
        "导出.xlsx",
        &["表「事项」只有表头（第 1 行：实施编码、事项名称、实施主体、办理地点）"],
        &["表头应含"],
    );
}

/// A table whose header is too narrow for an item table, with rows under it, is still told what an
/// item table's header needs (the header-only message is only for a table with nothing below).
#[test]
fn a_narrow_table_with_rows_still_gets_the_header_advice() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        "窄表.csv",
        "实施编码,事项名称,实施主体\n11341700003201234A3000111301009,食品经营许可（新办）,池州市市场监督管理局\n"
            .as_bytes(),
    );
    bin(d)
        .args(["check", "窄表.csv", "--run-id", "c1", "--format", "json"])
        .assert()
        .code(2)
        .stderr(contains("表头应含").and(contains("只有表头").not()));
}

/// An empty file beside a good one is reported and the good one is still checked.
#[test]
fn an_empty_file_beside_a_good_export_does_not_stop_the_check() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "空.json", b"[]");
    let good = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/exports/sample.json");
    let out = bin(d)
        .arg("check")
        .arg("空.json")
        .arg(&good)
        .args(["--run-id", "c1", "--format", "json", "--fail-on", "none"])
        .assert()
        .code(0);
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(d.join("reports/c1/report.json")).unwrap()).unwrap();
    assert_eq!(report["summary"]["items"], 36, "{out:?}");
    let notices = report["notices"].as_array().unwrap();
    assert!(
        notices.iter().any(|n| n["level"] == "error"
            && n["message"]
                .as_str()
                .unwrap()
                .contains("空.json 中没有事项（JSON 数组是空的）")),
        "{notices:?}"
    );
}

/// A file whose every record is unreadable (h34, j03_nulls.json: 36 records, each unreadable
/// for a `null`, and the run exited 0 having checked nothing) fails with exit 2, as a file
/// without records does, streamed or not; the report is written all the same and lists each
/// record with its reason.
#[test]
fn a_file_whose_every_record_is_unreadable_fails_with_its_report_written() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "事项.json",
        r#"[
 {"name": "食品经营许可（新办）", "code": "1134170000312541513000117035000", "materials": {"name": "食品经营许可申请书"}},
 {"name": "食品生产许可（新办）", "code": "1134170000312541513000117034000", "steps": {"name": "受理"}}
]"#
        .as_bytes(),
    );
    for (out, stream) in [("out", None), ("out-no-stream", Some("--no-stream"))] {
        let assert = bin(dir.path())
            .args(["check", "事项.json", "-o", out, "--format", "json"])
            .args(stream)
            .assert()
            .code(2);
        let err = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
        assert!(
            err.contains("没有一条事项能检查：读到的 2 条记录都无法读取"),
            "{out}: {err}"
        );
        let report: serde_json::Value = serde_json::from_slice(
            &std::fs::read(dir.path().join(out).join("report.json")).unwrap(),
        )
        .unwrap();
        assert_eq!(report["summary"]["unreadable"], 2, "{out}");
        assert_eq!(report["summary"]["checked"], 0, "{out}");
    }
}
