//! The rows of the findings table: which findings the page lists (all of them, or past
//! [`MAX_LISTED`](super::MAX_LISTED) an equal share of each unit's) and what each row shows.

use super::{
    Finding, MAX_EVIDENCE_CHARS, MAX_TEXT_CHARS, PAGE, Serialize, Severity, UnitView, bound,
    status_of,
};
use crate::report::fixlist::shown_evidence;
use minijinja::Value;
use minijinja::value::{Enumerator, Object, ObjectRepr, Serde};
use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// Findings listed of each unit, at most, when the report's `units` have `total` and the page
/// lists at most `max`.
pub(super) fn share_of(total: usize, units: usize, max: usize) -> usize {
    if total > max {
        (max / units.max(1)).max(PAGE)
    } else {
        usize::MAX
    }
}

/// The findings of `u` listed, with their numbers (those before it numbered up to `before`).
pub(super) fn unit_listed<'u, 'f>(
    u: &'u UnitView<'f>,
    share: usize,
    before: usize,
) -> impl Iterator<Item = (usize, &'f Finding)> + 'u {
    u.findings
        .iter()
        .take(share)
        .enumerate()
        .map(move |(k, f)| (before + k + 1, *f))
}

/// What of `u` is past its share, if anything.
pub(super) fn unit_left_out(u: &UnitView<'_>, share: usize) -> Option<LeftOut> {
    (u.findings.len() > share).then(|| LeftOut {
        unit: u.name.to_owned(),
        count: u.findings.len() - share,
    })
}

/// A unit whose findings past the page's share are not listed.
#[derive(Serialize)]
pub(super) struct LeftOut {
    pub(super) unit: String,
    pub(super) count: usize,
}

/// Where the listed rows are kept until the page is rendered: in memory, or for a report kept on
/// disk in a temporary file beside it (100,000 rows took some 130 MB in memory), each row's JSON
/// read back when the template's loop reaches it.
pub(super) enum Listing {
    Memory(Vec<FindingRow>),
    Disk(Spill),
}

/// The listed rows written to a temporary file, with where each lies in it.
pub(super) struct Spill {
    file: TempFile,
    out: BufWriter<File>,
    spans: Vec<(u64, u32)>,
    bytes: u64,
}

/// A temporary file, removed when dropped.
pub(super) struct TempFile(PathBuf);

impl Drop for TempFile {
    fn drop(&mut self) {
        // A leftover temporary file is harmless.
        let _ = std::fs::remove_file(&self.0);
    }
}

impl Listing {
    /// Rows kept in a temporary file in `dir`.
    pub(super) fn on_disk(dir: &Path) -> std::io::Result<Self> {
        let path = dir.join(".report-page-rows.tmp");
        let out = BufWriter::new(File::create(&path)?);
        Ok(Listing::Disk(Spill {
            file: TempFile(path),
            out,
            spans: Vec::new(),
            bytes: 0,
        }))
    }

    pub(super) fn push(&mut self, row: FindingRow) -> std::io::Result<()> {
        match self {
            Listing::Memory(rows) => rows.push(row),
            Listing::Disk(spill) => {
                let text = serde_json::to_vec(&row)?;
                spill.out.write_all(&text)?;
                let len = u32::try_from(text.len()).map_err(std::io::Error::other)?;
                spill.spans.push((spill.bytes, len));
                spill.bytes += u64::from(len);
            }
        }
        Ok(())
    }

    /// The rows as the template's `findings`.
    pub(super) fn into_rows(self) -> std::io::Result<Rows> {
        match self {
            Listing::Memory(rows) => Ok(Rows::Memory(rows)),
            Listing::Disk(mut spill) => {
                spill.out.flush()?;
                let read = BufReader::new(File::open(&spill.file.0)?);
                Ok(Rows::Disk {
                    read: Mutex::new((read, 0)),
                    spans: spill.spans,
                    file: spill.file,
                })
            }
        }
    }
}

/// The listed rows as the template's `findings`: a sequence whose row becomes a template value
/// when the loop reaches it, and is dropped after.
pub(super) enum Rows {
    Memory(Vec<FindingRow>),
    Disk {
        /// The file and the offset read up to.
        read: Mutex<(BufReader<File>, u64)>,
        spans: Vec<(u64, u32)>,
        file: TempFile,
    },
}

impl std::fmt::Debug for Rows {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Rows::Memory(rows) => write!(f, "Rows({} in memory)", rows.len()),
            Rows::Disk { spans, file, .. } => {
                write!(f, "Rows({} in {})", spans.len(), file.0.display())
            }
        }
    }
}

impl Rows {
    fn len(&self) -> usize {
        match self {
            Rows::Memory(rows) => rows.len(),
            Rows::Disk { spans, .. } => spans.len(),
        }
    }

    /// Row `i` read back from the file (the loop reads them in order, so the reader moves on).
    fn read(&self, i: usize) -> Option<std::io::Result<serde_json::Value>> {
        let Rows::Disk { read, spans, .. } = self else {
            return None;
        };
        let &(at, len) = spans.get(i)?;
        let mut guard = read
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let (file, pos) = &mut *guard;
        let mut text = vec![0; len as usize];
        let skip = i64::try_from(at).and_then(|a| Ok(a - i64::try_from(*pos)?));
        let done = skip
            .map_err(std::io::Error::other)
            .and_then(|skip| file.seek_relative(skip))
            .and_then(|()| file.read_exact(&mut text));
        *pos = at + u64::from(len);
        Some(done.and_then(|()| serde_json::from_slice(&text).map_err(Into::into)))
    }
}

impl Object for Rows {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Seq
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        let i = key.as_usize()?;
        match &**self {
            Rows::Memory(rows) => rows.get(i).map(|row| Value::from(Serde(row))),
            Rows::Disk { file, .. } => Some(match self.read(i)? {
                Ok(row) => Value::from(Serde(row)),
                // Not an empty row: the page fails, saying why.
                Err(e) => Value::from(minijinja::Error::new(
                    minijinja::ErrorKind::InvalidOperation,
                    format!("无法读回临时文件 {}: {e}", file.0.display()),
                )),
            }),
        }
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Seq(self.len())
    }
}

#[derive(Debug, Serialize)]
pub(super) struct FindingRow {
    /// Its number in the all-units workbook and findings.csv.
    number: usize,
    unit: String,
    /// 实施主体 of the item.
    subject: String,
    item_name: String,
    item_code: String,
    element: String,
    rule: String,
    rule_name: String,
    severity: &'static str,
    severity_label: &'static str,
    message: String,
    evidence: String,
    suggestion: String,
    provenance: String,
    /// 状态 label and filter key, with a history.
    status: String,
    status_key: &'static str,
    /// The fingerprint: the same in every format, and what `audit waive` takes.
    fingerprint: String,
    /// 确认 or 驳回 from the assessor's review of a scored report; empty otherwise.
    review: &'static str,
    /// The unit's answer (`report --replies`): `有异议：…` and/or `整改情况：…`; empty otherwise.
    reply: String,
}

impl FindingRow {
    pub(super) fn of(
        f: &Finding,
        ctx: &crate::report::fixlist::RowContext<'_>,
        number: usize,
    ) -> Self {
        let fingerprint = crate::history::fingerprint(f);
        let reply = reply_text(ctx.reply(f, &fingerprint));
        let (status, status_key) = ctx
            .history
            .map_or((String::new(), ""), |h| status_of(h, &fingerprint));
        // A problem found again under another 指纹 says what it was before the advice.
        let suggestion = match crate::report::fixlist::carried_note(
            ctx.history.and_then(|h| h.by_fingerprint(&fingerprint)),
            f,
        ) {
            Some(note) => format!("{note}。{}", f.suggestion),
            None => f.suggestion.to_string(),
        };
        let decision = ctx.decision(f, &fingerprint).map_or("", |d| d.label_zh());
        let message = crate::report::fixlist::description(f);
        let text = |t: &str| bound(t, MAX_TEXT_CHARS).into_owned();
        FindingRow {
            number,
            unit: f.unit.clone(),
            subject: text(ctx.subject(&f.item_code)),
            item_name: text(&f.item_name),
            item_code: text(&f.item_code),
            element: f.element.to_string(),
            rule: f.rule.clone(),
            rule_name: f.rule_name.to_string(),
            severity: match f.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            },
            severity_label: crate::report::fixlist::severity_cell(&f.rule, f.severity),
            message: text(&message),
            evidence: bound(&shown_evidence(&f.evidence), MAX_EVIDENCE_CHARS).into_owned(),
            suggestion: text(&suggestion),
            provenance: f.provenance.to_string(),
            status,
            status_key,
            fingerprint,
            review: decision,
            reply,
        }
    }
}

/// The unit's answer to a finding as the HTML shows it under 严重程度.
fn reply_text(r: Option<&crate::report::Reply>) -> String {
    r.map_or_else(String::new, |r| {
        let mut parts = Vec::new();
        if r.disputed == Some(true) {
            parts.push(format!("单位有异议：{}", r.reason));
        }
        if !r.fix.is_empty() {
            parts.push(format!("整改情况：{}", r.fix));
        }
        for other in &r.superseded {
            parts.push(format!("另有不同回复（未采用）{other}"));
        }
        bound(&parts.join("；"), MAX_TEXT_CHARS).into_owned()
    })
}
