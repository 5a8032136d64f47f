//! M07 材料样本准确性 — the offline part: a sample is a real file, distinct from the blank form,
//! that matches its material. Completeness and personal data inside the file are checked by `links/`.

use super::materials::{attachment_problems, has_value, material_target, one_finding};
use super::{CheckContext, Reads, Rule, RuleMeta, Verdict, declare_rule};
use crate::model::Item;
use crate::model::personal::{mask_personal_data, unmasked_in_text};
use crate::model::text::{quote, trim};

declare_rule! {
    /// ## 检查内容 (What it checks)
    /// 逐个检查「示例样表」栏有内容的材料（不联网的部分）：
    /// 必须有下载链接或带扩展名的文件名（只写「有」不算）；链接格式正确、指向公网（本机路径
    /// `C:\…`、`/Users/…`、`桌面\…`、内网地址、协议头错误都算死链，口径同 M06）；文件名无乱码；文件名与材料名称相符（判定方法同 M06，文件名中
    /// 可以有空格，材料名称为空时不比较）；
    /// 样表不得就是空白表格（与「空白表格」栏相同，或文件名写明「空白」「空表」），空白表格不是
    /// 填写示例。样表可以是 PDF 或图片，不检查可编辑性。
    /// 没有任何材料提供示例样表时不涉及（n/a；缺少样表由 M05 报告，「示例样表」栏写暂未提供、
    /// 无需样表、见空白表格的也算没有提供）。
    ///
    /// 要素口径：任一材料不通过则该事项此要素不通过，每个不通过的材料出一条问题（列出全部原因）。
    /// 样表内容是否完整、身份证号和手机号是否已模糊化，由联网的链接检查（`--links`）下载后补充；
    /// 「示例样表」栏的文字本身（文件名、说明）写出了完整的身份证号码、手机号码的，这里就不通过
    /// （问题描述中的号码已隐去）。
    ///
    /// ## 依据 (Why it matters)
    /// 附录「材料样本准确性」：该事项提供下载的材料样本要完整规范，内容明确、参考性强，并对涉及隐私
    /// 信息进行模糊化处理。
    ///
    /// ## 示例 (Example)
    /// 不通过：样表与空白表格是同一个链接；`申请书空白表.docx`；`http://10.1.2.3/sample.pdf`；
    /// `桌面\申请书（示例）.pdf`（本机路径，样表没有上传）；
    /// 材料「授权委托书」的样表为 `营业执照样本.jpg`。
    /// 通过：`https://www.ahzwfw.gov.cn/files/食品经营许可申请书（示例）.pdf`。
    ///
    /// ## 整改方法 (How to fix)
    /// 上传一份按要求填写完整的示例样表（个人信息模糊化，如 `3417**********1234`），文件名与材料一致，
    /// 在「示例样表」栏填写公网可访问的下载链接。
    pub struct SampleAccuracy {
        id: "M07",
        name: "sample-accuracy",
        element: "材料样本准确性",
        category: Materials,
        severity: Error,
        fix: "上传填写完整、隐私已模糊化、与材料相符的示例样表，提供公网可访问的下载链接",
    }
}

/// Whether `text` holds 空白 or 空表, in one pass: each 空 (E7 A9 BA) is found by its last byte
/// and the character after it compared (`tests::names_blank_as_defined`).
fn names_blank(text: &str) -> bool {
    const KONG: &[u8] = "空".as_bytes();
    let b = text.as_bytes();
    memchr::memchr_iter(KONG[2], b).any(|i| {
        i >= 2
            && b[i - 2..i] == KONG[..2]
            && (b[i + 1..].starts_with("白".as_bytes()) || b[i + 1..].starts_with("表".as_bytes()))
    })
}

impl Rule for SampleAccuracy {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn reads(&self) -> Option<Reads> {
        Some(Reads::MATERIALS)
    }

    fn check(&self, item: &Item, _ctx: &CheckContext) -> Verdict {
        let with_sample: Vec<_> = item
            .materials
            .iter()
            .filter(|m| has_value(&m.sample))
            .collect();
        if with_sample.is_empty() {
            return Verdict::NotApplicable;
        }
        Verdict::Checked(
            with_sample
                .into_iter()
                .filter_map(|m| {
                    let sample = trim(&m.sample);
                    let mut problems = attachment_problems(m, sample, "示例样表", None);
                    // A file name or note is published as written: `张三-34290119880315121X.pdf`.
                    if let Some((kinds, masked)) = unmasked_in_text(sample) {
                        // The other problems quote the sample too: never the numbers in full.
                        for (message, evidence) in &mut problems {
                            for text in [message, evidence] {
                                if let Some(m) = mask_personal_data(text) {
                                    *text = m;
                                }
                            }
                        }
                        problems.push((
                            format!(
                                "示例样表一栏写出了未模糊化处理的{kinds}: \"{}\"（此处已隐去）",
                                quote(&masked, 80)
                            ),
                            masked,
                        ));
                    }
                    if sample == trim(&m.blank_form) {
                        problems.push((
                            format!(
                                "示例样表与空白表格是同一文件，不是填写示例: \"{}\"",
                                quote(sample, 80)
                            ),
                            sample.to_owned(),
                        ));
                    } else if names_blank(sample) {
                        problems.push((
                            format!(
                                "示例样表是空白表格，不是填写示例: \"{}\"",
                                quote(sample, 80)
                            ),
                            sample.to_owned(),
                        ));
                    }
                    one_finding(problems).map(|v| v.target(material_target(m)).at(&m.provenance))
                })
                .collect(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn names_blank_as_defined(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "空", "白", "表", "空白", "空表", "样表", "\u{7a7a}", "\u{7aba}", "\u{a9ba}",
                    "\u{767d}", "https://a.cn/", "（示例）", ".docx", "a", "\u{e7a9}",
                ]),
                0..6,
            ),
        ) {
            let text = pieces.concat();
            proptest::prop_assert_eq!(
                names_blank(&text),
                ["空白", "空表"].iter().any(|w| text.contains(w)),
                "{}", text
            );
        }
    }
}
