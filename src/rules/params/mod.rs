//! Rule parameters read from the `[check]` section of the configuration file, with the defaults an
//! experienced assessor would accept. Each field names the rule that reads it. The long default
//! word lists live beside it by the rules that read them: `materials` (M01–M08), `process` (P02),
//! `faq` (Q01); the numbers and the hotlines are here.

use serde::{Deserialize, Serialize};

use crate::model::phone::{Phone, PhoneKind};

mod faq;
mod materials;
mod process;

/// Settings the rules read; every field has a default.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RuleParams {
    /// B13: numbers that alone are not a phone a person answers at the implementing body
    /// (the 12345 hotline is a supervision channel, not a consultation line). B15 leaves a
    /// consultation field of only such numbers to B13 (see [`RuleParams::only_hotlines`]). I01:
    /// an intermediary agency whose contact is only such a number has no contact of its own.
    pub hotline_only_numbers: Vec<String>,
    /// M01: words that state a medium (介质要求) and do not belong in a material's name.
    /// 正本/副本 right after a certificate's name are part of the name (see `material_name_exceptions`).
    pub material_medium_words: Vec<String>,
    /// M01: catch-all words (兜底性用词) that leave the material ambiguous.
    pub material_catch_all_words: Vec<String>,
    /// M01: phrases that are legitimate names although they contain a listed word
    /// (`其他组织` is a kind of applicant, `营业执照副本` is a document).
    pub material_name_exceptions: Vec<String>,
    /// M04/M05: words that mark a material the applicant fills in (申请表, 申请书 …).
    pub fill_in_words: Vec<String>,
    /// M06: file extensions that are not editable (a blank form in these formats fails; extensions
    /// in neither this list nor the editable .doc/.docx/.xls/.xlsx/.wps/.et/.odt/.ods are left to
    /// the link checks).
    pub non_editable_form_extensions: Vec<String>,
    /// M08: words showing that the filling instructions state a format requirement.
    pub notes_format_words: Vec<String>,
    /// M08: words showing that the filling instructions state a content requirement.
    pub notes_content_words: Vec<String>,
    /// M08: words showing that the filling instructions state a clarity requirement.
    pub notes_clarity_words: Vec<String>,
    /// M08: how many of the three aspects (format, content, clarity) the instructions must cover.
    pub notes_min_aspects: usize,
    /// P02: words that mark an online submission step.
    pub online_submission_words: Vec<String>,
    /// P02: names of online platforms (安徽政务服务网, 皖事通, sector systems such as 电子税务局, a
    /// web address, or `登录` any system): a step that submits through one
    /// (`通过安徽政务服务网提交申请`, `登录皖事通APP上传申请材料`) is an online submission step too.
    pub online_platform_words: Vec<String>,
    /// P02: words that mark a step requiring the applicant to come on site.
    pub onsite_visit_words: Vec<String>,
    /// P02: phrases that are not an applicant's visit — negations (`无需到现场`) and staff going on
    /// site (`到现场核查`); masked before `onsite_visit_words` is searched.
    pub onsite_negation_words: Vec<String>,
    /// Q01: the minimum number of FAQs.
    pub faq_min_count: usize,
    /// Q01: similarity (0–1, character-bigram Dice) at or above which two questions are
    /// near-duplicates, or an answer repeats another element of the item.
    pub faq_similarity_threshold: f64,
    /// Q01: phrases that make an answer a non-answer when little else is said.
    pub faq_non_answer_phrases: Vec<String>,
}

/// The default of [`RuleParams::hotline_only_numbers`]. The readers, which do not see the
/// configuration, take a number cell that lost the 0 of its area code in front of one of these
/// for that hotline (`56612345` is `0566-12345`: `crate::source::sheet::numbers`).
pub const DEFAULT_HOTLINES: &[&str] = &["12345"];

fn words(list: &[&str]) -> Vec<String> {
    list.iter().map(|&s| s.to_owned()).collect()
}

impl RuleParams {
    /// B13/B15/I01: whether every number of a consultation field is a hotline of
    /// `hotline_only_numbers` (with or without its area code: `12345`, `0566-12345`), so that the
    /// field has no number a person at the implementing body answers. False for an empty list.
    pub fn only_hotlines(&self, phones: &[Phone]) -> bool {
        !phones.is_empty()
            && phones.iter().all(|p| {
                p.kind == PhoneKind::Hotline && self.hotline_only_numbers.contains(&p.number)
            })
    }
}

impl Default for RuleParams {
    fn default() -> Self {
        Self {
            hotline_only_numbers: words(DEFAULT_HOTLINES),
            material_medium_words: materials::material_medium_words(),
            material_catch_all_words: materials::material_catch_all_words(),
            material_name_exceptions: materials::material_name_exceptions(),
            fill_in_words: materials::fill_in_words(),
            non_editable_form_extensions: materials::non_editable_form_extensions(),
            notes_format_words: materials::notes_format_words(),
            notes_content_words: materials::notes_content_words(),
            notes_clarity_words: materials::notes_clarity_words(),
            notes_min_aspects: 2,
            online_submission_words: process::online_submission_words(),
            online_platform_words: process::online_platform_words(),
            onsite_visit_words: process::onsite_visit_words(),
            onsite_negation_words: process::onsite_negation_words(),
            faq_min_count: 3,
            faq_similarity_threshold: 0.8,
            faq_non_answer_phrases: faq::faq_non_answer_phrases(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RuleParams;

    #[test]
    fn check_section_overrides_only_what_it_names() {
        let p: RuleParams = toml::from_str(
            "faq_similarity_threshold = 0.9\nfill_in_words = [\"申请表\", \"调查表\"]\nnotes_min_aspects = 3",
        )
        .unwrap();
        assert!((p.faq_similarity_threshold - 0.9).abs() < 1e-9);
        assert_eq!(
            p.fill_in_words,
            vec!["申请表".to_owned(), "调查表".to_owned()]
        );
        assert_eq!(p.notes_min_aspects, 3);
        assert_eq!(p.faq_min_count, RuleParams::default().faq_min_count);
        assert_eq!(
            p.material_medium_words,
            RuleParams::default().material_medium_words
        );
        assert!(toml::from_str::<RuleParams>("faq_threshold = 0.9").is_err());
    }
}
