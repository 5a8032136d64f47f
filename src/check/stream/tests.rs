//! The streaming check writes the very report the in-memory check writes.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::*;
use crate::check::check_records;
use crate::r#gen::{GenOptions, write_ndjson};
use crate::report;
use crate::source::read_inputs;

fn run_info(inputs: &[PathBuf]) -> RunInfo {
    RunInfo {
        run_id: "20261129-000000".into(),
        generated_at: "2026-11-29T00:00:00Z".into(),
        inputs: inputs.iter().map(|p| p.display().to_string()).collect(),
    }
}

/// The streaming check of `inputs` with every rule into `dir`.
fn stream(
    inputs: &[PathBuf],
    dir: &Path,
    opts: &StreamOptions,
) -> Result<StreamOutcome, StreamError> {
    check_stream(
        &StreamPlan::of(inputs).expect("streamable"),
        &RuleSet::default(),
        &CheckContext::default(),
        run_info(inputs),
        dir,
        opts,
    )
}

/// Streams `inputs` at chunk sizes 1, 7 and the default into folders under `dir`: each time with
/// the notices and summary of the in-memory `report`, and report.json byte for byte `want`.
fn streams_as_in_memory(inputs: &[PathBuf], dir: &Path, report: &Report, want: &[u8]) {
    for chunk in [1, 7, DEFAULT_CHUNK] {
        let out = dir.join(format!("out{chunk}"));
        std::fs::create_dir_all(&out).unwrap();
        let got = stream(
            inputs,
            &out,
            &StreamOptions {
                chunk,
                ..StreamOptions::default()
            },
        )
        .unwrap();
        assert_eq!(got.notices, report.notices, "chunk {chunk}");
        assert_eq!(got.summary, report.summary, "chunk {chunk}");
        let bytes = std::fs::read(got.report_path.as_ref().unwrap()).unwrap();
        assert!(bytes == want, "chunk {chunk}: reports differ");
    }
}

/// Two inputs: generated items with bad lines mixed in, and a file that does not exist. The
/// second generated run (seed 22) repeats many of the first run's 实施编码.
fn inputs(dir: &Path) -> Vec<PathBuf> {
    let a = dir.join("a.ndjson");
    let mut f = std::fs::File::create(&a).unwrap();
    write_ndjson(
        GenOptions {
            seed: 21,
            defect_rate: 0.6,
            ..GenOptions::default()
        },
        700,
        &mut f,
    )
    .unwrap();
    f.write_all(b"\n{\"name\": \"\xE9\xA3\x9F\xE5\x93\x81\" \n")
        .unwrap(); // blank, broken JSON
    f.write_all(b"\xFF\xFE not utf-8\n").unwrap();
    // Wrong shape: 办理流程 as one record, not a list of them.
    f.write_all(
        "{\"name\": \"食品经营许可\", \"code\": \"X1\", \"steps\": {\"name\": \"受理\"}}\n"
            .as_bytes(),
    )
    .unwrap();
    // 收费项目 as one text, not records: read as a raw list first in the stream, it must be
    // reported as the in-memory reader reports it.
    f.write_all(
        "{\"name\": \"食品经营许可\", \"code\": \"X2\", \"fees\": \"不收费\"}\n".as_bytes(),
    )
    .unwrap();
    write_ndjson(
        GenOptions {
            seed: 22,
            defect_rate: 0.6,
            ..GenOptions::default()
        },
        300,
        &mut f,
    )
    .unwrap();
    f.write_all(br#"{"name":"last line without newline","consult_phone":"2021234"}"#)
        .unwrap();
    vec![a, dir.join("missing.jsonl")]
}

fn in_memory(inputs: &[PathBuf]) -> (Report, Vec<u8>) {
    let mut records = Vec::new();
    read_inputs(inputs, &mut |r| records.push(r));
    let report = check_records(
        records,
        &RuleSet::default(),
        &CheckContext::default(),
        run_info(inputs),
    );
    let mut bytes = Vec::new();
    report::json::write(&report, &mut bytes).unwrap();
    (report, bytes)
}

#[test]
fn streaming_and_in_memory_reports_are_identical() {
    let tmp = tempfile::tempdir().unwrap();
    let inputs = inputs(tmp.path());
    let (report, want) = in_memory(&inputs);
    assert_eq!(report.summary.unreadable, 4, "{:?}", report.summary);
    assert!(report.summary.errors > 100, "{:?}", report.summary);
    // The missing file, and the second generator run repeating the first run's 实施编码: the
    // stream must report the same duplicates, in the same places, as the in-memory reader.
    let errors = report
        .notices
        .iter()
        .filter(|n| n.level == NoticeLevel::Error)
        .count();
    let duplicates = report
        .notices
        .iter()
        .filter(|n| n.level == NoticeLevel::Warning && n.message.contains("重复"))
        .count();
    assert_eq!(errors, 1, "{:?}", report.notices);
    assert!(duplicates > 100, "{duplicates} duplicate-code notices");
    assert_eq!(report.notices.len(), errors + duplicates);
    for chunk in [1, 7, 100, DEFAULT_CHUNK] {
        let out = tmp.path().join(format!("out{chunk}"));
        std::fs::create_dir_all(&out).unwrap();
        let told = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let heard = std::sync::Arc::clone(&told);
        let got = stream(
            &inputs,
            &out,
            &StreamOptions {
                chunk,
                scores: None,
                sample: None,
                progress: Some(crate::check::Progress::new(move |done| {
                    heard.lock().unwrap().push(done);
                })),
                // The whole report kept as well, for the other formats.
                keep: chunk == 7,
                ..StreamOptions::default()
            },
        )
        .unwrap();
        // Kept on disk, each unit's share reads back as the in-memory report holds it.
        assert_eq!(got.shards.is_some(), chunk == 7);
        if let Some(shards) = &got.shards {
            shards_hold(shards, &report);
            // Written from them, a unit at a time, as told.
            let dir = tmp.path().join("formats");
            std::fs::create_dir_all(&dir).unwrap();
            let formats = [report::output::Format::Csv, report::output::Format::Xlsx];
            let mut told = Vec::new();
            let files = report::output::write_dir_by_unit(shards, &dir, &formats, &mut |k, n| {
                told.push((k, n));
            })
            .unwrap();
            let n = shards.units().len();
            assert_eq!(told, (0..=n).map(|k| (k, n)).collect::<Vec<_>>());
            assert_eq!(files.len(), 2 + n, "{files:?}");
            assert!(files.iter().all(|f| f.exists()), "{files:?}");
        }
        // The progress is told after each chunk, counting up to every item.
        let told = told.lock().unwrap();
        assert!(
            told.windows(2).all(|w| w[0] <= w[1]),
            "chunk {chunk}: {told:?}"
        );
        assert_eq!(told.last(), Some(&report.summary.items), "chunk {chunk}");
        assert!(
            told.len() >= report.summary.items / chunk.max(1) / 2,
            "chunk {chunk}: told {} times for {} items",
            told.len(),
            report.summary.items
        );
        let bytes = std::fs::read(got.report_path.as_ref().unwrap()).unwrap();
        assert!(
            bytes == want,
            "chunk {chunk}: reports differ (stream {} bytes, in memory {} bytes)",
            bytes.len(),
            want.len()
        );
        assert_eq!(got.summary, report.summary);
        assert_eq!(got.notices, report.notices);
        assert_eq!(got.first_findings, report.findings[..10]);
        // Only the report is left in the folder, once the shards are done with.
        drop(got.shards);
        let left: Vec<_> = std::fs::read_dir(&out).unwrap().flatten().collect();
        assert_eq!(left.len(), 1, "{left:?}");
    }
    let read = report::json::read(&String::from_utf8(want).unwrap()).unwrap();
    assert_eq!(read, report);
}

/// The shards hold `report` unit by unit: each unit's entries (checked or not) and findings in
/// report order, the records of no unit only among the unreadable, and the rest as it is.
fn shards_hold(shards: &report::shards::Shards, report: &report::Report) {
    let views = report::view::Views::of(report);
    let names: Vec<&str> = views.units.iter().map(|u| u.name).collect();
    assert_eq!(shards.units(), names);
    assert!(names.len() > 1, "{names:?}");
    for name in names {
        let part = shards.unit(name).unwrap();
        let items: Vec<_> = report.items.iter().filter(|i| i.unit == name).collect();
        let findings: Vec<_> = report.findings.iter().filter(|f| f.unit == name).collect();
        assert_eq!(part.items.iter().collect::<Vec<_>>(), items, "{name}");
        assert_eq!(part.findings.iter().collect::<Vec<_>>(), findings, "{name}");
        let header = report::Report {
            items: Vec::new(),
            findings: Vec::new(),
            ..part
        };
        let whole = report::Report {
            items: Vec::new(),
            findings: Vec::new(),
            ..report.clone()
        };
        assert_eq!(header, whole);
    }
    let unreadable: Vec<_> = report
        .items
        .iter()
        .filter(|i| i.status == report::ItemStatus::Unreadable)
        .cloned()
        .collect();
    assert_eq!(unreadable.len(), report.summary.unreadable);
    assert!(
        unreadable
            .iter()
            .any(|i| i.unit == crate::check::UNREADABLE_UNIT),
        "a record of no unit among {unreadable:?}"
    );
    assert_eq!(shards.unreadable().unwrap(), unreadable);
}

#[test]
fn empty_input_gives_an_empty_report_like_the_in_memory_path() {
    let tmp = tempfile::tempdir().unwrap();
    let empty = tmp.path().join("empty.ndjson");
    std::fs::write(&empty, "\n\n").unwrap();
    let inputs = vec![empty];
    let (report, want) = in_memory(&inputs);
    assert_eq!(report.summary.items, 0);
    let got = check_stream(
        &StreamPlan::of(&inputs).expect("streamable"),
        &RuleSet::default(),
        &CheckContext::default(),
        run_info(&inputs),
        tmp.path(),
        &StreamOptions::default(),
    )
    .unwrap();
    assert_eq!(std::fs::read(got.report_path.unwrap()).unwrap(), want);
}

/// NDJSON, JSON holding an array of items, workbooks and crawl folders stream; a JSON file of one
/// item or of nothing, a file that cannot be told, and text tables (the run's text tables are
/// put together into one workbook) do not.
#[test]
fn what_streams_and_what_does_not() {
    let tmp = tempfile::tempdir().unwrap();
    let p = |s: &str| tmp.path().join(s);
    let files = [
        ("array.json", "\u{feff} [{\"name\": \"食品经营许可\"}]"),
        ("lines.json", "{\"name\": \"a\"}\n{\"name\": \"b\"}\n"),
        ("one.json", "{\"name\": \"食品经营许可\"}\n"),
        ("wrapped.json", "{\"items\": [{\"name\": \"a\"}]}"),
        (
            "answer.json",
            "{\"code\": \"0\", \"data\": {\"rows\": [{\"name\": \"a\"}]}}",
        ),
        (
            "one-answer.json",
            "{\"code\": 0, \"data\": {\"name\": \"a\"}}",
        ),
        ("blank.json", "  \n"),
    ];
    for (name, text) in files {
        std::fs::write(p(name), text).unwrap();
    }
    // Tables and NDJSON stream or not by their name alone.
    for name in ["a.ndjson", "b.JSONL", "a.xlsx", "b.et", "a.csv", "b.txt"] {
        std::fs::write(p(name), "").unwrap();
    }
    assert!(all_streamable(&[p("a.ndjson"), p("b.JSONL")]));
    assert!(all_streamable(&[
        p("a.ndjson"),
        p("array.json"),
        p("lines.json"),
        p("wrapped.json"),
        p("answer.json"),
        p("a.xlsx"),
        p("b.et"),
    ]));
    for other in [
        "one.json",
        "one-answer.json",
        "blank.json",
        "a.csv",
        "b.txt",
    ] {
        assert!(!all_streamable(&[p("a.ndjson"), p(other)]), "{other}");
    }
    assert!(!all_streamable(&[]));
    // A file that is not there is said to be missing whichever way the rest is read (an error
    // notice of the plan); it does not keep the rest from streaming.
    assert!(all_streamable(&[p("a.ndjson"), p("missing.json")]));
    assert!(!all_streamable(&[p("missing.json")]));
}

/// A folder of exports (a county's a file) streams as its files would, in the order the
/// in-memory reader reads them; a folder holding no export says so first, as there.
#[test]
fn a_folder_of_exports_streams_to_the_in_memory_report() {
    let tmp = tempfile::tempdir().unwrap();
    let exports = tmp.path().join("导出");
    std::fs::create_dir_all(&exports).unwrap();
    let files = array_inputs(&exports);
    inputs(&exports);
    assert_eq!(files.len(), 2);
    let empty = tmp.path().join("空文件夹");
    std::fs::create_dir_all(&empty).unwrap();
    let folders = vec![exports.clone(), empty];
    assert!(all_streamable(&folders));
    std::fs::write(exports.join("说明.csv"), "事项名称,实施编码\n").unwrap();
    assert!(!all_streamable(&folders), "a text table among them");
    std::fs::remove_file(exports.join("说明.csv")).unwrap();
    let (report, want) = in_memory(&folders);
    assert_eq!(report.summary.items, 507 + 1005, "{:?}", report.summary);
    assert!(
        report.notices[0].message.contains("中没有可读取的文件"),
        "{:?}",
        report.notices[0]
    );
    let out = tmp.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    let got = stream(&folders, &out, &StreamOptions::default()).unwrap();
    assert_eq!(got.notices, report.notices);
    let bytes = std::fs::read(got.report_path.unwrap()).unwrap();
    assert!(bytes == want, "reports differ");
}

/// `count` generated items (seed `seed`, defect rate 0.6), each as its NDJSON line.
fn generated_lines(seed: u64, count: u64) -> Vec<Vec<u8>> {
    let mut ndjson = Vec::new();
    write_ndjson(
        GenOptions {
            seed,
            defect_rate: 0.6,
            ..GenOptions::default()
        },
        count,
        &mut ndjson,
    )
    .unwrap();
    ndjson
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .map(<[u8]>::to_vec)
        .collect()
}

/// Generated items as one JSON array, pretty-printed as platforms export them, with records that
/// break in every way an array's record can (each said below), and an array cut short.
fn array_inputs(dir: &Path) -> Vec<PathBuf> {
    let mut records = generated_lines(23, 500);
    // A comma missing inside a record (JSON syntax: unreadable, with its line in the file).
    records.insert(100, r#"{"name": "特种设备使用登记" "code": "X0"}"#.into());
    // Not an object.
    records.insert(200, b"5".to_vec());
    // Not UTF-8.
    records.insert(300, b"{\"name\": \"\xFF\xFE\"}".to_vec());
    // Of the wrong shape (unreadable, naming the field).
    records.insert(
        400,
        r#"{"name": "食品经营许可", "code": "X1", "steps": {"name": "受理"}}"#
            .as_bytes()
            .to_vec(),
    );
    let array = dir.join("array.json");
    let mut text = b"\xEF\xBB\xBF[\n  ".to_vec();
    text.extend(records.join(&b",\n  "[..]));
    text.extend(b"\n]\n");
    std::fs::write(&array, text).unwrap();
    // Cut short in the middle of its third record.
    let cut = dir.join("cut.json");
    let mut text = b"[".to_vec();
    text.extend(records[..3].join(&b","[..]));
    text.truncate(text.len() - 40);
    std::fs::write(&cut, text).unwrap();
    vec![array, cut]
}

/// The array of items inside an object (an interface's answer saved as it came, `{"items": …}`)
/// streams to the very report the in-memory reader and check give, as an array file does: the
/// answer's notice first, the broken records each where it is in the file, a cut inside the
/// array after the records before it, and an empty array said to be empty.
#[test]
fn arrays_inside_objects_stream_to_the_in_memory_report() {
    let tmp = tempfile::tempdir().unwrap();
    let arrays = array_inputs(tmp.path());
    let wrap = |from: &Path, name: &str, before: &str, after: &str| {
        let array = std::fs::read(from).unwrap();
        let array = array.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&array);
        let path = tmp.path().join(name);
        std::fs::write(&path, [before.as_bytes(), array, after.as_bytes()].concat()).unwrap();
        path
    };
    let inputs = vec![
        wrap(
            &arrays[0],
            "接口返回.json",
            "\u{feff}{\"code\": \"0\", \"msg\": \"成功\",\n \"data\": {\"total\": 504, \"rows\": ",
            ",\n \"pageNo\": 1}}\n",
        ),
        // Cut short inside the array.
        wrap(&arrays[1], "导出.json", "{\"total\": 3, \"items\": ", ""),
        wrap(
            &arrays[1],
            "空的.json",
            "{\"code\": 200, \"data\": [] ",
            "}",
        ),
    ];
    std::fs::write(&inputs[2], "{\"code\": 200, \"data\": [ ]}").unwrap();
    assert!(all_streamable(&inputs));
    let (report, want) = in_memory(&inputs);
    assert_eq!(report.summary.items, 504 + 3);
    assert_eq!(report.summary.unreadable, 4 + 1, "{:?}", report.summary);
    let broken = report
        .items
        .iter()
        .find(|i| i.status == report::ItemStatus::Unreadable)
        .unwrap();
    assert!(
        broken
            .provenance
            .to_string()
            .ends_with("接口返回.json 第101条")
    );
    // Line 102 of the array is line 103 of the file; its first line begins 37 characters in.
    assert_eq!(
        broken.reason.as_deref(),
        Some("JSON 语法错误：第 103 行第 23 列缺少逗号或右花括号 }")
    );
    let said: Vec<&str> = report.notices.iter().map(|n| n.message.as_str()).collect();
    assert!(said[0].contains("事项在「data.rows」里"), "{said:?}");
    assert!(
        said.iter().any(|m| m.contains("事项数组缺少右方括号")),
        "{said:?}"
    );
    assert!(
        said.iter()
            .any(|m| m.contains("接口返回数据里的事项数组是空的")),
        "{said:?}"
    );
    streams_as_in_memory(&inputs, tmp.path(), &report, &want);
}

/// A JSON array streams to the very report the in-memory reader and check give: its records, the
/// broken ones each where it is, and the notice of the cut array after the records before it.
#[test]
fn json_arrays_stream_to_the_in_memory_report() {
    let tmp = tempfile::tempdir().unwrap();
    let inputs = array_inputs(tmp.path());
    assert!(all_streamable(&inputs));
    let (report, want) = in_memory(&inputs);
    assert_eq!(report.summary.items, 504 + 3);
    assert_eq!(report.summary.unreadable, 4 + 1, "{:?}", report.summary);
    let unreadable: Vec<(String, &str)> = report
        .items
        .iter()
        .filter(|i| i.status == report::ItemStatus::Unreadable)
        .map(|i| {
            (
                i.provenance.to_string(),
                i.reason.as_deref().unwrap_or_default(),
            )
        })
        .collect();
    assert!(
        unreadable[0].0.ends_with("array.json 第101条"),
        "{unreadable:?}"
    );
    assert_eq!(
        unreadable[0].1,
        "JSON 语法错误：第 102 行第 23 列缺少逗号或右花括号 }"
    );
    assert_eq!(unreadable[1].1, "不是事项对象");
    assert!(
        unreadable[2].1.starts_with("该记录不是 UTF-8 文本"),
        "{unreadable:?}"
    );
    assert_eq!(unreadable[3].1, "字段「steps」应为列表，实为对象 {…}");
    assert!(
        unreadable[4].0.ends_with("cut.json 第3条"),
        "{unreadable:?}"
    );
    assert!(unreadable[4].1.contains("意外结束"), "{unreadable:?}");
    let cut: Vec<_> = report
        .notices
        .iter()
        .filter(|n| n.message.contains("事项数组缺少右方括号"))
        .collect();
    assert_eq!(cut.len(), 1, "{:?}", report.notices);
    streams_as_in_memory(&inputs, tmp.path(), &report, &want);
}

/// 1,000 generated items with distinct codes and a bad line after the 700th, then a missing file.
fn scored_inputs(dir: &Path) -> Vec<PathBuf> {
    let a = dir.join("a.ndjson");
    let mut f = std::fs::File::create(&a).unwrap();
    let opts = GenOptions {
        seed: 21,
        defect_rate: 0.6,
        ..GenOptions::default()
    };
    write_ndjson(opts, 700, &mut f).unwrap();
    f.write_all(
        "{\"name\": \"食品经营许可\", \"code\": \"X1\", \"steps\": {\"name\": \"受理\"}}\n"
            .as_bytes(),
    )
    .unwrap();
    for i in 700..1000 {
        serde_json::to_writer(&mut f, &crate::r#gen::generate(opts, i).item).unwrap();
        f.write_all(b"\n").unwrap();
    }
    drop(f);
    vec![a, dir.join("missing.jsonl")]
}

#[test]
fn census_scores_in_the_stream_equal_score_units_on_the_in_memory_report() {
    use crate::score::{ScoreOptions, UnitMapping, score_units};
    let tmp = tempfile::tempdir().unwrap();
    // No repeated 实施编码 here: the census tally judges an item's missing elements from its own
    // findings, where `score_units` pools items sharing code and name (see `score::census`).
    let inputs = scored_inputs(tmp.path());
    let (mut report, _) = in_memory(&inputs);
    assert!(report.notices.iter().all(|n| !n.message.contains("重复")));
    let opts = ScoreOptions::default();
    report.scores = score_units(&report, &UnitMapping::default(), None, None, opts);
    report.scoring_settings = Some(report::ScoringSettings::of(&UnitMapping::default(), opts));
    assert!(report.scores.len() > 50);
    let got = check_stream(
        &StreamPlan::of(&inputs).expect("streamable"),
        &RuleSet::default(),
        &CheckContext::default(),
        run_info(&inputs),
        tmp.path(),
        &StreamOptions {
            chunk: 64,
            scores: Some((UnitMapping::default(), opts)),
            sample: None,
            ..StreamOptions::default()
        },
    )
    .unwrap();
    let text = std::fs::read_to_string(got.report_path.unwrap()).unwrap();
    assert_eq!(report::json::read(&text).unwrap(), report);
}

/// The reservoir draws in the stream what `draw_report` draws from the finished report, whatever
/// the chunk size, and the stream's sample scores are `score_units` over the drawn items.
#[test]
fn sample_in_the_stream_equals_the_draw_over_the_in_memory_report() {
    use crate::score::reservoir::draw_report;
    use crate::score::{SampleMethod, SampleSpec, ScoreOptions, UnitMapping, score_units};
    let tmp = tempfile::tempdir().unwrap();
    let inputs = scored_inputs(tmp.path());
    let (mut report, _) = in_memory(&inputs);
    let spec = SampleSpec {
        method: SampleMethod::Count(6),
        seed: 11,
        stratify: true,
    };
    let mapping = UnitMapping::default();
    let want = draw_report(&report, &mapping, spec);
    let chosen = want.iter().map(|r| r.index).collect();
    let opts = ScoreOptions::default();
    report.scores = score_units(&report, &mapping, Some(&chosen), None, opts);
    report.scoring_settings = Some(report::ScoringSettings::of(&mapping, opts));
    assert!(report.scores.iter().any(|s| s.sampled < s.items));
    for chunk in [1, 64, 5000] {
        let dir = tmp.path().join(format!("chunk-{chunk}"));
        std::fs::create_dir_all(&dir).unwrap();
        let got = stream(
            &inputs,
            &dir,
            &StreamOptions {
                chunk,
                scores: Some((mapping.clone(), opts)),
                sample: Some(spec),
                ..StreamOptions::default()
            },
        )
        .unwrap();
        assert_eq!(got.sample, want, "chunk {chunk}");
        // The report records the draw, so that `score` of it scores the same items again.
        report.sample = Some(crate::score::sample::streaming_record(
            &want,
            &spec,
            &dir.join("sample.xlsx"),
        ));
        let text = std::fs::read_to_string(got.report_path.unwrap()).unwrap();
        assert_eq!(report::json::read(&text).unwrap(), report, "chunk {chunk}");
    }
}

/// `check`'s in-memory path checks records a run at a time as they are read: any cut gives the
/// report (and, with --links, the link uses indexed by report entry) of checking them at once.
#[test]
fn a_report_built_a_run_at_a_time_is_the_one_built_at_once() {
    let tmp = tempfile::tempdir().unwrap();
    let inputs = inputs(tmp.path());
    let (want, _) = in_memory(&inputs);
    let mut records = Vec::new();
    read_inputs(&inputs, &mut |r| records.push(r));
    let want_links = crate::links::collect_records(&records);
    assert!(
        records
            .iter()
            .any(|r| matches!(r, crate::source::Record::Notice(_)))
    );
    assert!(want.summary.unreadable > 0 && !want_links.is_empty());
    for run in [1, 2, 7, records.len()] {
        let (rules, ctx) = (RuleSet::default(), CheckContext::default());
        let mut builder = crate::check::Builder::new(&rules, &ctx);
        let mut links = Vec::new();
        let mut pending = Vec::new();
        let mut rest = records.clone().into_iter().peekable();
        while rest.peek().is_some() {
            pending.extend(rest.by_ref().take(run));
            links.extend(crate::links::collect_records_from(
                &pending,
                builder.entries(),
            ));
            builder.add(std::mem::take(&mut pending));
        }
        assert_eq!(builder.finish(run_info(&inputs)), want, "runs of {run}");
        assert_eq!(links, want_links, "runs of {run}");
    }
}

/// Fails when `dir` holds anything (a temporary file left).
fn no_files_left(dir: &Path) {
    let left: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert!(left.is_empty(), "temporary files left: {left:?}");
}

/// A report file split into shards (`zwfw-audit report` of a province's report) holds what the
/// report read whole holds, unit by unit; a file cut short says so and leaves no temporary file.
#[test]
fn a_report_file_splits_into_the_shards_of_its_report() {
    let tmp = tempfile::tempdir().unwrap();
    let inputs = inputs(tmp.path());
    let (report, bytes) = in_memory(&inputs);
    let path = tmp.path().join("report.json");
    std::fs::write(&path, &bytes).unwrap();
    let out = tmp.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    let shards = report::shards::Shards::read_json(&path, &out).unwrap();
    shards_hold(&shards, &report);
    drop(shards);
    no_files_left(&out);
    std::fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
    let err = report::shards::Shards::read_json(&path, &out)
        .err()
        .expect("cut short");
    assert!(err.starts_with("文件不完整"), "{err}");
    no_files_left(&out);
}

/// Without report.json asked for, none is written: the report kept on disk serves the other
/// formats as it does with it, and is removed when done with.
#[test]
fn a_report_kept_for_other_formats_alone_writes_no_report_json() {
    let tmp = tempfile::tempdir().unwrap();
    let inputs = inputs(tmp.path());
    let (report, _) = in_memory(&inputs);
    let out = tmp.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    let got = stream(
        &inputs,
        &out,
        &StreamOptions {
            keep: true,
            json: false,
            ..StreamOptions::default()
        },
    )
    .unwrap();
    assert_eq!(got.report_path, None);
    assert!(!out.join("report.json").exists());
    assert_eq!(got.summary, report.summary);
    shards_hold(got.shards.as_ref().expect("kept"), &report);
    drop(got.shards);
    no_files_left(&out);
}

/// A kept report whose temporary file is gone (a cleaner, a full disk) is said to be so, with the
/// file, and leaves no page, findings.csv or all-units workbook that would pass for whole ones.
#[test]
fn a_kept_report_that_cannot_be_read_back_is_said_so() {
    use crate::report::output::{self, Format, WriteError};
    let tmp = tempfile::tempdir().unwrap();
    let inputs = inputs(tmp.path());
    let out = tmp.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    let got = stream(
        &inputs,
        &out,
        &StreamOptions {
            keep: true,
            ..StreamOptions::default()
        },
    )
    .unwrap();
    let shards = got.shards.expect("kept");
    let findings = out.join(".report-findings.tmp");
    std::fs::remove_file(&findings).unwrap();
    let formats = [Format::Xlsx, Format::Html, Format::Csv];
    let mut told = Vec::new();
    let err = output::write_dir_by_unit(&shards, &out, &formats, &mut |k, n| told.push((k, n)))
        .expect_err("the findings are gone");
    // Failed on the first unit it read back.
    assert_eq!(told.len(), 1, "{told:?}");
    assert!(
        matches!(&err, WriteError::Read { path, .. } if path == &findings),
        "{err:?}"
    );
    assert!(err.to_string().starts_with("无法读回临时文件"), "{err}");
    for name in ["report.html", "findings.csv", output::ALL_UNITS_XLSX] {
        assert!(!out.join(name).exists(), "{name} left");
    }
    // The report itself stands.
    assert!(got.report_path.unwrap().exists());
}

/// Three crawl output folders: one paused part-way (its status says so) with items, a line that
/// is not UTF-8 and failed pages, one whose crawl found no page, and one whose first crawl has
/// not finished (a journal, no items yet).
fn crawl_inputs(dir: &Path) -> Vec<PathBuf> {
    use crate::source::crawl::status::{CrawlStatus, FailedList};
    let paused = dir.join("池州-抓取");
    std::fs::create_dir_all(&paused).unwrap();
    let mut lines = generated_lines(31, 300);
    // Items carry the guide page they were read from, as the crawler writes them.
    for (i, line) in lines.iter_mut().enumerate().step_by(3) {
        let text = String::from_utf8(std::mem::take(line)).unwrap();
        let page =
            format!(r#""provenance":{{"source":"https://zwfw.chizhou.gov.cn/guide/{i}.html"}}"#);
        assert!(text.contains(r#""provenance":{"source":""}"#));
        *line = text
            .replace(r#""provenance":{"source":""}"#, &page)
            .into_bytes();
    }
    lines.insert(150, b"{\"name\": \"\xFF\xFE\"}".to_vec());
    lines.insert(151, Vec::new());
    std::fs::write(paused.join("items.ndjson"), lines.join(&b'\n')).unwrap();
    let failed = crate::source::Unreadable {
        provenance: Provenance::file("https://zwfw.chizhou.gov.cn/guide/900.html"),
        reason: "失败: HTTP 500".into(),
        code: Some("11341700MB1234567X3000104002000".into()),
        name: Some("特种设备使用登记".into()),
        partial: None,
    };
    std::fs::write(
        paused.join("unreadable.ndjson"),
        format!(
            "{}\n\n{{\"reason\": 5}}\n",
            serde_json::to_string(&failed).unwrap()
        ),
    )
    .unwrap();
    let status = CrawlStatus {
        profile: "chizhou".into(),
        pass: 2,
        complete: false,
        stopped: Some("达到本次最多抓取页数".into()),
        failed_lists: vec![FailedList {
            url: "https://zwfw.chizhou.gov.cn/list?page=7".into(),
            reason: "失败: HTTP 404".into(),
        }],
        carried: Vec::new(),
        running: None,
        items: 300,
        unreadable: 2,
        at: "2026-11-30T02:10:00+08:00".into(),
    };
    std::fs::write(
        paused.join(crate::source::crawl::status::FILE),
        serde_json::to_string(&status).unwrap(),
    )
    .unwrap();
    let found_nothing = dir.join("东至-抓取");
    std::fs::create_dir_all(&found_nothing).unwrap();
    std::fs::write(found_nothing.join("items.ndjson"), "").unwrap();
    let unfinished = dir.join("石台-抓取");
    std::fs::create_dir_all(&unfinished).unwrap();
    std::fs::write(unfinished.join("journal.ndjson"), "{}\n").unwrap();
    vec![paused, found_nothing, unfinished]
}

/// A crawl's output folder streams to the very report the in-memory reader and check give: what
/// its status says first, its items (each placed on its guide page, or on its line), the line
/// that is not UTF-8 and the failed pages as unreadable records, and the folders that hold no
/// item said to.
#[test]
fn crawl_folders_stream_to_the_in_memory_report() {
    let tmp = tempfile::tempdir().unwrap();
    let inputs = crawl_inputs(tmp.path());
    assert!(all_streamable(&inputs));
    let (report, want) = in_memory(&inputs);
    assert_eq!(report.summary.items, 300 + 1 + 2, "{:?}", report.summary);
    assert_eq!(report.summary.unreadable, 1 + 2, "{:?}", report.summary);
    assert!(
        report
            .items
            .iter()
            .any(|i| &*i.provenance.source == "https://zwfw.chizhou.gov.cn/guide/3.html")
    );
    let said: Vec<&str> = report.notices.iter().map(|n| n.message.as_str()).collect();
    for words in [
        "抓取没有完成（达到本次最多抓取页数）",
        "1 个列表页无法读取",
        "抓取没有找到任何事项页面",
        "还没有完成过一次",
    ] {
        assert!(said.iter().any(|m| m.contains(words)), "{words}: {said:?}");
    }
    streams_as_in_memory(&inputs, tmp.path(), &report, &want);
}

/// Workbooks stream to the very report the in-memory reader and check give: the sample export
/// (every sheet, and the notices its reader gives after its records) after NDJSON repeating
/// some of its 实施编码, a generated platform-style workbook whose 实施编码 repeat another NDJSON
/// file's (the duplicate notices fall among the reader's where they do in memory), and a
/// workbook that is not one (its error notice, and the run goes on).
#[test]
fn workbooks_stream_to_the_in_memory_report() {
    let tmp = tempfile::tempdir().unwrap();
    let ndjson = inputs(tmp.path()).remove(0);
    let sample = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/exports/sample.xlsx"
    ));
    let mut repeated = Vec::new();
    read_inputs(std::slice::from_ref(&sample), &mut |r| {
        if let crate::source::Record::Item(item) = r
            && repeated.len() < 30
        {
            repeated.push(serde_json::to_string(&item).unwrap());
        }
    });
    let repeats = tmp.path().join("重复.ndjson");
    std::fs::write(&repeats, repeated.join("\n")).unwrap();
    let items: Vec<crate::model::Item> = (0..300)
        .map(|i| {
            crate::r#gen::generate(
                GenOptions {
                    seed: 21,
                    defect_rate: 0.6,
                    ..GenOptions::default()
                },
                i,
            )
            .item
        })
        .collect();
    let generated = tmp.path().join("东至县事项导出.xlsx");
    crate::r#gen::sheets::write_xlsx(&items, "东至县政务服务事项实施清单", &generated).unwrap();
    let broken = tmp.path().join("石台县事项导出.xlsx");
    std::fs::write(&broken, b"PK\x03\x04 not a workbook").unwrap();
    // A county's own workbook: an item repeating a generated 实施编码, and a material row of no
    // item (an orphan, told after the items are read).
    let county = tmp.path().join("青阳县事项导出.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let rows: [&[&str]; 3] = [
        &[
            "实施编码",
            "事项名称",
            "实施主体",
            "承诺办结时限",
            "办理地点",
            "咨询电话",
        ],
        &[
            &items[0].code,
            "食品经营许可（新办）",
            "青阳县市场监督管理局",
            "10个工作日",
            "青阳县蓉城镇九华西路8号政务服务中心二楼8号窗口",
            "0566-5021156",
        ],
        &[
            "1134172300312541513000117099000",
            "食品经营许可（延续）",
            "青阳县市场监督管理局",
            "10个工作日",
            "青阳县蓉城镇九华西路8号政务服务中心二楼8号窗口",
            "0566-5021156",
        ],
    ];
    let sheets: [(&str, &[&[&str]]); 2] = [
        ("事项", &rows),
        (
            "材料",
            &[
                &["实施编码", "材料名称", "来源渠道", "份数"],
                &[
                    "1134172300312541513000117000000",
                    "营业执照",
                    "政府部门核发",
                    "1",
                ],
            ],
        ),
    ];
    for (name, rows) in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                ws.write_string(r as u32, c as u16, *v).unwrap();
            }
        }
    }
    wb.save(&county).unwrap();
    let inputs = vec![repeats, sample, ndjson, generated, county, broken];
    assert!(all_streamable(&inputs));
    let (report, want) = in_memory(&inputs);
    assert!(
        report.summary.items > 30 + 36 + 300 + 500,
        "{:?}",
        report.summary
    );
    let said: Vec<&str> = report.notices.iter().map(|n| n.message.as_str()).collect();
    assert!(
        said.iter().any(|m| m.contains("石台县事项导出.xlsx")),
        "{said:?}"
    );
    assert!(said.iter().any(|m| m.contains("重复")), "{said:?}");
    streams_as_in_memory(&inputs, tmp.path(), &report, &want);
}
