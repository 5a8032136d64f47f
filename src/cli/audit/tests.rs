//! Unit tests of the nightly run's input problems and report folders.

use std::path::Path;

use anyhow::Result;

use super::input::{Sketches, counts_for_baseline, files_without_items, input_problems};
use super::nightly::write_partial;
use crate::history;
use crate::model::{Item, Provenance};
use crate::source::{self, Record};

fn item(file: &str, row: u64) -> Record {
    Record::Item(Box::new(Item {
        provenance: Provenance::row(file, row),
        ..Item::default()
    }))
}

fn broken(file: &str, row: u64, reason: &str) -> Record {
    Record::Unreadable(source::Unreadable {
        provenance: Provenance::row(file, row),
        reason: reason.to_owned(),
        code: None,
        name: None,
        partial: None,
    })
}

/// Reports that could not be written whole are removed, and a full disk says what to clear.
#[test]
fn reports_cut_short_are_removed_and_a_full_disk_says_what_to_clear() {
    let dir = tempfile::tempdir().unwrap();
    let partial = dir.path().join("20261120-020000.partial");
    let half_written = |dir: &Path, kind: std::io::ErrorKind| -> Result<()> {
        std::fs::create_dir_all(dir).unwrap();
        std::fs::write(dir.join("report.json"), "{").unwrap();
        Err(anyhow::Error::from(std::io::Error::from(kind))
            .context(format!("无法写入 {}", dir.join("report.html").display())))
    };
    let e = write_partial(&partial, dir.path(), |d| {
        half_written(d, std::io::ErrorKind::StorageFull)
    })
    .unwrap_err();
    assert!(!partial.exists());
    let said = crate::cli::describe(&e);
    assert!(said.starts_with("磁盘已满，报告写不出"), "{said}");
    assert!(said.contains("audit prune --keep 90 --reports"), "{said}");
    assert!(said.ends_with("report.html"), "{said}");
    let e = write_partial(&partial, dir.path(), |d| {
        half_written(d, std::io::ErrorKind::PermissionDenied)
    })
    .unwrap_err();
    assert!(!partial.exists());
    assert!(crate::cli::describe(&e).starts_with("报告写不出"));
    write_partial(&partial, dir.path(), |d| Ok(std::fs::create_dir_all(d)?)).unwrap();
    assert!(partial.exists());
}

/// A line that breaks off ends a file cut short only when nothing follows it in that file;
/// one bad line in the middle is the item's problem, not the run's.
#[test]
fn a_file_whose_last_record_breaks_off_is_incomplete_input() {
    let cut = format!("JSON 语法错误：第 833 列{}", source::json_error::CUT_SHORT);
    let records = [
        item("县区.ndjson", 1),
        broken("县区.ndjson", 2, &cut),
        item("市直.ndjson", 1),
        broken("市直.ndjson", 2, &cut),
        item("市直.ndjson", 3),
        broken("市直.ndjson", 4, "缺少字段「实施编码」"),
    ];
    // What the nightly run keeps of the records while it checks them.
    let mut sketches = Sketches::default();
    for r in &records {
        sketches.add(r);
    }
    let records = sketches.all;
    let every = |_: &str| true;
    assert_eq!(
        input_problems(&records, &every),
        [
            "县区.ndjson 第2行 — 文件在这里中途结束，后面的事项没有读到（导出可能还没写完，或没有复制完整），请重新导出"
        ]
    );
    assert!(input_problems(&records[2..], &every).is_empty());
    // A file the baseline read nothing from loses no baseline item.
    assert!(input_problems(&records, &|f| f != "县区.ndjson").is_empty());
}

/// A JSON array whose structure breaks (here a stray note after the second record, where a
/// comma should be) keeps the records before the break, and the break is an input problem: what
/// came after it is not read, so the night is no baseline. (A comma left out right before the
/// next record's `{` loses nothing: `source::json_array`.)
#[test]
fn an_array_that_breaks_off_is_incomplete_input() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("县区.json");
    let record = |code: &str| format!(r#"{{"code":"{code}","name":"食品经营许可（新办）"}}"#);
    let text = format!(
        "[\n{},\n{}\n\"（以下为新增）\"\n{}\n]",
        record("11341702MB1526185H4000117035000"),
        record("11341702MB1526185H4000117034000"),
        record("11341702MB1526185H4000117033000"),
    );
    std::fs::write(&path, text).unwrap();
    let mut sketches = Sketches::default();
    let mut items = 0;
    source::read_inputs(std::slice::from_ref(&path), &mut |r| {
        items += usize::from(matches!(r, Record::Item(_)));
        sketches.add(&r);
    });
    assert_eq!(items, 2);
    let problems = input_problems(&sketches.all, &|_| true);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].contains(
            "县区.json — JSON 语法错误：第 4 行第 1 列缺少逗号或右方括号 ]（在第 2 条记录之后）"
        ),
        "{}",
        problems[0]
    );
}

/// An NDJSON export saved as the platform's error page is read as unreadable lines: a file the
/// baseline read items from that gives none tonight is an input problem; one that gives some
/// item, or that the baseline read nothing from, is not.
#[test]
fn a_file_that_gives_no_item_tonight_is_an_input_problem() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("贵池区.ndjson");
    std::fs::write(
        &page,
        "<html><head><title>502 Bad Gateway</title></head>\n<body><center>nginx</center></body></html>\n",
    )
    .unwrap();
    let mut sketches = Sketches::default();
    source::read_inputs(std::slice::from_ref(&page), &mut |r| sketches.add(&r));
    sketches.add(&item("东至县.ndjson", 1));
    let key = |p: &str| history::source_key(p);
    let page_name = page.display().to_string();
    let baseline = history::BaselineFiles::new(
        "20261120-020000",
        [(key(&page_name), 28), (key("东至县.ndjson"), 30)],
    );
    let problems = files_without_items(&baseline, &sketches.all);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].starts_with(&format!(
            "{page_name} — 对比运行 20261120-020000 从这个文件读到 28 个事项，本次一个也没有读到（只有 2 条无法读取的记录）"
        )),
        "{}",
        problems[0]
    );
    let new_county = history::BaselineFiles::new("20261120-020000", [(key("东至县.ndjson"), 30)]);
    assert!(files_without_items(&new_county, &sketches.all).is_empty());
}

/// A file there tonight counts only if the baseline read items from it; a path that is not
/// there, or a folder, always counts; without a record of the baseline's files, all count.
#[test]
fn problems_count_when_they_can_hide_baseline_items() {
    let dir = tempfile::tempdir().unwrap();
    let file = |name: &str| {
        let p = dir.path().join(name);
        std::fs::write(&p, "x").unwrap();
        p.display().to_string()
    };
    let (export, stray) = (file("东至县.xlsx"), file("统计表.xlsx"));
    let missing = dir.path().join("贵池区.xlsx").display().to_string();
    let folder = dir.path().display().to_string();
    let baseline = history::BaselineFiles::new("n1", [(history::source_key(&export), 3)]);
    let counts = |s: &str| counts_for_baseline(s, Some(&baseline));
    assert!(counts(&export));
    assert!(!counts(&stray));
    assert!(counts(&missing));
    assert!(counts(&folder));
    assert!(counts(&format!("{stray}、{export}")));
    assert!(!counts("https://zwfw.example.gov.cn/guide/1.html"));
    assert!(counts_for_baseline(&stray, None));
}
