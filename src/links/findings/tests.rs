//! Tests of the link findings: verdicts to severities, formats, targets.

use super::*;
use crate::links::content::{FileType, Inspection};
use crate::model::Provenance;
use crate::model::personal::{PersonalHit, PersonalKind};

fn link_use(kind: LinkKind) -> LinkUse {
    LinkUse {
        item: 0,
        kind,
        url: "http://zwfw.chizhou.gov.cn/f/1.pdf".into(),
        valid: true,
        owner: Some("食品经营许可申请书".into()),
        item_name: "食品经营许可".into(),
        target: "材料「食品经营许可申请书」".into(),
        provenance: Provenance::file("items.json"),
        relative: false,
        guide_url: None,
    }
}

fn check(verdict: LinkVerdict, real: Option<FileType>) -> LinkCheck {
    LinkCheck {
        url: "http://zwfw.chizhou.gov.cn/f/1.pdf".into(),
        verdict,
        reason: if verdict == LinkVerdict::Ok {
            String::new()
        } else {
            "请求超时".into()
        },
        status: Some(200),
        final_url: None,
        file_name: Some("食品经营许可申请书.pdf".into()),
        content_type: Some("application/pdf".into()),
        size: Some(100),
        partial: false,
        etag: None,
        last_modified: None,
        content_hash: None,
        checked_at: "2026-11-28T00:00:00Z".into(),
        inspection: real.map(|r| Inspection {
            real_type: Some(r),
            personal: vec![PersonalHit {
                kind: PersonalKind::Mobile,
                masked: "139****1234".into(),
            }],
            ..Inspection::default()
        }),
        requests: 1,
        from_cache: false,
        cacheable: true,
    }
}

#[test]
fn verdicts_map_to_severities() {
    let u = link_use(LinkKind::BlankForm);
    let p = problems(&u, &check(LinkVerdict::Unverifiable, None));
    assert_eq!(p.len(), 1);
    assert_eq!(p[0].severity, Severity::Warning);
    assert!(p[0].message.contains("下次检查将重试"));
    let p = problems(&u, &check(LinkVerdict::Broken, None));
    assert_eq!(p[0].severity, Severity::Error);
    assert!(
        p[0].message
            .ends_with("\"http://zwfw.chizhou.gov.cn/f/1.pdf\"")
    );
}

#[test]
fn a_pdf_fails_a_blank_form_but_not_a_sample() {
    let form = problems(
        &link_use(LinkKind::BlankForm),
        &check(LinkVerdict::Ok, Some(FileType::Pdf)),
    );
    assert_eq!(form.len(), 1, "{form:?}");
    assert!(form[0].message.contains("不是可编辑格式"));
    // The blank form is not a sample: its personal data is not reported.
    let sample = problems(
        &link_use(LinkKind::Sample),
        &check(LinkVerdict::Ok, Some(FileType::Pdf)),
    );
    assert_eq!(sample.len(), 1, "{sample:?}");
    assert_eq!(
        sample[0].message,
        "示例样表中有未打码的手机号码: \"139****1234\""
    );
    // A query site is a page: nothing about its content.
    assert!(
        problems(
            &link_use(LinkKind::IntermediaryQuery),
            &check(LinkVerdict::Ok, Some(FileType::Pdf))
        )
        .is_empty()
    );
}

#[test]
fn unregistered_rules_fall_back_to_the_rulebook() {
    let r = rule_ref(LinkKind::OnlineUrl, &RuleSet::default()).unwrap();
    assert_eq!((r.id, r.category), ("L01", Category::General));
    let r = rule_ref(LinkKind::BlankForm, &RuleSet::default()).unwrap();
    assert_eq!(r.id, "M06");
}

/// A .docx cut at the download limit is a zip container as far as its first bytes tell: not
/// a format error, a warning that it could not be judged. A PDF is a PDF from its first bytes.
#[test]
fn a_file_cut_at_the_limit_is_not_judged_by_what_it_starts_with() {
    let u = link_use(LinkKind::BlankForm);
    let cut = |real: FileType| LinkCheck {
        file_name: Some("食品经营许可申请书.docx".into()),
        content_type: None,
        partial: true,
        size: Some(20 * 1024 * 1024),
        ..check(LinkVerdict::Ok, Some(real))
    };
    for real in [FileType::Zip, FileType::Unknown] {
        let p = problems(&u, &cut(real));
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].severity, Severity::Warning);
        // The clerk is told how large a file may be.
        assert!(
            p[0].message.contains("超过下载大小上限（20 MB）"),
            "{}",
            p[0].message
        );
    }
    let p = problems(&u, &cut(FileType::Pdf));
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(p[0].message.contains("不是可编辑格式"));
    // Whole, the same zip container under a .docx name is a format error.
    let whole = LinkCheck {
        partial: false,
        ..cut(FileType::Zip)
    };
    assert_eq!(problems(&u, &whole)[0].severity, Severity::Error);
}

/// Each problem names what of the link it is about, after the link's place: a link problem
/// and the rule's own finding on the same value (both quote the URL) are different problems.
#[test]
fn link_targets_name_the_link_and_the_aspect() {
    let form = link_use(LinkKind::BlankForm);
    let p = problems(&form, &check(LinkVerdict::Broken, None));
    assert_eq!(
        link_target(&form, p[0].aspect),
        "材料「食品经营许可申请书」的空白表格链接"
    );
    let result = LinkUse {
        target: "结果样本".into(),
        ..link_use(LinkKind::ResultSample)
    };
    let p = problems(&result, &check(LinkVerdict::Ok, Some(FileType::Pdf)));
    assert_eq!(link_target(&result, p[0].aspect), "结果样本个人信息");
}

/// A sample PDF whose text could not be read (a scan, encrypted) is a hint to check it by hand,
/// never an error; a blank form PDF is an error for its format alone, with no such hint.
#[test]
fn an_unread_pdf_sample_is_a_hint_to_check_by_hand() {
    use crate::links::content::NoText;
    let unread = |why| LinkCheck {
        inspection: Some(Inspection {
            real_type: Some(FileType::Pdf),
            no_text: Some(why),
            ..Inspection::default()
        }),
        ..check(LinkVerdict::Ok, None)
    };
    let result = LinkUse {
        target: "结果样本".into(),
        ..link_use(LinkKind::ResultSample)
    };
    let p = problems(&result, &unread(NoText::Scan));
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!(p[0].severity, Severity::Warning);
    assert_eq!(
        p[0].message,
        "结果样本是扫描件或图片型 PDF，没有可读取的文字，未能自动检查其中的个人信息: \"食品经营许可申请书.pdf\""
    );
    assert_eq!(link_target(&result, p[0].aspect), "结果样本个人信息");
    let p = problems(&link_use(LinkKind::Sample), &unread(NoText::Encrypted));
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(
        p[0].message
            .starts_with("示例样表是需要密码才能打开的 PDF，未读取文字")
    );
    let p = problems(&link_use(LinkKind::BlankForm), &unread(NoText::Scan));
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!(p[0].severity, Severity::Error);
    assert!(p[0].message.contains("不是可编辑格式"));
    // A photo of a filled-in form is as unread as a scanned PDF: the same hint, told by its
    // type (a check cached before this hint existed gives it too).
    let photo = LinkUse {
        url: "http://zwfw.chizhou.gov.cn/f/营业执照样本.jpg".into(),
        ..link_use(LinkKind::Sample)
    };
    let jpeg = LinkCheck {
        file_name: Some("营业执照样本.jpg".into()),
        content_type: Some("image/jpeg".into()),
        inspection: Some(Inspection {
            real_type: Some(FileType::Image),
            ..Inspection::default()
        }),
        ..check(LinkVerdict::Ok, None)
    };
    let p = problems(&photo, &jpeg);
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!(p[0].severity, Severity::Warning);
    assert!(
        p[0].message
            .starts_with("示例样表是图片，未读取其中的文字，未能自动检查其中的个人信息"),
        "{}",
        p[0].message
    );
    // A rich-text document saved under .doc (Word and WPS do) is read (`content::rtf`): its type
    // alone is no hint.
    let rtf = LinkCheck {
        file_name: Some("营业执照样本.doc".into()),
        content_type: Some("application/msword".into()),
        inspection: Some(Inspection {
            real_type: Some(FileType::Rtf),
            ..Inspection::default()
        }),
        ..check(LinkVerdict::Ok, None)
    };
    assert_eq!(problems(&photo, &rtf), Vec::new());
}
