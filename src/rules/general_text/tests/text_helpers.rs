//! Listed words, laws and articles, non-answers and similar questions.

use super::super::*;
#[allow(clippy::wildcard_imports)]
use super::super::{answers::*, law::*, similarity::*};

fn v(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| (*s).to_owned()).collect()
}

#[test]
fn masked_words_are_not_found() {
    let words = v(&["及其他", "副本"]);
    let exc = v(&["其他组织", "执照副本"]);
    assert_eq!(
        first_listed_word("法人及其他组织登记证书", &words, &exc),
        None
    );
    assert_eq!(first_listed_word("营业执照副本", &words, &exc), None);
    assert_eq!(
        first_listed_word("身份证及其他证明", &words, &exc),
        Some("及其他")
    );
    assert_eq!(first_listed_word("申请书副本", &words, &exc), Some("副本"));
}

#[test]
fn laws_and_articles() {
    assert!(names_law("《中华人民共和国食品安全法》第三十五条"));
    assert!(names_law("中华人民共和国行政许可法 第二十九条"));
    assert!(names_law(
        "安徽省物价局关于规范不动产登记收费的通知（皖价服〔2017〕8号）"
    ));
    assert!(names_law("财税〔2016〕79号"));
    assert!(names_law("国家市场监督管理总局令第17号"));
    // h4 problem 11: document numbers in ﹝﹞ or 〈〉 (mis-typed 〔〕), and the old numbers with the
    // issuer's word after the year.
    for t in [
        "皖价费﹝2017﹞130号第二条",
        "发改价格﹝2016﹞2559号第一条",
        "皖价费〈2017〉130号第二条",
        "国家物价局、财政部〔1992〕价费字240号第三条",
        "〔1992〕价费字第240号",
    ] {
        assert!(names_law(t), "{t}");
    }
    assert!(!names_law("〔2017〕号"));
    assert!(!names_law("按﹝有关﹞规定"));
    assert!(!names_law("按国家有关规定执行"));
    assert!(!names_law("依法办理"));
    assert!(!names_law("按池州市相关规定办理"));
    assert!(names_law("城乡规划法第40条"));
    assert!(!names_law("按相关规定第三条"));
    assert!(!names_law("按规定第三条"));
    assert!(!names_law("第三条"));
    // Titles in other marks, when they read as a law or document; 关于…的通知 without marks.
    assert!(names_law(
        "<<关于不动产登记收费标准等有关问题的通知>>第一条"
    ));
    assert!(names_law("<不动产登记暂行条例>第二十一条"));
    assert!(names_law("〈不动产登记暂行条例〉第二十一条"));
    assert!(names_law("「不动产登记暂行条例」第二十一条"));
    assert!(names_law("“不动产登记暂行条例”第二十一条"));
    assert!(names_law("‹不动产登记暂行条例›第二十一条"));
    assert!(names_law("关于不动产登记收费标准等有关问题的通知第一条"));
    assert!(names_law(
        "财政部 国家发展改革委关于减免部分行政事业性收费有关政策的通知 第二条"
    ));
    assert!(!names_law("“按规定”第一条"));
    assert!(!names_law("<按相关规定>办理"));
    assert!(!names_law("“国家有关规定”第一条"));
    // A quoted phrase naming no one in particular is no title.
    for vague in [
        "按“国家规定”第三条",
        "按“上级规定”第三条",
        "参照“省里通知”第一条",
        "依据“国家规定”第十条",
        "按“市政府规定”执行",
        "按「省人民政府通知」执行",
    ] {
        assert!(!names_law(vague), "{vague}");
    }
    // Unquoted, the same vague words before an article name no document either.
    for vague in [
        "按国家规定第三条",
        "按照规定第三条",
        "按上级规定第三条",
        "按省里规定第二条",
        "按市政府规定第三条",
        "按国家的规定第三条",
        "按国家法律法规规定第三条",
        "收费依据为国家规定第五条",
        "依据规定第五条",
        "中央规定第三条",
        "根据有关规定第五条",
        "依据相关法律法规第二条",
        "根据上级文件第二条",
        "按“国家法律法规规定”第三条",
    ] {
        assert!(!names_law(vague), "{vague}");
    }
    for named in [
        "城乡规划法第40条",
        "依据价格法第十二条",
        "根据市场监管总局规定第三条",
        "土地管理法实施条例第二条",
        "中华人民共和国行政许可法第二十九条",
        "依据国务院令第412号",
        "按国家规定第三条及城乡规划法第40条",
        "价格违法行为行政处罚规定第五条",
        "“价格违法行为规定”第五条",
        // `的` before the document word is no vague word: the rest is the name.
        "禁止价格欺诈行为的规定第七条",
        "依据禁止价格欺诈行为的规定第七条",
    ] {
        assert!(names_law(named), "{named}");
    }
    assert!(names_law("‹不动产登记暂行条例>第二十一条"));
    assert!(names_law("“城乡规划法”第四十条"));
    assert!(names_law("“市场监管总局规定”第三条"));
    assert!(cites_article("第一條"));
    assert!(cites_article("第三十五条"));
    assert!(cites_article("第2款"));
    assert!(!cites_article("《食品安全法》"));
}

#[test]
fn non_answers() {
    let phrases = v(&["详见办事指南", "咨询窗口", "请咨询"]);
    assert!(is_non_answer("详见办事指南。", &phrases));
    assert!(is_non_answer("请咨询窗口工作人员", &phrases));
    assert!(!is_non_answer(
        "请携带身份证原件到窗口办理，详见办事指南",
        &phrases
    ));
    assert!(!is_non_answer("有效期为5年", &phrases));
}

#[test]
fn similar_questions() {
    assert!((similarity("1、如何办理食品经营许可？", "如何办理食品经营许可") - 1.0).abs() < 1e-9);
    assert!(
        similarity(
            "食品经营许可证有效期多久？",
            "食品经营许可证的有效期是多久？"
        ) > 0.8
    );
    assert!(similarity("办理需要多长时间？", "可以委托他人办理吗？") < 0.5);
    assert!(
        similarity(
            "办理食品经营许可需要哪些材料？",
            "办理食品经营许可需要多长时间？"
        ) < 0.8
    );
    assert!(similarity("怎么申请食品经营许可？", "如何申请食品经营许可") > 0.99);
    assert!((similarity("", "") - 1.0).abs() < 1e-9);
    assert!(similarity("a", "") < 0.5);
}
