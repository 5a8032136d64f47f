//! Question words and particles that do not change what is asked, found and removed.

#[allow(clippy::wildcard_imports)]
use super::*;

/// Question words and particles that do not change what is asked (`如何`/`怎么`, `的`, `吗`).
pub(super) const STOPWORDS: &[&str] = &[
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

/// Words of two characters one of which is a one-character stop word (`的`, `是`, `了`) that is
/// no particle there: `目的`, `了解`, `还是` keep it (`申请目的` is not `申请目`).
pub(super) const WORDS_WITH_PARTICLES: &[[char; 2]] = &[
    ['目', '的'],
    ['的', '确'],
    ['于', '是'],
    ['还', '是'],
    ['或', '是'],
    ['凡', '是'],
    ['但', '是'],
    ['只', '是'],
    ['总', '是'],
    ['要', '是'],
    ['若', '是'],
    ['可', '是'],
    ['是', '非'],
    ['了', '解'],
    ['了', '结'],
    ['不', '了'],
];

/// Whether the character at `at` of `text` is part of one of the [`WORDS_WITH_PARTICLES`]
/// (whose other characters are never stop words, so it reads the same before and after they
/// are taken out).
pub(super) fn in_word(text: &[char], at: usize) -> bool {
    let c = text[at];
    WORDS_WITH_PARTICLES.iter().any(|&[x, y]| {
        (x == c && text.get(at + 1) == Some(&y)) || (y == c && at > 0 && text[at - 1] == x)
    })
}

/// Takes out of `text` the characters whose stop-word rank bit is in `mask` (one-character stop
/// words), except where they are part of a word ([`in_word`]).
fn remove_single_chars(text: &mut Vec<char>, mask: u64) {
    let table = &*STOPWORD_CHARS;
    let single = |c: char| {
        let k = table.index.get(c as usize).copied().unwrap_or(0);
        k != 0 && mask >> (k - 1) & 1 != 0
    };
    if !text.iter().any(|&c| single(c)) {
        return;
    }
    let mut write = 0;
    for read in 0..text.len() {
        let c = text[read];
        // `in_word` reads the characters before `read` as they were: the ones it looks at are
        // no stop words, so none was taken out.
        if !single(c) || in_word(text, read) {
            text[write] = c;
            write += 1;
        }
    }
    text.truncate(write);
}

/// [`normalize_for_compare`] without question words and particles: what [`similarity`] compares.
pub fn without_stopwords(s: &str) -> String {
    let mut out = normalize_for_compare(s);
    remove_stopwords(&mut out);
    out
}

/// The characters of the [`STOPWORDS`], so that a text is searched only for the words whose
/// characters all occur in it (most texts hold few of them).
pub(super) struct StopwordChars {
    /// For every character of the Basic Multilingual Plane (where all stop-word characters lie),
    /// its rank among the (at most 64) stop-word characters in code-point order plus one, or 0:
    /// one look-up per character of a text, no search.
    index: Vec<u8>,
    /// For each stop word (in list order), the bits of its characters (bit = rank).
    needs: Vec<u64>,
    /// Each stop word as characters (in list order), for [`remove_scanned_stopword_chars`].
    words: Vec<Vec<char>>,
}

pub(super) static STOPWORD_CHARS: LazyLock<StopwordChars> = LazyLock::new(|| {
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
pub(super) fn stopword_chars(text: &str) -> (u64, usize) {
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
/// (`replace(word, "")`), skipping the words one of whose characters the text lacks; a
/// one-character word only where it is no part of a word (`目的`, `还是`, `了解` keep theirs).
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
    let mut singles = 0u64;
    for (w, &need) in STOPWORDS.iter().zip(&STOPWORD_CHARS.needs) {
        // Removing a word never adds a character, so `present` stays an upper bound.
        if need & present != need {
            continue;
        }
        if w.chars().nth(1).is_none() {
            // Taken out together at the end: they all come after the longer words.
            singles |= need;
        } else {
            remove_all(normalized, w);
        }
    }
    if singles != 0 {
        let mut chars: Vec<char> = normalized.chars().collect();
        remove_single_chars(&mut chars, singles);
        *normalized = chars.into_iter().collect();
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
/// make another occur, nor change what tells a word from a particle, so the order within such a
/// run does not matter).
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
            remove_single_chars(s, *singles);
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
pub(super) fn remove_all(s: &mut String, word: &str) {
    let Some(first) = find_text(s, word) else {
        return;
    };
    let mut out = String::with_capacity(s.len() - word.len());
    push_without(&mut out, s, word, first);
    *s = out;
}

/// Appends `s.replace(word, "")` to `out`, given where `word` first occurs in `s`: each further
/// occurrence found by [`find_text`], with no searcher to set up.
pub(in crate::rules) fn push_without(out: &mut String, s: &str, word: &str, first: usize) {
    out.push_str(&s[..first]);
    let mut rest = &s[first + word.len()..];
    while let Some(i) = find_text(rest, word) {
        out.push_str(&rest[..i]);
        rest = &rest[i + word.len()..];
    }
    out.push_str(rest);
}
