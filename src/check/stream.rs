//! The streaming check for NDJSON inputs: the same report as [`check_records`](super::check_records)
//! without holding the items in memory.
//!
//! Lines are read in chunks ([`DEFAULT_CHUNK`] lines) by a reader thread; each chunk is parsed,
//! checked and serialised in parallel (rayon) while the previous chunk's item entries and
//! findings are appended, already in their final pretty-printed form, to two temporary files in
//! the output folder. Only the
//! [`Summary`] counters, the notices and the first findings (for the console) stay in memory.
//! At the end `report.json` is assembled: the report skeleton (every field but `items` and
//! `findings`, serialised by serde as usual) with the two temporary files copied in at their
//! place, so the file is byte for byte what [`report::json::write`](crate::report::json::write)
//! writes for the in-memory report, and [`report::json::read`](crate::report::json::read) reads it.
//!
//! With census scores asked for ([`StreamOptions::scores`]), per-unit sums are kept as the items go
//! by ([`CensusTally`]); with a sample as well ([`StreamOptions::sample`], `check --sample`), every
//! checked item is offered to a per-unit bottom-k reservoir
//! ([`Reservoir`](crate::score::reservoir::Reservoir)), which holds at most the largest sample
//! a unit can need (`count:N`: N; `gb2828`: 1,250), and the report's scores are the sample's.
//!
//! What stays in memory: up to three chunks of lines (one being read, one waiting, one being checked) and the
//! results of the chunk being written (about 3 KB per line of
//! typical items), the notices, 10 findings, and the set of 实施编码 seen so far
//! ([`DuplicateCodes`], a 64-bit hash and a packed first place per distinct code, ≈ 16–32 bytes
//! — the one part that grows with N).

use std::fs::File;
use std::io::{BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use rayon::prelude::*;

use super::{BATCH, RunInfo, Slot, check_slots};
use crate::config::Labels;
use crate::model::list::sharing_parsed;
use crate::model::{Finding, Provenance, RawLineFacts, Severity};
use crate::report::json::OutcomeLines;
use crate::report::{ItemEntry, ItemStatus, Report, RuleInfo, SCHEMA_VERSION, Summary};
use crate::rules::{CheckContext, RuleSet};
use crate::score::census::CensusTally;
use crate::score::sample::SampleRow;
use crate::score::{SampleSpec, ScoreOptions, UnitMapping};
use crate::source::json::line_record;
use crate::source::json_labels::LabelledFile;
use crate::source::sheet::columns::Tables;
use crate::source::{DuplicateCodes, Notice, NoticeLevel, Record, SourceError};

/// Lines per chunk: large enough to keep both cores busy (a chunk of typical items is several
/// milliseconds of work per core), small enough that a chunk's lines and the items parsed from
/// them stay in cache. 2,048 lines (13 MB) took 10–15 % more CPU per item than 64–512 and twice
/// the peak RSS (BENCHMARKS.md, session 4).
pub const DEFAULT_CHUNK: usize = 256;

/// How many findings are kept for the console summary.
const KEPT_FINDINGS: usize = 10;

/// How to stream.
#[derive(Debug, Clone)]
pub struct StreamOptions {
    /// Lines per chunk ([`DEFAULT_CHUNK`]).
    pub chunk: usize,
    /// Census scores to put into the report (as `score_units` with no sample would), or `None`
    /// to leave `report.scores` empty.
    pub scores: Option<(UnitMapping, ScoreOptions)>,
    /// Draw this sample per unit while streaming, and score it instead of the census (needs
    /// `scores`, which gives the units and the options).
    pub sample: Option<SampleSpec>,
    /// Header synonyms (`[labels]`) for lines keyed by Chinese labels, as the in-memory reader
    /// is given them.
    pub labels: Labels,
    /// Told the items checked so far, after each chunk.
    pub progress: Option<super::Progress>,
}

impl Default for StreamOptions {
    fn default() -> Self {
        Self {
            chunk: DEFAULT_CHUNK,
            scores: None,
            sample: None,
            labels: Labels::default(),
            progress: None,
        }
    }
}

/// What the streaming check returns (the report itself is on disk).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StreamOutcome {
    /// The report's summary.
    pub summary: Summary,
    /// The report's notices.
    pub notices: Vec<Notice>,
    /// The first findings, in report order (at most 10).
    pub first_findings: Vec<Finding>,
    /// The first unreadable items, in report order (at most 10): where each is and why.
    pub first_unreadable: Vec<(Provenance, String)>,
    /// The report's per-unit scores (empty when not asked for).
    pub scores: Vec<crate::score::UnitScore>,
    /// The drawn sample, by unit and 抽样序号 (empty without [`StreamOptions::sample`]).
    pub sample: Vec<SampleRow>,
    /// Where the report was written.
    pub report_path: PathBuf,
}

/// The output could not be written.
#[derive(Debug, thiserror::Error)]
pub enum StreamError {
    /// Writing the report or its temporary files failed.
    #[error("无法写入 {path}: {}", crate::io_reason(.source))]
    Write {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
}

/// Whether every input can be streamed: all `.ndjson` or `.jsonl`.
pub fn all_ndjson(inputs: &[PathBuf]) -> bool {
    !inputs.is_empty()
        && inputs.iter().all(|p| {
            p.extension().and_then(|e| e.to_str()).is_some_and(|e| {
                e.eq_ignore_ascii_case("ndjson") || e.eq_ignore_ascii_case("jsonl")
            })
        })
}

/// Checks NDJSON inputs and writes `dir/report.json`, chunk by chunk.
pub fn check_ndjson(
    inputs: &[PathBuf],
    rules: &RuleSet,
    ctx: &CheckContext,
    run: RunInfo,
    dir: &Path,
    opts: &StreamOptions,
) -> Result<StreamOutcome, StreamError> {
    let rule_infos = RuleInfo::list(rules);
    let lines = OutcomeLines::new(rules.iter().map(|(r, _)| r.meta().id));
    let items_path = dir.join(".report-items.tmp");
    let findings_path = dir.join(".report-findings.tmp");
    let mut sink = Sink {
        items: TempArray::create(&items_path)?,
        findings: TempArray::create(&findings_path)?,
        summary: Summary::default(),
        first_findings: Vec::new(),
        first_unreadable: Vec::new(),
        census: opts.scores.as_ref().map(|(mapping, _)| {
            let tally = CensusTally::new(&rule_infos);
            let tally = match opts.sample {
                Some(spec) => tally.with_sample(spec),
                None => tally,
            };
            (tally, mapping)
        }),
        duplicates: DuplicateCodes::default(),
        notices: Vec::new(),
        progress: opts.progress.as_ref(),
    };
    let tables = crate::source::json_labels::tables(&opts.labels);
    for path in inputs {
        let run = Run {
            rules,
            ctx,
            lines: &lines,
            tables: &tables,
        };
        // The same notices as the in-memory reader's for a file of no bytes or no records.
        if std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() == 0) {
            sink.notices.push(Notice {
                level: NoticeLevel::Error,
                provenance: Provenance::file(path.display().to_string()),
                message: SourceError::Empty { path: path.clone() }.to_string(),
            });
            continue;
        }
        let before = sink.summary.items;
        let streamed = stream_file(path, opts.chunk.max(1), run, &mut sink);
        if streamed.is_ok() && sink.summary.items == before {
            sink.notices.push(crate::source::no_items_notice(
                &path.display().to_string(),
                crate::source::json::NO_NDJSON_RECORDS,
            ));
        }
        if let Err(e) = streamed {
            match e {
                FileError::Read(source) => sink.notices.push(Notice {
                    level: NoticeLevel::Error,
                    provenance: Provenance::file(path.display().to_string()),
                    message: SourceError::Io {
                        path: path.clone(),
                        source,
                    }
                    .to_string(),
                }),
                FileError::Write(e) => return Err(e),
            }
        }
    }
    let items = sink.items.finish()?;
    let findings = sink.findings.finish()?;
    let (scores, drawn) = match (sink.census, &opts.scores) {
        (Some((tally, mapping)), Some((_, score_opts))) => {
            let issues = tally.mapping_issues(mapping);
            sink.notices
                .extend(issues.iter().map(crate::score::table::FileIssue::to_notice));
            tally.finish(*score_opts)
        }
        _ => (Vec::new(), Vec::new()),
    };
    let report = Report {
        schema_version: SCHEMA_VERSION,
        tool_version: env!("CARGO_PKG_VERSION").to_owned(),
        run_id: run.run_id,
        generated_at: run.generated_at,
        inputs: run.inputs,
        rules: rule_infos,
        summary: sink.summary,
        items: Vec::new(),
        findings: Vec::new(),
        notices: sink.notices,
        scores,
        history: None,
        review: None,
        replies: Vec::new(),
        // Kept, so that `score` of this report scores the drawn items again.
        sample: opts.sample.as_ref().map(|spec| {
            let rows: Vec<_> = drawn.iter().map(|d| d.row.clone()).collect();
            crate::score::sample::streaming_record(&rows, spec, &dir.join("sample.xlsx"))
        }),
        scoring_notices: Vec::new(),
        scoring_settings: opts
            .scores
            .as_ref()
            .map(|(mapping, o)| crate::report::ScoringSettings::of(mapping, *o)),
    };
    let report_path = dir.join("report.json");
    assemble(&report, &items, &findings, &report_path).map_err(|source| StreamError::Write {
        path: report_path.clone(),
        source,
    })?;
    for p in [&items_path, &findings_path] {
        // A leftover temporary file is harmless; the report is complete.
        let _ = std::fs::remove_file(p);
    }
    Ok(StreamOutcome {
        summary: report.summary,
        notices: report.notices,
        first_findings: sink.first_findings,
        first_unreadable: sink.first_unreadable,
        scores: report.scores,
        sample: drawn.into_iter().map(|d| d.row).collect(),
        report_path,
    })
}

enum FileError {
    Read(std::io::Error),
    Write(StreamError),
}

/// Where checked chunks go.
struct Sink<'a> {
    items: TempArray,
    findings: TempArray,
    summary: Summary,
    first_findings: Vec<Finding>,
    first_unreadable: Vec<(Provenance, String)>,
    census: Option<(CensusTally, &'a UnitMapping)>,
    /// Codes seen so far, for the same duplicate-code notices as the in-memory path.
    duplicates: DuplicateCodes,
    /// The report's notices, in input order.
    notices: Vec<Notice>,
    progress: Option<&'a super::Progress>,
}

/// What checking a line needs.
#[derive(Clone, Copy)]
struct Run<'a> {
    rules: &'a RuleSet,
    ctx: &'a CheckContext,
    /// The entries' outcome lines, precomputed for the rules.
    lines: &'a OutcomeLines,
    /// Header tables for lines keyed by Chinese labels.
    tables: &'a Tables,
}

/// One line's result, serialised on the worker thread.
struct Checked {
    /// The entry as an element of the report's `items`.
    entry_json: Vec<u8>,
    /// The findings as elements of the report's `findings`, joined by `,\n`.
    findings_json: Vec<u8>,
    entry: ItemEntry,
    findings: Vec<Finding>,
}

/// A chunk of lines: the bytes and, per line, `(start, end, line number)`.
#[derive(Default)]
struct Chunk {
    buf: Vec<u8>,
    spans: Vec<(usize, usize, u64)>,
}

/// Three stages overlap: a reader thread fills chunks (at most one waits in the channel), the
/// rayon pool checks chunk `k`, and meanwhile chunk `k − 1`'s results are written.
fn stream_file(path: &Path, chunk: usize, run: Run, sink: &mut Sink) -> Result<(), FileError> {
    let file = File::open(path).map_err(FileError::Read)?;
    let name = path.display().to_string();
    // Records read by their Chinese labels: one notice for the file, as the in-memory reader's.
    let labelled = Mutex::new(LabelledFile::new(run.tables));
    let result = std::thread::scope(|scope| {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Chunk>(1);
        // Checked chunks go back to the reader, so that their buffers are allocated once: fresh
        // multi-MB buffers per chunk fragment the allocator and let the RSS creep up with N.
        let (free_tx, free_rx) = std::sync::mpsc::channel::<Chunk>();
        let reader = scope.spawn(move || read_chunks(file, chunk, &tx, &free_rx));
        let mut pending: Vec<Checked> = Vec::new();
        let mut written = Ok(());
        for c in rx {
            let (results, w) = rayon::join(
                || check_chunk(&c, &name, run, &labelled),
                || sink.add_all(std::mem::take(&mut pending)),
            );
            pending = results;
            written = w;
            let _ = free_tx.send(c);
            if written.is_err() {
                // Dropping the receiver stops the reader.
                break;
            }
        }
        written.map_err(FileError::Write)?;
        sink.add_all(pending).map_err(FileError::Write)?;
        // The reader sent what it read before an error, as the in-memory reader keeps it.
        reader
            .join()
            .unwrap_or_else(|_| Err(std::io::Error::other("reader thread panicked")))
            .map_err(FileError::Read)
    });
    let labelled = labelled
        .into_inner()
        .unwrap_or_else(PoisonError::into_inner);
    sink.notices.extend(labelled.notice(&name));
    result
}

/// Bytes read from the file at a time. A chunk that fills up in the middle of a block hands the
/// rest of the block to the next chunk, so a block is small beside a chunk (256 lines ≈ 1.6 MB).
const READ_BLOCK: usize = 64 * 1024;

/// Reads lines into chunks of `chunk` lines and sends them; stops early when the receiver is gone.
fn read_chunks(
    file: File,
    chunk: usize,
    tx: &std::sync::mpsc::SyncSender<Chunk>,
    free: &std::sync::mpsc::Receiver<Chunk>,
) -> std::io::Result<()> {
    read_chunks_from(file, chunk, READ_BLOCK, tx, free)
}

/// [`read_chunks`] with the block size as a parameter (the tests use tiny blocks). Blocks are
/// read straight into the chunk's buffer and split at `\n` there, instead of copying each line
/// out of a `BufReader` with `read_until`; a line is the bytes before its `\n` (the last line may
/// lack one), exactly as `read_until` gave them.
fn read_chunks_from(
    mut input: impl Read,
    chunk: usize,
    block: usize,
    tx: &std::sync::mpsc::SyncSender<Chunk>,
    free: &std::sync::mpsc::Receiver<Chunk>,
) -> std::io::Result<()> {
    // `c.buf[..filled]` holds what was read; the bytes after it are left from earlier use and
    // only overwritten, so that a buffer is zeroed once (when it grows), not before every read.
    // A new buffer starts at the size of the last full chunk instead of growing to it by doubling.
    let fresh = |size: usize| {
        let mut c = free.try_recv().unwrap_or_default();
        c.spans.clear();
        c.spans.reserve(chunk);
        if c.buf.len() < size {
            c.buf.resize(size, 0);
        }
        c
    };
    let mut c = fresh(block);
    let mut filled = 0;
    let mut line_no = 0u64;
    // Where the current (unfinished) line starts in `c.buf`.
    let mut line_start = 0;
    loop {
        if c.buf.len() < filled + block {
            let size = (filled + block).max(2 * c.buf.len());
            c.buf.resize(size, 0);
        }
        let n = loop {
            match input.read(&mut c.buf[filled..filled + block]) {
                Ok(n) => break n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => {
                    // The whole lines read before the error still go out.
                    let _ = tx.send(c);
                    return Err(e);
                }
            }
        };
        if n == 0 {
            // End of file; the last line may lack its `\n`.
            if filled > line_start {
                line_no += 1;
                c.spans.push((line_start, filled, line_no));
            }
            break;
        }
        let mut from = filled;
        filled += n;
        while let Some(p) = memchr::memchr(b'\n', &c.buf[from..filled]).map(|p| from + p) {
            line_no += 1;
            c.spans.push((line_start, p, line_no));
            line_start = p + 1;
            from = line_start;
            if c.spans.len() >= chunk {
                // The rest of the block begins the next chunk.
                let rest = filled - line_start;
                let mut next = fresh(filled + block);
                next.buf[..rest].copy_from_slice(&c.buf[line_start..filled]);
                let full = std::mem::replace(&mut c, next);
                if tx.send(full).is_err() {
                    return Ok(());
                }
                (filled, line_start, from) = (rest, 0, 0);
            }
        }
    }
    if !c.spans.is_empty() {
        let _ = tx.send(c);
    }
    Ok(())
}

fn check_chunk(
    c: &Chunk,
    name: &str,
    run: Run,
    labelled: &Mutex<LabelledFile<'_>>,
) -> Vec<Checked> {
    let line_facts = run.rules.uses_line_facts();
    // Lists repeated from earlier items are not parsed again when the verdicts are shared too:
    // a shared list is known equal by its key, without being compared.
    let share_lists = run.rules.shares_verdicts();
    // A batch of lines parsed, then its items checked rule by rule (see `BATCH`).
    c.spans
        .par_chunks(BATCH)
        .flat_map_iter(|spans| {
            let mut by_labels = LabelledFile::new(run.tables);
            let slots: Vec<Slot> = spans
                .iter()
                .filter_map(|&(s, e, line_no)| {
                    let line = &c.buf[s..e];
                    let record = sharing_parsed(share_lists, || {
                        line_record(line, name, line_no, &mut by_labels)
                    });
                    Some(match record? {
                        Record::Item(mut item) => {
                            if line_facts {
                                item.raw_facts = RawLineFacts::of_line(line);
                            }
                            Slot::Item(item)
                        }
                        Record::Unreadable(u) => Slot::Unreadable(u),
                        // The NDJSON reader yields no notices per line.
                        Record::Notice(_) => return None,
                    })
                })
                .collect();
            if by_labels.items > 0 {
                labelled
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .merge(by_labels);
            }
            check_slots(slots, run.rules, run.ctx)
                .into_iter()
                .map(|(entry, findings)| {
                    // Room for 34 outcomes (≈ 1.2 KB) at once.
                    let mut entry_json = Vec::with_capacity(2048);
                    crate::report::json::write_item_entry(&entry, run.lines, &mut entry_json);
                    Checked {
                        entry_json,
                        findings_json: findings_text(&findings),
                        entry,
                        findings,
                    }
                })
        })
        .collect()
}

impl Sink<'_> {
    fn add_all(&mut self, results: Vec<Checked>) -> Result<(), StreamError> {
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
        self.items.push(&c.entry_json, 1)?;
        self.findings.push(&c.findings_json, c.findings.len())?;
        let room = KEPT_FINDINGS.saturating_sub(self.first_findings.len());
        self.first_findings
            .extend(c.findings.into_iter().take(room));
        Ok(())
    }
}

/// Findings as elements of the report's `findings`, joined by `,\n` (each as
/// [`write_array_element`](crate::report::json::write_array_element) would print it).
fn findings_text(findings: &[Finding]) -> Vec<u8> {
    if findings.is_empty() {
        return Vec::new();
    }
    // Room for typical findings (≈ 0.5 KB each) at once.
    let mut out = Vec::with_capacity(768 * findings.len());
    for (i, f) in findings.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(b",\n");
        }
        crate::report::json::write_finding(f, &mut out);
    }
    out
}

/// The elements of a JSON array, written to a temporary file as they come.
struct TempArray {
    path: PathBuf,
    out: BufWriter<File>,
    len: usize,
}

impl TempArray {
    fn create(path: &Path) -> Result<Self, StreamError> {
        let file = File::create(path).map_err(|source| StreamError::Write {
            path: path.to_owned(),
            source,
        })?;
        Ok(Self {
            path: path.to_owned(),
            out: BufWriter::with_capacity(1 << 20, file),
            len: 0,
        })
    }

    /// Appends `n` elements, already joined by `,\n` in `elements` (nothing when `n` is 0).
    fn push(&mut self, elements: &[u8], n: usize) -> Result<(), StreamError> {
        if n == 0 {
            return Ok(());
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
        Ok(())
    }

    /// Flushes; returns the file and how many elements it holds.
    fn finish(mut self) -> Result<(PathBuf, usize), StreamError> {
        self.out.flush().map_err(|source| StreamError::Write {
            path: self.path.clone(),
            source,
        })?;
        Ok((self.path, self.len))
    }
}

/// Writes the report: the skeleton's text with `"items": []` and `"findings": []` replaced by
/// the temporary files' contents.
fn assemble(
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

#[cfg(test)]
mod tests;
