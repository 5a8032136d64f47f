//! `zwfw-audit crawl`: pulls items from a platform's public guide pages and JSON endpoints, as a
//! [site profile](profile::Profile) describes them, through the polite [`Fetcher`] (allow-list =
//! the profile's hosts, per-host interval and concurrency, retries, body limit) and robots.txt.
//!
//! The crawl is resumable: its state lives in the output folder ([`journal`]), so a killed crawl
//! goes on where it stopped and a finished one is re-checked with conditional requests. Every URL
//! ends in the crawl log; a guide page that cannot be read becomes an unreadable record, never a
//! silent gap. The library reports progress through [`CrawlProgress`] and never prints.
//!
//! Not here: HTTP details (`crate::net`), checking the items (`crate::check`).

use std::collections::{HashMap, HashSet, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::task::JoinSet;
use url::Url;

pub mod decode;
mod html;
pub mod journal;
mod json;
pub(crate) mod labels;
mod list;
pub mod output;
pub mod profile;
mod robots;
pub mod status;
mod unexpected;
mod visit;

pub use journal::{PageKind, PageRecord, PageStatus, Target};
pub use profile::{CompiledProfile, Profile, ProfileError};

use crate::net::{FetchError, Fetcher, host_key};
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

/// Runs (or resumes) a crawl. Call it inside a tokio runtime.
pub async fn crawl(
    profile: Arc<CompiledProfile>,
    options: &CrawlOptions,
    progress: &dyn CrawlProgress,
) -> Result<CrawlSummary, CrawlError> {
    let started = Instant::now();
    let deadline = options.time_budget.map(|b| tokio::time::Instant::now() + b);
    let mut journal =
        journal::Journal::open(&options.output_dir, &profile.name).map_err(state_err)?;
    let mut stats = CrawlStats::default();
    let pass = journal.pass;
    status::CrawlStatus::mark_running(&options.output_dir, pass).map_err(state_err)?;
    let mut fetcher = Arc::new(Fetcher::new(profile.net.clone())?);

    // The frontier: start pages, then every link of a done page of this pass not done yet.
    let mut queue: VecDeque<journal::Target> = VecDeque::new();
    let mut seen: HashSet<String> = HashSet::new();
    for (i, l) in profile.lists.iter().enumerate() {
        if let Some(url) = profile.list_page_url(i, l.source.first_page) {
            let kind = match l.source.kind {
                profile::ListKind::Html => PageKind::HtmlList,
                profile::ListKind::Json => PageKind::JsonList,
            };
            enqueue(
                &mut queue,
                &mut seen,
                Target {
                    url: url.to_string(),
                    kind,
                    list: i,
                    page: l.source.first_page,
                },
            );
        }
    }
    let mut repeats = list::Repeats::default();
    for r in journal.pass_records() {
        repeats.note(r);
    }
    if journal.resumed {
        let links: Vec<Target> = journal
            .pass_records()
            .flat_map(|r| r.links.clone())
            .collect();
        for l in links {
            enqueue(&mut queue, &mut seen, l);
        }
        stats.resumed = journal.done.len() as u64;
        stats.items = journal.pass_records().filter(|r| r.item.is_some()).count() as u64;
        progress.notice(&format!(
            "继续上次未完成的抓取（第{pass}轮）: 已完成 {} 个网址",
            stats.resumed
        ));
    }
    queue.retain(|t| !journal.is_done(&t.url));

    let robots: Arc<RobotsMap> = Arc::default();
    if options.ignore_robots {
        let message = "已按 --ignore-robots 忽略 robots.txt（请确认已获网站许可）";
        progress.notice(message);
        let mut robots_url = profile
            .base
            .join("/robots.txt")
            .unwrap_or_else(|_| profile.base.clone());
        robots_url.set_query(None);
        let mut rec = visit::failed_record(
            pass,
            &Target {
                url: robots_url.to_string(),
                kind: PageKind::Robots,
                list: 0,
                page: 0,
            },
        );
        rec.status = PageStatus::Skipped;
        message.clone_into(&mut rec.message);
        rec.at = jiff::Timestamp::now().to_string();
        journal.log_row(&rec).map_err(state_err)?;
    } else {
        // The base host first, so that a Crawl-delay can still slow the fetcher down.
        let (rules, rec) = robots::fetch(&fetcher, &profile.base, pass).await;
        journal.log_row(&rec).map_err(state_err)?;
        if rec.status == PageStatus::Failed {
            progress.notice(&rec.message);
        }
        if let Some(delay) = rules.delay() {
            let ms = (f64::from(delay) * 1000.0) as u64;
            if ms > profile.net.min_interval_ms {
                let mut net = profile.net.clone();
                net.min_interval_ms = ms;
                fetcher = Arc::new(Fetcher::new(net)?);
                progress.notice(&format!(
                    "robots.txt 要求 Crawl-delay {delay} 秒，已放慢请求"
                ));
            }
        }
        write_rules(&robots).insert(host_key(&profile.base), rules);
    }

    let concurrency =
        profile.net.per_host_concurrency.max(1) * profile.net.allowed_hosts.len().max(1);
    let mut tasks: JoinSet<PageRecord> = JoinSet::new();
    let mut in_flight: HashMap<tokio::task::Id, Target> = HashMap::new();
    let mut launched = 0u64;
    let mut stopped: Option<String> = None;
    loop {
        while stopped.is_none() && tasks.len() < concurrency {
            if options.max_fetches.is_some_and(|m| launched >= m) {
                if !queue.is_empty() {
                    stopped = Some(format!("已达到本次抓取上限 {launched} 个网址"));
                }
                break;
            }
            if deadline.is_some_and(|d| tokio::time::Instant::now() >= d) {
                stopped = Some("已用完抓取时间预算".into());
                break;
            }
            let Some(t) = queue.pop_front() else { break };
            if let Some(rec) = gate(
                &t,
                &fetcher,
                &robots,
                options.ignore_robots,
                pass,
                &mut journal,
                progress,
            )
            .await?
            {
                stats.skipped += 1;
                finish(
                    &mut journal,
                    &mut stats,
                    rec,
                    progress,
                    &mut queue,
                    &mut seen,
                )?;
                continue;
            }
            launched += 1;
            let prev = journal.latest.get(&t.url).cloned();
            let handle = tasks.spawn(visit::visit(
                fetcher.clone(),
                profile.clone(),
                t.clone(),
                prev,
                pass,
                robots.clone(),
            ));
            in_flight.insert(handle.id(), t);
        }
        if tasks.is_empty() {
            break;
        }
        let next = tasks.join_next_with_id();
        let joined = if let Some(d) = deadline {
            if let Ok(j) = tokio::time::timeout_at(d, next).await {
                j
            } else {
                tasks.abort_all();
                while tasks.join_next().await.is_some() {}
                stopped = Some("已用完抓取时间预算，进行中的网址下次重新抓取".into());
                break;
            }
        } else {
            next.await
        };
        let rec = match joined {
            None => continue,
            Some(Ok((id, rec))) => {
                in_flight.remove(&id);
                rec
            }
            Some(Err(e)) => {
                // A task that panicked still leaves a record: the URL is never silently missing.
                let Some(target) = in_flight.remove(&e.id()) else {
                    continue;
                };
                let mut rec = visit::failed_record(pass, &target);
                rec.message = format!("内部错误: {e}");
                rec.at = jiff::Timestamp::now().to_string();
                rec
            }
        };
        stats.fetched += 1;
        match rec.status {
            PageStatus::NotModified => stats.not_modified += 1,
            PageStatus::Failed => stats.failed += 1,
            PageStatus::Skipped => stats.skipped += 1,
            PageStatus::Ok => {}
        }
        if rec.item.is_some() {
            stats.items += 1;
        }
        let mut rec = rec;
        repeats.check(&mut rec);
        if let Some(message) = list::notice(&profile, &rec) {
            progress.notice(&message);
        }
        stats.requests = fetcher.requests_sent();
        stats.elapsed = started.elapsed();
        finish(
            &mut journal,
            &mut stats,
            rec,
            progress,
            &mut queue,
            &mut seen,
        )?;
    }
    let complete = stopped.is_none() && queue.is_empty();
    if complete {
        journal.finish_pass().map_err(state_err)?;
    } else if let Some(s) = &stopped {
        progress.notice(&format!("{s}；再次运行同一命令即可继续"));
    }
    let (items, unreadable) = journal.write_outputs().map_err(state_err)?;
    let failed_lists: Vec<status::FailedList> = journal
        .pass_records()
        .filter(|r| {
            matches!(r.target.kind, PageKind::HtmlList | PageKind::JsonList)
                && matches!(r.status, PageStatus::Failed | PageStatus::Skipped)
        })
        .map(|r| status::FailedList {
            url: r.target.url.clone(),
            reason: format!("{}: {}", r.status.label_zh(), r.message),
        })
        .collect();
    let carried: Vec<status::FailedList> = journal
        .pass_records()
        .filter(|r| r.stale_since.is_some() && r.item.is_some())
        .map(|r| status::FailedList {
            url: r.target.url.clone(),
            reason: r.message.clone(),
        })
        .collect();
    status::CrawlStatus {
        profile: profile.name.clone(),
        pass,
        complete,
        stopped: stopped.clone(),
        failed_lists: failed_lists.clone(),
        carried: carried.clone(),
        running: None,
        items,
        unreadable,
        at: jiff::Timestamp::now().to_string(),
    }
    .write(&options.output_dir)
    .map_err(state_err)?;
    stats.requests = fetcher.requests_sent();
    stats.elapsed = started.elapsed();
    stats.queued = queue.len();
    Ok(CrawlSummary {
        stats,
        complete,
        stopped,
        items,
        unreadable,
        failed_lists,
        carried,
        output_dir: options.output_dir.clone(),
    })
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

fn enqueue(queue: &mut VecDeque<Target>, seen: &mut HashSet<String>, t: Target) {
    if seen.insert(t.url.clone()) {
        queue.push_back(t);
    }
}

/// Records a finished URL and queues what it led to.
fn finish(
    journal: &mut journal::Journal,
    stats: &mut CrawlStats,
    rec: PageRecord,
    progress: &dyn CrawlProgress,
    queue: &mut VecDeque<Target>,
    seen: &mut HashSet<String>,
) -> Result<(), CrawlError> {
    for l in &rec.links {
        if !journal.is_done(&l.url) {
            enqueue(queue, seen, l.clone());
        }
    }
    stats.queued = queue.len();
    progress.page(&rec, stats);
    journal.record(rec).map_err(state_err)
}

/// Whether a target may be fetched: a `Skipped` record when not (invalid URL, off the allow-list,
/// refused by robots.txt). Fetches robots.txt of a host on its first URL.
async fn gate(
    t: &Target,
    fetcher: &Fetcher,
    robots: &RobotsMap,
    ignore_robots: bool,
    pass: u32,
    journal: &mut journal::Journal,
    progress: &dyn CrawlProgress,
) -> Result<Option<PageRecord>, CrawlError> {
    let skip = |message: String| PageRecord {
        message,
        at: jiff::Timestamp::now().to_string(),
        ..PageRecord::new(pass, t.clone(), PageStatus::Skipped)
    };
    if t.url.len() > MAX_URL_BYTES {
        return Ok(Some(skip(format!("网址超过 {MAX_URL_BYTES} 字节，未抓取"))));
    }
    let url = match Url::parse(&t.url) {
        Ok(u) => u,
        Err(e) => return Ok(Some(skip(format!("网址无效: {e}")))),
    };
    match fetcher.allowed(&url) {
        Ok(()) => {}
        Err(FetchError::NotAllowed { host, .. }) => {
            return Ok(Some(skip(format!(
                "主机 {host} 不在站点配置的 base_url 和 hosts 中，未抓取（如果它也属于本平台，把它加入 hosts）"
            ))));
        }
        Err(e) => return Ok(Some(skip(format!("未抓取: {e}")))),
    }
    if ignore_robots {
        return Ok(None);
    }
    let key = host_key(&url);
    let known = read_rules(robots).contains_key(&key);
    if !known {
        let (rules, rec) = robots::fetch(fetcher, &url, pass).await;
        journal.log_row(&rec).map_err(state_err)?;
        if rec.status == PageStatus::Failed {
            progress.notice(&rec.message);
        }
        write_rules(robots).insert(key.clone(), rules);
    }
    let refusal = read_rules(robots).get(&key).and_then(|r| r.refusal(&url));
    if let Some(reason) = refusal {
        return Ok(Some(skip(reason.to_owned())));
    }
    Ok(None)
}

fn read_rules(map: &RobotsMap) -> std::sync::RwLockReadGuard<'_, HashMap<String, HostRules>> {
    map.read()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn write_rules(map: &RobotsMap) -> std::sync::RwLockWriteGuard<'_, HashMap<String, HostRules>> {
    map.write()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// The output folder's item file (for `check`).
pub fn items_path(dir: &Path) -> PathBuf {
    dir.join("items.ndjson")
}
