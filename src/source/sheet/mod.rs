//! Sheet assembly shared by the XLSX and CSV readers: a workbook is a list of sheets of rows of
//! strings; this module finds each sheet's header row, recognises what the sheet holds by its
//! headers (not by its name or position), and assembles [`Item`]s with their child records.
//!
//! - The header row is the row among the first [`HEADER_SCAN_ROWS`] that matches the most known
//!   labels. Headers are compared after [`normalize_label`](crate::model::text::normalize_label) against the field tables' synonyms
//!   plus the user's `[labels.*]` synonyms (keyed by element key or standard label).
//! - An item sheet has at least [`MIN_ITEM_FIELDS`] item elements besides 事项名称/实施编码 (one
//!   fewer when it has either of those); a child sheet (申请材料, 办理流程, 收费, 中介服务, 常见问题)
//!   at least [`MIN_CHILD_FIELDS`] of its own columns. On a tie the child kind wins, since child
//!   sheets often repeat a few item columns for the reader's convenience.
//!   Child rows point at their item through the 实施编码 column; an empty code cell takes the code
//!   of the row above (merged cells). The 中介服务 sheet has one row per agency; rows with the same
//!   service name are grouped into one [`Intermediary`](crate::model::Intermediary).
//! - Values are kept as published (trimmed). Unknown columns go to `extra` by their original
//!   header; records without `extra` (中介服务, 常见问题) drop them with an info notice.
//! - Bad input is a notice with its place: a workbook without any item sheet (error; its child
//!   rows are not reported one by one; when the item table is there with its header but nothing
//!   under it, or the file is blank, that is said instead), an unrecognised sheet (info), an item sheet without its
//!   实施编码/事项名称 column (error; its rows are still read), a child sheet without 实施编码 (error),
//!   a child row whose code matches no item (warning). Children of a duplicated code go to the
//!   first item with that code; [`super::read_inputs`] reports the duplicate.
//!
//! No I/O here: the readers in `xlsx.rs` and `csv.rs` produce the [`Sheet`]s. Column matching
//! lives in `columns.rs`, child rows in `children.rs`.

use std::collections::HashMap;

use super::own_output::OwnOutput;
use super::{Notice, NoticeLevel, Record};
use crate::config::Labels;
use crate::model::text::{label_note, to_halfwidth};
use crate::model::{Item, ItemField, Provenance};

mod children;
pub(crate) mod columns;
pub(crate) mod numbers;
#[cfg(test)]
mod tests;

use children::{ChildRow, attach, child_rows, orphan_notice};
use columns::{Col, Kind, Tables, detect, key_row};

/// How many rows from the top are searched for the header row.
pub const HEADER_SCAN_ROWS: usize = 10;
/// Item elements (besides 事项名称 and 实施编码) a header row needs to make an item sheet.
pub const MIN_ITEM_FIELDS: usize = 3;
/// Own columns a header row needs to make a child sheet.
pub const MIN_CHILD_FIELDS: usize = 2;

/// One sheet of a workbook (or one CSV file).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sheet {
    /// The file the sheet was read from.
    pub source: String,
    /// The sheet name (`None` for a CSV file, which is its own sheet).
    pub name: Option<String>,
    /// The 1-based spreadsheet row of `rows[0]`.
    pub first_row: u64,
    /// Cell texts, row by row.
    pub rows: Vec<Vec<String>>,
    /// Cells (index into `rows`, column) that the workbook stores as numbers of nine digits or
    /// more: a phone or code typed into a number cell has lost its leading 0, or every digit past
    /// the 15th (`numbers::check` says so). Empty for text formats.
    pub long_numbers: Vec<(usize, usize)>,
}

impl Sheet {
    /// The provenance of `rows[index]`.
    fn provenance(&self, index: usize) -> Provenance {
        let row = self.first_row + index as u64;
        match &self.name {
            Some(name) => Provenance::sheet_row(&self.source, name, row),
            None => Provenance::row(&self.source, row),
        }
    }

    /// How the sheet is named in messages: `表「申请材料」` or `文件「材料.csv」`.
    fn label(&self) -> String {
        match &self.name {
            Some(name) => format!("表「{name}」"),
            None => format!("文件「{}」", self.source),
        }
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
    // The tool's own fix lists and sample lists among the inputs are skipped, whole files at a
    // time (a fix list's 事项 sheet would read as items too), and said once each.
    let mut own: Vec<(&str, OwnOutput)> = Vec::new();
    for sheet in &sheets {
        if own.iter().any(|(source, _)| *source == sheet.source) {
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
        .filter(|s| !own.iter().any(|(source, _)| *source == s.source))
        .collect();
    if sheets.is_empty() && !own.is_empty() {
        return;
    }
    let mut notices = Vec::new();
    let tables = Tables::new(labels, &mut notices);
    // What each sheet holds, from its first rows; the notice for a workbook without items needs
    // every sheet's name, so it is written before the sheets are dropped.
    let detected: Vec<_> = sheets.iter().map(|s| detect(s, &tables)).collect();
    let has_items = detected
        .iter()
        .flatten()
        .any(|(_, kind, _)| *kind == Kind::Item);
    let no_item_sheet = (!has_items && !sheets.is_empty()).then(|| no_item_sheet_notice(&sheets));
    let no_material_sheet = (has_items
        && !detected
            .iter()
            .flatten()
            .any(|(_, kind, _)| *kind == Kind::Material))
    .then(|| no_material_sheet_notice(&sheets));
    let mut items: Vec<Item> = Vec::new();
    let mut children: Vec<(Kind, Sheet, usize, Vec<Col>)> = Vec::new();
    // Item tables with a header and nothing under it: said instead of "no item table" when the
    // workbook yields no item at all (an export cut off after its first row).
    let mut header_only: Vec<Notice> = Vec::new();
    for (mut sheet, detected) in sheets.into_iter().zip(detected) {
        let Some((header, kind, cols)) = detected else {
            if let Some(header) = key_row(&sheet, &tables)
                && nothing_below(&sheet, header)
            {
                header_only.push(header_only_notice(&sheet, header));
                continue;
            }
            notices.push(Notice {
                level: NoticeLevel::Info,
                provenance: sheet.name.as_ref().map_or_else(
                    || Provenance::file(&sheet.source),
                    |n| Provenance {
                        sheet: Some(n.clone()),
                        ..Provenance::file(&sheet.source)
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
        notices.extend(numbers::check(&mut sheet, header, &cols));
        notices.extend(headerless_notice(&sheet, header, &cols));
        if kind == Kind::Item {
            let before = items.len();
            read_item_sheet(&mut sheet, header, &cols, &mut items, &mut notices);
            if items.len() == before {
                header_only.push(header_only_notice(&sheet, header));
            }
        } else {
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
    let mut by_code: HashMap<String, usize> = HashMap::new();
    for (i, item) in items.iter().enumerate() {
        if !item.code.is_empty() {
            by_code.entry(item.code.clone()).or_insert(i);
        }
    }
    for (kind, mut sheet, header, cols) in children {
        let Some(rows) = child_rows(kind, &sheet, header, &cols, &mut notices) else {
            continue;
        };
        // Orphan rows grouped by code, in the order the codes first appear.
        let mut orphans: Vec<Vec<ChildRow>> = Vec::new();
        let mut orphan_index: HashMap<String, usize> = HashMap::new();
        for row in rows {
            if let Some(&i) = by_code.get(&row.code) {
                attach(&mut items[i], kind, &cols, &mut sheet, row.index);
            } else if let Some(&o) = orphan_index.get(&row.code) {
                orphans[o].push(row);
            } else {
                orphan_index.insert(row.code.clone(), orphans.len());
                orphans.push(vec![row]);
            }
        }
        notices.extend(orphans.iter().map(|rows| orphan_notice(&sheet, rows)));
    }
    // A table with no item under its header has been said; no need to add its materials.
    if !items.is_empty() {
        notices.extend(no_material_sheet);
    }
    for notice in notices {
        sink(Record::Notice(notice));
    }
    for item in items {
        sink(Record::Item(Box::new(item)));
    }
}

/// How the notice of [`no_material_sheet_notice`] begins.
const NO_MATERIAL_SHEET: &str = "没有找到「申请材料」表";

/// Items but no 申请材料 table: every item would be reported as listing no material, and a night
/// whose export template lost the sheet would credit the units with fixing their materials.
fn no_material_sheet_notice(sheets: &[Sheet]) -> Notice {
    let mut sources: Vec<&str> = sheets.iter().map(|s| s.source.as_str()).collect();
    sources.dedup();
    Notice {
        level: NoticeLevel::Warning,
        provenance: Provenance::file(sources.join("、")),
        message: format!(
            "{NO_MATERIAL_SHEET}（表头应含实施编码和材料名称）：事项的申请材料都没有读到，每个事项都会被报为未列出申请材料；如果导出模板改了或少导出了一张表，请重新导出"
        ),
    }
}

/// Whether every row below `header` is blank.
fn nothing_below(sheet: &Sheet, header: usize) -> bool {
    sheet.rows.iter().skip(header + 1).all(|r| is_blank_row(r))
}

/// An item table with its header (row `header`) but no item under it.
fn header_only_notice(sheet: &Sheet, header: usize) -> Notice {
    let names: Vec<&str> = sheet.rows[header]
        .iter()
        .map(|c| c.trim())
        .filter(|c| !c.is_empty())
        .take(6)
        .collect();
    let more = if sheet.rows[header]
        .iter()
        .filter(|c| !c.trim().is_empty())
        .count()
        > names.len()
    {
        "…"
    } else {
        ""
    };
    Notice {
        level: NoticeLevel::Error,
        provenance: sheet.provenance(header),
        message: format!(
            "{}只有表头（第 {} 行：{}{more}），下面没有事项数据行，可能导出还没完成，请确认后重新导出",
            sheet.label(),
            sheet.row_number(header),
            names.join("、"),
        ),
    }
}

/// No sheet of the workbook (or of the run's CSV files) holds items.
fn no_item_sheet_notice(sheets: &[Sheet]) -> Notice {
    let mut sources: Vec<&str> = sheets.iter().map(|s| s.source.as_str()).collect();
    sources.dedup();
    let names: Vec<String> = sheets.iter().map(Sheet::label).collect();
    if sheets.iter().all(Sheet::is_blank) {
        return Notice {
            level: NoticeLevel::Error,
            provenance: Provenance::file(sources.join("、")),
            message: format!(
                "{}没有任何内容（只有空行），可能导出还没完成，请确认后重新导出",
                names.join("、")
            ),
        };
    }
    Notice {
        level: NoticeLevel::Error,
        provenance: Provenance::file(sources.join("、")),
        message: format!(
            "没有找到事项表（{}）：事项表的表头应含「实施编码」或「事项名称」，以及实施主体、办理地点、承诺办结时限等事项要素列；子表无法关联，未读取",
            names.join("、")
        ),
    }
}

/// Columns with content but no header are not read: one warning names them (by the letters Excel
/// shows) with an example, since the usual cause is a header merged over two columns (`办理地点`
/// over the address and the window) whose second column would otherwise vanish without a word.
fn headerless_notice(sheet: &Sheet, header: usize, cols: &[Col]) -> Option<Notice> {
    let width = sheet.rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut found: Vec<(usize, usize, usize)> = Vec::new(); // column, filled cells, first row
    for c in 0..width {
        if !matches!(cols.get(c), None | Some(Col::Skip)) {
            continue;
        }
        let mut filled = sheet
            .rows
            .iter()
            .enumerate()
            .skip(header + 1)
            .filter(|(_, row)| !cell(row, c).is_empty());
        let Some((first, _)) = filled.next() else {
            continue;
        };
        // A numbering column (序号) without a header holds nothing to check.
        let numbering = sheet.rows.iter().skip(header + 1).all(|row| {
            let v = cell(row, c);
            v.len() <= 6 && v.bytes().all(|b| b.is_ascii_digit())
        });
        if !numbering {
            found.push((c, 1 + filled.count(), first));
        }
    }
    let &(c, count, first) = found.first()?;
    let letters: Vec<String> = found.iter().map(|&(c, ..)| column_letters(c)).collect();
    let left = c
        .checked_sub(1)
        .map(|l| cell(&sheet.rows[header], l))
        .filter(|h| !h.is_empty())
        .map(|h| format!("；如果它属于左边的「{h}」，请取消表头的合并，给它一个表头（如「窗口号」）或把内容合并到「{h}」列"))
        .unwrap_or_default();
    Some(Notice {
        level: NoticeLevel::Warning,
        provenance: sheet.provenance(header),
        message: format!(
            "{}第 {} 列没有表头，其中的内容未读取（{} 列第 {} 行起有 {count} 个单元格，如「{}」）{left}",
            sheet.label(),
            letters.join("、"),
            letters[0],
            sheet.row_number(first),
            crate::model::text::quote(cell(&sheet.rows[first], c), 20),
        ),
    })
}

/// A column's letters as Excel shows them: 0 is `A`, 25 `Z`, 26 `AA`.
fn column_letters(mut c: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (c % 26) as u8);
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
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

/// A key column the sheet lacks. An error loses records or their links (a nightly run that met
/// one is no baseline); a missing 事项名称 is a warning: every item is still read and checked.
pub(super) fn missing_column_notice(
    sheet: &Sheet,
    header: usize,
    (column, level): (&str, NoticeLevel),
    effect: &str,
) -> Notice {
    Notice {
        level,
        provenance: sheet.provenance(header),
        message: format!(
            "{}（表头在第{}行）缺少关键列「{column}」，{effect}",
            sheet.label(),
            sheet.row_number(header)
        ),
    }
}

fn read_item_sheet(
    sheet: &mut Sheet,
    header: usize,
    cols: &[Col],
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
    let mut footers: Vec<(usize, String)> = Vec::new();
    for index in header + 1..sheet.rows.len() {
        let provenance = sheet.provenance(index);
        let row = &mut sheet.rows[index];
        if is_blank_row(row) {
            continue;
        }
        if let Some(text) = footer_text(row, cols) {
            footers.push((index, text.to_owned()));
            continue;
        }
        // The row is freed as it is read, so the sheet shrinks as its items grow.
        let row = &mut std::mem::take(row);
        let bare: Vec<bool> = header_units
            .iter()
            .map(|(c, ..)| is_bare_number(cell(row, *c)))
            .collect();
        let mut item = Item {
            provenance,
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
        items.push(item);
    }
    if !footers.is_empty() {
        notices.push(footer_notice(sheet, &footers));
    }
}

/// The time unit a time limit's label names in brackets (`承诺办结时限（工作日）` → `工作日`), for
/// values that are bare numbers.
pub(crate) fn time_unit_of_label(label: &str) -> Option<String> {
    let note = label_note(label)?;
    let bare = note.strip_prefix('个').unwrap_or(&note);
    matches!(
        bare,
        "工作日" | "日" | "天" | "自然日" | "小时" | "月" | "年"
    )
    .then_some(note)
}

/// A number with nothing after it (`20`, `0.5`): a time limit whose unit is elsewhere.
pub(crate) fn is_bare_number(value: &str) -> bool {
    value.bytes().next().is_some_and(|b| b.is_ascii_digit())
        && value.bytes().all(|b| b.is_ascii_digit() || b == b'.')
}

/// What starts a row under the table that is not an item: totals, sign-offs, notes.
const FOOTER_WORDS: &[&str] = &[
    "合计",
    "总计",
    "小计",
    "共计",
    "制表",
    "填表人",
    "填表日期",
    "填报人",
    "填报单位",
    "填报日期",
    "填报时间",
    "审核人",
    "审核:",
    "审批人",
    "负责人",
    "单位负责人",
    "分管领导",
    "经办人",
    "备注",
    "注:",
    "说明:",
    "打印时间",
    "导出时间",
    "统计时间",
    "数据截至",
    "数据截止",
];

/// The text of a row under an item table that is a total or a sign-off (`合计：36项`,
/// `制表人：张三  审核人：李四`), not an item: at most two cells are filled, the first starts with
/// one of [`FOOTER_WORDS`], and no other cell is a 实施编码.
fn footer_text<'r>(row: &'r [String], cols: &[Col]) -> Option<&'r str> {
    let mut filled = row.iter().map(|c| c.trim()).filter(|c| !c.is_empty());
    let first = filled.next()?;
    if filled.count() > 1 {
        return None;
    }
    let code = cols.iter().position(|c| *c == Col::Item(ItemField::Code));
    if code.is_some_and(|c| !cell(row, c).is_empty() && cell(row, c) != first) {
        return None;
    }
    let half = to_halfwidth(first);
    let half = half.trim_start();
    FOOTER_WORDS
        .iter()
        .any(|w| half.starts_with(w))
        .then_some(first)
}

/// One notice for the footer rows of a sheet, which are not read as items.
fn footer_notice(sheet: &Sheet, footers: &[(usize, String)]) -> Notice {
    let rows: Vec<String> = footers
        .iter()
        .map(|(i, _)| sheet.row_number(*i).to_string())
        .collect();
    let texts: Vec<String> = footers
        .iter()
        .take(3)
        .map(|(_, t)| format!("「{}」", crate::model::text::quote(t, 20)))
        .collect();
    Notice {
        level: NoticeLevel::Info,
        provenance: sheet.provenance(footers[0].0),
        message: format!(
            "{}第 {} 行是表尾（{}），不是事项，未读取",
            sheet.label(),
            rows.join("、"),
            texts.join("")
        ),
    }
}
