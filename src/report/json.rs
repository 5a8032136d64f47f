//! The JSON report writer and reader.

use std::io::Write;

use super::Report;

/// Writes the report as pretty JSON.
pub fn write(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, report)?;
    out.write_all(b"\n")
}

/// Reads a report written by [`write`].
pub fn read(text: &str) -> Result<Report, String> {
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| format!("不是 JSON 报告: {e}"))?;
    let version = value
        .get("schema_version")
        .and_then(serde_json::Value::as_u64);
    if version != Some(u64::from(super::SCHEMA_VERSION)) {
        return Err(format!(
            "报告版本 {version:?} 与本工具支持的版本 {} 不同",
            super::SCHEMA_VERSION
        ));
    }
    serde_json::from_value(value).map_err(|e| format!("报告内容不完整: {e}"))
}
