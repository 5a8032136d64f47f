//! The findings CSV (`findings.csv`): the 问题清单 columns, then 考核单位, UTF-8 with a byte-order
//! mark so that Excel and WPS open the Chinese text correctly, every cell formula-guarded
//! ([`super::fixlist`]).
//!
//! With a history (`audit` runs) 状态 and 指纹 columns follow 考核单位, the findings are grouped by unit,
//! and each unit's closed baseline findings (已整改 / 已移除) follow its findings.

use std::io::Write;

use super::Report;
use super::fixlist::{self, FINGERPRINT_HEADER, FixRow, HEADERS, STATUS_HEADER};
use super::view::Views;

/// The UTF-8 byte-order mark Excel needs to read a CSV as UTF-8.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Header of the extra last column.
pub const UNIT_HEADER: &str = "考核单位";

/// Writes every finding of the report as CSV: [`HEADERS`] followed by 考核单位 (and 状态 and 指纹
/// with a history).
pub fn write(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    out.write_all(BOM)?;
    let mut w = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(out);
    let mut header = HEADERS.to_vec();
    header.push(UNIT_HEADER);
    if report.history.is_some() {
        header.extend([STATUS_HEADER, FINGERPRINT_HEADER]);
    }
    w.write_record(&header)?;
    let review = fixlist::decisions(report);
    for (i, r) in rows(report).iter().enumerate() {
        let mut cells = r.cells(i + 1, report.history.as_ref(), &review);
        cells.insert(HEADERS.len(), fixlist::cell(r.unit()));
        w.write_record(&cells)?;
    }
    w.flush()?;
    Ok(())
}

/// The rows in order: the report's findings; with a history, grouped by unit (units whose
/// items were all removed included) with each unit's closed findings after its own.
fn rows(report: &Report) -> Vec<FixRow<'_>> {
    let Some(history) = &report.history else {
        return report.findings.iter().map(FixRow::Finding).collect();
    };
    Views::of(report)
        .units
        .iter()
        .flat_map(|u| fixlist::unit_rows(&u.findings, u.name, Some(history)))
        .collect()
}
