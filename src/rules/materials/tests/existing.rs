//! Documents that already exist and are only copied or handed in, though their names hold a
//! fill-in word: a return filed for a past year, an association's record, a receipt (h35,
//! tester h25).

use super::super::*;

fn material(name: &str, channel: &str, desc: &str, kind: &str, notes: &str) -> Material {
    Material {
        name: name.into(),
        source_channel: channel.into(),
        source_desc: desc.into(),
        material_type: kind.into(),
        notes: notes.into(),
        ..Material::default()
    }
}

fn both(m: &Material) -> bool {
    let words = crate::rules::RuleParams::default().fill_in_words;
    let plain = is_fill_in(m, &words);
    let prepared = is_fill_in_with(m, &WordLists::new(&[&words]), Applicants::MayBeUnits);
    assert_eq!(plain, prepared, "{m:?}");
    plain
}

/// A 申报表 of a past year or already filed is a return filed then; a receipt or proof issued
/// for a form is not the form; an association's record handed in as a copy is its own.
#[test]
fn existing_documents_are_not_filled_in_for_the_item() {
    for m in [
        material(
            "上一年度企业所得税年度纳税申报表",
            "其他",
            "企业通过国家税务总局安徽省电子税务局下载",
            "原件",
            "PDF扫描件，包括主表及研发费用加计扣除优惠明细表，数据与填报信息一致、清晰可辨",
        ),
        material(
            "上年度企业所得税年度纳税申报表（A类）",
            "申请人自备",
            "",
            "原件",
            "PDF扫描件，包括主表及研发费用加计扣除优惠明细表，数据与填报信息一致、清晰可辨",
        ),
        material("近三个月增值税纳税申报表", "申请人自备", "", "复印件", ""),
        material("已申报的社会保险费申报表", "申请人自备", "", "复印件", ""),
        material(
            "宗教教职人员备案表",
            "其他",
            "青阳县佛教协会（九华山佛教协会）",
            "复印件",
            "由宗教团体出具的已备案教职人员信息表，A4纸复印，加盖宗教团体印章，信息清晰",
        ),
        material(
            "建设项目环境影响登记表备案回执",
            "申请人自备",
            "",
            "复印件",
            "从建设项目环境影响登记表备案系统打印，A4纸，信息清晰完整",
        ),
        material(
            "建设项目环境影响登记表备案回执（复印件）",
            "申请人自备",
            "",
            "复印件",
            "",
        ),
        material(
            "建设项目环境影响登记表备案证明",
            "申请人自备",
            "",
            "复印件",
            "",
        ),
    ] {
        assert!(!both(&m), "{}", m.name);
    }
}

/// Forms filled in for this item stay the applicant's: a 申报表 of this item or of this year's
/// call, a 登记表 or 申请表 with its slip, a 备案表 the applicant fills in, and a form an
/// association only hands out or where the applicant fills it in.
#[test]
fn forms_for_the_item_stay_the_applicants() {
    for m in [
        material("科技型中小企业评价信息申报表", "申请人自备", "", "原件", ""),
        material(
            "企业所得税年度纳税申报表（A类）",
            "申请人自备",
            "",
            "原件",
            "",
        ),
        material("2024年度科技项目申报表", "申请人自备", "", "原件", ""),
        material("60周岁以上年龄人员补贴申报表", "申请人自备", "", "原件", ""),
        material("建设项目环境影响登记表", "申请人自备", "", "原件", ""),
        material("临时占用城市道路申请表及回执", "申请人自备", "", "原件", ""),
        material(
            "宗教教职人员备案表",
            "申请人自备",
            "",
            "原件",
            "申请人如实填写",
        ),
        material(
            "宗教教职人员备案表",
            "其他",
            "青阳县佛教协会",
            "原件",
            "由申请人填写，宗教团体盖章",
        ),
        material(
            "宗教活动场所登记申请表",
            "其他",
            "县佛教协会领取",
            "原件",
            "A4纸，内容完整",
        ),
    ] {
        assert!(both(&m), "{}", m.name);
    }
}

/// A material the applicant brings (申请人自备) of `name` with 填报须知 `notes`.
fn own(name: &str, notes: &str) -> Material {
    material(name, "申请人自备", "", "原件", notes)
}

/// h36: a past-period word makes a 申报表 an existing document only when nothing says it is
/// filled in for this application: the name dates it to this application too (本年度, 本次, 本期,
/// 今年), the name or the notes have the applicant fill it in, or it is a 情况申报表 reporting on
/// the period. A 回执联 is the tear-off part of the applicant's own form.
#[test]
fn forms_for_this_application_despite_a_past_period() {
    for (name, notes) in [
        ("上年度工作总结及本年度计划申报表", ""),
        ("上一年度补贴申报表（新申请人填写）", ""),
        ("近三年科研项目申报表（本次申报用）", ""),
        ("今年及上一年度项目申报表", ""),
        ("上一年度补贴申报表", "申请人填写，加盖公章"),
        ("上一年度补贴申报表", "由申请单位如实填报"),
        ("上一年度补贴申报表", "本人填写并签字"),
        ("近三年企业经营情况申报表", ""),
        (
            "近三年企业经营情况申报表",
            "申请单位如实填写近三年经营数据，加盖公章",
        ),
        ("申请书回执联", ""),
        ("临时占用城市道路申请表回执联", ""),
        ("申請書回執聯", ""),
        // h36 回归: the applicant's 备案申请表 with its tear-off part; a negation elsewhere.
        ("备案申请表回执联", ""),
        ("申请人填写的备案登记表回执联", ""),
        ("上一年度补贴申报表", "申请人填写，无需附件"),
    ] {
        assert!(both(&own(name, notes)), "{name} / {notes}");
    }
}

/// h36: what still makes a 申报表 of a past period an existing return, near the words that do
/// not: notes about the return's scan or how it was filed (`在电子税务局填报`, `单位填报的…`), a
/// stamp or a signature, 本年度 joined to the past word (both periods' returns); and a 回执联 a
/// body issues.
#[test]
fn past_returns_stay_existing_near_this_applications_words() {
    for (name, notes) in [
        (
            "上一年度企业所得税年度纳税申报表",
            "PDF扫描件，数据与填报信息一致、清晰可辨",
        ),
        (
            "上年度企业所得税年度纳税申报表",
            "由申请单位在电子税务局填报后打印，加盖公章",
        ),
        (
            "上年度企业所得税年度纳税申报表",
            "申请单位填报的申报表复印件，加盖公章",
        ),
        (
            "上一年度企业所得税年度纳税申报表",
            "法定代表人签字并加盖单位公章",
        ),
        ("上年度及本年度企业所得税纳税申报表", ""),
        ("上一年度、本期增值税纳税申报表", ""),
        ("近三个月增值税纳税申报表", ""),
        ("近三年纳税申报表", ""),
        ("建设项目环境影响登记表备案回执联", ""),
        ("申请表受理回执联", ""),
        // h36 回归: a filling the notes say is not needed; 表 between 备案 and 回执联.
        ("上年度企业所得税纳税申报表", "不需要单位填写"),
        ("上年度企业所得税纳税申报表", "无需单位填写，提供复印件"),
        (
            "上年度企业所得税纳税申报表",
            "不需申请人填写，提供税务机关受理的复印件",
        ),
        ("备案登记表回执联", ""),
        ("受理登记表回执联", ""),
        ("年度报告备案表回执联", ""),
        ("登记备案表回执联", ""),
    ] {
        assert!(!both(&own(name, notes)), "{name} / {notes}");
    }
}
