//! Where a value came from: a file (with sheet and row) or a URL.
//!
//! Every item and every child record keeps its provenance so that a finding can say exactly where the
//! offending text was read (`事项.xlsx 表「申请材料」第12行`).

use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

/// 来源位置 — where a record was read.
///
/// The file and sheet names are shared (`Arc<str>`): a reader hands every record of a file or a
/// sheet the same name, rather than a copy for each of a province's million items and their child
/// records.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Provenance {
    /// File path or URL.
    pub source: Arc<str>,
    /// Sheet name (XLSX) when the source has sheets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sheet: Option<Arc<str>>,
    /// 1-based row (spreadsheet row, CSV line, NDJSON line) when the source has rows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub row: Option<u64>,
    /// 1-based position of the record in a JSON array, when the source is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record: Option<u64>,
}

impl Provenance {
    /// A whole file or page.
    pub fn file(source: impl Into<Arc<str>>) -> Self {
        Self {
            source: source.into(),
            ..Self::default()
        }
    }

    /// One row of a file (CSV line, NDJSON line).
    pub fn row(source: impl Into<Arc<str>>, row: u64) -> Self {
        Self {
            source: source.into(),
            row: Some(row),
            ..Self::default()
        }
    }

    /// One record of a JSON array.
    pub fn record(source: impl Into<Arc<str>>, record: u64) -> Self {
        Self {
            source: source.into(),
            record: Some(record),
            ..Self::default()
        }
    }

    /// One row of one sheet of a workbook.
    pub fn sheet_row(source: impl Into<Arc<str>>, sheet: impl Into<Arc<str>>, row: u64) -> Self {
        Self {
            source: source.into(),
            sheet: Some(sheet.into()),
            row: Some(row),
            record: None,
        }
    }
}

impl Provenance {
    /// The place as a unit's clerk needs it: the file's name without the server's folders
    /// (`事项.xlsx 表「基本信息」第12行`, not `/srv/exports/2026-11-29/事项.xlsx …`); a URL whole,
    /// as it opens the published page.
    pub fn for_clerks(&self) -> String {
        if self.source.contains("://") {
            return self.to_string();
        }
        Provenance {
            source: file_name(&self.source).into(),
            ..self.clone()
        }
        .to_string()
    }
}

/// The file's name in `source` without its folders (`事项导出.csv` of
/// `/srv/exports/2026-11-29/事项导出.csv`); a URL, or a source without a name, whole.
pub fn file_name(source: &str) -> &str {
    if source.contains("://") {
        return source;
    }
    source
        .rsplit(['/', '\\'])
        .next()
        .filter(|n| !n.is_empty())
        .unwrap_or(source)
}

impl fmt::Display for Provenance {
    /// `事项.xlsx 表「申请材料」第12行`, `items.ndjson 第3行`, or the bare file/URL.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.source)?;
        if let Some(sheet) = &self.sheet {
            write!(f, " 表「{sheet}」")?;
        }
        if let Some(row) = self.row {
            let sep = if self.sheet.is_some() { "" } else { " " };
            write!(f, "{sep}第{row}行")?;
        }
        if let Some(record) = self.record {
            write!(f, " 第{record}条")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clerks_see_the_file_name_and_the_whole_url() {
        let cases = [
            (
                Provenance::sheet_row("/srv/zwfw/exports/事项.xlsx", "基本信息", 12),
                "事项.xlsx 表「基本信息」第12行",
            ),
            (
                Provenance::row(r"D:\考核\2026\事项.csv", 3),
                "事项.csv 第3行",
            ),
            (Provenance::record("items.json", 7), "items.json 第7条"),
            (
                Provenance::file("https://zwfw.chizhou.gov.cn/bsdt/item/1/guide"),
                "https://zwfw.chizhou.gov.cn/bsdt/item/1/guide",
            ),
        ];
        for (p, shown) in cases {
            assert_eq!(p.for_clerks(), shown, "{p}");
        }
    }

    #[test]
    fn display_names_sheet_and_row() {
        assert_eq!(
            Provenance::sheet_row("a.xlsx", "申请材料", 12).to_string(),
            "a.xlsx 表「申请材料」第12行"
        );
        assert_eq!(Provenance::row("a.ndjson", 3).to_string(), "a.ndjson 第3行");
        assert_eq!(
            Provenance::file("http://127.0.0.1/x").to_string(),
            "http://127.0.0.1/x"
        );
    }
}
