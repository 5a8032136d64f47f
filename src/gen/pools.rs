//! The vocabulary of the generator: Anhui cities and their counties (names and area codes come
//! from the embedded reference data), city departments, item templates, material, FAQ and text
//! pools. Realistic wording taken from published 实施清单 of the kind the rulebook quotes.

/// A city with the counties whose items are generated.
pub struct City {
    /// 6-digit region code of the city (`341700`).
    pub code: &'static str,
    /// Street names of the city's service halls.
    pub streets: &'static [&'static str],
    /// Counties and districts: 6-digit region codes.
    pub counties: &'static [&'static str],
}

/// Cities of Anhui whose 区号 and division names are in `data/`.
pub const CITIES: &[City] = &[
    City {
        code: "341700",
        streets: &["长江中路", "平天湖东路", "百牙中路", "翠微西路"],
        counties: &["341702", "341721", "341722", "341723"],
    },
    City {
        code: "340800",
        streets: &["华中东路", "菱湖南路", "湖心北路", "人民路"],
        counties: &["340802", "340803", "340811", "340822", "340825", "340826"],
    },
    City {
        code: "341000",
        streets: &["新安北路", "黄山东路", "迎宾大道", "延安路"],
        counties: &[
            "341002", "341003", "341004", "341021", "341022", "341023", "341024",
        ],
    },
    City {
        code: "341800",
        streets: &["鳌峰中路", "梅溪路", "薰化路", "宝城路"],
        counties: &["341802", "341821", "341823", "341824", "341825"],
    },
];

/// A city department: name without the city prefix, and a 3-digit code used in 基本编码.
pub struct Dept {
    /// `市场监督管理局`.
    pub name: &'static str,
    /// Department part of 基本编码.
    pub code: &'static str,
}

/// Departments with items in [`TEMPLATES`].
pub const DEPTS: &[Dept] = &[
    Dept {
        name: "市场监督管理局",
        code: "128",
    },
    Dept {
        name: "人力资源和社会保障局",
        code: "112",
    },
    Dept {
        name: "自然资源和规划局",
        code: "114",
    },
    Dept {
        name: "住房和城乡建设局",
        code: "115",
    },
    Dept {
        name: "交通运输局",
        code: "116",
    },
    Dept {
        name: "卫生健康委员会",
        code: "121",
    },
    Dept {
        name: "生态环境局",
        code: "113",
    },
    Dept {
        name: "农业农村局",
        code: "118",
    },
    Dept {
        name: "文化和旅游局",
        code: "120",
    },
    Dept {
        name: "民政局",
        code: "109",
    },
];

/// A service item the generator can publish: the catalogue facts that every implementing body
/// shares.
pub struct Template {
    /// 事项名称.
    pub name: &'static str,
    /// Index into [`DEPTS`].
    pub dept: usize,
    /// 事项类型 code and label.
    pub item_type: (&'static str, &'static str),
    /// 结果名称.
    pub result: &'static str,
    /// 设定依据.
    pub basis: &'static str,
    /// Materials specific to this item (name, issuing body or "" for 申请人自备).
    pub materials: &'static [(&'static str, &'static str)],
    /// 收费: (fee name, standard, basis with article), when the item is charged.
    pub fee: Option<(&'static str, &'static str, &'static str)>,
    /// 中介服务: (name, basis), when one is required.
    pub intermediary: Option<(&'static str, &'static str)>,
    /// 服务对象.
    pub objects: &'static str,
}

/// The item templates.
pub const TEMPLATES: &[Template] = &[
    Template {
        name: "食品经营许可",
        dept: 0,
        item_type: ("01", "行政许可"),
        result: "食品经营许可证",
        basis: "《中华人民共和国食品安全法》第三十五条：国家对食品生产经营实行许可制度。从事食品生产、食品销售、餐饮服务，应当依法取得许可。",
        materials: &[
            ("食品经营许可申请书", ""),
            ("营业执照", "市场监督管理部门"),
            ("主要设备设施布局和操作流程说明", ""),
            (
                "食品安全自查、从业人员健康管理、进货查验记录等保证食品安全的规章制度",
                "",
            ),
        ],
        fee: None,
        intermediary: None,
        objects: "企业法人,非法人企业",
    },
    Template {
        name: "药品零售企业经营许可",
        dept: 0,
        item_type: ("01", "行政许可"),
        result: "药品经营许可证",
        basis: "《中华人民共和国药品管理法》第五十一条：从事药品零售活动，应当经所在地县级以上地方人民政府药品监督管理部门批准，取得药品经营许可证。",
        materials: &[
            ("药品经营许可证申请表", ""),
            ("营业执照", "市场监督管理部门"),
            ("执业药师注册证", "药品监督管理部门"),
            ("经营场所和仓库的平面布置图", ""),
        ],
        fee: None,
        intermediary: None,
        objects: "企业法人",
    },
    Template {
        name: "失业保险金申领",
        dept: 1,
        item_type: ("05", "行政给付"),
        result: "失业保险待遇核定结果",
        basis: "《失业保险条例》第十四条：具备下列条件的失业人员，可以领取失业保险金。",
        materials: &[
            ("失业保险金申领登记表", ""),
            ("居民身份证", "公安机关"),
            ("解除或者终止劳动关系的证明", "原用人单位"),
        ],
        fee: None,
        intermediary: None,
        objects: "自然人",
    },
    Template {
        name: "职业技能培训补贴申领",
        dept: 1,
        item_type: ("05", "行政给付"),
        result: "职业培训补贴核定结果",
        basis: "《中华人民共和国就业促进法》第四十八条：国家采取措施建立健全劳动者职业技能培训制度。",
        materials: &[
            ("职业培训补贴申请表", ""),
            ("职业资格证书或职业技能等级证书", "评价机构"),
            ("社会保障卡", "人力资源和社会保障部门"),
        ],
        fee: None,
        intermediary: None,
        objects: "自然人",
    },
    Template {
        name: "建设工程规划许可证核发",
        dept: 2,
        item_type: ("01", "行政许可"),
        result: "建设工程规划许可证",
        basis: "《中华人民共和国城乡规划法》第四十条：在城市、镇规划区内进行建筑物、构筑物、道路、管线和其他工程建设的，建设单位或者个人应当申请办理建设工程规划许可证。",
        materials: &[
            ("建设工程规划许可证申请表", ""),
            ("建设工程设计方案总平面图", "设计单位"),
            ("建设项目用地预审与选址意见书", "自然资源主管部门"),
        ],
        fee: None,
        intermediary: Some((
            "建设工程设计方案编制",
            "《中华人民共和国城乡规划法》第四十条",
        )),
        objects: "企业法人,事业法人",
    },
    Template {
        name: "不动产登记（首次登记）",
        dept: 2,
        item_type: ("07", "行政确认"),
        result: "不动产权证书",
        basis: "《不动产登记暂行条例》第十四条：因买卖、设定抵押权等申请不动产登记的，应当由当事人双方共同申请。",
        materials: &[
            ("不动产登记申请书", ""),
            ("申请人身份证明", "公安机关"),
            ("不动产权属来源证明材料", "自然资源主管部门"),
            ("不动产权籍调查成果报告", "不动产测绘机构"),
        ],
        fee: Some((
            "不动产登记费",
            "住宅类每件80元；非住宅类每件550元",
            "《国家发展改革委 财政部关于不动产登记收费标准等有关问题的通知》（发改价格规〔2016〕2559号）第二条",
        )),
        intermediary: None,
        objects: "自然人,企业法人",
    },
    Template {
        name: "建筑工程施工许可证核发",
        dept: 3,
        item_type: ("01", "行政许可"),
        result: "建筑工程施工许可证",
        basis: "《中华人民共和国建筑法》第七条：建筑工程开工前，建设单位应当按照国家有关规定向工程所在地县级以上人民政府建设行政主管部门申请领取施工许可证。",
        materials: &[
            ("建筑工程施工许可申请表", ""),
            ("建设工程规划许可证", "自然资源主管部门"),
            ("施工图设计文件审查合格书", "施工图审查机构"),
            ("中标通知书或直接发包批准文件", "招标人"),
        ],
        fee: None,
        intermediary: Some(("施工图设计文件审查", "《建设工程质量管理条例》第十一条")),
        objects: "企业法人,事业法人,行政机关",
    },
    Template {
        name: "道路旅客运输经营许可",
        dept: 4,
        item_type: ("01", "行政许可"),
        result: "道路运输经营许可证",
        basis: "《中华人民共和国道路运输条例》第十条：申请从事客运经营的，应当依法向市场监督管理部门办理有关登记手续后，向所在地县级人民政府交通运输主管部门提出申请。",
        materials: &[
            ("道路旅客运输经营申请表", ""),
            ("企业章程文本", ""),
            ("拟投入车辆承诺书", ""),
            ("安全生产管理制度文本", ""),
        ],
        fee: None,
        intermediary: None,
        objects: "企业法人",
    },
    Template {
        name: "医师执业注册",
        dept: 5,
        item_type: ("01", "行政许可"),
        result: "医师执业证书",
        basis: "《中华人民共和国医师法》第十三条：国家实行医师执业注册制度。取得医师资格的，可以向所在地县级以上地方人民政府卫生健康主管部门申请注册。",
        materials: &[
            ("医师执业注册申请审核表", ""),
            ("医师资格证书", "卫生健康主管部门"),
            ("健康体检证明", "县级以上医疗机构"),
            ("拟执业医疗机构聘用证明", "医疗机构"),
        ],
        fee: None,
        intermediary: None,
        objects: "自然人",
    },
    Template {
        name: "建设项目环境影响报告表审批",
        dept: 6,
        item_type: ("01", "行政许可"),
        result: "建设项目环境影响报告表批复",
        basis: "《中华人民共和国环境影响评价法》第二十二条：建设项目的环境影响报告书、报告表，由建设单位按照国务院的规定报有审批权的生态环境主管部门审批。",
        materials: &[
            ("建设项目环境影响报告表", "环评编制单位"),
            ("建设项目环境影响评价审批申请书", ""),
            ("环境影响报告表全本公开说明", ""),
        ],
        fee: None,
        intermediary: Some((
            "建设项目环境影响报告表编制",
            "《中华人民共和国环境影响评价法》第十九条",
        )),
        objects: "企业法人,事业法人",
    },
    Template {
        name: "农药经营许可",
        dept: 7,
        item_type: ("01", "行政许可"),
        result: "农药经营许可证",
        basis: "《农药管理条例》第二十四条：国家实行农药经营许可制度，但经营卫生用农药的除外。",
        materials: &[
            ("农药经营许可证申请表", ""),
            ("营业执照", "市场监督管理部门"),
            ("农学或植保专业学历证书", "教育机构"),
            ("营业场所和仓储场所地址、面积、平面图", ""),
        ],
        fee: None,
        intermediary: None,
        objects: "企业法人,非法人企业",
    },
    Template {
        name: "旅行社设立许可",
        dept: 8,
        item_type: ("01", "行政许可"),
        result: "旅行社业务经营许可证",
        basis: "《旅行社条例》第六条：申请经营国内旅游业务和入境旅游业务的，应当向所在地省、自治区、直辖市旅游行政管理部门或者其委托的设区的市级旅游行政管理部门提出申请。",
        materials: &[
            ("旅行社设立申请书", ""),
            ("法定代表人履历表", ""),
            ("经营场所证明", "不动产登记机构"),
            ("营业设施、设备的证明或者说明", ""),
        ],
        fee: None,
        intermediary: None,
        objects: "企业法人",
    },
    Template {
        name: "社会团体成立登记",
        dept: 9,
        item_type: ("07", "行政确认"),
        result: "社会团体法人登记证书",
        basis: "《社会团体登记管理条例》第九条：申请成立社会团体，应当经其业务主管单位审查同意后，由发起人向登记管理机关申请登记。",
        materials: &[
            ("社会团体法人登记申请书", ""),
            ("业务主管单位的批准文件", "业务主管单位"),
            ("验资报告", "会计师事务所"),
            ("章程草案", ""),
        ],
        fee: None,
        intermediary: None,
        objects: "社会组织法人",
    },
    Template {
        name: "婚姻登记档案查询",
        dept: 9,
        item_type: ("20", "公共服务"),
        result: "婚姻登记档案查询证明",
        basis: "《婚姻登记档案管理办法》第十五条：当事人持有效身份证件，可以查阅本人的婚姻登记档案。",
        materials: &[("婚姻登记档案查询申请表", ""), ("居民身份证", "公安机关")],
        fee: Some((
            "婚姻登记证工本费",
            "每本9元",
            "《国家发展改革委 财政部关于规范婚姻登记收费有关问题的通知》（发改价格〔2012〕1230号）第一条",
        )),
        intermediary: None,
        objects: "自然人",
    },
];

/// Materials every kind of applicant may be asked for: (name, issuing body or "" for 申请人自备).
pub const COMMON_MATERIALS: &[(&str, &str)] = &[
    ("法定代表人身份证明", "公安机关"),
    ("授权委托书", ""),
    ("受委托人居民身份证", "公安机关"),
    ("统一社会信用代码证书", "市场监督管理部门"),
    ("场所使用权证明", "不动产登记机构"),
    ("安全管理制度文本", ""),
    ("从业人员名册", ""),
    ("申请事项承诺书", ""),
    ("专业技术人员资格证书", "人力资源和社会保障部门"),
    ("消防安全检查合格证明", "消防救援机构"),
    ("项目选址意见书", "自然资源主管部门"),
    ("设备清单及购置发票", ""),
    ("近三年财务审计报告", "会计师事务所"),
    ("环境保护措施说明", ""),
    ("卫生管理制度", ""),
];

/// Filling instructions (填报须知).
pub const NOTES: &[&str] = &[
    "须使用黑色签字笔或钢笔填写，字迹清晰、内容完整，不得涂改；A4纸打印，申请人签字并加盖单位公章",
    "提供原件核验，复印件须加盖单位公章并注明“与原件一致”，复印件应清晰可辨；证件须在有效期内",
    "A4纸张打印，内容真实有效，所列人员须与申请表一致；多页材料须加盖骑缝章，字迹工整",
    "A4纸张打印，一式一份，内容填写完整；电子材料提交清晰的彩色扫描件（PDF格式）",
    "按模板格式逐项填写，不适用的栏目填“无”；涉及面积的须注明计量单位，字迹工整、不得涂改",
];

/// Step handlers (办理人 / 岗位).
pub const HANDLERS: &[&str] = &[
    "综合受理窗口工作人员",
    "业务科室经办人",
    "业务科室负责人",
    "分管负责人",
    "审批科科长",
    "出件窗口工作人员",
];

/// FAQs: (question, answer). `{name}` is the item's name; `{a}` and `{b}` are numbers each
/// master draws (a department writes its FAQs for the item, so two masters rarely agree).
pub const FAQS: &[(&str, &str)] = &[
    (
        "可以委托他人代为办理吗？",
        "可以。受托人须携带授权委托书和本人居民身份证，授权委托书须由申请人签字或加盖公章，委托期限一般不超过{a}个月",
    ),
    (
        "办理进度如何查询？",
        "可登录安徽政务服务网“我的办件”栏目，或拨打咨询电话，凭受理回执上的{b}位申报号查询",
    ),
    (
        "材料不齐全时怎么处理？",
        "窗口当场一次性告知需要补正的全部内容，申请人在{a}个工作日内补齐后重新计算办理时限",
    ),
    (
        "办理结果如何领取？",
        "可选择窗口领取或免费邮寄送达；选择邮寄的，请在申请时准确填写收件地址，一般{a}个工作日内寄达",
    ),
    (
        "是否可以全程网上办理？",
        "可以在安徽政务服务网提交申请并上传材料，审核通过后按选择的方式领取结果，网上申请约{b}分钟可以填报完成",
    ),
    (
        "证件遗失后如何补办？",
        "持居民身份证和遗失声明到原办理窗口申请补发，补发证件的有效期与原证一致，一般{a}个工作日内补发",
    ),
    (
        "{name}的有效期是多久？",
        "有效期为{a}年。有效期届满需要继续从事相关活动的，应当在届满{b}日前向原发证机关提出延续申请",
    ),
    (
        "{name}申请被退回后还能再次提交吗？",
        "可以。按退回意见修改后重新提交，重新提交的申请自收到之日起{a}个工作日内完成审查",
    ),
    (
        "办理{name}需要本人到场吗？",
        "首次申请需本人到场核验身份一次；信息无变化的，{a}年内再次申请可全程网上办理",
    ),
    (
        "企业名称或地址变更后需要重新申请吗？",
        "不需要重新申请。应当在变更之日起{b}日内申请变更登记，提交变更后的营业执照等材料",
    ),
];

/// 办理时间 of a region's 政务服务中心 (one per region): the usual week, summer and winter hours,
/// Saturday-morning service, other lunch breaks. Each passes B10 (see the tests).
pub const HOURS: &[&str] = &[
    "工作日（周一至周五）上午09:00-12:00，下午14:30-17:30（法定节假日除外）",
    "工作日：上午09:00-12:00，下午13:00-17:00",
    "周一至周五，夏季（5月1日-9月30日）上午8:00-12:00、下午15:00-18:00；冬季（10月1日-次年4月30日）上午8:00-12:00、下午14:30-17:30（法定节假日除外）",
    "工作日（周一至周五）上午08:30-12:00，下午13:30-17:00；周六上午09:00-12:00（延时服务，法定节假日除外）",
    "周一至周五 09:00-17:00（中午不休息，法定节假日除外）",
];

/// 受理条件 sentences: the first always, then some of the others. `{a}` and `{b}` are numbers
/// each master draws.
pub const CONDITIONS: &[&str] = &[
    "申请人应当具有完全民事行为能力，提交的申请材料齐全、符合法定形式",
    "具有与申请事项相适应的经营场所，使用面积不少于{a}平方米",
    "配备{b}名以上与申请事项相适应的专业技术人员",
    "有保证安全的管理制度和责任制度，近{b}年内无重大违法违规记录",
    "申请事项属于本机关职权范围，依法不需要取得其他行政许可",
    "注册资本（出资额）不低于{a}万元",
    "主要负责人经过相关培训并考核合格，从业年限不少于{b}年",
];
