//! Why a request got no response ([`FetchError`]) and what went wrong below HTTP ([`Failure`]),
//! read from the causes the client reports.
//!
//! Not here: sending, retrying and classifying a client error into a [`FetchError`]
//! (`fetcher`).

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
    /// Not requested: the host has timed out [`NetConfig::give_up_after_timeouts`] times in a
    /// row in this run.
    ///
    /// [`NetConfig::give_up_after_timeouts`]: super::NetConfig::give_up_after_timeouts
    #[error("主机 {host} 连续 {timeouts} 次请求超时，本次不再访问: {url}")]
    HostSilent {
        /// The URL.
        url: String,
        /// Its host.
        host: String,
        /// Requests that timed out in a row when the host was given up (the configured limit).
        timeouts: u32,
    },
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
            FetchError::Scheme(_)
            | FetchError::NotAllowed { .. }
            | FetchError::HostSilent { .. } => 0,
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
