//! What the rayon workers do with a chunk: parse its lines into items, check them, and
//! serialise each item's entry and findings as the report will hold them ([`Checked`]).
//!
//! Not here: reading the lines (`read`), counting and writing the results (`sink`).

use std::sync::{Mutex, PoisonError};

use rayon::prelude::*;

use crate::check::{BATCH, Slot, check_slots};
use crate::model::list::sharing_parsed;
use crate::model::{Finding, RawLineFacts};
use crate::report::ItemEntry;
use crate::report::json::OutcomeLines;
use crate::rules::{CheckContext, RuleSet};
use crate::source::Record;
use crate::source::chunks::Chunk;
use crate::source::json::{Layout, span_record};
use crate::source::json_labels::{LabelTables, LabelledFile};

/// What checking a line needs.
#[derive(Clone, Copy)]
pub(super) struct Run<'a> {
    pub(super) rules: &'a RuleSet,
    pub(super) ctx: &'a CheckContext,
    /// The entries' outcome lines, precomputed for the rules.
    pub(super) lines: &'a OutcomeLines,
    /// Header tables for lines keyed by Chinese labels.
    pub(super) tables: &'a LabelTables,
    /// How the file's records are laid out.
    pub(super) layout: Layout,
}

/// One line's result, serialised on the worker thread.
pub(super) struct Checked {
    /// The entry as an element of the report's `items`.
    pub(super) entry_json: Vec<u8>,
    /// The findings as elements of the report's `findings`, joined by `,\n`.
    pub(super) findings_json: Vec<u8>,
    pub(super) entry: ItemEntry,
    pub(super) findings: Vec<Finding>,
}

pub(super) fn check_chunk(
    c: &Chunk,
    name: &std::sync::Arc<str>,
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
                .filter_map(|span| {
                    let line = &c.buf[span.start..span.end];
                    let record = sharing_parsed(share_lists, || {
                        span_record(line, name, span, run.layout, &mut by_labels)
                    });
                    Some(match record? {
                        Record::Item(mut item) => {
                            if line_facts {
                                item.raw_facts = RawLineFacts::of_line(line);
                            }
                            Slot::Item(item)
                        }
                        Record::Unreadable(u) => Slot::Unreadable(u),
                        // The readers yield no notices per record.
                        Record::Notice(_) => return None,
                    })
                })
                .collect();
            if !by_labels.is_empty() {
                labelled
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .merge(by_labels);
            }
            checked(slots, run)
        })
        .collect()
}

/// Records read by a reader (a workbook's, a crawl's failed pages), checked and serialised as a
/// chunk's are, a batch to a thread.
pub(super) fn check_records(records: Vec<Record>, run: Run) -> Vec<Checked> {
    let slots: Vec<Slot> = records
        .into_iter()
        .filter_map(|r| match r {
            Record::Item(item) => Some(Slot::Item(item)),
            Record::Unreadable(u) => Some(Slot::Unreadable(u)),
            Record::Notice(_) => None,
        })
        .collect();
    slots
        .into_par_iter()
        .chunks(BATCH)
        .flat_map_iter(|batch| checked(batch, run))
        .collect()
}

/// Slots checked, each with its entry and findings serialised.
fn checked(slots: Vec<Slot>, run: Run) -> impl Iterator<Item = Checked> {
    check_slots(slots, run.rules, run.ctx)
        .into_iter()
        .map(move |(entry, findings)| {
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
