//! Sections that are not tables, read through the whole guide reader (h33 cases).

use url::Url;

use crate::model::Item;
use crate::source::crawl::html::extract_guide;
use crate::source::crawl::profile::{CompiledProfile, Profile};

fn profile(guide: &str) -> CompiledProfile {
    let p: Profile = toml::from_str(&format!(
        "name = \"t\"\nbase_url = \"http://127.0.0.1:1/\"\n[[list]]\nurl = \"l\"\n{guide}"
    ))
    .unwrap();
    p.compile().unwrap()
}

fn read(html: &str, guide: &str) -> Item {
    let page = Url::parse("http://127.0.0.1:1/g/1.html").unwrap();
    extract_guide(html, &page, &profile(guide))
}

const XJ: &str = "[guide]\nsection_selector = \"p > strong\"\n";

/// 县级 xj-3: the label cell `<strong>申请材料</strong><strong>：</strong>` opened the section and
/// the `：` run closed it again, so the tables nested in the value cells were lost.
#[test]
fn a_colon_only_heading_neither_opens_nor_closes() {
    let html = r#"<table border="1">
<tr><td><p><strong><span>事项名称</span></strong><strong>：</strong></p></td><td colspan="3"><p>医疗机构设置审批</p></td></tr>
<tr><td><p><strong><span>申请材料</span></strong><strong>：</strong></p></td><td colspan="3"><table border="1">
<tr><td><p><strong>序号</strong></p></td><td><p><strong>材料名称</strong></p></td><td><p><strong>份数</strong></p></td></tr>
<tr><td><p>1</p></td><td><p>设置医疗机构申请书</p></td><td><p>1</p></td></tr>
<tr><td><p>2</p></td><td><p>可行性研究报告</p></td><td><p>1</p></td></tr></table></td></tr>
<tr><td><p><strong><span>办理流程</span></strong><strong>：</strong></p></td><td colspan="3"><table border="1">
<tr><td><p><strong>步骤</strong></p></td><td><p><strong>办理环节</strong></p></td><td><p><strong>承办人</strong></p></td></tr>
<tr><td><p>1</p></td><td><p>受理</p></td><td><p>窗口工作人员</p></td></tr></table></td></tr>
<tr><td><p><strong><span>收费标准</span></strong><strong>：</strong></p></td><td colspan="3"><p>不收费</p></td></tr>
</table>
<p><strong>二、其他</strong><strong> ： </strong></p>
<table><tr><th>材料名称</th><th>份数</th></tr><tr><td>不是材料</td><td>1</td></tr></table>"#;
    let item = read(html, XJ);
    let names: Vec<&str> = item.materials.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, ["设置医疗机构申请书", "可行性研究报告"]);
    assert_eq!(item.steps.len(), 1);
    assert_eq!(item.steps[0].handler, "窗口工作人员");
    assert_eq!(item.name, "医疗机构设置审批");
    assert!(item.fees.is_empty());
}

/// 安徽 and 县级 FAQs as 问/答 paragraphs under the 常见问题 heading.
#[test]
fn faq_paragraphs_are_read() {
    let ah = r#"<div class="guide-block"><div class="guide-title"><i></i>常见问题</div>
<div class="faq-list">
<div class="faq-item"><p class="faq-q"><span class="q">问：</span>办理需要多久？</p><p class="faq-a"><span class="a">答：</span>承诺5个工作日办结。</p></div>
<div class="faq-item"><p class="faq-q"><span class="q">问：</span>可以网上办理吗？</p><p class="faq-a"><span class="a">答：</span>可以。</p><p class="faq-a">登录皖事通办提交。</p></div>
</div></div>
<div class="footer"><p>主办单位：安徽省人民政府办公厅</p></div>"#;
    let item = read(ah, "[guide]\nsection_selector = \"div.guide-title\"\n");
    assert_eq!(item.faqs.len(), 2, "{:?}", item.faqs);
    assert_eq!(item.faqs[0].question, "办理需要多久？");
    assert_eq!(item.faqs[0].answer, "承诺5个工作日办结。");
    assert_eq!(item.faqs[1].answer, "可以。登录皖事通办提交。");

    let xj = r#"<p><strong>四、收费标准</strong></p><p>问：不在常见问题下</p><p>答：不读</p>
<p><strong>五、常见问题</strong></p>
<p style="text-indent:2em">1.问：需要本人到场吗？</p>
<p style="text-indent:2em">答：需要。</p>
<p style="text-indent:2em">2、问题：是否收费？</p>
<p style="text-indent:2em">解答：不收费。</p>
<p>（3）Q: 在哪里办？</p><p>A：政务服务中心3号窗口。</p>"#;
    let item = read(xj, XJ);
    let qa: Vec<(&str, &str)> = item
        .faqs
        .iter()
        .map(|f| (f.question.as_str(), f.answer.as_str()))
        .collect();
    assert_eq!(
        qa,
        [
            ("需要本人到场吗？", "需要。"),
            ("是否收费？", "不收费。"),
            ("在哪里办？", "政务服务中心3号窗口。"),
        ]
    );
}

/// A FAQ table still wins, and prose under 常见问题 without 问/答 is no FAQ.
#[test]
fn faq_tables_and_prose_are_unchanged() {
    let html = "<h3>常见问题</h3><p>问：段落里的问题</p><p>答：段落里的回答</p>
<table><tr><th>问题</th><th>解答</th></tr><tr><td>表里的问题</td><td>表里的回答</td></tr></table>";
    let item = read(html, "");
    assert_eq!(item.faqs.len(), 1);
    assert_eq!(item.faqs[0].question, "表里的问题");
    let prose = "<h3>常见问题</h3><p>暂无常见问题。</p><p>答疑请拨打12345。</p>";
    assert!(read(prose, "").faqs.is_empty());
}

/// 广东 steps as a process list with labelled parts.
#[test]
fn steps_in_a_list_are_read() {
    let html = r#"<div class="section"><div class="section-title">办理流程</div>
<ul class="process-list">
<li class="process-item"><div class="process-name"><i class="num">1</i>受理</div>
<div class="process-info"><p><span class="label">办理人：</span>综合受理窗口工作人员</p><p><span class="label">办理时限：</span>1个工作日</p><p><span class="label">审查标准：</span>材料齐全的予以受理</p></div></li>
<li class="process-item"><div class="process-name"><i class="num">2</i>审查</div>
<div class="process-info"><p><span class="label">办理人：</span><span>科室负责人</span></p><p><span class="label">办理时限：</span>3个工作日</p></div></li>
</ul></div>
<div class="section"><div class="section-title">收费信息</div><ul><li>不收费</li></ul></div>"#;
    let item = read(html, "");
    assert_eq!(item.steps.len(), 2);
    assert_eq!(item.steps[0].name, "受理");
    assert_eq!(item.steps[0].handler, "综合受理窗口工作人员");
    assert_eq!(item.steps[0].time_limit, "1个工作日");
    assert_eq!(item.steps[0].duties, "材料齐全的予以受理");
    assert_eq!(item.steps[1].name, "审查");
    assert_eq!(item.steps[1].handler, "科室负责人");
    // A named part wins over the text before the labels.
    let named =
        "<h3>办理流程</h3><ol><li>第一步 <b>环节名称：</b>受理 <b>办理人：</b>窗口</li></ol>";
    let item = read(named, "");
    assert_eq!(item.steps[0].name, "受理");
    assert_eq!(item.steps[0].handler, "窗口");
    // A steps table is not doubled by a list beside it; a list under another heading is no step.
    let table = "<h3>办理流程</h3><table><tr><th>办理环节</th><th>办理人</th></tr>
<tr><td>受理</td><td>窗口</td></tr></table><ul><li>温馨提示：请带原件</li></ul>
<h3>办理地点</h3><ul><li>受理</li></ul>";
    assert_eq!(read(table, "").steps.len(), 1);
    assert!(
        read("<h3>办理地点</h3><ul><li>受理</li></ul>", "")
            .steps
            .is_empty()
    );
}

/// h34: steps laid out as `div.process-item` (not `li`) gave no step; they read as list items
/// do, a plain description as the step's 办理内容.
#[test]
fn steps_in_process_item_blocks_are_read() {
    let plain = r#"<div class="section"><div class="section-title">办理流程</div>
<div class="process-list">
<div class="process-item"><div class="process-name"><i class="num">1</i>受理</div><div class="process-desc">窗口查验申请材料，材料齐全的当场受理</div></div>
<div class="process-item"><div class="process-name"><i class="num">2</i>审查</div><div class="process-desc">对申请材料进行审查</div></div>
<div class="process-item"><div class="process-name"><i class="num">3</i>决定</div><div class="process-desc">作出准予许可或不予许可的决定</div></div>
</div></div>
<div class="section"><div class="section-title">收费信息</div><div class="fee">不收费</div></div>"#;
    let item = read(plain, "");
    let names: Vec<&str> = item.steps.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["受理", "审查", "决定"]);
    assert_eq!(item.steps[0].duties, "窗口查验申请材料，材料齐全的当场受理");
    // Labelled parts in the description, as in the li layout.
    let labelled = r#"<h3>办理流程</h3><div class="steps">
<div class="step-item"><div class="step-title">1. 受理</div><div class="step-desc"><span class="label">办理人：</span>综合受理窗口<span class="label">办理时限：</span>1个工作日</div></div>
<div class="step-item"><div class="step-title">2. 办结</div><div class="step-desc"><span class="label">办理人：</span>科室负责人</div></div></div>"#;
    let item = read(labelled, "");
    assert_eq!(item.steps.len(), 2, "{:?}", item.steps);
    assert_eq!(item.steps[0].name, "受理");
    assert_eq!(item.steps[0].handler, "综合受理窗口");
    assert_eq!(item.steps[0].time_limit, "1个工作日");
    assert_eq!(item.steps[1].name, "办结");
    // Element UI steps (`el-step`, `el-step__title`, `el-step__description`).
    let el = r#"<h3>办理流程</h3><div class="el-steps"><div class="el-step"><div class="el-step__head">1</div><div class="el-step__main"><div class="el-step__title">受理</div></div></div>
<div class="el-step"><div class="el-step__head">2</div><div class="el-step__main"><div class="el-step__title">办结</div></div></div></div>"#;
    let names: Vec<String> = read(el, "")
        .steps
        .into_iter()
        .map(|s| s.name.clone())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(
        names[0].contains("受理") && names[1].contains("办结"),
        "{names:?}"
    );
    // A steps table is not doubled by blocks beside it; blocks under another heading are no step.
    let table = r#"<h3>办理流程</h3><table><tr><th>办理环节</th><th>办理人</th></tr>
<tr><td>受理</td><td>窗口</td></tr></table><div class="process-item"><div class="process-name">受理</div></div>
<h3>办理地点</h3><div class="process-item"><div class="process-name">受理</div></div>"#;
    assert_eq!(read(table, "").steps.len(), 1);
    let elsewhere =
        r#"<h3>办理地点</h3><div class="process-item"><div class="process-name">受理</div></div>"#;
    assert!(read(elsewhere, "").steps.is_empty());
    // Blocks with other classes under 办理流程 (a flow chart, a note) are no step.
    let other = r#"<h3>办理流程</h3><div class="process-img"><img src="lc.png"></div><div class="process-tip">温馨提示：请带原件</div>"#;
    assert!(
        read(other, "").steps.is_empty(),
        "{:?}",
        read(other, "").steps
    );
}

/// 浙江 tab panels titled only by their tabs.
#[test]
fn tab_panels_take_their_tabs_titles() {
    let html = r##"<ul class="tab-nav"><li class="on" data-tab="jbxx">基本信息</li><li data-tab="sqcl">申请材料</li>
<li><a href="#bllc">办理流程</a></li><li aria-controls="cjwt">常见问题</li></ul>
<div class="tab-panel on" id="jbxx"><table><tr><th>事项名称</th><td>母婴保健技术服务执业许可</td></tr></table></div>
<div class="tab-panel" id="sqcl"><table><tr><th>序号</th><th>材料名称</th><th>份数</th></tr><tr><td>1</td><td>申请表</td><td>1</td></tr></table></div>
<div class="tab-panel" id="bllc"><table><tr><th>环节名称</th><th>办理人</th></tr><tr><td>受理</td><td>窗口</td></tr></table></div>
<div class="tab-panel" id="sfbz"><p class="no-data">本事项不收费</p></div>
<div class="tab-panel" id="cjwt"><table><tr><th>序号</th><th>问题</th><th>解答</th></tr><tr><td>1</td><td>多久？</td><td>20个工作日</td></tr></table></div>"##;
    let item = read(html, "");
    assert_eq!(item.name, "母婴保健技术服务执业许可");
    assert_eq!(item.materials.len(), 1);
    assert_eq!(item.materials[0].name, "申请表");
    assert_eq!(item.steps.len(), 1);
    assert_eq!(item.faqs.len(), 1);
    assert_eq!(item.faqs[0].answer, "20个工作日");
    assert!(item.fees.is_empty());
}
