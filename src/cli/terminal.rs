//! What the commands write on the terminal besides their results: text made safe to print
//! ([`terminal_safe`], [`SafeOut`]), tables lined up ([`aligned`]), the notices of the inputs
//! ([`notice_lines`]), progress lines in a log ([`LogLines`]), an error that stops a run
//! ([`describe`]) and a closed pipe ([`ignore_broken_pipe`]).
//!
//! Not here: the `say!` macro (`mod.rs`, before the commands that use it).

use std::path::Path;

/// `text` with its control characters but line breaks and tabs replaced by `�`: item text
/// quoted on a terminal or in cron's log cannot move the cursor, clear the screen, recolour
/// what follows or write over a line.
pub(crate) fn terminal_safe(text: &str) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| c.is_control() && c != '\n' && c != '\t';
    if !text.chars().any(unsafe_char) {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(
        text.chars()
            .map(|c| if unsafe_char(c) { '\u{FFFD}' } else { c })
            .collect(),
    )
}

/// A terminal writer that passes what it writes through [`terminal_safe`] (for the summaries
/// written with `writeln!`). Writes are whole lines of text, so UTF-8 is never split.
pub(crate) struct SafeOut<W: std::io::Write>(pub W);

impl<W: std::io::Write> std::io::Write for SafeOut<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match std::str::from_utf8(buf) {
            Ok(text) => self.0.write_all(terminal_safe(text).as_bytes()),
            Err(_) => self.0.write_all(buf),
        }
        .map(|()| buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }
}

/// A closed pipe (`zwfw-audit rules | head`) is not an error.
pub(crate) fn ignore_broken_pipe(e: std::io::Error) -> std::io::Result<()> {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        Ok(())
    } else {
        Err(e)
    }
}

/// An error that stops a run, as the terminal shows it: the message, then each cause it does not
/// already quote, an I/O cause in Chinese (`无法读取报告 a.json: 文件或文件夹不存在`).
pub fn describe(e: &anyhow::Error) -> String {
    let mut text = String::new();
    for cause in e.chain() {
        // SQLite's `Error code N: …` under a message that already says it (in Chinese for the
        // history store's usual failures, quoted otherwise).
        if !text.is_empty() && cause.is::<rusqlite::ffi::Error>() {
            continue;
        }
        let own = cause.to_string();
        let part = cause
            .downcast_ref::<std::io::Error>()
            .map_or_else(|| own.clone(), crate::io_reason);
        if text.contains(&own) || text.contains(&part) {
            continue;
        }
        if !text.is_empty() {
            text.push_str(": ");
        }
        text.push_str(&part);
    }
    text
}

/// Display width: CJK and full-width characters count 2.
fn width(s: &str) -> usize {
    s.chars()
        .map(|c| if u32::from(c) >= 0x1100 { 2 } else { 1 })
        .sum()
}

/// A table as terminal lines, each column padded to its widest cell (a Chinese character is two
/// columns wide), so it lines up in a terminal and in a log, where tabs do not.
pub(crate) fn aligned(header: &[&str], rows: &[Vec<String>]) -> Vec<String> {
    let widths: Vec<usize> = (0..header.len())
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|cell| width(cell))
                .chain([width(header[c])])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |cells: &mut dyn Iterator<Item = &str>| {
        cells
            .zip(&widths)
            .map(|(c, w)| format!("{c}{}", " ".repeat(w.saturating_sub(width(c)))))
            .collect::<Vec<_>>()
            .join("  ")
            .trim_end()
            .to_owned()
    };
    std::iter::once(line(&mut header.iter().copied()))
        .chain(rows.iter().map(|r| line(&mut r.iter().map(String::as_str))))
        .collect()
}

/// Notices shown on the terminal, at most; the rest are in the reports.
const NOTICES_SHOWN: usize = 20;

/// The notices as the terminal shows them (`错误: place — message` for what could not be read,
/// `注意: place — message` for the rest, as `report.json` levels them: an unfinished crawl's
/// folder said only 注意, h36): errors first, then warnings, then the rest; a code
/// repeated on many items (the same export read twice, or yesterday's beside today's) folded into
/// one line; at most [`NOTICES_SHOWN`], then where the rest are.
pub(crate) fn notice_lines<'a>(
    notices: impl IntoIterator<Item = &'a crate::source::Notice>,
    rest_in: &Path,
) -> Vec<String> {
    let mut notices: Vec<&crate::source::Notice> = notices.into_iter().collect();
    notices.sort_by_key(|n| std::cmp::Reverse(n.level));
    let (repeated, mut others): (Vec<_>, Vec<_>) = notices.into_iter().partition(|n| {
        n.message.starts_with(crate::source::DUPLICATE_CODE) && n.message.contains("重复")
    });
    // Codes a number cell rounded into one (`1134170000312540000000000000000`) are no export
    // read twice: they are folded apart, and said for what they are.
    let (rounded, repeated): (Vec<_>, Vec<_>) = repeated
        .into_iter()
        .partition(|n| n.message.contains(crate::source::ROUNDED_CODE));
    let mut folded = Vec::new();
    for (group, what) in [
        (
            repeated,
            "与前面读到的事项重复（同一份导出放了两份？），分数和问题会重复计算",
        ),
        (
            rounded,
            "与前面读到的事项相同，是因为编码被当作数字保存、后面的位已丢失（不是同一份导出放了两份）；请把实施编码列设为文本格式后重新导出",
        ),
    ] {
        if group.len() > 3 {
            folded.push(format!(
                "注意: {} 个事项的实施编码{what}；例如{}",
                group.len(),
                group[0].message
            ));
        } else if !group.is_empty() {
            others.extend(group);
            others.sort_by_key(|n| std::cmp::Reverse(n.level));
        }
    }
    let mut lines: Vec<String> = others
        .iter()
        .map(|n| {
            let level = if n.level == crate::source::NoticeLevel::Error {
                "错误"
            } else {
                "注意"
            };
            format!("{level}: {} — {}", n.provenance, n.message)
        })
        .collect();
    // After the errors, before the warnings.
    let errors = others
        .iter()
        .take_while(|n| n.level == crate::source::NoticeLevel::Error)
        .count();
    for (i, line) in folded.into_iter().enumerate() {
        lines.insert(errors + i, line);
    }
    let total = lines.len();
    lines.truncate(NOTICES_SHOWN);
    if total > lines.len() {
        lines.push(format!(
            "……另有 {} 条，见 {}",
            total - lines.len(),
            rest_in.display()
        ));
    }
    lines
}

/// Progress lines for a run whose standard error is a log file (cron, `nohup`), where no bar is
/// drawn: one line at most every `every`, so that whoever reads the log sees how far a long run
/// is without a line per page.
pub(crate) struct LogLines {
    /// Whether lines are written at all: not with `-q`, nor on a terminal (the bar is there).
    on: bool,
    every: std::time::Duration,
    last: std::sync::Mutex<std::time::Instant>,
}

impl LogLines {
    /// Lines every `every` when standard error is not a terminal and the run is not quiet.
    pub(crate) fn new(quiet: bool, every: std::time::Duration) -> Self {
        use std::io::IsTerminal;
        Self::with(!quiet && !std::io::stderr().is_terminal(), every)
    }

    fn with(on: bool, every: std::time::Duration) -> Self {
        LogLines {
            on,
            every,
            last: std::sync::Mutex::new(std::time::Instant::now()),
        }
    }

    /// Whether a line is due now (and if so, the next is due `every` from now).
    pub(crate) fn due(&self) -> bool {
        if !self.on {
            return false;
        }
        let mut last = self
            .last
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if last.elapsed() < self.every {
            return false;
        }
        *last = std::time::Instant::now();
        true
    }
}

#[cfg(test)]
mod tests {
    use std::io::{Error, ErrorKind};

    use super::describe;
    use crate::score::table::TableError;

    #[test]
    fn log_lines_come_at_most_every_interval() {
        use std::time::Duration;
        let off = super::LogLines::with(false, Duration::ZERO);
        assert!(!off.due());
        let always = super::LogLines::with(true, Duration::ZERO);
        assert!(always.due() && always.due());
        let hourly = super::LogLines::with(true, Duration::from_secs(3600));
        assert!(!hourly.due());
    }

    /// Yesterday's export left beside today's: 30 items read twice give one line, not 30, and
    /// the error about another file comes first; past 20 lines the rest are pointed to.
    #[test]
    fn repeated_codes_fold_into_one_line_and_errors_come_first() {
        use crate::model::Provenance;
        use crate::source::{DuplicateCodes, Notice, NoticeLevel, Record};

        let mut codes = DuplicateCodes::default();
        let mut notices = Vec::new();
        for file in ["事项-20261129.xlsx", "事项-20261130.xlsx"] {
            for row in 3..33 {
                let code = format!("11341700MB1528406Q30001170{row:02}000");
                let place = Provenance::sheet_row(file, "事项基本信息", row);
                notices.extend(codes.check_code(&code, &place));
            }
        }
        assert_eq!(notices.len(), 30);
        notices.push(Notice {
            level: NoticeLevel::Error,
            provenance: Provenance::file("县区.json"),
            message: "无法读取文件 县区.json: 文件或文件夹不存在".into(),
        });
        let lines = super::notice_lines(&notices, std::path::Path::new("reports/r1"));
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert!(
            lines[0].starts_with("错误: 县区.json — 无法读取文件"),
            "{lines:?}"
        );
        assert!(
            lines[1].starts_with("注意: 30 个事项的实施编码与前面读到的事项重复"),
            "{lines:?}"
        );

        let many: Vec<Notice> = (0..25)
            .map(|i| Notice {
                level: NoticeLevel::Warning,
                provenance: Provenance::sheet_row("事项.xlsx", "申请材料", i + 2),
                message: "这一行的实施编码不在事项表中，未关联".into(),
            })
            .collect();
        let lines = super::notice_lines(&many, std::path::Path::new("reports/r1"));
        assert_eq!(lines.len(), 21);
        assert_eq!(lines[20], "……另有 5 条，见 reports/r1");
        let _ = Record::Notice(many[0].clone());
    }

    /// Should not say 「同一份导出放了两份」 (h34, v01): eight codes a number cell rounded to
    /// `1134170000312540000000000000000` are the same number, not an export read twice.
    #[test]
    fn codes_rounded_into_one_are_said_for_what_they_are() {
        use crate::model::Provenance;
        use crate::source::DuplicateCodes;

        let mut codes = DuplicateCodes::default();
        let mut notices = Vec::new();
        for row in 3..11 {
            let place = Provenance::sheet_row("实施清单.xlsx", "事项基本信息", row);
            notices.extend(codes.check_code("1134170000312540000000000000000", &place));
        }
        for row in 12..17 {
            let place = Provenance::sheet_row("实施清单.xlsx", "事项基本信息", row);
            let again = Provenance::sheet_row("实施清单（副本）.xlsx", "事项基本信息", row);
            let code = format!("11341700MB1528406Q30001170{row:02}000");
            notices.extend(codes.check_code(&code, &place));
            notices.extend(codes.check_code(&code, &again));
        }
        assert_eq!(notices.len(), 12);
        assert!(
            notices[0].message.contains("不是同一事项读了两次"),
            "{}",
            notices[0].message
        );
        let lines = super::notice_lines(&notices, std::path::Path::new("reports/r1"));
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert!(
            lines[0].starts_with(
                "注意: 5 个事项的实施编码与前面读到的事项重复（同一份导出放了两份？）"
            ),
            "{lines:?}"
        );
        assert!(
            lines[1].starts_with(
                "注意: 7 个事项的实施编码与前面读到的事项相同，是因为编码被当作数字保存"
            ) && !lines[1].contains("放了两份？"),
            "{lines:?}"
        );
    }

    #[test]
    fn a_run_stopping_error_is_chinese_and_says_each_cause_once() {
        let missing = || Error::from(ErrorKind::NotFound);
        let e = anyhow::Error::new(missing()).context("无法读取报告 a.json");
        assert_eq!(describe(&e), "无法读取报告 a.json: 文件或文件夹不存在");
        // The table error quotes its I/O cause already: it is not repeated after it.
        let e = anyhow::Error::new(TableError::Io {
            path: "复核.csv".into(),
            source: missing(),
        })
        .context("无法使用复核文件 复核.csv");
        assert_eq!(
            describe(&e),
            "无法使用复核文件 复核.csv: 无法读取 复核.csv: 文件或文件夹不存在"
        );
        let e = anyhow::Error::new(Error::other("磁盘控制器错误"));
        assert_eq!(describe(&e), "磁盘控制器错误");
    }
}
