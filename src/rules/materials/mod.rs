//! What the material rules (M01–M08) share: which materials the applicant fills in, the files and
//! links a blank-form or sample field refers to, and whether a file name relates to the material.
//! Pure and offline; downloading the files is `links/`'s job.

use std::borrow::Cow;
use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use super::Violation;
use super::prepared_materials::WordLists;
use crate::model::Material;
use crate::model::text::{to_halfwidth, trim};

mod existing;
mod files;
mod filled_by;
mod names;
#[cfg(test)]
mod tests;

pub use files::{FileRef, attachment_problems, file_refs, local_path, one_finding};
pub use filled_by::Applicants;
pub use names::{has_value, name_relates};

/// 来源渠道 as published: code or label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceChannel {
    /// 10 申请人自备
    Applicant,
    /// 20 政府部门核发
    Government,
    /// 99 其他
    Other,
}

/// [`to_halfwidth`], without a copy when there is nothing to fold (the usual case).
fn halfwidth(text: &str) -> Cow<'_, str> {
    if text.contains(|c: char| c == '\u{3000}' || ('\u{FF01}'..='\u{FF5E}').contains(&c)) {
        Cow::Owned(to_halfwidth(text))
    } else {
        Cow::Borrowed(text)
    }
}

/// The words that tell 来源渠道 from its label, by kind: [`source_channel`] takes the first kind
/// any of whose words occurs.
const CHANNEL_WORDS: &[(SourceChannel, &[&str])] = &[
    (
        SourceChannel::Applicant,
        &["自备", "申请人", "申请单位", "自行", "本人"],
    ),
    (SourceChannel::Government, &["核发", "政府", "部门"]),
    (SourceChannel::Other, &["其他", "其它"]),
];

/// Every word of [`CHANNEL_WORDS`] in one automaton; pattern `i` is the `i`-th word in order.
static CHANNEL_MATCHER: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::new(CHANNEL_WORDS.iter().flat_map(|(_, words)| words.iter()))
        .expect("a short fixed word list fits an automaton")
});

/// Reads 来源渠道 (code or label; the label wins over the code).
pub fn source_channel(text: &str) -> Option<SourceChannel> {
    // The standard labels as published (most materials): neither folding nor trimming changes
    // them, so they are read before either is done (`tests::fields::source_channel_as_defined`).
    if let Some(kind) = standard_label(text) {
        return Some(kind);
    }
    let t = halfwidth(text);
    let t = trim(&t);
    // The standard labels, as most platforms write them.
    if let Some(kind) = standard_label(t) {
        return Some(kind);
    }
    // Which words occur, in one pass; then the first kind with one of them, as listed.
    let present = CHANNEL_MATCHER
        .find_overlapping_iter(t)
        .fold(0u32, |set, m| set | 1 << m.pattern().as_u32());
    let mut first = 0;
    for &(kind, words) in CHANNEL_WORDS {
        let mask = ((1u32 << words.len()) - 1) << first;
        if present & mask != 0 {
            return Some(kind);
        }
        first += words.len();
    }
    match t {
        "10" | "1" => Some(SourceChannel::Applicant),
        "20" | "2" => Some(SourceChannel::Government),
        "99" | "9" => Some(SourceChannel::Other),
        _ => None,
    }
}

/// 来源渠道 written as one of its standard labels.
fn standard_label(t: &str) -> Option<SourceChannel> {
    match t {
        "申请人自备" => Some(SourceChannel::Applicant),
        "政府部门核发" => Some(SourceChannel::Government),
        "其他" => Some(SourceChannel::Other),
        _ => None,
    }
}

/// Whether the applicant fills the material in (a form such as 申请表 or 承诺书): its name holds
/// one of `fill_in_words` or ends in 申请单/申领单 (or it is a 审核表 the item shows to be the
/// applicant's: `applicants_review_form`), it is not issued by a government department,
/// it is not a form another body fills in and issues (出具单位 a hospital, 填报须知
/// `由转出医院医生填写`), and the name does not name a document that already exists (a 申报表 of
/// a past year that neither its name nor its notes say is filled in for this application,
/// `上一年度企业所得税年度纳税申报表`, or a receipt, `…登记表备案回执`). Units may apply, as when
/// an item does not say who it serves ([`Applicants::MayBeUnits`]).
pub fn is_fill_in(material: &Material, fill_in_words: &[String]) -> bool {
    let name = material.name.trim();
    !name.is_empty()
        && (fill_in_words
            .iter()
            .any(|w| !w.is_empty() && name.contains(w.as_str()))
            || filled_by::ends_in_slip(name)
            || filled_by::applicants_review_form(material))
        && !existing::names_an_existing_document(name, &material.notes)
        && source_channel(&material.source_channel) != Some(SourceChannel::Government)
        && !filled_by::filled_in_by_another(material, Applicants::MayBeUnits)
}

/// [`is_fill_in`] with the words prepared once per run, for an item applied for by `who`. A material published with the standard
/// label 政府部门核发 — half of all materials — is ruled out before its name is searched:
/// [`source_channel`] reads that label as [`SourceChannel::Government`] at once, and the test is
/// a conjunction, so the order of its terms does not change the answer.
pub fn is_fill_in_with(material: &Material, fill_in_words: &WordLists, who: Applicants) -> bool {
    let name = trim(&material.name);
    !name.is_empty()
        && material.source_channel != "政府部门核发"
        && (fill_in_words.found(name, 1) != 0
            || filled_by::ends_in_slip(name)
            || filled_by::applicants_review_form(material))
        && !existing::names_an_existing_document(name, &material.notes)
        && source_channel(&material.source_channel) != Some(SourceChannel::Government)
        && !filled_by::filled_in_by_another(material, who)
}

/// The Chinese numerals a count of copies is written with, and their values.
const CN: &[(&str, u32)] = &[
    ("零", 0),
    ("一", 1),
    ("壹", 1),
    ("二", 2),
    ("两", 2),
    ("贰", 2),
    ("三", 3),
    ("叁", 3),
    ("四", 4),
    ("肆", 4),
    ("五", 5),
    ("伍", 5),
    ("六", 6),
    ("七", 7),
    ("八", 8),
    ("九", 9),
    ("十", 10),
];

/// The number of copies written in a field (`1`, `2份`, `壹份`, `一式两份`, a bare `一`), if
/// any; none in `-1` or `1.5`.
pub fn parse_copies(text: &str) -> Option<u32> {
    // A bare number of at most six digits, as most fields hold it: neither folding nor trimming
    // changes it, and it is all the digits read below (`tests::fields::parse_copies_as_defined`).
    if (1..=6).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit()) {
        return text.parse().ok();
    }
    let t = halfwidth(text);
    let t = trim(&t);
    if let Some(start) = t.find(|c: char| c.is_ascii_digit()) {
        // At most six ASCII digits, one byte each.
        let digits = &t[start..];
        let len = digits
            .bytes()
            .take_while(u8::is_ascii_digit)
            .take(6)
            .count();
        if not_a_count(&t[..start], &digits[len..]) {
            return None;
        }
        return digits[..len].parse().ok();
    }
    // A bare numeral (`一`, `贰`, `十`), as a 份数 column is often filled in.
    if let Some(&(_, n)) = CN.iter().find(|(w, _)| *w == t) {
        return Some(n);
    }
    let before_fen = t.rfind('份').map(|i| &t[..i])?;
    let last = before_fen.chars().last()?;
    CN.iter()
        .find(|(w, _)| w.starts_with(last))
        .map(|&(_, n)| n)
}

/// Whether the digits between `before` and `after` are no count of copies: a negative number
/// (`-1`) or a fraction (`1.5`). A whole number written with decimals (`1.0`, `2.00份`, as an
/// export writes a count column with blanks in it) is a count.
fn not_a_count(before: &str, after: &str) -> bool {
    before.ends_with(['-', '−'])
        || after.strip_prefix('.').is_some_and(|a| {
            let decimals = a.bytes().take_while(u8::is_ascii_digit).count();
            decimals > 0 && a.as_bytes()[..decimals].iter().any(|&b| b != b'0')
        })
}

/// A number of copies written inside other text (规格, 材料类型): only a number right before 份
/// counts (`A4纸1份`, `一式两份`); a bare `A4` is a paper size, not four copies.
pub fn parse_marked_copies(text: &str) -> Option<u32> {
    if !text.contains('份') {
        return None;
    }
    let t = halfwidth(text);
    t.match_indices('份').find_map(|(i, _)| {
        let before = &t[..i];
        let digits: String = before
            .chars()
            .rev()
            .take_while(char::is_ascii_digit)
            .collect();
        if digits.is_empty() {
            let last = before.chars().last()?;
            parse_copies(&format!("{last}份"))
        } else {
            digits.chars().rev().collect::<String>().parse().ok()
        }
    })
}

/// `材料「name」`, the target of a material's finding.
pub fn material_target(m: &Material) -> String {
    let name = m.name.trim();
    if name.is_empty() {
        "材料「(未命名)」".to_owned()
    } else {
        format!("材料「{name}」")
    }
}

/// M04's and M05's verdicts on one list of materials: every material the applicant fills in must
/// offer a blank form (M04) and a sample (M05); n/a when no material is filled in by the applicant.
#[derive(Debug, Clone, PartialEq)]
pub struct FillInOffers {
    /// M04: the blank forms (空白表格) missing.
    pub blank_form: super::Verdict,
    /// M05: the samples (示例样表) missing.
    pub sample: super::Verdict,
}

impl FillInOffers {
    fn size(&self) -> usize {
        [&self.blank_form, &self.sample]
            .into_iter()
            .map(|v| match v {
                super::Verdict::NotApplicable => 0,
                super::Verdict::Checked(list) => {
                    list.iter().map(super::cache::violation_size).sum()
                }
            })
            .sum()
    }
}

/// [`FillInOffers`] of the item's materials, found once for both rules: both read the list alone
/// and ask the same question of each material (is it filled in by the applicant?), so the answer
/// is kept under the list and the item's 服务对象 ([`Applicants`]; [`cache::memo`](super::cache::memo))
/// for whichever of them runs second.
pub fn fill_in_offers(
    item: &crate::model::Item,
    fill_in_words: &WordLists,
) -> std::rc::Rc<FillInOffers> {
    super::cache::memo(
        item,
        "M04/M05 需申请人填写的材料",
        FILL_IN_READS,
        FillInOffers::size,
        || fill_in_offers_of(&item.materials, fill_in_words, Applicants::of(item)),
    )
}

/// What M04 and M05 read: the materials, and the 服务对象 that says who applies ([`Applicants`]).
pub const FILL_IN_READS: super::Reads = super::Reads::MATERIALS.and(super::Reads::fields(&[
    crate::model::ItemField::ServiceObject,
]));

/// [`FillInOffers`] in one pass over the materials. A material that offers both attachments adds
/// no finding: once some material is known to be filled in (both verdicts are then Checked),
/// whether this one is does not matter (`tests::fill_in::fill_in_offers_as_defined`).
fn fill_in_offers_of(
    materials: &[Material],
    fill_in_words: &WordLists,
    who: Applicants,
) -> FillInOffers {
    let mut any = false;
    let mut blank_forms = Vec::new();
    let mut samples = Vec::new();
    for m in materials {
        let blank_form = trim(&m.blank_form);
        let sample = trim(&m.sample);
        let (form_offered, sample_offered) = (has_value(blank_form), has_value(sample));
        if (form_offered && sample_offered && any) || !is_fill_in_with(m, fill_in_words, who) {
            continue;
        }
        any = true;
        if !form_offered {
            blank_forms.push(not_offered(m, blank_form, "空白表格"));
        }
        if !sample_offered {
            samples.push(not_offered(m, sample, "示例样表"));
        }
    }
    let verdict = |out| {
        if any {
            super::Verdict::Checked(out)
        } else {
            super::Verdict::NotApplicable
        }
    };
    FillInOffers {
        blank_form: verdict(blank_forms),
        sample: verdict(samples),
    }
}

/// The finding for a material filled in by the applicant that does not offer `what`.
fn not_offered(m: &Material, value: &str, what: &str) -> super::Violation {
    let v = if value.is_empty() {
        super::Violation::new(format!("需申请人填写的材料未提供{what}"), "")
    } else {
        super::Violation::new(
            format!("需申请人填写的材料未提供{what}: \"{value}\""),
            value,
        )
    };
    v.target(material_target(m)).at(&m.provenance)
}

/// Calls `f` with each material and `check`'s result on it, running `check` once per distinct
/// `key`: a material whose key equals one of the first few distinct keys of the list gets that
/// result again. For rules that read a few fields of each material, which the materials of one
/// list often repeat word for word (the same 填报须知, 份数, 来源渠道); `check` must depend on
/// the material only through its key. The result is lent to `f`, not moved: a rule's finding is
/// large and rare, and is copied only when there is one.
pub fn for_each_by_key<'m, K: PartialEq, R>(
    materials: &'m [Material],
    key: impl Fn(&'m Material) -> K,
    mut check: impl FnMut(&'m Material) -> R,
    mut f: impl FnMut(&'m Material, &R),
) {
    /// Distinct keys kept: a long list of distinct keys is not compared pair by pair.
    const KEPT: usize = 8;
    let mut seen: Vec<(K, R)> = Vec::with_capacity(materials.len().min(KEPT));
    for m in materials {
        let k = key(m);
        if let Some((_, r)) = seen.iter().find(|(s, _)| *s == k) {
            f(m, r);
            continue;
        }
        let r = check(m);
        f(m, &r);
        if seen.len() < KEPT {
            seen.push((k, r));
        }
    }
}

/// A rule's findings on the materials, `check` run once per distinct `key` ([`for_each_by_key`]),
/// each finding aimed at its material.
pub fn findings_by_key<'m, K: PartialEq>(
    materials: &'m [Material],
    key: impl Fn(&'m Material) -> K,
    check: impl FnMut(&'m Material) -> Option<Violation>,
) -> Vec<Violation> {
    let mut out = Vec::new();
    for_each_by_key(materials, key, check, |m, v| {
        if let Some(v) = v {
            out.push(v.clone().target(material_target(m)).at(&m.provenance));
        }
    });
    out
}

/// `text.contains(word)` for the short fields and words of the material rules: the bytes scanned
/// for the word's first two, then the rest compared, with no searcher to set up (the word is found
/// on the bytes where `str::contains` finds it: both texts are UTF-8;
/// `tests::fields::holds_word_as_defined`).
pub fn holds_word(text: &str, word: &str) -> bool {
    let (h, n) = (text.as_bytes(), word.as_bytes());
    match n {
        [] => true,
        [a] => memchr::memchr(*a, h).is_some(),
        [a, b, rest @ ..] => {
            h.len() >= n.len()
                && (0..=h.len() - n.len())
                    .any(|i| h[i] == *a && h[i + 1] == *b && h[i + 2..i + n.len()] == *rest)
        }
    }
}
