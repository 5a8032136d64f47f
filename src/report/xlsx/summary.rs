//! The 汇总 sheet: who and when, how to fill the list, the unit table (its columns in
//! [`super::unit_table`]), the problems met reading the input, the history tables, and the counts
//! by element.

use rust_xlsxwriter::{Note, Worksheet, XlsxError};

use super::place;
use super::styles::{Styles, Widths, header_row};
use super::unit_table::{
    COMPLETENESS_NOTE, SCORED_HEADERS, UnitColumns, WORKING_NOTE, completeness_cell,
};
use crate::report::fixlist;
use crate::report::view::{ElementCount, UnitTotals};
use crate::report::{Report, display_time, interval_text, xlsx_history};

const ELEMENT_HEADERS: [&str; 9] = [
    "规则",
    "要素",
    "类别",
    "检查数",
    "通过",
    "不通过",
    "不涉及",
    "错误",
    "提示",
];

/// Notices about the input shown on 汇总, at most.
const NOTICES_SHOWN: usize = 20;

/// The warnings and errors met while reading the input, under the unit table: a column of phones
/// stored as numbers explains findings a clerk would otherwise "fix" on a correct platform. Returns
/// the last row written.
fn input_notices(
    sheet: &mut Worksheet,
    mut row: u32,
    report: &Report,
    scope: &Cover<'_>,
    s: &Styles,
) -> Result<u32, XlsxError> {
    use crate::source::NoticeLevel;
    let all = scope.all;
    let mine = (!all).then(|| Concerns::of(report, scope));
    let notices: Vec<_> = report
        .input_notices()
        .filter(|n| n.level >= NoticeLevel::Warning)
        .filter(|n| mine.as_ref().is_none_or(|m| m.concerns(n)))
        .collect();
    if !notices.is_empty() {
        row += 2;
        sheet.write_string_with_format(row, 0, "读取导出文件时发现的问题", &s.section)?;
        row += 1;
        sheet.write_string(
            row,
            0,
            "下列问题出在导出文件上，不是平台上公布的内容；与之相关的问题清单条目可能是导出造成的，整改前请先在平台上核对原文。",
        )?;
        row = notice_rows(sheet, row, &notices, all)?;
    }
    // The assessor's own files (sample list, review, unit mapping): for the assessors only.
    let assessor: Vec<_> = report.assessor_notices().collect();
    if all && !assessor.is_empty() {
        row += 2;
        sheet.write_string_with_format(
            row,
            0,
            "读取抽样清单、复核文件、单位对照表时发现的问题（仅考核组）",
            &s.section,
        )?;
        row += 1;
        sheet.write_string(row, 0, "下列行未被采用；各单位的整改清单不显示这些内容。")?;
        row = notice_rows(sheet, row, &assessor, all)?;
    }
    Ok(row)
}

/// Which notices a unit's workbook shows: those of its own items and files, and those of the
/// whole run; not another unit's row of a shared export (a formula cell in a city department's
/// row is nothing a county can act on), nor a 实施主体 split or a rename naming other units only.
struct Concerns<'r> {
    /// The units of the workbook.
    units: Vec<&'r str>,
    /// The 考核单位 of the item at each place (file, sheet, row) of the report.
    at: std::collections::HashMap<(&'r str, Option<&'r str>, u64), &'r str>,
    /// Files holding an item of the workbook's units, and files holding any item.
    own_files: std::collections::HashSet<&'r str>,
    item_files: std::collections::HashSet<&'r str>,
}

impl<'r> Concerns<'r> {
    fn of(report: &'r Report, scope: &Cover<'r>) -> Self {
        let units: Vec<&str> = scope.units.iter().map(|u| u.name.as_str()).collect();
        let mut c = Concerns {
            units,
            at: std::collections::HashMap::new(),
            own_files: std::collections::HashSet::new(),
            item_files: std::collections::HashSet::new(),
        };
        for item in &report.items {
            let p = &item.provenance;
            c.item_files.insert(&p.source);
            if c.units.contains(&item.unit.as_str()) {
                c.own_files.insert(&p.source);
            }
            if let Some(row) = p.row {
                c.at.insert((&p.source, p.sheet.as_deref(), row), &item.unit);
            }
        }
        c
    }

    fn concerns(&self, n: &crate::source::Notice) -> bool {
        let named = |name: &str| n.message.contains(&format!("「{name}」"));
        if self.units.iter().any(|u| named(u)) {
            return true;
        }
        let p = &n.provenance;
        let source: &str = &p.source;
        // Of an item's row: that item's unit's.
        if let Some(unit) = p
            .row
            .and_then(|row| self.at.get(&(source, p.sheet.as_deref(), row)))
        {
            return self.units.contains(unit);
        }
        // Of a file: the units with items in it; a file that gave no item, the whole run's.
        self.own_files.contains(source) || !self.item_files.contains(source)
    }
}

/// The notices, one a row (at most [`NOTICES_SHOWN`]); returns the last row written.
fn notice_rows(
    sheet: &mut Worksheet,
    mut row: u32,
    notices: &[&crate::source::Notice],
    all: bool,
) -> Result<u32, XlsxError> {
    for n in notices.iter().take(NOTICES_SHOWN) {
        row += 1;
        // A unit's workbook names files without the server's folders, in the message too.
        let source = &*n.provenance.source;
        let name = crate::model::provenance::file_name(source);
        let message = if all || name == source {
            std::borrow::Cow::Borrowed(n.message.as_str())
        } else {
            std::borrow::Cow::Owned(n.message.replace(source, name))
        };
        sheet.write_string(
            row,
            0,
            fixlist::cell(&format!("{} — {message}", place(&n.provenance, all))),
        )?;
    }
    if notices.len() > NOTICES_SHOWN {
        row += 1;
        sheet.write_string(
            row,
            0,
            format!(
                "……另有 {} 条，见 report.html 或 report.json",
                notices.len() - NOTICES_SHOWN
            ),
        )?;
    }
    Ok(row)
}

/// What 汇总 says of a workbook: its title, whether it is the assessors' (`all`), its units' lines
/// and how many of its records could not be read.
pub(super) struct Cover<'a> {
    pub(super) title: &'a str,
    pub(super) all: bool,
    pub(super) units: &'a [UnitTotals],
    pub(super) unreadable: usize,
}

pub(super) fn summary_sheet(
    sheet: &mut Worksheet,
    report: &Report,
    scope: &Cover<'_>,
    elements: &[ElementCount],
    s: &Styles,
) -> Result<(), XlsxError> {
    // With the units' replies gathered (`report --replies`), each unit's answers are counted.
    let replies = !report.replies.is_empty();
    let columns = UnitColumns::of(report, scope.units);
    let unit_headers = columns.headers(replies);
    let mut widths = Widths::new(&unit_headers);
    sheet.write_string_with_format(
        0,
        0,
        fixlist::cell(&format!("实施清单整改清单 — {}", scope.title)),
        &s.title,
    )?;
    let generated = display_time(&report.generated_at);
    let fill_in = if scope.all && report.sample.is_some() {
        "「问题清单」表：整改情况、是否有异议、异议理由由责任单位填写（单位交回的清单可用 zwfw-audit report 报告.json --replies 回复文件夹 汇总到本表）；复核结果由考核人员填写「确认」（问题成立）或「驳回」（问题不成立），填好后运行 zwfw-audit score 计分后的报告（如 report.scored.json，其中记有抽样）--review 本文件 重新计分，沿用原来的抽样。请勿修改「指纹」列。"
    } else if scope.all {
        "「问题清单」表：整改情况、是否有异议、异议理由由责任单位填写（单位交回的清单可用 zwfw-audit report 报告.json --replies 回复文件夹 汇总到本表）；复核结果由考核人员填写「确认」（问题成立）或「驳回」（问题不成立），填好后运行 zwfw-audit score 报告文件夹/report.json --review 本文件 重新计分。请勿修改「指纹」列。"
    } else {
        "「问题清单」表：表头为黄色的三列由本单位填写，其他列请勿改动。请逐条整改，在「整改情况」中写明怎样整改的；认为问题不成立的，在「是否有异议」中选「有」，并在「异议理由」中说明，由考核人员复核。可以排序、筛选，但请勿修改「指纹」列，交回时保持 xlsx 格式。"
    };
    let sampling = report.sample.as_ref().map(|sample| {
        format!(
            "抽查 {} 个事项（抽样清单 {}，{}）。得分只按抽中的事项计算：「问题清单」「事项」表的「是否抽中」列标出了抽中的；下表「抽查范围内」各列是计分用的数，「全部事项」各列只供整改参考。",
            sample.items.len(),
            place(&crate::model::Provenance::file(sample.source.as_str()), scope.all),
            sample.describe()
        )
    });
    let mut info = vec![
        ("运行编号", report.run_id.as_str()),
        ("生成时间", generated.as_str()),
        ("工具版本", report.tool_version.as_str()),
        ("填写说明", fill_in),
        (
            "严重程度",
            "附录要素的「错误」计入出错率和得分；附录以外的通用检查（G 类）的错误标为「错误（不计分）」，与「提示」一样不计分，但仍应整改。每条规则检查什么、依据和整改方法见「规则说明」表。",
        ),
    ];
    if let Some(text) = &sampling {
        info.push(("抽样", text.as_str()));
    }
    for (i, (k, v)) in info.iter().enumerate() {
        let row = 1 + i as u32;
        sheet.write_string_with_format(row, 0, *k, &s.section)?;
        sheet.write_string(row, 1, fixlist::cell(v))?;
    }

    let mut row = info.len() as u32 + 2;
    sheet.write_string_with_format(row, 0, "单位得分", &s.section)?;
    row += 1;
    header_row(sheet, row, &unit_headers, &s.header)?;
    if let Some(col) = unit_headers.iter().position(|h| *h == SCORED_HEADERS[3]) {
        let note = Note::new(WORKING_NOTE)
            .set_author("zwfw-audit")
            .set_width(320);
        sheet.insert_note(row, col as u16, &note)?;
    }
    if columns.scored {
        let note = Note::new(COMPLETENESS_NOTE)
            .set_author("zwfw-audit")
            .set_width(320);
        sheet.insert_note(row, 14, &note)?;
    }
    for unit in scope.units {
        row += 1;
        let name = fixlist::cell(&unit.name);
        widths.see(0, &name);
        sheet.write_string(row, 0, name)?;
        sheet.write_string(row, 1, unit.kind.map_or("", |k| k.label_zh()))?;
        sheet.write_number(row, 2, unit.items as f64)?;
        sheet.write_number(row, 4, unit.items_with_errors as f64)?;
        sheet.write_number(row, 5, unit.errors as f64)?;
        sheet.write_number(row, 6, unit.warnings as f64)?;
        if let Some(sc) = &unit.score {
            sheet.write_number(row, 3, sc.sampled as f64)?;
            sheet.write_string(row, 7, sc.rate_kind.label_zh())?;
            sheet.write_number_with_format(row, 8, sc.rate, &s.percent)?;
            sheet.write_string(
                row,
                9,
                interval_text(sc, |x| format!("{:.1}%", x * 100.0), true),
            )?;
            sheet.write_number(row, 10, sc.full_marks)?;
            sheet.write_number_with_format(row, 11, sc.score, &s.points)?;
            sheet.write_string(row, 12, interval_text(sc, |x| format!("{x:.2}"), false))?;
            if let Some(r) = sc.reviewed_score {
                sheet.write_number_with_format(row, 13, r, &s.points)?;
            }
            let completeness = completeness_cell(sc.kind, sc.completeness.as_ref());
            widths.see(14, &completeness);
            sheet.write_string(row, 14, completeness)?;
            columns.write_score(sheet, row, sc, report, s, &mut widths)?;
        } else {
            sheet.write_string(row, 11, "未评分")?;
        }
        if let Some(text) = &unit.replies {
            let col = unit_headers.len() - 1;
            widths.see(col, text);
            sheet.write_string(row, col as u16, text)?;
        }
    }
    if scope.units.is_empty() {
        row += 1;
        sheet.write_string(row, 0, "（没有单位）")?;
    }
    if scope.unreadable > 0 {
        row += 1;
        sheet.write_string(
            row,
            0,
            format!("另有 {} 个事项无法读取，见「事项」表。", scope.unreadable),
        )?;
    }
    row = input_notices(sheet, row, report, scope, s)?;
    if let Some(history) = &report.history {
        row = xlsx_history::summary(
            sheet,
            row,
            history,
            (scope.units, scope.all),
            &s.section,
            &s.header,
            &s.points,
        )?;
    }

    row += 2;
    let by_element = if columns.scored {
        "按要素统计（全部事项）"
    } else {
        "按要素统计"
    };
    sheet.write_string_with_format(row, 0, by_element, &s.section)?;
    row += 1;
    header_row(sheet, row, &ELEMENT_HEADERS, &s.header)?;
    for e in elements {
        row += 1;
        sheet.write_string(row, 0, fixlist::cell(&e.rule))?;
        sheet.write_string(row, 1, fixlist::cell(&e.element))?;
        sheet.write_string(row, 2, fixlist::cell(&e.category))?;
        let counts = [
            e.checks(),
            e.pass,
            e.fail,
            e.not_applicable,
            e.errors,
            e.warnings,
        ];
        for (i, n) in counts.iter().enumerate() {
            sheet.write_number(row, 3 + i as u16, *n as f64)?;
        }
    }
    widths.0[0] = widths.0[0].max(14);
    widths.0[1] = widths.0[1].max(16);
    widths.apply(sheet)
}
