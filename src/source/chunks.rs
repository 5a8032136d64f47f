//! Reading a file of records into chunks of records, a block at a time: blocks are read straight
//! into a chunk's buffer and the records told apart there ([`Split`]: NDJSON lines, or the
//! records of a JSON array), buffers reused once their records are done with.
//!
//! The streaming check reads on a thread of its own and sends the chunks to be checked
//! ([`crate::check::stream`]); the JSON reader parses each chunk's records as it comes
//! ([`super::json`]). Either way a file is never held whole: a chunk holds `chunk` records.

use std::io::Read;

/// Where one record lies in a chunk's buffer, and where it began in its file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Span {
    /// Its first byte in the buffer.
    pub(crate) start: usize,
    /// One past its last byte.
    pub(crate) end: usize,
    /// Its number in the file, from 1: the line of an NDJSON record, the place of an array's.
    pub(crate) no: u64,
    /// The line of the file it begins on, from 1.
    pub(crate) line: u64,
    /// The column (in characters, from 1) it begins at.
    pub(crate) col: u64,
}

/// A chunk of records: the bytes, and where each record lies in them.
#[derive(Default)]
pub(crate) struct Chunk {
    pub(crate) buf: Vec<u8>,
    pub(crate) spans: Vec<Span>,
}

/// How the records of a file are told apart in its bytes, as they come a block at a time.
pub(crate) trait Split {
    /// Scans `buf[from..to]` (the bytes before `from` were scanned already), pushing each record
    /// that ends there to `spans`. Once `spans` holds `limit` records it stops and returns where
    /// the bytes not yet scanned begin; they start the next chunk ([`Split::rebase`]).
    fn scan(
        &mut self,
        buf: &[u8],
        from: usize,
        to: usize,
        spans: &mut Vec<Span>,
        limit: usize,
    ) -> Option<usize>;
    /// The bytes from `at` on were moved to the start of a new buffer.
    fn rebase(&mut self, at: usize);
    /// The end of the file, after `buf[..filled]`: the record it cut off, if any, is pushed too.
    fn finish(&mut self, buf: &[u8], filled: usize, spans: &mut Vec<Span>);
    /// Whether the rest of the file can be left unread (its structure broke).
    fn stopped(&self) -> bool {
        false
    }
}

/// NDJSON: a record is a line, the bytes before its `\n` (the last line may lack one), exactly as
/// `BufRead::read_until` gives them.
#[derive(Debug, Default)]
pub(crate) struct Lines {
    /// Where the line being read begins in the buffer.
    line_start: usize,
    /// Lines ended so far.
    line_no: u64,
}

impl Lines {
    fn span(&self, end: usize) -> Span {
        Span {
            start: self.line_start,
            end,
            no: self.line_no,
            line: self.line_no,
            col: 1,
        }
    }
}

impl Split for Lines {
    fn scan(
        &mut self,
        buf: &[u8],
        from: usize,
        to: usize,
        spans: &mut Vec<Span>,
        limit: usize,
    ) -> Option<usize> {
        let mut from = from;
        while let Some(p) = memchr::memchr(b'\n', &buf[from..to]).map(|p| from + p) {
            self.line_no += 1;
            spans.push(self.span(p));
            self.line_start = p + 1;
            from = self.line_start;
            if spans.len() >= limit {
                return Some(self.line_start);
            }
        }
        None
    }

    fn rebase(&mut self, at: usize) {
        self.line_start -= at;
    }

    fn finish(&mut self, _: &[u8], filled: usize, spans: &mut Vec<Span>) {
        if filled > self.line_start {
            self.line_no += 1;
            spans.push(self.span(filled));
        }
    }
}

/// Bytes read from the file at a time. A chunk that fills up in the middle of a block hands the
/// rest of the block to the next chunk, so a block is small beside a chunk (256 lines ≈ 1.6 MB).
pub(crate) const READ_BLOCK: usize = 64 * 1024;

/// Reads `input` into chunks of at most `chunk` records and hands each to `send`, which says
/// whether to go on (`false`: the receiver is gone). `recycle` gives back a chunk done with, so
/// that buffers are allocated once: fresh multi-MB buffers per chunk fragment the allocator and let
/// the RSS creep up with N. On a read error the whole records read before it still go out.
pub(crate) fn read_chunks(
    input: impl Read,
    chunk: usize,
    split: &mut dyn Split,
    send: &mut dyn FnMut(Chunk) -> bool,
    recycle: &mut dyn FnMut() -> Option<Chunk>,
) -> std::io::Result<()> {
    read_chunks_from(input, chunk, READ_BLOCK, split, send, recycle)
}

/// [`read_chunks`] with the block size as a parameter (the tests use tiny blocks). Blocks are
/// read straight into the chunk's buffer and split there, instead of copying each record out of
/// a `BufReader`.
pub(crate) fn read_chunks_from(
    mut input: impl Read,
    chunk: usize,
    block: usize,
    split: &mut dyn Split,
    send: &mut dyn FnMut(Chunk) -> bool,
    recycle: &mut dyn FnMut() -> Option<Chunk>,
) -> std::io::Result<()> {
    // `c.buf[..filled]` holds what was read; the bytes after it are left from earlier use and
    // only overwritten, so that a buffer is zeroed once (when it grows), not before every read.
    // A new buffer starts at the size of the last full chunk instead of growing to it by doubling.
    let mut fresh = |size: usize| {
        let mut c = recycle().unwrap_or_default();
        c.spans.clear();
        c.spans.reserve(chunk);
        if c.buf.len() < size {
            c.buf.resize(size, 0);
        }
        c
    };
    let mut c = fresh(block);
    let mut filled = 0;
    while !split.stopped() {
        if c.buf.len() < filled + block {
            let size = (filled + block).max(2 * c.buf.len());
            c.buf.resize(size, 0);
        }
        let n = loop {
            match input.read(&mut c.buf[filled..filled + block]) {
                Ok(n) => break n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => {
                    // The whole records read before the error still go out.
                    send(c);
                    return Err(e);
                }
            }
        };
        if n == 0 {
            split.finish(&c.buf, filled, &mut c.spans);
            break;
        }
        let mut from = filled;
        filled += n;
        while let Some(at) = split.scan(&c.buf, from, filled, &mut c.spans, chunk) {
            // The rest of the block begins the next chunk.
            let rest = filled - at;
            let mut next = fresh(filled + block);
            next.buf[..rest].copy_from_slice(&c.buf[at..filled]);
            split.rebase(at);
            let full = std::mem::replace(&mut c, next);
            if !send(full) {
                return Ok(());
            }
            (filled, from) = (rest, 0);
        }
    }
    if !c.spans.is_empty() {
        send(c);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::io::{BufRead, Read};

    use super::*;

    /// Every line `read_chunks_from` sends, as (line number, bytes), and how it ended.
    fn read_all(
        input: impl Read,
        chunk: usize,
        block: usize,
    ) -> (Vec<(u64, Vec<u8>)>, std::io::Result<()>) {
        let mut lines = Vec::new();
        let ended = read_chunks_from(
            input,
            chunk,
            block,
            &mut Lines::default(),
            &mut |c| {
                assert!(c.spans.len() <= chunk, "a chunk of {} lines", c.spans.len());
                for s in &c.spans {
                    assert_eq!((s.line, s.col), (s.no, 1));
                    lines.push((s.no, c.buf[s.start..s.end].to_vec()));
                }
                true
            },
            &mut || None,
        );
        (lines, ended)
    }

    /// The lines `BufRead::read_until` gives, without their `\n`, numbered from 1.
    fn read_until_lines(text: &[u8]) -> Vec<(u64, Vec<u8>)> {
        let mut reader = std::io::BufReader::new(text);
        let mut lines = Vec::new();
        loop {
            let mut line = Vec::new();
            if reader.read_until(b'\n', &mut line).unwrap() == 0 {
                return lines;
            }
            if line.last() == Some(&b'\n') {
                line.pop();
            }
            lines.push((lines.len() as u64 + 1, line));
        }
    }

    #[test]
    fn lines_are_split_as_read_until_splits_them_for_any_block_and_chunk() {
        let texts: [&[u8]; 7] = [
            b"",
            b"\n",
            b"{\"name\":\"\xe9\xa3\x9f\xe5\x93\x81\xe7\xbb\x8f\xe8\x90\xa5\xe8\xae\xb8\xe5\x8f\xaf\"}\n{}\n",
            b"a\n\nb\r\n\n\nlast line without newline",
            b"no newline at all",
            b"\n\n\n",
            b"x\ny\nz\n",
        ];
        for text in texts {
            let want = read_until_lines(text);
            for block in [1, 2, 3, 5, 8, 64, READ_BLOCK] {
                for chunk in [1, 2, 3, 256] {
                    let (got, ended) = read_all(text, chunk, block);
                    assert!(ended.is_ok());
                    assert_eq!(got, want, "{text:?} block {block} chunk {chunk}");
                }
            }
        }
    }

    /// Gives its bytes a few at a time, is interrupted once, then fails.
    struct FailingReader {
        data: &'static [u8],
        interrupted: bool,
    }

    impl Read for FailingReader {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            if !self.interrupted {
                self.interrupted = true;
                return Err(std::io::ErrorKind::Interrupted.into());
            }
            if self.data.is_empty() {
                return Err(std::io::Error::other("磁盘读取错误"));
            }
            let n = buf.len().min(self.data.len()).min(4);
            buf[..n].copy_from_slice(&self.data[..n]);
            self.data = &self.data[n..];
            Ok(n)
        }
    }

    #[test]
    fn a_read_error_keeps_the_whole_lines_before_it_and_is_returned() {
        let input = FailingReader {
            data: b"first\nsecond\npartial",
            interrupted: false,
        };
        let (got, ended) = read_all(input, 1, 3);
        assert_eq!(
            got,
            vec![(1, b"first".to_vec()), (2, b"second".to_vec())],
            "the unfinished line is dropped, the interruption retried"
        );
        assert_eq!(ended.unwrap_err().to_string(), "磁盘读取错误");
    }
}
