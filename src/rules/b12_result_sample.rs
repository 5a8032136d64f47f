//! B12 结果样本 — an item with a result says whether there is a sample, and uploads it.

use std::sync::LazyLock;

use regex::Regex;

use super::b11_result_name::{halfwidth_char, says_no_result};
use super::general_text::{UrlProblem, says_no};
use super::materials::local_path;
use super::{CheckContext, Reads, Rule, RuleMeta, Verdict, Violation, declare_rule};
use crate::model::personal::unmasked_in_text;
use crate::model::text::{quote, to_halfwidth};
use crate::model::{Item, ItemField};

declare_rule! {
    /// ## 检查内容 (What it checks)
    /// 有办理结果的事项（结果名称不为「无」），要写明有没有结果样本；有的，要上传样本附件
    /// （字段里有附件文件名或下载链接）。
    /// - 结果样本为空、`/`、`暂无`、`待补充`，或写的是还没有定下来的 `暂无样本`、`暂未提供`、
    ///   `待上传`：不通过（没有说明有无样本）；
    /// - 写了「有」「详见附件」「见样本」之类却没有附件文件名或链接：不通过（已标注样本但未上传）；
    /// - 写的是本机或内部共享的文件路径（`C:\Users\admin\Desktop\样本.jpg`、`D:\…`、`file://…`、
    ///   `\\server\…`、`/Users/…`、`桌面\样本.jpg`），旁边没有可公开访问的链接：不通过（样本没有上传，
    ///   与 M06、M07 对空白表格、示例样表的口径相同）；
    /// - 写了 `不提供`、`涉及个人隐私，不予公开`：不通过。有办理结果就有样本，附录要求对隐私信息
    ///   模糊化处理后上传，隐私不是不上传的理由。
    ///
    /// 判定口径：`无`、`否`、`没有`、`不涉及`、`无此项`、`不需要`、`无需提供`，以及 `无样本`、`无样表`、
    /// `无需样本`、`无结果样本` 算明确写了没有样本，通过（附录只要求「明确有无」）；后面带括号或逗号
    /// 的说明不改变回答（`无（电子证照）`、`否，发放电子证照`）。
    /// 结果名称为空或为「无」时不考核（n/a，由 B11 报告）；「无」后面带括号或逗号说明原因的
    /// （`无（备案后不出具结果文书）`、`无结果（查阅类服务）`）与 B11 一样读作「无」，也不考核。样本文件中未脱敏的身份证号、手机号由附件检查
    /// （links）负责，本规则只看清单上的文字：这一栏的文字里写出了完整的身份证号码、手机号码的
    /// （`…（经营者：张某某，身份证号3429…1219）`），不论写的是什么都不通过，问题描述中的号码已隐去。
    ///
    /// ## 依据 (Why it matters)
    /// 附录「结果样本」：明确有无结果样本。如有，需上传结果样本附件，并对涉及隐私信息进行模糊化处理。
    ///
    /// ## 示例 (Example)
    /// 不通过：结果名称 `食品经营许可证` 而结果样本为空、`/`、`暂无样本`、`有`、`详见附件`（没有附件）、
    /// `涉及个人隐私，不予公开`、`C:\Users\admin\Desktop\许可证样本.jpg`（本机路径）。
    /// 通过：`食品经营许可证（样本）.pdf`、`https://www.ahzwfw.gov.cn/file/sample/123.jpg`、`无`、`否`、
    /// `无需样本`。
    ///
    /// ## 整改方法 (How to fix)
    /// 上传隐去个人信息的结果样本（证照、批文的样张）；确实没有样本的填「无」。
    pub struct ResultSample {
        id: "B12",
        name: "result-sample",
        element: "结果样本",
        category: Basic,
        severity: Error,
        fix: "上传隐去个人信息的结果样本附件，确实没有样本的填「无」",
    }
}

// An attachment is a link (`https?://\S+`), a file name (`\.(?:pdf|…)\b`) or a path (`^/\S+`):
// three searches instead of one alternation, so each runs only where it can match. The file-name
// pattern ends in a Unicode word boundary, which makes the regex engine leave its fast automaton
// on Han text; it is therefore run only from the first `.` on.
static LINK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)https?://\S+").expect("static regex"));

static FILE_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\.(?:pdf|ofd|jpe?g|png|gif|bmp|tiff?|docx?|wps|xlsx?|et|zip|rar)\b")
        .expect("static regex")
});

/// Whether a (half-width) text names an attachment: a link, a file name or a path.
fn names_attachment(t: &str) -> bool {
    // A file name starts at a `.` and looks at nothing before it.
    t.find('.').is_some_and(|i| FILE_NAME.is_match(&t[i..]))
        || t.contains("://") && LINK.is_match(t)
        || t.strip_prefix('/')
            .and_then(|rest| rest.chars().next())
            .is_some_and(|c| !c.is_whitespace())
}

/// What a sample is called in a "no" (`无样本`, `无需提供样表`, [`says_no`]).
const SAMPLE_NOUNS: &[&str] = &["样本", "样表", "样张", "样式", "样例", "范本"];

/// Whether a "no" naming the sample follows a note about the result (`电子证照，无纸质样本`,
/// `发放电子证照；无样本`): the answer written after the note, not before it. A text that says
/// there is one anywhere (`有，无需另附`, `详见附件`, `电子证照，无纸质样本，样本见附件`) is not
/// read here.
fn says_no_after_a_note(text: &str) -> bool {
    let mut clauses = text.split(['，', ',', '；', ';', '。']).map(str::trim);
    let first = clauses.next().unwrap_or_default();
    // A sample announced anywhere (`电子证照，无纸质样本，样本见附件`) is one still to attach.
    !text.contains(['见', '附'])
        && !["有", "是", "见", "详见"]
            .iter()
            .any(|w| first.starts_with(w))
        && clauses.any(|c| SAMPLE_NOUNS.iter().any(|n| c.contains(n)) && says_no(c, SAMPLE_NOUNS))
}

/// How a text that is still to come begins (`暂无样本`, `暂未提供`, `待上传`, `尚未上传`): it says
/// neither that there is a sample nor that there is none.
const PENDING: &[&str] = &["暂", "待", "尚未", "正在"];

/// Words that withhold a sample (`不提供`, `涉及个人隐私，不予公开`): the result has one, but it
/// is not uploaded.
const WITHHELD: &[&str] = &[
    "不提供",
    "不予提供",
    "不公开",
    "不予公开",
    "不宜公开",
    "隐私",
    "保密",
    "涉密",
];

const NOT_STATED: &[&str] = &[
    "/",
    "-",
    "--",
    "—",
    "——",
    "暂无",
    "空",
    "null",
    "NULL",
    "N/A",
    "n/a",
    "略",
    "待定",
    "待补充",
    "0",
];

impl Rule for ResultSample {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn reads(&self) -> Option<Reads> {
        Some(Reads::fields(&[
            ItemField::ResultName,
            ItemField::ResultSample,
        ]))
    }

    fn check(&self, item: &Item, _ctx: &CheckContext) -> Verdict {
        if item.result_name.trim().is_empty() || says_no_result(&item.result_name) {
            return Verdict::NotApplicable;
        }
        let text = item.result_sample.trim();
        let b: String = text
            .chars()
            .map(halfwidth_char)
            .filter(|&c| !c.is_whitespace() && !matches!(c, '。' | ',' | ';'))
            .collect();
        let result = quote(&item.result_name, 30);
        if b.is_empty() {
            return Verdict::Checked(vec![Violation::new(
                format!("有办理结果「{result}」，但结果样本为空，未说明有无样本"),
                text,
            )]);
        }
        // The cell is published as it is: an ID or mobile number written in it is shown to all.
        if let Some((kinds, masked)) = unmasked_in_text(text) {
            return Verdict::Checked(vec![Violation::new(
                format!(
                    "结果样本一栏写出了未模糊化处理的{kinds}: \"{}\"（此处已隐去，应删去或模糊化处理）",
                    quote(&masked, 80)
                ),
                masked,
            )]);
        }
        let half = to_halfwidth(text);
        if let Some(path) = local_path(&half) {
            return Verdict::Checked(vec![Violation::new(
                format!(
                    "结果样本{}，样本未上传: \"{}\"",
                    UrlProblem::LocalPath.describe_zh(),
                    quote(&path, 80)
                ),
                path,
            )]);
        }
        // A file named first (`待遇核定表（样本）.jpg`, `暂予监外执行决定书.pdf`) is the sample,
        // whatever word it begins with.
        let attached = names_attachment(&half);
        if !attached
            && (NOT_STATED.contains(&b.as_str()) || PENDING.iter().any(|p| b.starts_with(p)))
        {
            return Verdict::Checked(vec![Violation::new(
                format!(
                    "有办理结果「{result}」，但结果样本未说明有无样本: \"{}\"",
                    quote(text, 30)
                ),
                text,
            )]);
        }
        if attached || says_no(text, SAMPLE_NOUNS) || says_no_after_a_note(text) {
            return Verdict::pass();
        }
        if WITHHELD.iter().any(|w| b.contains(w)) {
            return Verdict::Checked(vec![Violation::new(
                format!(
                    "有办理结果「{result}」，但结果样本写明不提供: \"{}\"（涉及个人隐私的，应对隐私信息模糊化处理后上传样本）",
                    quote(text, 30)
                ),
                text,
            )]);
        }
        Verdict::Checked(vec![Violation::new(
            format!(
                "结果样本已标注但缺少样本附件或下载链接: \"{}\"",
                quote(text, 40)
            ),
            text,
        )])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The single pattern the three searches replace.
    static ATTACHMENT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)https?://\S+|\.(?:pdf|ofd|jpe?g|png|gif|bmp|tiff?|docx?|wps|xlsx?|et|zip|rar)\b|^/\S+")
            .expect("static regex")
    });

    #[test]
    fn three_searches_agree_with_the_alternation() {
        for t in [
            "食品经营许可证（样本）.pdf",
            "样本.pdf文件",
            "样本.PDF",
            "a.docx.",
            "见 HTTP://x.cn/a",
            "https:// x",
            "/files/a",
            "/ a",
            "/",
            "x/abc",
            "样本.ſ",
            ".wpſ",
            "abc.jpeg中",
            "a.tif b",
            "",
            "无",
            "附件：结果样本",
            "a.b.pdf",
        ] {
            assert_eq!(names_attachment(t), ATTACHMENT.is_match(t), "{t}");
        }
    }

    /// h25 问题7: a path on the clerk's computer or a share, with no public link beside it, is
    /// the path; a link on the platform (whatever its folders are called) or a path on it is none.
    #[test]
    fn local_paths_are_not_uploads() {
        for (t, path) in [
            (
                r"C:\Users\admin\Desktop\样本.jpg",
                r"C:\Users\admin\Desktop\样本.jpg",
            ),
            (r"d:\样本\许可证.pdf", r"d:\样本\许可证.pdf"),
            ("file:///C:/样本/许可证.pdf", "file:///C:/样本/许可证.pdf"),
            ("FILE:///C:/样本/许可证.pdf", "FILE:///C:/样本/许可证.pdf"),
            (r"\\fileserver\共享\样本.jpg", r"\\fileserver\共享\样本.jpg"),
            (
                "/Users/admin/Desktop/样本.jpg",
                "/Users/admin/Desktop/样本.jpg",
            ),
            ("/home/zw/样本.jpg", "/home/zw/样本.jpg"),
            (r"桌面\许可证样本.jpg", r"桌面\许可证样本.jpg"),
            ("样本见 桌面/许可证样本.jpg", "桌面/许可证样本.jpg"),
        ] {
            assert_eq!(local_path(t).as_deref(), Some(path), "{t}");
        }
        for t in [
            "https://www.ahzwfw.gov.cn/files/desktop/样本.jpg",
            "http://zwfw.chizhou.gov.cn/Desktop/样本.pdf",
            "/files/sample/样本.jpg",
            "许可证样本.jpg",
            "样本见附件",
            "办公桌面样本.jpg",
            r"https://www.ahzwfw.gov.cn/files/a.jpg（原件存于D:\样本\a.jpg）",
            "无",
        ] {
            assert_eq!(local_path(t), None, "{t}");
        }
    }

    fn verdict(result_name: &str) -> Verdict {
        let item = Item {
            name: "建设工程竣工验收备案".into(),
            result_name: result_name.into(),
            ..Item::default()
        };
        ResultSample.check(&item, &CheckContext::default())
    }

    /// h9 问题2: a 无 with its reason after it is B11's 无, so there is no sample to ask for.
    #[test]
    fn no_result_with_a_reason_is_not_applicable() {
        for name in [
            "无",
            "无。",
            "无结果",
            "无（备案后不出具结果文书）",
            "无（公共服务事项，无结果文书）",
            "无，办结后系统更新状态",
            "无结果（查阅类服务）",
            "无(查阅类服务)",
        ] {
            assert!(matches!(verdict(name), Verdict::NotApplicable), "{name}");
        }
    }

    /// A result whose name begins with 无 is still a result (无犯罪记录证明), and so is one whose
    /// note follows a name (备案通知书（无纸质文书）).
    #[test]
    fn a_name_that_begins_with_wu_is_a_result() {
        for name in [
            "无犯罪记录证明",
            "无违法违规记录证明",
            "无线电台执照",
            "备案通知书（无纸质文书）",
            "有（备案证明）",
        ] {
            let Verdict::Checked(v) = verdict(name) else {
                panic!("{name}: n/a")
            };
            assert!(
                v.iter().any(|v| v.message.contains("结果样本为空")),
                "{name}"
            );
        }
    }
}
