//! M05 材料样本 — every material the applicant fills in offers a filled-in sample to download.

use super::materials::{FILL_IN_READS, fill_in_offers};
use super::{CheckContext, Reads, Rule, RuleMeta, Verdict, declare_rule};
use crate::model::Item;

declare_rule! {
    /// ## 检查内容 (What it checks)
    /// 与 M04 相同的方法找出需要申请人填写的材料（词表见配置 `[check] fill_in_words`，或名称以
    /// 申请单、申领单结尾；来源渠道不是「政府部门核发」，也不是出具单位写明的别的单位填写并出具的
    /// 表格，来源渠道为「申请人自备」的除外；过去期间的申报表、回执等已有的文书不算，写明为本次申请填写的申报表、申请书的回执联仍算；服务对象只有自然人时由用人单位等填写的表格不算，有个人签字的（写明无需签字的除外）、服务对象含个体工商户的（写明不含个体工商户的除外）仍算；名称只有「审核表」的看事项怎么写，见 M04），这些材料的「示例样表」栏不得为空或占位符（无、/、暂无、详见附件），
    /// 也不得只写没有样表的说明（暂未提供、无需样表、无样表）或指向空白表格（见空白表格、同空白表格）。
    /// 事项没有需申请人填写的材料时不涉及（n/a）。
    ///
    /// 要素口径：任一需填写的材料缺少示例样表则该事项此要素不通过，每个材料各出一条问题。
    /// 样表是否完整、能否下载、隐私是否模糊化由 M07 检查。
    ///
    /// ## 依据 (Why it matters)
    /// 附录「材料样本」：该事项需要申请人填写的表格需提供示范性材料样本下载服务。
    ///
    /// ## 示例 (Example)
    /// 不通过：`不动产登记申请表` 的示例样表为空；`授权委托书` 的示例样表为 `/` 或 `见空白表格`。
    /// 通过：`不动产登记申请表` 的示例样表为 `不动产登记申请表（填写示例）.pdf`。
    /// 不涉及：材料只有身份证、营业执照等证照。
    ///
    /// ## 整改方法 (How to fix)
    /// 为每个需申请人填写的表格上传一份填写完整的示例样表（个人信息做模糊化处理），在「示例样表」栏
    /// 提供下载链接。
    pub struct SampleForm {
        id: "M05",
        name: "sample-form",
        element: "材料样本",
        category: Materials,
        severity: Error,
        fix: "为需申请人填写的表格上传填写完整的示例样表并提供下载",
    }
}

impl Rule for SampleForm {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn reads(&self) -> Option<Reads> {
        Some(FILL_IN_READS)
    }

    fn check(&self, item: &Item, ctx: &CheckContext) -> Verdict {
        fill_in_offers(item, &ctx.prepared().materials.fill_in_words)
            .sample
            .clone()
    }
}
