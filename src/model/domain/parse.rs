//! Reading a domain field: labels found with one automaton per domain, then bare codes.

use std::borrow::Cow;
use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use super::{Domain, DomainValue, DomainValues};
use crate::model::text::{fold_traditional, to_halfwidth};

const SEPARATORS: &[char] = &[
    ',', '，', '、', ';', '；', '|', '^', '/', '\n', '\r', '\t', ' ', '(', ')', '[', ']', '【',
    '】', ':', '：', '。', '.',
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
/// found. Separators `,，、;；|^/` and brackets split values.
///
/// A field with an unknown part is read once more without white space and with traditional
/// characters folded (`承 诺 件`, `法定本级⏎行使` from a wrapped cell, `法定本級行使`), and that
/// reading is kept when it recognises every part: words spaced out or wrapped are one value, and
/// a wrong value stays unknown either way. Only a field that would fail pays for it.
pub fn parse_domain(domain: Domain, text: &str) -> DomainValues {
    let out = parse_as_written(domain, text);
    if out.unknown.is_empty() {
        return out;
    }
    let folded = fold_traditional(text);
    let squeezed: String = folded.chars().filter(|c| !c.is_whitespace()).collect();
    if squeezed != text {
        let again = parse_as_written(domain, &squeezed);
        if again.unknown.is_empty() && !again.values.is_empty() {
            return again;
        }
    }
    out
}

/// [`parse_domain`] of the text as it is written.
fn parse_as_written(domain: Domain, text: &str) -> DomainValues {
    let names = domain.names();
    // The usual field is exactly one label (`承诺件`, `法定本级行使`).
    if let Some(&(_, value)) = names.names.iter().find(|(n, _)| *n == text) {
        return DomainValues {
            values: vec![value],
            ..DomainValues::default()
        };
    }
    let mut rest = halfwidth(text);
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
    values_from(domain, found, &rest)
}

/// The values of a domain field from the labels `found` (with their byte positions) and the
/// `rest` of the text once they are blanked out: labels in text order, then codes among the
/// remaining tokens when no label was found.
pub(super) fn values_from(
    domain: Domain,
    mut found: Vec<(usize, DomainValue)>,
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
        let token = token.trim_matches(|c: char| c == '-' || c == '_');
        if token.is_empty() {
            continue;
        }
        match domain.by_code(token) {
            // The label wins: codes beside a label are a local numbering, ignored.
            Some(_) if labelled => {}
            Some(v) => {
                out.from_codes = true;
                if !out.values.contains(&v) {
                    out.values.push(v);
                }
            }
            None => out.unknown.push(token.to_owned()),
        }
    }
    out
}
