//! 值域 — the value domains of coded elements (事项类型, 权力来源, 行使层级, 服务对象, 办件类型,
//! 来源渠道, 材料类型, 材料形式, 网办深度), as in `data/zwfw_value_domains.csv` and the rulebook.
//!
//! Platforms store a code (`2`), a label (`承诺件`), or both (`2 承诺件`, `承诺件(2)`). Local systems
//! renumber codes (one swaps 即办件/承诺件), so **the label wins over the code**: when a field holds
//! any recognised label, bare codes in it are ignored. [`parse_domain`] never panics; what it does
//! not recognise is returned in [`DomainValues::unknown`] for the rule to report.

mod counts;
#[cfg(test)]
mod joining_tests;
mod parse;
#[cfg(test)]
mod service_object_tests;
mod tables;
#[cfg(test)]
mod tests;

pub use counts::{parse_count, parse_express, parse_yes_no};
pub use parse::parse_domain;

/// A coded element.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Domain {
    /// 事项类型 — 01 行政许可 … 10 其他行政权力, 20 公共服务.
    ItemType,
    /// 权力来源 — 1 法定本级行使 … 6 同级委托.
    PowerSource,
    /// 行使层级 — 1 国家级 … 6 村（社区）级.
    Level,
    /// 服务对象 — 1 自然人 … 9 其他组织 (multi-valued).
    ServiceObject,
    /// 办件类型 — 1 即办件, 2 承诺件, plus the labels 上报件 and 联办件 (multi-valued).
    HandlingType,
    /// 来源渠道 — 10 申请人自备, 20 政府部门核发, 99 其他.
    SourceChannel,
    /// 材料类型 — 1 原件 … 4 原件或复印件.
    MaterialType,
    /// 材料形式 — 1 纸质 … 4 纸质或电子.
    MaterialForm,
    /// 网办深度 — 一级 … 四级 (Ⅳ级 = 全程网办).
    OnlineDepth,
}

/// One value of a domain: its code and its standard label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DomainValue {
    /// The national code (`2`, `01`, `20`); empty for label-only values (上报件, 联办件).
    pub code: &'static str,
    /// The standard label.
    pub label: &'static str,
}

impl Domain {
    /// The element's Chinese name.
    pub fn label_zh(self) -> &'static str {
        match self {
            Domain::ItemType => "事项类型",
            Domain::PowerSource => "权力来源",
            Domain::Level => "行使层级",
            Domain::ServiceObject => "服务对象",
            Domain::HandlingType => "办件类型",
            Domain::SourceChannel => "来源渠道",
            Domain::MaterialType => "材料类型",
            Domain::MaterialForm => "材料形式",
            Domain::OnlineDepth => "网办深度",
        }
    }

    /// Every value of the domain, in code order.
    pub fn values(self) -> Vec<DomainValue> {
        self.entries()
            .iter()
            .map(|&(code, label, _)| DomainValue { code, label })
            .collect()
    }

    /// The standard labels joined with `、`, for messages.
    pub fn labels_joined(self) -> String {
        self.entries()
            .iter()
            .map(|e| e.1)
            .collect::<Vec<_>>()
            .join("、")
    }

    /// The value whose code is `code` (`01` and `1` are the same code).
    pub fn by_code(self, code: &str) -> Option<DomainValue> {
        let c = code.trim();
        self.entries()
            .iter()
            .find(|e| !e.0.is_empty() && codes_equal(e.0, c))
            .map(|&(code, label, _)| DomainValue { code, label })
    }
}

fn codes_equal(a: &str, b: &str) -> bool {
    a == b
        || match (a.parse::<u32>(), b.parse::<u32>()) {
            (Ok(x), Ok(y)) => x == y && !b.is_empty() && b.len() <= 2,
            _ => false,
        }
}

/// What a field of a domain holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DomainValues {
    /// Recognised values, in order of first appearance, without repeats.
    pub values: Vec<DomainValue>,
    /// Parts of the text that are neither a label nor a code of the domain.
    pub unknown: Vec<String>,
    /// Whether the values came from codes only (no label in the text).
    pub from_codes: bool,
}

impl DomainValues {
    /// Whether the field holds the value with this standard label.
    pub fn has(&self, label: &str) -> bool {
        self.values.iter().any(|v| v.label == label)
    }

    /// Whether nothing at all was found.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty() && self.unknown.is_empty()
    }
}

impl Domain {
    /// Every domain.
    pub const ALL: [Domain; 9] = [
        Domain::ItemType,
        Domain::PowerSource,
        Domain::Level,
        Domain::ServiceObject,
        Domain::HandlingType,
        Domain::SourceChannel,
        Domain::MaterialType,
        Domain::MaterialForm,
        Domain::OnlineDepth,
    ];
}

/// 事项类型 as people say it: a code the platform exported (`01`) with its name, `行政许可（01）`;
/// a name, or a value outside the domain, as published.
pub fn item_type_text(published: &str) -> String {
    let t = published.trim();
    match Domain::ItemType.by_code(t) {
        Some(v) if t.bytes().all(|b| b.is_ascii_digit()) && !t.is_empty() => {
            format!("{}（{t}）", v.label)
        }
        _ => published.to_owned(),
    }
}
