//! The text of a PDF (a sample or result sample published as PDF), read with `lopdf` under the
//! same decompression budget as a zip ([`ZipLimits::max_total_bytes`]), so that the text checks
//! (personal numbers, garbling, the first line) run on it as on a .docx.
//!
//! Untrusted input, bounded:
//! - every stream this module decodes — the object streams of the file while it loads (through
//!   the load filter), the content streams of the pages read and the fonts' `ToUnicode` maps — is
//!   decoded by lopdf's bounded decoders against what is left of one budget for the whole file; a
//!   file over it is refused as a suspected bomb. Cross-reference streams are decoded by lopdf
//!   itself while it loads, each bounded by the budget on its own;
//! - at most [`MAX_PAGES`] pages and [`MAX_OPERATIONS`] content operations are read;
//! - a panic inside the parser is caught and reported as a damaged file, never ends the run;
//! - a file that needs a password to open is not read: it stays for a human to check. One locked
//!   only against editing (an empty user password, which every reader opens) is decrypted by
//!   lopdf while it loads, in a path the load filter does not see, where each object stream is
//!   bounded by the budget on its own; its pages are then read as any file's are.
//!
//! Only text that can be turned into characters reliably is kept: fonts with a `ToUnicode` map,
//! CID fonts with a Unicode (UCS-2/UTF-16) or GB CMap, and the ASCII part of simple fonts (the
//! digits of a number written in Times New Roman). Codes of a CID font without a map are dropped
//! rather than guessed, and so are the replacement characters of codes a map lacks: what the
//! garbling check sees is what the page shows, not an artefact of extraction.
//!
//! Text inside form XObjects is read where the page draws them (`/Fm0 Do`): pages imported by
//! merging tools and stamps are forms. At most [`MAX_FORM_DEPTH`] forms deep, a form never inside
//! itself, and every form's content and fonts within the same budget and operation count.

use std::cell::Cell;
use std::collections::{BTreeMap, HashSet};
use std::panic::{AssertUnwindSafe, catch_unwind};

use lopdf::content::Content;
use lopdf::{DecompressError, Dictionary, Document, Encoding, Error, LoadOptions, Object, Stream};

use super::{Inspection, NoText, ZipLimits, text_checks};

/// Pages read at most: samples and licences are a page or two; the rest of a long file is not
/// read.
pub const MAX_PAGES: usize = 20;
/// Content operations read at most, over all pages.
pub const MAX_OPERATIONS: usize = 500_000;

/// Reads a complete PDF's text into `out` (text checks, `no_text`), or sets `out.defect`.
pub(super) fn inspect_pdf(body: &[u8], limits: ZipLimits, out: &mut Inspection) {
    let tail = &body[body.len().saturating_sub(2048)..];
    if !tail.windows(5).any(|w| w == b"%%EOF") {
        out.defect = Some("PDF 文件不完整（缺少文件结尾）".to_owned());
        return;
    }
    let mut budget = Budget::new(limits.max_total_bytes);
    let read = {
        let _guard = LoadBudget::install(limits.max_total_bytes);
        catch_unwind(AssertUnwindSafe(|| read_text(body, &mut budget)))
    };
    out.unzipped_bytes += budget.used;
    let bomb = || {
        format!(
            "解压内容超过上限 {} 字节，疑似压缩炸弹，已停止解压",
            limits.max_total_bytes
        )
    };
    match read {
        // A parser panic or a structure it cannot read: for a person to open, not a defect.
        Err(_) | Ok(Err(Refused::Damaged(_))) => out.no_text = Some(NoText::Unreadable),
        Ok(Err(Refused::Bomb)) => out.defect = Some(bomb()),
        Ok(Ok(Read::NoText(why))) => out.no_text = Some(why),
        Ok(Ok(Read::Text(text))) => text_checks(&text, out),
    }
}

enum Read {
    Text(String),
    NoText(NoText),
}

enum Refused {
    Bomb,
    Damaged(String),
}

/// What is left of the decompression budget, and what was used.
struct Budget {
    left: u64,
    used: u64,
}

impl Budget {
    fn new(max: u64) -> Self {
        Self { left: max, used: 0 }
    }

    fn limit(&self) -> usize {
        usize::try_from(self.left).unwrap_or(usize::MAX)
    }

    fn spend(&mut self, n: usize) {
        let n = n as u64;
        self.used += n;
        self.left = self.left.saturating_sub(n);
    }

    /// A stream's decoded bytes, counted; `Ok(None)` when it cannot be decoded (a filter lopdf
    /// does not know): skipped, as a reader would show nothing of it either.
    fn decode(&mut self, stream: &Stream) -> Result<Option<Vec<u8>>, Refused> {
        match stream.decompressed_content_with_limit(self.limit()) {
            Ok(data) => {
                self.spend(data.len());
                Ok(Some(data))
            }
            Err(e) if over_limit(&e) => Err(Refused::Bomb),
            Err(_) => Ok(None),
        }
    }
}

fn over_limit(e: &Error) -> bool {
    matches!(
        e,
        Error::Decompress(DecompressError::MemoryLimitExceeded { .. })
    )
}

thread_local! {
    /// Budget left for the object streams lopdf expands while loading, which only a load filter
    /// (a plain `fn`) sees: `None` outside [`LoadBudget`].
    static LOAD_LEFT: Cell<Option<u64>> = const { Cell::new(None) };
    /// Bytes the load filter decoded.
    static LOAD_USED: Cell<u64> = const { Cell::new(0) };
    /// Whether an object stream went over the budget.
    static LOAD_OVER: Cell<bool> = const { Cell::new(false) };
}

/// The load filter's budget on this thread for as long as it lives (also when the parser panics).
struct LoadBudget;

impl LoadBudget {
    fn install(max: u64) -> Self {
        LOAD_LEFT.set(Some(max));
        LOAD_USED.set(0);
        LOAD_OVER.set(false);
        Self
    }
}

impl Drop for LoadBudget {
    fn drop(&mut self) {
        LOAD_LEFT.set(None);
        LOAD_USED.set(0);
        LOAD_OVER.set(false);
    }
}

/// The load filter: expands each object stream itself, bounded by what is left of the budget, so
/// that lopdf parses it without decoding anything; one over the budget is dropped and remembered.
/// Every other object is kept as it is.
fn bounded_object_streams(
    id: lopdf::ObjectId,
    object: &mut Object,
) -> Option<(lopdf::ObjectId, Object)> {
    if LOAD_OVER.get() {
        return None;
    }
    if let Object::Stream(stream) = object
        && stream.dict.has_type(b"ObjStm")
        && stream.is_compressed()
        && let Some(left) = LOAD_LEFT.get()
    {
        match stream.decompress_with_limit(usize::try_from(left).unwrap_or(usize::MAX)) {
            Ok(()) => {
                let n = stream.content.len() as u64;
                LOAD_LEFT.set(Some(left.saturating_sub(n)));
                LOAD_USED.set(LOAD_USED.get() + n);
            }
            Err(e) => {
                LOAD_OVER.set(over_limit(&e));
                return None;
            }
        }
    }
    // lopdf keeps the object it passed (top-level objects) or the one returned (objects of an
    // object stream): both must be the object.
    Some((id, object.clone()))
}

fn load(body: &[u8], budget: &mut Budget, reconstruct: bool) -> Result<Document, Refused> {
    let options = LoadOptions {
        filter: Some(bounded_object_streams),
        // Cross-reference streams, decoded by lopdf before any object: each within the budget.
        max_decompressed_size: Some(budget.limit()),
        force_reconstruct: reconstruct,
        ..LoadOptions::default()
    };
    let loaded = Document::load_mem_with_options(body, options);
    let used = LOAD_USED.replace(0);
    budget.spend(usize::try_from(used).unwrap_or(usize::MAX));
    LOAD_LEFT.set(Some(budget.left));
    if LOAD_OVER.get() {
        return Err(Refused::Bomb);
    }
    match loaded {
        Ok(doc) => Ok(doc),
        Err(e) if over_limit(&e) => Err(Refused::Bomb),
        Err(e) => Err(Refused::Damaged(e.to_string())),
    }
}

fn encryption_error(e: &str) -> bool {
    let e = e.to_ascii_lowercase();
    ["encrypt", "decrypt", "password", "security handler"]
        .iter()
        .any(|w| e.contains(w))
}

fn read_text(body: &[u8], budget: &mut Budget) -> Result<Read, Refused> {
    let mut doc = match load(body, budget, false) {
        Ok(doc) => doc,
        Err(Refused::Damaged(e)) if encryption_error(&e) => {
            return Ok(Read::NoText(NoText::Encrypted));
        }
        Err(e) => return Err(e),
    };
    if doc.is_encrypted() {
        return Ok(Read::NoText(NoText::Encrypted));
    }
    // lopdf rebuilds the cross-reference table of a file whose page tree does not load, but not
    // for a filtered load: the same here.
    if doc.get_pages().is_empty()
        && doc.xref_recovery != Some(lopdf::xref::XrefRecovery::Reconstructed)
        && let Ok(rebuilt) = load(body, budget, true)
        && !rebuilt.get_pages().is_empty()
    {
        doc = rebuilt;
    }
    let pages: Vec<lopdf::ObjectId> = doc.get_pages().into_values().take(MAX_PAGES).collect();
    // The fonts' ToUnicode maps (of the pages and of the forms they draw), decoded once each
    // within the budget and put back plain, so that lopdf's own decoding of them later has
    // nothing left to inflate.
    let mut maps = HashSet::new();
    let mut seen_forms = HashSet::new();
    for &page in &pages {
        let resources = page_resources(&doc, page);
        collect_maps(&doc, &resources, 0, &mut seen_forms, &mut maps);
    }
    for id in maps {
        let Ok(stream) = doc.get_object(id).and_then(Object::as_stream) else {
            continue;
        };
        if !stream.is_compressed() {
            continue;
        }
        let plain = budget.decode(stream)?;
        if let Ok(stream) = doc.get_object_mut(id).and_then(Object::as_stream_mut) {
            match plain {
                Some(plain) => stream.set_plain_content(plain),
                // Undecodable: no map.
                None => stream.set_plain_content(Vec::new()),
            }
        }
    }
    let mut reader = ContentReader {
        doc: &doc,
        budget,
        text: TextWriter::default(),
        operations: 0,
    };
    for &page in &pages {
        let mut content = Vec::new();
        for id in doc.get_page_contents(page) {
            if let Ok(stream) = doc.get_object(id).and_then(Object::as_stream)
                && let Some(data) = reader.budget.decode(stream)?
            {
                content.extend_from_slice(&data);
                content.push(b'\n');
            }
        }
        reader.text.page_break();
        if reader.run(&content, &page_resources(&doc, page), &mut Vec::new())? {
            break;
        }
    }
    let text = reader.text;
    Ok(if text.has_text() {
        Read::Text(text.out)
    } else if text.unmapped {
        Read::NoText(NoText::Unmapped)
    } else {
        Read::NoText(NoText::Scan)
    })
}

/// Form XObjects nested deeper than this are not read (a page draws a form that draws a form…).
const MAX_FORM_DEPTH: usize = 4;

/// The resource dictionaries of a page, nearest first (its own, then inherited ones).
fn page_resources(doc: &Document, page: lopdf::ObjectId) -> Vec<&Dictionary> {
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
fn collect_maps(
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
struct ContentReader<'d, 'b> {
    doc: &'d Document,
    budget: &'b mut Budget,
    text: TextWriter,
    operations: usize,
}

impl<'d> ContentReader<'d, '_> {
    /// Reads one content stream with its resources; `forms` are the forms being read around it.
    /// True when [`MAX_OPERATIONS`] is reached: nothing more is read.
    fn run(
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

fn is_type0(font: &Dictionary) -> bool {
    font.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Type0".as_slice())
}

/// The font as lopdf should read it: a `ToUnicode` map wins over the encoding, as the PDF
/// standard says (lopdf looks at the encoding first). A CID font with a map is given the
/// `Identity-H` encoding, under which lopdf reads the map; a simple font loses its encoding.
fn effective_font(doc: &Document, font: &Dictionary) -> Dictionary {
    let mut font = font.clone();
    let map = font
        .get_deref(b"ToUnicode", doc)
        .and_then(Object::as_stream)
        .ok()
        .map(|s| (s.is_compressed(), s.content.is_empty()));
    match map {
        // Maps were decoded within the budget beforehand; one still compressed (not reached that
        // way) is dropped, so that lopdf never inflates it unbounded.
        Some((true, _)) => {
            font.remove(b"ToUnicode");
        }
        Some((false, false)) if is_type0(&font) => {
            font.set("Encoding", Object::Name(b"Identity-H".to_vec()));
        }
        Some((false, false)) => {
            font.remove(b"Encoding");
        }
        _ => {}
    }
    font
}

/// How a font's codes become characters.
enum Decoder<'a> {
    /// A `ToUnicode` map read by lopdf: every character kept.
    Map(Encoding<'a>),
    /// A CID font with a Unicode CMap (`UniGB-UCS2-H`, `UniGB-UTF16-H` …): UTF-16BE.
    Utf16,
    /// A CID font with a GB CMap (`GBK-EUC-H`, `GB-EUC-H` …): GB 18030.
    Gb,
    /// A simple font's one-byte encoding: only its ASCII part is trusted (a symbol font's
    /// codes read as Latin letters would look garbled).
    Ascii(Encoding<'a>),
    /// No way to characters.
    Unmapped,
}

impl<'a> Decoder<'a> {
    fn of(doc: &'a Document, font: &'a Dictionary) -> Self {
        let encoding = font.get(b"Encoding").and_then(Object::as_name).ok();
        if is_type0(font) {
            let name = encoding
                .map(|n| String::from_utf8_lossy(n).into_owned())
                .unwrap_or_default();
            if name.starts_with("Identity-") {
                return match font.get_font_encoding(doc) {
                    Ok(e @ Encoding::UnicodeMapEncoding(_)) => Decoder::Map(e),
                    _ => Decoder::Unmapped,
                };
            }
            if name.starts_with("Uni") && (name.contains("-UCS2-") || name.contains("-UTF16-")) {
                return Decoder::Utf16;
            }
            if name.starts_with("GB") && (name.contains("EUC") || name.starts_with("GBK2K")) {
                return Decoder::Gb;
            }
            return Decoder::Unmapped;
        }
        match font.get_font_encoding(doc) {
            Ok(e @ Encoding::UnicodeMapEncoding(_)) => Decoder::Map(e),
            Ok(e) => Decoder::Ascii(e),
            Err(_) => Decoder::Unmapped,
        }
    }

    /// Appends the characters of shown bytes; false when they could not be read.
    fn decode(&self, bytes: &[u8], out: &mut String) -> bool {
        let keep = |s: &str, out: &mut String, ascii: bool| {
            out.extend(s.chars().filter(|&c| {
                c != '\u{fffd}' && !c.is_control() && (!ascii || c.is_ascii_graphic() || c == ' ')
            }));
        };
        match self {
            Decoder::Map(e) => match e.bytes_to_string(bytes) {
                Ok(s) => keep(&s, out, false),
                Err(_) => return false,
            },
            Decoder::Utf16 => keep(
                &encoding_rs::UTF_16BE.decode_without_bom_handling(bytes).0,
                out,
                false,
            ),
            Decoder::Gb => keep(
                &encoding_rs::GB18030.decode_without_bom_handling(bytes).0,
                out,
                false,
            ),
            Decoder::Ascii(e) => match e.bytes_to_string(bytes) {
                Ok(s) => keep(&s, out, true),
                Err(_) => return false,
            },
            Decoder::Unmapped => return false,
        }
        true
    }
}

/// Text from content operations, a line per line of the page: a new line where the text moves up
/// or down, a space where it jumps along the line (a table's next cell), nothing where it goes on
/// where the last text ended (a producer that places each character on its own).
///
/// Where the last text ended is estimated without the font's widths: a Chinese character is one
/// em wide, an ASCII one half an em. Only the text matrix's own scale is followed (`cm` is not).
struct TextWriter {
    out: String,
    /// The current font's name and size.
    font: Option<Vec<u8>>,
    size: f32,
    /// The text matrix's horizontal and vertical scale.
    scale: (f32, f32),
    /// Where the current line starts, and where the text is set now.
    line_x: f32,
    x: f32,
    y: f32,
    /// Where the last text shown ended (estimated) and its line, while on that line.
    pen: Option<(f32, f32)>,
    /// Whether some shown text could not be read.
    unmapped: bool,
}

impl Default for TextWriter {
    fn default() -> Self {
        Self {
            out: String::new(),
            font: None,
            size: 12.0,
            scale: (1.0, 1.0),
            line_x: 0.0,
            x: 0.0,
            y: 0.0,
            pen: None,
            unmapped: false,
        }
    }
}

impl TextWriter {
    fn has_text(&self) -> bool {
        self.out.chars().any(|c| !c.is_whitespace())
    }

    fn page_break(&mut self) {
        self.new_line();
        self.pen = None;
        self.font = None;
    }

    fn new_line(&mut self) {
        if !self.out.is_empty() && !self.out.ends_with('\n') {
            self.out.push('\n');
        }
    }

    fn gap(&mut self) {
        if !self.out.is_empty() && !self.out.ends_with(char::is_whitespace) {
            self.out.push(' ');
        }
    }

    /// One em of the current font, in the page's units.
    fn em(&self) -> f32 {
        (self.size * self.scale.0).abs().max(0.01)
    }

    fn operation(
        &mut self,
        op: &lopdf::content::Operation,
        decoders: &BTreeMap<&[u8], Decoder<'_>>,
    ) {
        let num = |i: usize| {
            op.operands
                .get(i)
                .and_then(|o| o.as_float().ok())
                .filter(|n| n.is_finite())
                .unwrap_or(0.0)
        };
        match op.operator.as_str() {
            "BT" => {
                self.scale = (1.0, 1.0);
                (self.line_x, self.x, self.y) = (0.0, 0.0, 0.0);
            }
            "Tf" => {
                self.font = op
                    .operands
                    .first()
                    .and_then(|o| o.as_name().ok())
                    .map(<[u8]>::to_vec);
                self.size = num(1);
            }
            "Tm" => {
                self.scale = (num(0), num(3));
                (self.line_x, self.x, self.y) = (num(4), num(4), num(5));
            }
            "Td" | "TD" => {
                self.line_x += num(0) * self.scale.0;
                self.x = self.line_x;
                self.y += num(1) * self.scale.1;
            }
            // Next line: the leading is not followed, any move down will do.
            "T*" => self.next_line(),
            "Tj" | "TJ" => self.show(&op.operands, decoders),
            "'" => {
                self.next_line();
                self.show(&op.operands, decoders);
            }
            "\"" => {
                self.next_line();
                self.show(op.operands.get(2..).unwrap_or_default(), decoders);
            }
            _ => {}
        }
    }

    fn next_line(&mut self) {
        self.x = self.line_x;
        self.y -= self.em();
    }

    fn show(&mut self, operands: &[Object], decoders: &BTreeMap<&[u8], Decoder<'_>>) {
        match self.pen {
            Some((_, y)) if (y - self.y).abs() > 0.5 => self.new_line(),
            Some((x, _)) if (self.x - x).abs() > 0.3 * self.em() => self.gap(),
            Some(_) => {}
            None => self.gap(),
        }
        let decoder = self
            .font
            .as_deref()
            .and_then(|f| decoders.get(f))
            .unwrap_or(&Decoder::Unmapped);
        self.strings(operands, decoder);
        self.pen = Some((self.x, self.y));
    }

    fn strings(&mut self, operands: &[Object], decoder: &Decoder<'_>) {
        for operand in operands {
            match operand {
                Object::String(bytes, _) => {
                    let from = self.out.len();
                    self.unmapped |= !decoder.decode(bytes, &mut self.out);
                    let ems: f32 = self.out[from..]
                        .chars()
                        .map(|c| if c.is_ascii() { 0.5 } else { 1.0 })
                        .sum();
                    self.x += ems * self.em();
                }
                Object::Array(items) => self.strings(items, decoder),
                // A shift inside `TJ`, in thousandths of an em; more than a quarter em to the
                // right is a visible gap.
                Object::Integer(_) | Object::Real(_) => {
                    let shift = operand.as_float().unwrap_or(0.0);
                    if shift.is_finite() {
                        if shift < -250.0 {
                            self.gap();
                        }
                        self.x -= shift / 1000.0 * self.em();
                    }
                }
                _ => {}
            }
        }
    }
}
