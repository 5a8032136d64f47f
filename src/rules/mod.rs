//! The rule engine: one file per rule, named after its id and name, and the single registry list
//! [`REGISTRY`]. A rule is pure: it reads an [`Item`] and its [`CheckContext`] and returns a
//! [`Verdict`]; it never prints or touches the network.
//!
//! Adding a rule: copy a rule file, give it a new id, write its docs (the four sections are
//! checked by the registry tests), add fixtures in `fixtures/rules/<ID>.json`, and add one line to
//! [`REGISTRY`].

use std::collections::BTreeMap;

use crate::model::{Finding, Item, Outcome, Provenance, Severity};

pub mod cache;
mod params;
pub use cache::Reads;
pub use params::RuleParams;
mod prepared;
mod prepared_faq;
mod prepared_materials;
pub use prepared::Prepared;

mod b01_power_source;
mod b02_quantity_limit;
mod b03_handling_type;
mod b04_item_code;
mod b05_service_object;
mod b06_legal_limit;
mod b07_promised_limit;
mod b08_visits;
mod b09_handling_address;
mod b10_handling_hours;
mod b11_result_name;
mod b12_result_sample;
mod b13_consult_phone;
mod b14_supervise_phone;
mod b15_phone_accuracy;

pub mod fees;
pub mod general_text;
pub mod materials;
pub mod process;

mod f01_fee_flag;
mod f02_fee_standard;
mod f03_fee_basis;
mod g01_required_placeholder;
mod g02_mojibake;
mod g03_malformed_url;
mod g04_legal_basis_law;
mod i01_intermediary;
mod m01_material_name;
mod m02_material_source;
mod m03_copies_and_medium;
mod m04_blank_form;
mod m05_sample_form;
mod m06_blank_form_accuracy;
mod m07_sample_accuracy;
mod m08_filling_notes;
mod p01_process_detail;
mod p02_process_online_depth;
mod q01_faq;

/// 规则类别 — the appendix section a rule belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub enum Category {
    /// 基本信息
    Basic,
    /// 申请材料
    Materials,
    /// 办理流程
    Process,
    /// 收费信息
    Fees,
    /// 中介服务
    Intermediary,
    /// 常见问题
    Faq,
    /// 通用检查 — beyond the appendix (考核范围包括但不限于).
    General,
}

impl Category {
    /// The Chinese section name.
    pub fn label_zh(self) -> &'static str {
        match self {
            Category::Basic => "基本信息",
            Category::Materials => "申请材料",
            Category::Process => "办理流程",
            Category::Fees => "收费信息",
            Category::Intermediary => "中介服务",
            Category::Faq => "常见问题",
            Category::General => "通用检查",
        }
    }
}

/// What a rule is: id, name, element, default severity and documentation.
#[derive(Debug, Clone, Copy)]
pub struct RuleMeta {
    /// Stable id, e.g. `B09`.
    pub id: &'static str,
    /// Kebab-case name, e.g. `handling-address`.
    pub name: &'static str,
    /// The appendix element in Chinese, e.g. `办理地点`.
    pub element: &'static str,
    /// The appendix section.
    pub category: Category,
    /// Severity unless configured otherwise.
    pub default_severity: Severity,
    /// Default fix suggestion (整改建议), in Chinese.
    pub fix: &'static str,
    /// Markdown documentation, from the rule's doc comments.
    pub docs: &'static str,
}

impl RuleMeta {
    /// Whether the rule implements an element of the appendix (not a general rule).
    pub fn is_appendix(&self) -> bool {
        self.category != Category::General
    }
}

/// Declares a rule struct with its [`RuleMeta`] taken from the doc comments and the fields given.
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        pub struct $name:ident {
            id: $id:literal,
            name: $kebab:literal,
            element: $element:literal,
            category: $cat:ident,
            severity: $sev:ident,
            fix: $fix:literal $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        #[derive(Debug, Default, Clone, Copy)]
        pub struct $name;

        impl $name {
            /// The rule's metadata.
            pub const META: $crate::rules::RuleMeta = $crate::rules::RuleMeta {
                id: $id,
                name: $kebab,
                element: $element,
                category: $crate::rules::Category::$cat,
                default_severity: $crate::model::Severity::$sev,
                fix: $fix,
                docs: concat!($($doc, "\n"),*),
            };
        }
    };
}
pub(crate) use declare_rule;

/// One problem a rule found, before the engine adds the item's identity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// What is wrong, in Chinese, quoting the offending text.
    pub message: String,
    /// The offending text as published.
    pub evidence: String,
    /// The part of the item concerned (`材料「身份证明」`), when narrower than the item.
    pub target: Option<String>,
    /// A lower severity for this violation than the rule's (e.g. B15's identical numbers).
    pub severity: Option<Severity>,
    /// A specific fix suggestion; the rule's default when `None`.
    pub suggestion: Option<String>,
    /// Where the text was read, when it is a child record's row rather than the item's.
    pub provenance: Option<Provenance>,
}

impl Violation {
    /// A violation with its message and the offending text.
    pub fn new(message: impl Into<String>, evidence: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            evidence: evidence.into(),
            target: None,
            severity: None,
            suggestion: None,
            provenance: None,
        }
    }

    /// Names the part of the item concerned.
    #[must_use]
    pub fn target(mut self, target: impl Into<String>) -> Self {
        self.target = Some(target.into());
        self
    }

    /// Reports this violation as a warning whatever the rule's severity.
    #[must_use]
    pub fn warning(mut self) -> Self {
        self.severity = Some(Severity::Warning);
        self
    }

    /// A fix suggestion specific to this violation.
    #[must_use]
    pub fn suggest(mut self, suggestion: impl Into<String>) -> Self {
        self.suggestion = Some(suggestion.into());
        self
    }

    /// Where the offending text was read.
    #[must_use]
    pub fn at(mut self, provenance: &Provenance) -> Self {
        if *provenance != Provenance::default() {
            self.provenance = Some(provenance.clone());
        }
        self
    }
}

/// What a rule says about one item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// 不涉及 — the element does not apply (e.g. fee rules for a free item).
    NotApplicable,
    /// Checked; no violation means the element passes.
    Checked(Vec<Violation>),
}

impl Verdict {
    /// A passing check.
    pub fn pass() -> Self {
        Verdict::Checked(Vec::new())
    }
}

/// Everything a rule may read besides the item: settings from configuration, and what the rules
/// prepare from them once per run (word-list matchers, normalised phrase lists) instead of once
/// per item.
#[derive(Debug, Clone, Default)]
pub struct CheckContext {
    /// Rule parameters (`[check]` in the configuration file). Set them before the first check:
    /// what is prepared from them is prepared on first use and kept.
    pub params: RuleParams,
    prepared: std::sync::OnceLock<std::sync::Arc<Prepared>>,
}

impl CheckContext {
    /// A context for these parameters.
    pub fn new(params: RuleParams) -> Self {
        Self {
            params,
            prepared: std::sync::OnceLock::new(),
        }
    }

    /// What the rules prepare from the parameters, built on first use (one per run, shared by
    /// every thread).
    pub fn prepared(&self) -> &Prepared {
        self.prepared
            .get_or_init(|| std::sync::Arc::new(Prepared::new(&self.params)))
    }
}

/// A rule: metadata and a pure check.
pub trait Rule: Sync + Send {
    /// The rule's metadata.
    fn meta(&self) -> &'static RuleMeta;
    /// Checks one item.
    fn check(&self, item: &Item, ctx: &CheckContext) -> Verdict;
    /// Every element of an item [`check`](Rule::check) reads (besides the context): the verdict is
    /// a function of these alone, so items that repeat them share it ([`cache`]). `None` (the
    /// default): not shared, e.g. a rule that reads an element unique to each item (实施编码, links).
    /// The cache's tests check the declaration: swapping in any other element leaves the verdict.
    fn reads(&self) -> Option<Reads> {
        None
    }
}

/// The single list of rules, in report order.
pub static REGISTRY: &[&dyn Rule] = &[
    &b01_power_source::PowerSource,
    &b02_quantity_limit::QuantityLimit,
    &b03_handling_type::HandlingType,
    &b04_item_code::ItemCodeRule,
    &b05_service_object::ServiceObject,
    &b06_legal_limit::LegalLimit,
    &b07_promised_limit::PromisedLimit,
    &b08_visits::Visits,
    &b09_handling_address::HandlingAddress,
    &b10_handling_hours::HandlingHours,
    &b11_result_name::ResultName,
    &b12_result_sample::ResultSample,
    &b13_consult_phone::ConsultPhone,
    &b14_supervise_phone::SupervisePhone,
    &b15_phone_accuracy::PhoneAccuracy,
    &m01_material_name::MaterialName,
    &m02_material_source::MaterialSource,
    &m03_copies_and_medium::CopiesAndMedium,
    &m04_blank_form::BlankForm,
    &m05_sample_form::SampleForm,
    &m06_blank_form_accuracy::BlankFormAccuracy,
    &m07_sample_accuracy::SampleAccuracy,
    &m08_filling_notes::FillingNotes,
    &p01_process_detail::ProcessDetail,
    &p02_process_online_depth::ProcessOnlineDepth,
    &f01_fee_flag::FeeFlag,
    &f02_fee_standard::FeeStandard,
    &f03_fee_basis::FeeBasis,
    &i01_intermediary::IntermediaryService,
    &q01_faq::FaqQuality,
    &g01_required_placeholder::RequiredPlaceholder,
    &g02_mojibake::Mojibake,
    &g03_malformed_url::MalformedUrl,
    &g04_legal_basis_law::LegalBasisLaw,
];

/// Finds a rule by id (`B09`, case-insensitive) or name (`handling-address`).
pub fn find(id_or_name: &str) -> Option<&'static dyn Rule> {
    let key = id_or_name.trim();
    REGISTRY
        .iter()
        .copied()
        .find(|r| r.meta().id.eq_ignore_ascii_case(key) || r.meta().name == key)
}

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
                                rule_name: meta.name.to_owned(),
                                element: meta.element.to_owned(),
                                severity: sev,
                                item_code: item.code.clone(),
                                item_name: item.name.clone(),
                                unit: unit.to_owned(),
                                target: v.target,
                                message: v.message,
                                evidence: v.evidence,
                                suggestion: v.suggestion.unwrap_or_else(|| meta.fix.to_owned()),
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

#[cfg(test)]
mod registry_tests;
