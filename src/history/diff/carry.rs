//! Problems found again under another 指纹: the fingerprint holds the 考核单位 and the offending
//! text, so a problem whose text was reworded but still fails (原文已改), or whose item moved to
//! another unit (a unit renamed, an item handed over), would count as one problem fixed (or gone)
//! and one new at 0 days. A unit could "fix" its list by rewording it. These are paired here, one
//! to one, and the diff counts them 未整改 with their age.
//!
//! What is paired: a baseline finding no longer found and a finding of this run not in the
//! baseline,
//! 1. of the same item: the baseline finding's (考核单位, 实施编码) when it is checked tonight;
//!    otherwise, when its 实施编码 is checked tonight under exactly one other unit, that unit's
//!    (the item moved). Without such an item it is not paired (已移除, as before);
//! 2. with the same rule, element, target and text (the finding's fingerprint under the old
//!    unit): an item that moved;
//! 3. else with the same rule and element, and the same field or the same kind of list entry:
//!    first the one old and one new finding of the same target (the same material, step, FAQ),
//!    then — when exactly one old and one new finding of the rule are left — those two (a material
//!    renamed while its problem stayed). Where it cannot tell which is which (two findings of a
//!    rule, both changed) it pairs nothing, and they stay 已整改 and 新增.
//!
//! Step 3 needs the baseline finding's target and text, which the store keeps from schema v5
//! on; findings stored before are paired by step 2 only.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::past::BaseFinding;
use crate::history::fingerprint::fingerprint_in;
use crate::history::normalize_evidence;
use crate::history::view::Carried;
use crate::model::Finding;

/// A key of step 3: (unit, 实施编码, rule, element, the kind of target).
type Group<'a> = (&'a str, &'a str, &'a str, &'a str, String);

/// The pairs: for each finding of this run found again, by its fingerprint, what it was.
///
/// `checked` holds the (考核单位, 实施编码) of the items checked in this run.
pub(super) fn pair(
    base: &BTreeMap<String, BaseFinding>,
    findings: &[Finding],
    fingerprints: &[String],
    checked: &BTreeSet<(&str, &str)>,
) -> BTreeMap<String, Carried> {
    let mut carried = BTreeMap::new();
    // This run's findings not in the baseline, once per fingerprint.
    let mut new: BTreeMap<&str, &Finding> = BTreeMap::new();
    for (f, fp) in findings.iter().zip(fingerprints) {
        if !base.contains_key(fp) {
            new.entry(fp.as_str()).or_insert(f);
        }
    }
    if new.is_empty() {
        return carried;
    }
    let tonight: BTreeSet<&str> = fingerprints.iter().map(String::as_str).collect();
    let mut units_of: HashMap<&str, BTreeSet<&str>> = HashMap::new();
    for &(unit, code) in checked {
        units_of.entry(code).or_default().insert(unit);
    }
    // 1. The baseline findings no longer found, with the unit their item has tonight.
    let mut old: BTreeMap<&str, (&BaseFinding, &str)> = BTreeMap::new();
    for (fp, b) in base {
        if tonight.contains(fp.as_str()) {
            continue;
        }
        let home = if checked.contains(&(b.unit.as_str(), b.item_code.as_str())) {
            b.unit.as_str()
        } else {
            match units_of.get(b.item_code.as_str()) {
                Some(units) if units.len() == 1 => units.first().copied().expect("one unit"),
                _ => continue,
            }
        };
        old.insert(fp.as_str(), (b, home));
    }
    if old.is_empty() {
        return carried;
    }
    // 2. Items that moved: the same problem under the old unit's name.
    let mut moved_from: HashMap<(&str, &str), BTreeSet<&str>> = HashMap::new();
    for (b, home) in old.values() {
        if *home != b.unit {
            moved_from
                .entry((home, b.item_code.as_str()))
                .or_default()
                .insert(b.unit.as_str());
        }
    }
    for (fp, f) in &new {
        let Some(units) = moved_from.get(&(f.unit.as_str(), f.item_code.as_str())) else {
            continue;
        };
        for unit in units {
            let was = fingerprint_in(f, unit);
            if old.remove(was.as_str()).is_some() {
                carried.insert(
                    (*fp).to_owned(),
                    Carried {
                        fingerprint: was,
                        unit: Some((*unit).to_owned()),
                        target: None,
                        evidence: None,
                    },
                );
                break;
            }
        }
    }
    // 3. Reworded: by item, rule, element and kind of target.
    let mut groups: BTreeMap<Group<'_>, (Vec<&str>, Vec<&str>)> = BTreeMap::new();
    for (&fp, (b, home)) in &old {
        let Some(target) = &b.target else { continue };
        groups
            .entry((home, &b.item_code, &b.rule, &b.element, target_kind(target)))
            .or_default()
            .0
            .push(fp);
    }
    for (&fp, f) in &new {
        if carried.contains_key(fp) {
            continue;
        }
        let target = f.target.as_deref().unwrap_or_default();
        if let Some(group) = groups.get_mut(&(
            f.unit.as_str(),
            f.item_code.as_str(),
            f.rule.as_str(),
            f.element.as_ref(),
            target_kind(target),
        )) {
            group.1.push(fp);
        }
    }
    for (old_fps, new_fps) in groups.values() {
        if new_fps.is_empty() {
            continue;
        }
        let old_target = |fp: &str| old[fp].0.target.as_deref().unwrap_or_default();
        let new_target = |fp: &str| new[fp].target.as_deref().unwrap_or_default();
        let mut pairs: Vec<(&str, &str)> = Vec::new();
        // The same target, one of each.
        for &o in old_fps {
            let t = old_target(o);
            let olds = old_fps.iter().filter(|&&x| old_target(x) == t).count();
            let news: Vec<&str> = new_fps
                .iter()
                .copied()
                .filter(|&x| new_target(x) == t)
                .collect();
            if olds == 1 && news.len() == 1 {
                pairs.push((o, news[0]));
            }
        }
        // The one of each left.
        let left_old: Vec<&str> = old_fps
            .iter()
            .copied()
            .filter(|o| !pairs.iter().any(|(x, _)| x == o))
            .collect();
        let left_new: Vec<&str> = new_fps
            .iter()
            .copied()
            .filter(|n| !pairs.iter().any(|(_, x)| x == n))
            .collect();
        if let ([o], [n]) = (left_old.as_slice(), left_new.as_slice()) {
            pairs.push((o, n));
        }
        for (o, n) in pairs {
            let (b, _) = old[o];
            let f = new[n];
            let target = b.target.as_deref().unwrap_or_default();
            let evidence = b.evidence.as_deref().unwrap_or_default();
            carried.insert(
                n.to_owned(),
                Carried {
                    fingerprint: o.to_owned(),
                    unit: (b.unit != f.unit).then(|| b.unit.clone()),
                    target: (normalize_evidence(target)
                        != normalize_evidence(f.target.as_deref().unwrap_or_default()))
                    .then(|| target.to_owned()),
                    evidence: (normalize_evidence(evidence) != normalize_evidence(&f.evidence))
                        .then(|| evidence.to_owned()),
                },
            );
        }
    }
    carried
}

/// What kind of field or list entry a target is: the target without the name between 「」
/// (`材料「身份证明」` and `材料「居民身份证」` are both `材料「」`; `咨询电话` is itself).
fn target_kind(target: &str) -> String {
    let mut kind = String::with_capacity(target.len());
    let mut inside = false;
    for c in target.chars() {
        match c {
            '「' => {
                inside = true;
                kind.push(c);
            }
            '」' => {
                inside = false;
                kind.push(c);
            }
            _ if !inside => kind.push(c),
            _ => {}
        }
    }
    kind
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_kind_of_a_target_leaves_out_the_entry_s_name() {
        assert_eq!(target_kind("材料「营业执照」"), "材料「」");
        assert_eq!(
            target_kind("材料「营业执照」的兜底用词"),
            "材料「」的兜底用词"
        );
        assert_eq!(target_kind("咨询电话"), "咨询电话");
        assert_eq!(target_kind(""), "");
    }
}
