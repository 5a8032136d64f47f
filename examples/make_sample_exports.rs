//! Regenerates `fixtures/exports/sample.xlsx` from `fixtures/exports/sample.json`:
//! `cargo run --example make_sample_exports`. Every cell is written as text so that codes such as
//! `000104002000` keep their leading zeros, as platform exports do.

use std::path::Path;

use anyhow::{Context, Result};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook};
use zwfw_audit::model::Item;

#[path = "../tests/common/sample_sheets.rs"]
mod sample_sheets;

fn main() -> Result<()> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/exports");
    let json = std::fs::read_to_string(root.join("sample.json")).context("read sample.json")?;
    let items: Vec<Item> = serde_json::from_str(&json).context("parse sample.json")?;
    let mut workbook = Workbook::new();
    // A fixed creation time keeps the committed file byte-for-byte reproducible.
    let created = ExcelDateTime::from_ymd(2024, 11, 20)?.and_hms(16, 32, 0)?;
    workbook.set_properties(
        &DocProperties::new()
            .set_title("池州市政务服务事项实施清单（样例）")
            .set_creation_datetime(&created),
    );
    let bold = Format::new().set_bold();
    let title_format = Format::new().set_bold().set_font_size(14);
    for sheet in sample_sheets::sample_sheets(&items) {
        let ws = workbook.add_worksheet();
        ws.set_name(sheet.name)?;
        let mut row = 0u32;
        if let Some(title) = sheet.title {
            ws.write_string_with_format(0, 0, title, &title_format)?;
            row = 1;
        }
        for (c, h) in sheet.header.iter().enumerate() {
            ws.write_string_with_format(row, c as u16, h, &bold)?;
            ws.set_column_width(c as u16, 18)?;
        }
        ws.set_freeze_panes(row + 1, 0)?;
        for cells in &sheet.rows {
            row += 1;
            for (c, v) in cells.iter().enumerate() {
                if !v.is_empty() {
                    ws.write_string(row, c as u16, v)?;
                }
            }
        }
    }
    let out = root.join("sample.xlsx");
    workbook
        .save(&out)
        .with_context(|| format!("write {}", out.display()))?;
    eprintln!("wrote {} ({} items)", out.display(), items.len());
    Ok(())
}
