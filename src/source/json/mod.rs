//! The tool's own JSON format: one item object, an array of items (alone, under `items`, or in a
//! platform's answer saved as it came: `{"code":200,"data":{"rows":[…]}}`), or NDJSON (one item
//! per line). The schema is `schema/item.schema.json`. Arrays and NDJSON are read a block at a
//! time; a record that does not parse is reported with its line (NDJSON) or its place and line and
//! column in the file (array), and the others are read.
//!
//! Here: the reader, a file's layout, and the readers of NDJSON lines and array records a block
//! at a time. Not here: a file's encoding (`encoding`), a file that is one object (`one_object`,
//! with an interface's answer in `answer`), one record parsed into an item (`record`), codes
//! and phones written as numbers (`codes`, `phones`).

use std::cell::Cell;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::sync::Arc;

use serde_json::Value;

mod answer;
pub(crate) mod codes;
mod encoding;
mod one_object;
pub(crate) mod phones;
mod record;

pub(crate) use answer::is_wrapper_key;
pub use encoding::is_utf8;
use encoding::{read_decoded, starts_as_utf8};
use one_object::read_whole;
pub(crate) use one_object::{Embedded, embedded};
pub(crate) use record::span_record;
pub use record::{ndjson_line_record, parse_item_line};

use super::chunks::{Chunk, Lines, Split, read_chunks};
use super::json_array::ArraySplitter;
use super::json_labels::LabelledFile;
use super::{Notice, Reader, Record, SourceError};
use crate::config::Labels;

/// Why an NDJSON file that is not empty holds no items (for [`super::no_items_notice`]).
pub(crate) const NO_NDJSON_RECORDS: &str = "文件里只有空行，没有一行记录";

/// Reads `.json` (object or array) and `.ndjson`/`.jsonl` files.
#[derive(Debug, Default, Clone)]
pub struct JsonReader {
    /// Header synonyms (`[labels]`) for records keyed by Chinese labels, as a spreadsheet's.
    pub labels: Labels,
}

impl Reader for JsonReader {
    fn read(&self, path: &Path, sink: &mut dyn FnMut(Record)) -> Result<(), SourceError> {
        let tables = super::json_labels::tables(&self.labels);
        let mut labelled = LabelledFile::new(&tables);
        let read = read_file(path, sink, &mut labelled);
        // Records read by their labels, or with their materials as one text, told once for the
        // file (also when it broke off).
        for notice in labelled.notices(&path.display().to_string()) {
            sink(Record::Notice(notice));
        }
        read
    }
}

/// How a JSON file's records are laid out, told from its first bytes ([`layout`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// NDJSON: a record a line.
    Lines,
    /// One array of records, read a block at a time (`source::json_array`).
    Array,
    /// Anything else: one object (an item; `{"items": […]}` or a platform's wrapped answer, whose
    /// array is found by an outline of the file and read as an array file is: `embedded`), or
    /// something that is not records, read whole.
    Whole,
}

/// The bytes looked at to tell a `.json` file's layout: an NDJSON file's first line must end
/// within them (an item is some 6 KB; a first line longer than the 8 KB of a default buffer
/// made a whole NDJSON file one syntax error).
const PEEK: usize = 1 << 20;

/// Records parsed at a time (the chunk of [`read_chunks`]).
const CHUNK: usize = 256;

/// The layout of the file `reader` reads (`len` bytes), from its name and the first bytes, which
/// stay in the reader's buffer.
fn layout_of(path: &Path, reader: &mut impl BufRead, len: u64) -> std::io::Result<Layout> {
    let ndjson = matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("ndjson" | "jsonl")
    );
    if ndjson {
        return Ok(Layout::Lines);
    }
    let buf = reader.fill_buf()?;
    let whole = buf.len() as u64 >= len;
    let s = buf.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(buf);
    Ok(match s.iter().copied().find(|b| !b.is_ascii_whitespace()) {
        Some(b'[') => Layout::Array,
        Some(b'{') if is_ndjson(s, whole) => Layout::Lines,
        _ => Layout::Whole,
    })
}

/// The layout of a JSON or NDJSON file, as [`JsonReader`] reads it (for the streaming check,
/// which reads [`Layout::Lines`] and [`Layout::Array`] files).
pub fn layout(path: &Path) -> std::io::Result<Layout> {
    let file = File::open(path)?;
    let len = file.metadata()?.len();
    layout_of(path, &mut BufReader::with_capacity(PEEK, file), len)
}

/// Reads one JSON or NDJSON file's records into `sink`.
fn read_file(
    path: &Path,
    sink: &mut dyn FnMut(Record),
    labelled: &mut LabelledFile<'_>,
) -> Result<(), SourceError> {
    let io = |source| SourceError::Io {
        path: path.to_owned(),
        source,
    };
    let file = File::open(path).map_err(io)?;
    let len = file.metadata().map_err(io)?.len();
    SourceError::refuse_empty(path, len)?;
    let mut reader = BufReader::with_capacity(PEEK, file);
    if !starts_as_utf8(reader.fill_buf().map_err(io)?) {
        let text = read_decoded(reader, path, len, sink)?;
        let len = text.len() as u64;
        let text = BufReader::new(std::io::Cursor::new(text.into_bytes()));
        return read_laid_out(text, path, len, false, labelled, sink);
    }
    read_laid_out(reader, path, len, true, labelled, sink)
}

/// Reads the records of the JSON text `reader` gives (`len` bytes, of the file at `path`) as
/// its layout says. An object is outlined for its array of items only when the text is the
/// file's own (`on_disk`): the outline reads the file again.
fn read_laid_out(
    mut reader: impl BufRead,
    path: &Path,
    len: u64,
    on_disk: bool,
    labelled: &mut LabelledFile<'_>,
    sink: &mut dyn FnMut(Record),
) -> Result<(), SourceError> {
    let io = |source| SourceError::Io {
        path: path.to_owned(),
        source,
    };
    let name = path.display().to_string();
    match layout_of(path, &mut reader, len).map_err(io)? {
        Layout::Lines => {
            let mut records = 0usize;
            read_ndjson(reader, &name, labelled, &mut |r| {
                records += 1;
                sink(r);
            })
            .map_err(io)?;
            if records == 0 {
                sink(Record::Notice(super::no_items_notice(
                    &name,
                    NO_NDJSON_RECORDS,
                )));
            }
            Ok(())
        }
        Layout::Array => read_array(
            reader,
            ArraySplitter::default(),
            EMPTY_ARRAY,
            &name,
            labelled,
            sink,
        )
        .map_err(io),
        Layout::Whole => match on_disk
            .then(|| embedded(path))
            .transpose()
            .map_err(io)?
            .flatten()
        {
            Some(array) => {
                if let Some(notice) = &array.notice {
                    sink(Record::Notice(notice.clone()));
                }
                let (reader, splitter) = array.open(path).map_err(io)?;
                read_array(reader, splitter, array.empty, &name, labelled, sink).map_err(io)
            }
            None => read_whole(reader, path, &name, labelled, sink),
        },
    }
}

/// Why a JSON array holds no items (for [`super::no_items_notice`]).
pub(crate) const EMPTY_ARRAY: &str = "JSON 数组是空的";

/// Reads a JSON array a block at a time, parsing each record as it is found: the file is never
/// held whole. A record that is not an item is unreadable, with its place; a break in the array
/// itself is a notice, after the records found before it, and so is an empty array (`empty`
/// says why it holds no items).
fn read_array(
    reader: impl Read,
    mut splitter: ArraySplitter,
    empty: &str,
    name: &str,
    labelled: &mut LabelledFile<'_>,
    sink: &mut dyn FnMut(Record),
) -> std::io::Result<()> {
    read_records(reader, name, &mut splitter, Layout::Array, labelled, sink)?;
    for notice in array_notices(&splitter, name, empty) {
        sink(Record::Notice(notice));
    }
    Ok(())
}

/// Reads the records `split` tells apart, a chunk of them at a time, parsing each as it comes
/// (as the streaming check does, on one thread).
fn read_records(
    reader: impl Read,
    name: &str,
    split: &mut dyn Split,
    layout: Layout,
    labelled: &mut LabelledFile<'_>,
    sink: &mut dyn FnMut(Record),
) -> std::io::Result<()> {
    // One name for every record of the file.
    let shared: Arc<str> = name.into();
    let spare = Cell::new(None::<Chunk>);
    read_chunks(
        reader,
        CHUNK,
        split,
        &mut |c| {
            for span in &c.spans {
                let bytes = &c.buf[span.start..span.end];
                if let Some(record) = span_record(bytes, &shared, span, layout, labelled) {
                    sink(record);
                }
            }
            spare.set(Some(c));
            true
        },
        &mut || spare.take(),
    )
}

/// The notices of an array read to its end: the breaks in its structure, or that it is empty
/// (`empty` says why it holds no items).
pub(crate) fn array_notices(splitter: &ArraySplitter, name: &str, empty: &str) -> Vec<Notice> {
    if splitter.records() == 0 && splitter.problems().is_empty() {
        return vec![super::no_items_notice(name, empty)];
    }
    splitter.problems().iter().map(|p| p.notice(name)).collect()
}

/// A `.json` file whose first line is a complete object is NDJSON, unless that object is the
/// `{"items": [...]}` wrapper written on one line, or is the whole file (`whole`: `s` holds all
/// of it): one object, read as one (a platform's answer saved on one line is read as a wrapper).
fn is_ndjson(s: &[u8], whole: bool) -> bool {
    let Some(end) = s.iter().position(|&b| b == b'\n') else {
        return false;
    };
    if whole && s[end..].iter().all(u8::is_ascii_whitespace) {
        return false;
    }
    std::str::from_utf8(&s[..end]).is_ok_and(|line| {
        serde_json::from_str::<Value>(line.trim())
            .is_ok_and(|v| !v.get("items").is_some_and(Value::is_array))
    })
}

/// Reads an NDJSON file's records (no notices) into `sink`, a chunk at a time.
pub(crate) fn read_ndjson(
    reader: impl Read,
    name: &str,
    labelled: &mut LabelledFile<'_>,
    sink: &mut dyn FnMut(Record),
) -> std::io::Result<()> {
    read_records(
        reader,
        name,
        &mut Lines::default(),
        Layout::Lines,
        labelled,
        sink,
    )
}
