//! Text helpers shared by the material, process, fee, intermediary, FAQ and general rules: finding
//! listed words with legitimate phrases masked out, finding and checking URLs, detecting a named
//! law or document and a cited article, and the similarity of two short texts. All are pure and
//! never panic on any input (see `tests/proptest_rest_parsers.rs`).
//!
//! Not here: phone numbers (`model::phone`), time limits (`model::time_limit`), mojibake
//! (`model::text::find_mojibake`).

use std::borrow::Cow;
use std::sync::LazyLock;
use std::sync::atomic::{AtomicU8, Ordering};

use aho_corasick::AhoCorasick;
use regex::Regex;

use crate::model::text::{any_byte_pair, to_halfwidth, trim, zero_padded};

/// A character no published text contains, used to mask phrases before searching.
const MASK: char = '\u{2588}';

/// Replaces every occurrence of the `exceptions` in `text` by mask characters, so that a listed
/// word inside a legitimate phrase is not found. Longer phrases are masked first.
///
/// Sorts the phrases on every call: rules that run per item use [`MaskPhrases`], prepared once.
pub fn mask_phrases(text: &str, exceptions: &[String]) -> String {
    let mut out = text.to_owned();
    let mut sorted: Vec<&String> = exceptions.iter().filter(|e| !e.is_empty()).collect();
    sorted.sort_by_key(|e| std::cmp::Reverse(e.chars().count()));
    for e in sorted {
        if out.contains(e.as_str()) {
            let mask: String = std::iter::repeat_n(MASK, e.chars().count()).collect();
            out = out.replace(e.as_str(), &mask);
        }
    }
    out
}

/// The first of `words` (in list order) found in `text` once the `exceptions` are masked.
///
/// Prepares the lists on every call: rules that run per item use [`ListedWords`].
pub fn first_listed_word<'w>(
    text: &str,
    words: &'w [String],
    exceptions: &[String],
) -> Option<&'w str> {
    let masked = mask_phrases(text, exceptions);
    words
        .iter()
        .filter(|w| !w.is_empty())
        .find(|w| masked.contains(w.as_str()))
        .map(String::as_str)
}

/// Whether any of `words` occurs in `text`.
pub fn contains_any(text: &str, words: &[String]) -> bool {
    words
        .iter()
        .any(|w| !w.is_empty() && text.contains(w.as_str()))
}

/// [`contains_any`] prepared once per run: one automaton over the words, one pass over a text.
#[derive(Debug, Clone)]
pub struct AnyWord(Option<AhoCorasick>);

impl AnyWord {
    /// Prepares the words (empty words are never found, as in [`contains_any`]).
    pub fn new<'a>(words: impl IntoIterator<Item = &'a String>) -> Self {
        let words: Vec<&str> = words
            .into_iter()
            .filter(|w| !w.is_empty())
            .map(String::as_str)
            .collect();
        Self((!words.is_empty()).then(|| {
            AhoCorasick::new(words).expect("a word list of configuration size fits an automaton")
        }))
    }

    /// Whether any of the words occurs in `text`: the same answer as [`contains_any`].
    pub fn is_in(&self, text: &str) -> bool {
        self.0.as_ref().is_some_and(|ac| ac.is_match(text))
    }
}

/// Whether a text can hold an entry of a list (a phrase to mask, a listed word) once masked.
#[derive(Debug, Clone)]
enum MaskedPrefilter {
    /// One pass over the text tells. Exact because masking only turns characters into [`MASK`]:
    /// an entry without that character found in a masked text is also in the text itself.
    Words(AnyWord),
    /// An entry holds [`MASK`] itself, so masking could create it: every text is tried.
    Always,
}

impl MaskedPrefilter {
    fn new<'a>(entries: impl IntoIterator<Item = &'a String> + Clone) -> Self {
        if entries.clone().into_iter().any(|e| e.contains(MASK)) {
            Self::Always
        } else {
            Self::Words(AnyWord::new(entries))
        }
    }

    fn may_hold(&self, text: &str) -> bool {
        match self {
            Self::Words(words) => words.is_in(text),
            Self::Always => true,
        }
    }
}

/// [`mask_phrases`] prepared once per run: the phrases sorted longest first, each with its mask,
/// and one pass that tells whether a text holds any of them at all (most hold none and are
/// returned as they are, without a copy).
#[derive(Debug, Clone)]
pub struct MaskPhrases {
    /// Non-empty phrases, longest (in characters) first, list order among equals; with the mask.
    sorted: Vec<(String, String)>,
    prefilter: MaskedPrefilter,
}

impl MaskPhrases {
    /// Prepares the phrases (`material_name_exceptions`, …).
    pub fn new(exceptions: &[String]) -> Self {
        let mut sorted: Vec<&String> = exceptions.iter().filter(|e| !e.is_empty()).collect();
        sorted.sort_by_key(|e| std::cmp::Reverse(e.chars().count()));
        Self {
            prefilter: MaskedPrefilter::new(sorted.iter().copied()),
            sorted: sorted
                .into_iter()
                .map(|e| {
                    let mask = std::iter::repeat_n(MASK, e.chars().count()).collect();
                    (e.clone(), mask)
                })
                .collect(),
        }
    }

    /// The same text as [`mask_phrases`] gives, borrowed when nothing is masked.
    pub fn mask<'t>(&self, text: &'t str) -> Cow<'t, str> {
        let mut out = Cow::Borrowed(text);
        if !self.prefilter.may_hold(text) {
            return out;
        }
        for (phrase, mask) in &self.sorted {
            if out.contains(phrase.as_str()) {
                out = Cow::Owned(out.replace(phrase.as_str(), mask));
            }
        }
        out
    }
}

/// A word list prepared once per run for [`first_listed_word`]'s question: one pass finds whether
/// the text holds any listed word at all; only then are the phrases masked and the words tried in
/// list order.
#[derive(Debug, Clone)]
pub struct ListedWords {
    /// Non-empty words, in list order.
    words: Vec<String>,
    prefilter: MaskedPrefilter,
}

impl ListedWords {
    /// Prepares the words (`material_medium_words`, …).
    pub fn new(words: &[String]) -> Self {
        let words: Vec<String> = words.iter().filter(|w| !w.is_empty()).cloned().collect();
        Self {
            prefilter: MaskedPrefilter::new(&words),
            words,
        }
    }

    /// The first word (in list order) found in `text` once the `exceptions` are masked: the same
    /// answer as [`first_listed_word`].
    pub fn first_in(&self, text: &str, exceptions: &MaskPhrases) -> Option<&str> {
        if !self.prefilter.may_hold(text) {
            return None;
        }
        let masked = exceptions.mask(text);
        self.words
            .iter()
            .find(|w| masked.contains(w.as_str()))
            .map(String::as_str)
    }

    /// Every stretch of `text` that the words cover once the `exceptions` are masked, in text
    /// order, each different stretch once: overlapping words make one stretch (`其他相关材料` for
    /// 其他相关 and 相关材料, `复印件` for 复印 and 复印件), words that only touch stay apart
    /// (`原件复印件` gives 原件 and 复印件). Empty exactly when [`first_in`](Self::first_in)
    /// finds nothing. For a finding that names all it has to name at once.
    pub fn runs_in(&self, text: &str, exceptions: &MaskPhrases) -> Vec<String> {
        if !self.prefilter.may_hold(text) {
            return Vec::new();
        }
        let masked = exceptions.mask(text);
        let mut spans: Vec<(usize, usize)> = Vec::new();
        for w in &self.words {
            // Every occurrence, overlapping ones too (`match_indices` skips them).
            let mut from = 0;
            while let Some(i) = masked[from..].find(w.as_str()) {
                let start = from + i;
                spans.push((start, start + w.len()));
                from = start + masked[start..].chars().next().map_or(1, char::len_utf8);
            }
        }
        spans.sort_unstable();
        let mut runs: Vec<String> = Vec::new();
        let mut current: Option<(usize, usize)> = None;
        let mut close = |(start, end): (usize, usize)| {
            let run = &masked[start..end];
            if !runs.iter().any(|r| r == run) {
                runs.push(run.to_owned());
            }
        };
        for (start, end) in spans {
            match &mut current {
                Some((_, cur_end)) if start < *cur_end => *cur_end = (*cur_end).max(end),
                _ => {
                    if let Some(span) = current.replace((start, end)) {
                        close(span);
                    }
                }
            }
        }
        if let Some(span) = current {
            close(span);
        }
        runs
    }
}

/// Placeholders that refer elsewhere instead of saying something.
pub fn is_referral(text: &str) -> bool {
    let t = text.trim();
    matches!(
        t,
        "详见附件" | "见附件" | "见上" | "同上" | "略" | "待定" | "待补充" | "详见" | "见下"
    ) || (t.starts_with("详见") && t.chars().count() <= 12)
}

// ---------------------------------------------------------------------------------------------
// URLs

static URL_CANDIDATE: LazyLock<Regex> = LazyLock::new(|| {
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
fn link_with_file_name_end(text: &str, start: usize, mut end: usize) -> usize {
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
fn bracket_group_len(rest: &str) -> Option<usize> {
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
fn continues_file_name(c: char) -> bool {
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
fn trimmed_link(m: &str) -> Option<&str> {
    let s = m.trim_end_matches(['.', '。', ':', '：', '!', '！', '?', '？']);
    // More than 16 bytes are more than four characters (four bytes at most each).
    (s.len() > 16 || s.chars().count() > 4).then_some(s)
}

/// Where the first match of [`URL_CANDIDATE`] ends in a text that starts with `http://` or
/// `https://` (any ASCII case): the scheme alternative matches at the start and its greedy tail
/// takes every character up to the first that [`ends_link`].
fn leading_link_end(text: &str) -> Option<usize> {
    http_scheme_len(text.as_bytes())?;
    Some(link_end(text))
}

/// 7 for a text that starts with `http://`, 8 for `https://` (any ASCII case), `None` for any
/// other: its first eight bytes compared at once, the letters folded to lower case with `| 0x20`
/// (which maps no byte but a letter's upper case to a lower-case letter).
fn http_scheme_len(b: &[u8]) -> Option<usize> {
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
/// `EF` (checked for every character by `tests::link_enders_start_with_the_scanned_bytes`).
/// Han characters (`E4`–`E9`), which links to named files are full of, are skipped unread.
fn link_end(text: &str) -> usize {
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
fn may_end_link_byte(x: u8) -> bool {
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
fn may_hold_url(text: &str) -> bool {
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
const URL_PAIR_WINDOW: usize = 16;

/// [`ends_link`] for an ASCII byte, without decoding it: one bit test in [`ASCII_LINK_ENDERS`]
/// (`tests::ascii_link_enders` compares the two on every ASCII byte).
fn ascii_ends_link(b: u8) -> bool {
    b < 0x80 && (ASCII_LINK_ENDERS >> b) & 1 == 1
}

/// Bit `b` is set for each ASCII byte `b` that [`ends_link`]: the ASCII whitespace and
/// `,;"'<>()[]{}`.
const ASCII_LINK_ENDERS: u128 = {
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
fn ends_link(c: char) -> bool {
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

/// What is wrong with a link, found without fetching it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UrlProblem {
    /// A path on someone's computer or a file share (`C:\…`, `\\server\…`, `file://`).
    LocalPath,
    /// Full-width characters in the scheme or host (`http：//`, `ｗｗｗ`).
    FullWidth,
    /// No scheme (`www.…`).
    MissingScheme,
    /// A scheme other than `http://` / `https://`, or a mistyped one (`htp://`, `http//`).
    BadScheme,
    /// The text cannot be parsed as a URL; the reason from the parser.
    Unparsable(String),
    /// An address only reachable inside a government network (`localhost`, `10.…`, `192.168.…`,
    /// a host name without a dot).
    Intranet(String),
}

impl UrlProblem {
    /// What is wrong, in Chinese, for a finding.
    pub fn describe_zh(&self) -> String {
        match self {
            UrlProblem::LocalPath => "是本机或内部共享文件路径，公众无法打开".to_owned(),
            UrlProblem::FullWidth => "含有全角字符".to_owned(),
            UrlProblem::MissingScheme => "缺少 http:// 或 https://".to_owned(),
            UrlProblem::BadScheme => "协议头错误（应为 http:// 或 https://）".to_owned(),
            UrlProblem::Unparsable(r) => format!("格式错误（{r}）"),
            UrlProblem::Intranet(h) => format!("指向内网地址 {h}，公众无法访问"),
        }
    }
}

fn is_intranet_host(host: &url::Host<&str>) -> bool {
    match host {
        url::Host::Ipv4(ip) => ip.is_private() || ip.is_loopback() || ip.is_link_local(),
        url::Host::Ipv6(ip) => ip.is_loopback(),
        url::Host::Domain(d) => {
            let d = d.trim_end_matches('.');
            d.eq_ignore_ascii_case("localhost") || !d.contains('.')
        }
    }
}

/// Checks one link as written; `Ok(())` when it is a well-formed public `http(s)` URL.
pub fn check_url(link: &str) -> Result<(), UrlProblem> {
    // `link.trim()`, without decoding either end when neither is whitespace.
    let t = trim(link);
    // The usual link: `http://` or `https://`, then a plain public host that ends at a `/` or
    // with the link. Not a local path, no full-width character up to the third `/` (all of it
    // ASCII), a scheme, a host the parser accepts: well formed, as the steps below would find.
    if let Some(scheme) = http_scheme_len(t.as_bytes()) {
        let rest = &t[scheme..];
        if plain_public_host_end(rest)
            .is_some_and(|end| matches!(rest.as_bytes().get(end), None | Some(b'/')))
        {
            return Ok(());
        }
    }
    if starts_with_ignore_ascii_case(t, "file:")
        || t.starts_with("\\\\")
        || t.as_bytes().get(1) == Some(&b':') && t.as_bytes().get(2) == Some(&b'\\')
    {
        return Err(UrlProblem::LocalPath);
    }
    if has_full_width_authority(t) {
        return Err(UrlProblem::FullWidth);
    }
    if starts_with_ignore_ascii_case(t, "www.") {
        return Err(UrlProblem::MissingScheme);
    }
    let rest = if starts_with_ignore_ascii_case(t, "http://") {
        &t[7..]
    } else if starts_with_ignore_ascii_case(t, "https://") {
        &t[8..]
    } else {
        return Err(UrlProblem::BadScheme);
    };
    if has_plain_public_host(rest) {
        return Ok(());
    }
    let parsed = url::Url::parse(t).map_err(|e| UrlProblem::Unparsable(e.to_string()))?;
    match parsed.host() {
        None => Err(UrlProblem::Unparsable("缺少主机名".to_owned())),
        Some(h) if is_intranet_host(&h) => Err(UrlProblem::Intranet(h.to_string())),
        Some(_) => Ok(()),
    }
}

/// Whether the scheme and host — everything before the third `/` or `／` — hold a full-width
/// character (U+FF01–U+FF5E other than the separator `／`), `。` or the ideographic space. Read
/// on the bytes: those characters are `EF BC 81`–`EF BD 9E` (`／` is `EF BC 8F`), `E3 80 82` and
/// `E3 80 80`, and in UTF-8 a lead byte is never inside another character.
/// `tests::check_url_as_defined` compares it with the character-by-character reading.
fn has_full_width_authority(t: &str) -> bool {
    let b = t.as_bytes();
    let mut separators = 0;
    for (i, &x) in b.iter().enumerate() {
        // Bytes below E3 are neither a separator other than `/` nor the start of a character
        // looked for.
        if x == b'/' {
            separators += 1;
        } else if x >= 0xE3 {
            match (x, b.get(i + 1).copied(), b.get(i + 2).copied()) {
                (0xEF, Some(0xBC), Some(0x8F)) => separators += 1,
                (0xEF, Some(0xBC), Some(0x81..=0xBF))
                | (0xEF, Some(0xBD), Some(0x80..=0x9E))
                | (0xE3, Some(0x80), Some(0x80 | 0x82)) => return true,
                _ => continue,
            }
        } else {
            continue;
        }
        if separators == 3 {
            return false;
        }
    }
    false
}

fn starts_with_ignore_ascii_case(text: &str, prefix: &str) -> bool {
    text.as_bytes()
        .get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix.as_bytes()))
}

/// Whether the part of an `http(s)://` link after the `//` starts with a host that the URL
/// parser surely accepts as a public domain name — labels of ASCII letters, digits and inner
/// single hyphens (no `xn--`), at least two of them, the last all letters (so not an IPv4
/// address) — followed by the path, query or fragment, which never fail to parse. Nearly every
/// published link is like this; parsing it (IDNA, percent-encoding the path) was most of
/// [`check_url`]'s cost. Anything else (ports, user names, `%`, non-ASCII hosts) is parsed.
fn has_plain_public_host(after_scheme: &str) -> bool {
    plain_public_host_end(after_scheme).is_some()
}

/// Where the host ends (at `/`, `?`, `#`, `\\` or the end) when [`has_plain_public_host`].
fn plain_public_host_end(after_scheme: &str) -> Option<usize> {
    // One pass over the bytes (every character looked for is ASCII), label by label, each byte
    // classified by one table look-up.
    let mut labels = 0;
    let mut len = 0;
    let mut all_letters = true;
    let mut after_hyphen = false;
    let b = after_scheme.as_bytes();
    let mut end = b.len();
    for (i, &c) in b.iter().enumerate() {
        match HOST_BYTES[usize::from(c)] {
            HOST_LETTER => {
                len += 1;
                after_hyphen = false;
            }
            HOST_DIGIT => {
                len += 1;
                all_letters = false;
                after_hyphen = false;
            }
            HOST_DOT => {
                if len == 0 || len > 63 || after_hyphen {
                    return None;
                }
                labels += 1;
                len = 0;
                all_letters = true;
            }
            // Not first in its label, not after another hyphen.
            HOST_HYPHEN => {
                if len == 0 || after_hyphen {
                    return None;
                }
                len += 1;
                all_letters = false;
                after_hyphen = true;
            }
            HOST_END => {
                end = i;
                break;
            }
            _ => return None,
        }
    }
    // The last label: not empty, not too long, not ending in a hyphen, all letters.
    (len > 0 && len <= 63 && !after_hyphen && labels >= 1 && all_letters).then_some(end)
}

/// The classes of bytes in [`HOST_BYTES`]; 0 for a byte that a plain host never holds.
const HOST_LETTER: u8 = 1;
const HOST_DIGIT: u8 = 2;
const HOST_DOT: u8 = 3;
const HOST_HYPHEN: u8 = 4;
/// `/`, `?`, `#` or `\`: the host ends.
const HOST_END: u8 = 5;

/// The class of each byte in a host read by [`plain_public_host_end`].
static HOST_BYTES: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        t[c] = if b.is_ascii_alphabetic() {
            HOST_LETTER
        } else if b.is_ascii_digit() {
            HOST_DIGIT
        } else if b == b'.' {
            HOST_DOT
        } else if b == b'-' {
            HOST_HYPHEN
        } else if matches!(b, b'/' | b'?' | b'#' | b'\\') {
            HOST_END
        } else {
            0
        };
        c += 1;
    }
    t
};

/// Decodes `%XX` escapes; bytes that are not UTF-8 (a GBK file name escaped as bytes) become
/// U+FFFD, which [`crate::model::text::find_mojibake`] then reports.
pub fn percent_decode_lossy(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = |b: u8| (b as char).to_digit(16);
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

// ---------------------------------------------------------------------------------------------
// Laws, documents and articles

static LAW_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"《[^》]*\p{Han}[^》]*》",
        r"|中华人民共和国\p{Han}{2,30}?(?:法|条例)",
        r"|\p{Han}{1,8}(?:省|市|自治区)\p{Han}{2,30}?(?:条例|办法|规定|实施细则)",
        r"|(?:国务院|人民政府|办公厅|委员会|部|局|厅)关于\p{Han}{2,40}?的(?:决定|通知|意见|批复|规定)",
        r"|令\s*第\s*\d+\s*号|第\s*\d+\s*号令",
        r"|\p{Han}{2,12}(?:法|条例|办法|规定|细则)\s*第\s*[0-9一二三四五六七八九十百零〇两]+\s*条",
    ))
    .expect("law name pattern")
});

static DOC_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[〔\[［(（【]\s*(?:19|20)\d{2}\s*[〕\]］)）】]\s*第?\s*\d{1,5}\s*号")
        .expect("document number pattern")
});

static ARTICLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"第\s*[0-9一二三四五六七八九十百零〇两]+\s*[条款项]").expect("article pattern")
});

/// Whether `text` names a law, regulation or document: a title in 《》, a full law name
/// (`中华人民共和国…法`), a local regulation (`安徽省…条例`), a `关于…的通知` title, an order number
/// (`令第17号`), a short law name directly followed by its article (`城乡规划法第四十条`), or a
/// document number with its year (`发改价格〔2019〕12号`).
pub fn names_law(text: &str) -> bool {
    let t = halfwidth_runs(text);
    let named = LAW_NAME.find_iter(&t).any(|m| {
        let s = m.as_str();
        s.starts_with('《') || !(s.contains("相关") || s.contains("有关"))
    });
    // A text that half-width leaves as it is was just searched.
    named || DOC_NUMBER.is_match(&t) || (matches!(t, Cow::Owned(_)) && DOC_NUMBER.is_match(text))
}

/// [`to_halfwidth`] read on the bytes: the characters it changes (U+3000, U+FF01–U+FF5E) start
/// with the byte `E3` or `EF`, which is never inside another character; the runs between them
/// are copied at once, and a text with nothing to change is not copied.
fn halfwidth_runs(s: &str) -> Cow<'_, str> {
    let b = s.as_bytes();
    let Some(first) = memchr::memchr2(0xE3, 0xEF, b) else {
        return Cow::Borrowed(s);
    };
    let mut out = String::new();
    let mut run = 0;
    let mut i = first;
    while i < b.len() {
        if b[i] != 0xE3 && b[i] != 0xEF {
            i += 1;
            continue;
        }
        let c = s[i..].chars().next().expect("a character starts here");
        let half = match c {
            '\u{3000}' => ' ',
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        };
        if half != c {
            if out.capacity() == 0 {
                out.reserve(s.len());
            }
            out.push_str(&s[run..i]);
            out.push(half);
            run = i + c.len_utf8();
        }
        i += c.len_utf8();
    }
    if run == 0 {
        return Cow::Borrowed(s);
    }
    out.push_str(&s[run..]);
    Cow::Owned(out)
}

/// Whether `text` cites an article, paragraph or item (`第三十五条`, `第2款`, `第（一）项` is
/// written `第一项` on platforms).
pub fn cites_article(text: &str) -> bool {
    ARTICLE.is_match(&halfwidth_runs(text))
}

// ---------------------------------------------------------------------------------------------
// Similarity

/// Normalises a short text for comparing: half-width, lower case, letters, digits and Han
/// characters only, without a leading number or `问`/`Q` label (`1、`, `问题2：`, `Q3.`).
pub fn normalize_for_compare(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_compare_chars(s, &mut out);
    let label = label_len(&out);
    out.drain(..label);
    out
}

/// Appends the letters, digits and Han characters of `s` to `out`, half-width and lower case:
/// `to_halfwidth(s).to_lowercase()` filtered by `char::is_alphanumeric`, in one pass and without
/// allocating. ASCII and CJK characters (nearly all of a published text) skip the Unicode case
/// tables: no character from U+2E80 to U+9FFF has a lower case, and Han ideographs are letters
/// (both checked by `similarity_tests::cjk_fast_path_matches_unicode`).
fn push_compare_chars(s: &str, out: &mut String) {
    let start = out.len();
    // Characters kept as they are (lower-case ASCII letters, digits, Han) are copied a run at a
    // time, not pushed one by one.
    let mut run = 0;
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // Kept characters are recognised by their bytes, without decoding: lower-case ASCII
        // letters and digits, and U+4E00..=U+9FFF, whose UTF-8 form is three bytes led by
        // E5..=E9, or by E4 with a second byte of B8 or more.
        let b = bytes[i];
        if b.is_ascii_lowercase() || b.is_ascii_digit() {
            i += 1;
            continue;
        }
        if (0xE5..=0xE9).contains(&b) || b == 0xE4 && bytes[i + 1] >= 0xB8 {
            i += 3;
            continue;
        }
        let c = s[i..].chars().next().expect("a character starts here");
        out.push_str(&s[run..i]);
        i += c.len_utf8();
        run = i;
        // to_halfwidth: U+3000 becomes a space, which is dropped like U+3000 itself.
        let c = match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        };
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                out.push(c.to_ascii_lowercase());
            }
        } else if c == 'Σ' {
            // `str::to_lowercase` lowers a final sigma by its context, which one character
            // cannot see: take the slow road for the whole text (Greek is rare here).
            out.truncate(start);
            out.extend(
                to_halfwidth(s)
                    .to_lowercase()
                    .chars()
                    .filter(|c| c.is_alphanumeric()),
            );
            return;
        } else {
            match compare_class(c) {
                CompareClass::Kept => out.push(c),
                CompareClass::Dropped => {}
                CompareClass::Lowered => {
                    out.extend(c.to_lowercase().filter(|l| l.is_alphanumeric()));
                }
            }
        }
    }
    out.push_str(&s[run..]);
}

/// What comparing does with a character other than ASCII and the Han characters
/// `push_compare_chars` recognises by their bytes (and other than `Σ`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CompareClass {
    /// It is its own lower case and a letter or digit: kept as it is.
    Kept,
    /// It is its own lower case and neither letter nor digit: dropped.
    Dropped,
    /// Anything else: lowered through the Unicode tables, and its letters and digits kept.
    Lowered,
}

/// The [`CompareClass`] of a character: what `c.to_lowercase().filter(char::is_alphanumeric)`
/// yields, answered for the Basic Multilingual Plane from a table filled in as characters are
/// met (punctuation such as `。` and `“` would otherwise go through the Unicode tables on every
/// occurrence). Racing threads store the same value.
fn compare_class(c: char) -> CompareClass {
    const UNKNOWN: u8 = 0;
    static CLASSES: [AtomicU8; 0x10000] = [const { AtomicU8::new(UNKNOWN) }; 0x10000];
    let decide = || {
        if !c.to_lowercase().eq(std::iter::once(c)) {
            CompareClass::Lowered
        } else if c.is_alphanumeric() {
            CompareClass::Kept
        } else {
            CompareClass::Dropped
        }
    };
    let Some(slot) = CLASSES.get(c as usize) else {
        return decide();
    };
    match slot.load(Ordering::Relaxed) {
        1 => CompareClass::Kept,
        2 => CompareClass::Dropped,
        3 => CompareClass::Lowered,
        _ => {
            let class = decide();
            slot.store(class as u8 + 1, Ordering::Relaxed);
            class
        }
    }
}

/// The length in bytes of the leading number or `问`/`Q` label of a text kept by
/// [`push_compare_chars`].
fn label_len(kept: &str) -> usize {
    let mut rest = kept;
    for prefix in ["问题", "问", "q"] {
        if let Some(r) = rest.strip_prefix(prefix) {
            if r.starts_with(|c: char| c.is_ascii_digit()) {
                rest = r;
            }
            break;
        }
    }
    kept.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len()
}

/// [`normalize_for_compare`] as characters, into `out` (cleared first): the same text decoded
/// once, for the comparisons that then go character by character without decoding again (see
/// `similarity_tests::char_versions_agree_with_the_strings`). Han characters are decoded by hand
/// from their three bytes, like `push_compare_chars` recognises them; every other character
/// goes through the same mapping as there.
pub fn normalize_chars_into(s: &str, out: &mut Vec<char>) {
    // Written by index into a slice as long as `s` has bytes: no character lowers to more
    // characters than it has bytes (`similarity_tests::lowering_never_outgrows_the_bytes`), so
    // the slice is long enough; should it not be, the plain definition answers.
    out.clear();
    out.resize(s.len(), '\0');
    let buf = &mut out[..];
    let mut n = 0;
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b >= 0xE4 {
            if b <= 0xE9 && (b != 0xE4 || bytes[i + 1] >= 0xB8) {
                // The whole run of Han characters that starts here (never none: this one is).
                let run = decode_han_run(&bytes[i..], &mut buf[n..]);
                if run > 0 {
                    n += run;
                    i += 3 * run;
                    continue;
                }
            }
        } else if b.is_ascii_lowercase() || b.is_ascii_digit() {
            buf[n] = char::from(b);
            n += 1;
            i += 1;
            continue;
        }
        let c = s[i..].chars().next().expect("a character starts here");
        i += c.len_utf8();
        let c = match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        };
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                buf[n] = c.to_ascii_lowercase();
                n += 1;
            }
        } else if c == 'Σ' {
            // As in `push_compare_chars`: the whole text through the Unicode definition.
            n = usize::MAX;
            break;
        } else {
            match compare_class(c) {
                CompareClass::Kept => {
                    buf[n] = c;
                    n += 1;
                }
                CompareClass::Dropped => {}
                CompareClass::Lowered => {
                    for l in c.to_lowercase().filter(|l| l.is_alphanumeric()) {
                        if n == buf.len() {
                            n = usize::MAX;
                            break;
                        }
                        buf[n] = l;
                        n += 1;
                    }
                    if n == usize::MAX {
                        break;
                    }
                }
            }
        }
    }
    if n == usize::MAX {
        out.clear();
        out.extend(normalize_for_compare(s).chars());
        return;
    }
    out.truncate(n);
    let label = label_len_chars(out);
    if label > 0 {
        out.drain(..label);
    }
}

/// Decodes the Han characters (U+4E00..=U+9FFF, three bytes led by `E5`..=`E9`, or by `E4` with
/// a second byte of `B8` or more) at the start of `bytes` into `out`, up to the first other
/// character or the end of `out`: how many. Three bytes at a time, without a bounds check per
/// byte (most of an answer or an element is such a run).
#[inline]
fn decode_han_run(bytes: &[u8], out: &mut [char]) -> usize {
    let mut run = 0;
    for (chunk, slot) in bytes.chunks_exact(3).zip(out.iter_mut()) {
        let (b0, b1, b2) = (chunk[0], chunk[1], chunk[2]);
        if !(matches!(b0, 0xE5..=0xE9) || b0 == 0xE4 && b1 >= 0xB8) {
            break;
        }
        let c = u32::from(b0 & 0x0F) << 12 | u32::from(b1 & 0x3F) << 6 | u32::from(b2 & 0x3F);
        // Always a character (U+4000..=U+9FFF); should it not be, the caller decodes it.
        let Some(c) = char::from_u32(c) else {
            break;
        };
        *slot = c;
        run += 1;
    }
    run
}

/// [`label_len`] in characters, for a text kept by [`normalize_chars_into`].
fn label_len_chars(kept: &[char]) -> usize {
    let mut rest = kept;
    for prefix in [&['问', '题'][..], &['问'], &['q']] {
        if let Some(r) = rest.strip_prefix(prefix) {
            if r.first().is_some_and(char::is_ascii_digit) {
                rest = r;
            }
            break;
        }
    }
    let digits = rest.iter().take_while(|c| c.is_ascii_digit()).count();
    kept.len() - rest.len() + digits
}

/// Where `needle` first occurs in `haystack`, as characters: [`find_text`] for texts decoded
/// into characters (UTF-8 matches only at character boundaries, so the two agree).
pub fn find_chars(haystack: &[char], needle: &[char]) -> Option<usize> {
    let Some(&first) = needle.first() else {
        return Some(0);
    };
    if needle.len() > haystack.len() {
        return None;
    }
    let last_start = haystack.len() - needle.len();
    let mut from = 0;
    while let Some(at) = haystack[from..=last_start].iter().position(|&c| c == first) {
        let i = from + at;
        if same_chars(&haystack[i + 1..i + needle.len()], &needle[1..]) {
            return Some(i);
        }
        from = i + 1;
    }
    None
}

/// Whether two equally long runs of characters are the same, compared one by one (short runs:
/// cheaper than a call to `memcmp`).
fn same_chars(a: &[char], b: &[char]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x == y)
}

/// `text.starts_with(prefix)`, compared one by one.
fn starts_with_chars(text: &[char], prefix: &[char]) -> bool {
    text.len() >= prefix.len() && same_chars(&text[..prefix.len()], prefix)
}

/// `s = s.replace(word, "")` on characters, in place: every occurrence, left to right, without
/// overlaps.
fn remove_all_chars(s: &mut Vec<char>, word: &[char]) {
    let Some(&first) = word.first() else {
        return;
    };
    let Some(start) = find_chars(s, word) else {
        return;
    };
    let (mut read, mut write) = (start + word.len(), start);
    while read < s.len() {
        if s[read] == first && starts_with_chars(&s[read..], word) {
            read += word.len();
        } else {
            s[write] = s[read];
            write += 1;
            read += 1;
        }
    }
    s.truncate(write);
}

/// Question words and particles that do not change what is asked (`如何`/`怎么`, `的`, `吗`).
const STOPWORDS: &[&str] = &[
    "请问",
    "能不能",
    "能否",
    "是否",
    "如何",
    "怎么",
    "怎样",
    "什么",
    "哪些",
    "多少",
    "需要",
    "可以",
    "办理",
    "的",
    "是",
    "吗",
    "呢",
    "了",
    "么",
    "啊",
];

/// [`normalize_for_compare`] without question words and particles: what [`similarity`] compares.
pub fn without_stopwords(s: &str) -> String {
    let mut out = normalize_for_compare(s);
    remove_stopwords(&mut out);
    out
}

/// The characters of the [`STOPWORDS`], so that a text is searched only for the words whose
/// characters all occur in it (most texts hold few of them).
struct StopwordChars {
    /// For every character of the Basic Multilingual Plane (where all stop-word characters lie),
    /// its rank among the (at most 64) stop-word characters in code-point order plus one, or 0:
    /// one look-up per character of a text, no search.
    index: Vec<u8>,
    /// For each stop word (in list order), the bits of its characters (bit = rank).
    needs: Vec<u64>,
    /// Each stop word as characters (in list order), for [`remove_scanned_stopword_chars`].
    words: Vec<Vec<char>>,
}

static STOPWORD_CHARS: LazyLock<StopwordChars> = LazyLock::new(|| {
    let mut chars: Vec<char> = STOPWORDS.iter().flat_map(|w| w.chars()).collect();
    chars.sort_unstable();
    chars.dedup();
    assert!(chars.len() <= 64, "stop-word characters must fit a u64");
    let mut index = vec![0u8; 0x10000];
    for (k, &c) in (1u8..).zip(&chars) {
        assert!(c.len_utf8() == 3, "stop-word characters take three bytes");
        index[c as usize] = k;
    }
    let needs = STOPWORDS
        .iter()
        .map(|w| {
            w.chars().fold(0u64, |m, c| {
                m | 1 << chars.binary_search(&c).expect("character of a stop word")
            })
        })
        .collect();
    let words = STOPWORDS.iter().map(|w| w.chars().collect()).collect();
    StopwordChars {
        index,
        needs,
        words,
    }
});

/// Which stop-word characters `text` holds (one bit each, in code-point order), and how many of
/// its characters are one.
fn stopword_chars(text: &str) -> (u64, usize) {
    let table = &*STOPWORD_CHARS;
    let (mut present, mut count) = (0u64, 0);
    // Every stop-word character takes three bytes in UTF-8 (checked where the table is built):
    // only those characters are decoded, by hand, and the others are stepped over by their
    // leading byte.
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b & 0xF0 != 0xE0 {
            i += match b {
                0..=0x7F => 1,
                0xF0.. => 4,
                _ => 2,
            };
            continue;
        }
        let c = u32::from(b & 0x0F) << 12
            | u32::from(bytes[i + 1] & 0x3F) << 6
            | u32::from(bytes[i + 2] & 0x3F);
        i += 3;
        // Three bytes hold at most 16 bits: always within the table.
        let k = table.index[c as usize & 0xFFFF];
        if k != 0 {
            present |= 1 << (k - 1);
            count += 1;
        }
    }
    (present, count)
}

/// How many characters of a text at most [`remove_stopwords`] takes out: those that occur in a
/// stop word. A cheap bound on the length of a long text without its stop words.
pub fn stopword_char_count(normalized: &str) -> usize {
    stopword_chars(normalized).1
}

/// Which stop-word characters a normalised text holds, and how many of its characters they are:
/// one pass that serves both [`StopwordScan::count`] and [`remove_scanned_stopwords`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StopwordScan {
    present: u64,
    /// [`stopword_char_count`] of the text.
    pub count: usize,
}

/// The [`StopwordScan`] of a text already through [`normalize_for_compare`].
pub fn scan_stopwords(normalized: &str) -> StopwordScan {
    let (present, count) = stopword_chars(normalized);
    StopwordScan { present, count }
}

/// Removes the `STOPWORDS` from a text already through [`normalize_for_compare`]: what
/// [`without_stopwords`] does after normalising. Word after word in list order, every occurrence
/// (`replace(word, "")`), skipping the words one of whose characters the text lacks.
pub fn remove_stopwords(normalized: &mut String) {
    let scan = scan_stopwords(normalized);
    remove_scanned_stopwords(normalized, scan);
}

/// [`remove_stopwords`] given the text's [`scan_stopwords`], scanned before.
pub fn remove_scanned_stopwords(normalized: &mut String, scan: StopwordScan) {
    let present = scan.present;
    if present == 0 {
        return;
    }
    for (w, &need) in STOPWORDS.iter().zip(&STOPWORD_CHARS.needs) {
        // Removing a word never adds a character, so `present` stays an upper bound.
        if need & present == need {
            remove_all(normalized, w);
        }
    }
}

/// [`scan_stopwords`] of a text through [`normalize_chars_into`].
pub fn scan_stopword_chars(normalized: &[char]) -> StopwordScan {
    let table = &*STOPWORD_CHARS;
    let (mut present, mut count) = (0u64, 0);
    for &c in normalized {
        // Stop-word characters all lie in the Basic Multilingual Plane.
        let k = table.index.get(c as usize).copied().unwrap_or(0);
        if k != 0 {
            present |= 1 << (k - 1);
            count += 1;
        }
    }
    StopwordScan { present, count }
}

/// The [`CharSketch`] and the [`scan_stopword_chars`] of a text through
/// [`normalize_chars_into`], in one pass.
pub fn sketch_and_scan_stopword_chars(normalized: &[char]) -> (CharSketch, StopwordScan) {
    let table = &*STOPWORD_CHARS;
    let (mut present, mut count) = (0u64, 0);
    let mut bits = [0u64; 4];
    for &c in normalized {
        set_bit(&mut bits, sketch_bit(u64::from(c)));
        let k = table.index.get(c as usize).copied().unwrap_or(0);
        if k != 0 {
            present |= 1 << (k - 1);
            count += 1;
        }
    }
    (CharSketch(bits), StopwordScan { present, count })
}

/// [`remove_stopwords`] on characters, in place.
pub fn remove_stopword_chars(normalized: &mut Vec<char>) {
    let scan = scan_stopword_chars(normalized);
    remove_scanned_stopword_chars(normalized, scan);
}

/// [`remove_scanned_stopwords`] on characters, in place: word after word in list order, except
/// that a run of one-character words is taken out in one pass (taking out one character cannot
/// make another occur, so the order within such a run does not matter).
pub fn remove_scanned_stopword_chars(normalized: &mut Vec<char>, scan: StopwordScan) {
    let present = scan.present;
    if present == 0 {
        return;
    }
    let table = &*STOPWORD_CHARS;
    // Bits (ranks) of the pending one-character words.
    let mut singles = 0u64;
    let flush = |s: &mut Vec<char>, singles: &mut u64| {
        if *singles != 0 {
            let mask = *singles;
            s.retain(|&c| {
                let k = table.index.get(c as usize).copied().unwrap_or(0);
                k == 0 || mask >> (k - 1) & 1 == 0
            });
            *singles = 0;
        }
    };
    for (w, &need) in table.words.iter().zip(&table.needs) {
        if need & present != need {
            continue;
        }
        if w.len() == 1 {
            singles |= need;
        } else {
            flush(normalized, &mut singles);
            remove_all_chars(normalized, w);
        }
    }
    flush(normalized, &mut singles);
}

/// `*s = s.replace(word, "")`, allocating only when the word occurs.
fn remove_all(s: &mut String, word: &str) {
    let Some(first) = find_text(s, word) else {
        return;
    };
    let mut out = String::with_capacity(s.len() - word.len());
    push_without(&mut out, s, word, first);
    *s = out;
}

/// Appends `s.replace(word, "")` to `out`, given where `word` first occurs in `s`: each further
/// occurrence found by [`find_text`], with no searcher to set up.
pub(super) fn push_without(out: &mut String, s: &str, word: &str, first: usize) {
    out.push_str(&s[..first]);
    let mut rest = &s[first + word.len()..];
    while let Some(i) = find_text(rest, word) {
        out.push_str(&rest[..i]);
        rest = &rest[i + word.len()..];
    }
    out.push_str(rest);
}

/// Where `needle` first occurs in `haystack`: `haystack.find(needle)`, by looking for its first
/// character (a `memchr`) and comparing there. For the short texts and needles compared here
/// this avoids setting up the two-way searcher of `str::find` on every call.
pub fn find_text(haystack: &str, needle: &str) -> Option<usize> {
    let Some(first) = needle.chars().next() else {
        return Some(0);
    };
    if needle.len() > haystack.len() {
        return None;
    }
    haystack
        .match_indices(first)
        .map(|(i, _)| i)
        .find(|&i| haystack[i..].starts_with(needle))
}

/// Similarity of two texts as the Dice coefficient of their character bigrams, after
/// [`normalize_for_compare`] and without question words and particles (`如何`, `的`, `吗`):
/// 1.0 for the same text, 0.0 for nothing in common.
pub fn similarity(a: &str, b: &str) -> f64 {
    Bigrams::of(&without_stopwords(a)).dice(&Bigrams::of(&without_stopwords(b)))
}

/// A text's character bigrams, sorted, for the Dice coefficient: prepared once per text, then
/// compared with many by a merge (no hashing, no allocation per comparison).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bigrams {
    chars: usize,
    /// The text itself when it has fewer than two characters (compared for equality).
    short: String,
    /// Each bigram as one number (first character in the high half), which sorts like the pair.
    pairs: Vec<u64>,
}

impl Bigrams {
    /// The bigrams of a text already through [`without_stopwords`].
    pub fn of(text: &str) -> Self {
        let mut pairs = Vec::with_capacity(text.len() / 3 + 1);
        let mut chars = 0;
        let mut prev: Option<char> = None;
        for c in text.chars() {
            chars += 1;
            if let Some(p) = prev {
                pairs.push(u64::from(p) << 32 | u64::from(c));
            }
            prev = Some(c);
        }
        pairs.sort_unstable();
        let short = if chars < 2 {
            text.to_owned()
        } else {
            String::new()
        };
        Self {
            chars,
            short,
            pairs,
        }
    }

    /// [`of`](Self::of) for a text as characters (through [`normalize_chars_into`] and
    /// [`remove_scanned_stopword_chars`]).
    pub fn of_chars(text: &[char]) -> Self {
        let mut pairs: Vec<u64> = text
            .windows(2)
            .map(|w| u64::from(w[0]) << 32 | u64::from(w[1]))
            .collect();
        pairs.sort_unstable();
        let short = if text.len() < 2 {
            text.iter().collect()
        } else {
            String::new()
        };
        Self {
            chars: text.len(),
            short,
            pairs,
        }
    }

    /// Whether two texts of `a` and `b` characters (through [`without_stopwords`]) can have a
    /// [`dice`](Self::dice) coefficient of `threshold` or more: it is at most
    /// `2·min(pairs) / (pairs + pairs)`, so a long element need not be split into bigrams to be
    /// compared with a short answer.
    pub fn may_reach(a: usize, b: usize, threshold: f64) -> bool {
        if a < 2 || b < 2 {
            return true;
        }
        let (pa, pb) = (a - 1, b - 1);
        // The same expression as in `dice`, with the most pairs two texts of these lengths can
        // share: division is monotone, so `dice` can never exceed this.
        2.0 * pa.min(pb) as f64 / (pa + pb) as f64 >= threshold
    }

    /// The Dice coefficient of the two texts' bigram multisets: what [`similarity`] computes.
    pub fn dice(&self, other: &Bigrams) -> f64 {
        if self.chars == 0 && other.chars == 0 {
            return 1.0;
        }
        if self.chars < 2 || other.chars < 2 {
            return if self.chars == other.chars && self.short == other.short {
                1.0
            } else {
                0.0
            };
        }
        let (a, b) = (&self.pairs, &other.pairs);
        let (mut i, mut j, mut common) = (0, 0, 0usize);
        while i < a.len() && j < b.len() {
            match a[i].cmp(&b[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    common += 1;
                    i += 1;
                    j += 1;
                }
            }
        }
        2.0 * common as f64 / (a.len() + b.len()) as f64
    }
}

/// One bit of 256 for a value (a character or a bigram): a multiplicative hash, top byte.
fn sketch_bit(v: u64) -> u8 {
    (v.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 56) as u8
}

fn set_bit(bits: &mut [u64; 4], h: u8) {
    bits[usize::from(h >> 6)] |= 1 << (h & 63);
}

fn has_bit(bits: &[u64; 4], h: u8) -> bool {
    bits[usize::from(h >> 6)] >> (h & 63) & 1 != 0
}

/// A cheap stand-in for [`Bigrams`] that can only say *no*: each bigram of a text hashed to one
/// of 256 bits. Most texts compared are unrelated, and counting how many of one text's bigrams
/// hit the other's bits bounds their shared bigrams from above without sorting anything.
#[derive(Debug, Clone)]
pub struct BigramSketch {
    chars: usize,
    /// The bits of the text's bigrams.
    bits: [u64; 4],
    /// Each bigram's bit, in text order (repeats kept: the bound counts occurrences).
    hashes: Vec<u8>,
    /// How many of `hashes` repeat an earlier one: `hashes.len()` less the bits set.
    repeats: usize,
}

impl BigramSketch {
    /// The sketch of a text already through [`without_stopwords`] (as for [`Bigrams::of`]).
    pub fn of(text: &str) -> Self {
        let mut hashes = Vec::with_capacity(text.len() / 3 + 1);
        let mut bits = [0u64; 4];
        let mut chars = 0;
        let mut prev: Option<char> = None;
        for c in text.chars() {
            chars += 1;
            if let Some(p) = prev {
                let h = sketch_bit(u64::from(p) << 32 | u64::from(c));
                set_bit(&mut bits, h);
                hashes.push(h);
            }
            prev = Some(c);
        }
        Self::new(chars, bits, hashes)
    }

    fn new(chars: usize, bits: [u64; 4], hashes: Vec<u8>) -> Self {
        let distinct = bits.iter().map(|w| w.count_ones() as usize).sum::<usize>();
        Self {
            chars,
            bits,
            repeats: hashes.len() - distinct,
            hashes,
        }
    }

    /// [`of`](Self::of) for a text as characters.
    pub fn of_chars(text: &[char]) -> Self {
        let mut bits = [0u64; 4];
        let hashes: Vec<u8> = text
            .windows(2)
            .map(|w| {
                let h = sketch_bit(u64::from(w[0]) << 32 | u64::from(w[1]));
                set_bit(&mut bits, h);
                h
            })
            .collect();
        Self::new(text.len(), bits, hashes)
    }

    /// Whether the [`Bigrams::dice`] coefficient of the two texts may reach `threshold`:
    /// `false` only when it surely stays below. Every bigram occurrence the texts share is one
    /// of `self`'s whose bit `other` has, so that count bounds the shared count, and the bound
    /// goes through the same expression as `dice` (division is monotone).
    ///
    /// That count is bounded first without reading `hashes`: each bit the two share counts its
    /// first occurrence once, and at most every repeat besides. Most texts compared are unrelated
    /// and fail that bound already.
    pub fn may_reach(&self, other: &BigramSketch, threshold: f64) -> bool {
        if self.chars < 2 || other.chars < 2 {
            return true;
        }
        let total = (self.chars - 1) + (other.chars - 1);
        let reaches = |hits: usize| 2.0 * hits as f64 / total as f64 >= threshold;
        let shared = self
            .bits
            .iter()
            .zip(&other.bits)
            .map(|(a, b)| (a & b).count_ones() as usize)
            .sum::<usize>();
        reaches(shared + self.repeats) && reaches(self.hits(other))
    }

    /// How many of `self`'s bigram occurrences have a bit in `other`.
    fn hits(&self, other: &BigramSketch) -> usize {
        self.hashes
            .iter()
            .filter(|&&h| has_bit(&other.bits, h))
            .count()
    }
}

/// The characters of a text hashed to 256 bits: a text holds another only if its bits cover the
/// other's (see [`CharSketch::may_contain`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CharSketch([u64; 4]);

impl CharSketch {
    /// The sketch of `text`, and its length in characters.
    pub fn of(text: &str) -> (Self, usize) {
        let mut bits = [0u64; 4];
        let mut chars = 0;
        for c in text.chars() {
            chars += 1;
            set_bit(&mut bits, sketch_bit(u64::from(c)));
        }
        (Self(bits), chars)
    }

    /// [`of`](Self::of) for a text as characters (its length is the slice's).
    pub fn of_chars(text: &[char]) -> Self {
        let mut bits = [0u64; 4];
        for &c in text {
            set_bit(&mut bits, sketch_bit(u64::from(c)));
        }
        Self(bits)
    }

    /// Whether a text of this sketch may contain one of sketch `part`: `false` only when `part`
    /// has a character the text lacks, so `find_text(text, part)` is `None`.
    pub fn may_contain(&self, part: &CharSketch) -> bool {
        self.0.iter().zip(&part.0).all(|(w, p)| p & !w == 0)
    }
}

/// Fillers that carry no content in an answer.
const FILLERS: &[&str] = &[
    "请",
    "您",
    "可以",
    "可",
    "到",
    "向",
    "具体",
    "工作人员",
    "相关",
    "有关",
    "事宜",
    "问题",
    "情况",
    "办理",
    "拨打",
    "电话",
    "进行",
    "为准",
    "的",
    "本",
    "事项",
];

/// Whether an answer says nothing beyond a referral (`详见办事指南`, `请咨询窗口工作人员`).
pub fn is_non_answer(answer: &str, phrases: &[String]) -> bool {
    NonAnswers::new(phrases).matches(answer)
}

/// The configured non-answer phrases, normalised and longest first, with one matcher for all of
/// them: prepared once per run (see [`CheckContext::prepared`](super::CheckContext::prepared)).
#[derive(Debug, Clone)]
pub struct NonAnswers {
    phrases: Vec<String>,
    /// Finds any of the phrases in one pass; `None` only if the list is too large to compile,
    /// when the phrases are searched one by one.
    any: Option<aho_corasick::AhoCorasick>,
    /// The phrases as characters, in the same order, for [`matches_chars`](Self::matches_chars).
    phrase_chars: Vec<Vec<char>>,
    /// The bits ([`sketch_bit`]) of the phrases' first characters: a position whose character
    /// has no bit here starts no phrase.
    first_bits: [u64; 4],
    /// [`FILLERS`] as characters.
    filler_chars: Vec<Vec<char>>,
    /// The [`CharSketch`] of each phrase and then each filler, in the order taken out.
    word_sketches: Vec<CharSketch>,
    /// The characters of the Basic Multilingual Plane that occur in a phrase or filler, one bit
    /// each: only those can be taken out of an answer.
    word_chars: Box<[u64; 1024]>,
    /// Whether a phrase or filler has a character beyond the Basic Multilingual Plane (then
    /// [`word_chars`](Self::word_chars) rules out nothing).
    word_chars_beyond: bool,
}

impl NonAnswers {
    /// Prepares the phrases (`[check] faq_non_answer_phrases`).
    pub fn new(phrases: &[String]) -> Self {
        let mut sorted: Vec<String> = phrases
            .iter()
            .map(|p| normalize_for_compare(p))
            .filter(|p| !p.is_empty())
            .collect();
        sorted.sort_by_key(|p| std::cmp::Reverse(p.chars().count()));
        let any = aho_corasick::AhoCorasick::builder()
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            // Its prefilter looks for rare bytes, and Han text has none: straight through is faster.
            .prefilter(false)
            .build(&sorted)
            .ok();
        let phrase_chars: Vec<Vec<char>> = sorted.iter().map(|p| p.chars().collect()).collect();
        let mut first_bits = [0u64; 4];
        for p in &phrase_chars {
            set_bit(&mut first_bits, sketch_bit(u64::from(p[0])));
        }
        let filler_chars: Vec<Vec<char>> = FILLERS.iter().map(|f| f.chars().collect()).collect();
        let word_sketches = phrase_chars
            .iter()
            .chain(&filler_chars)
            .map(|w| CharSketch::of_chars(w))
            .collect();
        let mut word_chars = Box::new([0u64; 1024]);
        let mut word_chars_beyond = false;
        for &c in phrase_chars.iter().chain(&filler_chars).flatten() {
            match word_chars.get_mut(c as usize >> 6) {
                Some(w) => *w |= 1 << (c as usize & 63),
                None => word_chars_beyond = true,
            }
        }
        Self {
            phrases: sorted,
            any,
            phrase_chars,
            first_bits,
            word_sketches,
            filler_chars,
            word_chars,
            word_chars_beyond,
        }
    }

    /// Whether `norm` has at least six characters that occur in no phrase or filler: taking
    /// words out cannot remove those, so the answer is then no mere referral.
    fn keeps_six(&self, norm: &[char]) -> bool {
        if self.word_chars_beyond {
            return false;
        }
        let mut kept = 0;
        for &c in norm {
            let in_words = self
                .word_chars
                .get(c as usize >> 6)
                .is_some_and(|w| w >> (c as usize & 63) & 1 != 0);
            kept += usize::from(!in_words);
            if kept >= 6 {
                return true;
            }
        }
        false
    }

    /// [`matches_normalized`](Self::matches_normalized) for an answer through
    /// [`normalize_chars_into`]; `rest` is scratch space. The phrases are looked for only where
    /// a character may start one, and taken out in place.
    pub fn matches_chars(&self, norm: &[char], rest: &mut Vec<char>) -> bool {
        // Most answers say something: six characters no word can take out settle it.
        if self.keeps_six(norm) {
            return false;
        }
        let any = norm.iter().enumerate().any(|(i, &c)| {
            has_bit(&self.first_bits, sketch_bit(u64::from(c)))
                && self
                    .phrase_chars
                    .iter()
                    .any(|p| starts_with_chars(&norm[i..], p))
        });
        if !any {
            return false;
        }
        rest.clear();
        rest.extend_from_slice(norm);
        // Taking words out never adds a character: a word with a character the answer lacks
        // cannot occur, and is not looked for.
        let sketch = CharSketch::of_chars(norm);
        for (p, s) in self
            .phrase_chars
            .iter()
            .chain(&self.filler_chars)
            .zip(&self.word_sketches)
        {
            if sketch.may_contain(s) {
                remove_all_chars(rest, p);
            }
        }
        rest.len() < 6
    }

    /// Whether `answer` is only a referral: once the phrases and fillers are taken out, fewer than
    /// six characters are left.
    pub fn matches(&self, answer: &str) -> bool {
        self.matches_normalized(&normalize_for_compare(answer))
    }

    /// [`matches`](Self::matches) for an answer already through [`normalize_for_compare`].
    pub fn matches_normalized(&self, norm: &str) -> bool {
        let any = match &self.any {
            Some(ac) => ac.is_match(norm),
            None => self.phrases.iter().any(|p| norm.contains(p.as_str())),
        };
        if !any {
            return false;
        }
        let mut rest = norm.to_owned();
        for p in &self.phrases {
            if rest.contains(p.as_str()) {
                rest = rest.replace(p.as_str(), "");
            }
        }
        for f in FILLERS {
            if rest.contains(f) {
                rest = rest.replace(f, "");
            }
        }
        rest.chars().count() < 6
    }
}

impl Default for NonAnswers {
    /// The phrases of the default configuration.
    fn default() -> Self {
        Self::new(&super::RuleParams::default().faq_non_answer_phrases)
    }
}

#[cfg(test)]
mod similarity_tests {
    use super::*;

    /// The definitions the fast versions replace, kept to compare against.
    fn reference_normalize(s: &str) -> String {
        let kept: String = to_halfwidth(s)
            .to_lowercase()
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect();
        let mut rest = kept.as_str();
        for prefix in ["问题", "问", "q"] {
            if let Some(r) = rest.strip_prefix(prefix) {
                if r.starts_with(|c: char| c.is_ascii_digit()) {
                    rest = r;
                }
                break;
            }
        }
        rest.trim_start_matches(|c: char| c.is_ascii_digit())
            .to_owned()
    }

    fn reference_without_stopwords(s: &str) -> String {
        let mut out = reference_normalize(s);
        for w in STOPWORDS {
            out = out.replace(w, "");
        }
        out
    }

    fn reference_dice(a: &str, b: &str) -> f64 {
        let (a, b) = (
            reference_without_stopwords(a),
            reference_without_stopwords(b),
        );
        let (ca, cb): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
        if ca.is_empty() && cb.is_empty() {
            return 1.0;
        }
        if ca.len() < 2 || cb.len() < 2 {
            return if a == b { 1.0 } else { 0.0 };
        }
        let mut pa: Vec<(char, char)> = ca.windows(2).map(|w| (w[0], w[1])).collect();
        let mut pb: Vec<(char, char)> = cb.windows(2).map(|w| (w[0], w[1])).collect();
        pa.sort_unstable();
        pb.sort_unstable();
        let total = pa.len() + pb.len();
        let mut common = 0usize;
        for p in &pa {
            if let Ok(i) = pb.binary_search(p) {
                pb.remove(i);
                common += 1;
            }
        }
        2.0 * common as f64 / total as f64
    }

    #[test]
    fn cjk_fast_path_matches_unicode() {
        for c in ('\u{2E80}'..='\u{9FFF}').filter(|c| c.len_utf8() == 3) {
            assert!(
                c.to_lowercase().eq(std::iter::once(c)),
                "{c:?} has a lower case"
            );
            if c >= '\u{4E00}' {
                assert!(c.is_alphanumeric(), "{c:?} is not a letter");
            }
        }
    }

    /// Normalising never gives a text more characters than it had: each character gives at most
    /// one (Q01 skips texts too short by their count alone).
    #[test]
    fn normalising_never_adds_characters() {
        for c in char::MIN..=char::MAX {
            assert!(
                c.to_lowercase().filter(|l| l.is_alphanumeric()).count() <= 1,
                "{c:?}"
            );
            assert!(
                normalize_for_compare(&c.to_string()).chars().count() <= 1,
                "{c:?}"
            );
        }
    }

    #[test]
    fn lowering_never_outgrows_the_bytes() {
        for c in char::MIN..=char::MAX {
            assert!(c.to_lowercase().count() <= c.len_utf8(), "{c:?}");
        }
    }

    #[test]
    fn compare_classes_are_what_lowering_gives() {
        // Every character of the Basic Multilingual Plane (the table's), a sample beyond it.
        for c in char::MIN..=char::MAX {
            if c.is_ascii() || c == 'Σ' || c as u32 > 0xFFFF && !(c as u32).is_multiple_of(97) {
                continue;
            }
            let lowered: String = c.to_lowercase().filter(|l| l.is_alphanumeric()).collect();
            // Twice: once deciding, once from the table.
            for _ in 0..2 {
                match compare_class(c) {
                    CompareClass::Kept => assert_eq!(lowered, c.to_string(), "{c:?}"),
                    CompareClass::Dropped => assert_eq!(lowered, "", "{c:?}"),
                    CompareClass::Lowered => assert!(!c.to_lowercase().eq([c]), "{c:?}"),
                }
            }
        }
    }

    #[test]
    fn fast_versions_agree_with_the_definitions() {
        let texts = [
            "1、如何办理食品经营许可？",
            "问题2：食品经营许可证的有效期是多久？",
            "问：能不能委托他人办理？",
            "Q3. ＡＢＣ　許可 ΣΑΣ ὈΔΥΣΣΕΎΣ",
            "ΣΑΣ",
            "İstanbul ǅ Ⅳ级 ①② 〇〡 々 ㈠ ｶﾀｶﾅ 가나",
            "如的何能不能否是否是否",
            "请问请问什么什么是吗呢了么啊",
            "q12abc",
            "问题abc",
            "",
            "、。，",
            "按相关规定办理，详见办事指南。",
        ];
        for a in texts {
            assert_eq!(normalize_for_compare(a), reference_normalize(a), "{a}");
            assert_eq!(without_stopwords(a), reference_without_stopwords(a), "{a}");
            for b in texts {
                let (fast, slow) = (similarity(a, b), reference_dice(a, b));
                assert!(fast.to_bits() == slow.to_bits(), "{a} / {b}: {fast} {slow}");
                let (ca, cb) = (
                    without_stopwords(a).chars().count(),
                    without_stopwords(b).chars().count(),
                );
                assert!(Bigrams::may_reach(ca, cb, fast), "{a} / {b}");
            }
        }
    }

    /// Pieces for the character versions: stop words run together, labels, case, full width,
    /// punctuation, the final sigma, phrases and fillers.
    const CHAR_PIECES: &[&str] = &[
        "问题",
        "问",
        "Q",
        "q",
        "1",
        "2",
        "、",
        "：",
        "能不能",
        "能",
        "不",
        "否",
        "是否",
        "是",
        "如何",
        "的",
        "吗",
        "了么",
        "请问",
        "办理",
        "可以",
        "详见办事指南",
        "咨询窗口",
        "请咨询",
        "电话",
        "工作人员",
        "详见",
        "见",
        "指南",
        "申请人",
        "材料",
        "ＡＢ",
        "Σ",
        "ΑΣ",
        "İ",
        "Ⅳ",
        "〇",
        "。",
        "，",
        "（",
        "）",
        "　",
        " ",
        "“",
        "々",
        "ｶ",
        "가",
        "𠀀",
        "a",
        "Z",
        // Around the Han range decoded by bytes: U+4DFF, U+4E00, U+9FFF, U+A000, U+3400.
        "\u{4DFF}",
        "\u{4E00}",
        "\u{9FFF}",
        "\u{A000}",
        "\u{3400}",
    ];

    fn chars_of(s: &str) -> Vec<char> {
        let mut out = vec!['x'];
        normalize_chars_into(s, &mut out);
        out
    }

    proptest::proptest! {
        /// Every character version gives what its string version gives.
        #[test]
        fn char_versions_agree_with_the_strings(
            a in proptest::collection::vec(proptest::sample::select(CHAR_PIECES), 0..14),
            b in proptest::collection::vec(proptest::sample::select(CHAR_PIECES), 0..14),
        ) {
            let (a, b) = (a.concat(), b.concat());
            let (na, nb) = (normalize_for_compare(&a), normalize_for_compare(&b));
            let (ca, cb) = (chars_of(&a), chars_of(&b));
            proptest::prop_assert_eq!(ca.iter().collect::<String>(), na.clone());
            proptest::prop_assert_eq!(
                find_chars(&ca, &cb).is_some(),
                find_text(&na, &nb).is_some()
            );
            let mut bare = ca.clone();
            remove_scanned_stopword_chars(&mut bare, scan_stopword_chars(&ca));
            proptest::prop_assert_eq!(scan_stopword_chars(&ca), scan_stopwords(&na));
            proptest::prop_assert_eq!(bare.iter().collect::<String>(), without_stopwords(&a));
            proptest::prop_assert_eq!(
                bare.iter().collect::<String>(),
                reference_without_stopwords(&a)
            );
            let bare_b = without_stopwords(&b);
            let bare_b_chars: Vec<char> = bare_b.chars().collect();
            proptest::prop_assert_eq!(Bigrams::of_chars(&bare), Bigrams::of(&without_stopwords(&a)));
            for t in [0.0, 0.5, 0.8, 1.0] {
                let (sa, sb) = (BigramSketch::of_chars(&bare), BigramSketch::of_chars(&bare_b_chars));
                proptest::prop_assert_eq!(
                    sa.may_reach(&sb, t),
                    BigramSketch::of(&without_stopwords(&a)).may_reach(&BigramSketch::of(&bare_b), t)
                );
                // The bound before the count never changes the answer.
                let plain = sa.chars < 2 || sb.chars < 2
                    || 2.0 * sa.hits(&sb) as f64 / (sa.chars + sb.chars - 2) as f64 >= t;
                proptest::prop_assert_eq!(sa.may_reach(&sb, t), plain);
            }
            proptest::prop_assert_eq!(CharSketch::of_chars(&ca), CharSketch::of(&na).0);
            proptest::prop_assert_eq!(
                sketch_and_scan_stopword_chars(&ca),
                (CharSketch::of_chars(&ca), scan_stopword_chars(&ca))
            );
            let custom = NonAnswers::new(&["见".into(), "Ａ".into(), "问题1".into(), "不能否".into()]);
            for phrases in [NonAnswers::default(), custom] {
                proptest::prop_assert_eq!(
                    phrases.matches_chars(&ca, &mut vec!['x']),
                    phrases.matches_normalized(&na)
                );
            }
            let mut rest = cb.clone();
            remove_all_chars(&mut rest, &ca);
            if !ca.is_empty() {
                proptest::prop_assert_eq!(rest.iter().collect::<String>(), nb.replace(&na, ""));
            }
        }
    }

    #[test]
    fn prepared_non_answers_match_like_the_list() {
        let n = NonAnswers::default();
        assert!(n.matches("详见办事指南。"));
        assert!(n.matches("请咨询窗口工作人员"));
        assert!(!n.matches("请携带身份证原件到窗口办理，详见办事指南"));
        assert!(!n.matches("有效期为5年"));
    }
}

#[cfg(test)]
mod halfwidth_tests {
    use super::*;

    proptest::proptest! {
        /// The run-copying half-width is [`to_halfwidth`].
        #[test]
        fn halfwidth_runs_as_defined(pieces in proptest::collection::vec(
            proptest::sample::select(vec![
                "\u{3000}", "，", "（", "）", "Ａ", "ｿ", "。", "〔", "a", "法", " ", "ｅ", "～", "",
            ]),
            0..8,
        )) {
            let text = pieces.concat();
            proptest::prop_assert_eq!(halfwidth_runs(&text), to_halfwidth(&text));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn masked_words_are_not_found() {
        let words = v(&["及其他", "副本"]);
        let exc = v(&["其他组织", "执照副本"]);
        assert_eq!(
            first_listed_word("法人及其他组织登记证书", &words, &exc),
            None
        );
        assert_eq!(first_listed_word("营业执照副本", &words, &exc), None);
        assert_eq!(
            first_listed_word("身份证及其他证明", &words, &exc),
            Some("及其他")
        );
        assert_eq!(first_listed_word("申请书副本", &words, &exc), Some("副本"));
    }

    #[test]
    fn urls_are_found_and_checked() {
        let found =
            find_urls("下载：http://www.ahzwfw.gov.cn/file/申请表.docx。另见 www.czzwfw.gov.cn");
        assert_eq!(
            found,
            vec![
                "http://www.ahzwfw.gov.cn/file/申请表.docx".to_owned(),
                "www.czzwfw.gov.cn".to_owned()
            ]
        );
        assert_eq!(check_url(&found[0]), Ok(()));
        assert_eq!(check_url(&found[1]), Err(UrlProblem::MissingScheme));
        assert_eq!(
            check_url("htp://www.ahzwfw.gov.cn"),
            Err(UrlProblem::BadScheme)
        );
        assert_eq!(
            check_url("http//www.ahzwfw.gov.cn"),
            Err(UrlProblem::BadScheme)
        );
        assert_eq!(
            check_url("http：//www.ahzwfw.gov.cn"),
            Err(UrlProblem::FullWidth)
        );
        assert_eq!(
            check_url(r"C:\Users\admin\Desktop\申请表.doc"),
            Err(UrlProblem::LocalPath)
        );
        assert!(matches!(
            check_url("http://192.168.1.20:8080/zwfw/download?id=3"),
            Err(UrlProblem::Intranet(_))
        ));
        assert!(matches!(
            check_url("http://zwfwserver/file.doc"),
            Err(UrlProblem::Intranet(_))
        ));
        assert_eq!(
            check_url("https://www.ahzwfw.gov.cn/bog-bsdt/static/a.docx?x=1"),
            Ok(())
        );
        assert_eq!(
            find_urls(r"见C:\Users\admin\申请表.doc"),
            vec![r"C:\Users\admin\申请表.doc".to_owned()]
        );
    }

    #[test]
    fn plain_hosts_are_what_the_parser_accepts() {
        for link in [
            "http://www.ahzwfw.gov.cn",
            "HTTPS://WWW.AHZWFW.GOV.CN/a/申请表.docx?x=1#y",
            "https://a-b.gov.cn\\x",
            "http://123.com/",
            "http://192.168.1.20/x",
            "http://10.0.0.1",
            "http://1.2.3",
            "http://zwfwserver/file.doc",
            "http://a..com",
            "http://a.com.",
            "http://-a.com",
            "http://xn--abc.com",
            "http://a.com:8080/x",
            "http://user@a.com",
            "http://a%41.com",
            "http://ａ.com",
            "http://a.c0m",
            "http:///a.com",
        ] {
            let rest = link.split_once("//").unwrap().1;
            if has_plain_public_host(rest) {
                let parsed = url::Url::parse(link).unwrap();
                let host = parsed.host().unwrap();
                assert!(!is_intranet_host(&host), "{link}");
            }
        }
        assert!(has_plain_public_host("www.ahzwfw.gov.cn/x"));
        assert!(!has_plain_public_host("192.168.1.20/x"));
        assert!(!has_plain_public_host("zwfwserver/file.doc"));
    }

    #[test]
    fn url_precheck_lets_every_candidate_through() {
        for text in [
            "见http://a.cn",
            "HTP://a.cn",
            "ttps://a.cn",
            "FTP://a",
            "FILE:/a",
            "WWW。a.cn",
            r"见C:\Users\a.doc",
            r"\\server\a.doc",
        ] {
            assert!(may_hold_url(text), "{text}");
            assert!(!find_urls(text).is_empty(), "{text}");
        }
        assert!(!may_hold_url("申请人应当具有完全民事行为能力（2023版）"));
        for text in [
            "https://www.ahzwfw.gov.cn/bog-bsdt/static/guide/00000000.html",
            "HTTP://www.ahzwfw.gov.cn/申请表.docx?x=1.",
            "http://www.ahzwfw.gov.cn/a，http://b.cn",
            "http://www.ahzwfw.gov.cn/a http://b.cn",
            "http://",
            "https://www.ahzwfw.gov.cn/files/sample/申请表（示例）.docx",
            "https://a.cn/x（示例）.docx，另见http://b.cn/y.doc。www.c.cn",
            "HTTPS://a.cn/x 和 \\\\server\\a.doc",
            "http://，http://",
            "http://a.cn/x（www）",
        ] {
            assert_eq!(find_urls(text), find_urls_by_regex(text), "{text}");
        }
        assert_eq!(leading_link_end("http://a.cn/x"), Some(13));
        assert_eq!(leading_link_end("http://a.cn/x，见"), Some(13));
        assert_eq!(leading_link_end("见http://a.cn/x"), None);
    }

    /// What [`find_urls`] is defined as: every match of the regex, with the rest of its file name
    /// ([`link_with_file_name_end`]), trimmed and filtered.
    fn find_urls_by_regex(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut at = 0;
        while let Some(m) = URL_CANDIDATE.find_at(text, at) {
            at = link_with_file_name_end(text, m.start(), m.end());
            let link =
                text[m.start()..at].trim_end_matches(['.', '。', ':', '：', '!', '！', '?', '？']);
            if link.chars().count() > 4 {
                out.push(link.to_owned());
            }
        }
        out
    }

    #[test]
    fn a_link_keeps_the_brackets_and_spaces_of_its_file_name() {
        let one = |text: &str| find_urls(text);
        // The group is part of the name when more of the name follows it.
        for (text, link) in [
            (
                "https://www.ahzwfw.gov.cn/files/不动产登记申请书（空表）.docx",
                "https://www.ahzwfw.gov.cn/files/不动产登记申请书（空表）.docx",
            ),
            (
                "下载：http://zwfw.chizhou.gov.cn/f/申请书(2024版)_v2.doc。",
                "http://zwfw.chizhou.gov.cn/f/申请书(2024版)_v2.doc",
            ),
            (
                "htp://zwfw.chizhou.gov.cn/f/申请书（样表）.docx",
                "htp://zwfw.chizhou.gov.cn/f/申请书（样表）.docx",
            ),
            (
                "http://zwfw.chizhou.gov.cn/upload/就业困难人员认定申请表 (2024版).docx",
                "http://zwfw.chizhou.gov.cn/upload/就业困难人员认定申请表 (2024版).docx",
            ),
            (
                "http://zwfw.chizhou.gov.cn/upload/不动产登记申请书 2024.pdf",
                "http://zwfw.chizhou.gov.cn/upload/不动产登记申请书 2024.pdf",
            ),
            (
                "http://zwfw.chizhou.gov.cn/upload/不动产登记申请书（空表） 2024.pdf",
                "http://zwfw.chizhou.gov.cn/upload/不动产登记申请书（空表） 2024.pdf",
            ),
        ] {
            assert_eq!(one(text), vec![link.to_owned()], "{text}");
        }
        // A group or words after the name are a note beside it.
        for (text, link) in [
            (
                "http://zwfw.chizhou.gov.cn/f/a.docx（请用WPS打开）",
                "http://zwfw.chizhou.gov.cn/f/a.docx",
            ),
            (
                "见（http://zwfw.chizhou.gov.cn/f/a.docx），",
                "http://zwfw.chizhou.gov.cn/f/a.docx",
            ),
            (
                "请登录http://www.ahzwfw.gov.cn（安徽政务服务网）办理",
                "http://www.ahzwfw.gov.cn",
            ),
            (
                "http://zwfw.chizhou.gov.cn/f/申请书（请用 WPS 打开）.docx",
                "http://zwfw.chizhou.gov.cn/f/申请书",
            ),
            (
                "http://zwfw.chizhou.gov.cn/f/a.docx 或窗口领取申请表.doc",
                "http://zwfw.chizhou.gov.cn/f/a.docx",
            ),
            (
                "http://zwfw.chizhou.gov.cn/download?id=3 申请表.docx",
                "http://zwfw.chizhou.gov.cn/download?id=3",
            ),
            (
                "http://zwfw.chizhou.gov.cn/f/申请书（请用WPS打开） 窗口也可领取",
                "http://zwfw.chizhou.gov.cn/f/申请书",
            ),
        ] {
            assert_eq!(one(text), vec![link.to_owned()], "{text}");
        }
    }

    proptest::proptest! {
        /// The byte pre-check and the leading-link shortcut find what the regex finds.
        #[test]
        fn find_urls_as_the_regex(pieces in proptest::collection::vec(
            proptest::sample::select(vec![
                "http://", "HTTPS://", "https://", "htp://", "http//", "http：//", "www.", "WWW。",
                "ftp:/", "file:\\", "C:\\", "\\\\", "a.cn", "/x", "申请表", "（示例）", ".docx",
                "，", "。", " ", "\u{3000}", "(", ")", "见", "tp", "?", "：", "a", "1",
                "（", "）", "_", "2024版", ".pdf",
            ]),
            0..8,
        )) {
            let text = pieces.concat();
            proptest::prop_assert_eq!(find_urls(&text), find_urls_by_regex(&text), "{}", text);
        }
    }

    #[test]
    fn link_enders_start_with_the_scanned_bytes() {
        for c in (0..=0x0010_FFFF)
            .filter_map(char::from_u32)
            .filter(|&c| ends_link(c))
        {
            let mut buf = [0u8; 4];
            let first = c.encode_utf8(&mut buf).as_bytes()[0];
            assert!(
                first < 0x80 || matches!(first, 0xC2 | 0xE1 | 0xE2 | 0xE3 | 0xEF),
                "{c:?}"
            );
        }
    }

    /// What [`check_url`] is defined as, character by character: the reading that
    /// `has_full_width_authority` and the byte-wise [`has_plain_public_host`] answer faster.
    fn check_url_plain(link: &str) -> Result<(), UrlProblem> {
        let t = link.trim();
        if starts_with_ignore_ascii_case(t, "file:")
            || t.starts_with("\\\\")
            || t.as_bytes().get(1) == Some(&b':') && t.as_bytes().get(2) == Some(&b'\\')
        {
            return Err(UrlProblem::LocalPath);
        }
        let authority = t
            .split_inclusive(['/', '／'])
            .take(3)
            .flat_map(str::chars)
            .filter(|&c| c != '/' && c != '／');
        for c in authority {
            if ('\u{FF01}'..='\u{FF5E}').contains(&c) || c == '。' || c == '\u{3000}' {
                return Err(UrlProblem::FullWidth);
            }
        }
        if starts_with_ignore_ascii_case(t, "www.") {
            return Err(UrlProblem::MissingScheme);
        }
        if !starts_with_ignore_ascii_case(t, "http://")
            && !starts_with_ignore_ascii_case(t, "https://")
        {
            return Err(UrlProblem::BadScheme);
        }
        let parsed = url::Url::parse(t).map_err(|e| UrlProblem::Unparsable(e.to_string()))?;
        match parsed.host() {
            None => Err(UrlProblem::Unparsable("缺少主机名".to_owned())),
            Some(h) if is_intranet_host(&h) => Err(UrlProblem::Intranet(h.to_string())),
            Some(_) => Ok(()),
        }
    }

    #[test]
    fn http_schemes_are_read_as_defined() {
        // Each scheme with one character changed (to either case, to a byte that folds near a
        // letter, or away), then cut anywhere, then followed by something or nothing.
        let swaps = [
            "", "h", "H", "t", "T", "p", "P", "s", "S", ":", "/", "x", "\u{0}", "é", "\u{8}",
        ];
        let mut texts = Vec::new();
        for base in ["http://", "https://", "HTTPS://"] {
            for at in 0..base.len() {
                for swap in swaps {
                    let changed = format!("{}{swap}{}", &base[..at], &base[at + 1..]);
                    for cut in 0..=changed.len() {
                        for tail in ["", "a", "/x", "s://"] {
                            if let Some(head) = changed.get(..cut) {
                                texts.push(format!("{head}{tail}"));
                            }
                        }
                    }
                }
            }
        }
        for t in &texts {
            let want = if starts_with_ignore_ascii_case(t, "http://") {
                Some(7)
            } else if starts_with_ignore_ascii_case(t, "https://") {
                Some(8)
            } else {
                None
            };
            assert_eq!(http_scheme_len(t.as_bytes()), want, "{t:?}");
        }
        assert!(
            texts
                .iter()
                .filter(|t| http_scheme_len(t.as_bytes()) == Some(7))
                .count()
                > 10
        );
        assert!(
            texts
                .iter()
                .filter(|t| http_scheme_len(t.as_bytes()) == Some(8))
                .count()
                > 10
        );
    }

    #[test]
    fn ascii_link_enders() {
        for b in 0..0x80u8 {
            assert_eq!(ascii_ends_link(b), ends_link(char::from(b)), "{b:#x}");
        }
        // The window pre-test lets every possible first byte of a link ender through.
        for c in (0..=0x0010_FFFF)
            .filter_map(char::from_u32)
            .filter(|&c| ends_link(c))
        {
            let mut buf = [0u8; 4];
            assert!(
                may_end_link_byte(c.encode_utf8(&mut buf).as_bytes()[0]),
                "{c:?}"
            );
        }
        // Every ender at every position of texts longer than a window.
        for c in [' ', ',', '}', '\u{3000}', '，', '”', '\u{a0}'] {
            for len in [15, 16, 17, 40] {
                for at in 0..len {
                    let mut t: Vec<char> = std::iter::repeat_n('a', len).collect();
                    t[at] = c;
                    let t: String = t.into_iter().collect();
                    assert_eq!(link_end(&t), link_end_plain(&t), "{t:?}");
                    assert_eq!(link_end(&t), at, "{t:?}");
                }
            }
        }
        let long = "https://www.ahzwfw.gov.cn/files/sample/申请表（示例）.docx";
        assert_eq!(link_end(long), long.find('（').unwrap());
    }

    /// What [`has_plain_public_host`] is defined as, label by label.
    fn has_plain_public_host_plain(after_scheme: &str) -> bool {
        let end = after_scheme
            .find(['/', '?', '#', '\\'])
            .unwrap_or(after_scheme.len());
        let host = &after_scheme[..end];
        let mut labels = 0;
        let mut last_all_letters = false;
        for label in host.split('.') {
            let b = label.as_bytes();
            let plain = !b.is_empty()
                && b.len() <= 63
                && b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'-')
                && b[0] != b'-'
                && b[b.len() - 1] != b'-'
                && !label.contains("--");
            if !plain {
                return false;
            }
            labels += 1;
            last_all_letters = b.iter().all(u8::is_ascii_alphabetic);
        }
        labels >= 2 && last_all_letters
    }

    /// [`link_end`] as defined: the first character that [`ends_link`].
    fn link_end_plain(text: &str) -> usize {
        text.char_indices()
            .find(|&(_, c)| ends_link(c))
            .map_or(text.len(), |(i, _)| i)
    }

    proptest::proptest! {
        /// The byte-wise checks answer as the parser and the character-wise reading do.
        #[test]
        fn check_url_as_defined(pieces in proptest::collection::vec(
            proptest::sample::select(vec![
                "http://", "HTTPS://", "https:／／", "htp://", "www.", "file:", "C:\\", "\\\\",
                "a", "gov", ".", ".cn", "-", "--", "xn--", "1", "192.168.1.2", "/", "／", "?", "#",
                "\\", ":8080", "@", "%41", "ａ", "：", "。", "\u{3000}", "\u{FF5E}", "\u{FF5F}",
                "\u{FF00}", "申请表", "（示例）", ".docx", " ", "localhost", "Ω",
            ]),
            0..9,
        )) {
            let link = pieces.concat();
            proptest::prop_assert_eq!(check_url(&link), check_url_plain(&link), "{}", link);
            proptest::prop_assert_eq!(link_end(&link), link_end_plain(&link), "{}", link);
            proptest::prop_assert_eq!(
                has_plain_public_host(&link),
                has_plain_public_host_plain(&link),
                "{}",
                link
            );
            if let Some(end) = plain_public_host_end(&link) {
                proptest::prop_assert_eq!(
                    end,
                    link.find(['/', '?', '#', '\\']).unwrap_or(link.len()),
                    "{}",
                    link
                );
            }
        }

        /// The short texts' padding answers as `any_byte_pair`'s does.
        #[test]
        fn may_hold_url_as_any_byte_pair(text in "[tTpPwWfFiI\\\\a\\x00é见:/ ]{0,20}") {
            let plain = any_byte_pair(&text, |x, y| {
                let (lower_x, lower_y) = (x | 0x20, y | 0x20);
                (lower_x == b't' && lower_y == b'p')
                    || (lower_x == b'w' && lower_y == b'w')
                    || (lower_x == b'f' && lower_y == b'i')
                    || x == b'\\'
            });
            proptest::prop_assert_eq!(may_hold_url(&text), plain, "{:?}", text);
        }
    }

    #[test]
    fn percent_decoding_keeps_utf8_and_flags_gbk() {
        assert_eq!(
            percent_decode_lossy("%E7%94%B3%E8%AF%B7%E8%A1%A8.docx"),
            "申请表.docx"
        );
        assert!(percent_decode_lossy("%C9%EA%C7%EB%B1%ED.doc").contains('\u{fffd}'));
        assert_eq!(percent_decode_lossy("100%"), "100%");
        assert_eq!(percent_decode_lossy("%E"), "%E");
    }

    #[test]
    fn laws_and_articles() {
        assert!(names_law("《中华人民共和国食品安全法》第三十五条"));
        assert!(names_law("中华人民共和国行政许可法 第二十九条"));
        assert!(names_law(
            "安徽省物价局关于规范不动产登记收费的通知（皖价服〔2017〕8号）"
        ));
        assert!(names_law("财税〔2016〕79号"));
        assert!(names_law("国家市场监督管理总局令第17号"));
        assert!(!names_law("按国家有关规定执行"));
        assert!(!names_law("依法办理"));
        assert!(!names_law("按池州市相关规定办理"));
        assert!(names_law("城乡规划法第40条"));
        assert!(!names_law("按相关规定第三条"));
        assert!(!names_law("按规定第三条"));
        assert!(!names_law("第三条"));
        assert!(cites_article("第三十五条"));
        assert!(cites_article("第2款"));
        assert!(!cites_article("《食品安全法》"));
    }

    #[test]
    fn non_answers() {
        let phrases = v(&["详见办事指南", "咨询窗口", "请咨询"]);
        assert!(is_non_answer("详见办事指南。", &phrases));
        assert!(is_non_answer("请咨询窗口工作人员", &phrases));
        assert!(!is_non_answer(
            "请携带身份证原件到窗口办理，详见办事指南",
            &phrases
        ));
        assert!(!is_non_answer("有效期为5年", &phrases));
    }

    #[test]
    fn similar_questions() {
        assert!(
            (similarity("1、如何办理食品经营许可？", "如何办理食品经营许可") - 1.0).abs() < 1e-9
        );
        assert!(
            similarity(
                "食品经营许可证有效期多久？",
                "食品经营许可证的有效期是多久？"
            ) > 0.8
        );
        assert!(similarity("办理需要多长时间？", "可以委托他人办理吗？") < 0.5);
        assert!(
            similarity(
                "办理食品经营许可需要哪些材料？",
                "办理食品经营许可需要多长时间？"
            ) < 0.8
        );
        assert!(similarity("怎么申请食品经营许可？", "如何申请食品经营许可") > 0.99);
        assert!((similarity("", "") - 1.0).abs() < 1e-9);
        assert!(similarity("a", "") < 0.5);
    }
}
