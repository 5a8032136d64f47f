//! JSON records keyed by Chinese labels (`事项名称`, `实施编码`, `申请材料` …), as an Excel sheet
//! converted to JSON, or another system's export, has them: read by the spreadsheet reader's
//! header tables ([`Tables`], with the configuration's `[labels]`), so a key is read as the same
//! column header would be, with their child lists under the keys a guide page's sections have
//! (`申请材料`, `办理流程`, `收费项目`, `中介服务`, `常见问题`).

mod children;
mod lists;
mod notice;
#[cfg(test)]
mod tests;
mod values;

use std::collections::BTreeSet;
use std::sync::LazyLock;

use serde_json::Value;

use super::crawl::labels::Section;
use super::json::codes::{self, CodeNumbers};
use super::json::phones::PhoneNumbers;
use super::listed_materials::{ListedInFile, split};
use super::sheet::columns::{Col, Kind, Tables};
use super::sheet::{is_bare_number, time_unit_of_label};
use crate::config::Labels;
use crate::model::{Item, ItemField, Material, MaterialField, Provenance, UnreadLists};
use lists::ListNames;
pub(crate) use lists::{LISTS, list_by_name};
pub(crate) use values::unit_field;
use values::{records_of, text_of, unread_value};

/// The built-in tables, for a reader not given the configuration's labels.
static BUILT_IN: LazyLock<LabelTables> = LazyLock::new(|| tables(&Labels::default()));

/// What a JSON record's keys are read by: the spreadsheet reader's header tables, and the keys
/// of the child lists.
pub(crate) struct LabelTables {
    columns: Tables,
    lists: ListNames,
}

/// The header tables of `labels` for a JSON reader. The configuration's unknown keys are told by
/// the spreadsheet readers and `config`; a JSON file has nothing to add to that.
pub(crate) fn tables(labels: &Labels) -> LabelTables {
    LabelTables {
        columns: Tables::new(labels, &mut Vec::new()),
        lists: ListNames::new(&labels.lists),
    }
}

/// Reads the records of one file keyed by Chinese labels, and counts them for one notice that
/// says so.
pub(crate) struct LabelledFile<'t> {
    tables: &'t LabelTables,
    /// Records read by their labels.
    pub items: usize,
    /// Keys (of the items or of their child records, as `申请材料.备注`) not read as an element:
    /// kept in the records' `extra`, which no rule but G02 reads.
    pub unread: BTreeSet<String>,
    /// Of them, keys of an item that hold records but name no child list (`CLXX`, `BLLC`):
    /// `[labels.lists]` names them.
    pub unread_lists: BTreeSet<String>,
    /// Keys whose phones were numbers that lost their leading 0 (given back), as an Excel sheet
    /// turned JSON carries them.
    pub phones_restored: BTreeSet<String>,
    /// Records (by their labels or the tool's own keys) whose codes were numbers: given back or
    /// damaged ([`super::json::codes`]).
    pub codes: CodeNumbers,
    /// Records in the tool's own keys whose phones were numbers that lost their leading 0
    /// (given back: [`super::json::phones`]).
    pub phones: PhoneNumbers,
    /// Records (by their labels or the tool's own keys) whose materials are one text, read as
    /// a list of them ([`super::listed_materials`]).
    pub listed: ListedInFile,
}

impl Default for LabelledFile<'static> {
    fn default() -> Self {
        Self::new(&BUILT_IN)
    }
}

impl<'t> LabelledFile<'t> {
    pub(crate) fn new(tables: &'t LabelTables) -> Self {
        Self {
            tables,
            items: 0,
            unread: BTreeSet::new(),
            unread_lists: BTreeSet::new(),
            phones_restored: BTreeSet::new(),
            codes: CodeNumbers::default(),
            phones: PhoneNumbers::default(),
            listed: ListedInFile::default(),
        }
    }

    /// Whether a key names an element of an item, as a spreadsheet's header would
    /// (`事项名称：`).
    pub(crate) fn is_item_label(&self, key: &str) -> bool {
        matches!(self.tables.columns.column(Kind::Item, key), Col::Item(_))
    }

    /// A record's keys and values, with those of an object under a key that is no element and
    /// no list taken in one level up (`{"basic":{"事项名称":…},"timeLimit":{…}}`, an interface
    /// grouping its fields), each with the key of its group.
    fn entries<'v>(
        &self,
        obj: &'v serde_json::Map<String, Value>,
    ) -> Vec<(Option<&'v str>, &'v str, &'v Value)> {
        let mut out = Vec::with_capacity(obj.len());
        for (key, v) in obj {
            match v.as_object() {
                Some(group)
                    if !matches!(self.tables.columns.column(Kind::Item, key), Col::Item(_))
                        && self.tables.lists.section(key).is_none() =>
                {
                    out.extend(
                        group
                            .iter()
                            .map(|(k, v)| (Some(key.as_str()), k.as_str(), v)),
                    );
                }
                _ => out.push((None, key.as_str(), v)),
            }
        }
        out
    }

    /// The child list a key holds: a list's key with an array of records (or an empty one).
    /// `申请材料` written as one text is not such a list: it is split into materials by
    /// [`Self::item`].
    fn list_section(&self, key: &str, v: &Value) -> Option<Section> {
        records_of(v).and_then(|_| self.tables.lists.section(key))
    }

    /// Whether a key whose value is one text names the item's materials (`申请材料`, `材料名称`):
    /// the text is then a list of them, as a spreadsheet's column of that name is.
    fn lists_materials(&self, key: &str) -> bool {
        !matches!(self.tables.columns.column(Kind::Item, key), Col::Item(_))
            && (self.tables.lists.section(key) == Some(Section::Materials)
                || self.tables.columns.column(Kind::Material, key)
                    == Col::Material(MaterialField::Name))
    }

    /// [`Self::item_from`] without the record's text.
    #[cfg(test)]
    pub(crate) fn item(&mut self, value: &Value, place: &Provenance) -> Option<Item> {
        self.item_from(value, None, place)
    }

    /// The item an object keyed by Chinese labels holds, or `None` when too few of its keys are
    /// an item's labels to say it is one: at least 实施编码 or 事项名称, or two other elements, as
    /// a spreadsheet's item table needs. `place` is the record's, for the notice of materials
    /// written as one text; `raw` the record's text, when there is one: a code written as a number is read from
    /// its digits there, every one (`json::codes`).
    pub(crate) fn item_from(
        &mut self,
        value: &Value,
        raw: Option<&str>,
        place: &Provenance,
    ) -> Option<Item> {
        let entries = self.entries(value.as_object()?);
        let fields: Vec<ItemField> = entries
            .iter()
            .filter_map(
                |(_, k, _)| match self.tables.columns.column(Kind::Item, k) {
                    Col::Item(f) => Some(f),
                    _ => None,
                },
            )
            .collect();
        let keyed = fields
            .iter()
            .any(|f| matches!(f, ItemField::Code | ItemField::Name));
        if !keyed && fields.len() < 2 {
            return None;
        }
        let mut item = Item::default();
        // The child lists the record carries, and whether it has records under a key that
        // names no list.
        let mut carried = UnreadLists::default();
        let mut unknown_list = false;
        // Codes written as numbers, read once the item has its name (`codes::mend`).
        let mut numbered = Vec::new();
        for (group, key, v) in entries {
            if let Some(section) = self.list_section(key, v) {
                let records = v.as_array().map(Vec::as_slice).unwrap_or_default();
                self.add_children(&mut item, section, key, records);
                carried = carried.or(lists::flag(section));
                continue;
            }
            if let Some(text) = v.as_str()
                && self.lists_materials(key)
            {
                carried.materials = true;
                let names = split(text);
                self.listed.add(place, names.len());
                item.materials
                    .extend(names.into_iter().map(|name| Material {
                        name: name.to_owned(),
                        ..Material::default()
                    }));
                continue;
            }
            // Records under a key that names no list (`"收费": [{…}]`) are no element's text.
            let records = records_of(v).is_some() && v.as_array().is_some_and(|a| !a.is_empty());
            match self.tables.columns.column(Kind::Item, key) {
                Col::Item(field) if !records => {
                    let mut text = text_of(v);
                    if codes::is_code(field) {
                        numbered.push((field, group, key, v));
                    } else if v.is_number() {
                        self.restore_phone(field, key, &mut text);
                    }
                    // `"承诺办结时限（工作日）": 10`: the unit is in the label, as in a sheet's
                    // header.
                    if let Some((unit, note)) = unit_field(field).zip(time_unit_of_label(key))
                        && is_bare_number(&text)
                        && item.get(unit).is_empty()
                    {
                        *item.get_mut(unit) = note;
                    }
                    *item.get_mut(field) = text;
                }
                Col::Skip => {}
                _ => {
                    if records {
                        self.unread_lists.insert(key.to_owned());
                        unknown_list = true;
                    }
                    unread_value(&mut item.extra, &mut self.unread, key, v, group);
                }
            }
        }
        // Records under a name no list is known by (`"CLXX": [{…}]`) may be any list the record
        // lacks: each of those is unread, not 未列出, as a sheet the tool could not read.
        if unknown_list {
            item.unread = item.unread.or(carried.missing());
        }
        for (field, group, key, v) in numbered {
            // Only a number's digits are looked up in the record's text.
            let literal = raw
                .filter(|_| v.is_number())
                .and_then(|text| codes::raw_value(text, group, key));
            codes::mend(
                &mut item,
                (field, key),
                (v, literal),
                place,
                &mut self.codes,
            );
        }
        self.items += 1;
        Some(item)
    }
}
