//! What a crawl's folder gives the commands after it, against a small site the test serves on
//! 127.0.0.1 (nothing else is contacted): the item's link elements (在线办理地址, 结果样本) read as
//! their links, which `links` then opens; a resumed crawl that still counts the pages that failed
//! in its earlier goes; `check` of an unfinished crawl that says so as an error and does not call
//! the few items it read the whole census (h36).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::http::{StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};

/// Guides 1–4 exist; the list links two missing pages before them.
const GUIDES: usize = 4;

/// The apply page's address on the site, as a guide links it (site-relative).
fn apply_path(n: usize) -> String {
    format!("/bsdt/apply.html?id={n}")
}

/// A guide page as h27's site wrote them: the online address and the result sample are links
/// under words, the sample relative to the page.
fn guide(n: usize) -> String {
    format!(
        "<html><head><meta charset=\"utf-8\"><title>食品经营许可{n}</title></head><body><table>\
         <tr><th>事项名称</th><td>食品经营许可{n}</td></tr>\
         <tr><th>实施主体</th><td>池州市市场监督管理局</td></tr>\
         <tr><th>结果名称</th><td>食品经营许可证</td></tr>\
         <tr><th>结果样本</th><td><a href=\"../files/jgyb.pdf\">食品经营许可证（样本）</a></td></tr>\
         <tr><th>在线办理地址</th><td><a href=\"{}\" target=\"_blank\">在线办理</a></td></tr>\
         </table></body></html>",
        apply_path(n)
    )
}

/// Starts the site on a thread of its own; its port and the paths requested.
fn start() -> (u16, Arc<Mutex<Vec<String>>>) {
    let hits: Arc<Mutex<Vec<String>>> = Arc::default();
    let seen = hits.clone();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Runtime::new().unwrap();
        rt.block_on(async move {
            let app = Router::new().fallback(move |uri: Uri| {
                let path = uri
                    .path_and_query()
                    .map_or_else(|| uri.path().to_owned(), ToString::to_string);
                seen.lock().unwrap().push(path.clone());
                async move { answer(&path) }
            });
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            tx.send(listener.local_addr().unwrap().port()).unwrap();
            axum::serve(listener, app).await.unwrap();
        });
    });
    (rx.recv().unwrap(), hits)
}

fn answer(path: &str) -> Response {
    let html =
        |body: String| ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], body).into_response();
    if path == "/robots.txt" {
        return "User-agent: *\nAllow: /\n".into_response();
    }
    if path == "/list.html" {
        let mut links = String::from(
            "<li><a href=\"/g/missing-1.html\">a</a></li><li><a href=\"/g/missing-2.html\">b</a></li>",
        );
        for n in 1..=GUIDES {
            let _ = write!(links, "<li><a href=\"/g/{n}.html\">事项{n}</a></li>");
        }
        return html(format!("<ul class=\"items\">{links}</ul>"));
    }
    if path == "/files/jgyb.pdf" {
        return ([(header::CONTENT_TYPE, "application/pdf")], "%PDF-1.4\n").into_response();
    }
    if path.starts_with("/bsdt/apply.html") {
        return html("<html><body>在线申报</body></html>".to_owned());
    }
    if let Some(n) = path
        .strip_prefix("/g/")
        .and_then(|p| p.strip_suffix(".html"))
        .and_then(|n| n.parse::<usize>().ok())
        .filter(|n| (1..=GUIDES).contains(n))
    {
        return html(guide(n));
    }
    (
        StatusCode::NOT_FOUND,
        html("<h1>404 页面不存在</h1>".into()),
    )
        .into_response()
}

/// Writes the site's profile into `dir`.
fn profile(dir: &Path, port: u16) -> PathBuf {
    let path = dir.join("site.toml");
    std::fs::write(
        &path,
        format!(
            "name = \"本地\"\nbase_url = \"http://127.0.0.1:{port}/\"\n[net]\nmin_interval_ms = 5\nretries = 0\n\
             [[list]]\nurl = \"list.html\"\nlink_selector = \"ul.items a\"\n"
        ),
    )
    .unwrap();
    path
}

/// Runs the binary in `dir`; exit code and everything it said.
fn run(dir: &Path, args: &[&str]) -> (i32, String) {
    let out = assert_cmd::Command::cargo_bin("zwfw-audit")
        .unwrap()
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap();
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code().unwrap(), said)
}

/// Crawls the site of `site.toml` in `dir` into `out`, at most `max_pages` pages in this go.
fn crawl(dir: &Path, out: &str, max_pages: Option<u32>) -> (i32, String) {
    let max = max_pages.map(|n| n.to_string());
    let mut args = vec!["crawl", "--profile", "site.toml", "-o", out];
    if let Some(max) = &max {
        args.extend(["--max-pages", max]);
    }
    run(dir, &args)
}

/// h27's pages gave `"online_url":"在线办理"` and `"result_sample":"食品经营许可证（样本）"`: every
/// item had a false G03 「在线办理地址」不是网址, and `links` opened neither. The links are kept,
/// absolute, and `links` opens them.
#[test]
fn the_online_address_and_the_result_sample_are_read_as_links_and_opened() {
    let (port, hits) = start();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    profile(d, port);
    let (code, said) = crawl(d, "crawl", None);
    assert_eq!(code, 1, "two missing pages: {said}");
    let text = std::fs::read_to_string(d.join("crawl/items.ndjson")).unwrap();
    let items: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(items.len(), GUIDES, "{text}");
    for item in &items {
        let n: usize = item["name"].as_str().unwrap()["食品经营许可".len()..]
            .parse()
            .unwrap();
        assert_eq!(
            item["online_url"],
            format!("http://127.0.0.1:{port}{}", apply_path(n)),
            "{item}"
        );
        assert_eq!(
            item["result_sample"],
            format!("http://127.0.0.1:{port}/files/jgyb.pdf"),
            "{item}"
        );
    }

    let (_, said) = run(d, &["check", "crawl", "--fail-on", "none", "-o", "report"]);
    let report = std::fs::read_to_string(d.join("report/report.json")).unwrap();
    assert!(
        !report.contains("不是网址") && !said.contains("不是网址"),
        "{said}"
    );

    std::fs::write(
        d.join("zwfw-audit.toml"),
        format!(
            "[links]\nallowed_hosts = [\"127.0.0.1\"]\ncache_dir = {:?}\nmin_interval_ms = 0\nretries = 0\n",
            d.join("cache").display().to_string()
        ),
    )
    .unwrap();
    hits.lock().unwrap().clear();
    let (_, said) = run(
        d,
        &[
            "links",
            "--config",
            "zwfw-audit.toml",
            "-o",
            "links/links.json",
            "crawl",
        ],
    );
    let hits = hits.lock().unwrap().clone();
    assert!(
        hits.iter().any(|h| h == "/files/jgyb.pdf"),
        "{hits:?}\n{said}"
    );
    for n in 1..=GUIDES {
        assert!(hits.contains(&apply_path(n)), "{hits:?}\n{said}");
    }
}

/// A crawl cut short after its two failed pages, then resumed to its end, said 失败 0 and exited
/// 0 while its status held them unreadable. The resumed run counts and says them, and exits 1.
#[test]
fn a_resumed_crawl_still_counts_the_pages_that_failed_before() {
    let (port, _) = start();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    profile(d, port);
    // The list, the two missing pages and guide 1.
    let (code, said) = crawl(d, "crawl", Some(4));
    assert_eq!(code, 1, "{said}");
    assert!(
        said.contains("抓取暂停") && said.contains("失败 2"),
        "{said}"
    );

    let (code, said) = crawl(d, "crawl", None);
    assert!(
        said.contains(
            "抓取完成: 抓取 3 个网址（未修改 0，失败 0，跳过 0，续抓前已完成 4，其中失败 2）"
        ),
        "{said}"
    );
    assert!(
        said.contains("续抓前失败的 2 个网址本轮不再重抓，仍算失败"),
        "{said}"
    );
    assert!(said.contains("其中失败 2 个，本轮不再重抓"), "{said}");
    assert_eq!(code, 1, "pages failed in the pass: {said}");
    let status: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(d.join("crawl/crawl-status.json")).unwrap())
            .unwrap();
    assert_eq!(status["complete"], true);
    assert_eq!(status["unreadable"], 2);

    // A resumed crawl with no page failed before says nothing of it, and exits 0.
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let p = profile(d, port);
    let mut text = std::fs::read_to_string(&p).unwrap();
    text.push_str("link_pattern = \"/g/[0-9]+\\\\.html$\"\n");
    std::fs::write(&p, text).unwrap();
    let (code, said) = crawl(d, "crawl", Some(2));
    assert_eq!(code, 1, "{said}");
    let (code, said) = crawl(d, "crawl", None);
    assert!(
        said.contains("续抓前已完成 2）") && !said.contains("其中失败"),
        "{said}"
    );
    assert_eq!(code, 0, "{said}");
}

/// `check` of a crawl stopped after a few pages said 注意 for what report.json records as an
/// error, and its score table said every item of the units was checked. It says 错误, and that
/// the input is not all read.
#[test]
fn check_of_an_unfinished_crawl_says_so_as_an_error_and_claims_no_census() {
    let (port, _) = start();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    profile(d, port);
    let (code, said) = crawl(d, "part", Some(5));
    assert_eq!(code, 1, "{said}");
    let (code, said) = run(d, &["check", "part", "--fail-on", "none", "-o", "report"]);
    assert_eq!(code, 0, "{said}");
    assert!(said.contains("错误: part — 抓取没有完成"), "{said}");
    assert!(!said.contains("注意: part — 抓取没有完成"), "{said}");
    assert!(
        said.contains("读到的事项都已检查，没有抽样误差；但输入不完整"),
        "{said}"
    );
    assert!(!said.contains("全部事项都已检查"), "{said}");
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(d.join("report/report.json")).unwrap())
            .unwrap();
    assert!(
        report["notices"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n["level"] == "error"
                && n["message"].as_str().unwrap().starts_with("抓取没有完成")),
        "{report}"
    );

    // The same site crawled to its end: the census is whole again.
    let (_, said) = crawl(d, "part", None);
    assert!(said.contains("抓取完成"), "{said}");
    let (_, said) = run(d, &["check", "part", "--fail-on", "none", "-o", "report2"]);
    assert!(!said.contains("抓取没有完成"), "{said}");
    assert!(said.contains("全部事项都已检查"), "{said}");
}
