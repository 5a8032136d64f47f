//! Rendering a large report: 10,000 findings over 4,000 items of 20 units, scored.
//!
//! `cargo bench --bench report_render` prints the file sizes first, then divan's timings.
//! With `REPORT_BENCH_OUT=DIR` the rendered files are also written there (to look at them).

use std::collections::BTreeMap;

use zwfw_audit::model::{Finding, Outcome, Provenance, Severity};
use zwfw_audit::report::output::{Format, write_dir};
use zwfw_audit::report::view::Views;
use zwfw_audit::report::xlsx::{self, Scope};
use zwfw_audit::report::{
    ItemEntry, ItemStatus, Outcomes, Report, RuleInfo, SCHEMA_VERSION, Summary, csv, html,
};
use zwfw_audit::score::{RateKind, UnitScore};
use zwfw_audit::unit::UnitKind;

const UNITS: usize = 20;
const ITEMS: usize = 4_000;
const FINDINGS: usize = 10_000;

const UNIT_NAMES: [&str; UNITS] = [
    "池州市市场监督管理局",
    "池州市人力资源和社会保障局",
    "池州市公安局",
    "池州市民政局",
    "池州市自然资源和规划局",
    "池州市生态环境局",
    "池州市住房和城乡建设局",
    "池州市交通运输局",
    "池州市农业农村局",
    "池州市卫生健康委员会",
    "池州市教育局",
    "池州市文化和旅游局",
    "池州市医疗保障局",
    "池州市税务局",
    "贵池区",
    "东至县",
    "石台县",
    "青阳县",
    "九华山风景区管委会",
    "池州经济技术开发区管委会",
];

const RULES: [(&str, &str, &str); 6] = [
    ("B09", "handling-address", "办理地点"),
    ("B10", "handling-hours", "办理时间"),
    ("B13", "consult-phone", "咨询电话"),
    ("B14", "supervise-phone", "监督电话"),
    ("B15", "phone-accuracy", "电话准确性"),
    ("M01", "material-name", "材料名称"),
];

const NAMES: [&str; 8] = [
    "食品经营许可",
    "药品零售企业许可",
    "农村宅基地审批",
    "建设工程消防验收",
    "失业保险金申领",
    "林木采伐许可证核发",
    "城乡居民基本养老保险参保登记",
    "特种设备使用登记",
];

fn kind(unit: usize) -> UnitKind {
    if unit >= 14 {
        UnitKind::County
    } else {
        UnitKind::Department
    }
}

fn large_report() -> Report {
    let mut items: Vec<ItemEntry> = (0..ITEMS)
        .map(|i| {
            let unit = i % UNITS;
            ItemEntry {
                code: format!("11341700MB{:07}X3{:012}", unit, 104_002_000 + i),
                name: format!("{}（第{}项）", NAMES[i % NAMES.len()], i + 1),
                unit: UNIT_NAMES[unit].into(),
                unit_kind: kind(unit),
                item_type: "行政许可".into(),
                provenance: Provenance::sheet_row("池州市事项导出.xlsx", "基本信息", i as u64 + 2),
                status: ItemStatus::Checked,
                reason: None,
                outcomes: RULES
                    .iter()
                    .enumerate()
                    .map(|(r, (id, _, _))| {
                        let o = match (i * 7 + r * 3) % 10 {
                            0..=5 => Outcome::Pass,
                            6..=8 => Outcome::Fail,
                            _ => Outcome::NotApplicable,
                        };
                        ((*id).into(), o)
                    })
                    .collect::<Outcomes>(),
                errors: 0,
                warnings: 0,
                waived: 0,
                subject: String::new(),
                region_code: String::new(),
            }
        })
        .collect();
    let findings: Vec<Finding> = (0..FINDINGS)
        .map(|n| {
            let item = &items[(n * 37) % ITEMS];
            let (id, name, element) = RULES[n % RULES.len()];
            Finding {
                rule: id.into(),
                rule_name: name.into(),
                element: element.into(),
                severity: if n % 9 == 0 {
                    Severity::Warning
                } else {
                    Severity::Error
                },
                item_code: item.code.clone(),
                item_name: item.name.clone(),
                unit: item.unit.clone(),
                target: (id == "M01").then(|| "材料「营业执照复印件」".to_owned()),
                message: format!(
                    "{element}缺少房间号或窗口号: \"池州市长江中路{n}号政务服务中心\""
                ),
                evidence: format!("池州市长江中路{n}号政务服务中心"),
                suggestion:
                    "写明街道、门牌号和窗口号，如「池州市长江中路1号政务服务中心二楼12号窗口」"
                        .into(),
                provenance: item.provenance.clone(),
            }
        })
        .collect();
    let index: BTreeMap<String, usize> = items
        .iter()
        .enumerate()
        .map(|(i, it)| (it.code.clone(), i))
        .collect();
    for f in &findings {
        let it = &mut items[index[&f.item_code]];
        match f.severity {
            Severity::Error => it.errors += 1,
            Severity::Warning => it.warnings += 1,
        }
    }
    let scores = (0..UNITS)
        .map(|u| {
            // Synthetic figures for the layout, shaped like the scoring helper's output.
            let full = if kind(u) == UnitKind::County {
                8.0
            } else {
                14.0
            };
            let rate = 0.04 + 0.3 * (u as f64 / UNITS as f64);
            let (low, high) = (rate * 0.6, (rate * 1.5).min(1.0));
            UnitScore {
                unit: UNIT_NAMES[u].into(),
                kind: kind(u),
                items: ITEMS / UNITS,
                sampled: 30,
                items_with_errors: (30.0 * rate * 3.0) as usize,
                checks: 180,
                failed_checks: (180.0 * rate) as usize,
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
        })
        .collect();
    let mut report = Report {
        schema_version: SCHEMA_VERSION,
        tool_version: env!("CARGO_PKG_VERSION").into(),
        run_id: "bench-10000".into(),
        generated_at: "2026-11-29T00:00:00Z".into(),
        inputs: vec!["池州市事项导出.xlsx".into()],
        rules: RULES
            .iter()
            .map(|(id, name, element)| RuleInfo {
                id: (*id).into(),
                name: (*name).into(),
                element: (*element).into(),
                category: "基本信息".into(),
                appendix: true,
                severity: Severity::Error,
            })
            .collect(),
        summary: Summary::default(),
        items,
        findings,
        notices: Vec::new(),
        scores,
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

fn all_units_xlsx(report: &Report) -> Vec<u8> {
    let views = Views::of(report);
    let scope = Scope {
        title: "全部单位".into(),
        units: views.units.iter().collect(),
        unreadable: views.unreadable.clone(),
        all: true,
    };
    xlsx::to_bytes(report, &scope).unwrap()
}

fn main() {
    let report = large_report();
    let page = html::render(&report).unwrap();
    let book = all_units_xlsx(&report);
    let mut table = Vec::new();
    csv::write(&report, &mut table).unwrap();
    eprintln!(
        "{} findings, {} items, {} units: report.html {:.1} MB, 整改清单-全部.xlsx {:.1} MB, findings.csv {:.1} MB",
        report.findings.len(),
        report.items.len(),
        UNITS,
        page.len() as f64 / 1e6,
        book.len() as f64 / 1e6,
        table.len() as f64 / 1e6,
    );
    if let Some(dir) = std::env::var_os("REPORT_BENCH_OUT") {
        let dir = std::path::PathBuf::from(dir);
        std::fs::create_dir_all(&dir).unwrap();
        let written = write_dir(&report, &dir, &Format::ALL).unwrap();
        eprintln!("wrote {} files to {}", written.len(), dir.display());
    }
    divan::main();
}

#[divan::bench(sample_count = 10)]
fn html_10k(bencher: divan::Bencher) {
    let report = large_report();
    bencher.bench(|| html::render(divan::black_box(&report)).unwrap().len());
}

#[divan::bench(sample_count = 10)]
fn xlsx_all_units_10k(bencher: divan::Bencher) {
    let report = large_report();
    bencher.bench(|| all_units_xlsx(divan::black_box(&report)).len());
}

#[divan::bench(sample_count = 10)]
fn csv_10k(bencher: divan::Bencher) {
    let report = large_report();
    bencher.bench(|| {
        let mut out = Vec::new();
        csv::write(divan::black_box(&report), &mut out).unwrap();
        out.len()
    });
}

#[divan::bench(sample_count = 5)]
fn whole_folder_10k(bencher: divan::Bencher) {
    let report = large_report();
    let dir = tempfile::tempdir().unwrap();
    bencher.bench(|| {
        write_dir(divan::black_box(&report), dir.path(), &Format::ALL)
            .unwrap()
            .len()
    });
}
