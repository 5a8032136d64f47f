//! What the rules prepare once per run from [`RuleParams`]: word lists compiled into matchers,
//! phrase lists normalised and sorted. Rules run on every item of a province (10^5–10^6), so
//! anything that depends only on the configuration is built here, once, and read through
//! [`CheckContext::prepared`](super::CheckContext::prepared).

use super::RuleParams;
use super::prepared_faq::FaqProcess;
use super::prepared_materials::MaterialsPrepared;

/// Prepared state, one part per rule family (each part lives beside the rules that use it).
#[derive(Debug, Default)]
pub struct Prepared {
    /// M01–M08.
    pub materials: MaterialsPrepared,
    /// Q01 and P02: non-answer phrases and step word lists.
    pub faq_process: FaqProcess,
}

impl Prepared {
    /// Prepares everything from the parameters.
    pub fn new(params: &RuleParams) -> Self {
        Self {
            materials: MaterialsPrepared::new(params),
            faq_process: FaqProcess::new(params),
        }
    }
}
