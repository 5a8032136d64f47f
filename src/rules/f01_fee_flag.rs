//! F01 明确标识 — the item says whether a fee is charged.

use super::fees::yes_no;
use super::{CheckContext, Reads, Rule, RuleMeta, Verdict, Violation, declare_rule};
use crate::model::text::quote;
use crate::model::{Item, ItemField};

declare_rule! {
    /// ## 检查内容 (What it checks)
    /// 「是否收费」必须明确标注：是/收费/有/收取/需缴费，或 否/不收费/免费/无/无收费/零收费/0元。为空、占位符（/、暂无、-）或
    /// 看不出是否收费的文字（「按规定」）不通过；标注「否」却列出了带金额的收费项目，自相矛盾，
    /// 也不通过——金额为 0 的收费项目（`不收费`/`无`，`0元`）是平台表示「不收费」的写法，不算。
    /// 标注后面加括号或逗号注明的，按开头的标注认：`是（小微企业免收）`、`收费，残疾人免费` 是「是」，
    /// 减免说明不会把它变成「否」；`否（…）` 仍是「否」；开头看不出是否收费的（`视情况而定，部分收费`）不通过。
    /// 本要素对每个事项都适用，收费项目未读取（导出文件没有收费表、收费表无法关联）时也适用：
    /// 「是否收费」是事项本身的要素，照常检查；这时看不出是否自相矛盾，只查标注。
    ///
    /// ## 依据 (Why it matters)
    /// 附录「明确标识」：该事项要明确标注是否需要收费。
    ///
    /// ## 示例 (Example)
    /// 不通过：空；`/`；`按规定`；`否` 但收费项目为「不动产登记费 80元/件」。
    /// 通过：`否`；`不收费`；`不收费` 且收费项目为「不收费 0元」；`是`（并列出收费项目）；
    /// `是（小微企业免收）`（并列出收费项目）。
    ///
    /// ## 整改方法 (How to fix)
    /// 在「是否收费」栏填写「是」或「否」；收费的，在收费项目中列出名称、标准和依据。
    pub struct FeeFlag {
        id: "F01",
        name: "fee-flag",
        element: "明确标识",
        category: Fees,
        severity: Error,
        fix: "在「是否收费」栏明确填写「是」或「否」",
        judges_item_flag: true,
    }
}

impl Rule for FeeFlag {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn reads(&self) -> Option<Reads> {
        Some(Reads::fields(&[ItemField::Charged]).and(Reads::FEES))
    }

    fn check(&self, item: &Item, _ctx: &CheckContext) -> Verdict {
        let text = item.charged.trim();
        match yes_no(text) {
            None if text.is_empty() => Verdict::Checked(vec![Violation::new("未标注是否收费", "")]),
            None => Verdict::Checked(vec![Violation::new(
                format!("是否收费未明确标注「是」或「否」: \"{}\"", quote(text, 30)),
                text,
            )]),
            Some(false) => {
                let charged_fees: Vec<&str> = item
                    .fees
                    .iter()
                    .filter(|f| super::fees::states_charge(&f.standard))
                    .map(|f| f.name.trim())
                    .collect();
                if charged_fees.is_empty() {
                    Verdict::pass()
                } else {
                    Verdict::Checked(vec![
                        Violation::new(
                            format!(
                                "是否收费标注为\"{text}\"，但列出了收费项目: \"{}\"",
                                quote(&charged_fees.join("、"), 40)
                            ),
                            text,
                        )
                        .suggest(
                            "两处应一致：不收费的，删去收费项目；收费的，把「是否收费」改为「是」，\
                             并写明收费标准和收费依据",
                        ),
                    ])
                }
            }
            Some(true) => Verdict::pass(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Fee;

    /// 「否」 with a fee listed: the advice says which way to make the two agree, not only to
    /// fill in 是 or 否, which the clerk did (h6).
    #[test]
    fn a_no_beside_a_listed_fee_says_how_to_make_them_agree() {
        let item = Item {
            charged: "否".into(),
            fees: vec![Fee {
                name: "不动产登记费".into(),
                standard: "住宅类每件80元".into(),
                ..Fee::default()
            }]
            .into(),
            ..Item::default()
        };
        let Verdict::Checked(v) = FeeFlag.check(&item, &CheckContext::default()) else {
            panic!("F01 applies");
        };
        assert_eq!(v.len(), 1, "{v:?}");
        let s = v[0].suggestion.as_deref().unwrap_or_default();
        assert!(
            s.contains("删去收费项目") && s.contains("改为「是」"),
            "{s}"
        );
    }
}
