//! Q01's part from the FAQs and the item's name alone: answers without a question, too few
//! FAQs, repeated and near-duplicate questions, and each answer decided (empty, a placeholder, a
//! non-answer) or made ready to compare with the other elements.
//!
//! Not here: comparing an answer with the other elements (`elements`), the rule and its cache
//! (`mod.rs`).

use super::elements::Probe;
use super::{FaqAnswer, FaqPart};
use crate::model::text::is_blank_or_placeholder;
use crate::model::text::quote;
use crate::model::{Faq, Item};
#[cfg(test)]
use crate::rules::general_text::normalize_for_compare;
use crate::rules::general_text::{
    Bigrams, find_text, normalize_chars_into, push_without, remove_stopword_chars,
    says_more_than_referral,
};
use crate::rules::{CheckContext, Violation};

/// Everything Q01 finds from the FAQs and the item's name: the questions, and each answer
/// decided or made ready to compare with the other elements.
pub(super) fn faq_part(item: &Item, ctx: &CheckContext) -> FaqPart {
    let p = &ctx.params;
    let mut out = Vec::new();
    let faqs: Vec<(usize, &Faq)> = item
        .faqs
        .iter()
        .enumerate()
        .filter(|(_, f)| !is_blank_or_placeholder(&f.question))
        .collect();
    // An answer without its question tells the applicant nothing either.
    for f in item
        .faqs
        .iter()
        .filter(|f| is_blank_or_placeholder(&f.question) && !is_blank_or_placeholder(&f.answer))
    {
        let answer = f.answer.trim();
        out.push(
            Violation::new(
                format!("常见问题缺少问题，只有解答: \"{}\"", quote(answer, 40)),
                answer,
            )
            .at(&f.provenance),
        );
    }
    if faqs.len() < p.faq_min_count {
        let shown: Vec<&str> = faqs.iter().map(|(_, f)| f.question.trim()).collect();
        out.push(Violation::new(
            if shown.is_empty() {
                format!("未提供常见问题（至少 {} 个）", p.faq_min_count)
            } else {
                format!(
                    "常见问题只有 {} 个（至少 {} 个）: \"{}\"",
                    faqs.len(),
                    p.faq_min_count,
                    quote(&shown.join("；"), 80)
                )
            },
            shown.join("；"),
        ));
    }
    // Repeated and near-duplicate questions, each pair once. The item's own name, which
    // many questions repeat, is left out of the similarity.
    let item_name = item.name.trim();
    // Each question normalised once (not once per pair), and only when there is a pair.
    // The keys back to back in one buffer (`key_ends[i]` ends question `i`'s), the
    // scratch buffers reused.
    let (mut key, mut bare, mut without_name) = (Vec::new(), Vec::new(), String::new());
    let mut key_chars = Vec::new();
    let mut key_ends = Vec::new();
    let mut bigrams = Vec::new();
    if faqs.len() >= 2 {
        // Room for the longest question and for all keys up front: a key has at most as
        // many characters as its question has bytes.
        let longest = faqs
            .iter()
            .map(|(_, f)| f.question.len())
            .max()
            .unwrap_or(0);
        key.reserve(longest);
        bare.reserve(longest);
        key_chars.reserve(faqs.iter().map(|(_, f)| f.question.len()).sum());
        key_ends.reserve(faqs.len());
        bigrams.reserve(faqs.len());
        for (_, f) in &faqs {
            bigrams.push(question_key(
                &f.question,
                item_name,
                &mut key,
                &mut bare,
                &mut without_name,
            ));
            key_chars.extend_from_slice(&key);
            key_ends.push(key_chars.len());
        }
    }
    let key_of = |i: usize| &key_chars[if i == 0 { 0 } else { key_ends[i - 1] }..key_ends[i]];
    for (i, (_, a)) in faqs.iter().enumerate() {
        for (j, (_, b)) in faqs.iter().enumerate().skip(i + 1) {
            let same = key_of(i) == key_of(j);
            let sim = bigrams[i].dice(&bigrams[j]);
            if same || sim >= p.faq_similarity_threshold {
                let kind = if same { "重复" } else { "近似重复" };
                out.push(
                    Violation::new(
                        format!(
                            "常见问题{kind}: \"{}\" 与 \"{}\"",
                            quote(&a.question, 40),
                            quote(&b.question, 40)
                        ),
                        format!("{}｜{}", a.question.trim(), b.question.trim()),
                    )
                    .target(format!("问题「{}」", quote(&b.question, 30)))
                    .at(&b.provenance),
                );
            }
        }
    }
    let non_answers = &ctx.prepared().faq_process.non_answers;
    // Each answer normalised into the same buffers, as characters.
    let longest = faqs.iter().map(|(_, f)| f.answer.len()).max().unwrap_or(0);
    let (mut norm, mut scratch) = (Vec::with_capacity(longest), Vec::with_capacity(longest));
    let mut answers = Vec::with_capacity(faqs.len());
    for &(index, f) in &faqs {
        let answer = f.answer.trim();
        let problem = if is_blank_or_placeholder(answer) {
            if answer.is_empty() {
                format!("常见问题没有解答: \"{}\"", quote(&f.question, 30))
            } else {
                format!("常见问题的解答未填写实际内容: \"{answer}\"")
            }
        } else {
            normalize_chars_into(answer, &mut norm);
            if non_answers.matches_chars(&norm, &mut scratch)
                && !says_more_than_referral(answer, &f.question, &scratch)
            {
                format!("常见问题答非所问，只是推托: \"{}\"", quote(answer, 40))
            } else {
                answers.push(match Probe::new(&norm) {
                    None => FaqAnswer::Done(None),
                    Some(probe) => FaqAnswer::Probe { faq: index, probe },
                });
                continue;
            }
        };
        let evidence = if answer.is_empty() {
            f.question.trim()
        } else {
            answer
        };
        answers.push(FaqAnswer::Done(Some(
            Violation::new(problem, evidence)
                .target(format!("问题「{}」", quote(&f.question, 30)))
                .at(&f.provenance),
        )));
    }
    FaqPart { head: out, answers }
}

/// A question as compared with the others: normalised into `key` (for sameness), and the
/// bigrams of its text without the item's name (when that has two characters or more) and
/// without stop words (for near sameness). `bare` is scratch space.
pub(super) fn question_key(
    q: &str,
    item_name: &str,
    key: &mut Vec<char>,
    bare: &mut Vec<char>,
    without_name: &mut String,
) -> Bigrams {
    normalize_chars_into(q, key);
    let first = if item_name.chars().nth(1).is_some() {
        find_text(q, item_name)
    } else {
        None
    };
    if let Some(first) = first {
        // `q.replace(item_name, "")` into a reused buffer (nothing allocated per question).
        without_name.clear();
        push_without(without_name, q, item_name, first);
        normalize_chars_into(without_name, bare);
    } else {
        // Nothing to leave out: the same as normalising the question again.
        bare.clear();
        bare.extend_from_slice(key);
    }
    remove_stopword_chars(bare);
    Bigrams::of_chars(bare)
}

/// The plain definition of [`question_key`], kept to compare.
#[cfg(test)]
pub(super) fn question_key_plain(q: &str, item_name: &str) -> (String, Bigrams) {
    let bare = if item_name.chars().count() >= 2 && q.contains(item_name) {
        q.replace(item_name, "")
    } else {
        q.to_owned()
    };
    (
        normalize_for_compare(q),
        Bigrams::of(&crate::rules::general_text::without_stopwords(&bare)),
    )
}
