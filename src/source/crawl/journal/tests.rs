//! Tests of the journal: replay, resume and compaction, one log per pass, one crawl per
//! folder.

use super::*;
use crate::model::Item;

fn rec(pass: u32, url: &str) -> PageRecord {
    PageRecord {
        pass,
        target: Target {
            url: url.into(),
            kind: PageKind::Guide,
            list: 0,
            page: 0,
            linked: false,
        },
        status: PageStatus::Ok,
        http: Some(200),
        final_url: None,
        etag: Some("\"v1\"".into()),
        last_modified: None,
        links: Vec::new(),
        total: None,
        item: Some(Box::new(Item {
            name: "食品经营许可".into(),
            guide_url: url.into(),
            ..Item::default()
        })),
        stale_since: None,
        message: String::new(),
        attempts: 1,
        bytes: 10,
        ms: 1,
        at: now(),
    }
}

#[test]
fn replay_resumes_open_pass_and_starts_a_new_one_after_it_ends() {
    let dir = tempfile::tempdir().unwrap();
    let mut j = Journal::open(dir.path(), "t").unwrap();
    assert_eq!((j.pass, j.resumed), (1, false));
    j.record(rec(1, "http://h/a")).unwrap();
    drop(j);
    // A line cut in half by a kill is ignored.
    let mut f = OpenOptions::new()
        .append(true)
        .open(dir.path().join("journal.ndjson"))
        .unwrap();
    f.write_all(b"{\"event\":\"page\",\"pass\":1,\"tar")
        .unwrap();
    drop(f);
    let mut j = Journal::open(dir.path(), "t").unwrap();
    assert_eq!((j.pass, j.resumed), (1, true));
    assert_eq!(j.done, vec!["http://h/a".to_owned()]);
    assert_eq!(j.write_outputs().unwrap(), (1, 0));
    j.finish_pass().unwrap();
    drop(j);
    let mut j = Journal::open(dir.path(), "t").unwrap();
    assert_eq!((j.pass, j.resumed), (2, false));
    assert!(j.done.is_empty());
    assert_eq!(j.latest["http://h/a"].etag.as_deref(), Some("\"v1\""));
    j.record(rec(2, "http://h/a")).unwrap();
    j.finish_pass().unwrap();
    drop(j);
    // Each new pass compacts: one line per URL plus the pass start.
    let j = Journal::open(dir.path(), "t").unwrap();
    assert_eq!(j.pass, 3);
    let text = std::fs::read_to_string(dir.path().join("journal.ndjson")).unwrap();
    assert_eq!(text.lines().count(), 2, "{text}");
}

/// The log holds the open pass (a resumed pass goes on in it); a new pass moves it to the
/// previous log, so that it stays small enough for Excel however many nights run.
#[test]
fn each_pass_has_its_own_log() {
    let dir = tempfile::tempdir().unwrap();
    let rows = |name: &str| {
        std::fs::read_to_string(dir.path().join(name))
            .unwrap()
            .lines()
            .filter(|l| l.contains("http://h/"))
            .map(|l| l.split(',').nth(1).unwrap().to_owned())
            .collect::<Vec<_>>()
    };
    let mut j = Journal::open(dir.path(), "t").unwrap();
    j.record(rec(1, "http://h/a")).unwrap();
    drop(j);
    let mut j = Journal::open(dir.path(), "t").unwrap();
    assert!(j.resumed);
    j.record(rec(1, "http://h/b")).unwrap();
    j.finish_pass().unwrap();
    drop(j);
    assert_eq!(rows(LOG), ["1", "1"]);
    for pass in [2, 3] {
        let mut j = Journal::open(dir.path(), "t").unwrap();
        assert_eq!(j.pass, pass);
        j.record(rec(pass, "http://h/a")).unwrap();
        j.finish_pass().unwrap();
    }
    assert_eq!(rows(LOG), ["3"]);
    assert_eq!(rows(PREVIOUS_LOG), ["2"]);
    let text = std::fs::read_to_string(dir.path().join(LOG)).unwrap();
    assert!(text.starts_with("\u{feff}时间,轮次,网址"), "{text}");
}

/// A second crawl into the same folder is refused while the first holds it, and may start
/// once it is done.
#[test]
fn one_crawl_per_output_folder() {
    let dir = tempfile::tempdir().unwrap();
    let first = Journal::open(dir.path(), "t").unwrap();
    let (path, e) = Journal::open(dir.path(), "t").unwrap_err();
    assert_eq!(path, dir.path().join(".crawl.lock"));
    assert_eq!(e.kind(), std::io::ErrorKind::WouldBlock);
    assert!(e.to_string().contains("另一个抓取正在使用这个输出目录"));
    drop(first);
    assert!(Journal::open(dir.path(), "t").is_ok());
}

/// h34: a list target written before `linked` was kept (session 33 and older journals) reads as
/// not linked, so that such a journal still resumes; `false` is not written.
#[test]
fn a_target_without_linked_reads_as_not_linked() {
    let old = r#"{"url":"http://h/list?page=2","kind":"html_list","list":0,"page":2}"#;
    let t: Target = serde_json::from_str(old).unwrap();
    assert!(!t.linked);
    assert_eq!(serde_json::to_string(&t).unwrap(), old);
    let linked = Target { linked: true, ..t };
    assert!(
        serde_json::to_string(&linked)
            .unwrap()
            .contains(r#""linked":true"#)
    );
}
