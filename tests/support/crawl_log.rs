//! The crawl log (`crawl-log.csv`) as the crawl tests read it.

use std::path::Path;

/// The crawl log's rows (after its header), as read by Excel.
pub fn log(dir: &Path) -> Vec<csv::StringRecord> {
    let text = std::fs::read_to_string(dir.join("crawl-log.csv")).unwrap();
    csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes())
        .records()
        .map(Result::unwrap)
        .collect()
}

/// The last row of `rows` for the page whose address ends with `path`.
pub fn row(rows: &[csv::StringRecord], path: &str) -> csv::StringRecord {
    rows.iter()
        .rev()
        .find(|r| r[2].ends_with(path))
        .unwrap_or_else(|| panic!("{path} not in the log: {rows:?}"))
        .clone()
}
