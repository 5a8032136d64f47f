//! Guide-page sections that are not tables: FAQs written as 问/答 paragraphs, steps written as a
//! list with labelled parts, and tab panels titled only by the tab that names them.
//!
//! Read only when the section gave no table records (`html` reads the tables first).

use std::collections::HashMap;

use scraper::{ElementRef, Html, Selector};

use super::html::text_of;
use super::labels::{LabelMap, Section, section_of};
use crate::model::{Faq, Step, StepField};

/// Whether a heading has real text: a heading of only punctuation and spaces (the `：` that Word
/// puts in its own `<strong>` after `<strong>申请材料</strong>`) neither opens nor closes a
/// section.
pub(crate) fn has_words(text: &str) -> bool {
    text.chars().any(char::is_alphanumeric)
}

/// The sections that tab panels stand for: a panel's `id` → the section its tab names. A tab is an
/// element whose `data-tab`, `href="#…"`, `aria-controls` or `data-target="#…"` names the panel
/// (`<li data-tab="sqcl">申请材料</li>` … `<div class="tab-panel" id="sqcl">`).
pub(crate) fn tab_sections(doc: &Html) -> HashMap<String, Section> {
    let mut out = HashMap::new();
    for el in doc.root_element().descendent_elements() {
        let v = el.value();
        let target = v
            .attr("data-tab")
            .or_else(|| v.attr("aria-controls"))
            .or_else(|| v.attr("href").and_then(|h| h.strip_prefix('#')))
            .or_else(|| v.attr("data-target").and_then(|h| h.strip_prefix('#')))
            .map(str::trim)
            .filter(|t| !t.is_empty());
        let Some(target) = target else { continue };
        if let Some(s) = section_of(&text_of(el)) {
            out.entry(target.to_owned()).or_insert(s);
        }
    }
    out
}

/// The section an element opens: a heading with real text (none when it names no list, which
/// closes the section before it), or a tab panel named by its tab. `None` = not a heading.
#[allow(clippy::option_option)] // not a heading / a heading naming no list / a section
fn opens(
    el: ElementRef<'_>,
    headings: &Selector,
    tabs: &HashMap<String, Section>,
) -> Option<Option<Section>> {
    if let Some(s) = el.value().id().and_then(|id| tabs.get(id)) {
        return Some(Some(*s));
    }
    if el.value().name() != "caption" && headings.matches(&el) {
        let t = text_of(el);
        if has_words(&t) {
            return Some(section_of(&t));
        }
    }
    None
}

/// The elements under headings of `want`, outside tables, in document order.
fn section_elements<'a>(doc: &'a Html, headings: &Selector, want: Section) -> Vec<ElementRef<'a>> {
    let tabs = tab_sections(doc);
    let mut current: Option<Section> = None;
    // A tab panel's section lasts until the panel ends.
    let mut panel: Option<(ego_tree::NodeId, Option<Section>)> = None;
    let mut out = Vec::new();
    for el in doc.root_element().descendent_elements() {
        if let Some((id, _)) = panel
            && !el.ancestors().any(|a| a.id() == id)
        {
            panel = None;
            current = None;
        }
        if let Some(s) = opens(el, headings, &tabs) {
            if el.value().id().is_some_and(|id| tabs.contains_key(id)) {
                panel = Some((el.id(), s));
            }
            current = s;
            continue;
        }
        if current == Some(want)
            && !el
                .ancestors()
                .filter_map(ElementRef::wrap)
                .any(|a| a.value().name() == "table")
            && el.value().name() != "table"
        {
            out.push(el);
        }
    }
    out
}

/// A block with no block inside it (a paragraph, a list item, a definition term).
fn leaf_block(el: ElementRef<'_>) -> bool {
    const BLOCKS: [&str; 6] = ["p", "li", "dt", "dd", "div", "section"];
    BLOCKS.contains(&el.value().name())
        && !el
            .descendent_elements()
            .filter(|d| d.id() != el.id())
            .any(|d| BLOCKS.contains(&d.value().name()) || d.value().name() == "table")
}

/// Strips a leading item number: `1.`, `1、`, `（1）`, `(2)`, `1 `.
fn strip_number(text: &str) -> &str {
    let t = text.trim_start();
    let t = t.trim_start_matches(['（', '(']);
    let digits = t.trim_start_matches(|c: char| c.is_ascii_digit());
    if digits.len() == t.len() {
        return text.trim_start();
    }
    digits
        .trim_start_matches(['.', '、', '．', ')', '）', ' '])
        .trim_start()
}

/// The text after a marker (`问：`, `Q:` …) at the start of `text`, if it has one.
fn after_marker<'a>(text: &'a str, markers: &[&str]) -> Option<&'a str> {
    let t = strip_number(text);
    markers.iter().find_map(|m| {
        let rest = t.strip_prefix(m)?.trim_start();
        let rest = rest.strip_prefix(['：', ':'])?;
        Some(rest.trim())
    })
}

const QUESTION: [&str; 6] = ["问题", "提问", "问", "Q", "q", "咨询"];
const ANSWER: [&str; 7] = ["解答", "答复", "回答", "答案", "答", "A", "a"];

/// FAQs written as paragraphs under the 常见问题 heading: `问：…` then `答：…` (also `1.问：`,
/// `Q:`/`A:`, `问题：`/`解答：`). An answer running over several paragraphs is joined; a question
/// without an answer is kept with an empty answer.
pub(crate) fn paragraph_faqs(doc: &Html, headings: &Selector) -> Vec<Faq> {
    let mut out: Vec<Faq> = Vec::new();
    // The parent of the last answer's paragraph: a paragraph without a marker beside it continues
    // the answer (one under the page footer does not).
    let mut answer_parent = None;
    for el in section_elements(doc, headings, Section::Faqs) {
        if !leaf_block(el) {
            continue;
        }
        let text = text_of(el);
        if let Some(q) = after_marker(&text, &QUESTION) {
            out.push(Faq {
                question: q.to_owned(),
                ..Faq::default()
            });
            answer_parent = None;
        } else if let Some(a) = after_marker(&text, &ANSWER)
            && let Some(last) = out.last_mut()
            && last.answer.is_empty()
        {
            a.clone_into(&mut last.answer);
            answer_parent = el.parent().map(|p| p.id());
        } else if answer_parent.is_some()
            && answer_parent == el.parent().map(|p| p.id())
            && !text.is_empty()
            && let Some(last) = out.last_mut()
        {
            last.answer.push_str(&text);
        }
    }
    out.retain(|f| !f.question.is_empty());
    out
}

/// Steps written as list items under the 办理流程 heading, each with labelled parts
/// (`<span class="label">办理人：</span>窗口人员`); the step's name is its 环节名称 part or else the
/// text before its first label, without the item number. A step laid out as a block named by its
/// class (`<div class="process-item">`, [`step_block`]) is read as a list item is (h34).
pub(crate) fn list_steps(
    doc: &Html,
    headings: &Selector,
    labels: &LabelMap<StepField>,
) -> Vec<Step> {
    let items: Vec<ElementRef<'_>> = section_elements(doc, headings, Section::Steps)
        .into_iter()
        .filter(|e| e.value().name() == "li" || step_block(*e))
        .collect();
    let mut out = Vec::new();
    for li in &items {
        // A list inside a step is part of that step.
        if li
            .ancestors()
            .any(|a| a.id() != li.id() && items.iter().any(|o| o.id() == a.id()))
        {
            continue;
        }
        if let Some(step) = list_step(*li, labels) {
            out.push(step);
        }
    }
    out
}

/// A block whose class names it one step of a process: `process-item`, `step-item`, `flow-node`,
/// `lc-item`, `step`, `process-step` (not the list around them: `steps`, `step-list`, nor a part
/// of a step: `process-name`, `process-desc`).
fn step_block(el: ElementRef<'_>) -> bool {
    const OF_STEPS: [&str; 6] = ["process", "flow", "step", "lc", "bllc", "liucheng"];
    matches!(el.value().name(), "div" | "section" | "article" | "dl")
        && el.value().classes().any(|class| {
            let class = class.to_ascii_lowercase();
            let parts: Vec<&str> = class.split(['-', '_']).collect();
            match parts.as_slice() {
                [.., "step"] => true,
                [head @ .., "item" | "node"] => head.iter().any(|p| OF_STEPS.contains(p)),
                _ => false,
            }
        })
}

/// A part of a step whose class names it the step's name (`process-name`, `step-title`).
fn name_part(el: ElementRef<'_>) -> bool {
    el.value().classes().any(|class| {
        class
            .to_ascii_lowercase()
            .split(['-', '_'])
            .any(|p| matches!(p, "name" | "title" | "tit"))
    })
}

/// One list item as a step.
fn list_step(li: ElementRef<'_>, labels: &LabelMap<StepField>) -> Option<Step> {
    let whole = text_of(li);
    let mut step = Step::default();
    let mut first_label: Option<String> = None;
    for el in li.descendent_elements() {
        if el.child_elements().next().is_some() {
            continue;
        }
        let label = text_of(el);
        if !label.ends_with(['：', ':']) || label.chars().count() > 12 {
            continue;
        }
        let Some(field) = labels.get(&label) else {
            continue;
        };
        let value = label_value(el, labels);
        first_label.get_or_insert(label);
        if !value.is_empty() && step.get(field).is_empty() {
            *step.get_mut(field) = value;
        }
    }
    // A step without labels whose name is a part of its own (`<div class="process-name">受理
    // </div><div class="process-desc">窗口查验材料</div>`): the other parts say what is done.
    if step.name.is_empty()
        && first_label.is_none()
        && let Some(name) = li.child_elements().find(|e| name_part(*e))
    {
        strip_number(&text_of(name))
            .trim()
            .clone_into(&mut step.name);
        let rest: Vec<String> = li
            .child_elements()
            .filter(|e| e.id() != name.id())
            .map(text_of)
            .filter(|t| !t.is_empty())
            .collect();
        step.duties = rest.join(" ");
    }
    if step.name.is_empty() {
        let head = match &first_label {
            Some(l) => whole.split(l.as_str()).next().unwrap_or_default(),
            None => whole.as_str(),
        };
        strip_number(head).trim().clone_into(&mut step.name);
    }
    (step != Step::default()).then_some(step)
}

/// The text after a label up to the next label beside it: `<span>办理人：</span>窗口人员`,
/// `<span>办理人：</span><span>窗口人员</span>`, `<b>环节名称：</b>受理 <b>办理人：</b>窗口`.
fn label_value(label: ElementRef<'_>, labels: &LabelMap<StepField>) -> String {
    let mut value = String::new();
    for node in label.next_siblings() {
        let text = match ElementRef::wrap(node) {
            Some(e) => {
                let t = text_of(e);
                if t.ends_with(['：', ':']) && labels.get(&t).is_some() {
                    break;
                }
                t
            }
            None => node
                .value()
                .as_text()
                .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
                .unwrap_or_default(),
        };
        if !text.is_empty() {
            if !value.is_empty() {
                value.push(' ');
            }
            value.push_str(&text);
        }
    }
    value
}

#[cfg(test)]
mod tests;
