//! The encoding of a JSON file: whether it begins as UTF-8, and a file in UTF-16 or GBK decoded
//! whole with a warning naming its encoding. Apart from the readers (`mod.rs`), which only ask
//! whether to decode, and from the records, which are read as a UTF-8 file's are.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use super::super::{Notice, NoticeLevel, Record, SourceError};
use super::PEEK;
use crate::model::Provenance;

/// Whether a JSON file's first bytes `head` are UTF-8 text, as JSON is meant to be: not with a
/// UTF-16 BOM, not UTF-16 without one (NUL bytes), and no byte that is not UTF-8 (a character
/// cut at the end of `head` is the buffer's end, not the file's fault).
pub(super) fn starts_as_utf8(head: &[u8]) -> bool {
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
        Err(e) => e.error_len().is_none() || super::super::csv::mostly_utf8(head),
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
pub(super) fn read_decoded(
    mut reader: impl Read,
    path: &Path,
    len: u64,
    sink: &mut dyn FnMut(Record),
) -> Result<String, SourceError> {
    if len > super::super::MAX_INPUT_BYTES {
        return Err(SourceError::Format {
            path: path.to_owned(),
            reason: format!(
                "文件不是 UTF-8 编码，且过大（{len} 字节，上限 {} 字节），无法转换后读取：请导出为 UTF-8 编码",
                super::super::MAX_INPUT_BYTES
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
    super::super::csv::decode(bytes)
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
