//! The sample list handed to assessors and read back: CSV (UTF-8 with BOM so that Excel opens it
//! as UTF-8) and XLSX, columns 考核单位, 单位类型, 实施编码, 事项名称, 事项类型, 抽样序号, 种子,
//! 方法, 实施主体 (added last, so that readers and scripts that take columns by position keep
//! working). In the XLSX, 抽样序号 and 种子 are number cells (they sort as numbers, and
//! Excel shows no "number stored as text" triangle); codes and every other value are text, each
//! formula-guarded in both files as the fix lists are ([`crate::report::fixlist::guard`]).
//! Reading back (`--sample FILE`, CSV or XLSX) drops the guard again and finds columns by their
//! header, so lists written before 实施主体 was added read as well, and matches rows to report
//! items by 实施编码 and 事项名称: items often share a code (a placeholder such as `1111111111111111`, an empty code, or
//! one Excel turned into `1.13417E+30`), and a row selects the item of its code with its name (of
//! its 考核单位 when two are alike); among items still alike — and for a row without a name — the
//! k-th such row selects the k-th such item (in the order the lots are sorted), so a later
//! `score` scores exactly the same items.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use rust_xlsxwriter::{Format, Workbook, XlsxError};

use super::compute::lots;
use super::sample::SampleRow;
use super::table::{CODE, FileIssue, Table, TableError, cell, read_table, unknown_code};
use super::units::UnitMapping;
use crate::model::text::normalize_label;
use crate::report::Report;
use crate::report::fixlist::{bound, csv_text, guard, needs_guard, unguard};

/// The columns of a sample file.
pub const COLUMNS: [&str; 9] = [
    "考核单位",
    "单位类型",
    "实施编码",
    "事项名称",
    "事项类型",
    "抽样序号",
    "种子",
    "方法",
    "实施主体",
];

/// Name of the XLSX sheet.
pub const SHEET: &str = "抽样清单";

/// Positions of the number columns in [`COLUMNS`].
const SEQ_COLUMN: usize = 5;
const SEED_COLUMN: usize = 6;

/// The largest seed written as a number cell: Excel keeps 15 significant digits, so a larger
/// seed is written as text, or it would no longer draw the same sample.
pub(crate) const LARGEST_NUMBER_SEED: u64 = 999_999_999_999_999;

fn cells(r: &SampleRow) -> [String; 9] {
    [
        r.unit.clone(),
        r.kind.label_zh().to_owned(),
        r.code.clone(),
        r.name.clone(),
        crate::model::domain::item_type_text(&r.item_type),
        r.seq.to_string(),
        r.seed.to_string(),
        r.method.clone(),
        r.subject.clone(),
    ]
}

/// The sample as CSV bytes (UTF-8 with BOM, CRLF line ends); codes and long seeds that Excel
/// would turn into numbers are written `="…"` ([`csv_text`]).
pub fn to_csv(rows: &[SampleRow]) -> Vec<u8> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        // Writing to a Vec cannot fail.
        let _ = w.write_record(COLUMNS);
        for r in rows {
            let _ = w.write_record(cells(r).iter().enumerate().map(|(i, c)| match i {
                SEQ_COLUMN => c.clone(),
                _ => csv_text(&guard(c)).into_owned(),
            }));
        }
        let _ = w.flush();
    }
    out
}

/// Excel's limit of characters in a cell.
const EXCEL_CELL_CHARS: usize = 32_767;

/// The sample as an XLSX workbook (one sheet 抽样清单): 抽样序号 and 种子 as numbers, every other
/// cell as text (codes keep their leading zeros and never turn into scientific notation).
pub fn to_xlsx(rows: &[SampleRow]) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let text = Format::new().set_num_format("@");
    let whole = Format::new().set_num_format("0");
    let bold = Format::new().set_bold().set_num_format("@");
    let ws = wb.add_worksheet();
    ws.set_name(SHEET)?;
    let widths = [28.0, 10.0, 36.0, 40.0, 14.0, 10.0, 14.0, 28.0, 34.0];
    debug_assert_eq!(COLUMNS[SEQ_COLUMN], "抽样序号");
    debug_assert_eq!(COLUMNS[SEED_COLUMN], "种子");
    for (c, (name, w)) in COLUMNS.iter().zip(widths).enumerate() {
        ws.set_column_width(c as u16, w)?;
        ws.write_string_with_format(0, c as u16, *name, &bold)?;
    }
    for (i, r) in rows.iter().enumerate() {
        let row = i as u32 + 1;
        for (c, v) in cells(r).iter().enumerate() {
            let col = c as u16;
            match c {
                SEQ_COLUMN => ws.write_number_with_format(row, col, r.seq as f64, &whole)?,
                SEED_COLUMN if r.seed <= LARGEST_NUMBER_SEED => {
                    ws.write_number_with_format(row, col, r.seed as f64, &whole)?
                }
                // Past Excel's limit of a cell, rust_xlsxwriter refuses the whole workbook; the
                // guard's `'` counts too.
                _ => ws.write_string_with_format(
                    row,
                    col,
                    guard(&bound(v, EXCEL_CELL_CHARS - usize::from(needs_guard(v)))),
                    &text,
                )?,
            };
        }
    }
    ws.set_freeze_panes(1, 0)?;
    ws.autofilter(0, 0, rows.len() as u32, (COLUMNS.len() - 1) as u16)?;
    wb.save_to_buffer()
}

/// Whether a sample table read back holds exactly the draw of `rows` (the same 考核单位,
/// 实施编码, 抽样序号, 种子 and 方法 in any row order) and nothing an assessor added (a column
/// of its own, such as 核查人). Writing `rows` over such a list loses nothing; a list in the
/// layout before 实施主体 was added counts as the same.
pub fn same_draw(table: &Table, rows: &[SampleRow]) -> bool {
    let known: Vec<String> = COLUMNS.iter().map(|c| normalize_label(c)).collect();
    if table
        .headers
        .iter()
        .any(|h| !h.trim().is_empty() && !known.contains(&normalize_label(h)))
    {
        return false;
    }
    let columns: Option<Vec<usize>> =
        [&["考核单位"][..], CODE, &["抽样序号"], &["种子"], &["方法"]]
            .iter()
            .map(|names| table.column(names))
            .collect();
    let Some(columns) = columns else {
        return false;
    };
    let mut old: Vec<Vec<String>> = table
        .rows
        .iter()
        .map(|(_, cells)| {
            columns
                .iter()
                .map(|&c| unguard(cell(cells, Some(c))).to_owned())
                .collect()
        })
        .collect();
    let mut new: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vec![
                r.unit.clone(),
                r.code.trim().to_owned(),
                r.seq.to_string(),
                r.seed.to_string(),
                r.method.clone(),
            ]
        })
        .collect();
    old.sort();
    new.sort();
    old == new
}

/// Reads a sample file back: the report item indices it selects, and its bad rows (empty or
/// unknown 实施编码, a code listed more often than the report has it, a unit that differs from
/// the current unit mapping).
pub fn read(
    path: &Path,
    report: &Report,
    mapping: &UnitMapping,
) -> Result<(BTreeSet<usize>, Vec<FileIssue>), TableError> {
    let table = read_table(path, Some(SHEET), CODE)?;
    let (chosen, mut issues) = select(&table, report, mapping)?;
    issues.extend(redraw_differences(&table, report, mapping, &chosen));
    Ok((chosen, issues))
}

/// Where a list drawn by `zwfw-audit sample` no longer holds what its 种子 and 方法 draw from the
/// report: a row deleted, added or changed by hand changes a unit's score, and an assessor must
/// be able to show a unit that its items were drawn, not picked. One issue per unit that differs,
/// naming up to three items missing and three added. Lists of `check --sample` (drawn while
/// checking, by another draw), lists without 种子 or 方法, and lists drawn under another unit
/// grouping (a 考核单位 this grouping does not have: [`select`] says so) are not checked.
pub fn redraw_differences(
    table: &Table,
    report: &Report,
    mapping: &UnitMapping,
    chosen: &BTreeSet<usize>,
) -> Vec<FileIssue> {
    let first = |names: &[&str]| {
        let c = table.column(names)?;
        table
            .rows
            .iter()
            .map(|(_, cells)| cell(cells, Some(c)))
            .find(|v| !v.is_empty())
    };
    let (Some(seed), Some(label)) = (first(&["种子"]), first(&["方法"])) else {
        return Vec::new();
    };
    let Ok(seed) = seed.parse::<u64>() else {
        return Vec::new();
    };
    let Ok((method, stratify, super::sample::Draw::Report)) = super::sample::parse_label(label)
    else {
        return Vec::new();
    };
    let lots = lots(report, mapping);
    if let Some(c) = table.column(&["考核单位"])
        && table.rows.iter().any(|(_, cells)| {
            let unit = unguard(cell(cells, Some(c)));
            !unit.is_empty() && !lots.contains_key(unit.trim())
        })
    {
        return Vec::new();
    }
    let spec = super::sample::SampleSpec {
        method,
        seed,
        stratify,
    };
    let mut expected: BTreeMap<String, BTreeSet<usize>> = BTreeMap::new();
    for row in super::sample::draw(report, mapping, &spec) {
        expected.entry(row.unit).or_default().insert(row.index);
    }
    let mut listed: BTreeMap<String, BTreeSet<usize>> = BTreeMap::new();
    // Units whose draw is a choice (not every item): a wrong seed changes all of them.
    let mut chosen_from = 0usize;
    for (unit, (_, lot)) in lots {
        if expected.get(&unit).is_some_and(|e| e.len() < lot.len()) {
            chosen_from += 1;
        }
        let mine: BTreeSet<usize> = lot.into_iter().filter(|i| chosen.contains(i)).collect();
        if !mine.is_empty() || expected.contains_key(&unit) {
            listed.insert(unit, mine);
        }
    }
    let name = |i: &usize| {
        let item = &report.items[*i];
        format!("{}（{}）", item.name, item.code)
    };
    let few = |set: Vec<&usize>| {
        let shown: Vec<String> = set.iter().take(3).map(|i| name(i)).collect();
        let more = if set.len() > 3 {
            format!(" 等 {} 个", set.len())
        } else {
            String::new()
        };
        format!("{}{more}", shown.join("、"))
    };
    let empty = BTreeSet::new();
    let issues: Vec<FileIssue> = listed
        .iter()
        .filter_map(|(unit, mine)| {
            let drawn = expected.get(unit).unwrap_or(&empty);
            let missing: Vec<&usize> = drawn.difference(mine).collect();
            let added: Vec<&usize> = mine.difference(drawn).collect();
            if missing.is_empty() && added.is_empty() {
                return None;
            }
            let mut parts = Vec::new();
            if !missing.is_empty() {
                parts.push(format!("少了 {}", few(missing)));
            }
            if !added.is_empty() {
                parts.push(format!("多了 {}", few(added)));
            }
            Some(FileIssue {
                place: crate::model::Provenance::file(table.source.as_str()),
                message: format!(
                    "考核单位「{unit}」的抽样与按种子 {seed}、方法 {label} 重新抽取的不同：{}。清单可能被改过，按清单中的事项计分；请核对",
                    parts.join("，")
                ),
            })
        })
        .collect();
    // Every unit differs: the seed (or method) in the list is not the one it was drawn with, or
    // the list is of another export. One hint says so, not a line per unit.
    if issues.len() >= 2 && issues.len() >= chosen_from {
        return vec![FileIssue {
            place: crate::model::Provenance::file(table.source.as_str()),
            message: format!(
                "{} 个考核单位的抽样都与按种子 {seed}、方法 {label} 重新抽取的不同：清单中的种子或方法可能被改过或填错，或清单不是从这份报告抽取的。按清单中的事项计分；请核对抽样时用的种子",
                issues.len()
            ),
        }];
    }
    issues
}

/// A row of a sample list with a known 实施编码, and the items it may stand for.
struct Listed<'t, 'r> {
    row: u64,
    code: &'t str,
    name: &'t str,
    unit: &'t str,
    /// Whether its 事项名称 is that of an item with its code.
    named: bool,
    /// The items it may select, the likeliest first: those with its 事项名称 (when any has it),
    /// of those the ones of its 考核单位 (when any is), each in lot order.
    candidates: Vec<(usize, &'r str)>,
}

impl<'t, 'r> Listed<'t, 'r> {
    /// Items that share a 实施编码 — a placeholder code, or one Excel turned into `1.13417E+30` —
    /// are told apart by 事项名称, then by 考核单位; what is left, by order.
    fn of(
        row: u64,
        code: &'t str,
        name: &'t str,
        unit: &'t str,
        found: &[(usize, &'r str)],
        report: &Report,
    ) -> Self {
        let mut candidates: Vec<(usize, &str)> = found
            .iter()
            .copied()
            .filter(|(i, _)| !name.is_empty() && report.items[*i].name.trim() == name)
            .collect();
        let named = !candidates.is_empty();
        if !named {
            candidates = found.to_vec();
        }
        if candidates.iter().any(|(_, u)| *u == unit.trim()) {
            candidates.retain(|(_, u)| *u == unit.trim());
        }
        Listed {
            row,
            code,
            name,
            unit,
            named,
            candidates,
        }
    }
}

/// Matches the rows of a sample table to report items (see [`read`]). A table without a
/// 实施编码 column is an error, and so is one none of whose codes is in the report
/// ([`TableError::ForeignList`]): nothing in it can be used; so is a fix list
/// ([`TableError::FixListAsSample`]), whose items are those with findings, not a draw.
pub fn select(
    table: &Table,
    report: &Report,
    mapping: &UnitMapping,
) -> Result<(BTreeSet<usize>, Vec<FileIssue>), TableError> {
    let code_col = table.require(CODE)?;
    // Our fix lists (and findings.csv) have a 实施编码 column too, one row per finding.
    if table
        .column(&[crate::report::fixlist::FINGERPRINT_HEADER, "问题描述"])
        .is_some()
    {
        return Err(TableError::FixListAsSample {
            path: table.source.clone(),
        });
    }
    let unit_col = table.column(&["考核单位"]);
    let name_col = table.column(&["事项名称"]);
    let mut issues = Vec::new();
    let mut chosen = BTreeSet::new();
    // code → checked items with that code, in lot order; plus each item's unit
    let mut by_code: BTreeMap<&str, Vec<(usize, &str)>> = BTreeMap::new();
    let lots = lots(report, mapping);
    for (unit, (_, idx)) in &lots {
        for &i in idx {
            by_code
                .entry(report.items[i].code.trim())
                .or_default()
                .push((i, unit.as_str()));
        }
    }
    // Rows with a code, and the first of them: when none names an item, the list is another run's.
    let mut coded: Option<(usize, u64, &str)> = None;
    let mut listed: Vec<Listed> = Vec::new();
    for (row, cells) in &table.rows {
        let code = unguard(cell(cells, Some(code_col))).trim();
        if code.is_empty() {
            issues.push(table.issue(*row, "实施编码为空，已跳过"));
            continue;
        }
        let c = coded.get_or_insert((0, *row, code));
        c.0 += 1;
        let Some(found) = by_code.get(code) else {
            issues.push(table.issue(*row, unknown_code(code)));
            continue;
        };
        let name = unguard(cell(cells, name_col)).trim();
        let file_unit = unguard(cell(cells, unit_col));
        listed.push(Listed::of(*row, code, name, file_unit, found, report));
    }
    let mut differ: Vec<(u64, String, &str)> = Vec::new();
    // Rows that name their item first, so that a row without a name (or with one edited) does
    // not take the item a later row names.
    for named in [true, false] {
        for l in listed.iter().filter(|l| l.named == named) {
            let Some(&(i, unit)) = l.candidates.iter().find(|(i, _)| !chosen.contains(i)) else {
                let message = if named {
                    format!(
                        "实施编码 \"{}\"、事项名称 \"{}\" 重复（这个事项前面的行已经列过），已跳过",
                        l.code, l.name
                    )
                } else {
                    format!("实施编码 \"{}\" 重复，已跳过", l.code)
                };
                issues.push(table.issue(l.row, message));
                continue;
            };
            if !l.unit.is_empty() && l.unit != unit {
                differ.push((l.row, l.unit.to_owned(), unit));
            }
            chosen.insert(i);
        }
    }
    issues.sort_by_key(|i| i.place.row);
    differ.sort_by_key(|d| d.0);
    if let (Some((rows, first_row, first_code)), true) = (coded, chosen.is_empty()) {
        return Err(TableError::ForeignList {
            path: table.source.clone(),
            kind: super::table::ListKind::Sample,
            rows,
            first_row,
            first_code: first_code.to_owned(),
        });
    }
    issues.extend(unit_differences(table, differ));
    Ok((chosen, issues))
}

/// Rows whose 考核单位 differs from the current grouping, as issues: each row when there are a few
/// (an item moved by a mapping edited since); one line with the pairs when there are more, since
/// then the sample was drawn with another grouping (`--mapping`, `--units`) than the scoring's.
fn unit_differences(table: &Table, differ: Vec<(u64, String, &str)>) -> Vec<FileIssue> {
    const ROWS_SAID: usize = 3;
    const PAIRS_SAID: usize = 5;
    if differ.len() <= ROWS_SAID {
        return differ
            .into_iter()
            .map(|(row, file_unit, unit)| {
                table.issue(
                    row,
                    format!(
                        "考核单位 \"{file_unit}\" 与当前单位划分 \"{unit}\" 不同，按当前划分计分"
                    ),
                )
            })
            .collect();
    }
    let rows = differ.len();
    let mut pairs: BTreeMap<(String, &str), usize> = BTreeMap::new();
    for (_, file_unit, unit) in differ {
        *pairs.entry((file_unit, unit)).or_default() += 1;
    }
    let mut said: Vec<String> = pairs
        .iter()
        .take(PAIRS_SAID)
        .map(|((file_unit, unit), n)| format!("「{file_unit}」→「{unit}」{n} 行"))
        .collect();
    if pairs.len() > PAIRS_SAID {
        said.push(format!("等 {} 种", pairs.len()));
    }
    vec![FileIssue {
        place: crate::model::Provenance::file(table.source.as_str()),
        message: format!(
            "{rows} 行的考核单位与当前单位划分不同，按当前划分计分：{}。抽样时用了单位对照表（--mapping）或 --units 的，计分时请用同样的",
            said.join("、")
        ),
    }]
}
