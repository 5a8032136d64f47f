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
