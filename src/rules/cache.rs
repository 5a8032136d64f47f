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
//! [`CheckContext`] (other parameters) drops everything too. The verdicts are the same with and
//! without the cache (see the tests); only the time differs.

use std::any::Any;
use std::cell::RefCell;
use std::hash::{Hash, Hasher};
use std::rc::Rc;

use rustc_hash::FxHasher;

use super::{CheckContext, Verdict, Violation};
use crate::model::list::{KEY_BOUND, Repeats, thread_share};
use crate::model::{Faq, Fee, Intermediary, Item, ItemField, Material, Step};
use crate::source::{ByHash, hash_bytes};

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

/// Slots past the text elements: the child lists.
const MATERIALS: u32 = 48;
const STEPS: u32 = 49;
const FEES: u32 = 50;
const INTERMEDIARIES: u32 = 51;
const FAQS: u32 = 52;
const SLOTS: usize = 53;

/// The elements of an item a rule reads: a set of text fields and child lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reads(u64);

impl Reads {
    /// 申请材料.
    pub const MATERIALS: Reads = Reads(1 << MATERIALS);
    /// 办理流程.
    pub const STEPS: Reads = Reads(1 << STEPS);
    /// 收费项目.
    pub const FEES: Reads = Reads(1 << FEES);
    /// 中介服务.
    pub const INTERMEDIARIES: Reads = Reads(1 << INTERMEDIARIES);
    /// 常见问题.
    pub const FAQS: Reads = Reads(1 << FAQS);

    /// These text fields.
    pub const fn fields(fields: &[ItemField]) -> Reads {
        let mut bits = 0;
        let mut i = 0;
        while i < fields.len() {
            bits |= 1 << fields[i] as u32;
            i += 1;
        }
        Reads(bits)
    }

    /// Both sets.
    #[must_use]
    pub const fn and(self, other: Reads) -> Reads {
        Reads(self.0 | other.0)
    }

    /// The elements of `self` not in `other`.
    #[must_use]
    pub const fn without(self, other: Reads) -> Reads {
        Reads(self.0 & !other.0)
    }

    fn slots(self) -> Slots {
        Slots(self.0)
    }
}

/// The slots of a [`Reads`], in increasing order.
struct Slots(u64);

impl Iterator for Slots {
    type Item = u32;

    #[inline]
    fn next(&mut self) -> Option<u32> {
        if self.0 == 0 {
            return None;
        }
        let slot = self.0.trailing_zeros();
        self.0 &= self.0 - 1;
        Some(slot)
    }
}

const _: () = assert!(ItemField::ALL.len() <= MATERIALS as usize);

/// An element of the item being checked, borrowed.
#[derive(Clone, Copy)]
enum Element<'a> {
    Text(&'a str),
    Materials(&'a [Material]),
    Steps(&'a [Step]),
    Fees(&'a [Fee]),
    Intermediaries(&'a [Intermediary]),
    Faqs(&'a [Faq]),
}

impl<'a> Element<'a> {
    fn of(item: &'a Item, slot: u32) -> Self {
        match slot {
            MATERIALS => Element::Materials(&item.materials),
            STEPS => Element::Steps(&item.steps),
            FEES => Element::Fees(&item.fees),
            INTERMEDIARIES => Element::Intermediaries(&item.intermediaries),
            FAQS => Element::Faqs(&item.faqs),
            field => Element::Text(item.get(ItemField::ALL[field as usize])),
        }
    }

    /// A child list written out as bytes into `buf` (cleared first; a text is compared as it is).
    fn flatten(self, buf: &mut Vec<u8>) {
        buf.clear();
        let mut out = Flatten(buf);
        match self {
            Element::Text(_) => {}
            Element::Materials(v) => v.hash(&mut out),
            Element::Steps(v) => v.hash(&mut out),
            Element::Fees(v) => v.hash(&mut out),
            Element::Intermediaries(v) => v.hash(&mut out),
            Element::Faqs(v) => v.hash(&mut out),
        }
    }
}

/// A [`Hasher`] that keeps what it is fed: the bytes a derived `Hash` writes for a record list.
/// They determine the list: every text is written as its bytes and a `0xFF` (a byte UTF-8 never
/// holds), every list and map with its length first, every `Option` with its variant, numbers in
/// full. So two lists are equal exactly when their bytes are; comparing one run of bytes costs
/// less than comparing a few hundred texts one by one, and storing it one allocation.
struct Flatten<'a>(&'a mut Vec<u8>);

impl Hasher for Flatten<'_> {
    fn finish(&self) -> u64 {
        unreachable!("only written to")
    }

    fn write(&mut self, bytes: &[u8]) {
        self.0.extend_from_slice(bytes);
    }

    // The fixed-size writes as stores, not a `write` of a slice each (every text ends with a
    // `write_u8(0xFF)`, every list and `Option` writes a `usize` or `isize`).
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.0.push(i);
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.0.extend_from_slice(&i.to_ne_bytes());
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.0.extend_from_slice(&i.to_ne_bytes());
    }

    #[inline]
    fn write_isize(&mut self, i: isize) {
        self.0.extend_from_slice(&i.to_ne_bytes());
    }
}

/// The key of the item's list in `slot` if it was shared when parsed
/// ([`crate::model::List::key`]): equal keys, equal lists.
fn list_key(item: &Item, slot: u32) -> Option<u32> {
    match slot {
        MATERIALS => item.materials.key(),
        STEPS => item.steps.key(),
        FEES => item.fees.key(),
        INTERMEDIARIES => item.intermediaries.key(),
        FAQS => item.faqs.key(),
        _ => None,
    }
}

/// The distinct values of one element, by hash.
#[derive(Default)]
struct Slot {
    ids: ByHash<u32>,
    /// Each value's bytes: a text's, or a list's [`Flatten`]ed form. Value `i` has id
    /// `KEY_BOUND + i` (the ids below are the keys of lists shared when parsed).
    values: Vec<Box<[u8]>>,
    /// Whether the element's values come back.
    repeats: Repeats,
}

/// A cached result: a rule's verdict, or a rule's own partial result ([`memo`]).
enum Value {
    Verdict(Verdict),
    Other(Rc<dyn Any>),
}

struct Entry {
    /// Who computed it: a rule id, or the name of a rule's partial result.
    owner: &'static str,
    /// The elements it depends on, and their ids.
    reads: Reads,
    ids: Box<[u32]>,
    value: Value,
}

/// An item's element ids: not looked up yet, or equal to no storable value (a hash collision).
const UNKNOWN: u32 = u32::MAX;
const UNSHARED: u32 = u32::MAX - 1;

/// An item being checked: its element ids found so far, its master (基本编码) and the guesses
/// for its elements from the master's last item.
struct InFlight {
    item: *const Item,
    ids: [u32; SLOTS],
    master: u64,
    hint: [u32; SLOTS],
}

struct Cache {
    /// [`Prepared::serial`](super::Prepared) of the context the entries were computed under.
    context: u64,
    slots: Vec<Slot>,
    entries: ByHash<Entry>,
    bytes: usize,
    /// The items being checked by [`RuleSet::check_items`](super::RuleSet::check_items), each
    /// with its element ids so far and its guesses, and which of them a rule is checking now.
    batch: Vec<InFlight>,
    current: usize,
    /// Scratch space for a flattened list.
    flat: Vec<u8>,
    /// Per master (基本编码), the element ids of its last item: the first guess for the
    /// next one, which a claim's elements mostly repeat (a guess is compared in full like any
    /// stored value; it only saves the hashing).
    hints: ByHash<Box<[u32; SLOTS]>>,
    /// [`THREAD_BUDGET`], but smaller in the tests.
    budget: usize,
    /// Results shared so far (for the tests: sharing must happen for the equality to mean much).
    hits: u64,
}

impl Cache {
    fn new() -> Self {
        Self {
            context: 0,
            slots: (0..SLOTS).map(|_| Slot::default()).collect(),
            entries: ByHash::default(),
            bytes: 0,
            batch: Vec::new(),
            current: 0,
            flat: Vec::new(),
            hints: ByHash::default(),
            budget: thread_share(THREAD_BUDGET, BUDGET),
            hits: 0,
        }
    }

    fn clear(&mut self) {
        for slot in &mut self.slots {
            // What is known of how the element repeats stays.
            slot.ids = ByHash::default();
            slot.values = Vec::new();
        }
        self.entries = ByHash::default();
        self.hints = ByHash::default();
        self.bytes = 0;
    }

    /// The id of the item's element in `slot`, storing it when new.
    fn id(&mut self, item: &Item, slot: u32) -> u32 {
        let known = self.batch[self.current].ids[slot as usize];
        if known != UNKNOWN {
            return known;
        }
        // A list shared when it was parsed is known by its key (below `KEY_BOUND`), uncompared.
        let ids = &mut self.batch[self.current].ids;
        if let Some(key) = list_key(item, slot) {
            ids[slot as usize] = key;
            return key;
        }
        let table = &mut self.slots[slot as usize];
        if table.repeats.rest() {
            ids[slot as usize] = UNSHARED;
            return UNSHARED;
        }
        // A slot holds texts or lists, never both: its values compare as bytes.
        let element = Element::of(item, slot);
        let bytes: &[u8] = if let Element::Text(text) = element {
            text.as_bytes()
        } else {
            element.flatten(&mut self.flat);
            &self.flat
        };
        let table = &mut self.slots[slot as usize];
        let now = &mut self.batch[self.current];
        let guess = now.hint[slot as usize];
        if let Some(value) = guess
            .checked_sub(KEY_BOUND)
            .and_then(|i| table.values.get(i as usize))
            && **value == *bytes
        {
            table.repeats.count(true);
            now.ids[slot as usize] = guess;
            return guess;
        }
        let hash = hash_bytes(bytes);
        let id = match table.ids.get(&hash) {
            Some(&id) if *table.values[(id - KEY_BOUND) as usize] == *bytes => {
                table.repeats.count(true);
                id
            }
            Some(_) => UNSHARED,
            None => {
                table.repeats.count(false);
                let id = u32::try_from(table.values.len())
                    .ok()
                    .and_then(|i| i.checked_add(KEY_BOUND))
                    .filter(|&id| id < UNSHARED)
                    .unwrap_or(UNSHARED);
                if id != UNSHARED {
                    table.values.push(bytes.into());
                    table.ids.insert(hash, id);
                    // The bytes, and a round figure for the entry and the allocator.
                    self.bytes += bytes.len() + 48;
                }
                id
            }
        };
        now.ids[slot as usize] = id;
        id
    }

    /// The hash of `owner`'s result on the current item, with the ids of the elements in `reads`
    /// found (they stay valid while the item is checked); `None` when an element cannot be
    /// shared.
    fn key(&mut self, item: &Item, owner: &'static str, reads: Reads) -> Option<u64> {
        let mut h = FxHasher::default();
        // The owner by address: its text is compared on a hit (an owner written twice in the
        // code would only keep two entries apart).
        h.write_usize(owner.as_ptr() as usize);
        for slot in reads.slots() {
            let id = self.id(item, slot);
            if id == UNSHARED {
                return None;
            }
            h.write_u32(id);
        }
        Some(h.finish())
    }

    /// `owner`'s result on the current item, after [`Cache::key`] gave `hash`.
    fn get(&mut self, hash: u64, owner: &'static str, reads: Reads) -> Option<&Value> {
        let ids = &self.batch[self.current].ids;
        // The owner by address and length: a `&'static str` literal.
        let found = self.entries.get(&hash).filter(|e| {
            std::ptr::eq(e.owner, owner)
                && e.reads == reads
                && e.ids
                    .iter()
                    .zip(reads.slots())
                    .all(|(&id, slot)| ids[slot as usize] == id)
        });
        self.hits += u64::from(found.is_some());
        found.map(|e| &e.value)
    }

    /// Keeps `owner`'s result on the current item, after [`Cache::key`] gave `hash`.
    fn put(&mut self, hash: u64, owner: &'static str, reads: Reads, value: Value, size: usize) {
        let now = &self.batch[self.current].ids;
        let ids: Box<[u32]> = reads.slots().map(|slot| now[slot as usize]).collect();
        self.bytes += size + 64 + 4 * ids.len();
        self.entries.insert(
            hash,
            Entry {
                owner,
                reads,
                ids,
                value,
            },
        );
    }

    /// Keeps each item's element ids as the guesses for its master's next item, in order.
    fn remember_masters(&mut self) {
        let bytes = &mut self.bytes;
        for done in &self.batch {
            let hint = self.hints.entry(done.master).or_insert_with(|| {
                *bytes += 4 * SLOTS + 48;
                Box::new([UNKNOWN; SLOTS])
            });
            for (guess, &id) in hint.iter_mut().zip(&done.ids) {
                if id < UNSHARED {
                    *guess = id;
                }
            }
        }
        self.batch.clear();
    }

    /// Drops everything once over budget (after the batch: its ids stay valid while it is checked).
    fn trim(&mut self) {
        if self.bytes > self.budget {
            self.clear();
        }
    }
}

thread_local! {
    static CACHE: RefCell<Cache> = RefCell::new(Cache::new());
}

/// While it lives, [`RuleSet::check_items`](super::RuleSet::check_items) is checking `items` on
/// this thread with the cache: [`verdict`] and [`memo`] may share results for the one
/// [`BatchScope::select`]ed.
pub(super) struct BatchScope(());

impl BatchScope {
    pub(super) fn begin<'a>(items: impl IntoIterator<Item = &'a Item>, ctx: &CheckContext) -> Self {
        let serial = ctx.prepared().serial;
        CACHE.with_borrow_mut(|c| {
            if c.context != serial {
                c.clear();
                c.context = serial;
            }
            c.batch.clear();
            for item in items {
                let master = hash_bytes(item.basic_code.as_bytes());
                let hint = c.hints.get(&master).map_or([UNKNOWN; SLOTS], |h| **h);
                c.batch.push(InFlight {
                    item,
                    ids: [UNKNOWN; SLOTS],
                    master,
                    hint,
                });
            }
            c.current = 0;
        });
        BatchScope(())
    }

    /// The rules check the `k`th item of the batch next.
    #[expect(
        clippy::unused_self,
        reason = "a method of the scope: an item is selected only while its batch is begun"
    )]
    pub(super) fn select(&self, k: usize) {
        CACHE.with_borrow_mut(|c| c.current = k);
    }
}

impl Drop for BatchScope {
    fn drop(&mut self) {
        CACHE.with_borrow_mut(|c| {
            c.remember_masters();
            c.trim();
        });
    }
}

/// Whether `item` is the item being checked with the cache on this thread.
fn in_scope(c: &Cache, item: &Item) -> bool {
    c.batch
        .get(c.current)
        .is_some_and(|now| std::ptr::eq(now.item, item))
}

/// The verdict of rule `owner` (which reads `reads`) on `item`: shared with an earlier item with
/// the same elements, or `check`ed and kept. Outside a [`BatchScope`] (or for an item not
/// selected in it) it is checked.
pub(super) fn verdict(
    item: &Item,
    owner: &'static str,
    reads: Reads,
    check: impl FnOnce() -> Verdict,
) -> Verdict {
    let found = CACHE.with_borrow_mut(|c| {
        if !in_scope(c, item) {
            return None;
        }
        let hash = c.key(item, owner, reads)?;
        match c.get(hash, owner, reads) {
            Some(Value::Verdict(v)) => Some(Ok(v.clone())),
            _ => Some(Err(hash)),
        }
    });
    match found {
        Some(Ok(v)) => v,
        None => check(),
        Some(Err(hash)) => {
            let v = check();
            CACHE.with_borrow_mut(|c| {
                // The item's ids are still those `hash` was made of (they change with the item).
                if in_scope(c, item) {
                    let size = verdict_size(&v);
                    c.put(hash, owner, reads, Value::Verdict(v.clone()), size);
                }
            });
            v
        }
    }
}

/// A rule's partial result on `item` named `owner`, that depends only on the elements `reads`:
/// shared with an earlier item with the same elements, or `compute`d and kept. `size` estimates
/// the bytes a result holds. Outside a `BatchScope` (a rule called directly) it is computed.
pub fn memo<T: Any>(
    item: &Item,
    owner: &'static str,
    reads: Reads,
    size: impl Fn(&T) -> usize,
    compute: impl FnOnce() -> T,
) -> Rc<T> {
    let found = CACHE.with_borrow_mut(|c| {
        if !in_scope(c, item) {
            return None;
        }
        let hash = c.key(item, owner, reads)?;
        match c.get(hash, owner, reads) {
            Some(Value::Other(v)) => Some(Ok(Rc::clone(v))),
            _ => Some(Err(hash)),
        }
    });
    match found {
        Some(Ok(v)) => match v.downcast::<T>() {
            Ok(v) => v,
            Err(_) => Rc::new(compute()),
        },
        None => Rc::new(compute()),
        Some(Err(hash)) => {
            let v = Rc::new(compute());
            CACHE.with_borrow_mut(|c| {
                if in_scope(c, item) {
                    let any: Rc<dyn Any> = v.clone();
                    c.put(hash, owner, reads, Value::Other(any), size(&v));
                }
            });
            v
        }
    }
}

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

#[cfg(test)]
impl Reads {
    /// `to`'s elements in `self` replaced by `from`'s.
    pub(crate) fn copy(self, from: &Item, to: &mut Item) {
        for slot in self.slots() {
            match slot {
                MATERIALS => to.materials.clone_from(&from.materials),
                STEPS => to.steps.clone_from(&from.steps),
                FEES => to.fees.clone_from(&from.fees),
                INTERMEDIARIES => to.intermediaries.clone_from(&from.intermediaries),
                FAQS => to.faqs.clone_from(&from.faqs),
                field => {
                    let field = ItemField::ALL[field as usize];
                    from.get(field).clone_into(to.get_mut(field));
                }
            }
        }
    }
}

/// What this thread's cache holds: bytes, distinct values stored, results, and how many
/// results it has shared.
#[cfg(test)]
pub(super) fn held() -> (usize, usize, usize, u64) {
    CACHE.with_borrow(|c| {
        let values = c.slots.iter().map(|s| s.values.len()).sum();
        (c.bytes, values, c.entries.len(), c.hits)
    })
}

/// Sets this thread's budget (and empties its cache).
#[cfg(test)]
pub(super) fn set_budget(bytes: usize) {
    CACHE.with_borrow_mut(|c| {
        c.clear();
        c.budget = bytes;
    });
}

#[cfg(test)]
mod tests;
