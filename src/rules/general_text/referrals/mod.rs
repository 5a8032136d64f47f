//! Answers that only send the reader to someone else — a window, an office, a phone — and say
//! nothing of their own (`请咨询律师工作科`, `请联系县农业农村局植保站`, `请到窗口咨询`,
//! `请向受理窗口咨询`, `以窗口解释为准`): Q01's non-answers beyond its list of phrases.
//!
//! An answer is one when every clause of it is such a referral (also with a thing to bring:
//! `请携带身份证到窗口咨询`), a contact line after one (`律师工作科电话：0566-2021156`), or a
//! clause that says nothing (`如有疑问`, `视具体情况而定`). One clause of content besides
//! (`可以。需提交…；如有疑问请咨询窗口`) makes it an answer, and so does whom it names to a
//! question that asks whom or where, a number to one that asks for the phone, a thing to bring
//! to one that asks what to bring.
//!
//! Not here: the configured non-answer phrases and what an answer says besides them (`answers`).

#[allow(clippy::wildcard_imports)]
use super::*;

use super::contact_questions::{asks_for_contact, asks_for_phone};
use crate::model::phone::parse_phones;
use crate::model::text::SENTENCE_ENDS;

mod words;
#[allow(clippy::wildcard_imports)]
use words::*;

/// Whether `question` asks which office or where ([`ASKS_WHICH_OFFICE`]): an office named
/// answers it.
pub(super) fn asks_which_office(question: &str) -> bool {
    ASKS_WHICH_OFFICE.iter().any(|w| question.contains(w))
}

/// Whether `rest`, a normalised answer less its phrases, names an office ([`is_whom`]), not just
/// any (`律师工作科`, `县农业农村局植保站`; not `有关单位`, `执行`).
pub(super) fn names_an_office(rest: &[char]) -> bool {
    is_whom(rest)
        && !["有关", "相关", "其他", "其它"]
            .iter()
            .any(|w| holds_word(rest, w))
}

/// `text` begins with `word`.
fn starts_with_word(text: &[char], word: &str) -> bool {
    let mut n = 0;
    word.chars().all(|c| {
        n += 1;
        text.get(n - 1) == Some(&c)
    })
}

/// `text` ends with `word`.
fn ends_with_word(text: &[char], word: &str) -> bool {
    let mut n = text.len();
    word.chars().rev().all(|c| {
        if n == 0 {
            return false;
        }
        n -= 1;
        text[n] == c
    })
}

/// `text` holds `word`.
fn holds_word(text: &[char], word: &str) -> bool {
    (0..text.len()).any(|i| starts_with_word(&text[i..], word))
}

/// `text` without the first of `words` it begins with, if any.
fn without_first<'t>(text: &'t [char], words: &[&str]) -> Option<&'t [char]> {
    words
        .iter()
        .find(|w| starts_with_word(text, w))
        .map(|w| &text[w.chars().count()..])
}

/// `text` without the first of `words` it ends with, if any.
fn without_last<'t>(text: &'t [char], words: &[&str]) -> Option<&'t [char]> {
    words
        .iter()
        .find(|w| ends_with_word(text, w))
        .map(|w| &text[..text.len() - w.chars().count()])
}

/// Whether `question` asks what to bring or submit ([`ASKS_WHAT_TO_BRING`]), so that what a
/// referral asks to bring answers it.
fn asks_what_to_bring(question: &str) -> bool {
    let q = question.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '？' | '?' | '。' | '吗' | '呢')
    });
    ASKS_WHAT_TO_BRING.iter().any(|w| q.contains(w)) || q.ends_with("什么") || q.ends_with("哪些")
}

/// Whether a normalised text names no more than a thing to bring (`身份证`, `申请材料`; not
/// `身份证办理后`): short, and none of [`NOT_WHOM`] but [`THING_WORDS`] in it.
fn is_brought(thing: &[char]) -> bool {
    !thing.is_empty()
        && thing.len() <= LONGEST_BROUGHT
        && !NOT_WHOM
            .iter()
            .any(|w| !THING_WORDS.contains(w) && holds_word(thing, w))
}

/// `text` without the [`TAILS`] it ends with (`联系确认`).
fn without_tails(mut text: &[char]) -> &[char] {
    while let Some(rest) = without_last(text, TAILS) {
        text = rest;
    }
    text
}

/// Whether a normalised clause names no more than whom to ask: a window, a person, an office
/// ([`WHOM_ENDS`]), with or without a phone number after it, or a phone number alone
/// (`律师工作科`, `县农业农村局植保站05665121234`, `05662021156`).
fn is_whom(whom: &[char]) -> bool {
    whom_phone(whom).is_some()
}

/// Whether a normalised clause is only whom to ask and a phone number: a contact line
/// (`律师工作科电话05662021156`, `联系电话05662021156`, `05662021156`), which adds nothing to a
/// referral beside it.
fn is_contact_line(clause: &[char]) -> bool {
    whom_phone(clause) == Some(true)
}

/// [`is_whom`], and then whether whom ends with a phone number (five digits or more).
fn whom_phone(whom: &[char]) -> Option<bool> {
    if whom.is_empty() || whom.len() > 30 || NOT_WHOM.iter().any(|w| holds_word(whom, w)) {
        return None;
    }
    // A number after whom (`植保站（电话：0566-5121234）`, `…转8012`), or alone.
    let mut rest = whom;
    let mut digits = 0;
    loop {
        let n = rest.iter().rev().take_while(|c| c.is_ascii_digit()).count();
        rest = &rest[..rest.len() - n];
        digits += n;
        match without_last(rest, &["转"]) {
            Some(r) if n > 0 => rest = r,
            _ => break,
        }
    }
    let phone = digits >= 5;
    if !phone {
        rest = whom;
    }
    ((phone && rest.is_empty()) || WHOM_ENDS.iter().any(|w| ends_with_word(rest, w)))
        .then_some(phone)
}

/// A clause that only sends the reader to someone ([`referral_whom`]).
struct Referral<'c> {
    /// Whom it sends to (empty for a bare `请咨询`).
    whom: &'c [char],
    /// What it asks the reader to bring along (`身份证` in `请携带身份证到窗口咨询`), or nothing.
    brought: &'c [char],
}

/// The clause `to` when it is `到` or `向` whom `咨询` (`到窗口咨询`, `向受理窗口咨询`,
/// `与窗口联系`): whom.
fn toward_whom(to: &[char]) -> Option<&[char]> {
    TOWARD.iter().find_map(|v| {
        if !starts_with_word(to, v) {
            return None;
        }
        let whom = without_tails(without_last(&to[v.chars().count()..], TAILS)?);
        is_whom(whom).then_some(whom)
    })
}

/// Whom a normalised clause only sends the reader to, when that is all it does: `咨询` or `联系`
/// whom (`请咨询律师工作科`, `具体请致电0566-2021156`), `到` or `向` whom `咨询` (`请到窗口咨询`,
/// `请向受理窗口咨询`), that with a thing to bring first (`请携带身份证到窗口咨询`,
/// `需携带身份证到窗口咨询`), or `以` whom `解释为准` (`以窗口解释为准`; whom may be left out of
/// what is decided on the spot: `以现场审查意见为准`).
fn referral_whom(clause: &[char]) -> Option<Referral<'_>> {
    let only = |whom| Referral { whom, brought: &[] };
    let mut c = clause;
    while let Some(rest) = without_first(c, LEADS) {
        c = rest;
    }
    while let Some(rest) = without_last(c, TRAILERS) {
        c = rest;
    }
    if c.is_empty() {
        return None;
    }
    // 以窗口解释为准, 以县卫生健康综合监督执法局现场审查意见为准, 以现场审查意见为准
    if let Some(rest) = c.strip_prefix(&['以'])
        && let Some(rest) = without_last(rest, &["为准"])
    {
        match without_last(rest, SAYINGS) {
            Some(whom) if whom.is_empty() || is_whom(whom) => return Some(only(whom)),
            None if is_whom(rest) => return Some(only(rest)),
            _ => {}
        }
    }
    // 携带身份证到窗口咨询, 需携带身份证和户口本到窗口咨询: the last 到 (or 向, 与) after the
    // thing to bring that starts a referral.
    let carried = without_first(c, MUST).unwrap_or(c);
    if let Some(rest) = without_first(carried, CARRY) {
        return (1..rest.len().min(LONGEST_BROUGHT + 1))
            .rev()
            .find_map(|at| {
                let (brought, to) = rest.split_at(at);
                toward_whom(to)
                    .filter(|_| is_brought(brought))
                    .map(|whom| Referral { whom, brought })
            });
    }
    // 到窗口咨询, 向受理窗口咨询, 与窗口联系
    toward_whom(c).map(only).or_else(|| {
        // 咨询律师工作科, 致电0566-2021156, 拨打12345热线咨询, 请咨询
        ASK_VERBS.iter().find_map(|v| {
            if !starts_with_word(c, v) {
                return None;
            }
            let whom = without_tails(&c[v.chars().count()..]);
            (whom.is_empty() || is_whom(whom)).then(|| only(whom))
        })
    })
}

/// Whether `question` asks where, which office, how to reach someone or what to do with a doubt
/// ([`ASKS_WHOM`]), so that whom an answer sends to is its answer.
fn asks_whom(question: &str) -> bool {
    asks_for_contact(question)
        || ASKS_WHOM.iter().any(|w| question.contains(w))
        || asks_which_office(question)
}

impl NonAnswers {
    /// Whether `answer` to `question` only sends the reader to someone to ask and says nothing of
    /// its own: every clause is such a referral (`请咨询律师工作科`, `请到窗口咨询`,
    /// `请向受理窗口咨询`, `具体请咨询县应急管理局危化股`, `以窗口解释为准`,
    /// `请携带身份证到窗口咨询`), a contact line (`律师工作科电话：0566-2021156`) or says nothing
    /// (`如有疑问`, `视具体情况而定`), and one at least is a referral. An answer with a clause of
    /// its own (`可以。需提交…；如有疑问请咨询窗口`) is an answer; so is one that asks to bring
    /// something to a question that asks what to bring (`asks_what_to_bring`:
    /// `需要带什么材料？`), and one that names an office (`names_an_office`; not
    /// `请咨询有关单位`) to a question that asks where, which office or how to reach someone
    /// (`asks_whom`), unless the question asks for a phone number and the answer gives none
    /// (`咨询电话是多少？` — `请联系工作人员`). `clause` and `rest` are scratch space.
    pub fn only_refers(
        &self,
        answer: &str,
        question: &str,
        clause: &mut Vec<char>,
        rest: &mut Vec<char>,
    ) -> bool {
        let answer = answer.trim();
        if !REFERRAL_MARKS.iter().any(|m| answer.contains(m)) {
            return false;
        }
        // `请咨询律师工作科（地址：…，电话：…）` is `请咨询律师工作科`.
        // (Its phone still answers a question that asks for one, below.)
        let text = &*without_contact_notes(answer);
        if text.len() > LONGEST_REFERRAL || !REFERRAL_MARKS.iter().any(|m| text.contains(m)) {
            return false;
        }
        let mut referral = false;
        // Whom a referral names is an office, not just anyone (`请咨询有关单位`, `请咨询`).
        let mut named = false;
        for part in text
            .split(|c: char| SENTENCE_ENDS.contains(&c) || matches!(c, '？' | '?' | '\n' | '\r'))
        {
            // `地址：…` after `请咨询律师工作科。`: where whom is, like its phone.
            if is_address_line(part) {
                continue;
            }
            normalize_chars_into(part, clause);
            if clause.is_empty() || EMPTY_CLAUSES.iter().any(|w| same_word(clause, w)) {
                continue;
            }
            if let Some(r) = referral_whom(clause) {
                // `请携带身份证到窗口咨询` to `需要带什么材料？`: what to bring is the answer.
                if !r.brought.is_empty() && asks_what_to_bring(question) {
                    return false;
                }
                referral = true;
                named |= names_an_office(r.whom);
            } else if is_contact_line(clause) {
                // `律师工作科电话：0566-2021156` after `请咨询律师工作科`: whom again, and a number.
                named |= names_an_office(clause);
            } else if !self.says_nothing(clause, rest) {
                return false;
            }
        }
        // Whom it names answers a question that asks where, which office or how to reach
        // someone; one that asks for a phone number (`咨询电话是多少？`) only with a number, not
        // `请联系工作人员`.
        let answered = named
            && asks_whom(question)
            && (asks_which_office(question)
                || !asks_for_phone(question)
                || !parse_phones(answer).is_empty());
        referral && !answered
    }
}

/// `answer` without its notes in brackets of where and how to reach someone
/// ([`CONTACT_LABELS`]: `（地址：…，电话：…）`), or of a phone number alone (`（0566-2021156）`).
/// Other brackets are kept (`（需携带身份证）` says something).
fn without_contact_notes(answer: &str) -> std::borrow::Cow<'_, str> {
    if !answer.contains(['（', '(']) {
        return answer.into();
    }
    let mut out = String::with_capacity(answer.len());
    let mut rest = answer;
    while let Some(open) = rest.find(['（', '(']) {
        let after = &rest[open..];
        let inner_start = open + after.chars().next().map_or(1, char::len_utf8);
        let Some(len) = rest[inner_start..].find(['）', ')']) else {
            break;
        };
        let inner = &rest[inner_start..inner_start + len];
        let close = inner_start
            + len
            + rest[inner_start + len..]
                .chars()
                .next()
                .map_or(1, char::len_utf8);
        let note = inner.trim();
        let labelled = CONTACT_LABELS.iter().any(|l| {
            note.strip_prefix(l)
                .is_some_and(|r| r.trim_start().starts_with(['：', ':']))
        });
        let phone_only = !note.is_empty()
            && note
                .chars()
                .all(|c| c.is_ascii_digit() || matches!(c, '-' | '－' | '—' | ' ' | '转' | '、'))
            && note.chars().filter(char::is_ascii_digit).count() >= 5;
        out.push_str(&rest[..open]);
        if !(labelled || phone_only) {
            out.push_str(&rest[open..close]);
        }
        rest = &rest[close..];
    }
    out.push_str(rest);
    out.into()
}

/// Whether a part of an answer, as written, is an address with its label (`地址：池州市…`).
fn is_address_line(part: &str) -> bool {
    let part = part.trim();
    ADDRESS_LABELS.iter().any(|l| {
        part.strip_prefix(l)
            .is_some_and(|r| r.trim_start().starts_with(['：', ':']))
    })
}

/// `text` is `word`.
fn same_word(text: &[char], word: &str) -> bool {
    text.iter().copied().eq(word.chars())
}
