//! Exports that do not carry a child list, or whose child rows cannot be linked to their items:
//! a flat CSV of one row an item (收费标准 and 收费依据 on the row, no 办理流程 or 常见问题
//! table), an item sheet keyed by 业务办理项编码 with child sheets keyed by 实施编码, and codes
//! Excel turned into numbers. A list the tool did not read is 未读取 and charges nobody; a list
//! the export carries and the item lacks is still charged.

mod common {
    pub mod read;
}

use std::path::{Path, PathBuf};

use common::read::read;
use zwfw_audit::check::{RunInfo, check_records};
use zwfw_audit::model::Outcome;
use zwfw_audit::report::Report;
use zwfw_audit::rules::{CheckContext, RuleSet};
use zwfw_audit::source::{NoticeLevel, read_inputs};

/// The header of a flat export of 池州市自然资源和规划局 (one row an item, as a platform's
/// 事项目录 export gives it): no 申请材料, 办理流程 or 常见问题 table, fees on the item's row.
const FLAT_HEADER: &[&str] = &[
    "事项编码",
    "事项名称",
    "实施主体",
    "区划代码",
    "办件类型",
    "法定期限",
    "承诺期限",
    "网办深度",
    "具体地址",
    "联系电话",
    "投诉电话",
    "是否收费",
    "收费标准",
    "收费依据",
    "中介服务",
    "申请材料",
];

const FIRST_REGISTRATION: &str = "11341700MB1920036Q3000707015000";
const CHANGE_REGISTRATION: &str = "11341700MB1920036Q3000707016000";
const PLANNING_PERMIT: &str = "11341700MB1920036Q3000115012000";

const STANDARD: &str = "不动产登记费：住宅类不动产每件80元；非住宅类不动产每件550元";

/// Three items: two charged, 不动产首次登记 with its basis and the cited articles, 不动产变更登记
/// with a basis that cites no article (a real F03); 建设用地规划许可证核发 free.
fn flat_rows() -> Vec<Vec<&'static str>> {
    let common = |code, name, charged, standard, basis| {
        vec![
            code,
            name,
            "池州市自然资源和规划局",
            "341700",
            "承诺件",
            "30个工作日",
            "10个工作日",
            "三级",
            "池州市长江中路89号池州市政务服务中心二楼21号窗口",
            "0566-2021312",
            "0566-12345",
            charged,
            standard,
            basis,
            "否",
            "1.不动产登记申请书；2.申请人身份证明；3.不动产权属来源证明材料",
        ]
    };
    vec![
        common(
            FIRST_REGISTRATION,
            "不动产首次登记（国有建设用地使用权及房屋所有权）",
            "是",
            STANDARD,
            "《国家发展改革委 财政部关于不动产登记收费标准等有关问题的通知》（发改价格规〔2016〕2559号）第一条、第二条",
        ),
        common(
            CHANGE_REGISTRATION,
            "不动产变更登记",
            "是",
            STANDARD,
            "《国家发展改革委 财政部关于不动产登记收费标准等有关问题的通知》（发改价格规〔2016〕2559号）",
        ),
        common(PLANNING_PERMIT, "建设用地规划许可证核发", "否", "", ""),
    ]
}

/// Writes a CSV of `header` and `rows` at `dir/name`.
fn write_csv(dir: &Path, name: &str, header: &[&str], rows: &[Vec<&str>]) -> PathBuf {
    let path = dir.join(name);
    let mut w = csv::Writer::from_path(&path).unwrap();
    w.write_record(header).unwrap();
    for row in rows {
        w.write_record(row).unwrap();
    }
    w.flush().unwrap();
    path
}

/// Checks `paths` with every rule.
fn check_all(paths: &[PathBuf]) -> Report {
    let mut records = Vec::new();
    read_inputs(paths, &mut |r| records.push(r));
    check_records(
        records,
        &RuleSet::default(),
        &CheckContext::default(),
        RunInfo::default(),
    )
}

/// The outcome of rule `rule` on the item of code `code`.
fn outcome(report: &Report, code: &str, rule: &str) -> Option<Outcome> {
    let item = report
        .items
        .iter()
        .find(|i| i.code == code)
        .unwrap_or_else(|| panic!("no item {code}"));
    item.outcomes.get(rule).copied()
}

/// Should not trip F02 or F03 (「事项收费但未列出收费项目…」) on 不动产首次登记: its 收费标准 and
/// 收费依据 are on its row of a flat export without a 收费 table, and are read as its fee, named
/// by the text before the standard's colon. 不动产变更登记's basis cites no article: F03 only.
#[test]
fn fee_columns_on_the_item_row_are_its_fee() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_csv(
        dir.path(),
        "池州市自然资源和规划局事项目录.csv",
        FLAT_HEADER,
        &flat_rows(),
    );

    let r = read(std::slice::from_ref(&path));
    let first = r
        .items
        .iter()
        .find(|i| i.code == FIRST_REGISTRATION)
        .unwrap();
    let fees: Vec<(&str, &str)> = first
        .fees
        .iter()
        .map(|f| (f.name.as_str(), f.standard.as_str()))
        .collect();
    assert_eq!(fees, [("不动产登记费", STANDARD)]);
    assert!(first.fees[0].basis.contains("第一条"));
    let free = r.items.iter().find(|i| i.code == PLANNING_PERMIT).unwrap();
    assert!(free.fees.is_empty(), "{:?}", free.fees);
    r.notice(
        "列「收费标准」「收费依据」写在事项的行上",
        NoticeLevel::Info,
        &["2 个事项", "冒号前"],
    );

    let report = check_all(&[path]);
    for rule in ["F01", "F02", "F03"] {
        assert_eq!(
            outcome(&report, FIRST_REGISTRATION, rule),
            Some(Outcome::Pass),
            "{rule}"
        );
    }
    assert_eq!(
        outcome(&report, CHANGE_REGISTRATION, "F02"),
        Some(Outcome::Pass)
    );
    let f03: Vec<&str> = report
        .findings
        .iter()
        .filter(|f| f.rule == "F03")
        .map(|f| f.item_code.as_str())
        .collect();
    assert_eq!(f03, [CHANGE_REGISTRATION]);
}
