//! P02: the word tables that the reading of a visit looks for — choices, negations,
//! requirements, permissions and forbiddings, denials of a way needing no visit, conditions,
//! lists of ways, staff, and the places one goes to — with how far each may reach. Kept apart
//! from the helpers that read a clause with them (`visit_clauses`) and from the reading of a
//! step (`visit`), so that a list can be read and grown on its own.

/// Words that make the clause holding a visit an option the applicant may take, not a
/// requirement (`也可到窗口领取`, `申请人可选择窗口领取…`, `如需纸质证照…`).
pub(super) const CHOICE_WORDS: &[&str] = &[
    "也可",
    "亦可",
    "也能",
    "可选择",
    "可自行选择",
    "自主选择",
    "任选",
    "自愿",
    "如需",
    "如有需要",
    "必要时",
];

/// Words of a condition that makes the clause after it a choice (`如需纸质证照，可到窗口领取`).
pub(super) const CONDITION_WORDS: &[&str] = &["如需", "如有需要", "若需", "需要纸质", "必要时"];

/// Ways that need no visit: a visit joined to one of them by `或` is a choice
/// (`在线提交申请材料或到窗口提交`, `窗口领取或免费邮寄送达`).
pub(super) const REMOTE_WAYS: &[&str] = &[
    "邮寄",
    "邮政",
    "EMS",
    "速递",
    "快递",
    "寄递",
    "寄送",
    "在线",
    "网上",
    "线上",
    "网络",
    "电子证照",
    "自助",
    "APP",
    "App",
    "app",
    "小程序",
    "皖事通",
];

/// Negations that, before a visit in the same clause, say there is none (`无需申请人现场核验原件`,
/// `不再现场核验原件`, `免于现场核对原件`); longest first, so `不需要` is not read as `不需`.
pub(super) const NEGATIONS: &[&str] = &[
    "不需要",
    "无需",
    "无须",
    "毋需",
    "不需",
    "不再",
    "免于",
    "不用",
    "不必",
    "免",
];

/// Words that require what follows (`提交后须到现场核验原件`): right before a visit, they make it
/// required even when the clause offers a choice elsewhere.
pub(super) const REQUIREMENTS: &[&str] = &["必须", "应当", "需要", "须", "需", "应"];

/// How many characters may stand between a requirement word and the visit it requires
/// (`须本人到现场`).
pub(super) const REQUIREMENT_REACH: usize = 4;

/// How many characters may stand between a `可` and the visit it permits
/// (`可到政务服务中心3号窗口领取`).
pub(super) const PERMISSION_REACH: usize = 16;

/// Words between a `可` and a visit that end what the `可` is about: the visit is a later step or
/// time, not the option (`可在网上预约后到窗口领取`, `可在线提交并携带原件到窗口核验`,
/// `可自收到短信通知之日起到窗口领取`, `可于审批完成次日起到窗口领取`).
pub(super) const PERMISSION_BREAKS: &[&str] = &["后", "并", "再", "然后", "日起", "时起"];

/// Words between a `可` and a visit that make the `可` about who comes, not whether anyone does
/// (`不能到窗口领取的，可委托他人到窗口领取`, `可由代理人到窗口领取`).
pub(super) const PROXY_WORDS: &[&str] = &["委托", "代"];

/// How many characters may stand between `不可`/`不能` and the visit it forbids (`不可到窗口办理`);
/// further off it forbids something else (`不可委托他人到窗口领取`).
pub(super) const FORBIDDING_REACH: usize = 2;

/// Words that, at most [`FORBIDDING_REACH`] characters before a visit, forbid it or say it is not
/// offered (`不可到窗口办理`, `本事项不支持现场办理`, `不提供现场领取`, `不支持到窗口领取`,
/// `不接受现场申请`); further off they deny something else (`不提供邮寄的到窗口领取`).
pub(super) const FORBIDDINGS: &[&str] = &[
    "不可",
    "不能",
    "不支持",
    "不提供",
    "不接受",
    "不设",
    "不开通",
    "未开通",
    "不办理",
    "取消",
];

/// How many characters may stand between a denial and the way it denies
/// (`不提供纸质证照邮寄服务`).
pub(super) const DENIAL_REACH: usize = 6;

/// A single `不`, `无` or `未` right before a way denies it too (`不邮寄`, `暂不邮寄`, `无邮寄服务`);
/// further off it is mostly about something else (`无需到现场，在线…`).
pub(super) const SHORT_DENIALS: &[char] = &['不', '无', '未'];

/// Words after a way that say it is not offered (`邮寄服务暂未开通`, `快递送达暂停`), at most
/// [`DENIAL_REACH`] characters after it, in its clause.
pub(super) const DENIALS_AFTER: &[&str] = &[
    "未开通",
    "不开通",
    "未开放",
    "不开放",
    "暂停",
    "停止",
    "不提供",
    "不支持",
];

/// Ways the result reaches the applicant without a visit: when a text offers one (not denied),
/// letting someone else come ([`Lead::Proxy`](super::visit_clauses::Lead::Proxy)) is no
/// requirement (`可委托他人到窗口领取，也可邮寄送达`).
pub(super) const DELIVERY_WAYS: &[&str] = &["邮寄", "邮政", "EMS", "速递", "快递", "寄递", "寄送"];

/// Words of a condition ending in `的` that name the applicant's own choice (`申请人选择自取的`,
/// `自取的`, `愿意自取的`): the visit the condition leads to is one way among others.
pub(super) const CHOSEN_CONDITIONS: &[&str] = &["选择", "自取", "愿意", "自愿"];

/// Words of a condition ending in `的` that name a need (`需自取的`, `需要纸质证照的`,
/// `要求自取的`, `不愿邮寄的`): the visit is a choice when the step offers a way needing no visit
/// (`结果邮寄送达，需自取的到政务服务大厅领取`).
pub(super) const NEEDED_CONDITIONS: &[&str] = &["需", "要求", "不愿"];

/// What may stand between the `的` ending a condition and the visit in its clause
/// (`需自取的到窗口领取`, `需要纸质证照的可到窗口领取`, `自取的申请人到…`; the going of a visit word
/// `窗口领取`); anything else makes the `的` part of a noun (`需携带本人的身份证到窗口签字` is no
/// condition).
pub(super) const AFTER_CONDITION: &[&str] =
    &["可", "请", "申请人", "自行", "直接", "凭", "到", "前往"];

/// What a condition of need is about when it is a way of getting the result (`需自取的`,
/// `需要纸质证照的`, `不愿邮寄的`), not a case of the matter (`需补正材料的` is no choice).
pub(super) const NEEDED_WAYS: &[&str] = &[
    "自取", "纸质", "邮寄", "寄递", "快递", "领取", "窗口", "证照", "证书",
];

/// Words saying one of several ways is taken (`EMS寄递、窗口领取二选一`): with a way needing no
/// visit in the same clause, the visit is a choice.
pub(super) const ONE_OF: &[&str] = &["二选一", "三选一", "择一", "选其一"];

/// Words before a numbered list that make it a list of ways to choose from
/// (`送达方式：1.邮寄送达；2.到政务服务中心自取`, `申请人自行选择：1.邮寄送达；2.到窗口领取`), not
/// a list of steps (`办理流程：1.网上申请；2.到窗口核验原件`).
pub(super) const LIST_OF_WAYS: &[&str] = &["方式", "选择", "途径", "送达", "领取", "选一", "择一"];

/// Words before `现场核验身份` in its clause that make it done at a distance
/// (`通过视频连线现场核验身份`).
pub(super) const AT_A_DISTANCE: &[&str] = &["视频", "远程"];

/// Characters right before `到` that make it something sent there, not someone going
/// (`审批结果反馈到综合窗口`, `结果汇总到窗口`, `同步到`, `归档到`, `转办到`, `流转到`, `推送到`,
/// `上传到`, `分派到`, `抄送到`); `送到`, `递交到` stay visits for a visit word
/// (`申请人将材料送到窗口`).
pub(super) const SENT_BEFORE: &[char] =
    &['馈', '总', '步', '档', '办', '流', '推', '传', '派', '抄'];

/// Staff who may go to a site or a hall themselves (`工作人员到场指导`,
/// `工作人员到便民服务中心送达证照`, `承办人员到不动产登记中心调取档案`, `业务科室到场核查`,
/// `局领导到场审定`): not the applicant's visit. Not `submission::STAFF_WORDS`: its 经办人 is
/// the staff who enters an application, but one who goes somewhere is as often the applicant's
/// (`申请单位经办人到窗口领证`).
pub(super) const VISITING_STAFF: &[&str] = &[
    "工作人",
    "受理人员",
    "审核人员",
    "审查人员",
    "审批人员",
    "窗口人员",
    "业务人员",
    "核查人员",
    "检查人员",
    "执法人员",
    "踏勘人员",
    "承办人",
    "科室",
    "股室",
    "领导",
    "局长",
    "专家",
    "部门",
];

/// The last character of an office before `人员` that makes them staff (`审批科人员`,
/// `业务股人员`, `中心人员`, `核查组人员`); `申请人员`, `经办人员` are not staff by their name.
pub(super) const STAFF_UNITS: &[char] = &['科', '室', '股', '心', '局', '站', '组', '队'];

/// The applicant's side (`通知申请人到窗口领取`): named after the staff, they are the ones who go.
pub(super) const APPLICANT_WORDS: &[&str] = &[
    "申请人",
    "当事人",
    "本人",
    "申报人",
    "办事人",
    "群众",
    "代理人",
    "受托人",
    "经办人",
    "双方",
];

/// What only staff do where they go (`经办人到服务中心档案室调档`, `经办人到窗口取件后审查`): a
/// `经办人` doing it is the department's, not the applicant's (who may be called 经办人 too).
pub(super) const STAFF_TASKS: &[&str] =
    &["调档", "调取档案", "调阅档案", "取件后审查", "取件后审核"];

/// Places the applicant comes to: `到` or `前往` one of them is a visit (and `来`, `至`, `在`,
/// `送至` read in `going`) (`到政务服务大厅领取`,
/// `前往政务大厅领取`, `到便民服务中心领取`, `到不动产登记中心领证`, `到发证窗口领证`).
pub(super) const VISIT_PLACES: &[&str] = &["大厅", "服务中心", "登记中心", "窗口"];

/// How many characters may stand between `到`/`前往` and the place (`到所在地社区服务中心`).
pub(super) const PLACE_REACH: usize = 10;

/// Characters before `到` that make it part of another word, something else going there, or no
/// going (`收到`, `达到`, `流转到`, `邮寄到`, `推送到`, `反馈到`, `汇总到`, `同步到`, `归档到`,
/// `转办到`, `不到政务服务中心即可办理`).
pub(super) const NOT_GOING_BEFORE: &[char] = &[
    '收', '得', '达', '直', '送', '转', '交', '报', '递', '寄', '推', '传', '移', '发', '提', '受',
    '用', '找', '派', '退', '还', '调', '分', '抄', '归', '流', '回', '遇', '看', '做', '签', '迟',
    '等', '想', '说', '不', '未', '没', '馈', '总', '步', '档', '办',
];

/// Characters between `到`/`前往` and a place that show the two are not one going there
/// (`到期后在政务服务中心…`, `到网上办事大厅`, `到达便民服务中心后`); `在` is one only outside
/// `所在` (`到所在地社区服务中心`).
pub(super) const NOT_A_PLACE_NAME: &[char] = &[
    '后', '时', '期', '并', '再', '或', '和', '与', '及', '把', '将', '对', '向', '由', '达', '网',
    '掌', '线', '云',
];

/// Words right after a place that make it an online service, not a place to go
/// (`登录到政务服务中心网站`, `关注到便民服务中心公众号`).
pub(super) const NOT_A_PLACE_AFTER: &[&str] = &[
    "网",
    "公众号",
    "微信",
    "平台",
    "系统",
    "小程序",
    "APP",
    "App",
    "app",
    "热线",
    "电话",
];
