//! Workbooks as platform and county templates export them: step time limits as numbers with the
//! unit in the header or in a unit column, a 收费 sheet with only its header, the record's own
//! dates (更新时间), 网办深度 as a number code, and one 实施编码 in two rows or two workbooks.
//! What the reader makes of them, and what P01/P02 then say.

mod common {
    pub mod read;
}

use std::path::{Path, PathBuf};

use common::read::{Read, read};
use rust_xlsxwriter::{Workbook, Worksheet};
use zwfw_audit::model::{Item, Outcome};
use zwfw_audit::rules::{CheckContext, RuleSet};
use zwfw_audit::source::NoticeLevel;

const CODE: &str = "11341700MB181000583000110000000";
const NAME: &str = "食品经营许可";
const SUBJECT: &str = "池州市市场监督管理局";

/// One cell: text, or a number as a platform's template stores it.
#[derive(Clone, Copy)]
enum Cell<'a> {
    T(&'a str),
    N(f64),
}
use Cell::{N, T};

fn write_row(ws: &mut Worksheet, r: u32, cells: &[Cell<'_>]) {
    for (c, cell) in cells.iter().enumerate() {
        match *cell {
            T("") => {}
            T(text) => {
                ws.write_string(r, c as u16, text).unwrap();
            }
            N(n) => {
                ws.write_number(r, c as u16, n).unwrap();
            }
        }
    }
}

fn texts<'a>(cells: &[&'a str]) -> Vec<Cell<'a>> {
    cells.iter().map(|c| T(c)).collect()
}

/// The 事项基本信息 header and row of 食品经营许可 (承诺 5个工作日, 网办深度 `depth`), with the
/// extra columns `more` (header, value) at the end.
fn item_sheet(ws: &mut Worksheet, depth: Cell<'_>, more: &[(&str, Cell<'_>)]) {
    let mut header = texts(&[
        "事项名称",
        "实施编码",
        "实施主体",
        "办件类型",
        "法定办结时限",
        "承诺办结时限",
        "网上办理深度",
        "受理地点",
        "咨询电话",
    ]);
    let mut row = vec![
        T(NAME),
        T(CODE),
        T(SUBJECT),
        T("承诺件"),
        T("20个工作日"),
        T("5个工作日"),
        depth,
        T("池州市贵池区长江中路89号池州市政务服务中心二楼3号窗口"),
        T("0566-2021100"),
    ];
    for (h, v) in more {
        header.push(T(h));
        row.push(*v);
    }
    write_row(ws, 0, &header);
    write_row(ws, 1, &row);
}

/// The 办理流程 steps of 食品经营许可 (网上申请 by the applicant, then 受理 … 办结), each with its
/// time limit cells `limits` (the applicant's step has none) under the limit headers `limit`.
fn step_sheet(ws: &mut Worksheet, limit: &[&str], limits: &[&[Cell<'_>]; 4]) {
    let mut header = texts(&["实施编码", "环节名称", "办理人", "岗位职责"]);
    header.extend(texts(limit));
    write_row(ws, 0, &header);
    write_row(
        ws,
        1,
        &texts(&[
            CODE,
            "网上申请",
            "申请人",
            "登录安徽政务服务网或皖事通APP在线填写申请表并上传申请材料",
        ]),
    );
    let steps = [
        (
            "受理",
            "窗口受理岗",
            "查验申请材料是否齐全、符合法定形式，当场作出受理或不予受理决定",
        ),
        (
            "审查",
            "业务科室审核岗",
            "对申请材料的实质内容进行审查，提出审查意见",
        ),
        ("决定", "分管负责人", "根据审查意见作出准予或不予许可的决定"),
        (
            "办结",
            "窗口发证岗",
            "制作并送达办理结果，告知申请人领取方式",
        ),
    ];
    for (r, ((name, handler, duties), cells)) in steps.iter().zip(limits).enumerate() {
        let mut row = texts(&[CODE, name, handler, duties]);
        row.extend_from_slice(cells);
        write_row(ws, r as u32 + 2, &row);
    }
}

/// A workbook of 食品经营许可 with its steps (`step_sheet`'s arguments).
fn with_steps(dir: &Path, limit: &[&str], limits: &[&[Cell<'_>]; 4]) -> PathBuf {
    let path = dir.join("池州市市场监督管理局实施清单.xlsx");
    let mut wb = Workbook::new();
    item_sheet(
        wb.add_worksheet().set_name("事项基本信息").unwrap(),
        T("三级"),
        &[],
    );
    step_sheet(
        wb.add_worksheet().set_name("办理流程").unwrap(),
        limit,
        limits,
    );
    wb.save(&path).unwrap();
    path
}

/// The outcome of `rule` on the only item read, and the rule's messages.
fn outcome(item: &Item, rule: &str) -> (Outcome, Vec<String>) {
    let result = RuleSet::only(&[rule]).check_item(item, SUBJECT, &CheckContext::default());
    (
        result.outcome(rule).unwrap(),
        result.findings.iter().map(|f| f.message.clone()).collect(),
    )
}

fn only_item(r: &Read) -> &Item {
    assert_eq!(r.items.len(), 1, "{:#?}", r.notices);
    &r.items[0]
}

/// Should not trip P01 (「环节「受理」的办理时限无法识别: "1"」): a county template keeps 环节时限
/// as numbers, 1 + 2 + 1 + 1 under 「环节时限（工作日）」, which add up to the promised 5个工作日;
/// the same with 「办理时限（工作日）」 and 「办理时限/工作日」, and with the numbers stored as text.
#[test]
fn step_limits_under_a_header_naming_the_working_day_add_up_to_the_promise() {
    let dir = tempfile::tempdir().unwrap();
    let numbers: [&[Cell<'_>]; 4] = [&[N(1.0)], &[N(2.0)], &[N(1.0)], &[N(1.0)]];
    let as_text: [&[Cell<'_>]; 4] = [&[T("1")], &[T("2")], &[T("1")], &[T("1")]];
    for header in [
        "环节时限（工作日）",
        "办理时限（工作日）",
        "办理时限/工作日",
    ] {
        for limits in [&numbers, &as_text] {
            let r = read(&[with_steps(dir.path(), &[header], limits)]);
            let item = only_item(&r);
            let read: Vec<(&str, &str)> = item
                .steps
                .iter()
                .map(|s| (s.time_limit.as_str(), s.time_limit_unit.as_str()))
                .collect();
            assert_eq!(
                read,
                [
                    ("", ""),
                    ("1", "工作日"),
                    ("2", "工作日"),
                    ("1", "工作日"),
                    ("1", "工作日")
                ],
                "{header}"
            );
            assert_eq!(outcome(item, "P01"), (Outcome::Pass, vec![]), "{header}");
            assert!(
                !r.notices.iter().any(|n| n.message.contains(header)),
                "{header}: {:#?}",
                r.notices
            );
        }
    }
}

/// Should not trip P01 either: 「办理时限」 numbers beside a 「时限单位」 column (or 「环节时限」 and
/// 「环节时限单位」), as the item sheet's 承诺时限 and 承诺时限单位; the unit column is an element,
/// not 「不是可识别的要素」.
#[test]
fn step_limits_with_a_unit_column_add_up_to_the_promise() {
    let dir = tempfile::tempdir().unwrap();
    let day = T("工作日");
    for header in [["办理时限", "时限单位"], ["环节时限", "环节时限单位"]] {
        let limits: [&[Cell<'_>]; 4] = [
            &[N(1.0), day],
            &[N(2.0), day],
            &[N(1.0), day],
            &[T("1"), day],
        ];
        let r = read(&[with_steps(dir.path(), &header, &limits)]);
        let item = only_item(&r);
        assert_eq!(item.steps[1].time_limit_unit, "工作日");
        assert_eq!(outcome(item, "P01"), (Outcome::Pass, vec![]), "{header:?}");
        assert!(
            !r.notices
                .iter()
                .any(|n| n.message.contains("不是可识别的要素")),
            "{header:?}: {:#?}",
            r.notices
        );
    }
}

/// Trips P01 all the same when the steps do not add up: 1 + 3 + 1 + 1 工作日 under
/// 「环节时限（工作日）」 against the promised 5个工作日. Reading the unit makes the sum checkable,
/// it does not make it pass.
#[test]
fn step_limits_read_with_the_header_unit_that_do_not_add_up_fail() {
    let dir = tempfile::tempdir().unwrap();
    let limits: [&[Cell<'_>]; 4] = [&[N(1.0)], &[N(3.0)], &[N(1.0)], &[N(1.0)]];
    let r = read(&[with_steps(dir.path(), &["环节时限（工作日）"], &limits)]);
    let (got, messages) = outcome(only_item(&r), "P01");
    assert_eq!(got, Outcome::Fail);
    assert!(
        messages.iter().any(
            |m| m.contains("合计 6 个工作日（受理 1 + 审查 3 + 决定 1 + 办结 1")
                && m.contains("\"5个工作日\"")
        ),
        "{messages:?}"
    );
}

/// Trips P01 (「环节「受理」的办理时限只有数字，缺少单位（工作日/日）: "1"」): numbers under a plain
/// 「办理时限」 with no unit anywhere are a number of what, as published. The message says what is
/// missing, so the clerk adds the unit and does not rewrite a correct list.
#[test]
fn a_step_limit_of_a_bare_number_without_any_unit_says_the_unit_is_missing() {
    let dir = tempfile::tempdir().unwrap();
    let limits: [&[Cell<'_>]; 4] = [&[N(1.0)], &[N(2.0)], &[N(1.0)], &[N(1.0)]];
    let r = read(&[with_steps(dir.path(), &["办理时限"], &limits)]);
    let item = only_item(&r);
    assert!(item.steps.iter().all(|s| s.time_limit_unit.is_empty()));
    let (got, messages) = outcome(item, "P01");
    assert_eq!(got, Outcome::Fail);
    assert!(
        messages
            .contains(&"环节「受理」的办理时限只有数字，缺少单位（工作日/日）: \"1\"".to_owned()),
        "{messages:?}"
    );
    // A limit that is no number keeps the plain message.
    let limits: [&[Cell<'_>]; 4] = [
        &[T("按规定时限")],
        &[T("2个工作日")],
        &[T("1个工作日")],
        &[T("1个工作日")],
    ];
    let r = read(&[with_steps(dir.path(), &["办理时限"], &limits)]);
    let (_, messages) = outcome(only_item(&r), "P01");
    assert!(
        messages.contains(&"环节「受理」的办理时限无法识别: \"按规定时限\"".to_owned()),
        "{messages:?}"
    );
}

/// Should not trip P01: limits written whole (`1个工作日`) under a header that names the unit are
/// read as written; the header's unit is only for bare numbers.
#[test]
fn step_limits_written_whole_under_a_header_with_a_unit_are_read_as_written() {
    let dir = tempfile::tempdir().unwrap();
    let limits: [&[Cell<'_>]; 4] = [
        &[T("即办")],
        &[T("3个工作日")],
        &[T("1个工作日")],
        &[T("1个工作日")],
    ];
    let r = read(&[with_steps(dir.path(), &["环节时限（工作日）"], &limits)]);
    let item = only_item(&r);
    assert!(item.steps.iter().all(|s| s.time_limit_unit.is_empty()));
    assert_eq!(outcome(item, "P01"), (Outcome::Pass, vec![]));
}

/// h32. Should not trip P01 with 「环节「受理」的办理时限只有数字，缺少单位（工作日/日）: "30"」: a
/// template of 即办 steps keeps their limits in minutes or hours, `30` under 「环节时限（分钟）」,
/// 「办理时限（分钟）」, 「办理时限/分钟」, or beside a 「时限单位」 column of 分钟: read with that
/// unit, they are summed as any limit is (here 0.31 个工作日 against the promised 5, which P01
/// then judges). The other units a header names (小时, 天, 日, 自然日, 个月) are read the same way.
#[test]
fn step_limits_in_minutes_or_hours_take_their_unit_from_the_header_or_column() {
    let dir = tempfile::tempdir().unwrap();
    let numbers: [&[Cell<'_>]; 4] = [&[N(30.0)], &[N(60.0)], &[N(30.0)], &[N(30.0)]];
    let as_text: [&[Cell<'_>]; 4] = [&[T("30")], &[T("60")], &[T("30")], &[T("30")]];
    let read_as_minutes = |messages: &[String]| {
        messages
            .iter()
            .all(|m| !m.contains("缺少单位") && !m.contains("无法识别"))
            && messages.iter().any(|m| m.contains("合计 0.31 个工作日"))
    };
    for (header, unit) in [
        ("环节时限（分钟）", "分钟"),
        ("办理时限（分钟）", "分钟"),
        ("办理时限/分钟", "分钟"),
        ("办理时限（单位：分钟）", "分钟"),
        ("环节时限（小时）", "小时"),
        ("办理时限（天）", "天"),
        ("办理时限（日）", "日"),
        ("办理时限（自然日）", "自然日"),
        ("办理时限（个月）", "个月"),
    ] {
        for limits in [&numbers, &as_text] {
            let r = read(&[with_steps(dir.path(), &[header], limits)]);
            let item = only_item(&r);
            let units: Vec<&str> = item
                .steps
                .iter()
                .skip(1)
                .map(|s| s.time_limit_unit.as_str())
                .collect();
            assert_eq!(units, [unit; 4], "{header}");
            assert_eq!(item.steps[1].time_limit, "30", "{header}");
            assert!(
                !r.notices.iter().any(|n| n.message.contains(header)),
                "{header}: {:#?}",
                r.notices
            );
            if unit == "分钟" {
                let (_, messages) = outcome(item, "P01");
                assert!(read_as_minutes(&messages), "{header}: {messages:?}");
            }
        }
    }
    // 8 + 16 + 8 + 8 hours are the promised 5 working days.
    let hours: [&[Cell<'_>]; 4] = [&[N(8.0)], &[N(16.0)], &[N(8.0)], &[N(8.0)]];
    let r = read(&[with_steps(dir.path(), &["环节时限（小时）"], &hours)]);
    assert_eq!(outcome(only_item(&r), "P01"), (Outcome::Pass, vec![]));
    let minutes = T("分钟");
    for header in [["办理时限", "时限单位"], ["环节时限", "环节时限单位"]] {
        let limits: [&[Cell<'_>]; 4] = [
            &[N(30.0), minutes],
            &[N(60.0), minutes],
            &[N(30.0), minutes],
            &[T("30"), minutes],
        ];
        let r = read(&[with_steps(dir.path(), &header, &limits)]);
        let item = only_item(&r);
        assert_eq!(item.steps[1].time_limit_unit, "分钟", "{header:?}");
        let (_, messages) = outcome(item, "P01");
        assert!(read_as_minutes(&messages), "{header:?}: {messages:?}");
    }
}

/// A workbook of 食品经营许可 whose child sheets are linked by 事项名称 and 实施主体 (the county
/// template has no 实施编码 in them), with a 收费 sheet of `fee_rows` under its header.
fn linked_by_name(dir: &Path, fee_rows: &[&[&str]]) -> PathBuf {
    let path = dir.join("贵池区实施清单.xlsx");
    let mut wb = Workbook::new();
    item_sheet(
        wb.add_worksheet().set_name("事项基本信息").unwrap(),
        T("三级"),
        &[("是否收费", T("否"))],
    );
    let ws = wb.add_worksheet().set_name("申请材料").unwrap();
    write_row(
        ws,
        0,
        &texts(&["事项名称", "实施主体", "材料名称", "来源渠道", "份数"]),
    );
    write_row(
        ws,
        1,
        &texts(&[NAME, SUBJECT, "食品经营许可申请表", "申请人自备", "1"]),
    );
    let ws = wb.add_worksheet().set_name("收费").unwrap();
    write_row(
        ws,
        0,
        &texts(&[
            "事项名称",
            "实施主体",
            "收费项目名称",
            "收费标准",
            "收费依据",
        ]),
    );
    for (r, row) in fee_rows.iter().enumerate() {
        write_row(ws, r as u32 + 1, &texts(row));
    }
    wb.save(&path).unwrap();
    path
}

/// A 收费 sheet with only its header (no item of the file is charged) linked by name: nothing
/// failed to link, so nothing is said about it, and the fees are read as none, not unread.
#[test]
fn an_empty_fee_sheet_linked_by_name_says_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let r = read(&[linked_by_name(dir.path(), &[])]);
    let item = only_item(&r);
    assert!(item.fees.is_empty() && !item.unread.fees);
    assert_eq!(item.materials.len(), 1);
    assert!(
        !r.notices.iter().any(|n| n.message.contains("表「收费」")),
        "{:#?}",
        r.notices
    );
    assert!(
        !r.notices.iter().any(|n| n.level == NoticeLevel::Error),
        "{:#?}",
        r.notices
    );

    // A fee row whose item is not in the file still cannot be linked, and is said so.
    let r = read(&[linked_by_name(
        dir.path(),
        &[&[
            "食品生产许可",
            SUBJECT,
            "食品检验费",
            "按检验项目收取",
            "《食品安全法》",
        ]],
    )]);
    r.notice(
        "表「收费」没有一行能按事项名称和实施主体关联到事项",
        NoticeLevel::Error,
        &["不扣分"],
    );
    assert!(only_item(&r).unread.fees);
}

/// The record's own dates (更新时间, 发布时间, 导出时间) that a platform export adds are no element
/// to check: not listed as unrecognised columns, as 序号 and 备注 are not. A column that may be an
/// element is still listed.
#[test]
fn the_records_own_dates_are_not_listed_as_unrecognised_columns() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("池州市事项清单.xlsx");
    let mut wb = Workbook::new();
    item_sheet(
        wb.add_worksheet().set_name("事项基本信息").unwrap(),
        T("三级"),
        &[
            ("更新时间", T("2024-11-28 16:02:11")),
            ("发布时间", N(45_300.0)),
            ("导出时间", T("2024-11-29")),
        ],
    );
    wb.save(&path).unwrap();
    let r = read(std::slice::from_ref(&path));
    assert!(
        !r.notices
            .iter()
            .any(|n| n.message.contains("不是可识别的要素")),
        "{:#?}",
        r.notices
    );
    assert_eq!(only_item(&r).extra["更新时间"], "2024-11-28 16:02:11");

    let mut wb = Workbook::new();
    item_sheet(
        wb.add_worksheet().set_name("事项基本信息").unwrap(),
        T("三级"),
        &[
            ("更新时间", T("2024-11-28 16:02:11")),
            ("特别程序", T("专家评审，10个工作日")),
        ],
    );
    wb.save(&path).unwrap();
    let r = read(&[path]);
    let n = r.notice("不是可识别的要素", NoticeLevel::Warning, &["「特别程序」"]);
    assert!(!n.message.contains("更新时间"), "{}", n.message);
}

/// A workbook of two items whose 网上办理深度 cells are `depths`.
fn with_depths(dir: &Path, depths: [Cell<'_>; 2]) -> PathBuf {
    let path = dir.join("贵池区事项清单.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("事项基本信息").unwrap();
    write_row(
        ws,
        0,
        &texts(&[
            "事项名称",
            "实施编码",
            "实施主体",
            "网上办理深度",
            "承诺办结时限",
        ]),
    );
    let items = [
        (NAME, CODE),
        ("道路货物运输经营许可", "11341700MB1811489T3000110404000"),
    ];
    for (r, ((name, code), depth)) in items.iter().zip(depths).enumerate() {
        write_row(
            ws,
            r as u32 + 1,
            &[T(name), T(code), T(SUBJECT), depth, T("5个工作日")],
        );
    }
    wb.save(&path).unwrap();
    path
}

/// 网上办理深度 as the code `3` / `4`: not read as a level (platforms number depths differently),
/// so P02 does not apply; a warning names the column, rows and values, so the assessor knows P02
/// was not checked rather than passed.
#[test]
fn a_depth_written_as_a_number_code_is_said_with_its_column_and_rows() {
    let dir = tempfile::tempdir().unwrap();
    let r = read(&[with_depths(dir.path(), [N(3.0), T("4")])]);
    r.notice(
        "的「网上办理深度」列有 2 个单元格只写了数字代码",
        NoticeLevel::Warning,
        &[
            "表「事项基本信息」",
            "第 2、3 行",
            "值「3」「4」",
            "P02",
            "未检查",
        ],
    );
    assert_eq!(r.items[0].online_depth, "3");
    assert_eq!(outcome(&r.items[0], "P02").0, Outcome::NotApplicable);

    // Depths written as levels are read, and not said.
    let r = read(&[with_depths(dir.path(), [T("三级"), T("Ⅳ级（全程网办）")])]);
    assert!(
        !r.notices.iter().any(|n| n.message.contains("网上办理深度")),
        "{:#?}",
        r.notices
    );
}

/// A workbook of 食品经营许可 listed `times` times (the same row copied), its 申请材料 sheet
/// holding `materials` under the code.
fn repeated(path: &Path, times: usize, materials: &[&str]) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("事项基本信息").unwrap();
    write_row(
        ws,
        0,
        &texts(&[
            "事项名称",
            "实施编码",
            "实施主体",
            "办件类型",
            "承诺办结时限",
        ]),
    );
    for r in 1..=times {
        write_row(
            ws,
            r as u32,
            &texts(&[NAME, CODE, SUBJECT, "承诺件", "5个工作日"]),
        );
    }
    let ws = wb.add_worksheet().set_name("申请材料").unwrap();
    write_row(ws, 0, &texts(&["实施编码", "材料名称", "来源渠道"]));
    for (r, m) in materials.iter().enumerate() {
        write_row(ws, r as u32 + 1, &texts(&[CODE, m, "申请人自备"]));
    }
    wb.save(path).unwrap();
}

/// The repeated-code notice says where the child rows went, as the reader put them: in one
/// workbook to the first item of the code; across workbooks each workbook's rows to its own item.
#[test]
fn the_repeated_code_notice_says_where_the_child_rows_went() {
    let dir = tempfile::tempdir().unwrap();
    let one = dir.path().join("池州市实施清单.xlsx");
    repeated(&one, 2, &["食品经营许可申请表", "营业执照"]);
    let r = read(std::slice::from_ref(&one));
    let n = r.notice("重复", NoticeLevel::Warning, &["同一工作簿"]);
    assert!(n.message.contains("归入先出现的一条"), "{}", n.message);
    let counts: Vec<usize> = r.items.iter().map(|i| i.materials.len()).collect();
    assert_eq!(counts, [2, 0]);

    let other = dir.path().join("池州市实施清单（11月29日导出）.xlsx");
    repeated(&one, 1, &["食品经营许可申请表"]);
    repeated(&other, 1, &["食品经营许可申请表", "营业执照"]);
    let r = read(&[one, other]);
    let n = r.notice("重复", NoticeLevel::Warning, &["不同文件"]);
    assert!(n.message.contains("只归入本文件的事项"), "{}", n.message);
    assert!(!n.message.contains("先出现的一条"), "{}", n.message);
    let counts: Vec<usize> = r.items.iter().map(|i| i.materials.len()).collect();
    assert_eq!(counts, [1, 2]);
}
