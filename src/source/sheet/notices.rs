//! The notices of a workbook's shape: no item table, an item table with only its header, no
//! 申请材料 table, columns with content but no header, a key column missing.

use super::columns::Col;
use super::{Sheet, cell, is_blank_row};
use crate::model::Provenance;
use crate::source::{Notice, NoticeLevel};

/// How the notice of [`no_material_sheet_notice`] begins.
pub(super) const NO_MATERIAL_SHEET: &str = "没有找到「申请材料」表";

/// Items but no 申请材料 table: every item would be reported as listing no material, and a night
/// whose export template lost the sheet would credit the units with fixing their materials.
pub(super) fn no_material_sheet_notice(sheets: &[Sheet]) -> Notice {
    files_warning(
        sheets,
        format!(
            "{NO_MATERIAL_SHEET}（表头应含实施编码和材料名称）：事项的申请材料都没有读到，每个事项都会被报为未列出申请材料；如果导出模板改了或少导出了一张表，请重新导出"
        ),
    )
}

/// Items and sheets of other child lists (办理流程, 常见问题 …) but no 申请材料 table: an export of
/// separate child sheets that left this one out, not a platform whose items list no materials.
/// The materials are unread for every item, and M01–M08 not checked, as for 办理流程 or 常见问题
/// left out (`absent.rs`).
pub(super) fn material_sheet_left_out_notice(sheets: &[Sheet]) -> Notice {
    files_warning(
        sheets,
        format!(
            "{NO_MATERIAL_SHEET}（表头应含实施编码和材料名称）：文件有其他子表（办理流程、常见问题等）而没有申请材料表，应是导出时少导出了这张表；事项的申请材料都没有读到，M01–M08 未检查（按未读取处理，不扣分）；要检查申请材料，请重新导出含申请材料表的完整清单"
        ),
    )
}

/// A warning about the whole export, placed at its files (each named once).
fn files_warning(sheets: &[Sheet], message: String) -> Notice {
    let mut sources: Vec<&str> = sheets.iter().map(|s| &*s.source).collect();
    sources.dedup();
    Notice {
        level: NoticeLevel::Warning,
        provenance: Provenance::file(sources.join("、")),
        message,
    }
}

/// Whether every row below `header` is blank.
pub(super) fn nothing_below(sheet: &Sheet, header: usize) -> bool {
    sheet.rows.iter().skip(header + 1).all(|r| is_blank_row(r))
}

/// An item table with its header (row `header`) but no item under it.
pub(super) fn header_only_notice(sheet: &Sheet, header: usize) -> Notice {
    let names: Vec<&str> = sheet.rows[header]
        .iter()
        .map(|c| c.trim())
        .filter(|c| !c.is_empty())
        .take(6)
        .collect();
    let more = if sheet.rows[header]
        .iter()
        .filter(|c| !c.trim().is_empty())
        .count()
        > names.len()
    {
        "…"
    } else {
        ""
    };
    Notice {
        level: NoticeLevel::Error,
        provenance: sheet.provenance(header),
        message: format!(
            "{}只有表头（第 {} 行：{}{more}），下面没有事项数据行，可能导出还没完成，请确认后重新导出",
            sheet.label(),
            sheet.row_number(header),
            names.join("、"),
        ),
    }
}

/// No sheet of the workbook (or of the run's CSV files) holds items.
pub(super) fn no_item_sheet_notice(sheets: &[Sheet]) -> Notice {
    let mut sources: Vec<&str> = sheets.iter().map(|s| &*s.source).collect();
    sources.dedup();
    let names: Vec<String> = sheets.iter().map(Sheet::label).collect();
    if sheets.iter().all(Sheet::is_blank) {
        return Notice {
            level: NoticeLevel::Error,
            provenance: Provenance::file(sources.join("、")),
            message: format!(
                "{}没有任何内容（只有空行），可能导出还没完成，请确认后重新导出",
                names.join("、")
            ),
        };
    }
    Notice {
        level: NoticeLevel::Error,
        provenance: Provenance::file(sources.join("、")),
        message: format!(
            "没有找到事项表（{}）：事项表的表头应含「实施编码」或「事项名称」，以及实施主体、办理地点、承诺办结时限等事项要素列；子表无法关联，未读取",
            names.join("、")
        ),
    }
}

/// Columns with content but no header are not read: one warning names them (by the letters Excel
/// shows) with an example, since the usual cause is a header merged over two columns (`办理地点`
/// over the address and the window) whose second column would otherwise vanish without a word.
pub(super) fn headerless_notice(sheet: &Sheet, header: usize, cols: &[Col]) -> Option<Notice> {
    // Headerless columns with content: filled cells, first row, whether every value is a number
    // of at most six digits. One pass over the cells there are (rows may be ragged, and one
    // stray cell far to the right must not make every row as wide).
    let mut seen: std::collections::BTreeMap<usize, (usize, usize, bool)> =
        std::collections::BTreeMap::new();
    for (i, row) in sheet.rows.iter().enumerate().skip(header + 1) {
        for (c, v) in row.iter().enumerate() {
            let v = v.trim();
            if v.is_empty() || !matches!(cols.get(c), None | Some(Col::Skip)) {
                continue;
            }
            let e = seen.entry(c).or_insert((0, i, true));
            e.0 += 1;
            e.2 &= v.len() <= 6 && v.bytes().all(|b| b.is_ascii_digit());
        }
    }
    // A numbering column (序号) without a header holds nothing to check.
    let found: Vec<(usize, usize, usize)> = seen
        .into_iter()
        .filter(|&(_, (.., numbering))| !numbering)
        .map(|(c, (count, first, _))| (c, count, first))
        .collect();
    let &(c, count, first) = found.first()?;
    let letters: Vec<String> = found.iter().map(|&(c, ..)| column_letters(c)).collect();
    let left = c
        .checked_sub(1)
        .map(|l| cell(&sheet.rows[header], l))
        .filter(|h| !h.is_empty())
        .map(|h| format!("；如果它属于左边的「{h}」，请取消表头的合并，给它一个表头（如「窗口号」）或把内容合并到「{h}」列"))
        .unwrap_or_default();
    Some(Notice {
        level: NoticeLevel::Warning,
        provenance: sheet.provenance(header),
        message: format!(
            "{}第 {} 列没有表头，其中的内容未读取（{} 列第 {} 行起有 {count} 个单元格，如「{}」）{left}",
            sheet.label(),
            letters.join("、"),
            letters[0],
            sheet.row_number(first),
            crate::model::text::quote(cell(&sheet.rows[first], c), 20),
        ),
    })
}

/// A column's letters as Excel shows them: 0 is `A`, 25 `Z`, 26 `AA`.
pub(crate) fn column_letters(mut c: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (c % 26) as u8);
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// A key column the sheet lacks. An error loses records or their links (a nightly run that met
/// one is no baseline); a missing 事项名称 is a warning: every item is still read and checked.
pub(super) fn missing_column_notice(
    sheet: &Sheet,
    header: usize,
    (column, level): (&str, NoticeLevel),
    effect: &str,
) -> Notice {
    Notice {
        level,
        provenance: sheet.provenance(header),
        message: format!(
            "{}（表头在第{}行）缺少关键列「{column}」，{effect}",
            sheet.label(),
            sheet.row_number(header)
        ),
    }
}
