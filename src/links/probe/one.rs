//! One URL: answered from a fresh cache entry, revalidated with a conditional GET, or checked with
//! one ranged GET; the response (or the error) turned into a verdict.
//!
//! No HEAD first: the GET that reads the file says everything a HEAD would (404, 429, the type),
//! so a HEAD only doubled the requests, and with the per-host interval the time of a run.

use sha2::{Digest, Sha256};
use url::Url;

use super::{LinkCheck, LinkVerdict, NOT_ALLOWED, ProbeOpts};
use crate::links::content;
use crate::net::{Failure, FetchError, Fetcher, Method, Request, Response};

fn age_secs(checked_at: &str, now: jiff::Timestamp) -> Option<f64> {
    let then: jiff::Timestamp = checked_at.parse().ok()?;
    Some((now.as_millisecond() - then.as_millisecond()) as f64 / 1000.0)
}

/// Whether a cached answer found nothing to report: the link works and its file shows no problem
/// the content checks look for (for a blank form: an editable type). Only such an answer is
/// reused without asking while fresh.
pub(super) fn clean(c: &LinkCheck, form: bool) -> bool {
    use content::FileType as T;
    c.verdict == LinkVerdict::Ok
        && !c.partial
        && c.inspection.as_ref().is_none_or(|i| {
            i.mojibake.is_none()
                && i.personal.is_empty()
                && i.defect.is_none()
                && i.soft_404.is_none()
                && i.blocked.is_none()
                && i.login.is_none()
                && !i.macros
                && i.office_html.is_none()
                && (!form || i.real_type.is_some_and(T::is_editable))
        })
}

#[allow(clippy::too_many_arguments)]
pub(super) async fn probe(
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
                    check.requests = e.requests();
                    from_error(check, &e, opts, fetcher.silent_host(url))
                }
            };
        }
    }
    let get = Request {
        range_end: Some(range_end),
        ..Request::get(url.clone())
    };
    match fetcher.fetch(&get).await {
        Ok(r) => {
            check.requests = r.attempts;
            from_get(check, &r, expects_file, opts).await
        }
        Err(e) => {
            check.requests = e.requests();
            from_error(check, &e, opts, fetcher.silent_host(url))
        }
    }
}

/// `，重试 2 次后仍失败` when the answer came after retries; nothing when it was the first.
fn retried(r: &Response) -> String {
    if r.attempts > 1 {
        format!("，重试 {} 次后仍失败", r.attempts - 1)
    } else {
        String::new()
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
                format!("服务器限制访问频率（HTTP 429）{}", retried(r)),
            );
            return check;
        }
        s if s >= 500 => {
            check.set(
                LinkVerdict::Unverifiable,
                format!("服务器错误（HTTP {s}）{}", retried(r)),
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
    if let Some(words) = &inspection.blocked {
        // The site turned the tool away: the link may work for the public. Asked again next run.
        check.cacheable = false;
        check.set(
            LinkVerdict::Unverifiable,
            format!("网站的安全防护拦截了本工具的访问（“{words}”）"),
        );
    } else if let Some(words) = inspection.login.as_ref().filter(|_| expects_file) {
        // A sign-in page in the file's place: the file behind it is not known (an online
        // handling URL that asks to sign in is normal, and is not judged so).
        check.cacheable = false;
        let led_to = check
            .final_url
            .as_deref()
            .map(|f| format!("，链接跳转到了 {}", crate::model::text::display_url(f)))
            .unwrap_or_default();
        check.set(
            LinkVerdict::Unverifiable,
            format!(
                "链接打开的是登录页面（“{words}”{led_to}），要登录才能下载，本工具无法核实其中的文件"
            ),
        );
    } else if let Some(words) = &inspection.soft_404 {
        check.set(
            LinkVerdict::Broken,
            format!("返回的是提示文件不存在的网页（“{words}”）"),
        );
    } else if inspection.real_type == Some(content::FileType::Empty) {
        check.set(LinkVerdict::Broken, "文件为空（0 字节）");
    } else if let Some(defect) = inspection.defect.clone().filter(|_| expects_file) {
        if defect.contains(crate::zipguard::BOMB) {
            // Refused to inflate for safety: the file may open fine for the public. Not 失效;
            // for a person to open, and asked again next run.
            check.cacheable = false;
            check.set(LinkVerdict::Unverifiable, format!("{REFUSED}（{defect}）"));
        } else {
            check.set(LinkVerdict::Broken, defect);
        }
    }
    check.inspection = Some(inspection);
    check
}

/// The start of the reason of a file not opened for safety (a suspected zip or flate bomb).
pub(crate) const REFUSED: &str = "文件疑似压缩炸弹，为安全起见没有解压，内容无法核实";

pub(super) const NO_DNS: &str = "域名无法解析";
pub(super) const NO_CONNECTION: &str = "无法连接服务器（连接被拒绝或域名无法解析）";

/// Whether the check failed because its server could not be reached (refused, DNS).
pub(super) fn is_connect_failure(check: &LinkCheck) -> bool {
    check.status.is_none() && (check.reason == NO_DNS || check.reason == NO_CONNECTION)
}

/// `silent`: the host has since been given up for this run after this many timeouts in a row
/// (then a link that timed out was not retried as often as configured).
fn from_error(
    mut check: LinkCheck,
    e: &FetchError,
    opts: ProbeOpts,
    silent: Option<u32>,
) -> LinkCheck {
    check.cacheable = false;
    let (verdict, reason) = match e {
        FetchError::Scheme(_) => (LinkVerdict::Broken, "不是 http/https 链接".to_owned()),
        // A redirect off the allowed hosts: the link is on an allowed host, so say where it led.
        FetchError::NotAllowed { host, url } if *url != check.url => (
            LinkVerdict::Unverifiable,
            format!(
                "链接跳转到 {}，主机 {host} {NOT_ALLOWED}，未继续访问",
                crate::model::text::display_url(url)
            ),
        ),
        FetchError::NotAllowed { host, .. } => (
            LinkVerdict::Unverifiable,
            format!("主机 {host} {NOT_ALLOWED}，未访问"),
        ),
        // How long it waited, so a clerk can tell a slow server from a dead one.
        FetchError::Timeout(u) => {
            let (secs, retries) = opts.net;
            let tries = match silent {
                Some(n) => format!(
                    "；主机 {} 本次已连续 {n} 次请求超时，不再重试，也不再请求它的其余链接",
                    Url::parse(u)
                        .map(|u| crate::net::host_key(&u))
                        .unwrap_or_default()
                ),
                None if retries > 0 => format!("，重试 {retries} 次仍是如此"),
                None => String::new(),
            };
            (
                LinkVerdict::Unverifiable,
                format!("请求超时：{secs} 秒内服务器没有响应{tries}"),
            )
        }
        // The host stopped answering earlier in this run: this link was not requested.
        FetchError::HostSilent { host, timeouts, .. } => (
            LinkVerdict::Unverifiable,
            format!(
                "未请求：主机 {host} 本次已连续 {timeouts} 次请求超时（网站没有响应），本次不再访问它的链接，下次检查将重试"
            ),
        ),
        FetchError::Connect(_) | FetchError::Other(_) if e.failure() == Some(Failure::Tls) => {
            (LinkVerdict::Unverifiable, "TLS 连接或证书错误".to_owned())
        }
        FetchError::Other(_) if e.failure() == Some(Failure::CutShort) => (
            LinkVerdict::Broken,
            "文件传输不完整（多次重试，连接都在文件结束前断开）".to_owned(),
        ),
        FetchError::Connect(_) => (
            LinkVerdict::Broken,
            if e.failure() == Some(Failure::NoSuchHost) {
                NO_DNS.to_owned()
            } else {
                NO_CONNECTION.to_owned()
            },
        ),
        FetchError::RedirectLoop(_) => (LinkVerdict::Broken, "重定向循环".to_owned()),
        FetchError::TooManyRedirects(_) => (LinkVerdict::Broken, "重定向次数过多".to_owned()),
        // No usable Location: missing, or in neither UTF-8 nor GBK (raw Chinese in either is
        // followed, as browsers do). Not a sure failure: a person opens it.
        FetchError::BadRedirect(_) => (
            LinkVerdict::Unverifiable,
            "服务器返回了跳转，但没有给出可用的跳转地址，请人工打开链接确认".to_owned(),
        ),
        FetchError::RetryAfterTooLong { secs, .. } => (
            LinkVerdict::Unverifiable,
            format!("服务器限制访问频率，要求 {secs} 秒后再试"),
        ),
        FetchError::Refused { reason, .. } => {
            (LinkVerdict::Unverifiable, format!("未检查: {reason}"))
        }
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
