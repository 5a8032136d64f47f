//! The text around a digit group: a web address it is part of, the word before it, a list
//! separator or an extension marker between two groups. Kept apart from the walk over the groups
//! in `mod.rs`, which only asks these questions of it.

/// Whether the digit group `half[s..e]` is part of a web address written without `http://`: in
/// its host name (`12345.chizhou.gov.cn`, `www.12388.gov.cn`) or in its path
/// (`www.ahzwfw.gov.cn/zx/2021156`). Read on the ASCII run around the group: before it, the
/// characters of a link back to the first that is none (`登录`, a space, `，`); after it, the rest
/// of a host name. A number beside a web address (`0566-2021156（网址 www.ahzwfw.gov.cn）`,
/// `www.ahzwfw.gov.cn 0566-2021156`) is not in it.
pub(super) fn in_web_address(half: &str, s: usize, e: usize) -> bool {
    let b = half.as_bytes();
    let mut start = s;
    while start > 0
        && (b[start - 1].is_ascii_alphanumeric()
            || matches!(
                b[start - 1],
                b'.' | b'-' | b'_' | b'/' | b'?' | b'=' | b'&' | b'%' | b'#'
            ))
    {
        start -= 1;
    }
    let before = &b[start..s];
    if before.windows(4).any(|w| w.eq_ignore_ascii_case(b"www.")) || ends_a_domain(before) {
        return true;
    }
    // `12345.chizhou.gov.cn`: the host name goes on after the digits.
    let mut end = e;
    while end < b.len() && (b[end].is_ascii_alphanumeric() || matches!(b[end], b'.' | b'-')) {
        end += 1;
    }
    b.get(e) == Some(&b'.') && ends_a_domain(&b[e..end])
}

/// Whether `t` holds a top-level domain as its own label (`.cn`, `.com`, `.gov`, `.net`, `.org`,
/// `.edu`, followed by `.`, `/`, `:` or the end): the rest of a host name, not a decimal or an
/// abbreviation (`No.`).
fn ends_a_domain(t: &[u8]) -> bool {
    const TLDS: [&[u8]; 6] = [b"cn", b"com", b"gov", b"net", b"org", b"edu"];
    t.iter().enumerate().any(|(i, &c)| {
        c == b'.'
            && TLDS.iter().any(|tld| {
                t.get(i + 1..i + 1 + tld.len())
                    .is_some_and(|w| w.eq_ignore_ascii_case(tld))
                    && matches!(t.get(i + 1 + tld.len()), None | Some(b'.' | b'/' | b':'))
            })
    })
}

/// The run of non-space, non-separator characters that ends at the end of `s`.
pub(super) fn word_before(s: &str) -> &str {
    let start = s
        .char_indices()
        .rev()
        .find(|&(_, c)| c.is_whitespace() || matches!(c, '、' | ',' | ';' | '，' | '；'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    &s[start..]
}

/// Text between two numbers of a list: `/`, `、`, `,`, `;`, `和`, `或` (spaces around allowed).
pub(super) fn is_list_separator(between: &str) -> bool {
    let t = between.trim();
    // White space alone separates too (`0566-2021156 2021157`).
    (t.is_empty() && !between.is_empty())
        || matches!(t, "/" | "、" | "," | "，" | ";" | "；" | "和" | "或" | "及")
}

pub(super) fn is_extension_marker(between: &str) -> bool {
    let t = between.trim();
    t.ends_with('转')
        || t.ends_with("分机")
        || t.ends_with("分机号")
        || t.ends_with("转分机")
        || t.eq_ignore_ascii_case("ext")
        || t.ends_with("ext.")
}
