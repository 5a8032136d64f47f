//! The scanner under [`parse_table`]: cells split as Excel splits them, stray quotes found and
//! read as characters, `="…"` read as its text (the rules are in the parent module's docs).

use std::cell::OnceCell;
use std::collections::HashMap;

use super::guess_delimiter;

/// Delimited text split into rows, and the stray quotes in it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    /// Trimmed cells, row by row: row `i` is the row `i + 1` Excel shows.
    pub rows: Vec<Vec<String>>,
    /// The quotes read as characters, in the order of the text.
    pub stray_quotes: Vec<StrayQuote>,
}

/// A quote typed at the start of a cell that does not pair where it should (`"农药经营许可证` with
/// no closing quote), read as a plain character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StrayQuote {
    /// The row of its cell (an index into [`Table::rows`]).
    pub row: usize,
    /// The column of its cell, from 0.
    pub column: usize,
    /// How many lines after its own it would have taken into its cell, read as a quote.
    pub lines: usize,
}

/// Splits decoded delimited text into trimmed cells, guessing the delimiter. Row `i` is the row
/// `i + 1` Excel and WPS show: a blank line is an empty row, a cell may span lines, and line ends
/// may be CRLF, LF or CR. A stray quote is read as a character (see the module docs).
pub fn parse_table(text: &str) -> Table {
    let mut scanner = Scanner {
        text,
        delimiter: guess_delimiter(text),
        literal: Vec::new(),
        width: OnceCell::new(),
    };
    let mut table = Table::default();
    let mut pos = 0;
    while pos < text.len() {
        if let Some(next) = line_end(text.as_bytes(), pos) {
            table.rows.push(Vec::new());
            pos = next;
            continue;
        }
        let record = scanner.record(pos, None);
        if let Some(span) = record
            .spans
            .iter()
            .find(|span| scanner.is_stray(pos, &record, span))
        {
            table.stray_quotes.push(StrayQuote {
                row: table.rows.len(),
                column: span.column,
                lines: span.lines,
            });
            let at = scanner.literal.partition_point(|&q| q < span.quote);
            scanner.literal.insert(at, span.quote);
            // The same row again, the quote a character.
            continue;
        }
        table.rows.push(record.cells);
        pos = record.end;
    }
    // Blank lines at the end make no rows.
    while table.rows.last().is_some_and(Vec::is_empty) {
        table.rows.pop();
    }
    table
}

/// How many rows from the top give the table's width (the commonest number of cells in a row).
const WIDTH_SAMPLE_ROWS: usize = 1000;

/// Reads the rows of delimited text one at a time.
struct Scanner<'t> {
    text: &'t str,
    delimiter: u8,
    /// The offsets of the stray quotes found so far, read as characters (ascending).
    literal: Vec<usize>,
    /// The table's width, worked out when a quoted cell over lines first needs it.
    width: OnceCell<Option<usize>>,
}

/// One row of the text.
struct Row {
    /// Its cells, trimmed, `="…"` read as its text.
    cells: Vec<String>,
    /// Where the text after it starts.
    end: usize,
    /// Its quoted cells whose quote may be a stray one.
    spans: Vec<Span>,
}

/// A quoted cell whose quote may be a stray one: it holds a line end, has text after its closing
/// quote (`"农药经营许可证,"样本.pdf"` read as a quote pairs with the next cell's), or never closes.
struct Span {
    /// The offset of its opening quote.
    quote: usize,
    /// Its column, from 0.
    column: usize,
    /// Whether its closing quote is there.
    closed: bool,
    /// Whether text follows its closing quote before the next delimiter or line end, as no CSV
    /// writer writes it: the closing quote is likely another cell's opening one.
    text_after: bool,
    /// Whether it holds a line end.
    over_lines: bool,
    /// The line ends inside its quotes, not counting those at the end.
    lines: usize,
}

impl Scanner<'_> {
    /// The row that starts at `pos` (not a line end), with the quote at `literal`, if any, read as
    /// a character as the stray quotes found so far are.
    fn record(&self, mut pos: usize, literal: Option<usize>) -> Row {
        let bytes = self.text.as_bytes();
        let mut row = Row {
            cells: Vec::new(),
            end: bytes.len(),
            spans: Vec::new(),
        };
        loop {
            let mut cell = String::new();
            let quote = pos;
            let mut closed = None;
            if bytes.get(pos) == Some(&b'"')
                && literal != Some(pos)
                && self.literal.binary_search(&pos).is_err()
            {
                let (text, after, found) = quoted(self.text, pos + 1);
                (cell, pos, closed) = (text, after, Some(found));
            }
            // Text outside quotes (or after the closing quote, which Excel keeps too) runs to the
            // next delimiter or line end.
            let stop = memchr::memchr3(self.delimiter, b'\r', b'\n', &bytes[pos..])
                .map_or(bytes.len(), |i| pos + i);
            if let Some(closed) = closed {
                let (text_after, over_lines) = (stop > pos, cell.contains(['\n', '\r']));
                if !closed || text_after || over_lines {
                    row.spans.push(Span {
                        quote,
                        column: row.cells.len(),
                        closed,
                        text_after,
                        over_lines,
                        lines: line_ends(cell.trim_end_matches(['\r', '\n'])),
                    });
                }
            }
            cell.push_str(&self.text[pos..stop]);
            row.cells.push(cell_text(cell));
            match bytes.get(stop) {
                Some(&b) if b == self.delimiter => pos = stop + 1,
                _ => {
                    row.end = line_end(bytes, stop).unwrap_or(bytes.len());
                    return row;
                }
            }
        }
    }

    /// Whether the quote of `span`, in `row` read from `pos`, is a stray quote: it never closes,
    /// or read as a character it leaves the row as wide as the table while read as a quote it
    /// leaves the row of another width, or pairs with a quote lines below that text follows (two
    /// stray quotes in one column pair up and leave the row as wide as the table). Where both
    /// readings fit the table otherwise, it is a quote.
    fn is_stray(&self, pos: usize, row: &Row, span: &Span) -> bool {
        if !span.closed {
            return true;
        }
        let Some(width) = *self.width.get_or_init(|| self.commonest_width()) else {
            return false;
        };
        (row.cells.len() != width || (span.over_lines && span.text_after))
            && self.record(pos, Some(span.quote)).cells.len() == width
    }

    /// The commonest number of cells among the first [`WIDTH_SAMPLE_ROWS`] rows (the larger on a
    /// tie: a title row has one), or `None` when the text has no row.
    fn commonest_width(&self) -> Option<usize> {
        let bytes = self.text.as_bytes();
        let mut counts: HashMap<usize, usize> = HashMap::new();
        let (mut pos, mut rows) = (0, 0);
        while pos < bytes.len() && rows < WIDTH_SAMPLE_ROWS {
            if let Some(next) = line_end(bytes, pos) {
                pos = next;
                continue;
            }
            let row = self.record(pos, None);
            *counts.entry(row.cells.len()).or_default() += 1;
            rows += 1;
            pos = row.end;
        }
        counts
            .into_iter()
            .max_by_key(|&(width, n)| (n, width))
            .map(|(width, _)| width)
    }
}

/// The text of a quoted cell whose opening quote is just before `start` (a doubled quote is one
/// quote, the next single one closes it), where the text after the closing quote starts, and
/// whether there is one.
fn quoted(text: &str, start: usize) -> (String, usize, bool) {
    let bytes = text.as_bytes();
    let mut cell = String::new();
    let mut from = start;
    while let Some(i) = memchr::memchr(b'"', &bytes[from..]) {
        let q = from + i;
        cell.push_str(&text[from..q]);
        if bytes.get(q + 1) == Some(&b'"') {
            cell.push('"');
            from = q + 2;
        } else {
            return (cell, q + 1, true);
        }
    }
    cell.push_str(&text[from..]);
    (cell, bytes.len(), false)
}

/// Where the text after the line end at `pos` starts, if there is one (`\r\n`, `\n` or `\r`).
fn line_end(bytes: &[u8], pos: usize) -> Option<usize> {
    match bytes.get(pos)? {
        b'\r' if bytes.get(pos + 1) == Some(&b'\n') => Some(pos + 2),
        b'\n' | b'\r' => Some(pos + 1),
        _ => None,
    }
}

/// The line ends in `text`, `\r\n` counting once.
fn line_ends(text: &str) -> usize {
    let bytes = text.as_bytes();
    (0..bytes.len())
        .filter(|&i| {
            line_end(bytes, i).is_some() && !(bytes[i] == b'\n' && i > 0 && bytes[i - 1] == b'\r')
        })
        .count()
}

/// A cell as Excel shows it: trimmed, and `="…"` as its text ([`excel_text`]).
fn cell_text(cell: String) -> String {
    let trimmed = cell.trim();
    if let Some(text) = excel_text(trimmed) {
        return text;
    }
    if trimmed.len() == cell.len() {
        cell
    } else {
        trimmed.to_owned()
    }
}

/// The text of a cell that is exactly `="…"`, the formula platforms write so that Excel shows a
/// code with its leading zeros (`="000111301009"` shows `000111301009`): what is between the
/// quotes, a doubled quote being one. `None` for any other cell, such as `=SUM(A1)` or
/// `="a"&"b"`, which is kept as written.
fn excel_text(cell: &str) -> Option<String> {
    let inner = cell.strip_prefix("=\"")?.strip_suffix('"')?;
    let text = inner.replace("\"\"", "\"");
    // Every quote inside is doubled: a single one would end the string before more formula.
    (2 * text.matches('"').count() == inner.matches('"').count()).then(|| text.trim().to_owned())
}
