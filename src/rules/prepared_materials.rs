//! What the material rules prepare once per run from [`RuleParams`]: their word lists compiled
//! into one-pass matchers and the name exceptions sorted. Read through
//! [`Prepared::materials`](super::Prepared::materials).

use aho_corasick::automaton::Automaton;
use aho_corasick::dfa::DFA;
use aho_corasick::{Anchored, MatchKind};

use super::RuleParams;
use super::general_text::{ListedWords, MaskPhrases};

/// What [`mask_phrases`](super::general_text::mask_phrases) writes over an exception.
const MASK: char = '\u{2588}';

/// Up to eight word lists searched in one pass over a text: which of them have a word in it.
/// One automaton over every word of every list (overlapping matches: each word ending at a
/// byte is reported there), stepped by hand so that the pass ends as soon as enough lists are
/// found. Each `contains` of [`contains_any`](super::general_text::contains_any) is a pass
/// over the text of its own: a text that holds no word of a list was read once per word.
#[derive(Debug, Clone)]
pub struct WordLists {
    /// `None` when no list has a non-empty word.
    dfa: Option<DFA>,
    /// The bit of each pattern's list.
    list_bit: Vec<u8>,
}

impl WordLists {
    /// Prepares the lists (at most eight; empty words are never found, as with `contains_any`).
    pub fn new(lists: &[&[String]]) -> Self {
        assert!(lists.len() <= 8, "a list is one bit of a byte");
        let mut words = Vec::new();
        let mut list_bit = Vec::new();
        for (i, list) in lists.iter().enumerate() {
            for w in list.iter().filter(|w| !w.is_empty()) {
                words.push(w.as_str());
                list_bit.push(1u8 << i);
            }
        }
        let dfa = (!words.is_empty()).then(|| {
            DFA::builder()
                .match_kind(MatchKind::Standard)
                .start_kind(aho_corasick::StartKind::Unanchored)
                // Stepped by hand: a prefilter would only make the start state special.
                .prefilter(false)
                .build(&words)
                .expect("word lists of configuration size fit an automaton")
        });
        Self { dfa, list_bit }
    }

    /// The lists (bit `i` for `lists[i]`) with a word in `text`. The pass stops once `enough`
    /// lists are found, so only when fewer are found is every list's bit exact.
    pub fn found(&self, text: &str, enough: u32) -> u8 {
        let Some(dfa) = &self.dfa else { return 0 };
        let mut found = 0u8;
        if enough == 0 {
            return found;
        }
        let mut sid = dfa
            .start_state(Anchored::No)
            .expect("an unanchored start state was built");
        for &b in text.as_bytes() {
            sid = dfa.next_state(Anchored::No, sid, b);
            if dfa.is_special(sid) && dfa.is_match(sid) {
                for i in 0..dfa.match_len(sid) {
                    found |= self.list_bit[dfa.match_pattern(sid, i).as_usize()];
                }
                if found.count_ones() >= enough {
                    break;
                }
            }
        }
        found
    }
}

/// The material rules' word lists, prepared.
#[derive(Debug, Clone)]
pub struct MaterialsPrepared {
    /// M01: `material_medium_words`.
    pub medium_words: ListedWords,
    /// M01: `material_catch_all_words`.
    pub catch_all_words: ListedWords,
    /// M01: `material_name_exceptions`, masked before either list is searched.
    pub name_exceptions: MaskPhrases,
    /// M01: `material_medium_words` (bit 1) and `material_catch_all_words` (bit 2) in one pass:
    /// a name with no word of either (nearly every name) needs neither list's search. Bit 4 is
    /// [`TITLE_MARKS`]: a name without them is its own text outside titles, as the same pass
    /// tells. Bit 8 is [`OTHER_WORDS`]: only a name with one can hold M01's pattern of
    /// catch-alls (`其他证明文件`); bit 16 is [`RELATED_WORDS`], for its pattern of 相关/有关
    /// catch-alls (`相关资质证书`). `None` when a word holds [`MASK`]: masking the exceptions
    /// could then make a word appear.
    pub name_words: Option<WordLists>,
    /// M04/M05: `fill_in_words`, as one list stepped by hand: material names are short, and
    /// the automaton's own search costs more to set up on them than the walk over their bytes.
    pub fill_in_words: WordLists,
    /// M08: `notes_format_words` (bit 1), `notes_content_words` (bit 2) and
    /// `notes_clarity_words` (bit 4) in one pass.
    pub notes_words: WordLists,
}

impl MaterialsPrepared {
    /// Prepares the lists.
    pub fn new(p: &RuleParams) -> Self {
        Self {
            medium_words: ListedWords::new(&p.material_medium_words),
            catch_all_words: ListedWords::new(&p.material_catch_all_words),
            name_exceptions: MaskPhrases::new(&p.material_name_exceptions),
            name_words: name_words(&p.material_medium_words, &p.material_catch_all_words),
            fill_in_words: WordLists::new(&[&p.fill_in_words]),
            notes_words: WordLists::new(&[
                &p.notes_format_words,
                &p.notes_content_words,
                &p.notes_clarity_words,
            ]),
        }
    }
}

/// The characters that make M01 rewrite a name before its lists are searched (a title 《…》 or a
/// bracket, as in `营业执照（副本）`).
const TITLE_MARKS: [&str; 3] = ["《", "（", "("];

/// The words that begin M01's pattern of catch-alls (`其他证明文件`, `其余材料`, a bare `其他`).
pub const OTHER_WORDS: [&str; 4] = ["其他", "其它", "其余", "其餘"];

/// The words that begin M01's pattern of 相关/有关/相应 catch-alls (`相关资质证书`, `有关批准文件`,
/// `相应的证明材料`).
pub const RELATED_WORDS: [&str; 6] = ["相关", "有关", "相应", "相關", "有關", "相應"];

/// [`MaterialsPrepared::name_words`] from the two lists.
fn name_words(medium: &[String], catch_all: &[String]) -> Option<WordLists> {
    let marks = TITLE_MARKS.map(str::to_owned);
    let other = OTHER_WORDS.map(str::to_owned);
    let related = RELATED_WORDS.map(str::to_owned);
    (!medium.iter().chain(catch_all).any(|w| w.contains(MASK)))
        .then(|| WordLists::new(&[medium, catch_all, &marks, &other, &related]))
}

impl Default for MaterialsPrepared {
    /// Prepared from the default parameters.
    fn default() -> Self {
        Self::new(&RuleParams::default())
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::super::general_text::{AnyWord, contains_any, first_listed_word, mask_phrases};
    use super::*;

    /// Texts made of pieces of the default lists (and the mask character), so that words,
    /// exceptions and overlaps between them occur often.
    fn name() -> impl Strategy<Value = String> {
        let p = RuleParams::default();
        let mut pieces: Vec<String> = p
            .material_medium_words
            .iter()
            .chain(&p.material_catch_all_words)
            .chain(&p.material_name_exceptions)
            .chain(&p.fill_in_words)
            .cloned()
            .collect();
        pieces.extend(
            [
                "营业执照",
                "证",
                "照",
                "其",
                "他",
                "、",
                "《",
                "》",
                "（",
                "）",
                "\u{2588}",
                "a",
            ]
            .map(str::to_owned),
        );
        texts_of(pieces, 6)
    }

    /// Texts of up to `max - 1` pieces drawn from `pieces`.
    fn texts_of(pieces: Vec<String>, max: usize) -> impl Strategy<Value = String> {
        proptest::collection::vec(proptest::sample::select(pieces), 0..max).prop_map(|v| v.concat())
    }

    fn list() -> impl Strategy<Value = Vec<String>> {
        proptest::collection::vec(
            proptest::sample::select(vec![
                "",
                "其他",
                "其他组织",
                "副本",
                "照副本",
                "证正、副本",
                "\u{2588}",
                "\u{2588}副本",
                "他组",
                "正本",
                "执照",
            ])
            .prop_map(str::to_owned),
            0..6,
        )
    }

    /// [`WordLists::found`] as defined: each list searched with `contains_any`, in order, until
    /// `enough` are found.
    fn found_plain(text: &str, lists: &[&[String]], enough: u32) -> u8 {
        let mut found = 0u8;
        for (i, words) in lists.iter().enumerate() {
            if found.count_ones() >= enough {
                break;
            }
            if contains_any(text, words) {
                found |= 1 << i;
            }
        }
        found
    }

    #[test]
    fn mask_is_what_masking_writes() {
        assert_eq!(
            mask_phrases("副本", &["副本".to_owned()]),
            MASK.to_string().repeat(2)
        );
    }

    #[test]
    fn word_lists_on_notes() {
        let p = RuleParams::default();
        let lists: [&[String]; 3] = [
            &p.notes_format_words,
            &p.notes_content_words,
            &p.notes_clarity_words,
        ];
        let w = WordLists::new(&lists);
        let note = "提供原件核验，复印件须加盖单位公章并注明“与原件一致”，复印件应清晰可辨";
        assert_eq!(w.found(note, 3), 0b111);
        assert_eq!(w.found("加盖公章", 3), found_plain("加盖公章", &lists, 3));
        assert_eq!(w.found("", 2), 0);
        assert_eq!(WordLists::new(&[&[String::new()]]).found("abc", 1), 0);
    }

    /// Texts made of pieces of the notes lists, so that words of several lists overlap.
    fn notes() -> impl Strategy<Value = String> {
        let p = RuleParams::default();
        let mut pieces: Vec<String> = p
            .notes_format_words
            .iter()
            .chain(&p.notes_content_words)
            .chain(&p.notes_clarity_words)
            .cloned()
            .collect();
        pieces
            .extend(["内", "容", "清", "A", "4", "，", "字", "复", "印件", "x"].map(str::to_owned));
        texts_of(pieces, 8)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]

        #[test]
        fn word_lists_answer_as_contains_any(
            text in prop_oneof![name(), notes()],
            a in list(), b in list(), c in list(), enough in 0u32..4,
        ) {
            let lists: [&[String]; 3] = [&a, &b, &c];
            let w = WordLists::new(&lists);
            let found = w.found(&text, enough);
            let plain = found_plain(&text, &lists, enough);
            if plain.count_ones() < enough {
                prop_assert_eq!(found, plain);
            } else {
                prop_assert!(found.count_ones() >= enough);
                // What was found is there.
                prop_assert_eq!(found & !found_plain(&text, &lists, 3), 0);
            }
        }

        #[test]
        fn default_notes_lists_answer_as_contains_any(text in notes(), enough in 0u32..4) {
            let p = RuleParams::default();
            let prepared = MaterialsPrepared::new(&p);
            let lists: [&[String]; 3] = [
                &p.notes_format_words,
                &p.notes_content_words,
                &p.notes_clarity_words,
            ];
            let found = prepared.notes_words.found(&text, enough);
            let plain = found_plain(&text, &lists, enough);
            if plain.count_ones() < enough {
                prop_assert_eq!(found, plain);
            } else {
                prop_assert!(found.count_ones() >= enough);
                prop_assert_eq!(found & !found_plain(&text, &lists, 3), 0);
            }
            prop_assert_eq!(prepared.notes_words.found(&text, 3), found_plain(&text, &lists, 3));
        }

        #[test]
        fn prepared_lists_answer_as_the_plain_helpers(
            text in name(), words in list(), exceptions in list()
        ) {
            let masks = MaskPhrases::new(&exceptions);
            let masked = masks.mask(&text);
            prop_assert_eq!(masked.as_ref(), mask_phrases(&text, &exceptions));
            let listed = ListedWords::new(&words);
            prop_assert_eq!(
                listed.first_in(&text, &masks),
                first_listed_word(&text, &words, &exceptions)
            );
            // M01's runs: there when a word is, each in the masked text, each word in one,
            // none twice.
            let runs = listed.runs_in(&text, &masks);
            prop_assert_eq!(runs.is_empty(), listed.first_in(&text, &masks).is_none());
            for (i, r) in runs.iter().enumerate() {
                prop_assert!(masked.contains(r.as_str()), "{:?} in {:?}", r, masked);
                prop_assert!(!runs[..i].contains(r), "{:?} twice", r);
            }
            for w in words.iter().filter(|w| !w.is_empty() && masked.contains(w.as_str())) {
                prop_assert!(runs.iter().any(|r| r.contains(w.as_str())), "{:?}: {:?}", w, runs);
            }
            prop_assert_eq!(AnyWord::new(&words).is_in(&text), contains_any(&text, &words));
            // M04/M05's fill-in test: one list, any word.
            prop_assert_eq!(
                WordLists::new(&[&words]).found(&text, 1) != 0,
                contains_any(&text, &words)
            );
            // M01's pre-check: where it finds no word, no list search can answer; its third
            // bit is whether the name holds a title mark.
            for (medium, catch_all) in [(&words, &exceptions), (&exceptions, &words)] {
                if let Some(g) = name_words(medium, catch_all) {
                    let bits = g.found(&text, 5);
                    let holds_word = bits & 3 != 0;
                    if !holds_word {
                        prop_assert_eq!(first_listed_word(&text, medium, &exceptions), None);
                        prop_assert_eq!(first_listed_word(&text, catch_all, &exceptions), None);
                    }
                    prop_assert_eq!(bits & 4 != 0, text.contains(['《', '（', '(']));
                    prop_assert_eq!(bits & 8 != 0, OTHER_WORDS.iter().any(|w| text.contains(w)));
                    prop_assert_eq!(
                        bits & 16 != 0,
                        RELATED_WORDS.iter().any(|w| text.contains(w))
                    );
                }
            }
        }

        #[test]
        fn default_lists_answer_as_the_plain_helpers(text in name()) {
            let p = RuleParams::default();
            let prepared = MaterialsPrepared::new(&p);
            for (list, words) in [
                (&prepared.medium_words, &p.material_medium_words),
                (&prepared.catch_all_words, &p.material_catch_all_words),
            ] {
                prop_assert_eq!(
                    list.first_in(&text, &prepared.name_exceptions),
                    first_listed_word(&text, words, &p.material_name_exceptions)
                );
            }
            prop_assert_eq!(
                prepared.fill_in_words.found(&text, 1) != 0,
                contains_any(&text, &p.fill_in_words)
            );
            // The pre-check of M01: neither list can answer where it finds nothing.
            let gate = prepared.name_words.as_ref().unwrap().found(&text, 5);
            prop_assert_eq!(gate & 4 != 0, text.contains(['《', '（', '(']));
            prop_assert_eq!(gate & 8 != 0, OTHER_WORDS.iter().any(|w| text.contains(w)));
            prop_assert_eq!(gate & 16 != 0, RELATED_WORDS.iter().any(|w| text.contains(w)));
            prop_assert_eq!(
                gate & 3 != 0,
                contains_any(&text, &p.material_medium_words)
                    || contains_any(&text, &p.material_catch_all_words)
            );
        }
    }
}
