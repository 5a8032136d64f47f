//! The elements of an item read from label cells outside the section tables: the value beside a
//! label (`<th>办理地点</th><td>…</td>`, `<dt>…</dt><dd>…</dd>`, `<p><strong>办理时间：</strong>…`),
//! or, for a row of labels over a row of values, the value below it.
//!
//! Not here: the section tables (`super`), the label tables (`labels`).

use std::collections::HashSet;

use ego_tree::NodeId;
use scraper::{ElementRef, Html};

use super::super::labels::LabelMap;
use super::super::profile::CompiledProfile;
use super::super::table;
use super::link_cells::element_value;
use super::{At, text_of};
use crate::model::{Item, ItemField};
use crate::source::json_labels::unit_field;
use crate::source::sheet::{is_bare_number, time_unit_of_label};

/// Label cells outside the section tables: the first non-empty value per element wins. A time
/// limit whose label names the unit (`承诺办结时限（工作日）` | `15`) gives the unit too, as a
/// sheet's header does.
pub(super) fn label_values(
    doc: &Html,
    profile: &CompiledProfile,
    claimed: &HashSet<NodeId>,
    page: &At<'_>,
    item: &mut Item,
) {
    let known = &profile.labels.item;
    let mut consumed: HashSet<NodeId> = HashSet::new();
    for el in doc.select(&profile.label_selector) {
        if consumed.contains(&el.id()) || el.ancestors().any(|a| claimed.contains(&a.id())) {
            continue;
        }
        let label = text_of(el);
        if label.chars().count() > 24 {
            continue;
        }
        let Some(field) = known.get(&label) else {
            continue;
        };
        if !item.get(field).is_empty() {
            continue;
        }
        let Some((value_el, value)) = neighbour(el, (&label, field), page, known) else {
            continue;
        };
        if let Some(v) = value_el {
            consumed.insert(v);
        }
        if let Some(unit) = unit_field(field)
            && let Some(note) = time_unit_of_label(&label)
            && is_bare_number(&value)
            && item.get(unit).is_empty()
        {
            *item.get_mut(unit) = note;
        }
        *item.get_mut(field) = value;
    }
}

/// The value next to a label: the next sibling element (td after th/td, dd after dt, the element
/// after a label span), or the rest of the parent's text. A label beside it is no value: in a
/// row of labels over a row of values (`办理地点 | 办理时间 | 咨询电话` over the values) a cell's
/// value is the one below it; a group label (`咨询方式` spanning the rows of `咨询电话：` and
/// `监督投诉电话：`) has none of its own.
fn neighbour(
    el: ElementRef<'_>,
    (label, field): (&str, ItemField),
    page: &At<'_>,
    known: &LabelMap<ItemField>,
) -> Option<(Option<NodeId>, String)> {
    let name = el.value().name();
    if let Some(next) = el.next_siblings().find_map(ElementRef::wrap) {
        let ok = match name {
            "th" | "td" => matches!(next.value().name(), "td" | "th"),
            "dt" => next.value().name() == "dd",
            _ => true,
        };
        if !ok {
            return None;
        }
        let beside = is_label_beside(next, field, known);
        if matches!(name, "th" | "td")
            && (beside || next.value().name() == "th")
            && let Some(value) = below(el, field, page, known)
        {
            return value;
        }
        if beside {
            return None;
        }
        return Some((Some(next.id()), element_value(next, page, field)));
    }
    if matches!(name, "th" | "td") {
        // The last cell of a row of labels.
        return below(el, field, page, known).flatten();
    }
    let parent = el.parent().and_then(ElementRef::wrap)?;

    let whole = text_of(parent);
    let rest = whole
        .strip_prefix(label)?
        .trim_start_matches([':', '：', ' '])
        .trim();
    (!rest.is_empty()).then(|| (None, rest.to_owned()))
}

/// Whether a cell beside a label is a label itself: it names an element and is a header cell, or
/// ends in a colon, or names another element than the label (`是否收费 | 收费` is a value).
fn is_label_beside(cell: ElementRef<'_>, field: ItemField, known: &LabelMap<ItemField>) -> bool {
    let text = text_of(cell);
    if text.chars().count() > 24 {
        return false;
    }
    let Some(other) = known.get(&text) else {
        return false;
    };
    other != field || cell.value().name() == "th" || text.ends_with([':', '：'])
}

/// The value of a label in a row of labels, `None` when its row is none: the cell below it in the
/// next row. A row of labels has header cells or labels only, two labels side by side among them
/// (`事项名称 | 食品经营许可 | 承诺时限 | 5个工作日` in header cells is a row of labels and values).
#[allow(clippy::option_option)]
fn below(
    el: ElementRef<'_>,
    field: ItemField,
    page: &At<'_>,
    known: &LabelMap<ItemField>,
) -> Option<Option<(Option<NodeId>, String)>> {
    let owner = el
        .ancestors()
        .filter_map(ElementRef::wrap)
        .find(|a| a.value().name() == "table")?;
    let grid = table::grid(owner);
    let (r, c) = grid.iter().enumerate().find_map(|(r, row)| {
        row.iter()
            .position(|s| s.is_some_and(|s| s.own && s.cell.id() == el.id()))
            .map(|c| (r, c))
    })?;
    let cells = table::own_cells(&grid[r]);
    let is_label = |cell: ElementRef<'_>| {
        let t = text_of(cell);
        t.chars().count() <= 24 && known.get(&t).is_some()
    };
    let all = cells
        .iter()
        .all(|cell| cell.value().name() == "th" || text_of(*cell).is_empty() || is_label(*cell));
    let side_by_side = cells.windows(2).any(|w| is_label(w[0]) && is_label(w[1]));
    if !all || !side_by_side {
        return None;
    }
    let value = grid
        .get(r + 1)
        .and_then(|row| row.get(c).copied().flatten())
        .filter(|v| v.cell.id() != el.id() && !is_label(v.cell));
    Some(value.map(|v| (Some(v.cell.id()), element_value(v.cell, page, field))))
}
