//! Whether a URL may be fetched ([`gate`]): not too long, valid, on the allow-list, and allowed
//! by its host's robots.txt (fetched on the host's first URL); and the shared robots.txt rules
//! read and written with a poisoned lock ignored.
//!
//! Not here: reading robots.txt (`robots`), the run that asks (`run`).

use std::collections::HashMap;

use url::Url;

use super::robots::{self, HostRules};
use super::{
    CrawlError, CrawlProgress, MAX_URL_BYTES, PageRecord, PageStatus, RobotsMap, Target, journal,
    state_err,
};
use crate::net::{FetchError, Fetcher, host_key};

/// Whether a target may be fetched: a `Skipped` record when not (invalid URL, off the allow-list,
/// refused by robots.txt). Fetches robots.txt of a host on its first URL.
pub(super) async fn gate(
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

pub(super) fn write_rules(
    map: &RobotsMap,
) -> std::sync::RwLockWriteGuard<'_, HashMap<String, HostRules>> {
    map.write()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}
