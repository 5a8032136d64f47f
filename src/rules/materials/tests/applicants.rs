//! Who applies, read from 服务对象, and what it makes of a form a unit named by its role
//! (用人单位, 参保单位, 建设单位) fills in (h35).

use super::super::*;

/// Who applies, from 服务对象: persons alone, or units may (h35).
#[test]
fn applicants_from_the_service_object() {
    for t in ["自然人", " 自然人 ", "1"] {
        assert_eq!(applicants_of(t), Applicants::PersonsOnly, "{t}");
    }
    for t in [
        "",
        "企业法人",
        "自然人、企业法人",
        "企业法人;事业法人",
        "自然人,个体户？",
    ] {
        assert_eq!(applicants_of(t), Applicants::MayBeUnits, "{t}");
    }
}

/// 用人单位, 参保单位, 建设单位 are the applicant when a unit may apply; when only persons apply,
/// a form the notes say such a unit fills in is that unit's record (h35), but not one it only
/// stamps or one the applicant fills in or signs too.
#[test]
fn a_role_units_form_is_a_third_partys_when_only_persons_apply() {
    let words = WordLists::new(&[&crate::rules::RuleParams::default().fill_in_words]);
    let m = super::material;
    let third_partys = [
        (
            "职工住房公积金缴存信息表",
            "其他",
            "用人单位",
            "由用人单位填写并加盖公章",
        ),
        (
            "参保人员退休审批表",
            "申请人自备",
            "",
            "由用人单位填写并盖章",
        ),
        (
            "工伤认定申请表",
            "其他",
            "用人单位",
            "用人单位填写，加盖单位公章",
        ),
        (
            "养老保险关系转移接续信息表",
            "其他",
            "",
            "A4纸；由参保单位负责填报并盖章",
        ),
    ];
    for (name, channel, desc, notes) in third_partys {
        let material = m(name, channel, desc, notes);
        assert!(
            !is_fill_in_with(&material, &words, Applicants::PersonsOnly),
            "{name} {notes}"
        );
        // A unit may apply: the same form is the applicant's.
        assert!(
            is_fill_in_with(&material, &words, Applicants::MayBeUnits),
            "{name} {notes}"
        );
    }
    for (name, channel, desc, notes) in [
        ("就业登记表", "其他", "用人单位", "由用人单位盖章"),
        (
            "生育津贴申领表",
            "其他",
            "用人单位",
            "由申请人填写，用人单位盖章",
        ),
        (
            "失业保险金申领登记表",
            "申请人自备",
            "",
            "由用人单位填写单位信息，本人签字确认",
        ),
        (
            "个人住房公积金提取申请表",
            "申请人自备",
            "",
            "申请人如实填写，用人单位在单位意见栏盖章",
        ),
        (
            "建设工程消防验收申请表",
            "其他",
            "建设单位",
            "A4纸，内容完整",
        ),
    ] {
        let material = m(name, channel, desc, notes);
        assert!(
            is_fill_in_with(&material, &words, Applicants::PersonsOnly),
            "{name} {notes}"
        );
    }
}

/// Who may apply for an item that serves `service_object`.
fn applicants_of(service_object: &str) -> Applicants {
    Applicants::of(&crate::model::Item {
        service_object: service_object.into(),
        ..crate::model::Item::default()
    })
}

/// 个体工商户 may be the 用人单位: 服务对象 naming one is no persons-only item, though the domain
/// reads 个体工商户 as 自然人 (h35 regression of round 1).
#[test]
fn a_sole_trader_may_employ() {
    for t in [
        "自然人、个体工商户",
        "自然人（含个体工商户）",
        "自然人,个体户",
        "个体工商户",
        "自然人、企业法人、个体工商户",
        "自然人、其他组织",
        "自然人、事业单位",
        "自然人、社会组织",
        "自然人、法人",
    ] {
        assert_eq!(applicants_of(t), Applicants::MayBeUnits, "{t}");
    }
    for t in ["自然人、个人", "个人", "公民", "自然人、公民"] {
        assert_eq!(applicants_of(t), Applicants::PersonsOnly, "{t}");
    }
}

/// A form the employer (…) fills in and a person signs is the person's form too, whatever word
/// names the person (`职工签字`, `购房人签字`, `申请人按手印`; h35 regression of round 1); the
/// unit's own signers (`单位负责人签字`, `工作人员签字`) and a unit signing leave it the unit's.
#[test]
fn a_person_signing_a_role_units_form_makes_it_the_persons() {
    let words = WordLists::new(&[&crate::rules::RuleParams::default().fill_in_words]);
    let m = |name: &str, notes: &str| Material {
        name: name.into(),
        source_channel: "其他".into(),
        source_desc: "用人单位".into(),
        notes: notes.into(),
        ..Material::default()
    };
    for (name, notes) in [
        ("职工信息登记表", "由用人单位填写盖章，职工签字"),
        ("商品房买卖合同备案表", "由建设单位填写，购房人签字"),
        ("参保登记表", "参保单位填写，参保人员签名"),
        ("退休申请表", "用人单位填写盖章，退休人员签字"),
        ("失业保险金申领表", "由参保单位填写，失业人员签字"),
        ("参保人员信息表", "由参保单位填写，参保人签字"),
        ("个人账户转移申请表", "由参保单位填写，个人签字"),
        ("职工信息确认登记表", "由用人单位填写，职工确认签名"),
        ("劳动合同备案表", "由用人单位填写，劳动者签字"),
        ("工伤待遇申请表", "由用人单位填写，被保险人签字"),
        ("困难职工登记表", "由用人单位填写，申请人按手印"),
        ("医疗保险登记表", "由参保单位填写，参保人员签名"),
        ("职工信息变更登记表", "由用人单位填写，职工签名确认"),
        ("职工信息登记表", "由用人单位填写盖章并由职工本人签字"),
        ("职工信息登记表", "用人单位填写后职工签字"),
        ("职工信息登记表", "由用人单位填写；职工须亲笔签名"),
    ] {
        assert!(
            is_fill_in_with(&m(name, notes), &words, Applicants::PersonsOnly),
            "{name} {notes}"
        );
    }
    for (name, notes) in [
        ("职工退休审批表", "由用人单位填写并盖章"),
        ("职工退休审批表", "由用人单位填写，单位负责人签字并盖章"),
        ("职工退休审批表", "由用人单位填写，用人单位签章"),
        ("职工退休审批表", "由用人单位填写，经办工作人员签字"),
        ("职工退休审批表", "由用人单位填写，填表人签字"),
        ("职工退休审批表", "由用人单位填写并确认"),
        ("职工退休审批表", "由用人单位填写，个人信息经用人单位确认"),
    ] {
        assert!(
            !is_fill_in_with(&m(name, notes), &words, Applicants::PersonsOnly),
            "{name} {notes}"
        );
    }
}

/// h36 回归: a signature the notes say is not needed, the negation before the signer or the
/// signing (无需/无须/不用/毋需/不需/不需要/免/不必) or after it (签字不作要求), is none: the form
/// stays the employer's (…); one the person must sign stays the person's.
#[test]
fn a_signature_not_needed_leaves_a_role_units_form_its_own() {
    let words = WordLists::new(&[&crate::rules::RuleParams::default().fill_in_words]);
    let m = |name: &str, notes: &str| Material {
        name: name.into(),
        source_channel: "其他".into(),
        source_desc: "用人单位".into(),
        notes: notes.into(),
        ..Material::default()
    };
    for notes in [
        "由用人单位填写，无需职工签字",
        "由用人单位填写，不用职工签字",
        "由用人单位填写，毋需职工签名",
        "由用人单位填写，不需职工签名",
        "由用人单位填写，免职工签字",
        "由用人单位填写，职工签字不作要求",
        "由用人单位填写，不需要职工签字",
        "由用人单位填写，无需职工确认签名",
        "由建设单位填写，无需购房人签字",
        "由参保单位填写，无需参保人员签名",
        "由用人单位填写盖章，无须参保人员签名",
        "由用人单位填写，职工无需签字",
        "由用人单位填写（无须职工签字）",
        "由用人单位填写，不必职工签字",
        "由用人单位填写，无需由职工签字",
        "由用人单位填写，职工免签字",
        "由用人单位填写，无需申请人签字",
        "由用人单位填写并盖章，职工本人不签字",
        "由用人单位填写，职工可不签字",
    ] {
        assert!(
            !is_fill_in_with(&m("职工信息登记表", notes), &words, Applicants::PersonsOnly),
            "{notes}"
        );
    }
    for notes in [
        "由用人单位填写，职工签字确认",
        "由用人单位填写，职工签字",
        "由用人单位填写，免填部分由职工本人签字确认",
        "由用人单位填写，无需盖章，职工签字",
        "由用人单位填写后职工签字，无需公证",
        "由用人单位填写，申请人签字",
    ] {
        assert!(
            is_fill_in_with(&m("职工信息登记表", notes), &words, Applicants::PersonsOnly),
            "{notes}"
        );
    }
}

/// h36 回归: 服务对象 that leaves 个体工商户 out (`自然人（不含个体工商户）`) serves persons alone;
/// naming it among those served (`自然人、个体工商户`, `自然人（含个体工商户）`) still lets a unit
/// employ.
#[test]
fn a_sole_trader_left_out_is_not_served() {
    for t in [
        "自然人（不含个体工商户）",
        "自然人（个体工商户除外）",
        "自然人（非个体工商户）",
        "自然人（个体工商户不适用）",
        "自然人（个体工商户另行办理）",
        "自然人（除个体工商户外）",
        "自然人（不包含个体工商户）",
        "自然人（个体工商户请选择其他事项）",
        "自然人(不含个体户)",
        "自然人，个体工商户除外",
        "自然人（不包括个体工商户）",
    ] {
        assert_eq!(applicants_of(t), Applicants::PersonsOnly, "{t}");
    }
    // h36 回归: 非 before another word, and 也可, leave 个体工商户 among those served.
    for t in [
        "自然人（非本市户籍的个体工商户也可申请）",
        "自然人（非本地户籍的个体工商户也可申请）",
        "自然人（个体工商户非必须办理营业执照变更）",
    ] {
        assert_eq!(applicants_of(t), Applicants::MayBeUnits, "{t}");
    }
    for t in [
        "自然人、个体工商户",
        "自然人（含个体工商户）",
        "自然人（包括个体工商户）",
        "自然人、个体工商户（不含企业）",
        "自然人（含个体工商户，不含企业）",
    ] {
        assert_eq!(applicants_of(t), Applicants::MayBeUnits, "{t}");
    }
}
