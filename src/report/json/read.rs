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
                .map_err(|e| not_read(&e))?;
            match head.version() {
                Some(v) if v == u64::from(SCHEMA_VERSION) => Err(not_read(&e)),
                v => Err(version_error(v)),
            }
        }
    }
}

/// A report of another version than this tool's; `None`, a file without a version, is no report
/// of this tool (another JSON file).
pub(crate) fn version_error(version: Option<u64>) -> String {
    match version {
        Some(v) => format!(
            "报告版本 {v} 与本工具支持的版本 {SCHEMA_VERSION} 不同：请用写出它的 zwfw-audit 读取，或用本工具重新运行 check 生成报告"
        ),
        None => {
            format!("不是本工具的报告：文件中没有报告版本（schema_version）。{WHAT_A_REPORT_IS}")
        }
    }
}

/// Said when a file is taken for a report that is none.
const WHAT_A_REPORT_IS: &str =
    "报告是 check 或 audit 写出的 report.json，不是导出文件、事项文件或配置文件";

/// Why a report did not read, in Chinese and with where: cut off (the file ends in the middle),
/// not JSON, or JSON that is not a report (or a report edited by hand). The parser's English
/// message is not shown; only a missing field's name is taken from it.
pub(crate) fn not_read(e: &serde_json::Error) -> String {
    use serde_json::error::Category;
    let at = format!("第 {} 行第 {} 列", e.line(), e.column());
    match e.classify() {
        Category::Eof => format!(
            "文件不完整：报告在{at}中途结束（可能还没写完，或没有复制完整），请重新生成或重新复制报告"
        ),
        Category::Io => format!("无法读取报告（{at}）"),
        Category::Syntax => {
            format!("不是本工具的报告：{at}处不符合 JSON 格式。{WHAT_A_REPORT_IS}")
        }
        Category::Data => {
            let text = e.to_string();
            let field = text
                .strip_prefix("missing field `")
                .and_then(|rest| rest.split('`').next())
                .map(|f| format!("（缺少「{f}」）"))
                .unwrap_or_default();
            format!(
                "不是本工具的报告，或报告被改动过：{at}处的内容不符合报告的格式{field}。{WHAT_A_REPORT_IS}"
            )
        }
    }
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
