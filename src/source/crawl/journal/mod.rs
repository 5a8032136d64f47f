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
//!
//! This file holds the journal itself: opening (with the folder's lock) and replaying it,
//! appending to it, and what the open pass has done. Not here: what it keeps of a URL
//! ([`PageRecord`] and its parts, in `record`), the crawl log's rows and the result files
//! (`outputs`), the tests (`tests`).

use std::collections::{HashMap, HashSet};
use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

mod outputs;
mod record;
#[cfg(test)]
mod tests;

pub use record::{PageKind, PageRecord, PageStatus, Target};

#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
enum Line {
    PassStart {
        pass: u32,
        profile: String,
        at: String,
    },
    Page(Box<PageRecord>),
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
                        latest.insert(rec.target.url.clone(), *rec);
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
                .map(|u| Line::Page(Box::new(latest[u].clone())))
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
        self.append(&Line::Page(Box::new(rec.clone())))?;
        self.log_row(&rec)?;
        if self.done_set.insert(rec.target.url.clone()) {
            self.done.push(rec.target.url.clone());
        }
        self.latest.insert(rec.target.url.clone(), rec);
        Ok(())
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
