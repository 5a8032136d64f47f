//! What a rule says about an item: [`Finding`], [`Severity`] and the per-element [`Outcome`].

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::provenance::Provenance;

/// 严重程度 — how much a finding weighs.
///
/// `Error` counts toward the error rate; `Warning` is reported in the fix list but not counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// 提示 — reported, never counted.
    Warning,
    /// 错误 — counted toward the error rate.
    Error,
}

impl Severity {
    /// The Chinese label used in reports.
    pub fn label_zh(self) -> &'static str {
        match self {
            Severity::Warning => "提示",
            Severity::Error => "错误",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

impl FromStr for Severity {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "warning" | "warn" | "提示" | "警告" => Ok(Severity::Warning),
            "error" | "错误" => Ok(Severity::Error),
            other => Err(format!("未知的严重程度 \"{other}\" (可用: error, warning)")),
        }
    }
}

/// 检查结果 — the result of one element check (one rule on one item).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Outcome {
    /// 通过 — checked, nothing counted.
    #[serde(rename = "pass")]
    Pass,
    /// 不通过 — at least one finding of severity error.
    #[serde(rename = "fail")]
    Fail,
    /// 不涉及 — the element does not apply to this item; never counted as pass or fail.
    #[serde(rename = "n/a")]
    NotApplicable,
}

impl Outcome {
    /// The outcome as JSON reports spell it (its serde name; `tests::keys_are_the_serde_names`).
    pub fn key(self) -> &'static str {
        match self {
            Outcome::Pass => "pass",
            Outcome::Fail => "fail",
            Outcome::NotApplicable => "n/a",
        }
    }

    /// The Chinese label used in reports.
    pub fn label_zh(self) -> &'static str {
        match self {
            Outcome::Pass => "通过",
            Outcome::Fail => "不通过",
            Outcome::NotApplicable => "不涉及",
        }
    }
}

/// 问题 — one thing wrong with one item, as a clerk needs to read it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// Rule id, e.g. `B09`.
    pub rule: String,
    /// Rule name, e.g. `handling-address`.
    pub rule_name: Cow<'static, str>,
    /// The appendix element in Chinese, e.g. `办理地点`.
    pub element: Cow<'static, str>,
    /// Effective severity after configuration.
    pub severity: Severity,
    /// 实施编码 of the item.
    pub item_code: String,
    /// 事项名称 of the item.
    pub item_name: String,
    /// 考核单位 the item is scored under.
    pub unit: String,
    /// The part of the item concerned, when narrower than the item (e.g. `材料「身份证明」`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// What is wrong, in Chinese, quoting the offending text.
    pub message: String,
    /// The offending text exactly as published (personal data masked).
    pub evidence: String,
    /// How to fix it, in Chinese.
    #[serde(default, skip_serializing_if = "str::is_empty")]
    pub suggestion: Cow<'static, str>,
    /// Where the offending text was read.
    pub provenance: Provenance,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_the_serde_names() {
        for o in [Outcome::Pass, Outcome::Fail, Outcome::NotApplicable] {
            assert_eq!(
                serde_json::to_string(&o).unwrap(),
                format!("\"{}\"", o.key())
            );
        }
    }
}
