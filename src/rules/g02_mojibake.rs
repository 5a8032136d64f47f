//! G02 乱码 — garbled text (mojibake) anywhere in the item or its child records.

use super::materials::material_target;
use super::{CheckContext, Rule, RuleMeta, Verdict, Violation, declare_rule};
use crate::model::text::find_mojibake;
use crate::model::{
    AgencyField, FaqField, FeeField, IntermediaryField, Item, ItemField, MaterialField, Provenance,
    StepField,
};

declare_rule! {
    /// ## 检查内容 (What it checks)
    /// 附录之外的通用检查。事项的每个要素和所有子表（申请材料、办理环节、收费项目、中介服务及机构、
    /// 常见问题，以及导出文件中未识别的列）都不得有乱码：`锟斤拷`、`烫烫烫`、替换字符 `�`，以及 UTF-8
    /// 文字被按 Latin-1/Windows-1252 读出的 `Ã¥`、`æ–‡`、`ç”³è¯·` 之类，以及 UTF-8 文字被按 GBK 读出的
    /// `钀ヤ笟鎵х収`（营业执照）、`鍙戝竷`（发布）之类（把这段文字按 GBK 写回，得到的是常用汉字的
    /// UTF-8；亳、歙、濉之类地名生僻字不会），读不出的字节显示成 `?` 或被丢掉的短名称也算，
    /// 如 `鐢宠?疯〃`、`鐢宠疯〃`（申请表）。为了不拖慢检查，先按字节快速筛选，约六分之一的
    /// 短名称乱码（如 `韬?浠借瘉澶嶅嵃浠?`，身份证复印件）因此发现不了。
    /// 每条记录（事项本身、每个材料、每个环节……）出一条问题，列出有乱码的要素并引用第一处乱码。
    /// 默认是提示（warning）：乱码通常来自导出或转码，先核对平台页面上是否同样是乱码。
    /// 附件文件名和文件内容中的乱码由 M06/M07 和链接检查报告。
    ///
    /// ## 依据 (Why it matters)
    /// 附录注：考核范围包括但不限于附录列明的要素指标；附录「电子表单准确性」也要求无乱码。
    ///
    /// ## 示例 (Example)
    /// 提示：受理条件 `ç”³è¯·äººåº”å½“…`；材料名称 `营业执照锟斤拷`、`钀ヤ笟鎵х収`、`鐢宠?疯〃`；
    /// 解答中有 `�`。
    /// 通过：`食品经营许可申请书（2023版）`、`Café`、`濮阳市`、`王娅`。
    ///
    /// ## 整改方法 (How to fix)
    /// 在平台上用正确的编码（UTF-8）重新录入或导入该要素的文字，核对页面显示正常。
    pub struct Mojibake {
        id: "G02",
        name: "mojibake",
        element: "乱码",
        category: General,
        severity: Warning,
        fix: "用正确编码重新录入有乱码的要素，核对平台页面显示正常",
    }
}

/// One record's garbled fields, as (labels, first garbled run).
fn scan<'a>(fields: impl Iterator<Item = (&'a str, &'a str)>) -> Option<(Vec<&'a str>, String)> {
    let mut labels = Vec::new();
    let mut first = None;
    for (label, value) in fields {
        if let Some(run) = find_mojibake(value) {
            labels.push(label);
            first.get_or_insert(run);
        }
    }
    first.map(|f| (labels, f))
}

/// The record's violation, if any; the target is only formatted for a record with garbling.
fn finding(
    target: impl FnOnce() -> String,
    found: Option<(Vec<&str>, String)>,
    provenance: &Provenance,
) -> Option<Violation> {
    let (labels, run) = found?;
    Some(
        Violation::new(
            format!("「{}」中有乱码: \"{run}\"", labels.join("」「")),
            run,
        )
        .target(target())
        .at(provenance),
    )
}

impl Rule for Mojibake {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, item: &Item, _ctx: &CheckContext) -> Verdict {
        if item.raw_facts.no_mojibake {
            // Its raw line already showed that no text can hold garbling.
            return Verdict::Checked(Vec::new());
        }
        let mut out = Vec::new();
        let item_fields = ItemField::ALL
            .iter()
            .map(|&f| (f.label(), item.get(f)))
            .chain(item.extra.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        out.extend(finding(
            || "事项".to_owned(),
            scan(item_fields),
            &item.provenance,
        ));
        for m in &item.materials {
            let fields = MaterialField::ALL
                .iter()
                .filter(|f| !matches!(f, MaterialField::BlankForm | MaterialField::Sample))
                .map(|&f| (f.label(), m.get(f)))
                .chain(m.extra.iter().map(|(k, v)| (k.as_str(), v.as_str())));
            out.extend(finding(|| material_target(m), scan(fields), &m.provenance));
        }
        for (i, s) in item.steps.iter().enumerate() {
            let fields = StepField::ALL
                .iter()
                .map(|&f| (f.label(), s.get(f)))
                .chain(s.extra.iter().map(|(k, v)| (k.as_str(), v.as_str())));
            out.extend(finding(
                || format!("第{}个环节", i + 1),
                scan(fields),
                &s.provenance,
            ));
        }
        for (i, f) in item.fees.iter().enumerate() {
            let fields = FeeField::ALL
                .iter()
                .map(|&k| (k.label(), f.get(k)))
                .chain(f.extra.iter().map(|(k, v)| (k.as_str(), v.as_str())));
            out.extend(finding(
                || format!("第{}个收费项目", i + 1),
                scan(fields),
                &f.provenance,
            ));
        }
        for (i, s) in item.intermediaries.iter().enumerate() {
            let fields =
                IntermediaryField::ALL
                    .iter()
                    .map(|&k| (k.label(), s.get(k)))
                    .chain(s.agencies.iter().flat_map(|a| {
                        AgencyField::ALL.iter().map(move |&k| (k.label(), a.get(k)))
                    }));
            out.extend(finding(
                || format!("第{}项中介服务", i + 1),
                scan(fields),
                &s.provenance,
            ));
        }
        for (i, f) in item.faqs.iter().enumerate() {
            let fields = FaqField::ALL.iter().map(|&k| (k.label(), f.get(k)));
            out.extend(finding(
                || format!("第{}个常见问题", i + 1),
                scan(fields),
                &f.provenance,
            ));
        }
        Verdict::Checked(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::text::ascii_escaped;
    use crate::model::{Faq, Material, Step};
    use crate::rules::RuleParams;
    use crate::source::{Record, json::ndjson_line_record};

    fn item(material: &str, step: &str, answer: &str) -> Item {
        Item {
            name: "黄山市屯溪区食品经营许可".into(),
            address: "屯溪区政务服务中心二楼12号窗口".into(),
            materials: vec![Material {
                name: material.into(),
                ..Material::default()
            }]
            .into(),
            steps: vec![Step {
                name: "受理".into(),
                duties: step.into(),
                ..Step::default()
            }]
            .into(),
            faqs: vec![Faq {
                question: "办理需要多长时间？".into(),
                answer: answer.into(),
                ..Faq::default()
            }]
            .into(),
            ..Item::default()
        }
    }

    /// The verdict on an item read from an NDJSON line, where the line's facts may spare the
    /// scan, is the verdict on the same item without facts.
    #[test]
    fn the_raw_line_shortcut_gives_the_full_scan_verdict() {
        let ctx = CheckContext::new(RuleParams::default());
        let cases = [
            // (item, should trip G02)
            (item("营业执照副本", "窗口受理", "10个工作日"), false),
            (item("营业执照锟斤拷", "窗口受理", "10个工作日"), true),
            (
                item("营业执照副本", "çª—å\u{8f}£å\u{8f}—ç\u{90}†", "10个工作日"),
                true,
            ),
            (item("营业执照副本", "窗口受理", "烫烫烫烫烫烫"), true),
            (item("营业执照副本", "窗口受理\u{fffd}", "10个工作日"), true),
            (item("营业执照副本", "屯屯屯", "10个工作日"), true),
        ];
        for (plain, garbled) in cases {
            let full = Mojibake.check(&plain, &ctx);
            let Verdict::Checked(found) = &full else {
                panic!("G02 applies to every item");
            };
            assert_eq!(!found.is_empty(), garbled, "{plain:?}");
            let json = serde_json::to_string(&plain).unwrap();
            for line in [json.clone(), ascii_escaped(&json)] {
                let Some(Record::Item(mut read)) =
                    ndjson_line_record(line.as_bytes(), "t.ndjson", 1)
                else {
                    panic!("{line}");
                };
                // As the streaming check sets them.
                read.raw_facts = crate::model::RawLineFacts::of_line(line.as_bytes());
                // The shortcut is taken exactly for clean items written plainly.
                assert_eq!(
                    read.raw_facts.no_mojibake,
                    !garbled && line == json,
                    "{line}"
                );
                let mut without = (*read).clone();
                without.raw_facts = crate::model::RawLineFacts::default();
                assert_eq!(Mojibake.check(&read, &ctx), full, "{line}");
                assert_eq!(Mojibake.check(&without, &ctx), full, "{line}");
            }
        }
    }
}
