//! The similarity helpers against the slow definitions they replace.

use super::super::*;
#[allow(clippy::wildcard_imports)]
use super::super::{answers::*, compare::*, similarity::*, stopwords::*};

/// The definitions the fast versions replace, kept to compare against.
fn reference_normalize(s: &str) -> String {
    let kept: String = to_halfwidth(s)
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect();
    for prefix in ["问题", "问", "q"] {
        if let Some(r) = kept.strip_prefix(prefix) {
            if r.starts_with(|c: char| c.is_ascii_digit()) {
                return r
                    .trim_start_matches(|c: char| c.is_ascii_digit())
                    .to_owned();
            }
            break;
        }
    }
    // A list label (`1、`, `（1）`, `①`, `一、`); a number followed by a unit is content.
    kept.chars()
        .skip(super::super::compare::list_label(s))
        .collect()
}

fn reference_without_stopwords(s: &str) -> String {
    let mut out = reference_normalize(s);
    for w in STOPWORDS.iter().filter(|w| w.chars().count() > 1) {
        out = out.replace(w, "");
    }
    // The one-character words where they are no part of a word (`目的`, `还是`, `了解`).
    let chars: Vec<char> = out.chars().collect();
    let single = |c: char| STOPWORDS.iter().any(|w| w.chars().eq([c]));
    let part = |i: usize| {
        WORDS_WITH_PARTICLES.iter().any(|w| {
            (i + 1 < chars.len() && chars[i..=i + 1] == w[..])
                || (i > 0 && chars[i - 1..=i] == w[..])
        })
    };
    (0..chars.len())
        .filter(|&i| !single(chars[i]) || part(i))
        .map(|i| chars[i])
        .collect()
}

fn reference_dice(a: &str, b: &str) -> f64 {
    let (a, b) = (
        reference_without_stopwords(a),
        reference_without_stopwords(b),
    );
    let (ca, cb): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if ca.is_empty() && cb.is_empty() {
        return 1.0;
    }
    if ca.len() < 2 || cb.len() < 2 {
        return if a == b { 1.0 } else { 0.0 };
    }
    let mut pa: Vec<(char, char)> = ca.windows(2).map(|w| (w[0], w[1])).collect();
    let mut pb: Vec<(char, char)> = cb.windows(2).map(|w| (w[0], w[1])).collect();
    pa.sort_unstable();
    pb.sort_unstable();
    let total = pa.len() + pb.len();
    let mut common = 0usize;
    for p in &pa {
        if let Ok(i) = pb.binary_search(p) {
            pb.remove(i);
            common += 1;
        }
    }
    2.0 * common as f64 / total as f64
}

#[test]
fn cjk_fast_path_matches_unicode() {
    for c in ('\u{2E80}'..='\u{9FFF}').filter(|c| c.len_utf8() == 3) {
        assert!(
            c.to_lowercase().eq(std::iter::once(c)),
            "{c:?} has a lower case"
        );
        if c >= '\u{4E00}' {
            assert!(c.is_alphanumeric(), "{c:?} is not a letter");
        }
    }
}

/// Normalising never gives a text more characters than it had: each character gives at most
/// one (Q01 skips texts too short by their count alone).
#[test]
fn normalising_never_adds_characters() {
    for c in char::MIN..=char::MAX {
        assert!(
            c.to_lowercase().filter(|l| l.is_alphanumeric()).count() <= 1,
            "{c:?}"
        );
        assert!(
            normalize_for_compare(&c.to_string()).chars().count() <= 1,
            "{c:?}"
        );
    }
}

#[test]
fn lowering_never_outgrows_the_bytes() {
    for c in char::MIN..=char::MAX {
        assert!(c.to_lowercase().count() <= c.len_utf8(), "{c:?}");
    }
}

#[test]
fn compare_classes_are_what_lowering_gives() {
    // Every character of the Basic Multilingual Plane (the table's), a sample beyond it.
    for c in char::MIN..=char::MAX {
        if c.is_ascii() || c == 'Σ' || c as u32 > 0xFFFF && !(c as u32).is_multiple_of(97) {
            continue;
        }
        let lowered: String = c.to_lowercase().filter(|l| l.is_alphanumeric()).collect();
        // Twice: once deciding, once from the table.
        for _ in 0..2 {
            match compare_class(c) {
                CompareClass::Kept => assert_eq!(lowered, c.to_string(), "{c:?}"),
                CompareClass::Dropped => assert_eq!(lowered, "", "{c:?}"),
                CompareClass::Lowered => assert!(!c.to_lowercase().eq([c]), "{c:?}"),
            }
        }
    }
}

#[test]
fn fast_versions_agree_with_the_definitions() {
    let texts = [
        "1、如何办理食品经营许可？",
        "问题2：食品经营许可证的有效期是多久？",
        "问：能不能委托他人办理？",
        "Q3. ＡＢＣ　許可 ΣΑΣ ὈΔΥΣΣΕΎΣ",
        "ΣΑΣ",
        "İstanbul ǅ Ⅳ级 ①② 〇〡 々 ㈠ ｶﾀｶﾅ 가나",
        "如的何能不能否是否是否",
        "请问请问什么什么是吗呢了么啊",
        "q12abc",
        "问题abc",
        "",
        "、。，",
        "按相关规定办理，详见办事指南。",
        "申请目的是什么？",
        "的确是了解还是不了结的是非",
        "3个工作日",
        "（1）申请书",
        "①申请书",
        "一、申请条件",
        "1.5个工作日",
        "0566-2118062",
    ];
    for a in texts {
        assert_eq!(normalize_for_compare(a), reference_normalize(a), "{a}");
        assert_eq!(without_stopwords(a), reference_without_stopwords(a), "{a}");
        for b in texts {
            let (fast, slow) = (similarity(a, b), reference_dice(a, b));
            assert!(fast.to_bits() == slow.to_bits(), "{a} / {b}: {fast} {slow}");
            let (ca, cb) = (
                without_stopwords(a).chars().count(),
                without_stopwords(b).chars().count(),
            );
            assert!(Bigrams::may_reach(ca, cb, fast), "{a} / {b}");
        }
    }
}

/// Pieces for the character versions: stop words run together, labels, case, full width,
/// punctuation, the final sigma, phrases and fillers.
const CHAR_PIECES: &[&str] = &[
    "问题",
    "问",
    "Q",
    "q",
    "1",
    "2",
    "、",
    "：",
    "能不能",
    "能",
    "不",
    "否",
    "是否",
    "是",
    "如何",
    "的",
    "吗",
    "了么",
    "请问",
    "办理",
    "可以",
    "详见办事指南",
    "咨询窗口",
    "请咨询",
    "电话",
    "工作人员",
    "详见",
    "见",
    "指南",
    "申请人",
    "材料",
    "ＡＢ",
    "Σ",
    "ΑΣ",
    "İ",
    "Ⅳ",
    "〇",
    "。",
    "，",
    "（",
    "）",
    "　",
    " ",
    "“",
    "々",
    "ｶ",
    "가",
    "𠀀",
    "a",
    "Z",
    // Around the Han range decoded by bytes: U+4DFF, U+4E00, U+9FFF, U+A000, U+3400.
    "\u{4DFF}",
    "\u{4E00}",
    "\u{9FFF}",
    "\u{A000}",
    "\u{3400}",
];

fn chars_of(s: &str) -> Vec<char> {
    let mut out = vec!['x'];
    normalize_chars_into(s, &mut out);
    out
}

proptest::proptest! {
    /// Every character version gives what its string version gives.
    #[test]
    fn char_versions_agree_with_the_strings(
        a in proptest::collection::vec(proptest::sample::select(CHAR_PIECES), 0..14),
        b in proptest::collection::vec(proptest::sample::select(CHAR_PIECES), 0..14),
    ) {
        let (a, b) = (a.concat(), b.concat());
        let (na, nb) = (normalize_for_compare(&a), normalize_for_compare(&b));
        let (ca, cb) = (chars_of(&a), chars_of(&b));
        proptest::prop_assert_eq!(ca.iter().collect::<String>(), na.clone());
        proptest::prop_assert_eq!(
            find_chars(&ca, &cb).is_some(),
            find_text(&na, &nb).is_some()
        );
        let mut bare = ca.clone();
        remove_scanned_stopword_chars(&mut bare, scan_stopword_chars(&ca));
        proptest::prop_assert_eq!(scan_stopword_chars(&ca), scan_stopwords(&na));
        proptest::prop_assert_eq!(bare.iter().collect::<String>(), without_stopwords(&a));
        proptest::prop_assert_eq!(
            bare.iter().collect::<String>(),
            reference_without_stopwords(&a)
        );
        let bare_b = without_stopwords(&b);
        let bare_b_chars: Vec<char> = bare_b.chars().collect();
        proptest::prop_assert_eq!(Bigrams::of_chars(&bare), Bigrams::of(&without_stopwords(&a)));
        for t in [0.0, 0.5, 0.8, 1.0] {
            let (sa, sb) = (BigramSketch::of_chars(&bare), BigramSketch::of_chars(&bare_b_chars));
            proptest::prop_assert_eq!(
                sa.may_reach(&sb, t),
                BigramSketch::of(&without_stopwords(&a)).may_reach(&BigramSketch::of(&bare_b), t)
            );
            // The bound before the count never changes the answer.
            let plain = sa.chars < 2 || sb.chars < 2
                || 2.0 * sa.hits(&sb) as f64 / (sa.chars + sb.chars - 2) as f64 >= t;
            proptest::prop_assert_eq!(sa.may_reach(&sb, t), plain);
        }
        proptest::prop_assert_eq!(CharSketch::of_chars(&ca), CharSketch::of(&na).0);
        proptest::prop_assert_eq!(
            sketch_and_scan_stopword_chars(&ca),
            (CharSketch::of_chars(&ca), scan_stopword_chars(&ca))
        );
        let custom = NonAnswers::new(&["见".into(), "Ａ".into(), "问题1".into(), "不能否".into()]);
        for phrases in [NonAnswers::default(), custom] {
            proptest::prop_assert_eq!(
                phrases.matches_chars(&ca, &mut vec!['x']),
                phrases.matches_normalized(&na)
            );
        }
        let mut rest = cb.clone();
        remove_all_chars(&mut rest, &ca);
        if !ca.is_empty() {
            proptest::prop_assert_eq!(rest.iter().collect::<String>(), nb.replace(&na, ""));
        }
    }
}

#[test]
fn prepared_non_answers_match_like_the_list() {
    let n = NonAnswers::default();
    assert!(n.matches("详见办事指南。"));
    assert!(n.matches("请咨询窗口工作人员"));
    assert!(!n.matches("请携带身份证原件到窗口办理，详见办事指南"));
    assert!(!n.matches("有效期为5年"));
    // A phone number or a pointer to another part of the guide is no answer either.
    for referral in [
        "详询0566-2021156",
        "请拨打咨询电话0566-2021156",
        "详见办事指南“承诺办结时限”栏",
        "请致电12345",
    ] {
        assert!(n.matches(referral), "{referral}");
        let mut chars = Vec::new();
        normalize_chars_into(referral, &mut chars);
        assert!(n.matches_chars(&chars, &mut Vec::new()), "{referral}");
    }
    for answer in [
        "承诺10个工作日内办结，详询0566-2021156",
        "可以，需提交授权委托书及受托人身份证件，详询0566-2021156",
        "在申请表的意见栏签字",
    ] {
        assert!(!n.matches(answer), "{answer}");
    }
}

/// Whether `answer` to `question` is more than a non-answer: not one at all, or one with content
/// of its own (as Q01 judges it).
fn says_more(question: &str, answer: &str) -> bool {
    let mut chars = Vec::new();
    normalize_chars_into(answer, &mut chars);
    let mut rest = Vec::new();
    !NonAnswers::default().matches_chars(&chars, &mut rest)
        || says_more_than_referral(answer, question, &rest)
}

#[test]
fn an_answer_with_its_own_content_is_more_than_a_referral() {
    for (q, a) in [
        ("办理是否收费？", "不收费，详询0566-2021156"),
        ("有效期多久？", "有效期5年，咨询电话0566-2021156"),
        ("有效期多久？", "5年，详询0566-2021156"),
        ("办理需要多长时间？", "5个工作日，详询0566-2021156"),
        ("申请需要多少钱？", "免费，咨询电话：0566-2021156"),
        ("是否需要现场核查？", "需要，具体请致电0566-2021156"),
        ("办理结果如何领取？", "邮寄送达，详询0566-2021156"),
        ("如何查询办理进度？", "致电0566-2021156查询"),
        ("办理结果能邮寄吗？", "能，免费邮寄，详询12345"),
        ("是否需要本人到场？", "不需要，详询0566-2021156"),
        ("注册资本有要求吗？", "无最低要求，详询0566-2021156"),
        ("可以委托他人办理吗？", "可以，详询0566-2021156"),
    ] {
        assert!(says_more(q, a), "{a}");
    }
    // Nothing but a referral stays one.
    for (q, a) in [
        ("其他问题", "详询0566-2021156"),
        ("办理需要多长时间？", "请拨打咨询电话0566-2021156"),
        ("办理需要多长时间？", "详见办事指南“承诺办结时限”栏"),
        ("办理需要多长时间？", "请咨询窗口工作人员"),
        ("办理是否收费？", "请致电12345"),
        ("办理是否收费？", "按有关规定办理"),
    ] {
        assert!(!says_more(q, a), "{a}");
    }
}

#[test]
fn a_phone_number_answers_a_question_for_a_contact() {
    for (q, a) in [
        ("咨询电话是多少？", "咨询电话：0566-2021156"),
        ("咨询电话是多少？", "请致电0566-2021156"),
        ("咨询电话是多少？", "详询0566-2021156"),
        ("咨询电话是多少？", "电话咨询：0566-2021156"),
        ("联系方式是什么？", "咨询电话：0566-2021156"),
        ("如何咨询？", "请致电0566-2021156"),
        ("怎样电话咨询？", "请拨打咨询电话0566-2021156"),
        ("怎么联系？", "详询0566-2021156"),
        ("联系方式是什么", "请致电0566-2021156"),
        ("办理该事项的联系电话号码是多少？", "详询0566-2021156"),
        ("有没有咨询电话？", "详询0566-2021156"),
        ("联系人是谁？", "请咨询0566-2021156"),
    ] {
        assert!(says_more(q, a), "{q} {a}");
    }
    // No number, or a question that asks for something else: still a referral.
    for (q, a) in [
        ("咨询电话是多少？", "请拨打咨询电话"),
        ("咨询电话是多少？", "请咨询窗口"),
        ("如何联系工作人员？", "请致电咨询"),
        ("办理需要多长时间？", "请咨询0566-2021156"),
        ("办理需要多长时间？", "详询0566-2021156"),
        ("办理是否收费？", "咨询电话：0566-2021156"),
        // The question names a phone or a contact but asks something else about it.
        (
            "许可证上的联系电话变更需要办理变更手续吗？",
            "详询0566-2021156",
        ),
        ("联系人变更需要提交什么材料？", "请咨询0566-2021156"),
        (
            "营业执照号码变更后需要重新办理吗？",
            "具体请致电0566-2021156咨询",
        ),
        ("能否通过电话办理？", "详询0566-2021156"),
        ("如何办理联系电话变更？", "详询0566-2021156"),
    ] {
        assert!(!says_more(q, a), "{q} {a}");
    }
}

/// h34: a one-character filler (`请`, `可`, `到`, `本`) is taken out of an answer only where it
/// stands as its own word: inside a word (`申请`, `邀请`, `许可`, `报到`, `副本`) it is the
/// word's, and what is left says something.
#[test]
fn a_filler_inside_a_word_is_left_in_it() {
    let n = NonAnswers::default();
    for answer in [
        "外籍人士可申请，以实际办理为准",
        "按相关规定，本村村民方可申请",
        "按规定办理，申请人应提请",
    ] {
        assert!(!n.matches(answer), "{answer}");
        let mut chars = Vec::new();
        normalize_chars_into(answer, &mut chars);
        assert!(!n.matches_chars(&chars, &mut Vec::new()), "{answer}");
        assert!(says_more("外国人可以办理吗？", answer), "{answer}");
    }
    // The polite 请 that begins a clause is still a filler.
    for answer in [
        "请以实际办理为准",
        "请按相关规定申请",
        "请咨询窗口工作人员",
        "具体请以实际办理为准，请致电12345",
    ] {
        assert!(n.matches(answer), "{answer}");
        assert!(!says_more("外国人可以办理吗？", answer), "{answer}");
    }
}

/// h35: a number at the start is a list label only where a label mark follows it (`1.`, `1、`,
/// `（1）`, `①`, `一、`); followed by a unit it is what the text says (`3个工作日`).
#[test]
fn a_leading_number_is_a_label_only_with_its_mark() {
    let n = normalize_for_compare;
    // Labels.
    assert_eq!(n("1.申请书"), "申请书");
    assert_eq!(n("1、申请书"), "申请书");
    assert_eq!(n("１．申请书"), "申请书");
    assert_eq!(n("1）申请书"), "申请书");
    assert_eq!(n("（1）申请书"), "申请书");
    assert_eq!(n("(12) 申请书"), "申请书");
    assert_eq!(n("【3】申请书"), "申请书");
    assert_eq!(n("①申请书"), "申请书");
    assert_eq!(n("⑵申请书"), "申请书");
    assert_eq!(n("一、申请条件"), "申请条件");
    assert_eq!(n("（三）申请条件"), "申请条件");
    assert_eq!(n("十二、其他"), "其他");
    assert_eq!(n("1.2 申请书"), "申请书");
    assert_eq!(n("  2. 身份证"), "身份证");
    assert_eq!(n("问题2：有效期多久？"), "有效期多久");
    assert_eq!(n("Q3.有效期多久？"), "有效期多久");
    // h35 (regression): `1，`, `1,`, `1-`, `1—` and an outline number (`1.1`) before text.
    assert_eq!(n("1，需要哪些材料？"), "需要哪些材料");
    assert_eq!(n("2,需要什么材料？"), "需要什么材料");
    assert_eq!(n("1, 需要哪些材料？"), "需要哪些材料");
    assert_eq!(n("1-需要哪些材料？"), "需要哪些材料");
    assert_eq!(n("2—需要什么材料？"), "需要什么材料");
    assert_eq!(n("3——办理时限是多久？"), "办理时限是多久");
    assert_eq!(n("1.1需要哪些材料？"), "需要哪些材料");
    assert_eq!(n("2.3.1办理流程"), "办理流程");
    assert_eq!(n("一，申请条件"), "申请条件");
    // Content.
    assert_eq!(n("1-2个工作日"), "12个工作日");
    assert_eq!(n("3—5个工作日"), "35个工作日");
    assert_eq!(n("3，5年"), "35年");
    assert_eq!(n("1.2万元"), "12万元");
    assert_eq!(n("2.0版本"), "20版本");
    assert_eq!(n("1，2号窗口"), "12号窗口");
    assert_eq!(n("12345热线"), "12345热线");
    assert_eq!(n("1需要"), "1需要");
    assert_eq!(n("3个工作日"), "3个工作日");
    assert_eq!(n("３个工作日"), "3个工作日");
    assert_eq!(n("15日内办结"), "15日内办结");
    assert_eq!(n("1.5个工作日"), "15个工作日");
    assert_eq!(n("2024年1月1日起施行"), "2024年1月1日起施行");
    assert_eq!(n("0566-2118062"), "05662118062");
    assert_eq!(n("100元"), "100元");
    assert_eq!(n("一次性告知"), "一次性告知");
    assert_eq!(n("三个工作日"), "三个工作日");
    assert_eq!(n("二十四小时"), "二十四小时");
    assert_eq!(n("（1个工作日）"), "1个工作日");
    // The character version agrees.
    for s in [
        "3个工作日",
        "（1）申请书",
        "①申请书",
        "一、申请条件",
        "0566-2118062",
        "1，需要哪些材料？",
        "1-需要哪些材料？",
        "1.1需要哪些材料？",
        "1-2个工作日",
        "1.5个工作日",
    ] {
        let mut out = Vec::new();
        normalize_chars_into(s, &mut out);
        assert_eq!(out.iter().collect::<String>(), n(s), "{s}");
    }
}

/// h35: 的, 是 and 了 go where they are particles, and stay inside a word (`目的`, `的确`, `还是`,
/// `了解`); questions that differ by particles alone stay alike.
#[test]
fn particles_go_but_not_from_inside_words() {
    assert_eq!(without_stopwords("申请的目的是什么？"), "申请目的");
    assert_eq!(without_stopwords("的确需要了解吗？"), "的确了解");
    assert_eq!(
        without_stopwords("先办审批还是先办许可？"),
        "先办审批还是先办许可"
    );
    assert_eq!(without_stopwords("办不了怎么办？"), "办不了办");
    assert_eq!(without_stopwords("是否需要预约？"), "预约");
    assert_eq!(
        without_stopwords("许可证的有效期是多久了？"),
        "许可证有效期多久"
    );
    // Duplicates that differ by particles stay duplicates.
    assert_eq!(
        without_stopwords("食品经营许可证的有效期是多久？"),
        without_stopwords("食品经营许可证有效期多久呢？")
    );
    assert_eq!(
        without_stopwords("办好了的证怎么领取？"),
        without_stopwords("办好证怎么领取？")
    );
    // The character version agrees.
    for s in [
        "申请的目的是什么？",
        "先办审批还是先办许可？",
        "办不了的了解了",
    ] {
        let mut chars = Vec::new();
        normalize_chars_into(s, &mut chars);
        remove_stopword_chars(&mut chars);
        assert_eq!(
            chars.iter().collect::<String>(),
            without_stopwords(s),
            "{s}"
        );
    }
}
