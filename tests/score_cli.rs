//! End to end: `zwfw-audit sample` and `zwfw-audit score` on a report built in code.

use std::fmt::Write as _;
use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;
use predicates::str::contains;
use zwfw_audit::model::{Finding, Outcome, Provenance, Severity};
use zwfw_audit::report::{self, ItemEntry, ItemStatus, Report, RuleInfo, SCHEMA_VERSION, Summary};
use zwfw_audit::unit::UnitKind;

mod common {
    pub mod workbook;
}
use common::workbook::{col, sheet_rows};

/// 60 items: 贵池区 (county) and 池州市市场监督管理局 (department); every 4th item's 咨询电话 fails.
fn write_report(path: &Path) {
    let mut items = Vec::new();
    let mut findings = Vec::new();
    for i in 0..60 {
        let (unit, kind) = if i % 2 == 0 {
            ("贵池区", UnitKind::County)
        } else {
            ("池州市市场监督管理局", UnitKind::Department)
        };
        let fail = i % 4 == 0 || i % 4 == 1;
        let code = format!("113417000030000000{i:013}");
        let name = format!("食品经营许可{i}");
        let mut outcomes = report::Outcomes::new();
        outcomes.insert(
            "B13".into(),
            if fail { Outcome::Fail } else { Outcome::Pass },
        );
        outcomes.insert("B14".into(), Outcome::Pass);
        if fail {
            findings.push(Finding {
                rule: "B13".into(),
                rule_name: "consult-phone".into(),
                element: "咨询电话".into(),
                severity: Severity::Error,
                item_code: code.clone(),
                item_name: name.clone(),
                unit: unit.into(),
                target: None,
                message: "咨询电话只有政务服务热线，缺少受理部门的人工咨询电话: \"12345\"".into(),
                evidence: "12345".into(),
                suggestion: "".into(),
                provenance: Provenance::row("items.ndjson", i + 1),
            });
        }
        items.push(ItemEntry {
            code,
            name,
            unit: unit.into(),
            unit_kind: kind,
            item_type: if i % 3 == 0 {
                "公共服务"
            } else {
                "行政许可"
            }
            .into(),
            subject: unit.into(),
            region_code: String::new(),
            provenance: Provenance::row("items.ndjson", i + 1),
            status: ItemStatus::Checked,
            reason: None,
            outcomes,
            errors: usize::from(fail),
            warnings: 0,
            waived: 0,
        });
    }
    let rule = |id: &str, name: &str, element: &str| RuleInfo {
        id: id.into(),
        name: name.into(),
        element: element.into(),
        category: "基本信息".into(),
        appendix: true,
        severity: Severity::Error,
    };
    let mut r = Report {
        schema_version: SCHEMA_VERSION,
        tool_version: "test".into(),
        run_id: "t".into(),
        generated_at: "2026-11-28T00:00:00Z".into(),
        inputs: vec!["items.ndjson".into()],
        rules: vec![
            rule("B13", "consult-phone", "咨询电话"),
            rule("B14", "supervise-phone", "监督电话"),
        ],
        summary: Summary::default(),
        items,
        findings,
        notices: Vec::new(),
        scores: Vec::new(),
        history: None,
        review: None,
        replies: Vec::new(),
        sample: None,
        scoring_notices: Vec::new(),
        scoring_settings: None,
    };
    r.summarize();
    let mut out = Vec::new();
    report::json::write(&r, &mut out).unwrap();
    std::fs::write(path, out).unwrap();
}

fn bin() -> Command {
    Command::cargo_bin("zwfw-audit").unwrap()
}

/// Writes the test report into `dir` and draws its sample (seed 20261128) as `dir/<name>.csv`
/// and `.xlsx`; returns the report's path.
fn report_and_sample(dir: &Path, name: &str) -> std::path::PathBuf {
    let rep = new_report(dir);
    bin()
        .args(["sample", rep.to_str().unwrap(), "--seed", "20261128", "-q"])
        .args(["-o", dir.join(name).to_str().unwrap()])
        .assert()
        .success();
    rep
}

/// `zwfw-audit score <rep> <flag> <file> -o <out>` (`--sample` or `--review`), asserted.
fn score_with(rep: &Path, flag: &str, file: &Path, out: &Path) -> assert_cmd::assert::Assert {
    bin()
        .arg("score")
        .arg(rep)
        .arg(flag)
        .arg(file)
        .arg("-o")
        .arg(out)
        .assert()
}

/// The bundled sample's report, checked, as `dir/report.json`.
fn new_report(dir: &Path) -> std::path::PathBuf {
    let rep = dir.join("report.json");
    write_report(&rep);
    rep
}

fn read_report(path: &Path) -> Report {
    report::json::read(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn sample_then_score_the_sample() {
    let dir = tempfile::tempdir().unwrap();
    let rep = new_report(dir.path());
    for (name, seed) in [("a", "7"), ("b", "7"), ("c", "8")] {
        bin()
            .args([
                "sample",
                rep.to_str().unwrap(),
                "--seed",
                seed,
                "--method",
                "gb2828",
            ])
            .args(["-o", dir.path().join(name).to_str().unwrap()])
            .assert()
            .success()
            .stderr(contains("抽样: 方法 gb2828，种子"));
    }
    let read = |n: &str| std::fs::read(dir.path().join(n)).unwrap();
    assert!(read("a.csv").starts_with("\u{feff}考核单位,单位类型,实施编码".as_bytes()));
    assert_eq!(read("a.csv"), read("b.csv"));
    assert_ne!(read("a.csv"), read("c.csv"));
    // lots of 30 → GB/T 2828.1 sample of 8 each: header + 16 rows
    assert_eq!(
        String::from_utf8(read("a.csv")).unwrap().lines().count(),
        17
    );

    let scored = |sample: &str, out: &str| {
        score_with(
            &rep,
            "--sample",
            &dir.path().join(sample),
            &dir.path().join(out),
        )
        .success()
        .stdout(contains("实施清单准确度得分（要素出错率）"))
        .stdout(contains("贵池区"));
        read_report(&dir.path().join(out)).scores
    };
    let from_csv = scored("a.csv", "s1.json");
    let from_xlsx = scored("a.xlsx", "s2.json");
    assert_eq!(from_csv, from_xlsx);
    assert_eq!(from_csv.len(), 2);
    assert!(from_csv.iter().all(|s| s.sampled == 8 && s.items == 30));
}

#[test]
fn review_with_bad_rows_goes_on_and_reports_them() {
    let dir = tempfile::tempdir().unwrap();
    let rep = new_report(dir.path());
    let review = dir.path().join("复核.csv");
    let r = read_report(&rep);
    let mut csv = String::from("实施编码,规则,原文,复核结果,备注\n");
    for f in r.findings.iter().filter(|f| f.unit == "贵池区") {
        csv.push_str(&f.item_code);
        csv.push_str(",B13,12345,驳回,有人工接听\n");
    }
    csv.push_str("99999,B13,,驳回,\n");
    std::fs::write(&review, csv).unwrap();
    let bad_row = r.findings.iter().filter(|f| f.unit == "贵池区").count() + 2;
    bin()
        .args(["score", rep.to_str().unwrap(), "--review"])
        .arg(&review)
        .assert()
        .success()
        .stderr(contains(format!("复核.csv 第{bad_row}行")))
        .stderr(contains("不在报告中"))
        .stderr(contains(
            "1 行有误未采用（这些行的问题按成立计；改正复核文件后请重新运行本命令）",
        ))
        .stdout(contains("复核后得分"));
    let out = read_report(&dir.path().join("report.scored.json"));
    let county = out.scores.iter().find(|s| s.unit == "贵池区").unwrap();
    assert_eq!(county.reviewed_score, Some(8.0));
    assert!(county.score < 8.0);
    // The review file's bad row is the assessor's, kept apart from the export's problems.
    assert!(
        out.scoring_notices
            .iter()
            .any(|n| n.message.contains("99999"))
    );
    assert!(!out.notices.iter().any(|n| n.message.contains("99999")));

    // Scoring the scored report again updates it in place (it reuses its review), instead of
    // writing report.scored.scored.json beside it, which a later `report` would not pick up.
    let scored = dir.path().join("report.scored.json");
    bin()
        .arg("score")
        .arg(&scored)
        .assert()
        .success()
        .stderr(contains("report.scored.json（替换了上次的计分结果）"));
    assert!(!dir.path().join("report.scored.scored.json").exists());
    assert!(!dir.path().join("report.scored.json.tmp").exists());
    let again = read_report(&scored);
    let county = again.scores.iter().find(|s| s.unit == "贵池区").unwrap();
    assert_eq!(county.reviewed_score, Some(8.0), "the review is kept");
}

/// Rejected findings of items the sample did not draw change no score, and the summary says how
/// many they are, so that unchanged scores do not look like an ignored review.
#[test]
fn rejections_outside_the_sample_are_counted_as_such() {
    let dir = tempfile::tempdir().unwrap();
    let rep = new_report(dir.path());
    let sample = dir.path().join("s");
    bin()
        .args([
            "sample",
            rep.to_str().unwrap(),
            "--seed",
            "7",
            "--method",
            "count:2",
        ])
        .args(["-o", sample.to_str().unwrap()])
        .assert()
        .success();
    let drawn = std::fs::read_to_string(dir.path().join("s.csv")).unwrap();
    let r = read_report(&rep);
    let (inside, outside): (Vec<_>, Vec<_>) = r
        .findings
        .iter()
        .partition(|f| drawn.contains(f.item_code.as_str()));
    assert!(!inside.is_empty() && !outside.is_empty());
    let mut csv = String::from("实施编码,规则,原文,复核结果\n");
    for f in &r.findings {
        writeln!(csv, "{},B13,12345,驳回", f.item_code).unwrap();
    }
    let review = dir.path().join("复核.csv");
    std::fs::write(&review, csv).unwrap();
    bin()
        .args(["score", rep.to_str().unwrap(), "--sample"])
        .arg(dir.path().join("s.csv"))
        .arg("--review")
        .arg(&review)
        .args(["-o", dir.path().join("out.json").to_str().unwrap()])
        .assert()
        .success()
        .stderr(contains(format!("驳回 {} 条", r.findings.len())))
        .stderr(contains(format!(
            "其中驳回的 {} 条不在抽样事项中，不影响得分",
            outside.len()
        )));
}

/// A sample list saved as `.xls` though it is an .xlsx (WPS 另存为, a mail gateway renaming it)
/// is read by its content and scores as the .xlsx does; a damaged one is refused in Chinese with
/// what to do, never with the library's English.
#[test]
fn a_sample_list_is_read_by_content_not_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let rep = report_and_sample(dir.path(), "sample");
    std::fs::copy(
        dir.path().join("sample.xlsx"),
        dir.path().join("抽样清单（WPS）.xls"),
    )
    .unwrap();
    let score = |list: &str, out: &str| {
        bin()
            .args(["score", rep.to_str().unwrap(), "-q", "--sample"])
            .arg(dir.path().join(list))
            .arg("-o")
            .arg(dir.path().join(out))
            .assert()
    };
    score("sample.xlsx", "a.json").success();
    score("抽样清单（WPS）.xls", "b.json").success();
    assert_eq!(
        read_report(&dir.path().join("a.json")).scores,
        read_report(&dir.path().join("b.json")).scores
    );
    let mut damaged = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    damaged.extend_from_slice(&[0u8; 1000]);
    std::fs::write(dir.path().join("坏.xls"), damaged).unwrap();
    score("坏.xls", "c.json")
        .code(2)
        .stderr(contains("无法使用抽样清单"))
        .stderr(contains(
            "文件损坏或不是 Excel/WPS 表格，请在 Excel/WPS 中打开后另存为 .xlsx 再试",
        ))
        .stderr(predicates::str::contains("error").not())
        .stderr(predicates::str::contains("Cfb").not());
}

/// A sample list is the assessment's evidence: drawing again with another seed keeps the old
/// list, renamed after its modification time, and says so; the same draw again writes over it
/// silently; a list the assessor added a column to is kept too.
#[test]
fn a_different_draw_keeps_the_old_list() {
    let dir = tempfile::tempdir().unwrap();
    let rep = new_report(dir.path());
    let draw = |seed: &str| {
        bin()
            .env("TZ", "Asia/Shanghai")
            .args(["sample", rep.to_str().unwrap(), "-q", "--seed", seed])
            .args(["-o", dir.path().join("sample").to_str().unwrap()])
            .assert()
            .success()
    };
    let files = || -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with("sample"))
            .collect();
        names.sort();
        names
    };
    let set_mtime = |name: &str, utc: &str| {
        let t: jiff::Timestamp = utc.parse().unwrap();
        let when = std::time::UNIX_EPOCH
            + std::time::Duration::from_secs(u64::try_from(t.as_second()).unwrap());
        std::fs::File::options()
            .write(true)
            .open(dir.path().join(name))
            .unwrap()
            .set_modified(when)
            .unwrap();
    };
    let read = |n: &str| std::fs::read(dir.path().join(n)).unwrap();

    draw("7").stderr(predicates::str::is_empty());
    // The same draw again: written over, nothing said, nothing kept.
    draw("7").stderr(predicates::str::is_empty());
    assert_eq!(files(), ["sample.csv", "sample.xlsx"]);
    // The files as they are now (a workbook records when it was made: the draws a second apart
    // on a busy host differ in that).
    let (csv7, xlsx7) = (read("sample.csv"), read("sample.xlsx"));

    // Another seed: both old files kept under the time they were written (10:15 in 池州), one
    // stamp for the pair, though the XLSX was finished a second after the CSV.
    set_mtime("sample.csv", "2026-11-30T02:15:00Z");
    set_mtime("sample.xlsx", "2026-11-30T02:15:01Z");
    draw("8")
        .stderr(contains(format!(
            "注意: 已有的抽样清单 {0}.csv、{0}.xlsx 与本次抽样不同",
            dir.path().join("sample").display()
        )))
        .stderr(contains("已改名保留为"))
        .stderr(contains("sample（旧-20261130-101500）.xlsx"));
    assert_eq!(
        files(),
        [
            "sample.csv",
            "sample.xlsx",
            "sample（旧-20261130-101500）.csv",
            "sample（旧-20261130-101500）.xlsx"
        ]
    );
    assert_eq!(read("sample（旧-20261130-101500）.csv"), csv7);
    assert_eq!(read("sample（旧-20261130-101500）.xlsx"), xlsx7);
    assert!(
        String::from_utf8(read("sample.csv"))
            .unwrap()
            .contains(",8,gb2828")
    );

    // The same draw, but the assessor added a 核查人 column to the CSV: that one is kept.
    let csv8 = String::from_utf8(read("sample.csv")).unwrap();
    let mut noted = String::new();
    for (i, line) in csv8.lines().enumerate() {
        let who = if i == 0 { "核查人" } else { "张三" };
        write!(noted, "{line},{who}\r\n").unwrap();
    }
    std::fs::write(dir.path().join("sample.csv"), &noted).unwrap();
    set_mtime("sample.csv", "2026-12-01T01:00:00Z");
    draw("8").stderr(contains("sample（旧-20261201-090000）.csv"));
    assert_eq!(
        String::from_utf8(read("sample（旧-20261201-090000）.csv")).unwrap(),
        noted
    );
    assert_eq!(files().len(), 5, "{:?}", files());
}

#[test]
fn sample_needs_a_seed() {
    let dir = tempfile::tempdir().unwrap();
    let rep = new_report(dir.path());
    bin()
        .current_dir(dir.path())
        .args(["sample", rep.to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(contains("--seed"));
    // Said before the report is read (a province's takes seconds): even of a report not there.
    bin()
        .current_dir(dir.path())
        .args(["sample", "没有这个报告.json"])
        .assert()
        .code(2)
        .stderr(contains("--seed").and(contains("没有这个报告").not()));
}

/// A seed typed as a date is the date's digits (the examples' seeds are dates); anything else
/// is refused in Chinese.
#[test]
fn a_seed_may_be_written_as_a_date() {
    let dir = tempfile::tempdir().unwrap();
    let rep = new_report(dir.path());
    let draw = |seed: &str, out: &str| {
        bin()
            .args(["sample", rep.to_str().unwrap(), "--seed", seed])
            .args(["-o", dir.path().join(out).to_str().unwrap()])
            .assert()
    };
    draw("2026-11-28", "a")
        .success()
        .stderr(contains("种子 20261128"));
    draw("20261128", "b").success();
    let read = |n: &str| std::fs::read(dir.path().join(n)).unwrap();
    assert_eq!(read("a.csv"), read("b.csv"));
    draw("明天", "c")
        .code(2)
        .stderr(contains("种子应为非负整数"));
}

/// `explain` finds a rule by its id without the zero or by its element, and names the rules
/// an element has when there are several.
#[test]
fn explain_finds_a_rule_as_people_write_it() {
    for key in ["B09", "B9", "b9", "办理地点"] {
        bin()
            .args(["explain", key])
            .assert()
            .success()
            .stdout(contains("# B09 办理地点"));
    }
    bin()
        .args(["explain", "电话"])
        .assert()
        .code(2)
        .stderr(contains("B13 咨询电话、B14 监督电话、B15 电话准确性"));
    // L01 is the link check's own: no offline rule, but explained all the same.
    for key in ["L01", "l01"] {
        bin()
            .args(["explain", key])
            .assert()
            .success()
            .stdout(contains("# L01 在线办理地址").and(contains("## 整改方法")));
    }
    bin()
        .args(["explain", "Z99"])
        .assert()
        .code(2)
        .stderr(contains("没有规则 \"Z99\""));
}

/// A sample list is evidence: one row deleted by hand (the county's item with errors, say) is
/// scored as listed, but the run says that the list no longer holds what its 种子 and 方法 draw,
/// naming the unit and the item, so the assessor can show a unit its items were drawn.
#[test]
fn a_sample_list_edited_by_hand_is_said_to_differ_from_its_draw() {
    let dir = tempfile::tempdir().unwrap();
    let rep = report_and_sample(dir.path(), "抽样");
    let list = dir.path().join("抽样.csv");
    let score = || {
        let mut cmd = bin();
        cmd.args(["score", rep.to_str().unwrap(), "--sample"])
            .arg(&list)
            .args(["-o", dir.path().join("s.json").to_str().unwrap()]);
        cmd
    };
    score()
        .assert()
        .success()
        .stderr(contains("重新抽取的不同").not());
    let text = std::fs::read_to_string(&list).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    let row = lines
        .iter()
        .position(|l| l.contains("贵池区"))
        .expect("a county row");
    let removed = lines.remove(row).to_owned();
    // The 实施编码 as Excel shows it (`="…"` when it is digits only).
    let code = removed.split(',').nth(2).unwrap();
    let code = code
        .strip_prefix("\"=\"\"")
        .and_then(|c| c.strip_suffix("\"\"\""));
    let code = code
        .unwrap_or(removed.split(',').nth(2).unwrap())
        .to_owned();
    std::fs::write(&list, lines.join("\n") + "\n").unwrap();
    score()
        .assert()
        .success()
        .stderr(contains(
            "考核单位「贵池区」的抽样与按种子 20261128、方法 gb2828 重新抽取的不同：少了",
        ))
        .stderr(contains(code.as_str()));
}

/// A mistyped seed in the list (every row's 种子 changed) makes every unit's draw differ: one
/// hint says the seed is likely wrong, instead of a line per unit.
#[test]
fn a_wrong_seed_in_the_list_is_one_hint_not_a_line_per_unit() {
    let dir = tempfile::tempdir().unwrap();
    let rep = new_report(dir.path());
    let list = dir.path().join("抽样.csv");
    bin()
        .args(["sample", rep.to_str().unwrap(), "--seed", "20261128"])
        .args(["--method", "count:3", "-q", "-o"])
        .arg(dir.path().join("抽样"))
        .assert()
        .success();
    let text = std::fs::read_to_string(&list).unwrap();
    assert!(text.contains(",20261128,"), "{text}");
    std::fs::write(&list, text.replace(",20261128,", ",20261129,")).unwrap();
    let units = read_report(&rep)
        .items
        .iter()
        .map(|i| i.unit.clone())
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    assert!(units >= 2);
    score_with(&rep, "--sample", &list, &dir.path().join("s.json"))
        .success()
        .stderr(contains(format!(
            "{units} 个考核单位的抽样都与按种子 20261129、方法 count:3 重新抽取的不同"
        )))
        .stderr(contains("种子或方法可能被改过或填错"))
        .stderr(contains("考核单位「").not());
}

/// Option values an assessor types in Chinese are taken like the English ones.
#[test]
fn option_values_may_be_written_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let rep = new_report(dir.path());
    let scores = |args: &[&str], out: &str| {
        bin()
            .args(["score", rep.to_str().unwrap(), "-q"])
            .args(args)
            .args(["-o", dir.path().join(out).to_str().unwrap()])
            .assert()
            .success();
        read_report(&dir.path().join(out)).scores
    };
    assert_eq!(
        scores(&["--rate", "事项", "--units", "实施主体"], "zh.json"),
        scores(&["--rate", "item", "--units", "subject"], "en.json")
    );
    bin()
        .args([
            "sample",
            rep.to_str().unwrap(),
            "--seed",
            "7",
            "--stratify",
            "事项类型",
            "-q",
        ])
        .args(["-o", dir.path().join("分层").to_str().unwrap()])
        .assert()
        .success();
}

/// The 事项 sheet of a scored report lets an assessor recount every score by hand: over the
/// sampled rows of a unit, 出错要素 ÷ 计分要素 are the 汇总 working's x/n (复核后出错要素 after the
/// review), and 缺项 summed by 事项类型 over all rows is what 编制完整 deducted for. 出错要素明细
/// names the failing element and marks the empty and the rejected ones.
#[test]
fn the_items_sheet_recounts_the_scores() {
    let dir = tempfile::tempdir().unwrap();
    let rep = report_and_sample(dir.path(), "sample");
    // Every other failing 咨询电话 of 贵池区 was left empty (缺项): B13 trips on a blank value.
    let mut r = read_report(&rep);
    for (i, f) in r
        .findings
        .iter_mut()
        .filter(|f| f.unit == "贵池区")
        .enumerate()
    {
        if i % 2 == 0 {
            f.evidence = String::new();
        }
    }
    let mut out = Vec::new();
    report::json::write(&r, &mut out).unwrap();
    std::fs::write(&rep, out).unwrap();
    // The assessor rejects the first two findings of the department.
    let rejected: Vec<&Finding> = r
        .findings
        .iter()
        .filter(|f| f.unit == "池州市市场监督管理局")
        .take(2)
        .collect();
    let mut csv = String::from("实施编码,规则,原文,复核结果\n");
    for f in &rejected {
        writeln!(csv, "{},B13,12345,驳回（有人工接听）", f.item_code).unwrap();
    }
    let review = dir.path().join("复核.csv");
    std::fs::write(&review, csv).unwrap();
    let scored = dir.path().join("report.scored.json");
    bin()
        .args(["score", rep.to_str().unwrap(), "-q", "--sample"])
        .arg(dir.path().join("sample.xlsx"))
        .arg("--review")
        .arg(&review)
        .assert()
        .success();
    bin()
        .args(["report", scored.to_str().unwrap(), "-q", "--format", "xlsx"])
        .assert()
        .success();
    let scores = read_report(&scored).scores;
    let rows = sheet_rows(&dir.path().join("整改清单-全部.xlsx"), "事项");
    let h = &rows[0];
    let num = |row: &Vec<String>, name: &str| -> usize { row[col(h, name)].parse().unwrap() };
    for s in &scores {
        let unit: Vec<&Vec<String>> = rows[1..]
            .iter()
            .filter(|row| row[col(h, "考核单位")] == s.unit)
            .collect();
        let sampled: Vec<&&Vec<String>> = unit
            .iter()
            .filter(|row| row[col(h, "是否抽中")] == "是")
            .collect();
        assert_eq!(sampled.len(), s.sampled, "{}", s.unit);
        let sum = |rows: &[&&Vec<String>], name: &str| -> usize {
            rows.iter().map(|row| num(row, name)).sum()
        };
        assert_eq!(sum(&sampled, "计分要素"), s.checks, "{}", s.unit);
        assert_eq!(sum(&sampled, "出错要素"), s.failed_checks, "{}", s.unit);
        assert_eq!(
            Some(sum(&sampled, "复核后出错要素")),
            s.reviewed_failed_checks,
            "{}",
            s.unit
        );
        let missing = |public: bool| -> usize {
            unit.iter()
                .filter(|row| row[col(h, "事项类型")].contains("公共服务") == public)
                .map(|row| num(row, "缺项"))
                .sum()
        };
        match &s.completeness {
            Some(c) => {
                assert_eq!(
                    (missing(false), missing(true)),
                    (c.power_missing, c.public_missing)
                );
                assert!(c.power_missing + c.public_missing > 0, "{c:?}");
            }
            None => assert_eq!(missing(false) + missing(true), 0, "{}", s.unit),
        }
    }
    let detail = |code: &str| -> String {
        let row = rows[1..]
            .iter()
            .find(|row| row[col(h, "实施编码")] == code)
            .unwrap();
        row[col(h, "出错要素明细")].clone()
    };
    let county: Vec<&Finding> = r.findings.iter().filter(|f| f.unit == "贵池区").collect();
    assert_eq!(detail(&county[0].item_code), "咨询电话（B13，缺项）");
    assert_eq!(detail(&county[1].item_code), "咨询电话（B13）");
    assert_eq!(detail(&rejected[0].item_code), "咨询电话（B13，已驳回）");
    let passing = format!("113417000030000000{:013}", 2);
    assert_eq!(detail(&passing), "");
}

/// Scoring a scored report again (with the review, say) groups and rounds as the first scoring
/// did, from what the report recorded, even when the mapping file is no longer at hand; a flag
/// still overrides it, and a sample drawn under another grouping is then said in one line, not
/// row by row, and not taken for a list edited by hand.
#[test]
fn a_rescore_keeps_the_unit_mapping_and_decimals() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let rep = d.join("report.json");
    write_report(&rep);
    let mapping = d.join("对照表.csv");
    std::fs::write(
        &mapping,
        "实施主体,考核单位,类型\n贵池区,贵池区人民政府,县区\n",
    )
    .unwrap();
    bin()
        .args(["sample", rep.to_str().unwrap(), "--seed", "20261128", "-q"])
        .arg("--mapping")
        .arg(&mapping)
        .arg("-o")
        .arg(d.join("sample"))
        .assert()
        .success();
    let first = d.join("s1.json");
    bin()
        .args(["score", rep.to_str().unwrap(), "-q", "--decimals", "1"])
        .arg("--mapping")
        .arg(&mapping)
        .arg("--sample")
        .arg(d.join("sample.xlsx"))
        .arg("-o")
        .arg(&first)
        .assert()
        .success();
    std::fs::remove_file(&mapping).unwrap();
    let units = |r: &Report| -> Vec<String> { r.scores.iter().map(|s| s.unit.clone()).collect() };
    let s1 = read_report(&first);
    assert!(
        units(&s1).contains(&"贵池区人民政府".to_owned()),
        "{:?}",
        units(&s1)
    );

    let review = d.join("复核.csv");
    let f = &s1.findings[0];
    std::fs::write(
        &review,
        format!(
            "实施编码,规则,原文,复核结果\n{},B13,12345,驳回\n",
            f.item_code
        ),
    )
    .unwrap();
    let second = d.join("s2.json");
    bin()
        .args(["score", first.to_str().unwrap(), "--review"])
        .arg(&review)
        .arg("-o")
        .arg(&second)
        .assert()
        .success()
        .stderr(contains(
            "沿用报告中记录的单位划分（单位对照表 对照表.csv，1 行）",
        ))
        .stderr(contains("沿用报告中记录的小数位数: 1"))
        .stderr(contains("与当前单位划分").not());
    let s2 = read_report(&second);
    assert_eq!(units(&s2), units(&s1));
    assert_eq!(s2.scoring_settings, s1.scoring_settings);
    for s in &s2.scores {
        let tenths = s.score * 10.0;
        assert!(
            (tenths - tenths.round()).abs() < 1e-9,
            "{}: {}",
            s.unit,
            s.score
        );
    }

    // Told to group by default, it does; the recorded sample's 贵池区人民政府 rows are said once.
    let third = d.join("s3.json");
    let out = bin()
        .args(["score", first.to_str().unwrap(), "--units", "default"])
        .arg("-o")
        .arg(&third)
        .assert()
        .success()
        .stderr(contains("清单可能被改过").not());
    let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    let said: Vec<&str> = err
        .lines()
        .filter(|l| l.contains("与当前单位划分不同"))
        .collect();
    assert_eq!(said.len(), 1, "{err}");
    assert!(said[0].contains("「贵池区人民政府」→「贵池区」"), "{err}");
    assert!(units(&read_report(&third)).contains(&"贵池区".to_owned()));
}

/// A sample list or a review file of another run (another export) matches nothing in the report:
/// scoring with it would score no unit, or apply no decision, and in place of a scored report
/// with its earlier review. It is refused, saying why, and nothing is written.
#[test]
fn a_list_of_another_run_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let rep = report_and_sample(dir.path(), "抽样");
    // 贵池区's items of another export, drawn by another run.
    let other_codes = [
        "11341702003178234X4000117035000",
        "11341702003179157T4002012019000",
        "11341702MB1931675X4000115014000",
    ];
    let list = dir.path().join("另一次 抽样.csv");
    let mut csv =
        String::from("\u{feff}考核单位,单位类型,实施编码,事项名称,事项类型,抽样序号,种子,方法\n");
    for (k, code) in other_codes.iter().enumerate() {
        writeln!(
            csv,
            "贵池区,县区,{code},食品经营许可（新办）,行政许可,{},7,gb2828",
            k + 1
        )
        .unwrap();
    }
    std::fs::write(&list, csv).unwrap();
    let out = dir.path().join("s.json");
    score_with(&rep, "--sample", &list, &out)
        .code(2)
        .stderr(contains("另一次 抽样.csv"))
        .stderr(contains("3 行的实施编码都不在报告中"))
        .stderr(contains("11341702003178234X4000117035000"))
        .stderr(contains("另一次运行"));
    assert!(
        !out.exists(),
        "nothing is scored from a list that names no item"
    );

    // A review of another run's findings: the same.
    let review = dir.path().join("复核 其他.csv");
    let mut csv = String::from("实施编码,规则,原文,复核结果,备注\n");
    for code in other_codes {
        writeln!(csv, "{code},B13,12345,驳回,有人工接听").unwrap();
    }
    std::fs::write(&review, csv).unwrap();
    score_with(&rep, "--review", &review, &out)
        .code(2)
        .stderr(contains("复核 其他.csv"))
        .stderr(contains("3 行的实施编码都不在报告中"))
        .stderr(contains("另一次运行"));
    assert!(!out.exists());

    // One row of this report among them is enough: the others are bad rows, as before.
    let r = read_report(&rep);
    let mut csv = std::fs::read_to_string(&review).unwrap();
    writeln!(csv, "{},B13,12345,驳回,", r.findings[0].item_code).unwrap();
    std::fs::write(&review, csv).unwrap();
    score_with(&rep, "--review", &review, &out)
        .success()
        .stderr(contains("不在报告中，已跳过"));
}

/// `-o` may be written without an extension; a name with a dot of its own (a date, a version)
/// keeps it: `抽样 2026.11.28` is written as `抽样 2026.11.28.csv`, not `抽样 2026.11.csv`.
#[test]
fn a_sample_list_name_may_hold_a_dot() {
    let dir = tempfile::tempdir().unwrap();
    let rep = new_report(dir.path());
    for (given, written) in [
        ("抽样 2026.11.28", "抽样 2026.11.28"),
        ("抽样 fraction 0.5", "抽样 fraction 0.5"),
        ("抽样清单.xlsx", "抽样清单"),
        ("抽样清单.CSV", "抽样清单"),
    ] {
        bin()
            .args(["sample", rep.to_str().unwrap(), "--seed", "20261128", "-q"])
            .arg("-o")
            .arg(dir.path().join(given))
            .assert()
            .success();
        for ext in ["csv", "xlsx"] {
            let path = dir.path().join(format!("{written}.{ext}"));
            assert!(path.exists(), "{given} → {}", path.display());
        }
    }
    assert!(!dir.path().join("抽样 2026.11.csv").exists());
    assert!(!dir.path().join("抽样 fraction 0.csv").exists());
}

/// Rows of the scored findings deleted from a review (or left empty) count as confirmed; the
/// summary says how many, so that an assessor who meant to review them all sees what is left.
#[test]
fn unreviewed_findings_of_the_sample_are_counted() {
    let dir = tempfile::tempdir().unwrap();
    let rep = new_report(dir.path());
    bin()
        .args([
            "sample",
            rep.to_str().unwrap(),
            "--seed",
            "7",
            "--method",
            "count:3",
        ])
        .args(["-q", "-o", dir.path().join("s").to_str().unwrap()])
        .assert()
        .success();
    let drawn = std::fs::read_to_string(dir.path().join("s.csv")).unwrap();
    let r = read_report(&rep);
    let inside: Vec<&Finding> = r
        .findings
        .iter()
        .filter(|f| drawn.contains(f.item_code.as_str()))
        .collect();
    assert!(inside.len() >= 2, "the draw has findings to review");
    // Every finding reviewed but one of the sample's, whose row the assessor deleted.
    let mut csv = String::from("实施编码,规则,原文,复核结果\n");
    for f in r
        .findings
        .iter()
        .filter(|f| f.item_code != inside[0].item_code)
    {
        writeln!(csv, "{},B13,12345,确认", f.item_code).unwrap();
    }
    let review = dir.path().join("复核.csv");
    std::fs::write(&review, csv).unwrap();
    let score = || {
        let mut cmd = bin();
        cmd.args(["score", rep.to_str().unwrap(), "--sample"])
            .arg(dir.path().join("s.csv"))
            .arg("--review")
            .arg(&review)
            .args(["-o", dir.path().join("out.json").to_str().unwrap()]);
        cmd
    };
    score().assert().success().stderr(contains(format!(
        "抽中事项的 {} 条错误中有 1 条没有复核结果（复核文件中没有这一行，或复核结果为空），按问题成立计",
        inside.len()
    )));
    // Reviewed all: nothing said.
    let mut csv = std::fs::read_to_string(&review).unwrap();
    writeln!(csv, "{},B13,12345,确认", inside[0].item_code).unwrap();
    std::fs::write(&review, csv).unwrap();
    score()
        .assert()
        .success()
        .stderr(contains("没有复核结果").not());
}

/// A unit with no more items than the method asks for is drawn whole, and the summary says so:
/// `count:40` of units of 30 items is every item (a score without sampling error).
#[test]
fn a_unit_smaller_than_the_sample_is_said_to_be_drawn_whole() {
    let dir = tempfile::tempdir().unwrap();
    let rep = new_report(dir.path());
    let draw = |method: &str| {
        let out = bin()
            .args([
                "sample",
                rep.to_str().unwrap(),
                "--seed",
                "7",
                "--method",
                method,
            ])
            .args(["-o", dir.path().join("s").to_str().unwrap()])
            .assert()
            .success();
        String::from_utf8(out.get_output().stderr.clone()).unwrap()
    };
    let said = draw("count:40");
    assert!(
        said.contains("贵池区: 30（只有 30 个事项，全部抽取，没有抽样误差）"),
        "{said}"
    );
    let said = draw("count:5");
    assert!(said.contains("贵池区: 5\n"), "{said}");
    assert!(!said.contains("全部抽取"), "{said}");
    // Asked for all, it is no news.
    assert!(!draw("all").contains("全部抽取"));
}

/// The assessors' fix list (整改清单-全部.xlsx) and findings.csv have a 实施编码 column too, and
/// sit beside the sample list: given as `--sample` by mistake, they would score only the items
/// that have findings. They are refused, saying which file to use.
#[test]
fn a_fix_list_is_not_taken_for_a_sample_list_nor_a_sample_list_for_a_review() {
    let dir = tempfile::tempdir().unwrap();
    let rep = report_and_sample(dir.path(), "sample");
    let out = dir.path().join("报告 文件");
    bin()
        .args([
            "report",
            rep.to_str().unwrap(),
            "--format",
            "xlsx,csv",
            "-q",
            "-o",
        ])
        .arg(&out)
        .assert()
        .success();
    let scored = dir.path().join("s.json");
    for list in ["整改清单-全部.xlsx", "findings.csv"] {
        score_with(&rep, "--sample", &out.join(list), &scored)
            .code(2)
            .stderr(contains(list))
            .stderr(contains("是整改清单"))
            .stderr(contains("不是抽样清单"))
            .stderr(contains("sample.xlsx"));
        assert!(!scored.exists(), "{list}");
    }
    // And the other way round: the sample list given as the review says which file goes where.
    score_with(&rep, "--review", &dir.path().join("sample.xlsx"), &scored)
        .code(2)
        .stderr(contains("sample.xlsx 是抽样清单"))
        .stderr(contains(
            "--review 用填好「复核结果」列的 整改清单-全部.xlsx",
        ));
    assert!(!scored.exists());
    // The list drawn beside it still scores.
    score_with(&rep, "--sample", &dir.path().join("sample.xlsx"), &scored).success();
}

/// Scores kept to no decimal places (`--decimals 0`): the working on the page still gives its
/// own result, and says the score was rounded from it, instead of `14 ×（1 − 11/183）= 13.00`,
/// which a unit redoing the sum finds wrong.
#[test]
fn a_working_rounded_by_decimals_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let rep = new_report(dir.path());
    let scored = dir.path().join("d0.json");
    bin()
        .current_dir(dir.path())
        .args([
            "score",
            rep.to_str().unwrap(),
            "-q",
            "--decimals",
            "0",
            "-o",
        ])
        .arg(&scored)
        .assert()
        .success();
    let out = dir.path().join("d0");
    bin()
        .current_dir(dir.path())
        .args(["report", scored.to_str().unwrap(), "--format", "html", "-o"])
        .arg(&out)
        .assert()
        .success();
    let page = std::fs::read_to_string(out.join("report.html")).unwrap();
    let workings: Vec<&str> = page
        .split("×（1 − ")
        .skip(1)
        .map(|rest| rest.split('<').next().unwrap())
        // The page's note on the formula (`满分 ×（1 − 出错率）`) is no working.
        .filter(|w| w.starts_with(|c: char| c.is_ascii_digit()))
        .collect();
    assert!(!workings.is_empty(), "{page}");
    for w in &workings {
        // `5/52）= 12.65，按设定的小数位数取 13`, or a working whose result is whole.
        let (sum, rounded) = w.split_once("，按设定的小数位数取 ").unwrap_or((w, ""));
        let result: f64 = sum
            .rsplit("= ")
            .next()
            .unwrap()
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("{w:?}"));
        if rounded.is_empty() {
            assert!(result.fract().abs() < 1e-9, "{w}");
        } else {
            let rounded: f64 = rounded.trim().parse().unwrap();
            assert!((rounded - result.round()).abs() < 1e-9, "{w}");
        }
    }
    assert!(
        workings.iter().any(|w| w.contains("按设定的小数位数取")),
        "{workings:?}"
    );
}
