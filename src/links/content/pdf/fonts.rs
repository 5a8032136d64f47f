//! Fonts: how lopdf should read a font (its `ToUnicode` map first), and how a font's codes become
//! characters, with only what can be read reliably kept.

use lopdf::{Dictionary, Document, Encoding, Object};

fn is_type0(font: &Dictionary) -> bool {
    font.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Type0".as_slice())
}

/// The font as lopdf should read it: a `ToUnicode` map wins over the encoding, as the PDF
/// standard says (lopdf looks at the encoding first). A CID font with a map is given the
/// `Identity-H` encoding, under which lopdf reads the map; a simple font loses its encoding.
pub(super) fn effective_font(doc: &Document, font: &Dictionary) -> Dictionary {
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
pub(super) enum Decoder<'a> {
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
    pub(super) fn of(doc: &'a Document, font: &'a Dictionary) -> Self {
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
    pub(super) fn decode(&self, bytes: &[u8], out: &mut String) -> bool {
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
