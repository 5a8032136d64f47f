//! Tests of the text helpers, with the slow definitions the fast versions replace.

#[cfg(test)]
mod similarity_tests {
    use super::super::*;
    #[allow(clippy::wildcard_imports)]
    use super::super::{answers::*, compare::*, similarity::*, stopwords::*};

    /// The definitions the fast versions replace, kept to compare against.
    fn reference_normalize(s: &str) -> String {
        let kept: String = to_halfwidth(s)
            .to_lowercase()
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect();
        let mut rest = kept.as_str();
        for prefix in ["问题", "问", "q"] {
            if let Some(r) = rest.strip_prefix(prefix) {
                if r.starts_with(|c: char| c.is_ascii_digit()) {
                    rest = r;
                }
                break;
            }
        }
        rest.trim_start_matches(|c: char| c.is_ascii_digit())
            .to_owned()
    }

    fn reference_without_stopwords(s: &str) -> String {
        let mut out = reference_normalize(s);
        for w in STOPWORDS {
            out = out.replace(w, "");
        }
        out
    }

    fn reference_dice(a: &str, b: &str) -> f64 {
        let (a, b) = (
            reference_without_stopwords(a),
            reference_without_stopwords(b),
        );
        let (ca, cb): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
        if ca.is_empty() && cb.is_empty() {
            return 1.0;
        }
        if ca.len() < 2 || cb.len() < 2 {
            return if a == b { 1.0 } else { 0.0 };
        }
        let mut pa: Vec<(char, char)> = ca.windows(2).map(|w| (w[0], w[1])).collect();
        let mut pb: Vec<(char, char)> = cb.windows(2).map(|w| (w[0], w[1])).collect();
        pa.sort_unstable();
        pb.sort_unstable();
        let total = pa.len() + pb.len();
        let mut common = 0usize;
        for p in &pa {
            if let Ok(i) = pb.binary_search(p) {
                pb.remove(i);
                common += 1;
            }
        }
        2.0 * common as f64 / total as f64
    }

    #[test]
    fn cjk_fast_path_matches_unicode() {
        for c in ('\u{2E80}'..='\u{9FFF}').filter(|c| c.len_utf8() == 3) {
            assert!(
                c.to_lowercase().eq(std::iter::once(c)),
                "{c:?} has a lower case"
            );
            if c >= '\u{4E00}' {
                assert!(c.is_alphanumeric(), "{c:?} is not a letter");
            }
        }
    }

    /// Normalising never gives a text more characters than it had: each character gives at most
    /// one (Q01 skips texts too short by their count alone).
    #[test]
    fn normalising_never_adds_characters() {
        for c in char::MIN..=char::MAX {
            assert!(
                c.to_lowercase().filter(|l| l.is_alphanumeric()).count() <= 1,
                "{c:?}"
            );
            assert!(
                normalize_for_compare(&c.to_string()).chars().count() <= 1,
                "{c:?}"
            );
        }
    }

    #[test]
    fn lowering_never_outgrows_the_bytes() {
        for c in char::MIN..=char::MAX {
            assert!(c.to_lowercase().count() <= c.len_utf8(), "{c:?}");
        }
    }

    #[test]
    fn compare_classes_are_what_lowering_gives() {
        // Every character of the Basic Multilingual Plane (the table's), a sample beyond it.
        for c in char::MIN..=char::MAX {
            if c.is_ascii() || c == 'Σ' || c as u32 > 0xFFFF && !(c as u32).is_multiple_of(97) {
                continue;
            }
            let lowered: String = c.to_lowercase().filter(|l| l.is_alphanumeric()).collect();
            // Twice: once deciding, once from the table.
            for _ in 0..2 {
                match compare_class(c) {
                    CompareClass::Kept => assert_eq!(lowered, c.to_string(), "{c:?}"),
                    CompareClass::Dropped => assert_eq!(lowered, "", "{c:?}"),
                    CompareClass::Lowered => assert!(!c.to_lowercase().eq([c]), "{c:?}"),
                }
            }
        }
    }

    #[test]
    fn fast_versions_agree_with_the_definitions() {
        let texts = [
            "1、如何办理食品经营许可？",
            "问题2：食品经营许可证的有效期是多久？",
            "问：能不能委托他人办理？",
            "Q3. ＡＢＣ　許可 ΣΑΣ ὈΔΥΣΣΕΎΣ",
            "ΣΑΣ",
            "İstanbul ǅ Ⅳ级 ①② 〇〡 々 ㈠ ｶﾀｶﾅ 가나",
            "如的何能不能否是否是否",
            "请问请问什么什么是吗呢了么啊",
            "q12abc",
            "问题abc",
            "",
            "、。，",
            "按相关规定办理，详见办事指南。",
        ];
        for a in texts {
            assert_eq!(normalize_for_compare(a), reference_normalize(a), "{a}");
            assert_eq!(without_stopwords(a), reference_without_stopwords(a), "{a}");
            for b in texts {
                let (fast, slow) = (similarity(a, b), reference_dice(a, b));
                assert!(fast.to_bits() == slow.to_bits(), "{a} / {b}: {fast} {slow}");
                let (ca, cb) = (
                    without_stopwords(a).chars().count(),
                    without_stopwords(b).chars().count(),
                );
                assert!(Bigrams::may_reach(ca, cb, fast), "{a} / {b}");
            }
        }
    }

    /// Pieces for the character versions: stop words run together, labels, case, full width,
    /// punctuation, the final sigma, phrases and fillers.
    const CHAR_PIECES: &[&str] = &[
        "问题",
        "问",
        "Q",
        "q",
        "1",
        "2",
        "、",
        "：",
        "能不能",
        "能",
        "不",
        "否",
        "是否",
        "是",
        "如何",
        "的",
        "吗",
        "了么",
        "请问",
        "办理",
        "可以",
        "详见办事指南",
        "咨询窗口",
        "请咨询",
        "电话",
        "工作人员",
        "详见",
        "见",
        "指南",
        "申请人",
        "材料",
        "ＡＢ",
        "Σ",
        "ΑΣ",
        "İ",
        "Ⅳ",
        "〇",
        "。",
        "，",
        "（",
        "）",
        "　",
        " ",
        "“",
        "々",
        "ｶ",
        "가",
        "𠀀",
        "a",
        "Z",
        // Around the Han range decoded by bytes: U+4DFF, U+4E00, U+9FFF, U+A000, U+3400.
        "\u{4DFF}",
        "\u{4E00}",
        "\u{9FFF}",
        "\u{A000}",
        "\u{3400}",
    ];

    fn chars_of(s: &str) -> Vec<char> {
        let mut out = vec!['x'];
        normalize_chars_into(s, &mut out);
        out
    }

    proptest::proptest! {
        /// Every character version gives what its string version gives.
        #[test]
        fn char_versions_agree_with_the_strings(
            a in proptest::collection::vec(proptest::sample::select(CHAR_PIECES), 0..14),
            b in proptest::collection::vec(proptest::sample::select(CHAR_PIECES), 0..14),
        ) {
            let (a, b) = (a.concat(), b.concat());
            let (na, nb) = (normalize_for_compare(&a), normalize_for_compare(&b));
            let (ca, cb) = (chars_of(&a), chars_of(&b));
            proptest::prop_assert_eq!(ca.iter().collect::<String>(), na.clone());
            proptest::prop_assert_eq!(
                find_chars(&ca, &cb).is_some(),
                find_text(&na, &nb).is_some()
            );
            let mut bare = ca.clone();
            remove_scanned_stopword_chars(&mut bare, scan_stopword_chars(&ca));
            proptest::prop_assert_eq!(scan_stopword_chars(&ca), scan_stopwords(&na));
            proptest::prop_assert_eq!(bare.iter().collect::<String>(), without_stopwords(&a));
            proptest::prop_assert_eq!(
                bare.iter().collect::<String>(),
                reference_without_stopwords(&a)
            );
            let bare_b = without_stopwords(&b);
            let bare_b_chars: Vec<char> = bare_b.chars().collect();
            proptest::prop_assert_eq!(Bigrams::of_chars(&bare), Bigrams::of(&without_stopwords(&a)));
            for t in [0.0, 0.5, 0.8, 1.0] {
                let (sa, sb) = (BigramSketch::of_chars(&bare), BigramSketch::of_chars(&bare_b_chars));
                proptest::prop_assert_eq!(
                    sa.may_reach(&sb, t),
                    BigramSketch::of(&without_stopwords(&a)).may_reach(&BigramSketch::of(&bare_b), t)
                );
                // The bound before the count never changes the answer.
                let plain = sa.chars < 2 || sb.chars < 2
                    || 2.0 * sa.hits(&sb) as f64 / (sa.chars + sb.chars - 2) as f64 >= t;
                proptest::prop_assert_eq!(sa.may_reach(&sb, t), plain);
            }
            proptest::prop_assert_eq!(CharSketch::of_chars(&ca), CharSketch::of(&na).0);
            proptest::prop_assert_eq!(
                sketch_and_scan_stopword_chars(&ca),
                (CharSketch::of_chars(&ca), scan_stopword_chars(&ca))
            );
            let custom = NonAnswers::new(&["见".into(), "Ａ".into(), "问题1".into(), "不能否".into()]);
            for phrases in [NonAnswers::default(), custom] {
                proptest::prop_assert_eq!(
                    phrases.matches_chars(&ca, &mut vec!['x']),
                    phrases.matches_normalized(&na)
                );
            }
            let mut rest = cb.clone();
            remove_all_chars(&mut rest, &ca);
            if !ca.is_empty() {
                proptest::prop_assert_eq!(rest.iter().collect::<String>(), nb.replace(&na, ""));
            }
        }
    }

    #[test]
    fn prepared_non_answers_match_like_the_list() {
        let n = NonAnswers::default();
        assert!(n.matches("详见办事指南。"));
        assert!(n.matches("请咨询窗口工作人员"));
        assert!(!n.matches("请携带身份证原件到窗口办理，详见办事指南"));
        assert!(!n.matches("有效期为5年"));
    }
}

#[cfg(test)]
mod halfwidth_tests {
    #[allow(clippy::wildcard_imports)]
    use super::super::law::*;
    use super::super::*;

    proptest::proptest! {
        /// The run-copying half-width is [`to_halfwidth`].
        #[test]
        fn halfwidth_runs_as_defined(pieces in proptest::collection::vec(
            proptest::sample::select(vec![
                "\u{3000}", "，", "（", "）", "Ａ", "ｿ", "。", "〔", "a", "法", " ", "ｅ", "～", "",
            ]),
            0..8,
        )) {
            let text = pieces.concat();
            proptest::prop_assert_eq!(halfwidth_runs(&text), to_halfwidth(&text));
        }
    }
}

#[cfg(test)]
mod text_helpers {
    use super::super::*;
    #[allow(clippy::wildcard_imports)]
    use super::super::{answers::*, law::*, similarity::*, url_check::*, urls::*};

    fn v(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn masked_words_are_not_found() {
        let words = v(&["及其他", "副本"]);
        let exc = v(&["其他组织", "执照副本"]);
        assert_eq!(
            first_listed_word("法人及其他组织登记证书", &words, &exc),
            None
        );
        assert_eq!(first_listed_word("营业执照副本", &words, &exc), None);
        assert_eq!(
            first_listed_word("身份证及其他证明", &words, &exc),
            Some("及其他")
        );
        assert_eq!(first_listed_word("申请书副本", &words, &exc), Some("副本"));
    }

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
        if !starts_with_ignore_ascii_case(t, "http://")
            && !starts_with_ignore_ascii_case(t, "https://")
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

    #[test]
    fn laws_and_articles() {
        assert!(names_law("《中华人民共和国食品安全法》第三十五条"));
        assert!(names_law("中华人民共和国行政许可法 第二十九条"));
        assert!(names_law(
            "安徽省物价局关于规范不动产登记收费的通知（皖价服〔2017〕8号）"
        ));
        assert!(names_law("财税〔2016〕79号"));
        assert!(names_law("国家市场监督管理总局令第17号"));
        assert!(!names_law("按国家有关规定执行"));
        assert!(!names_law("依法办理"));
        assert!(!names_law("按池州市相关规定办理"));
        assert!(names_law("城乡规划法第40条"));
        assert!(!names_law("按相关规定第三条"));
        assert!(!names_law("按规定第三条"));
        assert!(!names_law("第三条"));
        assert!(cites_article("第三十五条"));
        assert!(cites_article("第2款"));
        assert!(!cites_article("《食品安全法》"));
    }

    #[test]
    fn non_answers() {
        let phrases = v(&["详见办事指南", "咨询窗口", "请咨询"]);
        assert!(is_non_answer("详见办事指南。", &phrases));
        assert!(is_non_answer("请咨询窗口工作人员", &phrases));
        assert!(!is_non_answer(
            "请携带身份证原件到窗口办理，详见办事指南",
            &phrases
        ));
        assert!(!is_non_answer("有效期为5年", &phrases));
    }

    #[test]
    fn similar_questions() {
        assert!(
            (similarity("1、如何办理食品经营许可？", "如何办理食品经营许可") - 1.0).abs() < 1e-9
        );
        assert!(
            similarity(
                "食品经营许可证有效期多久？",
                "食品经营许可证的有效期是多久？"
            ) > 0.8
        );
        assert!(similarity("办理需要多长时间？", "可以委托他人办理吗？") < 0.5);
        assert!(
            similarity(
                "办理食品经营许可需要哪些材料？",
                "办理食品经营许可需要多长时间？"
            ) < 0.8
        );
        assert!(similarity("怎么申请食品经营许可？", "如何申请食品经营许可") > 0.99);
        assert!((similarity("", "") - 1.0).abs() < 1e-9);
        assert!(similarity("a", "") < 0.5);
    }
}
