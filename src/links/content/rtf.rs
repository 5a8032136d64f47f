//! Rich text (`.rtf`, which Word and WPS also save under `.doc`): the text a reader sees, so that
//! a sample in it is checked for personal numbers, garbling and its first line as a `.docx` is.
//!
//! RTF is 7-bit text: groups in braces, control words (`\par`), and the document's characters
//! either as they are (ASCII), as bytes of a code page (`\'b9\'ab`: GBK under `\ansicpg936`, or
//! under a font declared `\fcharset134`, as Chinese Word and WPS write them) or as Unicode
//! (`\u20844?`, followed by `\uc` fallback characters that are skipped). Destinations that are not
//! text (the font, colour and style tables, pictures, embedded objects, document properties, a
//! field's code, anything marked `\*`) are skipped; a field's shown result is kept, as Word shows
//! it. No crate reads RTF's text with its code pages, so this reader is written here; it reads
//! the text and nothing else.
//!
//! Untrusted input, bounded: one pass over the bytes, at most [`MAX_CHARS`] characters kept,
//! `\binN` data skipped by its length within the file, and groups nested deeper than
//! [`MAX_DEPTH`] not followed (their text is still read, as the outer group's).

use encoding_rs::{BIG5, Encoding, GBK, UTF_8, WINDOWS_1252};

/// Characters of a document kept, at most, as for a Word document.
const MAX_CHARS: usize = super::doc::MAX_CHARS;
/// Groups followed in depth; Word nests a few dozen at most.
const MAX_DEPTH: usize = 1_000;

/// Destinations whose content is not the document's text.
const SKIPPED: &[&str] = &[
    "fonttbl",
    "colortbl",
    "stylesheet",
    "info",
    "pict",
    "object",
    "fldinst",
    "listtable",
    "listoverridetable",
    "revtbl",
    "rsidtbl",
    "themedata",
    "colorschememapping",
    "datastore",
    "latentstyles",
    "xmlnstbl",
    "generator",
    "filetbl",
    "header",
    "footer",
    "headerl",
    "headerr",
    "headerf",
    "footerl",
    "footerr",
    "footerf",
];

/// The state a group inherits from the one around it.
#[derive(Clone, Copy)]
struct Group {
    /// Text here is not the document's.
    skip: bool,
    /// Inside the font table: `\fN` names a font, `\fcharsetN` its character set.
    font_table: bool,
    /// How bytes (`\'hh`) are decoded here: by the current font's character set.
    encoding: &'static Encoding,
    /// Fallback characters after a `\u`.
    uc: usize,
}

/// The text of an RTF document, or `None` when `body` is not one.
pub(super) fn text(body: &[u8]) -> Option<String> {
    if !body.starts_with(b"{\\rtf") {
        return None;
    }
    let mut r = Reader {
        body,
        at: 0,
        out: String::new(),
        chars: 0,
        bytes: Vec::new(),
        code_page: WINDOWS_1252,
        fonts: Vec::new(),
        font: None,
        group: Group {
            skip: false,
            font_table: false,
            encoding: WINDOWS_1252,
            uc: 1,
        },
        stack: Vec::new(),
        skip_fallback: 0,
        first_in_group: false,
    };
    r.run();
    r.flush();
    Some(r.out)
}

struct Reader<'b> {
    body: &'b [u8],
    at: usize,
    out: String,
    chars: usize,
    /// Code-page bytes waiting to be decoded together (a character is two bytes in GBK).
    bytes: Vec<u8>,
    /// `\ansicpgN`: how bytes are decoded where the font does not say.
    code_page: &'static Encoding,
    /// Fonts of the table with the encoding of their `\fcharset`.
    fonts: Vec<(i32, &'static Encoding)>,
    /// The font being declared in the font table.
    font: Option<i32>,
    group: Group,
    stack: Vec<Group>,
    /// Fallback characters still to skip after a `\u`.
    skip_fallback: usize,
    /// Right after `{`: a `\*` or a destination word here makes the group one to skip.
    first_in_group: bool,
}

impl Reader<'_> {
    fn full(&self) -> bool {
        self.chars >= MAX_CHARS
    }

    fn run(&mut self) {
        while self.at < self.body.len() && !self.full() {
            let b = self.body[self.at];
            self.at += 1;
            match b {
                b'{' => {
                    self.flush();
                    if self.stack.len() < MAX_DEPTH {
                        self.stack.push(self.group);
                    }
                    self.first_in_group = true;
                    continue;
                }
                b'}' => {
                    self.flush();
                    if let Some(outer) = self.stack.pop() {
                        self.group = outer;
                    }
                    self.skip_fallback = 0;
                }
                b'\\' => self.control(),
                b'\r' | b'\n' => continue,
                _ => {
                    if self.take_fallback() {
                        continue;
                    }
                    if self.group.font_table && b == b';' {
                        self.font = None;
                    }
                    if b >= 0x80 {
                        // Raw 8-bit text (not valid RTF, but written): bytes of the code page.
                        self.bytes.push(b);
                    } else {
                        self.flush();
                        self.push(char::from(b));
                    }
                }
            }
            self.first_in_group = false;
        }
    }

    /// A control word or symbol, after its backslash.
    fn control(&mut self) {
        let Some(&b) = self.body.get(self.at) else {
            return;
        };
        if !b.is_ascii_alphabetic() {
            self.at += 1;
            match b {
                b'\'' => {
                    let hex = self
                        .body
                        .get(self.at..self.at + 2)
                        .and_then(|h| u8::from_str_radix(std::str::from_utf8(h).ok()?, 16).ok());
                    // Two characters belong to it, valid hex or not.
                    self.at = (self.at + 2).min(self.body.len());
                    if let Some(byte) = hex
                        && !self.take_fallback()
                    {
                        self.bytes.push(byte);
                    }
                }
                b'*' if self.first_in_group => self.group.skip = true,
                b'{' | b'}' | b'\\' if !self.take_fallback() => {
                    self.flush();
                    self.push(char::from(b));
                }
                b'~' => {
                    self.flush();
                    self.push(' ');
                }
                b'_' => {
                    self.flush();
                    self.push('-');
                }
                // `\-` (optional hyphen), `\:` (index entry), line breaks after a backslash.
                _ => {}
            }
            return;
        }
        let start = self.at;
        while self.body.get(self.at).is_some_and(u8::is_ascii_alphabetic) {
            self.at += 1;
        }
        let word = std::str::from_utf8(&self.body[start..self.at]).unwrap_or_default();
        let num_start = self.at;
        if self.body.get(self.at) == Some(&b'-') {
            self.at += 1;
        }
        while self.body.get(self.at).is_some_and(u8::is_ascii_digit) && self.at - num_start < 11 {
            self.at += 1;
        }
        let param = std::str::from_utf8(&self.body[num_start..self.at])
            .ok()
            .and_then(|p| p.parse::<i64>().ok());
        // One space after a control word belongs to it.
        if self.body.get(self.at) == Some(&b' ') {
            self.at += 1;
        }
        let first = std::mem::take(&mut self.first_in_group);
        if first && SKIPPED.contains(&word) {
            self.group.skip = true;
        }
        match word {
            "fonttbl" => self.group.font_table = true,
            "bin" => {
                // Binary data of that many bytes, within the file.
                let n = usize::try_from(param.unwrap_or(0)).unwrap_or(0);
                self.at = self.at.saturating_add(n).min(self.body.len());
            }
            "ansicpg" => {
                if let Some(enc) = param.and_then(code_page) {
                    self.code_page = enc;
                    self.group.encoding = enc;
                }
            }
            "f" => {
                let n = param.and_then(|p| i32::try_from(p).ok()).unwrap_or(0);
                if self.group.font_table {
                    self.font = Some(n);
                } else {
                    self.flush();
                    self.group.encoding = self
                        .fonts
                        .iter()
                        .find(|(f, _)| *f == n)
                        .map_or(self.code_page, |(_, e)| *e);
                }
            }
            "fcharset" => {
                if let (Some(font), Some(set)) = (self.font, param) {
                    let enc = charset(set).unwrap_or(self.code_page);
                    self.fonts.push((font, enc));
                }
            }
            "uc" => self.group.uc = usize::try_from(param.unwrap_or(1)).unwrap_or(1).min(10),
            "u" => {
                if let Some(p) = param {
                    // A signed 16-bit number: negative for code points past 0x7FFF.
                    let unit = if p < 0 { p + 65_536 } else { p };
                    let c = u32::try_from(unit)
                        .ok()
                        .and_then(char::from_u32)
                        .unwrap_or('\u{fffd}');
                    self.flush();
                    self.push(c);
                    self.skip_fallback = self.group.uc;
                }
            }
            "par" | "line" | "sect" | "page" | "row" => {
                self.flush();
                self.push('\n');
            }
            "tab" | "cell" => {
                self.flush();
                self.push('\t');
            }
            "emdash" => self.symbol('—'),
            "endash" => self.symbol('–'),
            "lquote" => self.symbol('‘'),
            "rquote" => self.symbol('’'),
            "ldblquote" => self.symbol('“'),
            "rdblquote" => self.symbol('”'),
            "bullet" => self.symbol('•'),
            _ => {}
        }
    }

    fn symbol(&mut self, c: char) {
        self.flush();
        self.push(c);
    }

    /// Whether the next character is a `\u`'s fallback, to be skipped (and counts it).
    fn take_fallback(&mut self) -> bool {
        if self.skip_fallback > 0 {
            self.skip_fallback -= 1;
            true
        } else {
            false
        }
    }

    /// Decodes the pending code-page bytes.
    fn flush(&mut self) {
        if self.bytes.is_empty() {
            return;
        }
        let bytes = std::mem::take(&mut self.bytes);
        let (text, _, _) = self.group.encoding.decode(&bytes);
        for c in text.chars() {
            self.push(c);
        }
    }

    fn push(&mut self, c: char) {
        if self.group.skip || self.group.font_table || self.full() {
            return;
        }
        self.chars += 1;
        self.out.push(c);
    }
}

/// The encoding of an `\ansicpgN` code page.
fn code_page(n: i64) -> Option<&'static Encoding> {
    match n {
        936 | 54936 => Some(GBK),
        950 => Some(BIG5),
        65001 => Some(UTF_8),
        n => Encoding::for_label(format!("windows-{n}").as_bytes()),
    }
}

/// The encoding of an `\fcharsetN` character set, where it is not the document's code page.
fn charset(n: i64) -> Option<&'static Encoding> {
    match n {
        134 => Some(GBK),
        136 => Some(BIG5),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use std::fmt::Write as _;

    use super::text;

    /// Chinese as the bytes of its code page, `\'b9\'ab`.
    fn gbk(s: &str) -> String {
        let (bytes, _, _) = encoding_rs::GBK.encode(s);
        bytes.iter().fold(String::new(), |mut out, b| {
            let _ = write!(out, "\\'{b:02x}");
            out
        })
    }

    /// As WPS and Chinese Word save it: GBK bytes under `\ansicpg936`, a font table, a generator
    /// and a picture skipped, a table row, and a field whose code is not text.
    #[test]
    fn chinese_in_its_code_page_is_read_and_the_rest_skipped() {
        let rtf = format!(
            concat!(
                r"{{\rtf1\ansi\ansicpg936\deff0{{\fonttbl{{\f0\fnil\fcharset134 {font};}}}}",
                r"{{\colortbl ;\red0\green0\blue0;}}{{\*\generator WPS Office}}",
                "\r\n",
                r"\viewkind4\uc1\pard\f0\fs28 {title}\par",
                "\r\n",
                r"{{\pict\pngblip 89504e470d0a}}",
                r"\trowd\intbl {name}\cell {id}\cell\row",
                r"{{\field{{\*\fldinst HYPERLINK {q}tel:13905661234{q}}}{{\fldrslt 0566-2021156}}}}\par}}"
            ),
            font = gbk("宋体"),
            title = gbk("营业执照（样本）"),
            name = gbk("法定代表人：张三"),
            id = "110101199003078515",
            q = '"',
        );
        let t = text(rtf.as_bytes()).unwrap();
        assert_eq!(
            t,
            "营业执照（样本）\n法定代表人：张三\t110101199003078515\t\n0566-2021156\n"
        );
    }

    /// As English Word saves Chinese: `\uN` with a `?` fallback (skipped), negative numbers past
    /// 0x7FFF; and bytes under a font declared GB2312 in a Western document.
    #[test]
    fn unicode_escapes_and_font_charsets_are_read() {
        let rtf = format!(
            r"{{\rtf1\ansi\ansicpg1252\uc1{{\fonttbl{{\f0 Calibri;}}{{\f1\fcharset134 SimSun;}}}}\f0 ID: \u36523?\u20221?\u35777?\par\f1 {gbk}\f0  caf\'e9 \u-3?x}}",
            gbk = gbk("联系电话"),
        );
        let t = text(rtf.as_bytes()).unwrap();
        assert_eq!(t, "ID: 身份证\n联系电话 café \u{fffd}x");
    }

    /// Not RTF, cut short, unbalanced or nested without end: read as far as it goes, never a
    /// panic, and no more than the bounds.
    #[test]
    fn broken_documents_are_read_as_far_as_they_go() {
        assert_eq!(text(b"%PDF-1.7"), None);
        let cut = format!(r"{{\rtf1\ansicpg936 {}", gbk("申请表"));
        assert_eq!(text(cut.as_bytes()).unwrap(), "申请表");
        assert_eq!(text(br"{\rtf1 a}}}}b\'zz\u\bin999999 c").unwrap(), "ab");
        let deep = format!(r"{{\rtf1 {}x{}", "{".repeat(100_000), "}".repeat(3));
        assert_eq!(text(deep.as_bytes()).unwrap(), "x");
        let long = format!(r"{{\rtf1 {}}}", "a".repeat(super::MAX_CHARS + 10));
        assert_eq!(text(long.as_bytes()).unwrap().len(), super::MAX_CHARS);
    }
}
