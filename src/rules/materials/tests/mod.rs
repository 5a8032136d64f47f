//! Tests of the material rules' shared helpers.

mod applicants;
mod existing;
mod fields;
mod file_refs;
mod fill_in;
mod names;

use super::names::closing_bracket;
use crate::model::Material;

/// A material of `name`, its 来源渠道 `channel`, 来源说明 `desc` and 备注 `notes`.
fn material(name: &str, channel: &str, desc: &str, notes: &str) -> Material {
    Material {
        name: name.into(),
        source_channel: channel.into(),
        source_desc: desc.into(),
        notes: notes.into(),
        ..Material::default()
    }
}

/// [`trim_open_brackets`] as first written, with a search per bracket.
fn trim_open_brackets_plain(name: &str) -> &str {
    let mut t = name;
    while let Some(c) = t.chars().next() {
        let Some(close) = closing_bracket(c) else {
            break;
        };
        if t.matches(c).count() <= t.matches(close).count() {
            break;
        }
        t = &t[c.len_utf8()..];
    }
    t
}
