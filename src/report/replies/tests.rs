//! Tests of reading replies: 是否有异议 cells, the no-findings line, files that are no replies.

use super::*;

/// The columns of a unit's returned fix list, as the tests write them.
pub(super) const REPLY_HEADER: [&str; 8] = [
    "实施编码",
    "问题描述",
    "原文",
    "状态",
    "整改情况",
    "是否有异议",
    "异议理由",
    "指纹",
];

#[test]
fn dispute_cells_read_as_clerks_write_them() {
    for yes in [
        "有",
        " 有异议 ",
        "是",
        "是的",
        "有（理由见附件）",
        "不同意",
        "不认可",
    ] {
        assert_eq!(parse_dispute(yes), Ok(Some(true)), "{yes}");
    }
    for no in ["无", "没有", "没有异议", "无异议", "否", "同意"] {
        assert_eq!(parse_dispute(no), Ok(Some(false)), "{no}");
    }
    // Ticks, crosses and Y / N, as clerks mark a 是否 column.
    for yes in ["√", "✓", "✔", "Y", "y", "Yes", "Ｙ"] {
        assert_eq!(parse_dispute(yes), Ok(Some(true)), "{yes}");
    }
    for no in ["×", "✗", "N", "no", "ＮＯ"] {
        assert_eq!(parse_dispute(no), Ok(Some(false)), "{no}");
    }
    assert_eq!(parse_dispute("Yellow"), Err(Unclear));
    assert_eq!(parse_dispute(" "), Ok(None));
    assert_eq!(parse_dispute("驳回"), Err(Unclear));
    assert_eq!(parse_dispute("待定"), Err(Unclear));
}

/// A returned list: the placeholder line of a list without findings is no answer (its 无
/// is not reported as a row without 指纹); a real answer is read.
#[test]
fn the_no_findings_line_is_not_an_answer() {
    let report = crate::score::tests::fixture();
    let fp = crate::history::fingerprint(&report.findings[0]);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("整改清单-东至县.csv");
    let csv = format!(
        "序号,事项名称,实施编码,整改情况,是否有异议,异议理由,指纹\n\
             ,{},,,无,,\n\
             1,事项C1,C1,已于12月1日更正,,,{fp}\n",
        crate::report::xlsx::NO_FINDINGS
    );
    std::fs::write(&path, csv).unwrap();
    let got = gather(&[path], &report);
    assert!(got.issues.is_empty(), "{:?}", got.issues);
    assert_eq!(got.replies.len(), 1);
    assert_eq!(got.replies[0].fix, "已于12月1日更正");
}

#[test]
fn lock_files_and_documents_are_not_replies() {
    assert_eq!(not_a_reply(Path::new("回复/整改清单-东至县.xlsx")), None);
    assert_eq!(not_a_reply(Path::new("回复/findings.CSV")), None);
    // Saved by WPS, or as Excel 97-2003: still a fix list.
    assert_eq!(not_a_reply(Path::new("回复/整改清单-东至县.et")), None);
    assert_eq!(not_a_reply(Path::new("回复/整改清单-东至县.XLS")), None);
    assert!(
        not_a_reply(Path::new("回复/~$整改清单-东至县.xlsx"))
            .unwrap()
            .contains("临时文件")
    );
    assert!(
        not_a_reply(Path::new("回复/说明.docx"))
            .unwrap()
            .contains("不是整改清单")
    );
}

/// A returned list as CSV, with the columns of a nightly list: 问题描述, 原文, 状态 as the tool
/// wrote them unless `edit` changes a row (one row per finding of `report`, in order).
pub(super) fn returned_list(
    dir: &Path,
    report: &Report,
    edit: impl Fn(usize, &mut [String; 8]),
) -> std::path::PathBuf {
    let path = dir.join("整改清单-东至县.csv");
    let mut w = csv::Writer::from_path(&path).unwrap();
    w.write_record(REPLY_HEADER).unwrap();
    for (i, f) in report.findings.iter().enumerate() {
        let mut row = [
            f.item_code.clone(),
            crate::report::fixlist::cell(&crate::report::fixlist::description(f)),
            crate::report::fixlist::cell(&f.evidence),
            "未整改（3天）".to_owned(),
            String::new(),
            String::new(),
            String::new(),
            crate::history::fingerprint(f),
        ];
        edit(i, &mut row);
        w.write_record(&row).unwrap();
    }
    w.flush().unwrap();
    path
}

/// Answers typed over 问题描述, 原文 or 状态 instead of 整改情况 are kept as the answer and said
/// row by row; with 整改情况 filled they are said and left. A list as written, or a 问题描述 a newer
/// build reworded, is no answer and says nothing.
#[test]
fn answers_typed_in_the_wrong_column_are_kept_and_said() {
    let mut report = crate::score::tests::fixture();
    assert!(report.findings.len() >= 4);
    for f in &mut report.findings {
        f.message = "办理时间缺少具体时间段（如 周一至周五 09:00-12:00）".into();
        f.evidence = "周一至周五 8:30-12:00".into();
    }
    let dir = tempfile::tempdir().unwrap();
    let path = returned_list(dir.path(), &report, |i, row| match i {
        // Quoting the text the message quotes: an answer all the same.
        0 => row[1] = "已改为 周一至周五 9:00-12:00".to_owned(),
        1 => row[2] = "已补 0566-2025678".to_owned(),
        2 => row[3] = "已整改，重新赋码".to_owned(),
        3 => {
            row[1] = "已改".to_owned();
            row[4] = "已按要求更正".to_owned();
        }
        _ => {}
    });
    let got = gather(&[path], &report);
    let fix = |i: usize| {
        let fp = crate::history::fingerprint(&report.findings[i]);
        got.replies
            .iter()
            .find(|r| r.fingerprint == fp)
            .map(|r| r.fix.clone())
    };
    assert_eq!(
        fix(0).as_deref(),
        Some("已改为 周一至周五 9:00-12:00（写在「问题描述」列）")
    );
    assert_eq!(
        fix(1).as_deref(),
        Some("已补 0566-2025678（写在「原文」列）")
    );
    assert_eq!(
        fix(2).as_deref(),
        Some("已整改，重新赋码（写在「状态」列）")
    );
    assert_eq!(fix(3).as_deref(), Some("已按要求更正"));
    assert_eq!(got.replies.len(), 4, "{:?}", got.replies);
    let said: Vec<&str> = got.issues.iter().map(|i| i.message.as_str()).collect();
    assert_eq!(said.len(), 4, "{said:?}");
    assert!(said[0].contains("「问题描述」改成了「已改为 周一至周五 9:00-12:00」"));
    assert!(said[0].contains("按整改情况读取"));
    assert!(said[3].contains("整改情况已填写，这些内容未读取"));

    // As written, or the 问题描述 reworded a little (a newer build): nothing to read or say.
    let path = returned_list(dir.path(), &report, |i, row| match i {
        0 => {
            let mut c: Vec<char> = row[1].chars().collect();
            let mid = c.len() / 2;
            c[mid] = '某';
            row[1] = c.into_iter().collect::<String>() + "。";
        }
        3 => row[1].push('。'),
        1 => row[3] = "已豁免（至 2026-12-31）".to_owned(),
        2 => row[3] = "新增".to_owned(),
        _ => {}
    });
    let got = gather(&[path], &report);
    assert!(got.replies.is_empty(), "{:?}", got.replies);
    assert!(got.issues.is_empty(), "{:?}", got.issues);
}

/// An objection written only in 异议理由, 是否有异议 left empty, counts as 有 and is said.
#[test]
fn a_reason_without_a_dispute_cell_is_an_objection() {
    let report = crate::score::tests::fixture();
    let dir = tempfile::tempdir().unwrap();
    let path = returned_list(dir.path(), &report, |i, row| {
        if i == 0 {
            row[6] = "填报须知已在申请书背面写明".to_owned();
        }
    });
    let got = gather(&[path], &report);
    assert_eq!(got.replies.len(), 1);
    assert_eq!(got.replies[0].disputed, Some(true));
    assert_eq!(got.issues.len(), 1, "{:?}", got.issues);
    assert!(
        got.issues[0]
            .message
            .contains("「是否有异议」没有填，但写了异议理由，按「有」计")
    );
}
