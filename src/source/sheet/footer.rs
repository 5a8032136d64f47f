//! Rows under a table's header that are no record, in lists made by hand: totals and sign-offs
//! under the table (`合计：36项`, `填报人：李四 … 审核人：王五 … 联系电话：0566-2021888`,
//! `（盖章）`, `池州市数据资源管理局 2024年11月20日`), headings between department groups
//! (`一、池州市市场监督管理局（8项）`) and the header repeated over each pasted block. Read as
//! items they made fake items and fake units scored 0; read as child records they went to the
//! last item (a blank 实施编码 takes the code above) and charged it for a sign-off.
//!
//! A row whose 实施编码 looks like a code is always a record, so the common row costs one look at
//! one cell. An item that lacks its code but has a name is still an item, unless the name is all
//! the row holds and it reads as a heading. Not here: reading the records (`items.rs`,
//! `children.rs`).

use super::children::has_own_cells;
use super::columns::{Col, Kind};
use super::{Sheet, cell};
use crate::model::ItemField;
use crate::model::text::{looks_scientific, normalize_label, quote};
use crate::source::{Notice, NoticeLevel};

/// What starts a row under the table that is not an item: totals, sign-offs, notes.
const FOOTER_WORDS: &[&str] = &[
    "合计",
    "总计",
    "小计",
    "共计",
    "制表",
    "填表人",
    "填表日期",
    "填报人",
    "填报单位",
    "填报日期",
    "填报时间",
    "审核人",
    "审核:",
    "审批人",
    "负责人",
    "单位负责人",
    "分管领导",
    "经办人",
    "备注",
    "注:",
    "说明:",
    "打印时间",
    "导出时间",
    "统计时间",
    "数据截至",
    "数据截止",
];

/// How the label of a sign-off cell (`联系电话：0566-2021888`, `联系人：李四 13905661234`) ends.
const SIGNOFF_LABELS: &[&str] = &[
    "填报人",
    "填表人",
    "制表人",
    "审核人",
    "复核人",
    "审批人",
    "负责人",
    "经办人",
    "联系人",
    "领导",
    "电话",
    "手机",
    "日期",
    "时间",
    "单位",
    "签字",
    "签名",
    "盖章",
];

/// The most characters a sign-off cell's label has (`填报单位（盖章）`).
const MAX_LABEL_CHARS: usize = 12;

/// How many header cells make a wide table: in one, a row of a few cells is no item.
const WIDE_TABLE: usize = 6;

/// Why a row under the header is no record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum NotRecord {
    /// A total, a note or a sign-off (`合计`, `填报人：李四`, `（盖章）`).
    Footer,
    /// A heading between groups of items (`一、池州市市场监督管理局（8项）`).
    Heading,
    /// The header again (each department's block pasted with its own).
    Header,
    /// A few cells without a name or code: a heading when items follow it, else a footer.
    Sparse,
}

/// What the row tests need of an item table: its key columns, its normalised header labels and
/// how wide it is.
pub(super) struct Table {
    code: Option<usize>,
    name: Option<usize>,
    labels: Vec<String>,
    /// How many header cells are filled.
    width: usize,
}

impl Table {
    /// The table under `header` with columns `cols`.
    pub(super) fn new(header: &[String], cols: &[Col]) -> Self {
        let code = cols
            .iter()
            .position(|c| matches!(c, Col::Item(ItemField::Code) | Col::LinkCode));
        let name = cols.iter().position(|c| *c == Col::Item(ItemField::Name));
        let labels: Vec<String> = header.iter().map(|h| normalize_label(h)).collect();
        let width = labels.iter().filter(|l| !l.is_empty()).count();
        Self {
            code,
            name,
            labels,
            width,
        }
    }

    /// Why a row of an item table is no item, or `None` for an item. `inline` are the columns
    /// of child records side by side with the items (a row with one is a material of the item
    /// above, however few its cells).
    pub(super) fn item_row(
        &self,
        row: &[String],
        inline: &[(Kind, Vec<Col>)],
    ) -> Option<NotRecord> {
        let code = self.code.map_or("", |c| cell(row, c));
        if is_code_like(code) {
            return None;
        }
        if self.repeats_header(row, code) {
            return Some(NotRecord::Header);
        }
        if is_footer(row, code) {
            return Some(NotRecord::Footer);
        }
        if self.width < WIDE_TABLE {
            return None;
        }
        let name = self.name.map_or("", |c| cell(row, c));
        let (filled, numbering) = count_filled(row);
        let others = filled - usize::from(numbering.is_some());
        if !name.is_empty() {
            // Only the name (and a number): a heading written in the name column, told by its
            // number (`一`) or its words; a name alone is an item that lost the rest.
            let chinese_number = numbering.is_some_and(|n| !n.bytes().any(|b| b.is_ascii_digit()));
            return (others == 1 && (chinese_number || looks_like_heading(name)))
                .then_some(NotRecord::Heading);
        }
        if others > 3
            || others * 2 >= self.width
            || inline.iter().any(|(_, own)| has_own_cells(row, own))
        {
            return None;
        }
        if others == 1 && first_text(row, numbering.is_some()).is_some_and(looks_like_heading) {
            return Some(NotRecord::Heading);
        }
        Some(NotRecord::Sparse)
    }

    /// Why a row of a child sheet is no record, or `None`. Only a row whose code cell is empty
    /// or no code is looked at: a row under a record with its code cell empty takes that
    /// record's item (merged cells), and a footer there charged the item with a sign-off.
    pub(super) fn child_row(&self, row: &[String], key: &str) -> Option<NotRecord> {
        if is_code_like(key) {
            return None;
        }
        if self.repeats_header(row, key) {
            return Some(NotRecord::Header);
        }
        is_footer(row, key).then_some(NotRecord::Footer)
    }

    /// Whether a row repeats the header's labels: its 实施编码 or 事项名称 cell says the header's,
    /// and so do most of its filled cells.
    fn repeats_header(&self, row: &[String], code: &str) -> bool {
        let key = match (self.code, self.name) {
            (Some(c), _) if !code.is_empty() => c,
            (_, Some(n)) if !cell(row, n).is_empty() => n,
            _ => return false,
        };
        if normalize_label(cell(row, key)) != self.labels[key] {
            return false;
        }
        let (mut filled, mut same) = (0, 0);
        for (c, text) in row.iter().enumerate() {
            let text = text.trim();
            if text.is_empty() {
                continue;
            }
            filled += 1;
            if self
                .labels
                .get(c)
                .is_some_and(|l| !l.is_empty() && normalize_label(text) == *l)
            {
                same += 1;
            }
        }
        same * 2 > filled
    }
}

/// Whether a row is a total, note or sign-off: a first cell starting with one of
/// [`FOOTER_WORDS`] with at most one cell after it (`合计 | 36`) and no other code, or every
/// filled cell a sign-off ([`is_signoff`]).
fn is_footer(row: &[String], code: &str) -> bool {
    let mut filled = row.iter().map(|c| c.trim()).filter(|c| !c.is_empty());
    let Some(first) = filled.next() else {
        return false;
    };
    let worded = FOOTER_WORDS.iter().any(|w| starts_with_folded(first, w));
    if worded && filled.clone().count() <= 1 && (code.is_empty() || code == first) {
        return true;
    }
    (worded || is_signoff(first)) && filled.all(|c| starts_with_word(c) || is_signoff(c))
}

fn starts_with_word(text: &str) -> bool {
    FOOTER_WORDS.iter().any(|w| starts_with_folded(text, w))
}

/// A cell of a sign-off: `label：value` whose label ends with one of [`SIGNOFF_LABELS`]
/// (`联系电话：0566-2021888`, `填报单位（盖章）：…`), a seal's place (`（盖章）`), a date or a
/// text ending with one (`池州市数据资源管理局 2024年11月20日`), or a count (`共36项`).
fn is_signoff(text: &str) -> bool {
    let text = text.trim();
    if let Some(colon) = text.find([':', '：']) {
        let label = strip_notes(&text[..colon]);
        if label.chars().count() <= MAX_LABEL_CHARS
            && SIGNOFF_LABELS.iter().any(|l| label.ends_with(l))
        {
            return true;
        }
    }
    if matches!(
        strip_notes(text).as_str(),
        "盖章" | "签章" | "签字" | "签名" | "公章"
    ) {
        return true;
    }
    if [
        "（盖章）",
        "(盖章)",
        "（签章）",
        "(签章)",
        "（公章）",
        "(公章)",
    ]
    .iter()
    .any(|s| text.ends_with(s))
    {
        return true;
    }
    if ends_with_date(text) {
        return true;
    }
    // 共36项, 共 36 条
    text.strip_prefix('共').is_some_and(|rest| {
        let rest = rest.trim_start();
        rest.starts_with(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c))
    })
}

/// The text without its bracketed notes and spaces (`填报单位（盖章）` → `填报单位`).
fn strip_notes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut depth = 0u32;
    for c in text.chars() {
        match c {
            '(' | '（' | '【' | '[' => depth += 1,
            ')' | '）' | '】' | ']' => depth = depth.saturating_sub(1),
            _ if depth > 0 || c.is_whitespace() => {}
            c => out.push(c),
        }
    }
    out
}

/// Whether a text ends with a date: `2024年11月20日`, `2024年11月`, `2024-11-20`, `2024.11.20`,
/// `2024/11/20` (full-width digits too).
fn ends_with_date(text: &str) -> bool {
    let digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    let sep = |c: char| matches!(c, '年' | '月' | '-' | '.' | '/' | '－' | '．' | '／');
    let mut chars = text.trim_end().chars().rev().peekable();
    let _ = chars.next_if(|c| matches!(c, '日' | '号' | '月'));
    // The runs of digits from the end: day, month, year (or month, year).
    let mut groups = [0usize; 3];
    let mut n = 0;
    for c in chars {
        if digit(c) {
            groups[n] += 1;
        } else if groups[n] > 0 && n < 2 && sep(c) {
            n += 1;
        } else {
            break;
        }
    }
    let groups = &groups[..=n];
    n >= 1 && groups[n] == 4 && groups[..n].iter().all(|g| (1..=2).contains(g))
}

/// Whether a text is headed like a section: `一、`, `（一）`, `第一部分`, `1、`, or counts its
/// items (`（8项）`).
fn looks_like_heading(text: &str) -> bool {
    const NUMERALS: &str = "一二三四五六七八九十百零〇";
    let text = text.trim();
    let mut chars = text.chars();
    let first = chars.next().unwrap_or_default();
    let numbered = |mut rest: std::str::Chars<'_>, close: &[char]| {
        let mut any = false;
        for c in rest.by_ref() {
            if NUMERALS.contains(c) || c.is_ascii_digit() {
                any = true;
            } else {
                return any && close.contains(&c);
            }
        }
        false
    };
    if NUMERALS.contains(first) && numbered(text.chars(), &['、', '.', '．', ' ', '　']) {
        return true;
    }
    if first.is_ascii_digit() && numbered(text.chars(), &['、']) {
        return true;
    }
    if matches!(first, '（' | '(') && numbered(chars.clone(), &['）', ')']) {
        return true;
    }
    if first == '第' && numbered(chars, &['部', '章', '类', '批', '节']) {
        return true;
    }
    // （8项）, (8项), 共8项 at the end.
    let end = text.trim_end_matches([')', '）']);
    end.ends_with('项')
        && end
            .trim_end_matches('项')
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
}

/// Whether a cell holds a 实施编码 (or its remains in scientific notation): ASCII letters and
/// digits, at least six and a digit among them.
pub(super) fn is_code_like(text: &str) -> bool {
    let t = text.trim();
    t.len() >= 6
        && t.bytes().any(|b| b.is_ascii_digit())
        && (t
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_'))
            || looks_scientific(t))
}

/// The filled cells of a row, and the first of them when it numbers the row (序号: `1`, `一`,
/// `（一）`).
fn count_filled(row: &[String]) -> (usize, Option<&str>) {
    let mut filled = row.iter().map(|c| c.trim()).filter(|c| !c.is_empty());
    let first = filled.next();
    let count = usize::from(first.is_some()) + filled.count();
    (count, first.filter(|f| is_numbering(f) && count > 1))
}

/// The first filled cell of a row, or the second when the first numbers the row.
fn first_text(row: &[String], numbered: bool) -> Option<&str> {
    row.iter()
        .map(|c| c.trim())
        .filter(|c| !c.is_empty())
        .nth(usize::from(numbered))
}

/// A 序号: a few digits or Chinese numerals, maybe in brackets.
fn is_numbering(text: &str) -> bool {
    text.chars().count() <= 6
        && text
            .chars()
            .any(|c| c.is_ascii_digit() || "一二三四五六七八九十".contains(c))
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || "一二三四五六七八九十百零〇（）()、.".contains(c))
}

/// Whether `text` starts with `word` once full-width letters and colons are folded (`注：` is
/// `注:`), without a copy of the text.
fn starts_with_folded(text: &str, word: &str) -> bool {
    let mut t = text.trim_start().chars().map(|c| match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        c => c,
    });
    word.chars().all(|w| t.next() == Some(w))
}

/// One notice for a sheet's rows that are no record, grouped by why: `what` names the records
/// (事项, 申请材料 …).
pub(super) fn skipped_notices(
    sheet: &Sheet,
    skipped: &[(usize, NotRecord)],
    what: &str,
) -> Vec<Notice> {
    let mut notices = Vec::new();
    for (kind, said) in [
        (NotRecord::Footer, "是表尾"),
        (NotRecord::Heading, "是分组标题"),
        (NotRecord::Header, "重复了表头"),
    ] {
        let rows: Vec<usize> = skipped
            .iter()
            .filter(|(_, k)| *k == kind)
            .map(|(i, _)| *i)
            .collect();
        if rows.is_empty() {
            continue;
        }
        let numbers: Vec<String> = rows
            .iter()
            .map(|&i| sheet.row_number(i).to_string())
            .collect();
        let mut texts = String::new();
        for &i in rows.iter().take(3) {
            let text: Vec<&str> = sheet.rows[i]
                .iter()
                .map(|c| c.trim())
                .filter(|c| !c.is_empty())
                .collect();
            texts.push('「');
            texts.push_str(&quote(&text.join(" "), 20));
            texts.push('」');
        }
        notices.push(Notice {
            level: NoticeLevel::Info,
            provenance: sheet.provenance(rows[0]),
            message: format!(
                "{}第 {} 行{said}（{texts}），不是{what}，未读取",
                sheet.label(),
                numbers.join("、"),
            ),
        });
    }
    notices
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sign_off_cells_are_told_from_values() {
        for s in [
            "填报人：李四",
            "联系电话：0566-2021888",
            "联系人：李四 13905661234",
            "（盖章）",
            "填报单位（盖章）：池州市数据资源管理局",
            "池州市数据资源管理局 2024年11月20日",
            "2024-11-20",
            "共36项",
        ] {
            assert!(is_signoff(s), "{s}");
        }
        for s in [
            "营业执照",
            "委托人：身份证复印件",
            "加盖公章的申请表",
            "10个工作日",
            "0566-2021156",
            "《食品安全法》（2021年4月29日修正）",
        ] {
            assert!(!is_signoff(s), "{s}");
        }
    }

    #[test]
    fn headings_are_told_from_names() {
        for s in [
            "一、池州市市场监督管理局（8项）",
            "（二）人社事项",
            "第三部分 自然资源",
            "贵池区（7项）",
            "1、市场监管",
        ] {
            assert!(looks_like_heading(s), "{s}");
        }
        for s in ["食品经营许可（新办）", "一般项目", "婚姻登记", "10个工作日"]
        {
            assert!(!looks_like_heading(s), "{s}");
        }
    }

    #[test]
    fn codes_are_told_from_words() {
        assert!(is_code_like("11341721MB193167584000707016000"));
        assert!(is_code_like("1.13417E+30"));
        assert!(!is_code_like("实施编码"));
        assert!(!is_code_like("合计：36项"));
        assert!(!is_code_like(""));
    }
}
