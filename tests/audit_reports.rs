//! `zwfw-audit audit` writes every report format next to `report.json` (JSON, the Excel fix
//! lists, HTML, CSV) with the history columns, over the three fixture nights.

use std::io::Cursor;
use std::path::Path;

use assert_cmd::Command;
use calamine::{Reader, Xlsx, open_workbook_from_rs};
use zwfw_audit::report::fixlist::{FINGERPRINT_HEADER, HEADERS, REVIEW_COLUMN, STATUS_HEADER};

mod nightly_support;
use nightly_support::fixture;

mod common {
    pub mod workbook;
}
use common::workbook::{col, save_sheet, sheet_rows};

fn workdir() -> tempfile::TempDir {
    nightly_support::workdir("")
}

fn audit(dir: &Path, night: u32, id: &str, at: &str) {
    nightly_support::audit(dir, id, at)
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

/// The night the unit reworded a failing address (still failing) and 池州市人力资源和社会保障局
/// was renamed 池州市人力资源社会保障局 in the export, with one of its problems fixed the same
/// night. Nothing is 新增 and nothing 已整改; the terminal, report.json, the HTML, the 汇总 of
/// the all-units workbook and findings.csv give the same counts; the rows say what changed; the
/// fixed problem of the renamed unit is 已移除 with a true reason; the waiver given to the old
/// text names the new 指纹.
#[test]
fn a_reworded_address_and_a_renamed_unit_agree_in_every_report() {
    const RS: &str = "池州市人力资源和社会保障局";
    const RS_NOW: &str = "池州市人力资源社会保障局";
    const BEFORE: &str = "池州市长江中路89号池州市政务服务中心";
    const AFTER: &str = "池州市政务服务中心";
    let dir = nightly_support::workdir_with(
        "inputs = [\"exports/池州市.json\"]\nreplies = [\"回复\"]",
        &["B09", "B13", "B14", "B15"],
    );
    let d = dir.path();
    let export = d.join("exports/池州市.json");
    let run = |id: &str, at: &str| {
        let out = Command::cargo_bin("zwfw-audit")
            .unwrap()
            .current_dir(d)
            .args([
                "audit",
                "--run-id",
                id,
                "--at",
                at,
                "--fail-on-new",
                "error",
            ])
            .assert()
            .get_output()
            .clone();
        (out.status.code(), String::from_utf8(out.stdout).unwrap())
    };
    nightly_support::write_night1_with(&export, |item| match item["name"].as_str().unwrap() {
        "食品经营许可（新办）" => item["address"] = BEFORE.into(),
        "职业资格证书补发" => item["consult_phone"] = "3356790".into(),
        _ => {}
    });
    assert_eq!(run("n1", "2026-11-20T02:00:00+08:00").0, Some(1));
    let r1 = report_json(&d.join("reports/n1"));
    let b09 = r1["history"]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["rule"] == "B09")
        .unwrap()["fingerprint"]
        .as_str()
        .unwrap()
        .to_owned();
    Command::cargo_bin("zwfw-audit")
        .unwrap()
        .current_dir(d)
        .args(["audit", "waive", &b09, "--reason", "地址待省平台统一修改"])
        .args(["--until", "2099-12-31"])
        .assert()
        .success();
    // The unit answers the address problem in its returned list.
    let list_name = "整改清单-池州市市场监督管理局.xlsx";
    let mut rows = sheet_rows(&d.join("reports/n1").join(list_name), "问题清单");
    let (rule, fix) = (col(&rows[0], "规则"), col(&rows[0], "整改情况"));
    let answer = "已联系大厅，窗口号待确定后补充";
    rows.iter_mut().find(|r| r[rule] == "B09").unwrap()[fix] = answer.into();
    std::fs::create_dir(d.join("回复")).unwrap();
    save_sheet(&d.join("回复").join(list_name), "问题清单", &rows);

    nightly_support::write_night1_with(&export, |item| {
        if item["subject"] == RS {
            item["subject"] = RS_NOW.into();
        }
        match item["name"].as_str().unwrap() {
            "食品经营许可（新办）" => item["address"] = AFTER.into(),
            "职业资格证书补发" => item["consult_phone"] = "3356790".into(),
            "失业保险金申领" => item["supervise_phone"] = "0566-3356000".into(),
            _ => {}
        }
    });
    let (code, said) = run("n2", "2026-11-21T02:00:00+08:00");
    assert_eq!(code, Some(0), "nothing new: {said}");
    assert!(
        said.contains("新增 0 条、已整改 0 条、未整改 7 条、已移除 1 条"),
        "{said}"
    );
    assert!(
        said.contains(&format!(
            "注意: 1 条问题的实施编码、规则、原文与上次相同，只是考核单位由「{RS}」变为「{RS_NOW}」"
        )),
        "{said}"
    );
    let run_dir = d.join("reports/n2");
    let r2 = report_json(&run_dir);
    let b09_now = r2["history"]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["rule"] == "B09")
        .unwrap();
    assert_eq!(b09_now["status"], "persisting");
    assert_eq!(b09_now["age_days"], 1);
    assert_eq!(b09_now["carried"]["fingerprint"], b09.as_str());
    assert_eq!(b09_now["carried"]["evidence"], BEFORE);
    let b09_now = b09_now["fingerprint"].as_str().unwrap();
    assert!(
        said.contains(&format!(
            "豁免未匹配任何问题: {b09} — 地址待省平台统一修改；这条问题原文已改，仍未整改，现在的指纹是 {b09_now}"
        )),
        "{said}"
    );

    // Every report gives the same counts: (新增, 未整改, 已整改, 已移除).
    let expect = (0, 7, 0, 1);
    let units = r2["history"]["units"].as_array().unwrap();
    let sum = |key: &str| units.iter().map(|u| u[key].as_u64().unwrap()).sum::<u64>();
    assert_eq!(
        (sum("new"), sum("persisting"), sum("fixed"), sum("gone")),
        expect,
        "report.json"
    );

    let summary = sheet_rows(&run_dir.join("整改清单-全部.xlsx"), "汇总");
    let start = summary
        .iter()
        .position(|r| r.first().is_some_and(|c| c == "单位") && r.iter().any(|c| c == "已整改"))
        .expect("the 与上次运行对比 table");
    let header = &summary[start];
    let rows: Vec<&Vec<String>> = summary[start + 1..]
        .iter()
        .take_while(|r| r.first().is_some_and(|c| !c.is_empty()))
        .collect();
    let total = |name: &str| -> u64 {
        let c = col(header, name);
        rows.iter().map(|r| r[c].parse::<u64>().unwrap()).sum()
    };
    assert_eq!(
        (
            total("新增"),
            total("未整改"),
            total("已整改"),
            total("已移除")
        ),
        expect,
        "汇总: {rows:?}"
    );
    assert!(
        rows.iter().any(|r| r[0] == RS),
        "the renamed unit's old name: {rows:?}"
    );

    let page = std::fs::read_to_string(run_dir.join("report.html")).unwrap();
    assert!(
        page.contains(
            "<span class=\"st new\">0</span> · <span class=\"st fixed\">0</span> · <span class=\"st persisting\">7</span>"
        ),
        "HTML totals"
    );
    assert!(page.contains("共 1 条（已整改 0 条，已移除 1 条）"));
    let note = format!("原文已改，但仍不符合要求：上次「{BEFORE}」，本次「{AFTER}」");
    assert!(page.contains(&note), "HTML row note");
    let units_table = &page[page.find("<table class=\"units\">").unwrap()..];
    let units_table = &units_table[..units_table.find("</table>").unwrap()];
    assert!(
        units_table.contains(&format!("<td>{RS}</td>")),
        "{units_table}"
    );

    let csv = std::fs::read_to_string(run_dir.join("findings.csv")).unwrap();
    let mut r = csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let header: Vec<String> = r.headers().unwrap().iter().map(str::to_owned).collect();
    let (state, advice, rule) = (
        col(&header, "状态"),
        col(&header, "整改建议"),
        col(&header, "规则"),
    );
    let records: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    let count = |s: &str| records.iter().filter(|r| r[state].starts_with(s)).count() as u64;
    assert_eq!(
        (
            count("新增"),
            count("未整改"),
            count("已整改"),
            count("已移除")
        ),
        expect,
        "findings.csv"
    );
    let b09_row = records.iter().find(|r| &r[rule] == "B09").unwrap();
    assert!(b09_row[advice].starts_with(&note), "{}", &b09_row[advice]);
    let gone = records
        .iter()
        .find(|r| r[state].starts_with("已移除"))
        .unwrap();
    assert!(
        gone[advice].starts_with(&format!("事项仍在本次导出中，但考核单位已改为「{RS_NOW}」")),
        "{}",
        &gone[advice]
    );
    let moved = records
        .iter()
        .find(|r| r[state].starts_with("未整改") && r[advice].starts_with("上次记在"))
        .expect("the moved problem says so");
    assert!(moved[advice].starts_with(&format!("上次记在「{RS}」名下")));

    // The unit's own list says it too, with the answer it gave to the old text.
    let list = sheet_rows(&run_dir.join(list_name), "问题清单");
    let (rule, advice, fix) = (
        col(&list[0], "规则"),
        col(&list[0], "整改建议"),
        col(&list[0], "整改情况"),
    );
    let row = list.iter().find(|r| r[rule] == "B09").unwrap();
    assert!(row[advice].starts_with(&note), "{}", row[advice]);
    assert_eq!(row[fix], answer);
}

fn report_json(dir: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(dir.join("report.json")).unwrap()).unwrap()
}
