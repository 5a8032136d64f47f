//! The polite client itself: [`Fetcher`] with its allow-list, per-host slots and minimum
//! interval, retries with backoff (and `Retry-After`), manual redirects, and reading a response
//! up to the body limit; the client's errors classified into [`FetchError`].
//!
//! Not here: the settings, request and response types (`mod.rs`), the error types and reading
//! their causes (`error`).

use std::collections::HashMap;
use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, Once};
use std::time::{Duration, Instant};

use tokio::sync::Semaphore;
use url::Url;

use super::{FetchError, Method, NetConfig, Request, Response};

struct HostState {
    slots: Semaphore,
    next_start: tokio::sync::Mutex<Instant>,
    /// Requests that timed out since the host last answered anything.
    timeouts: AtomicU32,
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
pub(super) fn retry_after_secs(value: &str) -> Option<u64> {
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
                    timeouts: AtomicU32::new(0),
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

    /// Whether `url`'s host has timed out [`NetConfig::give_up_after_timeouts`] times in a row in
    /// this run, so that its other URLs are not requested: the limit, when it has.
    pub fn silent_host(&self, url: &Url) -> Option<u32> {
        let limit = self.config.give_up_after_timeouts;
        let state = self.host_state(&host_key(url));
        (limit > 0 && state.timeouts.load(Ordering::Relaxed) >= limit).then_some(limit)
    }

    /// One URL, no redirects, with retries; none once its host has gone silent.
    ///
    /// Silence is asked again after the wait for the host's slot and interval: the requests
    /// queued behind the ones that time out were sent anyway, three times the limit and minutes
    /// more. A URL already requested whose host goes silent before its retry ends with its own
    /// last failure (it was requested), not as one never requested.
    async fn fetch_one(&self, request: &Request, url: &Url) -> Result<(Response, u32), FetchError> {
        let host = host_key(url);
        let state = self.host_state(&host);
        let limit = self.config.give_up_after_timeouts;
        let silent = || limit > 0 && state.timeouts.load(Ordering::Relaxed) >= limit;
        let given_up = || FetchError::HostSilent {
            url: url.to_string(),
            host: host.clone(),
            timeouts: limit,
        };
        let mut attempt = 0;
        let mut last: Option<Result<Response, FetchError>> = None;
        loop {
            if silent() {
                return match last {
                    Some(result) => result.map(|r| (r, attempt)),
                    None => Err(given_up()),
                };
            }
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
                    if silent() {
                        // Another request timed out while this one waited: nothing is sent,
                        // and the host's interval is not taken.
                        drop(next);
                        return match last {
                            Some(result) => result.map(|r| (r, attempt)),
                            None => Err(given_up()),
                        };
                    }
                    *next = Instant::now() + Duration::from_millis(self.config.min_interval_ms);
                }
                attempt += 1;
                self.send(request, url).await
            };
            if matches!(result, Err(FetchError::Timeout(_))) {
                state.timeouts.fetch_add(1, Ordering::Relaxed);
            } else {
                // Any answer (an error status too), or a failure of another kind: not silent.
                state.timeouts.store(0, Ordering::Relaxed);
            }
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
                Some(wait) if attempt <= self.config.retries => {
                    tokio::time::sleep(wait).await;
                    last = Some(result);
                }
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
