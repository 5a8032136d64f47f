//! A table cell's value, and what a link column's cell gives: its link, the file a script opens
//! (`<a href="javascript:void(0)" onclick="previewFile('/gdbs/attach/zz-sqb-yb.pdf')">预览</a>`,
//! `href="javascript:download(…)"`), or nothing when it only marks "none" (`--`).
//!
//! Not here: which columns are link columns (`super`, by the section's fields).

use std::sync::LazyLock;

use regex::Regex;
use scraper::ElementRef;
use url::Url;

use super::{At, href, text_of};
use crate::net::host_key;

/// A cell's value: the link's absolute URL for link columns (when the cell has a link), else text.
/// A link column's cell without a link that only marks "none" (`--`, `—`, `/`, `无`) is empty: the
/// material offers no file (江苏's tables write `--`), said as such rather than as a value (h34).
pub(super) fn value_of(cell: ElementRef<'_>, page: &At<'_>, link: bool) -> String {
    let text = text_of(cell);
    if (link || text.is_empty())
        && let Some(u) = href(cell, page.url).or_else(|| script_link(cell, page))
    {
        return u.to_string();
    }
    if link && marks_none(&text) {
        return String::new();
    }
    text
}

/// A cell that only marks "none": dashes, a slash, 无, 暂无. Other words stay (`不提供`,
/// `详见附件`, `窗口领取` say something of the file, and the rules read them).
fn marks_none(text: &str) -> bool {
    matches!(
        text.trim(),
        "-" | "--" | "---" | "—" | "——" | "–" | "－" | "－－" | "/" | "／" | "无" | "暂无" | "空"
    )
}

/// The file a script link opens: of the call's quoted arguments, the one that is a path or an
/// http(s) URL on an allowed host. Without it the sample was the word 预览, and M07 said it had
/// none (h33). Other arguments beside it are left (`previewFile('/download/x-yb.pdf','样表')`,
/// `downloadFile('8a8a…','/download/x.docx')`, h34). A call with no such argument
/// (`preview(3, 'pdf')`, an id `preview('8a9f3c')`), or with two that could be the file, gives
/// nothing.
fn script_link(cell: ElementRef<'_>, at: &At<'_>) -> Option<Url> {
    static CALL: LazyLock<Regex> = LazyLock::new(|| {
        const ARG: &str = r#"(?:'[^']*'|"[^"]*"|[\w.$-]+)"#;
        Regex::new(&format!(
            r"^\s*(?:javascript:)?\s*[A-Za-z_$][\w$.]*\(\s*({ARG}\s*(?:,\s*{ARG}\s*)*)\)\s*;?\s*(?:return\s+false\s*;?\s*)?$"
        ))
        .expect("valid pattern")
    });
    static QUOTED: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r#"'([^']*)'|"([^"]*)""#).expect("valid pattern"));
    let anchors = std::iter::once(cell).chain(cell.descendent_elements());
    anchors
        .flat_map(|a| [a.attr("onclick"), a.attr("href")])
        .flatten()
        .find_map(|script| {
            let args = CALL.captures(script)?.get(1)?.as_str();
            let quoted: Vec<&str> = QUOTED
                .captures_iter(args)
                .filter_map(|c| c.get(1).or_else(|| c.get(2)))
                .map(|m| m.as_str().trim())
                .collect();
            // A rooted path or a URL is the file before a bare relative path (`x.docx`, which is
            // as often the file's name shown for it).
            let rooted: Vec<Url> = quoted
                .iter()
                .filter(|a| is_rooted(a))
                .filter_map(|a| allowed(a, at))
                .collect();
            let bare: Vec<Url> = quoted
                .iter()
                .filter(|a| !is_rooted(a) && super::super::json::bare_path(a))
                .filter_map(|a| allowed(a, at))
                .collect();
            match (rooted.as_slice(), bare.as_slice()) {
                ([one], _) | ([], [one]) => Some(one.clone()),
                _ => None,
            }
        })
}

/// A path from the site's root or the page, or an http(s) URL, without spaces.
fn is_rooted(arg: &str) -> bool {
    !arg.contains(char::is_whitespace)
        && ["/", "./", "../", "http://", "https://"]
            .iter()
            .any(|p| arg.starts_with(p))
}

/// The argument's URL, when it is on the page's host or one the profile allows.
fn allowed(arg: &str, at: &At<'_>) -> Option<Url> {
    let mut url = at.url.join(arg).ok()?;
    url.set_fragment(None);
    let key = host_key(&url);
    let host = url.host_str().unwrap_or_default().to_ascii_lowercase();
    let allowed = host_key(at.url) == key
        || at.hosts.iter().any(|h| {
            let h = h.trim().to_ascii_lowercase();
            h == key || h == host
        });
    allowed.then_some(url)
}

#[cfg(test)]
mod tests {
    use url::Url;

    use crate::source::crawl::html::extract_guide;
    use crate::source::crawl::profile::Profile;

    /// h34: a script call with more arguments than the file (`previewFile('/download/x-yb.pdf','样表')`,
    /// `downloadFile('8a8a…','/download/x.docx')`) gave no link; the one argument that is the file
    /// is taken, as in a call of one argument.
    #[test]
    fn a_script_call_with_more_arguments_gives_its_file() {
        let p: Profile = toml::from_str(
            "name = \"t\"\nbase_url = \"http://127.0.0.1:1/\"\nhosts = [\"files.example.gov.cn\"]\n[[list]]\nurl = \"l\"\n",
        )
        .unwrap();
        let page = Url::parse("http://127.0.0.1:1/gdbs/guide/2.html").unwrap();
        let cells = [
            r#"<a href="javascript:;" onclick="previewFile('/download/x-yb.pdf','样表')">预览</a>"#,
            r#"<a href="javascript:downloadFile('8a8a80f3750a9e2c01750b1c2b3d0042','/download/x.docx')">下载</a>"#,
            r#"<a href="javascript:void(0)" onclick="download(&quot;https://files.example.gov.cn/f/1.pdf&quot;, 1, this);return false;">下载</a>"#,
            r#"<a href="javascript:void(0)" onclick="downFile('/download/sqb.docx', 'sqb.docx')">下载</a>"#,
            r#"<a href="javascript:void(0)" onclick="showFile('8a8a80f3', 'attach/sfz-yb.jpg')">预览</a>"#,
            // No file among the arguments, two files, or a file on another host: no link.
            r#"<a href="javascript:void(0)" onclick="downloadFile('8a8a80f3750a9e2c','样表')">下载</a>"#,
            r#"<a href="javascript:void(0)" onclick="compare('/download/a.pdf','/download/b.pdf')">预览</a>"#,
            r#"<a href="javascript:void(0)" onclick="previewFile('http://elsewhere.example.com/x.pdf','样表')">预览</a>"#,
        ];
        let rows = cells
            .iter()
            .enumerate()
            .map(|(i, c)| format!("<tr><td>材料{i}</td><td>{c}</td></tr>"))
            .collect::<Vec<_>>()
            .concat();
        let html = format!(
            "<h3>申请材料</h3><table><tr><th>材料名称</th><th>空白表格</th></tr>{rows}</table>"
        );
        let item = extract_guide(&html, &page, &p.compile().unwrap());
        let forms: Vec<&str> = item
            .materials
            .iter()
            .map(|m| m.blank_form.as_str())
            .collect();
        assert_eq!(
            forms,
            [
                "http://127.0.0.1:1/download/x-yb.pdf",
                "http://127.0.0.1:1/download/x.docx",
                "https://files.example.gov.cn/f/1.pdf",
                "http://127.0.0.1:1/download/sqb.docx",
                "http://127.0.0.1:1/gdbs/guide/attach/sfz-yb.jpg",
                "下载",
                "预览",
                "预览",
            ]
        );
    }

    /// h34 (江苏): a blank-form or sample cell that only marks "none" (`--`, `—`, `/`, `无`) was
    /// read as the value `--`; it is empty, so that M04/M05 say the material offers none. Words
    /// that say something of the file, and the same marks in other columns, stay as written.
    #[test]
    fn a_link_cell_that_marks_none_is_empty() {
        let p: Profile = toml::from_str(
            "name = \"t\"\nbase_url = \"http://127.0.0.1:1/\"\n[[list]]\nurl = \"l\"\n",
        )
        .unwrap();
        let page = Url::parse("http://127.0.0.1:1/jszwfw/bszn/art/1.html").unwrap();
        let rows = [
            ("申请表", "--", " — ", "--"),
            ("授权委托书", "/", "无", "1份"),
            ("承诺书", "暂无", "——", "无"),
            ("营业执照", "不提供", "详见附件", "-"),
            (
                "申请书",
                "窗口领取",
                "<a href=\"../download/sqs-yb.pdf\">--</a>",
                "原件1份",
            ),
        ];
        let body = rows
            .iter()
            .map(|(n, f, s, c)| {
                format!("<tr><td>{n}</td><td>{f}</td><td>{s}</td><td>{c}</td></tr>")
            })
            .collect::<Vec<_>>()
            .concat();
        let html = format!(
            "<h3>申请材料</h3><table><tr><th>材料名称</th><th>空白表格</th><th>示例样表</th><th>材料份数</th></tr>{body}</table>"
        );
        let item = extract_guide(&html, &page, &p.compile().unwrap());
        let read: Vec<(&str, &str, &str)> = item
            .materials
            .iter()
            .map(|m| (m.blank_form.as_str(), m.sample.as_str(), m.copies.as_str()))
            .collect();
        assert_eq!(
            read,
            [
                ("", "", "--"),
                ("", "", "1份"),
                ("", "", "无"),
                ("不提供", "详见附件", "-"),
                (
                    "窗口领取",
                    "http://127.0.0.1:1/jszwfw/bszn/download/sqs-yb.pdf",
                    "原件1份"
                ),
            ]
        );
    }
}
