//! Unit tests of the CSV reader: encodings, delimiters, the rows Excel shows, stray quotes and
//! the marks platforms write before codes.

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
