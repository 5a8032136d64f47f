//! JSON endpoints: list pages (entries → detail URLs, total-count pagination) and detail records
//! mapped to elements by field paths (`cnbjsx`, `applydatalist[].clmc`; `[]` walks an array).
//! A detail value that carries HTML markup (`"sltj":"<p>有具备…</p>"`) is read as its text, and a
//! link without a leading `/` (`"kbbg":"bog-bsdt/file/x.docx"`) against the site's base URL.
//! The item's link elements (在线办理地址, 结果样本) are made absolute as the materials' links are,
//! and one written as an HTML link (`<a href="/f/yb.pdf">许可证样本</a>`) gives its address.

use std::collections::BTreeMap;

use std::sync::LazyLock;

use regex::Regex;
use scraper::{Html, Node};
use serde_json::Value;
use url::Url;

use super::labels::{Field, field_by_name};
use crate::model::{
    Agency, AgencyField, Faq, FaqField, Fee, FeeField, Intermediary, IntermediaryField, Item,
    ItemField, Material, MaterialField, Step, StepField,
};

/// One step of a path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Seg {
    /// An object key.
    Key(String),
    /// Every element of an array.
    Each,
}

/// A parsed path.
pub(crate) type Path = Vec<Seg>;

/// Parses `a.b[].c` (keys separated by dots, `[]` after a key walks its array).
pub(crate) fn parse_path(s: &str) -> Result<Path, String> {
    let mut out = Vec::new();
    for part in s.split('.').filter(|p| !p.is_empty()) {
        let mut key = part;
        let mut each = 0;
        while let Some(k) = key.strip_suffix("[]") {
            key = k;
            each += 1;
        }
        if key.contains(['[', ']']) {
            return Err(format!("路径 \"{s}\" 无效（数组只能写成 name[]）"));
        }
        if !key.is_empty() {
            out.push(Seg::Key(key.to_owned()));
        }
        out.extend(std::iter::repeat_n(Seg::Each, each));
    }
    Ok(out)
}

/// Every value at `path`, with the array indices walked to reach it.
pub(crate) fn collect<'a>(value: &'a Value, path: &[Seg]) -> Vec<(Vec<usize>, &'a Value)> {
    fn walk<'a>(
        v: &'a Value,
        path: &[Seg],
        idx: &mut Vec<usize>,
        out: &mut Vec<(Vec<usize>, &'a Value)>,
    ) {
        match path.split_first() {
            None => out.push((idx.clone(), v)),
            Some((Seg::Key(k), rest)) => {
                if let Some(child) = v.get(k) {
                    walk(child, rest, idx, out);
                }
            }
            Some((Seg::Each, rest)) => {
                if let Value::Array(items) = v {
                    for (i, child) in items.iter().enumerate() {
                        idx.push(i);
                        walk(child, rest, idx, out);
                        idx.pop();
                    }
                }
            }
        }
    }
    let mut out = Vec::new();
    walk(value, path, &mut Vec::new(), &mut out);
    out
}

/// The first value at `path`.
pub(crate) fn first<'a>(value: &'a Value, path: &[Seg]) -> Option<&'a Value> {
    collect(value, path).into_iter().next().map(|(_, v)| v)
}

/// A value as element text: strings trimmed, numbers as written, booleans 是/否, arrays of
/// scalars joined with 、.
pub(crate) fn text(v: &Value) -> String {
    super::bounded(match v {
        Value::Null => String::new(),
        Value::String(s) => s.trim().to_owned(),
        Value::Bool(b) => if *b { "是" } else { "否" }.to_owned(),
        Value::Number(n) => n.to_string(),
        Value::Array(a) => a
            .iter()
            .map(text)
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join("、"),
        Value::Object(_) => v.to_string(),
    })
}

/// A tag of the elements such values use (`<p>`, `</p>`, `<br/>`, `<span style="…">`), its
/// attributes written as attributes, or a character reference (`&nbsp;`, `&#12288;`): a value
/// written for a web page, not plain text. Legal text with a less-than sign
/// (`a<b 与 x > y 的情形`) is no tag: read as one, its words were lost (h33 regression round).
static MARKUP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?i)</?(?:p|div|br|span|font|strong|b|i|u|em|a|li|ul|ol|table|tbody|thead|tr|td|th|h[1-6]|dl|dt|dd|img|sup|sub|hr|pre|center|section|article|o:p)(?:\s+[a-z_:][-a-z0-9_:.]*(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'<>=`]+))?)*\s*/?>|&(?:#\d+|#x[0-9a-f]+|[a-z]+);"#,
    )
    .expect("valid pattern")
});

/// Elements that start a line of their own in the value's text.
const BLOCKS: [&str; 13] = [
    "p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd",
];

/// A detail value as text: one with HTML markup (`<p>有具备…</p><p>…</p>`, kept by endpoints
/// that serve the guide page's fields) as the text a browser shows, a line for each paragraph;
/// others as they are. Read as written, the tags went into the findings and the checks
/// (`受理条件 "<p>有具备…"`).
pub(crate) fn markup_free(value: String) -> String {
    if !MARKUP.is_match(&value) {
        return value;
    }
    let doc = Html::parse_fragment(&value);
    let mut text = String::new();
    for node in doc.root_element().descendants() {
        match node.value() {
            Node::Text(t) => text.push_str(t),
            Node::Element(e) if BLOCKS.contains(&e.name()) => text.push('\n'),
            _ => {}
        }
    }
    let lines: Vec<String> = text
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect();
    lines.join("\n")
}

/// Element → path tables of a profile's `[json.fields]`.
#[derive(Debug, Clone, Default)]
pub(crate) struct FieldMap {
    item: Vec<(ItemField, Path)>,
    materials: Vec<(MaterialField, Path)>,
    steps: Vec<(StepField, Path)>,
    fees: Vec<(FeeField, Path)>,
    intermediaries: Vec<(IntermediaryField, Path)>,
    agencies: Vec<(AgencyField, Path)>,
    faqs: Vec<(FaqField, Path)>,
}

impl FieldMap {
    /// Whether no path is configured.
    pub(crate) fn is_empty(&self) -> bool {
        self.item.is_empty()
            && self.materials.is_empty()
            && self.steps.is_empty()
            && self.fees.is_empty()
            && self.intermediaries.is_empty()
            && self.agencies.is_empty()
            && self.faqs.is_empty()
    }
}

fn push<F: Field>(list: &mut Vec<(F, Path)>, name: &str, path: Path) -> Result<(), String> {
    let f = field_by_name::<F>(name).ok_or_else(|| format!("\"{name}\" 不是已知的要素"))?;
    list.push((f, path));
    Ok(())
}

/// Checks and parses `[json.fields]`; an error names the key.
pub(crate) fn compile_fields(
    fields: &BTreeMap<String, String>,
) -> Result<FieldMap, (String, String)> {
    let mut map = FieldMap::default();
    for (key, path) in fields {
        let err = |m: String| (key.clone(), m);
        let p = parse_path(path).map_err(err)?;
        let result = match key.split_once('.') {
            None => push(&mut map.item, key, p),
            Some(("materials", f)) => push(&mut map.materials, f, p),
            Some(("steps", f)) => push(&mut map.steps, f, p),
            Some(("fees", f)) => push(&mut map.fees, f, p),
            Some(("faqs", f)) => push(&mut map.faqs, f, p),
            Some(("intermediaries", f)) => match f.strip_prefix("agencies.") {
                Some(a) => push(&mut map.agencies, a, p),
                None => push(&mut map.intermediaries, f, p),
            },
            Some((other, _)) => Err(format!(
                "\"{other}\" 不是子表（可用 materials, steps, fees, intermediaries, faqs）"
            )),
        };
        result.map_err(err)?;
    }
    Ok(map)
}

/// Fills child records of one type from their paths (the first `[]` index is the child's).
fn children<R: Default, F: Field>(
    root: &Value,
    paths: &[(F, Path)],
    set: impl Fn(&mut R, F, String),
) -> Vec<R> {
    let mut out: Vec<R> = Vec::new();
    for (f, path) in paths {
        for (idx, v) in collect(root, path) {
            let i = idx.first().copied().unwrap_or(0);
            while out.len() <= i {
                out.push(R::default());
            }
            let t = markup_free(text(v));
            if !t.is_empty() {
                set(&mut out[i], *f, t);
            }
        }
    }
    out
}

/// A value that is a site-relative link becomes absolute: `/f/1.docx`, `./f`, `../f` against the
/// detail's URL, a path without a leading `/` (`bog-bsdt/file/1.docx`, as one endpoint writes
/// them all) against the site's base URL, as the platform's pages resolve it. A host without a
/// scheme (`www.example.gov.cn/zj`) and text (`无`, `见附件`) stay as written.
pub(crate) fn absolutize(value: String, page: &Url, base: &Url) -> String {
    if value.starts_with('/') || value.starts_with("./") || value.starts_with("../") {
        return page.join(&value).map_or(value, |u| u.to_string());
    }
    if bare_path(&value) {
        return base.join(&value).map_or(value, |u| u.to_string());
    }
    value
}

/// The value of a link element (在线办理地址, 结果样本): the addresses of the HTML links it is
/// written as (`<a href="/f/yb.pdf">许可证样本</a>`), else its text; either made absolute
/// ([`absolutize`]).
fn link_value(value: String, page: &Url, base: &Url) -> String {
    if MARKUP.is_match(&value) {
        let doc = Html::parse_fragment(&value);
        let links: Vec<String> = doc
            .root_element()
            .descendent_elements()
            .filter(|e| e.value().name() == "a")
            .filter_map(|e| e.attr("href").map(str::trim))
            .filter(|h| !h.is_empty() && !h.starts_with('#') && !h.starts_with("javascript:"))
            .map(|h| absolutize(h.to_owned(), page, base))
            .fold(Vec::new(), |mut all, h| {
                if !all.contains(&h) {
                    all.push(h);
                }
                all
            });
        if !links.is_empty() {
            return links.join(" ");
        }
    }
    absolutize(markup_free(value), page, base)
}

/// A relative path without a leading `/`: ASCII without spaces or a scheme, whose first segment
/// is a folder (no dot) followed by more, or is itself a file (`sqs.docx`). `www.x.gov.cn/zj`,
/// `x.gov.cn` and `http://…` are not.
pub(crate) fn bare_path(value: &str) -> bool {
    const FILES: [&str; 14] = [
        "doc", "docx", "xls", "xlsx", "pdf", "wps", "et", "ofd", "zip", "rar", "jpg", "jpeg",
        "png", "txt",
    ];
    if value.is_empty()
        || !value.is_ascii()
        || value.contains(char::is_whitespace)
        || value.contains(':')
        || value.starts_with('?')
    {
        return false;
    }
    let first = value.split(['/', '?', '#']).next().unwrap_or_default();
    match first.rsplit_once('.') {
        None => value.len() > first.len() && value[first.len()..].starts_with('/'),
        Some((_, ext)) => FILES.contains(&ext.to_ascii_lowercase().as_str()),
    }
}

/// Builds an item from a JSON detail record.
pub(crate) fn extract_item(
    response: &Value,
    root: &[Seg],
    map: &FieldMap,
    page: &Url,
    base: &Url,
) -> Item {
    let record = first(response, root).unwrap_or(&Value::Null);
    let mut item = Item::default();
    for (f, path) in &map.item {
        if let Some(v) = first(record, path) {
            let t = if super::html::LINK_ELEMENTS.contains(f) {
                link_value(text(v), page, base)
            } else {
                markup_free(text(v))
            };
            if !t.is_empty() {
                *item.get_mut(*f) = t;
            }
        }
    }
    item.materials = children(record, &map.materials, |m: &mut Material, f, t| {
        *m.get_mut(f) = match f {
            MaterialField::BlankForm | MaterialField::Sample => absolutize(t, page, base),
            _ => t,
        };
    })
    .into();
    item.steps = children(record, &map.steps, |s: &mut Step, f, t| *s.get_mut(f) = t).into();
    item.fees = children(record, &map.fees, |s: &mut Fee, f, t| *s.get_mut(f) = t).into();
    item.faqs = children(record, &map.faqs, |s: &mut Faq, f, t| *s.get_mut(f) = t).into();
    item.intermediaries = children(record, &map.intermediaries, |s: &mut Intermediary, f, t| {
        *s.get_mut(f) = match f {
            IntermediaryField::QueryUrl => absolutize(t, page, base),
            _ => t,
        };
    })
    .into();
    for (f, path) in &map.agencies {
        for (idx, v) in collect(record, path) {
            let (Some(&i), Some(&a)) = (idx.first(), idx.get(1)) else {
                continue;
            };
            while item.intermediaries.len() <= i {
                item.intermediaries.push(Intermediary::default());
            }
            let agencies = &mut item.intermediaries[i].agencies;
            while agencies.len() <= a {
                agencies.push(Agency::default());
            }
            *agencies[a].get_mut(*f) = markup_free(text(v));
        }
    }
    item.materials.retain(|m| *m != Material::default());
    item.steps.retain(|m| *m != Step::default());
    item.fees.retain(|m| *m != Fee::default());
    item.faqs.retain(|m| *m != Faq::default());
    item.intermediaries
        .retain(|m| *m != Intermediary::default());
    item
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_walk_arrays() {
        let v: Value = serde_json::json!({"custom": {"cnbjsx": 5, "applydatalist": [
            {"clmc": "申请表", "kbbg": "/f/1.docx"}, {"clmc": "营业执照"}]}});
        let mut fields = BTreeMap::new();
        fields.insert("promised_limit".to_owned(), "cnbjsx".to_owned());
        fields.insert(
            "materials.name".to_owned(),
            "applydatalist[].clmc".to_owned(),
        );
        fields.insert(
            "materials.blank_form".to_owned(),
            "applydatalist[].kbbg".to_owned(),
        );
        let map = compile_fields(&fields).unwrap();
        let page = Url::parse("http://127.0.0.1:9/api/item/1").unwrap();
        let item = extract_item(&v, &parse_path("custom").unwrap(), &map, &page, &page);
        assert_eq!(item.promised_limit, "5");
        assert_eq!(item.materials.len(), 2);
        assert_eq!(item.materials[1].name, "营业执照");
        assert_eq!(item.materials[0].blank_form, "http://127.0.0.1:9/f/1.docx");
    }

    /// h33: an endpoint that serves the guide page's fields keeps their markup (`sltj`, `sdyj`,
    /// FAQ answers `jd`), and writes its file links without a leading `/`.
    #[test]
    fn markup_is_read_as_text_and_bare_paths_against_the_base() {
        let v: Value = serde_json::json!({"custom": {
        "sltj": "<p>有具备相应资质的技术人员；</p><p>有固定的经营场所。</p>",
        "sdyj": "<p style=\"text-indent:2em\">《取水许可和水资源费征收管理条例》第二条&nbsp;</p>",
        "faq": [{"wt": "要带什么？", "jd": "<div>身份证<br/>户口簿</div>"}],
        "applydatalist": [
            {"clmc": "申请书", "kbbg": "bog-bsdt/file/lxs-sqs.docx", "ybbg": "/f/yb.pdf"},
            {"clmc": "营业执照", "kbbg": "www.example.gov.cn/f/1.doc", "ybbg": "无"},
            {"clmc": "年龄<18岁的证明", "kbbg": "sqs.docx", "ybbg": "http://127.0.0.1:9/f/2.pdf"}
        ],
        "bz": "第二十四条 a<b 与 x > y 的情形"}});
        let mut fields = BTreeMap::new();
        for (k, p) in [
            ("conditions", "sltj"),
            ("legal_basis", "sdyj"),
            ("faqs.question", "faq[].wt"),
            ("faqs.answer", "faq[].jd"),
            ("materials.name", "applydatalist[].clmc"),
            ("materials.blank_form", "applydatalist[].kbbg"),
            ("materials.sample", "applydatalist[].ybbg"),
            ("onsite_reason", "bz"),
        ] {
            fields.insert(k.to_owned(), p.to_owned());
        }
        let map = compile_fields(&fields).unwrap();
        let page = Url::parse("http://127.0.0.1:9/api/bog-bsdt/task/detail.do?rowguid=1").unwrap();
        let base = Url::parse("http://127.0.0.1:9/").unwrap();
        let item = extract_item(&v, &parse_path("custom").unwrap(), &map, &page, &base);
        assert_eq!(
            item.conditions,
            "有具备相应资质的技术人员；\n有固定的经营场所。"
        );
        assert_eq!(item.legal_basis, "《取水许可和水资源费征收管理条例》第二条");
        assert_eq!(item.faqs[0].answer, "身份证\n户口簿");
        let m = &item.materials;
        assert_eq!(
            m[0].blank_form,
            "http://127.0.0.1:9/bog-bsdt/file/lxs-sqs.docx"
        );
        assert_eq!(m[0].sample, "http://127.0.0.1:9/f/yb.pdf");
        assert_eq!(m[1].blank_form, "www.example.gov.cn/f/1.doc");
        assert_eq!(m[1].sample, "无");
        assert_eq!(m[2].name, "年龄<18岁的证明");
        assert_eq!(m[2].blank_form, "http://127.0.0.1:9/sqs.docx");
        assert_eq!(m[2].sample, "http://127.0.0.1:9/f/2.pdf");
        // A less-than sign in legal text is no tag (h33 regression round: read as `<b …>`).
        assert_eq!(item.onsite_reason, "第二十四条 a<b 与 x > y 的情形");
    }

    /// h36: the item's link elements are made absolute as the materials' links are, and one
    /// written as an HTML link gives its address, not its words; text stays as written.
    #[test]
    fn link_elements_are_links() {
        let mut fields = BTreeMap::new();
        fields.insert("online_url".to_owned(), "wsbldz".to_owned());
        fields.insert("result_sample".to_owned(), "jgyb".to_owned());
        let map = compile_fields(&fields).unwrap();
        let page = Url::parse("http://127.0.0.1:9/api/item/1").unwrap();
        let base = Url::parse("http://127.0.0.1:9/").unwrap();
        let read = |v: Value| extract_item(&v, &[], &map, &page, &base);
        let item = read(serde_json::json!({
            "wsbldz": "<a href=\"https://www.ahzwfw.gov.cn/bsdt/apply?id=1\" target=\"_blank\">在线办理</a>",
            "jgyb": "/files/yb.pdf"}));
        assert_eq!(item.online_url, "https://www.ahzwfw.gov.cn/bsdt/apply?id=1");
        assert_eq!(item.result_sample, "http://127.0.0.1:9/files/yb.pdf");
        let item = read(serde_json::json!({
            "wsbldz": "bog-bsdt/static/apply.html?id=1",
            "jgyb": "<p>许可证样本：<a href='/f/zb.pdf'>正本</a>、<a href='/f/fb.pdf'>副本</a></p>"}));
        assert_eq!(
            item.online_url,
            "http://127.0.0.1:9/bog-bsdt/static/apply.html?id=1"
        );
        assert_eq!(
            item.result_sample,
            "http://127.0.0.1:9/f/zb.pdf http://127.0.0.1:9/f/fb.pdf"
        );
        let item =
            read(serde_json::json!({"wsbldz": "www.ahzwfw.gov.cn/bsdt", "jgyb": "<p>无</p>"}));
        assert_eq!(item.online_url, "www.ahzwfw.gov.cn/bsdt");
        assert_eq!(item.result_sample, "无");
    }

    #[test]
    fn unknown_elements_are_named() {
        let mut fields = BTreeMap::new();
        fields.insert("materials.colour".to_owned(), "x[].y".to_owned());
        assert_eq!(compile_fields(&fields).unwrap_err().0, "materials.colour");
        assert!(parse_path("a[0].b").is_err());
    }
}
