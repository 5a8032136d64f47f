//! The crawl state on disk, in the output folder, so that a killed crawl resumes without
//! refetching and the next crawl can ask "changed since?":
//!
//! - `journal.ndjson` — append-only: a `pass_start` line, one `page` line per finished URL (status,
//!   ETag/Last-Modified, the links it led to, the extracted item), a `pass_end` line. Replaying it
//!   gives the done set of the open pass, the frontier (start pages and every link of a done page
//!   that is not done yet) and the stored items and validators of every URL.
//! - `crawl-log.csv` — one row per URL of the open pass with its status, for people (UTF-8 with
//!   BOM so that Excel/WPS open it); a new pass moves the last one to `crawl-log.previous.csv`.
//! - `items.ndjson` and `unreadable.ndjson` — the result of the pass, rewritten at the end of a run.

use std::collections::{HashMap, HashSet};
use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::model::{Item, Provenance};
use crate::source::Unreadable;

/// What a URL is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PageKind {
    /// An HTML list page.
    HtmlList,
    /// A JSON list page.
    JsonList,
    /// An HTML guide page (one item).
    Guide,
    /// A JSON detail record (one item).
    JsonDetail,
    /// A robots.txt file.
    Robots,
}

impl PageKind {
    /// Whether the page holds one item (a failure then becomes an unreadable record).
    pub fn is_item(self) -> bool {
        matches!(self, PageKind::Guide | PageKind::JsonDetail)
    }

    fn label_zh(self) -> &'static str {
        match self {
            PageKind::HtmlList => "列表页",
            PageKind::JsonList => "列表接口",
            PageKind::Guide => "办事指南",
            PageKind::JsonDetail => "详情接口",
            PageKind::Robots => "robots.txt",
        }
    }
}

/// A URL to visit, with what it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Target {
    /// Absolute URL.
    pub url: String,
    /// What it is.
    pub kind: PageKind,
    /// Index of the profile list it belongs to (list pages).
    #[serde(default)]
    pub list: usize,
    /// Page number (list pages).
    #[serde(default)]
    pub page: u32,
}

/// How a URL ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PageStatus {
    /// Fetched and read.
    Ok,
    /// 304: the stored result was reused.
    NotModified,
    /// Fetched but failed (HTTP error, timeout, unreadable content).
    Failed,
    /// Not fetched (robots.txt, outside the allow-list, invalid URL).
    Skipped,
}

impl PageStatus {
    /// The Chinese label written in the crawl log.
    pub fn label_zh(self) -> &'static str {
        match self {
            PageStatus::Ok => "成功",
            PageStatus::NotModified => "未修改",
            PageStatus::Failed => "失败",
            PageStatus::Skipped => "跳过",
        }
    }
}

/// The result of one URL.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PageRecord {
    /// The pass it belongs to.
    pub pass: u32,
    /// The URL and its kind.
    pub target: Target,
    /// How it ended.
    pub status: PageStatus,
    /// HTTP status, when there was a response.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub http: Option<u16>,
    /// The URL after redirects, when different.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub final_url: Option<String>,
    /// `ETag` of the response.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub etag: Option<String>,
    /// `Last-Modified` of the response.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<String>,
    /// Pages it led to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<Target>,
    /// The item read from it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<Box<Item>>,
    /// When the page could not be read this time (a timeout, the site erring) and `item` is the
    /// one read earlier: when that was (RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stale_since: Option<String>,
    /// What went wrong, or a note (encoding), in Chinese.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub message: String,
    /// Requests made for it (retries included).
    #[serde(default)]
    pub attempts: u32,
    /// Body bytes.
    #[serde(default)]
    pub bytes: u64,
    /// Time taken, in milliseconds.
    #[serde(default)]
    pub ms: u64,
    /// When it finished (RFC 3339).
    #[serde(default)]
    pub at: String,
}

impl PageRecord {
    /// A record of `target` with `status` and nothing fetched yet, filled in as the visit goes.
    pub(crate) fn new(pass: u32, target: Target, status: PageStatus) -> Self {
        Self {
            pass,
            target,
            status,
            http: None,
            final_url: None,
            etag: None,
            last_modified: None,
            links: Vec::new(),
            item: None,
            stale_since: None,
            message: String::new(),
            attempts: 0,
            bytes: 0,
            ms: 0,
            at: String::new(),
        }
    }
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
enum Line {
    PassStart {
        pass: u32,
        profile: String,
        at: String,
    },
    Page(PageRecord),
    PassEnd {
        pass: u32,
        at: String,
    },
}

/// The journal of one output folder, replayed.
#[derive(Debug)]
pub struct Journal {
    /// Held while the journal is open: one crawl per output folder.
    _lock: File,
    dir: PathBuf,
    file: BufWriter<File>,
    log: csv::Writer<File>,
    /// The open pass.
    pub pass: u32,
    /// Whether the pass was already open (a resumed crawl).
    pub resumed: bool,
    /// The latest record of every URL, over all passes.
    pub latest: HashMap<String, PageRecord>,
    /// URLs finished in the open pass, in order.
    pub done: Vec<String>,
    done_set: HashSet<String>,
}

/// The crawl log of the open pass, for people.
pub const LOG: &str = "crawl-log.csv";

/// The crawl log of the pass before, kept when a new pass starts.
pub const PREVIOUS_LOG: &str = "crawl-log.previous.csv";

/// The state files could not be used.
pub type Result<T> = std::result::Result<T, (PathBuf, std::io::Error)>;

fn now() -> String {
    jiff::Timestamp::now().to_string()
}

/// Keeps a CSV cell from being read as a formula by Excel/WPS.
fn cell(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_owned()
    }
}

impl Journal {
    /// Opens (or creates) the state in `dir` and replays it; starts a new pass unless the last one
    /// is still open.
    pub fn open(dir: &Path, profile: &str) -> Result<Self> {
        let err = |p: &Path| {
            let p = p.to_owned();
            move |e| (p, e)
        };
        std::fs::create_dir_all(dir).map_err(err(dir))?;
        // One crawl per output folder: a second one fetched every page again and wrote the
        // journal and log twice. The lock goes with the process, also when it is killed.
        let lock_path = dir.join(".crawl.lock");
        let lock = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(err(&lock_path))?;
        match lock.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                return Err((
                    lock_path,
                    std::io::Error::new(
                        std::io::ErrorKind::WouldBlock,
                        "另一个抓取正在使用这个输出目录，请等它结束或换一个输出目录",
                    ),
                ));
            }
            Err(std::fs::TryLockError::Error(e)) => return Err((lock_path, e)),
        }
        let path = dir.join("journal.ndjson");
        let mut latest = HashMap::new();
        let mut last_pass = 0;
        let mut open_pass = None;
        let mut done = Vec::new();
        if path.exists() {
            let reader = BufReader::new(File::open(&path).map_err(err(&path))?);
            for line in reader.lines() {
                let line = line.map_err(err(&path))?;
                // A line cut by a kill is ignored: its URL is simply fetched again.
                let Ok(parsed) = serde_json::from_str::<Line>(&line) else {
                    continue;
                };
                match parsed {
                    Line::PassStart { pass, .. } => {
                        last_pass = pass;
                        open_pass = Some(pass);
                        done.clear();
                    }
                    Line::PassEnd { pass, .. } => {
                        if open_pass == Some(pass) {
                            open_pass = None;
                        }
                    }
                    Line::Page(rec) => {
                        if open_pass == Some(rec.pass) && !done.contains(&rec.target.url) {
                            done.push(rec.target.url.clone());
                        }
                        latest.insert(rec.target.url.clone(), rec);
                    }
                }
            }
        }
        if open_pass.is_none() && !latest.is_empty() {
            // A new pass: keep only the latest record of each URL (validators and items), so the
            // journal does not grow with every re-crawl.
            let mut urls: Vec<&String> = latest.keys().collect();
            urls.sort();
            let lines: Vec<Line> = urls
                .into_iter()
                .map(|u| Line::Page(latest[u].clone()))
                .collect();
            write_lines(&path, &lines)?;
        }
        let mut file = OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)
            .map_err(err(&path))?;
        // After a kill the last line may lack its newline: end it so the next record starts clean.
        let bytes = std::fs::read(&path).map_err(err(&path))?;
        if bytes.last().is_some_and(|&b| b != b'\n') {
            file.write_all(b"\n").map_err(err(&path))?;
        }
        let log_path = dir.join(LOG);
        if open_pass.is_none() && log_path.exists() {
            // One pass per log: appended night after night, the log of a platform of 10,000
            // pages passed Excel's 1,048,576 rows in about a hundred nights. The last pass stays.
            let previous = dir.join(PREVIOUS_LOG);
            std::fs::rename(&log_path, &previous).map_err(err(&previous))?;
        }
        let new_log = !log_path.exists();
        let mut log_file = OpenOptions::new()
            .create(true)
            .append(true)
            .open(&log_path)
            .map_err(err(&log_path))?;
        if new_log {
            log_file
                .write_all(b"\xEF\xBB\xBF")
                .map_err(err(&log_path))?;
        }
        let mut log = csv::WriterBuilder::new()
            .has_headers(false)
            .from_writer(log_file);
        if new_log {
            log.write_record([
                "时间",
                "轮次",
                "网址",
                "类型",
                "状态",
                "HTTP状态码",
                "请求次数",
                "字节数",
                "耗时(毫秒)",
                "最终网址",
                "说明",
            ])
            .map_err(|e| (log_path.clone(), e.into()))?;
        }
        let mut journal = Self {
            _lock: lock,
            dir: dir.to_owned(),
            file: BufWriter::new(file),
            log,
            pass: open_pass.unwrap_or(last_pass + 1),
            resumed: open_pass.is_some(),
            latest,
            done_set: HashSet::new(),
            done: if open_pass.is_some() {
                done
            } else {
                Vec::new()
            },
        };
        journal.done_set = journal.done.iter().cloned().collect();
        if !journal.resumed {
            journal.append(&Line::PassStart {
                pass: journal.pass,
                profile: profile.to_owned(),
                at: now(),
            })?;
        }
        Ok(journal)
    }

    fn append(&mut self, line: &Line) -> Result<()> {
        let path = self.dir.join("journal.ndjson");
        let text = serde_json::to_string(line).map_err(|e| (path.clone(), e.into()))?;
        writeln!(self.file, "{text}")
            .and_then(|()| self.file.flush())
            .map_err(|e| (path, e))
    }

    /// Records a finished URL (journal and log).
    pub fn record(&mut self, rec: PageRecord) -> Result<()> {
        self.append(&Line::Page(rec.clone()))?;
        self.log_row(&rec)?;
        if self.done_set.insert(rec.target.url.clone()) {
            self.done.push(rec.target.url.clone());
        }
        self.latest.insert(rec.target.url.clone(), rec);
        Ok(())
    }

    /// Writes a log row only (robots.txt fetches, which are not part of the state).
    pub fn log_row(&mut self, rec: &PageRecord) -> Result<()> {
        let path = self.dir.join(LOG);
        self.log
            .write_record([
                // As people read it, in this machine's time zone; the journal keeps the instant.
                crate::report::display_time(&rec.at),
                rec.pass.to_string(),
                cell(&rec.target.url),
                rec.target.kind.label_zh().to_owned(),
                rec.status.label_zh().to_owned(),
                rec.http.map(|h| h.to_string()).unwrap_or_default(),
                rec.attempts.to_string(),
                rec.bytes.to_string(),
                rec.ms.to_string(),
                cell(rec.final_url.as_deref().unwrap_or_default()),
                cell(&rec.message),
            ])
            .map_err(|e| (path.clone(), e.into()))?;
        self.log.flush().map_err(|e| (path, e))
    }

    /// Closes the pass: the next run starts a new one (with conditional requests).
    pub fn finish_pass(&mut self) -> Result<()> {
        self.append(&Line::PassEnd {
            pass: self.pass,
            at: now(),
        })
    }

    /// Whether a URL is finished in the open pass.
    pub fn is_done(&self, url: &str) -> bool {
        self.done_set.contains(url)
    }

    /// The records of the open pass, in the order they finished.
    pub fn pass_records(&self) -> impl Iterator<Item = &PageRecord> {
        self.done.iter().filter_map(|u| self.latest.get(u))
    }

    /// Rewrites `items.ndjson` and `unreadable.ndjson` from the open pass (sorted by URL).
    pub fn write_outputs(&self) -> Result<(usize, usize)> {
        let mut items: Vec<&Item> = self
            .pass_records()
            .filter_map(|r| r.item.as_deref())
            .collect();
        items.sort_by(|a, b| a.guide_url.cmp(&b.guide_url));
        // Two links that redirect to one page give one item.
        items.dedup_by(|a, b| a.guide_url == b.guide_url);
        // A link that redirected to a page of the pass stands for that page, which is listed
        // (read, or unreadable) under its own URL: one item, not two.
        let pages: HashSet<&str> = self
            .pass_records()
            .filter(|r| r.target.kind.is_item())
            .map(|r| r.target.url.as_str())
            .chain(items.iter().map(|i| i.guide_url.as_str()))
            .collect();
        let mut unreadable: Vec<Unreadable> = self
            .pass_records()
            .filter(|r| {
                r.target.kind.is_item()
                    && matches!(r.status, PageStatus::Failed | PageStatus::Skipped)
                    && r.item.is_none()
                    && !r
                        .final_url
                        .as_deref()
                        .is_some_and(|u| u != r.target.url && pages.contains(u))
            })
            .map(|r| Unreadable {
                provenance: Provenance::file(&r.target.url),
                reason: format!("{}: {}", r.status.label_zh(), r.message),
                code: None,
                name: None,
                partial: None,
            })
            .collect();
        unreadable.sort_by(|a, b| a.provenance.cmp(&b.provenance));
        write_lines(&self.dir.join("items.ndjson"), &items)?;
        write_lines(&self.dir.join("unreadable.ndjson"), &unreadable)?;
        Ok((items.len(), unreadable.len()))
    }
}

/// Writes values as NDJSON through a temporary file, so a reader never sees half a file.
fn write_lines<T: Serialize>(path: &Path, values: &[T]) -> Result<()> {
    let err = |e: std::io::Error| (path.to_owned(), e);
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".tmp");
    let tmp = PathBuf::from(tmp);
    let mut w = BufWriter::new(File::create(&tmp).map_err(err)?);
    for v in values {
        serde_json::to_writer(&mut w, v).map_err(|e| err(e.into()))?;
        w.write_all(b"\n").map_err(err)?;
    }
    w.flush().map_err(err)?;
    drop(w);
    std::fs::rename(&tmp, path).map_err(err)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(pass: u32, url: &str) -> PageRecord {
        PageRecord {
            pass,
            target: Target {
                url: url.into(),
                kind: PageKind::Guide,
                list: 0,
                page: 0,
            },
            status: PageStatus::Ok,
            http: Some(200),
            final_url: None,
            etag: Some("\"v1\"".into()),
            last_modified: None,
            links: Vec::new(),
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
}
