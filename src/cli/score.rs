//! `zwfw-audit score`: score a checked report per unit (optionally only a sample's items, and
//! after an assessor's review), print the table and write the scores into the JSON report.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clap::{Args, ValueEnum};

use super::load_config;
use crate::config::Config;
use crate::report::{self, Report, SampleRecord, SampledItem};
use crate::score::compute::{lots, tally_items};
use crate::score::table::{CODE, FileIssue, Table, cell, read_table};
use crate::score::{
    RateKind, ScoreOptions, UnitMapping, UnitMode, UnitScore, review, sample_file, score_units,
};
use crate::source::Notice;

/// Error rate choice on the command line.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum RateArg {
    /// 要素出错率: failing ÷ applicable element checks
    #[value(aliases = ["要素", "要素出错率"])]
    Element,
    /// 事项出错率: items with an error ÷ sampled items
    #[value(aliases = ["事项", "事项出错率"])]
    Item,
}

/// Unit grouping on the command line.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum UnitsArg {
    /// As recorded at check time
    #[value(aliases = ["默认"])]
    Default,
    /// One unit per 实施主体
    #[value(aliases = ["实施主体", "主体"])]
    Subject,
    /// One unit per 行政区划代码
    #[value(aliases = ["区划", "行政区划"])]
    Region,
}

/// Unit options shared by `sample` and `score`.
#[derive(Debug, Args)]
pub(crate) struct UnitArgs {
    /// 怎样划分考核单位: default（或 默认）按检查时的划分，subject（或
    /// 实施主体）每个实施主体一个单位，region（或 区划）每个行政区划代码
    /// 一个单位（默认: [score] units，没有设则 default）
    #[arg(long, value_enum, value_name = "划分", verbatim_doc_comment)]
    units: Option<UnitsArg>,
    /// 单位对照表（CSV 或 XLSX，列: 实施主体或区划、考核单位、类型）
    /// （默认: [score] mapping）
    #[arg(long, value_name = "对照表", verbatim_doc_comment)]
    mapping: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ScoreArgs {
    /// zwfw-audit check 生成的 JSON 报告（report.json），或计过分的报告
    #[arg(value_name = "报告")]
    report: PathBuf,
    /// 只给抽样清单中的事项计分（zwfw-audit sample 写出的 CSV 或 XLSX）。
    /// 计过分的报告（*.scored.json）记有抽样，不加本项时沿用
    #[arg(long, value_name = "抽样清单", verbatim_doc_comment)]
    sample: Option<PathBuf>,
    /// 给全部事项计分，不用报告中记录的抽样
    #[arg(long, conflicts_with = "sample")]
    census: bool,
    /// 按复核结果重算得分: 整改清单-全部.xlsx（“问题清单”表）、
    /// findings.csv，或 CSV（列: 实施编码、规则、原文、复核结果、备注）；
    /// 各单位的清单不行。报告中记有复核结果时，不加本项就沿用
    #[arg(long, value_name = "复核文件", verbatim_doc_comment)]
    review: Option<PathBuf>,
    /// 不用报告中记录的复核结果，按检查结果计分
    #[arg(long, conflicts_with = "review")]
    no_review: bool,
    /// 出错率口径: element（或 要素）要素出错率（出错的要素检查 ÷ 适用的
    /// 要素检查），item（或 事项）事项出错率（有错误的事项 ÷ 抽查的事项）
    /// （默认: 计过分的报告沿用原口径，否则 [score] rate，
    /// 没有设则 element）
    #[arg(long, value_enum, value_name = "口径", verbatim_doc_comment)]
    rate: Option<RateArg>,
    /// 得分保留几位小数（默认: [score] decimals，没有设则 2）
    #[arg(long, value_name = "位数")]
    decimals: Option<u32>,
    #[command(flatten)]
    units: UnitArgs,
    /// 写出的 JSON 报告，含得分（默认: 输入报告旁边的 <报告名>.scored.json）
    #[arg(short, long, value_name = "文件")]
    output: Option<PathBuf>,
    /// 配置文件（默认: 当前文件夹的 zwfw-audit.toml，没有就用内置设置）
    #[arg(long, value_name = "配置文件")]
    config: Option<PathBuf>,
    /// 不显示得分表和复核摘要，只显示错误和文件中的问题行
    #[arg(short, long)]
    quiet: bool,
}

/// Reads a JSON report written by `zwfw-audit check`.
pub(crate) fn load_report(path: &Path) -> Result<Report> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("无法读取报告 {}", path.display()))?;
    report::json::read(&text)
        .map_err(anyhow::Error::msg)
        .with_context(|| format!("报告 {} 无法使用", path.display()))
}

/// The unit mapping from flags, then `[score]`, then the default; mapping-file issues are printed.
pub(crate) fn load_mapping(
    args: &UnitArgs,
    config: &Config,
) -> Result<(UnitMapping, Vec<FileIssue>)> {
    let mode = match args.units {
        Some(UnitsArg::Default) => UnitMode::Default,
        Some(UnitsArg::Subject) => UnitMode::Subject,
        Some(UnitsArg::Region) => UnitMode::Region,
        None => config.score.units,
    };
    match args.mapping.as_ref().or(config.score.mapping.as_ref()) {
        Some(path) => Ok(UnitMapping::load(path, mode)?),
        None => Ok((
            UnitMapping {
                mode,
                ..UnitMapping::default()
            },
            Vec::new(),
        )),
    }
}

/// Prints bad rows of a handed-back file.
/// The problems an earlier scoring met in the file `source` (its sample list or review file),
/// which still stand when that scoring's sample or review is reused.
fn problems_of<'a>(earlier: &'a [Notice], source: &'a str) -> impl Iterator<Item = FileIssue> + 'a {
    earlier
        .iter()
        .filter(move |n| n.provenance.source == source)
        .map(|n| FileIssue {
            place: n.provenance.clone(),
            message: n.message.clone(),
        })
}

pub(crate) fn print_issues(what: &str, issues: &[FileIssue]) {
    for i in issues {
        say!("  注意: {what} {} — {}", i.place, i.message);
    }
}

pub fn run(args: &ScoreArgs) -> Result<i32> {
    let config = load_config(args.config.as_deref())?;
    let mut report = load_report(&args.report)?;
    // A scored report is grouped and rounded again as it was (its mapping's rows are in it),
    // unless a flag says otherwise: the rescore with the review is often run without the
    // mapping file at hand.
    let recorded = report.scoring_settings.take();
    let (mapping, map_issues) = match &recorded {
        Some(earlier) if args.units.units.is_none() && args.units.mapping.is_none() => {
            let mapping = UnitMapping::from_grouping(&earlier.grouping);
            if mapping.source.is_some() || mapping.mode != config.score.units {
                say!(
                    "沿用报告中记录的单位划分（{}）；要改用别的，请加 --mapping 或 --units",
                    earlier.grouping.describe()
                );
            }
            let issues = mapping.coverage(&report.items);
            (mapping, issues)
        }
        _ => super::mapping_for(&args.units, &config, &report)?,
    };
    print_issues("单位对照表", &map_issues);
    // A report scored before (by `score`) is scored again as it was: same sample, same review,
    // same rate, unless a flag says otherwise; each reuse is said in one line.
    let scored_before = report.sample.is_some() || report.review.is_some();
    let earlier_rate = report
        .scores
        .first()
        .map(|s| s.rate_kind)
        .filter(|_| scored_before);
    let opts = ScoreOptions {
        rate_kind: match args.rate {
            Some(RateArg::Element) => RateKind::Element,
            Some(RateArg::Item) => RateKind::Item,
            None => earlier_rate.unwrap_or(config.score.rate),
        },
        decimals: args
            .decimals
            .or(recorded.as_ref().map(|r| r.decimals))
            .unwrap_or(config.score.decimals),
    };
    if args.decimals.is_none() && opts.decimals != config.score.decimals {
        say!("沿用报告中记录的小数位数: {}", opts.decimals);
    }
    if args.rate.is_none() && earlier_rate.is_some_and(|k| k != config.score.rate) {
        say!("沿用报告中的出错率口径: {}", opts.rate_kind.label_zh());
    }
    let earlier_scoring = std::mem::take(&mut report.scoring_notices);
    let mut issues = map_issues;
    let (sample, record, sample_issues) = choose_sample(args, &report, &mapping)?;
    print_issues("抽样清单", &sample_issues);
    issues.extend(sample_issues);
    if let (None, Some(earlier)) = (&args.sample, &record) {
        // The recorded sample's file was read then: its problems still stand.
        issues.extend(problems_of(&earlier_scoring, &earlier.source));
    }
    report.sample = record;
    let reviewed = match &args.review {
        Some(path) => {
            let out = review::read(path, &report)
                .with_context(|| format!("无法使用复核文件 {}", path.display()))?;
            print_issues("复核文件", &out.issues);
            if !args.quiet {
                say!(
                    "复核: 确认 {} 条问题，驳回 {} 条，{} 行有误未采用{}",
                    out.confirmed,
                    out.rejected,
                    out.issues.len(),
                    if out.issues.is_empty() {
                        ""
                    } else {
                        "（这些行的问题按成立计；改正复核文件后请重新运行本命令）"
                    }
                );
                // Rejections of items outside the sample change no score: say so, or the
                // unchanged scores look like the review was ignored.
                if let Some(chosen) = &sample {
                    let sampled: BTreeSet<&str> = chosen
                        .iter()
                        .map(|&i| report.items[i].code.trim())
                        .collect();
                    let outside = report
                        .findings
                        .iter()
                        .zip(&out.kept)
                        .filter(|(f, kept)| !**kept && !sampled.contains(f.item_code.trim()))
                        .count();
                    if outside > 0 {
                        say!("  其中驳回的 {outside} 条不在抽样事项中，不影响得分");
                    }
                }
                // Rows deleted from the review, or left empty: their findings count as errors.
                // An assessor who meant to review every scored finding learns which are left.
                let (scored, open) = undecided(&report, sample.as_ref(), &out.decisions);
                if open > 0 {
                    say!(
                        "  {}的 {scored} 条错误中有 {open} 条没有复核结果（复核文件中没有这一行，或复核结果为空），按问题成立计",
                        if sample.is_some() {
                            "抽中事项"
                        } else {
                            "计分事项"
                        }
                    );
                }
            }
            issues.extend(out.issues.iter().cloned());
            let reviewed = tally_items(&report, &out.kept);
            // An earlier review's problems among the export's notices (older reports) are
            // replaced by this review's.
            if let Some(earlier) = report.review.take() {
                report
                    .notices
                    .retain(|n| n.provenance.source != earlier.source);
            }
            // Kept in the scored report: fix lists rendered from it show the decisions, and the
            // units' answers the review file carries (from `report --replies`) stay beside them.
            report.review = Some(out.record(&path.display().to_string(), &report));
            if report.replies.is_empty() {
                report.replies = crate::report::replies::from_review(path, &report);
            }
            let open = open_disputes(&report, &out.decisions);
            if open > 0 && !args.quiet {
                say!(
                    "  注意: 单位有异议、复核结果为空的 {open} 条按问题成立计；要驳回的，请在复核文件中填写后重算"
                );
            }
            Some(reviewed)
        }
        None if args.no_review => {
            if let Some(earlier) = report.review.take() {
                say!(
                    "按 --no-review 不用报告中记录的复核结果（{}），按检查结果计分",
                    earlier.source
                );
                report
                    .notices
                    .retain(|n| n.provenance.source != earlier.source);
            }
            None
        }
        None => match &report.review {
            Some(earlier) => {
                let decisions = earlier.decisions_for(&report.findings);
                let kept: Vec<bool> = decisions
                    .iter()
                    .map(|d| *d != Some(review::Decision::Rejected))
                    .collect();
                let rejected = kept.iter().filter(|k| !**k).count();
                say!(
                    "沿用报告中记录的复核结果（{}：确认 {} 条，驳回 {rejected} 条）；不用它请加 --no-review",
                    earlier.source,
                    earlier.findings.len() - rejected
                );
                issues.extend(problems_of(&earlier_scoring, &earlier.source));
                let open = open_disputes(&report, &decisions);
                if open > 0 && !args.quiet {
                    say!(
                        "  注意: 单位有异议、复核结果为空的 {open} 条按问题成立计；要驳回的，请在复核文件中填写后重算"
                    );
                }
                Some(tally_items(&report, &kept))
            }
            None => None,
        },
    };
    let scores = score_units(
        &report,
        &mapping,
        sample.as_ref(),
        reviewed.as_deref(),
        opts,
    );
    if sample.is_some() && !args.quiet {
        let unsampled: Vec<String> = lots(&report, &mapping)
            .into_keys()
            .filter(|u| !scores.iter().any(|s| &s.unit == u))
            .collect();
        if !unsampled.is_empty() {
            say!("以下单位没有抽中事项，未计分: {}", unsampled.join("、"));
        }
    }
    // Kept apart from the export's notices: they are the assessor's, not the units'.
    let mut notices: Vec<Notice> = issues.iter().map(FileIssue::to_notice).collect();
    notices.dedup();
    report.scoring_notices = notices;
    report.scores = scores;
    report.scoring_settings = Some(crate::report::ScoringSettings::of(&mapping, opts));
    let out_path = args
        .output
        .clone()
        .unwrap_or_else(|| scored_path(&args.report));
    // Written beside and then renamed over: scoring a scored report again replaces it, and a
    // run stopped half-way must not leave half of it.
    let replaces = out_path.exists();
    let tmp = out_path.with_file_name(format!(
        "{}.tmp",
        out_path.file_name().unwrap_or_default().to_string_lossy()
    ));
    let mut file = std::io::BufWriter::new(
        std::fs::File::create(&tmp).with_context(|| format!("无法写入 {}", tmp.display()))?,
    );
    report::json::write(&report, &mut file)?;
    file.into_inner()
        .map_err(std::io::IntoInnerError::into_error)
        .and_then(|f| f.sync_all())
        .and_then(|()| std::fs::rename(&tmp, &out_path))
        .with_context(|| format!("无法写入 {}", out_path.display()))?;
    if !args.quiet {
        let mut out = std::io::stdout().lock();
        print_table(&mut out, &report.scores, opts.rate_kind, opts.decimals)
            .or_else(super::ignore_broken_pipe)?;
        if replaces {
            say!("得分已写入 {}（替换了上次的计分结果）", out_path.display());
        } else {
            say!("得分已写入 {}", out_path.display());
        }
        if args.review.is_some() {
            say!(
                "下一步: 运行 zwfw-audit report {} 生成复核后的整改清单（显示复核结果和单位的回复），发给各单位",
                out_path.display()
            );
        }
    }
    Ok(0)
}

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
fn choose_sample(args: &ScoreArgs, report: &Report, mapping: &UnitMapping) -> Result<Chosen> {
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
        headers: vec!["考核单位".to_owned(), "实施编码".to_owned()],
        rows: (1..)
            .zip(&earlier.items)
            .map(|(row, i)| (row, vec![i.unit.clone(), i.code.clone()]))
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

/// The chosen items by 考核单位 and 实施编码, in the order the lots are sorted.
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
                })
        })
        .collect()
}

/// `dir/report.json` → `dir/report.scored.json`; a scored report is scored again in place
/// (`report.scored.json` stays `report.scored.json`, not `report.scored.scored.json`).
fn scored_path(input: &Path) -> PathBuf {
    let stem = input
        .file_stem()
        .map_or_else(|| "report".into(), |s| s.to_string_lossy().into_owned());
    let stem = stem.strip_suffix(".scored").unwrap_or(&stem);
    input.with_file_name(format!("{stem}.scored.json"))
}

/// Units named for each unit whose score interval overlaps others' (sixty units of close scores
/// would each name dozens): then the count.
const OVERLAPS_NAMED: usize = 5;

/// Prints the per-unit table in Chinese.
pub(crate) fn print_table(
    out: &mut dyn Write,
    scores: &[UnitScore],
    rate_kind: RateKind,
    decimals: u32,
) -> std::io::Result<()> {
    // Scores with the configured decimals, as the Excel shows them (7.70, not 7.7).
    let d = decimals as usize;
    let points = |v: f64| format!("{v:.d$}");
    let completeness = |c: Option<&crate::score::Completeness>| {
        c.map_or_else(
            || "—".to_owned(),
            |c| format!("权力{} 公共服务{}", c.power_points, c.public_points),
        )
    };
    let reviewed = scores.iter().any(|s| s.reviewed_score.is_some());
    // A census has no sampling error: its one-point interval is a dash, explained under the table.
    let interval = |low: String, high: String| {
        if low == high {
            "—".to_owned()
        } else {
            format!("{low}–{high}")
        }
    };
    let census = scores
        .iter()
        .any(|s| format!("{:.1}", s.rate_low * 100.0) == format!("{:.1}", s.rate_high * 100.0));
    let mut header = vec![
        "考核单位",
        "类型",
        "事项数",
        "抽查数",
        "出错",
        "出错率",
        "95%区间",
        "得分",
        "得分区间",
        "编制完整",
    ];
    if reviewed {
        header.extend([
            "复核后出错",
            "复核后出错率",
            "复核后得分",
            "复核后得分区间",
            "复核后编制完整",
        ]);
    }
    // City departments first, then counties: the scheme ranks each kind on its own.
    let mut sorted: Vec<&UnitScore> = scores.iter().collect();
    sorted.sort_by_key(|s| (s.kind, &s.unit));
    let rows: Vec<Vec<String>> = sorted
        .iter()
        .map(|s| {
            let (x, n) = match s.rate_kind {
                RateKind::Element => (s.failed_checks, s.checks),
                RateKind::Item => (s.items_with_errors, s.sampled),
            };
            let mut row = vec![
                s.unit.clone(),
                s.kind.label_zh().to_owned(),
                s.items.to_string(),
                s.sampled.to_string(),
                format!("{x}/{n}"),
                format!("{:.1}%", s.rate * 100.0),
                interval(
                    format!("{:.1}%", s.rate_low * 100.0),
                    format!("{:.1}%", s.rate_high * 100.0),
                ),
                format!("{}/{}", points(s.score), s.full_marks),
                interval(points(s.score_low), points(s.score_high)),
                completeness(s.completeness.as_ref()),
            ];
            if reviewed {
                let x = match s.rate_kind {
                    RateKind::Element => s.reviewed_failed_checks,
                    RateKind::Item => s.reviewed_items_with_errors,
                };
                let dash = || "—".to_owned();
                row.extend([
                    x.map_or_else(dash, |x| format!("{x}/{n}")),
                    s.reviewed_rate
                        .map_or_else(dash, |r| format!("{:.1}%", r * 100.0)),
                    s.reviewed_score
                        .map_or_else(dash, |r| format!("{}/{}", points(r), s.full_marks)),
                    match (s.reviewed_score_low, s.reviewed_score_high) {
                        (Some(low), Some(high)) => interval(points(low), points(high)),
                        _ => dash(),
                    },
                    // A rejected finding of an empty element gives its 0.1 back.
                    completeness(s.reviewed_completeness.as_ref()),
                ]);
            }
            row
        })
        .collect();
    writeln!(out, "实施清单准确度得分（{}）", rate_kind.label_zh())?;
    for line in super::aligned(&header, &rows) {
        writeln!(out, "{line}")?;
    }
    if census {
        writeln!(
            out,
            "区间为「—」的单位全部事项都已检查，没有抽样误差。编制完整: 县区权力事项、公共服务事项各 0.5 分，缺一项要素扣 0.1 分；缺了哪些要素，见整改清单（Excel）「事项」表的「缺项」「出错要素明细」列。"
        )?;
    }
    if let Some(d) = scores.iter().find_map(|s| s.design_effect) {
        writeln!(
            out,
            "95%区间按抽中的事项计算：同一事项的要素是一起抽中的，错误也常集中在少数事项，所以区间比把每个要素当作独立抽查时宽（设计效应 {d:.1}，由本次各单位的样本合并估计）。"
        )?;
    }
    let flagged: Vec<&UnitScore> = scores
        .iter()
        .filter(|s| !s.overlaps_with.is_empty())
        .collect();
    if !flagged.is_empty() {
        writeln!(out, "得分区间重叠（排名差异在抽样误差之内）:")?;
        for s in flagged {
            let names = s.overlaps_with[..s.overlaps_with.len().min(OVERLAPS_NAMED)].join("、");
            let more = match s.overlaps_with.len() {
                n if n > OVERLAPS_NAMED => format!(" 等 {n} 个单位"),
                _ => String::new(),
            };
            writeln!(out, "  {} ↔ {names}{more}", s.unit)?;
        }
    }
    Ok(())
}

/// The error findings of appendix rules in the scored items (the sample's, or every checked
/// item's), and how many of them the review left without a decision.
fn undecided(
    report: &Report,
    sample: Option<&BTreeSet<usize>>,
    decisions: &[Option<review::Decision>],
) -> (usize, usize) {
    let appendix = crate::score::compute::appendix_rules(report);
    let scored: BTreeSet<&str> = report
        .items
        .iter()
        .enumerate()
        .filter(|(i, item)| {
            item.status == crate::report::ItemStatus::Checked
                && sample.is_none_or(|s| s.contains(i))
        })
        .map(|(_, item)| item.code.trim())
        .collect();
    let counted: Vec<bool> = report
        .findings
        .iter()
        .zip(decisions)
        .filter(|(f, _)| {
            f.severity == crate::model::Severity::Error
                && appendix.contains(f.rule.as_str())
                && scored.contains(f.item_code.trim())
        })
        .map(|(_, d)| d.is_none())
        .collect();
    (counted.len(), counted.iter().filter(|open| **open).count())
}

/// Findings a unit disputed (是否有异议 = 有) that the review left without a decision.
fn open_disputes(report: &crate::report::Report, decisions: &[Option<review::Decision>]) -> usize {
    let disputed: BTreeSet<&str> = report
        .replies
        .iter()
        .filter(|r| r.disputed == Some(true))
        .map(|r| r.fingerprint.as_str())
        .collect();
    report
        .findings
        .iter()
        .zip(decisions)
        .filter(|(f, d)| d.is_none() && disputed.contains(crate::history::fingerprint(f).as_str()))
        .count()
}
