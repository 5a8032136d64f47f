//! Findings that share a 指纹, and telling them apart wherever a decision or an answer is kept
//! for one finding.
//!
//! A fingerprint ([`crate::history::fingerprint`]) names a finding by its unit, 实施编码, element,
//! rule, target and evidence — not by its item's name or place, so that it stays while a row moves
//! in the export. Different items that share an 实施编码 (a placeholder such as
//! `1111111111111111`, or an empty code: both common in real exports) therefore have findings with
//! one fingerprint: 事项0 and 事项2 both lacking a window in 办理地点. The fingerprint stays as it is
//! (it is each finding's identity in every nightly history store). Instead:
//!
//! - a row handed back (a review row, a unit's answer) goes to the finding its 事项名称 names among
//!   those with its fingerprint, failing that to the first such finding not yet taken, in report
//!   order: the n-th row with a fingerprint answers the n-th finding with it ([`claim`]);
//! - what the scored report keeps for a finding ([`crate::report::Reviewed`],
//!   [`crate::report::Reply`]) carries the place its item was read (来源) when another finding has
//!   its fingerprint, and goes back to the finding at that place ([`Twins::assign`]).
//!
//! Not here: reading the rows (`score::review`, `report::replies`).

use std::collections::{HashMap, HashSet};

use crate::model::Finding;

/// The fingerprints of a report's findings, and which findings share one.
pub struct Twins {
    fingerprints: Vec<String>,
    by_fingerprint: HashMap<String, Vec<usize>>,
}

impl Twins {
    /// The fingerprints of `findings`.
    pub fn of(findings: &[Finding]) -> Self {
        let fingerprints: Vec<String> = findings.iter().map(crate::history::fingerprint).collect();
        let mut by_fingerprint: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, fp) in fingerprints.iter().enumerate() {
            by_fingerprint.entry(fp.clone()).or_default().push(i);
        }
        Twins {
            fingerprints,
            by_fingerprint,
        }
    }

    /// The fingerprint of finding `i`.
    pub fn fingerprint(&self, i: usize) -> &str {
        &self.fingerprints[i]
    }

    /// The findings with fingerprint `fp`, in report order.
    pub fn with(&self, fp: &str) -> &[usize] {
        self.by_fingerprint.get(fp).map_or(&[], Vec::as_slice)
    }

    /// What to keep beside finding `i`'s fingerprint to find it again: the place of its item
    /// ([`place`]) when another finding has the fingerprint, else nothing.
    pub fn place(&self, findings: &[Finding], i: usize) -> Option<String> {
        (self.with(self.fingerprint(i)).len() > 1).then(|| place(&findings[i]))
    }

    /// The finding each kept record (fingerprint, place) is of, in the records' order: the one
    /// with its fingerprint at its place, failing that (a record without a place, written before
    /// places were kept) the first with its fingerprint not yet taken. `None`: no such finding.
    pub fn assign<'k>(
        &self,
        findings: &[Finding],
        kept: impl IntoIterator<Item = (&'k str, Option<&'k str>)>,
    ) -> Vec<Option<usize>> {
        let claims: Vec<Claim<'_>> = kept
            .into_iter()
            .map(|(fp, at)| {
                let all = self.with(fp);
                let named = at.map_or_else(Vec::new, |at| {
                    all.iter()
                        .copied()
                        .filter(|&i| place(&findings[i]) == at)
                        .collect()
                });
                Claim { named, all }
            })
            .collect();
        claim(&claims, &mut HashSet::new())
    }
}

/// Where a finding's item was read (`事项.xlsx 表「基本信息」第12行`): what tells apart the
/// findings of two items that share a fingerprint.
pub fn place(f: &Finding) -> String {
    f.provenance.to_string()
}

/// A row (or kept record) that may stand for one of `all`; `named` are those of them it names
/// (by 事项名称, or by place), empty when it names none.
#[derive(Debug, Clone)]
pub struct Claim<'a> {
    /// The candidates it names.
    pub named: Vec<usize>,
    /// Every candidate, in report order.
    pub all: &'a [usize],
}

impl Claim<'_> {
    /// The findings it may have: those it names, or when it names none, all.
    pub fn pool(&self) -> &[usize] {
        if self.named.is_empty() {
            self.all
        } else {
            &self.named
        }
    }
}

/// Gives each claim its finding, none taken twice (nor any in `taken`, which gains those given):
/// first the claims that name theirs, in order, each the first of its named candidates not yet
/// taken; then the others, each the first of its candidates not yet taken. `None`: every
/// candidate it may have is taken — a row that repeats a finding already matched.
pub fn claim<S: std::hash::BuildHasher>(
    claims: &[Claim<'_>],
    taken: &mut HashSet<usize, S>,
) -> Vec<Option<usize>> {
    let mut given = vec![None; claims.len()];
    for named in [true, false] {
        for (k, c) in claims.iter().enumerate() {
            if c.named.is_empty() == named {
                continue;
            }
            given[k] = c.pool().iter().copied().find(|&i| taken.insert(i));
        }
    }
    given
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c<'a>(named: &[usize], all: &'a [usize]) -> Claim<'a> {
        Claim {
            named: named.to_vec(),
            all,
        }
    }

    /// Four findings share a fingerprint (事项0–3 with the placeholder code). Rows that name
    /// their item get it wherever they sit; the others take what is left in order; a row naming
    /// a finding already taken is a duplicate and takes nothing else.
    #[test]
    fn named_rows_first_then_the_rest_in_order() {
        let all = [10, 11, 12, 13];
        let claims = [
            c(&[], &all),
            c(&[12], &all),
            c(&[10], &all),
            c(&[12], &all),
            c(&[], &all),
        ];
        let got = claim(&claims, &mut HashSet::new());
        assert_eq!(got, vec![Some(11), Some(12), Some(10), None, Some(13)]);
    }
}
