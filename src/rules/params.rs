//! Rule parameters read from the `[check]` section of the configuration file, with the defaults an
//! experienced assessor would accept. Each field names the rule that reads it.

use serde::{Deserialize, Serialize};

use crate::model::phone::{Phone, PhoneKind};

/// Settings the rules read; every field has a default.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RuleParams {
    /// B13: numbers that alone are not a phone a person answers at the implementing body
    /// (the 12345 hotline is a supervision channel, not a consultation line). B15 leaves a
    /// consultation field of only such numbers to B13 (see [`RuleParams::only_hotlines`]). I01:
    /// an intermediary agency whose contact is only such a number has no contact of its own.
    pub hotline_only_numbers: Vec<String>,
    /// M01: words that state a medium (介质要求) and do not belong in a material's name.
    /// 正本/副本 right after a certificate's name are part of the name (see `material_name_exceptions`).
    pub material_medium_words: Vec<String>,
    /// M01: catch-all words (兜底性用词) that leave the material ambiguous.
    pub material_catch_all_words: Vec<String>,
    /// M01: phrases that are legitimate names although they contain a listed word
    /// (`其他组织` is a kind of applicant, `营业执照副本` is a document).
    pub material_name_exceptions: Vec<String>,
    /// M04/M05: words that mark a material the applicant fills in (申请表, 申请书 …).
    pub fill_in_words: Vec<String>,
    /// M06: file extensions that are not editable (a blank form in these formats fails; extensions
    /// in neither this list nor the editable .doc/.docx/.xls/.xlsx/.wps/.et/.odt/.ods are left to
    /// the link checks).
    pub non_editable_form_extensions: Vec<String>,
    /// M08: words showing that the filling instructions state a format requirement.
    pub notes_format_words: Vec<String>,
    /// M08: words showing that the filling instructions state a content requirement.
    pub notes_content_words: Vec<String>,
    /// M08: words showing that the filling instructions state a clarity requirement.
    pub notes_clarity_words: Vec<String>,
    /// M08: how many of the three aspects (format, content, clarity) the instructions must cover.
    pub notes_min_aspects: usize,
    /// P02: words that mark an online submission step.
    pub online_submission_words: Vec<String>,
    /// P02: names of online platforms (安徽政务服务网, 皖事通, sector systems such as 电子税务局, a
    /// web address, or `登录` any system): a step that submits through one
    /// (`通过安徽政务服务网提交申请`, `登录皖事通APP上传申请材料`) is an online submission step too.
    pub online_platform_words: Vec<String>,
    /// P02: words that mark a step requiring the applicant to come on site.
    pub onsite_visit_words: Vec<String>,
    /// P02: phrases that are not an applicant's visit — negations (`无需到现场`) and staff going on
    /// site (`到现场核查`); masked before `onsite_visit_words` is searched.
    pub onsite_negation_words: Vec<String>,
    /// Q01: the minimum number of FAQs.
    pub faq_min_count: usize,
    /// Q01: similarity (0–1, character-bigram Dice) at or above which two questions are
    /// near-duplicates, or an answer repeats another element of the item.
    pub faq_similarity_threshold: f64,
    /// Q01: phrases that make an answer a non-answer when little else is said.
    pub faq_non_answer_phrases: Vec<String>,
}

/// The default of [`RuleParams::hotline_only_numbers`]. The readers, which do not see the
/// configuration, take a number cell that lost the 0 of its area code in front of one of these
/// for that hotline (`56612345` is `0566-12345`: `crate::source::sheet::numbers`).
pub const DEFAULT_HOTLINES: &[&str] = &["12345"];

fn words(list: &[&str]) -> Vec<String> {
    list.iter().map(|&s| s.to_owned()).collect()
}

impl RuleParams {
    /// B13/B15/I01: whether every number of a consultation field is a hotline of
    /// `hotline_only_numbers` (with or without its area code: `12345`, `0566-12345`), so that the
    /// field has no number a person at the implementing body answers. False for an empty list.
    pub fn only_hotlines(&self, phones: &[Phone]) -> bool {
        !phones.is_empty()
            && phones.iter().all(|p| {
                p.kind == PhoneKind::Hotline && self.hotline_only_numbers.contains(&p.number)
            })
    }
}

impl Default for RuleParams {
    fn default() -> Self {
        Self {
            hotline_only_numbers: words(DEFAULT_HOTLINES),
            material_medium_words: words(&[
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
                // The same words in traditional characters (身份證複印件).
                "複印件",
                "複印",
                "掃描件",
                "掃描版",
                "複製件",
                "電子版",
                "電子件",
                "紙質版",
            ]),
            material_catch_all_words: words(&[
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
            ]),
            material_name_exceptions: words(&[
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
            ]),
            fill_in_words: words(&[
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
            ]),
            non_editable_form_extensions: words(&[
                "pdf", "jpg", "jpeg", "png", "gif", "bmp", "tif", "tiff", "ofd", "caj",
            ]),
            notes_format_words: words(&[
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
            ]),
            notes_content_words: words(&[
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
            ]),
            notes_clarity_words: words(&[
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
            ]),
            notes_min_aspects: 2,
            online_submission_words: words(&[
                "网上申请",
                "网上提交",
                "网上申报",
                "网上受理",
                "网上预审",
                "在线申请",
                "在线提交",
                "在线申报",
                "在线填报",
                "线上申请",
                "线上提交",
                "网上填报",
                "网上办理",
                "全程网办",
                // Registration items (参保登记, 就业登记, 养犬登记): the application is the
                // registration itself.
                "在线登记",
                "网上登记",
                "线上登记",
                "在线参保",
                "网上参保",
                "在线备案",
                "网上备案",
                // Exam-based qualifications (网约车驾驶员证, 教师资格): the application is the sign-up.
                "在线报名",
                "网上报名",
                // The applicant's own verbs of applying in some sectors: 线上申报 (不动产登记 by a
                // bank), 网上报检 (植物检疫), 在线报验, 网上申领 (失业保险金), 在线报送.
                "线上申报",
                "网上报检",
                "在线报检",
                "线上报检",
                "网上报验",
                "在线报验",
                "线上报验",
                "网上申领",
                "在线申领",
                "线上申领",
                "网上报送",
                "在线报送",
                "线上报送",
            ]),
            online_platform_words: words(&[
                // Also 安徽政务服务网, 池州政务服务网 ….
                "政务服务网",
                "政务服务平台",
                "皖事通",
                "网上办事大厅",
                "网上服务大厅",
                "互联网",
                "一网通办",
                "小程序",
                "公众号",
                "APP",
                "App",
                "app",
                // Sector systems: 电子税务局, 社会保险公共服务平台, 企业登记全程电子化平台,
                // 工程建设项目审批管理系统, 国家企业信用信息公示系统 ….
                "电子税务局",
                "公共服务平台",
                "网上服务平台",
                "网上平台",
                "网厅",
                "全程电子化",
                "审批管理系统",
                "审批监管平台",
                "信用信息公示系统",
                "皖企通",
                // A platform named in quotes (`通过“银行+登记”平台代为提交申请`).
                "”平台",
                "」平台",
                "\"平台",
                // A web address (`登录www.ahzwfw.gov.cn提交申请`), and logging in to any system.
                "www.",
                "http",
                "登录",
                "登陆",
            ]),
            onsite_visit_words: words(&[
                "到现场",
                "现场提交",
                "现场办理",
                "现场领取",
                "现场签字",
                "到窗口",
                "窗口提交",
                "窗口领取",
                "递交纸质",
                "提交纸质",
                "携带",
                "现场核验原件",
                "现场核对原件",
                // The applicant's identity is checked on site: the applicant is there.
                "现场核验身份",
                // `本人到场`, `到场面签`.
                "到场",
                // A self-service machine in the hall is a visit too.
                "到大厅",
                "自助机",
                "自助终端",
                "自助一体机",
            ]),
            onsite_negation_words: words(&[
                "无需到现场",
                "无须到现场",
                "不需到现场",
                "不需要到现场",
                "不用到现场",
                "免于到现场",
                "无需到窗口",
                "无须到窗口",
                "不需到窗口",
                "不需要到窗口",
                "无需携带",
                "无需前往",
                "无需提交纸质",
                "无须提交纸质",
                "到现场核查",
                "到现场勘查",
                "到现场检查",
                "到现场踏勘",
                "到现场勘验",
                // Staff going to the premises (`工作人员到场所核查`), and no visit (`不到场`).
                "到场所",
                "到场地",
                "到场核查",
                "到场勘查",
                "到场检查",
                "到场踏勘",
                "到场勘验",
                // Staff inspecting with no subject written (`对经营场所到场勘察`).
                "到场勘察",
                "到现场勘察",
                "到场调查",
                "到场测量",
                "不到场",
                "零到场",
                "不到现场",
            ]),
            faq_min_count: 3,
            faq_similarity_threshold: 0.8,
            faq_non_answer_phrases: words(&[
                "详见办事指南",
                "见办事指南",
                "参见办事指南",
                "详见指南",
                "详见附件",
                "详见相关规定",
                "按相关规定",
                "按有关规定",
                "按规定办理",
                // The whole answer is 根据相关规定执行, 依法依规办理, 以实际情况为准 …
                "根据相关规定",
                "根据有关规定",
                "依据相关规定",
                "依据有关规定",
                "依照相关规定",
                "依照有关规定",
                "按照相关规定",
                "按照有关规定",
                // 按照国家有关规定执行, 按国家规定办理.
                "国家有关规定",
                "国家相关规定",
                "按国家规定",
                "按照国家规定",
                "依法依规",
                // 按照相关政策规定办理.
                "按照相关政策规定",
                "按照有关政策规定",
                "根据相关政策规定",
                "根据有关政策规定",
                "依据相关政策规定",
                "依据有关政策规定",
                "按相关政策规定",
                "按有关政策规定",
                "以实际情况为准",
                // 请以实际办理为准.
                "以实际办理情况为准",
                "以实际办理为准",
                "以实际为准",
                "视具体情况而定",
                "视情况而定",
                "查看附件",
                "参考办事指南",
                "参照办事指南",
                "查看办事指南",
                // 按办事指南办理, 按照办事指南办理, 按指南要求办理: the guide the answer belongs to.
                "按办事指南",
                "按照办事指南",
                "依照办事指南",
                "根据办事指南",
                "参照指南",
                "按指南",
                "按照指南",
                "联系窗口",
                "请咨询窗口",
                "咨询窗口",
                "请咨询",
                "电话咨询",
                "拨打咨询电话",
                "以窗口解释为准",
                "详见",
                "参见",
                "详询",
                "咨询电话",
                "致电",
            ]),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RuleParams;

    #[test]
    fn check_section_overrides_only_what_it_names() {
        let p: RuleParams = toml::from_str(
            "faq_similarity_threshold = 0.9\nfill_in_words = [\"申请表\", \"调查表\"]\nnotes_min_aspects = 3",
        )
        .unwrap();
        assert!((p.faq_similarity_threshold - 0.9).abs() < 1e-9);
        assert_eq!(
            p.fill_in_words,
            vec!["申请表".to_owned(), "调查表".to_owned()]
        );
        assert_eq!(p.notes_min_aspects, 3);
        assert_eq!(p.faq_min_count, RuleParams::default().faq_min_count);
        assert_eq!(
            p.material_medium_words,
            RuleParams::default().material_medium_words
        );
        assert!(toml::from_str::<RuleParams>("faq_threshold = 0.9").is_err());
    }
}
