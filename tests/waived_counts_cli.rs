//! A waived finding is left out of the error counts everywhere a nightly run gives them: the
//! 单位得分 table of the fix lists (全部 and the unit's own) and the HTML 概况, as in the summary
//! and the history.

use std::path::Path;

use assert_cmd::Command;

mod nightly_support;

mod common {
    pub mod workbook;
}
use common::workbook::sheet_rows;

/// The 错误（全部事项）or 错误 cell of `unit`'s row in the 单位得分 table of 汇总.
fn unit_errors(workbook: &Path, unit: &str) -> String {
    let rows = sheet_rows(workbook, "汇总");
    let header = rows
        .iter()
        .position(|r| r.iter().any(|c| c.starts_with("错误")) && r[0] == "单位")
        .unwrap_or_else(|| panic!("no unit table in {rows:?}"));
    let col = rows[header]
        .iter()
        .position(|c| c.starts_with("错误"))
        .unwrap();
    rows[header + 1..]
        .iter()
        .find(|r| r[0] == unit)
        .unwrap_or_else(|| panic!("no row for {unit}"))[col]
        .clone()
}

#[test]
fn a_waived_error_is_left_out_of_the_unit_tables() {
    let dir = nightly_support::workdir("");
    let d = dir.path();
    nightly_support::audit(d, "n1", "2026-11-20T02:00:00+08:00")
        .assert()
        .success();
    let r1 = nightly_support::report(d, "n1");
    let unit = "池州市市场监督管理局";
    let history = r1["history"]["findings"].as_array().unwrap();
    let error = history
        .iter()
        .find(|h| h["unit"] == unit && h["severity"] == "error")
        .expect("an error of the unit");
    let fingerprint = error["fingerprint"].as_str().unwrap();
    let before = unit_errors(&d.join("reports/n1/整改清单-全部.xlsx"), unit);
    Command::cargo_bin("zwfw-audit")
        .unwrap()
        .current_dir(d)
        .args(["audit", "waive", fingerprint, "--reason", "省平台统一配置"])
        .args(["--until", "2026-12-31"])
        .assert()
        .success();
    nightly_support::audit(d, "n2", "2026-11-21T02:00:00+08:00")
        .assert()
        .success();
    let expected = (before.parse::<usize>().unwrap() - 1).to_string();
    let r2 = nightly_support::report(d, "n2");
    let units = r2["history"]["units"].as_array().unwrap();
    let h = units.iter().find(|u| u["unit"] == unit).unwrap();
    assert_eq!(h["errors"].to_string(), expected, "the history's count");
    for file in ["整改清单-全部.xlsx", &format!("整改清单-{unit}.xlsx")] {
        assert_eq!(
            unit_errors(&d.join("reports/n2").join(file), unit),
            expected,
            "{file}"
        );
    }
    // The HTML 概况: the cell under 错误（全部事项）.
    let html = std::fs::read_to_string(d.join("reports/n2/report.html")).unwrap();
    let head = html
        .split("<thead>")
        .find(|t| t.contains("<th>单位</th><th>类型</th>"))
        .expect("the units table");
    let col = head
        .split("<th")
        .skip(1)
        .position(|th| th.trim_start_matches(|c| c != '>').starts_with(">错误"))
        .expect("an errors column");
    let row = html
        .split("<tr")
        .find(|r| r.contains(&format!(">{unit}</td><td>市直部门")))
        .expect("the unit's row in 概况");
    let cells: Vec<&str> = row
        .split("<td")
        .skip(1)
        .map(|c| {
            let c = c.trim_start_matches(|c| c != '>');
            c[1..].split('<').next().unwrap()
        })
        .collect();
    assert_eq!(cells[col], expected, "{row}");
}
