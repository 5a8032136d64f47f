//! TOML errors (of `zwfw-audit.toml` and of the site profiles) as a clerk editing the file reads
//! them: the line and column (in characters), what is wrong in Chinese, and the line itself.
//!
//! The messages come from two places: the TOML parser (`missing comma between array elements`,
//! `key with no value` …) and serde (`invalid type: …, expected u32`, `invalid value: integer
//! `-1`, expected usize`, `unknown field` …). The usual ones are translated here; any other keeps
//! the library's English, marked `（原文：…）`, so that it is at least recognisable as quoted.
//!
//! A list or inline table left open is found by the parser only where the next thing cannot be
//! one of its elements, often lines later: the message then points at where the `[` or `{` was
//! opened and shows the line where the parser stopped as well.

use std::fmt::Write as _;

use crate::source::json_error::type_message;

/// A TOML error in Chinese, with its place and line (see the module docs).
pub(crate) fn toml_reason(e: &toml::de::Error, text: &str) -> String {
    let start = e.span().map(|s| s.start.min(text.len()));
    let found = e.span().and_then(|s| text.get(s));
    let said = explain(e.message().trim(), text, start, found.unwrap_or_default());
    let Some(at) = said.at.or(start) else {
        return said.what;
    };
    let (line, column, line_text) = place(text, at);
    let mut out = format!(
        "第 {line} 行第 {column} 列，{}\n  {line} | {line_text}",
        said.what
    );
    if let Some((stop_line, _, stop_text)) = said.also.map(|p| place(text, p))
        && stop_line != line
    {
        let _ = write!(out, "\n  {stop_line} | {stop_text}");
    }
    out
}

/// `what` at byte `at` of `text`, as [`toml_reason`] says a TOML error: the line and column,
/// then the line itself.
pub(crate) fn at_line(text: &str, at: usize, what: &str) -> String {
    let (line, column, line_text) = place(text, at);
    format!("第 {line} 行第 {column} 列，{what}\n  {line} | {line_text}")
}

/// What is wrong and, when the parser's place is not the best one to show, where to point.
struct Said {
    what: String,
    /// The place to name instead of the parser's.
    at: Option<usize>,
    /// A second place whose line is shown too (where the parser stopped).
    also: Option<usize>,
}

impl From<String> for Said {
    fn from(what: String) -> Self {
        Self {
            what,
            at: None,
            also: None,
        }
    }
}

impl From<&str> for Said {
    fn from(what: &str) -> Self {
        what.to_owned().into()
    }
}

/// The 1-based line and column (in characters) of byte `at`, and the line's text.
fn place(text: &str, at: usize) -> (usize, usize, &str) {
    let at = (0..=at.min(text.len()))
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0);
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    let line_text = text[line_start..].lines().next().unwrap_or_default();
    (line, column, line_text)
}

/// `message` from the TOML library in Chinese; `start` is the parser's place in `text` and `found`
/// the text it points at.
#[allow(clippy::too_many_lines)] // one flat list of messages reads best
fn explain(message: &str, text: &str, start: Option<usize>, found: &str) -> Said {
    let names = |list: &str| {
        list.split(['`', ','])
            .map(str::trim)
            .filter(|w| !w.is_empty() && !matches!(*w, "or" | "expected" | "expected one of"))
            .collect::<Vec<_>>()
            .join("、")
    };
    let line = start.map_or("", |s| place(text, s).2);
    // Mistakes of typing (full-width symbols, an unquoted word) get a hint about the line.
    let syntax = |what: &str| -> Said { format!("{what}{}", full_width_hint(line)).into() };
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let (name, allowed) = rest.split_once('`').unwrap_or((rest, ""));
        return format!("没有设置项「{name}」（这一节可用的有: {}）", names(allowed)).into();
    }
    if let Some(rest) = message.strip_prefix("unknown variant `") {
        let (value, allowed) = rest.split_once('`').unwrap_or((rest, ""));
        return format!("取值「{value}」无效（可用: {}）", names(allowed)).into();
    }
    if let Some(n) = big_integer(message) {
        return out_of_range(&n, message.rsplit_once(", expected ").map_or("", |p| p.1)).into();
    }
    if let Some(rest) = message.strip_prefix("invalid value: ") {
        let (value, expected) = rest.rsplit_once(", expected ").unwrap_or((rest, ""));
        return match value
            .strip_prefix("integer `")
            .and_then(|v| v.strip_suffix('`'))
        {
            Some(n) => out_of_range(n, expected).into(),
            None => format!("取值无效（原文：{message}）").into(),
        };
    }
    if message.starts_with("invalid type: ") {
        let what = type_message(message);
        // A bare date (`seed = 2026-11-28`) is a TOML date, which serde sees as a map.
        if message.starts_with("invalid type: map")
            && found.starts_with(|c: char| c.is_ascii_digit())
        {
            return what.replace("对象 {…}", &format!("日期 {found}")).into();
        }
        return what.into();
    }
    if let Some(field) = message
        .strip_prefix("missing field `")
        .and_then(|f| f.strip_suffix('`'))
    {
        return format!("缺少设置项「{field}」").into();
    }
    if message.starts_with("duplicate key") {
        return if line.trim_start().starts_with('[') {
            format!("节 [{found}] 写了两次，请把两处的设置合到一节里").into()
        } else if found.is_empty() {
            "设置项重复（同一节里写了两次），请删掉其中一个".into()
        } else {
            format!("设置项「{found}」重复（同一节里写了两次），请删掉其中一个").into()
        };
    }
    if message.starts_with("missing comma between array elements")
        || message.starts_with("unclosed array")
        || message.starts_with("unexpected `=` in array")
    {
        return unclosed_list(message, text, start, line);
    }
    if message.starts_with("unclosed inline table") {
        return "花括号 { 缺少右花括号 }（{ … } 要写在同一行内）".into();
    }
    if message.starts_with("unclosed table") {
        return syntax("节名缺少右方括号 ]");
    }
    if message.starts_with("string values must be quoted") {
        return syntax("文本要加双引号（如 \"复印件\"），数字和 true/false 不加");
    }
    if message.starts_with("key with no value") {
        return syntax("设置项名称后面缺少等号 =（应写成「名称 = 值」，如 decimals = 2）");
    }
    if message.starts_with("invalid unquoted key") {
        // `承诺办结时限 = ["承诺办理天数"]` under [labels.item] or [guide.labels.item].
        return syntax(
            "设置项名称里有中文或其他符号时要加双引号，如 \"承诺办结时限\" = [\"承诺办理天数\"]（只由英文字母、数字、- 和 _ 组成的名称不用加）",
        );
    }
    if message.starts_with("unquoted keys cannot be empty") {
        return syntax("缺少设置项或节的名称（如 decimals = 2、[score]）");
    }
    if message.starts_with("unexpected key or value") {
        return syntax(
            "一行只能写一个设置项，值后面多了内容（如多余的逗号或第二个值；说明文字要写在 # 后面）",
        );
    }
    if message.starts_with("extra comma in array") {
        return "列表中有多余的逗号（两个逗号之间没有内容）".into();
    }
    if message.starts_with("invalid basic string") {
        return "文本缺少结尾的双引号 \"（一对双引号要写在同一行）".into();
    }
    if message.starts_with("invalid literal string") {
        return "文本缺少结尾的单引号 '（一对单引号要写在同一行）".into();
    }
    if message.starts_with("invalid multi-line basic string") {
        return "多行文本缺少结尾的三个双引号 \"\"\"".into();
    }
    if message.starts_with("invalid multi-line literal string") {
        return "多行文本缺少结尾的三个单引号 '''".into();
    }
    if message.starts_with("missing escaped value")
        || message.starts_with("invalid escape")
        || message.contains("unicode value digits")
    {
        return "双引号里的反斜杠 \\ 有特殊含义：路径请写成 \"D:/政务/history.sqlite\"（正斜杠）；路径和正则表达式（如 '\\d+'）都可以改用单引号，里面的 \\ 照写；或把每个 \\ 写成两个 \\\\".into();
    }
    if message.starts_with("unexpected leading zero") {
        return "数字不能以 0 开头（如 08 要写成 8；以 0 开头的编码要加双引号写成文本）".into();
    }
    if message.starts_with("invalid boolean") {
        return syntax("真假值要写成小写的 true 或 false");
    }
    if message.starts_with("integer number overflowed") {
        return format!("数字太大（最大 {}）", i64::MAX).into();
    }
    if message.starts_with("invalid float")
        || message.starts_with("invalid integer")
        || message.starts_with("invalid fraction")
        || message.starts_with("invalid exponent")
        || message.starts_with("`_` may only go between digits")
    {
        return syntax("数字写法不对（如 2、0.8；不要带单位或其他符号）");
    }
    syntax(&format!(
        "写法不符合配置文件（TOML）的格式（原文：{message}）"
    ))
}

/// The integer of `invalid type: integer `N` as i128, expected u64` (one too large for TOML's
/// 64 bits), if `message` is that.
fn big_integer(message: &str) -> Option<String> {
    let rest = message.strip_prefix("invalid type: integer `")?;
    let (n, rest) = rest.split_once('`')?;
    rest.starts_with(" as ").then(|| n.to_owned())
}

/// An integer that the setting's type cannot hold (`expected` is serde's name of the type).
fn out_of_range(n: &str, expected: &str) -> String {
    if n.starts_with('-') && expected.starts_with('u') {
        return format!("数字 {n} 不能是负数，这里要写 0 或正整数");
    }
    let max = match expected {
        "u8" => u64::from(u8::MAX).to_string(),
        "u16" => u16::MAX.to_string(),
        "u32" => u32::MAX.to_string(),
        "u64" | "usize" => u64::MAX.to_string(),
        "i32" => i32::MAX.to_string(),
        "i64" | "isize" => i64::MAX.to_string(),
        _ => return format!("数字 {n} 超出了这个设置项允许的范围"),
    };
    if n.starts_with('-') {
        format!("数字 {n} 太小，超出了这个设置项允许的范围")
    } else {
        format!("数字 {n} 太大（这里最大 {max}）")
    }
}

/// A list that lacks a comma or its `]`: when the parser stopped on a new setting or section, the
/// `]` is the likelier mistake, and the place to show is where the `[` was opened.
fn unclosed_list(message: &str, text: &str, start: Option<usize>, line: &str) -> Said {
    let open = start.and_then(|s| unclosed_bracket(text, s));
    let Some((open, start)) = open.zip(start) else {
        return format!(
            "列表中两项之间缺少逗号 , 或列表缺少右方括号 ]{}",
            full_width_hint(line)
        )
        .into();
    };
    let (open_line, ..) = place(text, open);
    let (stop_line, ..) = place(text, start);
    let trimmed = line.trim_start();
    let unclosed = message.starts_with("unclosed array")
        || open_line != stop_line
            && (trimmed.starts_with('[')
                || trimmed
                    .split_once('=')
                    .is_some_and(|(k, _)| is_key(k.trim())));
    if unclosed {
        let stop = if start >= text.trim_end().len() {
            "到文件末尾也没有结束".to_owned()
        } else {
            format!("到第 {stop_line} 行还没有结束（错误在前面，不在第 {stop_line} 行）")
        };
        return Said {
            what: format!(
                "这里开始的列表 [ 缺少右方括号 ]：{stop}；如果列表确实跨多行，也可能是其中两项之间缺少逗号 ,"
            ),
            at: Some(open),
            also: Some(start),
        };
    }
    if open_line == stop_line {
        return format!(
            "列表中两项之间缺少逗号 ,（应写成 [\"甲\", \"乙\"]）{}",
            full_width_hint(line)
        )
        .into();
    }
    format!(
        "列表中这一项前面缺少逗号 ,（列表从第 {open_line} 行开始；如果列表本应在前面结束，是缺少右方括号 ]）{}",
        full_width_hint(line)
    )
    .into()
}

/// Whether `k` is a bare or dotted TOML key (`decimals`, `labels.item`).
fn is_key(k: &str) -> bool {
    !k.is_empty()
        && k.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

/// Where the innermost `[` still open at byte `end` of `text` is, skipping strings and comments.
fn unclosed_bracket(text: &str, end: usize) -> Option<usize> {
    let b = text.as_bytes();
    let end = end.min(b.len());
    let mut open = Vec::new();
    let mut i = 0;
    while i < end {
        match b[i] {
            b'#' => {
                while i < end && b[i] != b'\n' {
                    i += 1;
                }
            }
            q @ (b'"' | b'\'') => {
                let triple = [q, q, q];
                if b[i..].starts_with(&triple) {
                    i += 3;
                    while i < end && !b[i..].starts_with(&triple) {
                        i += 1;
                    }
                    i += 2;
                } else {
                    i += 1;
                    while i < end && b[i] != q && b[i] != b'\n' {
                        if q == b'"' && b[i] == b'\\' {
                            i += 1;
                        }
                        i += 1;
                    }
                }
            }
            b'[' => open.push(i),
            b']' => {
                open.pop();
            }
            _ => {}
        }
        i += 1;
    }
    open.pop()
}

/// `；这一行有全角符号「，」…` when `line` has full-width punctuation or digits outside double
/// quotes (typed with a Chinese input method), else nothing.
fn full_width_hint(line: &str) -> String {
    let mut quoted = false;
    let mut found: Vec<char> = Vec::new();
    for c in line.chars() {
        if c == '"' {
            quoted = !quoted;
        } else if !quoted
            && ("＝［］｛｝“”‘’，：＃".contains(c) || ('０'..='９').contains(&c))
            && !found.contains(&c)
        {
            found.push(c);
        }
    }
    if found.is_empty() {
        return String::new();
    }
    let list: Vec<String> = found.iter().map(|c| format!("「{c}」")).collect();
    format!(
        "；这一行有全角符号{}，请切换到英文输入法改用半角的 = [ ] {{ }} \" , : # 或数字",
        list.join("")
    )
}

#[cfg(test)]
mod tests {
    use crate::config::Config;

    /// The message for `text`, parsed as the configuration file is.
    fn err(text: &str) -> String {
        Config::parse(text).unwrap_err()
    }

    #[test]
    fn integers_out_of_range_say_why_in_chinese() {
        assert_eq!(
            err("[score]\n# 得分保留几位小数\ndecimals = -1\n"),
            "第 3 行第 12 列，数字 -1 不能是负数，这里要写 0 或正整数\n  3 | decimals = -1"
        );
        assert_eq!(
            err("[check]\nfaq_min_count = -3\n"),
            "第 2 行第 17 列，数字 -3 不能是负数，这里要写 0 或正整数\n  2 | faq_min_count = -3"
        );
        assert_eq!(
            err("[score]\ndecimals = 99999999999\n"),
            "第 2 行第 12 列，数字 99999999999 太大（这里最大 4294967295）\n  2 | decimals = 99999999999"
        );
        // Past TOML's 64 bits.
        let e = err("[score]\nseed = 99999999999999999999\n");
        assert!(e.contains("数字 99999999999999999999 太大"), "{e}");
    }

    #[test]
    fn wrong_types_name_the_type_expected() {
        assert_eq!(
            err("[score]\nstratify = \"是\"\n"),
            "第 2 行第 12 列，应为布尔值（true/false），实为文本「是」\n  2 | stratify = \"是\""
        );
        assert_eq!(
            err("[rules]\nB13 = 1\n"),
            "第 2 行第 7 列，应为文本，实为数字 1\n  2 | B13 = 1"
        );
        assert!(err("[links]\nallowed_hosts = \"zwfw.chizhou.gov.cn\"\n").contains("应为列表"));
        assert!(
            err("[check]\nfaq_similarity_threshold = \"0.8\"\n")
                .contains("应为数字，实为文本「0.8」")
        );
        assert!(err("[score]\nseed = 2026-11-28\n").contains("应为整数，实为日期 2026-11-28"));
    }

    /// A list whose `]` is missing is found by the parser at the next section: the message points
    /// at the `[` and says the error is earlier.
    #[test]
    fn an_unclosed_list_points_at_its_opening_bracket() {
        let e = err(
            "[links]\nallowed_hosts = [\"zwfw.chizhou.gov.cn\", \"www.chizhou.gov.cn\"\n\n[score]\ndecimals = 2\n",
        );
        assert_eq!(
            e,
            "第 2 行第 17 列，这里开始的列表 [ 缺少右方括号 ]：到第 4 行还没有结束（错误在前面，不在第 4 行）；如果列表确实跨多行，也可能是其中两项之间缺少逗号 ,\n  2 | allowed_hosts = [\"zwfw.chizhou.gov.cn\", \"www.chizhou.gov.cn\"\n  4 | [score]"
        );
        let e =
            err("[links]\nallowed_hosts = [\"zwfw.chizhou.gov.cn\",\n# 注释\ntimeout_secs = 5\n");
        assert!(
            e.starts_with("第 2 行第 17 列，这里开始的列表 [ 缺少右方括号 ]"),
            "{e}"
        );
        let e = err("[links]\nallowed_hosts = [\"zwfw.chizhou.gov.cn\"");
        assert!(
            e.starts_with("第 2 行第 17 列，") && e.contains("缺少右方括号 ]"),
            "{e}"
        );
        assert!(!e.contains("原文"), "{e}");
    }

    #[test]
    fn a_missing_comma_in_a_list_is_said_where_it_is() {
        assert_eq!(
            err("[links]\nallowed_hosts = [\"a.gov.cn\" \"b.gov.cn\"]\n"),
            "第 2 行第 29 列，列表中两项之间缺少逗号 ,（应写成 [\"甲\", \"乙\"]）\n  2 | allowed_hosts = [\"a.gov.cn\" \"b.gov.cn\"]"
        );
        // Across lines: the item after the missing comma, and the list's first line.
        let e = err(
            "[links]\nallowed_hosts = [\n  \"a.gov.cn\",\n  \"b.gov.cn\"\n  \"c.gov.cn\",\n]\n",
        );
        assert!(
            e.starts_with("第 5 行第 3 列，列表中这一项前面缺少逗号 ,（列表从第 2 行开始"),
            "{e}"
        );
        // A Chinese comma is named.
        let e = err("[links]\nallowed_hosts = [\"a.gov.cn\"，\"b.gov.cn\"]\n");
        assert!(e.contains("全角符号「，」"), "{e}");
    }

    #[test]
    fn typing_mistakes_are_said_in_chinese() {
        let cases = [
            (
                "[score]\ndecimals = 2\ndecimals = 3\n",
                "设置项「decimals」重复",
            ),
            ("[score]\nseed = 1\n[score]\n", "节 [score] 写了两次"),
            ("[score]\ndecimals 2\n", "缺少等号 ="),
            ("[score]\ndecimals ＝ 2\n", "全角符号「＝」"),
            ("［score］\n", "全角符号「［」「］」"),
            ("[score]\nmethod = \"count:3\n", "缺少结尾的双引号"),
            ("[score]\nmethod = 'count:3\n", "缺少结尾的单引号"),
            ("[audit]\nstore = \"D:\\政务\\history.sqlite\"\n", "反斜杠"),
            ("[score]\ndecimals = 02\n", "不能以 0 开头"),
            ("[score]\ndecimals = 2,\n", "一行只能写一个设置项"),
            ("[links]\nallowed_hosts = [\"a\",,\"b\"]\n", "多余的逗号"),
            ("[score]\nstratify = TRUE\n", "小写的 true 或 false"),
            ("[score]\n= 2\n", "缺少设置项或节的名称"),
            (
                "[labels.item]\n承诺办结时限 = [\"承诺办理天数\"]\n",
                "名称里有中文或其他符号时要加双引号",
            ),
            ("[check]\nfaq_similarity_threshold = 0.\n", "数字写法不对"),
        ];
        for (text, words) in cases {
            let e = err(text);
            assert!(e.contains(words), "{text:?}: {e}");
            assert!(
                !e.contains("expected") && !e.contains("原文"),
                "{text:?} left English: {e}"
            );
        }
    }

    /// A message without a translation keeps the library's words, marked as quoted.
    #[test]
    fn an_untranslated_message_is_quoted_as_the_original() {
        let e = err("[[score]]\n");
        assert!(
            e.starts_with("第 1 行第 1 列，写法不符合配置文件（TOML）的格式（原文："),
            "{e}"
        );
    }
}
