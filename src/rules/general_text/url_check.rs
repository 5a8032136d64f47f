//! Checking a link's form without fetching it: scheme, host, intranet addresses, full-width
//! characters, local paths; and decoding a percent-encoded name.

use super::urls::http_scheme_len;
#[allow(clippy::wildcard_imports)]
use super::*;

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

pub(super) fn is_intranet_host(host: &url::Host<&str>) -> bool {
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
/// `tests::url_tests::check_url_as_defined` compares it with the character-by-character reading.
pub(super) fn has_full_width_authority(t: &str) -> bool {
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

pub(super) fn starts_with_ignore_ascii_case(text: &str, prefix: &str) -> bool {
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
pub(super) fn has_plain_public_host(after_scheme: &str) -> bool {
    plain_public_host_end(after_scheme).is_some()
}

/// Where the host ends (at `/`, `?`, `#`, `\\` or the end) when [`has_plain_public_host`].
pub(super) fn plain_public_host_end(after_scheme: &str) -> Option<usize> {
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
pub(super) const HOST_LETTER: u8 = 1;
pub(super) const HOST_DIGIT: u8 = 2;
pub(super) const HOST_DOT: u8 = 3;
pub(super) const HOST_HYPHEN: u8 = 4;
/// `/`, `?`, `#` or `\`: the host ends.
pub(super) const HOST_END: u8 = 5;

/// The class of each byte in a host read by [`plain_public_host_end`].
pub(super) static HOST_BYTES: [u8; 256] = {
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
    String::from_utf8_lossy(&crate::model::text::percent_decode(s.as_bytes())).into_owned()
}
