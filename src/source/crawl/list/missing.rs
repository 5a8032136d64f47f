//! Pages of a numbered (`{page}`) list that are not there (HTTP 404 or 410): the number past the
//! last page, tried by number only, ends the list ([`past_the_end`]); a page the page before
//! linked to is a failed list page and the crawl tries the next number
//! ([`past_a_missing_page`]), unless that one is not there either: then the site linked past its
//! last page, and the list ends at the linked page ([`Gaps`]).
//!
//! Not here: reading list pages and their next page (`mod.rs`), a page the site repeats (`ends`).

use std::collections::HashMap;
use std::fmt::Write as _;

use super::{TRY_NEXT, pages_read, target};
use crate::source::crawl::journal::{PageKind, PageRecord, PageStatus, Target};
use crate::source::crawl::profile::CompiledProfile;

/// A page of a `{page}` list that is not there (HTTP 404 or 410) after a page of the list was
/// read, tried by its number only: the list ends before it. Numbered lists are read by trying the
/// next number, and most sites answer the number past the last page with a 404; taken as an
/// unreadable list page, it made every such crawl exit 1 as 「有列表页无法读取」. The list's
/// first page stays a failure, as do other statuses (5xx, 403): the list may well go on past
/// them; so does a page the page before linked to ([`past_a_missing_page`]).
pub(crate) fn past_the_end(rec: &mut PageRecord, status: u16, profile: &CompiledProfile) -> bool {
    if rec.target.linked || !missing_numbered(rec, status, profile) {
        return false;
    }
    let t = &rec.target;
    let Some(l) = profile.lists.get(t.list).map(|l| &l.source) else {
        return false;
    };
    rec.status = PageStatus::Ok;
    rec.message = format!(
        "第 {} 页不存在（HTTP {status}），列表到此结束",
        pages_read(l, t.page)
    );
    true
}

/// A page of a `{page}` list, past its first page, that answers 404 or 410.
fn missing_numbered(rec: &PageRecord, status: u16, profile: &CompiledProfile) -> bool {
    let t = &rec.target;
    profile.lists.get(t.list).is_some_and(|l| {
        matches!(t.kind, PageKind::HtmlList | PageKind::JsonList)
            && l.source.url.contains("{page}")
            && t.page > l.source.first_page
            && matches!(status, 404 | 410)
    })
}

/// A page of a `{page}` list that the page before linked to (its next-page link, its pager) and
/// that answers 404 or 410 stays a failed list page (「有列表页无法读取」), and the crawl goes on
/// to the next page number: the list does not end where the site says it goes on. Taken as the
/// end of the list (h33), it lost every page after it without a word (h34). The next number is
/// tried only: when it is not there either, the list ends there ([`past_the_end`]), and so it did
/// at this page ([`Gaps`]); when `max_pages` reads no page after it, the list ends here.
pub(crate) fn past_a_missing_page(rec: &mut PageRecord, status: u16, profile: &CompiledProfile) {
    if !rec.target.linked || !missing_numbered(rec, status, profile) {
        return;
    }
    let t = rec.target.clone();
    let l = &profile.lists[t.list].source;
    let next = (pages_read(l, t.page) < u64::from(l.max_pages))
        .then(|| profile.list_page_url(t.list, t.page + 1))
        .flatten();
    let Some(next) = next else {
        // No page is read after it: the list ends here anyway.
        rec.status = PageStatus::Ok;
        rec.message = format!(
            "第 {} 页不存在（HTTP {status}），列表到此结束：上一页链接到这一页，但它已是 max_pages 允许读的最后一页",
            pages_read(l, t.page)
        );
        return;
    };
    let _ = write!(
        rec.message,
        "；上一页链接到这一页，列表不在这里结束{TRY_NEXT}{} 页",
        pages_read(l, t.page) + 1
    );
    rec.links
        .push(target(next.to_string(), t.kind, t.list, t.page + 1));
}

/// Linked list pages that were not there ([`past_a_missing_page`]), each held back until the
/// page after it, tried by number, is read. Many CMSs put a "下一页" link (or a pager naming page
/// N + 1) on the last page of a list; since h34 its 404 was a failed list page, and such a site
/// failed every night (「有列表页无法读取」, exit 1) though nothing was lost. When the next
/// number is not there either, or lists nothing, the list has ended at the linked page: it is
/// recorded as the list's end and counts as no failure. When the next number is a page with
/// items, the linked page stays a failed list page (h34). A run that stops before records the
/// held pages as failed ([`Gaps::drain`]); the run that resumes it holds them again
/// ([`Gaps::note`]) and records the list's end over the failure when the next number ends it.
#[derive(Debug, Default)]
pub(crate) struct Gaps {
    /// The held page, by the URL of the next number, and whether it is recorded (as failed).
    held: HashMap<String, (PageRecord, bool)>,
}

impl Gaps {
    /// Holds a linked list page that was not there and whose next number is to be tried, and
    /// gives that target to queue; `None` for other records (and for one whose next number is
    /// already read or queued, `known`), which are recorded as they are.
    pub(crate) fn hold(
        &mut self,
        rec: &PageRecord,
        known: impl Fn(&str) -> bool,
    ) -> Option<Target> {
        let next = self.next_of(rec, &known)?;
        self.held.insert(next.url.clone(), (rec.clone(), false));
        Some(next)
    }

    /// Holds again a page of the pass, recorded as failed by a run that stopped before its next
    /// number was read (`done`: read in the pass).
    pub(crate) fn note(&mut self, rec: &PageRecord, done: impl Fn(&str) -> bool) {
        if let Some(next) = self.next_of(rec, &done) {
            self.held.insert(next.url, (rec.clone(), true));
        }
    }

    /// The next number a linked list page that was not there is waiting for.
    fn next_of(&self, rec: &PageRecord, known: &impl Fn(&str) -> bool) -> Option<Target> {
        let list_kind = matches!(rec.target.kind, PageKind::HtmlList | PageKind::JsonList);
        let missing = rec.http.is_some_and(|h| matches!(h, 404 | 410));
        if !(list_kind && missing && rec.target.linked && rec.status == PageStatus::Failed) {
            return None;
        }
        rec.links
            .iter()
            .find(|l| l.kind == rec.target.kind && l.page == rec.target.page + 1)
            .filter(|next| !known(&next.url) && !self.held.contains_key(&next.url))
            .cloned()
    }

    /// The page held for `next` (the page after it, just read), when it is to be recorded: the
    /// list's end when `next` ended the list ([`ends_the_list`]), else the failed list page
    /// (unless recorded already).
    pub(crate) fn settle(
        &mut self,
        next: &PageRecord,
        profile: &CompiledProfile,
    ) -> Option<PageRecord> {
        let (mut gap, recorded) = self.held.remove(&next.target.url)?;
        if !ends_the_list(next) {
            return (!recorded).then_some(gap);
        }
        let l = &profile.lists.get(gap.target.list)?.source;
        let after = match next.http {
            Some(h @ (404 | 410)) => format!("也不存在（HTTP {h}）"),
            _ => "没有列出事项".to_owned(),
        };
        let n = pages_read(l, gap.target.page);
        gap.status = PageStatus::Ok;
        gap.message = format!(
            "第 {n} 页不存在（HTTP {}），列表到此结束：上一页链接到这一页，但接着试的第 {} 页{after}\
             （网站在最后一页也放了指向下一页的链接，不算读取失败）",
            gap.http.unwrap_or_default(),
            n + 1
        );
        Some(gap)
    }

    /// The held pages not recorded yet, when the run stops: failed list pages for now.
    pub(crate) fn drain(&mut self) -> Vec<PageRecord> {
        self.held
            .drain()
            .filter(|(_, (_, recorded))| !recorded)
            .map(|(_, (gap, _))| gap)
            .collect()
    }
}

/// A list page that leads nowhere: read (or not there, [`past_the_end`]), with no item and no
/// next page.
fn ends_the_list(rec: &PageRecord) -> bool {
    matches!(rec.status, PageStatus::Ok | PageStatus::NotModified)
        && !rec
            .links
            .iter()
            .any(|l| l.kind.is_item() || l.kind == rec.target.kind)
}
