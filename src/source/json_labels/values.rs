//! JSON values as the texts of elements, and the keys that hold child lists.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value};

use crate::model::ItemField;

/// The unit element of a time limit, whose label may carry the unit (`承诺办结时限（工作日）`).
pub(crate) fn unit_field(field: ItemField) -> Option<ItemField> {
    match field {
        ItemField::LegalLimit => Some(ItemField::LegalLimitUnit),
        ItemField::PromisedLimit => Some(ItemField::PromisedLimitUnit),
        _ => None,
    }
}

/// A value as the text of an element ([`crate::model::fields::json_text`]).
pub(super) fn text_of(v: &Value) -> String {
    crate::model::fields::json_text(v)
}

/// Keeps a key that is no element in `extra` (if it has text) and notes it as unread.
pub(super) fn unread_value(
    extra: &mut BTreeMap<String, String>,
    unread: &mut BTreeSet<String>,
    key: &str,
    v: &Value,
    list: Option<&str>,
) {
    unread.insert(match list {
        Some(list) => format!("{list}.{key}"),
        None => key.to_owned(),
    });
    let text = text_of(v);
    if !text.is_empty() {
        extra.insert(key.to_owned(), text);
    }
}

/// The records of an array of objects.
pub(super) fn records_of(v: &Value) -> Option<impl Iterator<Item = &Map<String, Value>>> {
    let a = v.as_array()?;
    a.iter()
        .all(Value::is_object)
        .then(|| a.iter().filter_map(Value::as_object))
}
