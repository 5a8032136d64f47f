//! Unit tests of the HTML report's parts; the page as a whole is tested in `tests/report_html.rs`.

use super::charts::bound_display;
use super::rows::{LeftOut, share_of, unit_left_out, unit_listed};
use super::*;

/// The findings the page lists, at most `max` (see [`MAX_LISTED`](super::MAX_LISTED)).
struct Listed<'f> {
    /// Findings of the report.
    total: usize,
    /// Findings listed of each unit, at most.
    share: usize,
    /// Those listed, with their numbers in the all-units workbook and findings.csv.
    rows: Vec<(usize, &'f Finding)>,
    /// The units with more than their share.
    left_out: Vec<LeftOut>,
}

fn listed<'f>(units: &[UnitView<'f>], max: usize) -> Listed<'f> {
    let total: usize = units.iter().map(|u| u.findings.len()).sum();
    let share = share_of(total, units.len(), max);
    let mut rows = Vec::with_capacity(total.min(max));
    let mut left_out = Vec::new();
    let mut number = 0;
    for u in units {
        rows.extend(unit_listed(u, share, number));
        number += u.findings.len();
        left_out.extend(unit_left_out(u, share));
    }
    Listed {
        total,
        share,
        rows,
        left_out,
    }
}

/// In the machine's zone with its offset, to the second: the run id (local time) and the
/// 生成时间 then agree, and a reader in 北京时间 reads 07:58, not 23:58 the day before.
#[test]
fn times_are_shown_in_local_time_to_the_second() {
    use super::super::display_time_in;
    use jiff::tz::{Offset, TimeZone};

    let beijing = TimeZone::fixed(Offset::from_hours(8).unwrap());
    assert_eq!(
        display_time_in("2026-11-28T23:58:07.361386974Z", &beijing),
        "2026-11-29 07:58:07 +08:00"
    );
    assert_eq!(
        display_time_in("2026-11-29T07:58:07+08:00", &TimeZone::UTC),
        "2026-11-28 23:58:07 +00:00"
    );
    assert_eq!(display_time_in("昨天", &beijing), "昨天");
}

/// A time written with its offset (`audit --at …+08:00`) is shown in it, whatever the machine's
/// zone: the 生成时间 agrees with the run id (`20261121-020000`).
#[test]
fn a_time_written_with_its_offset_is_shown_in_it() {
    use super::super::display_time;
    assert_eq!(
        display_time("2026-11-21T02:00:00+08:00"),
        "2026-11-21 02:00:00 +08:00"
    );
    assert_eq!(
        display_time("2026-11-21T02:00:00-05:30"),
        "2026-11-21 02:00:00 -05:30"
    );
    assert_eq!(display_time("不是时间+08:00"), "不是时间+08:00");
}

/// The fixture with 500 findings of 东至县 and 50 of 石台县, each quoting its own phone.
fn many_findings() -> Report {
    let mut report = crate::score::tests::fixture();
    let first = report.findings[0].clone();
    report.findings = [("东至县", 500), ("石台县", 50)]
        .into_iter()
        .flat_map(|(unit, n)| (0..n).map(move |k| (unit, k)))
        .map(|(unit, k)| {
            let mut f = first.clone();
            f.unit = unit.to_owned();
            f.evidence = format!("0566-20{k:05}");
            f
        })
        .collect();
    report
}

/// A province's page lists an equal share of each unit's findings, numbered as in the
/// all-units workbook, and names what each unit has past it; a city's lists them all.
#[test]
fn past_the_limit_each_unit_lists_its_share() {
    let report = many_findings();
    let views = Views::of(&report);
    let units: Vec<&str> = views
        .units
        .iter()
        .filter(|u| !u.findings.is_empty())
        .map(|u| u.name)
        .collect();
    assert_eq!(units, ["东至县", "石台县"]);

    let all = listed(&views.units, 550);
    assert_eq!((all.total, all.rows.len()), (550, 550));
    assert!(all.left_out.is_empty());

    let cut = listed(&views.units, 300);
    assert_eq!(cut.share, PAGE, "a share is never less than a page");
    assert_eq!(cut.rows.len(), PAGE + 50);
    let numbers: Vec<usize> = cut.rows.iter().map(|(n, _)| *n).collect();
    assert_eq!(numbers[..3], [1, 2, 3]);
    assert_eq!(numbers[PAGE - 1], PAGE);
    assert_eq!(
        numbers[PAGE], 501,
        "石台县's first is the 501st in the workbook"
    );
    assert_eq!(cut.rows[PAGE].1.unit, "石台县");
    assert_eq!(cut.left_out.len(), 1);
    assert_eq!(
        (cut.left_out[0].unit.as_str(), cut.left_out[0].count),
        ("东至县", 300)
    );

    // The page says so, and numbers the rows as the workbook does.
    let mut page = Vec::new();
    render_listing(&report, 300, &mut page).unwrap();
    let html = String::from_utf8(page).unwrap();
    assert_eq!(html.matches("<tr data-unit=").count(), PAGE + 50);
    assert!(
        html.contains("共 550 条"),
        "the heading counts every finding"
    );
    assert!(
        html.contains(&format!(
            "网页中每个单位只列出前 {PAGE} 条，共列出 {} 条；其余的见各单位的整改清单（Excel）和 findings.csv：东至县 另有 300 条。",
            PAGE + 50
        )),
        "{}",
        &html[html.find("id=\"findings\"").unwrap()..][..1200]
    );
    assert!(html.contains("<td class=\"num\">501</td>"));
    assert!(!render(&report).unwrap().contains("id=\"left-out\""));
}

#[test]
fn labels_are_cut_by_display_width() {
    assert_eq!(bound_display("池州市市场监督管理局", 8), "池州市市…");
    assert_eq!(bound_display("贵池区", 8), "贵池区");
}

/// The page is written as it is rendered: a disk that fills up is the writer's own error, said
/// as such (not as a template error), and what was written before it is the page's start.
#[test]
fn a_failed_write_is_the_writers_error() {
    struct FullDisk {
        room: usize,
        written: Vec<u8>,
    }
    impl Write for FullDisk {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            if self.written.len() + buf.len() > self.room {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::StorageFull,
                    "磁盘已满",
                ));
            }
            self.written.extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let report = crate::score::tests::fixture();
    let whole = render(&report).unwrap();
    let mut disk = FullDisk {
        room: whole.len() / 2,
        written: Vec::new(),
    };
    let e = render_to(&report, &mut disk).unwrap_err();
    assert_eq!(e.kind(), std::io::ErrorKind::StorageFull, "{e}");
    assert!(e.to_string().contains("磁盘已满"), "{e}");
    assert!(whole.as_bytes().starts_with(&disk.written));
    let mut all = Vec::new();
    render_to(&report, &mut all).unwrap();
    assert_eq!(all, whole.as_bytes());
}

/// The findings table is a sequence the template walks row by row: with none, the page says
/// there are none and hides 显示更多; with some, it counts them and lists each.
#[test]
fn the_findings_sequence_counts_and_lists_its_rows() {
    let mut report = crate::score::tests::fixture();
    let page = render(&report).unwrap();
    let n = report.findings.len();
    assert!(n > 0);
    assert_eq!(page.matches("<tr data-unit=").count(), n);
    assert!(
        page.contains(&format!("网页中共 {n} 条")),
        "the length filter"
    );
    assert!(!page.contains("没有发现问题。"));

    report.findings.clear();
    let page = render(&report).unwrap();
    assert_eq!(page.matches("<tr data-unit=").count(), 0);
    assert!(
        page.contains("没有发现问题。"),
        "an empty sequence is false"
    );
    assert!(page.contains("<p id=\"more-wrap\" hidden>"));
}

/// A page built a unit at a time with its rows kept in a temporary file (a report kept on disk)
/// is the page built with them in memory, past the limit too; the file is gone after.
#[test]
fn rows_kept_on_disk_make_the_same_page() {
    let report = many_findings();
    let views = Views::of(&report);
    let ctx = crate::report::fixlist::RowContext::of(&report);
    let dir = tempfile::tempdir().unwrap();
    let (total, units) = (report.findings.len(), views.units.len());
    let mut memory = Page::begin(total, units, 300);
    let mut disk = Page::begin_in(total, units, 300, dir.path()).unwrap();
    for u in &views.units {
        memory.unit(u, &ctx).unwrap();
        disk.unit(u, &ctx).unwrap();
    }
    let mut in_memory = Vec::new();
    memory
        .finish(&report, &views.unreadable, &mut in_memory)
        .unwrap();
    let mut on_disk = Vec::new();
    disk.finish(&report, &views.unreadable, &mut on_disk)
        .unwrap();
    assert!(in_memory == on_disk, "the pages differ");
    let html = String::from_utf8(on_disk).unwrap();
    assert_eq!(html.matches("<tr data-unit=").count(), PAGE + 50);
    assert!(
        html.contains("0566-2000199"),
        "the 200th of 东至县 is listed"
    );
    assert!(!html.contains("0566-2000200"), "the 201st is not");
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert!(left.is_empty(), "{left:?}");
}

/// A row that cannot be read back from the temporary file fails the page, saying so, rather than
/// leaving a row out.
#[test]
fn a_row_lost_from_the_temporary_file_fails_the_page() {
    let report = many_findings();
    let views = Views::of(&report);
    let ctx = crate::report::fixlist::RowContext::of(&report);
    let dir = tempfile::tempdir().unwrap();
    let mut page =
        Page::begin_in(report.findings.len(), views.units.len(), 300, dir.path()).unwrap();
    for u in &views.units {
        page.unit(u, &ctx).unwrap();
    }
    let spilled = std::fs::read_dir(dir.path())
        .unwrap()
        .next()
        .expect("the rows' file")
        .unwrap()
        .path();
    // Cut short, as a full disk or a cleaner might leave it.
    std::fs::OpenOptions::new()
        .write(true)
        .open(&spilled)
        .unwrap()
        .set_len(10)
        .unwrap();
    let mut out = Vec::new();
    let err = page
        .finish(&report, &views.unreadable, &mut out)
        .expect_err("a page without its rows");
    let text = format!("{err:#}");
    assert!(text.contains("无法读回临时文件"), "{text}");
}
