//! Opening and parsing a table file: CSV in any encoding the export reader takes, or a workbook
//! opened by what it holds (XLSX/XLS/ET/ODS, or an HTML table saved as `.xls`); the header row
//! found by its key column, the sheet by its name or that column, the rows numbered as Excel
//! shows them.
//!
//! Not here: the [`Table`] type and reading cells of it (`mod.rs`), the errors (`error`).

use std::path::Path;

use calamine::{Data, Reader};

use super::{Table, TableError};
use crate::model::text::normalize_label;
use crate::source::sheet::HEADER_SCAN_ROWS;

/// Reads a CSV or XLSX/XLS/ET/ODS table whose header row holds a column named one of `key`. The
/// file is opened by what it holds, as `check` opens exports ([`crate::source::xlsx::open`]): an
/// `.xlsx` saved under an `.xls` (or `.csv`) name, an HTML table or text saved as `.xls`, WPS's
/// `.et`. For a workbook: the sheet named `sheet` when there is one, otherwise the first sheet with
/// such a header, otherwise the first sheet. The header is the first of the first
/// [`HEADER_SCAN_ROWS`] non-empty rows that holds a `key` column (a title above it is skipped),
/// otherwise the first non-empty row.
pub fn read_table(path: &Path, sheet: Option<&str>, key: &[&str]) -> Result<Table, TableError> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let io = |source| TableError::Io {
        path: path.display().to_string(),
        source,
    };
    let mut head = [0u8; 8];
    let n =
        std::io::Read::read(&mut std::fs::File::open(path).map_err(io)?, &mut head).map_err(io)?;
    if matches!(ext.as_str(), "xlsx" | "xlsm" | "xls" | "et" | "ods")
        || crate::source::disguised::is_real_workbook(&head[..n])
    {
        read_workbook(path, sheet, key)
    } else {
        let bytes = std::fs::read(path).map_err(io)?;
        parse_csv(&path.display().to_string(), &bytes, key)
    }
}

/// Parses CSV bytes (any encoding and delimiter the export reader takes, rows numbered as Excel
/// shows them) into a table whose header holds a `key` column (see [`read_table`]).
pub fn parse_csv(source: &str, bytes: &[u8], key: &[&str]) -> Result<Table, TableError> {
    let (text, _) = crate::source::csv::decode(bytes);
    let rows = crate::source::csv::parse_rows(&text).map_err(|message| TableError::Csv {
        path: source.to_owned(),
        message,
    })?;
    Ok(Table::from_rows(source, None, numbered(1, rows), key))
}

/// Rows with their 1-based numbers, from `first`.
fn numbered(first: u64, rows: Vec<Vec<String>>) -> impl Iterator<Item = (u64, Vec<String>)> {
    (first..).zip(rows)
}

impl Table {
    /// The table of `rows`: the header found as [`read_table`] says, the non-empty rows below it.
    fn from_rows(
        source: &str,
        sheet: Option<String>,
        rows: impl Iterator<Item = (u64, Vec<String>)>,
        key: &[&str],
    ) -> Table {
        let rows: Vec<(u64, Vec<String>)> = rows
            .filter(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()))
            .collect();
        let header = rows
            .iter()
            .take(HEADER_SCAN_ROWS)
            .position(|(_, cells)| has_column(cells, key))
            .unwrap_or(0);
        let mut rows = rows.into_iter().skip(header);
        let headers = rows.next().map(|(_, cells)| cells).unwrap_or_default();
        Table {
            source: source.to_owned(),
            sheet,
            headers,
            rows: rows.collect(),
        }
    }
}

/// Whether a header row holds a column named one of `names`.
fn has_column(headers: &[String], names: &[&str]) -> bool {
    headers.iter().any(|h| {
        names
            .iter()
            .any(|n| normalize_label(n) == normalize_label(h))
    })
}

fn read_workbook(path: &Path, sheet: Option<&str>, key: &[&str]) -> Result<Table, TableError> {
    use crate::source::xlsx::{OpenFailure, Opened};
    let source = path.display().to_string();
    let err = |message: &str| TableError::Workbook {
        path: source.clone(),
        message: message.to_owned(),
    };
    // Every failure is said in Chinese with what to do, never in the library's English.
    let opened = crate::source::xlsx::open(path).map_err(|e| match e {
        OpenFailure::Io(e) => TableError::Io {
            path: source.clone(),
            source: e,
        },
        OpenFailure::Empty => err("文件是空的（0 字节），可能没有保存或发送完整，请让对方重新发送"),
        OpenFailure::TooLarge(size) => err(&format!(
            "文件过大（{size} 字节，上限 {} 字节），不像是本工具写出的清单或要读取的对照表",
            crate::source::MAX_INPUT_BYTES
        )),
        OpenFailure::Truncated | OpenFailure::BadZip(_) => err(
            "文件不完整或已损坏（不是完整的 Excel 文件，可能没有发送或下载完），请让对方重新发送",
        ),
        OpenFailure::Encrypted => {
            err("文件设置了打开密码，无法读取；请在 Excel/WPS 中取消密码后重新保存")
        }
        OpenFailure::Excel2003Xml => err(
            "这是 Excel 2003 XML 表格（“XML 电子表格”格式），请在 Excel/WPS 中打开后另存为 .xlsx 再试",
        ),
        OpenFailure::NotATable | OpenFailure::Corrupt { .. } => {
            err("文件损坏或不是 Excel/WPS 表格，请在 Excel/WPS 中打开后另存为 .xlsx 再试")
        }
    })?;
    let mut wb = match opened {
        Opened::Workbook(wb) => *wb,
        // An HTML table or text under a workbook's name: its tables are already read.
        Opened::Disguised(_, sheets) => {
            let tables: Vec<Table> = sheets
                .into_iter()
                .map(|s| {
                    let rows = numbered(s.first_row, s.rows);
                    Table::from_rows(&source, s.name.map(|n| n.to_string()), rows, key)
                })
                .collect();
            return pick(tables.into_iter().map(Ok), sheet, key)
                .unwrap_or_else(|| Err(err("文件中没有表格")));
        }
    };
    let names = wb.sheet_names();
    if names.is_empty() {
        return Err(err("工作簿中没有工作表"));
    }
    let mut read = |name: &str| -> Result<Table, TableError> {
        let range = wb.worksheet_range(name).map_err(|_| {
            err(&format!(
                "无法读取表「{name}」（文件可能已损坏），请另存为 .xlsx 再试"
            ))
        })?;
        let first_row = range.start().map_or(0, |(r, _)| u64::from(r)) + 1;
        let rows = range
            .rows()
            .map(|row| row.iter().map(cell_text).collect())
            .collect();
        Ok(Table::from_rows(
            &source,
            Some(name.to_owned()),
            numbered(first_row, rows),
            key,
        ))
    };
    // The named sheet is read first, so the others need not be.
    let order = names
        .iter()
        .position(|n| sheet.is_some_and(|s| n.trim() == s))
        .into_iter()
        .chain(0..names.len());
    pick(order.map(|i| read(&names[i])), sheet, key)
        .unwrap_or_else(|| Err(err("工作簿中没有工作表")))
}

/// Of the tables of a workbook (read lazily, in order): the one named `sheet`, otherwise the
/// first with a `key` column, otherwise the first (whose missing column is then reported with
/// its name). `None` when there is no table at all.
fn pick(
    tables: impl Iterator<Item = Result<Table, TableError>>,
    sheet: Option<&str>,
    key: &[&str],
) -> Option<Result<Table, TableError>> {
    let mut first = None;
    for table in tables {
        match table {
            Ok(t) if sheet.is_some_and(|s| t.sheet.as_deref().is_some_and(|n| n.trim() == s)) => {
                return Some(Ok(t));
            }
            Ok(t) if has_column(&t.headers, key) => return Some(Ok(t)),
            other => {
                first.get_or_insert(other);
            }
        }
    }
    first
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
