//! `zwfw-audit crawl`: pulls items from a platform's public guide pages and JSON endpoints, as a
//! [site profile](profile::Profile) describes them, through the polite
//! [`Fetcher`](crate::net::Fetcher) (allow-list = the profile's hosts, per-host interval and
//! concurrency, retries, body limit) and robots.txt.
//!
//! The crawl is resumable: its state lives in the output folder ([`journal`]), so a killed crawl
//! goes on where it stopped and a finished one is re-checked with conditional requests. Every URL
//! ends in the crawl log; a guide page that cannot be read becomes an unreadable record, never a
//! silent gap. The library reports progress through [`CrawlProgress`] and never prints.
//!
//! Not here: HTTP details (`crate::net`), checking the items (`crate::check`).
//!
//! This file holds the options, the counts, the progress, the summary and the errors, and the
//! bounds on what is fetched and kept. Not here: one run of the crawl ([`crawl`], in `run`),
//! whether a URL may be fetched (`gate`), visiting a page (`visit`), the state on disk
//! ([`journal`]).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

mod blocks;
pub mod decode;
mod gate;
mod html;
pub mod journal;
mod json;
pub(crate) mod labels;
mod list;
pub mod output;
pub mod profile;
mod robots;
mod run;
pub mod status;
mod table;
mod unexpected;
mod visit;

pub use journal::{PageKind, PageRecord, PageStatus, Target};
pub use profile::{CompiledProfile, Profile, ProfileError};
pub use run::crawl;

use crate::net::FetchError;
use robots::HostRules;

/// How a crawl run is bounded and where it writes.
#[derive(Debug, Clone, Default)]
pub struct CrawlOptions {
    /// The output folder: state, log, items.
    pub output_dir: PathBuf,
    /// Do not read robots.txt (explicit opt-out; logged).
    pub ignore_robots: bool,
    /// Stop after this many URLs fetched in this run (the crawl resumes on the next run).
    pub max_fetches: Option<u64>,
    /// Stop after this much time; pages in flight are dropped and fetched on the next run.
    pub time_budget: Option<Duration>,
}

/// Counts, for progress and the summary.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CrawlStats {
    /// URLs fetched in this run.
    pub fetched: u64,
    /// Of those, answered 304 (stored result reused).
    pub not_modified: u64,
    /// Items in the pass so far (resumed ones included).
    pub items: u64,
    /// Failed URLs in this run.
    pub failed: u64,
    /// URLs not fetched or not followed (robots.txt, off the allow-list, also by a redirect).
    pub skipped: u64,
    /// URLs already done when the run resumed.
    pub resumed: u64,
    /// Of those, the URLs that failed in the earlier goes of the pass: not fetched again until
    /// the next pass, they are still failed. A resumed crawl that left them out said 失败 0 and
    /// exited 0 over pages it never read (h36).
    pub failed_before: u64,
    /// URLs waiting.
    pub queued: usize,
    /// HTTP requests sent (retries and robots.txt included).
    pub requests: u64,
    /// Time since the run started.
    pub elapsed: Duration,
}

impl CrawlStats {
    /// URLs fetched per second.
    pub fn rate(&self) -> f64 {
        let s = self.elapsed.as_secs_f64();
        if s > 0.0 {
            self.fetched as f64 / s
        } else {
            0.0
        }
    }
}

/// Receives progress; the CLI draws it. All methods default to doing nothing.
pub trait CrawlProgress: Send + Sync {
    /// A URL finished.
    fn page(&self, _record: &PageRecord, _stats: &CrawlStats) {}
    /// Something worth telling (robots.txt ignored, a crawl resumed, a budget reached).
    fn notice(&self, _message: &str) {}
}

/// Progress that goes nowhere.
#[derive(Debug, Default, Clone, Copy)]
pub struct NoProgress;

impl CrawlProgress for NoProgress {}

/// What a run did.
#[derive(Debug, Clone)]
pub struct CrawlSummary {
    /// Final counts.
    pub stats: CrawlStats,
    /// Whether the pass finished (no budget or limit cut it short).
    pub complete: bool,
    /// Why it stopped early, in Chinese.
    pub stopped: Option<String>,
    /// Items written.
    pub items: usize,
    /// Unreadable records written.
    pub unreadable: usize,
    /// List pages of the pass that could not be read: the items they list were not found.
    pub failed_lists: Vec<status::FailedList>,
    /// Guide pages that failed this time (timeout, the site erring) whose earlier item was kept.
    pub carried: Vec<status::FailedList>,
    /// JSON lists read to their last page that gave fewer entries than the total count their
    /// endpoint gave (the crawl is then not complete, though every page was read).
    pub short_lists: Vec<status::FailedList>,
    /// Guide pages of the pass with a 申请材料, 办理流程 or 常见问题 heading that gave no row of
    /// it (their log message says which).
    pub unread_sections: usize,
    /// The output folder.
    pub output_dir: PathBuf,
}

/// What stops a whole crawl (a bad page never does).
#[derive(Debug, thiserror::Error)]
pub enum CrawlError {
    /// The profile is unusable.
    #[error(transparent)]
    Profile(#[from] ProfileError),
    /// The state in the output folder cannot be read or written.
    // The cause is printed by the error chain (anyhow `{:#}`), not repeated here.
    #[error("无法读写抓取状态 {path}")]
    State {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The HTTP client cannot be built.
    #[error(transparent)]
    Net(#[from] FetchError),
}

fn state_err((path, source): (PathBuf, std::io::Error)) -> CrawlError {
    CrawlError::State { path, source }
}

/// Longest URL requested, in bytes (longer ones are recorded as skipped).
pub const MAX_URL_BYTES: usize = 4096;

/// Longest element value kept, in characters; a longer one is cut and marked with `…`.
pub const MAX_VALUE_CHARS: usize = 20_000;

/// Cuts an untrusted value to [`MAX_VALUE_CHARS`].
pub(crate) fn bounded(s: String) -> String {
    if s.chars().count() <= MAX_VALUE_CHARS {
        s
    } else {
        let mut cut: String = s.chars().take(MAX_VALUE_CHARS).collect();
        cut.push('…');
        cut
    }
}

/// robots.txt rules by host key, shared with the page tasks (for redirect hops).
pub(crate) type RobotsMap = std::sync::RwLock<HashMap<String, HostRules>>;

/// The output folder's item file (for `check`).
pub fn items_path(dir: &Path) -> PathBuf {
    dir.join("items.ndjson")
}
