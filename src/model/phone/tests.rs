//! Tests of [`parse_phones`]: separators, kinds and extensions, shorthand, numbers in groups,
//! and the dates, ranges, codes and web addresses that are no phones.

use super::*;

fn canon(text: &str) -> Vec<String> {
    parse_phones(text).iter().map(Phone::canonical).collect()
}

#[test]
fn several_numbers_with_separators() {
    assert_eq!(
        canon("0566-1234567、0566-7654321"),
        ["0566-1234567", "0566-7654321"]
    );
    assert_eq!(
        canon("0551—65123456；0551-65123457和010-12345678"),
        ["0551-65123456", "0551-65123457", "010-12345678"]
    );
    assert_eq!(canon("（0566）2021234"), ["0566-2021234"]);
    assert_eq!(canon("05662021234"), ["0566-2021234"]);
    assert_eq!(canon("０５６６－２０２１２３４"), ["0566-2021234"]);
}

#[test]
fn kinds_and_extensions() {
    let p = parse_phones("0566-2021234转801");
    assert_eq!(p.len(), 1);
    assert_eq!(p[0].extension.as_deref(), Some("801"));
    assert_eq!(parse_phones("13905661234")[0].kind, PhoneKind::Mobile);
    assert_eq!(parse_phones("400-123-4567")[0].kind, PhoneKind::National);
    let hot = parse_phones("0566-12345");
    assert_eq!(hot[0].kind, PhoneKind::Hotline);
    assert_eq!(hot[0].area_code.as_deref(), Some("0566"));
    let bare = parse_phones("12345");
    assert_eq!(
        (bare[0].kind, bare[0].area_code.clone()),
        (PhoneKind::Hotline, None)
    );
    assert_eq!(parse_phones("2021234")[0].area_code, None);
    // h5: the 12345 in the hotline's name is no number of its own when the number follows.
    assert_eq!(
        canon("0566-2021199；池州市12345政务服务便民热线：0566-12345"),
        ["0566-2021199", "0566-12345"]
    );
    assert_eq!(canon("12315投诉举报热线（0566-12315）"), ["0566-12315"]);
    // h32: its name in a note after the number.
    assert_eq!(
        canon("0566-12345（池州市12345政务服务便民热线）"),
        ["0566-12345"]
    );
    assert_eq!(canon("0566-12345（池州市12345热线）"), ["0566-12345"]);
    // Another hotline named after a number is still a number of its own.
    assert_eq!(
        canon("0566-12345（12315投诉举报热线）"),
        ["0566-12345", "12315"]
    );
    // Alone, it is the number (without its area code).
    assert_eq!(canon("12345热线"), ["12345"]);
    assert_eq!(canon("12345政务服务便民热线"), ["12345"]);
}

#[test]
fn shorthand_groups_and_run_together_hotlines() {
    // A bare local number after a landline shares its area code.
    assert_eq!(
        canon("0566-2021234/2021235"),
        ["0566-2021234", "0566-2021235"]
    );
    assert_eq!(
        canon("0566-2021234、2021235和0566-12345"),
        ["0566-2021234", "0566-2021235", "0566-12345"]
    );
    // Not after a different length or a mobile.
    assert_eq!(canon("13905661234、2021235"), ["13905661234", "2021235"]);
    let ext = parse_phones("0566-2021234-801");
    assert_eq!((ext.len(), ext[0].extension.as_deref()), (1, Some("801")));
    assert_eq!(canon("056612345"), ["0566-12345"]);
    assert_eq!(parse_phones("056612345")[0].kind, PhoneKind::Hotline);
    assert_eq!(canon("139-0566-1234"), ["13905661234"]);
    assert_eq!(parse_phones("139 0566 1234")[0].kind, PhoneKind::Mobile);
    assert_eq!(canon("400-6789-123"), ["4006789123"]);
    assert_eq!(
        canon("0566-2021234，13905661234；800-820-8820"),
        ["0566-2021234", "13905661234", "8008208820"]
    );
}

#[test]
fn split_groups_country_codes_spaces_and_line_breaks() {
    // A local number in two groups, with or without its area code.
    assert_eq!(canon("202 1156"), ["2021156"]);
    assert_eq!(canon("2021 156"), ["2021156"]);
    assert_eq!(canon("0566-202 1156"), ["0566-2021156"]);
    assert_eq!(parse_phones("202 1156")[0].raw, "202 1156");
    // The country code, and the area code after it without its 0.
    assert_eq!(canon("+86-566-2021156"), ["0566-2021156"]);
    assert_eq!(canon("+86 10 12345678"), ["010-12345678"]);
    assert_eq!(canon("(+86)0566-2021156"), ["0566-2021156"]);
    assert_eq!(canon("+86 13905661234"), ["13905661234"]);
    // White space alone separates the shorthand.
    assert_eq!(
        canon("0566-2021156 2021157"),
        ["0566-2021156", "0566-2021157"]
    );
    // A wrapped cell.
    assert_eq!(canon("0566-\n2021156"), ["0566-2021156"]);
    // Not a split number: three groups, a hotline, a short pair.
    assert_eq!(canon("12345 202"), ["12345"]);
    assert!(parse_phones("100 200").is_empty());
    assert_eq!(canon("139 0566 1234"), ["13905661234"]);
}

#[test]
fn a_local_number_split_by_a_hyphen_is_one_number() {
    let p = parse_phones("0566-202-1156");
    assert_eq!(p.len(), 1);
    assert_eq!(
        (p[0].kind, p[0].area_code.as_deref(), p[0].number.as_str()),
        (PhoneKind::Landline, Some("0566"), "2021156")
    );
    assert_eq!(p[0].raw, "0566-202-1156");
    let p = parse_phones("202-1156");
    assert_eq!(p.len(), 1);
    assert_eq!(
        (
            p[0].area_code.as_deref(),
            p[0].number.as_str(),
            p[0].raw.as_str()
        ),
        (None, "2021156", "202-1156")
    );
    assert_eq!(canon("咨询电话：202-1156（工作日）"), ["2021156"]);
    assert_eq!(canon("0551-6512-3456"), ["0551-65123456"]);
    assert_eq!(canon("6512－3456"), ["65123456"]);
    assert_eq!(canon("0566-202-1156转801"), ["0566-2021156"]);
    let ext = parse_phones("0566-202-1156-801");
    assert_eq!((ext.len(), ext[0].extension.as_deref()), (1, Some("801")));
    assert_eq!(
        canon("0566-202-1156、0566-202-1157"),
        ["0566-2021156", "0566-2021157"]
    );
    // The grouped forms that were read before still are.
    assert_eq!(canon("400-6789-123"), ["4006789123"]);
    assert_eq!(canon("139-0566-1234"), ["13905661234"]);
    assert_eq!(canon("0566-2021234-801"), ["0566-2021234"]);
}

#[test]
fn dates_ranges_and_codes_with_hyphens_are_no_phones() {
    for t in [
        "2021-2023",
        "2021-2023年",
        "2021—2023",
        "2021-156",
        "8:30-12:00",
        "08:30-12:00",
        "8:30-1200",
        "2021-12-01",
        "341702-202-1156",
        "No.202-1156",
        "SN202-1156",
        "202-1156-789",
        "第202-1156号",
        "202-1156号",
        "100-200",
        "511A0138000000-511602000000-000-115113010833722043-1-00",
    ] {
        assert!(parse_phones(t).is_empty(), "{t}: {:?}", parse_phones(t));
    }
}

#[test]
fn room_time_and_extension_ranges_are_no_phones() {
    for (t, want) in [
        (
            "0566-2021156（市民中心B座1201-1203室）",
            &["0566-2021156"][..],
        ),
        ("0566-2021156（工作时间900-1700）", &["0566-2021156"]),
        (
            "0566-2021156（工作日830-1200，1430-1730）",
            &["0566-2021156"],
        ),
        ("0566-2021156，1156-1158分机", &["0566-2021156"]),
        ("0566-65123456，1201-1203室", &["0566-65123456"]),
        ("1201-1203", &[]),
        ("办公地点3楼301-305", &[]),
        ("202-1156楼", &[]),
    ] {
        assert_eq!(canon(t), want, "{t}");
    }
    // A number whose halves are no range or clock times still is one.
    assert_eq!(canon("202-1156"), ["2021156"]);
    assert_eq!(canon("6512-3456"), ["65123456"]);
}

#[test]
fn hyphenated_shorthand_after_a_landline_shares_its_area_code() {
    for t in [
        "0566-2021156、202-1157",
        "0566-202-1156、202-1157",
        "0566-202-1156，202-1157",
        "0566-2021156/202-1157",
        "0566-2021156 202-1157",
    ] {
        assert_eq!(canon(t), ["0566-2021156", "0566-2021157"], "{t}");
    }
    assert_eq!(
        canon("0566-2021156/202-1157/202-1158"),
        ["0566-2021156", "0566-2021157", "0566-2021158"]
    );
    assert_eq!(parse_phones("0566-2021156、202-1157")[1].raw, "202-1157");
    // Another length is a number of its own.
    assert_eq!(
        canon("0566-65123456、202-1157"),
        ["0566-65123456", "2021157"]
    );
}

#[test]
fn digits_of_a_web_address_without_its_scheme_are_no_phones() {
    for t in [
        "12345.chizhou.gov.cn",
        "登录12345.chizhou.gov.cn投诉",
        "www.12388.gov.cn",
        "中纪委举报网站 www.12388.gov.cn",
        "www.ahzwfw.gov.cn/zx/2021156",
        "ahzwfw.gov.cn/zx/2021156",
        "WWW.12388.GOV.CN",
    ] {
        assert!(parse_phones(t).is_empty(), "{t}: {:?}", parse_phones(t));
    }
    // A number beside a web address is still read.
    for (t, want) in [
        (
            "0566-2021156（网址 www.ahzwfw.gov.cn）",
            &["0566-2021156"][..],
        ),
        (
            "0566-2021156（网址www.ahzwfw.gov.cn/zx/2021157）",
            &["0566-2021156"],
        ),
        ("www.ahzwfw.gov.cn 0566-2021156", &["0566-2021156"]),
        ("网址：www.12388.gov.cn，电话：0566-12388", &["0566-12388"]),
        ("0566-12345或登录12345.chizhou.gov.cn", &["0566-12345"]),
        ("0566-2021156/2021157", &["0566-2021156", "0566-2021157"]),
        ("0566-2021156。", &["0566-2021156"]),
        ("No.2021156", &["2021156"]),
    ] {
        assert_eq!(canon(t), want, "{t}");
    }
}

#[test]
fn non_numbers_yield_nothing() {
    assert!(parse_phones("http://www.ahzwfw.gov.cn/1234567").is_empty());
    assert!(parse_phones("zwfw12345678@163.com").is_empty());
    assert!(parse_phones("请到窗口咨询").is_empty());
}
