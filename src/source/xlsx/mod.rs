//! Workbooks (.xlsx, .xlsm, .xls, .ods) through calamine: every sheet becomes a [`Sheet`] of cell
//! texts and the shared assembly in `sheet.rs` recognises items and child sheets.
//!
//! A sheet the workbook cannot give back, or a cell whose value it cannot, is said in Chinese
//! with its place (`damage.rs`); a damaged child sheet's list is unread for the workbook's items.
//!
//! A file with a workbook's name but not a workbook's signature (an HTML table or text saved as
//! `.xls`, common on platform back ends) is read through `disguised.rs` with an info notice.
//! [`open`], which tells these apart by content, also opens the tables assessors hand back
//! (sample, review and unit mapping files, `score::table`), so every input opens the same way.
//!
//! Cells come out as the text a person sees in Excel: whole numbers without `.0` and never in
//! scientific notation, other numbers to 15 significant digits, dates as `YYYY-MM-DD`.

use std::path::Path;
use std::sync::Arc;

use calamine::{Data, Dimensions, Reader as _, SheetVisible, Sheets, open_workbook_auto};

use super::biff;
use super::disguised::{self, Disguise};

mod cells;
mod damage;
use super::sheet::{self, Sheet};
use super::{MAX_INPUT_BYTES, Notice, NoticeLevel, Reader, Record, SourceError};
use crate::config::Labels;
use crate::model::Provenance;
use damage::{DamagedSheet, lost_cells_notice};

/// Reads a workbook; `labels` are the user's extra header synonyms.
#[derive(Debug, Default, Clone)]
pub struct XlsxReader {
    /// Extra header synonyms from the configuration.
    pub labels: Labels,
}

/// Limits on an input workbook's zip: generous for real exports (a province's workbook inflates
/// to a few hundred MB of XML), tight enough to refuse a bomb.
const INPUT_ZIP_LIMITS: crate::zipguard::ZipLimits = crate::zipguard::ZipLimits {
    max_entries: 10_000,
    max_total_bytes: 4 * 1024 * 1024 * 1024,
    max_ratio: 1000,
};

/// A file named like a workbook, opened by what it holds ([`open`]).
pub enum Opened {
    /// A real workbook (.xlsx/.xlsm/.ods, or the old binary .xls/.et), whatever its name.
    Workbook(Box<Sheets<std::io::BufReader<std::fs::File>>>),
    /// An HTML table or delimited text saved under a workbook's name, already read.
    Disguised(Disguise, Vec<Sheet>),
}

/// Why [`open`] could not open a file; each reader words it for its users (an export to export
/// again, a file handed back to send again). Never carries a library's English message.
#[derive(Debug)]
pub enum OpenFailure {
    /// The file cannot be read.
    Io(std::io::Error),
    /// The file has no bytes.
    Empty,
    /// The file is larger than [`MAX_INPUT_BYTES`] (its size).
    TooLarge(u64),
    /// Neither a workbook nor an HTML or text table.
    NotATable,
    /// An Excel 2003 XML workbook ("XML 电子表格"), which is not read: to save as `.xlsx`.
    Excel2003Xml,
    /// A zip archive whose end is missing: not downloaded, sent or copied in full.
    Truncated,
    /// A zip archive refused as a bomb, or broken: the Chinese reason.
    BadZip(String),
    /// A workbook with a password to open it.
    Encrypted,
    /// A workbook signature, but the workbook cannot be read (damaged); `et`: named `.et`.
    Corrupt {
        /// The file is named `.et` (WPS's own format, which calamine may refuse).
        et: bool,
    },
}

/// Opens a file named like a workbook by what it holds, not by its name: a zip (`PK`) is an
/// `.xlsx` (or `.ods`), an OLE container an `.xls`/`.et`, anything else is read as an HTML table or
/// delimited text (`disguised.rs`). Used by the export reader and by the tables assessors hand
/// back (`score::table`), so both open the same files.
pub fn open(path: &Path) -> Result<Opened, OpenFailure> {
    let size = std::fs::metadata(path).map_err(OpenFailure::Io)?.len();
    if size == 0 {
        return Err(OpenFailure::Empty);
    }
    if size > MAX_INPUT_BYTES {
        return Err(OpenFailure::TooLarge(size));
    }
    let mut head = [0u8; 8];
    let n = std::io::Read::read(
        &mut std::fs::File::open(path).map_err(OpenFailure::Io)?,
        &mut head,
    )
    .map_err(OpenFailure::Io)?;
    let head = &head[..n];
    if !disguised::is_real_workbook(head) {
        let bytes = std::fs::read(path).map_err(OpenFailure::Io)?;
        if disguised::is_excel_2003_xml(&bytes) {
            return Err(OpenFailure::Excel2003Xml);
        }
        let source = path.display().to_string();
        return disguised::sheets(&bytes, &source)
            .map(|(kind, sheets)| Opened::Disguised(kind, sheets))
            .ok_or(OpenFailure::NotATable);
    }
    if head.starts_with(b"PK") {
        // .xlsx/.xlsm/.ods are zip archives: refuse a zip bomb before calamine inflates it.
        let file = std::fs::File::open(path).map_err(OpenFailure::Io)?;
        match zip::ZipArchive::new(std::io::BufReader::new(file)) {
            Ok(mut archive) => {
                INPUT_ZIP_LIMITS
                    .check(&mut archive)
                    .map_err(OpenFailure::BadZip)?;
            }
            Err(e) if e.to_string().contains("EOCD") => return Err(OpenFailure::Truncated),
            Err(_) => {
                return Err(OpenFailure::BadZip(
                    "压缩结构损坏（文件不完整或已损坏）".to_owned(),
                ));
            }
        }
    }
    let et = path
        .extension()
        .is_some_and(|x| x.eq_ignore_ascii_case("et"));
    if head.starts_with(&disguised::OLE_MAGIC) {
        // An old workbook whose sheets ask for more than the format holds is damaged; calamine
        // would try to allocate it and abort the whole run (`biff`).
        let file = std::fs::File::open(path).map_err(OpenFailure::Io)?;
        if let Some(stream) = biff::workbook_stream(std::io::BufReader::new(file), size)
            && !biff::bounded(&stream, biff::EXPORT)
        {
            return Err(OpenFailure::Corrupt { et });
        }
    }
    open_by_content(path, head)
        .map(|workbook| Opened::Workbook(Box::new(workbook)))
        .map_err(|e| {
            if e.to_string().contains("password") || is_encrypted_package(path) {
                OpenFailure::Encrypted
            } else {
                OpenFailure::Corrupt { et }
            }
        })
}

impl OpenFailure {
    /// The failure as the export reader reports it.
    fn into_source_error(self, path: &Path) -> SourceError {
        let format = |reason: String| SourceError::Format {
            path: path.to_owned(),
            reason,
        };
        match self {
            OpenFailure::Io(source) => SourceError::Io {
                path: path.to_owned(),
                source,
            },
            OpenFailure::Empty => SourceError::Empty {
                path: path.to_owned(),
            },
            OpenFailure::TooLarge(size) => {
                format(format!("文件过大（{size} 字节，上限 {MAX_INPUT_BYTES} 字节）"))
            }
            OpenFailure::NotATable => format(
                "不是 Excel/WPS 工作簿，也不是网页表格或文本表格（文件可能已损坏）".to_owned(),
            ),
            OpenFailure::Excel2003Xml => format(
                "这是 Excel 2003 XML 表格（“XML 电子表格”格式另存为 .xls），本工具不直接读取；请在 Excel/WPS 中打开后另存为 .xlsx 再检查"
                    .to_owned(),
            ),
            OpenFailure::Truncated => format(
                "文件不完整（压缩包的结尾缺失，可能没有下载或复制完），请重新导出".to_owned(),
            ),
            OpenFailure::BadZip(reason) => format(reason),
            OpenFailure::Encrypted => format(
                "文件设置了打开密码，无法读取；请在 Excel/WPS 中取消密码后重新保存".to_owned(),
            ),
            OpenFailure::Corrupt { et: true } => format(
                "无法读取这个 WPS 表格（.et）文件；请在 WPS 中“另存为” Excel 工作簿（.xlsx）后再检查"
                    .to_owned(),
            ),
            OpenFailure::Corrupt { et: false } => format(
                "无法作为工作簿打开（文件损坏或不是 Excel/WPS 表格），请在 Excel/WPS 中打开后另存为 .xlsx 再检查"
                    .to_owned(),
            ),
        }
    }
}

impl Reader for XlsxReader {
    fn read(&self, path: &Path, sink: &mut dyn FnMut(Record)) -> Result<(), SourceError> {
        let source = path.display().to_string();
        let mut workbook = match open(path).map_err(|e| e.into_source_error(path))? {
            Opened::Workbook(workbook) => *workbook,
            Opened::Disguised(kind, sheets) => {
                sink(Record::Notice(Notice {
                    level: NoticeLevel::Info,
                    provenance: Provenance::file(source.as_str()),
                    message: format!(
                        "文件 {source} 实际是{}，已按表格读取",
                        match kind {
                            Disguise::Html => "网页表格（HTML）",
                            Disguise::Text => "文本表格（以分隔符分列）",
                        }
                    ),
                }));
                sheet::assemble(sheets, &self.labels, sink);
                return Ok(());
            }
        };
        let hidden: Vec<String> = workbook
            .sheets_metadata()
            .iter()
            .filter(|m| m.visible != SheetVisible::Visible)
            .map(|m| m.name.clone())
            .collect();
        let mut sheets = Vec::new();
        // The child lists of the sheets that could not be read.
        let mut unread = crate::model::UnreadLists::default();
        // One file name for every sheet and record of the workbook.
        let shared_source: Arc<str> = source.as_str().into();
        for name in workbook.sheet_names() {
            // A hidden sheet is an old copy or a lookup list more often than data: reading it
            // checked every item twice.
            if hidden.contains(&name) {
                sink(Record::Notice(Notice {
                    level: NoticeLevel::Info,
                    provenance: Provenance {
                        sheet: Some(name.as_str().into()),
                        ..Provenance::file(source.as_str())
                    },
                    message: format!(
                        "表「{name}」是隐藏的工作表，未读取（要检查它，请在 Excel/WPS 中取消隐藏）"
                    ),
                }));
                continue;
            }
            let merged = merged_regions(&mut workbook, &name);
            match cells::read(&mut workbook, &name) {
                Ok(cells) => {
                    if !cells.lost.is_empty() {
                        sink(Record::Notice(lost_cells_notice(
                            &source,
                            &name,
                            &cells.lost,
                        )));
                    }
                    let mut rows = cells.rows;
                    fill_merged_down(&mut rows, cells.first_row, &merged);
                    sheets.push(Sheet {
                        source: Arc::clone(&shared_source),
                        name: Some(name.into()),
                        first_row: cells.first_row,
                        rows,
                        long_numbers: cells.long_numbers,
                        uncomputed: cells.uncomputed,
                    });
                }
                Err(damaged) => {
                    let damaged =
                        DamagedSheet::new(name, damaged.why, damaged.partial, &self.labels);
                    sink(Record::Notice(damaged.notice(&source)));
                    unread = unread.or(damaged.unread());
                }
            }
        }
        // The lists of a damaged sheet are unread, not empty, for every item of the workbook.
        sheet::assemble_read_in_part(sheets, &self.labels, unread, sink);
        Ok(())
    }
}

/// The text a person sees in the cell.
pub fn cell_text(data: &Data) -> String {
    match data {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.trim().to_owned(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number_text(*f),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_owned(),
        Data::DateTime(dt) => {
            let serial = dt.as_f64();
            let (y, mo, d, h, mi, s, _) = dt.to_ymd_hms_milli();
            if dt.is_duration() || (0.0..1.0).contains(&serial) {
                if s == 0 {
                    format!("{h:02}:{mi:02}")
                } else {
                    format!("{h:02}:{mi:02}:{s:02}")
                }
            } else if (h, mi, s) == (0, 0, 0) {
                format!("{y:04}-{mo:02}-{d:02}")
            } else {
                format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}")
            }
        }
        Data::Error(e) => e.to_string(),
    }
}

/// Whether a file is an Office document encrypted with a password to open it: Excel and WPS save
/// such an `.xlsx` as an OLE container holding an `EncryptedPackage` stream (MS-OFFCRYPTO), which
/// calamine reports only as a missing `Workbook` stream. The stream's name is looked for in the
/// file's bytes (UTF-16, as the container's directory stores it); only called once opening failed.
fn is_encrypted_package(path: &Path) -> bool {
    let name: Vec<u8> = "EncryptedPackage"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    std::fs::read(path).is_ok_and(|bytes| {
        bytes.starts_with(&disguised::OLE_MAGIC) && bytes.windows(name.len()).any(|w| w == name)
    })
}

/// Whether a cell is a whole number of eight digits or more: what a phone with its area code
/// (`0566-12345` is `56612345`) or a code becomes when typed into a number cell (see
/// `sheet::numbers`).
fn is_long_number(data: &Data) -> bool {
    match data {
        Data::Int(i) => i.unsigned_abs() >= 10_000_000,
        Data::Float(f) => f.abs() >= 1e7 && f.fract() == 0.0,
        _ => false,
    }
}

/// Opens a workbook by what it is, not by its name: platforms and clerks rename `.xlsx` files to
/// `.xls` (a zip archive, `PK`), which calamine would open as the old binary format and refuse.
fn open_by_content(
    path: &Path,
    head: &[u8],
) -> Result<Sheets<std::io::BufReader<std::fs::File>>, calamine::Error> {
    let ods = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("ods"));
    if head.starts_with(b"PK") && !ods {
        return calamine::open_workbook(path)
            .map(Sheets::Xlsx)
            .map_err(calamine::Error::Xlsx);
    }
    // The old binary format, whatever the name: `.xls`, WPS's `.et` (the same container; WPS
    // writes its own records into some, which calamine may refuse).
    if head.starts_with(&disguised::OLE_MAGIC) {
        return calamine::open_workbook(path)
            .map(Sheets::Xls)
            .map_err(calamine::Error::Xls);
    }
    open_workbook_auto(path)
}

/// The merged cell ranges of a sheet (Excel and old Excel; none for others or when unreadable).
fn merged_regions<RS: std::io::Read + std::io::Seek>(
    workbook: &mut Sheets<RS>,
    name: &str,
) -> Vec<Dimensions> {
    match workbook {
        Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
        Sheets::Xls(x) => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
        _ => Vec::new(),
    }
}

/// Fills each cell a vertical merge covers with the merged value, in the merge's first column: a
/// unit or 实施主体 merged over its items' rows is each item's, as Excel shows it (the file keeps
/// the value in the top cell only). Merges within one row (titles, grouped headers) stay as they
/// are. `rows[0]` is spreadsheet row `first_row` (1-based); columns are absolute.
fn fill_merged_down(rows: &mut [Vec<String>], first_row: u64, merged: &[Dimensions]) {
    let first = first_row.saturating_sub(1);
    for m in merged.iter().filter(|m| m.end.0 > m.start.0) {
        let col = m.start.1 as usize;
        let at = |r: u32| usize::try_from(u64::from(r).checked_sub(first)?).ok();
        let Some(value) = at(m.start.0)
            .and_then(|r| rows.get(r))
            .and_then(|row| row.get(col))
            .filter(|v| !v.is_empty())
            .cloned()
        else {
            continue;
        };
        for r in m.start.0 + 1..=m.end.0 {
            let Some(row) = at(r).and_then(|r| rows.get_mut(r)) else {
                continue;
            };
            if row.len() <= col {
                row.resize(col + 1, String::new());
            }
            if row[col].is_empty() {
                row[col].clone_from(&value);
            }
        }
    }
}

/// A number as Excel shows it in a General cell: integers in full, others to 15 significant digits.
pub fn number_text(f: f64) -> String {
    if !f.is_finite() {
        return f.to_string();
    }
    if f.fract() == 0.0 && f.abs() < 1e15 {
        return format!("{}", f as i64);
    }
    // Round to 15 significant digits (what Excel stores and shows), then print without exponent.
    let rounded: f64 = format!("{f:.14e}").parse().unwrap_or(f);
    format!("{rounded}")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Should be refused (as a damaged workbook, not an abort): an `.xls` export whose sheet
    /// claims 4 billion rows; calamine would try to allocate them and end the whole run. Its
    /// real twin is read.
    #[test]
    fn an_old_workbook_that_claims_more_than_the_format_holds_is_refused() {
        use super::super::biff::fixtures::{compound, records};
        let real: &[u8] = include_bytes!("../../../fixtures/attachments/sample-licence.xls");
        let stream = biff::workbook_stream(std::io::Cursor::new(real), real.len() as u64).unwrap();
        let mut dims = Vec::new();
        for v in [0u32, u32::MAX - 1] {
            dims.extend_from_slice(&v.to_le_bytes());
        }
        dims.extend_from_slice(&[0, 0, 2, 0, 0, 0]);
        let patched: Vec<(u16, Vec<u8>)> = records(&stream)
            .into_iter()
            .map(|(typ, data)| {
                if typ == 0x0200 {
                    (typ, dims.clone())
                } else {
                    (typ, data)
                }
            })
            .collect();
        let dir = tempfile::tempdir().unwrap();
        let damaged = dir.path().join("事项导出.xls");
        std::fs::write(&damaged, compound(&patched)).unwrap();
        let err = XlsxReader::default()
            .read(&damaged, &mut |_| {})
            .unwrap_err()
            .to_string();
        assert!(err.contains("无法作为工作簿打开"), "{err}");
        assert!(err.contains("事项导出.xls"), "{err}");

        let good = dir.path().join("样本.xls");
        std::fs::write(&good, compound(&records(&stream))).unwrap();
        assert!(matches!(open(&good), Ok(Opened::Workbook(_))));
    }

    #[test]
    fn numbers_read_as_people_see_them() {
        assert_eq!(number_text(15.0), "15");
        assert_eq!(number_text(104_002_000.0), "104002000");
        assert_eq!(number_text(113_417_000_031_234.0), "113417000031234");
        assert_eq!(number_text(0.1 + 0.2), "0.3");
        assert_eq!(number_text(2.5), "2.5");
        assert_eq!(number_text(1e20), "100000000000000000000");
        assert_eq!(cell_text(&Data::Float(15.0)), "15");
        assert_eq!(
            cell_text(&Data::String(" 000104002000 ".into())),
            "000104002000"
        );
    }
}
