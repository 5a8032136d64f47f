//! `zwfw-audit audit` on a night whose export lost a sheet or a key column (the export template
//! changed): the run is 输入不完整 and no baseline, so the next night, with the export whole
//! again, compares with the last whole night and nothing turns 已整改 and then 新增 at 0 days.
//! An element emptied on one item, or one the baseline had on a single item, is an edit, not a
//! lost column; and one lost three days in a row is taken as left out on purpose.

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::PredicateBooleanExt;
use predicates::str::contains;

mod nightly_support;

/// A working folder whose configuration names `exports/事项.xlsx` (or `input`), every rule on.
fn workdir(input: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("zwfw-audit.toml"),
        format!("[audit]\ninputs = [{input:?}]\n"),
    )
    .unwrap();
    std::fs::create_dir_all(dir.path().join("exports")).unwrap();
    dir
}

/// The first night of an audit of `exports/night.json`: night 1's items with `edit` applied,
/// audited as run n1. The folder and the export's path, for the nights after.
fn first_json_night(
    edit: impl Fn(&mut serde_json::Value),
) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = workdir("exports/night.json");
    let file = dir.path().join("exports/night.json");
    nightly_support::write_night1_with(&file, edit);
    nightly_support::audit(dir.path(), "n1", "2026-11-20T02:00:00+08:00")
        .assert()
        .success();
    (dir, file)
}

/// The statuses of the run's history, by 指纹.
fn statuses(report: &serde_json::Value) -> Vec<(String, String)> {
    report["history"]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            (
                h["fingerprint"].as_str().unwrap().to_owned(),
                h["status"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

const CODES: [&str; 3] = [
    "11341700MB1528406Q3000117001000",
    "11341700MB1528406Q3000117002000",
    "11341700MB1528406Q3000117003000",
];

/// An export of three items: an item sheet and, with `materials`, a 申请材料 sheet.
fn export(path: &Path, materials: bool) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet().set_name("事项基本信息").unwrap();
    let header = [
        "实施编码",
        "事项名称",
        "实施主体",
        "行政区划代码",
        "办理地点",
        "办理时间",
        "咨询电话",
        "监督电话",
    ];
    for (c, h) in header.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (r, code) in CODES.iter().enumerate() {
        let row = [
            *code,
            ["食品经营许可", "药品零售许可", "特种设备使用登记"][r],
            "池州市市场监督管理局",
            "341700",
            "池州市长江中路1号市政务服务中心二楼12号窗口",
            "周一至周五 上午8:30-12:00，下午14:30-17:30（法定节假日除外）",
            "0566-2021234",
            "0566-12345",
        ];
        for (c, v) in row.iter().enumerate() {
            ws.write_string(r as u32 + 1, c as u16, *v).unwrap();
        }
    }
    if materials {
        let ws = wb.add_worksheet().set_name("申请材料").unwrap();
        for (c, h) in ["实施编码", "材料名称", "材料来源"].iter().enumerate() {
            ws.write_string(0, c as u16, *h).unwrap();
        }
        for (r, code) in CODES.iter().enumerate() {
            ws.write_string(r as u32 + 1, 0, *code).unwrap();
            ws.write_string(r as u32 + 1, 1, "申请书").unwrap();
            ws.write_string(r as u32 + 1, 2, "申请人自备").unwrap();
        }
    }
    wb.save(path).unwrap();
}

/// The 申请材料 sheet lost for a night: 输入不完整 (with `-q` too), named in the HTML and on 汇总;
/// the next night compares with the last whole night, so nothing is 新增 or 已整改.
#[test]
fn a_night_without_the_materials_sheet_is_incomplete_and_no_baseline() {
    let dir = workdir("exports/事项.xlsx");
    let d = dir.path();
    let file = d.join("exports/事项.xlsx");
    export(&file, true);
    nightly_support::audit(d, "n1", "2026-11-20T02:00:00+08:00")
        .assert()
        .success();
    export(&file, false);
    nightly_support::audit(d, "n2", "2026-11-21T02:00:00+08:00")
        .arg("-q")
        .assert()
        .success()
        .stdout(contains("注意: 运行 n2 的输入不完整"))
        .stdout(contains(
            "「申请材料」：对比运行 n1 从这个文件读到 3 个事项的「申请材料」",
        ));
    let html = std::fs::read_to_string(d.join("reports/n2/report.html")).unwrap();
    assert!(html.contains("输入不完整"), "the HTML says so");
    let r2 = nightly_support::report(d, "n2");
    assert!(
        r2["history"]["input_problems"][0]
            .as_str()
            .unwrap()
            .contains("申请材料"),
        "{}",
        r2["history"]
    );
    Command::cargo_bin("zwfw-audit")
        .unwrap()
        .current_dir(d)
        .args(["audit", "runs"])
        .assert()
        .success()
        .stdout(contains("已完成（输入不完整）"));
    // The sheet is back: compared with n1, the same findings, none new, none fixed.
    export(&file, true);
    nightly_support::audit(d, "n3", "2026-11-22T02:00:00+08:00")
        .assert()
        .success()
        .stdout(contains("的输入不完整").not());
    let r3 = nightly_support::report(d, "n3");
    assert_eq!(r3["history"]["baseline"]["id"], "n1");
    let s3 = statuses(&r3);
    assert!(
        s3.iter().all(|(_, s)| s == "persisting"),
        "compared with n1: {s3:?}"
    );
    assert_eq!(
        s3.iter().map(|(f, _)| f).collect::<Vec<_>>(),
        statuses(&nightly_support::report(d, "n1"))
            .iter()
            .map(|(f, _)| f)
            .collect::<Vec<_>>()
    );
}

/// The 咨询电话 column gone from every item of a JSON export: incomplete, so the phone findings
/// of the baseline are not 已整改; three days in a row, it is taken as left out on purpose.
#[test]
fn a_column_lost_is_incomplete_until_three_days_in_a_row() {
    let (dir, file) = first_json_night(|_| {});
    let d = dir.path();
    nightly_support::write_night1_with(&file, |item| {
        item.as_object_mut().unwrap().remove("consult_phone");
    });
    for (id, at) in [
        ("n2", "2026-11-21T02:00:00+08:00"),
        ("n3", "2026-11-22T02:00:00+08:00"),
    ] {
        nightly_support::audit(d, id, at)
            .arg("-q")
            .assert()
            .success()
            .stdout(contains(format!("注意: 运行 {id} 的输入不完整")))
            .stdout(contains("「咨询电话」：对比运行 n1"));
        assert_eq!(
            nightly_support::report(d, id)["history"]["baseline"]["id"],
            "n1"
        );
    }
    // The third day: left out on purpose, said, and a baseline again.
    nightly_support::audit(d, "n4", "2026-11-23T02:00:00+08:00")
        .arg("-q")
        .assert()
        .success()
        .stdout(contains("的输入不完整").not())
        .stdout(contains("按导出中有意去掉处理"));
    nightly_support::write_night1_with(&file, |item| {
        item.as_object_mut().unwrap().remove("consult_phone");
    });
    nightly_support::audit(d, "n5", "2026-11-24T02:00:00+08:00")
        .assert()
        .success();
    assert_eq!(
        nightly_support::report(d, "n5")["history"]["baseline"]["id"],
        "n4"
    );
}

/// Edits, not lost columns: one item's phone emptied while the others keep theirs, and a list
/// only one item of the baseline had (its one FAQ deleted). The night is a baseline.
#[test]
fn an_element_emptied_on_some_items_only_is_no_lost_column() {
    let dir = workdir("exports/night.json");
    let d = dir.path();
    let file = d.join("exports/night.json");
    let first = "11341700MB1528406Q3000117001000";
    nightly_support::write_night1_with(&file, |item| {
        if item["code"] == first {
            item["faqs"] = serde_json::json!([{"question": "要带什么？", "answer": "身份证"}]);
        }
    });
    nightly_support::audit(d, "n1", "2026-11-20T02:00:00+08:00")
        .assert()
        .success();
    nightly_support::write_night1_with(&file, |item| {
        if item["code"] == first {
            item.as_object_mut().unwrap().remove("consult_phone");
        }
    });
    nightly_support::audit(d, "n2", "2026-11-21T02:00:00+08:00")
        .arg("-q")
        .assert()
        .success()
        .stdout(contains("的输入不完整").not());
    nightly_support::audit(d, "n3", "2026-11-22T02:00:00+08:00")
        .assert()
        .success();
    assert_eq!(
        nightly_support::report(d, "n3")["history"]["baseline"]["id"],
        "n2"
    );
}

/// Whether run `id` in `d` was told its input is incomplete, with `-q`.
fn incomplete(d: &Path, id: &str, at: &str) -> bool {
    let out = nightly_support::audit(d, id, at)
        .arg("-q")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).unwrap().contains("的输入不完整")
}

/// Items `first` and the next charge fees (h36).
fn with_fees(item: &mut serde_json::Value) {
    if item["code"] == CODES_JSON[0] || item["code"] == CODES_JSON[1] {
        item["charged"] = "是".into();
        item["fees"] = serde_json::json!([
            {"name": "工本费", "standard": "每证10元", "basis": "《池州市收费标准》第三条"}
        ]);
    }
}

/// The night-1 fixture's first two 实施编码.
const CODES_JSON: [&str; 2] = [
    "11341700MB1528406Q3000117001000",
    "11341700MB1528406Q3000117001001",
];

/// Fees abolished: the items that had them now say 是否收费 否 and the exporter leaves the
/// `fees` key out. Nothing was lost: the night is complete and a baseline (h36: it was
/// 输入不完整, and the next night reported the same errors 新增 with `--fail-on-new error`).
/// The same fees gone while the items still say 是 are lost, as before.
#[test]
fn fees_abolished_with_charged_no_are_no_lost_list() {
    let (dir, file) = first_json_night(with_fees);
    let d = dir.path();
    nightly_support::write_night1_with(&file, |item| {
        if item["code"] == CODES_JSON[0] || item["code"] == CODES_JSON[1] {
            item["charged"] = "否".into();
        }
    });
    assert!(!incomplete(d, "n2", "2026-11-21T02:00:00+08:00"));
    assert!(!incomplete(d, "n3", "2026-11-22T02:00:00+08:00"));
    assert_eq!(
        nightly_support::report(d, "n3")["history"]["baseline"]["id"],
        "n2"
    );
    // Fees gone while both items still say they charge: the list was lost.
    let (dir, file) = first_json_night(with_fees);
    let d = dir.path();
    nightly_support::write_night1_with(&file, |item| {
        if item["code"] == CODES_JSON[0] || item["code"] == CODES_JSON[1] {
            item["charged"] = "是".into();
        }
    });
    assert!(incomplete(d, "n2", "2026-11-21T02:00:00+08:00"));
    // One of the two says 否, the other still 是 with no fee: an edit of one item, no lost list.
    nightly_support::write_night1_with(&file, |item| {
        if item["code"] == CODES_JSON[0] {
            item["charged"] = "否".into();
        } else if item["code"] == CODES_JSON[1] {
            item["charged"] = "是".into();
        }
    });
    assert!(!incomplete(d, "n3", "2026-11-22T02:00:00+08:00"));
}

/// Items handed down with all their rows (their FAQs) from the city's file to a county's: the
/// city's file has no FAQ tonight, but the items that had them are read from the county's file.
/// Nothing was lost (h36: 池州市.xlsx 「中介服务」 was flagged lost). FAQs gone from items that
/// stay in the city's file are lost, as before.
#[test]
fn items_moved_to_another_file_with_their_lists_lose_nothing() {
    let faq = |item: &mut serde_json::Value| {
        if item["code"] == CODES_JSON[0] || item["code"] == CODES_JSON[1] {
            item["faqs"] = serde_json::json!([
                {"question": "食品经营许可证遗失了怎么办？", "answer": "携带身份证到市政务服务中心二楼12号窗口申请补办。"}
            ]);
        }
    };
    let moved =
        |item: &serde_json::Value| item["code"] == CODES_JSON[0] || item["code"] == CODES_JSON[1];
    let county = |item: &serde_json::Value| item["code"].as_str().unwrap().starts_with("11341702");
    // The night's two files, the items for which `in_county` says so in the county's.
    let write = |d: &Path, in_county: &dyn Fn(&serde_json::Value) -> bool, faqs: bool| {
        for (name, county_file) in [("池州市.json", false), ("贵池区.json", true)] {
            let path = d.join("exports").join(name);
            nightly_support::write_night1_with(&path, |i| {
                if faqs {
                    faq(i);
                }
            });
            let mut night: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            night["items"]
                .as_array_mut()
                .unwrap()
                .retain(|i| in_county(i) == county_file);
            std::fs::write(&path, serde_json::to_string_pretty(&night).unwrap()).unwrap();
        }
    };
    let dir = workdir("exports");
    let d = dir.path();
    write(d, &county, true);
    nightly_support::audit(d, "n1", "2026-11-20T02:00:00+08:00")
        .assert()
        .success();
    write(d, &|i| county(i) || moved(i), true);
    assert!(!incomplete(d, "n2", "2026-11-21T02:00:00+08:00"));
    // The same items staying in the city's file without their FAQs: lost.
    let dir = workdir("exports");
    let d = dir.path();
    write(d, &county, true);
    nightly_support::audit(d, "n1", "2026-11-20T02:00:00+08:00")
        .assert()
        .success();
    write(d, &county, false);
    assert!(incomplete(d, "n2", "2026-11-21T02:00:00+08:00"));
}

/// The materials of every item gone from a JSON export (the key left out by a changed template):
/// the night is incomplete, and the baseline's material problems are 已移除 (not checked), not
/// 已整改, as when the workbook's 申请材料 sheet is left out (h36).
#[test]
fn a_lost_list_leaves_its_baseline_problems_unchecked_not_fixed() {
    let (dir, file) = first_json_night(|item| {
        item["materials"] = serde_json::json!([{"name": "申请书（复印件或原件）"}]);
    });
    let d = dir.path();
    let r1 = nightly_support::report(d, "n1");
    let material_rules: Vec<String> = r1["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_owned())
        .filter(|r| r.starts_with('M'))
        .collect();
    assert!(!material_rules.is_empty(), "{}", r1["findings"]);
    nightly_support::write_night1_with(&file, |_| {});
    assert!(incomplete(d, "n2", "2026-11-21T02:00:00+08:00"));
    let r2 = nightly_support::report(d, "n2");
    let mut gone = 0;
    for h in r2["history"]["findings"].as_array().unwrap() {
        if h["rule"].as_str().unwrap().starts_with('M') && h["status"] != "new" {
            assert_eq!(h["status"], "gone", "{h}");
            gone += 1;
        }
    }
    assert!(gone > 0, "{}", r2["history"]);
}
