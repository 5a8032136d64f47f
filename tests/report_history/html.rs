//! The HTML report with history: 状态 column and filter, unit counts, trend SVG, closed-findings
//! section, hostile history text escaped; and no history markup without history.

use zwfw_audit::report::html;

use super::{GC, RS, SJ, night3};

/// The trend figures, in unit order, as (caption text, SVG).
fn trend_figures(page: &str) -> Vec<&str> {
    page.split("<figure class=\"trend\">").skip(1).collect()
}

#[test]
fn html_shows_status_counts_trend_and_fixed_findings() {
    let report = night3();
    let page = html::render(&report).unwrap();
    assert!(page.contains("<th>状态</th>"));
    assert!(page.contains("<select id=\"f-status\">"));
    assert!(
        page.contains("status.value"),
        "the status-aware filter script is inlined"
    );
    // Every finding row carries its status for the filter, and its label.
    assert_eq!(
        page.matches(" data-status=\"").count(),
        report.findings.len() + 2
    );
    assert!(page.contains(">未整改（4天）</span>"));
    assert!(page.contains(">新增</span>"));
    // Units table: 新增 / 未整改 / 已整改 / 已移除 columns.
    assert!(page.contains("<th>新增</th><th>未整改</th><th>已整改</th><th>已移除</th>"));
    let sj_row = page.split(&format!("<td>{SJ}</td>")).nth(1).unwrap();
    let sj_row = &sj_row[..sj_row.find("</tr>").unwrap()];
    let counts: Vec<&str> = sj_row
        .split("<td class=\"num\">")
        .skip(1)
        .map(|c| &c[..c.find("</td>").unwrap()])
        .collect();
    // 事项数, 有错误的事项, 错误, 提示, then 新增 1, 未整改 1, 已整改 1, 已移除 0.
    assert_eq!(counts[4..8], ["1", "1", "1", "0"], "{sj_row}");

    // One trend chart per unit, one point per run (3 nights), no score line (not scored).
    let figures = trend_figures(&page);
    assert_eq!(figures.len(), 3);
    for (fig, unit) in figures.iter().zip([RS, SJ, GC]) {
        let fig = &fig[..fig.find("</figure>").unwrap()];
        assert!(fig.contains(&format!("<b>{unit}</b>")), "{fig}");
        assert_eq!(fig.matches("<circle class=\"pt-err\"").count(), 3, "{unit}");
        assert_eq!(
            fig.matches("<circle class=\"pt-score\"").count(),
            0,
            "{unit}"
        );
        assert_eq!(fig.matches("<polyline").count(), 1, "{unit}");
        assert!(fig.contains(">11-20</text>") && fig.contains(">11-24</text>"));
    }
    // 人社局's errors 1, 2, 3: the highest point is at the top of the plot, the lowest lower.
    let rs = figures[0];
    assert!(rs.contains("<title>2026-11-24（运行 n3）：错误 3 条</title>"));
    let line = rs.split("class=\"trend-err\" points=\"").nth(1).unwrap();
    let ys: Vec<f64> = line[..line.find('"').unwrap()]
        .split(' ')
        .map(|p| p.split(',').nth(1).unwrap().parse().unwrap())
        .collect();
    assert_eq!(ys.len(), 3);
    assert!(ys[0] > ys[1] && ys[1] > ys[2], "{ys:?}");

    // The closed findings section.
    let closed = page.split("<section id=\"closed\">").nth(1).unwrap();
    let closed = &closed[..closed.find("</section>").unwrap()];
    assert!(closed.contains("食品经营许可（变更）") && closed.contains(">已整改</span>"));
    assert!(closed.contains("食品小作坊登记") && closed.contains(">已移除</span>"));
    assert_eq!(closed.matches("<tr data-status=").count(), 2);
}

#[test]
fn scored_trend_points_get_a_score_line() {
    let mut report = night3();
    let h = std::sync::Arc::make_mut(report.history.as_mut().unwrap());
    // Scores on the last two runs of one unit only.
    let sj = h.units.iter_mut().find(|u| u.unit == SJ).unwrap();
    sj.trend[1].score = Some(11.5);
    sj.trend[2].score = Some(12.25);
    let page = html::render(&report).unwrap();
    let figures = trend_figures(&page);
    let fig = figures[1];
    assert_eq!(fig.matches("<circle class=\"pt-score\"").count(), 2);
    assert!(fig.contains("，得分 12.25</title>"));
    assert!(figures[0].matches("<circle class=\"pt-score\"").count() == 0);
}

#[test]
fn hostile_text_in_history_entries_is_escaped() {
    let mut report = night3();
    let h = std::sync::Arc::make_mut(report.history.as_mut().unwrap());
    let closed = h
        .findings
        .iter_mut()
        .find(|f| f.item_name == "食品小作坊登记")
        .unwrap();
    closed.item_name = "<script>alert('名称')</script>".into();
    closed.message = "\"><img src=x onerror=alert(1)>".into();
    closed.item_code = "</td><iframe src=javascript:alert(2)>".into();
    h.units[0].unit = "<svg onload=alert(3)>人社局".into();
    h.units[0].trend[0].run_id = "n1\"><script>alert(4)</script>".into();
    h.units[0].trend[0].started_at = "<b>昨天</b>".into();
    h.waivers.expired.push(zwfw_audit::history::Waiver {
        fingerprint: "0123456789abcdef".into(),
        reason: "<script>alert(5)</script>已报省平台".into(),
        until: "2026-11-01".into(),
        created_at: "2026-10-01T10:00:00+08:00".into(),
    });
    let page = html::render(&report).unwrap();
    for raw in [
        "<script>alert(",
        "<img src=x",
        "<iframe",
        "<svg onload",
        "<b>昨天",
    ] {
        assert!(!page.contains(raw), "{raw} not escaped");
    }
    assert!(page.contains("&lt;script&gt;alert(&#x27;名称&#x27;)&lt;&#x2f;script&gt;"));
    assert!(page.contains("&lt;svg onload=alert(3)&gt;人社局"));
    assert!(page.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"));
    assert!(
        page.contains("豁免已过期（2026-11-01 到期）：0123456789abcdef — &lt;script&gt;alert(5)")
    );

    // The same text in the Excel fix list is a plain string, guarded when formula-like.
    let h = std::sync::Arc::make_mut(report.history.as_mut().unwrap());
    let closed = h
        .findings
        .iter_mut()
        .find(|f| f.unit == GC && f.status == zwfw_audit::history::FindingStatus::Gone)
        .unwrap();
    closed.item_name = "=HYPERLINK(\"http://evil.example\",\"整改\")".into();
    let mut out = Vec::new();
    zwfw_audit::report::csv::write(&report, &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"整改\"\")\""));
}

#[test]
fn without_history_the_page_has_no_history_markup() {
    let mut report = night3();
    report.history = None;
    let page = html::render(&report).unwrap();
    for marker in [
        "<th>状态</th>",
        "id=\"f-status\"",
        "data-status=",
        "id=\"trend\"",
        "id=\"closed\"",
        "<th>新增</th>",
        ".trend-err",
    ] {
        assert!(!page.contains(marker), "{marker}");
    }
    assert!(page.contains("severity.value"), "the filter script");
}
