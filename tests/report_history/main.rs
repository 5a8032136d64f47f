//! The history columns of the reports (`audit` runs): the 状态 column and the 已整改 / 已移除 rows
//! of the Excel fix list and the CSV, the 汇总 counts and trend table, the HTML 状态 column, trend
//! SVG and closed-findings section, escaping of hostile history text, the 复核 read-back of a
//! nightly fix list, and reports without history keeping the 11 columns and no history markup.
//!
//! The reports come from the library run over the three fixture nights (`fixtures/history/`,
//! the phone rules B13–B15 the fixtures were written for), as `tests/history` does.

mod html;
mod tables;

use std::path::{Path, PathBuf};

use zwfw_audit::check::RunInfo;
use zwfw_audit::history::{self, RunTime, Store};
use zwfw_audit::model::Severity;
use zwfw_audit::report::Report;
use zwfw_audit::rules::{CheckContext, REGISTRY, RuleSet, RuleSetting};
use zwfw_audit::source::{self, Record};

const SJ: &str = "池州市市场监督管理局";
const RS: &str = "池州市人力资源和社会保障局";
const GC: &str = "贵池区";

fn phone_rules() -> RuleSet {
    let settings = REGISTRY
        .iter()
        .map(|r| {
            let id = r.meta().id;
            let setting = if ["B13", "B14", "B15"].contains(&id) {
                RuleSetting::On(r.meta().default_severity)
            } else {
                RuleSetting::Off
            };
            (id, setting)
        })
        .collect();
    RuleSet::from_settings(&settings)
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/history")
        .join(name)
}

/// One night through the library, committed; returns its report with the history.
fn night(store: &mut Store, night: u32, id: &str, at: &str) -> Report {
    let rules = phone_rules();
    let ctx = CheckContext::default();
    let time = RunTime::parse(at).unwrap();
    let hash = history::config_hash(&rules, &ctx.params);
    let input = format!("night{night}.json");
    let run = store
        .begin_run(id, time.clone(), std::slice::from_ref(&input), &hash)
        .unwrap();
    let mut records: Vec<Record> = Vec::new();
    source::read_inputs(&[fixture(&input)], &mut |r| records.push(r));
    let info = RunInfo {
        run_id: id.into(),
        generated_at: at.into(),
        inputs: vec![input],
    };
    let mut checked =
        history::check_incremental(records, &rules, &ctx, info, &mut |h| store.cached(&hash, h))
            .unwrap();
    checked.apply_waivers(&store.waivers().unwrap(), time.date);
    let view = store.diff(&run, &checked, None, 12).unwrap();
    checked.report.history = Some(std::sync::Arc::new(view));
    store.stage(run, &checked, &time).unwrap().commit().unwrap();
    checked.report
}

/// The night-3 report (nights on 11-20, 11-21 and 11-24).
fn night3() -> Report {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("reports/history.sqlite")).unwrap();
    night(&mut store, 1, "n1", "2026-11-20T02:00:00+08:00");
    night(&mut store, 2, "n2", "2026-11-21T02:00:00+08:00");
    night(&mut store, 3, "n3", "2026-11-24T02:00:00+08:00")
}

/// Findings of `unit` in the report, by severity.
fn findings_of(report: &Report, unit: &str) -> usize {
    report.findings.iter().filter(|f| f.unit == unit).count()
}

#[test]
fn the_fixture_nights_give_the_expected_history() {
    // The other tests rely on these figures of night 3 (asserted exactly in tests/history).
    let r = night3();
    let h = r.history.as_ref().unwrap();
    let c = |u: &str| {
        let u = h.unit(u).unwrap();
        (u.new, u.fixed, u.persisting, u.gone)
    };
    assert_eq!(c(SJ), (1, 1, 1, 0));
    assert_eq!(c(RS), (1, 0, 2, 0));
    assert_eq!(c(GC), (0, 0, 1, 1));
    assert_eq!(findings_of(&r, SJ), 2, "1 new + 1 persisting");
    assert!(r.findings.iter().all(|f| f.severity >= Severity::Warning));
}
