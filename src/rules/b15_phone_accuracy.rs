//! B15 电话准确性 — area codes present and right for the region; the two numbers different.

use super::{CheckContext, Reads, Rule, RuleMeta, Verdict, Violation, declare_rule};
use crate::model::phone::{Phone, PhoneKind, parse_phones};
use crate::model::text::to_halfwidth;
use crate::model::{Item, ItemField};
use crate::reference::{area_codes_for_region, division_name, is_known_area_code};

declare_rule! {
    /// ## 检查内容 (What it checks)
    /// 咨询电话和监督电话中的固定电话与 12345 等热线必须带区号；区号必须是本事项所在城市的区号
    /// （按行政区划代码查 `data/phone_area_code_by_city.csv`，共用区号的城市如阜阳/亳州 0558 都算正确）；
    /// 两个电话原则上不相同，相同时给出提示（warning）。手机和 400/800 号码没有区号，不在此检查。
    /// 区划代码缺失或未知时只检查区号是否存在、是否为国内在用区号。
    /// 判定口径：一栏多个号码（用 `、，;/ 和` 分隔）逐个检查；紧跟在带区号固定电话后、位数相同的
    /// 简写号码（`0566-2021234/2021235`，分两组写的 `0566-2021234、202-1235` 也是）沿用前一个号码的区号；`056612345` 这样区号与 12345 连写的也认；
    /// 分机号（`转801`、`-801`）不影响判断；本地号码分两组书写的（`0566-202-1156`、`202-1156`）按一个
    /// 号码检查，`202-1156` 缺区号；房间号、分机号的范围和不带冒号的时间（`1201-1203室`、`1156-1158分机`、
    /// `900-1700`）不是号码。
    /// 咨询电话只有 12345 热线（`12345`、`0566-12345`，名单见 `hotline_only_numbers`）的，由 B13 报
    /// 「缺少受理部门的人工咨询电话」，这里不再报缺区号或区号不对（加区号也补不上人工咨询电话），
    /// 也不比较两个电话是否相同；咨询电话有本单位号码又另列 12345 的（`0566-2021234；12345`），
    /// 12345 照常要求带区号。
    ///
    /// ## 依据 (Why it matters)
    /// 附录「电话准确性」：咨询电话和监督电话有区号，且号码原则上不相同。
    ///
    /// ## 示例 (Example)
    /// 不通过：`2021234`（缺区号）、池州市事项写 `0551-2021234`（合肥区号）、监督电话 `12345`（缺区号）。
    /// 提示：咨询电话和监督电话都是 `0566-2021234`。
    /// 通过：咨询 `0566-2021234`，监督 `0566-12345`。
    ///
    /// ## 整改方法 (How to fix)
    /// 在号码前加本市区号，如 `0566-2021234`；监督电话填写监督部门的号码，不要与咨询电话相同。
    pub struct PhoneAccuracy {
        id: "B15",
        name: "phone-accuracy",
        element: "电话准确性",
        category: Basic,
        severity: Error,
        fix: "固定电话前加本市区号（如 0566-2021234），监督电话与咨询电话分开填写",
    }
}

fn needs_area_code(p: &Phone) -> bool {
    matches!(p.kind, PhoneKind::Landline | PhoneKind::Hotline)
}

/// What to write for a number without its area code: the number with the region's area code
/// (`0566-2021234转8001`), or the area code to look up when the region's is unknown.
fn with_area_code(p: &Phone, expected: &[&str]) -> String {
    let extension = p
        .extension
        .as_deref()
        .map_or_else(String::new, |e| format!("转{e}"));
    match expected.first() {
        Some(area) => format!("在号码前加区号，写成 {area}-{}{extension}", p.number),
        None => format!("在号码前加本地区号，写成 区号-{}{extension}", p.number),
    }
}

impl Rule for PhoneAccuracy {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn reads(&self) -> Option<Reads> {
        Some(Reads::fields(&[
            ItemField::ConsultPhone,
            ItemField::SupervisePhone,
            ItemField::RegionCode,
        ]))
    }

    fn check(&self, item: &Item, ctx: &CheckContext) -> Verdict {
        let mut consult = parse_phones(&item.consult_phone);
        if ctx.params.only_hotlines(&consult) {
            // B13 rejects a consultation field of only the 12345 hotline; its area code is no fix
            // (`0566-12345` fails B13 too), so it is B13's alone, like a missing number.
            consult.clear();
        }
        let supervise = parse_phones(&item.supervise_phone);
        if consult.is_empty() && supervise.is_empty() {
            // Nothing to check here: B13/B14 report the missing numbers.
            return Verdict::NotApplicable;
        }
        let expected = area_codes_for_region(&item.region_code);
        let region = division_name(&item.region_code)
            .map_or_else(|| item.region_code.clone(), str::to_owned);
        let mut out = Vec::new();
        for (label, phones, field) in [
            ("咨询电话", &consult, &item.consult_phone),
            ("监督电话", &supervise, &item.supervise_phone),
        ] {
            for p in phones.iter().filter(|p| needs_area_code(p)) {
                let written = as_written(field, p);
                match &p.area_code {
                    None => out.push(
                        Violation::new(format!("{label}缺少区号: \"{written}\""), &written)
                            .target(label)
                            .suggest(with_area_code(p, &expected)),
                    ),
                    Some(a) if !expected.is_empty() && !expected.contains(&a.as_str()) => out.push(
                        Violation::new(
                            format!(
                                "{label}的区号 {a} 不是{region}的区号（应为 {}）: \"{}\"",
                                expected.join("/"),
                                written
                            ),
                            &written,
                        )
                        .target(label)
                        .suggest(format!(
                            "核对号码：{region}的区号是 {}，本地号码写成 {}-{}",
                            expected.join("/"),
                            expected[0],
                            p.number
                        )),
                    ),
                    Some(a) if expected.is_empty() && !is_known_area_code(a) => out.push(
                        Violation::new(
                            format!("{label}的区号 {a} 不是国内在用的区号: \"{written}\""),
                            &written,
                        )
                        .target(label),
                    ),
                    Some(_) => {}
                }
            }
        }
        let same: Vec<String> = consult
            .iter()
            .map(Phone::canonical)
            .filter(|c| supervise.iter().any(|s| &s.canonical() == c))
            .collect();
        if !same.is_empty() {
            out.push(
                Violation::new(
                    format!(
                        "咨询电话与监督电话相同: \"{}\"（原则上不相同）",
                        same.join("、")
                    ),
                    same.join("、"),
                )
                .warning()
                .suggest("监督电话应填写监督部门（如政务服务管理局或 12345 热线）的号码"),
            );
        }
        Verdict::Checked(out)
    }
}

/// The number `p` as the cell writes it, to quote: its full-width digits as they are, and with
/// the hyphen left of a missing area code (`-2021200`, h26 #9 quoted `2021200`). `p.raw` is
/// half-width and starts at its first digit; [`to_halfwidth`] keeps one char for each char.
fn as_written(field: &str, p: &Phone) -> String {
    let half: Vec<char> = to_halfwidth(field).chars().collect();
    let raw: Vec<char> = p.raw.chars().collect();
    let original: Vec<char> = field.chars().collect();
    if raw.is_empty() || half.len() != original.len() {
        return p.raw.clone();
    }
    // The first place it stands as a number of its own, not inside a longer run of digits.
    let found = (0..=half.len().saturating_sub(raw.len())).find(|&at| {
        half[at..].starts_with(&raw)
            && (at == 0 || !half[at - 1].is_ascii_digit())
            && half.get(at + raw.len()).is_none_or(|c| !c.is_ascii_digit())
    });
    let Some(mut start) = found else {
        return p.raw.clone();
    };
    let end = start + raw.len();
    if p.area_code.is_none() && start > 0 && half[start - 1] == '-' {
        start -= 1;
    }
    original[start..end].iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleParams;

    fn suggestions(consult: &str, supervise: &str) -> Vec<(String, Option<String>)> {
        let item = Item {
            consult_phone: consult.to_owned(),
            supervise_phone: supervise.to_owned(),
            region_code: "341702".to_owned(),
            ..Item::default()
        };
        let ctx = CheckContext::new(RuleParams::default());
        match PhoneAccuracy.check(&item, &ctx) {
            Verdict::Checked(v) => v.into_iter().map(|v| (v.message, v.suggestion)).collect(),
            other @ Verdict::NotApplicable => panic!("{other:?}"),
        }
    }

    /// Should say what to write: the suggestion used to add 「监督电话与咨询电话分开填写」 to a
    /// number that only lacked its area code.
    #[test]
    fn the_suggestion_is_the_number_with_its_area_code() {
        let found = suggestions("2021156转8001", "0566-12345");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            found[0].1.as_deref(),
            Some("在号码前加区号，写成 0566-2021156转8001")
        );
        let found = suggestions("0551-2021156", "0566-12345");
        assert_eq!(
            found[0].1.as_deref(),
            Some("核对号码：贵池区的区号是 0566，本地号码写成 0566-2021156"),
            "{found:?}"
        );
    }

    fn verdicts(consult: &str, supervise: &str) -> (Verdict, Verdict) {
        let item = Item {
            name: "食品经营许可".to_owned(),
            consult_phone: consult.to_owned(),
            supervise_phone: supervise.to_owned(),
            region_code: "341700".to_owned(),
            ..Item::default()
        };
        let ctx = CheckContext::new(RuleParams::default());
        (
            crate::rules::b13_consult_phone::ConsultPhone.check(&item, &ctx),
            PhoneAccuracy.check(&item, &ctx),
        )
    }

    fn messages(v: &Verdict) -> Vec<(String, Option<String>)> {
        match v {
            Verdict::Checked(v) => v
                .iter()
                .map(|v| (v.message.clone(), v.suggestion.clone()))
                .collect(),
            Verdict::NotApplicable => Vec::new(),
        }
    }

    /// h6: a consultation number of only 12345 was charged by B13 and by B15, whose advice
    /// 「写成 0566-12345」 B13 rejects too. It is B13's alone now.
    #[test]
    fn a_hotline_only_consultation_number_is_charged_once_by_b13() {
        for consult in [
            "12345",
            "0566-12345",
            "0551-12345",
            "池州市12345政务服务便民热线",
        ] {
            let (b13, b15) = verdicts(consult, "0566-2025678");
            let b13 = messages(&b13);
            assert_eq!(b13.len(), 1, "{consult}: {b13:?}");
            assert!(b13[0].0.contains("只有政务服务热线"), "{consult}: {b13:?}");
            assert_eq!(messages(&b15), vec![], "{consult}");
        }
        // Nothing else to check: both phones are B13's and B14's.
        assert_eq!(verdicts("12345", "").1, Verdict::NotApplicable);
        // The supervision number is still checked, with its own advice.
        let found = messages(&verdicts("12345", "12345").1);
        assert_eq!(
            found,
            vec![(
                "监督电话缺少区号: \"12345\"".to_owned(),
                Some("在号码前加区号，写成 0566-12345".to_owned())
            )]
        );
    }

    /// Not the hotline alone: a real number beside 12345 passes B13, and the 12345 then needs its
    /// area code like any number; a bare local number still lacks its area code.
    #[test]
    fn a_hotline_beside_a_staffed_number_and_a_bare_local_number_still_need_the_area_code() {
        let (b13, b15) = verdicts("0566-2021156、12345", "0566-12345");
        assert_eq!(messages(&b13), vec![]);
        assert_eq!(
            messages(&b15),
            vec![(
                "咨询电话缺少区号: \"12345\"".to_owned(),
                Some("在号码前加区号，写成 0566-12345".to_owned())
            )]
        );
        let (b13, b15) = verdicts("2021156", "0566-12345");
        assert_eq!(messages(&b13), vec![]);
        assert_eq!(
            messages(&b15),
            vec![(
                "咨询电话缺少区号: \"2021156\"".to_owned(),
                Some("在号码前加区号，写成 0566-2021156".to_owned())
            )]
        );
    }

    /// h26 #9: 咨询方式 `-2021200` was quoted `2021200`, and full-width digits half-width: the
    /// quote is the cell's text, hyphen and all.
    #[test]
    fn the_quote_is_the_number_as_the_cell_writes_it() {
        let quotes = |consult: &str| -> Vec<(String, Option<String>)> {
            messages(&verdicts(consult, "0566-12345").1)
        };
        assert_eq!(
            quotes("-2021200"),
            vec![(
                "咨询电话缺少区号: \"-2021200\"".to_owned(),
                Some("在号码前加区号，写成 0566-2021200".to_owned())
            )]
        );
        assert_eq!(
            quotes("电话：－２０２１２００")[0].0,
            "咨询电话缺少区号: \"－２０２１２００\""
        );
        assert_eq!(quotes("2021200")[0].0, "咨询电话缺少区号: \"2021200\"");
        // A hyphen between words and the number is still the number's.
        assert_eq!(
            quotes("0566-2021156、-2021200")[0].0,
            "咨询电话缺少区号: \"-2021200\""
        );
        assert_eq!(
            quotes("0551-2021156")[0].0,
            "咨询电话的区号 0551 不是池州市的区号（应为 0566）: \"0551-2021156\""
        );
        // A right number is still right.
        assert_eq!(quotes("0566-2021200"), vec![]);
        let item = Item {
            consult_phone: "-2021200".to_owned(),
            ..Item::default()
        };
        let ctx = CheckContext::new(RuleParams::default());
        let Verdict::Checked(v) = PhoneAccuracy.check(&item, &ctx) else {
            panic!("not checked");
        };
        assert_eq!(v[0].evidence, "-2021200");
    }
}
