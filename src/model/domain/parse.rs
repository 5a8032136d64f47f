//! Reading a domain field: labels found with one automaton per domain, then bare codes.

use std::borrow::Cow;
use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use super::{Domain, DomainValue, DomainValues};
use crate::model::text::{
    fold_traditional, is_blank_or_placeholder, ticked, to_halfwidth, value_and_note,
};

/// What splits a field's values; `＋` is folded to `+` (`承诺件+上报件`, h25 问题4).
const SEPARATORS: &[char] = &[
    ',', '，', '、', ';', '；', '|', '^', '/', '+', '\n', '\r', '\t', ' ', '(', ')', '[', ']',
    '【', '】', ':', '：', '。', '.',
];

/// Words that join values (`公民、法人或者其他组织`, `自然人及法人`): they split values as the
/// separators do, longest first where two start at the same place (`或者` before `或`).
const CONNECTORS: &[&str] = &["以及", "或者", "或", "及", "和", "与"];

/// A word that joins two values only where it stands alone between them (`承诺件加上报件`, as
/// `承诺件+上报件`): not in [`CONNECTORS`], which split every leftover, since 加 begins words
/// (`加工企业`) that must stay whole when they are reported.
const LONE_JOINER: &str = "加";

/// What ends an open list (`自然人、企业法人等`): dropped when nothing but separators follows it.
const TRAILING_ETC: &[&str] = &["等等", "等"];

/// Short forms that stand for two values, written out before the names are looked for
/// (`机关、企事业单位` is 机关, 企业 and 事业单位).
const EXPANSIONS: &[(Domain, &str, &str)] = &[
    (Domain::ServiceObject, "企事业", "企业、事业"),
    (Domain::ServiceObject, "企、事业", "企业、事业"),
];

/// A domain's names (standard labels and other labels), longest first (table order among
/// equals), with one automaton over them: prepared once per process, not per field.
pub(super) struct DomainNames {
    pub(super) names: Vec<(&'static str, DomainValue)>,
    /// Pattern `i` is `names[i]`.
    matcher: AhoCorasick,
}

impl DomainNames {
    fn new(domain: Domain) -> Self {
        let mut names: Vec<(&'static str, DomainValue)> = domain
            .entries()
            .iter()
            .flat_map(|&(code, label, syn)| {
                std::iter::once(label)
                    .chain(syn.iter().copied())
                    .map(move |n| (n, DomainValue { code, label }))
            })
            .collect();
        names.sort_by_key(|(n, _)| std::cmp::Reverse(n.chars().count()));
        assert!(
            names.len() <= 64,
            "a domain's names fit the bit set of parse_domain"
        );
        let matcher = AhoCorasick::new(names.iter().map(|(n, _)| n))
            .expect("a domain's names fit an automaton");
        Self { names, matcher }
    }

    /// Which names occur in `text`, as a bit set over `names`.
    fn present(&self, text: &str) -> u64 {
        self.matcher
            .find_overlapping_iter(text)
            .fold(0, |set, m| set | 1 << m.pattern().as_u32())
    }
}

static DOMAIN_NAMES: LazyLock<Vec<DomainNames>> =
    LazyLock::new(|| Domain::ALL.iter().map(|&d| DomainNames::new(d)).collect());

impl Domain {
    pub(super) fn names(self) -> &'static DomainNames {
        let i = Domain::ALL
            .iter()
            .position(|&d| d == self)
            .expect("every domain is listed");
        &DOMAIN_NAMES[i]
    }
}

/// [`to_halfwidth`], without a copy when there is nothing to fold (the usual case).
fn halfwidth(text: &str) -> Cow<'_, str> {
    if text.contains(|c: char| c == '\u{3000}' || ('\u{FF01}'..='\u{FF5E}').contains(&c)) {
        Cow::Owned(to_halfwidth(text))
    } else {
        Cow::Borrowed(text)
    }
}

/// Reads a domain field: labels anywhere in the text (longest first), then codes when no label was
/// found. Separators `,，、;；|^/+`, brackets and the joining words 或者/或/及/以及/和/与 split
/// values, and so does 加 standing alone between two values; an `等` ending
/// the list is dropped, and 企事业单位 is read as 企业 and 事业单位.
///
/// A recognised value followed by a note in brackets (`法定本级行使（市级）`, `承诺件（需审核）`) is
/// that value: the note qualifies it. A note that names another value of the domain
/// (`即办件（承诺件）`) is read as part of the field, so the rule sees both values.
///
/// A field with an unknown part is read once more without white space and with traditional
/// characters folded (`承 诺 件`, `法定本级⏎行使` from a wrapped cell, `法定本級行使`), and that
/// reading is kept when it recognises every part: words spaced out or wrapped are one value, and
/// a wrong value stays unknown either way. Only a field that would fail pays for it.
///
/// A field written as tick boxes (`☑承诺件 □即办件`) is the choices ticked ([`ticked`]).
///
/// A 服务对象 field may describe a group and give its values in brackets (`参保人员（自然人）`):
/// that is those values.
pub fn parse_domain(domain: Domain, text: &str) -> DomainValues {
    if let Some(chosen) = ticked(text) {
        return parse_domain(domain, &chosen);
    }
    let out = parse_as_written(domain, text);
    if out.unknown.is_empty() {
        return out;
    }
    if let Some(value) = value_with_note(domain, text) {
        return value;
    }
    let folded = fold_traditional(text);
    let squeezed: String = folded.chars().filter(|c| !c.is_whitespace()).collect();
    if squeezed != text {
        let again = parse_as_written(domain, &squeezed);
        if again.unknown.is_empty() && !again.values.is_empty() {
            return again;
        }
    }
    if MARKED_GROUPS.contains(&domain)
        && let Some(values) = groups_with_values(domain, text)
    {
        return values;
    }
    out
}

/// Domains where a group described in words may carry its values in brackets
/// (`参保人员（自然人）`, `医疗保健机构（事业法人、企业法人）`): 服务对象 only, where the
/// description says who is meant and the brackets say which kind of person that is. A field of one
/// value (权力来源, 办件类型) is the value, and `普通件（承诺件）` stays unknown there.
const MARKED_GROUPS: &[Domain] = &[Domain::ServiceObject];

/// What separates the groups of a field outside brackets (`参保人员（自然人）、参保单位（企业法人）`).
const GROUP_SEPARATORS: &[char] = &[',', '，', '、', ';', '；'];

/// The values of a field whose every group is a recognised value or a description followed by
/// recognised values in brackets (`参保人员（自然人）`); `None` when a group is neither (`参保人员`,
/// `医疗机构（含门诊部）`) or its brackets hold only codes (`医疗机构（3）`: a number in a note may
/// count anything).
fn groups_with_values(domain: Domain, text: &str) -> Option<DomainValues> {
    let mut out = DomainValues::default();
    for group in top_level_groups(text) {
        let group = group.trim();
        if group.is_empty() {
            continue;
        }
        let mut values = parse_as_written(domain, group);
        if !values.unknown.is_empty() || values.values.is_empty() {
            // `自然人（含个体工商户）`: a value with its note.
            values = if let Some(v) = value_with_note(domain, group) {
                v
            } else {
                let (head, note) = value_and_note(group)?;
                if !describes_group(head) {
                    return None;
                }
                parse_as_written(domain, note)
            };
            if !values.unknown.is_empty() || values.values.is_empty() || values.from_codes {
                return None;
            }
        }
        out.from_codes |= values.from_codes;
        for v in values.values {
            if !out.values.contains(&v) {
                out.values.push(v);
            }
        }
    }
    (!out.values.is_empty()).then_some(out)
}

/// Words before the brackets that describe no group: a placeholder (`无（自然人）`), a catch-all
/// (`其他（自然人）`, `不限（自然人）`) or everyone (`群众（自然人）`, `所有人（自然人）`), which
/// B05 fails on its own; the brackets do not make them a group.
const NO_GROUP: &[&str] = &[
    "无",
    "暂无",
    "其他",
    "其它",
    "不限",
    "不限制",
    "无限制",
    "均可",
    "群众",
    "人民群众",
    "广大群众",
    "社会公众",
    "公众",
    "所有人",
    "所有",
    "全体",
    "全部",
    "任何人",
    "一切",
    "全体人员",
    "所有人员",
];

/// Whether `head`, the words before a bracket of values, describes a group (`参保人员`,
/// `医疗保健机构`): not blank, a placeholder or a word of [`NO_GROUP`].
fn describes_group(head: &str) -> bool {
    let h = head.trim_matches(|c: char| c.is_whitespace() || c.is_ascii_punctuation());
    !is_blank_or_placeholder(h) && !NO_GROUP.contains(&h)
}

/// The parts of `text` between [`GROUP_SEPARATORS`] that stand outside brackets.
fn top_level_groups(text: &str) -> Vec<&str> {
    let mut groups = Vec::new();
    let (mut depth, mut start) = (0u32, 0);
    for (i, c) in text.char_indices() {
        match c {
            '(' | '（' | '[' | '【' => depth += 1,
            ')' | '）' | ']' | '】' => depth = depth.saturating_sub(1),
            c if depth == 0 && GROUP_SEPARATORS.contains(&c) => {
                groups.push(&text[start..i]);
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    groups.push(&text[start..]);
    groups
}

/// The value before a note in brackets, when it is recognised and the note names no other value
/// of the domain (see [`parse_domain`]).
fn value_with_note(domain: Domain, text: &str) -> Option<DomainValues> {
    let (head, note) = value_and_note(text)?;
    let value = parse_domain(domain, head);
    if !value.unknown.is_empty() || value.values.is_empty() {
        return None;
    }
    parse_as_written(domain, note)
        .values
        .iter()
        .all(|v| value.values.contains(v))
        .then_some(value)
}

/// `text` with the domain's [`EXPANSIONS`] written out, without a copy when it has none.
pub(super) fn expand(domain: Domain, text: Cow<'_, str>) -> Cow<'_, str> {
    let mut out = text;
    for &(d, short, long) in EXPANSIONS {
        if d == domain && out.contains(short) {
            out = Cow::Owned(out.replace(short, long));
        }
    }
    out
}

/// [`parse_domain`] of the text as it is written.
pub(super) fn parse_as_written(domain: Domain, text: &str) -> DomainValues {
    let names = domain.names();
    // The usual field is exactly one label (`承诺件`, `法定本级行使`).
    if let Some(&(_, value)) = names.names.iter().find(|(n, _)| *n == text) {
        return DomainValues {
            values: vec![value],
            ..DomainValues::default()
        };
    }
    let written = expand(domain, halfwidth(text));
    let mut rest = written.clone();
    let mut found: Vec<(usize, DomainValue)> = Vec::new();
    // Names that do not occur in the text cannot appear once others are blanked out with spaces
    // (no name holds a space), so only the ones found in one pass are looked for, in order.
    let present = names.present(&rest);
    for (i, (name, value)) in names.names.iter().enumerate() {
        if present & (1 << i) == 0 {
            continue;
        }
        while let Some(pos) = rest.find(name) {
            found.push((pos, *value));
            // Keep positions stable: blank out the match with separators of the same byte length.
            rest.to_mut()
                .replace_range(pos..pos + name.len(), &" ".repeat(name.len()));
        }
    }
    values_from(domain, found, &written, &rest)
}

/// The values of a domain field from the labels `found` (with their byte positions) and the
/// `rest` of the `written` text (half-width, expanded) once they are blanked out: labels in text
/// order, then codes among the remaining pieces when no label was found. A piece that is neither
/// is reported as the part of the written text it stands in (`企事业单位`, `群众`), never as a
/// leftover character or a joining word.
pub(super) fn values_from(
    domain: Domain,
    mut found: Vec<(usize, DomainValue)>,
    written: &str,
    rest: &str,
) -> DomainValues {
    found.sort_by_key(|(pos, _)| *pos);
    let mut out = DomainValues::default();
    for (_, v) in found {
        if !out.values.contains(&v) {
            out.values.push(v);
        }
    }
    let labelled = !out.values.is_empty();
    for token in rest.split(SEPARATORS).filter(|t| !t.is_empty()) {
        for_each_piece(token, |piece| {
            let piece = piece.trim_matches(|c: char| c == '-' || c == '_');
            if piece.is_empty() {
                return;
            }
            let at = piece.as_ptr() as usize - rest.as_ptr() as usize;
            let end = at + piece.len();
            if TRAILING_ETC.contains(&piece)
                && written[end..].chars().all(|c| SEPARATORS.contains(&c))
            {
                return;
            }
            // 加 alone between two labels: each side is a blanked label (spaces) or a separator.
            if labelled && piece == LONE_JOINER && at > 0 && end < rest.len() {
                return;
            }
            match domain.by_code(piece) {
                // The label wins: codes beside a label are a local numbering, ignored.
                Some(_) if labelled => {}
                Some(v) => {
                    out.from_codes = true;
                    if !out.values.contains(&v) {
                        out.values.push(v);
                    }
                }
                None => {
                    let part = part_around(written, at, end);
                    if !out.unknown.iter().any(|u| u == part) {
                        out.unknown.push(part.to_owned());
                    }
                }
            }
        });
    }
    out
}

/// Calls `f` with each piece of `token` between the [`CONNECTORS`] in it.
fn for_each_piece(token: &str, mut f: impl FnMut(&str)) {
    let mut rest = token;
    while let Some((at, len)) = CONNECTORS
        .iter()
        .filter_map(|c| rest.find(c).map(|at| (at, c.len())))
        .min_by_key(|&(at, len)| (at, std::cmp::Reverse(len)))
    {
        f(&rest[..at]);
        rest = &rest[at + len..];
    }
    f(rest);
}

/// The part of `written` that holds the bytes `at..end`: as far as the nearest separator or
/// joining word on either side (`企事业单位` around a leftover `企`).
fn part_around(written: &str, at: usize, end: usize) -> &str {
    let start = written[..at].rfind(SEPARATORS).map_or(0, |i| {
        i + written[i..].chars().next().map_or(1, char::len_utf8)
    });
    let stop = written[end..]
        .find(SEPARATORS)
        .map_or(written.len(), |i| end + i);
    let segment = &written[start..stop];
    let (at, end) = (at - start, end - start);
    let from = CONNECTORS
        .iter()
        .filter_map(|c| segment[..at].rfind(c).map(|i| i + c.len()))
        .max()
        .unwrap_or(0);
    let to = CONNECTORS
        .iter()
        .filter_map(|c| segment[end..].find(c).map(|i| end + i))
        .min()
        .unwrap_or(segment.len());
    segment[from..to].trim_matches(|c: char| c == '-' || c == '_')
}
