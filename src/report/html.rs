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
//! the reader filters or asks for more, so 10,000 findings stay usable.

use minijinja::value::Serde;
use minijinja::{Environment, Value, context};
use serde::Serialize;

use super::Report;
use super::fixlist::bound;
use super::html_history::{HistoryCtx, UnitCounts, status_of};
use super::markdown::markdown;
use super::view::{UnitView, Views, element_counts};
use crate::model::{Finding, Severity};

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

const TEMPLATE: &str = include_str!("assets/report.html");
const CSS: &str = include_str!("assets/report.css");
const SCRIPT: &str = include_str!("assets/report.js");
const HISTORY_TREND: &str = include_str!("assets/report-history-trend.html");
const HISTORY_CLOSED: &str = include_str!("assets/report-history-closed.html");
const HISTORY_CSS: &str = include_str!("assets/report-history.css");

/// Renders the report as one HTML page.
pub fn render(report: &Report) -> Result<String, minijinja::Error> {
    render_listing(report, MAX_LISTED)
}

/// [`render`], listing at most `max` findings.
fn render_listing(report: &Report, max: usize) -> Result<String, minijinja::Error> {
    let mut env = Environment::new();
    env.add_template("report.html", TEMPLATE)?;
    env.add_template("report-history-trend.html", HISTORY_TREND)?;
    env.add_template("report-history-closed.html", HISTORY_CLOSED)?;
    let views = Views::of(report);
    let scored = views.units.iter().any(|u| u.score.is_some());
    let history = report.history.as_ref();
    let ctx = super::fixlist::RowContext::of(report);
    let units: Vec<UnitRow> = views.units.iter().map(|u| UnitRow::of(u, &ctx)).collect();
    let replied = !report.replies.is_empty();
    // In the order of the all-units workbook and findings.csv, so that # names the same finding.
    let Listed {
        total,
        share,
        rows,
        left_out,
    } = listed(&views.units, max);
    let findings: Vec<FindingRow> = rows
        .into_iter()
        .map(|(number, f)| FindingRow::of(f, &ctx, number))
        .collect();
    let history_ctx = history.map(|h| HistoryCtx::of(h, &views.units));
    let script = SCRIPT;
    let rules: Vec<Value> = report.rules.iter().map(rule_doc).collect();
    let mut elements: Vec<String> = report.findings.iter().map(|f| f.element.clone()).collect();
    elements.sort();
    elements.dedup();
    let unreadable: Vec<Unreadable> = views
        .unreadable
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
    tmpl.render(context! {
        css => Value::from_safe_string(CSS.to_owned()),
        script => Value::from_safe_string(script.to_owned()),
        history_css => Value::from_safe_string(HISTORY_CSS.to_owned()),
        history => Value::from(Serde(&history_ctx)),
        run_id => &report.run_id,
        generated_at => super::display_time(&report.generated_at),
        tool_version => &report.tool_version,
        inputs => Value::from(Serde(&report.inputs)),
        summary => Value::from(Serde(&report.summary)),
        unit_count => views.units.len(),
        scored,
        replied,
        units => Value::from(Serde(&units)),
        score_chart => Value::from(Serde(score_chart(&views.units, scored))),
        element_chart => Value::from(Serde(element_chart(report))),
        findings => Value::from(Serde(&findings)),
        total_findings => total,
        left_out => Value::from(Serde(&left_out)),
        share,
        page => PAGE,
        elements => Value::from(Serde(&elements)),
        rules => Value::from_iter(rules),
        unreadable => Value::from(Serde(&unreadable)),
        notices => Value::from(Serde(&notices)),
        assessor_notices => Value::from(Serde(&assessor_notices)),
        sampling,
    })
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
    fn of(u: &UnitView<'_>, ctx: &super::fixlist::RowContext<'_>) -> Self {
        let history = ctx.history;
        UnitRow {
            replies: ctx.reply_summary(&u.findings),
            history: history.map(|h| UnitCounts::of(h, u.name)),
            name: u.name.to_owned(),
            kind: u.kind.map_or("", |k| k.label_zh()),
            items: u.items.len(),
            items_with_errors: u.items_with_errors(),
            errors: u.errors(),
            warnings: u.warnings(),
            score: u.score.map(|s| ScoreCells {
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

/// The findings the page lists, at most `max` (see [`MAX_LISTED`]).
struct Listed<'f> {
    /// Findings of the report.
    total: usize,
    /// Findings listed of each unit, at most.
    share: usize,
    /// Those listed, with their numbers in the all-units workbook and findings.csv.
    rows: Vec<(usize, &'f Finding)>,
    /// The units with more than their share.
    left_out: Vec<LeftOut>,
}

fn listed<'f>(units: &[UnitView<'f>], max: usize) -> Listed<'f> {
    let total: usize = units.iter().map(|u| u.findings.len()).sum();
    let share = if total > max {
        (max / units.len().max(1)).max(PAGE)
    } else {
        usize::MAX
    };
    let mut rows = Vec::with_capacity(total.min(max));
    let mut left_out = Vec::new();
    let mut number = 0;
    for u in units {
        rows.extend(
            u.findings
                .iter()
                .enumerate()
                .filter(|(k, _)| *k < share)
                .map(|(k, f)| (number + k + 1, *f)),
        );
        number += u.findings.len();
        if u.findings.len() > share {
            left_out.push(LeftOut {
                unit: u.name.to_owned(),
                count: u.findings.len() - share,
            });
        }
    }
    Listed {
        total,
        share,
        rows,
        left_out,
    }
}

/// A unit whose findings past the page's share are not listed.
#[derive(Serialize)]
struct LeftOut {
    unit: String,
    count: usize,
}

#[derive(Serialize)]
struct FindingRow {
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
    fn of(f: &Finding, ctx: &super::fixlist::RowContext<'_>, number: usize) -> Self {
        let fingerprint = crate::history::fingerprint(f);
        let reply = reply_text(ctx.reply(&fingerprint));
        let (status, status_key) = ctx
            .history
            .map_or((String::new(), ""), |h| status_of(h, &fingerprint));
        let decision = ctx
            .review
            .get(fingerprint.as_str())
            .map_or("", |d| d.label_zh());
        let message = super::fixlist::description(f);
        let text = |t: &str| bound(t, MAX_TEXT_CHARS).into_owned();
        FindingRow {
            number,
            unit: f.unit.clone(),
            subject: text(ctx.subject(&f.item_code)),
            item_name: text(&f.item_name),
            item_code: text(&f.item_code),
            element: f.element.clone(),
            rule: f.rule.clone(),
            rule_name: f.rule_name.clone(),
            severity: match f.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            },
            severity_label: f.severity.label_zh(),
            message: text(&message),
            evidence: bound(&f.evidence, MAX_EVIDENCE_CHARS).into_owned(),
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
        severity => r.severity.label_zh(),
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

/// A horizontal bar chart, laid out here so the template only draws.
#[derive(Serialize)]
struct Chart {
    title: String,
    note: String,
    width: u32,
    height: u32,
    label_width: u32,
    bars: Vec<Bar>,
}

#[derive(Serialize)]
struct Bar {
    label: String,
    full_label: String,
    value: String,
    y: u32,
    width: f64,
    /// Interval whisker, when the value has one.
    low: Option<f64>,
    high: Option<f64>,
    class: &'static str,
}

const CHART_WIDTH: u32 = 900;
const LABEL_WIDTH: u32 = 230;
const BAR_AREA: f64 = 560.0;
const ROW: u32 = 26;

fn chart(title: String, note: String, bars: Vec<Bar>) -> Chart {
    Chart {
        title,
        note,
        width: CHART_WIDTH,
        height: ROW * bars.len().max(1) as u32 + 24,
        label_width: LABEL_WIDTH,
        bars,
    }
}

fn short_label(s: &str) -> String {
    bound_display(s, 28)
}

/// Cuts a label to `max` display columns (CJK double), ending in `…`.
fn bound_display(s: &str, max: usize) -> String {
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = super::fixlist::display_width(c.encode_utf8(&mut [0; 4]));
        if w + cw > max {
            out.push('…');
            return out;
        }
        w += cw;
        out.push(c);
    }
    out
}

fn score_chart(units: &[UnitView<'_>], scored: bool) -> Chart {
    let mut rows: Vec<&UnitView<'_>> = units.iter().collect();
    if scored {
        rows.retain(|u| u.score.is_some());
        rows.sort_by(|a, b| {
            let (sa, sb) = (a.score.expect("retained"), b.score.expect("retained"));
            (sb.score / sb.full_marks)
                .total_cmp(&(sa.score / sa.full_marks))
                .then(a.name.cmp(b.name))
        });
        let bars = rows
            .iter()
            .enumerate()
            .map(|(i, u)| {
                let s = u.score.expect("retained");
                let scale = |v: f64| (v / s.full_marks).clamp(0.0, 1.0) * BAR_AREA;
                Bar {
                    label: short_label(u.name),
                    full_label: u.name.to_owned(),
                    value: format!("{:.2} / {}", s.score, s.full_marks),
                    y: i as u32 * ROW,
                    width: scale(s.score),
                    low: Some(scale(s.score_low)),
                    high: Some(scale(s.score_high)),
                    class: if s.score / s.full_marks >= 0.9 {
                        "good"
                    } else {
                        "weak"
                    },
                }
            })
            .collect();
        chart(
            "各单位得分".into(),
            "条长为得分占满分的比例；细线为得分的 95% 区间（抽样误差）".into(),
            bars,
        )
    } else {
        rows.sort_by(|a, b| b.errors().cmp(&a.errors()).then(a.name.cmp(b.name)));
        let max = rows.iter().map(|u| u.errors()).max().unwrap_or(0).max(1) as f64;
        let bars = rows
            .iter()
            .enumerate()
            .map(|(i, u)| Bar {
                label: short_label(u.name),
                full_label: u.name.to_owned(),
                value: format!("{} 条错误", u.errors()),
                y: i as u32 * ROW,
                width: u.errors() as f64 / max * BAR_AREA,
                low: None,
                high: None,
                class: "weak",
            })
            .collect();
        chart(
            "各单位错误数（未评分）".into(),
            "本次运行没有评分，按错误条数排列".into(),
            bars,
        )
    }
}

fn element_chart(report: &Report) -> Chart {
    let items: Vec<_> = report.items.iter().collect();
    let findings: Vec<_> = report.findings.iter().collect();
    let mut counts = element_counts(&report.rules, &items, &findings);
    counts.retain(|c| c.fail > 0 || c.errors > 0);
    counts.sort_by(|a, b| {
        b.fail
            .cmp(&a.fail)
            .then(b.errors.cmp(&a.errors))
            .then(a.rule.cmp(&b.rule))
    });
    counts.truncate(TOP_ELEMENTS);
    let max = counts
        .iter()
        .map(|c| c.fail.max(c.errors))
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let bars = counts
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let n = if c.fail > 0 { c.fail } else { c.errors };
            let rate = if c.checks() > 0 {
                format!("（{:.0}%）", c.fail as f64 / c.checks() as f64 * 100.0)
            } else {
                String::new()
            };
            let label = format!("{} {}", c.rule, c.element);
            Bar {
                label: short_label(&label),
                full_label: label,
                value: format!("{n} 个事项不通过{rate}"),
                y: i as u32 * ROW,
                width: n as f64 / max * BAR_AREA,
                low: None,
                high: None,
                class: "weak",
            }
        })
        .collect();
    chart(
        "不通过最多的要素".into(),
        format!("按不通过的事项数排列，最多 {TOP_ELEMENTS} 项；括号内为不通过率"),
        bars,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// In the machine's zone with its offset, to the second: the run id (local time) and the
    /// 生成时间 then agree, and a reader in 北京时间 reads 07:58, not 23:58 the day before.
    #[test]
    fn times_are_shown_in_local_time_to_the_second() {
        use super::super::display_time_in;
        use jiff::tz::{Offset, TimeZone};

        let beijing = TimeZone::fixed(Offset::from_hours(8).unwrap());
        assert_eq!(
            display_time_in("2026-11-28T23:58:07.361386974Z", &beijing),
            "2026-11-29 07:58:07 +08:00"
        );
        assert_eq!(
            display_time_in("2026-11-29T07:58:07+08:00", &TimeZone::UTC),
            "2026-11-28 23:58:07 +00:00"
        );
        assert_eq!(display_time_in("昨天", &beijing), "昨天");
    }

    /// A province's page lists an equal share of each unit's findings, numbered as in the
    /// all-units workbook, and names what each unit has past it; a city's lists them all.
    #[test]
    fn past_the_limit_each_unit_lists_its_share() {
        let mut report = crate::score::tests::fixture();
        let first = report.findings[0].clone();
        report.findings = [("东至县", 500), ("石台县", 50)]
            .into_iter()
            .flat_map(|(unit, n)| (0..n).map(move |k| (unit, k)))
            .map(|(unit, k)| {
                let mut f = first.clone();
                f.unit = unit.to_owned();
                f.evidence = format!("0566-20{k:05}");
                f
            })
            .collect();
        let views = Views::of(&report);
        let units: Vec<&str> = views
            .units
            .iter()
            .filter(|u| !u.findings.is_empty())
            .map(|u| u.name)
            .collect();
        assert_eq!(units, ["东至县", "石台县"]);

        let all = listed(&views.units, 550);
        assert_eq!((all.total, all.rows.len()), (550, 550));
        assert!(all.left_out.is_empty());

        let cut = listed(&views.units, 300);
        assert_eq!(cut.share, PAGE, "a share is never less than a page");
        assert_eq!(cut.rows.len(), PAGE + 50);
        let numbers: Vec<usize> = cut.rows.iter().map(|(n, _)| *n).collect();
        assert_eq!(numbers[..3], [1, 2, 3]);
        assert_eq!(numbers[PAGE - 1], PAGE);
        assert_eq!(
            numbers[PAGE], 501,
            "石台县's first is the 501st in the workbook"
        );
        assert_eq!(cut.rows[PAGE].1.unit, "石台县");
        assert_eq!(cut.left_out.len(), 1);
        assert_eq!(
            (cut.left_out[0].unit.as_str(), cut.left_out[0].count),
            ("东至县", 300)
        );

        // The page says so, and numbers the rows as the workbook does.
        let html = render_listing(&report, 300).unwrap();
        assert_eq!(html.matches("<tr data-unit=").count(), PAGE + 50);
        assert!(
            html.contains("共 550 条"),
            "the heading counts every finding"
        );
        assert!(
            html.contains(&format!(
                "网页中每个单位只列出前 {PAGE} 条，共列出 {} 条；其余的见各单位的整改清单（Excel）和 findings.csv：东至县 另有 300 条。",
                PAGE + 50
            )),
            "{}",
            &html[html.find("id=\"findings\"").unwrap()..][..1200]
        );
        assert!(html.contains("<td class=\"num\">501</td>"));
        assert!(!render(&report).unwrap().contains("id=\"left-out\""));
    }

    #[test]
    fn labels_are_cut_by_display_width() {
        assert_eq!(bound_display("池州市市场监督管理局", 8), "池州市市…");
        assert_eq!(bound_display("贵池区", 8), "贵池区");
    }
}
