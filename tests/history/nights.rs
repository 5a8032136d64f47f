//! Three nights over the fixture exports: new / fixed / persisting / gone with exact ages, the
//! trend, incremental reuse, `--since`, and pruning.

use super::*;

#[test]
fn three_nights_new_fixed_persisting_and_ages() {
    let (_dir, mut store) = temp_store();

    let (_, v1) = night(&mut store, 1, "n1", "2026-11-20T02:00:00+08:00");
    assert_eq!(v1.baseline, None);
    // A3's 12345 is B13's alone (B15 no longer adds 缺区号 to a hotline-only consultation number).
    assert_eq!(counts(&v1, SJ), (3, 0, 0, 0));
    assert_eq!(counts(&v1, RS), (1, 0, 0, 0));
    assert_eq!(counts(&v1, GC), (2, 0, 0, 0));
    assert!(v1.findings.iter().all(|h| h.age_days == 0));
    assert_eq!(
        v1.totals().new_errors,
        5,
        "A2's identical numbers are a warning"
    );

    let (_, v2) = night(&mut store, 2, "n2", "2026-11-21T02:00:00+08:00");
    assert_eq!(v2.baseline.as_ref().unwrap().id, "n1");
    assert_eq!(counts(&v2, SJ), (0, 1, 2, 0));
    assert_eq!(counts(&v2, RS), (1, 0, 1, 0));
    assert_eq!(counts(&v2, GC), (1, 0, 1, 1));
    assert_eq!(
        find(&v2, "食品经营许可（新办）", "B15").status,
        FindingStatus::Fixed
    );
    let gone = find(&v2, "小餐饮经营许可", "B13");
    assert_eq!(
        gone.status,
        FindingStatus::Gone,
        "C1 was deleted, not fixed"
    );
    let b2 = find(&v2, "职业资格证书补发", "B14");
    assert_eq!((b2.status, b2.age_days), (FindingStatus::New, 0));
    let b1 = find(&v2, "失业保险金申领", "B14");
    assert_eq!((b1.status, b1.age_days), (FindingStatus::Persisting, 1));
    assert_eq!(b1.first_seen, "2026-11-20T02:00:00+08:00");
    assert_eq!(v2.reused_items, 4, "A2, A3, B1, C2 are unchanged");

    let (_, v3) = night(&mut store, 3, "n3", "2026-11-24T02:00:00+08:00");
    assert_eq!(v3.baseline.as_ref().unwrap().id, "n2");
    assert_eq!(counts(&v3, SJ), (1, 1, 1, 0));
    assert_eq!(counts(&v3, RS), (1, 0, 2, 0));
    assert_eq!(counts(&v3, GC), (0, 0, 1, 1));
    // A1 broke again: its streak was broken on night 2, so it is new with age 0.
    let a1 = find(&v3, "食品经营许可（新办）", "B15");
    assert_eq!((a1.status, a1.age_days), (FindingStatus::New, 0));
    assert_eq!(a1.first_seen, "2026-11-24T02:00:00+08:00");
    // A3 was rewritten in full-width digits: same problem, still persisting since night 1.
    let a3 = find(&v3, "个体工商户设立登记", "B13");
    assert_eq!((a3.status, a3.age_days), (FindingStatus::Persisting, 4));
    assert_eq!(find(&v3, "职业资格证书补发", "B14").age_days, 3);
    assert_eq!(find(&v3, "食品摊贩登记", "B15").age_days, 3);
    let a2 = find(&v3, "食品经营许可（变更）", "B15");
    assert_eq!(
        (a2.status, a2.severity),
        (FindingStatus::Fixed, Severity::Warning)
    );
    assert_eq!(
        find(&v3, "食品小作坊登记", "B15").status,
        FindingStatus::Gone
    );
    assert_eq!(
        v3.reused_items, 4,
        "B1, B2, C3 are unchanged and A1 is back to its night-1 content"
    );

    // The trend: errors per night, oldest first, this run last.
    let trend: Vec<(String, usize)> = v3
        .unit(RS)
        .unwrap()
        .trend
        .iter()
        .map(|p| (p.run_id.clone(), p.errors))
        .collect();
    assert_eq!(
        trend,
        [("n1".into(), 1), ("n2".into(), 2), ("n3".into(), 3)]
    );
    let sj: Vec<usize> = v3
        .unit(SJ)
        .unwrap()
        .trend
        .iter()
        .map(|p| p.errors)
        .collect();
    assert_eq!(sj, [2, 1, 2], "warnings are not errors");
    assert!(v3.unit(SJ).unwrap().trend.iter().all(|p| p.score.is_none()));

    // The report carries the view, and a finding can be looked up by its fingerprint.
    let runs = store.runs().unwrap();
    assert!(runs.iter().all(|r| r.status == RunStatus::Complete));
    assert_eq!(runs.len(), 3);
}

#[test]
fn reused_results_equal_a_full_check_and_configuration_changes_disable_reuse() {
    let (_dir, mut store) = temp_store();
    night(&mut store, 1, "n1", "2026-11-20T02:00:00+08:00");
    let (checked, view) = night(&mut store, 2, "n2", "2026-11-21T02:00:00+08:00");
    assert_eq!(view.reused_items, 4);
    let full = check_records(
        read(2),
        &phone_rules(Severity::Error),
        &CheckContext::default(),
        RunInfo {
            run_id: "n2".into(),
            generated_at: "2026-11-21T02:00:00+08:00".into(),
            inputs: vec!["night2.json".into()],
        },
    );
    assert_eq!(
        checked.report.items, full.items,
        "provenance points at night2.json"
    );
    assert_eq!(checked.report.findings, full.findings);
    assert_eq!(checked.report.summary, full.summary);
    for (f, h) in full.findings.iter().zip(&checked.report.findings) {
        assert_eq!(
            view.status_of(f).unwrap().fingerprint,
            history::fingerprint(h)
        );
    }

    // B15 downgraded to a warning: a different configuration hash, nothing reused.
    let rules = phone_rules(Severity::Warning);
    let (run, checked) = check_night(&mut store, 2, "n2b", "2026-11-22T02:00:00+08:00", &rules);
    assert_eq!(checked.reused, 0);
    let view = store.diff(&run, &checked, None, 12).unwrap();
    // Same fingerprints whatever the severity: nothing new, nothing fixed.
    assert_eq!(view.totals().new, 0);
    assert_eq!(view.totals().persisting, 6);
}

#[test]
fn since_picks_a_baseline_by_date_or_run_id() {
    let (_dir, mut store) = temp_store();
    night(&mut store, 1, "n1", "2026-11-20T02:00:00+08:00");
    night(&mut store, 2, "n2", "2026-11-21T02:00:00+08:00");
    let (run, checked) = check_night(
        &mut store,
        3,
        "n3",
        "2026-11-24T02:00:00+08:00",
        &phone_rules(Severity::Error),
    );
    for since in ["2026-11-20", "n1"] {
        let view = store.diff(&run, &checked, Some(since), 12).unwrap();
        assert_eq!(view.baseline.as_ref().unwrap().id, "n1", "{since}");
        // Against night 1: A1 was there too, B2 broke on night 2.
        assert_eq!(
            find(&view, "食品经营许可（新办）", "B15").status,
            FindingStatus::Persisting
        );
        assert_eq!(
            find(&view, "职业资格证书补发", "B14").status,
            FindingStatus::New
        );
    }
    for bad in ["2026-11-19", "n9"] {
        let err = store.diff(&run, &checked, Some(bad), 12).unwrap_err();
        assert!(
            matches!(err, HistoryError::NoSuchBaseline(_)),
            "{bad}: {err}"
        );
    }
}

/// A run that starts in the same second as the one before it (a small city's export checks in
/// under a second; an operator runs `audit` again at once) compares with it, rather than with
/// the night before or with nothing, which would make every finding 新增.
#[test]
fn a_run_in_the_same_second_compares_with_the_run_before() {
    let statuses = |view: &HistoryView| {
        let mut s: Vec<(String, FindingStatus)> = view
            .findings
            .iter()
            .map(|h| (h.fingerprint.clone(), h.status))
            .collect();
        s.sort_by(|a, b| a.0.cmp(&b.0));
        s
    };
    // Night 2 a day after night 1, as the nights usually come.
    let (_dir, mut store) = temp_store();
    night(&mut store, 1, "n1", "2026-11-20T02:00:00+08:00");
    let (_, next_day) = night(&mut store, 2, "n2", "2026-11-21T02:00:00+08:00");
    assert!(next_day.totals().persisting > 0 && next_day.totals().fixed > 0);

    let (_dir, mut store) = temp_store();
    let at = "2026-11-20T02:00:00+08:00";
    night(&mut store, 1, "n1", at);
    let (_, view) = night(&mut store, 2, "n1-2", at);
    assert_eq!(view.baseline.as_ref().map(|b| b.id.as_str()), Some("n1"));
    assert_eq!(statuses(&view), statuses(&next_day));
    // And a third in that second with the second, the latest before it.
    let (_, view) = night(&mut store, 3, "n1-3", at);
    assert_eq!(view.baseline.as_ref().map(|b| b.id.as_str()), Some("n1-2"));
}

#[test]
fn pruning_keeps_trends_and_ages_but_drops_old_details() {
    let (dir, mut store) = temp_store();
    night(&mut store, 1, "n1", "2026-11-20T02:00:00+08:00");
    night(&mut store, 2, "n2", "2026-11-21T02:00:00+08:00");
    night(&mut store, 3, "n3", "2026-11-24T02:00:00+08:00");
    assert_eq!(store.prune(1).unwrap(), 2);
    assert_eq!(store.prune(1).unwrap(), 0, "nothing left to prune");
    let db = rusqlite::Connection::open(dir.path().join("reports/history.sqlite")).unwrap();
    let rows: i64 = db
        .query_row(
            "SELECT COUNT(*) FROM findings WHERE run_id IN ('n1', 'n2')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(rows, 0);
    assert_eq!(store.runs().unwrap().len(), 3);

    let (_, v4) = night(&mut store, 3, "n4", "2026-11-25T02:00:00+08:00");
    assert_eq!(v4.reused_items, 7, "night 3's results are kept");
    let b1 = find(&v4, "失业保险金申领", "B14");
    assert_eq!((b1.status, b1.age_days), (FindingStatus::Persisting, 5));
    let trend: Vec<usize> = v4
        .unit(RS)
        .unwrap()
        .trend
        .iter()
        .map(|p| p.errors)
        .collect();
    assert_eq!(trend, [1, 2, 3, 3]);
    let (run, checked) = check_night(
        &mut store,
        3,
        "n5",
        "2026-11-26T02:00:00+08:00",
        &phone_rules(Severity::Error),
    );
    let err = store.diff(&run, &checked, Some("n1"), 12).unwrap_err();
    assert!(matches!(err, HistoryError::Pruned(_)), "{err}");
}

/// A finding about one material keeps its target in the history: the 已整改 row of the next night
/// says which material it was about (`材料「营业执照复印件」: …`), not just the message.
#[test]
fn a_fixed_finding_keeps_the_material_it_was_about() {
    let (_dir, mut store) = temp_store();
    let rules = RuleSet::only(&["M01"]);
    let item = |material: &str| {
        let json = format!(
            "{{\"code\":\"1134170000312541513000117035000\",\"name\":\"食品经营许可（新办）\",\
             \"unit\":\"{SJ}\",\"materials\":[{{\"name\":\"{material}\"}},{{\"name\":\"食品经营许可申请书\"}}]}}"
        );
        vec![Record::Item(Box::new(serde_json::from_str(&json).unwrap()))]
    };
    let mut views = Vec::new();
    for (id, at, material) in [
        ("m1", "2026-11-20T02:00:00+08:00", "营业执照复印件"),
        ("m2", "2026-11-21T02:00:00+08:00", "营业执照"),
    ] {
        let (run, mut checked) =
            check_input(&mut store, item(material), "items.json", id, at, &rules);
        let view = store.diff(&run, &checked, None, 12).unwrap();
        checked.report.history = Some(std::sync::Arc::new(view.clone()));
        let done = RunTime::parse(at).unwrap();
        store.stage(run, &checked, &done).unwrap().commit().unwrap();
        views.push(view);
    }
    let fixed: Vec<&FindingHistory> = views[1]
        .findings
        .iter()
        .filter(|h| h.status == FindingStatus::Fixed)
        .collect();
    assert_eq!(fixed.len(), 1, "{:#?}", views[1].findings);
    assert!(
        fixed[0].message.starts_with("材料「营业执照复印件」"),
        "{}",
        fixed[0].message
    );
}

/// h35: on a night whose export left out the 申请材料 sheet, the baseline's M01 problem was
/// labelled 已整改 (「上次运行的问题本次未再发现，无需处理」), though M01 did not check the item.
/// It is 已移除 now, its note saying the list was not read; with the list read and the problem
/// gone, it is 已整改 as before.
#[test]
fn a_problem_of_a_list_not_read_tonight_is_not_fixed() {
    use zwfw_audit::model::{Item, Material};
    use zwfw_audit::report::fixlist::{FIXED_NOTE, LIST_NOT_READ_NOTE, RowContext};
    let item = |materials: &[&str], unread: bool| {
        let mut item = Item {
            name: "食品经营许可".into(),
            code: "11341700MB1528406Q3000117001000".into(),
            subject: "池州市市场监督管理局".into(),
            region_code: "341700".into(),
            ..Item::default()
        };
        item.materials = materials
            .iter()
            .map(|m| Material {
                name: (*m).to_owned(),
                ..Material::default()
            })
            .collect();
        item.unread.materials = unread;
        vec![Record::Item(Box::new(item))]
    };
    let rules = RuleSet::only(&["M01"]);
    for (tonight, status, note) in [
        (item(&[], true), FindingStatus::Gone, LIST_NOT_READ_NOTE),
        (
            item(&["食品经营许可申请书"], false),
            FindingStatus::Fixed,
            FIXED_NOTE,
        ),
    ] {
        let (_dir, mut store) = temp_store();
        let at = "2026-11-20T02:00:00+08:00";
        let (run, checked) = check_input(&mut store, item(&[], false), "n1.json", "n1", at, &rules);
        assert_eq!(
            checked.report.findings.len(),
            1,
            "{:?}",
            checked.report.findings
        );
        let view = store.diff(&run, &checked, None, 12).unwrap();
        store
            .stage(run, &checked, &RunTime::parse(at).unwrap())
            .unwrap()
            .commit()
            .unwrap();
        assert_eq!(view.totals().new_errors, 1);

        let at = "2026-11-21T02:00:00+08:00";
        let (run, mut checked) = check_input(&mut store, tonight, "n2.json", "n2", at, &rules);
        assert!(checked.report.findings.is_empty());
        let view = store.diff(&run, &checked, None, 12).unwrap();
        let h = find(&view, "食品经营许可", "M01");
        assert_eq!(h.status, status);
        let fixed = usize::from(status == FindingStatus::Fixed);
        assert_eq!(counts(&view, SJ), (0, fixed, 0, 1 - fixed));
        checked.report.history = Some(std::sync::Arc::new(view.clone()));
        let ctx = RowContext::of(&checked.report);
        assert_eq!(ctx.closed_note(h), note);
    }
}
