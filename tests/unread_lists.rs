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
use rust_xlsxwriter::Workbook;
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

/// The flat export of 池州市自然资源和规划局 (no 办理流程, 常见问题 or 收费 table), written in `dir`.
fn flat_export(dir: &std::path::Path) -> std::path::PathBuf {
    write_csv(
        dir,
        "池州市自然资源和规划局事项目录.csv",
        FLAT_HEADER,
        &flat_rows(),
    )
}

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

/// The rules that found an error on the item of code `code`, sorted.
fn errors(report: &Report, code: &str) -> Vec<String> {
    let mut rules: Vec<String> = report
        .findings
        .iter()
        .filter(|f| f.item_code == code && f.severity == zwfw_audit::model::Severity::Error)
        .map(|f| f.rule.clone())
        .collect();
    rules.sort_unstable();
    rules.dedup();
    rules
}

/// Should not trip F02 or F03 (「事项收费但未列出收费项目…」) on 不动产首次登记: its 收费标准 and
/// 收费依据 are on its row of a flat export without a 收费 table, and are read as its fee, named
/// by the text before the standard's colon. 不动产变更登记's basis cites no article: F03 only.
#[test]
fn fee_columns_on_the_item_row_are_its_fee() {
    let dir = tempfile::tempdir().unwrap();
    let path = flat_export(dir.path());

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
    // Read as the fee, they are not listed among the columns no element is known by.
    assert!(
        r.notices
            .iter()
            .all(|n| !(n.message.contains("不是可识别的要素") && n.message.contains("收费标准"))),
        "{:?}",
        r.notices
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

/// Should not trip P01 (「未提供办理流程」) or Q01 (「未提供常见问题」) on any item of a flat export
/// that has no 办理流程 or 常见问题 table or columns: the lists are unread, one warning says which
/// rules were not checked. F01 (是否收费) and the basic rules are checked as before.
#[test]
fn a_flat_export_without_steps_or_faqs_leaves_them_unread() {
    let dir = tempfile::tempdir().unwrap();
    let path = flat_export(dir.path());

    let report = check_all(std::slice::from_ref(&path));
    assert_eq!(report.items.len(), 3);
    for item in &report.items {
        for rule in ["P01", "P02", "Q01"] {
            assert_eq!(
                item.outcomes.get(rule),
                Some(&Outcome::NotApplicable),
                "{rule} {}",
                item.name
            );
        }
        assert_eq!(
            item.outcomes.get("F01"),
            Some(&Outcome::Pass),
            "{}",
            item.name
        );
    }
    for item in &report.items {
        let errors = errors(&report, &item.code);
        assert!(
            ["P01", "P02", "Q01", "F02"]
                .iter()
                .all(|rule| !errors.iter().any(|e| e == rule)),
            "{errors:?}"
        );
    }
    let said: Vec<_> = report
        .notices
        .iter()
        .filter(|n| n.message.contains("的表或列"))
        .collect();
    assert_eq!(said.len(), 1, "{said:?}");
    assert_eq!(said[0].level, NoticeLevel::Warning);
    // No item says it needs an intermediary: I01 never applies, and is not named.
    assert_eq!(
        said[0].message,
        "本文件没有办理流程、常见问题的表或列：P01、P02、Q01 未检查（按未读取处理，不扣分）；要检查这些要素，请导出含办理流程、常见问题的完整清单"
    );
}

const CODE_A: &str = "11341721MB1234567X4000117035000";
const CODE_B: &str = "11341721MB1234567X4000117036000";

/// Writes `cells` into row `r` of `ws`, from column A.
fn write_row(ws: &mut rust_xlsxwriter::Worksheet, r: u32, cells: &[&str]) {
    for (c, text) in cells.iter().enumerate() {
        ws.write_string(r, c as u16, *text).unwrap();
    }
}

/// The 东至县 items: header and two rows.
fn item_sheet(wb: &mut Workbook, codes: [&str; 2]) {
    let ws = wb.add_worksheet().set_name("事项基本信息").unwrap();
    write_row(
        ws,
        0,
        &[
            "实施编码",
            "事项名称",
            "实施主体",
            "办理地点",
            "承诺办结时限",
            "咨询电话",
            "是否收费",
        ],
    );
    for (r, (code, name)) in codes
        .into_iter()
        .zip(["食品经营许可（新办）", "食品经营许可（变更）"])
        .enumerate()
    {
        write_row(
            ws,
            r as u32 + 1,
            &[
                code,
                name,
                "东至县市场监督管理局",
                "东至县尧渡镇建设路8号政务服务中心3号窗口",
                "10个工作日",
                "0566-7021234",
                "否",
            ],
        );
    }
}

/// Three FAQs of a 食品经营许可 item.
const FAQS: [(&str, &str); 3] = [
    (
        "食品经营许可证有效期是多久？",
        "食品经营许可证有效期为5年。",
    ),
    (
        "可以委托他人代为办理吗？",
        "可以，受托人须携带授权委托书和本人身份证原件。",
    ),
    (
        "经营场所地址变更需要重新申请吗？",
        "经营场所地址变更的，应当重新申请食品经营许可。",
    ),
];

/// Should trip Q01 on 食品经营许可（变更）: the workbook has a 常见问题 sheet and lists none for
/// it, which is a published absence; P01 does not apply to either item (no 办理流程 sheet).
#[test]
fn an_item_without_rows_in_the_faq_sheet_is_still_charged() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("东至县事项清单.xlsx");
    let mut wb = Workbook::new();
    item_sheet(&mut wb, [CODE_A, CODE_B]);
    let ws = wb.add_worksheet().set_name("申请材料").unwrap();
    write_row(ws, 0, &["实施编码", "材料名称", "材料来源"]);
    write_row(ws, 1, &[CODE_A, "营业执照", "申请人自备"]);
    write_row(ws, 2, &[CODE_B, "营业执照", "申请人自备"]);
    let ws = wb.add_worksheet().set_name("常见问题").unwrap();
    write_row(ws, 0, &["实施编码", "问题", "解答"]);
    for (r, (q, a)) in FAQS.into_iter().enumerate() {
        write_row(ws, r as u32 + 1, &[CODE_A, q, a]);
    }
    wb.save(&path).unwrap();

    let report = check_all(std::slice::from_ref(&path));
    assert_eq!(outcome(&report, CODE_A, "Q01"), Some(Outcome::Pass));
    assert_eq!(outcome(&report, CODE_B, "Q01"), Some(Outcome::Fail));
    for code in [CODE_A, CODE_B] {
        assert_eq!(outcome(&report, code, "P01"), Some(Outcome::NotApplicable));
    }
    let said: Vec<&str> = report
        .notices
        .iter()
        .map(|n| n.message.as_str())
        .filter(|m| m.contains("的表或列"))
        .collect();
    assert_eq!(
        said,
        [
            "本文件没有办理流程的表或列：P01、P02 未检查（按未读取处理，不扣分）；要检查这些要素，请导出含办理流程的完整清单"
        ]
    );
}

/// Should trip Q01 on an item of a JSON export whose `faqs` is `[]`: an explicit empty list is a
/// published absence, not a list the export left out.
#[test]
fn an_empty_faq_list_in_json_is_still_charged() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("东至县事项.json");
    let item = serde_json::json!([{
        "code": CODE_A,
        "name": "食品经营许可（新办）",
        "subject": "东至县市场监督管理局",
        "faqs": [],
    }]);
    std::fs::write(&path, item.to_string()).unwrap();
    let report = check_all(std::slice::from_ref(&path));
    assert_eq!(outcome(&report, CODE_A, "Q01"), Some(Outcome::Fail));
    assert!(
        report
            .notices
            .iter()
            .all(|n| !n.message.contains("的表或列"))
    );
}

/// 池州市市场监督管理局's 实施编码 and their 业务办理项编码 (实施编码 + `01`).
const FOOD: &str = "1134170000312541513000117035000";
const BOILER: &str = "1134170000312541513000117022000";

/// Writes a workbook: an item sheet with `codes` under the header `code_header` (a code written
/// as a number when `as_number`), and 申请材料, 办理流程 and 常见问题 sheets keyed by the
/// 实施编码 `child_codes`, one set of rows each.
fn linked_workbook(
    path: &Path,
    (code_header, codes, as_number): (&str, &[(&str, &str)], bool),
    child_codes: &[&str],
) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("事项").unwrap();
    write_row(
        ws,
        0,
        &[
            code_header,
            "事项名称",
            "实施主体",
            "办理地点",
            "承诺办结时限",
            "咨询电话",
            "是否收费",
        ],
    );
    for (r, (code, name)) in codes.iter().enumerate() {
        let r = r as u32 + 1;
        write_row(
            ws,
            r,
            &[
                code,
                name,
                "池州市市场监督管理局",
                "池州市长江中路89号池州市政务服务中心二楼8号窗口",
                "10个工作日",
                "0566-2021156",
                "否",
            ],
        );
        if as_number && code.bytes().all(|b| b.is_ascii_digit()) {
            ws.write_number(r, 0, code.parse::<f64>().unwrap()).unwrap();
        }
    }
    let ws = wb.add_worksheet().set_name("申请材料").unwrap();
    write_row(ws, 0, &["实施编码", "材料名称", "来源渠道", "份数"]);
    for (r, code) in child_codes.iter().enumerate() {
        write_row(ws, r as u32 + 1, &[code, "营业执照", "申请人自备", "1"]);
    }
    let ws = wb.add_worksheet().set_name("办理流程").unwrap();
    write_row(
        ws,
        0,
        &["实施编码", "环节名称", "办理人", "岗位职责", "办理时限"],
    );
    for (r, code) in child_codes.iter().enumerate() {
        write_row(
            ws,
            r as u32 + 1,
            &[
                code,
                "受理",
                "窗口受理人员",
                "对申请材料进行审查，作出受理决定",
                "10个工作日",
            ],
        );
    }
    let ws = wb.add_worksheet().set_name("常见问题").unwrap();
    write_row(ws, 0, &["实施编码", "问题", "解答"]);
    let mut r = 1;
    for code in child_codes {
        for (q, a) in FAQS {
            write_row(ws, r, &[code, q, a]);
            r += 1;
        }
    }
    wb.save(path).unwrap();
}

/// Should not trip M01, P01 or Q01 (「事项未列出申请材料」「未提供办理流程」「未提供常见问题」) on
/// items keyed by 业务办理项编码 whose child sheets are keyed by 实施编码: each child code begins
/// exactly one item's code, and its rows go to that item.
#[test]
fn child_rows_keyed_by_the_implementation_code_link_to_business_codes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("池州市市场监督管理局.xlsx");
    let food = format!("{FOOD}01");
    let boiler = format!("{BOILER}01");
    linked_workbook(
        &path,
        (
            "业务办理项编码",
            &[
                (&food, "食品经营许可（新办）"),
                (&boiler, "特种设备使用登记"),
            ],
            false,
        ),
        &[FOOD, BOILER],
    );

    let r = read(std::slice::from_ref(&path));
    for item in &r.items {
        assert_eq!(
            (item.materials.len(), item.steps.len(), item.faqs.len()),
            (1, 1, 3),
            "{}",
            item.name
        );
    }
    assert!(
        r.notices
            .iter()
            .all(|n| !n.message.contains("找不到对应事项")),
        "{:?}",
        r.notices
    );
    let report = check_all(&[path]);
    for code in [&food, &boiler] {
        for rule in ["M01", "P01", "Q01"] {
            assert_ne!(outcome(&report, code, rule), Some(Outcome::Fail), "{rule}");
        }
    }
}

/// Should not trip Q01 on any item when no row of the 常见问题 sheet links to an item (its
/// codes are another unit's): the sheet's list is unread for every item, said as an error; the
/// sheets that link are read as before.
#[test]
fn a_child_sheet_whose_codes_link_nothing_leaves_its_list_unread() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("池州市市场监督管理局.xlsx");
    let other = "11341702003178234X4000117035000";
    linked_workbook(
        &path,
        ("实施编码", &[(FOOD, "食品经营许可（新办）")], false),
        &[other],
    );
    let report = check_all(std::slice::from_ref(&path));
    for rule in ["M01", "P01", "Q01"] {
        assert_eq!(
            outcome(&report, FOOD, rule),
            Some(Outcome::NotApplicable),
            "{rule}"
        );
    }
    let said = report
        .notices
        .iter()
        .find(|n| {
            n.message
                .contains("表「常见问题」没有一行能按实施编码关联到事项")
        })
        .expect("the unlinked sheet is said");
    assert_eq!(said.level, NoticeLevel::Error);
    assert!(said.message.contains("不扣分"), "{}", said.message);
}

/// Should not trip M01, P01 or Q01 on items whose 实施编码 Excel turned into numbers: 食品经营许可
/// and 特种设备使用登记 share their first 15 digits, so Excel made one code of both and their
/// child rows cannot be told apart (unread, not empty); 东至县's 食品经营许可 has a code of its own
/// once damaged, and its rows, keyed by the code as published, link to it.
#[test]
fn items_whose_codes_excel_damaged_are_not_charged_for_their_lists() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("池州市事项清单.xlsx");
    let dongzhi = "1134172100321347514000117035000";
    linked_workbook(
        &path,
        (
            "实施编码",
            &[
                (FOOD, "食品经营许可（新办）"),
                (BOILER, "特种设备使用登记"),
                (dongzhi, "食品经营许可（新办）"),
            ],
            true,
        ),
        &[FOOD, BOILER, dongzhi],
    );

    let r = read(std::slice::from_ref(&path));
    let codes: Vec<&str> = r.items.iter().map(|i| i.code.as_str()).collect();
    assert_eq!(
        codes,
        [
            "1134170000312540000000000000000",
            "1134170000312540000000000000000",
            "1134172100321350000000000000000",
        ]
    );
    let report = check_all(&[path]);
    for (i, item) in report.items.iter().enumerate() {
        for rule in ["M01", "P01", "Q01"] {
            let want = if i < 2 {
                Outcome::NotApplicable
            } else {
                Outcome::Pass
            };
            assert_eq!(item.outcomes.get(rule), Some(&want), "{rule} {}", item.name);
        }
    }
    assert_eq!(r.items[2].faqs.len(), 3);
    r.notice(
        "的实施编码已被 Excel 损坏，子表中的申请材料、办理流程、常见问题无法按编码归入这 2 个事项",
        NoticeLevel::Warning,
        &["第2、3行", "不扣分"],
    );
    // Should not trip B04 (「统一社会信用代码校验位错误」「行使层级「0」不是 1–6」「基本编码
    // 「000000000000」…」): the codes are the export's, not the platform's. B04 does not judge
    // them, and the warning on the column says so.
    assert!(r.items.iter().all(|i| i.unread.code));
    for item in &report.items {
        assert_eq!(
            item.outcomes.get("B04"),
            Some(&Outcome::NotApplicable),
            "{}",
            item.name
        );
    }
    assert!(report.findings.iter().all(|f| f.rule != "B04"));
    r.notice(
        "「实施编码」列有 3 个单元格是数字格式",
        NoticeLevel::Warning,
        &[
            "15 位有效数字",
            "无法还原：这些事项的事项编码检查（B04）按“未读取”处理，不扣分",
        ],
    );
}

/// Should trip B04 (「事项编码中的实施主体代码「11341700MB1920036X」…校验位」) on a code written as
/// text with a wrong check character, and pass a right one, as before: codes kept as text are
/// the platform's and are checked in full, beside an item of the same workbook whose code Excel
/// damaged (not judged).
#[test]
fn codes_kept_as_text_are_still_checked_beside_damaged_ones() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("池州市事项清单.xlsx");
    let wrong = "11341700MB1920036X3000707016000";
    linked_workbook(
        &path,
        (
            "实施编码",
            &[
                (FOOD, "食品经营许可（新办）"),
                (FIRST_REGISTRATION, "不动产首次登记"),
                (wrong, "不动产变更登记"),
            ],
            true,
        ),
        &[FOOD],
    );
    let report = check_all(&[path]);
    assert_eq!(
        outcome(&report, "1134170000312540000000000000000", "B04"),
        Some(Outcome::NotApplicable)
    );
    assert_eq!(
        outcome(&report, FIRST_REGISTRATION, "B04"),
        Some(Outcome::Pass)
    );
    assert_eq!(outcome(&report, wrong, "B04"), Some(Outcome::Fail));
}

/// Should not trip B04 (「事项编码中的统一社会信用代码「113417000031254151」与实施主体编码
/// 「113417000031254000」不一致」) nor B15 (「监督电话缺少区号: "56612345"」): 池州市市场监督管理局's
/// workbook keeps its all-digit 实施主体编码 and, on the first item, its 实施编码 as numbers
/// (Excel kept 15 digits), and the hotline `0566-12345` as the number `56612345`. The hotline
/// gets its 0 back; the damaged codes are not judged (the first item's code not at all, the
/// second item's code not against its damaged 实施主体编码), and the warnings say so.
#[test]
fn codes_and_the_hotline_kept_as_numbers_charge_nobody() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("池州市市场监督管理局事项.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("事项").unwrap();
    write_row(
        ws,
        0,
        &[
            "实施编码",
            "事项名称",
            "基本编码",
            "实施主体",
            "实施主体编码",
            "办理地点",
            "咨询电话",
            "监督投诉电话",
        ],
    );
    for (r, (code, name, basic)) in [
        (FOOD, "食品经营许可（新办）", "000117035000"),
        (BOILER, "特种设备使用登记", "000117022000"),
    ]
    .into_iter()
    .enumerate()
    {
        let r = r as u32 + 1;
        write_row(
            ws,
            r,
            &[
                code,
                name,
                basic,
                "池州市市场监督管理局",
                "",
                "池州市长江中路89号池州市政务服务中心二楼8号窗口",
                "0566-2021156",
                "0566-12345",
            ],
        );
        ws.write_number(r, 4, 113_417_000_031_254_151.0).unwrap();
    }
    ws.write_number(1, 0, FOOD.parse::<f64>().unwrap()).unwrap();
    ws.write_number(1, 7, 56_612_345.0).unwrap();
    wb.save(&path).unwrap();

    let r = read(std::slice::from_ref(&path));
    assert_eq!(r.items.len(), 2, "{:?}", r.notices);
    let (food, boiler) = (&r.items[0], &r.items[1]);
    assert_eq!(food.supervise_phone, "056612345");
    assert!(food.unread.code && food.unread.subject_code);
    assert!(!boiler.unread.code && boiler.unread.subject_code && !boiler.unread.basic_code);
    r.notice(
        "「监督投诉电话」列有 1 个单元格",
        NoticeLevel::Warning,
        &["第 2 行", "「56612345」按「056612345」检查"],
    );
    r.notice(
        "「实施主体编码」列有 2 个单元格",
        NoticeLevel::Warning,
        &["不拿实施编码与这些实施主体编码比对，不扣分"],
    );

    let mut records = Vec::new();
    read_inputs(std::slice::from_ref(&path), &mut |r| records.push(r));
    let report = check_records(
        records,
        &RuleSet::only(&["B04", "B15"]),
        &CheckContext::default(),
        RunInfo::default(),
    );
    let found: Vec<&str> = report.findings.iter().map(|f| f.message.as_str()).collect();
    assert!(found.is_empty(), "{found:?}");
    let outcomes: Vec<(Option<Outcome>, Option<Outcome>)> = report
        .items
        .iter()
        .map(|i| {
            (
                i.outcomes.get("B04").copied(),
                i.outcomes.get("B15").copied(),
            )
        })
        .collect();
    assert_eq!(
        outcomes,
        [
            (Some(Outcome::NotApplicable), Some(Outcome::Pass)),
            (Some(Outcome::Pass), Some(Outcome::Pass)),
        ]
    );
}

/// h35: CSV files of items and 办理流程 without the 申请材料 file charged every item M01
/// (「事项未列出申请材料」); without 办理流程 they left P01/P02 unchecked. Now M01–M08 are
/// unchecked too. The items file alone (no child file at all) still charges M01, and an item the
/// 申请材料 file gives no row still lists none.
#[test]
fn child_files_without_the_materials_file_leave_materials_unchecked() {
    let dir = tempfile::tempdir().unwrap();
    let items = write_csv(
        dir.path(),
        "事项.csv",
        &[
            "实施编码",
            "事项名称",
            "办理地点",
            "咨询方式",
            "承诺办结时限",
        ],
        &[
            vec![
                CODE_A,
                "食品经营许可（新办）",
                "池州市长江中路89号",
                "0566-2021156",
                "10个工作日",
            ],
            vec![
                CODE_B,
                "食品经营许可（变更）",
                "池州市长江中路89号",
                "0566-2021156",
                "10个工作日",
            ],
        ],
    );
    let steps = write_csv(
        dir.path(),
        "办理流程.csv",
        &["实施编码", "环节名称", "办理人", "办理时限"],
        &[
            vec![CODE_A, "受理", "窗口受理人员", "1个工作日"],
            vec![CODE_B, "受理", "窗口受理人员", "1个工作日"],
        ],
    );
    let report = check_all(&[items.clone(), steps.clone()]);
    for code in [CODE_A, CODE_B] {
        assert_eq!(outcome(&report, code, "M01"), Some(Outcome::NotApplicable));
        assert!(!errors(&report, code).iter().any(|r| r.starts_with('M')));
    }
    assert!(
        report
            .notices
            .iter()
            .any(|n| n.message.contains("M01–M08 未检查")),
        "{:?}",
        report.notices
    );

    // The items file alone: no child file, so M01 is charged as before.
    let report = check_all(std::slice::from_ref(&items));
    assert!(errors(&report, CODE_A).iter().any(|r| r == "M01"));

    // With a 申请材料 file of 实施编码 and 材料名称 alone, the item it gives no row lists none.
    let materials = write_csv(
        dir.path(),
        "申请材料.csv",
        &["实施编码", "材料名称"],
        &[vec![CODE_A, "食品经营许可申请书"]],
    );
    let report = check_all(&[items, steps, materials]);
    assert!(!errors(&report, CODE_A).iter().any(|r| r == "M01"));
    assert!(errors(&report, CODE_B).iter().any(|r| r == "M01"));
}
