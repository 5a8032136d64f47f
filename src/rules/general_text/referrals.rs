//! Answers that only send the reader to someone else — a window, an office, a phone — and say
//! nothing of their own (`请咨询律师工作科`, `请联系县农业农村局植保站`, `请到窗口咨询`,
//! `请向受理窗口咨询`, `以窗口解释为准`): Q01's non-answers beyond its list of phrases.
//!
//! An answer is one when every clause of it is such a referral, or a clause that says nothing
//! (`如有疑问`, `视具体情况而定`). One clause of content besides (`可以。需提交…；如有疑问请咨询窗口`)
//! makes it an answer.
//!
//! Not here: the configured non-answer phrases and what an answer says besides them (`answers`).

#[allow(clippy::wildcard_imports)]
use super::*;

use super::answers::asks_for_contact;
use crate::model::text::SENTENCE_ENDS;

/// Marks an answer must hold to be a referral of [`NonAnswers::only_refers`]: looked for in the
/// text as written before anything else is done, so that most answers cost a few byte scans.
const REFERRAL_MARKS: &[&str] = &["询", "联系", "致电", "联络", "拨打", "为准", "来电"];

/// The longest answer (in bytes, about 50 Han characters) that may be nothing but referrals.
const LONGEST_REFERRAL: usize = 150;

/// Words that may open a referral and say nothing (`具体请咨询…`, `如有疑问可到…`). Words of
/// obligation (`需`, `须`, `应`) are not among them: `需要联系村委会开具证明` says what to do.
const LEADS: &[&str] = &[
    "如有疑问",
    "如有问题",
    "如有疑义",
    "如需了解",
    "如需咨询",
    "有疑问",
    "详细情况",
    "具体事宜",
    "具体情况",
    "具体问题",
    "详情",
    "具体",
    "详细",
    "更多",
    "另外",
    "请您",
    "您可以",
    "也可以",
    "您可",
    "也可",
    "亦可",
    "可以",
    "烦请",
    "敬请",
    "建议",
    "欢迎",
    "可",
    "请",
    "您",
    "另",
];

/// Clauses that say nothing on their own (`如有疑问，请到窗口咨询`).
const EMPTY_CLAUSES: &[&str] = &[
    "如有疑问",
    "如有问题",
    "如有疑义",
    "如有其他问题",
    "其他问题",
    "具体事宜",
    "具体情况",
    "未尽事宜",
    "详情",
];

/// Verbs of asking someone, followed by whom (`咨询律师工作科`, `致电0566-2021156`,
/// `联系县农业农村局植保站`). Longer first.
const ASK_VERBS: &[&str] = &[
    "电话咨询",
    "电话联系",
    "来电咨询",
    "打电话",
    "咨询",
    "联系",
    "致电",
    "询问",
    "电询",
    "详询",
    "垂询",
    "联络",
    "拨打",
    "来电",
];

/// Words that go to whom to ask, who then follows with the asking (`到窗口咨询`, `向受理窗口咨询`,
/// `与窗口联系`). Longer first.
const TOWARD: &[&str] = &[
    "前往", "到", "向", "至", "去", "来", "与", "找", "同", "跟", "和",
];

/// The asking after whom is asked (`到窗口咨询`), and optionally after an [`ASK_VERBS`] and whom
/// (`拨打12345热线咨询`). Longer first. Not `查询` or `预约`: `致电0566-2021156查询` says how to
/// find out.
const TAILS: &[&str] = &[
    "咨询了解",
    "咨询确认",
    "进行咨询",
    "电话咨询",
    "咨询",
    "联系",
    "询问",
    "了解",
    "确认",
    "详询",
];

/// What may end a referral after the asking and say nothing (`到窗口咨询相关事宜`).
const TRAILERS: &[&str] = &[
    "即可",
    "了解详情",
    "详情",
    "相关事宜",
    "具体事宜",
    "有关事宜",
    "相关情况",
    "具体情况",
    "相关政策",
    "相关事项",
    "有关事项",
];

/// What the answer in `以…为准` may call what whom it names says (`以窗口解释为准`).
const SAYINGS: &[&str] = &[
    "解释", "答复", "回复", "意见", "说明", "告知", "解答", "口径",
];

/// How whom to ask may end: a window, a person, an office, a phone line
/// (`律师工作科`, `危化股`, `植保站`, `受理窗口`, `工作人员`, `12345热线`).
const WHOM_ENDS: &[&str] = &[
    "窗口",
    "人员",
    "中心",
    "办公室",
    "大厅",
    "部门",
    "单位",
    "机构",
    "机关",
    "委会",
    "协会",
    "热线",
    "电话",
    "专线",
    "社区",
    "街道",
    "乡镇",
    "政府",
    "客服",
    "前台",
    "柜台",
    "专员",
    "经办人",
    "负责人",
    "我们",
    "所在地",
    "当地",
    "科",
    "股",
    "站",
    "所",
    "局",
    "办",
    "室",
    "处",
    "队",
    "委",
    "院",
    "厅",
];

/// Words that show whom to ask is more than whom (`请咨询是否需要到窗口`, `联系窗口办理后到大厅`):
/// such a clause says something and is left alone.
const NOT_WHOM: &[&str] = &[
    "是否", "需要", "能否", "可否", "如何", "怎么", "什么", "哪", "办理", "提交", "领取", "申请",
    "缴纳", "缴费", "携带", "填写", "提供", "递交", "上传", "登录", "下载", "预约", "后",
];

/// Words of a question that asks where, which office, or what to do with a doubt, so that the
/// office an answer sends to answers it (`遇到问题找哪个部门？` — `请联系县农业农村局植保站`;
/// `办理中有疑问怎么办？` — `可拨打0566-2021156咨询`; `如何查询办理进度？` — `请到窗口咨询`).
/// Those that ask how to reach someone are [`asks_for_contact`]'s, those that ask which office
/// or where [`ASKS_WHICH_OFFICE`].
const ASKS_WHOM: &[&str] = &[
    "咨询", "联系", "查询", "进度", "疑问", "疑义", "异议", "投诉",
];

/// The words of [`ASKS_WHOM`] that ask which office or where, not how to ask or what to do
/// (`遇到问题找哪个部门？`, `向谁咨询？`; not `咨询电话是多少？`, `如何联系工作人员？`).
const ASKS_WHICH_OFFICE: &[&str] = &[
    "哪里",
    "哪儿",
    "在哪",
    "去哪",
    "到哪",
    "何处",
    "何地",
    "什么地方",
    "哪个部门",
    "哪些部门",
    "什么部门",
    "哪个单位",
    "什么单位",
    "哪个科室",
    "哪个窗口",
    "哪个机构",
    "什么机构",
    "由谁",
    "向谁",
    "找谁",
];

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
    if whom.is_empty() || whom.len() > 30 || NOT_WHOM.iter().any(|w| holds_word(whom, w)) {
        return false;
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
    (phone && rest.is_empty()) || WHOM_ENDS.iter().any(|w| ends_with_word(rest, w))
}

/// Whom a normalised clause only sends the reader to (empty for a bare `请咨询`), when that is
/// all it does: `咨询` or `联系` whom (`请咨询律师工作科`, `具体请致电0566-2021156`), `到` or `向`
/// whom `咨询` (`请到窗口咨询`, `请向受理窗口咨询`), or `以` whom `解释为准` (`以窗口解释为准`).
fn referral_whom(clause: &[char]) -> Option<&[char]> {
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
    // 以窗口解释为准
    if let Some(rest) = c.strip_prefix(&['以'])
        && let Some(rest) = without_last(rest, &["为准"])
    {
        let whom = without_last(rest, SAYINGS).unwrap_or(rest);
        if is_whom(whom) {
            return Some(whom);
        }
    }
    // 到窗口咨询, 向受理窗口咨询, 与窗口联系
    let toward = TOWARD.iter().find_map(|v| {
        if !starts_with_word(c, v) {
            return None;
        }
        let whom = without_tails(without_last(&c[v.chars().count()..], TAILS)?);
        is_whom(whom).then_some(whom)
    });
    // 咨询律师工作科, 致电0566-2021156, 拨打12345热线咨询, 请咨询
    toward.or_else(|| {
        ASK_VERBS.iter().find_map(|v| {
            if !starts_with_word(c, v) {
                return None;
            }
            let whom = without_tails(&c[v.chars().count()..]);
            (whom.is_empty() || is_whom(whom)).then_some(whom)
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
    /// `请向受理窗口咨询`, `具体请咨询县应急管理局危化股`, `以窗口解释为准`) or says nothing
    /// (`如有疑问`, `视具体情况而定`), and one at least is a referral. An answer with a clause of
    /// its own (`可以。需提交…；如有疑问请咨询窗口`) is an answer, and so is one that names an
    /// office (`names_an_office`; not `请咨询有关单位`) to a question that asks where, which
    /// office or how to reach someone (`asks_whom`). `clause` and
    /// `rest` are scratch space.
    pub fn only_refers(
        &self,
        answer: &str,
        question: &str,
        clause: &mut Vec<char>,
        rest: &mut Vec<char>,
    ) -> bool {
        let answer = answer.trim();
        if answer.len() > LONGEST_REFERRAL || !REFERRAL_MARKS.iter().any(|m| answer.contains(m)) {
            return false;
        }
        let mut referral = false;
        // Whom a referral names is an office, not just anyone (`请咨询有关单位`, `请咨询`).
        let mut named = false;
        for part in answer
            .split(|c: char| SENTENCE_ENDS.contains(&c) || matches!(c, '？' | '?' | '\n' | '\r'))
        {
            normalize_chars_into(part, clause);
            if clause.is_empty() || EMPTY_CLAUSES.iter().any(|w| same_word(clause, w)) {
                continue;
            }
            if let Some(whom) = referral_whom(clause) {
                referral = true;
                named |= names_an_office(whom);
            } else if !self.says_nothing(clause, rest) {
                return false;
            }
        }
        referral && !(named && asks_whom(question))
    }
}

/// `text` is `word`.
fn same_word(text: &[char], word: &str) -> bool {
    text.iter().copied().eq(word.chars())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refers(q: &str, a: &str) -> bool {
        NonAnswers::default().only_refers(a, q, &mut Vec::new(), &mut Vec::new())
    }

    #[test]
    fn a_referral_to_an_office_or_window_says_nothing() {
        for (q, a) in [
            // h12 problem 3.
            ("兼职律师能否在这里申请？", "请咨询律师工作科"),
            ("兼职律师能否在这里申请？", "请咨询市司法局律师工作科。"),
            ("兼职律师能否在这里申请？", "请到窗口咨询"),
            ("开设分支机构需要重新申请吗？", "请向受理窗口咨询"),
            ("开设分支机构需要重新申请吗？", "请联系县农业农村局植保站"),
            (
                "危化品经营许可证到期怎么办？",
                "具体请咨询县应急管理局危化股",
            ),
            ("可以委托他人办理吗？", "具体请咨询办事窗口"),
            ("可以委托他人办理吗？", "以窗口解释为准"),
            ("可以委托他人办理吗？", "详询0566-2021156"),
            (
                "可以委托他人办理吗？",
                "如有疑问，请到政务服务中心3号窗口咨询。",
            ),
            ("可以委托他人办理吗？", "请与我局行政审批科联系"),
            ("可以委托他人办理吗？", "请拨打12345热线咨询"),
            ("可以委托他人办理吗？", "请与窗口联系确认"),
            ("可以委托他人办理吗？", "请致电0566-2021156转8012咨询"),
            (
                "办理结果能邮寄吗？",
                "请联系县农业农村局植保站（电话：0566-5121234）",
            ),
            ("办理结果能邮寄吗？", "视具体情况而定，请到窗口咨询相关事宜"),
            ("办理结果能邮寄吗？", "可咨询所在地乡镇政府"),
        ] {
            assert!(refers(q, a), "{a}");
        }
    }

    #[test]
    fn an_answer_with_content_besides_a_referral_is_an_answer() {
        for (q, a) in [
            (
                "可以委托他人办理吗？",
                "可以。需提交授权委托书及受托人身份证；如有疑问请咨询窗口",
            ),
            ("是否需要现场核查？", "需要，具体请咨询律师工作科"),
            ("是否收费？", "不收费，如有疑问请到窗口咨询"),
            ("如何查询办理进度？", "致电0566-2021156查询"),
            ("如何预约？", "请致电0566-2021156预约"),
            ("需要开具什么证明？", "需要联系村委会开具居住证明"),
            ("材料怎么递交？", "请携带材料到窗口咨询后填写申请表"),
            ("领证需要什么？", "请到窗口领取"),
            ("是否需要办理？", "请到政务服务中心窗口办理"),
            ("有效期多久？", "5年，详询0566-2021156"),
            ("可以网上办理吗？", "可以，也可到窗口咨询"),
            // Questions that ask where, which office or how to reach someone.
            ("遇到问题找哪个部门？", "请联系县农业农村局植保站"),
            ("在哪里办理？", "请到政务服务中心窗口咨询"),
            ("如何咨询？", "请到窗口咨询"),
            ("向谁咨询？", "请咨询律师工作科"),
            ("咨询电话是多少？", "详询0566-2021156"),
            ("办理中有疑问怎么办？", "可拨打0566-2021156咨询"),
            ("如何查询办理进度？", "请到窗口咨询"),
            ("对审批结果有异议怎么办？", "请联系行政审批科"),
            // Long answers are not looked at.
            (
                "可以委托他人办理吗？",
                "可以委托。受托人应当携带本人有效身份证件原件和委托人签字的授权委托书，到政务服务中心综合受理窗口提交，由窗口工作人员核对后受理，如有疑问请咨询窗口",
            ),
        ] {
            assert!(!refers(q, a), "{a}");
        }
    }
}
