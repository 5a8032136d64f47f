//! The guards every untrusted cell goes through: the formula guard and the length bound.

use std::borrow::Cow;

/// Longest cell text written, in characters.
pub const MAX_CELL_CHARS: usize = 8000;

/// What [`bound`] puts at the end of a cut cell.
pub const CUT: &str = "…（已截断）";

/// Guards and bounds one untrusted cell value.
pub fn cell(text: &str) -> String {
    let text = bound(text, MAX_CELL_CHARS);
    guard(&text).into_owned()
}

/// Neutralises text a spreadsheet would read as a formula by prefixing `'` (see module docs).
pub fn guard(text: &str) -> Cow<'_, str> {
    if needs_guard(text) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// Undoes [`guard`] for readers of a returned fix list (e.g. the 复核 read-back): drops a leading
/// `'` only when what follows is something [`guard`] would have guarded.
pub fn unguard(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if needs_guard(rest) => rest,
        _ => cell,
    }
}

/// Whether a spreadsheet could read `text` as a formula (or a DDE payload): it starts with
/// `=`, `+`, `-`, `@`, or a tab, CR or line feed (whitespace a spreadsheet may strip before the
/// formula, as OWASP lists them).
pub fn needs_guard(text: &str) -> bool {
    matches!(
        text.chars().next(),
        Some('=' | '+' | '-' | '@' | '\t' | '\r' | '\n')
    )
}

/// `text` as a CSV cell that Excel and WPS show as written: text they would turn into a number,
/// a date or a time when they open the file is written `="…"`, which they show as the text (and
/// which the tool's CSV reader reads back as the text). That is digits that would lose leading
/// zeros (`05662021234`), or digits past the 15th or show in scientific notation (a 30-digit
/// 实施编码, 12 digits or more), a number with a decimal point or an exponent (the fingerprint
/// `8412e34567890123`), a date (`3-5`, `2026/12/1`) and a time (`9:00`). Shorter plain numbers
/// (`2021234`) are left as they are: Excel shows them unchanged.
pub fn csv_text(text: &str) -> Cow<'_, str> {
    if excel_changes(text.trim()) {
        Cow::Owned(format!("=\"{text}\""))
    } else {
        Cow::Borrowed(text)
    }
}

/// Whether Excel, opening a CSV, would read `t` as a number, date or time it shows otherwise.
fn excel_changes(t: &str) -> bool {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if digits(t) {
        return t.len() >= 12 || (t.len() >= 2 && t.starts_with('0'));
    }
    // A decimal or an exponent: `1.50`, `.5`, `8412e34567890123`, `1E+05`.
    let (mantissa, exponent) = match t.find(['e', 'E']) {
        Some(i) => (&t[..i], Some(&t[i + 1..])),
        None => (t, None),
    };
    let exponent_ok = exponent.is_none_or(|e| digits(e.strip_prefix(['+', '-']).unwrap_or(e)));
    let mantissa_ok = match mantissa.split_once('.') {
        Some((int, frac)) => (int.is_empty() || digits(int)) && digits(frac),
        None => digits(mantissa) && exponent.is_some(),
    };
    if mantissa_ok && exponent_ok {
        return true;
    }
    // A date or a time: 2–3 short runs of digits joined by one kind of separator.
    let parts = |sep: char, longest: usize| {
        let runs: Vec<&str> = t.split(sep).collect();
        (2..=3).contains(&runs.len()) && runs.iter().all(|r| digits(r) && r.len() <= longest)
    };
    parts('-', 4) || parts('/', 4) || parts(':', 2)
}

/// Whether `c` is a control character a text file must not carry: C0 controls but tab, line feed
/// and CR, and DEL (U+007F). The workbooks escape them (`_x0001_`); a NUL in findings.csv or the
/// page is an error to the HTML parser and may cut the cell short in other readers.
pub fn is_stray_control(c: char) -> bool {
    matches!(c, '\0'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{7F}')
}

/// `text` with its stray control characters ([`is_stray_control`]) replaced by `�`, visibly, as
/// the terminal shows them: findings.csv and the page.
pub fn visible_controls(text: &str) -> Cow<'_, str> {
    if text.contains(is_stray_control) {
        Cow::Owned(
            text.chars()
                .map(|c| if is_stray_control(c) { '\u{FFFD}' } else { c })
                .collect(),
        )
    } else {
        Cow::Borrowed(text)
    }
}

/// Cuts `text` to at most `max` characters, marking the cut.
pub fn bound(text: &str, max: usize) -> Cow<'_, str> {
    if text.char_indices().nth(max).is_none() {
        return Cow::Borrowed(text);
    }
    let keep = max.saturating_sub(CUT.chars().count());
    let end = text.char_indices().nth(keep).map_or(text.len(), |(i, _)| i);
    Cow::Owned(format!("{}{CUT}", &text[..end]))
}

/// Display width in spreadsheet columns: CJK and full-width characters count double.
pub fn display_width(text: &str) -> usize {
    text.chars().map(|c| if is_wide(c) { 2 } else { 1 }).sum()
}

fn is_wide(c: char) -> bool {
    matches!(u32::from(c),
        0x1100..=0x115F
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x2_0000..=0x3_FFFD)
}
