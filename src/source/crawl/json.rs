//! JSON endpoints: list pages (entries → detail URLs, total-count pagination) and detail records
//! mapped to elements by field paths (`cnbjsx`, `applydatalist[].clmc`; `[]` walks an array).

use std::collections::BTreeMap;

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
            let t = text(v);
            if !t.is_empty() {
                set(&mut out[i], *f, t);
            }
        }
    }
    out
}

/// A value that is a site-relative link becomes absolute.
pub(crate) fn absolutize(value: String, page: &Url) -> String {
    if value.starts_with('/') || value.starts_with("./") || value.starts_with("../") {
        page.join(&value).map_or(value, |u| u.to_string())
    } else {
        value
    }
}

/// Builds an item from a JSON detail record.
pub(crate) fn extract_item(response: &Value, root: &[Seg], map: &FieldMap, page: &Url) -> Item {
    let record = first(response, root).unwrap_or(&Value::Null);
    let mut item = Item::default();
    for (f, path) in &map.item {
        if let Some(v) = first(record, path) {
            let t = text(v);
            if !t.is_empty() {
                *item.get_mut(*f) = t;
            }
        }
    }
    item.materials = children(record, &map.materials, |m: &mut Material, f, t| {
        *m.get_mut(f) = match f {
            MaterialField::BlankForm | MaterialField::Sample => absolutize(t, page),
            _ => t,
        };
    })
    .into();
    item.steps = children(record, &map.steps, |s: &mut Step, f, t| *s.get_mut(f) = t).into();
    item.fees = children(record, &map.fees, |s: &mut Fee, f, t| *s.get_mut(f) = t).into();
    item.faqs = children(record, &map.faqs, |s: &mut Faq, f, t| *s.get_mut(f) = t).into();
    item.intermediaries = children(record, &map.intermediaries, |s: &mut Intermediary, f, t| {
        *s.get_mut(f) = match f {
            IntermediaryField::QueryUrl => absolutize(t, page),
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
            *agencies[a].get_mut(*f) = text(v);
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
        let item = extract_item(&v, &parse_path("custom").unwrap(), &map, &page);
        assert_eq!(item.promised_limit, "5");
        assert_eq!(item.materials.len(), 2);
        assert_eq!(item.materials[1].name, "营业执照");
        assert_eq!(item.materials[0].blank_form, "http://127.0.0.1:9/f/1.docx");
    }

    #[test]
    fn unknown_elements_are_named() {
        let mut fields = BTreeMap::new();
        fields.insert("materials.colour".to_owned(), "x[].y".to_owned());
        assert_eq!(compile_fields(&fields).unwrap_err().0, "materials.colour");
        assert!(parse_path("a[0].b").is_err());
    }
}
