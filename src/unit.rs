//! 被考核单位 — which unit an item is scored under, and whether that unit is a city department
//! (附件1, 14 points) or a county/district/管委会 (附件2, 8 points).
//!
//! Default mapping: an explicit 考核单位 column wins; otherwise items exercised at county level or
//! below (行使层级 4–6) belong to the county named by their region code, and all others to their
//! 实施主体 as a city department.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::model::Item;
use crate::reference::division_name;

/// The kind of unit, which decides the full marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum UnitKind {
    /// 市直部门 — city department, 14 points (附件1 row 11).
    Department,
    /// 县区 — county, district or 管委会, 8 points (附件2 row 14).
    County,
}

impl UnitKind {
    /// The Chinese label used in reports.
    pub fn label_zh(self) -> &'static str {
        match self {
            UnitKind::Department => "市直部门",
            UnitKind::County => "县区",
        }
    }

    /// Parses `department`/`county` or their Chinese labels, as assessors write them in a
    /// 类型 column: 市直、市直单位、市直机关、市直部门 for a department; 县、区、县区、县（区）、
    /// 管委会 (anything naming 县 or 区) for a county.
    pub fn parse(s: &str) -> Option<Self> {
        let t = s.trim();
        match t {
            "department" | "市直部门" | "部门" | "市有关单位" | "市直" | "市直单位"
            | "市直机关" | "市直属单位" | "市级部门" => Some(UnitKind::Department),
            "county" | "县区" | "县（区）" | "县区管委会" | "管委会" => {
                Some(UnitKind::County)
            }
            _ if t.contains("县") || t.contains("区") => Some(UnitKind::County),
            _ if t.contains("部门") => Some(UnitKind::Department),
            _ => None,
        }
    }
}

impl fmt::Display for UnitKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label_zh())
    }
}

/// A unit: its name and kind.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Unit {
    /// Unit name, e.g. `池州市市场监督管理局` or `贵池区`.
    pub name: String,
    /// Department or county.
    pub kind: UnitKind,
}

/// Whether 行使层级 (code or label) is county level or below.
fn is_county_level(level: &str) -> bool {
    let t = level.trim();
    matches!(t, "4" | "5" | "6")
        || ["县", "乡", "镇", "街道", "村", "社区"]
            .iter()
            .any(|w| t.contains(w))
}

/// The unit an item is scored under, by the default mapping (see the module docs).
pub fn default_unit(item: &Item) -> Unit {
    let explicit_kind = UnitKind::parse(&item.unit_kind);
    if !item.unit.trim().is_empty() {
        let kind = explicit_kind.unwrap_or_else(|| {
            if is_county_level(&item.level) {
                UnitKind::County
            } else {
                UnitKind::Department
            }
        });
        return Unit {
            name: item.unit.trim().to_owned(),
            kind,
        };
    }
    if explicit_kind == Some(UnitKind::County)
        || (explicit_kind.is_none() && is_county_level(&item.level))
    {
        let name = division_name(&item.region_code)
            .map(str::to_owned)
            .or_else(|| (!item.region.trim().is_empty()).then(|| item.region.trim().to_owned()))
            .unwrap_or_else(|| "(未知县区)".to_owned());
        return Unit {
            name,
            kind: UnitKind::County,
        };
    }
    let name = if item.subject.trim().is_empty() {
        "(未知部门)".to_owned()
    } else {
        item.subject.trim().to_owned()
    };
    Unit {
        name,
        kind: UnitKind::Department,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn county_items_go_to_their_county() {
        let item = Item {
            level: "4".into(),
            region_code: "341702".into(),
            subject: "贵池区市场监督管理局".into(),
            ..Item::default()
        };
        assert_eq!(
            default_unit(&item),
            Unit {
                name: "贵池区".into(),
                kind: UnitKind::County
            }
        );
    }

    #[test]
    fn city_items_go_to_their_department() {
        let item = Item {
            level: "市级".into(),
            region_code: "341700".into(),
            subject: "池州市市场监督管理局".into(),
            ..Item::default()
        };
        assert_eq!(
            default_unit(&item),
            Unit {
                name: "池州市市场监督管理局".into(),
                kind: UnitKind::Department
            }
        );
    }

    #[test]
    fn kinds_are_read_as_assessors_write_them() {
        for t in [
            "市直",
            "市直单位",
            "市直机关",
            "市直部门",
            " 市直部门 ",
            "department",
        ] {
            assert_eq!(UnitKind::parse(t), Some(UnitKind::Department), "{t}");
        }
        for t in ["县", "区", "县区", "县（区）", "县(区)", "管委会", "county"] {
            assert_eq!(UnitKind::parse(t), Some(UnitKind::County), "{t}");
        }
        for t in ["乡村", "", "其他"] {
            assert_eq!(UnitKind::parse(t), None, "{t}");
        }
    }

    #[test]
    fn explicit_unit_wins() {
        let item = Item {
            unit: "江南产业集中区管委会".into(),
            unit_kind: "县区".into(),
            ..Item::default()
        };
        assert_eq!(default_unit(&item).kind, UnitKind::County);
    }
}
