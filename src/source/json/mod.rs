//! The tool's own JSON format: one item object, an array of items (alone, under `items`, or in a
//! platform's answer saved as it came: `{"code":200,"data":{"rows":[…]}}`), or NDJSON (one item
//! per line). The schema is `schema/item.schema.json`. Arrays and NDJSON are read a block at a
//! time; a record that does not parse is reported with its line (NDJSON) or its place and line and
//! column in the file (array), and the others are read.

use std::cell::Cell;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::sync::Arc;

use serde_json::Value;
use serde_json::value::RawValue;

mod answer;
pub(crate) mod codes;

pub(crate) use answer::is_wrapper_key;
use answer::{
    ItemsIn, Object, error_answer, items_in, single_wrapped, whole_file_record, wrapper_notice,
};

use super::chunks::{Chunk, Lines, Span, Split, read_chunks};
use super::json_array::ArraySplitter;
use super::json_labels::LabelledFile;
use super::{Notice, NoticeLevel, Reader, Record, SourceError, Unreadable, json_error};
use crate::config::Labels;
use crate::model::{Item, Provenance};

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

/// Whether a JSON file's first bytes `head` are UTF-8 text, as JSON is meant to be: not with a
/// UTF-16 BOM, not UTF-16 without one (NUL bytes), and no byte that is not UTF-8 (a character
/// cut at the end of `head` is the buffer's end, not the file's fault).
fn starts_as_utf8(head: &[u8]) -> bool {
    if head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF") {
        return false;
    }
    if head.iter().take(4096).any(|&b| b == 0) {
        return false;
    }
    match std::str::from_utf8(head) {
        Ok(_) => true,
        // Cut in a character at the end of the head; or a few damaged bytes, which lose their
        // own records, not the file's encoding.
        Err(e) => e.error_len().is_none() || super::csv::mostly_utf8(head),
    }
}

/// Whether the JSON or NDJSON file at `path` begins as UTF-8 (no UTF-16 BOM or NUL bytes, its
/// first megabyte UTF-8 but for a few damaged bytes, `csv::mostly_utf8`): the streaming
/// check leaves one that does not to the reader, which decodes it whole.
pub fn is_utf8(path: &Path) -> std::io::Result<bool> {
    let mut head = Vec::new();
    File::open(path)?.take(PEEK as u64).read_to_end(&mut head)?;
    Ok(starts_as_utf8(&head))
}

/// A JSON file in another encoding than UTF-8: UTF-16 (with a BOM, as Windows PowerShell and
/// Notepad write it, or without one) or GBK (a Chinese Windows program), decoded whole, with a
/// warning naming the encoding. Its records are then read as a UTF-8 file's are; read as UTF-8
/// it was a file error in English, or every record unreadable.
fn read_decoded(
    mut reader: impl Read,
    path: &Path,
    len: u64,
    sink: &mut dyn FnMut(Record),
) -> Result<String, SourceError> {
    if len > super::MAX_INPUT_BYTES {
        return Err(SourceError::Format {
            path: path.to_owned(),
            reason: format!(
                "文件不是 UTF-8 编码，且过大（{len} 字节，上限 {} 字节），无法转换后读取：请导出为 UTF-8 编码",
                super::MAX_INPUT_BYTES
            ),
        });
    }
    let mut bytes = Vec::new();
    reader
        .read_to_end(&mut bytes)
        .map_err(|source| SourceError::Io {
            path: path.to_owned(),
            source,
        })?;
    let (text, encoding) = decode_json(&bytes);
    let name = path.display().to_string();
    sink(Record::Notice(Notice {
        level: NoticeLevel::Warning,
        provenance: Provenance::file(name.as_str()),
        message: format!(
            "{name} 是 {} 编码，不是 JSON 通常用的 UTF-8：已转换后读取。如有乱码，请把文件另存为或重新导出为 UTF-8 编码",
            encoding_label(encoding)
        ),
    }));
    Ok(text)
}

/// JSON bytes that are not UTF-8 as text: UTF-16 by its BOM, or without one by its NUL bytes
/// (little-endian when they follow the ASCII ones), anything else as CSV files are decoded
/// (GBK read as GB18030).
fn decode_json(bytes: &[u8]) -> (String, &'static encoding_rs::Encoding) {
    use encoding_rs::{UTF_16BE, UTF_16LE};
    if encoding_rs::Encoding::for_bom(bytes).is_none() && bytes.iter().take(4096).any(|&b| b == 0) {
        let odd_nul = bytes
            .iter()
            .skip(1)
            .step_by(2)
            .take(2048)
            .filter(|&&b| b == 0)
            .count();
        let even_nul = bytes
            .iter()
            .step_by(2)
            .take(2048)
            .filter(|&&b| b == 0)
            .count();
        let encoding = if odd_nul >= even_nul {
            UTF_16LE
        } else {
            UTF_16BE
        };
        let (text, _) = encoding.decode_without_bom_handling(bytes);
        return (text.into_owned(), encoding);
    }
    super::csv::decode(bytes)
}

/// An encoding as a clerk knows it.
fn encoding_label(encoding: &'static encoding_rs::Encoding) -> &'static str {
    match encoding.name() {
        "UTF-16LE" | "UTF-16BE" => "UTF-16",
        "gb18030" | "GBK" => "GBK（GB18030）",
        "Big5" => "Big5（繁体）",
        other => other,
    }
}

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
    let Some(outline) = super::json_outline::outline(File::open(path)?, SHELL_LIMIT)? else {
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
    if super::own_output::OwnOutput::of_json_keys(map.keys().map(String::as_str)).is_some() {
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

/// Why a JSON array holds no items (for [`super::no_items_notice`]).
pub(crate) const EMPTY_ARRAY: &str = "JSON 数组是空的";
/// Why an object's `items` holds no items.
const ITEMS_EMPTY: &str = "\"items\" 数组是空的";
/// Why a wrapped answer holds no items.
const WRAPPED_EMPTY: &str = "接口返回数据里的事项数组是空的";

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

/// A file read whole: one object (an item; `{"items": […]}` or a wrapped answer that
/// [`embedded`] could not place), or something that is not records.
fn read_whole(
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
        sink(Record::Notice(super::no_items_notice(
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
    if let Some(own) = super::own_output::OwnOutput::of_json_keys(map.keys().map(String::as_str)) {
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
        sink(Record::Notice(super::no_items_notice(name, empty)));
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

/// One NDJSON line (without its `\n`) as a record: `None` for a blank line, an unreadable record
/// for text that is not UTF-8 or not an item. The streaming check reads its lines so
/// (`span_record`).
pub fn ndjson_line_record(line: &[u8], name: &str, line_no: u64) -> Option<Record> {
    line_record(line, &name.into(), line_no, &mut LabelledFile::default())
}

/// [`ndjson_line_record`], counting the records read by their Chinese labels in `labelled`.
fn line_record(
    line: &[u8],
    name: &Arc<str>,
    line_no: u64,
    labelled: &mut LabelledFile<'_>,
) -> Option<Record> {
    let prov = Provenance::row(Arc::clone(name), line_no);
    // simdutf8: std's validation of Chinese text was 16 % of a rule-less streaming run.
    let Ok(text) = simdutf8::basic::from_utf8(line) else {
        return Some(Record::Unreadable(Unreadable {
            provenance: prov,
            reason: "该行不是 UTF-8 文本".into(),
            code: None,
            name: None,
            partial: None,
        }));
    };
    let text = text.trim().trim_start_matches('\u{feff}');
    if text.is_empty() {
        return None;
    }
    Some(parse_record(text, prov, None, labelled))
}

/// One record of a JSON array (its bytes, as the splitter found them) as an item record, or an
/// unreadable record saying where in the file it breaks.
pub(crate) fn array_record(
    bytes: &[u8],
    name: &Arc<str>,
    span: &Span,
    labelled: &mut LabelledFile<'_>,
) -> Record {
    let prov = Provenance::record(Arc::clone(name), span.no);
    let text = match simdutf8::basic::from_utf8(bytes) {
        Ok(text) => text,
        Err(_) => match std::str::from_utf8(bytes) {
            // A record cut off in the middle of a character: what there is, to say it is cut.
            Err(e) if e.error_len().is_none() => {
                std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default()
            }
            _ => {
                return Record::Unreadable(Unreadable {
                    provenance: prov,
                    reason: format!("该记录不是 UTF-8 文本（从第 {} 行起）", span.line),
                    code: None,
                    name: None,
                    partial: None,
                });
            }
        },
    };
    parse_record(text, prov, Some((span.line, span.col)), labelled)
}

/// One record of a chunk (an NDJSON line or an array's record) as a record: `None` for a blank
/// line. Shared with the streaming check.
pub(crate) fn span_record(
    bytes: &[u8],
    name: &Arc<str>,
    span: &Span,
    layout: Layout,
    labelled: &mut LabelledFile<'_>,
) -> Option<Record> {
    match layout {
        Layout::Array => Some(array_record(bytes, name, span, labelled)),
        Layout::Lines | Layout::Whole => line_record(bytes, name, span.no, labelled),
    }
}

/// Parses one NDJSON line into an item record (the fast path: straight into the model).
pub fn parse_item_line(text: &str, prov: Provenance) -> Record {
    parse_record(text, prov, None, &mut LabelledFile::default())
}

/// [`parse_item_line`], counting the records read by their Chinese labels in `labelled`. `place`
/// is the line and column `text` begins at in its file, for a record of an array: a syntax error
/// is told by its place in the file (an NDJSON line's provenance has the line).
fn parse_line(
    text: &str,
    prov: Provenance,
    place: Option<(u64, u64)>,
    labelled: &mut LabelledFile<'_>,
) -> Record {
    match serde_json::from_str::<Item>(text) {
        // Decided after the parse, and only for a record with neither name nor code: a record
        // in the tool's own format pays nothing more.
        Ok(own) if reads_too_little(&own) => {
            let value = serde_json::from_str::<Value>(text).ok();
            // Keys that are Chinese labels (an Excel sheet turned JSON), or another system's
            // named in `[labels]`: read by the labels. A `materials` key, as interfaces name
            // their list too, no longer makes such a record an item with every element empty.
            if let Some(mut item) = value.as_ref().and_then(|v| labelled.item(v, &prov)) {
                item.provenance = prov;
                return Record::Item(Box::new(item));
            }
            // Its code, name and 实施主体 under Chinese labels still tell the report whose it is.
            let partial = value
                .as_ref()
                .map(partial_item)
                .filter(|p| !reads_nothing(p));
            let field = |f: fn(&Item) -> &String| {
                partial
                    .as_ref()
                    .map(|p| f(p).clone())
                    .filter(|t| !t.is_empty())
            };
            Record::Unreadable(Unreadable {
                provenance: prov,
                reason: no_item_fields(text, &own, labelled),
                code: field(|i| &i.code),
                name: field(|i| &i.name),
                partial: partial.map(Box::new),
            })
        }
        // An interface's error answer among the records (`[{"code":500,"msg":"系统繁忙"}]`): a
        // status, no 实施编码. Only a record without a name is looked at.
        Ok(own)
            if own.name.is_empty()
                && let Some(reason) = error_answer(text, &own, "这条记录") =>
        {
            Record::Unreadable(Unreadable {
                provenance: prov,
                reason,
                code: None,
                name: None,
                partial: None,
            })
        }
        Ok(mut item) => {
            if item.provenance == Provenance::default() {
                item.provenance = prov;
            }
            // A code written as a number: its digits, or said and not judged (`codes`).
            codes::mend_own(&mut item, text, &mut labelled.codes);
            Record::Item(Box::new(item))
        }
        // The error of a parse that reads each list on its own may differ: report the plain one.
        Err(_) if crate::model::list::sharing() => {
            crate::model::list::sharing_parsed(false, || parse_line(text, prov, place, labelled))
        }
        Err(e) => {
            let partial = serde_json::from_str::<Value>(text);
            // `materials` written as one text (`"1.申请书；2.营业执照"`) or as names
            // (`["申请书", "营业执照"]`): read as the list it is, as a spreadsheet's 申请材料
            // cell is; the item is parsed again with it.
            // So are a 中介服务's `agencies` written as one text (`"池州市规划设计院；…"`).
            if let Ok(value) = &partial {
                let materials = super::listed_materials::with_listed_materials(value);
                let base = materials.as_ref().map_or(value, |(v, _)| v);
                let agencies = super::listed_materials::with_listed_agencies(base);
                if materials.is_some() || agencies.is_some() {
                    let fixed = agencies.as_ref().map_or(base, |(v, _)| v);
                    let record = parse_line(&fixed.to_string(), prov.clone(), place, labelled);
                    if matches!(record, Record::Item(_)) {
                        if let Some((_, how)) = materials {
                            labelled.listed.add_listed(&prov, how);
                        }
                        if let Some((_, n)) = agencies {
                            labelled.listed.add_agencies(&prov, n);
                        }
                    }
                    return record;
                }
            }
            // Salvage the code and name for the report when the line is valid JSON of the wrong
            // shape; otherwise report where the JSON itself breaks.
            let field = |k: &str| {
                partial
                    .as_ref()
                    .ok()
                    .and_then(|v| v.get(k))
                    .and_then(Value::as_str)
                    .map(str::to_owned)
            };
            let reason = match &partial {
                Ok(value) => json_error::shape(value, &e),
                Err(syntax) => match place {
                    Some((line, col)) => json_error::syntax_at(syntax, text, line, col),
                    None => json_error::syntax(syntax, text, false),
                },
            };
            Record::Unreadable(Unreadable {
                provenance: prov,
                reason,
                code: field("code"),
                name: field("name"),
                partial: partial.as_ref().ok().map(|v| Box::new(partial_item(v))),
            })
        }
    }
}

/// Whether nothing of an item was read from an object: none of its keys is an item's (`{}`, an
/// export with its own or Chinese field names). Nearly every item has a name or a code, so two
/// length checks decide before the whole item is compared.
fn reads_nothing(item: &Item) -> bool {
    item.name.is_empty()
        && item.code.is_empty()
        && *item
            == Item {
                provenance: item.provenance.clone(),
                ..Item::default()
            }
}

/// Whether a record read in the tool's own format holds too little to be an item: no 实施编码
/// and no 事项名称, and fewer than two other elements (child lists do not count: an interface's
/// `materials` beside its own field names filled only them), as a labelled record needs. Nearly
/// every item has a name or a code, so two length checks decide for it.
fn reads_too_little(item: &Item) -> bool {
    item.name.is_empty()
        && item.code.is_empty()
        && crate::model::ItemField::ALL
            .iter()
            .filter(|&&f| !item.get(f).is_empty())
            .nth(1)
            .is_none()
}

/// Why an object that reads too little of an item is unreadable, naming its keys: what the
/// tool's own keys gave (`own`), Chinese column labels (`事项名称`, as in a spreadsheet, too few
/// to read the record by them: see [`super::json_labels`]), or keys of some other system.
fn no_item_fields(text: &str, own: &Item, labelled: &LabelledFile<'_>) -> String {
    let keys: Vec<String> = serde_json::from_str::<serde_json::Map<String, Value>>(text)
        .map(|m| m.keys().take(8).cloned().collect())
        .unwrap_or_default();
    if keys.is_empty() {
        return "空对象，没有任何事项字段".to_owned();
    }
    // Elements only: a list (`materials`) is what an interface names its own list too.
    let own_fields: Vec<String> = crate::model::ItemField::ALL
        .iter()
        .filter(|&&f| !own.get(f).is_empty())
        .map(|f| format!("{}（{}）", f.key(), f.label()))
        .collect();
    if !own_fields.is_empty() {
        return format!(
            "按本工具的字段名只读到 {}，没有 name（事项名称）和 code（实施编码），不足以确定是一条事项（有的字段是 {}）：\
             别的系统的字段名可在配置 [labels] 中指定对应的要素（见 schema/item.schema.json 和 zwfw-audit.example.toml）",
            own_fields.join("、"),
            keys.join("、")
        );
    }
    let labels: Vec<&str> = keys
        .iter()
        .map(String::as_str)
        .filter(|k| labelled.is_item_label(k))
        .collect();
    if labels.is_empty() {
        format!(
            "没有可识别的事项字段（有的是 {}）：JSON 的字段名应为 name、code、subject 等（见 schema/item.schema.json），或是中文表头；别的系统的字段名可在配置 [labels] 中指定对应的要素{}",
            keys.join("、"),
            stub_note(text)
        )
    } else {
        format!(
            "按中文表头只认出 {}，不足以确定是一条事项（至少需要「实施编码」或「事项名称」，或两个其他要素）：请检查导出的字段名（见 schema/item.schema.json）",
            labels.join("、")
        )
    }
}

/// The most fields a list page's summary of an item has (`taskName`, `taskCode`, `deptName`,
/// `taskType` …).
const STUB_FIELDS: usize = 6;

/// What to add when a record looks like a list page's summary of an item (a few fields, all
/// texts or numbers, no lists): a list+detail export saves both, and only the detail pages hold
/// the item.
fn stub_note(text: &str) -> String {
    let Ok(map) = serde_json::from_str::<serde_json::Map<String, Value>>(text) else {
        return String::new();
    };
    let small = (2..=STUB_FIELDS).contains(&map.len())
        && map.values().all(|v| !v.is_array() && !v.is_object());
    if small {
        format!(
            "。这条记录只有 {} 个字段、没有申请材料等列表，像是事项列表页的摘要：事项的详细内容在详情页里，详情接口原样保存的文件可以直接检查（列表页文件可以移出导出文件夹）",
            map.len()
        )
    } else {
        String::new()
    }
}

/// The text elements of a record that is not a readable item, each read on its own, by its key
/// or its Chinese label (`实施编码`, as a spreadsheet's column has it): enough to tell its unit
/// ([`crate::unit::default_unit`]).
fn partial_item(value: &Value) -> Item {
    let mut item = Item::default();
    for &field in crate::model::ItemField::ALL {
        let text = std::iter::once(field.key())
            .chain([field.label()])
            .chain(field.synonyms().iter().copied())
            .find_map(|k| value.get(k).and_then(Value::as_str));
        if let Some(text) = text {
            text.trim().clone_into(item.get_mut(field));
        }
    }
    item
}

/// One record of a JSON array (or the whole file's object) as an item record; something other
/// than an object is "不是事项对象".
fn parse_record(
    text: &str,
    prov: Provenance,
    place: Option<(u64, u64)>,
    labelled: &mut LabelledFile<'_>,
) -> Record {
    if !text.trim_start().starts_with('{') {
        return Record::Unreadable(Unreadable {
            provenance: prov,
            reason: "不是事项对象".into(),
            code: None,
            name: None,
            partial: None,
        });
    }
    parse_line(text, prov, place, labelled)
}
