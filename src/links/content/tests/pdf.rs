//! Text, personal data, garbling, fonts, bombs and damage in PDFs.

use super::*;

const MIB: u64 = 1024 * 1024;

fn small_limit() -> ZipLimits {
    ZipLimits {
        max_total_bytes: MIB,
        ..ZipLimits::default()
    }
}

/// Should trip: personal data (ID number and mobile) in a text PDF, in either file layout. The
/// Chinese comes through the CID font's ToUnicode map, the digits through the Latin font.
#[test]
fn text_pdfs_are_read_for_personal_data_and_heading() {
    for layout in [Layout::Modern, Layout::Classic] {
        let d = inspect(&text_pdf(LICENCE, layout), true, ZipLimits::default());
        assert_eq!(d.real_type, Some(FileType::Pdf));
        assert_eq!(d.defect, None, "{layout:?}");
        assert_eq!(d.no_text, None, "{layout:?}");
        assert_eq!(d.heading.as_deref(), Some("营业执照"), "{layout:?}");
        assert_eq!(d.mojibake, None, "{layout:?}");
        assert_eq!(hits(&d), LICENCE_HITS, "{layout:?}");
        assert!(d.unzipped_bytes > 0);
        // The full numbers are kept nowhere (the inspection goes to the cache and links.json).
        let kept = serde_json::to_string(&d).unwrap();
        assert!(!kept.contains("110101199003078515") && !kept.contains("13905661234"));
    }
    // Masked in the sample: nothing to report.
    let masked = inspect(
        &text_pdf(
            &["营业执照", "法定代表人：张三 身份证号：1101**********8515"],
            Layout::Modern,
        ),
        true,
        ZipLimits::default(),
    );
    assert!(masked.personal.is_empty(), "{masked:?}");
    assert_eq!(masked.heading.as_deref(), Some("营业执照"));
}

/// Should trip: personal data in a page that a merging tool imported as a form XObject (or that
/// a stamp wraps in another form). Read where the page draws it, not called a scan; a form that
/// draws itself is read once.
#[test]
fn text_inside_form_xobjects_is_read() {
    for forms in [Forms::Imported, Forms::Nested, Forms::SelfDrawing] {
        for layout in [Layout::Modern, Layout::Classic] {
            let d = inspect(
                &form_pdf(LICENCE, forms, layout),
                true,
                ZipLimits::default(),
            );
            assert_eq!(d.defect, None, "{forms:?} {layout:?}");
            assert_eq!(d.no_text, None, "{forms:?} {layout:?}");
            assert_eq!(
                d.heading.as_deref(),
                Some("营业执照"),
                "{forms:?} {layout:?}"
            );
            let kinds: Vec<PersonalKind> = d.personal.iter().map(|h| h.kind).collect();
            assert_eq!(
                kinds,
                [PersonalKind::IdNumber, PersonalKind::Mobile],
                "{forms:?} {layout:?}"
            );
        }
    }
}

/// Should trip: garbling in the text of a PDF (the ToUnicode map gives 锟斤拷, so the page shows it).
#[test]
fn garbled_text_in_a_pdf_is_found() {
    let d = inspect(
        &text_pdf(
            &["食品经营许可申请书（样表）", "申请人锟斤拷锟斤拷名称"],
            Layout::Modern,
        ),
        true,
        ZipLimits::default(),
    );
    assert!(d.mojibake.as_deref().unwrap().contains("锟斤拷"), "{d:?}");
}

/// A scan has no text: no personal data, no defect, only the note that it was not read.
#[test]
fn a_scanned_pdf_has_no_text_and_no_problem() {
    let d = inspect(&scan_pdf(), true, ZipLimits::default());
    assert_eq!(d.real_type, Some(FileType::Pdf));
    assert_eq!(d.defect, None);
    assert_eq!(d.no_text, Some(NoText::Scan));
    assert!(d.personal.is_empty() && d.heading.is_none() && d.mojibake.is_none());
}

/// A CID font without a map shows glyph numbers, not characters: they are not read as Latin-1
/// (in the standard encoding `<E1A1>` is `Æ¡`, which looks like UTF-8 garbling), nor guessed.
#[test]
fn codes_of_a_cid_font_without_a_map_are_not_taken_for_text() {
    let content = b"BT /F1 12 Tf 72 700 Td <E1A1E1A1E1A1> Tj ET".to_vec();
    let d = inspect(
        &pdf_with_streams(vec![content], "Identity-H", None, Layout::Classic),
        true,
        ZipLimits::default(),
    );
    assert_eq!(d.mojibake, None, "{d:?}");
    assert_eq!(d.no_text, Some(NoText::Unmapped));
    assert_eq!(d.defect, None);
}

/// Older Chinese PDFs name a GB CMap instead of carrying a map: their bytes are GBK.
#[test]
fn a_cid_font_with_a_gb_cmap_is_read_as_gbk() {
    let (gbk, _, _) = encoding_rs::GBK.encode("身份证号：110101199003078515");
    let mut content = b"BT /F1 12 Tf 72 700 Td <".to_vec();
    content.extend(gbk.iter().flat_map(|b| format!("{b:02X}").into_bytes()));
    content.extend_from_slice(b"> Tj ET");
    let d = inspect(
        &pdf_with_streams(vec![content], "GBK-EUC-H", None, Layout::Classic),
        true,
        ZipLimits::default(),
    );
    assert_eq!(
        d.heading.as_deref(),
        Some("身份证号:1101**********8515"),
        "full-width colon folded where a number is masked"
    );
    assert_eq!(d.personal.len(), 1);
}

/// Should trip: flate bombs, wherever they sit — a page's content, a font's ToUnicode map, an
/// object stream expanded while loading — and several streams that are each under the limit but
/// over it together. Refused as the zip code refuses a bomb, after at most the limit is inflated.
#[test]
fn pdf_flate_bombs_are_refused_within_the_budget() {
    let map = to_unicode_cmap(&[(1, '营')]).into_bytes();
    let show = b"BT /F1 12 Tf 72 700 Td <0001> Tj ET ".to_vec();
    let bomb = |n: u64| {
        let mut s = show.clone();
        s.extend(spaces(n as usize));
        s
    };
    let mut map_bomb = map.clone();
    map_bomb.extend(spaces(16 * MIB as usize));
    let cases: Vec<(&str, Vec<u8>)> = vec![
        (
            "page content",
            pdf_with_streams(
                vec![bomb(16 * MIB)],
                "Identity-H",
                Some(map.clone()),
                Layout::Classic,
            ),
        ),
        (
            "ToUnicode map",
            pdf_with_streams(
                vec![show.clone()],
                "Identity-H",
                Some(map_bomb),
                Layout::Classic,
            ),
        ),
        (
            "two streams of 0.6 MiB",
            pdf_with_streams(
                vec![bomb(6 * MIB / 10), bomb(6 * MIB / 10)],
                "Identity-H",
                Some(map.clone()),
                Layout::Modern,
            ),
        ),
        (
            "object stream",
            object_stream_bomb(LICENCE, &[16 * MIB as usize]),
        ),
        (
            "three object streams of 0.4 MiB",
            object_stream_bomb(LICENCE, &[4 * MIB as usize / 10; 3]),
        ),
    ];
    for (what, pdf) in cases {
        assert!(pdf.len() < 100 * 1024, "{what}: {} bytes", pdf.len());
        let d = inspect(&pdf, true, small_limit());
        assert!(
            d.defect
                .as_deref()
                .is_some_and(|e| e.contains("疑似压缩炸弹")),
            "{what}: {d:?}"
        );
        assert!(d.unzipped_bytes <= MIB, "{what}: {}", d.unzipped_bytes);
        assert!(d.personal.is_empty(), "{what}");
    }
    // Under the default limit the two streams are an ordinary page.
    let two = pdf_with_streams(
        vec![bomb(6 * MIB / 10), bomb(6 * MIB / 10)],
        "Identity-H",
        Some(map),
        Layout::Modern,
    );
    let d = inspect(&two, true, ZipLimits::default());
    assert_eq!(d.defect, None);
    assert_eq!(d.heading.as_deref(), Some("营 营"));
    assert!(d.unzipped_bytes > MIB);
}

/// Damaged files: garbage after a PDF header is left for a person to open (not called damaged,
/// which would make the link 失效 on this parser's word), and no damage to a real file ends in
/// a panic: each of many damaged copies gives some reading.
#[test]
fn damaged_pdfs_are_left_for_a_person_not_panics() {
    let garbage = b"%PDF-1.7\n\x00\x01garbage \xff\xfe not a pdf at all\n%%EOF\n";
    let d = inspect(garbage, true, ZipLimits::default());
    assert_eq!(
        (d.defect.as_deref(), d.no_text),
        (None, Some(NoText::Unreadable)),
        "{d:?}"
    );
    let pdf = text_pdf(LICENCE, Layout::Modern);
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    for _ in 0..300 {
        let mut bad = pdf.clone();
        for _ in 0..8 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let at = (seed % (bad.len() as u64 - 10)) as usize + 9;
            bad[at] = (seed >> 32) as u8;
        }
        let d = inspect(&bad, true, ZipLimits::default());
        assert_eq!(d.real_type, Some(FileType::Pdf));
    }
}

/// A PDF locked only against editing (an owner password, an empty user password) opens in any
/// reader, and is read like any other: its ID number is found (should trip the personal-data
/// check). One that needs a password to open is not read: no error, no hit, the note says why.
#[test]
fn pdfs_locked_against_editing_are_read_and_password_ones_are_not() {
    let d = inspect(&encrypted_pdf(LICENCE, ""), true, ZipLimits::default());
    assert_eq!((d.defect.as_deref(), d.no_text), (None, None), "{d:?}");
    assert_eq!(d.heading.as_deref(), Some("营业执照"));
    assert!(
        d.personal.iter().any(|h| h.masked == "1101**********8515"),
        "{:?}",
        d.personal
    );
    let d = inspect(
        &encrypted_pdf(LICENCE, "zwfw2024"),
        true,
        ZipLimits::default(),
    );
    assert_eq!(d.defect, None, "{d:?}");
    assert_eq!(d.no_text, Some(NoText::Encrypted));
    assert!(d.personal.is_empty());
}

/// Some producers place each character on its own (`Tm` before every glyph): the characters of
/// a number set one after the other still make the number, and a table's next cell on the same
/// line stays apart from it.
#[test]
fn characters_placed_one_by_one_make_words_and_cells_stay_apart() {
    use std::fmt::Write as _;
    let chars: Vec<char> = "结果样本身份证号：0123456789".chars().collect();
    let code = |c: char| chars.iter().position(|&x| x == c).unwrap() as u16 + 1;
    let map = to_unicode_cmap(&chars.iter().map(|&c| (code(c), c)).collect::<Vec<_>>());
    let mut content = String::from("BT /F1 12 Tf\n");
    let mut place = |text: &str, mut x: f32, y: f32| {
        for c in text.chars() {
            writeln!(content, "1 0 0 1 {x} {y} Tm <{:04X}> Tj", code(c)).unwrap();
            // Arial digits are 0.556 em wide.
            x += if c.is_ascii() { 6.672 } else { 12.0 };
        }
    };
    place("结果样本", 72.0, 770.0);
    place("身份证号：", 72.0, 740.0);
    place("110101199003078515", 132.0, 740.0);
    place("2024", 400.0, 740.0);
    content.push_str("ET\n");
    let d = inspect(
        &pdf_with_streams(
            vec![content.into_bytes()],
            "Identity-H",
            Some(map.into_bytes()),
            Layout::Classic,
        ),
        true,
        ZipLimits::default(),
    );
    assert_eq!(d.heading.as_deref(), Some("结果样本"), "{d:?}");
    assert_eq!(d.personal.len(), 1, "{d:?}");
    assert_eq!(d.personal[0].masked, "1101**********8515");
}
