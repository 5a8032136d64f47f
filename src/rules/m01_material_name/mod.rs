//! M01 材料名称 — every material has a name, without a medium requirement or a catch-all word.

use std::borrow::Cow;

use std::sync::LazyLock;

use regex::Regex;

use super::general_text::distinct_runs;
use super::prepared_materials::MaterialsPrepared;
use super::{CheckContext, Reads, Rule, RuleMeta, Verdict, Violation, declare_rule};
use crate::model::Item;
use crate::model::text::{is_blank_or_placeholder, quote, trim};

declare_rule! {
    /// ## 检查内容 (What it checks)
    /// 逐个检查申请材料：材料名称不得为空或占位符；不得含有介质要求（原件、复印件、扫描件、扫描版、
    /// 影印件、影印本、影印版、复制件、电子版、电子档、电子文档、扫描档、打印件、打印版，以及作为介质使用的正本/副本）；不得含有兜底性用词（其他材料、相关材料、有关材料、
    /// 其他相关、等材料、等证照、及其他、需要提交的其他……，以及「其他/其它/其余」加上限定词和
    /// 材料/文件/资料/证明/附件/证件/证照/佐证/说明 的组合，如 `其他证明文件`、`其他应当提交的材料`、
    /// `其余材料`、`其他佐证`，或名称以「其他」结尾，如 `其他`、`审批机关要求的其他`；名称开头或「及」「和」「与」「或」「以及」、顿号、逗号、
    /// 括号之后的「相关/有关/相应」直接加上证书/证件/文件/资料/证明/材料等，中间至多是资质、资格、
    /// 批准、许可、技术之类的字，如 `相关资质证书`、`营业执照及相关证件`、`有关批准文件`、
    /// `相应的证明材料`），名称以「等」结尾也算兜底；名称只由需要、另需、所需、补充、提交、提供、
    /// 的、申请人之类的字加上材料/资料/文件/证明/证件/附件组成的（`需要补充的材料`、
    /// `另需提交的材料`、`所需材料`），只说要交材料、没说交什么，整个名称算兜底。其他与其它同等对待；
    /// 词表含常见繁体写法（`身份證複印件`）。
    /// 事项没有列出任何材料时不通过。
    ///
    /// 要素口径：材料类要素逐个材料检查，任一材料不通过则该事项此要素不通过。一个材料名称的
    /// 每类问题各出一条、同时报告：介质要求一条，兜底用词（含以「等」结尾）一条；每条写出该类
    /// 在名称中的全部用词（`原件及复印件` 写出「原件」「复印件」），改一次即可通过。名称为空或
    /// 只填占位符时只报这一条。两类都有时，兜底用词那条的对象写作 `材料「…」的兜底用词`，
    /// 与介质要求那条（对象 `材料「…」`）分开记录。
    ///
    /// 不误报的约定：《》内是文件名称，不检查（`《道路运输车辆技术等级评定表（其他相关车辆）》`），
    /// 但书名号内的文字本身以介质要求或兜底用词结尾的照报（`《营业执照复印件》`、`《其他相关材料》`）；
    /// 证照名称后的正本/副本是文件本身的名称
    /// （`营业执照副本`、`营业执照（副本）`、`营业执照（正、副本）`、`《营业执照》副本`、
    /// `《食品经营许可证》正、副本`、`许可证正本、副本`、`营业执照正本或副本`、
    /// `建筑业企业资质证书（正、副本）`、`法人登记证书正本或副本`），不算介质要求
    /// （`营业执照正本或副本复印件`、`营业执照（正本复印）` 只报「复印件」「复印」），
    /// 而 `申请书副本` 的副本是介质要求；`电子档案`、`扫描档案` 是档案，`影印版图书`、`影印版教材`、
    /// `影印版期刊` 等是出版物，`影印版权` 是版权，`打印版式文件`、`电子版式文件`（版式电子文件，如 OFD、PDF，
    /// `设计文件（电子版式文件）`）是文件格式（`申请表电子版式样` 的「电子版」照报），`电子文档移交书`、
    /// `电子文档归档登记表` 移交、归档的是电子文档，都不是介质（`电子档案查询申请表`）；复印件、
    /// 复印、影印件、影印本、复制件后面紧跟调取、调阅、查询、查阅、借阅，再写出表格名称的，
    /// 说的是申请调取的档案复印件，不是这份材料的介质（`档案影印件调取申请表`）；其他介质用词
    /// （原件、电子档、扫描档、电子文档、打印件、扫描件……）后面紧跟调取、调阅、查询、查阅、借阅，
    /// 再接申请表、申请书、登记表、申请（调取、调阅、借阅后也可以是「单」）的，说的也是申请调阅的
    /// 档案（`电子档调取申请表`、`原件调阅申请表`、`扫描档借阅登记表`、`电子档调取单`），而查询单、
    /// 查询结果是查询所得的材料本身，`电子版查询单`、`电子档查询结果`、`照片电子档`、`身份证复印件` 照报；`其他组织` 是申请人类型，
    /// 不算兜底用词。「相关/有关」说的是部门的（`有关部门的批准文件`、`相关部门出具的证明`），
    /// 或跟在材料所属事物后面的（`住所（经营场所）相关文件`，法规原文），或前面写明与什么相应的
    /// （`与申请事项相应的资质证书`），不报；`其他共有人的有效身份证件` 的「其他」说的是人，不报；「其他」后面写明证件、证明种类的（`居民身份证或其他有效身份证件`、`其他合法权属证明`、与 `土地使用权证或其他合法用地证明` 一样说的是一类证件），不报。词表和例外短语在配置 `[check]` 的 `material_medium_words`、
    /// `material_catch_all_words`、`material_name_exceptions` 中，可增删。
    ///
    /// ## 依据 (Why it matters)
    /// 附录「材料名称」：明确注明该事项受理所需材料名称，且材料名称不存在介质要求或有歧义的描述，
    /// 如【存在"原件"、"复印件"等介质要求，"其他材料"、"相关材料"等兜底性用词】。
    ///
    /// ## 示例 (Example)
    /// 不通过：`身份证复印件`、`《营业执照复印件》`、`营业执照原件及复印件`、`其他相关材料`、
    /// `法律法规规定的其他材料`、`其他证明文件`、`营业执照等证照`、`房产证明等`、`相关资质证书`、
    /// `相应的证明材料`、`需要补充的材料`；`其他相关材料原件` 出两条：介质要求「原件」，兜底性用词「其他相关材料」。
    /// 通过：`居民身份证`、`营业执照副本`、`法人或其他组织的登记证书`。
    ///
    /// ## 整改方法 (How to fix)
    /// 材料名称只写材料本身的规范名称；原件/复印件、份数写在「材料类型」「份数」栏；
    /// 兜底材料改为逐项列明具体材料名称。
    pub struct MaterialName {
        id: "M01",
        name: "material-name",
        element: "材料名称",
        category: Materials,
        severity: Error,
        fix: "材料名称只写规范名称，介质要求写在材料类型栏，兜底材料逐项列明",
    }
}

impl Rule for MaterialName {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn reads(&self) -> Option<Reads> {
        Some(Reads::MATERIALS)
    }

    fn check(&self, item: &Item, ctx: &CheckContext) -> Verdict {
        if item.materials.is_empty() {
            return Verdict::Checked(vec![Violation::new("事项未列出申请材料", "")]);
        }
        let p = &ctx.prepared().materials;
        let mut out = Vec::new();
        for (i, m) in item.materials.iter().enumerate() {
            let name = trim(&m.name);
            if is_blank_or_placeholder(name) {
                // Nothing else to say about a name that is not there.
                let (v, target) = if name.is_empty() {
                    (
                        Violation::new(format!("第{}项申请材料的名称为空", i + 1), ""),
                        format!("材料「第{}项」", i + 1),
                    )
                } else {
                    (
                        Violation::new(format!("材料名称未填写实际名称: \"{name}\""), name),
                        format!("材料「{name}」"),
                    )
                };
                out.push(v.target(target).at(&m.provenance));
                continue;
            }
            let [medium, catch_all] = name_problems(name, p);
            if medium.is_none() && catch_all.is_none() {
                continue;
            }
            // The first problem keeps the material's own target (as when the rule reported one
            // problem a name, so the history keeps its findings); a catch-all beside a medium
            // names its aspect, as link findings do: two problems, two fingerprints.
            let target = format!("材料「{name}」");
            if let Some(v) = medium {
                out.push(v.target(target.clone()).at(&m.provenance));
                if let Some(v) = catch_all {
                    out.push(v.target(format!("{target}的兜底用词")).at(&m.provenance));
                }
            } else if let Some(v) = catch_all {
                out.push(v.target(target).at(&m.provenance));
            }
        }
        Verdict::Checked(out)
    }
}

/// The bits of [`MaterialsPrepared::name_words`]: the two lists, the title marks, the words
/// that begin [`OTHER_DOCUMENTS`] and those that begin [`RELATED_DOCUMENTS`].
const MEDIUM: u8 = 1;
const CATCH_ALL: u8 = 2;
const TITLE: u8 = 4;
const OTHER: u8 = 8;
const RELATED: u8 = 16;

/// Catch-alls the lists cannot enumerate: 其他/其它/其余, qualifiers, and a word for documents
/// (`其他证明文件`, `其它证明材料`, `其他应当提交的材料`, `其余材料`, `其他证件`, `其他佐证`,
/// `其他补充说明`), or the name ending in 其他 (`其他`, `审批机关要求的其他`). Searched only in a name that holds one of [`OTHER_WORDS`]
/// (after the exceptions are masked, so `其他组织` is not one).
static OTHER_DOCUMENTS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        "(?:其他|其它|其余|其餘)",
        "(?:相关|有关|相应|必要|必需|必须|需要|需|须|应当|应该|应|要求|规定|法定|所需|提交|提供|报送|",
        "递交|上报|申报|申请|补充|佐证|辅助|支撑|证明|书面|的|、|",
        "相關|有關|相應|須|應當|應該|應|規定|報送|遞交|申報|申請|補充|輔助|證明|書面)*",
        "(?:材料|文件|资料|证明|附件|证件|证照|佐证|说明|資料|證明|證件|證照|說明)",
        "|(?:其他|其它|其余|其餘)[。.\\s]*$",
    ))
    .expect("catch-all pattern")
});

/// Catch-alls of 相关/有关/相应 before the material's own word for documents, with no more than
/// what kind of document between (`相关资质证书`, `相关证件`, `有关批准文件`, `相关技术资料`), at
/// the start of the name or of a part of it (`营业执照及相关证件`): which certificate or document
/// it is, the name does not say. The catch-all is group 1. 相关/有关 that qualify a department
/// (`有关部门的批准文件`, `相关部门出具的证明`) or stand after what the document is of
/// (`住所（经营场所）相关文件`, statutory wording) are left to the clerk's judgement. Searched
/// only in a name that holds one of [`RELATED_WORDS`].
static RELATED_DOCUMENTS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        "(?:^|以及|[及和与或并、，,；;：:（(])",
        "((?:相关|有关|相应|相關|有關|相應)的?",
        "(?:资质|资格|批准|审批|许可|证明|技术|身份|登记|权属|产权|合法|有效|书面|佐证|支撑|",
        "資質|資格|審批|許可|證明|技術|登記|權屬|產權|書面)*",
        "(?:材料|资料|文件|证明|证件|证照|证书|附件|手续|凭证|批文|文书|许可证|资格证|",
        "資料|證明|證件|證照|證書|手續|憑證|許可證|資格證))",
    ))
    .expect("related catch-all pattern")
});

/// What is wrong with a name that is there: a medium requirement, a catch-all, each at most once
/// and naming every word of its kind, so that one fix clears the name.
fn name_problems(name: &str, p: &MaterialsPrepared) -> [Option<Violation>; 2] {
    // One pass over the name tells whether either list or the pattern can answer (nearly every
    // name holds no word of either: two list searches cost about 1,000 instructions a name) and
    // whether it holds a title mark; only a name that does is searched again.
    let found = p
        .name_words
        .as_ref()
        .map_or(MEDIUM | CATCH_ALL | TITLE | OTHER | RELATED, |w| {
            w.found(name, 5)
        });
    let ends_deng = ends_with_deng(name);
    // A name that asks for documents and names none is one catch-all, the whole of it.
    let unnamed = unnamed::names_no_document(name);
    if found & (MEDIUM | CATCH_ALL | OTHER | RELATED) == 0 && unnamed.is_none() {
        return [None, ends_deng.then(|| deng_finding(name))];
    }
    let (medium, mut catch_all) = if found & (MEDIUM | CATCH_ALL | OTHER | RELATED) == 0 {
        (Vec::new(), Vec::new())
    } else {
        word_runs(name, p, found)
    };
    if let Some(whole) = unnamed {
        catch_all = vec![whole.to_owned()];
    }
    let shown = quote(name, 60);
    let medium = (!medium.is_empty()).then(|| {
        Violation::new(
            format!("材料名称含有介质要求{}: \"{shown}\"", quoted(&medium)),
            name,
        )
    });
    let catch_all = if catch_all.is_empty() {
        ends_deng.then(|| deng_finding(name))
    } else {
        Some(Violation::new(
            format!(
                "材料名称含有兜底性用词{}{}: \"{shown}\"",
                quoted(&catch_all),
                if ends_deng {
                    "，且以「等」结尾"
                } else {
                    ""
                }
            ),
            name,
        ))
    };
    [medium, catch_all]
}

/// The medium words and the catch-alls of a name, each stretch once: those outside titles, and
/// those a title ends with. A title in 《》 is a document's name, so words inside it do not count
/// (`《道路运输车辆技术等级评定表（其他相关车辆）》`) — unless the title itself ends in one:
/// `《营业执照复印件》` is a copy, `《其他相关材料》` a catch-all, whatever the marks.
fn word_runs(name: &str, p: &MaterialsPrepared, found: u8) -> (Vec<String>, Vec<String>) {
    let patterns = found & (OTHER | RELATED);
    let outside = if found & TITLE == 0 {
        Cow::Borrowed(name)
    } else {
        strip_titles(name)
    };
    let mut medium = runs(&outside, p, false, 0);
    let mut catch_all = runs(&outside, p, true, patterns);
    if found & TITLE != 0 && name.contains('《') {
        for title in titles(name) {
            for (list, catch) in [(&mut medium, false), (&mut catch_all, true)] {
                for r in title_tail_runs(&title, p, catch, patterns) {
                    if !list.contains(&r) {
                        list.push(r);
                    }
                }
            }
        }
    }
    (medium, catch_all)
}

/// The stretches of `text` covered by the medium words (or the catch-all words and, when
/// `patterns` has their bits, [`OTHER_DOCUMENTS`] and [`RELATED_DOCUMENTS`]), the name
/// exceptions masked.
fn runs(text: &str, p: &MaterialsPrepared, catch_all: bool, patterns: u8) -> Vec<String> {
    stretches(text, p, catch_all, patterns, false)
}

/// [`runs`] of a title's text that reach its end.
fn title_tail_runs(
    title: &str,
    p: &MaterialsPrepared,
    catch_all: bool,
    patterns: u8,
) -> Vec<String> {
    stretches(title, p, catch_all, patterns, true)
}

fn stretches(
    text: &str,
    p: &MaterialsPrepared,
    catch_all: bool,
    patterns: u8,
    at_end_only: bool,
) -> Vec<String> {
    let masked = p.name_exceptions.mask(text);
    let mut spans = Vec::new();
    if catch_all {
        p.catch_all_words.push_spans(&masked, &mut spans);
        if patterns & OTHER != 0 {
            spans.extend(
                OTHER_DOCUMENTS
                    .find_iter(&masked)
                    .map(|m| (m.start(), m.end())),
            );
        }
        if patterns & RELATED != 0 {
            spans.extend(
                RELATED_DOCUMENTS
                    .captures_iter(&masked)
                    .filter_map(|c| c.get(1))
                    .map(|m| (m.start(), m.end())),
            );
        }
    } else {
        p.medium_words.push_spans(&masked, &mut spans);
        requested::drop_requested_copies(&masked, &mut spans);
    }
    if spans.is_empty() {
        return Vec::new();
    }
    let end = masked.trim_end_matches(['。', '.', ' ', '、', '等']).len();
    distinct_runs(&masked, spans, |(_, e)| !at_end_only || e >= end)
}

/// The text of each outermost 《…》 of the name, without what it holds in brackets
/// (`道路运输车辆技术等级评定表（其他相关车辆）` is read `道路运输车辆技术等级评定表`).
fn titles(name: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let (mut depth, mut bracket) = (0u32, 0u32);
    for c in name.chars() {
        match c {
            '《' => {
                depth += 1;
                if depth == 1 {
                    current.clear();
                    bracket = 0;
                    continue;
                }
            }
            '》' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    out.push(std::mem::take(&mut current));
                    continue;
                }
            }
            _ => {}
        }
        if depth == 0 {
            continue;
        }
        match c {
            '（' | '(' => bracket += 1,
            '）' | ')' if bracket > 0 => bracket -= 1,
            _ if bracket == 0 => current.push(c),
            _ => {}
        }
    }
    out
}

/// `「原件」「复印件」`.
fn quoted(words: &[String]) -> String {
    let mut out = String::new();
    for w in words {
        out.push('「');
        out.push_str(w);
        out.push('」');
    }
    out
}

/// Whether the name ends in 等 (a catch-all of its own).
fn ends_with_deng(name: &str) -> bool {
    // Such a name ends in 等 (E7 AD 89) or a trimmed 。 (E3 80 82), '.' or ' ': its last byte
    // tells most names apart without decoding characters from the end.
    matches!(name.as_bytes().last(), Some(0x89 | 0x82 | b'.' | b' '))
        && name.trim_end_matches(['。', '.', ' ']).ends_with('等')
}

/// The finding for a name ending in 等 and holding no catch-all word.
fn deng_finding(name: &str) -> Violation {
    Violation::new(
        format!(
            "材料名称以「等」结尾，所需材料不明确: \"{}\"",
            quote(name, 60)
        ),
        name,
    )
}

/// `name.contains(['《', '（', '('])`, on the bytes: `(`, or the last byte of 《 (E3 80 8A) or
/// （ (EF BC 88) with the two before it. A lead byte begins every character of UTF-8, so those
/// three bytes are that character wherever they occur.
fn holds_title_or_bracket(name: &str) -> bool {
    let b = name.as_bytes();
    memchr::memchr3_iter(b'(', 0x8A, 0x88, b).any(|i| match b[i] {
        b'(' => true,
        0x8A => i >= 2 && b[i - 2..i] == [0xE3, 0x80],
        _ => i >= 2 && b[i - 2..i] == [0xEF, 0xBC],
    })
}

/// The name with the inside of every 《…》 replaced by `《》`, keeping the marks so that
/// `《营业执照》副本` still matches the exception `》副本`; `（副本）`, `(正本)`, `（正、副本）`
/// lose their brackets so that `营业执照（副本）` matches `执照副本`.
fn strip_titles(name: &str) -> Cow<'_, str> {
    // Most names have neither a title nor a bracket: nothing to change, nothing to copy.
    if !holds_title_or_bracket(name) {
        return Cow::Borrowed(name);
    }
    let name = unbracket_copies(name);
    if !name.contains('《') {
        return Cow::Owned(name);
    }
    let mut out = String::with_capacity(name.len());
    let mut depth = 0u32;
    for c in name.chars() {
        match c {
            '《' => {
                depth += 1;
                if depth == 1 {
                    out.push(c);
                }
            }
            '》' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    out.push(c);
                }
            }
            _ if depth > 0 => {}
            _ => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// The name with the brackets taken off every bracketed 正本/副本 wording (`（副本）`, `(正本)`,
/// `（正、副本）`, `（正本和副本）`, `（正本或副本）`, `（正本、副本均可）`): what remains of it is the certificate's own name.
fn unbracket_copies(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut rest = name;
    while let Some(open) = rest.find(['（', '(']) {
        let inner_start = open + rest[open..].chars().next().map_or(1, char::len_utf8);
        let close = rest[inner_start..]
            .find(['）', ')'])
            .map(|i| inner_start + i);
        let Some(close) = close else { break };
        let after = close + rest[close..].chars().next().map_or(1, char::len_utf8);
        let inner = &rest[inner_start..close];
        let copies = inner.contains('本')
            && inner.chars().all(|c| {
                matches!(
                    c,
                    '正' | '副'
                        | '本'
                        | '、'
                        | '和'
                        | '及'
                        | '与'
                        | '或'
                        | '者'
                        | '均'
                        | '可'
                        | '/'
                        | ','
                )
            });
        if copies {
            out.push_str(&rest[..open]);
            out.push_str(inner);
        } else {
            out.push_str(&rest[..after]);
        }
        rest = &rest[after..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod media_tests;
mod requested;
#[cfg(test)]
mod tests;
mod unnamed;
