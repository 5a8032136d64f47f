//! Where checked chunks go ([`Sink`]): the summary counted as the in-memory report counts it,
//! the duplicate codes, the census tally, the first findings, and each entry and finding
//! appended to a temporary file ([`TempArray`]); at the end the report assembled from the
//! skeleton and those files ([`assemble`]).
//!
//! Not here: parsing and checking a chunk (`worker`), the report's skeleton and the outcome
//! (`mod.rs`).

use std::fs::File;
use std::io::{BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use super::StreamError;
use super::worker::Checked;
use crate::model::{Finding, Provenance, Severity};
use crate::report::shards::{Index, Span};
use crate::report::{ItemStatus, Report, Summary};
use crate::score::UnitMapping;
use crate::score::census::CensusTally;
use crate::source::{DuplicateCodes, Notice};

/// How many findings are kept for the console summary.
const KEPT_FINDINGS: usize = 10;

/// Where checked chunks go.
pub(super) struct Sink<'a> {
    pub(super) items: TempArray,
    pub(super) findings: TempArray,
    pub(super) summary: Summary,
    pub(super) first_findings: Vec<Finding>,
    pub(super) first_unreadable: Vec<(Provenance, String)>,
    pub(super) census: Option<(CensusTally, &'a UnitMapping)>,
    /// Codes seen so far, for the same duplicate-code notices as the in-memory path.
    pub(super) duplicates: DuplicateCodes,
    /// The report's notices, in input order.
    pub(super) notices: Vec<Notice>,
    pub(super) progress: Option<&'a crate::check::Progress>,
    /// Where each entry and its findings were written, when the report is kept for the other
    /// formats (`StreamOptions::keep`).
    pub(super) index: Option<Index>,
}

impl Sink<'_> {
    pub(super) fn add_all(&mut self, results: Vec<Checked>) -> Result<(), StreamError> {
        results.into_iter().try_for_each(|c| self.add(c))?;
        if let Some(p) = self.progress {
            p.report(self.summary.items);
        }
        Ok(())
    }

    /// Counts as [`Report::summarize`] does, and appends the serialised entry and findings.
    fn add(&mut self, c: Checked) -> Result<(), StreamError> {
        if c.entry.status == ItemStatus::Checked
            && let Some(notice) = self
                .duplicates
                .check_code(&c.entry.code, &c.entry.provenance)
        {
            self.notices.push(notice);
        }
        let s = &mut self.summary;
        s.items += 1;
        match c.entry.status {
            ItemStatus::Checked => s.checked += 1,
            ItemStatus::Unreadable => {
                s.unreadable += 1;
                if self.first_unreadable.len() < KEPT_FINDINGS {
                    self.first_unreadable.push((
                        c.entry.provenance.clone(),
                        c.entry.reason.clone().unwrap_or_default(),
                    ));
                }
            }
        }
        if c.entry.errors > 0 {
            s.items_with_errors += 1;
        }
        for f in &c.findings {
            match f.severity {
                Severity::Error => s.errors += 1,
                Severity::Warning => s.warnings += 1,
            }
            // The rule's count exists but for its first finding: no key copied per finding.
            match s.by_rule.get_mut(&f.rule) {
                Some(n) => *n += 1,
                None => {
                    s.by_rule.insert(f.rule.clone(), 1);
                }
            }
        }
        if let Some((tally, mapping)) = &mut self.census {
            tally.add(&c.entry, &c.findings, mapping);
        }
        let entry_at = self.items.push(&c.entry_json, 1)?;
        let findings_at = self.findings.push(&c.findings_json, c.findings.len())?;
        if let (Some(index), Some(at)) = (&mut self.index, entry_at) {
            debug_assert!(c.findings.iter().all(|f| f.unit == c.entry.unit));
            index.add(&c.entry, at, findings_at);
        }
        let room = KEPT_FINDINGS.saturating_sub(self.first_findings.len());
        self.first_findings
            .extend(c.findings.into_iter().take(room));
        Ok(())
    }
}

/// The elements of a JSON array, written to a temporary file as they come.
pub(super) struct TempArray {
    path: PathBuf,
    out: BufWriter<File>,
    len: usize,
    /// Bytes written.
    bytes: u64,
}

impl TempArray {
    pub(super) fn create(path: &Path) -> Result<Self, StreamError> {
        let file = File::create(path).map_err(|source| StreamError::Write {
            path: path.to_owned(),
            source,
        })?;
        Ok(Self {
            path: path.to_owned(),
            out: BufWriter::with_capacity(1 << 20, file),
            len: 0,
            bytes: 0,
        })
    }

    /// Appends `n` elements, already joined by `,\n` in `elements` (nothing when `n` is 0);
    /// returns where they lie in the file.
    fn push(&mut self, elements: &[u8], n: usize) -> Result<Option<Span>, StreamError> {
        if n == 0 {
            return Ok(None);
        }
        let sep: &[u8] = if self.len == 0 { b"" } else { b",\n" };
        self.out
            .write_all(sep)
            .and_then(|()| self.out.write_all(elements))
            .map_err(|source| StreamError::Write {
                path: self.path.clone(),
                source,
            })?;
        self.len += n;
        let at = self.bytes + sep.len() as u64;
        self.bytes = at + elements.len() as u64;
        Ok(Some(Span {
            at,
            len: elements.len() as u64,
        }))
    }

    /// Flushes; returns the file and how many elements it holds.
    pub(super) fn finish(mut self) -> Result<(PathBuf, usize), StreamError> {
        self.out.flush().map_err(|source| StreamError::Write {
            path: self.path.clone(),
            source,
        })?;
        Ok((self.path, self.len))
    }
}

/// Writes the report: the skeleton's text with `"items": []` and `"findings": []` replaced by
/// the temporary files' contents.
pub(super) fn assemble(
    skeleton: &Report,
    items: &(PathBuf, usize),
    findings: &(PathBuf, usize),
    path: &Path,
) -> std::io::Result<()> {
    let text = serde_json::to_string_pretty(skeleton)?;
    let mut out = BufWriter::with_capacity(1 << 20, File::create(path)?);
    let mut rest = text.as_str();
    for (key, (tmp, len)) in [("items", items), ("findings", findings)] {
        // Top-level keys are the only lines indented by exactly two spaces.
        let marker = format!("\n  \"{key}\": []");
        let Some(at) = rest.find(&marker) else {
            return Err(std::io::Error::other(format!(
                "report skeleton has no {key}"
            )));
        };
        out.write_all(&rest.as_bytes()[..at])?;
        write!(out, "\n  \"{key}\": ")?;
        if *len == 0 {
            out.write_all(b"[]")?;
        } else {
            out.write_all(b"[\n")?;
            std::io::copy(&mut File::open(tmp)?.take(u64::MAX), &mut out)?;
            out.write_all(b"\n  ]")?;
        }
        rest = &rest[at + marker.len()..];
    }
    out.write_all(rest.as_bytes())?;
    out.write_all(b"\n")?;
    out.flush()
}
