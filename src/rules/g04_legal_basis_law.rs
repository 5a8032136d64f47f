//! G04 设定依据 — the item's legal basis names a law, regulation or document.

use super::general_text::{is_referral, names_law};
use super::{CheckContext, Reads, Rule, RuleMeta, Verdict, Violation, declare_rule};
use crate::model::text::{is_blank_or_placeholder, quote};
use crate::model::{Item, ItemField};

declare_rule! {
    /// ## 检查内容 (What it checks)
    /// 附录之外的通用检查。「设定依据」必须写明法律、法规或文件的名称：《》内的名称、完整法规名
    /// （`中华人民共和国…法`、`安徽省…条例`）、紧跟条款的简称（`城乡规划法第四十条`）、`关于…的决定/通知`
    /// 之类标题、令号（`…令第17号`）或带年份
    /// 的文号（`国发〔2017〕46号`）。只写「依法」「按国家有关规定」「相关法律法规」的，以及泛称加条款
    /// （`按国家规定第三条`、`按上级规定第二条`）的不通过；为空也
    /// 报告。条款是否写明不在此检查（收费依据的条款由 F03 检查）。默认是提示（warning）。
    /// 设定依据只填占位符（无、/、详见附件）时由 G01 报告，本规则不涉及（n/a）。
    ///
    /// ## 依据 (Why it matters)
    /// 附录注：考核范围包括但不限于附录列明的要素指标；权力事项必须有法定依据，依据应可查证。
    ///
    /// ## 示例 (Example)
    /// 提示：设定依据为空；`依据相关法律法规`；`按国家有关规定办理`。
    /// 通过：`《中华人民共和国食品安全法》第三十五条`；`《食品经营许可和备案管理办法》（国家市场监督管理
    /// 总局令第78号）`。
    ///
    /// ## 整改方法 (How to fix)
    /// 写明设定依据的法律法规或文件全称（放在《》内），最好同时写明条款和文号。
    pub struct LegalBasisLaw {
        id: "G04",
        name: "legal-basis-law",
        element: "设定依据",
        category: General,
        severity: Warning,
        fix: "写明设定依据的法律法规或文件全称（放在《》内）及条款",
    }
}

impl Rule for LegalBasisLaw {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn reads(&self) -> Option<Reads> {
        Some(Reads::fields(&[ItemField::LegalBasis]))
    }

    fn check(&self, item: &Item, _ctx: &CheckContext) -> Verdict {
        let basis = item.legal_basis.trim();
        if basis.is_empty() {
            return Verdict::Checked(vec![Violation::new("设定依据为空", "")]);
        }
        if is_blank_or_placeholder(basis) || is_referral(basis) {
            return Verdict::NotApplicable;
        }
        if names_law(basis) {
            Verdict::pass()
        } else {
            Verdict::Checked(vec![Violation::new(
                format!(
                    "设定依据没有写明法律法规或文件名称: \"{}\"",
                    quote(basis, 60)
                ),
                basis,
            )])
        }
    }
}
