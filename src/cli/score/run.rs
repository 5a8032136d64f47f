//! The `score` run: the unit mapping, rate and decimals (a scored report's reused unless a flag
//! says otherwise), the sample, the review (read, reused or dropped), the scores, the scored
//! report written in place, and what the review left open.
//!
//! Not here: the arguments and loaders (`mod.rs`), choosing the items (`chosen`), the printed
//! table (`print`).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use super::chosen::choose_sample;
use super::{RateArg, ScoreArgs, load_report, print_issues, print_table, problems_of};
use crate::cli::load_config;
use crate::report::{self, Report};
use crate::score::compute::{lots, tally_items};
use crate::score::table::FileIssue;
use crate::score::{RateKind, ScoreOptions, UnitMapping, review, score_units};
use crate::source::Notice;

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
        _ => crate::cli::mapping_for(&args.units, &config, &report)?,
    };
    super::print_mapping_issues(mapping.source.as_deref(), &map_issues);
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
                // By item, not by 实施编码: a placeholder code shared by several items would
                // put a rejection on an item not drawn inside the sample.
                if let Some(chosen) = &sample {
                    let outside = crate::score::compute::owners(&report)
                        .iter()
                        .zip(&out.kept)
                        .filter(|(owner, kept)| {
                            !**kept && owner.is_none_or(|i| !chosen.contains(&i))
                        })
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
                    .retain(|n| *n.provenance.source != *earlier.source);
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
                    .retain(|n| *n.provenance.source != *earlier.source);
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
        let mut out = crate::cli::SafeOut(std::io::stdout().lock());
        let incomplete = report
            .notices
            .iter()
            .any(|n| n.level == crate::source::NoticeLevel::Error);
        print_table(
            &mut out,
            &report.scores,
            opts.rate_kind,
            opts.decimals,
            incomplete,
        )
        .or_else(crate::cli::ignore_broken_pipe)?;
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

/// `dir/report.json` → `dir/report.scored.json`; a scored report is scored again in place
/// (`report.scored.json` stays `report.scored.json`, not `report.scored.scored.json`).
fn scored_path(input: &Path) -> PathBuf {
    let stem = input
        .file_stem()
        .map_or_else(|| "report".into(), |s| s.to_string_lossy().into_owned());
    let stem = stem.strip_suffix(".scored").unwrap_or(&stem);
    input.with_file_name(format!("{stem}.scored.json"))
}

/// The error findings of appendix rules in the scored items (the sample's, or every checked
/// item's), and how many of them the review left without a decision.
fn undecided(
    report: &Report,
    sample: Option<&BTreeSet<usize>>,
    decisions: &[Option<review::Decision>],
) -> (usize, usize) {
    let appendix = crate::score::compute::appendix_rules(report);
    // By item, not by 实施编码 (items may share a placeholder code).
    let scored = |i: usize| {
        report.items[i].status == crate::report::ItemStatus::Checked
            && sample.is_none_or(|s| s.contains(&i))
    };
    let counted: Vec<bool> = report
        .findings
        .iter()
        .zip(crate::score::compute::owners(report))
        .zip(decisions)
        .filter(|((f, owner), _)| {
            f.severity == crate::model::Severity::Error
                && appendix.contains(f.rule.as_str())
                && owner.is_some_and(scored)
        })
        .map(|(_, d)| d.is_none())
        .collect();
    (counted.len(), counted.iter().filter(|open| **open).count())
}

/// Findings a unit disputed (是否有异议 = 有) that the review left without a decision.
fn open_disputes(report: &crate::report::Report, decisions: &[Option<review::Decision>]) -> usize {
    if report.replies.is_empty() {
        return 0;
    }
    let twins = crate::report::twins::Twins::of(&report.findings);
    report
        .replies_with(&twins)
        .iter()
        .zip(decisions)
        .filter(|(r, d)| d.is_none() && r.is_some_and(|r| r.disputed == Some(true)))
        .count()
}
