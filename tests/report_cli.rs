//! `check --format` and `report`: the output folder a run leaves behind, re-rendering a saved
//! report, and bad formats refused in Chinese.

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::PredicateBooleanExt;
use predicates::str::contains;

const DEMO: &str = "fixtures/exports/report-demo.json";

fn zwfw() -> Command {
    Command::cargo_bin("zwfw-audit").unwrap()
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn check_writes_every_format_into_the_run_folder() {
    let dir = tempfile::tempdir().unwrap();
    zwfw()
        .args([
            "check",
            DEMO,
            "--format",
            "json,xlsx,html,csv",
            "--run-id",
            "t1",
            "-o",
        ])
        .arg(dir.path())
        .assert()
        .code(1)
        .stderr(contains("报告已写入"));
    assert_eq!(
        names(dir.path()),
        [
            "findings.csv",
            "report.html",
            "report.json",
            "整改清单-东至县.xlsx",
            "整改清单-全部.xlsx",
            "整改清单-池州市人力资源和社会保障局.xlsx",
            "整改清单-池州市市场监督管理局.xlsx",
            "整改清单-贵池区.xlsx",
        ]
    );
    let html = std::fs::read_to_string(dir.path().join("report.html")).unwrap();
    // The demo's formula-shaped item name is escaped text in the page…
    assert!(html.contains("=HYPERLINK(&quot;http:&#x2f;&#x2f;evil.example&#x2f;&quot;"));
    // …and guarded in the CSV.
    let csv = std::fs::read_to_string(dir.path().join("findings.csv")).unwrap();
    assert!(csv.starts_with('\u{feff}'));
    assert!(csv.contains("\"'=HYPERLINK("), "{csv}");
}

#[test]
fn report_rerenders_a_saved_json_next_to_it() {
    let dir = tempfile::tempdir().unwrap();
    zwfw()
        .args([
            "check", DEMO, "--run-id", "t2", "--format", "json", "-q", "-o",
        ])
        .arg(dir.path())
        .assert()
        .code(1);
    assert_eq!(names(dir.path()), ["report.json"]);
    let json = dir.path().join("report.json");
    zwfw()
        .arg("report")
        .arg(&json)
        .assert()
        .success()
        .stderr(contains("整改清单-全部.xlsx"));
    let all = names(dir.path());
    for expected in [
        "findings.csv",
        "report.html",
        "整改清单-全部.xlsx",
        "整改清单-贵池区.xlsx",
    ] {
        assert!(
            all.iter().any(|n| n == expected),
            "{expected} missing from {all:?}"
        );
    }
    let original: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    let rerendered = std::fs::read_to_string(dir.path().join("report.html")).unwrap();
    assert!(rerendered.contains(original["run_id"].as_str().unwrap()));
    let findings = original["findings"].as_array().unwrap().len();
    assert!(findings > 0);
    assert!(rerendered.contains(&format!(
        "问题清单 <span class=\"dim\">共 {findings} 条</span>"
    )));

    let elsewhere = tempfile::tempdir().unwrap();
    zwfw()
        .arg("report")
        .arg(&json)
        .args(["--format", "csv", "-q", "-o"])
        .arg(elsewhere.path().join("sub"))
        .assert()
        .success();
    assert_eq!(names(&elsewhere.path().join("sub")), ["findings.csv"]);
}

#[test]
fn unknown_formats_and_bad_reports_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    zwfw()
        .args(["check", DEMO, "--format", "json,pdf", "-o"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(contains("不支持的报告格式 \"pdf\""));
    assert!(
        names(dir.path()).is_empty(),
        "nothing is written before the format is known"
    );
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, "{\"schema_version\": 99}").unwrap();
    zwfw()
        .arg("report")
        .arg(&bad)
        .assert()
        .code(2)
        .stderr(contains("报告版本"));
}

/// The fix lists' rows go to temporary files in the report's folder, not the system's: a server
/// whose temp folder is missing, full or memory (tmpfs) still gets its workbooks, and they leave
/// nothing behind.
#[test]
fn workbooks_do_not_need_the_system_temp_folder() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    zwfw()
        .env("TMPDIR", dir.path().join("no-such-folder"))
        .args([
            "check",
            DEMO,
            "--format",
            "xlsx",
            "-q",
            "--fail-on",
            "none",
            "-o",
        ])
        .arg(&out)
        .assert()
        .success();
    let names = names(&out);
    assert!(names.iter().any(|n| n == "整改清单-全部.xlsx"), "{names:?}");
    assert!(
        names
            .iter()
            .all(|n| n.starts_with("整改清单-")
                && Path::new(n).extension().is_some_and(|e| e == "xlsx")),
        "only the workbooks are left: {names:?}"
    );
}

/// Item text that carries terminal controls (an ESC sequence that clears the screen and turns
/// the text red, a CR that writes over the line) is quoted on the terminal with them shown as
/// `�`: the finding lines of `check` and the table of `score` cannot move the cursor or hide
/// what came before.
#[test]
fn control_characters_in_item_text_do_not_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("事项.json");
    std::fs::write(
        &input,
        r#"[{"name": "食品生产许可\u001b[2J\u001b[31m（新办）\r伪造", "code": "1134170000312541513000117034000",
             "subject": "池州市市场监督管理局\u001b[0m", "region_code": "341700", "consult_phone": "2021234"}]"#,
    )
    .unwrap();
    let out = dir.path().join("out");
    let run = zwfw()
        .arg("check")
        .arg(&input)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(1);
    let said = String::from_utf8(run.get_output().stderr.clone()).unwrap();
    assert!(
        said.contains("食品生产许可�[2J�[31m（新办）�伪造"),
        "{said}"
    );
    assert!(!said.contains(['\u{1b}', '\r']), "{said:?}");
    let scored = zwfw()
        .arg("score")
        .arg(out.join("report.json"))
        .arg("-o")
        .arg(dir.path().join("scored.json"))
        .assert()
        .success();
    let table = String::from_utf8(scored.get_output().stdout.clone()).unwrap();
    assert!(table.contains("池州市市场监督管理局�[0m"), "{table}");
    assert!(!table.contains('\u{1b}'), "{table:?}");
}

/// A second run into a folder used before sets aside the fix lists of units it does not have
/// (`整改清单-贵池区（旧-…）.xlsx`) and says so: left as they were, a clerk sending every 整改清单
/// in the folder sent the last run's lists as this run's. Files that are not the tool's fix
/// lists, and lists set aside before, are left alone; both the streaming and the in-memory
/// check do it.
#[test]
fn a_second_run_into_the_folder_sets_aside_fix_lists_of_units_it_lacks() {
    let dir = tempfile::tempdir().unwrap();
    zwfw()
        .args(["check", DEMO, "-q", "-o"])
        .arg(dir.path())
        .assert()
        .code(1);
    let others = [
        "整改清单说明.docx",
        "整改清单-贵池区（旧-20261101-090000）.xlsx",
        "池州市教育局回复.xlsx",
    ];
    for name in others {
        std::fs::write(dir.path().join(name), "不是本工具写的").unwrap();
    }
    for no_stream in [false, true] {
        let mut cmd = zwfw();
        cmd.args(["check", "fixtures/items/clean.json", "-o"])
            .arg(dir.path());
        if no_stream {
            cmd.arg("--no-stream");
        }
        let out = cmd.output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        let names = names(dir.path());
        assert!(names.contains(&"整改清单-池州市自然资源和规划局.xlsx".to_owned()));
        assert!(names.contains(&"整改清单-全部.xlsx".to_owned()));
        for name in others {
            assert!(names.contains(&name.to_owned()), "{name}: {names:?}");
        }
        let current: Vec<&String> = names
            .iter()
            .filter(|n| n.starts_with("整改清单-") && !n.contains("（旧-"))
            .collect();
        assert_eq!(current.len(), 2, "{names:?}");
        if no_stream {
            assert!(!stderr.contains("已改名保留"), "{stderr}");
        } else {
            assert!(
                stderr.contains("个整改清单不是本次检查的单位（整改清单-东至县.xlsx、"),
                "{stderr}"
            );
            for unit in [
                "东至县",
                "池州市人力资源和社会保障局",
                "池州市市场监督管理局",
                "贵池区",
            ] {
                assert!(
                    names
                        .iter()
                        .any(|n| n.starts_with(&format!("整改清单-{unit}（旧-2"))
                            && !n.contains("20261101")),
                    "{unit}: {names:?}"
                );
            }
        }
    }
}

/// Control characters in item text (a NUL, an escape, DEL) reach findings.csv and the page as `�`:
/// they were written raw, and a NUL is an error to the HTML parser. Tab, line feed and CR are
/// text and stay.
#[test]
fn control_characters_reach_the_csv_and_the_page_as_replacement_characters() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("事项.json");
    std::fs::write(
        &input,
        r#"[{"name": "食品生产许可\u0000（新办）\u001b[31m", "code": "1134170000312541513000117034000",
             "subject": "池州市市场监督管理局\u007f", "region_code": "341700",
             "handling_address": "池州市长江中路89号\u0001政务服务中心", "consult_phone": "2021234"}]"#,
    )
    .unwrap();
    let out = dir.path().join("out");
    zwfw()
        .args(["check", "-q", "--format", "csv,html", "-o"])
        .arg(&out)
        .arg(&input)
        .assert()
        .code(1);
    let stray =
        |c: char| matches!(c, '\0'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{7f}');
    let csv = std::fs::read_to_string(out.join("findings.csv")).unwrap();
    assert!(!csv.contains(stray), "{csv:?}");
    assert!(csv.contains("食品生产许可�（新办）�[31m"), "{csv}");
    assert!(csv.contains("\r\n"), "row ends stay");
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert!(!html.contains(stray), "a control character in the page");
    assert!(html.contains("食品生产许可�（新办）�[31m"));
    assert!(html.contains("池州市市场监督管理局�"));
}

/// The unit's name is the workbook's title (file properties, print header). A control character
/// in it reached `docProps/core.xml` as `_x007F_`, shown so by Excel's 属性 and Windows Explorer.
#[test]
fn a_control_character_in_a_units_name_is_shown_as_a_replacement_in_its_workbooks_title() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("事项.json");
    std::fs::write(
        &input,
        r#"[{"name": "食品生产许可（新办）", "code": "1134170000312541513000117034000",
             "subject": "池州市市场监督管理局\u007f", "region_code": "341700",
             "handling_address": "池州市长江中路89号政务服务中心", "consult_phone": "2021234"}]"#,
    )
    .unwrap();
    let out = dir.path().join("out");
    zwfw()
        .args(["check", "-q", "--format", "xlsx", "-o"])
        .arg(&out)
        .arg(&input)
        .assert()
        .code(1);
    let unit_book = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.starts_with("整改清单-池州市市场监督管理局")
        })
        .expect("the unit's workbook");
    let mut zip = zip::ZipArchive::new(std::fs::File::open(unit_book).unwrap()).unwrap();
    let mut part = |name: &str| {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut text).unwrap();
        text
    };
    let core = part("docProps/core.xml");
    assert!(
        core.contains("<dc:title>实施清单整改清单 — 池州市市场监督管理局�</dc:title>"),
        "{core}"
    );
    let sheet = part("xl/worksheets/sheet1.xml");
    assert!(!sheet.contains("_x007F_"), "the print header: {sheet}");
    assert!(sheet.contains("池州市市场监督管理局�&amp;R"), "{sheet}");
}

/// A 实施编码 of digits only (a credit code whose check digit is a digit) was written bare in
/// findings.csv: Excel showed it as 1.13417E+30 and lost its last digits, and a fingerprint of
/// digits (and an `e`) turned into a number too. They are written `="…"`, which Excel shows as
/// the text; an assessor's review filled in that file reads the codes back as they were, even
/// without the 指纹 column (matched by 实施编码, 规则 and 原文).
#[test]
fn codes_excel_would_turn_into_numbers_are_kept_as_text_in_the_csv_and_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("事项.json");
    let code = "1134170000312541513000117034000";
    std::fs::write(
        &input,
        format!(
            r#"[{{"name": "食品生产许可（新办）", "code": "{code}",
                 "subject": "池州市市场监督管理局", "region_code": "341700",
                 "handling_address": "池州市长江中路89号政务服务中心",
                 "consult_phone": "2021234"}}]"#
        ),
    )
    .unwrap();
    let out = dir.path().join("out");
    zwfw()
        .args(["check", "-q", "--format", "csv,json", "-o"])
        .arg(&out)
        .arg(&input)
        .assert()
        .code(1);
    let mut reader = csv::Reader::from_path(out.join("findings.csv")).unwrap();
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let column = |name: &str| header.iter().position(|h| h.ends_with(name)).unwrap();
    let (code_col, fp_col, review_col) = (column("实施编码"), column("指纹"), column("复核结果"));
    let mut rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    assert!(rows.len() >= 2, "{rows:?}");
    for row in &rows {
        assert_eq!(row[code_col], format!("=\"{code}\""));
        let fp = &row[fp_col];
        let bare = fp.strip_prefix("=\"").and_then(|f| f.strip_suffix('"'));
        match bare {
            // Wrapped only when Excel would read it as a number.
            Some(f) => assert!(f.bytes().all(|b| b.is_ascii_digit() || b == b'e'), "{fp}"),
            // Left bare only when no spreadsheet would read it as a number.
            None => assert!(fp.len() == 16 && fp.parse::<f64>().is_err(), "{fp}"),
        }
        // 序号 stays a number.
        assert!(row[0].parse::<u32>().is_ok(), "{row:?}");
    }

    // The assessor rejects every finding, in a copy without the 指纹 column.
    let review = dir.path().join("复核.csv");
    let mut w = csv::Writer::from_path(&review).unwrap();
    let keep = |r: &[String]| -> Vec<String> {
        r.iter()
            .enumerate()
            .filter(|&(i, _)| i != fp_col)
            .map(|(_, c)| c.clone())
            .collect()
    };
    w.write_record(keep(&header)).unwrap();
    for row in &mut rows {
        row[review_col] = "驳回".into();
        w.write_record(keep(row)).unwrap();
    }
    w.flush().unwrap();
    drop(w);
    let scored = dir.path().join("scored.json");
    zwfw()
        .arg("score")
        .arg(out.join("report.json"))
        .arg("--review")
        .arg(&review)
        .arg("-o")
        .arg(&scored)
        .assert()
        .success()
        .stderr(contains("不在报告中").not());
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&scored).unwrap()).unwrap();
    let decisions = report["review"]["findings"].as_array().unwrap();
    assert_eq!(decisions.len(), rows.len(), "{decisions:?}");
}
