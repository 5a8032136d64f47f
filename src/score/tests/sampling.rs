//! Sampling: reproducible draws, strata, sample sizes, the sample file round trip, overlaps.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use super::super::RateKind;
use super::super::compute::score_units;
use super::super::sample::{
    Draw, SampleMethod, SampleRow, SampleSpec, allocate, draw, parse_label,
};
use super::super::sample_file;
use super::super::table::{CODE, parse_csv};
use super::super::units::{UnitMapping, UnitMode};
use super::{COUNTY, DEPT, by_unit, finding, item, opts, report};
use crate::model::Outcome::{Fail, Pass};
use crate::model::Severity;
use crate::report::Report;
use crate::unit::UnitKind;

/// 120 items in two units, for sampling.
fn big_report() -> Report {
    let mut items = Vec::new();
    for i in 0..120 {
        let (unit, kind) = if i % 3 == 0 {
            (COUNTY, UnitKind::County)
        } else {
            (DEPT, UnitKind::Department)
        };
        let t = if i % 4 == 0 {
            "公共服务"
        } else {
            "行政许可"
        };
        let out = if i % 5 == 0 { Fail } else { Pass };
        items.push(item(
            unit,
            kind,
            &format!("1134170000000000{i:03}"),
            t,
            &[("B13", out), ("B14", Pass)],
        ));
    }
    let findings = items
        .iter()
        .filter(|it| it.outcomes["B13"] == Fail)
        .map(|it| finding(it, "B13", "12345", Severity::Error))
        .collect();
    report(items, findings)
}

fn spec(seed: u64, method: SampleMethod, stratify: bool) -> SampleSpec {
    SampleSpec {
        method,
        seed,
        stratify,
    }
}

#[test]
fn same_seed_same_sample_other_seed_other_sample() {
    let r = big_report();
    let m = UnitMapping::default();
    let a = draw(&r, &m, &spec(20_261_128, SampleMethod::Gb2828, false));
    let b = draw(&r, &m, &spec(20_261_128, SampleMethod::Gb2828, false));
    let c = draw(&r, &m, &spec(20_261_129, SampleMethod::Gb2828, false));
    assert_eq!(a, b);
    // lots: 贵池区 40 → 8, the department 80 → 13
    assert_eq!(a.iter().filter(|s| s.unit == COUNTY).count(), 8);
    assert_eq!(a.iter().filter(|s| s.unit == DEPT).count(), 13);
    let set = |s: &[SampleRow]| s.iter().map(|x| x.index).collect::<BTreeSet<_>>();
    assert_ne!(set(&a), set(&c));
    // The draw does not depend on the order of the report's items.
    let mut shuffled = r.clone();
    shuffled.items.reverse();
    let d = draw(
        &shuffled,
        &m,
        &spec(20_261_128, SampleMethod::Gb2828, false),
    );
    let codes = |s: &[SampleRow]| s.iter().map(|x| x.code.clone()).collect::<Vec<_>>();
    assert_eq!(codes(&a), codes(&d));
    // A pinned draw: guards against any change of generator or shuffle across versions/machines.
    let first: Vec<&str> = a
        .iter()
        .filter(|s| s.unit == COUNTY)
        .take(3)
        .map(|s| s.code.as_str())
        .collect();
    assert_eq!(first, PINNED_FIRST_THREE);
}

/// The first three 贵池区 codes drawn with seed 20261128, GB/T 2828.1, as computed by an
/// independent Python re-implementation of SplitMix64 + FNV-1a + Fisher–Yates (in the report of
/// the commit that added this test).
const PINNED_FIRST_THREE: [&str; 3] = [
    "1134170000000000003",
    "1134170000000000045",
    "1134170000000000069",
];

#[test]
fn stratified_sample_follows_the_strata() {
    assert_eq!(allocate(8, &[10, 30]), vec![2, 6]);
    assert_eq!(allocate(5, &[1, 1, 1]), vec![1, 1, 1]);
    assert_eq!(allocate(3, &[5, 5]), vec![2, 1]); // 1.5 / 1.5: tie to the first
    let r = big_report();
    let s = draw(
        &r,
        &UnitMapping::default(),
        &spec(7, SampleMethod::Count(10), true),
    );
    let county: Vec<_> = s.iter().filter(|x| x.unit == COUNTY).collect();
    // 贵池区: 40 items, 30 行政许可 ("01") and 10 公共服务 (i % 12 == 0, "20") → 10 split
    // 7.5 / 2.5, the tied remainder to "01" → 8 / 2
    let public = county.iter().filter(|x| x.item_type == "公共服务").count();
    assert_eq!((county.len(), public), (10, 2));
}

#[test]
fn sample_file_round_trip_reproduces_scores() {
    let r = big_report();
    let m = UnitMapping::default();
    let rows = draw(&r, &m, &spec(99, SampleMethod::Fraction(0.15), false));
    let chosen: BTreeSet<usize> = rows.iter().map(|s| s.index).collect();
    let before = score_units(&r, &m, Some(&chosen), None, opts(RateKind::Element));
    let dir = tempfile::tempdir().unwrap();
    let csv_path = dir.path().join("sample.csv");
    let xlsx_path = dir.path().join("sample.xlsx");
    std::fs::write(&csv_path, sample_file::to_csv(&rows)).unwrap();
    std::fs::write(&xlsx_path, sample_file::to_xlsx(&rows).unwrap()).unwrap();
    for path in [&csv_path, &xlsx_path] {
        let (back, issues) = sample_file::read(path, &r, &m).unwrap();
        assert!(issues.is_empty(), "{issues:?}");
        assert_eq!(back, chosen);
        let after = score_units(&r, &m, Some(&back), None, opts(RateKind::Element));
        assert_eq!(after, before);
    }
    // sampled from a known lot: the interval is a real interval, narrower than without FPC
    let d = by_unit(&before, DEPT);
    assert!(d.sampled < d.items && d.rate_low < d.rate_high);
    assert!(d.score_low <= d.score && d.score <= d.score_high);
}

#[test]
fn bad_sample_rows_are_reported_with_their_row() {
    let r = big_report();
    let m = UnitMapping::default();
    let csv = "实施编码,考核单位\n1134170000000000000,贵池区\n9999,贵池区\n1134170000000000000,贵池区\n,贵池区\n1134170000000000001,贵池区\n";
    let t = parse_csv("s.csv", csv.as_bytes(), CODE).unwrap();
    let (chosen, issues) = sample_file::select(&t, &r, &m).unwrap();
    let no_code = parse_csv("s.csv", "事项名称\n食品经营许可\n".as_bytes(), CODE).unwrap();
    let err = sample_file::select(&no_code, &r, &m).unwrap_err();
    assert_eq!(
        err.to_string(),
        "s.csv 缺少「实施编码」列（表头在前 10 行中查找）"
    );
    assert_eq!(chosen, BTreeSet::from([0, 1]));
    let rows: Vec<u64> = issues.iter().map(|i| i.place.row.unwrap()).collect();
    assert_eq!(rows, vec![3, 4, 5, 6]);
    assert!(issues[0].message.contains("不在报告中"));
    assert!(issues[1].message.contains("重复"));
    assert!(issues[3].message.contains("考核单位")); // item 1 belongs to the department
}

#[test]
fn overlapping_intervals_are_flagged_within_a_kind() {
    let r = big_report();
    let m = UnitMapping {
        mode: UnitMode::Default,
        rows: [(
            "贵池区".to_owned(),
            ("贵池区".to_owned(), UnitKind::Department),
        )]
        .into(),
        ..UnitMapping::default()
    };
    let rows = draw(&r, &m, &spec(5, SampleMethod::Count(10), false));
    let chosen: BTreeSet<usize> = rows.iter().map(|s| s.index).collect();
    let s = score_units(&r, &m, Some(&chosen), None, opts(RateKind::Item));
    // both are departments now, with wide intervals from 10 items each
    assert!(s.iter().all(|u| u.kind == UnitKind::Department));
    assert_eq!(by_unit(&s, DEPT).overlaps_with, vec![COUNTY.to_owned()]);
    assert_eq!(by_unit(&s, COUNTY).overlaps_with, vec![DEPT.to_owned()]);
    // Checked in full (a census), both fail 20 % of their items: the same score, a tie in the
    // table, not sampling luck; the points are not flagged.
    let s = score_units(&r, &m, None, None, opts(RateKind::Item));
    let (d, c) = (by_unit(&s, DEPT), by_unit(&s, COUNTY));
    assert!((d.score - c.score).abs() < 1e-9 && (d.score_low - d.score_high).abs() < 1e-9);
    assert!(s.iter().all(|u| u.overlaps_with.is_empty()));
    // different kinds are never compared
    let s = score_units(
        &r,
        &UnitMapping::default(),
        Some(&chosen),
        None,
        opts(RateKind::Item),
    );
    assert!(s.iter().all(|u| u.overlaps_with.is_empty()));
}

#[test]
fn sample_methods_parse_and_size() {
    let table = [
        ("count:20", 50, 20),
        ("count:20", 7, 7),
        ("fraction:0.1", 30, 3), // 0.1 × 30 = 3.0000000000000004 in binary: still 3
        ("fraction:0.1", 31, 4), // ⌈3.1⌉
        ("fraction:1", 9, 9),
        ("all", 12, 12),
        ("gb2828", 26, 8),
        ("GB2828", 9, 3),
    ];
    for (text, lot, want) in table {
        let m: SampleMethod = text.parse().unwrap();
        assert_eq!(m.size(lot), want, "{text} of {lot}");
    }
    for bad in [
        "count:",
        "count:-1",
        "count:0",
        "fraction:0",
        "fraction:1.5",
        "random",
        "fraction:x",
    ] {
        assert!(bad.parse::<SampleMethod>().is_err(), "{bad}");
    }
}

#[test]
fn sample_csv_neutralises_formulas() {
    let row = SampleRow {
        unit: COUNTY.into(),
        kind: UnitKind::County,
        subject: "池州市贵池区市场监督管理局".into(),
        code: "=1+1".into(),
        name: "=HYPERLINK(\"http://example.invalid\",\"点击\")".into(),
        item_type: "公共服务".into(),
        seq: 1,
        seed: 3,
        method: "all".into(),
        index: 0,
    };
    let text = String::from_utf8(sample_file::to_csv(&[row])).unwrap();
    assert!(text.contains(",'=1+1,\"'=HYPERLINK("), "{text}");
    // and the code reads back without the guard
    let mut r = report(
        vec![item(COUNTY, UnitKind::County, "=1+1", "20", &[])],
        Vec::new(),
    );
    r.items[0].outcomes.clear();
    let t = parse_csv("s.csv", text.as_bytes(), CODE).unwrap();
    let (chosen, issues) = sample_file::select(&t, &r, &UnitMapping::default()).unwrap();
    assert!(issues.is_empty(), "{issues:?}");
    assert_eq!(chosen, BTreeSet::from([0]));
}

/// The XLSX list is formula-guarded as the fix lists are (it used to write `=池州市教育局` as is,
/// one F2+Enter from a live formula), and both lists read back without the guard: the same
/// items, under the same 考核单位, with no row reported as changed.
#[test]
fn sample_xlsx_guards_formulas_and_reads_back_without_the_guard() {
    use calamine::{Data, Reader, Xlsx};
    const UNIT: &str = "=池州市教育局";
    let items: Vec<_> = [
        "-教师资格认定",
        "@民办学校设立审批",
        "+校车使用许可",
        "\n=1+2名称",
    ]
    .iter()
    .enumerate()
    .map(|(i, name)| {
        let mut it = item(
            UNIT,
            UnitKind::Department,
            &format!("00010400200{i}"),
            "01",
            &[],
        );
        it.name = (*name).into();
        it.subject = "=池州市教育局".into();
        it
    })
    .collect();
    let r = report(items, Vec::new());
    let m = UnitMapping::default();
    let rows = draw(&r, &m, &spec(20_261_128, SampleMethod::All, false));
    assert_eq!(rows.len(), 4);
    let bytes = sample_file::to_xlsx(&rows).unwrap();
    let mut wb = Xlsx::new(std::io::Cursor::new(bytes.clone())).unwrap();
    let range = wb.worksheet_range(sample_file::SHEET).unwrap();
    for row in range.rows().skip(1) {
        for c in [0, 3, 8] {
            assert!(
                matches!(&row[c], Data::String(s) if s.starts_with('\'')),
                "{:?}",
                row[c]
            );
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let xlsx_path = dir.path().join("sample.xlsx");
    let csv_path = dir.path().join("sample.csv");
    std::fs::write(&xlsx_path, bytes).unwrap();
    std::fs::write(&csv_path, sample_file::to_csv(&rows)).unwrap();
    for path in [&xlsx_path, &csv_path] {
        let (back, issues) = sample_file::read(path, &r, &m).unwrap();
        assert!(issues.is_empty(), "{path:?}: {issues:?}");
        assert_eq!(back, BTreeSet::from([0, 1, 2, 3]), "{path:?}");
        let table = crate::score::table::read_table(path, Some(sample_file::SHEET), CODE).unwrap();
        assert!(sample_file::same_draw(&table, &rows), "{path:?}");
    }
}

/// The 方法 cell says which draw made a list (`check --sample` marks its own), and reads back as
/// the method, the stratification and the draw — as typed in Excel too.
#[test]
fn the_method_cell_names_the_draw_and_reads_back() {
    let plain = spec(20_261_128, SampleMethod::Gb2828, false);
    let strat = spec(7, SampleMethod::Count(3), true);
    assert_eq!(plain.label(), "gb2828");
    assert_eq!(plain.streaming_label(), "gb2828（边检查边抽样）");
    assert_eq!(
        strat.streaming_label(),
        "count:3+stratify:item_type（边检查边抽样）"
    );
    for (cell, expected) in [
        ("gb2828", (SampleMethod::Gb2828, false, Draw::Report)),
        (
            "gb2828（边检查边抽样）",
            (SampleMethod::Gb2828, false, Draw::Streaming),
        ),
        (
            " gb2828 (边检查边抽样) ",
            (SampleMethod::Gb2828, false, Draw::Streaming),
        ),
        (
            "count:3+stratify:item_type（边检查边抽样）",
            (SampleMethod::Count(3), true, Draw::Streaming),
        ),
        (
            "fraction:0.5+stratify:item_type",
            (SampleMethod::Fraction(0.5), true, Draw::Report),
        ),
    ] {
        assert_eq!(parse_label(cell), Ok(expected), "{cell}");
    }
    assert!(
        parse_label("随机抽")
            .unwrap_err()
            .contains("抽样方法 \"随机抽\" 无效")
    );
}

/// A name past Excel's 32,767 characters in a cell (a platform that pasted a whole guide into
/// 事项名称) is cut in the XLSX list with the cut marked, instead of the workbook not being
/// written at all; the CSV list keeps it whole.
#[test]
fn a_name_past_excel_s_cell_limit_is_cut_in_the_xlsx_list() {
    use calamine::{Reader, Xlsx};
    let mut it = item(COUNTY, UnitKind::County, "000104002000", "01", &[]);
    it.name = "食品经营许可（新办）".repeat(3_500);
    assert!(it.name.chars().count() > 32_767);
    let r = report(vec![it], Vec::new());
    let rows = draw(
        &r,
        &UnitMapping::default(),
        &spec(20_261_128, SampleMethod::All, false),
    );
    let bytes = sample_file::to_xlsx(&rows).expect("the workbook is written");
    let mut wb = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    let range = wb.worksheet_range(sample_file::SHEET).unwrap();
    let name = range.get((1, 3)).unwrap().to_string();
    assert_eq!(name.chars().count(), 32_767);
    assert!(
        name.ends_with("…（已截断）"),
        "{}",
        &name[name.len() - 40..]
    );
}

/// The XLSX list: 抽样序号 and 种子 are number cells (they sort 1, 2, …, 10 and show no green
/// triangle), a seed beyond Excel's 15 digits stays text, codes stay text, a 事项类型 code is
/// named, and 实施主体 says whom to ask. Read back by header, it selects the same items as a list in the layout before
/// 实施主体 was added.
#[test]
fn the_sample_xlsx_has_number_cells_and_reads_back_by_header() {
    use calamine::{Data, Reader, Xlsx};
    let items: Vec<_> = (0..12)
        .map(|i| {
            let mut it = item(
                COUNTY,
                UnitKind::County,
                &format!("0001040020{i:02}"),
                "01",
                &[],
            );
            it.subject = if i % 2 == 0 {
                "池州市贵池区市场监督管理局"
            } else {
                "池州市贵池区人力资源和社会保障局"
            }
            .into();
            it
        })
        .collect();
    let r = report(items, Vec::new());
    let m = UnitMapping::default();
    let rows = draw(&r, &m, &spec(20_261_128, SampleMethod::Count(11), false));
    assert_eq!(rows.len(), 11);
    let bytes = sample_file::to_xlsx(&rows).unwrap();
    let mut wb = Xlsx::new(std::io::Cursor::new(bytes.clone())).unwrap();
    let range = wb.worksheet_range(sample_file::SHEET).unwrap();
    let header: Vec<String> = range
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(header, sample_file::COLUMNS);
    // 实施主体 is added last: the columns before it stay where readers by position expect them.
    assert_eq!(
        sample_file::COLUMNS[..8],
        [
            "考核单位",
            "单位类型",
            "实施编码",
            "事项名称",
            "事项类型",
            "抽样序号",
            "种子",
            "方法"
        ]
    );
    assert_eq!(sample_file::COLUMNS[8], "实施主体");
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let first = &range.rows().nth(1).unwrap();
    assert_eq!(first[col("抽样序号")], Data::Float(1.0));
    assert_eq!(first[col("种子")], Data::Float(20_261_128.0));
    assert!(
        matches!(&first[col("实施编码")], Data::String(code) if code.starts_with("0001040020")),
        "{:?}",
        first[col("实施编码")]
    );
    assert_eq!(
        first[col("实施主体")],
        Data::String(rows[0].subject.clone())
    );
    // The platform's code 01 is named, as in the fix list's 事项 sheet: the list went to the units
    // with `01` on some rows and 行政许可 on others.
    assert_eq!(
        first[col("事项类型")],
        Data::String("行政许可（01）".into())
    );
    assert!(
        String::from_utf8(sample_file::to_csv(&rows))
            .unwrap()
            .contains(",行政许可（01）,")
    );
    assert!(
        rows.iter()
            .any(|r| r.subject == "池州市贵池区人力资源和社会保障局")
    );
    let last = &range.rows().nth(11).unwrap();
    assert_eq!(last[col("抽样序号")], Data::Float(11.0));

    // A seed Excel cannot hold exactly is written as text.
    let mut big = rows[..1].to_vec();
    big[0].seed = u64::MAX;
    let mut wb = Xlsx::new(std::io::Cursor::new(sample_file::to_xlsx(&big).unwrap())).unwrap();
    let range = wb.worksheet_range(sample_file::SHEET).unwrap();
    assert_eq!(
        range.rows().nth(1).unwrap()[col("种子")],
        Data::String(u64::MAX.to_string())
    );

    // Read back from the new XLSX and from a list in the old layout (no 实施主体, other order).
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sample.xlsx");
    std::fs::write(&path, bytes).unwrap();
    let (chosen, issues) = sample_file::read(&path, &r, &m).unwrap();
    assert!(issues.is_empty(), "{issues:?}");
    assert_eq!(
        chosen,
        rows.iter().map(|s| s.index).collect::<BTreeSet<_>>()
    );
    let mut old = String::from("考核单位,单位类型,实施编码,事项名称,事项类型,抽样序号,种子,方法\n");
    for s in &rows {
        let _ = writeln!(
            old,
            "{},县区,{},{},01,{},20261128,count:11",
            s.unit, s.code, s.name, s.seq
        );
    }
    let t = parse_csv("sample.csv", old.as_bytes(), CODE).unwrap();
    let (old_chosen, issues) = sample_file::select(&t, &r, &m).unwrap();
    assert!(issues.is_empty(), "{issues:?}");
    assert_eq!(old_chosen, chosen);
    // Written over by `sample` without keeping it: the old layout holds the same draw. Another
    // seed or one item swapped is another draw.
    assert!(sample_file::same_draw(&t, &rows));
    let reseeded = parse_csv(
        "sample.csv",
        old.replace(",20261128,", ",20261129,").as_bytes(),
        CODE,
    )
    .unwrap();
    assert!(!sample_file::same_draw(&reseeded, &rows));
    let swapped = parse_csv(
        "sample.csv",
        old.replacen(&rows[0].code, "000104002099", 1).as_bytes(),
        CODE,
    )
    .unwrap();
    assert!(!sample_file::same_draw(&swapped, &rows));
}

/// Three items of 池州市市场监督管理局 share the placeholder code `1111111111111111` (common in
/// real exports); only the first, 食品经营许可（新办）, fails B13. A list naming the third selects
/// the third — matched by 实施编码 alone it selected the first, the one with the error — and a
/// row without 事项名称 takes the first item of the code not already listed.
#[test]
fn sample_rows_tell_apart_items_of_one_code_by_name() {
    let code = super::PLACEHOLDER;
    let mut items: Vec<_> = super::NAMESAKES
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let out = if i == 0 { Fail } else { Pass };
            let mut it = item(DEPT, UnitKind::Department, code, "01", &[("B13", out)]);
            it.name = (*name).into();
            it
        })
        .collect();
    items[0].errors = 1;
    let f = finding(&items[0], "B13", "12345", Severity::Error);
    let r = report(items, vec![f]);
    let m = UnitMapping::default();
    let select = |csv: &str| {
        let t = parse_csv("抽样.csv", csv.as_bytes(), CODE).unwrap();
        sample_file::select(&t, &r, &m).unwrap()
    };
    let (chosen, issues) = select(&format!(
        "考核单位,实施编码,事项名称\n{DEPT},{code},食品经营许可（延续）\n"
    ));
    assert!(issues.is_empty(), "{issues:?}");
    assert_eq!(chosen, BTreeSet::from([2]));
    // A row without a name (an older hand-made list) comes after the named ones: it does not
    // take the item a later row names.
    let (chosen, issues) = select(&format!(
        "实施编码,事项名称\n{code},\n{code},食品经营许可（新办）\n{code},食品经营许可（新办）\n"
    ));
    assert_eq!(chosen, BTreeSet::from([0, 1]));
    let rows: Vec<u64> = issues.iter().map(|i| i.place.row.unwrap()).collect();
    assert_eq!(rows, vec![4], "{issues:?}");
    assert!(issues[0].message.contains("重复"), "{issues:?}");
    assert!(
        issues[0].message.contains("食品经营许可（新办）"),
        "{issues:?}"
    );
}
