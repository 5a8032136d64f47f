//! A sampled assessment from start to hand-over: `check` the sample export, `sample` with the
//! published seed, `score --sample`, `score` again with the assessor's review, gather a unit's
//! answers with `report --replies` and follow the 下一步 hint. The scored report remembers its
//! sample and review, so every later `score` scores the same items unless told otherwise
//! (`--census`, `--no-review`); its fix lists and HTML show how each sampled score was computed,
//! which findings were 抽中, and keep the assessor's review-file problems out of the units' lists.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

mod common {
    pub mod workbook;
}
use common::workbook::{col, sheet_cells, sheet_rows};

fn zwfw() -> Command {
    Command::cargo_bin("zwfw-audit").unwrap()
}

fn json(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn sheet(path: &Path, name: &str) -> Vec<Vec<String>> {
    sheet_rows(path, name)
}

/// Runs `zwfw-audit args…`, expecting success; returns stderr (where the tool talks).
fn run(args: &[&str]) -> String {
    let out = zwfw().args(args).output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(out.status.success(), "{args:?}: {stderr}");
    stderr
}

fn p(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// The scores as (unit, sampled, score, reviewed score).
fn scores(report: &Value) -> Vec<(String, u64, f64, Option<f64>)> {
    report["scores"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["unit"].as_str().unwrap().to_owned(),
                s["sampled"].as_u64().unwrap(),
                s["score"].as_f64().unwrap(),
                s["reviewed_score"].as_f64(),
            )
        })
        .collect()
}

struct Assessment {
    _dir: tempfile::TempDir,
    root: PathBuf,
    /// `score --sample` → first.scored.json.
    first: PathBuf,
    /// `score first.scored.json --review 复核.csv` → reviewed.json.
    reviewed: PathBuf,
    /// The codes the sample list drew.
    drawn: Vec<String>,
}

/// check → sample (seed 20261128, gb2828) → score --sample → score --review (驳回 on every
/// sampled finding of 池州市人力资源和社会保障局, 同意 on another row).
fn assess() -> Assessment {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().to_path_buf();
    let export = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/exports/sample.xlsx");
    let run_dir = root.join("run");
    let out = zwfw()
        .arg("check")
        .arg(&export)
        .args(["-q", "--format", "json", "-o", p(&run_dir)])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "findings");
    let report = run_dir.join("report.json");
    run(&[
        "sample",
        p(&report),
        "--seed",
        "20261128",
        "-o",
        p(&run_dir.join("sample")),
        "-q",
    ]);
    let list = run_dir.join("sample.xlsx");
    let first = root.join("first.scored.json");
    run(&[
        "score",
        p(&report),
        "--sample",
        p(&list),
        "-o",
        p(&first),
        "-q",
    ]);
    // 实施编码 of digits only are written `="…"`, so that Excel keeps them as text.
    let drawn: Vec<String> = common::workbook::csv_rows(&run_dir.join("sample.csv"))
        .into_iter()
        .skip(1)
        .map(|r| r[2].clone())
        .collect();
    assert!(
        drawn.iter().all(|c| c.len() >= 20 && !c.contains('"')),
        "{drawn:?}"
    );

    let checked = json(&report);
    let mut review = String::from("实施编码,规则,原文,复核结果\n");
    let mut agreed = false;
    for f in checked["findings"].as_array().unwrap() {
        let code = f["item_code"].as_str().unwrap();
        let line = |verdict: &str| {
            format!(
                "{code},{},\"{}\",{verdict}\n",
                f["rule"].as_str().unwrap(),
                f["evidence"].as_str().unwrap().replace('"', "\"\"")
            )
        };
        if f["unit"] == "池州市人力资源和社会保障局" && drawn.iter().any(|d| d == code)
        {
            review.push_str(&line("驳回"));
        } else if !agreed && f["unit"] == "东至县" {
            review.push_str(&line("同意"));
            agreed = true;
        }
    }
    let review_file = root.join("复核.csv");
    std::fs::write(&review_file, review).unwrap();
    let reviewed = root.join("reviewed.json");
    let said = run(&[
        "score",
        p(&first),
        "--review",
        p(&review_file),
        "-o",
        p(&reviewed),
    ]);
    assert!(
        said.contains(&format!(
            "沿用报告中记录的抽样（{}，种子 20261128，方法 gb2828，{} 个事项）",
            list.display(),
            drawn.len()
        )),
        "{said}"
    );
    Assessment {
        _dir: dir,
        root,
        first,
        reviewed,
        drawn,
    }
}

#[test]
fn rescoring_a_scored_report_keeps_its_sample_and_its_review_unless_told() {
    let a = assess();
    let first = json(&a.first);
    let sample = &first["sample"];
    assert_eq!(sample["seed"], "20261128");
    assert_eq!(sample["method"], "gb2828");
    let recorded: Vec<&str> = sample["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["code"].as_str().unwrap())
        .collect();
    let mut drawn: Vec<&str> = a.drawn.iter().map(String::as_str).collect();
    let mut sorted = recorded.clone();
    drawn.sort_unstable();
    sorted.sort_unstable();
    assert_eq!(sorted, drawn, "the record names the drawn items");

    // With the review: the same sample, and the HR bureau's rejections raise its reviewed score.
    let reviewed = json(&a.reviewed);
    assert_eq!(reviewed["sample"], first["sample"]);
    let auto: Vec<_> = scores(&first)
        .into_iter()
        .map(|s| (s.0, s.1, s.2))
        .collect();
    let again: Vec<_> = scores(&reviewed)
        .into_iter()
        .map(|s| (s.0, s.1, s.2))
        .collect();
    assert_eq!(auto, again);
    let hr = reviewed["scores"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["unit"] == "池州市人力资源和社会保障局")
        .unwrap();
    assert_eq!(hr["reviewed_failed_checks"], 0, "{hr}");
    assert_eq!(hr["reviewed_score"], 14.0);
    assert!(hr["score"].as_f64().unwrap() < 14.0);
    assert!(hr["reviewed_rate_low"].is_number() && hr["reviewed_score_high"].is_number());
    // The 同意 row is the assessor's problem, kept apart from the export's.
    let agreed = |r: &Value, key: &str| {
        r[key].as_array().is_some_and(|n| {
            n.iter()
                .any(|n| n["message"].as_str().unwrap().contains("\"同意\""))
        })
    };
    assert!(agreed(&reviewed, "scoring_notices"));
    assert!(!agreed(&reviewed, "notices"));

    // Again with no flag: the sample and the review are reused, and said to be.
    let third = a.root.join("third.json");
    let said = run(&["score", p(&a.reviewed), "-o", p(&third)]);
    assert!(said.contains("沿用报告中记录的抽样（"), "{said}");
    assert!(
        said.contains("沿用报告中记录的复核结果（") && said.contains("驳回"),
        "{said}"
    );
    let third = json(&third);
    assert_eq!(scores(&third), scores(&reviewed));
    assert_eq!(third["review"], reviewed["review"]);
    assert!(
        agreed(&third, "scoring_notices"),
        "the review's problems stay"
    );

    // Dropping them is explicit.
    let census = a.root.join("census.json");
    let said = run(&[
        "score",
        p(&a.reviewed),
        "--census",
        "--no-review",
        "-o",
        p(&census),
    ]);
    assert!(said.contains("按 --census 给全部事项计分"), "{said}");
    assert!(
        said.contains("按 --no-review 不用报告中记录的复核结果"),
        "{said}"
    );
    let census = json(&census);
    assert!(census.get("sample").is_none() && census.get("review").is_none());
    for s in census["scores"].as_array().unwrap() {
        assert_eq!(s["sampled"], s["items"], "{s}");
        assert!(s.get("reviewed_score").is_none());
    }
    zwfw()
        .args(["score", p(&a.first), "--census", "--sample", p(&a.first)])
        .assert()
        .code(2);

    let schema = json(&Path::new(env!("CARGO_MANIFEST_DIR")).join("schema/report.schema.json"));
    let validator = jsonschema::validator_for(&schema).unwrap();
    for r in [&first, &reviewed, &third] {
        let errors: Vec<String> = validator.iter_errors(r).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{errors:?}");
    }
}

/// `report scored.json --replies …` ends with a 下一步 hint naming a `score` command; run as
/// printed, it scores the same sample with the review.
#[test]
fn the_hint_after_gathering_replies_scores_the_same_sample() {
    let a = assess();
    let rendered = a.root.join("rendered");
    run(&[
        "report",
        p(&a.reviewed),
        "--format",
        "xlsx",
        "-o",
        p(&rendered),
        "-q",
    ]);
    let returned = a.root.join("回复");
    std::fs::create_dir(&returned).unwrap();
    let name = "整改清单-东至县.xlsx";
    std::fs::copy(rendered.join(name), returned.join(name)).unwrap();
    let replied = a.root.join("replied");
    let said = run(&[
        "report",
        p(&a.reviewed),
        "--replies",
        p(&returned),
        "-o",
        p(&replied),
        "-q",
    ]);
    let hint = said
        .lines()
        .find(|l| l.starts_with("下一步:"))
        .unwrap_or_else(|| panic!("no hint in {said}"));
    let command = &hint[hint.find("zwfw-audit score ").unwrap()..];
    let args: Vec<&str> = command.split_whitespace().skip(1).collect();
    assert_eq!(args[..2], ["score", p(&a.reviewed)], "{hint}");
    let out = a.root.join("hinted.json");
    let mut with_output = args.clone();
    with_output.extend(["-o", p(&out)]);
    run(&with_output);
    let hinted = json(&out);
    let reviewed = json(&a.reviewed);
    assert_eq!(hinted["sample"], reviewed["sample"]);
    assert_eq!(scores(&hinted), scores(&reviewed));
}

/// The scored report's workbooks let the assessor show a unit how its score was computed: the
/// scored items' counts next to the census counts, labelled; the working; the reviewed rate and
/// interval; the seed and method; and 是否抽中 on each finding and item.
#[test]
fn sampled_fix_lists_show_the_working_and_what_was_drawn() {
    let a = assess();
    let dir = a.root.join("lists");
    run(&[
        "report",
        p(&a.reviewed),
        "--format",
        "xlsx,csv,html",
        "-o",
        p(&dir),
        "-q",
    ]);
    let reviewed = json(&a.reviewed);
    let all = dir.join("整改清单-全部.xlsx");
    let summary = sheet(&all, "汇总");
    let header = summary.iter().find(|r| r[0] == "单位").unwrap();
    for s in reviewed["scores"].as_array().unwrap() {
        let row = summary.iter().find(|r| r[0] == s["unit"]).unwrap();
        let cell = |name: &str| row[col(header, name)].clone();
        assert_eq!(cell("抽查事项数"), s["sampled"].to_string());
        assert_eq!(cell("抽查范围内出错要素数"), s["failed_checks"].to_string());
        assert_eq!(cell("抽查范围内适用要素数"), s["checks"].to_string());
        assert_eq!(
            cell("得分计算"),
            format!(
                "{} ×（1 − {}/{}）= {:.2}",
                s["full_marks"].as_f64().unwrap(),
                s["failed_checks"],
                s["checks"],
                s["score"].as_f64().unwrap()
            )
        );
        assert!(
            cell("复核后得分计算")
                .ends_with(&format!("= {:.2}", s["reviewed_score"].as_f64().unwrap()))
        );
        assert!(cell("复核后出错率95%区间").contains('%'));
        assert_eq!(cell("抽样种子"), "20261128");
        assert_eq!(cell("抽样方法"), "gb2828");
    }
    // The seed is a number cell, as in the sample list (it sorts and compares as a number).
    let cells = sheet_cells(&all, "汇总");
    let at = summary.iter().position(|r| r[0] == "单位").unwrap();
    let seed = col(header, "抽样种子");
    let seeds: Vec<&calamine::Data> = cells[at + 1..]
        .iter()
        .filter_map(|r| r.get(seed))
        .filter(|c| **c != calamine::Data::Empty)
        .collect();
    assert!(!seeds.is_empty());
    assert!(
        seeds
            .iter()
            .all(|c| **c == calamine::Data::Float(20_261_128.0)),
        "{seeds:?}"
    );
    assert!(header.iter().any(|h| h == "有错误的事项（全部事项）"));
    let text: Vec<&String> = summary.iter().flatten().collect();
    assert!(
        text.iter()
            .any(|t| t.contains("种子 20261128，方法 gb2828"))
    );
    assert!(
        text.iter().any(|t| t.contains("\"同意\"")),
        "the assessors see it"
    );

    // 是否抽中 before 指纹, 是 exactly on the drawn items' findings.
    let findings = sheet(&all, "问题清单");
    let h = &findings[0];
    assert_eq!(h[h.len() - 2..], ["是否抽中", "指纹"]);
    let (code, drawn) = (col(h, "实施编码"), col(h, "是否抽中"));
    assert!(findings[1..].iter().any(|r| r[drawn] == "是"));
    for r in &findings[1..] {
        let expected = if a.drawn.contains(&r[code]) {
            "是"
        } else {
            "否"
        };
        assert_eq!(r[drawn], expected, "{r:?}");
    }
    let items = sheet(&all, "事项");
    // After the item's own columns (来源), before what the scores count of it.
    let drawn = col(&items[0], "是否抽中");
    assert_eq!(items[0][drawn - 1], "来源");
    assert_eq!(items[0][drawn + 1], "计分要素");
    let marked = items[1..].iter().filter(|r| r[drawn] == "是").count();
    assert_eq!(marked, a.drawn.len());
    let csv = std::fs::read_to_string(dir.join("findings.csv")).unwrap();
    assert!(csv.lines().next().unwrap().ends_with(",是否抽中,指纹"));

    // A unit's list: its own working and 是否抽中, none of the assessor's review-file problems.
    let unit = dir.join("整改清单-东至县.xlsx");
    let unit_text: Vec<String> = sheet(&unit, "汇总").into_iter().flatten().collect();
    assert!(unit_text.iter().any(|t| t.starts_with("8 ×（1 − ")));
    assert!(
        !unit_text
            .iter()
            .any(|t| t.contains("复核结果") && t.contains("已跳过")),
        "{unit_text:?}"
    );
    assert!(sheet(&unit, "问题清单")[0].contains(&"是否抽中".to_owned()));

    let page = std::fs::read_to_string(dir.join("report.html")).unwrap();
    assert!(page.contains("抽样清单、复核文件、单位对照表中未采用的行（考核组）"));
    assert!(page.contains("种子 20261128，方法 gb2828"));
    assert!(page.contains("有错误的事项（全部事项）"));
    let hr = reviewed["scores"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["unit"] == "池州市人力资源和社会保障局")
        .unwrap();
    let working = format!(
        "14 ×（1 − {}&#x2f;{}）= {:.2}",
        hr["failed_checks"],
        hr["checks"],
        hr["score"].as_f64().unwrap()
    );
    assert!(page.contains(&working), "{working}");
    assert!(page.contains(&format!("14 ×（1 − 0&#x2f;{}）= 14.00", hr["checks"])));
}
