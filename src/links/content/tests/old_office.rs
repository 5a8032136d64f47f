//! Old Word documents read for personal data, and old Office files that are not read.

use super::*;

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

/// A presentation or an encrypted old document is not read (old workbooks are: `xls.rs`): a
/// hint, not a fault; a compound file whose piece table points outside its stream is left for a
/// person, never a panic.
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
