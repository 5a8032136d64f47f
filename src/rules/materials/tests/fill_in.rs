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
            is_fill_in_with(&m, &WordLists::new(&[&words])),
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
        .filter(|m| is_fill_in_with(m, fill_in_words))
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
        ),
        0..6,
    )) {
        let item = crate::model::Item {
            materials: materials
                .into_iter()
                .map(|(name, channel, form, sample)| Material {
                    name: name.into(),
                    source_channel: channel.into(),
                    blank_form: form.into(),
                    sample: sample.into(),
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
