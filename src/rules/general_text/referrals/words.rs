//! The words `referrals` reads an answer and its question with: the marks and length of a
//! referral, the words that open, ask, go toward, end and name whom a referral sends to, a thing
//! to bring, and the words of a question that asks whom, where or what to bring.
//!
//! Not here: how they are read (`referrals`).

/// Marks an answer must hold to be a referral of `NonAnswers::only_refers`: looked for in the
/// text as written before anything else is done, so that most answers cost a few byte scans.
pub(super) const REFERRAL_MARKS: &[&str] =
    &["询", "联系", "致电", "联络", "拨打", "为准", "来电", "了解"];

/// The longest answer (in bytes, about 50 Han characters) that may be nothing but referrals.
pub(super) const LONGEST_REFERRAL: usize = 150;

/// Words that may open a referral and say nothing (`具体请咨询…`, `如有疑问可到…`). Words of
/// obligation (`需`, `须`, `应`) are not among them: `需要联系村委会开具证明` says what to do.
pub(super) const LEADS: &[&str] = &[
    "如有疑问",
    "如有问题",
    "如有疑义",
    "如需了解",
    "如需咨询",
    "有疑问",
    "详细情况",
    "具体事宜",
    "具体情况",
    "具体问题",
    "详情",
    "具体",
    "详细",
    "更多",
    "另外",
    "请您",
    "您可以",
    "也可以",
    "您可",
    "也可",
    "亦可",
    "可以",
    "烦请",
    "敬请",
    // `请提前与卫健窗口联系`.
    "提前",
    "建议",
    "欢迎",
    "可",
    "请",
    "您",
    "另",
];

/// Clauses that say nothing on their own (`如有疑问，请到窗口咨询`).
pub(super) const EMPTY_CLAUSES: &[&str] = &[
    "如有疑问",
    "如有问题",
    "如有疑义",
    "如有其他问题",
    "其他问题",
    "具体事宜",
    "具体情况",
    "未尽事宜",
    "详情",
];

/// Verbs of asking someone, followed by whom (`咨询律师工作科`, `致电0566-2021156`,
/// `联系县农业农村局植保站`). Longer first.
pub(super) const ASK_VERBS: &[&str] = &[
    "电话咨询",
    "电话联系",
    "来电咨询",
    "打电话",
    "咨询",
    "联系",
    "致电",
    "询问",
    "电询",
    "详询",
    "垂询",
    "联络",
    "拨打",
    "来电",
];

/// Words that go to whom to ask, who then follows with the asking (`到窗口咨询`, `向受理窗口咨询`,
/// `与窗口联系`). Longer first.
pub(super) const TOWARD: &[&str] = &[
    "前往", "到", "向", "至", "去", "来", "与", "找", "同", "跟", "和",
];

/// The asking after whom is asked (`到窗口咨询`), and optionally after an [`ASK_VERBS`] and whom
/// (`拨打12345热线咨询`). Longer first. Not `查询` or `预约`: `致电0566-2021156查询` says how to
/// find out.
pub(super) const TAILS: &[&str] = &[
    "咨询了解",
    "咨询确认",
    "进行咨询",
    "电话咨询",
    "咨询",
    "联系",
    "询问",
    "了解",
    "确认",
    "详询",
];

/// What may end a referral after the asking and say nothing (`到窗口咨询相关事宜`).
pub(super) const TRAILERS: &[&str] = &[
    "即可",
    "了解详情",
    "详情",
    "相关事宜",
    "具体事宜",
    "有关事宜",
    "相关情况",
    "具体情况",
    "相关政策",
    "相关事项",
    "有关事项",
];

/// What the answer in `以…为准` may call what whom it names says (`以窗口解释为准`), or decides on
/// the spot (`以县卫生健康综合监督执法局现场审查意见为准`). Longer first.
pub(super) const SAYINGS: &[&str] = &[
    "现场审查意见",
    "现场核查意见",
    "现场审核意见",
    "现场勘查意见",
    "审查意见",
    "审核意见",
    "核查意见",
    "审批意见",
    "审查结果",
    "审核结果",
    "核查结果",
    "认定结果",
    "解释",
    "答复",
    "回复",
    "意见",
    "说明",
    "告知",
    "解答",
    "口径",
];

/// Labels that open a note of where and how to reach whom a referral names, in brackets after
/// it (`请咨询律师工作科（地址：…，电话：…）`), which adds nothing to the referral. Longer first.
pub(super) const CONTACT_LABELS: &[&str] = &[
    "办公地址",
    "联系地址",
    "详细地址",
    "办公地点",
    "地址",
    "地点",
    "联系电话",
    "咨询电话",
    "办公电话",
    "电话",
    "联系方式",
    "联系人",
    "邮箱",
    "传真",
];

/// The labels of [`CONTACT_LABELS`] that open an address, which may also stand as a sentence of
/// its own after a referral (`请咨询律师工作科。地址：…`) and add nothing to it.
pub(super) const ADDRESS_LABELS: &[&str] =
    &["办公地址", "联系地址", "详细地址", "办公地点", "地址"];

/// How whom to ask may end: a window, a person, an office, a phone line
/// (`律师工作科`, `危化股`, `植保站`, `受理窗口`, `工作人员`, `12345热线`).
pub(super) const WHOM_ENDS: &[&str] = &[
    "窗口",
    "人员",
    "中心",
    "办公室",
    "大厅",
    "部门",
    "单位",
    "机构",
    "机关",
    "委会",
    "协会",
    "热线",
    "电话",
    "专线",
    "社区",
    "街道",
    "乡镇",
    "政府",
    "客服",
    "前台",
    "柜台",
    "专员",
    "经办人",
    "负责人",
    "我们",
    "所在地",
    "当地",
    "科",
    "股",
    "站",
    "所",
    "局",
    "办",
    "室",
    "处",
    "队",
    "委",
    "院",
    "厅",
];

/// Verbs that ask the reader to bring something along to whom a referral names
/// (`请携带身份证到窗口咨询`, `持身份证原件到窗口咨询`). Longer first.
pub(super) const CARRY: &[&str] = &["携带", "带上", "带好", "带齐", "带着", "持", "带"];

/// Words of obligation that may open a referral when a [`CARRY`] follows them
/// (`需携带身份证到窗口咨询`); elsewhere they say what to do (`需要联系村委会开具证明`, [`LEADS`]).
pub(super) const MUST: &[&str] = &["需要", "应当", "需", "须", "应"];

/// The longest thing to bring (in characters) a referral may name (`身份证原件及复印件`).
pub(super) const LONGEST_BROUGHT: usize = 20;

/// Words of [`NOT_WHOM`] that may be part of the name of a thing to bring (`申请材料`,
/// `办理所需材料`, `需要的证件`).
pub(super) const THING_WORDS: &[&str] = &["申请", "办理", "提供", "需要"];

/// Words of a question that asks what to bring or submit (`需要带什么材料？`, `需要提供哪些证件？`,
/// `需要带身份证吗？`), which the thing a referral asks to bring answers. A question that ends
/// with 什么 or 哪些 (`办理需要什么？`) asks it too.
pub(super) const ASKS_WHAT_TO_BRING: &[&str] = &[
    "带",
    "携",
    "材料",
    "证件",
    "证明",
    "资料",
    "原件",
    "复印件",
    "提交",
    "提供",
    "准备",
    "递交",
];

/// Words that show whom to ask is more than whom (`请咨询是否需要到窗口`, `联系窗口办理后到大厅`):
/// such a clause says something and is left alone.
pub(super) const NOT_WHOM: &[&str] = &[
    "是否", "需要", "能否", "可否", "如何", "怎么", "什么", "哪", "办理", "提交", "领取", "申请",
    "缴纳", "缴费", "携带", "填写", "提供", "递交", "上传", "登录", "下载", "预约", "后",
];

/// Words of a question that asks where, which office, or what to do with a doubt, so that the
/// office an answer sends to answers it (`遇到问题找哪个部门？` — `请联系县农业农村局植保站`;
/// `办理中有疑问怎么办？` — `可拨打0566-2021156咨询`; `如何查询办理进度？` — `请到窗口咨询`).
/// Those that ask how to reach someone are `asks_for_contact`'s, those that ask which office
/// or where [`ASKS_WHICH_OFFICE`].
pub(super) const ASKS_WHOM: &[&str] = &[
    "咨询", "联系", "查询", "进度", "疑问", "疑义", "异议", "投诉",
];

/// The words of [`ASKS_WHOM`] that ask which office or where, not how to ask or what to do
/// (`遇到问题找哪个部门？`, `向谁咨询？`; not `咨询电话是多少？`, `如何联系工作人员？`).
pub(super) const ASKS_WHICH_OFFICE: &[&str] = &[
    "哪里",
    "哪儿",
    "在哪",
    "去哪",
    "到哪",
    "何处",
    "何地",
    "什么地方",
    "哪个部门",
    "哪些部门",
    "什么部门",
    "哪个单位",
    "什么单位",
    "哪个科室",
    "哪个窗口",
    "哪个机构",
    "什么机构",
    "由谁",
    "向谁",
    "找谁",
];
