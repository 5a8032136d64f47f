//! What a downloaded file really is and what it says: the type from its magic bytes, text from
//! OOXML/ODF files (read through bounded decompression: entry count, total bytes and ratio limits,
//! so a zip bomb is refused, never expanded) and from text PDFs (the first pages, every stream
//! decoded within the same budget), soft-404 pages, file names from `Content-Disposition`
//! (RFC 5987, percent-encoded, raw GBK) and URLs.
//!
//! Pure functions over bytes: no network, no disk. Macros are never run: a `vbaProject.bin` entry
//! is only noticed.

use std::sync::LazyLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

use crate::model::personal::{PersonalHit, find_personal_data, mask};
use crate::model::text::find_mojibake;

mod doc;
mod html;
mod names;
mod ooxml;
mod pdf;
mod rtf;
mod xls;

use doc::inspect_ole;
use html::html_title_and_text;
pub use html::{blocked, decode_text, login_wall, soft_404};
pub use names::{content_disposition_name, decode_name_bytes, extension, relates, url_file_name};
use ooxml::inspect_zip;
pub use ooxml::xml_text;
use pdf::inspect_pdf;

/// A file's real type, from its first bytes (and, for zip files, its entries).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FileType {
    /// OLE compound file: .doc, .xls, .wps, .et (old Office/WPS).
    Ole,
    /// Word 2007+ (.docx).
    Docx,
    /// Excel 2007+ (.xlsx).
    Xlsx,
    /// OpenDocument text (.odt).
    Odt,
    /// OpenDocument spreadsheet (.ods).
    Ods,
    /// Rich text (.rtf), which Word and WPS also save as .doc.
    Rtf,
    /// Any other zip archive.
    Zip,
    /// PDF.
    Pdf,
    /// An image (PNG, JPEG, GIF, BMP, TIFF).
    Image,
    /// An HTML page.
    Html,
    /// Empty body.
    Empty,
    /// Nothing recognised.
    Unknown,
}

impl FileType {
    /// The Chinese name used in messages.
    pub fn label_zh(self) -> &'static str {
        match self {
            FileType::Ole => "Word/Excel/WPS 旧版文件",
            FileType::Docx => "Word 文档（.docx）",
            FileType::Xlsx => "Excel 表格（.xlsx）",
            FileType::Odt => "OpenDocument 文档（.odt）",
            FileType::Ods => "OpenDocument 表格（.ods）",
            FileType::Rtf => "RTF 文档",
            FileType::Zip => "压缩包",
            FileType::Pdf => "PDF 文件",
            FileType::Image => "图片",
            FileType::Html => "网页（HTML）",
            FileType::Empty => "空文件",
            FileType::Unknown => "无法识别的文件",
        }
    }

    /// Whether a clerk can fill the file in with Word, Excel or WPS (附录: 可编辑格式).
    pub fn is_editable(self) -> bool {
        matches!(
            self,
            FileType::Ole
                | FileType::Docx
                | FileType::Xlsx
                | FileType::Odt
                | FileType::Ods
                | FileType::Rtf
        )
    }

    /// Whether content of this type fits a file named with `ext` (lower case, no dot). Unknown
    /// extensions fit anything. Word and WPS open OOXML saved under an old extension, so that fits.
    pub fn fits_extension(self, ext: &str) -> bool {
        use FileType as T;
        match ext {
            "doc" | "wps" => matches!(self, T::Ole | T::Rtf | T::Docx),
            "docx" => matches!(self, T::Docx),
            "xls" | "et" => matches!(self, T::Ole | T::Xlsx),
            "xlsx" => matches!(self, T::Xlsx),
            "odt" => matches!(self, T::Odt),
            "ods" => matches!(self, T::Ods),
            "rtf" => matches!(self, T::Rtf),
            "pdf" => matches!(self, T::Pdf),
            "jpg" | "jpeg" | "png" | "gif" | "bmp" | "tif" | "tiff" => matches!(self, T::Image),
            "zip" => matches!(self, T::Zip | T::Docx | T::Xlsx | T::Odt | T::Ods),
            "htm" | "html" => matches!(self, T::Html),
            _ => true,
        }
    }
}

/// Whether content of this type fits the `Content-Type` the server declared; `None` when the
/// declared type says nothing (`application/octet-stream`, missing, unknown).
pub fn fits_content_type(real: FileType, content_type: &str) -> Option<bool> {
    use FileType as T;
    let mime = content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    let fits = match mime.as_str() {
        "application/msword" | "application/rtf" | "text/rtf" => {
            matches!(real, T::Ole | T::Rtf | T::Docx)
        }
        "application/vnd.ms-excel" => matches!(real, T::Ole | T::Xlsx),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => {
            real == T::Docx
        }
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" => real == T::Xlsx,
        "application/pdf" => real == T::Pdf,
        "text/html" | "application/xhtml+xml" => real == T::Html,
        m if m.starts_with("image/") => real == T::Image,
        _ => return None,
    };
    Some(fits)
}

/// Extensions of editable forms (附录: .doc/.docx/.xls/.xlsx/.wps/.et …).
pub const EDITABLE_EXTENSIONS: &[&str] = &[
    "doc", "docx", "xls", "xlsx", "wps", "et", "odt", "ods", "rtf",
];

/// Why no text was read from a sample that opened: its content is for a human to check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoText {
    /// No text on the pages read: a scan or a picture saved as PDF.
    Scan,
    /// Needs a password to open: not read.
    Encrypted,
    /// There is text, but its fonts map codes to no characters (a CID font without `ToUnicode`).
    Unmapped,
    /// The file ends as a PDF should but its structure could not be read (damaged, or written in
    /// a way the parser does not follow). Not called damaged: a reader may still open it, and a
    /// link is not 失效 because this program could not parse what it serves.
    Unreadable,
    /// A picture (JPEG, PNG …), not a PDF: its text is not read (no OCR). Told by the file's
    /// type when the findings are made, so a cached check gives it too.
    Image,
    /// An old Office/WPS file that is neither a Word document nor a workbook (a presentation),
    /// or an encrypted one: its text is not read.
    OldOffice,
    /// A rich-text document whose text was not read. No longer given (RTF's text is read, see
    /// `rtf.rs`); kept so that link checks cached or reported by earlier versions still read.
    Rtf,
}

impl NoText {
    /// What follows the link's label in a message (`结果样本` + this).
    pub fn label_zh(self) -> &'static str {
        match self {
            NoText::Scan => "是扫描件或图片型 PDF，没有可读取的文字",
            NoText::Encrypted => "是需要密码才能打开的 PDF，未读取文字",
            NoText::Unmapped => "的字体没有字符映射，文字无法读取",
            NoText::Unreadable => "的文件结构无法解析（可能已损坏），未读取文字",
            NoText::Image => "是图片，未读取其中的文字",
            NoText::OldOffice => "是加密的或不是文档、表格的旧版 Office/WPS 文件，未读取其中的文字",
            NoText::Rtf => "是 RTF 格式的文档，未读取其中的文字",
        }
    }
}

pub use crate::zipguard::ZipLimits;

/// What was learnt from a file's content.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Inspection {
    /// Real type.
    pub real_type: Option<FileType>,
    /// Document title (OOXML/ODF metadata, or the HTML `<title>`), masked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The first line of text (≤ 60 characters), masked; used to match the material name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heading: Option<String>,
    /// A garbled run found in the text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mojibake: Option<String>,
    /// Unmasked personal numbers in the text (quoted masked).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub personal: Vec<PersonalHit>,
    /// Whether the archive carries VBA macros (never run).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub macros: bool,
    /// Why the content was refused or is unusable (zip or flate bomb, damaged or truncated file).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub defect: Option<String>,
    /// Why a PDF that opened gave no text to check (a scan, encrypted, fonts without a character
    /// map): its content is for a human to check.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub no_text: Option<NoText>,
    /// An HTML page that says the file is missing (soft 404), with the words that say so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub soft_404: Option<String>,
    /// An HTML page in which the site's protection (a firewall, a human check, a rate limit)
    /// turned the tool away, with the words that say so: nothing is known of the link.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub blocked: Option<String>,
    /// A sign-in page (统一身份认证) where a file was expected, with the words that say so:
    /// nothing is known of the file behind it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub login: Option<String>,
    /// An HTML page saved by Word or Excel (or WPS) — `Word.Document`, `Excel.Sheet` — which they
    /// open and edit as a document when it is named .doc/.xls: `word` or `excel`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub office_html: Option<String>,
    /// Uncompressed bytes read while inspecting (bounded by [`ZipLimits::max_total_bytes`]).
    #[serde(default)]
    pub unzipped_bytes: u64,
}

/// Type from magic bytes; zip files are told apart by [`inspect`].
pub fn sniff(body: &[u8]) -> FileType {
    let head = &body[..body.len().min(1024)];
    if body.is_empty() {
        FileType::Empty
    } else if head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        FileType::Ole
    } else if head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x05\x06") {
        FileType::Zip
    } else if head.starts_with(b"%PDF-") {
        FileType::Pdf
    } else if head.starts_with(b"{\\rtf") {
        FileType::Rtf
    } else if head.starts_with(b"\x89PNG")
        || head.starts_with(&[0xFF, 0xD8, 0xFF])
        || head.starts_with(b"GIF8")
        || head.starts_with(b"BM")
        || head.starts_with(b"II*\0")
        || head.starts_with(b"MM\0*")
    {
        FileType::Image
    } else if looks_like_html(head) {
        FileType::Html
    } else {
        FileType::Unknown
    }
}

fn looks_like_html(head: &[u8]) -> bool {
    let text = String::from_utf8_lossy(head).to_ascii_lowercase();
    let t = text.trim_start_matches('\u{feff}').trim_start();
    t.starts_with("<!doctype html")
        || t.starts_with("<html")
        || t.starts_with("<head")
        || t.starts_with("<body")
        || t.starts_with("<meta")
        || (t.starts_with('<') && (text.contains("<html") || text.contains("<body")))
}

/// Inspects a complete body: real type, text checks, defects. `complete` is false when the body
/// was cut at the download limit (then a zip cannot be read and that is not a defect).
pub fn inspect(body: &[u8], complete: bool, limits: ZipLimits) -> Inspection {
    let mut out = Inspection {
        real_type: Some(sniff(body)),
        ..Inspection::default()
    };
    match out.real_type {
        Some(FileType::Empty) => out.defect = Some("文件为空（0 字节）".to_owned()),
        Some(FileType::Zip) if complete => inspect_zip(body, limits, &mut out),
        Some(FileType::Pdf) if complete => inspect_pdf(body, limits, &mut out),
        Some(FileType::Ole) if complete => inspect_ole(body, limits, &mut out),
        // Read as far as it goes, even when cut at the download limit: RTF is read in one pass.
        Some(FileType::Rtf) => match rtf::text(body) {
            Some(text) if text.chars().any(|c| !c.is_whitespace()) => text_checks(&text, &mut out),
            // No text at all: only a picture (a scan pasted in).
            _ => out.no_text = Some(NoText::Image),
        },
        Some(FileType::Html) => {
            let text = decode_text(body);
            let (title, visible) = html_title_and_text(&text);
            out.blocked = blocked(title.as_deref(), &visible);
            if out.blocked.is_none() {
                out.login = login_wall(&text, title.as_deref(), &visible);
            }
            if out.blocked.is_none() && out.login.is_none() {
                out.soft_404 = soft_404(title.as_deref(), &visible);
            }
            out.office_html = office_html(&text).map(str::to_owned);
            out.title = title.map(|t| mask_personal(&t));
            text_checks(&visible, &mut out);
        }
        _ => {}
    }
    out
}

/// Whether an HTML page was saved by Word or Excel (WPS writes the same markers): `word`,
/// `excel`, or `None` for any other page.
fn office_html(html: &str) -> Option<&'static str> {
    let head = html
        .chars()
        .take(8192)
        .collect::<String>()
        .to_ascii_lowercase();
    if head.contains("urn:schemas-microsoft-com:office:word") || head.contains("word.document") {
        Some("word")
    } else if head.contains("urn:schemas-microsoft-com:office:excel")
        || head.contains("excel.sheet")
    {
        Some("excel")
    } else {
        None
    }
}

pub(super) fn text_checks(text: &str, out: &mut Inspection) {
    out.mojibake = find_mojibake(text).map(|m| mask_personal(&m));
    // Full-width digits (１３９…) are numbers too.
    out.personal = find_personal_data(&crate::model::text::to_halfwidth(text));
    out.heading = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .map(|l| mask_personal(&l.chars().take(60).collect::<String>()));
}

/// Replaces every unmasked personal number in a text by its masked form (full-width digits are
/// folded to half-width first, so they cannot slip through).
pub fn mask_personal(text: &str) -> String {
    static CANDIDATE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"[0-9]{17}[0-9Xx]|[0-9]{11}").expect("valid regex"));
    let half = crate::model::text::to_halfwidth(text);
    let hits = find_personal_data(&half);
    if hits.is_empty() {
        return text.to_owned();
    }
    let text = half.as_str();
    CANDIDATE
        .replace_all(text, |c: &regex::Captures<'_>| {
            let s = &c[0];
            let kind = if s.len() == 18 {
                crate::model::personal::PersonalKind::IdNumber
            } else {
                crate::model::personal::PersonalKind::Mobile
            };
            let masked = mask(kind, &s.to_ascii_uppercase());
            if hits.iter().any(|h| h.masked == masked) {
                masked
            } else {
                s.to_owned()
            }
        })
        .into_owned()
}

#[cfg(test)]
mod tests;
