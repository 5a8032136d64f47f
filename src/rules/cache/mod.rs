//! 判定复用 — verdicts shared by the items that repeat the same text.
//!
//! A province's 实施清单 are claims of the masters (母版) its departments issue: every county,
//! township and city department that implements an item claims the master and fills in its own
//! elements (个性要素: 实施主体, 办理地点, 电话 …). So most elements of an item are, word for word,
//! those of dozens or hundreds of other items. A rule is a pure function of the elements it reads
//! ([`Rule::reads`](super::Rule::reads)), so its verdict on one item is its verdict on every item
//! with the same text in those elements, and need not be worked out again.
//!
//! Per thread, the cache keeps
//! - the distinct texts of each element (and the distinct lists of materials, steps, fees,
//!   intermediaries and FAQs) seen so far, each stored once under a small id. An item's element
//!   gets an id only when it is **equal** to the stored one, compared in full: two different texts
//!   never share a verdict, whatever their hashes (a hash collision only costs a miss);
//! - verdicts (and [`memo`]ised partial results) keyed by who computed them and the ids of the
//!   elements they read;
//! - per master (基本编码), the element ids of its last item. A claim repeats most of them, so
//!   each is tried first: compared in full, it spares hashing the element.
//!
//! A list shared when it was parsed ([`crate::model::list`]) comes with a key that numbers its
//! JSON text: equal keys are equal lists, so such a list is neither written out nor compared.
//!
//! An element whose values do not come back (every claim rewrites its materials, say) is left
//! out for a while (`Repeats`): when fewer than one look-up in four of a window found a stored
//! value, the next look-ups share nothing for it, without hashing, copying or filling the budget.
//!
//! Memory is bounded: when what a thread stores passes [`THREAD_BUDGET`] bytes (less with many
//! threads: at most [`BUDGET`] over all of them), everything is dropped and filling starts
//! again, so a run over 10^6 items holds no more than one over 10^4. A change of
//! [`CheckContext`](super::CheckContext) (other parameters) drops everything too. The verdicts
//! are the same with and without the cache (see the tests); only the time differs.
//!
//! This file holds the budgets and the size estimates rules give [`memo`]. Not here: the
//! elements a rule reads ([`Reads`], in `reads`), an element as the cache compares it
//! (`element`), the per-thread store and the look-ups through it (`verdict`, [`memo`], in
//! `store`), the tests (`tests`).

use super::{Verdict, Violation};

mod element;
mod reads;
mod store;
#[cfg(test)]
mod tests;

#[cfg(test)]
use reads::MATERIALS;
pub use reads::Reads;
#[cfg(test)]
use store::CACHE;
pub use store::memo;
pub(super) use store::{BatchScope, verdict};
#[cfg(test)]
pub(super) use store::{held, set_budget};

/// Bytes of texts, lists and results a thread keeps: past them it drops what it keeps and starts
/// again. Where a master's claims come close together (an export by department), a small cache
/// finds most of what a large one would, and it stays in the processor's caches: a check of 10^6
/// such items with 2 threads took about 6 % less CPU time and 70 MB less memory with this budget
/// than with four times as much. Where they are a region apart (an export by 区划), no size up to
/// 256 MB shared enough to pay for its memory (BENCHMARKS.md, session 10).
pub const THREAD_BUDGET: usize = 6 << 20;

/// Bytes all threads keep together, at most: with many threads each keeps less than
/// [`THREAD_BUDGET`] (`thread_share`), so memory does not grow with the cores.
pub const BUDGET: usize = 48 << 20;

/// About how many bytes a verdict holds.
pub(super) fn verdict_size(v: &Verdict) -> usize {
    match v {
        Verdict::NotApplicable => 0,
        Verdict::Checked(list) => list.iter().map(violation_size).sum(),
    }
}

/// About how many bytes a violation holds: what a [`memo`]ised partial result's `size` counts.
pub fn violation_size(v: &Violation) -> usize {
    120 + v.message.len()
        + v.evidence.len()
        + v.target.as_ref().map_or(0, String::len)
        + v.suggestion.as_ref().map_or(0, String::len)
        + v.provenance.as_ref().map_or(0, |p| 64 + p.source.len())
}

/// Violations kept with their elements' positions, gathered from parts that are each in element
/// order: the violations in element order (a stable sort, so at one position the parts keep
/// their order), as a check of every element in turn gives them.
pub fn in_element_order(mut all: Vec<(usize, Violation)>) -> Vec<Violation> {
    all.sort_by_key(|&(i, _)| i);
    all.into_iter().map(|(_, v)| v).collect()
}

/// [`violation_size`] of violations kept with their elements' positions.
pub fn positioned_size(list: &[(usize, Violation)]) -> usize {
    list.iter().map(|(_, v)| 8 + violation_size(v)).sum()
}
