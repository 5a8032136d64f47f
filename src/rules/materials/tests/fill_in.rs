//! Which materials the applicant fills in, against the plain definitions.

#[allow(clippy::wildcard_imports)]
use super::super::names::*;
use super::super::*;

#[test]
fn fill_in_materials() {
    let words = vec!["申请表".to_owned(), "承诺书".to_owned()];
    let m = |name: &str, src: &str| Material {
        name: name.into(),
        source_channel: src.into(),
        ..Material::default()
    };
    assert!(is_fill_in(&m("食品经营许可申请表", "申请人自备"), &words));
    assert!(is_fill_in(&m("告知承诺书", ""), &words));
    assert!(!is_fill_in(&m("营业执照", "申请人自备"), &words));
    assert!(!is_fill_in(&m("建设项目审批表", "政府部门核发"), &words));
}

/// h33: forms named for applying, claiming, registering, being recorded or promising are the
/// applicant's (default words); certificates, a bare 鉴定表 or 体检表, and 申请单位 are not.
#[test]
fn default_words_find_the_applicants_forms() {
    let words = crate::rules::RuleParams::default().fill_in_words;
    let m = |name: &str| Material {
        name: name.into(),
        source_channel: "申请人自备".into(),
        ..Material::default()
    };
    for name in [
        "医师执业注册申请审核表",
        "护士延续注册申请审核表",
        "生育津贴申领表",
        "母婴保健技术服务执业许可申请登记书",
        "出生医学证明补发申请单",
        "出生医学证明补发申请单。",
        "社会保障卡申领单",
        "个人信息采集表",
        "门诊慢特病申请鉴定表",
        "承诺函",
        "信用承诺函",
    ] {
        assert!(is_fill_in(&m(name), &words), "{name}");
    }
    for name in [
        "营业执照",
        "申请单位营业执照",
        "申请单位法定代表人身份证明",
        "劳动能力鉴定表",
        "健康体检表",
        "出生医学证明",
        "不动产登记证书",
    ] {
        assert!(!is_fill_in(&m(name), &words), "{name}");
    }
}

/// h33: a form another body fills in and issues (出具单位 that body, 填报须知 `由…填写`) is not
/// the applicant's; the applicant's form stays one whoever supplies its blank or stamps it.
#[test]
fn forms_another_body_fills_in_are_not_the_applicants() {
    let words = crate::rules::RuleParams::default().fill_in_words;
    let m = super::material;
    for (name, channel, desc, notes) in [
        (
            "转诊转院审批表",
            "其他",
            "县内二级及以上定点医疗机构（县人民医院、县中医医院）",
            "由转出医院医生填写诊断、转诊理由并加盖医院医保办公章，网上办理上传清晰照片",
        ),
        (
            "异地转诊备案表",
            "其他",
            "转出定点医疗机构",
            "由转出医院开具并加盖公章",
        ),
        (
            "单位推荐审批表",
            "其他",
            "所在单位",
            "申请人持表到所在单位，由所在单位填写推荐意见",
        ),
        // h33: a body that is not the applicant's and not a government's, named as the issuer
        // with 来源 其他, issues its own document; no note of who fills it in is needed.
        ("转诊转院审批表", "其他", "定点医疗机构", "A4纸，清晰完整"),
        (
            "银行贷款承诺函",
            "其他",
            "商业银行",
            "A4纸，内容完整、字迹清晰",
        ),
        ("担保承诺函", "其他", "担保公司", "A4纸，内容完整、字迹清晰"),
        (
            "供水接入承诺函",
            "其他",
            "供水企业",
            "A4纸，内容完整、字迹清晰",
        ),
        (
            "供电接入承诺函",
            "其他",
            "国网池州供电公司",
            "供电公司出具，加盖公章",
        ),
        (
            "检验申请单",
            "其他",
            "医院检验科",
            "A4纸，内容完整、字迹清晰",
        ),
        ("采血采集表", "其他", "采血机构", "A4纸，内容完整、字迹清晰"),
        ("学籍信息采集表", "其他", "就读学校", "由学校填写"),
        ("单位推荐登记书", "其他", "所在单位", "由所在单位填写并盖章"),
        ("检验申请单", "", "医院", "由医院填写"),
    ] {
        let material = m(name, channel, desc, notes);
        assert!(!is_fill_in(&material, &words), "{name}");
        assert!(
            !is_fill_in_with(
                &material,
                &WordLists::new(&[&words]),
                Applicants::MayBeUnits
            ),
            "{name}"
        );
    }
    for (name, channel, desc, notes) in [
        // No issuing body, or the applicant's own.
        ("转诊转院审批表", "申请人自备", "", "由转出医院医生填写"),
        ("离婚登记申请书", "其他", "申请人", "由医院填写"),
        // The body supplies the blank, stamps it, or the applicant fills in part of it.
        (
            "离婚登记申请书",
            "其他",
            "婚姻登记机关",
            "由婚姻登记机关提供，当事人双方当场填写并签名",
        ),
        ("就业登记表", "其他", "用人单位", "由用人单位盖章"),
        (
            "门诊慢特病申请鉴定表",
            "其他",
            "定点医疗机构",
            "申请人填写基本信息，由定点医疗机构医生填写诊断意见",
        ),
        (
            "生育津贴申领表",
            "其他",
            "用人单位",
            "由申请人填写，用人单位盖章",
        ),
        // A place to fetch the blank form, not an issuer.
        (
            "异地就医备案申请表",
            "其他",
            "医保经办机构窗口领取",
            "由医院填写",
        ),
        // The notes say nothing of who fills it in.
        (
            "异地就医备案审批表",
            "其他",
            "县医疗保障局",
            "申请人如实填写，A4纸打印",
        ),
        // h33: 来源 申请人自备 is the applicant's, whoever is named as the issuer.
        (
            "单位推荐审批表",
            "申请人自备",
            "所在单位",
            "申请人持表到所在单位，由所在单位填写推荐意见",
        ),
        ("授权委托书", "申请人自备", "委托单位", "由委托单位出具"),
        (
            "社会保险登记表",
            "申请人自备",
            "参保单位",
            "由参保单位填写并加盖公章",
        ),
        ("银行贷款承诺函", "10", "商业银行", ""),
        // h33: the applicant under the name its role gives it, when a unit applies.
        ("授权委托书", "其他", "委托单位", "由委托单位出具"),
        ("授权委托书", "其他", "委托单位", "A4纸，内容完整、字迹清晰"),
        (
            "授权委托书",
            "其他",
            "委托方（申请企业）",
            "由委托方填写并盖章",
        ),
        ("社会保险登记表", "其他", "参保单位", "由参保单位填写"),
        ("单位参保登记表", "其他", "用人单位", "由用人单位填写并盖章"),
        ("工伤认定申请表", "其他", "用人单位", "由用人单位填写"),
        (
            "工伤认定申请审核表",
            "其他",
            "用人单位",
            "由用人单位填写并盖章",
        ),
        // A government body named alone is where the blank comes from.
        (
            "异地就医备案申请表",
            "其他",
            "县医疗保障局",
            "A4纸，清晰完整",
        ),
        ("困难群众救助申请表", "其他", "村（居）委会", ""),
        // The body issues it, but the applicant signs it.
        (
            "担保承诺函",
            "其他",
            "融资担保公司",
            "由担保公司出具，申请人签字确认",
        ),
    ] {
        let material = m(name, channel, desc, notes);
        assert!(is_fill_in(&material, &words), "{name} {desc} {notes}");
        assert!(
            is_fill_in_with(
                &material,
                &WordLists::new(&[&words]),
                Applicants::MayBeUnits
            ),
            "{name}"
        );
    }
}

proptest::proptest! {
    /// The prepared test with its early exit answers as the plain one.
    #[test]
    fn fill_in_with_as_defined(
        name in proptest::sample::select(vec![
            "", " ", "食品经营许可申请表", "营业执照", "告知承诺书", "申请", "申请表 ",
        ]),
        channel in proptest::sample::select(vec![
            "", "政府部门核发", " 政府部门核发", "政府部门核发 ", "申请人自备", "20", "政府",
            "其他", "政府部门核发（申请人自备）",
        ]),
    ) {
        let words = vec!["申请表".to_owned(), "承诺书".to_owned(), String::new()];
        let m = Material {
            name: name.into(),
            source_channel: channel.into(),
            ..Material::default()
        };
        proptest::prop_assert_eq!(
            is_fill_in_with(&m, &WordLists::new(&[&words]), Applicants::MayBeUnits),
            is_fill_in(&m, &words)
        );
    }
}

/// What [`fill_in_offers`] is defined as: every fill-in material tested, then its field.
fn fill_in_offers_plain(
    item: &crate::model::Item,
    fill_in_words: &WordLists,
    field: fn(&Material) -> &str,
    what: &str,
) -> crate::rules::Verdict {
    let mut any = false;
    let mut out = Vec::new();
    for m in item
        .materials
        .iter()
        .filter(|m| is_fill_in_with(m, fill_in_words, Applicants::of(item)))
    {
        any = true;
        let value = field(m).trim();
        if !has_value(value) {
            let v = if value.is_empty() {
                crate::rules::Violation::new(format!("需申请人填写的材料未提供{what}"), "")
            } else {
                crate::rules::Violation::new(
                    format!("需申请人填写的材料未提供{what}: \"{value}\""),
                    value,
                )
            };
            out.push(v.target(material_target(m)).at(&m.provenance));
        }
    }
    if any {
        crate::rules::Verdict::Checked(out)
    } else {
        crate::rules::Verdict::NotApplicable
    }
}

proptest::proptest! {
    /// Both verdicts in one pass, skipping the fill-in test for materials that offer both
    /// fields once one material is known to be filled in, are each rule's verdict as defined.
    #[test]
    fn fill_in_offers_as_defined(materials in proptest::collection::vec(
        (
            proptest::sample::select(vec!["营业执照", "食品经营许可申请表", "告知承诺书", ""]),
            proptest::sample::select(vec!["申请人自备", "政府部门核发", ""]),
            proptest::sample::select(vec!["", "无", " https://a.cn/x.docx ", "有"]),
            proptest::sample::select(vec!["", "/", " https://a.cn/x（示例）.docx", "有"]),
            proptest::sample::select(vec!["", "由用人单位填写并盖章"]),
        ),
        0..6,
    ), service_object in proptest::sample::select(vec!["", "自然人", "企业法人"])) {
        let item = crate::model::Item {
            service_object: service_object.into(),
            materials: materials
                .into_iter()
                .map(|(name, channel, form, sample, notes)| Material {
                    name: name.into(),
                    source_channel: channel.into(),
                    blank_form: form.into(),
                    sample: sample.into(),
                    notes: notes.into(),
                    ..Material::default()
                })
                .collect(),
            ..crate::model::Item::default()
        };
        let words = WordLists::new(&[&["申请表".to_owned(), "承诺书".to_owned()]]);
        let both = fill_in_offers(&item, &words);
        proptest::prop_assert_eq!(
            &both.blank_form,
            &fill_in_offers_plain(&item, &words, |m| &m.blank_form, "空白表格")
        );
        proptest::prop_assert_eq!(
            &both.sample,
            &fill_in_offers_plain(&item, &words, |m| &m.sample, "示例样表")
        );
    }

    /// Each material gets `check`'s result on it, however often keys repeat (more distinct
    /// keys than are kept, too).
    #[test]
    fn by_key_is_each_material_checked(keys in proptest::collection::vec(0u8..12, 0..20)) {
        let materials: Vec<Material> = keys
            .iter()
            .map(|k| Material { notes: k.to_string(), ..Material::default() })
            .collect();
        let mut got = Vec::new();
        let mut checks = 0;
        for_each_by_key(
            &materials,
            |m| &m.notes,
            |m| {
                checks += 1;
                format!("<{}>", m.notes)
            },
            |m, r| got.push((m.notes.clone(), r.clone())),
        );
        let want: Vec<_> = materials
            .iter()
            .map(|m| (m.notes.clone(), format!("<{}>", m.notes)))
            .collect();
        proptest::prop_assert_eq!(got, want);
        let mut distinct = keys.clone();
        distinct.sort_unstable();
        distinct.dedup();
        proptest::prop_assert!(checks <= keys.len());
        if distinct.len() <= 8 {
            proptest::prop_assert_eq!(checks, distinct.len());
        }
    }
}

/// h34: a bare 审核表 is the applicant's form when the item says so — 来源 申请人自备, notes
/// saying the applicant fills it in, a name saying the applicant applies — and the body's when
/// another body fills it in or reviews it, or nothing says whose it is.
#[test]
fn a_review_form_is_the_applicants_when_the_item_says_so() {
    let words = crate::rules::RuleParams::default().fill_in_words;
    let m = |name: &str, src: &str, desc: &str, notes: &str| Material {
        name: name.into(),
        source_channel: src.into(),
        source_desc: desc.into(),
        notes: notes.into(),
        ..Material::default()
    };
    for x in [
        m("池州市残疾人两项补贴审核表", "申请人自备", "", ""),
        m("困难群众救助审核表", "其他", "", "申请人如实填写"),
        m(
            "困难群众救助审核表",
            "其他",
            "乡镇人民政府",
            "申请人填写基本情况，由乡镇人民政府审核",
        ),
        m("城乡低保申报审核表", "其他", "", ""),
        m("残疾人两项补贴审核表", "申请人自备", "县残联", ""),
    ] {
        assert!(is_fill_in(&x, &words), "{x:?}");
    }
    for x in [
        m("池州市残疾人两项补贴审核表", "其他", "县残疾人联合会", ""),
        m(
            "困难群众救助审核表",
            "其他",
            "乡镇人民政府",
            "由乡镇人民政府审核并盖章",
        ),
        m("困难群众救助审核表", "申请人自备", "", "由村（居）委会填写"),
        m("低保资格审核表", "", "", ""),
        m("困难群众救助审核表", "政府部门核发", "民政局", ""),
        m("干部任免审核表", "其他", "组织部", "由组织部门出具"),
    ] {
        assert!(!is_fill_in(&x, &words), "{x:?}");
    }
}
