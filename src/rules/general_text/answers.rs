//! Answers that say nothing (`详见办事指南`, `请咨询窗口`): the FAQ rule's non-answers.

use super::contact_questions::{asks_for_contact, asks_progress};
#[allow(clippy::wildcard_imports)]
use super::*;

/// Fillers that carry no content in an answer.
pub(super) const FILLERS: &[&str] = &[
    "请",
    "您",
    "可以",
    "可",
    "到",
    "向",
    "具体",
    "工作人员",
    "相关",
    "有关",
    "事宜",
    "问题",
    "情况",
    "办理",
    "拨打",
    "电话",
    "进行",
    "为准",
    "的",
    "本",
    "事项",
];

/// Words that hold a one-character filler of [`FILLERS`] (`请`, `可`, `到`, `向`, `的`, `本`):
/// inside them the character is the word's, not the polite 请 of `请咨询` or the 可 of `可到窗口`
/// (`申请`, `邀请`, `许可`, `报到`, `方向`, `目的`, `副本`), and stays ([`remove_filler`]).
const FILLERS_IN_WORDS: &[&str] = &[
    "申请",
    "邀请",
    "提请",
    "聘请",
    "报请",
    "呈请",
    "宴请",
    "约请",
    "请假",
    "请示",
    "请求",
    "许可",
    "认可",
    "报到",
    "达到",
    "收到",
    "到期",
    "到达",
    "到账",
    "方向",
    "意向",
    "定向",
    "目的",
    "的确",
    "副本",
    "样本",
    "文本",
    "版本",
    "成本",
    "基本",
    "户口本",
];

/// Takes `filler` out of `text` everywhere, except that a one-character filler stays where it
/// is part of a word of [`FILLERS_IN_WORDS`] (`申请` keeps its 请; `请申请人携带` loses the first).
/// Which characters go is decided on the text as it was before any is taken out.
fn remove_filler(text: &mut Vec<char>, filler: &[char]) {
    let &[f] = filler else {
        remove_all_chars(text, filler);
        return;
    };
    let in_a_word = |i: usize| {
        FILLERS_IN_WORDS.iter().any(|w| {
            let len = w.chars().count();
            w.chars().enumerate().any(|(k, c)| {
                c == f && i >= k && text[i - k..].iter().copied().take(len).eq(w.chars())
            })
        })
    };
    let gone: Vec<usize> = (0..text.len())
        .filter(|&i| text[i] == f && !in_a_word(i))
        .collect();
    if gone.is_empty() {
        return;
    }
    let (mut at, mut next) = (0, 0);
    text.retain(|_| {
        let go = gone.get(next) == Some(&at);
        next += usize::from(go);
        at += 1;
        !go
    });
}

/// Whether an answer says nothing beyond a referral (`详见办事指南`, `请咨询窗口工作人员`).
pub fn is_non_answer(answer: &str, phrases: &[String]) -> bool {
    NonAnswers::new(phrases).matches(answer)
}

/// The configured non-answer phrases, normalised and longest first, with one matcher for all of
/// them: prepared once per run (see [`CheckContext::prepared`](crate::rules::CheckContext::prepared)).
#[derive(Debug, Clone)]
pub struct NonAnswers {
    phrases: Vec<String>,
    /// Finds any of the phrases in one pass; `None` only if the list is too large to compile,
    /// when the phrases are searched one by one.
    any: Option<aho_corasick::AhoCorasick>,
    /// The phrases as characters, in the same order, for [`matches_chars`](Self::matches_chars).
    phrase_chars: Vec<Vec<char>>,
    /// The bits ([`sketch_bit`]) of the phrases' first characters: a position whose character
    /// has no bit here starts no phrase.
    first_bits: [u64; 4],
    /// [`FILLERS`] as characters.
    filler_chars: Vec<Vec<char>>,
    /// The [`CharSketch`] of each phrase and then each filler, in the order taken out.
    word_sketches: Vec<CharSketch>,
    /// The characters of the Basic Multilingual Plane that occur in a phrase or filler, one bit
    /// each: only those can be taken out of an answer.
    word_chars: Box<[u64; 1024]>,
    /// Whether a phrase or filler has a character beyond the Basic Multilingual Plane (then
    /// [`word_chars`](Self::word_chars) rules out nothing).
    word_chars_beyond: bool,
}

impl NonAnswers {
    /// Prepares the phrases (`[check] faq_non_answer_phrases`).
    pub fn new(phrases: &[String]) -> Self {
        let mut sorted: Vec<String> = phrases
            .iter()
            .map(|p| normalize_for_compare(p))
            .filter(|p| !p.is_empty())
            .collect();
        sorted.sort_by_key(|p| std::cmp::Reverse(p.chars().count()));
        let any = aho_corasick::AhoCorasick::builder()
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            // Its prefilter looks for rare bytes, and Han text has none: straight through is faster.
            .prefilter(false)
            .build(&sorted)
            .ok();
        let phrase_chars: Vec<Vec<char>> = sorted.iter().map(|p| p.chars().collect()).collect();
        let mut first_bits = [0u64; 4];
        for p in &phrase_chars {
            set_bit(&mut first_bits, sketch_bit(u64::from(p[0])));
        }
        let filler_chars: Vec<Vec<char>> = FILLERS.iter().map(|f| f.chars().collect()).collect();
        let word_sketches = phrase_chars
            .iter()
            .chain(&filler_chars)
            .map(|w| CharSketch::of_chars(w))
            .collect();
        let mut word_chars = Box::new([0u64; 1024]);
        let mut word_chars_beyond = false;
        // Digits may be a phone number, which says nothing more than 请致电 ([`strip_phones`]).
        let digits: Vec<char> = ('0'..='9').collect();
        for &c in phrase_chars
            .iter()
            .chain(&filler_chars)
            .flatten()
            .chain(&digits)
        {
            match word_chars.get_mut(c as usize >> 6) {
                Some(w) => *w |= 1 << (c as usize & 63),
                None => word_chars_beyond = true,
            }
        }
        Self {
            phrases: sorted,
            any,
            phrase_chars,
            first_bits,
            word_sketches,
            filler_chars,
            word_chars,
            word_chars_beyond,
        }
    }

    /// Whether `norm` has at least six characters that occur in no phrase or filler, before any
    /// 见 (which may begin a pointer to another part, [`strip_pointers`]): taking words out cannot
    /// remove those, so the answer is then no mere referral.
    fn keeps_six(&self, norm: &[char]) -> bool {
        if self.word_chars_beyond {
            return false;
        }
        let mut kept = 0;
        for &c in norm {
            if c == '见' || c == '見' {
                return false;
            }
            let in_words = self
                .word_chars
                .get(c as usize >> 6)
                .is_some_and(|w| w >> (c as usize & 63) & 1 != 0);
            kept += usize::from(!in_words);
            if kept >= 6 {
                return true;
            }
        }
        false
    }

    /// [`matches_normalized`](Self::matches_normalized) for an answer through
    /// [`normalize_chars_into`]; `rest` is scratch space. The phrases are looked for only where
    /// a character may start one, and taken out in place.
    pub fn matches_chars(&self, norm: &[char], rest: &mut Vec<char>) -> bool {
        // Most answers say something: six characters no word can take out settle it.
        if self.keeps_six(norm) {
            return false;
        }
        let any = norm.iter().enumerate().any(|(i, &c)| {
            has_bit(&self.first_bits, sketch_bit(u64::from(c)))
                && self
                    .phrase_chars
                    .iter()
                    .any(|p| starts_with_chars(&norm[i..], p))
        });
        if !any {
            return false;
        }
        rest.clear();
        rest.extend_from_slice(norm);
        strip_pointers(rest);
        // Taking words out never adds a character: a word with a character the answer lacks
        // cannot occur, and is not looked for.
        let sketch = CharSketch::of_chars(norm);
        let (phrase_sketches, filler_sketches) =
            self.word_sketches.split_at(self.phrase_chars.len());
        for (p, s) in self.phrase_chars.iter().zip(phrase_sketches) {
            if sketch.may_contain(s) {
                remove_all_chars(rest, p);
            }
        }
        for (f, s) in self.filler_chars.iter().zip(filler_sketches) {
            if sketch.may_contain(s) {
                remove_filler(rest, f);
            }
        }
        strip_phones(rest);
        rest.len() < 6
    }

    /// Whether a normalised clause says nothing at all: it holds a phrase, and nothing is left
    /// once the phrases, fillers, pointers and phone numbers are taken out (`视具体情况而定`,
    /// `根据相关规定`; not `可以`, which holds no phrase, nor `请致电预约`). `rest` is scratch space.
    pub(super) fn says_nothing(&self, clause: &[char], rest: &mut Vec<char>) -> bool {
        if !(0..clause.len()).any(|i| {
            self.phrase_chars
                .iter()
                .any(|p| starts_with_chars(&clause[i..], p))
        }) {
            return false;
        }
        rest.clear();
        rest.extend_from_slice(clause);
        strip_pointers(rest);
        for p in &self.phrase_chars {
            remove_all_chars(rest, p);
        }
        for f in &self.filler_chars {
            remove_filler(rest, f);
        }
        strip_phones(rest);
        rest.is_empty()
    }

    /// Whether `answer` is only a referral: once the phrases and fillers are taken out, fewer than
    /// six characters are left.
    pub fn matches(&self, answer: &str) -> bool {
        self.matches_normalized(&normalize_for_compare(answer))
    }

    /// [`matches`](Self::matches) for an answer already through [`normalize_for_compare`].
    pub fn matches_normalized(&self, norm: &str) -> bool {
        let any = match &self.any {
            Some(ac) => ac.is_match(norm),
            None => self.phrases.iter().any(|p| norm.contains(p.as_str())),
        };
        if !any {
            return false;
        }
        let mut chars: Vec<char> = norm.chars().collect();
        strip_pointers(&mut chars);
        let mut rest: String = chars.into_iter().collect();
        for p in &self.phrases {
            if rest.contains(p.as_str()) {
                rest = rest.replace(p.as_str(), "");
            }
        }
        let mut chars: Vec<char> = rest.chars().collect();
        for f in &self.filler_chars {
            remove_filler(&mut chars, f);
        }
        strip_phones(&mut chars);
        chars.len() < 6
    }
}

/// Takes out pointers to another part of the guide: what follows 详见/参见/请见 (or a 见 that
/// begins the answer) up to a 栏 within 20 characters (`详见办事指南"承诺办结时限"栏` keeps
/// `详见`). Only takes characters out, and only after a 见.
fn strip_pointers(chars: &mut Vec<char>) {
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let referral = (c == '见' || c == '見')
            && (i == 0 || matches!(chars[i - 1], '详' | '参' | '请' | '詳' | '參' | '請'));
        if referral
            && let Some(j) = chars[i + 1..]
                .iter()
                .take(20)
                .position(|&c| c == '栏' || c == '欄')
        {
            chars.drain(i + 1..=i + 1 + j);
        }
        i += 1;
    }
}

/// Takes out phone numbers: runs of seven digits or more (`05662021156`, the area code's hyphen
/// already gone), and five-digit hotlines (`12345`).
fn strip_phones(chars: &mut Vec<char>) {
    let mut out = 0;
    let mut i = 0;
    while i < chars.len() {
        let run = chars[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        if run >= 7 || (run == 5 && chars[i] == '1' && chars[i + 1] == '2') {
            i += run;
            continue;
        }
        let keep = run.max(1);
        chars.copy_within(i..i + keep, out);
        out += keep;
        i += keep;
    }
    chars.truncate(out);
}

/// Words that are an answer's own content wherever they are left once the referral is taken
/// out: a fee (`免费`, `不收费`) or a way (`邮寄送达`, `网上办理`).
const CONTENT_WORDS: &[&str] = &[
    "免费", "收费", "邮寄", "快递", "送达", "自取", "领取", "网上", "在线", "线上", "登录",
];

/// A yes or no that may open an answer as a clause of its own (`可以，…`, `不需要，…`).
const YES_NO: &[&str] = &[
    "可以",
    "能",
    "是",
    "否",
    "需要",
    "要",
    "会",
    "有",
    "行",
    "可",
    "不可以",
    "不能",
    "不是",
    "不需要",
    "不要",
    "不会",
    "没有",
    "不用",
    "无需",
    "无须",
    "不需",
    "不行",
    "不可",
];

/// Whether an answer that [`NonAnswers::matches_chars`] found to be little beyond a referral
/// still says something of its own besides it, so is an answer (`不收费，详询0566-2021156`,
/// `5个工作日，详询…`, `需要，具体请致电…`, `致电0566-2021156查询` to 如何查询办理进度？).
/// `rest` is what `matches_chars` left of it (phrases, fillers, pointers and phones taken out);
/// `answer` and `question` are as written. Own content is: a digit besides a phone number (an amount, a time), a
/// fee or a way (`CONTENT_WORDS`), a negation that begins what is left (`无最低要求`), a yes or
/// no as a clause of its own (`YES_NO`: `需要，…`, `根据相关规定，可以。`), a word of the question left (the referral is
/// the way to do what was asked; also one a filler cut, `本人` with its 本 taken out), or a phone number when the question asks for one or for a
/// contact (`asks_for_contact`: `咨询电话是多少？` — `咨询电话：0566-2021156`) or for the
/// progress (`asks_progress`: `办理进度怎么查？` — `请致电0566-2021156查询。`), or anything left
/// when the question asks where or which office (`遇到问题找哪个部门？` — `请咨询律师工作科`).
/// Called only for answers on the way to a finding.
pub fn says_more_than_referral(answer: &str, question: &str, rest: &[char]) -> bool {
    // Normalising drops a leading number as if it were a label (`5个工作日`), so the digits are
    // read from the answer as written, its phone numbers taken out.
    let mut written: Vec<char> = answer.chars().filter(|c| c.is_alphanumeric()).collect();
    strip_phones(&mut written);
    if written.iter().any(char::is_ascii_digit) {
        return true;
    }
    let left: String = rest.iter().collect();
    if CONTENT_WORDS.iter().any(|w| left.contains(w)) {
        return true;
    }
    if (left.starts_with(['无', '不', '没', '否'])) && !left.starts_with("无法") {
        return true;
    }
    // `可以，…` or `根据相关规定，可以。`: a yes or no as a clause of its own.
    if answer
        .trim()
        .split(|c: char| !(c.is_alphanumeric()))
        .any(|clause| YES_NO.contains(&clause))
    {
        return true;
    }
    let q: Vec<char> = normalize_for_compare(question).chars().collect();
    if rest.windows(2).any(|w| q.windows(2).any(|v| v == w)) {
        return true;
    }
    // A word of the question that a filler cut in two (`本人` of `本人可申请，以实际办理为准` to
    // `本人可以办理吗？`, its 本 a filler; `申请` keeps its 请, [`FILLERS_IN_WORDS`]): in the
    // answer, with a character of it left.
    let norm: Vec<char> = normalize_for_compare(answer).chars().collect();
    if q.windows(2)
        .any(|v| v.iter().any(|c| rest.contains(c)) && norm.windows(2).any(|w| w == v))
    {
        return true;
    }
    // `遇到问题找哪个部门？` — `请咨询律师工作科`: the office named is what was asked for.
    if super::referrals::asks_which_office(question) && super::referrals::names_an_office(rest) {
        return true;
    }
    // `咨询电话是多少？` — `请致电0566-2021156`: the number is what was asked for; `如何查询办理
    // 进度？` — `请致电0566-2021156查询`: the number to call is how to find out. Without a
    // number (`请拨打咨询电话`) it stays a referral.
    (asks_for_contact(question) || asks_progress(question))
        && !crate::model::phone::parse_phones(answer).is_empty()
}

impl Default for NonAnswers {
    /// The phrases of the default configuration.
    fn default() -> Self {
        Self::new(&crate::rules::RuleParams::default().faq_non_answer_phrases)
    }
}
