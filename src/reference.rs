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
/// 2022 statistical list, which also names 开发区 pseudo-counties), as read from the files; the
/// lookups use [`DIVISIONS`], built from it.
fn division_table() -> std::collections::BTreeMap<String, String> {
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
        if let (Some(ext_id), Some(name)) = (rec.get(6), rec.get(7))
            && ext_id.len() >= 6
        {
            map.insert(ext_id[..6].to_owned(), name.to_owned());
        }
    }
    map
}

/// [`division_table`] keyed by the code's value: every code in the files is six ASCII digits
/// (`tests::every_division_code_is_six_digits`), so a text that is not six digits names none,
/// and six digits name the entry of their value. Sorted by code, for a binary search on integers
/// instead of a string map's comparisons (this runs for every item's codes).
static DIVISIONS: LazyLock<Vec<(u32, String)>> = LazyLock::new(|| {
    division_table()
        .into_iter()
        .filter_map(|(code, name)| Some((six_digits(code.as_bytes())?, name)))
        .collect()
});

/// The value of exactly six ASCII digits.
fn six_digits(code: &[u8]) -> Option<u32> {
    let &[a, b, c, d, e, f] = code else {
        return None;
    };
    let mut n = 0;
    for x in [a, b, c, d, e, f] {
        if !x.is_ascii_digit() {
            return None;
        }
        n = n * 10 + u32::from(x - b'0');
    }
    Some(n)
}

/// The name of the division whose code has the value `code`.
fn division_by_value(code: u32) -> Option<&'static str> {
    let table: &'static [(u32, String)] = &DIVISIONS;
    let i = table.binary_search_by_key(&code, |&(c, _)| c).ok()?;
    Some(table[i].1.as_str())
}

/// The names of the divisions in the table (`安徽省`, `池州市`, `贵池区`), for [`is_division_names`].
static DIVISION_NAMES: LazyLock<std::collections::HashSet<&'static str>> =
    LazyLock::new(|| DIVISIONS.iter().map(|(_, name)| name.as_str()).collect());

/// Whether `text` is nothing but names of divisions one after another (`池州市`, `安徽省池州市贵池区`),
/// read from the left, longest name first: an address that names no place inside them.
/// `池州市贵池区秋浦花园小区` and `合肥市蜀山区安徽建筑大学南校区` are not.
pub fn is_division_names(text: &str) -> bool {
    let mut rest = text.trim();
    while !rest.is_empty() {
        let ends: Vec<usize> = rest
            .char_indices()
            .skip(1)
            .map(|(i, _)| i)
            .chain([rest.len()])
            .take(12)
            .collect();
        let Some(&end) = ends
            .iter()
            .rev()
            .find(|&&end| DIVISION_NAMES.contains(&rest[..end]))
        else {
            return false;
        };
        rest = &rest[end..];
    }
    !text.trim().is_empty()
}

/// The names of the divisions without their last 省, 市, 县 or 区 where two characters or more
/// stay (`安徽`, `池州`, `贵池`, `青阳`), as a name written before an agency's or a company's
/// (`安徽华测检测技术有限公司`) has them: for [`leading_division_names`].
static SHORT_DIVISION_NAMES: LazyLock<std::collections::HashSet<&'static str>> =
    LazyLock::new(|| {
        DIVISION_NAMES
            .iter()
            .filter_map(|name| name.strip_suffix(['省', '市', '县', '区']))
            .filter(|short| short.chars().count() >= 2)
            .collect()
    });

/// The length in bytes of the division names `text` starts with, one after another, read from
/// the left, longest name first, full (`安徽省池州市`) or without their last 省, 市, 县 or 区
/// (`安徽`, `池州`): `池州市` in `池州市检测机构`, `安徽` in `安徽某检测有限公司`. 0 when it starts
/// with none. A short name counts only first: after a place, `华安` in `池州市华安检测机构` (a county
/// of 福建 without its 县) or `江南` in `安徽江南评估机构` is the agency's own trade name.
pub fn leading_division_names(text: &str) -> usize {
    let mut at = 0;
    loop {
        let rest = &text[at..];
        let Some(end) = rest
            .char_indices()
            .skip(1)
            .map(|(i, _)| i)
            .chain([rest.len()])
            .take(12)
            .filter(|&end| end > 0)
            .collect::<Vec<usize>>()
            .into_iter()
            .rev()
            .find(|&end| {
                DIVISION_NAMES.contains(&rest[..end])
                    || at == 0 && SHORT_DIVISION_NAMES.contains(&rest[..end])
            })
        else {
            return at;
        };
        at += end;
    }
}

/// Whether `code` (with its leading 0) is an area code in use somewhere in China.
pub fn is_known_area_code(code: &str) -> bool {
    AREA_CODES.all.contains(code)
}

/// The area code(s) valid for a region code (6 or 12 digits): the county's own row when it is a
/// 省直辖县级 unit, else its prefecture's, else the municipality's. Empty when unknown.
pub fn area_codes_for_region(region_code: &str) -> Vec<&'static str> {
    // The first six digits, on the stack: this runs for every item's phones.
    let mut digits = [0u8; 6];
    let mut n = 0;
    for b in region_code.bytes().filter(u8::is_ascii_digit).take(6) {
        digits[n] = b;
        n += 1;
    }
    if n < 4 {
        return Vec::new();
    }
    let table = &AREA_CODES.by_division;
    let (d0, d1, d2, d3) = (digits[0], digits[1], digits[2], digits[3]);
    let own = (n == 6).then_some(digits);
    let prefecture = [d0, d1, d2, d3, b'0', b'0'];
    let municipality = [d0, d1, b'0', b'1', b'0', b'0'];
    for c in own.iter().chain([&prefecture, &municipality]) {
        // ASCII digits are UTF-8.
        let key = std::str::from_utf8(c).unwrap_or_default();
        if let Some(a) = table.get(key) {
            return vec![a.as_str()];
        }
    }
    Vec::new()
}

/// The name of a 6-digit division code (`341702` → `贵池区`).
pub fn division_name(code: &str) -> Option<&'static str> {
    division_by_value(six_digits(code.as_bytes().get(..6)?)?)
}

/// How a 6-digit region code relates to the division table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DivisionStatus {
    /// A division in the table (province, prefecture or county), with its name.
    Known(&'static str),
    /// Not itself in the table, but inside a prefecture that is (a 市辖区 code such as `511301`, or a
    /// county code since renumbered): plausible for a code assigned years ago, like a USCC's.
    InKnownCity(&'static str),
    /// Not a division code: wrong shape, or no such province or prefecture.
    Unknown,
}

/// Looks a region code up (6 digits, or 12 digits whose first 6 are used).
pub fn division_status(code: &str) -> DivisionStatus {
    let digits = code.len() == 6 || code.len() == 12;
    if !digits || !code.bytes().all(|b| b.is_ascii_digit()) {
        return DivisionStatus::Unknown;
    }
    // Six ASCII digits: checked just above.
    let Some(six) = six_digits(&code.as_bytes()[..6]) else {
        return DivisionStatus::Unknown;
    };
    if let Some(name) = division_by_value(six) {
        return DivisionStatus::Known(name);
    }
    // The prefecture: the first four digits followed by `00`.
    match division_by_value(six / 100 * 100) {
        Some(city) => DivisionStatus::InKnownCity(city),
        None => DivisionStatus::Unknown,
    }
}

/// Whether a 6- or 12-digit code names a division in the table (GB/T 2260 plus the 2022 statistical
/// list).
pub fn is_division_code(code: &str) -> bool {
    matches!(division_status(code), DivisionStatus::Known(_))
}

/// Whether two digits are a province code in the table (`34` 安徽, `51` 四川).
pub fn is_province_code(two: &str) -> bool {
    match *two.as_bytes() {
        [a, b] => six_digits(&[a, b, b'0', b'0', b'0', b'0'])
            .is_some_and(|n| division_by_value(n).is_some()),
        _ => false,
    }
}

/// The region of a 统一社会信用代码 (its characters 3–8, the registering authority's division)
/// with its status in the division table; `None` when those characters are not 6 digits.
pub fn uscc_division(uscc: &str) -> Option<(&str, DivisionStatus)> {
    let region = crate::model::code::uscc_region(uscc)?;
    Some((region, division_status(region)))
}

#[cfg(test)]
mod tests {
    #[test]
    fn division_names_alone_are_told_from_addresses() {
        assert!(is_division_names("池州市"));
        assert!(is_division_names("安徽省池州市贵池区"));
        assert!(!is_division_names("池州市贵池区秋浦花园小区"));
        assert!(!is_division_names("合肥市蜀山区安徽建筑大学南校区"));
        assert!(!is_division_names("池州市贵池区华联超市"));
        assert!(!is_division_names(""));
    }

    /// The places before an agency's name, full or short; a 字号 is none.
    #[test]
    fn the_places_a_name_starts_with() {
        fn place(t: &str) -> &str {
            &t[..leading_division_names(t)]
        }
        assert_eq!(place("池州市检测机构"), "池州市");
        assert_eq!(
            place("安徽省池州市贵池区某检测有限公司"),
            "安徽省池州市贵池区"
        );
        assert_eq!(place("安徽某某检测有限公司"), "安徽");
        assert_eq!(place("池州某检测机构"), "池州");
        assert_eq!(place("安徽华测检测技术有限公司"), "安徽");
        assert_eq!(place("华测检测认证集团股份有限公司"), "");
        assert_eq!(place("池州市"), "池州市");
        // h32 regression: a trade name that is also a short place name elsewhere.
        assert_eq!(place("池州市华安检测机构"), "池州市");
        assert_eq!(place("安徽江南评估机构"), "安徽");
        assert_eq!(place("安徽省池州市华安检测机构"), "安徽省池州市");
        assert_eq!(place(""), "");
    }

    use super::*;

    /// The plain version of [`area_codes_for_region`], as first written.
    fn area_codes_plain(region_code: &str) -> Vec<&'static str> {
        let digits: String = region_code
            .chars()
            .filter(char::is_ascii_digit)
            .take(6)
            .collect();
        if digits.len() < 4 {
            return Vec::new();
        }
        let candidates = [
            digits.clone(),
            format!("{}00", &digits[..4]),
            format!("{}0100", &digits[..2]),
        ];
        candidates
            .iter()
            .filter(|c| c.len() == 6)
            .find_map(|c| AREA_CODES.by_division.get(c))
            .map(|a| vec![a.as_str()])
            .unwrap_or_default()
    }

    #[test]
    fn area_codes_match_the_plain_lookup() {
        let table = division_table();
        let mut codes: Vec<String> = table.keys().cloned().collect();
        for code in table.keys().take(400) {
            codes.push(format!("{code}000000"));
            codes.push(format!(" {}-{} ", &code[..2], &code[2..]));
            codes.push(code[..4].to_owned());
            codes.push(code[..5].to_owned());
            codes.push(format!("{}99", &code[..4]));
        }
        codes.extend(["", "99", "abc", "１２３４５６", "3417０2"].map(String::from));
        for code in &codes {
            assert_eq!(
                area_codes_for_region(code),
                area_codes_plain(code),
                "{code:?}"
            );
        }
    }

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

    /// The plain lookups of the string-keyed [`division_table`], as first written.
    fn division_name_plain(table: &BTreeMap<String, String>, code: &str) -> Option<String> {
        table.get(code.get(..6)?).cloned()
    }

    fn division_status_plain(table: &BTreeMap<String, String>, code: &str) -> (u8, Option<String>) {
        let digits = code.len() == 6 || code.len() == 12;
        if !digits || !code.bytes().all(|b| b.is_ascii_digit()) {
            return (0, None);
        }
        let six = &code[..6];
        if let Some(name) = table.get(six) {
            return (1, Some(name.clone()));
        }
        match table.get(&format!("{}00", &six[..4])) {
            Some(city) => (2, Some(city.clone())),
            None => (0, None),
        }
    }

    fn status_parts(status: DivisionStatus) -> (u8, Option<String>) {
        match status {
            DivisionStatus::Unknown => (0, None),
            DivisionStatus::Known(n) => (1, Some(n.to_owned())),
            DivisionStatus::InKnownCity(n) => (2, Some(n.to_owned())),
        }
    }

    #[test]
    fn every_division_code_is_six_digits() {
        let table = division_table();
        assert!(table.len() > 3000);
        for code in table.keys() {
            assert!(six_digits(code.as_bytes()).is_some(), "{code:?}");
        }
        assert_eq!(DIVISIONS.len(), table.len());
    }

    /// The integer-keyed lookups answer as the string map for every six-digit code (in the
    /// table or not), their 12-digit forms, every province pair, and texts that are no codes.
    #[test]
    fn division_lookups_match_the_string_map() {
        let table = division_table();
        let mut codes: Vec<String> = (0..1_000_000).map(|n| format!("{n:06}")).collect();
        for code in table.keys() {
            codes.push(format!("{code}000000"));
            codes.push(format!("{code}123456"));
            codes.push(format!("{code}x"));
            codes.push(format!("{code}１"));
            codes.push(format!("{code}0"));
            codes.push(code[..5].to_owned());
            codes.push(format!(" {}", &code[..5]));
            codes.push(format!("{}a", &code[..5]));
        }
        codes.extend(
            [
                "",
                "9",
                "34170",
                "3417０2",
                "３４１７０２",
                "34170２",
                "34-702",
                "+34170",
                "341702 ",
                " 341702",
                "/41702",
                ":41702",
                "34170:",
                "34170/",
                "贵池区",
                "34１702000000",
                "3417021",
                "34170200000",
                "3417020000000",
                "abcdef",
                "ABCDEFGHIJKL",
            ]
            .map(String::from),
        );
        for code in &codes {
            assert_eq!(
                division_name(code).map(str::to_owned),
                division_name_plain(&table, code),
                "{code:?}"
            );
            assert_eq!(
                status_parts(division_status(code)),
                division_status_plain(&table, code),
                "{code:?}"
            );
        }
        let mut twos: Vec<String> = (0..100).map(|n| format!("{n:02}")).collect();
        twos.extend(["", "3", "341", "3a", "a3", "３", "/0", "0:"].map(String::from));
        for two in &twos {
            assert_eq!(
                is_province_code(two),
                two.len() == 2 && table.contains_key(&format!("{two}0000")),
                "{two:?}"
            );
        }
    }

    #[test]
    fn division_names() {
        assert_eq!(division_name("341702"), Some("贵池区"));
        assert_eq!(division_name("341700"), Some("池州市"));
        assert_eq!(division_name("9"), None);
    }

    #[test]
    fn division_validity() {
        assert_eq!(division_status("341702"), DivisionStatus::Known("贵池区"));
        assert_eq!(
            division_status("511602000000"),
            DivisionStatus::Known("广安区")
        );
        assert_eq!(
            division_status("511301"),
            DivisionStatus::InKnownCity("南充市")
        );
        assert_eq!(division_status("349901"), DivisionStatus::Unknown);
        assert_eq!(division_status("34170"), DivisionStatus::Unknown);
        assert!(is_division_code("340000"));
        assert!(is_province_code("51"));
        assert!(!is_province_code("00"));
        assert_eq!(
            uscc_division("11511301008778183N"),
            Some(("511301", DivisionStatus::InKnownCity("南充市")))
        );
    }
}
