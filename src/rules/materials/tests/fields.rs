//! Copies, source channels, bracket trimming and word search in the short material fields.

#[allow(clippy::wildcard_imports)]
use super::super::names::*;
use super::super::*;
use super::trim_open_brackets_plain;

proptest::proptest! {
    #[test]
    fn holds_word_as_defined(
        text in proptest::collection::vec(
            proptest::sample::select(vec!["原件", "原", "件", "复印件", "电子", "纸质", "a", "ab", "\u{539f}", "\u{4ef6}", "和"]),
            0..5,
        ),
        word in proptest::sample::select(vec!["", "a", "ab", "原件", "复印件", "件", "纸质", "\u{539f}\u{4ef6}a"]),
    ) {
        let text = text.concat();
        proptest::prop_assert_eq!(holds_word(&text, word), text.contains(word), "{} {}", text, word);
    }
}

/// [`parse_copies`] as first written, without the fast path for a bare number.
fn parse_copies_plain(text: &str) -> Option<u32> {
    let t = to_halfwidth(text);
    let t = t.trim();
    if let Some(start) = t.find(|c: char| c.is_ascii_digit()) {
        let digits: String = t[start..]
            .chars()
            .take_while(char::is_ascii_digit)
            .take(6)
            .collect();
        let after = &t[start + digits.len()..];
        let negative = t[..start].ends_with(['-', '−']);
        // A fraction has a non-zero decimal: `1.0` is one copy, `1.5` no count.
        let decimals: Vec<u8> = after
            .strip_prefix('.')
            .map(|a| a.bytes().take_while(u8::is_ascii_digit).collect())
            .unwrap_or_default();
        let fraction = decimals.iter().any(|&d| d != b'0');
        if negative || fraction {
            return None;
        }
        return digits.parse().ok();
    }
    if let Some(&(_, n)) = CN.iter().find(|(w, _)| *w == t) {
        return Some(n);
    }
    let before_fen = t.rfind('份').map(|i| &t[..i])?;
    let last = before_fen.chars().last()?;
    CN.iter()
        .find(|(w, _)| w.starts_with(last))
        .map(|&(_, n)| n)
}

proptest::proptest! {
    #[test]
    fn parse_copies_as_defined(
        pieces in proptest::collection::vec(
            proptest::sample::select(vec![
                "0", "1", "2", "9", "12345", "１", "２", " ", "\u{3000}", "份", "两", "一式", "若干",
                "a", "-", "+", ".", "−", "５", "一", "壹", "十",
            ]),
            0..5,
        ),
    ) {
        let text = pieces.concat();
        proptest::prop_assert_eq!(parse_copies(&text), parse_copies_plain(&text), "{}", text);
    }

    #[test]
    fn trim_open_brackets_as_defined(
        pieces in proptest::collection::vec(
            proptest::sample::select(vec![
                "(", ")", "（", "）", "【", "】", "[", "]", "申请表", ".docx", "a",
            ]),
            0..7,
        ),
    ) {
        let name = pieces.concat();
        proptest::prop_assert_eq!(trim_open_brackets(&name), trim_open_brackets_plain(&name));
    }
}

#[test]
fn copies() {
    assert_eq!(parse_copies("1"), Some(1));
    assert_eq!(parse_copies("２份"), Some(2));
    assert_eq!(parse_copies("壹份"), Some(1));
    assert_eq!(parse_copies("一式两份"), Some(2));
    assert_eq!(parse_copies("若干"), None);
    assert_eq!(parse_copies("-1"), None);
    assert_eq!(parse_copies("1.5"), None);
    assert_eq!(parse_copies("1.5份"), None);
    // A whole number with decimals, as an export writes a count column with blanks: a count.
    assert_eq!(parse_copies("1.0"), Some(1));
    assert_eq!(parse_copies("2.00份"), Some(2));
    assert_eq!(parse_copies("1.05"), None);
    assert_eq!(parse_copies("1份."), Some(1));
    assert_eq!(parse_marked_copies("A4"), None);
    assert_eq!(parse_marked_copies("A4纸1份"), Some(1));
    assert_eq!(parse_marked_copies("一式两份"), Some(2));
    assert_eq!(parse_marked_copies("A4，原件2份"), Some(2));
    assert_eq!(parse_copies(""), None);
}

/// The plain definition that [`source_channel`] answers in one pass.
fn source_channel_plain(text: &str) -> Option<SourceChannel> {
    let t = to_halfwidth(text);
    let t = t.trim();
    if ["自备", "申请人", "申请单位", "自行", "本人"]
        .iter()
        .any(|w| t.contains(w))
    {
        Some(SourceChannel::Applicant)
    } else if t.contains("核发") || t.contains("政府") || t.contains("部门") {
        Some(SourceChannel::Government)
    } else if t.contains("其他") || t.contains("其它") {
        Some(SourceChannel::Other)
    } else {
        match t {
            "10" | "1" => Some(SourceChannel::Applicant),
            "20" | "2" => Some(SourceChannel::Government),
            "99" | "9" => Some(SourceChannel::Other),
            _ => None,
        }
    }
}

proptest::proptest! {
    #[test]
    fn source_channel_as_defined(
        pieces in proptest::collection::vec(
            proptest::sample::select(vec![
                "自备", "申请人", "申请单位", "自行", "本人", "核发", "政府", "部门", "其他",
                "其它", "申请", "人", "10", "1", "２", "9", " ", "\u{3000}", "其",
            ]),
            0..4,
        ),
    ) {
        let text = pieces.concat();
        proptest::prop_assert_eq!(source_channel(&text), source_channel_plain(&text));
    }
}

#[test]
fn source_channels() {
    assert_eq!(source_channel("申请人自备"), Some(SourceChannel::Applicant));
    assert_eq!(source_channel("20"), Some(SourceChannel::Government));
    assert_eq!(
        source_channel("政府部门核发"),
        Some(SourceChannel::Government)
    );
    assert_eq!(source_channel("其他"), Some(SourceChannel::Other));
    assert_eq!(source_channel("随便"), None);
}
