//! Bytes to text: the charset from the `Content-Type` header, a byte-order mark, a `<meta charset>`
//! in the first bytes, or chardetng's guess — GBK/GB2312/GB18030 and UTF-8 pages alike.

use encoding_rs::{Encoding, UTF_8};

/// Decodes a body; returns the text and the encoding's name. Malformed bytes become U+FFFD (the
/// mojibake rule then sees them).
pub fn decode(body: &[u8], content_type: Option<&str>) -> (String, &'static str) {
    let enc = from_bom(body)
        .or_else(|| content_type.and_then(charset_param))
        .or_else(|| meta_charset(body))
        .unwrap_or_else(|| detect(body));
    let (text, used, _) = enc.decode(body);
    (text.into_owned(), used.name())
}

fn from_bom(body: &[u8]) -> Option<&'static Encoding> {
    Encoding::for_bom(body).map(|(e, _)| e)
}

/// `text/html; charset=gbk` → GBK.
fn charset_param(content_type: &str) -> Option<&'static Encoding> {
    content_type.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        if k.trim().eq_ignore_ascii_case("charset") {
            Encoding::for_label(v.trim().trim_matches(['"', '\'']).as_bytes())
        } else {
            None
        }
    })
}

/// `<meta charset="gbk">` or `<meta http-equiv="Content-Type" content="text/html; charset=gb2312">`
/// in the first 4 KiB.
fn meta_charset(body: &[u8]) -> Option<&'static Encoding> {
    let head = &body[..body.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(pos) = find(&lower[from..], b"charset") {
        let at = from + pos + b"charset".len();
        from = at;
        let rest = &lower[at..];
        let rest = trim_start(rest);
        let Some(rest) = rest.strip_prefix(b"=") else {
            continue;
        };
        let rest = trim_start(rest);
        let rest = rest
            .strip_prefix(b"\"")
            .or_else(|| rest.strip_prefix(b"'"))
            .unwrap_or(rest);
        let end = rest
            .iter()
            .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.')))
            .unwrap_or(rest.len());
        if let Some(e) = Encoding::for_label(&rest[..end]) {
            // A page saying UTF-16 in a meta tag is ASCII-compatible text: HTML's rule is UTF-8.
            return Some(
                if e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE {
                    UTF_8
                } else {
                    e
                },
            );
        }
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn trim_start(s: &[u8]) -> &[u8] {
    let n = s.iter().take_while(|b| b.is_ascii_whitespace()).count();
    &s[n..]
}

fn detect(body: &[u8]) -> &'static Encoding {
    let mut d = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    d.feed(body, true);
    d.guess(Some(b"cn"), chardetng::Utf8Detection::Allow)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str =
        "<html><body>承诺办结时限：5个工作日，监督投诉电话：0566-12345</body></html>";

    #[test]
    fn header_wins() {
        let (bytes, _, _) = encoding_rs::GBK.encode(TEXT);
        let (t, name) = decode(&bytes, Some("text/html; charset=GB2312"));
        assert_eq!(t, TEXT);
        assert_eq!(name, "GBK");
    }

    #[test]
    fn meta_tag_then_detection() {
        let page = format!(
            "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb18030\"></head>{TEXT}"
        );
        let (bytes, _, _) = encoding_rs::GB18030.encode(&page);
        assert_eq!(decode(&bytes, Some("text/html")).0, page);
        let (bytes, _, _) = encoding_rs::GBK.encode(TEXT);
        assert_eq!(decode(&bytes, None).0, TEXT);
        assert_eq!(decode(TEXT.as_bytes(), None), (TEXT.to_owned(), "UTF-8"));
    }
}
