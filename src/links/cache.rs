//! The link cache across runs: URL → last final [`LinkCheck`] (verdict, validators, content hash,
//! what the content showed, when), in one JSON file `links-cache.json` in the cache folder.
//!
//! JSON rather than SQLite: the cache is read whole at the start of a run and written whole at the
//! end by one process, holds one small record per distinct URL (a province has a few ten thousand),
//! and staff can open it to see why a link was judged as it was. The file is replaced atomically
//! (written beside, then renamed), so an interrupted run never leaves half a cache. Only final
//! results are stored: transport errors and unverifiable links are checked again next run. No
//! file content is kept, only its hash and the masked findings.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::LinksError;
use super::probe::{LinkCheck, LinkVerdict};

/// The cache file's name inside the cache folder.
pub const CACHE_FILE: &str = "links-cache.json";
/// Raised whenever what a check learns changes, so that no result of an older build, which
/// learnt less, is reused as clean: 2 since PDF samples are read for personal numbers (a PDF
/// with an ID number was cached clean by version 1, and a 304 would have kept it so); 3 since
/// text inside form XObjects and of Word 97–2003 documents is read (an imported page was cached
/// as a scan, a `.doc` sample as unread); 4 since Excel 97–2003 workbooks (`.xls`, `.et`) are
/// read (a sample in one was cached as unread); 5 since RTF documents are read (likewise).
const VERSION: u32 = 5;

/// URL → last final check.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LinkCache {
    version: u32,
    entries: BTreeMap<String, LinkCheck>,
}

impl LinkCache {
    /// The cache in `dir`, or an empty one (with a note saying why when the file was unusable).
    pub fn load(dir: &Path) -> (Self, Option<String>) {
        let path = dir.join(CACHE_FILE);
        let empty = Self {
            version: VERSION,
            entries: BTreeMap::new(),
        };
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return (empty, None),
            Err(e) => {
                return (
                    empty,
                    Some(format!(
                        "无法读取链接缓存 {}，本次全部重新检查: {e}",
                        path.display()
                    )),
                );
            }
        };
        match serde_json::from_str::<Self>(&text) {
            Ok(c) if c.version == VERSION => (c, None),
            Ok(_) => (
                empty,
                Some("链接缓存是旧版本程序写的，本次全部重新检查（只是多花些时间）".to_owned()),
            ),
            Err(e) => (
                empty,
                Some(format!(
                    "链接缓存 {} 已损坏，本次全部重新检查: {e}",
                    path.display()
                )),
            ),
        }
    }

    /// Writes the cache to `dir/links-cache.json` (creating `dir`), atomically.
    pub fn save(&self, dir: &Path) -> Result<(), LinksError> {
        let path = dir.join(CACHE_FILE);
        let err = |source| LinksError::CacheWrite {
            path: path.clone(),
            source,
        };
        std::fs::create_dir_all(dir).map_err(err)?;
        let tmp: PathBuf = dir.join(format!("{CACHE_FILE}.tmp"));
        let json = serde_json::to_vec_pretty(self).map_err(|e| err(e.into()))?;
        std::fs::write(&tmp, json).map_err(err)?;
        std::fs::rename(&tmp, &path).map_err(err)
    }

    /// The cached check of a URL.
    pub fn get(&self, url: &str) -> Option<&LinkCheck> {
        self.entries.get(url)
    }

    /// Keeps a final check (never an unverifiable one).
    pub fn store(&mut self, check: &LinkCheck) {
        if check.verdict == LinkVerdict::Unverifiable {
            return;
        }
        let mut c = check.clone();
        c.requests = 0;
        c.from_cache = false;
        self.version = VERSION;
        self.entries.insert(c.url.clone(), c);
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the cache is empty.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A cache an older build wrote is not reused: its clean results were judged by less (a PDF
    /// sample with an ID number was clean to version 1, which did not read PDFs).
    #[test]
    fn an_older_builds_cache_is_checked_again() {
        let dir = tempfile::tempdir().unwrap();
        let url = "https://zwfw.chizhou.gov.cn/files/营业执照（样本）.pdf";
        let mut cache = LinkCache::default();
        cache.store(&LinkCheck::new(url, "2026-11-29T02:00:00Z"));
        cache.save(dir.path()).unwrap();
        let (read, notice) = LinkCache::load(dir.path());
        assert_eq!(
            (read.get(url).map(|c| c.verdict), notice),
            (Some(LinkVerdict::Ok), None)
        );
        // The same file as an older build wrote it.
        let path = dir.path().join(CACHE_FILE);
        let mut old: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        old["version"] = (VERSION - 1).into();
        std::fs::write(&path, old.to_string()).unwrap();
        let (cache, notice) = LinkCache::load(dir.path());
        assert!(cache.is_empty());
        assert!(notice.unwrap().contains("旧版本"));
    }
}
