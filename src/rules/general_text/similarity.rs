//! How alike two short texts are: the text search, bigram similarity and the sketches that
//! rule out a comparison cheaply.

#[allow(clippy::wildcard_imports)]
use super::*;

/// Where `needle` first occurs in `haystack`: `haystack.find(needle)`, by looking for its first
/// character (a `memchr`) and comparing there. For the short texts and needles compared here
/// this avoids setting up the two-way searcher of `str::find` on every call.
pub fn find_text(haystack: &str, needle: &str) -> Option<usize> {
    let Some(first) = needle.chars().next() else {
        return Some(0);
    };
    if needle.len() > haystack.len() {
        return None;
    }
    haystack
        .match_indices(first)
        .map(|(i, _)| i)
        .find(|&i| haystack[i..].starts_with(needle))
}

/// Similarity of two texts as the Dice coefficient of their character bigrams, after
/// [`normalize_for_compare`] and without question words and particles (`如何`, `的`, `吗`):
/// 1.0 for the same text, 0.0 for nothing in common.
pub fn similarity(a: &str, b: &str) -> f64 {
    Bigrams::of(&without_stopwords(a)).dice(&Bigrams::of(&without_stopwords(b)))
}

/// A text's character bigrams, sorted, for the Dice coefficient: prepared once per text, then
/// compared with many by a merge (no hashing, no allocation per comparison).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bigrams {
    chars: usize,
    /// The text itself when it has fewer than two characters (compared for equality).
    short: String,
    /// Each bigram as one number (first character in the high half), which sorts like the pair.
    pairs: Vec<u64>,
}

impl Bigrams {
    /// The bigrams of a text already through [`without_stopwords`].
    pub fn of(text: &str) -> Self {
        let mut pairs = Vec::with_capacity(text.len() / 3 + 1);
        let mut chars = 0;
        let mut prev: Option<char> = None;
        for c in text.chars() {
            chars += 1;
            if let Some(p) = prev {
                pairs.push(u64::from(p) << 32 | u64::from(c));
            }
            prev = Some(c);
        }
        pairs.sort_unstable();
        let short = if chars < 2 {
            text.to_owned()
        } else {
            String::new()
        };
        Self {
            chars,
            short,
            pairs,
        }
    }

    /// [`of`](Self::of) for a text as characters (through [`normalize_chars_into`] and
    /// [`remove_scanned_stopword_chars`]).
    pub fn of_chars(text: &[char]) -> Self {
        let mut pairs: Vec<u64> = text
            .windows(2)
            .map(|w| u64::from(w[0]) << 32 | u64::from(w[1]))
            .collect();
        pairs.sort_unstable();
        let short = if text.len() < 2 {
            text.iter().collect()
        } else {
            String::new()
        };
        Self {
            chars: text.len(),
            short,
            pairs,
        }
    }

    /// Whether two texts of `a` and `b` characters (through [`without_stopwords`]) can have a
    /// [`dice`](Self::dice) coefficient of `threshold` or more: it is at most
    /// `2·min(pairs) / (pairs + pairs)`, so a long element need not be split into bigrams to be
    /// compared with a short answer.
    pub fn may_reach(a: usize, b: usize, threshold: f64) -> bool {
        if a < 2 || b < 2 {
            return true;
        }
        let (pa, pb) = (a - 1, b - 1);
        // The same expression as in `dice`, with the most pairs two texts of these lengths can
        // share: division is monotone, so `dice` can never exceed this.
        2.0 * pa.min(pb) as f64 / (pa + pb) as f64 >= threshold
    }

    /// For a text of fewer than two characters, which has no bigrams: 1 when both texts are that
    /// same text, else 0; `None` when both have bigrams.
    fn short_alike(&self, other: &Bigrams) -> Option<f64> {
        (self.chars < 2 || other.chars < 2).then(|| {
            if self.chars == other.chars && self.short == other.short {
                1.0
            } else {
                0.0
            }
        })
    }

    /// The Dice coefficient of the two texts' bigram multisets: what [`similarity`] computes.
    pub fn dice(&self, other: &Bigrams) -> f64 {
        if self.chars == 0 && other.chars == 0 {
            return 1.0;
        }
        if let Some(alike) = self.short_alike(other) {
            return alike;
        }
        let common = self.common(other);
        2.0 * common as f64 / (self.pairs.len() + other.pairs.len()) as f64
    }

    /// The share of the shorter text's bigrams that the other has too (the overlap coefficient):
    /// 1 when one text is wholly inside the other, however long that is. Texts of fewer than two
    /// characters are alike only when equal.
    pub fn overlap(&self, other: &Bigrams) -> f64 {
        if let Some(alike) = self.short_alike(other) {
            return alike;
        }
        let common = self.common(other);
        common as f64 / self.pairs.len().min(other.pairs.len()) as f64
    }

    /// How many bigrams the two multisets share (both have two characters or more).
    fn common(&self, other: &Bigrams) -> usize {
        let (a, b) = (&self.pairs, &other.pairs);
        let (mut i, mut j, mut common) = (0, 0, 0usize);
        while i < a.len() && j < b.len() {
            match a[i].cmp(&b[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    common += 1;
                    i += 1;
                    j += 1;
                }
            }
        }
        common
    }
}

/// One bit of 256 for a value (a character or a bigram): a multiplicative hash, top byte.
pub(super) fn sketch_bit(v: u64) -> u8 {
    (v.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 56) as u8
}

pub(super) fn set_bit(bits: &mut [u64; 4], h: u8) {
    bits[usize::from(h >> 6)] |= 1 << (h & 63);
}

pub(super) fn has_bit(bits: &[u64; 4], h: u8) -> bool {
    bits[usize::from(h >> 6)] >> (h & 63) & 1 != 0
}

/// A cheap stand-in for [`Bigrams`] that can only say *no*: each bigram of a text hashed to one
/// of 256 bits. Most texts compared are unrelated, and counting how many of one text's bigrams
/// hit the other's bits bounds their shared bigrams from above without sorting anything.
#[derive(Debug, Clone)]
pub struct BigramSketch {
    pub(super) chars: usize,
    /// The bits of the text's bigrams.
    bits: [u64; 4],
    /// Each bigram's bit, in text order (repeats kept: the bound counts occurrences).
    hashes: Vec<u8>,
    /// How many of `hashes` repeat an earlier one: `hashes.len()` less the bits set.
    repeats: usize,
}

impl BigramSketch {
    /// The sketch of a text already through [`without_stopwords`] (as for [`Bigrams::of`]).
    pub fn of(text: &str) -> Self {
        let mut hashes = Vec::with_capacity(text.len() / 3 + 1);
        let mut bits = [0u64; 4];
        let mut chars = 0;
        let mut prev: Option<char> = None;
        for c in text.chars() {
            chars += 1;
            if let Some(p) = prev {
                let h = sketch_bit(u64::from(p) << 32 | u64::from(c));
                set_bit(&mut bits, h);
                hashes.push(h);
            }
            prev = Some(c);
        }
        Self::new(chars, bits, hashes)
    }

    fn new(chars: usize, bits: [u64; 4], hashes: Vec<u8>) -> Self {
        let distinct = bits.iter().map(|w| w.count_ones() as usize).sum::<usize>();
        Self {
            chars,
            bits,
            repeats: hashes.len() - distinct,
            hashes,
        }
    }

    /// [`of`](Self::of) for a text as characters.
    pub fn of_chars(text: &[char]) -> Self {
        let mut bits = [0u64; 4];
        let hashes: Vec<u8> = text
            .windows(2)
            .map(|w| {
                let h = sketch_bit(u64::from(w[0]) << 32 | u64::from(w[1]));
                set_bit(&mut bits, h);
                h
            })
            .collect();
        Self::new(text.len(), bits, hashes)
    }

    /// Whether the [`Bigrams::dice`] coefficient of the two texts may reach `threshold`:
    /// `false` only when it surely stays below. Every bigram occurrence the texts share is one
    /// of `self`'s whose bit `other` has, so that count bounds the shared count, and the bound
    /// goes through the same expression as `dice` (division is monotone).
    ///
    /// That count is bounded first without reading `hashes`: each bit the two share counts its
    /// first occurrence once, and at most every repeat besides. Most texts compared are unrelated
    /// and fail that bound already.
    pub fn may_reach(&self, other: &BigramSketch, threshold: f64) -> bool {
        if self.chars < 2 || other.chars < 2 {
            return true;
        }
        let total = (self.chars - 1) + (other.chars - 1);
        let reaches = |hits: usize| 2.0 * hits as f64 / total as f64 >= threshold;
        let shared = self
            .bits
            .iter()
            .zip(&other.bits)
            .map(|(a, b)| (a & b).count_ones() as usize)
            .sum::<usize>();
        reaches(shared + self.repeats) && reaches(self.hits(other))
    }

    /// How many of `self`'s bigram occurrences have a bit in `other`.
    pub(super) fn hits(&self, other: &BigramSketch) -> usize {
        self.hashes
            .iter()
            .filter(|&&h| has_bit(&other.bits, h))
            .count()
    }
}

/// The characters of a text hashed to 256 bits: a text holds another only if its bits cover the
/// other's (see [`CharSketch::may_contain`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CharSketch(pub(super) [u64; 4]);

impl CharSketch {
    /// The sketch of `text`, and its length in characters.
    pub fn of(text: &str) -> (Self, usize) {
        let mut bits = [0u64; 4];
        let mut chars = 0;
        for c in text.chars() {
            chars += 1;
            set_bit(&mut bits, sketch_bit(u64::from(c)));
        }
        (Self(bits), chars)
    }

    /// [`of`](Self::of) for a text as characters (its length is the slice's).
    pub fn of_chars(text: &[char]) -> Self {
        let mut bits = [0u64; 4];
        for &c in text {
            set_bit(&mut bits, sketch_bit(u64::from(c)));
        }
        Self(bits)
    }

    /// Whether a text of this sketch may contain one of sketch `part`: `false` only when `part`
    /// has a character the text lacks, so `find_text(text, part)` is `None`.
    pub fn may_contain(&self, part: &CharSketch) -> bool {
        self.0.iter().zip(&part.0).all(|(w, p)| p & !w == 0)
    }
}
