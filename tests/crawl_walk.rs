//! A first crawl walked as its user would: a profile written from profiles/README.md against a
//! city platform's pages as they come (fixtures/walk/site: th/td and dl/dt/dd guides, tables
//! nested in label cells, GBK with and without a meta charset, a login wall and a 系统维护中
//! page answered with 200, a 404, a redirect to the province's host, a page slower than the
//! timeout, pagers that a profile may miss). Whatever the crawl does not read is said, with its
//! URL and what to write in the profile. Everything runs on 127.0.0.1; the "province" is a second
//! local server that must never be contacted.

// Each test owns its runtime and holds the SERIAL guard for its whole run, awaits included.
#![allow(clippy::await_holding_lock)]

#[path = "support/crawl_log.rs"]
mod crawl_log;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::http::{StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use zwfw_audit::model::Item;
use zwfw_audit::source::crawl::{self, CrawlOptions, CrawlProgress, CrawlSummary, Profile};
use zwfw_audit::source::{self, Notice, NoticeLevel, Record};

use crawl_log::{log, row};

static SERIAL: Mutex<()> = Mutex::new(());

fn serial() -> std::sync::MutexGuard<'static, ()> {
    SERIAL
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// The walk site: the fixture pages, and what the server saw.
struct Walk {
    port: u16,
    /// Paths requested, in order.
    hits: Mutex<Vec<String>>,
    /// Requests that reached the "province" host.
    province: Arc<AtomicUsize>,
    /// Every page answers the platform's 系统维护中 page (status 200).
    maintenance: AtomicBool,
}

impl Walk {
    fn count(&self, prefix: &str) -> usize {
        self.hits
            .lock()
            .unwrap()
            .iter()
            .filter(|p| p.starts_with(prefix))
            .count()
    }
}

fn site_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/walk/site")
}

fn html(body: impl Into<String>) -> Response {
    (
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        body.into(),
    )
        .into_response()
}

/// A JSP list that answers any page past its last with the last page again, as many do, and
/// pages by a script link.
fn jsp_list(query: &str) -> Response {
    let page: u32 = query
        .split('&')
        .find_map(|kv| kv.strip_prefix("page="))
        .and_then(|v| v.parse().ok())
        .unwrap_or(1)
        .min(2);
    let ids: &[u32] = if page == 1 {
        &[1001, 1002, 1003]
    } else {
        &[1004, 1008]
    };
    let mut items = String::new();
    for i in ids {
        let _ = write!(
            items,
            "<li><a href=\"/art/2026/art_{i}.html\">事项{i}</a></li>"
        );
    }
    html(format!(
        "<html><head><meta charset=\"utf-8\"><title>办事指南</title></head><body>\
         <ul class=\"sxlist\">{items}</ul>\
         <div class=\"page\"><a href=\"javascript:goPage({})\">下一页</a></div></body></html>",
        page + 1
    ))
}

/// A fixture file by its path: `x.gbk.html` is served at `x.html`, GBK-encoded, with no charset
/// in the header.
fn file(path: &str) -> Response {
    let rel = path.trim_start_matches('/');
    let plain = site_dir().join(rel);
    if plain.is_file() {
        return html(std::fs::read_to_string(plain).unwrap());
    }
    let gbk = site_dir().join(rel.replace(".html", ".gbk.html"));
    if gbk.is_file() {
        let text = std::fs::read_to_string(gbk).unwrap();
        let (bytes, _, _) = encoding_rs::GBK.encode(&text);
        return ([(header::CONTENT_TYPE, "text/html")], bytes.into_owned()).into_response();
    }
    (StatusCode::NOT_FOUND, html("<h1>404 页面不存在</h1>")).into_response()
}

/// Starts the walk site and the province's host on 127.0.0.1, each in a runtime of its own.
fn start() -> Arc<Walk> {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Runtime::new().unwrap();
        rt.block_on(async move {
            let province = Arc::new(AtomicUsize::new(0));
            let counter = province.clone();
            let other = Router::new().fallback(move || {
                counter.fetch_add(1, Ordering::SeqCst);
                async { "不应被访问" }
            });
            let other_listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            let op = other_listener.local_addr().unwrap().port();
            tokio::spawn(async move { axum::serve(other_listener, other).await.unwrap() });
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            let walk = Arc::new(Walk {
                port: listener.local_addr().unwrap().port(),
                hits: Mutex::default(),
                province,
                maintenance: AtomicBool::new(false),
            });
            let site = walk.clone();
            let app = Router::new().fallback(move |uri: Uri| {
                let site = site.clone();
                async move {
                    let path = uri.path().to_owned();
                    site.hits
                        .lock()
                        .unwrap()
                        .push(uri.path_and_query().unwrap().to_string());
                    if path != "/robots.txt" && site.maintenance.load(Ordering::SeqCst) {
                        return file("/art/2026/art_1006.html");
                    }
                    match path.as_str() {
                        "/art/2026/art_1090.html" => Response::builder()
                            .status(StatusCode::FOUND)
                            .header(
                                header::LOCATION,
                                format!("http://127.0.0.1:{op}/bsznDetail?id=1090"),
                            )
                            .body(axum::body::Body::empty())
                            .unwrap(),
                        "/art/2026/art_1091.html" => {
                            tokio::time::sleep(Duration::from_millis(1500)).await;
                            file(&path)
                        }
                        "/bszn/list.jsp" => jsp_list(uri.query().unwrap_or_default()),
                        _ => file(&path),
                    }
                }
            });
            tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
            tx.send(walk).unwrap();
            std::future::pending::<()>().await;
        });
    });
    rx.recv().unwrap()
}

/// A profile as profiles/README.md has the user write it, with `list` as its `[[list]]` keys;
/// polite but quick, with a timeout the slow page passes.
fn profile(dir: &Path, port: u16, list: &str) -> PathBuf {
    let path = dir.join("池州.toml");
    std::fs::write(
        &path,
        format!(
            "name = \"池州\"\nbase_url = \"http://127.0.0.1:{port}/\"\n\n\
             [net]\nmin_interval_ms = 5\ntimeout_secs = 0.3\nretries = 0\n\n[[list]]\n{list}\n"
        ),
    )
    .unwrap();
    path
}

/// The README's profile for the list at col/col1234.
const README_LIST: &str = "url = \"col/col1234/index.html\"\nnext_selector = \"a.next\"\n\
                           link_pattern = \"/art/\\\\d+/art_\\\\d+\\\\.html$\"";

/// Progress notices, kept.
#[derive(Default)]
struct Notices(Mutex<Vec<String>>);

impl CrawlProgress for Notices {
    fn notice(&self, message: &str) {
        self.0.lock().unwrap().push(message.to_owned());
    }
}

/// Crawls with the profile at `path` into `out` through the library; returns the summary and
/// the notices said.
fn crawl(path: &Path, out: &Path) -> (CrawlSummary, Vec<String>) {
    let p = Profile::load(path).unwrap();
    let progress = Notices::default();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let summary = runtime
        .block_on(crawl::crawl(
            Arc::new(p.compile().unwrap()),
            &CrawlOptions {
                output_dir: out.to_owned(),
                ..CrawlOptions::default()
            },
            &progress,
        ))
        .unwrap();
    let said = progress.0.lock().unwrap().clone();
    (summary, said)
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

/// What `check` and `audit` read from a crawl folder.
fn read(dir: &Path) -> (Vec<Item>, Vec<source::Unreadable>, Vec<Notice>) {
    let (mut items, mut unreadable, mut notices) = (Vec::new(), Vec::new(), Vec::new());
    source::read_inputs(&[dir.to_owned()], &mut |r| match r {
        Record::Item(i) => items.push(*i),
        Record::Unreadable(u) => unreadable.push(u),
        Record::Notice(n) => notices.push(n),
    });
    (items, unreadable, notices)
}

fn errors(notices: &[Notice]) -> Vec<String> {
    notices
        .iter()
        .filter(|n| n.level == NoticeLevel::Error)
        .map(|n| n.message.clone())
        .collect()
}

/// The list's "下一页" is a plain link, but the profile has no next_selector, or one with a typo:
/// the crawl read page 1, ended "complete" with exit 0, and the items of page 2 were never
/// looked for. Now the first page says the link it did not follow and the next_selector that
/// finds it; with that selector both pages are read.
#[test]
fn a_next_page_link_the_profile_misses_is_said_with_the_selector_to_write() {
    let _serial = serial();
    let site = start();
    let dir = tempfile::tempdir().unwrap();
    for (keys, why) in [
        (
            "url = \"col/col1234/index.html\"\nlink_pattern = \"/art/\"",
            "没有写 next_selector",
        ),
        (
            "url = \"col/col1234/index.html\"\nnext_selector = \"a.nxt\"\nlink_pattern = \"/art/\"",
            "next_selector「a.nxt」没有找到它",
        ),
    ] {
        let out = dir.path().join(why);
        let (summary, said) = crawl(&profile(dir.path(), site.port, keys), &out);
        assert!(summary.complete);
        let told = said
            .iter()
            .find(|n| n.contains("下一页"))
            .unwrap_or_else(|| panic!("{why}: not said: {said:?}"));
        assert!(
            told.contains("第 1 个列表的第一页")
                && told.contains(why)
                && told.contains("/col/col1234/index_2.html")
                && told.contains("next_selector = \"a.next\""),
            "{told}"
        );
        let first = row(&log(&out), "/col/col1234/index.html");
        assert!(first[10].contains("只读了这一页"), "{first:?}");
    }
    // Written as it was told, the profile reads both pages.
    let out = dir.path().join("fixed");
    let (summary, said) = crawl(&profile(dir.path(), site.port, README_LIST), &out);
    assert!(!said.iter().any(|n| n.contains("下一页")), "{said:?}");
    assert!(summary.complete);
    assert!(site.count("/col/col1234/index_2.html") >= 1);
    assert!(
        log(&out)
            .iter()
            .any(|r| r[2].ends_with("/art/2026/art_1008.html")),
        "page 2's guides were not crawled"
    );
}

/// The list pages by `javascript:goPage(2)`, which no crawl can follow: said, with the two ways a
/// profile reads such a list (the page number in the URL, or the JSON endpoint).
#[test]
fn a_script_pager_is_said_with_what_to_write_instead() {
    let _serial = serial();
    let site = start();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("crawl");
    let (_, said) = crawl(
        &profile(
            dir.path(),
            site.port,
            "url = \"bszn/list.jsp\"\nlink_pattern = \"/art/\"",
        ),
        &out,
    );
    assert!(
        said.iter().any(|n| n.contains("javascript:goPage(2)")
            && n.contains("只读了这一页")
            && n.contains("{page}")
            && n.contains("kind = \"json\"")),
        "{said:?}"
    );
}

/// A page-number list whose site answers page 3, 4, … 500 with its last page again: the crawl
/// asked for all 500 pages every night (at the polite 0.5 s, four minutes of needless requests
/// to the platform). Now it stops at the first page that repeats the one before, and says why.
/// A list cut by max_pages says so too, instead of ending "complete" without a word.
#[test]
fn a_pager_that_repeats_its_last_page_stops_there_and_max_pages_is_said() {
    let _serial = serial();
    let site = start();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("crawl");
    let (summary, _) = crawl(
        &profile(
            dir.path(),
            site.port,
            "url = \"bszn/list.jsp?page={page}\"\nlink_pattern = \"/art/\"",
        ),
        &out,
    );
    assert!(summary.complete);
    assert_eq!(site.count("/bszn/list.jsp"), 3, "{:?}", site.hits);
    let third = row(&log(&out), "list.jsp?page=3");
    assert!(
        third[10].contains("与上一页列出的相同") && !third[10].contains("有下一页"),
        "{third:?}"
    );
    let (items, _, _) = read(&out);
    assert_eq!(items.len(), 5);

    let out = dir.path().join("one-page");
    let (_, said) = crawl(
        &profile(
            dir.path(),
            site.port,
            "url = \"bszn/list.jsp?page={page}\"\nmax_pages = 1\nlink_pattern = \"/art/\"",
        ),
        &out,
    );
    assert!(
        said.iter()
            .any(|n| n.contains("max_pages 上限 1 页") && n.contains("后面的页没有读")),
        "{said:?}"
    );
}

/// The README's first crawl of the whole walk site, through the binary: every guide page is an
/// item or an unreadable record with its URL and reason; the layouts met in practice (th/td,
/// dl/dt/dd with full-width colons, tables nested in label cells, GBK with and without a meta
/// charset, label spans) give their elements; the province's host is never contacted.
#[test]
fn every_page_of_a_first_crawl_is_read_or_said() {
    let _serial = serial();
    let site = start();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("reports/crawl-池州");
    let run = crawl_cli(&profile(dir.path(), site.port, README_LIST), &out)
        .assert()
        .code(1);
    let stderr = String::from_utf8_lossy(&run.get_output().stderr).into_owned();
    assert!(stderr.contains("抓取完成"), "{stderr}");
    assert_eq!(site.province.load(Ordering::SeqCst), 0);

    let (items, unreadable, notices) = read(&out);
    assert!(errors(&notices).is_empty(), "{notices:?}");
    let item = |n: u32| {
        items
            .iter()
            .find(|i| i.guide_url.ends_with(&format!("art_{n}.html")))
            .unwrap_or_else(|| panic!("art_{n} not read"))
    };
    assert_eq!(item(1001).materials.len(), 2);
    assert_eq!(item(1001).steps.len(), 3);
    assert_eq!(item(1002).promised_limit, "3个工作日");
    assert_eq!(item(1002).supervise_phone, "0566－12345");
    assert_eq!(item(1003).materials.len(), 2);
    assert_eq!(item(1003).steps[0].handler, "窗口人员");
    assert_eq!(item(1004).name, "特种设备使用登记");
    assert_eq!(
        item(1092).conditions,
        "申请单位应具有法人资格，具备生产计量器具的能力。"
    );
    assert_eq!(item(1008).consult_phone, "0566-2021234");
    assert_eq!(items.len(), 6, "{items:#?}");
    // The log says what each guide gave, to hold against the page in the browser.
    let rows = log(&out);
    assert_eq!(
        &row(&rows, "/art/2026/art_1003.html")[10],
        "读到要素 7 项，申请材料 2 份，办理流程 1 步，常见问题 0 个"
    );
    assert_eq!(
        &row(&rows, "/art/2026/art_1092.html")[10],
        "读到要素 5 项，申请材料 0 份，办理流程 0 步，常见问题 0 个；编码 GBK"
    );

    // Each page not read is there with its URL and a reason.
    let reason = |n: u32| {
        unreadable
            .iter()
            .find(|u| u.provenance.source.ends_with(&format!("art_{n}.html")))
            .unwrap_or_else(|| panic!("art_{n} not accounted for: {unreadable:?}"))
            .reason
            .clone()
    };
    assert!(reason(1007).contains("页面不存在（HTTP 404）"));
    assert!(reason(1090).contains("重定向到其他主机"));
    assert!(reason(1091).contains("请求超时"));
    // The login wall and the maintenance page say what they are, not "no element found".
    assert!(
        reason(1005).contains("页面要求登录（页面标题「统一身份认证平台」）"),
        "{}",
        reason(1005)
    );
    assert!(
        reason(1006).contains("网站正在维护（页面标题「系统维护中」）"),
        "{}",
        reason(1006)
    );
    assert_eq!(unreadable.len(), 5, "{unreadable:?}");
}

/// The platform answers every page with its 系统维护中 page and status 200 for a night: the
/// guides were each "no element found", unreadable, so the night's audit took every finding as
/// 已移除 and the next night as 新增 at 0 days; the list page gave no link and the crawl ended
/// "complete". Now a guide read before keeps its item (as over a 503), and the list page is
/// failed, so the night reads as incomplete; both say the site was under maintenance.
#[test]
fn a_night_of_maintenance_keeps_what_was_read_and_reads_as_incomplete() {
    let _serial = serial();
    let site = start();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("crawl");
    let path = profile(dir.path(), site.port, README_LIST);
    let (first, _) = crawl(&path, &out);
    assert!(first.complete);
    let (before, _, _) = read(&out);
    assert_eq!(before.len(), 6);

    site.maintenance.store(true, Ordering::SeqCst);
    let (night, said) = crawl(&path, &out);
    let (items, _, notices) = read(&out);
    let mut urls: Vec<&str> = items.iter().map(|i| i.guide_url.as_str()).collect();
    let mut want: Vec<&str> = before.iter().map(|i| i.guide_url.as_str()).collect();
    urls.sort_unstable();
    want.sort_unstable();
    assert_eq!(urls, want, "items lost over a night of maintenance");
    assert_eq!(night.failed_lists.len(), 2, "{:?}", night.failed_lists);
    assert!(
        night.failed_lists[0].reason.contains("网站正在维护")
            && night.failed_lists[0].reason.contains("以前列出 7 个指南"),
        "{:?}",
        night.failed_lists
    );
    let incomplete = errors(&notices);
    assert!(
        incomplete.iter().any(|e| e.contains("列表页无法读取")),
        "the night must read as incomplete: {notices:?}"
    );
    let guide = row(&log(&out), "/art/2026/art_1001.html");
    assert!(
        guide[10].contains("网站正在维护") && guide[10].contains("沿用"),
        "{guide:?}"
    );
    assert!(
        !said.iter().any(|n| n.contains("没有找到指南链接")),
        "{said:?}"
    );

    // Back from maintenance, the next night reads clean again.
    site.maintenance.store(false, Ordering::SeqCst);
    let (next, _) = crawl(&path, &out);
    assert!(
        next.failed_lists.is_empty() && next.carried.is_empty(),
        "{next:?}"
    );
    let (_, _, notices) = read(&out);
    assert!(errors(&notices).is_empty(), "{notices:?}");
}

/// The next night's crawl is killed before its end (a shutdown, Ctrl+C, a cron timeout): it
/// wrote no status, so the folder still said the night before was complete, and the audit took
/// last night's items for tonight's without a word. Now the folder says a later pass started
/// and did not end, as an error (the night reads as incomplete), until that pass is done.
#[test]
fn a_nightly_crawl_killed_before_its_end_is_not_read_as_complete() {
    let _serial = serial();
    let site = start();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("crawl");
    let path = profile(dir.path(), site.port, README_LIST);
    let (first, _) = crawl(&path, &out);
    assert!(first.complete);
    let (_, _, notices) = read(&out);
    assert!(errors(&notices).is_empty(), "{notices:?}");

    // The second night, killed once it has asked for a few pages.
    let asked = site.hits.lock().unwrap().len();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let compiled = Arc::new(Profile::load(&path).unwrap().compile().unwrap());
    let options = CrawlOptions {
        output_dir: out.clone(),
        ..CrawlOptions::default()
    };
    runtime.block_on(async {
        let task =
            tokio::spawn(async move { crawl::crawl(compiled, &options, &crawl::NoProgress).await });
        while site.hits.lock().unwrap().len() < asked + 3 {
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
        task.abort();
        assert!(task.await.unwrap_err().is_cancelled());
    });
    let (items, _, notices) = read(&out);
    assert_eq!(items.len(), 6, "last night's items are still there");
    let said = errors(&notices);
    assert!(
        said.iter()
            .any(|e| e.contains("第2轮抓取") && e.contains("没有结束") && e.contains("第1轮")),
        "{notices:?}"
    );

    // The same command goes on and finishes the pass: the folder reads clean again.
    let (done, _) = crawl(&path, &out);
    assert!(done.complete);
    let (_, _, notices) = read(&out);
    assert!(errors(&notices).is_empty(), "{notices:?}");
}

/// A guide of the city's list that redirects to the province's platform (items handled at the
/// province are common): the crawl counted it as failed and exited 1 every night, though the
/// same link written straight to the province is only listed. Now the redirect is skipped like
/// it: listed with where it led, never followed, 无法读取 in the check, and the crawl exits 0.
#[test]
fn a_guide_that_redirects_to_the_province_is_listed_not_failed() {
    let _serial = serial();
    let site = start();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("crawl");
    let path = profile(
        dir.path(),
        site.port,
        "url = \"col/col5678/index.html\"\nlink_pattern = \"/art/\"",
    );
    let run = crawl_cli(&path, &out).assert().code(0);
    let stderr = String::from_utf8_lossy(&run.get_output().stderr).into_owned();
    assert!(
        stderr.contains("抓取完成") && stderr.contains("失败 0") && stderr.contains("跳过 1"),
        "{stderr}"
    );
    assert!(stderr.contains("重定向到其他主机"), "{stderr}");
    assert_eq!(site.province.load(Ordering::SeqCst), 0);
    let moved = row(&log(&out), "/art/2026/art_1090.html");
    assert_eq!(&moved[4], "跳过");
    assert!(moved[9].contains("/bsznDetail?id=1090"), "{moved:?}");
    let (items, unreadable, _) = read(&out);
    assert_eq!(items.len(), 1);
    assert_eq!(unreadable.len(), 1);
    assert!(unreadable[0].reason.contains("重定向到其他主机"));
}
