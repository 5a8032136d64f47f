//! How Q01 keys a question to compare it with the item's other questions: what it asks, its
//! core with question words, fillers and near-synonyms folded, and the contrasts that keep two
//! alike questions apart.
//!
//! Not here: the comparison of the item's questions itself (`faqs`); the word lists it folds with
//! (`question_words`).

use crate::rules::general_text::{
    Bigrams, find_text, normalize_chars_into, normalize_for_compare, push_without,
    remove_stopword_chars,
};

use super::question_words::{ABSENCES, Asks, DELEGATIONS, LASTING};
#[cfg(test)]
use super::question_words::{
    AFTER_LOSS, ASK_PARAPHRASES, ASK_WORDS, FILLERS, MATERIAL_ASKS, NEAR_SYNONYMS, QUESTION_FORMS,
    WORD_SYNONYMS,
};
use super::word_tables::{
    AFTER_LOSS_TABLE, ASK_PARAPHRASE_TABLE, ASK_WORD_TABLE, FILLER_TABLE, MATERIAL_ASK_TABLE,
    NEAR_SYNONYM_TABLE, QUESTION_FORM_TABLE, Replacements, WORD_SYNONYM_TABLE,
};

/// What a normalised question asks: the kinds of its [`ASK_WORDS`](super::question_words::ASK_WORDS).
fn asks_of(text: &[char]) -> Asks {
    let (mut asks, mut at) = (0, 0);
    while at < text.len() {
        if let Some((word, kind)) = ASK_WORD_TABLE.at(&text[at..]) {
            asks |= kind;
            at += word.len();
        } else {
            at += 1;
        }
    }
    asks
}

/// Takes `后` or `之后` out of a core (stop words, [`FILLERS`](super::question_words::FILLERS) out) where it stands right before a
/// how-long mark `#` that the question follows with what happens (`备案后#生效` is `备案#生效`:
/// 「备案后多久生效？」 is 「备案多久能生效？」), in place. Kept: after an act that lasts
/// ([`LASTING`]), and before a mark that ends the core (「领取后多久？」 is not 「领取多久？」, which
/// asks how long one receives).
fn drop_after(core: &mut Vec<char>) {
    let (mut read, mut write) = (0, 0);
    while read < core.len() {
        let c = core[read];
        // `之后#…` or `后#…`, something after the mark.
        let len = match c {
            '之' if core.get(read + 1) == Some(&'后') => 2,
            '后' => 1,
            _ => 0,
        };
        let len = if len > 0 && core.get(read + len) == Some(&'#') && read + len + 1 < core.len() {
            len
        } else {
            0
        };
        let lasting = len > 0
            && LASTING.iter().any(|w| {
                let w_len = w.chars().count();
                write >= w_len && core[write - w_len..write].iter().copied().eq(w.chars())
            });
        if len > 0 && !lasting {
            read += len;
            continue;
        }
        // The character, or the whole `之后` kept after an act that lasts.
        for _ in 0..len.max(1) {
            core[write] = core[read];
            write += 1;
            read += 1;
        }
    }
    core.truncate(write);
}

/// Replaces in `text`, left to right, each occurrence of a word of `table` by its replacement
/// (the first entry that starts at a position wins). Every replacement is no longer than its
/// word, so this works in place.
fn replace_in_place(text: &mut Vec<char>, table: &Replacements) {
    let (mut read, mut write) = (0, 0);
    while read < text.len() {
        if let Some((from, to)) = table.at(&text[read..]) {
            read += from.len();
            text[write..write + to.len()].copy_from_slice(to);
            write += to.len();
        } else {
            text[write] = text[read];
            write += 1;
            read += 1;
        }
    }
    text.truncate(write);
}

/// Folds the other ways of asking the same ([`ASK_PARAPHRASES`](super::question_words::ASK_PARAPHRASES)) in a normalised question whose
/// stop words are still in, and drops the 办 of a final `怎么办` ([`drop_final_ban`]), in place.
fn fold_ask_paraphrases(text: &mut Vec<char>) {
    replace_in_place(text, &ASK_PARAPHRASE_TABLE);
    drop_final_ban(text);
}

/// Takes the 办 off a text that ends in `怎么办`, `怎样办` or `如何办`: asking what to do is asking
/// how to go about it (「残疾人证遗失怎么办？」 is 「残疾人证遗失如何办理？」, whose 办理 is a stop
/// word, as 怎么 is). Only at the end, where 办 can be nothing but 办理 (`怎么办证` keeps it).
fn drop_final_ban(text: &mut Vec<char>) {
    let n = text.len();
    if n >= 3
        && text[n - 1] == '办'
        && matches!(text[n - 3..n - 1], ['怎', '么' | '样'] | ['如', '何'])
    {
        text.pop();
    }
}

/// Folds the words for the same thing ([`WORD_SYNONYMS`](super::question_words::WORD_SYNONYMS)), then what a question about a loss
/// asks besides the loss ([`AFTER_LOSS`](super::question_words::AFTER_LOSS)), in a normalised text without its stop words, in place:
/// `残疾人证丢补办` (「残疾人证丢了怎么补办？」) is `残疾人证丢`.
pub(super) fn fold_word_synonyms(text: &mut Vec<char>) {
    replace_in_place(text, &WORD_SYNONYM_TABLE);
    replace_in_place(text, &AFTER_LOSS_TABLE);
}

/// Whether two cores ([`question_key`]) ask the same in another order: once 能 is out and 发放,
/// 领取 and 发 are read as 领 (what is paid out is what is received), one is the other with a
/// part of two characters or more moved from its front to its end (「失业保险金每月发多少？」,
/// 「每月能领多少失业保险金？」), or they are equal. Swapping two words around a third
/// (「从省内转到省外」, 「从省外转到省内」) is no such move. Says nothing about the answers, which
/// must be alike too (`faqs`).
pub(super) fn reordered(a: &[char], b: &[char]) -> bool {
    // Folding takes characters out, never more than a third of them.
    if a.len().abs_diff(b.len()) > a.len().max(b.len()) / 3 + 1 {
        return false;
    }
    let (a, b) = (fold_for_order(a), fold_for_order(b));
    if a.len() != b.len() || !says_something(&a) {
        return false;
    }
    let content = |part: &[char]| {
        part.iter()
            .filter(|c| !matches!(c, '#' | '%' | '?'))
            .nth(1)
            .is_some()
    };
    a == b
        || (1..a.len()).any(|k| {
            let (front, rest) = a.split_at(k);
            content(front) && content(rest) && b.starts_with(rest) && b.ends_with(front)
        })
}

/// A core as [`reordered`] compares it: without 能, with 发放, 领取 and 发 as 领.
fn fold_for_order(core: &[char]) -> Vec<char> {
    let mut out = Vec::with_capacity(core.len());
    let mut at = 0;
    while at < core.len() {
        let pair = (core[at], core.get(at + 1).copied());
        match pair {
            ('发', Some('放')) | ('领', Some('取')) => {
                out.push('领');
                at += 2;
            }
            ('发', _) => {
                out.push('领');
                at += 1;
            }
            ('能', _) => at += 1,
            (c, _) => {
                out.push(c);
                at += 1;
            }
        }
    }
    out
}

/// The label a question begins with (`问：`, `Q:`, `【问】`, `[Q]`), as its letter stays in the
/// normalised text (`问` or `q`), if it has one. A label followed by a number (`问题1：`, `Q1.`)
/// is left out by the normalising itself.
fn question_label(q: &str) -> Option<char> {
    let t = q.trim_start();
    let letter = |c: char| match c {
        '问' => Some('问'),
        'Q' | 'q' | 'Ｑ' | 'ｑ' => Some('q'),
        _ => None,
    };
    let mut chars = t.chars();
    let first = chars.next()?;
    if let Some(l) = letter(first) {
        // `问：…`, `Q:…`
        return matches!(chars.next(), Some('：' | ':')).then_some(l);
    }
    // `【问】…`, `[Q]…`, `（问）…`
    let close = match first {
        '【' => '】',
        '[' => ']',
        '［' => '］',
        '（' => '）',
        '(' => ')',
        '〔' => '〕',
        _ => return None,
    };
    let l = letter(chars.next()?)?;
    (chars.next() == Some(close)).then_some(l)
}

/// Whether a core says what is asked about: two characters or more besides the marks of
/// [`QUESTION_FORMS`](super::question_words::QUESTION_FORMS) (`如何申请？` and `是否需要办理？` have next to none left, and are not the
/// same question).
pub(super) fn says_something(core: &[char]) -> bool {
    core.iter()
        .filter(|c| !matches!(c, '#' | '%' | '?'))
        .nth(1)
        .is_some()
}

/// Whether two cores ([`question_key`]) ask the same: they are equal, or one is the other with
/// a qualifier of two characters or more before it that the item's name (`name`, normalised,
/// without stop words, its words folded by [`fold_word_synonyms`]) holds: in 危险化学品经营许可证核发, `经营许可证有效期#` is
/// `许可证有效期#`, which names the same licence shorter. The shorter core must say something
/// ([`says_something`]). A qualifier not from the name (`承诺时限#`, `个人?材料`) keeps them apart,
/// and so does one that says to know of what follows ([`KNOWING`]), even from the name:
/// `需要了解哪些材料？` asks what to know about, `需要哪些材料？` what to bring.
pub(super) fn same_core(a: &[char], b: &[char], name: &[char]) -> bool {
    if a == b {
        return says_something(a);
    }
    let (short, long) = if a.len() < b.len() { (a, b) } else { (b, a) };
    let extra = long.len() - short.len();
    extra >= 2
        && long.ends_with(short)
        && says_something(short)
        && name.windows(extra).any(|w| w == &long[..extra])
        && !KNOWING
            .iter()
            .any(|w| long[..extra].windows(2).any(|x| x == w))
}

/// Verbs of knowing: before what a question asks for they make it another question (to know of
/// the materials is not to need them), never a qualifier naming the item.
const KNOWING: &[[char; 2]] = &[['了', '解'], ['知', '道'], ['熟', '悉'], ['掌', '握']];

/// The core ([`question_key`]) of a question's last clause, when the clauses before it only say
/// that the applicant cannot come in person ([`ABSENCES`]) and the last asks about someone
/// acting for them ([`DELEGATIONS`]): `本人不能到场，可以委托他人办理吗？` asks
/// `可以委托他人办理吗？`. Any other leading clause may change the question
/// (`如委托他人办理，需要提交哪些材料？` is not `需要提交哪些材料？`): `None`.
pub(super) fn core_after_absence(q: &str, item_name: &str) -> Option<Vec<char>> {
    let (head, tail) = q.trim().rsplit_once(['，', ','])?;
    if !DELEGATIONS.iter().any(|w| tail.contains(w)) {
        return None;
    }
    let head = normalize_for_compare(head);
    if !ABSENCES.iter().any(|w| head.contains(w)) {
        return None;
    }
    let mut core = Vec::new();
    question_key(
        tail,
        item_name,
        &mut Vec::new(),
        &mut Vec::new(),
        &mut String::new(),
        &mut core,
    );
    Some(core)
}

/// A question as compared with the others: normalised into `key` (for sameness), and the
/// bigrams of its text without the item's name (when that has two characters or more),
/// with its paraphrases folded ([`fold_ask_paraphrases`], [`fold_word_synonyms`]), without stop
/// words and without [`FILLERS`](super::question_words::FILLERS) (for near sameness), and what it asks ([`asks_of`] the text
/// without the item's name, as written). `bare` is left holding that text folded, without its
/// stop words and fillers.
///
/// Its core goes into `core`: the text without the item's name, without a `问：` label, with
/// [`QUESTION_FORMS`](super::question_words::QUESTION_FORMS) marked, its paraphrases folded, stop words and [`FILLERS`](super::question_words::FILLERS) taken out, a
/// `后` before a how-long mark taken out ([`drop_after`]), [`NEAR_SYNONYMS`](super::question_words::NEAR_SYNONYMS) and then
/// [`MATERIAL_ASKS`](super::question_words::MATERIAL_ASKS) replaced, its end read as [`end_core`] says. Two
/// questions with the same core (that [`says_something`]) are near-duplicates, however short.
pub(super) fn question_key(
    q: &str,
    item_name: &str,
    key: &mut Vec<char>,
    bare: &mut Vec<char>,
    without_name: &mut String,
    core: &mut Vec<char>,
) -> (Bigrams, Asks) {
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
    core.clear();
    // `问：可以网上办理吗？`, `Q:…`, `【问】…` (a label the normalising keeps, as it is followed
    // by no number).
    let label = usize::from(bare.first().is_some_and(|&c| question_label(q) == Some(c)));
    core.extend_from_slice(&bare[label..]);
    replace_in_place(core, &QUESTION_FORM_TABLE);
    fold_ask_paraphrases(core);
    remove_stopword_chars(core);
    fold_word_synonyms(core);
    replace_in_place(core, &FILLER_TABLE);
    drop_after(core);
    replace_in_place(core, &NEAR_SYNONYM_TABLE);
    replace_in_place(core, &MATERIAL_ASK_TABLE);
    end_core(core);
    let asks = asks_of(bare);
    fold_ask_paraphrases(bare);
    remove_stopword_chars(bare);
    fold_word_synonyms(bare);
    replace_in_place(bare, &FILLER_TABLE);
    (Bigrams::of_chars(bare), asks)
}

/// What a core ends as: `网上办` as `网上` (`能不能网上办？` is `可以在网上办理吗？`, whose 办理 is
/// a stop word; only at the end, where 办 can be nothing but 办理), and a core of nothing but a
/// how-long mark as the time limit's (`办理要多久？`, `需要多长时间？` ask `办理时限是多久？`).
fn end_core(core: &mut Vec<char>) {
    if core.ends_with(&['网', '上', '办']) {
        core.pop();
    }
    if core[..] == ['#'] {
        core.clear();
        core.extend(['时', '限', '#']);
    }
}

/// The plain definition of [`question_key`], kept to compare.
#[cfg(test)]
pub(super) fn question_key_plain(q: &str, item_name: &str) -> (String, Bigrams, String, Asks) {
    let bare = if item_name.chars().count() >= 2 && q.contains(item_name) {
        q.replace(item_name, "")
    } else {
        q.to_owned()
    };
    let replace = |text: &str, table: &[(&str, &str)]| {
        let mut out = String::new();
        let mut rest = text;
        while let Some(c) = rest.chars().next() {
            if let Some((from, to)) = table.iter().find(|(from, _)| rest.starts_with(from)) {
                out.push_str(to);
                rest = &rest[from.len()..];
            } else {
                out.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
        out
    };
    let mut core = normalize_for_compare(&bare);
    if question_label(q).is_some_and(|c| core.starts_with(c)) {
        core.remove(0);
    }
    // The paraphrases: a table, then a final 怎么办 read as 怎么; the words for the same thing.
    let ask_paraphrases = |text: &str| {
        let text = replace(text, ASK_PARAPHRASES);
        ["怎么办", "怎样办", "如何办"]
            .into_iter()
            .find_map(|w| text.strip_suffix(w).map(|t| format!("{t}{}", &w[..6])))
            .unwrap_or(text)
    };
    let word_synonyms = |text: &str| replace(&replace(text, WORD_SYNONYMS), AFTER_LOSS);
    let mut core = ask_paraphrases(&replace(&core, QUESTION_FORMS));
    crate::rules::general_text::remove_stopwords(&mut core);
    let core = drop_after_plain(&replace(&word_synonyms(&core), FILLERS));
    let mut asks = 0;
    let mut rest = normalize_for_compare(&bare);
    while let Some(c) = rest.chars().next() {
        let hit = ASK_WORDS.iter().find(|(word, _)| rest.starts_with(word));
        let skip = hit.map_or(c.len_utf8(), |(word, _)| word.len());
        asks |= hit.map_or(0, |(_, kind)| *kind);
        rest.drain(..skip);
    }
    (
        normalize_for_compare(q),
        {
            let mut bare = ask_paraphrases(&normalize_for_compare(&bare));
            crate::rules::general_text::remove_stopwords(&mut bare);
            Bigrams::of(&replace(&word_synonyms(&bare), FILLERS))
        },
        {
            let core = replace(&replace(&core, NEAR_SYNONYMS), MATERIAL_ASKS);
            let core = core
                .strip_suffix("网上办")
                .map_or(core.clone(), |c| format!("{c}网上"));
            if core == "#" {
                "时限#".to_owned()
            } else {
                core
            }
        },
        asks,
    )
}

/// The plain definition of [`drop_after`], kept to compare.
#[cfg(test)]
fn drop_after_plain(core: &str) -> String {
    let mut out = String::new();
    let mut rest = core;
    while let Some(c) = rest.chars().next() {
        let word = ["之后#", "后#"].into_iter().find(|w| rest.starts_with(w));
        if let Some(w) = word.filter(|w| rest.len() > w.len()) {
            // Without its `#`, which is the next character read.
            let (after, left) = rest.split_at(w.len() - 1);
            if LASTING.iter().any(|l| out.ends_with(l)) {
                out.push_str(after);
            }
            rest = left;
            continue;
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}
