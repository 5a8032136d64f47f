//! What the rules prepare once per run from [`RuleParams`]: word lists compiled into matchers,
//! phrase lists normalised and sorted. Rules run on every item of a province (10^5–10^6), so
//! anything that depends only on the configuration is built here, once, and read through
//! [`CheckContext::prepared`](super::CheckContext::prepared).

use super::RuleParams;
use super::prepared_faq::FaqProcess;
use super::prepared_materials::MaterialsPrepared;

/// Prepared state, one part per rule family (each part lives beside the rules that use it).
#[derive(Debug)]
pub struct Prepared {
    /// M01–M08.
    pub materials: MaterialsPrepared,
    /// Q01 and P02: non-answer phrases and step word lists.
    pub faq_process: FaqProcess,
    /// Distinct for every `Prepared` built in the process: results kept under one context
    /// ([`super::cache`]) are never taken for another's.
    pub serial: u64,
}

impl Prepared {
    /// Prepares everything from the parameters.
    pub fn new(params: &RuleParams) -> Self {
        Self {
            materials: MaterialsPrepared::new(params),
            faq_process: FaqProcess::new(params),
            serial: next_serial(),
        }
    }
}

fn next_serial() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}
