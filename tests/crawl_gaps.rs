//! What a crawl did not find is said, not left for the audit to take as 已移除: a paused crawl, a
//! first crawl not finished yet, a list page that failed and a list that gave no link come to
//! `check` and `audit` as error notices (input incomplete), and a list's pager links are never
//! taken for guides. Against the fixture site on 127.0.0.1 (tests/support/site.rs) and small
//! servers started here; nothing else is contacted.

// Each test owns its runtime and holds the SERIAL guard for its whole run, awaits included.
#![allow(clippy::await_holding_lock)]

#[path = "support/render.rs"]
mod render;
// Not every part of the site's request record is looked at here.
#[allow(dead_code)]
#[path = "support/site.rs"]
mod site;

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use zwfw_audit::model::Item;
use zwfw_audit::source::crawl::{
    self, CrawlOptions, CrawlProgress, CrawlSummary, NoProgress, Profile,
};
use zwfw_audit::source::{self, Notice, NoticeLevel, Record};

static SERIAL: Mutex<()> = Mutex::new(());

fn serial() -> std::sync::MutexGuard<'static, ()> {
    SERIAL
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn load(name: &str, port: u16) -> Profile {
    site::fixture_profile(name, port)
}

async fn run(p: &Profile, dir: &Path, max_fetches: Option<u64>) -> CrawlSummary {
    let options = CrawlOptions {
        output_dir: dir.to_owned(),
        max_fetches,
        ..CrawlOptions::default()
    };
    crawl::crawl(Arc::new(p.compile().unwrap()), &options, &NoProgress)
        .await
        .unwrap()
}

/// Writes `site.toml` into `dir`: a profile named `name` for the site on `port`, polite but
/// quick, with the `[net]` keys `net` adds and one `[[list]]` of the given keys.
fn write_profile(dir: &Path, name: &str, port: u16, net: &str, list: &str) -> std::path::PathBuf {
    let profile = dir.join("site.toml");
    std::fs::write(
        &profile,
        format!(
            "name = \"{name}\"\nbase_url = \"http://127.0.0.1:{port}/\"\n\n[net]\nmin_interval_ms = 5\n{net}\n\n[[list]]\n{list}\n"
        ),
    )
    .unwrap();
    profile
}

/// `zwfw-audit crawl --profile PROFILE -o OUT`.
fn crawl_cli(profile: &Path, out: &Path) -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("zwfw-audit").unwrap();
    cmd.arg("crawl")
        .arg("--profile")
        .arg(profile)
        .arg("-o")
        .arg(out);
    cmd
}

/// What `check` and `audit` read from a folder.
fn read(dir: &Path) -> (Vec<Item>, usize, Vec<Notice>) {
    let (mut items, mut unreadable, mut notices) = (Vec::new(), 0, Vec::new());
    source::read_inputs(&[dir.to_owned()], &mut |r| match r {
        Record::Item(i) => items.push(*i),
        Record::Unreadable(_) => unreadable += 1,
        Record::Notice(n) => notices.push(n),
    });
    (items, unreadable, notices)
}

fn errors(notices: &[Notice]) -> Vec<String> {
    notices
        .iter()
        .filter(|n| n.level == NoticeLevel::Error)
        .map(|n| format!("{} — {}", n.provenance, n.message))
        .collect()
}

/// A re-crawl paused by its limit holds only the pages of its pass: reading it says so as an
/// error, so that the night's audit is marked incomplete instead of taking the rest as 已移除.
/// Once the pass is finished the folder reads clean again.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_paused_crawl_is_read_as_incomplete_until_it_finishes() {
    let _serial = serial();
    let (_site, port, _) = site::start();
    let dir = tempfile::tempdir().unwrap();
    let p = load("fixture-json", port);
    let full = run(&p, dir.path(), None).await;
    assert!(full.complete);
    let (items, _, notices) = read(dir.path());
    assert_eq!(items.len(), site::J.len());
    assert!(errors(&notices).is_empty(), "{notices:?}");

    // The next night's crawl is cut short by --max-pages.
    let paused = run(&p, dir.path(), Some(3)).await;
    assert!(!paused.complete);
    let (items, _, notices) = read(dir.path());
    assert!(items.len() < site::J.len(), "{} items", items.len());
    let errors = errors(&notices);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].contains("抓取没有完成") && errors[0].contains("已达到本次抓取上限 3 个网址"),
        "{errors:?}"
    );

    let done = run(&p, dir.path(), None).await;
    assert!(done.complete);
    let (items, _, notices) = read(dir.path());
    assert_eq!(items.len(), site::J.len());
    assert!(notices.is_empty(), "{notices:?}");
}

/// The first crawl into a folder, killed before it wrote any item file: its journal used to be
/// read as items (one bogus item per journal line, every element missing). Now the folder says
/// the crawl has not finished once, and gives no item.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_first_crawl_killed_before_the_end_gives_no_bogus_items() {
    let _serial = serial();
    let (site, port, _) = site::start();
    let dir = tempfile::tempdir().unwrap();
    let p = load("fixture-json", port);
    let compiled = Arc::new(p.compile().unwrap());
    let options = CrawlOptions {
        output_dir: dir.path().to_owned(),
        ..CrawlOptions::default()
    };
    let task = tokio::spawn(async move { crawl::crawl(compiled, &options, &NoProgress).await });
    while site.hits().len() < 5 {
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    task.abort();
    assert!(task.await.unwrap_err().is_cancelled());
    assert!(dir.path().join("journal.ndjson").is_file());
    assert!(!dir.path().join("items.ndjson").exists());

    let (items, unreadable, notices) = read(dir.path());
    assert!(
        items.is_empty(),
        "{} items read from the journal",
        items.len()
    );
    assert_eq!(unreadable, 0);
    let errors = errors(&notices);
    assert_eq!(errors.len(), 1, "{notices:?}");
    assert!(errors[0].contains("还没有完成过一次"), "{errors:?}");
}

/// Progress notices, kept.
#[derive(Default)]
struct Notices(Mutex<Vec<String>>);

impl CrawlProgress for Notices {
    fn notice(&self, message: &str) {
        self.0.lock().unwrap().push(message.to_owned());
    }
}

/// A link selector that matches nothing on the list: the crawl used to end "complete" with no
/// item, exit 0, and `check` of the folder checked nothing and exited 0 too. Now the first list
/// page's empty result is said during the crawl (naming the selector), the crawl exits 1, and
/// `check` stops with the reason.
#[test]
fn a_list_that_gives_no_link_is_said_and_check_stops() {
    let _serial = serial();
    let (_site, port, _) = site::start();
    let dir = tempfile::tempdir().unwrap();
    let mut p = load("fixture-a", port);
    p.lists[0].link_selector = Some("ul.sxlist a".into());
    let out = dir.path().join("crawl");
    let progress = Notices::default();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let summary = runtime
        .block_on(crawl::crawl(
            Arc::new(p.compile().unwrap()),
            &CrawlOptions {
                output_dir: out.clone(),
                ..CrawlOptions::default()
            },
            &progress,
        ))
        .unwrap();
    assert_eq!(summary.items, 0);
    let said = progress.0.lock().unwrap().clone();
    assert!(
        said.iter().any(|n| n.contains("第 1 个列表的第一页")
            && n.contains("没有找到指南链接")
            && n.contains("ul.sxlist a")),
        "{said:?}"
    );

    // The same through the binary: exit 1, and check stops with exit 2 saying why.
    let profile = write_profile(
        dir.path(),
        "空列表",
        port,
        "",
        "url = \"a/list_1.html\"\nnext_selector = \"a.next\"\nlink_selector = \"ul.sxlist a\"",
    );
    let out = dir.path().join("crawl-cli");
    crawl_cli(&profile, &out).assert().code(1);
    let check = assert_cmd::Command::cargo_bin("zwfw-audit")
        .unwrap()
        .arg("check")
        .arg(&out)
        .arg("-o")
        .arg(dir.path().join("report"))
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&check.get_output().stderr).into_owned();
    assert!(
        stderr.contains("抓取没有找到任何事项页面") && stderr.contains("link_selector"),
        "{stderr}"
    );
}

/// The start page of a list answers 404: the crawl is "complete" but the list's items were never
/// found; the folder says which list page failed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_list_page_that_fails_is_read_as_incomplete() {
    let _serial = serial();
    let (_site, port, _) = site::start();
    let dir = tempfile::tempdir().unwrap();
    let mut p = load("fixture-a", port);
    let mut second = p.lists[0].clone();
    second.url = "a/list1.html".into();
    p.lists.push(second);
    let s = run(&p, dir.path(), None).await;
    let url = format!("http://127.0.0.1:{port}/a/list1.html");
    assert_eq!(s.failed_lists.len(), 1, "{:?}", s.failed_lists);
    assert_eq!(s.failed_lists[0].url, url);
    let (items, _, notices) = read(dir.path());
    assert_eq!(items.len(), site::A.len() - 1, "list 1 still read");
    let errors = errors(&notices);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].contains("1 个列表页无法读取") && errors[0].contains(&url),
        "{errors:?}"
    );
    assert!(errors[0].contains("HTTP 404"), "{errors:?}");
}

/// Without `link_pattern`, the default link selector `a[href]` also picks the pager's links. The
/// next page was then fetched as a guide ("页面中没有找到任何事项要素") and never as a list, so
/// the crawl ended after page 1 with a third of the items and no word about it. Both paging
/// styles now read every page.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pager_links_are_not_taken_for_guides() {
    let _serial = serial();
    let (_site, port, _) = site::start();
    for name in ["fixture-a", "fixture-b"] {
        let dir = tempfile::tempdir().unwrap();
        let mut p = load(name, port);
        p.lists[0].link_pattern = None;
        p.lists[0].link_selector = None;
        let s = run(&p, dir.path(), None).await;
        let (items, _, _) = read(dir.path());
        let want = if name == "fixture-a" {
            site::A.len() - 1 // the private item
        } else {
            site::B.len() - 1 // the slow item
        };
        assert_eq!(items.len(), want, "{name}: {s:?}");
        let log = std::fs::read_to_string(dir.path().join("crawl-log.csv")).unwrap();
        assert!(
            !log.lines()
                .any(|l| l.contains("list") && l.contains(",办事指南,")),
            "{name}: a list page was fetched as a guide:\n{log}"
        );
    }
}

/// A small site of the failures a real platform has, on 127.0.0.1: a guide that redirects to
/// another host, a link straight to that host, a page slower than the timeout, a page larger
/// than the body limit, a 404, and two pages read once that then answer 503 and 404. Returns its port and the other host's hit counter.
fn start_rough_site() -> (u16, Arc<AtomicUsize>) {
    use axum::Router;
    use axum::http::{StatusCode, header};
    use axum::response::{IntoResponse, Response};
    use axum::routing::get;

    serve_with_other_host(|op| {
        let list = format!(
            "<ul class=\"items\"><li><a href=\"/g/moved.html\">1</a></li>\
             <li><a href=\"http://127.0.0.1:{op}/g/2.html\">2</a></li>\
             <li><a href=\"/g/slow.html\">3</a></li><li><a href=\"/g/huge.html\">4</a></li>\
             <li><a href=\"/g/gone.html\">5</a></li><li><a href=\"/g/ok.html\">6</a></li>\
             <li><a href=\"/g/flaky.html\">7</a></li><li><a href=\"/g/deleted.html\">8</a></li></ul>"
        );
        let guide = "<table><tr><th>事项名称</th><td>食品经营许可</td></tr>\
                     <tr><th>承诺办结时限</th><td>5个工作日</td></tr></table>";
        let html = |body: String| {
            ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], body).into_response()
        };
        // The guide on the first request, `status` on every later one.
        let once_then = |status: StatusCode| {
            let served = Arc::new(AtomicUsize::new(0));
            get(move || {
                let n = served.fetch_add(1, Ordering::SeqCst);
                async move {
                    if n == 0 {
                        html(guide.to_owned())
                    } else {
                        status.into_response()
                    }
                }
            })
        };
        Router::new()
            .route("/list.html", get(move || async move { html(list) }))
            .route(
                "/g/moved.html",
                get(move || async move {
                    Response::builder()
                        .status(StatusCode::FOUND)
                        .header(header::LOCATION, format!("http://127.0.0.1:{op}/g/1.html"))
                        .body(axum::body::Body::empty())
                        .unwrap()
                }),
            )
            .route(
                "/g/slow.html",
                get(move || async move {
                    tokio::time::sleep(Duration::from_millis(1500)).await;
                    html(guide.to_owned())
                }),
            )
            .route(
                "/g/huge.html",
                get(move || async move { html(format!("{guide}{}", "办".repeat(50_000))) }),
            )
            .route(
                "/g/ok.html",
                get(move || async move { html(guide.to_owned()) }),
            )
            // Read on the first crawl; then the site errs on it, or the item is deleted.
            .route("/g/flaky.html", once_then(StatusCode::SERVICE_UNAVAILABLE))
            .route("/g/deleted.html", once_then(StatusCode::NOT_FOUND))
    })
}

/// Starts, on a thread of its own, a site on 127.0.0.1 built by `app` from the port of a second
/// host that is not on the profile's allow-list (it counts and answers any request, which must
/// never come). Returns the site's port and the other host's request count.
fn serve_with_other_host(
    app: impl FnOnce(u16) -> axum::Router + Send + 'static,
) -> (u16, Arc<AtomicUsize>) {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Runtime::new().unwrap();
        rt.block_on(async move {
            let hits = Arc::new(AtomicUsize::new(0));
            let counter = hits.clone();
            let other = axum::Router::new().fallback(move || {
                counter.fetch_add(1, Ordering::SeqCst);
                async { "不应被访问" }
            });
            let other_listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            let op = other_listener.local_addr().unwrap().port();
            tokio::spawn(async move { axum::serve(other_listener, other).await.unwrap() });
            let app = app(op);
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            let port = listener.local_addr().unwrap().port();
            tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
            tx.send((port, hits)).unwrap();
            std::future::pending::<()>().await;
        });
    });
    rx.recv().unwrap()
}

/// The profile of the rough site: its one list, polite but quick, a short timeout and a body
/// limit its huge page passes.
fn rough_profile(port: u16) -> Profile {
    let mut p: Profile = toml::from_str(&format!(
        "name = \"rough\"\nbase_url = \"http://127.0.0.1:{port}/\"\n[[list]]\nurl = \"list.html\"\nlink_selector = \"ul.items a\"\n"
    ))
    .unwrap();
    p.net.min_interval_ms = 5;
    p.net.timeout_secs = 0.3;
    p.net.retries = 1;
    p.net.backoff_ms = 10;
    p.net.max_body_bytes = 20_000;
    p
}

/// Each failure is logged in words a clerk can act on: which key of the profile to change, where
/// a redirect led, how many requests a timeout took (the log said 0), and the other host is never
/// contacted.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn failures_are_logged_with_what_to_change() {
    let _serial = serial();
    let (port, other_hits) = start_rough_site();
    let dir = tempfile::tempdir().unwrap();
    let p = rough_profile(port);
    let s = run(&p, dir.path(), None).await;
    assert_eq!(s.items, 3, "ok, flaky and deleted: {s:?}");
    assert_eq!(
        other_hits.load(Ordering::SeqCst),
        0,
        "the other host was contacted"
    );

    let text = std::fs::read_to_string(dir.path().join("crawl-log.csv")).unwrap();
    let rows: Vec<csv::StringRecord> =
        csv::Reader::from_reader(text.strip_prefix('\u{feff}').unwrap().as_bytes())
            .records()
            .map(Result::unwrap)
            .collect();
    let row = |path: &str| {
        rows.iter()
            .find(|r| r[2].ends_with(path))
            .unwrap_or_else(|| panic!("{path} not logged:\n{text}"))
            .clone()
    };
    let moved = row("/g/moved.html");
    assert_eq!(
        &moved[4], "跳过",
        "a redirect off the allow-list is skipped"
    );
    assert!(
        moved[10].contains("重定向到其他主机") && moved[10].contains("hosts"),
        "{moved:?}"
    );
    assert!(moved[9].ends_with("/g/1.html"), "where it led: {moved:?}");
    assert_eq!(&moved[6], "1", "one request: {moved:?}");
    let direct = row("/g/2.html");
    assert_eq!(&direct[4], "跳过");
    assert!(
        direct[10].contains("不在站点配置的 base_url 和 hosts 中")
            && !direct[10].contains("http://"),
        "{direct:?}"
    );
    let slow = row("/g/slow.html");
    assert!(
        slow[10].contains("请求超时") && slow[10].contains("timeout_secs"),
        "{slow:?}"
    );
    assert_eq!(&slow[6], "2", "two requests (one retry): {slow:?}");
    let huge = row("/g/huge.html");
    assert!(huge[10].contains("max_body_bytes"), "{huge:?}");
    let gone = row("/g/gone.html");
    assert_eq!(&gone[10], "页面不存在（HTTP 404）");
}

/// A platform where most pages fail (here: every guide is over the size limit) gives the first 20
/// failures on the terminal and one line pointing to crawl-log.csv, not a line per page in the
/// nightly log every night; the log still has every page.
#[test]
fn many_failures_are_not_said_one_by_one() {
    let _serial = serial();
    let (_site, port, _) = site::start();
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("profiles/fixture-a.toml"),
    )
    .unwrap()
    .replace(
        "http://127.0.0.1:8080/",
        &format!("http://127.0.0.1:{port}/"),
    );
    let profile = dir.path().join("site.toml");
    std::fs::write(
        &profile,
        format!("{text}\n[net]\nmin_interval_ms = 5\nmax_body_bytes = 2000\n"),
    )
    .unwrap();
    let out = dir.path().join("crawl");
    let assert = crawl_cli(&profile, &out).assert().code(1);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    let said = stderr
        .lines()
        .filter(|l| l.starts_with("  失败 ") || l.starts_with("  跳过 "))
        .count();
    assert_eq!(said, 20, "{stderr}");
    assert!(stderr.contains("见输出目录中的 crawl-log.csv"), "{stderr}");
    let log = std::fs::read_to_string(out.join("crawl-log.csv")).unwrap();
    let failed = log
        .lines()
        .filter(|l| l.contains(",失败,") || l.contains(",跳过,"))
        .count();
    assert!(failed > 20, "{failed} failed or skipped in the log");
}

/// The platform is down for the night (nothing listens on its port): the crawl used to say
/// 抓取完成 with the HTTP client's English (`tcp connect error: Connection refused (os error
/// 111)`). It now says the site refused the connection and that a list page could not be read.
#[test]
fn a_site_that_is_down_is_said_in_words() {
    let _serial = serial();
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let dir = tempfile::tempdir().unwrap();
    let profile = write_profile(
        dir.path(),
        "停机",
        port,
        "retries = 0",
        "url = \"a/list_1.html\"",
    );
    let assert = crawl_cli(&profile, &dir.path().join("crawl"))
        .assert()
        .code(1);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(stderr.contains("网站拒绝连接"), "{stderr}");
    assert!(stderr.contains("抓取结束，但有列表页无法读取"), "{stderr}");
    assert!(!stderr.contains("抓取完成"), "{stderr}");
}

/// A JSON list whose detail_url names a key the entries do not have (`{rowGuid}` for
/// `rowguid`): every entry was dropped without a word and the list page said 条目 5 个. The
/// log and the crawl now name the placeholder.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_detail_url_with_an_unknown_key_is_named() {
    let _serial = serial();
    let (_site, port, _) = site::start();
    let dir = tempfile::tempdir().unwrap();
    let mut p = load("fixture-json", port);
    p.lists[0].detail_url = Some("api/item/{rowGuid}".into());
    let progress = Notices::default();
    let s = crawl::crawl(
        Arc::new(p.compile().unwrap()),
        &CrawlOptions {
            output_dir: dir.path().to_owned(),
            ..CrawlOptions::default()
        },
        &progress,
    )
    .await
    .unwrap();
    assert_eq!(s.items, 0);
    let said = progress.0.lock().unwrap().clone();
    assert!(
        said.iter()
            .any(|n| n.contains("无法生成详情网址") && n.contains("{rowGuid}")),
        "{said:?}"
    );
}

/// The nightly re-crawl: a guide page read last night answers 503 tonight (the site erring), and
/// another 404 (the item deleted). The first keeps last night's item, said as a warning and in
/// the log, so its findings stay 未整改 with their age instead of turning 已移除 tonight and 新增
/// (0 days) tomorrow; the deleted one is unreadable as before.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_page_the_site_errs_on_tonight_keeps_the_item_read_before() {
    let _serial = serial();
    let (port, _) = start_rough_site();
    let dir = tempfile::tempdir().unwrap();
    let p = rough_profile(port);
    let first = run(&p, dir.path(), None).await;
    assert!(first.complete && first.carried.is_empty(), "{first:?}");
    let (before, _, _) = read(dir.path());
    let flaky = format!("http://127.0.0.1:{port}/g/flaky.html");
    let deleted = format!("http://127.0.0.1:{port}/g/deleted.html");
    let item = |items: &[Item], url: &str| items.iter().find(|i| i.guide_url == url).cloned();
    let flaky_item = item(&before, &flaky).expect("read on the first night");
    assert!(item(&before, &deleted).is_some());

    // A second later, so that the times of the nights differ as they are shown.
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let second = run(&p, dir.path(), None).await;
    assert_eq!(second.carried.len(), 1, "{:?}", second.carried);
    assert_eq!(second.carried[0].url, flaky);
    let (after, _, notices) = read(dir.path());
    assert_eq!(
        item(&after, &flaky),
        Some(flaky_item),
        "last night's item kept"
    );
    assert_eq!(item(&after, &deleted), None, "a deleted page is not kept");
    let mut unreadable = Vec::new();
    source::read_inputs(&[dir.path().to_owned()], &mut |r| {
        if let Record::Unreadable(u) = r {
            unreadable.push(u.provenance.source.to_string());
        }
    });
    assert!(unreadable.contains(&deleted), "{unreadable:?}");
    assert!(!unreadable.contains(&flaky), "{unreadable:?}");
    let warning = notices
        .iter()
        .find(|n| n.level == NoticeLevel::Warning)
        .expect("a warning names the kept page");
    assert!(
        warning.message.contains("沿用之前读到的内容") && warning.message.contains(&flaky),
        "{warning:?}"
    );
    assert!(
        errors(&notices).is_empty(),
        "not incomplete input: {notices:?}"
    );
    let log = std::fs::read_to_string(dir.path().join("crawl-log.csv")).unwrap();
    let row = log.lines().find(|l| l.contains("/g/flaky.html")).unwrap();
    assert!(row.contains(",失败,503,") && row.contains("沿用"), "{row}");

    // The third night the page is still down: the item is kept, dated from the first read.
    let third = run(&p, dir.path(), None).await;
    assert_eq!(third.carried.len(), 1);
    let (again, _, _) = read(dir.path());
    assert!(item(&again, &flaky).is_some());
    assert_eq!(
        third.carried[0].reason.split("沿用").nth(1),
        second.carried[0].reason.split("沿用").nth(1),
        "the date of the read kept, not of last night's failure"
    );
}

/// A list linking one guide on the platform and one on another host (the province's site, as
/// most city platforms do): the crawl reads the one, lists the other as skipped, never contacts
/// it, and exits 0 — links it may not follow are no failure to raise in cron mail every night.
/// The skipped link's item is still 无法读取 in the check, with its reason.
#[test]
fn links_to_other_hosts_are_listed_but_fail_nothing() {
    use axum::Router;
    use axum::http::header;
    use axum::response::IntoResponse;
    use axum::routing::get;

    let _serial = serial();
    let (port, province_hits) = serve_with_other_host(|op| {
        let html = |body: String| {
            ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], body).into_response()
        };
        let list = format!(
            "<ul class=\"items\"><li><a href=\"/g/ok.html\">食品经营许可</a></li>\
             <li><a href=\"http://127.0.0.1:{op}/g/2.html\">省级事项</a></li></ul>"
        );
        let guide = "<table><tr><th>事项名称</th><td>食品经营许可</td></tr>\
                     <tr><th>承诺办结时限</th><td>5个工作日</td></tr></table>";
        Router::new()
            .route("/list.html", get(move || async move { html(list) }))
            .route(
                "/g/ok.html",
                get(move || async move { html(guide.to_owned()) }),
            )
    });
    let dir = tempfile::tempdir().unwrap();
    let profile = write_profile(
        dir.path(),
        "市平台",
        port,
        "",
        "url = \"list.html\"\nlink_selector = \"ul.items a\"",
    );
    let out = dir.path().join("crawl");
    let crawl = crawl_cli(&profile, &out)
        .arg("--ignore-robots")
        .assert()
        .code(0);
    let stderr = String::from_utf8_lossy(&crawl.get_output().stderr).into_owned();
    assert!(
        stderr.contains("抓取完成") && stderr.contains("跳过 1"),
        "{stderr}"
    );
    // A fresh pass resumed nothing, and does not say "0 done before resuming".
    assert!(!stderr.contains("续抓前已完成"), "{stderr}");
    assert_eq!(province_hits.load(Ordering::SeqCst), 0);
    let (items, unreadable, notices) = read(&out);
    assert_eq!((items.len(), unreadable), (1, 1), "{notices:?}");
    assert!(errors(&notices).is_empty(), "{notices:?}");
}

/// Ctrl+C in the middle of a crawl: it says that it stopped and how to go on, exits 130, and the
/// same command run again resumes the pass instead of starting over.
#[test]
fn ctrl_c_stops_the_crawl_with_a_word_and_it_resumes() {
    let _serial = serial();
    let (port, _) = start_rough_site();
    let dir = tempfile::tempdir().unwrap();
    // One request at a time, so that the slow guide page (1.5 s) holds the crawl up.
    let profile = write_profile(
        dir.path(),
        "rough",
        port,
        "per_host_concurrency = 1\nmax_body_bytes = 20000",
        "url = \"list.html\"\nlink_selector = \"ul.items a\"",
    );
    let out = dir.path().join("crawl");
    let child = std::process::Command::new(assert_cmd::cargo::cargo_bin("zwfw-audit"))
        .arg("crawl")
        .arg("--profile")
        .arg(&profile)
        .arg("-o")
        .arg(&out)
        .stderr(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Interrupted once the crawl has read some pages (each is in its journal as it is read).
    let journal = out.join("journal.ndjson");
    let started = std::time::Instant::now();
    while std::fs::read_to_string(&journal).map_or(0, |t| t.lines().count()) < 3 {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "the crawl never got going"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let kill = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    let done = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&done.stderr);
    assert_eq!(done.status.code(), Some(130), "{stderr}");
    assert!(
        stderr.contains("抓取已中断（Ctrl+C）") && stderr.contains("会从中断处继续"),
        "{stderr}"
    );
    let again = crawl_cli(&profile, &out).assert();
    let stderr = String::from_utf8_lossy(&again.get_output().stderr).into_owned();
    assert!(stderr.contains("继续上次未完成的抓取"), "{stderr}");
}
