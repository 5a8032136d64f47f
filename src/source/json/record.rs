//! One record's text (an NDJSON line, an array's record, a whole file's object) parsed into an
//! item record, or an unreadable record saying why: not UTF-8, not an object, too little of an
//! item, or a syntax error with its place. Apart from the readers (`mod.rs`), which only find
//! the records.

use std::sync::Arc;

use serde_json::Value;

use super::super::chunks::Span;
use super::super::json_labels::LabelledFile;
use super::super::{Record, Unreadable, json_error};
use super::Layout;
use super::answer::error_answer;
use super::{codes, phones};
use crate::model::{Item, Provenance};

/// One NDJSON line (without its `\n`) as a record: `None` for a blank line, an unreadable record
/// for text that is not UTF-8 or not an item. The streaming check reads its lines so
/// (`span_record`).
pub fn ndjson_line_record(line: &[u8], name: &str, line_no: u64) -> Option<Record> {
    line_record(line, &name.into(), line_no, &mut LabelledFile::default())
}

/// [`ndjson_line_record`], counting the records read by their Chinese labels in `labelled`.
fn line_record(
    line: &[u8],
    name: &Arc<str>,
    line_no: u64,
    labelled: &mut LabelledFile<'_>,
) -> Option<Record> {
    let prov = Provenance::row(Arc::clone(name), line_no);
    // simdutf8: std's validation of Chinese text was 16 % of a rule-less streaming run.
    let Ok(text) = simdutf8::basic::from_utf8(line) else {
        return Some(Record::Unreadable(Unreadable {
            provenance: prov,
            reason: "该行不是 UTF-8 文本".into(),
            code: None,
            name: None,
            partial: None,
        }));
    };
    let text = text.trim().trim_start_matches('\u{feff}');
    if text.is_empty() {
        return None;
    }
    Some(parse_record(text, prov, None, labelled))
}

/// One record of a JSON array (its bytes, as the splitter found them) as an item record, or an
/// unreadable record saying where in the file it breaks.
pub(crate) fn array_record(
    bytes: &[u8],
    name: &Arc<str>,
    span: &Span,
    labelled: &mut LabelledFile<'_>,
) -> Record {
    let prov = Provenance::record(Arc::clone(name), span.no);
    let text = match simdutf8::basic::from_utf8(bytes) {
        Ok(text) => text,
        Err(_) => match std::str::from_utf8(bytes) {
            // A record cut off in the middle of a character: what there is, to say it is cut.
            Err(e) if e.error_len().is_none() => {
                std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default()
            }
            _ => {
                return Record::Unreadable(Unreadable {
                    provenance: prov,
                    reason: format!("该记录不是 UTF-8 文本（从第 {} 行起）", span.line),
                    code: None,
                    name: None,
                    partial: None,
                });
            }
        },
    };
    parse_record(text, prov, Some((span.line, span.col)), labelled)
}

/// One record of a chunk (an NDJSON line or an array's record) as a record: `None` for a blank
/// line. Shared with the streaming check.
pub(crate) fn span_record(
    bytes: &[u8],
    name: &Arc<str>,
    span: &Span,
    layout: Layout,
    labelled: &mut LabelledFile<'_>,
) -> Option<Record> {
    match layout {
        Layout::Array => Some(array_record(bytes, name, span, labelled)),
        Layout::Lines | Layout::Whole => line_record(bytes, name, span.no, labelled),
    }
}

/// Parses one NDJSON line into an item record (the fast path: straight into the model).
pub fn parse_item_line(text: &str, prov: Provenance) -> Record {
    parse_record(text, prov, None, &mut LabelledFile::default())
}

/// [`parse_item_line`], counting the records read by their Chinese labels in `labelled`. `place`
/// is the line and column `text` begins at in its file, for a record of an array: a syntax error
/// is told by its place in the file (an NDJSON line's provenance has the line).
fn parse_line(
    text: &str,
    prov: Provenance,
    place: Option<(u64, u64)>,
    labelled: &mut LabelledFile<'_>,
) -> Record {
    match crate::model::list::from_str::<Item>(text) {
        // Decided after the parse, and only for a record with neither name nor code: a record
        // in the tool's own format pays nothing more.
        Ok(own) if reads_too_little(&own) => {
            let value = serde_json::from_str::<Value>(text).ok();
            // Keys that are Chinese labels (an Excel sheet turned JSON), or another system's
            // named in `[labels]`: read by the labels. A `materials` key, as interfaces name
            // their list too, no longer makes such a record an item with every element empty.
            if let Some(mut item) = value
                .as_ref()
                .and_then(|v| labelled.item_from(v, Some(text), &prov))
            {
                item.provenance = prov;
                return Record::Item(Box::new(item));
            }
            // Its code, name and 实施主体 under Chinese labels still tell the report whose it is.
            let partial = value
                .as_ref()
                .map(partial_item)
                .filter(|p| !reads_nothing(p));
            let field = |f: fn(&Item) -> &String| {
                partial
                    .as_ref()
                    .map(|p| f(p).clone())
                    .filter(|t| !t.is_empty())
            };
            Record::Unreadable(Unreadable {
                provenance: prov,
                reason: no_item_fields(text, &own, labelled),
                code: field(|i| &i.code),
                name: field(|i| &i.name),
                partial: partial.map(Box::new),
            })
        }
        // An interface's error answer among the records (`[{"code":500,"msg":"系统繁忙"}]`): a
        // status, no 实施编码. Only a record without a name is looked at.
        Ok(own)
            if own.name.is_empty()
                && let Some(reason) = error_answer(text, &own, "这条记录") =>
        {
            Record::Unreadable(Unreadable {
                provenance: prov,
                reason,
                code: None,
                name: None,
                partial: None,
            })
        }
        Ok(mut item) => {
            if item.provenance == Provenance::default() {
                item.provenance = prov;
            }
            // A code written as a number: its digits, or said and not judged (`codes`).
            codes::mend_own(&mut item, text, &mut labelled.codes);
            // A landline written as a number: its 0 back, and said (`phones`).
            phones::mend_own(&mut item, text, &mut labelled.phones);
            Record::Item(Box::new(item))
        }
        // The error of a parse that reads each list on its own may differ: report the plain one.
        Err(_) if crate::model::list::sharing() => {
            crate::model::list::sharing_parsed(false, || parse_line(text, prov, place, labelled))
        }
        Err(e) => {
            let partial = serde_json::from_str::<Value>(text);
            // `materials` written as one text (`"1.申请书；2.营业执照"`) or as names
            // (`["申请书", "营业执照"]`): read as the list it is, as a spreadsheet's 申请材料
            // cell is; the item is parsed again with it.
            // So are a 中介服务's `agencies` written as one text (`"池州市规划设计院；…"`).
            if let Ok(value) = &partial {
                let materials = super::super::listed_materials::with_listed_materials(value);
                let base = materials.as_ref().map_or(value, |(v, _)| v);
                let agencies = super::super::listed_materials::with_listed_agencies(base);
                if materials.is_some() || agencies.is_some() {
                    let fixed = agencies.as_ref().map_or(base, |(v, _)| v);
                    let record = parse_line(&fixed.to_string(), prov.clone(), place, labelled);
                    if matches!(record, Record::Item(_)) {
                        if let Some((_, how)) = materials {
                            labelled.listed.add_listed(&prov, how);
                        }
                        if let Some((_, n)) = agencies {
                            labelled.listed.add_agencies(&prov, n);
                        }
                    }
                    return record;
                }
            }
            // Salvage the code and name for the report when the line is valid JSON of the wrong
            // shape; otherwise report where the JSON itself breaks.
            let field = |k: &str| {
                partial
                    .as_ref()
                    .ok()
                    .and_then(|v| v.get(k))
                    .and_then(Value::as_str)
                    .map(str::to_owned)
            };
            let reason = match &partial {
                Ok(value) => json_error::shape(value, &e),
                Err(syntax) => match place {
                    Some((line, col)) => json_error::syntax_at(syntax, text, line, col),
                    None => json_error::syntax(syntax, text, false),
                },
            };
            Record::Unreadable(Unreadable {
                provenance: prov,
                reason,
                code: field("code"),
                name: field("name"),
                partial: partial.as_ref().ok().map(|v| Box::new(partial_item(v))),
            })
        }
    }
}

/// Whether nothing of an item was read from an object: none of its keys is an item's (`{}`, an
/// export with its own or Chinese field names). Nearly every item has a name or a code, so two
/// length checks decide before the whole item is compared.
pub(super) fn reads_nothing(item: &Item) -> bool {
    item.name.is_empty()
        && item.code.is_empty()
        && *item
            == Item {
                provenance: item.provenance.clone(),
                ..Item::default()
            }
}

/// Whether a record read in the tool's own format holds too little to be an item: no 实施编码
/// and no 事项名称, and fewer than two other elements (child lists do not count: an interface's
/// `materials` beside its own field names filled only them), as a labelled record needs. Nearly
/// every item has a name or a code, so two length checks decide for it.
fn reads_too_little(item: &Item) -> bool {
    item.name.is_empty()
        && item.code.is_empty()
        && crate::model::ItemField::ALL
            .iter()
            .filter(|&&f| !item.get(f).is_empty())
            .nth(1)
            .is_none()
}

/// Why an object that reads too little of an item is unreadable, naming its keys: what the
/// tool's own keys gave (`own`), Chinese column labels (`事项名称`, as in a spreadsheet, too few
/// to read the record by them: see [`super::super::json_labels`]), or keys of some other system.
fn no_item_fields(text: &str, own: &Item, labelled: &LabelledFile<'_>) -> String {
    let keys: Vec<String> = serde_json::from_str::<serde_json::Map<String, Value>>(text)
        .map(|m| m.keys().take(8).cloned().collect())
        .unwrap_or_default();
    if keys.is_empty() {
        return "空对象，没有任何事项字段".to_owned();
    }
    // Elements only: a list (`materials`) is what an interface names its own list too.
    let own_fields: Vec<String> = crate::model::ItemField::ALL
        .iter()
        .filter(|&&f| !own.get(f).is_empty())
        .map(|f| format!("{}（{}）", f.key(), f.label()))
        .collect();
    if !own_fields.is_empty() {
        return format!(
            "按本工具的字段名只读到 {}，没有 name（事项名称）和 code（实施编码），不足以确定是一条事项（有的字段是 {}）：\
             别的系统的字段名可在配置 [labels] 中指定对应的要素（见 schema/item.schema.json 和 zwfw-audit.example.toml）",
            own_fields.join("、"),
            keys.join("、")
        );
    }
    let labels: Vec<&str> = keys
        .iter()
        .map(String::as_str)
        .filter(|k| labelled.is_item_label(k))
        .collect();
    if labels.is_empty() {
        format!(
            "没有可识别的事项字段（有的是 {}）：JSON 的字段名应为 name、code、subject 等（见 schema/item.schema.json），或是中文表头；别的系统的字段名可在配置 [labels] 中指定对应的要素{}",
            keys.join("、"),
            stub_note(text)
        )
    } else {
        format!(
            "按中文表头只认出 {}，不足以确定是一条事项（至少需要「实施编码」或「事项名称」，或两个其他要素）：请检查导出的字段名（见 schema/item.schema.json）",
            labels.join("、")
        )
    }
}

/// The most fields a list page's summary of an item has (`taskName`, `taskCode`, `deptName`,
/// `taskType` …).
const STUB_FIELDS: usize = 6;

/// What to add when a record looks like a list page's summary of an item (a few fields, all
/// texts or numbers, no lists): a list+detail export saves both, and only the detail pages hold
/// the item.
fn stub_note(text: &str) -> String {
    let Ok(map) = serde_json::from_str::<serde_json::Map<String, Value>>(text) else {
        return String::new();
    };
    let small = (2..=STUB_FIELDS).contains(&map.len())
        && map.values().all(|v| !v.is_array() && !v.is_object());
    if small {
        format!(
            "。这条记录只有 {} 个字段、没有申请材料等列表，像是事项列表页的摘要：事项的详细内容在详情页里，详情接口原样保存的文件可以直接检查（列表页文件可以移出导出文件夹）",
            map.len()
        )
    } else {
        String::new()
    }
}

/// The text elements of a record that is not a readable item, each read on its own, by its key
/// or its Chinese label (`实施编码`, as a spreadsheet's column has it): enough to tell its unit
/// ([`crate::unit::default_unit`]).
fn partial_item(value: &Value) -> Item {
    let mut item = Item::default();
    for &field in crate::model::ItemField::ALL {
        let text = std::iter::once(field.key())
            .chain([field.label()])
            .chain(field.synonyms().iter().copied())
            .find_map(|k| value.get(k).and_then(Value::as_str));
        if let Some(text) = text {
            text.trim().clone_into(item.get_mut(field));
        }
    }
    item
}

/// One record of a JSON array (or the whole file's object) as an item record; something other
/// than an object is "不是事项对象".
pub(super) fn parse_record(
    text: &str,
    prov: Provenance,
    place: Option<(u64, u64)>,
    labelled: &mut LabelledFile<'_>,
) -> Record {
    if !text.trim_start().starts_with('{') {
        return Record::Unreadable(Unreadable {
            provenance: prov,
            reason: "不是事项对象".into(),
            code: None,
            name: None,
            partial: None,
        });
    }
    parse_line(text, prov, place, labelled)
}
