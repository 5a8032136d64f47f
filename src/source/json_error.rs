//! Why a JSON record could not be read, in Chinese: serde_json says `invalid type: integer `5`,
//! expected a string at line 1 column 10` of the whole record; a clerk fixing the export needs the
//! field, what it should hold and what it holds, or where the line breaks off.

use serde_json::Value;

use crate::model::Item;
use crate::model::text::quote;

/// What a record that ends before its JSON does is called: at the end of a file, the file was cut
/// short (still being written, or copied in part), and what followed is lost.
pub(crate) const CUT_SHORT: &str = "意外结束（内容可能被截断）";

/// A syntax error (`e` from parsing `text` as any JSON value), e.g. `JSON 语法错误：第 17 列意外结束
/// （内容可能被截断）`. `line` adds the line for a whole file (NDJSON has it in the place). Columns
/// count characters, as an editor shows them (serde_json counts bytes: three a Chinese character).
pub fn syntax(e: &serde_json::Error, text: &str, line: bool) -> String {
    let column = char_column(e, text);
    let at = if line {
        format!("第 {} 行第 {column} 列", e.line())
    } else {
        format!("第 {column} 列")
    };
    format!("JSON 语法错误：{at}{}", what(e, text))
}

/// A syntax error in `text`, a record of a file that begins at `line` and `col` there (a record
/// of a JSON array), told by its place in the file.
pub fn syntax_at(e: &serde_json::Error, text: &str, line: u64, col: u64) -> String {
    let mut column = char_column(e, text);
    // On the record's first line, the characters before it on the line count too.
    if e.line() <= 1 {
        column += col as usize - 1;
    }
    let line = line + e.line().saturating_sub(1) as u64;
    format!("JSON 语法错误：第 {line} 行第 {column} 列{}", what(e, text))
}

/// The column of `e` in characters, on its line of `text`.
fn char_column(e: &serde_json::Error, text: &str) -> usize {
    text.lines()
        .nth(e.line().saturating_sub(1))
        .map_or(e.column(), |l| {
            l.char_indices()
                .take_while(|&(i, _)| i < e.column())
                .count()
        })
}

/// What a syntax error of `text` is, in Chinese, to follow its place.
fn what(e: &serde_json::Error, text: &str) -> String {
    let message = bare(e);
    if e.is_eof() {
        CUT_SHORT.to_owned()
    } else if (message.starts_with("lone leading surrogate")
        || message.starts_with("unexpected end of hex escape"))
        && let Some(half) = half_character(e, text)
    {
        // An exporting system cut a text inside a character outside the basic plane (an emoji,
        // a rare 汉字 such as 𠀾): UTF-16 writes it as two escapes, and one was left.
        format!(
            "有半个字符（转义 {half} 缺少与它成对的另一半，多半是导出系统在表情符号或生僻字中间截断了文字）"
        )
    } else if message.starts_with("expected value") {
        "应为一个值（文本要加双引号）".to_owned()
    } else if message.starts_with("key must be a string") {
        "的键必须是加双引号的文本".to_owned()
    } else if message.starts_with("trailing comma") {
        "有多余的逗号".to_owned()
    } else if message.starts_with("expected `,` or `}`") {
        "缺少逗号或右花括号 }".to_owned()
    } else if message.starts_with("expected `,` or `]`") {
        "缺少逗号或右方括号 ]".to_owned()
    } else if message.starts_with("control character") {
        "的文本中有未转义的控制字符（如直接换行）".to_owned()
    } else if message.starts_with("invalid escape")
        || message.starts_with("invalid unicode")
        || message.starts_with("lone leading surrogate")
        || message.starts_with("unexpected end of hex escape")
    {
        "有无效的转义（\\ 后的字符）".to_owned()
    } else if message.starts_with("trailing characters") {
        "之后还有多余的内容".to_owned()
    } else if message.starts_with("expected `\"`") {
        "缺少双引号 \"".to_owned()
    } else if message.starts_with("expected `:`") {
        "缺少冒号 :（键和值之间）".to_owned()
    } else if message.starts_with("expected ident") {
        // A word where true, false or null was begun: `null` misspelt, or text not quoted.
        "有无法识别的内容（文本要加双引号，true、false、null 要拼写完整）".to_owned()
    } else if message.starts_with("invalid number") {
        "的数字写法有误".to_owned()
    } else if message.starts_with("number out of range") {
        "的数字超出范围".to_owned()
    } else if message.starts_with("recursion limit exceeded") {
        "嵌套层数过多（超过 128 层）".to_owned()
    } else {
        format!(": {message}")
    }
}

/// The escape of half a character (`\ud83d`: a UTF-16 surrogate) just before the place of `e` in
/// `text`, if there is one.
fn half_character(e: &serde_json::Error, text: &str) -> Option<String> {
    let line = text.lines().nth(e.line().saturating_sub(1))?;
    // The column counts bytes, and may fall inside a character.
    let before = &line.as_bytes()[..e.column().min(line.len())];
    // serde_json stops at most one escape (`\u` and four digits) after the half.
    let tail = &before[before.len().saturating_sub(14)..];
    tail.windows(6).find_map(|w| {
        let is_half = w[0] == b'\\'
            && w[1] == b'u'
            && w[2].eq_ignore_ascii_case(&b'd')
            && matches!(w[3].to_ascii_lowercase(), b'8'..=b'9' | b'a'..=b'f')
            && w[4..].iter().all(u8::is_ascii_hexdigit);
        is_half.then(|| String::from_utf8_lossy(w).into_owned())
    })
}

/// A record that is valid JSON but not an item: the first field whose value has the wrong type,
/// e.g. `字段「materials」应为列表，实为文本「不是列表」`, named down to the nested field that has
/// it (`字段「intermediaries[0].agencies」应为列表，实为文本「…」`), not its parent.
pub fn shape(value: &Value, e: &serde_json::Error) -> String {
    let what = type_message(&bare(e));
    match failing_path(value, &|v| v) {
        Some(f) => format!("字段「{f}」{what}"),
        None => format!("字段类型错误：{what}"),
    }
}

/// The path (`intermediaries[0].agencies`) of the first field within `value` that fails on its
/// own, as `wrap` puts it back in an item: every field of an item may be left out, so an object
/// holding only that field (a list holding only that entry) fails exactly when the field does.
fn failing_path(value: &Value, wrap: &dyn Fn(Value) -> Value) -> Option<String> {
    let fails = |v: Value| serde_json::from_value::<Item>(wrap(v)).is_err();
    // An object where a list belongs (or the other way) is wrong itself, not its entries.
    match value {
        Value::Object(_) if fails(Value::Object(serde_json::Map::new())) => return None,
        Value::Array(_) if fails(Value::Array(Vec::new())) => return None,
        _ => {}
    }
    match value {
        Value::Object(map) => map.iter().find_map(|(k, v)| {
            let one = |x: Value| Value::Object(serde_json::Map::from_iter([(k.clone(), x)]));
            if !fails(one(v.clone())) {
                return None;
            }
            let inner = failing_path(v, &|x| wrap(one(x)));
            Some(match inner {
                Some(p) if p.starts_with('[') => format!("{k}{p}"),
                Some(p) => format!("{k}.{p}"),
                None => k.clone(),
            })
        }),
        Value::Array(entries) => entries.iter().enumerate().find_map(|(i, v)| {
            if !fails(Value::Array(vec![v.clone()])) {
                return None;
            }
            let inner = failing_path(v, &|x| wrap(Value::Array(vec![x])));
            Some(match inner {
                Some(p) if p.starts_with('[') => format!("[{i}]{p}"),
                Some(p) => format!("[{i}].{p}"),
                None => format!("[{i}]"),
            })
        }),
        _ => None,
    }
}

/// serde_json's message without its ` at line 1 column 10`.
fn bare(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(i) => text[..i].to_owned(),
        None => text,
    }
}

/// `invalid type: integer `5`, expected a string` as `应为文本，实为数字 5` (serde's wording, so
/// TOML's too); other messages unchanged.
pub(crate) fn type_message(message: &str) -> String {
    if let Some(rest) = message.strip_prefix("invalid type: ")
        && let Some((found, expected)) = rest.rsplit_once(", expected ")
    {
        return format!("应为{}，实为{}", expected_zh(expected), found_zh(found));
    }
    if let Some(field) = message
        .strip_prefix("missing field `")
        .and_then(|f| f.strip_suffix('`'))
    {
        return format!("缺少字段「{field}」");
    }
    message.to_owned()
}

fn found_zh(found: &str) -> String {
    let ticked = |prefix: &str| {
        found
            .strip_prefix(prefix)
            .map(|v| v.trim_matches('`').to_owned())
    };
    if let Some(n) = ticked("integer ").or_else(|| ticked("floating point ")) {
        format!("数字 {n}")
    } else if let Some(b) = ticked("boolean ") {
        format!("布尔值 {b}")
    } else if let Some(s) = found.strip_prefix("string ") {
        format!("文本「{}」", quote(s.trim_matches('"'), 20))
    } else {
        match found {
            "map" => "对象 {…}".to_owned(),
            "sequence" => "列表 […]".to_owned(),
            "null" | "unit value" => "空值 null".to_owned(),
            other => other.to_owned(),
        }
    }
}

fn expected_zh(expected: &str) -> &str {
    if expected.contains("string") {
        "文本"
    } else if expected.contains("sequence") || expected.contains("list") {
        "列表"
    } else if expected.contains("map") || expected.contains("struct") {
        "对象"
    } else if expected.contains("bool") {
        "布尔值（true/false）"
    } else if expected.contains("integer") || expected.starts_with(['u', 'i']) {
        "整数"
    } else if expected.contains("float") || expected.starts_with('f') {
        "数字"
    } else {
        expected
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn syntax_of(text: &str) -> String {
        syntax(
            &serde_json::from_str::<Value>(text).unwrap_err(),
            text,
            false,
        )
    }

    fn shape_of(text: &str) -> String {
        let value: Value = serde_json::from_str(text).unwrap();
        let e = serde_json::from_value::<Item>(value.clone()).unwrap_err();
        shape(&value, &e)
    }

    #[test]
    fn syntax_errors_say_where_and_what() {
        assert_eq!(
            syntax_of(r#"{"name": "食品经营许可""#),
            "JSON 语法错误：第 17 列意外结束（内容可能被截断）"
        );
        assert_eq!(
            syntax_of(r#"{"name": 食品经营许可}"#),
            "JSON 语法错误：第 10 列应为一个值（文本要加双引号）"
        );
        assert_eq!(
            syntax_of(r#"{"name": "a",}"#),
            "JSON 语法错误：第 14 列有多余的逗号"
        );
        assert_eq!(
            syntax_of(r#"{"name": "a" "code": "b"}"#),
            "JSON 语法错误：第 14 列缺少逗号或右花括号 }"
        );
        // Every syntax error serde_json gives, in Chinese: none is left in English.
        for (text, said) in [
            (
                r#"{"name" "食品经营许可"}"#,
                "第 9 列缺少冒号 :（键和值之间）",
            ),
            (r#"{"name": nul}"#, "第 13 列有无法识别的内容"),
            ("not json", "第 2 列有无法识别的内容"),
            (r#"{"n": 1.}"#, "第 9 列的数字写法有误"),
            (r#"{"n": 1e999}"#, "第 11 列的数字超出范围"),
            (r#"{"n": "\ud800\u0041"}"#, "有半个字符（转义 \\ud800 缺少"),
            (
                r#"{"n": "申请表\ud83d。"}"#,
                "第 17 列有半个字符（转义 \\ud83d 缺少",
            ),
            (r#"{"n": "\uDC00"}"#, "有半个字符（转义 \\uDC00 缺少"),
            (r#"{"n": "\u12"}"#, "有无效的转义"),
            (&"[".repeat(200), "嵌套层数过多（超过 128 层）"),
            (r#"{"n": 1} x"#, "第 10 列之后还有多余的内容"),
            ("{5: 1}", "第 2 列的键必须是加双引号的文本"),
            ("{\"n\": \"a\nb\"}", "未转义的控制字符"),
        ] {
            let message = syntax_of(text);
            assert!(message.contains(said), "{text}: {message}");
            assert!(
                !message.is_ascii() && !message.contains("expected"),
                "{message}"
            );
        }
        let text = "[\n{\"name\": }\n]";
        let whole = serde_json::from_str::<Value>(text).unwrap_err();
        assert_eq!(
            syntax(&whole, text, true),
            "JSON 语法错误：第 2 行第 10 列应为一个值（文本要加双引号）"
        );
    }

    #[test]
    fn wrong_types_name_the_field() {
        assert_eq!(
            shape_of(r#"{"name": "食品经营许可", "steps": {"name": "受理"}}"#),
            "字段「steps」应为列表，实为对象 {…}"
        );
        assert_eq!(
            shape_of(r#"{"name": "食品经营许可", "materials": "营业执照复印件"}"#),
            "字段「materials」应为列表，实为文本「营业执照复印件」"
        );
        assert_eq!(
            shape_of(r#"{"name": "食品经营许可", "materials": ["营业执照"]}"#),
            "字段「materials[0]」应为对象，实为文本「营业执照」"
        );
    }

    /// A nested field of the wrong shape is named down to itself, not by its parent list.
    #[test]
    fn wrong_types_name_the_nested_field() {
        assert_eq!(
            shape_of(
                r#"{"name": "建设工程设计方案审查", "intermediaries": [{"name": "建设工程设计方案编制", "agencies": {"name": "池州市规划设计院"}}]}"#
            ),
            "字段「intermediaries[0].agencies」应为列表，实为对象 {…}"
        );
        assert_eq!(
            shape_of(r#"{"name": "食品经营许可", "steps": [{"name": "受理"}, "审查"]}"#),
            "字段「steps[1]」应为对象，实为文本「审查」"
        );
        assert_eq!(
            shape_of(
                r#"{"name": "建设工程设计方案审查", "intermediaries": [{"name": "勘察"}, {"name": "设计", "agencies": [{"name": "池州市规划设计院"}, 5]}]}"#
            ),
            "字段「intermediaries[1].agencies[1]」应为对象，实为数字 5"
        );
    }
}
