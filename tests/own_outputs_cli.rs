//! The tool's own files left among the exports — fix lists (as written and as a unit sends one
//! back), findings.csv, a sample list, a JSON report — are skipped with a warning that names each,
//! not read as items: a fix list read as an export adds one bogus item per finding, each failing
//! nearly every rule. A nightly run with one in its folder still counts as having read its input.

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::PredicateBooleanExt;
use predicates::str::contains;
use zwfw_audit::report::{self, ItemStatus, Report};
use zwfw_audit::source::NoticeLevel;

fn bin(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("zwfw-audit").unwrap();
    cmd.current_dir(dir);
    cmd
}

/// The notice the run gave about the file whose name ends with `name`.
fn notice_for<'r>(report: &'r Report, name: &str) -> &'r zwfw_audit::source::Notice {
    report
        .notices
        .iter()
        .find(|n| n.provenance.source.ends_with(name))
        .unwrap_or_else(|| panic!("no notice for {name}: {:#?}", report.notices))
}

fn read_report(path: &Path) -> Report {
    report::json::read(&std::fs::read_to_string(path).unwrap()).unwrap()
}

const EXPORT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/exports/sample.xlsx");

/// The files of the tool's own that go into the exports folder, with the export itself.
const OWN: [&str; 6] = [
    "整改清单-全部.xlsx",
    "整改清单-贵池区.xlsx",
    "findings.csv",
    "report.json",
    "抽样清单.xlsx",
    "抽样清单.csv",
];

#[test]
fn the_tools_own_files_among_the_exports_are_skipped_and_named() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    bin(d)
        .args(["check", EXPORT, "-o", "first", "--run-id", "r1", "-q"])
        .assert()
        .code(1);
    bin(d)
        .args(["sample", "first/report.json", "--seed", "20261128", "-q"])
        .args(["-o", "first/抽样清单"])
        .assert()
        .success();
    let exports = d.join("导出");
    std::fs::create_dir(&exports).unwrap();
    std::fs::copy(EXPORT, exports.join("sample.xlsx")).unwrap();
    for name in OWN {
        std::fs::copy(d.join("first").join(name), exports.join(name)).unwrap();
    }

    bin(d)
        .args(["check", "导出", "-o", "again", "--run-id", "r2", "-q"])
        .args(["--format", "json"])
        .assert()
        .code(1);
    let first = read_report(&d.join("first/report.json"));
    let again = read_report(&d.join("again/report.json"));
    assert_eq!(again.items.len(), first.items.len());
    assert_eq!(again.findings.len(), first.findings.len());
    for name in OWN {
        let skipped = notice_for(&again, name);
        assert_eq!(skipped.level, NoticeLevel::Warning, "{name}");
        assert!(
            skipped.message.contains("zwfw-audit 生成的") && skipped.message.contains("已跳过"),
            "{name}: {}",
            skipped.message
        );
    }

    // Given nothing but the tool's files, the check stops and says why.
    bin(d)
        .args([
            "check",
            "first/整改清单-全部.xlsx",
            "first/report.json",
            "-o",
            "x",
        ])
        .assert()
        .code(2)
        .stderr(contains("没有读到任何事项"))
        .stderr(contains(
            "整改清单-全部.xlsx — 这是 zwfw-audit 生成的整改清单",
        ))
        .stderr(contains("report.json — 这是 zwfw-audit 生成的检查报告"));

    // A night with a fix list in its folder read all of its input: it is a baseline.
    let audit = |id: &str, at: &str| {
        bin(d)
            .args(["audit", "--input", "导出", "--run-id", id, "--at", at])
            .assert()
            .success()
    };
    audit("n1", "2026-11-20T02:00:00+08:00");
    audit("n2", "2026-11-21T02:00:00+08:00")
        .stdout(contains("输入不完整").not())
        .stdout(contains("对比运行 n1"));
}

/// `links -o 导出/链接检查.json` leaves the link check's JSON beside the exports (its
/// 链接问题清单.xlsx is already known). Read as an export it became one item with every element
/// empty, under （未知部门）, failing nearly every rule each night; it is skipped and named instead.
#[test]
fn the_link_checks_json_among_the_exports_is_skipped_not_read_as_an_item() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let exports = d.join("导出");
    std::fs::create_dir(&exports).unwrap();
    std::fs::copy(EXPORT, exports.join("sample.xlsx")).unwrap();
    // One item whose attachment is on a host no allow-list names: nothing is fetched.
    let item = serde_json::json!([{
        "name": "食品小作坊登记",
        "code": "11341702003178234X4340117036000",
        "subject": "贵池区市场监督管理局",
        "region_code": "341702",
        "result_name": "食品小作坊登记证",
        "result_sample": "http://127.0.0.1:9/attachment/2024/食品小作坊登记证（样本）.pdf",
        "materials": [{
            "name": "食品小作坊登记申请表",
            "blank_form": "http://127.0.0.1:9/attachment/2024/食品小作坊登记申请表.docx"
        }]
    }]);
    std::fs::write(d.join("小作坊.json"), item.to_string()).unwrap();
    bin(d)
        .args(["links", "小作坊.json", "-q", "-o", "导出/链接检查.json"])
        .assert()
        .success();
    assert!(exports.join("链接检查.json").is_file());
    assert!(exports.join("链接问题清单.xlsx").is_file());

    bin(d)
        .args(["check", "导出", "-o", "out", "-q", "--format", "json"])
        .assert()
        .code(1);
    let report = read_report(&d.join("out/report.json"));
    assert_eq!(report.items.len(), 36, "only the export's items");
    assert!(
        report.items.iter().all(|i| !i.code.trim().is_empty()),
        "no empty item read from the link check's JSON"
    );
    for name in ["链接检查.json", "链接问题清单.xlsx"] {
        let skipped = notice_for(&report, name);
        assert_eq!(skipped.level, NoticeLevel::Warning, "{name}");
        assert!(
            skipped.message.contains("zwfw-audit") && skipped.message.contains("已跳过"),
            "{name}: {}",
            skipped.message
        );
    }
}

/// Should trip the JSON reader's notice: a JSON object that holds nothing of an item (a
/// settings file) is said and not read as one item with every element missing, which failed
/// nearly every rule under （未知部门）. A platform's wrapped answer is read from the array inside
/// it, and one holding a single object under `data` (a detail endpoint's) is read as that item,
/// with a note. An item saved as one object is still read.
#[test]
fn a_json_object_that_is_not_an_item_is_said_not_read_as_one() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let exports = d.join("导出");
    std::fs::create_dir(&exports).unwrap();
    std::fs::copy(EXPORT, exports.join("sample.xlsx")).unwrap();
    let wrapped = serde_json::json!({
        "code": 200,
        "msg": "操作成功",
        "data": {"total": 1, "list": [{"事项名称": "食品小作坊登记", "实施编码": "11341702003178234X4340117036000", "实施主体": "贵池区市场监督管理局"}]}
    });
    std::fs::write(exports.join("接口返回.json"), wrapped.to_string()).unwrap();
    let wrapped_one = serde_json::json!({
        "code": 200,
        "data": {"事项名称": "个体工商户登记", "实施编码": "11341702003178234X4000117040000"}
    });
    std::fs::write(exports.join("接口返回-单个.json"), wrapped_one.to_string()).unwrap();
    std::fs::write(
        exports.join("设置.json"),
        r#"{"allowed_hosts": ["zwfw.chizhou.gov.cn"], "timeout_secs": 20}"#,
    )
    .unwrap();
    let one_item = serde_json::json!({
        "name": "食品小作坊登记",
        "code": "11341702003178234X4340117035000",
        "subject": "贵池区市场监督管理局",
        "region_code": "341702"
    });
    std::fs::write(exports.join("一个事项.json"), one_item.to_string()).unwrap();

    bin(d)
        .args(["check", "导出", "-o", "out", "-q", "--format", "json"])
        .assert()
        .code(1);
    let report = read_report(&d.join("out/report.json"));
    assert_eq!(
        report.items.len(),
        39,
        "the export's 36 items, the one saved alone, the one inside the wrapped answer, and \
         the wrapped single object"
    );
    let from = |file: &str| -> Vec<_> {
        report
            .items
            .iter()
            .filter(|i| i.provenance.source.ends_with(file))
            .collect()
    };
    // The wrapped answer's array is read, and the file says where its items were.
    let inside = from("接口返回.json");
    assert_eq!(inside.len(), 1);
    assert_eq!(inside[0].code, "11341702003178234X4340117036000");
    assert_eq!(inside[0].status, ItemStatus::Checked);
    let unwrapped = notice_for(&report, "接口返回.json");
    assert_eq!(unwrapped.level, NoticeLevel::Info);
    assert!(
        unwrapped.message.contains("事项在「data.list」里"),
        "{}",
        unwrapped.message
    );
    // One object under `data`, as a detail endpoint answers: read as its item (it was
    // unreadable, with advice to re-export that a clerk cannot follow), and said to be there.
    let single = from("接口返回-单个.json");
    assert_eq!(single.len(), 1);
    assert_eq!(single[0].code, "11341702003178234X4000117040000");
    assert_eq!(single[0].status, ItemStatus::Checked);
    let unwrapped = notice_for(&report, "接口返回-单个.json");
    assert_eq!(unwrapped.level, NoticeLevel::Info);
    assert!(
        unwrapped
            .message
            .contains("事项在「data」里：已按其中的一个事项读取"),
        "{}",
        unwrapped.message
    );
    assert!(
        report
            .items
            .iter()
            .all(|i| !i.code.trim().is_empty() || i.reason.is_some()),
        "no empty item read from a JSON object that is not one"
    );
    // The settings file holds nothing of an item: said, not read.
    let notice = notice_for(&report, "设置.json");
    assert_eq!(notice.level, NoticeLevel::Error);
    assert!(
        notice.message.contains("不是事项数据")
            && notice.message.contains("allowed_hosts、timeout_secs"),
        "{}",
        notice.message
    );
}
