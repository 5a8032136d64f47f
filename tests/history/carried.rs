//! Problems found again under another fingerprint: a text reworded but still failing (原文已改),
//! and an item that moved to another 考核单位 (a unit renamed). Both stay 未整改 with their age,
//! instead of one 已整改 (or 已移除) and one 新增 at 0 days.

use super::*;

/// The night-1 fixture with `edit` applied to each item.
fn night1_with(edit: impl Fn(&mut zwfw_audit::model::Item)) -> Vec<Record> {
    let mut records = read(1);
    for r in &mut records {
        if let Record::Item(item) = r {
            edit(item);
        }
    }
    records
}

/// One whole night over `records`, committed; returns the report's history.
fn night_of(
    store: &mut Store,
    records: Vec<Record>,
    id: &str,
    at: &str,
    rules: &RuleSet,
) -> HistoryView {
    let (run, mut checked) = check_input(store, records, "池州市.json", id, at, rules);
    let view = store.diff(&run, &checked, None, 12).unwrap();
    checked.report.history = Some(std::sync::Arc::new(view.clone()));
    let done = RunTime::parse(at).unwrap();
    store.stage(run, &checked, &done).unwrap().commit().unwrap();
    view
}

fn address_rules() -> RuleSet {
    RuleSet::only(&["B09", "B13", "B14", "B15"])
}

/// 食品经营许可（新办）'s 办理地点 lacks a window number (B09); the unit rewrites it as
/// `池州市政务服务中心`, which lacks street, number and window. The address still fails: the same
/// problem, 未整改 since night 1, not 已整改 plus a 新增 at 0 days.
#[test]
fn a_reworded_text_that_still_fails_stays_persisting_with_its_age() {
    let (_dir, mut store) = temp_store();
    let rules = address_rules();
    let with_address = |address: &'static str| {
        night1_with(move |item| {
            if item.name == "食品经营许可（新办）" {
                item.address = address.into();
            }
        })
    };
    let v1 = night_of(
        &mut store,
        with_address("池州市长江中路89号池州市政务服务中心"),
        "n1",
        "2026-11-20T02:00:00+08:00",
        &rules,
    );
    let before = find(&v1, "食品经营许可（新办）", "B09").clone();
    assert_eq!(before.status, FindingStatus::New);

    let v2 = night_of(
        &mut store,
        with_address("池州市政务服务中心"),
        "n2",
        "2026-11-21T02:00:00+08:00",
        &rules,
    );
    let after = find(&v2, "食品经营许可（新办）", "B09");
    assert_ne!(after.fingerprint, before.fingerprint, "the text is hashed");
    assert_eq!(
        (after.status, after.age_days, after.first_seen.as_str()),
        (FindingStatus::Persisting, 1, "2026-11-20T02:00:00+08:00")
    );
    let carried = after.carried.as_ref().expect("says what it was");
    assert_eq!(carried.fingerprint, before.fingerprint);
    assert_eq!(
        carried.evidence.as_deref(),
        Some("池州市长江中路89号池州市政务服务中心")
    );
    assert_eq!(
        (carried.unit.as_deref(), carried.target.as_deref()),
        (None, None)
    );
    assert!(
        v2.by_fingerprint(&before.fingerprint).is_none(),
        "not 已整改"
    );
    assert_eq!(counts(&v2, SJ), (0, 0, 4, 0), "nothing new, nothing fixed");

    // The next night the new text is simply persisting, its age still counted from night 1.
    let v3 = night_of(
        &mut store,
        with_address("池州市政务服务中心"),
        "n3",
        "2026-11-23T02:00:00+08:00",
        &rules,
    );
    let h = find(&v3, "食品经营许可（新办）", "B09");
    assert_eq!((h.status, h.age_days), (FindingStatus::Persisting, 3));
    assert_eq!(h.fingerprint, after.fingerprint);
    assert!(h.carried.is_none());

    // Fixed for real: 已整改.
    let v4 = night_of(
        &mut store,
        with_address("池州市长江中路89号池州市政务服务中心一楼8号窗口"),
        "n4",
        "2026-11-24T02:00:00+08:00",
        &rules,
    );
    assert_eq!(
        find(&v4, "食品经营许可（新办）", "B09").status,
        FindingStatus::Fixed
    );
}

/// An item with several materials: each material's problem is paired with the same material's
/// (M03: 份数 not a number), and where it cannot tell which is which (both materials renamed and
/// reworded) nothing is paired: 已整改 and 新增, as before.
#[test]
fn several_findings_of_one_rule_pair_by_material_or_not_at_all() {
    let (_dir, mut store) = temp_store();
    let rules = RuleSet::only(&["M03"]);
    let item = |a: (&str, &str), b: (&str, &str)| {
        let material = |(name, copies): (&str, &str)| {
            format!(
                "{{\"name\":\"{name}\",\"copies\":\"{copies}\",\"material_type\":\"原件\",\"form\":\"纸质\"}}"
            )
        };
        let json = format!(
            "{{\"code\":\"11341700MB1528406Q3000117035000\",\"name\":\"食品生产许可（新办）\",\
             \"subject\":\"{SJ}\",\"region_code\":\"341700\",\"level\":\"3\",\
             \"materials\":[{},{}]}}",
            material(a),
            material(b)
        );
        vec![Record::Item(Box::new(serde_json::from_str(&json).unwrap()))]
    };
    let v1 = night_of(
        &mut store,
        item(("营业执照", "若干"), ("法定代表人身份证明", "若干")),
        "m1",
        "2026-11-20T02:00:00+08:00",
        &rules,
    );
    assert_eq!(v1.totals().new, 2);
    let was: std::collections::BTreeMap<String, String> = v1
        .findings
        .iter()
        .map(|h| (h.message.clone(), h.fingerprint.clone()))
        .collect();

    // Both reworded, each still not a number: each paired with its own material.
    let v2 = night_of(
        &mut store,
        item(("营业执照", "适量"), ("法定代表人身份证明", "按需提供")),
        "m2",
        "2026-11-21T02:00:00+08:00",
        &rules,
    );
    assert_eq!(counts(&v2, SJ), (0, 0, 2, 0));
    for h in &v2.findings {
        let c = h.carried.as_ref().unwrap();
        let (material, before) = if h.message.starts_with("材料「营业执照」") {
            ("材料「营业执照」", "若干")
        } else {
            ("材料「法定代表人身份证明」", "若干")
        };
        let old = was
            .iter()
            .find(|(m, _)| m.starts_with(material))
            .map(|(_, fp)| fp)
            .unwrap();
        assert_eq!(&c.fingerprint, old, "{}", h.message);
        assert_eq!(c.evidence.as_deref(), Some(before));
        assert_eq!(h.age_days, 1);
    }

    // Both materials renamed and reworded: which is which cannot be told.
    let v3 = night_of(
        &mut store,
        item(("营业执照副本", "多份"), ("法定代表人身份证", "一些")),
        "m3",
        "2026-11-22T02:00:00+08:00",
        &rules,
    );
    assert_eq!(counts(&v3, SJ), (2, 2, 0, 0));
    assert!(v3.findings.iter().all(|h| h.carried.is_none()));

    // One material renamed, its problem the same: the only one left of each, paired.
    let v4 = night_of(
        &mut store,
        item(("营业执照（副本）", "多份"), ("法定代表人身份证", "一些")),
        "m4",
        "2026-11-23T02:00:00+08:00",
        &rules,
    );
    assert_eq!(counts(&v4, SJ), (0, 0, 2, 0));
    let renamed = v4
        .findings
        .iter()
        .find(|h| h.message.starts_with("材料「营业执照（副本）」"))
        .unwrap();
    let c = renamed.carried.as_ref().unwrap();
    assert_eq!(
        (c.target.as_deref(), c.evidence.as_deref()),
        (Some("材料「营业执照副本」"), None)
    );
}

/// 池州市人力资源和社会保障局 is renamed 池州市人力资源社会保障局 in the export: the same items,
/// the same 实施编码. Its problems move with the items and stay 未整改 with their age; the one
/// reworded on the same night too.
#[test]
fn a_renamed_unit_keeps_its_problems_and_their_ages() {
    const NEW_NAME: &str = "池州市人力资源社会保障局";
    let (_dir, mut store) = temp_store();
    let rules = address_rules();
    let v1 = night_of(
        &mut store,
        night1_with(|item| {
            if item.name == "职业资格证书补发" {
                item.consult_phone = "3356790".into();
            }
        }),
        "n1",
        "2026-11-20T02:00:00+08:00",
        &rules,
    );
    assert_eq!(counts(&v1, RS), (2, 0, 0, 0));
    let renamed = night1_with(|item| {
        if item.subject == RS {
            item.subject = NEW_NAME.into();
        }
        match item.name.as_str() {
            "职业资格证书补发" => item.consult_phone = "3356790".into(),
            "失业保险金申领" => item.supervise_phone = "无".into(),
            _ => {}
        }
    });
    let v2 = night_of(
        &mut store,
        renamed,
        "n2",
        "2026-11-21T02:00:00+08:00",
        &rules,
    );
    assert!(v2.unit(RS).is_none_or(|u| (u.fixed, u.gone) == (0, 0)));
    assert_eq!(counts(&v2, NEW_NAME), (0, 0, 2, 0));
    let same = find(&v2, "职业资格证书补发", "B15");
    assert_eq!((same.status, same.age_days), (FindingStatus::Persisting, 1));
    let c = same.carried.as_ref().unwrap();
    assert_eq!(
        c.fingerprint,
        find(&v1, "职业资格证书补发", "B15").fingerprint
    );
    assert_eq!((c.unit.as_deref(), c.evidence.as_deref()), (Some(RS), None));
    let reworded = find(&v2, "失业保险金申领", "B14");
    assert_eq!(reworded.status, FindingStatus::Persisting);
    let c = reworded.carried.as_ref().unwrap();
    assert_eq!(
        (c.unit.as_deref(), c.evidence.as_deref()),
        (Some(RS), Some(""))
    );
    let moved = v2.moved();
    assert_eq!(moved.len(), 1);
    assert_eq!(
        (
            moved[0].from.as_str(),
            moved[0].to.as_str(),
            moved[0].findings,
            moved[0].reworded
        ),
        (RS, NEW_NAME, 2, 1)
    );
    // The ages go on under the new name.
    let v3 = night_of(
        &mut store,
        night1_with(|item| {
            if item.subject == RS {
                item.subject = NEW_NAME.into();
            }
            match item.name.as_str() {
                "职业资格证书补发" => item.consult_phone = "3356790".into(),
                "失业保险金申领" => item.supervise_phone = "无".into(),
                _ => {}
            }
        }),
        "n3",
        "2026-11-22T02:00:00+08:00",
        &rules,
    );
    assert_eq!(find(&v3, "职业资格证书补发", "B15").age_days, 2);
    assert!(v3.moved().is_empty());
}
