//! Rule parameters read from the `[check]` section of the configuration file, with the defaults an
//! experienced assessor would accept. Each field names the rule that reads it.

use serde::{Deserialize, Serialize};

/// Settings the rules read; every field has a default.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RuleParams {
    /// B13/B14: numbers that alone are not a phone a person answers at the implementing body
    /// (the 12345 hotline is a supervision channel, not a consultation line).
    pub hotline_only_numbers: Vec<String>,
}

impl Default for RuleParams {
    fn default() -> Self {
        Self {
            hotline_only_numbers: vec!["12345".into()],
        }
    }
}
