//! The history part of the HTML report (reports of `audit` runs only): each finding's 状态, the
//! per-unit 新增 / 未整改 / 已整改 counts, a per-unit trend chart (hand-laid-out inline SVG: error
//! count and score over the last runs) and the list of closed findings (已整改 / 已移除).
//!
//! Everything here is plain data for the auto-escaping template (`assets/report-history-*.html`);
//! the SVG coordinates are numbers computed here, every text lands escaped.

use serde::Serialize;

use super::fixlist::{bound, is_closed, status_label};
use super::view::UnitTotals;
use super::xlsx_history::run_date;
use crate::history::{FindingHistory, FindingStatus, HistoryView, UnitHistory};
use crate::model::Severity;

/// Longest text from the items shown in the closed-findings table, in characters.
const MAX_TEXT_CHARS: usize = 2000;

/// Trend chart size and margins, in SVG units.
const WIDTH: f64 = 380.0;
const HEIGHT: f64 = 150.0;
const LEFT: f64 = 40.0;
const RIGHT: f64 = 46.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 26.0;
/// Space between the axes and the first and last run.
const INSET: f64 = 16.0;

/// Most date labels under a trend chart; with more runs only some are labelled.
const MAX_TICKS: usize = 8;

/// The history context of the template.
#[derive(Debug, Serialize)]
pub(super) struct HistoryCtx {
    /// 对比运行 … or 首次运行.
    baseline: String,
    /// This run's unread input, and runs left out of the comparison.
    notes: Vec<String>,
    new: usize,
    persisting: usize,
    fixed: usize,
    gone: usize,
    waived: usize,
    trends: Vec<TrendChart>,
    closed: Vec<ClosedRow>,
    /// Waivers that expired or match nothing, as lines.
    waiver_notes: Vec<String>,
}

impl HistoryCtx {
    pub(super) fn of(history: &HistoryView, units: &[UnitTotals]) -> Self {
        let t = history.totals();
        let full_marks = |name: &str| {
            units
                .iter()
                .find(|u| u.name == name)
                .and_then(|u| u.score.as_ref())
                .map(|s| s.full_marks)
        };
        let mut waiver_notes: Vec<String> = history
            .waivers
            .expired
            .iter()
            .map(|w| {
                format!(
                    "豁免已过期（{} 到期）：{} — {}",
                    w.until, w.fingerprint, w.reason
                )
            })
            .collect();
        waiver_notes.extend(history.waivers.unmatched.iter().map(|w| {
            match history.carried_from(&w.fingerprint) {
                Some(h) => format!(
                    "豁免未匹配任何问题：{} — {}；这条问题{}，仍未整改，现在的指纹是 {}。豁免不会自动转到新指纹，仍应豁免的请按新指纹重新豁免",
                    w.fingerprint,
                    w.reason,
                    h.carried
                        .as_ref()
                        .map(|c| c.what_changed(&h.unit))
                        .unwrap_or_default(),
                    h.fingerprint
                ),
                None => format!(
                    "豁免未匹配任何问题（可能已整改或内容已变）：{} — {}",
                    w.fingerprint, w.reason
                ),
            }
        }));
        let mut closed: Vec<ClosedRow> = history
            .findings
            .iter()
            .filter(|h| is_closed(h))
            .map(ClosedRow::of)
            .collect();
        closed.sort_by(|a, b| {
            (a.status, &a.unit, &a.item_code).cmp(&(b.status, &b.unit, &b.item_code))
        });
        HistoryCtx {
            baseline: history.baseline.as_ref().map_or_else(
                || "首次运行，没有对比基准：全部问题记为新增".to_owned(),
                |b| format!("对比运行 {}（{}）", b.id, b.started_at),
            ),
            notes: super::xlsx_history::run_notes(history),
            new: t.new,
            persisting: t.persisting,
            fixed: t.fixed,
            gone: t.gone,
            waived: t.waived,
            trends: history
                .units
                .iter()
                .map(|u| TrendChart::of(u, full_marks(&u.unit)))
                .collect(),
            closed,
            waiver_notes,
        }
    }
}

/// A unit's 新增 / 未整改 / 已整改 / 已移除 counts for the units table.
#[derive(Debug, Serialize)]
pub(super) struct UnitCounts {
    new: usize,
    persisting: usize,
    fixed: usize,
    gone: usize,
}

impl UnitCounts {
    pub(super) fn of(history: &HistoryView, unit: &str) -> Self {
        history.unit(unit).map_or(
            UnitCounts {
                new: 0,
                persisting: 0,
                fixed: 0,
                gone: 0,
            },
            |u| UnitCounts {
                new: u.new,
                persisting: u.persisting,
                fixed: u.fixed,
                gone: u.gone,
            },
        )
    }
}

/// A finding's 状态 for the findings table: label and a key for the filter.
/// 状态 label and filter key of the finding with this fingerprint.
pub(super) fn status_of(history: &HistoryView, fingerprint: &str) -> (String, &'static str) {
    let h = history.by_fingerprint(fingerprint);
    let key = match h {
        Some(h) if h.waiver.is_some() => "waived",
        Some(h) => status_key(h.status),
        None => "",
    };
    (status_label(h), key)
}

fn status_key(s: FindingStatus) -> &'static str {
    match s {
        FindingStatus::New => "new",
        FindingStatus::Persisting => "persisting",
        FindingStatus::Fixed => "fixed",
        FindingStatus::Gone => "gone",
    }
}

/// A closed baseline finding in the 已整改 section.
#[derive(Debug, Serialize)]
pub(super) struct ClosedRow {
    status: FindingStatus,
    status_key: &'static str,
    status_label: &'static str,
    unit: String,
    item_name: String,
    item_code: String,
    element: String,
    rule: String,
    severity: &'static str,
    severity_label: &'static str,
    message: String,
    first_seen: String,
}

impl ClosedRow {
    fn of(h: &FindingHistory) -> Self {
        let text = |t: &str| bound(t, MAX_TEXT_CHARS).into_owned();
        ClosedRow {
            status: h.status,
            status_key: status_key(h.status),
            status_label: h.status.label_zh(),
            unit: text(&h.unit),
            item_name: text(&h.item_name),
            item_code: text(&h.item_code),
            element: text(&h.element),
            rule: text(&h.rule),
            severity: match h.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            },
            severity_label: h.severity.label_zh(),
            message: text(&h.message),
            first_seen: text(run_date(&h.first_seen)),
        }
    }
}

/// One unit's trend chart, laid out here so the template only draws.
#[derive(Debug, Serialize)]
pub(super) struct TrendChart {
    unit: String,
    width: f64,
    height: f64,
    left: f64,
    right: f64,
    top: f64,
    bottom: f64,
    /// `x,y x,y …` of the error line.
    error_line: String,
    /// `x,y x,y …` of the score line (runs with a score only); empty when none was scored.
    score_line: String,
    /// Top of the error axis.
    max_errors: usize,
    /// Top of the score axis (the unit's full marks, or the highest score).
    max_score: String,
    points: Vec<TrendDot>,
    /// The last run, in words.
    latest: String,
}

/// One run on a trend chart.
#[derive(Debug, Serialize)]
struct TrendDot {
    x: f64,
    y_errors: f64,
    y_score: Option<f64>,
    y_score_label: Option<f64>,
    run_id: String,
    date: String,
    /// The date label under the axis, empty when this run is not labelled.
    tick: String,
    errors: usize,
    score: Option<String>,
}

impl TrendChart {
    fn of(u: &UnitHistory, full_marks: Option<f64>) -> Self {
        let n = u.trend.len();
        let plot_w = WIDTH - LEFT - RIGHT - 2.0 * INSET;
        let plot_h = HEIGHT - TOP - BOTTOM;
        let max_errors = u.trend.iter().map(|p| p.errors).max().unwrap_or(0).max(1);
        let max_score = full_marks
            .or_else(|| u.trend.iter().filter_map(|p| p.score).reduce(f64::max))
            .filter(|m| *m > 0.0)
            .unwrap_or(1.0);
        let every = n.div_ceil(MAX_TICKS).max(1);
        let points: Vec<TrendDot> = u
            .trend
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let x = if n <= 1 {
                    LEFT + INSET + plot_w / 2.0
                } else {
                    LEFT + INSET + plot_w * i as f64 / (n - 1) as f64
                };
                let y = |v: f64, max: f64| TOP + plot_h * (1.0 - (v / max).clamp(0.0, 1.0));
                let date = run_date(&p.started_at).to_owned();
                let labelled = i % every == 0 || i + 1 == n;
                let y_errors = round1(y(p.errors as f64, max_errors as f64));
                let y_score = p.score.map(|s| round1(y(s, max_score)));
                // The score's value goes above its point unless the error label is there.
                let y_score_label = y_score.map(|ys| {
                    if ys - y_errors > 18.0 || ys < y_errors {
                        ys - 6.0
                    } else {
                        ys + 14.0
                    }
                });
                TrendDot {
                    x: round1(x),
                    y_errors,
                    y_score,
                    y_score_label,
                    run_id: p.run_id.clone(),
                    tick: if labelled {
                        date.get(5..).unwrap_or(&date).to_owned()
                    } else {
                        String::new()
                    },
                    date,
                    errors: p.errors,
                    score: p.score.map(|s| format!("{s:.2}")),
                }
            })
            .collect();
        let line = |ys: &dyn Fn(&TrendDot) -> Option<f64>| {
            points
                .iter()
                .filter_map(|p| ys(p).map(|y| format!("{},{}", p.x, y)))
                .collect::<Vec<_>>()
                .join(" ")
        };
        let error_line = line(&|p| Some(p.y_errors));
        let score_line = line(&|p| p.y_score);
        let latest = u.trend.last().map_or_else(String::new, |p| {
            let score = p
                .score
                .map_or_else(|| "未评分".to_owned(), |s| format!("得分 {s:.2}"));
            format!("最近 {n} 次运行；本次错误 {} 条，{score}", p.errors)
        });
        TrendChart {
            unit: u.unit.clone(),
            width: WIDTH,
            height: HEIGHT,
            left: LEFT,
            right: WIDTH - RIGHT,
            top: TOP,
            bottom: HEIGHT - BOTTOM,
            error_line,
            score_line,
            max_errors,
            max_score: format!("{max_score:.2}"),
            points,
            latest,
        }
    }
}

fn round1(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}
