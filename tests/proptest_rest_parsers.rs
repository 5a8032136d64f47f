//! Property tests: every text helper of the material, process, fee, intermediary, FAQ and general
//! rules, and every registered rule, take arbitrary text without panicking. Strings mix arbitrary
//! Unicode with the fragments the parsers look for (links, 《》, 〔〕, amounts, depths, mojibake),
//! so the interesting branches are reached, not only the "no match" ones.

use proptest::prelude::*;

use zwfw_audit::model::{
    Agency, AgencyField, Faq, FaqField, Fee, FeeField, Intermediary, IntermediaryField, Item,
    ItemField, Material, MaterialField, Step, StepField,
};
use zwfw_audit::rules::general_text::{
    check_url, cites_article, contains_any, find_urls, first_listed_word, is_non_answer,
    is_referral, mask_phrases, names_law, normalize_for_compare, percent_decode_lossy, similarity,
};
use zwfw_audit::rules::materials::{
    attachment_problems, file_refs, has_value, is_fill_in, name_relates, parse_copies,
    source_channel,
};
use zwfw_audit::rules::{CheckContext, REGISTRY, RuleParams, Verdict, fees, process};

const FRAGMENTS: &[&str] = &[
    "http://",
    "https://",
    "htp://",
    "http：//",
    "www.",
    "C:\\",
    "\\\\",
    "file://",
    "%",
    "%E7%94",
    "%C9%EA",
    ".docx",
    ".pdf",
    ".doc",
    "/",
    "?",
    "#",
    ":",
    "192.168.",
    "localhost",
    "《",
    "》",
    "〔",
    "〕",
    "2019",
    "号",
    "第",
    "十",
    "条",
    "款",
    "令",
    "中华人民共和国",
    "省",
    "关于",
    "的通知",
    "元",
    "%",
    "按",
    "面积",
    "计收",
    "壹",
    "份",
    "一式两",
    "0",
    "1",
    "无",
    "是",
    "否",
    "不收费",
    "四级",
    "Ⅳ",
    "III",
    "全程网办",
    "即办",
    "工作日",
    "受理",
    "办结",
    "申请",
    "网上申请",
    "到窗口",
    "无需到现场",
    "锟斤拷",
    "\u{fffd}",
    "Ã¥",
    "ç”³",
    "（",
    "）",
    "(",
    ")",
    "申请表",
    "副本",
    "》副本",
    "其他组织",
    "详见",
    "详见办事指南",
    "咨询窗口",
    "。",
    "，",
    " ",
    "\u{3000}",
    "ａ",
    "１",
    "﻿",
    "𝔘",
    "\u{200b}",
];

/// Text built from arbitrary characters and parser-relevant fragments.
fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => "\\PC{0,6}",
        2 => prop::sample::select(FRAGMENTS).prop_map(str::to_owned),
        1 => any::<String>(),
    ];
    prop::collection::vec(piece, 0..8).prop_map(|v| v.concat())
}

fn words() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(text(), 0..4)
}

fn fill<F: Copy>(all: &[F], texts: &[String], mut set: impl FnMut(F, String)) {
    for (i, &f) in all.iter().enumerate() {
        set(
            f,
            texts
                .get(i % texts.len().max(1))
                .cloned()
                .unwrap_or_default(),
        );
    }
}

fn item_from(texts: &[String], shape: (usize, usize, usize, usize, usize)) -> Item {
    let rot = |k: usize| -> Vec<String> {
        if texts.is_empty() {
            Vec::new()
        } else {
            let mut v = texts.to_vec();
            v.rotate_left(k % texts.len());
            v
        }
    };
    let mut item = Item::default();
    fill(ItemField::ALL, texts, |f, t| *item.get_mut(f) = t);
    for k in 0..shape.0 {
        let mut m = Material::default();
        fill(MaterialField::ALL, &rot(k + 1), |f, t| *m.get_mut(f) = t);
        item.materials.push(m);
    }
    for k in 0..shape.1 {
        let mut s = Step::default();
        fill(StepField::ALL, &rot(k + 2), |f, t| *s.get_mut(f) = t);
        item.steps.push(s);
    }
    for k in 0..shape.2 {
        let mut fee = Fee::default();
        fill(FeeField::ALL, &rot(k + 3), |f, t| *fee.get_mut(f) = t);
        item.fees.push(fee);
    }
    for k in 0..shape.3 {
        let mut s = Intermediary::default();
        fill(IntermediaryField::ALL, &rot(k + 4), |f, t| {
            *s.get_mut(f) = t;
        });
        for j in 0..k + 2 {
            let mut a = Agency::default();
            fill(AgencyField::ALL, &rot(k + j + 5), |f, t| *a.get_mut(f) = t);
            s.agencies.push(a);
        }
        item.intermediaries.push(s);
    }
    for k in 0..shape.4 {
        let mut q = Faq::default();
        fill(FaqField::ALL, &rot(k + 6), |f, t| *q.get_mut(f) = t);
        item.faqs.push(q);
    }
    item
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn general_text_helpers_never_panic(a in text(), b in text(), list in words()) {
        let _ = mask_phrases(&a, &list);
        if let Some(w) = first_listed_word(&a, &list, std::slice::from_ref(&b)) {
            prop_assert!(list.iter().any(|l| l == w));
        }
        let _ = contains_any(&a, &list);
        for u in find_urls(&a) {
            prop_assert!(a.contains(u.as_str()) || !u.is_empty());
            if let Err(p) = check_url(&u) {
                prop_assert!(!p.describe_zh().is_empty());
            }
        }
        let _ = check_url(&a);
        let _ = percent_decode_lossy(&a);
        let _ = names_law(&a);
        let _ = cites_article(&a);
        let _ = is_referral(&a);
        let _ = is_non_answer(&a, &list);
        let _ = normalize_for_compare(&a);
        let s = similarity(&a, &b);
        prop_assert!((0.0..=1.0).contains(&s), "similarity {s} out of range");
        prop_assert!((similarity(&a, &a) - 1.0).abs() < 1e-9 || normalize_for_compare(&a).chars().count() == 1);
        prop_assert!((s - similarity(&b, &a)).abs() < 1e-9, "similarity must be symmetric");
    }

    #[test]
    fn material_fee_and_process_helpers_never_panic(a in text(), b in text(), list in words()) {
        let m = Material { name: a.clone(), source_channel: b.clone(), blank_form: b.clone(), ..Material::default() };
        let _ = source_channel(&a);
        let _ = is_fill_in(&m, &list);
        let _ = parse_copies(&a);
        for r in file_refs(&a) {
            prop_assert!(!r.raw.is_empty());
            if let Some(ext) = &r.extension {
                prop_assert!(ext.chars().all(|c| c.is_ascii_alphanumeric()));
            }
        }
        let _ = name_relates(&a, &b);
        let _ = has_value(&a);
        let _ = attachment_problems(&m, &b, "空白表格", Some(&list));
        let _ = attachment_problems(&m, &a, "示例样表", None);
        let _ = fees::yes_no(&a);
        let _ = fees::states_amount_or_algorithm(&a);
        if let Some(d) = process::online_depth(&a) {
            prop_assert!((1..=4).contains(&d));
        }
    }

    #[test]
    fn every_rule_takes_arbitrary_item_text(
        texts in prop::collection::vec(text(), 1..12),
        shape in (0usize..4, 0usize..5, 0usize..3, 0usize..3, 0usize..5),
        threshold in 0.0f64..=1.0,
        min_aspects in 0usize..5,
    ) {
        let item = item_from(&texts, shape);
        let params = RuleParams {
            faq_similarity_threshold: threshold,
            notes_min_aspects: min_aspects,
            ..RuleParams::default()
        };
        for ctx in [CheckContext::default(), CheckContext::new(params)] {
            for rule in REGISTRY {
                if let Verdict::Checked(violations) = rule.check(&item, &ctx) {
                    for v in violations {
                        prop_assert!(!v.message.is_empty(), "{} gave an empty message", rule.meta().id);
                        prop_assert!(!v.message.ends_with('。'), "{}: {}", rule.meta().id, v.message);
                    }
                }
            }
        }
    }
}
