//! [`Outcomes`]: an item entry's pass / fail / n/a per rule id, as one outcome a rule in id order.
//!
//! An entry has one outcome per rule (34), all written at once in rule-id order and read in that
//! order; a `BTreeMap` cost about 4k instructions per item only to be built and dropped. These
//! outcomes have the map's meaning (each id once, in id order, the last value of an id wins) and
//! its JSON form (an object in id order), so reports written with the map read back the same.
//!
//! The ids are not kept with each entry: every entry of a run has the same 34, so they are one
//! list shared by the entries (an [`Arc`]) and an entry keeps a byte an outcome. Pairs of an id and
//! an outcome took 1.1 KB an entry, a third of what a province's report held in memory when its
//! fix lists were written. The list last built or read on a thread is reused when the next
//! entry's ids are the same; an entry whose ids differ (a rule added to it, a report of another
//! version) gets its own.

use std::borrow::Cow;
use std::cell::RefCell;
use std::fmt;
use std::sync::Arc;

use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::model::Outcome;

/// A rule id: borrowed from the rule when the item was checked in this run (no allocation per
/// rule per item), owned when read back from a report.
pub type RuleId = Cow<'static, str>;

/// The ids of some outcomes, in order, shared by the entries that have the same.
type Ids = Arc<[RuleId]>;

thread_local! {
    /// The ids last built or read on this thread: the next entry's are usually the same.
    static LAST_IDS: RefCell<Ids> = RefCell::new(Arc::from([]));
}

/// pass / fail / n/a per rule id, sorted by id, each id once.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Outcomes {
    /// Sorted, each id once.
    ids: Ids,
    /// `values[i]` is the outcome of `ids[i]`.
    values: Vec<Outcome>,
}

/// [`Outcomes::iter`]'s iterator: `(id, outcome)` pairs in id order, as a map's.
pub type Iter<'a> = std::iter::Zip<std::slice::Iter<'a, RuleId>, std::slice::Iter<'a, Outcome>>;

/// Whether two ids are the same id, kept the same way (borrowed from a rule, or owned).
fn same(a: &RuleId, b: &RuleId) -> bool {
    match (a, b) {
        (Cow::Borrowed(x), Cow::Borrowed(y)) => x == y,
        (Cow::Owned(x), Cow::Owned(y)) => x == y,
        _ => false,
    }
}

/// The shared list of `ids` (sorted, each once): this thread's last one when it is the same,
/// else a new one that becomes the last.
fn shared<'a>(ids: impl ExactSizeIterator<Item = &'a RuleId> + Clone) -> Ids {
    LAST_IDS.with_borrow_mut(|last| {
        if last.len() != ids.len() || !last.iter().zip(ids.clone()).all(|(a, b)| same(a, b)) {
            *last = ids.cloned().collect();
        }
        Arc::clone(last)
    })
}

impl Outcomes {
    /// No outcomes.
    pub fn new() -> Self {
        Self::default()
    }

    /// The outcomes of [`crate::rules::ItemResult::outcomes`] (sorted by id, each id once, as
    /// `check_items` writes them), the ids borrowed. Checks the order, and sorts if it is not.
    pub fn from_sorted_ids(outcomes: &[(&'static str, Outcome)]) -> Self {
        let sorted = outcomes
            .windows(2)
            .all(|w| before(w[0].0.as_bytes(), w[1].0.as_bytes()));
        if !sorted {
            return Self::from_unsorted(
                outcomes
                    .iter()
                    .map(|&(id, o)| (Cow::Borrowed(id), o))
                    .collect(),
            );
        }
        let ids = LAST_IDS.with_borrow_mut(|last| {
            let same_ids = last.len() == outcomes.len()
                && last.iter().zip(outcomes).all(|(a, (b, _))| match a {
                    Cow::Borrowed(a) => std::ptr::eq(*a, *b) || a == b,
                    Cow::Owned(_) => false,
                });
            if !same_ids {
                *last = outcomes.iter().map(|&(id, _)| Cow::Borrowed(id)).collect();
            }
            Arc::clone(last)
        });
        Self {
            ids,
            values: outcomes.iter().map(|&(_, o)| o).collect(),
        }
    }

    /// Any pairs: sorted by id, the last outcome of a repeated id kept (as a map collects them).
    fn from_unsorted(mut v: Vec<(RuleId, Outcome)>) -> Self {
        if !v.windows(2).all(|w| w[0].0 < w[1].0) {
            // Stable: of equal ids, the last one given is the last one here.
            v.sort_by(|a, b| a.0.cmp(&b.0));
            let mut out: Vec<(RuleId, Outcome)> = Vec::with_capacity(v.len());
            for pair in v {
                match out.last_mut() {
                    Some(last) if last.0 == pair.0 => last.1 = pair.1,
                    _ => out.push(pair),
                }
            }
            v = out;
        }
        Self {
            ids: shared(v.iter().map(|(id, _)| id)),
            values: v.iter().map(|&(_, o)| o).collect(),
        }
    }

    fn position(&self, id: &str) -> Result<usize, usize> {
        self.ids.binary_search_by(|k| (**k).cmp(id))
    }

    /// The outcome of rule `id`, if it has one.
    pub fn get(&self, id: &str) -> Option<&Outcome> {
        self.position(id).ok().map(|i| &self.values[i])
    }

    /// Whether rule `id` has an outcome.
    pub fn contains_key(&self, id: &str) -> bool {
        self.position(id).is_ok()
    }

    /// Sets the outcome of rule `id`, in its place; the outcome it replaces, if any.
    pub fn insert(&mut self, id: RuleId, outcome: Outcome) -> Option<Outcome> {
        match self.position(&id) {
            Ok(i) => Some(std::mem::replace(&mut self.values[i], outcome)),
            Err(i) => {
                let mut ids = self.ids.to_vec();
                ids.insert(i, id);
                self.ids = shared(ids.iter());
                self.values.insert(i, outcome);
                None
            }
        }
    }

    /// How many rules have an outcome.
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// Whether no rule has an outcome.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// Removes every outcome.
    pub fn clear(&mut self) {
        self.ids = Ids::default();
        self.values.clear();
    }

    /// `(id, outcome)` in id order.
    pub fn iter(&self) -> Iter<'_> {
        self.ids.iter().zip(self.values.iter())
    }

    /// The ids, in order.
    pub fn keys(&self) -> impl Iterator<Item = &RuleId> + '_ {
        self.ids.iter()
    }

    /// The outcomes, in id order.
    pub fn values(&self) -> impl Iterator<Item = &Outcome> + '_ {
        self.values.iter()
    }
}

/// `a < b` (as `str`s compare), byte by byte inline: rule ids have three bytes, and a call to
/// `memcmp` for each of the 33 pairs of an item cost more than the comparisons.
#[inline]
fn before(a: &[u8], b: &[u8]) -> bool {
    for (x, y) in a.iter().zip(b) {
        if x != y {
            return x < y;
        }
    }
    a.len() < b.len()
}

impl std::ops::Index<&str> for Outcomes {
    type Output = Outcome;

    /// The outcome of rule `id`; panics if it has none (as a map's index does).
    fn index(&self, id: &str) -> &Outcome {
        self.get(id)
            .unwrap_or_else(|| panic!("no outcome for rule {id}"))
    }
}

impl fmt::Debug for Outcomes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl<'a> IntoIterator for &'a Outcomes {
    type Item = (&'a RuleId, &'a Outcome);
    type IntoIter = Iter<'a>;

    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

impl IntoIterator for Outcomes {
    type Item = (RuleId, Outcome);
    type IntoIter = std::iter::Zip<std::vec::IntoIter<RuleId>, std::vec::IntoIter<Outcome>>;

    fn into_iter(self) -> Self::IntoIter {
        // The ids are shared with other entries: this entry's are copied out.
        Vec::from(&self.ids[..]).into_iter().zip(self.values)
    }
}

impl FromIterator<(RuleId, Outcome)> for Outcomes {
    /// Sorted by id, the last outcome of a repeated id kept (as a map collects them).
    fn from_iter<I: IntoIterator<Item = (RuleId, Outcome)>>(iter: I) -> Self {
        Self::from_unsorted(iter.into_iter().collect())
    }
}

impl Extend<(RuleId, Outcome)> for Outcomes {
    fn extend<I: IntoIterator<Item = (RuleId, Outcome)>>(&mut self, iter: I) {
        for (id, outcome) in iter {
            self.insert(id, outcome);
        }
    }
}

impl Serialize for Outcomes {
    /// An object in id order, as the map was written.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.len()))?;
        for (id, outcome) in self {
            map.serialize_entry(id, outcome)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Outcomes {
    /// An object, in any order (the last of a repeated id wins, as the map read it).
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct OutcomesVisitor;

        impl<'de> Visitor<'de> for OutcomesVisitor {
            type Value = Outcomes;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a map")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Outcomes, A::Error> {
                let mut v = Vec::with_capacity(access.size_hint().unwrap_or(0).min(64));
                while let Some((KnownId(id), outcome)) = access.next_entry::<KnownId, Outcome>()? {
                    v.push((id, outcome));
                }
                Ok(Outcomes::from_unsorted(v))
            }
        }

        deserializer.deserialize_map(OutcomesVisitor)
    }
}

/// A rule id read back from a report: borrowed from the registry when it names one of its rules,
/// so that a report of 10^5 items read back does not hold 34 small strings an item (3.4 million
/// allocations); owned otherwise (a rule of another version of the tool).
struct KnownId(RuleId);

impl<'de> Deserialize<'de> for KnownId {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct IdVisitor;

        impl Visitor<'_> for IdVisitor {
            type Value = KnownId;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a rule id")
            }

            fn visit_str<E: serde::de::Error>(self, id: &str) -> Result<KnownId, E> {
                let known = crate::rules::REGISTRY
                    .iter()
                    .map(|r| r.meta().id)
                    .find(|&known| known == id);
                Ok(KnownId(
                    known.map_or_else(|| Cow::Owned(id.to_owned()), Cow::Borrowed),
                ))
            }
        }

        deserializer.deserialize_str(IdVisitor)
    }
}

#[cfg(test)]
mod tests;
