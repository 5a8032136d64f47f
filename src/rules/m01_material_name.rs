//! M01 材料名称 — every material has a name, without a medium requirement or a catch-all word.

use std::borrow::Cow;

use super::{CheckContext, Reads, Rule, RuleMeta, Verdict, Violation, declare_rule};
use crate::model::Item;
use crate::model::text::{is_blank_or_placeholder, quote, trim};

declare_rule! {
    /// ## 检查内容 (What it checks)
    /// 逐个检查申请材料：材料名称不得为空或占位符；不得含有介质要求（原件、复印件、扫描件、影印件、
    /// 电子版，以及作为介质使用的正本/副本）；不得含有兜底性用词（其他材料、相关材料、有关材料、
    /// 其他相关、等材料、及其他、需要提交的其他……），名称以「等」结尾也算兜底。
    /// 事项没有列出任何材料时不通过。
    ///
    /// 要素口径：材料类要素逐个材料检查，任一材料不通过则该事项此要素不通过，每个不通过的材料
    /// 各出一条问题并写明材料名称。
    ///
    /// 不误报的约定：《》内是文件名称，不检查；证照名称后的正本/副本是文件本身的名称
    /// （`营业执照副本`、`营业执照（副本）`、`《营业执照》副本`、`许可证正本、副本`），不算介质要求，
    /// 而 `申请书副本` 的副本是介质要求；`其他组织` 是申请人类型，
    /// 不算兜底用词。词表和例外短语在配置 `[check]` 的 `material_medium_words`、
    /// `material_catch_all_words`、`material_name_exceptions` 中，可增删。
    ///
    /// ## 依据 (Why it matters)
    /// 附录「材料名称」：明确注明该事项受理所需材料名称，且材料名称不存在介质要求或有歧义的描述，
    /// 如【存在"原件"、"复印件"等介质要求，"其他材料"、"相关材料"等兜底性用词】。
    ///
    /// ## 示例 (Example)
    /// 不通过：`身份证复印件`、`营业执照原件及复印件`、`其他相关材料`、`法律法规规定的其他材料`、
    /// `房产证明等`。
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
            let finding = if is_blank_or_placeholder(name) {
                Some(if name.is_empty() {
                    Violation::new(format!("第{}项申请材料的名称为空", i + 1), "")
                } else {
                    Violation::new(format!("材料名称未填写实际名称: \"{name}\""), name)
                })
            } else {
                // Titles in 《》 are documents' names: not checked. One pass over the name tells
                // whether either list can answer (nearly every name holds no word of either: two
                // list searches cost about 1,000 instructions a name) and whether it holds a title
                // mark; only a name that does is rewritten and passed over again.
                let (outside_titles, may_hold) = match &p.name_words {
                    Some(w) => {
                        let found = w.found(name, 3);
                        if found & 4 == 0 {
                            (Cow::Borrowed(name), found & 3 != 0)
                        } else {
                            let outside = strip_titles(name);
                            let may_hold = w.found(&outside, 3) & 3 != 0;
                            (outside, may_hold)
                        }
                    }
                    None => (strip_titles(name), true),
                };
                if !may_hold {
                    ends_with_deng(name)
                } else if let Some(w) = p.medium_words.first_in(&outside_titles, &p.name_exceptions)
                {
                    Some(Violation::new(
                        format!("材料名称含有介质要求「{w}」: \"{}\"", quote(name, 60)),
                        name,
                    ))
                } else if let Some(w) = p
                    .catch_all_words
                    .first_in(&outside_titles, &p.name_exceptions)
                {
                    Some(Violation::new(
                        format!("材料名称含有兜底性用词「{w}」: \"{}\"", quote(name, 60)),
                        name,
                    ))
                } else {
                    ends_with_deng(name)
                }
            };
            if let Some(v) = finding {
                let target = if name.is_empty() {
                    format!("材料「第{}项」", i + 1)
                } else {
                    format!("材料「{name}」")
                };
                out.push(v.target(target).at(&m.provenance));
            }
        }
        Verdict::Checked(out)
    }
}

/// The finding for a name ending in 等 (once neither list has a word in it).
fn ends_with_deng(name: &str) -> Option<Violation> {
    // Such a name ends in 等 (E7 AD 89) or a trimmed 。 (E3 80 82), '.' or ' ': its last byte
    // tells most names apart without decoding characters from the end.
    (matches!(name.as_bytes().last(), Some(0x89 | 0x82 | b'.' | b' '))
        && name.trim_end_matches(['。', '.', ' ']).ends_with('等'))
    .then(|| {
        Violation::new(
            format!(
                "材料名称以「等」结尾，所需材料不明确: \"{}\"",
                quote(name, 60)
            ),
            name,
        )
    })
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
/// `《营业执照》副本` still matches the exception `》副本`; `（副本）`/`(正本)` lose their brackets
/// so that `营业执照（副本）` matches `执照副本`.
fn strip_titles(name: &str) -> Cow<'_, str> {
    // Most names have neither a title nor a bracket: nothing to change, nothing to copy.
    if !holds_title_or_bracket(name) {
        return Cow::Borrowed(name);
    }
    let mut name = name.to_owned();
    for (from, to) in [
        ("（副本）", "副本"),
        ("(副本)", "副本"),
        ("（正本）", "正本"),
        ("(正本)", "正本"),
    ] {
        if name.contains(from) {
            name = name.replace(from, to);
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// [`strip_titles`]'s question without the byte pre-check.
    fn has_title_or_bracket_plain(name: &str) -> bool {
        name.contains(['《', '（', '('])
    }

    /// [`ends_with_deng`]'s question without the last-byte pre-check.
    fn ends_with_deng_plain(name: &str) -> bool {
        name.trim_end_matches(['。', '.', ' ']).ends_with('等')
    }

    proptest::proptest! {
        #[test]
        fn pre_checks_answer_as_the_plain_tests(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "营业执照", "副本", "（副本）", "(正本)", "《", "》", "（", "）", "(", ")", "等",
                    "。", ".", " ", "材料", "\u{3008}", "\u{ff08}", "\u{7b49}", "\u{3002}", "a",
                ]),
                0..6,
            ),
            tail in "[\u{0}-\u{7f}\u{3000}-\u{3010}\u{7b40}-\u{7b50}\u{ff00}-\u{ff10}]{0,2}",
        ) {
            let name = pieces.concat() + &tail;
            let stripped = strip_titles(&name);
            proptest::prop_assert_eq!(
                matches!(stripped, Cow::Borrowed(_)),
                !has_title_or_bracket_plain(&name),
                "{:?}", name
            );
            proptest::prop_assert_eq!(
                ends_with_deng(&name).is_some(),
                ends_with_deng_plain(&name),
                "{:?}", name
            );
        }
    }
}
