//! The Excel fix list (整改清单): one workbook for one unit, or for every unit, with four sheets.
//!
//! - **汇总** — who, when, each unit's score, error rate and its 95% interval (or 未评分 with the
//!   counts when scoring did not run), and the counts by element. Once scored, the census counts
//!   are labelled 全部事项 and the counts the score comes from (抽查范围内: items with errors,
//!   failing and applicable element checks, the working `14 ×（1 − 5/52）= 12.65`), the reviewed
//!   rate with its interval, and the sample's seed and method follow. The export's problems are
//!   listed in every workbook; those of the assessor's files (sample, review, mapping) only in
//!   the all-units one.
//! - **问题清单** — one row per finding, columns [`fixlist::HEADERS`], then 指纹 (a report scored
//!   on a sample adds 是否抽中 before 指纹; 事项 adds it after 来源). The clerk fills
//!   整改情况, 是否有异议 (有/无, a dropdown) and 异议理由; each header has a note saying who fills
//!   it. Only the all-units workbook, which is the assessors', has 考核单位 and 复核结果
//!   (确认/驳回, a dropdown) — a unit's clerk has no assessor's column to fill by mistake.
//!   `score --review` reads 复核结果 back.
//! - **事项** — every audited item with its pass / fail / n/a counts; the all-units workbook also
//!   lists the items that could not be read, with the reason. Once scored, what the scores count
//!   of each item follows (`SCORING_HEADERS`), so that an assessor can recount a score by hand.
//! - **规则说明** — each rule the 问题清单 cites: what it checks, its basis in the appendix, examples
//!   and how to fix, so a clerk can fix or dispute a finding without the HTML report.
//!
//! Every value that comes from the published items is written as a string cell (codes such as
//! `000104002000` stay text) and goes through [`fixlist::cell`] (formula guard, length bound).
//! Only counts, rates and scores the tool computed are numbers.

use std::collections::HashSet;
use std::io::{Seek, Write};

use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DocProperties, ExcelDateTime, Format, FormatAlign,
    FormatBorder, Note, Workbook, Worksheet, XlsxError,
};

use super::fixlist::{
    self, DISPUTE_CHOICES, DISPUTE_COLUMN, FILL_IN_NOTES, FINGERPRINT_HEADER, FixRow, HEADERS,
    REVIEW_CHOICES, REVIEW_COLUMN, RowContext, SAMPLED_HEADER, SAMPLED_NOTE, STATUS_HEADER,
    WRAP_COLUMNS, sampled_cell,
};
use super::view::{ElementCount, UnitView, element_counts, outcome_counts};
use super::{ItemEntry, ItemStatus, Report};
use crate::model::Finding;

/// What 问题清单 says in place of rows when a unit has no findings.
pub const NO_FINDINGS: &str = "本次检查未发现问题";

/// Sheet names, in order.
pub const SHEETS: [&str; 4] = ["汇总", "问题清单", "事项", "规则说明"];

/// Widest column, in characters.
const MAX_WIDTH: usize = 60;

/// Widest of 问题描述, 原文 and 整改建议, which wrap: narrower than [`MAX_WIDTH`], so that the
/// printed 问题清单 fits [`PRINT_PAGES_WIDE`] pages at a readable size.
const WRAPPED_WIDTH: usize = 40;

/// Background of the headers of the columns the reader fills in (整改情况, 是否有异议, 异议理由;
/// 复核结果 in the assessor's workbook).
pub const FILL_IN_HEADER_COLOR: u32 = 0x00FF_D966;

/// Background of the cells of those columns.
pub const FILL_IN_COLOR: u32 = 0x00FF_F2CC;

/// What one workbook covers.
#[derive(Debug, Clone)]
pub struct Scope<'r, 'v> {
    /// Shown in the title: a unit's name or `全部单位`.
    pub title: String,
    /// The units in the workbook.
    pub units: Vec<&'v UnitView<'r>>,
    /// Unreadable items to list on the 事项 sheet (the all-units workbook only).
    pub unreadable: Vec<&'r ItemEntry>,
    /// The all-units workbook, the assessors': its 问题清单 has 考核单位 and 复核结果.
    pub all: bool,
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
    whole: Format,
    closed: Format,
    closed_wrap: Format,
    /// The header of a column the reader fills in, and its cells: yellow, as forms mark what to
    /// fill.
    fill_header: Format,
    fill: Format,
    fill_wrap: Format,
}

impl Styles {
    fn new() -> Self {
        let header = Format::new()
            .set_bold()
            .set_background_color(0x00DD_EBF7)
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter);
        let fill_header = header.clone().set_background_color(FILL_IN_HEADER_COLOR);
        Styles {
            fill_header,
            fill: Format::new()
                .set_align(FormatAlign::Top)
                .set_background_color(FILL_IN_COLOR),
            fill_wrap: Format::new()
                .set_text_wrap()
                .set_align(FormatAlign::Top)
                .set_background_color(FILL_IN_COLOR),
            title: Format::new().set_bold().set_font_size(16),
            section: Format::new().set_bold().set_font_size(12),
            header,
            text: Format::new().set_align(FormatAlign::Top),
            wrap: Format::new().set_text_wrap().set_align(FormatAlign::Top),
            percent: Format::new().set_num_format("0.0%"),
            points: Format::new().set_num_format("0.00"),
            whole: Format::new().set_num_format("0"),
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
    let ctx = RowContext::of(report);
    summary_sheet(
        book.add_worksheet().set_name(SHEETS[0])?,
        (report, &ctx),
        scope,
        &element_counts(&report.rules, &items, &findings),
        &styles,
    )?;
    let rows: Vec<FixRow<'_>> = scope
        .units
        .iter()
        .flat_map(|u| fixlist::unit_rows(&u.findings, u.name, ctx.history))
        .collect();
    let sampled = report.sampled_codes();
    findings_sheet(
        book.add_worksheet().set_name(SHEETS[1])?,
        &rows,
        (&ctx, sampled.as_ref()),
        scope.all,
        &styles,
    )?;
    let mut all_items = items;
    all_items.extend(scope.unreadable.iter().copied());
    let scoring = ItemScoring::of(report);
    items_sheet(
        book.add_worksheet().set_name(SHEETS[2])?,
        &all_items,
        (scope.all, sampled.as_ref(), scoring.as_ref()),
        &styles,
    )?;
    rules_sheet(
        book.add_worksheet().set_name(SHEETS[3])?,
        report,
        &findings,
        &styles,
    )?;
    let header = page_header(report, scope);
    for sheet in book.worksheets_mut() {
        print_layout(sheet, &header);
    }
    Ok(book)
}

/// Pages wide a printed sheet is fitted to. One page would print 问题清单 (some 350 characters
/// wide) at under half size, too small to read; two pages side by side keep it at about 80%,
/// with the rows of both halves on consecutive pages and 序号 on each.
pub const PRINT_PAGES_WIDE: u16 = 2;

/// The page footer of every sheet: which sheet, and which page of how many, so that a printed
/// list can be put back in order.
pub const PAGE_FOOTER: &str = "&L&A&C第 &P 页，共 &N 页";

/// The page header: whose list and which run, on every printed page.
fn page_header(report: &Report, scope: &Scope<'_, '_>) -> String {
    // `&` starts a code in a header; the whole is kept well under Excel's 255 characters.
    let escape = |s: &str| fixlist::bound(s, 60).replace('&', "&&");
    format!(
        "&L实施清单整改清单 — {}&R运行 {}",
        escape(&scope.title),
        escape(&report.run_id)
    )
}

/// How every sheet prints: A4 landscape, fitted to [`PRINT_PAGES_WIDE`] pages across and as many
/// down as needed, the pages of one band of rows together, cell lines printed (the cells have
/// no borders), narrow margins, the list's title above and page numbers below.
fn print_layout(sheet: &mut Worksheet, header: &str) {
    sheet
        .set_paper_size(9)
        .set_landscape()
        .set_print_fit_to_pages(PRINT_PAGES_WIDE, 0)
        .set_page_order(false)
        .set_print_gridlines(true)
        .set_margins(0.4, 0.4, 0.6, 0.6, 0.3, 0.3)
        .set_header(header)
        .set_footer(PAGE_FOOTER);
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

/// Finishes a table sheet: frozen header, autofilter, widths, and for printing (see
/// [`print_layout`]) the header row on every page and the first column (序号) on every page
/// across.
fn table(
    sheet: &mut Worksheet,
    rows: usize,
    cols: usize,
    widths: &Widths,
) -> Result<(), XlsxError> {
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, rows as u32, (cols - 1) as u16)?;
    sheet.set_repeat_rows(0, 0)?.set_repeat_columns(0, 0)?;
    widths.apply(sheet)
}

const UNIT_HEADERS: [&str; 15] = [
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
    "编制完整",
];

/// The 汇总 unit table's columns beyond [`UNIT_HEADERS`] once scores exist: what the score was
/// computed from over the scored items (抽查范围内), the reviewed rate and its interval, and the
/// sample's seed and method. The census counts of [`UNIT_HEADERS`] (有错误的事项, 错误, 提示) are
/// then labelled 全部事项, so that they are not read as the sample's.
struct UnitColumns {
    /// Some unit has a score.
    scored: bool,
    /// Some score was reviewed.
    reviewed: bool,
    /// The report was scored on a sample.
    sampled: bool,
}

/// Headers of the census counts in [`UNIT_HEADERS`] (columns 4–6) once scores exist.
const CENSUS_HEADERS: [&str; 3] = [
    "有错误的事项（全部事项）",
    "错误（全部事项）",
    "提示（全部事项）",
];

/// Headers added after [`UNIT_HEADERS`] once scores exist.
const SCORED_HEADERS: [&str; 4] = [
    "抽查范围内有错误的事项",
    "抽查范围内出错要素数",
    "抽查范围内适用要素数",
    "得分计算",
];

/// The note on 得分计算.
const WORKING_NOTE: &str = "得分 = 满分 ×（1 − 出错率），只按计分的事项（抽查范围内）计算。要素出错率 = 出错要素数 ÷ 适用要素数（只计附件要素的「错误」，不计「提示」和不涉及的要素）；事项出错率 = 有错误的事项 ÷ 抽查事项数。";

/// The note on 编制完整.
const COMPLETENESS_NOTE: &str = "县区实施清单编制完整（附件2第11、12行）：权力事项、公共服务事项各 0.5 分，全部事项中每缺一项要素扣 0.1 分。缺的是哪些要素，见「事项」表：筛选「缺项」大于 0 的事项，「出错要素明细」中标（缺项）的就是。";

/// Headers added after [`SCORED_HEADERS`] once a review was applied.
const REVIEWED_HEADERS: [&str; 5] = [
    "复核后出错率",
    "复核后出错率95%区间",
    "复核后得分区间",
    "复核后得分计算",
    "复核后编制完整",
];

/// Headers added last (before 单位回复) when the report was scored on a sample.
const SAMPLE_HEADERS: [&str; 2] = ["抽样种子", "抽样方法"];

impl UnitColumns {
    fn of(report: &Report, scope: &Scope<'_, '_>) -> Self {
        UnitColumns {
            scored: scope.units.iter().any(|u| u.score.is_some()),
            reviewed: scope
                .units
                .iter()
                .any(|u| u.score.is_some_and(|s| s.reviewed_score.is_some())),
            sampled: report.sample.is_some(),
        }
    }

    fn headers(&self, replies: bool) -> Vec<&'static str> {
        let mut h = UNIT_HEADERS.to_vec();
        if self.scored {
            h[4..7].copy_from_slice(&CENSUS_HEADERS);
            h.extend(SCORED_HEADERS);
            if self.reviewed {
                h.extend(REVIEWED_HEADERS);
            }
            if self.sampled {
                h.extend(SAMPLE_HEADERS);
            }
        }
        if replies {
            h.push("单位回复");
        }
        h
    }

    /// The added cells of a scored unit's row.
    fn write_score(
        &self,
        sheet: &mut Worksheet,
        row: u32,
        sc: &crate::score::UnitScore,
        report: &Report,
        s: &Styles,
        widths: &mut Widths,
    ) -> Result<(), XlsxError> {
        let mut col = UNIT_HEADERS.len() as u16;
        for n in [sc.items_with_errors, sc.failed_checks, sc.checks] {
            sheet.write_number(row, col, n as f64)?;
            col += 1;
        }
        let text = super::score_working(sc, sc.score, None);
        widths.see(col.into(), &text);
        sheet.write_string(row, col, text)?;
        col += 1;
        if self.reviewed {
            if let (Some(rate), Some(score)) = (sc.reviewed_rate, sc.reviewed_score) {
                sheet.write_number_with_format(row, col, rate, &s.percent)?;
                let percent = |x: f64| format!("{:.1}%", x * 100.0);
                let points = |x: f64| format!("{x:.2}");
                if let (Some(low), Some(high)) = (sc.reviewed_rate_low, sc.reviewed_rate_high) {
                    sheet.write_string(row, col + 1, super::span_text(low, high, percent))?;
                }
                if let (Some(low), Some(high)) = (sc.reviewed_score_low, sc.reviewed_score_high) {
                    sheet.write_string(row, col + 2, super::span_text(low, high, points))?;
                }
                let x = match sc.rate_kind {
                    crate::score::RateKind::Element => sc.reviewed_failed_checks,
                    crate::score::RateKind::Item => sc.reviewed_items_with_errors,
                };
                let text = super::score_working(sc, score, x);
                widths.see((col + 3).into(), &text);
                sheet.write_string(row, col + 3, text)?;
                // A rejected finding of an empty element gives its 0.1 back.
                let text = completeness_cell(sc.kind, sc.reviewed_completeness.as_ref());
                widths.see((col + 4).into(), &text);
                sheet.write_string(row, col + 4, text)?;
            }
            col += REVIEWED_HEADERS.len() as u16;
        }
        if let Some(sample) = report.sample.as_ref().filter(|_| self.sampled) {
            // A number cell, as in the sample list, unless Excel would round it.
            match sample.seed.trim().parse::<u64>() {
                Ok(seed) if seed <= crate::score::sample_file::LARGEST_NUMBER_SEED => {
                    sheet.write_number_with_format(row, col, seed as f64, &s.whole)?
                }
                _ => sheet.write_string(row, col, fixlist::cell(&sample.seed))?,
            };
            sheet.write_string(row, col + 1, fixlist::cell(&sample.method))?;
            widths.see((col + 1).into(), &sample.method);
        }
        Ok(())
    }
}

/// A 编制完整 cell of 汇总: a county's points, a dash for a department (not assessed there).
fn completeness_cell(
    kind: crate::unit::UnitKind,
    completeness: Option<&crate::score::Completeness>,
) -> String {
    completeness.map_or_else(
        || match kind {
            crate::unit::UnitKind::Department => "—（市直部门不计）".to_owned(),
            crate::unit::UnitKind::County => "—".to_owned(),
        },
        super::completeness_text,
    )
}

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

/// Where a record was read: in full in the assessor's workbook (`all`), by file name in a unit's.
fn place(p: &crate::model::Provenance, all: bool) -> String {
    if all { p.to_string() } else { p.for_clerks() }
}

/// Notices about the input shown on 汇总, at most.
const NOTICES_SHOWN: usize = 20;

/// The warnings and errors met while reading the input, under the unit table: a column of phones
/// stored as numbers explains findings a clerk would otherwise "fix" on a correct platform. Returns
/// the last row written.
fn input_notices(
    sheet: &mut Worksheet,
    mut row: u32,
    report: &Report,
    all: bool,
    s: &Styles,
) -> Result<u32, XlsxError> {
    use crate::source::NoticeLevel;
    let notices: Vec<_> = report
        .input_notices()
        .filter(|n| n.level >= NoticeLevel::Warning)
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

/// The notices, one a row (at most [`NOTICES_SHOWN`]); returns the last row written.
fn notice_rows(
    sheet: &mut Worksheet,
    mut row: u32,
    notices: &[&crate::source::Notice],
    all: bool,
) -> Result<u32, XlsxError> {
    for n in notices.iter().take(NOTICES_SHOWN) {
        row += 1;
        sheet.write_string(
            row,
            0,
            fixlist::cell(&format!("{} — {}", place(&n.provenance, all), n.message)),
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

fn summary_sheet(
    sheet: &mut Worksheet,
    (report, ctx): (&Report, &RowContext<'_>),
    scope: &Scope<'_, '_>,
    elements: &[ElementCount],
    s: &Styles,
) -> Result<(), XlsxError> {
    // With the units' replies gathered (`report --replies`), each unit's answers are counted.
    let replies = !report.replies.is_empty();
    let columns = UnitColumns::of(report, scope);
    let unit_headers = columns.headers(replies);
    let mut widths = Widths::new(&unit_headers);
    sheet.write_string_with_format(
        0,
        0,
        fixlist::cell(&format!("实施清单整改清单 — {}", scope.title)),
        &s.title,
    )?;
    let generated = super::display_time(&report.generated_at);
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
            place(&crate::model::Provenance::file(&sample.source), scope.all),
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
            "「错误」计入出错率和得分；「提示」不计分，供参考。每条规则检查什么、依据和整改方法见「规则说明」表。",
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
                super::interval_text(sc, |x| format!("{:.1}%", x * 100.0), true),
            )?;
            sheet.write_number(row, 10, sc.full_marks)?;
            sheet.write_number_with_format(row, 11, sc.score, &s.points)?;
            sheet.write_string(
                row,
                12,
                super::interval_text(sc, |x| format!("{x:.2}"), false),
            )?;
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
        if let Some(text) = ctx.reply_summary(&unit.findings) {
            let col = unit_headers.len() - 1;
            widths.see(col, &text);
            sheet.write_string(row, col as u16, text)?;
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
    row = input_notices(sheet, row, report, scope.all, s)?;
    if let Some(history) = &report.history {
        row = super::xlsx_history::summary(
            sheet, row, history, scope, &s.section, &s.header, &s.points,
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

fn findings_sheet(
    sheet: &mut Worksheet,
    findings: &[FixRow<'_>],
    (ctx, sampled): (&RowContext<'_>, Option<&HashSet<&str>>),
    all: bool,
    s: &Styles,
) -> Result<(), XlsxError> {
    // A unit's workbook stops before 复核结果, the last of HEADERS, unless the report was rescored
    // with a review: then it shows the decisions, so the unit sees which findings were 驳回. The
    // all-units workbook says whose each row is, as findings.csv does.
    let own = if all || ctx.reviewed {
        HEADERS.len()
    } else {
        REVIEW_COLUMN
    };
    let mut headers = HEADERS[..own].to_vec();
    if all {
        headers.push(super::csv::UNIT_HEADER);
    }
    if ctx.history.is_some() {
        headers.push(STATUS_HEADER);
    }
    // Before 指纹, which stays last (readers find both by header).
    if sampled.is_some() {
        headers.push(SAMPLED_HEADER);
    }
    headers.push(FINGERPRINT_HEADER);
    let mut widths = Widths::new(&headers);
    header_row(sheet, 0, &headers, &s.header)?;
    // The columns the reader of this workbook fills in: the unit's three, and in the assessor's
    // workbook 复核结果 (shown, not filled, in a unit's reviewed list).
    let mut fill_in = vec![fixlist::FIX_COLUMN, DISPUTE_COLUMN, DISPUTE_COLUMN + 1];
    if all {
        fill_in.push(REVIEW_COLUMN);
    }
    for &col in &fill_in {
        sheet.write_string_with_format(0, col as u16, headers[col], &s.fill_header)?;
    }
    if let Some(col) = headers.iter().position(|h| *h == SAMPLED_HEADER) {
        let note = Note::new(SAMPLED_NOTE)
            .set_author("zwfw-audit")
            .set_width(260);
        sheet.insert_note(0, col as u16, &note)?;
    }
    for (header, text) in FILL_IN_NOTES {
        let text = if header == fixlist::REVIEW_HEADER && !all {
            "考核人员的复核结论，本次计分已采用：「确认」问题成立，「驳回」问题不成立"
        } else {
            text
        };
        if let Some(col) = headers.iter().position(|h| *h == header) {
            let note = Note::new(text).set_author("zwfw-audit").set_width(260);
            sheet.insert_note(0, col as u16, &note)?;
        }
    }
    for (i, f) in findings.iter().enumerate() {
        let row = i as u32 + 1;
        let mut cells = f.cells(i + 1, ctx);
        if all {
            cells.insert(HEADERS.len(), fixlist::cell(f.unit()));
        } else if own == REVIEW_COLUMN {
            cells.remove(REVIEW_COLUMN);
        }
        if let Some(codes) = sampled {
            cells.insert(cells.len() - 1, sampled_cell(codes, f.code()).to_owned());
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
            // A closed row needs no answer: it stays green.
            let format = match (
                WRAP_COLUMNS.contains(&col),
                !closed && fill_in.contains(&col),
            ) {
                (true, true) => &s.fill_wrap,
                (false, true) => &s.fill,
                (true, false) => wrap,
                (false, false) => text,
            };
            sheet.write_string_with_format(row, col as u16, cell, format)?;
        }
        // Different answers from other returned files, beside the one that stands.
        let superseded = cells
            .last()
            .and_then(|fp| ctx.reply(fp))
            .map_or(&[][..], |r| r.superseded.as_slice());
        if !superseded.is_empty() {
            let text = format!("其他文件中不同的回复：\n{}", superseded.join("\n"));
            let note = Note::new(text).set_author("zwfw-audit").set_width(360);
            sheet.insert_note(row, fixlist::FIX_COLUMN as u16, &note)?;
        }
    }
    if findings.is_empty() {
        sheet.write_string_with_format(1, 1, NO_FINDINGS, &s.text)?;
    }
    for col in 6..=8 {
        widths.0[col] = widths.0[col].min(WRAPPED_WIDTH);
    }
    // Room to write in the fill-in columns.
    for (col, min) in [
        (10, 24),
        (DISPUTE_COLUMN, 12),
        (12, 30),
        (REVIEW_COLUMN, 12),
    ] {
        if let Some(w) = widths.0.get_mut(col).filter(|_| col < own) {
            *w = (*w).max(min);
        }
    }
    if !findings.is_empty() {
        let last = findings.len() as u32;
        let mut dropdowns = vec![(
            DISPUTE_COLUMN,
            &DISPUTE_CHOICES,
            "是否有异议",
            "认为问题不成立时选「有」，并填写异议理由",
        )];
        if all {
            dropdowns.push((
                REVIEW_COLUMN,
                &REVIEW_CHOICES,
                "复核结果",
                "「确认」问题成立（扣分），「驳回」问题不成立（不扣分）",
            ));
        }
        for (col, choices, title, message) in dropdowns {
            let validation = DataValidation::new()
                .allow_list_strings(choices)?
                .set_error_style(DataValidationErrorStyle::Warning)
                .set_input_title(title)?
                .set_input_message(message)?;
            sheet.add_data_validation(1, col as u16, last, col as u16, &validation)?;
        }
    }
    table(sheet, findings.len(), headers.len(), &widths)
}

const RULE_HEADERS: [&str; 7] = [
    "规则",
    "要素",
    "严重程度",
    "检查内容",
    "依据",
    "示例",
    "整改方法",
];

/// 规则说明: the rules the workbook's findings cite, in rule order, with their docs by section.
fn rules_sheet(
    sheet: &mut Worksheet,
    report: &Report,
    findings: &[&Finding],
    s: &Styles,
) -> Result<(), XlsxError> {
    let cited: std::collections::HashSet<&str> = findings.iter().map(|f| f.rule.as_str()).collect();
    let rules: Vec<_> = report
        .rules
        .iter()
        .filter(|r| cited.contains(r.id.as_str()))
        .collect();
    let mut widths = Widths::new(&RULE_HEADERS);
    header_row(sheet, 0, &RULE_HEADERS, &s.header)?;
    for (i, r) in rules.iter().enumerate() {
        let row = i as u32 + 1;
        let sections = super::rule_docs(&r.id)
            .map(super::markdown::sections)
            .unwrap_or_default();
        let section = |name: &str| {
            sections
                .iter()
                .find(|(h, _)| h == name)
                .map_or(String::new(), |(_, body)| {
                    fixlist::cell(&super::markdown::for_clerks(body))
                })
        };
        let cells = [
            fixlist::cell(&r.id),
            fixlist::cell(&r.element),
            r.severity.label_zh().to_owned(),
            section("检查内容"),
            section("依据"),
            section("示例"),
            section("整改方法"),
        ];
        for (col, cell) in cells.iter().enumerate() {
            let format = if col >= 3 { &s.wrap } else { &s.text };
            if col < 3 {
                widths.see(col, cell);
            }
            sheet.write_string_with_format(row, col as u16, cell, format)?;
        }
    }
    for col in 3..RULE_HEADERS.len() {
        widths.0[col] = 50;
    }
    if rules.is_empty() {
        sheet.write_string(1, 0, "本清单没有问题，无需整改。")?;
    }
    table(sheet, rules.len().max(1), RULE_HEADERS.len(), &widths)
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

/// The 事项 sheet's columns of a scored report, after 是否抽中: what the scores count of each item,
/// so that an assessor can recount a unit's 出错要素数 ÷ 适用要素数 and see which elements are
/// 缺项 for 编制完整. 复核后出错要素 only when a review was applied.
const SCORING_HEADERS: [&str; 5] = [
    "计分要素",
    "出错要素",
    "复核后出错要素",
    "缺项",
    "出错要素明细",
];

/// The notes on [`SCORING_HEADERS`] and on 通过 / 不通过, which count every rule.
const SCORING_NOTES: [(&str, &str); 7] = [
    (
        "通过",
        "按全部规则计，含不计分的通用检查（G 类）；计分用的数见「计分要素」「出错要素」列",
    ),
    (
        "不通过",
        "按全部规则计，含不计分的通用检查（G 类）和「提示」；计分用的数见「计分要素」「出错要素」列",
    ),
    (
        "计分要素",
        "本事项计入要素出错率的检查数：附件考核要素中适用的（不含不涉及的要素和 G 类通用检查）",
    ),
    (
        "出错要素",
        "其中有「错误」的要素数。一个单位抽查范围内（「是否抽中」为「是」）各事项的出错要素之和 ÷ 计分要素之和，就是「汇总」表的要素出错率",
    ),
    (
        "复核后出错要素",
        "考核人员复核后仍出错的要素数：一个要素的错误全部被「驳回」时不再计",
    ),
    (
        "缺项",
        "出错要素中没有填写的（空白或「无」「暂无」「/」等）个数。县区「编制完整」按全部事项的缺项扣分：权力事项、公共服务事项各 0.5 分，缺一项扣 0.1 分",
    ),
    (
        "出错要素明细",
        "出错的要素和规则编号；（缺项）为没有填写，（已驳回）为复核驳回、不再计分",
    ),
];

/// What the scores count of each item, for the 事项 sheet of a scored report.
struct ItemScoring<'r> {
    /// The report's rules, for the elements' names.
    rules: &'r [super::RuleInfo],
    /// The checks as the automatic score counts them.
    auto: crate::score::compute::ElementChecks<'r>,
    /// The checks after the assessor's review, when one was applied.
    reviewed: Option<crate::score::compute::ElementChecks<'r>>,
}

impl<'r> ItemScoring<'r> {
    /// `None` for a report that was not scored.
    fn of(report: &'r Report) -> Option<Self> {
        use crate::score::compute::ElementChecks;
        if report.scores.is_empty() {
            return None;
        }
        let reviewed = report.review.as_ref().map(|review| {
            let kept: Vec<bool> = review
                .decisions_for(&report.findings)
                .into_iter()
                .map(|d| d != Some(crate::score::review::Decision::Rejected))
                .collect();
            ElementChecks::new(report, &kept)
        });
        Some(ItemScoring {
            rules: &report.rules,
            auto: ElementChecks::new(report, &[]),
            reviewed,
        })
    }

    /// The item's cells under [`SCORING_HEADERS`] (without 复核后出错要素 when there was no
    /// review): three or four counts and the list of failing elements.
    fn cells(&self, item: &ItemEntry) -> (Vec<usize>, String) {
        let (applicable, failed) = self.auto.of(item);
        let mut counts = vec![applicable, failed.len()];
        let standing = self.reviewed.as_ref().map(|r| r.of(item).1);
        if let Some(standing) = &standing {
            counts.push(standing.len());
        }
        let counted = standing.as_ref().unwrap_or(&failed);
        counts.push(counted.iter().filter(|c| c.missing).count());
        let detail = failed
            .iter()
            .map(|c| {
                let element = self
                    .rules
                    .iter()
                    .find(|r| r.id == c.rule)
                    .map_or("", |r| r.element.as_str());
                let mut marks = vec![c.rule];
                if !counted.iter().any(|k| k.rule == c.rule) {
                    marks.push("已驳回");
                } else if c.missing {
                    marks.push("缺项");
                }
                format!("{element}（{}）", marks.join("，"))
            })
            .collect::<Vec<_>>()
            .join("；");
        (counts, detail)
    }
}

/// The items of the workbook; `all` (the assessor's workbook) names each source in full, a
/// unit's workbook by its file name (the server's folders mean nothing to a clerk).
fn items_sheet(
    sheet: &mut Worksheet,
    items: &[&ItemEntry],
    (all, sampled, scoring): (bool, Option<&HashSet<&str>>, Option<&ItemScoring<'_>>),
    s: &Styles,
) -> Result<(), XlsxError> {
    // 是否抽中 after the existing columns, when the report was scored on a sample; then what the
    // scores count, when it was scored.
    let mut headers = ITEM_HEADERS.to_vec();
    if sampled.is_some() {
        headers.push(SAMPLED_HEADER);
    }
    let scoring_col = headers.len();
    if let Some(sc) = scoring {
        headers.extend(
            SCORING_HEADERS
                .iter()
                .filter(|h| sc.reviewed.is_some() || **h != SCORING_HEADERS[2]),
        );
    }
    let mut widths = Widths::new(&headers);
    header_row(sheet, 0, &headers, &s.header)?;
    if scoring.is_some() {
        for (header, text) in SCORING_NOTES {
            if let Some(col) = headers.iter().position(|h| *h == header) {
                let note = Note::new(text).set_author("zwfw-audit").set_width(300);
                sheet.insert_note(0, col as u16, &note)?;
            }
        }
    }
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
            (12, fixlist::cell(&place(&item.provenance, all))),
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
            if let Some(codes) = sampled {
                sheet.write_string(
                    row,
                    ITEM_HEADERS.len() as u16,
                    sampled_cell(codes, &item.code),
                )?;
            }
            if let Some(sc) = scoring {
                let (counts, detail) = sc.cells(item);
                let mut col = scoring_col;
                for n in counts {
                    sheet.write_number(row, col as u16, n as f64)?;
                    col += 1;
                }
                widths.see(col, &detail);
                sheet.write_string(row, col as u16, fixlist::cell(&detail))?;
            }
        }
    }
    table(sheet, items.len(), headers.len(), &widths)
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
