//! Q01's word lists (`question_words`) decoded into characters once, grouped by the character
//! their words start with: a question is keyed by a dozen passes over such lists, and decoding
//! each list's words again at every position of every question cost more than the keying itself.
//!
//! Not here: the lists (`question_words`) and what the passes do with them (`questions`).

use std::sync::LazyLock;

use super::question_words::{
    AFTER_LOSS, ASK_PARAPHRASES, ASK_WORDS, Asks, FILLERS, MATERIAL_ASKS, NEAR_SYNONYMS,
    QUESTION_FORMS, WORD_SYNONYMS,
};

/// The words of a list that start with one character, as characters, with what goes with each.
type Group<V> = (char, Vec<(Vec<char>, V)>);

/// A word list as characters: for each first character (sorted), the words that start with it
/// and what goes with each, in the list's order. The first word of the list that stands at a
/// position is the first of its group that does: words starting with another character cannot.
pub(super) struct WordTable<V> {
    groups: Vec<Group<V>>,
    /// Bit `c % 128` set for each first character `c`: most characters of a question start no
    /// word, and are passed over on one test.
    firsts: u128,
}

impl<V> WordTable<V> {
    fn new(list: impl IntoIterator<Item = (&'static str, V)>) -> Self {
        let mut groups: Vec<Group<V>> = Vec::new();
        for (word, value) in list {
            let word: Vec<char> = word.chars().collect();
            let first = word[0];
            match groups.iter_mut().find(|(c, _)| *c == first) {
                Some((_, group)) => group.push((word, value)),
                None => groups.push((first, vec![(word, value)])),
            }
        }
        groups.sort_by_key(|(c, _)| *c);
        let firsts = groups.iter().fold(0, |m, (c, _)| m | bit(*c));
        WordTable { groups, firsts }
    }

    /// The first word of the list (with its value) that `text` starts with.
    pub(super) fn at(&self, text: &[char]) -> Option<&(Vec<char>, V)> {
        let first = *text.first()?;
        if self.firsts & bit(first) == 0 {
            return None;
        }
        let group = self.groups.binary_search_by_key(&first, |(c, _)| *c).ok()?;
        self.groups[group]
            .1
            .iter()
            .find(|(word, _)| text.len() >= word.len() && text[1..word.len()] == word[1..])
    }
}

/// A character's bit in [`WordTable::firsts`].
fn bit(c: char) -> u128 {
    1 << (u32::from(c) % 128)
}

/// A replacement list: each word and what it is replaced by.
pub(super) type Replacements = WordTable<Vec<char>>;

fn replacements(list: &'static [(&'static str, &'static str)]) -> Replacements {
    WordTable::new(list.iter().map(|&(from, to)| (from, to.chars().collect())))
}

/// [`ASK_WORDS`] as characters.
pub(super) static ASK_WORD_TABLE: LazyLock<WordTable<Asks>> =
    LazyLock::new(|| WordTable::new(ASK_WORDS.iter().copied()));
/// [`QUESTION_FORMS`] as characters.
pub(super) static QUESTION_FORM_TABLE: LazyLock<Replacements> =
    LazyLock::new(|| replacements(QUESTION_FORMS));
/// [`ASK_PARAPHRASES`] as characters.
pub(super) static ASK_PARAPHRASE_TABLE: LazyLock<Replacements> =
    LazyLock::new(|| replacements(ASK_PARAPHRASES));
/// [`WORD_SYNONYMS`] as characters.
pub(super) static WORD_SYNONYM_TABLE: LazyLock<Replacements> =
    LazyLock::new(|| replacements(WORD_SYNONYMS));
/// [`AFTER_LOSS`] as characters.
pub(super) static AFTER_LOSS_TABLE: LazyLock<Replacements> =
    LazyLock::new(|| replacements(AFTER_LOSS));
/// [`FILLERS`] as characters.
pub(super) static FILLER_TABLE: LazyLock<Replacements> = LazyLock::new(|| replacements(FILLERS));
/// [`NEAR_SYNONYMS`] as characters.
pub(super) static NEAR_SYNONYM_TABLE: LazyLock<Replacements> =
    LazyLock::new(|| replacements(NEAR_SYNONYMS));
/// [`MATERIAL_ASKS`] as characters.
pub(super) static MATERIAL_ASK_TABLE: LazyLock<Replacements> =
    LazyLock::new(|| replacements(MATERIAL_ASKS));

/// The table finds, at each position, the first word of its list that stands there.
#[test]
fn finds_the_first_listed_word() {
    let text: Vec<char> = "有效期限是多少时间几个工作日需不需要准备".chars().collect();
    for at in 0..text.len() {
        let rest = &text[at..];
        let plain = ASK_WORDS.iter().find(|(w, _)| {
            let w: Vec<char> = w.chars().collect();
            rest.starts_with(&w)
        });
        let found = ASK_WORD_TABLE.at(rest);
        assert_eq!(
            found.map(|(w, k)| (w.iter().collect::<String>(), *k)),
            plain.map(|(w, k)| ((*w).to_owned(), *k)),
            "at {at}"
        );
        for (list, table) in [
            (QUESTION_FORMS, &*QUESTION_FORM_TABLE),
            (NEAR_SYNONYMS, &*NEAR_SYNONYM_TABLE),
            (FILLERS, &*FILLER_TABLE),
        ] {
            let plain = list.iter().find(|(w, _)| {
                let w: Vec<char> = w.chars().collect();
                rest.starts_with(&w)
            });
            let found = table.at(rest);
            assert_eq!(
                found.map(|(w, r)| (w.iter().collect::<String>(), r.iter().collect::<String>())),
                plain.map(|(w, r)| ((*w).to_owned(), (*r).to_owned())),
                "at {at}"
            );
        }
    }
}
