//! Finding and checking URLs, against the plain definitions the fast scanners replace.

use super::super::*;
#[allow(clippy::wildcard_imports)]
use super::super::{url_check::*, urls::*};

#[test]
fn urls_are_found_and_checked() {
    let found =
        find_urls("下载：http://www.ahzwfw.gov.cn/file/申请表.docx。另见 www.czzwfw.gov.cn");
    assert_eq!(
        found,
        vec![
            "http://www.ahzwfw.gov.cn/file/申请表.docx".to_owned(),
            "www.czzwfw.gov.cn".to_owned()
        ]
    );
    assert_eq!(check_url(&found[0]), Ok(()));
    assert_eq!(check_url(&found[1]), Err(UrlProblem::MissingScheme));
    assert_eq!(
        check_url("htp://www.ahzwfw.gov.cn"),
        Err(UrlProblem::BadScheme)
    );
    assert_eq!(
        check_url("http//www.ahzwfw.gov.cn"),
        Err(UrlProblem::BadScheme)
    );
    assert_eq!(
        check_url("http：//www.ahzwfw.gov.cn"),
        Err(UrlProblem::FullWidth)
    );
    assert_eq!(
        check_url(r"C:\Users\admin\Desktop\申请表.doc"),
        Err(UrlProblem::LocalPath)
    );
    assert!(matches!(
        check_url("http://192.168.1.20:8080/zwfw/download?id=3"),
        Err(UrlProblem::Intranet(_))
    ));
    assert!(matches!(
        check_url("http://zwfwserver/file.doc"),
        Err(UrlProblem::Intranet(_))
    ));
    assert_eq!(
        check_url("https://www.ahzwfw.gov.cn/bog-bsdt/static/a.docx?x=1"),
        Ok(())
    );
    assert_eq!(
        find_urls(r"见C:\Users\admin\申请表.doc"),
        vec![r"C:\Users\admin\申请表.doc".to_owned()]
    );
}

#[test]
fn plain_hosts_are_what_the_parser_accepts() {
    for link in [
        "http://www.ahzwfw.gov.cn",
        "HTTPS://WWW.AHZWFW.GOV.CN/a/申请表.docx?x=1#y",
        "https://a-b.gov.cn\\x",
        "http://123.com/",
        "http://192.168.1.20/x",
        "http://10.0.0.1",
        "http://1.2.3",
        "http://zwfwserver/file.doc",
        "http://a..com",
        "http://a.com.",
        "http://-a.com",
        "http://xn--abc.com",
        "http://a.com:8080/x",
        "http://user@a.com",
        "http://a%41.com",
        "http://ａ.com",
        "http://a.c0m",
        "http:///a.com",
    ] {
        let rest = link.split_once("//").unwrap().1;
        if has_plain_public_host(rest) {
            let parsed = url::Url::parse(link).unwrap();
            let host = parsed.host().unwrap();
            assert!(!is_intranet_host(&host), "{link}");
        }
    }
    assert!(has_plain_public_host("www.ahzwfw.gov.cn/x"));
    assert!(!has_plain_public_host("192.168.1.20/x"));
    assert!(!has_plain_public_host("zwfwserver/file.doc"));
}

#[test]
fn url_precheck_lets_every_candidate_through() {
    for text in [
        "见http://a.cn",
        "HTP://a.cn",
        "ttps://a.cn",
        "FTP://a",
        "FILE:/a",
        "WWW。a.cn",
        r"见C:\Users\a.doc",
        r"\\server\a.doc",
    ] {
        assert!(may_hold_url(text), "{text}");
        assert!(!find_urls(text).is_empty(), "{text}");
    }
    assert!(!may_hold_url("申请人应当具有完全民事行为能力（2023版）"));
    for text in [
        "https://www.ahzwfw.gov.cn/bog-bsdt/static/guide/00000000.html",
        "HTTP://www.ahzwfw.gov.cn/申请表.docx?x=1.",
        "http://www.ahzwfw.gov.cn/a，http://b.cn",
        "http://www.ahzwfw.gov.cn/a http://b.cn",
        "http://",
        "https://www.ahzwfw.gov.cn/files/sample/申请表（示例）.docx",
        "https://a.cn/x（示例）.docx，另见http://b.cn/y.doc。www.c.cn",
        "HTTPS://a.cn/x 和 \\\\server\\a.doc",
        "http://，http://",
        "http://a.cn/x（www）",
    ] {
        assert_eq!(find_urls(text), find_urls_by_regex(text), "{text}");
    }
    assert_eq!(leading_link_end("http://a.cn/x"), Some(13));
    assert_eq!(leading_link_end("http://a.cn/x，见"), Some(13));
    assert_eq!(leading_link_end("见http://a.cn/x"), None);
}

/// What [`find_urls`] is defined as: every match of the regex, with the rest of its file name
/// ([`link_with_file_name_end`]), trimmed and filtered.
fn find_urls_by_regex(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(m) = URL_CANDIDATE.find_at(text, at) {
        at = link_with_file_name_end(text, m.start(), m.end());
        let link =
            text[m.start()..at].trim_end_matches(['.', '。', ':', '：', '!', '！', '?', '？']);
        if link.chars().count() > 4 {
            out.push(link.to_owned());
        }
    }
    out
}

#[test]
fn a_link_keeps_the_brackets_and_spaces_of_its_file_name() {
    let one = |text: &str| find_urls(text);
    // The group is part of the name when more of the name follows it.
    for (text, link) in [
        (
            "https://www.ahzwfw.gov.cn/files/不动产登记申请书（空表）.docx",
            "https://www.ahzwfw.gov.cn/files/不动产登记申请书（空表）.docx",
        ),
        (
            "下载：http://zwfw.chizhou.gov.cn/f/申请书(2024版)_v2.doc。",
            "http://zwfw.chizhou.gov.cn/f/申请书(2024版)_v2.doc",
        ),
        (
            "htp://zwfw.chizhou.gov.cn/f/申请书（样表）.docx",
            "htp://zwfw.chizhou.gov.cn/f/申请书（样表）.docx",
        ),
        (
            "http://zwfw.chizhou.gov.cn/upload/就业困难人员认定申请表 (2024版).docx",
            "http://zwfw.chizhou.gov.cn/upload/就业困难人员认定申请表 (2024版).docx",
        ),
        (
            "http://zwfw.chizhou.gov.cn/upload/不动产登记申请书 2024.pdf",
            "http://zwfw.chizhou.gov.cn/upload/不动产登记申请书 2024.pdf",
        ),
        (
            "http://zwfw.chizhou.gov.cn/upload/不动产登记申请书（空表） 2024.pdf",
            "http://zwfw.chizhou.gov.cn/upload/不动产登记申请书（空表） 2024.pdf",
        ),
    ] {
        assert_eq!(one(text), vec![link.to_owned()], "{text}");
    }
    // A group or words after the name are a note beside it.
    for (text, link) in [
        (
            "http://zwfw.chizhou.gov.cn/f/a.docx（请用WPS打开）",
            "http://zwfw.chizhou.gov.cn/f/a.docx",
        ),
        (
            "见（http://zwfw.chizhou.gov.cn/f/a.docx），",
            "http://zwfw.chizhou.gov.cn/f/a.docx",
        ),
        (
            "请登录http://www.ahzwfw.gov.cn（安徽政务服务网）办理",
            "http://www.ahzwfw.gov.cn",
        ),
        (
            "http://zwfw.chizhou.gov.cn/f/申请书（请用 WPS 打开）.docx",
            "http://zwfw.chizhou.gov.cn/f/申请书",
        ),
        (
            "http://zwfw.chizhou.gov.cn/f/a.docx 或窗口领取申请表.doc",
            "http://zwfw.chizhou.gov.cn/f/a.docx",
        ),
        (
            "http://zwfw.chizhou.gov.cn/download?id=3 申请表.docx",
            "http://zwfw.chizhou.gov.cn/download?id=3",
        ),
        (
            "http://zwfw.chizhou.gov.cn/f/申请书（请用WPS打开） 窗口也可领取",
            "http://zwfw.chizhou.gov.cn/f/申请书",
        ),
    ] {
        assert_eq!(one(text), vec![link.to_owned()], "{text}");
    }
}

proptest::proptest! {
    /// The byte pre-check and the leading-link shortcut find what the regex finds.
    #[test]
    fn find_urls_as_the_regex(pieces in proptest::collection::vec(
        proptest::sample::select(vec![
            "http://", "HTTPS://", "https://", "htp://", "http//", "http：//", "www.", "WWW。",
            "ftp:/", "file:\\", "C:\\", "\\\\", "a.cn", "/x", "申请表", "（示例）", ".docx",
            "，", "。", " ", "\u{3000}", "(", ")", "见", "tp", "?", "：", "a", "1",
            "（", "）", "_", "2024版", ".pdf",
        ]),
        0..8,
    )) {
        let text = pieces.concat();
        proptest::prop_assert_eq!(find_urls(&text), find_urls_by_regex(&text), "{}", text);
    }
}

#[test]
fn link_enders_start_with_the_scanned_bytes() {
    for c in (0..=0x0010_FFFF)
        .filter_map(char::from_u32)
        .filter(|&c| ends_link(c))
    {
        let mut buf = [0u8; 4];
        let first = c.encode_utf8(&mut buf).as_bytes()[0];
        assert!(
            first < 0x80 || matches!(first, 0xC2 | 0xE1 | 0xE2 | 0xE3 | 0xEF),
            "{c:?}"
        );
    }
}

/// What [`check_url`] is defined as, character by character: the reading that
/// `has_full_width_authority` and the byte-wise [`has_plain_public_host`] answer faster.
fn check_url_plain(link: &str) -> Result<(), UrlProblem> {
    let t = link.trim();
    if starts_with_ignore_ascii_case(t, "file:")
        || t.starts_with("\\\\")
        || t.as_bytes().get(1) == Some(&b':') && t.as_bytes().get(2) == Some(&b'\\')
    {
        return Err(UrlProblem::LocalPath);
    }
    let authority = t
        .split_inclusive(['/', '／'])
        .take(3)
        .flat_map(str::chars)
        .filter(|&c| c != '/' && c != '／');
    for c in authority {
        if ('\u{FF01}'..='\u{FF5E}').contains(&c) || c == '。' || c == '\u{3000}' {
            return Err(UrlProblem::FullWidth);
        }
    }
    if starts_with_ignore_ascii_case(t, "www.") {
        return Err(UrlProblem::MissingScheme);
    }
    if !starts_with_ignore_ascii_case(t, "http://") && !starts_with_ignore_ascii_case(t, "https://")
    {
        return Err(UrlProblem::BadScheme);
    }
    let parsed = url::Url::parse(t).map_err(|e| UrlProblem::Unparsable(e.to_string()))?;
    match parsed.host() {
        None => Err(UrlProblem::Unparsable("缺少主机名".to_owned())),
        Some(h) if is_intranet_host(&h) => Err(UrlProblem::Intranet(h.to_string())),
        Some(_) => Ok(()),
    }
}

#[test]
fn http_schemes_are_read_as_defined() {
    // Each scheme with one character changed (to either case, to a byte that folds near a
    // letter, or away), then cut anywhere, then followed by something or nothing.
    let swaps = [
        "", "h", "H", "t", "T", "p", "P", "s", "S", ":", "/", "x", "\u{0}", "é", "\u{8}",
    ];
    let mut texts = Vec::new();
    for base in ["http://", "https://", "HTTPS://"] {
        for at in 0..base.len() {
            for swap in swaps {
                let changed = format!("{}{swap}{}", &base[..at], &base[at + 1..]);
                for cut in 0..=changed.len() {
                    for tail in ["", "a", "/x", "s://"] {
                        if let Some(head) = changed.get(..cut) {
                            texts.push(format!("{head}{tail}"));
                        }
                    }
                }
            }
        }
    }
    for t in &texts {
        let want = if starts_with_ignore_ascii_case(t, "http://") {
            Some(7)
        } else if starts_with_ignore_ascii_case(t, "https://") {
            Some(8)
        } else {
            None
        };
        assert_eq!(http_scheme_len(t.as_bytes()), want, "{t:?}");
    }
    assert!(
        texts
            .iter()
            .filter(|t| http_scheme_len(t.as_bytes()) == Some(7))
            .count()
            > 10
    );
    assert!(
        texts
            .iter()
            .filter(|t| http_scheme_len(t.as_bytes()) == Some(8))
            .count()
            > 10
    );
}

#[test]
fn ascii_link_enders() {
    for b in 0..0x80u8 {
        assert_eq!(ascii_ends_link(b), ends_link(char::from(b)), "{b:#x}");
    }
    // The window pre-test lets every possible first byte of a link ender through.
    for c in (0..=0x0010_FFFF)
        .filter_map(char::from_u32)
        .filter(|&c| ends_link(c))
    {
        let mut buf = [0u8; 4];
        assert!(
            may_end_link_byte(c.encode_utf8(&mut buf).as_bytes()[0]),
            "{c:?}"
        );
    }
    // Every ender at every position of texts longer than a window.
    for c in [' ', ',', '}', '\u{3000}', '，', '”', '\u{a0}'] {
        for len in [15, 16, 17, 40] {
            for at in 0..len {
                let mut t: Vec<char> = std::iter::repeat_n('a', len).collect();
                t[at] = c;
                let t: String = t.into_iter().collect();
                assert_eq!(link_end(&t), link_end_plain(&t), "{t:?}");
                assert_eq!(link_end(&t), at, "{t:?}");
            }
        }
    }
    let long = "https://www.ahzwfw.gov.cn/files/sample/申请表（示例）.docx";
    assert_eq!(link_end(long), long.find('（').unwrap());
}

/// What [`has_plain_public_host`] is defined as, label by label.
fn has_plain_public_host_plain(after_scheme: &str) -> bool {
    let end = after_scheme
        .find(['/', '?', '#', '\\'])
        .unwrap_or(after_scheme.len());
    let host = &after_scheme[..end];
    let mut labels = 0;
    let mut last_all_letters = false;
    for label in host.split('.') {
        let b = label.as_bytes();
        let plain = !b.is_empty()
            && b.len() <= 63
            && b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'-')
            && b[0] != b'-'
            && b[b.len() - 1] != b'-'
            && !label.contains("--");
        if !plain {
            return false;
        }
        labels += 1;
        last_all_letters = b.iter().all(u8::is_ascii_alphabetic);
    }
    labels >= 2 && last_all_letters
}

/// [`link_end`] as defined: the first character that [`ends_link`].
fn link_end_plain(text: &str) -> usize {
    text.char_indices()
        .find(|&(_, c)| ends_link(c))
        .map_or(text.len(), |(i, _)| i)
}

proptest::proptest! {
    /// The byte-wise checks answer as the parser and the character-wise reading do.
    #[test]
    fn check_url_as_defined(pieces in proptest::collection::vec(
        proptest::sample::select(vec![
            "http://", "HTTPS://", "https:／／", "htp://", "www.", "file:", "C:\\", "\\\\",
            "a", "gov", ".", ".cn", "-", "--", "xn--", "1", "192.168.1.2", "/", "／", "?", "#",
            "\\", ":8080", "@", "%41", "ａ", "：", "。", "\u{3000}", "\u{FF5E}", "\u{FF5F}",
            "\u{FF00}", "申请表", "（示例）", ".docx", " ", "localhost", "Ω",
        ]),
        0..9,
    )) {
        let link = pieces.concat();
        proptest::prop_assert_eq!(check_url(&link), check_url_plain(&link), "{}", link);
        proptest::prop_assert_eq!(link_end(&link), link_end_plain(&link), "{}", link);
        proptest::prop_assert_eq!(
            has_plain_public_host(&link),
            has_plain_public_host_plain(&link),
            "{}",
            link
        );
        if let Some(end) = plain_public_host_end(&link) {
            proptest::prop_assert_eq!(
                end,
                link.find(['/', '?', '#', '\\']).unwrap_or(link.len()),
                "{}",
                link
            );
        }
    }

    /// The short texts' padding answers as `any_byte_pair`'s does.
    #[test]
    fn may_hold_url_as_any_byte_pair(text in "[tTpPwWfFiI\\\\a\\x00é见:/ ]{0,20}") {
        let plain = any_byte_pair(&text, |x, y| {
            let (lower_x, lower_y) = (x | 0x20, y | 0x20);
            (lower_x == b't' && lower_y == b'p')
                || (lower_x == b'w' && lower_y == b'w')
                || (lower_x == b'f' && lower_y == b'i')
                || x == b'\\'
        });
        proptest::prop_assert_eq!(may_hold_url(&text), plain, "{:?}", text);
    }
}

#[test]
fn percent_decoding_keeps_utf8_and_flags_gbk() {
    assert_eq!(
        percent_decode_lossy("%E7%94%B3%E8%AF%B7%E8%A1%A8.docx"),
        "申请表.docx"
    );
    assert!(percent_decode_lossy("%C9%EA%C7%EB%B1%ED.doc").contains('\u{fffd}'));
    assert_eq!(percent_decode_lossy("100%"), "100%");
    assert_eq!(percent_decode_lossy("%E"), "%E");
}
