//! A guide page's table as the browser lays it out: `colspan` and `rowspan` expanded into a grid
//! of columns, the rows above the records told apart (a merged title row, a header of one or two
//! rows), and each column named by its lowest header that says something.
//!
//! Not here: which table belongs to which section, and what a record's cells become (`html`).

use scraper::ElementRef;

use super::html::text_of;

/// Most columns or rows a cell is taken to span (a `colspan="1000"` would make a huge grid).
const MAX_SPAN: usize = 64;

/// One place of the grid: the cell that covers it, and whether the cell starts in this row (a
/// cell carried down by `rowspan` does not).
#[derive(Clone, Copy)]
pub(super) struct Slot<'a> {
    pub cell: ElementRef<'a>,
    pub own: bool,
}

/// A table's rows (not those of nested tables), each a slot per column.
pub(super) fn grid(table: ElementRef<'_>) -> Vec<Vec<Option<Slot<'_>>>> {
    let mut out: Vec<Vec<Option<Slot<'_>>>> = Vec::new();
    // Per column: the cell carried down and the rows it still covers.
    let mut carried: Vec<Option<(ElementRef<'_>, usize)>> = Vec::new();
    for tr in table_rows(table) {
        let mut row: Vec<Option<Slot<'_>>> = Vec::new();
        let mut col = 0;
        for cell in tr
            .child_elements()
            .filter(|c| matches!(c.value().name(), "td" | "th"))
        {
            take_carried(&mut carried, &mut row, &mut col);
            let cols = span(cell, "colspan");
            let rows = span(cell, "rowspan");
            for c in col..col + cols {
                set(&mut row, c, Slot { cell, own: true });
                if rows > 1 {
                    if carried.len() <= c {
                        carried.resize(c + 1, None);
                    }
                    carried[c] = Some((cell, rows - 1));
                }
            }
            col += cols;
        }
        take_carried(&mut carried, &mut row, &mut col);
        if row.iter().any(|s| s.is_some_and(|s| s.own)) {
            out.push(row);
        }
    }
    out
}

/// Fills the places from `col` on that cells of rows above still cover.
fn take_carried<'a>(
    carried: &mut [Option<(ElementRef<'a>, usize)>],
    row: &mut Vec<Option<Slot<'a>>>,
    col: &mut usize,
) {
    while let Some(Some((cell, left))) = carried.get_mut(*col) {
        set(
            row,
            *col,
            Slot {
                cell: *cell,
                own: false,
            },
        );
        *left -= 1;
        if *left == 0 {
            carried[*col] = None;
        }
        *col += 1;
    }
}

fn set<'a>(row: &mut Vec<Option<Slot<'a>>>, col: usize, slot: Slot<'a>) {
    if row.len() <= col {
        row.resize(col + 1, None);
    }
    row[col] = Some(slot);
}

/// A cell's `colspan` or `rowspan`, 1 when absent or not a number.
fn span(cell: ElementRef<'_>, attr: &str) -> usize {
    cell.attr(attr)
        .and_then(|v| v.trim().parse::<usize>().ok())
        .map_or(1, |n| n.clamp(1, MAX_SPAN))
}

/// The `tr` elements of a table, not of the tables nested in it.
pub(super) fn table_rows(table: ElementRef<'_>) -> impl Iterator<Item = ElementRef<'_>> {
    table
        .descendent_elements()
        .filter(|tr| tr.value().name() == "tr")
        .filter(move |tr| {
            tr.ancestors()
                .filter_map(ElementRef::wrap)
                .find(|a| a.value().name() == "table")
                .is_none_or(|t| t.id() == table.id())
        })
}

/// The distinct cells that start in a row.
pub(super) fn own_cells<'a>(row: &[Option<Slot<'a>>]) -> Vec<ElementRef<'a>> {
    let mut out: Vec<ElementRef<'a>> = Vec::new();
    for s in row.iter().flatten().filter(|s| s.own) {
        if out.last().is_none_or(|l| l.id() != s.cell.id()) {
            out.push(s.cell);
        }
    }
    out
}

/// A table of records read by its header: the field of each column and the rows of records.
pub(super) struct Records<'a, C> {
    pub columns: Vec<Option<C>>,
    /// The header text each column was named by.
    pub headers: Vec<String>,
    /// Per record row, the cell of each column (a cell spanning columns stands in each).
    pub rows: Vec<Vec<Option<ElementRef<'a>>>>,
}

/// Reads a table by its header. The header is the first row that names a column (`field` maps a
/// header text to a column), so a merged title row above it (`申请材料目录` across the table) is
/// passed over; a header cell spanning two rows (`rowspan="2"`), or one spanning columns over a
/// row of `th`, makes a header of two rows, and each column takes its lowest header that has
/// text (`来源渠道` over `来源渠道 | 出具单位`). Rows with fewer than two cells of their own
/// (`不收费` across the table, `情形一` between the records) are no record.
pub(super) fn records<C: Copy>(
    table: ElementRef<'_>,
    field: impl Fn(&str) -> Option<C>,
) -> Records<'_, C> {
    let grid = grid(table);
    let Some(start) = grid.iter().position(|row| {
        row.iter()
            .flatten()
            .any(|s| field(&text_of(s.cell)).is_some())
    }) else {
        return Records {
            columns: Vec::new(),
            headers: Vec::new(),
            rows: Vec::new(),
        };
    };
    let first = own_cells(&grid[start]);
    let mut depth = first.iter().map(|c| span(*c, "rowspan")).max().unwrap_or(1);
    if first.iter().any(|c| span(*c, "colspan") > 1) {
        while grid
            .get(start + depth)
            .is_some_and(|row| own_cells(row).iter().all(|c| c.value().name() == "th"))
        {
            depth += 1;
        }
    }
    let end = (start + depth).min(grid.len());
    let width = grid.iter().map(Vec::len).max().unwrap_or(0);
    // A cell spanning columns with no header below names its first column only
    // (`材料下载` over the links of the blank form and of the sample).
    let headers: Vec<String> = (0..width)
        .map(|c| {
            grid[start..end]
                .iter()
                .rev()
                .find_map(|row| {
                    let s = row.get(c).copied().flatten()?;
                    let text = text_of(s.cell);
                    (!text.is_empty()).then_some((row, s, text))
                })
                .map(|(row, s, text)| {
                    let first =
                        c == 0 || row[c - 1].is_none_or(|before| before.cell.id() != s.cell.id());
                    if first { text } else { String::new() }
                })
                .unwrap_or_default()
        })
        .collect();
    let columns = headers.iter().map(|h| field(h)).collect();
    let rows = grid[end..]
        .iter()
        .filter(|row| own_cells(row).len() >= 2)
        .map(|row| row.iter().map(|s| s.map(|s| s.cell)).collect())
        .collect();
    Records {
        columns,
        headers,
        rows,
    }
}
