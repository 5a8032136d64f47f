//! Every command and option says what it does, its default and its values, in 80 columns.

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
