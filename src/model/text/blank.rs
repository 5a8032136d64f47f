//! Empty and placeholder values: [`PLACEHOLDERS`], [`is_blank_or_placeholder`], and [`trim`],
//! which decodes a text's ends only when they may be whitespace.
//!
//! Not here: folding and label normalisation (`mod.rs`), garbled text (`mojibake`).

/// The values that stand in for a missing value on real platforms.
pub const PLACEHOLDERS: &[&str] = &[
    "无",
    "/",
    "／",
    "-",
    "--",
    "—",
    "——",
    "暂无",
    "空",
    "null",
    "NULL",
    "none",
    "None",
    "N/A",
    "n/a",
    "详见附件",
    "见附件",
    "见上",
    "同上",
    "略",
    "待定",
    "待补充",
    "0",
    "…",
    "……",
    "...",
    "（空）",
    "(空)",
];

/// What may end a placeholder or a short answer without changing it (`无。`, `暂无；`, `同上。`).
pub const SENTENCE_ENDS: &[char] = &['。', '．', '.', '；', ';', '，', ',', '！', '!'];

/// Whether a trimmed value is empty or only a placeholder such as `无`, `/` or `暂无`, also with
/// a full stop or semicolon after it (`无。`, `暂无；`).
pub fn is_blank_or_placeholder(s: &str) -> bool {
    let t = trim(s);
    t.is_empty() || is_placeholder(t) || {
        // Most values end in a character that ends no sentence: its last byte says so (the
        // half-width marks, and the last bytes of 。 ． ； ， ！), without decoding it.
        matches!(
            t.as_bytes().last(),
            Some(b'.' | b';' | b',' | b'!' | 0x81 | 0x82 | 0x8C | 0x8E | 0x9B)
        )
    } && {
        let u = t.trim_end_matches(SENTENCE_ENDS);
        u.len() < t.len() && !u.is_empty() && is_placeholder(trim(u))
    }
}

/// `PLACEHOLDERS.contains(&t)` as one `match` (by length, then bytes) instead of a comparison
/// with each entry; `text::tests::placeholder_match_is_the_list` keeps the two in step.
pub(super) fn is_placeholder(t: &str) -> bool {
    matches!(
        t,
        "无" | "/"
            | "／"
            | "-"
            | "--"
            | "—"
            | "——"
            | "暂无"
            | "空"
            | "null"
            | "NULL"
            | "none"
            | "None"
            | "N/A"
            | "n/a"
            | "详见附件"
            | "见附件"
            | "见上"
            | "同上"
            | "略"
            | "待定"
            | "待补充"
            | "0"
            | "…"
            | "……"
            | "..."
            | "（空）"
            | "(空)"
    )
}

/// `s.trim()`, without decoding either end when neither is whitespace (the usual case): the
/// first and last characters are matched as bytes against the UTF-8 encodings of the 25
/// whitespace characters (`char::is_whitespace`), and only a text that starts or ends with one
/// goes to `str::trim`. `text::tests::space_ends_are_exact` checks the byte patterns against
/// `char::is_whitespace` for every character.
#[inline]
pub fn trim(s: &str) -> &str {
    let b = s.as_bytes();
    if starts_with_space(b) || ends_with_space(b) {
        s.trim()
    } else {
        s
    }
}

/// Whether the UTF-8 text `b` starts with a whitespace character.
#[inline]
pub(super) fn starts_with_space(b: &[u8]) -> bool {
    match b {
        [x, ..] if *x < 0x80 => matches!(x, 0x09..=0x0D | 0x20),
        [0xC2, 0x85 | 0xA0, ..]
        | [0xE1, 0x9A, 0x80, ..]
        | [0xE2, 0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF, ..]
        | [0xE2, 0x81, 0x9F, ..]
        | [0xE3, 0x80, 0x80, ..] => true,
        _ => false,
    }
}

/// Whether the UTF-8 text `b` ends with a whitespace character. A lead byte (`C2`, `E1`–`E3`)
/// two or three bytes from the end can only start the last character.
#[inline]
pub(super) fn ends_with_space(b: &[u8]) -> bool {
    match b {
        [.., x] if *x < 0x80 => matches!(x, 0x09..=0x0D | 0x20),
        [.., 0xC2, 0x85 | 0xA0]
        | [.., 0xE1, 0x9A, 0x80]
        | [.., 0xE2, 0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF]
        | [.., 0xE2, 0x81, 0x9F]
        | [.., 0xE3, 0x80, 0x80] => true,
        _ => false,
    }
}
