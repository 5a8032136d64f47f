//! OOXML and OpenDocument files (.docx, .xlsx, .odt, .ods) read through bounded decompression:
//! entry count, declared and actual uncompressed bytes and the compression ratio are limited, so a
//! zip bomb is refused before (or while) inflating. Only the text parts and the title are read;
//! macros are noticed, never run.

use std::io::{Cursor, Read};
use std::sync::LazyLock;

use regex::Regex;

use super::{FileType, Inspection, ZipLimits, mask_personal, text_checks};

pub(super) fn inspect_zip(body: &[u8], limits: ZipLimits, out: &mut Inspection) {
    let mut archive = match zip::ZipArchive::new(Cursor::new(body)) {
        Ok(a) => a,
        Err(e) => {
            out.defect = Some(format!("文件已损坏或不完整，无法打开（{e}）"));
            return;
        }
    };
    // Only the parts read below are inflated: a picture's ratio (a white bitmap deflates
    // 1000:1) says nothing of a bomb that is never opened.
    let names = match limits.check_parts(&mut archive, is_read_part) {
        Ok(names) => names,
        Err(reason) => {
            out.defect = Some(reason);
            return;
        }
    };
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
            // The page headers and footers too: a sample's ID number often sits there.
            let mut parts = vec!["word/document.xml".to_owned()];
            parts.extend(names.iter().filter(|n| is_header_or_footer(n)).cloned());
            (FileType::Docx, parts, Some("docProps/core.xml"))
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
    if let Some(meta) = meta.filter(|m| has(m))
        && let Some(xml) = read(&mut archive, meta, out)
    {
        static TITLE: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?s)<dc:title[^>]*>(.*?)</dc:title>").expect("valid regex")
        });
        out.title = TITLE
            .captures(&xml)
            .map(|c| xml_text(&c[1]))
            .filter(|t| !t.trim().is_empty())
            .map(|t| mask_personal(t.trim()));
    }
    let mut text = String::new();
    for part in text_parts {
        if out.defect.is_some() {
            return;
        }
        if has(&part)
            && let Some(xml) = read(&mut archive, &part, out)
        {
            text.push_str(&xml_text(&xml));
            text.push('\n');
        }
    }
    if out.defect.is_none() {
        text_checks(&text, out);
    }
}

/// `word/header1.xml`, `word/footer2.xml`: a Word document's page headers and footers.
fn is_header_or_footer(name: &str) -> bool {
    name.strip_prefix("word/").is_some_and(|n| {
        (n.starts_with("header") || n.starts_with("footer"))
            && !n.contains('/')
            && n.to_ascii_lowercase().ends_with(".xml")
    })
}

/// Whether [`inspect_zip`] may inflate an entry: the mimetype, the metadata and the text parts
/// (never pictures, fonts or embedded objects).
fn is_read_part(name: &str) -> bool {
    matches!(
        name,
        "mimetype"
            | "word/document.xml"
            | "docProps/core.xml"
            | "xl/sharedStrings.xml"
            | "content.xml"
            | "meta.xml"
    ) || is_header_or_footer(name)
        || (name.starts_with("xl/worksheets/sheet") && name.to_ascii_lowercase().ends_with(".xml"))
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

pub(super) fn decode_entities(s: &str) -> String {
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
