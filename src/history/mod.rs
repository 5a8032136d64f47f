//! 运行历史 — the store of past runs for nightly audits: what is new, fixed or persisting since the
//! last complete run, for how long, per unit; waivers (豁免); and incremental re-checks.
//!
//! What lives here: the SQLite store ([`Store`], versioned migrations in `schema.rs`), the stable
//! finding [`fingerprint`], the incremental check ([`check_incremental`]), waivers, and the
//! [`HistoryView`] that goes into the report. What does not: clap and printing (`cli/audit.rs`),
//! scoring (`score/`), report writers (`report/`).
//!
//! # Definitions
//! - **Run**: one nightly audit. Status `running` while it works, `complete` only after the final
//!   transaction that writes its items and findings, `incomplete` when it failed or was killed.
//!   Only complete runs are ever compared against or counted in trends.
//! - **Fingerprint**: see [`fingerprint`]; the same problem in the same item has the same
//!   fingerprint from night to night.
//! - **Baseline**: the latest complete run started before this one, or the run chosen with
//!   `--since` (a run id, or a date: the latest complete run started on or before that date).
//! - **新增 new**: a finding of this run whose fingerprint the baseline lacks, and that is not a
//!   baseline finding found again (below).
//!   **未整改 persisting**: in both; or *found again* under another fingerprint: the same item,
//!   rule and element (field, or material …) still failing with its text reworded (原文已改), or
//!   the same problem of an item that moved to another 考核单位 (a unit renamed), paired one to one
//!   (`diff/carry.rs`). **已整改 fixed**: in the baseline only, while its item is still
//!   checked in this run and its rule still runs. **已移除 gone**: in the baseline only because the
//!   item is absent or unreadable now, or its rule no longer runs, or the item's list that rule
//!   judges (申请材料, 办理流程 …) was not read tonight (a sheet left out; not a fix).
//! - **first_seen / age**: a finding's first_seen is the start of its *unbroken* streak: when it was
//!   also in the previous complete run (itself, or the finding it was found again as), it keeps that
//!   run's first_seen; otherwise it is this run's start. A problem that was fixed and came back
//!   starts again at age 0. Age = calendar days from the first_seen date to this run's date (dates
//!   as written in the runs' own local offset).
//! - **Waiver 豁免**: an assessor's decision that a finding does not count until a date (inclusive).
//!   A waived finding stays in the list, marked, but is excluded from error counts and its element
//!   check counts as passed for scoring. Expired waivers and waivers matching no finding are reported.
//! - **Incremental**: an item whose content (its JSON without its top-level provenance) and whose
//!   configuration hash (tool version + rules with severities + `[check]` parameters) match an
//!   earlier complete run reuses that result instead of being checked again.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::rules::{RuleParams, RuleSet};

mod diff;
mod fingerprint;
mod fresh;
mod incremental;
mod prune;
mod schema;
mod store;
mod view;
mod waiver;

pub use diff::BaselineFiles;
pub use fingerprint::{fingerprint, normalize_evidence};
pub use fresh::FreshResults;
pub use incremental::{CachedResult, Checked, Incremental, check_incremental, item_hash};
pub use schema::{SCHEMA_VERSION, V1_SQL};
pub use store::{RunGuard, RunRecord, RunStatus, StagedRun, Store};
pub use view::{
    Carried, FindingHistory, FindingStatus, HistoryView, Moved, RunRef, TrendPoint, UnitHistory,
    WaiverReport,
};
pub use waiver::Waiver;

/// The `[audit]` section of the configuration file: what a nightly run reads and where it keeps
/// its history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AuditConfig {
    /// Export files to audit, relative to the working folder.
    pub inputs: Vec<PathBuf>,
    /// The history store (default `<output.dir>/history.sqlite`, i.e. `reports/history.sqlite`).
    pub store: Option<PathBuf>,
    /// Runs shown in each unit's trend, this run included.
    pub trend_runs: usize,
    /// Also check attachments and links (network; hosts from `[links] allowed_hosts`).
    pub links: bool,
    /// The units' returned fix lists (files, or folders of them): each night reads their answers
    /// (整改情况, 是否有异议, 异议理由) into its own fix lists by 指纹, so an answer given on an
    /// earlier night stays beside the finding while it stands.
    pub replies: Vec<PathBuf>,
}

impl Default for AuditConfig {
    fn default() -> Self {
        Self {
            inputs: Vec::new(),
            store: None,
            trend_runs: 12,
            links: false,
            replies: Vec::new(),
        }
    }
}

/// The history store could not be used.
#[derive(Debug, thiserror::Error)]
pub enum HistoryError {
    /// SQLite reported an error.
    #[error("历史库 {path} 出错: {source}")]
    Sqlite {
        /// The store file.
        path: PathBuf,
        /// The cause.
        source: rusqlite::Error,
    },
    /// Another run holds the store.
    #[error(
        "另一个审核运行正在使用历史库 {path}{holder}，请等它结束后再运行（同一时间只能有一个运行写入历史库）"
    )]
    Busy {
        /// The store file.
        path: PathBuf,
        /// Which run holds it, when known (`（运行 20261120-020000，开始于 …）`).
        holder: String,
    },
    /// The store was written by a newer version of the tool.
    #[error("历史库 {path} 的结构版本为 {found}，比本工具支持的 {supported} 新，请升级 zwfw-audit")]
    TooNew {
        /// The store file.
        path: PathBuf,
        /// `PRAGMA user_version` found.
        found: u32,
        /// [`SCHEMA_VERSION`].
        supported: u32,
    },
    /// A run id is taken already.
    #[error("运行编号 {0} 已存在于历史库中，请换一个运行编号")]
    DuplicateRun(String),
    /// `--since` names no usable run.
    #[error(
        "找不到对比基准 \"{0}\"：需要一次已完成、输入完整的运行的编号（见 zwfw-audit audit runs），或日期（如 2026-11-20，取这一天或之前最后一次这样的运行）"
    )]
    NoSuchBaseline(String),
    /// `--since` names a run whose details were pruned.
    #[error("运行 {0} 的明细已清理（audit prune），不能作为对比基准；请选更近的运行")]
    Pruned(String),
    /// A waiver names something that is not a fingerprint.
    #[error("\"{0}\" 不是问题指纹：指纹是报告中的 16 位十六进制数字，如 3f9c0a1b2c3d4e5f")]
    BadFingerprint(String),
    /// A time or date could not be read.
    #[error(
        "时间 \"{0}\" 无法识别：运行时间要写成 2026-11-20T02:00:00+08:00，日期要写成 2026-11-20"
    )]
    BadTime(String),
    /// A stored value could not be decoded.
    #[error("历史库 {path} 中的数据损坏: {reason}")]
    Corrupt {
        /// The store file.
        path: PathBuf,
        /// What could not be decoded.
        reason: String,
    },
    /// The temporary file holding a run's results until they are stored could not be written.
    #[error("无法写入临时文件（在 {path} 中，暂存本次的检查结果，写入历史库前用）: {}", crate::io_reason(.source))]
    Temp {
        /// The folder it is made in.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The store's folder could not be created.
    #[error("无法创建历史库目录 {path}: {}", crate::io_reason(.source))]
    Io {
        /// The folder.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
}

/// The configuration hash: tool version and build, the rules that run with their severities, and
/// the rule parameters. Results are reused only between runs with the same hash, so any future
/// setting that changes an item's result (e.g. a unit mapping) must be added here.
pub fn config_hash(rules: &RuleSet, params: &RuleParams) -> String {
    config_hash_of_build(env!("ZWFW_SOURCE_HASH"), rules, params)
}

/// [`config_hash`] for the build whose source hashes to `build` (see build.rs): a rule changed
/// without a new version number still invalidates the results its old code cached.
fn config_hash_of_build(build: &str, rules: &RuleSet, params: &RuleParams) -> String {
    let rules: Vec<(&str, String)> = rules
        .iter()
        .map(|(r, s)| (r.meta().id, s.to_string()))
        .collect();
    let value = serde_json::json!({
        "tool_version": env!("CARGO_PKG_VERSION"),
        "build": build,
        "rules": rules,
        "check": params,
    });
    hex_sha256(value.to_string().as_bytes(), 32)
}

/// The settings part of [`config_hash`], without the build: the tool's version, the rules that
/// run with their severities, and the rule parameters. Two runs with the same settings hash and
/// different configuration hashes ran different builds of one version (results are checked anew)
/// with the same settings: a finding gone between them is no settings' doing.
pub fn settings_hash(rules: &RuleSet, params: &RuleParams) -> String {
    config_hash_of_build("", rules, params)
}

/// The first `hex_chars` hex digits of the SHA-256 of `bytes`.
pub(crate) fn hex_sha256(bytes: &[u8], hex_chars: usize) -> String {
    use std::fmt::Write;
    let digest = Sha256::digest(bytes);
    let mut out = String::with_capacity(64);
    for b in digest {
        let _ = write!(out, "{b:02x}");
    }
    out.truncate(hex_chars);
    out
}

/// When a run started: the RFC 3339 text as given (with its offset), the instant for ordering,
/// and the local calendar date for ages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunTime {
    /// As written, e.g. `2026-11-20T02:00:00+08:00`.
    pub text: String,
    /// Seconds since the Unix epoch.
    pub epoch: i64,
    /// The date part as written (the run's local date).
    pub date: jiff::civil::Date,
}

impl RunTime {
    /// Parses an RFC 3339 time with offset.
    pub fn parse(text: &str) -> Result<Self, HistoryError> {
        let t = text.trim();
        let bad = || HistoryError::BadTime(t.to_owned());
        let ts: jiff::Timestamp = t.parse().map_err(|_| bad())?;
        let date = t
            .get(..10)
            .and_then(|d| d.parse::<jiff::civil::Date>().ok())
            .ok_or_else(bad)?;
        Ok(Self {
            text: t.to_owned(),
            epoch: ts.as_second(),
            date,
        })
    }

    /// The local time now.
    pub fn now() -> Self {
        let now = jiff::ZonedDateTime::now();
        Self::parse(&now.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string())
            .expect("strftime writes RFC 3339")
    }

    /// A run id from this time, e.g. `20261120-020000`.
    pub fn run_id(&self) -> String {
        let digits: String = self
            .text
            .chars()
            .take(19)
            .filter(char::is_ascii_digit)
            .collect();
        format!("{}-{}", &digits[..8], &digits[8..])
    }
}

/// Calendar days from `from` to `to` (negative when `to` is earlier).
pub(crate) fn days_between(from: jiff::civil::Date, to: jiff::civil::Date) -> i64 {
    from.until(to).map_or(0, |s| i64::from(s.get_days()))
}

/// How a run's file is named in `run_files`: a path made absolute (the configuration may name it
/// relatively, from the folder cron starts in), a crawled page's URL as it is.
pub fn source_key(source: &str) -> String {
    if source.contains("://") {
        return source.to_owned();
    }
    std::path::absolute(source).map_or_else(|_| source.to_owned(), |p| p.display().to_string())
}

/// A count as SQLite stores it.
pub(crate) fn sql_count(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// Parses a `YYYY-MM-DD` date.
pub(crate) fn parse_date(text: &str) -> Result<jiff::civil::Date, HistoryError> {
    text.trim()
        .parse()
        .map_err(|_| HistoryError::BadTime(text.trim().to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn run_time_keeps_local_date_and_orders_by_instant() {
        let a = RunTime::parse("2026-11-20T23:30:00+08:00").unwrap();
        let b = RunTime::parse("2026-11-20T16:00:00Z").unwrap();
        assert_eq!(a.date.to_string(), "2026-11-20");
        assert!(a.epoch < b.epoch);
        assert_eq!(a.run_id(), "20261120-233000");
        assert!(RunTime::parse("2026-11-20").is_err());
        assert!(RunTime::parse("昨天").is_err());
    }

    #[test]
    fn days_between_counts_calendar_days() {
        let d = |s: &str| s.parse::<jiff::civil::Date>().unwrap();
        assert_eq!(days_between(d("2026-11-20"), d("2026-11-23")), 3);
        assert_eq!(days_between(d("2026-02-27"), d("2026-03-01")), 2);
        assert_eq!(days_between(d("2026-11-20"), d("2026-11-20")), 0);
    }

    #[test]
    fn config_hash_follows_rules_and_parameters() {
        let params = RuleParams::default();
        let all = config_hash(&RuleSet::default(), &params);
        assert_eq!(all, config_hash(&RuleSet::default(), &params));
        // Another build of the same version (a rule's code changed) reuses nothing.
        assert_eq!(
            all,
            config_hash_of_build(env!("ZWFW_SOURCE_HASH"), &RuleSet::default(), &params)
        );
        assert_ne!(
            all,
            config_hash_of_build("0123456789abcdef", &RuleSet::default(), &params)
        );
        assert_ne!(all, config_hash(&RuleSet::only(&["B13"]), &params));
        let other = RuleParams {
            hotline_only_numbers: vec!["12345".into(), "12315".into()],
            ..RuleParams::default()
        };
        assert_ne!(all, config_hash(&RuleSet::default(), &other));
    }
}
