//! M08 填报须知 — every material's filling instructions state format, content and clarity
//! requirements.

use super::materials::findings_by_key;
use super::prepared_materials::WordLists;
use super::{CheckContext, Reads, Rule, RuleMeta, Verdict, Violation, declare_rule};
use crate::model::Item;
use crate::model::text::{is_blank_or_placeholder, quote, trim};

declare_rule! {
    /// ## 检查内容 (What it checks)
    /// 逐个检查申请材料的「填报须知」：不得为空；不得只是占位或转引（无、/、暂无、详见附件、
    /// 详见…、见…、按要求提供、按规定提供）；必须具体到能看出材料要求——格式（A4、纸质、复印、
    /// 电子版、PDF…，照片的尺寸和底色：2寸、小二寸、红底、白底…，在线填写、在线签署的电子表单）、内容（填写完整、信息一致、
    /// 载明/注明/列明/写明/标明…、签字、盖章、加盖…印章…）、清晰度（清晰、可辨认、无涂改，
    /// 电子文件的分辨率、dpi、像素、文字可识别…）
    /// 三方面中至少覆盖 2 个（在线填写的电子表单，「在线逐项填写」「网上填报」即是格式；写明
    /// 无需上传、免于提交——如「系统自动核验身份信息，无需上传」——的材料不必再写格式和清晰度）（个数见配置 `[check] notes_min_aspects`，三组词在 `notes_format_words`、
    /// `notes_content_words`、`notes_clarity_words`）。不通过时说明缺了哪几方面。
    /// 事项没有材料时不涉及（n/a，由 M01 报告）。
    ///
    /// 要素口径：任一材料不通过则该事项此要素不通过，每个不通过的材料各出一条问题。
    ///
    /// ## 依据 (Why it matters)
    /// 附录「填报须知」：不得为空，要详细列明材料格式、内容、清晰度等要求。
    ///
    /// ## 示例 (Example)
    /// 不通过：空；`无`；`详见办事指南`；`加盖公章`、`加盖单位印章`、`写明具体事由`（只有内容
    /// 方面）；`2寸红底照片`（只有格式方面）。
    /// 通过：`A4纸复印，加盖单位公章，内容完整，字迹清晰`；`提供原件，信息填写完整、真实`；
    /// `PDF格式，分辨率不低于200dpi`；`加盖单位印章，字迹清晰`；`2寸红底照片，照片清晰`。
    ///
    /// ## 整改方法 (How to fix)
    /// 写明材料的格式（纸张规格、原件/复印件、电子版格式，照片的尺寸和底色）、内容（需填写或载明的事项、签字盖章）
    /// 和清晰度（字迹清晰、无涂改）要求。
    pub struct FillingNotes {
        id: "M08",
        name: "filling-notes",
        element: "填报须知",
        category: Materials,
        severity: Error,
        fix: "逐项写明材料格式、内容、清晰度要求，如「A4纸复印，内容完整，字迹清晰，加盖公章」",
    }
}

/// Texts that only refer elsewhere or repeat the obvious.
const REFERRALS: &[&str] = &[
    "详见",
    "见附件",
    "参见",
    "按要求提供",
    "按规定提供",
    "按要求填写",
    "按规定填写",
];

/// Words that say the applicant hands nothing in for the material (`系统自动核验身份信息，无需
/// 上传`, `通过数据共享获取，免于提交`): no format or clarity can be asked of it, and a note saying
/// so is complete. Looked for only in notes that would fail.
const NOT_HANDED_IN: &[&str] = &[
    "无需上传",
    "无需提交",
    "无需提供",
    "无须提交",
    "无须上传",
    "无须提供",
    "不需提供",
    "不需要提供",
    "不需上传",
    "不需提交",
    "不需要提交",
    "不需要上传",
    "免于提交",
    "免提交",
    "免交",
    "免于提供",
    "免予提交",
    "无需另行提交",
    "无需再提交",
    "不再提交",
];

/// Who may stand between the negation and the verb of [`NOT_HANDED_IN`]: `无需申请人提交`,
/// `不需要申请人提供`.
const WHO: &[&str] = &["申请人", "申请单位", "当事人", "办事人", "办事群众", "群众"];

/// The negations of [`NOT_HANDED_IN`] that may take a [`WHO`] before their verb.
const NEGATIONS: &[&str] = &["无需", "无须", "不需要", "不需", "免于", "免予"];

/// The notes with a [`WHO`] after a [`NEGATIONS`] taken out (`无需申请人提交` → `无需提交`).
fn without_who(notes: &str) -> std::borrow::Cow<'_, str> {
    if !WHO.iter().any(|w| notes.contains(w)) {
        return notes.into();
    }
    let mut out = notes.to_owned();
    for n in NEGATIONS {
        for w in WHO {
            out = out.replace(&format!("{n}{w}"), n);
        }
    }
    out.into()
}

/// Words of the applicant handing the paper in after all. Showing an original to have it checked
/// (`窗口办理的出示原件`, `现场出示原件核验`) hands nothing in: no format or clarity to ask.
const STILL_HANDED: &[&str] = &["提交", "邮寄", "递交", "上交", "报送"];

/// Whether the notes, their [`NOT_HANDED_IN`] words aside, still have the applicant hand the
/// material in: only the upload is spared (`无须上传，现场提交纸质版`,
/// `网上申请时无须上传，领证时提交原件`).
fn still_handed_in(notes: &str) -> bool {
    let rest = NOT_HANDED_IN
        .iter()
        .fold(notes.to_owned(), |acc, w| acc.replace(w, ""));
    STILL_HANDED.iter().any(|w| rest.contains(w))
}

/// Whether the notes say the material is not handed in at all ([`NOT_HANDED_IN`] ending its
/// clause: `系统自动核验身份信息，无需上传；…`), not only one form of it (`无需提交原件，提交
/// 复印件`, `免于提交复印件，原件核验后退回`).
fn hands_nothing_in(notes: &str) -> bool {
    let notes = &*without_who(notes);
    !still_handed_in(notes)
        && NOT_HANDED_IN.iter().any(|w| {
            notes.match_indices(w).any(|(k, _)| {
                // `变更的无需再提交`, `已提交过的不再提交`: only some applicants are spared.
                let clause = notes[..k]
                    .rsplit(['，', ',', '。', '；', ';', '\n'])
                    .next()
                    .unwrap_or("");
                !clause.contains('的')
                    && notes[k + w.len()..].chars().next().is_none_or(|c| {
                        matches!(
                            c,
                            '，' | ','
                                | '。'
                                | '；'
                                | ';'
                                | '\n'
                                | '）'
                                | ')'
                                | '（'
                                | '('
                                | '【'
                                | '、'
                        )
                    })
            })
        })
}

/// Whether `text` has at most `n` characters, without counting them when its length in bytes
/// already tells (a character takes one to four bytes).
fn at_most_chars(text: &str, n: usize) -> bool {
    text.len() <= n || (text.len() <= 4 * n && text.chars().count() <= n)
}

impl Rule for FillingNotes {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn reads(&self) -> Option<Reads> {
        Some(Reads::MATERIALS)
    }

    fn check(&self, item: &Item, ctx: &CheckContext) -> Verdict {
        if item.materials.is_empty() {
            return Verdict::NotApplicable;
        }
        let p = &ctx.params;
        let min_aspects = p.notes_min_aspects.min(3);
        let lists = &ctx.prepared().materials.notes_words;
        // The materials of a list often share their notes: each distinct text is judged once.
        Verdict::Checked(findings_by_key(
            &item.materials,
            |m| &m.notes,
            |m| notes_finding(&m.notes, min_aspects, lists),
        ))
    }
}

/// M08's finding on one material's notes (without its target), if any.
fn notes_finding(notes: &str, min_aspects: usize, lists: &WordLists) -> Option<Violation> {
    let notes = trim(notes);
    if notes.is_empty() {
        Some(Violation::new("填报须知为空", ""))
    } else if is_blank_or_placeholder(notes)
        || (at_most_chars(notes, 12) && REFERRALS.iter().any(|r| notes.contains(r)))
    {
        Some(Violation::new(
            format!("填报须知未写明具体要求: \"{}\"", quote(notes, 40)),
            notes,
        ))
    } else {
        let aspects = ["格式", "内容", "清晰度"];
        // One pass over the notes for the three lists, ended once enough aspects are
        // found: the rest cannot change the verdict, and a failing text has had every
        // aspect looked for (`found_plain` in the tests is the definition).
        let bits = lists.found(notes, min_aspects as u32);
        let found = [bits & 1 != 0, bits & 2 != 0, bits & 4 != 0];
        let covered = found.iter().filter(|yes| **yes).count();
        (covered < min_aspects && !hands_nothing_in(notes)).then(|| {
            let missing: Vec<&str> = aspects
                .iter()
                .zip(found)
                .filter(|(_, yes)| !yes)
                .map(|(name, _)| *name)
                .collect();
            Violation::new(
                format!(
                    "填报须知过于简单，未写明{}要求: \"{}\"",
                    missing.join("、"),
                    quote(notes, 60)
                ),
                notes,
            )
        })
    }
}
