//! Tests of the domain tables and parsing, against the value-domain CSV and the plain reading.

use std::borrow::Cow;

use super::parse::{expand, parse_as_written, values_from};
use super::*;
use crate::model::text::to_halfwidth;

fn labels(d: Domain, t: &str) -> (Vec<&'static str>, Vec<String>) {
    let v = parse_domain(d, t);
    (v.values.iter().map(|v| v.label).collect(), v.unknown)
}

#[test]
fn codes_and_labels() {
    assert_eq!(
        labels(Domain::HandlingType, "2"),
        (vec!["承诺件"], Vec::new())
    );
    assert_eq!(
        labels(Domain::HandlingType, "承诺件,上报件"),
        (vec!["承诺件", "上报件"], Vec::new())
    );
    // The label wins over a (locally renumbered) code.
    assert_eq!(
        labels(Domain::HandlingType, "2 即办件"),
        (vec!["即办件"], Vec::new())
    );
    assert_eq!(
        labels(Domain::ItemType, "1"),
        (vec!["行政许可"], Vec::new())
    );
    assert_eq!(
        labels(Domain::ServiceObject, "自然人、企业法人,事业法人"),
        (vec!["自然人", "企业法人", "事业法人"], Vec::new())
    );
    assert_eq!(
        labels(Domain::ServiceObject, "2,3,4,6"),
        (
            vec!["企业法人", "事业法人", "社会组织法人", "行政机关"],
            Vec::new()
        )
    );
    assert_eq!(
        labels(Domain::MaterialType, "原件和复印件"),
        (vec!["原件和复印件"], Vec::new())
    );
    assert_eq!(
        labels(Domain::OnlineDepth, "全程网办（Ⅳ级）"),
        (vec!["四级"], Vec::new())
    );
    assert_eq!(labels(Domain::OnlineDepth, "III级").0, vec!["三级"]);
    assert_eq!(labels(Domain::Level, "县（市、区）级").0, vec!["县级"]);
    assert_eq!(
        labels(Domain::PowerSource, "上级交办"),
        (Vec::new(), vec!["上级交办".to_owned()])
    );
    assert!(parse_domain(Domain::PowerSource, "").is_empty());
}

/// The tables here agree with every verified row of `data/zwfw_value_domains.csv`.
#[test]
fn tables_agree_with_the_value_domain_csv() {
    let csv = include_str!("../../../data/zwfw_value_domains.csv");
    let mut rdr = csv::Reader::from_reader(csv.as_bytes());
    let mut checked = 0;
    for rec in rdr.records() {
        let rec = rec.unwrap();
        let (element, code, label, status) = (&rec[0], &rec[2], &rec[3], &rec[4]);
        if !status.starts_with("verified") {
            continue;
        }
        let domain = match element {
            "事项类型" => Domain::ItemType,
            "权力来源" => Domain::PowerSource,
            "行使层级" => Domain::Level,
            "服务对象" => Domain::ServiceObject,
            "办件类型" => Domain::HandlingType,
            "来源渠道" => Domain::SourceChannel,
            "材料类型" => Domain::MaterialType,
            "材料形式" => Domain::MaterialForm,
            _ => continue,
        };
        let label = to_halfwidth(label);
        assert_eq!(
            domain.by_code(code).map(|v| v.label),
            Some(label.as_str()),
            "{element} {code}"
        );
        let parsed = parse_domain(domain, &label);
        assert_eq!(
            parsed.values.iter().map(|v| v.code).collect::<Vec<_>>(),
            [code],
            "{element} {label}"
        );
        checked += 1;
    }
    // 11 事项类型 + 6 权力来源 + 6 行使层级 + 7 服务对象 + 2 办件类型 + 3 来源渠道 + 4 + 4.
    assert_eq!(checked, 43, "every verified row is checked");
}

/// The plain definition that [`parse_domain`] answers with prepared names (its reading of the
/// text as written, before notes, spaces and traditional characters are looked at).
fn parse_domain_plain(domain: Domain, text: &str) -> DomainValues {
    let written = expand(domain, Cow::Owned(to_halfwidth(text)));
    let mut rest = written.to_string();
    let mut found: Vec<(usize, DomainValue)> = Vec::new();
    // The same names, longest first; what differs is how they are looked for.
    for (name, value) in &domain.names().names {
        while let Some(pos) = rest.find(name) {
            found.push((pos, *value));
            rest.replace_range(pos..pos + name.len(), &" ".repeat(name.len()));
        }
    }
    values_from(domain, found, &written, &rest)
}

/// What makes the shortcuts of [`parse_domain`] exact: no name holds a space or a character
/// that half-width folding changes.
#[test]
fn names_are_plain() {
    for d in Domain::ALL {
        for (n, _) in &d.names().names {
            assert!(!n.contains(' ') && to_halfwidth(n) == *n, "{n}");
        }
    }
}

proptest::proptest! {
    #[test]
    fn parse_domain_as_defined(
        d in proptest::sample::select(Domain::ALL.to_vec()),
        pieces in proptest::collection::vec(
            proptest::sample::select(vec![
                "承诺件", "即办件", "承诺", "即办", "联报件", "上报件", "自然人", "企业法人",
                "法人", "企业", "法人和其他组织", "其他组织", "机关", "公共服务", "行政许可",
                "法定本级行使", "本级行使", "上级下放", "县(市、区)级", "县（市、区）级", "县级",
                "区级", "市级", "省", "国家", "全程网办", "Ⅳ级", "四级", "原件", "复印件",
                "纸质", "电子", "其它", "或者", "或", "和", "以及", "等", "企事业单位", "事业单位",
                "群众", "1", "2", "01", "20", "99", "１", "x", ",", "、", " ",
                "(", ")", "（", "）", "-", "_", "。", "\u{3000}",
            ]),
            0..6,
        ),
    ) {
        let text = pieces.concat();
        proptest::prop_assert_eq!(parse_as_written(d, &text), parse_domain_plain(d, &text));
    }
}

#[test]
fn yes_no_and_counts() {
    assert_eq!(parse_yes_no("是"), Some(true));
    assert_eq!(parse_yes_no("不支持"), Some(false));
    assert_eq!(parse_yes_no("支持物流快递"), Some(true));
    assert_eq!(parse_yes_no(""), None);
    // h34: an Excel template ticks the rows that apply.
    assert_eq!(parse_yes_no("√"), Some(true));
    assert_eq!(parse_yes_no("×"), Some(false));
    assert_eq!(parse_express("✔"), Some(true));
    assert_eq!(parse_count("0"), Some(0));
    assert_eq!(parse_count("１次"), Some(1));
    assert_eq!(parse_count("零次"), Some(0));
    assert_eq!(parse_count("最多跑1次"), Some(1));
    assert_eq!(parse_count("1-2次"), None);
    assert_eq!(parse_count("若干次"), None);
    assert_eq!(parse_count("-1"), None);
    assert_eq!(parse_count("99999999999"), None);
}

/// The count before a note in brackets is the count (h1 problem 9).
#[test]
fn a_count_may_carry_a_note() {
    assert_eq!(parse_count("1次（领取证件）"), Some(1));
    assert_eq!(parse_count("1（如邮寄则0次）"), Some(1));
    assert_eq!(parse_count("０次（全程网办）"), Some(0));
    assert_eq!(parse_count("最多跑1次(领取许可证)"), Some(1));
    // No number before the note, or more than one.
    assert_eq!(parse_count("若干次（视情况而定）"), None);
    assert_eq!(parse_count("视情况（1次或2次）"), None);
    assert_eq!(parse_count("1-2次（视材料情况）"), None);
    assert_eq!(parse_count("（1次）"), None);
}

/// A note after a comma or semicolon reads as the same note in brackets (h13 problem 6); a text
/// with no single count before it stays unread.
#[test]
fn a_count_may_carry_a_note_after_a_comma() {
    assert_eq!(parse_count("0次，结果EMS寄递"), Some(0));
    assert_eq!(parse_count("0次,全程网办"), Some(0));
    assert_eq!(parse_count("1次；领取证件"), Some(1));
    assert_eq!(parse_count("最多跑1次，如选择邮寄则0次"), Some(1));
    assert_eq!(parse_count("1次（领取证件），可预约上门"), Some(1));
    assert_eq!(parse_count("1次（领取证件，核验原件）"), Some(1));
    // As before: a range, a choice or no number before the note.
    assert_eq!(parse_count("0-1次"), None);
    assert_eq!(parse_count("0-1次，视材料情况"), None);
    assert_eq!(parse_count("1次或2次"), None);
    assert_eq!(parse_count("1次或2次，视情况"), None);
    assert_eq!(parse_count("1、2次"), None);
    assert_eq!(parse_count("若干次，视情况而定"), None);
    assert_eq!(parse_count("，0次"), None);
    assert_eq!(parse_count("视情况（1次，或2次）"), None);
    // A full stop ends the count too; a note counting more visits contradicts it (h15).
    assert_eq!(parse_count("0次。全程网办"), Some(0));
    assert_eq!(parse_count("0次，领证需到现场1次"), None);
    assert_eq!(parse_count("0次，需到窗口核验1次"), None);
    assert_eq!(parse_count("0次，特殊情况需到现场２次"), None);
    // A numeral in words in a slogan is no count (h16).
    assert_eq!(parse_count("0次，实行一次性告知"), Some(0));
    assert_eq!(parse_count("0次，一次都不用跑"), Some(0));
    assert_eq!(parse_count("0次，一窗受理、一次办结"), Some(0));
}

/// 物流快递 filled with the carrier or the way of posting means 是 (h13 problem 2); a denial or
/// a result posted alone does not.
/// Tick boxes copied from a template are the choice ticked (h32: 居住证申领, 高龄津贴申领).
#[test]
fn tick_boxes_are_the_choice_ticked() {
    assert_eq!(
        labels(Domain::HandlingType, "☑承诺件 □即办件"),
        (vec!["承诺件"], Vec::new())
    );
    assert_eq!(
        labels(Domain::ServiceObject, "■自然人 ■企业法人 □事业法人"),
        (vec!["自然人", "企业法人"], Vec::new())
    );
    assert_eq!(parse_yes_no("☑是 □否"), Some(true));
    assert_eq!(parse_yes_no("□是 ☑否"), Some(false));
    assert_eq!(parse_yes_no("□是 □否"), None);
    assert_eq!(parse_express("√是 □否"), Some(true));
    assert_eq!(crate::rules::fees::yes_no("☑是 □否"), Some(true));
    assert_eq!(crate::rules::fees::yes_no("□是 ☑否"), Some(false));
    // Both ticked says neither yes nor no (h32 regression): never the first one ticked.
    assert_ne!(crate::rules::fees::yes_no("☑是 ☑否"), Some(true));
    assert_ne!(parse_yes_no("☑是 ☑否"), Some(true));
    assert_ne!(parse_express("☑是 ☑否"), Some(true));
}

#[test]
fn express_named_by_its_way_is_yes() {
    for t in [
        "EMS",
        "ＥＭＳ",
        "ems",
        "邮寄",
        "EMS邮寄",
        "快递",
        "邮政寄递",
        "免费邮寄",
        "双向寄递",
        "EMS邮寄（免费）",
        "中国邮政EMS",
        "申请材料和办理结果均可邮寄",
        "材料邮寄或窗口递交",
        // As before.
        "是",
        "支持",
        "支持邮寄",
        "可邮寄",
        "支持（邮政EMS）",
        "Y",
    ] {
        assert_eq!(parse_express(t), Some(true), "{t:?}");
    }
    for t in [
        "否",
        "不支持",
        "不提供邮寄",
        "无",
        "否（可EMS邮寄结果）",
        "N",
    ] {
        assert_eq!(parse_express(t), Some(false), "{t:?}");
    }
    for t in [
        "暂不支持快递",
        "快递暂未开通",
        "EMS（暂停）",
        // The result posted, the materials brought in (h15).
        "结果EMS邮寄，材料须现场递交",
        "结果邮寄",
        "证照EMS送达",
        "",
        "/",
        "详见说明",
    ] {
        assert_eq!(parse_express(t), None, "{t:?}");
    }
}

/// 物流快递 that names the carrier and says no visit is needed (「EMS，无需到现场」) supports express:
/// the 无需 denies the visit, not the express (h32).
#[test]
fn express_with_no_visit_needed_is_yes() {
    for t in [
        "EMS，无需到现场",
        "EMS,无需到现场",
        "EMS寄递，无需到现场领取",
        "支持，免费邮寄，无需跑腿",
        "EMS（无需到现场）",
        "邮政EMS双向寄递，申请人无需到现场",
        "无需到现场，EMS寄递",
        "不用跑腿，邮政EMS双向寄递",
        "免费邮寄，不需要本人到窗口",
        "双向免费寄递，群众无需再跑",
        "无需到现场即可邮寄申请材料",
        "快递，无须前往大厅",
    ] {
        assert_eq!(parse_express(t), Some(true), "{t:?}");
    }
    // Still no: a denial of the express itself, or a visit still required.
    for t in [
        "不支持",
        "否",
        "无",
        "不提供邮寄",
        "不支持物流快递，须到现场领取",
        "不支持物流快递，须到现场领取。",
        "无需到现场，不提供邮寄",
        "否，无需到现场",
    ] {
        assert_eq!(parse_express(t), Some(false), "{t:?}");
    }
    for t in [
        "暂不支持快递，无需到现场",
        "EMS寄递，无需到现场领取，但须到窗口核验原件",
        "EMS寄递，无需到现场领取；材料须到窗口递交",
        "快递暂未开通，无需到现场",
        // The result alone is posted, as before.
        "结果EMS寄递，无需到现场领取",
        // A visit denied says nothing of express.
        "无需到现场",
        "无需跑腿",
    ] {
        assert_ne!(parse_express(t), Some(true), "{t:?}");
    }
}

#[test]
fn spaced_wrapped_and_traditional_values_read_as_one() {
    for (d, t, want) in [
        (Domain::PowerSource, "法定本級行使", "法定本级行使"),
        (Domain::PowerSource, "法定 本级 行使", "法定本级行使"),
        (Domain::PowerSource, "法定本级\n行使", "法定本级行使"),
        (Domain::HandlingType, "承 诺 件", "承诺件"),
        (Domain::HandlingType, "承諾件", "承诺件"),
        (Domain::ServiceObject, "個人", "自然人"),
    ] {
        assert_eq!(labels(d, t), (vec![want], Vec::new()), "{t:?}");
    }
    assert_eq!(
        labels(Domain::ServiceObject, "自然人 企業法人"),
        (vec!["自然人", "企业法人"], Vec::new())
    );
    // A wrong value stays wrong, spaced or not.
    assert!(!labels(Domain::PowerSource, "法定 上级 行使").1.is_empty());
    assert!(!labels(Domain::HandlingType, "承 办 件").1.is_empty());
    assert!(!labels(Domain::PowerSource, "1 8").1.is_empty());
}

/// What is not a value is named by its part of the text, never by a joining word or a leftover
/// character.
#[test]
fn unknown_parts_are_quoted_whole() {
    for (t, unknown) in [
        ("自然人或者群众", "群众"),
        ("自然人、相关单位", "相关单位"),
        ("自然人和相关单位等", "相关单位等"),
        ("企业单位群众", "企业单位群众"),
        ("全体", "全体"),
        // 等 in the middle of the list is not the end of an open list.
        ("自然人等企业法人", "自然人等企业法人"),
    ] {
        assert_eq!(
            parse_domain(Domain::ServiceObject, t).unknown,
            vec![unknown.to_owned()],
            "{t:?}"
        );
    }
}

/// A recognised value with a note in brackets is that value; a note naming another value of the
/// domain keeps both (h1 problem 11).
#[test]
fn a_note_in_brackets_qualifies_a_value() {
    for (d, t, want) in [
        (Domain::PowerSource, "法定本级行使（市级）", "法定本级行使"),
        (Domain::PowerSource, "上级下放（省级下放）", "上级下放"),
        (Domain::PowerSource, "法定本级行使(依申请)", "法定本级行使"),
        (Domain::HandlingType, "承诺件（需审核）", "承诺件"),
        (
            Domain::HandlingType,
            "即办件（资料齐全的当场即办）",
            "即办件",
        ),
        (Domain::ServiceObject, "自然人（含个体工商户）", "自然人"),
    ] {
        assert_eq!(labels(d, t), (vec![want], Vec::new()), "{t:?}");
    }
    // The note names another value: both are read, and the rule judges the pair.
    assert_eq!(
        labels(Domain::HandlingType, "即办件（承诺件）"),
        (vec!["即办件", "承诺件"], Vec::new())
    );
    assert_eq!(
        labels(Domain::PowerSource, "法定本级行使（上级委托）"),
        (vec!["法定本级行使", "上级委托"], Vec::new())
    );
    let v = parse_domain(Domain::HandlingType, "即办件（承诺3个工作日）");
    assert!(v.has("承诺件") && v.has("即办件") && !v.unknown.is_empty());
    // An unknown value stays unknown with or without a note.
    assert!(
        !parse_domain(Domain::PowerSource, "上级交办（市级）")
            .unknown
            .is_empty()
    );
    assert!(
        !parse_domain(Domain::HandlingType, "普通件（需审核）")
            .unknown
            .is_empty()
    );
}
