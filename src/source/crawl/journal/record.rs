//! What the journal keeps of one URL: [`Target`] (the URL and its [`PageKind`]), how it ended
//! ([`PageStatus`]), and the whole [`PageRecord`] with validators, links and the item read.
//!
//! Not here: reading and writing the journal (`mod.rs`), the crawl log and the result files
//! (`outputs`).

use serde::{Deserialize, Serialize};

use crate::model::Item;

/// What a URL is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PageKind {
    /// An HTML list page.
    HtmlList,
    /// A JSON list page.
    JsonList,
    /// An HTML guide page (one item).
    Guide,
    /// A JSON detail record (one item).
    JsonDetail,
    /// A robots.txt file.
    Robots,
}

impl PageKind {
    /// Whether the page holds one item (a failure then becomes an unreadable record).
    pub fn is_item(self) -> bool {
        matches!(self, PageKind::Guide | PageKind::JsonDetail)
    }

    pub(super) fn label_zh(self) -> &'static str {
        match self {
            PageKind::HtmlList => "列表页",
            PageKind::JsonList => "列表接口",
            PageKind::Guide => "办事指南",
            PageKind::JsonDetail => "详情接口",
            PageKind::Robots => "robots.txt",
        }
    }
}

/// A URL to visit, with what it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Target {
    /// Absolute URL.
    pub url: String,
    /// What it is.
    pub kind: PageKind,
    /// Index of the profile list it belongs to (list pages).
    #[serde(default)]
    pub list: usize,
    /// Page number (list pages).
    #[serde(default)]
    pub page: u32,
    /// A list page the page before linked to (its next-page link, or its pager naming this
    /// page's URL), not only a number tried from the list's `{page}` template: a 404 there is a
    /// failed list page, not the end of the list. Journals written before it read as `false`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub linked: bool,
}

/// How a URL ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PageStatus {
    /// Fetched and read.
    Ok,
    /// 304: the stored result was reused.
    NotModified,
    /// Fetched but failed (HTTP error, timeout, unreadable content).
    Failed,
    /// Not fetched (robots.txt, outside the allow-list, invalid URL).
    Skipped,
}

impl PageStatus {
    /// The Chinese label written in the crawl log.
    pub fn label_zh(self) -> &'static str {
        match self {
            PageStatus::Ok => "成功",
            PageStatus::NotModified => "未修改",
            PageStatus::Failed => "失败",
            PageStatus::Skipped => "跳过",
        }
    }
}

/// The result of one URL.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PageRecord {
    /// The pass it belongs to.
    pub pass: u32,
    /// The URL and its kind.
    pub target: Target,
    /// How it ended.
    pub status: PageStatus,
    /// HTTP status, when there was a response.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub http: Option<u16>,
    /// The URL after redirects, when different.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub final_url: Option<String>,
    /// `ETag` of the response.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub etag: Option<String>,
    /// `Last-Modified` of the response.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<String>,
    /// Pages it led to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<Target>,
    /// A JSON list page: the total number of entries the endpoint says the list has
    /// (`total_path`), to tell whether the pages read gave them all.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<u64>,
    /// The item read from it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<Box<Item>>,
    /// When the page could not be read this time (a timeout, the site erring) and `item` is the
    /// one read earlier: when that was (RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stale_since: Option<String>,
    /// What went wrong, or a note (encoding), in Chinese.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub message: String,
    /// Requests made for it (retries included).
    #[serde(default)]
    pub attempts: u32,
    /// Body bytes.
    #[serde(default)]
    pub bytes: u64,
    /// Time taken, in milliseconds.
    #[serde(default)]
    pub ms: u64,
    /// When it finished (RFC 3339).
    #[serde(default)]
    pub at: String,
}

impl PageRecord {
    /// A record of `target` with `status` and nothing fetched yet, filled in as the visit goes.
    pub(crate) fn new(pass: u32, target: Target, status: PageStatus) -> Self {
        Self {
            pass,
            target,
            status,
            http: None,
            final_url: None,
            etag: None,
            last_modified: None,
            links: Vec::new(),
            total: None,
            item: None,
            stale_since: None,
            message: String::new(),
            attempts: 0,
            bytes: 0,
            ms: 0,
            at: String::new(),
        }
    }
}
