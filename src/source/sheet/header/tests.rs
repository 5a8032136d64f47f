//! Unit tests of headers in two rows whose 实施编码 and 事项名称 are in the second row: under a
//! group heading, or under blank top cells, with or without a title row above; and of the one-row
//! headers under a title or under group headings that add nothing.

use super::super::tests::{CODE, CODE_2, assemble_all, sheet};
use crate::source::NoticeLevel;

const UNIT: &str = "池州市人力资源和社会保障局";
const ADDRESS: &str = "池州市长江中路89号政务服务中心2楼12号窗口";
const HOURS: &str = "周一至周五上午9:00-12:00，下午13:30-17:00（法定节假日除外）";

/// Two items under a header whose second row is `second` and top row `top`, below `above` (a
/// title row, or none); the second item's 法定办结时限 is blank (a defect that must stay one).
fn two_row_sheet(above: &[&[&str]], top: &[&str], second: &[&str]) -> super::Sheet {
    let first: &[&str] = &[
        CODE,
        "失业保险金申领",
        UNIT,
        "30个工作日",
        "5个工作日",
        ADDRESS,
        HOURS,
    ];
    let second_item: &[&str] = &[CODE_2, "稳岗返还", UNIT, "", "10个工作日", ADDRESS, HOURS];
    let mut rows: Vec<&[&str]> = above.to_vec();
    rows.extend([top, second, first, second_item]);
    sheet("事项", &rows)
}

/// A one-row header of the same columns in full, which needs no second row.
const FULL_HEADER: &[&str] = &[
    "实施编码",
    "事项名称",
    "实施主体",
    "法定办结时限",
    "承诺办结时限",
    "办理地点",
    "办理时间",
];

const SUB_HEADINGS: &[&str] = &[
    "实施编码",
    "事项名称",
    "实施主体",
    "法定",
    "承诺",
    "地点",
    "时间",
];

/// Asserts the two items of [`two_row_sheet`] were read with every column, the first on row
/// `first_row`, and that the one notice says the header is in two rows, naming the columns the
/// sub-headings made.
fn assert_read(sheet: super::Sheet, first_row: u64, rows: &str) {
    let (got, notices) = assemble_all(&[sheet]);
    let names: Vec<&str> = got.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(names, ["失业保险金申领", "稳岗返还"], "{notices:?}");
    assert_eq!(got[0].provenance.row, Some(first_row));
    assert_eq!(got[0].code, CODE);
    assert_eq!(got[0].subject, UNIT);
    assert_eq!(got[0].legal_limit, "30个工作日");
    assert_eq!(got[0].promised_limit, "5个工作日");
    assert_eq!(got[0].address, ADDRESS);
    assert_eq!(got[0].hours, HOURS);
    // 序号 is no element; nothing else is left unread.
    assert!(
        got[0].extra.keys().all(|k| k == "序号"),
        "{:?}",
        got[0].extra
    );
    // A blank cell under a grouped header is still blank.
    assert_eq!(got[1].legal_limit, "");
    assert_eq!(got[1].promised_limit, "10个工作日");
    assert_eq!(notices.len(), 1, "{notices:?}");
    let n = &notices[0];
    assert_eq!(n.level, NoticeLevel::Info);
    for words in [
        rows,
        "「法定办理时限」「承诺办理时限」「办理地点」「办理时间」",
    ] {
        assert!(
            n.message.contains(words),
            "「{words}」 not in {}",
            n.message
        );
    }
    assert!(!n.message.contains("「实施编码」"), "{}", n.message);
}

/// Should not throw the sheet out (「没有事项表」, no item at all): the ungrouped header cells are
/// blank in the top row, 「办理时限」 and 「办理地点及时间」 merged across 「法定」｜「承诺」 and
/// 「地点」｜「时间」 (h27's b2-blank.xlsx).
#[test]
fn a_grouped_header_with_blank_top_cells_over_its_keys_is_read() {
    let top = &["", "", "", "办理时限", "", "办理地点及时间", ""];
    assert_read(two_row_sheet(&[], top, SUB_HEADINGS), 3, "第 1、2 行");
}

/// Should not throw the sheet out: every column under a group, 「基本信息」 over the item's keys
/// (h27's b2-basic.xlsx).
#[test]
fn a_grouped_header_with_every_column_in_a_group_is_read() {
    let top = &["基本信息", "", "", "办理时限", "", "办理地点及时间", ""];
    assert_read(two_row_sheet(&[], top, SUB_HEADINGS), 3, "第 1、2 行");
}

/// Should not charge every item 法定办结时限为空, 承诺办结时限为空, 办理地点为空, 办理时间为空: a
/// title row over the groups, 「序号」 merged down over both rows (so copied into the second), and
/// the keys under 「基本信息」 (h27's 部门导出.xlsx, 「事项目录」).
#[test]
fn a_grouped_header_under_a_title_with_cells_merged_down_is_read() {
    let title: &[&str] = &["池州市政务服务事项实施清单（2026年）"];
    let top = &[
        "序号",
        "基本信息",
        "",
        "",
        "办理时限",
        "",
        "办理地点及时间",
        "",
    ];
    let second = &[
        "序号",
        "实施编码",
        "事项名称",
        "实施主体",
        "法定",
        "承诺",
        "地点",
        "时间",
    ];
    let mut sheet = two_row_sheet(&[title], top, second);
    for (n, row) in sheet.rows[3..].iter_mut().enumerate() {
        row.insert(0, (n + 1).to_string());
    }
    assert_read(sheet, 4, "第 2、3 行");
}

/// Should stay as it was: a title over a one-row header of short labels is no header in two rows
/// (the title names nothing the header does not).
#[test]
fn a_title_over_a_one_row_header_is_not_a_second_header_row() {
    let title: &[&str] = &["池州市人社局事项实施清单"];
    let header = FULL_HEADER;
    let (got, notices) = assemble_all(&[two_row_sheet(&[], title, header)]);
    assert_eq!(got.len(), 2, "{notices:?}");
    assert_eq!(got[0].provenance.row, Some(3));
    assert_eq!(got[0].legal_limit, "30个工作日");
    assert_eq!(got[0].hours, HOURS);
    assert!(got[0].extra.is_empty(), "{:?}", got[0].extra);
    assert!(notices.is_empty(), "{notices:?}");
}

/// Should stay as it was: group headings over complete headers (「时限」 over 「法定办结时限」
/// ｜「承诺办结时限」) add nothing, and the header is the second row alone (h27's
/// b2-basic-std.xlsx).
#[test]
fn group_headings_over_complete_headers_leave_the_header_in_one_row() {
    let top = &["基本信息", "", "", "时限", "", "地点时间", ""];
    let header = FULL_HEADER;
    let (got, notices) = assemble_all(&[two_row_sheet(&[], top, header)]);
    assert_eq!(got.len(), 2, "{notices:?}");
    assert_eq!(got[0].provenance.row, Some(3));
    assert_eq!(got[0].promised_limit, "5个工作日");
    assert_eq!(got[0].address, ADDRESS);
    assert!(got[0].extra.is_empty(), "{:?}", got[0].extra);
    assert!(notices.is_empty(), "{notices:?}");
}
