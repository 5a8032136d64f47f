//! Reads a crawl's output folder back as records for `check`: `items.ndjson` (items, each with its
//! page URL as provenance) and `unreadable.ndjson` (pages that failed, as unreadable records), with
//! an error notice when they are only part of the platform (`crawl-status.json`: a paused crawl,
//! list pages that failed; a first crawl not finished yet; nothing found at all).

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

use super::status::CrawlStatus;
use crate::config::Labels;
use crate::model::Provenance;
use crate::source::json::read_ndjson;
use crate::source::json_labels::{self, LabelledFile};
use crate::source::{Notice, NoticeLevel, Reader, Record, SourceError, Unreadable};

/// Reads a crawl output folder.
#[derive(Debug, Default, Clone)]
pub struct CrawlDirReader {
    /// Header synonyms (`[labels]`), as for a JSON file.
    pub labels: Labels,
}

/// Whether a folder holds a crawl's output, also one whose first crawl has not finished yet (its
/// journal is never to be read as items).
pub fn is_crawl_dir(path: &Path) -> bool {
    path.is_dir() && (path.join("items.ndjson").is_file() || path.join("journal.ndjson").is_file())
}

fn error(dir: &Path, message: String) -> Notice {
    Notice {
        level: NoticeLevel::Error,
        provenance: Provenance::file(dir.display().to_string()),
        message,
    }
}

/// What a crawl folder says before its items ([`CrawlFolder::open`]); its items file is read as
/// NDJSON (by the streaming check too), then its failed pages ([`CrawlFolder::failed`]).
#[derive(Debug, Clone)]
pub(crate) struct CrawlFolder {
    /// The notices told before the items: no crawl finished yet, a crawl paused or cut short,
    /// list pages that failed, a status that cannot be read.
    pub(crate) before: Vec<Notice>,
    /// `items.ndjson`, when a crawl has written it.
    pub(crate) items: Option<PathBuf>,
    /// The status already says why items are missing.
    explained: bool,
    dir: PathBuf,
}

impl CrawlFolder {
    pub(crate) fn open(dir: &Path) -> Self {
        let items = dir.join("items.ndjson");
        let mut folder = Self {
            before: Vec::new(),
            items: None,
            explained: false,
            dir: dir.to_owned(),
        };
        if !items.is_file() {
            folder.before.push(error(
                dir,
                "这里的抓取还没有完成过一次，没有抓取结果（items.ndjson）：抓取可能还在进行，或被中断了；请等它结束，或再次运行同一个 zwfw-audit crawl 命令接着抓取".into(),
            ));
            return folder;
        }
        folder.items = Some(items);
        match CrawlStatus::read(dir) {
            None => {}
            Some(Ok(status)) => {
                let notices = status.notices(dir);
                folder.explained = !notices.is_empty();
                folder.before.extend(notices);
            }
            Some(Err(e)) => folder.before.push(error(
                dir,
                format!(
                    "无法读取抓取状态 {}（{e}），不知道抓取是否完成",
                    super::status::FILE
                ),
            )),
        }
        folder
    }

    /// The pages that failed (`unreadable.ndjson`), as unreadable records.
    pub(crate) fn failed(&self) -> Result<Vec<Record>, SourceError> {
        let failed = self.dir.join("unreadable.ndjson");
        let mut out = Vec::new();
        if !failed.is_file() {
            return Ok(out);
        }
        let io = |source| SourceError::Io {
            path: failed.clone(),
            source,
        };
        let reader = BufReader::new(File::open(&failed).map_err(io)?);
        for (i, line) in reader.lines().enumerate() {
            let line = line.map_err(io)?;
            if line.trim().is_empty() {
                continue;
            }
            out.push(match serde_json::from_str::<Unreadable>(&line) {
                Ok(u) => Record::Unreadable(u),
                Err(e) => Record::Unreadable(Unreadable {
                    provenance: Provenance::row(failed.display().to_string(), i as u64 + 1),
                    reason: format!("无法读取: {e}"),
                    code: None,
                    name: None,
                    partial: None,
                }),
            });
        }
        Ok(out)
    }

    /// Told after a crawl that found no page at all (`records` read), unless said already.
    pub(crate) fn nothing_found(&self, records: u64) -> Option<Notice> {
        (records == 0 && !self.explained && self.items.is_some()).then(|| {
            error(
                &self.dir,
                "抓取没有找到任何事项页面：请查看其中的 crawl-log.csv（列表页的「说明」列写着找到几个链接），核对站点配置的 link_selector、link_pattern 或 items_path".into(),
            )
        })
    }
}

impl Reader for CrawlDirReader {
    fn read(&self, path: &Path, sink: &mut dyn FnMut(Record)) -> Result<(), SourceError> {
        let folder = CrawlFolder::open(path);
        for n in &folder.before {
            sink(Record::Notice(n.clone()));
        }
        let Some(items) = &folder.items else {
            return Ok(());
        };
        // Read as the JSON reader reads NDJSON (and as the streaming check does): a line that
        // is not UTF-8 is one unreadable record, not the end of the file.
        let io = |source| SourceError::Io {
            path: items.clone(),
            source,
        };
        let name = items.display().to_string();
        let tables = json_labels::tables(&self.labels);
        let mut labelled = LabelledFile::new(&tables);
        let mut records = 0u64;
        let file = File::open(items).map_err(io)?;
        read_ndjson(file, &name, &mut labelled, &mut |r| {
            records += 1;
            sink(r);
        })
        .map_err(io)?;
        for n in labelled.notices(&name) {
            sink(Record::Notice(n));
        }
        for r in folder.failed()? {
            records += 1;
            sink(r);
        }
        if let Some(n) = folder.nothing_found(records) {
            sink(Record::Notice(n));
        }
        Ok(())
    }
}
