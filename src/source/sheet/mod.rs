//! Sheet assembly shared by the XLSX and CSV readers: a workbook is a list of sheets of rows of
//! strings; this module finds each sheet's header row, recognises what the sheet holds by its
//! headers (not by its name or position), and assembles [`Item`]s with their child records.
//!
//! - The header row is the row among the first [`HEADER_SCAN_ROWS`] that matches the most known
//!   labels. Headers are compared after [`normalize_label`](crate::model::text::normalize_label) against the field tables' synonyms
//!   plus the user's `[labels.*]` synonyms (keyed by element key or standard label). A header
//!   in two rows (group headings over sub-headings) is read as one, its second row as no record
//!   (`header/`).
//! - An item sheet has at least [`MIN_ITEM_FIELDS`] item elements besides 事项名称/实施编码 (one
//!   fewer when it has either of those); a child sheet (申请材料, 办理流程, 收费, 中介服务, 常见问题)
//!   at least [`MIN_CHILD_FIELDS`] of its own columns. On a tie the child kind wins, since child
//!   sheets often repeat a few item columns for the reader's convenience.
//!   Child rows point at their item through the 实施编码 column; an empty code cell takes the code
//!   of the row above (merged cells); a 实施编码 links to a 业务办理项编码 that begins with it, and
//!   to a code Excel damaged (`by_code.rs`). A child sheet without 实施编码 but with 事项名称 is linked by
//!   name (and 实施主体), where the name is unambiguous (`by_name.rs`); one that cannot be linked
//!   at all leaves its list unread for every item, not empty. The 中介服务 sheet has one row per agency; rows with the same
//!   service name are grouped into one [`Intermediary`](crate::model::Intermediary).
//! - An item table may hold a child record's columns beside the item's (材料名称, 来源渠道, 份数
//!   … in a 实施清单 made by hand, one row a material; `columns::inline_children`). Each row
//!   then adds its record to its item, and a row whose item cells are empty or repeat the item
//!   above (merged cells) adds it to the item above instead of starting an item. Such a table
//!   alone in its workbook, with more material columns than item columns, is read as an item
//!   table, not as a 申请材料 table without items.
//! - Without a 申请材料 sheet or such columns, an item table's 申请材料 column that lists each
//!   item's materials in one cell is split into them (`material_list.rs`); without a 收费 sheet,
//!   收费标准 and 收费依据 on the item's row are its one fee (`fee_columns.rs`).
//! - A file with no table or columns of 办理流程, 常见问题 (or 收费, 中介服务) leaves that list unread
//!   for every item, said once (`absent.rs`). So does a workbook (or set of CSV files) of separate
//!   child sheets without its 申请材料 sheet (the export left it out); an item table alone, with
//!   no material sheet, column or list, is said once and its items list no materials.
//! - Values are kept as published (trimmed). A time limit column whose header names a unit
//!   (`承诺办结时限（工作日）`, a step table's `环节时限（工作日）` or `办理时限（分钟）`) gives that
//!   unit to its bare numbers, unless a unit column (`承诺时限单位`, `时限单位`) gives it. 网办深度
//!   written as a number code is kept and said (`depth_code.rs`). Unknown columns go to `extra`
//!   by their original header, and one warning per sheet lists those with content and how
//!   `[labels]` maps them (`unrecognised.rs`); records without `extra` (中介服务, 常见问题) drop
//!   them with an info notice instead.
//! - Rows that are no record are left out with an info notice naming them (`footer.rs`): totals
//!   and sign-offs under a table (also a child table's, where a blank code would give them to the
//!   last item), headings between groups of items, and the header repeated over pasted blocks.
//! - Bad input is a notice with its place: a workbook without any item sheet (error; its child
//!   rows are not reported one by one; when the item table is there with its header but nothing
//!   under it, or the file is blank, that is said instead), an unrecognised sheet (info), an item sheet without its
//!   实施编码/事项名称 column (error; its rows are still read), a child sheet without 实施编码 (warning
//!   when linked by name, unless it has no row; error, its list unread, when it has no 事项名称 either),
//!   a child row whose code matches no item (warning). Children of a code repeated in one workbook go to the
//!   first item with that code; [`super::read_inputs`] reports the duplicate.
//!
//! No I/O here: the readers in `xlsx/` and `csv.rs` produce the [`Sheet`]s. Column matching
//! lives in `columns.rs`, two-row headers in `header/`, item rows in `items.rs`, child rows in `children.rs`, and the notices of a
//! workbook's shape in `notices.rs`.

use std::sync::Arc;

use super::own_output::OwnOutput;
use super::{Notice, NoticeLevel, Record};
use crate::config::Labels;
use crate::model::{Item, Provenance, UnreadLists};

mod absent;
mod by_code;
mod by_name;
mod children;
pub(crate) mod columns;
mod depth_code;
mod fee_columns;
mod footer;
mod formulas;
mod header;
mod items;
mod material_list;
mod notices;
pub(crate) mod numbers;
mod repeated;
#[cfg(test)]
mod tests;
mod unrecognised;

pub(crate) use by_code::is_damaged as is_damaged_code;
use by_code::{CodeIndex, attach_by_code};
use by_name::attach_by_name;
use children::{Layout, Link, child_rows, limit_unit, link_of};
use columns::{Col, Detected, Kind, Tables, detect, detect_item_table, inline_children, key_row};
pub(crate) use formulas::Uncomputed;
use items::read_item_sheet;
pub(crate) use items::{is_bare_number, time_unit_of_label};
pub(crate) use notices::column_letters;
use notices::{
    header_only_notice, headerless_notice, material_sheet_left_out_notice, no_item_sheet_notice,
    no_material_sheet_notice, nothing_below,
};

/// How many rows from the top are searched for the header row.
pub const HEADER_SCAN_ROWS: usize = 10;
/// Item elements (besides 事项名称 and 实施编码) a header row needs to make an item sheet.
pub const MIN_ITEM_FIELDS: usize = 3;
/// Own columns a header row needs to make a child sheet.
pub const MIN_CHILD_FIELDS: usize = 2;

/// One sheet of a workbook (or one CSV file).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sheet {
    /// The file the sheet was read from (shared with its records' provenance).
    pub source: Arc<str>,
    /// The sheet name (`None` for a CSV file, which is its own sheet).
    pub name: Option<Arc<str>>,
    /// The 1-based spreadsheet row of `rows[0]`.
    pub first_row: u64,
    /// Cell texts, row by row.
    pub rows: Vec<Vec<String>>,
    /// Cells (index into `rows`, column) that the workbook stores as numbers of eight digits or
    /// more: a phone or code typed into a number cell has lost its leading 0 (`0566-12345` is
    /// `56612345`), or every digit past the 15th (`numbers::check` says so). Empty for text
    /// formats.
    pub long_numbers: Vec<(usize, usize)>,
    /// Formulas saved without their result, read as empty (`.xlsx` only; `formulas.rs` says
    /// those a rule reads).
    pub uncomputed: Uncomputed,
}

impl Sheet {
    /// The provenance of `rows[index]`.
    fn provenance(&self, index: usize) -> Provenance {
        let row = self.first_row + index as u64;
        match &self.name {
            Some(name) => Provenance::sheet_row(Arc::clone(&self.source), Arc::clone(name), row),
            None => Provenance::row(Arc::clone(&self.source), row),
        }
    }

    /// How the sheet is named in messages: `表「申请材料」` or `文件「材料.csv」` (the file's name
    /// only: the notice's place gives its folder, and a unit's workbook shows no server folders).
    fn label(&self) -> String {
        match &self.name {
            Some(name) => format!("表「{name}」"),
            None => format!(
                "文件「{}」",
                crate::model::provenance::file_name(&self.source)
            ),
        }
    }

    /// Whether the sheet is delimited text (a CSV file, or text saved under a workbook's name),
    /// which has no number cells: Excel, opening and saving it, turns a phone's digits into a
    /// number and drops its leading 0 without a trace (`numbers::check`).
    fn is_text_table(&self) -> bool {
        self.name.is_none()
    }

    /// Whether every cell is blank (or there are no rows).
    fn is_blank(&self) -> bool {
        self.rows.iter().all(|r| is_blank_row(r))
    }

    /// The spreadsheet row number of `rows[index]`.
    fn row_number(&self, index: usize) -> u64 {
        self.first_row + index as u64
    }
}

/// Assembles a workbook's sheets into items and pushes them (and notices) into `sink`. Each sheet
/// is dropped once its rows are in the items: a large workbook's cell texts and its items are not
/// all in memory at once.
pub fn assemble(sheets: Vec<Sheet>, labels: &Labels, sink: &mut dyn FnMut(Record)) {
    assemble_read_in_part(sheets, labels, UnreadLists::default(), sink);
}

/// [`assemble`] for a workbook whose sheets of the lists `lost` could not be read (a damaged
/// sheet, already said): those lists are unread for every item, and not said again as lists the
/// file does not carry.
pub fn assemble_read_in_part(
    sheets: Vec<Sheet>,
    labels: &Labels,
    lost: UnreadLists,
    sink: &mut dyn FnMut(Record),
) {
    // The tool's own fix lists and sample lists among the inputs are skipped, whole files at a
    // time (a fix list's 事项 sheet would read as items too), and said once each.
    let mut own: Vec<(&str, OwnOutput)> = Vec::new();
    for sheet in &sheets {
        if own.iter().any(|(source, _)| **source == *sheet.source) {
            continue;
        }
        if let Some(kind) = sheet
            .rows
            .iter()
            .take(HEADER_SCAN_ROWS)
            .find_map(|row| OwnOutput::of_header(row))
        {
            own.push((&sheet.source, kind));
        }
    }
    let own: Vec<(String, OwnOutput)> = own.into_iter().map(|(s, k)| (s.to_owned(), k)).collect();
    for (source, kind) in &own {
        sink(Record::Notice(kind.skipped(source)));
    }
    let sheets: Vec<Sheet> = sheets
        .into_iter()
        .filter(|s| !own.iter().any(|(source, _)| **source == *s.source))
        .collect();
    if sheets.is_empty() && !own.is_empty() {
        return;
    }
    let mut notices = Vec::new();
    let tables = Tables::new(labels, &mut notices);
    // What each sheet holds, from its first rows; the notice for a workbook without items needs
    // every sheet's name, so it is written before the sheets are dropped.
    let mut detected: Vec<_> = sheets.iter().map(|s| detect(s, &tables)).collect();
    if !detected.iter().flatten().any(|d| d.kind == Kind::Item) {
        // A workbook without an item table may be one table of items with their materials
        // side by side (made by hand, one row a material), taken for a 申请材料 table.
        for (sheet, detected) in sheets.iter().zip(&mut detected) {
            if let Some(table) = detect_item_table(sheet, &tables)
                && !inline_children(&tables, &sheet.rows[table.row], &mut table.cols.clone())
                    .is_empty()
            {
                *detected = Some(table);
            }
        }
    }
    let has_items = detected.iter().flatten().any(|d| d.kind == Kind::Item);
    let no_item_sheet = (!has_items && !sheets.is_empty()).then(|| no_item_sheet_notice(&sheets));
    // A sheet of another child list (read or lost): the export has separate child sheets, and
    // one without 申请材料 left it out (its materials unread, not none).
    let separate_children = detected
        .iter()
        .flatten()
        .any(|d| !matches!(d.kind, Kind::Item | Kind::Material))
        || !lost.is_empty();
    let no_material_sheet = (has_items
        && !lost.materials
        && !detected.iter().flatten().any(|d| d.kind == Kind::Material))
    .then(|| {
        if separate_children {
            material_sheet_left_out_notice(&sheets)
        } else {
            no_material_sheet_notice(&sheets)
        }
    });
    let fee_sheet = detected.iter().flatten().any(|d| d.kind == Kind::Fee);
    // The child lists the file carries: a sheet, columns beside the items, or a sheet it lost.
    let mut carried: Vec<Kind> = detected.iter().flatten().map(|d| d.kind).collect();
    carried.extend(
        [Kind::Step, Kind::Fee, Kind::Intermediary, Kind::Faq]
            .into_iter()
            .filter(|kind| lost.or(kind.unread()) == lost),
    );
    let sources: Vec<Arc<str>> = {
        let mut sources: Vec<Arc<str>> = sheets.iter().map(|s| Arc::clone(&s.source)).collect();
        sources.dedup();
        sources
    };
    // Whether an item table holds its materials side by side with its items.
    let mut inline_materials = false;
    let mut items: Vec<Item> = Vec::new();
    let mut children: Vec<(Kind, Sheet, usize, Vec<Col>)> = Vec::new();
    // Item tables with a header and nothing under it: said instead of "no item table" when the
    // workbook yields no item at all (an export cut off after its first row).
    let mut header_only: Vec<Notice> = Vec::new();
    for (mut sheet, detected) in sheets.into_iter().zip(detected) {
        let Some(Detected {
            row: header,
            kind,
            cols,
            two_rows,
        }) = detected
        else {
            notices.extend(formulas::notice_unread(&sheet));
            if let Some(header) = key_row(&sheet, &tables)
                && nothing_below(&sheet, header)
            {
                header_only.push(header_only_notice(&sheet, header));
                continue;
            }
            notices.push(Notice {
                level: NoticeLevel::Info,
                provenance: sheet.name.as_ref().map_or_else(
                    || Provenance::file(Arc::clone(&sheet.source)),
                    |n| Provenance {
                        sheet: Some(Arc::clone(n)),
                        ..Provenance::file(Arc::clone(&sheet.source))
                    },
                ),
                message: if sheet.is_blank() {
                    format!("{}是空的，已忽略", sheet.label())
                } else {
                    format!(
                        "{}的前 {HEADER_SCAN_ROWS} 行中没有事项表或子表（申请材料、办理流程、收费、中介服务、常见问题）的表头，已忽略（如果它是事项表，请把表头移到前 {HEADER_SCAN_ROWS} 行内）",
                        sheet.label()
                    )
                },
            });
            continue;
        };
        if let Some(merged) = two_rows {
            // The second row is the header's: its sub-headings are in the names, and it is
            // read as no record.
            notices.push(header::two_rows_notice(&sheet, header, &merged));
            sheet.rows[header] = merged;
            sheet.rows[header + 1].clear();
        }
        let mut cols = cols;
        notices.extend(repeated::prefer_filled(
            &sheet, header, &mut cols, &tables, kind,
        ));
        let (number_notices, damaged) = numbers::check(&mut sheet, header, &cols);
        notices.extend(number_notices);
        notices.extend(headerless_notice(&sheet, header, &cols));
        if kind == Kind::Item {
            let before = items.len();
            let inline = inline_children(&tables, &sheet.rows[header], &mut cols);
            let own_inline = inline.iter().any(|(kind, _)| *kind == Kind::Material);
            inline_materials |= own_inline;
            carried.extend(inline.iter().map(|(kind, _)| *kind));
            // Without a 申请材料 sheet or columns beside this table's items, a column listing
            // each item's materials: looked for in each item table, not only until one had it
            // (the second of two CSV exports in a run lost its list).
            let listed = (no_material_sheet.is_some() && !own_inline)
                .then(|| material_list::column(&tables, &sheet.rows[header], &cols))
                .flatten();
            // Without a 收费 sheet or a fee beside the item, 收费标准 and 收费依据 on its row.
            let fee_columns = if fee_sheet || inline.iter().any(|(kind, _)| *kind == Kind::Fee) {
                Vec::new()
            } else {
                fee_columns::columns(&tables, &sheet.rows[header], &cols)
            };
            let read_otherwise: Vec<&str> = listed
                .as_deref()
                .into_iter()
                .chain(fee_columns.iter().map(|(h, _)| h.as_str()))
                .collect();
            notices.extend(unrecognised::notice(
                &sheet,
                header,
                (&cols, kind),
                &tables,
                &read_otherwise,
            ));
            notices.extend(formulas::notice(&sheet, header, &cols, &read_otherwise));
            notices.extend(depth_code::notice(&sheet, header, &cols));
            read_item_sheet(
                &mut sheet,
                header,
                (&cols, &inline),
                &mut items,
                &mut notices,
            );
            numbers::mark_damaged(&sheet, &damaged, &mut items[before..]);
            if let Some(column) = listed
                && let Some(notice) =
                    material_list::read(&sheet, header, &column, &mut items[before..])
            {
                inline_materials = true;
                notices.push(notice);
            }
            if !fee_columns.is_empty() {
                carried.push(Kind::Fee);
                notices.extend(fee_columns::read(
                    &sheet,
                    header,
                    &fee_columns,
                    &mut items[before..],
                ));
            }
            if items.len() == before {
                header_only.push(header_only_notice(&sheet, header));
            }
        } else {
            notices.extend(unrecognised::notice(
                &sheet,
                header,
                (&cols, kind),
                &tables,
                &[],
            ));
            notices.extend(formulas::notice(&sheet, header, &cols, &[]));
            children.push((kind, sheet, header, cols));
        }
    }
    if items.is_empty() && !header_only.is_empty() {
        notices.append(&mut header_only);
        children.clear();
    } else if let Some(notice) = no_item_sheet {
        notices.push(notice);
        children.clear();
    }
    let index = CodeIndex::new(&items);
    // The lists each item got a row of, and the kinds of the sheets linked by code.
    let mut got = vec![UnreadLists::default(); items.len()];
    let mut by_code_kinds: Vec<Kind> = Vec::new();
    let items_have_subject = items.iter().any(|i| !i.subject.is_empty());
    // The lists of a child sheet that links no row: unread for every item, not empty.
    let mut unread = UnreadLists::default();
    for (kind, mut sheet, header, cols) in children {
        let link = link_of(&cols, &sheet.rows[header], &tables, items_have_subject);
        let Some(rows) = child_rows(kind, &sheet, header, (&cols, link), &mut notices) else {
            unread = unread.or(kind.unread());
            continue;
        };
        let limit_unit = (kind == Kind::Step)
            .then(|| limit_unit(&sheet.rows[header], &cols))
            .flatten();
        let layout = Layout {
            kind,
            cols: &cols,
            limit_unit: limit_unit.as_deref(),
        };
        if let Some(Link::Name { subject, .. }) = link {
            unread = unread.or(attach_by_name(
                (layout, &mut sheet),
                rows,
                &mut items,
                subject.is_some(),
                &mut notices,
            ));
            continue;
        }
        by_code_kinds.push(kind);
        unread = unread.or(attach_by_code(
            (layout, &mut sheet),
            rows,
            (&mut items, &index),
            &mut got,
            &mut notices,
        ));
    }
    notices.extend(by_code::damaged_unread(
        &index,
        &by_code_kinds,
        &mut items,
        &got,
    ));
    let sources: Vec<&str> = sources.iter().map(|s| &**s).collect();
    notices.extend(absent::mark_absent(&carried, &mut items, &sources));
    let unread = unread.or(lost);
    if !unread.is_empty() {
        for item in &mut items {
            item.unread = item.unread.or(unread);
        }
    }
    // A table with no item under its header has been said; no need to add its materials.
    if !items.is_empty() && !inline_materials {
        if separate_children && no_material_sheet.is_some() {
            for item in &mut items {
                item.unread = item.unread.or(Kind::Material.unread());
            }
        }
        notices.extend(no_material_sheet);
    }
    for notice in notices {
        sink(Record::Notice(notice));
    }
    for item in items {
        sink(Record::Item(Box::new(item)));
    }
}

/// What a sheet holds by its header (`None` when it has none that is known): for a sheet the
/// workbook could not give back whole, from the rows read before the damage.
pub(crate) fn kind_of(sheet: &Sheet, labels: &Labels) -> Option<Kind> {
    let mut unused = Vec::new();
    detect(sheet, &Tables::new(labels, &mut unused)).map(|d| d.kind)
}

pub(super) fn cell(row: &[String], i: usize) -> &str {
    row.get(i).map_or("", |s| s.trim())
}

/// Takes cell `i`'s text out of `row`, trimmed as [`cell`] reads it: a sheet's texts become its
/// items' without a copy (a province's workbook was held twice over, as cells and as items).
pub(super) fn take_cell(row: &mut [String], i: usize) -> String {
    let Some(text) = row.get_mut(i) else {
        return String::new();
    };
    let text = std::mem::take(text);
    if text.trim().len() == text.len() {
        text
    } else {
        text.trim().to_owned()
    }
}

pub(super) fn is_blank_row(row: &[String]) -> bool {
    row.iter().all(|c| c.trim().is_empty())
}
