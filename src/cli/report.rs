//! `zwfw-audit report`: re-render a saved `report.json` as Excel fix lists, HTML and CSV.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clap::Args;

use crate::report::json;
use crate::report::output::{self, Format};

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// 保存的 JSON 报告（report.json）
    #[arg(value_name = "报告")]
    report: PathBuf,
    /// 要生成的格式，多个用逗号隔开: xlsx、html、csv、json
    /// （默认: xlsx,html,csv）
    #[arg(
        long,
        default_value = "xlsx,html,csv",
        value_delimiter = ',',
        value_name = "格式",
        verbatim_doc_comment
    )]
    format: Vec<String>,
    /// 输出目录（默认: 报告所在的文件夹）
    #[arg(short, long, value_name = "文件夹")]
    output: Option<PathBuf>,
    /// 各单位交回的整改清单（文件或文件夹）：按指纹读取其中的整改情况、
    /// 是否有异议、异议理由，写进重新生成的整改清单-全部.xlsx，供考核人员复核
    #[arg(long, value_name = "回复", num_args = 1.., verbatim_doc_comment)]
    replies: Vec<PathBuf>,
    /// 不列出写入的文件，只显示错误
    #[arg(short, long)]
    quiet: bool,
}

pub fn run(args: &ReportArgs) -> Result<i32> {
    let formats = parse_formats(&args.format)?;
    let dir = args.output.clone().unwrap_or_else(|| {
        args.report
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
    });
    // Rendered again as it is (no replies, no report.json to write): a unit at a time, from the
    // report split on disk as it is read, so that a province's report is never held whole.
    if args.replies.is_empty()
        && !formats.contains(&Format::Json)
        && let Some(written) = render_by_unit(&args.report, &dir, &formats, args.quiet)?
    {
        set_aside_stale_fix_lists(&dir, &written);
        if !args.quiet {
            print_written(&written);
        }
        return Ok(0);
    }
    let file = std::fs::File::open(&args.report)
        .with_context(|| format!("无法读取报告 {}", args.report.display()))?;
    let mut report = json::read_from(file)
        .map_err(anyhow::Error::msg)
        .with_context(|| format!("无法使用报告 {}", args.report.display()))?;
    if !args.replies.is_empty() {
        if let Some(clash) = replies_in(&dir, &args.replies) {
            say!(
                "错误: 输出文件夹 {} 里有单位交回的清单（{}），重新生成会覆盖它；请用 -o 指定另一个文件夹",
                dir.display(),
                clash.display()
            );
            return Ok(2);
        }
        let gathered = crate::report::replies::gather(&args.replies, &report);
        print_replies(&gathered, &report, usize::MAX);
        if gathered.files == 0 {
            say!("错误: 没有读到任何单位交回的整改清单，没有生成新的文件");
            return Ok(2);
        }
        report.replies = gathered.replies;
    }
    keep_reviewed(&dir)?;
    let written = write_to(&report, &dir, &formats)?;
    set_aside_stale_fix_lists(&dir, &written);
    if !args.quiet {
        print_written(&written);
    }
    if !args.replies.is_empty() {
        say!(
            "下一步: 在 {} 的「复核结果」列填写「确认」或「驳回」，再运行 zwfw-audit score {} --review {}",
            dir.join(output::ALL_UNITS_XLSX).display(),
            args.report.display(),
            dir.join(output::ALL_UNITS_XLSX).display()
        );
    }
    Ok(0)
}

/// The formats of the report file `path` written into `dir` a unit at a time (reviewed
/// results backed up first, as when it is read whole); `None` when it is to be read whole: a
/// report that cannot be split (read whole, it says why) or that holds no item. A spinner on a
/// terminal says what it is doing (hidden with `quiet`): a province's report takes a minute.
fn render_by_unit(
    path: &Path,
    dir: &Path,
    formats: &[Format],
    quiet: bool,
) -> Result<Option<Vec<PathBuf>>> {
    if !path.is_file() {
        return Ok(None);
    }
    super::create_output_dir(dir)?;
    let bar = if quiet {
        indicatif::ProgressBar::hidden()
    } else {
        indicatif::ProgressBar::new_spinner()
    };
    bar.set_style(indicatif::ProgressStyle::with_template(
        "{spinner} 重新生成报告 [{elapsed}] {msg}",
    )?);
    bar.enable_steady_tick(std::time::Duration::from_millis(200));
    bar.set_message("正在读取报告…");
    let shards = crate::report::shards::Shards::read_json(path, dir);
    let written = match shards {
        Ok(shards) if shards.header().summary.items > 0 => {
            bar.suspend(|| keep_reviewed(dir))?;
            let mut done = |k: usize, n: usize| {
                bar.set_message(format!("正在写入（{k}/{n} 个单位）…"));
            };
            write_by_unit(&shards, dir, formats, &mut done).map(Some)
        }
        _ => Ok(None),
    };
    bar.finish_and_clear();
    written
}

/// Backs up an all-units workbook in `dir` whose review results are filled in, saying so.
fn keep_reviewed(dir: &Path) -> Result<()> {
    if let Some(backup) = back_up_reviewed(dir)? {
        say!(
            "注意: {} 中已填了复核结果，已另存为 {}，以免被覆盖",
            output::ALL_UNITS_XLSX,
            backup.display()
        );
    }
    Ok(())
}

/// Sets aside the fix lists in `dir` that this run did not write (`written`), saying so in one
/// line: an earlier run's lists of units this run does not have, which a clerk sending every
/// 整改清单 in the folder would send as this run's. Nothing when no fix list was written.
pub(crate) fn set_aside_stale_fix_lists(dir: &Path, written: &[PathBuf]) {
    if !written
        .iter()
        .any(|p| p.file_name() == Some(output::ALL_UNITS_XLSX.as_ref()))
    {
        return;
    }
    let stale = output::stale_fix_lists(dir, written);
    let stale: Vec<&PathBuf> = stale.iter().collect();
    // The reports are written: a list that cannot be renamed (a file open in WPS on Windows, a
    // folder without write rights) is said, and the run stands.
    let moved = match super::sample::set_aside(&stale, |old, new| {
        format!(
            "{} 是以前写入的整改清单，本次没有这个单位，无法改名为 {}",
            old.display(),
            new.display()
        )
    }) {
        Ok(moved) => moved,
        Err(e) => {
            say!("注意: {e:#}；请把它移走或删除，以免当作本次的清单发出");
            return;
        }
    };
    if let Some((_, first)) = moved.first() {
        let name = |p: &Path| {
            p.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        };
        let names: Vec<String> = moved.iter().take(3).map(|(old, _)| name(old)).collect();
        let more = if moved.len() > 3 { " 等" } else { "" };
        say!(
            "注意: {} 里以前写入的 {} 个整改清单不是本次检查的单位（{}{more}），已改名保留（如 {}），以免当作本次的清单发出",
            dir.display(),
            moved.len(),
            names.join("、"),
            name(first)
        );
    }
}

/// A returned fix list that writing into `dir` would overwrite: one in `dir` itself, or `dir`
/// given as the replies folder.
fn replies_in(dir: &Path, replies: &[PathBuf]) -> Option<PathBuf> {
    let dir = std::fs::canonicalize(dir).ok()?;
    replies.iter().find_map(|r| {
        let canonical = std::fs::canonicalize(r).ok()?;
        let folder = if canonical.is_dir() {
            canonical.clone()
        } else {
            canonical.parent()?.to_path_buf()
        };
        (folder == dir).then(|| r.clone())
    })
}

/// Moves an all-units workbook in `dir` whose 复核结果 holds decisions out of the way, so that
/// re-rendering does not wipe an assessor's work; returns where it went.
fn back_up_reviewed(dir: &Path) -> Result<Option<PathBuf>> {
    let all = dir.join(output::ALL_UNITS_XLSX);
    if !all.is_file() {
        return Ok(None);
    }
    let Ok(table) = crate::score::table::read_table(
        &all,
        Some(crate::score::review::SHEET),
        &[crate::report::fixlist::REVIEW_HEADER],
    ) else {
        return Ok(None);
    };
    let Some(col) = table.column(&[crate::report::fixlist::REVIEW_HEADER]) else {
        return Ok(None);
    };
    if table
        .rows
        .iter()
        .all(|(_, cells)| crate::score::table::cell(cells, Some(col)).is_empty())
    {
        return Ok(None);
    }
    let (stamp, _) = super::now_run_id();
    let backup = dir.join(format!("整改清单-全部（复核备份-{stamp}）.xlsx"));
    std::fs::rename(&all, &backup)
        .with_context(|| format!("无法另存 {} 为 {}", all.display(), backup.display()))?;
    Ok(Some(backup))
}

/// Parses `--format` values (already split on commas).
pub(crate) fn parse_formats(values: &[String]) -> Result<Vec<Format>> {
    values
        .iter()
        .filter(|v| !v.trim().is_empty())
        .map(|v| v.parse::<Format>().map_err(anyhow::Error::msg))
        .collect()
}

/// Creates `dir` and writes the formats into it.
pub(crate) fn write_to(
    report: &crate::report::Report,
    dir: &Path,
    formats: &[Format],
) -> Result<Vec<PathBuf>> {
    super::create_output_dir(dir)?;
    warn_rows_left_out(report.items.len(), report.findings.len(), formats);
    Ok(output::write_dir(report, dir, formats)?)
}

/// Writes the formats of a report kept on disk into `dir` (which exists), a unit at a time,
/// telling `done(k, n)` as the units are written.
pub(crate) fn write_by_unit(
    shards: &crate::report::shards::Shards,
    dir: &Path,
    formats: &[Format],
    done: &mut dyn FnMut(usize, usize),
) -> Result<Vec<PathBuf>> {
    let s = &shards.header().summary;
    warn_rows_left_out(s.items, s.errors + s.warnings, formats);
    Ok(output::write_dir_by_unit(shards, dir, formats, done)?)
}

/// Says so when the all-units workbook cannot list every item or finding.
fn warn_rows_left_out(items: usize, findings: usize, formats: &[Format]) {
    if formats.contains(&Format::Xlsx) {
        let limit = crate::report::xlsx::DATA_ROWS;
        for (n, what, sheet) in [(items, "个事项", "事项"), (findings, "条问题", "问题清单")]
        {
            if n > limit {
                say!(
                    "注意: {n} {what}超过 Excel 每张表 1048576 行的上限，{} 的「{sheet}」表只列出前 {limit} 行；全部内容见 findings.csv 和 report.json",
                    output::ALL_UNITS_XLSX
                );
            }
        }
    }
}

/// What was gathered from the units' returned fix lists, and the first `max_issues` rows that
/// could not be used.
pub(crate) fn print_replies(
    g: &crate::report::replies::Gathered,
    report: &crate::report::Report,
    max_issues: usize,
) {
    let units: std::collections::HashMap<String, &str> = report
        .findings
        .iter()
        .map(|f| (crate::history::fingerprint(f), f.unit.as_str()))
        .collect();
    let mut disputed: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for r in g.replies.iter().filter(|r| r.disputed == Some(true)) {
        *disputed
            .entry(units.get(&r.fingerprint).copied().unwrap_or_default())
            .or_default() += 1;
    }
    let by_unit: Vec<String> = disputed
        .iter()
        .map(|(u, n)| format!("{u} {n} 条"))
        .collect();
    say!(
        "已读取 {} 个回复文件：{} 条问题有回复，其中有异议 {} 条{}",
        g.files,
        g.replies.len(),
        disputed.values().sum::<usize>(),
        if by_unit.is_empty() {
            String::new()
        } else {
            format!("（{}）", by_unit.join("、"))
        }
    );
    for issue in g.issues.iter().take(max_issues) {
        say!("  注意: {} — {}", issue.place, issue.message);
    }
    if g.issues.len() > max_issues {
        say!(
            "  …… 另有 {} 条注意事项，运行 zwfw-audit report <本次的 report.json> --replies <回复文件夹> -o <另一个文件夹> 可看全部",
            g.issues.len() - max_issues
        );
    }
}

/// Lists the files written.
pub(crate) fn print_written(written: &[PathBuf]) {
    for path in written {
        say!("已写入 {}", path.display());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{RunInfo, check_records};
    use crate::rules::{CheckContext, RuleSet};

    /// `report.json` of `n` generated items, written into `dir`.
    fn report_file(dir: &Path, n: u64) -> PathBuf {
        let items = dir.join("items.ndjson");
        let mut out = std::fs::File::create(&items).unwrap();
        crate::r#gen::write_ndjson(crate::r#gen::GenOptions::default(), n, &mut out).unwrap();
        let mut records = Vec::new();
        crate::source::read_inputs(&[items], &mut |r| records.push(r));
        let report = check_records(
            records,
            &RuleSet::default(),
            &CheckContext::default(),
            RunInfo::default(),
        );
        let path = dir.join("report.json");
        let mut bytes = Vec::new();
        json::write(&report, &mut bytes).unwrap();
        std::fs::write(&path, bytes).unwrap();
        path
    }

    /// A report rendered as it is goes a unit at a time; one that cannot be split, or holds no
    /// item, is left to be read whole (which says why it cannot be read).
    #[test]
    fn a_report_is_rendered_a_unit_at_a_time_unless_it_cannot_be_split() {
        let tmp = tempfile::tempdir().unwrap();
        let path = report_file(tmp.path(), 200);
        let out = tmp.path().join("out");
        let written = render_by_unit(&path, &out, &[Format::Xlsx, Format::Csv], true)
            .unwrap()
            .expect("split and written a unit at a time");
        assert!(written.len() > 3, "{written:?}");
        assert!(written.iter().all(|p| p.exists()));
        let cut = tmp.path().join("cut.json");
        let text = std::fs::read(&path).unwrap();
        std::fs::write(&cut, &text[..text.len() / 3]).unwrap();
        let empty_dir = tmp.path().join("empty");
        std::fs::create_dir_all(&empty_dir).unwrap();
        let empty = report_file(&empty_dir, 0);
        for other in [cut, empty, tmp.path().join("missing.json")] {
            let got =
                render_by_unit(&other, &tmp.path().join("other"), &[Format::Csv], true).unwrap();
            assert!(got.is_none(), "{}", other.display());
        }
    }
}
