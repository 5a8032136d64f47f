//! A JSON list paged by total count is read until the entries received reach the total, not for
//! the number of pages `page_size` makes of it: platforms cap the page size they answer (asked
//! for 20, they send 10), and the crawl read half the list and ended "complete". A list that
//! cannot reach its total is said with the numbers and read as incomplete, so that the nightly
//! audit does not take the missing items as 已移除. Against servers on 127.0.0.1 started here.

// Each test owns its runtime and holds the SERIAL guard for its whole run, awaits included.
#![allow(clippy::await_holding_lock)]

#[path = "support/render.rs"]
mod render;
// Not every part of the site's request record is looked at here.
#[allow(dead_code)]
#[path = "support/site.rs"]
mod site;

use std::path::Path;
use std::sync::{Arc, Mutex};

use axum::extract::{Path as UrlPath, Query};
use zwfw_audit::source::crawl::{self, CrawlOptions, CrawlSummary, NoProgress, Profile};
use zwfw_audit::source::{self, NoticeLevel, Record};

static SERIAL: Mutex<()> = Mutex::new(());

fn serial() -> std::sync::MutexGuard<'static, ()> {
    SERIAL
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn fixture_json(port: u16) -> Profile {
    site::fixture_profile("fixture-json", port)
}

async fn run(p: &Profile, dir: &Path) -> CrawlSummary {
    let options = CrawlOptions {
        output_dir: dir.to_owned(),
        ..CrawlOptions::default()
    };
    crawl::crawl(Arc::new(p.compile().unwrap()), &options, &NoProgress)
        .await
        .unwrap()
}

/// The error notices `check` and `audit` get from a crawl folder.
fn errors(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    source::read_inputs(&[dir.to_owned()], &mut |r| {
        if let Record::Notice(n) = r
            && n.level == NoticeLevel::Error
        {
            out.push(n.message);
        }
    });
    out
}

/// The profile says 10 entries a page; the platform answers 3 (the list URL asks for 3, as a
/// capped platform answers). The old crawl made 2 pages of the total of 12 and read 6 items.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_platform_that_answers_fewer_entries_a_page_is_read_to_its_total() {
    let _serial = serial();
    let (site, port, _) = site::start();
    let dir = tempfile::tempdir().unwrap();
    let mut p = fixture_json(port);
    p.lists[0].url = "api/items?page={page}&size=3".into();
    p.lists[0].page_size = Some(10);
    let s = run(&p, dir.path()).await;
    assert_eq!(s.items, site::J.len(), "{s:?}");
    assert!(s.complete && s.short_lists.is_empty(), "{s:?}");
    // 12 entries in pages of 3: four pages, and no fifth asked once the total is reached.
    let pages = site
        .hits()
        .iter()
        .filter(|h| h.path.starts_with("/api/items?"))
        .count();
    assert_eq!(pages, 4);
    assert!(errors(dir.path()).is_empty());
}

/// Entries a page of a platform that says it has 7 items and lists 3, then nothing.
async fn short_list(Query(q): Query<std::collections::HashMap<String, String>>) -> String {
    let page: usize = q.get("page").and_then(|p| p.parse().ok()).unwrap_or(1);
    let data: Vec<serde_json::Value> = if page == 1 {
        (0..3)
            .map(|i| serde_json::json!({"rowguid": format!("g{i}")}))
            .collect()
    } else {
        Vec::new()
    };
    serde_json::json!({"total": 7, "data": data}).to_string()
}

async fn detail(UrlPath(g): UrlPath<String>) -> String {
    serde_json::json!({"custom": {"taskname": format!("事项{g}"), "taskcode": g}}).to_string()
}

/// A list that gives fewer entries than its total, read to its end: not complete, with the
/// numbers in the status that `check` and `audit` read.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_list_short_of_its_total_is_incomplete_with_the_numbers() {
    let _serial = serial();
    let app = axum::Router::new()
        .route("/api/items", axum::routing::get(short_list))
        .route("/api/item/{g}", axum::routing::get(detail))
        .route("/robots.txt", axum::routing::get(|| async { "" }));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    let dir = tempfile::tempdir().unwrap();
    let mut p = fixture_json(port);
    p.lists[0].url = "api/items?page={page}&size=20".into();
    p.lists[0].page_size = Some(20);
    let s = run(&p, dir.path()).await;
    assert_eq!(s.items, 3);
    assert!(!s.complete, "{s:?}");
    let said = &s.short_lists[0].reason;
    assert!(
        said.contains("共 7 个事项") && said.contains("只收到 3 个") && said.contains("少了 4 个"),
        "{said}"
    );
    let errors = errors(dir.path());
    assert!(
        errors.iter().any(|e| e.contains("只收到 3 个")),
        "{errors:?}"
    );
}
