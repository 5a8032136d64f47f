//! 值域 — the value domains of coded elements (事项类型, 权力来源, 行使层级, 服务对象, 办件类型,
//! 来源渠道, 材料类型, 材料形式, 网办深度), as in `data/zwfw_value_domains.csv` and the rulebook.
//!
//! Platforms store a code (`2`), a label (`承诺件`), or both (`2 承诺件`, `承诺件(2)`). Local systems
//! renumber codes (one swaps 即办件/承诺件), so **the label wins over the code**: when a field holds
//! any recognised label, bare codes in it are ignored. [`parse_domain`] never panics; what it does
//! not recognise is returned in [`DomainValues::unknown`] for the rule to report.

use std::borrow::Cow;
use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use super::text::to_halfwidth;

/// A coded element.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Domain {
    /// 事项类型 — 01 行政许可 … 10 其他行政权力, 20 公共服务.
    ItemType,
    /// 权力来源 — 1 法定本级行使 … 6 同级委托.
    PowerSource,
    /// 行使层级 — 1 国家级 … 6 村（社区）级.
    Level,
    /// 服务对象 — 1 自然人 … 9 其他组织 (multi-valued).
    ServiceObject,
    /// 办件类型 — 1 即办件, 2 承诺件, plus the labels 上报件 and 联办件 (multi-valued).
    HandlingType,
    /// 来源渠道 — 10 申请人自备, 20 政府部门核发, 99 其他.
    SourceChannel,
    /// 材料类型 — 1 原件 … 4 原件或复印件.
    MaterialType,
    /// 材料形式 — 1 纸质 … 4 纸质或电子.
    MaterialForm,
    /// 网办深度 — 一级 … 四级 (Ⅳ级 = 全程网办).
    OnlineDepth,
}

/// One value of a domain: its code and its standard label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DomainValue {
    /// The national code (`2`, `01`, `20`); empty for label-only values (上报件, 联办件).
    pub code: &'static str,
    /// The standard label.
    pub label: &'static str,
}

/// (code, standard label, other labels seen on platforms). Brackets are half-width here; input is
/// folded to half-width before matching.
type Entry = (&'static str, &'static str, &'static [&'static str]);

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
    ("1", "自然人", &["个人", "公民"]),
    ("2", "企业法人", &[]),
    ("3", "事业法人", &["事业单位法人", "事业单位"]),
    ("4", "社会组织法人", &["社会组织", "社会团体"]),
    ("5", "非法人企业", &[]),
    ("6", "行政机关", &["机关"]),
    ("9", "其他组织", &[]),
    // The seed's own example (服务对象「如法人、自然人」) uses the generic word.
    ("", "法人", &["企业", "法人和其他组织"]),
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
    /// The element's Chinese name.
    pub fn label_zh(self) -> &'static str {
        match self {
            Domain::ItemType => "事项类型",
            Domain::PowerSource => "权力来源",
            Domain::Level => "行使层级",
            Domain::ServiceObject => "服务对象",
            Domain::HandlingType => "办件类型",
            Domain::SourceChannel => "来源渠道",
            Domain::MaterialType => "材料类型",
            Domain::MaterialForm => "材料形式",
            Domain::OnlineDepth => "网办深度",
        }
    }

    fn entries(self) -> &'static [Entry] {
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

    /// Every value of the domain, in code order.
    pub fn values(self) -> Vec<DomainValue> {
        self.entries()
            .iter()
            .map(|&(code, label, _)| DomainValue { code, label })
            .collect()
    }

    /// The standard labels joined with `、`, for messages.
    pub fn labels_joined(self) -> String {
        self.entries()
            .iter()
            .map(|e| e.1)
            .collect::<Vec<_>>()
            .join("、")
    }

    /// The value whose code is `code` (`01` and `1` are the same code).
    pub fn by_code(self, code: &str) -> Option<DomainValue> {
        let c = code.trim();
        self.entries()
            .iter()
            .find(|e| !e.0.is_empty() && codes_equal(e.0, c))
            .map(|&(code, label, _)| DomainValue { code, label })
    }
}

fn codes_equal(a: &str, b: &str) -> bool {
    a == b
        || match (a.parse::<u32>(), b.parse::<u32>()) {
            (Ok(x), Ok(y)) => x == y && !b.is_empty() && b.len() <= 2,
            _ => false,
        }
}

/// What a field of a domain holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DomainValues {
    /// Recognised values, in order of first appearance, without repeats.
    pub values: Vec<DomainValue>,
    /// Parts of the text that are neither a label nor a code of the domain.
    pub unknown: Vec<String>,
    /// Whether the values came from codes only (no label in the text).
    pub from_codes: bool,
}

impl DomainValues {
    /// Whether the field holds the value with this standard label.
    pub fn has(&self, label: &str) -> bool {
        self.values.iter().any(|v| v.label == label)
    }

    /// Whether nothing at all was found.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty() && self.unknown.is_empty()
    }
}

const SEPARATORS: &[char] = &[
    ',', '，', '、', ';', '；', '|', '^', '/', '\n', '\r', '\t', ' ', '(', ')', '[', ']', '【',
    '】', ':', '：', '。', '.',
];

/// A domain's names (standard labels and other labels), longest first (table order among
/// equals), with one automaton over them: prepared once per process, not per field.
struct DomainNames {
    names: Vec<(&'static str, DomainValue)>,
    /// Pattern `i` is `names[i]`.
    matcher: AhoCorasick,
}

impl DomainNames {
    fn new(domain: Domain) -> Self {
        let mut names: Vec<(&'static str, DomainValue)> = domain
            .entries()
            .iter()
            .flat_map(|&(code, label, syn)| {
                std::iter::once(label)
                    .chain(syn.iter().copied())
                    .map(move |n| (n, DomainValue { code, label }))
            })
            .collect();
        names.sort_by_key(|(n, _)| std::cmp::Reverse(n.chars().count()));
        assert!(
            names.len() <= 64,
            "a domain's names fit the bit set of parse_domain"
        );
        let matcher = AhoCorasick::new(names.iter().map(|(n, _)| n))
            .expect("a domain's names fit an automaton");
        Self { names, matcher }
    }

    /// Which names occur in `text`, as a bit set over `names`.
    fn present(&self, text: &str) -> u64 {
        self.matcher
            .find_overlapping_iter(text)
            .fold(0, |set, m| set | 1 << m.pattern().as_u32())
    }
}

impl Domain {
    /// Every domain.
    pub const ALL: [Domain; 9] = [
        Domain::ItemType,
        Domain::PowerSource,
        Domain::Level,
        Domain::ServiceObject,
        Domain::HandlingType,
        Domain::SourceChannel,
        Domain::MaterialType,
        Domain::MaterialForm,
        Domain::OnlineDepth,
    ];
}

static DOMAIN_NAMES: LazyLock<Vec<DomainNames>> =
    LazyLock::new(|| Domain::ALL.iter().map(|&d| DomainNames::new(d)).collect());

impl Domain {
    fn names(self) -> &'static DomainNames {
        let i = Domain::ALL
            .iter()
            .position(|&d| d == self)
            .expect("every domain is listed");
        &DOMAIN_NAMES[i]
    }
}

/// [`to_halfwidth`], without a copy when there is nothing to fold (the usual case).
fn halfwidth(text: &str) -> Cow<'_, str> {
    if text.contains(|c: char| c == '\u{3000}' || ('\u{FF01}'..='\u{FF5E}').contains(&c)) {
        Cow::Owned(to_halfwidth(text))
    } else {
        Cow::Borrowed(text)
    }
}

/// Reads a domain field: labels anywhere in the text (longest first), then codes when no label was
/// found. Separators `,，、;；|^/` and brackets split values.
pub fn parse_domain(domain: Domain, text: &str) -> DomainValues {
    let names = domain.names();
    // The usual field is exactly one label (`承诺件`, `法定本级行使`).
    if let Some(&(_, value)) = names.names.iter().find(|(n, _)| *n == text) {
        return DomainValues {
            values: vec![value],
            ..DomainValues::default()
        };
    }
    let mut rest = halfwidth(text);
    let mut found: Vec<(usize, DomainValue)> = Vec::new();
    // Names that do not occur in the text cannot appear once others are blanked out with spaces
    // (no name holds a space), so only the ones found in one pass are looked for, in order.
    let present = names.present(&rest);
    for (i, (name, value)) in names.names.iter().enumerate() {
        if present & (1 << i) == 0 {
            continue;
        }
        while let Some(pos) = rest.find(name) {
            found.push((pos, *value));
            // Keep positions stable: blank out the match with separators of the same byte length.
            rest.to_mut()
                .replace_range(pos..pos + name.len(), &" ".repeat(name.len()));
        }
    }
    values_from(domain, found, &rest)
}

/// The values of a domain field from the labels `found` (with their byte positions) and the
/// `rest` of the text once they are blanked out: labels in text order, then codes among the
/// remaining tokens when no label was found.
fn values_from(domain: Domain, mut found: Vec<(usize, DomainValue)>, rest: &str) -> DomainValues {
    found.sort_by_key(|(pos, _)| *pos);
    let mut out = DomainValues::default();
    for (_, v) in found {
        if !out.values.contains(&v) {
            out.values.push(v);
        }
    }
    let labelled = !out.values.is_empty();
    for token in rest.split(SEPARATORS).filter(|t| !t.is_empty()) {
        let token = token.trim_matches(|c: char| c == '-' || c == '_');
        if token.is_empty() {
            continue;
        }
        match domain.by_code(token) {
            // The label wins: codes beside a label are a local numbering, ignored.
            Some(_) if labelled => {}
            Some(v) => {
                out.from_codes = true;
                if !out.values.contains(&v) {
                    out.values.push(v);
                }
            }
            None => out.unknown.push(token.to_owned()),
        }
    }
    out
}

/// Reads a 是否 field (是否支持物流快递, 是否收费 …): `Some(true)` for 是/支持/有/1/Y,
/// `Some(false)` for 否/不支持/无/0/N, `None` otherwise (empty or unclear).
pub fn parse_yes_no(text: &str) -> Option<bool> {
    let t = to_halfwidth(text);
    let t = t.trim();
    if ["否", "不", "无", "没有", "0", "N", "n", "false"]
        .iter()
        .any(|w| t.starts_with(w))
    {
        return Some(false);
    }
    ["是", "支持", "有", "可", "1", "Y", "y", "true"]
        .iter()
        .any(|w| t.starts_with(w))
        .then_some(true)
}

/// Reads a count such as 到现场次数: `0`, `1次`, `零次`, `最多跑1次`. `None` when the text is not
/// one whole number ≥ 0 (`1-2次`, `若干次`, `-1`).
pub fn parse_count(text: &str) -> Option<u32> {
    let mut t: String = to_halfwidth(text)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    for p in ["最多跑", "最多", "不超过", "至多", "跑"] {
        if let Some(rest) = t.strip_prefix(p) {
            t = rest.to_owned();
            break;
        }
    }
    let t = t.strip_suffix('次').unwrap_or(&t);
    if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) {
        return t.parse().ok();
    }
    match t.chars().collect::<Vec<_>>().as_slice() {
        ['两'] => Some(2),
        [c] => "零一二三四五六七八九"
            .chars()
            .position(|d| d == *c)
            .map(|p| p as u32),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(d: Domain, t: &str) -> (Vec<&'static str>, Vec<String>) {
        let v = parse_domain(d, t);
        (v.values.iter().map(|v| v.label).collect(), v.unknown)
    }

    #[test]
    fn codes_and_labels() {
        assert_eq!(
            labels(Domain::HandlingType, "2"),
            (vec!["承诺件"], Vec::new())
        );
        assert_eq!(
            labels(Domain::HandlingType, "承诺件,上报件"),
            (vec!["承诺件", "上报件"], Vec::new())
        );
        // The label wins over a (locally renumbered) code.
        assert_eq!(
            labels(Domain::HandlingType, "2 即办件"),
            (vec!["即办件"], Vec::new())
        );
        assert_eq!(
            labels(Domain::ItemType, "1"),
            (vec!["行政许可"], Vec::new())
        );
        assert_eq!(
            labels(Domain::ServiceObject, "自然人、企业法人,事业法人"),
            (vec!["自然人", "企业法人", "事业法人"], Vec::new())
        );
        assert_eq!(
            labels(Domain::ServiceObject, "2,3,4,6"),
            (
                vec!["企业法人", "事业法人", "社会组织法人", "行政机关"],
                Vec::new()
            )
        );
        assert_eq!(
            labels(Domain::MaterialType, "原件和复印件"),
            (vec!["原件和复印件"], Vec::new())
        );
        assert_eq!(
            labels(Domain::OnlineDepth, "全程网办（Ⅳ级）"),
            (vec!["四级"], Vec::new())
        );
        assert_eq!(labels(Domain::OnlineDepth, "III级").0, vec!["三级"]);
        assert_eq!(labels(Domain::Level, "县（市、区）级").0, vec!["县级"]);
        assert_eq!(
            labels(Domain::PowerSource, "上级交办"),
            (Vec::new(), vec!["上级交办".to_owned()])
        );
        assert!(parse_domain(Domain::PowerSource, "").is_empty());
    }

    /// The tables here agree with every verified row of `data/zwfw_value_domains.csv`.
    #[test]
    fn tables_agree_with_the_value_domain_csv() {
        let csv = include_str!("../../data/zwfw_value_domains.csv");
        let mut rdr = csv::Reader::from_reader(csv.as_bytes());
        let mut checked = 0;
        for rec in rdr.records() {
            let rec = rec.unwrap();
            let (element, code, label, status) = (&rec[0], &rec[2], &rec[3], &rec[4]);
            if !status.starts_with("verified") {
                continue;
            }
            let domain = match element {
                "事项类型" => Domain::ItemType,
                "权力来源" => Domain::PowerSource,
                "行使层级" => Domain::Level,
                "服务对象" => Domain::ServiceObject,
                "办件类型" => Domain::HandlingType,
                "来源渠道" => Domain::SourceChannel,
                "材料类型" => Domain::MaterialType,
                "材料形式" => Domain::MaterialForm,
                _ => continue,
            };
            let label = to_halfwidth(label);
            assert_eq!(
                domain.by_code(code).map(|v| v.label),
                Some(label.as_str()),
                "{element} {code}"
            );
            let parsed = parse_domain(domain, &label);
            assert_eq!(
                parsed.values.iter().map(|v| v.code).collect::<Vec<_>>(),
                [code],
                "{element} {label}"
            );
            checked += 1;
        }
        // 11 事项类型 + 6 权力来源 + 6 行使层级 + 7 服务对象 + 2 办件类型 + 3 来源渠道 + 4 + 4.
        assert_eq!(checked, 43, "every verified row is checked");
    }

    /// The plain definition that [`parse_domain`] answers with prepared names.
    fn parse_domain_plain(domain: Domain, text: &str) -> DomainValues {
        let mut rest = to_halfwidth(text);
        let mut found: Vec<(usize, DomainValue)> = Vec::new();
        // The same names, longest first; what differs is how they are looked for.
        for (name, value) in &domain.names().names {
            while let Some(pos) = rest.find(name) {
                found.push((pos, *value));
                rest.replace_range(pos..pos + name.len(), &" ".repeat(name.len()));
            }
        }
        values_from(domain, found, &rest)
    }

    /// What makes the shortcuts of [`parse_domain`] exact: no name holds a space or a character
    /// that half-width folding changes.
    #[test]
    fn names_are_plain() {
        for d in Domain::ALL {
            for (n, _) in &d.names().names {
                assert!(!n.contains(' ') && to_halfwidth(n) == *n, "{n}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn parse_domain_as_defined(
            d in proptest::sample::select(Domain::ALL.to_vec()),
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "承诺件", "即办件", "承诺", "即办", "联报件", "上报件", "自然人", "企业法人",
                    "法人", "企业", "法人和其他组织", "其他组织", "机关", "公共服务", "行政许可",
                    "法定本级行使", "本级行使", "上级下放", "县(市、区)级", "县（市、区）级", "县级",
                    "区级", "市级", "省", "国家", "全程网办", "Ⅳ级", "四级", "原件", "复印件",
                    "纸质", "电子", "其它", "1", "2", "01", "20", "99", "１", "x", ",", "、", " ",
                    "(", ")", "（", "）", "-", "_", "。", "\u{3000}",
                ]),
                0..6,
            ),
        ) {
            let text = pieces.concat();
            proptest::prop_assert_eq!(parse_domain(d, &text), parse_domain_plain(d, &text));
        }
    }

    #[test]
    fn yes_no_and_counts() {
        assert_eq!(parse_yes_no("是"), Some(true));
        assert_eq!(parse_yes_no("不支持"), Some(false));
        assert_eq!(parse_yes_no("支持物流快递"), Some(true));
        assert_eq!(parse_yes_no(""), None);
        assert_eq!(parse_count("0"), Some(0));
        assert_eq!(parse_count("１次"), Some(1));
        assert_eq!(parse_count("零次"), Some(0));
        assert_eq!(parse_count("最多跑1次"), Some(1));
        assert_eq!(parse_count("1-2次"), None);
        assert_eq!(parse_count("若干次"), None);
        assert_eq!(parse_count("-1"), None);
        assert_eq!(parse_count("99999999999"), None);
    }
}
