//! The per-unit score table printed in Chinese, with its notes: census rows, the design effect,
//! and units whose score intervals overlap.
//!
//! Not here: the scores themselves (`crate::score`), the table in the Excel report
//! (`crate::report::xlsx`).

use std::io::Write;

use crate::score::{RateKind, UnitScore};

/// What the 编制完整 column means, under the table.
const COMPLETENESS: &str = "编制完整: 县区权力事项、公共服务事项各 0.5 分，缺一项要素扣 0.1 分；缺了哪些要素，见整改清单（Excel）「事项」表的「缺项」「出错要素明细」列。";

/// Units named for each unit whose score interval overlaps others' (sixty units of close scores
/// would each name dozens): then the count.
const OVERLAPS_NAMED: usize = 5;

/// Prints the per-unit table in Chinese. `incomplete`: the input was not all read (a notice of
/// level error: an unfinished crawl, a file that could not be read), so that a unit whose items
/// were all checked is not said to be checked whole.
pub(crate) fn print_table(
    out: &mut dyn Write,
    scores: &[UnitScore],
    rate_kind: RateKind,
    decimals: u32,
    incomplete: bool,
) -> std::io::Result<()> {
    // Scores with the configured decimals, as the Excel shows them (7.70, not 7.7).
    let d = decimals as usize;
    let points = |v: f64| format!("{v:.d$}");
    let completeness = |c: Option<&crate::score::Completeness>| {
        c.map_or_else(
            || "—".to_owned(),
            |c| format!("权力{} 公共服务{}", c.power_points, c.public_points),
        )
    };
    let reviewed = scores.iter().any(|s| s.reviewed_score.is_some());
    // A census has no sampling error: its one-point interval is a dash, explained under the table.
    let interval = |low: String, high: String| {
        if low == high {
            "—".to_owned()
        } else {
            format!("{low}–{high}")
        }
    };
    let census = scores
        .iter()
        .any(|s| format!("{:.1}", s.rate_low * 100.0) == format!("{:.1}", s.rate_high * 100.0));
    let mut header = vec![
        "考核单位",
        "类型",
        "事项数",
        "抽查数",
        "出错",
        "出错率",
        "95%区间",
        "得分",
        "得分区间",
        "编制完整",
    ];
    if reviewed {
        header.extend([
            "复核后出错",
            "复核后出错率",
            "复核后得分",
            "复核后得分区间",
            "复核后编制完整",
        ]);
    }
    // City departments first, then counties: the scheme ranks each kind on its own.
    let mut sorted: Vec<&UnitScore> = scores.iter().collect();
    sorted.sort_by_key(|s| (s.kind, &s.unit));
    let rows: Vec<Vec<String>> = sorted
        .iter()
        .map(|s| {
            let (x, n) = match s.rate_kind {
                RateKind::Element => (s.failed_checks, s.checks),
                RateKind::Item => (s.items_with_errors, s.sampled),
            };
            let mut row = vec![
                s.unit.clone(),
                s.kind.label_zh().to_owned(),
                s.items.to_string(),
                s.sampled.to_string(),
                format!("{x}/{n}"),
                format!("{:.1}%", s.rate * 100.0),
                interval(
                    format!("{:.1}%", s.rate_low * 100.0),
                    format!("{:.1}%", s.rate_high * 100.0),
                ),
                format!("{}/{}", points(s.score), s.full_marks),
                interval(points(s.score_low), points(s.score_high)),
                completeness(s.completeness.as_ref()),
            ];
            if reviewed {
                let x = match s.rate_kind {
                    RateKind::Element => s.reviewed_failed_checks,
                    RateKind::Item => s.reviewed_items_with_errors,
                };
                let dash = || "—".to_owned();
                row.extend([
                    x.map_or_else(dash, |x| format!("{x}/{n}")),
                    s.reviewed_rate
                        .map_or_else(dash, |r| format!("{:.1}%", r * 100.0)),
                    s.reviewed_score
                        .map_or_else(dash, |r| format!("{}/{}", points(r), s.full_marks)),
                    match (s.reviewed_score_low, s.reviewed_score_high) {
                        (Some(low), Some(high)) => interval(points(low), points(high)),
                        _ => dash(),
                    },
                    // A rejected finding of an empty element gives its 0.1 back.
                    completeness(s.reviewed_completeness.as_ref()),
                ]);
            }
            row
        })
        .collect();
    writeln!(out, "实施清单准确度得分（{}）", rate_kind.label_zh())?;
    for line in crate::cli::aligned(&header, &rows) {
        writeln!(out, "{line}")?;
    }
    // The 11 items an unfinished crawl read of a platform's 600 are no census (h36).
    if census && incomplete {
        writeln!(
            out,
            "区间为「—」的单位读到的事项都已检查，没有抽样误差；但输入不完整（见「错误」提示），没有读到的事项不在其中，得分只代表已读到的事项。{COMPLETENESS}"
        )?;
    } else if census {
        writeln!(
            out,
            "区间为「—」的单位全部事项都已检查，没有抽样误差。{COMPLETENESS}"
        )?;
    }
    if let Some(d) = scores.iter().find_map(|s| s.design_effect) {
        writeln!(
            out,
            "95%区间按抽中的事项计算：同一事项的要素是一起抽中的，错误也常集中在少数事项，所以区间比把每个要素当作独立抽查时宽（设计效应 {d:.1}，由本次各单位的样本合并估计）。"
        )?;
    }
    let flagged: Vec<&UnitScore> = scores
        .iter()
        .filter(|s| !s.overlaps_with.is_empty())
        .collect();
    if !flagged.is_empty() {
        writeln!(out, "得分区间重叠（排名差异在抽样误差之内）:")?;
        for s in flagged {
            let names = s.overlaps_with[..s.overlaps_with.len().min(OVERLAPS_NAMED)].join("、");
            let more = match s.overlaps_with.len() {
                n if n > OVERLAPS_NAMED => format!(" 等 {n} 个单位"),
                _ => String::new(),
            };
            writeln!(out, "  {} ↔ {names}{more}", s.unit)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    /// Scores keep their configured decimals on the terminal, as in the Excel (7.70, not 7.7).
    #[test]
    fn the_score_table_shows_the_configured_decimals() {
        use crate::score::RateKind;
        use crate::score::compute::{ScoreOptions, UnitSums, score_from_sums};
        use crate::unit::UnitKind;

        let sums = UnitSums {
            lot_items: 10,
            lot_checks: 80,
            sampled: 10,
            checks: 80,
            failed_checks: 3,
            ..UnitSums::default()
        };
        let opts = ScoreOptions {
            rate_kind: RateKind::Element,
            decimals: 2,
        };
        let s = score_from_sums("贵池区".into(), UnitKind::County, &sums, opts, 1.0);
        assert!((s.score - 7.7).abs() < 1e-9);
        let department = score_from_sums(
            "池州市数据资源局".into(),
            UnitKind::Department,
            &sums,
            opts,
            1.0,
        );
        let mut out = Vec::new();
        super::print_table(
            &mut out,
            &[s.clone(), department.clone()],
            RateKind::Element,
            2,
            false,
        )
        .unwrap();
        let text = String::from_utf8(out).unwrap();
        // Departments first, whatever the names sort as; columns line up under the header.
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines[2].starts_with("池州市数据资源局  市直部门"), "{text}");
        assert!(lines[3].starts_with("贵池区            县区"), "{text}");
        // A census: its one-point interval is a dash, explained under the table.
        assert!(
            text.contains("7.70/8") && !text.contains("7.70–7.70"),
            "{text}"
        );
        assert!(text.contains("区间为「—」的单位全部事项都已检查"), "{text}");
        // h36: of an input not all read (an unfinished crawl), the checked items are not all.
        let mut out = Vec::new();
        super::print_table(&mut out, &[s, department], RateKind::Element, 2, true).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.contains("区间为「—」的单位读到的事项都已检查，没有抽样误差；但输入不完整")
                && !text.contains("全部事项都已检查"),
            "{text}"
        );

        // A unit whose interval overlaps many: five named, then the count.
        let mut s = score_from_sums("贵池区".into(), UnitKind::County, &sums, opts, 1.0);
        s.overlaps_with = [
            "东至县",
            "石台县",
            "青阳县",
            "九华山风景区",
            "江南产业集中区",
            "经开区",
        ]
        .map(String::from)
        .to_vec();
        let mut out = Vec::new();
        super::print_table(&mut out, &[s], RateKind::Element, 2, false).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.contains(
                "  贵池区 ↔ 东至县、石台县、青阳县、九华山风景区、江南产业集中区 等 6 个单位\n"
            ),
            "{text}"
        );
    }
}
