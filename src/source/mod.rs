//! Everything that produces items: export readers (JSON/NDJSON here; XLSX and CSV through the
//! shared sheet assembly) and, later, the crawler — all behind one [`Reader`] trait.
//!
//! A reader pushes [`Record`]s into a sink: an item, an unreadable record with its reason, or a
//! notice. A bad row is a record, not an error; only a file that cannot be opened at all is a
//! [`SourceError`], and even that is reported and the run goes on with the other inputs.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::model::{Item, Provenance};

pub mod crawl;
pub mod json;

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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
    #[error("无法读取文件 {path}: {source}")]
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
    /// No reader handles this kind of file.
    #[error("不支持的文件类型: {path}（支持 .json .ndjson .jsonl .xlsx .xls .ods .csv）")]
    Unsupported {
        /// The file.
        path: PathBuf,
    },
}

/// Reads one kind of input.
pub trait Reader {
    /// Reads `path`, pushing every record into `sink`.
    fn read(&self, path: &Path, sink: &mut dyn FnMut(Record)) -> Result<(), SourceError>;
}

/// The reader for a file, by its extension (a folder holding a crawl's output is read as one).
pub fn reader_for(path: &Path) -> Result<Box<dyn Reader>, SourceError> {
    if crawl::output::is_crawl_dir(path) {
        return Ok(Box::new(crawl::output::CrawlDirReader));
    }
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    match ext.as_str() {
        "json" | "ndjson" | "jsonl" => Ok(Box::new(json::JsonReader)),
        _ => Err(SourceError::Unsupported {
            path: path.to_owned(),
        }),
    }
}

/// Reads every input, in order. A file that cannot be read becomes an error notice and the run goes
/// on with the others.
pub fn read_inputs(paths: &[PathBuf], sink: &mut dyn FnMut(Record)) {
    for path in paths {
        let result = reader_for(path).and_then(|r| r.read(path, sink));
        if let Err(e) = result {
            sink(Record::Notice(Notice {
                level: NoticeLevel::Error,
                provenance: Provenance::file(path.display().to_string()),
                message: e.to_string(),
            }));
        }
    }
}
