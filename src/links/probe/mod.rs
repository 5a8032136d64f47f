//! Checking links over the network: one [`LinkCheck`] per distinct URL, made politely through the
//! shared [`Fetcher`] — one GET with a range; a conditional GET when a stale cache entry has a
//! validator; nothing at all when the cache entry is fresh.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Instant;

use serde::{Deserialize, Serialize};
use tokio::sync::Semaphore;
use url::Url;

use super::cache::LinkCache;
use super::collect::LinkUse;
use super::content::{Inspection, ZipLimits};
use super::{LinksConfig, LinksError};
use crate::net::Fetcher;

mod one;
pub(crate) use one::REFUSED;
use one::probe;

/// What the reason of a link on (or redirected to) a host outside the allow-list says. In a
/// unit's fix list too, so it names no configuration key: the terminal says how to allow a host.
pub(crate) const NOT_ALLOWED: &str = "不在本次允许访问的主机之列";

/// The verdict on one link.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LinkVerdict {
    /// 可用 — the link answers with the content it should.
    Ok,
    /// 失效 — the link is dead or leads to an unusable file: fails the rule.
    Broken,
    /// 无法核实 — could not be decided this time: a warning, checked again next run.
    Unverifiable,
}

impl LinkVerdict {
    /// The Chinese label used in reports.
    pub fn label_zh(self) -> &'static str {
        match self {
            LinkVerdict::Ok => "可用",
            LinkVerdict::Broken => "失效",
            LinkVerdict::Unverifiable => "无法核实",
        }
    }
}

/// The result of checking one URL (also what the cache keeps).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LinkCheck {
    /// The URL checked.
    pub url: String,
    /// ok / broken / unverifiable.
    pub verdict: LinkVerdict,
    /// Why it is broken or unverifiable, in Chinese.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason: String,
    /// The last HTTP status seen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    /// Where redirects led, when they did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub final_url: Option<String>,
    /// The file name (from `Content-Disposition`, else the URL).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_name: Option<String>,
    /// `Content-Type` as served.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_type: Option<String>,
    /// Bytes received.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<u64>,
    /// Whether the file was larger than the download limit, so only its start was inspected.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub partial: bool,
    /// `ETag` validator.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub etag: Option<String>,
    /// `Last-Modified` validator.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<String>,
    /// SHA-256 of the bytes received, hex.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_hash: Option<String>,
    /// When the URL was last checked (or revalidated), RFC 3339.
    pub checked_at: String,
    /// What the content showed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inspection: Option<Inspection>,
    /// Requests made for this URL in this run (0 when answered from the cache).
    #[serde(default)]
    pub requests: u32,
    /// Whether this run's answer came from the cache (fresh, or revalidated with a 304).
    #[serde(default)]
    pub from_cache: bool,
    /// Whether the result may be cached as final (never for errors and unverifiable links).
    #[serde(skip)]
    pub cacheable: bool,
}

impl LinkCheck {
    pub(crate) fn new(url: &str, now: &str) -> Self {
        Self {
            url: url.to_owned(),
            verdict: LinkVerdict::Ok,
            reason: String::new(),
            status: None,
            final_url: None,
            file_name: None,
            content_type: None,
            size: None,
            partial: false,
            etag: None,
            last_modified: None,
            content_hash: None,
            checked_at: now.to_owned(),
            inspection: None,
            requests: 0,
            from_cache: false,
            cacheable: false,
        }
    }

    fn set(&mut self, verdict: LinkVerdict, reason: impl Into<String>) {
        self.verdict = verdict;
        self.reason = reason.into();
    }
}

/// Counts of one run.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RunStats {
    /// Link uses (a URL on 200 items counts 200).
    pub uses: usize,
    /// Distinct URLs.
    pub urls: usize,
    /// URLs answered from a fresh cache entry without any request.
    pub fresh_from_cache: usize,
    /// URLs revalidated with a conditional request answered 304.
    pub revalidated: usize,
    /// HTTP requests made, retries included.
    pub requests: u32,
    /// URLs by verdict.
    pub ok: usize,
    /// URLs by verdict.
    pub broken: usize,
    /// URLs by verdict.
    pub unverifiable: usize,
    /// Wall time of the checks, in seconds.
    pub elapsed_secs: f64,
}

/// The results of one run: every use and one check per distinct URL.
#[derive(Debug, Clone, Default)]
pub struct LinkRun {
    /// Every link use, in item order.
    pub uses: Vec<LinkUse>,
    /// One check per URL.
    pub checks: BTreeMap<String, LinkCheck>,
    /// Counts.
    pub stats: RunStats,
    /// Messages about the run (an unreadable cache file), in Chinese.
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, Copy)]
struct ProbeOpts {
    max_age_secs: f64,
    max_download: u64,
    limits: ZipLimits,
    /// Timeout of one request in seconds, and retries (for messages).
    net: (f64, u32),
}

/// How far a link run is: `(done, total)` distinct URLs to fetch, after each one.
pub type Progress<'a> = &'a (dyn Fn(usize, usize) + Sync);

/// Checks every distinct URL of `uses`, with `cache` (updated in place), at time `now`, telling
/// `progress` after each URL fetched.
pub async fn check_links(
    uses: Vec<LinkUse>,
    config: &LinksConfig,
    cache: &mut LinkCache,
    now: jiff::Timestamp,
    progress: Progress<'_>,
) -> Result<LinkRun, LinksError> {
    let started = Instant::now();
    let fetcher = Arc::new(Fetcher::new(config.net_config())?);
    let opts = ProbeOpts {
        max_age_secs: config.max_age_hours * 3600.0,
        max_download: config.max_download_bytes.max(1),
        limits: config.zip_limits(),
        net: {
            let n = config.net_config();
            (n.timeout_secs, n.retries)
        },
    };
    let now_s = now.to_string();
    let mut uses = uses;
    let mut notes = Vec::new();
    let unresolved = resolve_relative(&mut uses, config, &fetcher);
    if unresolved > 0 {
        notes.push(format!(
            "{unresolved} 个链接是相对地址，无法核实：请在配置 [links] base_url 中写明平台网址\
             （如 base_url = \"https://zwfw.chizhou.gov.cn/\"），或在导出中写完整的网址"
        ));
    }
    // URL → (valid, leads to a file, is a blank form somewhere, relative address left as is).
    let mut wanted: BTreeMap<String, (bool, bool, bool, bool)> = BTreeMap::new();
    for u in &uses {
        let e = wanted
            .entry(u.url.clone())
            .or_insert((u.valid, false, false, false));
        e.1 |= u.kind.expects_file();
        e.2 |= u.kind == super::collect::LinkKind::BlankForm;
        e.3 |= u.relative && !u.valid;
    }
    let mut checks = BTreeMap::new();
    let mut spawned: Vec<String> = Vec::new();
    let slots = Arc::new(Semaphore::new(config.concurrency.max(1)));
    let mut tasks = tokio::task::JoinSet::new();
    for (url, (valid, expects_file, form, relative)) in wanted {
        let parsed = if valid { Url::parse(&url).ok() } else { None };
        let Some(parsed) = parsed else {
            let mut c = LinkCheck::new(&url, &now_s);
            if relative {
                c.set(LinkVerdict::Unverifiable, RELATIVE);
            } else {
                c.set(LinkVerdict::Broken, "链接地址格式无效");
            }
            checks.insert(url, c);
            continue;
        };
        spawned.push(url.clone());
        // Only a clean answer is reused as is while fresh: a dead link or a file with a problem
        // is asked again every run (conditionally when it has a validator), so a fix on the
        // platform shows the next night, not when the entry grows stale a week later.
        let prev = cache.get(&url).cloned().map(|mut c| {
            if !one::clean(&c, form) {
                c.checked_at = String::new();
            }
            c
        });
        let fetcher = fetcher.clone();
        let slots = slots.clone();
        let now_s = now_s.clone();
        tasks.spawn(async move {
            let _slot = slots.acquire_owned().await.ok();
            probe(
                &fetcher,
                &parsed,
                &url,
                expects_file,
                prev,
                opts,
                now,
                &now_s,
            )
            .await
        });
    }
    let (total, mut done) = (spawned.len(), 0);
    progress(done, total);
    while let Some(finished) = tasks.join_next().await {
        if let Ok(c) = finished {
            checks.insert(c.url.clone(), c);
        }
        done += 1;
        progress(done, total);
    }
    // A check that died (a panic in a parser) still gets an answer, and is retried next run.
    for url in spawned {
        checks.entry(url.clone()).or_insert_with(|| {
            let mut c = LinkCheck::new(&url, &now_s);
            c.set(LinkVerdict::Unverifiable, "检查过程出错，下次运行将重试");
            c
        });
    }
    unreachable_hosts(&mut checks);
    let mut stats = RunStats {
        uses: uses.len(),
        urls: checks.len(),
        ..RunStats::default()
    };
    // Every request sent, retries included (a link's own count of a failure is one request).
    stats.requests = u32::try_from(fetcher.requests_sent()).unwrap_or(u32::MAX);
    for c in checks.values() {
        match c.verdict {
            LinkVerdict::Ok => stats.ok += 1,
            LinkVerdict::Broken => stats.broken += 1,
            LinkVerdict::Unverifiable => stats.unverifiable += 1,
        }
        if c.from_cache && c.requests == 0 {
            stats.fresh_from_cache += 1;
        } else if c.from_cache {
            stats.revalidated += 1;
        }
        if c.cacheable {
            cache.store(c);
        }
    }
    stats.elapsed_secs = started.elapsed().as_secs_f64();
    Ok(LinkRun {
        uses,
        checks,
        stats,
        notes,
    })
}

/// The reason of a relative link no base resolves.
pub(crate) const RELATIVE: &str = "链接是相对地址，没有可用的平台网址，无法核实";

/// Resolves the relative links of `uses` (`/files/a.docx`, `files/a.docx`): against the item's
/// 办事指南地址 when it is an http(s) URL on an allowed host (a path without a leading `/` from its
/// site's root, as exports write them), else against `[links] base_url`. A base off the allowed
/// hosts is never used, and a link it resolves to still goes through the allow-list. Returns how
/// many links are left unresolved.
fn resolve_relative(uses: &mut [LinkUse], config: &LinksConfig, fetcher: &Fetcher) -> usize {
    let configured = config
        .base_url
        .as_deref()
        .map(str::trim)
        .filter(|b| !b.is_empty())
        .and_then(|b| {
            // `https://h/zwfw` is the folder `zwfw/`, as a user means it.
            let b = if b.ends_with('/') {
                b.to_owned()
            } else {
                format!("{b}/")
            };
            Url::parse(&b).ok()
        })
        .filter(|u| matches!(u.scheme(), "http" | "https"));
    let mut unresolved = 0;
    for u in uses.iter_mut().filter(|u| u.relative && !u.valid) {
        let from_guide = u
            .guide_url
            .as_deref()
            .and_then(|g| Url::parse(g).ok())
            .filter(|g| matches!(g.scheme(), "http" | "https") && fetcher.allowed(g).is_ok())
            .and_then(|g| {
                let path = if u.url.starts_with(['/', '.']) {
                    u.url.clone()
                } else {
                    format!("/{}", u.url)
                };
                g.join(&path).ok()
            });
        match from_guide.or_else(|| configured.as_ref().and_then(|b| b.join(&u.url).ok())) {
            Some(mut resolved) => {
                resolved.set_fragment(None);
                u.url = resolved.to_string();
                u.valid = true;
            }
            None => unresolved += 1,
        }
    }
    unresolved
}

/// A host that gave no answer at all in this run (every link on it refused or unresolved) says
/// more about the server, or this machine's network, tonight than about the links: its links are
/// 无法核实 and checked again next run, not 失效 counted against the unit. A host that answered
/// some links keeps its failures as 失效.
fn unreachable_hosts(checks: &mut BTreeMap<String, LinkCheck>) {
    let host = |url: &str| Url::parse(url).map(|u| crate::net::host_key(&u)).ok();
    let mut answered = std::collections::HashSet::new();
    let mut failed: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for c in checks.values() {
        let Some(h) = host(&c.url) else { continue };
        if one::is_connect_failure(c) {
            failed.entry(h).or_default().push(c.url.clone());
        } else if c.status.is_some() && c.requests > 0 {
            answered.insert(h);
        }
    }
    for (h, urls) in failed {
        if answered.contains(&h) {
            continue;
        }
        let n = urls.len();
        for url in urls {
            if let Some(c) = checks.get_mut(&url) {
                let why = c.reason.clone();
                c.set(
                    LinkVerdict::Unverifiable,
                    format!(
                        "{why}；主机 {h} 本次没有任何响应（共 {n} 个链接），可能是服务器暂时故障或本机网络问题"
                    ),
                );
            }
        }
    }
}

/// [`check_links`] on its own runtime, with the cache read from and written back to
/// `config.cache_dir`. Call it from synchronous code (the CLI), not from inside a runtime.
pub fn check_links_blocking(
    uses: Vec<LinkUse>,
    config: &LinksConfig,
    now: jiff::Timestamp,
    progress: Progress<'_>,
) -> Result<LinkRun, LinksError> {
    let (mut cache, note) = LinkCache::load(&config.cache_dir);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(LinksError::Runtime)?;
    let mut run = runtime.block_on(check_links(uses, config, &mut cache, now, progress))?;
    run.notes.extend(note);
    cache.save(&config.cache_dir)?;
    Ok(run)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(url: &str) -> LinkCheck {
        let mut c = LinkCheck::new(url, "2026-11-30T00:00:00Z");
        c.requests = 3;
        c.set(LinkVerdict::Broken, one::NO_CONNECTION);
        c
    }

    /// A host that answered nothing tonight: its links are 无法核实, not 失效; a refused link on
    /// a host that served others stays 失效.
    #[test]
    fn a_host_that_answers_nothing_makes_its_links_unverifiable() {
        let mut ok = LinkCheck::new("http://a.gov.cn/ok.docx", "2026-11-30T00:00:00Z");
        ok.status = Some(200);
        ok.requests = 1;
        let mut checks: BTreeMap<String, LinkCheck> = [
            refused("http://down.gov.cn/1.docx"),
            refused("http://down.gov.cn/2.docx"),
            refused("http://a.gov.cn/x.docx"),
            ok,
        ]
        .into_iter()
        .map(|c| (c.url.clone(), c))
        .collect();
        unreachable_hosts(&mut checks);
        for u in ["http://down.gov.cn/1.docx", "http://down.gov.cn/2.docx"] {
            assert_eq!(checks[u].verdict, LinkVerdict::Unverifiable);
            assert!(
                checks[u]
                    .reason
                    .contains("主机 down.gov.cn 本次没有任何响应（共 2 个链接）"),
                "{}",
                checks[u].reason
            );
        }
        assert_eq!(
            checks["http://a.gov.cn/x.docx"].verdict,
            LinkVerdict::Broken
        );
        assert_eq!(checks["http://a.gov.cn/ok.docx"].verdict, LinkVerdict::Ok);
    }
}
