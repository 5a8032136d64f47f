//! Who applies, read from 服务对象, and what it makes of a form a unit named by its role
//! (用人单位, 参保单位, 建设单位) fills in (h35).

use super::super::*;

/// Who applies, from 服务对象: persons alone, or units may (h35).
#[test]
fn applicants_from_the_service_object() {
    let of = |service_object: &str| {
        Applicants::of(&crate::model::Item {
            service_object: service_object.into(),
            ..crate::model::Item::default()
        })
    };
    for t in ["自然人", " 自然人 ", "1"] {
        assert_eq!(of(t), Applicants::PersonsOnly, "{t}");
    }
    for t in [
        "",
        "企业法人",
        "自然人、企业法人",
        "企业法人;事业法人",
        "自然人,个体户？",
    ] {
        assert_eq!(of(t), Applicants::MayBeUnits, "{t}");
    }
}

/// 用人单位, 参保单位, 建设单位 are the applicant when a unit may apply; when only persons apply,
/// a form the notes say such a unit fills in is that unit's record (h35), but not one it only
/// stamps or one the applicant fills in or signs too.
#[test]
fn a_role_units_form_is_a_third_partys_when_only_persons_apply() {
    let words = WordLists::new(&[&crate::rules::RuleParams::default().fill_in_words]);
    let m = |name: &str, channel: &str, desc: &str, notes: &str| Material {
        name: name.into(),
        source_channel: channel.into(),
        source_desc: desc.into(),
        notes: notes.into(),
        ..Material::default()
    };
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
