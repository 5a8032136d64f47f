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
//!
//! After a mapping file is applied, [`MappingUse`] says what it did not do: rows whose key named no
//! item (a typo such as 东至县市场监管局 for 东至县市场监督管理局 silently split a unit), and the
//! 实施主体 (or regions) no row covered, which fell back to the default grouping.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::table::{FileIssue, TableError, cell, read_table};
use crate::model::Provenance;
use crate::reference::division_name;
use crate::report::{ItemEntry, ItemStatus};
use crate::unit::{UnitKind, unit_name};

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
    /// Where each row's key was read (file and row), for the notices of [`MappingUse`].
    pub places: BTreeMap<String, Provenance>,
    /// The mapping file, when one was read.
    pub source: Option<String>,
}

/// The keys an item can be mapped by, in the order they are tried (see the module docs).
fn item_keys(item: &ItemEntry) -> [Cow<'_, str>; 6] {
    let uscc: String = if item.code.chars().count() >= 31 {
        item.code.chars().take(18).collect()
    } else {
        String::new()
    };
    let region6: String = item.region_code.trim().chars().take(6).collect();
    let division = division_name(item.region_code.trim()).unwrap_or_default();
    [
        unit_name(&item.subject),
        Cow::Owned(uscc),
        Cow::Borrowed(item.region_code.trim()),
        Cow::Owned(region6),
        Cow::Borrowed(division),
        unit_name(&item.unit),
    ]
}

/// How a scored report's items were grouped into units: the mode and the rows of the mapping
/// file, kept in the report ([`crate::report::ScoringSettings`]) so that scoring it again groups
/// them the same way without the file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Grouping {
    /// Grouping for items no mapping row names.
    pub mode: UnitMode,
    /// The mapping file read, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mapping: Option<String>,
    /// Its rows, by key.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rows: Vec<MappingRow>,
}

/// One row of a unit mapping file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MappingRow {
    /// 实施主体, 统一社会信用代码 or 区划 (see the module docs).
    pub key: String,
    /// 考核单位.
    pub unit: String,
    /// Its kind.
    pub kind: UnitKind,
}

impl Grouping {
    /// How the grouping is said when it is reused: `单位对照表 对照表.xlsx（12 行）`, `按实施主体`.
    pub fn describe(&self) -> String {
        let mode = match self.mode {
            UnitMode::Default => "",
            UnitMode::Subject => "按实施主体",
            UnitMode::Region => "按行政区划",
        };
        match &self.mapping {
            Some(file) => {
                let name = Path::new(file)
                    .file_name()
                    .map_or(file.as_str(), |n| n.to_str().unwrap_or(file));
                let rest = if mode.is_empty() {
                    String::new()
                } else {
                    format!("，其余{mode}")
                };
                format!("单位对照表 {name}，{} 行{rest}", self.rows.len())
            }
            None if mode.is_empty() => "按检查时的划分".to_owned(),
            None => mode.to_owned(),
        }
    }
}

impl UnitMapping {
    /// The grouping as a scored report records it.
    pub fn grouping(&self) -> Grouping {
        Grouping {
            mode: self.mode,
            mapping: self.source.clone(),
            rows: self
                .rows
                .iter()
                .map(|(key, (unit, kind))| MappingRow {
                    key: key.clone(),
                    unit: unit.clone(),
                    kind: *kind,
                })
                .collect(),
        }
    }

    /// The mapping a scored report recorded (without the rows' places in the file).
    pub fn from_grouping(g: &Grouping) -> Self {
        UnitMapping {
            mode: g.mode,
            rows: g
                .rows
                .iter()
                .map(|r| (r.key.clone(), (r.unit.clone(), r.kind)))
                .collect(),
            places: BTreeMap::new(),
            source: g.mapping.clone(),
        }
    }

    /// The key of the mapping row that decides the item's unit, if any.
    fn row_for(&self, item: &ItemEntry) -> Option<(&str, &(String, UnitKind))> {
        if self.rows.is_empty() {
            return None;
        }
        item_keys(item)
            .iter()
            .filter(|k| !k.is_empty())
            .find_map(|k| self.rows.get_key_value(k.as_ref()))
            .map(|(k, row)| (k.as_str(), row))
    }

    /// The unit name and kind of one item.
    pub fn assign(&self, item: &ItemEntry) -> (String, UnitKind) {
        if let Some((_, (name, kind))) = self.row_for(item) {
            return (name.clone(), *kind);
        }
        self.fallback(item)
    }

    /// The unit of an item no mapping row names: the grouping of [`UnitMode`].
    fn fallback(&self, item: &ItemEntry) -> (String, UnitKind) {
        match self.mode {
            UnitMode::Subject if !unit_name(&item.subject).is_empty() => {
                (unit_name(&item.subject).into_owned(), item.unit_kind)
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
        let mut places = BTreeMap::new();
        let mut issues = Vec::new();
        for (row, cells) in &table.rows {
            // Names as the items' units are named (without invisible format characters).
            let key = unit_name(cell(cells, Some(key_col)));
            let key = key.as_ref();
            let unit = unit_name(cell(cells, Some(unit_col)));
            let unit = unit.as_ref();
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
                    format!(
                        "单位类型 \"{kind_text}\" 无法识别（可用: 市直部门，或写 市直、市直单位、市直机关；县区，或写 县、区、县（区）、管委会），已跳过"
                    ),
                ));
                continue;
            };
            if rows.contains_key(key) {
                issues.push(table.issue(*row, format!("重复的实施主体/区划 \"{key}\"，已跳过")));
                continue;
            }
            rows.insert(key.to_owned(), (unit.to_owned(), kind));
            places.insert(key.to_owned(), table.place(*row));
        }
        let source = Some(table.source.clone());
        Ok((
            Self {
                mode,
                rows,
                places,
                source,
            },
            issues,
        ))
    }

    /// What the mapping file did not do for `items` (see [`MappingUse`]); nothing without a
    /// mapping file.
    pub fn coverage<'a>(&self, items: impl IntoIterator<Item = &'a ItemEntry>) -> Vec<FileIssue> {
        let mut used = MappingUse::default();
        for item in items {
            used.note(self, item);
        }
        used.issues(self)
    }
}

/// How a mapping file was used over the checked items, gathered item by item (the streaming
/// check sees each item once): the rows that decided an item's unit, those that named an item
/// another row decided first, and the items no row named, by what the default grouping used.
#[derive(Debug, Default)]
pub struct MappingUse {
    /// Keys of rows that decided some item's unit.
    decided: BTreeSet<String>,
    /// Keys of rows that named some item decided by an earlier key (实施主体 before 区划).
    shadowed: BTreeSet<String>,
    /// 实施主体 (or region) of the items no row named → their number.
    uncovered: BTreeMap<String, usize>,
    /// The units the default grouping gives the items, to catch a 考核单位 mistyped by a
    /// character (贵池县 for 贵池区), which would be scored as a unit of its own.
    default_units: BTreeSet<String>,
    /// 实施主体 USCC (the first 18 characters of a 31-character 实施编码) → the 市直部门 the
    /// default grouping put its items in, each with its items and the first one's place: one
    /// department written two ways (池州市市场监管局 for 池州市市场监督管理局) is scored as two.
    subjects: HashMap<[u8; 18], SubjectUnits>,
}

/// The 市直部门 of one 实施主体 USCC: unit → its items and the first one's place.
type SubjectUnits = BTreeMap<String, (usize, Provenance)>;

/// How many names of uncovered 实施主体 the notice lists.
const UNCOVERED_SHOWN: usize = 10;

impl MappingUse {
    /// Notes how `mapping` maps one report item (unchecked items are not scored: skipped).
    pub fn note(&mut self, mapping: &UnitMapping, item: &ItemEntry) {
        if item.status != ItemStatus::Checked {
            return;
        }
        self.note_subject(mapping, item);
        if mapping.rows.is_empty() {
            return;
        }
        let (unit, _) = mapping.fallback(item);
        if !self.default_units.contains(&unit) {
            self.default_units.insert(unit);
        }
        if let Some((key, _)) = mapping.row_for(item) {
            for other in item_keys(item) {
                if other != key && mapping.rows.contains_key(other.as_ref()) {
                    self.shadowed.insert(other.into_owned());
                }
            }
            if !self.decided.contains(key) {
                self.decided.insert(key.to_owned());
            }
        } else {
            let name = match mapping.mode {
                UnitMode::Region if !item.region_code.trim().is_empty() => {
                    let code = item.region_code.trim();
                    division_name(code).map_or_else(|| code.to_owned(), str::to_owned)
                }
                _ if !unit_name(&item.subject).is_empty() => unit_name(&item.subject).into_owned(),
                _ => mapping.fallback(item).0,
            };
            *self.uncovered.entry(name).or_default() += 1;
        }
    }

    /// Notes the 市直部门 an item of the default grouping went to, under its 实施主体 USCC.
    fn note_subject(&mut self, mapping: &UnitMapping, item: &ItemEntry) {
        let code = item.code.trim().as_bytes();
        let Some(uscc) = code.get(..18) else {
            return;
        };
        // A placeholder (`111111111111111111`) fails its check digit: shared by unrelated bodies.
        if code.len() != 31
            || !std::str::from_utf8(uscc).is_ok_and(crate::model::code::is_valid_uscc)
        {
            return;
        }
        if !mapping.rows.is_empty() && mapping.row_for(item).is_some() {
            return;
        }
        let (unit, kind) = mapping.fallback(item);
        // Only units named after the 实施主体 as written: an export's own 考核单位 column
        // separating them is the assessor's grouping, not a spelling.
        if kind != UnitKind::Department || unit != unit_name(&item.subject) {
            return;
        }
        let mut key = [0u8; 18];
        key.copy_from_slice(uscc);
        let units = self.subjects.entry(key).or_default();
        match units.get_mut(&unit) {
            Some((n, _)) => *n += 1,
            None => {
                units.insert(unit, (1, item.provenance.clone()));
            }
        }
    }

    /// One warning per 实施主体 USCC whose items the default grouping put in several
    /// 市直部门, each scored on its own: the names and their items, and how to join them.
    fn split_subjects(&self) -> Vec<FileIssue> {
        let mut split: Vec<(&[u8; 18], &SubjectUnits)> = self
            .subjects
            .iter()
            .filter(|(_, units)| units.len() > 1)
            .collect();
        split.sort_by_key(|(uscc, _)| **uscc);
        split
            .into_iter()
            .map(|(uscc, units)| {
                let uscc = String::from_utf8_lossy(uscc);
                let mut by_size: Vec<(&String, &(usize, Provenance))> = units.iter().collect();
                by_size.sort_by(|a, b| b.1.0.cmp(&a.1.0).then_with(|| a.0.cmp(b.0)));
                let names: Vec<String> = by_size
                    .iter()
                    .map(|(unit, (n, _))| format!("「{unit}」{n} 个事项"))
                    .collect();
                let main = by_size[0].0;
                FileIssue {
                    // The first item of the smallest: the odd one out.
                    place: by_size[by_size.len() - 1].1.1.clone(),
                    message: format!(
                        "实施编码前 18 位（实施主体统一社会信用代码）同为 {uscc} 的事项，按实施主体名称分成了 {} 个考核单位、各自计分：{}。如是同一单位的不同写法或加挂的牌子，请在单位对照表（score --mapping，或配置 [score] mapping）中加一行合并：实施主体 {uscc}，考核单位 {main}，类型 市直部门；本来就应分开计分的，可不理会本提示",
                        units.len(),
                        names.join("、")
                    ),
                }
            })
            .collect()
    }

    /// The notices: one per 实施主体 USCC split over several 市直部门; one per row that decided no item (with the uncovered 实施主体 it most likely
    /// meant, when one is close), one per 考核单位 a character away from an existing unit, then
    /// one line listing the uncovered 实施主体 or regions (the first `UNCOVERED_SHOWN`).
    pub fn issues(&self, mapping: &UnitMapping) -> Vec<FileIssue> {
        let mut out = self.split_subjects();
        let Some(source) = &mapping.source else {
            return out;
        };
        let mut unused: Vec<(&String, &Provenance)> = mapping
            .places
            .iter()
            .filter(|(key, _)| !self.decided.contains(*key))
            .collect();
        unused.sort_by_key(|(_, place)| place.row);
        for (key, place) in unused {
            let message = if self.shadowed.contains(key) {
                format!(
                    "「{key}」的事项都已按对照表中另一行（实施主体优先于区划）划分，这一行没有起作用；如要按这一行划分，请删去另一行"
                )
            } else {
                let hint = closest(key, self.uncovered.keys())
                    .map(|c| format!("（是不是「{c}」？）"))
                    .unwrap_or_default();
                format!(
                    "「{key}」没有对应到任何事项{hint}，这一行没有起作用；请核对名称或区划代码是否与平台上的完全一致"
                )
            };
            out.push(FileIssue {
                place: place.clone(),
                message,
            });
        }
        // A 考核单位 one character away from a unit the items already have, and not itself one.
        let mut named: Vec<(&str, &Provenance)> = Vec::new();
        for (key, (unit, _)) in &mapping.rows {
            let Some(place) = mapping.places.get(key) else {
                continue;
            };
            match named.iter_mut().find(|(u, _)| u == unit) {
                Some((_, first)) if place.row < first.row => *first = place,
                Some(_) => {}
                None => named.push((unit, place)),
            }
        }
        named.sort_by_key(|(_, place)| place.row);
        for (unit, place) in named {
            if self.default_units.contains(unit) {
                continue;
            }
            if let Some(near) = self.default_units.iter().find(|u| one_char_apart(unit, u)) {
                out.push(FileIssue {
                    place: place.clone(),
                    message: format!(
                        "考核单位「{unit}」与已有的单位「{near}」只差一个字，会作为另一个单位单独计分；如是笔误，请改为「{near}」"
                    ),
                });
            }
        }
        if !self.uncovered.is_empty() {
            let what = if mapping.mode == UnitMode::Region {
                "区划"
            } else {
                "实施主体"
            };
            let how = match mapping.mode {
                UnitMode::Default => "按默认划分",
                UnitMode::Subject => "按实施主体划分",
                UnitMode::Region => "按区划划分",
            };
            let names: Vec<&str> = self
                .uncovered
                .keys()
                .take(UNCOVERED_SHOWN)
                .map(String::as_str)
                .collect();
            let more = if self.uncovered.len() > UNCOVERED_SHOWN {
                "等"
            } else {
                ""
            };
            let items: usize = self.uncovered.values().sum();
            out.push(FileIssue {
                place: Provenance::file(source.as_str()),
                message: format!(
                    "以下{what}不在对照表中，{how}: {}{more}（共 {} 个{what}、{items} 个事项）",
                    names.join("、"),
                    self.uncovered.len()
                ),
            });
        }
        out
    }
}

/// The name among `names` most like `key` (a typo or a shortened name: 东至县市场监管局 for
/// 东至县市场监督管理局), when at least two thirds of the longer one's characters are shared in
/// order.
fn closest<'a>(key: &str, names: impl Iterator<Item = &'a String>) -> Option<&'a str> {
    let a: Vec<char> = key.chars().collect();
    names
        .filter_map(|name| {
            let b: Vec<char> = name.chars().collect();
            let common = lcs(&a, &b);
            let longer = a.len().max(b.len());
            (common * 3 >= longer * 2).then_some((common * 1000 / longer.max(1), name.as_str()))
        })
        .max_by_key(|(score, _)| *score)
        .map(|(_, name)| name)
}

/// Whether two names of the same length differ in exactly one character.
fn one_char_apart(a: &str, b: &str) -> bool {
    a.chars().count() == b.chars().count()
        && a.chars().zip(b.chars()).filter(|(x, y)| x != y).count() == 1
}

/// Length of the longest common subsequence of two short texts.
fn lcs(a: &[char], b: &[char]) -> usize {
    let mut prev = vec![0usize; b.len() + 1];
    for &x in a {
        let mut cur = vec![0usize; b.len() + 1];
        for (j, &y) in b.iter().enumerate() {
            cur[j + 1] = if x == y {
                prev[j] + 1
            } else {
                cur[j].max(prev[j + 1])
            };
        }
        prev = cur;
    }
    prev[b.len()]
}
