//! The crawler against a fixture site served on 127.0.0.1 by the test itself (tests/support/site.rs):
//! two HTML layouts (one GBK) and a JSON endpoint rendered from `fixtures/site/items.json`, with
//! robots.txt, a redirect, a 404, a 500-then-200, a 429 with Retry-After, a slow page and a link to
//! a host outside the allow-list. Nothing but 127.0.0.1 is contacted.

// Each test owns its runtime and holds the SERIAL guard for its whole run, awaits included.
#![allow(clippy::await_holding_lock)]

#[path = "support/render.rs"]
mod render;
#[path = "support/site.rs"]
mod site;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use zwfw_audit::check::{RunInfo, check_records};
use zwfw_audit::config::Config;
use zwfw_audit::model::{Item, ItemField, Provenance};
use zwfw_audit::rules::CheckContext;
use zwfw_audit::source::crawl::{self, CrawlOptions, CrawlSummary, NoProgress, Profile};
use zwfw_audit::source::{self, Record};

/// Short for a fast test. The fetcher spaces request *starts*; the server's clock adds scheduling
/// noise (load average 11–13 on 2 cores while measuring), hence spans rather than single gaps.
const INTERVAL_MS: u64 = 60;

/// The tests here run one at a time: parallel crawls load the two cores and blur the timing the
/// interval test measures.
static SERIAL: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn serial() -> std::sync::MutexGuard<'static, ()> {
    SERIAL
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn profile(name: &str, port: u16) -> Arc<crawl::CompiledProfile> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("profiles")
        .join(format!("{name}.toml"));
    let mut p = Profile::load(&path).unwrap();
    p.base_url = format!("http://127.0.0.1:{port}/");
    p.net.min_interval_ms = INTERVAL_MS;
    p.net.per_host_concurrency = 2;
    p.net.timeout_secs = 0.5;
    p.net.retries = 1;
    p.net.backoff_ms = 50;
    p.net.max_retry_after_secs = 5;
    Arc::new(p.compile().unwrap())
}

async fn run(name: &str, port: u16, dir: &Path, max_fetches: Option<u64>) -> CrawlSummary {
    let options = CrawlOptions {
        output_dir: dir.to_owned(),
        max_fetches,
        ..CrawlOptions::default()
    };
    crawl::crawl(profile(name, port), &options, &NoProgress)
        .await
        .unwrap()
}

fn read_dir(dir: &Path) -> (Vec<Item>, Vec<source::Unreadable>) {
    let mut items = Vec::new();
    let mut unreadable = Vec::new();
    source::read_inputs(&[dir.to_owned()], &mut |r| match r {
        Record::Item(i) => items.push(*i),
        Record::Unreadable(u) => unreadable.push(u),
        Record::Notice(n) => panic!("unexpected notice: {n:?}"),
    });
    (items, unreadable)
}

/// The source item as the crawl should see it at `url`: links absolute, URL recorded.
fn expected(source: &Item, url: &str, base: &url::Url) -> Item {
    let mut e = source.clone();
    for m in &mut e.materials {
        for v in [&mut m.blank_form, &mut m.sample] {
            if !v.is_empty() {
                *v = base.join(v).unwrap().to_string();
            }
        }
    }
    url.clone_into(&mut e.guide_url);
    e.provenance = Provenance::file(url);
    e
}

fn assert_same(got: &Item, want: &Item) {
    for &f in ItemField::ALL {
        assert_eq!(
            got.get(f),
            want.get(f),
            "{}: element {} ({})",
            want.guide_url,
            f.key(),
            f.label()
        );
    }
    assert_eq!(
        got.materials, want.materials,
        "{}: materials",
        want.guide_url
    );
    assert_eq!(got.steps, want.steps, "{}: steps", want.guide_url);
    assert_eq!(got.fees, want.fees, "{}: fees", want.guide_url);
    assert_eq!(
        got.intermediaries, want.intermediaries,
        "{}: intermediaries",
        want.guide_url
    );
    assert_eq!(got.faqs, want.faqs, "{}: faqs", want.guide_url);
    assert_eq!(got, want);
}

/// Every reachable source item, keyed by the URL it must be found at.
fn expected_items(port: u16) -> BTreeMap<String, Item> {
    let base = url::Url::parse(&format!("http://127.0.0.1:{port}/")).unwrap();
    let items = site::items();
    let mut out = BTreeMap::new();
    for (i, item) in items.iter().enumerate() {
        if i == site::PRIVATE || i == site::SLOW {
            continue;
        }
        let url = base.join(&site::guide_path(i)).unwrap().to_string();
        out.insert(url.clone(), expected(item, &url, &base));
    }
    out
}

fn log_rows(dir: &Path) -> Vec<csv::StringRecord> {
    let text = std::fs::read_to_string(dir.join("crawl-log.csv")).unwrap();
    let text = text
        .strip_prefix('\u{feff}')
        .expect("crawl log starts with a BOM for Excel");
    csv::Reader::from_reader(text.as_bytes())
        .records()
        .map(Result::unwrap)
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn crawl_fixture_site_resumes_and_extracts_every_reachable_item() {
    let _serial = serial();
    let (site, port, other_hits) = site::start();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path();
    let started = std::time::Instant::now();

    // Request indices where each run starts (the interval holds within one run's fetcher).
    let mut run_starts = vec![0];
    // Layout A, cut short after 10 fetches, then resumed.
    let first = run("fixture-a", port, out, Some(10)).await;
    run_starts.push(site.hits().len());
    assert!(
        !first.complete,
        "a budget of 10 fetches cannot finish layout A"
    );
    assert_eq!(first.stats.fetched, 10);
    let second = run("fixture-a", port, out, None).await;
    assert!(second.complete, "{:?}", second.stopped);
    assert_eq!(second.stats.resumed, 10 + first.stats.skipped);
    run_starts.push(site.hits().len());
    // Layouts B and JSON into their own folders.
    let dir_b = tempfile::tempdir().unwrap();
    let b = run("fixture-b", port, dir_b.path(), None).await;
    assert!(b.complete);
    run_starts.push(site.hits().len());
    let dir_j = tempfile::tempdir().unwrap();
    let j = run("fixture-json", port, dir_j.path(), None).await;
    assert!(j.complete);
    let elapsed = started.elapsed();
    let fetched = first.stats.fetched + second.stats.fetched + b.stats.fetched + j.stats.fetched;
    eprintln!(
        "crawl speed: {fetched} URLs in {:.2} s = {:.1} URLs/s (interval {INTERVAL_MS} ms, with a 1 s Retry-After and a {} ms slow page)",
        elapsed.as_secs_f64(),
        fetched as f64 / elapsed.as_secs_f64(),
        site::SLOW_MS
    );

    // Every reachable item, element by element, as in the source JSON.
    let want = expected_items(port);
    let mut got: BTreeMap<String, Item> = BTreeMap::new();
    let mut unreadable = Vec::new();
    for d in [out, dir_b.path(), dir_j.path()] {
        let (items, u) = read_dir(d);
        for i in items {
            assert!(
                got.insert(i.guide_url.clone(), i).is_none(),
                "item extracted twice"
            );
        }
        unreadable.extend(u);
    }
    assert_eq!(
        got.keys().collect::<Vec<_>>(),
        want.keys().collect::<Vec<_>>()
    );
    for (url, w) in &want {
        assert_same(&got[url], w);
    }
    assert_eq!(want.len(), 56);

    // Failures are unreadable records with their URL, and in the log.
    let base = format!("http://127.0.0.1:{port}");
    let mut failed: Vec<String> = unreadable
        .iter()
        .map(|u| u.provenance.source.to_string())
        .collect();
    failed.sort();
    // The old link that redirects to the private page stands for that page: one unreadable
    // record for the item, not two.
    let mut expect_failed = vec![
        format!("{base}/a/guide/999.html"),
        format!("{base}/a/private/{}.html", site::PRIVATE),
        format!("{base}/b/detail.jsp?id={}", site::SLOW),
        format!("http://127.0.0.1:{}/a/guide/1.html", site.other_port),
    ];
    expect_failed.sort();
    assert_eq!(failed, expect_failed);
    let reason = |url: &str| {
        unreadable
            .iter()
            .find(|u| *u.provenance.source == *url)
            .unwrap()
            .reason
            .clone()
    };
    assert!(reason(&format!("{base}/a/guide/999.html")).contains("HTTP 404"));
    assert!(reason(&format!("{base}/a/private/{}.html", site::PRIVATE)).contains("robots.txt"));
    let log_a = log_rows(out);
    let old = log_a
        .iter()
        .find(|r| r[2] == format!("{base}/a/old/{}.html", site::PRIVATE))
        .expect("the old link is logged");
    assert!(
        old[10].contains("robots.txt 禁止抓取（重定向目标）"),
        "a redirect into a disallowed path is not followed: {old:?}"
    );
    assert_eq!(
        &old[9],
        format!("{base}/a/private/{}.html", site::PRIVATE),
        "the log says where it led"
    );
    assert!(reason(&format!("{base}/b/detail.jsp?id={}", site::SLOW)).contains("超时"));
    // Times as Excel and people read them (`2026-11-30 17:13:44 +08:00`), not `…T09:13:44.6384Z`.
    for row in &log_a {
        let t = &row[0];
        assert!(
            t.len() == 26 && t.as_bytes()[10] == b' ' && !t.contains('T'),
            "{t}"
        );
    }
    let status_of = |rows: &[csv::StringRecord], url: &str| -> Vec<String> {
        rows.iter()
            .filter(|r| &r[2] == url)
            .map(|r| format!("{} {}", &r[4], &r[5]))
            .collect()
    };
    assert_eq!(
        status_of(&log_a, &format!("{base}/a/guide/999.html")),
        ["失败 404"]
    );
    assert_eq!(
        status_of(&log_a, &format!("{base}/a/old/{}.html", site::REDIRECTED)),
        ["成功 200"]
    );
    assert_eq!(
        status_of(&log_a, &format!("{base}/a/guide/{}.html", site::FLAKY_500)),
        ["成功 200"]
    );
    let log_b = log_rows(dir_b.path());
    assert_eq!(
        status_of(
            &log_b,
            &format!("{base}/b/detail.jsp?id={}", site::THROTTLED_429)
        ),
        ["成功 200"]
    );
    assert_eq!(
        status_of(&log_b, &format!("{base}/b/detail.jsp?id={}", site::SLOW)),
        ["失败 "]
    );
    // Every guide link appears in the logs: nothing silently missing.
    for url in want.keys() {
        let logged = [&log_a, &log_b, &log_rows(dir_j.path())]
            .iter()
            .any(|rows| rows.iter().any(|r| &r[2] == url || &r[9] == url));
        assert!(logged, "{url} not in any crawl log");
    }

    // Robots respected, nothing outside the allow-list contacted.
    assert_eq!(site.count(&format!("/a/private/{}.html", site::PRIVATE)), 0);
    assert_eq!(*other_hits.lock().unwrap(), 0);
    assert!(
        site.hits()
            .iter()
            .all(|h| h.user_agent.starts_with("zwfw-audit/"))
    );

    // The resumed crawl refetched nothing: one request per URL, two where a retry was due.
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for h in site.hits() {
        *counts.entry(h.path).or_default() += 1;
    }
    for (path, n) in &counts {
        let want = if path == "/robots.txt" {
            4 // once per run
        } else if path == &format!("/a/guide/{}.html", site::FLAKY_500)
            || path == &format!("/b/detail.jsp?id={}", site::THROTTLED_429)
            || path == &format!("/b/detail.jsp?id={}", site::SLOW)
        {
            2
        } else {
            1
        };
        assert_eq!(*n, want, "requests for {path}");
    }

    // The per-host interval, measured on the server within each run. The server stamps a request
    // when its handler runs, and on a loaded machine one request can reach the handler tens of ms
    // late: the gap before it grows and the gap after it shrinks by as much. So the test asks what
    // such a delay cannot fake: every four consecutive gaps together span at least three
    // intervals (without an interval they span a few ms), and the typical gap is the interval. A
    // request that opened a new connection is late by the connection setup as well, so no span
    // starts at one.
    let hits = site.hits();
    run_starts.push(hits.len());
    let mut spans: Vec<(Duration, String)> = Vec::new();
    let mut gaps: Vec<Duration> = Vec::new();
    for w in run_starts.windows(2) {
        let mut run_hits: Vec<&site::Hit> = hits[w[0]..w[1]].iter().collect();
        run_hits.sort_by_key(|h| h.at);
        for t in run_hits.windows(2) {
            gaps.push(t[1].at - t[0].at);
        }
        for t in run_hits.windows(5) {
            if t[0].new_connection {
                continue;
            }
            let span = (t[4].at - t[0].at, format!("{} → {}", t[0].path, t[4].path));
            spans.push(span);
        }
    }
    gaps.sort();
    spans.sort();
    let median = gaps[gaps.len() / 2];
    let (min_span, pair) = spans[0].clone();
    eprintln!(
        "request gaps within a run: median {median:?}, smallest {:?}; smallest span of four gaps {min_span:?} ({pair}) of {}",
        gaps[0],
        spans.len()
    );
    assert!(
        min_span >= Duration::from_millis(3 * INTERVAL_MS),
        "five requests within {min_span:?} ({pair}), interval is {INTERVAL_MS} ms"
    );
    assert!(
        median >= Duration::from_millis(INTERVAL_MS - 2),
        "median gap {median:?}"
    );

    // A new pass over a finished crawl asks with ETag / Last-Modified and reuses what is unchanged.
    let again = run("fixture-b", port, dir_b.path(), None).await;
    assert!(again.complete);
    assert_eq!(
        again.stats.not_modified,
        (site::B.len() - 1) as u64,
        "every B page but the slow one answers 304"
    );
    let (items_again, _) = read_dir(dir_b.path());
    for i in &items_again {
        assert_same(i, &want[&i.guide_url]);
    }
    assert_eq!(items_again.len(), site::B.len() - 1);

    // Crawled items through check give the same findings as the same items read from JSON.
    let rules = Config::default().rule_set().unwrap();
    let ctx = CheckContext::default();
    let json_path = dir.path().join("expected.json");
    std::fs::write(
        &json_path,
        serde_json::to_string(&want.values().collect::<Vec<_>>()).unwrap(),
    )
    .unwrap();
    let findings = |inputs: Vec<std::path::PathBuf>| {
        let mut records = Vec::new();
        source::read_inputs(&inputs, &mut |r| records.push(r));
        let report = check_records(records, &rules, &ctx, RunInfo::default());
        let mut f: Vec<(String, String, String, String)> = report
            .findings
            .iter()
            .map(|f| {
                (
                    f.item_code.clone(),
                    f.rule.clone(),
                    f.severity.to_string(),
                    f.message.clone(),
                )
            })
            .collect();
        f.sort();
        (f, report.summary.checked, report.summary.unreadable)
    };
    let (from_crawl, checked, unreadable_n) = findings(vec![
        out.to_owned(),
        dir_b.path().to_owned(),
        dir_j.path().to_owned(),
    ]);
    let (from_json, checked_json, _) = findings(vec![json_path]);
    assert_eq!(checked, 56);
    assert_eq!(checked_json, 56);
    assert_eq!(unreadable_n, 4);
    assert!(
        !from_json.is_empty(),
        "the fixture has defects the rules must find"
    );
    assert_eq!(from_crawl, from_json);
}

#[test]
fn cli_crawls_with_ignore_robots_and_check_reads_the_folder() {
    let _serial = serial();
    let (site, port, other_hits) = site::start();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("crawl-a");
    let profile = Path::new(env!("CARGO_MANIFEST_DIR")).join("profiles/fixture-a.toml");
    let assert = assert_cmd::Command::cargo_bin("zwfw-audit")
        .unwrap()
        .args(["crawl", "--profile"])
        .arg(&profile)
        .args([
            "--base-url",
            &format!("http://127.0.0.1:{port}/"),
            "--interval-ms",
            "10",
            "--ignore-robots",
            "-o",
        ])
        .arg(&out)
        .assert()
        // Exit 1: the crawl finished but some pages could not be read (the 404 and the off-site link).
        .code(1);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(
        stderr.contains("ignore-robots"),
        "the opt-out is logged: {stderr}"
    );
    assert!(stderr.contains("抓取完成"), "{stderr}");
    // robots.txt was neither read nor obeyed; the private page was fetched.
    assert_eq!(site.count("/robots.txt"), 0);
    // Fetched twice: its own link and an old link redirecting to it (one item all the same).
    assert_eq!(site.count(&format!("/a/private/{}.html", site::PRIVATE)), 2);
    assert_eq!(*other_hits.lock().unwrap(), 0);
    let log = log_rows(&out);
    assert!(
        log.iter()
            .any(|r| &r[3] == "robots.txt" && &r[4] == "跳过" && r[10].contains("--ignore-robots"))
    );
    let (items, unreadable) = read_dir(&out);
    assert_eq!(items.len(), site::A.len());
    assert_eq!(unreadable.len(), 2);

    let report_dir = dir.path().join("report");
    assert_cmd::Command::cargo_bin("zwfw-audit")
        .unwrap()
        .arg("check")
        .arg(&out)
        .arg("-o")
        .arg(&report_dir)
        .assert()
        .code(1);
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(report_dir.join("report.json")).unwrap())
            .unwrap();
    assert_eq!(report["summary"]["checked"], site::A.len());
    assert_eq!(report["summary"]["unreadable"], 2);
    let sources: Vec<&str> = report["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|i| i["provenance"]["source"].as_str())
        .collect();
    assert!(sources.contains(&format!("http://127.0.0.1:{port}/a/guide/999.html").as_str()));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn crawl_speed_without_interval() {
    let _serial = serial();
    // Throughput of fetch + decode + extract against the local server with no politeness delay
    // (the shipped default is 500 ms per host); printed for the record, completeness asserted.
    let (_site, port, _) = site::start();
    let dir = tempfile::tempdir().unwrap();
    let mut p =
        Profile::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("profiles/fixture-json.toml"))
            .unwrap();
    p.base_url = format!("http://127.0.0.1:{port}/");
    p.net.min_interval_ms = 0;
    p.net.per_host_concurrency = 4;
    let options = CrawlOptions {
        output_dir: dir.path().to_owned(),
        ..CrawlOptions::default()
    };
    let started = std::time::Instant::now();
    let s = crawl::crawl(Arc::new(p.compile().unwrap()), &options, &NoProgress)
        .await
        .unwrap();
    let mut a =
        Profile::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("profiles/fixture-a.toml"))
            .unwrap();
    a.base_url = format!("http://127.0.0.1:{port}/");
    a.net.min_interval_ms = 0;
    a.net.per_host_concurrency = 4;
    a.net.backoff_ms = 10;
    let dir_a = tempfile::tempdir().unwrap();
    let options_a = CrawlOptions {
        output_dir: dir_a.path().to_owned(),
        ..CrawlOptions::default()
    };
    let sa = crawl::crawl(Arc::new(a.compile().unwrap()), &options_a, &NoProgress)
        .await
        .unwrap();
    let secs = started.elapsed().as_secs_f64();
    let n = s.stats.fetched + sa.stats.fetched;
    eprintln!(
        "crawl speed without interval: {n} URLs in {secs:.2} s = {:.0} URLs/s",
        n as f64 / secs
    );
    assert!(s.complete && sa.complete);
    assert_eq!(s.items, site::J.len());
    assert_eq!(sa.items, site::A.len() - 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn crawl_killed_mid_flight_resumes_and_refetches_at_most_what_was_in_flight() {
    let _serial = serial();
    let (site, port, _) = site::start();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().to_owned();
    let p = profile("fixture-b", port);
    let options = CrawlOptions {
        output_dir: out.clone(),
        ..CrawlOptions::default()
    };
    let task = tokio::spawn({
        let (p, options) = (p.clone(), options.clone());
        async move { crawl::crawl(p, &options, &NoProgress).await }
    });
    // Kill the crawl once the server has answered 12 requests.
    while site.hits().len() < 12 {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    task.abort();
    assert!(task.await.unwrap_err().is_cancelled());
    let before_restart = site.hits().len();
    let summary = crawl::crawl(p, &options, &NoProgress).await.unwrap();
    assert!(summary.complete);
    assert!(
        summary.stats.resumed >= 8,
        "resumed only {} URLs",
        summary.stats.resumed
    );
    assert_eq!(
        summary.items,
        site::B.len() - 1,
        "every B item but the slow one"
    );

    // Pages done before the kill were not fetched again; only those in flight (at most the
    // per-host concurrency of 2) and the expected retries were asked twice.
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for h in site.hits() {
        *counts.entry(h.path).or_default() += 1;
    }
    let retried = [
        format!("/b/detail.jsp?id={}", site::THROTTLED_429),
        format!("/b/detail.jsp?id={}", site::SLOW),
    ];
    let twice: Vec<&String> = counts
        .iter()
        .filter(|(p, n)| p.as_str() != "/robots.txt" && !retried.contains(p) && **n > 1)
        .map(|(p, _)| p)
        .collect();
    assert!(twice.len() <= 2, "refetched after restart: {twice:?}");
    assert!(counts.values().all(|&n| n <= 4), "{counts:?}");
    assert!(site.hits().len() > before_restart);
}

#[test]
fn check_takes_a_profile_and_crawls_first() {
    let _serial = serial();
    let (_site, port, _) = site::start();
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("profiles/fixture-json.toml"),
    )
    .unwrap()
    .replace(
        "http://127.0.0.1:8080/",
        &format!("http://127.0.0.1:{port}/"),
    )
    .replace("[[list]]", "[net]\nmin_interval_ms = 10\n\n[[list]]");
    let profile = dir.path().join("site.toml");
    std::fs::write(&profile, text).unwrap();
    let assert = assert_cmd::Command::cargo_bin("zwfw-audit")
        .unwrap()
        .current_dir(dir.path())
        .args(["check", "--profile", "site.toml", "-o", "-"])
        .assert()
        .code(1);
    let report: serde_json::Value = serde_json::from_slice(&assert.get_output().stdout).unwrap();
    assert_eq!(report["summary"]["checked"], site::J.len());
    assert!(
        dir.path()
            .join("reports/crawl-fixture-json/items.ndjson")
            .is_file()
    );
    // The JSON item with an empty 监督电话 is found through the crawl.
    let empty_supervise = site::items()[50].code.clone();
    assert!(
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["item_code"] == empty_supervise.as_str()),
        "no finding for {empty_supervise}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn time_budget_pauses_and_the_next_run_finishes() {
    let _serial = serial();
    let (site, port, _) = site::start();
    let dir = tempfile::tempdir().unwrap();
    let p = profile("fixture-json", port);
    let mut options = CrawlOptions {
        output_dir: dir.path().to_owned(),
        time_budget: Some(Duration::from_millis(300)),
        ..CrawlOptions::default()
    };
    let paused = crawl::crawl(p.clone(), &options, &NoProgress)
        .await
        .unwrap();
    assert!(!paused.complete);
    assert!(
        paused.stopped.as_deref().unwrap().contains("时间预算"),
        "{:?}",
        paused.stopped
    );
    assert!(paused.items < site::J.len());
    options.time_budget = None;
    let done = crawl::crawl(p, &options, &NoProgress).await.unwrap();
    assert!(done.complete);
    assert_eq!(done.items, site::J.len());
    let details = site
        .hits()
        .iter()
        .filter(|h| h.path.starts_with("/api/item/"))
        .count();
    assert!(
        details <= site::J.len() + 2,
        "{details} detail requests for {} items",
        site::J.len()
    );
}
