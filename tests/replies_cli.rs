//! The units answer: 东至县's clerk fills 整改情况, 是否有异议 and 异议理由 in the unit's own fix
//! list (and sorts it, and adds a row of their own), `report --replies` gathers the returned lists
//! by 指纹, and the re-rendered 整改清单-全部.xlsx and HTML show each answer beside its finding,
//! ready for the assessor's 复核 — which `score --review` then reads from that very workbook.

use std::path::Path;

use assert_cmd::Command;
use calamine::{Data, Reader, Xlsx, open_workbook};

mod common {
    pub mod workbook;
}
use common::workbook::{col, save_sheet, sheet_rows};

fn zwfw() -> Command {
    Command::cargo_bin("zwfw-audit").unwrap()
}

/// The 问题清单 sheet of a fix list.
fn rows(path: &Path) -> Vec<Vec<String>> {
    sheet_rows(path, "问题清单")
}

/// Checks the sample into `dir/out` (report.json and the fix lists) and returns that folder.
fn checked_sample(dir: &Path) -> std::path::PathBuf {
    let out = dir.join("out");
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/exports/sample.xlsx");
    zwfw()
        .arg("check")
        .arg(&sample)
        .args(["-q", "--format", "json,xlsx", "-o"])
        .arg(&out)
        .assert()
        .code(1);
    out
}

/// Gathers the replies in `replies` into the report checked into `out`, writing `formats` into
/// `rendered`; expects success and returns what the tool said (stderr).
fn gather(out: &Path, replies: &Path, formats: &str, rendered: &Path) -> String {
    let run = zwfw()
        .arg("report")
        .arg(out.join("report.json"))
        .arg("--replies")
        .arg(replies)
        .args(["--format", formats, "-o"])
        .arg(rendered)
        .assert()
        .success();
    String::from_utf8(run.get_output().stderr.clone()).unwrap()
}

/// Saves rows (the header first) as a workbook's 问题清单 sheet, as Excel saves an edited list.
fn save_list(path: &Path, rows: &[Vec<String>]) {
    save_sheet(path, "问题清单", rows);
}

#[test]
fn units_answers_are_gathered_by_fingerprint_into_the_all_units_list() {
    let dir = tempfile::tempdir().unwrap();
    let out = checked_sample(dir.path());

    // 东至县's clerk answers the first two findings, in a list sorted the other way round.
    let own = rows(&out.join("整改清单-东至县.xlsx"));
    let header = &own[0];
    let (fp, fix, dispute, reason) = (
        col(header, "指纹"),
        col(header, "整改情况"),
        col(header, "是否有异议"),
        col(header, "异议理由"),
    );
    assert!(own.len() > 3, "东至县 has findings to answer");
    let (disputed, fixed) = (own[1][fp].clone(), own[2][fp].clone());
    let replies = dir.path().join("回复");
    std::fs::create_dir(&replies).unwrap();
    let mut body: Vec<Vec<String>> = own[1..].to_vec();
    body.reverse();
    for row in &mut body {
        if row[fp] == disputed {
            row[dispute] = "有".into();
            row[reason] = "平台上公布的办理地点已写明窗口号，导出时被截断".into();
        } else if row[fp] == fixed {
            row[fix] = "已于11月30日在平台上更正".into();
        }
    }
    // A row of an older list: neither its 指纹 nor its 问题描述 is in this report.
    let mut stray = own[1].clone();
    stray[fp] = "0000000000000000".into();
    stray[col(header, "问题描述")] = "办理地点缺少窗口号（上一轮清单）".into();
    stray[fix] = "已整改".into();
    body.push(stray);
    // A 指纹 cut by a slip of the keyboard: matched by 实施编码, 规则 and 问题描述.
    let edited = own[3][fp].clone();
    for row in &mut body {
        if row[fp] == edited {
            row[fp].pop();
            row[fix] = "已补充窗口号".into();
        }
    }
    body.insert(0, header.clone());
    save_list(&replies.join("整改清单-东至县-回复.xlsx"), &body);
    // Excel's lock file of an open workbook is not a reply.
    std::fs::write(replies.join("~$整改清单-东至县-回复.xlsx"), b"lock").unwrap();

    let rendered = dir.path().join("rendered");
    let said = gather(&out, &replies, "xlsx,html", &rendered);
    assert!(
        said.contains("已读取 1 个回复文件：3 条问题有回复，其中有异议 1 条（东至县 1 条）"),
        "{said}"
    );
    assert!(
        said.contains("指纹 0000000000000000 不在这份报告中"),
        "{said}"
    );
    assert!(said.contains("临时文件"), "the lock file is named: {said}");
    assert!(said.contains("下一步"), "{said}");

    let all = rows(&rendered.join("整改清单-全部.xlsx"));
    let h = &all[0];
    let answer = |fingerprint: &str| {
        let row = all
            .iter()
            .find(|r| r[col(h, "指纹")] == fingerprint)
            .unwrap();
        (
            row[col(h, "整改情况")].clone(),
            row[col(h, "是否有异议")].clone(),
            row[col(h, "异议理由")].clone(),
        )
    };
    assert_eq!(
        answer(&disputed),
        (
            String::new(),
            "有".into(),
            "平台上公布的办理地点已写明窗口号，导出时被截断".into()
        )
    );
    assert_eq!(
        answer(&fixed),
        (
            "已于11月30日在平台上更正".into(),
            String::new(),
            String::new()
        )
    );
    let answered = all[1..]
        .iter()
        .filter(|r| !r[col(h, "整改情况")].is_empty() || !r[col(h, "是否有异议")].is_empty())
        .count();
    assert_eq!(answer(&edited).0, "已补充窗口号");
    assert_eq!(answered, 3, "no other row got an answer");
    // 汇总 counts each unit's answers.
    let mut wb: Xlsx<_> = open_workbook(rendered.join("整改清单-全部.xlsx")).unwrap();
    let summary = wb.worksheet_range("汇总").unwrap();
    let summary: Vec<Vec<String>> = summary
        .rows()
        .map(|r| r.iter().map(Data::to_string).collect())
        .collect();
    let header = summary.iter().find(|r| r[0] == "单位").unwrap();
    let replies_col = col(header, "单位回复");
    let of = |unit: &str| summary.iter().find(|r| r[0] == unit).unwrap()[replies_col].clone();
    assert_eq!(of("东至县"), "3 条有回复，有异议 1 条");
    assert_eq!(of("贵池区"), "未回复（未交回或未填写）");
    let page = std::fs::read_to_string(rendered.join("report.html")).unwrap();
    assert!(page.contains("单位有异议：平台上公布的办理地点已写明窗口号，导出时被截断"));
    assert!(
        page.contains("<th>单位回复</th>") && page.contains("<td>3 条有回复，有异议 1 条</td>")
    );

    // Kept in the JSON report too, as the schema describes them.
    let json_dir = dir.path().join("json");
    zwfw()
        .arg("report")
        .arg(out.join("report.json"))
        .arg("--replies")
        .arg(&replies)
        .args(["-q", "--format", "json", "-o"])
        .arg(&json_dir)
        .assert()
        .success();
    let saved: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(json_dir.join("report.json")).unwrap())
            .unwrap();
    assert_eq!(saved["replies"].as_array().unwrap().len(), 3);
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("schema/report.schema.json"),
        )
        .unwrap(),
    )
    .unwrap();
    assert!(jsonschema::validator_for(&schema).unwrap().is_valid(&saved));

    // The assessor reviews in that workbook: score --review reads it.
    zwfw()
        .arg("score")
        .arg(out.join("report.json"))
        .arg("--review")
        .arg(rendered.join("整改清单-全部.xlsx"))
        .args(["-q", "-o"])
        .arg(dir.path().join("scored.json"))
        .assert()
        .success();
}

/// The mistakes of a busy afternoon lose nothing: writing into the replies folder is refused, a
/// mistyped folder is an error and writes nothing, re-gathering keeps a reviewed all-units list as
/// a backup, the scored report keeps the units' answers, a unit's list rendered from it cannot
/// review the unit, and a dispute left undecided is counted as standing, with a word.
#[test]
fn gathering_and_reviewing_twice_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = checked_sample(dir.path());
    let own = rows(&out.join("整改清单-贵池区.xlsx"));
    let h = &own[0];
    let (fp, dispute, reason) = (col(h, "指纹"), col(h, "是否有异议"), col(h, "异议理由"));
    let (first, second) = (own[1][fp].clone(), own[2][fp].clone());
    let replies = dir.path().join("回复");
    std::fs::create_dir(&replies).unwrap();
    let reply = replies.join("整改清单-贵池区.xlsx");
    let mut answered = own.clone();
    for row in answered.iter_mut().skip(1) {
        if row[fp] == first || row[fp] == second {
            row[dispute] = "有".into();
            row[reason] = "该事项由省级统一受理，办理地点以省平台为准".into();
        }
    }
    save_list(&reply, &answered);
    let before = std::fs::read(&reply).unwrap();
    let report = out.join("report.json");
    let gather = |target: &Path| {
        let mut cmd = zwfw();
        cmd.arg("report")
            .arg(&report)
            .arg("--replies")
            .arg(&replies)
            .args(["-q", "-o"])
            .arg(target);
        cmd
    };

    // Into the replies folder: refused, the clerk's file untouched.
    let refused = gather(&replies).assert().code(2);
    let said = String::from_utf8(refused.get_output().stderr.clone()).unwrap();
    assert!(said.contains("会覆盖"), "{said}");
    assert_eq!(std::fs::read(&reply).unwrap(), before);
    // A mistyped folder: an error, nothing written.
    let typo = dir.path().join("typo");
    zwfw()
        .arg("report")
        .arg(&report)
        .args(["--replies", "回复夹", "-o"])
        .arg(&typo)
        .assert()
        .code(2);
    assert!(!typo.exists());

    // Gathered; the assessor upholds the first disputed finding and leaves the second open.
    let reviewed = dir.path().join("已回复");
    gather(&reviewed).assert().success();
    let all_path = reviewed.join("整改清单-全部.xlsx");
    let all = rows(&all_path);
    let a = &all[0];
    let mut decided = all.clone();
    for row in decided.iter_mut().skip(1) {
        if row[col(a, "指纹")] == first {
            row[col(a, "复核结果")] = "确认".into();
        }
    }
    save_list(&all_path, &decided);
    // Gathering again (a late reply) keeps the reviewed list as a backup.
    let again = gather(&reviewed).assert().success();
    let said = String::from_utf8(again.get_output().stderr.clone()).unwrap();
    assert!(said.contains("已填了复核结果，已另存为"), "{said}");
    let backup = std::fs::read_dir(&reviewed)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().contains("复核备份"))
        .expect("a backup of the reviewed list");

    let scored = dir.path().join("scored.json");
    let run = zwfw()
        .arg("score")
        .arg(&report)
        .arg("--review")
        .arg(&backup)
        .arg("-o")
        .arg(&scored)
        .assert()
        .success();
    let said = String::from_utf8(run.get_output().stderr.clone()).unwrap();
    assert!(
        said.contains("单位有异议、复核结果为空的 1 条按问题成立计"),
        "{said}"
    );
    let saved: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&scored).unwrap()).unwrap();
    assert_eq!(
        saved["replies"].as_array().unwrap().len(),
        2,
        "answers kept"
    );

    // The units' lists rendered from the scored report show the decision beside the answer…
    let rendered = dir.path().join("rendered");
    zwfw()
        .arg("report")
        .arg(&scored)
        .args(["-q", "--format", "xlsx", "-o"])
        .arg(&rendered)
        .assert()
        .success();
    let unit_list = rendered.join("整改清单-贵池区.xlsx");
    let unit = rows(&unit_list);
    let u = &unit[0];
    let row = unit.iter().find(|r| r[col(u, "指纹")] == first).unwrap();
    assert_eq!(
        (
            row[col(u, "是否有异议")].as_str(),
            row[col(u, "复核结果")].as_str()
        ),
        ("有", "确认")
    );
    // …and cannot be handed back as a review of the unit by itself.
    let refused = zwfw()
        .arg("score")
        .arg(&report)
        .arg("--review")
        .arg(&unit_list)
        .assert()
        .code(2);
    let said = String::from_utf8(refused.get_output().stderr.clone()).unwrap();
    assert!(said.contains("是发给单位的整改清单"), "{said}");
}

/// A clerk corrects a returned list and sends it again; both copies end up in the folder. The
/// copy saved later stands, whatever the names sort as, and the assessor still sees the earlier
/// answer, in a note on 整改情况 and in the HTML, so a changed story is not lost.
#[test]
fn a_list_sent_again_supersedes_the_earlier_copy() {
    let dir = tempfile::tempdir().unwrap();
    let out = checked_sample(dir.path());
    let own = rows(&out.join("整改清单-东至县.xlsx"));
    let h = &own[0];
    let (fp, fix, dispute, reason) = (
        col(h, "指纹"),
        col(h, "整改情况"),
        col(h, "是否有异议"),
        col(h, "异议理由"),
    );
    let target = own[1][fp].clone();
    let answered = |fix_text: &str, disputed: &str, why: &str| {
        let mut rows = own.clone();
        for row in rows.iter_mut().skip(1) {
            if row[fp] == target {
                row[fix] = fix_text.into();
                row[dispute] = disputed.into();
                row[reason] = why.into();
            }
        }
        rows
    };
    let replies = dir.path().join("回复");
    std::fs::create_dir(&replies).unwrap();
    // The later copy's name sorts last, so reading order alone would keep the first answer.
    let (earlier, later) = (
        replies.join("整改清单-东至县-11月28日.xlsx"),
        replies.join("整改清单-东至县-12月1日.xlsx"),
    );
    save_list(
        &earlier,
        &answered("", "有", "该事项由省级部门实施，本县不认领"),
    );
    save_list(&later, &answered("已于12月1日补充窗口号", "无", ""));
    let day = std::time::Duration::from_secs(86_400);
    let now = std::time::SystemTime::now();
    for (path, when) in [(&earlier, now - 3 * day), (&later, now - day)] {
        std::fs::File::options()
            .write(true)
            .open(path)
            .unwrap()
            .set_modified(when)
            .unwrap();
    }

    let rendered = dir.path().join("rendered");
    let said = gather(&out, &replies, "json,xlsx,html", &rendered);
    assert!(
        said.contains("有不同的回复；这个文件保存得较晚，采用这一行"),
        "{said}"
    );
    assert!(said.contains("整改清单-东至县-11月28日.xlsx"), "{said}");

    let all = rows(&rendered.join("整改清单-全部.xlsx"));
    let a = &all[0];
    let row = all.iter().find(|r| r[col(a, "指纹")] == target).unwrap();
    assert_eq!(
        (
            row[col(a, "整改情况")].as_str(),
            row[col(a, "是否有异议")].as_str(),
            row[col(a, "异议理由")].as_str()
        ),
        ("已于12月1日补充窗口号", "无", "")
    );
    let bytes = std::fs::read(rendered.join("整改清单-全部.xlsx")).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut notes = String::new();
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).unwrap();
        if part.name().unwrap().starts_with("xl/comments") {
            std::io::Read::read_to_string(&mut part, &mut notes).unwrap();
        }
    }
    assert!(
        notes.contains("其他文件中不同的回复")
            && notes.contains("是否有异议「有」，异议理由「该事项由省级部门实施，本县不认领」"),
        "{notes}"
    );

    let saved: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(rendered.join("report.json")).unwrap())
            .unwrap();
    let reply = &saved["replies"][0];
    assert_eq!(reply["fix"], "已于12月1日补充窗口号");
    assert!(
        reply["superseded"][0]
            .as_str()
            .unwrap()
            .contains("11月28日.xlsx"),
        "{reply}"
    );
    let page = std::fs::read_to_string(rendered.join("report.html")).unwrap();
    assert!(
        page.contains("另有不同回复（未采用）") && page.contains("本县不认领"),
        "the HTML shows the earlier answer too"
    );
}

/// Answers the first finding of `unit`'s list and saves it in `replies` as `file`.
fn answer_first(out: &Path, unit: &str, replies: &Path, file: &str, fix: &str) {
    let mut list = rows(&out.join(format!("整改清单-{unit}.xlsx")));
    let c = col(&list[0], "整改情况");
    list[1][c] = fix.into();
    save_list(&replies.join(file), &list);
}

/// WPS saves a list as `.et`, 另存为 Excel 97-2003 as `.xls`: the clerk's answers in them are
/// read as from an `.xlsx` (the bytes of an .xlsx under those names, as the readers' tests do),
/// not skipped as "not a fix list".
#[test]
fn lists_saved_by_wps_or_as_excel_97_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let out = checked_sample(dir.path());
    let replies = dir.path().join("回复");
    std::fs::create_dir(&replies).unwrap();
    answer_first(
        &out,
        "东至县",
        &replies,
        "整改清单-东至县.et",
        "已于12月2日补充窗口号",
    );
    answer_first(
        &out,
        "贵池区",
        &replies,
        "整改清单-贵池区.xls",
        "已于12月3日更正",
    );
    let said = gather(&out, &replies, "xlsx", &dir.path().join("rendered"));
    assert!(
        said.contains("已读取 2 个回复文件：2 条问题有回复"),
        "{said}"
    );
    assert!(!said.contains("已跳过"), "{said}");
}

/// 贵池区's list, sent to 自然资源和规划局 by mistake, comes back filled in under that bureau's
/// name. The answers count for 贵池区 (by 指纹), and the file is named as holding another unit's
/// answers, so that the assessor takes neither 贵池区 for 未交回 nor the bureau for answered.
#[test]
fn a_list_returned_under_another_units_name_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let out = checked_sample(dir.path());
    let replies = dir.path().join("回复");
    std::fs::create_dir(&replies).unwrap();
    answer_first(
        &out,
        "贵池区",
        &replies,
        "整改清单-池州市自然资源和规划局.xlsx",
        "已于12月3日更正",
    );
    answer_first(
        &out,
        "东至县",
        &replies,
        "整改清单-东至县-回复.xlsx",
        "已更正",
    );
    let said = gather(&out, &replies, "xlsx", &dir.path().join("rendered"));
    assert!(
        said.contains("已读取 2 个回复文件：2 条问题有回复"),
        "{said}"
    );
    assert!(
        said.contains("整改清单-池州市自然资源和规划局.xlsx — 文件名是「池州市自然资源和规划局」的清单，但其中的回复都是其他单位的问题（贵池区 1 条）"),
        "{said}"
    );
    assert_eq!(
        said.matches("文件名是").count(),
        1,
        "only the misnamed file: {said}"
    );
}
