//! Review lists handed back by assessors as the fix-list workbook: its rows matched to findings
//! (by 指纹, or by code, rule and 原文 in either form), and the decisions in its cells.

use super::super::RateKind;
use super::super::compute::{score_units, tally_items};
use super::super::review;
use super::super::table::{CODE, parse_csv};
use super::super::units::UnitMapping;
use super::{COUNTY, by_unit, fixture, opts};

/// A link is shown readable in 原文 (`…/申请表.docx`) while the finding keeps it as checked: a
/// review row quoting either form names the finding; another link does not.
#[test]
fn a_link_in_原文_matches_in_either_form() {
    let checked = "http://zwfw.chizhou.gov.cn/files/%E7%94%B3%E8%AF%B7%E8%A1%A8.docx";
    let shown = "http://zwfw.chizhou.gov.cn/files/申请表.docx";
    assert!(review::evidence_matches(checked, shown));
    assert!(review::evidence_matches(checked, checked));
    assert!(!review::evidence_matches(
        checked,
        "http://zwfw.chizhou.gov.cn/files/承诺书.docx"
    ));
    // Cut to the cell's length in either form.
    let long = format!("{checked}?id={}", "1".repeat(40));
    let cell = crate::report::fixlist::cell(&crate::report::fixlist::shown_evidence(&long));
    assert!(review::evidence_matches(&long, &cell));
}

#[test]
fn the_exported_fix_list_xlsx_is_read_as_a_review() {
    use rust_xlsxwriter::Workbook;
    let r = fixture();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("问题清单.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("说明").unwrap();
    let ws = wb.add_worksheet();
    ws.set_name(review::SHEET).unwrap();
    // The all-units list: the fix-list columns, then 考核单位.
    let mut head = crate::report::fixlist::HEADERS.to_vec();
    head.push(crate::report::csv::UNIT_HEADER);
    for (c, h) in head.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    // Cells by header, so the rows follow the fix list's columns wherever they are.
    let rows: [&[(&str, &str)]; 4] = [
        &[
            ("实施编码", "C1"),
            ("规则", "B13 consult-phone"),
            ("原文", ""),
            ("复核结果", "驳回"),
        ],
        &[
            ("实施编码", "C1"),
            ("规则", "B14"),
            ("原文", "暂无"),
            ("复核结果", "驳回"),
        ],
        &[
            ("实施编码", "C2"),
            ("规则", "B13"),
            ("原文", "请登录网站…"),
            ("是否有异议", "有"),
            ("异议理由", "平台上写的是 0566-2021156"),
            ("复核结果", "驳回"),
        ],
        &[
            ("实施编码", "D2"),
            ("规则", "B13"),
            ("原文", "12345"),
            ("整改情况", "已整改"),
            ("复核结果", "确认"),
        ],
    ];
    for (i, row) in rows.iter().enumerate() {
        for (header, v) in *row {
            let c = head.iter().position(|h| h == header).unwrap();
            ws.write_string(i as u32 + 1, c as u16, *v).unwrap();
        }
    }
    wb.save(&path).unwrap();
    let out = review::read(&path, &r).unwrap();
    assert!(out.issues.is_empty(), "{:?}", out.issues);
    assert_eq!((out.rejected, out.confirmed), (3, 1));
    let t = tally_items(&r, &out.kept);
    let s = score_units(
        &r,
        &UnitMapping::default(),
        None,
        Some(&t),
        opts(RateKind::Element),
    );
    assert_eq!(by_unit(&s, COUNTY).reviewed_score, Some(8.0));
}

/// Assessors note why in the decision's own cell; a decision followed by punctuation and a
/// reason is that decision, while words that may be about the unit's objection stay refused.
#[test]
fn a_decision_with_its_reason_is_the_decision() {
    use review::{Decision, parse_decision};
    for (cell, want) in [
        ("驳回（复印件属规格要求，名称可接受）", Decision::Rejected),
        ("驳回(名称可接受)", Decision::Rejected),
        ("确认。", Decision::Confirmed),
        ("不成立，平台上已写明窗口号", Decision::Rejected),
        ("确认：原文确实缺区号", Decision::Confirmed),
        ("确定", Decision::Confirmed),
        ("　驳回　", Decision::Rejected),
    ] {
        assert_eq!(parse_decision(cell), Ok(Some(want)), "{cell}");
    }
    for cell in ["驳回异议", "同意（问题成立）", "√", "通过。", "待定"] {
        assert!(parse_decision(cell).is_err(), "{cell}");
    }
}

/// Two findings of one item and rule with the same 原文 (a B08 error and warning both quoting
/// `1`): rows found by their 指纹 keep their decisions however the sheet was sorted, and a row whose
/// 实施编码 Excel turned into `1.13417E+30` is still applied by its 指纹.
#[test]
fn rows_with_a_fingerprint_review_that_finding_wherever_they_sit() {
    let mut r = fixture();
    let first = r.findings[2].clone(); // D2 B13 "12345"
    let mut twin = first.clone();
    twin.target = Some("监督电话".into());
    twin.severity = crate::model::Severity::Warning;
    r.findings.push(twin.clone());
    let (fp_first, fp_twin) = (
        crate::history::fingerprint(&first),
        crate::history::fingerprint(&twin),
    );
    assert_ne!(fp_first, fp_twin);
    // Sorted by 严重程度: the warning's row comes first. Without 指纹 the first row would take the
    // first finding.
    let csv = format!(
        "实施编码,规则,原文,复核结果,指纹\n\
         D2,B13,12345,驳回,{fp_twin}\n\
         D2,B13,12345,确认,{fp_first}\n\
         1.13417E+30,B14,暂无,驳回（平台上已填写）,{}\n",
        crate::history::fingerprint(&r.findings[8])
    );
    let table = parse_csv("复核.csv", csv.as_bytes(), CODE).unwrap();
    let out = review::apply(&table, &r).unwrap();
    assert!(out.issues.is_empty(), "{:?}", out.issues);
    let index = |fp: &str| {
        r.findings
            .iter()
            .position(|f| crate::history::fingerprint(f) == fp)
            .unwrap()
    };
    assert_eq!(
        out.decisions[index(&fp_first)],
        Some(review::Decision::Confirmed)
    );
    assert_eq!(
        out.decisions[index(&fp_twin)],
        Some(review::Decision::Rejected)
    );
    assert!(!out.kept[8], "C1 B14 rejected by its 指纹");
    assert_eq!((out.confirmed, out.rejected), (1, 2));

    // The same finding decided twice: the second row is reported, not applied.
    let csv = format!(
        "实施编码,规则,原文,复核结果,指纹\nD2,B13,12345,驳回,{fp_first}\nD2,B13,12345,确认,{fp_first}\n"
    );
    let table = parse_csv("复核.csv", csv.as_bytes(), CODE).unwrap();
    let out = review::apply(&table, &r).unwrap();
    assert_eq!(out.issues.len(), 1, "{:?}", out.issues);
    assert!(out.issues[0].message.contains("已经复核过"));
    assert_eq!(
        out.decisions[index(&fp_first)],
        Some(review::Decision::Rejected)
    );
}

/// A unit's list handed in as a review is refused, and the refusal says why truthfully: the
/// list sent to 贵池区 has no 复核结果 column, but one rendered from a scored report shows the
/// assessor's decisions in it — telling that clerk the column is missing would be false.
#[test]
fn a_units_list_is_refused_as_a_review_with_a_true_reason() {
    use crate::report::fixlist::{FINGERPRINT_HEADER, HEADERS, REVIEW_HEADER};
    let r = fixture();
    let refusal = |with_decisions: bool| {
        // The unit's list: the fix-list columns (without 考核单位), then 指纹.
        let mut head: Vec<&str> = HEADERS
            .iter()
            .copied()
            .filter(|h| with_decisions || *h != REVIEW_HEADER)
            .collect();
        head.push(FINGERPRINT_HEADER);
        let mut row: Vec<&str> = vec![""; head.len()];
        let at = |h: &str| head.iter().position(|x| *x == h).unwrap();
        row[at("实施编码")] = "C1";
        row[at("规则")] = "B13";
        row[at("是否有异议")] = "有";
        row[at("异议理由")] = "已于 11 月 30 日更正为 0566-2021234";
        if with_decisions {
            row[at(REVIEW_HEADER)] = "确认";
        }
        let csv = format!("{}\n{}\n", head.join(","), row.join(","));
        let table = parse_csv("整改清单-贵池区.csv", csv.as_bytes(), CODE).unwrap();
        match review::apply(&table, &r) {
            Err(e) => e.to_string(),
            Ok(_) => panic!("a unit's list must not be read as a review"),
        }
    };
    let plain = refusal(false);
    assert!(plain.contains("是发给单位的整改清单"), "{plain}");
    assert!(plain.contains("没有「复核结果」列"), "{plain}");
    let rendered = refusal(true);
    assert!(rendered.contains("是发给单位的整改清单"), "{rendered}");
    assert!(
        !rendered.contains("没有「复核结果」列"),
        "the list has the column: {rendered}"
    );
    assert!(rendered.contains("只显示已有的复核结论"), "{rendered}");
    assert!(rendered.contains("整改清单-全部.xlsx"), "{rendered}");
}

/// Three items of 池州市市场监督管理局 share the placeholder code `1111111111111111`, so their
/// B13 findings share a 指纹. A review file without 事项名称 (a hand-made one) reviews them in
/// order: the n-th row with the 指纹 the n-th finding, and a fourth row is a duplicate. With
/// 事项名称 each row reviews its item's, in any order, and a copy of a row filled in while the
/// original was left empty is that finding's decision. What the scored report keeps finds each
/// finding again.
#[test]
fn rows_of_a_shared_fingerprint_without_names_go_in_order() {
    use crate::model::{Outcome, Severity};
    use crate::unit::UnitKind;
    use review::Decision::{Confirmed, Rejected};
    let code = super::PLACEHOLDER;
    let items: Vec<_> = super::NAMESAKES
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let mut it = super::item(
                super::DEPT,
                UnitKind::Department,
                code,
                "01",
                &[("B13", Outcome::Fail)],
            );
            it.name = (*name).into();
            it.provenance = crate::model::Provenance::row("事项.csv", i as u64 + 2);
            it.errors = 1;
            it
        })
        .collect();
    let findings: Vec<_> = items
        .iter()
        .map(|it| super::finding(it, "B13", code, Severity::Error))
        .collect();
    let r = super::report(items, findings);
    let fp = crate::history::fingerprint(&r.findings[0]);
    assert_eq!(fp, crate::history::fingerprint(&r.findings[2]));
    let apply = |rows: &str| {
        let csv = format!("实施编码,规则,复核结果,指纹\n{rows}");
        review::apply(&parse_csv("复核.csv", csv.as_bytes(), CODE).unwrap(), &r).unwrap()
    };
    let out = apply(&format!(
        "{code},B13,确认,{fp}\n{code},B13,,{fp}\n{code},B13,驳回,{fp}\n{code},B13,驳回（同上）,{fp}\n"
    ));
    assert_eq!(out.decisions, vec![Some(Confirmed), None, Some(Rejected)]);
    assert_eq!(out.issues.len(), 1, "{:?}", out.issues);
    assert_eq!(out.issues[0].place.row, Some(5));
    assert!(out.issues[0].message.contains("已经复核过"));
    // With 事项名称 each row names its own, in any order.
    let csv = format!(
        "事项名称,实施编码,规则,复核结果,指纹\n\
         食品经营许可（延续）,{code},B13,驳回,{fp}\n\
         食品经营许可（新办）,{code},B13,,{fp}\n\
         食品经营许可（新办）,{code},B13,确认,{fp}\n"
    );
    let out = review::apply(&parse_csv("复核.csv", csv.as_bytes(), CODE).unwrap(), &r).unwrap();
    assert!(out.issues.is_empty(), "{:?}", out.issues);
    assert_eq!(out.decisions, vec![Some(Confirmed), None, Some(Rejected)]);
    // Kept in the scored report with each item's place, and found again.
    let kept = out.record("复核.csv", &r);
    assert_eq!(kept.findings.len(), 2);
    assert!(kept.findings.iter().all(|k| k.place.is_some()), "{kept:?}");
    assert_eq!(kept.decisions_for(&r.findings), out.decisions);
    // A record written before places were kept goes by order: its n-th decision with the
    // 指纹 to the n-th finding with it (that report had lost which was which).
    let mut old = kept.clone();
    for k in &mut old.findings {
        k.place = None;
    }
    assert_eq!(
        old.decisions_for(&r.findings),
        vec![Some(Confirmed), Some(Rejected), None]
    );
}
