//! HTML guide pages: the label-driven extraction of an item (label cells → neighbouring values;
//! tables under section headings → materials, steps, fees, intermediaries and FAQs by their
//! column headers).
//!
//! Not here: list pages and their paging (`list`).

use std::collections::HashSet;

use ego_tree::NodeId;
use scraper::{ElementRef, Html, Selector};
use url::Url;

use super::blocks;
use super::labels::{Field, LabelMap, Section, section_of};
use super::profile::CompiledProfile;
use crate::model::{
    Agency, AgencyField, Faq, Fee, Intermediary, IntermediaryField, Item, Material, MaterialField,
    Step,
};

/// The absolute URL of an element's `href` (or of its first descendant link), without fragment.
pub(crate) fn href(el: ElementRef<'_>, page: &Url) -> Option<Url> {
    let raw = el.attr("href").or_else(|| {
        el.descendent_elements()
            .find(|e| e.value().name() == "a")
            .and_then(|e| e.attr("href"))
    })?;
    let raw = raw.trim();
    if raw.is_empty() || raw.starts_with('#') || raw.starts_with("javascript:") {
        return None;
    }
    let mut url = page.join(raw).ok()?;
    url.set_fragment(None);
    Some(url)
}

/// Element text with runs of whitespace folded to one space, bounded in length.
pub(crate) fn text_of(el: ElementRef<'_>) -> String {
    super::bounded(
        el.text()
            .flat_map(str::split_whitespace)
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// Extracts an item from a guide page.
pub(crate) fn extract_guide(text: &str, page: &Url, profile: &CompiledProfile) -> Item {
    let doc = Html::parse_document(text);
    let mut item = Item::default();
    let tables = section_tables(&doc, &profile.section_selector, &profile.label_selector);
    let claimed: HashSet<NodeId> = tables.iter().map(|(_, t)| t.id()).collect();
    for (section, table) in &tables {
        let rows = rows(*table);
        let labels = &profile.labels;
        match section {
            Section::Materials => {
                item.materials
                    .extend(records(&rows, &labels.material, page, |f| {
                        matches!(f, MaterialField::BlankForm | MaterialField::Sample)
                    }));
            }
            Section::Steps => {
                item.steps
                    .extend(records::<Step, _>(&rows, &labels.step, page, |_| false));
            }
            Section::Fees => item
                .fees
                .extend(records::<Fee, _>(&rows, &labels.fee, page, |_| false)),
            Section::Faqs => item
                .faqs
                .extend(records::<Faq, _>(&rows, &labels.faq, page, |_| false)),
            Section::Intermediaries => {
                item.intermediaries.extend(intermediaries(
                    &rows,
                    &labels.intermediary,
                    &labels.agency,
                    page,
                ));
            }
        }
    }
    if item.faqs.is_empty() {
        item.faqs = blocks::paragraph_faqs(&doc, &profile.section_selector).into();
    }
    if item.steps.is_empty() {
        item.steps =
            blocks::list_steps(&doc, &profile.section_selector, &profile.labels.step).into();
    }
    label_values(&doc, profile, &claimed, page, &mut item);
    for (field, sel) in &profile.select {
        if let Some(el) = doc.select(sel).next() {
            *item.get_mut(*field) = value_of(el, page, false);
        }
    }
    item
}

/// Tables that follow a section heading (or carry one as caption), with their section. A label
/// cell that names a section (`<td class="label">申请材料：</td>`) leads to the table nested in
/// the cell beside it: many platforms put the materials and steps tables inside the value cell of
/// their label/value table, and those materials were lost without a word. A table that only
/// wraps another (rows of one cell) stands for the table inside it.
fn section_tables<'a>(
    doc: &'a Html,
    headings: &Selector,
    labels: &Selector,
) -> Vec<(Section, ElementRef<'a>)> {
    let mut out: Vec<(Section, ElementRef<'a>)> = Vec::new();
    let mut pending: Option<Section> = None;
    let tabs = blocks::tab_sections(doc);
    for node in doc.root_element().descendants() {
        let Some(el) = ElementRef::wrap(node) else {
            continue;
        };
        if el.value().name() == "table" {
            if out
                .iter()
                .any(|(_, t)| el.ancestors().any(|a| a.id() == t.id()))
            {
                continue;
            }
            let caption = el
                .child_elements()
                .find(|c| c.value().name() == "caption")
                .and_then(|c| section_of(&text_of(c)));
            if let Some(s) = caption.or(pending) {
                out.push((s, data_table(el)));
                pending = None;
            }
        } else if let Some(s) = el.value().id().and_then(|id| tabs.get(id)) {
            // A tab panel titled only by its tab (`<li data-tab="sqcl">申请材料</li>`).
            pending = Some(*s);
        } else if el.value().name() != "caption"
            && headings.matches(&el)
            && blocks::has_words(&text_of(el))
        {
            // Any heading closes the previous section: "收费标准 不收费" then "其他信息" + table.
            pending = section_of(&text_of(el));
        } else if labels.matches(&el)
            && let Some(s) = section_of(&label_text(el))
            && el
                .next_siblings()
                .find_map(ElementRef::wrap)
                .is_some_and(|v| v.descendent_elements().any(|d| d.value().name() == "table"))
        {
            // The next table in document order is the one in the value cell.
            pending = Some(s);
        }
    }
    out
}

/// A label cell's own text, without that of a table nested in it.
fn label_text(el: ElementRef<'_>) -> String {
    if el
        .descendent_elements()
        .any(|d| d.value().name() == "table")
    {
        String::new()
    } else {
        text_of(el)
    }
}

/// The table that holds the records: `table` itself, or, when it only wraps others (no row of
/// two cells or more), the first table inside it that has such rows.
fn data_table(table: ElementRef<'_>) -> ElementRef<'_> {
    if rows(table).iter().any(|r| r.len() >= 2) {
        return table;
    }
    table
        .descendent_elements()
        .filter(|d| d.value().name() == "table")
        .find(|t| rows(*t).iter().any(|r| r.len() >= 2))
        .unwrap_or(table)
}

/// The cells of each row of a table (not of nested tables).
fn rows(table: ElementRef<'_>) -> Vec<Vec<ElementRef<'_>>> {
    let mut out = Vec::new();
    for node in table.descendants() {
        let Some(tr) = ElementRef::wrap(node) else {
            continue;
        };
        if tr.value().name() != "tr" {
            continue;
        }
        let owner = tr
            .ancestors()
            .filter_map(ElementRef::wrap)
            .find(|a| a.value().name() == "table");
        if owner.is_some_and(|t| t.id() != table.id()) {
            continue;
        }
        let cells: Vec<ElementRef<'_>> = tr
            .child_elements()
            .filter(|c| matches!(c.value().name(), "td" | "th"))
            .collect();
        if !cells.is_empty() {
            out.push(cells);
        }
    }
    out
}

/// A cell's value: the link's absolute URL for link columns (when the cell has a link), else text.
fn value_of(cell: ElementRef<'_>, page: &Url, link: bool) -> String {
    let text = text_of(cell);
    if (link || text.is_empty())
        && let Some(u) = href(cell, page)
    {
        return u.to_string();
    }
    text
}

/// Header row → columns; each later row with at least two cells → one record.
fn records<R, F>(
    rows: &[Vec<ElementRef<'_>>],
    labels: &LabelMap<F>,
    page: &Url,
    link: impl Fn(F) -> bool,
) -> Vec<R>
where
    R: Default + PartialEq + Settable<F>,
    F: Field,
{
    let Some((header, body)) = rows.split_first() else {
        return Vec::new();
    };
    let columns: Vec<Option<F>> = header.iter().map(|c| labels.get(&text_of(*c))).collect();
    let mut out = Vec::new();
    for row in body {
        if row.len() < 2 {
            continue;
        }
        let mut rec = R::default();
        for (cell, col) in row.iter().zip(&columns) {
            if let Some(f) = col {
                let v = value_of(*cell, page, link(*f));
                if !v.is_empty() {
                    rec.set(*f, v);
                }
            }
        }
        if rec != R::default() {
            out.push(rec);
        }
    }
    out
}

/// Records whose elements can be set by field.
trait Settable<F> {
    fn set(&mut self, f: F, v: String);
}

macro_rules! settable {
    ($($r:ty => $f:ty),*) => {$(
        impl Settable<$f> for $r {
            fn set(&mut self, f: $f, v: String) { *self.get_mut(f) = v; }
        }
    )*};
}
settable!(Material => MaterialField, Step => crate::model::StepField, Fee => crate::model::FeeField, Faq => crate::model::FaqField);

/// An intermediary table: one row per agency; rows with the same (or an empty) service name belong
/// to the service above.
fn intermediaries(
    rows: &[Vec<ElementRef<'_>>],
    services: &LabelMap<IntermediaryField>,
    agencies: &LabelMap<AgencyField>,
    page: &Url,
) -> Vec<Intermediary> {
    enum Col {
        S(IntermediaryField),
        A(AgencyField),
    }
    let Some((header, body)) = rows.split_first() else {
        return Vec::new();
    };
    let columns: Vec<Option<Col>> = header
        .iter()
        .map(|c| {
            let t = text_of(*c);
            services
                .get(&t)
                .map(Col::S)
                .or_else(|| agencies.get(&t).map(Col::A))
        })
        .collect();
    let mut out: Vec<Intermediary> = Vec::new();
    for row in body {
        if row.len() < 2 {
            continue;
        }
        let mut service = Intermediary::default();
        let mut agency = Agency::default();
        for (cell, col) in row.iter().zip(&columns) {
            match col {
                Some(Col::S(f)) => {
                    *service.get_mut(*f) = value_of(*cell, page, *f == IntermediaryField::QueryUrl);
                }
                Some(Col::A(f)) => *agency.get_mut(*f) = value_of(*cell, page, false),
                None => {}
            }
        }
        let same = out
            .last()
            .is_some_and(|last| service.name.is_empty() || last.name == service.name);
        if !same {
            out.push(service);
        }
        if agency != Agency::default()
            && let Some(last) = out.last_mut()
        {
            last.agencies.push(agency);
        }
    }
    out
}

/// Label cells outside the section tables: the first non-empty value per element wins.
fn label_values(
    doc: &Html,
    profile: &CompiledProfile,
    claimed: &HashSet<NodeId>,
    page: &Url,
    item: &mut Item,
) {
    let mut consumed: HashSet<NodeId> = HashSet::new();
    for el in doc.select(&profile.label_selector) {
        if consumed.contains(&el.id()) || el.ancestors().any(|a| claimed.contains(&a.id())) {
            continue;
        }
        let label = text_of(el);
        if label.chars().count() > 24 {
            continue;
        }
        let Some(field) = profile.labels.item.get(&label) else {
            continue;
        };
        if !item.get(field).is_empty() {
            continue;
        }
        let Some((value_el, value)) = neighbour(el, &label, page) else {
            continue;
        };
        if let Some(v) = value_el {
            consumed.insert(v);
        }
        *item.get_mut(field) = value;
    }
}

/// The value next to a label: the next sibling element (td after th/td, dd after dt, the element
/// after a label span), or the rest of the parent's text.
fn neighbour(el: ElementRef<'_>, label: &str, page: &Url) -> Option<(Option<NodeId>, String)> {
    if let Some(next) = el.next_siblings().find_map(ElementRef::wrap) {
        let name = el.value().name();
        let ok = match name {
            "th" | "td" => matches!(next.value().name(), "td" | "th"),
            "dt" => next.value().name() == "dd",
            _ => true,
        };
        return ok.then(|| (Some(next.id()), value_of(next, page, false)));
    }
    let parent = el.parent().and_then(ElementRef::wrap)?;
    let whole = text_of(parent);
    let rest = whole
        .strip_prefix(label)?
        .trim_start_matches([':', '：', ' '])
        .trim();
    (!rest.is_empty()).then(|| (None, rest.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::crawl::profile::Profile;

    fn profile() -> CompiledProfile {
        let p: Profile = toml::from_str(
            "name = \"t\"\nbase_url = \"http://127.0.0.1:1/\"\n[[list]]\nurl = \"l\"\n",
        )
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
}
