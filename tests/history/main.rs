//! The history store end to end through the library: three nights over `fixtures/history/`
//! (new / fixed / persisting / gone with exact ages), incremental reuse, a run killed mid-way,
//! migration of the checked-in v1 store, concurrent runs, and waivers. Run times are passed in;
//! nothing depends on the wall clock. The command line is tested in `history_cli.rs`.

mod carried;
mod failures;
mod migration;
mod nights;
mod waivers;

use std::path::{Path, PathBuf};

use zwfw_audit::check::{RunInfo, check_records};
use zwfw_audit::history::{
    self, Checked, FindingHistory, FindingStatus, HistoryError, HistoryView, RunStatus, RunTime,
    Store, Waiver,
};
use zwfw_audit::model::{Outcome, Severity};
use zwfw_audit::rules::{CheckContext, REGISTRY, RuleSet, RuleSetting};
use zwfw_audit::source::{self, Record};

const SJ: &str = "池州市市场监督管理局";
const RS: &str = "池州市人力资源和社会保障局";
const GC: &str = "贵池区";

/// The phone rules B13–B15 the fixtures were written for (every other rule off, so that rules
/// added later do not change the expected counts), with B15 at `b15` severity.
fn phone_rules(b15: Severity) -> RuleSet {
    let settings = REGISTRY
        .iter()
        .map(|r| {
            let id = r.meta().id;
            let setting = match id {
                "B13" | "B14" => RuleSetting::On(r.meta().default_severity),
                "B15" => RuleSetting::On(b15),
                _ => RuleSetting::Off,
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

fn read(night: u32) -> Vec<Record> {
    let mut records = Vec::new();
    source::read_inputs(&[fixture(&format!("night{night}.json"))], &mut |r| {
        records.push(r);
    });
    records
}

/// The steps of `zwfw-audit audit` up to the commit, with a given time and rule set.
fn check_night(
    store: &mut Store,
    night: u32,
    id: &str,
    at: &str,
    rules: &RuleSet,
) -> (history::RunGuard, Checked) {
    check_input(
        store,
        read(night),
        &format!("night{night}.json"),
        id,
        at,
        rules,
    )
}

/// [`check_night`] of records read from `input`.
fn check_input(
    store: &mut Store,
    records: Vec<Record>,
    input: &str,
    id: &str,
    at: &str,
    rules: &RuleSet,
) -> (history::RunGuard, Checked) {
    let ctx = CheckContext::default();
    let time = RunTime::parse(at).unwrap();
    let hash = history::config_hash(rules, &ctx.params);
    let input = input.to_owned();
    let run = store
        .begin_run(id, time.clone(), std::slice::from_ref(&input), &hash)
        .unwrap();
    let info = RunInfo {
        run_id: id.into(),
        generated_at: at.into(),
        inputs: vec![input],
    };
    let mut checked =
        history::check_incremental(records, rules, &ctx, info, &mut |h| store.cached(&hash, h))
            .unwrap();
    checked.apply_waivers(&store.waivers().unwrap(), time.date);
    (run, checked)
}

/// One whole night, committed; returns the report's history.
fn night(store: &mut Store, night: u32, id: &str, at: &str) -> (Checked, HistoryView) {
    let (run, mut checked) = check_night(store, night, id, at, &phone_rules(Severity::Error));
    let view = store.diff(&run, &checked, None, 12).unwrap();
    checked.report.history = Some(std::sync::Arc::new(view.clone()));
    let done = RunTime::parse(at).unwrap();
    store.stage(run, &checked, &done).unwrap().commit().unwrap();
    (checked, view)
}

fn find<'a>(view: &'a HistoryView, item: &str, rule: &str) -> &'a FindingHistory {
    let hits: Vec<_> = view
        .findings
        .iter()
        .filter(|h| h.item_name == item && h.rule == rule)
        .collect();
    assert_eq!(hits.len(), 1, "{item} {rule}: {hits:#?}");
    hits[0]
}

/// (new, fixed, persisting, gone) of a unit.
fn counts(view: &HistoryView, unit: &str) -> (usize, usize, usize, usize) {
    let u = view.unit(unit).unwrap_or_else(|| panic!("no unit {unit}"));
    (u.new, u.fixed, u.persisting, u.gone)
}

fn temp_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("reports/history.sqlite")).unwrap();
    (dir, store)
}
