//! Answers typed over the columns the tool wrote (问题描述, 原文, 状态) instead of into 整改情况,
//! told apart from those cells as written, reworded by a newer build, or converted by Excel.

use super::rows::Columns;
use crate::report::fixlist::{description, shown_evidence, unguard};
use crate::score::table::cell;

/// The 状态 cells a nightly list is written with (`未整改（3天）`, `已豁免（至 2026-12-31）`).
const STATUS_WORDS: [&str; 5] = ["新增", "未整改", "已豁免", "已整改", "已移除"];

/// Text a clerk typed over a column the tool wrote (问题描述, 原文, 状态) instead of into
/// 整改情况: the column's name and the text, for each such column of the row answering `f`
/// under its own 指纹 (`same`: not a finding found again under another one, whose 原文 changed).
/// A cell left as written, or emptied, is none, and so is one Excel or WPS turned into a number
/// or a date when the clerk opened the list ([`converted`]); so is a 问题描述 that shares most of its text with
/// the tool's (a message reworded by a newer build: the 指纹 does not change with it). Text added
/// after the cell's own is taken alone.
pub(super) fn typed_over(
    cells: &[String],
    cols: &Columns,
    f: &crate::model::Finding,
    same: bool,
) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    if !same {
        return out;
    }
    let bare = |s: &str| -> String { s.chars().filter(|c| !c.is_whitespace()).collect() };
    for (col, what, written, reworded) in [
        (
            cols.text,
            "问题描述",
            crate::report::fixlist::cell(&description(f)),
            true,
        ),
        (
            cols.evidence,
            "原文",
            crate::report::fixlist::cell(&shown_evidence(&f.evidence)),
            false,
        ),
    ] {
        let typed = unguard(cell(cells, col)).trim();
        let (t, w) = (bare(typed), bare(unguard(&written)));
        if typed.is_empty() || t == w || converted(&t, &w) {
            continue;
        }
        if let Some(added) = t.strip_prefix(w.as_str()) {
            // A full stop added is no answer.
            if added.chars().any(char::is_alphanumeric) {
                out.push((what, added.to_owned()));
            }
        } else if !(reworded && mostly_shared(&t, &w)) {
            out.push((what, typed.to_owned()));
        }
    }
    let status = unguard(cell(cells, cols.status)).trim();
    let as_written = |w: &&str| {
        status.strip_prefix(w).is_some_and(|rest| {
            rest.is_empty()
                || rest.starts_with('（') && rest.ends_with('）') && !rest.contains('，')
        })
    };
    if !status.is_empty() && !STATUS_WORDS.iter().any(as_written) {
        out.push(("状态", status.to_owned()));
    }
    out
}

/// Whether `typed` reads as `written` reworded: of about its length (two thirds to one and a
/// half), most two-character pieces of it in `written`. An answer quoting the text it fixed is
/// shorter than the message around that text.
fn mostly_shared(typed: &str, written: &str) -> bool {
    let (n, m) = (typed.chars().count(), written.chars().count());
    if n * 3 < m * 2 || n * 2 > m * 3 {
        return false;
    }
    let pairs = |s: &str| -> Vec<(char, char)> {
        let c: Vec<char> = s.chars().collect();
        c.windows(2).map(|w| (w[0], w[1])).collect()
    };
    let (t, w) = (pairs(typed), pairs(written));
    if t.is_empty() {
        return false;
    }
    let shared = t.iter().filter(|p| w.contains(p)).count();
    shared * 2 > t.len()
}

/// Whether `typed` is `written` as Excel or WPS stores it after 「转换为数字」 or reading it as a
/// date: a long code `1134170000312541503002017004000` becomes `1.13417E+30` (kept to 15
/// significant digits, read back as `1134170000312540000000000000000`), `0566123` becomes
/// `566123`, `50%` becomes `0.5`, `2026年12月1日` or `12月1日` becomes `2026-12-01`, `9:00`
/// becomes `09:00`. Both without spaces.
pub(super) fn converted(typed: &str, written: &str) -> bool {
    same_number(typed, written) || same_date(typed, written)
}

/// A number as Excel reads one typed into a cell, and how many significant digits its text has.
fn number(s: &str) -> Option<(f64, usize)> {
    let (s, percent) = match s.strip_suffix('%') {
        Some(s) => (s, true),
        None => (s, false),
    };
    if !s.bytes().any(|b| b.is_ascii_digit())
        || !s
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'+' | b'-'))
    {
        return None;
    }
    let v: f64 = s.parse().ok()?;
    let mantissa = s.split(['e', 'E']).next().unwrap_or("");
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let significant = digits.trim_start_matches('0').trim_end_matches('0').len();
    Some((if percent { v / 100.0 } else { v }, significant))
}

/// The same number, or `written` rounded as Excel rounds it: to the digits `typed` shows, when
/// `written` has more than the 15 digits Excel keeps or `typed` is how Excel shows a long number
/// (`1.13417E+30`). A number changed by the clerk (`2.4` to `2`) is not the same.
#[allow(clippy::float_cmp)] // the same digits read twice compare exactly
fn same_number(typed: &str, written: &str) -> bool {
    let (Some((t, t_digits)), Some((w, w_digits))) = (number(typed), number(written)) else {
        return false;
    };
    if t == w {
        return true;
    }
    let rounded = w_digits > 15 || typed.contains(['e', 'E']);
    if !rounded || t == 0.0 || t_digits == 0 || t_digits >= w_digits {
        return false;
    }
    #[allow(clippy::cast_possible_wrap)]
    let unit = 10f64.powi(t.abs().log10().floor() as i32 + 1 - t_digits as i32);
    (t - w).abs() <= unit * 0.5 * (1.0 + 1e-9)
}

/// A date or a time as clerks write them: `(year, month, day)` (no year: `12月1日`, `12-1`) or
/// `(hour, minute, second)`.
#[derive(Debug, PartialEq, Eq)]
enum When {
    Date(Option<u32>, u32, u32),
    Time(u32, u32, u32),
}

fn when(s: &str) -> Option<When> {
    let parts = |s: &str, seps: &[char]| -> Option<Vec<u32>> {
        let p: Vec<&str> = s.split(seps).collect();
        if p.iter()
            .any(|x| x.is_empty() || !x.bytes().all(|b| b.is_ascii_digit()))
        {
            return None;
        }
        p.iter().map(|x| x.parse().ok()).collect()
    };
    let date = |y: Option<u32>, m: u32, d: u32| {
        ((1..=12).contains(&m)
            && (1..=31).contains(&d)
            && y.is_none_or(|y| (1900..=9999).contains(&y)))
        .then_some(When::Date(y, m, d))
    };
    if let Some(rest) = s.strip_suffix('日').or_else(|| s.strip_suffix('号')) {
        return match *parts(rest, &['年', '月'])?.as_slice() {
            [y, m, d] if s.contains('年') => date(Some(y), m, d),
            [m, d] if !s.contains('年') => date(None, m, d),
            _ => None,
        };
    }
    if let Some(rest) = s.strip_suffix('月') {
        return match *parts(rest, &['年'])?.as_slice() {
            [y, m] => date(Some(y), m, 1),
            _ => None,
        };
    }
    if s.contains(':') {
        return match *parts(s, &[':'])?.as_slice() {
            [h, m] if h < 24 && m < 60 => Some(When::Time(h, m, 0)),
            [h, m, sec] if h < 24 && m < 60 && sec < 60 => Some(When::Time(h, m, sec)),
            _ => None,
        };
    }
    let p = parts(s, &['-', '/', '.'])?;
    match *p.as_slice() {
        [y, m, d] if y >= 1900 => date(Some(y), m, d),
        [y, m] if y >= 1900 && !s.contains('.') => date(Some(y), m, 1),
        [m, d] if !s.contains('.') => date(None, m, d),
        _ => None,
    }
}

/// The date or time `written` is, as the reader shows a date cell (`2026-12-01`, `09:00`); a
/// date written without a year is the same on any year.
fn same_date(typed: &str, written: &str) -> bool {
    let (Some(t), Some(w)) = (reader_when(typed), when(written)) else {
        return false;
    };
    match (t, w) {
        (When::Date(ty, tm, td), When::Date(wy, wm, wd)) => {
            (tm, td) == (wm, wd) && wy.is_none_or(|wy| ty == Some(wy))
        }
        (t, w) => t == w,
    }
}

/// A date cell as the reader shows it: `2026-12-01` or `09:00[:00]`.
fn reader_when(s: &str) -> Option<When> {
    let b = s.as_bytes();
    if b.len() == 10 && b[4] == b'-' && b[7] == b'-' {
        return when(s);
    }
    if (b.len() == 5 || b.len() == 8) && b[2] == b':' {
        return when(s);
    }
    None
}
