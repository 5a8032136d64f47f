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

use std::io::{Seek, Write};

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Workbook, XlsxError};

use super::fixlist::{self, FixRow, RowContext};
use super::view::{UnitView, element_counts};
use super::{ItemEntry, Report};
use crate::model::Finding;

mod findings;
mod items;
mod styles;
mod summary;
mod unit_table;

use findings::{findings_sheet, rules_sheet};
use items::{ItemScoring, items_sheet};
pub use styles::{FILL_IN_COLOR, FILL_IN_HEADER_COLOR, PAGE_FOOTER, PRINT_PAGES_WIDE};
use styles::{Styles, page_header, print_layout};
use summary::summary_sheet;

/// What 问题清单 says in place of rows when a unit has no findings.
pub const NO_FINDINGS: &str = "本次检查未发现问题";

/// Sheet names, in order.
pub const SHEETS: [&str; 4] = ["汇总", "问题清单", "事项", "规则说明"];

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

/// Where a record was read: in full in the assessor's workbook (`all`), by file name in a unit's.
fn place(p: &crate::model::Provenance, all: bool) -> String {
    if all { p.to_string() } else { p.for_clerks() }
}
