//! The files and links an attachment field refers to, and their problems.

#[allow(clippy::wildcard_imports)]
use super::super::files::*;
#[allow(clippy::wildcard_imports)]
use super::super::names::*;
use super::super::*;
use super::trim_open_brackets_plain;
use crate::model::text::{display_url, find_mojibake, is_blank_or_placeholder, quote};
use crate::rules::general_text::{UrlProblem, check_url};

#[test]
fn refs_in_fields() {
    let r = file_refs("https://www.ahzwfw.gov.cn/files/%E7%94%B3%E8%AF%B7%E8%A1%A8.docx");
    assert_eq!(r.len(), 1);
    assert_eq!(r[0].file_name.as_deref(), Some("申请表.docx"));
    assert_eq!(r[0].extension.as_deref(), Some("docx"));
    assert_eq!(r[0].link_problem, None);

    let r = file_refs("食品经营许可申请表.pdf");
    assert_eq!(r.len(), 1);
    assert!(!r[0].is_link);
    assert_eq!(r[0].extension.as_deref(), Some("pdf"));

    let r = file_refs(r"C:\Users\admin\Desktop\申请表.doc");
    assert_eq!(r.len(), 1);
    assert_eq!(r[0].link_problem, Some(UrlProblem::LocalPath));
    assert_eq!(r[0].file_name.as_deref(), Some("申请表.doc"));

    let r = file_refs("http://www.czzwfw.gov.cn/download?id=1234");
    assert_eq!(r[0].extension, None);
    assert_eq!(r[0].file_name.as_deref(), Some("download"));

    let r = file_refs(
        "https://www.ahzwfw.gov.cn/bog-bsdt/file/download.do?fileName=%E7%94%B3%E8%AF%B7%E8%A1%A8.pdf&id=9",
    );
    assert_eq!(r[0].file_name.as_deref(), Some("申请表.pdf"));
    assert_eq!(r[0].extension.as_deref(), Some("pdf"));
    assert!(file_refs("有").is_empty());
    let r = file_refs("（不动产登记申请表（空白表）.docx）");
    assert_eq!(r.len(), 1);
    assert_eq!(
        r[0].file_name.as_deref(),
        Some("不动产登记申请表（空白表）.docx")
    );
    assert!(file_refs("请到窗口领取").is_empty());
}

/// The words before a bare file name that single spaces join to it, up to the end of the text
/// (`食品经营许可申请表 ` before `最终版.docx`): what [`name_start`] takes back.
fn joined_words_plain(before: &str) -> usize {
    let stops: String = NAME_STOPS.iter().collect();
    let words = regex::Regex::new(&format!(
        r"(?:[^\s{}]+[ \u{{3000}}])*\z",
        regex::escape(&stops)
    ))
    .unwrap();
    words.find(before).map_or(before.len(), |m| m.start())
}

/// What [`file_refs`] is defined as: the links as [`find_urls`] finds them, then the bare file
/// names in the field with every link replaced by a line break, each taken back over the words
/// single spaces join to it (but not into the name before it), all copied.
fn file_refs_plain(text: &str) -> Vec<FileRef> {
    let extension_of = |name: &str| raw_extension(name).map(str::to_ascii_lowercase);
    let mut refs = Vec::new();
    let mut rest = text.to_owned();
    for link in crate::rules::general_text::find_urls(text) {
        rest = rest.replace(&link, "\n");
        let file_name = link_file_name(&link);
        let extension = file_name.as_deref().and_then(extension_of);
        refs.push(FileRef {
            link_problem: check_url(&link).err(),
            raw: link,
            is_link: true,
            file_name,
            extension,
        });
    }
    let mut floor = 0;
    for m in FILE_NAME.find_iter(&rest) {
        let start = floor + joined_words_plain(&rest[floor..m.start()]);
        floor = m.end();
        let name = trim_open_brackets_plain(&rest[start..m.end()]);
        let Some(extension) = extension_of(name) else {
            continue;
        };
        refs.push(FileRef {
            raw: name.to_owned(),
            is_link: false,
            link_problem: None,
            extension: Some(extension),
            file_name: Some(name.to_owned()),
        });
    }
    refs
}

/// What [`attachment_problems`] is defined as, on the copied [`file_refs_plain`]: a home or
/// desktop path that no link reports as local comes first, in place of the files it holds.
fn attachment_problems_plain(
    material: &Material,
    value: &str,
    what: &str,
    non_editable: Option<&[String]>,
) -> Vec<(String, String)> {
    let refs = file_refs_plain(value);
    let local = local_path(&crate::model::text::to_halfwidth(value)).filter(|_| {
        !refs
            .iter()
            .any(|r| r.link_problem == Some(UrlProblem::LocalPath))
    });
    if refs.is_empty() && local.is_none() {
        return vec![(
            format!("{what}栏没有下载链接或文件名: \"{}\"", quote(value, 40)),
            value.to_owned(),
        )];
    }
    let mut out = Vec::new();
    if let Some(path) = &local {
        out.push((
            format!(
                "{what}链接{}: \"{}\"",
                UrlProblem::LocalPath.describe_zh(),
                quote(path, 80)
            ),
            path.clone(),
        ));
    }
    for r in &refs {
        if !r.is_link && local.as_deref().is_some_and(|l| l.contains(r.raw.as_str())) {
            continue;
        }
        if let Some(p) = &r.link_problem {
            out.push((
                format!(
                    "{what}链接{}: \"{}\"",
                    p.describe_zh(),
                    quote(&display_url(&r.raw), 80)
                ),
                r.raw.clone(),
            ));
            continue;
        }
        let name = r.file_name.as_deref().unwrap_or(&r.raw);
        if find_mojibake(name).is_some() {
            out.push((
                format!("{what}文件名有乱码: \"{}\"", quote(name, 60)),
                name.to_owned(),
            ));
            continue;
        }
        if let (Some(ext), Some(list)) = (&r.extension, non_editable)
            && list.iter().any(|e| e.eq_ignore_ascii_case(ext))
        {
            out.push((
                format!("{what}不是可编辑格式（.{ext}）: \"{}\"", quote(name, 60)),
                name.to_owned(),
            ));
            continue;
        }
        // A material without a name is M01's one problem: no name to compare the file with.
        if r.file_name.is_some()
            && !is_blank_or_placeholder(&material.name)
            && name_relates(name, &material.name) == Some(false)
        {
            out.push((
                format!(
                    "{what}文件名与材料名称不符: \"{}\"（材料为「{}」）",
                    quote(name, 60),
                    quote(&material.name, 30)
                ),
                name.to_owned(),
            ));
        }
    }
    out
}

/// Pieces of attachment fields: links (good, local, intranet, percent-escaped, handlers),
/// bare names, brackets, separators, and the same link twice.
fn field_pieces() -> Vec<&'static str> {
    vec![
        "https://www.ahzwfw.gov.cn/files/sample/申请书",
        "http://10.1.2.3/a/营业执照",
        "https://www.a.cn/%E7%94%B3%E8%AF%B7%E8%A1%A8.DOCX",
        "http://a.cn/download.do?fileName=%E7%94%B3.pdf&id=1",
        r"C:\Users\申请表.doc",
        "www.a.cn/x.pdf",
        "http://a.cn",
        "/申请表.docx",
        "（示例）",
        "（",
        "）",
        ".docx",
        ".PDF",
        ".Xlſ",
        ".do",
        "申请表",
        "营业执照",
        " ",
        "，",
        "、",
        ".",
        "空白表",
        "%C9%EA.doc",
        "最终版",
        "\u{3000}",
        "\n",
        "：",
        "/Users/zhang/",
        "桌面",
        "Desktop/",
        "\\",
    ]
}

proptest::proptest! {
    /// Reading a field without copies (and its pieces around a link one by one) finds the
    /// same references and problems as the plain reading.
    #[test]
    fn file_refs_as_defined(
        pieces in proptest::collection::vec(proptest::sample::select(field_pieces()), 0..7),
        material in proptest::sample::select(vec!["食品经营许可申请书", "营业执照", ""]),
    ) {
        let text = pieces.concat();
        proptest::prop_assert_eq!(file_refs(&text), file_refs_plain(&text), "{}", text);
        let m = Material { name: material.into(), ..Material::default() };
        let list = ["pdf".to_owned(), "jpg".to_owned()];
        for non_editable in [None, Some(&list[..])] {
            proptest::prop_assert_eq!(
                attachment_problems(&m, &text, "空白表格", non_editable),
                attachment_problems_plain(&m, &text, "空白表格", non_editable),
                "{}", text
            );
        }
    }
}

/// M06/M07: a link on an intranet address is quoted as a clerk reads it (申请表.docx, not
/// %E7%94%B3…); the evidence keeps the link as exported, so its fingerprint stays the same.
#[test]
fn an_intranet_link_is_quoted_readable_and_kept_as_exported() {
    let link = "http://192.168.10.5/upload/%E7%94%B3%E8%AF%B7%E8%A1%A8.docx";
    let m = Material {
        name: "食品经营许可申请表".into(),
        ..Material::default()
    };
    let found = attachment_problems(&m, link, "空白表格", None);
    assert_eq!(found.len(), 1, "{found:?}");
    let (message, evidence) = &found[0];
    assert_eq!(
        message,
        "空白表格链接指向内网地址 192.168.10.5，公众无法访问: \"http://192.168.10.5/upload/申请表.docx\""
    );
    assert_eq!(evidence, link);
}

#[test]
fn refs_around_repeated_and_several_links() {
    for text in [
        "https://a.cn/x（示例）.docx https://a.cn/x（示例）.docx",
        "http://a.cn http://a.cn/申请表.docx",
        "见申请表.doc，https://a.cn/f/申请书.pdf，另附（示例）.pdf",
        "https://a.cn/f/申请书（示例）.docx",
    ] {
        assert_eq!(file_refs(text), file_refs_plain(text), "{text}");
    }
    // The second link, replaced inside the first, leaves a bare file name behind.
    let r = file_refs("http://a.cn http://a.cn/申请表.docx");
    assert_eq!(r.len(), 3);
    assert_eq!(r[2].raw, "申请表.docx");
}

#[test]
fn replace_from_is_str_replace() {
    for (text, link) in [
        ("a b a", "a"),
        ("http://x.cn（示例）http://x.cn", "http://x.cn"),
        ("aaa", "aa"),
        ("见申请表申请表", "申请表"),
    ] {
        let first = text.find(link).unwrap();
        assert_eq!(
            replace_from(text, first, link),
            text.replace(link, "\n"),
            "{text}"
        );
    }
}

/// A file name with a space in it is one name, quoted whole: `最终版.docx` alone would be
/// reported as a file unrelated to the material. Two names a space apart stay two.
#[test]
fn a_file_name_with_spaces_is_one_name() {
    let names = |text: &str| -> Vec<String> {
        file_refs(text)
            .into_iter()
            .filter_map(|r| r.file_name)
            .collect()
    };
    assert_eq!(
        names("食品经营许可申请表 最终版.docx"),
        ["食品经营许可申请表 最终版.docx"]
    );
    assert_eq!(
        names("食品经营许可申请表 .docx"),
        ["食品经营许可申请表 .docx"]
    );
    assert_eq!(
        names("食品经营许可申请表（样表） 最终版.pdf"),
        ["食品经营许可申请表（样表） 最终版.pdf"]
    );
    assert_eq!(
        names("新建 Microsoft Word 文档.docx"),
        ["新建 Microsoft Word 文档.docx"]
    );
    assert_eq!(
        names("食品经营许可申请表\u{3000}修改稿.docx"),
        ["食品经营许可申请表\u{3000}修改稿.docx"]
    );
    // Two names, a separator, a line break or two spaces between words: not joined.
    assert_eq!(
        names("营业执照.docx 食品经营许可申请表.docx"),
        ["营业执照.docx", "食品经营许可申请表.docx"]
    );
    assert_eq!(names("下载：最终版.docx"), ["最终版.docx"]);
    assert_eq!(names("申请表\n最终版.docx"), ["最终版.docx"]);
    assert_eq!(names("申请表  最终版.docx"), ["最终版.docx"]);
    assert_eq!(
        names("https://www.ahzwfw.gov.cn/f/a.docx 最终版.docx"),
        ["a.docx", "最终版.docx"]
    );
    for text in [
        "食品经营许可申请表 最终版.docx",
        "营业执照.docx 食品经营许可申请表 最终版.docx",
        "https://a.cn/x 申请表 最终版.docx",
        "申请表 https://a.cn/x 最终版.docx",
    ] {
        assert_eq!(file_refs(text), file_refs_plain(text), "{text}");
    }

    let m = Material {
        name: "食品经营许可申请表".into(),
        ..Material::default()
    };
    for text in [
        "食品经营许可申请表 最终版.docx",
        "食品经营许可申请表 修改稿.docx",
        "食品经营许可申请表（新） 最终.docx",
        "食品经营许可申请表 .docx",
    ] {
        assert_eq!(
            attachment_problems(&m, text, "空白表格", None),
            [],
            "{text}"
        );
    }
    // A wrong file is still wrong, and quoted whole.
    assert_eq!(
        attachment_problems(&m, "新建 Microsoft Word 文档.docx", "空白表格", None),
        [(
            "空白表格文件名与材料名称不符: \"新建 Microsoft Word 文档.docx\"（材料为「食品经营许可申请表」）"
                .to_owned(),
            "新建 Microsoft Word 文档.docx".to_owned()
        )]
    );
}

/// A material without a name is reported once, by M01: the file is not said to differ from a
/// name that is not there.
#[test]
fn a_nameless_material_is_not_compared_with_its_file() {
    for name in ["", "无", "/"] {
        let m = Material {
            name: name.into(),
            ..Material::default()
        };
        assert_eq!(
            attachment_problems(&m, "食品经营许可申请表.docx", "空白表格", None),
            [],
            "{name}"
        );
        // Its other problems are still reported.
        assert_eq!(
            attachment_problems(&m, "有", "空白表格", None).len(),
            1,
            "{name}"
        );
    }
}

/// h36: a blank form or sample on someone's computer (a home folder, the desktop) was never
/// uploaded, as B12 reads a result sample: one local-path problem for the path, none for the
/// file it ends in. A public link beside it, a folder on the platform named desktop, or a file
/// name with 桌面 in it is no local path.
#[test]
fn home_and_desktop_paths_are_not_uploads() {
    let m = Material {
        name: "食品经营许可申请表".into(),
        ..Material::default()
    };
    let local = |path: &str| {
        vec![(
            format!("空白表格链接是本机或内部共享文件路径，公众无法打开: \"{path}\""),
            path.to_owned(),
        )]
    };
    for (text, path) in [
        (
            r"桌面\食品经营许可申请表.docx",
            r"桌面\食品经营许可申请表.docx",
        ),
        (
            "桌面/食品经营许可申请表.docx",
            "桌面/食品经营许可申请表.docx",
        ),
        (
            "/Users/zhang/Desktop/食品经营许可申请表.docx",
            "/Users/zhang/Desktop/食品经营许可申请表.docx",
        ),
        (
            "/home/zw/食品经营许可申请表.docx",
            "/home/zw/食品经营许可申请表.docx",
        ),
        (
            r"见 桌面\食品经营许可申请表.docx",
            r"桌面\食品经营许可申请表.docx",
        ),
        // Not editable either: the path is the one problem.
        (
            r"桌面\食品经营许可申请表.pdf",
            r"桌面\食品经营许可申请表.pdf",
        ),
        // No file name at all: still a path, not a missing link.
        (r"桌面\申请表", r"桌面\申请表"),
    ] {
        let list = ["pdf".to_owned()];
        assert_eq!(
            attachment_problems(&m, text, "空白表格", Some(&list)),
            local(path),
            "{text}"
        );
    }
    // A drive-letter path is the link's own problem, reported once as before.
    assert_eq!(
        attachment_problems(
            &m,
            r"C:\Users\admin\Desktop\食品经营许可申请表.docx",
            "空白表格",
            None
        ),
        local(r"C:\Users\admin\Desktop\食品经营许可申请表.docx")
    );
    for text in [
        "https://www.ahzwfw.gov.cn/files/desktop/食品经营许可申请表.docx",
        "http://zwfw.chizhou.gov.cn/Desktop/食品经营许可申请表.docx",
        "/files/form/食品经营许可申请表.docx",
        "食品经营许可申请表.docx",
        "办公桌面食品经营许可申请表.docx",
        r"https://www.ahzwfw.gov.cn/files/食品经营许可申请表.docx（原件存于桌面\申请表.docx）",
    ] {
        assert_eq!(
            attachment_problems(&m, text, "空白表格", None),
            [],
            "{text}"
        );
    }
}
