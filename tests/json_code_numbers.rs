//! JSON exports that write 实施编码, 基本编码 or 实施主体编码 as numbers, not texts (h32). An integer
//! is the code as written, a 31-digit 实施编码 too (read from the file's digits, h34); one in
//! scientific notation lost its tail (damaged: not judged by B04, and said); a 基本编码 loses its
//! leading zeros (given back). As the workbook reader does with codes Excel kept as numbers.

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

/// 池州市市场监督管理局's 食品经营许可 and 特种设备使用登记: an all-digit 统一社会信用代码, so the
/// whole 实施编码 is digits an export may write as a number.
const FOOD: &str = "1134170000312541513000117035000";
const BOILER: &str = "1134170000312541513000117022000";
const SUBJECT_CODE: &str = "113417000031254151";

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// Checks `paths` with B04 only.
fn check_b04(paths: &[PathBuf]) -> Report {
    let mut records = Vec::new();
    read_inputs(paths, &mut |r| records.push(r));
    check_records(
        records,
        &RuleSet::only(&["B04"]),
        &CheckContext::default(),
        RunInfo::default(),
    )
}

fn b04(report: &Report) -> Vec<Option<Outcome>> {
    report
        .items
        .iter()
        .map(|i| i.outcomes.get("B04").copied())
        .collect()
}

/// Should not trip B04 (on the code read as `1.1341700003125415e+30`, and 「事项编码中的基本编码
/// 「000117022000」与事项的基本编码「117022000」不一致」): an interface's array export writes the
/// codes as numbers. The first item's 31-digit 实施编码 is read from its digits in the file,
/// every one (h34, j08_bigint_codes.json: it was read through a float, 「已丢失」, and not
/// judged); both 基本编码 lost their leading zeros (given back and checked); the 18-digit
/// 实施主体编码 is an integer within u64 and is read whole.
#[test]
fn codes_written_as_json_numbers_are_read_whole_or_given_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "池州市市场监督管理局事项.json",
        &format!(
            r#"[
  {{"name": "食品经营许可（新办）", "code": {FOOD}, "basic_code": 117035000,
    "subject": "池州市市场监督管理局", "subject_code": {SUBJECT_CODE}, "level": "市级",
    "item_type": "行政许可", "region_code": "341700"}},
  {{"name": "特种设备使用登记", "code": "{BOILER}", "basic_code": 117022000,
    "subject": "池州市市场监督管理局", "subject_code": {SUBJECT_CODE}, "level": "市级",
    "item_type": "行政许可", "region_code": "341700"}}
]"#
        ),
    );
    let r = read(std::slice::from_ref(&path));
    assert_eq!(r.items.len(), 2, "{:#?}", r.notices);
    let (food, boiler) = (&r.items[0], &r.items[1]);
    assert!(food.unread.is_empty());
    assert_eq!(food.code, FOOD);
    assert_eq!(food.basic_code, "000117035000");
    assert_eq!(food.subject_code, SUBJECT_CODE);
    assert!(boiler.unread.is_empty());
    assert_eq!(boiler.code, BOILER);
    assert_eq!(boiler.basic_code, "000117022000");
    assert_eq!(boiler.subject_code, SUBJECT_CODE);
    assert!(
        !r.notices.iter().any(|n| n.message.contains("「code」")),
        "{:#?}",
        r.notices
    );
    r.notice(
        "2 条事项的「basic_code」（基本编码）写成了数字（第 1、2 条）",
        NoticeLevel::Warning,
        &["开头的 0 已丢失", "「117035000」按「000117035000」检查"],
    );
    let report = check_b04(&[path]);
    assert_eq!(b04(&report), [Some(Outcome::Pass), Some(Outcome::Pass)]);
    assert!(report.findings.is_empty(), "{:#?}", report.findings);
}

/// Should still trip B04: a 31-digit 实施编码 written as a number is read from its digits, so a
/// wrong one (its 基本编码 part `000117035001` not the item's `000117035000`) is judged as the
/// platform publishes it. Should not trip B04 on the same code written as a JSON float
/// (`1.134170000312541513000117035000e30`): read as a float, its digits are not the file's
/// integer, and it is not judged, as before.
#[test]
fn a_long_code_written_as_an_integer_is_judged_as_written() {
    let dir = tempfile::tempdir().unwrap();
    let lines = [
        r#"{"name":"食品经营许可（新办）","code":1134170000312541513000117035001,"basic_code":"000117035000","subject":"池州市市场监督管理局","subject_code":"113417000031254151","level":"市级","region_code":"341700"}"#,
        r#"{"name":"食品经营许可（延续）","code":1.134170000312541513000117035000e30,"basic_code":"000117035000","subject":"池州市市场监督管理局","subject_code":"113417000031254151","level":"市级","region_code":"341700"}"#,
    ];
    let path = write(dir.path(), "事项.ndjson", &(lines.join("\n") + "\n"));
    let r = read(std::slice::from_ref(&path));
    assert_eq!(r.items.len(), 2, "{:#?}", r.notices);
    assert_eq!(r.items[0].code, "1134170000312541513000117035001");
    assert!(r.items[0].unread.is_empty() && r.items[1].unread.code);
    r.notice(
        "1 条事项的「code」（实施编码）写成了数字（第 2 行）",
        NoticeLevel::Warning,
        &["15–17 位有效数字", "无法还原"],
    );
    let report = check_b04(&[path]);
    assert_eq!(
        b04(&report),
        [Some(Outcome::Fail), Some(Outcome::NotApplicable)]
    );
}

/// Should not trip B04 on NDJSON lines whose 实施编码 is a number in scientific notation
/// (`1.13417E+30`, as a sheet's cell turned JSON has it) or a text in it; a 实施主体编码 written as
/// a float (`1.1341700003125415e17`: past 2^53, digits lost) is not compared with the code.
/// Should still trip B04 on the third line, whose codes are texts and whose 基本编码 written as
/// an integer is exact and does not match the code's: an exact number is what the platform
/// publishes.
#[test]
fn codes_in_scientific_notation_are_damaged_and_exact_numbers_still_judged() {
    let dir = tempfile::tempdir().unwrap();
    let lines = [
        r#"{"name":"食品经营许可（新办）","code":1.13417E+30,"basic_code":"000117035000","subject":"池州市市场监督管理局","level":"市级","region_code":"341700"}"#.to_owned(),
        r#"{"name":"食品经营许可（变更）","code":"1.13417E+30","subject":"池州市市场监督管理局","level":"市级","region_code":"341700"}"#.to_owned(),
        format!(
            r#"{{"name":"特种设备使用登记","code":"{BOILER}","basic_code":111301009001,"subject":"池州市市场监督管理局","subject_code":1.1341700003125415e17,"level":"市级","region_code":"341700"}}"#
        ),
    ];
    let path = write(dir.path(), "事项.ndjson", &(lines.join("\n") + "\n"));
    let r = read(std::slice::from_ref(&path));
    assert_eq!(r.items.len(), 3, "{:#?}", r.notices);
    assert!(r.items[0].unread.code && r.items[1].unread.code);
    let boiler = &r.items[2];
    assert!(!boiler.unread.code && boiler.unread.subject_code && !boiler.unread.basic_code);
    assert_eq!(boiler.basic_code, "111301009001");
    r.notice(
        "2 条事项的「code」（实施编码）写成了数字（第 1、2 行）",
        NoticeLevel::Warning,
        &["「食品经营许可（新办）」的「1.13417e+30」"],
    );
    r.notice(
        "1 条事项的「subject_code」（实施主体编码）写成了数字（第 3 行）",
        NoticeLevel::Warning,
        &["不拿实施编码与这些实施主体编码比对，不扣分"],
    );
    assert!(
        !r.notices.iter().any(|n| n.message.contains("basic_code")),
        "{:#?}",
        r.notices
    );
    let report = check_b04(&[path]);
    assert_eq!(
        b04(&report),
        [
            Some(Outcome::NotApplicable),
            Some(Outcome::NotApplicable),
            Some(Outcome::Fail)
        ]
    );
    let found: Vec<&str> = report.findings.iter().map(|f| f.message.as_str()).collect();
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].contains("基本编码「000117022000」与事项的基本编码「111301009001」不一致"),
        "{found:?}"
    );
}

/// Codes written as texts, as nearly every export has them, say nothing and are judged as
/// written: a 12-digit 基本编码 and an all-digit 实施编码 among them.
#[test]
fn codes_written_as_texts_are_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "事项.json",
        &format!(
            r#"{{"items": [{{"name": "食品经营许可（新办）", "code": "{FOOD}", "basic_code": "000117035000",
    "subject": "池州市市场监督管理局", "subject_code": "{SUBJECT_CODE}", "level": "市级",
    "item_type": "行政许可", "region_code": "341700"}}]}}"#
        ),
    );
    let r = read(std::slice::from_ref(&path));
    assert_eq!(r.items.len(), 1, "{:#?}", r.notices);
    assert!(r.items[0].unread.is_empty());
    assert!(
        !r.notices.iter().any(|n| n.message.contains("写成了数字")),
        "{:#?}",
        r.notices
    );
    assert_eq!(b04(&check_b04(&[path])), [Some(Outcome::Pass)]);
}
