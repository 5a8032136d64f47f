//! Codes (实施编码, 实施主体编码, 基本编码) that a JSON export wrote as numbers, not as texts.
//!
//! serde_json is built without `arbitrary_precision`, so a number reaches the reader as a `u64`,
//! an `i64` or an `f64`. An integer is read whole: `111301009001`, or an 18-digit 实施主体编码
//! (within `u64`), is the code as written. A number beyond `u64` is parsed as an `f64`, which
//! keeps 15–17 significant digits: a 31-digit 实施编码 written as a number
//! (`1134170000312541513000117035000`) is read as `1.1341700003125415e+30`. Every digit is still
//! in the file, though: a record in the tool's own keys is read again for its code elements'
//! raw text ([`mend_own`]), and an integer written out in digits is the code as written, however
//! long (h34). A number in scientific notation (`1.13417E+30`), and a text in it
//! (`"1.13417E+30"`, an Excel cell turned JSON), did lose its digits. An `f64` with an integral
//! value below 2^53 (`104002000.0`) is still exact. A number cannot begin with 0: a 基本编码 (12
//! digits, often begun with zeros: `000104002000`) lost its leading zeros.
//!
//! As the workbook reader does (`sheet/numbers.rs`): a 基本编码 of 9–11 digits gets its zeros
//! back; a code that cannot be told back is marked on its item ([`crate::model::UnreadLists`]),
//! so B04 does not judge it (not charged for the export); and one warning per file and element
//! says so, naming the records ([`CodeNumbers::notices`]).
//!
//! Not here: phones written as numbers (`json_labels/notice.rs`), the workbook's numbers.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;
use serde_json::value::RawValue;

use crate::model::text::looks_scientific;
use crate::model::{Item, ItemField, Provenance};
use crate::source::listed_materials::{SHOWN, note_place, places_text};
use crate::source::sheet::numbers::{code_not_judged, restored_basic_code};
use crate::source::{Notice, NoticeLevel};

/// The code elements.
const CODES: [ItemField; 3] = [
    ItemField::Code,
    ItemField::SubjectCode,
    ItemField::BasicCode,
];

/// Whether `field` is a code element a number can damage.
pub(crate) fn is_code(field: ItemField) -> bool {
    CODES.contains(&field)
}

/// The largest integer every smaller one of which an `f64` holds exactly (2^53).
const EXACT_F64: f64 = 9_007_199_254_740_992.0;

/// What a code element written as a number reads as ([`code_number`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum CodeNumber {
    /// The number is the code's digits exactly: an integer, or a float with an integral value
    /// below 2^53 (`104002000.0` is `104002000`).
    Exact(String),
    /// A 基本编码 of 9–11 digits with its leading zeros given back (`104002000` →
    /// `000104002000`).
    Restored(String),
    /// Digits lost: a number beyond what an `f64` holds exactly, or scientific notation.
    Damaged,
}

/// How `v`, the value of code element `field`, reads when the export wrote it as a number (or in
/// scientific notation): `None` when it is a text, which is the code as written.
pub(crate) fn code_number(field: ItemField, v: &Value) -> Option<CodeNumber> {
    let digits = match v {
        Value::Number(n) => {
            if let Some(u) = n.as_u64() {
                u.to_string()
            } else if let Some(i) = n.as_i64() {
                i.to_string()
            } else {
                let f = n.as_f64()?;
                if !f.is_finite() || f.abs() >= EXACT_F64 {
                    return Some(CodeNumber::Damaged);
                }
                if f.fract() != 0.0 {
                    // `1.5` lost nothing: no code, but what was written.
                    return Some(CodeNumber::Exact(n.to_string()));
                }
                format!("{f:.0}")
            }
        }
        Value::String(s) if looks_scientific(s) => return Some(CodeNumber::Damaged),
        _ => return None,
    };
    Some(of_digits(field, digits))
}

/// What an integer's `digits`, written as code element `field`, read as: the code, or a 基本编码
/// with its leading zeros back.
fn of_digits(field: ItemField, digits: String) -> CodeNumber {
    if field == ItemField::BasicCode
        && let Some(code) = restored_basic_code(&digits)
    {
        return CodeNumber::Restored(code);
    }
    CodeNumber::Exact(digits)
}

/// How code element `field` reads from its value's raw JSON text (`raw`): an integer written
/// out in digits is read from them, every one kept, however long; anything else as
/// [`code_number`] reads its parsed value.
fn code_literal(field: ItemField, raw: &str) -> Option<CodeNumber> {
    if !raw.is_empty() && raw.bytes().all(|b| b.is_ascii_digit()) {
        return Some(of_digits(field, raw.to_owned()));
    }
    code_number(field, &serde_json::from_str(raw).ok()?)
}

/// The raw JSON text of a record's code elements in the tool's own keys (unknown keys skipped).
#[derive(serde::Deserialize)]
struct RawCodes<'a> {
    #[serde(borrow, default)]
    code: Option<&'a RawValue>,
    #[serde(borrow, default)]
    subject_code: Option<&'a RawValue>,
    #[serde(borrow, default)]
    basic_code: Option<&'a RawValue>,
}

/// Whether the text an item's code element was read as may be a number's that differs from the
/// code it was: a float's (`1.1341700003125415e+30`, `104002000.0`), scientific notation, or a
/// 基本编码 of 9–11 digits. A code read from a text is almost never one, so the record is parsed
/// again only for these ([`mend_own`]).
fn may_be_number(field: ItemField, text: &str) -> bool {
    let t = text.trim();
    t.bytes().any(|b| b.is_ascii_digit())
        && t.bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'+' | b'-'))
        && (t.contains(['.', 'e', 'E'])
            || field == ItemField::BasicCode && restored_basic_code(t).is_some())
}

/// Reads again the codes of `item`, parsed in the tool's own keys from record `text`, that the
/// record wrote as numbers ([`mend`]). Costs nothing for an item whose codes are texts, as
/// nearly all are.
pub(crate) fn mend_own(item: &mut Item, text: &str, found: &mut CodeNumbers) {
    if !CODES.iter().any(|&f| {
        let v = item.get(f);
        may_be_number(f, v) && (looks_scientific(v.trim()) || written_as_number(text, f.key()))
    }) {
        return;
    }
    // The values' raw text, not their parsed value: a 31-digit integer keeps every digit.
    let Ok(raw) = serde_json::from_str::<RawCodes>(text) else {
        return;
    };
    let place = item.provenance.clone();
    for (field, v) in CODES
        .into_iter()
        .zip([raw.code, raw.subject_code, raw.basic_code])
    {
        if let Some(v) = v {
            let read = code_literal(field, v.get());
            mend_read(item, (field, field.key()), read, &place, found);
        }
    }
}

/// Whether record `text` writes some value of `key` as a JSON number (`"basic_code": 104002000`),
/// not as a text: a code too short or with a dot is most often a text so written (a wrong code
/// B04 judges; only a text in scientific notation is read again), and parsing the record again
/// for it would cost as much as the first parse.
fn written_as_number(text: &str, key: &str) -> bool {
    let quoted = format!("\"{key}\"");
    text.match_indices(&quoted).any(|(at, _)| {
        text[at + quoted.len()..]
            .trim_start()
            .strip_prefix(':')
            .is_some_and(|v| {
                v.trim_start()
                    .starts_with(|c: char| c.is_ascii_digit() || c == '-')
            })
    })
}

/// Reads code element `field` of `item` (under `key` in the record read at `place`, value `v`,
/// written in the record as `literal` when that is known: [`raw_value`]) as [`code_literal`] or
/// [`code_number`] says: the digits of an exact number, a 基本编码 with its zeros back, or a
/// damaged code marked on the item ([`crate::model::UnreadLists`]); the last two noted in
/// `found` for the file's notice.
pub(crate) fn mend(
    item: &mut Item,
    (field, key): (ItemField, &str),
    (v, literal): (&Value, Option<&str>),
    place: &Provenance,
    found: &mut CodeNumbers,
) {
    let read = match literal {
        Some(literal) => code_literal(field, literal),
        None => code_number(field, v),
    };
    mend_read(item, (field, key), read, place, found);
}

/// The raw JSON text of the value under `key` of record `text` (of the object under `group`,
/// when the record groups its fields): a number's digits as written, every one.
pub(crate) fn raw_value<'a>(text: &'a str, group: Option<&str>, key: &str) -> Option<&'a str> {
    type Raw<'a> = std::collections::HashMap<String, &'a RawValue>;
    let record = serde_json::from_str::<Raw<'a>>(text).ok()?;
    let raw = match group {
        Some(group) => *serde_json::from_str::<Raw<'a>>(record.get(group)?.get())
            .ok()?
            .get(key)?,
        None => *record.get(key)?,
    };
    Some(raw.get())
}

/// Sets code element `field` of `item` as `read` (by [`code_number`] or [`code_literal`]) says,
/// as [`mend`] does.
fn mend_read(
    item: &mut Item,
    (field, key): (ItemField, &str),
    read: Option<CodeNumber>,
    place: &Provenance,
    found: &mut CodeNumbers,
) {
    let Some(read) = read else {
        return;
    };
    let written = item.get(field).trim().to_owned();
    match read {
        CodeNumber::Exact(digits) => *item.get_mut(field) = digits,
        CodeNumber::Restored(code) => {
            found.add((field, key), place, &item.name, (&written, Some(&code)));
            *item.get_mut(field) = code;
        }
        CodeNumber::Damaged => {
            match field {
                ItemField::Code => item.unread.code = true,
                ItemField::SubjectCode => item.unread.subject_code = true,
                ItemField::BasicCode => item.unread.basic_code = true,
                _ => return,
            }
            found.add((field, key), place, &item.name, (&written, None));
        }
    }
}

/// The codes of one file's records that were numbers, by element, key and whether they were
/// given back, for one notice each ([`CodeNumbers::notices`]).
pub(crate) type CodeNumbers = SeenBy<(ItemField, String, bool)>;

/// One file's records whose value was a number, by what one notice covers (`K`): the codes'
/// element and key here, the phones' key in `phones`.
#[derive(Debug)]
pub(crate) struct SeenBy<K> {
    pub(super) seen: BTreeMap<K, Seen>,
    /// Whether the places are lines (NDJSON) rather than records (an array).
    pub(super) lines: bool,
}

impl<K> Default for SeenBy<K> {
    fn default() -> Self {
        Self {
            seen: BTreeMap::new(),
            lines: false,
        }
    }
}

impl<K: Ord> SeenBy<K> {
    /// Notes a record at `place` (item `name`) under `key` whose value was read as `written`
    /// and given back as `restored`.
    pub(super) fn note(&mut self, key: K, place: &Provenance, name: &str, values: (&str, &str)) {
        self.seen
            .entry(key)
            .or_default()
            .note(place, &mut self.lines, name, values);
    }

    /// Whether no record had a value written as a number.
    pub(crate) fn is_empty(&self) -> bool {
        self.seen.is_empty()
    }

    /// Adds another part's (a batch of the streaming check's lines).
    pub(crate) fn merge(&mut self, other: Self) {
        self.lines |= other.lines;
        for (k, o) in other.seen {
            self.seen.entry(k).or_default().merge(o);
        }
    }
}

/// Records of one key whose value was a number (a code here, a phone in `phones`), for one
/// notice: how many, where the first are, and the first of them.
#[derive(Debug, Default)]
pub(super) struct Seen {
    pub(super) count: usize,
    /// The smallest line or record numbers of them.
    pub(super) places: BTreeSet<u64>,
    /// The first of them: its place, the item's name, the value as read and as given back.
    pub(super) example: Option<(u64, String, String, String)>,
}

impl Seen {
    /// Notes a record at `place` (item `name`) whose value was read as `written` and given back
    /// as `restored`; `lines` says whether places are lines (NDJSON) rather than records.
    pub(super) fn note(
        &mut self,
        place: &Provenance,
        lines: &mut bool,
        name: &str,
        (written, restored): (&str, &str),
    ) {
        self.count += 1;
        note_place(place, lines, &mut self.places);
        let at = place.row.or(place.record).unwrap_or(0);
        if self.example.as_ref().is_none_or(|(first, ..)| at < *first) {
            self.example = Some((
                at,
                name.trim().to_owned(),
                written.to_owned(),
                restored.to_owned(),
            ));
        }
    }

    /// Adds another part's records of the same key.
    pub(super) fn merge(&mut self, other: Seen) {
        self.count += other.count;
        self.places.extend(other.places);
        while self.places.len() > SHOWN {
            self.places.pop_last();
        }
        if let Some(example) = other.example
            && self
                .example
                .as_ref()
                .is_none_or(|(first, ..)| example.0 < *first)
        {
            self.example = Some(example);
        }
    }
}

impl CodeNumbers {
    /// Notes a record at `place` (item `name`) whose code element `field`, under `key`, was a
    /// number read as `written`, and given back as `restored` if it could be.
    fn add(
        &mut self,
        (field, key): (ItemField, &str),
        place: &Provenance,
        name: &str,
        (written, restored): (&str, Option<&str>),
    ) {
        self.note(
            (field, key.to_owned(), restored.is_some()),
            place,
            name,
            (written, restored.unwrap_or_default()),
        );
    }

    /// One warning for file `name` per element and key whose codes were numbers: those given
    /// back, and those damaged past telling (not judged by B04).
    pub(crate) fn notices(&self, name: &str) -> Vec<Notice> {
        self.seen
            .iter()
            .map(|((field, key, restored), seen)| {
                let label = field.label();
                let element = if key == label {
                    format!("「{label}」")
                } else {
                    format!("「{key}」（{label}）")
                };
                let at = places_text(self.lines, &seen.places, seen.count);
                let (_, item, written, back) = seen.example.clone().unwrap_or_default();
                let whose = if item.is_empty() {
                    String::new()
                } else {
                    format!("「{item}」的")
                };
                let message = if *restored {
                    format!(
                        "{name} 中有 {} 条事项的{element}写成了数字{at}，编码开头的 0 已丢失，已补回再检查（如{whose}「{written}」按「{back}」检查）。请让导出程序把编码写成文本（加引号的字符串）后重新导出",
                        seen.count
                    )
                } else {
                    format!(
                        "{name} 中有 {} 条事项的{element}写成了数字{at}，数字只能保存 15–17 位有效数字，编码后面的位已丢失（如{whose}「{written}」），与平台上公布的编码不同，无法还原：{}。请让导出程序把编码写成文本（加引号的字符串）后重新导出",
                        seen.count,
                        code_not_judged(*field).unwrap_or_default()
                    )
                };
                Notice {
                    level: NoticeLevel::Warning,
                    provenance: Provenance::file(name),
                    message,
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn number(field: ItemField, json: &str) -> Option<CodeNumber> {
        code_number(field, &serde_json::from_str(json).unwrap())
    }

    /// Only a record that writes the code as a number is parsed again: a short code written as
    /// a text is the text.
    #[test]
    fn a_code_written_as_a_number_is_told_from_the_text() {
        for (text, want) in [
            (r#"{"name":"a","basic_code":104002000}"#, true),
            (r#"{"basic_code" : 1.04002e8}"#, true),
            (r#"{"name":"a","basic_code":"104002000"}"#, false),
            (r#"{"name":"basic_code","code":"1"}"#, false),
            (r#"{"name":"a"}"#, false),
        ] {
            assert_eq!(written_as_number(text, "basic_code"), want, "{text}");
        }
    }

    /// An integer is the code; a float past 2^53, or scientific notation, lost digits; a
    /// 基本编码 of 9–11 digits gets its zeros back, also from a float with an integral value.
    #[test]
    fn a_number_reads_as_its_digits_its_code_or_damaged() {
        use CodeNumber::{Damaged, Exact, Restored};
        use ItemField::{BasicCode, Code, SubjectCode};
        let exact = |s: &str| Some(Exact(s.to_owned()));
        let restored = |s: &str| Some(Restored(s.to_owned()));
        assert_eq!(
            number(Code, "1134170000312541513000117035000"),
            Some(Damaged)
        );
        assert_eq!(number(Code, "1.13417E+30"), Some(Damaged));
        assert_eq!(number(Code, r#""1.13417E+30""#), Some(Damaged));
        assert_eq!(number(Code, r#""1134170000312541513000117035000""#), None);
        assert_eq!(
            number(SubjectCode, "113417000031254151"),
            exact("113417000031254151")
        );
        assert_eq!(number(SubjectCode, "1.1341700003125415e17"), Some(Damaged));
        assert_eq!(number(BasicCode, "117035000"), restored("000117035000"));
        assert_eq!(number(BasicCode, "104002000.0"), restored("000104002000"));
        assert_eq!(number(BasicCode, "111301009001"), exact("111301009001"));
        assert_eq!(number(BasicCode, "111301009001.0"), exact("111301009001"));
        // Eight digits are no 基本编码 a number shortened; `1.5` lost nothing.
        assert_eq!(number(BasicCode, "12345678"), exact("12345678"));
        assert_eq!(number(Code, "1.5"), exact("1.5"));
        assert_eq!(number(BasicCode, r#""000104002000""#), None);
        assert_eq!(number(Code, "null"), None);
    }

    /// An integer's raw text is read digit for digit, however long (h34, j08_bigint_codes.json);
    /// a float or scientific notation as its value reads.
    #[test]
    fn an_integer_is_read_from_its_digits() {
        use CodeNumber::{Damaged, Exact, Restored};
        use ItemField::{BasicCode, Code};
        let exact = |s: &str| Some(Exact(s.to_owned()));
        assert_eq!(
            code_literal(Code, "1134170000312541513000117035000"),
            exact("1134170000312541513000117035000")
        );
        assert_eq!(code_literal(Code, "1.13417E+30"), Some(Damaged));
        assert_eq!(
            code_literal(Code, "1.134170000312541513000117035000e30"),
            Some(Damaged)
        );
        assert_eq!(code_literal(Code, r#""1.13417E+30""#), Some(Damaged));
        assert_eq!(
            code_literal(Code, r#""1134170000312541513000117035000""#),
            None
        );
        assert_eq!(
            code_literal(BasicCode, "117035000"),
            Some(Restored("000117035000".to_owned()))
        );
        assert_eq!(
            code_literal(BasicCode, "104002000.0"),
            Some(Restored("000104002000".to_owned()))
        );
        assert_eq!(code_literal(Code, "null"), None);
    }

    /// What the tool's own keys read a number as, which [`may_be_number`] must tell from a
    /// text code without parsing the record again.
    #[test]
    fn the_texts_numbers_read_as_are_told_from_codes() {
        let item: Item = serde_json::from_str(
            r#"{"code":1134170000312541513000117035000,"basic_code":104002000.0,"subject_code":113417000031254151}"#,
        )
        .unwrap();
        // The last digit as serde_json's `float_roundtrip` (on in the tests) rounds it.
        assert!(
            item.code.starts_with("1.13417000031254") && item.code.ends_with("e+30"),
            "{}",
            item.code
        );
        assert_eq!(item.basic_code, "104002000.0");
        assert!(may_be_number(ItemField::Code, &item.code));
        assert!(may_be_number(ItemField::BasicCode, &item.basic_code));
        assert!(may_be_number(ItemField::BasicCode, "117035000"));
        for code in [
            "1134170000312541513000117035000",
            "11341700MB1526185H4000113001000",
            "000117035000",
            "",
        ] {
            assert!(!may_be_number(ItemField::Code, code), "{code}");
            assert!(!may_be_number(ItemField::BasicCode, code), "{code}");
        }
    }
}
