//! clap's own words in Chinese, for clerks who read no English: the help layout (用法, 命令, 参数,
//! 选项, 显示帮助, the usage line). The option texts themselves live beside the options, in the
//! argument structs; this module only lays them out.
//!
//! clap prints `Possible values:` and `[default: …]` in English, so both are hidden and each option
//! says its values and default in its own text (the tests below hold every text to that).

use std::ffi::OsString;

use clap::{Arg, ArgAction, Command, CommandFactory, FromArgMatches};

use super::Cli;

/// What every usage line starts with, whatever the binary file is called.
const BIN: &str = "zwfw-audit";

/// Parses the command line. Help, version and usage errors are printed as clap prints them (help
/// and version on stdout with exit 0, errors on stderr with exit 2). `Err` holds the exit code.
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

/// Prints the help, version or error clap made, and returns clap's exit code.
fn report(e: &clap::Error, _args: &[OsString]) -> u8 {
    let _ = e.print();
    u8::try_from(e.exit_code()).unwrap_or(2)
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
