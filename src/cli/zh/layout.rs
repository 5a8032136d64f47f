//! The help layout in Chinese: headings, the help flag, usage lines, each option's text.

use clap::{Arg, ArgAction, Command};

/// One command and, recursively, its subcommands: Chinese headings; `-h/--help` with a Chinese
/// text; no `help` subcommand in clap's English (the top level has its own); values and defaults
/// left to each option's text; each option's text on its own line under the option when the
/// command has any (a Chinese text is too wide for clap's column beside the option).
pub(super) fn localize(cmd: Command) -> Command {
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
pub(super) fn with_usages(cmd: Command) -> Command {
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
pub(super) fn usage_line(cmd: &mut Command) -> String {
    let text = cmd.render_usage().to_string();
    let text = text.strip_prefix("Usage: ").unwrap_or(&text);
    text.replace("[OPTIONS]", "[选项]")
        .replace("\n       ", "\n      ")
}
