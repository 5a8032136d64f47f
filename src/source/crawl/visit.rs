//! One URL: fetch it (conditionally when a validator is stored), decode, and read it by kind — list
//! pages give links and the next page, guide pages and JSON details give an item. Every outcome is
//! a [`PageRecord`]; nothing here returns an error.

use std::fmt::Write as _;
use std::sync::Arc;
use std::time::Instant;

use serde_json::Value;
use url::Url;

use super::RobotsMap;
use super::decode::decode;
use super::journal::{PageKind, PageRecord, PageStatus, Target};
use super::profile::CompiledProfile;
use super::unexpected::unexpected;
use super::{html, json, list};
use crate::model::{Item, ItemField, Provenance};
use crate::net::{Failure, FetchError, Fetcher, Request, host_key};

/// Fetches and reads one target. `prev` is the URL's record from an earlier pass (validators and
/// the result reused on 304).
pub(crate) async fn visit(
    fetcher: Arc<Fetcher>,
    profile: Arc<CompiledProfile>,
    target: Target,
    prev: Option<PageRecord>,
    pass: u32,
    robots: Arc<RobotsMap>,
) -> PageRecord {
    let started = Instant::now();
    let mut rec = failed_record(pass, &target);
    // Whether a failure may pass by the next try (timeouts, the site erring or throttling).
    let mut passing = false;
    match Url::parse(&target.url) {
        Err(e) => rec.message = format!("网址无效: {e}"),
        Ok(url) => {
            let mut req = Request::get(url.clone());
            // A record read once (also one carried over a failure since) has validators and a
            // result for a 304.
            let reusable = prev.as_ref().filter(|p| {
                matches!(p.status, PageStatus::Ok | PageStatus::NotModified) || p.item.is_some()
            });
            if let Some(p) = reusable {
                req.etag.clone_from(&p.etag);
                req.last_modified.clone_from(&p.last_modified);
            }
            // Redirect hops stay inside robots.txt too.
            let check = |u: &Url| {
                let map = robots
                    .read()
                    .unwrap_or_else(std::sync::PoisonError::into_inner);
                map.get(&host_key(u))
                    .is_some_and(|r| !r.allowed(u))
                    .then(|| "robots.txt 禁止抓取（重定向目标）".to_owned())
            };
            match fetcher.fetch_checked(&req, &check).await {
                Err(e) => {
                    failed(&mut rec, &e, &url, &profile);
                    passing = matches!(
                        e,
                        FetchError::Timeout(_)
                            | FetchError::HostSilent { .. }
                            | FetchError::Connect(_)
                            | FetchError::Other(_)
                            | FetchError::RetryAfterTooLong { .. }
                    );
                }
                Ok(resp) => {
                    rec.http = Some(resp.status);
                    rec.attempts = resp.attempts;
                    rec.bytes = resp.body.len() as u64;
                    rec.etag = resp.header("etag").map(str::to_owned);
                    rec.last_modified = resp.header("last-modified").map(str::to_owned);
                    if resp.final_url != url {
                        rec.final_url = Some(resp.final_url.to_string());
                    }
                    match (resp.status, reusable) {
                        (304, Some(p)) => {
                            rec.status = PageStatus::NotModified;
                            rec.links.clone_from(&p.links);
                            rec.total = p.total;
                            rec.item.clone_from(&p.item);
                            rec.etag = rec.etag.or_else(|| p.etag.clone());
                            rec.last_modified =
                                rec.last_modified.or_else(|| p.last_modified.clone());
                        }
                        (200..=299, _) if resp.truncated => {
                            rec.message = format!(
                                "页面超过大小上限 {} 字节，未读取；确需读取时调大站点配置 [net] 的 max_body_bytes",
                                profile.net.max_body_bytes
                            );
                        }
                        (200..=299, _) => {
                            // Decoding and parsing are CPU work: off the async workers, so that
                            // they never delay the timers that space requests.
                            let profile = profile.clone();
                            let fallback = failed_record(pass, &target);
                            let before = prev.clone();
                            (rec, passing) = tokio::task::spawn_blocking(move || {
                                let (text, encoding) =
                                    decode(&resp.body, resp.header("content-type"));
                                read(&mut rec, &text, &resp.final_url, &profile);
                                if rec.status == PageStatus::Ok && encoding != "UTF-8" {
                                    if !rec.message.is_empty() {
                                        rec.message.push('；');
                                    }
                                    let _ = write!(rec.message, "编码 {encoding}");
                                }
                                let passing = unexpected(&mut rec, &text, before.as_ref());
                                (rec, passing)
                            })
                            .await
                            .unwrap_or_else(|e| {
                                let rec = PageRecord {
                                    message: format!("解析页面时出错: {e}"),
                                    ..fallback
                                };
                                (rec, false)
                            });
                        }
                        (s, _) if list::past_the_end(&mut rec, s, &profile) => {}
                        (s, _) => {
                            rec.message = http_reason(s);
                            list::past_a_missing_page(&mut rec, s, &profile);
                            passing = s == 429 || s >= 500;
                        }
                    }
                }
            }
        }
    }
    rec.ms = started.elapsed().as_millis() as u64;
    rec.at = jiff::Timestamp::now().to_string();
    if let Some(p) = prev.as_ref().filter(|_| passing) {
        carry_over(&mut rec, p);
    }
    rec
}

/// What a guide page gave, for the log: `读到要素 18 项，申请材料 2 份，办理流程 3 步，常见问题 0 个`.
/// A clerk trying a first profile compares it with the page in the browser; an element or table
/// the profile misses shows there, before the check blames the unit for it. The lists every item
/// is judged on are said when empty too (a missing 申请材料 0 份 read as "not looked for").
fn read_summary(item: &Item) -> String {
    let elements = ItemField::ALL
        .iter()
        .filter(|&&f| !item.get(f).is_empty())
        .count();
    let mut text = format!("读到要素 {elements} 项");
    for (n, what, unit, always) in [
        (item.materials.len(), "申请材料", "份", true),
        (item.steps.len(), "办理流程", "步", true),
        (item.fees.len(), "收费", "项", false),
        (item.intermediaries.len(), "中介服务", "项", false),
        (item.faqs.len(), "常见问题", "个", true),
    ] {
        if n > 0 || always {
            let _ = write!(text, "，{what} {n} {unit}");
        }
    }
    text
}

/// Days a guide page's earlier item is kept while the page cannot be read ([`carry_over`]).
const MAX_CARRY_DAYS: i64 = 7;

/// A guide page read in an earlier pass that fails this time for a reason that passes (a
/// timeout, no connection, the site erring or throttling) keeps the item read then, marked as
/// such. Listed as unreadable instead, its findings turned 已移除 in the night's audit and came
/// back the next night as 新增 with their age reset to 0 days: on a platform that times out on a
/// few pages every night, the ages of 未整改 problems meant nothing. A page that is gone (404,
/// 410) or refused (403, robots.txt, another host) is not carried over, nor one that has not
/// been read for [`MAX_CARRY_DAYS`]: by then its content may well have changed, and it is said
/// as unreadable.
fn carry_over(rec: &mut PageRecord, prev: &PageRecord) {
    if rec.status != PageStatus::Failed || !rec.target.kind.is_item() {
        return;
    }
    let Some(item) = &prev.item else { return };
    let since = prev.stale_since.clone().unwrap_or_else(|| prev.at.clone());
    let days = since
        .parse::<jiff::Timestamp>()
        .ok()
        .and_then(|t| rec.at.parse::<jiff::Timestamp>().ok().map(|now| (t, now)))
        .map_or(0, |(t, now)| (now.as_second() - t.as_second()) / 86_400);
    if days >= MAX_CARRY_DAYS {
        let _ = write!(
            rec.message,
            "；{} 起已连续 {days} 天读不到，不再沿用之前的内容",
            crate::report::display_time(&since)
        );
        return;
    }
    rec.item = Some(item.clone());
    rec.etag.clone_from(&prev.etag);
    rec.last_modified.clone_from(&prev.last_modified);
    let _ = write!(
        rec.message,
        "；沿用 {} 读到的内容",
        crate::report::display_time(&since)
    );
    rec.stale_since = Some(since);
}

/// Fills in a record for a request that got no usable response: the reason, where a redirect
/// led, and the requests it took (the log said 0 for a page that timed out three times). A
/// redirect to another host or into a path robots.txt bars is skipped, as a link straight there
/// is: a city's guides moved to the province's platform made every nightly crawl exit 1 (and
/// cron mail), though the same links written straight to the province fail nothing.
fn failed(rec: &mut PageRecord, e: &FetchError, url: &Url, profile: &CompiledProfile) {
    let net = &profile.net;
    rec.attempts = e.requests().max(1);
    if matches!(
        e,
        FetchError::NotAllowed { .. } | FetchError::Refused { .. }
    ) {
        rec.status = PageStatus::Skipped;
    }
    rec.message = match e {
        // The hop that left the allowed hosts was a redirect: the link itself was allowed.
        FetchError::NotAllowed { url: to, host } => {
            rec.final_url = Some(to.clone());
            format!(
                "重定向到其他主机 {host}，未跟随（只访问站点配置的 base_url 和 hosts 中的主机；如果它也属于本平台，把它加入 hosts）"
            )
        }
        FetchError::Refused { url: to, .. } => {
            rec.final_url = Some(to.clone());
            e.reason_for(url.as_str())
        }
        FetchError::Timeout(_) => {
            rec.attempts = net.retries + 1;
            format!(
                "请求超时（每次等 {} 秒，共请求 {} 次）；网站慢时可调大站点配置 [net] 的 timeout_secs",
                net.timeout_secs,
                net.retries + 1
            )
        }
        FetchError::Connect(_) | FetchError::Other(_) => {
            rec.attempts = net.retries + 1;
            format!("{}（共请求 {} 次）", fetch_reason(e, url), net.retries + 1)
        }
        _ => e.reason_for(url.as_str()),
    };
}

/// Why a request got no response, for a line that names the URL already: the common causes of a
/// failed connection in words (the HTTP client's own chain, `client error (Connect): tcp connect
/// error: Connection refused (os error 111)`, kept after them for whoever looks further).
pub(crate) fn fetch_reason(e: &FetchError, url: &Url) -> String {
    let text = e.reason_for(url.as_str());
    let words = match e.failure() {
        Some(Failure::Refused) => "网站拒绝连接（服务没有开启，或地址、端口不对）",
        Some(Failure::NoSuchHost) => "找不到这个域名（域名写错了，或本机无法解析）",
        Some(Failure::Tls) => "网站的 HTTPS 连接或证书有问题",
        Some(Failure::CutShort) => "页面没有传完，连接就断开了",
        Some(Failure::Unreachable) => "网络不通",
        Some(Failure::Reset) => "连接被网站断开",
        None => return text,
    };
    format!("{words}: {text}")
}

/// An HTTP status that gave no page, said in words with its number.
fn http_reason(status: u16) -> String {
    let words = match status {
        404 => "页面不存在",
        410 => "页面已删除",
        401 | 403 => "网站拒绝访问",
        429 => "网站要求放慢请求",
        500..=599 => "网站出错",
        _ => "没有返回页面",
    };
    format!("{words}（HTTP {status}）")
}

/// A failed record for a target, filled in as the visit goes.
pub(crate) fn failed_record(pass: u32, target: &Target) -> PageRecord {
    PageRecord::new(pass, target.clone(), PageStatus::Failed)
}

/// Reads a decoded body into the record by the target's kind.
fn read(rec: &mut PageRecord, text: &str, page: &Url, profile: &CompiledProfile) {
    match rec.target.kind {
        PageKind::HtmlList => list::read_html(rec, text, page, profile),
        PageKind::JsonList => list::read_json(rec, text, profile),
        PageKind::Guide => {
            let (item, gaps) = html::read_guide(text, page, profile);
            set_item(rec, item, page);
            if rec.status == PageStatus::Ok {
                rec.message.push_str(&gaps);
            }
        }
        PageKind::JsonDetail => match serde_json::from_str::<Value>(text) {
            Ok(v) => {
                let root = json::parse_path(&profile.json_root).unwrap_or_default();
                let item = json::extract_item(&v, &root, &profile.json_fields, page, &profile.base);
                set_item(rec, item, page);
            }
            Err(e) => rec.message = crate::source::json_error::syntax(&e, text, true),
        },
        PageKind::Robots => rec.status = PageStatus::Ok,
    }
}

fn set_item(rec: &mut PageRecord, mut item: Item, page: &Url) {
    if item == Item::default() {
        rec.message = "页面中没有找到任何事项要素".into();
        return;
    }
    rec.message = read_summary(&item);
    item.guide_url = page.to_string();
    item.provenance = Provenance::file(page.as_str());
    rec.status = PageStatus::Ok;
    rec.item = Some(Box::new(item));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::crawl::journal::{PageKind, Target};

    fn guide(at: &str, item: bool) -> PageRecord {
        let target = Target {
            url: "http://zwfw.example.gov.cn/guide/1.html".into(),
            kind: PageKind::Guide,
            list: 0,
            page: 0,
            linked: false,
        };
        let mut rec = PageRecord::new(1, target, PageStatus::Failed);
        rec.at = at.into();
        if item {
            rec.status = PageStatus::Ok;
            rec.item = Some(Box::new(crate::model::Item {
                name: "食品经营许可".into(),
                ..crate::model::Item::default()
            }));
        }
        rec
    }

    /// h33: the lists an item is judged on are said when empty too.
    #[test]
    fn empty_lists_are_counted_in_the_summary() {
        let item = crate::model::Item {
            name: "取水许可".into(),
            ..crate::model::Item::default()
        };
        assert_eq!(
            read_summary(&item),
            "读到要素 1 项，申请材料 0 份，办理流程 0 步，常见问题 0 个"
        );
    }

    /// A page that errs tonight keeps what it gave before, for a week; after that it is
    /// unreadable and says since when.
    #[test]
    fn an_earlier_item_is_kept_for_a_week() {
        let read = guide("2026-11-20T18:00:00Z", true);
        let mut tonight = guide("2026-11-26T18:00:00Z", false);
        carry_over(&mut tonight, &read);
        assert!(tonight.item.is_some());
        assert_eq!(tonight.stale_since.as_deref(), Some("2026-11-20T18:00:00Z"));
        // The next night's failure counts from the first read, not from last night's carry.
        let mut week_on = guide("2026-11-27T18:00:01Z", false);
        carry_over(&mut week_on, &tonight);
        assert!(week_on.item.is_none());
        assert!(
            week_on.message.contains("已连续 7 天读不到"),
            "{}",
            week_on.message
        );
    }
}
