//! Items found again under another 考核单位: the line of the run says the unit's trend starts
//! tonight only for a unit that is new (a unit renamed), not for one that was there before (an
//! item handed to an existing unit keeps that unit's trend). A unit's own list shows only the
//! moves that concern it.

mod nightly_support;

mod common {
    pub mod workbook;
}
use common::workbook::sheet_rows;

#[test]
fn only_a_new_unit_has_its_trend_start_tonight() {
    let dir = nightly_support::workdir_with("inputs = [\"night.json\"]", &["B13", "B14", "B15"]);
    let d = dir.path();
    let file = d.join("night.json");
    nightly_support::write_night1_with(&file, |_| {});
    nightly_support::audit(d, "n1", "2026-11-20T02:00:00+08:00")
        .assert()
        .success();
    nightly_support::write_night1_with(&file, |item| {
        let code = item["code"].as_str().unwrap().to_owned();
        if code.ends_with("000117001000") {
            item["subject"] = "池州市人力资源和社会保障局".into();
        } else if code.ends_with("000117016000") {
            item["subject"] = "池州市市场监管局".into();
        }
    });
    let out = nightly_support::audit(d, "n2", "2026-11-21T02:00:00+08:00")
        .arg("-q")
        .output()
        .unwrap();
    let out = String::from_utf8(out.stdout).unwrap();
    let line = |to: &str| {
        out.lines()
            .find(|l| l.contains(&format!("变为「{to}」")))
            .unwrap_or_else(|| panic!("no line for {to}: {out}"))
            .to_owned()
    };
    let existing = line("池州市人力资源和社会保障局");
    assert!(!existing.contains("趋势从本次开始"), "{existing}");
    let renamed = line("池州市市场监管局");
    assert!(
        renamed.contains("「池州市市场监管局」的趋势从本次开始"),
        "{renamed}"
    );
    // Each unit's list: its own moves only; the all-units list: every move.
    let summary = |file: &str| -> String {
        sheet_rows(&d.join("reports/n2").join(file), "汇总")
            .concat()
            .join("\n")
    };
    let county = summary("整改清单-贵池区.xlsx");
    assert!(!county.contains("只是考核单位由"), "{county}");
    let renamed = summary("整改清单-池州市市场监管局.xlsx");
    assert!(renamed.contains("变为「池州市市场监管局」"), "{renamed}");
    assert!(
        !renamed.contains("变为「池州市人力资源和社会保障局」"),
        "{renamed}"
    );
    let all = summary("整改清单-全部.xlsx");
    assert!(
        all.contains("变为「池州市市场监管局」")
            && all.contains("变为「池州市人力资源和社会保障局」")
    );
}
