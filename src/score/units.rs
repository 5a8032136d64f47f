//! Which 被考核单位 (unit) each report item is scored under, at scoring time.
//!
//! - `default`: the unit `unit::default_unit` gave when the report was made (an explicit 考核单位
//!   column, else the county of the region code for 行使层级 4–6, else the 实施主体);
//! - `subject`: one unit per 实施主体 (kind as at check time);
//! - `region`: one unit per 行政区划代码, named after the division (kind as at check time);
//! - a mapping file (CSV or XLSX, columns `实施主体/区划`, `考核单位`, `类型`) overrides any of these
//!   for the items it names. Its key is matched, in this order, against the item's 实施主体, its
//!   实施主体 USCC (the first 18 characters of a 31-character 实施编码), its 行政区划代码 (also its
//!   first 6 digits), the division name of that code, and the unit given at check time.
//!
//! Reports written before `subject`/`region_code` were recorded fall back to the check-time unit.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::table::{FileIssue, TableError, cell, read_table};
use crate::reference::division_name;
use crate::report::ItemEntry;
use crate::unit::UnitKind;

/// The key column of a mapping file (实施主体 or 区划), under the names it goes by.
const KEY: &[&str] = &[
    "实施主体/区划",
    "实施主体",
    "区划",
    "行政区划代码",
    "区划代码",
    "实施主体编码",
];

/// How items are grouped into units when no mapping row names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum UnitMode {
    /// The unit recorded at check time.
    #[default]
    Default,
    /// One unit per 实施主体.
    Subject,
    /// One unit per 行政区划代码.
    Region,
}

/// The unit mapping: a mode and the rows of an optional mapping file.
#[derive(Debug, Clone, Default)]
pub struct UnitMapping {
    /// Grouping for items no mapping row names.
    pub mode: UnitMode,
    /// Mapping rows: key (实施主体 or 区划) → (考核单位, 类型).
    pub rows: BTreeMap<String, (String, UnitKind)>,
}

impl UnitMapping {
    /// The unit name and kind of one item.
    pub fn assign(&self, item: &ItemEntry) -> (String, UnitKind) {
        if !self.rows.is_empty() {
            let uscc: String = if item.code.chars().count() >= 31 {
                item.code.chars().take(18).collect()
            } else {
                String::new()
            };
            let region6: String = item.region_code.trim().chars().take(6).collect();
            let division = division_name(item.region_code.trim()).unwrap_or_default();
            for key in [
                item.subject.trim(),
                uscc.as_str(),
                item.region_code.trim(),
                region6.as_str(),
                division,
                item.unit.trim(),
            ] {
                if key.is_empty() {
                    continue;
                }
                if let Some((name, kind)) = self.rows.get(key) {
                    return (name.clone(), *kind);
                }
            }
        }
        match self.mode {
            UnitMode::Subject if !item.subject.trim().is_empty() => {
                (item.subject.trim().to_owned(), item.unit_kind)
            }
            UnitMode::Region if !item.region_code.trim().is_empty() => {
                let code = item.region_code.trim();
                let name = division_name(code).map_or_else(|| code.to_owned(), str::to_owned);
                (name, item.unit_kind)
            }
            _ => (item.unit.clone(), item.unit_kind),
        }
    }

    /// Reads a mapping file (CSV or XLSX). Bad rows (empty key or unit, unknown kind, a key
    /// given twice) are returned as issues with their row; the other rows are used.
    pub fn load(path: &Path, mode: UnitMode) -> Result<(Self, Vec<FileIssue>), TableError> {
        let table = read_table(path, None, KEY)?;
        let key_col = table.require(KEY)?;
        let unit_col = table.require(&["考核单位", "被考核单位"])?;
        let kind_col = table.column(&["类型", "单位类型", "考核单位类型"]);
        let mut rows = BTreeMap::new();
        let mut issues = Vec::new();
        for (row, cells) in &table.rows {
            let key = cell(cells, Some(key_col));
            let unit = cell(cells, Some(unit_col));
            let kind_text = cell(cells, kind_col);
            if key.is_empty() || unit.is_empty() {
                issues.push(table.issue(*row, "实施主体/区划或考核单位为空，已跳过"));
                continue;
            }
            let kind = if kind_text.is_empty() {
                UnitKind::parse(unit).unwrap_or(UnitKind::Department)
            } else if let Some(k) = UnitKind::parse(kind_text) {
                k
            } else {
                issues.push(table.issue(
                    *row,
                    format!("单位类型 \"{kind_text}\" 无法识别（可用: 市直部门、县区），已跳过"),
                ));
                continue;
            };
            if rows.contains_key(key) {
                issues.push(table.issue(*row, format!("重复的实施主体/区划 \"{key}\"，已跳过")));
                continue;
            }
            rows.insert(key.to_owned(), (unit.to_owned(), kind));
        }
        Ok((Self { mode, rows }, issues))
    }
}
