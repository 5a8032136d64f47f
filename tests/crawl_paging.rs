//! A JSON list paged by total count is read until the entries received reach the total, not for
//! the number of pages `page_size` makes of it: platforms cap the page size they answer (asked
//! for 20, they send 10), and the crawl read half the list and ended "complete". A list that
//! cannot reach its total is said with the numbers and read as incomplete, so that the nightly
//! audit does not take the missing items as 已移除. Against servers on 127.0.0.1 started here.

// Each test owns its runtime and holds the SERIAL guard for its whole run, awaits included.
#![allow(clippy::await_holding_lock)]

#[path = "support/crawl_log.rs"]
mod crawl_log;
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

use crawl_log::{log, row};

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

/// A numbered list (`list_{page}.html`, as 安徽's `sxlist.html?pageNo={page}` and 江苏's
/// `list.jsp?page={page}`) whose site answers the page past the last with a 404 (h33): the crawl
/// took it as an unreadable list page, exited 1 and `check` said 「1 个列表页无法读取」; the last
/// real page said 有下一页 though it had none. The 404 now ends the list, said as such.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_numbered_list_that_ends_in_a_404_is_complete() {
    let _serial = serial();
    let (_site, port, _) = site::start();
    let dir = tempfile::tempdir().unwrap();
    let mut p = site::fixture_profile("fixture-a", port);
    p.lists[0].url = "a/list_{page}.html".into();
    p.lists[0].first_page = 1;
    p.lists[0].next_selector = None;
    let s = run(&p, dir.path()).await;
    assert!(s.complete && s.failed_lists.is_empty(), "{s:?}");
    assert!(errors(dir.path()).is_empty(), "{:?}", errors(dir.path()));
    let rows = log(dir.path());
    let end = row(&rows, "a/list_4.html");
    assert_eq!((&end[4], &end[5]), ("成功", "404"), "{end:?}");
    assert_eq!(&end[10], "第 4 页不存在（HTTP 404），列表到此结束");
    let last = row(&rows, "a/list_3.html");
    assert!(
        last[10].contains("接着读第 4 页") && !last[10].contains("有下一页"),
        "{last:?}"
    );
}

/// The first page of a numbered list that is not there is no list at all: still a failure.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_numbered_list_whose_first_page_is_a_404_is_unreadable() {
    let _serial = serial();
    let (_site, port, _) = site::start();
    let dir = tempfile::tempdir().unwrap();
    let mut p = site::fixture_profile("fixture-a", port);
    p.lists[0].url = "a/list_{page}.html".into();
    p.lists[0].first_page = 9;
    p.lists[0].next_selector = None;
    let s = run(&p, dir.path()).await;
    assert_eq!(s.failed_lists.len(), 1, "{s:?}");
    assert!(
        errors(dir.path())
            .iter()
            .any(|e| e.contains("1 个列表页无法读取")),
        "{:?}",
        errors(dir.path())
    );
}

/// A numbered list whose second page errs (500) may go on past it: still a failure.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_numbered_list_page_that_errs_stays_a_failure() {
    use axum::response::IntoResponse as _;
    let _serial = serial();
    let list = |Query(q): Query<std::collections::HashMap<String, String>>| async move {
        if q.get("page").map(String::as_str) == Some("1") {
            axum::response::Html(
                "<html><body><ul class=\"items\"><li><a href=\"/a/guide/1.html\">事项</a></li></ul></body></html>",
            )
            .into_response()
        } else {
            axum::http::StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    };
    let app = axum::Router::new()
        .route("/a/list", axum::routing::get(list))
        .route(
            "/a/guide/1.html",
            axum::routing::get(|| async {
                axum::response::Html(
                    "<html><body><h1>事项</h1><table><tr><th>事项名称</th><td>食品经营许可</td></tr></table></body></html>",
                )
            }),
        )
        .route("/robots.txt", axum::routing::get(|| async { "" }));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    let dir = tempfile::tempdir().unwrap();
    let mut p = site::fixture_profile("fixture-a", port);
    p.lists[0].url = "a/list?page={page}".into();
    p.lists[0].first_page = 1;
    p.lists[0].next_selector = None;
    p.lists[0].link_pattern = None;
    let s = run(&p, dir.path()).await;
    assert_eq!(s.failed_lists.len(), 1, "{s:?}");
    assert!(s.failed_lists[0].url.ends_with("page=2"), "{s:?}");
}

/// Serves `list` at `/a/list` on 127.0.0.1, beside a guide page for every `/a/guide/{n}` and an
/// empty robots.txt; its port.
async fn serve_list<H, T>(list: H) -> u16
where
    H: axum::handler::Handler<T, ()>,
    T: 'static,
{
    let guide = |UrlPath(n): UrlPath<String>| async move {
        axum::response::Html(format!(
            "<html><body><h1>事项</h1><table><tr><th>事项名称</th><td>食品经营许可{n}</td></tr></table></body></html>"
        ))
    };
    let app = axum::Router::new()
        .route("/a/list", axum::routing::get(list))
        .route("/a/guide/{n}", axum::routing::get(guide))
        .route("/robots.txt", axum::routing::get(|| async { "" }));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    port
}

/// A numbered list `a/list?page={page}` whose page 2 answers 404 and page 3 lists guide 3; page
/// 1 lists guide 1 and then `pager` (its next-page link or page numbers, or nothing). Every page
/// from 4 on is a 404.
async fn gap_site(pager: &'static str) -> u16 {
    use axum::response::IntoResponse as _;
    let list = move |Query(q): Query<std::collections::HashMap<String, String>>| async move {
        let page = |n: u32| {
            axum::response::Html(format!(
                "<html><body><ul class=\"items\"><li><a href=\"/a/guide/{n}.html\">事项{n}</a></li></ul>{}</body></html>",
                if n == 1 { pager } else { "" }
            ))
            .into_response()
        };
        match q.get("page").map(String::as_str) {
            Some("1") => page(1),
            Some("3") => page(3),
            _ => axum::http::StatusCode::NOT_FOUND.into_response(),
        }
    };
    serve_list(list).await
}

async fn run_gap_site(pager: &'static str, dir: &Path) -> CrawlSummary {
    let port = gap_site(pager).await;
    let mut p = site::fixture_profile("fixture-a", port);
    p.lists[0].url = "a/list?page={page}".into();
    p.lists[0].first_page = 1;
    p.lists[0].next_selector = None;
    p.lists[0].link_pattern = None;
    run(&p, dir).await
}

/// h34: page 1 links to page 2 (its "下一页", or its pager's page numbers), page 2 answers 404
/// and page 3 is there. Since h33 the 404 ended the list without a word and page 3's items were
/// lost. A page the site links to is no end: it is a failed list page, said as one, and the crawl
/// reads on from the next number until a page tried by number only is not there.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_linked_page_that_is_a_404_is_a_failure_and_the_list_goes_on() {
    let _serial = serial();
    for pager in [
        "<div class=\"page\"><a href=\"/a/list?page=2\">下一页</a></div>",
        "<div class=\"page\"><a href=\"list?page=1\">1</a> <a href=\"list?page=2\">2</a> <a href=\"list?page=3\">3</a></div>",
    ] {
        let dir = tempfile::tempdir().unwrap();
        let s = run_gap_site(pager, dir.path()).await;
        assert_eq!(s.items, 2, "{pager}: {s:?}");
        assert_eq!(s.failed_lists.len(), 1, "{pager}: {s:?}");
        assert!(s.failed_lists[0].url.ends_with("page=2"), "{s:?}");
        let errors = errors(dir.path());
        assert!(
            errors.iter().any(|e| e.contains("1 个列表页无法读取")),
            "{errors:?}"
        );
        let rows = log(dir.path());
        let gap = row(&rows, "a/list?page=2");
        assert_eq!((&gap[4], &gap[5]), ("失败", "404"), "{gap:?}");
        assert!(gap[10].contains("接着读第 3 页"), "{gap:?}");
        // Page 4 is tried by number only: its 404 ends the list.
        let end = row(&rows, "a/list?page=4");
        assert_eq!((&end[4], &end[5]), ("成功", "404"), "{end:?}");
        assert_eq!(&end[10], "第 4 页不存在（HTTP 404），列表到此结束");
    }
}

/// The same list whose page 1 does not name page 2 (its pager is a script, or there is none):
/// page 2 is tried by number, and its 404 ends the list cleanly, as in h33.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_guessed_page_that_is_a_404_still_ends_the_list() {
    let _serial = serial();
    for pager in [
        "",
        "<div class=\"page\"><a href=\"javascript:goPage(2)\">下一页</a></div>",
        // The pager names page 1 only (the page itself).
        "<div class=\"page\"><a href=\"list?page=1\">1</a></div>",
        // h35: a "下一页" that is switched off, or leads to the page itself, names no next page.
        "<div class=\"page\"><a class=\"disabled\" href=\"list?page=2\">下一页</a></div>",
        "<ul class=\"pagination\"><li class=\"disabled\"><a href=\"list?page=2\">下一页</a></li></ul>",
        "<div class=\"page\"><a href=\"list?page=1\">下一页</a></div>",
    ] {
        let dir = tempfile::tempdir().unwrap();
        let s = run_gap_site(pager, dir.path()).await;
        assert_eq!(s.items, 1, "{pager}: {s:?}");
        assert!(s.complete && s.failed_lists.is_empty(), "{pager}: {s:?}");
        assert!(errors(dir.path()).is_empty(), "{:?}", errors(dir.path()));
        let rows = log(dir.path());
        let end = row(&rows, "a/list?page=2");
        assert_eq!(&end[10], "第 2 页不存在（HTTP 404），列表到此结束");
        assert!(rows.iter().all(|r| !r[2].ends_with("page=3")), "{rows:?}");
    }
}

/// A numbered list `a/list?page={page}` of two pages, each listing one guide; page 2, the last,
/// ends with `pager`. Page 3 answers 404; so does page 4, or it is an empty list page (200, no
/// items) when `empty_4`. Every later page is a 404.
async fn last_page_site(pager: &'static str, empty_4: bool) -> u16 {
    use axum::response::IntoResponse as _;
    let list = move |Query(q): Query<std::collections::HashMap<String, String>>| async move {
        let page = |items: &str, pager: &str| {
            axum::response::Html(format!(
                "<html><body><ul class=\"items\">{items}</ul><div class=\"page\">{pager}</div></body></html>"
            ))
            .into_response()
        };
        let item = |n: u32| format!("<li><a href=\"/a/guide/{n}.html\">事项{n}</a></li>");
        match q.get("page").map(String::as_str) {
            Some("1") => page(
                &item(1),
                "<a href=\"list?page=2\">2</a> <a class=\"next\" href=\"list?page=2\">下一页</a>",
            ),
            Some("2") => page(&item(2), pager),
            Some("4") if empty_4 => page("", ""),
            _ => axum::http::StatusCode::NOT_FOUND.into_response(),
        }
    };
    serve_list(list).await
}

/// h35: many CMSs put a "下一页" (or a pager naming page N + 1) on the last page of a list, and
/// page N + 1 answers 404. Since h34 a linked 404 was a failed list page, and such a site failed
/// every night (「有列表页无法读取」, exit 1) though nothing was lost. Page N + 2, tried by
/// number, is not there either (or lists nothing): the list ended, said as such, no failure.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_next_link_past_the_last_page_ends_the_list() {
    let _serial = serial();
    for (pager, next_selector, empty_4) in [
        ("<a href=\"list?page=3\">下一页</a>", None, false),
        (
            "<a class=\"next\" href=\"list?page=3\">下一页</a>",
            Some("a.next"),
            false,
        ),
        (
            "<a href=\"list?page=1\">1</a> <a href=\"list?page=2\">2</a> <a href=\"list?page=3\">3</a>",
            None,
            false,
        ),
        (
            "<a class=\"next\" href=\"list?page=3\">下一页</a>",
            Some("a.next"),
            true,
        ),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let port = last_page_site(pager, empty_4).await;
        let mut p = site::fixture_profile("fixture-a", port);
        p.lists[0].url = "a/list?page={page}".into();
        p.lists[0].first_page = 1;
        p.lists[0].next_selector = next_selector.map(str::to_owned);
        p.lists[0].link_pattern = None;
        let s = run(&p, dir.path()).await;
        assert_eq!(s.items, 2, "{pager}: {s:?}");
        assert!(s.complete && s.failed_lists.is_empty(), "{pager}: {s:?}");
        assert_eq!(s.stats.failed, 0, "{pager}: {s:?}");
        assert!(errors(dir.path()).is_empty(), "{:?}", errors(dir.path()));
        let rows = log(dir.path());
        // One row for page 3: it is recorded once the page after it is read.
        let third: Vec<_> = rows.iter().filter(|r| r[2].ends_with("page=3")).collect();
        assert_eq!(third.len(), 1, "{rows:?}");
        let end = third[0];
        assert_eq!((&end[4], &end[5]), ("成功", "404"), "{end:?}");
        let after = if empty_4 {
            "第 4 页没有列出事项"
        } else {
            "第 4 页也不存在（HTTP 404）"
        };
        assert!(
            end[10].starts_with("第 3 页不存在（HTTP 404），列表到此结束：上一页链接到这一页")
                && end[10].contains(after),
            "{end:?}"
        );
        assert!(rows.iter().all(|r| !r[2].ends_with("page=5")), "{rows:?}");
    }
}

/// The same last page with `max_pages = 3`: no page is read after page 3, so its 404 ends the
/// list at once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_linked_404_on_the_last_page_max_pages_allows_ends_the_list() {
    let _serial = serial();
    let dir = tempfile::tempdir().unwrap();
    let port = last_page_site("<a href=\"list?page=3\">下一页</a>", false).await;
    let mut p = site::fixture_profile("fixture-a", port);
    p.lists[0].url = "a/list?page={page}".into();
    p.lists[0].first_page = 1;
    p.lists[0].max_pages = 3;
    p.lists[0].next_selector = None;
    p.lists[0].link_pattern = None;
    let s = run(&p, dir.path()).await;
    assert!(
        s.complete && s.failed_lists.is_empty() && s.items == 2,
        "{s:?}"
    );
    let rows = log(dir.path());
    let end = row(&rows, "a/list?page=3");
    assert_eq!((&end[4], &end[5]), ("成功", "404"), "{end:?}");
    assert!(end[10].contains("max_pages"), "{end:?}");
    assert!(rows.iter().all(|r| !r[2].ends_with("page=4")), "{rows:?}");
}

/// The same list crawled one or two pages a run, each run resuming the last: a run that stops
/// while page 3 waits for page 4 leaves no failure behind, and the last run ends the list as one
/// crawl does.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_past_the_end_link_resumed_at_every_step_ends_the_list() {
    let _serial = serial();
    let port = last_page_site("<a href=\"list?page=3\">下一页</a>", false).await;
    let mut p = site::fixture_profile("fixture-a", port);
    p.lists[0].url = "a/list?page={page}".into();
    p.lists[0].first_page = 1;
    p.lists[0].next_selector = None;
    p.lists[0].link_pattern = None;
    let profile = Arc::new(p.compile().unwrap());
    for step in [1, 2] {
        let dir = tempfile::tempdir().unwrap();
        let options = CrawlOptions {
            output_dir: dir.path().to_owned(),
            max_fetches: Some(step),
            ..CrawlOptions::default()
        };
        let mut runs = 0;
        let s = loop {
            runs += 1;
            let s = crawl::crawl(profile.clone(), &options, &NoProgress)
                .await
                .unwrap();
            if s.complete || runs > 20 {
                break s;
            }
        };
        assert!(
            s.complete && s.failed_lists.is_empty() && s.items == 2,
            "{step}: {s:?}"
        );
        let end = row(&log(dir.path()), "a/list?page=3");
        assert_eq!(&end[4], "成功", "{step}: {end:?}");
    }
}
