//! The rules that run ([`RuleSet`], from the configuration's settings) and running them on items.

use std::collections::BTreeMap;

use super::{CheckContext, REGISTRY, Rule, Verdict, cache, g02_mojibake};
use crate::model::{Finding, Item, Outcome, Severity};

/// How one rule is configured: off, or on with a severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleSetting {
    /// The rule does not run.
    Off,
    /// The rule runs with this severity.
    On(Severity),
}

/// The rules that run, with their effective severities.
#[derive(Clone)]
pub struct RuleSet {
    rules: Vec<(&'static dyn Rule, Severity)>,
    /// Where each rule's outcome goes in [`ItemResult::outcomes`] (sorted by rule id).
    slots: Vec<usize>,
    /// Whether verdicts are shared between items that repeat the same elements ([`cache`]).
    share_verdicts: bool,
}

impl std::fmt::Debug for RuleSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list()
            .entries(self.rules.iter().map(|(r, s)| (r.meta().id, *s)))
            .finish()
    }
}

impl Default for RuleSet {
    fn default() -> Self {
        Self::from_settings(&BTreeMap::new())
    }
}

impl RuleSet {
    /// Every registered rule, with settings (keyed by rule id) applied.
    pub fn from_settings(settings: &BTreeMap<&'static str, RuleSetting>) -> Self {
        let rules = REGISTRY
            .iter()
            .filter_map(|&r| match settings.get(r.meta().id) {
                Some(RuleSetting::Off) => None,
                Some(RuleSetting::On(sev)) => Some((r, *sev)),
                None => Some((r, r.meta().default_severity)),
            })
            .collect();
        Self::of(rules)
    }

    /// These rules, in this order.
    fn of(rules: Vec<(&'static dyn Rule, Severity)>) -> Self {
        let mut by_id: Vec<usize> = (0..rules.len()).collect();
        by_id.sort_by_key(|&i| rules[i].0.meta().id);
        let mut slots = vec![0; rules.len()];
        for (slot, &i) in by_id.iter().enumerate() {
            slots[i] = slot;
        }
        Self {
            rules,
            slots,
            share_verdicts: true,
        }
    }

    /// Only the given rules (by id), with their default severities; for tests and `--only`.
    pub fn only(ids: &[&str]) -> Self {
        let rules = REGISTRY
            .iter()
            .filter(|r| ids.iter().any(|id| r.meta().id.eq_ignore_ascii_case(id)))
            .map(|&r| (r, r.meta().default_severity))
            .collect();
        Self::of(rules)
    }

    /// The same rules, with verdicts shared between items that repeat the same elements or not
    /// (the default is on; the verdicts are the same either way, only the time differs).
    #[must_use]
    pub fn sharing_verdicts(mut self, on: bool) -> Self {
        self.share_verdicts = on;
        self
    }

    /// Whether verdicts are shared between items ([`RuleSet::sharing_verdicts`], and some rule on).
    pub fn shares_verdicts(&self) -> bool {
        self.share_verdicts && !self.rules.is_empty()
    }

    /// The rules that run, with their severities.
    pub fn iter(&self) -> impl Iterator<Item = (&'static dyn Rule, Severity)> + '_ {
        self.rules.iter().copied()
    }

    /// Whether a rule that reads [`crate::model::RawLineFacts`] is on (G02): only then are they
    /// worth finding.
    pub fn uses_line_facts(&self) -> bool {
        self.iter()
            .any(|(r, _)| r.meta().id == g02_mojibake::Mojibake::META.id)
    }

    /// Runs every rule on one item.
    pub fn check_item(&self, item: &Item, unit: &str, ctx: &CheckContext) -> ItemResult {
        let mut results = self.check_items(&[(item, unit)], ctx);
        results.pop().expect("one result for one item")
    }

    /// Runs every rule on each of `items` (each with its unit's name), rule by rule: one rule
    /// over all the items, then the next, so that a rule's code and data stay in the processor's
    /// caches over the batch. The results are each item's as [`RuleSet::check_item`] gives them.
    pub fn check_items(&self, items: &[(&Item, &str)], ctx: &CheckContext) -> Vec<ItemResult> {
        // Each outcome goes straight to its place in id order (cheaper than sorting 34 pairs
        // for every item); every place is written below.
        let mut results: Vec<ItemResult> = items
            .iter()
            .map(|_| ItemResult {
                findings: Vec::new(),
                outcomes: vec![("", Outcome::NotApplicable); self.rules.len()],
            })
            .collect();
        let scope = self
            .shares_verdicts()
            .then(|| cache::BatchScope::begin(items.iter().map(|&(item, _)| item), ctx));
        for (&(rule, severity), &slot) in self.rules.iter().zip(&self.slots) {
            let meta = rule.meta();
            for (k, (&(item, unit), result)) in items.iter().zip(&mut results).enumerate() {
                // Selected for the verdict and for a rule's own partial results (`cache::memo`).
                if let Some(scope) = &scope {
                    scope.select(k);
                }
                let verdict = match rule.reads() {
                    // A list the source could not read is not an empty one.
                    _ if !meta.applies_unread(&item.unread) => Verdict::NotApplicable,
                    Some(reads) if scope.is_some() => {
                        cache::verdict(item, meta.id, reads, || rule.check(item, ctx))
                    }
                    _ => rule.check(item, ctx),
                };
                let outcome = match verdict {
                    Verdict::NotApplicable => Outcome::NotApplicable,
                    Verdict::Checked(violations) => {
                        let mut failed = false;
                        for v in violations {
                            let sev = v.severity.map_or(severity, |s| s.min(severity));
                            failed |= sev == Severity::Error;
                            result.findings.push(Finding {
                                rule: meta.id.to_owned(),
                                // The rule's own texts, borrowed: a province's report holds
                                // 690,000 findings.
                                rule_name: meta.name.into(),
                                element: meta.element.into(),
                                severity: sev,
                                item_code: item.code.clone(),
                                item_name: item.name.clone(),
                                unit: unit.to_owned(),
                                target: v.target,
                                message: v.message,
                                evidence: v.evidence,
                                suggestion: v.suggestion.map_or(meta.fix.into(), Into::into),
                                provenance: v.provenance.unwrap_or_else(|| item.provenance.clone()),
                            });
                        }
                        if failed { Outcome::Fail } else { Outcome::Pass }
                    }
                };
                result.outcomes[slot] = (meta.id, outcome);
            }
        }
        results
    }
}

/// The findings and per-element outcomes of one item.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ItemResult {
    /// Every finding, in rule order.
    pub findings: Vec<Finding>,
    /// pass / fail / n/a for every rule that ran, sorted by rule id (each id once).
    pub outcomes: Vec<(&'static str, Outcome)>,
}

impl ItemResult {
    /// The outcome of one rule, if it ran.
    pub fn outcome(&self, id: &str) -> Option<Outcome> {
        self.outcomes
            .binary_search_by_key(&id, |&(rule, _)| rule)
            .ok()
            .map(|i| self.outcomes[i].1)
    }
}
