//! Child rows linked to their items by 实施编码, where the two sheets do not write it alike:
//!
//! - An item sheet keyed by 业务办理项编码 (实施编码 + a 2-digit sequence, 33 characters) with
//!   child sheets keyed by 实施编码 (31): a child code links to the one item whose code it
//!   begins; the other way round too (a child's 业务办理项编码 to the item of its 实施编码).
//! - 实施编码 that Excel turned into numbers keep 15 significant digits (`…254000…0`) or become
//!   scientific notation: an item whose code is so damaged links the child rows whose code is
//!   damaged the same way, or whose intact code Excel would have turned into its code.
//!
//! A code that fits several items (three codes that Excel made one, two 业务办理项 of one 实施编码)
//! links no row: those items' list is unread ([`crate::model::UnreadLists`]), as is the list of a
//! damaged item that got no row at all, and every item's when the sheet links no row: a unit is
//! not charged (「未列出申请材料」) for rows the tool could not link. Not here: linking by 事项名称
//! (`by_name.rs`), reading the rows (`children.rs`).

use std::collections::HashMap;

use super::Sheet;
use super::children::{ChildRow, Layout, attach, orphan_notice};
use super::columns::Kind;
use crate::model::text::looks_scientific;
use crate::model::{Item, UnreadLists};
use crate::source::{Notice, NoticeLevel};

/// The length of a national 实施编码, and of a 业务办理项编码 (two digits more).
const CODE_LEN: usize = 31;
const BUSINESS_LEN: usize = CODE_LEN + 2;

/// Significant digits Excel keeps of a number.
const EXCEL_DIGITS: usize = 15;

/// The items of a workbook by the codes child rows may point at them with.
pub(super) struct CodeIndex {
    /// Intact codes (the first item of a repeated code: [`super::super::read_inputs`] says it).
    exact: HashMap<String, usize>,
    /// Codes Excel damaged, as the items show them.
    damaged: HashMap<String, Vec<usize>>,
    /// The 实施编码 that items keyed by 业务办理项编码 begin with.
    business: HashMap<String, Vec<usize>>,
    /// The items whose code is damaged, in order.
    damaged_items: Vec<usize>,
}

/// Where a child row's code points.
pub(super) enum Target {
    One(usize),
    /// Several items, none of which can be told.
    Several(Vec<usize>),
    Nothing,
}

impl CodeIndex {
    pub(super) fn new(items: &[Item]) -> Self {
        let mut index = CodeIndex {
            exact: HashMap::new(),
            damaged: HashMap::new(),
            business: HashMap::new(),
            damaged_items: Vec::new(),
        };
        for (i, item) in items.iter().enumerate() {
            let code = item.code.trim();
            if code.is_empty() {
                continue;
            }
            if is_damaged(code) {
                index.damaged.entry(code.to_owned()).or_default().push(i);
                index.damaged_items.push(i);
                continue;
            }
            index.exact.entry(code.to_owned()).or_insert(i);
            if let Some(base) = business_base(code) {
                index.business.entry(base.to_owned()).or_default().push(i);
            }
        }
        index
    }

    /// The item(s) a child row's code `key` points at.
    pub(super) fn target(&self, key: &str) -> Target {
        let key = key.trim();
        if let Some(&i) = self.exact.get(key) {
            return Target::One(i);
        }
        let several = |items: &Vec<usize>| match items.as_slice() {
            [i] => Target::One(*i),
            _ => Target::Several(items.clone()),
        };
        if !self.damaged.is_empty() {
            let form = excel_form(key);
            if let Some(items) = self
                .damaged
                .get(key)
                .or_else(|| form.and_then(|f| self.damaged.get(&f)))
            {
                return several(items);
            }
        }
        if key.len() == CODE_LEN
            && let Some(items) = self.business.get(key)
        {
            return several(items);
        }
        if let Some(&i) = business_base(key).and_then(|base| self.exact.get(base)) {
            return Target::One(i);
        }
        Target::Nothing
    }
}

/// Whether an item code is one Excel damaged: scientific notation, or digits only past the 15th
/// all zero (a real 实施编码 ends in its 基本编码, never in sixteen zeros).
pub(crate) fn is_damaged(code: &str) -> bool {
    looks_scientific(code)
        || code.len() > EXCEL_DIGITS
            && code.bytes().all(|b| b.is_ascii_digit())
            && code.bytes().skip(EXCEL_DIGITS).all(|b| b == b'0')
}

/// The 实施编码 a 业务办理项编码 begins with: the code without its last two digits.
fn business_base(code: &str) -> Option<&str> {
    (code.len() == BUSINESS_LEN
        && code.is_ascii()
        && code.bytes().skip(CODE_LEN).all(|b| b.is_ascii_digit()))
    .then(|| &code[..CODE_LEN])
}

/// The digits Excel shows for a code of digits only typed into a number cell: rounded to 15
/// significant digits, the rest zeros (`1134170000312541513000117035000` →
/// `1134170000312540000000000000000`); `None` for a code Excel keeps whole or as text.
fn excel_form(code: &str) -> Option<String> {
    if code.len() <= EXCEL_DIGITS
        || code.starts_with('0')
        || !code.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let mut kept: Vec<u8> = code.as_bytes()[..EXCEL_DIGITS].to_vec();
    let mut len = code.len();
    if code.as_bytes()[EXCEL_DIGITS] >= b'5' {
        let mut k = EXCEL_DIGITS;
        loop {
            if k == 0 {
                kept.insert(0, b'1');
                kept.pop();
                len += 1;
                break;
            }
            k -= 1;
            if kept[k] == b'9' {
                kept[k] = b'0';
            } else {
                kept[k] += 1;
                break;
            }
        }
    }
    let mut form = String::from_utf8(kept).ok()?;
    form.extend(std::iter::repeat_n('0', len - EXCEL_DIGITS));
    Some(form)
}

/// Adds the rows of a child sheet of `kind` linked by 实施编码 to their items, noting in `got` the
/// lists each item got a row of. Returns the lists every item of the workbook has unread: this
/// sheet's when it has rows and none of them could be linked.
pub(super) fn attach_by_code(
    (layout, sheet): (Layout<'_>, &mut Sheet),
    rows: Vec<ChildRow>,
    (items, index): (&mut [Item], &CodeIndex),
    got: &mut [UnreadLists],
    notices: &mut Vec<Notice>,
) -> UnreadLists {
    let kind = layout.kind;
    let list = kind.label();
    let mut linked = 0;
    // Orphan rows and rows of an ambiguous code, grouped by code in the order they first appear.
    let mut orphans: Vec<Vec<ChildRow>> = Vec::new();
    let mut ambiguous: Vec<(Vec<usize>, Vec<ChildRow>)> = Vec::new();
    let had_rows = !rows.is_empty();
    for row in rows {
        match index.target(&row.key) {
            Target::One(i) => {
                attach(&mut items[i], layout, sheet, row.index);
                got[i] = got[i].or(kind.unread());
                linked += 1;
            }
            Target::Several(targets) => {
                match ambiguous.iter_mut().find(|(_, r)| r[0].key == row.key) {
                    Some((_, rows)) => rows.push(row),
                    None => ambiguous.push((targets, vec![row])),
                }
            }
            Target::Nothing => match orphans.iter_mut().find(|o| o[0].key == row.key) {
                Some(o) => o.push(row),
                None => orphans.push(vec![row]),
            },
        }
    }
    let mut all_unread = UnreadLists::default();
    if had_rows && linked == 0 && ambiguous.is_empty() {
        all_unread = kind.unread();
        notices.push(Notice {
            level: NoticeLevel::Error,
            provenance: sheet.provenance(0),
            message: format!(
                "{}没有一行能按实施编码关联到事项：本工作簿事项的{list}按“未读取”处理，{list}的检查对这些事项不适用，不扣分。请核对该表的实施编码与事项表的是否一致",
                sheet.label()
            ),
        });
    }
    notices.extend(
        orphans
            .iter()
            .map(|rows| orphan_notice(sheet, rows, "实施编码")),
    );
    for (targets, rows) in &ambiguous {
        for &i in targets {
            items[i].unread = items[i].unread.or(kind.unread());
        }
        notices.push(ambiguous_notice(sheet, rows, targets, items, list));
    }
    all_unread
}

/// The rows of a code that fits several items, which cannot be told apart.
fn ambiguous_notice(
    sheet: &Sheet,
    rows: &[ChildRow],
    targets: &[usize],
    items: &[Item],
    list: &str,
) -> Notice {
    let (numbers, more) = super::children::first_rows(sheet, rows);
    let places =
        super::children::listed_items(items, targets, |item| format!("「{}」", item.name.trim()));
    Notice {
        level: NoticeLevel::Warning,
        provenance: sheet.provenance(rows[0].index),
        message: format!(
            "{}第{}行{more}的实施编码 \"{}\" 对应事项表中的 {} 个事项（{}），无法确定属于哪一个，未归入：这些事项的{list}按“未读取”处理，不扣分",
            sheet.label(),
            numbers,
            rows[0].key,
            targets.len(),
            places.join("、"),
        ),
    }
}

/// Marks the lists of `kinds` (the kinds of the workbook's sheets linked by code) unread for each
/// item whose code Excel damaged and that got no row of them (`got`), and says so once.
pub(super) fn damaged_unread(
    index: &CodeIndex,
    kinds: &[Kind],
    items: &mut [Item],
    got: &[UnreadLists],
) -> Option<Notice> {
    let mut marked: Vec<usize> = Vec::new();
    let mut lists: Vec<Kind> = Vec::new();
    for &i in &index.damaged_items {
        for &kind in kinds {
            if got[i].or(kind.unread()) != got[i] {
                items[i].unread = items[i].unread.or(kind.unread());
                if !marked.contains(&i) {
                    marked.push(i);
                }
                if !lists.contains(&kind) {
                    lists.push(kind);
                }
            }
        }
    }
    let first = &items[*marked.first()?];
    let place = match &first.provenance.sheet {
        Some(sheet) => format!("表「{sheet}」"),
        None => format!(
            "文件「{}」",
            crate::model::provenance::file_name(&first.provenance.source)
        ),
    };
    let rows: Vec<String> = marked
        .iter()
        .take(10)
        .filter_map(|&i| items[i].provenance.row)
        .map(|r| r.to_string())
        .collect();
    let more = if marked.len() > 10 { "等" } else { "" };
    let lists: Vec<&str> = lists.iter().map(|k| k.label()).collect();
    let lists = lists.join("、");
    Some(Notice {
        level: NoticeLevel::Warning,
        provenance: first.provenance.clone(),
        message: format!(
            "{place}第{}行{more}的实施编码已被 Excel 损坏，子表中的{lists}无法按编码归入这 {} 个事项：它们的{lists}按“未读取”处理，不扣分；请把实施编码列设为文本格式后重新导出",
            rows.join("、"),
            marked.len(),
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_is_rounded_to_fifteen_digits_as_excel_shows_it() {
        assert_eq!(
            excel_form("1134170000312541513000117035000").as_deref(),
            Some("1134170000312540000000000000000")
        );
        assert_eq!(
            excel_form("1134170000312546513000117035000").as_deref(),
            Some("1134170000312550000000000000000")
        );
        assert_eq!(
            excel_form("9999999999999995").as_deref(),
            Some("10000000000000000")
        );
        assert_eq!(excel_form("11341700MB1920036Q3000707015000"), None);
        assert_eq!(excel_form("000117035000"), None);
        assert!(is_damaged("1134170000312540000000000000000"));
        assert!(is_damaged("1.13417E+30"));
        assert!(!is_damaged("1134170000312541513000117035000"));
    }

    #[test]
    fn a_business_code_begins_with_its_implementation_code() {
        assert_eq!(
            business_base("11341700MB1920036Q300070701500001"),
            Some("11341700MB1920036Q3000707015000")
        );
        assert_eq!(business_base("11341700MB1920036Q3000707015000"), None);
        assert_eq!(business_base("11341700MB1920036Q30007070150000A"), None);
    }
}
