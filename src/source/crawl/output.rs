//! Reads a crawl's output folder back as records for `check`: `items.ndjson` (items, each with its
//! page URL as provenance) and `unreadable.ndjson` (pages that failed, as unreadable records).

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;

use crate::model::Provenance;
use crate::source::json::parse_item_line;
use crate::source::{Reader, Record, SourceError, Unreadable};

/// Reads a crawl output folder.
#[derive(Debug, Default, Clone, Copy)]
pub struct CrawlDirReader;

/// Whether a folder holds a crawl's output.
pub fn is_crawl_dir(path: &Path) -> bool {
    path.is_dir() && path.join("items.ndjson").is_file()
}

impl Reader for CrawlDirReader {
    fn read(&self, path: &Path, sink: &mut dyn FnMut(Record)) -> Result<(), SourceError> {
        let items = path.join("items.ndjson");
        let io = |p: &Path| {
            let p = p.to_owned();
            move |source| SourceError::Io { path: p, source }
        };
        let reader = BufReader::new(File::open(&items).map_err(io(&items))?);
        let name = items.display().to_string();
        for (i, line) in reader.lines().enumerate() {
            let line = line.map_err(io(&items))?;
            if !line.trim().is_empty() {
                sink(parse_item_line(
                    line.trim(),
                    Provenance::row(&name, i as u64 + 1),
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
        Ok(())
    }
}
