//! Sheets and columns lost from an export: per file, which lists (申请材料, 办理流程 …) and fields
//! (咨询电话, 办理地点 …) its items gave values for. The store keeps it for each run
//! (`run_files.parts`); a list or field the baseline read from a file for several items and that
//! not one of the file's items has tonight was lost with its sheet or column (the export
//! template changed, a sheet left out): every item would be charged with an empty element and the
//! baseline's findings of it would count as 已整改, so the run is 输入不完整 and no baseline.

use std::collections::BTreeMap;

use anyhow::Result;

use super::input::{GONE_DAYS, Sketch};
use crate::history::{self, Store};
use crate::model::{Item, ItemField};
use crate::source::{self, NoticeLevel};

/// The lists, by name, after the fields among the parts.
const LISTS: [&str; 5] = ["申请材料", "办理流程", "收费项目", "中介服务", "常见问题"];

/// Items of the baseline's file that must have had a value for its loss to count: one item's
/// only FAQ deleted is an edit, not a lost sheet.
const MIN_BASELINE_ITEMS: usize = 2;

/// The parts `item` gives values for, one bit each: [`ItemField::ALL`] in order, then [`LISTS`].
pub(super) fn item_parts(item: &Item) -> u64 {
    let mut bits = 0u64;
    for (i, &f) in ItemField::ALL.iter().enumerate() {
        if !item.get(f).trim().is_empty() {
            bits |= 1 << i;
        }
    }
    let lists = [
        !item.materials.is_empty(),
        !item.steps.is_empty(),
        !item.fees.is_empty(),
        !item.intermediaries.is_empty(),
        !item.faqs.is_empty(),
    ];
    for (i, has) in lists.into_iter().enumerate() {
        if has {
            bits |= 1 << (ItemField::ALL.len() + i);
        }
    }
    bits
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
            *n += usize::from(bits & (1 << p) != 0);
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

/// Lists and fields the baseline read from a file for at least [`MIN_BASELINE_ITEMS`] items and
/// that none of the file's items has tonight: input problems, or, lost on [`GONE_DAYS`] days in
/// a row, taken as left out on purpose (warnings). Files the baseline has no parts of (stored
/// before schema v6) or that gave no item tonight (said elsewhere) are left alone.
pub(super) fn lost_parts(
    store: &Store,
    baseline: &history::BaselineFiles,
    tonight: &[(String, usize, BTreeMap<String, usize>)],
    time: &history::RunTime,
) -> Result<(Vec<String>, Vec<source::Notice>)> {
    let (mut problems, mut accepted) = (Vec::new(), Vec::new());
    for (key, items, parts) in tonight {
        let Some(before) = baseline.parts_of(key) else {
            continue;
        };
        for (part, &had) in before {
            if had < MIN_BASELINE_ITEMS || parts.contains_key(part) {
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
                problems.push(format!(
                    "{place} 从这个文件读到 {had} 个事项的「{part}」，本次这个文件的 {items} 个事项一个也没有：\
                     可能是导出时少了这张表或这一列（导出模板改了），请检查后重新导出；连续 {GONE_DAYS} 天都没有的，按有意去掉处理"
                ));
            }
        }
    }
    Ok((problems, accepted))
}
