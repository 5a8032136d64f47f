//! clap's own words in Chinese, for clerks who read no English: the help layout (用法, 命令, 参数,
//! 选项, 显示帮助, the usage line) and the messages of usage errors (an unknown option, a value not
//! allowed, a missing argument…). The option texts themselves live beside the options, in the
//! argument structs; this module only lays them out.
//!
//! clap prints `Possible values:` and `[default: …]` in English, so both are hidden and each option
//! says its values and default in its own text (the tests below hold every text to that).

mod layout;
mod messages;
#[cfg(test)]
mod tests;

use std::ffi::OsString;

use clap::{Arg, ArgAction, Command, CommandFactory, FromArgMatches};

use super::Cli;
use layout::{localize, usage_line, with_usages};
use messages::message;

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
