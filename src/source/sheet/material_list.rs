//! A 申请材料 column of an item table that lists each item's materials in one cell
//! (`1.食品经营许可申请书；2.营业执照；3.法定代表人身份证明`), as a 实施清单 made by hand often
//! does, in a workbook without a 申请材料 sheet. Read as the item's materials, one a numbered
//! entry or line; without it every item was charged M01 (未列出申请材料) for a list in plain sight.
//! The text is split as a JSON export's `materials` written as one text is
//! ([`crate::source::listed_materials`]).

use super::columns::{Col, Kind, Tables};
use super::{Sheet, cell};
use crate::model::{Item, Material, MaterialField};
use crate::source::listed_materials::split;
use crate::source::{Notice, NoticeLevel};

/// The header of the item table's column that names the materials (申请材料, 材料名称 …), when
/// it is one the item does not read (kept as an unrecognised column).
pub(super) fn column(tables: &Tables, header: &[String], cols: &[Col]) -> Option<String> {
    cols.iter().enumerate().find_map(|(c, col)| match col {
        Col::Extra(h)
            if tables.column(Kind::Material, cell(header, c))
                == Col::Material(MaterialField::Name) =>
        {
            Some(h.clone())
        }
        _ => None,
    })
}

/// Moves each item's cell of column `header` into its materials; an Info notice when any was.
pub(super) fn read(sheet: &Sheet, at: usize, header: &str, items: &mut [Item]) -> Option<Notice> {
    let mut materials = 0;
    for item in items.iter_mut() {
        let Some(text) = item.extra.remove(header) else {
            continue;
        };
        for name in split(&text) {
            item.materials.push(Material {
                name: name.to_owned(),
                provenance: item.provenance.clone(),
                ..Material::default()
            });
            materials += 1;
        }
    }
    (materials > 0).then(|| Notice {
        level: NoticeLevel::Info,
        provenance: sheet.provenance(at),
        message: format!(
            "{}没有申请材料表，列「{header}」在一格中列出事项的全部材料：已按编号和换行拆成 {materials} 条材料读取（这种写法没有材料来源、份数等，相应规则会按缺项报告）",
            sheet.label()
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::super::tests::{CODE, CODE_2, assemble_all, sheet};
    use super::Sheet;

    /// A CSV export named `file` (no sheet name) of one item with its materials listed in the
    /// cell under `column`.
    fn export(file: &str, column: &str, code: &str, name: &str, materials: &str) -> Sheet {
        Sheet {
            source: file.into(),
            name: None,
            ..sheet(
                "",
                &[
                    &["实施编码", "事项名称", "实施主体", "办理地点", column],
                    &[
                        code,
                        name,
                        "池州市人力资源和社会保障局",
                        "池州市长江中路89号政务服务中心2楼12号窗口",
                        materials,
                    ],
                ],
            )
        }
    }

    /// Should not charge the second file's items M01 (事项未列出申请材料) and call its 申请材料
    /// column unrecognised: two CSV exports in one run are one workbook, and the column was
    /// looked for only until the first item table had one (h27's iso3, a.csv and b.csv).
    #[test]
    fn each_item_table_of_an_export_has_its_materials_column_read() {
        let a = export(
            "a.csv",
            "申请材料",
            CODE,
            "失业保险金申领",
            "1.失业保险金申领登记表；2.身份证",
        );
        let b = export(
            "b.csv",
            "申请材料",
            CODE_2,
            "稳岗返还",
            "1.稳岗返还申请表；2.营业执照；3.银行开户许可证",
        );
        let (got, notices) = assemble_all(&[a, b]);
        let materials: Vec<Vec<&str>> = got
            .iter()
            .map(|i| i.materials.iter().map(|m| m.name.as_str()).collect())
            .collect();
        assert_eq!(
            materials,
            [
                vec!["失业保险金申领登记表", "身份证"],
                vec!["稳岗返还申请表", "营业执照", "银行开户许可证"],
            ]
        );
        assert!(got.iter().all(|i| i.extra.is_empty()), "{got:?}");
        let split: Vec<&str> = notices
            .iter()
            .filter(|n| n.message.contains("在一格中列出"))
            .map(|n| &*n.provenance.source)
            .collect();
        assert_eq!(split, ["a.csv", "b.csv"], "{notices:?}");
        assert!(
            notices
                .iter()
                .all(|n| !n.message.contains("不是可识别的要素")),
            "{notices:?}"
        );
    }

    /// Should still trip M01 on the item whose cell lists nothing (its materials are none, not
    /// another file's), while the other file's list is read.
    #[test]
    fn an_item_with_an_empty_list_beside_another_file_has_no_materials() {
        let a = export(
            "a.csv",
            "申请材料",
            CODE,
            "失业保险金申领",
            "1.登记表\n2.身份证",
        );
        let b = export("b.csv", "申请材料", CODE_2, "稳岗返还", "");
        let (got, _) = assemble_all(&[a, b]);
        assert_eq!(got[0].materials.len(), 2, "{got:?}");
        assert!(got[1].materials.is_empty(), "{got:?}");
    }
}
