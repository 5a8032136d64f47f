//! Pages answered 2xx that gave nothing: a 系统维护中 or login page in place of a guide, a list or
//! a JSON answer (many platforms answer so with status 200), or a guide whose labels were not
//! recognised. What the page shows is said with its title, and a night of maintenance is not
//! taken for the items being gone.
//!
//! Not here: reading the pages (`list`, `html`, `json`), keeping an earlier item (`visit`).

use scraper::{Html, Selector};

use super::html::text_of;
use super::journal::{PageKind, PageRecord, PageStatus};

/// What a page that gave no item or link shows in place of one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shown {
    /// 系统维护中, 系统升级: the site is down for work and answers 200.
    Maintenance,
    /// A login wall (统一身份认证, 请先登录).
    Login,
    /// Something else.
    Other,
}

/// A page that gave nothing: what it shows, and its title (or first heading), as the clerk would
/// see it in a browser's tab, for the message.
fn shown(text: &str) -> (Shown, String) {
    let doc = Html::parse_document(text);
    let heading = Selector::parse("title, h1, h2").expect("valid selector");
    let title: String = doc
        .select(&heading)
        .map(text_of)
        .find(|t| !t.is_empty())
        .unwrap_or_default()
        .chars()
        .filter(|c| !c.is_control())
        .take(40)
        .collect();
    let body = Selector::parse("body").expect("valid selector");
    let visible: String = doc
        .select(&body)
        .next()
        .map(text_of)
        .unwrap_or_default()
        .chars()
        .take(4000)
        .collect();
    let page = format!("{title} {visible}");
    let has = |words: &[&str]| words.iter().any(|w| page.contains(w));
    let kind = if has(&[
        "维护中",
        "系统维护",
        "升级维护",
        "正在维护",
        "系统升级",
        "暂停服务",
    ]) {
        Shown::Maintenance
    } else if has(&["登录", "登陆", "统一身份认证"]) {
        Shown::Login
    } else {
        Shown::Other
    };
    (kind, title)
}

/// A page answered 2xx that gave nothing: a 系统维护中 or login page in place of a guide, a list
/// or a JSON answer (many platforms answer so with status 200), or a guide whose labels were not
/// recognised. Said with what the page shows and its title, so that a clerk can tell the site's
/// night from a profile to mend. Returns whether the failure may pass by the next night (the site
/// under maintenance or behind a login): a guide read before then keeps its item
/// (`visit::carry_over`), as over a 503. A list page under maintenance is failed — its items were not
/// found tonight: the night's input is incomplete, not its items 已移除 — and keeps the links it
/// gave before, so that its guides are still visited.
pub(crate) fn unexpected(rec: &mut PageRecord, text: &str, prev: Option<&PageRecord>) -> bool {
    let kind = rec.target.kind;
    let list = matches!(kind, PageKind::HtmlList | PageKind::JsonList);
    let nothing = if list {
        !rec.links.iter().any(|l| l.kind.is_item())
    } else {
        kind.is_item() && rec.status == PageStatus::Failed
    };
    if !nothing
        || !text
            .trim_start_matches('\u{feff}')
            .trim_start()
            .starts_with('<')
    {
        return false;
    }
    let (shown, title) = shown(text);
    let title = if title.is_empty() {
        String::new()
    } else {
        format!("（页面标题「{title}」）")
    };
    let down = match shown {
        Shown::Maintenance => Some(format!("网站正在维护{title}")),
        Shown::Login => Some(format!("页面要求登录{title}")),
        Shown::Other => None,
    };
    let json = matches!(kind, PageKind::JsonList | PageKind::JsonDetail);
    if json && rec.status == PageStatus::Failed {
        rec.message = match &down {
            Some(d) => format!("接口返回的是网页，不是 JSON：{d}"),
            None => format!(
                "接口返回的是网页，不是 JSON{title}；请核对站点配置中的接口地址（url、detail_url）"
            ),
        };
    } else if kind == PageKind::Guide {
        rec.message = match &down {
            Some(d) => format!("{d}，没有读到事项要素"),
            None => format!(
                "页面中没有找到任何事项要素{title}；如果在浏览器里打开是正常的办事指南，\
                 请在站点配置 [guide.labels.item] 中补充页面上的标签，或用 [guide.select] 指定"
            ),
        };
    }
    let Some(down) = down else {
        return false;
    };
    if !list {
        return true;
    }
    rec.status = PageStatus::Failed;
    let before = prev
        .map(|p| p.links.iter().filter(|l| l.kind.is_item()).count())
        .unwrap_or_default();
    match prev.filter(|_| before > 0) {
        Some(p) => {
            rec.message = format!(
                "{down}，这一页以前列出 {before} 个指南，这次一个也没有；按以前的链接抓取这些指南，这一页记为失败"
            );
            rec.links.clone_from(&p.links);
            rec.etag.clone_from(&p.etag);
            rec.last_modified.clone_from(&p.last_modified);
        }
        None => rec.message = format!("{down}，没有读到列表"),
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::crawl::journal::Target;

    /// A 2xx page that gave nothing says what it shows: a JSON endpoint answering its
    /// maintenance page said "JSON 语法错误：第 1 行第 1 列应为一个值（文本要加双引号）", the
    /// advice for a hand-edited export; a guide page whose labels were not recognised says where
    /// to add them. Only a maintenance or login page passes by the next night.
    #[test]
    fn a_page_that_gave_nothing_says_what_it_shows() {
        let maintenance = "<html><head><title>系统维护中</title></head>\
                           <body><h1>系统维护中</h1><p>预计 08:00 恢复</p></body></html>";
        let target = |kind| Target {
            url: "http://zwfw.example.gov.cn/api/item/1".into(),
            kind,
            list: 0,
            page: 0,
            linked: false,
        };
        let mut rec = PageRecord::new(1, target(PageKind::JsonDetail), PageStatus::Failed);
        rec.message = "JSON 语法错误：第 1 行第 1 列应为一个值（文本要加双引号）".into();
        assert!(unexpected(&mut rec, maintenance, None));
        assert_eq!(
            rec.message,
            "接口返回的是网页，不是 JSON：网站正在维护（页面标题「系统维护中」）"
        );

        let mut rec = PageRecord::new(1, target(PageKind::Guide), PageStatus::Failed);
        let page = "<html><head><title>食品经营许可</title></head><body>\
                    <div class=\"row\"><b>承诺天数</b> 5</div></body></html>";
        assert!(!unexpected(&mut rec, page, None));
        assert!(
            rec.message.contains("（页面标题「食品经营许可」）")
                && rec.message.contains("[guide.labels.item]"),
            "{}",
            rec.message
        );

        // A list page under maintenance on its first crawl fails, saying so.
        let mut rec = PageRecord::new(1, target(PageKind::HtmlList), PageStatus::Ok);
        assert!(!unexpected(&mut rec, maintenance, None));
        assert_eq!(rec.status, PageStatus::Failed);
        assert!(rec.message.starts_with("网站正在维护"), "{}", rec.message);
    }
}
