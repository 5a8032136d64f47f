//! Reading an NDJSON file into chunks of lines on the reader thread: blocks read straight into
//! a chunk's buffer and split at `\n` there, buffers reused once checked.
//!
//! Not here: what is done with a chunk (`worker`), the three stages put together
//! (`mod.rs`).

use std::fs::File;
use std::io::Read;

/// A chunk of lines: the bytes and, per line, `(start, end, line number)`.
#[derive(Default)]
pub(super) struct Chunk {
    pub(super) buf: Vec<u8>,
    pub(super) spans: Vec<(usize, usize, u64)>,
}

/// Bytes read from the file at a time. A chunk that fills up in the middle of a block hands the
/// rest of the block to the next chunk, so a block is small beside a chunk (256 lines ≈ 1.6 MB).
pub(super) const READ_BLOCK: usize = 64 * 1024;

/// Reads lines into chunks of `chunk` lines and sends them; stops early when the receiver is gone.
pub(super) fn read_chunks(
    file: File,
    chunk: usize,
    tx: &std::sync::mpsc::SyncSender<Chunk>,
    free: &std::sync::mpsc::Receiver<Chunk>,
) -> std::io::Result<()> {
    read_chunks_from(file, chunk, READ_BLOCK, tx, free)
}

/// [`read_chunks`] with the block size as a parameter (the tests use tiny blocks). Blocks are
/// read straight into the chunk's buffer and split at `\n` there, instead of copying each line
/// out of a `BufReader` with `read_until`; a line is the bytes before its `\n` (the last line may
/// lack one), exactly as `read_until` gave them.
pub(super) fn read_chunks_from(
    mut input: impl Read,
    chunk: usize,
    block: usize,
    tx: &std::sync::mpsc::SyncSender<Chunk>,
    free: &std::sync::mpsc::Receiver<Chunk>,
) -> std::io::Result<()> {
    // `c.buf[..filled]` holds what was read; the bytes after it are left from earlier use and
    // only overwritten, so that a buffer is zeroed once (when it grows), not before every read.
    // A new buffer starts at the size of the last full chunk instead of growing to it by doubling.
    let fresh = |size: usize| {
        let mut c = free.try_recv().unwrap_or_default();
        c.spans.clear();
        c.spans.reserve(chunk);
        if c.buf.len() < size {
            c.buf.resize(size, 0);
        }
        c
    };
    let mut c = fresh(block);
    let mut filled = 0;
    let mut line_no = 0u64;
    // Where the current (unfinished) line starts in `c.buf`.
    let mut line_start = 0;
    loop {
        if c.buf.len() < filled + block {
            let size = (filled + block).max(2 * c.buf.len());
            c.buf.resize(size, 0);
        }
        let n = loop {
            match input.read(&mut c.buf[filled..filled + block]) {
                Ok(n) => break n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => {
                    // The whole lines read before the error still go out.
                    let _ = tx.send(c);
                    return Err(e);
                }
            }
        };
        if n == 0 {
            // End of file; the last line may lack its `\n`.
            if filled > line_start {
                line_no += 1;
                c.spans.push((line_start, filled, line_no));
            }
            break;
        }
        let mut from = filled;
        filled += n;
        while let Some(p) = memchr::memchr(b'\n', &c.buf[from..filled]).map(|p| from + p) {
            line_no += 1;
            c.spans.push((line_start, p, line_no));
            line_start = p + 1;
            from = line_start;
            if c.spans.len() >= chunk {
                // The rest of the block begins the next chunk.
                let rest = filled - line_start;
                let mut next = fresh(filled + block);
                next.buf[..rest].copy_from_slice(&c.buf[line_start..filled]);
                let full = std::mem::replace(&mut c, next);
                if tx.send(full).is_err() {
                    return Ok(());
                }
                (filled, line_start, from) = (rest, 0, 0);
            }
        }
    }
    if !c.spans.is_empty() {
        let _ = tx.send(c);
    }
    Ok(())
}
