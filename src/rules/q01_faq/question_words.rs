//! The word lists Q01 keys a question with: the question words and what each asks, the forms,
//! fillers and near-synonyms folded in a question's core, the contrasts that keep two alike
//! questions apart, and the clauses of an applicant's absence. Kept apart from the folding itself
//! (`questions`), so that the lists can be read, and grown, on their own.

/// What a question asks, one bit a kind: how long, how much or how many, which or what, how,
/// whether, where, who, when, why. Nothing when it has no question word (`收费标准`).
pub(super) type Asks = u16;
const LONG: Asks = 1;
const MUCH: Asks = 1 << 1;
const WHICH: Asks = 1 << 2;
const HOW: Asks = 1 << 3;
const WHETHER: Asks = 1 << 4;
const WHERE: Asks = 1 << 5;
const WHO: Asks = 1 << 6;
const WHEN: Asks = 1 << 7;
const WHY: Asks = 1 << 8;

/// The question words and what each asks, found left to right (the first entry that starts at
/// a position wins, so a longer word comes before the words it begins with). How much of a
/// time limit or a validity is how long (`时限是多少`, like [`NEAR_SYNONYMS`]); `哪些人` is who
/// and `什么时候` when, not which.
pub(super) const ASK_WORDS: &[(&str, Asks)] = &[
    ("时限是多少", LONG),
    ("时限为多少", LONG),
    ("时限多少", LONG),
    ("期限是多少", LONG),
    ("期限为多少", LONG),
    ("期限多少", LONG),
    ("有效期是多少", LONG),
    ("有效期为多少", LONG),
    ("有效期多少", LONG),
    ("有哪些", WHICH),
    ("有没有", WHETHER),
    ("多长时间", LONG),
    ("多少时间", LONG),
    ("多少个工作日", LONG),
    ("多少工作日", LONG),
    ("多少个月", LONG),
    ("多少天", LONG),
    ("多少年", LONG),
    ("多少日", LONG),
    ("多少钱", MUCH),
    ("多少", MUCH),
    ("多久", LONG),
    ("多长", LONG),
    ("多大", MUCH),
    ("几个工作日", LONG),
    ("几个星期", LONG),
    ("几个月", LONG),
    ("几年", LONG),
    ("几天", LONG),
    ("几日", LONG),
    ("几周", LONG),
    ("几点", WHEN),
    ("几", MUCH),
    ("什么时候", WHEN),
    ("什么时间", WHEN),
    ("什么地方", WHERE),
    ("什么人", WHO),
    ("什么", WHICH),
    ("在哪", WHERE),
    ("去哪", WHERE),
    ("到哪", WHERE),
    ("哪些人", WHO),
    ("哪类人", WHO),
    ("哪里", WHERE),
    ("哪儿", WHERE),
    ("哪天", WHEN),
    ("哪", WHICH),
    ("何时", WHEN),
    ("何处", WHERE),
    ("何地", WHERE),
    ("何人", WHO),
    ("何种", WHICH),
    ("为什么", WHY),
    ("为何", WHY),
    ("为啥", WHY),
    ("谁", WHO),
    ("啥", WHICH),
    ("怎", HOW),
    ("如何", HOW),
    ("咋", HOW),
    ("能不能", WHETHER),
    ("能否", WHETHER),
    ("可不可以", WHETHER),
    ("可否", WHETHER),
    ("是不是", WHETHER),
    ("是否", WHETHER),
    ("要不要", WHETHER),
    ("会不会", WHETHER),
    ("吗", WHETHER),
];

/// Question words that ask how long (`多久`, `几年`, `多长时间`), written as one mark `#`; how
/// much or how many (`多少`, `几份`), as `%`; which or what (`哪些`, `什么`), as `?`: two
/// questions that ask the same in other words then have the same core, and `领取多久？` stays
/// apart from `领取多少？`. Longer words first; each ends no longer than it was.
pub(super) const QUESTION_FORMS: &[(&str, &str)] = &[
    ("多长时间", "#"),
    ("多少时间", "#"),
    ("几个工作日", "#"),
    ("几个月", "#"),
    ("多少天", "#"),
    ("多少钱", "%"),
    ("多久", "#"),
    ("多长", "#"),
    ("多少", "%"),
    ("几年", "#"),
    ("几天", "#"),
    ("几日", "#"),
    ("几个", "%"),
    ("几份", "%"),
    ("有哪些", "?"),
    ("哪些", "?"),
    ("什么", "?"),
    ("何种", "?"),
    ("哪种", "?"),
    ("可否", ""),
    ("是不是", ""),
];

/// Near-synonyms in a question once its stop words are out (`办理期限` is `办理时限`, `在线`
/// is `网上`, `别人` is `他人`, `准备材料` is `提交材料`; `申请需要提交` is `需要提交`), and how much of a time
/// limit is how long (`时限是多少` is `时限是多久`). Longer words first; each ends no longer
/// than it was.
pub(super) const NEAR_SYNONYMS: &[(&str, &str)] = &[
    ("有效期限%", "有效期#"),
    ("有效期限", "有效期"),
    ("有效期%", "有效期#"),
    ("期限%", "时限#"),
    ("时限%", "时限#"),
    ("申请提交", "提交"),
    ("在网上", "网上"),
    ("期限", "时限"),
    ("在线", "网上"),
    ("线上", "网上"),
    ("别人", "他人"),
    ("准备", "提交"),
    ("提供", "提交"),
    ("递交", "提交"),
    // `有效期为几年` is `有效期是几年`, whose 是 is a stop word.
    ("为#", "#"),
    ("为%", "%"),
    // `办件进度` is `办理进度`, whose 办理 is a stop word.
    ("办件", ""),
    ("资料", "材料"),
    // How long until it is done is the time limit: `多长时间可以办结` is `办理时限是多久`.
    ("办结时限", "时限"),
    ("办结#", "时限#"),
    ("办完#", "时限#"),
    ("#办结", "时限#"),
    ("#办完", "时限#"),
];

/// What the materials a question asks for are wanted for, once [`NEAR_SYNONYMS`] are replaced:
/// nothing more than the materials themselves when it is handing them in or applying
/// (`需要提交哪些材料` is `申请要准备什么资料` is `申请需要哪些材料` is `需要哪些材料`; not
/// `领取时需要哪些材料`, nor `申请低保需要哪些材料`, whose 申请 names what); what to bring is what
/// to hand in (`申请门诊慢特病要带什么材料` is `申请门诊慢特病需要准备哪些资料`). Each ends no
/// longer than it was.
pub(super) const MATERIAL_ASKS: &[(&str, &str)] = &[
    ("申请提交?材料", "?材料"),
    // `要带什么材料` is `需要提交哪些材料`: what to bring is what to hand in.
    ("申请要携带?材料", "?材料"),
    ("申请要带?材料", "?材料"),
    ("申请携带?材料", "?材料"),
    ("申请带?材料", "?材料"),
    ("申请?材料", "?材料"),
    ("提交?材料", "?材料"),
    ("要携带?材料", "?材料"),
    ("要带?材料", "?材料"),
    ("携带?材料", "?材料"),
    ("带?材料", "?材料"),
];

/// Filler words in a question once its stop words are out, which ask nothing of their own:
/// `进行` before the act (`如何进行变更登记` is `如何变更登记`), the softener `一下`
/// (`查询一下进度`), and `代为` after the person who acts for the applicant (`委托他人代为办理`
/// is `委托他人办理`; also `代理人代为`, `亲属代为`; and `代办` after them: `委托他人代办`). Alone, `代为` says that someone else acts
/// (`可以代为领取吗？` is not `可以领取吗？`) and stays. After a how-long mark of
/// [`QUESTION_FORMS`], `能`/`能够`/`才能`/`才` before the act asks nothing more (`多久能生效` is
/// `多久生效`; `可以` is a stop word already); before it, `能`/`可以` stay (`能否网上办理` asks
/// whether it can be done). Each ends no longer than it was. `后` before the mark:
/// `questions::drop_after`.
pub(super) const FILLERS: &[(&str, &str)] = &[
    ("人代为", "人"),
    // `委托他人代办` is `委托他人办理`, whose 办理 is a stop word.
    ("人代办", "人"),
    ("属代为", "属"),
    ("进行", ""),
    ("一下", ""),
    // `有效期有几年` is `有效期是几年`.
    ("有#", "#"),
    // `要准备` is `需要准备`, whose 需要 is a stop word.
    ("要提交", "提交"),
    ("要准备", "准备"),
    ("要提供", "提供"),
    ("要递交", "递交"),
    // `办理要多久` is `办理需要多久`.
    ("要#", "#"),
    ("#能够", "#"),
    ("#才能", "#"),
    ("#能", "#"),
    ("#才", "#"),
];

/// Other ways of asking the same, read before the stop words go (so that what they become
/// goes with them): `要不要X` and `需不需要X` are `需要X`, `可不可以X` is `可以X` (like `是否需要X`,
/// `需要X吗`, `能不能X`, `能否X`, whose words are stop words already). Each ends no longer than it
/// was. A question ending in `怎么办` asks `怎么办理`: `questions::drop_final_ban`.
pub(super) const ASK_PARAPHRASES: &[(&str, &str)] = &[
    ("需不需要", "需要"),
    ("要不要", "需要"),
    ("可不可以", "可以"),
];

/// Words for the same thing in a question once its stop words are out: `的时候` is `时`
/// (`换领的时候` is `换领时`), `第二代` is `二代`, `使用` is `用`, `还能`/`还继续` is `还`
/// (`还可以继续使用` is `还能用`, its 可以 a stop word), and the ways of saying that something was
/// lost (`遗失`, `丢失`, `丢了`, `弄丢`, `丢掉`) are `丢`. A small table of everyday paraphrases,
/// not a thesaurus. Longer words first; each ends no longer than it was.
pub(super) const WORD_SYNONYMS: &[(&str, &str)] = &[
    ("时候", "时"),
    ("第一代", "一代"),
    ("第二代", "二代"),
    ("第三代", "三代"),
    ("使用", "用"),
    ("还能继续", "还"),
    ("还能够", "还"),
    ("还能", "还"),
    ("还继续", "还"),
    ("遗失", "丢"),
    ("丢失", "丢"),
    ("弄丢", "丢"),
    ("丢掉", "丢"),
];

/// What a question about a loss asks besides the loss, once [`WORD_SYNONYMS`] are replaced:
/// nothing (`遗失后如何补办` is `丢了怎么办`): a lost licence is replaced, and `后` after the loss
/// says no more than the loss. Longer words first; each ends no longer than it was.
pub(super) const AFTER_LOSS: &[(&str, &str)] = &[
    ("丢之后补办", "丢"),
    ("丢之后补领", "丢"),
    ("丢后补办", "丢"),
    ("丢后补领", "丢"),
    ("丢补办", "丢"),
    ("丢补领", "丢"),
    ("丢之后", "丢"),
    ("丢后", "丢"),
];

/// Acts that last (paying in, being insured, living or working somewhere), after which
/// `多久` may ask how long they must last: `缴费多久可以领取？` asks how many years of
/// contributions, `缴费后多久可以领取？` how soon after paying.
/// `questions::drop_after` keeps their `后`.
pub(super) const LASTING: &[&str] = &[
    "缴费", "交费", "缴纳", "参保", "居住", "工作", "就业", "任职", "服役", "经营", "连续",
];

/// Words that set two otherwise alike questions apart (`外地户籍可以申请吗？`,
/// `本地户籍可以申请吗？`): each pair names two different cases. One word of a pair may hold
/// the other (`未满`, `满`): a question names the shorter only where it is not part of the
/// longer (`contrasts::contrasted`); a question that names both sides
/// the other way round asks about the other direction (`contrasts::swapped`).
pub(super) const CONTRASTS: &[(&str, &str)] = &[
    ("本地", "外地"),
    ("本市", "外市"),
    ("省内", "省外"),
    ("市内", "市外"),
    ("县内", "县外"),
    ("区内", "区外"),
    ("国内", "国外"),
    ("本省", "外省"),
    ("本地", "异地"),
    // Which way something moves: `医保关系转入需要哪些材料？`, `医保关系转出需要哪些材料？`.
    ("转入", "转出"),
    ("迁入", "迁出"),
    ("调入", "调出"),
    ("境内", "境外"),
    ("城镇", "农村"),
    ("个人", "单位"),
    ("个人", "企业"),
    ("本人", "他人"),
    ("首次", "再次"),
    ("新办", "变更"),
    ("新办", "延续"),
    ("新办", "注销"),
    ("变更", "注销"),
    ("变更", "延续"),
    ("延续", "注销"),
    ("纸质", "电子"),
    ("线上", "线下"),
    // Ages and states on either side of a line: `未满16周岁怎么申请？`, `年满16周岁怎么申请？`.
    ("未满", "年满"),
    ("未满", "已满"),
    ("未满", "满"),
    ("不满", "年满"),
    ("不满", "已满"),
    ("以下", "以上"),
    ("未成年", "成年"),
    ("未婚", "已婚"),
    // The applicant or someone for them: `本人办理需要哪些材料？`, `代办需要哪些材料？`.
    ("本人", "代办"),
    ("本人", "委托"),
    ("本人", "代理"),
    ("本人", "代领"),
    // A first application or a later one.
    ("首次", "补领"),
    ("首次", "换领"),
    ("首次", "补办"),
    ("首次", "换发"),
    ("首次", "补发"),
    ("初次", "再次"),
    ("补领", "换领"),
    ("补办", "换发"),
    ("补发", "换发"),
    // Where or when which step is done: `办理地点在哪里？`, `领证地点在哪里？` (h36 回归).
    ("办理地点", "领证地点"),
    ("办理地点", "领取地点"),
    ("办理地点", "缴费地点"),
    ("办理地点", "投诉地点"),
    ("办理时间", "领证时间"),
    ("办理时间", "领取时间"),
    ("办理时间", "缴费时间"),
    // Which generation of a licence: `第一代残疾人证还能用吗？`, `第二代残疾人证还能用吗？`.
    ("一代", "二代"),
    ("二代", "三代"),
    ("一代", "三代"),
    // A lost licence or a damaged one: `残疾人证遗失怎么办？`, `残疾人证损坏怎么办？`,
    // `不动产权证书丢了怎么办？`, `不动产权证书坏了怎么办？` (坏 also stands in 损坏).
    ("遗失", "坏"),
    ("丢", "坏"),
    ("遗失", "破损"),
    ("丢", "破损"),
    ("遗失", "污损"),
    ("丢", "污损"),
    // After a loss, a new licence or another step: `丢了怎么补办？` is not `丢了怎么换领？`
    // (a loss folds 补办 away, which must not leave 换领 looking like a filler).
    ("补办", "换领"),
    ("补办", "挂失"),
    ("补办", "注销"),
    ("补领", "换发"),
    ("补领", "挂失"),
    ("补领", "注销"),
];

/// Leading clauses that only say the applicant cannot come in person: what a question about
/// someone acting for them says already.
pub(super) const ABSENCES: &[&str] = &[
    "不能到场",
    "无法到场",
    "不便到场",
    "不方便到场",
    "不能亲自",
    "无法亲自",
    "不能前来",
    "无法前来",
    "不能到现场",
    "无法到现场",
    "不能到窗口",
    "无法到窗口",
    "没时间",
    "没有时间",
    "没空",
];

/// Words of a question about someone acting for the applicant.
pub(super) const DELEGATIONS: &[&str] = &["委托", "代办", "代为", "代理", "代领", "他人"];
