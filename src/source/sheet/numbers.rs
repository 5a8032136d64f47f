//! Phones and codes that a workbook keeps as numbers. Excel drops a number's leading zeros
//! (`0566-2021156` typed without its dash becomes `5662021156`, a 基本编码 `000104002000` becomes
//! `104002000`) and keeps 15 significant digits (a 31-digit 实施编码 ends in zeros). A CSV saved
//! from Excel carries the damage as scientific notation (`1.13417E+30`). The rules then see
//! another phone or code than the platform publishes, and their findings blame the content for
//! what the export did. So each damaged column gets one warning that says so, with its rows; a
//! landline that lost only its leading 0 (no Chinese area code starts without one), and the
//! city's hotline after its area code (`56612345` is `0566-12345`), get it back — the phones of
//! the item (咨询方式, 监督投诉电话) and of an intermediary's agency (联系方式) alike —, and so does a
//! 基本编码 its leading zeros (it always has 12 digits), so that the rules judge what the
//! platform publishes. A code that cannot be told back is marked on its item
//! ([`crate::model::UnreadLists`], [`mark_damaged`]): B04 does not judge it (not charged for
//! the export), and the warning says so.
//!
//! A CSV file has no number cells, but one opened in Excel and saved again has lost the same 0:
//! there a phone cell of digits only that is a landline once its 0 is back (a real area code and
//! a local number of its length, [`restored_phone`]) is taken for one, and a 基本编码 of 9–11
//! digits for the 12-digit code it was, and said the same way. A code cell written `'…` (the
//! apostrophe some systems put before a code so that Excel keeps it as text) is the code, and so
//! is one with an invisible character at either end (a zero-width space copied in from a web
//! page after it: `trim_invisible`).

use super::columns::Col;
use super::{Sheet, cell};
use crate::model::text::{is_format_char, looks_scientific};
use crate::model::{AgencyField, Item, ItemField};
use crate::rules::DEFAULT_HOTLINES;
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
        Col::Item(ItemField::ConsultPhone | ItemField::SupervisePhone)
        | Col::Agency(AgencyField::Contact) => Some(Holds::Phone),
        Col::Item(ItemField::Code) | Col::LinkCode => Some(Holds::Code(31)),
        Col::Item(ItemField::SubjectCode) => Some(Holds::Code(18)),
        Col::Item(ItemField::BasicCode) => Some(Holds::Code(12)),
        _ => None,
    }
}

/// Digits of the shortest code Excel can have shortened: a 基本编码 `000104002000` keeps nine.
const SHORTEST_CODE: usize = 9;

/// Whether the digits of a number cell in a column that `holds` it differ from what was typed.
fn damaged(holds: Holds, digits: &str) -> bool {
    let len = digits.trim_start_matches('-').len();
    match holds {
        // Eight digits are a local number written without its area code, unless they are a
        // landline or the hotline that lost the 0 of its area code (`56612345`).
        Holds::Phone if len < 9 => restored_phone(digits).is_some(),
        // A mobile number and a 400/800 number are numbers Excel keeps whole; a landline with
        // its area code is not.
        Holds::Phone => !(len == 11 && digits.starts_with('1') || is_service_number(digits)),
        Holds::Code(_) if len < SHORTEST_CODE => false,
        Holds::Code(chars) => len != chars || len > 15,
    }
}

/// A 400/800 number: ten digits, no area code.
fn is_service_number(digits: &str) -> bool {
    digits.len() == 10 && (digits.starts_with("400") || digits.starts_with("800"))
}

/// The phone a number cell held before Excel dropped its leading 0, if it can be told: `0` and
/// the digits make a landline with a real area code ([`crate::reference::is_known_area_code`])
/// and a local number of the length that code takes (010 and 02x: 8 digits; 0xxx: 7 or 8),
/// not begun with 0 or 1; or a four-digit area code and a hotline of [`DEFAULT_HOTLINES`]
/// (`56612345` is `0566-12345`, the city's 12345 hotline, a valid 监督电话). No Chinese area
/// code starts without its 0; a mobile number (`1[3-9]…`, 11 digits), a 400/800 number or a
/// short number is never one.
pub(crate) fn restored_phone(digits: &str) -> Option<String> {
    if digits.is_empty() || digits.starts_with('0') || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if digits.len() == 11 && digits.starts_with('1') || is_service_number(digits) {
        return None;
    }
    let phone = format!("0{digits}");
    (is_landline(&phone) || is_area_hotline(&phone)).then_some(phone)
}

/// Whether all-digit `phone` is a four-digit area code and a hotline of [`DEFAULT_HOTLINES`]
/// (`056612345`). Not after a three-digit one: `2112345` is as likely a local number written
/// without its area code as `021-12345`.
fn is_area_hotline(phone: &str) -> bool {
    phone.len() > 4
        && !phone.starts_with("010")
        && !phone.starts_with("02")
        && DEFAULT_HOTLINES.contains(&&phone[4..])
        && crate::reference::is_known_area_code(&phone[..4])
}

/// Whether all-digit `phone` is an area code and a local number of the length it takes.
fn is_landline(phone: &str) -> bool {
    [(3, 8..=8), (4, 7..=8)].into_iter().any(|(code, local)| {
        phone.len() > code
            && local.contains(&(phone.len() - code))
            && !phone[code..].starts_with(['0', '1'])
            && crate::reference::is_known_area_code(&phone[..code])
    })
}

/// The text a number cell held before Excel changed it, where it can be told: a landline that
/// lost its leading 0 ([`restored_phone`]), or a 基本编码 (always 12 digits, and often begun with
/// zeros: `000104002000`) that lost its leading zeros, which a cell formatted `000000000000`
/// shows as typed while it keeps `104002000`. Other codes cannot be told.
fn restored(holds: Holds, digits: &str) -> Option<String> {
    match holds {
        Holds::Phone => restored_phone(digits),
        Holds::Code(12) => restored_basic_code(digits),
        Holds::Code(_) => None,
    }
}

/// The 基本编码 (12 digits, often begun with zeros: `000104002000`) that a number of 9–11 digits
/// was before its leading zeros were dropped, as a number cell or a JSON number drops them.
/// Fewer digits are no 基本编码 a number shortened (its first three digits are the most zeros
/// it starts with).
pub(crate) fn restored_basic_code(digits: &str) -> Option<String> {
    ((SHORTEST_CODE..12).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| format!("{digits:0>12}"))
}

/// Takes the invisible characters from either end of a code cell, as the reader takes a
/// no-break space or a tab: a zero-width space, joiner or word joiner, a BOM
/// ([`is_format_char`]), copied in from a web page after a 实施编码, left a child sheet's rows
/// linked to no item.
fn trim_invisible(text: &mut String) {
    let trimmed = text.trim_matches(|c: char| c.is_whitespace() || is_format_char(c));
    if trimmed.len() != text.len() {
        *text = trimmed.to_owned();
    }
}

/// A code cell of a text table written `'11341700MB…`: the apostrophe some systems put before a
/// code so that Excel keeps it as text, which Excel does not show. Only before a code (letters
/// and digits); the CSV reader has already taken it from before digits alone.
fn text_marked(text: &str) -> Option<&str> {
    text.strip_prefix('\'')
        .filter(|code| !code.is_empty() && code.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// What [`check`] found besides its notices: the item rows (indexes into the sheet's rows) whose
/// code it could not tell back, with the code's element.
pub(super) type Damaged = Vec<(usize, ItemField)>;

/// Marks on `items` (read from `sheet`) the codes [`check`] found damaged past telling
/// ([`crate::model::UnreadLists`]): they are not the platform's codes, and B04 does not judge them.
pub(super) fn mark_damaged(sheet: &Sheet, damaged: &Damaged, items: &mut [Item]) {
    if damaged.is_empty() {
        return;
    }
    for item in items {
        let Some(index) = item
            .provenance
            .row
            .and_then(|row| row.checked_sub(sheet.first_row))
        else {
            continue;
        };
        let start = damaged.partition_point(|&(r, _)| (r as u64) < index);
        for &(_, field) in damaged[start..]
            .iter()
            .take_while(|&&(r, _)| r as u64 == index)
        {
            match field {
                ItemField::Code => item.unread.code = true,
                ItemField::SubjectCode => item.unread.subject_code = true,
                ItemField::BasicCode => item.unread.basic_code = true,
                _ => {}
            }
        }
    }
}

/// One warning per column of `sheet` (header at `header`, columns `cols`) whose phones or codes
/// are numbers that lost digits, or scientific notation. A landline that lost only its leading
/// 0, and a 基本编码 its leading zeros, get them back (the warning says so): the rules then check
/// what the platform publishes, not what the export did to it. Other codes cannot be restored:
/// their rows in an item table are returned ([`Damaged`], sorted), for [`mark_damaged`].
pub(super) fn check(sheet: &mut Sheet, header: usize, cols: &[Col]) -> (Vec<Notice>, Damaged) {
    let mut out = Vec::new();
    let mut lost = Vec::new();
    let text_table = sheet.is_text_table();
    for (c, col) in cols.iter().enumerate() {
        let Some(holds) = holds(col) else { continue };
        if holds != Holds::Phone {
            for row in sheet.rows.iter_mut().skip(header + 1) {
                if let Some(text) = row.get_mut(c) {
                    trim_invisible(text);
                }
            }
        }
        if text_table && holds != Holds::Phone {
            for row in sheet.rows.iter_mut().skip(header + 1) {
                if let Some(text) = row.get_mut(c)
                    && text_marked(text.trim()).is_some()
                {
                    // The code after the apostrophe, in place.
                    let apostrophe = text.len() - text.trim_start().len();
                    text.drain(..=apostrophe);
                    text.truncate(text.trim_end().len());
                }
            }
        }
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
        // Digits only in a CSV's phone or 基本编码 column: a number to Excel, which dropped its
        // leading 0s.
        let digits_only = sheet
            .rows
            .iter()
            .enumerate()
            .skip(header + 1)
            .filter(|(_, row)| text_table && restored(holds, cell(row, c)).is_some())
            .map(|(r, _)| r);
        let mut rows: Vec<usize> = numbers.chain(scientific).chain(digits_only).collect();
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
            } else if let Col::Item(field) = col
                && holds != Holds::Phone
            {
                lost.push((r, *field));
            }
        }
        out.push(notice(
            sheet,
            header,
            (c, col),
            (holds, &example, count),
            &rows,
        ));
    }
    lost.sort_unstable_by_key(|&(r, _)| r);
    (out, lost)
}

/// What becomes of the items of a column's cells that cannot be told back.
fn not_judged(col: &Col) -> String {
    match col {
        Col::Item(field) => code_not_judged(*field).map(|effect| format!("，无法还原：{effect}")),
        _ => None,
    }
    .unwrap_or_else(|| "，检查结果中与它们有关的问题可能是导出造成的".to_owned())
}

/// What becomes of the items whose code element `field` an export damaged past telling
/// ([`crate::model::UnreadLists`]); `None` for an element that is no code.
pub(crate) fn code_not_judged(field: ItemField) -> Option<&'static str> {
    match field {
        ItemField::Code => Some("这些事项的事项编码检查（B04）按“未读取”处理，不扣分"),
        ItemField::SubjectCode => {
            Some("事项编码检查（B04）不拿实施编码与这些实施主体编码比对，不扣分")
        }
        ItemField::BasicCode => Some("事项编码检查（B04）不拿实施编码与这些基本编码比对，不扣分"),
        _ => None,
    }
}

fn notice(
    sheet: &Sheet,
    header: usize,
    (c, col): (usize, &Col),
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
    } else if holds == Holds::Phone && sheet.is_text_table() {
        "是不带区号 0 的纯数字：CSV 文件用 Excel 打开再保存时，Excel 把电话当作数字，去掉了区号开头的 0"
    } else if holds == Holds::Phone {
        "是数字格式：数字不能以 0 开头，区号的 0 已被 Excel 去掉"
    } else if sheet.is_text_table() {
        "是不足 12 位的纯数字：CSV 文件用 Excel 打开再保存时，Excel 把编码当作数字，去掉了开头的 0"
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
            "其中 {count} 个已补回开头的 0 再检查；其余的{what}与平台上公布的不同{}",
            not_judged(col)
        )
    } else {
        format!("这些{what}与平台上公布的不同{}", not_judged(col))
    };
    let fix = if sheet.is_text_table() {
        "请使用平台直接导出的 CSV 文件（不要用 Excel 打开后保存），或导出为 .xlsx 后再检查"
    } else {
        "请在导出或另存时把该列设为文本格式，重新导出后再检查"
    };
    Notice {
        level: NoticeLevel::Warning,
        provenance: sheet.provenance(rows[0]),
        message: format!(
            "{}的「{name}」列有 {} 个单元格{lost}（第 {} 行，如「{example}」）。{effect}；{fix}",
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
        // Excel keeps nine digits at least of a 基本编码 (`0001…`): eight are no 基本编码 it
        // shortened, and are left as written.
        assert_eq!(restored(Holds::Code(12), "12345678"), None);
        assert!(!damaged(Holds::Code(12), "12345678"));
        assert_eq!(
            restored(Holds::Code(12), "110000000").as_deref(),
            Some("000110000000")
        );
    }

    /// A code written `'11341700MB…` is the code; an apostrophe before anything else is kept.
    #[test]
    fn the_text_mark_before_a_code_is_not_the_codes() {
        assert_eq!(
            text_marked("'11341700MB181000583000110000000"),
            Some("11341700MB181000583000110000000")
        );
        for kept in [
            "11341700MB181000583000110000000",
            "'",
            "'食品经营许可",
            "'11341700MB1810005（池州）",
            "''11341700MB18100058",
        ] {
            assert_eq!(text_marked(kept), None, "{kept}");
        }
    }

    /// Should not trip B15 (「监督电话缺少区号」): `0566-12345` typed into a number cell is
    /// `56612345`, the city's hotline after its area code.
    #[test]
    fn the_hotline_after_its_area_code_gets_its_zero_back() {
        assert_eq!(restored_phone("56612345").as_deref(), Some("056612345"));
        assert_eq!(restored_phone("55112345").as_deref(), Some("055112345"));
        assert!(damaged(Holds::Phone, "56612345"));
        // Not the hotline list's (12315), no area code (0640), a three-digit area code, where
        // the digits are as likely a local number without its area code (021-12345 or
        // 211-2345), and an eight-digit local number: kept as written, no warning.
        for other in [
            "56612315", "64012345", "2112345", "1012345", "21234567", "12345",
        ] {
            assert_eq!(restored_phone(other), None, "{other}");
        }
        assert!(!damaged(Holds::Phone, "21234567"));
        assert!(!damaged(Holds::Phone, "2021156"));
    }

    /// Should link (h34, x29): a zero-width space, word joiner or BOM at either end of a code is
    /// no part of it, as a no-break space is not; one inside is kept for B04 to judge.
    #[test]
    fn invisible_characters_at_the_ends_of_a_code_are_not_the_codes() {
        for (typed, code) in [
            (
                "11341700MB1920036Q3000115011000\u{200B}",
                "11341700MB1920036Q3000115011000",
            ),
            ("\u{FEFF}\t000115011000\u{a0}", "000115011000"),
            (
                "\u{2060}11341700MB1920036Q\u{200D}\u{200C}",
                "11341700MB1920036Q",
            ),
            ("1134170\u{200B}0MB1920036Q", "1134170\u{200B}0MB1920036Q"),
        ] {
            let mut text = typed.to_owned();
            trim_invisible(&mut text);
            assert_eq!(text, code, "{typed:?}");
        }
    }

    #[test]
    fn only_a_landline_that_lost_its_zero_is_restored() {
        assert_eq!(restored_phone("5662021156").as_deref(), Some("05662021156"));
        assert_eq!(restored_phone("1065192345").as_deref(), Some("01065192345"));
        assert_eq!(restored_phone("2787654321").as_deref(), Some("02787654321"));
        assert_eq!(
            restored_phone("57188889999").as_deref(),
            Some("057188889999")
        );
        for intact in [
            "13905661234",
            "19856612345",
            "4006789123",
            "8008208820",
            "05662021156",
            "2021156",
            "566-2021156",
        ] {
            assert_eq!(restored_phone(intact), None, "{intact}");
        }
        // Not a landline with its 0 gone: 0640 and 0123 are no area codes, 0566 takes a 7- or
        // 8-digit number (not 5 or 9), 021 an 8-digit one, and no local number starts with 1.
        for other in [
            "6402021156",
            "1234567890",
            "56620211",
            "566202115678",
            "211234567",
            "5661234567",
            "2112345678",
        ] {
            assert_eq!(restored_phone(other), None, "{other}");
        }
        assert!(!damaged(Holds::Phone, "4006789123"));
        assert!(damaged(Holds::Phone, "5662021156"));
    }
}
