//! `--help` and usage errors in Chinese: the clerks who run the tool read no English, so no
//! heading or sentence of clap's may reach them, and a mistyped option must be explained in
//! Chinese with clap's stream and exit code (help on stdout with 0, errors on stderr with 2).

use std::process::{Command, Output};

/// Every command, as typed after `zwfw-audit`.
const COMMANDS: &[&[&str]] = &[
    &[],
    &["check"],
    &["links"],
    &["crawl"],
    &["report"],
    &["rules"],
    &["sample"],
    &["score"],
    &["audit"],
    &["audit", "waive"],
    &["audit", "unwaive"],
    &["audit", "waivers"],
    &["audit", "prune"],
    &["audit", "runs"],
    &["gen"],
    &["explain"],
    &["help"],
];

/// clap's own English words and phrases.
const CLAP_ENGLISH: &[&str] = &[
    "Usage:",
    "Options:",
    "Commands:",
    "Arguments:",
    "Print help",
    "Print version",
    "Print this message",
    "Possible values",
    "possible values",
    "[default:",
    "error:",
    "tip:",
    "For more information",
    "[OPTIONS]",
    "<COMMAND>",
    "unexpected argument",
    "invalid value",
    "required",
];

/// The ASCII words a Chinese text may hold: commands, values, configuration keys, file names and
/// formats, written as the user types them. Anything else is English a clerk cannot read.
#[rustfmt::skip]
const LITERALS: &[&str] = &[
    // commands and values
    "zwfw", "audit", "check", "links", "crawl", "report", "rules", "sample", "score", "gen",
    "explain", "help", "waive", "unwaive", "waivers", "prune", "runs", "error", "warning", "none",
    "count", "fraction", "all", "gb2828", "item_type", "default", "subject", "region", "element",
    "item", "ndjson", "xlsx", "catalogue", "handling", "address", "B09", "B9", "true",
    // configuration keys
    "output", "dir", "seed", "method", "stratify", "units", "mapping", "rate", "decimals",
    "inputs", "store", "allowed_hosts", "base_url",
    // files, folders, formats and standards
    "json", "jsonl", "xls", "ods", "csv", "html", "toml", "sqlite", "txt", "robots", "reports",
    "history", "log", "items", "scored", "partial", "profiles", "example", "chizhou", "gov", "cn",
    "findings",
    "JSON", "CSV", "XLSX", "HTML", "TOML", "Excel", "WPS", "GB", "T", "II", "RFC",
];

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zwfw-audit"))
        .args(args)
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

/// The English clap phrases and the ASCII words that are not literals, in `text`.
fn english_in(text: &str) -> Vec<String> {
    let mut found: Vec<String> = CLAP_ENGLISH
        .iter()
        .filter(|p| text.contains(**p))
        .map(|p| (*p).to_owned())
        .collect();
    // Options (`--fail-on`, `-o`) are literals; the words of the rest must be.
    for word in text.split(|c: char| !(c.is_ascii_alphanumeric() || "-_./:<>[]".contains(c))) {
        if word.starts_with('-') {
            continue;
        }
        for part in word.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')) {
            let letters = part.chars().any(|c| c.is_ascii_alphabetic());
            let number_like = part.chars().next().is_some_and(|c| c.is_ascii_digit());
            if letters && !number_like && !LITERALS.contains(&part) {
                found.push(part.to_owned());
            }
        }
    }
    found
}

fn command_line(path: &[&str]) -> String {
    std::iter::once("zwfw-audit")
        .chain(path.iter().copied())
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn every_help_is_chinese() {
    for path in COMMANDS {
        for flag in ["--help", "-h"] {
            let args: Vec<&str> = path.iter().copied().chain([flag]).collect();
            let out = run(&args);
            let shown = format!("`{} {flag}`", command_line(path));
            assert_eq!(out.status.code(), Some(0), "{shown} exits 0");
            assert!(out.stderr.is_empty(), "{shown} prints on stdout only");
            let help = text(&out.stdout);
            let english = english_in(&help);
            assert!(
                english.is_empty(),
                "{shown} shows English {english:?}; write it in Chinese (or, for a value, \
                 command or file name, add it to LITERALS):\n{help}"
            );
            assert!(
                help.contains(&format!("用法: {}", command_line(path))),
                "{shown} starts its usage with 用法:\n{help}"
            );
            assert!(help.contains("选项:"), "{shown}:\n{help}");
            assert!(help.contains("显示帮助"), "{shown}:\n{help}");
        }
    }
}

#[test]
fn the_helps_say_what_the_options_do() {
    let help = |path: &[&str]| {
        let args: Vec<&str> = path.iter().copied().chain(["--help"]).collect();
        text(&run(&args).stdout)
    };
    let top = help(&[]);
    for expected in [
        "政务服务事项实施清单质量审核工具",
        "命令:",
        "check    检查事项，生成报告",
        "-V, --version  显示版本号",
    ] {
        assert!(top.contains(expected), "{expected}:\n{top}");
    }
    let check = help(&["check"]);
    for expected in [
        "用法: zwfw-audit check [选项] [输入文件]...",
        "参数:",
        "--fail-on <级别>",
        "什么情况下退出码为 1: error 有错误时，warning 有错误或提示时",
        "none 从不（默认: error）",
        "不显示进度和检查摘要，只显示错误",
        "写 - 则把 JSON 报告输出到标准输出",
        "[links] allowed_hosts",
        "count:数量",
        "退出码: 0 没有达到 --fail-on 级别的问题",
    ] {
        assert!(check.contains(expected), "{expected}:\n{check}");
    }
    let audit = help(&["audit"]);
    for expected in [
        "用法: zwfw-audit audit [选项]\n      zwfw-audit audit <命令>",
        "waive    豁免一个问题，到某一天为止",
        "已豁免的不算（默认: none）",
    ] {
        assert!(audit.contains(expected), "{expected}:\n{audit}");
    }
    let prune = help(&["audit", "prune"]);
    assert!(prune.contains("（默认: 90）"), "{prune}");
    let waive = help(&["audit", "waive"]);
    assert!(
        waive.contains("用法: zwfw-audit audit waive [选项] --reason <理由> --until <日期> <指纹>"),
        "{waive}"
    );
}

/// `help CMD` is `CMD --help`, and a bare `zwfw-audit` shows the help on stderr with code 2, as
/// clap does.
#[test]
fn help_command_and_bare_call_show_the_same_chinese_help() {
    let help = run(&["help", "audit", "waive"]);
    assert_eq!(help.status.code(), Some(0));
    assert_eq!(help.stdout, run(&["audit", "waive", "--help"]).stdout);
    let bare = run(&[]);
    assert_eq!(bare.status.code(), Some(2));
    assert!(bare.stdout.is_empty());
    let shown = text(&bare.stderr);
    assert!(shown.contains("用法: zwfw-audit <命令>"), "{shown}");
    assert!(english_in(&shown).is_empty(), "{shown}");
    let version = run(&["--version"]);
    assert_eq!(version.status.code(), Some(0));
    assert!(text(&version.stdout).starts_with("zwfw-audit "));
}

/// A usage error: code 2, nothing on stdout, and on stderr the Chinese message, the usage and
/// where to read more, with no English.
fn usage_error(args: &[&str]) -> String {
    let out = run(args);
    let shown = format!("`zwfw-audit {}`", args.join(" "));
    assert_eq!(out.status.code(), Some(2), "{shown} exits 2");
    assert!(out.stdout.is_empty(), "{shown} prints nothing on stdout");
    let err = text(&out.stderr);
    assert!(err.starts_with("错误: "), "{shown}:\n{err}");
    // What the user typed is quoted back as typed.
    let english: Vec<String> = english_in(&err)
        .into_iter()
        .filter(|w| !args.iter().any(|a| a.contains(w.as_str())))
        .collect();
    assert!(
        english.is_empty(),
        "{shown} shows English {english:?}:\n{err}"
    );
    err
}

#[test]
fn an_unknown_option_is_named_in_chinese() {
    let err = usage_error(&["check", "--foo", "a.json"]);
    assert!(err.contains("错误: 不认识的选项 --foo"), "{err}");
    assert!(
        err.contains("用法: zwfw-audit check [选项] [输入文件]..."),
        "{err}"
    );
    assert!(
        err.contains("运行 zwfw-audit check --help 查看全部选项"),
        "{err}"
    );
    let err = usage_error(&["check", "--fromat", "json", "a.json"]);
    assert!(
        err.contains("不认识的选项 --fromat（是不是 --format？）"),
        "{err}"
    );
    let err = usage_error(&["--quiet", "check", "a.json"]);
    assert!(
        err.contains("选项要写在命令名之后，如 check --quiet"),
        "{err}"
    );
    let err = usage_error(&["explain", "B09", "B10"]);
    assert!(err.contains("多余的参数 B10"), "{err}");
    let err = usage_error(&["chek", "a.json"]);
    assert!(
        err.contains("没有 chek 这个命令（是不是 check？）"),
        "{err}"
    );
    assert!(err.contains("运行 zwfw-audit --help 查看全部命令"), "{err}");
}

#[test]
fn a_value_not_allowed_lists_the_allowed_ones() {
    let err = usage_error(&["check", "a.json", "--fail-on", "bad"]);
    assert!(
        err.contains("--fail-on 不能取值 \"bad\"，可选的值: error、warning、none"),
        "{err}"
    );
    let err = usage_error(&["audit", "--fail-on-new", "eror"]);
    assert!(
        err.contains("不能取值 \"eror\"（是不是 error？），可选的值: error、warning、none"),
        "{err}"
    );
    assert!(
        err.contains("运行 zwfw-audit audit --help 查看全部命令和选项"),
        "{err}"
    );
    let err = usage_error(&["check", "a.json", "--fail-on"]);
    assert!(err.contains("--fail-on 后面要写一个值"), "{err}");
}

#[test]
fn a_missing_argument_or_bad_number_is_explained() {
    let err = usage_error(&["crawl"]);
    assert!(err.contains("缺少必填项: --profile <站点配置>"), "{err}");
    let err = usage_error(&["audit", "waive", "abc", "--reason", "已核实"]);
    assert!(err.contains("缺少必填项: --until <日期>"), "{err}");
    assert!(err.contains("用法: zwfw-audit audit waive [选项]"), "{err}");
    let err = usage_error(&["score", "r.json", "--decimals", "两位"]);
    assert!(
        err.contains("--decimals 的值 \"两位\" 无效: 应为整数"),
        "{err}"
    );
    let err = usage_error(&[
        "gen",
        "--count",
        "5",
        "--seed",
        "1",
        "-o",
        "x",
        "--defect-rate",
        "三成",
    ]);
    assert!(err.contains("无效: 应为数字"), "{err}");
    // Our own parsers' Chinese messages are kept.
    let err = usage_error(&["sample", "r.json", "--seed", "明天"]);
    assert!(err.contains("--seed: 种子应为非负整数"), "{err}");
    let err = usage_error(&["check", "-q", "-q", "a.json"]);
    assert!(err.contains("--quiet 只能写一次"), "{err}");
}
