//! End to end: `zwfw-audit gen` is reproducible, and `zwfw-audit check` on NDJSON or a JSON array
//! (streamed by default) writes the same report as the in-memory path (`--no-stream`).

use assert_cmd::Command;
use predicates::prelude::PredicateBooleanExt;
use predicates::str::contains;

/// The report.json in `dir`, without its run time (which differs between two runs), for
/// comparing a streamed run with an in-memory one.
fn report_without_time(dir: &std::path::Path) -> zwfw_audit::report::Report {
    let text = std::fs::read_to_string(dir.join("report.json")).unwrap();
    let mut report = zwfw_audit::report::json::read(&text).unwrap();
    report.generated_at.clear();
    report
}

fn bin() -> Command {
    Command::cargo_bin("zwfw-audit").unwrap()
}

#[test]
fn gen_is_reproducible_and_check_streams_the_same_report() {
    let tmp = tempfile::tempdir().unwrap();
    let a = tmp.path().join("a.ndjson");
    let b = tmp.path().join("b.ndjson");
    for path in [&a, &b] {
        bin()
            .args(["gen", "--count", "400", "--seed", "9", "-o"])
            .arg(path)
            .assert()
            .success();
    }
    let bytes = std::fs::read(&a).unwrap();
    assert_eq!(bytes, std::fs::read(&b).unwrap());
    assert_eq!(String::from_utf8_lossy(&bytes).lines().count(), 400);

    let streamed = tmp.path().join("streamed");
    let in_memory = tmp.path().join("in-memory");
    for (out, extra) in [(&streamed, None), (&in_memory, Some("--no-stream"))] {
        let mut cmd = bin();
        // The JSON report alone: the test below compares every format.
        cmd.arg("check")
            .arg(&a)
            .args(["--format", "json", "--run-id", "r1", "-o"])
            .arg(out)
            .args(extra);
        // Seed 9 at the default defect rate has phone defects: exit 1 (errors found).
        cmd.assert().code(1).stderr(contains("已检查 400 个事项"));
    }
    let read = report_without_time;
    let (s, m) = (read(&streamed), read(&in_memory));
    assert_eq!(s.summary.checked, 400);
    assert!(s.summary.errors > 0);
    assert_eq!(s, m);
}

/// A platform's JSON export, one array of items (`gen --format json`: indented, as platforms
/// write it), is checked as it streams: the report the in-memory path writes, and the findings the same items give as
/// NDJSON, each placed by its record (第N条) instead of its line.
#[test]
fn a_json_array_export_streams_to_the_report_its_ndjson_gives() {
    let tmp = tempfile::tempdir().unwrap();
    let ndjson = tmp.path().join("items.ndjson");
    bin()
        .args(["gen", "--count", "300", "--seed", "9", "-o"])
        .arg(&ndjson)
        .assert()
        .success();
    // The same items as one array, from `gen --format json`.
    let array = tmp.path().join("事项导出.json");
    bin()
        .args([
            "gen", "--count", "300", "--seed", "9", "--format", "json", "-o",
        ])
        .arg(&array)
        .assert()
        .success();
    let text = std::fs::read_to_string(&ndjson).unwrap();
    let elements: Vec<serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(&array).unwrap()).unwrap();
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(elements, lines, "gen writes the same items either way");
    let run = |input: &std::path::Path, out: &str, extra: &[&str]| {
        let out = tmp.path().join(out);
        bin()
            .arg("check")
            .arg(input)
            .args(["--format", "json", "--run-id", "r1", "-o"])
            .arg(&out)
            .args(extra)
            .assert()
            .code(1)
            .stderr(contains("已检查 300 个事项"));
        let text = std::fs::read_to_string(out.join("report.json")).unwrap();
        let mut report = zwfw_audit::report::json::read(&text).unwrap();
        report.generated_at.clear();
        report
    };
    let streamed = run(&array, "streamed", &[]);
    let in_memory = run(&array, "in-memory", &["--no-stream"]);
    assert_eq!(streamed, in_memory);
    let lines = run(&ndjson, "ndjson", &[]);
    assert_eq!(streamed.summary, lines.summary);
    assert!(streamed.summary.errors > 0);
    let places = |r: &zwfw_audit::report::Report| -> Vec<(String, String, Option<u64>)> {
        r.findings
            .iter()
            .map(|f| {
                let at = f.provenance.record.or(f.provenance.row);
                (f.rule.clone(), f.item_code.clone(), at)
            })
            .collect()
    };
    assert_eq!(places(&streamed), places(&lines));
    assert!(
        streamed
            .findings
            .iter()
            .all(|f| f.provenance.record.is_some() && f.provenance.row.is_none())
    );

    // The same array in an interface's answer saved as it came (a string status code, which is
    // no item's 实施编码): its items, findings and places are the array's, and it says so.
    let answer = tmp.path().join("接口返回.json");
    let mut wrapped = r#"{"code":"0","msg":"成功","data":{"total":300,"rows":"#
        .as_bytes()
        .to_vec();
    wrapped.extend(std::fs::read(&array).unwrap());
    wrapped.extend(b"}}");
    std::fs::write(&answer, wrapped).unwrap();
    let from_answer = run(&answer, "answer", &[]);
    assert_eq!(
        from_answer,
        run(&answer, "answer-in-memory", &["--no-stream"])
    );
    assert_eq!(from_answer.summary, streamed.summary);
    assert_eq!(places(&from_answer), places(&streamed));
    assert!(
        from_answer.notices[0]
            .message
            .contains("事项在「data.rows」里"),
        "{:?}",
        from_answer.notices
    );
}

#[test]
fn gen_rejects_rates_outside_0_to_1() {
    let tmp = tempfile::tempdir().unwrap();
    for flag in ["--defect-rate", "--local-edit-rate"] {
        bin()
            .args(["gen", "--count", "1", "--seed", "1", flag, "1.5", "-o"])
            .arg(tmp.path().join("x.ndjson"))
            .assert()
            .code(2)
            .stderr(contains(flag));
    }
}

/// `--local-edit-rate` reaches the generator (the default is the library's).
#[test]
fn gen_passes_on_the_local_edit_rate() {
    use zwfw_audit::r#gen::{GenOptions, write_ndjson};
    let tmp = tempfile::tempdir().unwrap();
    let mut outputs = Vec::new();
    for rate in [None, Some(0.0), Some(1.0)] {
        let path = tmp.path().join("x.ndjson");
        let mut cmd = bin();
        cmd.args(["gen", "--count", "800", "--seed", "9"]);
        if let Some(r) = rate {
            cmd.args(["--local-edit-rate", &r.to_string()]);
        }
        cmd.arg("-o").arg(&path).assert().success();
        let got = std::fs::read(&path).unwrap();
        let opts = GenOptions {
            seed: 9,
            local_edit_rate: rate.unwrap_or(GenOptions::default().local_edit_rate),
            ..GenOptions::default()
        };
        let mut want = Vec::new();
        write_ndjson(opts, 800, &mut want).unwrap();
        assert!(got == want, "--local-edit-rate {rate:?}");
        outputs.push(got);
    }
    assert_ne!(outputs[0], outputs[1]);
    assert_ne!(outputs[1], outputs[2]);
}

/// `gen --format xlsx` writes the same items as NDJSON, as a platform-style workbook: checking
/// either gives the same items, outcomes and findings (only the places differ).
#[test]
fn gen_xlsx_checks_the_same_as_ndjson() {
    let tmp = tempfile::tempdir().unwrap();
    let nd = tmp.path().join("items.ndjson");
    let xlsx = tmp.path().join("items.xlsx");
    for (path, format) in [(&nd, "ndjson"), (&xlsx, "xlsx")] {
        bin()
            .args([
                "gen",
                "--count",
                "120",
                "--seed",
                "5",
                "--defect-rate",
                "0.6",
            ])
            .args(["--format", format, "-o"])
            .arg(path)
            .assert()
            .success();
    }
    assert_eq!(&std::fs::read(&xlsx).unwrap()[..2], b"PK");
    let check = |input: &std::path::Path, out: &str| {
        let dir = tmp.path().join(out);
        bin()
            .arg("check")
            .arg(input)
            .args([
                "--run-id",
                "r",
                "--format",
                "json",
                "-q",
                "--fail-on",
                "none",
                "-o",
            ])
            .arg(&dir)
            .assert()
            .success();
        let text = std::fs::read_to_string(dir.join("report.json")).unwrap();
        let r = zwfw_audit::report::json::read(&text).unwrap();
        let items: Vec<_> = r
            .items
            .iter()
            .map(|i| (i.code.clone(), i.name.clone(), format!("{:?}", i.outcomes)))
            .collect();
        let mut findings: Vec<_> = r
            .findings
            .iter()
            .map(|f| (f.item_code.clone(), f.rule.clone(), f.message.clone()))
            .collect();
        findings.sort();
        let notices: Vec<String> = r.notices.iter().map(|n| n.message.clone()).collect();
        (r.summary.checked, items, findings, notices)
    };
    let (mut from_nd, mut from_xlsx) = (check(&nd, "nd"), check(&xlsx, "x"));
    assert_eq!(from_nd.0, 120);
    // The workbook's only notice is about its 填表说明 sheet, which is not a table of items.
    assert!(from_nd.3.is_empty(), "{:?}", from_nd.3);
    assert_eq!(from_xlsx.3.len(), 1, "{:?}", from_xlsx.3);
    assert!(from_xlsx.3[0].contains("填表说明"), "{:?}", from_xlsx.3);
    from_nd.3.clear();
    from_xlsx.3.clear();
    assert!(!from_nd.2.is_empty(), "defect rate 0.6 must give findings");
    assert_eq!(from_nd, from_xlsx);
}

#[test]
fn gen_xlsx_refuses_stdout() {
    bin()
        .args([
            "gen", "--count", "1", "--seed", "1", "--format", "xlsx", "-o", "-",
        ])
        .assert()
        .code(2)
        .stderr(contains("XLSX"));
}

/// `--order region` writes the library's region order, and a check finds the same in either
/// order (the verdict cache shares more in one than the other; the findings must not differ).
#[test]
fn gen_in_region_order_checks_the_same() {
    use zwfw_audit::r#gen::{GenOptions, Order, write_ndjson_in};
    let tmp = tempfile::tempdir().unwrap();
    let mut summaries = Vec::new();
    for order in ["catalogue", "region"] {
        let path = tmp.path().join(format!("{order}.ndjson"));
        bin()
            .args([
                "gen", "--count", "728", "--seed", "3", "--order", order, "-o",
            ])
            .arg(&path)
            .assert()
            .success();
        let written = std::fs::read(&path).unwrap();
        if order == "region" {
            let opts = GenOptions {
                seed: 3,
                ..GenOptions::default()
            };
            let mut expected = Vec::new();
            write_ndjson_in(opts, 728, Order::Region, &mut expected).unwrap();
            assert_eq!(written, expected);
        }
        let out = tmp.path().join(order);
        bin()
            .arg("check")
            .arg(&path)
            .args(["--run-id", "r1", "--format", "json", "-q", "-o"])
            .arg(&out)
            .assert()
            .code(1);
        let text = std::fs::read_to_string(out.join("report.json")).unwrap();
        let report = zwfw_audit::report::json::read(&text).unwrap();
        let mut findings: Vec<String> = report
            .findings
            .iter()
            .map(|f| format!("{} {} {}", f.item_code, f.rule, f.message))
            .collect();
        findings.sort();
        summaries.push((report.summary.checked, report.summary.errors, findings));
    }
    assert_eq!(summaries[0].0, 728);
    assert!(summaries[0].1 > 0);
    assert_eq!(summaries[0], summaries[1]);
}

/// An export whose keys are Chinese labels, one item a line or all in one array: `check` streams
/// it as it reads it in memory, notice and configured synonyms included, and the rules see its elements (a phone
/// without its area code trips B15, a material named 「…原件」 trips M01, an address without a
/// window number B09).
#[test]
fn check_streams_an_export_keyed_by_chinese_labels_as_it_reads_it() {
    let tmp = tempfile::tempdir().unwrap();
    let lines = [
        r#"{"实施编码":"11341700MB1526185H4000117035000","事项名称":"食品经营许可（新办）","实施主体":"池州市市场监督管理局","行政区划代码":"341700","咨询电话":"2021156","监督电话":"0566-12345","办理地点":"池州市长江中路89号市政务服务中心二楼","申请材料":[{"材料名称":"营业执照原件","来源渠道":"申请人自备","份数":"1份"}],"备注":"2023年更新"}"#,
        r#"{"实施编码":"11341700MB1526185H4000117034000","事项名称":"食品生产许可（新办）","实施主体":"池州市市场监督管理局","行政区划代码":"341700","联系人电话":"0566-2021163","监督电话":"0566-12345","办理地点":"池州市长江中路89号市政务服务中心二楼8号窗口","承诺办结时限（工作日）":10}"#,
    ];
    // 联系人电话 is this export's 咨询电话: said in the configuration, as for a spreadsheet.
    let config = tmp.path().join("zwfw-audit.toml");
    std::fs::write(&config, "[labels.item]\nconsult_phone = [\"联系人电话\"]\n").unwrap();
    // As NDJSON, and as one JSON array (an Excel sheet turned JSON is often one).
    let exports = [
        ("池州市事项导出.ndjson", lines.join("\n")),
        (
            "池州市事项导出.json",
            format!("[\n  {}\n]\n", lines.join(",\n  ")),
        ),
    ];
    for (name, text) in exports {
        let input = tmp.path().join(name);
        std::fs::write(&input, text).unwrap();
        let streamed = tmp.path().join(format!("streamed-{name}"));
        let in_memory = tmp.path().join(format!("in-memory-{name}"));
        for (out, extra) in [(&streamed, None), (&in_memory, Some("--no-stream"))] {
            bin()
                .arg("check")
                .arg(&input)
                .args(["--run-id", "r1", "-o"])
                .arg(out)
                .arg("--config")
                .arg(&config)
                // Only a JSON report is written while streaming.
                .args(["--format", "json"])
                .args(extra)
                .assert()
                .code(1)
                .stderr(contains("已检查 2 个事项"));
        }
        let read = report_without_time;
        let (s, m) = (read(&streamed), read(&in_memory));
        assert_eq!(s, m);
        assert_eq!(s.summary.checked, 2);
        let notice = s
            .notices
            .iter()
            .find(|n| n.message.contains("已按表头识别读取 2 条事项"))
            .expect("the labelled-records notice");
        assert!(notice.message.contains("「备注」"), "{}", notice.message);
        let found = |rule: &str, code: &str| {
            s.findings
                .iter()
                .any(|f| f.rule == rule && f.item_code.ends_with(code))
        };
        assert!(found("B15", "035000"), "2021156 has no area code");
        assert!(found("M01", "035000"), "营业执照原件");
        assert!(found("B09", "035000"), "no window number");
        assert!(!found("B09", "034000") && !found("B15", "034000"));
        assert!(!found("B13", "034000"), "联系人电话 read as 咨询电话");
    }
}

/// With the default formats too, NDJSON is checked as it streams (the report kept for the fix
/// lists, the page and findings.csv): the same files as the in-memory path, and no report.json
/// when it is not asked for.
#[test]
fn check_streams_with_every_format_and_writes_what_the_in_memory_path_writes() {
    let tmp = tempfile::tempdir().unwrap();
    let items = tmp.path().join("items.ndjson");
    bin()
        .args(["gen", "--count", "300", "--seed", "4", "-o"])
        .arg(&items)
        .assert()
        .success();
    let run = |out: &std::path::Path, extra: &[&str]| {
        bin()
            .arg("check")
            .arg(&items)
            .args(["--run-id", "r1", "-q", "--fail-on", "none", "-o"])
            .arg(out)
            .args(extra)
            .assert()
            .success();
        let mut names: Vec<String> = std::fs::read_dir(out)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    let (streamed, in_memory) = (tmp.path().join("s"), tmp.path().join("m"));
    let files = run(&streamed, &[]);
    assert_eq!(files, run(&in_memory, &["--no-stream"]));
    assert!(
        files.contains(&"整改清单-全部.xlsx".to_owned()),
        "{files:?}"
    );
    assert!(files.iter().filter(|f| f.starts_with("整改清单-")).count() > 2);
    for f in ["report.json", "report.html", "findings.csv"] {
        assert!(files.contains(&f.to_owned()), "{files:?}");
    }
    assert_eq!(
        std::fs::read(streamed.join("findings.csv")).unwrap(),
        std::fs::read(in_memory.join("findings.csv")).unwrap()
    );
    let read = report_without_time;
    assert_eq!(read(&streamed), read(&in_memory));
    // The page and every workbook, written a unit at a time from the report kept on disk, say
    // what the in-memory report's say, but for when they were made.
    same_pages_and_workbooks(&streamed, &in_memory, &files);

    let only = tmp.path().join("xlsx-csv");
    let files = run(&only, &["--format", "xlsx,csv"]);
    assert!(!files.contains(&"report.json".to_owned()), "{files:?}");
    assert!(files.contains(&"findings.csv".to_owned()), "{files:?}");
    assert!(
        files.iter().all(|f| !f.starts_with('.')),
        "temporary files left: {files:?}"
    );
}

/// The page and every workbook among `files` in `a` say what they say in `b`, but for when they
/// were made.
fn same_pages_and_workbooks(a: &std::path::Path, b: &std::path::Path, files: &[String]) {
    let page = |dir: &std::path::Path| {
        let text = std::fs::read_to_string(dir.join("report.html")).unwrap();
        let lines: Vec<String> = text
            .lines()
            .filter(|l| !l.contains("生成时间"))
            .map(str::to_owned)
            .collect();
        lines
    };
    assert!(page(a) == page(b), "the pages differ");
    let books: Vec<&String> = files
        .iter()
        .filter(|f| f.starts_with("整改清单-"))
        .collect();
    assert!(books.len() > 2, "{files:?}");
    for f in books {
        assert_eq!(
            workbook_cells(&a.join(f)),
            workbook_cells(&b.join(f)),
            "{f}"
        );
    }
}

/// `report` renders a report again a unit at a time, from the file split on disk as it is read
/// (no report.json asked for): the files the report read whole gives, for a check's report and
/// for an audit night's, with its history.
#[test]
fn report_renders_a_unit_at_a_time_what_the_report_read_whole_gives() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let items = d.join("items.ndjson");
    bin()
        .args(["gen", "--count", "300", "--seed", "4", "-o"])
        .arg(&items)
        .assert()
        .success();
    bin()
        .arg("check")
        .arg(&items)
        .args([
            "--run-id",
            "r1",
            "-q",
            "--fail-on",
            "none",
            "--format",
            "json",
            "-o",
        ])
        .arg(d.join("checked"))
        .assert()
        .success();
    for (night, at) in [
        ("n1", "2026-11-20T02:00:00+08:00"),
        ("n2", "2026-11-21T02:00:00+08:00"),
    ] {
        bin()
            .current_dir(d)
            .args(["audit", "--run-id", night, "--at", at, "-q", "--input"])
            .arg(&items)
            .assert()
            .code(predicates::ord::lt(2));
    }
    let audited = d.join("reports/n2/report.json");
    let history = zwfw_audit::report::json::read(&std::fs::read_to_string(&audited).unwrap())
        .unwrap()
        .history;
    assert!(
        history.is_some(),
        "the second night compares with the first"
    );
    for (k, report) in [d.join("checked/report.json"), audited].iter().enumerate() {
        let render = |out: &str, extra: &[&str]| {
            let out = d.join(format!("{out}-{k}"));
            bin()
                .arg("report")
                .arg(report)
                .args(["-q", "-o"])
                .arg(&out)
                .args(extra)
                .assert()
                .success();
            let mut names: Vec<String> = std::fs::read_dir(&out)
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .filter(|n| n != "report.json")
                .collect();
            names.sort();
            (out, names)
        };
        let (by_unit, files) = render("by-unit", &[]);
        let (whole, whole_files) = render("whole", &["--format", "xlsx,html,csv,json"]);
        assert_eq!(files, whole_files);
        assert!(
            files.iter().all(|f| !f.starts_with('.')),
            "temporary files left: {files:?}"
        );
        assert_eq!(
            std::fs::read(by_unit.join("findings.csv")).unwrap(),
            std::fs::read(whole.join("findings.csv")).unwrap()
        );
        same_pages_and_workbooks(&by_unit, &whole, &files);
    }
}

/// Every sheet's cells as text, by sheet name, without the row that says when the workbook was
/// made.
fn workbook_cells(path: &std::path::Path) -> Vec<(String, Vec<Vec<String>>)> {
    use calamine::{Reader, Xlsx, open_workbook};
    let mut book: Xlsx<_> = open_workbook(path).unwrap();
    let names = book.sheet_names();
    assert_eq!(names.len(), 4, "{}: {names:?}", path.display());
    names
        .into_iter()
        .map(|name| {
            let range = book.worksheet_range(&name).unwrap();
            let rows = range
                .rows()
                .map(|r| r.iter().map(ToString::to_string).collect::<Vec<_>>())
                .filter(|r| r.first().is_none_or(|c| c != "生成时间"))
                .collect();
            (name, rows)
        })
        .collect()
}

/// An NDJSON export of 40 items, every other one with its 申请材料 written as one text
/// (`"materials":"1.…；2.…"`), checked as it streams (16 lines a batch, on two threads): the
/// same report as in memory, each such item checked with its materials, and one notice naming
/// the first lines in order. Each such line was unreadable before.
#[test]
fn check_streams_materials_written_as_one_text_as_it_reads_them() {
    let tmp = tempfile::tempdir().unwrap();
    let lines: Vec<String> = (1..=40)
        .map(|i| {
            let materials = if i % 2 == 1 {
                r#""1.食品经营许可申请书；2.营业执照复印件；3.法定代表人身份证明""#.to_owned()
            } else {
                r#"[{"name":"食品经营许可申请书","source":"申请人自备","copies":"1份"}]"#.to_owned()
            };
            format!(
                r#"{{"code":"11341700MB1526185H4000117{i:03}000","name":"食品经营许可（第{i}类）","subject":"池州市市场监督管理局","region_code":"341700","consult_phone":"0566-2021156","supervise_phone":"0566-12345","materials":{materials}}}"#
            )
        })
        .collect();
    let input = tmp.path().join("池州市事项导出.ndjson");
    std::fs::write(&input, lines.join("\n")).unwrap();
    let (streamed, in_memory) = (tmp.path().join("s"), tmp.path().join("m"));
    for (out, extra) in [(&streamed, None), (&in_memory, Some("--no-stream"))] {
        bin()
            .arg("check")
            .arg(&input)
            .args(["--run-id", "r1", "--format", "json", "-o"])
            .arg(out)
            .args(extra)
            .assert()
            .code(1)
            .stderr(contains("已检查 40 个事项"));
    }
    let read = report_without_time;
    let (s, m) = (read(&streamed), read(&in_memory));
    assert_eq!(s, m);
    assert_eq!(s.summary.checked, 40);
    let notice = s
        .notices
        .iter()
        .find(|n| n.message.contains("申请材料是一段文字"))
        .expect("the notice of materials written as one text");
    assert!(
        notice.message.contains("有 20 条事项")
            && notice.message.contains("第 1、3、5、7、9、… 行")
            && notice.message.contains("拆成 60 条材料"),
        "{}",
        notice.message
    );
    // 营业执照复印件 names a medium: M01 on every item whose list was one text.
    let m01 = s
        .findings
        .iter()
        .filter(|f| f.rule == "M01" && f.evidence == "营业执照复印件")
        .count();
    assert_eq!(m01, 20);
}

/// Should lose only the damaged record: one byte changed in line 2 of a UTF-8 export (a copy
/// gone wrong) made the whole file GBK — every name mojibake, every item charged G02, files named
/// `整改清单-姹犲窞…`, and a notice that the file 是 GBK 编码 — and, read whole, not streamed.
#[test]
fn one_damaged_byte_loses_its_record_not_the_files_encoding() {
    let tmp = tempfile::tempdir().unwrap();
    let clean = tmp.path().join("clean.ndjson");
    bin()
        .args(["gen", "--count", "50", "--seed", "3", "-o"])
        .arg(&clean)
        .assert()
        .success();
    let text = std::fs::read(&clean).unwrap();
    let second = text.iter().position(|&b| b == b'\n').unwrap() + 1;
    let name = second
        + text[second..]
            .windows(8)
            .position(|w| w == b"\"name\":\"")
            .unwrap()
        + 8;
    let mut damaged = text.clone();
    damaged.insert(name, 0xFF);
    let path = tmp.path().join("damaged.ndjson");
    std::fs::write(&path, damaged).unwrap();

    for extra in [None, Some("--no-stream")] {
        let out = tmp.path().join(format!("out{}", extra.unwrap_or("")));
        bin()
            .arg("check")
            .arg(&path)
            .args(["--format", "json", "--run-id", "r1", "-o"])
            .arg(&out)
            .args(extra)
            .assert()
            .stderr(contains("已检查 49 个事项（无法读取 1 个）"))
            .stderr(contains("第2行 — 该行不是 UTF-8 文本"))
            .stderr(contains("GBK").not());
        let report = report_without_time(&out);
        assert!(
            report.items.iter().all(|i| !i.unit.contains('姹')),
            "{:?}",
            report.items.iter().map(|i| &i.unit).collect::<Vec<_>>()
        );
        assert!(
            !report.findings.iter().any(|f| f.rule == "G02"),
            "no name is mojibake"
        );
    }
}
