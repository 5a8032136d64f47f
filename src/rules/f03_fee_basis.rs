//! F03 收费依据 — a charged item cites, for each fee, a named law or document and its article.

use super::fees::is_charged;
use super::general_text::{cites_article, names_law};
use super::{CheckContext, Reads, Rule, RuleMeta, Verdict, Violation, declare_rule};
use crate::model::text::{is_blank_or_placeholder, quote};
use crate::model::{Item, ItemField};

declare_rule! {
    /// ## 检查内容 (What it checks)
    /// 收费的事项（判定同 F02）每个收费项目的收费依据必须写明法律、法规或文件的名称——《》内的名称
    /// （写成 `<<…>>`、`〈…〉`、`「…」`、`“…”` 而以法、条例、通知等结尾的也算）、
    /// 完整法规名（`中华人民共和国…法`、`安徽省…条例`）、紧跟条款的简称（`价格法第十二条`）、
    /// `关于…的通知` 之类标题（不带书名号、不写发文机关也算），或带年份的文号
    /// （`发改价格规〔2019〕1931号`、`财税〔2016〕79号`，括号打成 `﹝﹞`、`〈〉` 的，和
    /// `〔1992〕价费字240号` 这样的旧式文号也算）——并写明所引用的条款（第…条/款/项，
    /// 繁体 `第一條` 也算）。
    /// 依据为空、占位符、只写「国家有关规定」、只有名称没有条款、只有条款没有名称的不通过；
    /// 泛称加条款（`按国家规定第三条`、`根据有关规定第五条`、`依据相关法律法规第二条`，加引号的
    /// `按“国家规定”第三条` 也一样）不是名称，同样不通过。
    /// 没有列出收费项目时对事项整体报一条。不收费的事项不涉及（n/a）。
    ///
    /// ## 依据 (Why it matters)
    /// 附录「收费依据」：收费的事项，要明确列出所依据的法律、法规、文件的名称和所引用的条项和款项
    /// 的具体内容。
    ///
    /// ## 示例 (Example)
    /// 不通过：`按国家有关规定`；`《不动产登记暂行条例》`（无条款）；`第十二条`（无名称）。
    /// 通过：`《国家发展改革委 财政部关于不动产登记收费标准等有关问题的通知》（发改价格规〔2016〕2559号）第一条`。
    ///
    /// ## 整改方法 (How to fix)
    /// 写明收费依据的全称（放在《》内）或文号，以及具体条款，如「《…通知》（发改价格规〔2016〕2559号）
    /// 第一条」。
    pub struct FeeBasis {
        id: "F03",
        name: "fee-basis",
        element: "收费依据",
        category: Fees,
        severity: Error,
        fix: "写明收费依据的法律法规或文件全称（或文号）及所引用的具体条款",
    }
}

impl Rule for FeeBasis {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn reads(&self) -> Option<Reads> {
        Some(Reads::fields(&[ItemField::Charged]).and(Reads::FEES))
    }

    fn check(&self, item: &Item, _ctx: &CheckContext) -> Verdict {
        if !is_charged(item) {
            return Verdict::NotApplicable;
        }
        if item.fees.is_empty() {
            return Verdict::Checked(vec![Violation::new(
                format!("事项收费但未列出收费依据: \"{}\"", item.charged.trim()),
                item.charged.trim(),
            )]);
        }
        let mut out = Vec::new();
        for (i, f) in item.fees.iter().enumerate() {
            let name = f.name.trim();
            let target = if name.is_empty() {
                format!("收费项目「第{}项」", i + 1)
            } else {
                format!("收费项目「{name}」")
            };
            let basis = f.basis.trim();
            let v = if basis.is_empty() {
                Some(Violation::new("收费项目未写明收费依据", ""))
            } else if is_blank_or_placeholder(basis) {
                Some(Violation::new(
                    format!("收费依据未填写实际内容: \"{basis}\""),
                    basis,
                ))
            } else {
                match (names_law(basis), cites_article(basis)) {
                    (true, true) => None,
                    (false, true) => Some(Violation::new(
                        format!(
                            "收费依据没有写明法律法规或文件的名称: \"{}\"",
                            quote(basis, 60)
                        ),
                        basis,
                    )),
                    (true, false) => Some(Violation::new(
                        format!("收费依据没有写明所引用的条款: \"{}\"", quote(basis, 60)),
                        basis,
                    )),
                    (false, false) => Some(Violation::new(
                        format!(
                            "收费依据没有写明法律法规或文件的名称和条款: \"{}\"",
                            quote(basis, 60)
                        ),
                        basis,
                    )),
                }
            };
            if let Some(v) = v {
                out.push(v.target(target).at(&f.provenance));
            }
        }
        Verdict::Checked(out)
    }
}
