//! Where an item's child lists are in its JSON text, found without parsing it: the byte range of
//! the array under each of the five list keys of the top-level object. Only a scan of the
//! structure; what the values hold is left to `serde_json`.
//!
//! Serde cannot look a list up before reading it, so each list used to be read twice: once as a
//! raw text to look it up ([`RawValue`](serde_json::value::RawValue)), and again on a miss.
//! `serde_json` skips a value at about 8 instructions a byte (a call and a state per token), and
//! the lists are most of an item's text: the skip was 38 k instructions of an item's 190 k. A scan
//! that stops at every string (`memchr2` for its end) still cost 28 k. This one reads the text 64
//! bytes at a time, as simdjson's first stage does: with SIMD compares (through `wide`, as the
//! crate forbids `unsafe`) it makes bit masks of the quotes, backslashes and brackets, works out
//! from them which bytes are inside strings, and visits only the brackets outside them.
//!
//! The scan may be wrong only about a text that is not valid JSON, and then harmlessly: a range
//! is used only when it parses as an array on its own, and the rest of the text is kept as it
//! is, so the copy `super::from_str` parses reads as JSON only if the original does.

use std::ops::Range;

use wide::u8x16;

use super::KINDS;

/// The keys of the lists, by [`Shared::KIND`](super::Shared::KIND): the names `Item` reads them
/// by.
pub(super) const KEYS: [&[u8]; KINDS] =
    [b"materials", b"steps", b"fees", b"intermediaries", b"faqs"];

/// The arrays an object holds under [`KEYS`], in the order they are written.
#[derive(Default)]
pub(super) struct Spans {
    /// Each list's kind and byte range, the first `len` of them.
    lists: [(usize, Range<usize>); KINDS],
    len: usize,
}

impl Spans {
    pub(super) fn iter(&self) -> impl Iterator<Item = &(usize, Range<usize>)> {
        self.lists[..self.len].iter()
    }

    fn holds(&self, kind: usize) -> bool {
        self.iter().any(|&(k, _)| k == kind)
    }
}

/// The arrays the object `text` holds under [`KEYS`] (a key that is absent or whose value is not
/// an array is left out); `None` when `text` is not one object this scan can follow or names a
/// list twice (the caller then parses the text as it is).
///
/// White space is read as `u8::is_ascii_whitespace` (JSON's four and the form feed): a form feed
/// makes the text no JSON, and the parse of the copy, which keeps it, says so.
pub(super) fn list_spans(text: &[u8]) -> Option<Spans> {
    let first = text.len() - text.trim_ascii_start().len();
    if text.get(first) != Some(&b'{') {
        return None;
    }
    let mut scan = Scan {
        spans: Spans::default(),
        depth: 0,
        open: None,
        end: None,
    };
    let mut strings = Strings::default();
    let mut start = first;
    while start < text.len() {
        let block = if let Some(full) = text.get(start..start + 64) {
            masks(full.try_into().expect("64 bytes"))
        } else {
            // The last bytes, padded with white space (which changes nothing).
            let mut padded = [b' '; 64];
            padded[..text.len() - start].copy_from_slice(&text[start..]);
            masks(&padded)
        };
        let outside = !strings.inside(block.quote, block.backslash);
        let mut brackets = block.bracket & outside;
        while brackets != 0 {
            let at = start + brackets.trailing_zeros() as usize;
            brackets &= brackets - 1;
            if matches!(text[at], b'[' | b'{') {
                scan.open(text, at)?;
            } else {
                scan.close(at)?;
            }
        }
        start += 64;
    }
    // The object closed, outside any string, with only white space after it.
    let end = scan.end?;
    (strings.in_string == 0 && text[end - 1] == b'}' && text[end..].trim_ascii_start().is_empty())
        .then_some(scan.spans)
}

/// The brackets crossed so far.
struct Scan {
    spans: Spans,
    /// Brackets open: 1 inside the item's object.
    depth: usize,
    /// The list being crossed: its kind and where its `[` is.
    open: Option<(usize, usize)>,
    /// Just after the object's closing `}`, once it is closed.
    end: Option<usize>,
}

impl Scan {
    /// A `[` or `{` at `at`; `None` for one after the object or a list named twice.
    fn open(&mut self, text: &[u8], at: usize) -> Option<()> {
        if self.end.is_some() {
            return None;
        }
        if self.depth == 1
            && text[at] == b'['
            && let Some(kind) = key_before(text, at)
        {
            if self.spans.holds(kind) {
                return None;
            }
            self.open = Some((kind, at));
        }
        self.depth += 1;
        Some(())
    }

    /// A `]` or `}` at `at`; `None` for one that closes nothing.
    fn close(&mut self, at: usize) -> Option<()> {
        self.depth = self.depth.checked_sub(1)?;
        match self.depth {
            0 => self.end = Some(at + 1),
            1 => {
                if let Some((kind, start)) = self.open.take() {
                    let spans = &mut self.spans;
                    spans.lists[spans.len] = (kind, start..at + 1);
                    spans.len += 1;
                }
            }
            _ => {}
        }
        Some(())
    }
}

/// One block's bytes as bit masks (bit `i` for byte `i`).
struct Masks {
    quote: u64,
    backslash: u64,
    /// `[`, `{`, `]` and `}`.
    bracket: u64,
}

/// The masks of a block. Most blocks of an item hold quotes but neither a backslash nor a
/// bracket (a list's strings are longer than the brackets around them): those two masks are made
/// only when one SIMD test finds either (a third fewer instructions a block).
fn masks(block: &[u8; 64]) -> Masks {
    let chunks: [u8x16; 4] = std::array::from_fn(|k| {
        u8x16::new(block[16 * k..16 * k + 16].try_into().expect("16 bytes"))
    });
    let bits = |x: u8x16, k: usize| u64::from(x.move_mask().cast_unsigned() as u16) << (16 * k);
    let backslash = |v: u8x16| v.cmp_eq(u8x16::splat(b'\\'));
    let bracket = |v: u8x16| {
        // `[` and `{` differ only in the bit 0x20, as do `]` and `}`.
        let folded = v | u8x16::splat(0x20);
        folded.cmp_eq(u8x16::splat(b'{')) | folded.cmp_eq(u8x16::splat(b'}'))
    };
    let mut m = Masks {
        quote: 0,
        backslash: 0,
        bracket: 0,
    };
    let mut rare = u8x16::splat(0);
    for (k, &v) in chunks.iter().enumerate() {
        m.quote |= bits(v.cmp_eq(u8x16::splat(b'"')), k);
        rare |= backslash(v) | bracket(v);
    }
    if rare.move_mask() != 0 {
        for (k, &v) in chunks.iter().enumerate() {
            m.backslash |= bits(backslash(v), k);
            m.bracket |= bits(bracket(v), k);
        }
    }
    m
}

/// Which bytes are inside strings, carried from block to block.
#[derive(Default)]
struct Strings {
    /// All ones when the last block ended inside a string.
    in_string: u64,
    /// 1 when the last block ended with a backslash that escapes the next block's first byte.
    escaping: u64,
}

impl Strings {
    /// The bytes of a block inside strings (a string's opening quote counts as inside, its
    /// closing quote as outside): its quotes not escaped by a backslash, and every byte after an
    /// odd number of them.
    fn inside(&mut self, quote: u64, backslash: u64) -> u64 {
        let escaped = if backslash | self.escaping == 0 {
            0
        } else {
            self.escaped(backslash)
        };
        let mut inside = quote & !escaped;
        // Prefix XOR: bit i is the parity of the quotes at or before i.
        for shift in [1, 2, 4, 8, 16, 32] {
            inside ^= inside << shift;
        }
        inside ^= self.in_string;
        self.in_string = (inside.cast_signed() >> 63).cast_unsigned();
        inside
    }

    /// The bytes escaped by a backslash: the byte after each run of backslashes of odd length
    /// (simdjson's `find_escaped`: runs are told apart by whether they start on an even or an
    /// odd bit, and one add carries each run to its end).
    fn escaped(&mut self, backslash: u64) -> u64 {
        const EVEN: u64 = 0x5555_5555_5555_5555;
        let backslash = backslash & !self.escaping;
        let follows_escape = (backslash << 1) | self.escaping;
        let odd_starts = backslash & !EVEN & !follows_escape;
        let (even_runs, carried) = odd_starts.overflowing_add(backslash);
        self.escaping = u64::from(carried);
        let invert = even_runs << 1;
        (EVEN ^ invert) & follows_escape
    }
}

/// The kind whose key is written just before the `[` at `at` (`"materials":[`, white space
/// allowed around the colon), as a member of the object: a `,` or the object's `{` before the
/// key's opening quote (so the quote opens a string: it is not escaped).
fn key_before(text: &[u8], at: usize) -> Option<usize> {
    let before = text[..at].trim_ascii_end();
    let before = before.strip_suffix(b":")?.trim_ascii_end();
    let before = before.strip_suffix(b"\"")?;
    let kind = KEYS.iter().position(|key| before.ends_with(key))?;
    let before = before[..before.len() - KEYS[kind].len()].strip_suffix(b"\"")?;
    matches!(before.trim_ascii_end().last(), Some(b',' | b'{')).then_some(kind)
}

#[cfg(test)]
mod tests {
    use super::{KEYS, list_spans};
    use serde_json::value::RawValue;
    use std::collections::HashMap;

    /// The ranges as texts, by key, in the order of [`KEYS`]; each range after the one before.
    fn found(text: &str) -> Option<Vec<(&'static str, &str)>> {
        let spans = list_spans(text.as_bytes())?;
        let ranges: Vec<_> = spans.iter().map(|(_, r)| r.clone()).collect();
        assert!(
            ranges.windows(2).all(|w| w[0].end <= w[1].start),
            "{ranges:?}"
        );
        let mut by_kind: Vec<_> = spans.iter().collect();
        by_kind.sort_by_key(|(kind, _)| *kind);
        Some(
            by_kind
                .into_iter()
                .map(|(kind, r)| (std::str::from_utf8(KEYS[*kind]).unwrap(), &text[r.clone()]))
                .collect(),
        )
    }

    /// What `serde_json` reads under the list keys: the arrays' raw texts.
    fn by_serde(text: &str) -> Vec<(&'static str, &str)> {
        let map: HashMap<String, &RawValue> = serde_json::from_str(text).unwrap();
        KEYS.iter()
            .map(|k| std::str::from_utf8(k).unwrap())
            .filter_map(|k| Some((k, map.get(k)?.get())))
            .filter(|(_, raw)| raw.starts_with('['))
            .collect()
    }

    #[test]
    fn finds_each_list_as_serde_reads_it() {
        let text = r#" {"name":"食品经营许可（新办）","notes":"含 [方括号] 与 {花括号} 和 \"materials\":[ 的文字",
            "materials" : [{"name":"营业执照复印件","notes":"加盖公章\\"},{"name":"法定代表人身份证明","extra":{"k":[1,2]}}],
            "steps":[],"fees":null,"faqs":[{"question":"需要多久？","answer":"5个工作日"}],
            "extra":{"materials":[{"name":"不是事项的材料"}]}}
"#;
        let want = by_serde(text);
        assert_eq!(want.len(), 3, "the test needs three lists: {want:?}");
        assert_eq!(found(text).unwrap(), want);
    }

    #[test]
    fn a_key_inside_a_list_or_a_string_is_not_the_items() {
        // 办理流程 whose records hold a `materials` of their own, and a `steps` only in text.
        let text =
            r#"{"steps":[{"name":"受理","materials":[{"name":"申请书"}]}],"notes":"\"fees\":[1]"}"#;
        assert_eq!(found(text).unwrap(), by_serde(text));
        assert_eq!(found(text).unwrap().len(), 1);
    }

    #[test]
    fn what_it_cannot_follow_is_left_to_the_parse() {
        for text in [
            r#"["materials",[]]"#,                  // not an object
            r#"{"materials":[{"name":"申请书"}]"#,  // cut off
            r#"{"materials":[{"name":"申请书}]}"#,  // a string that does not end
            r#"{"materials":[],"materials":[]}"#,   // a list named twice
            r#"{"materials":[]} {"steps":[]}"#,     // two objects
            r#"{"materials":[{"name":"申请书"}]]"#, // closed by the wrong bracket
        ] {
            assert_eq!(found(text), None, "{text}");
        }
    }

    proptest::proptest! {
        /// Any object of lists, texts and nested values, written compactly or pretty: the ranges
        /// are the arrays serde reads under the keys.
        #[test]
        fn the_ranges_are_serdes(value in object(), pretty in proptest::bool::ANY) {
            let text = if pretty {
                serde_json::to_string_pretty(&value).unwrap()
            } else {
                serde_json::to_string(&value).unwrap()
            };
            proptest::prop_assert_eq!(found(&text).unwrap(), by_serde(&text));
        }
    }

    fn object() -> impl proptest::strategy::Strategy<Value = serde_json::Value> {
        use proptest::prelude::*;
        let text =
            || proptest::string::string_regex(r#"[申请材料\[\]{}"\\:,a-z\n 0-9]{0,12}"#).unwrap();
        let leaf = prop_oneof![
            text().prop_map(serde_json::Value::from),
            any::<i32>().prop_map(serde_json::Value::from),
            Just(serde_json::Value::Null),
        ];
        let value = leaf.prop_recursive(3, 24, 4, move |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..4).prop_map(serde_json::Value::from),
                proptest::collection::btree_map(
                    prop_oneof![Just("materials".to_owned()), Just("name".to_owned())],
                    inner,
                    0..3
                )
                .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
            ]
        });
        let key = prop_oneof![
            Just("materials".to_owned()),
            Just("steps".to_owned()),
            Just("fees".to_owned()),
            Just("intermediaries".to_owned()),
            Just("faqs".to_owned()),
            text(),
        ];
        proptest::collection::btree_map(key, value, 0..8)
            .prop_map(|m| serde_json::Value::Object(m.into_iter().collect()))
    }
}
