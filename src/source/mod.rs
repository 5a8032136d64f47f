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

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::config::Labels;
use crate::model::{Item, Provenance};

pub mod crawl;
pub mod csv;
pub mod disguised;
pub mod json;
pub(crate) mod json_error;
pub(crate) mod json_labels;
pub mod own_output;
pub mod sheet;
pub mod xlsx;

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
        return Ok(Box::new(crawl::output::CrawlDirReader));
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
    let mut csv_sheets = Vec::new();
    for path in expand(paths, &mut sink) {
        if TEXT_TABLE_EXTENSIONS.contains(&extension(&path).as_str()) {
            match csv::read_sheet(&path) {
                Ok(s) => csv_sheets.push(s),
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
        sheet::assemble(csv_sheets, labels, &mut sink);
    }
}

fn error_notice(path: &Path, e: &SourceError) -> Record {
    Record::Notice(Notice {
        level: NoticeLevel::Error,
        provenance: Provenance::file(path.display().to_string()),
        message: e.to_string(),
    })
}

/// The inputs with every folder replaced by its supported files.
fn expand(paths: &[PathBuf], sink: &mut dyn FnMut(Record)) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for path in paths {
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
    out
}

/// Remembers where each 实施编码 was first seen, and warns when a code comes again.
///
/// Used by [`read_inputs_with`] and by the streaming check, so both emit the same notices. This
/// is the one thing a streaming check keeps per item, so it is kept small: a 64-bit hash of the
/// code and its first place packed into another 64 bits (file and sheet are stored once and
/// referred to by index), ≈ 16–32 bytes per distinct code with the hash table's slack — ≈ 30 MB
/// for 10^6 codes instead of ≈ 150 MB with the codes themselves. Two different codes would have
/// to share a 64-bit hash to be reported as the same (for 10^6 codes, a chance of about 3 in
/// 10^8); the notice quotes the code read, so such a report would be recognisable.
#[derive(Default)]
pub struct DuplicateCodes {
    seen: HashMap<u64, u64, BuildHasherDefault<PreHashed>>,
    /// First places that do not fit the packed form (both a row and a record number, or numbers
    /// of 2^40 and more): rare, kept as they are.
    wide: HashMap<u64, FirstSeen>,
    places: Vec<(String, Option<String>)>,
}

/// Where a code was first seen: an index into the places, and the row or record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct FirstSeen {
    place: u32,
    row: Option<u64>,
    record: Option<u64>,
}

/// Bits of a packed first place: 22 bits of place index, 2 bits of kind, 40 bits of number.
const NUMBER_BITS: u32 = 40;
const PLACE_BITS: u32 = 22;

impl FirstSeen {
    /// `[place:22][kind:2][number:40]`, kind 0 = neither, 1 = row, 2 = record; `None` when it
    /// does not fit.
    fn pack(self) -> Option<u64> {
        let (kind, n) = match (self.row, self.record) {
            (None, None) => (0u64, 0u64),
            (Some(r), None) => (1, r),
            (None, Some(r)) => (2, r),
            (Some(_), Some(_)) => return None,
        };
        (n < 1 << NUMBER_BITS && self.place < 1 << PLACE_BITS)
            .then(|| u64::from(self.place) << (NUMBER_BITS + 2) | kind << NUMBER_BITS | n)
    }

    fn unpack(v: u64) -> Self {
        let n = v & ((1 << NUMBER_BITS) - 1);
        let kind = (v >> NUMBER_BITS) & 3;
        Self {
            place: u32::try_from(v >> (NUMBER_BITS + 2)).unwrap_or(u32::MAX),
            row: (kind == 1).then_some(n),
            record: (kind == 2).then_some(n),
        }
    }
}

/// A hasher for keys that are hashes already (those of [`DuplicateCodes`], of the rules' verdict
/// cache and of the shared lists' tables): uses them as they are.
#[derive(Default)]
pub(crate) struct PreHashed(u64);

/// A map keyed by a hash made beforehand ([`hash_bytes`]), not hashed again.
pub(crate) type ByHash<V> = HashMap<u64, V, BuildHasherDefault<PreHashed>>;

/// The (FxHash) hash of some bytes, for a [`ByHash`] map of texts that are then compared in full.
pub(crate) fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut h = rustc_hash::FxHasher::default();
    h.write(bytes);
    h.finish()
}

impl Hasher for PreHashed {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        // Only `write_u64` is used; fold anything else in so the hasher stays correct.
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// A code's 64-bit key: SipHash with fixed keys, the same in every run.
fn code_key(code: &str) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    h.write(code.as_bytes());
    h.finish()
}

/// How the notice of a repeated 实施编码 begins: the terminal folds them into one line.
pub const DUPLICATE_CODE: &str = "实施编码 ";

impl DuplicateCodes {
    /// A warning when `record` is an item whose code was seen before.
    pub fn check(&mut self, record: &Record) -> Option<Notice> {
        let Record::Item(item) = record else {
            return None;
        };
        self.check_code(&item.code, &item.provenance)
    }

    /// A warning when `code` (read at `provenance`) was seen before; otherwise remembers it.
    pub fn check_code(&mut self, code: &str, provenance: &Provenance) -> Option<Notice> {
        let code = code.trim();
        if code.is_empty() {
            return None;
        }
        let key = code_key(code);
        let first = match self.seen.get(&key) {
            Some(&packed) => Some(FirstSeen::unpack(packed)),
            None => self.wide.get(&key).copied(),
        };
        if let Some(first) = first {
            let (source, sheet) = &self.places[first.place as usize];
            let first = Provenance {
                source: source.clone(),
                sheet: sheet.clone(),
                row: first.row,
                record: first.record,
            };
            return Some(Notice {
                level: NoticeLevel::Warning,
                provenance: provenance.clone(),
                message: format!(
                    "{DUPLICATE_CODE}\"{code}\" 重复: {} 与 {} 是同一编码，两条都会检查{}",
                    provenance,
                    first,
                    if provenance.sheet.is_some()
                        || TEXT_TABLE_EXTENSIONS
                            .contains(&extension(Path::new(&provenance.source)).as_str())
                    {
                        "（子表各行归入先出现的一条）"
                    } else {
                        ""
                    }
                ),
            });
        }
        let first = FirstSeen {
            place: self.place(provenance),
            row: provenance.row,
            record: provenance.record,
        };
        match first.pack() {
            Some(packed) => self.seen.insert(key, packed),
            None => self.wide.insert(key, first).map(|_| 0),
        };
        None
    }

    /// The index of the provenance's file and sheet, added when new.
    fn place(&mut self, p: &Provenance) -> u32 {
        let same =
            |(source, sheet): &(String, Option<String>)| *source == p.source && *sheet == p.sheet;
        // Items come file by file: the last place is almost always the one.
        if let Some(i) = self.places.iter().rposition(same) {
            return u32::try_from(i).unwrap_or(u32::MAX);
        }
        self.places.push((p.source.clone(), p.sheet.clone()));
        u32::try_from(self.places.len() - 1).unwrap_or(u32::MAX)
    }
}

#[cfg(test)]
mod duplicate_tests {
    use super::*;

    #[test]
    fn first_places_survive_packing() {
        for first in [
            FirstSeen {
                place: 0,
                row: None,
                record: None,
            },
            FirstSeen {
                place: 3,
                row: Some(2),
                record: None,
            },
            FirstSeen {
                place: (1 << PLACE_BITS) - 1,
                row: None,
                record: Some((1 << NUMBER_BITS) - 1),
            },
        ] {
            assert_eq!(first.pack().map(FirstSeen::unpack), Some(first));
        }
        // What does not fit is kept unpacked.
        assert_eq!(
            FirstSeen {
                place: 0,
                row: Some(1),
                record: Some(1)
            }
            .pack(),
            None
        );
        assert_eq!(
            FirstSeen {
                place: 0,
                row: Some(1 << NUMBER_BITS),
                record: None
            }
            .pack(),
            None
        );
    }

    #[test]
    fn a_repeated_code_names_its_first_place() {
        let mut d = DuplicateCodes::default();
        let code = "11341700003201234A3000111301009";
        let first = Provenance {
            record: Some(4),
            row: Some(9),
            ..Provenance::row("a.xlsx", 9)
        };
        assert!(
            d.check_code(code, &Provenance::row("清单.ndjson", 7))
                .is_none()
        );
        assert!(
            d.check_code("11341700003201234A3000111301010", &first)
                .is_none()
        );
        let n = d
            .check_code(
                &format!(" {code} "),
                &Provenance::row("清单.ndjson", 1_000_000),
            )
            .unwrap();
        assert!(n.message.contains(code), "{}", n.message);
        assert!(
            n.message.contains("清单.ndjson") && n.message.contains('7'),
            "{}",
            n.message
        );
        // The unpackable first place (row and record) is kept too.
        let n = d
            .check_code(
                "11341700003201234A3000111301010",
                &Provenance::row("b.ndjson", 2),
            )
            .unwrap();
        assert!(n.message.contains("a.xlsx"), "{}", n.message);
        assert!(d.check_code("", &Provenance::row("b.ndjson", 3)).is_none());
    }
}
