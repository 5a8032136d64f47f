//! The crawl tests' fixture site, rendered from one source file (`fixtures/site/items.json`):
//! layout A (items 0–23: UTF-8, th/td tables, list pages chained by a next link), layout B
//! (items 24–45: GBK, dl/dt/dd with other label synonyms, list by page parameter) and a JSON
//! list + detail endpoint (items 46–57). Traps: robots.txt disallows `/a/private/` (item 23), item
//! 5 is linked through a redirect, a 404 link, item 7 answers 500 once, item 30 answers 429 with
//! `Retry-After: 1` once, an old link redirects into `/a/private/`, item 40 is slower than the test timeout, and page 1 links to a second
//! local server that must never be contacted. Every request is recorded with its time.

// Rendering pages reads best as `s += &format!(…)`; speed does not matter here.
#![allow(clippy::format_push_string)]

use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, Uri, header};
use axum::response::Response;
use serde_json::{Value, json};
use zwfw_audit::model::{Item, ItemField};

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
}

pub struct Site {
    pub items: Vec<Item>,
    pub hits: Mutex<Vec<Hit>>,
    once: Mutex<HashSet<String>>,
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
        other_port,
    });
    let app = Router::new().fallback(handle).with_state(site.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
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

async fn handle(State(site): State<Arc<Site>>, headers: HeaderMap, uri: Uri) -> Response {
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

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
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

/// Layout A labels (mostly the standard ones, one with a unit note).
fn label_a(f: ItemField) -> &'static str {
    match f {
        ItemField::PromisedLimit => "承诺办结时限（工作日）",
        ItemField::Region => "行政区划",
        other => other.label(),
    }
}

/// Layout B labels: other synonyms seen on real platforms.
fn label_b(f: ItemField) -> &'static str {
    use ItemField as F;
    match f {
        F::Code => "事项编码",
        F::BasicCode => "目录编码",
        F::ItemType => "事项类别",
        F::Subject => "实施机构",
        F::SubjectCode => "实施机构代码",
        F::RegionCode => "区划代码",
        F::Region => "所属区划",
        F::Level => "层级",
        F::PowerSource => "权力来源名称",
        F::QuantityLimit => "是否有数量限制",
        F::QuantityLimitDesc => "数量限制描述",
        F::HandlingType => "办理类型",
        F::ServiceObject => "面向对象",
        F::LegalLimit => "法定期限",
        F::PromisedLimit => "承诺期限",
        F::Visits => "到办事现场次数",
        F::OnsiteReason => "必须到现场原因",
        F::OnlineDepth => "网上办理深度",
        F::Express => "是否支持物流快递",
        F::Address => "受理地点",
        F::Hours => "受理时间",
        F::ResultName => "审批结果名称",
        F::ResultSample => "审批结果样本",
        F::ConsultPhone => "咨询方式",
        F::SupervisePhone => "监督投诉电话",
        F::Charged => "是否涉及收费",
        F::Intermediary => "是否需要中介服务",
        F::LegalBasis => "法律依据",
        F::Conditions => "申请条件",
        F::OnlineUrl => "网上办理地址",
        other => other.label(),
    }
}

fn basic_fields(item: &Item) -> Vec<(ItemField, &str)> {
    ItemField::ALL
        .iter()
        .map(|&f| (f, item.get(f)))
        .filter(|(f, v)| {
            !v.is_empty()
                && !matches!(
                    f,
                    ItemField::GuideUrl | ItemField::Unit | ItemField::UnitKind
                )
        })
        .collect()
}

fn table(headers: &[&str], rows: &[Vec<String>], header_tag: &str) -> String {
    let mut t = String::from("<table border=\"1\"><tr>");
    for h in headers {
        t += &format!("<{header_tag}>{h}</{header_tag}>");
    }
    t += "</tr>\n";
    for r in rows {
        t += "<tr>";
        for c in r {
            t += &format!("<td>{c}</td>");
        }
        t += "</tr>\n";
    }
    t + "</table>\n"
}

fn link(path: &str, text: &str) -> String {
    if path.is_empty() {
        String::new()
    } else {
        format!(
            "<a href=\"{}\" target=\"_blank\">{}</a>",
            esc(path),
            esc(text)
        )
    }
}

pub fn render_a(item: &Item) -> String {
    let mut s = format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{0}办事指南</title></head><body>\
<div class=\"title\">{0}</div><h3>基本信息</h3><table class=\"info\">\n",
        esc(&item.name)
    );
    for pair in basic_fields(item).chunks(2) {
        s += "<tr>";
        for (f, v) in pair {
            let value = if *f == ItemField::OnlineUrl {
                link(v, v)
            } else {
                esc(v)
            };
            s += &format!("<th>{}</th><td>{value}</td>", label_a(*f));
        }
        s += "</tr>\n";
    }
    s += "</table>\n<h3>申请材料</h3>\n";
    let rows: Vec<Vec<String>> = item
        .materials
        .iter()
        .enumerate()
        .map(|(k, m)| {
            let file = |p: &str| p.rsplit('/').next().unwrap_or_default().to_owned();
            vec![
                (k + 1).to_string(),
                esc(&m.name),
                esc(&m.source_channel),
                esc(&m.source_desc),
                esc(&m.copies),
                esc(&m.material_type),
                esc(&m.form),
                esc(&m.required),
                esc(&m.notes),
                link(&m.blank_form, &file(&m.blank_form)),
                link(&m.sample, &file(&m.sample)),
            ]
        })
        .collect();
    s += &table(
        &[
            "序号",
            "材料名称",
            "来源渠道",
            "来源渠道说明",
            "份数",
            "材料类型",
            "材料形式",
            "材料必要性",
            "填报须知",
            "空白表格",
            "示例样表",
        ],
        &rows,
        "th",
    );
    s += "<h3>办理流程</h3>\n";
    let rows: Vec<Vec<String>> = item
        .steps
        .iter()
        .map(|x| {
            vec![
                esc(&x.name),
                esc(&x.handler),
                esc(&x.duties),
                esc(&x.time_limit),
            ]
        })
        .collect();
    s += &table(&["环节名称", "办理人", "岗位职责", "办理时限"], &rows, "th");
    s += "<h3>收费标准</h3>\n";
    if item.fees.is_empty() {
        s += "<p>本事项不收费</p>\n";
    } else {
        let rows: Vec<Vec<String>> = item
            .fees
            .iter()
            .map(|x| vec![esc(&x.name), esc(&x.standard), esc(&x.basis)])
            .collect();
        s += &table(&["收费项目名称", "收费标准", "收费依据"], &rows, "th");
    }
    if !item.intermediaries.is_empty() {
        s += "<h3>中介服务</h3>\n";
        let mut rows = Vec::new();
        for m in &item.intermediaries {
            for a in &m.agencies {
                rows.push(vec![
                    esc(&m.name),
                    esc(&m.basis),
                    link(&m.query_url, "查询"),
                    esc(&a.name),
                    esc(&a.address),
                    esc(&a.contact),
                ]);
            }
        }
        s += &table(
            &[
                "中介服务名称",
                "设定依据",
                "中介机构查询网址",
                "中介机构名称",
                "中介机构地址",
                "联系电话",
            ],
            &rows,
            "th",
        );
    }
    s += "<h3>常见问题</h3>\n";
    let rows: Vec<Vec<String>> = item
        .faqs
        .iter()
        .map(|x| vec![esc(&x.question), esc(&x.answer)])
        .collect();
    s += &table(&["问题", "解答"], &rows, "th");
    s + "<div class=\"footer\">主办单位：池州市数据资源管理局</div></body></html>"
}

pub fn render_b(item: &Item, meta: &str) -> String {
    let mut s = format!(
        "<html><head>{meta}<title>{0}</title></head><body><div class=\"title\">{0} 办事指南</div>\n<dl class=\"jbxx\">\n",
        esc(&item.name)
    );
    let mut phones = String::new();
    for (f, v) in basic_fields(item) {
        if matches!(f, ItemField::ConsultPhone | ItemField::SupervisePhone) {
            phones += &format!(
                "<p><span class=\"label\">{}：</span><span>{}</span></p>\n",
                label_b(f),
                esc(v)
            );
        } else {
            s += &format!("<dt>{}：</dt><dd>{}</dd>\n", label_b(f), esc(v));
        }
    }
    s += "</dl>\n";
    s += &phones;
    s += "<div class=\"tit\">一、申请材料目录</div>\n";
    let rows: Vec<Vec<String>> = item
        .materials
        .iter()
        .map(|m| {
            vec![
                esc(&m.name),
                esc(&m.source_channel),
                esc(&m.source_desc),
                esc(&m.copies),
                esc(&m.material_type),
                esc(&m.form),
                esc(&m.required),
                esc(&m.notes),
                link(&m.blank_form, "空表下载"),
                link(&m.sample, "样表下载"),
            ]
        })
        .collect();
    s += &table(
        &[
            "申请材料名称",
            "材料来源",
            "出具单位",
            "纸质材料份数",
            "原件/复印件",
            "介质要求",
            "是否必要",
            "填写说明",
            "空表",
            "样表",
        ],
        &rows,
        "td",
    );
    s += "<div class=\"tit\">二、办理流程</div>\n";
    let rows: Vec<Vec<String>> = item
        .steps
        .iter()
        .map(|x| {
            vec![
                esc(&x.name),
                esc(&x.handler),
                esc(&x.duties),
                esc(&x.time_limit),
            ]
        })
        .collect();
    s += &table(&["办理环节", "承办人", "审查标准", "环节时限"], &rows, "td");
    if !item.fees.is_empty() {
        s += "<div class=\"tit\">三、收费项目</div>\n";
        let rows: Vec<Vec<String>> = item
            .fees
            .iter()
            .map(|x| vec![esc(&x.name), esc(&x.standard), esc(&x.basis)])
            .collect();
        s += &table(&["收费项目", "收费金额", "收费依据文件"], &rows, "td");
    }
    if !item.intermediaries.is_empty() {
        s += "<div class=\"tit\">四、中介服务信息</div>\n";
        let mut rows = Vec::new();
        for m in &item.intermediaries {
            for (k, a) in m.agencies.iter().enumerate() {
                // The service's columns only on its first row, as merged cells look when flattened.
                let (n, b, q) = if k == 0 {
                    (
                        esc(&m.name),
                        esc(&m.basis),
                        link(&m.query_url, &m.query_url),
                    )
                } else {
                    Default::default()
                };
                rows.push(vec![
                    n,
                    b,
                    q,
                    esc(&a.name),
                    esc(&a.address),
                    esc(&a.contact),
                ]);
            }
        }
        s += &table(
            &[
                "中介服务事项名称",
                "中介服务依据",
                "查询网址",
                "机构名称",
                "机构地址",
                "联系方式",
            ],
            &rows,
            "td",
        );
    }
    s += "<div class=\"tit\">五、常见问题解答</div>\n";
    let rows: Vec<Vec<String>> = item
        .faqs
        .iter()
        .map(|x| vec![esc(&x.question), esc(&x.answer)])
        .collect();
    s += &table(&["常见问题", "答复"], &rows, "td");
    s + "</body></html>"
}

/// The JSON detail record (the field names of `profiles/fixture-json.toml`, written here
/// independently so that a wrong profile fails the test).
pub fn detail_json(item: &Item) -> Value {
    use ItemField as F;
    let names: &[(F, &str)] = &[
        (F::Name, "taskname"),
        (F::Code, "taskcode"),
        (F::BasicCode, "catalogcode"),
        (F::ItemType, "tasktype"),
        (F::Subject, "deptname"),
        (F::SubjectCode, "deptcode"),
        (F::RegionCode, "areacode"),
        (F::Region, "areaname"),
        (F::Level, "xscj"),
        (F::PowerSource, "qlly"),
        (F::QuantityLimit, "slxz"),
        (F::QuantityLimitDesc, "slxzsm"),
        (F::HandlingType, "bjlx"),
        (F::ServiceObject, "fwdx"),
        (F::LegalLimit, "fdbjsx"),
        (F::PromisedLimit, "cnbjsx"),
        (F::Visits, "dxccs"),
        (F::OnsiteReason, "bxxcbl"),
        (F::OnlineDepth, "wbsd"),
        (F::Express, "sfzcwl"),
        (F::Address, "bldd"),
        (F::Hours, "blsj"),
        (F::ResultName, "jgmc"),
        (F::ResultSample, "jgyb"),
        (F::ConsultPhone, "zxdh"),
        (F::SupervisePhone, "jddh"),
        (F::Charged, "sfsf"),
        (F::Intermediary, "sfzj"),
        (F::LegalBasis, "sdyj"),
        (F::Conditions, "sltj"),
        (F::OnlineUrl, "wsbldz"),
    ];
    let mut v = serde_json::Map::new();
    for (f, k) in names {
        let text = item.get(*f);
        // Platforms send numbers as numbers and leave absent values null.
        let value = if text.is_empty() {
            Value::Null
        } else if *f == F::Visits {
            json!(text.parse::<u64>().unwrap())
        } else {
            json!(text)
        };
        v.insert((*k).to_owned(), value);
    }
    v.insert("applydatalist".into(), Value::Array(item.materials.iter().map(|m| json!({
        "clmc": m.name, "clly": m.source_channel, "cjdw": m.source_desc, "fs": m.copies.parse::<u64>().ok(),
        "cllx": m.material_type, "clxs": m.form, "sfbx": m.required, "tbxz": m.notes,
        "kbbg": m.blank_form, "ybbg": m.sample,
    })).collect()));
    v.insert("flowlist".into(), Value::Array(item.steps.iter().map(|x| json!({"hjmc": x.name, "blr": x.handler, "gwzz": x.duties, "blsx": x.time_limit})).collect()));
    v.insert(
        "feelist".into(),
        Value::Array(
            item.fees
                .iter()
                .map(|x| json!({"sfxmmc": x.name, "sfbz": x.standard, "sfyj": x.basis}))
                .collect(),
        ),
    );
    v.insert("zjfwlist".into(), Value::Array(item.intermediaries.iter().map(|m| json!({
        "zjfwmc": m.name, "zjfwyj": m.basis, "cxwz": m.query_url,
        "jglist": m.agencies.iter().map(|a| json!({"jgmc": a.name, "jgdz": a.address, "lxdh": a.contact})).collect::<Vec<_>>(),
    })).collect()));
    v.insert(
        "faqlist".into(),
        Value::Array(
            item.faqs
                .iter()
                .map(|x| json!({"wt": x.question, "jd": x.answer}))
                .collect(),
        ),
    );
    Value::Object(v)
}
