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

/// A unit's line in the unit tables (汇总's 单位得分, the page's units): its counts without its
/// items and findings, so that the tables of a report written unit by unit need not hold them.
#[derive(Debug, Clone)]
pub struct UnitTotals {
    /// 被考核单位.
    pub name: String,
    /// Department or county, when known.
    pub kind: Option<UnitKind>,
    /// The unit's score, when scoring ran.
    pub score: Option<UnitScore>,
    /// Checked items.
    pub items: usize,
    /// Checked items with at least one error finding.
    pub items_with_errors: usize,
    /// Findings of severity error.
    pub errors: usize,
    /// Findings of severity warning.
    pub warnings: usize,
    /// Records that could not be read.
    pub unreadable: usize,
    /// How the unit answered its findings, once replies were gathered
    /// ([`RowContext::reply_summary`](super::fixlist::RowContext::reply_summary)).
    pub replies: Option<String>,
}

impl UnitTotals {
    /// The counts of `u`, with its replies as `ctx` knows them.
    /// Waived findings are left out of the counts, as in the history's unit figures.
    pub fn of(u: &UnitView<'_>, ctx: &super::fixlist::RowContext<'_>) -> Self {
        let (mut errors, mut warnings) = (u.errors(), u.warnings());
        if let Some(h) = ctx.history
            && h.units.iter().any(|x| x.unit == u.name && x.waived > 0)
        {
            for f in &u.findings {
                if h.status_of(f).is_some_and(|s| s.waiver.is_some()) {
                    match f.severity {
                        Severity::Error => errors -= 1,
                        Severity::Warning => warnings -= 1,
                    }
                }
            }
        }
        UnitTotals {
            name: u.name.to_owned(),
            kind: u.kind,
            score: u.score.cloned(),
            items: u.items.len(),
            items_with_errors: u.items_with_errors(),
            errors,
            warnings,
            unreadable: u.unreadable.len(),
            replies: ctx.reply_summary(&u.findings),
        }
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
    let mut tally = ElementTally::default();
    tally.add(items, findings);
    tally.counts(rules)
}

/// [`element_counts`] added up a part at a time (a unit's items and findings at once), with the
/// same result as over them all: the rules met only in outcomes follow the report's rules in the
/// order first met, then those met only in findings.
#[derive(Debug, Default)]
pub struct ElementTally {
    counts: BTreeMap<String, ElementCount>,
    /// Rule ids in the order first met in outcomes, and in findings.
    in_outcomes: Vec<String>,
    in_findings: Vec<String>,
}

impl ElementTally {
    /// Counts a part's items and findings.
    pub fn add(&mut self, items: &[&ItemEntry], findings: &[&Finding]) {
        for item in items {
            for (id, outcome) in &item.outcomes {
                let c = slot(&mut self.counts, &mut self.in_outcomes, id);
                match outcome {
                    Outcome::Pass => c.pass += 1,
                    Outcome::Fail => c.fail += 1,
                    Outcome::NotApplicable => c.not_applicable += 1,
                }
            }
        }
        for f in findings {
            let c = slot(&mut self.counts, &mut self.in_findings, &f.rule);
            if c.element.is_empty() {
                c.element = f.element.to_string();
                c.rule_name = f.rule_name.to_string();
            }
            match f.severity {
                Severity::Error => c.errors += 1,
                Severity::Warning => c.warnings += 1,
            }
        }
    }

    /// The counts per rule, in the order of `rules`, then of the rules met only in outcomes,
    /// then of those met only in findings.
    pub fn counts(mut self, rules: &[RuleInfo]) -> Vec<ElementCount> {
        let mut out = Vec::with_capacity(rules.len() + self.counts.len());
        for r in rules {
            let mut c = self.counts.remove(&r.id).unwrap_or_else(|| ElementCount {
                rule: r.id.clone(),
                ..ElementCount::default()
            });
            // A rule with no element takes its findings' (as a rule not among `rules` does).
            if !r.element.is_empty() || c.element.is_empty() {
                c.rule_name.clone_from(&r.name);
                c.element.clone_from(&r.element);
            }
            c.category.clone_from(&r.category);
            out.push(c);
        }
        for id in self.in_outcomes.iter().chain(&self.in_findings) {
            out.extend(self.counts.remove(id));
        }
        out
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A report whose units differ in the rules met outside the report's own: an outcome of a
    /// retired rule (`X01`) in the second unit, a link finding (`L01`, not among the rules that
    /// ran) in the first, so the order of first meeting matters.
    fn report_with_extra_ids() -> Report {
        let mut report = crate::score::tests::fixture();
        let views = Views::of(&report);
        assert!(
            views.units.len() >= 2,
            "the fixture has {} units",
            views.units.len()
        );
        let (first, second) = (
            views.units[0].name.to_owned(),
            views.units[1].name.to_owned(),
        );
        let item = report
            .items
            .iter_mut()
            .find(|i| i.unit == second && i.status == ItemStatus::Checked)
            .expect("the second unit has an item");
        item.outcomes.insert("X01".to_owned().into(), Outcome::Fail);
        let mut link = report
            .findings
            .iter()
            .find(|f| f.unit == first)
            .expect("the first unit has a finding")
            .clone();
        link.rule = "L01".to_owned();
        link.element = "空表链接".into();
        report.findings.push(link);
        report
    }

    #[test]
    fn element_counts_added_up_by_unit_are_those_of_the_whole() {
        let report = report_with_extra_ids();
        let views = Views::of(&report);
        let items: Vec<&ItemEntry> = views.units.iter().flat_map(|u| u.items.clone()).collect();
        let findings: Vec<&Finding> = views
            .units
            .iter()
            .flat_map(|u| u.findings.clone())
            .collect();
        let whole = element_counts(&report.rules, &items, &findings);
        let mut tally = ElementTally::default();
        for u in &views.units {
            tally.add(&u.items, &u.findings);
        }
        let by_unit = tally.counts(&report.rules);
        assert_eq!(by_unit, whole);
        let ids: Vec<&str> = whole.iter().map(|c| c.rule.as_str()).collect();
        let n = report.rules.len();
        assert_eq!(ids[n..], ["X01", "L01"], "{ids:?}");
        assert_eq!(whole[n + 1].element, "空表链接");
        assert_eq!(whole[n].fail, 1);
    }
}
