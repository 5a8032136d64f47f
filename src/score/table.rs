//! Reading the small tables assessors hand back — sample lists, review (复核) lists, unit mapping
//! files — from CSV (UTF-8 with or without BOM, or GBK as Excel saves it on Chinese Windows) or
//! XLSX, as header + rows with their spreadsheet row numbers, and [`FileIssue`], a bad row
//! reported with its place.

use std::path::Path;

use calamine::{Data, Reader};
use serde::{Deserialize, Serialize};

use crate::model::Provenance;
use crate::model::text::normalize_label;

/// A table file could not be read at all.
#[derive(Debug, thiserror::Error)]
pub enum TableError {
    /// Cannot read the file.
    #[error("无法读取 {path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
    /// The workbook cannot be opened or has no usable sheet.
    #[error("无法读取工作簿 {path}: {message}")]
    Workbook {
        /// The file.
        path: String,
        /// What is wrong.
        message: String,
    },
    /// The CSV cannot be parsed.
    #[error("无法解析 CSV 文件 {path}: {message}")]
    Csv {
        /// The file.
        path: String,
        /// What is wrong.
        message: String,
    },
    /// A required column is missing.
    #[error("{path} 缺少「{column}」列")]
    MissingColumn {
        /// The file.
        path: String,
        /// The column.
        column: String,
    },
}

/// One bad row of a file handed back by an assessor: reported, skipped, and the run goes on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileIssue {
    /// File, sheet and row.
    pub place: Provenance,
    /// What is wrong, in Chinese.
    pub message: String,
}

impl FileIssue {
    /// The issue as a report notice (a warning: the row was not used, the run went on).
    pub fn to_notice(&self) -> crate::source::Notice {
        crate::source::Notice {
            level: crate::source::NoticeLevel::Warning,
            provenance: self.place.clone(),
            message: self.message.clone(),
        }
    }
}

/// A table read from a file: header and data rows.
#[derive(Debug, Clone, Default)]
pub struct Table {
    /// The file.
    pub source: String,
    /// The sheet, for a workbook.
    pub sheet: Option<String>,
    /// Header cells as written.
    pub headers: Vec<String>,
    /// Data rows with their 1-based row (line) numbers.
    pub rows: Vec<(u64, Vec<String>)>,
}

impl Table {
    /// The index of the first column whose normalised header is one of `names`.
    pub fn column(&self, names: &[&str]) -> Option<usize> {
        let wanted: Vec<String> = names.iter().map(|n| normalize_label(n)).collect();
        self.headers
            .iter()
            .position(|h| wanted.contains(&normalize_label(h)))
    }

    /// Like [`Table::column`], but a missing column is an error naming `names[0]`.
    pub fn require(&self, names: &[&str]) -> Result<usize, TableError> {
        self.column(names).ok_or_else(|| TableError::MissingColumn {
            path: self.source.clone(),
            column: names[0].to_owned(),
        })
    }

    /// Where row `row` is, for an issue.
    pub fn place(&self, row: u64) -> Provenance {
        match &self.sheet {
            Some(s) => Provenance::sheet_row(&self.source, s, row),
            None => Provenance::row(&self.source, row),
        }
    }

    /// An issue at row `row`.
    pub fn issue(&self, row: u64, message: impl Into<String>) -> FileIssue {
        FileIssue {
            place: self.place(row),
            message: message.into(),
        }
    }
}

/// The trimmed cell `col` of a row (empty when the row is short or the column absent).
pub fn cell(row: &[String], col: Option<usize>) -> &str {
    col.and_then(|c| row.get(c)).map_or("", |s| s.trim())
}

/// Reads a CSV or XLSX/XLS/ODS table. For a workbook, the sheet named `sheet` when present,
/// otherwise the first. The header is the first non-empty row.
pub fn read_table(path: &Path, sheet: Option<&str>) -> Result<Table, TableError> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    if matches!(ext.as_str(), "xlsx" | "xlsm" | "xls" | "ods") {
        read_workbook(path, sheet)
    } else {
        let bytes = std::fs::read(path).map_err(|source| TableError::Io {
            path: path.display().to_string(),
            source,
        })?;
        parse_csv(&path.display().to_string(), &bytes)
    }
}

/// Decodes CSV bytes: UTF-8 (BOM stripped) when valid, otherwise the encoding chardetng guesses
/// (GBK/GB18030 for Excel on Chinese Windows).
pub fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(s) = std::str::from_utf8(bytes) {
        return s.to_owned();
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(bytes, true);
    let enc = det.guess(Some(b"cn"), chardetng::Utf8Detection::Deny);
    enc.decode(bytes).0.into_owned()
}

/// Parses CSV bytes into a table.
pub fn parse_csv(source: &str, bytes: &[u8]) -> Result<Table, TableError> {
    let text = decode(bytes);
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut table = Table {
        source: source.to_owned(),
        ..Table::default()
    };
    for rec in rdr.records() {
        let rec = rec.map_err(|e| TableError::Csv {
            path: source.to_owned(),
            message: e.to_string(),
        })?;
        let line = rec.position().map_or(0, csv::Position::line);
        let cells: Vec<String> = rec.iter().map(str::to_owned).collect();
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if table.headers.is_empty() {
            table.headers = cells;
        } else {
            table.rows.push((line, cells));
        }
    }
    Ok(table)
}

fn read_workbook(path: &Path, sheet: Option<&str>) -> Result<Table, TableError> {
    let err = |message: String| TableError::Workbook {
        path: path.display().to_string(),
        message,
    };
    let mut wb = calamine::open_workbook_auto(path).map_err(|e| err(e.to_string()))?;
    let names = wb.sheet_names();
    let name = sheet
        .and_then(|s| names.iter().find(|n| n.trim() == s))
        .or_else(|| names.first())
        .cloned()
        .ok_or_else(|| err("工作簿中没有工作表".to_owned()))?;
    let range = wb.worksheet_range(&name).map_err(|e| err(e.to_string()))?;
    let first_row = range.start().map_or(0, |(r, _)| u64::from(r));
    let mut table = Table {
        source: path.display().to_string(),
        sheet: Some(name),
        ..Table::default()
    };
    for (i, row) in range.rows().enumerate() {
        let cells: Vec<String> = row.iter().map(cell_text).collect();
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let row_no = first_row + i as u64 + 1;
        if table.headers.is_empty() {
            table.headers = cells;
        } else {
            table.rows.push((row_no, cells));
        }
    }
    Ok(table)
}

/// A cell as the export reader shows it ([`crate::source::xlsx::cell_text`]: trimmed, numbers
/// as Excel shows them, dates as dates), except that TRUE and FALSE read as 是 and 否: an
/// assessor's checkbox column (复核结果, 是否确认) means yes or no.
fn cell_text(d: &Data) -> String {
    match d {
        Data::Bool(b) => if *b { "是" } else { "否" }.to_owned(),
        other => crate::source::xlsx::cell_text(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_with_bom_or_gbk_reads_the_same() {
        let utf8 = "\u{feff}实施编码,复核结果\n11341700MB1234567X3000104002000,驳回\n";
        let t = parse_csv("a.csv", utf8.as_bytes()).unwrap();
        assert_eq!(t.column(&["实施编码"]), Some(0));
        assert_eq!(
            t.rows,
            vec![(
                2,
                vec!["11341700MB1234567X3000104002000".into(), "驳回".into()]
            )]
        );
        let (gbk, _, _) = encoding_rs::GBK.encode(&utf8[3..]);
        let t2 = parse_csv("a.csv", &gbk).unwrap();
        assert_eq!(t2.rows, t.rows);
        assert_eq!(t2.issue(2, "x").place.to_string(), "a.csv 第2行");
    }

    #[test]
    fn workbook_cells_read_as_the_export_reader_shows_them_and_checkboxes_as_yes_no() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("复核.xlsx");
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet();
        for (c, h) in ["实施编码", "是否确认", "复核日期", "扣分"]
            .iter()
            .enumerate()
        {
            ws.write(0, c as u16, *h).unwrap();
        }
        ws.write(1, 0, " 11341700MB1234567X3000104002000 ").unwrap();
        ws.write(1, 1, true).unwrap();
        let date = rust_xlsxwriter::ExcelDateTime::from_ymd(2026, 11, 27).unwrap();
        let format = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
        ws.write_datetime_with_format(1, 2, &date, &format).unwrap();
        ws.write(1, 3, 0.1 + 0.2).unwrap();
        ws.write(2, 0, 3_000_104_002_000_f64).unwrap();
        ws.write(2, 1, false).unwrap();
        wb.save(&path).unwrap();

        let t = read_table(&path, None).unwrap();
        assert_eq!(t.headers, ["实施编码", "是否确认", "复核日期", "扣分"]);
        assert_eq!(
            t.rows[0],
            (
                2,
                vec![
                    "11341700MB1234567X3000104002000".to_owned(),
                    "是".to_owned(),
                    "2026-11-27".to_owned(),
                    "0.3".to_owned(),
                ]
            )
        );
        assert_eq!(t.rows[1].1[..2], ["3000104002000", "否"]);
    }
}
