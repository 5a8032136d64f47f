//! Unit tests of the content inspection: magic bytes, zip limits, names, soft 404s.

use std::io::{Cursor, Write};

use super::*;
use crate::model::personal::PersonalKind;

#[path = "../../../tests/links_server/doc.rs"]
mod doc_fixtures;
#[path = "../../../tests/links_server/pdf.rs"]
mod pdf_fixtures;
use doc_fixtures::{Piece, other_ole, word_doc};
use pdf_fixtures::{
    Forms, Layout, encrypted_pdf, form_pdf, object_stream_bomb, pdf_with_streams, scan_pdf, spaces,
    text_pdf, to_unicode_cmap,
};

fn zip_with(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in entries {
        w.start_file(*name, opts).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

fn docx(text: &str) -> Vec<u8> {
    let doc = format!(
        "<?xml version=\"1.0\"?><w:document><w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>"
    );
    zip_with(&[
        ("[Content_Types].xml", b"<Types/>"),
        ("word/document.xml", doc.as_bytes()),
    ])
}

#[test]
fn magic_bytes_tell_the_real_type() {
    assert_eq!(sniff(b""), FileType::Empty);
    assert_eq!(sniff(b"%PDF-1.7\n"), FileType::Pdf);
    assert_eq!(
        sniff(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0]),
        FileType::Ole
    );
    assert_eq!(sniff(b"\xef\xbb\xbf<!DOCTYPE html><html>"), FileType::Html);
    assert_eq!(sniff(b"\x89PNG\r\n"), FileType::Image);
    assert_eq!(sniff(b"hello"), FileType::Unknown);
    let d = inspect(&docx("食品经营许可申请书"), true, ZipLimits::default());
    assert_eq!(d.real_type, Some(FileType::Docx));
    assert_eq!(d.heading.as_deref(), Some("食品经营许可申请书"));
    assert!(FileType::Docx.fits_extension("docx") && !FileType::Html.fits_extension("doc"));
    assert_eq!(
        fits_content_type(FileType::Html, "application/msword"),
        Some(false)
    );
    assert_eq!(
        fits_content_type(FileType::Ole, "application/msword; charset=gbk"),
        Some(true)
    );
    assert_eq!(
        fits_content_type(FileType::Docx, "application/octet-stream"),
        None
    );
}

#[test]
fn docx_text_is_checked_for_mojibake_and_personal_data() {
    let d = inspect(
        &docx("申请人：张三 身份证号：11010519491231002X 手机 13905661234 ç”³è¯·è¡¨"),
        true,
        ZipLimits::default(),
    );
    assert!(d.mojibake.is_some());
    assert_eq!(d.personal.len(), 2);
    assert!(!d.heading.unwrap().contains("11010519491231002X"));
}

#[test]
fn zip_bomb_is_refused_by_ratio_and_by_total() {
    let zeros = vec![0u8; 8 * 1024 * 1024];
    let bomb = zip_with(&[("word/document.xml", &zeros)]);
    let d = inspect(&bomb, true, ZipLimits::default());
    assert!(d.defect.as_deref().unwrap().contains("压缩炸弹"), "{d:?}");
    assert_eq!(d.unzipped_bytes, 0);
    // With a lax ratio the total bound still stops it.
    let lax = ZipLimits {
        max_ratio: u64::MAX,
        max_total_bytes: 1024 * 1024,
        ..ZipLimits::default()
    };
    let d = inspect(&bomb, true, lax);
    assert!(d.defect.as_deref().unwrap().contains("压缩炸弹"), "{d:?}");
    assert!(d.unzipped_bytes <= 1024 * 1024);
    // Too many entries.
    let many: Vec<(String, Vec<u8>)> = (0..30).map(|i| (format!("f{i}.xml"), vec![b'a'])).collect();
    let refs: Vec<(&str, &[u8])> = many
        .iter()
        .map(|(n, d)| (n.as_str(), d.as_slice()))
        .collect();
    let d = inspect(
        &zip_with(&refs),
        true,
        ZipLimits {
            max_entries: 10,
            ..ZipLimits::default()
        },
    );
    assert!(d.defect.as_deref().unwrap().contains("文件过多"));
}

#[test]
fn truncated_files_are_defects() {
    let full = docx("申请书");
    let cut = &full[..full.len() / 2];
    assert!(inspect(cut, true, ZipLimits::default()).defect.is_some());
    // Cut by our own download limit: not a defect.
    assert!(inspect(cut, false, ZipLimits::default()).defect.is_none());
    // A PDF without its end is cut short; with it, it opens.
    let pdf = text_pdf(&["食品经营许可证"], Layout::Classic);
    let cut = &pdf[..pdf.len() / 2];
    let d = inspect(cut, true, ZipLimits::default());
    assert_eq!(d.defect.as_deref(), Some("PDF 文件不完整（缺少文件结尾）"));
    assert!(inspect(cut, false, ZipLimits::default()).defect.is_none());
    assert!(inspect(&pdf, true, ZipLimits::default()).defect.is_none());
}

#[test]
fn soft_404_pages_are_recognised() {
    let page =
        "<html><head><title>404 页面不存在</title></head><body>您访问的页面不存在</body></html>";
    assert!(
        inspect(page.as_bytes(), true, ZipLimits::default())
            .soft_404
            .is_some()
    );
    let form = "<html><head><title>食品经营许可申请书</title></head><body><table><tr><td>申请人</td></tr></table></body></html>";
    assert!(
        inspect(form.as_bytes(), true, ZipLimits::default())
            .soft_404
            .is_none()
    );
}

#[test]
fn content_disposition_names_decode() {
    let (gbk, _, _) = encoding_rs::GBK.encode("食品经营许可申请书.doc");
    let mut raw = b"attachment; filename=\"".to_vec();
    raw.extend_from_slice(&gbk);
    raw.push(b'"');
    assert_eq!(
        content_disposition_name(&raw).as_deref(),
        Some("食品经营许可申请书.doc")
    );
    assert_eq!(
        content_disposition_name(b"attachment; filename*=UTF-8''%E7%94%B3%E8%AF%B7%E4%B9%A6.docx")
            .as_deref(),
        Some("申请书.docx")
    );
    assert_eq!(
        content_disposition_name(b"attachment; filename=%C9%EA%C7%EB%CA%E9.xls").as_deref(),
        Some("申请书.xls")
    );
    assert_eq!(extension("申请书.DOCX").as_deref(), Some("docx"));
    assert_eq!(extension("申请书"), None);
}

#[test]
fn names_relate_to_the_material() {
    assert_eq!(
        relates(&["食品经营许可申请书"], &["食品经营许可申请书（2023版）"]),
        Some(true)
    );
    assert_eq!(
        relates(
            &["食品经营许可申请书", "食品经营许可"],
            &["建设工程规划许可证申请表"]
        ),
        Some(true),
        "许可 is shared"
    );
    assert_eq!(
        relates(&["食品经营许可申请书"], &["个体工商户年度报告"]),
        Some(false)
    );
    assert_eq!(relates(&["申请表"], &["download"]), None);
    assert_eq!(relates(&["食品经营许可申请书"], &["20230101"]), None);
}

#[test]
fn quoted_text_is_masked_even_in_full_width() {
    assert_eq!(
        mask_personal("申请人张三 １３９０５６６１２３４"),
        "申请人张三 139****1234"
    );
    assert_eq!(
        mask_personal("咨询电话 0566-2021234"),
        "咨询电话 0566-2021234"
    );
}

/// A 营业执照 published as the result sample, as Word saves it to PDF: the legal
/// representative's ID number (valid check digit) and mobile number in full.
const LICENCE: &[&str] = &[
    "营业执照",
    "统一社会信用代码：91341700MA2TQ5XK8B",
    "名称：池州市某某餐饮有限公司",
    "法定代表人：张三 身份证号：110101199003078515",
    "联系电话：13905661234",
];

const MIB: u64 = 1024 * 1024;

fn small_limit() -> ZipLimits {
    ZipLimits {
        max_total_bytes: MIB,
        ..ZipLimits::default()
    }
}

/// The personal numbers an inspection found, masked, with their kinds.
fn hits(d: &Inspection) -> Vec<(PersonalKind, &str)> {
    d.personal
        .iter()
        .map(|h| (h.kind, h.masked.as_str()))
        .collect()
}

/// What [`LICENCE`]'s ID and mobile numbers (used in other samples too) are found as.
const LICENCE_HITS: [(PersonalKind, &str); 2] = [
    (PersonalKind::IdNumber, "1101**********8515"),
    (PersonalKind::Mobile, "139****1234"),
];

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

/// Should trip: personal data in a sample saved as a Word 97–2003 `.doc` (or WPS `.wps`), in
/// pieces of either width, across table cells and a field; the field's code is not text.
#[test]
fn old_word_documents_are_read_for_personal_data_and_heading() {
    let doc = word_doc(
        &[
            Piece::Wide(
                "营业执照（样本）\r名称：池州市某某食品有限公司\u{7}法定代表人：张三\u{7}\r身份证号：",
            ),
            Piece::Narrow("110101199003078515\r"),
            Piece::Wide("联系电话：\u{13} HYPERLINK \"tel:13905661234\" \u{14}13905661234\u{15}\r"),
        ],
        false,
    );
    let d = inspect(&doc, true, ZipLimits::default());
    assert_eq!(d.real_type, Some(FileType::Ole));
    assert_eq!((d.defect.as_deref(), d.no_text), (None, None), "{d:?}");
    assert_eq!(d.heading.as_deref(), Some("营业执照（样本）"));
    assert_eq!(hits(&d), LICENCE_HITS);
    // Garbling in an old document is found as in a new one.
    let garbled = word_doc(&[Piece::Wide("申请书\r申请人锟斤拷锟斤拷\r")], false);
    let d = inspect(&garbled, true, ZipLimits::default());
    assert!(
        d.mojibake.as_deref().is_some_and(|m| m.contains("锟斤拷")),
        "{d:?}"
    );
}

/// An old spreadsheet or an encrypted old document is not read: a hint, not a fault; a compound
/// file whose piece table points outside its stream is left for a person, never a panic.
#[test]
fn old_office_files_that_are_not_read_are_said_so() {
    let d = inspect(&other_ole(), true, ZipLimits::default());
    assert_eq!((d.defect, d.no_text), (None, Some(NoText::OldOffice)));
    let locked = word_doc(&[Piece::Wide("身份证号：110101199003078515\r")], true);
    let d = inspect(&locked, true, ZipLimits::default());
    assert_eq!(d.no_text, Some(NoText::OldOffice));
    assert!(d.personal.is_empty());
    // Only pictures, no text: as a picture.
    let pictures = word_doc(&[Piece::Wide("\u{1}\r")], false);
    let d = inspect(&pictures, true, ZipLimits::default());
    assert_eq!(d.no_text, Some(NoText::Image));
    // Cut short: what is still there is read, or the file is left for a person.
    let good = word_doc(&[Piece::Wide("营业执照\r")], false);
    for cut in [512, good.len() / 2, good.len() - 100] {
        let d = inspect(&good[..cut], true, ZipLimits::default());
        assert_eq!(d.defect, None, "cut at {cut}");
        assert!(
            d.heading.as_deref() == Some("营业执照") || d.no_text == Some(NoText::Unreadable),
            "cut at {cut}: {d:?}"
        );
    }
    let d = inspect(&good[..512], true, ZipLimits::default());
    assert_eq!(
        d.no_text,
        Some(NoText::Unreadable),
        "only the header is left"
    );
    // Damaged bytes anywhere: read or left for a person, never a panic.
    for i in (0..good.len()).step_by(97) {
        let mut bad = good.clone();
        bad[i] ^= 0x5A;
        let _ = inspect(&bad, true, ZipLimits::default());
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
