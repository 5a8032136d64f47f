//! clap's own words in Chinese, for clerks who read no English: the help layout (用法, 命令, 参数,
//! 选项, 显示帮助, the usage line) and the messages of usage errors (an unknown option, a value not
//! allowed, a missing argument…). The option texts themselves live beside the options, in the
//! argument structs; this module only lays them out.
//!
//! clap prints `Possible values:` and `[default: …]` in English, so both are hidden and each option
//! says its values and default in its own text (the tests below hold every text to that).

use std::ffi::OsString;
use std::fmt::Write as _;

use clap::builder::StyledStr;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command, CommandFactory, FromArgMatches};

use super::Cli;

/// What every usage line starts with, whatever the binary file is called.
const BIN: &str = "zwfw-audit";

/// Parses the command line. Help and version are printed as clap prints them (stdout, exit 0; the
/// help for a bare `zwfw-audit` on stderr, exit 2); a usage error is printed in Chinese on stderr
/// (exit 2). `Err` holds the exit code.
pub fn parse_args<I, T>(args: I) -> Result<Cli, u8>
where
    I: IntoIterator<Item = T>,
    T: Into<OsString>,
{
    let args: Vec<OsString> = args.into_iter().map(Into::into).collect();
    command()
        .try_get_matches_from(&args)
        .and_then(|matches| Cli::from_arg_matches(&matches))
        .map_err(|e| report(&e, &args))
}

/// `zwfw-audit help [命令]...`: the help of that command, exactly as its `--help` prints it.
pub(crate) fn help(path: &[String]) -> i32 {
    let args = std::iter::once(BIN.to_owned())
        .chain(path.iter().cloned())
        .chain(std::iter::once("--help".to_owned()));
    match parse_args(args) {
        Ok(_) => 0,
        Err(code) => i32::from(code),
    }
}

/// The whole command line with Chinese headings, help flags and usage lines.
pub(crate) fn command() -> Command {
    let top = localize(Cli::command().bin_name(BIN).disable_version_flag(true)).arg(
        Arg::new("version")
            .short('V')
            .long("version")
            .action(ArgAction::Version)
            .help("显示版本号")
            .help_heading("选项"),
    );
    with_usages(top)
}

/// One command and, recursively, its subcommands: Chinese headings; `-h/--help` with a Chinese
/// text; no `help` subcommand in clap's English (the top level has its own); values and defaults
/// left to each option's text; each option's text on its own line under the option when the
/// command has any (a Chinese text is too wide for clap's column beside the option).
fn localize(cmd: Command) -> Command {
    let next_line = cmd.get_arguments().any(|a| !a.is_hide_set());
    let heading = *cmd.get_styles().get_usage();
    cmd.help_template(format!(
        "{{before-help}}{{about-with-newline}}\n\
         {heading}用法:{heading:#} {{usage}}\n\n\
         {{all-args}}{{after-help}}"
    ))
    .subcommand_help_heading("命令")
    .subcommand_value_name("命令")
    .disable_help_flag(true)
    .disable_help_subcommand(true)
    .mut_args(|a| {
        let heading = if a.is_positional() {
            "参数"
        } else {
            "选项"
        };
        let mut a = a.help_heading(heading).next_line_help(next_line);
        if next_line && let Some(help) = a.get_help().cloned() {
            // A "long" help (the same text) makes clap leave a blank line between options.
            a = a.long_help(help);
        }
        if a.get_action().takes_values() {
            a.hide_possible_values(true).hide_default_value(true)
        } else {
            a
        }
    })
    .arg(
        Arg::new("help")
            .short('h')
            .long("help")
            .action(ArgAction::Help)
            .help("显示帮助")
            .help_heading("选项")
            .next_line_help(next_line)
            .long_help(next_line.then_some("显示帮助")),
    )
    .mut_subcommands(localize)
}

/// Sets every command's usage line to clap's own with `[OPTIONS]` in Chinese (`<COMMAND>` is
/// already `<命令>`), so the help and the usage errors show the same line.
fn with_usages(cmd: Command) -> Command {
    let mut built = cmd.clone();
    built.build();
    set_usage(cmd, &mut built)
}

fn set_usage(cmd: Command, built: &mut Command) -> Command {
    let usage = usage_line(built);
    let names: Vec<String> = built
        .get_subcommands()
        .map(|s| s.get_name().to_owned())
        .collect();
    let mut cmd = cmd.override_usage(usage);
    for name in names {
        let sub = built.find_subcommand_mut(&name).expect("listed above");
        cmd = cmd.mut_subcommand(&name, |c| set_usage(c, sub));
    }
    cmd
}

/// The usage without clap's `Usage: ` title; a second line is indented under the first after
/// `用法: `, which is one column narrower on a terminal.
fn usage_line(cmd: &mut Command) -> String {
    let text = cmd.render_usage().to_string();
    let text = text.strip_prefix("Usage: ").unwrap_or(&text);
    text.replace("[OPTIONS]", "[选项]")
        .replace("\n       ", "\n      ")
}

/// Prints a parse error or the help clap made, and returns the exit code clap would have used.
fn report(e: &clap::Error, args: &[OsString]) -> u8 {
    match message(e) {
        Some(text) => {
            let mut top = command();
            let path = reached(&top, args);
            let mut cmd = &mut top;
            for name in &path {
                cmd = cmd.find_subcommand_mut(name).expect("found by reached");
            }
            let options = cmd
                .get_arguments()
                .any(|a| !a.is_hide_set() && !matches!(a.get_id().as_str(), "help" | "version"));
            let what = match (cmd.has_subcommands(), options) {
                (true, true) => "全部命令和选项",
                (true, false) => "全部命令",
                (false, _) => "全部选项",
            };
            let usage = usage_line(cmd);
            let name: String = std::iter::once(BIN)
                .chain(path.iter().map(String::as_str))
                .collect::<Vec<_>>()
                .join(" ");
            say!("错误: {text}\n\n用法: {usage}\n\n运行 {name} --help 查看{what}");
        }
        None => {
            // Help, version, and kinds not mapped below: clap's own text and stream.
            let _ = e.print();
        }
    }
    u8::try_from(e.exit_code()).unwrap_or(2)
}

/// The subcommands the arguments name (`["audit", "waive"]`), skipping the values of options.
fn reached(top: &Command, args: &[OsString]) -> Vec<String> {
    let mut cmd = top;
    let mut path = Vec::new();
    let mut words = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(word) = words.next() {
        let option = if word == "--" {
            break;
        } else if let Some(long) = word.strip_prefix("--") {
            (!long.contains('='))
                .then(|| cmd.get_arguments().find(|a| a.get_long() == Some(long)))
                .flatten()
        } else if let Some(short) = word.strip_prefix('-') {
            let mut chars = short.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => cmd.get_arguments().find(|a| a.get_short() == Some(c)),
                _ => None,
            }
        } else {
            if let Some(sub) = cmd.find_subcommand(word.as_ref()) {
                path.push(sub.get_name().to_owned());
                cmd = sub;
            }
            continue;
        };
        if option.is_some_and(|a| a.get_action().takes_values()) {
            words.next();
        }
    }
    path
}

/// The error in Chinese, or `None` for help, version and the kinds clap should print itself.
fn message(e: &clap::Error) -> Option<String> {
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

#[cfg(test)]
mod tests {
    use clap::Command;

    use super::command;

    /// Every command with its path (`zwfw-audit audit waive`), built as it parses.
    fn all_commands() -> Vec<(String, Command)> {
        fn walk(path: &str, cmd: &Command, out: &mut Vec<(String, Command)>) {
            out.push((path.to_owned(), cmd.clone()));
            for sub in cmd.get_subcommands() {
                walk(&format!("{path} {}", sub.get_name()), sub, out);
            }
        }
        let mut top = command();
        top.build();
        let mut out = Vec::new();
        walk("zwfw-audit", &top, &mut out);
        out
    }

    /// Columns on a terminal: CJK and full-width characters take two.
    fn width(s: &str) -> usize {
        s.chars()
            .map(|c| if u32::from(c) >= 0x1100 { 2 } else { 1 })
            .sum()
    }

    /// Each option's text, as clap shows it, for every visible option of every command.
    fn option_texts() -> Vec<(String, clap::Arg, String)> {
        let mut out = Vec::new();
        for (path, cmd) in all_commands() {
            for arg in cmd.get_arguments().filter(|a| !a.is_hide_set()) {
                let help = arg.get_help().map(ToString::to_string).unwrap_or_default();
                out.push((format!("{path} {}", arg.get_id()), arg.clone(), help));
            }
        }
        out
    }

    #[test]
    fn every_command_and_option_says_what_it_does() {
        for (path, cmd) in all_commands() {
            assert!(
                cmd.get_about()
                    .is_some_and(|a| !a.to_string().trim().is_empty()),
                "`{path}` has no description: give it a doc comment in Chinese"
            );
        }
        for (name, _, help) in option_texts() {
            assert!(
                !help.trim().is_empty(),
                "{name} has no help text: give it a doc comment in Chinese"
            );
        }
    }

    /// clap's `[default: …]` is hidden (it is English), so each text says its default itself.
    #[test]
    fn an_option_with_a_default_says_it() {
        for (name, arg, help) in option_texts() {
            if !arg.get_action().takes_values() {
                continue; // a flag's default is "false"
            }
            for value in arg.get_default_values() {
                let value = value.to_string_lossy();
                assert!(
                    help.contains(&format!("默认: {value}")),
                    "{name}: its text should end with （默认: {value}）, as clap's English \
                     [default: …] is hidden; it says: {help}"
                );
            }
        }
    }

    /// clap's `Possible values:` list is hidden (its heading is English), so each text names
    /// every value itself.
    #[test]
    fn an_option_with_fixed_values_names_each() {
        for (name, arg, help) in option_texts() {
            for value in arg
                .get_possible_values()
                .iter()
                .filter(|v| !v.is_hide_set())
            {
                let value = value.get_name();
                if matches!(value, "true" | "false") {
                    continue; // a flag
                }
                assert!(
                    help.contains(value),
                    "{name}: its text should name the value `{value}` and what it does, as \
                     clap's English list of values is hidden; it says: {help}"
                );
            }
        }
    }

    /// A text goes under its option, 10 columns in: a line of at most 70 fits an 80-column
    /// terminal (clap cannot break a Chinese line: it breaks only at spaces).
    #[test]
    fn every_help_line_fits_an_80_column_terminal() {
        let mut too_wide = Vec::new();
        for (path, cmd) in all_commands() {
            let texts = cmd
                .get_arguments()
                .filter(|a| !a.is_hide_set())
                .filter_map(|a| a.get_help().map(ToString::to_string))
                .chain(cmd.get_after_help().map(ToString::to_string))
                .chain(cmd.get_about().map(ToString::to_string));
            for text in texts {
                too_wide.extend(
                    text.lines()
                        .filter(|line| width(line) > 70)
                        .map(|line| format!("`{path}` ({} columns): {line}", width(line))),
                );
            }
        }
        assert!(
            too_wide.is_empty(),
            "help lines wider than 70 columns; break them in the doc comment (with \
             verbatim_doc_comment):\n{}",
            too_wide.join("\n")
        );
    }
}
