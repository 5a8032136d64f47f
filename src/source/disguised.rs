//! "Excel" exports that are not workbooks: many platform back ends save an HTML table, or
//! tab-separated text, under an `.xls`/`.xlsx` name, and Excel/WPS open them without complaint.
//! When a file named like a workbook has neither the ZIP (`.xlsx`, `.ods`) nor the OLE (`.xls`)
//! signature, it is decoded like a CSV file (BOM, UTF-8, else detected — GB18030 for GBK pages)
//! and read as HTML tables (one sheet per `<table>`) or as delimited text. An Excel 2003 XML
//! workbook under such a name is told apart ([`is_excel_2003_xml`]) but not read.

use scraper::{ElementRef, Html, Selector};

use super::csv::{decode, parse_rows};
use super::sheet::{Sheet, Uncomputed};

/// What a disguised workbook turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Disguise {
    /// HTML with tables.
    Html,
    /// Delimited text (tab, comma or semicolon).
    Text,
}

/// The first bytes of an OLE compound file: an old `.xls`, WPS's `.et`, or an encrypted `.xlsx`.
pub const OLE_MAGIC: [u8; 4] = [0xD0, 0xCF, 0x11, 0xE0];

/// Whether the bytes start like a real workbook (ZIP for .xlsx/.ods, OLE for .xls).
pub fn is_real_workbook(head: &[u8]) -> bool {
    head.starts_with(b"PK\x03\x04") || head.starts_with(&OLE_MAGIC)
}

/// Whether the bytes are an Excel 2003 XML workbook ("XML 电子表格", SpreadsheetML): what many
/// Java platforms export under an `.xls` name. Not read here; the clerk is told to save it as
/// `.xlsx`. Told by its processing instruction or namespace near the start.
pub fn is_excel_2003_xml(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    let has = |needle: &[u8]| head.windows(needle.len()).any(|w| w == needle);
    has(b"progid=\"Excel.Sheet\"") || has(b"urn:schemas-microsoft-com:office:spreadsheet")
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
                source: source.into(),
                name: Some(format!("表{}", i + 1).into()),
                first_row: 1,
                rows: table_rows(t),
                long_numbers: Vec::new(),
                uncomputed: Uncomputed::default(),
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
                source: source.into(),
                name: None,
                first_row: 1,
                rows,
                long_numbers: Vec::new(),
                uncomputed: Uncomputed::default(),
            }],
        )
    })
}

/// The rows of one table (its own rows, not those of tables nested in it), cell text with runs of
/// whitespace collapsed, laid out on the grid Excel shows: a cell spanning columns (`colspan`)
/// leaves the columns after it empty, and one spanning rows (`rowspan`) fills each row it covers in
/// its column, as a merged cell is read from a workbook (`xlsx::fill_merged_down`). Without the
/// grid, every cell after a merged one moved a column left in the rows it covered.
fn table_rows(table: ElementRef<'_>) -> Vec<Vec<String>> {
    let (Ok(tr), Ok(cell)) = (Selector::parse("tr"), Selector::parse("td, th")) else {
        return Vec::new();
    };
    // Per column: the text a rowspan carries down, and how many more rows it covers.
    let mut carried: Vec<Option<(String, usize)>> = Vec::new();
    let mut rows = Vec::new();
    for row in table.select(&tr).filter(|row| {
        row.ancestors()
            .filter_map(ElementRef::wrap)
            .find(|a| a.value().name() == "table")
            .is_some_and(|t| t.id() == table.id())
    }) {
        let mut out: Vec<String> = Vec::new();
        for c in row.select(&cell) {
            take_carried(&mut carried, &mut out);
            let text = c.text().collect::<Vec<_>>().join(" ");
            let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
            let span = |name: &str| {
                c.value()
                    .attr(name)
                    .and_then(|v| v.trim().parse::<usize>().ok())
                    .map_or(1, |n| n.clamp(1, MAX_SPAN))
            };
            let (colspan, rowspan) = (span("colspan"), span("rowspan"));
            let col = out.len();
            if rowspan > 1 {
                if carried.len() <= col {
                    carried.resize(col + 1, None);
                }
                carried[col] = Some((text.clone(), rowspan - 1));
            }
            out.push(text);
            out.extend(std::iter::repeat_n(String::new(), colspan - 1));
        }
        take_carried(&mut carried, &mut out);
        rows.push(out);
    }
    rows
}

/// Appends to `out` the texts that rowspans above carry into its next columns.
fn take_carried(carried: &mut [Option<(String, usize)>], out: &mut Vec<String>) {
    while let Some(slot) = carried.get_mut(out.len()) {
        let Some((text, left)) = slot else { break };
        out.push(text.clone());
        *left -= 1;
        if *left == 0 {
            *slot = None;
        }
    }
}

/// The largest `colspan`/`rowspan` taken as written: a page cannot make a row of a million
/// empty cells.
const MAX_SPAN: usize = 1000;

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

    /// A back end's "Excel" page: a title over every column, 实施主体 spanning its two items'
    /// rows, and a 办理地点 header spanning two columns. Every cell stays under its header.
    #[test]
    fn spanned_cells_keep_the_columns_in_place() {
        let html = "<table>\
            <tr><td colspan=\"5\">东至县政务服务事项实施清单</td></tr>\
            <tr><th>实施主体</th><th>实施编码</th><th>事项名称</th><th colspan=\"2\">办理地点</th></tr>\
            <tr><td rowspan=\"2\">东至县市场监督管理局</td><td>11341721MB1234567X4000117035000</td>\
                <td>食品经营许可（新办）</td><td>东至县尧渡镇</td><td>3号窗口</td></tr>\
            <tr><td>11341721MB1234567X4000117036000</td><td>食品经营许可（变更）</td>\
                <td>东至县尧渡镇</td><td>4号窗口</td></tr>\
            <tr><td rowspan=\"99999999\">东至县民政局</td><td>11341721MB7654321Y4000201001000</td>\
                <td>社会团体成立登记</td><td>东至县尧渡镇</td><td>6号窗口</td></tr>\
            </table>";
        let (_, found) = sheets(html.as_bytes(), "清单.xls").unwrap();
        let rows = &found[0].rows;
        assert_eq!(rows[0], ["东至县政务服务事项实施清单", "", "", "", ""]);
        assert_eq!(
            rows[1],
            ["实施主体", "实施编码", "事项名称", "办理地点", ""]
        );
        assert_eq!(
            rows[3],
            [
                "东至县市场监督管理局",
                "11341721MB1234567X4000117036000",
                "食品经营许可（变更）",
                "东至县尧渡镇",
                "4号窗口"
            ]
        );
        assert_eq!(rows[4][0], "东至县民政局");
        assert_eq!(rows.len(), 5);
    }

    #[test]
    fn an_excel_2003_xml_workbook_is_told_by_its_head() {
        let xml = "<?xml version=\"1.0\"?>\n<?mso-application progid=\"Excel.Sheet\"?>\n<Workbook>";
        assert!(is_excel_2003_xml(xml.as_bytes()));
        let bare = "<Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\">";
        assert!(is_excel_2003_xml(bare.as_bytes()));
        assert!(!is_excel_2003_xml(
            b"<html><table><tr><td>1</td></tr></table></html>"
        ));
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
