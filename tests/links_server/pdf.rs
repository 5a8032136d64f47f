//! PDFs built for the tests with lopdf, shaped as Word and WPS save a Chinese form: Chinese in a
//! CID font (`Identity-H`, so the codes are glyph numbers) whose `ToUnicode` map gives the
//! characters, digits and Latin letters in a simple TrueType font (`WinAnsiEncoding`). Also a
//! scan (one image, no text), an encrypted PDF, and bombs: streams that inflate past a limit.

#![allow(dead_code)]

use std::fmt::Write as _;

use lopdf::{
    Dictionary, Document, Object, ObjectId, SaveOptions, Stream, StringFormat, dictionary,
};

/// How the file is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// PDF 1.7 with object streams and a cross-reference stream, as Word 2013+ saves it.
    Modern,
    /// PDF 1.4: plain objects and an `xref` table; streams still compressed.
    Classic,
}

/// A one-page PDF whose lines are `lines`, top to bottom (the first is the heading).
pub fn text_pdf(lines: &[&str], layout: Layout) -> Vec<u8> {
    let mut doc = new_doc(layout);
    let pages_id = doc.new_object_id();
    let (resources, content) = text_content(&mut doc, lines);
    one_page(&mut doc, pages_id, resources, content);
    save(doc, layout)
}

/// How a page draws its text through form XObjects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Forms {
    /// The page draws one form holding the text and its fonts, as a merging tool imports a page.
    Imported,
    /// The page draws a form that draws the text's form (a stamp around an imported page); the
    /// outer form has no resources of its own but its XObject.
    Nested,
    /// As `Imported`, and the form also draws itself: a loop a reader must not follow.
    SelfDrawing,
}

/// A one-page PDF whose lines are `lines`, drawn through form XObjects as `forms` says; the page
/// itself shows no text and has no fonts.
pub fn form_pdf(lines: &[&str], forms: Forms, layout: Layout) -> Vec<u8> {
    let mut doc = new_doc(layout);
    let pages_id = doc.new_object_id();
    let (text_resources, mut text) = text_content(&mut doc, lines);
    let text_form_id = doc.new_object_id();
    let mut text_resources = text_resources;
    if forms == Forms::SelfDrawing {
        text_resources.set("XObject", dictionary! { "Fm0" => text_form_id });
        text.extend_from_slice(b"q /Fm0 Do Q\n");
    }
    doc.objects.insert(
        text_form_id,
        Object::Stream(compressed(form_dict(text_resources), text)),
    );
    let drawn = if forms == Forms::Nested {
        doc.add_object(compressed(
            form_dict(dictionary! { "XObject" => dictionary! { "Fm1" => text_form_id } }),
            b"q 1 0 0 1 0 0 cm /Fm1 Do Q\n".to_vec(),
        ))
    } else {
        text_form_id
    };
    let resources = dictionary! { "XObject" => dictionary! { "Fm0" => drawn } };
    one_page(&mut doc, pages_id, resources, b"q /Fm0 Do Q\n".to_vec());
    save(doc, layout)
}

fn form_dict(resources: Dictionary) -> Dictionary {
    dictionary! {
        "Type" => "XObject",
        "Subtype" => "Form",
        "BBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        "Resources" => resources,
    }
}

fn new_doc(layout: Layout) -> Document {
    Document::with_version(if layout == Layout::Modern {
        "1.7"
    } else {
        "1.4"
    })
}

/// The content that shows `lines` and the resources (fonts) it needs, added to `doc`.
fn text_content(doc: &mut Document, lines: &[&str]) -> (Dictionary, Vec<u8>) {
    // The CID font: glyph number i + 1 for the i-th distinct Chinese character.
    let mut cjk: Vec<char> = Vec::new();
    for c in lines.iter().flat_map(|l| l.chars()) {
        if !c.is_ascii() && !cjk.contains(&c) {
            cjk.push(c);
        }
    }
    let cid = |c: char| cjk.iter().position(|&x| x == c).unwrap() as u16 + 1;
    let mut content = String::new();
    for (i, line) in lines.iter().enumerate() {
        let size = if i == 0 { 18 } else { 12 };
        writeln!(content, "BT\n1 0 0 1 72 {} Tm", 770 - 28 * i).unwrap();
        // Runs of Chinese and of ASCII, each in its font, set one after the other.
        let mut runs: Vec<(bool, String)> = Vec::new();
        for c in line.chars() {
            match runs.last_mut() {
                Some((ascii, run)) if *ascii == c.is_ascii() => run.push(c),
                _ => runs.push((c.is_ascii(), c.to_string())),
            }
        }
        for (ascii, run) in runs {
            if ascii {
                // Word kerns inside a run: `[(1101) -3 (01…)] TJ`.
                let (a, b) = run.split_at(run.len() / 2);
                writeln!(
                    content,
                    "/F2 {size} Tf\n[({}) -3 ({})] TJ",
                    escape(a),
                    escape(b)
                )
                .unwrap();
            } else {
                let hex = run.chars().fold(String::new(), |mut h, c| {
                    write!(h, "{:04X}", cid(c)).unwrap();
                    h
                });
                writeln!(content, "/F1 {size} Tf\n[<{hex}>] TJ").unwrap();
            }
        }
        content.push_str("ET\n");
    }
    let to_unicode = doc.add_object(compressed(
        Dictionary::new(),
        to_unicode_cmap(&cjk.iter().map(|&c| (cid(c), c)).collect::<Vec<_>>()).into_bytes(),
    ));
    let descriptor = doc.add_object(dictionary! {
        "Type" => "FontDescriptor",
        "FontName" => "SimSun",
        "Flags" => 6,
        "FontBBox" => vec![0.into(), (-141).into(), 1000.into(), 859.into()],
        "ItalicAngle" => 0,
        "Ascent" => 859,
        "Descent" => -141,
        "CapHeight" => 683,
        "StemV" => 80,
    });
    let descendant = doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "CIDFontType2",
        "BaseFont" => "SimSun",
        "CIDSystemInfo" => dictionary! {
            "Registry" => Object::string_literal("Adobe"),
            "Ordering" => Object::string_literal("Identity"),
            "Supplement" => 0,
        },
        "FontDescriptor" => descriptor,
        "DW" => 1000,
    });
    let cjk_font = doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type0",
        "BaseFont" => "SimSun",
        "Encoding" => "Identity-H",
        "DescendantFonts" => vec![descendant.into()],
        "ToUnicode" => to_unicode,
    });
    let latin_font = doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "TrueType",
        "BaseFont" => "TimesNewRomanPSMT",
        "Encoding" => "WinAnsiEncoding",
    });
    let resources = dictionary! {
        "Font" => dictionary! { "F1" => cjk_font, "F2" => latin_font },
    };
    (resources, content.into_bytes())
}

/// A scanned page: one image drawn over the page, no text at all.
pub fn scan_pdf() -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let pixels: Vec<u8> = (0..64 * 64).map(|i| (i % 251) as u8).collect();
    let image = doc.add_object(compressed(
        dictionary! {
            "Type" => "XObject",
            "Subtype" => "Image",
            "Width" => 64,
            "Height" => 64,
            "ColorSpace" => "DeviceGray",
            "BitsPerComponent" => 8,
        },
        pixels,
    ));
    let resources = dictionary! { "XObject" => dictionary! { "Im1" => image } };
    one_page(
        &mut doc,
        pages_id,
        resources,
        b"q 595 0 0 842 0 0 cm /Im1 Do Q\n".to_vec(),
    );
    save(doc, Layout::Classic)
}

/// `text_pdf(lines)` encrypted (RC4, 128 bits) with an owner password and the given user
/// password: with an empty one any reader opens it, as for a file that only forbids editing.
pub fn encrypted_pdf(lines: &[&str], user_password: &str) -> Vec<u8> {
    let mut doc = Document::load_mem(&text_pdf(lines, Layout::Classic)).unwrap();
    doc.trailer.set(
        "ID",
        vec![
            Object::String(b"0123456789abcdef".to_vec(), StringFormat::Hexadecimal),
            Object::String(b"0123456789abcdef".to_vec(), StringFormat::Hexadecimal),
        ],
    );
    let state = lopdf::EncryptionState::try_from(lopdf::EncryptionVersion::V2 {
        document: &doc,
        owner_password: "zwfw-owner",
        user_password,
        key_length: 128,
        permissions: lopdf::Permissions::PRINTABLE,
    })
    .unwrap();
    doc.encrypt(&state).unwrap();
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

/// A page whose content is `streams`, each compressed, drawn in a CID font `/F1` with the CMap
/// `encoding` (`Identity-H`, `GBK-EUC-H` …) and, when given, a `ToUnicode` map (compressed): the
/// raw material of bombs and of odd fonts.
pub fn pdf_with_streams(
    streams: Vec<Vec<u8>>,
    encoding: &str,
    map: Option<Vec<u8>>,
    layout: Layout,
) -> Vec<u8> {
    let mut doc = Document::with_version("1.7");
    let pages_id = doc.new_object_id();
    let mut font = dictionary! {
        "Type" => "Font",
        "Subtype" => "Type0",
        "BaseFont" => "SimSun",
        "Encoding" => Object::Name(encoding.as_bytes().to_vec()),
    };
    if let Some(map) = map {
        font.set(
            "ToUnicode",
            doc.add_object(compressed(Dictionary::new(), map)),
        );
    }
    let font = doc.add_object(font);
    let contents: Vec<Object> = streams
        .into_iter()
        .map(|s| doc.add_object(compressed(Dictionary::new(), s)).into())
        .collect();
    let page_id = doc.add_object(dictionary! {
        "Type" => "Page",
        "Parent" => pages_id,
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        "Resources" => dictionary! { "Font" => dictionary! { "F1" => font } },
        "Contents" => contents,
    });
    finish_pages(&mut doc, pages_id, vec![page_id]);
    save(doc, layout)
}

/// `n` bytes of spaces, which inflate from about n / 1000 bytes.
pub fn spaces(n: usize) -> Vec<u8> {
    vec![b' '; n]
}

/// [`text_pdf`] in the modern layout with more objects, strings of spaces of the given sizes,
/// each written in an object stream of its own: lopdf expands object streams while loading, and
/// each inflates from a few KiB to its size.
pub fn object_stream_bomb(lines: &[&str], sizes: &[usize]) -> Vec<u8> {
    let mut doc = Document::load_mem(&text_pdf(lines, Layout::Classic)).unwrap();
    let fillers: Vec<Object> = sizes
        .iter()
        .map(|&n| doc.add_object(Object::string_literal(spaces(n))).into())
        .collect();
    doc.trailer.set("Filler", fillers);
    let mut out = Vec::new();
    doc.save_with_options(
        &mut out,
        SaveOptions::builder()
            .use_object_streams(true)
            .use_xref_streams(true)
            .max_objects_per_stream(1)
            .compression_level(6)
            .build(),
    )
    .unwrap();
    out
}

/// A ToUnicode CMap of single two-byte codes.
pub fn to_unicode_cmap(pairs: &[(u16, char)]) -> String {
    let mut cmap = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
         /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
         1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    for chunk in pairs.chunks(100) {
        writeln!(cmap, "{} beginbfchar", chunk.len()).unwrap();
        for (code, c) in chunk {
            let mut units = [0u16; 2];
            write!(cmap, "<{code:04X}> <").unwrap();
            for u in c.encode_utf16(&mut units) {
                write!(cmap, "{u:04X}").unwrap();
            }
            cmap.push_str(">\n");
        }
        cmap.push_str("endbfchar\n");
    }
    cmap.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    cmap
}

fn escape(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('(', "\\(")
        .replace(')', "\\)")
}

fn compressed(dict: Dictionary, content: Vec<u8>) -> Stream {
    let mut stream = Stream::new(dict, content);
    stream.compress().unwrap();
    stream
}

fn one_page(doc: &mut Document, pages_id: ObjectId, resources: Dictionary, content: Vec<u8>) {
    let content = doc.add_object(compressed(Dictionary::new(), content));
    let page_id = doc.add_object(dictionary! {
        "Type" => "Page",
        "Parent" => pages_id,
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        "Resources" => resources,
        "Contents" => content,
    });
    finish_pages(doc, pages_id, vec![page_id]);
}

fn finish_pages(doc: &mut Document, pages_id: ObjectId, kids: Vec<ObjectId>) {
    let count = i64::try_from(kids.len()).unwrap();
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages",
            "Kids" => kids.into_iter().map(Object::from).collect::<Vec<_>>(),
            "Count" => count,
        }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
}

fn save(mut doc: Document, layout: Layout) -> Vec<u8> {
    let mut out = Vec::new();
    match layout {
        Layout::Modern => doc
            .save_with_options(
                &mut out,
                SaveOptions::builder()
                    .use_object_streams(true)
                    .use_xref_streams(true)
                    .compression_level(6)
                    .build(),
            )
            .unwrap(),
        Layout::Classic => doc.save_to(&mut out).unwrap(),
    }
    out
}
