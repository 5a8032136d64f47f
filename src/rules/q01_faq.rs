//! Q01 常见问题 — at least three distinct FAQs, each with a real answer that does not merely
//! repeat another element of the item.

use std::cell::OnceCell;

use super::general_text::{
    BigramSketch, Bigrams, CharSketch, StopwordScan, find_chars, find_text, normalize_chars_into,
    remove_scanned_stopword_chars, remove_stopword_chars, scan_stopword_chars,
};
#[cfg(test)]
use super::general_text::{normalize_for_compare, remove_stopwords};
use super::{CheckContext, Rule, RuleMeta, Verdict, Violation, declare_rule};
use crate::model::text::{is_blank_or_placeholder, quote};
use crate::model::{Item, ItemField};

declare_rule! {
    /// ## 检查内容 (What it checks)
    /// 常见问题至少 3 个（个数见配置 `[check] faq_min_count`，空问题不算，只有解答没有问题的单独报告）；问题不得重复，也不得
    /// 近似重复：去掉标点、空格、序号（`1、`、`问：`）后相同，或字符二元组相似度（Dice）达到配置
    /// `faq_similarity_threshold`（默认 0.8；比较时去掉事项名称和「如何」「怎么」「的」「吗」等疑问词、虚词）的算重复；每个问题都要有解答，解答不得为空或占位符，
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

/// Item elements an answer must not merely repeat.
const OTHER_ELEMENTS: &[ItemField] = &[
    ItemField::Conditions,
    ItemField::LegalBasis,
    ItemField::Address,
    ItemField::Hours,
    ItemField::QuantityLimitDesc,
    ItemField::OnsiteReason,
    ItemField::LegalLimitNote,
];

impl Rule for FaqQuality {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, item: &Item, ctx: &CheckContext) -> Verdict {
        let p = &ctx.params;
        let mut out = Vec::new();
        let faqs: Vec<_> = item
            .faqs
            .iter()
            .filter(|f| !is_blank_or_placeholder(&f.question))
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
            let shown: Vec<&str> = faqs.iter().map(|f| f.question.trim()).collect();
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
        let mut bare = Vec::new();
        let keys: Vec<(Vec<char>, Bigrams)> = if faqs.len() < 2 {
            Vec::new()
        } else {
            faqs.iter()
                .map(|f| question_key(&f.question, item_name, &mut bare))
                .collect()
        };
        for (i, a) in faqs.iter().enumerate() {
            for (j, b) in faqs.iter().enumerate().skip(i + 1) {
                let same = keys[i].0 == keys[j].0;
                let sim = keys[i].1.dice(&keys[j].1);
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
        // The other elements are read only when an answer is long enough to have copied one.
        let mut elements: Option<Vec<Element>> = None;
        let non_answers = &ctx.prepared().faq_process.non_answers;
        // Each answer normalised into the same buffers, as characters.
        let (mut norm, mut scratch) = (Vec::new(), Vec::new());
        for f in &faqs {
            let answer = f.answer.trim();
            let problem = if is_blank_or_placeholder(answer) {
                Some(if answer.is_empty() {
                    format!("常见问题没有解答: \"{}\"", quote(&f.question, 30))
                } else {
                    format!("常见问题的解答未填写实际内容: \"{answer}\"")
                })
            } else {
                normalize_chars_into(answer, &mut norm);
                if non_answers.matches_chars(&norm, &mut scratch) {
                    Some(format!(
                        "常见问题答非所问，只是推托: \"{}\"",
                        quote(answer, 40)
                    ))
                } else {
                    let elements = elements.get_or_insert_with(|| other_elements(item));
                    repeated_element(elements, &norm, &mut scratch, p.faq_similarity_threshold).map(
                        |label| {
                            format!(
                                "常见问题的解答只是照抄了「{label}」: \"{}\"",
                                quote(answer, 40)
                            )
                        },
                    )
                }
            };
            if let Some(message) = problem {
                let evidence = if answer.is_empty() {
                    f.question.trim()
                } else {
                    answer
                };
                out.push(
                    Violation::new(message, evidence)
                        .target(format!("问题「{}」", quote(&f.question, 30)))
                        .at(&f.provenance),
                );
            }
        }
        Verdict::Checked(out)
    }
}

/// A question as compared with the others: normalised (for sameness), and the bigrams of its
/// text without the item's name (when that has two characters or more) and without stop words
/// (for near sameness). `bare` is scratch space.
fn question_key(q: &str, item_name: &str, bare: &mut Vec<char>) -> (Vec<char>, Bigrams) {
    let mut key = Vec::new();
    normalize_chars_into(q, &mut key);
    if item_name.chars().nth(1).is_some() && find_text(q, item_name).is_some() {
        normalize_chars_into(&q.replace(item_name, ""), bare);
    } else {
        // Nothing to leave out: the same as normalising the question again.
        bare.clear();
        bare.extend_from_slice(&key);
    }
    remove_stopword_chars(bare);
    (key, Bigrams::of_chars(bare))
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

/// Another element long enough to be copied into an answer: its label, its normalised text as
/// characters, and the text as [`similarity`](super::general_text::similarity) compares it,
/// worked out only when an answer of comparable length needs it (elements are often long,
/// answers short).
struct Element {
    label: &'static str,
    norm: Vec<char>,
    /// The normalised text's characters, to rule out holding an answer without searching.
    sketch: OnceCell<CharSketch>,
    /// Its stop-word characters: how many of its characters a stop word may take.
    stop: OnceCell<StopwordScan>,
    /// The normalised text without stop words.
    bare: OnceCell<Vec<char>>,
    bigram_sketch: OnceCell<BigramSketch>,
    bigrams: OnceCell<Bigrams>,
}

impl Element {
    fn sketch(&self) -> &CharSketch {
        self.sketch.get_or_init(|| CharSketch::of_chars(&self.norm))
    }

    fn stop(&self) -> &StopwordScan {
        self.stop.get_or_init(|| scan_stopword_chars(&self.norm))
    }

    fn bare(&self) -> &[char] {
        self.bare.get_or_init(|| {
            let mut bare = self.norm.clone();
            remove_scanned_stopword_chars(&mut bare, *self.stop());
            bare
        })
    }

    /// Whether the element may hold an answer of `chars` characters (normalised) with this
    /// sketch: `false` only when [`find_chars`] surely finds nothing.
    fn may_contain(&self, chars: usize, sketch: &CharSketch) -> bool {
        self.norm.len() >= chars && self.sketch().may_contain(sketch)
    }

    /// Whether the element may be as similar as `threshold` to an answer of `chars` characters
    /// without stop words. A long element is ruled out by its length alone: without stop words it
    /// keeps at least its other characters, and the similarity bound falls as it grows.
    fn may_reach(&self, chars: usize, threshold: f64) -> bool {
        let least = self.norm.len() - self.stop().count;
        if least >= chars && !Bigrams::may_reach(chars, least, threshold) {
            return false;
        }
        Bigrams::may_reach(chars, self.bare().len(), threshold)
    }

    fn bigram_sketch(&self) -> &BigramSketch {
        self.bigram_sketch
            .get_or_init(|| BigramSketch::of_chars(self.bare()))
    }

    fn bigrams(&self) -> &Bigrams {
        self.bigrams.get_or_init(|| Bigrams::of_chars(self.bare()))
    }
}

/// The other elements of at least ten characters once normalised. Computed once per item, not
/// once per answer.
fn other_elements(item: &Item) -> Vec<Element> {
    let mut elements = Vec::new();
    let mut norm = Vec::new();
    for &field in OTHER_ELEMENTS {
        normalize_chars_into(item.get(field), &mut norm);
        if norm.len() >= 10 {
            elements.push(Element {
                label: field.label(),
                norm: std::mem::take(&mut norm),
                sketch: OnceCell::new(),
                stop: OnceCell::new(),
                bare: OnceCell::new(),
                bigram_sketch: OnceCell::new(),
                bigrams: OnceCell::new(),
            });
        }
    }
    elements
}

/// The label of the item element an answer (through [`normalize_chars_into`]) merely repeats,
/// if any: the element's text contains the answer, or their similarity reaches the threshold.
/// `bare` is scratch space.
fn repeated_element(
    elements: &[Element],
    norm: &[char],
    bare: &mut Vec<char>,
    threshold: f64,
) -> Option<&'static str> {
    let chars = norm.len();
    // An answer of fewer than ten characters is not taken for a copy.
    if chars < 10 {
        return None;
    }
    let sketch = CharSketch::of_chars(norm);
    bare.clear();
    bare.extend_from_slice(norm);
    remove_scanned_stopword_chars(bare, scan_stopword_chars(norm));
    let bare_chars = bare.len();
    let mut bigram_sketch: Option<BigramSketch> = None;
    let mut bigrams: Option<Bigrams> = None;
    elements
        .iter()
        .find(|e| {
            // The sketches only rule out what the exact tests would reject.
            e.may_contain(chars, &sketch) && find_chars(&e.norm, norm).is_some()
                || e.may_reach(bare_chars, threshold)
                    && bigram_sketch
                        .get_or_insert_with(|| BigramSketch::of_chars(bare))
                        .may_reach(e.bigram_sketch(), threshold)
                    && bigrams
                        .get_or_insert_with(|| Bigrams::of_chars(bare))
                        .dice(e.bigrams())
                        >= threshold
        })
        .map(|e| e.label)
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
            let (key, bigrams) = question_key(&q, &name, &mut vec!['x']);
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
            let elements = other_elements(&item);
            proptest::prop_assert_eq!(
                repeated_element(&elements, &chars, &mut Vec::new(), threshold),
                repeated_element_plain(&item, &norm, threshold)
            );
        }
    }
}
