//! Tests of site profiles: the shipped profiles compile, and every mistake is said in Chinese
//! with the file, the key and what to write instead.

use super::*;

#[test]
fn shipped_profiles_compile() {
    for entry in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/profiles")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "toml") {
            let p = Profile::load(&path).unwrap_or_else(|e| panic!("{e}"));
            p.compile()
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        }
    }
}

#[test]
fn bad_values_are_named() {
    let text = "name = \"x\"\nbase_url = \"http://127.0.0.1:1/\"\n[[list]]\nurl = \"a\"\nlink_selector = \"a[\"\n";
    let p: Profile = toml::from_str(text).unwrap();
    let e = p.compile().unwrap_err().to_string();
    assert!(e.contains("第 1 个 [[list]] 的 link_selector"), "{e}");
    assert!(toml::from_str::<Profile>("name = \"x\"\nbase_url = \"u\"\nbogus = 1\n").is_err());
    let text = "name = \"x\"\nbase_url = \"http://h/\"\n[[list]]\nurl = \"a\"\n[guide.select]\nnot_a_field = \"td\"\n";
    let p: Profile = toml::from_str(text).unwrap();
    assert!(p.compile().unwrap_err().to_string().contains("not_a_field"));
}

/// Hosts written as a whole address or with a path, as copied from the browser, are the
/// host they name; one that names no host is refused with the key.
#[test]
fn hosts_may_be_written_as_addresses() {
    let text = "name = \"x\"\nbase_url = \"http://zwfw.example.gov.cn/\"\n\
                hosts = [\"https://www.AH.gov.cn/\", \"sz.example.gov.cn:8080/bszn/\", \" wsbs.example.gov.cn \"]\n\
                [[list]]\nurl = \"a\"\n";
    let p: Profile = toml::from_str(text).unwrap();
    let hosts = p.compile().unwrap().net.allowed_hosts;
    assert_eq!(
        hosts,
        [
            "sz.example.gov.cn:8080",
            "wsbs.example.gov.cn",
            "www.ah.gov.cn",
            "zwfw.example.gov.cn"
        ]
    );
    let text =
        "name = \"x\"\nbase_url = \"http://h/\"\nhosts = [\"http://\"]\n[[list]]\nurl = \"a\"\n";
    let p: Profile = toml::from_str(text).unwrap();
    let e = p.compile().unwrap_err().to_string();
    assert!(e.contains("hosts") && e.contains("不是主机名"), "{e}");
}

/// The mistakes met writing a first profile are told in Chinese, with the file and what to
/// write instead: the url, regex and scraper crates' English ("relative URL without a base",
/// "unclosed group", "Please report this to the developer") came through as it was.
#[test]
fn profile_mistakes_are_said_in_chinese_with_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (
            "base_url = \"zwfw.example.gov.cn\"",
            "http:// 或 https:// 开头",
        ),
        ("base_url = \"localhost:8080/\"", "http:// 或 https:// 开头"),
        ("base_url = \"http://\"", "缺少主机名"),
        (
            "base_url = \"http://h/\"\nnext_selector = \"a..next\"",
            "CSS 选择器「a..next」写法有误",
        ),
        (
            "base_url = \"http://h/\"\nlink_pattern = \"/a/(guide\"",
            "正则表达式「/a/(guide」圆括号 ( ) 没有配对",
        ),
        (
            "base_url = \"http://h/\"\nlink_pattern = \"*.html\"",
            "前面缺少内容",
        ),
        (
            "base_url = \"http://h/\"\nlink_pattern = \"[0-9\"",
            "方括号 [ ] 没有配对",
        ),
    ];
    for (i, (lines, want)) in cases.iter().enumerate() {
        // base_url first; the list keys after [[list]].
        let (base, list) = lines.split_once('\n').unwrap_or((lines, ""));
        let path = dir.path().join(format!("站点{i}.toml"));
        std::fs::write(
            &path,
            format!("name = \"x\"\n{base}\n[[list]]\nurl = \"a\"\n{list}\n"),
        )
        .unwrap();
        let e = Profile::load(&path)
            .unwrap()
            .compile()
            .unwrap_err()
            .to_string();
        assert!(e.contains(want), "{lines}: {e}");
        assert!(e.contains(&format!("站点{i}.toml")), "{e}");
        assert!(
            !e.contains("developer") && !e.contains("relative URL") && !e.contains("regex parse"),
            "{e}"
        );
    }
}
