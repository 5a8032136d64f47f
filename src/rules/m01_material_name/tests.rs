//! Tests of M01: every problem of a name at once, media, catch-alls, titles, certificate copies
//! and traditional characters, and the byte pre-checks against their plain definitions. The less
//! common media words and names that hold one without asking for a medium are in `media_tests.rs`.

use super::*;
use crate::model::Material;

/// M01's findings on an item with materials of these names: (target, message).
pub(super) fn findings(names: &[&str]) -> Vec<(String, String)> {
    let item = Item {
        materials: names
            .iter()
            .map(|&name| Material {
                name: name.into(),
                ..Material::default()
            })
            .collect(),
        ..Item::default()
    };
    let Verdict::Checked(v) = MaterialName.check(&item, &CheckContext::default()) else {
        panic!("M01 applies to every item")
    };
    v.into_iter()
        .map(|v| (v.target.unwrap_or_default(), v.message))
        .collect()
}

pub(super) fn pair(target: &str, message: &str) -> (String, String) {
    (target.to_owned(), message.to_owned())
}

/// Each name is reported once, for the catch-all word given beside it.
fn each_a_catch_all(names: &[(&str, &str)]) {
    for (name, word) in names {
        assert_eq!(
            findings(&[name]),
            [pair(
                &format!("材料「{name}」"),
                &format!("材料名称含有兜底性用词「{word}」: \"{name}\"")
            )],
            "{name}"
        );
    }
}

/// A clerk fixes a name once: each kind of problem is reported at the same time, and each
/// finding names every word of its kind (taking out 原件 alone would leave 复印件 for the
/// next run).
#[test]
fn every_problem_of_a_name_is_reported_at_once() {
    assert_eq!(
        findings(&["其他相关材料原件"]),
        [
            pair(
                "材料「其他相关材料原件」",
                "材料名称含有介质要求「原件」: \"其他相关材料原件\""
            ),
            pair(
                "材料「其他相关材料原件」的兜底用词",
                "材料名称含有兜底性用词「其他相关材料」: \"其他相关材料原件\""
            ),
        ]
    );
    assert_eq!(
        findings(&["营业执照原件及复印件"]),
        [pair(
            "材料「营业执照原件及复印件」",
            "材料名称含有介质要求「原件」「复印件」: \"营业执照原件及复印件\""
        )]
    );
    assert_eq!(
        findings(&["身份证复印件等"]),
        [
            pair(
                "材料「身份证复印件等」",
                "材料名称含有介质要求「复印件」: \"身份证复印件等\""
            ),
            pair(
                "材料「身份证复印件等」的兜底用词",
                "材料名称以「等」结尾，所需材料不明确: \"身份证复印件等\""
            ),
        ]
    );
    assert_eq!(
        findings(&["相关证明材料等"]),
        [pair(
            "材料「相关证明材料等」",
            "材料名称含有兜底性用词「相关证明材料」，且以「等」结尾: \"相关证明材料等\""
        )]
    );
    // One kind alone keeps the material's own target, as before.
    assert_eq!(
        findings(&["其他相关材料", "身份证复印件"]),
        [
            pair(
                "材料「其他相关材料」",
                "材料名称含有兜底性用词「其他相关材料」: \"其他相关材料\""
            ),
            pair(
                "材料「身份证复印件」",
                "材料名称含有介质要求「复印件」: \"身份证复印件\""
            ),
        ]
    );
    // A certificate's 副本 is still its name; a blank name is the one problem it has.
    assert_eq!(
        findings(&["营业执照副本原件", "/"]),
        [
            pair(
                "材料「营业执照副本原件」",
                "材料名称含有介质要求「原件」: \"营业执照副本原件\""
            ),
            pair("材料「/」", "材料名称未填写实际名称: \"/\""),
        ]
    );
}

/// 正本/副本 after a licence's name is the licence's own name, also as `正本或副本` and
/// beside a medium inside brackets: the clerk is told to drop the medium alone.
#[test]
fn a_licences_original_or_duplicate_is_not_the_medium() {
    assert_eq!(
        findings(&[
            "营业执照正本或副本复印件",
            "营业执照（正本复印）",
            "许可证（副本复印件）"
        ]),
        [
            pair(
                "材料「营业执照正本或副本复印件」",
                "材料名称含有介质要求「复印件」: \"营业执照正本或副本复印件\""
            ),
            pair(
                "材料「营业执照（正本复印）」",
                "材料名称含有介质要求「复印」: \"营业执照（正本复印）\""
            ),
            pair(
                "材料「许可证（副本复印件）」",
                "材料名称含有介质要求「复印件」: \"许可证（副本复印件）\""
            ),
        ]
    );
    for name in [
        "营业执照正本或副本",
        "《营业执照》正本或副本",
        // h5: the same in brackets, either way round.
        "营业执照（正本或副本）",
        "营业执照(正本或副本)",
        "营业执照（正本或者副本）",
        "营业执照（副本或正本）",
        "营业执照（正本、副本均可）",
        "《营业执照》（正本或副本）",
        "许可证正本/副本",
    ] {
        assert_eq!(findings(&[name]), [], "{name}");
    }
    // A document that is no licence: its 副本 is still a medium.
    assert_eq!(
        findings(&["申请书（副本复印件）"]),
        [pair(
            "材料「申请书（副本复印件）」",
            "材料名称含有介质要求「副本」「复印件」: \"申请书（副本复印件）\""
        )]
    );
}

/// A title in 《》 is a document's name — unless the title itself ends in a medium or is a
/// catch-all: the marks hide nothing.
#[test]
fn titles_are_names_unless_they_end_in_a_listed_word() {
    for name in [
        "《营业执照》",
        "原《食品经营许可证》",
        "原《建设工程规划许可证》及附图",
        "《道路运输车辆技术等级评定表（其他相关车辆）》",
        "《关于其他相关问题的通知》",
        "《营业执照副本》",
    ] {
        assert_eq!(findings(&[name]), [], "{name}");
    }
    assert_eq!(
        findings(&["《营业执照复印件》", "《其他相关材料》"]),
        [
            pair(
                "材料「《营业执照复印件》」",
                "材料名称含有介质要求「复印件」: \"《营业执照复印件》\""
            ),
            pair(
                "材料「《其他相关材料》」",
                "材料名称含有兜底性用词「其他相关材料」: \"《其他相关材料》\""
            ),
        ]
    );
}

/// 其他/其它/其余 with a word for documents is a catch-all however it is qualified; 其他 as
/// a kind of applicant or a co-owner is not.
#[test]
fn catch_all_patterns() {
    each_a_catch_all(&[
        ("其他", "其他"),
        ("其它", "其它"),
        ("其他证明文件", "其他证明文件"),
        ("其它证明材料", "其它证明材料"),
        ("其他附件", "其他附件"),
        ("其它文件", "其它文件"),
        ("其他应当提交的材料", "其他应当提交的材料"),
        ("其他申请材料", "其他申请材料"),
        ("其他补充材料", "其他补充材料"),
        ("其他应提交材料", "其他应提交材料"),
        ("其他证明", "其他证明"),
        ("其他证件", "其他证件"),
        ("其他佐证材料", "其他佐证材料"),
        ("其他需提交的材料", "其他需提交的材料"),
        ("法律法规规定的其它文件", "其它文件"),
        ("其余材料", "其余材料"),
        ("营业执照等证照", "等证照"),
        // h32: 经营高危险性体育项目许可.
        ("其他佐证", "其他佐证"),
        ("其他补充说明", "其他补充说明"),
        ("审批机关要求的其他", "其他"),
        ("其他需要说明的材料", "其他需要说明"),
    ]);
    for name in [
        "法人或其他组织的登记证书",
        "其他组织登记证书",
        "其他共有人的身份证明",
        "其他股东的身份证件",
        "其他经济组织证明",
        "其他共有人同意抵押的书面说明",
        "其他股东放弃优先购买权的说明",
        "其他共有人的有效身份证件",
        "其他家庭成员有效身份证明",
        // h33 (lead's decision): 有效/身份/合法 name a kind of document, as 合法用地证明 does in
        // 土地使用权证或其他合法用地证明; a bracket naming the one document saves 其他身份证明.
        "父母双方居民身份证或其他有效身份证件",
        "居民身份证或其他有效身份证件",
        "其他合法权属证明",
        "其他身份证明（港澳居民来往内地通行证）",
    ] {
        assert_eq!(findings(&[name]), [], "{name}");
    }
}

/// 相关/有关 before the material's own word for documents, at the start of the name or of a
/// part of it, says no more than 其他 would: which certificate, which document?
#[test]
fn related_catch_alls() {
    each_a_catch_all(&[
        ("相关资质证书", "相关资质证书"),
        ("相关证件", "相关证件"),
        ("相关证书", "相关证书"),
        ("相关文件", "相关文件"),
        ("有关文件", "有关文件"),
        ("有关批准文件", "有关批准文件"),
        ("相关许可证", "相关许可证"),
        ("相关技术资料", "相关技术资料"),
        ("相关的资格证书", "相关的资格证书"),
        ("营业执照及相关证件", "相关证件"),
        ("法定代表人身份证明、相关资质证书", "相关资质证书"),
        ("《相关资质证书》", "相关资质证书"),
        ("相關資質證書", "相關資質證書"),
        // Already catch-alls by the list, the stretch now the whole of it.
        ("相关证明材料", "相关证明材料"),
        ("有关证明文件", "有关证明文件"),
        ("相关资料", "相关资料"),
        // h33: 烈士褒扬金的给付.
        ("相应的证明材料", "相应的证明材料"),
        ("营业执照及相应资质证书", "相应资质证书"),
    ]);
    // 相关/有关 of a department, of what the document is about, or in the middle of a
    // statutory name: the name still says which document.
    for name in [
        "有关部门的批准文件",
        "相关部门出具的证明",
        "有关行政主管部门的批准文件",
        "住所（经营场所）相关文件",
        "经营场所使用相关文件",
        "建设项目相关技术资料",
        "专职安全生产管理人员相关资格证书",
        "与食品经营相适应的主要设备设施布局、操作流程文件",
        "相关方协议书",
        "相关人员名单",
        "有关情况说明",
        "《关于有关问题的通知》",
        "与申请事项相应的资质证书",
    ] {
        assert_eq!(findings(&[name]), [], "{name}");
    }
}

/// A name of nothing but need, adding or handing in and a word for documents asks for documents
/// and names none (h33); a name that says which document does not.
#[test]
fn names_that_only_ask_for_documents() {
    each_a_catch_all(&[
        ("需要补充的材料", "需要补充的材料"),
        ("另需提交的材料", "另需提交的材料"),
        ("所需材料", "所需材料"),
        ("要求提供的证明材料", "要求提供的证明材料"),
        ("申请人需要补充提交的资料。", "申请人需要补充提交的资料"),
        ("其他需要提供的材料", "其他需要提供的材料"),
    ]);
    for name in [
        "申请人需提交的身份证明",
        "需要补办的婚姻登记证明",
        "补充协议",
        "证明材料",
        "书面材料",
        "申请材料清单",
    ] {
        assert_eq!(findings(&[name]), [], "{name}");
    }
}

/// 正、副本 after a certificate is its name, bracketed or after a title; only the medium
/// words around it are reported.
#[test]
fn certificate_copies_in_any_wording_are_names() {
    for name in [
        "《食品经营许可证》正、副本",
        "营业执照（正、副本）",
        "营业执照(正副本)",
        "食品经营许可证正副本",
        "《营业执照》正本和副本",
        "许可證正、副本",
    ] {
        assert_eq!(findings(&[name]), [], "{name}");
    }
    assert_eq!(
        findings(&["《营业执照》正、副本复印件", "营业执照（正、副本）复印件"]),
        [
            pair(
                "材料「《营业执照》正、副本复印件」",
                "材料名称含有介质要求「复印件」: \"《营业执照》正、副本复印件\""
            ),
            pair(
                "材料「营业执照（正、副本）复印件」",
                "材料名称含有介质要求「复印件」: \"营业执照（正、副本）复印件\""
            ),
        ]
    );
}

/// A 证书 is a certificate as much as a 执照 or 许可证: its 正、副本 in any wording is its
/// name (h12 problem 2); the medium words beside it, and 副本 after what is no certificate,
/// are still reported.
#[test]
fn a_zhengshu_pairs_its_copies_like_a_licence() {
    for name in [
        "渔业船舶登记证书（正、副本）",
        "建筑业企业资质证书（正、副本）",
        "资质证书正副本",
        "资质证书（正本、副本）",
        "法人登记证书（正、副本）",
        "登记证书正本或副本",
        "法人登记证书正本或副本",
        "检验证书正、副本",
        "执业证书（正副本）",
        "证书（正、副本）",
        "测绘资质证书正本和副本",
        "《社会团体法人登记证书》正、副本",
        "安全生产许可证（正、副本）",
        "民办非企业单位登记證書正、副本",
    ] {
        assert_eq!(findings(&[name]), [], "{name}");
    }
    assert_eq!(
        findings(&[
            "资质证书（正、副本）复印件",
            "资格证书（副本复印件）",
            "申请书正、副本",
        ]),
        [
            pair(
                "材料「资质证书（正、副本）复印件」",
                "材料名称含有介质要求「复印件」: \"资质证书（正、副本）复印件\""
            ),
            pair(
                "材料「资格证书（副本复印件）」",
                "材料名称含有介质要求「复印件」: \"资格证书（副本复印件）\""
            ),
            pair(
                "材料「申请书正、副本」",
                "材料名称含有介质要求「副本」: \"申请书正、副本\""
            ),
        ]
    );
}

/// The lists hold the traditional forms of their words.
#[test]
fn traditional_characters() {
    assert_eq!(
        findings(&["身份證複印件", "其他相關材料"]),
        [
            pair(
                "材料「身份證複印件」",
                "材料名称含有介质要求「複印件」: \"身份證複印件\""
            ),
            pair(
                "材料「其他相關材料」",
                "材料名称含有兜底性用词「其他相關材料」: \"其他相關材料\""
            ),
        ]
    );
}

/// The reviewer's list: 30 materials `其他相关材料原件N` got 30 「原件」 findings and no
/// catch-all one. Each now gets both, and no two share a target and evidence (the history's
/// fingerprint).
#[test]
fn numbered_catch_alls_with_a_medium_get_both_findings() {
    let names: Vec<String> = (1..=30).map(|i| format!("其他相关材料原件{i}")).collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let found = findings(&names);
    assert_eq!(found.len(), 60);
    let medium = found
        .iter()
        .filter(|(_, m)| m.contains("介质要求「原件」"))
        .count();
    let catch_all = found
        .iter()
        .filter(|(_, m)| m.contains("兜底性用词「其他相关材料」"))
        .count();
    assert_eq!((medium, catch_all), (30, 30));
    let distinct: std::collections::BTreeSet<_> = found.iter().map(|(t, _)| t).collect();
    assert_eq!(distinct.len(), 60, "{found:?}");
}

/// [`strip_titles`]'s question without the byte pre-check.
fn has_title_or_bracket_plain(name: &str) -> bool {
    name.contains(['《', '（', '('])
}

/// [`ends_with_deng`]'s question without the last-byte pre-check.
fn ends_with_deng_plain(name: &str) -> bool {
    name.trim_end_matches(['。', '.', ' ']).ends_with('等')
}

proptest::proptest! {
    #[test]
    fn pre_checks_answer_as_the_plain_tests(
        pieces in proptest::collection::vec(
            proptest::sample::select(vec![
                "营业执照", "副本", "（副本）", "(正本)", "《", "》", "（", "）", "(", ")", "等",
                "。", ".", " ", "材料", "\u{3008}", "\u{ff08}", "\u{7b49}", "\u{3002}", "a",
            ]),
            0..6,
        ),
        tail in "[\u{0}-\u{7f}\u{3000}-\u{3010}\u{7b40}-\u{7b50}\u{ff00}-\u{ff10}]{0,2}",
    ) {
        let name = pieces.concat() + &tail;
        let stripped = strip_titles(&name);
        proptest::prop_assert_eq!(
            matches!(stripped, Cow::Borrowed(_)),
            !has_title_or_bracket_plain(&name),
            "{:?}", name
        );
        proptest::prop_assert_eq!(
            ends_with_deng(&name),
            ends_with_deng_plain(&name),
            "{:?}", name
        );
    }
}
