//! Rule documentation (Markdown from the rules' doc comments) as safe HTML for the report:
//! a small subset — `##` headings, `-` lists, paragraphs and `` `code` `` — rendered after the
//! text is escaped, so only the tags added here are markup.

/// A heading without its English gloss: `检查内容 (What it checks)` → `检查内容`.
fn chinese_heading(heading: &str) -> &str {
    let h = heading.trim();
    h.split_once(" (").map_or(h, |(zh, _)| zh.trim_end())
}

/// Rule docs as plain text by section, for a spreadsheet: each `##` heading (without its English
/// gloss) with its text. Lines wrapped in the source are joined; a list item, or a line that
/// starts a labelled case (`通过：`, `不通过：`, `判定口径：`), starts a new line. Backticks are
/// dropped.
pub fn sections(md: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for line in md.lines() {
        let t = line.trim();
        let heading = t.trim_start_matches('#');
        if t.starts_with('#') && heading.starts_with(' ') {
            out.push((chinese_heading(heading).to_owned(), String::new()));
            continue;
        }
        let Some((_, body)) = out.last_mut() else {
            continue;
        };
        let text = t.replace('`', "");
        if text.is_empty() {
            continue;
        }
        let starts_case = ["- ", "* ", "通过", "不通过", "判定口径"]
            .iter()
            .any(|p| text.starts_with(p));
        if body.is_empty() {
        } else if starts_case {
            body.push('\n');
        } else if body.ends_with(|c: char| c.is_ascii_alphanumeric())
            && text.starts_with(|c: char| c.is_ascii_alphanumeric())
        {
            body.push(' ');
        }
        body.push_str(&text);
    }
    out
}

/// A section of rule docs ([`sections`]) for a clerk's spreadsheet: the glosses meant for the
/// tool's operators go — `（warning）`, `（error）`, `（n/a）`, and the configuration keys with the words that
/// lead to them (`词表见配置 [check] fill_in_words`) or whole clauses and brackets about them —
/// and `n/a`, `warning` become 不涉及, 提示.
pub fn for_clerks(text: &str) -> String {
    let lines: Vec<String> = text.split('\n').map(clerk_line).collect();
    lines.join("\n")
}

/// Words that lead to a configuration key, removed with it (longest first).
const KEY_LEAD_INS: &[&str] = &[
    "，不可编辑的扩展名列表见配置",
    "词表和例外短语在配置",
    "，三组词在",
    "，词表见配置",
    "词表见配置",
    "个数见配置",
    "——词表",
    "，词表",
    "见配置",
    "配置",
    "，见",
    "词表",
];

fn clerk_line(line: &str) -> String {
    let line = &line.replace("查 data/phone_area_code_by_city.csv", "查全国城市区号表");
    // Clauses and brackets that are about configuration and say nothing else: dropped whole.
    let mut kept = String::new();
    for clause in clauses(line) {
        let bare = strip_keys(clause);
        let only_keys = bare
            .trim_matches(|c: char| c.is_whitespace() || "、，。；（）[]`的".contains(c))
            .is_empty();
        // A clause about changing the configuration is a note for the operator:
        // `词表和例外短语在配置 … 中，可增删。`
        let about_config = has_key(clause) && outside_brackets(clause).contains("可增删");
        let key_only = has_key(clause) && only_keys;
        if !(about_config || key_only) {
            kept.push_str(&bare);
        }
    }
    kept.replace("（）", "")
        .replace("（，", "（")
        .replace("，）", "）")
        .replace("————", "")
        .replace("（warning）", "")
        .replace("（error）", "")
        .replace("（n/a）", "")
        .replace("（n/a，", "（")
        .replace("（n/a；", "（")
        .replace("n/a", "不涉及")
        .replace("warning", "提示")
}

/// `text` without what is in brackets.
fn outside_brackets(text: &str) -> String {
    let mut depth = 0i32;
    text.chars()
        .filter(|&c| {
            match c {
                '（' | '(' => depth += 1,
                '）' | ')' => {
                    depth -= 1;
                    return false;
                }
                _ => {}
            }
            depth <= 0
        })
        .collect()
}

/// Whether `text` names a configuration key (`[check]`, `faq_min_count`).
fn has_key(text: &str) -> bool {
    text.contains("[check]") || keys(text).next().is_some()
}

/// The byte ranges of the `snake_case` configuration keys in `text`.
fn keys(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let bytes = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() {
            let start = i;
            while i < bytes.len()
                && (bytes[i].is_ascii_lowercase() || bytes[i] == b'_' || bytes[i].is_ascii_digit())
            {
                i += 1;
            }
            if i > start && text[start..i].contains('_') {
                return Some((start, i));
            }
            i = i.max(start + 1);
        }
        None
    })
}

/// `text` without its configuration keys, `[check]`, and the words leading to each key.
fn strip_keys(text: &str) -> String {
    let mut out = text.replace("[check] ", "").replace("[check]", "");
    loop {
        let Some((start, end)) = keys(&out).next() else {
            break;
        };
        let before = out[..start].trim_end();
        let lead = KEY_LEAD_INS
            .iter()
            .find(|l| before.ends_with(*l))
            .map_or(start - before.len(), |l| start - before.len() + l.len());
        let mut end = end;
        // A key between dashes or listed with others goes with its separator.
        for tail in ["——", "、", " 的 "] {
            if out[end..].starts_with(tail) {
                end += tail.len();
                break;
            }
        }
        out.replace_range(start - lead..end, "");
    }
    out
}

/// The clauses of a line: split after `。` and `；` outside brackets, each keeping its end.
fn clauses(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut depth, mut start) = (0i32, 0);
    for (i, c) in line.char_indices() {
        match c {
            '（' | '(' => depth += 1,
            '）' | ')' => depth -= 1,
            '。' | '；' if depth <= 0 => {
                let end = i + c.len_utf8();
                out.push(&line[start..end]);
                start = end;
            }
            _ => {}
        }
    }
    if start < line.len() {
        out.push(&line[start..]);
    }
    out
}

/// Renders rule docs (a small Markdown subset: `##` headings, `-` lists, paragraphs and
/// `` `code` ``) as HTML. The text is escaped first, so only the tags added here are markup.
pub fn markdown(md: &str) -> String {
    let mut out = String::new();
    let mut in_list = false;
    let mut para: Vec<String> = Vec::new();
    let flush = |out: &mut String, para: &mut Vec<String>| {
        if !para.is_empty() {
            out.push_str("<p>");
            out.push_str(&para.join("<br>"));
            out.push_str("</p>\n");
            para.clear();
        }
    };
    for line in md.lines() {
        let t = line.trim();
        let heading = t.trim_start_matches('#');
        let is_heading = t.starts_with('#') && heading.starts_with(' ');
        let item = t.strip_prefix("- ").or_else(|| t.strip_prefix("* "));
        if in_list && item.is_none() {
            out.push_str("</ul>\n");
            in_list = false;
        }
        if t.is_empty() {
            flush(&mut out, &mut para);
        } else if is_heading {
            flush(&mut out, &mut para);
            out.push_str("<h4>");
            out.push_str(&inline(chinese_heading(heading)));
            out.push_str("</h4>\n");
        } else if let Some(item) = item {
            flush(&mut out, &mut para);
            if !in_list {
                out.push_str("<ul>\n");
                in_list = true;
            }
            out.push_str("<li>");
            out.push_str(&inline(item));
            out.push_str("</li>\n");
        } else {
            para.push(inline(t));
        }
    }
    if in_list {
        out.push_str("</ul>\n");
    }
    flush(&mut out, &mut para);
    out
}

/// Escapes a line and turns `` `code` `` spans into `<code>` (an unmatched backtick runs to
/// the end of the line, still closed).
fn inline(text: &str) -> String {
    let escaped = escape(text);
    let mut out = String::new();
    for (i, part) in escaped.split('`').enumerate() {
        if i % 2 == 1 {
            out.push_str("<code>");
            out.push_str(part);
            out.push_str("</code>");
        } else {
            out.push_str(part);
        }
    }
    out
}

/// HTML-escapes text for element content and quoted attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clerks_get_no_operator_glosses() {
        for rule in crate::rules::REGISTRY {
            let (id, docs) = (rule.meta().id, rule.meta().docs);
            for (heading, body) in sections(docs) {
                let text = for_clerks(&body);
                for word in [
                    "warning",
                    "（error）",
                    "n/a",
                    "[check]",
                    "配置 [",
                    "_",
                    "data/",
                ] {
                    assert!(!text.contains(word), "{id} {heading}: {word} in {text}");
                }
                assert!(!text.is_empty() || body.is_empty(), "{id} {heading}");
            }
        }
        assert_eq!(
            for_clerks("即办件超过 1 个工作日的给出提示（warning）。不收费的事项不涉及（n/a）。"),
            "即办件超过 1 个工作日的给出提示。不收费的事项不涉及。"
        );
        assert_eq!(
            for_clerks("需要填写的材料（词表见配置 [check] fill_in_words）应提供空白表格。"),
            "需要填写的材料应提供空白表格。"
        );
    }

    #[test]
    fn sections_are_plain_text_without_the_english_glosses() {
        let docs = crate::rules::find("B09").unwrap().meta().docs;
        let got = sections(docs);
        let headings: Vec<&str> = got.iter().map(|(h, _)| h.as_str()).collect();
        assert_eq!(headings, ["检查内容", "依据", "示例", "整改方法"]);
        let example = &got[2].1;
        assert!(
            example.starts_with("不通过：池州市长江中路1号政务服务中心（缺窗口号）"),
            "{example}"
        );
        assert!(example.contains("\n通过："), "{example}");
        assert!(!example.contains('`'));
        assert!(got[0].1.contains("\n判定口径："), "{}", got[0].1);
        assert!(markdown(docs).contains("<h4>检查内容</h4>"));
    }

    /// L01, cited by the link check only, has the four sections in 规则说明 like every rule
    /// (its row was empty, and the HTML said there was no explanation).
    #[test]
    fn the_link_checks_own_rule_has_its_sections() {
        let docs = super::super::rule_docs("L01").expect("L01 documented");
        let got = sections(docs);
        let headings: Vec<&str> = got.iter().map(|(h, _)| h.as_str()).collect();
        assert_eq!(headings, ["检查内容", "依据", "示例", "整改方法"]);
        assert!(got[0].1.contains("在线办理地址"), "{}", got[0].1);
        assert!(got.iter().all(|(_, body)| !body.trim().is_empty()));
        assert_eq!(super::super::rule_docs("Z99"), None);
    }

    #[test]
    fn markdown_escapes_before_adding_tags() {
        let html = markdown("## 检查内容\n<script>alert(1)</script> 与 `<b>`\n\n- 一\n- 二\n");
        assert!(html.contains("<h4>检查内容</h4>"), "{html}");
        assert!(
            html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{html}"
        );
        assert!(html.contains("<code>&lt;b&gt;</code>"), "{html}");
        assert!(
            html.contains("<ul>\n<li>一</li>\n<li>二</li>\n</ul>"),
            "{html}"
        );
        assert!(!html.contains("<script>"));
    }

    #[test]
    fn unmatched_backtick_is_closed() {
        assert_eq!(inline("a `b"), "a <code>b</code>");
    }
}
