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

use std::io::Write;

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Workbook, Worksheet, XlsxError};

use std::collections::HashSet;

use super::fixlist::{self, RowContext};
use super::view::{ElementTally, UnitTotals, UnitView};
use super::{ItemEntry, Report};

mod findings;
mod items;
mod styles;
mod summary;
mod unit_table;

use findings::{FindingsSheet, rules_sheet};
use items::{ItemScoring, ItemsSheet};
pub use styles::{FILL_IN_COLOR, FILL_IN_HEADER_COLOR, PAGE_FOOTER, PRINT_PAGES_WIDE};
use styles::{Styles, page_header, print_layout};
use summary::{Cover, summary_sheet};

/// What 问题清单 says in place of rows when a unit has no findings.
pub const NO_FINDINGS: &str = "本次检查未发现问题";

/// Sheet names, in order.
pub const SHEETS: [&str; 4] = ["汇总", "问题清单", "事项", "规则说明"];

/// Rows a sheet of 问题清单 or 事项 lists: Excel's 1,048,576 less the header and the row that
/// says how many were left out. A province's all-units workbook can pass it (10^6 items and
/// more); the rows past it are left out and said so, rather than failing every workbook.
pub const DATA_ROWS: usize = 1_048_576 - 2;

/// Writes, below the `shown` rows of a sheet, how many of `total` were left out, if any.
fn left_out_row(
    sheet: &mut Worksheet,
    shown: usize,
    total: usize,
    what: &str,
    s: &Styles,
) -> Result<(), XlsxError> {
    if total > shown {
        let text = format!(
            "另有 {} {what}超过 Excel 每张表 1048576 行的上限，未列入本表；全部内容见 findings.csv 和 report.json",
            total - shown
        );
        sheet.write_string_with_format(shown as u32 + 1, 1, text, &s.text)?;
    }
    Ok(())
}

/// How many rows a sheet of 问题清单 or 事项 was given and how many it lists (at most its limit,
/// [`DATA_ROWS`] in a workbook), as they come a unit at a time.
#[derive(Debug)]
struct Fit {
    limit: usize,
    given: usize,
    written: usize,
}

impl Fit {
    fn new(limit: usize) -> Self {
        Fit {
            limit,
            given: 0,
            written: 0,
        }
    }

    /// Counts `n` more rows; returns the 序号 of those that fit, in order.
    fn admit(&mut self, n: usize) -> std::ops::Range<usize> {
        self.given += n;
        let first = self.written + 1;
        self.written += n.min(self.limit.saturating_sub(self.written));
        first..self.written + 1
    }

    /// Writes, below the rows listed, how many were left out, if any.
    fn left_out_row(&self, sheet: &mut Worksheet, what: &str, s: &Styles) -> Result<(), XlsxError> {
        left_out_row(sheet, self.written, self.given, what, s)
    }
}

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

/// What every workbook of one report shares, built once for all of them: the rows' context (each
/// code's 实施主体, the review, the replies), the scores' element checks and the sampled codes.
/// Each is a pass over the whole report; built per workbook, a province's 64 units made 65 of them.
pub struct Shared<'r> {
    ctx: RowContext<'r>,
    scoring: Option<ItemScoring<'r>>,
    sampled: Option<crate::report::Sampled<'r>>,
}

impl<'r> Shared<'r> {
    /// The rows' context.
    pub fn ctx(&self) -> &RowContext<'r> {
        &self.ctx
    }

    /// The sampled items of a report scored on a sample.
    pub fn sampled(&self) -> Option<&crate::report::Sampled<'r>> {
        self.sampled.as_ref()
    }

    /// What the workbooks of `report` share.
    pub fn of(report: &'r Report) -> Self {
        Shared {
            ctx: RowContext::of(report),
            scoring: ItemScoring::of(report),
            sampled: report.sampled_items(),
        }
    }
}

/// Renders the workbook for `scope` to bytes.
pub fn to_bytes(report: &Report, scope: &Scope<'_, '_>) -> Result<Vec<u8>, XlsxError> {
    let mut bytes = Vec::new();
    write_in(report, &Shared::of(report), scope, None, &mut bytes)?;
    Ok(bytes)
}

/// Writes the workbook for `scope` to `out` as it is zipped, with the rows written to temporary
/// files in `tempdir` (the report's folder) rather than the system's: where `/tmp` is memory
/// (tmpfs, Debian's default since 13) they would take the memory the row-by-row writing saves,
/// and a full `/tmp` would fail the workbooks.
pub fn write_in<W: Write + Send>(
    report: &Report,
    shared: &Shared<'_>,
    scope: &Scope<'_, '_>,
    tempdir: Option<&std::path::Path>,
    out: W,
) -> Result<(), XlsxError> {
    let mut book = Book::begin(shared, scope.all, tempdir)?;
    for unit in &scope.units {
        book.unit(unit, shared)?;
    }
    book.finish(report, &scope.title, &scope.unreadable, out)
}

/// A workbook written a unit at a time, so that the all-units workbook of a report kept on disk
/// needs only one unit's items and findings in memory at once ([`crate::report::shards`]).
///
/// 问题清单 and 事项, the sheets with a row per finding and per item, are written row by row in
/// constant-memory mode (each row goes to a temporary file as the next starts, strings inline):
/// the all-units workbook of 10^5 items took 0.7 GB of cells in memory, and 10^6 about 6 GB.
/// 汇总 and 规则说明 are written at the end, from what the units added up to.
pub struct Book {
    workbook: Workbook,
    styles: Styles,
    all: bool,
    findings: FindingsSheet,
    items: ItemsSheet,
    elements: ElementTally,
    /// The rules the findings cite, for 规则说明.
    cited: HashSet<String>,
    units: Vec<UnitTotals>,
}

/// The sheets' places in the workbook, in [`SHEETS`] order.
const FINDINGS_SHEET: usize = 1;
const ITEMS_SHEET: usize = 2;

impl Book {
    /// A workbook, the assessors' when `all`, with its rows' temporary files in `tempdir` (see
    /// [`write_in`]). `shared` says which columns it has: that of the report, or of any of its
    /// units (they have the same).
    pub fn begin(
        shared: &Shared<'_>,
        all: bool,
        tempdir: Option<&std::path::Path>,
    ) -> Result<Self, XlsxError> {
        let mut book = Workbook::new();
        if let Some(dir) = tempdir {
            book.set_tempdir(dir)?;
        }
        let styles = Styles::new();
        book.add_worksheet().set_name(SHEETS[0])?;
        let sheet = book
            .add_worksheet_with_constant_memory()?
            .set_name(SHEETS[FINDINGS_SHEET])?;
        let sampled = shared.sampled.is_some();
        let findings =
            FindingsSheet::begin(sheet, (&shared.ctx, sampled), (all, DATA_ROWS), &styles)?;
        let sheet = book
            .add_worksheet_with_constant_memory()?
            .set_name(SHEETS[ITEMS_SHEET])?;
        let items = ItemsSheet::begin(
            sheet,
            (sampled, shared.scoring.as_ref()),
            DATA_ROWS,
            &styles,
        )?;
        book.add_worksheet().set_name(SHEETS[3])?;
        Ok(Book {
            workbook: book,
            styles,
            all,
            findings,
            items,
            elements: ElementTally::default(),
            cited: HashSet::new(),
            units: Vec::new(),
        })
    }

    /// Adds a unit's findings and items; `shared` is that of the report `unit` is a view of.
    pub fn unit(&mut self, unit: &UnitView<'_>, shared: &Shared<'_>) -> Result<(), XlsxError> {
        let ctx = &shared.ctx;
        let sampled = shared.sampled.as_ref();
        let rows = fixlist::unit_rows(&unit.findings, unit.name, ctx.history);
        let sheet = self.workbook.worksheet_from_index(FINDINGS_SHEET)?;
        self.findings
            .rows(sheet, &rows, (ctx, sampled), &self.styles)?;
        let sheet = self.workbook.worksheet_from_index(ITEMS_SHEET)?;
        self.items.rows(
            sheet,
            &unit.items,
            (self.all, sampled, shared.scoring.as_ref()),
        )?;
        self.elements.add(&unit.items, &unit.findings);
        self.cited
            .extend(unit.findings.iter().map(|f| f.rule.clone()));
        self.units.push(UnitTotals::of(unit, ctx));
        Ok(())
    }

    /// Lists `unreadable` below the units' items, writes 汇总 and 规则说明, and zips the workbook
    /// into `out`.
    pub fn finish<W: Write + Send>(
        mut self,
        report: &Report,
        title: &str,
        unreadable: &[&ItemEntry],
        out: W,
    ) -> Result<(), XlsxError> {
        // A unit's name is the export's text: a control character in it would reach the file's
        // title as `_x0001_` and the printed header raw, so both show it as `�`, as the page does.
        let title = &*fixlist::visible_controls(title);
        let s = &self.styles;
        let book = &mut self.workbook;
        book.set_properties(&properties(report, title)?);
        let sheet = book.worksheet_from_index(ITEMS_SHEET)?;
        self.items.rows(sheet, unreadable, (self.all, None, None))?;
        self.items.finish(sheet, s)?;
        self.findings
            .finish(book.worksheet_from_index(FINDINGS_SHEET)?, s)?;
        let cover = Cover {
            title,
            all: self.all,
            units: &self.units,
            unreadable: unreadable.len(),
        };
        let elements = self.elements.counts(&report.rules);
        summary_sheet(book.worksheet_from_index(0)?, report, &cover, &elements, s)?;
        rules_sheet(book.worksheet_from_index(3)?, report, &self.cited, s)?;
        let header = page_header(report, title);
        for sheet in book.worksheets_mut() {
            print_layout(sheet, &header);
        }
        book.save_to_writer(out)
    }
}

/// Title and creation time from the report, so the same report gives the same workbook.
fn properties(report: &Report, title: &str) -> Result<DocProperties, XlsxError> {
    let mut props = DocProperties::new()
        .set_title(format!("实施清单整改清单 — {title}"))
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

#[cfg(test)]
mod tests {
    use calamine::{Data, Reader, Xlsx};

    use crate::model::Finding;

    use super::*;

    /// The rows of `sheet` in a workbook of one sheet written by `fill`, as text.
    fn rows_of(fill: impl FnOnce(&mut Worksheet, &Styles)) -> Vec<Vec<String>> {
        let mut book = Workbook::new();
        fill(book.add_worksheet(), &Styles::new());
        let bytes = book.save_to_buffer().expect("saved");
        let mut read: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).expect("an xlsx");
        let range = read.worksheet_range_at(0).expect("a sheet").expect("read");
        range
            .rows()
            .map(|r| {
                r.iter()
                    .map(|c| match c {
                        Data::Empty => String::new(),
                        other => other.to_string(),
                    })
                    .collect()
            })
            .collect()
    }

    /// Rows that come a unit at a time are numbered on, up to the limit, and all counted.
    #[test]
    fn rows_fit_across_units() {
        let mut fit = Fit::new(5);
        assert_eq!(fit.admit(3), 1..4);
        assert_eq!(fit.admit(0), 4..4);
        assert_eq!(fit.admit(4), 4..6, "two of the second unit's four fit");
        assert_eq!(fit.admit(2), 6..6);
        assert_eq!((fit.given, fit.written), (9, 5));
    }

    #[test]
    fn rows_past_the_limit_are_left_out_and_said_so() {
        let report = crate::score::tests::fixture();
        let items: Vec<&ItemEntry> = report.items.iter().collect();
        assert!(items.len() >= 3, "the fixture has {} items", items.len());
        let rows = rows_of(|sheet, s| {
            items::items_sheet(sheet, &items, (true, None, None), 2, s).expect("written");
        });
        // Header, two items, then the note below them.
        assert_eq!(rows.len(), 4, "{rows:?}");
        assert_eq!(rows[2][2], items[1].name);
        let note = &rows[3][1];
        assert!(
            note.starts_with(&format!("另有 {} 个事项超过 Excel", items.len() - 2)),
            "{note}"
        );
        // Everything fits: no note.
        let rows = rows_of(|sheet, s| {
            items::items_sheet(sheet, &items, (true, None, None), items.len(), s).expect("written");
        });
        assert_eq!(rows.len(), items.len() + 1);
        assert!(rows.iter().flatten().all(|c| !c.starts_with("另有")));

        let ctx = RowContext::of(&report);
        let findings: Vec<&Finding> = report.findings.iter().collect();
        assert!(findings.len() >= 2);
        let fix = fixlist::unit_rows(&findings, "全部", None);
        let rows = rows_of(|sheet, s| {
            findings::findings_sheet(sheet, &fix, (&ctx, None), (true, 1), s).expect("written");
        });
        assert_eq!(rows.len(), 3, "{rows:?}");
        assert!(
            rows[2][1].starts_with(&format!("另有 {} 条问题超过 Excel", findings.len() - 1)),
            "{:?}",
            rows[2]
        );
    }
}
