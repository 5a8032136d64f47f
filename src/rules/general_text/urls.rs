//! URLs in published text, found whole: with a file name's brackets and spaces, without the note
//! after them. Their form is checked in `url_check`.

#[allow(clippy::wildcard_imports)]
use super::*;

pub(super) static URL_CANDIDATE: LazyLock<Regex> = LazyLock::new(|| {
    let stop = r#"[^\s,;"'<>《》()\[\]{}，；、。！？“”‘’（）【】]"#;
    Regex::new(&format!(
        r"(?i)(?:(?-u:\b)(?:(?:https?|htps?|ttps?|hhttps?)\s*(?:[:：]\s*[/／\\]{{1,3}}|[/／]{{2}})|(?:ftp|file)[:：][/\\]{{1,3}}){stop}*|(?-u:\b)www[.。]{stop}+|(?-u:\b)[a-z]:\\{stop}+|\\\\{stop}+)"
    ))
    .expect("URL candidate pattern")
});

/// Every piece of `text` that is, or was meant to be, a link: `http(s)://…`, mistyped schemes
/// (`htp://`, `http//`, `http：//`), `www.…` without a scheme, and local paths (`C:\…`, `\\server`).
/// Trailing sentence punctuation is not part of a link.
pub fn find_urls(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_url(text, |link| out.push(link.to_owned()));
    out
}

/// [`find_urls`] without copying: calls `f` with each link, in order, as a slice of `text`.
pub fn for_each_url<'a>(text: &'a str, mut f: impl FnMut(&'a str)) {
    let mut at = 0;
    // The usual attachment field starts with its link (`http://…/申请表（示例）.docx`): that first
    // match is found without the regex (and without looking for a scheme, which it has), which
    // then searches only what follows, if anything there may hold a link.
    if let Some(end) = leading_link_end(text) {
        let end = link_with_file_name_end(text, 0, end);
        if let Some(link) = trimmed_link(&text[..end]) {
            f(link);
        }
        at = end;
    }
    if !may_hold_url(&text[at..]) {
        return;
    }
    while let Some(m) = URL_CANDIDATE.find_at(text, at) {
        let end = link_with_file_name_end(text, m.start(), m.end());
        if let Some(link) = trimmed_link(&text[m.start()..end]) {
            f(link);
        }
        // Every match holds at least a scheme or `www`: never empty, so the search moves on.
        at = end;
    }
}

/// Where a link that [`URL_CANDIDATE`] (or [`leading_link_end`]) ends at `end` really ends, in a
/// text where it starts at `start`: the pattern stops at brackets and spaces, which file names
/// hold. A bracketed group followed by more of the name (`…/申请书（样表）.docx`,
/// `…/申请书(2024版)_v2.doc`) is part of the link, and so is the rest of a file name with spaces
/// ([`spaced_file_name_len`]). A group or words after the name are a note beside it
/// (`…/a.docx（请用WPS打开）`, `见（http://…/a.docx）`) and are not.
pub(super) fn link_with_file_name_end(text: &str, start: usize, mut end: usize) -> usize {
    // Most links end the text or are followed by a character that is neither `(`, `（`
    // (`EF BC 88`), a space nor the ideographic space (`E3 80 80`): one byte says so.
    loop {
        match text.as_bytes().get(end) {
            Some(b'(' | 0xEF) => match bracket_group_len(&text[end..]) {
                Some(group) => {
                    let after = end + group;
                    match text[after..].chars().next() {
                        Some(c) if continues_file_name(c) => end = after + link_end(&text[after..]),
                        // `…/申请书（空表） 2024.pdf`: the group, then the rest of a spaced name.
                        Some(' ' | '\u{3000}') => {
                            return spaced_file_name_len(&text[start..after], &text[after..])
                                .map_or(end, |rest| after + rest);
                        }
                        _ => return end,
                    }
                }
                None => return end,
            },
            Some(b' ' | 0xE3) => {
                return end + spaced_file_name_len(&text[start..end], &text[end..]).unwrap_or(0);
            }
            _ => return end,
        }
    }
}

/// The length of the bracketed group that `rest` starts with (`（样表）`, `(2024版)`): it holds
/// no character that ends a link but its brackets, and at most 30 characters. Whether it is part
/// of the link depends on what follows it ([`continues_file_name`]).
pub(super) fn bracket_group_len(rest: &str) -> Option<usize> {
    let mut chars = rest.char_indices();
    let (_, open) = chars.next()?;
    let close = match open {
        '(' => ')',
        '（' => '）',
        _ => return None,
    };
    for (i, c) in chars.take(31) {
        if c == close {
            return Some(i + c.len_utf8());
        }
        if ends_link(c) {
            return None;
        }
    }
    None
}

/// Whether a character right after a bracketed group goes on with the link's file name: `.`,
/// `_`, `-`, `/` or an ASCII letter or digit (`.docx`), not words, punctuation or the end (the
/// group is then a note beside the link).
pub(super) fn continues_file_name(c: char) -> bool {
    matches!(c, '.' | '_' | '-' | '/') || c.is_ascii_alphanumeric()
}

/// A link's end as a sentence leaves it: a bracketed group at its end is a note beside it
/// (`…/a.docx（请用WPS打开）`), a closing bracket without its opening one closes the text around
/// it (`（见 http://…/a.docx）`), and trailing punctuation ends the sentence. A group inside the
/// link, followed by more of it (`…/申请书（样表）.docx`), stays.
pub fn link_without_trailing_note(raw: &str) -> &str {
    let mut url = raw;
    loop {
        let trimmed = url.trim_end_matches(['.', ',', ';', ':', '!', '?']);
        let Some(close) = trimmed
            .chars()
            .next_back()
            .filter(|c| matches!(c, ')' | '）'))
        else {
            return trimmed;
        };
        let body = &trimmed[..trimmed.len() - close.len_utf8()];
        // The opening bracket of the last group, if the link holds it.
        let mut depth = 0usize;
        let mut open = None;
        for (i, c) in body.char_indices().rev() {
            match c {
                ')' | '）' => depth += 1,
                '(' | '（' if depth == 0 => {
                    open = Some(i);
                    break;
                }
                '(' | '（' => depth -= 1,
                _ => {}
            }
        }
        url = &body[..open.unwrap_or(body.len())];
    }
}

/// How many bytes of `after` (the text right after a link) still belong to it: a file name with
/// spaces (`…/就业困难人员认定申请表 (2024版).docx`), which a link's pattern cuts at the first
/// space. Only when the link's last segment has no extension and no query, and the text up to the
/// end of the line (or the next link) is the rest of a file name ending with a document
/// extension; a note after the link (`…/a.docx （请用WPS打开）`, `…/download?id=3 申请表.docx`) is
/// not joined. `links` reads links to fetch them the same way.
pub fn spaced_file_name_len(link: &str, after: &str) -> Option<usize> {
    static NAME_END: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\.(?:docx?|xlsx?|wps|et|pdf|ofd|odt|ods|rtf|jpe?g|png|zip|rar)$")
            .expect("valid regex")
    });
    if !after.starts_with([' ', '\u{3000}']) || link.contains(['?', '#']) {
        return None;
    }
    let last = link.rsplit('/').next().unwrap_or_default();
    if last.is_empty() || last.contains('.') || link.matches('/').count() < 3 {
        return None;
    }
    let line = after.split(['\n', '\r']).next().unwrap_or_default();
    let line = line
        .find("http://")
        .into_iter()
        .chain(line.find("https://"))
        .min()
        .map_or(line, |i| &line[..i]);
    let tail = link_without_trailing_note(line.trim_end());
    let bad = |c: char| {
        matches!(
            c,
            '"' | '\'' | '<' | '>' | '，' | '。' | '；' | '、' | '【' | '】' | '|' | '{' | '}'
        )
    };
    (NAME_END.is_match(tail) && !tail.contains(bad) && !tail.trim().is_empty())
        .then_some(tail.len())
}

/// A match of [`URL_CANDIDATE`] as [`find_urls`] returns it: without trailing sentence
/// punctuation, and only if more than four characters are left.
pub(super) fn trimmed_link(m: &str) -> Option<&str> {
    let s = m.trim_end_matches(['.', '。', ':', '：', '!', '！', '?', '？']);
    // More than 16 bytes are more than four characters (four bytes at most each).
    (s.len() > 16 || s.chars().count() > 4).then_some(s)
}

/// Where the first match of [`URL_CANDIDATE`] ends in a text that starts with `http://` or
/// `https://` (any ASCII case): the scheme alternative matches at the start and its greedy tail
/// takes every character up to the first that [`ends_link`].
pub(super) fn leading_link_end(text: &str) -> Option<usize> {
    http_scheme_len(text.as_bytes())?;
    Some(link_end(text))
}

/// 7 for a text that starts with `http://`, 8 for `https://` (any ASCII case), `None` for any
/// other: its first eight bytes compared at once, the letters folded to lower case with `| 0x20`
/// (which maps no byte but a letter's upper case to a lower-case letter).
pub(super) fn http_scheme_len(b: &[u8]) -> Option<usize> {
    // Fixed-size reads (a copy of `min(len, 8)` bytes was a `memcpy` call on every element).
    let w = if let Some(head) = b.first_chunk::<8>() {
        u64::from_le_bytes(*head)
    } else if let Some(head) = b.first_chunk::<7>() {
        let mut padded = [0u8; 8];
        padded[..7].copy_from_slice(head);
        u64::from_le_bytes(padded)
    } else {
        return None;
    };
    if w | 0x20_2020_2020 == u64::from_le_bytes(*b"https://") {
        Some(8)
    } else if (w | 0x2020_2020) & 0x00FF_FFFF_FFFF_FFFF == u64::from_le_bytes(*b"http://\0") {
        Some(7)
    } else {
        None
    }
}

/// Where the first character that [`ends_link`] is, or the text's length: a byte scan that
/// decodes only characters whose first byte may start one — ASCII, or `C2`, `E1`, `E2`, `E3`,
/// `EF` (checked for every character by
/// `tests::url_tests::link_enders_start_with_the_scanned_bytes`). Han characters (`E4`–`E9`),
/// which links to named files are full of, are skipped unread.
pub(super) fn link_end(text: &str) -> usize {
    const WINDOW: usize = 16;
    let b = text.as_bytes();
    let mut at = 0;
    while at < b.len() {
        let end = (at + WINDOW).min(b.len());
        // A whole window without a byte that may end a link is skipped at once (the test is
        // branch-free so that it is vectorised); otherwise its bytes are read one by one. The
        // last bytes, fewer than a window, are tested as the window that ends the text (its
        // bytes before `at` are known not to end a link).
        let window = if end - at == WINDOW {
            Some(&b[at..end])
        } else {
            b.len().checked_sub(WINDOW).map(|start| &b[start..])
        };
        if let Some(Ok(window)) = window.map(<&[u8; WINDOW]>::try_from)
            && !window
                .iter()
                .fold(false, |hit, &x| hit | may_end_link_byte(x))
        {
            at = end;
            continue;
        }
        for (i, &x) in b.iter().enumerate().take(end).skip(at) {
            let ends = if x < 0x80 {
                ascii_ends_link(x)
            } else {
                matches!(x, 0xC2 | 0xE1 | 0xE2 | 0xE3 | 0xEF)
                    && text[i..].chars().next().is_some_and(ends_link)
            };
            if ends {
                return i;
            }
        }
        at = end;
    }
    b.len()
}

/// Whether a byte may be the first of a character that [`ends_link`]: a superset of
/// [`ascii_ends_link`] (every byte below `!` instead of the whitespace) and the lead bytes `C2`,
/// `E1`–`E3`, `EF`, tested with `&`, `|` and comparisons only.
#[allow(clippy::needless_bitwise_bool)] // branch-free, see `any_byte_pair`
pub(super) fn may_end_link_byte(x: u8) -> bool {
    (x < 0x21)
        | (x == b',')
        | (x == b';')
        | (x == b'"')
        | (x == b'\'')
        | ((x & 0xFE) == b'(')
        | ((x & 0xFD) == b'<')
        | ((x | 0x20) == b'{')
        | ((x | 0x20) == b'}')
        | (x == 0xC2)
        | (x == 0xEF)
        | (x.wrapping_sub(0xE1) < 3)
}

/// A necessary condition for [`URL_CANDIDATE`] to match, tested on the bytes: every
/// alternative needs `tp` (`http`, `htp`, `ttp`, `ftp`), `ww`, `fi` (`file`) or a backslash, in
/// either case (under `(?i)` these letters fold to nothing outside ASCII). Most element texts
/// have none, and the regex was the cost of G03.
#[allow(clippy::needless_bitwise_bool)] // branch-free, see `any_byte_pair`
pub(super) fn may_hold_url(text: &str) -> bool {
    // `| 0x20` folds ASCII upper case to lower case and maps no other byte to t, p, w, f or i.
    let pred = |x: u8, y: u8| {
        let (x, lower_x, lower_y) = (x, x | 0x20, y | 0x20);
        ((lower_x == b't') & (lower_y == b'p'))
            | ((lower_x == b'w') & (lower_y == b'w'))
            | ((lower_x == b'f') & (lower_y == b'i'))
            | (x == b'\\')
    };
    let b = text.as_bytes();
    let n = b.len();
    if n > URL_PAIR_WINDOW {
        return any_byte_pair(text, pred);
    }
    if n == 0 {
        return false;
    }
    // A short text (most elements, and the empty rest after a link) as `any_byte_pair` pads it
    // — the bytes, then zeros, the last byte paired with 0 — but without a `memcpy` call.
    let padded: [u8; URL_PAIR_WINDOW + 1] = zero_padded(b);
    padded[..URL_PAIR_WINDOW]
        .iter()
        .zip(&padded[1..])
        .fold(false, |hit, (&x, &y)| hit | pred(x, y))
}

/// The texts [`may_hold_url`] tests in one window of pairs (`any_byte_pair`'s window).
pub(super) const URL_PAIR_WINDOW: usize = 16;

/// [`ends_link`] for an ASCII byte, without decoding it: one bit test in [`ASCII_LINK_ENDERS`]
/// (`tests::url_tests::ascii_link_enders` compares the two on every ASCII byte).
pub(super) fn ascii_ends_link(b: u8) -> bool {
    b < 0x80 && (ASCII_LINK_ENDERS >> b) & 1 == 1
}

/// Bit `b` is set for each ASCII byte `b` that [`ends_link`]: the ASCII whitespace and
/// `,;"'<>()[]{}`.
pub(super) const ASCII_LINK_ENDERS: u128 = {
    let enders = b"\t\n\x0B\x0C\r ,;\"'<>()[]{}";
    let mut bits = 0u128;
    let mut i = 0;
    while i < enders.len() {
        bits |= 1 << enders[i];
        i += 1;
    }
    bits
};

/// The characters that end a link in [`URL_CANDIDATE`] (its `stop` class, negated).
pub(super) fn ends_link(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            ',' | ';'
                | '"'
                | '\''
                | '<'
                | '>'
                | '《'
                | '》'
                | '('
                | ')'
                | '['
                | ']'
                | '{'
                | '}'
                | '，'
                | '；'
                | '、'
                | '。'
                | '！'
                | '？'
                | '“'
                | '”'
                | '‘'
                | '’'
                | '（'
                | '）'
                | '【'
                | '】'
        )
}
