//! Tests of reading replies: a 异议理由 that gives no reason, and cells Excel or WPS converted
//! (a long code in 原文 turned into a number, a date into a date cell) that are no answer.

use super::dispute::{NoReason, no_reason};
use super::over::converted;
use super::*;

/// One row answering the fixture's first finding: 整改情况 `fix`, 是否有异议 `dispute`,
/// 异议理由 `reason`.
fn one_row(fix: &str, dispute: &str, reason: &str) -> Gathered {
    let report = crate::score::tests::fixture();
    let dir = tempfile::tempdir().unwrap();
    let path = super::tests::returned_list(dir.path(), &report, |i, row| {
        if i == 0 {
            row[4] = fix.to_owned();
            row[5] = dispute.to_owned();
            row[6] = reason.to_owned();
        }
    });
    gather(&[path], &report)
}

/// 异议理由 `无`, `/`, `已整改`… with 是否有异议 left empty: no objection, said nothing about
/// (h35 R3/R6: they counted as 有, each with a note, and score took them as objections).
#[test]
fn a_reason_that_says_none_is_no_objection() {
    for reason in [
        "无",
        "/",
        "无异议",
        "没有",
        "否",
        "-",
        "——",
        "暂无",
        "已整改",
        " 无。",
        "／",
        "N/A",
        "无异议，已整改",
        "已按要求修改完毕",
    ] {
        let got = one_row("已整改", "", reason);
        assert_eq!(got.replies.len(), 1, "{reason}");
        let r = &got.replies[0];
        assert_ne!(r.disputed, Some(true), "{reason}");
        assert_eq!(r.reason, "", "{reason}");
        assert_eq!(r.fix, "已整改", "{reason}");
        assert!(got.issues.is_empty(), "{reason}: {:?}", got.issues);
    }
    // Words for none read as 无; a placeholder says nothing.
    assert_eq!(
        one_row("已整改", "", "无异议").replies[0].disputed,
        Some(false)
    );
    assert_eq!(one_row("已整改", "", "/").replies[0].disputed, None);
    // The 整改情况 again.
    let got = one_row("已于12月1日补充电话", "", "已于12月1日补充电话。");
    assert_eq!(got.replies[0].disputed, Some(false));
    assert!(got.issues.is_empty(), "{:?}", got.issues);
    // 已整改 written only in 异议理由: the answer, in the wrong column.
    let got = one_row("", "", "已整改");
    assert_eq!(got.replies[0].fix, "已整改（写在「异议理由」列）");
    assert_eq!(got.replies[0].disputed, Some(false));
    // A placeholder in a row not answered: still not answered.
    let got = one_row("", "", "/");
    assert!(got.replies.is_empty(), "{:?}", got.replies);
    assert!(got.issues.is_empty(), "{:?}", got.issues);
    // An unclear 是否有异议 with 异议理由 无: 无, said once for the cell.
    let got = one_row("已整改", "待定", "无");
    assert_eq!(got.replies[0].disputed, Some(false));
    assert_eq!(got.issues.len(), 1, "{:?}", got.issues);
    assert!(got.issues[0].message.contains("没有异议理由，按「无」计"));
}

/// A real reason with 是否有异议 empty still objects, with its note; so does one that starts
/// with a word for none, or with 已.
#[test]
fn a_real_reason_without_a_dispute_cell_still_objects() {
    for reason in [
        "填报须知已在申请书背面写明",
        "无法提供：该事项不收取费用",
        "没有依据，附录未要求",
        "不适用，本事项无线下办理",
        "已在办事指南第3页注明",
        "否，该电话为统一咨询电话",
    ] {
        let got = one_row("", "", reason);
        assert_eq!(got.replies.len(), 1, "{reason}");
        assert_eq!(got.replies[0].disputed, Some(true), "{reason}");
        assert_eq!(got.replies[0].reason, reason, "{reason}");
        assert_eq!(got.issues.len(), 1, "{reason}: {:?}", got.issues);
        assert!(got.issues[0].message.contains("按「有」计"), "{reason}");
    }
    // With 已整改 in 整改情况 too.
    let got = one_row("已整改", "", "填报须知已在申请书背面写明");
    assert_eq!(got.replies[0].disputed, Some(true));
    // 是否有异议 filled in: the reason as written.
    let got = one_row("已整改", "无", "无");
    assert_eq!(got.replies[0].disputed, Some(false));
    let got = one_row("", "有", "填报须知已在申请书背面写明");
    assert_eq!(got.replies[0].disputed, Some(true));
    assert!(got.issues.is_empty(), "{:?}", got.issues);
}

#[test]
fn no_reason_reads_whole_words() {
    assert_eq!(no_reason("无", ""), Some(NoReason::Nothing));
    assert_eq!(no_reason("——", ""), Some(NoReason::Blank));
    assert_eq!(no_reason("已整改", "已整改"), Some(NoReason::Fixed));
    assert_eq!(no_reason("已整改完毕", ""), Some(NoReason::Fixed));
    assert_eq!(no_reason("", ""), None);
    assert_eq!(no_reason("无此规定", ""), None);
    assert_eq!(no_reason("已公示在大厅", ""), None);
}

/// Cells Excel or WPS converted are the cells as written; a changed value is not.
#[test]
fn converted_cells_are_as_written() {
    let code = "1134170000312541503002017004000";
    assert!(converted("1134170000312540000000000000000", code));
    assert!(converted("1.13417E+30", code));
    assert!(converted("566123", "0566123"));
    assert!(converted("0.5", "50%"));
    assert!(converted("12.5", "12.50"));
    assert!(converted("2026-12-01", "2026年12月1日"));
    assert!(converted("2026-12-01", "2026/12/1"));
    assert!(converted("2026-12-01", "12月1日"));
    assert!(converted("2025-03-05", "3-5"));
    assert!(converted("09:00", "9:00"));
    assert!(converted("2026-12-01", "2026年12月"));
    // Changed by the clerk.
    assert!(!converted("1134170000312550000000000000000", code));
    assert!(!converted("2", "2.4"));
    assert!(!converted("2025678", "2025677"));
    assert!(!converted("2026-12-02", "2026年12月1日"));
    assert!(!converted("2025-12-01", "2026年12月1日"));
    assert!(!converted("10:00", "9:00"));
    assert!(!converted("已改", code));
    assert!(!converted(
        "1.13417E+30",
        "1134170000312541503002017004000号"
    ));
}

/// A returned workbook whose 原文 cells Excel turned into numbers and dates (「转换为数字」, or
/// opened and saved): no answer, and nothing said (h35 R5). An answer typed there is still one.
#[test]
fn a_workbook_with_converted_cells_has_no_answers_in_them() {
    let mut report = crate::score::tests::fixture();
    assert!(report.findings.len() >= 4);
    let written = [
        "1134170000312541503002017004000",
        "2026年12月1日",
        "9:00",
        "0566123",
    ];
    for (f, e) in report.findings.iter_mut().zip(written) {
        f.evidence = e.into();
    }
    let dir = tempfile::tempdir().unwrap();
    let save = |answer: Option<&str>| {
        let path = dir.path().join("整改清单-东至县.xlsx");
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet();
        ws.set_name(crate::score::review::SHEET).unwrap();
        for (c, h) in super::tests::REPLY_HEADER.iter().enumerate() {
            ws.write(0, c as u16, *h).unwrap();
        }
        for (i, f) in report.findings.iter().enumerate() {
            let r = i as u32 + 1;
            ws.write(r, 0, &f.item_code).unwrap();
            ws.write(
                r,
                1,
                crate::report::fixlist::cell(&crate::report::fixlist::description(f)),
            )
            .unwrap();
            ws.write(r, 3, "未整改（3天）").unwrap();
            ws.write(r, 7, crate::history::fingerprint(f)).unwrap();
            match (i, answer) {
                (0, Some(a)) => ws.write(r, 2, a).map(|_| ()),
                (0, None) => ws
                    .write(r, 2, 1_134_170_000_312_541_503_002_017_004_000_f64)
                    .map(|_| ()),
                (1, _) => {
                    let d = rust_xlsxwriter::ExcelDateTime::from_ymd(2026, 12, 1).unwrap();
                    let fmt =
                        rust_xlsxwriter::Format::new().set_num_format("yyyy\"年\"m\"月\"d\"日\"");
                    ws.write_datetime_with_format(r, 2, &d, &fmt).map(|_| ())
                }
                (2, _) => {
                    let t = rust_xlsxwriter::ExcelDateTime::from_hms(9, 0, 0).unwrap();
                    let fmt = rust_xlsxwriter::Format::new().set_num_format("h:mm");
                    ws.write_datetime_with_format(r, 2, &t, &fmt).map(|_| ())
                }
                (3, _) => ws.write(r, 2, 566_123_f64).map(|_| ()),
                _ => ws
                    .write(
                        r,
                        2,
                        crate::report::fixlist::cell(&crate::report::fixlist::shown_evidence(
                            &f.evidence,
                        )),
                    )
                    .map(|_| ()),
            }
            .unwrap();
        }
        wb.save(&path).unwrap();
        path
    };
    let got = gather(&[save(None)], &report);
    assert!(got.replies.is_empty(), "{:?}", got.replies);
    assert!(got.issues.is_empty(), "{:?}", got.issues);
    // The clerk's answer over the code: read, and said.
    let got = gather(
        &[save(Some("已改为 11341700003125415030020170040001"))],
        &report,
    );
    assert_eq!(got.replies.len(), 1, "{:?}", got.replies);
    assert!(got.replies[0].fix.contains("（写在「原文」列）"));
    assert_eq!(got.issues.len(), 1, "{:?}", got.issues);
}
