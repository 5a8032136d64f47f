//! A realistic [`Report`] built in code for the report-writer tests: three units (one scored
//! department, one scored county, one unscored), an unreadable record, codes that look like
//! numbers, a value starting with `=`, and hostile strings aimed at the HTML report.

#![allow(dead_code)]

use zwfw_audit::model::{Finding, Outcome, Provenance, Severity};
use zwfw_audit::report::{
    ItemEntry, ItemStatus, Outcomes, Report, RuleInfo, SCHEMA_VERSION, Summary,
};
use zwfw_audit::score::{RateKind, UnitScore};
use zwfw_audit::unit::UnitKind;

pub const MARKET: &str = "池州市市场监督管理局";
pub const COUNTY: &str = "贵池区";
/// An unscored unit whose name tries to close the page's script.
pub const HOSTILE_UNIT: &str = "东至县</script><script>alert(3)</script>";

/// 实施编码: USCC ‖ level ‖ basic code; must stay text in Excel.
pub const CODE: &str = "11341700MB1234567X3000101001000";
/// A basic code with leading zeros, quoted as evidence; Excel would make it 104002000.
pub const NUMERIC_EVIDENCE: &str = "000104002000";
/// An item name that is a formula.
pub const FORMULA_NAME: &str = "=HYPERLINK(\"http://evil.example/x\",\"点此整改\")";
pub const SCRIPT_NAME: &str = "<script>alert(1)</script>食品经营许可";
/// Control characters are not allowed in XML; the workbook must still open and keep them.
pub const CONTROL_EVIDENCE: &str = "12345\u{1}\u{1b}[0m";
pub const IMG_MESSAGE: &str = "咨询电话缺少区号: \"\"><img src=x onerror=alert(2)>\"";

fn rules() -> Vec<RuleInfo> {
    [
        ("B13", "consult-phone", "咨询电话"),
        ("B14", "supervise-phone", "监督电话"),
        ("B15", "phone-accuracy", "电话准确性"),
    ]
    .into_iter()
    .map(|(id, name, element)| RuleInfo {
        id: id.into(),
        name: name.into(),
        element: element.into(),
        category: "基本信息".into(),
        appendix: true,
        severity: Severity::Error,
    })
    .collect()
}

fn item(
    code: &str,
    name: &str,
    unit: &str,
    kind: UnitKind,
    outcomes: [Outcome; 3],
    row: u64,
) -> ItemEntry {
    ItemEntry {
        code: code.into(),
        name: name.into(),
        unit: unit.into(),
        unit_kind: kind,
        item_type: "行政许可".into(),
        provenance: Provenance::sheet_row("池州市事项导出.xlsx", "基本信息", row),
        status: ItemStatus::Checked,
        reason: None,
        outcomes: ["B13", "B14", "B15"]
            .into_iter()
            .map(Into::into)
            .zip(outcomes)
            .collect::<Outcomes>(),
        errors: 0,
        warnings: 0,
        waived: 0,
        // A county's items are its departments'; a city department implements its own.
        subject: match kind {
            UnitKind::County => format!("{unit}市场监督管理局"),
            UnitKind::Department => unit.to_owned(),
        },
        region_code: String::new(),
    }
}

#[allow(clippy::too_many_arguments)]
fn finding(
    rule: &str,
    element: &str,
    severity: Severity,
    item: &ItemEntry,
    message: &str,
    evidence: &str,
) -> Finding {
    Finding {
        rule: rule.into(),
        rule_name: match rule {
            "B13" => "consult-phone",
            "B14" => "supervise-phone",
            _ => "phone-accuracy",
        }
        .into(),
        element: element.to_owned().into(),
        severity,
        item_code: item.code.clone(),
        item_name: item.name.clone(),
        unit: item.unit.clone(),
        target: None,
        message: message.into(),
        evidence: evidence.into(),
        suggestion: "填写受理部门有人接听的咨询电话（带区号），如 0566-2021234".into(),
        provenance: item.provenance.clone(),
    }
}

fn score(unit: &str, kind: UnitKind, full: f64, rate: f64, low: f64, high: f64) -> UnitScore {
    UnitScore {
        unit: unit.into(),
        kind,
        items: 3,
        sampled: 3,
        items_with_errors: 2,
        checks: 9,
        failed_checks: 3,
        rate_kind: RateKind::Element,
        rate,
        rate_low: low,
        rate_high: high,
        full_marks: full,
        score: full * (1.0 - rate),
        score_low: full * (1.0 - high),
        score_high: full * (1.0 - low),
        completeness: None,
        reviewed_score: None,
        reviewed_rate: None,
        reviewed_completeness: None,
        reviewed_failed_checks: None,
        reviewed_items_with_errors: None,
        reviewed_rate_low: None,
        reviewed_rate_high: None,
        reviewed_score_low: None,
        reviewed_score_high: None,
        overlaps_with: Vec::new(),
        design_effect: None,
    }
}

/// The test report.
pub fn report() -> Report {
    use Outcome::{Fail, NotApplicable as Na, Pass};
    let d = UnitKind::Department;
    let c = UnitKind::County;
    let mut items = vec![
        item(CODE, "食品经营许可", MARKET, d, [Fail, Pass, Fail], 2),
        item(
            "11341700MB1234567X3000104001000",
            FORMULA_NAME,
            MARKET,
            d,
            [Pass, Pass, Fail],
            3,
        ),
        item(
            "11341700MB1234567X3000104013000",
            SCRIPT_NAME,
            MARKET,
            d,
            [Pass, Pass, Pass],
            4,
        ),
        item(
            "11341702MB0011223Q4000120005000",
            "农村宅基地审批",
            COUNTY,
            c,
            [Pass, Fail, Fail],
            5,
        ),
        item(
            "11341702MB0011223Q4000121001000",
            "生育登记服务",
            COUNTY,
            c,
            [Pass, Pass, Na],
            6,
        ),
        item(
            "11341721MB0022334R4000119003000",
            "林木采伐许可证核发",
            HOSTILE_UNIT,
            c,
            [Fail, Pass, Pass],
            7,
        ),
    ];
    let mut findings = vec![
        finding(
            "B13",
            "咨询电话",
            Severity::Error,
            &items[0],
            "咨询电话只有政务服务热线，缺少受理部门的人工咨询电话: \"12345\"",
            "12345",
        ),
        finding(
            "B15",
            "电话准确性",
            Severity::Error,
            &items[0],
            "基本编码与实施编码不一致: \"000104002000\"",
            NUMERIC_EVIDENCE,
        ),
        finding(
            "B15",
            "电话准确性",
            Severity::Error,
            &items[1],
            "咨询电话缺少区号: \"=1+2\"",
            "=1+2",
        ),
        finding(
            "B15",
            "电话准确性",
            Severity::Warning,
            &items[2],
            IMG_MESSAGE,
            "@SUM(A1:A9)",
        ),
        finding(
            "B14",
            "监督电话",
            Severity::Error,
            &items[3],
            "监督电话缺少区号: \"12345\"",
            CONTROL_EVIDENCE,
        ),
        finding(
            "B15",
            "电话准确性",
            Severity::Error,
            &items[3],
            "监督电话缺少区号: \"-12345\"",
            "-12345",
        ),
        finding(
            "B13",
            "咨询电话",
            Severity::Error,
            &items[5],
            "咨询电话为空",
            "+0566 7021234",
        ),
    ];
    findings[6].target = Some("咨询电话「</script>」".into());
    for it in &mut items {
        it.errors = findings
            .iter()
            .filter(|f| f.item_code == it.code && f.severity == Severity::Error)
            .count();
        it.warnings = findings
            .iter()
            .filter(|f| f.item_code == it.code && f.severity == Severity::Warning)
            .count();
    }
    items.push(ItemEntry {
        code: "11341700MB1234567X3000104099000".into(),
        name: "医疗器械经营许可".into(),
        unit: "(无法读取)".into(),
        unit_kind: d,
        item_type: String::new(),
        provenance: Provenance::record("items.json", 9),
        status: ItemStatus::Unreadable,
        reason: Some("字段类型错误: invalid type: integer `5662021234`, expected a string".into()),
        outcomes: Outcomes::new(),
        errors: 0,
        warnings: 0,
        waived: 0,
        subject: String::new(),
        region_code: String::new(),
    });
    let mut report = Report {
        schema_version: SCHEMA_VERSION,
        tool_version: "0.1.0".into(),
        run_id: "20261128-235959".into(),
        generated_at: "2026-11-28T15:59:59Z".into(),
        inputs: vec!["池州市事项导出.xlsx".into(), "items.json".into()],
        rules: rules(),
        summary: Summary::default(),
        items,
        findings,
        notices: Vec::new(),
        scores: vec![
            score(MARKET, d, 14.0, 3.0 / 9.0, 0.12, 0.65),
            score(COUNTY, c, 8.0, 3.0 / 5.0, 0.23, 0.88),
        ],
        history: None,
        review: None,
        replies: Vec::new(),
        sample: None,
        scoring_notices: Vec::new(),
        scoring_settings: None,
    };
    report.summarize();
    report
}
