//! Text helpers shared by the material, process, fee, intermediary, FAQ and general rules: finding
//! listed words with legitimate phrases masked out, finding and checking URLs, detecting a named
//! law or document and a cited article, and the similarity of two short texts. All are pure and
//! never panic on any input (see `tests/proptest_rest_parsers.rs`).
//!
//! Not here: phone numbers (`model::phone`), time limits (`model::time_limit`), mojibake
//! (`model::text::find_mojibake`).
//!
//! Here: listed words and masked phrases; in the submodules URLs found (`urls`) and checked
//! (`url_check`), laws and articles
//! (`law`), normalising for comparison (`compare`), question words (`stopwords`), similarity and
//! its sketches (`similarity`), non-answers (`answers`), questions that ask for a phone or
//! a contact (`contact_questions`), answers that only send the reader to
//! someone to ask (`referrals`), and short answers that refer elsewhere or say no
//! (`short_answers`). Each submodule reads the others' helpers through this module
//! (`use super::*`), and what the rules use is re-exported here.

use std::borrow::Cow;
use std::sync::LazyLock;
use std::sync::atomic::{AtomicU8, Ordering};

use aho_corasick::AhoCorasick;
use regex::Regex;

use crate::model::text::{any_byte_pair, to_halfwidth, trim, zero_padded};

mod answers;
mod compare;
mod contact_questions;
mod law;
mod referrals;
mod short_answers;
mod similarity;
mod stopwords;
#[cfg(test)]
mod tests;
mod url_check;
mod urls;

#[allow(clippy::wildcard_imports)]
use compare::*;
#[allow(clippy::wildcard_imports)]
use similarity::*;

pub use answers::{NonAnswers, is_non_answer, says_more_than_referral};
pub use compare::{find_chars, normalize_chars_into, normalize_for_compare};
pub use contact_questions::asks_for_contact;
pub use law::{cites_article, names_law};
pub use short_answers::{is_referral, says_no, starts_with_pointer};
pub use similarity::{BigramSketch, Bigrams, CharSketch, find_text, similarity};
pub(super) use stopwords::push_without;
pub use stopwords::{
    StopwordScan, remove_scanned_stopword_chars, remove_scanned_stopwords, remove_stopword_chars,
    remove_stopwords, scan_stopword_chars, scan_stopwords, sketch_and_scan_stopword_chars,
    stopword_char_count, without_stopwords,
};
pub use url_check::{UrlProblem, check_url, percent_decode_lossy};
pub use urls::{find_urls, for_each_url, link_without_trailing_note, spaced_file_name_len};

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
    /// A searcher for each word, built once: `str::find` builds one on every call (about 400
    /// instructions, more than most searches of a material's name take).
    finders: Vec<memchr::memmem::Finder<'static>>,
    prefilter: MaskedPrefilter,
}

impl ListedWords {
    /// Prepares the words (`material_medium_words`, …).
    pub fn new(words: &[String]) -> Self {
        let words: Vec<String> = words.iter().filter(|w| !w.is_empty()).cloned().collect();
        Self {
            prefilter: MaskedPrefilter::new(&words),
            finders: words
                .iter()
                .map(|w| memchr::memmem::Finder::new(w.as_bytes()).into_owned())
                .collect(),
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
            .zip(&self.finders)
            .find(|(_, f)| f.find(masked.as_bytes()).is_some())
            .map(|(w, _)| w.as_str())
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
        let mut spans = Vec::new();
        self.push_spans(&masked, &mut spans);
        distinct_runs(&masked, spans, |_| true)
    }

    /// Every occurrence of the words in `text` (already masked), overlapping ones too, as byte
    /// ranges `(start, end)` pushed onto `spans`.
    pub fn push_spans(&self, text: &str, spans: &mut Vec<(usize, usize)>) {
        if !self.prefilter.may_hold(text) {
            return;
        }
        for (w, finder) in self.words.iter().zip(&self.finders) {
            // Every occurrence, overlapping ones too (`match_indices` skips them).
            let mut from = 0;
            while let Some(i) = finder.find(&text.as_bytes()[from..]) {
                let start = from + i;
                spans.push((start, start + w.len()));
                from = start + text[start..].chars().next().map_or(1, char::len_utf8);
            }
        }
    }
}

/// The stretches of `text` that the byte ranges `spans` cover, overlapping ranges merged, in text
/// order, each different stretch once and only those that `keep` (given the merged range):
/// [`ListedWords::runs_in`] over ranges found by any means.
pub fn distinct_runs(
    text: &str,
    mut spans: Vec<(usize, usize)>,
    keep: impl Fn((usize, usize)) -> bool,
) -> Vec<String> {
    spans.sort_unstable();
    let mut runs: Vec<String> = Vec::new();
    let mut current: Option<(usize, usize)> = None;
    let mut close = |span: (usize, usize)| {
        let run = &text[span.0..span.1];
        if keep(span) && !runs.iter().any(|r| r == run) {
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
