//! Reads a crawl's output folder back as records for `check`: `items.ndjson` (items, each with its
//! page URL as provenance) and `unreadable.ndjson` (pages that failed, as unreadable records), with
//! an error notice when they are only part of the platform (`crawl-status.json`: a paused crawl,
//! list pages that failed; a first crawl not finished yet; nothing found at all).

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;

use super::status::CrawlStatus;
use crate::model::Provenance;
use crate::source::json::parse_item_line;
use crate::source::{Notice, NoticeLevel, Reader, Record, SourceError, Unreadable};

/// Reads a crawl output folder.
#[derive(Debug, Default, Clone, Copy)]
pub struct CrawlDirReader;

/// Whether a folder holds a crawl's output, also one whose first crawl has not finished yet (its
/// journal is never to be read as items).
pub fn is_crawl_dir(path: &Path) -> bool {
    path.is_dir() && (path.join("items.ndjson").is_file() || path.join("journal.ndjson").is_file())
}

fn error(dir: &Path, message: String) -> Record {
    Record::Notice(Notice {
        level: NoticeLevel::Error,
        provenance: Provenance::file(dir.display().to_string()),
        message,
    })
}

impl Reader for CrawlDirReader {
    fn read(&self, path: &Path, sink: &mut dyn FnMut(Record)) -> Result<(), SourceError> {
        let items = path.join("items.ndjson");
        let io = |p: &Path| {
            let p = p.to_owned();
            move |source| SourceError::Io { path: p, source }
        };
        if !items.is_file() {
            sink(error(
                path,
                "这里的抓取还没有完成过一次，没有抓取结果（items.ndjson）：抓取可能还在进行，或被中断了；请等它结束，或再次运行同一个 zwfw-audit crawl 命令接着抓取".into(),
            ));
            return Ok(());
        }
        // Whether the status already says why items are missing.
        let mut explained = false;
        match CrawlStatus::read(path) {
            None => {}
            Some(Ok(status)) => {
                for n in status.notices(path) {
                    explained = true;
                    sink(Record::Notice(n));
                }
            }
            Some(Err(e)) => sink(error(
                path,
                format!(
                    "无法读取抓取状态 {}（{e}），不知道抓取是否完成",
                    super::status::FILE
                ),
            )),
        }
        let mut records = 0u64;
        let reader = BufReader::new(File::open(&items).map_err(io(&items))?);
        let name = items.display().to_string();
        for (i, line) in reader.lines().enumerate() {
            let line = line.map_err(io(&items))?;
            if !line.trim().is_empty() {
                records += 1;
                sink(parse_item_line(
                    line.trim(),
                    Provenance::row(name.as_str(), i as u64 + 1),
                ));
            }
        }
        let failed = path.join("unreadable.ndjson");
        if failed.is_file() {
            let reader = BufReader::new(File::open(&failed).map_err(io(&failed))?);
            for (i, line) in reader.lines().enumerate() {
                let line = line.map_err(io(&failed))?;
                if line.trim().is_empty() {
                    continue;
                }
                records += 1;
                match serde_json::from_str::<Unreadable>(&line) {
                    Ok(u) => sink(Record::Unreadable(u)),
                    Err(e) => sink(Record::Unreadable(Unreadable {
                        provenance: Provenance::row(failed.display().to_string(), i as u64 + 1),
                        reason: format!("无法读取: {e}"),
                        code: None,
                        name: None,
                        partial: None,
                    })),
                }
            }
        }
        if records == 0 && !explained {
            sink(error(
                path,
                "抓取没有找到任何事项页面：请查看其中的 crawl-log.csv（列表页的「说明」列写着找到几个链接），核对站点配置的 link_selector、link_pattern 或 items_path".into(),
            ));
        }
        Ok(())
    }
}
