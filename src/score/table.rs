//! Reading the small tables assessors hand back — sample lists, review (复核) lists, unit mapping
//! files — from CSV (UTF-8 with or without BOM, or GBK as Excel saves it on Chinese Windows) or
//! XLSX, as header + rows with their spreadsheet row numbers, and [`FileIssue`], a bad row
//! reported with its place.

use std::path::Path;

use calamine::{Data, Reader};
use serde::{Deserialize, Serialize};

use crate::model::Provenance;
use crate::model::text::normalize_label;
use crate::source::sheet::HEADER_SCAN_ROWS;

/// The 实施编码 column of sample and review tables, under the names it goes by.
pub const CODE: &[&str] = &["实施编码", "事项编码"];

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
                    Table::from_rows(&source, s.name, rows, key)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_excel_turned_into_a_number_is_named_as_such() {
        assert!(unknown_code("1.13417E+30").contains("已被 Excel 转成科学计数法"));
        assert!(unknown_code("1.1341700003125E+30").contains("科学计数法"));
        assert_eq!(
            unknown_code("11341700MB1234567E3000104002000"),
            "实施编码 \"11341700MB1234567E3000104002000\" 不在报告中，已跳过"
        );
        assert!(!unknown_code("9999").contains("科学计数法"));
    }

    #[test]
    fn csv_with_bom_or_gbk_reads_the_same() {
        let utf8 = "\u{feff}实施编码,复核结果\n11341700MB1234567X3000104002000,驳回\n";
        let t = parse_csv("a.csv", utf8.as_bytes(), CODE).unwrap();
        assert_eq!(t.column(&["实施编码"]), Some(0));
        assert_eq!(
            t.rows,
            vec![(
                2,
                vec!["11341700MB1234567X3000104002000".into(), "驳回".into()]
            )]
        );
        let (gbk, _, _) = encoding_rs::GBK.encode(&utf8[3..]);
        let t2 = parse_csv("a.csv", &gbk, CODE).unwrap();
        assert_eq!(t2.rows, t.rows);
        assert_eq!(t2.issue(2, "x").place.to_string(), "a.csv 第2行");
    }

    /// Rows are numbered as Excel and WPS show them, whatever the line ends (they save CRLF on
    /// Windows): a blank line is a row, a cell over two lines is one.
    #[test]
    fn csv_rows_are_numbered_as_excel_shows_them() {
        let rows = |text: &str| -> Vec<u64> {
            let t = parse_csv("复核.csv", text.as_bytes(), CODE).unwrap();
            t.rows.iter().map(|r| r.0).collect()
        };
        let lf = "实施编码,复核结果\n1134,确认\n1135,驳回\n";
        assert_eq!(rows(lf), [2, 3]);
        assert_eq!(rows(&lf.replace('\n', "\r\n")), [2, 3]);
        let gaps =
            "实施编码,复核结果\r\n\r\n1134,确认\r\n1135,\"驳回\r\n（重复）\"\r\n1136,确认\r\n";
        assert_eq!(rows(gaps), [3, 4, 5]);
    }

    /// A title above the header (as assessors add to a printed list) is skipped: the header is
    /// the first row with the key column. Without one, the first row is the header, and the
    /// missing column is reported with where it was looked for.
    #[test]
    fn the_header_is_the_first_row_with_the_key_column() {
        let text = "池州市2026年实施清单复核表\n复核人：张三,日期：2026-11-27\n实施编码,规则,复核结果\n1134,B09,确认\n";
        let t = parse_csv("复核.csv", text.as_bytes(), CODE).unwrap();
        assert_eq!(t.headers, ["实施编码", "规则", "复核结果"]);
        assert_eq!(
            t.rows,
            [(4, vec!["1134".into(), "B09".into(), "确认".into()])]
        );
        let t = parse_csv(
            "复核.csv",
            "事项名称,复核结果\n食品经营许可,确认\n".as_bytes(),
            CODE,
        )
        .unwrap();
        assert_eq!(t.headers, ["事项名称", "复核结果"]);
        assert_eq!(
            t.require(CODE).unwrap_err().to_string(),
            "复核.csv 缺少「实施编码」列（表头在前 10 行中查找）"
        );
    }

    /// The named sheet when there is one; otherwise the first sheet with the key column (the
    /// fix list's 问题清单 renamed by the assessor), not the 汇总 sheet before it.
    #[test]
    fn a_renamed_sheet_is_found_by_its_key_column() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("整改清单-全部.xlsx");
        let mut wb = rust_xlsxwriter::Workbook::new();
        let summary = wb.add_worksheet().set_name("汇总").unwrap();
        summary.write(0, 0, "考核单位").unwrap();
        summary.write(1, 0, "贵池区").unwrap();
        let list = wb.add_worksheet().set_name("问题清单（复核）").unwrap();
        list.write(0, 0, "贵池区整改清单").unwrap();
        for (c, h) in ["实施编码", "规则", "复核结果"].iter().enumerate() {
            list.write(2, c as u16, *h).unwrap();
        }
        for (c, v) in ["1134", "B09", "驳回"].iter().enumerate() {
            list.write(3, c as u16, *v).unwrap();
        }
        wb.save(&path).unwrap();

        let t = read_table(&path, Some("问题清单"), CODE).unwrap();
        assert_eq!(t.sheet.as_deref(), Some("问题清单（复核）"));
        assert_eq!(
            t.rows,
            [(4, vec!["1134".into(), "B09".into(), "驳回".into()])]
        );
        let err = read_table(&path, None, &["考核单位类型"])
            .unwrap()
            .require(&["考核单位类型"])
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "{} 表「汇总」缺少「考核单位类型」列（表头在前 10 行中查找）",
                path.display()
            )
        );
    }

    /// A review list as the fix list writes it, saved to `path` whatever its name.
    fn write_review_xlsx(path: &Path) {
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet().set_name("问题清单").unwrap();
        for (c, h) in ["实施编码", "规则", "复核结果"].iter().enumerate() {
            ws.write(0, c as u16, *h).unwrap();
        }
        for (c, v) in ["11341721MB1234567X4000117035000", "M01", "驳回"]
            .iter()
            .enumerate()
        {
            ws.write(1, c as u16, *v).unwrap();
        }
        wb.save(path).unwrap();
    }

    /// Files are opened by what they hold, as `check` opens exports: an .xlsx saved under an
    /// `.xls` name (WPS 另存为, mail gateways) or a `.csv` name, and an HTML table saved as `.xls`.
    #[test]
    fn a_workbook_under_another_name_is_read_by_its_content() {
        let dir = tempfile::tempdir().unwrap();
        let expected = [(
            2,
            vec![
                "11341721MB1234567X4000117035000".to_owned(),
                "M01".to_owned(),
                "驳回".to_owned(),
            ],
        )];
        for name in ["复核（WPS另存）.xls", "复核.et", "复核.csv"] {
            let path = dir.path().join(name);
            write_review_xlsx(&path);
            let t = read_table(&path, Some("问题清单"), CODE).unwrap();
            assert_eq!(t.sheet.as_deref(), Some("问题清单"), "{name}");
            assert_eq!(t.rows, expected, "{name}");
        }
        let html = dir.path().join("对照表.xls");
        std::fs::write(
            &html,
            "<html><meta charset=\"utf-8\"><table><tr><td>实施主体</td><td>考核单位</td><td>类型</td></tr>\
             <tr><td>东至县市场监督管理局</td><td>东至县</td><td>县区</td></tr></table></html>",
        )
        .unwrap();
        let t = read_table(&html, None, &["实施主体"]).unwrap();
        assert_eq!(t.headers, ["实施主体", "考核单位", "类型"]);
        assert_eq!(t.rows[0].1[0], "东至县市场监督管理局");
        assert_eq!(
            t.place(2).to_string(),
            format!("{} 表「表1」第2行", html.display())
        );
    }

    /// A file that is no table at all, a damaged workbook and a cut-off one are refused in Chinese
    /// with what to do, never with the library's English.
    #[test]
    fn an_unreadable_workbook_is_refused_in_chinese() {
        let dir = tempfile::tempdir().unwrap();
        let good = dir.path().join("抽样清单.xlsx");
        write_review_xlsx(&good);
        let bytes = std::fs::read(&good).unwrap();
        let mut ole = crate::source::disguised::OLE_MAGIC.to_vec();
        ole.extend_from_slice(&[0u8; 600]);
        let cases: [(&str, Vec<u8>, &str); 3] = [
            (
                "抽样清单.xls",
                ole,
                "文件损坏或不是 Excel/WPS 表格，请在 Excel/WPS 中打开后另存为 .xlsx 再试",
            ),
            (
                "抽样清单（不完整）.xlsx",
                bytes[..bytes.len() / 2].to_vec(),
                "文件不完整或已损坏",
            ),
            (
                "图片.xls",
                b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec(),
                "文件损坏或不是 Excel/WPS 表格",
            ),
        ];
        for (name, content, expected) in cases {
            let path = dir.path().join(name);
            std::fs::write(&path, content).unwrap();
            let message = read_table(&path, None, CODE).unwrap_err().to_string();
            assert!(message.contains(expected), "{name}: {message}");
            assert!(
                !["error", "Error", "OLE", "Cfb", "Zip", "invalid"]
                    .iter()
                    .any(|w| message.contains(w)),
                "English library text in: {message}"
            );
        }
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

        let t = read_table(&path, None, CODE).unwrap();
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
