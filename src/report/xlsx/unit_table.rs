//! The unit table of the 汇总 sheet: its columns, which grow with what the report holds (scores,
//! a review, a sample), the notes on them, and the cells of a scored unit's row.

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::styles::{Styles, Widths};
use crate::report::view::UnitTotals;
use crate::report::{Report, completeness_text, fixlist, score_working, span_text};

const UNIT_HEADERS: [&str; 15] = [
    "单位",
    "单位类型",
    "事项数",
    "抽查事项数",
    "有错误的事项",
    "错误",
    "提示",
    "出错率口径",
    "出错率",
    "出错率95%区间",
    "满分",
    "得分",
    "得分区间",
    "复核后得分",
    "编制完整",
];

/// The 汇总 unit table's columns beyond [`UNIT_HEADERS`] once scores exist: what the score was
/// computed from over the scored items (抽查范围内), the reviewed rate and its interval, and the
/// sample's seed and method. The census counts of [`UNIT_HEADERS`] (有错误的事项, 错误, 提示) are
/// then labelled 全部事项, so that they are not read as the sample's.
pub(super) struct UnitColumns {
    /// Some unit has a score.
    pub(super) scored: bool,
    /// Some score was reviewed.
    reviewed: bool,
    /// The report was scored on a sample.
    sampled: bool,
}

/// Headers of the census counts in [`UNIT_HEADERS`] (columns 4–6) once scores exist.
const CENSUS_HEADERS: [&str; 3] = [
    "有错误的事项（全部事项）",
    "错误（全部事项）",
    "提示（全部事项）",
];

/// Headers added after [`UNIT_HEADERS`] once scores exist.
pub(super) const SCORED_HEADERS: [&str; 4] = [
    "抽查范围内有错误的事项",
    "抽查范围内出错要素数",
    "抽查范围内适用要素数",
    "得分计算",
];

/// The note on 得分计算.
pub(super) const WORKING_NOTE: &str = "得分 = 满分 ×（1 − 出错率），只按计分的事项（抽查范围内）计算。要素出错率 = 出错要素数 ÷ 适用要素数（只计附件要素的「错误」，不计「提示」和不涉及的要素）；事项出错率 = 有错误的事项 ÷ 抽查事项数。";

/// The note on 编制完整.
pub(super) const COMPLETENESS_NOTE: &str = "县区实施清单编制完整（附件2第11、12行）：权力事项、公共服务事项各 0.5 分，全部事项中每缺一项要素扣 0.1 分。缺的是哪些要素，见「事项」表：筛选「缺项」大于 0 的事项，「出错要素明细」中标（缺项）的就是。";

/// Headers added after [`SCORED_HEADERS`] once a review was applied.
const REVIEWED_HEADERS: [&str; 5] = [
    "复核后出错率",
    "复核后出错率95%区间",
    "复核后得分区间",
    "复核后得分计算",
    "复核后编制完整",
];

/// Headers added last (before 单位回复) when the report was scored on a sample.
const SAMPLE_HEADERS: [&str; 2] = ["抽样种子", "抽样方法"];

impl UnitColumns {
    pub(super) fn of(report: &Report, units: &[UnitTotals]) -> Self {
        UnitColumns {
            scored: units.iter().any(|u| u.score.is_some()),
            reviewed: units
                .iter()
                .any(|u| u.score.as_ref().is_some_and(|s| s.reviewed_score.is_some())),
            sampled: report.sample.is_some(),
        }
    }

    pub(super) fn headers(&self, replies: bool) -> Vec<&'static str> {
        let mut h = UNIT_HEADERS.to_vec();
        if self.scored {
            h[4..7].copy_from_slice(&CENSUS_HEADERS);
            h.extend(SCORED_HEADERS);
            if self.reviewed {
                h.extend(REVIEWED_HEADERS);
            }
            if self.sampled {
                h.extend(SAMPLE_HEADERS);
            }
        }
        if replies {
            h.push("单位回复");
        }
        h
    }

    /// The added cells of a scored unit's row.
    pub(super) fn write_score(
        &self,
        sheet: &mut Worksheet,
        row: u32,
        sc: &crate::score::UnitScore,
        report: &Report,
        s: &Styles,
        widths: &mut Widths,
    ) -> Result<(), XlsxError> {
        let mut col = UNIT_HEADERS.len() as u16;
        for n in [sc.items_with_errors, sc.failed_checks, sc.checks] {
            sheet.write_number(row, col, n as f64)?;
            col += 1;
        }
        let text = score_working(sc, sc.score, None);
        widths.see(col.into(), &text);
        sheet.write_string(row, col, text)?;
        col += 1;
        if self.reviewed {
            if let (Some(rate), Some(score)) = (sc.reviewed_rate, sc.reviewed_score) {
                sheet.write_number_with_format(row, col, rate, &s.percent)?;
                let percent = |x: f64| format!("{:.1}%", x * 100.0);
                let points = |x: f64| format!("{x:.2}");
                if let (Some(low), Some(high)) = (sc.reviewed_rate_low, sc.reviewed_rate_high) {
                    sheet.write_string(row, col + 1, span_text(low, high, percent))?;
                }
                if let (Some(low), Some(high)) = (sc.reviewed_score_low, sc.reviewed_score_high) {
                    sheet.write_string(row, col + 2, span_text(low, high, points))?;
                }
                let x = match sc.rate_kind {
                    crate::score::RateKind::Element => sc.reviewed_failed_checks,
                    crate::score::RateKind::Item => sc.reviewed_items_with_errors,
                };
                let text = score_working(sc, score, x);
                widths.see((col + 3).into(), &text);
                sheet.write_string(row, col + 3, text)?;
                // A rejected finding of an empty element gives its 0.1 back.
                let text = completeness_cell(sc.kind, sc.reviewed_completeness.as_ref());
                widths.see((col + 4).into(), &text);
                sheet.write_string(row, col + 4, text)?;
            }
            col += REVIEWED_HEADERS.len() as u16;
        }
        if let Some(sample) = report.sample.as_ref().filter(|_| self.sampled) {
            // A number cell, as in the sample list, unless Excel would round it.
            match sample.seed.trim().parse::<u64>() {
                Ok(seed) if seed <= crate::score::sample_file::LARGEST_NUMBER_SEED => {
                    sheet.write_number_with_format(row, col, seed as f64, &s.whole)?
                }
                _ => sheet.write_string(row, col, fixlist::cell(&sample.seed))?,
            };
            sheet.write_string(row, col + 1, fixlist::cell(&sample.method))?;
            widths.see((col + 1).into(), &sample.method);
        }
        Ok(())
    }
}

/// A 编制完整 cell of 汇总: a county's points, a dash for a department (not assessed there).
pub(super) fn completeness_cell(
    kind: crate::unit::UnitKind,
    completeness: Option<&crate::score::Completeness>,
) -> String {
    completeness.map_or_else(
        || match kind {
            crate::unit::UnitKind::Department => "—（市直部门不计）".to_owned(),
            crate::unit::UnitKind::County => "—".to_owned(),
        },
        completeness_text,
    )
}
