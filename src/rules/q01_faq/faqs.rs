//! Q01's part from the FAQs and the item's name alone: answers without a question, too few
//! FAQs, repeated and near-duplicate questions, and each answer decided (empty, a placeholder, a
//! non-answer) or made ready to compare with the other elements.
//!
//! Not here: comparing an answer with the other elements (`elements`), the rule and its cache
//! (`mod.rs`).

use std::borrow::Cow;

use super::contrasts::{contrasted, swapped};
use super::elements::Probe;
use super::question_words::Asks;
use super::questions::{
    core_after_absence, fold_word_synonyms, question_key, reordered, same_core,
};
use super::restated;
use super::{FaqAnswer, FaqPart};
use crate::model::text::is_blank_or_placeholder;
use crate::model::text::quote;
use crate::model::{Faq, Item};
use crate::rules::general_text::{
    Bigrams, normalize_chars_into, remove_stopword_chars, says_more_than_referral,
    without_stopwords,
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
    // The buffers of the thread's last call, emptied: their room is kept from item to item (a
    // dozen allocations an item before).
    let mut buffers = BUFFERS.with_borrow_mut(std::mem::take);
    buffers.clear();
    let Buffers {
        key,
        bare,
        without_name,
        key_chars,
        key_ends,
        asks,
        bare_short,
        core,
        core_chars,
        core_ends,
        norm,
        scratch,
        clause,
        name,
    } = &mut buffers;
    let mut bigrams = Vec::new();
    // The cores of the few questions that put only the applicant's absence before asking about
    // someone acting for them ([`core_after_absence`]), by question.
    let mut after_absence: Vec<(usize, Vec<char>)> = Vec::new();
    // What each question asks ([`asks_of`]), and whether nothing is left of it to compare
    // once its stop words are out (fewer than two characters).
    // Each question's core ([`question_key`]), back to back like the keys.
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
        core.reserve(longest);
        let total = faqs.iter().map(|(_, f)| f.question.len()).sum();
        key_chars.reserve(total);
        core_chars.reserve(total);
        key_ends.reserve(faqs.len());
        core_ends.reserve(faqs.len());
        bigrams.reserve(faqs.len());
        asks.reserve(faqs.len());
        bare_short.reserve(faqs.len());
        normalize_chars_into(item_name, name);
        remove_stopword_chars(name);
        fold_word_synonyms(name);
        for (k, (_, f)) in faqs.iter().enumerate() {
            if let Some(c) = core_after_absence(&f.question, item_name) {
                after_absence.push((k, c));
            }
            let (b, a) = question_key(&f.question, item_name, key, bare, without_name, core);
            bigrams.push(b);
            asks.push(a);
            bare_short.push(bare.len() < 2);
            key_chars.extend_from_slice(key);
            key_ends.push(key_chars.len());
            core_chars.extend_from_slice(core);
            core_ends.push(core_chars.len());
        }
    }
    let key_of = |i: usize| &key_chars[if i == 0 { 0 } else { key_ends[i - 1] }..key_ends[i]];
    let core_of = |i: usize| &core_chars[if i == 0 { 0 } else { core_ends[i - 1] }..core_ends[i]];
    let after_absence_of = |i: usize| {
        after_absence
            .iter()
            .find(|(k, _)| *k == i)
            .map(|(_, c)| c.as_slice())
    };
    for (i, (_, a)) in faqs.iter().enumerate() {
        for (j, (_, b)) in faqs.iter().enumerate().skip(i + 1) {
            let same = key_of(i) == key_of(j);
            // Questions that ask different things (how long and how much, how and whether:
            // `领取多久？`, `领取多少？`; `如何预约？`, `需要预约吗？`) are not near-duplicates,
            // however alike their other words; a question without a question word asks
            // nothing else.
            let alike = asks[i] == asks[j] || asks[i] == 0 || asks[j] == 0;
            let near = alike && {
                // Two questions of nothing but question words (`如何办理？`, `是否需要办理？`)
                // are compared as written.
                let sim = if bare_short[i] && bare_short[j] {
                    Bigrams::of_chars(key_of(i)).dice(&Bigrams::of_chars(key_of(j)))
                } else {
                    bigrams[i].dice(&bigrams[j])
                };
                // Short questions that differ only in how they ask (`有效期多久？`,
                // `有效期是几年？`) or in a near-synonym (`办理时限是多少？`, `办理期限是多久？`)
                // have the same core, or one names the item's licence or service in more words
                // (`经营许可证有效期是几年？`, `许可证有效期多久？`), or one only says first that
                // the applicant cannot come (`本人不能到场，可以委托他人办理吗？`).
                let same_core = |x: &[char], y: &[char]| same_core(x, y, name);
                // Or they ask the same in another order, and are answered alike
                // (「失业保险金每月发多少？」, 「每月能领多少失业保险金？」).
                (sim >= p.faq_similarity_threshold
                    || same_core(core_of(i), core_of(j))
                    || after_absence_of(i).is_some_and(|c| same_core(c, core_of(j)))
                    || after_absence_of(j).is_some_and(|c| same_core(core_of(i), c))
                    || asks[i] == asks[j]
                        && reordered(core_of(i), core_of(j))
                        && answers_alike(&a.answer, &b.answer))
                    && !contrasted(key_of(i), key_of(j))
                    // 「从省内转到省外…」, 「从省外转到省内…」: the same words, two directions.
                    && !swapped(key_of(i), key_of(j))
                    && !swapped(core_of(i), core_of(j))
            };
            if same || near {
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
    norm.reserve(longest);
    scratch.reserve(longest);
    let mut answers = Vec::with_capacity(faqs.len());
    let mut asked = Vec::new();
    for (k, &(index, f)) in faqs.iter().enumerate() {
        let answer = f.answer.trim();
        let problem = if is_blank_or_placeholder(answer) {
            if answer.is_empty() {
                format!("常见问题没有解答: \"{}\"", quote(&f.question, 30))
            } else {
                format!("常见问题的解答未填写实际内容: \"{answer}\"")
            }
        } else {
            normalize_chars_into(answer, norm);
            if non_answers.matches_chars(norm, scratch)
                && !says_more_than_referral(answer, &f.question, scratch)
            {
                format!("常见问题答非所问，只是推托: \"{}\"", quote(answer, 40))
            } else if non_answers.only_refers(answer, &f.question, clause, scratch) {
                // `请咨询律师工作科`, `请到窗口咨询`: whom to ask instead of the answer.
                answers.push(FaqAnswer::Done(Some(
                    Violation::new(
                        format!(
                            "常见问题答非所问，只让申请人去咨询，没有给出答案: \"{}\"",
                            quote(answer, 40)
                        ),
                        answer,
                    )
                    .target(format!("问题「{}」", quote(&f.question, 30)))
                    .suggest(REFERRAL_FIX)
                    .at(&f.provenance),
                )));
                continue;
            } else {
                // A question asking for the time limit or a phone, with an answer fine so far:
                // compared with those elements of the item next (`restated`). Its core was
                // worked out above when there are two questions or more. Only a short answer
                // with a number, 即 or 当场 can be nothing but a limit or a phone: the others
                // are not asked about (most answers; `asks_for_contact` is not cheap).
                if may_restate(answer) {
                    let core = if faqs.len() >= 2 {
                        Cow::Borrowed(core_of(k))
                    } else {
                        let mut core = Vec::new();
                        question_key(
                            &f.question,
                            item_name,
                            &mut Vec::new(),
                            &mut Vec::new(),
                            &mut String::new(),
                            &mut core,
                        );
                        Cow::Owned(core)
                    };
                    if let Some(a) = restated::asked(&f.question, &core) {
                        asked.push((index, a));
                    }
                }
                answers.push(match Probe::new(norm) {
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
    BUFFERS.with_borrow_mut(|b| *b = buffers);
    FaqPart {
        head: out,
        answers,
        asked,
    }
}

/// Whether an answer may be nothing but an element's value (`restated`): 40 characters at most,
/// with a digit, a Chinese numeral, 即 or 当场 (`3个工作日`, `三个工作日`, `即办`,
/// `0566-2118062`).
fn may_restate(answer: &str) -> bool {
    answer.len() <= 160
        && answer.chars().count() <= 40
        && (answer.chars().any(|c| {
            c.is_ascii_digit()
                || ('０'..='９').contains(&c)
                || "即一二三四五六七八九十两".contains(c)
        }) || answer.contains("当场"))
}

/// How much of the shorter answer's bigrams (stop words out) the other must hold for two
/// questions asked in another order to be one question ([`answers_alike`]).
const ANSWERS_ALIKE: f64 = 0.7;

/// Whether two answers say the same: equal once normalised, or the shorter's bigrams (stop words
/// out) are at least [`ANSWERS_ALIKE`] in the other's (「按池州市最低工资标准的90%按月发放。」 in
/// 「按池州市最低工资标准的90%确定，每月按时发放至本人社会保障卡金融账户。」). An empty answer
/// is like none.
fn answers_alike(a: &str, b: &str) -> bool {
    let (a, b) = (without_stopwords(a), without_stopwords(b));
    !a.is_empty() && !b.is_empty() && Bigrams::of(&a).overlap(&Bigrams::of(&b)) >= ANSWERS_ALIKE
}

/// What to do about an answer that only sends the applicant to someone to ask.
const REFERRAL_FIX: &str = "直接写出问题的答案（如可以或不可以、需要什么材料、多长时间），\
     咨询窗口或电话可以附在答案后面，不能代替答案";

/// The buffers [`faq_part`] works in, kept by each thread between calls.
#[derive(Default)]
struct Buffers {
    key: Vec<char>,
    bare: Vec<char>,
    without_name: String,
    key_chars: Vec<char>,
    key_ends: Vec<usize>,
    asks: Vec<Asks>,
    bare_short: Vec<bool>,
    core: Vec<char>,
    core_chars: Vec<char>,
    core_ends: Vec<usize>,
    norm: Vec<char>,
    scratch: Vec<char>,
    clause: Vec<char>,
    /// The item's name, normalised, without stop words and with its words for the same thing
    /// folded like the questions' (see [`same_core`]).
    name: Vec<char>,
}

impl Buffers {
    fn clear(&mut self) {
        self.key.clear();
        self.bare.clear();
        self.without_name.clear();
        self.key_chars.clear();
        self.key_ends.clear();
        self.asks.clear();
        self.bare_short.clear();
        self.core.clear();
        self.core_chars.clear();
        self.core_ends.clear();
        self.norm.clear();
        self.scratch.clear();
        self.clause.clear();
        self.name.clear();
    }
}

thread_local! {
    static BUFFERS: std::cell::RefCell<Buffers> = std::cell::RefCell::default();
}
