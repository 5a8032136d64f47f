//! Which links an item publishes: every URL in its blank forms, samples, result sample,
//! intermediary query sites and online handling URL, with the place it was read. A value may hold
//! several URLs among other text; a path starting with `/` is resolved against the item's
//! 办事指南地址 when there is one.

use std::sync::LazyLock;

use regex::Regex;
use serde::{Deserialize, Serialize};
use url::Url;

use crate::model::{Item, Provenance};
use crate::source::Record;

/// What a link stands for, and so which rule it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkKind {
    /// 空白表格 — blank form (M06).
    BlankForm,
    /// 示例样表 — filled-in sample (M07).
    Sample,
    /// 结果样本 — result sample (B12).
    ResultSample,
    /// 中介机构查询网址 — intermediary query site (I01).
    IntermediaryQuery,
    /// 在线办理地址 — online handling URL (L01).
    OnlineUrl,
}

impl LinkKind {
    /// The rule the link's findings belong to.
    pub fn rule_id(self) -> &'static str {
        match self {
            LinkKind::BlankForm => "M06",
            LinkKind::Sample => "M07",
            LinkKind::ResultSample => "B12",
            LinkKind::IntermediaryQuery => "I01",
            LinkKind::OnlineUrl => "L01",
        }
    }

    /// The Chinese name of the element.
    pub fn label_zh(self) -> &'static str {
        match self {
            LinkKind::BlankForm => "空白表格",
            LinkKind::Sample => "示例样表",
            LinkKind::ResultSample => "结果样本",
            LinkKind::IntermediaryQuery => "中介机构查询网址",
            LinkKind::OnlineUrl => "在线办理地址",
        }
    }

    /// Whether the link should lead to a file (rather than a web page).
    pub fn expects_file(self) -> bool {
        matches!(
            self,
            LinkKind::BlankForm | LinkKind::Sample | LinkKind::ResultSample
        )
    }
}

/// One place an item publishes a link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkUse {
    /// Index of the item among the report's items (items and unreadable records, in input order).
    pub item: usize,
    /// What the link stands for.
    pub kind: LinkKind,
    /// The URL as checked (parsed and normalised, without fragment), or the text as published
    /// when it is not a valid URL.
    pub url: String,
    /// Whether `url` parsed as a URL.
    pub valid: bool,
    /// The material's name (for blank forms and samples) or the service's (intermediaries).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// The item's name, also accepted as what a file may be named after.
    pub item_name: String,
    /// The part of the item (`材料「…」`), for the finding's target.
    pub target: String,
    /// Where the link was read.
    pub provenance: Provenance,
}

static URL_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)(?:https?|ftp)://[^\s"'<>，。；、（）()【】\[\]|{}]+"#).expect("valid regex")
});

/// The URLs in a published value: absolute ones anywhere in the text, or the whole value when it
/// is a path and a base is known. Each is `Ok(url)` or `Err(text)` when it does not parse.
pub fn urls_in(text: &str, base: Option<&Url>) -> Vec<Result<Url, String>> {
    let mut out = Vec::new();
    for m in URL_RE.find_iter(text) {
        let raw = m.as_str().trim_end_matches(['.', ',', ';', ':', '!', '?']);
        out.push(match Url::parse(raw) {
            Ok(mut u) => {
                u.set_fragment(None);
                Ok(u)
            }
            Err(_) => Err(raw.to_owned()),
        });
    }
    if out.is_empty() {
        let t = text.trim();
        if t.starts_with('/') && !t.starts_with("//") && !t.contains(char::is_whitespace) {
            if let Some(Ok(mut u)) = base.map(|b| b.join(t)) {
                u.set_fragment(None);
                out.push(Ok(u));
            }
        }
    }
    out
}

/// The links of items given with their report index.
pub fn collect_items<'a>(items: impl IntoIterator<Item = (usize, &'a Item)>) -> Vec<LinkUse> {
    let mut uses = Vec::new();
    for (index, item) in items {
        let base = Url::parse(item.guide_url.trim()).ok();
        let mut push = |kind: LinkKind,
                        text: &str,
                        owner: Option<&str>,
                        target: String,
                        provenance: &Provenance| {
            for u in urls_in(text, base.as_ref()) {
                let (url, valid) = match u {
                    Ok(u) => (u.to_string(), true),
                    Err(raw) => (raw, false),
                };
                uses.push(LinkUse {
                    item: index,
                    kind,
                    url,
                    valid,
                    owner: owner.map(str::to_owned),
                    item_name: item.name.clone(),
                    target: target.clone(),
                    provenance: provenance.clone(),
                });
            }
        };
        for m in &item.materials {
            let prov = if m.provenance == Provenance::default() {
                &item.provenance
            } else {
                &m.provenance
            };
            let target = format!("材料「{}」", m.name.trim());
            push(
                LinkKind::BlankForm,
                &m.blank_form,
                Some(&m.name),
                target.clone(),
                prov,
            );
            push(LinkKind::Sample, &m.sample, Some(&m.name), target, prov);
        }
        push(
            LinkKind::ResultSample,
            &item.result_sample,
            Some(&item.result_name),
            "结果样本".to_owned(),
            &item.provenance,
        );
        for s in &item.intermediaries {
            let prov = if s.provenance == Provenance::default() {
                &item.provenance
            } else {
                &s.provenance
            };
            push(
                LinkKind::IntermediaryQuery,
                &s.query_url,
                Some(&s.name),
                format!("中介服务「{}」", s.name.trim()),
                prov,
            );
        }
        push(
            LinkKind::OnlineUrl,
            &item.online_url,
            None,
            "在线办理地址".to_owned(),
            &item.provenance,
        );
    }
    uses
}

/// The links of every readable record, indexed as the report's items are (notices skipped).
pub fn collect_records(records: &[Record]) -> Vec<LinkUse> {
    let items = records
        .iter()
        .filter(|r| !matches!(r, Record::Notice(_)))
        .enumerate()
        .filter_map(|(i, r)| match r {
            Record::Item(item) => Some((i, &**item)),
            _ => None,
        });
    collect_items(items)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Intermediary, Material};

    #[test]
    fn finds_urls_in_text_and_resolves_paths() {
        let base = Url::parse("https://zwfw.chizhou.gov.cn/guide/1.html").unwrap();
        let got = urls_in(
            "下载：https://zwfw.chizhou.gov.cn/files/申请表.docx，样表见http://a.gov.cn/b.doc#p1。",
            Some(&base),
        );
        let got: Vec<String> = got.into_iter().map(|u| u.unwrap().to_string()).collect();
        assert_eq!(
            got,
            vec![
                "https://zwfw.chizhou.gov.cn/files/%E7%94%B3%E8%AF%B7%E8%A1%A8.docx",
                "http://a.gov.cn/b.doc"
            ]
        );
        let rel = urls_in("/attach/form.doc", Some(&base));
        assert_eq!(
            rel[0].as_ref().unwrap().as_str(),
            "https://zwfw.chizhou.gov.cn/attach/form.doc"
        );
        assert!(urls_in("食品经营许可申请表.docx", Some(&base)).is_empty());
        assert!(urls_in("/attach/form.doc", None).is_empty());
    }

    #[test]
    fn collects_every_kind_with_its_owner() {
        let item = Item {
            name: "食品经营许可".into(),
            result_sample: "http://127.0.0.1:1/result.pdf".into(),
            online_url: "http://127.0.0.1:1/apply".into(),
            materials: vec![Material {
                name: "食品经营许可申请书".into(),
                blank_form: "http://127.0.0.1:1/form.docx".into(),
                sample: "http://127.0.0.1:1/sample.docx".into(),
                ..Material::default()
            }]
            .into(),
            intermediaries: vec![Intermediary {
                name: "食品检验".into(),
                query_url: "http://127.0.0.1:1/agencies".into(),
                ..Intermediary::default()
            }]
            .into(),
            ..Item::default()
        };
        let uses = collect_items([(3, &item)]);
        let kinds: Vec<LinkKind> = uses.iter().map(|u| u.kind).collect();
        assert_eq!(
            kinds,
            vec![
                LinkKind::BlankForm,
                LinkKind::Sample,
                LinkKind::ResultSample,
                LinkKind::IntermediaryQuery,
                LinkKind::OnlineUrl
            ]
        );
        assert!(uses.iter().all(|u| u.item == 3 && u.valid));
        assert_eq!(uses[0].owner.as_deref(), Some("食品经营许可申请书"));
        assert_eq!(uses[0].target, "材料「食品经营许可申请书」");
    }
}
