//! The outline of a `.json` file that is one object, read a block at a time: where the arrays
//! that may hold its items are (under `items`, or in a platform's wrapped answer: `data`,
//! `data.rows`, …), and the rest of the object with each of those arrays left empty (the
//! shell). `source::json` parses the shell to decide which array holds the items, and that array
//! is then read as an array file is (`source::json_array`): a province's items wrapped in an
//! object are never held whole.
//!
//! Only the structure is followed here (strings, brackets, the keys of the outer object and of
//! a wrapper one level down); the shell's syntax is left to serde_json, and each record's to the
//! array's reader.

use std::io::Read;

use memchr::memchr2;

use super::json::is_wrapper_key;

/// An array found in the outline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Found {
    /// Where it is: its key, or its wrapper's key and its own (`data.rows`).
    pub(crate) place: String,
    /// The byte offset of its `[` in the file.
    pub(crate) start: u64,
    /// The line of its `[`, from 1.
    pub(crate) line: u64,
    /// The characters before its `[` on that line.
    pub(crate) col: u64,
    /// One past its `]`; `None` when the file ends inside it.
    pub(crate) end: Option<u64>,
    /// Its first element is an object, or it has none: an array of records, not of values.
    pub(crate) objects: bool,
}

/// A JSON object file's outline ([`outline`]).
#[derive(Debug, Default)]
pub(crate) struct Outline {
    /// The file with each array found written `[]`; when the file ends inside one of them, the
    /// brackets that close what was open follow, so that the shell is whole.
    pub(crate) shell: Vec<u8>,
    /// The arrays found, in the file's order.
    pub(crate) arrays: Vec<Found>,
}

impl Outline {
    /// The last array found at `place` (serde_json keeps the last of a repeated key too).
    pub(crate) fn at(&self, place: &str) -> Option<&Found> {
        self.arrays.iter().rev().find(|f| f.place == place)
    }
}

/// Keys longer than this are no wrapper's and are not kept.
const KEY_MAX: usize = 32;

/// Containers open at once outside the arrays found, as deep as serde_json reads: a file nested
/// deeper (a broken or hostile one) is left to the whole read, which says so, instead of a frame
/// a bracket.
const DEPTH_MAX: usize = 128;

/// Arrays found: an object with more candidates than this is no platform's answer.
const ARRAYS_MAX: usize = 1024;

/// Bytes read at a time.
const BLOCK: usize = 256 * 1024;

/// An open container outside the arrays found.
#[derive(Debug)]
struct Frame {
    array: bool,
    /// In an object, the next string is a key.
    expect_key: bool,
    /// The key it is the value of, for a container in the outer object.
    key: Option<String>,
}

/// A string being read outside the arrays found.
#[derive(Debug, Default)]
struct Str {
    escaped: bool,
    /// A key's bytes, for a key of the outer object or of a container in it (`None` for any
    /// other string, or a key too long to be a wrapper's).
    key: Option<Vec<u8>>,
    /// It is a key (of an object at any depth): the next string in its object is not.
    is_key: bool,
}

/// Inside an array found: skipped up to its `]`.
#[derive(Debug)]
struct Capture {
    /// Brackets open, the array's own included.
    depth: u64,
    in_string: bool,
    escaped: bool,
    /// Its first element was seen.
    seen: bool,
}

#[derive(Debug, Default)]
struct Scan {
    stack: Vec<Frame>,
    /// The key whose value comes next in the innermost object.
    pending: Option<String>,
    string: Option<Str>,
    capture: Option<Capture>,
    /// The outer object began, and ended.
    opened: bool,
    closed: bool,
    /// Where the bytes are: the offset of the block, the line and the characters before on it
    /// (counted up to `counted` in the block, only when a place is needed and at a block's end).
    base: u64,
    line: u64,
    col: u64,
    counted: usize,
    out: Outline,
}

/// Outlines the object `input` holds (a file whose first character that is not white space is
/// `{`, after a BOM): `None` when it does not begin so, when the shell would pass `limit` bytes
/// (an object whose bulk is not in such an array, which is read whole), or when it is nested
/// deeper than [`DEPTH_MAX`] or holds more than [`ARRAYS_MAX`] candidate arrays. What follows the
/// object's end is the shell's, for serde_json to object to.
pub(crate) fn outline(mut input: impl Read, limit: usize) -> std::io::Result<Option<Outline>> {
    let mut scan = Scan {
        line: 1,
        ..Scan::default()
    };
    let mut buf = vec![0; BLOCK];
    loop {
        let n = match input.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if !scan.block(&buf[..n]) || scan.out.shell.len() > limit {
            return Ok(None);
        }
    }
    Ok(scan.finish())
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

impl Scan {
    /// Scans one block; `false` when what was read is not an object's outline (or one too deep or
    /// with too many arrays to outline).
    fn block(&mut self, buf: &[u8]) -> bool {
        self.counted = 0;
        // The bytes from `copy` on go to the shell (outside the arrays found).
        let mut copy = 0;
        let mut i = 0;
        while i < buf.len() {
            if self.capture.is_some() {
                if self.skip_array(buf, &mut i) {
                    copy = i;
                }
                continue;
            }
            if self.string.is_some() {
                self.read_string(buf, &mut i);
                continue;
            }
            let b = buf[i];
            if self.closed || is_space(b) {
                i += 1;
                continue;
            }
            if !self.opened {
                match b {
                    b'{' => self.opened = true,
                    // A BOM.
                    0xEF | 0xBB | 0xBF => {}
                    _ => return false,
                }
            }
            match b {
                b'"' => {
                    let top = self.stack.last();
                    let is_key = top.is_some_and(|f| !f.array && f.expect_key);
                    let keep = is_key && self.stack.len() <= 2;
                    self.string = Some(Str {
                        escaped: false,
                        key: keep.then(Vec::new),
                        is_key,
                    });
                    if !is_key {
                        self.pending = None;
                    }
                    i += 1;
                }
                b':' => i += 1,
                b',' => {
                    if let Some(top) = self.stack.last_mut() {
                        top.expect_key = !top.array;
                    }
                    self.pending = None;
                    i += 1;
                }
                b'[' if let Some(place) = self.wanted() => {
                    if self.out.arrays.len() >= ARRAYS_MAX {
                        return false;
                    }
                    // The shell so far, and the array left empty.
                    self.out.shell.extend_from_slice(&buf[copy..i]);
                    self.out.shell.extend_from_slice(b"[]");
                    let col = self.col_at(buf, i);
                    self.out.arrays.push(Found {
                        place,
                        start: self.base + i as u64,
                        line: self.line,
                        col,
                        end: None,
                        objects: true,
                    });
                    self.capture = Some(Capture {
                        depth: 1,
                        in_string: false,
                        escaped: false,
                        seen: false,
                    });
                    i += 1;
                }
                b'{' | b'[' => {
                    if self.stack.len() >= DEPTH_MAX {
                        return false;
                    }
                    let key = self.pending.take().filter(|_| self.stack.len() == 1);
                    self.stack.push(Frame {
                        array: b == b'[',
                        expect_key: b == b'{',
                        key,
                    });
                    i += 1;
                }
                b'}' | b']' => {
                    self.stack.pop();
                    self.closed = self.stack.is_empty();
                    self.pending = None;
                    i += 1;
                }
                _ => {
                    self.pending = None;
                    i += 1;
                }
            }
        }
        if self.capture.is_none() {
            self.out.shell.extend_from_slice(&buf[copy..]);
        }
        self.col_at(buf, buf.len());
        self.base += buf.len() as u64;
        true
    }

    /// Where an array beginning now would be, when it is one that may hold the items: under
    /// `items` or a wrapper key in the outer object, or under a wrapper key in a wrapper.
    fn wanted(&self) -> Option<String> {
        let key = self.pending.as_deref()?;
        match self.stack.as_slice() {
            [_] if key == "items" || is_wrapper_key(key) => Some(key.to_owned()),
            [
                _,
                Frame {
                    array: false,
                    key: Some(outer),
                    ..
                },
            ] if is_wrapper_key(outer) && is_wrapper_key(key) => Some(format!("{outer}.{key}")),
            _ => None,
        }
    }

    /// Reads string bytes from `*i` up to its closing quote or the block's end.
    fn read_string(&mut self, buf: &[u8], i: &mut usize) {
        let s = self.string.as_mut().expect("in a string");
        let from = *i;
        let mut done = false;
        while *i < buf.len() {
            if s.escaped {
                s.escaped = false;
                *i += 1;
                continue;
            }
            let Some(k) = memchr2(b'"', b'\\', &buf[*i..]) else {
                *i = buf.len();
                break;
            };
            *i += k + 1;
            if buf[*i - 1] == b'"' {
                done = true;
                break;
            }
            s.escaped = true;
        }
        if let Some(key) = &mut s.key {
            let end = if done { *i - 1 } else { *i };
            key.extend_from_slice(&buf[from..end]);
            if key.len() > KEY_MAX {
                s.key = None;
            }
        }
        if done {
            let s = self.string.take().expect("in a string");
            if s.is_key {
                if let Some(top) = self.stack.last_mut() {
                    top.expect_key = false;
                }
                self.pending = s.key.and_then(|k| String::from_utf8(k).ok());
            }
        }
    }

    /// Skips the bytes of an array found from `*i`; `true` when its `]` was passed.
    fn skip_array(&mut self, buf: &[u8], i: &mut usize) -> bool {
        let c = self.capture.as_mut().expect("in an array");
        let found = self.out.arrays.last_mut().expect("an array found");
        while *i < buf.len() {
            if c.in_string {
                if c.escaped {
                    c.escaped = false;
                    *i += 1;
                    continue;
                }
                match memchr2(b'"', b'\\', &buf[*i..]) {
                    None => *i = buf.len(),
                    Some(k) => {
                        *i += k + 1;
                        if buf[*i - 1] == b'"' {
                            c.in_string = false;
                        } else {
                            c.escaped = true;
                        }
                    }
                }
                continue;
            }
            let b = buf[*i];
            *i += 1;
            if c.depth == 1 && !c.seen && !is_space(b) && b != b']' {
                c.seen = true;
                found.objects = b == b'{';
            }
            match b {
                b'{' | b'[' => c.depth += 1,
                b'"' => c.in_string = true,
                b'}' | b']' => {
                    c.depth -= 1;
                    if c.depth == 0 {
                        found.end = Some(self.base + *i as u64);
                        self.capture = None;
                        return true;
                    }
                }
                _ => {}
            }
        }
        false
    }

    /// The characters before `i` on its line, with the line brought up to `i`.
    fn col_at(&mut self, buf: &[u8], i: usize) -> u64 {
        let seg = &buf[self.counted..i];
        match memchr::memrchr(b'\n', seg) {
            Some(last) => {
                self.line += memchr::memchr_iter(b'\n', seg).count() as u64;
                self.col = super::json_array::chars(&seg[last + 1..]);
            }
            None => self.col += super::json_array::chars(seg),
        }
        self.counted = i;
        self.col
    }

    /// The outline at the end of the file: a file that ends inside an array found has its
    /// shell closed.
    fn finish(mut self) -> Option<Outline> {
        if !self.opened {
            return None;
        }
        if self.capture.is_some() {
            for frame in self.stack.iter().rev() {
                self.out.shell.push(if frame.array { b']' } else { b'}' });
            }
        }
        Some(self.out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The outline of `text`, read `block` bytes at a time.
    fn outline_in(text: &str, block: usize) -> Option<Outline> {
        struct Blocks<'a>(&'a [u8], usize);
        impl Read for Blocks<'_> {
            fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
                let n = self.0.len().min(self.1).min(buf.len());
                buf[..n].copy_from_slice(&self.0[..n]);
                self.0 = &self.0[n..];
                Ok(n)
            }
        }
        outline(Blocks(text.as_bytes(), block), 1 << 20).unwrap()
    }

    fn shell(text: &str) -> String {
        String::from_utf8(outline_in(text, 1 << 20).unwrap().shell).unwrap()
    }

    #[test]
    fn the_arrays_that_may_hold_items_are_left_out_of_the_shell() {
        let text = "\u{feff}{\"code\":200,\"msg\":\"成功 [ok]\",\n \"data\":{\"total\":2,\"rows\":[{\"name\":\"食品经营许可\",\"code\":\"1\"},\n  {\"name\":\"户外广告设施设置审批\"}],\"page\":{\"rows\":[1]}},\n\"items\":[],\"other\":[{\"a\":1}]}";
        for block in [1, 2, 3, 7, 64, 1 << 20] {
            let o = outline_in(text, block).unwrap();
            assert_eq!(
                std::str::from_utf8(&o.shell).unwrap(),
                "\u{feff}{\"code\":200,\"msg\":\"成功 [ok]\",\n \"data\":{\"total\":2,\"rows\":[],\"page\":{\"rows\":[1]}},\n\"items\":[],\"other\":[{\"a\":1}]}",
                "block {block}"
            );
            let rows = o.at("data.rows").unwrap();
            assert_eq!(&text[rows.start as usize..][..2], "[{");
            assert_eq!(
                &text[rows.start as usize..rows.end.unwrap() as usize],
                "[{\"name\":\"食品经营许可\",\"code\":\"1\"},\n  {\"name\":\"户外广告设施设置审批\"}]"
            );
            // Line 2, after ` "data":{"total":2,"rows":` (26 characters).
            assert_eq!((rows.line, rows.col), (2, 26), "block {block}");
            assert!(rows.objects);
            let items = o.at("items").unwrap();
            assert_eq!((items.line, items.col, items.objects), (4, 8, true));
            // Not a wrapper's array: `page` is no wrapper key, `other` none either.
            assert_eq!(o.arrays.len(), 2);
        }
    }

    #[test]
    fn brackets_and_quotes_in_strings_and_escapes_are_text() {
        let text = r#"{"data":[{"name":"办理 ] 时限 } \" [","x":"\\"},{"y":"\\\""}],"list":["a",{"b":1}],"rows":[ ]}"#;
        for block in [1, 5, 1 << 20] {
            let o = outline_in(text, block).unwrap();
            assert_eq!(
                std::str::from_utf8(&o.shell).unwrap(),
                r#"{"data":[],"list":[],"rows":[]}"#
            );
            assert!(
                o.at("rows").unwrap().objects,
                "an empty array may be of records"
            );
            let data = o.at("data").unwrap();
            assert_eq!(
                &text[data.start as usize..data.end.unwrap() as usize],
                r#"[{"name":"办理 ] 时限 } \" [","x":"\\"},{"y":"\\\""}]"#
            );
            assert!(data.objects);
            assert!(!o.at("list").unwrap().objects, "an array of strings");
        }
    }

    #[test]
    fn a_file_cut_inside_an_array_has_its_shell_closed() {
        let text = r#"{"code":"0","data":{"rows":[{"name":"食品经营许可"},{"name":"户外"#;
        let o = outline_in(text, 4).unwrap();
        assert_eq!(
            std::str::from_utf8(&o.shell).unwrap(),
            r#"{"code":"0","data":{"rows":[]}}"#
        );
        assert_eq!(o.at("data.rows").unwrap().end, None);
    }

    #[test]
    fn keys_deeper_or_in_arrays_or_escaped_are_not_places() {
        // `rows` two wrappers down, `data` inside an array, a wrapper under a non-wrapper key,
        // an escaped `items`: none is an array found.
        let text = r#"{"result":{"data":{"rows":[{}]}},"x":[{"data":[{}]}],"page":{"list":[{}]},"it\u0065ms":[{}]}"#;
        let o = outline_in(text, 3).unwrap();
        assert!(o.arrays.is_empty(), "{:?}", o.arrays);
        assert_eq!(std::str::from_utf8(&o.shell).unwrap(), text);
    }

    #[test]
    fn what_is_not_an_object_or_is_too_big_has_no_outline() {
        assert!(outline_in("[{}]", 2).is_none());
        assert!(outline_in("  ", 2).is_none());
        // After the object's end, everything is the shell's: serde_json says what is wrong.
        assert_eq!(shell("{\"a\":1}}]"), "{\"a\":1}}]");
        // Nested too deep, or too many candidate arrays: read whole, which says what is wrong.
        let deep = format!("{{\"a\":{}", "[".repeat(10_000));
        assert!(outline(deep.as_bytes(), 1 << 20).unwrap().is_none());
        let shallow = format!("{{\"a\":{}{}}}", "[".repeat(100), "]".repeat(100));
        assert!(outline(shallow.as_bytes(), 1 << 20).unwrap().is_some());
        let many = format!("{{{}\"data\":[]}}", "\"data\":[],".repeat(2000));
        assert!(outline(many.as_bytes(), 1 << 20).unwrap().is_none());
        // Too big a shell: read whole instead.
        let big = format!("{{\"text\":\"{}\"}}", "长".repeat(1000));
        assert!(outline(big.as_bytes(), 100).unwrap().is_none());
        assert!(outline(big.as_bytes(), 10_000).unwrap().is_some());
    }
}
