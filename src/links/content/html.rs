//! Web pages where a file was expected: decoding (UTF-8, declared charset or detected GBK), the
//! title and visible text, soft-404 detection (an error page served with 200) and pages in which
//! the site's protection turned the tool away (a firewall or rate-limit page served with 200),
//! and sign-in pages (a link that leads to the platform's 统一身份认证 instead of the file).

use std::sync::LazyLock;

use regex::Regex;

use super::ooxml::{decode_entities, xml_text};

/// Decodes page bytes: UTF-8 when valid, else the declared or detected encoding (GBK pages).
pub fn decode_text(body: &[u8]) -> String {
    if let Ok(s) = std::str::from_utf8(body) {
        return s.to_owned();
    }
    let head = String::from_utf8_lossy(&body[..body.len().min(2048)]).to_ascii_lowercase();
    let declared = head
        .find("charset=")
        .map(|i| &head[i + 8..])
        .map(|s| {
            s.trim_start_matches(['"', '\''])
                .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
                .next()
                .unwrap_or_default()
                .to_owned()
        })
        .and_then(|label| encoding_rs::Encoding::for_label(label.as_bytes()));
    let encoding = declared.unwrap_or_else(|| {
        let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
        det.feed(body, true);
        det.guess(None, chardetng::Utf8Detection::Allow)
    });
    encoding.decode(body).0.into_owned()
}

pub(super) fn html_title_and_text(html: &str) -> (Option<String>, String) {
    static TITLE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?is)<title[^>]*>(.*?)</title>").expect("valid regex"));
    static DROP: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?is)<(script|style|head)[^>]*>.*?</(script|style|head)>|<!--.*?-->")
            .expect("valid regex")
    });
    let title = TITLE
        .captures(html)
        .map(|c| decode_entities(c[1].trim()))
        .filter(|t| !t.is_empty());
    let body = DROP.replace_all(html, " ");
    let text = xml_text(&body)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    (title, text)
}

/// Words that say a page stands in for a missing file.
const SOFT_404_MARKERS: &[&str] = &[
    "404",
    "not found",
    "页面不存在",
    "页面未找到",
    "找不到",
    "未找到",
    "文件不存在",
    "资源不存在",
    "附件不存在",
    "已被删除",
    "已删除",
    "无法找到",
    "出错了",
    "错误页面",
    "访问出错",
    "页面丢失",
];

/// Whether an HTML page is an error page served with 200: a marker in its title, or in a short
/// page's text. Returns the words that gave it away.
pub fn soft_404(title: Option<&str>, visible_text: &str) -> Option<String> {
    let has_marker = |s: &str| {
        let lower = s.to_lowercase();
        SOFT_404_MARKERS.iter().any(|m| lower.contains(m))
    };
    if let Some(t) = title.filter(|t| has_marker(t)) {
        return Some(crate::model::text::quote(t, 40));
    }
    // A real page may mention "404" somewhere; only a short page is judged by its text.
    if visible_text.chars().count() <= 600 && has_marker(visible_text) {
        return Some(crate::model::text::quote(visible_text, 40));
    }
    None
}

/// Words of the pages a site's protection serves instead of the file (web application firewalls
/// such as 安全狗 or 云锁, human checks, rate limits), often with status 200.
const BLOCKED_MARKERS: &[&str] = &[
    "拦截",
    // Not 防火墙 alone: a fire wall (建筑防火墙) is one too.
    "网站防火墙",
    "应用防火墙",
    "web防火墙",
    "安全威胁",
    "访问被阻断",
    "已被阻断",
    "访问受限",
    "访问过于频繁",
    "请求过于频繁",
    "访问频率过快",
    "人机验证",
    "安全验证",
    "请开启javascript",
    "请启用javascript",
    "enable javascript",
];

/// Whether an HTML page is the site's protection turning the request away (the same test as
/// [`soft_404`]: a marker in its title, or in a short page's text). Returns the words that gave
/// it away.
pub fn blocked(title: Option<&str>, visible_text: &str) -> Option<String> {
    let has_marker = |s: &str| {
        let lower = s.to_lowercase().replace(' ', "");
        BLOCKED_MARKERS.iter().any(|m| lower.contains(m))
    };
    if let Some(t) = title.filter(|t| has_marker(t)) {
        return Some(crate::model::text::quote(t, 40));
    }
    if visible_text.chars().count() <= 600 && has_marker(visible_text) {
        return Some(crate::model::text::quote(visible_text, 40));
    }
    None
}

/// Words in the title of a sign-in page.
const LOGIN_MARKERS: &[&str] = &[
    "登录",
    "登陆",
    "统一身份认证",
    "单点登录",
    "login",
    "sign in",
    "signin",
];

/// Whether an HTML page is a sign-in page (a password field, or a sign-in title on a short page):
/// a link behind a login cannot be checked by the tool, nor opened by the public without an
/// account. Returns the words that gave it away.
pub fn login_wall(html: &str, title: Option<&str>, visible_text: &str) -> Option<String> {
    static PASSWORD: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"(?i)<input[^>]*\btype\s*=\s*["']?password"#).expect("valid regex")
    });
    let marked = |s: &str| {
        let lower = s.to_lowercase();
        LOGIN_MARKERS.iter().any(|m| lower.contains(m))
    };
    let short = visible_text.chars().count() <= 600;
    let said = title
        .filter(|t| marked(t))
        .or_else(|| Some(visible_text).filter(|v| short && marked(v)))
        .map(|t| crate::model::text::quote(t, 40));
    if PASSWORD.is_match(html) {
        return Some(said.unwrap_or_else(|| "密码输入框".to_owned()));
    }
    said.filter(|_| title.is_some_and(marked))
}
