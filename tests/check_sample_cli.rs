//! End to end: `zwfw-audit check --sample` draws each unit's sample while checking (a bottom-k
//! reservoir per unit when streaming), writes sample.csv/.xlsx beside the report and scores the
//! sample — the same draw and the same scores whether the check streamed or not, and the same
//! scores as `zwfw-audit score --sample` on the written sample file.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::str::contains;
use zwfw_audit::report::Report;
use zwfw_audit::score::SampleMethod;

fn bin() -> Command {
    Command::cargo_bin("zwfw-audit").unwrap()
}

/// 1,200 generated items (seed 3, half of them with defects), plus one line that is not JSON
/// (reported as unreadable, and never drawn).
fn input(dir: &Path) -> PathBuf {
    let path = dir.join("items.ndjson");
    bin()
        .args([
            "gen",
            "--count",
            "1200",
            "--seed",
            "3",
            "--defect-rate",
            "0.5",
            "-o",
        ])
        .arg(&path)
        .assert()
        .success();
    let text = std::fs::read_to_string(&path).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    lines.insert(600, "{\"实施编码\": \"11511600MB1234567X\", 截断的行");
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    path
}

fn check(input: &Path, out: &Path, extra: &[&str]) -> assert_cmd::assert::Assert {
    bin()
        .arg("check")
        .arg(input)
        .args([
            "--format",
            "json",
            "--run-id",
            "r1",
            "--fail-on",
            "none",
            "-o",
        ])
        .arg(out)
        .args(extra)
        .assert()
}

fn report(path: &Path) -> Report {
    zwfw_audit::report::json::read(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Sample rows as (考核单位, 实施编码, 抽样序号), read back from the CSV.
fn sample_rows(dir: &Path) -> Vec<(String, String, usize)> {
    let bytes = std::fs::read(dir.join("sample.csv")).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "BOM for Excel");
    let mut r = csv::Reader::from_reader(&bytes[3..]);
    let headers = r.headers().unwrap().clone();
    assert_eq!(&headers[0], "考核单位");
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (unit, code, seq) = (col("考核单位"), col("实施编码"), col("抽样序号"));
    r.records()
        .map(|row| {
            let row = row.unwrap();
            (
                row[unit].to_owned(),
                row[code].to_owned(),
                row[seq].parse().unwrap(),
            )
        })
        .collect()
}

#[test]
fn streamed_and_in_memory_draw_and_score_the_same_sample() {
    let tmp = tempfile::tempdir().unwrap();
    let input = input(tmp.path());
    let streamed = tmp.path().join("streamed");
    let in_memory = tmp.path().join("in-memory");
    let args = ["--sample", "gb2828", "--seed", "2026"];
    check(&input, &streamed, &args)
        .success()
        .stderr(contains("抽样: 方法 gb2828（边检查边抽样），种子 2026"))
        .stderr(contains("抽样清单已写入"));
    let mut memory_args = args.to_vec();
    memory_args.push("--no-stream");
    check(&input, &in_memory, &memory_args).success();

    let rows = sample_rows(&streamed);
    assert_eq!(rows, sample_rows(&in_memory));
    assert!(streamed.join("sample.xlsx").is_file());

    // Every unit's sample is the GB/T 2828.1 size of its lot, numbered 1..n.
    let s = report(&streamed.join("report.json"));
    let m = report(&in_memory.join("report.json"));
    assert_eq!(s.summary.unreadable, 1);
    let mut per_unit: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (unit, _, seq) in &rows {
        per_unit.entry(unit).or_default().push(*seq);
    }
    assert!(s.scores.len() > 20, "{} units", s.scores.len());
    for score in &s.scores {
        let seqs = &per_unit[score.unit.as_str()];
        assert_eq!(
            seqs.len(),
            SampleMethod::Gb2828.size(score.items),
            "{}",
            score.unit
        );
        assert_eq!(*seqs, (1..=seqs.len()).collect::<Vec<_>>());
        assert_eq!(score.sampled, seqs.len());
    }
    assert!(
        s.scores.iter().any(|u| u.sampled < u.items),
        "some lot is larger than its sample"
    );
    assert_eq!(s.scores, m.scores);

    // The list says which draw made it: `zwfw-audit sample` with the same seed and method draws
    // other items, and writes plain `gb2828`.
    let methods = |path: &Path| -> BTreeSet<String> {
        let bytes = std::fs::read(path).unwrap();
        let mut r = csv::Reader::from_reader(&bytes[3..]);
        let col = r
            .headers()
            .unwrap()
            .iter()
            .position(|h| h == "方法")
            .unwrap();
        r.records()
            .map(|row| row.unwrap()[col].to_owned())
            .collect()
    };
    assert_eq!(
        methods(&streamed.join("sample.csv")),
        BTreeSet::from(["gb2828（边检查边抽样）".to_owned()])
    );
    let redrawn = tmp.path().join("redrawn");
    bin()
        .arg("sample")
        .arg(in_memory.join("report.json"))
        .args(["--seed", "2026", "--method", "gb2828", "-o"])
        .arg(&redrawn)
        .assert()
        .success()
        .stderr(contains("抽样: 方法 gb2828，种子 2026"));
    assert_eq!(
        methods(&redrawn.with_extension("csv")),
        BTreeSet::from(["gb2828".to_owned()])
    );

    // `score --sample` on the written list scores exactly the drawn items.
    let scored = tmp.path().join("scored.json");
    bin()
        .arg("score")
        .arg(in_memory.join("report.json"))
        .arg("--sample")
        .arg(in_memory.join("sample.csv"))
        .arg("-o")
        .arg(&scored)
        .arg("-q")
        .assert()
        .success();
    assert_eq!(report(&scored).scores, s.scores);
}

#[test]
fn the_draw_is_reproducible_and_follows_the_seed_not_the_input_order() {
    let tmp = tempfile::tempdir().unwrap();
    let input = input(tmp.path());
    let text = std::fs::read_to_string(&input).unwrap();
    let reversed = tmp.path().join("reversed.ndjson");
    let mut lines: Vec<&str> = text.lines().collect();
    lines.reverse();
    std::fs::write(&reversed, lines.join("\n") + "\n").unwrap();

    let run = |input: &Path, name: &str, seed: &str| {
        let out = tmp.path().join(name);
        check(
            input,
            &out,
            &[
                "--sample",
                "count:4",
                "--seed",
                seed,
                "--stratify",
                "item_type",
                "-q",
            ],
        )
        .success();
        out
    };
    let a = run(&input, "a", "7");
    let again = run(&input, "again", "7");
    assert_eq!(
        std::fs::read(a.join("sample.csv")).unwrap(),
        std::fs::read(again.join("sample.csv")).unwrap()
    );
    // The generated codes are distinct, so the input order does not change who is drawn.
    let drawn = |dir: &Path| {
        let mut v: Vec<(String, String)> = sample_rows(dir)
            .into_iter()
            .map(|(unit, code, _)| (unit, code))
            .collect();
        v.sort();
        v
    };
    let backwards = run(&reversed, "backwards", "7");
    assert_eq!(drawn(&a), drawn(&backwards));
    let other = run(&input, "other", "8");
    assert_ne!(drawn(&a), drawn(&other));
    assert!(drawn(&a).len() > 60, "four per unit");
    let method = std::fs::read_to_string(a.join("sample.csv")).unwrap();
    assert!(method.contains("count:4+stratify:item_type"));
}

#[test]
fn sample_needs_a_seed_and_an_output_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let input = input(tmp.path());
    check(&input, &tmp.path().join("x"), &["--sample", "count:5"])
        .code(2)
        .stderr(contains("--seed"));
    bin()
        .arg("check")
        .arg(&input)
        .args(["--sample", "count:5", "--seed", "1", "-o", "-"])
        .assert()
        .code(2)
        .stderr(contains("不能与 -o - 同用"));
    check(
        &input,
        &tmp.path().join("y"),
        &["--sample", "count:many", "--seed", "1"],
    )
    .code(2)
    .stderr(contains("抽样方法 \"count:many\" 无效"));
}

/// A `[score] mapping` row that names no item, and the 实施主体 no row covers, are reported in the
/// report's notices with the file and row, whether the check streamed or not.
#[test]
fn an_unused_mapping_row_is_reported_whether_streaming_or_not() {
    let tmp = tempfile::tempdir().unwrap();
    let input = input(tmp.path());
    let mapping = tmp.path().join("单位对照表.csv");
    std::fs::write(
        &mapping,
        "实施主体,考核单位,类型\n广安市不存在局,广安市不存在局,市直单位\n",
    )
    .unwrap();
    let config = tmp.path().join("zwfw-audit.toml");
    std::fs::write(
        &config,
        format!("[score]\nmapping = {:?}\n", mapping.display().to_string()),
    )
    .unwrap();
    let mut notices = Vec::new();
    for (out, extra) in [("streamed", None), ("in-memory", Some("--no-stream"))] {
        let dir = tmp.path().join(out);
        let mut args = vec!["--config", config.to_str().unwrap()];
        args.extend(extra);
        check(&input, &dir, &args)
            .success()
            .stderr(contains("第2行 — 「广安市不存在局」没有对应到任何事项"));
        let found: Vec<String> = report(&dir.join("report.json"))
            .notices
            .into_iter()
            .filter(|n| n.provenance.source.ends_with("单位对照表.csv"))
            .map(|n| format!("{} — {}", n.provenance, n.message))
            .collect();
        assert_eq!(found.len(), 2, "{out}: {found:?}");
        assert!(found[0].contains("第2行 — 「广安市不存在局」没有对应到任何事项"));
        assert!(
            found[1].contains("以下实施主体不在对照表中，按默认划分: ")
                && found[1].contains("等（共 "),
            "{}",
            found[1]
        );
        notices.push(found);
    }
    assert_eq!(notices[0], notices[1]);
}

/// A report drawn and scored while checking (streaming, and in memory with --no-stream) records
/// its draw: `score` of that report scores the same items again, saying so, instead of silently
/// scoring every item.
#[test]
fn score_of_a_report_sampled_while_checking_keeps_its_draw() {
    let tmp = tempfile::tempdir().unwrap();
    let input = input(tmp.path());
    for (name, extra) in [("stream", &[][..]), ("memory", &["--no-stream"][..])] {
        let out = tmp.path().join(name);
        let mut args = vec!["--sample", "gb2828", "--seed", "20261128"];
        args.extend_from_slice(extra);
        check(&input, &out, &args).success();
        let checked = report(&out.join("report.json"));
        let recorded = checked.sample.as_ref().expect("the draw is recorded");
        assert_eq!(recorded.method, "gb2828（边检查边抽样）");
        assert_eq!(recorded.seed, "20261128");
        assert_eq!(
            recorded.items.len(),
            checked.scores.iter().map(|s| s.sampled).sum::<usize>()
        );
        let scored = tmp.path().join(format!("{name}.scored.json"));
        bin()
            .arg("score")
            .arg(out.join("report.json"))
            .arg("-o")
            .arg(&scored)
            .assert()
            .success()
            .stderr(contains("沿用报告中记录的抽样"));
        assert_eq!(report(&scored).scores, checked.scores, "{name}");
    }
}

/// A unit with fewer items than the method asks for is drawn whole, and `check --sample` says so
/// as `sample` does (its score then has no sampling error), streamed or in memory.
#[test]
fn check_says_which_units_are_drawn_whole() {
    let tmp = tempfile::tempdir().unwrap();
    let export = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/exports/sample.json");
    let ndjson = tmp.path().join("sample.ndjson");
    let items: Vec<serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(export).unwrap()).unwrap();
    let lines: Vec<String> = items.iter().map(ToString::to_string).collect();
    std::fs::write(&ndjson, lines.join("\n")).unwrap();
    for (name, extra) in [("stream", None), ("memory", Some("--no-stream"))] {
        let out = tmp.path().join(name);
        let mut args = vec!["--sample", "count:10", "--seed", "20261128"];
        args.extend(extra);
        // Every unit of the bundled sample has 7 or 8 items: all are drawn whole.
        check(&ndjson, &out, &args)
            .success()
            .stderr(contains(
                "东至县: 7（只有 7 个事项，全部抽取，没有抽样误差）",
            ))
            .stderr(contains("池州市市场监督管理局: 8（只有 8 个事项，全部抽取"));
    }
}
