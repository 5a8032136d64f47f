//! The JSON report writer and reader.

use std::io::Write;

use super::{ItemEntry, ItemStatus, Report};
use crate::model::{Finding, Outcome, Provenance, Severity};
use crate::unit::UnitKind;

/// Writes the report as pretty JSON.
pub fn write(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, report)?;
    out.write_all(b"\n")
}

/// Reads a report written by [`write()`].
///
/// The version is read first, by a pass that keeps nothing else; the report is then read
/// straight into its types. Reading it through a `serde_json::Value` held the whole document as
/// a tree: 1.18 GB for the 171 MB report of 10^5 items, seven times the text (BENCHMARKS.md,
/// session 19).
pub fn read(text: &str) -> Result<Report, String> {
    let head: Head = serde_json::from_str(text).map_err(|e| format!("不是 JSON 报告: {e}"))?;
    let version = head.version();
    if version != Some(u64::from(super::SCHEMA_VERSION)) {
        return Err(format!(
            "报告版本 {version:?} 与本工具支持的版本 {} 不同",
            super::SCHEMA_VERSION
        ));
    }
    serde_json::from_str(text).map_err(|e| format!("报告内容不完整: {e}"))
}

/// [`read`] from a reader (a report file), without holding the report's text: 1.7 GB for 10^6
/// items, a third of what reading it as text took at its peak. The version is checked after the
/// report is read, and a report that does not read is read once more for its version only, so
/// that a report of another version says so rather than naming a missing field.
pub fn read_from<R: std::io::Read + std::io::Seek>(mut input: R) -> Result<Report, String> {
    let first = serde_json::from_reader::<_, Report>(std::io::BufReader::with_capacity(
        1 << 20,
        &mut input,
    ));
    let version_error = |version: Option<u64>| {
        format!(
            "报告版本 {version:?} 与本工具支持的版本 {} 不同",
            super::SCHEMA_VERSION
        )
    };
    match first {
        Ok(report) if report.schema_version == super::SCHEMA_VERSION => Ok(report),
        Ok(report) => Err(version_error(Some(u64::from(report.schema_version)))),
        Err(e) => {
            input
                .seek(std::io::SeekFrom::Start(0))
                .map_err(|e| format!("无法再次读取报告: {e}"))?;
            let head: Head = serde_json::from_reader(std::io::BufReader::new(input))
                .map_err(|e| format!("不是 JSON 报告: {e}"))?;
            match head.version() {
                Some(v) if v == u64::from(super::SCHEMA_VERSION) => {
                    Err(format!("报告内容不完整: {e}"))
                }
                v => Err(version_error(v)),
            }
        }
    }
}

/// Only a report's version; every other field is skipped without being kept.
#[derive(serde::Deserialize)]
struct Head {
    #[serde(default)]
    schema_version: Option<serde_json::Value>,
}

impl Head {
    fn version(&self) -> Option<u64> {
        self.schema_version
            .as_ref()
            .and_then(serde_json::Value::as_u64)
    }
}

/// Appends `value` to `out` exactly as [`write()`] prints it as an element of a top-level array
/// field of the report (`items`, `findings`): serde_json's pretty printer (indent 2) starting
/// two levels deep, so every line, the first included, is indented by four more spaces.
///
/// Printing at the right depth directly saves a second pass that re-indents every line. The
/// streaming check writes item entries and findings with [`write_item_entry`] and
/// [`write_finding`], which the tests compare with this.
pub fn write_array_element<T: serde::Serialize + ?Sized>(value: &T, out: &mut Vec<u8>) {
    /// Depth of an element of a top-level array: report object, then the array.
    const ELEMENT_DEPTH: usize = 2;
    out.extend_from_slice(b"    ");
    let mut ser = serde_json::Serializer::with_formatter(
        &mut *out,
        Nested {
            current_indent: ELEMENT_DEPTH,
            has_value: false,
        },
    );
    // Writing into a Vec cannot fail, and the report's types serialise without error (maps have
    // string keys); an error would leave a truncated element, as the old `unwrap_or_default` did.
    let _ = value.serialize(&mut ser);
}

/// `,\n`, the indentation of a field of an element of a top-level array (report object, array,
/// element: six spaces) and `"name": `, as one constant (one copy of a known length, not four).
macro_rules! key {
    ($name:literal) => {
        concat!(",\n      \"", $name, "\": ").as_bytes()
    };
}

/// A JSON string as serde_json writes it: copied whole between quotes when nothing in it needs
/// escaping (the usual case, checked a word at a time), escaped by serde_json otherwise.
fn string(out: &mut Vec<u8>, s: &str) {
    // serde_json escapes exactly these bytes.
    #[expect(
        clippy::needless_bitwise_bool,
        reason = "no early exit, so that the check is vectorised"
    )]
    let plain = !s.bytes().fold(false, |any, b| {
        any | (b < 0x20) | (b == b'"') | (b == b'\\')
    });
    if plain {
        out.reserve(s.len() + 2);
        out.push(b'"');
        out.extend_from_slice(s.as_bytes());
        out.push(b'"');
    } else {
        // Writing into a Vec cannot fail.
        let _ = serde_json::to_writer(&mut *out, s);
    }
}

fn number(out: &mut Vec<u8>, n: u64) {
    // Writing into a Vec cannot fail.
    let _ = serde_json::to_writer(&mut *out, &n);
}

/// A provenance as the value of a field of an array element (its fields one level deeper).
fn provenance(out: &mut Vec<u8>, p: &Provenance) {
    // Every field named, so that a field added to `Provenance` does not compile without a line here.
    let Provenance {
        source,
        sheet,
        row,
        record,
    } = p;
    out.extend_from_slice(b"{\n        \"source\": ");
    string(out, source);
    if let Some(sheet) = sheet {
        out.extend_from_slice(b",\n        \"sheet\": ");
        string(out, sheet);
    }
    if let Some(row) = row {
        out.extend_from_slice(b",\n        \"row\": ");
        number(out, *row);
    }
    if let Some(record) = record {
        out.extend_from_slice(b",\n        \"record\": ");
        number(out, *record);
    }
    out.extend_from_slice(b"\n      }");
}

/// The lines of an entry's `outcomes` object, precomputed for each rule id and outcome: an entry
/// checked in this run has one outcome per rule, in the same order, so that its `i`-th outcome
/// is nearly always the `i`-th id here and is written as one copy.
#[derive(Debug, Default)]
pub struct OutcomeLines {
    ids: Vec<&'static str>,
    /// Per id, per outcome (in [`OUTCOMES`] order): `,\n        "B09": "pass"` padded to
    /// [`LINE`] bytes, and its length; `None` for an id too long for that.
    lines: Vec<Option<[Line; 3]>>,
}

/// An outcome line padded to [`LINE`] bytes, and its length.
type Line = ([u8; LINE], usize);

/// Room for an outcome line: ids of up to 11 bytes (rule ids have 3). Lines are copied whole,
/// padding included, and cut to length: a copy of a constant length is two moves, not a call.
const LINE: usize = 32;

/// The outcomes in the order of [`OutcomeLines::lines`].
const OUTCOMES: [Outcome; 3] = [Outcome::Pass, Outcome::Fail, Outcome::NotApplicable];

impl OutcomeLines {
    /// The lines for these rule ids (any order; an entry's outcomes are sorted by id).
    pub fn new(ids: impl IntoIterator<Item = &'static str>) -> Self {
        let mut ids: Vec<&'static str> = ids.into_iter().collect();
        ids.sort_unstable();
        ids.dedup();
        let lines = ids
            .iter()
            .map(|id| {
                let lines = OUTCOMES.map(|o| {
                    let mut line = Vec::new();
                    outcome_line(&mut line, id, o);
                    let mut padded = [b' '; LINE];
                    let fits = line.len() <= LINE;
                    if fits {
                        padded[..line.len()].copy_from_slice(&line);
                    }
                    fits.then_some((padded, line.len()))
                });
                match lines {
                    [Some(pass), Some(fail), Some(na)] => Some([pass, fail, na]),
                    _ => None,
                }
            })
            .collect();
        Self { ids, lines }
    }

    /// The precomputed line of outcome `o` of rule `id` at position `i` (padded, and its
    /// length), if `id` is the `i`-th id.
    fn get(&self, i: usize, id: &str, o: Outcome) -> Option<&Line> {
        let known = *self.ids.get(i)?;
        // The same slice (an id borrowed from the rule, as `check_slots` puts it), or equal text.
        let same = (known.as_ptr() == id.as_ptr() && known.len() == id.len()) || known == id;
        let slot = match o {
            Outcome::Pass => 0,
            Outcome::Fail => 1,
            Outcome::NotApplicable => 2,
        };
        let lines = self.lines[i].as_ref()?;
        same.then(|| &lines[slot])
    }
}

/// `,\n        "id": "outcome"`, as the pretty printer writes a member of `outcomes`.
fn outcome_line(out: &mut Vec<u8>, id: &str, outcome: Outcome) {
    out.extend_from_slice(b",\n        ");
    string(out, id);
    out.extend_from_slice(b": \"");
    out.extend_from_slice(outcome.key().as_bytes());
    out.push(b'"');
}

/// [`write_array_element`] of an item entry, written field by field instead of through serde's
/// formatter calls: the 34 outcomes of every entry were most of the cost of printing it.
/// The outcome lines come from `lines` when it has them.
/// `tests::an_entry_is_written_as_the_pretty_printer_writes_it` compares this with the pretty
/// printer on every shape of entry (a field added to [`ItemEntry`] without a line here fails it).
pub fn write_item_entry(e: &ItemEntry, lines: &OutcomeLines, out: &mut Vec<u8>) {
    out.extend_from_slice(b"    {\n      \"code\": ");
    string(out, &e.code);
    out.extend_from_slice(key!("name"));
    string(out, &e.name);
    out.extend_from_slice(key!("unit"));
    string(out, &e.unit);
    out.extend_from_slice(key!("unit_kind"));
    out.extend_from_slice(match e.unit_kind {
        UnitKind::Department => b"\"department\"".as_slice(),
        UnitKind::County => b"\"county\"".as_slice(),
    });
    for (name, value) in [
        (key!("item_type"), &e.item_type),
        (key!("subject"), &e.subject),
        (key!("region_code"), &e.region_code),
    ] {
        if !value.is_empty() {
            out.extend_from_slice(name);
            string(out, value);
        }
    }
    out.extend_from_slice(key!("provenance"));
    provenance(out, &e.provenance);
    out.extend_from_slice(key!("status"));
    out.extend_from_slice(match e.status {
        ItemStatus::Checked => b"\"checked\"".as_slice(),
        ItemStatus::Unreadable => b"\"unreadable\"".as_slice(),
    });
    if let Some(reason) = &e.reason {
        out.extend_from_slice(key!("reason"));
        string(out, reason);
    }
    out.extend_from_slice(key!("outcomes"));
    if e.outcomes.is_empty() {
        out.extend_from_slice(b"{}");
    } else {
        // Every line starts with `,\n`: the first line's comma becomes the opening brace.
        let brace = out.len();
        for (i, (id, outcome)) in e.outcomes.iter().enumerate() {
            match lines.get(i, id, *outcome) {
                Some((line, len)) => {
                    let end = out.len() + len;
                    out.extend_from_slice(line);
                    out.truncate(end);
                }
                None => outcome_line(out, id, *outcome),
            }
        }
        out[brace] = b'{';
        out.extend_from_slice(b"\n      }");
    }
    out.extend_from_slice(key!("errors"));
    number(out, e.errors as u64);
    out.extend_from_slice(key!("warnings"));
    number(out, e.warnings as u64);
    out.extend_from_slice(b"\n    }");
}

/// [`write_array_element`] of a finding, written field by field (serde's formatter calls cost
/// about 11 k instructions per finding). Every field is named below, so that a field added to
/// [`Finding`] does not compile without a line here;
/// `tests::a_finding_is_written_as_the_pretty_printer_writes_it` compares the two on every shape.
pub fn write_finding(f: &Finding, out: &mut Vec<u8>) {
    let Finding {
        rule,
        rule_name,
        element,
        severity,
        item_code,
        item_name,
        unit,
        target,
        message,
        evidence,
        suggestion,
        provenance: from,
    } = f;
    out.extend_from_slice(b"    {\n      \"rule\": ");
    string(out, rule);
    out.extend_from_slice(key!("rule_name"));
    string(out, rule_name);
    out.extend_from_slice(key!("element"));
    string(out, element);
    out.extend_from_slice(key!("severity"));
    out.extend_from_slice(match severity {
        Severity::Warning => b"\"warning\"".as_slice(),
        Severity::Error => b"\"error\"".as_slice(),
    });
    out.extend_from_slice(key!("item_code"));
    string(out, item_code);
    out.extend_from_slice(key!("item_name"));
    string(out, item_name);
    out.extend_from_slice(key!("unit"));
    string(out, unit);
    if let Some(target) = target {
        out.extend_from_slice(key!("target"));
        string(out, target);
    }
    out.extend_from_slice(key!("message"));
    string(out, message);
    out.extend_from_slice(key!("evidence"));
    string(out, evidence);
    if !suggestion.is_empty() {
        out.extend_from_slice(key!("suggestion"));
        string(out, suggestion);
    }
    out.extend_from_slice(key!("provenance"));
    provenance(out, from);
    out.extend_from_slice(b"\n    }");
}

/// serde_json's `PrettyFormatter` (indent `"  "`) with a starting depth: its own depth cannot be
/// set. Each method is the pretty printer's, so the bytes are the same as at that depth inside
/// [`write`]'s output.
struct Nested {
    current_indent: usize,
    has_value: bool,
}

impl Nested {
    fn indent<W: ?Sized + Write>(&self, w: &mut W) -> std::io::Result<()> {
        /// Enough for the report's deepest nesting in one write; deeper levels loop.
        const SPACES: &[u8] = b"                ";
        let mut n = 2 * self.current_indent;
        while n > 0 {
            let k = n.min(SPACES.len());
            w.write_all(&SPACES[..k])?;
            n -= k;
        }
        Ok(())
    }

    fn open<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> std::io::Result<()> {
        self.current_indent += 1;
        self.has_value = false;
        w.write_all(bracket)
    }

    fn close<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> std::io::Result<()> {
        self.current_indent -= 1;
        if self.has_value {
            w.write_all(b"\n")?;
            self.indent(w)?;
        }
        w.write_all(bracket)
    }

    fn next<W: ?Sized + Write>(&self, w: &mut W, first: bool) -> std::io::Result<()> {
        w.write_all(if first { b"\n" } else { b",\n" })?;
        self.indent(w)
    }
}

impl serde_json::ser::Formatter for Nested {
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.next(w, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.next(w, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use std::borrow::Cow;

    use super::*;
    use crate::report::ItemStatus;
    use crate::unit::UnitKind;

    /// The plain way: the whole pretty text, then four spaces before every line.
    fn reindented<T: serde::Serialize>(value: &T) -> String {
        let text = serde_json::to_string_pretty(value).expect("serialise");
        text.split('\n')
            .map(|line| format!("    {line}"))
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn element<T: serde::Serialize>(value: &T) -> String {
        let mut out = Vec::new();
        write_array_element(value, &mut out);
        String::from_utf8(out).expect("UTF-8")
    }

    fn entry(text: &str, outcomes: &[(&str, Outcome)], status: ItemStatus) -> ItemEntry {
        ItemEntry {
            code: text.into(),
            name: format!("{text}\n事项"),
            unit: "贵池区".into(),
            unit_kind: UnitKind::County,
            item_type: String::new(),
            subject: text.into(),
            region_code: "341702".into(),
            provenance: Provenance::row("a \"b\".ndjson", 3),
            status,
            reason: (status == ItemStatus::Unreadable).then(|| format!("{text}\t坏")),
            outcomes: outcomes
                .iter()
                .map(|(k, v)| ((*k).to_owned().into(), *v))
                .collect(),
            errors: 1,
            warnings: 0,
        }
    }

    fn finding(text: &str, target: Option<String>) -> Finding {
        Finding {
            rule: "B09".into(),
            rule_name: "handling-address".into(),
            element: "办理地点".into(),
            severity: Severity::Warning,
            item_code: text.into(),
            item_name: "事项".into(),
            unit: "单位".into(),
            target,
            message: format!("「{text}」\u{1}"),
            evidence: text.into(),
            suggestion: String::new(),
            provenance: Provenance::sheet_row("x.xlsx", "申请材料", 12),
        }
    }

    #[test]
    fn empty_collections_and_nesting_print_as_the_pretty_printer_does() {
        let e = entry("", &[], ItemStatus::Unreadable);
        assert!(element(&e).contains("\"outcomes\": {},"), "{}", element(&e));
        assert_eq!(element(&e), reindented(&e));
        let nested = serde_json::json!([[], {}, [1, [2, {"a": []}]], {"b": {"c": [3]}}]);
        assert_eq!(element(&nested), reindented(&nested));
        // Deeper than the indentation written in one piece.
        let nested = serde_json::json!([[[[[[[[[[{"deep": [[[1]]]}]]]]]]]]]]);
        assert_eq!(element(&nested), reindented(&nested));
        assert_eq!(element(&7), "    7");
    }

    fn direct(e: &ItemEntry, lines: &OutcomeLines) -> String {
        let mut out = Vec::new();
        write_item_entry(e, lines, &mut out);
        String::from_utf8(out).expect("UTF-8")
    }

    fn direct_finding(f: &Finding) -> String {
        let mut out = Vec::new();
        write_finding(f, &mut out);
        String::from_utf8(out).expect("UTF-8")
    }

    /// Text that needs escaping, non-ASCII text, or any text.
    const TEXT: &str = "\\PC{0,12}|[\"\\\\\n\t\u{0}-\u{1f}\u{7f}a-z点「」é]{0,12}";

    fn provenances() -> impl Strategy<Value = Provenance> {
        (
            TEXT,
            proptest::option::of(TEXT),
            proptest::option::of(any::<u64>()),
            proptest::option::of(any::<u64>()),
        )
            .prop_map(|(source, sheet, row, record)| Provenance {
                source,
                sheet,
                row,
                record,
            })
    }

    #[test]
    fn a_file_that_is_no_report_of_this_version_is_said_so() {
        let err = |text: &str| read(text).expect_err(text);
        assert!(err("").starts_with("不是 JSON 报告"));
        assert!(err("[1, 2]").starts_with("不是 JSON 报告"));
        assert!(err("{\"schema_version\": 1,").starts_with("不是 JSON 报告"));
        assert!(err("{\"items\": []}").starts_with("报告版本 None"));
        assert!(err("{\"schema_version\": \"1\"}").starts_with("报告版本 None"));
        assert!(err("{\"schema_version\": 99, \"items\": 3}").starts_with("报告版本 Some(99)"));
        assert!(err("{\"schema_version\": 1}").starts_with("报告内容不完整"));
        // Read from a file, the same.
        for text in [
            "",
            "[1, 2]",
            "{\"schema_version\": 1,",
            "{\"items\": []}",
            "{\"schema_version\": \"1\"}",
            "{\"schema_version\": 99, \"items\": 3}",
            "{\"schema_version\": 1}",
        ] {
            let from = read_from(std::io::Cursor::new(text)).expect_err(text);
            assert_eq!(
                from.split(':').next(),
                err(text).split(':').next(),
                "{text}"
            );
        }
        // A whole report reads back as it was written.
        let report = crate::score::tests::fixture();
        let mut text = Vec::new();
        write(&report, &mut text).unwrap();
        assert_eq!(
            read(std::str::from_utf8(&text).unwrap()).as_ref(),
            Ok(&report)
        );
        assert_eq!(read_from(std::io::Cursor::new(&text)), Ok(report));
        // A whole report of another version is said to be one.
        let other = String::from_utf8(text).unwrap().replacen(
            "\"schema_version\": 1",
            "\"schema_version\": 2",
            1,
        );
        assert_eq!(
            read_from(std::io::Cursor::new(other)).unwrap_err(),
            format!(
                "报告版本 Some(2) 与本工具支持的版本 {} 不同",
                super::super::SCHEMA_VERSION
            )
        );
    }

    #[test]
    fn outcome_lines_are_used_when_the_ids_match_and_skipped_when_not() {
        let lines = OutcomeLines::new(["B09", "A01", "A01", "a_long_rule_id"]);
        assert_eq!(lines.ids, ["A01", "B09", "a_long_rule_id"]);
        let text = |line: Option<&Line>| line.map(|(l, len)| l[..*len].to_vec());
        assert_eq!(
            text(lines.get(1, "B09", Outcome::NotApplicable)).as_deref(),
            Some(b",\n        \"B09\": \"n/a\"".as_slice())
        );
        // Equal text at another address.
        let owned = String::from("A01");
        assert_eq!(
            text(lines.get(0, &owned, Outcome::Fail)).as_deref(),
            Some(b",\n        \"A01\": \"fail\"".as_slice())
        );
        assert_eq!(lines.get(0, "B09", Outcome::Pass), None);
        assert_eq!(lines.get(3, "C01", Outcome::Pass), None);
        // Too long for a line of `LINE` bytes: written as it comes.
        assert_eq!(lines.get(2, "a_long_rule_id", Outcome::Pass), None);
    }

    proptest! {
        #[test]
        fn an_entry_is_written_as_the_pretty_printer_writes_it(
            text in TEXT,
            ids in proptest::collection::btree_set("[A-Z][0-9]{2}|[a-z\" é]{0,14}", 0..40),
            known in proptest::collection::vec(any::<bool>(), 40),
            outcomes in proptest::collection::vec(
                proptest::sample::select(OUTCOMES.to_vec()), 40),
            unreadable in any::<bool>(),
            empties in any::<(bool, bool, bool)>(),
            provenance in provenances(),
            counts in any::<(usize, usize)>(),
        ) {
            let ids: Vec<&'static str> =
                ids.into_iter().map(|id| &*Box::leak(id.into_boxed_str())).collect();
            let outcomes: Vec<(&'static str, Outcome)> =
                ids.iter().zip(&outcomes).map(|(k, o)| (*k, *o)).collect();
            let status = if unreadable { ItemStatus::Unreadable } else { ItemStatus::Checked };
            let mut e = entry(&text, &outcomes, status);
            if known[39] {
                // Borrowed ids, as a checked entry has them (the same slices as the lines').
                e.outcomes = outcomes.iter().map(|&(k, o)| (Cow::Borrowed(k), o)).collect();
            }
            if empties.0 { e.item_type = text.clone(); }
            if empties.1 { e.subject.clear(); }
            if empties.2 { e.region_code.clear(); e.unit_kind = UnitKind::Department; }
            e.provenance = provenance;
            (e.errors, e.warnings) = counts;
            let want = element(&e);
            // No precomputed lines, lines for every id, and lines for some ids (the others are
            // written as they come and shift the positions of the rest).
            let all = OutcomeLines::new(ids.iter().copied());
            let some = OutcomeLines::new(
                ids.iter().zip(&known).filter(|(_, k)| **k).map(|(id, _)| *id),
            );
            for lines in [&OutcomeLines::default(), &all, &some] {
                prop_assert_eq!(direct(&e, lines), want.clone());
            }
        }

        #[test]
        fn a_finding_is_written_as_the_pretty_printer_writes_it(
            texts in proptest::collection::vec(TEXT, 10),
            target in proptest::option::of(TEXT),
            suggest in any::<bool>(),
            error in any::<bool>(),
            provenance in provenances(),
        ) {
            let t = |i: usize| texts[i].clone();
            let f = Finding {
                rule: t(0),
                rule_name: t(1),
                element: t(2),
                severity: if error { Severity::Error } else { Severity::Warning },
                item_code: t(3),
                item_name: t(4),
                unit: t(5),
                target,
                message: t(6),
                evidence: t(7),
                // Empty or not (a generated text may be empty as well).
                suggestion: if suggest { t(8) } else { String::new() },
                provenance,
            };
            prop_assert_eq!(direct_finding(&f), element(&f));
        }

        #[test]
        fn an_element_is_the_reindented_pretty_text(
            text in TEXT,
            n in 0usize..40,
            fail in any::<bool>(),
            unreadable in any::<bool>(),
            target in proptest::option::of("[a-z「」]{0,6}"),
        ) {
            let ids: Vec<String> = (0..n).map(|i| format!("R{i:02}")).collect();
            let outcome = if fail { Outcome::Fail } else { Outcome::NotApplicable };
            let outcomes: Vec<(&str, Outcome)> = ids.iter().map(|k| (k.as_str(), outcome)).collect();
            let status = if unreadable { ItemStatus::Unreadable } else { ItemStatus::Checked };
            let e = entry(&text, &outcomes, status);
            prop_assert_eq!(element(&e), reindented(&e));
            let f = finding(&text, target);
            prop_assert_eq!(element(&f), reindented(&f));
        }
    }
}
