//! Sections a guide page shows that gave no row: a page with a 申请材料 heading and no material
//! read is a profile that misses how the page writes its headings or tables (`<div
//! class="guide-title">申请材料</div>`), not a unit without materials. The crawl log says so for
//! the page, and the crawl's summary counts such pages.

use std::fmt::Write as _;

use scraper::{ElementRef, Html};

use super::text_of;
use crate::model::Item;
use crate::source::crawl::labels::{Section, section_of};

/// Words of a guide page's log message that say it has an unread section (counted at the end of
/// the crawl).
pub(crate) const UNREAD: &str = "但没有读到其中的行";

/// The sections an item is judged on, by the name its heading has.
const CHECKED: [(Section, &str); 3] = [
    (Section::Materials, "申请材料"),
    (Section::Steps, "办理流程"),
    (Section::Faqs, "常见问题"),
];

/// What to add to a guide page's log message when a section it has a heading for gave no row:
/// `；页面有「申请材料」标题，但没有读到其中的行（…）`; empty when there is none.
pub(crate) fn unread_sections(doc: &Html, item: &Item) -> String {
    let empty = |s: Section| match s {
        Section::Materials => item.materials.is_empty(),
        Section::Steps => item.steps.is_empty(),
        Section::Faqs => item.faqs.is_empty(),
        Section::Fees | Section::Intermediaries => false,
    };
    // The first element a section's heading is, for each section with no row.
    let mut found: Vec<(&str, ElementRef<'_>)> = Vec::new();
    for el in doc.root_element().descendent_elements() {
        if matches!(
            el.value().name(),
            "html" | "body" | "head" | "title" | "script"
        ) {
            continue;
        }
        let text = text_of(el);
        if text.chars().count() > 12 {
            continue;
        }
        let Some((_, name)) =
            section_of(&text).and_then(|s| CHECKED.iter().find(|(c, _)| *c == s && empty(s)))
        else {
            continue;
        };
        if !found.iter().any(|(n, _)| n == name) {
            // The innermost element with the text: descendants come after their parent.
            found.push((name, el));
        } else if let Some(slot) = found
            .iter_mut()
            .find(|(n, e)| n == name && el.ancestors().any(|a| a.id() == e.id()))
        {
            slot.1 = el;
        }
    }
    if found.is_empty() {
        return String::new();
    }
    let mut text = "；页面有".to_owned();
    for (n, _) in &found {
        let _ = write!(text, "「{n}」");
    }
    let _ = write!(text, "标题，{UNREAD}");
    let heading = found[0].1;
    let tag = heading.value().name();
    let class = heading.value().classes().find(|c| {
        c.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
    });
    let _ = match class {
        Some(c) => write!(
            text,
            "（标题是 <{tag} class=\"{c}\">：在站点配置 [guide] 的 section_selector 中加上 {tag}.{c}\
             ——写了就替换默认值，默认的部分也要写上，见 profiles/README.md）"
        ),
        None => write!(
            text,
            "（标题或表格的写法站点配置没有认出，见 profiles/README.md 中的 section_selector、label_selector）"
        ),
    };
    text
}
