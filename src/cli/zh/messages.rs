//! The messages of usage errors in Chinese, from the context clap gives with each error.

use std::fmt::Write as _;

use clap::builder::StyledStr;
use clap::error::{ContextKind, ContextValue, ErrorKind};
/// The error in Chinese, or `None` for help, version and the kinds clap should print itself.
pub(super) fn message(e: &clap::Error) -> Option<String> {
    let arg = || text(e, ContextKind::InvalidArg);
    let value = || text(e, ContextKind::InvalidValue);
    let message = match e.kind() {
        ErrorKind::UnknownArgument => {
            let arg = arg()?;
            let mut m = if arg.starts_with('-') {
                format!("不认识的选项 {arg}")
            } else {
                format!("多余的参数 {arg}")
            };
            if let Some(s) = text(e, ContextKind::SuggestedArg) {
                let _ = write!(m, "（是不是 {s}？）");
            }
            for tip in texts(e, ContextKind::Suggested) {
                if tip.starts_with("to pass ") {
                    let _ = write!(m, "\n提示: 如果 {arg} 是文件名，请写成 -- {arg}");
                } else if let Some(use_) = tip
                    .strip_prefix('\'')
                    .and_then(|t| t.strip_suffix("' exists"))
                {
                    let _ = write!(m, "\n提示: 选项要写在命令名之后，如 {use_}");
                }
            }
            m
        }
        ErrorKind::InvalidSubcommand => {
            let mut m = format!("没有 {} 这个命令", text(e, ContextKind::InvalidSubcommand)?);
            if let Some(s) = texts(e, ContextKind::SuggestedSubcommand).first() {
                let _ = write!(m, "（是不是 {s}？）");
            }
            m
        }
        ErrorKind::InvalidValue => {
            let (option, value) = (option_name(&arg()?), value()?);
            let mut m = if value.is_empty() {
                format!("{option} 后面要写一个值")
            } else {
                format!("{option} 不能取值 \"{value}\"")
            };
            if let Some(s) = text(e, ContextKind::SuggestedValue) {
                let _ = write!(m, "（是不是 {s}？）");
            }
            let valid = texts(e, ContextKind::ValidValue);
            if !valid.is_empty() {
                let _ = write!(m, "，可选的值: {}", valid.join("、"));
            }
            m
        }
        ErrorKind::ValueValidation => {
            let (option, value) = (option_name(&arg()?), value()?);
            let source = std::error::Error::source(e).map(ToString::to_string);
            match source {
                // Our own parsers say what is wrong in Chinese, quoting the value.
                Some(own) if has_chinese(&own) => format!("{option}: {own}"),
                _ => format!(
                    "{option} 的值 \"{value}\" 无效: {}",
                    number_problem(e, &value)
                ),
            }
        }
        ErrorKind::MissingRequiredArgument => {
            let missing = texts(e, ContextKind::InvalidArg);
            if missing.is_empty() {
                return None;
            }
            format!("缺少必填项: {}", missing.join("、"))
        }
        ErrorKind::MissingSubcommand => {
            let mut m = format!(
                "{} 后面要写一个命令",
                text(e, ContextKind::InvalidSubcommand)?
            );
            let valid = texts(e, ContextKind::ValidSubcommand);
            if !valid.is_empty() {
                let _ = write!(m, "，可用的命令: {}", valid.join("、"));
            }
            m
        }
        ErrorKind::ArgumentConflict => {
            let this = match text(e, ContextKind::InvalidArg) {
                Some(arg) => option_name(&arg),
                None => format!("命令 {}", text(e, ContextKind::InvalidSubcommand)?),
            };
            let prior = texts(e, ContextKind::PriorArg);
            if prior.iter().any(|p| option_name(p) == this) {
                format!("{this} 只能写一次")
            } else if prior.is_empty() {
                format!("{this} 不能与其他选项同用")
            } else {
                let prior: Vec<String> = prior.iter().map(|p| option_name(p)).collect();
                format!("{this} 不能与 {} 同用", prior.join("、"))
            }
        }
        ErrorKind::TooManyValues => {
            format!("{} 的值太多，多出了 \"{}\"", option_name(&arg()?), value()?)
        }
        ErrorKind::TooFewValues => format!(
            "{} 至少要 {} 个值，只写了 {} 个",
            option_name(&arg()?),
            number(e, ContextKind::MinValues)?,
            number(e, ContextKind::ActualNumValues)?
        ),
        ErrorKind::WrongNumberOfValues => format!(
            "{} 要写 {} 个值，写了 {} 个",
            option_name(&arg()?),
            number(e, ContextKind::ExpectedNumValues)?,
            number(e, ContextKind::ActualNumValues)?
        ),
        ErrorKind::NoEquals => {
            let option = option_name(&arg()?);
            format!("{option} 的值要用等号连着写，如 {option}=值")
        }
        ErrorKind::InvalidUtf8 => "参数中有无法识别的字符（不是 UTF-8 编码）".to_owned(),
        _ => return None,
    };
    Some(message)
}

/// Why a number was refused (clap's reasons are in English).
fn number_problem(e: &clap::Error, value: &str) -> &'static str {
    use std::num::{IntErrorKind, ParseFloatError, ParseIntError};
    let source = std::error::Error::source(e);
    let negative = value.trim_start().starts_with('-');
    if value.trim().is_empty() {
        "不能为空"
    } else if let Some(int) = source.and_then(|s| s.downcast_ref::<ParseIntError>()) {
        match int.kind() {
            _ if negative => "不能是负数",
            IntErrorKind::PosOverflow => "数字太大",
            _ => "应为整数（不带小数点），如 100",
        }
    } else if source
        .and_then(|s| s.downcast_ref::<ParseFloatError>())
        .is_some()
    {
        "应为数字，如 0.3"
    } else if source.is_some_and(|s| s.to_string().contains(" is not in ")) {
        if negative {
            "不能是负数"
        } else {
            "数字太大"
        }
    } else {
        "格式不对"
    }
}

/// `--fail-on <级别>` → `--fail-on`; a positional (`<报告>`) stays as it is.
fn option_name(arg: &str) -> String {
    if arg.starts_with('-') {
        arg.split([' ', '=']).next().unwrap_or(arg).to_owned()
    } else {
        arg.to_owned()
    }
}

fn has_chinese(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

fn text(e: &clap::Error, kind: ContextKind) -> Option<String> {
    match e.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        _ => None,
    }
}

/// A list context (or a single value as a list of one), styles removed.
fn texts(e: &clap::Error, kind: ContextKind) -> Vec<String> {
    match e.get(kind) {
        Some(ContextValue::String(s)) => vec![s.clone()],
        Some(ContextValue::Strings(v)) => v.clone(),
        Some(ContextValue::StyledStr(s)) => vec![s.to_string()],
        Some(ContextValue::StyledStrs(v)) => v.iter().map(StyledStr::to_string).collect(),
        _ => Vec::new(),
    }
}

fn number(e: &clap::Error, kind: ContextKind) -> Option<isize> {
    match e.get(kind)? {
        ContextValue::Number(n) => Some(*n),
        _ => None,
    }
}
