//! Everything that produces items: export readers (JSON/NDJSON here; XLSX and CSV through the
//! shared sheet assembly) and, later, the crawler — all behind one [`Reader`] trait.
//!
//! [`read_inputs_with`] reads a run's inputs: a folder stands for the supported files in it, all
//! CSV files of the run form one workbook (one file per sheet), and an item code seen twice is
//! reported with both places (both items are still checked).
//!
//! A reader pushes [`Record`]s into a sink: an item, an unreadable record with its reason, or a
//! notice. A bad row is a record, not an error; only a file that cannot be opened at all is a
//! [`SourceError`], and even that is reported and the run goes on with the other inputs.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::config::Labels;
use crate::model::{Item, Provenance};

pub(crate) mod biff;
pub(crate) mod chunks;
pub mod crawl;
pub mod csv;
pub mod disguised;
mod duplicates;
pub mod json;
pub(crate) mod json_array;
pub(crate) mod json_error;
pub(crate) mod json_labels;
pub(crate) mod json_outline;
pub(crate) mod listed_materials;
pub mod own_output;
pub mod sheet;
pub mod xlsx;

pub(crate) use duplicates::{ByHash, hash_bytes};
pub use duplicates::{DUPLICATE_CODE, DuplicateCodes, ROUNDED_CODE};

/// The largest input file read (bytes): larger files are reported, not read.
pub const MAX_INPUT_BYTES: u64 = 200 * 1024 * 1024;

/// File extensions the readers handle.
pub const SUPPORTED_EXTENSIONS: &[&str] = &[
    "json", "ndjson", "jsonl", "xlsx", "xlsm", "xls", "et", "ods", "csv", "tsv", "txt",
];

/// Extensions of delimited text, read like CSV: `.txt` is what Excel and WPS save as "文本文件
/// （制表符分隔）" or "Unicode 文本" (UTF-16 with a BOM).
const TEXT_TABLE_EXTENSIONS: &[&str] = &["csv", "tsv", "txt"];

/// How serious a notice is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum NoticeLevel {
    /// For information (an ignored sheet).
    Info,
    /// Something was skipped or guessed.
    Warning,
    /// Something could not be read.
    Error,
}

/// A message about the input, with its place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notice {
    /// How serious it is.
    pub level: NoticeLevel,
    /// Where.
    pub provenance: Provenance,
    /// What, in Chinese.
    pub message: String,
}

/// An input record that could not be read as an item: it still appears in the report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Unreadable {
    /// Where the record is.
    pub provenance: Provenance,
    /// Why it could not be read, in Chinese.
    pub reason: String,
    /// 实施编码, when it could be made out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// 事项名称, when it could be made out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The record's text elements that could be made out (考核单位, 实施主体, 行政区划代码 …),
    /// so that the record is listed under its unit, whose clerk must fix it.
    #[serde(skip)]
    pub partial: Option<Box<crate::model::Item>>,
}

/// What a reader produces.
#[derive(Debug, Clone, PartialEq)]
pub enum Record {
    /// A readable item.
    Item(Box<Item>),
    /// A record that is not a readable item.
    Unreadable(Unreadable),
    /// A message about the input.
    Notice(Notice),
}

/// A whole input could not be read.
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    /// The file could not be opened or read.
    #[error("无法读取文件 {path}: {}", crate::io_reason(.source))]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The file is not of the format its name says.
    #[error("文件 {path} 格式错误: {reason}")]
    Format {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        reason: String,
    },
    /// The file has no bytes at all: an export that has not finished, or a copy that failed.
    #[error("文件 {path} 是空的（0 字节），可能导出还没完成，请重新导出")]
    Empty {
        /// The file.
        path: PathBuf,
    },
    /// The path is not there: said before anything about its kind, with the name in its folder
    /// that it likely misspells (`事项.josn` for `事项.json`).
    #[error("无法读取文件 {path}: 文件或文件夹不存在{}", .near.as_ref().map(|n| format!("（是不是 {}？）", n.display())).unwrap_or_default())]
    Missing {
        /// The file.
        path: PathBuf,
        /// The name in the same folder it likely misspells.
        near: Option<PathBuf>,
    },
    /// No reader handles this kind of file.
    #[error(
        "不支持的文件类型: {path}（支持 .json .ndjson .jsonl .xlsx .xlsm .xls .et .ods .csv .tsv .txt）"
    )]
    Unsupported {
        /// The file.
        path: PathBuf,
    },
}

impl SourceError {
    /// [`SourceError::Empty`] when the file of `len` bytes has none.
    pub(crate) fn refuse_empty(path: &Path, len: u64) -> Result<(), Self> {
        if len == 0 {
            return Err(Self::Empty {
                path: path.to_owned(),
            });
        }
        Ok(())
    }
}

/// An input that was read without error but held no item at all (an empty JSON array, an NDJSON
/// file of blank lines, a table with a header and no rows): an error notice naming the file and
/// why, since a run that checks nothing must not look clean.
pub(crate) fn no_items_notice(source: &str, why: &str) -> Notice {
    Notice {
        level: NoticeLevel::Error,
        provenance: Provenance::file(source),
        message: format!("{source} 中没有事项（{why}），可能导出还没完成，请确认后重新导出"),
    }
}

/// Reads one kind of input.
pub trait Reader {
    /// Reads `path`, pushing every record into `sink`.
    fn read(&self, path: &Path, sink: &mut dyn FnMut(Record)) -> Result<(), SourceError>;
}

fn extension(path: &Path) -> String {
    path.extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase()
}

/// The reader for a file, by its extension, with the default header synonyms.
pub fn reader_for(path: &Path) -> Result<Box<dyn Reader>, SourceError> {
    reader_with_labels(path, &Labels::default())
}

/// The reader for a file, by its extension, with the user's extra header synonyms.
pub fn reader_with_labels(path: &Path, labels: &Labels) -> Result<Box<dyn Reader>, SourceError> {
    if crawl::output::is_crawl_dir(path) {
        return Ok(Box::new(crawl::output::CrawlDirReader {
            labels: labels.clone(),
        }));
    }
    match extension(path).as_str() {
        "json" | "ndjson" | "jsonl" => Ok(Box::new(json::JsonReader {
            labels: labels.clone(),
        })),
        "xlsx" | "xlsm" | "xls" | "et" | "ods" => Ok(Box::new(xlsx::XlsxReader {
            labels: labels.clone(),
        })),
        "csv" | "tsv" | "txt" => Ok(Box::new(csv::CsvReader {
            labels: labels.clone(),
        })),
        _ => Err(SourceError::Unsupported {
            path: path.to_owned(),
        }),
    }
}

/// Reads every input, in order, with the default header synonyms.
pub fn read_inputs(paths: &[PathBuf], sink: &mut dyn FnMut(Record)) {
    read_inputs_with(paths, &Labels::default(), sink);
}

/// Reads every input, in order. A folder stands for its supported files (sorted, not recursive);
/// all CSV files (and `.tsv`/`.txt` tables) form one workbook, read after the other inputs. A file that cannot be read
/// becomes an error notice and the run goes on with the others.
pub fn read_inputs_with(paths: &[PathBuf], labels: &Labels, sink: &mut dyn FnMut(Record)) {
    let mut duplicates = DuplicateCodes::default();
    let mut sink = |r: Record| {
        if let Some(notice) = duplicates.check(&r) {
            sink(Record::Notice(notice));
        }
        sink(r);
    };
    let (mut csv_sheets, mut cut_rows) = (Vec::new(), csv::CutRows::default());
    for path in expand(paths, &mut sink) {
        if TEXT_TABLE_EXTENSIONS.contains(&extension(&path).as_str()) {
            match csv::read_sheet(&path) {
                Ok((s, notices, cut)) => {
                    for notice in notices {
                        sink(Record::Notice(notice));
                    }
                    csv_sheets.push(s);
                    cut_rows.extend(cut);
                }
                Err(e) => sink(error_notice(&path, &e)),
            }
            continue;
        }
        let result = reader_with_labels(&path, labels).and_then(|r| r.read(&path, &mut sink));
        if let Err(e) = result {
            sink(error_notice(&path, &e));
        }
    }
    if !csv_sheets.is_empty() {
        csv::assemble(csv_sheets, cut_rows, labels, &mut sink);
    }
}

fn error_notice(path: &Path, e: &SourceError) -> Record {
    Record::Notice(Notice {
        level: NoticeLevel::Error,
        provenance: Provenance::file(path.display().to_string()),
        message: e.to_string(),
    })
}

/// The files a run's inputs stand for (every folder replaced by its supported files, as
/// [`read_inputs_with`] reads them), and the notices of folders that hold none or cannot be listed.
/// For the streaming check, which reads the files itself.
pub fn expand_inputs(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Notice>) {
    let mut notices = Vec::new();
    let files = expand(paths, &mut |r| {
        if let Record::Notice(n) = r {
            notices.push(n);
        }
    });
    (files, notices)
}

/// The inputs with every folder replaced by its supported files, each file once ([`once`]); a
/// path that is not there is said to be missing, whatever its name ends in.
fn expand(paths: &[PathBuf], sink: &mut dyn FnMut(Record)) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for path in paths {
        if std::fs::symlink_metadata(path).is_err_and(|e| e.kind() == std::io::ErrorKind::NotFound)
        {
            let near = near_name(path);
            sink(error_notice(
                path,
                &SourceError::Missing {
                    path: path.clone(),
                    near,
                },
            ));
            continue;
        }
        // A crawl's output folder is one input, read by its own reader.
        if !path.is_dir() || crawl::output::is_crawl_dir(path) {
            out.push(path.clone());
            continue;
        }
        match std::fs::read_dir(path) {
            Ok(entries) => {
                let mut files: Vec<PathBuf> = entries
                    .filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| {
                        p.is_file() && SUPPORTED_EXTENSIONS.contains(&extension(p).as_str())
                    })
                    .collect();
                files.sort();
                if files.is_empty() {
                    sink(Record::Notice(Notice {
                        level: NoticeLevel::Warning,
                        provenance: Provenance::file(path.display().to_string()),
                        message: format!(
                            "文件夹 {} 中没有可读取的文件（{}）",
                            path.display(),
                            SUPPORTED_EXTENSIONS.join(" ")
                        ),
                    }));
                }
                out.extend(files);
            }
            Err(source) => sink(error_notice(
                path,
                &SourceError::Io {
                    path: path.clone(),
                    source,
                },
            )),
        }
    }
    once(out, sink)
}

/// `files` with each file once: the same file named twice (`事项.json ./事项.json`, a repeated
/// `inputs` entry, a file beside its folder) was read twice and counted every item twice. The
/// repeat is said, for information; files are the same when their canonical paths are.
fn once(files: Vec<PathBuf>, sink: &mut dyn FnMut(Record)) -> Vec<PathBuf> {
    let mut seen: std::collections::HashMap<PathBuf, usize> = std::collections::HashMap::new();
    let mut out: Vec<PathBuf> = Vec::with_capacity(files.len());
    for path in files {
        let key = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
        if let Some(&first) = seen.get(&key) {
            let (again, first) = (path.display(), out[first].display());
            let message = if again.to_string() == first.to_string() {
                format!("{again} 在输入中写了不止一次，只读一次")
            } else {
                format!("{again} 与前面的 {first} 是同一个文件，只读一次")
            };
            sink(Record::Notice(Notice {
                level: NoticeLevel::Info,
                provenance: Provenance::file(path.display().to_string()),
                message,
            }));
            continue;
        }
        seen.insert(key, out.len());
        out.push(path);
    }
    out
}

/// The name beside `path` in its folder that `path` likely misspells, with the folder as written.
fn near_name(path: &Path) -> Option<PathBuf> {
    let typed = path.file_name()?.to_str()?;
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty());
    let names: Vec<String> = std::fs::read_dir(folder.unwrap_or(Path::new(".")))
        .ok()?
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .collect();
    let near = crate::near::nearest(typed, names.iter().map(String::as_str))?;
    Some(folder.map_or_else(|| PathBuf::from(near), |f| f.join(near)))
}
