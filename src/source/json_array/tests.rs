//! Tests of [`ArraySplitter`]: records as serde_json finds them, with their line and column,
//! and the breaks in an array's structure as problems.

use super::*;
use crate::source::chunks::read_chunks_from;

/// Records (number, line, column, text) and problems.
type Found = (Vec<(u64, u64, u64, String)>, Vec<Problem>);

/// Every record of `text` (as bytes, with its number, line and column) and the problems, read
/// in blocks of `block` bytes and chunks of `chunk` records.
fn split(text: &[u8], block: usize, chunk: usize) -> Found {
    let mut splitter = ArraySplitter::default();
    let mut got = Vec::new();
    let mut largest = 0;
    read_chunks_from(
        text,
        chunk,
        block,
        &mut splitter,
        &mut |c| {
            largest = largest.max(c.spans.len());
            for s in &c.spans {
                let text = String::from_utf8_lossy(&c.buf[s.start..s.end]).into_owned();
                got.push((s.no, s.line, s.col, text));
            }
            true
        },
        &mut || None,
    )
    .unwrap();
    // The records after one a stray quote ran on to the end of the file are found at its end,
    // in the last chunk.
    let resumed = splitter
        .problems()
        .iter()
        .any(|p| matches!(p.kind, ProblemKind::Resumed { .. }));
    assert!(largest <= chunk || resumed, "a chunk of {largest}");
    (got, splitter.problems().to_vec())
}

/// [`split`], the same for every block and chunk size.
fn split_any(text: &str) -> Found {
    let want = split(text.as_bytes(), 1 << 16, 256);
    for block in [1, 2, 3, 7, 64] {
        for chunk in [1, 2, 5] {
            assert_eq!(
                split(text.as_bytes(), block, chunk),
                want,
                "{text:?} block {block} chunk {chunk}"
            );
        }
    }
    want
}

fn records(text: &str) -> Vec<String> {
    let (got, problems) = split_any(text);
    assert_eq!(problems, [], "{text}");
    got.into_iter().map(|r| r.3).collect()
}

#[test]
fn records_are_the_elements_serde_json_finds() {
    let texts = [
        "[]",
        "\u{feff}  [ ]\n",
        r#"[{"name":"食品经营许可","materials":[{"name":"营业执照"}]}]"#,
        "[\n  {\"name\": \"a\\\"]}{[\"},\n  {\"name\": \"办事窗口：{3}号\"}\n]\n",
        r#"[1, -2.5e3,true,null, "文本\\", [1,[2]], {}]"#,
        "[{\"a\":\"\\\\\"},{\"b\":\"\\u4e2d\"}]",
    ];
    for text in texts {
        let want: Vec<String> = serde_json::from_str::<Vec<&serde_json::value::RawValue>>(
            text.trim_start_matches('\u{feff}'),
        )
        .unwrap()
        .iter()
        .map(|r| r.get().to_owned())
        .collect();
        assert_eq!(records(text), want, "{text}");
    }
}

#[test]
fn records_say_their_line_and_column_in_characters() {
    let text = "[{\"name\": \"食品\"}, {\"name\": \"药品\"},\n  {\"x\": 1}]";
    let (got, _) = split_any(text);
    let places: Vec<(u64, u64, u64)> = got.iter().map(|r| (r.0, r.1, r.2)).collect();
    assert_eq!(places, [(1, 1, 2), (2, 1, 18), (3, 2, 3)]);
}

/// Two items with no comma between them (`}` then `{` on the next line): both are read, and
/// the slip is a warning with its place, since nothing is lost; every later item too.
#[test]
fn a_comma_left_out_between_two_items_loses_neither() {
    let text = "[\n{\"事项名称\": \"农药经营许可\"},\n{\"事项名称\": \"旅行社设立许可\"}\n{\"事项名称\": \"社会团体成立登记\"},{\"事项名称\": \"婚姻登记档案查询\"}{\"事项名称\": \"食品经营许可\"}\n]";
    let (got, problems) = split_any(text);
    assert_eq!(got.len(), 5);
    assert_eq!(got[2].3, "{\"事项名称\": \"社会团体成立登记\"}");
    assert_eq!(got[4].3, "{\"事项名称\": \"食品经营许可\"}");
    let places: Vec<_> = problems
        .iter()
        .map(|p| (p.kind, p.line, p.col, p.records))
        .collect();
    assert_eq!(
        places,
        [
            (ProblemKind::CommaSkipped, 4, 1, 2),
            (ProblemKind::CommaSkipped, 4, 42, 4)
        ]
    );
    assert_eq!(
        problems[0].message(),
        "JSON 语法错误：第 4 行第 1 列缺少逗号（第 2 条与第 3 条记录之间）：两条记录都已照常读取，请修正导出文件"
    );
    assert_eq!(problems[0].notice("事项.json").level, NoticeLevel::Warning);
}

#[test]
fn a_broken_record_is_one_record_and_the_rest_are_read() {
    // The second record misses a comma inside: serde_json reports it; the third is read.
    let text = "[\n{\"name\": \"a\"},\n{\"name\": \"b\" \"code\": \"c\"},\n{\"name\": \"d\"}\n]";
    let (got, problems) = split_any(text);
    assert_eq!(problems, []);
    assert_eq!(got.len(), 3);
    assert_eq!(got[1].3, "{\"name\": \"b\" \"code\": \"c\"}");
    assert_eq!(got[2].3, "{\"name\": \"d\"}");
}

#[test]
fn breaks_in_the_structure_are_problems_with_their_place() {
    let (got, problems) = split_any("[{\"a\": 1}\n \"b\", {\"c\": 2}]");
    assert_eq!(got.len(), 1);
    assert_eq!(
        problems,
        [Problem {
            kind: ProblemKind::MissingComma,
            line: 2,
            col: 2,
            records: 1
        }]
    );
    assert!(
        problems[0]
            .message()
            .starts_with("JSON 语法错误：第 2 行第 2 列缺少逗号或右方括号 ]（在第 1 条记录之后）")
    );

    let (got, problems) = split_any("[{\"a\": 1},\n{\"b\": \"食品");
    assert_eq!(got.len(), 2, "the cut record is a record, to be reported");
    assert_eq!(got[1].3, "{\"b\": \"食品");
    assert_eq!(
        problems,
        [Problem {
            kind: ProblemKind::CutShort { inside: true },
            line: 2,
            col: 9,
            records: 2
        }]
    );

    let (got, problems) = split_any("[{\"a\": 1},\n");
    assert_eq!(got.len(), 1);
    assert_eq!(problems[0].kind, ProblemKind::CutShort { inside: false });

    let (got, problems) = split_any("[{\"a\": 1},]");
    assert_eq!(got.len(), 1);
    assert_eq!(problems[0].kind, ProblemKind::TrailingComma);
    assert_eq!(problems[0].notice("x.json").level, NoticeLevel::Warning);

    let (got, problems) = split_any("[{\"a\": 1}] {\"b\": 2}");
    assert_eq!(got.len(), 1);
    assert_eq!(
        (problems[0].kind, problems[0].col),
        (ProblemKind::TrailingContent, 12)
    );
}

/// An array cut at every byte (a copy or download that stopped anywhere, in the middle of a
/// character too) gives the whole records before the cut as they are, the record it cuts as
/// one more record, and says it was cut.
#[test]
fn an_array_cut_anywhere_keeps_the_records_before_the_cut() {
    let text = "[\n  {\"name\": \"食品经营许可\", \"materials\": [{\"name\": \"营业执照（副本）\"}]},\n  {\"name\": \"转义\\\"引号\\\\\"},\n  \"文本\",\n  12\n]";
    let whole: Vec<String> = serde_json::from_str::<Vec<&serde_json::value::RawValue>>(text)
        .unwrap()
        .iter()
        .map(|r| r.get().to_owned())
        .collect();
    assert_eq!(records(text), whole);
    let bytes = text.as_bytes();
    for cut in 0..bytes.len() {
        let (got, problems) = split(&bytes[..cut], 3, 2);
        let texts: Vec<&str> = got.iter().map(|r| r.3.as_str()).collect();
        let complete = whole
            .iter()
            .zip(&texts)
            .take_while(|(w, t)| w.as_str() == **t)
            .count();
        // At most the last record found is cut (a number cut short is still a number).
        assert!(complete + 1 >= texts.len(), "cut at {cut}: {texts:?}");
        assert!(texts.len() <= whole.len(), "cut at {cut}: {texts:?}");
        let said = problems
            .iter()
            .any(|p| matches!(p.kind, ProblemKind::CutShort { .. } | ProblemKind::NotArray));
        assert!(said, "cut at {cut}: {problems:?}");
    }
}

/// An unescaped quote in a text: from there on the splitter takes text for structure and
/// structure for text, so the record runs on to the end of the file. Where serde_json finds it
/// breaks, the splitter reads on as in the text, finds the record's own end, and reads the
/// records after it (h34, j04d_single_stray_quote.json: records 6–36 were lost in record 5).
#[test]
fn a_stray_quote_ends_its_record_where_it_ends_and_the_records_after_are_read() {
    let text = "[\n{\"name\": \"关于\"某某的申请\"},\n{\"name\": \"b\"},\n{\"name\": \"c\"}\n]\n";
    let (got, problems) = split_any(text);
    let texts: Vec<&str> = got.iter().map(|r| r.3.as_str()).collect();
    assert_eq!(
        texts,
        [
            "{\"name\": \"关于\"某某的申请\"}",
            "{\"name\": \"b\"}",
            "{\"name\": \"c\"}"
        ]
    );
    assert_eq!(
        got.iter().map(|r| (r.0, r.1, r.2)).collect::<Vec<_>>(),
        [(1, 2, 1), (2, 3, 1), (3, 4, 1)]
    );
    // serde_json finds the real break, inside the first record.
    let e = serde_json::from_str::<serde_json::Value>(&got[0].3).unwrap_err();
    assert_eq!((e.line(), e.is_eof()), (1, false));
    assert_eq!(
        problems,
        [Problem {
            kind: ProblemKind::Resumed {
                from_line: 2,
                recovered: 2
            },
            line: 2,
            col: 20,
            records: 1
        }]
    );
    let message = problems[0].message();
    assert!(message.contains("未转义的双引号"), "{message}");
    assert!(message.contains("第 1 条记录（从第 2 行起）"), "{message}");
    assert!(message.contains("在第 2 行第 20 列结束"), "{message}");
    assert!(message.contains("其后的 2 条记录都已照常读取"), "{message}");
    assert_eq!(problems[0].notice("x.json").level, NoticeLevel::Warning);
}

/// Pretty-printed (as Python's `json.dumps(…, indent=1)` writes) and compact, one stray quote
/// in a material's 填报须知 of record 2 of 4, or a 事项名称 whose opening quote is left out: only
/// that record is cut out; a second broken record later is cut out too. A stray quote in the
/// last record leaves it the last.
#[test]
fn records_after_a_stray_quote_are_read_pretty_or_compact() {
    let record = |name: &str, notes: &str| {
        format!(
            "{{\n  \"name\": {name},\n  \"code\": \"1134170000312541513000117028000\",\n  \"materials\": [\n   {{\n    \"name\": \"广告发布登记申请表\",\n    \"notes\": {notes}\n   }},\n   {{\n    \"name\": \"事业单位法人证书\"\n   }}\n  ],\n  \"faqs\": []\n }}"
        )
    };
    let good = record("\"广告发布登记\"", "\"A4纸打印\"");
    let quote = record("\"广告发布登记\"", "\"A4\"纸打印，由法定代表人签字\"");
    let opening = record("广告发布登记\"", "\"A4纸打印\"");
    let pretty = |records: &[&String]| {
        let joined: Vec<&str> = records.iter().map(|r| r.as_str()).collect();
        format!("[\n {}\n]\n", joined.join(",\n "))
    };
    let compact = |records: &[&String]| {
        let joined: Vec<String> = records
            .iter()
            .map(|r| {
                let v: Vec<&str> = r.lines().map(str::trim).collect();
                v.join(" ")
            })
            .collect();
        format!("[{}]", joined.join(", "))
    };
    for (records, broken) in [
        (vec![&good, &quote, &good, &good], vec![2]),
        (vec![&good, &opening, &good, &good], vec![2]),
        (vec![&good, &quote, &good, &opening, &good], vec![2, 4]),
        (vec![&good, &good, &quote], vec![3]),
    ] {
        for text in [pretty(&records), compact(&records)] {
            let (got, problems) = split_any(&text);
            assert_eq!(got.len(), records.len(), "{text}");
            for (r, want) in got.iter().zip(&records) {
                let parsed = serde_json::from_str::<serde_json::Value>(&r.3);
                assert_eq!(parsed.is_err(), broken.contains(&r.0), "{}", r.3);
                if let Ok(parsed) = parsed {
                    let want: serde_json::Value = serde_json::from_str(want).unwrap();
                    assert_eq!(parsed, want);
                }
            }
            let resumed: Vec<u64> = problems
                .iter()
                .map(|p| match p.kind {
                    ProblemKind::Resumed { .. } => p.records,
                    _ => panic!("{problems:?}"),
                })
                .collect();
            assert_eq!(resumed, broken, "{text}");
        }
    }
}

/// A stray quote in a record followed by what is no record of the array leaves the record
/// running to the end, said as before; a file cut short after it has its last record cut.
#[test]
fn a_stray_quote_with_no_end_after_it_is_a_cut_file_as_before() {
    let text = "[\n{\"name\": \"a\"},\n{\"name\": \"关于\"某某\"}\n\"b\"\n]\n";
    let (got, problems) = split_any(text);
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].kind, ProblemKind::CutShort { inside: true });
    let message = problems[0].message();
    assert!(message.contains("未转义的双引号"), "{message}");

    let text = "[\n{\"name\": \"a\"},\n{\"name\": \"关于\"某某的申请\"},\n{\"name\": \"b\"";
    let (got, problems) = split_any(text);
    let texts: Vec<&str> = got.iter().map(|r| r.3.as_str()).collect();
    assert_eq!(
        texts,
        [
            "{\"name\": \"a\"}",
            "{\"name\": \"关于\"某某的申请\"}",
            "{\"name\": \"b\""
        ]
    );
    let kinds: Vec<ProblemKind> = problems.iter().map(|p| p.kind).collect();
    assert_eq!(
        kinds,
        [
            ProblemKind::Resumed {
                from_line: 3,
                recovered: 1
            },
            ProblemKind::CutShort { inside: true }
        ]
    );
}

/// An array inside an object (a platform's answer, `{"data":{"list":[…]},"total":2}`) whose
/// end a stray quote hid from the outline is read to the end of the file: after its `]` comes
/// the rest of the object, no content too many.
#[test]
fn the_rest_of_the_object_after_a_recovered_array_is_no_trailing_content() {
    let text =
        "[\n  {\"name\": \"关于\"某某的申请\"},\n  {\"name\": \"b\"}\n ],\n \"total\": 2\n}\n}\n";
    let mut splitter = ArraySplitter::at(2, 11);
    let mut got = Vec::new();
    read_chunks_from(
        text.as_bytes(),
        256,
        7,
        &mut splitter,
        &mut |c| {
            for s in &c.spans {
                got.push(String::from_utf8_lossy(&c.buf[s.start..s.end]).into_owned());
            }
            true
        },
        &mut || None,
    )
    .unwrap();
    assert_eq!(
        got,
        ["{\"name\": \"关于\"某某的申请\"}", "{\"name\": \"b\"}"]
    );
    let kinds: Vec<ProblemKind> = splitter.problems().iter().map(|p| p.kind).collect();
    assert_eq!(
        kinds,
        [ProblemKind::Resumed {
            from_line: 3,
            recovered: 1
        }]
    );
}
