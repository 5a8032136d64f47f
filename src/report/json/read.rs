//! Reading a report back: from its text, or from its file without holding the text. Writing
//! is in the parent module.

use crate::report::{Report, SCHEMA_VERSION};

/// Reads a report written by [`write()`](super::write), from its text: [`read_from`] over it.
pub fn read(text: &str) -> Result<Report, String> {
    read_from(std::io::Cursor::new(text.as_bytes()))
}

/// Reads a report written by [`write()`](super::write) from a reader (a report file), straight
/// into its types and without holding its text. Reading the text through a `serde_json::Value`
/// tree held 1.18 GB for the 171 MB report of 10^5 items; holding the text, 1.7 GB more for 10^6
/// items (BENCHMARKS.md, session 19). The version is checked after the report is read, and a
/// report that does not read is read once more for its version only, so that a report of another
/// version says so rather than naming a missing field.
pub fn read_from<R: std::io::Read + std::io::Seek>(mut input: R) -> Result<Report, String> {
    let first = serde_json::from_reader::<_, Report>(std::io::BufReader::with_capacity(
        1 << 20,
        &mut input,
    ));
    match first {
        Ok(report) if report.schema_version == SCHEMA_VERSION => Ok(report),
        Ok(report) => Err(version_error(Some(u64::from(report.schema_version)))),
        Err(e) => {
            input
                .seek(std::io::SeekFrom::Start(0))
                .map_err(|e| format!("无法再次读取报告: {e}"))?;
            let head: Head = serde_json::from_reader(std::io::BufReader::new(input))
                .map_err(|e| format!("不是 JSON 报告: {e}"))?;
            match head.version() {
                Some(v) if v == u64::from(SCHEMA_VERSION) => Err(format!("报告内容不完整: {e}")),
                v => Err(version_error(v)),
            }
        }
    }
}

/// A report of another version than this tool's.
pub(crate) fn version_error(version: Option<u64>) -> String {
    format!("报告版本 {version:?} 与本工具支持的版本 {SCHEMA_VERSION} 不同")
}

/// Only a report's version; every other field is skipped without being kept.
#[derive(serde::Deserialize)]
struct Head {
    #[serde(default)]
    schema_version: Option<serde_json::Value>,
}

impl Head {
    fn version(&self) -> Option<u64> {
        self.schema_version
            .as_ref()
            .and_then(serde_json::Value::as_u64)
    }
}
