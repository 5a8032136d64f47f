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
