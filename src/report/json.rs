//! The JSON report writer and reader.

use std::io::Write;

use super::{ItemEntry, Report};

/// Writes the report as pretty JSON.
pub fn write(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, report)?;
    out.write_all(b"\n")
}

/// Reads a report written by [`write`].
pub fn read(text: &str) -> Result<Report, String> {
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| format!("不是 JSON 报告: {e}"))?;
    let version = value
        .get("schema_version")
        .and_then(serde_json::Value::as_u64);
    if version != Some(u64::from(super::SCHEMA_VERSION)) {
        return Err(format!(
            "报告版本 {version:?} 与本工具支持的版本 {} 不同",
            super::SCHEMA_VERSION
        ));
    }
    serde_json::from_value(value).map_err(|e| format!("报告内容不完整: {e}"))
}

/// Appends `value` to `out` exactly as [`write`] prints it as an element of a top-level array
/// field of the report (`items`, `findings`): serde_json's pretty printer (indent 2) starting
/// two levels deep, so every line, the first included, is indented by four more spaces.
///
/// The streaming check serialises each item entry and finding with this on the worker threads;
/// printing at the right depth directly saves a second pass that re-indented every line.
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

/// [`write_array_element`] of an item entry, written field by field instead of through serde's
/// formatter calls: the 34 outcomes of every entry were most of the cost of printing it.
/// Strings are escaped by serde_json, the provenance is printed by the nested pretty printer,
/// and `tests::an_entry_is_written_as_the_pretty_printer_writes_it` compares the two on every
/// shape of entry (a field added to [`ItemEntry`] without a line here fails it).
pub fn write_item_entry(e: &ItemEntry, out: &mut Vec<u8>) {
    /// Indentation of the entry's fields: report object, `items` array, entry object.
    const FIELD: &[u8] = b"      ";
    fn key(out: &mut Vec<u8>, key: &str) {
        out.extend_from_slice(b",\n");
        out.extend_from_slice(FIELD);
        out.push(b'"');
        out.extend_from_slice(key.as_bytes());
        out.extend_from_slice(b"\": ");
    }
    fn string(out: &mut Vec<u8>, s: &str) {
        // Writing into a Vec cannot fail.
        let _ = serde_json::to_writer(&mut *out, s);
    }
    fn number(out: &mut Vec<u8>, n: usize) {
        let _ = serde_json::to_writer(&mut *out, &n);
    }
    out.extend_from_slice(b"    {\n");
    out.extend_from_slice(FIELD);
    out.extend_from_slice(b"\"code\": ");
    string(out, &e.code);
    key(out, "name");
    string(out, &e.name);
    key(out, "unit");
    string(out, &e.unit);
    key(out, "unit_kind");
    let _ = serde_json::to_writer(&mut *out, &e.unit_kind);
    for (name, value) in [
        ("item_type", &e.item_type),
        ("subject", &e.subject),
        ("region_code", &e.region_code),
    ] {
        if !value.is_empty() {
            key(out, name);
            string(out, value);
        }
    }
    key(out, "provenance");
    let mut ser = serde_json::Serializer::with_formatter(
        &mut *out,
        Nested {
            current_indent: 3,
            has_value: false,
        },
    );
    let _ = serde::Serialize::serialize(&e.provenance, &mut ser);
    key(out, "status");
    let _ = serde_json::to_writer(&mut *out, &e.status);
    if let Some(reason) = &e.reason {
        key(out, "reason");
        string(out, reason);
    }
    key(out, "outcomes");
    if e.outcomes.is_empty() {
        out.extend_from_slice(b"{}");
    } else {
        out.push(b'{');
        for (i, (id, outcome)) in e.outcomes.iter().enumerate() {
            out.extend_from_slice(if i == 0 { b"\n" } else { b",\n" });
            out.extend_from_slice(b"        ");
            if id.bytes().all(|b| b.is_ascii_alphanumeric()) {
                // A rule id: nothing to escape.
                out.push(b'"');
                out.extend_from_slice(id.as_bytes());
                out.push(b'"');
            } else {
                string(out, id);
            }
            out.extend_from_slice(b": \"");
            out.extend_from_slice(outcome.key().as_bytes());
            out.push(b'"');
        }
        out.extend_from_slice(b"\n");
        out.extend_from_slice(FIELD);
        out.push(b'}');
    }
    key(out, "errors");
    number(out, e.errors);
    key(out, "warnings");
    number(out, e.warnings);
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

    use super::*;
    use crate::model::{Finding, Outcome, Provenance, Severity};
    use crate::report::{ItemEntry, ItemStatus};
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

    fn direct(e: &ItemEntry) -> String {
        let mut out = Vec::new();
        write_item_entry(e, &mut out);
        String::from_utf8(out).expect("UTF-8")
    }

    proptest! {
        #[test]
        fn an_entry_is_written_as_the_pretty_printer_writes_it(
            text in "\\PC{0,12}|[\"\\\\\n\t\u{0}-\u{1f}a-z点]{0,12}",
            ids in proptest::collection::btree_set("[A-Z][0-9]{2}|[a-z\" é]{0,4}", 0..40),
            outcome in proptest::sample::select(vec![Outcome::Pass, Outcome::Fail, Outcome::NotApplicable]),
            unreadable in any::<bool>(),
            empties in any::<(bool, bool, bool)>(),
            provenance in proptest::sample::select(vec![
                Provenance::row("a \"b\".ndjson", 3),
                Provenance::sheet_row("x.xlsx", "申请材料", 12),
                Provenance::file("https://zwfw.example.gov.cn/guide?id=1"),
                Provenance::default(),
            ]),
            counts in any::<(usize, usize)>(),
        ) {
            let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
            let outcomes: Vec<(&str, Outcome)> = ids.iter().map(|k| (*k, outcome)).collect();
            let status = if unreadable { ItemStatus::Unreadable } else { ItemStatus::Checked };
            let mut e = entry(&text, &outcomes, status);
            if empties.0 { e.item_type = text.clone(); }
            if empties.1 { e.subject.clear(); }
            if empties.2 { e.region_code.clear(); e.unit_kind = UnitKind::Department; }
            e.provenance = provenance;
            (e.errors, e.warnings) = counts;
            prop_assert_eq!(direct(&e), element(&e));
        }

        #[test]
        fn an_element_is_the_reindented_pretty_text(
            text in "\\PC{0,12}|[\"\\\\\n\t\u{0}-\u{1f}a-z点]{0,12}",
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
