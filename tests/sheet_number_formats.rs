//! Phones and codes a clerk typed into number cells and formatted to show their leading zeros
//! (h34, x23): Excel shows `0566-2021156` and `000117035000`, which is what is read, with no
//! warning that a 0 was lost. A number with no such format is still read with its 0 back and
//! warned about.

mod common {
    pub mod read;
}

use common::read::read;
use rust_xlsxwriter::{Format, Workbook};

#[test]
fn a_number_formatted_with_its_leading_zeros_is_read_as_shown() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("东至县实施清单.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("事项基本信息").unwrap();
    for (c, h) in [
        "实施编码",
        "事项名称",
        "基本编码",
        "咨询方式",
        "监督投诉电话",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    let phone = Format::new().set_num_format("0000-0000000");
    let hotline = Format::new().set_num_format("0000-00000");
    let basic = Format::new().set_num_format("000000000000");
    for (r, (code, name)) in [
        ("11341721003213474X4000117035000", "食品经营许可（新办）"),
        ("11341721003213474X4000117034000", "食品生产许可（新办）"),
    ]
    .into_iter()
    .enumerate()
    {
        let r = r as u32 + 1;
        ws.write_string(r, 0, code).unwrap();
        ws.write_string(r, 1, name).unwrap();
        ws.write_number_with_format(r, 2, 117_035_000.0 - f64::from(r - 1) * 1000.0, &basic)
            .unwrap();
    }
    ws.write_number_with_format(1, 3, 5_667_022_142.0, &phone)
        .unwrap();
    ws.write_number_with_format(1, 4, 56_612_345.0, &hotline)
        .unwrap();
    // No format: Excel shows 5667023345, the 0 is gone.
    ws.write_number(2, 3, 5_667_023_345.0).unwrap();
    ws.write_string(2, 4, "0566-12345").unwrap();
    wb.save(&path).unwrap();

    let r = read(std::slice::from_ref(&path));
    assert_eq!(r.items.len(), 2, "{:?}", r.notices);
    let (a, b) = (&r.items[0], &r.items[1]);
    assert_eq!(a.basic_code, "000117035000");
    assert_eq!(b.basic_code, "000117034000");
    assert_eq!(a.consult_phone, "0566-7022142");
    assert_eq!(a.supervise_phone, "0566-12345");
    assert_eq!(b.consult_phone, "05667023345");
    let lost: Vec<&str> = r
        .notices
        .iter()
        .filter(|n| n.message.contains("0 已被 Excel 去掉"))
        .map(|n| n.message.as_str())
        .collect();
    assert_eq!(lost.len(), 1, "{lost:?}");
    assert!(
        lost[0].contains("「咨询方式」列有 1 个单元格") && lost[0].contains("第 3 行"),
        "{}",
        lost[0]
    );
}
