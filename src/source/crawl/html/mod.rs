//! HTML guide pages: the label-driven extraction of an item (label cells → neighbouring values;
//! tables under section headings → materials, steps, fees, intermediaries and FAQs by their
//! column headers).
//!
//! Not here: list pages and their paging (`list`).

use std::collections::HashSet;
use std::sync::LazyLock;

use ego_tree::NodeId;
use regex::Regex;
use scraper::{ElementRef, Html, Selector};
use url::Url;

use super::labels::{Field, LabelMap, Section, section_of};
use super::profile::CompiledProfile;
use crate::model::{
    Agency, AgencyField, Faq, Fee, Intermediary, IntermediaryField, Item, Material, MaterialField,
    Step,
};
use crate::net::host_key;

/// The absolute URL of an element's `href` (or of its first descendant link), without fragment.
pub(crate) fn href(el: ElementRef<'_>, page: &Url) -> Option<Url> {
    let raw = el.attr("href").or_else(|| {
        el.descendent_elements()
            .find(|e| e.value().name() == "a")
            .and_then(|e| e.attr("href"))
    })?;
    let raw = raw.trim();
    if raw.is_empty() || raw.starts_with('#') || raw.starts_with("javascript:") {
        return None;
    }
    let mut url = page.join(raw).ok()?;
    url.set_fragment(None);
    Some(url)
}

/// Element text with runs of whitespace folded to one space, bounded in length.
pub(crate) fn text_of(el: ElementRef<'_>) -> String {
    super::bounded(
        el.text()
            .flat_map(str::split_whitespace)
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// Extracts an item from a guide page.
#[cfg(test)]
pub(crate) fn extract_guide(text: &str, page: &Url, profile: &CompiledProfile) -> Item {
    read_guide(text, page, profile).0
}

/// Extracts an item from a guide page, with what to add to its log message about the sections
/// it has a heading for and gave no row ([`gaps::unread_sections`]).
pub(crate) fn read_guide(text: &str, page: &Url, profile: &CompiledProfile) -> (Item, String) {
    let doc = Html::parse_document(text);
    let item = guide_item(&doc, page, profile);
    let gaps = gaps::unread_sections(&doc, &item);
    (item, gaps)
}

fn guide_item(doc: &Html, page: &Url, profile: &CompiledProfile) -> Item {
    let page = &At {
        url: page,
        hosts: &profile.net.allowed_hosts,
    };
    let mut item = Item::default();
    let tables = section_tables(doc, &profile.section_selector, &profile.label_selector);
    let claimed: HashSet<NodeId> = tables.iter().map(|(_, t)| t.id()).collect();
    for (section, table) in &tables {
        let rows = rows(*table);
        let labels = &profile.labels;
        match section {
            Section::Materials => {
                item.materials
                    .extend(records(&rows, &labels.material, page, |f| {
                        matches!(f, MaterialField::BlankForm | MaterialField::Sample)
                    }));
            }
            Section::Steps => {
                item.steps
                    .extend(records::<Step, _>(&rows, &labels.step, page, |_| false));
            }
            Section::Fees => item
                .fees
                .extend(records::<Fee, _>(&rows, &labels.fee, page, |_| false)),
            Section::Faqs => item
                .faqs
                .extend(records::<Faq, _>(&rows, &labels.faq, page, |_| false)),
            Section::Intermediaries => {
                item.intermediaries.extend(intermediaries(
                    &rows,
                    &labels.intermediary,
                    &labels.agency,
                    page,
                ));
            }
        }
    }
    label_values(doc, profile, &claimed, page, &mut item);
    for (field, sel) in &profile.select {
        if let Some(el) = doc.select(sel).next() {
            *item.get_mut(*field) = value_of(el, page, false);
        }
    }
    item
}

/// Tables that follow a section heading (or carry one as caption), with their section. A label
/// cell that names a section (`<td class="label">申请材料：</td>`) leads to the table nested in
/// the cell beside it: many platforms put the materials and steps tables inside the value cell of
/// their label/value table, and those materials were lost without a word. A table that only
/// wraps another (rows of one cell) stands for the table inside it.
fn section_tables<'a>(
    doc: &'a Html,
    headings: &Selector,
    labels: &Selector,
) -> Vec<(Section, ElementRef<'a>)> {
    let mut out: Vec<(Section, ElementRef<'a>)> = Vec::new();
    let mut pending: Option<Section> = None;
    for node in doc.root_element().descendants() {
        let Some(el) = ElementRef::wrap(node) else {
            continue;
        };
        if el.value().name() == "table" {
            if out
                .iter()
                .any(|(_, t)| el.ancestors().any(|a| a.id() == t.id()))
            {
                continue;
            }
            let caption = el
                .child_elements()
                .find(|c| c.value().name() == "caption")
                .and_then(|c| section_of(&text_of(c)));
            if let Some(s) = caption.or(pending) {
                out.push((s, data_table(el)));
                pending = None;
            }
        } else if el.value().name() != "caption" && headings.matches(&el) {
            // Any heading closes the previous section: "收费标准 不收费" then "其他信息" + table.
            pending = section_of(&text_of(el));
        } else if labels.matches(&el)
            && let Some(s) = section_of(&label_text(el))
            && el
                .next_siblings()
                .find_map(ElementRef::wrap)
                .is_some_and(|v| v.descendent_elements().any(|d| d.value().name() == "table"))
        {
            // The next table in document order is the one in the value cell.
            pending = Some(s);
        }
    }
    out
}

/// A label cell's own text, without that of a table nested in it.
fn label_text(el: ElementRef<'_>) -> String {
    if el
        .descendent_elements()
        .any(|d| d.value().name() == "table")
    {
        String::new()
    } else {
        text_of(el)
    }
}

/// The table that holds the records: `table` itself, or, when it only wraps others (no row of
/// two cells or more), the first table inside it that has such rows.
fn data_table(table: ElementRef<'_>) -> ElementRef<'_> {
    if rows(table).iter().any(|r| r.len() >= 2) {
        return table;
    }
    table
        .descendent_elements()
        .filter(|d| d.value().name() == "table")
        .find(|t| rows(*t).iter().any(|r| r.len() >= 2))
        .unwrap_or(table)
}

/// The cells of each row of a table (not of nested tables).
fn rows(table: ElementRef<'_>) -> Vec<Vec<ElementRef<'_>>> {
    let mut out = Vec::new();
    for node in table.descendants() {
        let Some(tr) = ElementRef::wrap(node) else {
            continue;
        };
        if tr.value().name() != "tr" {
            continue;
        }
        let owner = tr
            .ancestors()
            .filter_map(ElementRef::wrap)
            .find(|a| a.value().name() == "table");
        if owner.is_some_and(|t| t.id() != table.id()) {
            continue;
        }
        let cells: Vec<ElementRef<'_>> = tr
            .child_elements()
            .filter(|c| matches!(c.value().name(), "td" | "th"))
            .collect();
        if !cells.is_empty() {
            out.push(cells);
        }
    }
    out
}

/// A cell's value: the link's absolute URL for link columns (when the cell has a link), else text.
fn value_of(cell: ElementRef<'_>, page: &At<'_>, link: bool) -> String {
    let text = text_of(cell);
    if (link || text.is_empty())
        && let Some(u) = href(cell, page.url).or_else(|| script_link(cell, page))
    {
        return u.to_string();
    }
    text
}

/// Where a guide page is, and the hosts the crawl may contact: a link a script opens is taken
/// only on one of them.
pub(crate) struct At<'a> {
    /// The page's URL.
    pub url: &'a Url,
    /// The profile's allowed hosts (`host` or `host:port`).
    pub hosts: &'a [String],
}

/// The file a script link opens (`<a href="javascript:void(0)"
/// onclick="previewFile('/gdbs/attach/zz-sqb-yb.pdf')">预览</a>`,
/// `href="javascript:download('…')"`): the call's one quoted argument when it is a path or an
/// http(s) URL on an allowed host. Without it the sample was the word 预览, and M07 said it had
/// none (h33). A call with other arguments (`preview(3, 'pdf')`) or an id (`preview('8a9f3c')`)
/// gives nothing.
fn script_link(cell: ElementRef<'_>, at: &At<'_>) -> Option<Url> {
    static CALL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"^\s*(?:javascript:)?\s*[A-Za-z_$][\w$.]*\(\s*(?:'([^'\s]+)'|"([^"\s]+)")\s*\)\s*;?\s*(?:return\s+false\s*;?\s*)?$"#)
            .expect("valid pattern")
    });
    let anchors = std::iter::once(cell).chain(cell.descendent_elements());
    anchors
        .flat_map(|a| [a.attr("onclick"), a.attr("href")])
        .flatten()
        .find_map(|script| {
            let c = CALL.captures(script)?;
            let arg = c.get(1).or_else(|| c.get(2))?.as_str();
            let path = arg.starts_with('/')
                || arg.starts_with("./")
                || arg.starts_with("../")
                || arg.starts_with("http://")
                || arg.starts_with("https://")
                || super::json::bare_path(arg);
            if !path {
                return None;
            }
            let mut url = at.url.join(arg).ok()?;
            url.set_fragment(None);
            let key = host_key(&url);
            let host = url.host_str().unwrap_or_default().to_ascii_lowercase();
            let allowed = host_key(at.url) == key
                || at.hosts.iter().any(|h| {
                    let h = h.trim().to_ascii_lowercase();
                    h == key || h == host
                });
            allowed.then_some(url)
        })
}

/// Header row → columns; each later row with at least two cells → one record.
fn records<R, F>(
    rows: &[Vec<ElementRef<'_>>],
    labels: &LabelMap<F>,
    page: &At<'_>,
    link: impl Fn(F) -> bool,
) -> Vec<R>
where
    R: Default + PartialEq + Settable<F>,
    F: Field,
{
    let Some((header, body)) = rows.split_first() else {
        return Vec::new();
    };
    let columns: Vec<Option<F>> = header.iter().map(|c| labels.get(&text_of(*c))).collect();
    let mut out = Vec::new();
    for row in body {
        if row.len() < 2 {
            continue;
        }
        let mut rec = R::default();
        for (cell, col) in row.iter().zip(&columns) {
            if let Some(f) = col {
                let v = value_of(*cell, page, link(*f));
                if !v.is_empty() {
                    rec.set(*f, v);
                }
            }
        }
        if rec != R::default() {
            out.push(rec);
        }
    }
    out
}

/// Records whose elements can be set by field.
trait Settable<F> {
    fn set(&mut self, f: F, v: String);
}

macro_rules! settable {
    ($($r:ty => $f:ty),*) => {$(
        impl Settable<$f> for $r {
            fn set(&mut self, f: $f, v: String) { *self.get_mut(f) = v; }
        }
    )*};
}
settable!(Material => MaterialField, Step => crate::model::StepField, Fee => crate::model::FeeField, Faq => crate::model::FaqField);

/// An intermediary table: one row per agency; rows with the same (or an empty) service name belong
/// to the service above.
fn intermediaries(
    rows: &[Vec<ElementRef<'_>>],
    services: &LabelMap<IntermediaryField>,
    agencies: &LabelMap<AgencyField>,
    page: &At<'_>,
) -> Vec<Intermediary> {
    enum Col {
        S(IntermediaryField),
        A(AgencyField),
    }
    let Some((header, body)) = rows.split_first() else {
        return Vec::new();
    };
    let columns: Vec<Option<Col>> = header
        .iter()
        .map(|c| {
            let t = text_of(*c);
            services
                .get(&t)
                .map(Col::S)
                .or_else(|| agencies.get(&t).map(Col::A))
        })
        .collect();
    let mut out: Vec<Intermediary> = Vec::new();
    for row in body {
        if row.len() < 2 {
            continue;
        }
        let mut service = Intermediary::default();
        let mut agency = Agency::default();
        for (cell, col) in row.iter().zip(&columns) {
            match col {
                Some(Col::S(f)) => {
                    *service.get_mut(*f) = value_of(*cell, page, *f == IntermediaryField::QueryUrl);
                }
                Some(Col::A(f)) => *agency.get_mut(*f) = value_of(*cell, page, false),
                None => {}
            }
        }
        let same = out
            .last()
            .is_some_and(|last| service.name.is_empty() || last.name == service.name);
        if !same {
            out.push(service);
        }
        if agency != Agency::default()
            && let Some(last) = out.last_mut()
        {
            last.agencies.push(agency);
        }
    }
    out
}

/// Label cells outside the section tables: the first non-empty value per element wins.
fn label_values(
    doc: &Html,
    profile: &CompiledProfile,
    claimed: &HashSet<NodeId>,
    page: &At<'_>,
    item: &mut Item,
) {
    let mut consumed: HashSet<NodeId> = HashSet::new();
    for el in doc.select(&profile.label_selector) {
        if consumed.contains(&el.id()) || el.ancestors().any(|a| claimed.contains(&a.id())) {
            continue;
        }
        let label = text_of(el);
        if label.chars().count() > 24 {
            continue;
        }
        let Some(field) = profile.labels.item.get(&label) else {
            continue;
        };
        if !item.get(field).is_empty() {
            continue;
        }
        let Some((value_el, value)) = neighbour(el, &label, page) else {
            continue;
        };
        if let Some(v) = value_el {
            consumed.insert(v);
        }
        *item.get_mut(field) = value;
    }
}

/// The value next to a label: the next sibling element (td after th/td, dd after dt, the element
/// after a label span), or the rest of the parent's text.
fn neighbour(el: ElementRef<'_>, label: &str, page: &At<'_>) -> Option<(Option<NodeId>, String)> {
    if let Some(next) = el.next_siblings().find_map(ElementRef::wrap) {
        let name = el.value().name();
        let ok = match name {
            "th" | "td" => matches!(next.value().name(), "td" | "th"),
            "dt" => next.value().name() == "dd",
            _ => true,
        };
        return ok.then(|| (Some(next.id()), value_of(next, page, false)));
    }
    let parent = el.parent().and_then(ElementRef::wrap)?;
    let whole = text_of(parent);
    let rest = whole
        .strip_prefix(label)?
        .trim_start_matches([':', '：', ' '])
        .trim();
    (!rest.is_empty()).then(|| (None, rest.to_owned()))
}

mod gaps;
#[cfg(test)]
mod tests;

pub(crate) use gaps::UNREAD;
