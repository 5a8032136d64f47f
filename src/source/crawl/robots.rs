//! robots.txt, per host, with texting_robots: fetched once per host and run through the polite
//! fetcher. A missing file (4xx) allows everything; a server error or no answer disallows the host
//! for this run (the polite reading), and both are logged.

use texting_robots::Robot;
use url::Url;

use super::journal::{PageKind, PageRecord, PageStatus, Target};
use crate::net::{Fetcher, Request};

/// The product token matched against `User-agent:` lines.
pub const AGENT: &str = "zwfw-audit";

/// The rules for one host.
#[derive(Debug)]
pub(crate) enum HostRules {
    /// No robots.txt (or it could not be parsed): everything allowed.
    AllowAll,
    /// The host's rules.
    Rules(Box<Robot>),
    /// robots.txt could not be fetched: nothing allowed this run.
    DenyAll,
}

impl HostRules {
    /// Whether the URL may be fetched.
    pub(crate) fn allowed(&self, url: &Url) -> bool {
        match self {
            HostRules::AllowAll => true,
            HostRules::Rules(r) => r.allowed(url.as_str()),
            HostRules::DenyAll => false,
        }
    }

    /// Why the URL may not be fetched, or `None` when it may.
    pub(crate) fn refusal(&self, url: &Url) -> Option<&'static str> {
        match self {
            HostRules::DenyAll => Some("robots.txt 无法获取，本次不抓取该主机"),
            _ if !self.allowed(url) => Some("robots.txt 禁止抓取"),
            _ => None,
        }
    }

    /// `Crawl-delay`, in seconds.
    pub(crate) fn delay(&self) -> Option<f32> {
        match self {
            HostRules::Rules(r) => r.delay,
            _ => None,
        }
    }
}

/// Fetches and reads the robots.txt of `url`'s host; returns the rules and a log record.
pub(crate) async fn fetch(fetcher: &Fetcher, url: &Url, pass: u32) -> (HostRules, PageRecord) {
    let mut robots_url = url.clone();
    robots_url.set_path("/robots.txt");
    robots_url.set_query(None);
    robots_url.set_fragment(None);
    let started = std::time::Instant::now();
    let target = Target {
        url: robots_url.to_string(),
        kind: PageKind::Robots,
        list: 0,
        page: 0,
        linked: false,
    };
    let mut rec = PageRecord::new(pass, target, PageStatus::Ok);
    let rules = match fetcher.fetch(&Request::get(robots_url.clone())).await {
        Ok(resp) => {
            rec.http = Some(resp.status);
            rec.attempts = resp.attempts;
            rec.bytes = resp.body.len() as u64;
            match resp.status {
                200..=299 => match Robot::new(AGENT, &resp.body) {
                    Ok(r) => {
                        rec.message = "已读取 robots.txt".into();
                        HostRules::Rules(Box::new(r))
                    }
                    Err(e) => {
                        rec.message = format!("robots.txt 无法解析，按全部允许处理: {e}");
                        HostRules::AllowAll
                    }
                },
                400..=499 => {
                    rec.message = "没有 robots.txt，按全部允许处理".into();
                    HostRules::AllowAll
                }
                s => {
                    rec.status = PageStatus::Failed;
                    rec.message = format!("robots.txt 返回 HTTP {s}，本次不抓取该主机");
                    HostRules::DenyAll
                }
            }
        }
        Err(e) => {
            rec.status = PageStatus::Failed;
            rec.message = format!(
                "无法获取 robots.txt，本次不抓取该主机: {}",
                super::visit::fetch_reason(&e, &robots_url)
            );
            HostRules::DenyAll
        }
    };
    rec.ms = started.elapsed().as_millis() as u64;
    rec.at = jiff::Timestamp::now().to_string();
    (rules, rec)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn disallowed_paths_are_refused() {
        let r = Robot::new(
            AGENT,
            b"User-agent: *\nDisallow: /a/private/\nCrawl-delay: 2\n",
        )
        .unwrap();
        let rules = HostRules::Rules(Box::new(r));
        assert!(!rules.allowed(&Url::parse("http://127.0.0.1:1/a/private/9.html").unwrap()));
        assert!(rules.allowed(&Url::parse("http://127.0.0.1:1/a/guide/9.html").unwrap()));
        assert_eq!(rules.delay(), Some(2.0));
    }
}
