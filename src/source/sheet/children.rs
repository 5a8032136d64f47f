//! Child sheets: their rows with the item code (or, without a code column, the item name) they
//! point at, filled down over merged cells; orphan notices; and adding a row to its item as a
//! material, step, fee, intermediary or FAQ. Footers under a child table are told in `footer.rs`,
//! linking by name in `by_name.rs`.

use super::columns::{Col, Kind, Tables};
use super::footer::{NotRecord, Table, skipped_notices};
use super::items::{is_bare_number, time_unit_of_label};
use super::notices::missing_column_notice;
use super::{Sheet, cell, is_blank_row, take_cell};
use crate::model::{
    Agency, AgencyField, Faq, Fee, Intermediary, IntermediaryField, Item, ItemField, Material,
    Provenance, Step, StepField,
};
use crate::source::{Notice, NoticeLevel};

/// How a child sheet's rows point at their items.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Link {
    /// By the 实施编码 in this column.
    Code(usize),
    /// By the 事项名称 in column `name`, and the 实施主体 in column `subject` when both sheets
    /// have one: a sheet whose code column was deleted (`by_name.rs`).
    Name { name: usize, subject: Option<usize> },
}

/// How the rows of a child sheet with header `cols` point at their items: by 实施编码, else
/// by 事项名称 (and 实施主体 when `items_have_subject`), else not at all.
pub(super) fn link_of(
    cols: &[Col],
    header: &[String],
    tables: &Tables,
    items_have_subject: bool,
) -> Option<Link> {
    if let Some(code) = cols.iter().position(|c| *c == Col::LinkCode) {
        return Some(Link::Code(code));
    }
    // An item element repeated beside the first is kept as other information (a second
    // `Context` column), yet names the item all the same.
    let context = |field: ItemField| {
        (0..cols.len()).find(|&c| {
            matches!(cols[c], Col::Context | Col::Extra(_))
                && tables.item_field(cell(header, c)) == Some(field)
        })
    };
    let name = context(ItemField::Name)?;
    let subject = context(ItemField::Subject).filter(|_| items_have_subject);
    Some(Link::Name { name, subject })
}

/// A child row waiting for its item: its index in the sheet's rows and the 实施编码 it points at
/// (or the 事项名称 and 实施主体, when the sheet is linked by name).
pub(super) struct ChildRow {
    pub(super) index: usize,
    pub(super) key: String,
    pub(super) subject: String,
}

/// The rows of a child sheet with the item each points at (filled down over merged cells), or
/// `None` when nothing links them (no 实施编码 and no 事项名称 column): the caller marks the list
/// unread. The rows under the table that are no record (a footer, the header again) are said
/// and left out.
pub(super) fn child_rows(
    kind: Kind,
    sheet: &Sheet,
    header: usize,
    (cols, link): (&[Col], Option<Link>),
    notices: &mut Vec<Notice>,
) -> Option<Vec<ChildRow>> {
    let Some(link) = link else {
        let list = kind.label();
        notices.push(missing_column_notice(
            sheet,
            header,
            ("实施编码」和「事项名称", NoticeLevel::Error),
            &format!(
                "该表各行无法关联到事项，已跳过：本工作簿事项的{list}按“未读取”处理，{list}的检查对这些事项不适用，不扣分"
            ),
        ));
        return None;
    };
    if matches!(kind, Kind::Intermediary | Kind::Faq) {
        let dropped: Vec<&str> = cols
            .iter()
            .filter_map(|c| match c {
                Col::Extra(h) => Some(h.as_str()),
                _ => None,
            })
            .collect();
        if !dropped.is_empty() {
            notices.push(Notice {
                level: NoticeLevel::Info,
                provenance: sheet.provenance(header),
                message: format!(
                    "{}的列「{}」未识别，该表不保留未识别的列",
                    sheet.label(),
                    dropped.join("」「")
                ),
            });
        }
    }
    let (key_col, subject_col) = match link {
        Link::Code(c) => (c, None),
        Link::Name { name, subject } => (name, subject),
    };
    let table = Table::new(&sheet.rows[header], cols);
    let mut skipped: Vec<(usize, NotRecord)> = Vec::new();
    let mut out = Vec::new();
    let (mut previous, mut previous_subject) = (String::new(), String::new());
    for (index, row) in sheet.rows.iter().enumerate().skip(header + 1) {
        if is_blank_row(row) {
            continue;
        }
        let own = cols.iter().enumerate().any(|(c, col)| {
            !matches!(col, Col::LinkCode | Col::Context | Col::Skip) && !cell(row, c).is_empty()
        });
        if !own {
            continue;
        }
        if let Some(why) = table.child_row(row, cell(row, key_col)) {
            skipped.push((index, why));
            continue;
        }
        let key = match cell(row, key_col) {
            "" => previous.clone(),
            c => c.to_owned(),
        };
        previous.clone_from(&key);
        let subject = match subject_col.map_or("", |c| cell(row, c)) {
            "" => previous_subject.clone(),
            s => s.to_owned(),
        };
        previous_subject.clone_from(&subject);
        out.push(ChildRow {
            index,
            key,
            subject,
        });
    }
    notices.extend(skipped_notices(sheet, &skipped, kind.label()));
    Some(out)
}

/// How many row numbers an orphan notice lists before it says how many more there are.
const LISTED_ROWS: usize = 10;

/// Items of a notice that cannot be told apart, at most.
const LISTED_ITEMS: usize = 5;

/// The first [`LISTED_ITEMS`] of `targets`, each as `第N行` (its row, when read from one) and
/// `label` of it: for a notice naming the items some child rows could belong to.
pub(super) fn listed_items(
    items: &[Item],
    targets: &[usize],
    label: impl Fn(&Item) -> String,
) -> Vec<String> {
    targets
        .iter()
        .take(LISTED_ITEMS)
        .map(|&i| {
            let item = &items[i];
            let row = item
                .provenance
                .row
                .map_or(String::new(), |r| format!("第{r}行"));
            format!("{row}{}", label(item))
        })
        .collect()
}

/// The sheet row numbers of the first ten of `rows`, joined by 、, and 等 when there are more:
/// for a notice's 第…行等.
pub(super) fn first_rows(sheet: &Sheet, rows: &[ChildRow]) -> (String, &'static str) {
    let numbers: Vec<String> = rows
        .iter()
        .take(10)
        .map(|r| sheet.row_number(r.index).to_string())
        .collect();
    (numbers.join("、"), if rows.len() > 10 { "等" } else { "" })
}

/// One notice for the rows of one sheet that share an unknown (or empty) 实施编码, or 事项名称
/// (`by`, the column's name) when the sheet is linked by name.
pub(super) fn orphan_notice(sheet: &Sheet, rows: &[ChildRow], by: &str) -> Notice {
    let first = &rows[0];
    let mut numbers: Vec<String> = rows
        .iter()
        .take(LISTED_ROWS)
        .map(|r| sheet.row_number(r.index).to_string())
        .collect();
    if rows.len() > LISTED_ROWS {
        numbers.push(format!("…共{}", rows.len()));
    }
    let place = format!("{}第{}行", sheet.label(), numbers.join("、"));
    let message = if first.key.is_empty() {
        format!("{place}没有{by}，无法归入任何事项")
    } else {
        format!(
            "{place}的{by} \"{}\" 在事项表中找不到对应事项，未归入任何事项",
            first.key
        )
    };
    Notice {
        level: NoticeLevel::Warning,
        provenance: sheet.provenance(first.index),
        message,
    }
}

/// How the rows of a child table become records: their kind, what each column is, and the unit
/// its header gives a step's 办理时限 written as a bare number ([`limit_unit`]).
#[derive(Debug, Clone, Copy)]
pub(super) struct Layout<'a> {
    pub(super) kind: Kind,
    pub(super) cols: &'a [Col],
    pub(super) limit_unit: Option<&'a str>,
}

/// The time unit a step table's 办理时限 header names (`环节时限（工作日）`, `办理时限/工作日` →
/// `工作日`) for its bare numbers, when the table has no 时限单位 column: the unit rule of an item
/// table's `承诺办结时限（工作日）` (`items.rs`), for the steps.
pub(super) fn limit_unit(header: &[String], cols: &[Col]) -> Option<String> {
    let c = cols
        .iter()
        .position(|col| *col == Col::Step(StepField::TimeLimit))?;
    if cols.contains(&Col::Step(StepField::TimeLimitUnit)) {
        return None;
    }
    time_unit_of_label(cell(header, c))
}

/// Adds row `index` of a child sheet to its item, taking its texts out of the sheet.
pub(super) fn attach(item: &mut Item, layout: Layout<'_>, sheet: &mut Sheet, index: usize) {
    let provenance = sheet.provenance(index);
    // The row is freed as it is read, so a sheet shrinks as its items grow.
    let mut cells = std::mem::take(&mut sheet.rows[index]);
    attach_cells(item, layout, &mut cells, provenance);
}

/// Whether a row has a value in any of a child record's columns (`cols` as
/// [`super::columns::inline_children`] gives them).
pub(super) fn has_own_cells(row: &[String], cols: &[Col]) -> bool {
    cols.iter()
        .enumerate()
        .any(|(c, col)| *col != Col::Skip && !cell(row, c).is_empty())
}

/// Adds a child record made of a row's cells to its item, taking the texts of the columns the
/// layout names out of `cells` (the others stay, for the item the row may also be).
pub(super) fn attach_cells(
    item: &mut Item,
    layout: Layout<'_>,
    cells: &mut [String],
    provenance: Provenance,
) {
    let Layout {
        kind,
        cols,
        limit_unit,
    } = layout;
    let values = cols
        .iter()
        .enumerate()
        .filter(|(_, col)| **col != Col::Skip)
        .map(|(c, col)| (col, take_cell(cells, c)));
    match kind {
        Kind::Item => {}
        Kind::Material => {
            let mut m = Material {
                provenance,
                ..Material::default()
            };
            for (col, v) in values {
                match col {
                    Col::Material(f) => *m.get_mut(*f) = v,
                    Col::Extra(h) if !v.is_empty() => {
                        m.extra.insert(h.clone(), v);
                    }
                    _ => {}
                }
            }
            item.materials.push(m);
        }
        Kind::Step => {
            let mut s = Step {
                provenance,
                ..Step::default()
            };
            for (col, v) in values {
                match col {
                    Col::Step(f) => *s.get_mut(*f) = v,
                    Col::Extra(h) if !v.is_empty() => {
                        s.extra.insert(h.clone(), v);
                    }
                    _ => {}
                }
            }
            if let Some(unit) = limit_unit
                && is_bare_number(&s.time_limit)
            {
                unit.clone_into(&mut s.time_limit_unit);
            }
            item.steps.push(s);
        }
        Kind::Fee => {
            let mut f = Fee {
                provenance,
                ..Fee::default()
            };
            for (col, v) in values {
                match col {
                    Col::Fee(field) => *f.get_mut(*field) = v,
                    Col::Extra(h) if !v.is_empty() => {
                        f.extra.insert(h.clone(), v);
                    }
                    _ => {}
                }
            }
            item.fees.push(f);
        }
        Kind::Faq => {
            let mut q = Faq {
                provenance,
                ..Faq::default()
            };
            for (col, v) in values {
                if let Col::Faq(f) = col {
                    *q.get_mut(*f) = v;
                }
            }
            item.faqs.push(q);
        }
        Kind::Intermediary => {
            let mut service = Intermediary {
                provenance,
                ..Intermediary::default()
            };
            let mut agency = Agency::default();
            for (col, v) in values {
                match col {
                    Col::Intermediary(f) => *service.get_mut(*f) = v,
                    Col::Agency(f) => *agency.get_mut(*f) = v,
                    _ => {}
                }
            }
            let has_agency = AgencyField::ALL.iter().any(|&f| !agency.get(f).is_empty());
            // A blank service name continues the service above (merged cells).
            let same = item
                .intermediaries
                .iter()
                .rposition(|s| service.name.is_empty() || s.name == service.name);
            if let Some(i) = same {
                let existing = &mut item.intermediaries[i];
                for &f in IntermediaryField::ALL {
                    if existing.get(f).is_empty() {
                        service.get(f).clone_into(existing.get_mut(f));
                    }
                }
                if has_agency {
                    existing.agencies.push(agency);
                }
            } else {
                if has_agency {
                    service.agencies.push(agency);
                }
                item.intermediaries.push(service);
            }
        }
    }
}
