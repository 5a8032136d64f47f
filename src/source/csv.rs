//! CSV files, one file per sheet: the encoding is detected (UTF-8 with or without BOM, UTF-16 with
//! BOM, otherwise GB18030/GBK and others through chardetng), the delimiter guessed from the first
//! line (comma, tab or semicolon), and the rows handed to the shared sheet assembly. Several CSV
//! files in one run form one workbook (an item file plus child files).
//!
//! Cells are split by the csv crate, as Excel splits them: a cell in quotes may hold delimiters,
//! doubled quotes and line ends (Alt+Enter), and row `i` is the row `i + 1` Excel shows. Two
//! things clerks and platforms write are read as they mean them:
//! - A **stray quote**: a quote typed at the start of a cell and never closed (`"农药经营许可证`)
//!   runs on to the next quote in the file, or to its end, taking every line on the way into one
//!   cell: the items there vanished without a word. A quoted cell over lines is taken for a stray
//!   quote when it never closes (it runs to the end of the file), or when, read as a quote, it
//!   leaves its row of another width than the table's (its commonest) while its first line, read
//!   with quotes as characters, is as wide as the table. That line is then the row, the lines
//!   after it are rows again, and a warning names its row and column. Quoted cells over lines
//!   that fit the table (Alt+Enter in Excel) are one cell, as Excel shows them. Not caught: a
//!   stray quote that pairs with another on its own line, or two that pair with each other and
//!   leave the row as wide as the table (the crate does not say where a cell's quotes were).
//! - `="000111301009"`, which platforms write so that Excel keeps a code's leading zeros, is the
//!   text Excel shows (`000111301009`). Any other formula (`=SUM(A1)`) is kept as written.
//! - `'000111301009`, the apostrophe other systems write for the same end, is the text after it
//!   where that is a number (digits, a decimal point); before a code of letters and digits
//!   (`'11341700MB…`) it is left out in code columns (`sheet::numbers`). Before other text it is
//!   kept: it may be the text's own (`'食品经营许可'`).

use std::path::Path;
use std::sync::Arc;

use encoding_rs::{Encoding, GB18030, GBK, UTF_8};

use super::sheet::{self, Sheet, Uncomputed, column_letters};
use super::{MAX_INPUT_BYTES, Notice, NoticeLevel, Reader, Record, SourceError};
use crate::config::Labels;
use crate::model::Provenance;
use crate::model::text::quote;

mod rows;
mod scan;

pub use rows::CutRows;
pub use scan::{StrayQuote, Table, parse_table};

/// Reads one CSV file as a one-sheet workbook.
#[derive(Debug, Default, Clone)]
pub struct CsvReader {
    /// Extra header synonyms from the configuration.
    pub labels: Labels,
}

impl Reader for CsvReader {
    fn read(&self, path: &Path, sink: &mut dyn FnMut(Record)) -> Result<(), SourceError> {
        let (sheet, notices, cut) = read_sheet(path)?;
        for notice in notices {
            sink(Record::Notice(notice));
        }
        assemble(vec![sheet], cut, &self.labels, sink);
        Ok(())
    }
}

/// Hands the sheets of CSV files to the shared sheet assembly; an item read from a row that is not
/// whole (`cut`, found by [`read_sheet`]) is listed as unreadable, and the cut rows that made no
/// item are warned about.
pub fn assemble(
    sheets: Vec<Sheet>,
    mut cut: CutRows,
    labels: &Labels,
    sink: &mut dyn FnMut(Record),
) {
    sheet::assemble(sheets, labels, &mut |r| sink(cut.unreadable(r)));
    for notice in cut.unlisted_notices() {
        sink(Record::Notice(notice));
    }
}

/// Decodes CSV bytes: a BOM wins; valid UTF-8 is UTF-8, and so is UTF-8 with a few damaged
/// bytes (`mostly_utf8`; they read as U+FFFD); otherwise chardetng guesses with a Chinese
/// hint, and GBK is read as its superset GB18030.
pub fn decode(bytes: &[u8]) -> (String, &'static Encoding) {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return (text.into_owned(), enc);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return (text.to_owned(), UTF_8);
    }
    if mostly_utf8(bytes) {
        return (String::from_utf8_lossy(bytes).into_owned(), UTF_8);
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(Some(b"cn"), chardetng::Utf8Detection::Deny);
    let enc = if guess == GBK { GB18030 } else { guess };
    let (text, _) = enc.decode_without_bom_handling(bytes);
    (text.into_owned(), enc)
}

/// Whether bytes that are not all UTF-8 are UTF-8 all the same, a few of them damaged (a byte
/// changed in copying, a line cut in the middle of a character): at least two valid three-byte
/// characters (Chinese in UTF-8) for each invalid sequence. Chinese text in GBK is an invalid
/// sequence every character or two, and makes a valid three-byte sequence for well under one
/// character in a hundred; read as GBK, one damaged byte in a UTF-8 export turned every name of
/// the file into mojibake.
pub(crate) fn mostly_utf8(bytes: &[u8]) -> bool {
    let three_byte = |valid: &[u8]| valid.iter().filter(|&&b| (0xE0..0xF0).contains(&b)).count();
    let (mut good, mut bad) = (0, 0);
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(_) => {
                good += three_byte(rest);
                break;
            }
            Err(e) => {
                let (valid, after) = rest.split_at(e.valid_up_to());
                good += three_byte(valid);
                let Some(len) = e.error_len() else {
                    // Cut in the middle of a character at the end: not damage.
                    break;
                };
                bad += 1;
                rest = &after[len..];
            }
        }
    }
    good >= 2 * bad
}

/// The warning for the rows of a CSV file whose bytes were not all valid UTF-8, read as "�".
fn damaged_bytes_notice(source: &Arc<str>, rows: &[Vec<String>]) -> Option<Notice> {
    let damaged: Vec<usize> = rows
        .iter()
        .enumerate()
        .filter(|(_, row)| row.iter().any(|cell| cell.contains('\u{FFFD}')))
        .map(|(i, _)| i + 1)
        .collect();
    let first = *damaged.first()?;
    let mut shown: Vec<String> = damaged
        .iter()
        .take(10)
        .map(|r| format!("第{r}行"))
        .collect();
    if damaged.len() > shown.len() {
        shown.push(format!("等 {} 行", damaged.len()));
    }
    Some(Notice {
        level: NoticeLevel::Warning,
        provenance: Provenance::row(Arc::clone(source), first as u64),
        message: format!(
            "文件中有字节不是有效的 UTF-8 文字（{}），已显示为“�”，文件其余部分照常读取：这通常是文件在导出、复制或传输中损坏，这些行的“乱码”等问题可能不是部门填报造成的；请重新导出后再检查",
            shown.join("、")
        ),
    })
}

/// Reads a CSV file into a [`Sheet`] named after nothing (the file is the sheet), with a warning
/// for each stray quote read as a character and for each row split in two by a line break
/// without quotes (read as one), and the rows cut short, for [`assemble`].
pub fn read_sheet(path: &Path) -> Result<(Sheet, Vec<Notice>, CutRows), SourceError> {
    let bytes = std::fs::read(path).map_err(|source| SourceError::Io {
        path: path.to_owned(),
        source,
    })?;
    SourceError::refuse_empty(path, bytes.len() as u64)?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(SourceError::Format {
            path: path.to_owned(),
            reason: format!(
                "文件过大（{} 字节，上限 {MAX_INPUT_BYTES} 字节）",
                bytes.len()
            ),
        });
    }
    let (text, encoding) = decode(&bytes);
    let mut table = parse_table(&text);
    let source: Arc<str> = path.display().to_string().into();
    let mut notices: Vec<Notice> = table
        .stray_quotes
        .iter()
        .map(|stray| stray_quote_notice(&source, &table.rows, stray))
        .collect();
    let (joined, cut) = rows::mend(&mut table, &source);
    notices.extend(joined);
    // A UTF-8 file read with damaged bytes (a U+FFFD already in a valid file is said too: it
    // is what a damaged export saved again looks like).
    if encoding == UTF_8 || encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE {
        notices.extend(damaged_bytes_notice(&source, &table.rows));
    }
    let sheet = Sheet {
        source,
        name: None,
        first_row: 1,
        rows: table.rows,
        long_numbers: Vec::new(),
        uncomputed: Uncomputed::default(),
    };
    Ok((sheet, notices, cut))
}

/// The warning for a stray quote: where it is, what reading it as a quote would have done, what
/// was done instead, and how to fix it.
fn stray_quote_notice(source: &Arc<str>, rows: &[Vec<String>], stray: &StrayQuote) -> Notice {
    let row = stray.row as u64 + 1;
    let cell = rows
        .get(stray.row)
        .and_then(|r| r.get(stray.column))
        .map_or("", String::as_str);
    let taken = if stray.lines == 0 {
        "这一行后面的单元格".to_owned()
    } else {
        format!("后面 {} 行", stray.lines)
    };
    Notice {
        level: NoticeLevel::Warning,
        provenance: Provenance::row(Arc::clone(source), row),
        message: format!(
            "文件「{}」第 {row} 行 {} 列的引号没有配对（「{}」），按引号读会把{taken}并进这一格；已把它当作普通字符读取，各行照常检查。请删掉多余的引号，或在这一格内容的末尾补上另一个引号",
            crate::model::provenance::file_name(source),
            column_letters(stray.column),
            quote(cell, 20),
        ),
    }
}

/// Splits decoded delimited text into trimmed cells, guessing the delimiter, as [`parse_table`]
/// does. It does not fail: any text splits into rows.
pub fn parse_rows(text: &str) -> Result<Vec<Vec<String>>, String> {
    Ok(parse_table(text).rows)
}

/// The delimiter used most in the first lines (a title row may have none): comma unless tab or
/// semicolon is strictly more frequent.
fn guess_delimiter(text: &str) -> u8 {
    let head: Vec<&str> = text.lines().take(10).collect();
    let count = |d: char| head.iter().map(|l| l.matches(d).count()).sum::<usize>();
    let (comma, tab, semicolon) = (count(','), count('\t'), count(';'));
    if tab > comma && tab >= semicolon {
        b'\t'
    } else if semicolon > comma && semicolon > tab {
        b';'
    } else {
        b','
    }
}

#[cfg(test)]
mod tests;
