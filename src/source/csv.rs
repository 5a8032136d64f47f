//! CSV files, one file per sheet: the encoding is detected (UTF-8 with or without BOM, UTF-16 with
//! BOM, otherwise GB18030/GBK and others through chardetng), the delimiter guessed from the first
//! line (comma, tab or semicolon), and the rows handed to the shared sheet assembly. Several CSV
//! files in one run form one workbook (an item file plus child files).
//!
//! Cells are split by the csv crate, as Excel splits them: a cell in quotes may hold delimiters,
//! doubled quotes and line ends (Alt+Enter), and row `i` is the row `i + 1` Excel shows. Two
//! things clerks and platforms write are read as they mean them:
//! - A **stray quote**: a quote typed at the start of a cell and never closed (`"农药经营许可证`)
//!   runs on to the next quote in the file, or to its end, taking every line on the way into one
//!   cell: the items there vanished without a word. A quoted cell over lines is taken for a stray
//!   quote when it never closes (it runs to the end of the file), or when, read as a quote, it
//!   leaves its row of another width than the table's (its commonest) while its first line, read
//!   with quotes as characters, is as wide as the table. That line is then the row, the lines
//!   after it are rows again, and a warning names its row and column. Quoted cells over lines
//!   that fit the table (Alt+Enter in Excel) are one cell, as Excel shows them. Not caught: a
//!   stray quote that pairs with another on its own line, or two that pair with each other and
//!   leave the row as wide as the table (the crate does not say where a cell's quotes were).
//! - `="000111301009"`, which platforms write so that Excel keeps a code's leading zeros, is the
//!   text Excel shows (`000111301009`). Any other formula (`=SUM(A1)`) is kept as written.
//! - `'000111301009`, the apostrophe other systems write for the same end, is the text after it
//!   where that is a number (digits, a decimal point); before a code of letters and digits
//!   (`'11341700MB…`) it is left out in code columns (`sheet::numbers`). Before other text it is
//!   kept: it may be the text's own (`'食品经营许可'`).

use std::path::Path;
use std::sync::Arc;

use encoding_rs::{Encoding, GB18030, GBK, UTF_8};

use super::sheet::{self, Sheet, Uncomputed, column_letters};
use super::{MAX_INPUT_BYTES, Notice, NoticeLevel, Reader, Record, SourceError};
use crate::config::Labels;
use crate::model::Provenance;
use crate::model::text::quote;

mod scan;

pub use scan::{StrayQuote, Table, parse_table};

/// Reads one CSV file as a one-sheet workbook.
#[derive(Debug, Default, Clone)]
pub struct CsvReader {
    /// Extra header synonyms from the configuration.
    pub labels: Labels,
}

impl Reader for CsvReader {
    fn read(&self, path: &Path, sink: &mut dyn FnMut(Record)) -> Result<(), SourceError> {
        let (sheet, notices) = read_sheet(path)?;
        for notice in notices {
            sink(Record::Notice(notice));
        }
        sheet::assemble(vec![sheet], &self.labels, sink);
        Ok(())
    }
}

/// Decodes CSV bytes: a BOM wins; valid UTF-8 is UTF-8, and so is UTF-8 with a few damaged
/// bytes (`mostly_utf8`; they read as U+FFFD); otherwise chardetng guesses with a Chinese
/// hint, and GBK is read as its superset GB18030.
pub fn decode(bytes: &[u8]) -> (String, &'static Encoding) {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return (text.into_owned(), enc);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return (text.to_owned(), UTF_8);
    }
    if mostly_utf8(bytes) {
        return (String::from_utf8_lossy(bytes).into_owned(), UTF_8);
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(Some(b"cn"), chardetng::Utf8Detection::Deny);
    let enc = if guess == GBK { GB18030 } else { guess };
    let (text, _) = enc.decode_without_bom_handling(bytes);
    (text.into_owned(), enc)
}

/// Whether bytes that are not all UTF-8 are UTF-8 all the same, a few of them damaged (a byte
/// changed in copying, a line cut in the middle of a character): at least two valid three-byte
/// characters (Chinese in UTF-8) for each invalid sequence. Chinese text in GBK is an invalid
/// sequence every character or two, and makes a valid three-byte sequence for well under one
/// character in a hundred; read as GBK, one damaged byte in a UTF-8 export turned every name of
/// the file into mojibake.
pub(crate) fn mostly_utf8(bytes: &[u8]) -> bool {
    let three_byte = |valid: &[u8]| valid.iter().filter(|&&b| (0xE0..0xF0).contains(&b)).count();
    let (mut good, mut bad) = (0, 0);
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(_) => {
                good += three_byte(rest);
                break;
            }
            Err(e) => {
                let (valid, after) = rest.split_at(e.valid_up_to());
                good += three_byte(valid);
                let Some(len) = e.error_len() else {
                    // Cut in the middle of a character at the end: not damage.
                    break;
                };
                bad += 1;
                rest = &after[len..];
            }
        }
    }
    good >= 2 * bad
}

/// The warning for the rows of a CSV file whose bytes were not all valid UTF-8, read as "�".
fn damaged_bytes_notice(source: &Arc<str>, rows: &[Vec<String>]) -> Option<Notice> {
    let damaged: Vec<usize> = rows
        .iter()
        .enumerate()
        .filter(|(_, row)| row.iter().any(|cell| cell.contains('\u{FFFD}')))
        .map(|(i, _)| i + 1)
        .collect();
    let first = *damaged.first()?;
    let mut shown: Vec<String> = damaged
        .iter()
        .take(10)
        .map(|r| format!("第{r}行"))
        .collect();
    if damaged.len() > shown.len() {
        shown.push(format!("等 {} 行", damaged.len()));
    }
    Some(Notice {
        level: NoticeLevel::Warning,
        provenance: Provenance::row(Arc::clone(source), first as u64),
        message: format!(
            "文件中有字节不是有效的 UTF-8 文字（{}），已显示为“�”，文件其余部分照常读取：这通常是文件在导出、复制或传输中损坏，这些行的“乱码”等问题可能不是部门填报造成的；请重新导出后再检查",
            shown.join("、")
        ),
    })
}

/// Reads a CSV file into a [`Sheet`] named after nothing (the file is the sheet), with a warning
/// for each stray quote read as a character.
pub fn read_sheet(path: &Path) -> Result<(Sheet, Vec<Notice>), SourceError> {
    let bytes = std::fs::read(path).map_err(|source| SourceError::Io {
        path: path.to_owned(),
        source,
    })?;
    SourceError::refuse_empty(path, bytes.len() as u64)?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(SourceError::Format {
            path: path.to_owned(),
            reason: format!(
                "文件过大（{} 字节，上限 {MAX_INPUT_BYTES} 字节）",
                bytes.len()
            ),
        });
    }
    let (text, encoding) = decode(&bytes);
    let table = parse_table(&text);
    let source: Arc<str> = path.display().to_string().into();
    let mut notices: Vec<Notice> = table
        .stray_quotes
        .iter()
        .map(|stray| stray_quote_notice(&source, &table.rows, stray))
        .collect();
    // A UTF-8 file read with damaged bytes (a U+FFFD already in a valid file is said too: it
    // is what a damaged export saved again looks like).
    if encoding == UTF_8 || encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE {
        notices.extend(damaged_bytes_notice(&source, &table.rows));
    }
    let sheet = Sheet {
        source,
        name: None,
        first_row: 1,
        rows: table.rows,
        long_numbers: Vec::new(),
        uncomputed: Uncomputed::default(),
    };
    Ok((sheet, notices))
}

/// The warning for a stray quote: where it is, what reading it as a quote would have done, what
/// was done instead, and how to fix it.
fn stray_quote_notice(source: &Arc<str>, rows: &[Vec<String>], stray: &StrayQuote) -> Notice {
    let row = stray.row as u64 + 1;
    let cell = rows
        .get(stray.row)
        .and_then(|r| r.get(stray.column))
        .map_or("", String::as_str);
    let taken = if stray.lines == 0 {
        "这一行后面的单元格".to_owned()
    } else {
        format!("后面 {} 行", stray.lines)
    };
    Notice {
        level: NoticeLevel::Warning,
        provenance: Provenance::row(Arc::clone(source), row),
        message: format!(
            "文件「{}」第 {row} 行 {} 列的引号没有配对（「{}」），按引号读会把{taken}并进这一格；已把它当作普通字符读取，各行照常检查。请删掉多余的引号，或在这一格内容的末尾补上另一个引号",
            crate::model::provenance::file_name(source),
            column_letters(stray.column),
            quote(cell, 20),
        ),
    }
}

/// Splits decoded delimited text into trimmed cells, guessing the delimiter, as [`parse_table`]
/// does. It does not fail: any text splits into rows.
pub fn parse_rows(text: &str) -> Result<Vec<Vec<String>>, String> {
    Ok(parse_table(text).rows)
}

/// The delimiter used most in the first lines (a title row may have none): comma unless tab or
/// semicolon is strictly more frequent.
fn guess_delimiter(text: &str) -> u8 {
    let head: Vec<&str> = text.lines().take(10).collect();
    let count = |d: char| head.iter().map(|l| l.matches(d).count()).sum::<usize>();
    let (comma, tab, semicolon) = (count(','), count('\t'), count(';'));
    if tab > comma && tab >= semicolon {
        b'\t'
    } else if semicolon > comma && semicolon > tab {
        b';'
    } else {
        b','
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_gbk_and_bom() {
        let (gbk, _, _) = GBK.encode("实施编码,事项名称\n1,食品经营许可（新办）\n");
        let (text, enc) = decode(&gbk);
        assert_eq!(enc, GB18030);
        assert!(text.contains("食品经营许可（新办）"));
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice("实施编码".as_bytes());
        let (text, enc) = decode(&bom);
        assert_eq!((text.as_str(), enc), ("实施编码", UTF_8));
    }

    /// Should stay UTF-8: one damaged byte in a UTF-8 export made the whole file GBK, every
    /// name mojibake. GBK text, short or long, is still GBK.
    #[test]
    fn utf8_with_a_damaged_byte_is_utf8_and_gbk_is_gbk() {
        let mut damaged = "实施编码,事项名称\n1,食品经营许可（新办）\n"
            .as_bytes()
            .to_vec();
        damaged.insert(damaged.len() - 4, 0xFF);
        assert!(mostly_utf8(&damaged));
        let (text, enc) = decode(&damaged);
        assert_eq!(enc, UTF_8);
        assert!(
            text.contains("实施编码") && text.contains('\u{FFFD}'),
            "{text}"
        );
        for gbk in [
            "是",
            "事项名称",
            "实施编码,事项名称\n1,食品经营许可（新办）\n",
            "池州市贵池区长江中路89号池州市政务服务中心二楼3号窗口，咨询电话0566-2021156",
        ] {
            let (bytes, _, _) = GBK.encode(gbk);
            assert!(!mostly_utf8(&bytes), "{gbk}");
            assert_eq!(decode(&bytes).0, gbk);
        }
    }

    /// Row `i` is Excel's row `i + 1`, whatever the line ends, blank lines and cells over lines.
    #[test]
    fn rows_are_the_rows_excel_shows() {
        let first_cells = |text: &str| -> Vec<String> {
            let rows = parse_rows(text).unwrap();
            rows.iter()
                .map(|r| r.first().cloned().unwrap_or_default())
                .collect()
        };
        let lf = "实施编码,事项名称\n1134,食品经营许可\n1135,药品零售许可\n";
        assert_eq!(first_cells(lf), ["实施编码", "1134", "1135"]);
        assert_eq!(
            first_cells(&lf.replace('\n', "\r\n")),
            ["实施编码", "1134", "1135"]
        );
        // A title, a blank line, the header, a name over two lines (one row), two blank lines
        // and a last row without a line end: Excel shows rows 1 to 7.
        let text = "池州市事项清单\r\n\r\n实施编码,事项名称\r\n1134,\"食品经营许可\r\n（新办）\"\r\n\r\n\r\n1135,药品零售许可";
        assert_eq!(
            first_cells(text),
            ["池州市事项清单", "", "实施编码", "1134", "", "", "1135"]
        );
    }

    #[test]
    fn delimiter_ignores_a_title_row() {
        assert_eq!(
            guess_delimiter("池州市事项清单\n实施编码,事项名称\n1,2\n"),
            b','
        );
        assert_eq!(guess_delimiter("实施编码\t事项名称\n1\t2\n"), b'\t');
        assert_eq!(guess_delimiter("实施编码;事项名称\n1;2\n"), b';');
    }

    const HEADER: &str = "实施编码,事项名称,实施主体,服务对象,审批结果名称,咨询电话";

    /// The header and four items of 池州市, one line each: `second` is the second item's
    /// 审批结果名称 and `object` the 服务对象 of the third and fourth.
    fn export(second: &str, object: &str) -> String {
        format!(
            "{HEADER}\n\
             1134170000312541513000117035000,食品经营许可（新办）,池州市市场监督管理局,企业法人,食品经营许可证,0566-2021156\n\
             1134170000312541513000117034000,食品生产许可（新办）,池州市市场监督管理局,企业法人,{second},0566-2021163\n\
             1134170000312541513000117022000,特种设备使用登记,池州市市场监督管理局,{object},特种设备使用登记证,0566-2021177\n\
             11341700003128771H3000112008000,人力资源服务许可（设立）,池州市人力资源和社会保障局,{object},人力资源服务许可证,0566-2021205\n"
        )
    }

    /// Each row's 实施编码 (its first cell) and 审批结果名称 (its fifth).
    fn codes_and_results(text: &str) -> Vec<(String, String)> {
        parse_rows(text)
            .unwrap()
            .into_iter()
            .map(|r| {
                let cell = |i: usize| r.get(i).cloned().unwrap_or_default();
                (cell(0), cell(4))
            })
            .collect()
    }

    /// The rows of [`export`] when the second item's result is read as `second`.
    fn expected(second: &str) -> Vec<(String, String)> {
        [
            ("实施编码", "审批结果名称"),
            ("1134170000312541513000117035000", "食品经营许可证"),
            ("1134170000312541513000117034000", second),
            ("1134170000312541513000117022000", "特种设备使用登记证"),
            ("11341700003128771H3000112008000", "人力资源服务许可证"),
        ]
        .map(|(c, r)| (c.to_owned(), r.to_owned()))
        .to_vec()
    }

    /// Trips the stray-quote rule: a quote that never closes took every line after it into its
    /// cell. It is a character; the lines after it are rows.
    #[test]
    fn a_quote_that_never_closes_is_a_character() {
        let text = export("\"食品生产许可证", "企业法人");
        assert_eq!(codes_and_results(&text), expected("\"食品生产许可证"));
        let table = parse_table(&text);
        assert_eq!(
            table.stray_quotes,
            [StrayQuote {
                row: 2,
                column: 4,
                lines: 2
            }]
        );
        assert_eq!(
            table.rows[2][5], "0566-2021163",
            "the cell after it is its own"
        );
        // In the header, which gives the table no width yet.
        let header = text.replace(",事项名称,", ",\"事项名称,");
        assert_eq!(parse_rows(&header).unwrap().len(), 5);
        assert_eq!(parse_rows(&header).unwrap()[0][1], "\"事项名称");
    }

    /// Trips the stray-quote rule where the quote pairs with the next row's quoted 服务对象: one
    /// row read into the cell, its cells after that made more cells of the row above.
    #[test]
    fn a_quote_paired_with_the_next_rows_quote_is_a_character() {
        let text = export("\"食品生产许可证", "\"企业法人,事业法人\"");
        assert_eq!(codes_and_results(&text), expected("\"食品生产许可证"));
        let table = parse_table(&text);
        assert_eq!(table.rows[3][3], "企业法人,事业法人");
        assert_eq!(table.stray_quotes.len(), 1);
        assert_eq!(table.stray_quotes[0].lines, 1);
    }

    /// Quoted cells over lines that fit the table are one cell each, even where reading the quote
    /// as a character would fit too (a last cell whose first line has no comma).
    #[test]
    fn quoted_cells_over_lines_are_not_stray_quotes() {
        let text = format!(
            "池州市政务服务事项实施清单\n{}",
            export("\"食品生产许可证\n（正本、副本）\"", "企业法人")
                .replace(
                    HEADER,
                    "\"实施\n编码\",事项名称,实施主体,服务对象,审批结果名称,咨询电话"
                )
                .replace(
                    ",0566-2021177",
                    ",\"0566-2021177\n0566-2021178,0566-2021179\""
                )
        );
        let table = parse_table(&text);
        assert!(table.stray_quotes.is_empty(), "{:?}", table.stray_quotes);
        let rows = table.rows;
        assert_eq!(rows.len(), 6);
        assert_eq!(rows[1][0], "实施\n编码");
        assert_eq!(rows[3][4], "食品生产许可证\n（正本、副本）");
        assert_eq!(rows[4][5], "0566-2021177\n0566-2021178,0566-2021179");
        assert_eq!(rows[5][0], "11341700003128771H3000112008000");
    }

    proptest::proptest! {
        /// Any table that a CSV writer writes, cells with delimiters, quotes and line ends in
        /// them, rows ended by LF or CRLF, reads back as it was (trimmed), with no stray quote.
        #[test]
        fn written_tables_read_back(
            width in 1usize..6,
            crlf: bool,
            cells in proptest::collection::vec(
                proptest::collection::vec(
                    proptest::sample::select(vec![
                        "食品经营许可", "池州市市场监督管理局", ",", "\"", "\n", "\r\n", " ",
                        "0566-2021156", "000117035000", "（正本）",
                    ]),
                    0..4,
                ),
                1..30,
            ),
        ) {
            let cells: Vec<String> = cells.into_iter().map(|c| c.concat()).collect();
            let rows: Vec<&[String]> = cells.chunks(width).filter(|r| r.len() == width).collect();
            let mut writer = csv::WriterBuilder::new()
                .terminator(if crlf { csv::Terminator::CRLF } else { csv::Terminator::Any(b'\n') })
                .from_writer(Vec::new());
            for row in &rows {
                writer.write_record(*row).unwrap();
            }
            let text = String::from_utf8(writer.into_inner().unwrap()).unwrap();
            let want: Vec<Vec<String>> = rows
                .iter()
                .map(|r| r.iter().map(|c| c.trim().to_owned()).collect())
                .collect();
            let table = parse_table(&text);
            proptest::prop_assert_eq!(&table.rows, &want, "{:?}", text);
            proptest::prop_assert!(table.stray_quotes.is_empty(), "{:?}", text);
        }
    }

    /// Trips the Excel-text rule: `="…"` is the text Excel shows, however the CSV quotes it; any
    /// other formula, or text that merely starts like one, is kept.
    #[test]
    fn an_excel_text_formula_is_its_text() {
        let text = "基本编码,咨询电话,备注\n\
                    \"=\"\"000117035000\"\"\",=\"0566-2021156\",=\"\"\n\
                    =SUM(A1),\"=\"\"a\"\"&\"\"b\"\"\",=\"池州市\"\"长江\"\"路\"\n\
                    =\"0566,=\"\"\",\"=\"\"12345\"\" \"\n";
        let rows = parse_rows(text).unwrap();
        assert_eq!(rows[1], ["000117035000", "0566-2021156", ""]);
        assert_eq!(rows[2], ["=SUM(A1)", "=\"a\"&\"b\"", "池州市\"长江\"路"]);
        assert_eq!(rows[3], ["=\"0566", "=\"\"\"", "12345"]);
    }

    /// Should not trip B04 (「含有不允许的字符「'」」): `'000117035000` is the apostrophe some
    /// systems write before a number so that Excel keeps it as text, which Excel does not show.
    /// Before text it is the text's own and kept (before a code of letters, `sheet::numbers`).
    #[test]
    fn an_apostrophe_before_a_number_is_not_the_cells() {
        let text = "实施编码,基本编码,份数,事项名称,审批结果名称,办理地点\n\
                    '1134170000312541513000117035000,'000117035000,'2,'食品经营许可'（新办）,'1.5,'8号窗口\n\
                    '11341700MB1920036Q3000707015000,' 000117035000,'0.5.1,'',''000117035000,'\n";
        let rows = parse_rows(text).unwrap();
        assert_eq!(
            rows[1],
            [
                "1134170000312541513000117035000",
                "000117035000",
                "2",
                "'食品经营许可'（新办）",
                "1.5",
                "'8号窗口"
            ]
        );
        assert_eq!(
            rows[2],
            [
                "'11341700MB1920036Q3000707015000",
                "' 000117035000",
                "'0.5.1",
                "''",
                "''000117035000",
                "'"
            ]
        );
    }
}
