//! List pages: the guide links and the next page of an HTML list, the entries of a JSON list, and
//! what is said about the paging — a "下一页" link the profile does not follow, a page the site
//! repeats past the last one, the `max_pages` limit — so that a list read only in part never
//! ends as a "complete" crawl without a word.
//!
//! Not here: fetching (`visit`), reading guide pages (`html`, `json`); where a list ends
//! (`ends`: a page that repeats the one before, a JSON list short of its total); a page of a
//! numbered list that is not there (`missing`).

mod ends;
mod missing;
#[cfg(test)]
mod tests;

pub(crate) use ends::{Repeats, short_lists};
pub(crate) use missing::{Gaps, past_a_missing_page, past_the_end};

use std::collections::HashSet;
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
    /// Every link on the page, absolute and without fragments: whether its pager names the page
    /// a `{page}` template makes next ([`Target::linked`]).
    pub anchors: HashSet<Url>,
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
/// How a list page's message says where the paging goes: a next page it links to, or the next
/// page number tried (the last page of a `{page}` list said 有下一页 though it had none).
pub(super) const HAS_NEXT: &str = "，有下一页";
pub(super) const TRY_NEXT: &str = "，接着读第 ";

/// Reads guide links and the next-page link of a list page.
pub(crate) fn list_links(text: &str, page: &Url, list: &CompiledList) -> ListLinks {
    let doc = Html::parse_document(text);
    let mut out = ListLinks::default();
    if let Some(next) = &list.next {
        out.next = doc
            .select(next)
            .filter(|a| !disabled(*a))
            .find_map(|a| href(a, page))
            .filter(|u| u != page);
    }
    if out.next.is_none() {
        out.unfollowed = next_link(&doc, page);
    }
    let anchors = Selector::parse("a[href]").expect("valid selector");
    out.anchors = doc
        .select(&anchors)
        .filter(|a| !disabled(*a))
        .filter_map(|a| href(a, page))
        .collect();
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
    let a = doc
        .select(&anchors)
        .filter(|a| !disabled(*a) && !a.attr("href").is_some_and(|h| is_nowhere(h, a, page)))
        .find(is_next)?;
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

/// A pager link that is switched off: its class or its parent's says `disabled` (Bootstrap's
/// `<li class="disabled"><a>`, layui's `layui-disabled`), or it is marked `disabled` or
/// `aria-disabled`. Many CMSs leave "下一页" on the last page so; it leads to no next page.
fn disabled(a: ElementRef<'_>) -> bool {
    let off = |e: ElementRef<'_>| {
        e.value()
            .classes()
            .any(|c| c.to_ascii_lowercase().contains("disabled"))
    };
    off(a)
        || a.attr("disabled").is_some()
        || a.attr("aria-disabled").is_some_and(|v| v.trim() == "true")
        || a.parent().and_then(ElementRef::wrap).is_some_and(off)
}

/// A "下一页" whose `href` leads nowhere: to this very page, or `#`, `javascript:void(0)`,
/// `javascript:;` or nothing with no `onclick` to page by script (a last page's 下一页).
fn is_nowhere(href: &str, a: &ElementRef<'_>, page: &Url) -> bool {
    let h = href.trim();
    let inert = h.is_empty()
        || h.starts_with('#')
        || matches!(
            h.trim_end_matches(';').to_ascii_lowercase().as_str(),
            "javascript:void(0)" | "javascript:void 0" | "javascript:" | "javascript:void(null)"
        );
    if inert {
        return a.attr("onclick").is_none_or(|c| c.trim().is_empty());
    }
    page.join(h).is_ok_and(|mut u| {
        u.set_fragment(None);
        u == *page
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
    // The next page is linked when the page names it: its next-page link, or its pager.
    let linked = match &next {
        Next::Page(_) => true,
        Next::Try(u) => found.anchors.contains(u),
        Next::End | Next::Limit => false,
    };
    rec.status = PageStatus::Ok;
    rec.message = if guides > 0 {
        format!("指南链接 {guides} 个")
    } else {
        no_guide_links(l, found.matched)
    };
    say_next(rec, &next, l, t.page);
    if let Next::Page(n) | Next::Try(n) = next {
        rec.links.push(Target {
            linked,
            ..target(n.to_string(), PageKind::HtmlList, t.list, t.page + 1)
        });
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
    say_next(rec, &next, l, t.page);
    if let Next::Page(n) | Next::Try(n) = next {
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
    /// To this page, which the page links to.
    Page(Url),
    /// To this page, which the list's `{page}` template makes: it is tried, and may not be there
    /// (a 404 past the last page ends the list, [`past_the_end`]).
    Try(Url),
    /// Nowhere: the last page, or a list without paging.
    End,
    /// Nowhere, because the list's `max_pages` are read.
    Limit,
}

/// Adds to a list page's message where the paging goes (`page` is this page's number).
fn say_next(rec: &mut PageRecord, next: &Next, l: &ListSource, page: u32) {
    match next {
        Next::Page(_) => rec.message.push_str(HAS_NEXT),
        Next::Try(_) => {
            let _ = write!(rec.message, "{TRY_NEXT}{} 页", pages_read(l, page) + 1);
        }
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
pub(super) fn pages_read(l: &ListSource, page: u32) -> u64 {
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
        .map_or(Next::End, Next::Try)
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
        linked: false,
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
