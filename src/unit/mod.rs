//! 被考核单位 — which unit an item is scored under, and whether that unit is a city department
//! (附件1, 14 points) or a county/district/管委会 (附件2, 8 points).
//!
//! Default mapping: an explicit 考核单位 column wins; otherwise
//! - items of a zone's 管委会 (`池州市江南产业集中区管理委员会`, `九华山风景区管委会社会事务局`) belong to
//!   the 管委会, a unit of 附件2 (考核对象: “江南产业集中区管委会…XX风景区、经开区管委会”);
//! - items exercised at county level or below belong to the county named by their region code;
//! - all others to their 实施主体 as a city department.
//!
//! Real exports leave 行使层级 empty or wrong: an item whose 行使层级 is missing or unreadable is
//! placed by the level digit of its 实施编码, else by its region code; one whose 行使层级 says
//! 市级 while both its 实施编码 and its region code say county goes to the county (B04 reports the
//! disagreement). An item whose region code is the city's own is no county's: it stays with its
//! 实施主体 (a 市直部门 unless a 类型 column says 县区), never a “county” named after the city.
//!
//! An item without a region code (guide pages show the 实施主体编码 but rarely a 行政区划代码) is
//! placed by the county its 实施主体's USCC was registered in (its characters 3–8): crawled county
//! items all went to `(未知县区)`.

use std::borrow::Cow;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::model::Item;
use crate::model::text::is_format_char;
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

/// 行使层级 (code or label) read as county level or below (`Some(true)`), as city level or above
/// (`Some(false)`), or neither (empty, unknown). `区级` is a county's level, but `设区的市级` (the
/// value table's alias of 市级) and `自治区级` are not.
fn level_is_county(level: &str) -> Option<bool> {
    let t = level.trim();
    let above = ["设区", "自治区", "市级", "省级", "国家", "中央"]
        .iter()
        .any(|w| t.contains(w));
    if matches!(t, "4" | "5" | "6")
        || ["县", "乡", "镇", "街道", "村", "社区"]
            .iter()
            .any(|w| t.contains(w))
        || (t.contains('区') && !above)
    {
        Some(true)
    } else if matches!(t, "1" | "2" | "3") || above || ["省", "市"].iter().any(|w| t.contains(w))
    {
        Some(false)
    } else {
        None
    }
}

/// The 行使层级 digit of a national 实施编码 (its 19th character, after the 18-character USCC), read
/// as [`level_is_county`] reads the field; `None` for another shape or digit.
fn code_level_is_county(code: &str) -> Option<bool> {
    let code = code.trim();
    if code.len() != 31 || !code.is_ascii() {
        return None;
    }
    match code.as_bytes()[18] {
        b'4'..=b'6' => Some(true),
        b'1'..=b'3' => Some(false),
        _ => None,
    }
}

/// Whether a 6- or 12-digit region code is below a prefecture (`341702`: yes; `341700`,
/// `340000`: no); `None` when it is no such code.
fn region_is_county(region_code: &str) -> Option<bool> {
    let t = region_code.trim();
    if !(t.len() == 6 || t.len() == 12) || !t.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(&t[4..6] != "00")
}

/// The item's region code: its 行政区划代码, or when it has none, the county of its USCC
/// ([`uscc_county`]).
fn region_code(item: &Item) -> &str {
    let own = item.region_code.trim();
    if own.is_empty() {
        uscc_county(item).unwrap_or_default()
    } else {
        own
    }
}

/// The county a 实施主体 was registered in, by the registration-division digits of its USCC
/// (characters 3–8: `11341721MB1517394P` → `341721`, 东至县), when that is a county of the
/// division table (not a prefecture: a city department's `113417…` says nothing here). The USCC
/// is the 实施主体编码, else the first 18 characters of a 31-character 实施编码.
fn uscc_county(item: &Item) -> Option<&str> {
    fn division(uscc: &str) -> Option<&str> {
        let uscc = uscc.trim();
        let six = uscc.get(2..8)?;
        let ok = uscc.len() == 18
            && uscc.bytes().all(|b| b.is_ascii_alphanumeric())
            && region_is_county(six) == Some(true)
            && division_name(six).is_some();
        ok.then_some(six)
    }
    division(&item.subject_code).or_else(|| {
        let code = item.code.trim();
        (code.len() == 31 && code.is_ascii())
            .then(|| division(&code[..18]))
            .flatten()
    })
}

/// Words that name a zone run by a 管委会 (开发区, 风景区, …), unlike a city department that is a
/// 管理委员会 itself (`国有资产监督管理委员会`).
const ZONE_WORDS: [&str; 14] = [
    "开发区",
    "经开区",
    "高新区",
    "集中区",
    "风景区",
    "风景名胜区",
    "新区",
    "园区",
    "示范区",
    "试验区",
    "保税区",
    "度假区",
    "旅游区",
    "合作区",
];

/// The 管委会 a name belongs to: the name up to `管委会` or `管理委员会` when what comes before
/// names a zone, and what follows (if anything) is one of its bureaus
/// (`九华山风景区管委会社会事务局` → `九华山风景区管委会`). A second name in brackets (加挂牌子:
/// `池州市文化和旅游局（池州市平天湖风景区管理委员会）`) is not the body's own, and a city office
/// for a zone (`…管理委员会办公室`) is a department.
fn zone_committee(name: &str) -> Option<&str> {
    let name = name.trim();
    let own = name.find(['（', '(']).map_or(name, |at| &name[..at]);
    // Both words hold 管: most names are decided by one cheap search (a word search builds its
    // searcher on every call).
    if !own.contains('管') {
        return None;
    }
    let end = ["管委会", "管理委员会"]
        .iter()
        .filter_map(|w| own.find(w).map(|at| at + w.len()))
        .min()?;
    let (head, rest) = own.split_at(end);
    let bureau = rest.is_empty()
        || ["局", "处", "所", "中心", "站", "队", "分局"]
            .iter()
            .any(|w| rest.ends_with(w));
    (bureau && ZONE_WORDS.iter().any(|z| head.contains(z))).then_some(head)
}

/// Whether an item is exercised at county level or below, from its 行使层级, else its region
/// code and its 实施编码's level digit (see the module docs). An item whose region code is the
/// city's own is no county's, whatever its level says: it stays with its 实施主体, not a 县区
/// named after the city or after a department that has city-level items too.
fn is_county_item(item: &Item) -> bool {
    let by_region = region_is_county(region_code(item));
    if by_region == Some(false) {
        return false;
    }
    let by_code = code_level_is_county(&item.code);
    match level_is_county(&item.level) {
        Some(county) => county || (by_code == Some(true) && by_region == Some(true)),
        None => by_region.or(by_code).unwrap_or(false),
    }
}

/// A unit's name as written in a 考核单位, 实施主体 or 行政区划 cell: trimmed, and without format
/// characters ([`is_format_char`]: zero-width spaces and joiners, the BOM, soft hyphens, bidi
/// overrides). Text copied from a web page carries them invisibly, and a unit named with one
/// was a second unit with an identical-looking name and file (`整改清单-池州市教育局.xlsx`
/// twice). Only the unit's name is cleaned: the rules still see the cells as written.
pub fn unit_name(s: &str) -> Cow<'_, str> {
    let t = s.trim();
    if t.contains(is_format_char) {
        let kept: String = t.chars().filter(|c| !is_format_char(*c)).collect();
        Cow::Owned(kept.trim().to_owned())
    } else {
        Cow::Borrowed(t)
    }
}

/// The unit an item is scored under, by the default mapping (see the module docs).
pub fn default_unit(item: &Item) -> Unit {
    let explicit_kind = UnitKind::parse(&item.unit_kind);
    let unit = unit_name(&item.unit);
    if !unit.is_empty() {
        let kind = explicit_kind.unwrap_or_else(|| {
            if is_county_item(item) || zone_committee(&unit).is_some() {
                UnitKind::County
            } else {
                UnitKind::Department
            }
        });
        return Unit {
            name: unit.into_owned(),
            kind,
        };
    }
    let subject = unit_name(&item.subject);
    let subject = subject.as_ref();
    if explicit_kind != Some(UnitKind::Department)
        && let Some(zone) = zone_committee(subject)
    {
        return Unit {
            name: zone.to_owned(),
            kind: UnitKind::County,
        };
    }
    if explicit_kind == Some(UnitKind::County) || (explicit_kind.is_none() && is_county_item(item))
    {
        let name = match region_is_county(&item.region_code) {
            // Marked 县区 by a 类型 column, with the city's own code: a zone without a division
            // code of its own, named by its 实施主体 rather than after the city.
            Some(false) if !subject.is_empty() => Some(subject.to_owned()),
            _ => division_name(&item.region_code).map(str::to_owned),
        };
        let region = unit_name(&item.region);
        let name = name
            .or_else(|| (!region.is_empty()).then(|| region.into_owned()))
            .or_else(|| uscc_county(item).and_then(division_name).map(str::to_owned))
            .unwrap_or_else(|| "(未知县区)".to_owned());
        return Unit {
            name,
            kind: UnitKind::County,
        };
    }
    let name = if subject.is_empty() {
        "(未知部门)".to_owned()
    } else {
        subject.to_owned()
    };
    Unit {
        name,
        kind: UnitKind::Department,
    }
}
#[cfg(test)]
mod tests;
