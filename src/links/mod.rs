//! Attachment and link checks (network), kept out of the pure rules.
//!
//! Every URL an item publishes — blank forms (空白表格), samples (示例样表), result samples (结果样本),
//! intermediary query sites (中介机构查询网址) and online handling URLs (在线办理地址) — is collected
//! ([`collect`]), deduplicated, and checked once through the polite [`crate::net::Fetcher`]
//! ([`probe`]): one GET with a range (the file's first `max_download_bytes`). A link ends with
//! one of three verdicts ([`LinkVerdict`]): `ok`, `broken` (404/410, DNS failure or connection
//! refused on a host that answered other links, redirect loop, an error page served with 200, an
//! empty, truncated or refused file) or `unverifiable` (403, 401, 429 after retries, 5xx,
//! timeouts, TLS failures, a host that answered nothing this run, an unreadable redirect, hosts
//! outside the allow-list, a page of the site's firewall or rate limit served in the file's place). Downloaded forms and samples are inspected ([`content`]): real type, editable
//! format, garbled text, whether the name fits the material, unmasked personal data.
//!
//! Results become findings of M06 (blank form), M07 (sample), B12 (result sample), I01
//! (intermediary query site) and L01 (online handling URL) on the report ([`findings`]). Only
//! `broken` and content defects fail a rule; `unverifiable` is a warning and is checked again next
//! run. Results are cached across runs ([`cache`]): fresh entries that found nothing wrong are
//! reused (a dead link or a file with a problem is asked again every run), stale ones are
//! re-checked with conditional requests, and transport errors are never cached.
//!
//! Nothing is written except the cache file in the configured cache folder.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::net::NetConfig;

pub mod cache;
pub mod collect;
pub mod content;
pub mod findings;
pub mod probe;

pub use cache::LinkCache;
pub use collect::{LinkKind, LinkUse, collect_items, collect_records, collect_records_from};
pub use findings::{UseProblem, apply_to_report, use_problems};
pub use probe::{
    LinkCheck, LinkRun, LinkVerdict, Progress, RunStats, check_links, check_links_blocking,
};

/// The `[links]` section of the configuration file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LinksConfig {
    /// Hosts (with optional `:port`) that may be contacted; links to other hosts are reported as
    /// unverifiable. Empty means no link is fetched.
    pub allowed_hosts: Vec<String>,
    /// The platform's address (`https://zwfw.chizhou.gov.cn/`), against which links written as
    /// relative addresses (`/files/a.docx`, `files/a.docx`) are resolved when the item's own
    /// 办事指南地址 is not an absolute URL on an allowed host. Without it such links are not
    /// checked, and the run says how many.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub base_url: Option<String>,
    /// Folder of the cache file (`links-cache.json`); the only place this module writes.
    pub cache_dir: PathBuf,
    /// Age after which a clean cached result is checked again (conditional request), in hours. A
    /// dead link or a file with a problem is checked again on every run.
    pub max_age_hours: f64,
    /// Links checked at the same time over all hosts.
    pub concurrency: usize,
    /// Largest file downloaded for inspection, in bytes.
    pub max_download_bytes: u64,
    /// Largest uncompressed size read from one .docx/.xlsx, in bytes.
    pub max_unzip_bytes: u64,
    /// Largest uncompressed ÷ compressed ratio of one zip entry.
    pub max_unzip_ratio: u64,
    /// Most entries in one zip file.
    pub max_zip_entries: usize,
    /// Politeness override: requests in flight to one host.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub per_host_concurrency: Option<usize>,
    /// Politeness override: milliseconds between two request starts to one host.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_interval_ms: Option<u64>,
    /// Override: timeout of one request, in seconds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timeout_secs: Option<f64>,
    /// Override: retries after the first attempt.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retries: Option<u32>,
    /// Override: first backoff in milliseconds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub backoff_ms: Option<u64>,
    /// Override: longest Retry-After honoured, in seconds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_retry_after_secs: Option<u64>,
    /// Override: the User-Agent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_agent: Option<String>,
}

impl Default for LinksConfig {
    fn default() -> Self {
        Self {
            allowed_hosts: Vec::new(),
            base_url: None,
            cache_dir: PathBuf::from(".zwfw-audit-cache"),
            max_age_hours: 24.0 * 7.0,
            concurrency: 16,
            max_download_bytes: 20 * 1024 * 1024,
            max_unzip_bytes: 64 * 1024 * 1024,
            max_unzip_ratio: 200,
            max_zip_entries: 2000,
            per_host_concurrency: None,
            min_interval_ms: None,
            timeout_secs: None,
            retries: None,
            backoff_ms: None,
            max_retry_after_secs: None,
            user_agent: None,
        }
    }
}

impl LinksConfig {
    /// The fetcher settings: the defaults of [`NetConfig`] with this section's overrides.
    pub fn net_config(&self) -> NetConfig {
        let d = NetConfig::default();
        NetConfig {
            user_agent: self.user_agent.clone().unwrap_or(d.user_agent),
            timeout_secs: self.timeout_secs.unwrap_or(d.timeout_secs),
            connect_timeout_secs: self
                .timeout_secs
                .map_or(d.connect_timeout_secs, |t| t.min(d.connect_timeout_secs)),
            max_body_bytes: self.max_download_bytes,
            per_host_concurrency: self.per_host_concurrency.unwrap_or(d.per_host_concurrency),
            min_interval_ms: self.min_interval_ms.unwrap_or(d.min_interval_ms),
            retries: self.retries.unwrap_or(d.retries),
            backoff_ms: self.backoff_ms.unwrap_or(d.backoff_ms),
            max_retry_after_secs: self.max_retry_after_secs.unwrap_or(d.max_retry_after_secs),
            max_redirects: d.max_redirects,
            allowed_hosts: self.allowed_hosts.clone(),
            give_up_after_timeouts: d.give_up_after_timeouts,
        }
    }

    /// The decompression bounds.
    pub fn zip_limits(&self) -> content::ZipLimits {
        content::ZipLimits {
            max_entries: self.max_zip_entries,
            max_total_bytes: self.max_unzip_bytes,
            max_ratio: self.max_unzip_ratio,
        }
    }
}

/// What stops a link run as a whole (a single bad link never does).
#[derive(Debug, thiserror::Error)]
pub enum LinksError {
    /// The HTTP client could not be built.
    #[error("无法初始化网络客户端: {0}")]
    Client(#[from] crate::net::FetchError),
    /// The async runtime could not be started.
    #[error("无法启动异步运行时: {0}")]
    Runtime(std::io::Error),
    /// The cache file could not be written.
    #[error("无法写入链接缓存 {path}: {}", crate::io_reason(.source))]
    CacheWrite {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_section_parses_with_overrides() {
        let cfg: LinksConfig = toml::from_str(
            "allowed_hosts = [\"zwfw.chizhou.gov.cn\"]\ncache_dir = \"cache\"\nmax_age_hours = 12\nmin_interval_ms = 0\nper_host_concurrency = 8\n",
        )
        .unwrap();
        let net = cfg.net_config();
        assert_eq!(net.min_interval_ms, 0);
        assert_eq!(net.per_host_concurrency, 8);
        assert_eq!(net.allowed_hosts, vec!["zwfw.chizhou.gov.cn".to_owned()]);
        assert_eq!(net.retries, NetConfig::default().retries);
        assert!(toml::from_str::<LinksConfig>("allowed_host = []").is_err());
    }
}
