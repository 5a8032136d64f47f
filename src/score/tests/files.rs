//! Files handed back by assessors: review lists as CSV, unit mapping files, and the `[score]`
//! configuration section (the fix-list workbook read as a review is in `review.rs`).

use std::fmt::Write as _;

use super::super::compute::{score_units, tally_items};
use super::super::review;
use super::super::table::{CODE, Table, parse_csv};
use super::super::units::{UnitMapping, UnitMode};
use super::super::{RateKind, UnitScore};
use super::{COUNTY, DEPT, by_unit, close, fixture, item, opts};
use crate::report::Report;
use crate::unit::UnitKind;

fn review_csv(rows: &[(&str, &str, &str, &str)]) -> Table {
    let mut s = String::from("实施编码,规则,原文,复核结果,备注\n");
    for (code, rule, ev, verdict) in rows {
        let _ = writeln!(s, "{code},{rule},{ev},{verdict},");
    }
    parse_csv("review.csv", s.as_bytes(), CODE).unwrap()
}

fn reviewed(r: &Report, table: &Table) -> (Vec<UnitScore>, review::ReviewOutcome) {
    let out = review::apply(table, r).unwrap();
    let t = tally_items(r, &out.kept);
    let m = UnitMapping::default();
    (
        score_units(r, &m, None, Some(&t), opts(RateKind::Element)),
        out,
    )
}

#[test]
fn rejecting_every_finding_of_a_unit_gives_full_marks() {
    let r = fixture();
    let t = review_csv(&[
        ("C1", "B13", "", "驳回"),
        ("C1", "B14 监督电话", "暂无", "驳回"),
        ("C2", "rule-B13", "", "否"),
    ]);
    let (scores, out) = reviewed(&r, &t);
    assert!(out.issues.is_empty(), "{:?}", out.issues);
    assert_eq!(out.rejected, 3);
    let c = by_unit(&scores, COUNTY);
    assert!(close(c.score, 3.2)); // the automatic score stays
    assert_eq!(c.reviewed_score, Some(8.0));
    assert_eq!(c.reviewed_rate, Some(0.0));
    let comp = c.reviewed_completeness.as_ref().unwrap();
    assert!(close(comp.power_points, 0.5) && close(comp.public_points, 0.5));
    // the department is untouched
    let d = by_unit(&scores, DEPT);
    assert_eq!(d.reviewed_score, Some(d.score));
}

#[test]
fn confirming_every_finding_changes_nothing() {
    let r = fixture();
    let rows: Vec<(String, String, String)> = r
        .findings
        .iter()
        .map(|f| (f.item_code.clone(), f.rule.clone(), f.evidence.clone()))
        .collect();
    let refs: Vec<(&str, &str, &str, &str)> = rows
        .iter()
        .map(|(c, ru, e)| (c.as_str(), ru.as_str(), e.as_str(), "确认"))
        .collect();
    let (scores, out) = reviewed(&r, &review_csv(&refs));
    assert!(out.issues.is_empty(), "{:?}", out.issues);
    assert_eq!(out.confirmed, r.findings.len());
    for s in &scores {
        assert_eq!(s.reviewed_score, Some(s.score), "{}", s.unit);
        assert_eq!(s.reviewed_completeness, s.completeness);
    }
}

#[test]
fn bad_review_rows_are_reported_with_their_row() {
    let r = fixture();
    let t = review_csv(&[
        ("X9", "B13", "", "驳回"),         // row 2: unknown code
        ("D2", "Z99", "", "驳回"),         // row 3: unknown rule
        ("D2", "B13", "12345", "驳回"),    // row 4: applied
        ("D2", "B13", "12345", "驳回"),    // row 5: duplicate
        ("D2", "B14", "", "通过"),         // row 6: ambiguous
        ("D3", "B13", "", "驳回"),         // row 7: no such finding
        ("D2", "B15", "别的号码", "驳回"), // row 8: 原文 does not match
    ]);
    let (scores, out) = reviewed(&r, &t);
    let rows: Vec<u64> = out.issues.iter().map(|i| i.place.row.unwrap()).collect();
    assert_eq!(rows, vec![2, 3, 5, 6, 7, 8]);
    assert!(out.issues[0].message.contains("X9"));
    assert!(out.issues[1].message.contains("Z99"));
    assert!(out.issues[2].message.contains("重复"));
    assert_eq!(out.issues[0].place.to_string(), "review.csv 第2行");
    // the one good row was applied: D2 B13 passes after review → 3 of 11 fail
    assert_eq!(out.rejected, 1);
    let d = by_unit(&scores, DEPT);
    assert_eq!(d.reviewed_score, Some(10.18)); // 14 × 8/11 = 10.1818…
}

#[test]
fn mapping_file_assigns_units_and_reports_bad_rows() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("units.csv");
    std::fs::write(
        &path,
        "实施主体/区划,考核单位,类型\n\
         池州市市场监督管理局,池州市市场监管局,市直部门\n\
         341702,贵池区,县区\n\
         ,空单位,县区\n\
         341702,贵池区（重复）,县区\n\
         341703,青阳县,乡村\n",
    )
    .unwrap();
    let (m, issues) = UnitMapping::load(&path, UnitMode::Default).unwrap();
    let rows: Vec<u64> = issues.iter().map(|i| i.place.row.unwrap()).collect();
    assert_eq!(rows, vec![4, 5, 6]);
    assert!(issues[1].message.contains("重复"));
    assert!(issues[2].message.contains("乡村"));
    let mut it = item(DEPT, UnitKind::Department, "D1", "01", &[]);
    assert_eq!(
        m.assign(&it),
        ("池州市市场监管局".to_owned(), UnitKind::Department)
    );
    it.subject = "贵池区市场监督管理局".into();
    it.region_code = "341702000000".into(); // 12 digits: matched by its first 6
    assert_eq!(m.assign(&it), ("贵池区".to_owned(), UnitKind::County));
    it.region_code = "341799".into();
    it.unit = "池州市数据资源管理局".into();
    // nothing matches: the unit recorded at check time
    assert_eq!(
        m.assign(&it),
        ("池州市数据资源管理局".to_owned(), UnitKind::Department)
    );
    let by_subject = UnitMapping {
        mode: UnitMode::Subject,
        ..UnitMapping::default()
    };
    assert_eq!(by_subject.assign(&it).0, "贵池区市场监督管理局");
}

/// After a mapping is applied, what it did not do is said with its place: a row whose key
/// named no item (with the 实施主体 it most likely meant), a row another row overrode, a
/// 考核单位 one character away from an existing unit, and the 实施主体 no row covered.
#[test]
fn mapping_rows_that_named_nothing_and_uncovered_subjects_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("对照表.csv");
    std::fs::write(
        &path,
        "实施主体,考核单位,类型\n\
         池州市贵池区市场监督管理局,贵池区,县（区）\n\
         东至县市场监管局,东至县,县\n\
         池州市人力资源和社会保障局,池州市人力资源和社会保障局,市直\n\
         池州市贵池区人力资源和社会保障局,贵池县,县区\n\
         池州市数据资源管理局,池州市数据资源管理局,市直机关\n",
    )
    .unwrap();
    let (m, bad) = UnitMapping::load(&path, UnitMode::Subject).unwrap();
    assert!(
        bad.is_empty(),
        "市直、市直机关、县、县（区） are kinds: {bad:?}"
    );
    assert_eq!(m.rows["池州市人力资源和社会保障局"].1, UnitKind::Department);
    let mut items = Vec::new();
    for (i, (subject, region)) in [
        ("池州市贵池区市场监督管理局", "341702"),
        ("东至县市场监督管理局", "341721"),
        ("东至县市场监督管理局", "341721"),
        ("池州市人力资源和社会保障局", "341700"),
        ("池州市贵池区人力资源和社会保障局", "341702"),
        ("池州市自然资源和规划局", "341700"),
        ("贵池区", "341702"),
    ]
    .iter()
    .enumerate()
    {
        let mut it = item(subject, UnitKind::County, &format!("C{i}"), "01", &[]);
        it.region_code = (*region).to_owned();
        items.push(it);
    }
    // An unreadable item is not scored, so it neither uses a row nor is left uncovered.
    let mut unreadable = item("池州市公安局", UnitKind::Department, "X", "01", &[]);
    unreadable.status = crate::report::ItemStatus::Unreadable;
    items.push(unreadable);

    let issues = m.coverage(&items);
    let lines: Vec<String> = issues
        .iter()
        .map(|i| format!("{} — {}", i.place, i.message))
        .collect();
    let file = path.display();
    assert_eq!(
        lines,
        [
            format!(
                "{file} 第3行 — 「东至县市场监管局」没有对应到任何事项（是不是「东至县市场监督管理局」？），这一行没有起作用；请核对名称或区划代码是否与平台上的完全一致"
            ),
            format!(
                "{file} 第6行 — 「池州市数据资源管理局」没有对应到任何事项，这一行没有起作用；请核对名称或区划代码是否与平台上的完全一致"
            ),
            format!(
                "{file} 第5行 — 考核单位「贵池县」与已有的单位「贵池区」只差一个字，会作为另一个单位单独计分；如是笔误，请改为「贵池区」"
            ),
            format!(
                "{file} — 以下实施主体不在对照表中，按实施主体划分: 东至县市场监督管理局、池州市自然资源和规划局、贵池区（共 3 个实施主体、4 个事项）"
            ),
        ]
    );
    // Once the items each row names are there, no row is said to be unused.
    let all: Vec<crate::report::ItemEntry> = items
        .iter()
        .take(7)
        .cloned()
        .chain(["东至县市场监管局", "池州市数据资源管理局"].map(|s| {
            let mut it = item(s, UnitKind::County, s, "01", &[]);
            it.region_code = "341799".into();
            it
        }))
        .collect();
    let rest = m.coverage(&all);
    assert!(
        rest.iter()
            .all(|i| !i.message.contains("没有对应到任何事项")),
        "{rest:?}"
    );
    // Without a mapping file, nothing at all.
    assert!(UnitMapping::default().coverage(&items).is_empty());
}

#[test]
fn a_shadowed_row_is_named_as_such_and_many_uncovered_subjects_are_capped() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("对照表.csv");
    std::fs::write(
        &path,
        "区划,考核单位,类型\n东至县市场监督管理局,东至县,县区\n341721,东至县,县区\n",
    )
    .unwrap();
    let (m, _) = UnitMapping::load(&path, UnitMode::Default).unwrap();
    let mut items = Vec::new();
    let mut it = item("东至县市场监督管理局", UnitKind::County, "C0", "01", &[]);
    it.region_code = "341721".into();
    items.push(it);
    for i in 0..12 {
        items.push(item(
            &format!("池州市第{i:02}局"),
            UnitKind::Department,
            &format!("D{i}"),
            "01",
            &[],
        ));
    }
    let issues = m.coverage(&items);
    assert_eq!(issues.len(), 2, "{issues:?}");
    assert_eq!(issues[0].place.row, Some(3));
    assert!(
        issues[0]
            .message
            .starts_with("「341721」的事项都已按对照表中另一行"),
        "{}",
        issues[0].message
    );
    assert_eq!(issues[1].place.row, None);
    assert!(
        issues[1]
            .message
            .ends_with("池州市第09局等（共 12 个实施主体、12 个事项）"),
        "{}",
        issues[1].message
    );
    assert!(!issues[1].message.contains("池州市第10局"));
    assert!(issues[1].message.contains("按默认划分"));
}

#[test]
fn score_section_of_the_configuration() {
    let cfg = crate::config::Config::parse(
        "[score]\nrate = \"item\"\ndecimals = 1\nmethod = \"count:20\"\nseed = 20261128\n\
         stratify = true\nunits = \"subject\"\nmapping = \"units.csv\"\n",
    )
    .unwrap();
    let s = &cfg.score;
    assert_eq!(
        (s.rate, s.decimals, s.seed),
        (RateKind::Item, 1, Some(20_261_128))
    );
    assert_eq!(
        (s.method.as_str(), s.stratify, s.units),
        ("count:20", true, UnitMode::Subject)
    );
    let d = crate::config::Config::parse("").unwrap().score;
    assert_eq!(
        (d.rate, d.decimals, d.method.as_str()),
        (RateKind::Element, 2, "gb2828")
    );
    assert!(crate::config::Config::parse("[score]\nrounding = 2\n").is_err());
}

/// One department written three ways (as a second export or a hand-kept sheet writes it) was
/// scored as three 市直部门, each with its own 14 points and sample, without a word. The items
/// share the USCC at the head of their 实施编码: a warning names the units and the mapping row
/// that joins them. Counties (one unit per region whatever the name) and a mapping row keyed by
/// the USCC give none.
#[test]
fn one_department_written_several_ways_is_warned_of() {
    const USCC: &str = "113417000031254151";
    let claim = |unit: &str, kind: UnitKind, n: usize| {
        let mut it = item(unit, kind, &format!("{USCC}3000117{n:03}000"), "01", &[]);
        it.provenance = crate::model::Provenance::record("市场监管局.json", n as u64);
        it
    };
    let mut items: Vec<crate::report::ItemEntry> = (1..=3)
        .map(|n| claim("池州市市场监督管理局", UnitKind::Department, n))
        .collect();
    items.push(claim("池州市市场监管局", UnitKind::Department, 4));
    items.push(claim(
        "池州市市场监督管理局（池州市知识产权局）",
        UnitKind::Department,
        5,
    ));
    // Another department, and a county's items under two names of the same county body.
    items.push(item(
        "池州市自然资源和规划局",
        UnitKind::Department,
        "11341700MB1528406Q3000117001000",
        "01",
        &[],
    ));
    for (n, unit) in [(6, "贵池区"), (7, "贵池区人民政府")] {
        items.push(item(
            unit,
            UnitKind::County,
            &format!("11341702MB1528406Q4000117{n:03}000"),
            "01",
            &[],
        ));
    }
    // Two departments sharing a placeholder USCC (its check digit fails), and two items of the
    // same USCC whose own 考核单位 column names units other than their 实施主体: not warned of.
    for (n, subject) in ["池州市民政局", "池州市司法局"].iter().enumerate() {
        items.push(item(
            subject,
            UnitKind::Department,
            &format!("1111111111111111113000117{n:03}000"),
            "01",
            &[],
        ));
    }
    for (n, unit) in ["池州市人社局（就业）", "池州市人社局（社保）"]
        .iter()
        .enumerate()
    {
        let mut it = item(
            unit,
            UnitKind::Department,
            &format!("{USCC}3000118{n:03}000"),
            "01",
            &[],
        );
        it.subject = "池州市人力资源和社会保障局".into();
        items.push(it);
    }
    let issues = UnitMapping::default().coverage(&items);
    assert_eq!(issues.len(), 1, "{issues:?}");
    assert_eq!(
        issues[0].message,
        format!(
            "实施编码前 18 位（实施主体统一社会信用代码）同为 {USCC} 的事项，按实施主体名称分成了 3 个考核单位、各自计分：「池州市市场监督管理局」3 个事项、「池州市市场监督管理局（池州市知识产权局）」1 个事项、「池州市市场监管局」1 个事项。如是同一单位的不同写法或加挂的牌子，请在单位对照表（score --mapping，或配置 [score] mapping）中加一行合并：实施主体 {USCC}，考核单位 池州市市场监督管理局，类型 市直部门；本来就应分开计分的，可不理会本提示"
        )
    );
    assert_eq!(
        issues[0].place,
        crate::model::Provenance::record("市场监管局.json", 4)
    );

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("对照表.csv");
    std::fs::write(
        &path,
        format!("实施主体,考核单位,类型\n{USCC},池州市市场监督管理局,市直部门\n"),
    )
    .unwrap();
    let (m, _) = UnitMapping::load(&path, UnitMode::Default).unwrap();
    let issues = m.coverage(&items);
    assert!(
        issues.iter().all(|i| !i.message.contains("分成了")),
        "{issues:?}"
    );
}
