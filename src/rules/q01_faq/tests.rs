//! Tests of Q01's parts: the element lists, and the question keys and the repeated element
//! with their shortcuts against their plain definitions. The rule's pass and fail cases are
//! fixtures (`fixtures/rules/Q01.json`), not here.

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

use super::elements::{repeated_element, repeated_element_plain};
use super::questions::{question_key, question_key_plain};
use super::*;
use crate::model::Fee;
use crate::rules::general_text::{normalize_chars_into, normalize_for_compare};

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
    "问：",
    "Q:",
    "【问】",
    "Ｑ：",
    "办件",
    "为几年",
    "有效期",
    "多久",
    "是几年",
    "期限",
    "时限",
    "在网上",
    "准备",
    "申请",
    "哪些",
    "多长时间",
    "多少",
    "吗",
    "怎么",
    "在哪里",
    "哪些人",
    "谁",
    "为",
    "什么时候",
    "委托",
    "他人",
    "代为",
    "亲属",
    "进行",
    "一下",
    "领取",
    "后",
    "之后",
    "能",
    "能够",
    "才",
    "缴费",
    "生效",
    "#",
    "资料",
    "办结",
    "办完",
    "有",
    "要",
    "材料",
    "带",
    "携带",
    "别人",
    "代办",
    "网上办",
    "未满",
    "满",
    "要不要",
    "需不需要",
    "可不可以",
    "怎么办",
    "如何办",
    "办",
    "补办",
    "时候",
    "第二代",
    "使用",
    "还能",
    "继续",
    "遗失",
    "丢了",
    "丢",
    "弄丢",
];

proptest::proptest! {
    /// Questions are keyed as defined.
    #[test]
    fn question_keys_as_defined(
        q in proptest::collection::vec(proptest::sample::select(PIECES), 0..10),
        name in proptest::collection::vec(proptest::sample::select(PIECES), 0..3),
    ) {
        let (q, name) = (q.concat(), name.concat());
        let (mut key, mut core) = (vec!['x'], vec!['w']);
        let (bigrams, asks) =
            question_key(&q, &name, &mut key, &mut vec!['y'], &mut "z".to_owned(), &mut core);
        let (plain_key, plain_bigrams, plain_core, plain_asks) = question_key_plain(&q, &name);
        proptest::prop_assert_eq!(asks, plain_asks);
        proptest::prop_assert_eq!(key.iter().collect::<String>(), plain_key);
        proptest::prop_assert_eq!(bigrams, plain_bigrams);
        proptest::prop_assert_eq!(core.iter().collect::<String>(), plain_core);
    }

    /// The sketches and length bounds never change which element an answer repeats.
    #[test]
    fn repeated_element_as_defined(
        fields in proptest::collection::vec(
            proptest::collection::vec(proptest::sample::select(PIECES), 0..14), 9),
        answer in proptest::collection::vec(proptest::sample::select(PIECES), 0..12),
        take in 0usize..6,
        from in 0usize..9,
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
            // Two fee standards, compared as one text after the other elements.
            fees: fields[7..]
                .iter()
                .map(|f| Fee { standard: f.concat(), ..Fee::default() })
                .collect::<Vec<_>>()
                .into(),
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
        let elements = other_elements(&item, OTHER_ELEMENTS, true);
        let whole = repeated_element(&elements, &chars, threshold);
        proptest::prop_assert_eq!(whole, repeated_element_plain(&item, &norm, threshold));
        // The check compares the catalogue elements before, the local ones, then the
        // catalogue elements after, then the fee standards, in four lists: the first repeated
        // is the same.
        let split = [
            (ELEMENTS_BEFORE, false),
            (ELEMENTS_LOCAL, false),
            (ELEMENTS_AFTER, false),
            (&[][..], true),
        ]
        .into_iter()
            .find_map(|(fields, fees)| {
                repeated_element(&other_elements(&item, fields, fees), &chars, threshold)
            });
        proptest::prop_assert_eq!(split, whole);
    }
}

/// The core of a question (see [`question_key`]).
fn core(q: &str) -> String {
    let mut core = Vec::new();
    question_key(
        q,
        "",
        &mut Vec::new(),
        &mut Vec::new(),
        &mut String::new(),
        &mut core,
    );
    core.into_iter().collect()
}

#[test]
fn after_and_can_around_how_long_ask_nothing_more() {
    // h7: 后 before 多久 and 能 after it, when the question goes on with what happens.
    assert_eq!(core("备案后多久生效？"), core("备案多久能生效？"));
    assert_eq!(
        core("办理后多长时间能拿到证？"),
        core("办理多久才能拿到证？")
    );
    assert_eq!(core("备案之后几天能够生效？"), core("备案多久生效？"));
    // After an act that lasts, 多久 asks how long it must last; with nothing after it, how long
    // the act itself lasts.
    assert_ne!(core("缴费多久能领取？"), core("缴费后多久能领取？"));
    assert_ne!(core("参保之后多久可以报销？"), core("参保多久可以报销？"));
    assert_ne!(core("失业保险金领取后多久？"), core("失业保险金领取多久？"));
}

#[test]
fn the_fee_part_is_keyed_by_the_fees() {
    // Two items alike but for their fees, one after the other: the second's answer copies no
    // fee standard of its own, whatever was kept for the first.
    let fixtures: serde_json::Value =
        serde_json::from_str(include_str!("../../../fixtures/rules/Q01.json")).unwrap();
    let copied = fixtures["fail"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["note"].as_str().unwrap().contains("逐字照抄收费标准"))
        .unwrap();
    let a: Item = serde_json::from_value(copied["item"].clone()).unwrap();
    let mut b = a.clone();
    b.fees = vec![Fee {
        standard: "按照每件550元收取不动产登记费，证书工本费另计".to_owned(),
        ..Fee::default()
    }]
    .into();
    // In one batch, with the cache on.
    let results = crate::rules::RuleSet::default()
        .check_items(&[(&a, "单位"), (&b, "单位")], &CheckContext::default());
    let q01 = |k: usize| {
        results[k]
            .findings
            .iter()
            .filter(|f| f.rule == "Q01")
            .count()
    };
    assert_eq!((q01(0), q01(1)), (1, 0));
}

#[test]
fn other_words_for_the_same_question_fold_together() {
    // h33: what to bring is what to hand in, 要多久 alone asks the time limit, 网上办 at the end
    // is 网上办理, 别人 is 他人 and 他人代办 is 他人办理.
    assert_eq!(
        core("申请门诊慢特病要带什么材料？"),
        core("申请门诊慢特病需要准备哪些资料？")
    );
    assert_eq!(core("需要带什么材料？"), core("需要提交哪些材料？"));
    assert_eq!(core("办理要多久？"), core("办理需要多长时间？"));
    assert_eq!(core("需要多长时间？"), core("办理时限是多久？"));
    assert_eq!(core("能不能网上办？"), core("可以在网上办理吗？"));
    assert_eq!(core("能否委托他人代办？"), core("可以委托别人办理吗？"));
    // Still apart.
    assert_ne!(core("领证时要带什么材料？"), core("需要带什么材料？"));
    assert_ne!(core("多久能拿到证？"), core("办理要多久？"));
    assert_ne!(core("能不能异地办？"), core("能不能网上办？"));
    assert_ne!(core("可以代办吗？"), core("可以办理吗？"));
}

#[test]
fn two_sides_of_a_line_are_two_questions() {
    use super::contrasts::contrasted;
    let key = |q: &str| normalize_for_compare(q).chars().collect::<Vec<char>>();
    let apart = |a: &str, b: &str| contrasted(&key(a), &key(b));
    assert!(apart("未满16周岁怎么申请？", "年满16周岁怎么申请？"));
    assert!(apart("未满16周岁怎么申请？", "满16周岁怎么申请？"));
    assert!(apart("满16周岁怎么申请？", "未满16周岁怎么申请？"));
    assert!(apart("未成年人可以申请吗？", "成年人可以申请吗？"));
    assert!(apart("本人办理需要什么材料？", "代办需要什么材料？"));
    assert!(apart("首次申领需要什么材料？", "补领需要什么材料？"));
    // Both sides in one question, or neither: nothing to keep apart.
    assert!(!apart(
        "本人不能到场，可以委托他人办理吗？",
        "可以委托他人办理吗？"
    ));
    assert!(!apart("年满16周岁怎么申请？", "已满16周岁怎么申请？"));
    // h34: 非 and the same word name the two sides of a line, whatever the word.
    assert!(apart(
        "住宅类不动产登记费是多少？",
        "非住宅类不动产登记费是多少？"
    ));
    assert!(apart(
        "非营利性民办学校如何设立？",
        "营利性民办学校如何设立？"
    ));
    assert!(apart("非本地户籍可以申请吗？", "本地户籍可以申请吗？"));
    // Both with 非, or a 非 that negates no case: alike questions stay alike.
    assert!(!apart(
        "非住宅类不动产登记费是多少？",
        "非住宅类的不动产登记费是多少？"
    ));
    assert!(!apart(
        "非常紧急的可以加急办理吗？",
        "紧急的可以加急办理吗？"
    ));
    assert!(!apart(
        "除非本人到场，否则不能办理吗？",
        "本人到场才能办理吗？"
    ));
    assert!(!apart("住宅和非住宅登记费一样吗？", "住宅登记费是多少？"));
}

#[test]
fn the_same_words_in_another_order_ask_the_same() {
    use super::questions::reordered;
    let same = |a: &str, b: &str| {
        let (a, b): (Vec<char>, Vec<char>) = (core(a).chars().collect(), core(b).chars().collect());
        reordered(&a, &b)
    };
    // h34 (h23): what is paid out is what is received, and the topic may come first or last.
    assert!(same("失业保险金每月发多少？", "每月能领多少失业保险金？"));
    assert!(same(
        "失业保险金可以网上申领吗？",
        "网上可以申领失业保险金吗？"
    ));
    // Two words swapped around a third are another question; so is another word.
    assert!(!same(
        "养老保险关系从省内转到省外需要多久？",
        "养老保险关系从省外转到省内需要多久？"
    ));
    assert!(!same("失业保险金每月发多少？", "失业保险金每年发多少？"));
    assert!(!same("办理是否收费？", "补办社会保障卡收费吗？"));
}

#[test]
fn an_answer_that_is_only_the_asked_element_repeats_it() {
    use super::restated::{Asked, asked, restated};
    let item = Item {
        promised_limit: "3个工作日".into(),
        consult_phone: "0566-2118062".into(),
        supervise_phone: "0566-12345".into(),
        ..Item::default()
    };
    let asks = |q: &str| asked(q, &core(q).chars().collect::<Vec<char>>());
    assert_eq!(asks("办理时限是多久？"), Some(Asked::TimeLimit));
    assert_eq!(asks("多长时间可以办结？"), Some(Asked::TimeLimit));
    assert_eq!(asks("承诺办结时限是多久？"), Some(Asked::TimeLimit));
    assert_eq!(asks("咨询电话是多少？"), Some(Asked::Contact));
    assert_eq!(asks("如何咨询？"), Some(Asked::Contact));
    // Questions about something else, however short their answer.
    assert_eq!(asks("补正材料后多久重新受理？"), None);
    assert_eq!(asks("多久能拿到证？"), None);
    assert_eq!(asks("如何查询办理进度？"), None);
    let limit = |a: &str| restated(&item, a, Asked::TimeLimit);
    assert_eq!(limit("3个工作日。"), Some("承诺办结时限"));
    assert_eq!(limit("承诺时限为3个工作日"), Some("承诺办结时限"));
    assert_eq!(limit("自受理之日起3个工作日内办结。"), Some("承诺办结时限"));
    assert_eq!(limit("5个工作日。"), None);
    assert_eq!(limit("3个工作日，材料齐全的当场办结。"), None);
    let phone = |a: &str| restated(&item, a, Asked::Contact);
    assert_eq!(phone("0566-2118062"), Some("咨询电话"));
    assert_eq!(phone("咨询电话：0566-2118062"), Some("咨询电话"));
    assert_eq!(phone("请致电2118062"), Some("咨询电话"));
    assert_eq!(phone("投诉电话：0566-12345"), Some("监督电话"));
    assert_eq!(phone("0566-2118071"), None);
    assert_eq!(phone("0566-2118062（工作日8:30-12:00）"), None);
    assert_eq!(phone("请联系用地科（电话：0566-2118062）"), None);
}

/// h35: the same words with the two sides of a pair swapped ask about the other direction; a
/// list of the two in another order asks the same.
#[test]
fn the_other_direction_is_another_question() {
    use super::contrasts::swapped;
    let key = |q: &str| normalize_for_compare(q).chars().collect::<Vec<char>>();
    let core = |q: &str| core(q).chars().collect::<Vec<char>>();
    let apart = |a: &str, b: &str| swapped(&key(a), &key(b)) || swapped(&core(a), &core(b));
    assert!(apart(
        "从省内转到省外怎么办理？",
        "从省外转到省内怎么办理？"
    ));
    assert!(apart(
        "从省内转到省外怎么办理？",
        "从省外转到省内如何办理？"
    ));
    assert!(apart(
        "市内转市外需要哪些材料？",
        "市外转市内需要哪些材料？"
    ));
    assert!(apart(
        "个人账户转入单位账户怎么办？",
        "单位账户转入个人账户怎么办？"
    ));
    assert!(apart("本地转异地怎么办理？", "异地转本地怎么办理？"));
    // The same direction, or a list in another order: the same question.
    assert!(!apart(
        "从省内转到省外怎么办理？",
        "从省内转到省外如何办理呢？"
    ));
    assert!(!apart(
        "省内和省外办理有什么区别？",
        "省外和省内办理有什么区别？"
    ));
    assert!(!apart(
        "省内、省外都可以办理吗？",
        "省外、省内都可以办理吗？"
    ));
    assert!(!apart("个人还是单位申请？", "单位还是个人申请？"));
    assert!(!apart(
        "本人不能到场，可以委托他人办理吗？",
        "可以委托他人办理吗？"
    ));
}

/// h35: Chinese numerals in an answer count like digits when it is compared with the promised
/// time limit.
#[test]
fn chinese_numerals_read_as_numbers() {
    use super::restated::numerals_as_digits as d;
    assert_eq!(d("三个工作日"), "3个工作日");
    assert_eq!(d("两个工作日"), "2个工作日");
    assert_eq!(d("十个工作日"), "10个工作日");
    assert_eq!(d("十五个工作日"), "15个工作日");
    assert_eq!(d("二十日"), "20日");
    assert_eq!(d("二十五日"), "25日");
    assert_eq!(d("一百二十日"), "120日");
    assert_eq!(d("一百零五日"), "105日");
    assert_eq!(d("3个工作日"), "3个工作日");
    // Not one number.
    assert_eq!(d("一五"), "一五");
    assert_eq!(d("十十"), "十十");
}

/// h35 (h25): the everyday paraphrases of a question fold together — 要不要X, 需不需要X, 是否需要X
/// and 需要X吗; 可不可以 and 还能 as 可以; 的时候 as 时; 第二代 as 二代; 使用 as 用; the ways of
/// saying something was lost, and 怎么办 and 怎么补办 after a loss — and nothing else does.
#[test]
fn common_paraphrases_ask_the_same() {
    assert_eq!(
        core("换领时需要重新评残吗？"),
        core("换领的时候要不要重新评残？")
    );
    assert_eq!(core("是否需要重新评残？"), core("需不需要重新评残？"));
    assert_eq!(core("需要重新评残吗？"), core("要不要重新评残？"));
    assert_eq!(core("可不可以网上办理？"), core("能否在网上办理？"));
    assert_eq!(
        core("第二代残疾人证还能用吗？"),
        core("二代残疾人证还可以继续使用吗？")
    );
    assert_eq!(core("残疾人证遗失怎么办？"), core("残疾人证丢了怎么补办？"));
    assert_eq!(core("残疾人证遗失怎么办？"), core("残疾人证丢失了怎么办？"));
    assert_eq!(core("残疾人证遗失怎么办？"), core("残疾人证遗失如何办理？"));
    assert_eq!(
        core("社会保障卡弄丢了怎么办？"),
        core("社会保障卡遗失后如何补办？")
    );
    // Still apart: another case, another thing asked, another generation.
    assert_ne!(core("残疾人证遗失怎么办？"), core("残疾人证损坏怎么办？"));
    assert_ne!(core("需要本人到场吗？"), core("需要带照片吗？"));
    assert_ne!(core("能代办吗？"), core("能网上办吗？"));
    assert_ne!(core("社保卡怎么补办？"), core("社保卡怎么办理？"));
    assert_ne!(core("怎么办证？"), core("怎么办理？"));
    assert_ne!(
        core("第一代残疾人证还能用吗？"),
        core("第二代残疾人证还能用吗？")
    );
    assert_ne!(core("遗失后多久能补发？"), core("遗失怎么办？"));
    // A lost licence and a damaged one, two generations: two cases, however alike the rest.
    let key = |q: &str| normalize_for_compare(q).chars().collect::<Vec<char>>();
    let apart = |a: &str, b: &str| super::contrasts::contrasted(&key(a), &key(b));
    assert!(apart(
        "残疾人证遗失了需要提交哪些材料？",
        "残疾人证损坏了需要提交哪些材料？"
    ));
    assert!(apart("证件丢了怎么办？", "证件损坏了怎么办？"));
    assert!(apart(
        "第一代残疾人证还能用吗？",
        "第二代残疾人证还能用吗？"
    ));
    assert!(!apart("残疾人证遗失怎么办？", "残疾人证丢了怎么补办？"));
    assert!(!apart("遗失或损坏怎么办？", "损坏怎么办？"));
}

/// h35 (regression): a qualifier that says to know of what follows (`了解`) never makes two
/// questions one, even where the item's name holds it: `需要了解哪些材料？` is not
/// `需要哪些材料？`. A qualifier naming the item's licence still does.
#[test]
fn knowing_of_something_is_no_qualifier_from_the_name() {
    let core = |q: &str, name: &str| {
        let (mut k, mut b, mut w, mut c) = (Vec::new(), Vec::new(), String::new(), Vec::new());
        question_key(q, name, &mut k, &mut b, &mut w, &mut c);
        c
    };
    let name_of = |name: &str| {
        let mut n = Vec::new();
        normalize_chars_into(name, &mut n);
        crate::rules::general_text::remove_stopword_chars(&mut n);
        super::questions::fold_word_synonyms(&mut n);
        n
    };
    for (a, b) in [
        ("需要了解哪些材料？", "需要哪些材料？"),
        ("需要了解哪些政策？", "需要哪些政策？"),
        ("需要了解哪些内容？", "需要哪些内容？"),
        ("是否需要了解政策？", "是否需要政策？"),
        ("申请人需要了解什么？", "申请人需要什么？"),
    ] {
        // A name that holds the questions themselves, 了解 and all.
        let name = format!("国有建设用地使用权首次登记（{a}{b}）");
        let same = super::questions::same_core(&core(a, &name), &core(b, &name), &name_of(&name));
        assert!(!same, "{a} / {b}");
    }
    let name = "危险化学品经营许可证核发";
    assert!(super::questions::same_core(
        &core("经营许可证有效期是几年？", name),
        &core("许可证有效期多久？", name),
        &name_of(name)
    ));
}
