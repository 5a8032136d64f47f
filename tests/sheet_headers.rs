//! Headers of other platforms' exports: two columns that both name one element (实施编码 and
//! 事项编码 or 业务办理项编码, 咨询电话 and 联系电话), short sub-headings under a group heading,
//! and columns no element is known by. What the reader could not place is said in Chinese, with
//! the way to map it.

mod common {
    pub mod read;
}

use std::path::{Path, PathBuf};

use common::read::{Read, read, read_with};
use rust_xlsxwriter::Workbook;
use zwfw_audit::config::Config;
use zwfw_audit::model::Item;
use zwfw_audit::source::NoticeLevel;

/// Two items of 池州市市场监督管理局: 实施编码, 基本编码, 业务办理项编码, 事项名称, 办理地点,
/// 咨询电话, the unit's 联系电话 (its office line, not the item's consultation phone).
const ITEMS: [[&str; 7]; 2] = [
    [
        "1134170000312541513000117035000",
        "000117035000",
        "113417000031254151300011703500001",
        "食品经营许可（新办）",
        "池州市长江中路89号池州市政务服务中心二楼8号窗口",
        "0566-2021156",
        "0566-2021000",
    ],
    [
        "1134170000312541513000117022000",
        "000117022000",
        "113417000031254151300011702200001",
        "特种设备使用登记",
        "池州市长江中路89号池州市政务服务中心二楼11号窗口",
        "0566-2021177",
        "0566-2021000",
    ],
];

/// Writes `cells` into row `r` of `ws`, from column A.
fn write_row(ws: &mut rust_xlsxwriter::Worksheet, r: u32, cells: &[&str]) {
    for (c, text) in cells.iter().enumerate() {
        ws.write_string(r, c as u16, *text).unwrap();
    }
}

/// Writes a workbook whose 事项 sheet has the columns `header`, each item's cells picked from
/// [`ITEMS`] by `cells`, and a 申请材料 sheet keyed by 实施编码, as platforms key it.
fn workbook(dir: &Path, header: &[&str], cells: impl Fn(&[&str; 7]) -> Vec<String>) -> PathBuf {
    let path = dir.join("池州市市场监督管理局事项清单.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("事项").unwrap();
    write_row(ws, 0, header);
    for (r, item) in ITEMS.iter().enumerate() {
        let row = cells(item);
        let row: Vec<&str> = row.iter().map(String::as_str).collect();
        write_row(ws, r as u32 + 1, &row);
    }
    let ws = wb.add_worksheet().set_name("申请材料").unwrap();
    write_row(ws, 0, &["实施编码", "材料名称", "来源渠道", "份数"]);
    for (r, item) in ITEMS.iter().enumerate() {
        write_row(
            ws,
            r as u32 + 1,
            &[item[0], "营业执照", "政府部门核发", "1份"],
        );
    }
    wb.save(&path).unwrap();
    path
}

/// The items' 实施编码, 基本编码 and how many materials each has.
fn codes(r: &Read) -> Vec<(&str, &str, usize)> {
    r.items
        .iter()
        .map(|i: &Item| (i.code.as_str(), i.basic_code.as_str(), i.materials.len()))
        .collect()
}

/// The 实施编码 and 基本编码 the items should be read with, each with its one material.
fn expected_codes() -> Vec<(&'static str, &'static str, usize)> {
    ITEMS.iter().map(|i| (i[0], i[1], 1)).collect()
}

/// The findings of `rules` on the items of `path`.
fn findings(path: &Path, rules: &[&str]) -> Vec<String> {
    common::read::findings_of(path, rules)
        .iter()
        .map(|f| format!("[{}] {}", f.rule, f.message))
        .collect()
}

/// Should not trip B04 (「事项编码长度为12位」) nor M01 (「事项未列出申请材料」): a platform that
/// puts the 12-digit 基本编码 under 「事项编码」 left of 「实施编码」. The left column was taken for
/// the 实施编码, so no material found its item. The 基本编码 is read as such.
#[test]
fn a_basic_code_under_shixiang_bianma_left_of_the_code_is_the_basic_code() {
    let dir = tempfile::tempdir().unwrap();
    let path = workbook(
        dir.path(),
        &[
            "事项编码",
            "实施编码",
            "事项名称",
            "实施主体",
            "办理地点",
            "咨询电话",
        ],
        |i| {
            [i[1], i[0], i[3], "池州市市场监督管理局", i[4], i[5]]
                .map(str::to_owned)
                .to_vec()
        },
    );
    let r = read(std::slice::from_ref(&path));
    assert_eq!(codes(&r), expected_codes(), "{:#?}", r.notices);
    r.notice(
        "填的是 12 位基本编码",
        NoticeLevel::Info,
        &[
            "「事项编码」（A 列）",
            "已作为基本编码读取",
            "「实施编码」（B 列）",
        ],
    );
    assert!(
        r.notices
            .iter()
            .all(|n| !n.message.contains("找不到对应事项")),
        "{:#?}",
        r.notices
    );
    let found = findings(&path, &["B04", "M01"]);
    assert!(found.is_empty(), "{found:?}");
}

/// Should not trip M01 (「事项未列出申请材料」): a platform that puts 「业务办理项编码」 (实施编码 and
/// two digits) left of 「实施编码」. The column headed 实施编码 is read whatever the order, and
/// the notice names both headers as they are, asking no one to delete a column of the export.
#[test]
fn the_column_headed_shishi_bianma_is_the_code_whatever_the_order() {
    let dir = tempfile::tempdir().unwrap();
    let path = workbook(
        dir.path(),
        &[
            "业务办理项编码",
            "实施编码",
            "基本编码",
            "事项名称",
            "实施主体",
            "办理地点",
            "咨询电话",
        ],
        |i| {
            [i[2], i[0], i[1], i[3], "池州市市场监督管理局", i[4], i[5]]
                .map(str::to_owned)
                .to_vec()
        },
    );
    let r = read(std::slice::from_ref(&path));
    assert_eq!(codes(&r), expected_codes(), "{:#?}", r.notices);
    let n = r.notice(
        "都可作实施编码",
        NoticeLevel::Info,
        &["表「事项」的「业务办理项编码」（A 列）和「实施编码」（B 列）都可作实施编码，已按「实施编码」读取"],
    );
    assert!(!n.message.contains("删去"), "{}", n.message);
    assert!(!n.message.contains("出现了两次"), "{}", n.message);
    assert_eq!(
        r.items[0].extra.get("业务办理项编码").map(String::as_str),
        Some(ITEMS[0][2])
    );
    let found = findings(&path, &["M01"]);
    assert!(found.is_empty(), "{found:?}");
}

/// 「联系电话」 (the unit's office line) left of 「咨询电话」 (the item's): the left column was
/// read as the 咨询电话, and the phone rules judged the office line for the item's.
#[test]
fn the_column_headed_zixun_dianhua_wins_over_lianxi_dianhua() {
    let dir = tempfile::tempdir().unwrap();
    let path = workbook(
        dir.path(),
        &[
            "实施编码",
            "事项名称",
            "实施主体",
            "办理地点",
            "联系电话",
            "咨询电话",
        ],
        |i| {
            [i[0], i[3], "池州市市场监督管理局", i[4], i[6], i[5]]
                .map(str::to_owned)
                .to_vec()
        },
    );
    let r = read(std::slice::from_ref(&path));
    let phones: Vec<&str> = r.items.iter().map(|i| i.consult_phone.as_str()).collect();
    assert_eq!(phones, [ITEMS[0][5], ITEMS[1][5]]);
    let n = r.notice(
        "都可作咨询电话",
        NoticeLevel::Info,
        &["「联系电话」（E 列）和「咨询电话」（F 列）都可作咨询电话，已按「咨询电话」读取"],
    );
    assert!(!n.message.contains("删去"), "{}", n.message);
}

/// Should not trip M01 (「事项未列出申请材料」): a 申请材料 sheet that repeats the item's 基本编码
/// under 「事项编码」 left of its 「实施编码」. The materials are linked by the 实施编码.
#[test]
fn a_child_sheet_links_by_the_code_not_by_the_basic_code_left_of_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("池州市市场监督管理局事项清单.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("事项").unwrap();
    write_row(
        ws,
        0,
        &["实施编码", "事项名称", "实施主体", "办理地点", "咨询电话"],
    );
    for (r, i) in ITEMS.iter().enumerate() {
        write_row(
            ws,
            r as u32 + 1,
            &[i[0], i[3], "池州市市场监督管理局", i[4], i[5]],
        );
    }
    let ws = wb.add_worksheet().set_name("申请材料").unwrap();
    write_row(ws, 0, &["事项编码", "实施编码", "材料名称", "来源渠道"]);
    for (r, i) in ITEMS.iter().enumerate() {
        write_row(ws, r as u32 + 1, &[i[1], i[0], "营业执照", "政府部门核发"]);
    }
    wb.save(&path).unwrap();
    let r = read(std::slice::from_ref(&path));
    let materials: Vec<usize> = r.items.iter().map(|i| i.materials.len()).collect();
    assert_eq!(materials, [1, 1], "{:#?}", r.notices);
    r.notice(
        "填的是 12 位基本编码",
        NoticeLevel::Info,
        &["表「申请材料」的「事项编码」（A 列）", "不用它关联事项"],
    );
}

/// Should not trip B06, B07, B09, B10 or B14 (「…为空」): a two-row header whose group headings
/// have short sub-headings, as many provincial templates draw them: 「办理时限」 over
/// 「法定」｜「承诺」｜「备注」, 「办理地点及时间」 over 「地点」｜「时间」, 「联系电话」 over
/// 「咨询」｜「监督投诉」, the other headers merged down over both rows. The columns were named
/// 「办理时限法定」 and the like, which match nothing. A sub-heading that makes no element with its
/// heading (「备注」) stays an unrecognised column.
#[test]
fn short_sub_headings_under_a_group_heading_name_their_elements() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("池州市市场监督管理局事项清单.xlsx");
    let mut wb = Workbook::new();
    let plain = rust_xlsxwriter::Format::new();
    let ws = wb.add_worksheet().set_name("事项").unwrap();
    for (c, h) in ["实施编码", "事项名称", "实施主体"].iter().enumerate() {
        ws.merge_range(0, c as u16, 1, c as u16, h, &plain).unwrap();
    }
    let groups: [(&str, &[&str]); 3] = [
        ("办理时限", &["法定", "承诺", "备注"]),
        ("办理地点及时间", &["地点", "时间"]),
        ("联系电话", &["咨询", "监督投诉"]),
    ];
    let mut c = 3u16;
    for (group, subs) in groups {
        let last = c + subs.len() as u16 - 1;
        ws.merge_range(0, c, 0, last, group, &plain).unwrap();
        for (k, sub) in subs.iter().enumerate() {
            ws.write_string(1, c + k as u16, *sub).unwrap();
        }
        c = last + 1;
    }
    let hours = "周一至周五 上午8:30-12:00，下午14:30-17:30（法定节假日除外）";
    for (r, i) in ITEMS.iter().enumerate() {
        write_row(
            ws,
            r as u32 + 2,
            &[
                i[0],
                i[3],
                "池州市市场监督管理局",
                "20个工作日",
                "10个工作日",
                "不含现场核查时间",
                i[4],
                hours,
                i[5],
                "0566-12345",
            ],
        );
    }
    wb.save(&path).unwrap();
    let r = read(std::slice::from_ref(&path));
    assert_eq!(r.items.len(), 2, "{:#?}", r.notices);
    for (item, i) in r.items.iter().zip(ITEMS) {
        assert_eq!(
            [
                item.legal_limit.as_str(),
                item.promised_limit.as_str(),
                item.address.as_str(),
                item.hours.as_str(),
                item.consult_phone.as_str(),
                item.supervise_phone.as_str(),
            ],
            ["20个工作日", "10个工作日", i[4], hours, i[5], "0566-12345"],
            "{:#?}",
            r.notices
        );
        assert_eq!(
            item.extra.get("办理时限备注").map(String::as_str),
            Some("不含现场核查时间")
        );
    }
    let found = findings(&path, &["B06", "B07", "B09", "B10", "B14"]);
    assert!(found.iter().all(|f| !f.contains("为空")), "{found:?}");
}

/// Should not leave a clerk with only 「法定办结时限为空」 (B06) for a column in plain sight: an
/// item table whose 法定办结时限 is headed 「办理时限」 (the step's label on most platforms). One
/// warning names the column and the `[labels]` line that maps it; a 序号 column is no element
/// and not named. Written as the notice says, the line makes the column read.
#[test]
fn unrecognised_columns_of_a_sheet_are_named_with_the_labels_line_that_maps_them() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("池州市市场监督管理局事项清单.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("事项").unwrap();
    write_row(
        ws,
        0,
        &[
            "序号",
            "实施编码",
            "事项名称",
            "实施主体",
            "办理时限",
            "承诺办结时限",
            "办理地点",
        ],
    );
    for (r, i) in ITEMS.iter().enumerate() {
        let n = (r + 1).to_string();
        write_row(
            ws,
            r as u32 + 1,
            &[
                &n,
                i[0],
                i[3],
                "池州市市场监督管理局",
                "20个工作日",
                "10个工作日",
                i[4],
            ],
        );
    }
    wb.save(&path).unwrap();
    let r = read(std::slice::from_ref(&path));
    assert_eq!(r.items.len(), 2, "{:#?}", r.notices);
    let n = r.notice(
        "不是可识别的要素",
        NoticeLevel::Warning,
        &[
            "表「事项」",
            "：「办理时限」。",
            "[labels.item]",
            "要素键名 = [\"办理时限\"]",
        ],
    );
    assert!(!n.message.contains("序号"), "{}", n.message);
    assert!(r.items.iter().all(|i| i.legal_limit.is_empty()));

    // The line as the notice writes it, with an element's key or its standard name.
    for key in ["legal_limit", "\"法定办结时限\""] {
        let line = "要素键名 = [\"办理时限\"]".replace("要素键名", key);
        let config = Config::parse(&format!("[labels.item]\n{line}\n")).unwrap();
        let mapped = read_with(std::slice::from_ref(&path), &config.labels);
        let limits: Vec<&str> = mapped
            .items
            .iter()
            .map(|i| i.legal_limit.as_str())
            .collect();
        assert_eq!(limits, ["20个工作日", "20个工作日"], "{key}");
        assert!(
            mapped
                .notices
                .iter()
                .all(|n| !n.message.contains("不是可识别的要素")),
            "{:#?}",
            mapped.notices
        );
    }
}

/// The items' 办理时间 in [`grouped_keys_workbook`].
const HOURS: &str = "周一至周五 上午8:30-12:00，下午14:30-17:30（法定节假日除外）";

/// How a grouped header's ungrouped cells (序号, 实施编码, 事项名称, 实施主体) are laid out.
#[derive(Clone, Copy, Debug)]
enum Keys {
    /// Under a title row, 序号 merged down over both rows, the others under 「基本信息」 merged
    /// across them (h27's 部门导出.xlsx).
    UnderBasicInfo,
    /// In the second row only, the top cells above them left blank (h27's b2-blank.xlsx).
    BlankAbove,
}

/// Writes the 事项 sheet of [`ITEMS`] with 「办理时限」 over 「法定」｜「承诺」 and
/// 「办理地点及时间」 over 「地点」｜「时间」 (each merged across), its keys laid out as `keys`;
/// the second item's 法定 cell is blank. Returns the path and the first item's spreadsheet row.
fn grouped_keys_workbook(dir: &Path, keys: Keys) -> (PathBuf, u32) {
    let path = dir.join(format!("{keys:?}.xlsx"));
    let mut wb = Workbook::new();
    let plain = rust_xlsxwriter::Format::new();
    let ws = wb.add_worksheet().set_name("事项目录").unwrap();
    let top = match keys {
        Keys::UnderBasicInfo => {
            ws.merge_range(0, 0, 0, 8, "池州市政务服务事项实施清单（2026年）", &plain)
                .unwrap();
            ws.merge_range(1, 0, 2, 0, "序号", &plain).unwrap();
            ws.merge_range(1, 1, 1, 3, "基本信息", &plain).unwrap();
            1
        }
        Keys::BlankAbove => {
            ws.write_string(1, 0, "序号").unwrap();
            0
        }
    };
    ws.merge_range(top, 4, top, 5, "办理时限", &plain).unwrap();
    ws.merge_range(top, 6, top, 7, "办理地点及时间", &plain)
        .unwrap();
    let subs = [
        "实施编码",
        "事项名称",
        "实施主体",
        "法定",
        "承诺",
        "地点",
        "时间",
        "咨询电话",
    ];
    for (c, sub) in subs.iter().enumerate() {
        ws.write_string(top + 1, c as u16 + 1, *sub).unwrap();
    }
    for (r, i) in ITEMS.iter().enumerate() {
        let legal = if r == 0 { "20个工作日" } else { "" };
        let n = (r + 1).to_string();
        let row = [
            n.as_str(),
            i[0],
            i[3],
            "池州市市场监督管理局",
            legal,
            "10个工作日",
            i[4],
            HOURS,
            i[5],
        ];
        write_row(ws, top + 2 + r as u32, &row);
    }
    wb.save(&path).unwrap();
    (path, top + 3)
}

/// Should not charge every item 法定办结时限为空, 承诺办结时限为空, 办理地点为空 and 办理时间为空
/// (or throw the sheet out, 「没有读到任何事项」): a grouped header whose 实施编码 and 事项名称 are
/// in its second row, under 「基本信息」 below a title, or under blank cells. The second item's
/// blank 法定 cell is still 法定办结时限为空.
#[test]
fn keys_in_the_second_row_of_a_grouped_header_are_read() {
    let dir = tempfile::tempdir().unwrap();
    for keys in [Keys::UnderBasicInfo, Keys::BlankAbove] {
        let (path, first_row) = grouped_keys_workbook(dir.path(), keys);
        let r = read(std::slice::from_ref(&path));
        let got: Vec<[&str; 6]> = r
            .items
            .iter()
            .map(|i| {
                [
                    i.code.as_str(),
                    i.legal_limit.as_str(),
                    i.promised_limit.as_str(),
                    i.address.as_str(),
                    i.consult_phone.as_str(),
                    i.hours.as_str(),
                ]
            })
            .collect();
        let want: Vec<[&str; 6]> = ITEMS
            .iter()
            .zip(["20个工作日", ""])
            .map(|(i, legal)| [i[0], legal, "10个工作日", i[4], i[5], HOURS])
            .collect();
        assert_eq!(got, want, "{keys:?}: {:#?}", r.notices);
        assert_eq!(r.items[0].provenance.row, Some(u64::from(first_row)));
        // 序号 is no element; nothing else is left unread.
        let extra: Vec<&String> = r.items[0].extra.keys().collect();
        assert_eq!(extra, ["序号"], "{keys:?}");
        r.notice("表头占两行", NoticeLevel::Info, &["「法定办理时限」"]);
        assert!(
            r.notices.iter().all(|n| !n.message.contains("不是可识别")),
            "{keys:?}: {:#?}",
            r.notices
        );
        let mut found = findings(&path, &["B06", "B07", "B09", "B10"]);
        found.retain(|f| f.contains("为空"));
        assert_eq!(found, ["[B06] 法定办结时限为空"], "{keys:?}");
    }
}
