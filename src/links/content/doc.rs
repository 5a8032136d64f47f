//! Word 97–2003 documents (`.doc`, and WPS's `.wps`, written in the same format): the text, read
//! through the document's piece table ([MS-DOC] 2.4.1), so that a sample published in the old
//! format is checked for personal numbers, garbling and its first line as a `.docx` is.
//!
//! The file is a compound file (OLE); its `WordDocument` stream starts with the FIB, which says
//! which table stream (`0Table` or `1Table`) holds the piece table (`Clx`) and where. Each piece
//! is a run of characters, UTF-16LE or one byte each (Windows-1252, which never holds Chinese).
//! Field codes (`HYPERLINK "…"`) are left out and their shown results kept, as Word shows them.
//!
//! Untrusted input, bounded: streams are read up to the decompression budget
//! ([`ZipLimits::max_total_bytes`], the file itself is not compressed), at most [`MAX_CHARS`]
//! characters are kept, every offset is checked against its stream, and a panic inside the
//! compound-file parser is caught. A workbook (`.xls`, `.et`) is read by `xls.rs`; other
//! compound files (an encrypted document, a presentation) are not read: a sample in them is left
//! for a person ([`NoText::OldOffice`]).

use std::io::{Cursor, Read};
use std::panic::{AssertUnwindSafe, catch_unwind};

use super::{Inspection, NoText, ZipLimits, text_checks, xls};

/// Characters of a document kept, at most: far more than any form or certificate holds.
pub(super) const MAX_CHARS: usize = 2_000_000;

/// The FIB's identifier of a Word document.
const WORD_IDENT: u16 = 0xA5EC;
/// `FibBase.flags`: the document is encrypted (or obfuscated).
const F_ENCRYPTED: u16 = 0x0100;
/// `FibBase.flags`: the piece table is in `1Table` (else `0Table`).
const F_WHICH_TABLE: u16 = 0x0200;
/// Offsets in the FIB of `fcClx` and `lcbClx` (`FibRgFcLcb97`).
const FC_CLX: usize = 0x01A2;
const LCB_CLX: usize = 0x01A6;

/// Reads the text of an OLE file that is a Word document or a workbook into `out`; any other is
/// a hint.
pub(super) fn inspect_ole(body: &[u8], limits: ZipLimits, out: &mut Inspection) {
    let read = catch_unwind(AssertUnwindSafe(|| read_doc(body, limits.max_total_bytes)));
    match read {
        Ok(Ok(Ole::Word(text, bytes))) => {
            out.unzipped_bytes += bytes;
            if text.chars().any(|c| !c.is_whitespace()) {
                text_checks(&text, out);
            } else {
                // No text at all: the document holds only pictures (a scan pasted in).
                out.no_text = Some(NoText::Image);
            }
        }
        Ok(Ok(Ole::Workbook)) => match catch_unwind(|| xls::read(body)) {
            Ok(Ok(Some(text))) => {
                out.unzipped_bytes += body.len() as u64;
                text_checks(&text, out);
            }
            Ok(Ok(None)) => out.no_text = Some(NoText::OldOffice),
            Ok(Err(_)) | Err(_) => out.no_text = Some(NoText::Unreadable),
        },
        Ok(Ok(Ole::Other)) => out.no_text = Some(NoText::OldOffice),
        // A structure the reader cannot follow: for a person to open, not a fault of the file.
        Ok(Err(_)) | Err(_) => out.no_text = Some(NoText::Unreadable),
    }
}

/// Why a document's text was not read: its structure could not be followed.
#[derive(Debug)]
pub(super) struct Broken;

/// What a compound file is, as far as its text goes.
enum Ole {
    /// A Word document's text and the bytes of streams read.
    Word(String, u64),
    /// A workbook, read by `xls.rs`.
    Workbook,
    /// Anything else (an encrypted document, a presentation): not read.
    Other,
}

/// The text of a Word document and the bytes of streams read, or what else the compound file is.
fn read_doc(body: &[u8], max: u64) -> Result<Ole, Broken> {
    let mut file = cfb::CompoundFile::open(Cursor::new(body)).map_err(|_| Broken)?;
    if !file.is_stream("/WordDocument") {
        return Ok(if xls::is_workbook(&file) {
            Ole::Workbook
        } else {
            Ole::Other
        });
    }
    let mut read = 0u64;
    let word = stream(&mut file, "/WordDocument", max, &mut read)?;
    if u16_at(&word, 0) != Some(WORD_IDENT) {
        return Err(Broken);
    }
    let flags = u16_at(&word, 0x0A).ok_or(Broken)?;
    if flags & F_ENCRYPTED != 0 {
        return Ok(Ole::Other);
    }
    let table_name = if flags & F_WHICH_TABLE != 0 {
        "/1Table"
    } else {
        "/0Table"
    };
    let table = stream(&mut file, table_name, max.saturating_sub(read), &mut read)?;
    let fc = u32_at(&word, FC_CLX).ok_or(Broken)? as usize;
    let lcb = u32_at(&word, LCB_CLX).ok_or(Broken)? as usize;
    let clx = table
        .get(fc..fc.checked_add(lcb).ok_or(Broken)?)
        .ok_or(Broken)?;
    Ok(Ole::Word(text_of_pieces(&word, piece_table(clx)?)?, read))
}

/// A stream of the compound file, at most `max` bytes (more is refused, not cut).
fn stream(
    file: &mut cfb::CompoundFile<Cursor<&[u8]>>,
    name: &str,
    max: u64,
    read: &mut u64,
) -> Result<Vec<u8>, Broken> {
    let s = file.open_stream(name).map_err(|_| Broken)?;
    let mut buf = Vec::new();
    s.take(max.saturating_add(1))
        .read_to_end(&mut buf)
        .map_err(|_| Broken)?;
    if buf.len() as u64 > max {
        return Err(Broken);
    }
    *read += buf.len() as u64;
    Ok(buf)
}

/// The `PlcPcd` of a `Clx`: its property runs (`Prc`, type 1) skipped, then the piece table
/// (`Pcdt`, type 2).
fn piece_table(clx: &[u8]) -> Result<&[u8], Broken> {
    let mut at = 0;
    loop {
        match clx.get(at) {
            Some(1) => {
                let cb = u16_at(clx, at + 1).ok_or(Broken)? as usize;
                at += 3 + cb;
            }
            Some(2) => {
                let lcb = u32_at(clx, at + 1).ok_or(Broken)? as usize;
                return clx.get(at + 5..at + 5 + lcb).ok_or(Broken);
            }
            _ => return Err(Broken),
        }
    }
}

/// The characters of every piece, in order, as text: paragraphs and cells become line breaks
/// and spaces, field codes are dropped.
fn text_of_pieces(word: &[u8], plc: &[u8]) -> Result<String, Broken> {
    // n + 1 character positions (4 bytes each), then n piece descriptors (8 bytes each).
    if plc.len() < 4 || !(plc.len() - 4).is_multiple_of(12) {
        return Err(Broken);
    }
    let n = (plc.len() - 4) / 12;
    let cp = |i: usize| u32_at(plc, 4 * i).map(|v| v as usize);
    let mut chars = CharWriter::default();
    for i in 0..n {
        let (start, end) = (cp(i).ok_or(Broken)?, cp(i + 1).ok_or(Broken)?);
        let count = end.checked_sub(start).ok_or(Broken)?;
        let raw = u32_at(plc, 4 * (n + 1) + 8 * i + 2).ok_or(Broken)?;
        let fc = (raw & 0x3FFF_FFFF) as usize;
        if raw & 0x4000_0000 != 0 {
            // One byte a character, at half the offset.
            let bytes = word.get(fc / 2..fc / 2 + count).ok_or(Broken)?;
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            text.chars().for_each(|c| chars.push(c));
        } else {
            let bytes = word.get(fc..fc + 2 * count).ok_or(Broken)?;
            let units = bytes
                .chunks_exact(2)
                .map(|b| u16::from_le_bytes([b[0], b[1]]));
            char::decode_utf16(units).for_each(|c| chars.push(c.unwrap_or('\u{fffd}')));
        }
        if chars.full() {
            break;
        }
    }
    Ok(chars.out)
}

/// Characters of a document as text, with Word's marks turned into what they show.
#[derive(Default)]
struct CharWriter {
    out: String,
    count: usize,
    /// Fields open around the current character, each `true` once past its separator (in its
    /// shown result).
    fields: Vec<bool>,
}

impl CharWriter {
    fn full(&self) -> bool {
        self.count >= MAX_CHARS
    }

    fn push(&mut self, c: char) {
        if self.full() {
            return;
        }
        self.count += 1;
        match c {
            // Field begin, separator, end.
            '\u{13}' => self.fields.push(false),
            '\u{14}' => {
                if let Some(shown) = self.fields.last_mut() {
                    *shown = true;
                }
            }
            '\u{15}' => {
                self.fields.pop();
            }
            // Inside a field's code (of this field or one around it): not shown.
            _ if self.fields.contains(&false) => {}
            // Paragraph, line, page and section breaks.
            '\r' | '\u{0b}' | '\u{0c}' => self.out.push('\n'),
            // End of a table cell (or row): the next cell on the same line.
            '\u{07}' | '\t' => self.out.push(' '),
            c if c.is_control() => {}
            c => self.out.push(c),
        }
    }
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Word's marks become what the page shows: paragraphs are lines, cells are spaced, a field
    /// shows its result and not its code (nested fields too).
    #[test]
    fn marks_become_lines_and_fields_their_results() {
        let mut w = CharWriter::default();
        "申请人\u{7}张三\u{7}\r电话：\u{13} HYPERLINK \"tel:0566\u{13}PAGE\u{14}1\u{15}\" \u{14}0566-2021156\u{15}\u{c}第二页\u{1}"
            .chars()
            .for_each(|c| w.push(c));
        assert_eq!(w.out, "申请人 张三 \n电话：0566-2021156\n第二页");
    }
}
