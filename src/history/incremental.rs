//! The incremental check: items whose content hash and configuration hash match an earlier
//! complete run reuse its result; the others go through [`check_records`]. Also applies waivers
//! to the checked report, because that needs to know which findings belong to which item.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use super::view::WaiverReport;
use super::{FreshResults, HistoryError, Waiver, fingerprint, hex_sha256, waiver};
use crate::check::{RunInfo, check_records};
use crate::model::{Finding, Item, Outcome, Provenance, Severity};
use crate::report::{ItemEntry, ItemStatus, Report};
use crate::rules::{CheckContext, RuleSet};
use crate::source::Record;

/// A result kept from an earlier run.
#[derive(Debug, Clone, PartialEq)]
pub struct CachedResult {
    /// The item's report entry (outcomes, counts) as it was.
    pub entry: ItemEntry,
    /// Its findings, in rule order.
    pub findings: Vec<Finding>,
}

/// A checked run, ready for waivers, scoring, the diff and the store.
#[derive(Debug)]
pub struct Checked {
    /// The report.
    pub report: Report,
    /// Content hash of each report item, in the same order.
    pub hashes: Vec<String>,
    /// Fingerprint of each report finding, in the same order.
    pub fingerprints: Vec<String>,
    /// How many items reused an earlier result.
    pub reused: usize,
    /// Fingerprints of the findings waived in this run.
    pub waived: BTreeSet<String>,
    /// Waivers applied, expired, unmatched.
    pub waiver_report: WaiverReport,
    /// What each file gave values for, as stored in `run_files.parts`: the file's
    /// [`super::source_key`] and the JSON of its parts (empty when not gathered).
    pub file_parts: Vec<(String, String)>,
    /// What each report item gave values for, as stored in `items.parts` (bits; `None` for an
    /// unreadable record, or when not gathered: an empty list).
    pub item_parts: Vec<Option<i64>>,
    /// The report findings of each item.
    spans: Vec<Range<usize>>,
    /// (考核单位, 实施编码, section) of the child lists the source could not read for an item
    /// (a 申请材料 or 办理流程 sheet left out of the export, a damaged sheet): that section's
    /// rules did not check the item, so its baseline findings are not 已整改.
    pub unread_sections: BTreeSet<(String, String, String)>,
    /// Results computed in this run: (content hash, entry JSON, findings JSON), before waivers,
    /// on disk.
    pub(crate) fresh: FreshResults,
}

/// The content hash of an item: SHA-256 of its JSON without its top-level provenance, so the same
/// item read from tonight's file or at another position has the same hash. The child lists its
/// source could not read (not in the JSON) are added: such an item is not checked as one whose
/// lists were read empty.
pub fn item_hash(item: &Item) -> String {
    let mut bare = item.clone();
    bare.provenance = Provenance::default();
    let mut json = serde_json::to_vec(&bare).expect("an item serialises");
    if !item.unread.is_empty() {
        json.extend_from_slice(format!("\n{:?}", item.unread).as_bytes());
    }
    hex_sha256(&json, 64)
}

enum Slot {
    Fresh(String),
    Reused(String, Box<CachedResult>),
}

/// Checks the records, reusing earlier results: `lookup(content_hash)` returns the cached result
/// for the current configuration (the store's [`super::Store::cached`]), or `None` to check.
pub fn check_incremental(
    records: Vec<Record>,
    rules: &RuleSet,
    ctx: &CheckContext,
    run: RunInfo,
    lookup: &mut dyn FnMut(&str) -> Result<Option<CachedResult>, HistoryError>,
) -> Result<Checked, HistoryError> {
    let mut check = Incremental::new(rules, ctx);
    check.add(records, lookup)?;
    check.finish(run)
}

/// [`check_incremental`] a run of records at a time, in input order, as they are read: the
/// nightly run holds the report, not every item of the input (10^5 items took 1.34 GB read whole).
pub struct Incremental<'r> {
    rules: &'r RuleSet,
    ctx: &'r CheckContext,
    items: Vec<ItemEntry>,
    findings: Vec<Finding>,
    notices: Vec<crate::source::Notice>,
    hashes: Vec<String>,
    spans: Vec<Range<usize>>,
    /// The sections each entry's source could not read, by entry.
    unread: Vec<Vec<&'static str>>,
    reused: usize,
    fresh: FreshResults,
}

impl<'r> Incremental<'r> {
    /// Nothing checked yet; the results checked anew are kept in a temporary file in the system's
    /// temporary folder ([`Self::keep_fresh_in`]).
    pub fn new(rules: &'r RuleSet, ctx: &'r CheckContext) -> Self {
        Incremental {
            rules,
            ctx,
            items: Vec::new(),
            findings: Vec::new(),
            notices: Vec::new(),
            hashes: Vec::new(),
            spans: Vec::new(),
            unread: Vec::new(),
            reused: 0,
            fresh: FreshResults::in_dir(&std::env::temp_dir()),
        }
    }

    /// Keeps the results checked anew in a temporary file in `dir` (the store's folder).
    #[must_use]
    pub fn keep_fresh_in(mut self, dir: &std::path::Path) -> Self {
        self.fresh = FreshResults::in_dir(dir);
        self
    }

    /// Entries so far (items and unreadable records): the index the next one will have.
    pub fn entries(&self) -> usize {
        self.items.len()
    }

    /// Checks the next records, reusing earlier results (see [`check_incremental`]).
    pub fn add(
        &mut self,
        records: Vec<Record>,
        lookup: &mut dyn FnMut(&str) -> Result<Option<CachedResult>, HistoryError>,
    ) -> Result<(), HistoryError> {
        let mut slots = Vec::with_capacity(records.len());
        let mut fresh_records = Vec::with_capacity(records.len());
        for record in records {
            match record {
                Record::Item(item) => {
                    self.unread.push(unread_sections(item.unread));
                    let hash = item_hash(&item);
                    if let Some(mut cached) = lookup(&hash)? {
                        relocate(&mut cached, &item.provenance);
                        slots.push(Slot::Reused(hash, Box::new(cached)));
                    } else {
                        slots.push(Slot::Fresh(hash));
                        fresh_records.push(Record::Item(item));
                    }
                }
                Record::Unreadable(u) => {
                    self.unread.push(Vec::new());
                    let json = serde_json::to_vec(&u).expect("a record serialises");
                    slots.push(Slot::Fresh(hex_sha256(&json, 64)));
                    fresh_records.push(Record::Unreadable(u));
                }
                notice @ Record::Notice(_) => fresh_records.push(notice),
            }
        }
        let report = check_records(fresh_records, self.rules, self.ctx, RunInfo::default());
        self.notices.extend(report.notices);
        let mut fresh_items = report.items.into_iter();
        let mut fresh_findings = report.findings.into_iter();
        for slot in slots {
            let start = self.findings.len();
            let (hash, entry, findings) = match slot {
                Slot::Fresh(hash) => {
                    let entry = fresh_items.next().expect("one entry per fresh slot");
                    let findings: Vec<Finding> = fresh_findings
                        .by_ref()
                        .take(entry.errors + entry.warnings)
                        .collect();
                    if entry.status == ItemStatus::Checked {
                        self.fresh.push(
                            &hash,
                            &serde_json::to_string(&entry).expect("an entry serialises"),
                            &serde_json::to_string(&findings).expect("findings serialise"),
                        )?;
                    }
                    (hash, entry, findings)
                }
                Slot::Reused(hash, cached) => {
                    self.reused += 1;
                    (hash, cached.entry, cached.findings)
                }
            };
            self.hashes.push(hash);
            self.items.push(entry);
            self.findings.extend(findings);
            self.spans.push(start..self.findings.len());
        }
        Ok(())
    }

    /// The checked run of every record added; fails when the results checked anew could not be
    /// written out.
    pub fn finish(mut self, run: RunInfo) -> Result<Checked, HistoryError> {
        self.fresh.finish()?;
        let mut report = check_records(Vec::new(), self.rules, self.ctx, run);
        report.items = self.items;
        report.findings = self.findings;
        report.notices = self.notices;
        report.summarize();
        let unread_sections = report
            .items
            .iter()
            .zip(&self.unread)
            .flat_map(|(entry, sections)| {
                sections
                    .iter()
                    .map(|s| (entry.unit.clone(), entry.code.clone(), (*s).to_owned()))
            })
            .collect();
        Ok(Checked {
            unread_sections,
            fingerprints: report.findings.iter().map(fingerprint).collect(),
            hashes: self.hashes,
            spans: self.spans,
            reused: self.reused,
            waived: BTreeSet::new(),
            file_parts: Vec::new(),
            item_parts: Vec::new(),
            waiver_report: WaiverReport::default(),
            fresh: self.fresh,
            report,
        })
    }
}

/// The sections (申请材料 …, as [`crate::rules::Category::label_zh`] names them) of the child
/// lists `unread` marks.
fn unread_sections(unread: crate::model::UnreadLists) -> Vec<&'static str> {
    use crate::rules::Category;
    [
        Category::Materials,
        Category::Process,
        Category::Fees,
        Category::Intermediary,
        Category::Faq,
    ]
    .into_iter()
    .filter(|c| c.is_unread(&unread))
    .map(Category::label_zh)
    .collect()
}

/// Points a reused result at where the item was read tonight.
fn relocate(cached: &mut CachedResult, now: &Provenance) {
    let old = std::mem::replace(&mut cached.entry.provenance, now.clone());
    for f in &mut cached.findings {
        if f.provenance == old {
            f.provenance = now.clone();
        }
    }
}

impl Checked {
    /// After findings were added to the report's items (link checks, before any waiver): each
    /// item's findings and every fingerprint again, from the items' counts.
    pub fn findings_changed(&mut self) {
        let mut start = 0;
        self.spans = self
            .report
            .items
            .iter()
            .map(|entry| {
                let span = start..start + entry.errors + entry.warnings;
                start = span.end;
                span
            })
            .collect();
        assert_eq!(
            start,
            self.report.findings.len(),
            "the findings are the items' own, in item order"
        );
        self.fingerprints = self.report.findings.iter().map(fingerprint).collect();
    }

    /// Applies the waivers active on `date`: waived findings stay in the list but no longer count
    /// in the item's and the summary's error/warning counts, and an element check whose error
    /// findings are all waived counts as passed. Returns nothing; see [`Checked::waived`] and
    /// [`Checked::waiver_report`].
    pub fn apply_waivers(&mut self, waivers: &[Waiver], date: jiff::civil::Date) {
        let present: BTreeSet<String> = self.fingerprints.iter().cloned().collect();
        let (report, applied) = waiver::classify(waivers, &present, date);
        self.waiver_report = report;
        self.waived = applied;
        if self.waived.is_empty() {
            return;
        }
        let (mut waived_errors, mut waived_warnings) = (0, 0);
        for (i, span) in self.spans.iter().enumerate() {
            let entry = &mut self.report.items[i];
            // Per rule: does any error finding still count?
            let mut counting: BTreeMap<&str, bool> = BTreeMap::new();
            for k in span.clone() {
                let f = &self.report.findings[k];
                let waived = self.waived.contains(&self.fingerprints[k]);
                if f.severity == Severity::Error {
                    *counting.entry(f.rule.as_str()).or_default() |= !waived;
                }
                if waived {
                    entry.waived += 1;
                    match f.severity {
                        Severity::Error => {
                            entry.errors -= 1;
                            waived_errors += 1;
                        }
                        Severity::Warning => {
                            entry.warnings -= 1;
                            waived_warnings += 1;
                        }
                    }
                }
            }
            for (rule, still_fails) in counting {
                if !still_fails && entry.outcomes.get(rule) == Some(&Outcome::Fail) {
                    entry.outcomes.insert(rule.to_owned().into(), Outcome::Pass);
                }
            }
        }
        self.report.summarize();
        self.report.summary.errors -= waived_errors;
        self.report.summary.warnings -= waived_warnings;
    }

    /// Whether the finding at `index` of the report is waived.
    pub fn is_waived(&self, index: usize) -> bool {
        self.waived.contains(&self.fingerprints[index])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An item whose 常见问题 sheet could not be read is not the same content as one whose FAQs
    /// were read empty: a result cached for the one (Q01 failing) is not reused for the other.
    #[test]
    fn unread_lists_are_part_of_the_content_hash() {
        let item = Item {
            name: "食品经营许可".into(),
            code: "11341700MB1528406Q3000117001000".into(),
            ..Item::default()
        };
        let mut unread = item.clone();
        unread.unread.faqs = true;
        assert_ne!(item_hash(&item), item_hash(&unread));
    }

    /// One item whose B15 check fails twice: both numbers lack an area code.
    fn checked() -> Checked {
        let item = Item {
            name: "食品经营许可".into(),
            code: "11341700MB1528406Q3000117001000".into(),
            subject: "池州市市场监督管理局".into(),
            region_code: "341700".into(),
            consult_phone: "2021234".into(),
            supervise_phone: "12345".into(),
            ..Item::default()
        };
        check_incremental(
            vec![Record::Item(Box::new(item))],
            &RuleSet::only(&["B15"]),
            &CheckContext::default(),
            RunInfo::default(),
            &mut |_| Ok(None),
        )
        .unwrap()
    }

    fn waiver(fp: &str) -> Waiver {
        Waiver {
            fingerprint: fp.into(),
            reason: "测试".into(),
            until: "2026-12-31".into(),
            created_at: "2026-11-20T10:00:00+08:00".into(),
        }
    }

    #[test]
    fn an_element_passes_only_when_all_its_errors_are_waived() {
        let day = "2026-11-20".parse().unwrap();
        let mut one = checked();
        assert_eq!(one.report.findings.len(), 2);
        assert_eq!(one.fresh.len(), 1);
        let first = one.fingerprints[0].clone();
        one.apply_waivers(&[waiver(&first)], day);
        let item = &one.report.items[0];
        assert_eq!((item.errors, item.outcomes["B15"]), (1, Outcome::Fail));
        assert_eq!(one.report.summary.errors, 1);
        assert!(one.is_waived(0) && !one.is_waived(1));

        let mut both = checked();
        let all: Vec<Waiver> = both.fingerprints.iter().map(|f| waiver(f)).collect();
        both.apply_waivers(&all, day);
        let item = &both.report.items[0];
        assert_eq!((item.errors, item.outcomes["B15"]), (0, Outcome::Pass));
        assert_eq!(both.report.summary.errors, 0);
        assert_eq!(both.report.summary.items_with_errors, 0);
        assert_eq!(both.report.findings.len(), 2, "waived findings stay listed");
    }

    /// One item listed twice in a county's file (rows 2 and 3): the first left 办理时间 empty
    /// (B10, 缺项) and gave its 办理地点 without a window (B09), which the county had waived; the
    /// second is right. The scores count each row's own findings, the waived one too: counted
    /// by the first row's errors alone, its B10 finding went to the second row, and the first
    /// row's missing element was no longer counted as 缺项.
    #[test]
    fn a_waived_finding_stays_with_its_item_among_namesakes() {
        let item = |row: u64, address: &str, hours: &str| {
            let mut item = Item {
                name: "食品经营许可".into(),
                code: "11341702MB1528406Q3000117001000".into(),
                subject: "池州市贵池区市场监督管理局".into(),
                region_code: "341702".into(),
                address: address.into(),
                hours: hours.into(),
                ..Item::default()
            };
            item.provenance = Provenance::row("贵池区.xlsx", row);
            Record::Item(Box::new(item))
        };
        let mut checked = check_incremental(
            vec![
                item(2, "池州市贵池区长江中路92号", ""),
                item(
                    3,
                    "池州市贵池区长江中路92号政务服务中心一楼3号窗口",
                    "周一至周五 上午8:30-12:00，下午14:30-17:30（法定节假日除外）",
                ),
            ],
            &RuleSet::only(&["B09", "B10"]),
            &CheckContext::default(),
            RunInfo::default(),
            &mut |_| Ok(None),
        )
        .unwrap();
        let rules: Vec<&str> = checked
            .report
            .findings
            .iter()
            .map(|f| f.rule.as_str())
            .collect();
        assert_eq!(rules, ["B09", "B10"], "both the first row's");
        let address = checked.fingerprints[0].clone();
        checked.apply_waivers(&[waiver(&address)], "2026-11-20".parse().unwrap());
        let tally = crate::score::compute::tally_items(&checked.report, &[]);
        assert_eq!(
            tally
                .iter()
                .map(|t| (t.failed, t.missing))
                .collect::<Vec<_>>(),
            [(1, 1), (0, 0)],
            "B09 waived, B10 missing on row 2; nothing on row 3"
        );
    }

    /// The nightly run checks records a run at a time as they are read: any cut gives what
    /// checking them at once gives, reused results, unreadable records and notices included.
    #[test]
    fn a_run_at_a_time_is_the_same_as_all_at_once() {
        let mut records = Vec::new();
        crate::source::read_inputs(
            &[std::path::PathBuf::from(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/fixtures/history/night2.json"
            ))],
            &mut |r| records.push(r),
        );
        assert!(records.len() > 5, "{} records", records.len());
        let rules = RuleSet::default();
        let ctx = CheckContext::default();
        // Every other item's result is kept from last night.
        let first = check_incremental(
            records.clone(),
            &rules,
            &ctx,
            RunInfo::default(),
            &mut |_| Ok(None),
        )
        .unwrap();
        let kept: std::collections::HashMap<String, CachedResult> = first
            .fresh
            .to_vec()
            .iter()
            .step_by(2)
            .map(|(hash, entry, findings)| {
                let cached = CachedResult {
                    entry: serde_json::from_str(entry).unwrap(),
                    findings: serde_json::from_str(findings).unwrap(),
                };
                (hash.clone(), cached)
            })
            .collect();
        assert!(!kept.is_empty());
        let mut lookup = |hash: &str| Ok(kept.get(hash).cloned());
        let whole = check_incremental(
            records.clone(),
            &rules,
            &ctx,
            RunInfo::default(),
            &mut lookup,
        )
        .unwrap();
        assert_eq!(whole.reused, kept.len());
        for run in [1, 2, 3] {
            let mut check = Incremental::new(&rules, &ctx);
            for part in records.chunks(run) {
                check.add(part.to_vec(), &mut lookup).unwrap();
            }
            let cut = check.finish(RunInfo::default()).unwrap();
            assert_eq!(cut.report, whole.report, "runs of {run}");
            assert_eq!(
                (
                    &cut.hashes,
                    &cut.fingerprints,
                    &cut.spans,
                    cut.reused,
                    cut.fresh.to_vec()
                ),
                (
                    &whole.hashes,
                    &whole.fingerprints,
                    &whole.spans,
                    whole.reused,
                    whole.fresh.to_vec()
                ),
                "runs of {run}"
            );
        }
    }

    #[test]
    fn a_reused_result_points_at_tonight_s_file() {
        let first = checked();
        let (hash, entry, findings) = first.fresh.to_vec()[0].clone();
        let cached = CachedResult {
            entry: serde_json::from_str(&entry).unwrap(),
            findings: serde_json::from_str(&findings).unwrap(),
        };
        let mut item: Item = Item {
            name: "食品经营许可".into(),
            code: "11341700MB1528406Q3000117001000".into(),
            subject: "池州市市场监督管理局".into(),
            region_code: "341700".into(),
            consult_phone: "2021234".into(),
            supervise_phone: "12345".into(),
            ..Item::default()
        };
        item.provenance = Provenance::record("night2.json", 5);
        assert_eq!(item_hash(&item), hash, "provenance is not content");
        let again = check_incremental(
            vec![Record::Item(Box::new(item))],
            &RuleSet::only(&["B15"]),
            &CheckContext::default(),
            RunInfo::default(),
            &mut |h| Ok((h == hash).then(|| cached.clone())),
        )
        .unwrap();
        assert_eq!(again.reused, 1);
        assert!(again.fresh.is_empty());
        assert_eq!(
            again.report.items[0].provenance.to_string(),
            "night2.json 第5条"
        );
        assert!(
            again
                .report
                .findings
                .iter()
                .all(|f| &*f.provenance.source == "night2.json")
        );
        assert_eq!(again.fingerprints, first.fingerprints);
    }
}
