//! List pages: the guide links and the next page of an HTML list, the entries of a JSON list, and
//! what is said about the paging — a "下一页" link the profile does not follow, a page the site
//! repeats past the last one, the `max_pages` limit — so that a list read only in part never
//! ends as a "complete" crawl without a word.
//!
//! Not here: fetching (`visit`), reading guide pages (`html`, `json`).

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

use regex::Regex;
use scraper::{ElementRef, Html, Selector};
use serde_json::Value;
use url::Url;

use super::html::href;
use super::journal::{PageKind, PageRecord, PageStatus, Target};
use super::json;
use super::profile::{CompiledList, CompiledProfile, ListSource};

/// What a list page links to.
#[derive(Debug, Default)]
pub(crate) struct ListLinks {
    /// Guide pages, absolute, in page order, without duplicates or fragments.
    pub guides: Vec<Url>,
    /// The next list page, when a next-link selector is set and found.
    pub next: Option<Url>,
    /// Links the link selector found (before `link_pattern` and the list's own pages were left
    /// out), for the message when no guide link is left.
    pub matched: usize,
    /// A "下一页" link on the page when `next_selector` is not set or found nothing.
    pub unfollowed: Option<NextLink>,
}

/// A "下一页" link the profile does not follow: without a word, the crawl read the first page of
/// the list and ended "complete".
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NextLink {
    /// Its `href` as written (`index_2.html`, `javascript:goPage(2)`).
    pub href: String,
    /// Its absolute URL, when it is a link a crawl can follow.
    pub url: Option<Url>,
    /// A `next_selector` that finds it, when one can be told from its class, id or title.
    pub selector: Option<String>,
}

/// Words in a list page's message that the crawl also says as a notice (see [`notice`]).
const NOT_FOLLOWED: &str = "只读了这一页";
const LIMIT: &str = "后面的页没有读";

/// Reads guide links and the next-page link of a list page.
pub(crate) fn list_links(text: &str, page: &Url, list: &CompiledList) -> ListLinks {
    let doc = Html::parse_document(text);
    let mut out = ListLinks::default();
    if let Some(next) = &list.next {
        out.next = doc
            .select(next)
            .find_map(|a| href(a, page))
            .filter(|u| u != page);
    }
    if out.next.is_none() {
        out.unfollowed = next_link(&doc, page);
    }
    let mut seen = HashSet::new();
    for a in doc.select(&list.links) {
        let Some(url) = href(a, page) else { continue };
        out.matched += 1;
        if list
            .pattern
            .as_ref()
            .is_some_and(|p| !p.is_match(url.as_str()))
        {
            continue;
        }
        // The pager's links (the next page among them) are the list's, not guides.
        let list_page = out.next.as_ref() == Some(&url)
            || url == *page
            || list
                .pages
                .as_ref()
                .is_some_and(|p| p.is_match(url.as_str()));
        if !list_page && seen.insert(url.to_string()) {
            out.guides.push(url);
        }
    }
    out
}

/// The page's "下一页" link (by its text or title), with a selector that finds it.
fn next_link(doc: &Html, page: &Url) -> Option<NextLink> {
    let anchors = Selector::parse("a").expect("valid selector");
    let is_next = |a: &ElementRef<'_>| {
        let text: String = a
            .text()
            .flat_map(str::chars)
            .filter(|c| !c.is_whitespace() && !matches!(c, '>' | '›' | '»' | '〉' | '＞'))
            .collect();
        matches!(text.as_str(), "下一页" | "下页" | "后一页")
            || a.attr("title").is_some_and(|t| t.trim() == "下一页")
    };
    let a = doc.select(&anchors).find(is_next)?;
    let href: String = a
        .attr("href")
        .unwrap_or_default()
        .trim()
        .chars()
        .filter(|c| !c.is_control())
        .take(120)
        .collect();
    let url = (!href.is_empty() && !href.starts_with('#') && !href.starts_with("javascript:"))
        .then(|| page.join(&href).ok())
        .flatten();
    let plain = |s: &str| {
        s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
    };
    let class = a
        .value()
        .classes()
        .find(|c| plain(c))
        .map(|c| format!("a.{c}"));
    let id = a.value().id().filter(|i| plain(i)).map(|i| format!("#{i}"));
    let title = a
        .attr("title")
        .filter(|t| t.trim() == "下一页")
        .map(|_| "a[title='下一页']".to_owned());
    // Only a selector whose first match is this very link (a.btn may find 上一页 first).
    let selector = [class, id, title].into_iter().flatten().find(|s| {
        Selector::parse(s)
            .ok()
            .and_then(|sel| doc.select(&sel).next())
            .is_some_and(|first| first.id() == a.id())
    });
    Some(NextLink {
        href,
        url,
        selector,
    })
}

/// Reads an HTML list page into the record: its guide links and next page.
pub(crate) fn read_html(rec: &mut PageRecord, text: &str, page: &Url, profile: &CompiledProfile) {
    let t = rec.target.clone();
    let Some(list) = profile.lists.get(t.list) else {
        return;
    };
    let found = list_links(text, page, list);
    let guides = found.guides.len();
    rec.links = found
        .guides
        .into_iter()
        .map(|u| target(u.to_string(), PageKind::Guide, t.list, 0))
        .collect();
    let l = &list.source;
    let next = match found.next {
        Some(_) if pages_read(l, t.page) >= u64::from(l.max_pages) => Next::Limit,
        Some(u) => Next::Page(u),
        None => next_page(profile, t.list, t.page, guides > 0),
    };
    rec.status = PageStatus::Ok;
    rec.message = if guides > 0 {
        format!("指南链接 {guides} 个")
    } else {
        no_guide_links(l, found.matched)
    };
    say_next(rec, &next, l);
    if let Next::Page(n) = next {
        rec.links.push(target(
            n.to_string(),
            PageKind::HtmlList,
            t.list,
            t.page + 1,
        ));
    } else if let Some(n) = found.unfollowed.filter(|_| !l.url.contains("{page}")) {
        rec.message.push_str(&unfollowed(&n, l));
    }
}

/// Reads a JSON list page into the record: a detail URL per entry, and the next page.
pub(crate) fn read_json(rec: &mut PageRecord, text: &str, profile: &CompiledProfile) {
    let t = rec.target.clone();
    let Some(list) = profile.lists.get(t.list) else {
        return;
    };
    let value: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            rec.message = crate::source::json_error::syntax(&e, text, true);
            return;
        }
    };
    let l = &list.source;
    let entries_path = json::parse_path(l.items_path.as_deref().unwrap_or("")).unwrap_or_default();
    let entries = json::first(&value, &entries_path)
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let template = l.detail_url.as_deref().unwrap_or_default();
    // Entries that gave no detail URL, and the first placeholder that was missing.
    let mut unfilled: (usize, Option<String>) = (0, None);
    for entry in &entries {
        match fill(template, entry) {
            Ok(p) => {
                if let Ok(u) = profile.base.join(&p) {
                    rec.links
                        .push(target(u.to_string(), PageKind::JsonDetail, t.list, 0));
                }
            }
            Err(key) => {
                unfilled.0 += 1;
                unfilled.1.get_or_insert(key);
            }
        }
    }
    let total = l
        .total_path
        .as_deref()
        .and_then(|p| json::parse_path(p).ok())
        .and_then(|p| json::first(&value, &p).map(json::text))
        .and_then(|s| s.parse::<u64>().ok());
    // The paging goes on while pages have entries: whether the total is reached is told by the
    // entries received over the pages ([`Repeats::check`]), not by `page_size` — platforms cap
    // the page size they answer (asked for 20, they send 10).
    rec.total = total;
    let next = next_page(profile, t.list, t.page, !entries.is_empty());
    rec.status = PageStatus::Ok;
    rec.message = if entries.is_empty() {
        match l.items_path.as_deref() {
            Some(p) if !p.is_empty() => {
                format!("没有找到条目（items_path「{p}」处不是非空的数组）")
            }
            _ => "没有找到条目（返回的不是数组；条目列表在哪个字段下，用 items_path 写明）"
                .to_owned(),
        }
    } else if let (n, Some(key)) = unfilled {
        format!(
            "条目 {} 个，其中 {n} 个无法生成详情网址：detail_url「{template}」中的 {{{key}}} 在条目中为空或没有这个字段",
            entries.len()
        )
    } else {
        format!("条目 {} 个", entries.len())
    };
    say_next(rec, &next, l);
    if let Next::Page(n) = next {
        rec.links.push(target(
            n.to_string(),
            PageKind::JsonList,
            t.list,
            t.page + 1,
        ));
    }
}

/// Why a list page gave no guide link, naming the profile keys to look at.
fn no_guide_links(list: &ListSource, matched: usize) -> String {
    let selector = list.link_selector.as_deref().unwrap_or("a[href]");
    let mut text = format!("没有找到指南链接（link_selector「{selector}」找到 {matched} 个链接");
    if let Some(p) = &list.link_pattern
        && matched > 0
    {
        let _ = write!(text, "，都不符合 link_pattern「{p}」或是列表自己的翻页链接");
    }
    text.push('）');
    text
}

/// A "下一页" link that is not followed, and what to write in the profile to follow it.
fn unfollowed(n: &NextLink, l: &ListSource) -> String {
    let Some(url) = &n.url else {
        return format!(
            "；页面上的「下一页」是脚本链接（{}），不能按链接翻页，{NOT_FOLLOWED}：在浏览器里翻到第 2 页，\
             网址中有页码的（如 index_2.html、list.jsp?page=2），把 [[list]] 的 url 写成带 {{page}} 的形式\
             （如 list.jsp?page={{page}}）；网址不变的，列表来自 JSON 接口，改用 kind = \"json\"（见 profiles/README.md）",
            n.href
        );
    };
    let why = match &l.next_selector {
        Some(s) => format!(" next_selector「{s}」没有找到它"),
        None => "站点配置没有写 next_selector".to_owned(),
    };
    let fix = match &n.selector {
        Some(s) => format!("在 [[list]] 中写 next_selector = \"{s}\""),
        None => "在 [[list]] 中写 next_selector，写成能找到这个链接的 CSS 选择器（如 a.next）"
            .to_owned(),
    };
    format!("；页面上有「下一页」链接 {url}，但{why}，{NOT_FOLLOWED}：{fix}")
}

/// Where the paging goes after a list page.
enum Next {
    /// To this page.
    Page(Url),
    /// Nowhere: the last page, or a list without paging.
    End,
    /// Nowhere, because the list's `max_pages` are read.
    Limit,
}

/// Adds to a list page's message where the paging goes.
fn say_next(rec: &mut PageRecord, next: &Next, l: &ListSource) {
    match next {
        Next::Page(_) => rec.message.push_str("，有下一页"),
        Next::End => {}
        Next::Limit => {
            let _ = write!(
                rec.message,
                "；已读到 max_pages 上限 {} 页，{LIMIT}（列表确实更长时，调大站点配置 [[list]] 的 max_pages）",
                l.max_pages
            );
        }
    }
}

/// Pages of a list read up to page `page`, this one included.
fn pages_read(l: &ListSource, page: u32) -> u64 {
    u64::from(page.saturating_sub(l.first_page)) + 1
}

/// The next page of a page-parameter list: while pages have entries, up to `max_pages` (a JSON
/// list's total count is reached in [`Repeats::check`], by the entries received).
fn next_page(profile: &CompiledProfile, list: usize, page: u32, had_entries: bool) -> Next {
    let Some(l) = profile.lists.get(list).map(|l| &l.source) else {
        return Next::End;
    };
    if !l.url.contains("{page}") || !had_entries {
        return Next::End;
    }
    let read = pages_read(l, page);
    if read >= u64::from(l.max_pages) {
        return Next::Limit;
    }
    profile
        .list_page_url(list, page + 1)
        .map_or(Next::End, Next::Page)
}

/// `api/item/{rowguid}` with the entry's values; the first placeholder the entry lacks when one
/// is empty or missing.
fn fill(template: &str, entry: &Value) -> Result<String, String> {
    static RE: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
    let re = RE.get_or_init(|| Regex::new(r"\{([^{}]+)\}").expect("valid pattern"));
    let mut missing: Option<String> = None;
    let out = re.replace_all(template, |c: &regex::Captures<'_>| {
        let v = json::parse_path(&c[1])
            .ok()
            .and_then(|p| json::first(entry, &p).map(json::text))
            .unwrap_or_default();
        if v.is_empty() {
            missing.get_or_insert_with(|| c[1].to_owned());
        }
        url::form_urlencoded::byte_serialize(v.as_bytes()).collect::<String>()
    });
    match missing {
        Some(key) => Err(key),
        None => Ok(out.into_owned()),
    }
}

pub(crate) fn target(url: String, kind: PageKind, list: usize, page: u32) -> Target {
    Target {
        url,
        kind,
        list,
        page,
    }
}

/// A notice for a list page the crawl should say while it runs: the first page of a list that
/// led to no guide or detail (the profile's link selector, pattern or items path is likely
/// wrong), a first page whose "下一页" is not followed, a page where `max_pages` stopped the list.
pub(crate) fn notice(profile: &CompiledProfile, rec: &PageRecord) -> Option<String> {
    let t = &rec.target;
    let first = profile.lists.get(t.list)?.source.first_page;
    if !matches!(t.kind, PageKind::HtmlList | PageKind::JsonList)
        || rec.status == PageStatus::Failed
    {
        return None;
    }
    let leads = rec.links.iter().any(|l| l.kind.is_item());
    let first_page = t.page == first && (!leads || rec.message.contains(NOT_FOLLOWED));
    (first_page || rec.message.contains(LIMIT)).then(|| {
        let which = if t.page == first {
            "第一页".to_owned()
        } else {
            format!(
                "第 {} 页",
                pages_read(&profile.lists[t.list].source, t.page)
            )
        };
        format!(
            "第 {} 个列表的{which} {} {}，请核对站点配置",
            t.list + 1,
            t.url,
            rec.message
        )
    })
}

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
            if let Some(cut) = rec.message.find("，有下一页") {
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
) -> Vec<super::status::FailedList> {
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
            Some(super::status::FailedList {
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
