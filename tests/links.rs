//! Link and attachment checks against a local server started by the test (127.0.0.1 only): every
//! kind of good and bad link gets its verdict and rule, the zip bomb is refused within the limits,
//! a second run uses the cache (conditional requests only once stale), and a link on 200 items is
//! fetched once.

mod links_server;

use std::collections::BTreeMap;

use links_server::{Server, bomb_docx, docx};
use zwfw_audit::check::{RunInfo, check_records};
use zwfw_audit::links::{self, LinkVerdict, LinksConfig, content};
use zwfw_audit::model::{Finding, Intermediary, Item, Material, Outcome, Severity};
use zwfw_audit::report::Report;
use zwfw_audit::rules::{CheckContext, RuleSet};
use zwfw_audit::source::Record;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Form,
    Sample,
    Result,
    Query,
    Online,
}

#[derive(Debug, Clone, Copy)]
enum Expect {
    Nothing,
    Error(&'static str),
    Warning(&'static str),
}

struct Case {
    code: &'static str,
    kind: Kind,
    url: String,
    verdict: LinkVerdict,
    rule: &'static str,
    expect: Expect,
}

const MATERIAL: &str = "食品经营许可申请书";

fn item_for(case: &Case) -> Item {
    item_linking(case.code, case.kind, &case.url)
}

/// An item `code` whose field of `kind` links `url` (a blank form or a sample of its one material,
/// its result sample, its intermediary's query page, its online service).
fn item_linking(code: &str, kind: Kind, url: &str) -> Item {
    let mut item = Item {
        name: "食品经营许可".into(),
        code: code.into(),
        result_name: "食品经营许可证".into(),
        ..Item::default()
    };
    let mut material = Material {
        name: MATERIAL.into(),
        ..Material::default()
    };
    match kind {
        Kind::Form => material.blank_form = format!("{MATERIAL}.docx {url}"),
        Kind::Sample => url.clone_into(&mut material.sample),
        Kind::Result => url.clone_into(&mut item.result_sample),
        Kind::Query => item.intermediaries.push(Intermediary {
            name: "食品检验检测".into(),
            basis: "《中华人民共和国食品安全法》第八十四条".into(),
            query_url: url.to_owned(),
            ..Intermediary::default()
        }),
        Kind::Online => url.clone_into(&mut item.online_url),
    }
    item.materials.push(material);
    item
}

fn test_config(cache: &std::path::Path) -> LinksConfig {
    LinksConfig {
        allowed_hosts: vec!["127.0.0.1".into()],
        cache_dir: cache.to_owned(),
        per_host_concurrency: Some(8),
        min_interval_ms: Some(0),
        timeout_secs: Some(0.6),
        retries: Some(1),
        backoff_ms: Some(50),
        max_retry_after_secs: Some(2),
        ..LinksConfig::default()
    }
}

/// The report with link findings, the link run, and the findings the link step added (whatever
/// the pure rules registered at the time say about these sparse items).
fn audit(items: &[Item], config: &LinksConfig) -> (Report, links::LinkRun, Vec<Finding>) {
    let records: Vec<Record> = items
        .iter()
        .map(|i| Record::Item(Box::new(i.clone())))
        .collect();
    let uses = links::collect_records(&records);
    let rules = RuleSet::default();
    let mut report = check_records(
        records,
        &rules,
        &CheckContext::default(),
        RunInfo::default(),
    );
    let baseline = report.clone();
    let run =
        links::check_links_blocking(uses, config, jiff::Timestamp::now(), &|_, _| {}).unwrap();
    links::apply_to_report(&mut report, &run, &rules);
    let added = report
        .findings
        .iter()
        .filter(|f| !baseline.findings.contains(f))
        .cloned()
        .collect();
    BASELINE.with(|b| *b.borrow_mut() = Some(baseline));
    (report, run, added)
}

thread_local! {
    static BASELINE: std::cell::RefCell<Option<Report>> = const { std::cell::RefCell::new(None) };
}

fn baseline() -> Report {
    BASELINE.with(|b| b.borrow().clone().unwrap())
}

fn cases(srv: &Server, refused_port: u16) -> Vec<Case> {
    use Expect::{Error, Nothing, Warning};
    use Kind::{Form, Online, Query, Result, Sample};
    use LinkVerdict::{Broken, Ok, Unverifiable};
    let u = |p: &str| srv.url(p);
    let c = |code, kind, url: String, verdict, rule, expect| Case {
        code,
        kind,
        url,
        verdict,
        rule,
        expect,
    };
    vec![
        c("S01", Form, u("/forms/food.docx"), Ok, "M06", Nothing),
        c("S02", Form, u("/forms/food.xlsx"), Ok, "M06", Nothing),
        c(
            "S03",
            Form,
            u("/forms/申请书.pdf"),
            Ok,
            "M06",
            Error("不是可编辑格式（实际为PDF 文件）"),
        ),
        c(
            "S04",
            Form,
            u("/forms/fake.doc"),
            Ok,
            "M06",
            Error("扩展名为 .doc，实际内容是网页（HTML，网页标题「食品经营许可申请书」）"),
        ),
        c(
            "S05",
            Form,
            u("/missing.docx"),
            Broken,
            "M06",
            Error("文件不存在（HTTP 404）"),
        ),
        c(
            "S06",
            Form,
            u("/soft404.docx"),
            Broken,
            "M06",
            Error("提示文件不存在的网页"),
        ),
        c(
            "S07",
            Form,
            u("/forbidden.docx"),
            Unverifiable,
            "M06",
            Warning("服务器拒绝访问（HTTP 403）"),
        ),
        c("S08", Form, u("/busy.docx"), Ok, "M06", Nothing),
        c(
            "S09",
            Form,
            u("/slow.docx"),
            Unverifiable,
            "M06",
            Warning("请求超时：0.6 秒内服务器没有响应，重试 1 次仍是如此"),
        ),
        c("S10", Form, u("/r1"), Ok, "M06", Nothing),
        c(
            "S11",
            Form,
            u("/loop-a"),
            Broken,
            "M06",
            Error("重定向循环"),
        ),
        c("S12", Form, u("/download?id=7"), Ok, "M06", Nothing),
        c(
            "S13",
            Form,
            u("/forms/garbled.docx"),
            Ok,
            "M06",
            Error("内容有乱码"),
        ),
        c(
            "S14",
            Sample,
            u("/samples/unmasked.docx"),
            Ok,
            "M07",
            Error("未打码的身份证号码: \"1101**********002X\""),
        ),
        c("S15", Sample, u("/samples/masked.docx"), Ok, "M07", Nothing),
        c(
            "S16",
            Form,
            u("/forms/bomb.docx"),
            Unverifiable,
            "M06",
            Warning("文件疑似压缩炸弹，为安全起见没有解压，内容无法核实"),
        ),
        c("S17", Query, u("/agencies"), Ok, "I01", Nothing),
        c(
            "S18",
            Query,
            u("/agencies-gone"),
            Broken,
            "I01",
            Error("中介机构查询网址链接失效"),
        ),
        c(
            "S19",
            Form,
            format!("http://127.0.0.1:{refused_port}/x.docx"),
            Unverifiable,
            "M06",
            Warning("无法连接服务器（连接被拒绝或域名无法解析）；主机 127.0.0.1:"),
        ),
        c(
            "S20",
            Result,
            u("/result/licence.docx"),
            Ok,
            "B12",
            Error("结果样本中有未打码的身份证号码"),
        ),
        c(
            "S21",
            Form,
            u("/forms/empty.docx"),
            Broken,
            "M06",
            Error("文件为空"),
        ),
        c(
            "S22",
            Form,
            u("/forms/cut.docx"),
            Broken,
            "M06",
            Error("文件已损坏或不完整"),
        ),
        c("S23", Online, u("/apply"), Ok, "L01", Nothing),
        c(
            "S24",
            Form,
            u("/forms/report.docx"),
            Ok,
            "M06",
            Error("空白表格与材料「食品经营许可申请书」不符"),
        ),
        c(
            "S26",
            Sample,
            u("/get?file=8"),
            Ok,
            "M07",
            Warning(
                "服务器声明类型为 application/msword，实际内容是网页（HTML，网页标题「食品经营许可申请书」）",
            ),
        ),
        c(
            "S27",
            Form,
            links_server::start_short_server(),
            Broken,
            "M06",
            Error("文件传输不完整"),
        ),
        c("S28", Form, u("/nohead.docx"), Ok, "M06", Nothing),
        // One retry (the test configuration's), and the message says so.
        c(
            "S29",
            Form,
            u("/broken-server.docx"),
            Unverifiable,
            "M06",
            Warning("服务器错误（HTTP 500），重试 1 次后仍失败"),
        ),
        // A redirect off the allowed hosts says where it led; the link itself is on an allowed host.
        c(
            "S30",
            Form,
            u("/off-host.docx"),
            Unverifiable,
            "M06",
            Warning(
                "链接跳转到 http://files.example.invalid/表格.docx，主机 files.example.invalid 不在本次允许访问的主机之列，未继续访问）: \"",
            ),
        ),
        // A Location with raw Chinese is followed, as browsers follow it: UTF-8, or GBK.
        c("S31", Form, u("/utf8-location.docx"), Ok, "M06", Nothing),
        c("S31b", Form, u("/gbk-location.docx"), Ok, "M06", Nothing),
        // A file name with a space, written raw in the export: one link, not one cut at the space.
        c(
            "S32",
            Form,
            format!("http://{}/forms/食品经营许可申请书 (2024版).docx", srv.addr),
            Ok,
            "M06",
            Nothing,
        ),
        // The dead link is quoted readable, as the platform shows it, not percent-encoded.
        c(
            "S33",
            Form,
            u("/forms/已删除的申请表.docx"),
            Broken,
            "M06",
            Error("文件不存在（HTTP 404））: \"http://127.0.0.1:"),
        ),
        // A Word web page named .doc opens and edits in Word and WPS: a hint, not an error.
        c(
            "S34",
            Form,
            u("/forms/word-page.doc"),
            Ok,
            "M06",
            Warning(
                "空白表格是网页格式的 Word 文件，Word、Excel、WPS 能打开编辑，建议另存为 .docx",
            ),
        ),
        // A sign-in page where the form should be: what is behind it is not known (无法核实, as
        // the firewall's page), and the page is named by its title.
        c(
            "S35",
            Form,
            u("/forms/login.doc"),
            Unverifiable,
            "M06",
            Warning("链接打开的是登录页面（“统一身份认证平台”）"),
        ),
        // Should not trip M06: the site's firewall turned the tool away with a page served as 200.
        // It was "打开的是网页" (an error against the unit) for every form on such a host; it is
        // 无法核实, for a person to open.
        c(
            "S36",
            Form,
            u("/forms/waf.docx"),
            Unverifiable,
            "M06",
            Warning("网站的安全防护拦截了本工具的访问（“网站防火墙”）"),
        ),
        c(
            "S25",
            Form,
            "http://zwfw.example.invalid/a.doc".into(),
            Unverifiable,
            "M06",
            Warning("未核实（主机 zwfw.example.invalid 不在本次允许访问的主机之列，未访问）"),
        ),
    ]
}

fn closed_port() -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    l.local_addr().unwrap().port()
}

#[test]
fn every_kind_of_link_gets_its_verdict_and_rule() {
    let srv = Server::start();
    let cache = tempfile::tempdir().unwrap();
    let config = test_config(cache.path());
    let cases = cases(&srv, closed_port());
    let items: Vec<Item> = cases.iter().map(item_for).collect();
    let (report, run, added) = audit(&items, &config);
    let before = baseline();

    for case in &cases {
        let check = run
            .uses
            .iter()
            .find(|u| u.item == items.iter().position(|i| i.code == case.code).unwrap())
            .and_then(|u| run.checks.get(&u.url))
            .unwrap_or_else(|| panic!("{}: no check for {}", case.code, case.url));
        assert_eq!(
            check.verdict, case.verdict,
            "{} {}: {check:?}",
            case.code, case.url
        );
        let findings: Vec<_> = added.iter().filter(|f| f.item_code == case.code).collect();
        let entry = report.items.iter().find(|i| i.code == case.code).unwrap();
        let entry_before = before.items.iter().find(|i| i.code == case.code).unwrap();
        match case.expect {
            Expect::Nothing => assert!(findings.is_empty(), "{}: {findings:#?}", case.code),
            Expect::Error(text) | Expect::Warning(text) => {
                let want = if matches!(case.expect, Expect::Error(_)) {
                    Severity::Error
                } else {
                    Severity::Warning
                };
                assert!(
                    findings.iter().any(|f| f.rule == case.rule
                        && f.severity == want
                        && f.message.contains(text)),
                    "{}: expected {want} {} containing {text:?}, got {findings:#?}",
                    case.code,
                    case.rule
                );
                let outcome = entry.outcomes.get(case.rule);
                if want == Severity::Error {
                    assert_eq!(outcome, Some(&Outcome::Fail), "{}", case.code);
                    assert!(entry.errors > entry_before.errors);
                } else {
                    // A warning never fails the rule: the outcome is what the pure rules said.
                    assert_eq!(
                        outcome,
                        entry_before.outcomes.get(case.rule),
                        "{}",
                        case.code
                    );
                    assert_eq!(
                        entry.errors, entry_before.errors,
                        "{}: {findings:#?}",
                        case.code
                    );
                    assert_eq!(entry.warnings, entry_before.warnings + 1);
                }
            }
        }
        // Findings quote messages the house way: Chinese, evidence in "…", no trailing 。.
        for f in &findings {
            assert!(
                f.message.contains('"') && !f.message.ends_with('。'),
                "{}",
                f.message
            );
            assert!(!f.message.contains("%E"), "URL not readable: {}", f.message);
            // One line: the terminal and a spreadsheet cell show it whole.
            assert!(!f.message.contains('\n'), "{}", f.message);
        }
    }

    let s33 = added.iter().find(|f| f.item_code == "S33").unwrap();
    assert!(
        s33.message.ends_with("/forms/已删除的申请表.docx\""),
        "{}",
        s33.message
    );
    // The evidence keeps the URL as checked: the finding's fingerprint is the same as before.
    assert_eq!(s33.evidence, srv.url("/forms/已删除的申请表.docx"));

    // Details the table does not show.
    let by_url = |p: &str| run.checks.get(&srv.url(p)).unwrap();
    // A host outside the allowed ones is refused before any request: none is counted.
    assert_eq!(run.checks["http://zwfw.example.invalid/a.doc"].requests, 0);
    assert!(
        by_url("/r1")
            .final_url
            .as_deref()
            .unwrap()
            .ends_with("/forms/food.docx")
    );
    assert_eq!(
        by_url("/download?id=7").file_name.as_deref(),
        Some("食品经营许可申请书.docx"),
        "GBK Content-Disposition name decoded"
    );
    assert_eq!(srv.count("GET", "/busy.docx"), 2, "429 then 200: one retry");
    assert_eq!(srv.count("GET", "/nohead.docx"), 1);
    let log = srv.take_log();
    // One GET a link (retries aside): no HEAD first, which only doubled the requests and, with
    // the per-host interval, the time of a run.
    assert!(log.iter().all(|r| r.method == "GET"), "{log:#?}");

    let gets: Vec<_> = log.iter().filter(|r| r.method == "GET").collect();
    assert!(!gets.is_empty());
    for r in gets {
        let range = r
            .range
            .as_deref()
            .unwrap_or_else(|| panic!("GET without Range: {r:?}"));
        let end: u64 = range.strip_prefix("bytes=0-").unwrap().parse().unwrap();
        assert!(end < config.max_download_bytes, "{r:?}");
    }
    let bomb = by_url("/forms/bomb.docx").inspection.clone().unwrap();
    assert!(bomb.unzipped_bytes <= config.max_unzip_bytes, "{bomb:?}");
    assert_eq!(
        bomb.unzipped_bytes, 0,
        "refused on the declared size before inflating"
    );
    let sample = by_url("/samples/unmasked.docx").inspection.clone().unwrap();
    assert_eq!(sample.personal.len(), 2);
    assert!(
        added
            .iter()
            .any(|f| f.message.contains("未打码的手机号码: \"139****1234\""))
    );
    assert_eq!(
        report.summary.errors,
        report
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count()
    );
    assert!(report.summary.by_rule.contains_key("M07"));

    // The full numbers never leave the sample: not in findings, not in the cache file.
    let json = serde_json::to_string(&report).unwrap();
    let cache_text = std::fs::read_to_string(cache.path().join(links::cache::CACHE_FILE)).unwrap();
    for secret in ["11010519491231002X", "13905661234"] {
        assert!(!json.contains(secret), "report leaks {secret}");
        assert!(!cache_text.contains(secret), "cache leaks {secret}");
    }
    // Nothing but the cache file was written in the cache folder.
    let files: Vec<_> = std::fs::read_dir(cache.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(files, vec![links::cache::CACHE_FILE.to_owned()]);
}

#[test]
fn second_run_uses_the_cache_and_then_conditional_requests_only() {
    let srv = Server::start();
    let cache = tempfile::tempdir().unwrap();
    let config = test_config(cache.path());
    let ok_paths = [
        "/forms/food.docx",
        "/forms/food.xlsx",
        "/forms/申请书.pdf",
        "/samples/masked.docx",
        "/download?id=7",
        "/agencies",
    ];
    let mut paths: Vec<&str> = ok_paths.to_vec();
    paths.extend(["/missing.docx", "/forbidden.docx"]);
    let items: Vec<Item> = paths
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let kind = if p.starts_with("/agencies") {
                Kind::Query
            } else {
                Kind::Form
            };
            item_linking(&format!("C{i:02}"), kind, &srv.url(p))
        })
        .collect();
    let (_, run1, first) = audit(&items, &config);
    assert_eq!(run1.stats.fresh_from_cache, 0);
    let first_log = srv.take_log();
    assert!(
        first_log
            .iter()
            .all(|r| r.method == "GET" && !r.conditional)
    );

    // Second run within the maximum age: clean answers come from the cache; what was not final
    // (the 403), a dead link (the 404) and a file with a problem (the PDF blank form) are asked
    // again, the PDF conditionally: a fix on the platform shows the next night.
    let (_, run2, second) = audit(&items, &config);
    let log = srv.take_log();
    let asked: std::collections::BTreeSet<&str> = log.iter().map(|r| r.path.as_str()).collect();
    assert_eq!(
        asked,
        ["/forbidden.docx", "/forms/申请书.pdf", "/missing.docx"].into(),
        "{log:#?}"
    );
    assert!(
        log.iter()
            .filter(|r| r.path == "/forms/申请书.pdf")
            .all(|r| r.conditional && r.status == 304),
        "{log:#?}"
    );
    assert_eq!(run2.stats.fresh_from_cache, ok_paths.len() - 1);
    assert_eq!(run2.stats.revalidated, 1);
    let without_403 = |f: &Vec<Finding>| -> Vec<Finding> {
        f.iter()
            .filter(|x| !x.message.contains("403"))
            .cloned()
            .collect()
    };
    assert_eq!(
        without_403(&first),
        without_403(&second),
        "same findings from the cache"
    );
    assert!(!without_403(&first).is_empty());

    // Third run with every entry stale: the good files are revalidated with conditional GETs only.
    let stale = LinksConfig {
        max_age_hours: 0.0,
        ..config.clone()
    };
    let (_, run3, third) = audit(&items, &stale);
    let log = srv.take_log();
    for p in ok_paths {
        let reqs: Vec<_> = log.iter().filter(|r| r.path == p).collect();
        assert_eq!(reqs.len(), 1, "{p}: {reqs:#?}");
        assert!(
            reqs.iter()
                .all(|r| r.method == "GET" && r.conditional && r.status == 304),
            "{p}: {reqs:#?}"
        );
    }
    assert_eq!(run3.stats.revalidated, ok_paths.len());
    assert_eq!(without_403(&first), without_403(&third));
}

#[test]
fn one_link_on_200_items_is_fetched_once() {
    let srv = Server::start();
    let cache = tempfile::tempdir().unwrap();
    let url = srv.url("/forms/申请书.pdf");
    let items: Vec<Item> = (0..200)
        .map(|i| item_linking(&format!("D{i:03}"), Kind::Form, &url))
        .collect();
    let (report, run, added) = audit(&items, &test_config(cache.path()));
    assert_eq!(run.stats.uses, 200);
    assert_eq!(run.stats.urls, 1);
    assert_eq!(srv.count("HEAD", "/forms/申请书.pdf"), 0);
    assert_eq!(srv.count("GET", "/forms/申请书.pdf"), 1);
    // Every item still gets its finding.
    let per_item: BTreeMap<&str, usize> = added.iter().fold(BTreeMap::new(), |mut m, f| {
        *m.entry(f.item_code.as_str()).or_default() += 1;
        m
    });
    assert_eq!(per_item.len(), 200);
    assert!(per_item.values().all(|&n| n == 1), "{added:#?}");
    assert_eq!(report.summary.items_with_errors, 200);
}

/// A host that accepts connections and never answers (a platform's file server gone silent):
/// after a few requests time out in a row its other links are not requested this run but said
/// 无法核实, instead of each waiting out the whole timeout and its retries (hours for a thousand
/// forms). Nothing is counted against the units.
#[test]
fn a_host_that_stops_answering_is_given_up_for_the_run() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for conn in listener.incoming() {
            held.push(conn);
        }
    });
    let cache = tempfile::tempdir().unwrap();
    let config = LinksConfig {
        per_host_concurrency: Some(2),
        timeout_secs: Some(0.3),
        retries: Some(1),
        ..test_config(cache.path())
    };
    let items: Vec<Item> = (0..40)
        .map(|i| {
            item_linking(
                &format!("E{i:03}"),
                Kind::Form,
                &format!("http://127.0.0.1:{port}/attachment/申请表{i}.docx"),
            )
        })
        .collect();
    let started = std::time::Instant::now();
    let (_, run, added) = audit(&items, &config);
    let limit = links::LinksConfig::default()
        .net_config()
        .give_up_after_timeouts;
    // The documented 6 timeouts, retries included, and at most the one the other slot had on its
    // way: the requests queued behind them are not sent (they were: about 20, and minutes).
    assert!(
        (limit..=limit + 1).contains(&run.stats.requests),
        "{} requests sent",
        run.stats.requests
    );
    assert!(started.elapsed().as_secs() < 5, "{:?}", started.elapsed());
    let checks: Vec<&links::LinkCheck> = run.checks.values().collect();
    assert_eq!(checks.len(), 40);
    assert!(
        checks
            .iter()
            .all(|c| c.verdict == LinkVerdict::Unverifiable)
    );
    // A link requested says it timed out; one never requested says so, with the documented count.
    let (requested, not_requested): (Vec<&links::LinkCheck>, Vec<&links::LinkCheck>) =
        checks.iter().partition(|c| c.requests > 0);
    assert!(
        requested.iter().all(|c| c.reason.starts_with("请求超时")),
        "{requested:#?}"
    );
    assert!(
        not_requested.iter().all(|c| c.reason
            == format!("未请求：主机 127.0.0.1:{port} 本次已连续 {limit} 次请求超时（网站没有响应），本次不再访问它的链接，下次检查将重试")),
        "{not_requested:#?}"
    );
    assert!(
        not_requested.len() >= 40 - (limit as usize + 1),
        "{checks:#?}"
    );
    assert!(
        added.iter().all(|f| f.severity == Severity::Warning),
        "{added:#?}"
    );
}

/// Links written as relative addresses in an export (`/forms/…`, `forms/…`, a host and path without
/// `http://`) were never checked, and the run said 没有发现链接或附件问题. They are resolved: against
/// the item's 办事指南地址 on an allowed host, else `[links] base_url`; one that no base resolves is
/// said, and a base off the allowed hosts is never followed.
#[test]
fn relative_links_are_resolved_or_said() {
    let srv = Server::start();
    let cache = tempfile::tempdir().unwrap();
    let host = srv
        .url("/")
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_owned();
    let item = |code: &str, guide: &str, form: &str| {
        let mut i = item_linking(code, Kind::Sample, form);
        guide.clone_into(&mut i.guide_url);
        i
    };
    let items = vec![
        // The guide page is on an allowed host: it is the base.
        item("R01", &srv.url("/guide/1.html"), "/forms/food.docx"),
        item("R02", &srv.url("/guide/2.html"), "forms/food.xlsx"),
        // No guide page: the configured base.
        item("R03", "", "/samples/masked.docx"),
        // A host written without http://.
        item("R04", "", &format!("{host}/samples/unmasked.docx")),
        // A guide page off the allowed hosts is no base: the configured one is.
        item(
            "R05",
            "http://zwfw.example.invalid/g/5.html",
            "/result/licence.docx",
        ),
    ];
    let config = LinksConfig {
        base_url: Some(srv.url("/")),
        ..test_config(cache.path())
    };
    let (_, run, added) = audit(&items, &config);
    let url_of = |code: &str| {
        let i = items.iter().position(|i| i.code == code).unwrap();
        run.uses.iter().find(|u| u.item == i).unwrap().url.clone()
    };
    assert_eq!(url_of("R01"), srv.url("/forms/food.docx"));
    assert_eq!(url_of("R02"), srv.url("/forms/food.xlsx"));
    assert_eq!(url_of("R03"), srv.url("/samples/masked.docx"));
    assert_eq!(url_of("R05"), srv.url("/result/licence.docx"));
    assert!(
        run.checks.values().all(|c| c.verdict == LinkVerdict::Ok),
        "{:#?}",
        run.checks
    );
    // R04's sample was read: its unmasked ID number is found.
    assert!(
        added
            .iter()
            .any(|f| f.item_code == "R04" && f.message.contains("未打码的身份证号码")),
        "{added:#?}"
    );
    assert!(run.notes.is_empty(), "{:?}", run.notes);

    // Without a base: the relative links are counted and said, not dropped; a base off the
    // allowed hosts resolves them, but they are not fetched.
    let srv_log_before = srv.take_log().len();
    assert!(srv_log_before > 0);
    for base in [None, Some("http://files.example.invalid/zwfw".to_owned())] {
        let config = LinksConfig {
            base_url: base.clone(),
            max_age_hours: 0.0,
            ..test_config(cache.path())
        };
        let items = vec![
            item("R06", "", "/forms/food.docx"),
            item(
                "R07",
                "http://zwfw.example.invalid/g/7.html",
                "forms/food.xlsx",
            ),
        ];
        let (_, run, added) = audit(&items, &config);
        assert_eq!(run.stats.uses, 2);
        assert!(
            run.checks
                .values()
                .all(|c| c.verdict == LinkVerdict::Unverifiable)
        );
        assert!(
            added.iter().all(|f| f.severity == Severity::Warning),
            "{added:#?}"
        );
        assert_eq!(added.len(), 2, "{added:#?}");
        if base.is_none() {
            assert_eq!(
                run.notes,
                vec!["2 个链接是相对地址，无法核实：请在配置 [links] base_url 中写明平台网址（如 base_url = \"https://zwfw.chizhou.gov.cn/\"），或在导出中写完整的网址".to_owned()]
            );
        } else {
            assert!(run.notes.is_empty());
            assert!(
                run.checks
                    .keys()
                    .any(|u| u == "http://files.example.invalid/zwfw/forms/food.xlsx"),
                "{:#?}",
                run.checks
            );
            assert_eq!(run.stats.requests, 0);
        }
        assert!(srv.take_log().is_empty());
    }
}

/// The blank form and the sample both lead to the platform's sign-in page: it is no file, and not
/// "the same file" (示例样表与空白表格是同一个文件 was an error against the unit). Both are 无法核实.
#[test]
fn two_links_to_one_sign_in_page_are_not_one_file() {
    let srv = Server::start();
    let cache = tempfile::tempdir().unwrap();
    let mut item = item_linking(
        "L01",
        Kind::Sample,
        &srv.url("/cas/login?service=%2Fsample"),
    );
    item.materials[0].blank_form = srv.url("/forms/需登录的申请书.docx");
    let (_, run, added) = audit(&[item], &test_config(cache.path()));
    assert_eq!(run.checks.len(), 2);
    assert!(
        run.checks
            .values()
            .all(|c| c.verdict == LinkVerdict::Unverifiable && c.reason.contains("登录页面")),
        "{:#?}",
        run.checks
    );
    assert!(
        !added.iter().any(|f| f.message.contains("同一个文件")),
        "{added:#?}"
    );
    assert!(
        added.iter().all(|f| f.severity == Severity::Warning),
        "{added:#?}"
    );
}

#[test]
fn served_files_are_what_the_server_claims() {
    // Guards the fixtures themselves: the good forms really are OOXML, the bomb really is one.
    assert_eq!(
        content::inspect(
            &docx(MATERIAL, MATERIAL),
            true,
            content::ZipLimits::default()
        )
        .real_type,
        Some(content::FileType::Docx)
    );
    let bomb = bomb_docx();
    assert!(bomb.len() < 1024 * 1024, "bomb is small: {}", bomb.len());
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(&bomb[..])).unwrap();
    let declared: u64 = (0..archive.len())
        .map(|i| archive.by_index_raw(i).unwrap().size())
        .sum();
    assert!(declared >= 64 * 1024 * 1024, "bomb expands to {declared}");
}

#[test]
fn cli_check_with_links_fails_the_item_and_links_writes_its_file() {
    let srv = Server::start();
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let config = dir.path().join("zwfw-audit.toml");
    std::fs::write(
        &config,
        format!(
            "[links]\nallowed_hosts = [\"127.0.0.1\"]\ncache_dir = {:?}\nmin_interval_ms = 0\nretries = 0\n",
            cache.display().to_string()
        ),
    )
    .unwrap();
    let dead = item_linking("X01", Kind::Form, &srv.url("/missing.docx"));
    let good = item_linking("X02", Kind::Form, &srv.url("/forms/food.docx"));
    let input = dir.path().join("items.json");
    std::fs::write(&input, serde_json::to_string(&vec![dead, good]).unwrap()).unwrap();
    let out = dir.path().join("out");
    let assert = assert_cmd::Command::cargo_bin("zwfw-audit")
        .unwrap()
        .args(["check", "--links", "--config"])
        .arg(&config)
        .arg("-o")
        .arg(&out)
        .arg(&input)
        .assert()
        .code(1);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    assert!(stderr.contains("失效 1"), "{stderr}");
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("report.json")).unwrap()).unwrap();
    let dead_entry = &report["items"][0];
    assert_eq!(dead_entry["code"], "X01");
    assert_eq!(dead_entry["outcomes"]["M06"], "fail");
    assert!(
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["item_code"] == "X01"
                && f["rule"] == "M06"
                && f["message"].as_str().unwrap().contains("HTTP 404"))
    );
    assert!(cache.join(links::cache::CACHE_FILE).exists());

    let links_json = dir.path().join("links.json");
    assert_cmd::Command::cargo_bin("zwfw-audit")
        .unwrap()
        .args(["links", "--quiet", "--config"])
        .arg(&config)
        .arg("-o")
        .arg(&links_json)
        .arg(&input)
        .assert()
        .code(1);
    let written: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&links_json).unwrap()).unwrap();
    assert_eq!(written["stats"]["urls"], 2);
    assert_eq!(written["stats"]["broken"], 1);
    // The second command found the good form in the cache and asked the dead link again.
    assert_eq!(written["stats"]["fresh_from_cache"], 1);
    assert_eq!(written["stats"]["requests"], 1);
}

#[test]
fn requests_to_one_host_keep_the_configured_interval() {
    let srv = Server::start();
    let cache = tempfile::tempdir().unwrap();
    let config = LinksConfig {
        per_host_concurrency: Some(1),
        min_interval_ms: Some(150),
        ..test_config(cache.path())
    };
    let items: Vec<Item> = (0..8)
        .map(|i| {
            item_linking(
                &format!("P{i}"),
                Kind::Form,
                &srv.url(&format!("/f/{i}.docx")),
            )
        })
        .collect();
    let (_, run, _) = audit(&items, &config);
    assert_eq!(run.stats.ok, 8);
    let mut log = srv.take_log();
    assert_eq!(log.len(), 8, "one GET for each of 8 links: {log:#?}");
    log.sort_by_key(|r| r.at);
    // The client spaces the starts 150 ms apart. Arrival at the server jitters with how busy
    // the machine is (a request held up by the scheduler arrives close to the next one: a
    // loaded CI host broke bounds of 100 and 7 × 140 ms); without the interval all eight arrive
    // within a few milliseconds, so these looser bounds still tell.
    for w in log.windows(2) {
        let gap = w[1].at - w[0].at;
        assert!(gap.as_millis() >= 40, "requests {gap:?} apart: {w:#?}");
    }
    let span = log[7].at - log[0].at;
    assert!(span.as_millis() >= 7 * 100, "8 requests within {span:?}");
}

/// The nightly `audit` with `[audit] links = true`: the link findings join their items' findings,
/// are compared night to night (a dead form link is 新增, then 已整改 once it works) and can be
/// waived like any other. Every finding of the report is in the comparison. (It panicked on every
/// run: the fingerprints were taken before the link findings were added.)
#[test]
fn audit_with_links_compares_and_waives_link_findings() {
    let srv = Server::start();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let write_items = |dead_url: &str, name: &str| {
        let dead = item_linking("X01", Kind::Form, &srv.url(dead_url));
        let mut other = item_linking("X02", Kind::Sample, &srv.url("/missing.docx"));
        other.name = "小餐饮经营许可".into();
        std::fs::write(
            d.join(name),
            serde_json::to_string(&vec![dead, other]).unwrap(),
        )
        .unwrap();
    };
    write_items("/missing.docx", "night1.json");
    write_items("/forms/food.docx", "night2.json");
    std::fs::write(
        d.join("zwfw-audit.toml"),
        format!(
            "[audit]\nlinks = true\n[links]\nallowed_hosts = [\"127.0.0.1\"]\ncache_dir = {:?}\nmin_interval_ms = 0\nretries = 0\n",
            d.join("cache").display().to_string()
        ),
    )
    .unwrap();
    let audit = |night: &str, at: &str| {
        assert_cmd::Command::cargo_bin("zwfw-audit")
            .unwrap()
            .current_dir(d)
            .args(["audit", "-q", "--input", &format!("{night}.json")])
            .args(["--run-id", night, "--at", at])
            .assert()
            .code(0);
        let text = std::fs::read_to_string(d.join("reports").join(night).join("report.json"));
        serde_json::from_str::<serde_json::Value>(&text.unwrap()).unwrap()
    };
    let link_finding = |r: &serde_json::Value, code: &str, rule: &str| {
        r["history"]["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|h| {
                h["item_code"] == code
                    && h["rule"] == rule
                    && h["message"].as_str().unwrap().contains("链接失效")
            })
            .cloned()
            .unwrap_or_else(|| panic!("no dead-link {rule} finding of {code}: {r:#}"))
    };

    let r1 = audit("night1", "2026-11-20T02:00:00+08:00");
    let findings = r1["findings"].as_array().unwrap();
    let history = r1["history"]["findings"].as_array().unwrap();
    assert_eq!(history.len(), findings.len(), "every finding is compared");
    assert!(history.iter().all(|h| h["status"] == "new"), "{history:#?}");
    let dead_form = link_finding(&r1, "X01", "M06");
    let dead_sample = link_finding(&r1, "X02", "M07");
    assert_eq!(r1["items"][0]["outcomes"]["M06"], "fail");

    let fp = dead_sample["fingerprint"].as_str().unwrap();
    assert_cmd::Command::cargo_bin("zwfw-audit")
        .unwrap()
        .current_dir(d)
        .args(["audit", "waive", fp, "--reason", "样表由省平台统一维护"])
        .args(["--until", "2099-12-31"])
        .assert()
        .success();

    let r2 = audit("night2", "2026-11-21T02:00:00+08:00");
    let fixed = link_finding(&r2, "X01", "M06");
    assert_eq!(fixed["status"], "fixed", "{fixed:#}");
    assert_eq!(fixed["fingerprint"], dead_form["fingerprint"]);
    let waived = link_finding(&r2, "X02", "M07");
    assert_eq!(waived["status"], "persisting");
    assert!(waived["waiver"].is_object(), "{waived:#}");
    // X02 did not change: the waived link error no longer counts (its other M07 findings do).
    let errors = |r: &serde_json::Value| r["items"][1]["errors"].as_u64().unwrap();
    assert_eq!(errors(&r2), errors(&r1) - 1);
}

/// The link run tells how far it is after each distinct URL (the terminal's progress bar): from
/// nothing done to every URL done, one at a time, and a URL used twice is fetched once.
#[test]
fn the_link_run_reports_its_progress() {
    let srv = Server::start();
    let cache = tempfile::tempdir().unwrap();
    let items: Vec<Item> = (0..5)
        .map(|i| {
            // Five items, four distinct URLs.
            item_linking("P1", Kind::Form, &srv.url(&format!("/f/{}.docx", i.min(3))))
        })
        .collect();
    let records: Vec<Record> = items
        .into_iter()
        .map(|i| Record::Item(Box::new(i)))
        .collect();
    let seen = std::sync::Mutex::new(Vec::new());
    let progress = |done: usize, total: usize| seen.lock().unwrap().push((done, total));
    let run = links::check_links_blocking(
        links::collect_records(&records),
        &test_config(cache.path()),
        jiff::Timestamp::now(),
        &progress,
    )
    .unwrap();
    assert_eq!(run.stats.urls, 4);
    assert_eq!(
        seen.into_inner().unwrap(),
        [(0, 4), (1, 4), (2, 4), (3, 4), (4, 4)]
    );
}

/// A sample that is the blank form again under another link (the same bytes) has nothing filled
/// in: an M07 error. A real sample, or the same link for both (the pure rule's finding), is not.
#[test]
fn a_sample_that_is_the_blank_form_is_reported() {
    let srv = Server::start();
    let cache = tempfile::tempdir().unwrap();
    let with = |code: &str, sample: &str| {
        let mut item = item_linking(code, Kind::Form, &srv.url("/forms/food.docx"));
        item.materials[0].sample = srv.url(sample);
        item
    };
    // `/f/…` serves the bytes of `/forms/food.docx`.
    let items = vec![
        with("E01", "/f/食品经营许可申请书（示例）.docx"),
        with("E02", "/samples/masked.docx"),
        with("E03", "/forms/food.docx"),
    ];
    let (_, _, added) = audit(&items, &test_config(cache.path()));
    let of = |code: &str| -> Vec<&Finding> {
        added
            .iter()
            .filter(|f| f.item_code == code && f.message.contains("同一个文件"))
            .collect()
    };
    let e01 = of("E01");
    assert_eq!(e01.len(), 1, "{added:#?}");
    assert_eq!(e01[0].rule, "M07");
    assert_eq!(e01[0].severity, Severity::Error);
    assert_eq!(
        e01[0].message,
        "示例样表与空白表格是同一个文件，没有填写示例内容: \"食品经营许可申请书（示例）.docx\""
    );
    assert!(of("E02").is_empty() && of("E03").is_empty(), "{added:#?}");
}

/// A clerk fixes a dead form link, or replaces a PDF blank form by a .docx at the same address:
/// the next run, well within the cache's maximum age, sees the fix (the fix list says 已整改 the
/// next night, not a week later). A clean answer is still reused without a request.
#[test]
fn a_fix_on_the_platform_shows_on_the_next_run() {
    let srv = Server::start();
    let cache = tempfile::tempdir().unwrap();
    let config = test_config(cache.path());
    let items: Vec<Item> = ["/appears.docx", "/replaced.docx", "/forms/food.docx"]
        .iter()
        .enumerate()
        .map(|(i, p)| item_linking(&format!("F{i:02}"), Kind::Form, &srv.url(p)))
        .collect();
    let (_, run1, first) = audit(&items, &config);
    assert_eq!(
        run1.checks[&srv.url("/appears.docx")].verdict,
        LinkVerdict::Broken
    );
    assert!(
        first
            .iter()
            .any(|f| f.item_code == "F01" && f.message.contains("不是可编辑格式")),
        "{first:#?}"
    );
    srv.take_log();
    let (_, run2, second) = audit(&items, &config);
    assert_eq!(
        run2.checks[&srv.url("/appears.docx")].verdict,
        LinkVerdict::Ok
    );
    assert!(
        second
            .iter()
            .all(|f| !f.message.contains("链接") && !f.message.contains("不是可编辑格式")),
        "{second:#?}"
    );
    let log = srv.take_log();
    assert!(log.iter().all(|r| r.path != "/forms/food.docx"), "{log:#?}");
    assert_eq!(run2.stats.fresh_from_cache, 1);
}
