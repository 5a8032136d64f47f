//! Tests of the extraction of a guide page.

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

fn profile_with(guide: &str) -> CompiledProfile {
    let p: Profile = toml::from_str(&format!(
        "name = \"t\"\nbase_url = \"http://127.0.0.1:1/\"\n[[list]]\nurl = \"l\"\n[guide]\n{guide}\n"
    ))
    .unwrap();
    p.compile().unwrap()
}

fn page() -> Url {
    Url::parse("http://127.0.0.1:1/bszn/art/2024/6/art_1.html").unwrap()
}

/// h33 (浙江 窗口信息): a row of labels over a row of values was read label by label, each label
/// taking the next label as its value (办理地点 = "办理时间").
#[test]
fn a_row_of_labels_pairs_with_the_row_below() {
    let html = r#"<table><tr><td class="bg">事项名称</td><td>母婴保健技术服务执业许可</td>
<td class="bg">是否收费</td><td>收费</td></tr></table>
<div id="ckxx"><table class="bszn-table list">
<tr><th>办理地点</th><th>办理时间</th><th>咨询电话</th><th>监督投诉电话</th></tr>
<tr><td>池州市贵池区长江中路89号池州市政务服务中心二楼（27号窗口）</td>
<td>周一至周五 上午9:00-12:00</td><td>0566-2022361</td><td>0566-12345</td></tr>
</table></div>"#;
    let item = extract_guide(html, &page(), &profile());
    assert_eq!(item.name, "母婴保健技术服务执业许可");
    // A value that happens to name the label's own element is still a value.
    assert_eq!(item.charged, "收费");
    assert_eq!(
        item.address,
        "池州市贵池区长江中路89号池州市政务服务中心二楼（27号窗口）"
    );
    assert_eq!(item.hours, "周一至周五 上午9:00-12:00");
    assert_eq!(item.consult_phone, "0566-2022361");
    assert_eq!(item.supervise_phone, "0566-12345");

    // A header row with a column no element is named by still pairs by column; a row whose
    // cells are not all labels or header cells gives the label beside a label nothing.
    let html = r"<table><tr><th>办理地点</th><th>办理时间</th><th>备注</th></tr>
<tr><td>东至县政务服务中心一楼8号窗口</td><td>工作日</td><td>无</td></tr></table>
<table><tr><th>咨询电话</th><th>监督投诉电话</th><td>0566-7021345</td></tr></table>";
    let item = extract_guide(html, &page(), &profile());
    assert_eq!(item.address, "东至县政务服务中心一楼8号窗口");
    assert_eq!(item.hours, "工作日");
    assert_eq!(item.consult_phone, "");
    assert_eq!(item.supervise_phone, "0566-7021345");
}

/// h33 (县级 Word tables): a group label spanning two rows (`咨询方式` over 咨询电话 and 监督投诉电话)
/// took its sub-label as its value (咨询电话 = "咨询电话 ：").
#[test]
fn a_group_label_gives_way_to_its_sub_labels() {
    let html = r#"<div class="TRS_Editor"><table>
<tr><td rowspan="2" width="120"><p align="center"><strong>办理时限</strong></p></td><td><p><strong><span>法定办结时限</span></strong><strong>：</strong></p></td><td colspan="2"><p><span>20日</span></p></td></tr>
<tr><td><p><strong><span>承诺办结时限</span></strong><strong>：</strong></p></td><td colspan="2"><p><span>10个工作日</span></p></td></tr>
<tr><td rowspan="2" width="120"><p align="center"><strong>咨询方式</strong></p></td><td><p align="center"><strong><span>咨询电话</span></strong><strong>：</strong></p></td><td colspan="2"><p><span>0566-7023516</span></p></td></tr>
<tr><td><p align="center"><strong><span>监督投诉电话</span></strong><strong>：</strong></p></td><td colspan="2"><p><span>0566-7021345</span></p></td></tr>
</table></div>"#;
    for p in [
        profile(),
        profile_with(
            "section_selector = \"div.TRS_Editor > p > strong\"\n\
             label_selector = \"th, td, dt, label, span.label, .label, p > strong\"",
        ),
    ] {
        let item = extract_guide(html, &page(), &p);
        assert_eq!(item.consult_phone, "0566-7023516");
        assert_eq!(item.supervise_phone, "0566-7021345");
        assert_eq!(item.legal_limit, "20日");
        assert_eq!(item.promised_limit, "10个工作日");
    }
}

const MATERIAL_HEADER: &str = "<tr><th>序号</th><th>材料名称</th><th>来源渠道</th><th>出具单位</th><th>材料类型</th><th>材料形式</th><th>份数</th><th>是否必要</th><th>空白表格</th><th>示例样表</th><th>填报须知</th></tr>";

fn material_row(n: u32, name: &str, channel: &str, issuer: &str) -> String {
    format!(
        "<tr><td>{n}</td><td>{name}</td><td>{channel}</td><td>{issuer}</td><td>复印件</td><td>纸质和电子</td><td>1</td><td>必要</td><td>--</td><td>--</td><td>提供原件核验</td></tr>"
    )
}

/// h33 (江苏): a materials header of two rows with merged cells (`来源渠道` over 来源渠道 and 出具单位,
/// `材料要求` over four columns) gave a material named 出具单位 and shifted every column.
#[test]
fn a_two_row_header_names_each_column_by_its_lowest_cell() {
    let html = r#"<h3>二、申请材料</h3>
<table class="table_bszn" border="1">
<tr><th rowspan="2">序号</th><th rowspan="2">材料名称</th><th colspan="2">来源渠道</th><th colspan="4">材料要求</th><th rowspan="2">空白表格</th><th rowspan="2">示例样表</th><th rowspan="2">填报须知</th></tr>
<tr><th>来源渠道</th><th>出具单位</th><th>材料类型</th><th>材料形式</th><th>份数</th><th>是否必要</th></tr>
<tr><td>1</td><td>民办非企业单位成立登记申请书</td><td rowspan="1">申请人自备</td><td>申请人</td><td>原件</td><td>纸质和电子</td><td>1</td><td>必要</td><td><a href="../../download/mfqy-sqs.docx">民办非企业单位成立登记申请书.docx</a></td><td><a href="../../download/mfqy-sqs-yb.pdf">示例样表</a></td><td>使用黑色签字笔填写</td></tr>
<tr><td>2</td><td>业务主管单位的批准文件</td><td rowspan="1">政府部门核发</td><td>业务主管单位</td><td>原件</td><td>纸质和电子</td><td>1</td><td>必要</td><td>--</td><td>--</td><td>A4纸张打印</td></tr>
</table>
<h3>三、收费标准</h3>
<table><tr><th>收费项目名称</th><th>收费标准</th><th>收费依据</th></tr>
<tr><td colspan="3" align="center">不收费</td></tr></table>"#;
    let item = extract_guide(html, &page(), &profile());
    let names: Vec<&str> = item.materials.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(
        names,
        ["民办非企业单位成立登记申请书", "业务主管单位的批准文件"]
    );
    let m = &item.materials[0];
    assert_eq!(m.source_channel, "申请人自备");
    assert_eq!(m.source_desc, "申请人");
    assert_eq!(m.material_type, "原件");
    assert_eq!(m.form, "纸质和电子");
    assert_eq!(m.copies, "1");
    assert_eq!(m.required, "必要");
    assert_eq!(
        m.blank_form,
        "http://127.0.0.1:1/bszn/art/download/mfqy-sqs.docx"
    );
    assert_eq!(
        m.sample,
        "http://127.0.0.1:1/bszn/art/download/mfqy-sqs-yb.pdf"
    );
    assert_eq!(m.notes, "使用黑色签字笔填写");
    assert_eq!(item.materials[1].source_desc, "业务主管单位");
    // A row of one cell across the table is no record.
    assert!(item.fees.is_empty());
}

/// h33 (jsv-1): a cell spanning two rows in a data column (`政府部门核发`) shifted the next row's
/// cells one column to the left.
#[test]
fn a_cell_spanning_rows_stands_in_each() {
    let html = format!(
        "<h3>二、申请材料</h3><table>{MATERIAL_HEADER}{}\
<tr><td>2</td><td>考核合格证</td><td rowspan=\"2\">政府部门核发</td><td>应急管理部门</td><td>复印件</td><td>纸质和电子</td><td>1</td><td>必要</td><td>--</td><td>--</td><td>提供原件核验</td></tr>\
<tr><td>3</td><td>经营场所产权证明</td><td>不动产登记机构</td><td>复印件</td><td>纸质和电子</td><td>2</td><td>必要</td><td>--</td><td>--</td><td>提供原件核验</td></tr>\
{}</table>",
        material_row(1, "申请表", "申请人自备", "申请人"),
        material_row(4, "规章制度目录清单", "申请人自备", "申请人"),
    );
    let item = extract_guide(&html, &page(), &profile());
    assert_eq!(item.materials.len(), 4);
    let m = &item.materials[2];
    assert_eq!(m.name, "经营场所产权证明");
    assert_eq!(m.source_channel, "政府部门核发");
    assert_eq!(m.source_desc, "不动产登记机构");
    assert_eq!(m.material_type, "复印件");
    assert_eq!(m.copies, "2");
    assert_eq!(m.required, "必要");
    assert_eq!(m.notes, "提供原件核验");
    assert_eq!(item.materials[3].source_channel, "申请人自备");
    assert_eq!(item.materials[3].source_desc, "申请人");
}

/// h33 (jsv-5): a merged title row above the header (`申请材料目录` across the table) was taken
/// for the header: no material was read.
#[test]
fn a_title_row_above_the_header_is_passed_over() {
    let html = format!(
        "<h3>二、申请材料</h3><table>\
<tr><td colspan=\"11\" align=\"center\"><strong>申请材料目录</strong></td></tr>{MATERIAL_HEADER}{}{}</table>",
        material_row(1, "申请表", "申请人自备", "申请人"),
        material_row(2, "营业执照", "政府部门核发", "市场监督管理部门"),
    );
    let item = extract_guide(&html, &page(), &profile());
    let names: Vec<&str> = item.materials.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, ["申请表", "营业执照"]);
    assert_eq!(item.materials[1].source_desc, "市场监督管理部门");
}

/// h33 (jsv-6): materials in two tables under one heading (情形一 / 情形二): only the first was read.
/// A table that is no materials table after them (the page's footer) is not read as materials,
/// and a label table after a section still gives its labels.
#[test]
fn every_table_under_a_heading_is_read() {
    let html = format!(
        "<h3>二、申请材料</h3><p class=\"qx\">情形一：申请人本人办理</p><table>{MATERIAL_HEADER}{}</table>\
<p class=\"qx\">情形二：委托代理人办理的，还需提交</p><table>{MATERIAL_HEADER}{}{}</table>\
<table><tr><th>办理地点</th><td>池州市长江中路89号3号窗口</td></tr>\
<tr><th>材料名称</th><td>不是材料</td></tr></table>\
<h3>三、常见问题</h3><p>无</p>\
<table class=\"footer\"><tr><td>主办单位</td><td>池州市人民政府</td></tr></table>",
        material_row(1, "申请表", "申请人自备", "申请人"),
        material_row(2, "授权委托书", "申请人自备", "申请人"),
        material_row(3, "代理人身份证", "政府部门核发", "公安机关"),
    );
    let item = extract_guide(&html, &page(), &profile());
    let names: Vec<&str> = item.materials.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, ["申请表", "授权委托书", "代理人身份证"]);
    assert_eq!(item.address, "池州市长江中路89号3号窗口");
    assert!(item.faqs.is_empty());
}

/// h33 (jsv-3): a time limit whose label names the unit (`承诺办结时限（工作日）` | `15`) was read
/// as a bare 15; the unit goes where a sheet's header puts it. A value with its own unit keeps
/// it, and a steps table's `办理时限（工作日）` header gives the steps' bare limits their unit.
#[test]
fn a_unit_in_the_label_goes_with_a_bare_number() {
    let html = r"<table>
<tr><th>法定办结时限（日）</th><td>60</td><th>承诺办结时限（工作日）</th><td>15</td></tr></table>
<h3>三、办理流程</h3><table><tr><th>环节名称</th><th>办理人</th><th>办理时限（工作日）</th></tr>
<tr><td>受理</td><td>窗口工作人员</td><td>1</td></tr>
<tr><td>审查</td><td>科室经办人</td><td>5个工作日</td></tr></table>";
    let item = extract_guide(html, &page(), &profile());
    assert_eq!(item.legal_limit, "60");
    assert_eq!(item.legal_limit_unit, "日");
    assert_eq!(item.promised_limit, "15");
    assert_eq!(item.promised_limit_unit, "工作日");
    assert_eq!(item.steps[0].time_limit_unit, "工作日");
    assert_eq!(item.steps[1].time_limit, "5个工作日");
    assert_eq!(item.steps[1].time_limit_unit, "");

    let html = r"<table><tr><th>承诺办结时限（工作日）</th><td>15个工作日</td></tr>
<tr><th>法定办结时限</th><td>60</td></tr></table>";
    let item = extract_guide(html, &page(), &profile());
    assert_eq!(item.promised_limit, "15个工作日");
    assert_eq!(item.promised_limit_unit, "");
    assert_eq!(item.legal_limit_unit, "");
}

/// h33 (Word-exported page): text split into runs (`<span lang="EN-US">88</span>`) was joined
/// with spaces (`建新东路 88 号`, `（样本）. pdf`); block elements and `<br>` still separate.
#[test]
fn inline_runs_join_without_spaces() {
    let html = r#"<table>
<tr><td><p><strong><span>办理地点</span></strong><strong>：</strong></p></td><td><p><span>东至县尧渡镇建新东路</span><span lang="EN-US">88</span><span>号<br>东至县政务服务中心一楼</span><span lang="EN-US">8</span><span>号窗口</span></p></td></tr>
<tr><td>审批结果样本</td><td><p><span>生鲜乳收购许可证（样本）.</span><span lang="EN-US">pdf<o:p></o:p></span></p></td></tr>
<tr><td>受理条件</td><td><p>一、有收购场所；</p><p>二、有冷藏设施。</p></td></tr>
<tr><td>办理时间</td><td>周一至周五 <b>上午</b>9:00-12:00</td></tr>
</table>"#;
    let item = extract_guide(html, &page(), &profile());
    assert_eq!(
        item.address,
        "东至县尧渡镇建新东路88号 东至县政务服务中心一楼8号窗口"
    );
    assert_eq!(item.result_sample, "生鲜乳收购许可证（样本）.pdf");
    assert_eq!(item.conditions, "一、有收购场所； 二、有冷藏设施。");
    assert_eq!(item.hours, "周一至周五 上午9:00-12:00");
}

/// h33 regression round: two values in spans side by side were glued into one
/// (`0566-20325670566-2032568`), and B15 said the second had no area code.
#[test]
fn values_in_spans_side_by_side_stay_apart() {
    let html = r#"<table>
<tr><td>咨询电话</td><td><span>0566-2032567</span><span>0566-2032568</span></td></tr>
<tr><td>办理时间</td><td><span>周一至周五</span><span>9:00</span><span>17:30</span></td></tr>
<tr><td>监督投诉电话</td><td><span>0566-12</span><span lang="EN-US">345</span></td></tr>
</table>"#;
    let item = extract_guide(html, &page(), &profile());
    assert_eq!(item.consult_phone, "0566-2032567 0566-2032568");
    assert_eq!(item.hours, "周一至周五9:00 17:30");
    // Word's runs split at a change of language, not inside a number: the rare split number is
    // read as two groups, as it was before h33.
    assert_eq!(item.supervise_phone, "0566-12 345");
}

/// A header cell spanning two columns with no header row below names its first column only.
#[test]
fn a_spanning_header_without_sub_headers_names_one_column() {
    let html = r#"<h3>申请材料</h3><table>
<tr><td>材料名称</td><td colspan="2">空白表格</td></tr>
<tr><td>申请表</td><td><a href="/f/sqb.docx">下载</a></td><td><a href="/f/sqb-yb.pdf">样表</a></td></tr>
</table>"#;
    let item = extract_guide(html, &page(), &profile());
    assert_eq!(item.materials.len(), 1);
    assert_eq!(
        item.materials[0].blank_form,
        "http://127.0.0.1:1/f/sqb.docx"
    );
}

/// Labels and values side by side in header cells are no row of labels.
#[test]
fn labels_and_values_in_header_cells_pair_side_by_side() {
    let html = r"<table><tr><th>事项名称</th><th>食品经营许可</th><th>承诺时限</th><th>5个工作日</th></tr>
<tr><th>办理地点</th><th>池州市长江中路1号3号窗口</th><th>咨询电话</th><th>0566-2021234</th></tr></table>";
    let item = extract_guide(html, &page(), &profile());
    assert_eq!(item.name, "食品经营许可");
    assert_eq!(item.promised_limit, "5个工作日");
    assert_eq!(item.address, "池州市长江中路1号3号窗口");
    assert_eq!(item.consult_phone, "0566-2021234");
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
    // A cell that only says "none" is empty (h34).
    assert_eq!(m[3].sample, "");
    assert_eq!(m[4].blank_form, "http://127.0.0.1:1/gdbs/attach/hkb.doc");
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
    // The FAQ as 问：/答： paragraphs is read too (blocks::paragraph_faqs): nothing is left unread.
    assert_eq!(item.faqs.len(), 1);
    assert_eq!(gaps, "");
    // A page without those headings says nothing.
    let (_, gaps) = read_guide(
        "<table><tr><th>事项名称</th><td>取水许可</td></tr></table>",
        &page,
        &profile(),
    );
    assert_eq!(gaps, "");
}
