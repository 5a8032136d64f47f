//! Why a table file an assessor hands back cannot be used at all ([`TableError`]), and what
//! kind of list it was meant to be ([`ListKind`]), each said in Chinese with what to do.
//!
//! Not here: a bad row, which is reported and skipped ([`FileIssue`](super::FileIssue)).

use crate::source::sheet::HEADER_SCAN_ROWS;

/// A table file could not be read at all.
#[derive(Debug, thiserror::Error)]
pub enum TableError {
    /// Cannot read the file.
    #[error("无法读取 {path}: {}", crate::io_reason(.source))]
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
    #[error(
        "{path}{}缺少「{column}」列（表头在前 {HEADER_SCAN_ROWS} 行中查找）",
        .sheet.as_ref().map_or_else(|| " ".to_owned(), |s| format!(" 表「{s}」"))
    )]
    MissingColumn {
        /// The file.
        path: String,
        /// The sheet looked at, for a workbook.
        sheet: Option<String>,
        /// The column.
        column: String,
    },
    /// A unit's fix list was given as a review: it has the clerk's columns, not the assessor's.
    /// One rendered from a scored report has a 复核结果 column, which only shows the decisions
    /// made already: the message must not say the column is missing.
    #[error(
        "{path} 是发给单位的整改清单，{}：单位在「是否有异议」「异议理由」中提出的异议不是复核结论。请在 整改清单-全部.xlsx 的「复核结果」列填写「确认」或「驳回」（可参考各单位的异议），再用它运行 score --review",
        if *.shows_decisions {
            "其中的「复核结果」列只显示已有的复核结论，不能在单位的清单里复核"
        } else {
            "没有「复核结果」列"
        }
    )]
    UnitFixList {
        /// The file.
        path: String,
        /// The list has a 复核结果 column (rendered from a scored report).
        shows_decisions: bool,
    },
    /// A fix list (整改清单, findings.csv: one row per finding) given as a sample list: scoring
    /// its items would score only items with findings.
    #[error(
        "{path} 是整改清单（每条问题一行，列出的是有问题的事项），不是抽样清单：按它计分只算有问题的事项，出错率会偏高。请用 zwfw-audit sample 写出的抽样清单（默认在报告旁边的 sample.xlsx），未计分"
    )]
    FixListAsSample {
        /// The file.
        path: String,
    },
    /// A sample list (抽样清单: 抽样序号, 种子) given as the review: it names the items drawn,
    /// not decisions on findings.
    #[error(
        "{path} 是抽样清单（列出抽中的事项），不是复核文件：抽样清单请用 --sample 传入；--review 用填好「复核结果」列的 整改清单-全部.xlsx（或 findings.csv）"
    )]
    SampleAsReview {
        /// The file.
        path: String,
    },
    /// Not one row of a sample list or review file names an item of the report: the file is of
    /// another run (another export), and using it would score no unit or apply no decision.
    #[error(
        "{path} 中 {rows} 行的实施编码都不在报告中（如第 {first_row} 行 \"{first_code}\"），{}",
        if crate::model::text::looks_scientific(.first_code) {
            "实施编码已被 Excel 转成科学计数法，无法与报告对应：请用工具写出的 xlsx 文件，或导入 CSV 时把实施编码列设为文本".to_owned()
        } else {
            .kind.advice().to_owned()
        }
    )]
    ForeignList {
        /// The file.
        path: String,
        /// What the file is.
        kind: ListKind,
        /// Rows with a 实施编码.
        rows: usize,
        /// The first such row.
        first_row: u64,
        /// Its 实施编码.
        first_code: String,
    },
}

/// A file an assessor hands back, for [`TableError::ForeignList`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListKind {
    /// A sample list (`--sample`).
    Sample,
    /// A review file (`--review`).
    Review,
}

impl ListKind {
    /// What to do instead, in the message.
    fn advice(self) -> &'static str {
        match self {
            ListKind::Sample => {
                "没有一个事项可以计分：这份抽样清单可能是另一次运行（另一份导出）的。请用对这份报告运行 zwfw-audit sample 抽出的清单（默认写在报告旁边的 sample.xlsx），未计分"
            }
            ListKind::Review => {
                "没有一条复核结论可以采用：这份复核文件可能是另一次运行（另一份导出）的整改清单。请在与这份报告同一次运行写出的 整改清单-全部.xlsx 中复核，未计分"
            }
        }
    }
}
