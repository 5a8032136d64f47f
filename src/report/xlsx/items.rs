//! The 事项 sheet: every audited item with its pass / fail / n/a counts, the unreadable ones in
//! the all-units workbook, and once scored what the scores count of each item ([`ItemScoring`]).

use rust_xlsxwriter::{Note, Worksheet, XlsxError};

use super::styles::{Styles, Widths, header_row, table};
use super::{Fit, place};
use crate::report::fixlist::{self, SAMPLED_HEADER, sampled_cell};
use crate::report::view::outcome_counts;
use crate::report::{ItemEntry, ItemStatus, Report, RuleInfo};

const ITEM_HEADERS: [&str; 13] = [
    "序号",
    "考核单位",
    "事项名称",
    "实施编码",
    "事项类型",
    "状态",
    "无法读取原因",
    "通过",
    "不通过",
    "不涉及",
    "错误",
    "提示",
    "来源",
];

/// The 事项 sheet's columns of a scored report, after 是否抽中: what the scores count of each item,
/// so that an assessor can recount a unit's 出错要素数 ÷ 适用要素数 and see which elements are
/// 缺项 for 编制完整. 复核后出错要素 only when a review was applied.
const SCORING_HEADERS: [&str; 5] = [
    "计分要素",
    "出错要素",
    "复核后出错要素",
    "缺项",
    "出错要素明细",
];

/// The notes on [`SCORING_HEADERS`] and on 通过 / 不通过, which count every rule.
const SCORING_NOTES: [(&str, &str); 7] = [
    (
        "通过",
        "按全部规则计，含不计分的通用检查（G 类）；计分用的数见「计分要素」「出错要素」列",
    ),
    (
        "不通过",
        "按全部规则计，含不计分的通用检查（G 类）和「提示」；计分用的数见「计分要素」「出错要素」列",
    ),
    (
        "计分要素",
        "本事项计入要素出错率的检查数：附件考核要素中适用的（不含不涉及的要素和 G 类通用检查）",
    ),
    (
        "出错要素",
        "其中有「错误」的要素数。一个单位抽查范围内（「是否抽中」为「是」）各事项的出错要素之和 ÷ 计分要素之和，就是「汇总」表的要素出错率",
    ),
    (
        "复核后出错要素",
        "考核人员复核后仍出错的要素数：一个要素的错误全部被「驳回」时不再计",
    ),
    (
        "缺项",
        "出错要素中没有填写的（空白或「无」「暂无」「/」等）个数。县区「编制完整」按全部事项的缺项扣分：权力事项、公共服务事项各 0.5 分，缺一项扣 0.1 分",
    ),
    (
        "出错要素明细",
        "出错的要素和规则编号；（缺项）为没有填写，（已驳回）为复核驳回、不再计分",
    ),
];

/// What the scores count of each item, for the 事项 sheet of a scored report.
pub(super) struct ItemScoring<'r> {
    /// The report's rules, for the elements' names.
    rules: &'r [RuleInfo],
    /// The checks as the automatic score counts them.
    auto: crate::score::compute::ElementChecks<'r>,
    /// The checks after the assessor's review, when one was applied.
    reviewed: Option<crate::score::compute::ElementChecks<'r>>,
}

impl<'r> ItemScoring<'r> {
    /// `None` for a report that was not scored.
    pub(super) fn of(report: &'r Report) -> Option<Self> {
        use crate::score::compute::ElementChecks;
        if report.scores.is_empty() {
            return None;
        }
        let reviewed = report.review.as_ref().map(|review| {
            let kept: Vec<bool> = review
                .decisions_for(&report.findings)
                .into_iter()
                .map(|d| d != Some(crate::score::review::Decision::Rejected))
                .collect();
            ElementChecks::new(report, &kept)
        });
        Some(ItemScoring {
            rules: &report.rules,
            auto: ElementChecks::new(report, &[]),
            reviewed,
        })
    }

    /// The item's cells under [`SCORING_HEADERS`] (without 复核后出错要素 when there was no
    /// review): three or four counts and the list of failing elements.
    fn cells(&self, item: &ItemEntry) -> (Vec<usize>, String) {
        let (applicable, failed) = self.auto.of(item);
        let mut counts = vec![applicable, failed.len()];
        let standing = self.reviewed.as_ref().map(|r| r.of(item).1);
        if let Some(standing) = &standing {
            counts.push(standing.len());
        }
        let counted = standing.as_ref().unwrap_or(&failed);
        counts.push(counted.iter().filter(|c| c.missing).count());
        let detail = failed
            .iter()
            .map(|c| {
                let element = self
                    .rules
                    .iter()
                    .find(|r| r.id == c.rule)
                    .map_or("", |r| r.element.as_str());
                let mut marks = vec![c.rule];
                if !counted.iter().any(|k| k.rule == c.rule) {
                    marks.push("已驳回");
                } else if c.missing {
                    marks.push("缺项");
                }
                format!("{element}（{}）", marks.join("，"))
            })
            .collect::<Vec<_>>()
            .join("；");
        (counts, detail)
    }
}

/// The items of the workbook; `all` (the assessor's workbook) names each source in full, a
/// unit's workbook by its file name (the server's folders mean nothing to a clerk).
/// Lists at most `fit` items (see [`super::DATA_ROWS`]); a row after them says how many were
/// left out.
#[cfg(test)]
pub(super) fn items_sheet(
    sheet: &mut Worksheet,
    all_items: &[&ItemEntry],
    (all, sampled, scoring): (
        bool,
        Option<&crate::report::Sampled<'_>>,
        Option<&ItemScoring<'_>>,
    ),
    fit: usize,
    s: &Styles,
) -> Result<(), XlsxError> {
    let mut list = ItemsSheet::begin(sheet, (sampled.is_some(), scoring), fit, s)?;
    list.rows(sheet, all_items, (all, sampled, scoring))?;
    list.finish(sheet, s)
}

/// 事项 written a unit's items at a time: the header first, then the rows as they come (at most
/// `fit`), then the left-out note and the filter.
pub(super) struct ItemsSheet {
    columns: usize,
    /// The first of [`SCORING_HEADERS`], when the report was scored.
    scoring_col: usize,
    widths: Widths,
    fit: Fit,
}

impl ItemsSheet {
    /// Writes the header row; `sampled` when the report was scored on a sample, `scoring` (that
    /// of the whole report or of any unit) when it was scored.
    pub(super) fn begin(
        sheet: &mut Worksheet,
        (sampled, scoring): (bool, Option<&ItemScoring<'_>>),
        fit: usize,
        s: &Styles,
    ) -> Result<Self, XlsxError> {
        // 是否抽中 after the existing columns, when the report was scored on a sample; then what
        // the scores count, when it was scored.
        let mut headers = ITEM_HEADERS.to_vec();
        if sampled {
            headers.push(SAMPLED_HEADER);
        }
        let scoring_col = headers.len();
        if let Some(sc) = scoring {
            headers.extend(
                SCORING_HEADERS
                    .iter()
                    .filter(|h| sc.reviewed.is_some() || **h != SCORING_HEADERS[2]),
            );
        }
        header_row(sheet, 0, &headers, &s.header)?;
        if scoring.is_some() {
            for (header, text) in SCORING_NOTES {
                if let Some(col) = headers.iter().position(|h| *h == header) {
                    let note = Note::new(text).set_author("zwfw-audit").set_width(300);
                    sheet.insert_note(0, col as u16, &note)?;
                }
            }
        }
        Ok(ItemsSheet {
            columns: headers.len(),
            scoring_col,
            widths: Widths::new(&headers),
            fit: Fit::new(fit),
        })
    }

    /// Writes the next items, numbered on from those before.
    pub(super) fn rows(
        &mut self,
        sheet: &mut Worksheet,
        items: &[&ItemEntry],
        (all, sampled, scoring): (
            bool,
            Option<&crate::report::Sampled<'_>>,
            Option<&ItemScoring<'_>>,
        ),
    ) -> Result<(), XlsxError> {
        for (n, item) in self.fit.admit(items.len()).zip(items) {
            self.row(sheet, n, item, (all, sampled, scoring))?;
        }
        Ok(())
    }

    /// Row `n` (1-based, the row's 序号).
    fn row(
        &mut self,
        sheet: &mut Worksheet,
        n: usize,
        item: &ItemEntry,
        (all, sampled, scoring): (
            bool,
            Option<&crate::report::Sampled<'_>>,
            Option<&ItemScoring<'_>>,
        ),
    ) -> Result<(), XlsxError> {
        let row = n as u32;
        let (pass, fail, na) = outcome_counts(item);
        let unreadable = item.status == ItemStatus::Unreadable;
        let texts = [
            (
                1,
                if unreadable {
                    String::new()
                } else {
                    fixlist::cell(&item.unit)
                },
            ),
            (2, fixlist::cell(&item.name)),
            (3, fixlist::cell(&item.code)),
            (
                4,
                fixlist::cell(&crate::model::domain::item_type_text(&item.item_type)),
            ),
            (
                5,
                (if unreadable {
                    "无法读取"
                } else {
                    "已检查"
                })
                .to_owned(),
            ),
            (6, fixlist::cell(item.reason.as_deref().unwrap_or(""))),
            (12, fixlist::cell(&place(&item.provenance, all))),
        ];
        sheet.write_number(row, 0, n as f64)?;
        for (col, text) in &texts {
            self.widths.see(*col, text);
            sheet.write_string(row, *col as u16, text)?;
        }
        if !unreadable {
            for (col, n) in [
                (7, pass),
                (8, fail),
                (9, na),
                (10, item.errors),
                (11, item.warnings),
            ] {
                sheet.write_number(row, col, n as f64)?;
            }
            if let Some(codes) = sampled {
                sheet.write_string(
                    row,
                    ITEM_HEADERS.len() as u16,
                    sampled_cell(codes, &item.code, &item.name),
                )?;
            }
            if let Some(sc) = scoring {
                let (counts, detail) = sc.cells(item);
                let mut col = self.scoring_col;
                for n in counts {
                    sheet.write_number(row, col as u16, n as f64)?;
                    col += 1;
                }
                self.widths.see(col, &detail);
                sheet.write_string(row, col as u16, fixlist::cell(&detail))?;
            }
        }
        Ok(())
    }

    /// The left-out note and the filter.
    pub(super) fn finish(self, sheet: &mut Worksheet, s: &Styles) -> Result<(), XlsxError> {
        self.fit.left_out_row(sheet, "个事项", s)?;
        table(sheet, self.fit.written, self.columns, &self.widths)
    }
}

#[cfg(test)]
mod tests {
    use crate::model::domain::item_type_text;

    #[test]
    fn item_type_codes_are_named() {
        assert_eq!(item_type_text("01"), "行政许可（01）");
        assert_eq!(item_type_text("20"), "公共服务（20）");
        assert_eq!(item_type_text("行政许可"), "行政许可");
        assert_eq!(item_type_text("99"), "99");
        assert_eq!(item_type_text(""), "");
    }
}
