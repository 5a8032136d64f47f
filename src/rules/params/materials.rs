//! The default word lists of the material rules (M01 names, M04/M05 fill-in forms, M06 file
//! types, M08 filling notes), each the default of the [`RuleParams`](super::RuleParams) field of
//! the same name. The struct, its documentation and the other defaults are in `super`.

use super::words;

/// The default of `RuleParams::material_medium_words`.
pub(super) fn material_medium_words() -> Vec<String> {
    words(&[
        "原件",
        "复印件",
        "复印",
        "扫描件",
        "扫描版",
        "影印件",
        "影印本",
        "复制件",
        "正本",
        "副本",
        "电子版",
        "电子件",
        "纸质版",
        // h25 问题6: 照片电子档, 图纸电子文档, 户口簿扫描档, 身份证影印版, 申请表打印件.
        "电子档",
        "电子文档",
        "扫描档",
        "影印版",
        "打印件",
        "打印版",
        // The same words in traditional characters (身份證複印件).
        "複印件",
        "複印",
        "掃描件",
        "掃描版",
        "複製件",
        "電子版",
        "電子件",
        "紙質版",
        "電子檔",
        "電子文檔",
        "掃描檔",
    ])
}

/// The default of `RuleParams::material_catch_all_words`.
pub(super) fn material_catch_all_words() -> Vec<String> {
    words(&[
        "其他材料",
        "其它材料",
        "相关材料",
        "有关材料",
        "其他相关",
        "其它相关",
        "等材料",
        "及其他",
        "及其它",
        "需要提交的其他",
        "需提交的其他",
        "其他需要",
        "其它需要",
        "其他必要",
        "其他有关",
        "其他资料",
        "其它资料",
        "相关资料",
        "有关资料",
        "其他文件",
        "其他证明材料",
        "相关证明",
        "有关证明",
        "等相关",
        "等证明",
        "等文件",
        "等证照",
        "等证件",
        "等资料",
        "等附件",
        // 其它 as 其他 (M01 also finds 其他/其它/其余 + 材料/文件/证明… by pattern).
        "其它有关",
        "其它必要",
        "其它文件",
        "其它证明材料",
        // Traditional characters.
        "相關材料",
        "有關材料",
        "其他相關",
        "其它相關",
        "其他資料",
        "其它資料",
        "相關資料",
        "有關資料",
        "相關證明",
        "有關證明",
        "等相關",
        "等證明",
        "等證照",
        "等證件",
        "等資料",
    ])
}

/// The default of `RuleParams::material_name_exceptions`.
pub(super) fn material_name_exceptions() -> Vec<String> {
    words(&[
        "其他组织",
        "其它组织",
        "其他经济组织",
        "证正、副本",
        "照正、副本",
        "证正本、副本",
        "照正本、副本",
        "证正本及副本",
        "照正本及副本",
        "证正本和副本",
        "照正本和副本",
        "证正副本",
        "照正副本",
        "证正本",
        "证副本",
        "照正本",
        "照副本",
        "证书正本",
        "证书副本",
        // A 证书 is a 证照 as much as a 许可证 (`建筑业企业资质证书（正、副本）`,
        // `法人登记证书正本或副本`): 书 does not end in 证, so its pairs are listed.
        "证书正、副本",
        "证书正本、副本",
        "证书正本及副本",
        "证书正本和副本",
        "证书正副本",
        "》正本",
        "》副本",
        "》正、副本",
        "》正副本",
        "》正本、副本",
        "》正本及副本",
        "》正本和副本",
        // Either of the two (`营业执照正本或副本复印件`: the medium is 复印件 alone).
        "证正本或副本",
        "照正本或副本",
        "证正本/副本",
        "照正本/副本",
        "》正本或副本",
        "证正本或者副本",
        "照正本或者副本",
        "证副本或正本",
        "照副本或正本",
        "证书正本或副本",
        "证书正本/副本",
        "证书正本或者副本",
        "证书副本或正本",
        // Bracketed with the medium (`营业执照（正本复印）`: the medium is 复印 alone).
        "证（正本",
        "证（副本",
        "照（正本",
        "照（副本",
        "证(正本",
        "证(副本",
        "照(正本",
        "照(副本",
        "证书（正本",
        "证书（副本",
        "证书(正本",
        "证书(副本",
        // Traditional characters.
        "證正本或副本",
        "證（正本",
        "證（副本",
        "證正、副本",
        "證正本、副本",
        "證正副本",
        "證正本",
        "證副本",
        "證書正本",
        "證書副本",
        "證書正、副本",
        "證書正本、副本",
        "證書正副本",
        "證書正本或副本",
        "證書（正本",
        "證書（副本",
        // Documents, not media (h25 问题6): 电子档案 and 扫描档案 are archives
        // (`电子档案查询申请表`, `纸质档案数字化扫描档案移交清单`), 影印版图书 a kind of
        // book (`影印版图书选题申报表`).
        "电子档案",
        "扫描档案",
        "影印版图书",
        "電子檔案",
        "掃描檔案",
        // Not media either (h35 regression): 影印版权 is the right to reprint (`影印版权授权书`,
        // `出版物影印版权许可合同`); 影印版 before a publication noun is a kind of publication
        // (`影印版教材备案表`, `影印版期刊出版申请表`); 版式文件 is a file format (`打印版式文件`);
        // electronic documents handed over or archived are the object of the form
        // (`建设工程电子文档移交书`, `电子文档归档登记表`).
        "影印版权",
        "影印版教材",
        "影印版期刊",
        "影印版书刊",
        "影印版出版物",
        "影印版杂志",
        "影印版报刊",
        "影印版书籍",
        "打印版式",
        "电子文档移交",
        "电子文档归档",
        // h36: 电子版式文件 is 电子 + 版式文件, the layout file (OFD, PDF) of 《电子文件归档》, a
        // file format as 版式电子文件 and `（PDF格式）` are: not 电子版 + 式 (`设计文件（电子版式
        // 文件）`). Not a bare 电子版式: `申请表电子版式样` is 电子版 + 式样, a medium.
        "电子版式文件",
        "電子版式文件",
    ])
}

/// The default of `RuleParams::fill_in_words`.
pub(super) fn fill_in_words() -> Vec<String> {
    words(&[
        "申请表",
        "申请书",
        "登记表",
        "申报表",
        "审批表",
        "备案表",
        "信息表",
        "承诺书",
        "告知书",
        "委托书",
        "声明书",
        "申请函",
        "情况表",
        "花名册",
        // h33: forms named for what the applicant does with them — applies (申请审核表,
        // 申请鉴定表), claims (申领表), registers (申请登记书), is recorded (采集表),
        // promises (承诺函). Not a bare 鉴定表 or 体检表: the appraiser or the hospital
        // fills those in. A name ending in 申请单 or 申领单 is one too, found apart from
        // this list: as a word it is in every 申请单位.
        "申请审核表",
        "申请鉴定表",
        "登记书",
        "申领表",
        "采集表",
        "承诺函",
        // 家庭经济状况核对授权书, 法定代表人授权书: signed on a standard form, as 委托书.
        // Not every 授权书: a maker's or brand's (厂家授权书) is the applicant's to bring.
        "核对授权书",
        "查询授权书",
        "代表人授权书",
        // Traditional characters (…申請書).
        "申請表",
        "申請書",
        "登記表",
        "審批表",
        "備案表",
        "承諾書",
        "告知書",
        "委託書",
        "聲明書",
        "申請函",
        "情況表",
        "花名冊",
        "核對授權書",
        "代表人授權書",
        "申請審核表",
        "申請鑑定表",
        "登記書",
        "申領表",
        "採集表",
        "承諾函",
    ])
}

/// The default of `RuleParams::non_editable_form_extensions`.
pub(super) fn non_editable_form_extensions() -> Vec<String> {
    words(&[
        "pdf", "jpg", "jpeg", "png", "gif", "bmp", "tif", "tiff", "ofd", "caj",
    ])
}

/// The default of `RuleParams::notes_format_words`.
pub(super) fn notes_format_words() -> Vec<String> {
    words(&[
        "A4",
        "a4",
        "纸张",
        "格式",
        "规格",
        "装订",
        "复印",
        "原件",
        "电子版",
        "扫描",
        "PDF",
        "pdf",
        "JPG",
        "jpg",
        "彩色",
        "黑白",
        "打印",
        "纸质",
        "双面",
        "单面",
        // Photos: the size (`2寸`, `小二寸`, `大一寸`) and the background colour
        // (`红底`, `蓝色背景`) are their format.
        "尺寸",
        "1寸",
        "2寸",
        "一寸",
        "二寸",
        "两寸",
        "红底",
        "白底",
        "蓝底",
        "底色",
        "色背景",
        // An electronic form filled in online (`在线逐项填写…`): its format is the form.
        "在线填",
        "网上填",
        "线上填",
        "在线逐项填",
        "电子表单",
        // A commitment signed or ticked online (告知承诺书: `在线勾选确认`, `在线签署`).
        "在线勾选",
        "在线签",
        "网上签",
        "电子签",
    ])
}

/// The default of `RuleParams::notes_content_words`.
pub(super) fn notes_content_words() -> Vec<String> {
    words(&[
        "内容",
        "填写",
        "信息",
        "完整",
        "一致",
        "真实",
        "准确",
        "载明",
        "注明",
        // The verbs that name what the material must state (`列明人员姓名和资格`).
        "列明",
        "写明",
        "标明",
        "包括",
        "有效期",
        "签字",
        "签名",
        "盖章",
        "公章",
        // A seal (`加盖单位印章`, `加盖检验机构印章`) is one as 公章 is.
        "印章",
        "加盖",
        "手印",
        "空项",
        "齐全",
    ])
}

/// The default of `RuleParams::notes_clarity_words`.
pub(super) fn notes_clarity_words() -> Vec<String> {
    words(&[
        "清晰",
        "清楚",
        "可辨",
        "辨认",
        "辨识",
        "模糊",
        "涂改",
        "字迹",
        "工整",
        "污损",
        "缺损",
        "完好",
        // Electronic files: `分辨率不低于200dpi`, `像素不低于1024*768`, `文字可识别`.
        "分辨率",
        "dpi",
        "DPI",
        "像素",
        "可识别",
    ])
}
