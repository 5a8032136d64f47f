//! Unit tests of the sheet assembly on small in-memory sheets.

use super::absent::NOT_CARRIED;
use super::notices::{NO_MATERIAL_SHEET, column_letters};
use super::*;
use crate::config::Labels;
use crate::model::{Item, Provenance};
use crate::source::{Notice, NoticeLevel, Record};

pub(super) fn sheet(name: &str, rows: &[&[&str]]) -> Sheet {
    Sheet {
        source: "导出.xlsx".into(),
        name: Some(name.into()),
        first_row: 1,
        rows: rows
            .iter()
            .map(|r| r.iter().map(|c| (*c).to_owned()).collect())
            .collect(),
        long_numbers: Vec::new(),
        uncomputed: Uncomputed::default(),
    }
}

/// The items and notices of `sheets`, but for the warnings that there is no 申请材料 sheet, and
/// no 办理流程, 常见问题 … table or columns: most of these small workbooks have none, and
/// `tests/readers.rs` and `tests/unread_lists.rs` hold those warnings.
pub(super) fn assemble_all(sheets: &[Sheet]) -> (Vec<Item>, Vec<Notice>) {
    let (mut items, mut notices) = (Vec::new(), Vec::new());
    assemble(sheets.to_vec(), &Labels::default(), &mut |r| match r {
        Record::Item(i) => items.push(*i),
        Record::Notice(n)
            if n.message.starts_with(NO_MATERIAL_SHEET) || n.message.contains(NOT_CARRIED) => {}
        Record::Notice(n) => notices.push(n),
        Record::Unreadable(_) => panic!("sheets give items or notices"),
    });
    (items, notices)
}

pub(super) const CODE: &str = "1134170000312541513000117035000";
pub(super) const CODE_2: &str = "1134170000312541513000117036000";

#[test]
fn sheets_are_recognised_by_headers_not_names_or_order() {
    let faq = sheet(
        "Sheet1",
        &[
            &["事项编码", "常见问题", "解答"],
            &[CODE, "许可证有效期多久？", "有效期为5年。"],
        ],
    );
    let items = sheet(
        "Sheet2",
        &[
            &["池州市政务服务事项清单", "", ""],
            &["", "", ""],
            &[
                "实施 编码",
                "事项名称：",
                "承诺期限（工作日）",
                "办理地点",
                "咨询方式",
            ],
            &[
                CODE,
                "食品经营许可（新办）",
                "10个工作日",
                "池州市长江中路89号8号窗口",
                "0566-2021156",
            ],
        ],
    );
    let (got, notices) = assemble_all(&[faq, items]);
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].promised_limit, "10个工作日");
    assert_eq!(
        got[0].provenance,
        Provenance::sheet_row("导出.xlsx", "Sheet2", 4)
    );
    assert_eq!(got[0].faqs[0].answer, "有效期为5年。");
    assert_eq!(
        got[0].faqs[0].provenance,
        Provenance::sheet_row("导出.xlsx", "Sheet1", 2)
    );
}

#[test]
fn a_child_sheet_repeating_item_columns_stays_a_child_sheet() {
    let items = sheet(
        "事项",
        &[
            &["实施编码", "事项名称", "实施主体", "办理地点"],
            &[
                CODE,
                "食品经营许可（新办）",
                "池州市市场监督管理局",
                "池州市长江中路89号8号窗口",
            ],
        ],
    );
    let fees = sheet(
        "收费",
        &[
            &[
                "实施编码",
                "事项名称",
                "实施主体",
                "行政区划",
                "收费项目",
                "收费标准",
            ],
            &[
                CODE,
                "食品经营许可（新办）",
                "池州市市场监督管理局",
                "池州市",
                "工本费",
                "10元/本",
            ],
        ],
    );
    let (got, notices) = assemble_all(&[items, fees]);
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(got.len(), 1, "the fee sheet is not a second item sheet");
    assert_eq!(got[0].fees[0].standard, "10元/本");
}

#[test]
fn a_workbook_without_item_sheet_is_one_error() {
    let steps = sheet(
        "流程",
        &[
            &["实施编码", "环节名称", "办理人", "办理时限"],
            &[CODE, "受理", "窗口受理人员", "1个工作日"],
            &[CODE, "审查", "审核人员", "6个工作日"],
        ],
    );
    let (got, notices) = assemble_all(&[steps]);
    assert!(got.is_empty());
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert_eq!(notices[0].level, NoticeLevel::Error);
    assert!(
        notices[0].message.contains("没有找到事项表") && notices[0].message.contains("表「流程」")
    );
}

#[test]
fn merged_code_cells_fill_down_in_child_sheets() {
    let items = sheet(
        "事项",
        &[
            &["实施编码", "事项名称", "实施主体", "办理地点", "承诺时限"],
            &[
                CODE,
                "食品经营许可（新办）",
                "池州市市场监督管理局",
                "池州市长江中路89号8号窗口",
                "10个工作日",
            ],
        ],
    );
    let steps = sheet(
        "流程",
        &[
            &["实施编码", "环节名称", "办理人", "办理时限"],
            &[CODE, "受理", "窗口受理人员", "1个工作日"],
            &["", "审查", "审核人员", "6个工作日"],
            &["", "", "", ""],
            &["", "决定", "分管负责人", "2个工作日"],
        ],
    );
    let (got, notices) = assemble_all(&[items, steps]);
    assert!(notices.is_empty(), "{notices:?}");
    let names: Vec<&str> = got[0].steps.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["受理", "审查", "决定"]);
    assert_eq!(got[0].steps[2].provenance.row, Some(5));
}

#[test]
fn repeated_columns_and_unknown_columns_are_kept_as_extra() {
    let items = sheet(
        "事项",
        &[
            &[
                "实施编码",
                "事项名称",
                "承诺办结时限",
                "承诺时限",
                "办理地点",
                "实施主体",
                "经办人",
            ],
            &[
                CODE,
                "食品经营许可（新办）",
                "10个工作日",
                "10日",
                "池州市长江中路89号8号窗口",
                "池州市市场监督管理局",
                "张三",
            ],
        ],
    );
    let (got, _) = assemble_all(&[items]);
    assert_eq!(got[0].promised_limit, "10个工作日");
    assert_eq!(
        got[0].extra.get("承诺时限").map(String::as_str),
        Some("10日")
    );
    assert_eq!(got[0].extra.get("经办人").map(String::as_str), Some("张三"));
}

/// A CSV saved from Excel after double-clicking it: the codes are scientific notation. The
/// warning names the column and its rows; the items are still read.
#[test]
fn codes_in_scientific_notation_are_one_warning_per_column() {
    let items = sheet(
        "事项",
        &[
            &["实施编码", "事项名称", "实施主体", "办理地点", "咨询电话"],
            &[
                "1.13417E+30",
                "食品经营许可（新办）",
                "池州市市场监督管理局",
                "池州市长江中路89号8号窗口",
                "0566-2021156",
            ],
            &[
                "1.13417E+30",
                "食品经营许可（变更）",
                "池州市市场监督管理局",
                "池州市长江中路89号8号窗口",
                "5.66202E+09",
            ],
        ],
    );
    let (got, notices) = assemble_all(&[items]);
    assert_eq!(got.len(), 2);
    let messages: Vec<&str> = notices.iter().map(|n| n.message.as_str()).collect();
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert!(messages[0].contains("「实施编码」列有 2 个单元格已被 Excel 转成科学计数法"));
    assert!(messages[0].contains("第 2、3 行"));
    // The codes are the export's: B04 does not judge them, and the warning says so.
    assert!(messages[0].contains("事项编码检查（B04）按“未读取”处理，不扣分"));
    assert!(got.iter().all(|i| i.unread.code && !i.unread.subject_code));
    assert!(messages[1].contains("「咨询电话」列有 1 个单元格") && messages[1].contains("第 3 行"));
    assert!(notices.iter().all(|n| n.level == NoticeLevel::Warning));
}

/// A total written into the 实施编码 column (the first column) is a footer; a sparse item with
/// just its code and name is still an item.
#[test]
fn footer_rows_are_not_items_but_sparse_items_are() {
    let items = sheet(
        "事项",
        &[
            &["实施编码", "事项名称", "实施主体", "办理地点", "承诺时限"],
            &[
                CODE,
                "食品经营许可（新办）",
                "池州市市场监督管理局",
                "",
                "10个工作日",
            ],
            &[CODE_2, "食品经营许可（注销）", "", "", ""],
            &["合计：2项", "", "", "", ""],
            &["备注：本表由池州市数据资源局汇总", "", "", "", ""],
        ],
    );
    let (got, notices) = assemble_all(&[items]);
    assert_eq!(got.len(), 2, "{notices:?}");
    assert_eq!(got[1].name, "食品经营许可（注销）");
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert!(
        notices[0].message.contains("第 4、5 行是表尾"),
        "{notices:?}"
    );
}

/// 办理地点 merged over two columns (the address and the window): the second column has no
/// header, so it is not read, and one warning says so with the way to fix it. A numbering column
/// without a header is no loss and gets no warning.
#[test]
fn a_column_without_a_header_is_a_warning_unless_it_only_numbers_rows() {
    let items = sheet(
        "事项",
        &[
            &[
                "",
                "实施编码",
                "事项名称",
                "实施主体",
                "办理地点",
                "",
                "承诺时限",
            ],
            &[
                "1",
                CODE,
                "食品经营许可（新办）",
                "池州市市场监督管理局",
                "池州市长江中路89号政务服务中心",
                "8号窗口",
                "10个工作日",
            ],
            &[
                "2",
                CODE_2,
                "食品经营许可（注销）",
                "池州市市场监督管理局",
                "池州市长江中路89号政务服务中心",
                "9号窗口",
                "10个工作日",
            ],
        ],
    );
    let (got, notices) = assemble_all(&[items]);
    assert_eq!(got.len(), 2);
    assert_eq!(notices.len(), 1, "{notices:?}");
    let n = &notices[0];
    assert_eq!(n.level, NoticeLevel::Warning);
    assert!(
        n.message.contains("第 F 列没有表头")
            && n.message.contains("有 2 个单元格，如「8号窗口」")
            && n.message.contains("左边的「办理地点」"),
        "{}",
        n.message
    );
}

#[test]
fn column_letters_are_excels() {
    assert_eq!(column_letters(0), "A");
    assert_eq!(column_letters(25), "Z");
    assert_eq!(column_letters(26), "AA");
    assert_eq!(column_letters(27), "AB");
    assert_eq!(column_letters(701), "ZZ");
    assert_eq!(column_letters(702), "AAA");
}

/// The header of a government template in two rows: 「咨询方式」 and 「监督投诉」 over the
/// sub-heading 「电话」, every other header cell alone in the top row (not merged).
fn grouped_header_sheet(second: &[&str]) -> Sheet {
    let header: &[&str] = &[
        "实施编码",
        "*事项名称",
        "实施主体",
        "受理地点",
        "承诺时限",
        "咨询方式",
        "监督投诉",
    ];
    sheet(
        "事项基本信息",
        &[
            &["池州市政务服务事项实施清单（导出）"],
            header,
            second,
            &[
                CODE,
                "食品经营许可（新办）",
                "池州市市场监督管理局",
                "池州市长江中路89号政务服务中心8号窗口",
                "10个工作日",
                "0566-2021156",
                "0566-12345",
            ],
            &[
                CODE_2,
                "食品经营许可（注销）",
                "池州市市场监督管理局",
                "池州市长江中路89号政务服务中心8号窗口",
                "5个工作日",
                "0566-2021156",
                "0566-12345",
            ],
        ],
    )
}

/// Should not trip every rule on a fake item: the template's second header row holds only the
/// sub-headings 「电话」「电话」. It was read as an item with no code and no name (17 errors and a
/// unit 「(未知部门)」 in the scores); it is the header's, and 「监督投诉」 over 「电话」 is the
/// 监督电话 column, which the top row alone did not name.
#[test]
fn a_second_header_row_of_sub_headings_is_header_not_an_item() {
    let items = grouped_header_sheet(&["", "", "", "", "", "电话", "电话"]);
    let (got, notices) = assemble_all(&[items]);
    let names: Vec<&str> = got.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(names, ["食品经营许可（新办）", "食品经营许可（注销）"]);
    assert_eq!(got[0].provenance.row, Some(4));
    assert_eq!(got[0].consult_phone, "0566-2021156");
    assert_eq!(got[0].supervise_phone, "0566-12345");
    assert!(got[0].extra.is_empty(), "{:?}", got[0].extra);
    assert_eq!(notices.len(), 1, "{notices:?}");
    let n = &notices[0];
    assert_eq!(n.level, NoticeLevel::Info);
    assert!(
        n.message.contains("表头占两行（第 2、3 行）") && n.message.contains("「监督投诉电话」"),
        "{}",
        n.message
    );
}

/// Should not make a fake item 「实施编码 *事项名称」 (and a unit 「实施主体」): the other header
/// cells merged down over both rows, so the workbook reader copies their text into the second
/// row.
#[test]
fn a_second_header_row_repeating_merged_header_cells_is_header_not_an_item() {
    let items = grouped_header_sheet(&[
        "实施编码",
        "*事项名称",
        "实施主体",
        "受理地点",
        "承诺时限",
        "电话",
        "电话",
    ]);
    let (got, notices) = assemble_all(&[items]);
    assert_eq!(got.len(), 2, "{notices:?}");
    assert_eq!(got[0].code, CODE);
    assert_eq!(got[1].supervise_phone, "0566-12345");
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert!(notices[0].message.contains("表头占两行"), "{notices:?}");
}

/// 「监督投诉」 merged across two columns over 「电话」 and 「地址」: the first is the 监督电话, the
/// second keeps its content under 「监督投诉地址」 instead of losing it as a column without a header.
#[test]
fn a_group_heading_across_columns_names_each_sub_heading() {
    let items = sheet(
        "事项",
        &[
            &[
                "实施编码",
                "事项名称",
                "实施主体",
                "承诺时限",
                "监督投诉",
                "",
            ],
            &["", "", "", "", "电话", "地址"],
            &[
                CODE,
                "食品经营许可（新办）",
                "池州市市场监督管理局",
                "10个工作日",
                "0566-12345",
                "池州市长江中路89号",
            ],
        ],
    );
    let (got, notices) = assemble_all(&[items]);
    assert_eq!(got.len(), 1, "{notices:?}");
    assert_eq!(got[0].supervise_phone, "0566-12345");
    assert_eq!(
        got[0].extra.get("监督投诉地址").map(String::as_str),
        Some("池州市长江中路89号")
    );
    assert!(
        notices.iter().all(|n| !n.message.contains("没有表头")),
        "{notices:?}"
    );
}

/// Should trip nothing here but stay an item: the first item has lost its 实施编码, but has a name
/// and short values; it is read (and the rules report the missing code), not taken for header.
#[test]
fn a_first_item_without_a_code_is_still_an_item() {
    let items = sheet(
        "事项",
        &[
            &["实施编码", "事项名称", "实施主体", "办件类型", "服务对象"],
            &["", "婚姻登记", "太湖县民政局", "即办件", "自然人"],
            &[CODE, "收养登记", "太湖县民政局", "承诺件", "自然人"],
        ],
    );
    let (got, _) = assemble_all(&[items]);
    let names: Vec<&str> = got.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(names, ["婚姻登记", "收养登记"]);
}

/// A hand-made list with more item columns than material ones, one row a material and the item's
/// cells repeated on each row (merged cells, filled down by the workbook reader), and a row whose
/// item differs in one cell (a new item, though its code is the same).
#[test]
fn rows_repeating_their_item_with_a_material_each_are_that_items_materials() {
    let header: &[&str] = &[
        "实施编码",
        "事项名称",
        "实施主体",
        "办件类型",
        "办理地点",
        "咨询电话",
        "监督电话",
        "材料名称",
        "份数",
    ];
    let item = |name: &'static str, place: &'static str| -> [&'static str; 7] {
        [
            CODE,
            name,
            "太湖县民政局",
            "即办件",
            place,
            "0556-4161234",
            "0556-12345",
        ]
    };
    let row = |item: [&'static str; 7], material: &'static str| -> Vec<&'static str> {
        let mut row = item.to_vec();
        row.extend([material, "1份"]);
        row
    };
    let hall = "太湖县晋熙镇人民路1号政务服务中心12号窗口";
    let rows = [
        row(item("婚姻登记", hall), "结婚登记声明书"),
        row(item("婚姻登记", hall), "居民户口簿"),
        row(["", "", "", "", "", "", ""], "居民身份证"),
        // Another hall: another item, not the same item's material.
        row(
            item("婚姻登记", "太湖县新仓镇人民政府便民服务中心2号窗口"),
            "结婚登记声明书",
        ),
    ];
    let mut all: Vec<&[&str]> = vec![header];
    all.extend(rows.iter().map(Vec::as_slice));
    let (got, notices) = assemble_all(&[sheet("婚姻登记", &all)]);
    let read: Vec<(&str, usize)> = got
        .iter()
        .map(|i| (i.address.as_str(), i.materials.len()))
        .collect();
    assert_eq!(
        read,
        [(hall, 3), ("太湖县新仓镇人民政府便民服务中心2号窗口", 1)]
    );
    assert_eq!(got[0].materials[2].name, "居民身份证");
    assert_eq!(
        got[0].materials[2].provenance,
        Provenance::sheet_row("导出.xlsx", "婚姻登记", 4)
    );
    assert!(
        notices
            .iter()
            .any(|n| n.message.contains("2 行已作为上一个事项的申请材料读取")),
        "{notices:?}"
    );
}

/// Without material columns a repeated row is a duplicate item (reported as such elsewhere), not
/// merged into the row above.
#[test]
fn repeated_rows_without_material_columns_stay_items() {
    let row: &[&str] = &[CODE, "收养登记", "太湖县民政局", "承诺件", "自然人"];
    let items = sheet(
        "事项",
        &[
            &["实施编码", "事项名称", "实施主体", "办件类型", "服务对象"],
            row,
            row,
        ],
    );
    let (got, notices) = assemble_all(&[items]);
    assert_eq!(got.len(), 2, "{notices:?}");
    assert!(got.iter().all(|i| i.materials.is_empty()));
}

/// The header of a clerk's 实施清单: a 序号 column and enough item columns to call it wide.
const CLERK_HEADER: &[&str] = &[
    "序号",
    "实施编码",
    "事项名称",
    "实施主体",
    "办理地点",
    "承诺时限",
    "咨询电话",
];

/// A row of [`CLERK_HEADER`]: an item of 池州市市场监督管理局 numbered `n`.
fn clerk_item(n: &'static str, code: &'static str, name: &'static str) -> Vec<&'static str> {
    vec![
        n,
        code,
        name,
        "池州市市场监督管理局",
        "池州市长江中路89号政务服务中心8号窗口",
        "10个工作日",
        "0566-2021156",
    ]
}

/// Should make no fake item (and no fake unit scored 0): the sign-offs a clerk types under the
/// table, spread over several cells or with words the old footer list lacked.
#[test]
fn sign_offs_under_a_clerks_table_are_not_items() {
    let first = clerk_item("1", CODE, "食品经营许可（新办）");
    let second = clerk_item("2", CODE_2, "食品经营许可（注销）");
    let rows: Vec<&[&str]> = vec![
        CLERK_HEADER,
        &first,
        &second,
        &["", "", "", "", "", "", ""],
        &[
            "填报人：李四",
            "",
            "",
            "审核人：王五",
            "",
            "联系电话：0566-2021888",
        ],
        &["联系电话：0566-2021888"],
        &["联系人：李四 13905661234"],
        &["（盖章）"],
        &["池州市数据资源管理局 2024年11月20日"],
        &["共2项"],
        &["", "池州市数据资源管理局", "", "", "", "2024年11月20日"],
    ];
    let (got, notices) = assemble_all(&[sheet("事项", &rows)]);
    let names: Vec<&str> = got.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(names, ["食品经营许可（新办）", "食品经营许可（注销）"]);
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert_eq!(notices[0].level, NoticeLevel::Info);
    assert!(
        notices[0]
            .message
            .contains("第 5、6、7、8、9、10、11 行是表尾"),
        "{notices:?}"
    );
}

/// Should make no item of a heading or a header: departments grouped under headings (alone in a
/// row, or in the 事项名称 column numbered 「一」), one block pasted with its own header.
#[test]
fn headings_and_repeated_headers_between_groups_are_not_items() {
    let a = clerk_item("1", CODE, "食品经营许可（新办）");
    let b = clerk_item("2", CODE_2, "食品经营许可（注销）");
    let c = clerk_item(
        "3",
        "1134170000312541513000117034000",
        "食品生产许可（新办）",
    );
    let rows: Vec<&[&str]> = vec![
        CLERK_HEADER,
        &["一、池州市市场监督管理局（1项）"],
        &a,
        &[
            "二",
            "",
            "池州市人力资源和社会保障局（1项）",
            "",
            "",
            "",
            "",
        ],
        &b,
        &["池州市自然资源和规划局"],
        CLERK_HEADER,
        &c,
    ];
    let (got, notices) = assemble_all(&[sheet("事项", &rows)]);
    let codes: Vec<&str> = got.iter().map(|i| i.code.as_str()).collect();
    assert_eq!(codes, [CODE, CODE_2, "1134170000312541513000117034000"]);
    let messages: Vec<&str> = notices.iter().map(|n| n.message.as_str()).collect();
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert!(
        messages[0].contains("第 2、4、6 行是分组标题"),
        "{messages:?}"
    );
    assert!(messages[1].contains("第 7 行重复了表头"), "{messages:?}");
    assert!(notices.iter().all(|n| n.level == NoticeLevel::Info));
}

/// Should not trip M01/M02 on the last item: a note in the 序号 column and a sign-off under the
/// 申请材料 table have an empty 实施编码, which would take the last material's code.
#[test]
fn footers_under_a_child_table_are_not_the_last_items_records() {
    let first = clerk_item("1", CODE, "食品经营许可（新办）");
    let items = sheet("事项", &[CLERK_HEADER, &first]);
    let materials = sheet(
        "申请材料",
        &[
            &["序号", "实施编码", "材料名称", "材料来源", "纸质材料份数"],
            &["1", CODE, "食品经营许可申请书", "申请人自备", "1"],
            &["2", "", "营业执照", "政府部门核发", "1"],
            &["", "", "", "", ""],
            &["注：1. 本表一式两份；2. 材料需加盖公章。"],
            &[
                "填报人：李四",
                "",
                "",
                "审核人：王五",
                "联系电话：0566-2021888",
            ],
        ],
    );
    let (got, notices) = assemble_all(&[items, materials]);
    let names: Vec<&str> = got[0].materials.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, ["食品经营许可申请书", "营业执照"]);
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert!(
        notices[0]
            .message
            .contains("表「申请材料」第 5、6 行是表尾")
            && notices[0].message.contains("不是申请材料"),
        "{notices:?}"
    );
}

/// The item table of [`child_sheets_without_a_code_column_link_by_name`]: 食品经营许可（新办） in
/// two counties, 食品生产许可（新办） in one.
fn two_counties() -> Sheet {
    let row = |code: &'static str, name: &'static str, subject: &'static str| {
        vec![
            code,
            name,
            subject,
            "东至县尧渡镇建设路8号政务服务中心3号窗口",
            "10个工作日",
        ]
    };
    let rows = [
        row(CODE, "食品经营许可（新办）", "东至县市场监督管理局"),
        row(CODE_2, "食品经营许可（新办）", "贵池区市场监督管理局"),
        row(
            "11341721MB1234567X4000117034000",
            "食品生产许可（新办）",
            "东至县市场监督管理局",
        ),
    ];
    let mut all: Vec<&[&str]> = vec![&["实施编码", "事项名称", "实施主体", "办理地点", "承诺时限"]];
    all.extend(rows.iter().map(Vec::as_slice));
    sheet("事项", &all)
}

/// Should not trip M01 (未列出申请材料) on every item: the clerk deleted the 实施编码 column of the
/// 申请材料 sheet. Its rows go to the item of their name; a name two items share links nothing
/// and leaves their materials unread, said in a warning.
#[test]
fn child_sheets_without_a_code_column_link_by_name() {
    let materials = sheet(
        "申请材料",
        &[
            &["事项名称", "材料名称", "材料来源"],
            &["食品生产许可（新办）", "食品生产许可申请书", "申请人自备"],
            &["", "营业执照", "政府部门核发"],
            &["食品经营许可（新办）", "食品经营许可申请书", "申请人自备"],
            &["食品经营许可（变更）", "变更申请书", "申请人自备"],
        ],
    );
    let (got, notices) = assemble_all(&[two_counties(), materials]);
    let read: Vec<(usize, bool)> = got
        .iter()
        .map(|i| (i.materials.len(), i.unread.materials))
        .collect();
    assert_eq!(read, [(0, true), (0, true), (2, false)]);
    let messages: Vec<&str> = notices.iter().map(|n| n.message.as_str()).collect();
    assert!(
        messages
            .iter()
            .any(|m| m.contains("没有「实施编码」列，已按事项名称把各行关联到事项")),
        "{messages:?}"
    );
    assert!(
        messages
            .iter()
            .any(|m| m.contains("第4行的事项名称 \"食品经营许可（新办）\" 在事项表中有 2 个事项")),
        "{messages:?}"
    );
    assert!(
        messages.iter().any(
            |m| m.contains("第5行的事项名称 \"食品经营许可（变更）\" 在事项表中找不到对应事项")
        ),
        "{messages:?}"
    );

    // With 实施主体 in both sheets the shared name is told apart.
    let materials = sheet(
        "申请材料",
        &[
            &["事项名称", "实施主体", "材料名称", "材料来源"],
            &[
                "食品经营许可（新办）",
                "贵池区市场监督管理局",
                "营业执照",
                "政府部门核发",
            ],
            &[
                "食品经营许可（新办）",
                "东至县市场监督管理局",
                "食品经营许可申请书",
                "申请人自备",
            ],
        ],
    );
    let (got, _) = assemble_all(&[two_counties(), materials]);
    let read: Vec<(&str, bool)> = got
        .iter()
        .map(|i| {
            (
                i.materials.first().map_or("", |m| m.name.as_str()),
                i.unread.materials,
            )
        })
        .collect();
    assert_eq!(
        read,
        [
            ("食品经营许可申请书", false),
            ("营业执照", false),
            ("", false)
        ]
    );
}

/// Should not trip P01 (未列出办理流程) on any item: a 办理流程 sheet with neither 实施编码 nor
/// 事项名称 cannot be linked, so the items' steps are unread, not empty.
#[test]
fn a_child_sheet_that_cannot_be_linked_leaves_its_list_unread() {
    let steps = sheet(
        "办理流程",
        &[
            &["环节名称", "办理人", "办理时限"],
            &["受理", "窗口受理人员", "1个工作日"],
        ],
    );
    let (got, notices) = assemble_all(&[two_counties(), steps]);
    assert!(got.iter().all(|i| i.unread.steps && i.steps.is_empty()));
    assert!(
        notices
            .iter()
            .any(|n| n.level == NoticeLevel::Error && n.message.contains("办理流程按“未读取”处理")),
        "{notices:?}"
    );
}

/// The items of `sheets` and every notice, the warnings of lists left out too.
fn assemble_with_warnings(sheets: &[Sheet]) -> (Vec<Item>, Vec<Notice>) {
    let (mut items, mut notices) = (Vec::new(), Vec::new());
    assemble(sheets.to_vec(), &Labels::default(), &mut |r| match r {
        Record::Item(i) => items.push(*i),
        Record::Notice(n) => notices.push(n),
        Record::Unreadable(_) => panic!("sheets give items or notices"),
    });
    (items, notices)
}

fn one_item_sheet() -> Sheet {
    sheet(
        "事项",
        &[
            &[
                "实施编码",
                "事项名称",
                "办理地点",
                "咨询方式",
                "承诺办结时限",
            ],
            &[
                CODE,
                "食品经营许可（新办）",
                "池州市长江中路89号",
                "0566-2021156",
                "10个工作日",
            ],
        ],
    )
}

/// h35: a workbook of separate child sheets (办理流程 here) without its 申请材料 sheet charged
/// every item 「事项未列出申请材料」, while one without 办理流程 left P01/P02 unchecked. The
/// export left the sheet out: the materials are unread, and the warning says M01–M08 were not
/// checked. An item sheet alone, with no child sheet at all, still lists no materials.
#[test]
fn a_workbook_of_child_sheets_without_its_materials_sheet_leaves_materials_unread() {
    let steps = sheet(
        "办理流程",
        &[
            &["实施编码", "环节名称", "办理人", "办理时限"],
            &[CODE, "受理", "窗口受理人员", "1个工作日"],
        ],
    );
    let (got, notices) = assemble_with_warnings(&[one_item_sheet(), steps]);
    assert!(got[0].unread.materials && got[0].materials.is_empty());
    assert!(!got[0].unread.steps);
    let warned: Vec<&str> = notices
        .iter()
        .filter(|n| n.level == NoticeLevel::Warning)
        .map(|n| n.message.as_str())
        .collect();
    assert!(
        warned
            .iter()
            .any(|m| m.starts_with(NO_MATERIAL_SHEET) && m.contains("M01–M08 未检查")),
        "{warned:?}"
    );

    // An item sheet alone: its items list no materials, as before, and the warning says so.
    let (got, notices) = assemble_with_warnings(&[one_item_sheet()]);
    assert!(!got[0].unread.materials);
    assert!(
        notices
            .iter()
            .any(|n| n.message.starts_with(NO_MATERIAL_SHEET)
                && n.message.contains("都会被报为未列出申请材料")),
        "{notices:?}"
    );

    // With the 申请材料 sheet, an item it gives no row still lists none.
    let materials = sheet(
        "申请材料",
        &[
            &["实施编码", "材料名称", "材料来源"],
            &[CODE_2, "申请书", "申请人自备"],
        ],
    );
    let steps = sheet(
        "办理流程",
        &[&["实施编码", "环节名称", "办理人"], &[CODE, "受理", "窗口"]],
    );
    let mut two_items = one_item_sheet();
    let mut second = two_items.rows[1].clone();
    second[0] = CODE_2.to_owned();
    two_items.rows.push(second);
    let (got, notices) = assemble_with_warnings(&[two_items, steps, materials]);
    assert!(!got[0].unread.materials && got[0].materials.is_empty());
    assert_eq!(got[1].materials.len(), 1);
    assert!(
        notices
            .iter()
            .all(|n| !n.message.starts_with(NO_MATERIAL_SHEET)),
        "{notices:?}"
    );
}

/// h35: a 申请材料 sheet of only 实施编码 and 材料名称 (a minimal export) was ignored as having
/// no table header, though the warning of a missing sheet says those two columns are enough.
#[test]
fn a_materials_sheet_of_code_and_name_alone_is_read() {
    let materials = sheet(
        "申请材料",
        &[
            &["实施编码", "材料名称"],
            &[CODE, "食品经营许可申请书"],
            &[CODE, "营业执照复印件"],
        ],
    );
    let (got, notices) = assemble_with_warnings(&[one_item_sheet(), materials]);
    let names: Vec<&str> = got[0].materials.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, ["食品经营许可申请书", "营业执照复印件"]);
    assert!(!got[0].unread.materials);
    assert!(
        notices
            .iter()
            .all(|n| !n.message.starts_with(NO_MATERIAL_SHEET) && !n.message.contains("已忽略")),
        "{notices:?}"
    );
    // A sheet of 事项名称 and 材料名称 alone is not one yet (no code to link by); nor is a sheet
    // of 实施编码 and some other single column.
    let other = sheet("备注", &[&["实施编码", "备注"], &[CODE, "无"]]);
    let (got, _) = assemble_with_warnings(&[one_item_sheet(), other]);
    assert!(got[0].materials.is_empty());
}
