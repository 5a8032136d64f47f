//! "Excel" exports that are not workbooks: many platform back ends save an HTML table, or
//! tab-separated text, under an `.xls`/`.xlsx` name, and Excel/WPS open them without complaint.
//! When a file named like a workbook has neither the ZIP (`.xlsx`, `.ods`) nor the OLE (`.xls`)
//! signature, it is decoded like a CSV file (BOM, UTF-8, else detected — GB18030 for GBK pages)
//! and read as HTML tables (one sheet per `<table>`) or as delimited text.

use scraper::{ElementRef, Html, Selector};

use super::csv::{decode, parse_rows};
use super::sheet::Sheet;

/// What a disguised workbook turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Disguise {
    /// HTML with tables.
    Html,
    /// Delimited text (tab, comma or semicolon).
    Text,
}

/// Whether the bytes start like a real workbook (ZIP for .xlsx/.ods, OLE for .xls).
pub fn is_real_workbook(head: &[u8]) -> bool {
    head.starts_with(b"PK\x03\x04") || head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
}

/// The sheets of a file that is not a real workbook, or `None` when it holds no readable table.
pub fn sheets(bytes: &[u8], source: &str) -> Option<(Disguise, Vec<Sheet>)> {
    let (text, _) = decode(bytes);
    if text.contains('\0') {
        return None;
    }
    let lower = text.to_lowercase();
    if lower.contains("<table") {
        let doc = Html::parse_document(&text);
        let table = Selector::parse("table").ok()?;
        let sheets: Vec<Sheet> = doc
            .select(&table)
            .enumerate()
            .map(|(i, t)| Sheet {
                source: source.to_owned(),
                name: Some(format!("表{}", i + 1)),
                first_row: 1,
                rows: table_rows(t),
                long_numbers: Vec::new(),
            })
            .filter(|s| !s.rows.is_empty())
            .collect();
        return (!sheets.is_empty()).then_some((Disguise::Html, sheets));
    }
    if lower.trim_start().starts_with('<') {
        return None;
    }
    let rows = parse_rows(&text).ok()?;
    (rows.iter().any(|r| r.len() > 1)).then(|| {
        (
            Disguise::Text,
            vec![Sheet {
                source: source.to_owned(),
                name: None,
                first_row: 1,
                rows,
                long_numbers: Vec::new(),
            }],
        )
    })
}

/// The rows of one table (its own rows, not those of tables nested in it), cell text with runs of
/// whitespace collapsed.
fn table_rows(table: ElementRef<'_>) -> Vec<Vec<String>> {
    let (Ok(tr), Ok(cell)) = (Selector::parse("tr"), Selector::parse("td, th")) else {
        return Vec::new();
    };
    table
        .select(&tr)
        .filter(|row| {
            row.ancestors()
                .filter_map(ElementRef::wrap)
                .find(|a| a.value().name() == "table")
                .is_some_and(|t| t.id() == table.id())
        })
        .map(|row| {
            row.select(&cell)
                .map(|c| c.text().collect::<Vec<_>>().join(" "))
                .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_tables_become_sheets() {
        let html = "<html><head><meta charset=\"gb2312\"></head><body>\
            <table><tr><th>实施编码</th><th>事项名称</th></tr>\
            <tr><td>1134170000312541513000117035000</td><td>食品经营许可\n（新办）</td></tr></table>\
            <table><tr><td>问题</td><td>解答</td></tr></table></body></html>";
        let (kind, sheets) = sheets(html.as_bytes(), "导出.xls").unwrap();
        assert_eq!(kind, Disguise::Html);
        assert_eq!(sheets.len(), 2);
        assert_eq!(sheets[0].rows[1][1], "食品经营许可 （新办）");
        assert_eq!(sheets[1].name.as_deref(), Some("表2"));
    }

    #[test]
    fn tab_separated_text_is_one_sheet() {
        let (kind, found) =
            sheets("实施编码\t事项名称\n1\t食品经营许可\n".as_bytes(), "a.xls").unwrap();
        assert_eq!(kind, Disguise::Text);
        assert_eq!(found[0].rows[1], ["1", "食品经营许可"]);
        assert!(sheets(b"not a table at all", "b.xls").is_none());
    }
}
