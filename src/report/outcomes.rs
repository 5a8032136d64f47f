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
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::BTreeMap;

    const OUTCOMES: [Outcome; 3] = [Outcome::Pass, Outcome::Fail, Outcome::NotApplicable];

    fn pairs() -> impl Strategy<Value = Vec<(RuleId, Outcome)>> {
        proptest::collection::vec(
            (
                proptest::sample::select(vec![
                    "A01", "B01", "B09", "B10", "G02", "M06", "Q01", "Z", "",
                ]),
                any::<bool>(),
                0..3usize,
            )
                .prop_map(|(id, owned, o)| {
                    let id: RuleId = if owned {
                        Cow::Owned(id.to_owned())
                    } else {
                        Cow::Borrowed(id)
                    };
                    (id, OUTCOMES[o])
                }),
            0..20,
        )
    }

    fn map_of(pairs: &[(RuleId, Outcome)]) -> BTreeMap<RuleId, Outcome> {
        pairs.iter().cloned().collect()
    }

    fn as_map(o: &Outcomes) -> Vec<(RuleId, Outcome)> {
        o.iter().map(|(k, v)| (k.clone(), *v)).collect()
    }

    proptest! {
        /// Collected, inserted one by one, or extended, in any order and with repeats: the
        /// pairs the map holds, sorted, each id once.
        #[test]
        fn it_holds_what_a_map_holds(pairs in pairs(), more in pairs()) {
            let map = map_of(&pairs);
            let want: Vec<(RuleId, Outcome)> = map.clone().into_iter().collect();
            let collected: Outcomes = pairs.iter().cloned().collect();
            prop_assert_eq!(as_map(&collected), want.clone());
            let mut inserted = Outcomes::new();
            let mut map_inserted = BTreeMap::new();
            for (id, o) in pairs.iter().cloned() {
                prop_assert_eq!(inserted.insert(id.clone(), o), map_inserted.insert(id, o));
            }
            prop_assert_eq!(as_map(&inserted), want.clone());
            prop_assert!(inserted.keys().zip(inserted.keys().skip(1)).all(|(a, b)| a < b));
            prop_assert_eq!(inserted.len(), map.len());
            prop_assert_eq!(inserted.is_empty(), map.is_empty());
            for id in ["A01", "B09", "Q01", "Z", "", "X", "B1"] {
                prop_assert_eq!(inserted.get(id), map.get(id));
                prop_assert_eq!(inserted.contains_key(id), map.contains_key(id));
            }
            let mut extended = collected.clone();
            extended.extend(more.iter().cloned());
            let mut map_extended = map.clone();
            map_extended.extend(more.iter().cloned());
            prop_assert_eq!(as_map(&extended), map_extended.clone().into_iter().collect::<Vec<_>>());
            prop_assert_eq!(extended.into_iter().collect::<Vec<_>>(), map_extended.into_iter().collect::<Vec<_>>());
            prop_assert_eq!(format!("{collected:?}"), format!("{map:?}"));
        }

        /// Written as the map was (compact and pretty), and read back the same, from its own
        /// output or from a map's; an object in any order, with repeats, reads as a map reads it.
        #[test]
        fn it_is_written_and_read_as_a_map(pairs in pairs()) {
            let map = map_of(&pairs);
            let outcomes: Outcomes = pairs.iter().cloned().collect();
            let json = serde_json::to_string(&outcomes).unwrap();
            prop_assert_eq!(&json, &serde_json::to_string(&map).unwrap());
            prop_assert_eq!(
                serde_json::to_string_pretty(&outcomes).unwrap(),
                serde_json::to_string_pretty(&map).unwrap()
            );
            let back: Outcomes = serde_json::from_str(&json).unwrap();
            prop_assert_eq!(&back, &outcomes);
            // The registry's ids are borrowed from it; others ("A01", "Z") are owned.
            for k in back.keys() {
                let registered = crate::rules::REGISTRY.iter().any(|r| r.meta().id == k.as_ref());
                prop_assert_eq!(matches!(k, Cow::Borrowed(_)), registered, "{}", k);
            }
            // An object in the order given, repeats included.
            let mut raw = String::from("{");
            for (i, (id, o)) in pairs.iter().enumerate() {
                if i > 0 {
                    raw.push(',');
                }
                raw.push_str(&serde_json::to_string(id).unwrap());
                raw.push(':');
                raw.push_str(&serde_json::to_string(o).unwrap());
            }
            raw.push('}');
            let read: Outcomes = serde_json::from_str(&raw).unwrap();
            let read_map: BTreeMap<RuleId, Outcome> = serde_json::from_str(&raw).unwrap();
            prop_assert_eq!(as_map(&read), read_map.into_iter().collect::<Vec<_>>());
        }

        /// Built from a rule result's pairs (sorted or not): the map of those pairs, ids borrowed.
        #[test]
        fn from_sorted_ids_is_the_map(pairs in pairs(), sort in any::<bool>()) {
            let mut ids: Vec<(&'static str, Outcome)> = pairs
                .iter()
                .map(|(id, o)| (["A01", "B01", "B09", "B10", "G02", "M06", "Q01", "Z", ""]
                    .into_iter()
                    .find(|k| *k == id.as_ref())
                    .unwrap(), *o))
                .collect();
            if sort {
                ids.sort_by_key(|&(id, _)| id);
                ids.dedup_by_key(|&mut (id, _)| id);
            }
            let built = Outcomes::from_sorted_ids(&ids);
            let map: BTreeMap<RuleId, Outcome> =
                ids.iter().map(|&(k, v)| (Cow::Borrowed(k), v)).collect();
            prop_assert_eq!(as_map(&built), map.into_iter().collect::<Vec<_>>());
            prop_assert!(built.keys().all(|k| matches!(k, Cow::Borrowed(_))));
        }
    }

    proptest! {
        /// [`before`] is `<` of `str`s.
        #[test]
        fn before_is_less_than(a in "[AB\\x00é]{0,4}", b in "[AB\\x00é]{0,4}") {
            prop_assert_eq!(before(a.as_bytes(), b.as_bytes()), a < b);
            prop_assert!(!before(a.as_bytes(), a.as_bytes()));
        }
    }

    #[test]
    fn inserting_out_of_order_keeps_one_of_each_id_in_order() {
        let mut o = Outcomes::new();
        for (id, outcome) in [
            ("Q01", Outcome::Pass),
            ("B09", Outcome::Fail),
            ("M06", Outcome::NotApplicable),
            ("A01", Outcome::Pass),
            ("B09", Outcome::Pass),
            ("Z", Outcome::Fail),
        ] {
            o.insert(Cow::Borrowed(id), outcome);
        }
        let ids: Vec<&str> = o.keys().map(|k| &**k).collect();
        assert_eq!(ids, ["A01", "B09", "M06", "Q01", "Z"]);
        assert_eq!(o["B09"], Outcome::Pass);
        assert_eq!(o.len(), 5);
        assert_eq!(
            serde_json::to_string(&o).unwrap(),
            r#"{"A01":"pass","B09":"pass","M06":"n/a","Q01":"pass","Z":"fail"}"#
        );
    }

    /// Entries with the same rules keep one list of ids between them, built or read; an entry
    /// that gains a rule gets its own list and leaves the others' as they were.
    #[test]
    fn entries_with_the_same_rules_share_their_ids() {
        let pairs = [
            ("B01", Outcome::Pass),
            ("B09", Outcome::Fail),
            ("Q01", Outcome::NotApplicable),
        ];
        let a = Outcomes::from_sorted_ids(&pairs);
        let b = Outcomes::from_sorted_ids(&pairs);
        assert!(Arc::ptr_eq(&a.ids, &b.ids));
        assert_eq!(a, b);
        let json = serde_json::to_string(&a).unwrap();
        let read: Vec<Outcomes> = (0..3)
            .map(|_| serde_json::from_str(&json).unwrap())
            .collect();
        assert!(read.windows(2).all(|w| Arc::ptr_eq(&w[0].ids, &w[1].ids)));
        assert_eq!(read[0], a);

        let mut c = b.clone();
        c.insert(Cow::Borrowed("L01"), Outcome::Fail);
        assert!(!Arc::ptr_eq(&c.ids, &a.ids));
        assert_eq!(
            a.keys().map(|k| &**k).collect::<Vec<_>>(),
            ["B01", "B09", "Q01"]
        );
        assert_eq!(b.len(), 3);
        assert_eq!(c["L01"], Outcome::Fail);
        assert_eq!(c["B09"], Outcome::Fail);
        // An outcome changed in place keeps the list.
        let mut d = a.clone();
        d.insert(Cow::Borrowed("B09"), Outcome::Pass);
        assert!(Arc::ptr_eq(&d.ids, &a.ids));
        assert_eq!((a["B09"], d["B09"]), (Outcome::Fail, Outcome::Pass));
    }

    #[test]
    #[should_panic(expected = "no outcome for rule B13")]
    fn indexing_a_missing_id_panics() {
        let _ = Outcomes::new()["B13"];
    }
}
