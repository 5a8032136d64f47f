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
    let by_region = region_is_county(&item.region_code);
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

    /// Names copied from a web page carry invisible format characters: each made a unit of its
    /// own whose name and file looked the same as the real one's. Explicit 考核单位, a unit named
    /// after its 实施主体, a 管委会 and a county named by its 行政区划 name are all cleaned.
    #[test]
    fn invisible_format_characters_do_not_make_units() {
        let dept = unit("池州市教育局", UnitKind::Department);
        for name in [
            "\u{200B}池州市教育局",
            "池州市教育局\u{200D}",
            "池州市教育局\u{FEFF}",
            "\u{FEFF}池州市教育局 ",
            "池州市教育\u{00AD}局",
            "池州市\u{200C}教育局",
            "池州市教育局\u{2060}",
            "\u{202E}池州市教育局",
        ] {
            let explicit = Item {
                unit: name.into(),
                subject: "池州市教育局".into(),
                ..Item::default()
            };
            assert_eq!(default_unit(&explicit), dept, "{name:?}");
            let by_subject = Item {
                level: "市级".into(),
                region_code: "341700".into(),
                subject: name.into(),
                ..Item::default()
            };
            assert_eq!(default_unit(&by_subject), dept, "{name:?}");
        }
        let zone = Item {
            subject: "九华山风景区管委会\u{200B}社会事务局".into(),
            ..Item::default()
        };
        assert_eq!(
            default_unit(&zone),
            unit("九华山风景区管委会", UnitKind::County)
        );
        let county = Item {
            level: "县级".into(),
            region_code: "349999".into(),
            region: "\u{FEFF}东至县".into(),
            subject: "东至县市场监督管理局".into(),
            ..Item::default()
        };
        assert_eq!(default_unit(&county), unit("东至县", UnitKind::County));
        // Clean names and visible differences stay as they are.
        assert_eq!(unit_name(" 池州市教育局 "), "池州市教育局");
        assert!(matches!(unit_name("池州市教育局"), Cow::Borrowed(_)));
        assert_eq!(
            unit_name("池州市教育局（池州市语言文字工作委员会办公室）"),
            "池州市教育局（池州市语言文字工作委员会办公室）"
        );
        assert_eq!(unit_name("\u{200B}"), "");
    }

    /// A 贵池区 item as the county's 市场监督管理局 publishes it, with 行使层级 `level` and the
    /// level digit `digit` in its 实施编码.
    fn guichi(level: &str, digit: char) -> Item {
        Item {
            level: level.into(),
            code: format!("11341702MB1528406Q{digit}000117001000"),
            region_code: "341702".into(),
            subject: "池州市贵池区市场监督管理局".into(),
            ..Item::default()
        }
    }

    fn unit(name: &str, kind: UnitKind) -> Unit {
        Unit {
            name: name.into(),
            kind,
        }
    }

    /// An empty or unreadable 行使层级 made a county's items a 市直部门 of 14 points of their own,
    /// without a word; the 实施编码's level digit and the region code both say 贵池区.
    #[test]
    fn a_county_item_without_its_level_stays_with_its_county() {
        for level in ["", "  ", "未知", "/"] {
            assert_eq!(
                default_unit(&guichi(level, '4')),
                unit("贵池区", UnitKind::County),
                "{level:?}"
            );
        }
        let no_code = Item {
            code: String::new(),
            ..guichi("", '4')
        };
        assert_eq!(default_unit(&no_code), unit("贵池区", UnitKind::County));
        for level in ["区级", "县（区）级", "乡镇级"] {
            assert_eq!(
                default_unit(&guichi(level, '4')).kind,
                UnitKind::County,
                "{level}"
            );
        }
    }

    /// 行使层级 `3` against a code digit 4 and a district's region code: two to one, the level is
    /// the slip (B04 reports it). With the code's digit 3 too, the item is the city's.
    #[test]
    fn a_county_item_marked_city_level_goes_by_its_code_and_region() {
        assert_eq!(
            default_unit(&guichi("3", '4')),
            unit("贵池区", UnitKind::County)
        );
        assert_eq!(
            default_unit(&guichi("市级", '4')),
            unit("贵池区", UnitKind::County)
        );
        assert_eq!(
            default_unit(&guichi("3", '3')),
            unit("池州市贵池区市场监督管理局", UnitKind::Department)
        );
    }

    /// 管委会 are assessed with the counties (附件2, 8 points): their own items at city level,
    /// and their bureaus' items under the 管委会. A city department that is itself a 管理委员会
    /// (国资委) stays a department.
    #[test]
    fn zone_committees_are_scored_with_the_counties() {
        let zone = |subject: &str, level: &str| Item {
            subject: subject.into(),
            level: level.into(),
            region_code: "341700".into(),
            ..Item::default()
        };
        assert_eq!(
            default_unit(&zone("池州市江南产业集中区管理委员会", "市级")),
            unit("池州市江南产业集中区管理委员会", UnitKind::County)
        );
        assert_eq!(
            default_unit(&zone("九华山风景区管委会社会事务局", "4")),
            unit("九华山风景区管委会", UnitKind::County)
        );
        assert_eq!(
            default_unit(&zone("池州市国有资产监督管理委员会", "3")),
            unit("池州市国有资产监督管理委员会", UnitKind::Department)
        );
        let marked = Item {
            unit_kind: "市直部门".into(),
            ..zone("池州市江南产业集中区管理委员会", "3")
        };
        assert_eq!(default_unit(&marked).kind, UnitKind::Department);
        let explicit = Item {
            unit: "平天湖风景区管委会".into(),
            ..Item::default()
        };
        assert_eq!(default_unit(&explicit).kind, UnitKind::County);
    }

    /// A county-level item whose region code is the city's own (a zone with no division code)
    /// used to make a 县区 named 「池州市」 that every such body was merged into. It stays with its
    /// 实施主体: named after it as a 县区, it split a department with city-level items into a
    /// 市直部门 and a 县区 of one name, listed as one kind and scored as the other. Marked 县区 by
    /// a 类型 column, it is named after its 实施主体 too.
    #[test]
    fn no_county_is_named_after_the_city() {
        let item = Item {
            subject: "九华山风景区社会事务局".into(),
            level: "4".into(),
            region_code: "341700".into(),
            ..Item::default()
        };
        assert_eq!(
            default_unit(&item),
            unit("九华山风景区社会事务局", UnitKind::Department)
        );
        let marked = Item {
            unit_kind: "县区".into(),
            ..item
        };
        assert_eq!(
            default_unit(&marked),
            unit("九华山风景区社会事务局", UnitKind::County)
        );
        let coded = Item {
            subject: "池州市教育体育局".into(),
            code: "11341700003125422Q4000117035000".into(),
            region_code: "341700".into(),
            ..Item::default()
        };
        assert_eq!(
            default_unit(&coded),
            unit("池州市教育体育局", UnitKind::Department)
        );
    }

    /// 设区的市级 (the value table's alias of 市级), 设区市级 and 自治区级 name 区 but are no
    /// county's level: a 市场监督管理局 with them was scored out of 8.
    #[test]
    fn city_and_province_levels_naming_a_district_are_not_county_levels() {
        let city = |level: &str| Item {
            subject: "池州市市场监督管理局".into(),
            level: level.into(),
            code: "1134170000312541513000117035000".into(),
            region_code: "341700".into(),
            ..Item::default()
        };
        for level in ["设区的市级", "设区市级", "自治区级", "市级", "省级"] {
            assert_eq!(
                default_unit(&city(level)),
                unit("池州市市场监督管理局", UnitKind::Department),
                "{level}"
            );
        }
    }

    /// A zone's committee named as a department's second name (加挂牌子, in brackets) or a city
    /// office for zones (…管理委员会办公室) is no zone's own body: the department, whole name
    /// kept. A zone committee's bureau is the committee's.
    #[test]
    fn a_zone_named_beside_a_department_is_not_a_zone_committee() {
        let city = |subject: &str| Item {
            subject: subject.into(),
            level: "3".into(),
            region_code: "341700".into(),
            ..Item::default()
        };
        for subject in [
            "池州市农业农村局（池州市现代农业示范区管理委员会办公室）",
            "池州市文化和旅游局（池州市平天湖风景区管理委员会）",
            "池州市开发区管理委员会办公室",
        ] {
            assert_eq!(
                default_unit(&city(subject)),
                unit(subject, UnitKind::Department),
                "{subject}"
            );
        }
        assert_eq!(
            default_unit(&city("池州市江南产业集中区管理委员会经济发展局")),
            unit("池州市江南产业集中区管理委员会", UnitKind::County)
        );
    }
}
