//! The output folder of a run: which files each format writes, and safe file names for units.
//!
//! ```text
//! reports/<run>/report.json
//! reports/<run>/report.html
//! reports/<run>/findings.csv
//! reports/<run>/整改清单-全部.xlsx          every unit, plus the unreadable items
//! reports/<run>/整改清单-<unit>.xlsx        one per unit (name made safe by unit_file_stem)
//! ```

use std::collections::BTreeSet;
use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use super::shards::Shards;
use super::view::{UnitView, Views};
use super::xlsx::Scope;
use super::{ItemEntry, Report, csv, html, json, xlsx};

/// A report format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    /// `report.json` — the full report, re-readable by `zwfw-audit report`.
    Json,
    /// `整改清单-*.xlsx` — the fix lists.
    Xlsx,
    /// `report.html` — the one-page report.
    Html,
    /// `findings.csv` — the findings.
    Csv,
}

impl Format {
    /// Every format, in writing order.
    pub const ALL: [Format; 4] = [Format::Json, Format::Xlsx, Format::Html, Format::Csv];
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::Json => "json",
            Format::Xlsx => "xlsx",
            Format::Html => "html",
            Format::Csv => "csv",
        })
    }
}

impl FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "json" => Ok(Format::Json),
            "xlsx" | "excel" => Ok(Format::Xlsx),
            "html" => Ok(Format::Html),
            "csv" => Ok(Format::Csv),
            other => Err(format!(
                "不支持的报告格式 \"{other}\"（可用: json, xlsx, html, csv）"
            )),
        }
    }
}

/// A report file could not be written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The file could not be created or written.
    #[error("无法写入 {path}: {}", crate::io_reason(.source))]
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A report kept on disk could not be read back ([`Shards`]).
    #[error("无法读回临时文件 {path}: {}", crate::io_reason(.source))]
    Read {
        /// The temporary file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
}

/// File name of the all-units workbook.
pub const ALL_UNITS_XLSX: &str = "整改清单-全部.xlsx";

/// The unit part of [`ALL_UNITS_XLSX`], which no unit's file takes ([`unit_file_stem`]).
const ALL_UNITS_STEM: &str = "全部";

/// Writes the given formats into `dir` (which must exist); returns the files written, in order.
/// report.json first; then the fix lists, findings.csv and the page together, a unit at a time,
/// as [`write_dir_by_unit`] writes them from a report kept on disk.
pub fn write_dir(
    report: &Report,
    dir: &Path,
    formats: &[Format],
) -> Result<Vec<PathBuf>, WriteError> {
    if formats.contains(&Format::Json) {
        write_file(&dir.join("report.json"), |out| json::write(report, out))?;
    }
    let views = Views::of(report);
    let shared = xlsx::Shared::of(report);
    let units = Units::Memory {
        report,
        views: &views,
        shared: &shared,
    };
    write_units(&units, dir, formats, &mut |_, _| {})
}

/// Writes the given formats of a report kept on disk ([`Shards`]) into `dir`, reading it back a
/// unit at a time. The files are those [`write_dir`] writes from the same report in memory. JSON
/// is not among them: the streaming check wrote report.json as it went.
///
/// `done(k, n)` is told as `k` of the `n` units are written (from 0).
pub fn write_dir_by_unit(
    shards: &Shards,
    dir: &Path,
    formats: &[Format],
    done: &mut dyn FnMut(usize, usize),
) -> Result<Vec<PathBuf>, WriteError> {
    write_units(&Units::Disk(shards), dir, formats, done)
}

/// A report's units as the writers take them: from a report in memory, or read back one at a time
/// from a report kept on disk.
enum Units<'a, 'r> {
    Memory {
        report: &'r Report,
        views: &'a Views<'r>,
        shared: &'a xlsx::Shared<'r>,
    },
    Disk(&'a Shards),
}

impl Units<'_, '_> {
    /// The report (its items and findings left out when kept on disk).
    fn header(&self) -> &Report {
        match self {
            Units::Memory { report, .. } => report,
            Units::Disk(shards) => shards.header(),
        }
    }

    /// How many units, and findings in all.
    fn counts(&self) -> (usize, usize) {
        match self {
            Units::Memory { report, views, .. } => (views.units.len(), report.findings.len()),
            Units::Disk(shards) => {
                let s = &shards.header().summary;
                (shards.units().len(), s.errors + s.warnings)
            }
        }
    }

    /// Calls `f` with each unit in name order, the report it is a view of and what that
    /// report's workbooks share.
    fn each(
        &self,
        f: &mut dyn FnMut(&Report, &UnitView<'_>, &xlsx::Shared<'_>) -> Result<(), WriteError>,
    ) -> Result<(), WriteError> {
        match self {
            Units::Memory {
                report,
                views,
                shared,
            } => views.units.iter().try_for_each(|u| f(report, u, shared)),
            Units::Disk(shards) => shards.units().into_iter().try_for_each(|name| {
                let part = shards.unit(name)?;
                let views = Views::of(&part);
                let unit = views
                    .units
                    .iter()
                    .find(|u| u.name == name)
                    .expect("every unit listed has its items or its score");
                f(&part, unit, &xlsx::Shared::of(&part))
            }),
        }
    }

    /// Every record that could not be read, in input order.
    fn unreadable(&self) -> Result<Vec<ItemEntry>, WriteError> {
        match self {
            Units::Memory { views, .. } => {
                Ok(views.unreadable.iter().map(|&i| i.clone()).collect())
            }
            Units::Disk(shards) => shards.unreadable(),
        }
    }
}

/// Writes the formats other than JSON a unit at a time: each unit's workbook (on a thread of its
/// own) while its rows go into the all-units workbook, findings.csv and the page. When one
/// fails, the page, findings.csv and the all-units workbook are removed: a list cut short would
/// pass for a whole one.
fn write_units(
    units: &Units<'_, '_>,
    dir: &Path,
    formats: &[Format],
    done: &mut dyn FnMut(usize, usize),
) -> Result<Vec<PathBuf>, WriteError> {
    let written = write_each_unit(units, dir, formats, done);
    if written.is_err() {
        for name in ["report.html", "findings.csv", ALL_UNITS_XLSX] {
            let _ = std::fs::remove_file(dir.join(name));
        }
    }
    written
}

fn write_each_unit(
    units: &Units<'_, '_>,
    dir: &Path,
    formats: &[Format],
    done: &mut dyn FnMut(usize, usize),
) -> Result<Vec<PathBuf>, WriteError> {
    let header = units.header();
    let (n, total) = units.counts();
    let on_disk = matches!(units, Units::Disk(_));
    let mut combined = Combined::begin(header, dir, formats, (n, total), on_disk)?;
    let mut taken: BTreeSet<String> = BTreeSet::from([ALL_UNITS_STEM.to_owned()]);
    let mut own_books = Vec::new();
    let mut k = 0;
    done(k, n);
    units.each(&mut |part, unit, shared| {
        let path = combined.book.is_some().then(|| {
            let stem = unique(unit_file_stem(unit.name), &mut taken);
            dir.join(format!("整改清单-{stem}.xlsx"))
        });
        let scope = Scope {
            title: unit.name.to_owned(),
            units: vec![unit],
            unreadable: unit.unreadable.clone(),
            all: false,
        };
        // The unit's own workbook on a thread of its own, its rows into the rest meanwhile.
        std::thread::scope(|s| {
            let scope = &scope;
            let own = path.as_ref().map(|path| {
                s.spawn(move || {
                    let made = write_workbook(part, shared, scope, dir, path);
                    if made.is_err() {
                        // Not a workbook Excel could open: better no file than half of one.
                        let _ = std::fs::remove_file(path);
                    }
                    made
                })
            });
            let rest = combined.unit(unit, shared);
            own.map(|t| t.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
                .transpose()
                .and(rest)
        })?;
        own_books.extend(path);
        k += 1;
        done(k, n);
        Ok(())
    })?;
    let unreadable = units.unreadable()?;
    let unreadable: Vec<&ItemEntry> = unreadable.iter().collect();
    let [all_units, csv_path, html_path] = combined.paths.clone();
    combined.finish(header, &unreadable)?;
    // In the order the formats were asked for.
    let mut files = Vec::new();
    let mut seen = BTreeSet::new();
    for &format in formats.iter().filter(|&&f| seen.insert(f)) {
        match format {
            Format::Json => files.push(dir.join("report.json")),
            Format::Html => files.push(html_path.clone()),
            Format::Csv => files.push(csv_path.clone()),
            Format::Xlsx => {
                files.push(all_units.clone());
                files.append(&mut own_books);
            }
        }
    }
    Ok(files)
}

/// The files of every unit (the all-units workbook, findings.csv and the page, those asked
/// for), written as the units come.
struct Combined {
    /// The all-units workbook's, findings.csv's and the page's paths.
    paths: [PathBuf; 3],
    book: Option<xlsx::Book>,
    csv: Option<csv::Writer<std::io::BufWriter<std::fs::File>>>,
    page: Option<html::Page>,
}

impl Combined {
    /// Begins the `formats` of `header` in `dir`, for a report of `units` units and `total`
    /// findings; the page's listed rows wait in a temporary file when the report is kept on disk.
    fn begin(
        header: &Report,
        dir: &Path,
        formats: &[Format],
        (units, total): (usize, usize),
        on_disk: bool,
    ) -> Result<Self, WriteError> {
        let want = |f| formats.contains(&f);
        let paths = [
            dir.join(ALL_UNITS_XLSX),
            dir.join("findings.csv"),
            dir.join("report.html"),
        ];
        let [all_units, csv_path, html_path] = &paths;
        let book = want(Format::Xlsx)
            .then(|| xlsx::Book::begin(&xlsx::Shared::of(header), true, Some(dir)))
            .transpose()
            .map_err(|e| file_error(all_units, xlsx_io_error(e)))?;
        let csv = want(Format::Csv)
            .then(|| {
                let out = std::io::BufWriter::new(std::fs::File::create(csv_path)?);
                csv::Writer::begin(header, out)
            })
            .transpose()
            .map_err(|e| file_error(csv_path, e))?;
        let page = want(Format::Html)
            .then(|| {
                if on_disk {
                    html::Page::begin_in(total, units, html::MAX_LISTED, dir)
                } else {
                    Ok(html::Page::begin(total, units, html::MAX_LISTED))
                }
            })
            .transpose()
            .map_err(|e| file_error(html_path, e))?;
        Ok(Combined {
            paths,
            book,
            csv,
            page,
        })
    }

    /// Adds a unit; `shared` is that of the report `unit` is a view of.
    fn unit(&mut self, unit: &UnitView<'_>, shared: &xlsx::Shared<'_>) -> Result<(), WriteError> {
        let [all_units, csv_path, html_path] = &self.paths;
        if let Some(b) = &mut self.book {
            b.unit(unit, shared)
                .map_err(|e| file_error(all_units, xlsx_io_error(e)))?;
        }
        if let Some(w) = &mut self.csv {
            w.unit(unit, shared.ctx(), shared.sampled())
                .map_err(|e| file_error(csv_path, e))?;
        }
        if let Some(p) = &mut self.page {
            p.unit(unit, shared.ctx())
                .map_err(|e| file_error(html_path, e))?;
        }
        Ok(())
    }

    /// Writes what needs every unit, with the records that could not be read (`unreadable`).
    fn finish(self, header: &Report, unreadable: &[&ItemEntry]) -> Result<(), WriteError> {
        let [all_units, csv_path, html_path] = &self.paths;
        if let Some(w) = self.csv {
            w.finish().map_err(|e| file_error(csv_path, e))?;
        }
        if let Some(book) = self.book {
            write_file(all_units, |out| {
                book.finish(header, "全部单位", unreadable, out)
                    .map_err(xlsx_io_error)
            })?;
        }
        if let Some(page) = self.page {
            write_file(html_path, |out| {
                page.finish(header, unreadable, out)
                    .map_err(|e| html::write_error(&e))
            })?;
        }
        Ok(())
    }
}

/// The error of the file at `path`.
fn file_error(path: &Path, source: std::io::Error) -> WriteError {
    WriteError::Io {
        path: path.to_owned(),
        source,
    }
}

/// Writes `path` through `body`. Every failure is the file's: a page or a workbook is rendered as
/// it is written, so a full disk shows up while rendering (and is told as one, see
/// [`xlsx_io_error`]).
fn write_file(
    path: &Path,
    body: impl FnOnce(&mut (dyn Write + Send)) -> std::io::Result<()>,
) -> Result<(), WriteError> {
    let io = |source| WriteError::Io {
        path: path.to_owned(),
        source,
    };
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).map_err(io)?);
    body(&mut out).map_err(io)?;
    out.flush().map_err(io)
}

/// Builds the workbook for `scope` and writes it to `path`, zipped as it is written.
fn write_workbook(
    report: &Report,
    shared: &xlsx::Shared<'_>,
    scope: &Scope<'_, '_>,
    dir: &Path,
    path: &Path,
) -> Result<(), WriteError> {
    write_file(path, |out| {
        xlsx::write_in(report, shared, scope, Some(dir), out).map_err(xlsx_io_error)
    })
}

/// The I/O error under a workbook's failure (the file, the zip container or the rows' temporary
/// files: a full disk is any of them), so that it is told as the file's; anything else, a bug in
/// building the workbook, as an error of kind `Other`.
fn xlsx_io_error(e: rust_xlsxwriter::XlsxError) -> std::io::Error {
    use rust_xlsxwriter::XlsxError;
    match e {
        XlsxError::IoError(io)
        | XlsxError::TempFileError(_, io)
        | XlsxError::ZipError(zip::result::ZipError::Io(io)) => io,
        other => std::io::Error::other(format!("无法生成 Excel 文件: {other}")),
    }
}

/// Whether `name` is that of a fix list this tool writes (`整改清单-<unit>.xlsx` or
/// [`ALL_UNITS_XLSX`]), not one already set aside (`…（旧-…）.xlsx`, `…（复核备份-…）.xlsx`).
pub fn is_fix_list_name(name: &str) -> bool {
    name.strip_prefix("整改清单-")
        .and_then(|rest| rest.strip_suffix(".xlsx"))
        .is_some_and(|stem| {
            !stem.is_empty() && !stem.contains("（旧-") && !stem.contains("（复核备份-")
        })
}

/// The fix lists in `dir` that are not among `written`: an earlier run's into the same folder,
/// of units this run does not have. Sorted by name.
pub fn stale_fix_lists(dir: &Path, written: &[PathBuf]) -> Vec<PathBuf> {
    let ours: BTreeSet<&std::ffi::OsStr> = written.iter().filter_map(|p| p.file_name()).collect();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut stale: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter(|e| {
            let name = e.file_name();
            !ours.contains(name.as_os_str()) && name.to_str().is_some_and(is_fix_list_name)
        })
        .map(|e| e.path())
        .collect();
    stale.sort();
    stale
}

/// Longest unit part of a file name, in characters (a CJK character is 3 bytes of the usual
/// 255-byte limit).
const MAX_STEM_CHARS: usize = 60;

/// A unit name made safe as part of a file name on Windows, macOS and Linux: path separators,
/// reserved characters (`<>:"/\|?*`) and control characters become `_`; leading and trailing
/// dots and spaces are dropped; reserved device names (`CON`, `NUL`, `COM1` …) get a `_`; long
/// names are cut; an empty result is `未命名单位`, and a unit named `全部` is `全部（单位）`.
pub fn unit_file_stem(name: &str) -> String {
    let mapped: String = name
        .chars()
        .map(|c| match c {
            '<' | '>' | ':' | '"' | '/' | '\\' | '|' | '?' | '*' => '_',
            c if c.is_control() => '_',
            c => c,
        })
        .take(MAX_STEM_CHARS)
        .collect();
    let trimmed = mapped.trim_matches(|c: char| c == '.' || c.is_whitespace());
    if trimmed.is_empty() || trimmed.chars().all(|c| c == '_') {
        return "未命名单位".to_owned();
    }
    // `整改清单-全部.xlsx` is every unit's; a unit named 全部 got `整改清单-全部-2.xlsx`, which
    // looks like a second copy of it.
    if trimmed == ALL_UNITS_STEM {
        return format!("{ALL_UNITS_STEM}（单位）");
    }
    let base = trimmed.split('.').next().unwrap_or("").to_ascii_uppercase();
    let reserved = matches!(base.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || ((base.starts_with("COM") || base.starts_with("LPT"))
            && base.len() == 4
            && base.as_bytes()[3].is_ascii_digit());
    if reserved {
        format!("_{trimmed}")
    } else {
        trimmed.to_owned()
    }
}

/// `stem`, or `stem-2`, `stem-3` … when two units come out with the same file name. Names are
/// told apart as Windows and macOS tell them, without regard to case (`ABC局` and `abc局` are
/// one file there, and one list would overwrite the other); `taken` holds them in lower case.
fn unique(stem: String, taken: &mut BTreeSet<String>) -> String {
    if taken.insert(stem.to_lowercase()) {
        return stem;
    }
    let mut n = 2;
    loop {
        let candidate = format!("{stem}-{n}");
        if taken.insert(candidate.to_lowercase()) {
            return candidate;
        }
        n += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unit_names_become_safe_file_names() {
        assert_eq!(
            unit_file_stem("池州市市场监督管理局"),
            "池州市市场监督管理局"
        );
        assert_eq!(unit_file_stem("../../etc/passwd"), "_.._etc_passwd");
        assert_eq!(
            unit_file_stem("a/b\\c:d*e?f\"g<h>i|j"),
            "a_b_c_d_e_f_g_h_i_j"
        );
        assert_eq!(unit_file_stem(" 贵池区. "), "贵池区");
        assert_eq!(unit_file_stem("con"), "_con");
        assert_eq!(unit_file_stem("COM1.txt"), "_COM1.txt");
        assert_eq!(unit_file_stem("..."), "未命名单位");
        assert_eq!(unit_file_stem("\n\t"), "未命名单位");
        // Not a second all-units workbook.
        assert_eq!(unit_file_stem("全部"), "全部（单位）");
        assert_eq!(unit_file_stem("全部单位"), "全部单位");
        assert_eq!(
            unit_file_stem(&"局".repeat(200)).chars().count(),
            MAX_STEM_CHARS
        );
    }

    #[test]
    fn colliding_names_get_a_suffix() {
        let mut taken = BTreeSet::from(["全部".to_owned()]);
        assert_eq!(unique("a_b".into(), &mut taken), "a_b");
        assert_eq!(unique("a_b".into(), &mut taken), "a_b-2");
        assert_eq!(unique("全部".into(), &mut taken), "全部-2");
        // One file on Windows and macOS.
        assert_eq!(unique("ABC局".into(), &mut taken), "ABC局");
        assert_eq!(unique("abc局".into(), &mut taken), "abc局-2");
        assert_eq!(unique("A_B".into(), &mut taken), "A_B-3");
    }

    /// A full disk under a workbook — its file, its zip container or its rows' temporary files —
    /// is the file's I/O error, which the nightly run tells as a full disk.
    #[test]
    fn a_workbook_that_fills_the_disk_fails_with_the_io_error() {
        use rust_xlsxwriter::XlsxError;
        let full = || std::io::Error::from(std::io::ErrorKind::StorageFull);
        for e in [
            XlsxError::IoError(full()),
            XlsxError::TempFileError(PathBuf::from("/srv/reports/run"), full()),
            XlsxError::ZipError(zip::result::ZipError::Io(full())),
        ] {
            assert_eq!(xlsx_io_error(e).kind(), std::io::ErrorKind::StorageFull);
        }
        let bug = xlsx_io_error(XlsxError::SheetnameLengthExceeded("汇总".repeat(20)));
        assert_eq!(bug.kind(), std::io::ErrorKind::Other);
        assert!(bug.to_string().starts_with("无法生成 Excel 文件"), "{bug}");
    }

    #[test]
    fn formats_parse_in_chinese_error() {
        assert_eq!("XLSX".parse::<Format>(), Ok(Format::Xlsx));
        assert!("pdf".parse::<Format>().unwrap_err().contains("不支持"));
    }
}
