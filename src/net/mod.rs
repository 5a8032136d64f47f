//! Polite HTTP for the crawler and the link checker: one [`Fetcher`] with an allow-list of hosts,
//! per-host concurrency and minimum interval, retries with exponential backoff on timeouts, 5xx
//! and 429 (honouring `Retry-After`), manual redirects (each hop checked against the allow-list,
//! loops detected), conditional requests and a bound on every body.
//!
//! Nothing here knows about items or rules.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, Once};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use tokio::sync::Semaphore;
use url::Url;

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

/// Why a request got no response.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FetchError {
    /// Not http or https.
    #[error("不支持的链接协议: {0}")]
    Scheme(String),
    /// The host is not on the allow-list.
    #[error("主机 {host} 不在允许访问的范围内: {url}")]
    NotAllowed {
        /// The URL.
        url: String,
        /// Its host.
        host: String,
    },
    /// Timed out (after retries).
    #[error("请求超时: {0}")]
    Timeout(String),
    /// Could not connect or resolve (after retries).
    #[error("无法连接: {0}")]
    Connect(String),
    /// A redirect loop.
    #[error("重定向循环: {0}")]
    RedirectLoop(String),
    /// More redirects than allowed.
    #[error("重定向次数过多: {0}")]
    TooManyRedirects(String),
    /// A redirect without a usable Location.
    #[error("重定向地址无效: {0}")]
    BadRedirect(String),
    /// 429 with a Retry-After longer than allowed.
    #[error("服务器要求等待 {secs} 秒后再试（超过上限）: {url}")]
    RetryAfterTooLong {
        /// The URL.
        url: String,
        /// Seconds asked for.
        secs: u64,
    },
    /// The caller's check refused a URL (e.g. a redirect into a path robots.txt disallows).
    #[error("未请求 {url}: {reason}")]
    Refused {
        /// The URL.
        url: String,
        /// Why, in Chinese.
        reason: String,
    },
    /// Anything else (TLS, protocol).
    #[error("请求失败: {0}")]
    Other(String),
}

/// What went wrong below HTTP ([`FetchError::failure`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// The server refused the connection (nothing listens on that port).
    Refused,
    /// The host name does not resolve.
    NoSuchHost,
    /// The TLS handshake or the server's certificate failed.
    Tls,
    /// The body ended before its declared length.
    CutShort,
    /// No route to the server.
    Unreachable,
    /// The server reset or closed the connection.
    Reset,
}

impl FetchError {
    /// Requests it took to fail: none when the URL was refused before sending (a scheme or host
    /// outside the configuration), at least one otherwise.
    pub fn requests(&self) -> u32 {
        match self {
            FetchError::Scheme(_) | FetchError::NotAllowed { .. } => 0,
            _ => 1,
        }
    }

    /// The message without `url`, for a line that names the URL already (`请求超时`, not
    /// `请求超时: http://…`).
    pub fn reason_for(&self, url: &str) -> String {
        let text = self.to_string();
        let text = text.replace(&format!("{url}: "), "");
        match text.strip_suffix(url) {
            Some(rest) => rest.trim_end_matches([':', ' ']).to_owned(),
            None => text,
        }
    }

    /// What a failure to connect or to finish a request was, read from the causes that
    /// [`FetchError::Connect`] and [`FetchError::Other`] carry (hyper, rustls and the resolver
    /// say it in English). The crawl and the link check each say it in their own words; this
    /// is the one reading of those causes. `None` for other errors and causes not recognised.
    pub fn failure(&self) -> Option<Failure> {
        let (FetchError::Connect(m) | FetchError::Other(m)) = self else {
            return None;
        };
        // The cause part of `{url}: {cause}`, so that words in the URL itself
        // (`ssl.example.gov.cn`) do not count.
        let cause = m.split_once(": ").map_or(m.as_str(), |(_, c)| c);
        let cause = cause.to_ascii_lowercase();
        let has = |words: &[&str]| words.iter().any(|w| cause.contains(w));
        Some(if has(&["connection refused"]) {
            Failure::Refused
        } else if has(&[
            "dns error",
            "failed to lookup",
            "name or service not known",
            "resolve",
        ]) {
            Failure::NoSuchHost
        } else if has(&["certificate", "tls", "handshake", "ssl", "unknownissuer"]) {
            Failure::Tls
        } else if matches!(self, FetchError::Other(_))
            && cause.contains("body")
            && has(&[
                "incomplete",
                "before message completed",
                "unexpected eof",
                "end of file",
            ])
        {
            Failure::CutShort
        } else if has(&["unreachable"]) {
            Failure::Unreachable
        } else if has(&["connection reset", "connection closed"]) {
            Failure::Reset
        } else {
            return None;
        })
    }

    /// Whether a later run may succeed (timeouts, TLS, throttling), as opposed to a sure failure.
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            FetchError::Timeout(_) | FetchError::RetryAfterTooLong { .. } | FetchError::Other(_)
        )
    }
}

struct HostState {
    slots: Semaphore,
    next_start: tokio::sync::Mutex<Instant>,
}

/// The polite HTTP client.
pub struct Fetcher {
    client: reqwest::Client,
    config: NetConfig,
    hosts: Mutex<HashMap<String, Arc<HostState>>>,
    sent: AtomicU64,
}

impl std::fmt::Debug for Fetcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Fetcher")
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

/// `host` or `host:port` of a URL, as matched against the allow-list.
pub fn host_key(url: &Url) -> String {
    let host = url.host_str().unwrap_or_default().to_ascii_lowercase();
    match url.port() {
        Some(p) => format!("{host}:{p}"),
        None => host,
    }
}

fn install_crypto_provider() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // Fails only when another provider is already installed, which is fine.
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
}

/// Seconds from a `Retry-After` header (delta-seconds or an HTTP date).
fn retry_after_secs(value: &str) -> Option<u64> {
    let v = value.trim();
    if let Ok(s) = v.parse::<u64>() {
        return Some(s);
    }
    let when = jiff::fmt::rfc2822::parse(v).ok()?.timestamp();
    let now = jiff::Timestamp::now();
    Some(u64::try_from(when.as_second() - now.as_second()).unwrap_or(0))
}

impl Fetcher {
    /// A fetcher with these settings.
    pub fn new(config: NetConfig) -> Result<Self, FetchError> {
        install_crypto_provider();
        let client = reqwest::Client::builder()
            .user_agent(&config.user_agent)
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(Duration::from_secs_f64(config.connect_timeout_secs))
            .timeout(Duration::from_secs_f64(config.timeout_secs))
            .build()
            .map_err(|e| FetchError::Other(e.to_string()))?;
        Ok(Self {
            client,
            config,
            hosts: Mutex::new(HashMap::new()),
            sent: AtomicU64::new(0),
        })
    }

    /// The settings.
    pub fn config(&self) -> &NetConfig {
        &self.config
    }

    /// HTTP requests sent so far (retries and redirect hops included), for progress and tests.
    pub fn requests_sent(&self) -> u64 {
        self.sent.load(Ordering::Relaxed)
    }

    /// Whether the URL may be fetched: http(s) and an allowed host.
    pub fn allowed(&self, url: &Url) -> Result<(), FetchError> {
        if !matches!(url.scheme(), "http" | "https") {
            return Err(FetchError::Scheme(url.to_string()));
        }
        let key = host_key(url);
        let host = url.host_str().unwrap_or_default().to_ascii_lowercase();
        if self.config.allowed_hosts.iter().any(|h| {
            let h = h.trim().to_ascii_lowercase();
            h == key || h == host
        }) {
            Ok(())
        } else {
            Err(FetchError::NotAllowed {
                url: url.to_string(),
                host: key,
            })
        }
    }

    fn host_state(&self, key: &str) -> Arc<HostState> {
        let mut hosts = self
            .hosts
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        hosts
            .entry(key.to_owned())
            .or_insert_with(|| {
                Arc::new(HostState {
                    slots: Semaphore::new(self.config.per_host_concurrency.max(1)),
                    next_start: tokio::sync::Mutex::new(Instant::now()),
                })
            })
            .clone()
    }

    /// Fetches a URL, following allowed redirects, retrying what may pass on a retry.
    pub async fn fetch(&self, request: &Request) -> Result<Response, FetchError> {
        self.fetch_checked(request, &|_| None).await
    }

    /// Like [`fetch`](Self::fetch), asking `check` before every URL (the first and each redirect
    /// hop); `Some(reason)` refuses it. The crawler uses it to keep redirects inside robots.txt.
    pub async fn fetch_checked(
        &self,
        request: &Request,
        check: &(dyn Fn(&Url) -> Option<String> + Sync),
    ) -> Result<Response, FetchError> {
        let mut url = request.url.clone();
        let mut hops: Vec<Url> = Vec::new();
        let mut total_attempts = 0;
        loop {
            self.allowed(&url)?;
            if let Some(reason) = check(&url) {
                return Err(FetchError::Refused {
                    url: url.to_string(),
                    reason,
                });
            }
            let (mut resp, attempts) = self.fetch_one(request, &url).await?;
            total_attempts += attempts;
            if (300..400).contains(&resp.status) && resp.status != 304 {
                let Some(loc) = location(&resp) else {
                    return Err(FetchError::BadRedirect(url.to_string()));
                };
                let next = url
                    .join(&loc)
                    .map_err(|_| FetchError::BadRedirect(format!("{url} → {loc}")))?;
                if next == request.url || hops.contains(&next) {
                    return Err(FetchError::RedirectLoop(format!("{url} → {next}")));
                }
                if hops.len() >= self.config.max_redirects {
                    return Err(FetchError::TooManyRedirects(request.url.to_string()));
                }
                hops.push(next.clone());
                url = next;
                continue;
            }
            resp.final_url = url;
            resp.redirects = hops;
            resp.attempts = total_attempts;
            return Ok(resp);
        }
    }

    /// One URL, no redirects, with retries.
    async fn fetch_one(&self, request: &Request, url: &Url) -> Result<(Response, u32), FetchError> {
        let state = self.host_state(&host_key(url));
        let mut attempt = 0;
        loop {
            attempt += 1;
            let result = {
                let _slot = state
                    .slots
                    .acquire()
                    .await
                    .map_err(|e| FetchError::Other(e.to_string()))?;
                {
                    let mut next = state.next_start.lock().await;
                    let now = Instant::now();
                    if *next > now {
                        tokio::time::sleep(*next - now).await;
                    }
                    *next = Instant::now() + Duration::from_millis(self.config.min_interval_ms);
                }
                self.send(request, url).await
            };
            let retryable_wait = match &result {
                Ok(r) if r.status == 429 || r.status == 503 => {
                    let asked = r.header("retry-after").and_then(retry_after_secs);
                    if let Some(secs) = asked
                        && secs > self.config.max_retry_after_secs
                    {
                        return Err(FetchError::RetryAfterTooLong {
                            url: url.to_string(),
                            secs,
                        });
                    }
                    Some(asked.map_or_else(|| self.backoff(attempt), Duration::from_secs))
                }
                Ok(r) if r.status >= 500 => Some(self.backoff(attempt)),
                Err(FetchError::Timeout(_) | FetchError::Connect(_) | FetchError::Other(_)) => {
                    Some(self.backoff(attempt))
                }
                Ok(_) | Err(_) => None,
            };
            match retryable_wait {
                Some(wait) if attempt <= self.config.retries => tokio::time::sleep(wait).await,
                _ => return result.map(|r| (r, attempt)),
            }
        }
    }

    fn backoff(&self, attempt: u32) -> Duration {
        Duration::from_millis(
            self.config
                .backoff_ms
                .saturating_mul(1 << attempt.saturating_sub(1).min(10)),
        )
    }

    async fn send(&self, request: &Request, url: &Url) -> Result<Response, FetchError> {
        let mut builder = match request.method {
            Method::Get => self.client.get(url.clone()),
            Method::Head => self.client.head(url.clone()),
        };
        if let Some(end) = request.range_end {
            builder = builder.header(reqwest::header::RANGE, format!("bytes=0-{end}"));
        }
        if let Some(etag) = &request.etag {
            builder = builder.header(reqwest::header::IF_NONE_MATCH, etag);
        }
        if let Some(lm) = &request.last_modified {
            builder = builder.header(reqwest::header::IF_MODIFIED_SINCE, lm);
        }
        self.sent.fetch_add(1, Ordering::Relaxed);
        let mut resp = builder.send().await.map_err(|e| classify(&e, url))?;
        let status = resp.status().as_u16();
        let headers = resp
            .headers()
            .iter()
            .filter_map(|(k, v)| {
                Some((k.as_str().to_ascii_lowercase(), v.to_str().ok()?.to_owned()))
            })
            .collect();
        let raw_headers = resp
            .headers()
            .iter()
            .map(|(k, v)| (k.as_str().to_ascii_lowercase(), v.as_bytes().to_vec()))
            .collect();
        let mut body = Vec::new();
        let mut truncated = false;
        if request.method == Method::Get {
            let limit = usize::try_from(self.config.max_body_bytes).unwrap_or(usize::MAX);
            while let Some(chunk) = resp.chunk().await.map_err(|e| classify(&e, url))? {
                let room = limit.saturating_sub(body.len());
                if chunk.len() > room {
                    body.extend_from_slice(&chunk[..room]);
                    truncated = true;
                    break;
                }
                body.extend_from_slice(&chunk);
            }
        }
        Ok(Response {
            final_url: url.clone(),
            redirects: Vec::new(),
            status,
            headers,
            body,
            truncated,
            attempts: 1,
            raw_headers,
        })
    }
}

/// A redirect's target. Some servers send `Location` with raw Chinese in it (UTF-8, or GBK from
/// older ones), which browsers follow: it is decoded here, and [`Url::join`] encodes it again.
fn location(resp: &Response) -> Option<String> {
    if let Some(loc) = resp.header("location") {
        return Some(loc.to_owned());
    }
    let raw = resp.raw_headers.get("location")?;
    if let Ok(text) = std::str::from_utf8(raw) {
        return Some(text.to_owned());
    }
    let (text, _, bad) = encoding_rs::GBK.decode(raw);
    (!bad).then(|| text.into_owned())
}

fn classify(e: &reqwest::Error, url: &Url) -> FetchError {
    // The causes say what really happened (DNS, refused, TLS certificate); reqwest's own message
    // only repeats the URL.
    let mut causes: Vec<String> = Vec::new();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        causes.push(s.to_string());
        source = s.source();
    }
    let detail = if causes.is_empty() {
        e.to_string()
    } else {
        causes.join(": ")
    };
    if e.is_timeout() {
        FetchError::Timeout(url.to_string())
    } else if e.is_connect() {
        FetchError::Connect(format!("{url}: {detail}"))
    } else {
        FetchError::Other(format!("{url}: {detail}"))
    }
}

#[cfg(test)]
mod tests {
    /// The causes as hyper, rustls and the resolver word them (after `classify` joined them),
    /// read once for the crawl and the link check.
    #[test]
    fn failures_are_read_from_the_causes_not_the_url() {
        use super::Failure::*;
        let url = "https://ssl.zwfw.chizhou.gov.cn/f/申请表.docx";
        let connect = |c: &str| FetchError::Connect(format!("{url}: {c}")).failure();
        let other = |c: &str| FetchError::Other(format!("{url}: {c}")).failure();
        assert_eq!(
            connect("client error (Connect): tcp connect error: Connection refused (os error 111)"),
            Some(Refused)
        );
        assert_eq!(
            connect(
                "client error (Connect): dns error: failed to lookup address information: Name or service not known"
            ),
            Some(NoSuchHost)
        );
        assert_eq!(
            connect("client error (Connect): invalid peer certificate: UnknownIssuer"),
            Some(Tls)
        );
        assert_eq!(
            other("error decoding response body: end of file before message length reached"),
            Some(CutShort)
        );
        // A body cut short is a failure while reading, never one to connect.
        assert_eq!(connect("body: unexpected EOF"), None);
        assert_eq!(
            connect("tcp connect error: Network is unreachable (os error 101)"),
            Some(Unreachable)
        );
        assert_eq!(
            other("connection error: Connection reset by peer (os error 104)"),
            Some(Reset)
        );
        // `ssl` in the host name is not a TLS failure.
        assert_eq!(other("something else went wrong"), None);
        assert_eq!(FetchError::Timeout(url.into()).failure(), None);
    }

    #[test]
    fn a_reason_for_a_line_that_names_the_url_leaves_it_out() {
        let url = "http://zwfw.chizhou.gov.cn/guide/10.html";
        assert_eq!(FetchError::Timeout(url.into()).reason_for(url), "请求超时");
        assert_eq!(
            FetchError::Connect(format!("{url}: connection refused")).reason_for(url),
            "无法连接: connection refused"
        );
        assert_eq!(
            FetchError::Timeout(url.into()).reason_for("http://other/"),
            format!("请求超时: {url}")
        );
    }

    use super::*;

    #[test]
    fn retry_after_reads_seconds() {
        assert_eq!(retry_after_secs("3"), Some(3));
        assert_eq!(retry_after_secs("soon"), None);
    }

    #[test]
    fn allow_list_is_enforced() {
        let f = Fetcher::new(NetConfig {
            allowed_hosts: vec!["127.0.0.1:8080".into()],
            ..NetConfig::default()
        })
        .unwrap();
        assert!(
            f.allowed(&Url::parse("http://127.0.0.1:8080/a").unwrap())
                .is_ok()
        );
        assert!(matches!(
            f.allowed(&Url::parse("http://www.gov.cn/a").unwrap()),
            Err(FetchError::NotAllowed { .. })
        ));
        assert!(matches!(
            f.allowed(&Url::parse("ftp://127.0.0.1:8080/a").unwrap()),
            Err(FetchError::Scheme(_))
        ));
    }
}
