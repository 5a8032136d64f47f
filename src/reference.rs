//! Reference tables embedded at build time from `data/` (see `data/SOURCES.md`): telephone area
//! codes by city and administrative divisions. Lookups are pure and never fail loudly: an unknown
//! code is `None`.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

const AREA_CODES_CSV: &str = include_str!("../data/phone_area_code_by_city.csv");
const DIVISIONS_CSV: &str = include_str!("../data/division_areacity_level3.csv");
const STATS_AREAS_CSV: &str = include_str!("../data/division_stats_2022_areas.csv");

/// 区号 by prefecture-level (or 省直辖县级) division code, 6 digits.
struct AreaCodes {
    by_division: BTreeMap<String, String>,
    all: BTreeSet<String>,
}

static AREA_CODES: LazyLock<AreaCodes> = LazyLock::new(|| {
    let mut by_division = BTreeMap::new();
    let mut all = BTreeSet::new();
    let mut rdr = csv::Reader::from_reader(AREA_CODES_CSV.as_bytes());
    for rec in rdr.records().flatten() {
        let (Some(code), Some(area)) = (rec.get(0), rec.get(4)) else {
            continue;
        };
        if area.len() >= 3 {
            by_division.insert(code.to_owned(), area.to_owned());
            all.insert(area.to_owned());
        }
    }
    AreaCodes { by_division, all }
});

/// Division names by 6-digit code (GB/T 2260 as merged in `division_areacity_level3.csv`, plus the
/// 2022 statistical list, which also names 开发区 pseudo-counties).
static DIVISIONS: LazyLock<BTreeMap<String, String>> = LazyLock::new(|| {
    let mut map = BTreeMap::new();
    let mut rdr = csv::Reader::from_reader(STATS_AREAS_CSV.as_bytes());
    for rec in rdr.records().flatten() {
        if let (Some(code), Some(name)) = (rec.get(0), rec.get(1)) {
            map.insert(code.to_owned(), name.to_owned());
        }
    }
    let text = DIVISIONS_CSV.trim_start_matches('\u{feff}');
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    for rec in rdr.records().flatten() {
        if let (Some(ext_id), Some(name)) = (rec.get(6), rec.get(7)) {
            if ext_id.len() >= 6 {
                map.insert(ext_id[..6].to_owned(), name.to_owned());
            }
        }
    }
    map
});

/// Whether `code` (with its leading 0) is an area code in use somewhere in China.
pub fn is_known_area_code(code: &str) -> bool {
    AREA_CODES.all.contains(code)
}

/// The area code(s) valid for a region code (6 or 12 digits): the county's own row when it is a
/// 省直辖县级 unit, else its prefecture's, else the municipality's. Empty when unknown.
pub fn area_codes_for_region(region_code: &str) -> Vec<&'static str> {
    let digits: String = region_code
        .chars()
        .filter(char::is_ascii_digit)
        .take(6)
        .collect();
    if digits.len() < 4 {
        return Vec::new();
    }
    let table = &AREA_CODES.by_division;
    let candidates = [
        digits.clone(),
        format!("{}00", &digits[..4]),
        format!("{}0100", &digits[..2]),
    ];
    for c in &candidates {
        if c.len() == 6 {
            if let Some(a) = table.get(c) {
                return vec![a.as_str()];
            }
        }
    }
    Vec::new()
}

/// The name of a 6-digit division code (`341702` → `贵池区`).
pub fn division_name(code: &str) -> Option<&'static str> {
    DIVISIONS.get(code.get(..6)?).map(String::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn area_codes_by_region() {
        assert_eq!(area_codes_for_region("341702"), ["0566"]);
        assert_eq!(area_codes_for_region("341702000000"), ["0566"]);
        assert_eq!(area_codes_for_region("110105"), ["010"]);
        assert_eq!(area_codes_for_region("429004"), ["0728"]);
        assert!(area_codes_for_region("99").is_empty());
        assert!(is_known_area_code("0558"));
        assert!(!is_known_area_code("0640"));
    }

    #[test]
    fn division_names() {
        assert_eq!(division_name("341702"), Some("贵池区"));
        assert_eq!(division_name("341700"), Some("池州市"));
        assert_eq!(division_name("9"), None);
    }
}
