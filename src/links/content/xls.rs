//! Excel 97–2003 workbooks (`.xls`, and WPS's `.et`, written in the same format): the cell
//! texts, read through calamine, so that a sample or form published as an old spreadsheet is
//! checked for personal numbers, garbling and its first line as a `.docx` is.
//!
//! Each row becomes a line of its cells' texts (as Excel shows them) separated by tabs, sheet
//! after sheet; the first line is then the form's title. An encrypted workbook is not read
//! ([`NoText::OldOffice`](super::NoText::OldOffice)).
//!
//! Untrusted input. calamine sizes what it allocates by numbers in the file, and a failed
//! allocation aborts the process: a workbook whose sheets would span more than [`ATTACHMENT`]'s
//! cells is not given to it (`source::biff`) but left for a person, as an unreadable file is. At
//! most [`MAX_CHARS`] characters are kept, and the caller catches a panic inside the parser.

use std::io::Cursor;

use calamine::{Reader as _, Xls, XlsError};

use super::doc::Broken;
use crate::source::biff::{self, Limits};
use crate::source::xlsx::cell_text;

/// Characters of a workbook kept, at most, as for a Word document.
const MAX_CHARS: usize = super::doc::MAX_CHARS;
/// Cells a sample or form may span: one sheet 2^20 (a form fills a few hundred; a full sheet is
/// 65,536 × 256), all of them 2^22.
const ATTACHMENT: Limits = Limits {
    sheet: 1 << 20,
    book: 1 << 22,
};

/// Whether a compound file holds a workbook stream (`Workbook`, or `Book` in Excel 5 files).
pub(super) fn is_workbook(file: &cfb::CompoundFile<Cursor<&[u8]>>) -> bool {
    biff::workbook_stream_name(file).is_some()
}

/// The text of an old workbook, or `None` when it is encrypted.
pub(super) fn read(body: &[u8]) -> Result<Option<String>, Broken> {
    let stream = biff::workbook_stream(Cursor::new(body), body.len() as u64).ok_or(Broken)?;
    if !biff::bounded(&stream, ATTACHMENT) {
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

#[cfg(test)]
mod tests {
    use super::super::{FileType, Inspection, NoText, ZipLimits, inspect};
    use crate::model::personal::PersonalKind;
    use crate::source::biff::fixtures::{compound, records, stream_of};

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

    /// A sheet that asks for more room than its cells could need is not given to calamine, which
    /// would try to allocate it and abort the process: by its `Dimensions` record (BIFF8's 32-bit
    /// rows, or bounds out of order), or by two cells far apart. The real workbook passes.
    #[test]
    fn sheets_that_ask_for_more_than_they_hold_are_not_parsed() {
        let bounded = |stream: &[u8]| crate::source::biff::bounded(stream, super::ATTACHMENT);
        let real =
            crate::source::biff::workbook_stream(std::io::Cursor::new(SAMPLE), SAMPLE.len() as u64)
                .unwrap();
        assert!(bounded(&real));
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
        assert!(bounded(&sheet(&[dims((0, 30), (0, 8)), number(29, 7)])));
        assert!(!bounded(&sheet(&[dims((0, u32::MAX), (0, 8))])));
        assert!(!bounded(&sheet(&[dims((50, 10), (0, 8))])), "out of order");
        assert!(!bounded(&sheet(&[number(0, 0), number(65_535, 255)])));
        // Many sheets each under the limit, too many in all.
        let many: Vec<u8> = (0..5)
            .flat_map(|_| sheet(&[number(0, 0), number(1023, 1000)]))
            .collect();
        assert!(!bounded(&many));

        // Past a FilePass record the data is encrypted noise: not judged, calamine refuses it.
        let file_pass = (0x002F, vec![1, 0, 1, 0]);
        assert!(bounded(&sheet(&[
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
