//! Q01 常见问题 — at least three distinct FAQs, each with a real answer that does not merely
//! repeat another element of the item.

use std::cell::OnceCell;
use std::rc::Rc;

use super::general_text::{
    BigramSketch, Bigrams, CharSketch, StopwordScan, find_chars, find_text, normalize_chars_into,
    push_without, remove_scanned_stopword_chars, remove_stopword_chars,
    sketch_and_scan_stopword_chars,
};
#[cfg(test)]
use super::general_text::{normalize_for_compare, remove_stopwords};
use super::{CheckContext, Reads, Rule, RuleMeta, Verdict, Violation, cache, declare_rule};
use crate::model::text::{is_blank_or_placeholder, quote};
use crate::model::{Faq, Item, ItemField};

declare_rule! {
    /// ## 检查内容 (What it checks)
    /// 常见问题至少 3 个（个数见配置 `[check] faq_min_count`，空问题不算，只有解答没有问题的单独报告）；问题不得重复，也不得
    /// 近似重复：去掉标点、空格、序号（`1、`、`问：`）后相同，或字符二元组相似度达到阈值
    /// （配置 `faq_similarity_threshold`，默认 0.8；比较时去掉事项名称和「如何」「怎么」「的」「吗」等疑问词、虚词）的算重复；每个问题都要有解答，解答不得为空或占位符，
    /// 不得是答非所问的推托（含「详见办事指南」「请咨询窗口」等短语——词表 `faq_non_answer_phrases`——
    /// 且去掉这些短语后几乎没有实际内容）；解答不得只是照抄该事项的其他要素（受理条件、设定依据、
    /// 办理地点、办理时间等 10 字以上的要素：解答被该要素原文包含，或相似度达到同一阈值）。
    /// 本要素对每个事项都适用。
    ///
    /// ## 依据 (Why it matters)
    /// 附录「常见问题」：至少3个常见问题，内容明确、指导性强，并不得与该事项其他要素信息重复。
    /// 常见问题不得出现答非所问、不得出现同一事项下的问题重复。
    ///
    /// ## 示例 (Example)
    /// 不通过：只有 2 个问题；「食品经营许可证有效期多久？」与「食品经营许可证的有效期是多久？」；
    /// 解答为「详见办事指南」；解答与受理条件原文相同。
    /// 通过：3 个不同的问题，解答分别说明有效期、委托办理、变更情形。
    ///
    /// ## 整改方法 (How to fix)
    /// 补足至少 3 个申请人常问的问题，合并重复问题，逐个给出具体、可操作的解答，不要照抄办事指南的
    /// 其他栏目。
    pub struct FaqQuality {
        id: "Q01",
        name: "faq",
        element: "常见问题",
        category: Faq,
        severity: Error,
        fix: "提供至少3个不重复的常见问题，并给出具体、不照抄其他要素的解答",
    }
}

/// Item elements an answer must not merely repeat, in the order they are compared (the first
/// an answer repeats is reported). [`ELEMENTS_BEFORE`] ‖ [`ELEMENTS_LOCAL`] ‖ [`ELEMENTS_AFTER`].
#[cfg(test)]
const OTHER_ELEMENTS: &[ItemField] = &[
    ItemField::Conditions,
    ItemField::LegalBasis,
    ItemField::Address,
    ItemField::Hours,
    ItemField::QuantityLimitDesc,
    ItemField::OnsiteReason,
    ItemField::LegalLimitNote,
];

/// The elements compared before the local ones: catalogue text, shared by the claims of a master.
const ELEMENTS_BEFORE: &[ItemField] = &[ItemField::Conditions, ItemField::LegalBasis];
/// The elements each implementing body writes for itself (个性要素): where and when to apply.
const ELEMENTS_LOCAL: &[ItemField] = &[ItemField::Address, ItemField::Hours];
/// The catalogue elements compared after the local ones.
const ELEMENTS_AFTER: &[ItemField] = &[
    ItemField::QuantityLimitDesc,
    ItemField::OnsiteReason,
    ItemField::LegalLimitNote,
];

/// What the shared part of the check reads: the FAQs, the name and the catalogue elements.
pub(super) const SHARED_READS: Reads = FAQ_READS.and(CATALOGUE_READS);

/// What the FAQs' own part reads: the FAQs and the name (left out of the questions' similarity).
pub(super) const FAQ_READS: Reads = Reads::FAQS.and(Reads::fields(&[ItemField::Name]));

/// What the catalogue elements' part reads.
pub(super) const CATALOGUE_READS: Reads =
    Reads::fields(ELEMENTS_BEFORE).and(Reads::fields(ELEMENTS_AFTER));

/// What the local elements' part reads.
const LOCAL_READS: Reads = Reads::fields(ELEMENTS_LOCAL);

/// The part of Q01's verdict that does not depend on the item's local elements: everything but
/// whether an answer repeats 办理地点 or 办理时间. Items that claim the same master share it
/// ([`cache::memo`]).
struct Shared {
    faqs: Rc<FaqPart>,
    /// What each FAQ with a question says about its answer, in order.
    answers: Vec<Answer>,
}

enum Answer {
    /// Decided without the local elements.
    Done(Option<Violation>),
    /// Compared with the local elements next: `faq` is its index in `item.faqs` and in
    /// [`FaqPart::answers`], `after` the catalogue element after them it repeats, if any.
    Local {
        faq: usize,
        after: Option<&'static str>,
    },
}

/// What Q01 finds from the FAQs and the name alone: shared by the items with the same FAQs even
/// when their catalogue elements differ.
struct FaqPart {
    /// Violations before the answers' (answers without a question, too few FAQs, duplicates).
    head: Vec<Violation>,
    /// What each FAQ with a question says about its answer, in order: decided, or an answer
    /// long enough to have copied another element, to compare with them (`faq` its index in
    /// `item.faqs`).
    answers: Vec<FaqAnswer>,
}

enum FaqAnswer {
    Done(Option<Violation>),
    Probe { faq: usize, probe: Probe },
}

impl FaqPart {
    /// About how many bytes it holds.
    fn size(&self) -> usize {
        self.head.iter().map(cache::violation_size).sum::<usize>()
            + self
                .answers
                .iter()
                .map(|a| match a {
                    FaqAnswer::Done(v) => 32 + v.as_ref().map_or(0, cache::violation_size),
                    FaqAnswer::Probe { probe, .. } => 16 + probe.size(),
                })
                .sum::<usize>()
    }

    /// The probe of the FAQ at `faq` in `item.faqs`.
    fn probe(&self, faq: usize) -> Option<&Probe> {
        self.answers.iter().find_map(|a| match a {
            FaqAnswer::Probe { faq: at, probe } if *at == faq => Some(probe),
            _ => None,
        })
    }
}

impl Shared {
    /// About how many bytes it holds (besides the FAQs' part, kept under its own key).
    fn size(&self) -> usize {
        self.answers
            .iter()
            .map(|a| match a {
                Answer::Done(v) => 32 + v.as_ref().map_or(0, cache::violation_size),
                Answer::Local { .. } => 32,
            })
            .sum::<usize>()
    }
}

impl Rule for FaqQuality {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, item: &Item, ctx: &CheckContext) -> Verdict {
        let shared = cache::memo(item, "Q01 常见问题", SHARED_READS, Shared::size, || {
            shared_part(item, ctx)
        });
        let mut out = shared.faqs.head.clone();
        // A body's address and hours repeat over its items: normalised once for all of them.
        let mut local: Option<Rc<Elements>> = None;
        for answer in &shared.answers {
            match answer {
                Answer::Done(v) => out.extend(v.clone()),
                Answer::Local { faq, after } => {
                    let local = local.get_or_insert_with(|| {
                        cache::memo(
                            item,
                            "Q01 办理地点和时间",
                            LOCAL_READS,
                            Elements::size,
                            || other_elements(item, ELEMENTS_LOCAL),
                        )
                    });
                    let repeated = shared
                        .faqs
                        .probe(*faq)
                        .and_then(|p| p.repeated(local, ctx.params.faq_similarity_threshold))
                        .or(*after);
                    if let Some(label) = repeated {
                        out.push(copied(&item.faqs[*faq], label));
                    }
                }
            }
        }
        Verdict::Checked(out)
    }
}

/// An answer that merely repeats element `label`.
fn copied(f: &Faq, label: &str) -> Violation {
    let answer = f.answer.trim();
    Violation::new(
        format!(
            "常见问题的解答只是照抄了「{label}」: \"{}\"",
            quote(answer, 40)
        ),
        answer,
    )
    .target(format!("问题「{}」", quote(&f.question, 30)))
    .at(&f.provenance)
}

/// Everything Q01 finds from the FAQs, the item's name and its catalogue elements: the FAQs'
/// part ([`faq_part`], shared over the FAQs and the name) with its answers compared with the
/// catalogue elements (normalised once per set of them).
fn shared_part(item: &Item, ctx: &CheckContext) -> Shared {
    let faqs = cache::memo(
        item,
        "Q01 问题与解答",
        FAQ_READS,
        FaqPart::size,
        || faq_part(item, ctx),
    );
    // The other elements are read only when an answer is long enough to have copied one.
    let mut elements: Option<Rc<(Elements, Elements)>> = None;
    let threshold = ctx.params.faq_similarity_threshold;
    let answers = faqs
        .answers
        .iter()
        .map(|a| match a {
            FaqAnswer::Done(v) => Answer::Done(v.clone()),
            FaqAnswer::Probe { faq, probe } => {
                let (before, after) = &**elements.get_or_insert_with(|| {
                    cache::memo(
                        item,
                        "Q01 目录要素",
                        CATALOGUE_READS,
                        |(b, a): &(Elements, Elements)| b.size() + a.size(),
                        || {
                            (
                                other_elements(item, ELEMENTS_BEFORE),
                                other_elements(item, ELEMENTS_AFTER),
                            )
                        },
                    )
                });
                match probe.repeated(before, threshold) {
                    Some(label) => Answer::Done(Some(copied(&item.faqs[*faq], label))),
                    None => Answer::Local {
                        faq: *faq,
                        after: probe.repeated(after, threshold),
                    },
                }
            }
        })
        .collect();
    Shared { faqs, answers }
}

/// Everything Q01 finds from the FAQs and the item's name: the questions, and each answer
/// decided or made ready to compare with the other elements.
fn faq_part(item: &Item, ctx: &CheckContext) -> FaqPart {
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
            if non_answers.matches_chars(&norm, &mut scratch) {
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
fn question_key(
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
fn question_key_plain(q: &str, item_name: &str) -> (String, Bigrams) {
    let bare = if item_name.chars().count() >= 2 && q.contains(item_name) {
        q.replace(item_name, "")
    } else {
        q.to_owned()
    };
    (
        normalize_for_compare(q),
        Bigrams::of(&super::general_text::without_stopwords(&bare)),
    )
}

/// Another element long enough to be copied into an answer: its label, where its normalised
/// text lies in [`Elements::chars`], and what rules an answer out cheaply; the text as
/// [`similarity`](super::general_text::similarity) compares it is worked out only when an answer
/// of comparable length needs it (elements are often long, answers short).
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
struct Elements {
    chars: Vec<char>,
    list: Vec<Element>,
}

impl Elements {
    /// About how many bytes it holds, once every comparison has been prepared.
    fn size(&self) -> usize {
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

/// The other elements of at least ten characters once normalised. Computed once per item, not
/// once per answer.
fn other_elements(item: &Item, fields: &[ItemField]) -> Elements {
    // Room for every text up front (a text has at most as many characters once normalised as
    // it has bytes).
    let texts = fields.iter().map(|&f| item.get(f).len());
    let mut chars = Vec::with_capacity(texts.clone().sum());
    let mut list = Vec::with_capacity(fields.len());
    let mut norm = Vec::with_capacity(texts.max().unwrap_or(0));
    for &field in fields {
        let text = item.get(field);
        // No character normalises to more than one (`similarity_tests::
        // normalising_never_adds_characters`): a text of fewer than ten is not normalised.
        if text.len() < 10 || text.chars().nth(9).is_none() {
            continue;
        }
        normalize_chars_into(text, &mut norm);
        if norm.len() >= 10 {
            let (sketch, stop) = sketch_and_scan_stopword_chars(&norm);
            let start = chars.len();
            chars.extend_from_slice(&norm);
            list.push(Element {
                label: field.label(),
                start,
                end: chars.len(),
                sketch,
                stop,
                bare: OnceCell::new(),
                bigram_sketch: OnceCell::new(),
                bigrams: OnceCell::new(),
            });
        }
    }
    Elements { chars, list }
}

/// The label of the item element an answer (through [`normalize_chars_into`]) merely repeats,
/// if any: the element's text contains the answer, or their similarity reaches the threshold.
#[cfg(test)]
fn repeated_element(elements: &Elements, norm: &[char], threshold: f64) -> Option<&'static str> {
    Probe::new(norm)?.repeated(elements, threshold)
}

/// An answer as compared with the elements: its normalised characters, what rules an element
/// out cheaply, and its characters without stop words; built once, compared with every element.
struct Probe {
    norm: Vec<char>,
    sketch: CharSketch,
    bare: Vec<char>,
    bigram_sketch: OnceCell<BigramSketch>,
    bigrams: OnceCell<Bigrams>,
}

impl Probe {
    /// `None` for an answer of fewer than ten characters: it is not taken for a copy.
    fn new(norm: &[char]) -> Option<Self> {
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
    fn size(&self) -> usize {
        120 + 4 * (self.norm.len() + self.bare.len())
    }

    /// The label of the first of `elements` the answer repeats.
    fn repeated(&self, elements: &Elements, threshold: f64) -> Option<&'static str> {
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
fn repeated_element_plain(item: &Item, norm: &str, threshold: f64) -> Option<&'static str> {
    let bare = |s: &str| {
        let mut b = s.to_owned();
        remove_stopwords(&mut b);
        b
    };
    norm.chars().nth(9)?;
    OTHER_ELEMENTS
        .iter()
        .filter_map(|&field| {
            let e = normalize_for_compare(item.get(field));
            e.chars().nth(9).is_some().then_some((field.label(), e))
        })
        .find(|(_, e)| {
            e.contains(norm) || Bigrams::of(&bare(e)).dice(&Bigrams::of(&bare(norm))) >= threshold
        })
        .map(|(label, _)| label)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_three_lists_are_the_elements_in_order() {
        let joined = [
            super::ELEMENTS_BEFORE,
            super::ELEMENTS_LOCAL,
            super::ELEMENTS_AFTER,
        ]
        .concat();
        assert_eq!(joined, super::OTHER_ELEMENTS);
    }

    use super::*;

    const PIECES: &[&str] = &[
        "申请人",
        "应当",
        "具有",
        "完全民事行为能力",
        "的",
        "如何",
        "办理",
        "窗口",
        "提交",
        "材料",
        "齐全",
        "符合",
        "法定形式",
        "，",
        "。",
        "1",
        "Ａ",
        "受理",
        "是否",
        "可以",
    ];

    proptest::proptest! {
        /// Questions are keyed as defined.
        #[test]
        fn question_keys_as_defined(
            q in proptest::collection::vec(proptest::sample::select(PIECES), 0..10),
            name in proptest::collection::vec(proptest::sample::select(PIECES), 0..3),
        ) {
            let (q, name) = (q.concat(), name.concat());
            let mut key = vec!['x'];
            let bigrams = question_key(&q, &name, &mut key, &mut vec!['y'], &mut "z".to_owned());
            let (plain_key, plain_bigrams) = question_key_plain(&q, &name);
            proptest::prop_assert_eq!(key.iter().collect::<String>(), plain_key);
            proptest::prop_assert_eq!(bigrams, plain_bigrams);
        }

        /// The sketches and length bounds never change which element an answer repeats.
        #[test]
        fn repeated_element_as_defined(
            fields in proptest::collection::vec(
                proptest::collection::vec(proptest::sample::select(PIECES), 0..14), 7),
            answer in proptest::collection::vec(proptest::sample::select(PIECES), 0..12),
            take in 0usize..6,
            from in 0usize..7,
            threshold in proptest::sample::select(vec![0.0, 0.3, 0.5, 0.8, 1.0]),
        ) {
            let item = Item {
                conditions: fields[0].concat(),
                legal_basis: fields[1].concat(),
                address: fields[2].concat(),
                hours: fields[3].concat(),
                quantity_limit_desc: fields[4].concat(),
                onsite_reason: fields[5].concat(),
                legal_limit_note: fields[6].concat(),
                ..Item::default()
            };
            // Sometimes a copied piece of an element, so that containment is exercised.
            let answer = if take > 0 {
                let f: Vec<&str> = fields[from].iter().copied().take(take * 2).collect();
                f.concat()
            } else {
                answer.concat()
            };
            let norm = normalize_for_compare(&answer);
            let mut chars = Vec::new();
            normalize_chars_into(&answer, &mut chars);
            let elements = other_elements(&item, OTHER_ELEMENTS);
            let whole = repeated_element(&elements, &chars, threshold);
            proptest::prop_assert_eq!(whole, repeated_element_plain(&item, &norm, threshold));
            // The check compares the catalogue elements before, the local ones, then the
            // catalogue elements after, in three lists: the first repeated is the same.
            let split = [ELEMENTS_BEFORE, ELEMENTS_LOCAL, ELEMENTS_AFTER]
                .into_iter()
                .find_map(|fields| {
                    repeated_element(&other_elements(&item, fields), &chars, threshold)
                });
            proptest::prop_assert_eq!(split, whole);
        }
    }
}
