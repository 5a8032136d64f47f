//! Guide pages read into items: labels, sections, nested tables, links.

use super::*;
use crate::source::crawl::profile::Profile;

fn profile() -> CompiledProfile {
    let p: Profile =
        toml::from_str("name = \"t\"\nbase_url = \"http://127.0.0.1:1/\"\n[[list]]\nurl = \"l\"\n")
            .unwrap();
    p.compile().unwrap()
}

#[test]
fn profile_labels_and_selectors_override() {
    let p: Profile = toml::from_str(
        "name = \"t\"\nbase_url = \"http://127.0.0.1:1/\"\n[[list]]\nurl = \"l\"\n\
         [guide.labels.item]\npromised_limit = [\"承诺办理天数\"]\n\
         [guide.select]\nconsult_phone = \"#zxdh\"\n",
    )
    .unwrap();
    let page = Url::parse("http://127.0.0.1:1/g/2.html").unwrap();
    let html = r#"<table><tr><th>承诺办理天数</th><td>3个工作日</td></tr>
<tr><th>咨询电话</th><td>见下方</td></tr></table><p>咨询：<b id="zxdh">0566-2021234</b></p>
<h3>收费标准</h3><p>不收费</p><h3>其他信息</h3><table><tr><th>设定依据</th><td>《食品安全法》第三十五条</td></tr></table>"#;
    let item = extract_guide(html, &page, &p.compile().unwrap());
    assert_eq!(item.promised_limit, "3个工作日");
    assert_eq!(item.consult_phone, "0566-2021234");
    // A heading without a table closes its section: the next table is not read as fees.
    assert!(item.fees.is_empty());
    assert_eq!(item.legal_basis, "《食品安全法》第三十五条");
}

/// Materials and steps in a table nested in the value cell of a label/value table, and a
/// materials table wrapped in a layout table under its heading: both were read as no
/// material at all.
#[test]
fn nested_section_tables_are_read() {
    let page = Url::parse("http://127.0.0.1:1/art/2026/art_1003.html").unwrap();
    let html = r#"<table class="bszn">
<tr><td class="label">事项名称：</td><td>药品零售企业许可</td></tr>
<tr><td class="label">收费标准：</td><td>不收费</td></tr>
<tr><td class="label">申请材料：</td><td><table class="inner">
  <tr><th>材料名称</th><th>来源渠道</th><th>纸质材料份数</th></tr>
  <tr><td>药品经营许可证申请表</td><td>申请人自备</td><td>1</td></tr>
  <tr><td>执业药师注册证</td><td>政府部门核发</td><td>1</td></tr></table></td></tr>
<tr><th>办理流程</th><td><table><tr><th>办理环节</th><th>审批人</th></tr>
  <tr><td>受理</td><td>窗口人员</td></tr></table></td></tr>
<tr><td class="label">承诺办结时限：</td><td>15个工作日</td></tr>
</table>
<h3>常见问题</h3><table width="100%"><tr><td><table>
<tr><th>问题</th><th>解答</th></tr><tr><td>要多久？</td><td>15个工作日</td></tr></table></td></tr></table>
<table><tr><th>材料名称</th><th>份数</th></tr><tr><td>不是材料表</td><td>1</td></tr></table>"#;
    let item = extract_guide(html, &page, &profile());
    assert_eq!(item.name, "药品零售企业许可");
    assert_eq!(item.promised_limit, "15个工作日");
    let names: Vec<&str> = item.materials.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, ["药品经营许可证申请表", "执业药师注册证"]);
    assert_eq!(item.materials[1].source_channel, "政府部门核发");
    assert_eq!(item.steps.len(), 1);
    assert_eq!(item.steps[0].handler, "窗口人员");
    assert_eq!(item.faqs.len(), 1);
    assert_eq!(item.faqs[0].answer, "15个工作日");
    // 收费标准 beside a plain value opens no section: the table after it is not fees.
    assert!(item.fees.is_empty());
}

/// h33 (广东): the sample opened by a script, `href="javascript:void(0)"
/// onclick="previewFile('/gdbs/attach/…')"`, was stored as the word 预览 (M07: no sample).
#[test]
fn a_file_a_script_link_opens_is_the_link() {
    let p: Profile = toml::from_str(
        "name = \"t\"\nbase_url = \"http://127.0.0.1:1/\"\nhosts = [\"files.example.gov.cn\"]\n[[list]]\nurl = \"l\"\n",
    )
    .unwrap();
    let page = Url::parse("http://127.0.0.1:1/gdbs/guide/2.html").unwrap();
    let row = |name: &str, form: &str, sample: &str| {
        format!("<tr><td>{name}</td><td>{form}</td><td>{sample}</td></tr>")
    };
    let html = format!(
        "<h3>申请材料</h3><table><tr><th>材料名称</th><th>空白表格</th><th>示例样表</th></tr>{}{}{}{}{}</table>",
        row(
            "申请表",
            r#"<a href="javascript:void(0)" onclick="downloadFile('/gdbs/attach/zz-sqb.docx');return false;">下载</a>"#,
            r#"<a href="javascript:void(0)" onclick="previewFile('/gdbs/attach/zz-sqb-yb.pdf')">预览</a>"#
        ),
        row(
            "营业执照",
            r#"<a href="javascript:window.open('https://files.example.gov.cn/a/1.pdf')">下载</a>"#,
            r#"<a href="javascript:void(0)" onclick="previewFile('http://elsewhere.example.com/x.pdf')">预览</a>"#
        ),
        row(
            "委托书",
            r#"<a href="javascript:void(0)" onclick="preview(3, 'pdf')">下载</a>"#,
            r#"<a href="javascript:void(0)" onclick="preview('8a9f3c21')">预览</a>"#
        ),
        row(
            "身份证",
            r#"<a href="javascript:;" onclick='showFile("attach/sfz-yb.jpg")'>预览</a>"#,
            "无"
        ),
        row("户口簿", r#"<a href="/gdbs/attach/hkb.doc">下载</a>"#, ""),
    );
    let item = extract_guide(&html, &page, &p.compile().unwrap());
    let m = &item.materials;
    assert_eq!(
        m[0].blank_form,
        "http://127.0.0.1:1/gdbs/attach/zz-sqb.docx"
    );
    assert_eq!(m[0].sample, "http://127.0.0.1:1/gdbs/attach/zz-sqb-yb.pdf");
    assert_eq!(m[1].blank_form, "https://files.example.gov.cn/a/1.pdf");
    // Another host than the profile's: the word, as before.
    assert_eq!(m[1].sample, "预览");
    assert_eq!(m[2].blank_form, "下载");
    assert_eq!(m[2].sample, "预览");
    assert_eq!(
        m[3].blank_form,
        "http://127.0.0.1:1/gdbs/guide/attach/sfz-yb.jpg"
    );
    assert_eq!(m[3].sample, "无");
    assert_eq!(m[4].blank_form, "http://127.0.0.1:1/gdbs/attach/hkb.doc");
}

#[test]
fn labels_and_sections_are_read() {
    let page = Url::parse("http://127.0.0.1:1/g/1.html").unwrap();
    let html = r#"<html><body>
<table><tr><th>事项名称</th><td>食品经营许可</td><th>承诺时限（工作日）</th><td>5个工作日</td></tr>
<tr><td>联系电话</td><td>0566-2021234</td></tr></table>
<dl><dt>监督投诉电话：</dt><dd> 0566-12345 </dd></dl>
<p><span class="label">受理地点：</span><span>池州市长江中路1号3号窗口</span></p>
<h3>一、申请材料</h3>
<table><tr><th>材料名称</th><th>出具单位</th><th>空白表格</th></tr>
<tr><td>食品经营许可申请表</td><td>申请人</td><td><a href="/files/1.docx">下载</a></td></tr></table>
<div class="tit">常见问题</div>
<table><tr><td>问题</td><td>答复</td></tr><tr><td>要多久？</td><td>5个工作日</td></tr></table>
</body></html>"#;
    let item = extract_guide(html, &page, &profile());
    assert_eq!(item.name, "食品经营许可");
    assert_eq!(item.promised_limit, "5个工作日");
    assert_eq!(item.consult_phone, "0566-2021234");
    assert_eq!(item.supervise_phone, "0566-12345");
    assert_eq!(item.address, "池州市长江中路1号3号窗口");
    assert_eq!(item.materials.len(), 1);
    assert_eq!(item.materials[0].source_desc, "申请人");
    assert_eq!(
        item.materials[0].blank_form,
        "http://127.0.0.1:1/files/1.docx"
    );
    assert_eq!(item.faqs[0].answer, "5个工作日");
    assert!(item.subject.is_empty());
}

/// h33 (安徽): the materials column 是否必需 was not read as 材料必要性 without a profile label.
#[test]
fn material_columns_by_their_common_names() {
    let page = Url::parse("http://127.0.0.1:1/g/3.html").unwrap();
    let html = r"<h3>申请材料</h3><table>
<tr><th>序号</th><th>材料名称</th><th>来源渠道</th><th>出具单位</th><th>材料类型</th><th>材料形式</th><th>份数</th><th>是否必需</th><th>填报须知</th></tr>
<tr><td>1</td><td>取水许可申请书</td><td>申请人自备</td><td>申请人</td><td>原件</td><td>纸质</td><td>1</td><td>必需</td><td>A4纸打印</td></tr>
</table><h3>其他材料</h3><table><tr><th>材料名称</th><th>是否必交</th></tr><tr><td>委托书</td><td>容缺</td></tr></table>";
    let item = extract_guide(html, &page, &profile());
    let m = &item.materials[0];
    assert_eq!(m.name, "取水许可申请书");
    assert_eq!(m.required, "必需");
    assert_eq!(m.source_desc, "申请人");
    assert!(m.extra.is_empty(), "{:?}", m.extra);
}

/// h33 (安徽): headings written `<div class="guide-title">申请材料</div>` are no default section
/// heading; the page gave no material and its log line said nothing of it. It now names the
/// headings and the selector to write; with it the materials are read and nothing is said.
#[test]
fn a_section_heading_with_no_rows_is_said() {
    let page = Url::parse("http://127.0.0.1:1/g/4.html").unwrap();
    let html = r#"<h2 class="sxmc">取水许可</h2>
<div class="guide-title">申请材料</div><table><tr><th>材料名称</th><th>份数</th></tr>
<tr><td>取水许可申请书</td><td>1</td></tr></table>
<div class="guide-title">办理流程</div><table><tr><th>环节名称</th><th>办理人</th></tr>
<tr><td>受理</td><td>窗口人员</td></tr></table>
<div class="guide-title">常见问题</div><p>问：要多久？</p><p>答：20个工作日。</p>"#;
    let (item, gaps) = read_guide(html, &page, &profile());
    assert!(item.materials.is_empty());
    assert!(
        gaps.contains("「申请材料」「办理流程」「常见问题」标题，但没有读到其中的行")
            && gaps.contains("section_selector 中加上 div.guide-title"),
        "{gaps}"
    );
    let p: Profile = toml::from_str(
        "name = \"t\"\nbase_url = \"http://127.0.0.1:1/\"\n[[list]]\nurl = \"l\"\n\
         [guide]\nsection_selector = \"h3, div.guide-title\"\n",
    )
    .unwrap();
    let (item, gaps) = read_guide(html, &page, &p.compile().unwrap());
    assert_eq!(item.materials.len(), 1);
    assert_eq!(item.steps.len(), 1);
    // The FAQ as 问：/答： paragraphs is still no table.
    assert!(
        gaps.contains("「常见问题」") && !gaps.contains("申请材料"),
        "{gaps}"
    );
    // A page without those headings says nothing.
    let (_, gaps) = read_guide(
        "<table><tr><th>事项名称</th><td>取水许可</td></tr></table>",
        &page,
        &profile(),
    );
    assert_eq!(gaps, "");
}
