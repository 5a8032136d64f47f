//! What a pass leaves for people and for the audit besides the journal: the rows of
//! `crawl-log.csv` ([`Journal::log_row`]) and `items.ndjson` and `unreadable.ndjson`
//! ([`Journal::write_outputs`]).
//!
//! Not here: opening, replaying and appending to the journal, and the log's header (`mod.rs`).

use std::collections::HashSet;

use super::{Journal, LOG, PageRecord, PageStatus, Result, write_lines};
use crate::model::{Item, Provenance};
use crate::source::Unreadable;

/// Keeps a CSV cell from being read as a formula by Excel/WPS (the fix lists' guard).
fn cell(s: &str) -> String {
    crate::report::fixlist::guard(s).into_owned()
}

impl Journal {
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
                provenance: Provenance::file(r.target.url.as_str()),
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
