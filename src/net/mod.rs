//! Polite HTTP for the crawler and the link checker: one [`Fetcher`] with an allow-list of hosts,
//! per-host concurrency and minimum interval, retries with exponential backoff on timeouts, 5xx
//! and 429 (honouring `Retry-After`), manual redirects (each hop checked against the allow-list,
//! loops detected), conditional requests and a bound on every body.
//!
//! Nothing here knows about items or rules.
//!
//! This file holds the settings ([`NetConfig`]) and what goes in and out: [`Request`] and
//! [`Response`]. Not here: the client and its redirects, retries and per-host pacing
//! (`fetcher`), why a request got no response (`error`), the unit tests (`tests`).

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use url::Url;

mod error;
mod fetcher;
#[cfg(test)]
mod tests;

pub use error::{Failure, FetchError};
pub use fetcher::{Fetcher, host_key};

/// Politeness and safety settings; every field has a default.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct NetConfig {
    /// The User-Agent, naming the tool.
    pub user_agent: String,
    /// Timeout for one request, in seconds.
    pub timeout_secs: f64,
    /// Connect timeout, in seconds.
    pub connect_timeout_secs: f64,
    /// Largest body read, in bytes; a larger one is cut and marked `truncated`.
    pub max_body_bytes: u64,
    /// Requests in flight to one host at most.
    pub per_host_concurrency: usize,
    /// Minimum time between the starts of two requests to one host, in milliseconds.
    pub min_interval_ms: u64,
    /// Retries after the first attempt (timeouts, connection errors, 5xx, 429).
    pub retries: u32,
    /// First backoff, in milliseconds; doubled on each retry.
    pub backoff_ms: u64,
    /// Longest `Retry-After` honoured, in seconds; longer ones give up.
    pub max_retry_after_secs: u64,
    /// Redirects followed at most.
    pub max_redirects: usize,
    /// Hosts (with optional `:port`) that may be contacted; empty means none.
    pub allowed_hosts: Vec<String>,
    /// Requests to one host that may time out in a row (with no answer from it in between)
    /// before the rest of its URLs are given up for this run without being requested; 0 never
    /// gives up. A host that has gone silent otherwise costs every one of its links the whole
    /// timeout and retries: hours for a platform's thousand forms.
    pub give_up_after_timeouts: u32,
}

impl Default for NetConfig {
    fn default() -> Self {
        Self {
            user_agent: format!(
                "zwfw-audit/{} (政务服务事项实施清单审核工具)",
                env!("CARGO_PKG_VERSION")
            ),
            timeout_secs: 20.0,
            connect_timeout_secs: 10.0,
            max_body_bytes: 20 * 1024 * 1024,
            per_host_concurrency: 2,
            min_interval_ms: 500,
            retries: 2,
            backoff_ms: 500,
            max_retry_after_secs: 60,
            max_redirects: 5,
            allowed_hosts: Vec::new(),
            give_up_after_timeouts: 6,
        }
    }
}

/// HTTP method.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// GET.
    Get,
    /// HEAD.
    Head,
}

/// One request.
#[derive(Debug, Clone)]
pub struct Request {
    /// The URL.
    pub url: Url,
    /// GET or HEAD.
    pub method: Method,
    /// `Range: bytes=0-N` for a partial GET.
    pub range_end: Option<u64>,
    /// `If-None-Match`.
    pub etag: Option<String>,
    /// `If-Modified-Since`.
    pub last_modified: Option<String>,
}

impl Request {
    /// A plain GET.
    pub fn get(url: Url) -> Self {
        Self {
            url,
            method: Method::Get,
            range_end: None,
            etag: None,
            last_modified: None,
        }
    }
}

/// A response (any status, including 4xx and 5xx after retries).
#[derive(Debug, Clone)]
pub struct Response {
    /// The URL that answered, after redirects.
    pub final_url: Url,
    /// The redirect hops followed, in order.
    pub redirects: Vec<Url>,
    /// HTTP status.
    pub status: u16,
    /// Response headers, lower-case names (the last value of repeated ones).
    pub headers: HashMap<String, String>,
    /// The body, at most `max_body_bytes`.
    pub body: Vec<u8>,
    /// Whether the body was cut at the limit.
    pub truncated: bool,
    /// Attempts made (1 = no retry).
    pub attempts: u32,
    /// Header values as raw bytes, lower-case names (the last value of repeated ones), including
    /// those that are not ASCII text (a GBK `Content-Disposition` file name) and so are missing
    /// from `headers`.
    pub raw_headers: HashMap<String, Vec<u8>>,
}

impl Response {
    /// A header value by lower-case name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).map(String::as_str)
    }
}
