//! Long numbers as their cell's number format shows them. A clerk who types `05662021156` into a
//! number cell and formats it `0000-0000000` sees `0566-2021156`, and a 基本编码 formatted
//! `000000000000` shows `000117035000`: the workbook keeps the bare number, but what the clerk
//! published (and the platform shows) is the text the format makes. Only formats made of zero
//! placeholders and literal characters are read so (`0000-0000000`, `"0566-"0000000`,
//! `000000000000`); any other (`General`, `#,##0`, dates, several sections) leaves the number as
//! it is, and `sheet::numbers` says what Excel did to it.

use std::io::{Read, Seek};

use calamine::Xlsx;

/// Significant digits Excel keeps: a longer number was rounded, whatever its format shows.
const EXCEL_DIGITS: usize = 15;

/// Rewrites the long numbers of a sheet (`long_numbers`: 0-based spreadsheet row and column,
/// into `rows`) whose cells have a zero-padded format into the text the format shows, and takes
/// them out of `long_numbers`: they are the text the clerk sees, not a number Excel damaged.
pub(super) fn read_as_shown<RS: Read + Seek>(
    xlsx: &mut Xlsx<RS>,
    name: &str,
    rows: &mut [Vec<String>],
    long_numbers: &mut Vec<(usize, usize)>,
) {
    if long_numbers.is_empty() {
        return;
    }
    let Ok(styles) = xlsx.worksheet_style(name) else {
        return;
    };
    long_numbers.retain(|&(r, c)| {
        let (Ok(row), Ok(col)) = (u32::try_from(r), u32::try_from(c)) else {
            return true;
        };
        let Some(format) = styles
            .get((row, col))
            .and_then(|s| s.number_format.as_ref())
        else {
            return true;
        };
        let Some(cell) = rows.get_mut(r).and_then(|row| row.get_mut(c)) else {
            return true;
        };
        match shown(&format.format_code, cell) {
            Some(text) if text != *cell => {
                *cell = text;
                false
            }
            _ => true,
        }
    });
}

/// The text a format of zero placeholders and literals (`0000-0000000`) shows for a whole number
/// written in `digits`: the digits padded with zeros to the placeholders, the extra ones, if any,
/// going to the first, as Excel does. `None` for any other format, or a number that is not a
/// whole one of at most 15 digits.
pub(super) fn shown(format: &str, digits: &str) -> Option<String> {
    if digits.is_empty()
        || digits.len() > EXCEL_DIGITS
        || !digits.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    // The format's pieces: placeholders (`None`) and literal text.
    let mut pieces: Vec<Option<String>> = Vec::new();
    let mut chars = format.chars();
    while let Some(ch) = chars.next() {
        match ch {
            '0' => pieces.push(None),
            '"' => {
                let literal: String = chars.by_ref().take_while(|&q| q != '"').collect();
                pieces.push(Some(literal));
            }
            '\\' => pieces.push(Some(chars.next()?.to_string())),
            '-' | ' ' | '(' | ')' | '/' | '+' => pieces.push(Some(ch.to_string())),
            _ => return None,
        }
    }
    let zeros = pieces.iter().filter(|p| p.is_none()).count();
    if zeros == 0 {
        return None;
    }
    let padded = format!("{digits:0>zeros$}");
    // The first placeholder takes the digits past the placeholders' count.
    let extra = padded.len() - zeros;
    let placeholder_one = pieces.iter().position(Option::is_none)?;
    let mut next = padded.chars();
    let mut text = String::new();
    for (i, piece) in pieces.into_iter().enumerate() {
        if let Some(literal) = piece {
            text.push_str(&literal);
        } else {
            let first = i == placeholder_one;
            text.extend(next.by_ref().take(if first { extra + 1 } else { 1 }));
        }
    }
    Some(text)
}

#[cfg(test)]
mod tests {
    use super::shown;

    /// Should not trip B04/B14 (h34, x23): a phone or a 基本编码 in a number cell formatted to show
    /// its leading zeros is the text Excel shows.
    #[test]
    fn a_zero_padded_format_shows_the_leading_zeros() {
        for (format, digits, want) in [
            ("0000-0000000", "5662021156", "0566-2021156"),
            ("0000-00000", "56612345", "0566-12345"),
            ("000000000000", "117035000", "000117035000"),
            ("\"0566-\"0000000", "2021156", "0566-2021156"),
            ("\\(0000\\)0000000", "5662021156", "(0566)2021156"),
            // More digits than placeholders: the first takes them, as Excel shows it.
            ("000-0000", "56620211", "5662-0211"),
            ("0", "13905661234", "13905661234"),
        ] {
            assert_eq!(
                shown(format, digits).as_deref(),
                Some(want),
                "{format} {digits}"
            );
        }
    }

    /// Any other format, or a number Excel rounded (past 15 digits), is left as it is.
    #[test]
    fn other_formats_and_rounded_numbers_are_not_read_so() {
        for format in [
            "General",
            "#,##0",
            "0.00",
            "yyyy-mm-dd",
            "0;-0",
            "@",
            "[Red]0",
            "0E+00",
            "",
        ] {
            assert_eq!(shown(format, "5662021156"), None, "{format}");
        }
        assert_eq!(
            shown("000000000000", "1134170000312540000000000000000"),
            None
        );
        assert_eq!(shown("000000000000", "1.13417E+30"), None);
    }
}
