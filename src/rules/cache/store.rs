//! The per-thread store: each element's distinct values under small ids, the results keyed by
//! owner and ids, the masters' last ids as guesses, the budget; and what the rules reach it
//! through: [`BatchScope`], [`verdict`] and [`memo`].
//!
//! Not here: the budgets and the size estimates (`mod.rs`), the slots (`reads`), an element's
//! bytes (`element`).

use std::any::Any;
use std::cell::RefCell;
use std::hash::Hasher;
use std::rc::Rc;

use rustc_hash::FxHasher;

use super::element::{Element, list_key};
use super::reads::{Reads, SLOTS};
use super::{BUDGET, THREAD_BUDGET, verdict_size};
use crate::model::Item;
use crate::model::list::{KEY_BOUND, Repeats, thread_share};
use crate::rules::{CheckContext, Verdict};
use crate::source::{ByHash, hash_bytes};

/// The distinct values of one element, by hash.
#[derive(Default)]
pub(super) struct Slot {
    ids: ByHash<u32>,
    /// Each value's bytes: a text's, or a list's flattened form (`element::Flatten`).
    /// Value `i` has id `KEY_BOUND + i` (the ids below are the keys of lists shared when
    /// parsed).
    pub(super) values: Vec<Box<[u8]>>,
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

pub(super) struct Cache {
    /// [`Prepared::serial`](crate::rules::Prepared) of the context the entries were computed under.
    context: u64,
    pub(super) slots: Vec<Slot>,
    entries: ByHash<Entry>,
    bytes: usize,
    /// The items being checked by
    /// [`RuleSet::check_items`](crate::rules::RuleSet::check_items), each with its element ids
    /// so far and its guesses, and which of them a rule is checking now.
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
    pub(super) static CACHE: RefCell<Cache> = RefCell::new(Cache::new());
}

/// While it lives, [`RuleSet::check_items`](crate::rules::RuleSet::check_items) is checking
/// `items` on this thread with the cache: [`verdict`] and [`memo`] may share results for the one
/// [`BatchScope::select`]ed.
pub(in crate::rules) struct BatchScope(());

impl BatchScope {
    pub(in crate::rules) fn begin<'a>(
        items: impl IntoIterator<Item = &'a Item>,
        ctx: &CheckContext,
    ) -> Self {
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
    pub(in crate::rules) fn select(&self, k: usize) {
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
pub(in crate::rules) fn verdict(
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

/// What this thread's cache holds: bytes, distinct values stored, results, and how many
/// results it has shared.
#[cfg(test)]
pub(in crate::rules) fn held() -> (usize, usize, usize, u64) {
    CACHE.with_borrow(|c| {
        let values = c.slots.iter().map(|s| s.values.len()).sum();
        (c.bytes, values, c.entries.len(), c.hits)
    })
}

/// Sets this thread's budget (and empties its cache).
#[cfg(test)]
pub(in crate::rules) fn set_budget(bytes: usize) {
    CACHE.with_borrow_mut(|c| {
        c.clear();
        c.budget = bytes;
    });
}
