//! The results a night computes anew, for the store's cache (`results`: content hash, entry
//! JSON, findings JSON), kept on disk until the run is staged. On a first night, or the night
//! after an upgrade (a new configuration hash reuses nothing), they are every item's: some
//! 1.8 KB an item, which held nearly 2 GB of a 10^6-item night in memory.
//!
//! They go to a temporary file without a name (removed by the system however the run ends), a
//! line each: the hash, the entry and the findings, separated by tabs (compact JSON holds no raw
//! tab or line break).

use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Seek, Write};
use std::path::{Path, PathBuf};

use super::HistoryError;

/// The fresh results of a run, on disk.
#[derive(Debug, Default)]
pub struct FreshResults {
    /// Where the file is made: the store's folder (the disk that will hold the results anyway,
    /// not a `/tmp` that may be small or in memory).
    dir: PathBuf,
    /// While results come.
    writer: Option<BufWriter<File>>,
    /// Once they are all written ([`Self::finish`]).
    file: Option<File>,
    len: usize,
}

impl FreshResults {
    /// None yet; the file is made in `dir` when the first result comes.
    pub(crate) fn in_dir(dir: &Path) -> Self {
        Self {
            dir: dir.to_owned(),
            writer: None,
            file: None,
            len: 0,
        }
    }

    fn error(&self, source: std::io::Error) -> HistoryError {
        HistoryError::Temp {
            path: self.dir.clone(),
            source,
        }
    }

    /// Adds one result.
    pub(crate) fn push(
        &mut self,
        hash: &str,
        entry: &str,
        findings: &str,
    ) -> Result<(), HistoryError> {
        if self.writer.is_none() {
            let file = tempfile::tempfile_in(&self.dir).map_err(|e| self.error(e))?;
            self.writer = Some(BufWriter::new(file));
        }
        let w = self.writer.as_mut().expect("made above");
        let written = (|| {
            w.write_all(hash.as_bytes())?;
            w.write_all(b"\t")?;
            w.write_all(entry.as_bytes())?;
            w.write_all(b"\t")?;
            w.write_all(findings.as_bytes())?;
            w.write_all(b"\n")
        })();
        written.map_err(|e| self.error(e))?;
        self.len += 1;
        Ok(())
    }

    /// Results kept.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether none was kept.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Every result is written: flushed to the file, to be read back.
    pub(crate) fn finish(&mut self) -> Result<(), HistoryError> {
        if let Some(w) = self.writer.take() {
            let file = w.into_inner().map_err(|e| self.error(e.into_error()))?;
            self.file = Some(file);
        }
        Ok(())
    }

    /// Each result, in the order added: `f(hash, entry, findings)`; an error of `f` ends it.
    pub(crate) fn each(
        &self,
        f: &mut dyn FnMut(&str, &str, &str) -> Result<(), HistoryError>,
    ) -> Result<(), HistoryError> {
        let Some(mut file) = self.file.as_ref() else {
            return Ok(());
        };
        let mut stopped = None;
        let read = (|| -> std::io::Result<()> {
            file.rewind()?;
            let mut lines = BufReader::new(file);
            let mut line = String::new();
            while lines.read_line(&mut line)? > 0 {
                let mut parts = line.trim_end_matches('\n').splitn(3, '\t');
                let (Some(hash), Some(entry), Some(findings)) =
                    (parts.next(), parts.next(), parts.next())
                else {
                    return Err(std::io::Error::other("暂存的检查结果不完整"));
                };
                if let Err(e) = f(hash, entry, findings) {
                    stopped = Some(e);
                    return Ok(());
                }
                line.clear();
            }
            Ok(())
        })();
        read.map_err(|e| self.error(e))?;
        stopped.map_or(Ok(()), Err)
    }

    /// Every result, read back (for tests).
    #[cfg(test)]
    pub(crate) fn to_vec(&self) -> Vec<(String, String, String)> {
        let mut out = Vec::new();
        self.each(&mut |h, e, f| {
            out.push((h.to_owned(), e.to_owned(), f.to_owned()));
            Ok(())
        })
        .unwrap();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_back_in_order_from_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let mut fresh = FreshResults::in_dir(dir.path());
        assert!(fresh.is_empty());
        let rows = [
            ("a1", r#"{"code":"1","name":"食品经营许可"}"#, "[]"),
            // Escaped tabs and line breaks stay escaped in compact JSON.
            (
                "b2",
                r#"{"name":"户外广告\t设施\n审批"}"#,
                r#"[{"rule":"B15"}]"#,
            ),
        ];
        for (h, e, f) in rows {
            fresh.push(h, e, f).unwrap();
        }
        fresh.finish().unwrap();
        assert_eq!(fresh.len(), 2);
        let want: Vec<_> = rows
            .iter()
            .map(|(h, e, f)| ((*h).to_owned(), (*e).to_owned(), (*f).to_owned()))
            .collect();
        assert_eq!(fresh.to_vec(), want);
        assert_eq!(fresh.to_vec(), want, "read again from the start");
        // No file is left in the folder: it has no name.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
        // An error of the caller ends the reading and is returned.
        let mut seen = 0;
        let stopped = fresh.each(&mut |_, _, _| {
            seen += 1;
            Err(HistoryError::DuplicateRun("r1".into()))
        });
        assert!(matches!(stopped, Err(HistoryError::DuplicateRun(_))));
        assert_eq!(seen, 1);
    }

    #[test]
    fn a_folder_that_cannot_hold_the_file_is_said_with_the_folder() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("没有这个文件夹");
        let mut fresh = FreshResults::in_dir(&missing);
        let e = fresh.push("a1", "{}", "[]").unwrap_err();
        assert!(matches!(e, HistoryError::Temp { .. }), "{e:?}");
        assert!(e.to_string().contains("没有这个文件夹"), "{e}");
        assert!(e.to_string().starts_with("无法写入临时文件"), "{e}");
    }
}
