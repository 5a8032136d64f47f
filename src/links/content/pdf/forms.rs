//! Form XObjects: the resources a page or form reads its content with, the fonts and forms
//! they name, and the reader that follows a content stream into the forms it draws (`/Fm0 Do`).

use std::collections::{BTreeMap, HashSet};

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, Stream};

use super::fonts::{Decoder, effective_font};
use super::text::TextWriter;
use super::{Budget, MAX_OPERATIONS, Refused};

/// Form XObjects nested deeper than this are not read (a page draws a form that draws a form…).
const MAX_FORM_DEPTH: usize = 4;

/// The resource dictionaries of a page, nearest first (its own, then inherited ones).
pub(super) fn page_resources(doc: &Document, page: lopdf::ObjectId) -> Vec<&Dictionary> {
    let Ok((own, ids)) = doc.get_page_resources(page) else {
        return Vec::new();
    };
    own.into_iter()
        .chain(ids.into_iter().filter_map(|id| doc.get_dictionary(id).ok()))
        .collect()
}

/// The entries of one kind of resource (`Font`, `XObject`), the nearest dictionary's first.
fn named<'a>(
    doc: &'a Document,
    resources: &[&'a Dictionary],
    kind: &[u8],
) -> BTreeMap<Vec<u8>, &'a Object> {
    let mut out = BTreeMap::new();
    for res in resources {
        let Ok(entries) = doc.get_dict_in_dict(res, kind) else {
            continue;
        };
        for (name, value) in entries {
            out.entry(name.clone()).or_insert(value);
        }
    }
    out
}

/// The fonts of resource dictionaries by name.
fn fonts_in<'a>(doc: &'a Document, resources: &[&'a Dictionary]) -> Vec<(Vec<u8>, &'a Dictionary)> {
    named(doc, resources, b"Font")
        .into_iter()
        .filter_map(|(name, value)| {
            let font = match value {
                Object::Reference(id) => doc.get_dictionary(*id).ok()?,
                Object::Dictionary(dict) => dict,
                _ => return None,
            };
            Some((name, font))
        })
        .collect()
}

/// A form XObject named in resource dictionaries: its id and stream.
fn form_in<'a>(
    doc: &'a Document,
    resources: &[&'a Dictionary],
    name: &[u8],
) -> Option<(lopdf::ObjectId, &'a Stream)> {
    let Object::Reference(id) = named(doc, resources, b"XObject").get(name)? else {
        return None;
    };
    let stream = doc.get_object(*id).and_then(Object::as_stream).ok()?;
    let form =
        stream.dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Form".as_slice());
    form.then_some((*id, stream))
}

/// The resources a form's content is read with: its own, else those of what draws it.
fn form_resources<'a>(
    doc: &'a Document,
    form: &'a Stream,
    outer: &[&'a Dictionary],
) -> Vec<&'a Dictionary> {
    match doc.get_dict_in_dict(&form.dict, b"Resources") {
        Ok(own) => vec![own],
        Err(_) => outer.to_vec(),
    }
}

/// The `ToUnicode` maps of the fonts in `resources` and in the forms they hold, forms at most
/// [`MAX_FORM_DEPTH`] deep, each form once.
pub(super) fn collect_maps(
    doc: &Document,
    resources: &[&Dictionary],
    depth: usize,
    seen_forms: &mut HashSet<lopdf::ObjectId>,
    maps: &mut HashSet<lopdf::ObjectId>,
) {
    for (_, font) in fonts_in(doc, resources) {
        if let Ok(Object::Reference(id)) = font.get(b"ToUnicode") {
            maps.insert(*id);
        }
    }
    if depth >= MAX_FORM_DEPTH {
        return;
    }
    for name in named(doc, resources, b"XObject").into_keys() {
        if let Some((id, form)) = form_in(doc, resources, &name)
            && seen_forms.insert(id)
        {
            let inner = form_resources(doc, form, resources);
            collect_maps(doc, &inner, depth + 1, seen_forms, maps);
        }
    }
}

/// Reads content streams into text, following the forms they draw.
pub(super) struct ContentReader<'d, 'b> {
    pub(super) doc: &'d Document,
    pub(super) budget: &'b mut Budget,
    pub(super) text: TextWriter,
    pub(super) operations: usize,
}

impl<'d> ContentReader<'d, '_> {
    /// Reads one content stream with its resources; `forms` are the forms being read around it.
    /// True when [`MAX_OPERATIONS`] is reached: nothing more is read.
    pub(super) fn run(
        &mut self,
        content: &[u8],
        resources: &[&'d Dictionary],
        forms: &mut Vec<lopdf::ObjectId>,
    ) -> Result<bool, Refused> {
        let doc = self.doc;
        let fonts: Vec<(Vec<u8>, Dictionary)> = fonts_in(doc, resources)
            .into_iter()
            .map(|(name, font)| (name, effective_font(doc, font)))
            .collect();
        let decoders: BTreeMap<&[u8], Decoder<'_>> = fonts
            .iter()
            .map(|(name, font)| (name.as_slice(), Decoder::of(doc, font)))
            .collect();
        for op in Content::decode_iter(content) {
            // A damaged stream: what came before it is kept, as a reader shows it.
            let Ok(op) = op else { break };
            self.operations += 1;
            if self.operations > MAX_OPERATIONS {
                return Ok(true);
            }
            if op.operator == "Do"
                && forms.len() < MAX_FORM_DEPTH
                && let Some(name) = op.operands.first().and_then(|o| o.as_name().ok())
                && let Some((id, form)) = form_in(doc, resources, name)
                && !forms.contains(&id)
                && let Some(data) = self.budget.decode(form)?
            {
                // A form is drawn in a graphics state of its own: the text state around it
                // comes back after it.
                let state = (self.text.font.take(), self.text.size, self.text.scale);
                self.text.new_line();
                self.text.pen = None;
                forms.push(id);
                let inner = form_resources(doc, form, resources);
                let stop = self.run(&data, &inner, forms)?;
                forms.pop();
                self.text.new_line();
                self.text.pen = None;
                (self.text.font, self.text.size, self.text.scale) = state;
                if stop {
                    return Ok(true);
                }
                continue;
            }
            self.text.operation(&op, &decoders);
        }
        Ok(false)
    }
}
