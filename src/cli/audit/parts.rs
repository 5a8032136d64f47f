//! Sheets and columns lost from an export: per file, which lists (申请材料, 办理流程 …) and fields
//! (咨询电话, 办理地点 …) its items gave values for. The store keeps it for each run
//! (`run_files.parts`, and each item's own in `items.parts`). A list or field the baseline read
//! from a file for several items and that not one of the file's items has tonight was lost with
//! its sheet or column (the export template changed, a sheet left out): every item would be
//! charged with an empty element and the baseline's findings of it would count as 已整改, so the
//! run is 输入不完整 and no baseline. Lost, that is, when the reader did not find the list at all
//! tonight (the items' lists unread), or when the baseline's items that had it and are read
//! tonight from the same file all lack it with nothing explaining it: not when those items moved
//! to another file (a county's items handed down), nor when they say they have none (是否收费 否,
//! 是否涉及中介服务 否: fees abolished, an intermediary no longer needed).

use std::collections::{BTreeMap, HashMap};

use anyhow::Result;

use super::input::{GONE_DAYS, Sketch};
use crate::history::{self, Store};
use crate::model::{Item, ItemField, UnreadLists};
use crate::rules::fees::yes_no;
use crate::source::{self, NoticeLevel};

/// The lists, by name, after the fields among the parts.
const LISTS: [&str; 5] = ["申请材料", "办理流程", "收费项目", "中介服务", "常见问题"];

/// Items of the baseline's file that must have had a value for its loss to count: one item's
/// only FAQ deleted is an edit, not a lost sheet.
const MIN_BASELINE_ITEMS: usize = 2;

/// What an item gives for the parts, one bit a part: [`ItemField::ALL`] in order, then
/// [`LISTS`]. The store keeps `has` (`items.parts`), so the order may only be added to.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct ItemParts {
    /// The parts it gives values for.
    pub(super) has: u64,
    /// The lists its reader did not find (a sheet the file lacks, a damaged sheet).
    pub(super) unread: u64,
    /// The lists it says itself it has none of (是否收费 否, 是否涉及中介服务 否).
    pub(super) none: u64,
}

/// The bits of the lists, in [`LISTS`] order, of the five flags.
fn list_bits(lists: [bool; 5]) -> u64 {
    lists
        .into_iter()
        .enumerate()
        .filter(|&(_, on)| on)
        .fold(0, |bits, (i, _)| bits | 1 << (ItemField::ALL.len() + i))
}

/// The lists `unread` marks, as bits.
fn unread_bits(unread: UnreadLists) -> u64 {
    list_bits([
        unread.materials,
        unread.steps,
        unread.fees,
        unread.intermediaries,
        unread.faqs,
    ])
}

/// What `item` gives for the parts.
pub(super) fn item_parts(item: &Item) -> ItemParts {
    let mut has = 0u64;
    for (i, &f) in ItemField::ALL.iter().enumerate() {
        if !item.get(f).trim().is_empty() {
            has |= 1 << i;
        }
    }
    has |= list_bits([
        !item.materials.is_empty(),
        !item.steps.is_empty(),
        !item.fees.is_empty(),
        !item.intermediaries.is_empty(),
        !item.faqs.is_empty(),
    ]);
    let says_no = |flag: &str| yes_no(flag) == Some(false);
    ItemParts {
        has,
        unread: unread_bits(item.unread),
        none: list_bits([
            false,
            false,
            says_no(&item.charged),
            says_no(&item.intermediary),
            false,
        ]),
    }
}

/// The bit of the part named `name`.
fn part_bit(name: &str) -> u64 {
    (0..ItemField::ALL.len() + LISTS.len())
        .find(|&i| part_name(i) == name)
        .map_or(0, |i| 1 << i)
}

/// The name of part `i` (a field's label, or a list's name).
fn part_name(i: usize) -> &'static str {
    ItemField::ALL
        .get(i)
        .map_or_else(|| LISTS[i - ItemField::ALL.len()], |f| f.label())
}

/// Per file read tonight (its `source_key`): how many items it gave, and per part how many of
/// them had a value.
pub(super) fn file_parts(records: &[Sketch]) -> Vec<(String, usize, BTreeMap<String, usize>)> {
    let parts = ItemField::ALL.len() + LISTS.len();
    let mut files: Vec<(&str, usize, Vec<usize>)> = Vec::new();
    for r in records {
        let Sketch::Item {
            source,
            parts: bits,
            ..
        } = r
        else {
            continue;
        };
        let i = files
            .iter()
            .position(|(s, ..)| *s == &**source)
            .unwrap_or_else(|| {
                files.push((source, 0, vec![0; parts]));
                files.len() - 1
            });
        let file = &mut files[i];
        file.1 += 1;
        for (p, n) in file.2.iter_mut().enumerate() {
            *n += usize::from(bits.has & (1 << p) != 0);
        }
    }
    files
        .into_iter()
        .map(|(source, items, counts)| {
            let named = counts
                .into_iter()
                .enumerate()
                .filter(|&(_, n)| n > 0)
                .map(|(p, n)| (part_name(p).to_owned(), n))
                .collect();
            (history::source_key(source), items, named)
        })
        .collect()
}

/// The parts as stored in `run_files.parts`.
pub(super) fn stored(files: &[(String, usize, BTreeMap<String, usize>)]) -> Vec<(String, String)> {
    files
        .iter()
        .map(|(key, _, parts)| {
            (
                key.clone(),
                serde_json::to_string(parts).unwrap_or_default(),
            )
        })
        .collect()
}

/// What each item read tonight gives for the parts, by file (`source_key`) and 实施编码.
fn items_by_file(records: &[Sketch]) -> HashMap<String, HashMap<&str, ItemParts>> {
    let mut files: HashMap<String, HashMap<&str, ItemParts>> = HashMap::new();
    let mut last: Option<(&str, String)> = None;
    for r in records {
        let Sketch::Item {
            code,
            source,
            parts,
        } = r
        else {
            continue;
        };
        let key = match &last {
            Some((s, key)) if *s == &**source => key.clone(),
            _ => {
                let key = history::source_key(source);
                last = Some((source, key.clone()));
                key
            }
        };
        files.entry(key).or_default().insert(code.as_str(), *parts);
    }
    files
}

/// The report's section (申请材料, 收费信息 …, as [`crate::rules::Category::label_zh`] names it) of
/// the list named `part`; `None` for a field.
fn section_of(part: &str) -> Option<&'static str> {
    use crate::rules::Category;
    let sections = [
        Category::Materials,
        Category::Process,
        Category::Fees,
        Category::Intermediary,
        Category::Faq,
    ];
    LISTS
        .iter()
        .position(|l| *l == part)
        .map(|i| sections[i].label_zh())
}

/// Marks the sections of the lists lost tonight (file `source_key`, section) unread for every
/// item of their file, as the reader marks a sheet it did not find: the baseline's problems of
/// such a list are 已移除 (not checked), not 已整改.
pub(super) fn mark_lost_unread(checked: &mut history::Checked, lost: &[(String, &'static str)]) {
    if lost.is_empty() {
        return;
    }
    let mut last: Option<(&str, String)> = None;
    for item in &checked.report.items {
        let source = &*item.provenance.source;
        let key = match &last {
            Some((s, key)) if *s == source => key.clone(),
            _ => {
                let key = history::source_key(source);
                last = Some((source, key.clone()));
                key
            }
        };
        for (_, section) in lost.iter().filter(|(k, _)| *k == key) {
            checked.unread_sections.insert((
                item.unit.clone(),
                item.code.clone(),
                (*section).to_owned(),
            ));
        }
    }
}

/// What [`lost_parts`] found: the input problems, the warnings of parts taken as left out on
/// purpose, and the lost lists (file, section) to mark unread ([`mark_lost_unread`]).
pub(super) type Lost = (
    Vec<String>,
    Vec<source::Notice>,
    Vec<(String, &'static str)>,
);

/// Lists and fields the baseline read from a file for at least [`MIN_BASELINE_ITEMS`] items and
/// that none of the file's items has tonight, when the reader did not find them (their items'
/// lists unread) or when at least [`MIN_BASELINE_ITEMS`] of the baseline's items that had them
/// are read tonight from the file without them and without saying they have none (a baseline
/// stored before the store kept each item's parts counts every item of the file as having had
/// them): input problems, or, lost on [`GONE_DAYS`] days in a row, taken as left out on purpose
/// (warnings). Files the baseline has no parts of (stored before schema v6) or that gave no
/// item tonight (said elsewhere) are left alone.
pub(super) fn lost_parts(
    store: &Store,
    baseline: &history::BaselineFiles,
    tonight: &[(String, usize, BTreeMap<String, usize>)],
    records: &[Sketch],
    time: &history::RunTime,
) -> Result<Lost> {
    let (mut problems, mut accepted, mut lost) = (Vec::new(), Vec::new(), Vec::new());
    let mut by_file: Option<HashMap<String, HashMap<&str, ItemParts>>> = None;
    for (key, items, parts) in tonight {
        let Some(before) = baseline.parts_of(key) else {
            continue;
        };
        let gone: Vec<(&String, usize)> = before
            .iter()
            .filter(|&(part, &had)| had >= MIN_BASELINE_ITEMS && !parts.contains_key(part))
            .map(|(part, &had)| (part, had))
            .collect();
        if gone.is_empty() {
            continue;
        }
        let here = by_file
            .get_or_insert_with(|| items_by_file(records))
            .get(key);
        let was = store.baseline_item_parts(baseline, key)?;
        for (part, had) in gone {
            let bit = part_bit(part);
            let unread = here.is_some_and(|h| h.values().any(|p| p.unread & bit != 0));
            let unexplained = was
                .iter()
                .filter(|(_, bits)| bits.is_none_or(|b| b & bit != 0))
                .filter_map(|(code, _)| here?.get(code.trim()))
                .filter(|p| p.none & bit == 0)
                .count();
            if !unread && unexplained < MIN_BASELINE_ITEMS {
                continue;
            }
            let place = format!("{key} — 「{part}」：对比运行 {}", baseline.run_id);
            if store.days_since_baseline_with(baseline, &place, time)? + 1 >= GONE_DAYS {
                accepted.push(source::Notice {
                    level: NoticeLevel::Warning,
                    provenance: crate::model::Provenance::file(key.as_str()),
                    message: format!(
                        "连续 {GONE_DAYS} 天的运行都没有读到「{part}」（对比运行 {} 从这个文件读到 {had} 个事项的「{part}」），按导出中有意去掉处理，本次作为对比基准",
                        baseline.run_id
                    ),
                });
            } else {
                lost.extend(section_of(part).map(|s| (key.clone(), s)));
                problems.push(format!(
                    "{place} 从这个文件读到 {had} 个事项的「{part}」，本次这个文件的 {items} 个事项一个也没有：\
                     可能是导出时少了这张表或这一列（导出模板改了），请检查后重新导出；连续 {GONE_DAYS} 天都没有的，按有意去掉处理"
                ));
            }
        }
    }
    Ok((problems, accepted, lost))
}

/// The bits each item's parts are stored as (`items.parts`): one item's `has`.
pub(super) fn stored_bits(parts: ItemParts) -> i64 {
    i64::try_from(parts.has).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The store keeps each item's parts as bits in this order: a field or list added goes at
    /// the end, or the baseline's items would be read with the wrong parts.
    #[test]
    fn the_stored_order_of_the_parts_is_kept() {
        let names: Vec<&str> = (0..ItemField::ALL.len() + LISTS.len())
            .map(part_name)
            .collect();
        assert_eq!(names.len(), 42);
        assert_eq!(&names[..3], ["事项名称", "实施编码", "基本编码"]);
        assert_eq!(
            &names[29..33],
            ["咨询电话", "监督电话", "是否收费", "是否涉及中介服务"]
        );
        assert_eq!(names[36], "办事指南地址");
        assert_eq!(
            &names[37..],
            ["申请材料", "办理流程", "收费项目", "中介服务", "常见问题"]
        );
        assert_eq!(part_bit("中介服务"), 1 << 40);
    }
}
