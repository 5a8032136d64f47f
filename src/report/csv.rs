//! The findings CSV (`findings.csv`): the 问题清单 columns, then 考核单位, (with a history, 状态,)
//! (scored on a sample, 是否抽中,) and 指纹; UTF-8 with a byte-order mark so that Excel and WPS open the Chinese text correctly,
//! every cell formula-guarded ([`super::fixlist`]), its stray control characters shown as `�`
//! ([`fixlist::visible_controls`]), and text Excel would turn into a number or date written
//! `="…"` ([`fixlist::csv_text`]).
//!
//! The rows are in the order of the all-units workbook's 问题清单 (unit by unit), so 序号 and 指纹
//! name the same finding in both. With a history each unit's closed baseline findings (已整改 /
//! 已移除) follow its findings.

use std::borrow::Cow;
use std::io::Write;

use super::Report;
use super::fixlist::{
    self, FINGERPRINT_HEADER, HEADERS, RowContext, SAMPLED_HEADER, STATUS_HEADER,
};
use super::view::{UnitView, Views};

/// The UTF-8 byte-order mark Excel needs to read a CSV as UTF-8.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Header of the column after [`HEADERS`].
pub const UNIT_HEADER: &str = "考核单位";

/// Writes every finding of the report as CSV: [`HEADERS`], 考核单位, 状态 (with a history) and
/// 指纹.
pub fn write(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    let ctx = RowContext::of(report);
    let sampled = report.sampled_items();
    let mut w = Writer::begin(report, out)?;
    for u in &Views::of(report).units {
        w.unit(u, &ctx, sampled.as_ref())?;
    }
    w.finish()
}

/// findings.csv written a unit at a time (see [`write()`]), so that a report kept on disk is
/// written one unit's findings at a time.
pub struct Writer<W: Write> {
    w: ::csv::Writer<W>,
    /// Rows written.
    rows: usize,
}

impl<W: Write> Writer<W> {
    /// Writes the byte-order mark and the header of `report` (its findings may be left out: they
    /// come by unit) to `out`.
    pub fn begin(report: &Report, mut out: W) -> std::io::Result<Self> {
        out.write_all(BOM)?;
        let mut w = ::csv::WriterBuilder::new()
            .terminator(::csv::Terminator::CRLF)
            .from_writer(out);
        let mut header = HEADERS.to_vec();
        header.push(UNIT_HEADER);
        if report.history.is_some() {
            header.push(STATUS_HEADER);
        }
        if report.sample.is_some() {
            header.push(SAMPLED_HEADER);
        }
        header.push(FINGERPRINT_HEADER);
        w.write_record(&header)?;
        Ok(Writer { w, rows: 0 })
    }

    /// Writes a unit's rows, numbered on from those before; `ctx` and `sampled` (the sampled codes
    /// of a report scored on a sample) are those of the report `u` is a view of.
    pub fn unit(
        &mut self,
        u: &UnitView<'_>,
        ctx: &RowContext<'_>,
        sampled: Option<&crate::report::Sampled<'_>>,
    ) -> std::io::Result<()> {
        for r in fixlist::unit_rows(&u.findings, u.name, ctx.history) {
            self.rows += 1;
            let mut cells = r.cells(self.rows, ctx);
            cells.insert(HEADERS.len(), fixlist::cell(r.unit()));
            if let Some(codes) = sampled {
                cells.insert(
                    cells.len() - 1,
                    fixlist::sampled_cell(codes, r.code(), r.name()).to_owned(),
                );
            }
            // 序号 (the first cell) is the one number; every other cell is text.
            for c in cells.iter_mut().skip(1) {
                if c.contains(fixlist::is_stray_control) {
                    *c = fixlist::visible_controls(c).into_owned();
                }
                if let Cow::Owned(text) = fixlist::csv_text(c) {
                    *c = text;
                }
            }
            self.w.write_record(&cells)?;
        }
        Ok(())
    }

    /// Flushes the rows, and `out`.
    pub fn finish(mut self) -> std::io::Result<()> {
        self.w.flush()
    }
}
