//! Whether a file name relates to its material: Han bigrams of the names, with generic words
//! (申请表, 样表 …) and brackets left out.

use std::borrow::Cow;
use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use crate::model::text::{is_blank_or_placeholder, trim};

/// Drops leading opening brackets that are not closed inside the name (`（申请表.doc` →
/// `申请表.doc`),
/// keeping brackets that belong to it (`申请表（示例）.pdf`).
pub(super) fn trim_open_brackets(name: &str) -> &str {
    let mut t = name;
    while let Some(c) = t.chars().next() {
        let Some(close) = closing_bracket(c) else {
            break;
        };
        // Both brackets counted in one pass over the characters (`t.matches(c).count()` and
        // `t.matches(close).count()` are two searches;
        // `tests::fields::trim_open_brackets_as_defined`).
        let (open, closed) = t.chars().fold((0usize, 0usize), |(o, k), x| {
            (o + usize::from(x == c), k + usize::from(x == close))
        });
        if open <= closed {
            break;
        }
        t = &t[c.len_utf8()..];
    }
    t
}

/// The bracket that closes `c`, when `c` is an opening bracket a file name may start with.
pub(super) fn closing_bracket(c: char) -> Option<char> {
    match c {
        '(' => Some(')'),
        '（' => Some('）'),
        '【' => Some('】'),
        '[' => Some(']'),
        _ => None,
    }
}

/// Whether a blank-form or sample field is filled in at all: not empty, not `无`, `/`, `暂无`,
/// and not a cell that says there is none (`不提供`, `暂未提供`, `无需样表`): such a cell is a missing
/// form or sample (M04/M05), not a form or sample without a file (M06/M07).
pub fn has_value(text: &str) -> bool {
    let t = trim(text);
    !is_blank_or_placeholder(t) && !says_none_offered(t)
}

/// Whether a trimmed blank-form or sample cell says, in so many words, that none is offered
/// (`不提供`, `暂未提供`, `无表格`, `未上传`, `无需样表`), or points the sample to the blank form
/// (`见空白表格`, `同空白表格`). The whole cell must be one of these; a full stop after it is
/// allowed. So is a short cell that sends the applicant to the window for a paper form
/// (`窗口领取`, `到受理窗口领取`, `现场填写`): nothing is offered to download.
pub(super) fn says_none_offered(t: &str) -> bool {
    // Every wording is short: a link or a file name is longer (most cells) and is not compared.
    if t.len() > 21 {
        return false;
    }
    at_the_window_only(t)
        || matches!(
            t.strip_suffix('。').unwrap_or(t),
            "不提供"
                | "未提供"
                | "暂未提供"
                | "暂不提供"
                | "无需提供"
                | "无须提供"
                | "不需提供"
                | "不需要提供"
                | "未上传"
                | "暂未上传"
                | "无表格"
                | "无空白表格"
                | "无需表格"
                | "无样表"
                | "无示例样表"
                | "无样本"
                | "无需样表"
                | "无须样表"
                | "不需要样表"
                | "见空白表格"
                | "同空白表格"
                | "参见空白表格"
                | "详见空白表格"
        )
}

/// Whether a short cell (at most 7 characters, no file name or link) only says where to get a
/// paper form: at a window, the hall or on the spot (`窗口领取`, `到窗口领取`, `现场索取`,
/// `现场填写`, `大厅自助领取`).
fn at_the_window_only(t: &str) -> bool {
    const WHERE: [&str; 3] = ["窗口", "现场", "大厅"];
    const GET: [&str; 5] = ["领取", "索取", "获取", "填写", "提供"];
    !t.contains(['.', '/', ':'])
        && WHERE.iter().any(|w| t.contains(w))
        && GET.iter().any(|w| t.contains(w))
}

/// Words in file names that say nothing about which material it is.
pub(super) const GENERIC_NAME_WORDS: &[&str] = &[
    "附件", "下载", "空白", "表格", "样表", "样本", "示例", "示范", "范本", "模板", "填写", "文件",
    "新版", "最新", "修订", "版本", "材料",
];

/// [`GENERIC_NAME_WORDS`] in one automaton, to tell which of them a file name holds.
pub(super) static GENERIC_NAME_MATCHER: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::new(GENERIC_NAME_WORDS).expect("a short fixed word list fits an automaton")
});

pub(super) fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// The pairs of consecutive Han characters of `s`, other characters skipped (`申请表（示例）` →
/// 申请, 请表, 表示, 示例).
pub(super) fn han_bigrams(s: &str) -> impl Iterator<Item = (char, char)> + '_ {
    han_pairs(s.chars())
}

/// [`han_bigrams`] of any characters.
pub(super) fn han_pairs(chars: impl Iterator<Item = char>) -> impl Iterator<Item = (char, char)> {
    let mut han = chars.filter(|&c| is_han(c));
    let mut prev = han.next();
    std::iter::from_fn(move || {
        let (a, b) = (prev?, han.next()?);
        prev = Some(b);
        Some((a, b))
    })
}

/// The file name without [`GENERIC_NAME_WORDS`]: each is replaced by a space, in list order.
pub(super) fn without_generic_words(stem: &str) -> Cow<'_, str> {
    // Which words occur at all, in one pass; a word absent from the stem cannot appear once
    // others are replaced by spaces, so only these are replaced, in list order as before.
    // Most names hold none: one early-exit search tells, before the overlapping one.
    if !GENERIC_NAME_MATCHER.is_match(stem) {
        return Cow::Borrowed(stem);
    }
    let mut present = 0u32;
    for m in GENERIC_NAME_MATCHER.find_overlapping_iter(stem) {
        present |= 1 << m.pattern().as_u32();
    }
    let mut out = Cow::Borrowed(stem);
    for (i, w) in GENERIC_NAME_WORDS.iter().enumerate() {
        if present & (1 << i) != 0 && out.contains(w) {
            out = Cow::Owned(out.replace(w, " "));
        }
    }
    out
}

/// Whether a file name relates to the material's name: `Some(true)` when they share a two-character
/// Han word, `Some(false)` when the file name has at least two meaningful Han characters and shares
/// none, `None` when it cannot be told (a numeric or generic name such as `附件1.docx`).
pub fn name_relates(file_name: &str, material_name: &str) -> Option<bool> {
    // `file_name.rsplit_once('.')`, on the bytes: the dot is ASCII.
    let stem = memchr::memrchr(b'.', file_name.as_bytes()).map_or(file_name, |i| &file_name[..i]);
    match generic_word_mask(stem) {
        Some(mask) => relates(
            stem.char_indices()
                .filter(|&(i, _)| mask >> i & 1 == 0)
                .map(|(_, c)| c),
            material_name,
        ),
        None => relates(without_generic_words(stem).chars(), material_name),
    }
}

/// Whether the Han bigrams of `file_chars` (other characters skipped) meet the material name's;
/// `None` without any.
pub(super) fn relates(file_chars: impl Iterator<Item = char>, material_name: &str) -> Option<bool> {
    let mut file_pairs = han_pairs(file_chars).peekable();
    file_pairs.peek()?;
    // The material's pairs are read again for each pair of the file name rather than collected:
    // related names share their first pair, found after a character or two.
    Some(file_pairs.any(|p| han_bigrams(material_name).any(|q| q == p)))
}

/// The index in [`GENERIC_NAME_WORDS`] of the word the two characters `a` `b` spell, if any
/// (`tests::names::generic_words_are_two_characters` checks the table against the list).
pub(super) fn generic_word(a: char, b: char) -> Option<u8> {
    Some(match (a, b) {
        ('附', '件') => 0,
        ('下', '载') => 1,
        ('空', '白') => 2,
        ('表', '格') => 3,
        ('样', '表') => 4,
        ('样', '本') => 5,
        ('示', '例') => 6,
        ('示', '范') => 7,
        ('范', '本') => 8,
        ('模', '板') => 9,
        ('填', '写') => 10,
        ('文', '件') => 11,
        ('新', '版') => 12,
        ('最', '新') => 13,
        ('修', '订') => 14,
        ('版', '本') => 15,
        ('材', '料') => 16,
        _ => return None,
    })
}

/// The bytes of `stem` that [`without_generic_words`] replaces by spaces, as bits, without
/// copying: each word's occurrences are found in list order, left to right and not overlapping,
/// among the bytes not yet replaced. A replaced word becomes a space, which no word holds, so a
/// word occurs in the replaced text exactly where it occurs in `stem` over bytes not yet replaced;
/// and [`han_bigrams`] skips the space as it skips the bytes left out here. `None` for a stem
/// longer than the mask (128 bytes): then the text is replaced.
///
/// Every word is two distinct Han characters (three bytes each), so its occurrences are the pairs
/// of consecutive characters that spell it, and no two of them overlap: taking every occurrence of
/// every word once, ordered by word and then by place, and marking those clear of the bytes
/// already marked, is the list-order replacement (`tests::names::generic_word_mask_as_replaced`
/// compares it with the search word by word).
pub(super) fn generic_word_mask(stem: &str) -> Option<u128> {
    if stem.len() > 128 {
        return None;
    }
    // (word << 8 | byte offset) of each occurrence; a 128-byte stem holds at most 42 pairs of
    // three-byte characters.
    let mut found = [0u16; 48];
    let mut n = 0;
    let mut chars = stem.char_indices();
    let Some((_, mut prev)) = chars.next() else {
        return Some(0);
    };
    let mut prev_at = 0;
    for (i, c) in chars {
        if let Some(w) = generic_word(prev, c) {
            // `prev_at` < 128: the stem is no longer.
            found[n] = u16::from(w) << 8 | prev_at as u16;
            n += 1;
        }
        (prev, prev_at) = (c, i);
    }
    let found = &mut found[..n];
    found.sort_unstable();
    let mut mask = 0u128;
    for &key in found.iter() {
        let bits = 0x3Fu128 << (key & 0xFF);
        if mask & bits == 0 {
            mask |= bits;
        }
    }
    Some(mask)
}
