//! What the material rules (M01–M08) share: which materials the applicant fills in, the files and
//! links a blank-form or sample field refers to, and whether a file name relates to the material.
//! Pure and offline; downloading the files is `links/`'s job.

use std::borrow::Cow;
use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use regex::Regex;

use super::Violation;
use super::general_text::{UrlProblem, check_url, find_text, for_each_url, percent_decode_lossy};
use super::prepared_materials::WordLists;
use crate::model::Material;
use crate::model::text::{find_mojibake, is_blank_or_placeholder, quote, to_halfwidth, trim};

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
    // them, so they are read before either is done (`tests::source_channel_as_defined`).
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
/// one of `fill_in_words` and it is not issued by a government department.
pub fn is_fill_in(material: &Material, fill_in_words: &[String]) -> bool {
    let name = material.name.trim();
    !name.is_empty()
        && fill_in_words
            .iter()
            .any(|w| !w.is_empty() && name.contains(w.as_str()))
        && source_channel(&material.source_channel) != Some(SourceChannel::Government)
}

/// [`is_fill_in`] with the words prepared once per run. A material published with the standard
/// label 政府部门核发 — half of all materials — is ruled out before its name is searched:
/// [`source_channel`] reads that label as [`SourceChannel::Government`] at once, and the test is
/// a conjunction, so the order of its terms does not change the answer.
pub fn is_fill_in_with(material: &Material, fill_in_words: &WordLists) -> bool {
    let name = trim(&material.name);
    !name.is_empty()
        && material.source_channel != "政府部门核发"
        && fill_in_words.found(name, 1) != 0
        && source_channel(&material.source_channel) != Some(SourceChannel::Government)
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

/// The number of copies written in a field (`1`, `2份`, `壹份`, `一式两份`), if any.
pub fn parse_copies(text: &str) -> Option<u32> {
    // A bare number of at most six digits, as most fields hold it: neither folding nor trimming
    // changes it, and it is all the digits read below (`tests::parse_copies_as_defined`).
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
        return digits[..len].parse().ok();
    }
    let before_fen = t.rfind('份').map(|i| &t[..i])?;
    let last = before_fen.chars().last()?;
    CN.iter()
        .find(|(w, _)| w.starts_with(last))
        .map(|&(_, n)| n)
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

/// One file or link a blank-form or sample field refers to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileRef {
    /// The link or file name as written.
    pub raw: String,
    /// Whether it is a link (or a local path written as one) rather than a bare file name.
    pub is_link: bool,
    /// What is wrong with the link, when it is one.
    pub link_problem: Option<UrlProblem>,
    /// The file name (last path segment, `%XX` decoded), when one can be told.
    pub file_name: Option<String>,
    /// The file extension in lower case, when the file name has one.
    pub extension: Option<String>,
}

/// Extensions a file name in a blank-form or sample field may carry.
const FILE_EXTENSIONS: &str = "doc|docx|xls|xlsx|wps|et|odt|ods|rtf|pdf|jpg|jpeg|png|gif|bmp|tif|tiff|ofd|caj|zip|rar|7z|txt|html|htm";

static FILE_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r#"(?i)[^\s,;，；、“”"'<>|/\\:：]+\.(?:{FILE_EXTENSIONS})(?-u:\b)"#
    ))
    .expect("file name pattern")
});

/// The extension of a file name as written (`docx`, `PDF`): one to five ASCII letters or digits
/// after the last dot, with something before the dot.
fn raw_extension(name: &str) -> Option<&str> {
    // `name.rsplit_once('.')` on the bytes: the dot is ASCII.
    let dot = name.bytes().rposition(|b| b == b'.')?;
    let (stem, ext) = (&name[..dot], &name[dot + 1..]);
    (!stem.is_empty()
        && (1..=5).contains(&ext.len())
        && ext.bytes().all(|b| b.is_ascii_alphanumeric()))
    .then_some(ext)
}

/// [`percent_decode_lossy`], without decoding (or copying) a text that has no escape.
fn decode(s: &str) -> Cow<'_, str> {
    if s.as_bytes().contains(&b'%') {
        Cow::Owned(percent_decode_lossy(s))
    } else {
        Cow::Borrowed(s)
    }
}

/// Extensions of web pages and download handlers, not of the file they serve.
const HANDLERS: &[&str] = &[
    "do", "action", "jsp", "jspx", "asp", "aspx", "ashx", "php", "cgi", "htm", "html", "shtml",
];

/// The file name of a link: the last path segment, or — for download handlers such as
/// `download.do?fileName=申请表.docx&id=1` — a query value that carries a file extension.
#[cfg(test)]
fn link_file_name(link: &str) -> Option<String> {
    link_file_name_cow(link).map(Cow::into_owned)
}

/// [`link_file_name`], borrowed from the link when the name needs no decoding (the usual case).
fn link_file_name_cow(link: &str) -> Option<Cow<'_, str>> {
    // Read on the bytes: every separator looked for is ASCII. `tests::link_file_name_as_defined`
    // compares this with the reading by `str::split`.
    let b = link.as_bytes();
    let path_end = memchr::memchr2(b'?', b'#', b);
    let path = &link[..path_end.unwrap_or(b.len())];
    let after_host = path
        .as_bytes()
        .windows(2)
        .position(|w| w == b"//")
        .map_or(path, |i| &path[i + 2..]);
    // The last segment after a `/` or `\`; with neither, the whole rest only if the link holds
    // a backslash at all.
    let last = match memchr::memrchr2(b'/', b'\\', after_host.as_bytes()) {
        Some(i) => Some(&after_host[i + 1..]),
        None => memchr::memchr(b'\\', b).is_some().then_some(after_host),
    }
    .map(decode)
    .filter(|s| !s.is_empty());
    // Without a `?` there is no query to take a name from: the last segment is the answer.
    if path_end.is_none() {
        return last;
    }
    if last
        .as_deref()
        .and_then(raw_extension)
        .is_some_and(|e| !HANDLERS.iter().any(|h| h.eq_ignore_ascii_case(e)))
    {
        return last;
    }
    let query = link.split_once('?').map_or("", |(_, q)| q);
    let query = query.split('#').next().unwrap_or(query);
    query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .map(|(_, value)| percent_decode_lossy(&value.replace('+', " ")))
        .find(|value| raw_extension(value).is_some() && !value.contains('/'))
        .map(Cow::Owned)
        .or(last)
}

/// One file or link of a field as [`for_each_file_ref`] reads it: a [`FileRef`] borrowed from
/// the field where it can be, its extension read on demand.
struct FileRefView<'a> {
    raw: &'a str,
    is_link: bool,
    link_problem: Option<UrlProblem>,
    file_name: Option<Cow<'a, str>>,
}

impl FileRefView<'_> {
    /// The file extension as written (any case); [`FileRef::extension`] is it in lower case.
    fn extension(&self) -> Option<&str> {
        self.file_name.as_deref().and_then(raw_extension)
    }

    fn to_owned_ref(&self) -> FileRef {
        FileRef {
            raw: self.raw.to_owned(),
            is_link: self.is_link,
            link_problem: self.link_problem.clone(),
            extension: self.extension().map(str::to_ascii_lowercase),
            file_name: self.file_name.as_deref().map(str::to_owned),
        }
    }
}

/// The files and links a field refers to: every link (with its problem, if any) and every bare
/// file name outside the links. An empty list means the field names no file at all (`有`,
/// `窗口领取`).
pub fn file_refs(text: &str) -> Vec<FileRef> {
    let mut refs = Vec::new();
    for_each_file_ref(text, |r| refs.push(r.to_owned_ref()));
    refs
}

/// [`file_refs`] without copying: calls `f` with each reference in the same order. The bare file
/// names are looked for in the field with every link replaced by a space (as
/// [`file_refs_plain`] in the tests does). With one link, the usual case, the pieces of the field
/// between its occurrences are searched one by one instead of joined: [`FILE_NAME`] never
/// matches a space and has no look-behind, and its closing `\b` sees the end of a piece as it
/// sees the space, so the matches are the same.
fn for_each_file_ref(text: &str, mut f: impl for<'r> FnMut(FileRefView<'r>)) {
    let mut first: Option<&str> = None;
    let mut more: Vec<&str> = Vec::new();
    for_each_url(text, |link| {
        let file_name = link_file_name_cow(link);
        f(FileRefView {
            raw: link,
            is_link: true,
            link_problem: check_url(link).err(),
            file_name,
        });
        if first.is_none() {
            first = Some(link);
        } else {
            more.push(link);
        }
    });
    let mut bare = |piece: &str| {
        // The pattern needs a dot: a piece without one (often the empty one before a leading
        // link) is not searched.
        if memchr::memchr(b'.', piece.as_bytes()).is_none() {
            return;
        }
        for m in FILE_NAME.find_iter(piece) {
            let name = trim_open_brackets(m.as_str());
            if raw_extension(name).is_none() {
                continue;
            }
            f(FileRefView {
                raw: name,
                is_link: false,
                link_problem: None,
                file_name: Some(Cow::Borrowed(name)),
            });
        }
    };
    match first {
        // A bare file name has a dot before its extension: without one there is none to look
        // for.
        None => {
            if text.contains('.') {
                bare(text);
            }
        }
        Some(link) if more.is_empty() => {
            // The pieces around each occurrence of the link, as `str::replace` finds them.
            if text == link || !text.contains('.') {
                return;
            }
            // The link is a slice of the field (`for_each_url`): when it starts the field, as it
            // usually does, that is its first occurrence.
            let leading = std::ptr::eq(text.as_ptr(), link.as_ptr()) && link.len() <= text.len();
            let Some(at) = (if leading {
                Some(0)
            } else {
                find_text(text, link)
            }) else {
                bare(text);
                return;
            };
            let (before, after) = (&text[..at], &text[at + link.len()..]);
            if find_text(after, link).is_some() {
                // The link more than once: join the pieces as `str::replace` does.
                let rest = replace_from(text, at, link);
                if rest.contains('.') {
                    bare(&rest);
                }
            } else if before.contains('.') || after.contains('.') {
                bare(before);
                bare(after);
            }
        }
        Some(link) => {
            let mut rest = Cow::Borrowed(text);
            for link in std::iter::once(link).chain(more.iter().copied()) {
                if *rest == *link {
                    rest = Cow::Borrowed(" ");
                } else if let Some(first) = find_text(&rest, link) {
                    rest = Cow::Owned(replace_from(&rest, first, link));
                }
            }
            if rest.contains('.') {
                bare(&rest);
            }
        }
    }
}

/// `text.replace(link, " ")` given where `link` first occurs (found by [`find_text`], which is
/// cheaper than `str::replace`'s searcher on these short texts).
fn replace_from(text: &str, first: usize, link: &str) -> String {
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..first]);
    out.push(' ');
    let mut rest = &text[first + link.len()..];
    while let Some(i) = find_text(rest, link) {
        out.push_str(&rest[..i]);
        out.push(' ');
        rest = &rest[i + link.len()..];
    }
    out.push_str(rest);
    out
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
/// is kept under the list ([`cache::memo`](super::cache::memo)) for whichever of them runs second.
pub fn fill_in_offers(
    item: &crate::model::Item,
    fill_in_words: &WordLists,
) -> std::rc::Rc<FillInOffers> {
    super::cache::memo(
        item,
        "M04/M05 需申请人填写的材料",
        super::Reads::MATERIALS,
        FillInOffers::size,
        || fill_in_offers_of(&item.materials, fill_in_words),
    )
}

/// [`FillInOffers`] in one pass over the materials. A material that offers both attachments adds
/// no finding: once some material is known to be filled in (both verdicts are then Checked),
/// whether this one is does not matter (`tests::fill_in_offers_as_defined`).
fn fill_in_offers_of(materials: &[Material], fill_in_words: &WordLists) -> FillInOffers {
    let mut any = false;
    let mut blank_forms = Vec::new();
    let mut samples = Vec::new();
    for m in materials {
        let blank_form = trim(&m.blank_form);
        let sample = trim(&m.sample);
        let (form_offered, sample_offered) = (has_value(blank_form), has_value(sample));
        if (form_offered && sample_offered && any) || !is_fill_in_with(m, fill_in_words) {
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
/// on the bytes where `str::contains` finds it: both texts are UTF-8; `tests::holds_word_as_defined`).
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

/// The offline problems of one attachment field (blank form or sample) of one material: no link or
/// file named, a malformed or local link, a garbled file name, a file name unrelated to the
/// material, and — when `non_editable` is given — a format that cannot be edited.
pub fn attachment_problems(
    material: &Material,
    value: &str,
    what: &str,
    non_editable: Option<&[String]>,
) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut any = false;
    for_each_file_ref(value, |r| {
        any = true;
        if let Some(p) = &r.link_problem {
            out.push((
                format!("{what}链接{}: \"{}\"", p.describe_zh(), quote(r.raw, 80)),
                r.raw.to_owned(),
            ));
            return;
        }
        let name = r.file_name.as_deref().unwrap_or(r.raw);
        if find_mojibake(name).is_some() {
            out.push((
                format!("{what}文件名有乱码: \"{}\"", quote(name, 60)),
                name.to_owned(),
            ));
            return;
        }
        if let (Some(ext), Some(list)) = (r.extension(), non_editable)
            && list.iter().any(|e| e.eq_ignore_ascii_case(ext))
        {
            out.push((
                format!(
                    "{what}不是可编辑格式（.{}）: \"{}\"",
                    ext.to_ascii_lowercase(),
                    quote(name, 60)
                ),
                name.to_owned(),
            ));
            return;
        }
        if r.file_name.is_some() && name_relates(name, &material.name) == Some(false) {
            out.push((
                format!(
                    "{what}文件名与材料名称不符: \"{}\"（材料为「{}」）",
                    quote(name, 60),
                    quote(&material.name, 30)
                ),
                name.to_owned(),
            ));
        }
    });
    if !any {
        return vec![(
            format!("{what}栏没有下载链接或文件名: \"{}\"", quote(value, 40)),
            value.to_owned(),
        )];
    }
    out
}

/// Joins the problems of one material into one finding.
pub fn one_finding(problems: Vec<(String, String)>) -> Option<super::Violation> {
    if problems.is_empty() {
        return None;
    }
    let (messages, evidence): (Vec<String>, Vec<String>) = problems.into_iter().unzip();
    Some(super::Violation::new(
        messages.join("；"),
        evidence.join(" "),
    ))
}

/// Drops leading opening brackets that are not closed inside the name (`（申请表.doc` →
/// `申请表.doc`),
/// keeping brackets that belong to it (`申请表（示例）.pdf`).
fn trim_open_brackets(name: &str) -> &str {
    let mut t = name;
    while let Some(c) = t.chars().next() {
        let Some(close) = closing_bracket(c) else {
            break;
        };
        // Both brackets counted in one pass over the characters (`t.matches(c).count()` and
        // `t.matches(close).count()` are two searches; `tests::trim_open_brackets_as_defined`).
        let (open, closed) = t.chars().fold((0usize, 0usize), |(o, k), x| {
            (o + usize::from(x == c), k + usize::from(x == close))
        });
        if open <= closed {
            break;
        }
        t = &t[c.len_utf8()..];
    }
    t
}

/// The bracket that closes `c`, when `c` is an opening bracket a file name may start with.
fn closing_bracket(c: char) -> Option<char> {
    match c {
        '(' => Some(')'),
        '（' => Some('）'),
        '【' => Some('】'),
        '[' => Some(']'),
        _ => None,
    }
}

/// Whether a blank-form or sample field is filled in at all (not empty, not `无`, `/`, `暂无`).
pub fn has_value(text: &str) -> bool {
    !is_blank_or_placeholder(text)
}

/// Words in file names that say nothing about which material it is.
const GENERIC_NAME_WORDS: &[&str] = &[
    "附件", "下载", "空白", "表格", "样表", "样本", "示例", "示范", "范本", "模板", "填写", "文件",
    "新版", "最新", "修订", "版本", "材料",
];

/// [`GENERIC_NAME_WORDS`] in one automaton, to tell which of them a file name holds.
static GENERIC_NAME_MATCHER: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::new(GENERIC_NAME_WORDS).expect("a short fixed word list fits an automaton")
});

fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// The pairs of consecutive Han characters of `s`, other characters skipped (`申请表（示例）` →
/// 申请, 请表, 表示, 示例).
fn han_bigrams(s: &str) -> impl Iterator<Item = (char, char)> + '_ {
    han_pairs(s.chars())
}

/// [`han_bigrams`] of any characters.
fn han_pairs(chars: impl Iterator<Item = char>) -> impl Iterator<Item = (char, char)> {
    let mut han = chars.filter(|&c| is_han(c));
    let mut prev = han.next();
    std::iter::from_fn(move || {
        let (a, b) = (prev?, han.next()?);
        prev = Some(b);
        Some((a, b))
    })
}

/// The file name without [`GENERIC_NAME_WORDS`]: each is replaced by a space, in list order.
fn without_generic_words(stem: &str) -> Cow<'_, str> {
    // Which words occur at all, in one pass; a word absent from the stem cannot appear once
    // others are replaced by spaces, so only these are replaced, in list order as before.
    // Most names hold none: one early-exit search tells, before the overlapping one.
    if !GENERIC_NAME_MATCHER.is_match(stem) {
        return Cow::Borrowed(stem);
    }
    let mut present = 0u32;
    for m in GENERIC_NAME_MATCHER.find_overlapping_iter(stem) {
        present |= 1 << m.pattern().as_u32();
    }
    let mut out = Cow::Borrowed(stem);
    for (i, w) in GENERIC_NAME_WORDS.iter().enumerate() {
        if present & (1 << i) != 0 && out.contains(w) {
            out = Cow::Owned(out.replace(w, " "));
        }
    }
    out
}

/// Whether a file name relates to the material's name: `Some(true)` when they share a two-character
/// Han word, `Some(false)` when the file name has at least two meaningful Han characters and shares
/// none, `None` when it cannot be told (a numeric or generic name such as `附件1.docx`).
pub fn name_relates(file_name: &str, material_name: &str) -> Option<bool> {
    // `file_name.rsplit_once('.')`, on the bytes: the dot is ASCII.
    let stem = memchr::memrchr(b'.', file_name.as_bytes()).map_or(file_name, |i| &file_name[..i]);
    match generic_word_mask(stem) {
        Some(mask) => relates(
            stem.char_indices()
                .filter(|&(i, _)| mask >> i & 1 == 0)
                .map(|(_, c)| c),
            material_name,
        ),
        None => relates(without_generic_words(stem).chars(), material_name),
    }
}

/// Whether the Han bigrams of `file_chars` (other characters skipped) meet the material name's;
/// `None` without any.
fn relates(file_chars: impl Iterator<Item = char>, material_name: &str) -> Option<bool> {
    let mut file_pairs = han_pairs(file_chars).peekable();
    file_pairs.peek()?;
    // The material's pairs are read again for each pair of the file name rather than collected:
    // related names share their first pair, found after a character or two.
    Some(file_pairs.any(|p| han_bigrams(material_name).any(|q| q == p)))
}

/// The index in [`GENERIC_NAME_WORDS`] of the word the two characters `a` `b` spell, if any
/// (`tests::generic_words_are_two_characters` checks the table against the list).
fn generic_word(a: char, b: char) -> Option<u8> {
    Some(match (a, b) {
        ('附', '件') => 0,
        ('下', '载') => 1,
        ('空', '白') => 2,
        ('表', '格') => 3,
        ('样', '表') => 4,
        ('样', '本') => 5,
        ('示', '例') => 6,
        ('示', '范') => 7,
        ('范', '本') => 8,
        ('模', '板') => 9,
        ('填', '写') => 10,
        ('文', '件') => 11,
        ('新', '版') => 12,
        ('最', '新') => 13,
        ('修', '订') => 14,
        ('版', '本') => 15,
        ('材', '料') => 16,
        _ => return None,
    })
}

/// The bytes of `stem` that [`without_generic_words`] replaces by spaces, as bits, without
/// copying: each word's occurrences are found in list order, left to right and not overlapping,
/// among the bytes not yet replaced. A replaced word becomes a space, which no word holds, so a
/// word occurs in the replaced text exactly where it occurs in `stem` over bytes not yet replaced;
/// and [`han_bigrams`] skips the space as it skips the bytes left out here. `None` for a stem
/// longer than the mask (128 bytes): then the text is replaced.
///
/// Every word is two distinct Han characters (three bytes each), so its occurrences are the pairs
/// of consecutive characters that spell it, and no two of them overlap: taking every occurrence of
/// every word once, ordered by word and then by place, and marking those clear of the bytes
/// already marked, is the list-order replacement (`tests::generic_word_mask_as_replaced` compares
/// it with the search word by word).
fn generic_word_mask(stem: &str) -> Option<u128> {
    if stem.len() > 128 {
        return None;
    }
    // (word << 8 | byte offset) of each occurrence; a 128-byte stem holds at most 42 pairs of
    // three-byte characters.
    let mut found = [0u16; 48];
    let mut n = 0;
    let mut chars = stem.char_indices();
    let Some((_, mut prev)) = chars.next() else {
        return Some(0);
    };
    let mut prev_at = 0;
    for (i, c) in chars {
        if let Some(w) = generic_word(prev, c) {
            // `prev_at` < 128: the stem is no longer.
            found[n] = u16::from(w) << 8 | prev_at as u16;
            n += 1;
        }
        (prev, prev_at) = (c, i);
    }
    let found = &mut found[..n];
    found.sort_unstable();
    let mut mask = 0u128;
    for &key in found.iter() {
        let bits = 0x3Fu128 << (key & 0xFF);
        if mask & bits == 0 {
            mask |= bits;
        }
    }
    Some(mask)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_in_materials() {
        let words = vec!["申请表".to_owned(), "承诺书".to_owned()];
        let m = |name: &str, src: &str| Material {
            name: name.into(),
            source_channel: src.into(),
            ..Material::default()
        };
        assert!(is_fill_in(&m("食品经营许可申请表", "申请人自备"), &words));
        assert!(is_fill_in(&m("告知承诺书", ""), &words));
        assert!(!is_fill_in(&m("营业执照", "申请人自备"), &words));
        assert!(!is_fill_in(&m("建设项目审批表", "政府部门核发"), &words));
    }

    proptest::proptest! {
        /// The prepared test with its early exit answers as the plain one.
        #[test]
        fn fill_in_with_as_defined(
            name in proptest::sample::select(vec![
                "", " ", "食品经营许可申请表", "营业执照", "告知承诺书", "申请", "申请表 ",
            ]),
            channel in proptest::sample::select(vec![
                "", "政府部门核发", " 政府部门核发", "政府部门核发 ", "申请人自备", "20", "政府",
                "其他", "政府部门核发（申请人自备）",
            ]),
        ) {
            let words = vec!["申请表".to_owned(), "承诺书".to_owned(), String::new()];
            let m = Material {
                name: name.into(),
                source_channel: channel.into(),
                ..Material::default()
            };
            proptest::prop_assert_eq!(
                is_fill_in_with(&m, &WordLists::new(&[&words])),
                is_fill_in(&m, &words)
            );
        }
    }

    /// What [`fill_in_offers`] is defined as: every fill-in material tested, then its field.
    fn fill_in_offers_plain(
        item: &crate::model::Item,
        fill_in_words: &WordLists,
        field: fn(&Material) -> &str,
        what: &str,
    ) -> crate::rules::Verdict {
        let mut any = false;
        let mut out = Vec::new();
        for m in item
            .materials
            .iter()
            .filter(|m| is_fill_in_with(m, fill_in_words))
        {
            any = true;
            let value = field(m).trim();
            if !has_value(value) {
                let v = if value.is_empty() {
                    crate::rules::Violation::new(format!("需申请人填写的材料未提供{what}"), "")
                } else {
                    crate::rules::Violation::new(
                        format!("需申请人填写的材料未提供{what}: \"{value}\""),
                        value,
                    )
                };
                out.push(v.target(material_target(m)).at(&m.provenance));
            }
        }
        if any {
            crate::rules::Verdict::Checked(out)
        } else {
            crate::rules::Verdict::NotApplicable
        }
    }

    proptest::proptest! {
        /// Both verdicts in one pass, skipping the fill-in test for materials that offer both
        /// fields once one material is known to be filled in, are each rule's verdict as defined.
        #[test]
        fn fill_in_offers_as_defined(materials in proptest::collection::vec(
            (
                proptest::sample::select(vec!["营业执照", "食品经营许可申请表", "告知承诺书", ""]),
                proptest::sample::select(vec!["申请人自备", "政府部门核发", ""]),
                proptest::sample::select(vec!["", "无", " https://a.cn/x.docx ", "有"]),
                proptest::sample::select(vec!["", "/", " https://a.cn/x（示例）.docx", "有"]),
            ),
            0..6,
        )) {
            let item = crate::model::Item {
                materials: materials
                    .into_iter()
                    .map(|(name, channel, form, sample)| Material {
                        name: name.into(),
                        source_channel: channel.into(),
                        blank_form: form.into(),
                        sample: sample.into(),
                        ..Material::default()
                    })
                    .collect(),
                ..crate::model::Item::default()
            };
            let words = WordLists::new(&[&["申请表".to_owned(), "承诺书".to_owned()]]);
            let both = fill_in_offers(&item, &words);
            proptest::prop_assert_eq!(
                &both.blank_form,
                &fill_in_offers_plain(&item, &words, |m| &m.blank_form, "空白表格")
            );
            proptest::prop_assert_eq!(
                &both.sample,
                &fill_in_offers_plain(&item, &words, |m| &m.sample, "示例样表")
            );
        }

        /// Each material gets `check`'s result on it, however often keys repeat (more distinct
        /// keys than are kept, too).
        #[test]
        fn by_key_is_each_material_checked(keys in proptest::collection::vec(0u8..12, 0..20)) {
            let materials: Vec<Material> = keys
                .iter()
                .map(|k| Material { notes: k.to_string(), ..Material::default() })
                .collect();
            let mut got = Vec::new();
            let mut checks = 0;
            for_each_by_key(
                &materials,
                |m| &m.notes,
                |m| {
                    checks += 1;
                    format!("<{}>", m.notes)
                },
                |m, r| got.push((m.notes.clone(), r.clone())),
            );
            let want: Vec<_> = materials
                .iter()
                .map(|m| (m.notes.clone(), format!("<{}>", m.notes)))
                .collect();
            proptest::prop_assert_eq!(got, want);
            let mut distinct = keys.clone();
            distinct.sort_unstable();
            distinct.dedup();
            proptest::prop_assert!(checks <= keys.len());
            if distinct.len() <= 8 {
                proptest::prop_assert_eq!(checks, distinct.len());
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn holds_word_as_defined(
            text in proptest::collection::vec(
                proptest::sample::select(vec!["原件", "原", "件", "复印件", "电子", "纸质", "a", "ab", "\u{539f}", "\u{4ef6}", "和"]),
                0..5,
            ),
            word in proptest::sample::select(vec!["", "a", "ab", "原件", "复印件", "件", "纸质", "\u{539f}\u{4ef6}a"]),
        ) {
            let text = text.concat();
            proptest::prop_assert_eq!(holds_word(&text, word), text.contains(word), "{} {}", text, word);
        }
    }

    #[test]
    fn refs_in_fields() {
        let r = file_refs("https://www.ahzwfw.gov.cn/files/%E7%94%B3%E8%AF%B7%E8%A1%A8.docx");
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].file_name.as_deref(), Some("申请表.docx"));
        assert_eq!(r[0].extension.as_deref(), Some("docx"));
        assert_eq!(r[0].link_problem, None);

        let r = file_refs("食品经营许可申请表.pdf");
        assert_eq!(r.len(), 1);
        assert!(!r[0].is_link);
        assert_eq!(r[0].extension.as_deref(), Some("pdf"));

        let r = file_refs(r"C:\Users\admin\Desktop\申请表.doc");
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].link_problem, Some(UrlProblem::LocalPath));
        assert_eq!(r[0].file_name.as_deref(), Some("申请表.doc"));

        let r = file_refs("http://www.czzwfw.gov.cn/download?id=1234");
        assert_eq!(r[0].extension, None);
        assert_eq!(r[0].file_name.as_deref(), Some("download"));

        let r = file_refs(
            "https://www.ahzwfw.gov.cn/bog-bsdt/file/download.do?fileName=%E7%94%B3%E8%AF%B7%E8%A1%A8.pdf&id=9",
        );
        assert_eq!(r[0].file_name.as_deref(), Some("申请表.pdf"));
        assert_eq!(r[0].extension.as_deref(), Some("pdf"));
        assert!(file_refs("有").is_empty());
        let r = file_refs("（不动产登记申请表（空白表）.docx）");
        assert_eq!(r.len(), 1);
        assert_eq!(
            r[0].file_name.as_deref(),
            Some("不动产登记申请表（空白表）.docx")
        );
        assert!(file_refs("请到窗口领取").is_empty());
    }

    /// What [`file_refs`] is defined as: the links as [`find_urls`] finds them, then the bare file
    /// names in the field with every link replaced by a space, all copied.
    fn file_refs_plain(text: &str) -> Vec<FileRef> {
        let extension_of = |name: &str| raw_extension(name).map(str::to_ascii_lowercase);
        let mut refs = Vec::new();
        let mut rest = text.to_owned();
        for link in crate::rules::general_text::find_urls(text) {
            rest = rest.replace(&link, " ");
            let file_name = link_file_name(&link);
            let extension = file_name.as_deref().and_then(extension_of);
            refs.push(FileRef {
                link_problem: check_url(&link).err(),
                raw: link,
                is_link: true,
                file_name,
                extension,
            });
        }
        for m in FILE_NAME.find_iter(&rest) {
            let name = trim_open_brackets_plain(m.as_str());
            let Some(extension) = extension_of(name) else {
                continue;
            };
            refs.push(FileRef {
                raw: name.to_owned(),
                is_link: false,
                link_problem: None,
                extension: Some(extension),
                file_name: Some(name.to_owned()),
            });
        }
        refs
    }

    /// What [`attachment_problems`] is defined as, on the copied [`file_refs_plain`].
    fn attachment_problems_plain(
        material: &Material,
        value: &str,
        what: &str,
        non_editable: Option<&[String]>,
    ) -> Vec<(String, String)> {
        let refs = file_refs_plain(value);
        if refs.is_empty() {
            return vec![(
                format!("{what}栏没有下载链接或文件名: \"{}\"", quote(value, 40)),
                value.to_owned(),
            )];
        }
        let mut out = Vec::new();
        for r in &refs {
            if let Some(p) = &r.link_problem {
                out.push((
                    format!("{what}链接{}: \"{}\"", p.describe_zh(), quote(&r.raw, 80)),
                    r.raw.clone(),
                ));
                continue;
            }
            let name = r.file_name.as_deref().unwrap_or(&r.raw);
            if find_mojibake(name).is_some() {
                out.push((
                    format!("{what}文件名有乱码: \"{}\"", quote(name, 60)),
                    name.to_owned(),
                ));
                continue;
            }
            if let (Some(ext), Some(list)) = (&r.extension, non_editable)
                && list.iter().any(|e| e.eq_ignore_ascii_case(ext))
            {
                out.push((
                    format!("{what}不是可编辑格式（.{ext}）: \"{}\"", quote(name, 60)),
                    name.to_owned(),
                ));
                continue;
            }
            if r.file_name.is_some() && name_relates(name, &material.name) == Some(false) {
                out.push((
                    format!(
                        "{what}文件名与材料名称不符: \"{}\"（材料为「{}」）",
                        quote(name, 60),
                        quote(&material.name, 30)
                    ),
                    name.to_owned(),
                ));
            }
        }
        out
    }

    /// Pieces of attachment fields: links (good, local, intranet, percent-escaped, handlers),
    /// bare names, brackets, separators, and the same link twice.
    fn field_pieces() -> Vec<&'static str> {
        vec![
            "https://www.ahzwfw.gov.cn/files/sample/申请书",
            "http://10.1.2.3/a/营业执照",
            "https://www.a.cn/%E7%94%B3%E8%AF%B7%E8%A1%A8.DOCX",
            "http://a.cn/download.do?fileName=%E7%94%B3.pdf&id=1",
            r"C:\Users\申请表.doc",
            "www.a.cn/x.pdf",
            "http://a.cn",
            "/申请表.docx",
            "（示例）",
            "（",
            "）",
            ".docx",
            ".PDF",
            ".Xlſ",
            ".do",
            "申请表",
            "营业执照",
            " ",
            "，",
            "、",
            ".",
            "空白表",
            "%C9%EA.doc",
        ]
    }

    proptest::proptest! {
        /// Reading a field without copies (and its pieces around a link one by one) finds the
        /// same references and problems as the plain reading.
        #[test]
        fn file_refs_as_defined(
            pieces in proptest::collection::vec(proptest::sample::select(field_pieces()), 0..7),
            material in proptest::sample::select(vec!["食品经营许可申请书", "营业执照", ""]),
        ) {
            let text = pieces.concat();
            proptest::prop_assert_eq!(file_refs(&text), file_refs_plain(&text), "{}", text);
            let m = Material { name: material.into(), ..Material::default() };
            let list = ["pdf".to_owned(), "jpg".to_owned()];
            for non_editable in [None, Some(&list[..])] {
                proptest::prop_assert_eq!(
                    attachment_problems(&m, &text, "空白表格", non_editable),
                    attachment_problems_plain(&m, &text, "空白表格", non_editable),
                    "{}", text
                );
            }
        }
    }

    #[test]
    fn refs_around_repeated_and_several_links() {
        for text in [
            "https://a.cn/x（示例）.docx https://a.cn/x（示例）.docx",
            "http://a.cn http://a.cn/申请表.docx",
            "见申请表.doc，https://a.cn/f/申请书.pdf，另附（示例）.pdf",
            "https://a.cn/f/申请书（示例）.docx",
        ] {
            assert_eq!(file_refs(text), file_refs_plain(text), "{text}");
        }
        // The second link, replaced inside the first, leaves a bare file name behind.
        let r = file_refs("http://a.cn http://a.cn/申请表.docx");
        assert_eq!(r.len(), 3);
        assert_eq!(r[2].raw, "申请表.docx");
    }

    #[test]
    fn replace_from_is_str_replace() {
        for (text, link) in [
            ("a b a", "a"),
            ("http://x.cn（示例）http://x.cn", "http://x.cn"),
            ("aaa", "aa"),
            ("见申请表申请表", "申请表"),
        ] {
            let first = text.find(link).unwrap();
            assert_eq!(
                replace_from(text, first, link),
                text.replace(link, " "),
                "{text}"
            );
        }
    }

    #[test]
    fn relatedness() {
        assert_eq!(
            name_relates("食品经营许可申请表.docx", "食品经营许可申请书"),
            Some(true)
        );
        assert_eq!(
            name_relates("营业执照.jpg", "食品经营许可申请书"),
            Some(false)
        );
        assert_eq!(name_relates("附件1.docx", "食品经营许可申请书"), None);
        assert_eq!(name_relates("20230512093011.doc", "申请书"), None);
        // Longer than the 128-byte mask: the words are replaced in the text instead.
        let long = format!("{}样表格营业.pdf", "附件".repeat(30));
        assert_eq!(name_relates(&long, "营业执照"), Some(true));
        assert_eq!(name_relates(&long, "样格"), Some(false));
    }

    /// What [`link_file_name`] is defined as, read with `str::split` and always copied.
    fn link_file_name_plain(link: &str) -> Option<String> {
        let path = link.split(['?', '#']).next().unwrap_or(link);
        let after_host = path
            .find("//")
            .map_or(path, |i| path.get(i + 2..).unwrap_or(""));
        let mut segments = after_host.split(['/', '\\']);
        let first = segments.next();
        let last = segments
            .next_back()
            .or(if link.contains('\\') { first } else { None })
            .map(|s| {
                if s.contains('%') {
                    percent_decode_lossy(s)
                } else {
                    s.to_owned()
                }
            })
            .filter(|s| !s.is_empty());
        if last
            .as_deref()
            .and_then(|n| {
                let (stem, ext) = n.rsplit_once('.')?;
                (!stem.is_empty()
                    && (1..=5).contains(&ext.len())
                    && ext.bytes().all(|b| b.is_ascii_alphanumeric()))
                .then_some(ext)
            })
            .is_some_and(|e| !HANDLERS.iter().any(|h| h.eq_ignore_ascii_case(e)))
        {
            return last;
        }
        let query = link.split_once('?').map_or("", |(_, q)| q);
        let query = query.split('#').next().unwrap_or(query);
        query
            .split('&')
            .filter_map(|pair| pair.split_once('='))
            .map(|(_, value)| percent_decode_lossy(&value.replace('+', " ")))
            .find(|value| raw_extension(value).is_some() && !value.contains('/'))
            .or(last)
    }

    proptest::proptest! {
        #[test]
        fn link_file_name_as_defined(pieces in proptest::collection::vec(
            proptest::sample::select(vec![
                "https://", "http:", "//", "/", "\\", "?", "#", "&", "=", "+", ".", "..", "a",
                "申请表", ".docx", ".do", ".PDF", "%E7%94%B3", "%C9%EA", "%", "fileName=",
                "www.a.cn", "download", "C:", "（示例）",
            ]),
            0..9,
        )) {
            let link = pieces.concat();
            proptest::prop_assert_eq!(link_file_name(&link), link_file_name_plain(&link), "{}", link);
        }
    }

    /// [`generic_word_mask`] as first written, with a search per word present: the bytes of `stem` that [`without_generic_words`] replaces by spaces, as bits, without
    /// copying: each word's occurrences are found in list order, left to right and not overlapping,
    /// among the bytes not yet replaced. A replaced word becomes a space, which no word holds, so a
    /// word occurs in the replaced text exactly where it occurs in `stem` over bytes not yet replaced;
    /// and [`han_bigrams`] skips the space as it skips the bytes left out here. `None` for a stem
    /// longer than the mask (128 bytes): then the text is replaced.
    fn generic_word_mask_searched(stem: &str) -> Option<u128> {
        if stem.len() > 128 {
            return None;
        }
        if !GENERIC_NAME_MATCHER.is_match(stem) {
            return Some(0);
        }
        let mut present = 0u32;
        for m in GENERIC_NAME_MATCHER.find_overlapping_iter(stem) {
            present |= 1 << m.pattern().as_u32();
        }
        let mut mask = 0u128;
        for (i, w) in GENERIC_NAME_WORDS.iter().enumerate() {
            if present & (1 << i) == 0 {
                continue;
            }
            // Every word is a few Han characters: fewer than 128 bytes.
            let bits = (1u128 << w.len()) - 1;
            let mut at = 0;
            while let Some(j) = find_text(&stem[at..], w).map(|j| j + at) {
                if mask & (bits << j) == 0 {
                    mask |= bits << j;
                    at = j + w.len();
                } else {
                    // Over a replaced word: look again from the next character.
                    at = j + stem[j..].chars().next().map_or(1, char::len_utf8);
                }
            }
        }
        Some(mask)
    }

    #[test]
    fn generic_words_are_two_characters() {
        for (i, w) in GENERIC_NAME_WORDS.iter().enumerate() {
            let chars: Vec<char> = w.chars().collect();
            assert_eq!(chars.len(), 2, "{w}");
            assert_ne!(chars[0], chars[1], "{w}");
            assert!(chars.iter().all(|&c| is_han(c) && c.len_utf8() == 3), "{w}");
            assert_eq!(generic_word(chars[0], chars[1]), Some(i as u8), "{w}");
        }
        // No other pair of their characters is a word.
        let all: Vec<char> = GENERIC_NAME_WORDS.iter().flat_map(|w| w.chars()).collect();
        for &a in &all {
            for &b in &all {
                let word = format!("{a}{b}");
                assert_eq!(
                    generic_word(a, b).is_some(),
                    GENERIC_NAME_WORDS.contains(&word.as_str()),
                    "{word}"
                );
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn generic_word_mask_as_replaced(
            stem in proptest::collection::vec(
                proptest::sample::select(
                    GENERIC_NAME_WORDS.iter().copied()
                        .chain(["附", "件", "样", "表", "格", "本", "范", "新", "版", "最", "示",
                                "申请", "（", "）", ".", "a", "1", "é"])
                        .collect::<Vec<_>>()
                ),
                0..50,
            ),
        ) {
            let stem = stem.concat();
            proptest::prop_assert_eq!(
                generic_word_mask(&stem),
                generic_word_mask_searched(&stem),
                "{}", stem
            );
        }
    }

    /// The plain definition that [`name_relates`] answers with fewer copies.
    fn name_relates_plain(file_name: &str, material_name: &str) -> Option<bool> {
        let han_bigrams = |s: &str| {
            let chars: Vec<char> = s.chars().filter(|&c| is_han(c)).collect();
            chars.windows(2).map(|w| (w[0], w[1])).collect::<Vec<_>>()
        };
        let stem = file_name
            .rsplit_once('.')
            .map_or(file_name, |(stem, _)| stem);
        let mut meaningful = stem.to_owned();
        for w in GENERIC_NAME_WORDS {
            meaningful = meaningful.replace(w, " ");
        }
        let file_pairs = han_bigrams(&meaningful);
        if file_pairs.is_empty() {
            return None;
        }
        let material_pairs = han_bigrams(material_name);
        Some(file_pairs.iter().any(|p| material_pairs.contains(p)))
    }

    proptest::proptest! {
        #[test]
        fn name_relates_as_defined(
            file in proptest::collection::vec(
                proptest::sample::select(
                    GENERIC_NAME_WORDS.iter().copied()
                        .chain(["申请", "表", "书", "样", "格", "（", "）", ".", "docx", "1"])
                        .collect::<Vec<_>>()
                ),
                // Up to 180 bytes: past the 128 bytes of the mask, too.
                0..31,
            ),
            material in proptest::sample::select(vec!["食品经营许可申请书", "样表格", "", "附件"]),
        ) {
            let file = file.concat();
            proptest::prop_assert_eq!(
                name_relates(&file, material),
                name_relates_plain(&file, material)
            );
        }
    }

    /// [`parse_copies`] as first written, without the fast path for a bare number.
    fn parse_copies_plain(text: &str) -> Option<u32> {
        let t = to_halfwidth(text);
        let t = t.trim();
        if let Some(start) = t.find(|c: char| c.is_ascii_digit()) {
            let digits: String = t[start..]
                .chars()
                .take_while(char::is_ascii_digit)
                .take(6)
                .collect();
            return digits.parse().ok();
        }
        let before_fen = t.rfind('份').map(|i| &t[..i])?;
        let last = before_fen.chars().last()?;
        CN.iter()
            .find(|(w, _)| w.starts_with(last))
            .map(|&(_, n)| n)
    }

    proptest::proptest! {
        #[test]
        fn parse_copies_as_defined(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "0", "1", "2", "9", "12345", "１", "２", " ", "\u{3000}", "份", "两", "一式", "若干",
                    "a", "-", "+",
                ]),
                0..5,
            ),
        ) {
            let text = pieces.concat();
            proptest::prop_assert_eq!(parse_copies(&text), parse_copies_plain(&text), "{}", text);
        }

        #[test]
        fn trim_open_brackets_as_defined(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "(", ")", "（", "）", "【", "】", "[", "]", "申请表", ".docx", "a",
                ]),
                0..7,
            ),
        ) {
            let name = pieces.concat();
            proptest::prop_assert_eq!(trim_open_brackets(&name), trim_open_brackets_plain(&name));
        }
    }

    /// [`trim_open_brackets`] as first written, with a search per bracket.
    fn trim_open_brackets_plain(name: &str) -> &str {
        let mut t = name;
        while let Some(c) = t.chars().next() {
            let Some(close) = closing_bracket(c) else {
                break;
            };
            if t.matches(c).count() <= t.matches(close).count() {
                break;
            }
            t = &t[c.len_utf8()..];
        }
        t
    }

    #[test]
    fn copies() {
        assert_eq!(parse_copies("1"), Some(1));
        assert_eq!(parse_copies("２份"), Some(2));
        assert_eq!(parse_copies("壹份"), Some(1));
        assert_eq!(parse_copies("一式两份"), Some(2));
        assert_eq!(parse_copies("若干"), None);
        assert_eq!(parse_marked_copies("A4"), None);
        assert_eq!(parse_marked_copies("A4纸1份"), Some(1));
        assert_eq!(parse_marked_copies("一式两份"), Some(2));
        assert_eq!(parse_marked_copies("A4，原件2份"), Some(2));
        assert_eq!(parse_copies(""), None);
    }

    /// The plain definition that [`source_channel`] answers in one pass.
    fn source_channel_plain(text: &str) -> Option<SourceChannel> {
        let t = to_halfwidth(text);
        let t = t.trim();
        if ["自备", "申请人", "申请单位", "自行", "本人"]
            .iter()
            .any(|w| t.contains(w))
        {
            Some(SourceChannel::Applicant)
        } else if t.contains("核发") || t.contains("政府") || t.contains("部门") {
            Some(SourceChannel::Government)
        } else if t.contains("其他") || t.contains("其它") {
            Some(SourceChannel::Other)
        } else {
            match t {
                "10" | "1" => Some(SourceChannel::Applicant),
                "20" | "2" => Some(SourceChannel::Government),
                "99" | "9" => Some(SourceChannel::Other),
                _ => None,
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn source_channel_as_defined(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "自备", "申请人", "申请单位", "自行", "本人", "核发", "政府", "部门", "其他",
                    "其它", "申请", "人", "10", "1", "２", "9", " ", "\u{3000}", "其",
                ]),
                0..4,
            ),
        ) {
            let text = pieces.concat();
            proptest::prop_assert_eq!(source_channel(&text), source_channel_plain(&text));
        }
    }

    #[test]
    fn source_channels() {
        assert_eq!(source_channel("申请人自备"), Some(SourceChannel::Applicant));
        assert_eq!(source_channel("20"), Some(SourceChannel::Government));
        assert_eq!(
            source_channel("政府部门核发"),
            Some(SourceChannel::Government)
        );
        assert_eq!(source_channel("其他"), Some(SourceChannel::Other));
        assert_eq!(source_channel("随便"), None);
    }
}
