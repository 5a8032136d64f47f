//! The SVG bar charts (scores by unit, failing elements), laid out here so the template only
//! draws.

use super::{Serialize, TOP_ELEMENTS};
use crate::report::view::{ElementCount, UnitTotals};

/// A horizontal bar chart, laid out here so the template only draws.
#[derive(Serialize)]
pub(super) struct Chart {
    title: String,
    note: String,
    width: u32,
    height: u32,
    label_width: u32,
    bars: Vec<Bar>,
}

#[derive(Serialize)]
pub(super) struct Bar {
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
pub(super) fn bound_display(s: &str, max: usize) -> String {
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = crate::report::fixlist::display_width(c.encode_utf8(&mut [0; 4]));
        if w + cw > max {
            out.push('…');
            return out;
        }
        w += cw;
        out.push(c);
    }
    out
}

pub(super) fn score_chart(units: &[UnitTotals], scored: bool) -> Chart {
    let mut rows: Vec<&UnitTotals> = units.iter().collect();
    if scored {
        rows.retain(|u| u.score.is_some());
        rows.sort_by(|a, b| {
            let (sa, sb) = (
                a.score.as_ref().expect("retained"),
                b.score.as_ref().expect("retained"),
            );
            (sb.score / sb.full_marks)
                .total_cmp(&(sa.score / sa.full_marks))
                .then(a.name.cmp(&b.name))
        });
        let bars = rows
            .iter()
            .enumerate()
            .map(|(i, u)| {
                let s = u.score.as_ref().expect("retained");
                let scale = |v: f64| (v / s.full_marks).clamp(0.0, 1.0) * BAR_AREA;
                Bar {
                    label: short_label(&u.name),
                    full_label: u.name.clone(),
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
        rows.sort_by(|a, b| b.errors.cmp(&a.errors).then(a.name.cmp(&b.name)));
        let max = rows.iter().map(|u| u.errors).max().unwrap_or(0).max(1) as f64;
        let bars = rows
            .iter()
            .enumerate()
            .map(|(i, u)| Bar {
                label: short_label(&u.name),
                full_label: u.name.clone(),
                value: format!("{} 条错误", u.errors),
                y: i as u32 * ROW,
                width: u.errors as f64 / max * BAR_AREA,
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

pub(super) fn element_chart(mut counts: Vec<ElementCount>) -> Chart {
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
