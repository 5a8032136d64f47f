//! Whether an answer merely repeats another element of the item: the other elements normalised
//! once per item ([`Elements`]), an answer prepared once ([`Probe`]) and compared with each,
//! with sketches and length bounds that rule an element out before the exact tests.
//!
//! Not here: which elements are compared and in what order (`mod.rs`), the questions and the
//! non-answers (`faqs`).

use std::cell::OnceCell;

#[cfg(test)]
use super::OTHER_ELEMENTS;
use crate::model::{FeeField, Item, ItemField};
use crate::rules::general_text::{
    BigramSketch, Bigrams, CharSketch, StopwordScan, find_chars, normalize_chars_into,
    remove_scanned_stopword_chars, sketch_and_scan_stopword_chars,
};
#[cfg(test)]
use crate::rules::general_text::{normalize_for_compare, remove_stopwords};

/// Another element long enough to be copied into an answer: its label, where its normalised
/// text lies in [`Elements::chars`], and what rules an answer out cheaply; the text as
/// [`similarity`](crate::rules::general_text::similarity) compares it is worked out only when an
/// answer of comparable length needs it (elements are often long, answers short).
struct Element {
    label: &'static str,
    start: usize,
    end: usize,
    /// The normalised text's characters, to rule out holding an answer without searching.
    sketch: CharSketch,
    /// Its stop-word characters: how many of its characters a stop word may take.
    stop: StopwordScan,
    /// The normalised text without stop words.
    bare: OnceCell<Vec<char>>,
    bigram_sketch: OnceCell<BigramSketch>,
    bigrams: OnceCell<Bigrams>,
}

/// The other elements of an item, their normalised texts back to back in one buffer.
pub(super) struct Elements {
    chars: Vec<char>,
    list: Vec<Element>,
}

impl Elements {
    /// About how many bytes it holds, once every comparison has been prepared.
    pub(super) fn size(&self) -> usize {
        64 + 16 * self.chars.len() + 400 * self.list.len()
    }
}

impl Element {
    fn norm<'a>(&self, chars: &'a [char]) -> &'a [char] {
        &chars[self.start..self.end]
    }

    fn bare(&self, chars: &[char]) -> &[char] {
        self.bare.get_or_init(|| {
            let mut bare = self.norm(chars).to_vec();
            remove_scanned_stopword_chars(&mut bare, self.stop);
            bare
        })
    }

    /// Whether the element may hold an answer of `chars` characters (normalised) with this
    /// sketch: `false` only when [`find_chars`] surely finds nothing.
    fn may_contain(&self, chars: usize, sketch: &CharSketch) -> bool {
        self.end - self.start >= chars && self.sketch.may_contain(sketch)
    }

    /// Whether the element may be as similar as `threshold` to an answer of `chars` characters
    /// without stop words. A long element is ruled out by its length alone: without stop words it
    /// keeps at least its other characters, and the similarity bound falls as it grows.
    fn may_reach(&self, all: &[char], chars: usize, threshold: f64) -> bool {
        let least = self.end - self.start - self.stop.count;
        if least >= chars && !Bigrams::may_reach(chars, least, threshold) {
            return false;
        }
        Bigrams::may_reach(chars, self.bare(all).len(), threshold)
    }

    fn bigram_sketch(&self, chars: &[char]) -> &BigramSketch {
        self.bigram_sketch
            .get_or_init(|| BigramSketch::of_chars(self.bare(chars)))
    }

    fn bigrams(&self, chars: &[char]) -> &Bigrams {
        self.bigrams
            .get_or_init(|| Bigrams::of_chars(self.bare(chars)))
    }
}

/// The other elements of at least ten characters once normalised: `fields`, then with `fees`
/// the fee standards (收费标准 of every fee, one after the other, as one element). Computed once
/// per item, not once per answer.
pub(super) fn other_elements(item: &Item, fields: &[ItemField], fees: bool) -> Elements {
    let standards = if fees { &item.fees[..] } else { &[] };
    // Room for every text up front (a text has at most as many characters once normalised as
    // it has bytes).
    let texts = fields
        .iter()
        .map(|&f| item.get(f).len())
        .chain(standards.iter().map(|f| f.standard.len()));
    let mut chars = Vec::with_capacity(texts.clone().sum());
    let mut list = Vec::with_capacity(fields.len() + usize::from(!standards.is_empty()));
    let mut norm = Vec::with_capacity(texts.max().unwrap_or(0));
    let mut push = |chars: &mut Vec<char>, start: usize, label: &'static str| {
        let (sketch, stop) = sketch_and_scan_stopword_chars(&chars[start..]);
        list.push(Element {
            label,
            start,
            end: chars.len(),
            sketch,
            stop,
            bare: OnceCell::new(),
            bigram_sketch: OnceCell::new(),
            bigrams: OnceCell::new(),
        });
    };
    for &field in fields {
        let text = item.get(field);
        // No character normalises to more than one (`similarity_tests::
        // normalising_never_adds_characters`): a text of fewer than ten is not normalised.
        if text.len() < 10 || text.chars().nth(9).is_none() {
            continue;
        }
        normalize_chars_into(text, &mut norm);
        if norm.len() >= 10 {
            let start = chars.len();
            chars.extend_from_slice(&norm);
            push(&mut chars, start, field.label());
        }
    }
    // The fee standards as one text: an answer that pastes the whole fee table of an item with
    // several fees copies them all. Most items have none.
    if !standards.is_empty() {
        let start = chars.len();
        for fee in standards {
            if !fee.standard.is_empty() {
                normalize_chars_into(&fee.standard, &mut norm);
                chars.extend_from_slice(&norm);
            }
        }
        if chars.len() - start >= 10 {
            push(&mut chars, start, FeeField::Standard.label());
        } else {
            chars.truncate(start);
        }
    }
    Elements { chars, list }
}

/// The label of the item element an answer (through [`normalize_chars_into`]) merely repeats,
/// if any: the element's text contains the answer, or their similarity reaches the threshold.
#[cfg(test)]
pub(super) fn repeated_element(
    elements: &Elements,
    norm: &[char],
    threshold: f64,
) -> Option<&'static str> {
    Probe::new(norm)?.repeated(elements, threshold)
}

/// An answer as compared with the elements: its normalised characters, what rules an element
/// out cheaply, and its characters without stop words; built once, compared with every element.
pub(super) struct Probe {
    norm: Vec<char>,
    sketch: CharSketch,
    bare: Vec<char>,
    bigram_sketch: OnceCell<BigramSketch>,
    bigrams: OnceCell<Bigrams>,
}

impl Probe {
    /// `None` for an answer of fewer than ten characters: it is not taken for a copy.
    pub(super) fn new(norm: &[char]) -> Option<Self> {
        if norm.len() < 10 {
            return None;
        }
        // The sketch and the stop-word scan in one pass.
        let (sketch, scan) = sketch_and_scan_stopword_chars(norm);
        let mut bare = norm.to_vec();
        remove_scanned_stopword_chars(&mut bare, scan);
        Some(Self {
            norm: norm.to_vec(),
            sketch,
            bare,
            bigram_sketch: OnceCell::new(),
            bigrams: OnceCell::new(),
        })
    }

    /// About how many bytes it holds.
    pub(super) fn size(&self) -> usize {
        120 + 4 * (self.norm.len() + self.bare.len())
    }

    /// The label of the first of `elements` the answer repeats.
    pub(super) fn repeated(&self, elements: &Elements, threshold: f64) -> Option<&'static str> {
        let (chars, bare_chars) = (self.norm.len(), self.bare.len());
        let all = &elements.chars[..];
        elements
            .list
            .iter()
            .find(|e| {
                // The sketches only rule out what the exact tests would reject.
                e.may_contain(chars, &self.sketch) && find_chars(e.norm(all), &self.norm).is_some()
                    || e.may_reach(all, bare_chars, threshold)
                        && self
                            .bigram_sketch
                            .get_or_init(|| BigramSketch::of_chars(&self.bare))
                            .may_reach(e.bigram_sketch(all), threshold)
                        && self
                            .bigrams
                            .get_or_init(|| Bigrams::of_chars(&self.bare))
                            .dice(e.bigrams(all))
                            >= threshold
            })
            .map(|e| e.label)
    }
}

/// The plain definition [`repeated_element`] answers with its shortcuts, kept to compare.
#[cfg(test)]
pub(super) fn repeated_element_plain(
    item: &Item,
    norm: &str,
    threshold: f64,
) -> Option<&'static str> {
    let bare = |s: &str| {
        let mut b = s.to_owned();
        remove_stopwords(&mut b);
        b
    };
    norm.chars().nth(9)?;
    let fees: String = item
        .fees
        .iter()
        .map(|f| normalize_for_compare(&f.standard))
        .collect();
    OTHER_ELEMENTS
        .iter()
        .map(|&field| (field.label(), normalize_for_compare(item.get(field))))
        .chain([(FeeField::Standard.label(), fees)])
        .filter(|(_, e)| e.chars().nth(9).is_some())
        .find(|(_, e)| {
            e.contains(norm) || Bigrams::of(&bare(e)).dice(&Bigrams::of(&bare(norm))) >= threshold
        })
        .map(|(label, _)| label)
}
