//! Unit tests of the content inspection: magic bytes, zip limits, names, soft 404s.

mod files;
mod old_office;
mod pdf;

use std::io::{Cursor, Write};

use super::*;
use crate::model::personal::PersonalKind;

#[path = "../../../../tests/links_server/doc.rs"]
mod doc_fixtures;
#[path = "../../../../tests/links_server/pdf.rs"]
mod pdf_fixtures;
use doc_fixtures::{Piece, other_ole, word_doc};
use pdf_fixtures::{
    Forms, Layout, encrypted_pdf, form_pdf, object_stream_bomb, pdf_with_streams, scan_pdf, spaces,
    text_pdf, to_unicode_cmap,
};

/// A 营业执照 published as the result sample, as Word saves it to PDF: the legal
/// representative's ID number (valid check digit) and mobile number in full.
const LICENCE: &[&str] = &[
    "营业执照",
    "统一社会信用代码：91341700MA2TQ5XK8B",
    "名称：池州市某某餐饮有限公司",
    "法定代表人：张三 身份证号：110101199003078515",
    "联系电话：13905661234",
];

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
