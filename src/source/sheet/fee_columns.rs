//! 收费标准 and 收费依据 written on the item's own row (a flat export, one row an item), in a
//! workbook without a 收费 sheet: read as the item's one fee, the way a one-cell 申请材料 column
//! is read as its materials (`material_list.rs`). Without it every charged item was charged F02
//! and F03 (「事项收费但未列出收费项目…」) for a standard and a basis in plain sight.
//!
//! Such a row has no 收费项目名称 column as a rule: the name is the text before the colon of the
//! standard (`不动产登记费：住宅类不动产每件80元`), else the standard itself, so F02 judges the
//! amount the row gives, not a column the format does not carry. Columns that name the fee
//! (收费项目名称 with 收费标准 …) are a fee record beside the item, read by
//! `columns::inline_children` instead.

use super::columns::{Col, Kind, Tables};
use super::{Sheet, cell};
use crate::model::text::is_blank_or_placeholder;
use crate::model::{Fee, FeeField, Item};
use crate::rules::fees::states_amount_or_algorithm;
use crate::source::{Notice, NoticeLevel};

/// How long the text before a standard's colon may be to be the fee's name.
const NAME_CHARS: usize = 30;

/// The item table's columns that hold a fee's elements (收费标准, 收费依据, 收费项目 …) and are
/// not the item's own (kept as unrecognised columns): their headers and fields, when one of them
/// names or prices the fee (a 收费依据 column alone is no fee).
pub(super) fn columns(tables: &Tables, header: &[String], cols: &[Col]) -> Vec<(String, FeeField)> {
    let found: Vec<(String, FeeField)> = cols
        .iter()
        .enumerate()
        .filter_map(
            |(c, col)| match (col, tables.column(Kind::Fee, cell(header, c))) {
                (Col::Extra(h), Col::Fee(field)) => Some((h.clone(), field)),
                _ => None,
            },
        )
        .collect();
    let prices = found
        .iter()
        .any(|(_, f)| matches!(f, FeeField::Name | FeeField::Standard));
    if prices { found } else { Vec::new() }
}

/// Moves each item's cells of the fee `columns` into one fee of the item (none when they are all
/// blank or a placeholder such as `无`); an Info notice naming the columns when any item has one.
pub(super) fn read(
    sheet: &Sheet,
    at: usize,
    columns: &[(String, FeeField)],
    items: &mut [Item],
) -> Option<Notice> {
    let mut read = 0;
    for item in items.iter_mut() {
        let mut fee = Fee {
            provenance: item.provenance.clone(),
            ..Fee::default()
        };
        for (header, field) in columns {
            if let Some(text) = item.extra.remove(header) {
                *fee.get_mut(*field) = text;
            }
        }
        if [&fee.name, &fee.standard, &fee.basis]
            .iter()
            .all(|t| is_blank_or_placeholder(t))
        {
            continue;
        }
        if fee.name.trim().is_empty() {
            name_of(&fee.standard).clone_into(&mut fee.name);
        }
        item.fees.push(fee);
        read += 1;
    }
    let headers: Vec<&str> = columns.iter().map(|(h, _)| h.as_str()).collect();
    let named = columns.iter().any(|(_, f)| *f == FeeField::Name);
    let name = if named {
        ""
    } else {
        "；没有收费项目名称列，名称取收费标准中冒号前的文字"
    };
    (read > 0).then(|| Notice {
        level: NoticeLevel::Info,
        provenance: sheet.provenance(at),
        message: format!(
            "{}没有收费表，列「{}」写在事项的行上：已作为 {read} 个事项各自的一条收费项目读取{name}",
            sheet.label(),
            headers.join("」「"),
        ),
    })
}

/// The fee's name a standard written with it gives (`不动产登记费：住宅类不动产每件80元` →
/// `不动产登记费`): the text before its first colon when short and no amount; else the whole
/// standard, which names and prices the fee in one.
fn name_of(standard: &str) -> &str {
    let standard = standard.trim();
    standard
        .split_once(['：', ':'])
        .map(|(head, _)| head.trim())
        .filter(|head| {
            !head.is_empty()
                && head.chars().count() <= NAME_CHARS
                && !states_amount_or_algorithm(head)
        })
        .unwrap_or(standard)
}

#[cfg(test)]
mod tests {
    use super::name_of;

    #[test]
    fn a_fee_is_named_by_the_text_before_the_colon_of_its_standard() {
        assert_eq!(
            name_of("不动产登记费：住宅类不动产每件80元；非住宅类不动产每件550元"),
            "不动产登记费"
        );
        assert_eq!(name_of("工本费:10元/本"), "工本费");
        // No colon, or an amount before it: the standard names and prices the fee in one.
        assert_eq!(name_of("每件80元"), "每件80元");
        assert_eq!(
            name_of("住宅80元/件：非住宅550元/件"),
            "住宅80元/件：非住宅550元/件"
        );
    }
}
