//! Reading and writing the sheets of the tool's workbooks, as a user's Excel would, for the
//! command-line tests.

#![allow(dead_code)]

use std::path::Path;

use calamine::{Data, Reader, Xlsx, open_workbook};

/// The cells of sheet `name` as strings, row by row (the header first).
pub fn sheet_rows(path: &Path, name: &str) -> Vec<Vec<String>> {
    let mut wb: Xlsx<_> = open_workbook(path).unwrap();
    wb.worksheet_range(name)
        .unwrap()
        .rows()
        .map(|r| r.iter().map(Data::to_string).collect())
        .collect()
}

/// The cells of sheet `name` as calamine reads them (numbers as numbers), row by row.
pub fn sheet_cells(path: &Path, name: &str) -> Vec<Vec<Data>> {
    let mut wb: Xlsx<_> = open_workbook(path).unwrap();
    wb.worksheet_range(name)
        .unwrap()
        .rows()
        .map(<[Data]>::to_vec)
        .collect()
}

/// The position of column `name` in a header row.
pub fn col(header: &[String], name: &str) -> usize {
    header
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column {name} in {header:?}"))
}

/// Saves rows (the header first) as the one sheet `name` of a workbook, every cell text, as Excel
/// saves an edited list.
pub fn save_sheet(path: &Path, name: &str, rows: &[Vec<String>]) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet().set_name(name).unwrap();
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(r as u32, c as u16, v).unwrap();
        }
    }
    wb.save(path).unwrap();
}

/// The rows of a CSV the tool wrote (the header first), each cell as Excel shows it: the
/// `="…"` the tool writes for text Excel would turn into a number is its text.
pub fn csv_rows(path: &Path) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_path(path)
        .unwrap()
        .records()
        .map(|r| {
            r.unwrap()
                .iter()
                .map(|c| {
                    c.strip_prefix("=\"")
                        .and_then(|c| c.strip_suffix('"'))
                        .unwrap_or(c)
                        .to_owned()
                })
                .collect()
        })
        .collect()
}
