//! M04 电子表单 — every material the applicant fills in offers a blank form to download.

use super::materials::fill_in_offers;
use super::{CheckContext, Reads, Rule, RuleMeta, Verdict, declare_rule};
use crate::model::Item;

declare_rule! {
    /// ## 检查内容 (What it checks)
    /// 找出需要申请人填写的材料：材料名称含有申请表、申请书、登记表、申报表、审批表、备案表、信息表、
    /// 承诺书、承诺函、告知书、委托书、核对授权书、声明书、申请审核表、申领表、登记书、采集表、
    /// 申请鉴定表等词（词表见配置 `[check] fill_in_words`），或以申请单、申领单结尾（「申请单位」
    /// 不算），且来源渠道不是「政府部门核发」，也不是别的单位填写并出具的表格（来源渠道不是
    /// 「申请人自备」，出具单位写明了银行、公司、医院、学校、所在单位等申请人以外的单位，填报须知
    /// 没有写申请人填写或签字的，如医院填写的 `转诊转院审批表`、银行出具的 `银行贷款承诺函`；
    /// 出具单位是政府部门、机关的，填报须知还要写明「由…填写」或「出具」「开具」。委托单位、
    /// 参保单位、用人单位、建设单位等是申请单位按身份的叫法，不算别的单位）。单独的鉴定表、体检表由鉴定机构、
    /// 医院填写，不算。名称只有「审核表」的（`池州市残疾人两项补贴审核表`）看事项怎么写：填报须知写明
    /// 申请人填写、如实填写的，或来源渠道是「申请人自备」、名称含申请、申报，且填报须知没有写「由…
    /// 填写」「由…审核」的，是申请人填写的表格；别的（如出具单位是政府部门、来源渠道「其他」）不算。
    /// 这些材料的「空白表格」栏不得为空或占位符（无、/、暂无、详见附件），
    /// 也不得只写没有表格的说明（不提供、无需提供、暂未提供、无表格、未上传）。
    /// 事项没有需申请人填写的材料时不涉及（n/a）。
    ///
    /// 要素口径：任一需填写的材料缺少空白表格则该事项此要素不通过，每个材料各出一条问题。
    /// 表格能否下载、是否可编辑、文件名是否相符由 M06 检查；「空白表格」栏只写了「有」之类
    /// 没有链接或文件的，在本规则算已提供，由 M06 报告。
    ///
    /// ## 依据 (Why it matters)
    /// 附录「电子表单」：该事项需要申请人填写的表格需提供空白电子表单下载服务。
    ///
    /// ## 示例 (Example)
    /// 不通过：`食品经营许可申请书` 的空白表格为空；`告知承诺书` 的空白表格为 `无`；
    /// `家庭经济状况核对授权书` 的空白表格为 `不提供`。
    /// 通过：`食品经营许可申请书` 的空白表格为 `https://www.ahzwfw.gov.cn/…/食品经营许可申请书.docx`。
    /// 不涉及：材料只有身份证、营业执照等证照；`转诊转院审批表` 出具单位为定点医疗机构、
    /// 填报须知为「由转出医院医生填写诊断」。
    ///
    /// ## 整改方法 (How to fix)
    /// 为每个需申请人填写的表格上传可编辑的空白表格（.doc/.docx/.xls/.xlsx），在「空白表格」栏
    /// 提供下载链接。
    pub struct BlankForm {
        id: "M04",
        name: "blank-form",
        element: "电子表单",
        category: Materials,
        severity: Error,
        fix: "为需申请人填写的表格上传可编辑的空白表格并提供下载",
    }
}

impl Rule for BlankForm {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn reads(&self) -> Option<Reads> {
        Some(Reads::MATERIALS)
    }

    fn check(&self, item: &Item, ctx: &CheckContext) -> Verdict {
        fill_in_offers(item, &ctx.prepared().materials.fill_in_words)
            .blank_form
            .clone()
    }
}
