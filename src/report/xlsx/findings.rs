//! The 问题清单 sheet, one row per finding with the columns the unit and the assessors fill in,
//! and the 规则说明 sheet, the rules those findings cite.

use std::collections::HashSet;

use rust_xlsxwriter::{DataValidation, DataValidationErrorStyle, Note, Worksheet, XlsxError};

use super::styles::{Styles, WRAPPED_WIDTH, Widths, header_row, table};
use super::{Fit, NO_FINDINGS};
use crate::report::fixlist::{
    self, DISPUTE_CHOICES, DISPUTE_COLUMN, FILL_IN_NOTES, FINGERPRINT_HEADER, FixRow, HEADERS,
    REVIEW_CHOICES, REVIEW_COLUMN, RowContext, SAMPLED_HEADER, SAMPLED_NOTE, STATUS_HEADER,
    WRAP_COLUMNS, sampled_cell,
};
use crate::report::{Report, markdown, rule_docs};

/// Lists at most `fit` rows (see [`super::DATA_ROWS`]); a row after them says how many were left
/// out.
#[cfg(test)]
pub(super) fn findings_sheet(
    sheet: &mut Worksheet,
    all_rows: &[FixRow<'_>],
    (ctx, sampled): (&RowContext<'_>, Option<&crate::report::Sampled<'_>>),
    (all, fit): (bool, usize),
    s: &Styles,
) -> Result<(), XlsxError> {
    let mut list = FindingsSheet::begin(sheet, (ctx, sampled.is_some()), (all, fit), s)?;
    list.rows(sheet, all_rows, (ctx, sampled), s)?;
    list.finish(sheet, s)
}

/// 问题清单 written a unit's rows at a time: the header first, then the rows as they come (at
/// most `fit`), then what needs them all (dropdowns, widths, filter, the left-out note).
pub(super) struct FindingsSheet {
    headers: Vec<&'static str>,
    /// Columns of [`HEADERS`] shown: all, or up to 复核结果.
    own: usize,
    /// The columns the reader of this workbook fills in.
    fill_in: Vec<usize>,
    widths: Widths,
    all: bool,
    fit: Fit,
}

impl FindingsSheet {
    /// Writes the header row; `sampled` when the report was scored on a sample.
    pub(super) fn begin(
        sheet: &mut Worksheet,
        (ctx, sampled): (&RowContext<'_>, bool),
        (all, fit): (bool, usize),
        s: &Styles,
    ) -> Result<Self, XlsxError> {
        // A unit's workbook stops before 复核结果, the last of HEADERS, unless the report was
        // rescored with a review: then it shows the decisions, so the unit sees which findings
        // were 驳回. The all-units workbook says whose each row is, as findings.csv does.
        let own = if all || ctx.reviewed {
            HEADERS.len()
        } else {
            REVIEW_COLUMN
        };
        let mut headers = HEADERS[..own].to_vec();
        if all {
            headers.push(crate::report::csv::UNIT_HEADER);
        }
        if ctx.history.is_some() {
            headers.push(STATUS_HEADER);
        }
        // Before 指纹, which stays last (readers find both by header).
        if sampled {
            headers.push(SAMPLED_HEADER);
        }
        headers.push(FINGERPRINT_HEADER);
        header_row(sheet, 0, &headers, &s.header)?;
        // The columns the reader of this workbook fills in: the unit's three, and in the
        // assessor's workbook 复核结果 (shown, not filled, in a unit's reviewed list).
        let mut fill_in = vec![fixlist::FIX_COLUMN, DISPUTE_COLUMN, DISPUTE_COLUMN + 1];
        if all {
            fill_in.push(REVIEW_COLUMN);
        }
        for &col in &fill_in {
            sheet.write_string_with_format(0, col as u16, headers[col], &s.fill_header)?;
        }
        if let Some(col) = headers.iter().position(|h| *h == SAMPLED_HEADER) {
            let note = Note::new(SAMPLED_NOTE)
                .set_author("zwfw-audit")
                .set_width(260);
            sheet.insert_note(0, col as u16, &note)?;
        }
        for (header, text) in FILL_IN_NOTES {
            let text = if header == fixlist::REVIEW_HEADER && !all {
                "考核人员的复核结论，本次计分已采用：「确认」问题成立，「驳回」问题不成立"
            } else {
                text
            };
            if let Some(col) = headers.iter().position(|h| *h == header) {
                let note = Note::new(text).set_author("zwfw-audit").set_width(260);
                sheet.insert_note(0, col as u16, &note)?;
            }
        }
        Ok(FindingsSheet {
            widths: Widths::new(&headers),
            headers,
            own,
            fill_in,
            all,
            fit: Fit::new(fit),
        })
    }

    /// Writes the next rows, numbered on from those before.
    pub(super) fn rows(
        &mut self,
        sheet: &mut Worksheet,
        rows: &[FixRow<'_>],
        (ctx, sampled): (&RowContext<'_>, Option<&crate::report::Sampled<'_>>),
        s: &Styles,
    ) -> Result<(), XlsxError> {
        for (n, f) in self.fit.admit(rows.len()).zip(rows) {
            self.row(sheet, n, f, (ctx, sampled), s)?;
        }
        Ok(())
    }

    /// Row `n` (1-based, the row's 序号).
    fn row(
        &mut self,
        sheet: &mut Worksheet,
        n: usize,
        f: &FixRow<'_>,
        (ctx, sampled): (&RowContext<'_>, Option<&crate::report::Sampled<'_>>),
        s: &Styles,
    ) -> Result<(), XlsxError> {
        let row = n as u32;
        let mut cells = f.cells(n, ctx);
        if self.all {
            cells.insert(HEADERS.len(), fixlist::cell(f.unit()));
        } else if self.own == REVIEW_COLUMN {
            cells.remove(REVIEW_COLUMN);
        }
        if let Some(codes) = sampled {
            cells.insert(
                cells.len() - 1,
                sampled_cell(codes, f.code(), f.name()).to_owned(),
            );
        }
        let closed = matches!(f, FixRow::Closed(_));
        let (text, wrap) = if closed {
            (&s.closed, &s.closed_wrap)
        } else {
            (&s.text, &s.wrap)
        };
        sheet.write_number_with_format(row, 0, n as f64, text)?;
        for (col, cell) in cells.iter().enumerate().skip(1) {
            self.widths.see(col, cell);
            // A closed row needs no answer: it stays green.
            let format = match (
                WRAP_COLUMNS.contains(&col),
                !closed && self.fill_in.contains(&col),
            ) {
                (true, true) => &s.fill_wrap,
                (false, true) => &s.fill,
                (true, false) => wrap,
                (false, false) => text,
            };
            sheet.write_string_with_format(row, col as u16, cell, format)?;
        }
        // Different answers from other returned files, beside the one that stands.
        let superseded = match (f, cells.last()) {
            (FixRow::Finding(finding), Some(fp)) => ctx.reply(finding, fp),
            _ => None,
        }
        .map_or(&[][..], |r| r.superseded.as_slice());
        if !superseded.is_empty() {
            let text = format!("其他文件中不同的回复：\n{}", superseded.join("\n"));
            let note = Note::new(text).set_author("zwfw-audit").set_width(360);
            sheet.insert_note(row, fixlist::FIX_COLUMN as u16, &note)?;
        }
        Ok(())
    }

    /// What needs every row: the note when there are none, widths, dropdowns, the left-out
    /// note and the filter.
    pub(super) fn finish(mut self, sheet: &mut Worksheet, s: &Styles) -> Result<(), XlsxError> {
        let (all, own, written) = (self.all, self.own, self.fit.written);
        let widths = &mut self.widths;
        if written == 0 {
            sheet.write_string_with_format(1, 1, NO_FINDINGS, &s.text)?;
        }
        for col in 6..=8 {
            widths.0[col] = widths.0[col].min(WRAPPED_WIDTH);
        }
        // Room to write in the fill-in columns.
        for (col, min) in [
            (10, 24),
            (DISPUTE_COLUMN, 12),
            (12, 30),
            (REVIEW_COLUMN, 12),
        ] {
            if let Some(w) = widths.0.get_mut(col).filter(|_| col < own) {
                *w = (*w).max(min);
            }
        }
        if written > 0 {
            let last = written as u32;
            let mut dropdowns = vec![(
                DISPUTE_COLUMN,
                &DISPUTE_CHOICES,
                "是否有异议",
                "认为问题不成立时选「有」，并填写异议理由",
            )];
            if all {
                dropdowns.push((
                    REVIEW_COLUMN,
                    &REVIEW_CHOICES,
                    "复核结果",
                    "「确认」问题成立（扣分），「驳回」问题不成立（不扣分）",
                ));
            }
            for (col, choices, title, message) in dropdowns {
                let validation = DataValidation::new()
                    .allow_list_strings(choices)?
                    .set_error_style(DataValidationErrorStyle::Warning)
                    .set_input_title(title)?
                    .set_input_message(message)?;
                sheet.add_data_validation(1, col as u16, last, col as u16, &validation)?;
            }
        }
        self.fit.left_out_row(sheet, "条问题", s)?;
        table(sheet, written, self.headers.len(), widths)
    }
}

const RULE_HEADERS: [&str; 7] = [
    "规则",
    "要素",
    "严重程度",
    "检查内容",
    "依据",
    "示例",
    "整改方法",
];

/// 规则说明: the rules the workbook's findings cite (`cited`), in rule order, with their docs by
/// section.
pub(super) fn rules_sheet(
    sheet: &mut Worksheet,
    report: &Report,
    cited: &HashSet<String>,
    s: &Styles,
) -> Result<(), XlsxError> {
    let rules: Vec<_> = report
        .rules
        .iter()
        .filter(|r| cited.contains(&r.id))
        .collect();
    let mut widths = Widths::new(&RULE_HEADERS);
    header_row(sheet, 0, &RULE_HEADERS, &s.header)?;
    for (i, r) in rules.iter().enumerate() {
        let row = i as u32 + 1;
        let sections = rule_docs(&r.id).map(markdown::sections).unwrap_or_default();
        let section = |name: &str| {
            sections
                .iter()
                .find(|(h, _)| h == name)
                .map_or(String::new(), |(_, body)| {
                    fixlist::cell(&markdown::for_clerks(body))
                })
        };
        let cells = [
            fixlist::cell(&r.id),
            fixlist::cell(&r.element),
            if r.appendix {
                r.severity.label_zh().to_owned()
            } else {
                fixlist::severity_cell(&r.id, r.severity).to_owned()
            },
            section("检查内容"),
            section("依据"),
            section("示例"),
            section("整改方法"),
        ];
        for (col, cell) in cells.iter().enumerate() {
            let format = if col >= 3 { &s.wrap } else { &s.text };
            if col < 3 {
                widths.see(col, cell);
            }
            sheet.write_string_with_format(row, col as u16, cell, format)?;
        }
    }
    for col in 3..RULE_HEADERS.len() {
        widths.0[col] = 50;
    }
    if rules.is_empty() {
        sheet.write_string(1, 0, "本清单没有问题，无需整改。")?;
    }
    table(sheet, rules.len().max(1), RULE_HEADERS.len(), &widths)
}
