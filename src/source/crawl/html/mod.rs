//! HTML guide pages: the label-driven extraction of an item (label cells → neighbouring values;
//! tables under section headings → materials, steps, fees, intermediaries and FAQs by their
//! column headers).
//!
//! Not here: list pages and their paging (`list`).

use std::collections::HashSet;

use ego_tree::NodeId;
use ego_tree::iter::Edge;
use scraper::{ElementRef, Html, Node, Selector};
use url::Url;

use super::blocks;
use super::labels::{Field, LabelMap, LabelSet, Section, section_of};
use super::profile::CompiledProfile;
use super::table;
use crate::model::{
    Agency, AgencyField, Faq, Fee, Intermediary, IntermediaryField, Item, Material, MaterialField,
    Step, StepField,
};
use crate::source::sheet::{is_bare_number, time_unit_of_label};

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

/// Element text with runs of whitespace folded to one space, bounded in length. Inline elements
/// join their text as the browser shows it (`建新东路<span lang="EN-US">88</span>号` is
/// `建新东路88号`, as Word's exports split a line into runs); block elements, table cells and
/// `<br>` separate it. Two inline elements side by side with digits on both sides of their
/// meeting are two values (`<span>0566-2032567</span><span>0566-2032568</span>`, `9:00</span>
/// <span>17:30`), kept apart as before: glued, the phones read as one number without an area
/// code.
pub(crate) fn text_of(el: ElementRef<'_>) -> String {
    let mut text = String::new();
    // An inline element closed since the last text, and one opened after it: its text meets the
    // text before at an element boundary.
    let (mut closed, mut between) = (false, false);
    for edge in el.traverse() {
        let (node, open) = match edge {
            Edge::Open(n) => (n, true),
            Edge::Close(n) => (n, false),
        };
        match node.value() {
            Node::Text(t) if open => {
                let digits = text.ends_with(|c: char| c.is_ascii_digit())
                    && t.starts_with(|c: char| c.is_ascii_digit());
                if between && digits {
                    text.push(' ');
                }
                text.push_str(t);
                (closed, between) = (false, false);
            }
            Node::Element(e) if !is_inline(e.name()) => text.push(' '),
            Node::Element(_) if open => between = closed,
            Node::Element(_) => closed = true,
            _ => {}
        }
    }
    super::bounded(text.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Elements that are part of a line of text: their text runs on without a break.
fn is_inline(name: &str) -> bool {
    matches!(
        name,
        "a" | "abbr"
            | "acronym"
            | "b"
            | "bdi"
            | "bdo"
            | "big"
            | "cite"
            | "code"
            | "data"
            | "del"
            | "dfn"
            | "em"
            | "font"
            | "i"
            | "ins"
            | "kbd"
            | "label"
            | "mark"
            | "nobr"
            | "o:p"
            | "q"
            | "s"
            | "samp"
            | "small"
            | "span"
            | "strike"
            | "strong"
            | "sub"
            | "sup"
            | "time"
            | "tt"
            | "u"
            | "var"
            | "wbr"
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
    let labels = &profile.labels;
    let tables = section_tables(
        doc,
        &profile.section_selector,
        &profile.label_selector,
        labels,
    );
    let claimed: HashSet<NodeId> = tables.iter().map(|(_, t)| t.id()).collect();
    for (section, table) in &tables {
        let table = *table;
        match section {
            Section::Materials => {
                item.materials
                    .extend(records(table, &labels.material, page, |f| {
                        matches!(f, MaterialField::BlankForm | MaterialField::Sample)
                    }));
            }
            Section::Steps => {
                let mut steps = records::<Step, _>(table, &labels.step, page, |_| false);
                step_units(table, &labels.step, &mut steps);
                item.steps.extend(steps);
            }
            Section::Fees => item
                .fees
                .extend(records::<Fee, _>(table, &labels.fee, page, |_| false)),
            Section::Faqs => item
                .faqs
                .extend(records::<Faq, _>(table, &labels.faq, page, |_| false)),
            Section::Intermediaries => {
                item.intermediaries.extend(intermediaries(
                    table,
                    &labels.intermediary,
                    &labels.agency,
                    page,
                ));
            }
        }
    }
    if item.faqs.is_empty() {
        item.faqs = blocks::paragraph_faqs(doc, &profile.section_selector).into();
    }
    if item.steps.is_empty() {
        item.steps =
            blocks::list_steps(doc, &profile.section_selector, &profile.labels.step).into();
    }
    label_values(doc, profile, &claimed, page, &mut item);
    for (field, sel) in &profile.select {
        if let Some(el) = doc.select(sel).next() {
            *item.get_mut(*field) = element_value(el, page, *field);
        }
    }
    item
}

/// Tables that follow a section heading (or carry one as caption), with their section. A label
/// cell that names a section (`<td class="label">申请材料：</td>`) leads to the table nested in
/// the cell beside it: many platforms put the materials and steps tables inside the value cell of
/// their label/value table, and those materials were lost without a word. A table that only
/// wraps another (rows of one cell) stands for the table inside it. A heading's section goes on
/// to the next heading: a further table of its records (`情形一` … table, `情形二` … table) is
/// read too, when its header names two columns of the section.
fn section_tables<'a>(
    doc: &'a Html,
    headings: &Selector,
    labels: &Selector,
    names: &LabelSet,
) -> Vec<(Section, ElementRef<'a>)> {
    let mut out: Vec<(Section, ElementRef<'a>)> = Vec::new();
    // The section the next table is read as, and whether a heading named it.
    let mut pending: Option<(Section, bool)> = None;
    // The section of the last heading, once a table was read under it.
    let mut open: Option<Section> = None;
    let tabs = blocks::tab_sections(doc);
    for node in doc.root_element().descendants() {
        let Some(el) = ElementRef::wrap(node) else {
            continue;
        };
        if el.value().name() == "table" {
            if out
                .iter()
                .any(|(_, t)| t.id() == el.id() || el.ancestors().any(|a| a.id() == t.id()))
            {
                continue;
            }
            let caption = el
                .child_elements()
                .find(|c| c.value().name() == "caption")
                .and_then(|c| section_of(&text_of(c)));
            if let Some(s) = caption.or(pending.map(|(s, _)| s)) {
                out.push((s, data_table(el)));
                open = pending
                    .filter(|&(_, heading)| heading && caption.is_none())
                    .map(|(s, _)| s);
                pending = None;
            } else if let Some(s) = open
                && named_columns(s, data_table(el), names) >= 2
            {
                out.push((s, data_table(el)));
            }
        } else if let Some(s) = el.value().id().and_then(|id| tabs.get(id)) {
            // A tab panel titled only by its tab (`<li data-tab="sqcl">申请材料</li>`).
            pending = Some((*s, true));
            open = None;
        } else if el.value().name() != "caption"
            && headings.matches(&el)
            && blocks::has_words(&text_of(el))
        {
            // Any heading closes the previous section: "收费标准 不收费" then "其他信息" + table.
            pending = section_of(&text_of(el)).map(|s| (s, true));
            open = None;
        } else if labels.matches(&el)
            && let Some(s) = section_of(&label_text(el))
            && el
                .next_siblings()
                .find_map(ElementRef::wrap)
                .is_some_and(|v| v.descendent_elements().any(|d| d.value().name() == "table"))
        {
            // The next table in document order is the one in the value cell.
            pending = Some((s, false));
            open = None;
        }
    }
    out
}

/// How many columns of a table's header name an element of a section's records.
fn named_columns(section: Section, table: ElementRef<'_>, names: &LabelSet) -> usize {
    fn count<C: Copy>(table: ElementRef<'_>, f: impl Fn(&str) -> Option<C>) -> usize {
        table::records(table, f).columns.iter().flatten().count()
    }
    match section {
        Section::Materials => count(table, |h| names.material.get(h)),
        Section::Steps => count(table, |h| names.step.get(h)),
        Section::Fees => count(table, |h| names.fee.get(h)),
        Section::Faqs => count(table, |h| names.faq.get(h)),
        Section::Intermediaries => count(table, |h| {
            names
                .intermediary
                .get(h)
                .map(|_| ())
                .or_else(|| names.agency.get(h).map(|_| ()))
        }),
    }
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
    let has_records = |t: ElementRef<'_>| {
        table::table_rows(t).any(|tr| {
            tr.child_elements()
                .filter(|c| matches!(c.value().name(), "td" | "th"))
                .count()
                >= 2
        })
    };
    if has_records(table) {
        return table;
    }
    table
        .descendent_elements()
        .filter(|d| d.value().name() == "table")
        .find(|t| has_records(*t))
        .unwrap_or(table)
}

/// Where a guide page is, and the hosts the crawl may contact: a link a script opens is taken
/// only on one of them.
pub(crate) struct At<'a> {
    /// The page's URL.
    pub url: &'a Url,
    /// The profile's allowed hosts (`host` or `host:port`).
    pub hosts: &'a [String],
}

/// The records of a table, read by its header ([`table::records`]).
fn records<R, F>(
    table: ElementRef<'_>,
    labels: &LabelMap<F>,
    page: &At<'_>,
    link: impl Fn(F) -> bool,
) -> Vec<R>
where
    R: Default + PartialEq + Settable<F>,
    F: Field,
{
    let read = table::records(table, |h| labels.get(h));
    let mut out = Vec::new();
    for row in &read.rows {
        let mut rec = R::default();
        for (cell, col) in row.iter().zip(&read.columns) {
            if let (Some(cell), Some(f)) = (cell, col) {
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

/// A steps table whose 办理时限 header names the unit (`办理时限（工作日）`) gives it to the steps
/// whose time limit is a bare number, as a sheet's header does.
fn step_units(table: ElementRef<'_>, labels: &LabelMap<StepField>, steps: &mut [Step]) {
    let read = table::records(table, |h| labels.get(h));
    let Some(unit) = read
        .columns
        .iter()
        .zip(&read.headers)
        .find(|(c, _)| **c == Some(StepField::TimeLimit))
        .and_then(|(_, h)| time_unit_of_label(h))
    else {
        return;
    };
    for s in steps {
        if s.time_limit_unit.is_empty() && is_bare_number(&s.time_limit) {
            s.time_limit_unit.clone_from(&unit);
        }
    }
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
    table: ElementRef<'_>,
    services: &LabelMap<IntermediaryField>,
    agencies: &LabelMap<AgencyField>,
    page: &At<'_>,
) -> Vec<Intermediary> {
    #[derive(Clone, Copy)]
    enum Col {
        S(IntermediaryField),
        A(AgencyField),
    }
    let read = table::records(table, |t| {
        services
            .get(t)
            .map(Col::S)
            .or_else(|| agencies.get(t).map(Col::A))
    });
    let mut out: Vec<Intermediary> = Vec::new();
    for row in &read.rows {
        let mut service = Intermediary::default();
        let mut agency = Agency::default();
        for (cell, col) in row.iter().zip(&read.columns) {
            let Some(cell) = cell else { continue };
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

mod gaps;
mod label_values;
mod link_cells;
#[cfg(test)]
mod tests;

pub(crate) use gaps::UNREAD;
use label_values::label_values;
pub(crate) use link_cells::LINK_ELEMENTS;
use link_cells::{element_value, value_of};
