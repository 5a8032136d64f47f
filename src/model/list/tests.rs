//! Sharing parsed lists changes no item: a line parsed with sharing is the item parsed without it,
//! equal keys mean equal texts, a changed list is the item's own, and a malformed list is reported
//! as it is without sharing.

use super::{REST, Repeats, WINDOW, held, set_budget, sharing_parsed};
use crate::r#gen::{GenOptions, generate};
use crate::model::{Item, Provenance};
use crate::source::Record;
use crate::source::json::parse_item_line;

/// Claims of a few masters, as `gen` writes them: most lists repeat, some are the claim's own.
fn lines(seed: u64, n: u64, local_edit_rate: f64) -> Vec<String> {
    let opts = GenOptions {
        seed,
        defect_rate: 0.3,
        local_edit_rate,
    };
    (0..n)
        .map(|i| serde_json::to_string(&generate(opts, i).item).unwrap())
        .collect()
}

/// As the check reads a line: through [`super::from_str`] (the lists found by the scan).
fn parse(line: &str, share: bool) -> Item {
    sharing_parsed(share, || super::from_str::<Item>(line)).unwrap()
}

#[test]
fn pretty_lines_with_their_keys_in_another_order_share_too() {
    // Keys sorted (`faqs` and `fees` before `materials`) and the text spread over lines, as a
    // JSON array's records often are.
    set_budget(super::BUDGET);
    let lines = lines(12, 300, 0.1);
    let mut keyed = [0; 2];
    for line in &lines {
        let value: serde_json::Value = serde_json::from_str(line).unwrap();
        let pretty = serde_json::to_string_pretty(&value).unwrap();
        assert!(pretty.find("\"faqs\"") < pretty.find("\"materials\""));
        let shared = parse(&pretty, true);
        assert_eq!(shared, parse(&pretty, false));
        keyed[0] += usize::from(shared.materials.key().is_some());
        keyed[1] += usize::from(shared.faqs.key().is_some());
    }
    assert!(
        keyed.iter().all(|&k| k > 250),
        "keyed materials, FAQs: {keyed:?}"
    );
}

#[test]
fn a_line_parsed_with_shared_lists_is_the_same_item() {
    set_budget(super::BUDGET);
    let lines = lines(7, 600, 0.1);
    let mut keyed = 0;
    for (i, line) in lines.iter().enumerate() {
        let shared = parse(line, true);
        let plain = parse(line, false);
        assert_eq!(shared, plain, "line {i}");
        assert_eq!(plain.materials.key(), None, "an unshared list has no key");
        keyed += usize::from(shared.materials.key().is_some());
        // A text the scan is not given (`serde_json::from_str`) reads each list as a raw value,
        // and finds the same kept lists.
        let raw = sharing_parsed(true, || serde_json::from_str::<Item>(line)).unwrap();
        assert_eq!(raw, shared, "line {i}");
        assert_eq!(raw.materials.key(), shared.materials.key(), "line {i}");
    }
    // Without keys the test proves nothing.
    assert!(keyed > 500, "{keyed} of 600 material lists keyed");
}

#[test]
fn equal_keys_are_equal_texts_and_equal_lists() {
    set_budget(super::BUDGET);
    let lines = lines(8, 400, 0.1);
    let items: Vec<Item> = lines.iter().map(|l| parse(l, true)).collect();
    // Each list's text, written once (not once per pair: 22 s in a debug build).
    let texts: Vec<String> = items
        .iter()
        .map(|item| serde_json::to_string(&*item.materials).unwrap())
        .collect();
    let mut shared_pairs = 0;
    for (i, a) in items.iter().enumerate() {
        for (j, b) in items.iter().enumerate().skip(i + 1) {
            let (Some(ka), Some(kb)) = (a.materials.key(), b.materials.key()) else {
                continue;
            };
            // Same text ⇔ same key, within one thread's budget.
            assert_eq!(ka == kb, texts[i] == texts[j], "{} / {}", a.code, b.code);
            if ka == kb {
                assert_eq!(a.materials, b.materials);
                shared_pairs += 1;
            }
        }
    }
    assert!(shared_pairs > 100, "{shared_pairs} pairs share a list");
}

#[test]
fn a_changed_list_is_the_items_own_and_loses_its_key() {
    set_budget(super::BUDGET);
    let line = &lines(9, 1, 0.0)[0];
    let a = parse(line, true);
    let mut b = parse(line, true);
    assert!(a.materials.key().is_some());
    assert_eq!(a.materials.key(), b.materials.key());
    b.materials[0].name.push_str("（原件）");
    assert_eq!(b.materials.key(), None);
    assert_ne!(a.materials, b.materials);
    // The other item, and the next parse of the same line, still have the published list.
    assert_eq!(a, parse(line, false));
    assert_eq!(parse(line, true), a);
}

#[test]
fn a_list_parsed_on_another_thread_has_another_key() {
    set_budget(super::BUDGET);
    let line = lines(10, 1, 0.0).remove(0);
    let here = parse(&line, true).materials.key().unwrap();
    let there = std::thread::spawn(move || parse(&line, true).materials.key().unwrap())
        .join()
        .unwrap();
    // A key means one text on one thread's table: the verdict cache of this thread must not take
    // a list of the other thread's table for one of its own.
    assert_ne!(here, there);
}

#[test]
fn a_malformed_list_is_reported_as_without_sharing() {
    set_budget(super::BUDGET);
    let good = &lines(11, 1, 0.0)[0];
    let item: serde_json::Value = serde_json::from_str(good).unwrap();
    let with = |key: &str, value: &str| {
        let mut v = item.clone();
        v[key] = serde_json::from_str(value).unwrap();
        v.to_string()
    };
    let bad = [
        // A list given as text (a flattened export): 常见问题 must be records.
        with("faqs", r#""详见办事指南""#),
        // 收费 as one record, not a list of them.
        with("fees", r#"{"name": "工本费"}"#),
        // A step that is not a record.
        with("steps", r#"["受理"]"#),
        // The line cut off inside the FAQs.
        {
            let at = good.find(r#""faqs":["#).unwrap();
            let cut = at + good[at..].find(r#""question":"#).unwrap() + 11;
            good[..cut].to_owned()
        },
    ];
    for line in &bad {
        let prov = Provenance::row("items.ndjson", 7);
        let shared = sharing_parsed(true, || parse_item_line(line, prov.clone()));
        let plain = sharing_parsed(false, || parse_item_line(line, prov.clone()));
        assert!(matches!(plain, Record::Unreadable(_)), "{plain:?}");
        assert_eq!(shared, plain);
    }
    // 申请材料 as one text is read as the list it is (`source::listed_materials`), shared or not.
    let listed = with("materials", r#""1.身份证明；2.营业执照""#);
    let prov = Provenance::row("items.ndjson", 7);
    let shared = sharing_parsed(true, || parse_item_line(&listed, prov.clone()));
    let plain = sharing_parsed(false, || parse_item_line(&listed, prov.clone()));
    let Record::Item(item) = &plain else {
        panic!("{plain:?}")
    };
    let names: Vec<&str> = item.materials.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, ["身份证明", "营业执照"]);
    assert_eq!(shared, plain);
}

#[test]
fn a_window_without_repeats_leaves_a_table_out_for_a_while() {
    // A window in which fewer than one look-up in four finds a stored value: left out.
    let judged = |found: &dyn Fn(u32) -> bool| {
        let mut r = Repeats::default();
        (0..WINDOW).for_each(|i| r.count(found(i)));
        r.resting
    };
    assert_eq!(judged(&|_| false), REST);
    assert_eq!(judged(&|i| i % 5 == 0), REST);
    assert_eq!(judged(&|i| i % 3 == 0), 0);
    assert_eq!(judged(&|i| i % 3 != 0), 0);
}

#[test]
fn lists_rewritten_by_every_claim_are_parsed_plainly_after_a_window() {
    set_budget(super::BUDGET);
    // Every claim rewrites its lists: after one window of look-ups that find nothing, lists are
    // parsed as they come, without a key, for `REST` look-ups.
    let lines = lines(12, u64::from(WINDOW) + 100, 1.0);
    let mut unkeyed_after_window = 0;
    for (i, line) in lines.iter().enumerate() {
        let shared = parse(line, true);
        assert_eq!(shared, parse(line, false), "line {i}");
        if i >= WINDOW as usize + 10 {
            unkeyed_after_window += usize::from(shared.materials.key().is_none());
        }
    }
    assert_eq!(unkeyed_after_window, 90);
}

#[test]
fn memory_stays_within_the_budget() {
    let budget = 256 << 10;
    set_budget(budget);
    // Distinct lists fill it many times over; it is emptied each time, and items parsed before
    // keep their lists.
    let lines = lines(13, 300, 1.0);
    let mut emptied = 0;
    let mut last = 0;
    let mut first = None;
    for line in &lines {
        let item = parse(line, true);
        first.get_or_insert(item);
        let (bytes, _) = held();
        assert!(bytes <= budget, "held {bytes} bytes, budget {budget}");
        emptied += usize::from(bytes < last);
        last = bytes;
    }
    assert!(emptied >= 3, "emptied {emptied} times");
    assert_eq!(first.unwrap(), parse(&lines[0], false));
    set_budget(super::BUDGET);
}

#[test]
fn a_thread_keeps_its_budget_within_the_total_for_all_threads() {
    use super::thread_share;
    let share_in = |threads: usize, per_thread: usize, total: usize| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap()
            .install(|| thread_share(per_thread, total))
    };
    // A thread's own budget while the total allows it.
    assert_eq!(share_in(1, 4 << 20, 32 << 20), 4 << 20);
    assert_eq!(share_in(8, 4 << 20, 32 << 20), 4 << 20);
    // Past that, what a check holds stays the same on a machine with more cores.
    assert_eq!(share_in(16, 4 << 20, 32 << 20), 2 << 20);
    assert_eq!(share_in(2, 32 << 20, 32 << 20), 16 << 20);
    // Never below 1 MB a thread.
    assert_eq!(share_in(64, 4 << 20, 32 << 20), 1 << 20);
}
