//! Item sheets: one item a row, time units taken from a column's header; the rows that are no
//! item (totals, sign-offs, headings, a repeated header) are told in `footer.rs`.

use super::children::{Layout, attach_cells, has_own_cells, limit_unit};
use super::columns::{Col, Kind};
use super::footer::{NotRecord, Table, skipped_notices};
use super::{Sheet, cell, is_blank_row, take_cell};
use crate::model::text::{is_label_time_unit, label_note};
pub(crate) use crate::model::time_limit::is_bare_number;
use crate::model::{Item, ItemField, Provenance};
use crate::source::{Notice, NoticeLevel};

use super::notices::missing_column_notice;

pub(super) fn read_item_sheet(
    sheet: &mut Sheet,
    header: usize,
    (cols, inline): (&[Col], &[(Kind, Vec<Col>)]),
    items: &mut Vec<Item>,
    notices: &mut Vec<Notice>,
) {
    if !cols.contains(&Col::Item(ItemField::Code)) {
        notices.push(missing_column_notice(
            sheet,
            header,
            ("实施编码", NoticeLevel::Error),
            "事项仍会检查，但子表中的材料、流程等无法关联到这些事项",
        ));
    }
    if !cols.contains(&Col::Item(ItemField::Name)) {
        notices.push(missing_column_notice(
            sheet,
            header,
            ("事项名称", NoticeLevel::Warning),
            "事项仍会检查，报告中这些事项没有名称",
        ));
    }
    // A time limit column whose header names the unit (`承诺办结时限（工作日）`) holds bare numbers;
    // the unit goes where a separate unit column would put it, unless the sheet has one.
    let header_unit = |limit: ItemField, unit: ItemField| {
        let c = cols.iter().position(|col| *col == Col::Item(limit))?;
        let note = time_unit_of_label(cell(&sheet.rows[header], c))?;
        (!cols.contains(&Col::Item(unit))).then_some((c, unit, note))
    };
    let header_units: Vec<(usize, ItemField, String)> = [
        header_unit(ItemField::LegalLimit, ItemField::LegalLimitUnit),
        header_unit(ItemField::PromisedLimit, ItemField::PromisedLimitUnit),
    ]
    .into_iter()
    .flatten()
    .collect();
    // Steps side by side with the items, their limits' unit in the header.
    let step_unit = inline
        .iter()
        .find(|(kind, _)| *kind == Kind::Step)
        .and_then(|(_, own)| limit_unit(&sheet.rows[header], own));
    let step_unit = step_unit.as_deref();
    let table = Table::new(&sheet.rows[header], cols);
    let mut skipped: Vec<(usize, NotRecord)> = Vec::new();
    let mut last_item_row = 0;
    let first_item = items.len();
    let mut continued = 0;
    for index in header + 1..sheet.rows.len() {
        let provenance = sheet.provenance(index);
        let row = &mut sheet.rows[index];
        if is_blank_row(row) {
            continue;
        }
        if let Some(why) = table.item_row(row, inline) {
            skipped.push((index, why));
            continue;
        }
        last_item_row = index;
        // The row is freed as it is read, so the sheet shrinks as its items grow.
        let row = &mut std::mem::take(row);
        if let Some(item) = items[first_item..].last_mut()
            && continues(item, row, cols, inline)
        {
            attach_inline(item, row, (inline, step_unit), &provenance);
            continued += 1;
            continue;
        }
        let bare: Vec<bool> = header_units
            .iter()
            .map(|(c, ..)| is_bare_number(cell(row, *c)))
            .collect();
        let mut item = Item {
            provenance: provenance.clone(),
            ..Item::default()
        };
        for (c, col) in cols.iter().enumerate() {
            match col {
                Col::Item(f) => *item.get_mut(*f) = take_cell(row, c),
                Col::Extra(h) if !cell(row, c).is_empty() => {
                    item.extra.insert(h.clone(), take_cell(row, c));
                }
                _ => {}
            }
        }
        for ((_, unit, note), bare) in header_units.iter().zip(bare) {
            if bare && item.get(*unit).is_empty() {
                note.clone_into(item.get_mut(*unit));
            }
        }
        attach_inline(&mut item, row, (inline, step_unit), &provenance);
        items.push(item);
    }
    // A few cells without a name or code: one text between items heads a group, anything else
    // closes the table.
    for (index, why) in &mut skipped {
        if *why == NotRecord::Sparse {
            let texts = sheet.rows[*index].iter().filter(|c| !c.trim().is_empty());
            *why = if *index < last_item_row && texts.count() == 1 {
                NotRecord::Heading
            } else {
                NotRecord::Footer
            };
        }
    }
    notices.extend(skipped_notices(sheet, &skipped, "事项"));
    if continued > 0 {
        notices.push(one_row_a_record_notice(
            sheet,
            header,
            inline,
            (items.len() - first_item, continued),
        ));
    }
}

/// Whether a row of an item table that holds child records side by side with the items (a
/// 实施清单 made by hand, one row a material) goes on the item above rather than starting one:
/// it has a child record, and each of its item cells is empty (merged with the row above and
/// saved as CSV, or left blank) or repeats the item above (merged cells, which the workbook
/// reader fills down, or the item copied onto each of its rows).
fn continues(item: &Item, row: &[String], cols: &[Col], inline: &[(Kind, Vec<Col>)]) -> bool {
    inline.iter().any(|(_, own)| has_own_cells(row, own))
        && cols.iter().enumerate().all(|(c, col)| match col {
            Col::Item(f) => {
                let value = cell(row, c);
                value.is_empty() || value == item.get(*f)
            }
            _ => true,
        })
}

/// Adds the child records a row holds side by side with its item to the item (`step_unit`: the
/// unit the header gives the steps' bare 办理时限).
fn attach_inline(
    item: &mut Item,
    row: &mut [String],
    (inline, step_unit): (&[(Kind, Vec<Col>)], Option<&str>),
    provenance: &Provenance,
) {
    for (kind, own) in inline {
        if has_own_cells(row, own) {
            let layout = Layout {
                kind: *kind,
                cols: own,
                limit_unit: step_unit.filter(|_| *kind == Kind::Step),
            };
            attach_cells(item, layout, row, provenance.clone());
        }
    }
}

/// Info: the rows of an item table that hold one child record each were read as the records of
/// the item above, not as items of their own.
fn one_row_a_record_notice(
    sheet: &Sheet,
    header: usize,
    inline: &[(Kind, Vec<Col>)],
    (items, continued): (usize, usize),
) -> Notice {
    let lists: Vec<&str> = inline.iter().map(|(kind, _)| kind.label()).collect();
    Notice {
        level: NoticeLevel::Info,
        provenance: sheet.provenance(header),
        message: format!(
            "{}把{}和事项写在同一张表里：事项信息为空或与上一行相同的 {continued} 行已作为上一个事项的{}读取，共读出 {items} 个事项",
            sheet.label(),
            lists.join("、"),
            lists.join("、"),
        ),
    }
}

/// The time unit a time limit's label names (`承诺办结时限（工作日）` → `工作日`, `办理时限（分钟）` →
/// `分钟`), for values that are bare numbers.
pub(crate) fn time_unit_of_label(label: &str) -> Option<String> {
    let note = label_note(label)?;
    is_label_time_unit(&note).then_some(note)
}
