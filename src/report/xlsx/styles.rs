//! How the workbook looks and prints: the cell formats ([`Styles`]), column widths fitted to the
//! text ([`Widths`]), the header row and table finish every table sheet shares, and the page setup
//! (A4 landscape, page header and footer) of every sheet.

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Worksheet, XlsxError};

use crate::report::{Report, fixlist};

/// Widest column, in characters.
const MAX_WIDTH: usize = 60;

/// Widest of 问题描述, 原文 and 整改建议, which wrap: narrower than [`MAX_WIDTH`], so that the
/// printed 问题清单 fits [`PRINT_PAGES_WIDE`] pages at a readable size.
pub(super) const WRAPPED_WIDTH: usize = 40;

/// Background of the headers of the columns the reader fills in (整改情况, 是否有异议, 异议理由;
/// 复核结果 in the assessor's workbook).
pub const FILL_IN_HEADER_COLOR: u32 = 0x00FF_D966;

/// Background of the cells of those columns.
pub const FILL_IN_COLOR: u32 = 0x00FF_F2CC;

pub(super) struct Styles {
    pub(super) title: Format,
    pub(super) header: Format,
    pub(super) section: Format,
    pub(super) text: Format,
    pub(super) wrap: Format,
    pub(super) percent: Format,
    pub(super) points: Format,
    pub(super) whole: Format,
    pub(super) closed: Format,
    pub(super) closed_wrap: Format,
    /// The header of a column the reader fills in, and its cells: yellow, as forms mark what to
    /// fill.
    pub(super) fill_header: Format,
    pub(super) fill: Format,
    pub(super) fill_wrap: Format,
}

impl Styles {
    pub(super) fn new() -> Self {
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

/// Pages wide a printed sheet is fitted to. One page would print 问题清单 (some 350 characters
/// wide) at under half size, too small to read; two pages side by side keep it at about 80%,
/// with the rows of both halves on consecutive pages and 序号 on each.
pub const PRINT_PAGES_WIDE: u16 = 2;

/// The page footer of every sheet: which sheet, and which page of how many, so that a printed
/// list can be put back in order.
pub const PAGE_FOOTER: &str = "&L&A&C第 &P 页，共 &N 页";

/// The page header: whose list and which run, on every printed page.
pub(super) fn page_header(report: &Report, title: &str) -> String {
    // `&` starts a code in a header; the whole is kept well under Excel's 255 characters.
    let escape = |s: &str| fixlist::bound(s, 60).replace('&', "&&");
    format!(
        "&L实施清单整改清单 — {}&R运行 {}",
        escape(title),
        escape(&report.run_id)
    )
}

/// How every sheet prints: A4 landscape, fitted to [`PRINT_PAGES_WIDE`] pages across and as many
/// down as needed, the pages of one band of rows together, cell lines printed (the cells have
/// no borders), narrow margins, the list's title above and page numbers below.
pub(super) fn print_layout(sheet: &mut Worksheet, header: &str) {
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

/// Tracks the widest value per column so widths fit the text (CJK counted double).
pub(super) struct Widths(pub(super) Vec<usize>);

impl Widths {
    pub(super) fn new(headers: &[&str]) -> Self {
        Widths(
            headers
                .iter()
                .map(|h| fixlist::display_width(h) + 4)
                .collect(),
        )
    }

    pub(super) fn see(&mut self, col: usize, text: &str) {
        let w = text.lines().map(fixlist::display_width).max().unwrap_or(0) + 2;
        if let Some(slot) = self.0.get_mut(col) {
            *slot = (*slot).max(w.min(MAX_WIDTH));
        }
    }

    pub(super) fn apply(&self, sheet: &mut Worksheet) -> Result<(), XlsxError> {
        for (col, w) in self.0.iter().enumerate() {
            sheet.set_column_width(col as u16, *w as f64)?;
        }
        Ok(())
    }
}

pub(super) fn header_row(
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
pub(super) fn table(
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
