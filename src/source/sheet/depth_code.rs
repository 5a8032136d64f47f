//! 网办深度 written as a bare number (`3`, `4`): a platform's code, not a level. Platforms number
//! the depths differently (one writes 1 for 全程网办), so P02 does not guess the level from it
//! and does not apply (`rules::process::online_depth`). The value is kept as published; one
//! warning per column says which rows P02 did not check and why, so the assessor does not take
//! its n/a for a pass. Not here: the value domain itself (B08).

use super::columns::Col;
use super::{Sheet, cell};
use crate::model::ItemField;
use crate::source::{Notice, NoticeLevel};

/// Rows and values listed in the notice, at most.
const SHOWN: usize = 5;

/// Whether a 网办深度 cell is only digits (half- or full-width): a code, no level.
fn is_code(value: &str) -> bool {
    !value.is_empty()
        && value
            .chars()
            .all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
}

/// The warning for the 网办深度 column of an item table (header row `header`, columns `cols`)
/// whose cells are bare numbers, with their rows and values.
pub(super) fn notice(sheet: &Sheet, header: usize, cols: &[Col]) -> Option<Notice> {
    let c = cols
        .iter()
        .position(|col| *col == Col::Item(ItemField::OnlineDepth))?;
    let rows: Vec<usize> = (header + 1..sheet.rows.len())
        .filter(|&r| is_code(cell(&sheet.rows[r], c)))
        .collect();
    let first = *rows.first()?;
    let mut values: Vec<&str> = Vec::new();
    for &r in &rows {
        let v = cell(&sheet.rows[r], c);
        if !values.contains(&v) && values.len() < SHOWN {
            values.push(v);
        }
    }
    let mut shown: Vec<String> = rows
        .iter()
        .take(SHOWN)
        .map(|&r| sheet.row_number(r).to_string())
        .collect();
    if rows.len() > SHOWN {
        shown.push("…".into());
    }
    Some(Notice {
        level: NoticeLevel::Warning,
        provenance: sheet.provenance(first),
        message: format!(
            "{}的「{}」列有 {} 个单元格只写了数字代码（第 {} 行，值「{}」）：各平台对网办深度的编号不同（有的平台 1 表示全程网办），无法确定是几级，P02（办理流程与网办深度关联度）对这些事项未检查、不扣分；请导出网办深度的名称（如「三级」「Ⅳ级（全程网办）」）后再检查",
            sheet.label(),
            cell(&sheet.rows[header], c),
            rows.len(),
            shown.join("、"),
            values.join("」「"),
        ),
    })
}
