//! How Q01 keys a question to compare it with the item's other questions: what it asks, its
//! core with question words, fillers and near-synonyms folded, and the contrasts that keep two
//! alike questions apart.
//!
//! Not here: the comparison of the item's questions itself (`faqs`).

use crate::rules::general_text::{
    Bigrams, find_text, normalize_chars_into, normalize_for_compare, push_without,
    remove_stopword_chars,
};

/// What a question asks, one bit a kind: how long, how much or how many, which or what, how,
/// whether, where, who, when, why. Nothing when it has no question word (`收费标准`).
pub(super) type Asks = u16;
const LONG: Asks = 1;
const MUCH: Asks = 1 << 1;
const WHICH: Asks = 1 << 2;
const HOW: Asks = 1 << 3;
const WHETHER: Asks = 1 << 4;
const WHERE: Asks = 1 << 5;
const WHO: Asks = 1 << 6;
const WHEN: Asks = 1 << 7;
const WHY: Asks = 1 << 8;

/// The question words and what each asks, found left to right (the first entry that starts at
/// a position wins, so a longer word comes before the words it begins with). How much of a
/// time limit or a validity is how long (`时限是多少`, like [`NEAR_SYNONYMS`]); `哪些人` is who
/// and `什么时候` when, not which.
const ASK_WORDS: &[(&str, Asks)] = &[
    ("时限是多少", LONG),
    ("时限为多少", LONG),
    ("时限多少", LONG),
    ("期限是多少", LONG),
    ("期限为多少", LONG),
    ("期限多少", LONG),
    ("有效期是多少", LONG),
    ("有效期为多少", LONG),
    ("有效期多少", LONG),
    ("有哪些", WHICH),
    ("有没有", WHETHER),
    ("多长时间", LONG),
    ("多少时间", LONG),
    ("多少个工作日", LONG),
    ("多少工作日", LONG),
    ("多少个月", LONG),
    ("多少天", LONG),
    ("多少年", LONG),
    ("多少日", LONG),
    ("多少钱", MUCH),
    ("多少", MUCH),
    ("多久", LONG),
    ("多长", LONG),
    ("多大", MUCH),
    ("几个工作日", LONG),
    ("几个星期", LONG),
    ("几个月", LONG),
    ("几年", LONG),
    ("几天", LONG),
    ("几日", LONG),
    ("几周", LONG),
    ("几点", WHEN),
    ("几", MUCH),
    ("什么时候", WHEN),
    ("什么时间", WHEN),
    ("什么地方", WHERE),
    ("什么人", WHO),
    ("什么", WHICH),
    ("在哪", WHERE),
    ("去哪", WHERE),
    ("到哪", WHERE),
    ("哪些人", WHO),
    ("哪类人", WHO),
    ("哪里", WHERE),
    ("哪儿", WHERE),
    ("哪天", WHEN),
    ("哪", WHICH),
    ("何时", WHEN),
    ("何处", WHERE),
    ("何地", WHERE),
    ("何人", WHO),
    ("何种", WHICH),
    ("为什么", WHY),
    ("为何", WHY),
    ("为啥", WHY),
    ("谁", WHO),
    ("啥", WHICH),
    ("怎", HOW),
    ("如何", HOW),
    ("咋", HOW),
    ("能不能", WHETHER),
    ("能否", WHETHER),
    ("可不可以", WHETHER),
    ("可否", WHETHER),
    ("是不是", WHETHER),
    ("是否", WHETHER),
    ("要不要", WHETHER),
    ("会不会", WHETHER),
    ("吗", WHETHER),
];

/// Whether a word of [`ASK_WORDS`] can start with `c`: most characters of a question cannot,
/// and are passed over without trying the table.
fn may_start_ask_word(c: char) -> bool {
    matches!(
        c,
        '时' | '期'
            | '有'
            | '多'
            | '几'
            | '什'
            | '在'
            | '去'
            | '到'
            | '哪'
            | '何'
            | '为'
            | '谁'
            | '啥'
            | '怎'
            | '如'
            | '咋'
            | '能'
            | '可'
            | '是'
            | '要'
            | '会'
            | '吗'
    )
}

/// What a normalised question asks: the kinds of its [`ASK_WORDS`].
fn asks_of(text: &[char]) -> Asks {
    let (mut asks, mut at) = (0, 0);
    while at < text.len() {
        if !may_start_ask_word(text[at]) {
            at += 1;
            continue;
        }
        let hit = ASK_WORDS.iter().find(|(word, _)| {
            let mut n = at;
            word.chars().all(|c| {
                n += 1;
                text.get(n - 1) == Some(&c)
            })
        });
        if let Some((word, kind)) = hit {
            asks |= kind;
            at += word.chars().count();
        } else {
            at += 1;
        }
    }
    asks
}

/// Question words that ask how long (`多久`, `几年`, `多长时间`), written as one mark `#`; how
/// much or how many (`多少`, `几份`), as `%`; which or what (`哪些`, `什么`), as `?`: two
/// questions that ask the same in other words then have the same core, and `领取多久？` stays
/// apart from `领取多少？`. Longer words first; each ends no longer than it was.
const QUESTION_FORMS: &[(&str, &str)] = &[
    ("多长时间", "#"),
    ("多少时间", "#"),
    ("几个工作日", "#"),
    ("几个月", "#"),
    ("多少天", "#"),
    ("多少钱", "%"),
    ("多久", "#"),
    ("多长", "#"),
    ("多少", "%"),
    ("几年", "#"),
    ("几天", "#"),
    ("几日", "#"),
    ("几个", "%"),
    ("几份", "%"),
    ("有哪些", "?"),
    ("哪些", "?"),
    ("什么", "?"),
    ("何种", "?"),
    ("哪种", "?"),
    ("可否", ""),
    ("是不是", ""),
];

/// Near-synonyms in a question once its stop words are out (`办理期限` is `办理时限`, `在线`
/// is `网上`, `准备材料` is `提交材料`; `申请需要提交` is `需要提交`), and how much of a time
/// limit is how long (`时限是多少` is `时限是多久`). Longer words first; each ends no longer
/// than it was.
const NEAR_SYNONYMS: &[(&str, &str)] = &[
    ("有效期限%", "有效期#"),
    ("有效期限", "有效期"),
    ("有效期%", "有效期#"),
    ("期限%", "时限#"),
    ("时限%", "时限#"),
    ("申请提交", "提交"),
    ("在网上", "网上"),
    ("期限", "时限"),
    ("在线", "网上"),
    ("线上", "网上"),
    ("准备", "提交"),
    ("提供", "提交"),
    ("递交", "提交"),
    // `有效期为几年` is `有效期是几年`, whose 是 is a stop word.
    ("为#", "#"),
    ("为%", "%"),
    // `办件进度` is `办理进度`, whose 办理 is a stop word.
    ("办件", ""),
    ("资料", "材料"),
    // How long until it is done is the time limit: `多长时间可以办结` is `办理时限是多久`.
    ("办结时限", "时限"),
    ("办结#", "时限#"),
    ("办完#", "时限#"),
    ("#办结", "时限#"),
    ("#办完", "时限#"),
];

/// What the materials a question asks for are wanted for, once [`NEAR_SYNONYMS`] are replaced:
/// nothing more than the materials themselves when it is handing them in or applying
/// (`需要提交哪些材料` is `申请要准备什么资料` is `申请需要哪些材料` is `需要哪些材料`; not
/// `领取时需要哪些材料`, nor `申请低保需要哪些材料`, whose 申请 names what). Each ends no
/// longer than it was.
const MATERIAL_ASKS: &[(&str, &str)] = &[
    ("申请提交?材料", "?材料"),
    ("申请?材料", "?材料"),
    ("提交?材料", "?材料"),
];

/// Filler words in a question once its stop words are out, which ask nothing of their own:
/// `进行` before the act (`如何进行变更登记` is `如何变更登记`), the softener `一下`
/// (`查询一下进度`), and `代为` after the person who acts for the applicant (`委托他人代为办理`
/// is `委托他人办理`; also `代理人代为`, `亲属代为`). Alone, `代为` says that someone else acts
/// (`可以代为领取吗？` is not `可以领取吗？`) and stays. After a how-long mark of
/// [`QUESTION_FORMS`], `能`/`能够`/`才能`/`才` before the act asks nothing more (`多久能生效` is
/// `多久生效`; `可以` is a stop word already); before it, `能`/`可以` stay (`能否网上办理` asks
/// whether it can be done). Each ends no longer than it was. `后` before the mark: [`drop_after`].
const FILLERS: &[(&str, &str)] = &[
    ("人代为", "人"),
    ("属代为", "属"),
    ("进行", ""),
    ("一下", ""),
    // `有效期有几年` is `有效期是几年`.
    ("有#", "#"),
    // `要准备` is `需要准备`, whose 需要 is a stop word.
    ("要提交", "提交"),
    ("要准备", "准备"),
    ("要提供", "提供"),
    ("要递交", "递交"),
    ("#能够", "#"),
    ("#才能", "#"),
    ("#能", "#"),
    ("#才", "#"),
];

/// Acts that last (paying in, being insured, living or working somewhere), after which
/// `多久` may ask how long they must last: `缴费多久可以领取？` asks how many years of
/// contributions, `缴费后多久可以领取？` how soon after paying. [`drop_after`] keeps their `后`.
const LASTING: &[&str] = &[
    "缴费", "交费", "缴纳", "参保", "居住", "工作", "就业", "任职", "服役", "经营", "连续",
];

/// Takes `后` or `之后` out of a core (stop words, [`FILLERS`] out) where it stands right before a
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

/// The characters the words of [`QUESTION_FORMS`] start with.
const QUESTION_FORM_FIRSTS: &[char] = &['多', '几', '有', '哪', '什', '何', '可', '是'];
/// The characters the words of [`FILLERS`] start with.
const FILLER_FIRSTS: &[char] = &['人', '属', '进', '一', '有', '要', '#'];
/// The characters the words of [`NEAR_SYNONYMS`] start with.
const NEAR_SYNONYM_FIRSTS: &[char] = &[
    '有', '期', '时', '申', '在', '线', '准', '提', '递', '为', '办', '资', '#',
];
/// The characters the words of [`MATERIAL_ASKS`] start with.
const MATERIAL_ASK_FIRSTS: &[char] = &['申', '提'];

/// Every word of a replacement table starts with a character of its list of first characters.
#[test]
fn replacements_start_where_looked_for() {
    for (table, firsts) in [
        (QUESTION_FORMS, QUESTION_FORM_FIRSTS),
        (FILLERS, FILLER_FIRSTS),
        (NEAR_SYNONYMS, NEAR_SYNONYM_FIRSTS),
        (MATERIAL_ASKS, MATERIAL_ASK_FIRSTS),
    ] {
        for (word, _) in table {
            assert!(firsts.contains(&word.chars().next().unwrap()), "{word}");
        }
    }
}

/// Replaces in `text`, left to right, each occurrence of a word of `table` by its replacement
/// (the first entry that starts at a position wins), looking only where a character of
/// `firsts` is. Every replacement is no longer than its word, so this works in place.
fn replace_in_place(text: &mut Vec<char>, table: &[(&str, &str)], firsts: &[char]) {
    let (mut read, mut write) = (0, 0);
    while read < text.len() {
        // Most characters start no word of the table: one look at a short list, not the table.
        let hit = firsts.contains(&text[read]).then(|| {
            table.iter().find(|(from, _)| {
                let mut n = read;
                from.chars().all(|c| {
                    n += 1;
                    text.get(n - 1) == Some(&c)
                })
            })
        });
        if let Some((from, to)) = hit.flatten() {
            read += from.chars().count();
            for c in to.chars() {
                text[write] = c;
                write += 1;
            }
        } else {
            text[write] = text[read];
            write += 1;
            read += 1;
        }
    }
    text.truncate(write);
}

/// Words that set two otherwise alike questions apart (`外地户籍可以申请吗？`,
/// `本地户籍可以申请吗？`): each pair names two different cases.
const CONTRASTS: &[(&str, &str)] = &[
    ("本地", "外地"),
    ("本市", "外市"),
    ("省内", "省外"),
    ("境内", "境外"),
    ("城镇", "农村"),
    ("个人", "单位"),
    ("个人", "企业"),
    ("本人", "他人"),
    ("首次", "再次"),
    ("新办", "变更"),
    ("新办", "延续"),
    ("新办", "注销"),
    ("变更", "注销"),
    ("变更", "延续"),
    ("延续", "注销"),
    ("纸质", "电子"),
    ("线上", "线下"),
];

/// Whether two normalised questions name the two sides of a [`CONTRASTS`] pair, one each.
/// Asked only of questions found alike, so the few texts it builds cost nothing on the rest.
pub(super) fn contrasted(a: &[char], b: &[char]) -> bool {
    let (a, b): (String, String) = (a.iter().collect(), b.iter().collect());
    CONTRASTS.iter().any(|&(x, y)| {
        let one_each =
            |p: &str, q: &str| p.contains(x) && !p.contains(y) && q.contains(y) && !q.contains(x);
        one_each(&a, &b) || one_each(&b, &a)
    })
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
/// [`QUESTION_FORMS`] (`如何申请？` and `是否需要办理？` have next to none left, and are not the
/// same question).
pub(super) fn says_something(core: &[char]) -> bool {
    core.iter()
        .filter(|c| !matches!(c, '#' | '%' | '?'))
        .nth(1)
        .is_some()
}

/// Whether two cores ([`question_key`]) ask the same: they are equal, or one is the other with
/// a qualifier of two characters or more before it that the item's name (`name`, normalised and
/// without stop words) holds: in 危险化学品经营许可证核发, `经营许可证有效期#` is
/// `许可证有效期#`, which names the same licence shorter. The shorter core must say something
/// ([`says_something`]). A qualifier not from the name (`承诺时限#`, `个人?材料`) keeps them apart.
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
}

/// Leading clauses that only say the applicant cannot come in person: what a question about
/// someone acting for them says already.
const ABSENCES: &[&str] = &[
    "不能到场",
    "无法到场",
    "不便到场",
    "不方便到场",
    "不能亲自",
    "无法亲自",
    "不能前来",
    "无法前来",
    "不能到现场",
    "无法到现场",
    "不能到窗口",
    "无法到窗口",
    "没时间",
    "没有时间",
    "没空",
];

/// Words of a question about someone acting for the applicant.
const DELEGATIONS: &[&str] = &["委托", "代办", "代为", "代理", "代领", "他人"];

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
/// without stop words and without [`FILLERS`] (for near sameness), and what it asks
/// ([`asks_of`] the text without the item's name). `bare` is left holding that text without
/// its stop words and fillers.
///
/// Its core goes into `core`: the text without the item's name, without a `问：` label, with
/// [`QUESTION_FORMS`] marked, stop words and [`FILLERS`] taken out, a `后` before a how-long
/// mark taken out ([`drop_after`]), [`NEAR_SYNONYMS`] and then [`MATERIAL_ASKS`] replaced. Two
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
    replace_in_place(core, QUESTION_FORMS, QUESTION_FORM_FIRSTS);
    remove_stopword_chars(core);
    replace_in_place(core, FILLERS, FILLER_FIRSTS);
    drop_after(core);
    replace_in_place(core, NEAR_SYNONYMS, NEAR_SYNONYM_FIRSTS);
    replace_in_place(core, MATERIAL_ASKS, MATERIAL_ASK_FIRSTS);
    let asks = asks_of(bare);
    remove_stopword_chars(bare);
    replace_in_place(bare, FILLERS, FILLER_FIRSTS);
    (Bigrams::of_chars(bare), asks)
}

/// Every word of [`ASK_WORDS`] starts with a character [`may_start_ask_word`] lets through.
#[test]
fn ask_words_start_where_looked_for() {
    for (word, _) in ASK_WORDS {
        assert!(may_start_ask_word(word.chars().next().unwrap()), "{word}");
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
    let mut core = replace(&core, QUESTION_FORMS);
    crate::rules::general_text::remove_stopwords(&mut core);
    let core = drop_after_plain(&replace(&core, FILLERS));
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
        Bigrams::of(&replace(
            &crate::rules::general_text::without_stopwords(&bare),
            FILLERS,
        )),
        replace(&replace(&core, NEAR_SYNONYMS), MATERIAL_ASKS),
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
