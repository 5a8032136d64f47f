//! End to end: what `check` says about the inputs and configuration a clerk gives it — an input
//! that is not there (also with `-q`, and with a near name), a file given twice, a configuration
//! that parses but cannot be used, or is saved by Notepad in another encoding than UTF-8, and an
//! output folder that is a file.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::PredicateBooleanExt;
use predicates::str::contains;

/// A folder holding the bundled sample export (36 items of five units) as `sample.json`.
fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/exports/sample.json");
    std::fs::copy(sample, dir.path().join("sample.json")).unwrap();
    dir
}

fn bin(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("zwfw-audit").unwrap();
    cmd.current_dir(dir);
    cmd
}

/// `check ARGS --format json -o out --run-id r1`, in `dir`.
fn check(dir: &Path, args: &[&str]) -> assert_cmd::assert::Assert {
    bin(dir)
        .arg("check")
        .args(args)
        .args(["--format", "json", "-o", "out", "--run-id", "r1"])
        .assert()
}

fn report(dir: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(dir.join("out/report.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn stderr(a: &assert_cmd::assert::Assert) -> String {
    String::from_utf8(a.get_output().stderr.clone()).unwrap()
}

/// `-q` is 只显示错误: an input that could not be read is such an error, whether the check
/// streams or reads into memory. The run still checks what it could read and exits by its
/// findings, as a broken file does (exit 2 is for a run that read nothing).
#[test]
fn a_missing_input_is_said_with_quiet_too() {
    let dir = folder();
    let d = dir.path();
    for stream in [&[][..], &["--no-stream"][..]] {
        let mut args = vec!["nope.xlsx", "sample.json", "-q"];
        args.extend(stream);
        let out = check(d, &args).code(1);
        let err = stderr(&out);
        assert!(
            err.contains("nope.xlsx — 无法读取文件 nope.xlsx: 文件或文件夹不存在"),
            "{stream:?}: {err}"
        );
        // Only the error: no summary, no findings.
        assert_eq!(err.lines().count(), 1, "{stream:?}: {err}");
        assert_eq!(report(d)["summary"]["items"], 36);
    }
}

/// A name one typo away from a file in its folder is said not to exist (not to be of an
/// unsupported kind), with the name it likely means.
#[test]
fn a_misspelt_input_is_missing_and_the_near_name_is_suggested() {
    let dir = folder();
    let d = dir.path();
    let out = check(d, &["sample.josn"]).code(2);
    let err = stderr(&out);
    assert!(
        err.contains("无法读取文件 sample.josn: 文件或文件夹不存在（是不是 sample.json？）"),
        "{err}"
    );
    assert!(!err.contains("不支持的文件类型"), "{err}");
    std::fs::create_dir(d.join("县区")).unwrap();
    std::fs::copy(d.join("sample.json"), d.join("县区/东至县.json")).unwrap();
    let out = check(d, &["县区/东至县.josn", "sample.json", "-q"]).code(1);
    assert!(
        stderr(&out).contains("文件或文件夹不存在（是不是 县区/东至县.json？）"),
        "{}",
        stderr(&out)
    );
}

/// The same file named twice, or beside its own folder, is read once: every unit's counts were
/// doubled. The repeat is said, for information.
#[test]
fn the_same_file_given_twice_is_read_once() {
    let dir = folder();
    let d = dir.path();
    for stream in [&[][..], &["--no-stream"][..]] {
        let mut args = vec!["sample.json", "./sample.json"];
        args.extend(stream);
        check(d, &args).code(1);
        let r = report(d);
        assert_eq!(r["summary"]["items"], 36, "{stream:?}");
        let notices = r["notices"].as_array().unwrap();
        assert!(
            notices.iter().any(|n| n["level"] == "info"
                && n["message"] == "./sample.json 与前面的 sample.json 是同一个文件，只读一次"),
            "{stream:?}: {notices:?}"
        );
        assert!(
            !notices
                .iter()
                .any(|n| n["message"].as_str().unwrap().contains("重复")),
            "{stream:?}: {notices:?}"
        );
    }
    // A folder and a file in it; the file named the same way twice.
    check(d, &[".", "sample.json", "sample.json"]).code(1);
    assert_eq!(report(d)["summary"]["items"], 36);
    let messages: Vec<String> = report(d)["notices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["message"].as_str().unwrap().to_owned())
        .collect();
    assert!(
        messages.contains(&"sample.json 与前面的 ./sample.json 是同一个文件，只读一次".to_owned()),
        "{messages:?}"
    );
    check(d, &["sample.json", "sample.json"]).code(1);
    assert_eq!(report(d)["summary"]["items"], 36);
    assert!(
        report(d)["notices"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n["message"] == "sample.json 在输入中写了不止一次，只读一次"),
        "{}",
        report(d)["notices"]
    );
}

/// Writes `name` with `text` into `dir`.
fn config(dir: &Path, name: &str, text: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// What parses but cannot be used stops the run at once with exit 2, in Chinese with its line,
/// also with `-q`.
#[test]
fn a_configuration_that_cannot_be_used_stops_the_run() {
    let dir = folder();
    let d = dir.path();
    let cases: [(&str, &str, &[&str]); 3] = [
        (
            "[labels.item]\npromise_limit = [\"承诺天数\"]\n",
            "第 2 行第 1 列，[labels.item] 中没有要素「promise_limit」（是不是 promised_limit？）",
            &["  2 | promise_limit"],
        ),
        (
            "[check]\nfaq_similarity_threshold = 80\n",
            "第 2 行第 1 列，faq_similarity_threshold 是 0 到 1 之间的小数",
            &["80% 要写成 0.8"],
        ),
        (
            "[rules]\nB13 = \"warning\"\nconsult-phone = \"off\"\n",
            "第 3 行第 1 列，设置项「consult-phone」重复",
            &["「B13」是同一条规则"],
        ),
    ];
    for (text, first, more) in cases {
        config(d, "bad.toml", text.as_bytes());
        let out = check(d, &["sample.json", "--config", "bad.toml", "-q"]).code(2);
        let err = stderr(&out);
        assert!(
            err.starts_with(&format!("错误: 配置文件 bad.toml 有误: {first}")),
            "{err}"
        );
        for m in more {
            assert!(err.contains(m), "{err}");
        }
    }
}

/// A configuration saved by Notepad as "ANSI" (GBK) or "Unicode" (UTF-16) is read as the same
/// text in UTF-8 is: B13 is a warning in each, and nothing is said about it.
#[test]
fn a_configuration_in_gbk_or_utf16_is_read() {
    let dir = folder();
    let d = dir.path();
    let text = "# 县级配置\n[rules]\nB13 = \"warning\"\n";
    let (gbk, _, _) = encoding_rs::GBK.encode(text);
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    for (name, bytes) in [("gbk.toml", &gbk[..]), ("u16.toml", &utf16[..])] {
        config(d, name, bytes);
        let out = check(d, &["sample.json", "--config", name, "-q"]).code(1);
        assert_eq!(stderr(&out), "", "{name}");
        let r = report(d);
        let b13 = r["rules"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["id"] == "B13")
            .unwrap_or_else(|| panic!("{name}: B13 not run"));
        assert_eq!(b13["severity"], "warning", "{name}: {b13}");
    }
}

/// `-o` naming a file (the input itself, here) is refused before anything is read, in Chinese.
#[test]
fn an_output_folder_that_is_a_file_is_refused() {
    let dir = folder();
    let d = dir.path();
    for stream in [&[][..], &["--no-stream"][..]] {
        bin(d)
            .args(["check", "sample.json", "-q", "-o", "sample.json"])
            .args(stream)
            .assert()
            .code(2)
            .stderr(
                contains("sample.json 是一个文件，不是文件夹，请换一个输出文件夹")
                    .and(contains("os error").not()),
            );
    }
}
