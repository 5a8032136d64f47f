//! Header matching: the field tables with the user's synonyms, what each column of a sheet is,
//! and which row and kind a sheet's header is.

use std::collections::{BTreeMap, HashMap};
use std::hash::Hash;

use super::{HEADER_SCAN_ROWS, MIN_CHILD_FIELDS, MIN_ITEM_FIELDS, Sheet, header};
use crate::config::Labels;
use crate::model::text::normalize_label;
use crate::model::{
    AgencyField, FaqField, FeeField, IntermediaryField, ItemField, MaterialField, Provenance,
    StepField,
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
    /// (`header.rs`); `None` for a header in one row.
    pub(super) two_rows: Option<Vec<String>>,
}

/// The header row and kind of a sheet, if it is recognised. A row with a second header row
/// under it (`header.rs`) is scored with the names its sub-headings complete.
pub(super) fn detect(sheet: &Sheet, tables: &Tables) -> Option<Detected> {
    let mut best: Option<(usize, Detected)> = None;
    for (i, row) in sheet.rows.iter().take(HEADER_SCAN_ROWS).enumerate() {
        let two_rows = header::has_second_row(sheet, i, tables);
        for kind in Kind::ALL {
            let merged = two_rows.then(|| header::merged(sheet, i, kind, tables));
            let cols = tables.columns(kind, merged.as_deref().unwrap_or(row));
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
