//! Reading the small tables assessors hand back — sample lists, review (复核) lists, unit mapping
//! files — from CSV (UTF-8 with or without BOM, or GBK as Excel saves it on Chinese Windows) or
//! XLSX, as header + rows with their spreadsheet row numbers, and [`FileIssue`], a bad row
//! reported with its place.
//!
//! This file holds [`Table`] (a file as read), [`FileIssue`] and the helpers the readers of sample,
//! review and mapping files share ([`cell`], [`unknown_code`]). Not here: why a file cannot be
//! read at all ([`TableError`], in `error`), opening and parsing the files (`read`), the unit
//! tests (`tests`). What the columns mean is each reader's business (`sample_file`, `review`,
//! `units`).

use serde::{Deserialize, Serialize};

use crate::model::Provenance;
use crate::model::text::normalize_label;

mod error;
mod read;
#[cfg(test)]
mod tests;

pub use error::{ListKind, TableError};
pub use read::{parse_csv, read_table};

/// The 实施编码 column of sample and review tables, under the names it goes by.
pub const CODE: &[&str] = &["实施编码", "事项编码"];

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
            sheet: self.sheet.clone(),
            column: names[0].to_owned(),
        })
    }

    /// Where row `row` is, for an issue.
    pub fn place(&self, row: u64) -> Provenance {
        match &self.sheet {
            Some(s) => Provenance::sheet_row(self.source.as_str(), s.as_str(), row),
            None => Provenance::row(self.source.as_str(), row),
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

/// Why a 实施编码 is not in the report, for the row's issue: a code Excel turned into a number
/// (`1.13417E+30`, after a CSV was opened by double-click and saved) is said to be one, since it
/// cannot be matched again.
pub fn unknown_code(code: &str) -> String {
    if crate::model::text::looks_scientific(code) {
        format!(
            "实施编码 \"{code}\" 已被 Excel 转成科学计数法，无法与报告对应，已跳过（请用整改清单 xlsx，或导入 CSV 时把实施编码列设为文本）"
        )
    } else {
        format!("实施编码 \"{code}\" 不在报告中，已跳过")
    }
}

/// The trimmed cell `col` of a row (empty when the row is short or the column absent).
pub fn cell(row: &[String], col: Option<usize>) -> &str {
    col.and_then(|c| row.get(c)).map_or("", |s| s.trim())
}
