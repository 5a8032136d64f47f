//! Child sheets: their rows with the item code they point at (filled down over merged cells),
//! orphan notices, and adding a row to its item as a material, step, fee, intermediary or FAQ.

use super::columns::{Col, Kind};
use super::footer::{NotRecord, Table, skipped_notices};
use super::notices::missing_column_notice;
use super::{Sheet, cell, is_blank_row, take_cell};
use crate::model::{
    Agency, AgencyField, Faq, Fee, Intermediary, IntermediaryField, Item, Material, Provenance,
    Step,
};
use crate::source::{Notice, NoticeLevel};

/// A child row waiting for its item: its index in the sheet's rows and the code it points at.
pub(super) struct ChildRow {
    pub(super) index: usize,
    pub(super) code: String,
}

/// The rows of a child sheet with their item codes (filled down over merged cells), or `None`
/// when the sheet has no 实施编码 column. The rows under the table that are no record (a footer,
/// the header again) are said and left out.
pub(super) fn child_rows(
    kind: Kind,
    sheet: &Sheet,
    header: usize,
    cols: &[Col],
    notices: &mut Vec<Notice>,
) -> Option<Vec<ChildRow>> {
    let Some(code_col) = cols.iter().position(|c| *c == Col::LinkCode) else {
        notices.push(missing_column_notice(
            sheet,
            header,
            ("实施编码", NoticeLevel::Error),
            "该表各行无法关联到事项，已跳过",
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
    let table = Table::new(&sheet.rows[header], cols);
    let mut skipped: Vec<(usize, NotRecord)> = Vec::new();
    let mut out = Vec::new();
    let mut previous = String::new();
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
        if let Some(why) = table.child_row(row, cell(row, code_col)) {
            skipped.push((index, why));
            continue;
        }
        let code = match cell(row, code_col) {
            "" => previous.clone(),
            c => c.to_owned(),
        };
        previous.clone_from(&code);
        out.push(ChildRow { index, code });
    }
    notices.extend(skipped_notices(sheet, &skipped, kind.label()));
    Some(out)
}

/// How many row numbers an orphan notice lists before it says how many more there are.
const LISTED_ROWS: usize = 10;

/// One notice for the rows of one sheet that share an unknown (or empty) 实施编码.
pub(super) fn orphan_notice(sheet: &Sheet, rows: &[ChildRow]) -> Notice {
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
    let message = if first.code.is_empty() {
        format!("{place}没有实施编码，无法归入任何事项")
    } else {
        format!(
            "{place}的实施编码 \"{}\" 在事项表中找不到对应事项，未归入任何事项",
            first.code
        )
    };
    Notice {
        level: NoticeLevel::Warning,
        provenance: sheet.provenance(first.index),
        message,
    }
}

/// Adds row `index` of a child sheet of `kind` to its item, taking its texts out of the sheet.
pub(super) fn attach(item: &mut Item, kind: Kind, cols: &[Col], sheet: &mut Sheet, index: usize) {
    let provenance = sheet.provenance(index);
    // The row is freed as it is read, so a sheet shrinks as its items grow.
    let mut cells = std::mem::take(&mut sheet.rows[index]);
    attach_cells(item, kind, cols, &mut cells, provenance);
}

/// Whether a row has a value in any of a child record's columns (`cols` as
/// [`super::columns::inline_children`] gives them).
pub(super) fn has_own_cells(row: &[String], cols: &[Col]) -> bool {
    cols.iter()
        .enumerate()
        .any(|(c, col)| *col != Col::Skip && !cell(row, c).is_empty())
}

/// Adds a child record of `kind` made of a row's cells to its item, taking the texts of the
/// columns `cols` names out of `cells` (the others stay, for the item the row may also be).
pub(super) fn attach_cells(
    item: &mut Item,
    kind: Kind,
    cols: &[Col],
    cells: &mut [String],
    provenance: Provenance,
) {
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
