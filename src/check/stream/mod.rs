//! The streaming check for NDJSON inputs and JSON arrays (a file, or the array of items inside
//! an object: `source::json_outline`), crawl output folders and workbooks: the same report as
//! [`check_records`](super::check_records) without holding the items in memory (a workbook's
//! items are held while it is read, by its reader: a child sheet may name any item; text tables
//! are not streamed, as the run's are put together into one workbook).
//!
//! Records (NDJSON lines, or the records of an array, told apart as they are read:
//! `source::json_array`) are read in chunks ([`DEFAULT_CHUNK`] records) by a reader
//! thread (`source::chunks`); each chunk is parsed,
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
//! — the one part that grows with N). With [`StreamOptions::keep`] (`check` with the fix lists,
//! the page or findings.csv as well) the temporary files report.json is assembled from are kept,
//! with where each entry and each item's findings lie in them by unit ([`Shards`], 16 bytes
//! each: the other part that grows with N): those formats read them back a unit at a time, so
//! they hold one unit's items and findings at once, not the report's.
//!
//! This file holds the options, the outcome and the error, the check over the inputs, and the
//! three stages of a file put together. Not here: reading records into chunks
//! (`source::chunks`), parsing,
//! checking and serialising a chunk (`worker`), counting and writing the results and assembling
//! the report (`sink`), the tests (`tests`).

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use super::RunInfo;
use crate::config::Labels;
use crate::model::{Finding, Provenance};
use crate::report::json::OutcomeLines;
use crate::report::shards::{Index, Shards};
use crate::report::{Report, RuleInfo, SCHEMA_VERSION, Summary};
use crate::rules::{CheckContext, RuleSet};
use crate::score::census::CensusTally;
use crate::score::sample::SampleRow;
use crate::score::{SampleSpec, ScoreOptions, UnitMapping};
use crate::source::json_labels::LabelledFile;
use crate::source::{DuplicateCodes, Notice, NoticeLevel, Record, SourceError};

mod sink;
#[cfg(test)]
mod tests;
mod worker;

use crate::source::chunks::{Chunk, Lines, read_chunks};
use crate::source::crawl::output::CrawlFolder;
use crate::source::json::{EMPTY_ARRAY, Embedded, Layout, array_notices};
use crate::source::json_array::ArraySplitter;
use sink::{Sink, TempArray, assemble};
use worker::{Checked, Run, check_chunk};

/// Lines per chunk: large enough to keep both cores busy (a chunk of typical items is several
/// milliseconds of work per core), small enough that a chunk's lines and the items parsed from
/// them stay in cache. 2,048 lines (13 MB) took 10–15 % more CPU per item than 64–512 and twice
/// the peak RSS (BENCHMARKS.md, session 4).
pub const DEFAULT_CHUNK: usize = 256;

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
    /// Keep the report's entries and findings on disk as well, to be read back a unit at a time
    /// ([`StreamOutcome::shards`]) for the other formats.
    pub keep: bool,
    /// Write `report.json` (when only other formats are asked for, it is not: at 10^6 items it
    /// is 1.7 GB written for nothing).
    pub json: bool,
}

impl Default for StreamOptions {
    fn default() -> Self {
        Self {
            chunk: DEFAULT_CHUNK,
            scores: None,
            sample: None,
            labels: Labels::default(),
            progress: None,
            keep: false,
            json: true,
        }
    }
}

/// What the streaming check returns (the report itself is on disk).
#[derive(Default)]
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
    /// Where report.json was written (`None` without [`StreamOptions::json`]).
    pub report_path: Option<PathBuf>,
    /// The report kept to be read back a unit at a time, with [`StreamOptions::keep`].
    pub shards: Option<Shards>,
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

/// How the streaming check reads a file.
#[derive(Debug, Clone)]
enum Streamed {
    /// NDJSON.
    Lines,
    /// A JSON array: the file, or the array of items inside the object it is
    /// (`{"items": […]}`, a platform's wrapped answer).
    Array(Option<Embedded>),
    /// A crawl's output folder: its `items.ndjson`, as NDJSON, and its failed pages.
    Crawl(CrawlFolder),
    /// A workbook: read by its reader, as in memory (a child sheet may name any item, so the
    /// reader holds the workbook's items), and checked a run of records at a time; the report
    /// is kept on disk as for the other files.
    Workbook,
}

/// The files the streaming check reads, each with how its records are laid out, and what was
/// said of the folders given ([`StreamPlan::of`]).
#[derive(Debug)]
pub struct StreamPlan {
    files: Vec<(PathBuf, Streamed)>,
    notices: Vec<Notice>,
}

impl StreamPlan {
    /// The plan for `inputs` when every one is NDJSON or JSON holding an array of records (a
    /// file, or a folder of them: a province's exports, a file a county); `None` when some file
    /// must be read the in-memory way, or there is none. A `.json` that is one object is
    /// outlined here (a pass over it) to find the array holding its items. An input that is not
    /// there is one of the plan's error notices, as the in-memory reader says it.
    pub fn of(inputs: &[PathBuf]) -> Option<Self> {
        let (files, notices) = crate::source::expand_inputs(inputs);
        if files.is_empty() {
            return None;
        }
        let files = files
            .into_iter()
            .map(|p| streamed(&p).map(|s| (p, s)))
            .collect::<Option<_>>()?;
        Some(Self { files, notices })
    }
}

/// Whether the streaming check can read `inputs` ([`StreamPlan::of`]).
pub fn all_streamable(inputs: &[PathBuf]) -> bool {
    StreamPlan::of(inputs).is_some()
}

/// How the streaming check reads a file: `None` for one it cannot.
fn streamed(path: &Path) -> Option<Streamed> {
    if crate::source::crawl::output::is_crawl_dir(path) {
        return Some(Streamed::Crawl(CrawlFolder::open(path)));
    }
    let ext = path
        .extension()
        .and_then(|e| e.to_str())?
        .to_ascii_lowercase();
    // A JSON file in UTF-16 or GBK is decoded whole by the reader.
    if matches!(ext.as_str(), "ndjson" | "jsonl" | "json")
        && !crate::source::json::is_utf8(path).unwrap_or(true)
    {
        return None;
    }
    match ext.as_str() {
        "ndjson" | "jsonl" => Some(Streamed::Lines),
        "xlsx" | "xlsm" | "xls" | "et" | "ods" => Some(Streamed::Workbook),
        "json" => match crate::source::json::layout(path).ok()? {
            Layout::Lines => Some(Streamed::Lines),
            Layout::Array => Some(Streamed::Array(None)),
            Layout::Whole => crate::source::json::embedded(path)
                .ok()?
                .map(|e| Streamed::Array(Some(e))),
        },
        _ => None,
    }
}

/// Checks NDJSON inputs and JSON arrays, or folders of them ([`StreamPlan`]), and writes
/// `dir/report.json`, chunk by chunk.
pub fn check_stream(
    plan: &StreamPlan,
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
        index: opts.keep.then(Index::default),
    };
    let tables = crate::source::json_labels::tables(&opts.labels);
    // Folders stand for their files, and say so first when they hold none, as in memory.
    sink.notices.extend(plan.notices.iter().cloned());
    for (path, streamed) in &plan.files {
        let run = Run {
            rules,
            ctx,
            lines: &lines,
            tables: &tables,
            layout: Layout::Lines,
        };
        let chunk = opts.chunk.max(1);
        match streamed {
            Streamed::Crawl(folder) => stream_crawl(path, folder, chunk, run, &mut sink)?,
            Streamed::Workbook => stream_workbook(path, &opts.labels, run, &mut sink)?,
            Streamed::Lines => stream_export(path, None, chunk, run, &mut sink)?,
            Streamed::Array(embedded) => {
                let run = Run {
                    layout: Layout::Array,
                    ..run
                };
                stream_export(path, embedded.as_ref(), chunk, run, &mut sink)?;
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
    if opts.json {
        assemble(&report, &items, &findings, &report_path).map_err(|source| {
            StreamError::Write {
                path: report_path.clone(),
                source,
            }
        })?;
    }
    // Kept for the other formats, which read them back a unit at a time; removed when the
    // shards are dropped.
    let shards = if let Some(index) = sink.index {
        Some(Shards::new(
            report.clone(),
            items_path,
            findings_path,
            index,
        ))
    } else {
        for p in [&items_path, &findings_path] {
            // A leftover temporary file is harmless; the report is complete.
            let _ = std::fs::remove_file(p);
        }
        None
    };
    Ok(StreamOutcome {
        summary: report.summary,
        notices: report.notices,
        first_findings: sink.first_findings,
        first_unreadable: sink.first_unreadable,
        scores: report.scores,
        sample: drawn.into_iter().map(|d| d.row).collect(),
        report_path: opts.json.then_some(report_path),
        shards,
    })
}

/// Streams one export file laid out as `run.layout` says (for an array inside an object,
/// `embedded` says where), with the notices the in-memory reader gives: a file of no bytes or
/// no records, an interface's answer, a file that cannot be read.
fn stream_export(
    path: &Path,
    embedded: Option<&Embedded>,
    chunk: usize,
    run: Run,
    sink: &mut Sink,
) -> Result<(), StreamError> {
    // The same notices as the in-memory reader's for a file of no bytes or no records.
    if std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() == 0) {
        let empty = SourceError::Empty {
            path: path.to_owned(),
        };
        sink.notices.push(error_of(path, empty.to_string()));
        return Ok(());
    }
    // That the file is an interface's answer, before its records, as in memory.
    if let Some(notice) = embedded.and_then(|e| e.notice.as_ref()) {
        sink.notices.push(notice.clone());
    }
    let before = sink.summary.items;
    if let Err(e) = stream_file(path, embedded, chunk, run, sink) {
        return file_error(path, path, e, sink);
    }
    // An array says so itself (with the breaks in it, which come first).
    if sink.summary.items == before && run.layout == Layout::Lines {
        sink.notices.push(crate::source::no_items_notice(
            &path.display().to_string(),
            crate::source::json::NO_NDJSON_RECORDS,
        ));
    }
    Ok(())
}

/// Streams a crawl's output folder as the in-memory reader reads it (`CrawlDirReader`): what its
/// status says first, its items (`items.ndjson`, NDJSON), then its failed pages, and that it
/// found nothing at all.
fn stream_crawl(
    dir: &Path,
    folder: &CrawlFolder,
    chunk: usize,
    run: Run,
    sink: &mut Sink,
) -> Result<(), StreamError> {
    sink.notices.extend(folder.before.iter().cloned());
    let Some(items) = &folder.items else {
        return Ok(());
    };
    let before = sink.summary.items;
    if let Err(e) = stream_file(items, None, chunk, run, sink) {
        // As in memory: the folder's error, and nothing after it is read.
        return file_error(dir, items, e, sink);
    }
    match folder.failed() {
        Ok(records) => sink.add_all(worker::check_records(records, run))?,
        Err(e) => {
            sink.notices.push(error_of(dir, e.to_string()));
            return Ok(());
        }
    }
    sink.notices
        .extend(folder.nothing_found((sink.summary.items - before) as u64));
    Ok(())
}

/// Streams a workbook: its reader's records checked a run at a time as they come, its notices
/// kept in the order the in-memory reader gives them (the records before a notice are written
/// first, so that a duplicate code's notice falls where it does there).
fn stream_workbook(
    path: &Path,
    labels: &Labels,
    run: Run,
    sink: &mut Sink,
) -> Result<(), StreamError> {
    let mut pending: Vec<Record> = Vec::new();
    let mut failed: Option<StreamError> = None;
    let mut flush = |pending: &mut Vec<Record>, sink: &mut Sink| {
        let records = std::mem::take(pending);
        if failed.is_none()
            && let Err(e) = sink.add_all(worker::check_records(records, run))
        {
            failed = Some(e);
        }
    };
    let read = crate::source::reader_with_labels(path, labels).and_then(|reader| {
        reader.read(path, &mut |r| match r {
            Record::Notice(n) => {
                flush(&mut pending, sink);
                sink.notices.push(n);
            }
            r => {
                pending.push(r);
                if pending.len() >= crate::check::RUN {
                    flush(&mut pending, sink);
                }
            }
        })
    });
    flush(&mut pending, sink);
    if let Some(e) = failed {
        return Err(e);
    }
    if let Err(e) = read {
        sink.notices.push(error_of(path, e.to_string()));
    }
    Ok(())
}

/// A file that could not be read is a notice of `input` (as the in-memory reader places it) and
/// the run goes on; the output that could not be written ends it.
fn file_error(input: &Path, path: &Path, e: FileError, sink: &mut Sink) -> Result<(), StreamError> {
    match e {
        FileError::Read(source) => {
            let io = SourceError::Io {
                path: path.to_owned(),
                source,
            };
            sink.notices.push(error_of(input, io.to_string()));
            Ok(())
        }
        FileError::Write(e) => Err(e),
    }
}

/// An error notice of the input `path`, as the in-memory reader gives one.
fn error_of(path: &Path, message: String) -> Notice {
    Notice {
        level: NoticeLevel::Error,
        provenance: Provenance::file(path.display().to_string()),
        message,
    }
}

enum FileError {
    Read(std::io::Error),
    Write(StreamError),
}

/// Three stages overlap: a reader thread fills chunks (at most one waits in the channel), the
/// rayon pool checks chunk `k`, and meanwhile chunk `k − 1`'s results are written. The records
/// are `run.layout`'s: the file's lines, or its array, or the array inside it (`embedded`).
fn stream_file(
    path: &Path,
    embedded: Option<&Embedded>,
    chunk: usize,
    run: Run,
    sink: &mut Sink,
) -> Result<(), FileError> {
    let (file, array, empty) = match embedded {
        Some(embedded) => {
            let (file, array) = embedded.open(path).map_err(FileError::Read)?;
            (file, array, embedded.empty)
        }
        None => (
            File::open(path).map_err(FileError::Read)?.take(u64::MAX),
            ArraySplitter::default(),
            EMPTY_ARRAY,
        ),
    };
    // One name for every line's record.
    let name: std::sync::Arc<str> = path.display().to_string().into();
    // Records read by their Chinese labels: one notice for the file, as the in-memory reader's.
    let labelled = Mutex::new(LabelledFile::new(run.tables));
    let result = std::thread::scope(|scope| {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Chunk>(1);
        // Checked chunks go back to the reader, so that their buffers are allocated once: fresh
        // multi-MB buffers per chunk fragment the allocator and let the RSS creep up with N.
        let (free_tx, free_rx) = std::sync::mpsc::channel::<Chunk>();
        let file_name = std::sync::Arc::clone(&name);
        // What it read, and an array's breaks and emptiness (told after its records, as the
        // in-memory reader tells them).
        let reader = scope.spawn(move || {
            let mut send = |c| tx.send(c).is_ok();
            let mut recycle = || free_rx.try_recv().ok();
            match run.layout {
                Layout::Array => {
                    let mut array = array;
                    let read = read_chunks(file, chunk, &mut array, &mut send, &mut recycle);
                    (read, array_notices(&array, &file_name, empty))
                }
                Layout::Lines | Layout::Whole => {
                    let mut lines = Lines::default();
                    let read = read_chunks(file, chunk, &mut lines, &mut send, &mut recycle);
                    (read, Vec::new())
                }
            }
        });
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
        let (read, notices) = reader
            .join()
            .map_err(|_| FileError::Read(std::io::Error::other("reader thread panicked")))?;
        read.map_err(FileError::Read)?;
        sink.notices.extend(notices);
        Ok(())
    });
    let labelled = labelled
        .into_inner()
        .unwrap_or_else(PoisonError::into_inner);
    sink.notices.extend(labelled.notices(&name));
    result
}
