//! Bounded decompression: the limits every zip the tool opens obeys (downloaded .docx/.xlsx forms
//! and samples, input workbooks). The archive's directory is checked before anything is inflated:
//! entry count, declared uncompressed size and per-entry compression ratio, so a zip bomb is
//! refused up front. Readers still cap what they actually inflate.
//!
//! A reader that inflates only some entries (the text parts of a .docx, not its pictures) checks
//! the ratio and declared size of those ([`ZipLimits::check_parts`]): a blank form with a large
//! white bitmap, which deflates 1000:1, is a normal form, and its picture is never inflated.

use std::io::{Read, Seek};

/// The words of every refusal to inflate, which a reader tells from a damaged file by them.
pub const BOMB: &str = "疑似压缩炸弹";

/// Bounds on decompression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ZipLimits {
    /// Entries in one archive at most.
    pub max_entries: usize,
    /// Uncompressed bytes read from one archive at most (and declared at most).
    pub max_total_bytes: u64,
    /// Largest uncompressed ÷ compressed ratio of one entry (entries under 1 MiB are exempt).
    pub max_ratio: u64,
}

impl Default for ZipLimits {
    fn default() -> Self {
        Self {
            max_entries: 2000,
            max_total_bytes: 64 * 1024 * 1024,
            max_ratio: 200,
        }
    }
}

impl ZipLimits {
    /// Checks the archive's directory against the limits; returns the entry names, or why the
    /// archive is refused (in Chinese).
    pub fn check<R: Read + Seek>(
        &self,
        archive: &mut zip::ZipArchive<R>,
    ) -> Result<Vec<String>, String> {
        self.check_parts(archive, |_| true)
    }

    /// [`Self::check`] for a reader that inflates only the entries `read` accepts: the entry
    /// count is checked for the whole archive, the ratio and the declared size for those entries.
    pub fn check_parts<R: Read + Seek>(
        &self,
        archive: &mut zip::ZipArchive<R>,
        read: impl Fn(&str) -> bool,
    ) -> Result<Vec<String>, String> {
        if archive.len() > self.max_entries {
            return Err(format!(
                "压缩包内文件过多（{} 个，上限 {}），{BOMB}，已拒绝解压",
                archive.len(),
                self.max_entries
            ));
        }
        let mut declared: u64 = 0;
        let mut names = Vec::with_capacity(archive.len());
        for i in 0..archive.len() {
            let f = archive
                .by_index_raw(i)
                .map_err(|_| "文件已损坏，压缩目录无法读取".to_owned())?;
            let name = f
                .name()
                .map(std::borrow::Cow::into_owned)
                .unwrap_or_default();
            if read(&name) {
                let size = f.size();
                let ratio = size / f.compressed_size().max(1);
                if size > 1024 * 1024 && ratio > self.max_ratio {
                    return Err(format!(
                        "“{name}”压缩比异常（{ratio}:1，上限 {}:1），{BOMB}，已拒绝解压",
                        self.max_ratio
                    ));
                }
                declared = declared.saturating_add(size);
            }
            names.push(name);
        }
        if declared > self.max_total_bytes {
            return Err(format!(
                "解压后大小 {declared} 字节超过上限 {} 字节，{BOMB}，已拒绝解压",
                self.max_total_bytes
            ));
        }
        Ok(names)
    }
}
