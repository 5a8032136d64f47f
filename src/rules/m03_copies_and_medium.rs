//! M03 规格份数 — every material states how many copies and in what medium.

use super::materials::{findings_by_key, holds_word as holds, parse_copies, parse_marked_copies};
use super::{CheckContext, Reads, Rule, RuleMeta, Verdict, Violation, declare_rule};
use std::borrow::Cow;

use crate::model::domain::Domain;
use crate::model::text::{is_blank_or_placeholder, quote, trim};
use crate::model::{Item, Material};

declare_rule! {
    /// ## 检查内容 (What it checks)
    /// 逐个检查申请材料：必须注明份数（份数栏的 `1`、`2份`、`壹份`、`一`，或规格、材料类型栏中的
    /// 「1份」「壹份」）；必须注明介质要求（材料类型：原件/复印件/原件和复印件/原件或复印件，或材料
    /// 形式：纸质/电子，或规格栏、份数栏中写明的原件、复印件、电子版，如份数栏 `原件1份，复印件1份`）。
    /// 份数为 0 只在材料仅要求电子版时允许（材料形式为电子而非纸质，或材料类型为电子版且没有
    /// 原件、复印件、纸质要求）。
    /// 事项没有材料时不涉及（n/a，由 M01 报告）。
    ///
    /// 要素口径：任一材料不通过则该事项此要素不通过，每个不通过的材料各出一条问题。
    ///
    /// ## 依据 (Why it matters)
    /// 附录「规格份数」：明确注明该事项受理所需材料的份数和介质要求，如【原件、复印件、电子版】。
    ///
    /// ## 示例 (Example)
    /// 不通过：份数为空；份数 `若干`、`-1`、`1.5`；材料类型和材料形式都为空；份数 `0` 而材料形式为 `纸质`。
    /// 通过：份数 `1`、材料类型 `原件`；份数 `2份`、材料形式 `纸质和电子`；份数 `原件1份，复印件1份`；
    /// 份数 `0`、材料类型 `电子版`。
    ///
    /// ## 整改方法 (How to fix)
    /// 在「份数」栏填写具体份数（如 1），在「材料类型」栏填写原件或复印件，在「材料形式」栏填写
    /// 纸质或电子。
    pub struct CopiesAndMedium {
        id: "M03",
        name: "copies-and-medium",
        element: "规格份数",
        category: Materials,
        severity: Error,
        fix: "填写材料份数（如 1 份）和介质要求（原件/复印件、纸质/电子）",
    }
}

const MEDIUM_WORDS: &[&str] = &[
    "原件",
    "复印件",
    "复印",
    "电子",
    "纸质",
    "扫描",
    "影印",
    "正本",
    "副本",
    // Traditional characters.
    "複印",
    "電子",
    "紙質",
    "掃描",
];

fn states_medium(text: &str) -> bool {
    MEDIUM_WORDS.iter().any(|w| holds(text, w))
}

/// 材料类型 or 材料形式 as its standard label when the platform stored the domain's code
/// (`"cllx":"1"` → 原件, `"clxs":"3"` → 纸质和电子, as 来源渠道 `10` is read as 申请人自备); as
/// written otherwise. Read as written, a JSON endpoint's codes were 「介质要求无法识别」 (h33).
fn medium_label(value: &str, domain: Domain) -> Cow<'_, str> {
    match domain.by_code(value) {
        Some(v) => Cow::Borrowed(v.label),
        None => Cow::Borrowed(value),
    }
}

/// Whether the material is asked for in electronic form only, so that 0 paper copies is right:
/// 材料形式 (`form`) says 电子 and not 纸质 (and 材料类型, `kind`, asks for no 原件); or 材料形式
/// does not say 纸质 and 材料类型 says 电子 (`电子版`, `电子`) with no paper medium (原件, 复印件,
/// 纸质) beside it.
fn electronic_only(kind: &str, form: &str) -> bool {
    if holds(form, "纸质") {
        return false;
    }
    (holds(form, "电子") && !holds(kind, "原件"))
        || (holds(kind, "电子") && !["原件", "复印", "纸质"].iter().any(|w| holds(kind, w)))
}

fn check_material(m: &Material) -> Vec<Violation> {
    let mut out = Vec::new();
    let copies_text = trim(&m.copies);
    let copies = if is_blank_or_placeholder(copies_text) && copies_text != "0" {
        parse_marked_copies(&m.spec).or_else(|| parse_marked_copies(&m.material_type))
    } else {
        parse_copies(copies_text)
    };
    let kind = medium_label(&m.material_type, Domain::MaterialType);
    let form = medium_label(&m.form, Domain::MaterialForm);
    let electronic_only = electronic_only(&kind, &form);
    match copies {
        None if copies_text.is_empty() || is_blank_or_placeholder(copies_text) => {
            out.push(Violation::new(
                if copies_text.is_empty() {
                    "材料未注明份数".to_owned()
                } else {
                    format!("材料份数未填写实际数量: \"{copies_text}\"")
                },
                copies_text,
            ));
        }
        None => out.push(Violation::new(
            format!("材料份数不是具体数量: \"{}\"", quote(copies_text, 20)),
            copies_text,
        )),
        Some(0) if !electronic_only => out.push(Violation::new(
            format!("纸质材料份数为 0: \"{copies_text}\""),
            copies_text,
        )),
        Some(_) => {}
    }
    // The 份数 cell too: a single 规格份数 column often reads `原件1份，复印件1份`.
    let medium_fields = [
        kind.as_ref(),
        form.as_ref(),
        m.spec.as_str(),
        m.copies.as_str(),
    ];
    if !medium_fields.iter().any(|f| states_medium(f)) {
        // Each field quoted by itself: `材料类型 "无"、材料形式 "无"`, not `"无无"`.
        let fields: Vec<(&str, &str)> = [("材料类型", &m.material_type), ("材料形式", &m.form)]
            .into_iter()
            .map(|(label, value)| (label, value.trim()))
            .filter(|(_, value)| !value.is_empty())
            .collect();
        let shown: Vec<String> = fields
            .iter()
            .map(|(label, value)| format!("{label} \"{}\"", quote(value, 30)))
            .collect();
        let evidence: Vec<&str> = fields.iter().map(|&(_, value)| value).collect();
        out.push(Violation::new(
            if shown.is_empty() {
                "材料未注明介质要求（原件、复印件、纸质、电子版）".to_owned()
            } else {
                format!("材料的介质要求无法识别: {}", shown.join("、"))
            },
            evidence.join(" "),
        ));
    }
    out
}

/// One finding per material: the problems joined.
fn merge(mut problems: Vec<Violation>) -> Option<Violation> {
    let first = problems.pop()?;
    Some(problems.into_iter().rev().fold(first, |acc, v| {
        let evidence = [v.evidence.as_str(), acc.evidence.as_str()]
            .iter()
            .filter(|e| !e.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" ");
        Violation::new(format!("{}；{}", v.message, acc.message), evidence)
    }))
}

impl Rule for CopiesAndMedium {
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
        // The materials of a list often share these four fields: each distinct set is judged once.
        Verdict::Checked(findings_by_key(
            &item.materials,
            |m| [&m.copies, &m.material_type, &m.form, &m.spec],
            |m| merge(check_material(m)),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::materials::material_target;

    proptest::proptest! {
        /// Judging each distinct set of fields once gives the verdict of judging every material,
        /// and `holds` answers as `str::contains`.
        #[test]
        fn judged_once_per_distinct_fields(materials in proptest::collection::vec(
            (
                proptest::sample::select(vec!["1", "", "0", "若干", "2份"]),
                proptest::sample::select(vec!["原件", "", "复印件1份"]),
                proptest::sample::select(vec!["纸质", "电子", ""]),
                proptest::sample::select(vec!["A4", ""]),
                proptest::sample::select(vec!["营业执照", "申请表"]),
            ),
            0..10,
        )) {
            let item = Item {
                materials: materials
                    .into_iter()
                    .map(|(copies, material_type, form, spec, name)| Material {
                        name: name.into(),
                        copies: copies.into(),
                        material_type: material_type.into(),
                        form: form.into(),
                        spec: spec.into(),
                        ..Material::default()
                    })
                    .collect(),
                ..Item::default()
            };
            let plain = if item.materials.is_empty() {
                Verdict::NotApplicable
            } else {
                Verdict::Checked(
                    item.materials
                        .iter()
                        .filter_map(|m| {
                            merge(check_material(m))
                                .map(|v| v.target(material_target(m)).at(&m.provenance))
                        })
                        .collect(),
                )
            };
            proptest::prop_assert_eq!(
                CopiesAndMedium.check(&item, &CheckContext::default()),
                plain
            );
            for m in &item.materials {
                for w in MEDIUM_WORDS {
                    proptest::prop_assert_eq!(holds(&m.material_type, w), m.material_type.contains(w));
                }
            }
        }
    }
}
