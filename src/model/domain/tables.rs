//! The tables of each domain: codes, standard labels and the other labels seen on platforms.

use super::Domain;

/// (code, standard label, other labels seen on platforms). Brackets are half-width here; input is
/// folded to half-width before matching.
pub(super) type Entry = (&'static str, &'static str, &'static [&'static str]);

const ITEM_TYPE: &[Entry] = &[
    ("01", "行政许可", &[]),
    ("02", "行政处罚", &[]),
    ("03", "行政强制", &[]),
    ("04", "行政征收", &[]),
    ("05", "行政给付", &[]),
    ("06", "行政检查", &[]),
    ("07", "行政确认", &[]),
    ("08", "行政奖励", &[]),
    ("09", "行政裁决", &[]),
    ("10", "其他行政权力", &["其他权力"]),
    ("20", "公共服务", &["公共服务事项"]),
];

const POWER_SOURCE: &[Entry] = &[
    ("1", "法定本级行使", &["本级行使", "法定本级"]),
    ("2", "上级下放", &[]),
    ("3", "上级授权", &[]),
    ("4", "同级授权", &[]),
    ("5", "上级委托", &[]),
    ("6", "同级委托", &[]),
];

const LEVEL: &[Entry] = &[
    ("1", "国家级", &["国家"]),
    ("2", "省级", &["省"]),
    ("3", "市级", &["设区的市级", "市(州)级", "市州级", "地市级"]),
    (
        "4",
        "县级",
        &[
            "县(市、区)级",
            "县(区)级",
            "区县级",
            "县区级",
            "县(市)级",
            "区级",
        ],
    ),
    (
        "5",
        "镇(乡、街道)级",
        &[
            "乡(镇、街道)级",
            "乡镇(街道)级",
            "乡镇级",
            "镇级",
            "乡级",
            "街道级",
        ],
    ),
    ("6", "村(社区)级", &["村级", "社区级", "村(居)级"]),
];

const SERVICE_OBJECT: &[Entry] = &[
    // 个体工商户 (个体户 for short) and 农村承包经营户 (农户 for short) are natural persons (民法典
    // 第二章 自然人, 第四节). 中国公民 and 内地居民 are 公民 named by their nationality or residence.
    (
        "1",
        "自然人",
        &[
            "个人",
            "公民",
            "中国公民",
            "内地居民",
            "个体工商户",
            "个体户",
            "农村承包经营户",
            "农户",
            "承包农户",
        ],
    ),
    // The 民法典's own kinds of person name a value too: 营利法人 are the 企业法人 (第七十六条);
    // 社会服务机构 (the former 民办非企业单位) and 基金会 are 社会组织 (第八十七条, 第九十二条);
    // 个人独资企业 and 合伙企业 are 非法人企业 (第一百零二条); 非法人组织 is the 其他组织 of the
    // older laws; 机关法人 is a 行政机关.
    ("2", "企业法人", &["营利法人"]),
    ("3", "事业法人", &["事业单位法人", "事业单位"]),
    (
        "4",
        "社会组织法人",
        &[
            "社会组织",
            "社会团体",
            "社会服务机构",
            "民办非企业单位",
            "基金会",
        ],
    ),
    ("5", "非法人企业", &["个人独资企业", "合伙企业"]),
    ("6", "行政机关", &["机关", "国家机关", "机关法人"]),
    ("9", "其他组织", &["非法人组织"]),
    // The seed's own example (服务对象「如法人、自然人」) uses the generic word. The 特别法人 of
    // the 民法典 (第九十九条 to 第一百零一条: 农村集体经济组织, 农民专业合作社 and other
    // 合作经济组织, 村民委员会 and 居民委员会) and the 非营利法人 are 法人 of no one listed kind.
    (
        "",
        "法人",
        &[
            "企业",
            "法人和其他组织",
            "特别法人",
            "非营利法人",
            "农村集体经济组织",
            "农民专业合作社",
            "农民专业合作经济组织",
            "村民委员会",
            "居民委员会",
            "村(居)民委员会",
            "基层群众性自治组织",
        ],
    ),
];

const HANDLING_TYPE: &[Entry] = &[
    ("1", "即办件", &["即办"]),
    ("2", "承诺件", &["承诺办件", "承诺"]),
    ("", "上报件", &[]),
    ("", "联办件", &["联报件"]),
];

const SOURCE_CHANNEL: &[Entry] = &[
    (
        "10",
        "申请人自备",
        &["自备", "申请人自行准备", "申请人提供"],
    ),
    ("20", "政府部门核发", &["政府部门出具", "部门核发"]),
    ("99", "其他", &["其它"]),
];

const MATERIAL_TYPE: &[Entry] = &[
    ("1", "原件", &[]),
    ("2", "复印件", &[]),
    ("3", "原件和复印件", &["原件及复印件"]),
    ("4", "原件或复印件", &[]),
];

const MATERIAL_FORM: &[Entry] = &[
    ("1", "纸质", &["纸质材料"]),
    ("2", "电子", &["电子材料", "电子版"]),
    ("3", "纸质和电子", &["纸质及电子"]),
    ("4", "纸质或电子", &[]),
];

const ONLINE_DEPTH: &[Entry] = &[
    ("1", "一级", &["Ⅰ级", "I级", "1级", "一级网办"]),
    ("2", "二级", &["Ⅱ级", "II级", "2级", "二级网办"]),
    ("3", "三级", &["Ⅲ级", "III级", "3级", "三级网办"]),
    (
        "4",
        "四级",
        &["Ⅳ级", "IV级", "4级", "四级网办", "全程网办", "全流程网办"],
    ),
];

impl Domain {
    pub(super) fn entries(self) -> &'static [Entry] {
        match self {
            Domain::ItemType => ITEM_TYPE,
            Domain::PowerSource => POWER_SOURCE,
            Domain::Level => LEVEL,
            Domain::ServiceObject => SERVICE_OBJECT,
            Domain::HandlingType => HANDLING_TYPE,
            Domain::SourceChannel => SOURCE_CHANNEL,
            Domain::MaterialType => MATERIAL_TYPE,
            Domain::MaterialForm => MATERIAL_FORM,
            Domain::OnlineDepth => ONLINE_DEPTH,
        }
    }
}
