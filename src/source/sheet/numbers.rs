//! Phones and codes that a workbook keeps as numbers. Excel drops a number's leading zeros
//! (`0566-2021156` typed without its dash becomes `5662021156`, a 基本编码 `000104002000` becomes
//! `104002000`) and keeps 15 significant digits (a 31-digit 实施编码 ends in zeros). A CSV saved
//! from Excel carries the damage as scientific notation (`1.13417E+30`). The rules then see
//! another phone or code than the platform publishes, and their findings blame the content for
//! what the export did. So each damaged column gets one warning that says so, with its rows.

use super::columns::Col;
use super::{Sheet, cell};
use crate::model::ItemField;
use crate::model::text::looks_scientific;
use crate::source::{Notice, NoticeLevel};

/// Rows listed in a notice, at most.
const ROWS_SHOWN: usize = 5;

/// What a column holds, for the notice: which damage is possible.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Holds {
    Phone,
    /// A code of this many characters.
    Code(usize),
}

fn holds(col: &Col) -> Option<Holds> {
    match col {
        Col::Item(ItemField::ConsultPhone | ItemField::SupervisePhone) => Some(Holds::Phone),
        Col::Item(ItemField::Code) | Col::LinkCode => Some(Holds::Code(31)),
        Col::Item(ItemField::SubjectCode) => Some(Holds::Code(18)),
        Col::Item(ItemField::BasicCode) => Some(Holds::Code(12)),
        _ => None,
    }
}

/// Whether the digits of a number cell in a column that `holds` it differ from what was typed.
fn damaged(holds: Holds, digits: &str) -> bool {
    let len = digits.trim_start_matches('-').len();
    match holds {
        // A mobile number is a number Excel keeps whole; a landline with its area code is not.
        Holds::Phone => !(len == 11 && digits.starts_with('1')),
        Holds::Code(chars) => len != chars || len > 15,
    }
}

/// One warning per column of `sheet` (header at `header`, columns `cols`) whose phones or codes
/// are numbers that lost digits, or scientific notation.
pub(super) fn notices(sheet: &Sheet, header: usize, cols: &[Col]) -> Vec<Notice> {
    let mut out = Vec::new();
    for (c, col) in cols.iter().enumerate() {
        let Some(holds) = holds(col) else { continue };
        let numbers = sheet
            .long_numbers
            .iter()
            .filter(|&&(r, cc)| cc == c && r > header)
            .filter(|&&(r, _)| damaged(holds, cell(&sheet.rows[r], c)))
            .map(|&(r, _)| r);
        let scientific = sheet
            .rows
            .iter()
            .enumerate()
            .skip(header + 1)
            .filter(|(_, row)| looks_scientific(cell(row, c)))
            .map(|(r, _)| r);
        let mut rows: Vec<usize> = numbers.chain(scientific).collect();
        if rows.is_empty() {
            continue;
        }
        rows.sort_unstable();
        rows.dedup();
        out.push(notice(sheet, header, c, holds, &rows));
    }
    out
}

fn notice(sheet: &Sheet, header: usize, c: usize, holds: Holds, rows: &[usize]) -> Notice {
    let name = cell(&sheet.rows[header], c);
    let example = cell(&sheet.rows[rows[0]], c);
    let mut shown: Vec<String> = rows
        .iter()
        .take(ROWS_SHOWN)
        .map(|&r| sheet.row_number(r).to_string())
        .collect();
    if rows.len() > ROWS_SHOWN {
        shown.push("…".into());
    }
    let lost = if looks_scientific(example) {
        "已被 Excel 转成科学计数法，原来的位数已丢失"
    } else if holds == Holds::Phone {
        "是数字格式：数字不能以 0 开头，区号的 0 已被 Excel 去掉"
    } else if example.trim_start_matches('-').len() > 15 {
        "是数字格式：Excel 只保留 15 位有效数字，后面的位已变成 0"
    } else {
        "是数字格式：开头的 0 已被 Excel 去掉"
    };
    let what = if holds == Holds::Phone {
        "电话"
    } else {
        "编码"
    };
    Notice {
        level: NoticeLevel::Warning,
        provenance: sheet.provenance(rows[0]),
        message: format!(
            "{}的「{name}」列有 {} 个单元格{lost}（第 {} 行，如「{example}」）。这些{what}与平台上公布的不同，检查结果中与它们有关的问题可能是导出造成的；请在导出或另存时把该列设为文本格式，重新导出后再检查",
            sheet.label(),
            rows.len(),
            shown.join("、"),
        ),
    }
}
