//! Sheet assembly shared by the XLSX and CSV readers: a workbook is a list of sheets of rows of
//! strings; this module finds each sheet's header row, recognises what the sheet holds by its
//! headers (not by its name or position), and assembles [`Item`]s with their child records.
//!
//! - The header row is the row among the first [`HEADER_SCAN_ROWS`] that matches the most known
//!   labels. Headers are compared after [`normalize_label`] against the field tables' synonyms
//!   plus the user's `[labels.*]` synonyms (keyed by element key or standard label).
//! - An item sheet has at least [`MIN_ITEM_FIELDS`] item elements besides 事项名称/实施编码 (one
//!   fewer when it has either of those); a child sheet (申请材料, 办理流程, 收费, 中介服务, 常见问题)
//!   at least [`MIN_CHILD_FIELDS`] of its own columns. On a tie the child kind wins, since child
//!   sheets often repeat a few item columns for the reader's convenience.
//!   Child rows point at their item through the 实施编码 column; an empty code cell takes the code
//!   of the row above (merged cells). The 中介服务 sheet has one row per agency; rows with the same
//!   service name are grouped into one [`Intermediary`].
//! - Values are kept as published (trimmed). Unknown columns go to `extra` by their original
//!   header; records without `extra` (中介服务, 常见问题) drop them with an info notice.
//! - Bad input is a notice with its place: a workbook without any item sheet (error; its child
//!   rows are not reported one by one), an unrecognised sheet (info), an item sheet without its
//!   实施编码/事项名称 column (error; its rows are still read), a child sheet without 实施编码 (error),
//!   a child row whose code matches no item (warning). Children of a duplicated code go to the
//!   first item with that code; [`super::read_inputs`] reports the duplicate.
//!
//! No I/O here: the readers in `xlsx.rs` and `csv.rs` produce the [`Sheet`]s.

use std::collections::{BTreeMap, HashMap};
use std::hash::Hash;

use super::{Notice, NoticeLevel, Record};
use crate::config::Labels;
use crate::model::text::normalize_label;
use crate::model::{
    Agency, AgencyField, Faq, FaqField, Fee, FeeField, Intermediary, IntermediaryField, Item,
    ItemField, Material, MaterialField, Provenance, Step, StepField,
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
    /// The file the sheet was read from.
    pub source: String,
    /// The sheet name (`None` for a CSV file, which is its own sheet).
    pub name: Option<String>,
    /// The 1-based spreadsheet row of `rows[0]`.
    pub first_row: u64,
    /// Cell texts, row by row.
    pub rows: Vec<Vec<String>>,
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

    /// The spreadsheet row number of `rows[index]`.
    fn row_number(&self, index: usize) -> u64 {
        self.first_row + index as u64
    }
}

/// What a sheet holds, recognised by its headers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Item,
    Material,
    Step,
    Fee,
    Intermediary,
    Faq,
}

impl Kind {
    /// In tie-break order: child kinds before the item kind.
    const ALL: [Kind; 6] = [
        Kind::Material,
        Kind::Step,
        Kind::Fee,
        Kind::Intermediary,
        Kind::Faq,
        Kind::Item,
    ];
}

/// What one column of a sheet is.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Col {
    Item(ItemField),
    Material(MaterialField),
    Step(StepField),
    Fee(FeeField),
    Intermediary(IntermediaryField),
    Agency(AgencyField),
    Faq(FaqField),
    /// The child row's 实施编码, pointing at its item.
    LinkCode,
    /// An item element repeated in a child sheet for the reader's convenience (事项名称 …).
    Context,
    /// Not recognised: kept by its original header.
    Extra(String),
    /// Empty header.
    Skip,
}

/// Normalised label → field, for one record type.
struct FieldTable<F> {
    by_label: HashMap<String, F>,
}

impl<F: Copy + Eq + Hash> FieldTable<F> {
    fn build(
        all: &[F],
        synonyms: impl Fn(F) -> &'static [&'static str],
        key: impl Fn(F) -> &'static str,
        user: &BTreeMap<String, Vec<String>>,
        section: &str,
        notices: &mut Vec<Notice>,
    ) -> Self {
        let mut by_label = HashMap::new();
        for &f in all {
            for s in synonyms(f) {
                by_label.entry(normalize_label(s)).or_insert(f);
            }
        }
        for (k, extra) in user {
            let nk = normalize_label(k);
            let field = all.iter().copied().find(|&f| {
                key(f) == k.trim() || synonyms(f).iter().any(|s| normalize_label(s) == nk)
            });
            match field {
                Some(f) => {
                    for s in extra {
                        by_label.insert(normalize_label(s), f);
                    }
                }
                None => notices.push(Notice {
                    level: NoticeLevel::Warning,
                    provenance: Provenance::file(format!("配置 [labels.{section}]")),
                    message: format!("配置 [labels.{section}] 中的 \"{k}\" 不是已知的要素，已忽略"),
                }),
            }
        }
        Self { by_label }
    }

    fn get(&self, normalized: &str) -> Option<F> {
        self.by_label.get(normalized).copied()
    }
}

/// Every field table, with the user's synonyms.
struct Tables {
    item: FieldTable<ItemField>,
    material: FieldTable<MaterialField>,
    step: FieldTable<StepField>,
    fee: FieldTable<FeeField>,
    intermediary: FieldTable<IntermediaryField>,
    agency: FieldTable<AgencyField>,
    faq: FieldTable<FaqField>,
}

impl Tables {
    fn new(labels: &Labels, notices: &mut Vec<Notice>) -> Self {
        Self {
            item: FieldTable::build(
                ItemField::ALL,
                ItemField::synonyms,
                ItemField::key,
                &labels.item,
                "item",
                notices,
            ),
            material: FieldTable::build(
                MaterialField::ALL,
                MaterialField::synonyms,
                MaterialField::key,
                &labels.material,
                "material",
                notices,
            ),
            step: FieldTable::build(
                StepField::ALL,
                StepField::synonyms,
                StepField::key,
                &labels.step,
                "step",
                notices,
            ),
            fee: FieldTable::build(
                FeeField::ALL,
                FeeField::synonyms,
                FeeField::key,
                &labels.fee,
                "fee",
                notices,
            ),
            intermediary: FieldTable::build(
                IntermediaryField::ALL,
                IntermediaryField::synonyms,
                IntermediaryField::key,
                &labels.intermediary,
                "intermediary",
                notices,
            ),
            agency: FieldTable::build(
                AgencyField::ALL,
                AgencyField::synonyms,
                AgencyField::key,
                &labels.agency,
                "agency",
                notices,
            ),
            faq: FieldTable::build(
                FaqField::ALL,
                FaqField::synonyms,
                FaqField::key,
                &labels.faq,
                "faq",
                notices,
            ),
        }
    }

    /// The column a header is in a sheet of `kind`.
    fn column(&self, kind: Kind, header: &str) -> Col {
        let n = normalize_label(header);
        if n.is_empty() {
            return Col::Skip;
        }
        let own = match kind {
            Kind::Item => self.item.get(&n).map(Col::Item),
            Kind::Material => self.material.get(&n).map(Col::Material),
            Kind::Step => self.step.get(&n).map(Col::Step),
            Kind::Fee => self.fee.get(&n).map(Col::Fee),
            Kind::Intermediary => self
                .intermediary
                .get(&n)
                .map(Col::Intermediary)
                .or_else(|| self.agency.get(&n).map(Col::Agency)),
            Kind::Faq => self.faq.get(&n).map(Col::Faq),
        };
        own.or_else(|| match self.item.get(&n) {
            Some(ItemField::Code) => Some(Col::LinkCode),
            Some(_) => Some(Col::Context),
            None => None,
        })
        .unwrap_or_else(|| Col::Extra(header.trim().to_owned()))
    }

    /// The columns of a header row in a sheet of `kind`; a field's second column becomes extra.
    fn columns(&self, kind: Kind, row: &[String]) -> Vec<Col> {
        let mut cols: Vec<Col> = Vec::with_capacity(row.len());
        for header in row {
            let col = self.column(kind, header);
            let repeated = !matches!(col, Col::Extra(_) | Col::Skip) && cols.contains(&col);
            cols.push(if repeated {
                Col::Extra(header.trim().to_owned())
            } else {
                col
            });
        }
        cols
    }
}

/// How many of the sheet kind's own elements a header row names.
fn score(kind: Kind, cols: &[Col]) -> usize {
    cols.iter()
        .filter(|c| match (kind, c) {
            (Kind::Item, Col::Item(f)) => !matches!(f, ItemField::Code | ItemField::Name),
            (_, Col::Item(_) | Col::LinkCode | Col::Context | Col::Extra(_) | Col::Skip) => false,
            _ => true,
        })
        .count()
}

/// The header row and kind of a sheet, if it is recognised.
fn detect(sheet: &Sheet, tables: &Tables) -> Option<(usize, Kind, Vec<Col>)> {
    let mut best: Option<(usize, usize, Kind, Vec<Col>)> = None;
    for (i, row) in sheet.rows.iter().take(HEADER_SCAN_ROWS).enumerate() {
        for kind in Kind::ALL {
            let cols = tables.columns(kind, row);
            let s = score(kind, &cols);
            let has_key = cols
                .iter()
                .any(|c| matches!(c, Col::Item(ItemField::Code | ItemField::Name)));
            let min = if kind == Kind::Item {
                MIN_ITEM_FIELDS - usize::from(has_key)
            } else {
                MIN_CHILD_FIELDS
            };
            if s >= min && best.as_ref().is_none_or(|b| s > b.0) {
                best = Some((s, i, kind, cols));
            }
        }
    }
    best.map(|(_, i, kind, cols)| (i, kind, cols))
}

/// A child row waiting for its item.
struct ChildRow<'a> {
    sheet: &'a Sheet,
    kind: Kind,
    cols: &'a [Col],
    index: usize,
    code: String,
}

/// Assembles a workbook's sheets into items and pushes them (and notices) into `sink`.
pub fn assemble(sheets: &[Sheet], labels: &Labels, sink: &mut dyn FnMut(Record)) {
    let mut notices = Vec::new();
    let tables = Tables::new(labels, &mut notices);
    let mut items: Vec<Item> = Vec::new();
    let mut children: Vec<(Kind, &Sheet, usize, Vec<Col>)> = Vec::new();
    let mut item_sheets = 0usize;
    for sheet in sheets {
        let Some((header, kind, cols)) = detect(sheet, &tables) else {
            notices.push(Notice {
                level: NoticeLevel::Info,
                provenance: sheet.name.as_ref().map_or_else(
                    || Provenance::file(&sheet.source),
                    |n| Provenance {
                        sheet: Some(n.clone()),
                        ..Provenance::file(&sheet.source)
                    },
                ),
                message: format!(
                    "{}的表头不含事项表或子表（申请材料、办理流程、收费、中介服务、常见问题）的已知列，已忽略",
                    sheet.label()
                ),
            });
            continue;
        };
        if kind == Kind::Item {
            item_sheets += 1;
            read_item_sheet(sheet, header, &cols, &mut items, &mut notices);
        } else {
            children.push((kind, sheet, header, cols));
        }
    }
    if item_sheets == 0 && !sheets.is_empty() {
        notices.push(no_item_sheet_notice(sheets));
        children.clear();
    }
    let mut by_code: HashMap<String, usize> = HashMap::new();
    for (i, item) in items.iter().enumerate() {
        if !item.code.is_empty() {
            by_code.entry(item.code.clone()).or_insert(i);
        }
    }
    for (kind, sheet, header, cols) in &children {
        let Some(rows) = child_rows(*kind, sheet, *header, cols, &mut notices) else {
            continue;
        };
        // Orphan rows grouped by code, in the order the codes first appear.
        let mut orphans: Vec<Vec<ChildRow<'_>>> = Vec::new();
        let mut orphan_index: HashMap<String, usize> = HashMap::new();
        for row in rows {
            if let Some(&i) = by_code.get(&row.code) {
                attach(&mut items[i], &row);
            } else if let Some(&o) = orphan_index.get(&row.code) {
                orphans[o].push(row);
            } else {
                orphan_index.insert(row.code.clone(), orphans.len());
                orphans.push(vec![row]);
            }
        }
        notices.extend(orphans.iter().map(|rows| orphan_notice(rows)));
    }
    for notice in notices {
        sink(Record::Notice(notice));
    }
    for item in items {
        sink(Record::Item(Box::new(item)));
    }
}

/// No sheet of the workbook (or of the run's CSV files) holds items.
fn no_item_sheet_notice(sheets: &[Sheet]) -> Notice {
    let mut sources: Vec<&str> = sheets.iter().map(|s| s.source.as_str()).collect();
    sources.dedup();
    let names: Vec<String> = sheets.iter().map(Sheet::label).collect();
    Notice {
        level: NoticeLevel::Error,
        provenance: Provenance::file(sources.join("、")),
        message: format!(
            "没有找到事项表（{}）：事项表的表头应含「实施编码」或「事项名称」，以及实施主体、办理地点、承诺办结时限等事项要素列；子表无法关联，未读取",
            names.join("、")
        ),
    }
}

fn cell(row: &[String], i: usize) -> &str {
    row.get(i).map_or("", |s| s.trim())
}

fn is_blank_row(row: &[String]) -> bool {
    row.iter().all(|c| c.trim().is_empty())
}

fn missing_column_notice(sheet: &Sheet, header: usize, column: &str, effect: &str) -> Notice {
    Notice {
        level: NoticeLevel::Error,
        provenance: sheet.provenance(header),
        message: format!(
            "{}（表头在第{}行）缺少关键列「{column}」，{effect}",
            sheet.label(),
            sheet.row_number(header)
        ),
    }
}

fn read_item_sheet(
    sheet: &Sheet,
    header: usize,
    cols: &[Col],
    items: &mut Vec<Item>,
    notices: &mut Vec<Notice>,
) {
    if !cols.contains(&Col::Item(ItemField::Code)) {
        notices.push(missing_column_notice(
            sheet,
            header,
            "实施编码",
            "事项仍会检查，但子表中的材料、流程等无法关联到这些事项",
        ));
    }
    if !cols.contains(&Col::Item(ItemField::Name)) {
        notices.push(missing_column_notice(
            sheet,
            header,
            "事项名称",
            "事项仍会检查，报告中这些事项没有名称",
        ));
    }
    for (index, row) in sheet.rows.iter().enumerate().skip(header + 1) {
        if is_blank_row(row) {
            continue;
        }
        let mut item = Item {
            provenance: sheet.provenance(index),
            ..Item::default()
        };
        for (c, col) in cols.iter().enumerate() {
            let value = cell(row, c);
            match col {
                Col::Item(f) => value.clone_into(item.get_mut(*f)),
                Col::Extra(h) if !value.is_empty() => {
                    item.extra.insert(h.clone(), value.to_owned());
                }
                _ => {}
            }
        }
        items.push(item);
    }
}

/// The rows of a child sheet with their item codes (filled down over merged cells), or `None`
/// when the sheet has no 实施编码 column.
fn child_rows<'a>(
    kind: Kind,
    sheet: &'a Sheet,
    header: usize,
    cols: &'a [Col],
    notices: &mut Vec<Notice>,
) -> Option<Vec<ChildRow<'a>>> {
    let Some(code_col) = cols.iter().position(|c| *c == Col::LinkCode) else {
        notices.push(missing_column_notice(
            sheet,
            header,
            "实施编码",
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
        let code = match cell(row, code_col) {
            "" => previous.clone(),
            c => c.to_owned(),
        };
        previous.clone_from(&code);
        out.push(ChildRow {
            sheet,
            kind,
            cols,
            index,
            code,
        });
    }
    Some(out)
}

/// How many row numbers an orphan notice lists before it says how many more there are.
const LISTED_ROWS: usize = 10;

/// One notice for the rows of one sheet that share an unknown (or empty) 实施编码.
fn orphan_notice(rows: &[ChildRow<'_>]) -> Notice {
    let first = &rows[0];
    let mut numbers: Vec<String> = rows
        .iter()
        .take(LISTED_ROWS)
        .map(|r| r.sheet.row_number(r.index).to_string())
        .collect();
    if rows.len() > LISTED_ROWS {
        numbers.push(format!("…共{}", rows.len()));
    }
    let place = format!("{}第{}行", first.sheet.label(), numbers.join("、"));
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
        provenance: first.sheet.provenance(first.index),
        message,
    }
}

/// Adds one child row to its item.
fn attach(item: &mut Item, row: &ChildRow<'_>) {
    let cells = &row.sheet.rows[row.index];
    let provenance = row.sheet.provenance(row.index);
    let values = row
        .cols
        .iter()
        .enumerate()
        .map(|(c, col)| (col, cell(cells, c)));
    match row.kind {
        Kind::Item => {}
        Kind::Material => {
            let mut m = Material {
                provenance,
                ..Material::default()
            };
            for (col, v) in values {
                match col {
                    Col::Material(f) => v.clone_into(m.get_mut(*f)),
                    Col::Extra(h) if !v.is_empty() => {
                        m.extra.insert(h.clone(), v.to_owned());
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
                    Col::Step(f) => v.clone_into(s.get_mut(*f)),
                    Col::Extra(h) if !v.is_empty() => {
                        s.extra.insert(h.clone(), v.to_owned());
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
                    Col::Fee(field) => v.clone_into(f.get_mut(*field)),
                    Col::Extra(h) if !v.is_empty() => {
                        f.extra.insert(h.clone(), v.to_owned());
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
                    v.clone_into(q.get_mut(*f));
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
                    Col::Intermediary(f) => v.clone_into(service.get_mut(*f)),
                    Col::Agency(f) => v.clone_into(agency.get_mut(*f)),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet(name: &str, rows: &[&[&str]]) -> Sheet {
        Sheet {
            source: "导出.xlsx".into(),
            name: Some(name.into()),
            first_row: 1,
            rows: rows
                .iter()
                .map(|r| r.iter().map(|c| (*c).to_owned()).collect())
                .collect(),
        }
    }

    fn assemble_all(sheets: &[Sheet]) -> (Vec<Item>, Vec<Notice>) {
        let (mut items, mut notices) = (Vec::new(), Vec::new());
        assemble(sheets, &Labels::default(), &mut |r| match r {
            Record::Item(i) => items.push(*i),
            Record::Notice(n) => notices.push(n),
            Record::Unreadable(_) => panic!("sheets give items or notices"),
        });
        (items, notices)
    }

    const CODE: &str = "1134170000312541513000117035000";

    #[test]
    fn sheets_are_recognised_by_headers_not_names_or_order() {
        let faq = sheet(
            "Sheet1",
            &[
                &["事项编码", "常见问题", "解答"],
                &[CODE, "许可证有效期多久？", "有效期为5年。"],
            ],
        );
        let items = sheet(
            "Sheet2",
            &[
                &["池州市政务服务事项清单", "", ""],
                &["", "", ""],
                &[
                    "实施 编码",
                    "事项名称：",
                    "承诺期限（工作日）",
                    "办理地点",
                    "咨询方式",
                ],
                &[
                    CODE,
                    "食品经营许可（新办）",
                    "10个工作日",
                    "池州市长江中路89号8号窗口",
                    "0566-2021156",
                ],
            ],
        );
        let (got, notices) = assemble_all(&[faq, items]);
        assert!(notices.is_empty(), "{notices:?}");
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].promised_limit, "10个工作日");
        assert_eq!(
            got[0].provenance,
            Provenance::sheet_row("导出.xlsx", "Sheet2", 4)
        );
        assert_eq!(got[0].faqs[0].answer, "有效期为5年。");
        assert_eq!(
            got[0].faqs[0].provenance,
            Provenance::sheet_row("导出.xlsx", "Sheet1", 2)
        );
    }

    #[test]
    fn a_child_sheet_repeating_item_columns_stays_a_child_sheet() {
        let items = sheet(
            "事项",
            &[
                &["实施编码", "事项名称", "实施主体", "办理地点"],
                &[
                    CODE,
                    "食品经营许可（新办）",
                    "池州市市场监督管理局",
                    "池州市长江中路89号8号窗口",
                ],
            ],
        );
        let fees = sheet(
            "收费",
            &[
                &[
                    "实施编码",
                    "事项名称",
                    "实施主体",
                    "行政区划",
                    "收费项目",
                    "收费标准",
                ],
                &[
                    CODE,
                    "食品经营许可（新办）",
                    "池州市市场监督管理局",
                    "池州市",
                    "工本费",
                    "10元/本",
                ],
            ],
        );
        let (got, notices) = assemble_all(&[items, fees]);
        assert!(notices.is_empty(), "{notices:?}");
        assert_eq!(got.len(), 1, "the fee sheet is not a second item sheet");
        assert_eq!(got[0].fees[0].standard, "10元/本");
    }

    #[test]
    fn a_workbook_without_item_sheet_is_one_error() {
        let steps = sheet(
            "流程",
            &[
                &["实施编码", "环节名称", "办理人", "办理时限"],
                &[CODE, "受理", "窗口受理人员", "1个工作日"],
                &[CODE, "审查", "审核人员", "6个工作日"],
            ],
        );
        let (got, notices) = assemble_all(&[steps]);
        assert!(got.is_empty());
        assert_eq!(notices.len(), 1, "{notices:?}");
        assert_eq!(notices[0].level, NoticeLevel::Error);
        assert!(
            notices[0].message.contains("没有找到事项表")
                && notices[0].message.contains("表「流程」")
        );
    }

    #[test]
    fn merged_code_cells_fill_down_in_child_sheets() {
        let items = sheet(
            "事项",
            &[
                &["实施编码", "事项名称", "实施主体", "办理地点", "承诺时限"],
                &[
                    CODE,
                    "食品经营许可（新办）",
                    "池州市市场监督管理局",
                    "池州市长江中路89号8号窗口",
                    "10个工作日",
                ],
            ],
        );
        let steps = sheet(
            "流程",
            &[
                &["实施编码", "环节名称", "办理人", "办理时限"],
                &[CODE, "受理", "窗口受理人员", "1个工作日"],
                &["", "审查", "审核人员", "6个工作日"],
                &["", "", "", ""],
                &["", "决定", "分管负责人", "2个工作日"],
            ],
        );
        let (got, notices) = assemble_all(&[items, steps]);
        assert!(notices.is_empty(), "{notices:?}");
        let names: Vec<&str> = got[0].steps.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["受理", "审查", "决定"]);
        assert_eq!(got[0].steps[2].provenance.row, Some(5));
    }

    #[test]
    fn repeated_columns_and_unknown_columns_are_kept_as_extra() {
        let items = sheet(
            "事项",
            &[
                &[
                    "实施编码",
                    "事项名称",
                    "承诺办结时限",
                    "承诺时限",
                    "办理地点",
                    "实施主体",
                    "经办人",
                ],
                &[
                    CODE,
                    "食品经营许可（新办）",
                    "10个工作日",
                    "10日",
                    "池州市长江中路89号8号窗口",
                    "池州市市场监督管理局",
                    "张三",
                ],
            ],
        );
        let (got, _) = assemble_all(&[items]);
        assert_eq!(got[0].promised_limit, "10个工作日");
        assert_eq!(
            got[0].extra.get("承诺时限").map(String::as_str),
            Some("10日")
        );
        assert_eq!(got[0].extra.get("经办人").map(String::as_str), Some("张三"));
    }
}
