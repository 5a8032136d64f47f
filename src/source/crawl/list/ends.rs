//! Where a list ends besides its last page: a page the site repeats past the last one
//! ([`Repeats`]), a JSON list whose pages gave fewer entries than its total ([`short_lists`]).

use std::collections::HashMap;
use std::fmt::Write as _;

use super::{HAS_NEXT, TRY_NEXT};
use crate::source::crawl::journal::{PageKind, PageRecord, PageStatus};
use crate::source::crawl::profile::CompiledProfile;

/// The item links of the list pages of a pass, to stop a list whose site answers a page number
/// past the end with the last page again (many JSP pagers do): the crawl then asked for every
/// page up to `max_pages`, 500 requests for a list of two pages, every night. A JSON list with a
/// total count stops when the entries received over its pages reach it.
#[derive(Debug, Default)]
pub(crate) struct Repeats {
    pages: HashMap<(usize, u32), Vec<String>>,
}

impl Repeats {
    /// Notes the item links of a list page read earlier in the pass (a resumed crawl).
    pub(crate) fn note(&mut self, rec: &PageRecord) {
        if let Some(items) = Self::items(rec) {
            self.pages.insert((rec.target.list, rec.target.page), items);
        }
    }

    /// Notes a list page's item links; when they are those of the page before, drops its next
    /// page and says so in its message.
    pub(crate) fn check(&mut self, rec: &mut PageRecord) {
        let Some(items) = Self::items(rec) else {
            return;
        };
        let (list, page) = (rec.target.list, rec.target.page);
        let repeated =
            !items.is_empty() && page > 0 && self.pages.get(&(list, page - 1)) == Some(&items);
        self.pages.insert((list, page), items);
        let reached = rec
            .total
            .is_some_and(|total| self.received(list, page) >= total);
        if repeated || reached {
            let t = &rec.target;
            let kind = t.kind;
            rec.links.retain(|l| l.kind != kind);
            if let Some(cut) = [HAS_NEXT, TRY_NEXT]
                .iter()
                .find_map(|w| rec.message.find(w))
            {
                rec.message.truncate(cut);
            }
            if repeated {
                let _ = write!(
                    rec.message,
                    "；与上一页列出的相同（网站把超出的页码当作最后一页），列表到此为止"
                );
            }
        }
    }

    /// Entries received on the pages of `list` up to `page`, this one included.
    fn received(&self, list: usize, page: u32) -> u64 {
        self.pages
            .iter()
            .filter(|((l, p), _)| *l == list && *p <= page)
            .map(|(_, items)| items.len() as u64)
            .sum()
    }

    /// The item links of a list page, in order; `None` for other pages.
    fn items(rec: &PageRecord) -> Option<Vec<String>> {
        matches!(rec.target.kind, PageKind::HtmlList | PageKind::JsonList).then(|| {
            rec.links
                .iter()
                .filter(|l| l.kind.is_item())
                .map(|l| l.url.clone())
                .collect()
        })
    }
}

/// JSON lists whose pages, read to the end, gave fewer entries than the total count the endpoint
/// gave: one record a list, on its last page read, naming the numbers. Without it a platform that
/// answers fewer entries than asked, or stops early, left items out of a "complete" crawl, and the
/// nightly audit took them as removed (已移除). Lists with a page that failed are left out: they
/// are said as failed list pages.
pub(crate) fn short_lists<'a>(
    profile: &CompiledProfile,
    records: impl Iterator<Item = &'a PageRecord>,
) -> Vec<crate::source::crawl::status::FailedList> {
    #[derive(Default)]
    struct Tally<'a> {
        total: Option<u64>,
        received: u64,
        pages: u64,
        failed: bool,
        last: Option<(u32, &'a str)>,
    }
    let mut lists: std::collections::BTreeMap<usize, Tally<'a>> = std::collections::BTreeMap::new();
    for r in records.filter(|r| r.target.kind == PageKind::JsonList) {
        let t = lists.entry(r.target.list).or_default();
        if matches!(r.status, PageStatus::Failed | PageStatus::Skipped) {
            t.failed = true;
            continue;
        }
        // The page past the end ([`super::past_the_end`]) is no page read.
        if r.http.is_some_and(|h| matches!(h, 404 | 410)) {
            continue;
        }
        t.total = t.total.max(r.total);
        t.received += r.links.iter().filter(|l| l.kind.is_item()).count() as u64;
        t.pages += 1;
        if t.last.is_none_or(|(p, _)| r.target.page > p) {
            t.last = Some((r.target.page, &r.target.url));
        }
    }
    lists
        .into_iter()
        .filter_map(|(i, t)| {
            let total = t.total.filter(|&n| t.received < n && !t.failed)?;
            let (_, url) = t.last?;
            let asked = profile
                .lists
                .get(i)
                .and_then(|l| l.source.page_size)
                .map(|n| format!("（每页请求 {n} 个）"))
                .unwrap_or_default();
            Some(crate::source::crawl::status::FailedList {
                url: url.to_owned(),
                reason: format!(
                    "第 {} 个列表接口报告共 {total} 个事项，读了 {} 页{asked}只收到 {} 个，少了 {} 个；\
                     列表没有读全，少的事项不能当作已移除（接口每页返回的可能比请求的少，或翻页提前结束；请核对站点配置的 total_path、max_pages）",
                    i + 1,
                    t.pages,
                    t.received,
                    total - t.received
                ),
            })
        })
        .collect()
}
