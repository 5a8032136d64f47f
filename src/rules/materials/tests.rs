//! Tests of the material rules' shared helpers.

#[allow(clippy::wildcard_imports)]
use super::files::*;
#[allow(clippy::wildcard_imports)]
use super::names::*;
use super::*;

#[test]
fn fill_in_materials() {
    let words = vec!["申请表".to_owned(), "承诺书".to_owned()];
    let m = |name: &str, src: &str| Material {
        name: name.into(),
        source_channel: src.into(),
        ..Material::default()
    };
    assert!(is_fill_in(&m("食品经营许可申请表", "申请人自备"), &words));
    assert!(is_fill_in(&m("告知承诺书", ""), &words));
    assert!(!is_fill_in(&m("营业执照", "申请人自备"), &words));
    assert!(!is_fill_in(&m("建设项目审批表", "政府部门核发"), &words));
}

proptest::proptest! {
    /// The prepared test with its early exit answers as the plain one.
    #[test]
    fn fill_in_with_as_defined(
        name in proptest::sample::select(vec![
            "", " ", "食品经营许可申请表", "营业执照", "告知承诺书", "申请", "申请表 ",
        ]),
        channel in proptest::sample::select(vec![
            "", "政府部门核发", " 政府部门核发", "政府部门核发 ", "申请人自备", "20", "政府",
            "其他", "政府部门核发（申请人自备）",
        ]),
    ) {
        let words = vec!["申请表".to_owned(), "承诺书".to_owned(), String::new()];
        let m = Material {
            name: name.into(),
            source_channel: channel.into(),
            ..Material::default()
        };
        proptest::prop_assert_eq!(
            is_fill_in_with(&m, &WordLists::new(&[&words])),
            is_fill_in(&m, &words)
        );
    }
}

/// What [`fill_in_offers`] is defined as: every fill-in material tested, then its field.
fn fill_in_offers_plain(
    item: &crate::model::Item,
    fill_in_words: &WordLists,
    field: fn(&Material) -> &str,
    what: &str,
) -> crate::rules::Verdict {
    let mut any = false;
    let mut out = Vec::new();
    for m in item
        .materials
        .iter()
        .filter(|m| is_fill_in_with(m, fill_in_words))
    {
        any = true;
        let value = field(m).trim();
        if !has_value(value) {
            let v = if value.is_empty() {
                crate::rules::Violation::new(format!("需申请人填写的材料未提供{what}"), "")
            } else {
                crate::rules::Violation::new(
                    format!("需申请人填写的材料未提供{what}: \"{value}\""),
                    value,
                )
            };
            out.push(v.target(material_target(m)).at(&m.provenance));
        }
    }
    if any {
        crate::rules::Verdict::Checked(out)
    } else {
        crate::rules::Verdict::NotApplicable
    }
}

proptest::proptest! {
    /// Both verdicts in one pass, skipping the fill-in test for materials that offer both
    /// fields once one material is known to be filled in, are each rule's verdict as defined.
    #[test]
    fn fill_in_offers_as_defined(materials in proptest::collection::vec(
        (
            proptest::sample::select(vec!["营业执照", "食品经营许可申请表", "告知承诺书", ""]),
            proptest::sample::select(vec!["申请人自备", "政府部门核发", ""]),
            proptest::sample::select(vec!["", "无", " https://a.cn/x.docx ", "有"]),
            proptest::sample::select(vec!["", "/", " https://a.cn/x（示例）.docx", "有"]),
        ),
        0..6,
    )) {
        let item = crate::model::Item {
            materials: materials
                .into_iter()
                .map(|(name, channel, form, sample)| Material {
                    name: name.into(),
                    source_channel: channel.into(),
                    blank_form: form.into(),
                    sample: sample.into(),
                    ..Material::default()
                })
                .collect(),
            ..crate::model::Item::default()
        };
        let words = WordLists::new(&[&["申请表".to_owned(), "承诺书".to_owned()]]);
        let both = fill_in_offers(&item, &words);
        proptest::prop_assert_eq!(
            &both.blank_form,
            &fill_in_offers_plain(&item, &words, |m| &m.blank_form, "空白表格")
        );
        proptest::prop_assert_eq!(
            &both.sample,
            &fill_in_offers_plain(&item, &words, |m| &m.sample, "示例样表")
        );
    }

    /// Each material gets `check`'s result on it, however often keys repeat (more distinct
    /// keys than are kept, too).
    #[test]
    fn by_key_is_each_material_checked(keys in proptest::collection::vec(0u8..12, 0..20)) {
        let materials: Vec<Material> = keys
            .iter()
            .map(|k| Material { notes: k.to_string(), ..Material::default() })
            .collect();
        let mut got = Vec::new();
        let mut checks = 0;
        for_each_by_key(
            &materials,
            |m| &m.notes,
            |m| {
                checks += 1;
                format!("<{}>", m.notes)
            },
            |m, r| got.push((m.notes.clone(), r.clone())),
        );
        let want: Vec<_> = materials
            .iter()
            .map(|m| (m.notes.clone(), format!("<{}>", m.notes)))
            .collect();
        proptest::prop_assert_eq!(got, want);
        let mut distinct = keys.clone();
        distinct.sort_unstable();
        distinct.dedup();
        proptest::prop_assert!(checks <= keys.len());
        if distinct.len() <= 8 {
            proptest::prop_assert_eq!(checks, distinct.len());
        }
    }
}

proptest::proptest! {
    #[test]
    fn holds_word_as_defined(
        text in proptest::collection::vec(
            proptest::sample::select(vec!["原件", "原", "件", "复印件", "电子", "纸质", "a", "ab", "\u{539f}", "\u{4ef6}", "和"]),
            0..5,
        ),
        word in proptest::sample::select(vec!["", "a", "ab", "原件", "复印件", "件", "纸质", "\u{539f}\u{4ef6}a"]),
    ) {
        let text = text.concat();
        proptest::prop_assert_eq!(holds_word(&text, word), text.contains(word), "{} {}", text, word);
    }
}

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

/// What [`file_refs`] is defined as: the links as [`find_urls`] finds them, then the bare file
/// names in the field with every link replaced by a space, all copied.
fn file_refs_plain(text: &str) -> Vec<FileRef> {
    let extension_of = |name: &str| raw_extension(name).map(str::to_ascii_lowercase);
    let mut refs = Vec::new();
    let mut rest = text.to_owned();
    for link in crate::rules::general_text::find_urls(text) {
        rest = rest.replace(&link, " ");
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
    for m in FILE_NAME.find_iter(&rest) {
        let name = trim_open_brackets_plain(m.as_str());
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

/// What [`attachment_problems`] is defined as, on the copied [`file_refs_plain`].
fn attachment_problems_plain(
    material: &Material,
    value: &str,
    what: &str,
    non_editable: Option<&[String]>,
) -> Vec<(String, String)> {
    let refs = file_refs_plain(value);
    if refs.is_empty() {
        return vec![(
            format!("{what}栏没有下载链接或文件名: \"{}\"", quote(value, 40)),
            value.to_owned(),
        )];
    }
    let mut out = Vec::new();
    for r in &refs {
        if let Some(p) = &r.link_problem {
            out.push((
                format!("{what}链接{}: \"{}\"", p.describe_zh(), quote(&r.raw, 80)),
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
        if r.file_name.is_some() && name_relates(name, &material.name) == Some(false) {
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
            text.replace(link, " "),
            "{text}"
        );
    }
}

#[test]
fn relatedness() {
    assert_eq!(
        name_relates("食品经营许可申请表.docx", "食品经营许可申请书"),
        Some(true)
    );
    assert_eq!(
        name_relates("营业执照.jpg", "食品经营许可申请书"),
        Some(false)
    );
    assert_eq!(name_relates("附件1.docx", "食品经营许可申请书"), None);
    assert_eq!(name_relates("20230512093011.doc", "申请书"), None);
    // Longer than the 128-byte mask: the words are replaced in the text instead.
    let long = format!("{}样表格营业.pdf", "附件".repeat(30));
    assert_eq!(name_relates(&long, "营业执照"), Some(true));
    assert_eq!(name_relates(&long, "样格"), Some(false));
}

/// What [`link_file_name`] is defined as, read with `str::split` and always copied.
fn link_file_name_plain(link: &str) -> Option<String> {
    let path = link.split(['?', '#']).next().unwrap_or(link);
    let after_host = path
        .find("//")
        .map_or(path, |i| path.get(i + 2..).unwrap_or(""));
    let mut segments = after_host.split(['/', '\\']);
    let first = segments.next();
    let last = segments
        .next_back()
        .or(if link.contains('\\') { first } else { None })
        .map(|s| {
            if s.contains('%') {
                percent_decode_lossy(s)
            } else {
                s.to_owned()
            }
        })
        .filter(|s| !s.is_empty());
    if last
        .as_deref()
        .and_then(|n| {
            let (stem, ext) = n.rsplit_once('.')?;
            (!stem.is_empty()
                && (1..=5).contains(&ext.len())
                && ext.bytes().all(|b| b.is_ascii_alphanumeric()))
            .then_some(ext)
        })
        .is_some_and(|e| !HANDLERS.iter().any(|h| h.eq_ignore_ascii_case(e)))
    {
        return last;
    }
    let query = link.split_once('?').map_or("", |(_, q)| q);
    let query = query.split('#').next().unwrap_or(query);
    query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .map(|(_, value)| percent_decode_lossy(&value.replace('+', " ")))
        .find(|value| raw_extension(value).is_some() && !value.contains('/'))
        .or(last)
}

proptest::proptest! {
    #[test]
    fn link_file_name_as_defined(pieces in proptest::collection::vec(
        proptest::sample::select(vec![
            "https://", "http:", "//", "/", "\\", "?", "#", "&", "=", "+", ".", "..", "a",
            "申请表", ".docx", ".do", ".PDF", "%E7%94%B3", "%C9%EA", "%", "fileName=",
            "www.a.cn", "download", "C:", "（示例）",
        ]),
        0..9,
    )) {
        let link = pieces.concat();
        proptest::prop_assert_eq!(link_file_name(&link), link_file_name_plain(&link), "{}", link);
    }
}

/// [`generic_word_mask`] as first written, with a search per word present: the bytes of `stem` that [`without_generic_words`] replaces by spaces, as bits, without
/// copying: each word's occurrences are found in list order, left to right and not overlapping,
/// among the bytes not yet replaced. A replaced word becomes a space, which no word holds, so a
/// word occurs in the replaced text exactly where it occurs in `stem` over bytes not yet replaced;
/// and [`han_bigrams`] skips the space as it skips the bytes left out here. `None` for a stem
/// longer than the mask (128 bytes): then the text is replaced.
fn generic_word_mask_searched(stem: &str) -> Option<u128> {
    if stem.len() > 128 {
        return None;
    }
    if !GENERIC_NAME_MATCHER.is_match(stem) {
        return Some(0);
    }
    let mut present = 0u32;
    for m in GENERIC_NAME_MATCHER.find_overlapping_iter(stem) {
        present |= 1 << m.pattern().as_u32();
    }
    let mut mask = 0u128;
    for (i, w) in GENERIC_NAME_WORDS.iter().enumerate() {
        if present & (1 << i) == 0 {
            continue;
        }
        // Every word is a few Han characters: fewer than 128 bytes.
        let bits = (1u128 << w.len()) - 1;
        let mut at = 0;
        while let Some(j) = find_text(&stem[at..], w).map(|j| j + at) {
            if mask & (bits << j) == 0 {
                mask |= bits << j;
                at = j + w.len();
            } else {
                // Over a replaced word: look again from the next character.
                at = j + stem[j..].chars().next().map_or(1, char::len_utf8);
            }
        }
    }
    Some(mask)
}

#[test]
fn generic_words_are_two_characters() {
    for (i, w) in GENERIC_NAME_WORDS.iter().enumerate() {
        let chars: Vec<char> = w.chars().collect();
        assert_eq!(chars.len(), 2, "{w}");
        assert_ne!(chars[0], chars[1], "{w}");
        assert!(chars.iter().all(|&c| is_han(c) && c.len_utf8() == 3), "{w}");
        assert_eq!(generic_word(chars[0], chars[1]), Some(i as u8), "{w}");
    }
    // No other pair of their characters is a word.
    let all: Vec<char> = GENERIC_NAME_WORDS.iter().flat_map(|w| w.chars()).collect();
    for &a in &all {
        for &b in &all {
            let word = format!("{a}{b}");
            assert_eq!(
                generic_word(a, b).is_some(),
                GENERIC_NAME_WORDS.contains(&word.as_str()),
                "{word}"
            );
        }
    }
}

proptest::proptest! {
    #[test]
    fn generic_word_mask_as_replaced(
        stem in proptest::collection::vec(
            proptest::sample::select(
                GENERIC_NAME_WORDS.iter().copied()
                    .chain(["附", "件", "样", "表", "格", "本", "范", "新", "版", "最", "示",
                            "申请", "（", "）", ".", "a", "1", "é"])
                    .collect::<Vec<_>>()
            ),
            0..50,
        ),
    ) {
        let stem = stem.concat();
        proptest::prop_assert_eq!(
            generic_word_mask(&stem),
            generic_word_mask_searched(&stem),
            "{}", stem
        );
    }
}

/// The plain definition that [`name_relates`] answers with fewer copies.
fn name_relates_plain(file_name: &str, material_name: &str) -> Option<bool> {
    let han_bigrams = |s: &str| {
        let chars: Vec<char> = s.chars().filter(|&c| is_han(c)).collect();
        chars.windows(2).map(|w| (w[0], w[1])).collect::<Vec<_>>()
    };
    let stem = file_name
        .rsplit_once('.')
        .map_or(file_name, |(stem, _)| stem);
    let mut meaningful = stem.to_owned();
    for w in GENERIC_NAME_WORDS {
        meaningful = meaningful.replace(w, " ");
    }
    let file_pairs = han_bigrams(&meaningful);
    if file_pairs.is_empty() {
        return None;
    }
    let material_pairs = han_bigrams(material_name);
    Some(file_pairs.iter().any(|p| material_pairs.contains(p)))
}

proptest::proptest! {
    #[test]
    fn name_relates_as_defined(
        file in proptest::collection::vec(
            proptest::sample::select(
                GENERIC_NAME_WORDS.iter().copied()
                    .chain(["申请", "表", "书", "样", "格", "（", "）", ".", "docx", "1"])
                    .collect::<Vec<_>>()
            ),
            // Up to 180 bytes: past the 128 bytes of the mask, too.
            0..31,
        ),
        material in proptest::sample::select(vec!["食品经营许可申请书", "样表格", "", "附件"]),
    ) {
        let file = file.concat();
        proptest::prop_assert_eq!(
            name_relates(&file, material),
            name_relates_plain(&file, material)
        );
    }
}

/// [`parse_copies`] as first written, without the fast path for a bare number.
fn parse_copies_plain(text: &str) -> Option<u32> {
    let t = to_halfwidth(text);
    let t = t.trim();
    if let Some(start) = t.find(|c: char| c.is_ascii_digit()) {
        let digits: String = t[start..]
            .chars()
            .take_while(char::is_ascii_digit)
            .take(6)
            .collect();
        return digits.parse().ok();
    }
    let before_fen = t.rfind('份').map(|i| &t[..i])?;
    let last = before_fen.chars().last()?;
    CN.iter()
        .find(|(w, _)| w.starts_with(last))
        .map(|&(_, n)| n)
}

proptest::proptest! {
    #[test]
    fn parse_copies_as_defined(
        pieces in proptest::collection::vec(
            proptest::sample::select(vec![
                "0", "1", "2", "9", "12345", "１", "２", " ", "\u{3000}", "份", "两", "一式", "若干",
                "a", "-", "+",
            ]),
            0..5,
        ),
    ) {
        let text = pieces.concat();
        proptest::prop_assert_eq!(parse_copies(&text), parse_copies_plain(&text), "{}", text);
    }

    #[test]
    fn trim_open_brackets_as_defined(
        pieces in proptest::collection::vec(
            proptest::sample::select(vec![
                "(", ")", "（", "）", "【", "】", "[", "]", "申请表", ".docx", "a",
            ]),
            0..7,
        ),
    ) {
        let name = pieces.concat();
        proptest::prop_assert_eq!(trim_open_brackets(&name), trim_open_brackets_plain(&name));
    }
}

/// [`trim_open_brackets`] as first written, with a search per bracket.
fn trim_open_brackets_plain(name: &str) -> &str {
    let mut t = name;
    while let Some(c) = t.chars().next() {
        let Some(close) = closing_bracket(c) else {
            break;
        };
        if t.matches(c).count() <= t.matches(close).count() {
            break;
        }
        t = &t[c.len_utf8()..];
    }
    t
}

#[test]
fn copies() {
    assert_eq!(parse_copies("1"), Some(1));
    assert_eq!(parse_copies("２份"), Some(2));
    assert_eq!(parse_copies("壹份"), Some(1));
    assert_eq!(parse_copies("一式两份"), Some(2));
    assert_eq!(parse_copies("若干"), None);
    assert_eq!(parse_marked_copies("A4"), None);
    assert_eq!(parse_marked_copies("A4纸1份"), Some(1));
    assert_eq!(parse_marked_copies("一式两份"), Some(2));
    assert_eq!(parse_marked_copies("A4，原件2份"), Some(2));
    assert_eq!(parse_copies(""), None);
}

/// The plain definition that [`source_channel`] answers in one pass.
fn source_channel_plain(text: &str) -> Option<SourceChannel> {
    let t = to_halfwidth(text);
    let t = t.trim();
    if ["自备", "申请人", "申请单位", "自行", "本人"]
        .iter()
        .any(|w| t.contains(w))
    {
        Some(SourceChannel::Applicant)
    } else if t.contains("核发") || t.contains("政府") || t.contains("部门") {
        Some(SourceChannel::Government)
    } else if t.contains("其他") || t.contains("其它") {
        Some(SourceChannel::Other)
    } else {
        match t {
            "10" | "1" => Some(SourceChannel::Applicant),
            "20" | "2" => Some(SourceChannel::Government),
            "99" | "9" => Some(SourceChannel::Other),
            _ => None,
        }
    }
}

proptest::proptest! {
    #[test]
    fn source_channel_as_defined(
        pieces in proptest::collection::vec(
            proptest::sample::select(vec![
                "自备", "申请人", "申请单位", "自行", "本人", "核发", "政府", "部门", "其他",
                "其它", "申请", "人", "10", "1", "２", "9", " ", "\u{3000}", "其",
            ]),
            0..4,
        ),
    ) {
        let text = pieces.concat();
        proptest::prop_assert_eq!(source_channel(&text), source_channel_plain(&text));
    }
}

#[test]
fn source_channels() {
    assert_eq!(source_channel("申请人自备"), Some(SourceChannel::Applicant));
    assert_eq!(source_channel("20"), Some(SourceChannel::Government));
    assert_eq!(
        source_channel("政府部门核发"),
        Some(SourceChannel::Government)
    );
    assert_eq!(source_channel("其他"), Some(SourceChannel::Other));
    assert_eq!(source_channel("随便"), None);
}
