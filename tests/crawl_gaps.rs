//! What a crawl did not find is said: a list that gave no link is named during the crawl, and a
//! list's pager links are never taken for guides. Against the fixture site on 127.0.0.1
//! (tests/support/site.rs); nothing else is contacted.

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

use zwfw_audit::source::crawl::{
    self, CrawlOptions, CrawlProgress, CrawlSummary, NoProgress, Profile,
};

static SERIAL: Mutex<()> = Mutex::new(());

fn serial() -> std::sync::MutexGuard<'static, ()> {
    SERIAL
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn load(name: &str, port: u16) -> Profile {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("profiles")
        .join(format!("{name}.toml"));
    let mut p = Profile::load(&path).unwrap();
    p.base_url = format!("http://127.0.0.1:{port}/");
    p.net.min_interval_ms = 5;
    p.net.timeout_secs = 0.5;
    p.net.retries = 1;
    p.net.backoff_ms = 20;
    p
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

/// Progress notices, kept.
#[derive(Default)]
struct Notices(Mutex<Vec<String>>);

impl CrawlProgress for Notices {
    fn notice(&self, message: &str) {
        self.0.lock().unwrap().push(message.to_owned());
    }
}

/// A link selector that matches nothing on the list: the crawl used to end "complete" with no
/// item and no word why. Now the first list page's empty result is said during the crawl, naming
/// the selector.
#[test]
fn a_list_that_gives_no_link_is_said() {
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
        let want = if name == "fixture-a" {
            site::A.len() - 1 // the private item
        } else {
            site::B.len() - 1 // the slow item
        };
        assert_eq!(s.items, want, "{name}: {s:?}");
        let log = std::fs::read_to_string(dir.path().join("crawl-log.csv")).unwrap();
        assert!(
            !log.lines()
                .any(|l| l.contains("list") && l.contains(",办事指南,")),
            "{name}: a list page was fetched as a guide:\n{log}"
        );
    }
}
