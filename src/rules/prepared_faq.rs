//! What the FAQ and process rules (Q01, P02) prepare once per run from [`RuleParams`]: the
//! non-answer phrases normalised, and one matcher per word list instead of one search per word.
//! Read through [`Prepared::faq_process`](super::Prepared).

use aho_corasick::{AhoCorasick, AhoCorasickKind};

use super::RuleParams;
use super::general_text::NonAnswers;

/// The character [`mask_phrases`](super::general_text::mask_phrases) writes over masked phrases.
const MASK: char = '\u{2588}';

/// The prepared word lists of Q01 and P02.
#[derive(Debug, Clone)]
pub struct FaqProcess {
    /// Q01: `faq_non_answer_phrases`, normalised, longest first.
    pub non_answers: NonAnswers,
    /// P02: whether a step text holds any of `online_submission_words`.
    pub online_submission: AnyWord,
    /// P02: whether a step text names any of `online_platform_words` (most name none, and
    /// need not be searched for a platform a submitting verb follows).
    pub online_platform: AnyWord,
    /// P02: whether a step text holds any of `onsite_visit_words` before the negations are
    /// masked. Masking only hides words, so a text without one has none after masking either —
    /// unless a word holds the mask character itself (`None`: search every step).
    pub onsite_visit: Option<AnyWord>,
}

impl FaqProcess {
    /// Prepares the lists from the parameters.
    pub fn new(params: &RuleParams) -> Self {
        Self {
            non_answers: NonAnswers::new(&params.faq_non_answer_phrases),
            online_submission: AnyWord::new(&params.online_submission_words),
            online_platform: AnyWord::new(&params.online_platform_words),
            onsite_visit: (!params.onsite_visit_words.iter().any(|w| w.contains(MASK)))
                .then(|| AnyWord::new(&params.onsite_visit_words)),
        }
    }
}

impl Default for FaqProcess {
    /// Prepared from the default parameters.
    fn default() -> Self {
        Self::new(&RuleParams::default())
    }
}

/// Whether a text holds any of a list of words (empty words never match):
/// [`contains_any`](super::general_text::contains_any) in one pass.
#[derive(Debug, Clone)]
pub struct AnyWord {
    /// `None` when the list is too large to compile: then the words are searched one by one.
    matcher: Option<AhoCorasick>,
    words: Vec<String>,
}

impl AnyWord {
    /// Prepares the words.
    pub fn new(words: &[String]) -> Self {
        let words: Vec<String> = words.iter().filter(|w| !w.is_empty()).cloned().collect();
        let matcher = AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::DFA))
            .build(&words)
            .ok();
        Self { matcher, words }
    }

    /// Whether `text` holds any of the words.
    pub fn is_match(&self, text: &str) -> bool {
        match &self.matcher {
            Some(m) => m.is_match(text),
            None => self.words.iter().any(|w| text.contains(w.as_str())),
        }
    }

    /// Whether `text` holds one of the words at a byte range `keep` accepts (non-overlapping
    /// matches, leftmost first).
    pub fn is_match_at(&self, text: &str, mut keep: impl FnMut(usize, usize) -> bool) -> bool {
        match &self.matcher {
            Some(m) => m
                .find_iter(text)
                .any(|found| keep(found.start(), found.end())),
            None => self.words.iter().any(|w| {
                text.match_indices(w.as_str())
                    .any(|(k, _)| keep(k, k + w.len()))
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::general_text::contains_any;

    #[test]
    fn any_word_agrees_with_contains_any() {
        let words: Vec<String> = ["", "到现场", "携带", "窗口提交"]
            .iter()
            .map(|s| (*s).to_owned())
            .collect();
        let m = AnyWord::new(&words);
        for text in ["", "申请人携带材料", "无需到现场", "网上申请", "窗口 提交"]
        {
            assert_eq!(m.is_match(text), contains_any(text, &words), "{text}");
        }
        assert!(!AnyWord::new(&[]).is_match("到现场"));
    }
}
