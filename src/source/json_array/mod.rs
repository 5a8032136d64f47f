//! The records of a JSON array told apart in its bytes as they are read, without parsing them:
//! a province's export as one array (`[{…},{…},…]`, gigabytes of it) is read a block at a time,
//! and each record is parsed on its own, as an NDJSON line is.
//!
//! What is checked here is the array's own structure: its `[`, a comma between two records, its
//! `]` and nothing after it. A record's own syntax is left to serde_json when the record is parsed,
//! so a broken record is one unreadable record, with the line and column in the file where it
//! breaks, and the records around it are read. Where the structure itself breaks (a comma
//! missing between records, the file cut short), the records before are kept and the break is a
//! [`Problem`] of the file. A quote out of place that runs a record on to the end of the file is
//! found, and the records after it read (`resume`).
//!
//! Lines and columns are counted as an editor shows them (columns in characters), so that a
//! clerk can find the place.

use memchr::memchr2;

mod resume;

use super::chunks::{Span, Split};
use super::{Notice, NoticeLevel};
use crate::model::Provenance;

/// Where the splitter is in the array.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Before the `[` (white space, a BOM).
    Open,
    /// Before a record: after the `[` (`comma` false), or after a comma.
    Before { comma: bool },
    /// In a record that is an object or an array.
    Container,
    /// In a record that is a string.
    Str,
    /// In a record that is a number, `true`, `false`, `null` or a bare word.
    Scalar,
    /// After a record.
    After,
    /// After the `]`.
    Closed,
    /// The structure broke: nothing more is read.
    Broken,
}

/// What broke in an array's structure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ProblemKind {
    /// The file does not begin with `[`.
    NotArray,
    /// Something other than a comma, `]` or the `{` of another record after a record.
    MissingComma,
    /// No comma between a record and the next object record: both are read.
    CommaSkipped,
    /// A comma before the `]` (every record was read).
    TrailingComma,
    /// Something after the `]`.
    TrailingContent,
    /// The file ended before the `]`; `inside` when in the middle of a record.
    CutShort { inside: bool },
    /// A record (the problem's `records`, beginning on line `from_line`) that a quote out of
    /// place ran on to the end of the file was found to end at the problem's place
    /// (`resume`), and the `recovered` records after it were read.
    Resumed { from_line: u64, recovered: u64 },
}

/// A break in an array's structure, with where it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Problem {
    pub(crate) kind: ProblemKind,
    /// The line, from 1.
    pub(crate) line: u64,
    /// The column, in characters, from 1.
    pub(crate) col: u64,
    /// Records found before it (the last of them cut off, with [`ProblemKind::CutShort`] `inside`).
    pub(crate) records: u64,
}

impl Problem {
    /// What a clerk reads about it: where, what, and what was read.
    pub(crate) fn message(&self) -> String {
        let Self {
            line, col, records, ..
        } = self;
        let at = format!("第 {line} 行第 {col} 列");
        match self.kind {
            ProblemKind::NotArray => "顶层应为事项对象或事项数组".to_owned(),
            ProblemKind::MissingComma => format!(
                "JSON 语法错误：{at}缺少逗号或右方括号 ]（在第 {records} 条记录之后）：从这里起分不出记录，之后的内容未读取。\
                 如果前一条记录已报 JSON 语法错误，问题多半在那条记录里（如文本中未转义的双引号）；请修正导出文件后重新检查"
            ),
            ProblemKind::CommaSkipped => format!(
                "JSON 语法错误：{at}缺少逗号（第 {records} 条与第 {} 条记录之间）：两条记录都已照常读取，请修正导出文件",
                records + 1
            ),
            ProblemKind::TrailingComma => format!(
                "JSON 语法错误：{at}有多余的逗号（最后一条记录之后）：{records} 条记录都已读取"
            ),
            ProblemKind::TrailingContent => format!(
                "JSON 语法错误：{at}之后还有多余的内容：事项数组已在前面结束（{records} 条记录都已读取），之后的内容未读取"
            ),
            ProblemKind::CutShort { inside: false } => format!(
                "文件在{at}意外结束（内容可能被截断）：事项数组缺少右方括号 ]，读到 {records} 条记录。导出或复制可能没有完成，请重新导出"
            ),
            ProblemKind::CutShort { inside: true } => format!(
                "文件在{at}意外结束：事项数组缺少右方括号 ]，读到 {records} 条记录，最后一条不完整，列为无法读取。\
                 如果那条记录报的 JSON 语法错误在文件末尾之前（如文本中未转义的双引号，之后的记录都被当成了它的一部分），请修正那一处；\
                 否则内容可能被截断（导出或复制没有完成），请重新导出"
            ),
            ProblemKind::Resumed {
                from_line,
                recovered,
            } => {
                let after = if recovered == 0 {
                    "它是数组的最后一条记录".to_owned()
                } else {
                    format!("其后的 {recovered} 条记录都已照常读取")
                };
                format!(
                    "JSON 语法错误：第 {records} 条记录（从第 {from_line} 行起）中有写坏的地方（多半是文本中未转义的双引号，位置见这条记录无法读取的原因），\
                     之后的内容都被当成了这条记录的一部分；已按记录的结构找到它在{at}结束，只有这一条列为无法读取，{after}。请修正那一处"
                )
            }
        }
    }

    /// The problem as a notice of the file: an error, but for a comma too many or too few
    /// between records, which loses nothing, and a record found to end before the end of the
    /// file (it is unreadable, with its reason, and the records after it are read).
    pub(crate) fn notice(&self, file: &str) -> Notice {
        Notice {
            level: if matches!(
                self.kind,
                ProblemKind::TrailingComma
                    | ProblemKind::CommaSkipped
                    | ProblemKind::Resumed { .. }
            ) {
                NoticeLevel::Warning
            } else {
                NoticeLevel::Error
            },
            provenance: Provenance::file(file),
            message: self.message(),
        }
    }
}

/// Tells apart the records of a JSON array ([`Split`]).
#[derive(Debug)]
pub(crate) struct ArraySplitter {
    state: State,
    /// Brackets open in the record being read.
    depth: u64,
    /// In a string inside an object or array record.
    in_string: bool,
    /// The byte before was a `\` in a string.
    escaped: bool,
    /// Where the record being read begins: in the buffer, and its line and column.
    start: usize,
    start_line: u64,
    start_col: u64,
    /// The line of the byte at `counted` in the buffer, from 1, and the characters before it on
    /// the line: lines and columns are counted only when one is needed (a record begins, the
    /// structure breaks, a chunk is handed on), as counting them byte by byte took a tenth of
    /// a check.
    line: u64,
    col: u64,
    counted: usize,
    /// Records begun.
    records: u64,
    problems: Vec<Problem>,
    /// The array is inside an object (`ArraySplitter::at`): what follows its `]` is the rest
    /// of the object, read only when a stray quote hid where the array ends (`resume`).
    in_object: bool,
}

impl Default for ArraySplitter {
    fn default() -> Self {
        Self {
            state: State::Open,
            depth: 0,
            in_string: false,
            escaped: false,
            start: 0,
            start_line: 1,
            start_col: 1,
            line: 1,
            col: 0,
            counted: 0,
            records: 0,
            problems: Vec::new(),
            in_object: false,
        }
    }
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

/// Whether a UTF-8 byte begins a character (is not a continuation byte, `10xxxxxx`).
fn begins_char(b: u8) -> bool {
    b & 0xC0 != 0x80
}

/// Characters in UTF-8 bytes.
pub(crate) fn chars(bytes: &[u8]) -> u64 {
    bytes.iter().filter(|&&b| begins_char(b)).count() as u64
}

impl ArraySplitter {
    /// A splitter for an array that begins on line `line` of its file, after `col` characters
    /// (an array inside an object: `source::json_outline`), so that places are told in the file.
    pub(crate) fn at(line: u64, col: u64) -> Self {
        Self {
            line,
            col,
            in_object: true,
            ..Self::default()
        }
    }

    /// The breaks in the structure found so far, in the order found.
    pub(crate) fn problems(&self) -> &[Problem] {
        &self.problems
    }

    /// Records found (an unfinished last one included).
    pub(crate) fn records(&self) -> u64 {
        self.records
    }

    /// The characters on the line before `i` in `buf`, with [`Self::line`] brought up to `i`.
    fn col_at(&mut self, buf: &[u8], i: usize) -> u64 {
        let seg = &buf[self.counted..i];
        match memchr::memrchr(b'\n', seg) {
            Some(last) => {
                self.line += memchr::memchr_iter(b'\n', seg).count() as u64;
                self.col = chars(&seg[last + 1..]);
            }
            None => self.col += chars(seg),
        }
        self.counted = i;
        self.col
    }

    /// A break in the structure at `i` in `buf`; the end of the file is at its last character,
    /// as serde_json places it.
    fn problem(&mut self, kind: ProblemKind, buf: &[u8], i: usize) {
        let before = self.col_at(buf, i);
        let col = match kind {
            ProblemKind::CutShort { .. } => before.max(1),
            _ => before + 1,
        };
        self.problems.push(Problem {
            kind,
            line: self.line,
            col,
            records: self.records,
        });
    }

    fn begin(&mut self, buf: &[u8], at: usize) {
        self.records += 1;
        self.start = at;
        self.start_col = self.col_at(buf, at) + 1;
        self.start_line = self.line;
        self.state = match buf[at] {
            b'{' | b'[' => {
                self.depth = 1;
                self.in_string = false;
                State::Container
            }
            b'"' => {
                self.escaped = false;
                State::Str
            }
            _ => State::Scalar,
        };
    }

    fn span(&self, end: usize) -> Span {
        Span {
            start: self.start,
            end,
            no: self.records,
            line: self.start_line,
            col: self.start_col,
        }
    }

    /// A record ended at `end` (exclusive): `Some(end)` when the chunk is full, with the columns
    /// counted up to there, since the bytes after go to a new buffer.
    fn ended(
        &mut self,
        buf: &[u8],
        end: usize,
        spans: &mut Vec<Span>,
        limit: usize,
    ) -> Option<usize> {
        spans.push(self.span(end));
        self.state = State::After;
        (spans.len() >= limit).then(|| {
            self.col_at(buf, end);
            end
        })
    }

    /// Ends the record being read at `end` (found by [`resume::true_end`]) and reads the records
    /// after it, up to `filled`, the end of the file; says so.
    fn resume(&mut self, buf: &[u8], end: usize, filled: usize, spans: &mut Vec<Span>) {
        let (broken, from_line) = (self.records, self.start_line);
        self.ended(buf, end, spans, usize::MAX);
        let col = self.col_at(buf, end);
        // Said before the breaks after it, if any, with the records read after it once read.
        let at = self.problems.len();
        self.problems.push(Problem {
            kind: ProblemKind::Resumed {
                from_line,
                recovered: 0,
            },
            line: self.line,
            col,
            records: broken,
        });
        self.scan(buf, end, filled, spans, usize::MAX);
        self.problems[at].kind = ProblemKind::Resumed {
            from_line,
            recovered: self.records - broken,
        };
    }

    /// Skips string bytes from `i`, up to the closing quote (which is consumed: `true`) or `to`.
    fn skip_string(&mut self, buf: &[u8], i: &mut usize, to: usize) -> bool {
        while *i < to {
            if self.escaped {
                self.escaped = false;
                *i += 1;
                continue;
            }
            let Some(k) = memchr2(b'"', b'\\', &buf[*i..to]) else {
                *i = to;
                return false;
            };
            *i += k + 1;
            if buf[*i - 1] == b'"' {
                return true;
            }
            self.escaped = true;
        }
        false
    }
}

impl Split for ArraySplitter {
    fn scan(
        &mut self,
        buf: &[u8],
        from: usize,
        to: usize,
        spans: &mut Vec<Span>,
        limit: usize,
    ) -> Option<usize> {
        let mut i = from;
        while i < to {
            let b = buf[i];
            match self.state {
                State::Open => {
                    if b == b'[' {
                        self.state = State::Before { comma: false };
                    } else if matches!(b, 0xEF | 0xBB | 0xBF) {
                        // A BOM is not a column.
                        self.counted = i + 1;
                    } else if !is_space(b) {
                        self.problem(ProblemKind::NotArray, buf, i);
                        self.state = State::Broken;
                        return None;
                    }
                    i += 1;
                }
                State::Before { comma } => {
                    if b == b']' {
                        if comma {
                            self.problem(ProblemKind::TrailingComma, buf, i);
                        }
                        self.state = State::Closed;
                    } else if !is_space(b) {
                        self.begin(buf, i);
                    }
                    i += 1;
                }
                State::Container => {
                    if self.in_string {
                        self.in_string = !self.skip_string(buf, &mut i, to);
                        continue;
                    }
                    i += 1;
                    match b {
                        b'"' => self.in_string = true,
                        b'{' | b'[' => self.depth += 1,
                        b'}' | b']' => {
                            self.depth -= 1;
                            if self.depth == 0
                                && let Some(at) = self.ended(buf, i, spans, limit)
                            {
                                return Some(at);
                            }
                        }
                        _ => {}
                    }
                }
                State::Str => {
                    if self.skip_string(buf, &mut i, to)
                        && let Some(at) = self.ended(buf, i, spans, limit)
                    {
                        return Some(at);
                    }
                }
                State::Scalar => {
                    if b == b',' || b == b']' || is_space(b) {
                        if let Some(at) = self.ended(buf, i, spans, limit) {
                            return Some(at);
                        }
                    } else {
                        i += 1;
                    }
                }
                State::After => {
                    match b {
                        b',' => self.state = State::Before { comma: true },
                        b']' => self.state = State::Closed,
                        _ if is_space(b) => {}
                        // `}{` or `}` and a new line `{`: a comma left out between two items
                        // (an export joined by hand, a generator's slip). The next record is
                        // whole where it begins, so it is read, and the slip is said.
                        b'{' => {
                            self.problem(ProblemKind::CommaSkipped, buf, i);
                            self.begin(buf, i);
                        }
                        _ => {
                            self.problem(ProblemKind::MissingComma, buf, i);
                            self.state = State::Broken;
                            return None;
                        }
                    }
                    i += 1;
                }
                State::Closed => {
                    if self.in_object && !is_space(b) {
                        // The rest of the object the array is in.
                        self.state = State::Broken;
                        return None;
                    }
                    if !is_space(b) {
                        self.problem(ProblemKind::TrailingContent, buf, i);
                        self.state = State::Broken;
                        return None;
                    }
                    i += 1;
                }
                State::Broken => return None,
            }
        }
        None
    }

    fn rebase(&mut self, at: usize) {
        self.start = self.start.saturating_sub(at);
        self.counted = self.counted.saturating_sub(at);
    }

    fn finish(&mut self, buf: &[u8], filled: usize, spans: &mut Vec<Span>) {
        // A record that a quote out of place ran on to the end of the file ends where it really
        // does, and the records after it are read (`resume`).
        while self.state == State::Container
            && let Some(end) = resume::true_end(&buf[self.start..filled])
        {
            self.resume(buf, self.start + end, filled, spans);
        }
        match self.state {
            State::Container | State::Str | State::Scalar => {
                // A number or word at the very end is whole; an object or string was cut off.
                let inside = self.state != State::Scalar;
                spans.push(self.span(filled));
                self.problem(ProblemKind::CutShort { inside }, buf, filled);
            }
            State::Before { .. } | State::After => {
                self.problem(ProblemKind::CutShort { inside: false }, buf, filled);
            }
            State::Open => self.problem(ProblemKind::NotArray, buf, filled),
            State::Closed | State::Broken => {}
        }
        self.state = State::Broken;
    }

    fn stopped(&self) -> bool {
        self.state == State::Broken
    }
}

#[cfg(test)]
mod tests;
