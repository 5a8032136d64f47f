//! What a downloaded file really is and what it says: the type from its magic bytes, text from
//! OOXML/ODF files (read through bounded decompression: entry count, total bytes and ratio limits,
//! so a zip bomb is refused, never expanded), soft-404 pages, file names from `Content-Disposition`
//! (RFC 5987, percent-encoded, raw GBK) and URLs.
//!
//! Pure functions over bytes: no network, no disk. Macros are never run: a `vbaProject.bin` entry
//! is only noticed.

use std::io::{Cursor, Read};
use std::sync::LazyLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

use crate::model::personal::{PersonalHit, find_personal_data, mask};
use crate::model::text::find_mojibake;

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

/// Bounds on decompression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ZipLimits {
    /// Entries in one archive at most.
    pub max_entries: usize,
    /// Uncompressed bytes read from one archive at most (and declared at most).
    pub max_total_bytes: u64,
    /// Largest uncompressed ÷ compressed ratio of one entry.
    pub max_ratio: u64,
}

impl Default for ZipLimits {
    fn default() -> Self {
        Self {
            max_entries: 2000,
            max_total_bytes: 64 * 1024 * 1024,
            max_ratio: 200,
        }
    }
}

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
    /// Why the content was refused or is unusable (zip bomb, damaged or truncated file).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub defect: Option<String>,
    /// An HTML page that says the file is missing (soft 404), with the words that say so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub soft_404: Option<String>,
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
        Some(FileType::Pdf) if complete => {
            let tail = &body[body.len().saturating_sub(2048)..];
            if !tail.windows(5).any(|w| w == b"%%EOF") {
                out.defect = Some("PDF 文件不完整（缺少文件结尾）".to_owned());
            }
        }
        Some(FileType::Html) => {
            let text = decode_text(body);
            let (title, visible) = html_title_and_text(&text);
            out.soft_404 = soft_404(title.as_deref(), &visible);
            out.title = title.map(|t| mask_personal(&t));
            text_checks(&visible, &mut out);
        }
        _ => {}
    }
    out
}

fn inspect_zip(body: &[u8], limits: ZipLimits, out: &mut Inspection) {
    let mut archive = match zip::ZipArchive::new(Cursor::new(body)) {
        Ok(a) => a,
        Err(e) => {
            out.defect = Some(format!("文件已损坏或不完整，无法打开（{e}）"));
            return;
        }
    };
    if archive.len() > limits.max_entries {
        out.defect = Some(format!(
            "压缩包内文件过多（{} 个，上限 {}），疑似压缩炸弹，已拒绝解压",
            archive.len(),
            limits.max_entries
        ));
        return;
    }
    // Declared sizes first: refuse before inflating anything.
    let mut declared: u64 = 0;
    let mut names = Vec::with_capacity(archive.len());
    for i in 0..archive.len() {
        let Ok(f) = archive.by_index_raw(i) else {
            out.defect = Some("文件已损坏，压缩目录无法读取".to_owned());
            return;
        };
        let size = f.size();
        let ratio = size / f.compressed_size().max(1);
        if size > 1024 * 1024 && ratio > limits.max_ratio {
            out.defect = Some(format!(
                "压缩比异常（{ratio}:1，上限 {}:1），疑似压缩炸弹，已拒绝解压",
                limits.max_ratio
            ));
            return;
        }
        declared = declared.saturating_add(size);
        names.push(
            f.name()
                .map(std::borrow::Cow::into_owned)
                .unwrap_or_default(),
        );
    }
    if declared > limits.max_total_bytes {
        out.defect = Some(format!(
            "解压后大小 {} 字节超过上限 {} 字节，疑似压缩炸弹，已拒绝解压",
            declared, limits.max_total_bytes
        ));
        return;
    }
    let has = |n: &str| names.iter().any(|x| x == n);
    out.macros = names
        .iter()
        .any(|n| n.to_ascii_lowercase().ends_with("vbaproject.bin"));
    let mut budget = limits.max_total_bytes;
    let mut read = |archive: &mut zip::ZipArchive<Cursor<&[u8]>>,
                    name: &str,
                    out: &mut Inspection|
     -> Option<String> {
        let mut f = archive.by_name(name).ok()?;
        let mut buf = Vec::new();
        // Never trust the declared size: read at most the remaining budget plus one byte.
        match (&mut f).take(budget + 1).read_to_end(&mut buf) {
            Ok(n) => {
                let n = n as u64;
                out.unzipped_bytes += n;
                if n > budget {
                    out.defect = Some(format!(
                        "解压内容超过上限 {} 字节，疑似压缩炸弹，已停止解压",
                        limits.max_total_bytes
                    ));
                    return None;
                }
                budget -= n;
                Some(String::from_utf8_lossy(&buf).into_owned())
            }
            Err(e) => {
                out.defect = Some(format!("文件已损坏，“{name}”无法解压（{e}）"));
                None
            }
        }
    };
    let mimetype = if has("mimetype") {
        read(&mut archive, "mimetype", out).unwrap_or_default()
    } else {
        String::new()
    };
    let (kind, text_parts, meta): (FileType, Vec<String>, Option<&str>) =
        if has("word/document.xml") {
            (
                FileType::Docx,
                vec!["word/document.xml".into()],
                Some("docProps/core.xml"),
            )
        } else if has("xl/workbook.xml") {
            let mut parts = vec!["xl/sharedStrings.xml".to_owned()];
            parts.extend(
                names
                    .iter()
                    .filter(|n| {
                        n.starts_with("xl/worksheets/sheet")
                            && n.to_ascii_lowercase().ends_with(".xml")
                    })
                    .cloned(),
            );
            (FileType::Xlsx, parts, Some("docProps/core.xml"))
        } else if mimetype.contains("opendocument.text") {
            (FileType::Odt, vec!["content.xml".into()], Some("meta.xml"))
        } else if mimetype.contains("opendocument.spreadsheet") {
            (FileType::Ods, vec!["content.xml".into()], Some("meta.xml"))
        } else {
            (FileType::Zip, Vec::new(), None)
        };
    out.real_type = Some(kind);
    if let Some(meta) = meta.filter(|m| has(m)) {
        if let Some(xml) = read(&mut archive, meta, out) {
            static TITLE: LazyLock<Regex> = LazyLock::new(|| {
                Regex::new(r"(?s)<dc:title[^>]*>(.*?)</dc:title>").expect("valid regex")
            });
            out.title = TITLE
                .captures(&xml)
                .map(|c| xml_text(&c[1]))
                .filter(|t| !t.trim().is_empty())
                .map(|t| mask_personal(t.trim()));
        }
    }
    let mut text = String::new();
    for part in text_parts {
        if out.defect.is_some() {
            return;
        }
        if has(&part) {
            if let Some(xml) = read(&mut archive, &part, out) {
                text.push_str(&xml_text(&xml));
                text.push('\n');
            }
        }
    }
    if out.defect.is_none() {
        text_checks(&text, out);
    }
}

fn text_checks(text: &str, out: &mut Inspection) {
    out.mojibake = find_mojibake(text).map(|m| mask_personal(&m));
    out.personal = find_personal_data(text);
    out.heading = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .map(|l| mask_personal(&l.chars().take(60).collect::<String>()));
}

/// Replaces every unmasked personal number in a text by its masked form.
pub fn mask_personal(text: &str) -> String {
    static CANDIDATE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"[0-9]{17}[0-9Xx]|[0-9]{11}").expect("valid regex"));
    let hits = find_personal_data(text);
    if hits.is_empty() {
        return text.to_owned();
    }
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

/// The text of an XML part: tags removed (paragraph, row and cell ends become line breaks),
/// entities decoded.
pub fn xml_text(xml: &str) -> String {
    let mut out = String::with_capacity(xml.len() / 4);
    let mut rest = xml;
    while let Some(lt) = rest.find('<') {
        out.push_str(&decode_entities(&rest[..lt]));
        let Some(gt) = rest[lt..].find('>') else {
            rest = "";
            break;
        };
        let tag = &rest[lt + 1..lt + gt];
        let name = tag
            .trim_start_matches('/')
            .split(|c: char| c.is_whitespace() || c == '/')
            .next()
            .unwrap_or_default();
        let closing = tag.starts_with('/');
        match name {
            "w:p" | "text:p" | "text:h" | "si" | "row" | "table:table-row" if closing => {
                out.push('\n');
            }
            "w:br" | "w:cr" => out.push('\n'),
            "w:tab" | "c" | "table:table-cell" | "text:s" | "text:tab" => out.push(' '),
            _ => {}
        }
        rest = &rest[lt + gt + 1..];
    }
    out.push_str(&decode_entities(rest));
    out
}

fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let Some(semi) = after.find(';').filter(|&i| i <= 10) else {
            out.push('&');
            rest = after;
            continue;
        };
        let ent = &after[..semi];
        let decoded = match ent {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some(' '),
            _ => ent
                .strip_prefix("#x")
                .or_else(|| ent.strip_prefix("#X"))
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| ent.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        if let Some(c) = decoded {
            out.push(c);
            rest = &after[semi + 1..];
        } else {
            out.push('&');
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// Decodes page bytes: UTF-8 when valid, else the declared or detected encoding (GBK pages).
pub fn decode_text(body: &[u8]) -> String {
    if let Ok(s) = std::str::from_utf8(body) {
        return s.to_owned();
    }
    let head = String::from_utf8_lossy(&body[..body.len().min(2048)]).to_ascii_lowercase();
    let declared = head
        .find("charset=")
        .map(|i| &head[i + 8..])
        .map(|s| {
            s.trim_start_matches(['"', '\''])
                .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
                .next()
                .unwrap_or_default()
                .to_owned()
        })
        .and_then(|label| encoding_rs::Encoding::for_label(label.as_bytes()));
    let encoding = declared.unwrap_or_else(|| {
        let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
        det.feed(body, true);
        det.guess(None, chardetng::Utf8Detection::Allow)
    });
    encoding.decode(body).0.into_owned()
}

fn html_title_and_text(html: &str) -> (Option<String>, String) {
    static TITLE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?is)<title[^>]*>(.*?)</title>").expect("valid regex"));
    static DROP: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?is)<(script|style|head)[^>]*>.*?</(script|style|head)>|<!--.*?-->")
            .expect("valid regex")
    });
    let title = TITLE
        .captures(html)
        .map(|c| decode_entities(c[1].trim()))
        .filter(|t| !t.is_empty());
    let body = DROP.replace_all(html, " ");
    let text = xml_text(&body)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    (title, text)
}

/// Words that say a page stands in for a missing file.
const SOFT_404_MARKERS: &[&str] = &[
    "404",
    "not found",
    "页面不存在",
    "页面未找到",
    "找不到",
    "未找到",
    "文件不存在",
    "资源不存在",
    "附件不存在",
    "已被删除",
    "已删除",
    "无法找到",
    "出错了",
    "错误页面",
    "访问出错",
    "页面丢失",
];

/// Whether an HTML page is an error page served with 200: a marker in its title, or in a short
/// page's text. Returns the words that gave it away.
pub fn soft_404(title: Option<&str>, visible_text: &str) -> Option<String> {
    let has_marker = |s: &str| {
        let lower = s.to_lowercase();
        SOFT_404_MARKERS.iter().any(|m| lower.contains(m))
    };
    if let Some(t) = title.filter(|t| has_marker(t)) {
        return Some(crate::model::text::quote(t, 40));
    }
    // A real page may mention "404" somewhere; only a short page is judged by its text.
    if visible_text.chars().count() <= 600 && has_marker(visible_text) {
        return Some(crate::model::text::quote(visible_text, 40));
    }
    None
}

/// The file name a `Content-Disposition` header gives (raw bytes: the name may be UTF-8, GBK, or
/// percent-encoded in either), decoded.
pub fn content_disposition_name(raw: &[u8]) -> Option<String> {
    let lower: Vec<u8> = raw.to_ascii_lowercase();
    // RFC 5987 first: filename*=UTF-8''%E7%94%B3...
    if let Some(i) = find_bytes(&lower, b"filename*=") {
        let v = param_value(&raw[i + 10..]);
        let (charset, encoded) = match v.iter().position(|&b| b == b'\'') {
            Some(q) => {
                let cs = String::from_utf8_lossy(&v[..q]).to_string();
                let after = &v[q + 1..];
                let enc = after
                    .iter()
                    .position(|&b| b == b'\'')
                    .map_or(after, |q2| &after[q2 + 1..]);
                (cs, enc.to_vec())
            }
            None => (String::new(), v),
        };
        let bytes = percent_decode(&encoded);
        let name = decode_name_bytes(&bytes, &charset);
        if !name.trim().is_empty() {
            return Some(name);
        }
    }
    let i = find_bytes(&lower, b"filename=")?;
    let v = param_value(&raw[i + 9..]);
    let bytes = if v.contains(&b'%') {
        percent_decode(&v)
    } else {
        v
    };
    let name = decode_name_bytes(&bytes, "");
    (!name.trim().is_empty()).then_some(name)
}

fn find_bytes(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn param_value(v: &[u8]) -> Vec<u8> {
    let v = v.trim_ascii_start();
    if let Some(rest) = v.strip_prefix(b"\"") {
        let end = rest.iter().position(|&b| b == b'"').unwrap_or(rest.len());
        rest[..end].to_vec()
    } else {
        let end = v.iter().position(|&b| b == b';').unwrap_or(v.len());
        v[..end].trim_ascii_end().to_vec()
    }
}

/// Percent-decodes bytes (`%E7%94%B3` → the raw bytes), leaving other bytes alone.
pub fn percent_decode(v: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(v.len());
    let mut i = 0;
    while i < v.len() {
        if v[i] == b'%' && i + 2 < v.len() {
            let hex = std::str::from_utf8(&v[i + 1..i + 3]).ok();
            if let Some(b) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(v[i]);
        i += 1;
    }
    out
}

/// Decodes a file name's bytes: the named charset, else UTF-8 when valid, else GB18030 (GBK).
pub fn decode_name_bytes(bytes: &[u8], charset: &str) -> String {
    if let Some(enc) = encoding_rs::Encoding::for_label(charset.trim().as_bytes()) {
        if enc != encoding_rs::UTF_8 {
            return enc.decode(bytes).0.into_owned();
        }
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_owned(),
        Err(_) => encoding_rs::GB18030.decode(bytes).0.into_owned(),
    }
}

/// The last path segment of a URL, percent-decoded (UTF-8 or GBK), when it looks like a file name.
pub fn url_file_name(url: &url::Url) -> Option<String> {
    let seg = url.path_segments()?.next_back()?;
    if seg.is_empty() {
        return None;
    }
    let name = decode_name_bytes(&percent_decode(seg.as_bytes()), "");
    Some(name)
}

/// The extension of a file name, lower case, without the dot (`申请表.DOCX` → `docx`).
pub fn extension(name: &str) -> Option<String> {
    let (_, ext) = name.rsplit_once('.')?;
    let ext = ext.trim().to_ascii_lowercase();
    (!ext.is_empty() && ext.len() <= 5 && ext.chars().all(|c| c.is_ascii_alphanumeric()))
        .then_some(ext)
}

/// Whether a file's name, title or first line relates to the material (or item) it is published
/// for: they share a two-character run once generic words (申请表, 样表 …) are removed. `None` when
/// there is too little Chinese text on either side to judge.
pub fn relates(names: &[&str], candidates: &[&str]) -> Option<bool> {
    const GENERIC: &[&str] = &[
        "申请表",
        "申请书",
        "登记表",
        "审批表",
        "申报表",
        "样表",
        "样本",
        "范本",
        "示例",
        "模板",
        "空白",
        "表格",
        "附件",
        "下载",
        "填写",
        "填报",
        "说明",
        "材料",
        "文件",
        "格式",
        "版",
    ];
    let bigrams = |s: &str| -> Vec<(char, char)> {
        let mut s = s.to_owned();
        for g in GENERIC {
            s = s.replace(g, " ");
        }
        let mut out = Vec::new();
        for run in s.split(|c: char| !is_cjk(c)) {
            let cs: Vec<char> = run.chars().collect();
            out.extend(cs.windows(2).map(|w| (w[0], w[1])));
        }
        out
    };
    let wanted: Vec<(char, char)> = names.iter().flat_map(|n| bigrams(n)).collect();
    if wanted.is_empty() {
        return None;
    }
    let mut judged = false;
    for cand in candidates {
        let have = bigrams(cand);
        // A name made only of generic words (申请书.pdf) or without Chinese says nothing.
        if have.is_empty() {
            continue;
        }
        judged = true;
        if have.iter().any(|b| wanted.contains(b)) {
            return Some(true);
        }
    }
    judged.then_some(false)
}

fn is_cjk(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3400}'..='\u{4dbf}').contains(&c)
}

#[cfg(test)]
mod tests;
