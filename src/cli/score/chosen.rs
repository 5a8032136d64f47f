//! Which items `score` scores: those of `--sample`, every item with `--census`, or the sample
//! recorded in a scored report, matched again as from its file; with the record of the sample
//! kept in the scored report.
//!
//! Not here: drawing a sample (`zwfw-audit sample`, `crate::score::sample`), reading the sample
//! file's rows (`crate::score::sample_file`).

use std::collections::BTreeSet;

use anyhow::{Context, Result};

use super::ScoreArgs;
use crate::report::{Report, SampleRecord, SampledItem};
use crate::score::compute::lots;
use crate::score::table::{CODE, FileIssue, Table, cell, read_table};
use crate::score::{UnitMapping, sample_file};

/// The report items to score (`None`: every item), the record of the sample kept in the scored
/// report, and the bad rows of the sample file.
type Chosen = (
    Option<BTreeSet<usize>>,
    Option<SampleRecord>,
    Vec<FileIssue>,
);

/// The items to score: those of `--sample`; none with `--census` (every item); otherwise the
/// sample recorded in the report, selected again as from its file (said in one line). With the
/// record of the sample kept in the scored report, and the bad rows of the file.
pub(super) fn choose_sample(
    args: &ScoreArgs,
    report: &Report,
    mapping: &UnitMapping,
) -> Result<Chosen> {
    if let Some(path) = &args.sample {
        let context = || format!("无法使用抽样清单 {}", path.display());
        let table = read_table(path, Some(sample_file::SHEET), CODE).with_context(context)?;
        let (chosen, mut bad) =
            sample_file::select(&table, report, mapping).with_context(context)?;
        bad.extend(sample_file::redraw_differences(
            &table, report, mapping, &chosen,
        ));
        let values = |names: &[&str]| -> String {
            let col = table.column(names);
            let mut seen: Vec<&str> = Vec::new();
            for (_, cells) in &table.rows {
                let v = cell(cells, col);
                if !v.is_empty() && !seen.contains(&v) {
                    seen.push(v);
                }
            }
            seen.join("、")
        };
        let record = SampleRecord {
            source: path.display().to_string(),
            seed: values(&["种子"]),
            method: values(&["方法", "抽样方法"]),
            items: sampled_items(report, mapping, &chosen),
        };
        return Ok((Some(chosen), Some(record), bad));
    }
    let Some(earlier) = &report.sample else {
        return Ok((None, None, Vec::new()));
    };
    if args.census {
        say!(
            "按 --census 给全部事项计分，不用报告中记录的抽样（{}，{}）",
            earlier.source,
            earlier.describe()
        );
        return Ok((None, None, Vec::new()));
    }
    // The recorded items, matched to the report's items as the rows of the file were.
    let table = Table {
        source: format!("报告中记录的抽样（{}）", earlier.source),
        sheet: None,
        headers: vec![
            "考核单位".to_owned(),
            "实施编码".to_owned(),
            "事项名称".to_owned(),
        ],
        rows: (1..)
            .zip(&earlier.items)
            .map(|(row, i)| (row, vec![i.unit.clone(), i.code.clone(), i.name.clone()]))
            .collect(),
    };
    let (chosen, bad) = sample_file::select(&table, report, mapping)?;
    say!(
        "沿用报告中记录的抽样（{}，{}，{} 个事项）；要给全部事项计分请加 --census",
        earlier.source,
        earlier.describe(),
        chosen.len()
    );
    let record = SampleRecord {
        items: sampled_items(report, mapping, &chosen),
        ..earlier.clone()
    };
    Ok((Some(chosen), Some(record), bad))
}

/// The chosen items by 考核单位, 实施编码 and 事项名称, in the order the lots are sorted.
fn sampled_items(
    report: &Report,
    mapping: &UnitMapping,
    chosen: &BTreeSet<usize>,
) -> Vec<SampledItem> {
    lots(report, mapping)
        .into_iter()
        .flat_map(|(unit, (_, idx))| {
            idx.into_iter()
                .filter(|i| chosen.contains(i))
                .map(move |i| SampledItem {
                    unit: unit.clone(),
                    code: report.items[i].code.trim().to_owned(),
                    name: report.items[i].name.trim().to_owned(),
                })
        })
        .collect()
}
