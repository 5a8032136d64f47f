//! Cells of child sheets as workbooks give them (h34): an agency's phone kept as a number by
//! Excel, and a 实施编码 with a zero-width space copied in after it. The child rows are read as
//! the platform publishes them and linked to their items.

mod common {
    pub mod read;
}

use std::path::{Path, PathBuf};

use common::read::read;
use rust_xlsxwriter::{Workbook, Worksheet};
use zwfw_audit::source::NoticeLevel;

const CODE: &str = "11341700MB1920036Q3000115011000";
const CODE_2: &str = "11341700MB1920036Q3000115012000";

fn write_row(ws: &mut Worksheet, r: u32, cells: &[&str]) {
    for (c, text) in cells.iter().enumerate() {
        ws.write_string(r, c as u16, *text).unwrap();
    }
}

/// A workbook of two items of 池州市自然资源和规划局 and a child sheet `child` written by `fill`.
fn workbook(dir: &Path, child: &str, fill: impl FnOnce(&mut Worksheet)) -> PathBuf {
    let path = dir.join("实施清单.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("事项基本信息").unwrap();
    write_row(
        ws,
        0,
        &["实施编码", "事项名称", "实施主体", "是否涉及中介服务"],
    );
    write_row(
        ws,
        1,
        &[
            CODE,
            "建设项目用地预审与选址意见书核发",
            "池州市自然资源和规划局",
            "是",
        ],
    );
    write_row(
        ws,
        2,
        &[
            CODE_2,
            "建设用地规划许可证核发",
            "池州市自然资源和规划局",
            "否",
        ],
    );
    fill(wb.add_worksheet().set_name(child).unwrap());
    wb.save(&path).unwrap();
    path
}

/// Trips the number-phone rule on an agency's 联系方式 (v07): `0566-2028811` typed without its
/// dash is the number 5662028811. It is read with its 0 back, and one warning names the column,
/// as for 咨询方式; a mobile number is kept.
#[test]
fn an_agency_phone_kept_as_a_number_gets_its_zero_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = workbook(dir.path(), "中介服务", |ws| {
        write_row(
            ws,
            0,
            &[
                "实施编码",
                "中介服务名称",
                "中介服务设定依据",
                "中介机构名称",
                "中介机构地址",
                "联系方式",
            ],
        );
        for (r, (agency, address)) in [
            ("池州市勘测院", "池州市贵池区长江中路56号"),
            ("安徽省地质测绘技术院", "池州市贵池区清溪大道8号"),
        ]
        .into_iter()
        .enumerate()
        {
            let r = r as u32 + 1;
            write_row(
                ws,
                r,
                &[
                    CODE,
                    "建设项目勘测定界",
                    "《中华人民共和国土地管理法实施条例》第二十四条",
                    agency,
                    address,
                ],
            );
        }
        ws.write_number(1, 5, 5_662_028_811.0).unwrap();
        ws.write_number(2, 5, 13_905_661_234.0).unwrap();
    });
    let r = read(std::slice::from_ref(&path));
    assert_eq!(r.items.len(), 2, "{:?}", r.notices);
    let services = &r.items[0].intermediaries;
    assert_eq!(services.len(), 1, "{:?}", r.notices);
    let contacts: Vec<&str> = services[0]
        .agencies
        .iter()
        .map(|a| a.contact.as_str())
        .collect();
    assert_eq!(contacts, ["05662028811", "13905661234"]);
    let warnings: Vec<_> = r
        .notices
        .iter()
        .filter(|n| n.message.contains("「联系方式」列"))
        .collect();
    assert_eq!(warnings.len(), 1, "{:?}", r.notices);
    assert_eq!(warnings[0].level, NoticeLevel::Warning);
    for part in ["区号的 0 已被 Excel 去掉", "「5662028811」", "第 2 行"] {
        assert!(
            warnings[0].message.contains(part),
            "{part}: {}",
            warnings[0].message
        );
    }
}

/// Should link (x29): a zero-width space, a word joiner or a BOM after a 常见问题 row's
/// 实施编码 (copied from a web page) is no part of the code, as a no-break space or a tab is not.
#[test]
fn a_code_with_an_invisible_character_links() {
    let dir = tempfile::tempdir().unwrap();
    let path = workbook(dir.path(), "常见问题", |ws| {
        write_row(ws, 0, &["实施编码", "问题", "解答"]);
        write_row(
            ws,
            1,
            &[
                &format!("{CODE}\u{200B}"),
                "建设项目用地预审需要哪些材料？",
                "需提交建设项目用地预审申请表、项目建设依据等材料，详见申请材料清单。",
            ],
        );
        write_row(
            ws,
            2,
            &[
                &format!("\u{FEFF}{CODE_2}\u{2060}"),
                "建设用地规划许可证多久能办好？",
                "承诺5个工作日内办结。",
            ],
        );
        write_row(
            ws,
            3,
            &[
                &format!("\t{CODE}\u{a0}"),
                "可以网上申请吗？",
                "可以，登录安徽政务服务网池州分厅在线申请。",
            ],
        );
    });
    let r = read(std::slice::from_ref(&path));
    assert_eq!(r.items.len(), 2);
    let faqs: Vec<usize> = r.items.iter().map(|i| i.faqs.len()).collect();
    assert_eq!(faqs, [2, 1], "{:?}", r.notices);
    assert!(
        !r.notices.iter().any(|n| n.message.contains("关联")),
        "{:?}",
        r.notices
    );
}
