//! M02 材料来源 — every material says where it comes from, naming the issuing department.

use std::sync::LazyLock;

use super::materials::{SourceChannel, findings_by_key, source_channel};
use super::{CheckContext, Reads, Rule, RuleMeta, Verdict, Violation, declare_rule};
use crate::model::text::{is_blank_or_placeholder, quote, trim};
use crate::model::{Item, Material};

declare_rule! {
    /// ## 检查内容 (What it checks)
    /// 逐个检查申请材料的来源渠道（申请人自备 / 政府部门核发 / 其他，代码 10/20/99）和来源渠道说明
    /// （出具单位）：两者都没有填写的不通过；来源渠道为「政府部门核发」或「其他」时，出具单位必须写明
    /// 具体部门，只写「政府部门」「相关部门」「有关部门」「主管部门」「发证机关」等泛称的不通过，
    /// 泛称前面只加了地方或层级的（「当地政府部门」「所在地政府部门」「县级政府部门」「上级部门」）
    /// 也不通过，但政府本身是具体的机关，`当地政府`、`所在地政府`、`县级政府` 与 `县政府` 一样算写明；
    /// 具体部门写在来源渠道栏里的（`政府部门核发（公安机关）`、`政府部门核发：户籍所在地派出所`、
    /// `公安机关核发`）也算写明。
    /// 来源渠道为「申请人自备」时出具单位可以不写；来源渠道无法识别（不是上述代码或名称）又没有
    /// 出具单位的不通过；没有来源渠道但写了具体出具单位的通过。事项没有材料时不涉及（n/a，由 M01 报告）。
    ///
    /// 要素口径：任一材料不通过则该事项此要素不通过，每个不通过的材料各出一条问题。
    ///
    /// ## 依据 (Why it matters)
    /// 附录「材料来源」：明确注明该事项受理所需材料的来源或材料的出具部门，
    /// 如【材料名称:户籍证明;出具单位:户口所在地派出所】。
    ///
    /// ## 示例 (Example)
    /// 不通过：来源渠道和出具单位都为空；`政府部门核发` + 出具单位 `相关部门` 或 `当地政府部门`；
    /// `其他` + 出具单位空。
    /// 通过：`申请人自备`；`政府部门核发` + `户口所在地派出所`；`20` + `县级以上市场监督管理部门`；
    /// 来源渠道 `政府部门核发（公安机关）`、出具单位空。
    ///
    /// ## 整改方法 (How to fix)
    /// 填写来源渠道，并在来源渠道说明中写明出具材料的具体单位，如「户口所在地派出所」
    /// 「不动产所在地不动产登记机构」。
    pub struct MaterialSource {
        id: "M02",
        name: "material-source",
        element: "材料来源",
        category: Materials,
        severity: Error,
        fix: "填写材料来源渠道，政府部门核发的材料写明具体出具单位",
    }
}

/// Words that, alone, do not name a department: generic bodies, and where or at which level
/// (`当地政府部门`, `县级政府部门`, `上级部门` name none; `当地婚姻登记机关`,
/// `县级以上市场监督管理部门` do). Replaced in order: a word that holds another comes first.
const GENERIC: &[&str] = &[
    // The government's departments of a county, city … (`县政府部门`), before 政府部门: the
    // level alone is no department.
    "县政府部门",
    "市政府部门",
    "区政府部门",
    "省政府部门",
    "乡政府部门",
    "镇政府部门",
    "政府部门",
    "政府",
    "相关",
    "有关",
    "主管",
    "行政",
    "职能",
    "部门",
    "单位",
    "机关",
    "机构",
    "核发",
    "出具",
    "颁发",
    "发证",
    "开具",
    "提供",
    "的",
    "等",
    "各级",
    "其他",
    "其它",
];

/// After [`GENERIC`] and [`PLACES`] in [`generic_words`]: a level's bound (`县级以上`).
const BOUNDS: &[&str] = &["及以上", "以上"];

/// Every generic word, in the order they are taken out: [`GENERIC`], then where and at which
/// level ([`PLACES`]; h33: 内地居民离婚登记, 结婚证 issued by `当地政府部门`), then [`BOUNDS`].
fn generic_words() -> impl Iterator<Item = &'static str> {
    GENERIC.iter().chain(PLACES).chain(BOUNDS).copied()
}

/// Where and at which level, before 政府: with one, the 政府 is that place's (`当地政府`).
const PLACES: &[&str] = &[
    "当地",
    "所在地",
    "属地",
    "本地",
    "本级",
    "同级",
    "上一级",
    "上级",
    "县级",
    "市级",
    "区级",
    "省级",
    "乡级",
    "镇级",
];

/// Whether the issuer is a government named by place or level (`当地政府`, `所在地政府`,
/// `县级政府`, as `县政府`): a government is a body; only its 部门 named by place or level is
/// generic (`当地政府部门`).
fn names_a_government(desc: &str) -> bool {
    desc.strip_suffix("政府")
        .is_some_and(|before| PLACES.iter().any(|p| before.contains(p)))
}

/// The characters of the [`generic_words`], sorted.
static GENERIC_CHARS: LazyLock<Vec<char>> = LazyLock::new(|| {
    let mut chars: Vec<char> = generic_words().flat_map(str::chars).collect();
    chars.sort_unstable();
    chars.dedup();
    chars
});

/// Whether an issuing-body text names a department (something beyond generic words).
fn names_department(desc: &str) -> bool {
    if names_a_government(desc) {
        return true;
    }
    let is_han = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
    // Taking out generic words only removes characters they are made of: a Han character that is
    // in none of them stays, so the answer is known without copying (`户口所在地派出所`).
    if desc
        .chars()
        .any(|c| is_han(c) && GENERIC_CHARS.binary_search(&c).is_err())
    {
        return true;
    }
    if !desc.chars().any(is_han) {
        return false;
    }
    let mut rest = desc.to_owned();
    for g in generic_words() {
        if rest.contains(g) {
            rest = rest.replace(g, "");
        }
    }
    rest.chars().any(is_han)
}

fn check_material(m: &Material) -> Option<Violation> {
    let channel_text = trim(&m.source_channel);
    let desc = trim(&m.source_desc);
    let channel = source_channel(channel_text);
    let desc_blank = is_blank_or_placeholder(desc);
    if desc_blank && is_blank_or_placeholder(channel_text) {
        return Some(Violation::new(
            if channel_text.is_empty() && desc.is_empty() {
                "材料未注明来源渠道和出具单位".to_owned()
            } else {
                format!("材料来源未填写实际内容: \"{channel_text}{desc}\"")
            },
            format!("{channel_text}{desc}"),
        ));
    }
    match channel {
        Some(SourceChannel::Applicant) => None,
        Some(kind @ (SourceChannel::Government | SourceChannel::Other)) => {
            let label = if kind == SourceChannel::Government {
                "政府部门核发"
            } else {
                "其他"
            };
            // The department is often written into the channel cell itself
            // (`政府部门核发（公安机关）`, `公安机关核发`): that names it too.
            if desc_blank {
                (!names_department(channel_text)).then(|| {
                    Violation::new(
                        format!("材料来源为「{label}」但未写明出具单位: \"{channel_text}\""),
                        channel_text,
                    )
                })
            } else if !names_department(desc) && !names_department(channel_text) {
                Some(Violation::new(
                    format!(
                        "出具单位只写了泛称，未写明具体部门: \"{}\"",
                        quote(desc, 40)
                    ),
                    desc,
                ))
            } else {
                None
            }
        }
        // Channel empty or unreadable, but the issuing body given: that is the source.
        None if !desc_blank => (!names_department(desc)).then(|| {
            Violation::new(
                format!(
                    "出具单位只写了泛称，未写明具体部门: \"{}\"",
                    quote(desc, 40)
                ),
                desc,
            )
        }),
        None => Some(Violation::new(
            format!(
                "来源渠道无法识别且未写明出具单位: \"{}\"",
                quote(channel_text, 40)
            ),
            channel_text,
        )),
    }
}

impl Rule for MaterialSource {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn reads(&self) -> Option<Reads> {
        Some(Reads::MATERIALS)
    }

    fn check(&self, item: &Item, _ctx: &CheckContext) -> Verdict {
        if item.materials.is_empty() {
            return Verdict::NotApplicable;
        }
        // The materials of a list often share their source: each distinct one is judged once.
        Verdict::Checked(findings_by_key(
            &item.materials,
            |m| [&m.source_channel, &m.source_desc],
            check_material,
        ))
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// The plain definition that [`names_department`] answers without copying.
    fn names_department_plain(desc: &str) -> bool {
        if names_a_government(desc) {
            return true;
        }
        let mut rest = desc.to_owned();
        for g in generic_words() {
            rest = rest.replace(g, "");
        }
        rest.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
    }

    proptest! {
        #[test]
        fn names_department_as_defined(
            pieces in proptest::collection::vec(
                proptest::sample::select(
                    generic_words().chain(["派出所", "政", "府", "部", "a", "、"]).collect::<Vec<_>>()
                ),
                0..6,
            )
        ) {
            let desc = pieces.concat();
            prop_assert_eq!(names_department(&desc), names_department_plain(&desc));
        }
    }

    #[test]
    fn generic_words_alone_name_no_department() {
        assert!(!names_department("相关部门"));
        assert!(!names_department("政府部门"));
        assert!(!names_department("相政府关"));
        assert!(names_department("户口所在地派出所"));
        // h33: a place or a level before a generic word names no department.
        for desc in [
            "当地政府部门",
            "所在地政府部门",
            "县级政府部门",
            "上级部门",
            "上级主管部门",
        ] {
            assert!(!names_department(desc), "{desc}");
        }
        for desc in [
            "当地婚姻登记机关",
            "县级以上人民政府民政部门",
            "县政府办公室",
            "上级党组织",
            // h33: a government named by place or level is a body, as 县政府 is.
            "当地政府",
            "所在地政府",
            "县级政府",
            "县级以上人民政府",
        ] {
            assert!(names_department(desc), "{desc}");
        }
        assert!(!names_department("abc"));
    }
}
