//! The crawl tests' fixture site, rendered from one source file (`fixtures/site/items.json`):
//! layout A (items 0–23: UTF-8, th/td tables, list pages chained by a next link), layout B
//! (items 24–45: GBK, dl/dt/dd with other label synonyms, list by page parameter) and a JSON
//! list + detail endpoint (items 46–57). Traps: robots.txt disallows `/a/private/` (item 23), item
//! 5 is linked through a redirect, a 404 link, item 7 answers 500 once, item 30 answers 429 with
//! `Retry-After: 1` once, an old link redirects into `/a/private/`, item 40 is slower than the
//! test timeout, and page 1 links to a second local server that must never be contacted. Every
//! request is recorded with its time. The pages themselves are drawn by `render.rs`.

// Rendering pages reads best as `s += &format!(…)`; speed does not matter here.
#![allow(clippy::format_push_string)]

use std::collections::HashSet;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Body;
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, StatusCode, Uri, header};
use axum::response::Response;
use serde_json::{Value, json};
use zwfw_audit::model::Item;

use crate::render::{detail_json, esc, render_a, render_b};

pub const A: std::ops::Range<usize> = 0..24;
pub const B: std::ops::Range<usize> = 24..46;
pub const J: std::ops::Range<usize> = 46..58;
pub const PRIVATE: usize = 23;
pub const REDIRECTED: usize = 5;
pub const FLAKY_500: usize = 7;
pub const THROTTLED_429: usize = 30;
pub const SLOW: usize = 40;
pub const SLOW_MS: u64 = 2000;
const PER_PAGE: usize = 8;
const LAST_MODIFIED: &str = "Wed, 21 Oct 2026 07:28:00 GMT";

/// The source items.
pub fn items() -> Vec<Item> {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/site/items.json"
    ))
    .unwrap();
    let v: Value = serde_json::from_str(&text).unwrap();
    serde_json::from_value(v["items"].clone()).unwrap()
}

/// One request as the server saw it.
#[derive(Debug, Clone)]
pub struct Hit {
    pub at: Instant,
    pub path: String,
    pub user_agent: String,
    /// The first request on its connection: it reaches the handler later than it was sent, by
    /// the connection setup.
    pub new_connection: bool,
}

pub struct Site {
    pub items: Vec<Item>,
    pub hits: Mutex<Vec<Hit>>,
    once: Mutex<HashSet<String>>,
    peers: Mutex<HashSet<SocketAddr>>,
    /// Port of the server that must never be contacted.
    pub other_port: u16,
}

impl Site {
    pub fn hits(&self) -> Vec<Hit> {
        self.hits.lock().unwrap().clone()
    }

    pub fn count(&self, path: &str) -> usize {
        self.hits
            .lock()
            .unwrap()
            .iter()
            .filter(|h| h.path == path)
            .count()
    }

    /// True the first time a key is seen.
    fn first(&self, key: &str) -> bool {
        self.once.lock().unwrap().insert(key.to_owned())
    }
}

/// The guide path of an item, as linked from its list.
pub fn guide_path(i: usize) -> String {
    if A.contains(&i) {
        if i == PRIVATE {
            format!("/a/private/{i}.html")
        } else {
            format!("/a/guide/{i}.html")
        }
    } else if B.contains(&i) {
        format!("/b/detail.jsp?id={i}")
    } else {
        format!("/api/item/{}", rowguid(i))
    }
}

fn rowguid(i: usize) -> String {
    format!("8a8a1c2b-{i:04}-4e5f-9c3d-{:012x}", i * 7919)
}

/// Starts the site and the forbidden second server on 127.0.0.1, in a runtime of their own (so
/// that the crawl's work never delays the server's clock); returns the site and its port.
pub fn start() -> (Arc<Site>, u16, Arc<Mutex<usize>>) {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async move {
            tx.send(serve().await).unwrap();
            std::future::pending::<()>().await;
        });
    });
    rx.recv().unwrap()
}

async fn serve() -> (Arc<Site>, u16, Arc<Mutex<usize>>) {
    let other_hits = Arc::new(Mutex::new(0usize));
    let counter = other_hits.clone();
    let other = Router::new().fallback(move || {
        let c = counter.clone();
        async move {
            *c.lock().unwrap() += 1;
            "不应被访问"
        }
    });
    let other_listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let other_port = other_listener.local_addr().unwrap().port();
    tokio::spawn(async move { axum::serve(other_listener, other).await.unwrap() });

    let site = Arc::new(Site {
        items: items(),
        hits: Mutex::new(Vec::new()),
        once: Mutex::new(HashSet::new()),
        peers: Mutex::new(HashSet::new()),
        other_port,
    });
    let app = Router::new().fallback(handle).with_state(site.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        axum::serve(
            listener,
            app.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .await
        .unwrap();
    });
    (site, port, other_hits)
}

fn resp(status: StatusCode, ctype: &str, body: Vec<u8>) -> Response {
    Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, ctype)
        .body(Body::from(body))
        .unwrap()
}

fn html(body: String) -> Response {
    resp(
        StatusCode::OK,
        "text/html; charset=utf-8",
        body.into_bytes(),
    )
}

fn not_found() -> Response {
    resp(
        StatusCode::NOT_FOUND,
        "text/html; charset=utf-8",
        "<h1>404 页面不存在</h1>".as_bytes().to_vec(),
    )
}

fn not_modified() -> Response {
    Response::builder()
        .status(StatusCode::NOT_MODIFIED)
        .body(Body::empty())
        .unwrap()
}

async fn handle(
    State(site): State<Arc<Site>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    uri: Uri,
) -> Response {
    let new_connection = site.peers.lock().unwrap().insert(peer);
    let path = uri
        .path_and_query()
        .map_or_else(|| uri.path().to_owned(), |p| p.as_str().to_owned());
    site.hits.lock().unwrap().push(Hit {
        at: Instant::now(),
        path: path.clone(),
        user_agent: headers
            .get(header::USER_AGENT)
            .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
            .unwrap_or_default(),
        new_connection,
    });
    let etag_matches = |tag: &str| headers.get(header::IF_NONE_MATCH).is_some_and(|v| v == tag);
    let query_num = |key: &str| {
        uri.query().unwrap_or_default().split('&').find_map(|kv| {
            kv.strip_prefix(key)?
                .strip_prefix('=')?
                .parse::<usize>()
                .ok()
        })
    };
    let p = uri.path();
    if p == "/robots.txt" {
        return resp(
            StatusCode::OK,
            "text/plain",
            b"User-agent: *\nDisallow: /a/private/\n".to_vec(),
        );
    }
    if let Some(n) = p
        .strip_prefix("/a/list_")
        .and_then(|r| r.strip_suffix(".html"))
    {
        let n: usize = n.parse().unwrap_or(0);
        return match list_a(&site, n) {
            Some(b) => html(b),
            None => not_found(),
        };
    }
    if let Some(i) = p
        .strip_prefix("/a/old/")
        .and_then(|r| r.strip_suffix(".html"))
        .and_then(|r| r.parse::<usize>().ok())
    {
        // Old links redirect to the item's page (for the private item, into robots.txt's reach).
        return Response::builder()
            .status(StatusCode::MOVED_PERMANENTLY)
            .header(header::LOCATION, guide_path(i))
            .body(Body::empty())
            .unwrap();
    }
    if let Some(i) = p
        .strip_prefix("/a/guide/")
        .or_else(|| p.strip_prefix("/a/private/"))
        .and_then(|r| r.strip_suffix(".html"))
        .and_then(|r| r.parse::<usize>().ok())
        .filter(|i| A.contains(i))
    {
        if i == FLAKY_500 && site.first("500") {
            return resp(
                StatusCode::INTERNAL_SERVER_ERROR,
                "text/plain",
                b"busy".to_vec(),
            );
        }
        let tag = format!("\"a{i}-v1\"");
        if etag_matches(&tag) {
            return not_modified();
        }
        let mut r = html(render_a(&site.items[i]));
        r.headers_mut().insert(header::ETAG, tag.parse().unwrap());
        return r;
    }
    if p == "/b/list.jsp" {
        let page = query_num("page").unwrap_or(1);
        return gbk(&render_list_b(page), "text/html; charset=gbk");
    }
    if p == "/b/detail.jsp" {
        let Some(i) = query_num("id").filter(|i| B.contains(i)) else {
            return not_found();
        };
        if i == THROTTLED_429 && site.first("429") {
            return Response::builder()
                .status(StatusCode::TOO_MANY_REQUESTS)
                .header(header::RETRY_AFTER, "1")
                .body(Body::from("请求过于频繁"))
                .unwrap();
        }
        if i == SLOW {
            tokio::time::sleep(Duration::from_millis(SLOW_MS)).await;
        }
        if headers
            .get(header::IF_MODIFIED_SINCE)
            .is_some_and(|v| v == LAST_MODIFIED)
        {
            return not_modified();
        }
        // The charset comes from the header, a meta tag, or nowhere (detection).
        let (ctype, meta) = match i % 3 {
            0 => ("text/html; charset=GBK", ""),
            1 => (
                "text/html",
                "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">",
            ),
            _ => ("text/html", ""),
        };
        let mut r = gbk(&render_b(&site.items[i], meta), ctype);
        r.headers_mut()
            .insert(header::LAST_MODIFIED, LAST_MODIFIED.parse().unwrap());
        return r;
    }
    if p == "/api/items" {
        let page = query_num("page").unwrap_or(1).max(1);
        let size = query_num("size").unwrap_or(5).max(1);
        let all: Vec<usize> = J.collect();
        let data: Vec<Value> = all
            .iter()
            .skip((page - 1) * size)
            .take(size)
            .map(|&i| json!({"rowguid": rowguid(i), "taskname": site.items[i].name}))
            .collect();
        let body = json!({"total": all.len(), "page": page, "data": data});
        return resp(
            StatusCode::OK,
            "application/json;charset=UTF-8",
            body.to_string().into_bytes(),
        );
    }
    if let Some(g) = p.strip_prefix("/api/item/") {
        let Some(i) = J.clone().find(|&i| rowguid(i) == g) else {
            return not_found();
        };
        let tag = format!("W/\"j{i}\"");
        if etag_matches(&tag) {
            return not_modified();
        }
        let body = json!({"code": 200, "msg": "成功", "custom": detail_json(&site.items[i])});
        let mut r = resp(
            StatusCode::OK,
            "application/json",
            body.to_string().into_bytes(),
        );
        r.headers_mut().insert(header::ETAG, tag.parse().unwrap());
        return r;
    }
    if p.starts_with("/files/") {
        return resp(StatusCode::OK, "application/octet-stream", b"PK".to_vec());
    }
    not_found()
}

fn gbk(text: &str, ctype: &str) -> Response {
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(text);
    assert!(!unmappable, "fixture text must be GBK-encodable");
    resp(StatusCode::OK, ctype, bytes.into_owned())
}

fn list_a(site: &Site, n: usize) -> Option<String> {
    let chunks: Vec<Vec<usize>> = A
        .collect::<Vec<_>>()
        .chunks(PER_PAGE)
        .map(<[usize]>::to_vec)
        .collect();
    let ids = chunks.get(n.checked_sub(1)?)?;
    let mut li = String::new();
    for &i in ids {
        let path = if i == REDIRECTED {
            format!("/a/old/{i}.html")
        } else {
            guide_path(i)
        };
        li += &format!(
            "<li><a href=\"{path}\">{}</a><span>{}</span></li>\n",
            esc(&site.items[i].name),
            esc(&site.items[i].subject)
        );
    }
    match n {
        1 => {
            li += &format!(
                "<li><a href=\"http://127.0.0.1:{}/a/guide/1.html\">省级平台同名事项</a></li>\n<li><a href=\"/a/help.html\">办事帮助</a></li>\n",
                site.other_port
            );
        }
        2 => {
            li += &format!(
                "<li><a href=\"/a/guide/999.html\">已取消的事项</a></li>\n<li><a href=\"/a/old/{PRIVATE}.html\">内部事项（旧链接）</a></li>\n"
            );
        }
        _ => {}
    }
    let next = if n < chunks.len() {
        format!("<a class=\"next\" href=\"list_{}.html\">下一页</a>", n + 1)
    } else {
        String::new()
    };
    Some(format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>事项清单 第{n}页</title></head><body>\
<div class=\"nav\"><a href=\"/index.html\">首页</a> <a href=\"/a/guide/notes.html\">说明</a></div>\
<ul class=\"items\">\n{li}</ul><div class=\"pager\"><span>第{n}页</span>{next}</div></body></html>"
    ))
}

fn render_list_b(page: usize) -> String {
    let ids: Vec<usize> = B
        .skip(page.saturating_sub(1) * PER_PAGE)
        .take(PER_PAGE)
        .collect();
    let mut rows = String::new();
    for i in ids {
        rows += &format!(
            "<tr><td><a href=\"detail.jsp?id={i}\">事项{i}</a></td><td><a href=\"javascript:void(0)\">收藏</a></td></tr>\n"
        );
    }
    format!(
        "<html><head><title>事项列表</title></head><body><table class=\"list\">{rows}</table><a href=\"list.jsp?page={}\">下一页</a></body></html>",
        page + 1
    )
}

/// The crawl profile `profiles/<name>.toml` pointed at the fixture site on `port`, with the short
/// waits and timeouts the tests use.
#[allow(dead_code)] // Not every crawl test binary loads a profile this way.
pub fn fixture_profile(name: &str, port: u16) -> zwfw_audit::source::crawl::Profile {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("profiles")
        .join(format!("{name}.toml"));
    let mut p = zwfw_audit::source::crawl::Profile::load(&path).unwrap();
    p.base_url = format!("http://127.0.0.1:{port}/");
    p.net.min_interval_ms = 5;
    p.net.timeout_secs = 0.5;
    p.net.retries = 1;
    p.net.backoff_ms = 20;
    p
}
