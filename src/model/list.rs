//! The child lists of an item (申请材料, 办理流程, 收费项目, 中介服务, 常见问题), shared between
//! the items that publish the same one.
//!
//! A province's items are mostly claims of a few thousand masters, and a claim repeats its
//! master's lists byte for byte: the same dozen materials with their notes and forms, the same
//! steps, the same FAQs. The lists are about three quarters of the cost of parsing an item, so
//! while [`sharing_parsed`] is on, a list is first found as its raw JSON text (by a scan of the
//! item's structure, [`from_str`], or else read as a raw value), and a text seen before on this
//! thread gives back the list parsed then (an [`Arc`]), without parsing it again.
//! The texts are compared in full, so two lists share only when their JSON is the same; a list
//! parsed from the same text is the same list, whatever reads it.
//!
//! A shared list carries a [`List::key`]: one number per distinct text, never reused in the
//! process, so the verdict cache can tell two items' lists are equal without comparing them.
//! Changing a list (through `DerefMut`) drops its key.
//!
//! A kind of list whose texts do not come back (every claim rewrites its materials, say) is
//! left out for a while, as in the verdict cache (`Repeats`): reading the raw text first only
//! pays when it is found again. Memory is bounded: past its share ([`THREAD_BUDGET`], less with
//! many threads) a thread drops what it keeps and starts again.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::hash::{Hash, Hasher};
use std::ops::{Deref, DerefMut};
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

use serde::de::{DeserializeOwned, Error as _, IgnoredAny};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{Faq, Fee, Intermediary, Material, Step};
use crate::source::{ByHash, hash_bytes};

/// A child list of an item: a `Vec` that items publishing the same list share.
pub struct List<T> {
    items: Arc<Vec<T>>,
    /// [`NO_KEY`], or the number of the JSON text the list was parsed from.
    key: u32,
}

const NO_KEY: u32 = u32::MAX;

/// Keys are below this bound; the verdict cache numbers its own values above it.
pub const KEY_BOUND: u32 = 1 << 31;

/// The next key, for the whole process: a list parsed on one thread and checked on another still
/// has a key that means one text only.
static NEXT_KEY: AtomicU32 = AtomicU32::new(0);

impl<T> List<T> {
    /// The number of the JSON text this list was parsed from, if it was shared (two lists with
    /// the same key are equal); `None` for a list built or changed in code.
    pub fn key(&self) -> Option<u32> {
        (self.key != NO_KEY).then_some(self.key)
    }

    /// Whether the list is empty (for `skip_serializing_if`).
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

impl<T> Deref for List<T> {
    type Target = Vec<T>;

    fn deref(&self) -> &Vec<T> {
        &self.items
    }
}

/// Changing a list makes it the item's own (copied if shared) and drops its key.
impl<T: Clone> DerefMut for List<T> {
    fn deref_mut(&mut self) -> &mut Vec<T> {
        self.key = NO_KEY;
        Arc::make_mut(&mut self.items)
    }
}

impl<T> From<Vec<T>> for List<T> {
    fn from(items: Vec<T>) -> Self {
        Self {
            items: Arc::new(items),
            key: NO_KEY,
        }
    }
}

impl<T> FromIterator<T> for List<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        Vec::from_iter(iter).into()
    }
}

impl<'a, T> IntoIterator for &'a List<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}

/// Changing the records makes the list the item's own, as through `DerefMut`.
impl<'a, T: Clone> IntoIterator for &'a mut List<T> {
    type Item = &'a mut T;
    type IntoIter = std::slice::IterMut<'a, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.deref_mut().iter_mut()
    }
}

impl<T> Default for List<T> {
    fn default() -> Self {
        Vec::new().into()
    }
}

impl<T> Clone for List<T> {
    fn clone(&self) -> Self {
        Self {
            items: Arc::clone(&self.items),
            key: self.key,
        }
    }
}

impl<T: std::fmt::Debug> std::fmt::Debug for List<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.items.fmt(f)
    }
}

impl<T: PartialEq> PartialEq for List<T> {
    fn eq(&self, other: &Self) -> bool {
        self.items == other.items
    }
}

impl<T: Eq> Eq for List<T> {}

/// As the `Vec`: the key is not data.
impl<T: Hash> Hash for List<T> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.items.hash(state);
    }
}

impl<T: Serialize> Serialize for List<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.items.serialize(s)
    }
}

/// A record a [`List`] holds: which of a thread's tables its parsed lists are kept in.
pub trait Shared: DeserializeOwned + Clone + Send + Sync + 'static {
    /// Its table.
    const KIND: usize;
}

impl Shared for Material {
    const KIND: usize = 0;
}
impl Shared for Step {
    const KIND: usize = 1;
}
impl Shared for Fee {
    const KIND: usize = 2;
}
impl Shared for Intermediary {
    const KIND: usize = 3;
}
impl Shared for Faq {
    const KIND: usize = 4;
}
const KINDS: usize = 5;

/// As a `Vec`, or (while [`sharing_parsed`] is on, from `serde_json` reading a borrowed text)
/// through this thread's table of parsed lists.
impl<'de, T: Shared> Deserialize<'de> for List<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // `null` is how exports write "no list": an empty list, not an unreadable item.
        let plain =
            |d: D| Option::<Vec<T>>::deserialize(d).map(|v| List::from(v.unwrap_or_default()));
        if !SHARING.get() {
            return plain(d);
        }
        let pending = PENDING.with_borrow_mut(|p| match p[T::KIND] {
            Pending::Unscanned => Pending::Unscanned,
            _ => std::mem::replace(&mut p[T::KIND], Pending::Plain),
        });
        match pending {
            Pending::Found(items, key) => {
                // The `0` that stands for the list in the text `from_str` parses.
                IgnoredAny::deserialize(d)?;
                let items = items
                    .downcast::<Vec<T>>()
                    .expect("a kind's table holds lists of its records");
                return Ok(List { items, key });
            }
            Pending::Plain => return plain(d),
            Pending::Unscanned => {}
        }
        if TABLES.with_borrow_mut(|t| t.resting(T::KIND)) {
            return plain(d);
        }
        let raw = <&'de serde_json::value::RawValue>::deserialize(d)?;
        if raw.get() == "null" {
            return Ok(List::default());
        }
        TABLES
            .with_borrow_mut(|t| t.list::<T>(raw.get()))
            .map_err(D::Error::custom)
    }
}

thread_local! {
    static SHARING: Cell<bool> = const { Cell::new(false) };
    static TABLES: RefCell<Tables> = RefCell::new(Tables::default());
    /// [`from_str`]'s copy of the text.
    static BUFFER: Cell<String> = const { Cell::new(String::new()) };
    /// The lists [`from_str`] looked up before handing the rest of the text to `serde_json`.
    static PENDING: RefCell<[Pending; KINDS]> = const { RefCell::new([const { Pending::Unscanned }; KINDS]) };
}

/// What [`from_str`] found of one kind of list, for `List::deserialize` to take.
enum Pending {
    /// The text was not scanned: the list is read as a raw text and looked up there.
    Unscanned,
    /// The list, looked up (the text holds `0` in its place), and its key.
    Found(Arc<dyn Any + Send + Sync>, u32),
    /// Not looked up (absent, resting, or not a list that parses on its own): parsed in place.
    Plain,
}

/// `serde_json::from_str` for an item's text: while lists are shared ([`sharing_parsed`]), the
/// lists of the top-level object are found by a scan of its structure (`spans.rs`) and looked up
/// first, and `serde_json` reads a copy of the text with each list found replaced by `0`
/// (reading each list as a raw value through `serde_json` was a fifth of the instructions of an
/// item with every rule; the scan costs a third of that). A text the scan cannot follow is parsed
/// as it is, each list read as a raw value.
pub fn from_str<R: DeserializeOwned>(text: &str) -> serde_json::Result<R> {
    struct Reset;
    impl Drop for Reset {
        fn drop(&mut self) {
            PENDING.with_borrow_mut(|p| *p = [const { Pending::Unscanned }; KINDS]);
        }
    }
    // While the long lists' texts do not come back, the scan would find them only to parse
    // them in place (fees and intermediaries, often `[]` or the same few, are not worth it).
    if !SHARING.get() || TABLES.with_borrow(Tables::long_lists_resting) {
        return serde_json::from_str(text);
    }
    let Some(spans) = spans::list_spans(text.as_bytes()) else {
        return serde_json::from_str(text);
    };
    let mut found = [const { Pending::Plain }; KINDS];
    // The copy's buffer is this thread's, kept between items: a fresh one is memory no cache
    // holds (writing it cost more cache misses than the rest of the parse).
    let mut rest = BUFFER.take();
    rest.clear();
    rest.reserve(text.len());
    let mut copied = 0;
    TABLES.with_borrow_mut(|t| {
        for (kind, span) in spans.iter().cloned() {
            if t.resting(kind) {
                continue;
            }
            let Some((items, key)) = t.any_list(kind, &text[span.clone()]) else {
                continue;
            };
            found[kind] = Pending::Found(items, key);
            rest.push_str(&text[copied..span.start]);
            rest.push('0');
            copied = span.end;
        }
    });
    let _reset = Reset;
    PENDING.set(found);
    if copied == 0 {
        BUFFER.set(rest);
        return serde_json::from_str(text);
    }
    rest.push_str(&text[copied..]);
    let parsed = serde_json::from_str(&rest);
    // Not kept when an item was far longer than most (a whole file's object).
    if rest.capacity() <= 1 << 20 {
        BUFFER.set(rest);
    }
    parsed
}

/// Runs `parse` with lists shared through this thread's tables (`on`) or not. `parse` must read
/// with `serde_json` from a borrowed text (`from_str`, `from_slice`): a shared list is first read
/// as a [`RawValue`](serde_json::value::RawValue). Its error, if any, may differ from the one an
/// unshared parse gives (a list is parsed on its own); parse again without sharing to report it.
pub fn sharing_parsed<R>(on: bool, parse: impl FnOnce() -> R) -> R {
    struct Reset(bool);
    impl Drop for Reset {
        fn drop(&mut self) {
            SHARING.set(self.0);
        }
    }
    let _reset = Reset(SHARING.replace(on));
    parse()
}

/// Whether lists are being shared on this thread ([`sharing_parsed`]).
pub fn sharing() -> bool {
    SHARING.get()
}

/// Bytes of texts and lists a thread keeps: past them it drops what it keeps and starts again.
/// Small for the reason the verdict cache's [`THREAD_BUDGET`](crate::rules::cache::THREAD_BUDGET)
/// is small.
pub const THREAD_BUDGET: usize = 4 << 20;

/// Bytes of texts and lists all threads keep together, at most: with many threads each keeps
/// less than [`THREAD_BUDGET`] (`thread_share`).
pub const BUDGET: usize = 32 << 20;

/// A thread's budget: `per_thread`, or its share of `total` over all threads when that is less,
/// so memory does not grow past `total` with the cores (with 8 threads, per-thread budgets once
/// took a check of 10^6 items from 234 to 498 MB). At least 1 MB, below which a cache keeps too
/// little to be worth its work.
pub(crate) fn thread_share(per_thread: usize, total: usize) -> usize {
    per_thread
        .min(total / rayon::current_num_threads().max(1))
        .max(1 << 20)
}

/// Look-ups after which a table judges whether its values repeat.
pub(crate) const WINDOW: u32 = 1024;
/// Look-ups for which values that did not repeat are not kept.
pub(crate) const REST: u32 = 16 * WINDOW;

/// Whether the values looked up in a table come back, judged over windows of [`WINDOW`] look-ups:
/// when fewer than one in four found a stored value, the next [`REST`] look-ups store nothing.
/// Storing values that never come back costs the work for nothing, and fills the budget, which
/// drops the values that do come back.
#[derive(Default)]
pub(crate) struct Repeats {
    /// Values stored and values found again in the current window.
    stored: u32,
    found: u32,
    /// Look-ups left for which nothing is stored.
    resting: u32,
}

impl Repeats {
    /// Counts a look-up; once a window is full, whether the values repeat enough to be kept.
    pub(crate) fn count(&mut self, found: bool) {
        if found {
            self.found += 1;
        } else {
            self.stored += 1;
        }
        if self.found + self.stored >= WINDOW {
            if self.found * 4 < WINDOW {
                self.resting = REST;
            }
            self.found = 0;
            self.stored = 0;
        }
    }

    /// Whether this look-up is one of those that store nothing (counting it).
    pub(crate) fn rest(&mut self) -> bool {
        if self.resting > 0 {
            self.resting -= 1;
            true
        } else {
            false
        }
    }
}

/// One distinct JSON text of a list, and the list parsed from it.
struct Parsed {
    raw: Box<str>,
    key: u32,
    list: Arc<dyn Any + Send + Sync>,
}

#[derive(Default)]
struct Table {
    by_hash: ByHash<u32>,
    values: Vec<Parsed>,
    repeats: Repeats,
}

struct Tables {
    kinds: [Table; KINDS],
    bytes: usize,
    /// [`THREAD_BUDGET`], but smaller in the tests.
    budget: usize,
}

impl Default for Tables {
    fn default() -> Self {
        Self {
            kinds: Default::default(),
            bytes: 0,
            budget: thread_share(THREAD_BUDGET, BUDGET),
        }
    }
}

impl Tables {
    /// Whether the kinds of long lists (materials, steps, FAQs) are resting, without counting a
    /// look-up.
    fn long_lists_resting(&self) -> bool {
        [Material::KIND, Step::KIND, Faq::KIND]
            .iter()
            .all(|&k| self.kinds[k].repeats.resting > 0)
    }

    fn resting(&mut self, kind: usize) -> bool {
        self.kinds[kind].repeats.rest()
    }

    /// [`Tables::list`] of the kind `kind`, the list as any: `None` when `raw` is not a list of
    /// its records.
    fn any_list(&mut self, kind: usize, raw: &str) -> Option<(Arc<dyn Any + Send + Sync>, u32)> {
        fn erase<T: Shared>(
            list: serde_json::Result<List<T>>,
        ) -> Option<(Arc<dyn Any + Send + Sync>, u32)> {
            list.ok()
                .map(|l| (l.items as Arc<dyn Any + Send + Sync>, l.key))
        }
        match kind {
            Material::KIND => erase(self.list::<Material>(raw)),
            Step::KIND => erase(self.list::<Step>(raw)),
            Fee::KIND => erase(self.list::<Fee>(raw)),
            Intermediary::KIND => erase(self.list::<Intermediary>(raw)),
            Faq::KIND => erase(self.list::<Faq>(raw)),
            _ => None,
        }
    }

    /// The list parsed from `raw`: the one kept for the same text, or parsed and kept.
    fn list<T: Shared>(&mut self, raw: &str) -> serde_json::Result<List<T>> {
        let hash = hash_bytes(raw.as_bytes());
        let table = &mut self.kinds[T::KIND];
        match table.by_hash.get(&hash) {
            Some(&i) if *table.values[i as usize].raw == *raw => {
                let p = &table.values[i as usize];
                if let Ok(items) = Arc::clone(&p.list).downcast::<Vec<T>>() {
                    table.repeats.count(true);
                    return Ok(List { items, key: p.key });
                }
            }
            // Another text with the same hash: not shared.
            Some(_) => return serde_json::from_str::<Vec<T>>(raw).map(List::from),
            None => {}
        }
        table.repeats.count(false);
        let items = Arc::new(serde_json::from_str::<Vec<T>>(raw)?);
        let key = NEXT_KEY.fetch_add(1, Ordering::Relaxed);
        if key >= KEY_BOUND {
            // Numbers for 2^31 texts used up: lists are no longer numbered (nor kept).
            NEXT_KEY.store(KEY_BOUND, Ordering::Relaxed);
            return Ok(List { items, key: NO_KEY });
        }
        let index = u32::try_from(table.values.len()).expect("fewer than 2^32 lists per budget");
        table.by_hash.insert(hash, index);
        table.values.push(Parsed {
            raw: raw.into(),
            key,
            list: Arc::clone(&items) as Arc<dyn Any + Send + Sync>,
        });
        // The text; the parsed records, and their texts' allocations (counted as twice the
        // text, for the allocator's rounding of many short texts); a round figure for the entry.
        self.bytes += 3 * raw.len() + items.len() * std::mem::size_of::<T>() + 96;
        if self.bytes > self.budget {
            for t in &mut self.kinds {
                t.by_hash = ByHash::default();
                t.values = Vec::new();
            }
            self.bytes = 0;
        }
        Ok(List { items, key })
    }
}

/// Bytes and lists this thread's tables hold.
#[cfg(test)]
fn held() -> (usize, usize) {
    TABLES.with_borrow(|t| (t.bytes, t.kinds.iter().map(|k| k.values.len()).sum()))
}

/// Sets this thread's budget (and empties its tables, with what they know of repeats).
#[cfg(test)]
fn set_budget(bytes: usize) {
    TABLES.set(Tables {
        budget: bytes,
        ..Tables::default()
    });
}

mod spans;
#[cfg(test)]
mod tests;
