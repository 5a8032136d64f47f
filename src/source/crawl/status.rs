//! `crawl-status.json`: what the item files of a crawl's output folder stand for, written with
//! them at the end of every run — whether the pass behind them finished, why it stopped, which
//! list pages could not be read. `check` and `audit` read it back ([`super::output`]) and say,
//! as an error notice, when the items are only part of the platform: a night's audit of a
//! paused crawl then counts as incomplete input instead of taking the missing items as 已移除.
//!
//! Guide pages kept from an earlier read over a passing failure are said too, as a warning: the
//! items are there, but not as of tonight.
//!
//! Not here: the journal that lets a crawl resume ([`super::journal`]).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::model::Provenance;
use crate::source::{Notice, NoticeLevel};

/// The file name in the output folder.
pub const FILE: &str = "crawl-status.json";

/// A page that could not be read: a list page (the items it lists were never found) or a guide
/// page whose earlier item was kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FailedList {
    /// The list page's URL.
    pub url: String,
    /// Why, in Chinese (`失败: HTTP 404`, `跳过: robots.txt 禁止抓取`).
    pub reason: String,
}

/// How the last run left the folder's `items.ndjson` and `unreadable.ndjson`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CrawlStatus {
    /// The profile's name.
    pub profile: String,
    /// The pass (轮次) the item files hold.
    pub pass: u32,
    /// Whether that pass went through every page it found.
    pub complete: bool,
    /// Why it stopped early, in Chinese.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stopped: Option<String>,
    /// List pages of the pass that could not be read.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub failed_lists: Vec<FailedList>,
    /// Guide pages that could not be read this time whose item read earlier was kept.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub carried: Vec<FailedList>,
    /// A later pass that has started since and not ended (killed, or still running): the item
    /// files are still those of `pass`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub running: Option<Running>,
    /// Items written.
    pub items: usize,
    /// Unreadable records written.
    pub unreadable: usize,
    /// When the run ended (RFC 3339).
    pub at: String,
}

/// A pass that has started and not ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Running {
    /// The pass (轮次).
    pub pass: u32,
    /// When it started (RFC 3339).
    pub since: String,
}

impl CrawlStatus {
    /// Notes in `dir`'s status, before a run of pass `pass` begins, that a later pass than the
    /// one of the item files has started. A nightly crawl killed (shutdown, Ctrl+C, a cron
    /// timeout) before its end wrote no status: the folder went on saying the night before was
    /// complete, and the audit took last night's items for tonight's without a word.
    pub fn mark_running(dir: &Path, pass: u32) -> Result<(), (PathBuf, std::io::Error)> {
        let Some(Ok(mut status)) = Self::read(dir) else {
            return Ok(());
        };
        if status.pass == pass || status.running.as_ref().is_some_and(|r| r.pass == pass) {
            return Ok(());
        }
        status.running = Some(Running {
            pass,
            since: jiff::Timestamp::now().to_string(),
        });
        status.write(dir)
    }

    /// Writes the status into `dir` (through a temporary file, so a reader never sees half).
    pub fn write(&self, dir: &Path) -> Result<(), (PathBuf, std::io::Error)> {
        let path = dir.join(FILE);
        let err = |e: std::io::Error| (path.clone(), e);
        let text = serde_json::to_string_pretty(self).map_err(|e| err(e.into()))?;
        let tmp = dir.join(format!("{FILE}.tmp"));
        std::fs::write(&tmp, text).map_err(err)?;
        std::fs::rename(&tmp, &path).map_err(err)
    }

    /// Reads the status of `dir`: `None` when there is none (a folder of an older version).
    pub fn read(dir: &Path) -> Option<Result<Self, String>> {
        let text = std::fs::read_to_string(dir.join(FILE)).ok()?;
        Some(serde_json::from_str(&text).map_err(|e| e.to_string()))
    }

    /// What a reader of the folder must be told: the items are only part of the platform.
    pub fn notices(&self, dir: &Path) -> Vec<Notice> {
        let place = Provenance::file(dir.display().to_string());
        let mut out = Vec::new();
        if !self.complete {
            out.push(Notice {
                level: NoticeLevel::Error,
                provenance: place.clone(),
                message: format!(
                    "抓取没有完成（{}），这里只有第{}轮已抓到的 {} 个事项，其余事项没有读到；再次运行 zwfw-audit crawl 接着抓取",
                    self.stopped.as_deref().unwrap_or("中途停止"),
                    self.pass,
                    self.items
                ),
            });
        }
        if let Some(r) = &self.running {
            out.push(Notice {
                level: NoticeLevel::Error,
                provenance: place.clone(),
                message: format!(
                    "第{}轮抓取（{} 开始）没有结束：被中断了，或者还在进行；这里仍是第{}轮（{}）抓到的 {} 个事项，不是最新的。等抓取结束，或再次运行同一个 zwfw-audit crawl 命令接着抓取",
                    r.pass,
                    crate::report::display_time(&r.since),
                    self.pass,
                    crate::report::display_time(&self.at),
                    self.items
                ),
            });
        }
        if !self.failed_lists.is_empty() {
            out.push(Notice {
                level: NoticeLevel::Error,
                provenance: place,
                message: format!(
                    "{} 个列表页无法读取，这些页上列出的事项可能没有抓全: {}",
                    self.failed_lists.len(),
                    list_pages(&self.failed_lists)
                ),
            });
        }
        if !self.carried.is_empty() {
            out.push(Notice {
                level: NoticeLevel::Warning,
                provenance: Provenance::file(dir.display().to_string()),
                message: format!(
                    "{} 个指南页这次没有读到（超时、网站出错或维护），沿用之前读到的内容: {}",
                    self.carried.len(),
                    list_pages(&self.carried)
                ),
            });
        }
        out
    }
}

/// `url（reason）; …`, the first three and a count of the rest.
pub fn list_pages(failed: &[FailedList]) -> String {
    const SHOWN: usize = 3;
    let mut text = failed
        .iter()
        .take(SHOWN)
        .map(|f| format!("{}（{}）", f.url, f.reason))
        .collect::<Vec<_>>()
        .join("；");
    if failed.len() > SHOWN {
        let _ = write!(text, "；另有 {} 个见 crawl-log.csv", failed.len() - SHOWN);
    }
    text
}
