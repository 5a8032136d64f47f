//! What makes an agency's name name one: not a description of which agencies qualify
//! ([`describes_an_agency`]: `具备CMA资质的检测机构`, `相关检测机构`, `池州市检测机构`), not a name with
//! a placeholder where the agency's own name goes ([`placeholder_in_name`]: `池州市某检测有限公司`,
//! `安徽XX检测技术有限公司`).
//!
//! Not here: the agency's address and phone, and the finding (`mod.rs`).

use crate::reference::leading_division_names;

/// The kinds of agency a description ends with (`…的检测机构`, `有资质的测绘单位`).
const AGENCY_KINDS: &[&str] = &[
    "机构",
    "单位",
    "部门",
    "组织",
    "企业",
    "公司",
    "中介",
    "服务商",
    "事务所",
    "中心",
];

/// The kinds of [`AGENCY_KINDS`] no agency's own name ends with: `…资质…机构` describes one.
const GENERIC_KINDS: &[&str] = &["机构", "单位", "部门", "组织", "中介", "服务商"];

/// Words that open a description of which agencies qualify (`具备资质检测机构`, `相关检测机构`,
/// `第三方检测机构`).
const DESCRIPTION_LEADS: &[&str] = &[
    "具备",
    "具有",
    "有资质",
    "有相应",
    "持有",
    "取得",
    "依法",
    "相应",
    "相关",
    "符合",
    "第三方",
    "任一",
    "任意",
    "其他",
    "其它",
    "各类",
    "正规",
    "合法",
    "经认定",
    "经备案",
];

/// Lines of business an agency's kind may follow with no name before them (`检测公司`,
/// `测绘单位`, `资产评估机构`).
const BUSINESS_WORDS: &[&str] = &[
    "检测",
    "检验",
    "测绘",
    "测量",
    "评估",
    "评价",
    "鉴定",
    "设计",
    "勘察",
    "勘测",
    "监理",
    "审查",
    "咨询",
    "代理",
    "造价",
    "审计",
    "会计",
    "估价",
    "环评",
    "安评",
    "图审",
    "技术",
    "服务",
    "工程",
    "质量",
    "环境",
    "安全",
    "资产",
    "土地",
    "房地产",
    "施工图",
    "节能",
    "水土保持",
    "防雷",
    "消防",
    "地质",
    "规划",
    "专业",
    "中介",
    "建设",
    "科技",
    "师",
];

/// Whether an agency's name describes which agencies qualify instead of naming one: a kind of
/// agency ([`AGENCY_KINDS`]) after `的` (`具备CMA资质的检测机构`, `有资质的测绘单位`,
/// `依法设立的评估机构`), after a word of [`DESCRIPTION_LEADS`] (`相关检测机构`), after 资质 or 资格
/// with a kind no name ends with (`CMA资质检测机构`), or after nothing but lines of business
/// (`检测公司`, `资产评估机构`). A name such as `池州市建设工程质量检测中心有限公司` or
/// `安徽华测检测技术有限公司` names one. A note in brackets at the end is left out
/// (`有资质的检测机构（申请人自主选择）`).
pub(super) fn describes_an_agency(name: &str) -> bool {
    let mut n = core(name);
    let Some(kind) = AGENCY_KINDS.iter().find(|k| n.ends_with(**k)) else {
        return false;
    };
    // What stands before the kind once the lines of business are left out: empty for `检测机构`.
    let own_name = |s: &str| {
        let mut rest = &s[..s.len() - kind.len()];
        while let Some(w) = BUSINESS_WORDS.iter().find(|w| rest.starts_with(**w)) {
            rest = &rest[w.len()..];
        }
        !rest.is_empty()
    };
    // `的` that is not the taxi's `的士`: what follows the last one is the agency, described
    // (`具备CMA资质的检测机构`) or named (`具备CMA资质的池州市环科检测有限公司`).
    if let Some(at) = n
        .match_indices('的')
        .filter(|(at, _)| !n[*at..].starts_with("的士"))
        .map(|(at, _)| at)
        .next_back()
    {
        let after = &n[at + '的'.len_utf8()..];
        // A name there has its place or its company form (`房产测绘单位` has neither).
        let registered = ["省", "市", "县", "区", "有限公司", "有限责任公司"]
            .iter()
            .any(|w| after.contains(w));
        if !(after.ends_with(kind) && own_name(after) && registered) {
            return true;
        }
        n = after;
    } else if DESCRIPTION_LEADS.iter().any(|l| n.starts_with(l)) {
        return true;
    }
    // `池州市相关检测机构`, `某检测机构`: a place does not make a description a name.
    if ["相关", "有关", "某"]
        .iter()
        .any(|w| n.find(w).is_some_and(|at| !own_name(&n[at + w.len()..])))
    {
        return true;
    }
    if (n.contains("资质") || n.contains("资格")) && GENERIC_KINDS.contains(kind) {
        return true;
    }
    // `池州市检测机构`, `安徽省测绘单位`, `池州市辖区内检测机构`: a place and a kind no name ends
    // with, with no name of its own between them. Not a kind a name may end with: a public body's
    // name is often a place and its business (`池州市防雷中心`), and a company's that has none
    // (`池州市测绘有限公司`) is still its registered form.
    if GENERIC_KINDS.contains(kind) {
        let after_place = &n[leading_division_names(n)..];
        if after_place.ends_with(kind)
            && (PLACE_LEADS
                .iter()
                .chain(DESCRIPTION_LEADS)
                .any(|l| after_place.starts_with(l))
                || !own_name(after_place))
        {
            return true;
        }
    }
    !own_name(n)
}

/// An agency's name without a note in brackets at its end (`有资质的检测机构（申请人自主选择）`)
/// and after its label (`检测单位：池州市某检测有限公司`).
fn core(name: &str) -> &str {
    let mut n = name.trim();
    for (open, close) in [('（', '）'), ('(', ')')] {
        if n.ends_with(close)
            && let Some(at) = n.rfind(open)
        {
            n = n[..at].trim_end();
        }
    }
    // `有资质的检测机构：池州市建设工程质量检测中心`: the name after its label.
    if let Some((_, named)) = n.rsplit_once(['：', ':'])
        && !named.trim().is_empty()
    {
        n = named.trim();
    }
    n
}

/// Words after a place that make it the area agencies are from, not part of a name
/// (`池州市辖区内检测机构`, `池州市本地测绘单位`), or a level of them (`市级检测机构`).
const PLACE_LEADS: &[&str] = &[
    "内",
    "境内",
    "范围内",
    "辖区内",
    "区域内",
    "本地",
    "当地",
    "本级",
    "市级",
    "县级",
    "区级",
    "省级",
    "各",
];

/// Characters that, two or more in a row, stand where a name goes (`安徽XX检测技术有限公司`,
/// `池州市××评估事务所`, `池州市***测绘有限公司`, `○○检测中心`).
const PLACEHOLDER_MARKS: &[char] = &['X', 'x', 'Ｘ', 'ｘ', '×', '*', '＊', '○'];

/// The placeholder an agency's name has where its own name goes, if any: `某某` anywhere; `某`
/// first or right after the places the name starts with (`某检测机构`, `池州市某检测有限公司`,
/// `安徽某科技有限公司`); two or more of [`PLACEHOLDER_MARKS`] in a row, not inside a word of
/// Latin letters (`安徽XX检测技术有限公司`). A `某` after other characters is left
/// (`安徽华某检测有限公司`): what stands before it may be the agency's own name, and the rule does
/// not charge what it cannot tell (a real name with 某 in it is rare, not unknown).
pub(super) fn placeholder_in_name(name: &str) -> Option<&str> {
    let n = core(name);
    if n.contains("某某") {
        return Some("某某");
    }
    if n[leading_division_names(n)..].starts_with('某') {
        return Some("某");
    }
    let mut run: Option<(usize, usize)> = None;
    for (at, c) in n.char_indices().chain([(n.len(), ' ')]) {
        if PLACEHOLDER_MARKS.contains(&c) {
            run = Some(run.map_or((at, 1), |(start, count)| (start, count + 1)));
            continue;
        }
        if let Some((start, count)) = run.take() {
            let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
            if count >= 2
                && !latin(n[..start].chars().next_back())
                && !latin(n[at..].chars().next())
            {
                return Some(&n[start..at]);
            }
        }
    }
    None
}
