//! The JSON report: the writer, the pieces the streaming check writes an entry with, and [`read`]
//! (in `read.rs`).

use std::io::Write;

use super::{ItemEntry, ItemStatus, Report};
use crate::model::{Finding, Outcome, Provenance, Severity};
use crate::unit::UnitKind;

mod read;
#[cfg(test)]
mod tests;

pub(crate) use read::{not_read, version_error};
pub use read::{read, read_from};

/// Writes the report as pretty JSON.
pub fn write(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, report)?;
    out.write_all(b"\n")
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
    if e.waived > 0 {
        out.extend_from_slice(key!("waived"));
        number(out, e.waived as u64);
    }
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
