//! The columns of a sheet whose header names no element: their text is kept as other
//! information and no rule reads it, so a clerk whose 「办理时限」 column holds the 法定办结时限
//! saw only 「法定办结时限为空」. One warning per sheet lists them, as the JSON reader lists its
//! unread keys, with the `[labels]` line that maps a header to an element.
//!
//! Not listed: a column with nothing under its header; the known columns that are no element to
//! check — 序号 (it numbers the rows), 备注 (a remark), 材料编码 (实施编码 and three digits,
//! RULEBOOK *Item codes*), all three in the tool's own sample export, and the dates a platform
//! keeps of its record (更新时间, 发布时间, 导出时间 …: when the row was edited, not what the
//! guide says); a second column of a
//! known element (`repeated.rs` says it); and the columns of a 中介服务 or 常见问题 sheet
//! (`children.rs` says those, as their records keep no other information).

use super::columns::{Col, Kind, Tables};
use super::{Sheet, cell};
use crate::model::text::normalize_label;
use crate::source::{Notice, NoticeLevel};

/// Headers a notice names, at most.
const SHOWN: usize = 12;

/// Headers (normalised) of known columns that are no element to check, never listed.
const NO_ELEMENT: [&str; 15] = [
    "序号",
    "备注",
    "材料编码",
    // The record's own dates, which platform exports add.
    "更新时间",
    "最后更新时间",
    "更新日期",
    "发布时间",
    "发布日期",
    "导出时间",
    "导出日期",
    "修改时间",
    "最后修改时间",
    "创建时间",
    "录入时间",
    "填报时间",
];

/// The `[labels.…]` section of a sheet kind, and an example line from the example config.
fn section(kind: Kind) -> Option<(&'static str, &'static str)> {
    match kind {
        Kind::Item => Some(("item", "promised_limit = [\"承诺天数\"]")),
        Kind::Material => Some(("material", "blank_form = [\"表格模板\"]")),
        Kind::Step => Some(("step", "handler = [\"经办岗位\"]")),
        Kind::Fee => Some(("fee", "standard = [\"收费金额标准\"]")),
        Kind::Intermediary | Kind::Faq => None,
    }
}

/// The warning listing the columns of a sheet of `kind` (header row `header`, columns `cols`)
/// that no element is known by and that hold something; `read` is a column read all the same
/// (an item table's 申请材料 column split into materials).
pub(super) fn notice(
    sheet: &Sheet,
    header: usize,
    (cols, kind): (&[Col], Kind),
    tables: &Tables,
    read: &[&str],
) -> Option<Notice> {
    let (section, example) = section(kind)?;
    let headers: Vec<&str> = cols
        .iter()
        .enumerate()
        .filter_map(|(c, col)| match col {
            Col::Extra(h)
                if !read.contains(&h.as_str())
                    && !NO_ELEMENT.contains(&normalize_label(h).as_str())
                    && matches!(tables.column(kind, h), Col::Extra(_))
                    && sheet.rows[header + 1..]
                        .iter()
                        .any(|row| !cell(row, c).is_empty()) =>
            {
                Some(h.as_str())
            }
            _ => None,
        })
        .collect();
    let first = *headers.first()?;
    let more = if headers.len() > SHOWN {
        format!("等 {} 列", headers.len())
    } else {
        String::new()
    };
    let shown: Vec<&str> = headers.iter().copied().take(SHOWN).collect();
    Some(Notice {
        level: NoticeLevel::Warning,
        provenance: sheet.provenance(header),
        message: format!(
            "{}中以下列不是可识别的要素，其内容未按要素检查：「{}」{more}。如果其中有应检查的要素，请改用标准表头，或在配置 [labels.{section}] 中为它指定要素：写成 要素键名 = [\"{first}\"]（如 {example}；键名见 schema/item.schema.json，也可写要素的标准中文名，加引号）",
            sheet.label(),
            shown.join("」「"),
        ),
    })
}
