//! Checking links over the network: one [`LinkCheck`] per distinct URL, made politely through the
//! shared [`Fetcher`] — HEAD first, then a GET with a range (a plain GET decides when HEAD is
//! refused); a conditional GET when a stale cache entry has a validator; nothing at all when the
//! cache entry is fresh.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Instant;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use tokio::sync::Semaphore;
use url::Url;

use super::cache::LinkCache;
use super::collect::LinkUse;
use super::content::{self, Inspection, ZipLimits};
use super::{LinksConfig, LinksError};
use crate::net::{FetchError, Fetcher, Method, Request, Response};

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
    fn new(url: &str, now: &str) -> Self {
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
}

/// Checks every distinct URL of `uses`, with `cache` (updated in place), at time `now`.
pub async fn check_links(
    uses: Vec<LinkUse>,
    config: &LinksConfig,
    cache: &mut LinkCache,
    now: jiff::Timestamp,
) -> Result<LinkRun, LinksError> {
    let started = Instant::now();
    let fetcher = Arc::new(Fetcher::new(config.net_config())?);
    let opts = ProbeOpts {
        max_age_secs: config.max_age_hours * 3600.0,
        max_download: config.max_download_bytes.max(1),
        limits: config.zip_limits(),
    };
    let now_s = now.to_string();
    let mut wanted: BTreeMap<String, (bool, bool)> = BTreeMap::new();
    for u in &uses {
        let e = wanted.entry(u.url.clone()).or_insert((u.valid, false));
        e.1 |= u.kind.expects_file();
    }
    let mut checks = BTreeMap::new();
    let mut spawned: Vec<String> = Vec::new();
    let slots = Arc::new(Semaphore::new(config.concurrency.max(1)));
    let mut tasks = tokio::task::JoinSet::new();
    for (url, (valid, expects_file)) in wanted {
        let parsed = if valid { Url::parse(&url).ok() } else { None };
        let Some(parsed) = parsed else {
            let mut c = LinkCheck::new(&url, &now_s);
            c.set(LinkVerdict::Broken, "链接地址格式无效");
            checks.insert(url, c);
            continue;
        };
        spawned.push(url.clone());
        let prev = cache.get(&url).cloned();
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
    while let Some(done) = tasks.join_next().await {
        if let Ok(c) = done {
            checks.insert(c.url.clone(), c);
        }
    }
    // A check that died (a panic in a parser) still gets an answer, and is retried next run.
    for url in spawned {
        checks.entry(url.clone()).or_insert_with(|| {
            let mut c = LinkCheck::new(&url, &now_s);
            c.set(LinkVerdict::Unverifiable, "检查过程出错，下次运行将重试");
            c
        });
    }
    let mut stats = RunStats {
        uses: uses.len(),
        urls: checks.len(),
        ..RunStats::default()
    };
    for c in checks.values() {
        stats.requests += c.requests;
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
        notes: Vec::new(),
    })
}

/// [`check_links`] on its own runtime, with the cache read from and written back to
/// `config.cache_dir`. Call it from synchronous code (the CLI), not from inside a runtime.
pub fn check_links_blocking(
    uses: Vec<LinkUse>,
    config: &LinksConfig,
    now: jiff::Timestamp,
) -> Result<LinkRun, LinksError> {
    let (mut cache, note) = LinkCache::load(&config.cache_dir);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(LinksError::Runtime)?;
    let mut run = runtime.block_on(check_links(uses, config, &mut cache, now))?;
    run.notes.extend(note);
    cache.save(&config.cache_dir)?;
    Ok(run)
}

fn age_secs(checked_at: &str, now: jiff::Timestamp) -> Option<f64> {
    let then: jiff::Timestamp = checked_at.parse().ok()?;
    Some((now.as_millisecond() - then.as_millisecond()) as f64 / 1000.0)
}

#[allow(clippy::too_many_arguments)]
async fn probe(
    fetcher: &Fetcher,
    url: &Url,
    key: &str,
    expects_file: bool,
    prev: Option<LinkCheck>,
    opts: ProbeOpts,
    now: jiff::Timestamp,
    now_s: &str,
) -> LinkCheck {
    let range_end = if expects_file {
        opts.max_download - 1
    } else {
        opts.max_download.min(64 * 1024) - 1
    };
    let mut check = LinkCheck::new(key, now_s);
    if let Some(prev) = prev {
        if age_secs(&prev.checked_at, now).is_some_and(|a| (0.0..opts.max_age_secs).contains(&a)) {
            return LinkCheck {
                requests: 0,
                from_cache: true,
                cacheable: false,
                ..prev
            };
        }
        if prev.etag.is_some() || prev.last_modified.is_some() {
            let req = Request {
                url: url.clone(),
                method: Method::Get,
                range_end: Some(range_end),
                etag: prev.etag.clone(),
                last_modified: prev.last_modified.clone(),
            };
            return match fetcher.fetch(&req).await {
                Ok(r) if r.status == 304 => LinkCheck {
                    checked_at: now_s.to_owned(),
                    requests: r.attempts,
                    from_cache: true,
                    cacheable: true,
                    ..prev
                },
                Ok(r) => {
                    check.requests = r.attempts;
                    from_get(check, &r, expects_file, opts).await
                }
                Err(e) => {
                    check.requests = 1;
                    from_error(check, &e)
                }
            };
        }
    }
    let head = Request {
        method: Method::Head,
        ..Request::get(url.clone())
    };
    match fetcher.fetch(&head).await {
        Err(e) => {
            check.requests = 1;
            return from_error(check, &e);
        }
        Ok(r) => {
            check.requests += r.attempts;
            check.status = Some(r.status);
            match r.status {
                404 | 410 => {
                    check.cacheable = true;
                    check.set(
                        LinkVerdict::Broken,
                        format!("文件不存在（HTTP {}）", r.status),
                    );
                    return check;
                }
                429 => {
                    check.set(
                        LinkVerdict::Unverifiable,
                        "服务器限制访问频率（HTTP 429），多次重试后仍被拒绝",
                    );
                    return check;
                }
                // Success, or HEAD refused (405, 501, 403 on HEAD only …): the GET decides.
                _ => {}
            }
        }
    }
    let get = Request {
        range_end: Some(range_end),
        ..Request::get(url.clone())
    };
    match fetcher.fetch(&get).await {
        Ok(r) => {
            check.requests += r.attempts;
            from_get(check, &r, expects_file, opts).await
        }
        Err(e) => {
            check.requests += 1;
            from_error(check, &e)
        }
    }
}

async fn from_get(
    mut check: LinkCheck,
    r: &Response,
    expects_file: bool,
    opts: ProbeOpts,
) -> LinkCheck {
    check.status = Some(r.status);
    if r.final_url.as_str() != check.url {
        check.final_url = Some(r.final_url.to_string());
    }
    match r.status {
        200 | 206 => {}
        404 | 410 => {
            check.cacheable = true;
            check.set(
                LinkVerdict::Broken,
                format!("文件不存在（HTTP {}）", r.status),
            );
            return check;
        }
        401 | 403 => {
            check.set(
                LinkVerdict::Unverifiable,
                format!("服务器拒绝访问（HTTP {}）", r.status),
            );
            return check;
        }
        429 => {
            check.set(
                LinkVerdict::Unverifiable,
                "服务器限制访问频率（HTTP 429），多次重试后仍被拒绝",
            );
            return check;
        }
        s if s >= 500 => {
            check.set(
                LinkVerdict::Unverifiable,
                format!("服务器错误（HTTP {s}），多次重试后仍失败"),
            );
            return check;
        }
        s if (400..500).contains(&s) => {
            check.cacheable = true;
            check.set(LinkVerdict::Broken, format!("链接无法打开（HTTP {s}）"));
            return check;
        }
        s => {
            check.set(LinkVerdict::Unverifiable, format!("意外的响应（HTTP {s}）"));
            return check;
        }
    }
    check.etag = r.header("etag").map(str::to_owned);
    check.last_modified = r.header("last-modified").map(str::to_owned);
    check.content_type = r.header("content-type").map(str::to_owned);
    check.file_name = r
        .raw_headers
        .get("content-disposition")
        .and_then(|v| content::content_disposition_name(v))
        .or_else(|| content::url_file_name(&r.final_url));
    let received = r.body.len() as u64;
    check.size = Some(received);
    // We asked for at most `max_download` bytes: a longer file is cut by us, not broken.
    let total = if r.status == 206 {
        r.header("content-range")
            .and_then(|v| v.rsplit('/').next())
            .and_then(|t| t.trim().parse::<u64>().ok())
    } else {
        r.header("content-length")
            .and_then(|v| v.trim().parse().ok())
    };
    let cut_by_us = r.truncated || (r.status == 206 && total.is_some_and(|t| t > received));
    check.partial = cut_by_us;
    check.content_hash = Some(hex(&Sha256::digest(&r.body)));
    check.cacheable = true;
    if r.status == 200 && !cut_by_us && total.is_some_and(|t| t > received) {
        check.set(
            LinkVerdict::Broken,
            format!(
                "文件不完整（声明 {} 字节，只收到 {received} 字节）",
                total.unwrap_or_default()
            ),
        );
        return check;
    }
    let body = r.body.clone();
    let limits = opts.limits;
    let inspection =
        tokio::task::spawn_blocking(move || content::inspect(&body, !cut_by_us, limits))
            .await
            .unwrap_or_default();
    if let Some(words) = &inspection.soft_404 {
        check.set(
            LinkVerdict::Broken,
            format!("返回的是提示文件不存在的网页（“{words}”）"),
        );
    } else if inspection.real_type == Some(content::FileType::Empty) {
        check.set(LinkVerdict::Broken, "文件为空（0 字节）");
    } else if let Some(defect) = inspection.defect.clone().filter(|_| expects_file) {
        check.set(LinkVerdict::Broken, defect);
    }
    check.inspection = Some(inspection);
    check
}

/// The cause part of a fetch error message (`{url}: {cause}`), so that words in the URL itself
/// (`ssl.example.gov.cn`) do not count.
fn detail(msg: &str) -> &str {
    msg.split_once(": ").map_or(msg, |(_, d)| d)
}

/// A body that ends before its declared length.
fn looks_cut_short(msg: &str) -> bool {
    let m = msg.to_ascii_lowercase();
    m.contains("body")
        && [
            "incomplete",
            "before message completed",
            "unexpected eof",
            "end of file",
        ]
        .iter()
        .any(|w| m.contains(w))
}

fn looks_like_tls(msg: &str) -> bool {
    let m = msg.to_ascii_lowercase();
    [
        "tls",
        "certificate",
        "handshake",
        "ssl",
        "unknownissuer",
        "invalidcertificate",
    ]
    .iter()
    .any(|w| m.contains(w))
}

fn from_error(mut check: LinkCheck, e: &FetchError) -> LinkCheck {
    check.cacheable = false;
    let (verdict, reason) = match e {
        FetchError::Scheme(_) => (LinkVerdict::Broken, "不是 http/https 链接".to_owned()),
        FetchError::NotAllowed { host, .. } => (
            LinkVerdict::Unverifiable,
            format!("主机 {host} 不在配置的允许访问范围内（[links] allowed_hosts），未检查"),
        ),
        FetchError::Timeout(_) => (LinkVerdict::Unverifiable, "请求超时".to_owned()),
        FetchError::Connect(m) | FetchError::Other(m) if looks_like_tls(detail(m)) => {
            (LinkVerdict::Unverifiable, "TLS 连接或证书错误".to_owned())
        }
        FetchError::Other(m) if looks_cut_short(detail(m)) => (
            LinkVerdict::Broken,
            "文件传输不完整（多次重试，连接都在文件结束前断开）".to_owned(),
        ),
        FetchError::Connect(m) => (
            LinkVerdict::Broken,
            if detail(m).to_ascii_lowercase().contains("dns") || detail(m).contains("resolve") {
                "域名无法解析".to_owned()
            } else {
                "无法连接服务器（连接被拒绝或域名无法解析）".to_owned()
            },
        ),
        FetchError::RedirectLoop(_) => (LinkVerdict::Broken, "重定向循环".to_owned()),
        FetchError::TooManyRedirects(_) => (LinkVerdict::Broken, "重定向次数过多".to_owned()),
        FetchError::BadRedirect(_) => (LinkVerdict::Broken, "重定向地址无效".to_owned()),
        FetchError::RetryAfterTooLong { secs, .. } => (
            LinkVerdict::Unverifiable,
            format!("服务器限制访问频率，要求 {secs} 秒后再试"),
        ),
        FetchError::Other(_) => (LinkVerdict::Unverifiable, "请求失败".to_owned()),
    };
    check.set(verdict, reason);
    check
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::with_capacity(64), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}
