//! The findings CSV (`findings.csv`): the 问题清单 columns, then 考核单位, UTF-8 with a byte-order
//! mark so that Excel and WPS open the Chinese text correctly, every cell formula-guarded
//! ([`super::fixlist`]).

use std::io::Write;

use super::Report;
use super::fixlist::{self, HEADERS};

/// The UTF-8 byte-order mark Excel needs to read a CSV as UTF-8.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Header of the extra last column.
pub const UNIT_HEADER: &str = "考核单位";

/// Writes every finding of the report as CSV: [`HEADERS`] followed by 考核单位.
pub fn write(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    out.write_all(BOM)?;
    let mut w = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(out);
    let mut header = HEADERS.to_vec();
    header.push(UNIT_HEADER);
    w.write_record(&header)?;
    for (i, f) in report.findings.iter().enumerate() {
        let row = fixlist::row(i + 1, f);
        let unit = fixlist::cell(&f.unit);
        w.write_record(row.iter().map(String::as_str).chain([unit.as_str()]))?;
    }
    w.flush()?;
    Ok(())
}
