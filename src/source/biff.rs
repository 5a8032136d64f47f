//! Excel 97–2003 workbooks (`.xls`, WPS's `.et`): how much calamine would lay out for them,
//! judged before it is asked to.
//!
//! calamine sizes what it allocates by numbers in the file: a sheet's `Dimensions` record, and
//! the span between its first and last cell, each sheet laid out as a dense grid. A crafted or
//! damaged file of a few bytes can ask for terabytes, and a failed allocation aborts the process
//! instead of unwinding: a nightly run would end there with nothing written. So the records of
//! the workbook stream are walked first ([`bounded`]), and a workbook that asks for more than
//! its [`Limits`] is not given to calamine. An export is held to what the format itself allows
//! ([`EXPORT`]); a sample or form downloaded from a link to far less (`links::content::xls`).

use std::io::{Read, Seek};

/// How many cells a workbook's sheets may span (rows × columns of each sheet's grid).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Limits {
    /// One sheet.
    pub sheet: u64,
    /// All sheets together.
    pub book: u64,
}

/// An export: a sheet up to the format's own 65,536 rows × 256 columns, sixteen such in all.
pub(crate) const EXPORT: Limits = Limits {
    sheet: 65_536 * 256,
    book: 16 * 65_536 * 256,
};

/// The name of a compound file's workbook stream: `Workbook`, or `Book` in Excel 5 files.
pub(crate) fn workbook_stream_name<F>(file: &cfb::CompoundFile<F>) -> Option<&'static str> {
    ["/Workbook", "/Book"]
        .into_iter()
        .find(|name| file.is_stream(name))
}

/// The workbook stream of a compound file. The `cfb` crate checks the container's structure (its
/// sector chains end, its directory is a tree), which calamine's own reader trusts; a stream, or
/// the small-stream container, said to be longer than the file is refused: calamine would follow
/// a looping chain until it had read that much.
///
/// `None` when the file is no compound file, holds no workbook, or is refused so.
pub(crate) fn workbook_stream<R: Read + Seek>(file: R, file_len: u64) -> Option<Vec<u8>> {
    let mut file = cfb::CompoundFile::open(file).ok()?;
    let name = workbook_stream_name(&file)?;
    let declared = file.entry(name).ok()?.len();
    if declared.max(file.root_entry().len()) > file_len {
        return None;
    }
    let mut out = Vec::new();
    file.open_stream(name)
        .ok()?
        .take(file_len)
        .read_to_end(&mut out)
        .ok()?;
    Some(out)
}

/// Whether every sheet of a workbook stream spans at most `limits.sheet` cells, and all of them
/// `limits.book`, as calamine will lay them out: by each `Dimensions` record (read as calamine
/// reads it) and by the first and last row and column of the cell records ([MS-XLS] 2.4: a
/// record is its type, its length and its data, both 16-bit little-endian).
pub(crate) fn bounded(stream: &[u8], limits: Limits) -> bool {
    let u16_at = |d: &[u8], at: usize| d.get(at..at + 2).map(|b| u16::from_le_bytes([b[0], b[1]]));
    let mut total = 0u64;
    let mut sheet = Span::default();
    let mut at = 0;
    while let (Some(typ), Some(len)) = (u16_at(stream, at), u16_at(stream, at + 2)) {
        let Some(data) = stream.get(at + 4..at + 4 + usize::from(len)) else {
            break;
        };
        at += 4 + usize::from(len);
        match typ {
            // FilePass: the rest is encrypted (and its numbers noise); calamine stops here and
            // says so, and the workbook is reported as one with a password.
            0x002F if data.iter().any(|&b| b != 0) => return true,
            // BOF: a new sheet (or the workbook globals).
            0x0809 => {
                total += sheet.cells();
                sheet = Span::default();
            }
            // Dimensions: calamine reserves room for every cell they span.
            0x0200 if reserved_by_dimensions(data) > limits.sheet => return false,
            // Cells: row and column first.
            0x0006 | 0x00D6 | 0x00FD | 0x0201 | 0x0203 | 0x0204 | 0x0205 | 0x027E => {
                if let (Some(row), Some(col)) = (u16_at(data, 0), u16_at(data, 2)) {
                    sheet.add(row, col);
                }
            }
            // Several cells of a row: the row, the first column, …, the last column.
            0x00BD | 0x00BE => {
                if let (Some(row), Some(first), Some(last)) = (
                    u16_at(data, 0),
                    u16_at(data, 2),
                    data.len().checked_sub(2).and_then(|l| u16_at(data, l)),
                ) {
                    sheet.add(row, first);
                    sheet.add(row, last);
                }
            }
            _ => {}
        }
        if sheet.cells() > limits.sheet || total + sheet.cells() > limits.book {
            return false;
        }
    }
    true
}

/// The cells calamine reserves room for by a `Dimensions` record, read and reckoned as calamine
/// does (its 32-bit arithmetic wraps on a record whose bounds are out of order).
fn reserved_by_dimensions(data: &[u8]) -> u64 {
    let u16_at = |at: usize| u32::from(u16::from_le_bytes([data[at], data[at + 1]]));
    let u32_at =
        |at: usize| u32::from_le_bytes([data[at], data[at + 1], data[at + 2], data[at + 3]]);
    let (first_row, after_row, mut first_col, after_col) = match data.len() {
        10 => (u16_at(0), u16_at(2), u16_at(4), u16_at(6)),
        14 | 16 => (u32_at(0), u32_at(4), u16_at(8), u16_at(10)),
        // calamine refuses the record.
        _ => return 0,
    };
    if first_col > 0xFF || after_col < first_col {
        first_col = 0;
    }
    let (last_row, last_col) = if after_row >= 1 && after_col >= 1 {
        (after_row - 1, after_col - 1)
    } else {
        (first_row, first_col)
    };
    let count = |first: u32, last: u32| u64::from(last.wrapping_sub(first).wrapping_add(1));
    count(first_row, last_row).saturating_mul(count(first_col, last_col))
}

/// The rows and columns a sheet's cells reach.
#[derive(Default)]
struct Span {
    rows: Option<(u16, u16)>,
    cols: Option<(u16, u16)>,
}

impl Span {
    fn add(&mut self, row: u16, col: u16) {
        let widen = |b: Option<(u16, u16)>, v: u16| {
            Some(b.map_or((v, v), |(lo, hi)| (lo.min(v), hi.max(v))))
        };
        self.rows = widen(self.rows, row);
        self.cols = widen(self.cols, col);
    }

    /// Cells of the grid from the first to the last row and column.
    fn cells(&self) -> u64 {
        match (self.rows, self.cols) {
            (Some((r0, r1)), Some((c0, c1))) => (u64::from(r1 - r0) + 1) * (u64::from(c1 - c0) + 1),
            _ => 0,
        }
    }
}

/// Workbook streams built for tests: records, streams and whole files.
#[cfg(test)]
pub(crate) mod fixtures {
    /// The records of a workbook stream: (type, data).
    pub(crate) fn records(stream: &[u8]) -> Vec<(u16, Vec<u8>)> {
        let mut out = Vec::new();
        let mut at = 0;
        while at + 4 <= stream.len() {
            let typ = u16::from_le_bytes([stream[at], stream[at + 1]]);
            let len = usize::from(u16::from_le_bytes([stream[at + 2], stream[at + 3]]));
            out.push((typ, stream[at + 4..at + 4 + len].to_vec()));
            at += 4 + len;
        }
        out
    }

    pub(crate) fn stream_of(records: &[(u16, Vec<u8>)]) -> Vec<u8> {
        let mut out = Vec::new();
        for (typ, data) in records {
            out.extend_from_slice(&typ.to_le_bytes());
            out.extend_from_slice(&u16::try_from(data.len()).unwrap().to_le_bytes());
            out.extend_from_slice(data);
        }
        out
    }

    /// A workbook file whose stream holds `records`, padded past 4 KB so that the stream is
    /// stored in whole sectors as Excel stores a workbook (calamine does not read one from the
    /// small-stream container).
    pub(crate) fn compound(records: &[(u16, Vec<u8>)]) -> Vec<u8> {
        let mut stream = stream_of(records);
        stream.resize(stream.len().max(8192), 0);
        let mut file = cfb::CompoundFile::create_with_version(
            cfb::Version::V3,
            std::io::Cursor::new(Vec::new()),
        )
        .unwrap();
        std::io::Write::write_all(&mut file.create_stream("/Workbook").unwrap(), &stream).unwrap();
        file.flush().unwrap();
        file.into_inner().into_inner()
    }
}
