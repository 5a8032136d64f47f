//! Tests of reading replies: 是否有异议 cells, the no-findings line, files that are no replies.

use super::*;

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
