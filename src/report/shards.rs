//! A streamed report kept on disk and read back a unit at a time ([`Shards`]), so that the fix
//! lists, the page and findings.csv of a province's run need one unit's items and findings in
//! memory at once, not the whole report's (a gigabyte at 10^6 items).
//!
//! The streaming check writes each entry and each item's findings to its temporary files as they
//! come (`check::stream`); [`Index`] notes where each lies, by unit. Every writer goes through the
//! units in name order (the order of [`Views`](super::view::Views)), which is the order of the
//! all-units workbook, the page and findings.csv.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufReader, Read, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::output::WriteError;
use super::{ItemEntry, ItemStatus, Report};
use crate::model::Finding;

/// Where some bytes lie in a file.
#[derive(Debug, Clone, Copy)]
pub struct Span {
    /// Offset of the first byte.
    pub at: u64,
    /// Length in bytes.
    pub len: u64,
}

/// Where each entry and each item's findings lie in the temporary files, by unit.
#[derive(Debug, Default)]
pub struct Index {
    units: BTreeMap<String, UnitSpans>,
    /// Every record that could not be read, in input order.
    unreadable: Vec<Span>,
}

#[derive(Debug, Default)]
struct UnitSpans {
    /// The unit's entries (checked or not), in input order.
    items: Vec<Span>,
    /// Its items' findings, an item's at a time, in input order.
    findings: Vec<Span>,
}

impl Index {
    /// Notes where `entry` and its findings (`None` when it has none) were written.
    pub fn add(&mut self, entry: &ItemEntry, at: Span, findings: Option<Span>) {
        if let Some(unit) = self.add_entry(&entry.unit, entry.status, at) {
            unit.findings.extend(findings);
        }
    }

    /// Notes where an entry of `unit` was written; its unit's spans, unless it is known by none.
    fn add_entry(&mut self, unit: &str, status: ItemStatus, at: Span) -> Option<&mut UnitSpans> {
        if status == ItemStatus::Unreadable {
            self.unreadable.push(at);
            // Known by no unit: only in the list of records that could not be read.
            if unit == crate::check::UNREADABLE_UNIT {
                return None;
            }
        }
        let spans = self.unit(unit);
        spans.items.push(at);
        Some(spans)
    }

    /// The spans of `name`. The first item of a unit copies its name; the rest look it up.
    fn unit(&mut self, name: &str) -> &mut UnitSpans {
        if !self.units.contains_key(name) {
            self.units.insert(name.to_owned(), UnitSpans::default());
        }
        self.units.get_mut(name).expect("just inserted")
    }
}

/// A report whose entries and findings are in temporary files, read back a unit at a time. The
/// files are removed when it is dropped.
///
/// The streaming check makes one as it writes ([`Shards::new`]); a report file is split into one
/// by [`Shards::read_json`], for `zwfw-audit report` of a province's report.
pub struct Shards {
    header: Report,
    items: PathBuf,
    findings: PathBuf,
    index: Index,
}

impl Shards {
    /// `header` is the report without its items and findings; they are in the files `items` and
    /// `findings` where `index` says.
    pub fn new(header: Report, items: PathBuf, findings: PathBuf, index: Index) -> Self {
        Shards {
            header,
            items,
            findings,
            index,
        }
    }

    /// The report without its items and findings.
    pub fn header(&self) -> &Report {
        &self.header
    }

    /// Every unit with an item or a score, in name order, as
    /// [`Views::of`](super::view::Views::of) lists them.
    pub fn units(&self) -> Vec<&str> {
        let mut names: Vec<&str> = self.index.units.keys().map(String::as_str).collect();
        names.extend(self.header.scores.iter().map(|s| s.unit.as_str()));
        names.sort_unstable();
        names.dedup();
        names
    }

    /// The report of one unit: the header with the unit's entries and findings.
    pub fn unit(&self, name: &str) -> Result<Report, WriteError> {
        let (items, findings) = match self.index.units.get(name) {
            Some(u) => (
                read_all::<ItemEntry>(&self.items, &u.items)?,
                read_all::<Finding>(&self.findings, &u.findings)?,
            ),
            None => (Vec::new(), Vec::new()),
        };
        Ok(Report {
            items,
            findings,
            ..self.header.clone()
        })
    }

    /// Every record that could not be read, in input order.
    pub fn unreadable(&self) -> Result<Vec<ItemEntry>, WriteError> {
        read_all(&self.items, &self.index.unreadable)
    }
}

/// The names of the temporary files a report file is split into, in its output folder.
const SPLIT_ITEMS: &str = ".report-items-read.tmp";
const SPLIT_FINDINGS: &str = ".report-findings-read.tmp";

impl Shards {
    /// Splits the report file `path` (as [`report::json::write`](super::json::write) writes it)
    /// into shards: its entries and findings copied, as they are read, to temporary files in
    /// `dir`, the rest (the header) kept. The report is never held whole: a report of 10^6 items
    /// took 1.37 GB read whole, 0.16 GB split. `Err` is why it could not be read, as
    /// [`super::json::read_from`] says it.
    pub fn read_json(path: &Path, dir: &Path) -> Result<Shards, String> {
        // Named before anything is made, so that whatever fails, nothing is left.
        let mut made = Made {
            paths: [dir.join(SPLIT_ITEMS), dir.join(SPLIT_FINDINGS)],
            keep: false,
        };
        let spill = |path: &PathBuf| -> Result<Spill, String> {
            let file = File::create(path).map_err(|e| write_error(path, &e))?;
            Ok(Spill {
                path: path.clone(),
                out: std::io::BufWriter::with_capacity(1 << 20, file),
                bytes: 0,
            })
        };
        let mut split = Split {
            items: spill(&made.paths[0])?,
            findings: spill(&made.paths[1])?,
            index: Index::default(),
        };
        let file = File::open(path).map_err(|e| format!("无法读取报告: {e}"))?;
        let mut de = serde_json::Deserializer::from_reader(BufReader::with_capacity(1 << 20, file));
        let header = serde::de::DeserializeSeed::deserialize(&mut split, &mut de)
            .and_then(|header| de.end().map(|()| header))
            .map_err(|e| super::json::not_read(&e))?;
        for spill in [&mut split.items, &mut split.findings] {
            spill
                .out
                .flush()
                .map_err(|e| write_error(&spill.path, &e))?;
        }
        let header: Report =
            serde_json::from_str(&header).map_err(|e| super::json::not_read(&e))?;
        if header.schema_version != super::SCHEMA_VERSION {
            return Err(super::json::version_error(Some(u64::from(
                header.schema_version,
            ))));
        }
        made.keep = true;
        let [items, findings] = made.paths.clone();
        Ok(Shards::new(header, items, findings, split.index))
    }
}

fn write_error(path: &Path, e: &std::io::Error) -> String {
    format!("无法写入 {}: {}", path.display(), crate::io_reason(e))
}

/// The two files a report is split into: removed when dropped unless kept (a report that could
/// not be split leaves none).
struct Made {
    paths: [PathBuf; 2],
    keep: bool,
}

impl Drop for Made {
    fn drop(&mut self) {
        if !self.keep {
            for p in &self.paths {
                let _ = std::fs::remove_file(p);
            }
        }
    }
}

/// A temporary file the records of one array are copied to.
struct Spill {
    path: PathBuf,
    out: std::io::BufWriter<File>,
    bytes: u64,
}

impl Spill {
    /// Appends one record's text; where it lies.
    fn push<E: serde::de::Error>(&mut self, text: &str) -> Result<Span, E> {
        let at = self.bytes;
        self.out
            .write_all(text.as_bytes())
            .and_then(|()| self.out.write_all(b"\n"))
            .map_err(|e| E::custom(write_error(&self.path, &e)))?;
        self.bytes += text.len() as u64 + 1;
        Ok(Span {
            at,
            len: text.len() as u64,
        })
    }
}

/// Reads a report's object: `items` and `findings` go to the spills, element by element, and the
/// rest is kept as it is (the header, with the two arrays empty).
struct Split {
    items: Spill,
    findings: Spill,
    index: Index,
}

/// What the index needs of an entry.
#[derive(serde::Deserialize)]
struct EntryHead {
    unit: String,
    status: ItemStatus,
}

/// What the index needs of a finding.
#[derive(serde::Deserialize)]
struct FindingHead {
    unit: String,
}

impl<'de> serde::de::DeserializeSeed<'de> for &mut Split {
    /// The header: the report's text without its items and findings.
    type Value = String;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> serde::de::Visitor<'de> for &mut Split {
    type Value = String;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a report object")
    }

    /// Kept as text, not as a tree of values: an audit night's history is a record per finding.
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        use serde::de::Error;
        let mut header = String::from("{");
        while let Some(key) = map.next_key::<String>()? {
            if header.len() > 1 {
                header.push(',');
            }
            header.push_str(&serde_json::to_string(&key).map_err(A::Error::custom)?);
            header.push(':');
            match key.as_str() {
                "items" | "findings" => {
                    map.next_value_seed(Records {
                        split: &mut *self,
                        items: key == "items",
                    })?;
                    header.push_str("[]");
                }
                _ => header.push_str(map.next_value::<Box<serde_json::value::RawValue>>()?.get()),
            }
        }
        header.push('}');
        Ok(header)
    }
}

/// The elements of `items` (or `findings`), each copied to its spill and noted in the index.
struct Records<'s> {
    split: &'s mut Split,
    items: bool,
}

impl<'de> serde::de::DeserializeSeed<'de> for Records<'_> {
    type Value = ();

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Records<'_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an array of records")
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        use serde::de::Error;
        let split = self.split;
        while let Some(raw) = seq.next_element::<Box<serde_json::value::RawValue>>()? {
            let text = raw.get();
            if self.items {
                let head: EntryHead = serde_json::from_str(text).map_err(A::Error::custom)?;
                let at = split.items.push(text)?;
                split.index.add_entry(&head.unit, head.status, at);
            } else {
                let head: FindingHead = serde_json::from_str(text).map_err(A::Error::custom)?;
                let at = split.findings.push(text)?;
                split.index.unit(&head.unit).findings.push(at);
            }
        }
        Ok(())
    }
}

impl Drop for Shards {
    fn drop(&mut self) {
        for p in [&self.items, &self.findings] {
            // A leftover temporary file is harmless; the report is complete.
            let _ = std::fs::remove_file(p);
        }
    }
}

/// Reads the values at `spans` of `path` (in increasing order, as they were written), each span
/// one value or several separated by commas (an item's findings): the bytes in one pass, then
/// parsed in parallel.
fn read_all<T: serde::de::DeserializeOwned + Send>(
    path: &Path,
    spans: &[Span],
) -> Result<Vec<T>, WriteError> {
    read_spans(path, spans).map_err(|source| WriteError::Read {
        path: path.to_owned(),
        source,
    })
}

fn read_spans<T: serde::de::DeserializeOwned + Send>(
    path: &Path,
    spans: &[Span],
) -> std::io::Result<Vec<T>> {
    let mut file = BufReader::with_capacity(1 << 16, File::open(path)?);
    let mut pos = 0u64;
    let mut texts = Vec::with_capacity(spans.len());
    for span in spans {
        let skip = i64::try_from(span.at).map_err(std::io::Error::other)?
            - i64::try_from(pos).map_err(std::io::Error::other)?;
        file.seek_relative(skip)?;
        let len = usize::try_from(span.len).map_err(std::io::Error::other)?;
        // As an array, whatever the span holds.
        let mut text = vec![0; len + 2];
        text[0] = b'[';
        text[len + 1] = b']';
        file.read_exact(&mut text[1..=len])?;
        pos = span.at + span.len;
        texts.push(text);
    }
    let values: Vec<Vec<T>> = texts
        .into_par_iter()
        .map(|text| {
            serde_json::from_slice(&text)
                .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))
        })
        .collect::<std::io::Result<_>>()?;
    Ok(values.into_iter().flatten().collect())
}
