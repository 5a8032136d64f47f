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
//! merging tools and stamps are forms. At most `forms::MAX_FORM_DEPTH` forms deep, a form never inside
//! itself, and every form's content and fonts within the same budget and operation count.

use std::cell::Cell;
use std::collections::HashSet;
use std::panic::{AssertUnwindSafe, catch_unwind};

use lopdf::{DecompressError, Document, Error, LoadOptions, Object, Stream};

use super::{Inspection, NoText, ZipLimits, text_checks};

mod fonts;
mod forms;
mod text;

use forms::{ContentReader, collect_maps, page_resources};
use text::TextWriter;

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
