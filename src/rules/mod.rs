//! The rule engine: one file per rule, named after its id and name, and the single registry list
//! [`REGISTRY`]. A rule is pure: it reads an [`Item`] and its [`CheckContext`] and returns a
//! [`Verdict`]; it never prints or touches the network.
//!
//! Adding a rule: copy a rule file, give it a new id, write its docs (the four sections are
//! checked by the registry tests), add fixtures in `fixtures/rules/<ID>.json`, and add one line to
//! [`REGISTRY`].

use crate::model::{Item, Provenance, Severity};

pub mod cache;
mod params;
pub use cache::Reads;
pub use params::{DEFAULT_HOTLINES, RuleParams};
mod prepared;
mod prepared_faq;
mod prepared_materials;
pub use prepared::Prepared;
mod rule_set;
pub use rule_set::{ItemResult, RuleSet, RuleSetting};

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

    /// Whether the section is a child list of the item that its source could not read: the
    /// section's rules do not apply to it (not charged for a damaged sheet).
    pub fn is_unread(self, unread: &crate::model::UnreadLists) -> bool {
        match self {
            Category::Materials => unread.materials,
            Category::Process => unread.steps,
            Category::Fees => unread.fees,
            Category::Intermediary => unread.intermediaries,
            Category::Faq => unread.faqs,
            Category::Basic | Category::General => false,
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
    /// Whether the rule judges an element of the item itself (F01's 是否收费), not its section's
    /// child list: it still applies when that list is unread ([`RuleMeta::applies_unread`]).
    pub judges_item_flag: bool,
}

impl RuleMeta {
    /// Whether the rule implements an element of the appendix (not a general rule).
    pub fn is_appendix(&self) -> bool {
        self.category != Category::General
    }

    /// Whether the rule still applies to an item whose child lists `unread` says were not read:
    /// not when it judges such a list (not charged for a list the tool could not read), but a rule
    /// that judges the item's own flag does (是否收费 is read whatever became of the fee list).
    pub fn applies_unread(&self, unread: &crate::model::UnreadLists) -> bool {
        self.judges_item_flag || !self.category.is_unread(unread)
    }
}

/// Declares a rule struct with its [`RuleMeta`] taken from the doc comments and the fields given.
macro_rules! declare_rule {
    (@flag) => { false };
    (@flag $flag:literal) => { $flag };
    (
        $(#[doc = $doc:literal])*
        pub struct $name:ident {
            id: $id:literal,
            name: $kebab:literal,
            element: $element:literal,
            category: $cat:ident,
            severity: $sev:ident,
            fix: $fix:literal
            $(, judges_item_flag: $flag:literal)? $(,)?
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
                judges_item_flag: $crate::rules::declare_rule!(@flag $($flag)?),
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

#[cfg(test)]
mod registry_tests;
