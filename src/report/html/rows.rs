//! The rows of the findings table: which findings the page lists (all of them, or past
//! [`MAX_LISTED`](super::MAX_LISTED) an equal share of each unit's) and what each row shows.

use super::{
    Finding, MAX_EVIDENCE_CHARS, MAX_TEXT_CHARS, PAGE, Serialize, Severity, UnitView, bound,
    status_of,
};
use crate::report::fixlist::shown_evidence;
use minijinja::Value;
use minijinja::value::{Enumerator, Object, ObjectRepr, Serde};
use std::sync::Arc;

/// Findings listed of each unit, at most, when the report's `units` have `total` and the page
/// lists at most `max`.
pub(super) fn share_of(total: usize, units: usize, max: usize) -> usize {
    if total > max {
        (max / units.max(1)).max(PAGE)
    } else {
        usize::MAX
    }
}

/// The findings of `u` listed, with their numbers (those before it numbered up to `before`).
pub(super) fn unit_listed<'u, 'f>(
    u: &'u UnitView<'f>,
    share: usize,
    before: usize,
) -> impl Iterator<Item = (usize, &'f Finding)> + 'u {
    u.findings
        .iter()
        .take(share)
        .enumerate()
        .map(move |(k, f)| (before + k + 1, *f))
}

/// What of `u` is past its share, if anything.
pub(super) fn unit_left_out(u: &UnitView<'_>, share: usize) -> Option<LeftOut> {
    (u.findings.len() > share).then(|| LeftOut {
        unit: u.name.to_owned(),
        count: u.findings.len() - share,
    })
}

/// A unit whose findings past the page's share are not listed.
#[derive(Serialize)]
pub(super) struct LeftOut {
    pub(super) unit: String,
    pub(super) count: usize,
}

/// The listed rows as the template's `findings`: a sequence whose row becomes a template value
/// when the loop reaches it, and is dropped after.
#[derive(Debug)]
pub(super) struct Rows(pub(super) Vec<FindingRow>);

impl Object for Rows {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Seq
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        self.0
            .get(key.as_usize()?)
            .map(|row| Value::from(Serde(row)))
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Seq(self.0.len())
    }
}

#[derive(Debug, Serialize)]
pub(super) struct FindingRow {
    /// Its number in the all-units workbook and findings.csv.
    number: usize,
    unit: String,
    /// 实施主体 of the item.
    subject: String,
    item_name: String,
    item_code: String,
    element: String,
    rule: String,
    rule_name: String,
    severity: &'static str,
    severity_label: &'static str,
    message: String,
    evidence: String,
    suggestion: String,
    provenance: String,
    /// 状态 label and filter key, with a history.
    status: String,
    status_key: &'static str,
    /// The fingerprint: the same in every format, and what `audit waive` takes.
    fingerprint: String,
    /// 确认 or 驳回 from the assessor's review of a scored report; empty otherwise.
    review: &'static str,
    /// The unit's answer (`report --replies`): `有异议：…` and/or `整改情况：…`; empty otherwise.
    reply: String,
}

impl FindingRow {
    pub(super) fn of(
        f: &Finding,
        ctx: &crate::report::fixlist::RowContext<'_>,
        number: usize,
    ) -> Self {
        let fingerprint = crate::history::fingerprint(f);
        let reply = reply_text(ctx.reply(&fingerprint));
        let (status, status_key) = ctx
            .history
            .map_or((String::new(), ""), |h| status_of(h, &fingerprint));
        let decision = ctx
            .review
            .get(fingerprint.as_str())
            .map_or("", |d| d.label_zh());
        let message = crate::report::fixlist::description(f);
        let text = |t: &str| bound(t, MAX_TEXT_CHARS).into_owned();
        FindingRow {
            number,
            unit: f.unit.clone(),
            subject: text(ctx.subject(&f.item_code)),
            item_name: text(&f.item_name),
            item_code: text(&f.item_code),
            element: f.element.to_string(),
            rule: f.rule.clone(),
            rule_name: f.rule_name.to_string(),
            severity: match f.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            },
            severity_label: f.severity.label_zh(),
            message: text(&message),
            evidence: bound(&shown_evidence(&f.evidence), MAX_EVIDENCE_CHARS).into_owned(),
            suggestion: text(&f.suggestion),
            provenance: f.provenance.to_string(),
            status,
            status_key,
            fingerprint,
            review: decision,
            reply,
        }
    }
}

/// The unit's answer to a finding as the HTML shows it under 严重程度.
fn reply_text(r: Option<&crate::report::Reply>) -> String {
    r.map_or_else(String::new, |r| {
        let mut parts = Vec::new();
        if r.disputed == Some(true) {
            parts.push(format!("单位有异议：{}", r.reason));
        }
        if !r.fix.is_empty() {
            parts.push(format!("整改情况：{}", r.fix));
        }
        for other in &r.superseded {
            parts.push(format!("另有不同回复（未采用）{other}"));
        }
        bound(&parts.join("；"), MAX_TEXT_CHARS).into_owned()
    })
}
