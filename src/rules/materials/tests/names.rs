//! Whether a file name relates to its material: link file names, generic words, relatedness.

#[allow(clippy::wildcard_imports)]
use super::super::files::*;
#[allow(clippy::wildcard_imports)]
use super::super::names::*;
use crate::rules::general_text::{find_text, percent_decode_lossy};

#[test]
fn relatedness() {
    assert_eq!(
        name_relates("食品经营许可申请表.docx", "食品经营许可申请书"),
        Some(true)
    );
    assert_eq!(
        name_relates("营业执照.jpg", "食品经营许可申请书"),
        Some(false)
    );
    assert_eq!(name_relates("附件1.docx", "食品经营许可申请书"), None);
    assert_eq!(name_relates("20230512093011.doc", "申请书"), None);
    // Longer than the 128-byte mask: the words are replaced in the text instead.
    let long = format!("{}样表格营业.pdf", "附件".repeat(30));
    assert_eq!(name_relates(&long, "营业执照"), Some(true));
    assert_eq!(name_relates(&long, "样格"), Some(false));
}

/// What [`link_file_name`] is defined as, read with `str::split` and always copied.
fn link_file_name_plain(link: &str) -> Option<String> {
    let path = link.split(['?', '#']).next().unwrap_or(link);
    let after_host = path
        .find("//")
        .map_or(path, |i| path.get(i + 2..).unwrap_or(""));
    let mut segments = after_host.split(['/', '\\']);
    let first = segments.next();
    let last = segments
        .next_back()
        .or(if link.contains('\\') { first } else { None })
        .map(|s| {
            if s.contains('%') {
                percent_decode_lossy(s)
            } else {
                s.to_owned()
            }
        })
        .filter(|s| !s.is_empty());
    if last
        .as_deref()
        .and_then(|n| {
            let (stem, ext) = n.rsplit_once('.')?;
            (!stem.is_empty()
                && (1..=5).contains(&ext.len())
                && ext.bytes().all(|b| b.is_ascii_alphanumeric()))
            .then_some(ext)
        })
        .is_some_and(|e| !HANDLERS.iter().any(|h| h.eq_ignore_ascii_case(e)))
    {
        return last;
    }
    let query = link.split_once('?').map_or("", |(_, q)| q);
    let query = query.split('#').next().unwrap_or(query);
    query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .map(|(_, value)| percent_decode_lossy(&value.replace('+', " ")))
        .find(|value| raw_extension(value).is_some() && !value.contains('/'))
        .or(last)
}

proptest::proptest! {
    #[test]
    fn link_file_name_as_defined(pieces in proptest::collection::vec(
        proptest::sample::select(vec![
            "https://", "http:", "//", "/", "\\", "?", "#", "&", "=", "+", ".", "..", "a",
            "申请表", ".docx", ".do", ".PDF", "%E7%94%B3", "%C9%EA", "%", "fileName=",
            "www.a.cn", "download", "C:", "（示例）",
        ]),
        0..9,
    )) {
        let link = pieces.concat();
        proptest::prop_assert_eq!(link_file_name(&link), link_file_name_plain(&link), "{}", link);
    }
}

/// [`generic_word_mask`] as first written, with a search per word present: the bytes of `stem` that [`without_generic_words`] replaces by spaces, as bits, without
/// copying: each word's occurrences are found in list order, left to right and not overlapping,
/// among the bytes not yet replaced. A replaced word becomes a space, which no word holds, so a
/// word occurs in the replaced text exactly where it occurs in `stem` over bytes not yet replaced;
/// and [`han_bigrams`] skips the space as it skips the bytes left out here. `None` for a stem
/// longer than the mask (128 bytes): then the text is replaced.
fn generic_word_mask_searched(stem: &str) -> Option<u128> {
    if stem.len() > 128 {
        return None;
    }
    if !GENERIC_NAME_MATCHER.is_match(stem) {
        return Some(0);
    }
    let mut present = 0u32;
    for m in GENERIC_NAME_MATCHER.find_overlapping_iter(stem) {
        present |= 1 << m.pattern().as_u32();
    }
    let mut mask = 0u128;
    for (i, w) in GENERIC_NAME_WORDS.iter().enumerate() {
        if present & (1 << i) == 0 {
            continue;
        }
        // Every word is a few Han characters: fewer than 128 bytes.
        let bits = (1u128 << w.len()) - 1;
        let mut at = 0;
        while let Some(j) = find_text(&stem[at..], w).map(|j| j + at) {
            if mask & (bits << j) == 0 {
                mask |= bits << j;
                at = j + w.len();
            } else {
                // Over a replaced word: look again from the next character.
                at = j + stem[j..].chars().next().map_or(1, char::len_utf8);
            }
        }
    }
    Some(mask)
}

#[test]
fn generic_words_are_two_characters() {
    for (i, w) in GENERIC_NAME_WORDS.iter().enumerate() {
        let chars: Vec<char> = w.chars().collect();
        assert_eq!(chars.len(), 2, "{w}");
        assert_ne!(chars[0], chars[1], "{w}");
        assert!(chars.iter().all(|&c| is_han(c) && c.len_utf8() == 3), "{w}");
        assert_eq!(generic_word(chars[0], chars[1]), Some(i as u8), "{w}");
    }
    // No other pair of their characters is a word.
    let all: Vec<char> = GENERIC_NAME_WORDS.iter().flat_map(|w| w.chars()).collect();
    for &a in &all {
        for &b in &all {
            let word = format!("{a}{b}");
            assert_eq!(
                generic_word(a, b).is_some(),
                GENERIC_NAME_WORDS.contains(&word.as_str()),
                "{word}"
            );
        }
    }
}

proptest::proptest! {
    #[test]
    fn generic_word_mask_as_replaced(
        stem in proptest::collection::vec(
            proptest::sample::select(
                GENERIC_NAME_WORDS.iter().copied()
                    .chain(["附", "件", "样", "表", "格", "本", "范", "新", "版", "最", "示",
                            "申请", "（", "）", ".", "a", "1", "é"])
                    .collect::<Vec<_>>()
            ),
            0..50,
        ),
    ) {
        let stem = stem.concat();
        proptest::prop_assert_eq!(
            generic_word_mask(&stem),
            generic_word_mask_searched(&stem),
            "{}", stem
        );
    }
}

/// The plain definition that [`name_relates`] answers with fewer copies.
fn name_relates_plain(file_name: &str, material_name: &str) -> Option<bool> {
    let han_bigrams = |s: &str| {
        let chars: Vec<char> = s.chars().filter(|&c| is_han(c)).collect();
        chars.windows(2).map(|w| (w[0], w[1])).collect::<Vec<_>>()
    };
    let stem = file_name
        .rsplit_once('.')
        .map_or(file_name, |(stem, _)| stem);
    let mut meaningful = stem.to_owned();
    for w in GENERIC_NAME_WORDS {
        meaningful = meaningful.replace(w, " ");
    }
    let file_pairs = han_bigrams(&meaningful);
    if file_pairs.is_empty() {
        return None;
    }
    let material_pairs = han_bigrams(material_name);
    Some(file_pairs.iter().any(|p| material_pairs.contains(p)))
}

proptest::proptest! {
    #[test]
    fn name_relates_as_defined(
        file in proptest::collection::vec(
            proptest::sample::select(
                GENERIC_NAME_WORDS.iter().copied()
                    .chain(["申请", "表", "书", "样", "格", "（", "）", ".", "docx", "1"])
                    .collect::<Vec<_>>()
            ),
            // Up to 180 bytes: past the 128 bytes of the mask, too.
            0..31,
        ),
        material in proptest::sample::select(vec!["食品经营许可申请书", "样表格", "", "附件"]),
    ) {
        let file = file.concat();
        proptest::prop_assert_eq!(
            name_relates(&file, material),
            name_relates_plain(&file, material)
        );
    }
}

/// A short cell that sends the applicant to the window for a paper form offers nothing to
/// download (M04/M05), however it is worded; a link or a file name is a form offered (h32).
#[test]
fn a_paper_form_at_the_window_is_none_offered() {
    for t in [
        "窗口领取",
        "到窗口领取",
        "到受理窗口领取",
        "现场索取",
        "现场填写",
        "大厅自助领取",
        "窗口领取。",
    ] {
        assert!(!has_value(t), "{t}");
    }
    for t in [
        "窗口领取表.docx",
        "https://zwfw.chizhou.gov.cn/窗口领取.docx",
        "有",
        "申请书.doc",
    ] {
        assert!(has_value(t), "{t} is a form offered");
    }
}
