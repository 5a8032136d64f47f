//! The Excel fix list and the CSV of a report with history, and the 复核 read-back.

use std::io::Cursor;

use calamine::{Data, Range, Reader, Xlsx, open_workbook_from_rs};
use zwfw_audit::report::fixlist::{
    DISPUTE_COLUMN, FINGERPRINT_HEADER, FIXED_NOTE, GONE_NOTE, HEADERS, REVIEW_COLUMN,
    STATUS_HEADER,
};
use zwfw_audit::report::view::Views;
use zwfw_audit::report::xlsx::{self, Scope};
use zwfw_audit::report::{Report, csv};
use zwfw_audit::score::review;

use super::{GC, RS, SJ, findings_of, night3};

/// The workbook of one unit, or of every unit when `unit` is `None`.
fn workbook(report: &Report, unit: Option<&str>) -> Vec<u8> {
    let views = Views::of(report);
    let scope = Scope {
        title: unit.unwrap_or("全部单位").to_owned(),
        units: views
            .units
            .iter()
            .filter(|u| unit.is_none_or(|name| u.name == name))
            .collect(),
        unreadable: Vec::new(),
        all: unit.is_none(),
    };
    xlsx::to_bytes(report, &scope).unwrap()
}

fn sheet(bytes: &[u8], name: &str) -> Range<Data> {
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes.to_vec())).unwrap();
    book.worksheet_range(name).unwrap()
}

fn row(range: &Range<Data>, r: usize) -> Vec<String> {
    (0..range.width())
        .map(|c| {
            range
                .get((r, c))
                .map(ToString::to_string)
                .unwrap_or_default()
        })
        .collect()
}

/// The cell of row `r` under `header` (found in row 0).
fn at(range: &Range<Data>, r: usize, header: &str) -> String {
    let c = row(range, 0)
        .iter()
        .position(|h| h == header)
        .unwrap_or_else(|| panic!("no column {header}"));
    row(range, r)[c].clone()
}

/// A unit's 问题清单 header (no 复核结果) with the 状态 and 指纹 columns.
fn unit_headers_with_status() -> Vec<&'static str> {
    let mut h = HEADERS[..REVIEW_COLUMN].to_vec();
    h.extend([STATUS_HEADER, FINGERPRINT_HEADER]);
    h
}

#[test]
fn fix_list_has_a_status_column_and_the_fixed_finding_last() {
    let report = night3();
    let list = sheet(&workbook(&report, Some(SJ)), "问题清单");
    assert_eq!(row(&list, 0), unit_headers_with_status());
    // The unit's 2 findings (A1's B15, A3's B13), then its one fixed baseline finding.
    assert_eq!(list.height(), 1 + 2 + 1);
    let status: Vec<String> = (1..list.height())
        .map(|r| at(&list, r, STATUS_HEADER))
        .collect();
    let mut current = status[..2].to_vec();
    current.sort();
    assert_eq!(current, ["新增", "未整改（4天）"]);
    assert_eq!(at(&list, 3, STATUS_HEADER), "已整改");
    assert_eq!(at(&list, 3, "事项名称"), "食品经营许可（变更）");
    assert_eq!(at(&list, 3, "规则"), "B15");
    assert_eq!(at(&list, 3, "原文"), "", "the history keeps no 原文");
    assert_eq!(at(&list, 3, "整改建议"), FIXED_NOTE);
    assert_eq!(at(&list, 3, "严重程度"), "提示");
    for fill_in in ["整改情况", "是否有异议", "异议理由"] {
        assert_eq!(at(&list, 3, fill_in), "");
    }
    // The new one is A1's B15 (broken again on night 3).
    let new = (1..3)
        .find(|&r| at(&list, r, STATUS_HEADER) == "新增")
        .unwrap();
    assert_eq!(at(&list, new, "事项名称"), "食品经营许可（新办）");
    assert_eq!(at(&list, new, "规则"), "B15");

    let county = sheet(&workbook(&report, Some(GC)), "问题清单");
    let last = county.height() - 1;
    assert_eq!(
        (
            at(&county, last, "事项名称"),
            at(&county, last, STATUS_HEADER),
            at(&county, last, "整改建议")
        ),
        ("食品小作坊登记".into(), "已移除".into(), GONE_NOTE.into())
    );
}

#[test]
fn all_units_fix_list_puts_closed_rows_at_the_end_of_their_unit() {
    let report = night3();
    let list = sheet(&workbook(&report, None), "问题清单");
    // The workbook of every unit has 考核单位 after the fixed columns, as findings.csv.
    assert_eq!(row(&list, 0)[HEADERS.len()], csv::UNIT_HEADER);
    let names: Vec<(String, String)> = (1..list.height())
        .map(|r| (at(&list, r, "事项名称"), at(&list, r, STATUS_HEADER)))
        .collect();
    let units: Vec<String> = (1..list.height())
        .map(|r| at(&list, r, csv::UNIT_HEADER))
        .collect();
    let mut runs = units.clone();
    runs.dedup();
    assert_eq!(runs, [RS, SJ, GC]);
    let (rs, sj, gc) = (
        findings_of(&report, RS),
        findings_of(&report, SJ),
        findings_of(&report, GC),
    );
    assert_eq!(names.len(), rs + sj + 1 + gc + 1);
    // Units in name order: 人社局 (nothing closed), 市场监管局 + 1 已整改, 贵池区 + 1 已移除.
    assert_eq!(names[rs + sj].1, "已整改");
    assert_eq!(names[rs + sj].0, "食品经营许可（变更）");
    assert_eq!(names.last().unwrap().1, "已移除");
    let closed = names
        .iter()
        .filter(|(_, s)| s == "已整改" || s == "已移除")
        .count();
    assert_eq!(closed, 2);
    // 序号 runs on through the closed rows.
    assert_eq!(
        row(&list, list.height() - 1)[0],
        (list.height() - 1).to_string()
    );
}

/// The row of the 汇总 sheet whose first cell is `text`, at or after `from`.
fn find_row(range: &Range<Data>, text: &str, from: usize) -> usize {
    (from..range.height())
        .find(|&r| row(range, r)[0] == text)
        .unwrap_or_else(|| panic!("no row {text:?} in 汇总"))
}

#[test]
fn summary_sheet_has_counts_against_the_baseline_and_the_trend() {
    let report = night3();
    let summary = sheet(&workbook(&report, None), "汇总");
    let diff = find_row(&summary, "与上次运行对比", 0);
    assert!(
        row(&summary, diff)[1].contains("n2"),
        "{:?}",
        row(&summary, diff)
    );
    assert_eq!(
        row(&summary, diff + 1)[..9],
        [
            "单位",
            "事项数",
            "错误",
            "新增",
            "其中新增错误",
            "未整改",
            "已整改",
            "已移除",
            "已豁免"
        ]
    );
    let sj = find_row(&summary, SJ, diff + 1);
    let h = report.history.as_ref().unwrap().unit(SJ).unwrap();
    let expect = [h.items, h.errors, 1, h.new_errors, 1, 1, 0, 0].map(|n| n.to_string());
    assert_eq!(row(&summary, sj)[1..9], expect);
    assert_eq!(
        row(&summary, find_row(&summary, GC, diff + 1))[6..8],
        ["0", "1"]
    );

    let trend = find_row(&summary, "趋势（最近几次已完成的运行及本次）", sj);
    assert_eq!(
        row(&summary, trend + 1)[..6],
        ["单位", "运行编号", "运行日期", "事项数", "错误", "得分"]
    );
    let rs: Vec<Vec<String>> = (trend + 2..summary.height())
        .map(|r| row(&summary, r))
        .filter(|cells| cells[0] == RS)
        .collect();
    let seen: Vec<(&str, &str, &str, &str)> = rs
        .iter()
        .map(|c| (c[1].as_str(), c[2].as_str(), c[4].as_str(), c[5].as_str()))
        .collect();
    assert_eq!(
        seen,
        [
            ("n1", "2026-11-20", "1", "未评分"),
            ("n2", "2026-11-21", "2", "未评分"),
            ("n3", "2026-11-24", "3", "未评分")
        ]
    );
}

#[test]
fn csv_has_a_status_column_and_the_closed_rows() {
    let report = night3();
    let mut out = Vec::new();
    csv::write(&report, &mut out).unwrap();
    let text = std::str::from_utf8(&out[csv::BOM.len()..]).unwrap();
    let mut rows = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes());
    let rows: Vec<Vec<String>> = rows
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    let mut header = HEADERS.to_vec();
    header.extend([csv::UNIT_HEADER, STATUS_HEADER, FINGERPRINT_HEADER]);
    assert_eq!(rows[0], header);
    assert_eq!(rows.len(), 1 + report.findings.len() + 2);
    let (unit, status) = (HEADERS.len(), HEADERS.len() + 1);
    let closed: Vec<(&str, &str, &str)> = rows[1..]
        .iter()
        .filter(|r| r[status] == "已整改" || r[status] == "已移除")
        .map(|r| (r[unit].as_str(), r[1].as_str(), r[status].as_str()))
        .collect();
    assert_eq!(
        closed,
        [
            (SJ, "食品经营许可（变更）", "已整改"),
            (GC, "食品小作坊登记", "已移除")
        ]
    );
    // Grouped by unit: each unit's rows are contiguous.
    let units: Vec<&str> = rows[1..].iter().map(|r| r[unit].as_str()).collect();
    let mut runs = units.clone();
    runs.dedup();
    assert_eq!(runs, [RS, SJ, GC]);
}

#[test]
fn review_reads_a_nightly_fix_list_and_skips_the_closed_rows() {
    let report = night3();
    let list = sheet(&workbook(&report, None), "问题清单");
    let review_col = REVIEW_COLUMN;
    // The assessor fills 复核结果 on 市场监管局's first finding and, by mistake, on its fixed row.
    let of_sj: Vec<usize> = (1..list.height())
        .filter(|&r| at(&list, r, csv::UNIT_HEADER) == SJ)
        .collect();
    let (first, fixed) = (of_sj[0], *of_sj.last().unwrap());
    assert_eq!(at(&list, fixed, STATUS_HEADER), "已整改");
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet().set_name("问题清单").unwrap();
    for r in 0..list.height() {
        let mut cells = row(&list, r);
        if r == first || r == fixed {
            cells[review_col] = "驳回".into();
        }
        for (c, text) in cells.iter().enumerate() {
            ws.write_string(r as u32, c as u16, text).unwrap();
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("整改清单-全部-已复核.xlsx");
    book.save(&path).unwrap();

    let outcome = review::read(&path, &report).unwrap();
    assert!(outcome.issues.is_empty(), "{:?}", outcome.issues);
    assert_eq!((outcome.rejected, outcome.confirmed), (1, 0));
    let code = at(&list, first, "实施编码");
    let rule = at(&list, first, "规则");
    let dropped: Vec<_> = report
        .findings
        .iter()
        .zip(&outcome.kept)
        .filter(|(_, kept)| !**kept)
        .map(|(f, _)| (f.item_code.clone(), f.rule.clone()))
        .collect();
    assert_eq!(dropped, [(code, rule)]);
}

/// A unit's fix list handed back as a review (its clerk disputed a finding with 是否有异议 = 有)
/// is refused with the file to review in: a unit's objection is not the assessor's decision.
#[test]
fn a_units_fix_list_is_not_a_review() {
    let report = night3();
    let list = sheet(&workbook(&report, Some(SJ)), "问题清单");
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet().set_name("问题清单").unwrap();
    for r in 0..list.height() {
        let mut cells = row(&list, r);
        if r == 1 {
            cells[DISPUTE_COLUMN] = "有".into();
            cells[DISPUTE_COLUMN + 1] = "平台上的咨询电话是 0566-2021156，已带区号".into();
        }
        for (c, text) in cells.iter().enumerate() {
            ws.write_string(r as u32, c as u16, text).unwrap();
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("整改清单-市场监管局-回复.xlsx");
    book.save(&path).unwrap();
    let err = review::read(&path, &report).unwrap_err().to_string();
    assert!(
        err.contains("是发给单位的整改清单") && err.contains("整改清单-全部.xlsx"),
        "{err}"
    );
}

#[test]
fn without_history_the_fix_list_and_csv_keep_their_columns() {
    let mut report = night3();
    report.history = None;
    let list = sheet(&workbook(&report, None), "问题清单");
    let mut all_units = HEADERS.to_vec();
    all_units.extend([csv::UNIT_HEADER, FINGERPRINT_HEADER]);
    assert_eq!(row(&list, 0), all_units);
    assert_eq!(list.height(), 1 + report.findings.len());
    let one = sheet(&workbook(&report, Some(SJ)), "问题清单");
    let mut unit = HEADERS[..REVIEW_COLUMN].to_vec();
    unit.push(FINGERPRINT_HEADER);
    assert_eq!(row(&one, 0), unit);
    let summary = sheet(&workbook(&report, None), "汇总");
    assert!((0..summary.height()).all(|r| row(&summary, r)[0] != "与上次运行对比"));
    let mut out = Vec::new();
    csv::write(&report, &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    let first = text.lines().next().unwrap().trim_start_matches('\u{feff}');
    assert_eq!(
        first,
        format!(
            "{},{},{FINGERPRINT_HEADER}",
            HEADERS.join(","),
            csv::UNIT_HEADER
        )
    );
    assert_eq!(text.lines().count(), 1 + report.findings.len());
}

#[test]
fn a_unit_whose_items_were_all_removed_still_gets_its_closed_rows() {
    let mut report = night3();
    let h = std::sync::Arc::make_mut(report.history.as_mut().unwrap());
    let mut removed = h
        .findings
        .iter()
        .find(|f| f.status == zwfw_audit::history::FindingStatus::Gone)
        .unwrap()
        .clone();
    removed.unit = "池州市林业局".into();
    removed.item_name = "林木采伐许可证核发".into();
    removed.fingerprint = "0000000000000000".into();
    h.findings.push(removed);
    h.findings.sort_by(|a, b| a.fingerprint.cmp(&b.fingerprint));

    let dir = tempfile::tempdir().unwrap();
    let written = zwfw_audit::report::output::write_dir(
        &report,
        dir.path(),
        &[zwfw_audit::report::output::Format::Xlsx],
    )
    .unwrap();
    assert!(
        written
            .iter()
            .any(|p| p.ends_with("整改清单-池州市林业局.xlsx"))
    );
    let list = sheet(&workbook(&report, Some("池州市林业局")), "问题清单");
    assert_eq!(list.height(), 2);
    assert_eq!(at(&list, 1, "事项名称"), "林木采伐许可证核发");
    assert_eq!(at(&list, 1, STATUS_HEADER), "已移除");
    let all = sheet(&workbook(&report, None), "问题清单");
    let closed = (1..all.height())
        .filter(|&r| ["已整改", "已移除"].contains(&at(&all, r, STATUS_HEADER).as_str()))
        .count();
    assert_eq!(closed, 3);
}

#[test]
fn a_waived_finding_is_marked_with_its_end_date() {
    let mut report = night3();
    let h = std::sync::Arc::make_mut(report.history.as_mut().unwrap());
    let entry = h
        .findings
        .iter_mut()
        .find(|f| f.unit == SJ && f.status == zwfw_audit::history::FindingStatus::New)
        .unwrap();
    entry.waiver = Some(zwfw_audit::history::Waiver {
        fingerprint: entry.fingerprint.clone(),
        reason: "省平台统一配置，已报省数据资源局修改".into(),
        until: "2026-12-31".into(),
        created_at: "2026-11-23T10:00:00+08:00".into(),
    });
    let list = sheet(&workbook(&report, Some(SJ)), "问题清单");
    let status: Vec<String> = (1..list.height())
        .map(|r| at(&list, r, STATUS_HEADER))
        .collect();
    assert_eq!(
        status
            .iter()
            .filter(|s| *s == "已豁免（至 2026-12-31）")
            .count(),
        1,
        "{status:?}"
    );
    assert!(!status.contains(&"新增".to_owned()));
    let page = zwfw_audit::report::html::render(&report).unwrap();
    assert_eq!(page.matches("data-status=\"waived\"").count(), 1);
}

/// A 已移除 row says why its finding is gone: its item is not in the input, could not be read, or
/// its rule did not run (one note for all three told the clerk nothing).
#[test]
fn a_removed_finding_says_why_it_is_gone() {
    use zwfw_audit::report::fixlist::{RULE_OFF_NOTE, UNREADABLE_NOTE};
    let note = |report: &Report| {
        let list = sheet(&workbook(report, Some(GC)), "问题清单");
        at(&list, list.height() - 1, "整改建议")
    };
    let report = night3();
    assert_eq!(note(&report), GONE_NOTE);
    let gone = report
        .history
        .as_ref()
        .unwrap()
        .findings
        .iter()
        .find(|f| f.status == zwfw_audit::history::FindingStatus::Gone)
        .unwrap()
        .clone();

    let mut unreadable = report.clone();
    let mut entry = unreadable
        .items
        .iter()
        .find(|i| i.unit == GC)
        .unwrap()
        .clone();
    entry.code.clone_from(&gone.item_code);
    entry.status = zwfw_audit::report::ItemStatus::Unreadable;
    entry.reason = Some("字段「materials」应为列表，实为文本「营业执照」".into());
    unreadable.items.push(entry);
    assert_eq!(note(&unreadable), UNREADABLE_NOTE);

    let mut rule_off = report.clone();
    rule_off.rules.retain(|r| r.id != gone.rule);
    assert_eq!(note(&rule_off), RULE_OFF_NOTE);
}
