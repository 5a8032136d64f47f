//! A file that is one JSON object: an item, an interface's answer saved as it came (its records
//! under `data`, `rows` …, one detail object under `data`, or an error answer with none), or an
//! object that holds no item at all.

use std::collections::BTreeMap;

use serde_json::Value;
use serde_json::value::RawValue;

use super::super::json_labels::LabelledFile;
use super::super::{Notice, NoticeLevel, Record, Unreadable};
use super::record::{parse_record, reads_nothing};
use crate::model::{Item, Provenance};

/// A detail endpoint's answer saved as a file, `{"code":"0","msg":"成功","data":{…one item…}}`:
/// the one object under a wrapper key, read as a record is (own keys or labels), after an Info
/// notice that it was unwrapped; an object there that is no item is unreadable, said to be in
/// it. `None` when the answer itself reads as an item (more than a status `code`, or a Chinese
/// label), or holds no single non-empty object under a wrapper key (`"data":null`, `{}`: an
/// error answer, for [`error_answer`]).
pub(super) fn single_wrapped(
    map: &Object<'_>,
    text: &str,
    name: &str,
    keys: &[&str],
    labelled: &mut LabelledFile<'_>,
) -> Option<Vec<Record>> {
    if keys.iter().any(|k| labelled.is_item_label(k))
        || serde_json::from_str::<Item>(text).is_ok_and(|item| !reads_only_a_code(item))
    {
        return None;
    }
    let mut objects = map
        .iter()
        .filter(|(k, v)| is_wrapper_key(k) && v.get().starts_with('{'));
    let (key, raw) = objects.next()?;
    if objects.next().is_some()
        || serde_json::from_str::<Object<'_>>(raw.get())
            .ok()?
            .is_empty()
    {
        return None;
    }
    Some(
        match parse_record(raw.get(), Provenance::file(name), None, labelled) {
            Record::Unreadable(mut u) => {
                u.reason = format!(
                    "这个文件是接口返回的数据包装，「{key}」里的对象不是可读取的事项：{}",
                    u.reason
                );
                vec![Record::Unreadable(u)]
            }
            record => vec![
                Record::Notice(Notice {
                    level: NoticeLevel::Info,
                    provenance: Provenance::file(name),
                    message: format!(
                        "这个文件是接口返回的数据包装（如详情接口的返回），事项在「{key}」里：已按其中的一个事项读取"
                    ),
                }),
                record,
            ],
        },
    )
}

/// A file that is one JSON object (no `items` array) as one item, or a notice when nothing in it
/// is an item's: a platform's wrapped answer (`{"code":200,"data":{…}}`) or a stray settings
/// file is not an item with every element missing, which would fail nearly every rule.
pub(super) fn whole_file_record<'a>(
    text: &str,
    name: &str,
    keys: impl Iterator<Item = &'a str>,
    labelled: &mut LabelledFile<'_>,
) -> Record {
    let keys: Vec<&str> = keys.collect();
    if serde_json::from_str::<Item>(text).is_ok_and(|item| reads_nothing(&item))
        && !keys.iter().any(|k| labelled.is_item_label(k))
    {
        return not_items_notice(name, &keys);
    }
    let mut record = parse_record(text, Provenance::file(name), None, labelled);
    if let Record::Item(item) = &record
        && let Some(reason) = error_answer(text, item, "这个文件")
    {
        return unreadable_file(name, reason);
    }
    let Some(wrapper) = keys.iter().find(|k| is_wrapper_key(k)) else {
        return record;
    };
    let wrapped = |reason: &str| {
        format!(
            "{reason}。这个文件像是接口返回的数据包装（事项可能在「{wrapper}」里）：请导出为事项数组（或放在 items 里）再检查"
        )
    };
    match &mut record {
        // `{"code":200,"data":{…}}` fails on its `code`, but the answer is that it is wrapped.
        Record::Unreadable(u) => u.reason = wrapped(&u.reason),
        // `{"code":"0","data":{…}}` reads as an item with 实施编码 0 and nothing else.
        Record::Item(item) if reads_only_a_code((**item).clone()) => {
            let reason = wrapped(&format!(
                "只读到 code（\"{}\"），没有事项的其他要素",
                item.code
            ));
            return unreadable_file(name, reason);
        }
        _ => {}
    }
    record
}

/// Why a file that is one object read as an item with nothing but a `code` is an interface's
/// error answer saved in place of the export (`{"code":500,"msg":"系统繁忙"}`,
/// `{"success":false,"code":"E0001","message":"token失效"}`): its code is a status, no
/// 实施编码, and the item it made failed nearly every rule and, in the nightly run, counted as the
/// whole of the county's export. `None` for anything else.
pub(super) fn error_answer(text: &str, item: &Item, what: &str) -> Option<String> {
    if !reads_only_a_code(item.clone()) {
        return None;
    }
    let object = serde_json::from_str::<serde_json::Map<String, Value>>(text).ok()?;
    // Records wrapped under `data` (`{"code":"0","msg":"成功","data":{…}}`) are said to be there.
    // `"data":{}` or `[]` holds nothing either.
    let holds = |v: &Value| match v {
        Value::Null => false,
        Value::Object(o) => !o.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::String(t) => !t.trim().is_empty(),
        _ => true,
    };
    if object.iter().any(|(k, v)| is_wrapper_key(k) && holds(v)) {
        return None;
    }
    let message = [
        "msg",
        "message",
        "errmsg",
        "errormsg",
        "error_description",
        "error",
        "errormessage",
    ]
    .iter()
    .find_map(|want| {
        object
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(want))
            .and_then(|(_, v)| v.as_str())
    })
    .map(str::trim)
    .filter(|m| !m.is_empty());
    // A status is too short for any 实施编码 (31 characters, 12 for a 基本编码).
    let code = item.code.trim();
    if code.chars().count() >= 12 {
        return None;
    }
    let said = match message {
        Some(m) => format!("：{}", crate::model::text::quote(m, 60)),
        None => String::new(),
    };
    let success = object
        .iter()
        .any(|(k, v)| k.eq_ignore_ascii_case("success") && v.as_bool() == Some(true))
        || matches!(code, "0" | "00" | "000" | "0000" | "200")
        || message.is_some_and(|m| {
            ["成功", "操作成功", "查询成功", "success", "ok"]
                .iter()
                .any(|w| m.eq_ignore_ascii_case(w))
        });
    Some(if success {
        format!(
            "{what}是接口返回的应答（code {code}{said}），里面没有事项数据：导出的查询可能没有结果，请检查查询条件后重新导出"
        )
    } else {
        format!(
            "{what}是接口返回的错误信息（code {code}{said}），不是事项：导出可能没有成功，请重新导出后再检查"
        )
    })
}

/// Whether an item read from an object has nothing but a `code`: an interface's status code
/// (`"code":"0"`, as many platforms write it, not only `200`), which is no item's 实施编码.
fn reads_only_a_code(mut item: Item) -> bool {
    item.code.clear();
    reads_nothing(&item)
}

/// A JSON object's keys and the text of their values. The keys are owned: a key written with
/// escapes (`"\u4e8b\u9879\u540d\u79f0"`, as Python's `json.dumps` writes 事项名称) cannot be
/// borrowed from the text.
pub(super) type Object<'a> = BTreeMap<String, &'a RawValue>;

/// Where a JSON object's items are: its `items` array, or the one array of a platform's
/// wrapped answer (with its place, `data.rows`). Each holds the array's text.
pub(super) enum ItemsIn<'a> {
    Items(&'a str),
    Wrapped(String, &'a str),
}

/// Where the items of the object `text` are (`map`: its keys and values), `None` when it holds
/// no array of them. `objects` tells whether the array at a place (its text given) is one of
/// records: its first element is an object, or it has none (a stray value among them is an
/// unreadable record, not a reason to take the answer for an item).
pub(super) fn items_in<'a>(
    text: &str,
    map: &Object<'a>,
    objects: &dyn Fn(&str, &str) -> bool,
) -> Option<ItemsIn<'a>> {
    match map.get("items") {
        Some(items) if items.get().starts_with('[') => Some(ItemsIn::Items(items.get())),
        _ => wrapped_items(text, map, objects).map(|(place, array)| ItemsIn::Wrapped(place, array)),
    }
}

/// That a file is a platform's answer saved as it came (`{"code":200,"data":[…]}`), read by the
/// array at `place`.
pub(super) fn wrapper_notice(name: &str, place: &str) -> Notice {
    Notice {
        level: NoticeLevel::Info,
        provenance: Provenance::file(name),
        message: format!(
            "这个文件是接口返回的数据包装，事项在「{place}」里：已按其中的事项数组读取"
        ),
    }
}

/// The keys under which an interface's answer wraps its records.
pub(crate) fn is_wrapper_key(key: &str) -> bool {
    matches!(
        key.to_ascii_lowercase().as_str(),
        "data" | "datas" | "list" | "rows" | "records" | "result" | "results"
    )
}

/// The array of records a platform's wrapped answer holds (`{"code":200,"data":[…]}`, or one
/// level deeper: `{"data":{"total":…,"rows":[…]}}`), with where it is (`data.rows`): `None` when
/// the object is an item itself (reads more than a `code`), or holds no such array of records
/// (`objects`, as for [`items_in`]), or holds two.
fn wrapped_items<'a>(
    text: &str,
    map: &Object<'a>,
    objects: &dyn Fn(&str, &str) -> bool,
) -> Option<(String, &'a str)> {
    fn arrays<'a>(
        map: &Object<'a>,
        outer: Option<&str>,
        objects: &dyn Fn(&str, &str) -> bool,
    ) -> Vec<(String, &'a str)> {
        let mut out = Vec::new();
        for (key, raw) in map.iter().filter(|(k, _)| is_wrapper_key(k)) {
            let json = raw.get();
            let place = outer.map_or_else(|| key.to_owned(), |o| format!("{o}.{key}"));
            if json.starts_with('[') {
                if objects(&place, json) {
                    out.push((place, json));
                }
            } else if outer.is_none()
                && let Ok(inner) = serde_json::from_str::<Object<'_>>(json)
            {
                out.extend(arrays(&inner, Some(key), objects));
            }
        }
        out
    }
    let found = arrays(map, None, objects);
    let [(place, json)] = <[_; 1]>::try_from(found).ok()?;
    // The object is an item only when it reads more than a code.
    let is_item = serde_json::from_str::<Item>(text).is_ok_and(|item| !reads_only_a_code(item));
    (!is_item).then_some((place, json))
}

/// The notice for a file that is one JSON object holding nothing of an item.
fn not_items_notice(name: &str, keys: &[&str]) -> Record {
    let keys = if keys.is_empty() {
        "空对象".to_owned()
    } else {
        format!("有的是 {}", keys[..keys.len().min(8)].join("、"))
    };
    Record::Notice(Notice {
        level: NoticeLevel::Error,
        provenance: Provenance::file(name),
        message: format!(
            "不是事项数据，未读取：顶层 JSON 对象里没有任何事项字段（name、code、subject 等，见 schema/item.schema.json），也没有 items 数组（{keys}）。\
             如果事项在其中某个数组里，请导出为事项数组（或放在 items 里）再检查；如果这不是导出文件，请把它移出导出文件夹"
        ),
    })
}

/// The whole file `name` as one unreadable record, for `reason`.
fn unreadable_file(name: &str, reason: String) -> Record {
    Record::Unreadable(Unreadable {
        provenance: Provenance::file(name),
        reason,
        code: None,
        name: None,
        partial: None,
    })
}
