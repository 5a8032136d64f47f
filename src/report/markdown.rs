//! Rule documentation (Markdown from the rules' doc comments) as safe HTML for the report:
//! a small subset — `##` headings, `-` lists, paragraphs and `` `code` `` — rendered after the
//! text is escaped, so only the tags added here are markup.

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
            out.push_str(&inline(heading.trim()));
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
