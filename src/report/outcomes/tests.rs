//! Tests of [`Outcomes`](super::Outcomes): a map's meaning and JSON, and ids shared by entries.

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
