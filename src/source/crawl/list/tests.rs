//! Tests of reading list pages: which "下一页" links lead to a next page.

use super::*;
use crate::source::crawl::profile::Profile;

/// A list `list?page={page}` with guide links `ul.items a`, and `next` as its next_selector.
fn profile(next: Option<&str>) -> CompiledProfile {
    let mut text = "name = \"x\"\nbase_url = \"http://zwfw.example.gov.cn/a/\"\n[[list]]\n\
                    url = \"list?page={page}\"\nfirst_page = 1\nlink_selector = \"ul.items a\"\n"
        .to_owned();
    if let Some(n) = next {
        text = format!("{text}next_selector = \"{n}\"\n");
    }
    toml::from_str::<Profile>(&text).unwrap().compile().unwrap()
}

fn links(pager: &str, next: Option<&str>) -> ListLinks {
    let html = format!(
        "<html><body><ul class=\"items\"><li><a href=\"guide/1.html\">事项</a></li></ul>\
         <div class=\"page\">{pager}</div></body></html>"
    );
    let page = Url::parse("http://zwfw.example.gov.cn/a/list?page=2").unwrap();
    list_links(&html, &page, &profile(next).lists[0])
}

/// h35: the last page's "下一页" that is switched off, leads nowhere, or leads to the page itself
/// is no link to a next page: not followed, not said as unfollowed, and page 3 is not linked.
#[test]
fn a_disabled_next_link_leads_nowhere() {
    let page3 = Url::parse("http://zwfw.example.gov.cn/a/list?page=3").unwrap();
    for pager in [
        r#"<a class="next disabled" href="list?page=3">下一页</a>"#,
        r#"<a class="layui-laypage-next layui-disabled" href="list?page=3">下一页</a>"#,
        r#"<ul class="pagination"><li class="disabled"><a class="next" href="list?page=3">下一页</a></li></ul>"#,
        r#"<a class="next" aria-disabled="true" href="list?page=3">下一页</a>"#,
        r#"<a class="next" href="javascript:void(0)">下一页</a>"#,
        r#"<a class="next" href="javascript:;">下一页</a>"#,
        r##"<a class="next" href="#">下一页</a>"##,
        r#"<a class="next" href="list?page=2">下一页</a>"#,
        r#"<a class="next" href="/a/list?page=2#top">下一页 &gt;</a>"#,
    ] {
        for next in [None, Some("a.next")] {
            let found = links(pager, next);
            assert_eq!(found.next, None, "{pager}");
            assert_eq!(found.unfollowed, None, "{pager}");
            assert!(!found.anchors.contains(&page3), "{pager}");
            assert_eq!(found.guides.len(), 1, "{pager}");
        }
    }
}

/// A "下一页" that works is still one: a link (followed with a next_selector, said as unfollowed
/// without), a script pager (said as one), and a pager whose current page is greyed out.
#[test]
fn a_working_next_link_still_counts() {
    let page3 = Url::parse("http://zwfw.example.gov.cn/a/list?page=3").unwrap();
    let plain = r#"<a class="next" href="list?page=3">下一页</a>"#;
    assert_eq!(links(plain, Some("a.next")).next.as_ref(), Some(&page3));
    let unfollowed = links(plain, None).unfollowed.unwrap();
    assert_eq!(unfollowed.url.as_ref(), Some(&page3));
    assert_eq!(unfollowed.selector.as_deref(), Some("a.next"));
    for script in [
        r#"<a href="javascript:goPage(3)">下一页</a>"#,
        r#"<a href="javascript:void(0)" onclick="goPage(3)">下一页</a>"#,
        r##"<a href="#" onclick="turnPage(3);return false;">下一页</a>"##,
    ] {
        let n = links(script, None).unfollowed;
        assert!(n.is_some_and(|n| n.url.is_none()), "{script}");
    }
    let pager = r#"<ul class="pagination"><li><a href="list?page=1">1</a></li>
        <li class="active disabled"><a href="list?page=2">2</a></li>
        <li><a href="list?page=3">3</a></li></ul>"#;
    assert!(links(pager, None).anchors.contains(&page3));
}
