//! Views of a [`Report`] shared by the XLSX and HTML writers: the report grouped by unit
//! (被考核单位) and the per-element counts (按要素统计). Pure data; no formatting here.

use std::collections::BTreeMap;

use super::{ItemEntry, ItemStatus, Report, RuleInfo};
use crate::model::{Finding, Outcome, Severity};
use crate::score::UnitScore;
use crate::unit::UnitKind;

/// One unit's share of a report.
#[derive(Debug, Clone)]
pub struct UnitView<'a> {
    /// 被考核单位.
    pub name: &'a str,
    /// Department or county, when known from its items or its score.
    pub kind: Option<UnitKind>,
    /// The unit's score, when scoring ran.
    pub score: Option<&'a UnitScore>,
    /// The unit's checked items, in report order.
    pub items: Vec<&'a ItemEntry>,
    /// The unit's findings, in report order.
    pub findings: Vec<&'a Finding>,
    /// The unit's records that could not be read (known by what could be read of them).
    pub unreadable: Vec<&'a ItemEntry>,
}

impl UnitView<'_> {
    /// Findings of severity error.
    pub fn errors(&self) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count()
    }

    /// Findings of severity warning.
    pub fn warnings(&self) -> usize {
        self.findings.len() - self.errors()
    }

    /// Items with at least one error finding.
    pub fn items_with_errors(&self) -> usize {
        self.items.iter().filter(|i| i.errors > 0).count()
    }
}

/// The report split by unit.
#[derive(Debug, Clone)]
pub struct Views<'a> {
    /// Every unit that has a checked item, a finding or a score — or, with a history, a closed
    /// baseline finding (已整改 / 已移除; a unit whose items were all removed) — sorted by name.
    pub units: Vec<UnitView<'a>>,
    /// Every item that could not be read (those whose unit could be made out are in their
    /// unit's view too).
    pub unreadable: Vec<&'a ItemEntry>,
}

impl<'a> Views<'a> {
    /// Groups a report by unit.
    pub fn of(report: &'a Report) -> Self {
        let mut units: BTreeMap<&'a str, UnitView<'a>> = BTreeMap::new();
        let entry = |units: &mut BTreeMap<&'a str, UnitView<'a>>, name: &'a str| {
            units.entry(name).or_insert_with(|| UnitView {
                name,
                kind: None,
                score: None,
                items: Vec::new(),
                findings: Vec::new(),
                unreadable: Vec::new(),
            });
        };
        let mut unreadable = Vec::new();
        for item in &report.items {
            if item.status == ItemStatus::Unreadable {
                unreadable.push(item);
                if item.unit != crate::check::UNREADABLE_UNIT {
                    entry(&mut units, &item.unit);
                    let u = units.get_mut(item.unit.as_str()).expect("just inserted");
                    u.kind.get_or_insert(item.unit_kind);
                    u.unreadable.push(item);
                }
                continue;
            }
            entry(&mut units, &item.unit);
            let u = units.get_mut(item.unit.as_str()).expect("just inserted");
            u.kind.get_or_insert(item.unit_kind);
            u.items.push(item);
        }
        for f in &report.findings {
            entry(&mut units, &f.unit);
            units
                .get_mut(f.unit.as_str())
                .expect("just inserted")
                .findings
                .push(f);
        }
        if let Some(history) = &report.history {
            for h in history
                .findings
                .iter()
                .filter(|h| super::fixlist::is_closed(h))
            {
                entry(&mut units, &h.unit);
            }
        }
        for s in &report.scores {
            entry(&mut units, &s.unit);
            let u = units.get_mut(s.unit.as_str()).expect("just inserted");
            u.kind = Some(s.kind);
            u.score = Some(s);
        }
        Views {
            units: units.into_values().collect(),
            unreadable,
        }
    }
}

/// pass / fail / n/a and finding counts of one rule over a set of items.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ElementCount {
    /// Rule id.
    pub rule: String,
    /// Rule name.
    pub rule_name: String,
    /// Appendix element in Chinese.
    pub element: String,
    /// Appendix section in Chinese.
    pub category: String,
    /// Items that passed.
    pub pass: usize,
    /// Items that failed.
    pub fail: usize,
    /// Items the element does not apply to.
    pub not_applicable: usize,
    /// Findings of severity error.
    pub errors: usize,
    /// Findings of severity warning.
    pub warnings: usize,
}

impl ElementCount {
    /// Applicable checks (pass + fail).
    pub fn checks(&self) -> usize {
        self.pass + self.fail
    }
}

/// Counts per rule, in the order of `rules`; rules met only in outcomes or findings follow.
pub fn element_counts(
    rules: &[RuleInfo],
    items: &[&ItemEntry],
    findings: &[&Finding],
) -> Vec<ElementCount> {
    let mut order: Vec<String> = rules.iter().map(|r| r.id.clone()).collect();
    let mut counts: BTreeMap<String, ElementCount> = rules
        .iter()
        .map(|r| {
            let c = ElementCount {
                rule: r.id.clone(),
                rule_name: r.name.clone(),
                element: r.element.clone(),
                category: r.category.clone(),
                ..ElementCount::default()
            };
            (r.id.clone(), c)
        })
        .collect();
    for item in items {
        for (id, outcome) in &item.outcomes {
            let c = slot(&mut counts, &mut order, id);
            match outcome {
                Outcome::Pass => c.pass += 1,
                Outcome::Fail => c.fail += 1,
                Outcome::NotApplicable => c.not_applicable += 1,
            }
        }
    }
    for f in findings {
        let c = slot(&mut counts, &mut order, &f.rule);
        if c.element.is_empty() {
            c.element = f.element.to_string();
            c.rule_name = f.rule_name.to_string();
        }
        match f.severity {
            Severity::Error => c.errors += 1,
            Severity::Warning => c.warnings += 1,
        }
    }
    order.iter().filter_map(|id| counts.remove(id)).collect()
}

fn slot<'m>(
    counts: &'m mut BTreeMap<String, ElementCount>,
    order: &mut Vec<String>,
    id: &str,
) -> &'m mut ElementCount {
    if !counts.contains_key(id) {
        order.push(id.to_owned());
    }
    counts.entry(id.to_owned()).or_insert_with(|| ElementCount {
        rule: id.to_owned(),
        ..ElementCount::default()
    })
}

/// pass / fail / n/a counts of one item.
pub fn outcome_counts(item: &ItemEntry) -> (usize, usize, usize) {
    item.outcomes
        .values()
        .fold((0, 0, 0), |(p, f, n), o| match o {
            Outcome::Pass => (p + 1, f, n),
            Outcome::Fail => (p, f + 1, n),
            Outcome::NotApplicable => (p, f, n + 1),
        })
}
