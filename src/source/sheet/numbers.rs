//! Phones and codes that a workbook keeps as numbers. Excel drops a number's leading zeros
//! (`0566-2021156` typed without its dash becomes `5662021156`, a 基本编码 `000104002000` becomes
//! `104002000`) and keeps 15 significant digits (a 31-digit 实施编码 ends in zeros). A CSV saved
//! from Excel carries the damage as scientific notation (`1.13417E+30`). The rules then see
//! another phone or code than the platform publishes, and their findings blame the content for
//! what the export did. So each damaged column gets one warning that says so, with its rows; and
//! a landline that lost only its leading 0 (no Chinese area code starts without one) gets it
//! back, so that the phone rules judge what the platform publishes.

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
        // A mobile number and a 400/800 number are numbers Excel keeps whole; a landline with
        // its area code is not.
        Holds::Phone => !(len == 11 && digits.starts_with('1') || is_service_number(digits)),
        Holds::Code(chars) => len != chars || len > 15,
    }
}

/// A 400/800 number: ten digits, no area code.
fn is_service_number(digits: &str) -> bool {
    digits.len() == 10 && (digits.starts_with("400") || digits.starts_with("800"))
}

/// The phone a number cell held before Excel dropped its leading 0, if it can be told: a
/// landline with its area code (0 + 2–3 digits + a 7–8 digit number) is 9–11 digits without
/// the 0; no Chinese area code starts without one.
pub(crate) fn restored_phone(digits: &str) -> Option<String> {
    let plausible = (9..=11).contains(&digits.len())
        && digits.bytes().all(|b| b.is_ascii_digit())
        && !digits.starts_with('0')
        && !(digits.len() == 11 && digits.starts_with('1'))
        && !is_service_number(digits);
    plausible.then(|| format!("0{digits}"))
}

/// The text a number cell held before Excel changed it, where it can be told: a landline that
/// lost its leading 0 ([`restored_phone`]), or a 基本编码 (always 12 digits, and often begun with
/// zeros: `000104002000`) that lost its leading zeros, which a cell formatted `000000000000`
/// shows as typed while it keeps `104002000`. Other codes cannot be told.
fn restored(holds: Holds, digits: &str) -> Option<String> {
    match holds {
        Holds::Phone => restored_phone(digits),
        Holds::Code(12) => {
            (digits.len() < 12 && !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
                .then(|| format!("{digits:0>12}"))
        }
        Holds::Code(_) => None,
    }
}

/// One warning per column of `sheet` (header at `header`, columns `cols`) whose phones or codes
/// are numbers that lost digits, or scientific notation. A landline that lost only its leading
/// 0, and a 基本编码 its leading zeros, get them back (the warning says so): the rules then check
/// what the platform publishes, not what the export did to it. Other codes cannot be restored.
pub(super) fn check(sheet: &mut Sheet, header: usize, cols: &[Col]) -> Vec<Notice> {
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
        let example = cell(&sheet.rows[rows[0]], c).to_owned();
        let mut count = 0;
        for &r in &rows {
            if let Some(text) = restored(holds, cell(&sheet.rows[r], c)) {
                sheet.rows[r][c] = text;
                count += 1;
            }
        }
        out.push(notice(sheet, header, c, (holds, &example, count), &rows));
    }
    out
}

fn notice(
    sheet: &Sheet,
    header: usize,
    c: usize,
    (holds, example, count): (Holds, &str, usize),
    rows: &[usize],
) -> Notice {
    let name = cell(&sheet.rows[header], c);
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
    let effect = if count == rows.len() {
        let back = restored(holds, example).unwrap_or_default();
        format!("已补回开头的 0 再检查（如「{example}」按「{back}」检查）")
    } else if count > 0 {
        format!(
            "其中 {count} 个已补回开头的 0 再检查；其余的{what}与平台上公布的不同，检查结果中与它们有关的问题可能是导出造成的"
        )
    } else {
        format!("这些{what}与平台上公布的不同，检查结果中与它们有关的问题可能是导出造成的")
    };
    Notice {
        level: NoticeLevel::Warning,
        provenance: sheet.provenance(rows[0]),
        message: format!(
            "{}的「{name}」列有 {} 个单元格{lost}（第 {} 行，如「{example}」）。{effect}；请在导出或另存时把该列设为文本格式，重新导出后再检查",
            sheet.label(),
            rows.len(),
            shown.join("、"),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 基本编码 kept as a number (a cell formatted `000000000000` shows it whole) gets its
    /// leading zeros back; no other code can be told.
    #[test]
    fn a_basic_code_gets_its_leading_zeros_back() {
        assert_eq!(
            restored(Holds::Code(12), "104002000").as_deref(),
            Some("000104002000")
        );
        assert_eq!(restored(Holds::Code(12), "111301009001"), None);
        assert_eq!(restored(Holds::Code(12), "1.11301E+11"), None);
        assert_eq!(restored(Holds::Code(31), "1134170000"), None);
        assert_eq!(restored(Holds::Code(18), "11341700"), None);
    }

    #[test]
    fn only_a_landline_that_lost_its_zero_is_restored() {
        assert_eq!(restored_phone("5662021156").as_deref(), Some("05662021156"));
        assert_eq!(restored_phone("1012345678").as_deref(), Some("01012345678"));
        assert_eq!(
            restored_phone("57188889999").as_deref(),
            Some("057188889999")
        );
        for intact in [
            "13905661234",
            "4006789123",
            "8008208820",
            "05662021156",
            "2021156",
        ] {
            assert_eq!(restored_phone(intact), None, "{intact}");
        }
        assert!(!damaged(Holds::Phone, "4006789123"));
        assert!(damaged(Holds::Phone, "5662021156"));
    }
}
