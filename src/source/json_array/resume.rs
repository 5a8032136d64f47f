//! Finding the true end of an array's record that a quote out of place ran on to the end of the
//! file, so that the records after it are read.
//!
//! One unescaped `"` in a text (`"notes": "A4"纸打印…"`) turns the splitter's idea of what is in
//! a string inside out: from there on it reads texts as structure and structure as texts, and
//! the record runs on to the end of the file, every record after it lost in it. serde_json,
//! parsing the record, stops where the text no longer reads as JSON: just after the stray quote
//! (at `纸`), a place still inside the real text. Scanning on from there as inside a string puts
//! the quotes right again, and the record ends where it really does. It is taken to end there
//! only when what follows starts the next record as a record of the array starts: a comma and
//! the `{` of an object, or the array's `]`. Anything else (a brace out of place, a file cut
//! short) keeps the record running to the end of the file, as before.
//!
//! Not here: telling the records apart ([`super::ArraySplitter`]).

use memchr::memchr2;

/// Where the record `rec` (the bytes of an object record, from its `{` to the end of the file)
/// really ends, one past its closing `}`, if a quote out of place ran it on: see the module's
/// docs. `None` when serde_json finds no place where it breaks before the end, or the record
/// does not end there as an array's record does.
pub(super) fn true_end(rec: &[u8]) -> Option<usize> {
    let at = break_at(rec)?;
    // Brackets open, and whether in a string, just before the break, as serde_json read them.
    let (mut depth, mut in_string, mut escaped) = (0u64, false, false);
    for &b in &rec[..at] {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'{' | b'[' => depth += 1,
            b'}' | b']' => depth = depth.checked_sub(1)?,
            _ => {}
        }
    }
    if in_string || depth == 0 {
        return None;
    }
    // From the break on, read as inside the string the stray quote seemed to close.
    let mut i = at;
    in_string = true;
    while i < rec.len() {
        if in_string {
            let k = memchr2(b'"', b'\\', &rec[i..])?;
            if rec[i + k] == b'\\' {
                // The byte after a `\` is taken whatever it is.
                i += k + 2;
            } else {
                i += k + 1;
                in_string = false;
            }
            continue;
        }
        let b = rec[i];
        i += 1;
        match b {
            b'"' => in_string = true,
            b'{' | b'[' => depth += 1,
            b'}' | b']' => {
                depth -= 1;
                if depth == 0 {
                    return starts_next(&rec[i..]).then_some(i);
                }
            }
            _ => {}
        }
    }
    None
}

/// Where serde_json finds the record `rec` breaks, as an index into it: the byte it could not
/// read. `None` when it reads to the end without a break (the record is cut short, not broken).
fn break_at(rec: &[u8]) -> Option<usize> {
    let e = serde_json::from_slice::<serde::de::IgnoredAny>(rec).err()?;
    if e.is_eof() || e.line() == 0 {
        return None;
    }
    // serde_json counts lines from 1 and columns in bytes, from 1 at a line's first byte.
    let line_start = if e.line() == 1 {
        0
    } else {
        memchr::memchr_iter(b'\n', rec).nth(e.line() - 2)? + 1
    };
    let at = line_start + e.column().checked_sub(1)?;
    (at < rec.len()).then_some(at)
}

/// Whether `rest`, what follows a record, goes on as an array of object records does: a comma
/// and the `{` of the next record, or the `]` that closes the array.
fn starts_next(rest: &[u8]) -> bool {
    let mut bytes = rest.iter().copied().filter(|b| !super::is_space(*b));
    match bytes.next() {
        Some(b']') => true,
        Some(b',') => bytes.next() == Some(b'{'),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn end(rec: &str) -> Option<&str> {
        true_end(rec.as_bytes()).map(|i| &rec[..i])
    }

    /// One stray quote in a text, or a text's opening quote left out: the record ends at its
    /// own `}`, followed by the next record or the array's end.
    #[test]
    fn a_stray_quote_ends_the_record_where_it_ends() {
        let first = "{\"name\": \"广告发布登记\", \"materials\": [{\"name\": \"申请表\", \"notes\": \"A4\"纸打印，加盖公章\"}, {\"name\": \"营业执照\"}], \"faqs\": []}";
        let rest = ",\n {\"name\": \"股权出质设立登记\", \"code\": \"1134170000312541513000707013000\"}\n]\n";
        assert_eq!(end(&format!("{first}{rest}")), Some(first));
        let last =
            "{\n  \"name\": 广告发布登记\",\n  \"steps\": [\n   {\"name\": \"受理\"}\n  ]\n }";
        assert_eq!(end(&format!("{last}\n]\n")), Some(last));
        // Three quotes out of place are one too many, as one is.
        let three = r#"{"name": "广告发布登记", "result_name": "广告发布登记证"（"电子证照"）", "visits": "1"}"#;
        assert_eq!(end(&format!("{three}, {{\"name\": \"x\"}}]")), Some(three));
    }

    /// What does not end as a record of the array does keeps the record running: a record cut
    /// short, a brace out of place, a record that is whole, or one that ends in something else.
    #[test]
    fn anything_else_is_left_as_it_was() {
        for rec in [
            "{\"name\": \"广告发布登记\", \"notes\": \"A4\"纸打印",
            "{\"name\": \"广告发布登记\"}, {\"name\": \"x\"}]",
            "{\"name\": \"a\", \"notes\": \"A4\"} 纸\"}, {\"name\": \"x\"}]",
            "{\"name\": \"a\", \"notes\": \"A4\"纸\"} 多余的内容",
            "{\"name\": \"a\", \"notes\": \"A4\"纸\"}, \"b\"]",
        ] {
            assert_eq!(end(rec), None, "{rec}");
        }
    }
}
