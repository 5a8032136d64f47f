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
use std::io::{BufReader, Read};
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
        if entry.status == ItemStatus::Unreadable {
            self.unreadable.push(at);
            // Known by no unit: only in the list of records that could not be read.
            if entry.unit == crate::check::UNREADABLE_UNIT {
                return;
            }
        }
        // The first item of a unit copies its name; the rest look it up.
        let unit = match self.units.get_mut(entry.unit.as_str()) {
            Some(u) => u,
            None => self.units.entry(entry.unit.clone()).or_default(),
        };
        unit.items.push(at);
        unit.findings.extend(findings);
    }
}

/// A report whose entries and findings are in temporary files, read back a unit at a time. The
/// files are removed when it is dropped.
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
