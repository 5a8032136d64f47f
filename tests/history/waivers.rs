//! Waivers: active ones stop counting, expired and unmatched ones are reported.

use super::*;

#[test]
fn waivers_stop_counting_and_expired_or_unmatched_ones_are_reported() {
    let (_dir, mut store) = temp_store();
    let (c1, v1) = night(&mut store, 1, "n1", "2026-11-20T02:00:00+08:00");
    let b1 = find(&v1, "失业保险金申领", "B14").fingerprint.clone();
    let a1 = find(&v1, "食品经营许可（新办）", "B15").fingerprint.clone();
    let waiver = |fp: &str, until: &str| Waiver {
        fingerprint: fp.into(),
        reason: "监督电话由省级系统统一配置，已报省平台修改".into(),
        until: until.into(),
        created_at: "2026-11-20T09:30:00+08:00".into(),
    };
    store.add_waiver(&waiver(&b1, "2026-11-21")).unwrap();
    store.add_waiver(&waiver(&a1, "2026-12-31")).unwrap();
    assert!(
        store
            .add_waiver(&waiver("0123456789abcdef", "下个月"))
            .is_err()
    );

    // Night 2 (2026-11-21): B1's waiver applies (last day); A1 was fixed, its waiver matches nothing.
    let (c2, v2) = night(&mut store, 2, "n2", "2026-11-21T02:00:00+08:00");
    let h = find(&v2, "失业保险金申领", "B14");
    assert_eq!(h.status, FindingStatus::Persisting);
    assert_eq!(h.waiver.as_ref().unwrap().until, "2026-11-21");
    assert_eq!(v2.waivers.applied.len(), 1);
    assert_eq!(v2.waivers.unmatched[0].fingerprint, a1);
    assert!(v2.waivers.expired.is_empty());
    let rs = v2.unit(RS).unwrap();
    assert_eq!(
        (rs.errors, rs.waived),
        (1, 1),
        "B2's new error counts, B1's does not"
    );
    assert_eq!(c2.report.summary.errors, 4);
    assert_eq!(c1.report.summary.errors, 5);
    // B1's item: the element check counts as passed and the item has no counted error.
    let item = c2
        .report
        .items
        .iter()
        .find(|i| i.name == "失业保险金申领")
        .unwrap();
    assert_eq!((item.errors, item.outcomes["B14"]), (0, Outcome::Pass));
    // The finding itself stays in the list with its severity.
    assert!(
        c2.report
            .findings
            .iter()
            .any(|f| f.item_name == "失业保险金申领" && f.severity == Severity::Error)
    );
    assert_eq!(rs.trend.last().unwrap().errors, 1);

    // Night 3 (2026-11-24): B1's waiver has expired, its finding counts again.
    let (c3, v3) = night(&mut store, 3, "n3", "2026-11-24T02:00:00+08:00");
    assert_eq!(v3.waivers.expired[0].fingerprint, b1);
    assert!(find(&v3, "失业保险金申领", "B14").waiver.is_none());
    assert_eq!(v3.unit(RS).unwrap().errors, 3);
    assert_eq!(c3.report.summary.errors, 5, "6 errors, A1's waived");
    // A1 broke again: the still-active waiver applies to it again.
    assert!(find(&v3, "食品经营许可（新办）", "B15").waiver.is_some());
    assert_eq!(
        v3.unit(SJ).unwrap().new_errors,
        0,
        "a waived new error does not count"
    );
    assert!(store.remove_waiver(&a1).unwrap());
    assert!(!store.remove_waiver(&a1).unwrap());
}
