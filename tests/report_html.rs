//! The HTML report: self-contained (nothing fetched), hostile item text escaped, the parts a
//! reader needs present.

mod report_fixture;

use report_fixture::{COUNTY, HOSTILE_UNIT, IMG_MESSAGE, MARKET, SCRIPT_NAME, report};
use zwfw_audit::report::html::{PAGE, render};

fn page() -> String {
    render(&report()).unwrap()
}

/// Every value of `attr="…"` in the page.
fn attr_values<'a>(html: &'a str, attr: &str) -> Vec<&'a str> {
    let needle = format!("{attr}=\"");
    html.match_indices(&needle)
        .map(|(i, _)| {
            let rest = &html[i + needle.len()..];
            &rest[..rest.find('"').unwrap()]
        })
        .collect()
}

/// The markup tags of the page (`<…>`). Item text is escaped, so a `<` in it never starts one.
fn tags(html: &str) -> Vec<&str> {
    html.split('<')
        .skip(1)
        .map(|t| &t[..t.find('>').unwrap_or(t.len())])
        .collect()
}

/// The text between `<tag>` and `</tag>`.
fn block<'a>(html: &'a str, tag: &str) -> &'a str {
    let start = html.find(&format!("<{tag}>")).unwrap();
    let end = html.find(&format!("</{tag}>")).unwrap();
    &html[start..end]
}

#[test]
fn nothing_is_loaded_from_anywhere() {
    let html = page();
    let tags = tags(&html);
    for tag in &tags {
        let lower = tag.to_lowercase();
        for banned in [
            "src=", "url(", "link ", "iframe", "object", "embed", "xmlns",
        ] {
            assert!(!lower.contains(banned), "tag <{tag}> contains {banned}");
        }
        if lower.contains("href=") {
            let hrefs = attr_values(tag, "href");
            assert!(hrefs.iter().all(|h| h.starts_with('#')), "<{tag}>");
        }
    }
    assert!(tags.iter().any(|t| t.contains("href=\"#rule-B13\"")));
    for code in [block(&html, "style"), block(&html, "script")] {
        let lower = code.to_lowercase();
        for banned in [
            "url(",
            "@import",
            "http:",
            "https:",
            "fetch(",
            "xmlhttprequest",
            "import(",
        ] {
            assert!(!lower.contains(banned), "inline code contains {banned}");
        }
    }
    assert!(html.contains("http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"));
    // The one script and the one style are inline.
    let lower = html.to_lowercase();
    assert_eq!(lower.matches("<script").count(), 1);
    assert_eq!(lower.matches("</script").count(), 1);
    assert_eq!(lower.matches("<style").count(), 1);
}

#[test]
fn hostile_item_text_is_escaped() {
    let html = page();
    for raw in [
        "<script>alert(1)",
        "alert(3)</script>",
        "<img src=x",
        "onerror=alert(2)>",
    ] {
        assert!(!html.contains(raw), "unescaped {raw:?}");
    }
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;&#x2f;script&gt;食品经营许可"),
        "item name"
    );
    assert!(
        html.contains("&quot;&gt;&lt;img src=x onerror=alert(2)&gt;"),
        "message"
    );
    // In attributes too: the unit filter and the row's data-unit.
    let escaped_unit = "东至县&lt;&#x2f;script&gt;&lt;script&gt;alert(3)&lt;&#x2f;script&gt;";
    assert!(html.contains(&format!("data-unit=\"{escaped_unit}\"")));
    assert!(html.contains(&format!("<option value=\"{escaped_unit}\">")));
    assert!(SCRIPT_NAME.contains('<') && IMG_MESSAGE.contains('<') && HOSTILE_UNIT.contains('<'));
}

#[test]
fn overview_charts_table_and_rule_docs_are_there() {
    let report = report();
    let html = page();
    // Overview: scored units with score / full marks and interval, the unscored one says so.
    assert!(html.contains(&format!("<td>{MARKET}</td><td>市直部门</td>")));
    assert!(html.contains("<b>9.33</b> / 14"), "14 × (1 − 3/9)");
    assert!(html.contains("<b>3.20</b> / 8"), "8 × (1 − 3/5)");
    assert!(
        html.contains("4.90 – 12.32"),
        "score interval of the department"
    );
    assert!(html.contains("未评分"));
    // Score chart: one bar per scored unit, best first, with whiskers.
    let score_chart = &html[html.find("aria-label=\"各单位得分\"").unwrap()..];
    let score_chart = &score_chart[..score_chart.find("</svg>").unwrap()];
    assert_eq!(score_chart.matches("<rect").count(), 2);
    assert!(score_chart.find(MARKET).unwrap() < score_chart.find(COUNTY).unwrap());
    assert_eq!(score_chart.matches("class=\"whisker\"").count(), 6);
    // Failing elements: B15 (3 items) before B13 (2) before B14 (1).
    let el = &html[html.find("aria-label=\"不通过最多的要素\"").unwrap()..];
    let (b15, b13, b14) = (
        el.find("B15 电话准确性").unwrap(),
        el.find("B13 咨询电话").unwrap(),
        el.find("B14 监督电话").unwrap(),
    );
    assert!(b15 < b13 && b13 < b14);
    // Findings table: one row per finding, with filters.
    assert_eq!(
        html.matches("<tr data-unit=").count(),
        report.findings.len()
    );
    for id in ["f-unit", "f-element", "f-severity", "f-text"] {
        assert!(html.contains(&format!("id=\"{id}\"")), "{id}");
    }
    // Rule docs rendered from the registry, escaped Markdown.
    assert!(html.contains("<details id=\"rule-B13\">"));
    assert!(html.contains("<h4>检查内容</h4>"));
    assert!(!html.contains("What it checks"));
    // Unreadable item with its reason.
    assert!(html.contains("医疗器械经营许可") && html.contains("字段类型错误"));
}

#[test]
fn large_reports_show_one_page_of_findings() {
    let mut report = report();
    let f = report.findings[0].clone();
    report.findings = (0..PAGE + 50).map(|_| f.clone()).collect();
    let html = render(&report).unwrap();
    assert_eq!(html.matches("<tr data-unit=").count(), PAGE + 50);
    assert_eq!(
        html.matches("\" hidden>").count(),
        50,
        "rows past the first page start hidden"
    );
    assert!(
        html.contains("<p id=\"more-wrap\">"),
        "the more button is visible"
    );
}

#[test]
fn unscored_report_charts_error_counts() {
    let mut report = report();
    report.scores.clear();
    let html = render(&report).unwrap();
    assert!(html.contains("各单位错误数（未评分）"));
    assert!(html.contains("本次运行<b>未评分</b>"));
    assert!(!html.contains("class=\"whisker\""));
}

/// A census has no sampling error, so no one-point interval (`4.2%–4.2%`) is shown; a county's
/// 编制完整 points are in the units table (they were only printed on the terminal).
#[test]
fn a_census_says_so_and_a_county_shows_its_completeness() {
    let mut report = report();
    let county = report
        .scores
        .iter_mut()
        .find(|s| s.kind == zwfw_audit::unit::UnitKind::County)
        .unwrap();
    county.rate_low = county.rate;
    county.rate_high = county.rate;
    county.score_low = county.score;
    county.score_high = county.score;
    county.completeness = Some(zwfw_audit::score::Completeness {
        power_missing: 2,
        power_points: 0.3,
        public_missing: 0,
        public_points: 0.5,
    });
    let html = render(&report).unwrap();
    assert!(html.contains("全部检查，无抽样误差"));
    assert!(html.contains("<td>权力 0.3（缺 2 项）；公共服务 0.5</td>"));
    assert!(
        html.contains("4.90 – 12.32"),
        "the sampled department keeps its interval"
    );
}
