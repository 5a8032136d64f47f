//! [`parse_table`]: the csv crate splits the cells as Excel does; what is added here is finding
//! the stray quotes and reading them as characters, the blank lines Excel shows as rows, and
//! `="…"` and `'` before a number read as the text Excel shows (the rules are in the parent
//! module's docs).

use std::collections::HashMap;

use super::guess_delimiter;

/// Delimited text split into rows, and the stray quotes in it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    /// Trimmed cells, row by row: row `i` is the row `i + 1` Excel shows.
    pub rows: Vec<Vec<String>>,
    /// The quotes read as characters, in the order of the text.
    pub stray_quotes: Vec<StrayQuote>,
    /// The commonest number of cells in a row (the table's width), `None` when there is no row.
    pub width: Option<usize>,
    /// The text ends without a line end after its last row.
    pub no_line_end: bool,
    /// The text ends inside a quoted cell of its last row (`…,"有固定的生产加工场所` and no closing
    /// quote): the file was cut off there. A quote that runs over lines to the end is a stray
    /// quote instead, read as a character.
    pub open_quote_at_end: bool,
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
    let delimiter = guess_delimiter(text);
    let width = commonest_width(text, delimiter);
    let mut table = Table {
        width,
        no_line_end: !text.is_empty() && !text.ends_with(['\n', '\r']),
        ..Table::default()
    };
    let mut from = 0;
    while let Some(resume) = read_rows(&text[from..], delimiter, width, &mut table) {
        from += resume;
    }
    // Blank lines at the end make no rows.
    while table.rows.last().is_some_and(Vec::is_empty) {
        table.rows.pop();
    }
    table
}

/// How many rows from the top give the table's width (the commonest number of cells in a row).
const WIDTH_SAMPLE_ROWS: usize = 1000;

fn reader(text: &str, delimiter: u8, quoting: bool) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .quoting(quoting)
        .from_reader(text.as_bytes())
}

/// The commonest number of cells among the first [`WIDTH_SAMPLE_ROWS`] rows (the larger on a
/// tie: a title row has one), or `None` when the text has no row.
fn commonest_width(text: &str, delimiter: u8) -> Option<usize> {
    let mut counts: HashMap<usize, usize> = HashMap::new();
    for record in reader(text, delimiter, true)
        .records()
        .take(WIDTH_SAMPLE_ROWS)
        .flatten()
    {
        *counts.entry(record.len()).or_default() += 1;
    }
    counts
        .into_iter()
        .max_by_key(|&(width, n)| (n, width))
        .map(|(width, _)| width)
}

/// Reads the rows of `part` into `table` up to the first stray quote: the row it is in is read
/// with its quotes as characters, and where the text after that row's line starts is returned
/// (`None` when `part` was read to its end).
fn read_rows(part: &str, delimiter: u8, width: Option<usize>, table: &mut Table) -> Option<usize> {
    let bytes = part.as_bytes();
    let mut records = reader(part, delimiter, true);
    let mut record = csv::StringRecord::new();
    // Where the last record started, and the line ends inside its cells.
    let (mut last_start, mut inside) = (0, None);
    loop {
        // Text the csv crate cannot read as UTF-8 does not occur: `part` is a `str`.
        let Ok(more) = records.read_record(&mut record) else {
            return None;
        };
        if !more {
            return None;
        }
        // After a CRLF the csv crate puts the record at the LF: its first cell starts later.
        let mut start = record
            .position()
            .map_or(last_start, |p| {
                usize::try_from(p.byte()).unwrap_or(usize::MAX)
            })
            .clamp(last_start, bytes.len());
        while matches!(bytes.get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        // The line ends since the last record started: those inside its cells, the one that
        // ended it, and one for each blank line.
        let ends = line_ends(&part[last_start..start]);
        let blank = inside.map_or(ends, |inside: usize| ends.saturating_sub(inside + 1));
        table
            .rows
            .extend(std::iter::repeat_with(Vec::new).take(blank));
        // Line ends inside its cells; those that end a cell do not take a line in.
        let over_lines: usize = record
            .iter()
            .map(|c| line_ends(c.trim_end_matches(['\r', '\n'])))
            .sum();
        let end = usize::try_from(records.position().byte())
            .unwrap_or(usize::MAX)
            .min(bytes.len());
        if let Some(stray) = stray(
            &part[start..end],
            &record,
            over_lines,
            end == bytes.len(),
            width,
            delimiter,
        ) {
            table.stray_quotes.push(StrayQuote {
                row: table.rows.len(),
                column: stray.column,
                lines: over_lines,
            });
            table.rows.push(stray.cells);
            return Some(start + stray.resume);
        }
        if end == bytes.len() && ends_in_open_quote(&part[start..end], delimiter) {
            table.open_quote_at_end = true;
        }
        inside = Some(record.iter().map(line_ends).sum());
        table.rows.push(record.iter().map(cell_text).collect());
        last_start = start;
    }
}

/// A row read again with its quotes as characters.
struct Stray {
    /// Its cells, read from its first line alone.
    cells: Vec<String>,
    /// The column of the stray quote.
    column: usize,
    /// Where the text after its first line starts, in the record's text.
    resume: usize,
}

/// Whether the record whose text is `raw` (from its first cell to the next record) holds a stray
/// quote, and the row its first line makes with quotes read as characters. A stray quote is one
/// that never closes (an odd number of quotes in the last record, whose cells run over lines or
/// whose first line, read so, is as wide as the table), or a quoted cell over lines that leaves
/// the row of another width than the table's where its first line read so is as wide as the
/// table. Where both readings fit the table, the quote is a quote (a cell over lines written
/// with Alt+Enter).
fn stray(
    raw: &str,
    record: &csv::StringRecord,
    over_lines: usize,
    at_end: bool,
    width: Option<usize>,
    delimiter: u8,
) -> Option<Stray> {
    let has_lines = over_lines > 0;
    // Quotes pair up in a record read whole; an odd count in the last one is a quote that never
    // closed (or a quote inside an unquoted cell, which the checks below tell apart).
    let odd = raw.bytes().filter(|&b| b == b'"').count() % 2 == 1;
    if !(has_lines || at_end && odd) {
        return None;
    }
    let line = raw.find(['\r', '\n']).map_or(raw, |i| &raw[..i]);
    // The quote runs past the end of its line: the line alone has a quote left open.
    if line.bytes().filter(|&b| b == b'"').count() % 2 == 0 {
        return None;
    }
    let resume = next_line(raw, line.len());
    // The line alone: its cells up to the quote that runs past its end are whole (quoted ones
    // too); that quote opens its last cell, which holds the rest of the line, split here at the
    // delimiters with the quote kept as typed.
    let Some(Ok(alone)) = reader(line, delimiter, true).records().next() else {
        return None;
    };
    let column = alone.len().saturating_sub(1);
    let rest = alone.get(column).unwrap_or_default();
    let mut cells: Vec<String> = alone.iter().take(column).map(cell_text).collect();
    for (i, piece) in rest.split(char::from(delimiter)).enumerate() {
        cells.push(if i == 0 {
            cell_text(&format!("\"{piece}"))
        } else {
            cell_text(piece)
        });
    }
    let misfit = width.is_some_and(|w| record.len() != w && cells.len() == w);
    let never_closed = at_end && odd && (has_lines || misfit);
    if !(never_closed || has_lines && misfit) {
        return None;
    }
    Some(Stray {
        cells,
        column,
        resume,
    })
}

/// Whether the text of a record, read as the csv crate reads it, ends inside a quoted cell: a
/// quote at the start of a cell opens it, a doubled quote inside is a quote, a single one closes
/// it; a quote elsewhere in a cell is a character.
fn ends_in_open_quote(raw: &str, delimiter: u8) -> bool {
    let (mut quoted, mut at_cell_start) = (false, true);
    let mut bytes = raw.bytes().peekable();
    while let Some(b) = bytes.next() {
        if quoted {
            if b == b'"' {
                if bytes.peek() == Some(&b'"') {
                    bytes.next();
                } else {
                    quoted = false;
                }
            }
        } else if b == b'"' && at_cell_start {
            quoted = true;
        } else {
            at_cell_start = b == delimiter || b == b'\n' || b == b'\r';
            continue;
        }
        at_cell_start = false;
    }
    quoted
}

/// Where the text after the line end at `at` starts (`\r\n`, `\n` or `\r`).
fn next_line(text: &str, at: usize) -> usize {
    let bytes = text.as_bytes();
    match bytes.get(at) {
        Some(b'\r') if bytes.get(at + 1) == Some(&b'\n') => at + 2,
        Some(b'\r' | b'\n') => at + 1,
        _ => at,
    }
}

/// The line ends in `text`, `\r\n` counting once.
fn line_ends(text: &str) -> usize {
    let bytes = text.as_bytes();
    (0..bytes.len())
        .filter(|&i| match bytes[i] {
            b'\n' => i == 0 || bytes[i - 1] != b'\r',
            b'\r' => true,
            _ => false,
        })
        .count()
}

/// A cell as Excel shows it: trimmed, `="…"` as its text ([`excel_text`]), and `'` before a
/// number left out ([`marked_number`]).
fn cell_text(cell: &str) -> String {
    let trimmed = cell.trim();
    excel_text(trimmed).unwrap_or_else(|| marked_number(trimmed).unwrap_or(trimmed).to_owned())
}

/// The text of a cell written `'000110000000`: the apostrophe some systems write before what a
/// spreadsheet would take for a number (digits, with one decimal point or none), so that a code
/// keeps its leading zeros, is a mark the spreadsheet does not show. `None` for any other cell:
/// an apostrophe before text (`'食品经营许可'`) is the text's own. (Before a code of letters and
/// digits, `'11341700MB…`, it is left out where the column is one of codes: `sheet::numbers`.)
fn marked_number(cell: &str) -> Option<&str> {
    let rest = cell.strip_prefix('\'')?;
    let (whole, fraction) = rest.split_once('.').unwrap_or((rest, ""));
    (!whole.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && fraction.bytes().all(|b| b.is_ascii_digit()))
    .then_some(rest)
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
