//! A table cell's value, and what a link column's cell gives: its link, the file a script opens
//! (`<a href="javascript:void(0)" onclick="previewFile('/gdbs/attach/zz-sqb-yb.pdf')">预览</a>`,
//! `href="javascript:download(…)"`), or nothing when it only marks "none" (`--`).
//!
//! The item's link elements (在线办理地址, 结果样本) give their cell's links too, not the words
//! shown for them.
//!
//! Not here: which columns are link columns (`super`, by the section's fields).

use std::sync::LazyLock;

use regex::Regex;
use scraper::ElementRef;
use url::Url;

use super::{At, href, text_of};
use crate::model::ItemField;
use crate::net::host_key;

/// The item's elements whose value is a link: 在线办理地址 and 结果样本. A page shows them as
/// `<a href="https://www.ahzwfw.gov.cn/…">在线办理</a>`, `<a href="/files/结果样本.pdf">食品经营许可证
/// （样本）</a>`; read as their words, every crawled item had a false G03 「在线办理地址」不是网址, and
/// `links` never opened the address or the sample (h36). (办事指南地址 is the page's own URL,
/// set by the crawl.)
pub(crate) const LINK_ELEMENTS: [ItemField; 2] = [ItemField::OnlineUrl, ItemField::ResultSample];

/// An item element's value from its cell: for a [link element](LINK_ELEMENTS), the cell's
/// links, else the file a script opens, else its text as written (`无` says there is no sample,
/// and B12 reads it); other elements' cells as [`value_of`] reads a text cell.
pub(super) fn element_value(cell: ElementRef<'_>, page: &At<'_>, field: ItemField) -> String {
    if LINK_ELEMENTS.contains(&field)
        && let Some(links) = links_in(
            std::iter::once(cell).chain(cell.descendent_elements()),
            page,
        )
        .or_else(|| script_link(cell, page).map(String::from))
    {
        return links;
    }
    value_of(cell, page, false)
}

/// The links of the elements (absolute, without fragment), each once, separated by a space: two
/// samples in one cell are two links to check. `None` when there is none.
fn links_in<'a>(elements: impl Iterator<Item = ElementRef<'a>>, page: &At<'_>) -> Option<String> {
    let mut links: Vec<String> = Vec::new();
    for el in elements.filter(|e| e.value().name() == "a") {
        let Some(raw) = el.attr("href").map(str::trim) else {
            continue;
        };
        if raw.is_empty() || raw.starts_with('#') || raw.starts_with("javascript:") {
            continue;
        }
        if let Ok(mut url) = page.url.join(raw) {
            url.set_fragment(None);
            let url = url.to_string();
            if !links.contains(&url) {
                links.push(url);
            }
        }
    }
    (!links.is_empty()).then(|| links.join(" "))
}

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

    /// h36: 在线办理地址 and 结果样本 shown as a link (`<a href="https://…">在线办理</a>`,
    /// `<a href="/files/结果样本.pdf">食品经营许可证（样本）</a>`) were read as the words: every
    /// crawled item had a false G03 「在线办理地址」不是网址, and `links` opened neither. Their
    /// links are taken, made absolute against the page, in every layout the labels are read in;
    /// without a link the text stays as written (`无` says there is no sample), and other
    /// elements keep their text beside a link.
    #[test]
    fn the_link_elements_give_their_links() {
        let profile = |extra: &str| {
            let p: Profile = toml::from_str(&format!(
                "name = \"t\"\nbase_url = \"http://127.0.0.1:1/\"\n[[list]]\nurl = \"l\"\n{extra}"
            ))
            .unwrap();
            p.compile().unwrap()
        };
        let page = Url::parse("http://127.0.0.1:1/bsdt/guide/3.html").unwrap();
        let read = |html: &str, extra: &str| extract_guide(html, &page, &profile(extra));
        let apply = "https://www.ahzwfw.gov.cn/bog-bsdt/static/workProcess/applyGuide.html?taskCode=11341700MB1957435T3000112801000";
        let sample = "http://127.0.0.1:1/files/%E7%BB%93%E6%9E%9C%E6%A0%B7%E6%9C%AC.pdf";

        // th/td, as h27's pages write them; the address's link text was the value.
        let item = read(
            &format!(
                r#"<table><tr><th>事项名称</th><td>食品经营许可</td></tr>
<tr><th>办理地点</th><td><a href="/map.html?id=3">池州市长江中路89号池州市政务服务中心二楼5号窗口</a></td></tr>
<tr><th>在线办理地址</th><td><a href="{apply}" target="_blank">在线办理</a></td></tr>
<tr><th>结果样本</th><td><a href="/files/结果样本.pdf">食品经营许可证（样本）</a></td></tr></table>"#
            ),
            "",
        );
        assert_eq!(item.online_url, apply);
        assert_eq!(item.result_sample, sample);
        // Not a link element: the address is its words, whatever it links to.
        assert_eq!(
            item.address,
            "池州市长江中路89号池州市政务服务中心二楼5号窗口"
        );

        // dt/dd with a relative link; a label span beside its link; a row of labels over a row
        // of values; a sample a script opens.
        let item = read(
            r#"<dl><dt>网上办理地址：</dt><dd><a href="../apply/1.html#top">立即办理</a></dd></dl>
<p><span class="label">结果样本：</span><a href="yb/许可证.jpg">查看样本</a></p>"#,
            "",
        );
        assert_eq!(item.online_url, "http://127.0.0.1:1/bsdt/apply/1.html");
        assert_eq!(
            item.result_sample,
            "http://127.0.0.1:1/bsdt/guide/yb/%E8%AE%B8%E5%8F%AF%E8%AF%81.jpg"
        );
        let item = read(
            r#"<table><tr><th>办理地点</th><th>在线办理地址</th><th>结果样本</th></tr>
<tr><td>池州市政务服务中心二楼5号窗口</td><td><a href="/apply?id=7">在线办理</a></td>
<td><a href="javascript:void(0)" onclick="previewFile('/files/yb.pdf')">预览</a></td></tr></table>"#,
            "",
        );
        assert_eq!(item.online_url, "http://127.0.0.1:1/apply?id=7");
        assert_eq!(item.result_sample, "http://127.0.0.1:1/files/yb.pdf");

        // Two samples in one cell are two links; a link by a selector gives its address.
        let item = read(
            r#"<table><tr><th>结果样本</th><td><a href="/f/zb.pdf">正本</a>、<a href="/f/fb.pdf">副本</a></td></tr></table>
<div class="bar"><a class="apply" href="/bsdt/apply.html?code=1">在线办理</a></div>"#,
            "[guide.select]\nonline_url = \"a.apply\"\n",
        );
        assert_eq!(
            item.result_sample,
            "http://127.0.0.1:1/f/zb.pdf http://127.0.0.1:1/f/fb.pdf"
        );
        assert_eq!(item.online_url, "http://127.0.0.1:1/bsdt/apply.html?code=1");

        // Without a link the text stays as written: B12 and G03 judge it.
        let item = read(
            r##"<table><tr><th>在线办理地址</th><td>https://www.ahzwfw.gov.cn/bog-bsdt/</td></tr>
<tr><th>结果样本</th><td><a href="#">无</a></td></tr></table>"##,
            "",
        );
        assert_eq!(item.online_url, "https://www.ahzwfw.gov.cn/bog-bsdt/");
        assert_eq!(item.result_sample, "无");
        let item = read(
            "<table><tr><th>在线办理地址</th><td>不支持网上办理</td></tr>\
             <tr><th>结果样本</th><td>食品经营许可证（样本）.pdf</td></tr></table>",
            "",
        );
        assert_eq!(item.online_url, "不支持网上办理");
        assert_eq!(item.result_sample, "食品经营许可证（样本）.pdf");
    }
}
