//! A `.json` file that is one object: the array of its items found from an outline of the file
//! and read as an array file is ([`embedded`]), or the file read whole ([`read_whole`]). Apart
//! from the layouts read a block at a time (`mod.rs`) and from an interface's answer taken apart
//! (`answer`).

use std::fs::File;
use std::io::Read;
use std::path::Path;
use std::sync::Arc;

use serde_json::value::RawValue;

use super::super::json_array::ArraySplitter;
use super::super::json_labels::LabelledFile;
use super::super::{Notice, Record, SourceError, json_error};
use super::answer::{ItemsIn, Object, items_in, single_wrapped, whole_file_record, wrapper_notice};
use super::record::parse_record;
use crate::model::Provenance;

/// The bytes of a JSON object file kept besides the arrays that may hold its items (the
/// outline's shell): an object with more than this outside them is read whole.
const SHELL_LIMIT: usize = 16 << 20;

/// The array of items inside a `.json` file that is one object (`{"items": […]}`, a platform's
/// wrapped answer), read as an array file is: a record at a time, a broken record losing only
/// itself ([`embedded`]).
#[derive(Debug, Clone)]
pub(crate) struct Embedded {
    /// Its `[`: the offset in the file, the line, and the characters before it on the line.
    start: u64,
    line: u64,
    col: u64,
    /// Its bytes; to the end of the file when the file ends inside it.
    len: u64,
    /// Told before its records: that the file is an interface's wrapped answer.
    pub(crate) notice: Option<Notice>,
    /// Why it holds no items, when it is empty.
    pub(crate) empty: &'static str,
}

impl Embedded {
    /// The array's bytes, and the splitter that tells its records apart, counting lines and
    /// columns in the file.
    pub(crate) fn open(
        &self,
        path: &Path,
    ) -> std::io::Result<(std::io::Take<File>, ArraySplitter)> {
        let mut file = File::open(path)?;
        std::io::Seek::seek(&mut file, std::io::SeekFrom::Start(self.start))?;
        Ok((file.take(self.len), ArraySplitter::at(self.line, self.col)))
    }
}

/// The array holding the items of a `.json` file that is one object, found from the file's
/// outline (`source::json_outline`) as [`read_whole`] finds it in the whole text: `None` when
/// the file is not such an object, is this tool's own report, or holds its items otherwise
/// (one item; an array it cannot tell; something broken outside the array, for the whole read
/// to say).
pub(crate) fn embedded(path: &Path) -> std::io::Result<Option<Embedded>> {
    let Some(outline) = super::super::json_outline::outline(File::open(path)?, SHELL_LIMIT)? else {
        return Ok(None);
    };
    if outline.arrays.is_empty() {
        return Ok(None);
    }
    let Ok(text) = std::str::from_utf8(&outline.shell) else {
        return Ok(None);
    };
    let text = text.trim_start_matches('\u{feff}');
    let Ok(map) = serde_json::from_str::<Object<'_>>(text) else {
        return Ok(None);
    };
    if super::super::own_output::OwnOutput::of_json_keys(map.keys().map(String::as_str)).is_some() {
        return Ok(None);
    }
    let objects = |place: &str, _: &str| outline.at(place).is_some_and(|f| f.objects);
    let (place, notice, empty) = match items_in(text, &map, &objects) {
        Some(ItemsIn::Items(_)) => ("items".to_owned(), None, ITEMS_EMPTY),
        Some(ItemsIn::Wrapped(place, _)) => {
            let notice = wrapper_notice(&path.display().to_string(), &place);
            (place, Some(notice), WRAPPED_EMPTY)
        }
        None => return Ok(None),
    };
    Ok(outline.at(&place).map(|found| Embedded {
        start: found.start,
        line: found.line,
        col: found.col,
        len: found.end.map_or(u64::MAX, |end| end - found.start),
        notice,
        empty,
    }))
}

/// Why an object's `items` holds no items.
const ITEMS_EMPTY: &str = "\"items\" 数组是空的";
/// Why a wrapped answer holds no items.
const WRAPPED_EMPTY: &str = "接口返回数据里的事项数组是空的";

/// A file read whole: one object (an item; `{"items": […]}` or a wrapped answer that
/// [`embedded`] could not place), or something that is not records.
pub(super) fn read_whole(
    mut reader: impl Read,
    path: &Path,
    name: &str,
    labelled: &mut LabelledFile<'_>,
    sink: &mut dyn FnMut(Record),
) -> Result<(), SourceError> {
    let mut text = String::new();
    reader
        .read_to_string(&mut text)
        .map_err(|e| SourceError::Format {
            path: path.to_owned(),
            reason: format!("不是 UTF-8 文本: {e}"),
        })?;
    let text = text.trim_start_matches('\u{feff}');
    if text.trim().is_empty() {
        sink(Record::Notice(super::super::no_items_notice(
            name,
            "文件里只有空白，没有内容",
        )));
        return Ok(());
    }
    // Each record is kept as its text and parsed straight into the model, as an NDJSON
    // line is: no tree of the whole file, and a record that is not an item is read
    // again only to say why.
    let syntax = |e: serde_json::Error| SourceError::Format {
        path: path.to_owned(),
        reason: json_error::syntax(&e, text, true),
    };
    if !text.trim_start().starts_with('{') {
        // Not an object or array: the syntax error if there is one, else the shape.
        serde_json::from_str::<&RawValue>(text).map_err(syntax)?;
        return Err(SourceError::Format {
            path: path.to_owned(),
            reason: "顶层应为事项对象或事项数组".into(),
        });
    }
    let map: Object<'_> = serde_json::from_str(text).map_err(syntax)?;
    if let Some(own) =
        super::super::own_output::OwnOutput::of_json_keys(map.keys().map(String::as_str))
    {
        sink(Record::Notice(own.skipped(name)));
        return Ok(());
    }
    let objects = |_: &str, json: &str| {
        matches!(json[1..].trim_start().as_bytes().first(), Some(b'{' | b']'))
    };
    let (records, empty): (Vec<&RawValue>, _) = match items_in(text, &map, &objects) {
        Some(ItemsIn::Items(array)) => (serde_json::from_str(array).map_err(syntax)?, ITEMS_EMPTY),
        Some(ItemsIn::Wrapped(place, array)) => {
            sink(Record::Notice(wrapper_notice(name, &place)));
            (serde_json::from_str(array).map_err(syntax)?, WRAPPED_EMPTY)
        }
        None => {
            let keys: Vec<&str> = map.keys().map(String::as_str).collect();
            if let Some(records) = single_wrapped(&map, text, name, &keys, labelled) {
                records.into_iter().for_each(&mut *sink);
            } else {
                sink(whole_file_record(text, name, keys.into_iter(), labelled));
            }
            return Ok(());
        }
    };
    if records.is_empty() {
        sink(Record::Notice(super::super::no_items_notice(name, empty)));
    }
    // One name for every record of the file.
    let shared_name: Arc<str> = name.into();
    for (i, raw) in records.into_iter().enumerate() {
        sink(parse_record(
            raw.get(),
            Provenance::record(Arc::clone(&shared_name), i as u64 + 1),
            None,
            labelled,
        ));
    }
    Ok(())
}
