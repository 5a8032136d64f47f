//! Excel 97–2003 workbooks (`.xls`, and WPS's `.et`, written in the same format): the cell
//! texts, read through calamine, so that a sample or form published as an old spreadsheet is
//! checked for personal numbers, garbling and its first line as a `.docx` is.
//!
//! Each row becomes a line of its cells' texts (as Excel shows them) separated by tabs, sheet
//! after sheet; the first line is then the form's title. An encrypted workbook is not read
//! ([`NoText::OldOffice`](super::NoText::OldOffice)).
//!
//! Untrusted input. calamine sizes what it allocates by numbers in the file: the sheet's
//! `Dimensions` record, and the span between its first and last cell, each sheet laid out as a
//! dense grid. A crafted file of a few bytes can ask for terabytes, and a failed allocation
//! aborts the process instead of unwinding. So the records of the workbook stream are walked
//! first ([`bounded`]), and a workbook whose sheets would span more than [`MAX_SHEET_CELLS`]
//! cells (or [`MAX_BOOK_CELLS`] in all) is not given to calamine: it is left for a person, as an
//! unreadable file is. At most [`MAX_CHARS`] characters are kept, and the caller catches a panic
//! inside the parser.

use std::io::{Cursor, Read as _};

use calamine::{Reader as _, Xls, XlsError};

use super::doc::Broken;
use crate::source::xlsx::cell_text;

/// Characters of a workbook kept, at most, as for a Word document.
const MAX_CHARS: usize = super::doc::MAX_CHARS;
/// Cells one sheet may span (rows × columns of its grid): a form or sample fills a few hundred;
/// a full BIFF8 sheet is 65,536 × 256.
pub(super) const MAX_SHEET_CELLS: u64 = 1 << 20;
/// Cells all sheets may span together.
pub(super) const MAX_BOOK_CELLS: u64 = 1 << 22;

/// Whether a compound file holds a workbook stream (`Workbook`, or `Book` in Excel 5 files).
pub(super) fn is_workbook(file: &cfb::CompoundFile<Cursor<&[u8]>>) -> bool {
    file.is_stream("/Workbook") || file.is_stream("/Book")
}

/// The text of an old workbook, or `None` when it is encrypted.
pub(super) fn read(body: &[u8]) -> Result<Option<String>, Broken> {
    if !bounded(&workbook_stream(body)?) {
        return Err(Broken);
    }
    let mut book = match Xls::new(Cursor::new(body)) {
        Ok(book) => book,
        Err(XlsError::Password) => return Ok(None),
        Err(_) => return Err(Broken),
    };
    let mut out = String::new();
    let mut count = 0;
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).map_err(|_| Broken)?;
        for row in range.rows() {
            let cells: Vec<String> = row
                .iter()
                .map(cell_text)
                .filter(|t| !t.is_empty())
                .collect();
            if cells.is_empty() {
                continue;
            }
            let line = cells.join("\t");
            count += line.chars().count() + 1;
            if count > MAX_CHARS {
                return Ok(Some(out));
            }
            out.push_str(&line);
            out.push('\n');
        }
    }
    Ok(Some(out))
}

/// The workbook stream of a compound file. The `cfb` crate checks the container's structure (its
/// sector chains end, its directory is a tree), which calamine's own reader trusts; a stream, or
/// the small-stream container, said to be longer than the file is refused: calamine would follow
/// a looping chain until it had read that much.
fn workbook_stream(body: &[u8]) -> Result<Vec<u8>, Broken> {
    let mut file = cfb::CompoundFile::open(Cursor::new(body)).map_err(|_| Broken)?;
    let name = if file.is_stream("/Workbook") {
        "/Workbook"
    } else {
        "/Book"
    };
    let declared = file.entry(name).map_err(|_| Broken)?.len();
    if declared.max(file.root_entry().len()) > body.len() as u64 {
        return Err(Broken);
    }
    let mut out = Vec::new();
    file.open_stream(name)
        .map_err(|_| Broken)?
        .take(body.len() as u64)
        .read_to_end(&mut out)
        .map_err(|_| Broken)?;
    Ok(out)
}

/// Whether every sheet of a workbook stream spans at most [`MAX_SHEET_CELLS`] cells, and all of
/// them [`MAX_BOOK_CELLS`], as calamine will lay them out: by each `Dimensions` record (read as
/// calamine reads it) and by the first and last row and column of the cell records
/// ([MS-XLS] 2.4: a record is its type, its length and its data, both 16-bit little-endian).
fn bounded(stream: &[u8]) -> bool {
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
            0x0200 if reserved_by_dimensions(data) > MAX_SHEET_CELLS => return false,
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
        if sheet.cells() > MAX_SHEET_CELLS || total + sheet.cells() > MAX_BOOK_CELLS {
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

#[cfg(test)]
mod tests {
    use super::super::{FileType, Inspection, NoText, ZipLimits, inspect};
    use crate::model::personal::PersonalKind;

    /// A compound file with one stream `name` holding `bytes`.
    fn ole_with_stream(name: &str, bytes: &[u8]) -> Vec<u8> {
        use std::io::Write as _;
        let mut file = cfb::CompoundFile::create(std::io::Cursor::new(Vec::new())).unwrap();
        file.create_stream(name).unwrap().write_all(bytes).unwrap();
        file.flush().unwrap();
        file.into_inner().into_inner()
    }

    /// Written by `fixtures/attachments/make_xls.py` (xlwt, as Excel 97–2003 saves a workbook).
    const SAMPLE: &[u8] = include_bytes!("../../../fixtures/attachments/sample-licence.xls");
    const BLANK_FORM: &[u8] = include_bytes!("../../../fixtures/attachments/blank-form.xls");

    fn hits(d: &Inspection) -> Vec<(PersonalKind, &str)> {
        d.personal
            .iter()
            .map(|h| (h.kind, h.masked.as_str()))
            .collect()
    }

    /// Should trip: a 结果样本 published as an `.xls` with an unmasked 身份证号 (a text cell) and
    /// a mobile number (a number cell); its first line is the sample's title.
    #[test]
    fn old_workbooks_are_read_for_personal_data_and_heading() {
        let d = inspect(SAMPLE, true, ZipLimits::default());
        assert_eq!(d.real_type, Some(FileType::Ole));
        assert_eq!((d.defect.as_deref(), d.no_text), (None, None), "{d:?}");
        assert_eq!(d.heading.as_deref(), Some("营业执照（样本）"));
        assert_eq!(
            hits(&d),
            [
                (PersonalKind::IdNumber, "1101**********8515"),
                (PersonalKind::Mobile, "139****1234"),
            ]
        );
        assert_eq!(d.unzipped_bytes, SAMPLE.len() as u64);

        // Clean: a blank form with empty cells to fill in.
        let d = inspect(BLANK_FORM, true, ZipLimits::default());
        assert_eq!((d.defect.as_deref(), d.no_text), (None, None), "{d:?}");
        assert_eq!(d.heading.as_deref(), Some("食品经营许可申请书"));
        assert!(d.personal.is_empty(), "{d:?}");
        assert_eq!(d.mojibake, None);
    }

    /// The records of a workbook stream: (type, data).
    fn records(stream: &[u8]) -> Vec<(u16, Vec<u8>)> {
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

    fn stream_of(records: &[(u16, Vec<u8>)]) -> Vec<u8> {
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
    fn compound(records: &[(u16, Vec<u8>)]) -> Vec<u8> {
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

    /// A sheet that asks for more room than its cells could need is not given to calamine, which
    /// would try to allocate it and abort the process: by its `Dimensions` record (BIFF8's 32-bit
    /// rows, or bounds out of order), or by two cells far apart. The real workbook passes.
    #[test]
    fn sheets_that_ask_for_more_than_they_hold_are_not_parsed() {
        let real = super::workbook_stream(SAMPLE).unwrap();
        assert!(super::bounded(&real));
        let sheet = |extra: &[(u16, Vec<u8>)]| {
            let mut r = vec![(0x0809, vec![0; 16])];
            r.extend_from_slice(extra);
            r.push((0x000A, vec![]));
            stream_of(&r)
        };
        let dims = |rows: (u32, u32), cols: (u16, u16)| {
            let mut d = Vec::new();
            d.extend_from_slice(&rows.0.to_le_bytes());
            d.extend_from_slice(&rows.1.to_le_bytes());
            d.extend_from_slice(&cols.0.to_le_bytes());
            d.extend_from_slice(&cols.1.to_le_bytes());
            d.extend_from_slice(&[0, 0]);
            (0x0200, d)
        };
        let number = |row: u16, col: u16| {
            let mut d = row.to_le_bytes().to_vec();
            d.extend_from_slice(&col.to_le_bytes());
            d.extend_from_slice(&[0; 10]);
            (0x0203, d)
        };
        assert!(super::bounded(&sheet(&[
            dims((0, 30), (0, 8)),
            number(29, 7)
        ])));
        assert!(!super::bounded(&sheet(&[dims((0, u32::MAX), (0, 8))])));
        assert!(
            !super::bounded(&sheet(&[dims((50, 10), (0, 8))])),
            "out of order"
        );
        assert!(!super::bounded(&sheet(&[
            number(0, 0),
            number(65_535, 255)
        ])));
        // Many sheets each under the limit, too many in all.
        let many: Vec<u8> = (0..5)
            .flat_map(|_| sheet(&[number(0, 0), number(1023, 1000)]))
            .collect();
        assert!(!super::bounded(&many));

        // Past a FilePass record the data is encrypted noise: not judged, calamine refuses it.
        let file_pass = (0x002F, vec![1, 0, 1, 0]);
        assert!(super::bounded(&sheet(&[
            file_pass.clone(),
            dims((0, u32::MAX), (0, 8))
        ])));

        // The real sample with its Dimensions record rewritten: left for a person, no abort.
        let patched: Vec<(u16, Vec<u8>)> = records(&real)
            .into_iter()
            .map(|(typ, data)| {
                if typ == 0x0200 {
                    dims((0, u32::MAX - 1), (0, 200))
                } else {
                    (typ, data)
                }
            })
            .collect();
        let crafted = compound(&patched);
        let d = inspect(&crafted, true, ZipLimits::default());
        assert_eq!((d.defect, d.no_text), (None, Some(NoText::Unreadable)));

        // The same with a password: said to need one, as an encrypted document is.
        let mut locked = records(&real);
        locked.insert(1, file_pass);
        let d = inspect(&compound(&locked), true, ZipLimits::default());
        assert_eq!((d.defect, d.no_text), (None, Some(NoText::OldOffice)));
    }

    /// A workbook stream that cannot be parsed is left for a person, as is any damaged byte; a
    /// compound file that is neither a document nor a workbook is not read. Never a panic.
    #[test]
    fn workbooks_that_cannot_be_read_are_left_for_a_person() {
        let junk = ole_with_stream("/Workbook", &[0x09, 0x08, 0x10, 0x00, 0x00, 0x06]);
        let d = inspect(&junk, true, ZipLimits::default());
        assert_eq!((d.defect, d.no_text), (None, Some(NoText::Unreadable)));
        let slides = ole_with_stream("/PowerPoint Document", &[0x0F, 0x00, 0xE8, 0x03]);
        let d = inspect(&slides, true, ZipLimits::default());
        assert_eq!((d.defect, d.no_text), (None, Some(NoText::OldOffice)));
        for i in (0..SAMPLE.len()).step_by(13) {
            let mut bad = SAMPLE.to_vec();
            bad[i] ^= 0x5A;
            let d = inspect(&bad, true, ZipLimits::default());
            assert_eq!(d.defect, None, "byte {i}");
        }
    }
}
