//! The Excel fix list (整改清单): one workbook for one unit, or for every unit, with three sheets.
//!
//! - **汇总** — who, when, each unit's score, error rate and its 95% interval (or 未评分 with the
//!   counts when scoring did not run), and the counts by element.
//! - **问题清单** — one row per finding, columns [`fixlist::HEADERS`]; the assessor fills
//!   复核结果 (确认/驳回, a dropdown), the clerk fills 整改情况. `score --review` reads it back.
//! - **事项** — every audited item with its pass / fail / n/a counts; the all-units workbook also
//!   lists the items that could not be read, with the reason.
//!
//! Every value that comes from the published items is written as a string cell (codes such as
//! `000104002000` stay text) and goes through [`fixlist::cell`] (formula guard, length bound).
//! Only counts, rates and scores the tool computed are numbers.

use std::io::{Seek, Write};

use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DocProperties, ExcelDateTime, Format, FormatAlign,
    FormatBorder, Workbook, Worksheet, XlsxError,
};

use super::fixlist::{
    self, FINGERPRINT_HEADER, FixRow, HEADERS, REVIEW_CHOICES, REVIEW_COLUMN, STATUS_HEADER,
};
use super::view::{ElementCount, UnitView, element_counts, outcome_counts};
use super::{ItemEntry, ItemStatus, Report};
use crate::history::HistoryView;
use crate::model::Finding;

/// Sheet names, in order.
pub const SHEETS: [&str; 3] = ["汇总", "问题清单", "事项"];

/// Widest column, in characters.
const MAX_WIDTH: usize = 60;

/// What one workbook covers.
#[derive(Debug, Clone)]
pub struct Scope<'r, 'v> {
    /// Shown in the title: a unit's name or `全部单位`.
    pub title: String,
    /// The units in the workbook.
    pub units: Vec<&'v UnitView<'r>>,
    /// Unreadable items to list on the 事项 sheet (the all-units workbook only).
    pub unreadable: Vec<&'r ItemEntry>,
}

/// Writes the workbook for `scope` to `out`.
pub fn write<W: Write + Seek + Send>(
    report: &Report,
    scope: &Scope<'_, '_>,
    out: W,
) -> Result<(), XlsxError> {
    let mut book = build(report, scope)?;
    book.save_to_writer(out)
}

/// Renders the workbook for `scope` to bytes.
pub fn to_bytes(report: &Report, scope: &Scope<'_, '_>) -> Result<Vec<u8>, XlsxError> {
    let mut book = build(report, scope)?;
    book.save_to_buffer()
}

struct Styles {
    title: Format,
    header: Format,
    section: Format,
    text: Format,
    wrap: Format,
    percent: Format,
    points: Format,
    closed: Format,
    closed_wrap: Format,
}

impl Styles {
    fn new() -> Self {
        let header = Format::new()
            .set_bold()
            .set_background_color(0x00DD_EBF7)
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter);
        Styles {
            title: Format::new().set_bold().set_font_size(16),
            section: Format::new().set_bold().set_font_size(12),
            header,
            text: Format::new().set_align(FormatAlign::Top),
            wrap: Format::new().set_text_wrap().set_align(FormatAlign::Top),
            percent: Format::new().set_num_format("0.0%"),
            points: Format::new().set_num_format("0.00"),
            closed: Format::new()
                .set_align(FormatAlign::Top)
                .set_font_color(0x0070_7070)
                .set_background_color(0x00E2_F0D9),
            closed_wrap: Format::new()
                .set_text_wrap()
                .set_align(FormatAlign::Top)
                .set_font_color(0x0070_7070)
                .set_background_color(0x00E2_F0D9),
        }
    }
}

fn build(report: &Report, scope: &Scope<'_, '_>) -> Result<Workbook, XlsxError> {
    let styles = Styles::new();
    let mut book = Workbook::new();
    book.set_properties(&properties(report, scope)?);
    let items: Vec<&ItemEntry> = scope.units.iter().flat_map(|u| u.items.clone()).collect();
    let findings: Vec<&Finding> = scope
        .units
        .iter()
        .flat_map(|u| u.findings.clone())
        .collect();
    summary_sheet(
        book.add_worksheet().set_name(SHEETS[0])?,
        report,
        scope,
        &element_counts(&report.rules, &items, &findings),
        &styles,
    )?;
    let history = report.history.as_ref();
    let rows: Vec<FixRow<'_>> = scope
        .units
        .iter()
        .flat_map(|u| fixlist::unit_rows(&u.findings, u.name, history))
        .collect();
    // The workbook of every unit says whose each row is, as findings.csv does.
    let with_unit = scope.units.len() > 1;
    findings_sheet(
        book.add_worksheet().set_name(SHEETS[1])?,
        &rows,
        (history, &fixlist::decisions(report)),
        with_unit,
        &styles,
    )?;
    let mut all_items = items;
    all_items.extend(scope.unreadable.iter().copied());
    items_sheet(
        book.add_worksheet().set_name(SHEETS[2])?,
        &all_items,
        &styles,
    )?;
    Ok(book)
}

/// Title and creation time from the report, so the same report gives the same workbook.
fn properties(report: &Report, scope: &Scope<'_, '_>) -> Result<DocProperties, XlsxError> {
    let mut props = DocProperties::new()
        .set_title(format!("实施清单整改清单 — {}", scope.title))
        .set_comment(format!(
            "zwfw-audit {} 运行 {}",
            report.tool_version, report.run_id
        ));
    if let Ok(t) = report.generated_at.parse::<jiff::Timestamp>() {
        props = props.set_creation_datetime(&ExcelDateTime::from_timestamp(t.as_second())?);
    }
    Ok(props)
}

/// Tracks the widest value per column so widths fit the text (CJK counted double).
struct Widths(Vec<usize>);

impl Widths {
    fn new(headers: &[&str]) -> Self {
        Widths(
            headers
                .iter()
                .map(|h| fixlist::display_width(h) + 4)
                .collect(),
        )
    }

    fn see(&mut self, col: usize, text: &str) {
        let w = text.lines().map(fixlist::display_width).max().unwrap_or(0) + 2;
        if let Some(slot) = self.0.get_mut(col) {
            *slot = (*slot).max(w.min(MAX_WIDTH));
        }
    }

    fn apply(&self, sheet: &mut Worksheet) -> Result<(), XlsxError> {
        for (col, w) in self.0.iter().enumerate() {
            sheet.set_column_width(col as u16, *w as f64)?;
        }
        Ok(())
    }
}

fn header_row(
    sheet: &mut Worksheet,
    row: u32,
    headers: &[&str],
    f: &Format,
) -> Result<(), XlsxError> {
    for (col, h) in headers.iter().enumerate() {
        sheet.write_string_with_format(row, col as u16, *h, f)?;
    }
    Ok(())
}

/// Finishes a table sheet: frozen header, autofilter, widths.
fn table(
    sheet: &mut Worksheet,
    rows: usize,
    cols: usize,
    widths: &Widths,
) -> Result<(), XlsxError> {
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, rows as u32, (cols - 1) as u16)?;
    widths.apply(sheet)
}

const UNIT_HEADERS: [&str; 14] = [
    "单位",
    "单位类型",
    "事项数",
    "抽查事项数",
    "有错误的事项",
    "错误",
    "提示",
    "出错率口径",
    "出错率",
    "出错率95%区间",
    "满分",
    "得分",
    "得分区间",
    "复核后得分",
];

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

fn summary_sheet(
    sheet: &mut Worksheet,
    report: &Report,
    scope: &Scope<'_, '_>,
    elements: &[ElementCount],
    s: &Styles,
) -> Result<(), XlsxError> {
    let mut widths = Widths::new(&UNIT_HEADERS);
    sheet.write_string_with_format(
        0,
        0,
        fixlist::cell(&format!("实施清单整改清单 — {}", scope.title)),
        &s.title,
    )?;
    let generated = super::display_time(&report.generated_at);
    let info = [
        ("运行编号", report.run_id.as_str()),
        ("生成时间", generated.as_str()),
        ("工具版本", report.tool_version.as_str()),
        (
            "填写说明",
            "「问题清单」表：复核结果由考核人员填写「确认」或「驳回」；整改情况由责任单位填写。",
        ),
    ];
    for (i, (k, v)) in info.iter().enumerate() {
        let row = 1 + i as u32;
        sheet.write_string_with_format(row, 0, *k, &s.section)?;
        sheet.write_string(row, 1, fixlist::cell(v))?;
    }

    let mut row = 6;
    sheet.write_string_with_format(row, 0, "单位得分", &s.section)?;
    row += 1;
    header_row(sheet, row, &UNIT_HEADERS, &s.header)?;
    for unit in &scope.units {
        row += 1;
        let name = fixlist::cell(unit.name);
        widths.see(0, &name);
        sheet.write_string(row, 0, name)?;
        sheet.write_string(row, 1, unit.kind.map_or("", |k| k.label_zh()))?;
        sheet.write_number(row, 2, unit.items.len() as f64)?;
        sheet.write_number(row, 4, unit.items_with_errors() as f64)?;
        sheet.write_number(row, 5, unit.errors() as f64)?;
        sheet.write_number(row, 6, unit.warnings() as f64)?;
        if let Some(sc) = unit.score {
            sheet.write_number(row, 3, sc.sampled as f64)?;
            sheet.write_string(row, 7, sc.rate_kind.label_zh())?;
            sheet.write_number_with_format(row, 8, sc.rate, &s.percent)?;
            sheet.write_string(
                row,
                9,
                format!("{:.1}% – {:.1}%", sc.rate_low * 100.0, sc.rate_high * 100.0),
            )?;
            sheet.write_number(row, 10, sc.full_marks)?;
            sheet.write_number_with_format(row, 11, sc.score, &s.points)?;
            sheet.write_string(
                row,
                12,
                format!("{:.2} – {:.2}", sc.score_low, sc.score_high),
            )?;
            if let Some(r) = sc.reviewed_score {
                sheet.write_number_with_format(row, 13, r, &s.points)?;
            }
        } else {
            sheet.write_string(row, 11, "未评分")?;
        }
    }
    if scope.units.is_empty() {
        row += 1;
        sheet.write_string(row, 0, "（没有单位）")?;
    }
    if !scope.unreadable.is_empty() {
        row += 1;
        sheet.write_string(
            row,
            0,
            format!(
                "另有 {} 个事项无法读取，见「事项」表。",
                scope.unreadable.len()
            ),
        )?;
    }
    if let Some(history) = &report.history {
        row = super::xlsx_history::summary(
            sheet, row, history, scope, &s.section, &s.header, &s.points,
        )?;
    }

    row += 2;
    sheet.write_string_with_format(row, 0, "按要素统计", &s.section)?;
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

fn findings_sheet(
    sheet: &mut Worksheet,
    findings: &[FixRow<'_>],
    (history, review): (Option<&HistoryView>, &fixlist::Decisions<'_>),
    with_unit: bool,
    s: &Styles,
) -> Result<(), XlsxError> {
    let mut headers = HEADERS.to_vec();
    if with_unit {
        headers.push(super::csv::UNIT_HEADER);
    }
    if history.is_some() {
        headers.extend([STATUS_HEADER, FINGERPRINT_HEADER]);
    }
    let mut widths = Widths::new(&headers);
    header_row(sheet, 0, &headers, &s.header)?;
    for (i, f) in findings.iter().enumerate() {
        let row = i as u32 + 1;
        let mut cells = f.cells(i + 1, history, review);
        if with_unit {
            cells.insert(HEADERS.len(), fixlist::cell(f.unit()));
        }
        let closed = matches!(f, FixRow::Closed(_));
        let (text, wrap) = if closed {
            (&s.closed, &s.closed_wrap)
        } else {
            (&s.text, &s.wrap)
        };
        sheet.write_number_with_format(row, 0, (i + 1) as f64, text)?;
        for (col, cell) in cells.iter().enumerate().skip(1) {
            widths.see(col, cell);
            let format = if matches!(col, 5..=7) { wrap } else { text };
            sheet.write_string_with_format(row, col as u16, cell, format)?;
        }
    }
    widths.0[REVIEW_COLUMN] = widths.0[REVIEW_COLUMN].max(12);
    widths.0[10] = widths.0[10].max(24);
    if !findings.is_empty() {
        let last = findings.len() as u32;
        let validation = DataValidation::new()
            .allow_list_strings(&REVIEW_CHOICES)?
            .set_error_style(DataValidationErrorStyle::Warning)
            .set_input_title("复核结果")?
            .set_input_message("请选择「确认」或「驳回」")?;
        sheet.add_data_validation(
            1,
            REVIEW_COLUMN as u16,
            last,
            REVIEW_COLUMN as u16,
            &validation,
        )?;
    }
    table(sheet, findings.len(), headers.len(), &widths)
}

const ITEM_HEADERS: [&str; 13] = [
    "序号",
    "考核单位",
    "事项名称",
    "实施编码",
    "事项类型",
    "状态",
    "无法读取原因",
    "通过",
    "不通过",
    "不涉及",
    "错误",
    "提示",
    "来源",
];

/// 事项类型 as people say it: a code the platform exported (`01`) with its name, `行政许可（01）`;
/// a name, or a value outside the domain, as published.
fn item_type_text(published: &str) -> String {
    let t = published.trim();
    match crate::model::domain::Domain::ItemType.by_code(t) {
        Some(v) if t.bytes().all(|b| b.is_ascii_digit()) && !t.is_empty() => {
            format!("{}（{t}）", v.label)
        }
        _ => published.to_owned(),
    }
}

fn items_sheet(sheet: &mut Worksheet, items: &[&ItemEntry], s: &Styles) -> Result<(), XlsxError> {
    let mut widths = Widths::new(&ITEM_HEADERS);
    header_row(sheet, 0, &ITEM_HEADERS, &s.header)?;
    for (i, item) in items.iter().enumerate() {
        let row = i as u32 + 1;
        let (pass, fail, na) = outcome_counts(item);
        let unreadable = item.status == ItemStatus::Unreadable;
        let texts = [
            (
                1,
                if unreadable {
                    String::new()
                } else {
                    fixlist::cell(&item.unit)
                },
            ),
            (2, fixlist::cell(&item.name)),
            (3, fixlist::cell(&item.code)),
            (4, fixlist::cell(&item_type_text(&item.item_type))),
            (
                5,
                (if unreadable {
                    "无法读取"
                } else {
                    "已检查"
                })
                .to_owned(),
            ),
            (6, fixlist::cell(item.reason.as_deref().unwrap_or(""))),
            (12, fixlist::cell(&item.provenance.to_string())),
        ];
        sheet.write_number(row, 0, (i + 1) as f64)?;
        for (col, text) in &texts {
            widths.see(*col, text);
            sheet.write_string(row, *col as u16, text)?;
        }
        if !unreadable {
            for (col, n) in [
                (7, pass),
                (8, fail),
                (9, na),
                (10, item.errors),
                (11, item.warnings),
            ] {
                sheet.write_number(row, col, n as f64)?;
            }
        }
    }
    table(sheet, items.len(), ITEM_HEADERS.len(), &widths)
}

#[cfg(test)]
mod tests {
    use super::item_type_text;

    #[test]
    fn item_type_codes_are_named() {
        assert_eq!(item_type_text("01"), "行政许可（01）");
        assert_eq!(item_type_text("20"), "公共服务（20）");
        assert_eq!(item_type_text("行政许可"), "行政许可");
        assert_eq!(item_type_text("99"), "99");
        assert_eq!(item_type_text(""), "");
    }
}
