//! Header matching: the field tables with the user's synonyms, what each column of a sheet is,
//! and which row and kind a sheet's header is.

use std::collections::{BTreeMap, HashMap};
use std::hash::Hash;

use super::header::{self, SecondRow};
use super::{HEADER_SCAN_ROWS, MIN_CHILD_FIELDS, MIN_ITEM_FIELDS, Sheet};
use crate::config::Labels;
use crate::model::text::normalize_label;
use crate::model::{
    AgencyField, FaqField, FeeField, IntermediaryField, ItemField, MaterialField, Provenance,
    StepField, UnreadLists,
};
use crate::source::{Notice, NoticeLevel};

/// What a sheet holds, recognised by its headers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Item,
    Material,
    Step,
    Fee,
    Intermediary,
    Faq,
}

impl Kind {
    /// What the kind's records are called in messages (申请材料, 办理流程 …).
    pub(super) fn label(self) -> &'static str {
        match self {
            Kind::Item => "事项",
            Kind::Material => "申请材料",
            Kind::Step => "办理流程",
            Kind::Fee => "收费项目",
            Kind::Intermediary => "中介服务",
            Kind::Faq => "常见问题",
        }
    }

    /// The child list of this kind marked unread (none for [`Kind::Item`]).
    pub(crate) fn unread(self) -> UnreadLists {
        let mut unread = UnreadLists::default();
        match self {
            Kind::Material => unread.materials = true,
            Kind::Step => unread.steps = true,
            Kind::Fee => unread.fees = true,
            Kind::Intermediary => unread.intermediaries = true,
            Kind::Faq => unread.faqs = true,
            Kind::Item => {}
        }
        unread
    }

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
pub(crate) enum Col {
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

impl Col {
    /// The standard label of the element the column is read as (`实施编码` for a child row's
    /// link); `None` for a column that is none.
    pub(super) fn element_label(&self) -> Option<&'static str> {
        match self {
            Col::Item(f) => Some(f.label()),
            Col::Material(f) => Some(f.label()),
            Col::Step(f) => Some(f.label()),
            Col::Fee(f) => Some(f.label()),
            Col::Intermediary(f) => Some(f.label()),
            Col::Agency(f) => Some(f.label()),
            Col::Faq(f) => Some(f.label()),
            Col::LinkCode => Some(ItemField::Code.label()),
            Col::Context | Col::Extra(_) | Col::Skip => None,
        }
    }
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
pub(crate) struct Tables {
    item: FieldTable<ItemField>,
    material: FieldTable<MaterialField>,
    step: FieldTable<StepField>,
    fee: FieldTable<FeeField>,
    intermediary: FieldTable<IntermediaryField>,
    agency: FieldTable<AgencyField>,
    faq: FieldTable<FaqField>,
}

impl Tables {
    pub(crate) fn new(labels: &Labels, notices: &mut Vec<Notice>) -> Self {
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
    pub(crate) fn column(&self, kind: Kind, header: &str) -> Col {
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

    /// The item element a header names (事项名称, 实施主体 … repeated in a child sheet).
    pub(crate) fn item_field(&self, header: &str) -> Option<ItemField> {
        self.item.get(&normalize_label(header))
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
pub(super) fn score(kind: Kind, cols: &[Col]) -> usize {
    cols.iter()
        .filter(|c| match (kind, c) {
            (Kind::Item, Col::Item(f)) => !matches!(f, ItemField::Code | ItemField::Name),
            (_, Col::Item(_) | Col::LinkCode | Col::Context | Col::Extra(_) | Col::Skip) => false,
            _ => true,
        })
        .count()
}

/// A sheet's header as [`detect`] found it.
pub(super) struct Detected {
    /// The index of the header's (top) row.
    pub(super) row: usize,
    pub(super) kind: Kind,
    pub(super) cols: Vec<Col>,
    /// The header texts of a header in two rows, the second row's sub-headings merged in
    /// (`header/`); `None` for a header in one row.
    pub(super) two_rows: Option<Vec<String>>,
}

/// The header row and kind of a sheet, if it is recognised. A row with a second header row
/// under it (`header/`) is scored with the names its sub-headings complete.
pub(super) fn detect(sheet: &Sheet, tables: &Tables) -> Option<Detected> {
    detect_among(sheet, tables, &Kind::ALL)
}

/// The header of a sheet read as an item table, when its header names 实施编码 or 事项名称 and
/// enough item elements: for a workbook without an item table, whose one table has an item's
/// elements and a material's side by side (a 实施清单 made by hand, one row a material) and so
/// was taken for a 申请材料 table.
pub(super) fn detect_item_table(sheet: &Sheet, tables: &Tables) -> Option<Detected> {
    detect_among(sheet, tables, &[Kind::Item]).filter(|d| {
        d.cols
            .iter()
            .any(|c| matches!(c, Col::Item(ItemField::Code | ItemField::Name)))
    })
}

fn detect_among(sheet: &Sheet, tables: &Tables, kinds: &[Kind]) -> Option<Detected> {
    let mut best: Option<(usize, Detected)> = None;
    for (i, row) in sheet.rows.iter().take(HEADER_SCAN_ROWS).enumerate() {
        let second = header::second_row(sheet, i, tables);
        for &kind in kinds {
            let mut merged =
                (second != SecondRow::No).then(|| header::merged(sheet, i, kind, tables));
            let mut cols = tables.columns(kind, merged.as_deref().unwrap_or(row));
            let mut s = score(kind, &cols);
            if second == SecondRow::IfItNamesMore
                && s <= score(kind, &tables.columns(kind, &sheet.rows[i + 1]))
            {
                // A title or group headings over complete headers: the row below is the
                // header alone, found in its turn.
                merged = None;
                cols = tables.columns(kind, row);
                s = score(kind, &cols);
            }
            let has_key = cols
                .iter()
                .any(|c| matches!(c, Col::Item(ItemField::Code | ItemField::Name)));
            let min = if kind == Kind::Item {
                MIN_ITEM_FIELDS - usize::from(has_key)
            } else if kind == Kind::Material
                && cols.contains(&Col::LinkCode)
                && cols.contains(&Col::Material(MaterialField::Name))
            {
                // 实施编码 and 材料名称 alone (a minimal export) are a 申请材料 table, as the
                // notice of a workbook without one says.
                1
            } else {
                MIN_CHILD_FIELDS
            };
            if s >= min && best.as_ref().is_none_or(|b| s > b.0) {
                let detected = Detected {
                    row: i,
                    kind,
                    cols,
                    two_rows: merged,
                };
                best = Some((s, detected));
            }
        }
    }
    best.map(|(_, detected)| detected)
}

/// The first row among the first [`HEADER_SCAN_ROWS`] that names 实施编码 or 事项名称: the header
/// of an item table too narrow for [`detect`], which matters when nothing follows it.
pub(super) fn key_row(sheet: &Sheet, tables: &Tables) -> Option<usize> {
    sheet.rows.iter().take(HEADER_SCAN_ROWS).position(|row| {
        tables
            .columns(Kind::Item, row)
            .iter()
            .any(|c| matches!(c, Col::Item(ItemField::Code | ItemField::Name)))
    })
}

/// Whether a child column is its record's name (材料名称, 环节名称, 收费项目名称, 中介服务名称,
/// 问题): a table holds that record side by side with its items only when it names it.
fn names_the_record(col: &Col) -> bool {
    matches!(
        col,
        Col::Material(MaterialField::Name)
            | Col::Step(StepField::Name)
            | Col::Fee(FeeField::Name)
            | Col::Intermediary(IntermediaryField::Name)
            | Col::Faq(FaqField::Question)
    )
}

/// The columns of an item table that hold a child record's elements side by side with the
/// item's — 材料名称, 来源渠道, 份数 … in a 实施清单 made by hand with one row a material — for
/// each child kind with at least [`MIN_CHILD_FIELDS`] such columns, its name among them: the kind and its columns
/// (the others [`Col::Skip`]). Those columns are taken out of the item's (`cols`), so they are
/// not kept as the item's unrecognised columns.
pub(super) fn inline_children(
    tables: &Tables,
    header: &[String],
    cols: &mut [Col],
) -> Vec<(Kind, Vec<Col>)> {
    let mut found = Vec::new();
    for kind in Kind::ALL.into_iter().filter(|k| *k != Kind::Item) {
        let own: Vec<Col> = cols
            .iter()
            .enumerate()
            .map(|(c, col)| match col {
                Col::Extra(_) => match tables.column(kind, header.get(c).map_or("", |h| h)) {
                    own @ (Col::Material(_)
                    | Col::Step(_)
                    | Col::Fee(_)
                    | Col::Intermediary(_)
                    | Col::Agency(_)
                    | Col::Faq(_)) => own,
                    _ => Col::Skip,
                },
                _ => Col::Skip,
            })
            .collect();
        if score(kind, &own) >= MIN_CHILD_FIELDS && own.iter().any(names_the_record) {
            for (c, col) in own.iter().enumerate() {
                if *col != Col::Skip {
                    cols[c] = Col::Skip;
                }
            }
            found.push((kind, own));
        }
    }
    found
}
