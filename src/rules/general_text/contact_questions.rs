//! Questions that ask for a phone number or another way to reach someone (`咨询电话是多少？`,
//! `如何咨询？`), or how far the application has got (`办理进度怎么查？`): a number to call
//! answers them, where it answers nothing else.
//!
//! Not here: the answers that say nothing (`answers`), the referrals (`referrals`).

/// Whether `question` asks how far the application has got (`如何查询办理进度？`,
/// `办理进度怎么查？`): a number to call for it answers it.
pub(super) fn asks_progress(question: &str) -> bool {
    question.contains("进度")
}

/// Names of a way to reach someone (`咨询电话`, `联系方式`): a question asks for one when the name
/// is what it asks about ([`asks_for_contact`]).
const CONTACT_NOUNS: &[&str] = &[
    "电话",
    "热线",
    "联系方式",
    "联系人",
    "咨询方式",
    "咨询渠道",
    "咨询途径",
    "咨询号码",
    "联系号码",
];

/// The names of [`CONTACT_NOUNS`] that are a phone number: a question that asks for one
/// ([`asks_for_phone`]) is answered by a number, not by whom to ask (`咨询电话是多少？` —
/// not `请联系工作人员`).
const PHONE_NOUNS: &[&str] = &["电话", "热线", "咨询号码", "联系号码"];

/// What may stand between a contact's name and the question word after it (`电话号码是多少`,
/// `联系方式分别是什么`).
const NOUN_LINKS: &[&str] = &["号码", "是", "为", "有", "都", "分别", "一般"];

/// Question words after a contact's name that ask for it (`咨询电话是多少？`, `联系人是谁？`,
/// `有咨询电话吗？`); a question mark or nothing after the name asks for it too (`咨询电话？`).
const NOUN_QUESTIONS: &[&str] = &["多少", "什么", "哪", "几", "谁", "吗", "呢", "？", "?"];

/// Question words before a contact's name that ask for it (`拨打什么电话？`, `有没有咨询电话？`).
const QUESTIONS_BEFORE_NOUN: &[&str] = &[
    "什么",
    "哪个",
    "哪些",
    "何种",
    "哪种",
    "有没有",
    "是否有",
    "有无",
];

/// Question words that ask how or whom to reach (`如何咨询？`, `怎么联系？`, `向谁咨询？`) when a
/// [`CONTACT_VERBS`] follows them.
const HOW_WORDS: &[&str] = &[
    "如何",
    "怎么",
    "怎样",
    "哪里",
    "在哪",
    "去哪",
    "向谁",
    "找谁",
    "通过什么方式",
    "通过何种方式",
];

/// Words that may stand between a [`HOW_WORDS`] and its verb (`怎样电话咨询`, `如何通过电话联系`).
const HOW_LINKS: &[&str] = &["通过", "进行", "电话", "才能", "可以", "能"];

/// Verbs of reaching someone.
const CONTACT_VERBS: &[&str] = &["联系", "咨询", "致电", "拨打", "打电话"];

/// Whether `question` asks for a phone number or another way to reach someone
/// (`咨询电话是多少？`, `如何联系工作人员？`, `如何咨询？`, `联系方式是什么`). A question that only
/// names one asks about something else (`联系电话变更需要办理变更手续吗？`,
/// `联系人变更需要提交什么材料？`, `能否通过电话办理？`), and `请咨询0566-…` does not answer it.
pub fn asks_for_contact(question: &str) -> bool {
    let q = question.trim();
    // Every contact noun, contact verb and `联系谁`/`咨询谁` holds one of these characters: a
    // question without any (most) asks for no contact, decided without a search per word.
    if !q.contains(CONTACT_CHARS) {
        return false;
    }
    asks_by_noun(q, CONTACT_NOUNS)
        || HOW_WORDS.iter().any(|h| {
            q.match_indices(h).any(|(at, _)| {
                let after = &q[at + h.len()..];
                let after = skip_links(after, HOW_LINKS);
                CONTACT_VERBS.iter().any(|v| after.starts_with(v))
            })
        })
        || ["联系谁", "咨询谁"].iter().any(|w| q.contains(w))
}

/// One character of each of [`CONTACT_NOUNS`], [`CONTACT_VERBS`], `联系谁` and `咨询谁`
/// (`contact_chars_cover_the_words` checks it).
const CONTACT_CHARS: [char; 7] = ['电', '热', '联', '咨', '致', '拨', '打'];

/// Every word [`asks_for_contact`] looks for holds a character of [`CONTACT_CHARS`].
#[test]
fn contact_chars_cover_the_words() {
    for w in CONTACT_NOUNS
        .iter()
        .chain(CONTACT_VERBS)
        .chain(&["联系谁", "咨询谁"])
    {
        assert!(w.contains(CONTACT_CHARS), "{w}");
    }
}

/// Whether `question` asks for a phone number by name (`咨询电话是多少？`, `有没有咨询电话？`,
/// `热线号码是什么？`; [`PHONE_NOUNS`]), not how or whom to ask (`如何咨询？`, `联系人是谁？`).
pub(super) fn asks_for_phone(question: &str) -> bool {
    asks_by_noun(question.trim(), PHONE_NOUNS)
}

/// Whether `q` asks for one of `nouns` by name: a question word after it or before it
/// (`咨询电话是多少？`, `拨打什么电话？`), or nothing after it (`咨询电话？`).
fn asks_by_noun(q: &str, nouns: &[&str]) -> bool {
    nouns.iter().any(|n| {
        q.match_indices(n).any(|(at, _)| {
            let after = &q[at + n.len()..];
            let before = q[..at].trim_end_matches(['咨', '询', '联', '系', '的']);
            let after = skip_links(after, NOUN_LINKS);
            after.is_empty()
                || NOUN_QUESTIONS.iter().any(|w| after.starts_with(w))
                || QUESTIONS_BEFORE_NOUN.iter().any(|w| before.ends_with(w))
        })
    })
}

/// `text` with its leading `links` (and white space) taken off.
fn skip_links<'t>(text: &'t str, links: &[&str]) -> &'t str {
    let mut rest = text.trim_start();
    while let Some(l) = links.iter().find(|l| rest.starts_with(**l)) {
        rest = rest[l.len()..].trim_start();
    }
    rest
}
