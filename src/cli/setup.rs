//! What the commands share to set up a run: the configuration file ([`load_config`]), the unit
//! mapping ([`mapping_for`]), the output folder ([`create_output_dir`]), the run's id
//! ([`now_run_id`]) and the time given to `audit --at` ([`run_time_at`]).

use std::path::Path;

use anyhow::{Context as _, Result};

use super::score;
use crate::config::Config;

pub(crate) fn load_config(path: Option<&Path>) -> Result<Config> {
    match path {
        Some(p) => Ok(Config::load(p)?),
        None if Path::new("zwfw-audit.toml").exists() => {
            Ok(Config::load(Path::new("zwfw-audit.toml"))?)
        }
        None => Ok(Config::default()),
    }
}

/// The unit mapping of `score`/`sample` (flags, then `[score]`), with its bad rows and, when a
/// mapping file is used, what it did not do for `report`'s items: rows that named no item, and
/// the 实施主体 no row covered (see [`crate::score::units::MappingUse`]).
pub(crate) fn mapping_for(
    args: &score::UnitArgs,
    config: &Config,
    report: &crate::report::Report,
) -> Result<(
    crate::score::UnitMapping,
    Vec<crate::score::table::FileIssue>,
)> {
    let (mapping, mut issues) = score::load_mapping(args, config)?;
    issues.extend(mapping.coverage(&report.items));
    Ok((mapping, issues))
}

/// Refuses an output folder that is a file (`-o 事项.json`, the input written where the folder
/// goes) before anything is read: `create_dir_all` said `File exists (os error 17)`, in English
/// and only after the whole input was checked.
pub(crate) fn refuse_file_as_folder(dir: &Path) -> Result<()> {
    if dir.is_file() {
        anyhow::bail!(
            "{} 是一个文件，不是文件夹，请换一个输出文件夹（-o 后面写报告要写入的文件夹，没有会新建）",
            dir.display()
        );
    }
    Ok(())
}

/// Creates the folder reports are written into ([`refuse_file_as_folder`] first).
pub(crate) fn create_output_dir(dir: &Path) -> Result<()> {
    refuse_file_as_folder(dir)?;
    std::fs::create_dir_all(dir).with_context(|| format!("无法创建输出目录 {}", dir.display()))
}

pub(crate) fn now_run_id() -> (String, String) {
    let now = jiff::ZonedDateTime::now();
    (
        now.strftime("%Y%m%d-%H%M%S").to_string(),
        now.timestamp().to_string(),
    )
}

/// The time given to `audit --at`: RFC 3339 as the store keeps it, or a date and time without
/// offset (the computer's time zone), or a bare date (0:00 of that day there).
pub(crate) fn run_time_at(text: &str) -> Result<crate::history::RunTime> {
    use crate::history::RunTime;
    let t = text.trim();
    if let Ok(time) = RunTime::parse(t) {
        return Ok(time);
    }
    let local = t
        .parse::<jiff::civil::DateTime>()
        .or_else(|_| t.parse::<jiff::civil::Date>().map(|d| d.at(0, 0, 0, 0)))
        .ok()
        .and_then(|dt| dt.to_zoned_datetime(jiff::tz::TimeZone::system()).ok());
    match local {
        Some(zoned) => Ok(RunTime::parse(
            &zoned.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string(),
        )?),
        None => anyhow::bail!(
            "--at 的时间「{t}」无法识别：请写日期和时刻，如 2026-11-20T02:00:00+08:00（+08:00 为北京时间），或只写日期 2026-11-20（当天 0 点）"
        ),
    }
}
