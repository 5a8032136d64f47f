//! Magic bytes, zip limits and truncation, file names, soft 404s and masked quotes.

use super::*;

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

/// A sample's ID number in its page header or footer (word/header1.xml, word/footer2.xml) is
/// found: only the body was read, and the number went unseen.
#[test]
fn personal_data_in_a_page_header_or_footer_is_found() {
    let doc = "<w:document><w:body><w:p><w:r><w:t>食品经营许可申请书（样表）</w:t></w:r></w:p></w:body></w:document>";
    let header =
        "<w:hdr><w:p><w:r><w:t>申请人身份证号：11010519491231002X</w:t></w:r></w:p></w:hdr>";
    let footer = "<w:ftr><w:p><w:r><w:t>联系电话 13905661234</w:t></w:r></w:p></w:ftr>";
    let file = zip_with(&[
        ("[Content_Types].xml", b"<Types/>"),
        ("word/document.xml", doc.as_bytes()),
        ("word/header1.xml", header.as_bytes()),
        ("word/footer2.xml", footer.as_bytes()),
    ]);
    let d = inspect(&file, true, ZipLimits::default());
    assert_eq!(d.defect, None);
    assert_eq!(d.personal.len(), 2, "{d:?}");
    // Within the same bounds: a header that inflates past the total is stopped.
    let tight = ZipLimits {
        max_total_bytes: 150,
        ..ZipLimits::default()
    };
    assert!(inspect(&file, true, tight).defect.is_some());
}

/// A blank form with a large white picture deflates about 1000:1: the picture is never inflated,
/// so its ratio does not make the form a zip bomb (a false 空白表格链接失效 against the unit).
#[test]
fn a_picture_that_compresses_well_is_no_zip_bomb() {
    let white_bmp = vec![0xFF_u8; 2 * 1024 * 1024];
    let form = zip_with(&[
        ("[Content_Types].xml", b"<Types/>"),
        (
            "word/document.xml",
            "<w:document><w:body><w:p><w:r><w:t>食品经营许可申请书</w:t></w:r></w:p></w:body></w:document>".as_bytes(),
        ),
        ("word/media/image1.bmp", &white_bmp),
    ]);
    let d = inspect(&form, true, ZipLimits::default());
    assert_eq!(d.defect, None, "{d:?}");
    assert_eq!(d.real_type, Some(FileType::Docx));
    assert!(d.unzipped_bytes < 1024, "the picture was inflated: {d:?}");
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

/// A firewall's or rate limit's page turned the tool away: not a missing file, not a form; a page
/// about a building's fire wall is neither.
#[test]
fn pages_of_a_sites_protection_are_told_from_error_pages() {
    for page in [
        "<html><head><title>网站防火墙</title></head><body>您的请求带有不合法参数，已被网站管理员设置拦截！出错了</body></html>",
        "<html><body><p>访问过于频繁，请稍后再试</p></body></html>",
        "<html><head><title>安全验证</title></head><body><script>var a=1;</script></body></html>",
    ] {
        let ins = inspect(page.as_bytes(), true, ZipLimits::default());
        assert!(ins.blocked.is_some(), "{page}");
        assert!(ins.soft_404.is_none(), "{page}");
    }
    let form =
        "<html><head><title>建筑防火墙检测报告</title></head><body>防火墙耐火极限：</body></html>";
    assert!(
        inspect(form.as_bytes(), true, ZipLimits::default())
            .blocked
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
        Some(false),
        "许可 alone is in half the forms: a planning permit's form is not a food licence's"
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
