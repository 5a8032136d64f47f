//! What the material rules prepare once per run from [`RuleParams`]: their word lists compiled
//! into one-pass matchers and the name exceptions sorted. Read through
//! [`Prepared::materials`](super::Prepared::materials). M08 reads its lists as they are: notes are
//! long and the first words of each list are usually found within a few bytes by `contains`.

use super::RuleParams;
use super::general_text::{AnyWord, ListedWords, MaskPhrases};

/// The material rules' word lists, prepared.
#[derive(Debug, Clone)]
pub struct MaterialsPrepared {
    /// M01: `material_medium_words`.
    pub medium_words: ListedWords,
    /// M01: `material_catch_all_words`.
    pub catch_all_words: ListedWords,
    /// M01: `material_name_exceptions`, masked before either list is searched.
    pub name_exceptions: MaskPhrases,
    /// M04/M05: `fill_in_words`.
    pub fill_in_words: AnyWord,
}

impl MaterialsPrepared {
    /// Prepares the lists.
    pub fn new(p: &RuleParams) -> Self {
        Self {
            medium_words: ListedWords::new(&p.material_medium_words),
            catch_all_words: ListedWords::new(&p.material_catch_all_words),
            name_exceptions: MaskPhrases::new(&p.material_name_exceptions),
            fill_in_words: AnyWord::new(&p.fill_in_words),
        }
    }
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

    use super::super::general_text::{contains_any, first_listed_word, mask_phrases};
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
        proptest::collection::vec(proptest::sample::select(pieces), 0..6).prop_map(|v| v.concat())
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

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]

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
            prop_assert_eq!(AnyWord::new(&words).is_in(&text), contains_any(&text, &words));
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
                prepared.fill_in_words.is_in(&text),
                contains_any(&text, &p.fill_in_words)
            );
        }
    }
}
