//! CSV files, one file per sheet: the encoding is detected (UTF-8 with or without BOM, UTF-16 with
//! BOM, otherwise GB18030/GBK and others through chardetng), the delimiter guessed from the first
//! line (comma, tab or semicolon), and the rows handed to the shared sheet assembly. Several CSV
//! files in one run form one workbook (an item file plus child files).

use std::path::Path;

use encoding_rs::{Encoding, GB18030, GBK, UTF_8};

use super::sheet::{self, Sheet};
use super::{MAX_INPUT_BYTES, Reader, Record, SourceError};
use crate::config::Labels;

/// Reads one CSV file as a one-sheet workbook.
#[derive(Debug, Default, Clone)]
pub struct CsvReader {
    /// Extra header synonyms from the configuration.
    pub labels: Labels,
}

impl Reader for CsvReader {
    fn read(&self, path: &Path, sink: &mut dyn FnMut(Record)) -> Result<(), SourceError> {
        let sheet = read_sheet(path)?;
        sheet::assemble(vec![sheet], &self.labels, sink);
        Ok(())
    }
}

/// Decodes CSV bytes: a BOM wins; valid UTF-8 is UTF-8; otherwise chardetng guesses with a
/// Chinese hint, and GBK is read as its superset GB18030.
pub fn decode(bytes: &[u8]) -> (String, &'static Encoding) {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return (text.into_owned(), enc);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return (text.to_owned(), UTF_8);
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(Some(b"cn"), chardetng::Utf8Detection::Deny);
    let enc = if guess == GBK { GB18030 } else { guess };
    let (text, _) = enc.decode_without_bom_handling(bytes);
    (text.into_owned(), enc)
}

/// Reads a CSV file into a [`Sheet`] named after nothing (the file is the sheet).
pub fn read_sheet(path: &Path) -> Result<Sheet, SourceError> {
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
    let (text, _) = decode(&bytes);
    let rows = parse_rows(&text).map_err(|reason| SourceError::Format {
        path: path.to_owned(),
        reason,
    })?;
    Ok(Sheet {
        source: path.display().to_string().into(),
        name: None,
        first_row: 1,
        rows,
        long_numbers: Vec::new(),
    })
}

/// Splits decoded delimited text into trimmed cells, guessing the delimiter. Row `i` is the row
/// `i + 1` Excel and WPS show: a blank line is an empty row, a cell may span lines, and line ends
/// may be CRLF (the csv crate skips blank lines and counts lines, not rows).
pub fn parse_rows(text: &str) -> Result<Vec<Vec<String>>, String> {
    let delimiter = guess_delimiter(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let bytes = text.as_bytes();
    let mut rows = Vec::new();
    // Where the last record started, and the line ends inside its cells.
    let (mut last_start, mut inside) = (0, None);
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| format!("第{}条记录无法解析: {e}", i + 1))?;
        // After a CRLF the csv crate puts the record at the LF: its first cell starts later.
        let mut start = record
            .position()
            .map_or(last_start, |p| {
                usize::try_from(p.byte()).unwrap_or(usize::MAX)
            })
            .clamp(last_start, bytes.len());
        while matches!(bytes.get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        // The line ends since the last record started: those inside its cells, the one that
        // ended it, and one for each blank line.
        let ends = memchr::memchr_iter(b'\n', &bytes[last_start..start]).count();
        let blank = inside.map_or(ends, |inside: usize| ends.saturating_sub(inside + 1));
        rows.extend(std::iter::repeat_with(Vec::new).take(blank));
        inside = Some(
            record
                .iter()
                .map(|c| memchr::memchr_iter(b'\n', c.as_bytes()).count())
                .sum(),
        );
        rows.push(record.iter().map(|c| c.trim().to_owned()).collect());
        last_start = start;
    }
    Ok(rows)
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
mod tests {
    use super::*;

    #[test]
    fn detects_gbk_and_bom() {
        let (gbk, _, _) = GBK.encode("实施编码,事项名称\n1,食品经营许可（新办）\n");
        let (text, enc) = decode(&gbk);
        assert_eq!(enc, GB18030);
        assert!(text.contains("食品经营许可（新办）"));
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice("实施编码".as_bytes());
        let (text, enc) = decode(&bom);
        assert_eq!((text.as_str(), enc), ("实施编码", UTF_8));
    }

    /// Row `i` is Excel's row `i + 1`, whatever the line ends, blank lines and cells over lines.
    #[test]
    fn rows_are_the_rows_excel_shows() {
        let first_cells = |text: &str| -> Vec<String> {
            let rows = parse_rows(text).unwrap();
            rows.iter()
                .map(|r| r.first().cloned().unwrap_or_default())
                .collect()
        };
        let lf = "实施编码,事项名称\n1134,食品经营许可\n1135,药品零售许可\n";
        assert_eq!(first_cells(lf), ["实施编码", "1134", "1135"]);
        assert_eq!(
            first_cells(&lf.replace('\n', "\r\n")),
            ["实施编码", "1134", "1135"]
        );
        // A title, a blank line, the header, a name over two lines (one row), two blank lines
        // and a last row without a line end: Excel shows rows 1 to 7.
        let text = "池州市事项清单\r\n\r\n实施编码,事项名称\r\n1134,\"食品经营许可\r\n（新办）\"\r\n\r\n\r\n1135,药品零售许可";
        assert_eq!(
            first_cells(text),
            ["池州市事项清单", "", "实施编码", "1134", "", "", "1135"]
        );
    }

    #[test]
    fn delimiter_ignores_a_title_row() {
        assert_eq!(
            guess_delimiter("池州市事项清单\n实施编码,事项名称\n1,2\n"),
            b','
        );
        assert_eq!(guess_delimiter("实施编码\t事项名称\n1\t2\n"), b'\t');
        assert_eq!(guess_delimiter("实施编码;事项名称\n1;2\n"), b';');
    }
}
