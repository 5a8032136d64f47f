//! The single-file HTML report (`report.html`): opens from disk with no network — CSS, SVG charts
//! and a small filter script are inline.
//!
//! The page is rendered with minijinja from `assets/report.html`; templates named `*.html` are
//! auto-escaped, so every value from the items (names, codes, messages, quoted text, unit names)
//! is HTML-escaped wherever it lands, attributes included. The only strings passed as safe are the
//! rule docs, which [`super::markdown`] escapes before adding its few tags. No report data is put inside
//! the `<script>`: the filter reads the escaped `data-*` attributes of the table rows.
//!
//! Large reports: the first [`PAGE`] findings are shown, the rest are in the page but hidden until
//! the reader filters or asks for more, so 10,000 findings stay usable. The page is written as it
//! is rendered ([`render_to`]), and each finding's row becomes a template value only while it is
//! written (`rows::Rows`): 69,000 findings took 280 MB to render as one tree of values. A report
//! kept on disk builds the page a unit at a time ([`Page`]), its listed rows waiting in a
//! temporary file until the template's loop reads them back.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::Path;

use minijinja::value::Serde;
use minijinja::{Environment, ErrorKind, Value, context};
use serde::Serialize;

use super::fixlist::bound;
use super::html_history::{HistoryCtx, UnitCounts, status_of};
use super::markdown::markdown;
use super::view::{ElementTally, UnitTotals, UnitView, Views};
use super::{ItemEntry, Report};
use crate::model::{Finding, Severity};

mod charts;
mod rows;
#[cfg(test)]
mod tests;

use charts::{element_chart, score_chart};
use rows::{FindingRow, Listing, share_of, unit_left_out, unit_listed};

/// Findings shown before the reader filters or asks for more.
pub const PAGE: usize = 200;

/// Findings the page lists at most. Past it (a province: 690,000 findings made a 690 MB page no
/// browser opens), each unit lists an equal share, at least [`PAGE`], and the page says how many
/// of each unit's are only in the fix lists and findings.csv.
pub const MAX_LISTED: usize = 100_000;

/// Longest quoted text (原文) shown in a table cell, in characters.
const MAX_EVIDENCE_CHARS: usize = 600;

/// Longest other text from the items shown in a table cell, in characters.
const MAX_TEXT_CHARS: usize = 2000;

/// Bars shown in the failing-elements chart.
const TOP_ELEMENTS: usize = 15;

const TEMPLATE: &str = include_str!("../assets/report.html");
const CSS: &str = include_str!("../assets/report.css");
const SCRIPT: &str = include_str!("../assets/report.js");
const HISTORY_TREND: &str = include_str!("../assets/report-history-trend.html");
const HISTORY_CLOSED: &str = include_str!("../assets/report-history-closed.html");
const HISTORY_CSS: &str = include_str!("../assets/report-history.css");

/// Renders the report as one HTML page.
pub fn render(report: &Report) -> Result<String, minijinja::Error> {
    let mut page = Vec::new();
    render_listing(report, MAX_LISTED, &mut page)?;
    Ok(String::from_utf8(page).expect("the template writes UTF-8"))
}

/// Writes the report as one HTML page to `out`, as it is rendered. A failed write is the
/// writer's own error; a template error (a bug) is an error of kind `Other`.
pub fn render_to(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    render_listing(report, MAX_LISTED, out).map_err(|e| write_error(&e))
}

/// The error of a page that could not be written: a failed write is the writer's own error; a
/// template error (a bug) is an error of kind `Other`.
pub fn write_error(e: &minijinja::Error) -> std::io::Error {
    let written = (e.kind() == ErrorKind::WriteFailure)
        .then(|| std::error::Error::source(e))
        .flatten()
        .and_then(|s| s.downcast_ref::<std::io::Error>())
        .map(|io| std::io::Error::new(io.kind(), io.to_string()));
    written.unwrap_or_else(|| std::io::Error::other(format!("无法生成 HTML 报告: {e}")))
}

/// [`render`], listing at most `max` findings, written to `out`.
fn render_listing(
    report: &Report,
    max: usize,
    out: &mut dyn Write,
) -> Result<(), minijinja::Error> {
    let views = Views::of(report);
    let ctx = super::fixlist::RowContext::of(report);
    let mut page = Page::begin(report.findings.len(), views.units.len(), max);
    for u in &views.units {
        page.unit(u, &ctx).map_err(|e| {
            minijinja::Error::new(ErrorKind::WriteFailure, "无法写入").with_source(e)
        })?;
    }
    page.finish(report, &views.unreadable, out)
}

/// The page built a unit at a time, so that a report kept on disk needs one unit's findings in
/// memory at once: the units' lines, the rows listed (at most [`MAX_LISTED`]) and the counts by
/// element are gathered unit by unit, and the page is rendered from them at the end.
pub struct Page {
    share: usize,
    /// Findings of the units so far (the next one's number, less one).
    number: usize,
    findings: Listing,
    left_out: Vec<rows::LeftOut>,
    units: Vec<UnitTotals>,
    elements: ElementTally,
    /// The elements the findings name, for the filter.
    named: BTreeSet<String>,
}

impl Page {
    /// A page of a report with `total` findings in `units` units, listing at most `max`.
    pub fn begin(total: usize, units: usize, max: usize) -> Self {
        Self::listing(
            total,
            units,
            max,
            Listing::Memory(Vec::with_capacity(total.min(max))),
        )
    }

    /// [`Page::begin`], with the listed rows kept in a temporary file in `dir` (the report's
    /// folder) until the page is rendered: for a report kept on disk.
    pub fn begin_in(total: usize, units: usize, max: usize, dir: &Path) -> std::io::Result<Self> {
        Ok(Self::listing(total, units, max, Listing::on_disk(dir)?))
    }

    fn listing(total: usize, units: usize, max: usize, findings: Listing) -> Self {
        let share = share_of(total, units, max);
        Page {
            share,
            number: 0,
            findings,
            left_out: Vec::new(),
            units: Vec::with_capacity(units),
            elements: ElementTally::default(),
            named: BTreeSet::new(),
        }
    }

    /// Adds a unit; `ctx` is that of the report `u` is a view of. In the order of the all-units
    /// workbook and findings.csv, so that # names the same finding.
    pub fn unit(
        &mut self,
        u: &UnitView<'_>,
        ctx: &super::fixlist::RowContext<'_>,
    ) -> std::io::Result<()> {
        for (n, f) in unit_listed(u, self.share, self.number) {
            self.findings.push(FindingRow::of(f, ctx, n))?;
        }
        self.number += u.findings.len();
        self.left_out.extend(unit_left_out(u, self.share));
        self.units.push(UnitTotals::of(u, ctx));
        self.elements.add(&u.items, &u.findings);
        for f in &u.findings {
            if !self.named.contains(f.element.as_ref()) {
                self.named.insert(f.element.to_string());
            }
        }
        Ok(())
    }

    /// Renders the page of `report` (its items and findings may be left out: they came by
    /// unit), with every record that could not be read (`unreadable`), to `out`.
    pub fn finish(
        self,
        report: &Report,
        unreadable: &[&ItemEntry],
        out: &mut dyn Write,
    ) -> Result<(), minijinja::Error> {
        let mut env = Environment::new();
        // Control characters from the items (a NUL is a parse error in HTML) are shown as `�`.
        env.set_formatter(|out, state, value| match value.as_str() {
            Some(text) if !value.is_safe() && text.contains(super::fixlist::is_stray_control) => {
                let shown = super::fixlist::visible_controls(text).into_owned();
                minijinja::escape_formatter(out, state, &Value::from(shown))
            }
            _ => minijinja::escape_formatter(out, state, value),
        });
        env.add_template("report.html", TEMPLATE)?;
        env.add_template("report-history-trend.html", HISTORY_TREND)?;
        env.add_template("report-history-closed.html", HISTORY_CLOSED)?;
        let scored = self.units.iter().any(|u| u.score.is_some());
        let history = report.history.as_deref();
        let units: Vec<UnitRow> = self.units.iter().map(|u| UnitRow::of(u, history)).collect();
        let replied = !report.replies.is_empty();
        let history_ctx = history.map(|h| HistoryCtx::of(h, &self.units));
        let script = SCRIPT;
        let rules: Vec<Value> = report.rules.iter().map(rule_doc).collect();
        let elements: Vec<String> = self.named.into_iter().collect();
        let unreadable: Vec<Unreadable> = unreadable
            .iter()
            .map(|i| Unreadable {
                name: i.name.clone(),
                code: i.code.clone(),
                reason: i.reason.clone().unwrap_or_default(),
                provenance: i.provenance.to_string(),
            })
            .collect();
        // The export's problems, and apart from them those of the assessor's own files.
        let line = |n: &crate::source::Notice| format!("{} — {}", n.provenance, n.message);
        let notices: Vec<String> = report.input_notices().map(line).collect();
        let assessor_notices: Vec<String> = report.assessor_notices().map(line).collect();
        let sampling = report.sample.as_ref().map(|s| {
            format!(
                "本次按抽样计分：抽查 {} 个事项（抽样清单 {}，{}）；「得分计算」一列只按抽中的事项计算，「全部事项」各列只供整改参考。",
                s.items.len(),
                s.source,
                s.describe()
            )
        });
        let tmpl = env.get_template("report.html")?;
        let ctx = context! {
            css => Value::from_safe_string(CSS.to_owned()),
            script => Value::from_safe_string(script.to_owned()),
            history_css => Value::from_safe_string(HISTORY_CSS.to_owned()),
            history => Value::from(Serde(&history_ctx)),
            run_id => &report.run_id,
            generated_at => super::display_time(&report.generated_at),
            tool_version => &report.tool_version,
            inputs => Value::from(Serde(&report.inputs)),
            summary => Value::from(Serde(&report.summary)),
            unit_count => self.units.len(),
            scored,
            replied,
            units => Value::from(Serde(&units)),
            score_chart => Value::from(Serde(score_chart(&self.units, scored))),
            element_chart => Value::from(Serde(element_chart(self.elements.counts(&report.rules)))),
            findings => Value::from_object(self.findings.into_rows().map_err(|e| {
                minijinja::Error::new(ErrorKind::InvalidOperation, "无法读回临时文件")
                    .with_source(e)
            })?),
            total_findings => self.number,
            left_out => Value::from(Serde(&self.left_out)),
            share => self.share,
            page => PAGE,
            elements => Value::from(Serde(&elements)),
            rules => Value::from_iter(rules),
            unreadable => Value::from(Serde(&unreadable)),
            notices => Value::from(Serde(&notices)),
            assessor_notices => Value::from(Serde(&assessor_notices)),
            sampling,
        };
        tmpl.render_captured_to(ctx, out).map(drop)
    }
}

#[derive(Serialize)]
struct UnitRow {
    name: String,
    kind: &'static str,
    items: usize,
    items_with_errors: usize,
    errors: usize,
    warnings: usize,
    score: Option<ScoreCells>,
    /// 新增 / 未整改 / 已整改 / 已移除, with a history.
    history: Option<UnitCounts>,
    /// How the unit answered, once replies were gathered (`report --replies`).
    replies: Option<String>,
}

#[derive(Serialize)]
struct ScoreCells {
    sampled: usize,
    rate_kind: &'static str,
    rate: String,
    rate_interval: String,
    score: String,
    full_marks: String,
    score_interval: String,
    reviewed: Option<String>,
    /// The reviewed rate's x/n, rate and score interval.
    reviewed_detail: Option<String>,
    /// How the score follows from the scored items: `14 ×（1 − 5/52）= 12.65`.
    working: String,
    /// What x and n count: `出错要素 5 / 适用要素 52（抽查 2 个事项，其中 2 个有错误）`.
    counts: String,
    overlaps: String,
    /// 编制完整 points of a county (empty for a department).
    completeness: String,
    /// 编制完整 after review, when the review changed it (a rejected finding of an empty
    /// element gives its 0.1 back).
    reviewed_completeness: Option<String>,
}

impl UnitRow {
    fn of(u: &UnitTotals, history: Option<&crate::history::HistoryView>) -> Self {
        UnitRow {
            replies: u.replies.clone(),
            history: history.map(|h| UnitCounts::of(h, &u.name)),
            name: u.name.clone(),
            kind: u.kind.map_or("", |k| k.label_zh()),
            items: u.items,
            items_with_errors: u.items_with_errors,
            errors: u.errors,
            warnings: u.warnings,
            score: u.score.as_ref().map(|s| ScoreCells {
                sampled: s.sampled,
                rate_kind: s.rate_kind.label_zh(),
                rate: format!("{:.1}%", s.rate * 100.0),
                rate_interval: super::interval_text(s, |x| format!("{:.1}%", x * 100.0), true),
                score: format!("{:.2}", s.score),
                full_marks: format!("{}", s.full_marks),
                score_interval: super::interval_text(s, |x| format!("{x:.2}"), false),
                completeness: s
                    .completeness
                    .as_ref()
                    .map(super::completeness_text)
                    .unwrap_or_default(),
                reviewed_completeness: s
                    .reviewed_completeness
                    .as_ref()
                    .filter(|r| Some(*r) != s.completeness.as_ref())
                    .map(super::completeness_text),
                reviewed: s.reviewed_score.map(|r| format!("{r:.2}")),
                reviewed_detail: reviewed_detail(s),
                working: super::score_working(s, s.score, None),
                counts: format!(
                    "出错要素 {} / 适用要素 {}（抽查 {} 个事项，其中 {} 个有错误）",
                    s.failed_checks, s.checks, s.sampled, s.items_with_errors
                ),
                overlaps: s.overlaps_with.join("、"),
            }),
        }
    }
}

/// A reviewed score's working, rate and interval: `14 ×（1 − 4/52）= 12.92，7.7%，区间 11.73 – 13.51`.
fn reviewed_detail(s: &crate::score::UnitScore) -> Option<String> {
    let score = s.reviewed_score?;
    let x = match s.rate_kind {
        crate::score::RateKind::Element => s.reviewed_failed_checks,
        crate::score::RateKind::Item => s.reviewed_items_with_errors,
    }?;
    let interval = match (s.reviewed_score_low, s.reviewed_score_high) {
        (Some(low), Some(high)) => format!(
            "，得分区间 {}",
            super::span_text(low, high, |v| format!("{v:.2}"))
        ),
        _ => String::new(),
    };
    Some(format!(
        "{}，出错率 {:.1}%{interval}",
        super::score_working(s, score, Some(x)),
        s.reviewed_rate.unwrap_or_default() * 100.0
    ))
}

/// One rule's entry in 规则说明; its docs are escaped by [`markdown`] and passed as safe.
fn rule_doc(r: &super::RuleInfo) -> Value {
    let docs = super::rule_docs(&r.id).map_or_else(
        || Value::from("（本版本没有这条规则的说明）"),
        |docs| Value::from_safe_string(markdown(docs)),
    );
    context! {
        id => &r.id,
        name => &r.name,
        element => &r.element,
        category => &r.category,
        severity => if r.appendix {
            r.severity.label_zh()
        } else {
            crate::report::fixlist::severity_cell(&r.id, r.severity)
        },
        docs,
    }
}

#[derive(Serialize)]
struct Unreadable {
    name: String,
    code: String,
    reason: String,
    provenance: String,
}
