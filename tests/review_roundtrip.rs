//! The fix list goes out and comes back: `check` writes 整改清单-全部.xlsx, an assessor fills 复核结果
//! (驳回 on every finding of one unit) in Excel, and `score --review` reads that very workbook back.
//! Rejecting every finding of a unit gives it full marks; the other units keep their scores.

use std::path::Path;

use assert_cmd::Command;
use calamine::{Data, Reader, Xlsx, open_workbook};
use serde_json::Value;

fn zwfw() -> Command {
    Command::cargo_bin("zwfw-audit").unwrap()
}

fn scores(path: &Path) -> Vec<(String, f64, Option<f64>)> {
    let r: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    r["scores"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["unit"].as_str().unwrap().to_owned(),
                s["score"].as_f64().unwrap(),
                s["reviewed_score"].as_f64(),
            )
        })
        .collect()
}

#[test]
fn an_assessor_rejects_one_units_findings_in_the_exported_fix_list() {
    let dir = tempfile::tempdir().unwrap();
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/exports/sample.xlsx");
    zwfw()
        .arg("check")
        .arg(&sample)
        .args(["-q", "--format", "json,xlsx", "-o"])
        .arg(dir.path())
        .assert()
        .code(1);

    // The assessor's copy: the same 问题清单, with 驳回 in 复核结果 on every row of one unit.
    let unit = "贵池区";
    let mut wb: Xlsx<_> = open_workbook(dir.path().join("整改清单-全部.xlsx")).unwrap();
    let sheet = wb.worksheet_range("问题清单").unwrap();
    let rows: Vec<Vec<String>> = sheet
        .rows()
        .map(|r| r.iter().map(Data::to_string).collect())
        .collect();
    let header = &rows[0];
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no column {name}"))
    };
    let (review, code) = (col("复核结果"), col("实施编码"));
    let report: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("report.json")).unwrap())
            .unwrap();
    let unit_codes: Vec<&str> = report["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["unit"] == unit)
        .map(|i| i["code"].as_str().unwrap())
        .collect();
    let mut out = rust_xlsxwriter::Workbook::new();
    let ws = out.add_worksheet();
    ws.set_name("问题清单").unwrap();
    let mut rejected = 0;
    for (r, row) in rows.iter().enumerate() {
        for (c, value) in row.iter().enumerate() {
            let value = if r > 0 && c == review && unit_codes.contains(&row[code].as_str()) {
                rejected += 1;
                "驳回"
            } else {
                value.as_str()
            };
            ws.write_string(r as u32, c as u16, value).unwrap();
        }
    }
    assert!(rejected > 0, "the sample has findings in {unit}");
    let returned = dir.path().join("复核-整改清单.xlsx");
    out.save(&returned).unwrap();

    let scored = dir.path().join("scored.json");
    let run = zwfw()
        .arg("score")
        .arg(dir.path().join("report.json"))
        .arg("--review")
        .arg(&returned)
        .arg("-o")
        .arg(&scored)
        .assert()
        .success();
    // 贵池区 lacked one element of a 公共服务事项 (编制完整 0.4); the review rejected that finding
    // too, so its 0.1 comes back, and the table says so beside the reviewed score.
    let table = String::from_utf8(run.get_output().stdout.clone()).unwrap();
    assert!(table.contains("复核后编制完整"), "{table}");
    let line = table
        .lines()
        .find(|l| l.starts_with(unit))
        .unwrap_or_else(|| panic!("no row of {unit}: {table}"));
    assert!(
        line.contains("权力0.5 公共服务0.4") && line.contains("权力0.5 公共服务0.5"),
        "{line}"
    );
    // Both scores are out of the unit's full marks (8 for a county), as the table's 得分 says.
    let out_of_8 = line.split_whitespace().filter(|w| w.ends_with("/8"));
    assert_eq!(out_of_8.count(), 2, "{line}");
    for (name, score, reviewed) in scores(&scored) {
        let reviewed = reviewed.expect("every unit has a reviewed score");
        if name == unit {
            assert!(score < 8.0, "{unit} had findings");
            assert!(
                (reviewed - 8.0).abs() < 1e-9,
                "{unit}: every finding rejected gives full marks, got {reviewed}"
            );
        } else {
            assert!(
                (reviewed - score).abs() < 1e-9,
                "{name}: nothing rejected, score unchanged"
            );
        }
    }

    // The scored report keeps the decisions: its fix lists show 驳回 on that unit's rows and
    // nothing on the others', and scoring with the re-rendered list gives the same scores.
    let scored_report: Value =
        serde_json::from_str(&std::fs::read_to_string(&scored).unwrap()).unwrap();
    let decided = scored_report["review"]["findings"].as_array().unwrap();
    assert_eq!(decided.len(), rejected);
    assert!(decided.iter().all(|d| d["decision"] == "rejected"));
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("schema/report.schema.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    assert!(validator.is_valid(&scored_report));
    let rendered = dir.path().join("rendered");
    zwfw()
        .arg("report")
        .arg(&scored)
        .args(["-q", "--format", "xlsx,html", "-o"])
        .arg(&rendered)
        .assert()
        .success();
    let page = std::fs::read_to_string(rendered.join("report.html")).unwrap();
    assert_eq!(page.matches("复核：驳回").count(), rejected);
    assert!(page.contains("复核后 权力 0.5；公共服务 0.5"));
    // 汇总 of the assessors' workbook: 编制完整 before and after the review, side by side.
    let mut wb: Xlsx<_> = open_workbook(rendered.join("整改清单-全部.xlsx")).unwrap();
    let summary: Vec<Vec<String>> = wb
        .worksheet_range("汇总")
        .unwrap()
        .rows()
        .map(|r| r.iter().map(Data::to_string).collect())
        .collect();
    let head = summary
        .iter()
        .position(|r| r.first().is_some_and(|c| c == "单位"))
        .expect("the unit table");
    let at = |name: &str| {
        summary[head]
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no column {name}"))
    };
    let row = summary
        .iter()
        .find(|r| r.first().is_some_and(|c| c == unit))
        .expect("贵池区 on 汇总");
    assert_eq!(row[at("编制完整")], "权力 0.5；公共服务 0.4（缺 1 项）");
    assert_eq!(row[at("复核后编制完整")], "权力 0.5；公共服务 0.5");
    let mut wb: Xlsx<_> = open_workbook(rendered.join("整改清单-全部.xlsx")).unwrap();
    let sheet = wb.worksheet_range("问题清单").unwrap();
    let shown: Vec<(String, String)> = sheet
        .rows()
        .skip(1)
        .map(|r| (r[code].to_string(), r[review].to_string()))
        .collect();
    assert_eq!(shown.len(), rows.len() - 1);
    for (c, decision) in &shown {
        let want = if unit_codes.contains(&c.as_str()) {
            "驳回"
        } else {
            ""
        };
        assert_eq!(decision, want, "{c}");
    }
    // The unit's own list, rendered from the scored report, shows the decisions too: the unit
    // sees which of its findings were 驳回 (an unscored unit list has no 复核结果 column).
    let mut wb: Xlsx<_> = open_workbook(rendered.join(format!("整改清单-{unit}.xlsx"))).unwrap();
    let own = wb.worksheet_range("问题清单").unwrap();
    let own_header: Vec<String> = own
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(Data::to_string)
        .collect();
    let own_review = own_header
        .iter()
        .position(|h| h == "复核结果")
        .expect("复核结果");
    assert!(own.rows().skip(1).all(|r| r[own_review] == "驳回"));
    assert!(own.height() > 1);
    let again = dir.path().join("scored-again.json");
    zwfw()
        .arg("score")
        .arg(dir.path().join("report.json"))
        .arg("--review")
        .arg(rendered.join("整改清单-全部.xlsx"))
        .args(["-q", "-o"])
        .arg(&again)
        .assert()
        .success();
    assert_eq!(scores(&again), scores(&scored));
}
