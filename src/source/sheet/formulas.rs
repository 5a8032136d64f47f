//! Formulas a workbook saved without their result (`<f>` and no `<v>`): what a program that
//! writes workbooks without computing them (Apache POI, openpyxl, a platform's export) or a tool
//! that does not compute formulas leaves. Excel and WPS show the result once the file is opened;
//! calamine, which computes nothing, has no value to give, and the cell reads as empty.
//!
//! One warning per sheet names them by column, under the column's header, once the header is
//! known: a blank element there may be reported 「为空」 though the clerk's Excel shows it. A column
//! no rule reads (序号 numbered `=ROW()-1`, a remark, a column no element is known by) is left
//! out, so a workbook whose only formulas number its rows gets no warning. A sheet read as no
//! table has every formula named, by column letter: its header may be what the formulas held.

use super::columns::Col;
use super::{Sheet, column_letters};
use crate::model::Provenance;
use crate::source::{Notice, NoticeLevel};

/// Rows kept a column for the warning, at most.
const ROWS_SHOWN: usize = 3;
/// Columns named in the warning, at most.
const COLUMNS_SHOWN: usize = 6;

/// A sheet's formulas without a result, by column.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Uncomputed {
    /// In the order their column was first met.
    columns: Vec<Column>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Column {
    /// Absolute column (A is 0).
    col: usize,
    count: usize,
    /// The first few rows (0-based spreadsheet rows), in the order read.
    rows: Vec<usize>,
}

impl Uncomputed {
    /// Counts the formula at 0-based spreadsheet row `row`, column `col`.
    pub fn add(&mut self, row: usize, col: usize) {
        let i = self
            .columns
            .iter()
            .position(|c| c.col == col)
            .unwrap_or_else(|| {
                self.columns.push(Column {
                    col,
                    count: 0,
                    rows: Vec::new(),
                });
                self.columns.len() - 1
            });
        let column = &mut self.columns[i];
        column.count += 1;
        if column.rows.len() < ROWS_SHOWN {
            column.rows.push(row);
        }
    }

    /// How many formulas.
    pub fn count(&self) -> usize {
        self.columns.iter().map(|c| c.count).sum()
    }

    /// The first rows of column `col` (0-based spreadsheet rows).
    #[cfg(test)]
    pub fn rows_of(&self, col: usize) -> &[usize] {
        self.columns
            .iter()
            .find(|c| c.col == col)
            .map_or(&[], |c| &c.rows)
    }
}

/// The warning for `sheet`'s formulas in columns a rule reads, once its header (`rows[header]`,
/// columns `cols`) is known; `read` are unrecognised headers read all the same (an item table's
/// 申请材料 column split into materials, its 收费标准). A formula in or above the header row is
/// always named.
pub(super) fn notice(sheet: &Sheet, header: usize, cols: &[Col], read: &[&str]) -> Option<Notice> {
    // The header row as a 0-based spreadsheet row.
    let header_row = (sheet.first_row as usize + header).saturating_sub(1);
    let checked = |c: &Column| {
        c.rows.iter().any(|&r| r <= header_row)
            || match cols.get(c.col) {
                None | Some(Col::Skip) => false,
                Some(Col::Extra(h)) => read.contains(&h.as_str()),
                Some(_) => true,
            }
    };
    let named = |c: &Column| match cols.get(c.col) {
        Some(Col::Skip) | None => format!("{}列", column_letters(c.col)),
        Some(_) => {
            let h = super::cell(&sheet.rows[header], c.col);
            format!("{}列「{h}」", column_letters(c.col))
        }
    };
    warning(sheet, |c| checked(c).then(|| named(c)))
}

/// The warning for every formula of `sheet`, a sheet read as no table.
pub(super) fn notice_unread(sheet: &Sheet) -> Option<Notice> {
    warning(sheet, |c| Some(format!("{}列", column_letters(c.col))))
}

/// The warning naming the columns `name` keeps (by how it names them), with their first rows.
fn warning(sheet: &Sheet, name: impl Fn(&Column) -> Option<String>) -> Option<Notice> {
    let kept: Vec<(&Column, String)> = sheet
        .uncomputed
        .columns
        .iter()
        .filter_map(|c| name(c).map(|n| (c, n)))
        .collect();
    let first_row = kept.iter().filter_map(|(c, _)| c.rows.first()).min()?;
    let count: usize = kept.iter().map(|(c, _)| c.count).sum();
    let mut places: Vec<String> = kept
        .iter()
        .take(COLUMNS_SHOWN)
        .map(|(c, name)| {
            let rows: Vec<String> = c.rows.iter().map(|r| format!("第{}行", r + 1)).collect();
            let more = if c.count > c.rows.len() { "…" } else { "" };
            format!("{name}{}{more}，共 {} 个", rows.join("、"), c.count)
        })
        .collect();
    if kept.len() > COLUMNS_SHOWN {
        places.push(format!("等 {} 列", kept.len()));
    }
    let label = sheet.label();
    Some(Notice {
        level: NoticeLevel::Warning,
        provenance: match &sheet.name {
            Some(n) => {
                Provenance::sheet_row(sheet.source.clone(), n.clone(), *first_row as u64 + 1)
            }
            None => Provenance::row(sheet.source.clone(), *first_row as u64 + 1),
        },
        message: format!(
            "{label}有 {count} 个单元格是公式，但文件里没有保存公式的计算结果（{}），无法读出其值，已按空白读取：检查结果中与这些单元格有关的“未填写”“为空”等问题，可能是读不到公式结果造成的，并非漏填。这种文件通常由程序生成或用不计算公式的软件保存；请在 Excel/WPS 中打开这个文件，确认这些单元格显示出内容后保存，再检查",
            places.join("；")
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::super::{Sheet, assemble};
    use super::Uncomputed;
    use crate::config::Labels;
    use crate::source::{Notice, Record};

    const CODE: &str = "1134170000312541513000117035000";

    /// An item sheet as a program exports it: 序号 numbered by `=ROW()-1`, and `formulas`
    /// (0-based spreadsheet row, column) saved without their result, read as blank.
    fn exported(formulas: &[(usize, usize)]) -> Sheet {
        let rows: Vec<Vec<String>> = [
            [
                "序号",
                "实施编码",
                "事项名称",
                "办理地点",
                "咨询电话",
                "内部备注",
            ],
            ["", CODE, "农药经营许可", "", "0566-2021156", "另见系统"],
            ["", CODE, "兽药经营许可", "", "0566-2021156", ""],
        ]
        .iter()
        .map(|r| r.iter().map(|c| (*c).to_owned()).collect())
        .collect();
        let mut uncomputed = Uncomputed::default();
        for &(r, c) in formulas {
            uncomputed.add(r, c);
        }
        Sheet {
            source: "系统生成.xlsx".into(),
            name: Some("事项".into()),
            first_row: 1,
            rows,
            long_numbers: Vec::new(),
            uncomputed,
        }
    }

    fn formula_warnings(sheet: Sheet) -> Vec<Notice> {
        let mut found = Vec::new();
        assemble(vec![sheet], &Labels::default(), &mut |r| {
            if let Record::Notice(n) = r
                && n.message.contains("公式")
            {
                found.push(n);
            }
        });
        found
    }

    #[test]
    fn formulas_that_only_number_the_rows_are_not_warned_about() {
        // 序号 (A) and a column no element is known by (F).
        assert!(formula_warnings(exported(&[(1, 0), (2, 0), (1, 5)])).is_empty());
    }

    #[test]
    fn formulas_in_an_elements_column_are_named_by_its_header() {
        let warnings = formula_warnings(exported(&[(1, 0), (2, 0), (1, 3), (2, 3)]));
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        let message = &warnings[0].message;
        assert!(
            message.contains("有 2 个单元格是公式")
                && message.contains("D列「办理地点」第2行、第3行，共 2 个")
                && !message.contains("序号"),
            "{message}"
        );
        assert_eq!(warnings[0].provenance.row, Some(2));
    }

    #[test]
    fn a_sheet_read_as_no_table_has_every_formula_named() {
        // The header was what the formulas held: nothing is recognised, every cell is named.
        let mut sheet = exported(&[(0, 0), (0, 1), (0, 2), (0, 3)]);
        sheet.rows = vec![vec![String::new(); 4], vec!["许可".to_owned(); 4]];
        let warnings = formula_warnings(sheet);
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(
            warnings[0].message.contains("A列第1行，共 1 个；B列第1行"),
            "{}",
            warnings[0].message
        );
    }
}
