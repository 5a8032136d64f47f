//! Item codes seen twice: where each 实施编码 was first seen, kept small enough for a province's
//! streaming check, and the hashing its table (and other text tables) use.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::path::Path;
use std::sync::Arc;

use super::{Notice, NoticeLevel, Record, TEXT_TABLE_EXTENSIONS, extension};
use crate::model::Provenance;

/// Remembers where each 实施编码 was first seen, and warns when a code comes again.
///
/// Used by [`read_inputs_with`](super::read_inputs_with) and by the streaming check, so both emit the same notices. This
/// is the one thing a streaming check keeps per item, so it is kept small: a 64-bit hash of the
/// code and its first place packed into another 64 bits (file and sheet are stored once and
/// referred to by index), ≈ 16–32 bytes per distinct code with the hash table's slack — ≈ 30 MB
/// for 10^6 codes instead of ≈ 150 MB with the codes themselves. Two different codes would have
/// to share a 64-bit hash to be reported as the same (for 10^6 codes, a chance of about 3 in
/// 10^8); the notice quotes the code read, so such a report would be recognisable.
#[derive(Default)]
pub struct DuplicateCodes {
    seen: HashMap<u64, u64, BuildHasherDefault<PreHashed>>,
    /// First places that do not fit the packed form (both a row and a record number, or numbers
    /// of 2^40 and more): rare, kept as they are.
    wide: HashMap<u64, FirstSeen>,
    places: Vec<(Arc<str>, Option<Arc<str>>)>,
}

/// Where a code was first seen: an index into the places, and the row or record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct FirstSeen {
    place: u32,
    row: Option<u64>,
    record: Option<u64>,
}

/// Bits of a packed first place: 22 bits of place index, 2 bits of kind, 40 bits of number.
const NUMBER_BITS: u32 = 40;
const PLACE_BITS: u32 = 22;

impl FirstSeen {
    /// `[place:22][kind:2][number:40]`, kind 0 = neither, 1 = row, 2 = record; `None` when it
    /// does not fit.
    fn pack(self) -> Option<u64> {
        let (kind, n) = match (self.row, self.record) {
            (None, None) => (0u64, 0u64),
            (Some(r), None) => (1, r),
            (None, Some(r)) => (2, r),
            (Some(_), Some(_)) => return None,
        };
        (n < 1 << NUMBER_BITS && self.place < 1 << PLACE_BITS)
            .then(|| u64::from(self.place) << (NUMBER_BITS + 2) | kind << NUMBER_BITS | n)
    }

    fn unpack(v: u64) -> Self {
        let n = v & ((1 << NUMBER_BITS) - 1);
        let kind = (v >> NUMBER_BITS) & 3;
        Self {
            place: u32::try_from(v >> (NUMBER_BITS + 2)).unwrap_or(u32::MAX),
            row: (kind == 1).then_some(n),
            record: (kind == 2).then_some(n),
        }
    }
}

/// A hasher for keys that are hashes already (those of [`DuplicateCodes`], of the rules' verdict
/// cache and of the shared lists' tables): uses them as they are.
#[derive(Default)]
pub(crate) struct PreHashed(u64);

/// A map keyed by a hash made beforehand ([`hash_bytes`]), not hashed again.
pub(crate) type ByHash<V> = HashMap<u64, V, BuildHasherDefault<PreHashed>>;

/// The (FxHash) hash of some bytes, for a [`ByHash`] map of texts that are then compared in full.
pub(crate) fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut h = rustc_hash::FxHasher::default();
    h.write(bytes);
    h.finish()
}

impl Hasher for PreHashed {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        // Only `write_u64` is used; fold anything else in so the hasher stays correct.
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// A code's 64-bit key: SipHash with fixed keys, the same in every run.
fn code_key(code: &str) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    h.write(code.as_bytes());
    h.finish()
}

/// How the notice of a repeated 实施编码 begins: the terminal folds them into one line.
pub const DUPLICATE_CODE: &str = "实施编码 ";

/// What the notice of a repeated 实施编码 says when the code is one a number cell damaged
/// (rounded to 15 significant digits, or scientific notation): different codes made the same,
/// not an item read twice. The terminal folds these apart from the others.
pub const ROUNDED_CODE: &str = "被当作数字保存，后面的位已丢失";

impl DuplicateCodes {
    /// A warning when `record` is an item whose code was seen before.
    pub fn check(&mut self, record: &Record) -> Option<Notice> {
        let Record::Item(item) = record else {
            return None;
        };
        self.check_code(&item.code, &item.provenance)
    }

    /// A warning when `code` (read at `provenance`) was seen before; otherwise remembers it.
    pub fn check_code(&mut self, code: &str, provenance: &Provenance) -> Option<Notice> {
        let code = code.trim();
        if code.is_empty() {
            return None;
        }
        let key = code_key(code);
        let first = match self.seen.get(&key) {
            Some(&packed) => Some(FirstSeen::unpack(packed)),
            None => self.wide.get(&key).copied(),
        };
        if let Some(first) = first {
            let (source, sheet) = &self.places[first.place as usize];
            let first = Provenance {
                source: source.clone(),
                sheet: sheet.clone(),
                row: first.row,
                record: first.record,
            };
            let message = if super::sheet::is_damaged_code(code) {
                format!(
                    "{DUPLICATE_CODE}\"{code}\" 重复: {provenance} 与 {first} 的实施编码{ROUNDED_CODE}，不同的编码变成了同一个数，不是同一事项读了两次；两条都会检查。请把实施编码列设为文本格式后重新导出"
                )
            } else {
                format!(
                    "{DUPLICATE_CODE}\"{code}\" 重复: {} 与 {} 是同一编码，两条都会检查{}",
                    provenance,
                    first,
                    children_of_both(provenance, &first)
                )
            };
            return Some(Notice {
                level: NoticeLevel::Warning,
                provenance: provenance.clone(),
                message,
            });
        }
        let first = FirstSeen {
            place: self.place(provenance),
            row: provenance.row,
            record: provenance.record,
        };
        match first.pack() {
            Some(packed) => self.seen.insert(key, packed),
            None => self.wide.insert(key, first).map(|_| 0),
        };
        None
    }

    /// The index of the provenance's file and sheet, added when new.
    fn place(&mut self, p: &Provenance) -> u32 {
        let same = |(source, sheet): &(Arc<str>, Option<Arc<str>>)| {
            *source == p.source && *sheet == p.sheet
        };
        // Items come file by file: the last place is almost always the one.
        if let Some(i) = self.places.iter().rposition(same) {
            return u32::try_from(i).unwrap_or(u32::MAX);
        }
        self.places.push((p.source.clone(), p.sheet.clone()));
        u32::try_from(self.places.len() - 1).unwrap_or(u32::MAX)
    }
}

/// Where the child rows (申请材料, 办理流程 …) of a code read twice go, as the sheet reader links
/// them: a workbook's child sheets link to its own items only, and within one workbook (one
/// `.xlsx`, or all of a run's CSV files together) a code's rows go to its first item. Nothing to
/// say when neither item was read from a table (JSON items carry their own lists).
fn children_of_both(second: &Provenance, first: &Provenance) -> &'static str {
    let text_table =
        |p: &Provenance| TEXT_TABLE_EXTENSIONS.contains(&extension(Path::new(&*p.source)).as_str());
    let table = |p: &Provenance| p.sheet.is_some() || text_table(p);
    if !table(second) && !table(first) {
        ""
    } else if second.source == first.source {
        "（两条在同一工作簿中：子表里这个编码的行都归入先出现的一条）"
    } else if text_table(second) && text_table(first) {
        "（本次读取的 CSV 等文本表格合起来关联：子表里这个编码的行都归入先出现的一条）"
    } else {
        "（两条在不同文件中：每个文件子表里的行只归入本文件的事项）"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_places_survive_packing() {
        for first in [
            FirstSeen {
                place: 0,
                row: None,
                record: None,
            },
            FirstSeen {
                place: 3,
                row: Some(2),
                record: None,
            },
            FirstSeen {
                place: (1 << PLACE_BITS) - 1,
                row: None,
                record: Some((1 << NUMBER_BITS) - 1),
            },
        ] {
            assert_eq!(first.pack().map(FirstSeen::unpack), Some(first));
        }
        // What does not fit is kept unpacked.
        assert_eq!(
            FirstSeen {
                place: 0,
                row: Some(1),
                record: Some(1)
            }
            .pack(),
            None
        );
        assert_eq!(
            FirstSeen {
                place: 0,
                row: Some(1 << NUMBER_BITS),
                record: None
            }
            .pack(),
            None
        );
    }

    #[test]
    fn a_repeated_code_names_its_first_place() {
        let mut d = DuplicateCodes::default();
        let code = "11341700003201234A3000111301009";
        let first = Provenance {
            record: Some(4),
            row: Some(9),
            ..Provenance::row("a.xlsx", 9)
        };
        assert!(
            d.check_code(code, &Provenance::row("清单.ndjson", 7))
                .is_none()
        );
        assert!(
            d.check_code("11341700003201234A3000111301010", &first)
                .is_none()
        );
        let n = d
            .check_code(
                &format!(" {code} "),
                &Provenance::row("清单.ndjson", 1_000_000),
            )
            .unwrap();
        assert!(n.message.contains(code), "{}", n.message);
        assert!(
            n.message.contains("清单.ndjson") && n.message.contains('7'),
            "{}",
            n.message
        );
        // The unpackable first place (row and record) is kept too.
        let n = d
            .check_code(
                "11341700003201234A3000111301010",
                &Provenance::row("b.ndjson", 2),
            )
            .unwrap();
        assert!(n.message.contains("a.xlsx"), "{}", n.message);
        assert!(d.check_code("", &Provenance::row("b.ndjson", 3)).is_none());
    }

    /// The notice says where the child rows of a code read twice went, as the sheet reader links
    /// them: one workbook's (or the run's CSV files') to the first item, each workbook's to its
    /// own; JSON items carry their own lists, and nothing is said.
    #[test]
    fn a_repeated_code_says_where_its_child_rows_went() {
        let code = "11341700MB181000583000110000000";
        let second = |first: Provenance, second: Provenance| {
            let mut d = DuplicateCodes::default();
            assert!(d.check_code(code, &first).is_none());
            d.check_code(code, &second).unwrap().message
        };
        let xlsx = |file: &str, row| Provenance::sheet_row(file, "事项基本信息", row);
        let m = second(xlsx("池州市.xlsx", 3), xlsx("池州市.xlsx", 9));
        assert!(
            m.ends_with("（两条在同一工作簿中：子表里这个编码的行都归入先出现的一条）"),
            "{m}"
        );
        let m = second(xlsx("池州市.xlsx", 3), xlsx("贵池区.xlsx", 3));
        assert!(
            m.ends_with("（两条在不同文件中：每个文件子表里的行只归入本文件的事项）"),
            "{m}"
        );
        let m = second(
            Provenance::row("事项.csv", 2),
            Provenance::row("事项2.csv", 2),
        );
        assert!(
            m.contains("CSV 等文本表格合起来关联") && m.contains("先出现的一条"),
            "{m}"
        );
        let m = second(
            Provenance::row("清单.ndjson", 2),
            Provenance::row("清单2.ndjson", 2),
        );
        assert!(m.ends_with("两条都会检查"), "{m}");
    }
}
