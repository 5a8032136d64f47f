//! M06 电子表单准确性 — the offline part: a blank form is a real, editable file that matches its
//! material. Whether the link answers and what the file contains is checked by `links/`.

use super::materials::{attachment_problems, has_value, material_target, one_finding};
use super::{CheckContext, Reads, Rule, RuleMeta, Verdict, declare_rule};
use crate::model::Item;
use crate::model::text::trim;

declare_rule! {
    /// ## 检查内容 (What it checks)
    /// 逐个检查「空白表格」栏有内容的材料（不联网的部分）：
    /// 必须有下载链接或带扩展名的文件名（只写「有」「已上传」不算；文件名中可以有空格，
    /// `食品经营许可申请表 最终版.docx` 整个是文件名）；链接格式正确、指向公网
    /// （本机路径 `C:\…`、`/Users/…`、`桌面\…`、内网地址 `192.168.…`、协议头错误都算死链；
    /// `/Users/…`、`桌面\…` 旁边另有公网链接的看链接，与 B12 对结果样本的口径相同）；文件名无乱码（含 GBK 文件名被
    /// 按 UTF-8 解码产生的乱码）；文件格式可编辑（.doc/.docx/.xls/.xlsx/.wps/.et/.odt/.ods，
    /// .pdf/.jpg 等不可编辑，不可编辑的扩展名列表见配置 `non_editable_form_extensions`；
    /// 下载程序链接 `download.do?fileName=…` 看参数中的文件名；扩展名看不出来的下载链接在此通过，由链接检查下载后
    /// 判断）；文件名与材料名称相符
    /// （文件名中有意义的汉字与材料名称没有任何相同的两字词时判为不符，`附件1.docx` 这类看不出的不判；
    /// 材料名称为空时不比较，由 M01 报告）。
    /// 没有任何材料提供空白表格时不涉及（n/a；缺少空白表格由 M04 报告，「空白表格」栏写
    /// 不提供、暂未提供、无表格、未上传的也算没有提供）。
    ///
    /// 要素口径：任一材料不通过则该事项此要素不通过，每个不通过的材料出一条问题（列出全部原因）。
    /// 链接是否能打开、文件内容是否乱码、是否与事项相符，由联网的链接检查（`--links`）补充。
    ///
    /// ## 依据 (Why it matters)
    /// 附录「电子表单准确性」：该事项提供下载的空白电子表单的内容要与事项相符，可编辑，无乱码、死链等情况。
    ///
    /// ## 示例 (Example)
    /// 不通过：`食品经营许可申请书.pdf`；`C:\Users\admin\Desktop\申请书.doc`、
    /// `/Users/zhang/Desktop/申请书.docx`、`桌面\申请书.docx`（本机路径，表格没有上传）；`ç”³è¯·ä¹¦.docx`；
    /// 材料「食品经营许可申请书」的表格为 `营业执照.doc`；表格栏只写 `有`。
    /// 通过：`https://www.ahzwfw.gov.cn/files/食品经营许可申请书.docx`。
    ///
    /// ## 整改方法 (How to fix)
    /// 上传与材料同名的可编辑空白表格（Word/Excel/WPS 格式），文件名用规范中文名称，在「空白表格」栏
    /// 填写公网可访问的下载链接。
    pub struct BlankFormAccuracy {
        id: "M06",
        name: "blank-form-accuracy",
        element: "电子表单准确性",
        category: Materials,
        severity: Error,
        fix: "上传与材料相符的可编辑空白表格（.doc/.docx/.xls/.xlsx），提供公网可访问的下载链接",
    }
}

impl Rule for BlankFormAccuracy {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn reads(&self) -> Option<Reads> {
        Some(Reads::MATERIALS)
    }

    fn check(&self, item: &Item, ctx: &CheckContext) -> Verdict {
        let with_form: Vec<_> = item
            .materials
            .iter()
            .filter(|m| has_value(&m.blank_form))
            .collect();
        if with_form.is_empty() {
            return Verdict::NotApplicable;
        }
        Verdict::Checked(
            with_form
                .into_iter()
                .filter_map(|m| {
                    one_finding(attachment_problems(
                        m,
                        trim(&m.blank_form),
                        "空白表格",
                        Some(&ctx.params.non_editable_form_extensions),
                    ))
                    .map(|v| v.target(material_target(m)).at(&m.provenance))
                })
                .collect(),
        )
    }
}
