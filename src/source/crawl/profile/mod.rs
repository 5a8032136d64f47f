//! Site profiles (TOML): where a platform's item lists start, how they page, how guide links are
//! found, and how elements are extracted (label-driven by default; CSS selectors or JSON paths
//! override). `profiles/example.toml` documents every key. A profile is checked and compiled once
//! ([`CompiledProfile`]) before any request is made.

use std::collections::BTreeMap;
use std::path::Path;

use regex::Regex;
use scraper::Selector;
use serde::{Deserialize, Serialize};
use url::Url;

use super::labels::{LabelSet, field_by_name};
use crate::config::Labels;
use crate::model::ItemField;
use crate::net::{NetConfig, host_key};

/// One site profile.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// Short name (used in logs).
    pub name: String,
    /// What the profile is for.
    #[serde(default)]
    pub description: String,
    /// The site root; list and detail URLs are relative to it. Its host is always allowed.
    pub base_url: String,
    /// Further hosts (`host` or `host:port`) the crawl may contact. No other host is contacted.
    #[serde(default)]
    pub hosts: Vec<String>,
    /// Politeness and limits (defaults are polite; see `NetConfig`).
    #[serde(default)]
    pub net: NetConfig,
    /// Item lists: HTML list pages or JSON list endpoints.
    #[serde(default, rename = "list")]
    pub lists: Vec<ListSource>,
    /// Extraction from HTML guide pages.
    #[serde(default)]
    pub guide: GuideRules,
    /// Extraction from JSON detail records.
    #[serde(default)]
    pub json: JsonRules,
    /// The file it was read from, to name in messages (not a key of the file).
    #[serde(skip)]
    pub file: Option<std::path::PathBuf>,
}

/// The kind of a list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ListKind {
    /// An HTML page with links to guide pages.
    #[default]
    Html,
    /// A JSON endpoint listing items; each entry names a JSON detail URL.
    Json,
}

/// One item list and its pagination.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListSource {
    /// First page, relative to `base_url`. `{page}` is replaced by the page number (page-parameter
    /// pagination); without it only `next_selector` pages further.
    pub url: String,
    /// `html` (default) or `json`.
    #[serde(default)]
    pub kind: ListKind,
    /// Number of the first page (default 1).
    #[serde(default = "one")]
    pub first_page: u32,
    /// Pages read at most per list (default 500).
    #[serde(default = "max_pages")]
    pub max_pages: u32,
    /// HTML: CSS selector of the "next page" link.
    #[serde(default)]
    pub next_selector: Option<String>,
    /// HTML: CSS selector of guide links (default `a[href]`).
    #[serde(default)]
    pub link_selector: Option<String>,
    /// HTML: regular expression an absolute guide URL must match.
    #[serde(default)]
    pub link_pattern: Option<String>,
    /// JSON: path of the array of entries (e.g. `data` or `result.list`).
    #[serde(default)]
    pub items_path: Option<String>,
    /// JSON: path of the total number of entries (total-count pagination).
    #[serde(default)]
    pub total_path: Option<String>,
    /// JSON: entries per page, for total-count pagination.
    #[serde(default)]
    pub page_size: Option<u32>,
    /// JSON: detail URL template relative to `base_url`; `{key}` takes the entry's value at `key`.
    #[serde(default)]
    pub detail_url: Option<String>,
}

fn one() -> u32 {
    1
}

fn max_pages() -> u32 {
    500
}

/// How HTML guide pages are read.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct GuideRules {
    /// Elements whose text may be a label (default `th, td, dt, label, span.label, .label`).
    pub label_selector: Option<String>,
    /// Elements whose text may be a section heading (default `h1…h6, caption, .title, .tit,
    /// .section-title`).
    pub section_selector: Option<String>,
    /// Extra label synonyms, as in the configuration file's `[labels.*]`.
    pub labels: Labels,
    /// Per-element CSS selectors (element key → selector), overriding the labels.
    pub select: BTreeMap<String, String>,
}

/// How JSON detail records are read.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct JsonRules {
    /// Path of the record inside the response (e.g. `custom`); empty = the whole response.
    pub root: String,
    /// Element → path. Item elements by key (`promised_limit = "cnbjsx"`); child records as
    /// `materials.name = "applydatalist[].clmc"`, `intermediaries.agencies.name =
    /// "zjfw[].jglist[].jgmc"`; `[]` walks an array.
    pub fields: BTreeMap<String, String>,
}

const DEFAULT_LABELS: &str = "th, td, dt, label, span.label, .label";
const DEFAULT_SECTIONS: &str = "h1, h2, h3, h4, h5, h6, caption, .title, .tit, .section-title";

/// A profile that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ProfileError {
    /// Cannot read the file.
    // The cause is printed by the error chain (anyhow `{:#}`), not repeated here.
    #[error("无法读取站点配置 {path}")]
    Io {
        /// The file.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
    /// Not valid TOML of the profile schema.
    #[error("站点配置 {path} 有误: {message}")]
    Parse {
        /// The file.
        path: String,
        /// What is wrong.
        message: String,
    },
    /// A value is unusable (a selector, a pattern, a URL, an element name).
    #[error("站点配置 {name} 中 {key} 无效: {message}")]
    Invalid {
        /// The profile's file (its name when it was not read from a file).
        name: String,
        /// The key.
        key: String,
        /// What is wrong.
        message: String,
    },
}

impl Profile {
    /// Reads a profile file.
    pub fn load(path: &Path) -> Result<Self, ProfileError> {
        let bytes = std::fs::read(path).map_err(|source| ProfileError::Io {
            path: path.display().to_string(),
            source,
        })?;
        // Saved by Notepad as "ANSI" (GBK) or "Unicode" (UTF-16) it reads as UTF-8 would.
        let text = crate::config::decode_text(&bytes).map_err(|message| ProfileError::Parse {
            path: path.display().to_string(),
            message,
        })?;
        let mut profile: Self = toml::from_str(&text).map_err(|e| ProfileError::Parse {
            path: path.display().to_string(),
            message: crate::config::toml_reason(&e, &text),
        })?;
        profile.file = Some(path.to_owned());
        Ok(profile)
    }

    /// Checks every value and prepares selectors and patterns.
    pub fn compile(&self) -> Result<CompiledProfile, ProfileError> {
        let bad = |key: &str, message: String| ProfileError::Invalid {
            name: self
                .file
                .as_ref()
                .map_or_else(|| self.name.clone(), |f| f.display().to_string()),
            key: key.to_owned(),
            message,
        };
        let mut base = site_url(&self.base_url).map_err(|m| bad("base_url", m))?;
        if !base.path().ends_with('/') {
            let path = format!("{}/", base.path());
            base.set_path(&path);
        }
        if self.lists.is_empty() {
            return Err(bad("list", "至少需要一个 [[list]]".into()));
        }
        let mut lists = Vec::new();
        for (i, l) in self.lists.iter().enumerate() {
            let key = |k: &str| format!("第 {} 个 [[list]] 的 {k}", i + 1);
            let first = l.url.replace("{page}", &l.first_page.to_string());
            base.join(&first)
                .map_err(|e| bad(&key("url"), url_reason(&l.url, e)))?;
            let next = l
                .next_selector
                .as_deref()
                .map(|s| selector(s).map_err(|m| bad(&key("next_selector"), m)))
                .transpose()?;
            let links = selector(l.link_selector.as_deref().unwrap_or("a[href]"))
                .map_err(|m| bad(&key("link_selector"), m))?;
            let pattern = l
                .link_pattern
                .as_deref()
                .map(|p| Regex::new(p).map_err(|e| bad(&key("link_pattern"), regex_reason(p, &e))))
                .transpose()?;
            if l.kind == ListKind::Json && l.detail_url.is_none() {
                return Err(bad(&key("detail_url"), "JSON 列表需要 detail_url".into()));
            }
            if l.total_path.is_some() && l.page_size.is_none() {
                return Err(bad(
                    &key("page_size"),
                    "total_path 需要同时给出 page_size".into(),
                ));
            }
            lists.push(CompiledList {
                source: l.clone(),
                next,
                links,
                pattern,
                pages: list_page_pattern(&base, &l.url),
            });
        }
        let labels = LabelSet::build(&self.guide.labels).map_err(|m| bad("guide.labels", m))?;
        let mut select = Vec::new();
        for (k, s) in &self.guide.select {
            let field = field_by_name::<ItemField>(k)
                .ok_or_else(|| bad(&format!("guide.select.{k}"), "不是已知的事项要素".into()))?;
            let sel = selector(s).map_err(|m| bad(&format!("guide.select.{k}"), m))?;
            select.push((field, sel));
        }
        let json_fields = super::json::compile_fields(&self.json.fields)
            .map_err(|(k, m)| bad(&format!("json.fields.{k}"), m))?;
        if json_fields.is_empty() && self.lists.iter().any(|l| l.kind == ListKind::Json) {
            return Err(bad(
                "json.fields",
                "JSON 列表需要 [json.fields] 指明要素路径".into(),
            ));
        }
        let mut hosts = vec![host_key(&base)];
        for h in &self.hosts {
            hosts.push(host_entry(h).map_err(|m| bad("hosts", m))?);
        }
        for h in &self.net.allowed_hosts {
            hosts.push(host_entry(h).map_err(|m| bad("net.allowed_hosts", m))?);
        }
        hosts.sort();
        hosts.dedup();
        let mut net = self.net.clone();
        net.allowed_hosts.clone_from(&hosts);
        Ok(CompiledProfile {
            name: self.name.clone(),
            base,
            net,
            lists,
            labels,
            label_selector: selector(
                self.guide
                    .label_selector
                    .as_deref()
                    .unwrap_or(DEFAULT_LABELS),
            )
            .map_err(|m| bad("guide.label_selector", m))?,
            section_selector: selector(
                self.guide
                    .section_selector
                    .as_deref()
                    .unwrap_or(DEFAULT_SECTIONS),
            )
            .map_err(|m| bad("guide.section_selector", m))?,
            select,
            json_root: self.json.root.clone(),
            json_fields,
        })
    }
}

/// The pages of a list, as a pattern of absolute URLs: `{page}` (or, without it, each run of
/// digits in the last path segment and the query) stands for any number. A link that matches is a
/// page of the list, never a guide: the default `a[href]` also picks the pager's links, and a list
/// page taken for a guide ended the paging after page 1.
fn list_page_pattern(base: &Url, template: &str) -> Option<Regex> {
    const MARK: &str = "zwfwpagemark";
    let generalise = |s: &str| {
        let digits = Regex::new(r"\d+").expect("valid pattern");
        digits.replace_all(s, MARK).into_owned()
    };
    let marked = if template.contains("{page}") {
        template.replace("{page}", MARK)
    } else {
        let (path, query) = template.split_once('?').unwrap_or((template, ""));
        let (dir, last) = path.rsplit_once('/').map_or(("", path), |(d, l)| (d, l));
        let mut out = String::new();
        if !dir.is_empty() {
            out.push_str(dir);
            out.push('/');
        }
        out.push_str(&generalise(last));
        if !query.is_empty() {
            out.push('?');
            out.push_str(&generalise(query));
        }
        out
    };
    let url = base.join(&marked).ok()?;
    let pattern = regex::escape(url.as_str()).replace(MARK, r"\d+");
    Regex::new(&format!("^{pattern}$")).ok()
}

pub(crate) fn selector(s: &str) -> Result<Selector, String> {
    // scraper's own words ("Unexpected error occurred. Please report this to the developer")
    // help no one: say what a selector looks like instead.
    Selector::parse(s).map_err(|_| {
        format!(
            "CSS 选择器「{s}」写法有误（应写成 ul.list a、a.next、#zxdh、table.info td 这样；\
             点号 . 后面是 class 名，井号 # 后面是 id）"
        )
    })
}

/// The site root: an absolute http(s) URL.
fn site_url(text: &str) -> Result<Url, String> {
    let url = Url::parse(text.trim()).map_err(|e| url_reason(text, e))?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return Err(format!(
            "「{text}」不是网站地址，要以 http:// 或 https:// 开头，如 \"https://zwfw.example.gov.cn/\""
        ));
    }
    Ok(url)
}

/// A host the crawl may contact, as matched against a URL (`host` or `host:port`). Written as a
/// whole address (`"https://www.example.gov.cn/"`, as a clerk copies it from the browser), it
/// never matched, and every link there was skipped as "not in hosts" though it was.
fn host_entry(text: &str) -> Result<String, String> {
    let t = text.trim();
    let url = if t.contains("://") {
        Url::parse(t).ok()
    } else {
        let host = t.split('/').next().unwrap_or_default();
        Url::parse(&format!("http://{host}/")).ok()
    };
    url.filter(|u| u.host_str().is_some_and(|h| !h.is_empty()))
        .map(|u| host_key(&u))
        .ok_or_else(|| {
            format!(
                "「{text}」不是主机名，应写成 \"www.example.gov.cn\" 或 \"www.example.gov.cn:8080\"（不带 http:// 也可以）"
            )
        })
}

/// Why a URL of the profile cannot be used, in Chinese.
fn url_reason(text: &str, e: url::ParseError) -> String {
    use url::ParseError as E;
    let why = match e {
        E::RelativeUrlWithoutBase => "不是完整的网址，要以 http:// 或 https:// 开头",
        E::EmptyHost => "缺少主机名",
        E::InvalidPort => "端口号无效",
        E::InvalidIpv4Address | E::InvalidIpv6Address => "IP 地址无效",
        E::InvalidDomainCharacter => "主机名中有不允许的字符（全角符号或空格？）",
        _ => "不是有效的网址",
    };
    format!("「{text}」{why}")
}

/// Why a regular expression of the profile cannot be used, in Chinese.
fn regex_reason(pattern: &str, e: &regex::Error) -> String {
    let detail = e.to_string();
    let why = if detail.contains("unclosed group") || detail.contains("unopened group") {
        "圆括号 ( ) 没有配对".to_owned()
    } else if detail.contains("unclosed character class") {
        "方括号 [ ] 没有配对".to_owned()
    } else if detail.contains("repetition operator missing expression") {
        "* + ? { 前面缺少内容（要匹配这些字符本身，请在前面加 \\，在站点配置的双引号里写作 \\\\）"
            .to_owned()
    } else if detail.contains("unrecognized escape sequence") {
        "有无法识别的反斜杠转义".to_owned()
    } else {
        // The last line of the regex crate's message names the kind of error.
        let kind = detail.lines().last().unwrap_or_default().trim();
        format!("写法有误（{kind}）")
    };
    format!("正则表达式「{pattern}」{why}")
}

/// A checked profile, ready to crawl.
#[derive(Debug)]
pub struct CompiledProfile {
    /// Profile name.
    pub name: String,
    /// Site root (ends with `/`).
    pub base: Url,
    /// Net settings with the allow-list filled in.
    pub net: NetConfig,
    pub(crate) lists: Vec<CompiledList>,
    pub(crate) labels: LabelSet,
    pub(crate) label_selector: Selector,
    pub(crate) section_selector: Selector,
    pub(crate) select: Vec<(ItemField, Selector)>,
    pub(crate) json_root: String,
    pub(crate) json_fields: super::json::FieldMap,
}

#[derive(Debug)]
pub(crate) struct CompiledList {
    pub source: ListSource,
    pub next: Option<Selector>,
    pub links: Selector,
    pub pattern: Option<Regex>,
    /// The list's own pages (see `list_page_pattern`).
    pub pages: Option<Regex>,
}

impl CompiledProfile {
    /// The URL of page `page` of list `list`.
    pub(crate) fn list_page_url(&self, list: usize, page: u32) -> Option<Url> {
        let l = &self.lists.get(list)?.source;
        self.base
            .join(&l.url.replace("{page}", &page.to_string()))
            .ok()
    }
}

#[cfg(test)]
mod tests;
