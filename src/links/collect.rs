//! Which links an item publishes: every URL in its blank forms, samples, result sample,
//! intermediary query sites and online handling URL, with the place it was read. A value may hold
//! several URLs among other text. A host and path written without `http://`
//! (`zwfw.chizhou.gov.cn/files/a.docx`) is taken as `http://`. A relative address (`/files/a.docx`,
//! `files/a.docx`) is kept as written, marked [`LinkUse::relative`] with the item's 办事指南地址:
//! which base resolves it depends on the allowed hosts and `[links] base_url`, and is decided when
//! the links are checked ([`crate::links::probe`]), never silently dropped.

use std::sync::LazyLock;

use regex::Regex;
use serde::{Deserialize, Serialize};
use url::Url;

use crate::model::{Item, Provenance};
use crate::rules::general_text::{link_without_trailing_note, spaced_file_name_len};
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
    /// The link is a relative address as published (`/files/a.docx`): `url` is that text until
    /// the link check resolves it against a base (then `valid` turns true).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub relative: bool,
    /// For a relative link: the item's 办事指南地址, a base when it is on an allowed host.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guide_url: Option<String>,
}

/// A value that is one relative address (`/files/a.docx`, `./a.docx`, `files/申请表.docx`): no
/// scheme, no whitespace, a `/` in it. A bare file name (`申请表.docx`) names a file, it links none.
pub fn relative_address(text: &str) -> Option<&str> {
    let t = text.trim();
    let plausible = !t.is_empty()
        && !t.contains("://")
        && !t.starts_with("//")
        && t.contains('/')
        && !t.contains(char::is_whitespace)
        && !t.contains(['，', '。', '；', '、', '"', '\'', '<', '>'])
        && !t.starts_with(['#', '?']);
    plausible.then_some(t)
}

/// A host and path written without a scheme (`zwfw.chizhou.gov.cn/f/a.docx`,
/// `127.0.0.1:8801/f/a.docx`, `//zwfw.chizhou.gov.cn/f/a.docx`), as `http://…`.
pub fn without_scheme(text: &str) -> Option<Url> {
    let t = relative_address(text.trim().strip_prefix("//").unwrap_or(text.trim()))?;
    let (authority, _) = t.split_once('/')?;
    let (host, port) = match authority.rsplit_once(':') {
        Some((h, p)) if !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()) => (h, true),
        _ => (authority, false),
    };
    let labels: Vec<&str> = host.split('.').collect();
    let ascii_host = labels.len() >= 2
        && labels
            .iter()
            .all(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'));
    let last = labels.last().copied().unwrap_or_default();
    // `files.v2/a.docx` is a folder; a host ends in a name of letters (gov.cn) or is an address.
    let ip = labels.len() == 4 && labels.iter().all(|l| l.parse::<u8>().is_ok());
    let tld = last.len() >= 2 && last.chars().all(|c| c.is_ascii_alphabetic());
    let host_like = (ascii_host && (ip || tld)) || (host == "localhost" && port);
    if !host_like {
        return None;
    }
    let mut u = Url::parse(&format!("http://{t}")).ok()?;
    u.set_fragment(None);
    Some(u)
}

/// A URL runs to whitespace, quotes, brackets and Chinese punctuation; parentheses, ASCII and
/// full-width, may be inside it (file names such as `申请书（样表）.docx`) and are trimmed from its
/// end by [`link_without_trailing_note`].
static URL_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)(?:https?|ftp)://[^\s"'<>，。；、【】\[\]|{}]+"#).expect("valid regex")
});

/// A matched URL without the words that follow a bare host (`登录http://www.ahzwfw.gov.cn后办理`,
/// `（http://www.ahzwfw.gov.cn）办理`): the pattern runs on through Han characters and brackets,
/// which the parser would take into the host (`www.ahzwfw.gov.xn--cn-…`), a host no one meant.
/// The host ends at its first character that is not ASCII when what comes before it is a whole
/// host name (it ends with a letter or digit and holds a dot); a host written in Chinese
/// (`http://www.池州.gov.cn`) is left as it is.
fn host_without_text_after(url: &str) -> &str {
    let Some(start) = url.find("://").map(|i| i + 3) else {
        return url;
    };
    let authority_len = url[start..]
        .find(['/', '?', '#'])
        .unwrap_or(url.len() - start);
    let authority = &url[start..start + authority_len];
    match authority.find(|c: char| !c.is_ascii()) {
        Some(i)
            if authority[..i].contains('.')
                && authority[..i]
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_ascii_alphanumeric()) =>
        {
            &url[..start + i]
        }
        _ => url,
    }
}

/// The URLs in a published value: absolute ones anywhere in the text, or the whole value when it
/// is a path and a base is known. Each is `Ok(url)` or `Err(text)` when it does not parse.
pub fn urls_in(text: &str, base: Option<&Url>) -> Vec<Result<Url, String>> {
    let mut out = Vec::new();
    for m in URL_RE.find_iter(text) {
        let matched = host_without_text_after(m.as_str());
        let mut raw = link_without_trailing_note(matched);
        if raw.len() == m.as_str().len()
            && let Some(joined) = spaced_file_name_len(raw, &text[m.end()..])
        {
            raw = &text[m.start()..m.end() + joined];
        }
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
        if t.starts_with('/')
            && !t.starts_with("//")
            && !t.contains(char::is_whitespace)
            && let Some(Ok(mut u)) = base.map(|b| b.join(t))
        {
            u.set_fragment(None);
            out.push(Ok(u));
        }
    }
    out
}

/// The links of items given with their report index.
pub fn collect_items<'a>(items: impl IntoIterator<Item = (usize, &'a Item)>) -> Vec<LinkUse> {
    let mut uses = Vec::new();
    for (index, item) in items {
        let guide_url = Url::parse(item.guide_url.trim())
            .ok()
            .map(|u| u.to_string());
        let mut push = |kind: LinkKind,
                        text: &str,
                        owner: Option<&str>,
                        target: String,
                        provenance: &Provenance| {
            let mut found: Vec<(String, bool, bool)> = urls_in(text, None)
                .into_iter()
                .map(|u| match u {
                    Ok(u) => (u.to_string(), true, false),
                    Err(raw) => (raw, false, false),
                })
                .collect();
            if found.is_empty() {
                if let Some(u) = without_scheme(text) {
                    found.push((u.to_string(), true, false));
                } else if let Some(rel) = relative_address(text) {
                    found.push((rel.to_owned(), false, true));
                }
            }
            for (url, valid, relative) in found {
                uses.push(LinkUse {
                    item: index,
                    kind,
                    url,
                    valid,
                    owner: owner.map(str::to_owned),
                    item_name: item.name.clone(),
                    target: target.clone(),
                    provenance: provenance.clone(),
                    relative,
                    guide_url: guide_url.clone().filter(|_| relative),
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
    collect_records_from(records, 0)
}

/// [`collect_records`] for records that follow `first` report entries (items and unreadable
/// records) already checked.
pub fn collect_records_from(records: &[Record], first: usize) -> Vec<LinkUse> {
    let items = records
        .iter()
        .filter(|r| !matches!(r, Record::Notice(_)))
        .enumerate()
        .filter_map(|(i, r)| match r {
            Record::Item(item) => Some((first + i, &**item)),
            _ => None,
        });
    collect_items(items)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::text::display_url;

    /// The first URL `urls_in` finds in a text, without a base.
    fn first_url(text: &str) -> String {
        urls_in(text, None)[0].as_ref().unwrap().to_string()
    }
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
        // Parentheses in a file name are part of the URL; a note or the text around it is not.
        let sample = "http://zwfw.chizhou.gov.cn/f/%E7%94%B3%E8%AF%B7%E4%B9%A6%EF%BC%88%E7%A4%BA%E4%BE%8B%EF%BC%89.docx";
        assert_eq!(
            first_url("http://zwfw.chizhou.gov.cn/f/申请书（示例）.docx"),
            sample
        );
        assert_eq!(
            first_url("样表（http://zwfw.chizhou.gov.cn/f/申请书（示例）.docx）。"),
            sample
        );
        assert_eq!(
            first_url("http://zwfw.chizhou.gov.cn/f/申请书(样表).docx"),
            "http://zwfw.chizhou.gov.cn/f/%E7%94%B3%E8%AF%B7%E4%B9%A6(%E6%A0%B7%E8%A1%A8).docx"
        );
        for text in [
            "http://zwfw.chizhou.gov.cn/f/a.docx（请用WPS打开）",
            "(http://zwfw.chizhou.gov.cn/f/a.docx)",
            "见（http://zwfw.chizhou.gov.cn/f/a.docx），",
            "http://zwfw.chizhou.gov.cn/f/a.docx(1).",
        ] {
            assert_eq!(
                first_url(text),
                "http://zwfw.chizhou.gov.cn/f/a.docx",
                "{text}"
            );
        }
        assert!(urls_in("/attach/form.doc", None).is_empty());
    }

    /// An online-service address written in a sentence is the host, not the host and the words
    /// after it (which became an IDN host no one meant, `www.ahzwfw.gov.xn--cn)-…`, reported as
    /// outside the allowed hosts or unresolvable).
    #[test]
    fn words_after_a_bare_host_are_not_part_of_it() {
        for text in [
            "请登录安徽政务服务网（http://www.ahzwfw.gov.cn）办理",
            "http://www.ahzwfw.gov.cn（安徽政务服务网）",
            "登录http://www.ahzwfw.gov.cn后办理",
            "登录http://www.ahzwfw.gov.cn，进入池州市页面办理",
        ] {
            assert_eq!(first_url(text), "http://www.ahzwfw.gov.cn/", "{text}");
        }
        assert_eq!(
            first_url("登录https://www.ahzwfw.gov.cn:8443后办理"),
            "https://www.ahzwfw.gov.cn:8443/"
        );
        // The path keeps its Chinese; a host written in Chinese stays whole.
        assert_eq!(
            display_url(&first_url("http://zwfw.chizhou.gov.cn/f/申请表.docx")),
            "http://zwfw.chizhou.gov.cn/f/申请表.docx"
        );
        assert_eq!(
            first_url("http://www.池州.gov.cn/"),
            "http://www.xn--6rtv63a.gov.cn/",
            "池州 is xn--6rtv63a"
        );
    }

    /// A file name with spaces, as exports often hold it, is one link, not a link cut at the
    /// first space (which the platform answers with 404: a false 失效).
    #[test]
    fn a_file_name_with_spaces_stays_in_the_url() {
        assert_eq!(
            display_url(&first_url(
                "http://zwfw.chizhou.gov.cn/f/就业困难人员认定申请表 (2024版).docx"
            )),
            "http://zwfw.chizhou.gov.cn/f/就业困难人员认定申请表%20(2024版).docx"
        );
        assert_eq!(
            first_url("下载: http://zwfw.chizhou.gov.cn/f/申请表 空白.xlsx\n样表另附"),
            "http://zwfw.chizhou.gov.cn/f/%E7%94%B3%E8%AF%B7%E8%A1%A8%20%E7%A9%BA%E7%99%BD.xlsx"
        );
        // What follows a URL that is complete, or is a note, or another URL, is left alone.
        for (text, want) in [
            (
                "http://zwfw.chizhou.gov.cn/f/a.docx 申请表.docx",
                "http://zwfw.chizhou.gov.cn/f/a.docx",
            ),
            (
                "http://zwfw.chizhou.gov.cn/download?id=3 申请表.docx",
                "http://zwfw.chizhou.gov.cn/download?id=3",
            ),
            (
                "http://zwfw.chizhou.gov.cn/f/a 请用WPS打开",
                "http://zwfw.chizhou.gov.cn/f/a",
            ),
            (
                "http://zwfw.chizhou.gov.cn/f/a 见附件，申请表.docx",
                "http://zwfw.chizhou.gov.cn/f/a",
            ),
            (
                "http://zwfw.chizhou.gov.cn/f/ 申请表.docx",
                "http://zwfw.chizhou.gov.cn/f/",
            ),
        ] {
            assert_eq!(first_url(text), want, "{text}");
        }
        let two = urls_in(
            "http://zwfw.chizhou.gov.cn/f/a http://zwfw.chizhou.gov.cn/f/b.docx",
            None,
        );
        assert_eq!(two.len(), 2);
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
